/**
 * Reception desk bench: how fast the desk's day (`GET /api/reception/today`: appointments, visits, checklists,
 * queues and delays of every practitioner) and the public waiting-room board answer on the demo practice,
 * one client and 8 concurrent clients (a desk, practitioners' screens and a board refreshing together after
 * a change), then check-in → call → start → end cycles over HTTP.
 *
 * Run: npx tsx bench/reception/desk.ts          (REQUESTS=300 to change the count)
 * Pivot runs as a child process (`node bin/pivot.mjs start`, demo data, temporary PIVOT_DATA_DIR, random port).
 */
import { performance } from 'node:perf_hooks';
import { cleanup, login, makeDataDir, startPivot } from '../platform/lib.js';

const REQUESTS = Number(process.env.REQUESTS ?? 300);
const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? NaN;
};

async function timed(n: number, concurrency: number, call: () => Promise<Response>) {
  const times: number[] = [];
  let next = 0;
  const t0 = performance.now();
  await Promise.all(Array.from({ length: concurrency }, async () => {
    while (next++ < n) {
      const s = performance.now();
      const res = await call();
      await res.arrayBuffer();
      if (!res.ok) throw new Error(`HTTP ${res.status}`);
      times.push(performance.now() - s);
    }
  }));
  const seconds = (performance.now() - t0) / 1000;
  return { 'req/s': Math.round(n / seconds), 'p50 ms': pct(times, 50).toFixed(1), 'p95 ms': pct(times, 95).toFixed(1) };
}

const dir = makeDataDir('pivot-bench-reception-');
const pivot = await startPivot(dir);
try {
  const url = pivot.url;
  const desk = await login(url, 'secretaire@demo.pivot');
  const admin = await login(url, 'admin@demo.pivot');
  const h = (t: string) => ({ authorization: `Bearer ${t}`, accept: 'application/json' });
  // A busy day whatever the weekday: 24 appointments per practitioner today (desk override of the hours), half checked in.
  const practitioners = (await (await fetch(`${url}/api/agenda/practitioners`, { headers: h(desk) })).json() as { practitioners: { id: string }[] }).practitioners;
  const patients = await (await fetch(`${url}/api/patients?q=e&limit=100`, { headers: h(desk) })).json() as { patients: { id: string }[] };
  const post = (path: string, body: unknown = {}) => fetch(`${url}${path}`, { method: 'POST', headers: { ...h(desk), 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const dayStart = new Date(new Date().toLocaleString('en-US', { timeZone: 'Europe/Paris' }));
  const offset = Date.now() - dayStart.getTime(); // Paris wall clock → instant
  const checkIns: number[] = [];
  let k = 0;
  for (const pr of practitioners) {
    for (let i = 0; i < 24; i++) {
      const wall = new Date(dayStart);
      wall.setHours(8, 0, 0, 0);
      const start = new Date(Math.round((wall.getTime() + offset) / 60_000) * 60_000 + i * 20 * 60_000);
      const r = await post('/api/agenda/appointments', { practitionerId: pr.id, patientId: patients.patients[k++ % patients.patients.length]!.id, start: start.toISOString(), overrideReason: 'Banc d’essai accueil' });
      const body = await r.json() as { appointment?: { id: string } };
      if (r.status !== 201 && k === 1) console.log('booking refused:', r.status, JSON.stringify(body).slice(0, 300));
      if (r.status === 201 && body.appointment && i % 2 === 0) {
        const s = performance.now();
        const c = await post('/api/reception/check-in', { appointmentId: body.appointment.id });
        await c.arrayBuffer();
        if (c.status === 201) checkIns.push(performance.now() - s);
      }
    }
  }
  const day = await (await fetch(`${url}/api/reception/today`, { headers: h(desk) })).json() as { rows: { visitId: string | null; state: string }[]; practitioners: unknown[] };
  const link = await (await fetch(`${url}/api/reception/board-link`, { method: 'POST', headers: h(admin) })).json() as { token: string };
  console.log(`demo day: ${day.rows.length} rows (${day.rows.filter((r) => r.visitId).length} visits), ${day.practitioners.length} practitioners`);
  const rows: Record<string, string | number>[] = [];
  for (const c of [1, 8]) {
    rows.push({ what: 'GET /api/reception/today', clients: c, ...(await timed(REQUESTS, c, () => fetch(`${url}/api/reception/today`, { headers: h(desk) }))) });
    // The public board is rate-limited (240 requests/min per address): a smaller sample.
    rows.push({ what: 'GET /api/reception/board/:token', clients: c, ...(await timed(100, c, () => fetch(`${url}/api/reception/board/${link.token}`))) });
  }
  // Walk-in → call → start → end, sequentially: the write path of a visit (4 audited transactions).
  rows.push({ what: 'POST /api/reception/check-in', clients: 1, 'req/s': Math.round(checkIns.length / (checkIns.reduce((a, b) => a + b, 0) / 1000)), 'p50 ms': pct(checkIns, 50).toFixed(1), 'p95 ms': pct(checkIns, 95).toFixed(1) });
  const cycle: number[] = [];
  let done = 0;
  const used = new Set(patients.patients.map((p) => p.id));
  const others = (await (await fetch(`${url}/api/patients?q=o&limit=100`, { headers: h(desk) })).json() as { patients: { id: string }[] }).patients.filter((p) => !used.has(p.id));
  for (const p of others.slice(0, 40)) {
    const s = performance.now();
    const w = await post('/api/reception/walk-ins', { patientId: p.id, practitionerId: practitioners[done % practitioners.length]!.id });
    if (w.status !== 201) { await w.arrayBuffer(); continue; } // already waiting in the demo day
    const { visit } = await w.json() as { visit: { id: string } };
    for (const step of ['call', 'start', 'end']) {
      const r = await post(`/api/reception/visits/${visit.id}/${step}`);
      await r.arrayBuffer();
      if (!r.ok) throw new Error(`${step}: HTTP ${r.status}`);
    }
    cycle.push(performance.now() - s);
    done++;
  }
  rows.push({ what: 'walk-in → call → start → end (4 requests)', clients: 1, 'req/s': Math.round((4 * done) / (cycle.reduce((a, b) => a + b, 0) / 1000)), 'p50 ms': pct(cycle, 50).toFixed(1), 'p95 ms': pct(cycle, 95).toFixed(1) });
  console.table(rows);
  const cols = Object.keys(rows[0]!);
  console.log(`| ${cols.join(' | ')} |\n|${cols.map(() => '---').join('|')}|\n${rows.map((r) => `| ${cols.map((c) => r[c]).join(' | ')} |`).join('\n')}`);
} finally {
  await cleanup(dir, pivot);
}
