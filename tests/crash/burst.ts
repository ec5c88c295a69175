/**
 * A burst of concurrent patient creations. Each response is classified; only a 201 with a patient id
 * counts as acknowledged (the transaction committed before the answer was sent).
 */
import { clock } from '../../src/server/platform/clock.js';
export interface Outcome {
  at: number;
  status: number | null;
  /** `error.code` of a JSON error body. */
  code?: string;
  /** Transport failure (connection refused/reset, timeout). */
  transport?: string;
  id?: string;
  ms: number;
}

export interface BurstResult {
  outcomes: Outcome[];
  acknowledged: string[];
}

/** 0 → A, 25 → Z, 26 → BA… */
function letters(n: number): string {
  let s = '';
  do {
    s = String.fromCharCode(65 + (n % 26)) + s;
    n = Math.floor(n / 26);
  } while (n > 0);
  return s;
}

export async function createPatient(url: string, token: string, n: number, timeoutMs = 10_000): Promise<Outcome> {
  const started = clock.nowMs();
  try {
    const res = await fetch(`${url}/api/patients`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      // Names admit letters only; many identical identities are intended, so the duplicate check is confirmed away.
      body: JSON.stringify({ birthName: `CRASH ${letters(n)}`, firstName: 'Marie', birthDate: '1980-02-03', sex: 'F', confirmNotDuplicate: true }),
      signal: AbortSignal.timeout(timeoutMs),
    });
    const text = await res.text();
    let body: { patient?: { id?: string }; error?: { code?: string } } | undefined;
    try {
      body = JSON.parse(text);
    } catch {
      body = undefined;
    }
    return {
      at: started,
      status: res.status,
      ms: clock.nowMs() - started,
      ...(body?.patient?.id ? { id: body.patient.id } : {}),
      ...(body?.error?.code ? { code: body.error.code } : {}),
      ...(body === undefined ? { code: `non-json: ${text.slice(0, 80)}` } : {}),
    };
  } catch (err) {
    const e = err as Error & { cause?: { code?: string } };
    return { at: started, status: null, transport: e.cause?.code ?? e.name ?? String(err), ms: clock.nowMs() - started };
  }
}

/** `clients` loops creating patients until `durationMs` has passed. Bounded: each request has its own timeout. */
export async function burst(url: string, token: string, opts: { clients?: number; durationMs: number; timeoutMs?: number }): Promise<BurstResult> {
  const clients = opts.clients ?? 8;
  const end = clock.nowMs() + opts.durationMs;
  const outcomes: Outcome[] = [];
  let n = 0;
  await Promise.all(
    Array.from({ length: clients }, async () => {
      while (clock.nowMs() < end) {
        const o = await createPatient(url, token, n++, opts.timeoutMs);
        outcomes.push(o);
        if (o.status === null) await new Promise((r) => setTimeout(r, 20)); // server gone: do not spin
      }
    }),
  );
  return { outcomes, acknowledged: outcomes.filter((o) => o.status === 201 && o.id).map((o) => o.id!) };
}

export function summarize(outcomes: Outcome[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const o of outcomes) {
    const key = o.status === null ? `transport:${o.transport}` : `${o.status}${o.code ? ` ${o.code}` : ''}`;
    counts[key] = (counts[key] ?? 0) + 1;
  }
  return counts;
}
