import { sql } from 'kysely';
import http from 'node:http';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, createTestPivot, type TestPivot } from '../../../tests/helpers.js';
import { JobWorker } from '../jobs/index.js';
import { HttpSmsProvider } from '../platform/sms/http.js';
import { parseCalendar, unescapeText } from './ical.js';
import { linkKey, signLink } from './links.js';
import { agendaJobHandlers } from './notifications.js';
import { mailTransport, sendJob } from '../messaging/index.js';
import { clock } from '../platform/clock.js';

/**
 * Notifications, online booking, signed links, waiting list and iCal feeds, end to end: the app through HTTP
 * injection, a real SMTP server and a fake SMS provider (HTTP) on loopback, the job worker drained in-process.
 */
type Mail = { to: string; subject: string; text: string; messageId: string };
const mails: Mail[] = [];
const smsRequests: { headers: http.IncomingHttpHeaders; body: { to: string; text: string; reference: string } }[] = [];
let smtp: SMTPServer;
let smsServer: http.Server;
let pivot: TestPivot;
let worker: JobWorker;
let secretary: string;
let admin: string;
let practiceId: string;
let motif: { id: string; practitionerId: string | null; name: string };
let practitionerId: string;
const SLUG = 'maison-de-sante-des-tilleuls';
const PUBLIC = 'https://rdv.example.fr';

async function drain(): Promise<void> {
  for (let i = 0; i < 10; i++) if ((await worker.drain()) === 0) break;
}
const mailsTo = (to: string) => mails.filter((m) => m.to === to);

/**
 * The waiting-list offer sent to `to`: drains the queue until it arrives (a send retried after a transient
 * failure waits for its back-off, which one drain does not), or fails with the queue's state to read.
 */
async function offerMailTo(to: string) {
  const deadline = clock.nowMs() + 15_000;
  for (;;) {
    await drain();
    // In the waiting patient's language: the demo patient picked on some dates prefers English.
    const mail = mailsTo(to).find((m) => m.subject.includes('créneau plus tôt') || m.subject.includes('earlier slot'));
    if (mail) return mail;
    if (clock.nowMs() > deadline) {
      const jobs = await pivot.database.db.selectFrom('jobs').select(['kind', 'status', 'attempts', 'run_at', 'last_error']).where('kind', 'like', 'agenda.%offer%').execute();
      const freed = await pivot.database.db.selectFrom('jobs').select(['status', 'attempts', 'run_at', 'last_error']).where('kind', '=', 'agenda.slot_freed').execute();
      const offers = await pivot.database.db.selectFrom('waiting_offers').select(['status', 'wave', 'expires_at']).execute();
      throw new Error(`no offer mailed to ${to}: ${JSON.stringify({ jobs, freed, offers, mails: mails.map((m) => [m.to, m.subject]) })}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}

beforeAll(async () => {
  smtp = new SMTPServer({
    authOptional: true, disabledCommands: ['STARTTLS', 'AUTH'], logger: false, disableReverseLookup: true, name: 'localhost',
    onData(stream, _s, cb) {
      simpleParser(stream).then((m) => {
        mails.push({ to: Array.isArray(m.to) ? m.to[0]!.text : (m.to?.text ?? ''), subject: m.subject ?? '', text: m.text ?? '', messageId: m.messageId ?? '' });
        cb();
      }, cb);
    },
  });
  await new Promise<void>((r) => smtp.listen(0, '127.0.0.1', () => r()));
  smsServer = http.createServer((req, res) => {
    let data = '';
    req.on('data', (c) => (data += c));
    req.on('end', () => {
      smsRequests.push({ headers: req.headers, body: JSON.parse(data) });
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ id: `prov-${smsRequests.length}` }));
    });
  });
  await new Promise<void>((r) => smsServer.listen(0, '127.0.0.1', () => r()));
  const smtpUrl = `smtp://127.0.0.1:${(smtp.server.address() as { port: number }).port}?pool=true`;
  pivot = await createTestPivot({ SMTP_URL: smtpUrl, PIVOT_PUBLIC_URL: PUBLIC });
  const db = pivot.database.db;
  // The demo seed queued confirmations for its own appointments: not this test's business.
  await db.updateTable('jobs').set({ status: 'cancelled' }).where('status', '=', 'queued').execute();
  const sms = new HttpSmsProvider({ url: `http://127.0.0.1:${(smsServer.address() as { port: number }).port}/sms`, token: 'secret-token', sender: 'Tilleuls' });
  worker = new JobWorker(db, { handlers: { ...agendaJobHandlers({ db, publicUrl: PUBLIC }), 'messaging.send': sendJob({ db, mail: mailTransport(smtpUrl), mailFrom: 'Pivot <no-reply@pivot.test>', sms }) }, backoffBaseMs: 10 });
  secretary = await pivot.login('secretaire@demo.pivot');
  admin = await pivot.login('admin@demo.pivot');
  practiceId = (await db.selectFrom('practices').select('id').where('slug', '=', SLUG).executeTakeFirstOrThrow()).id;
}, 120_000);

afterAll(async () => {
  await pivot?.close();
  await new Promise<void>((r) => smtp.close(() => r()));
  await new Promise<void>((r) => smsServer.close(() => r()));
});

describe('online booking (public API)', () => {
  let code = '';
  let verificationId = '';
  let slot: { practitionerId: string; start: string; end: string };
  let manageToken = '';

  it('shows the practice, its practitioners and online motifs only, and no other practice', async () => {
    const res = await pivot.app.inject({ method: 'GET', url: `/api/public/${SLUG}/booking` });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.practice.slug).toBe(SLUG);
    expect(body.motifs.length).toBeGreaterThan(0);
    expect(res.body).not.toContain('Moreau');
    motif = body.motifs.find((m: { practitionerId: string | null }) => m.practitionerId !== null) ?? body.motifs[0];
    practitionerId = motif.practitionerId ?? body.practitioners[0].id;
    expect((await pivot.app.inject({ method: 'GET', url: '/api/public/no-such-practice/booking' })).statusCode).toBe(404);
    // Another practice's motif through this practice's slug: 404.
    const moreauMotif = await pivot.database.db.selectFrom('appointment_types').innerJoin('practices', 'practices.id', 'appointment_types.practice_id').select('appointment_types.id').where('practices.slug', '=', 'cabinet-du-dr-moreau').executeTakeFirstOrThrow();
    expect((await pivot.app.inject({ method: 'GET', url: `/api/public/${SLUG}/slots?motif=${moreauMotif.id}` })).statusCode).toBe(404);
  });

  it('lists online slots after the minimum notice', async () => {
    const res = await pivot.app.inject({ method: 'GET', url: `/api/public/${SLUG}/slots?motif=${motif.id}&practitioner=${practitionerId}&limit=5` });
    expect(res.statusCode).toBe(200);
    const slots = res.json().slots as { practitionerId: string; start: string; end: string }[];
    expect(slots.length).toBeGreaterThan(0);
    for (const s of slots) expect(new Date(s.start).getTime()).toBeGreaterThanOrEqual(clock.nowMs() + 119 * 60_000);
    const later = await pivot.app.inject({ method: 'GET', url: `/api/public/${SLUG}/slots?motif=${motif.id}&practitioner=${practitionerId}&limit=5&from=${encodeURIComponent(new Date(clock.nowMs() + 3 * 86_400_000).toISOString())}` });
    slot = later.json().slots[0]; // beyond the 24 h deadline of the manage link
    expect((await pivot.app.inject({ method: 'GET', url: `/api/public/${SLUG}/slots?motif=not-a-uuid` })).statusCode).toBe(400);
  });

  it('sends a one-time code by e-mail (real SMTP), refuses a wrong code, books with the right one and creates a provisional patient', async () => {
    const start = await pivot.app.inject({
      method: 'POST', url: `/api/public/${SLUG}/booking/start`,
      payload: { birthName: 'Smith', firstName: 'Jane', birthDate: '1990-04-12', sex: 'F', email: 'jane.smith@example.org', language: 'en' },
    });
    expect(start.statusCode).toBe(202);
    expect(start.json().destination).toBe('j…@example.org');
    verificationId = start.json().verificationId;
    await drain();
    const codeMail = mailsTo('jane.smith@example.org').find((m) => m.subject.startsWith('Verification code'))!;
    code = /: (\d{6})\./.exec(codeMail.text)![1]!;
    const wrong = await pivot.app.inject({ method: 'POST', url: `/api/public/${SLUG}/booking/confirm`, payload: { verificationId, code: code === '000000' ? '111111' : '000000', practitionerId: slot.practitionerId, motifId: motif.id, start: slot.start } });
    expect(wrong.statusCode).toBe(422);
    const ok = await pivot.app.inject({ method: 'POST', url: `/api/public/${SLUG}/booking/confirm`, payload: { verificationId, code, practitionerId: slot.practitionerId, motifId: motif.id, start: slot.start } });
    expect(ok.statusCode, ok.body).toBe(201);
    const body = ok.json();
    expect(body).not.toHaveProperty('newPatient'); // the public answer does not say whether a file exists
    expect(body.manageUrl).toMatch(/\/rendez-vous\/m\./);
    manageToken = body.manageToken;
    const appt = await pivot.database.db.selectFrom('appointments').innerJoin('patients', 'patients.id', 'appointments.patient_id').select(['appointments.channel', 'patients.identity_status', 'patients.id as pid']).where('appointments.id', '=', body.appointment.id).executeTakeFirstOrThrow();
    expect(appt.channel).toBe('online');
    expect(appt.identity_status).toBe('provisoire');
    expect(await pivot.database.db.selectFrom('online_patients').select('patient_id').where('patient_id', '=', appt.pid).executeTakeFirst()).toBeTruthy();
    // The code is single-use.
    const again = await pivot.app.inject({ method: 'POST', url: `/api/public/${SLUG}/booking/confirm`, payload: { verificationId, code, practitionerId: slot.practitionerId, motifId: motif.id, start: slot.start } });
    expect(again.statusCode).toBe(422);
    // Confirmation e-mail in English (online booking: allowed without prior consent), with the manage link.
    await drain();
    const conf = mailsTo('jane.smith@example.org').find((m) => m.subject.startsWith('Appointment confirmed'))!;
    expect(conf.text).toContain('Your appointment with');
    expect(conf.text).toContain(`${PUBLIC}/rendez-vous/`);
    const audit = await pivot.database.db.selectFrom('audit_log').select('action').where('resource_id', '=', body.appointment.id).execute();
    expect(audit.map((a) => a.action)).toEqual(expect.arrayContaining(['appointment.booked', 'online_booking.confirmed']));
  });

  it('an existing patient is matched only on exact identity AND contact; never merged otherwise', async () => {
    const start = await pivot.app.inject({ method: 'POST', url: `/api/public/${SLUG}/booking/start`, payload: { birthName: 'SMITH', firstName: 'Jane', birthDate: '1990-04-12', sex: 'F', email: 'other.address@example.org' } });
    expect(start.statusCode).toBe(202);
    await drain();
    const c = /: (\d{6})\./.exec(mailsTo('other.address@example.org')[0]!.text)![1]!;
    const slots = (await pivot.app.inject({ method: 'GET', url: `/api/public/${SLUG}/slots?motif=${motif.id}&practitioner=${practitionerId}&limit=3` })).json().slots;
    const res = await pivot.app.inject({ method: 'POST', url: `/api/public/${SLUG}/booking/confirm`, payload: { verificationId: start.json().verificationId, code: c, practitionerId: slots[0].practitionerId, motifId: motif.id, start: slots[0].start } });
    expect(res.statusCode, res.body).toBe(201);
    // Same identity, different contact → a new provisional record, not Jane's file.
    const booked = await pivot.database.db.selectFrom('appointments').select('patient_id').where('id', '=', res.json().appointment.id).executeTakeFirstOrThrow();
    expect(await pivot.database.db.selectFrom('online_patients').select('patient_id').where('patient_id', '=', booked.patient_id).executeTakeFirst()).toBeTruthy();
    const janes = await pivot.database.db.selectFrom('online_patients as o').innerJoin('patients as p', 'p.id', 'o.patient_id').select('p.id').where('p.birth_date', '=', '1990-04-12').execute();
    expect(janes.length).toBe(2);
  });

  it('the signed link shows, moves and cancels until the deadline; forged or expired links are refused', async () => {
    await drain();
    const before = mails.length;
    const view = await pivot.app.inject({ method: 'GET', url: `/api/public/manage/${manageToken}` });
    expect(view.statusCode).toBe(200);
    expect(view.json().canChange).toBe(true);
    const tampered = manageToken.slice(0, -2) + (manageToken.endsWith('AA') ? 'BB' : 'AA');
    expect((await pivot.app.inject({ method: 'GET', url: `/api/public/manage/${tampered}` })).statusCode).toBe(404);
    const key = await linkKey(pivot.database.db);
    const expired = signLink(key, 'm', view.json().appointment.id, new Date(clock.nowMs() - 1000), 0);
    expect((await pivot.app.inject({ method: 'GET', url: `/api/public/manage/${expired}` })).statusCode).toBe(404);
    const proposals = (await pivot.app.inject({ method: 'GET', url: `/api/public/manage/${manageToken}/slots?limit=3&from=${encodeURIComponent(new Date(clock.nowMs() + 4 * 86_400_000).toISOString())}` })).json().slots;
    expect(proposals.length).toBeGreaterThan(0);
    const moved = await pivot.app.inject({ method: 'POST', url: `/api/public/manage/${manageToken}`, payload: { action: 'move', start: proposals[0].start } });
    expect(moved.statusCode, moved.body).toBe(200);
    expect(moved.json().appointment.start).toBe(new Date(proposals[0].start).toISOString());
    await drain();
    // No consent on file: the change notice is not e-mailed (only confirmations of online bookings are).
    expect(mails.length).toBe(before);
    // The move issued link B: link A is superseded and answers exactly like a link that never existed.
    const unknown = await pivot.app.inject({ method: 'GET', url: `/api/public/manage/${tampered}` });
    const superseded = [
      await pivot.app.inject({ method: 'GET', url: `/api/public/manage/${manageToken}` }),
      await pivot.app.inject({ method: 'GET', url: `/api/public/manage/${manageToken}/slots` }),
      await pivot.app.inject({ method: 'POST', url: `/api/public/manage/${manageToken}`, payload: { action: 'cancel' } }),
      await pivot.app.inject({ method: 'POST', url: `/api/public/manage/${manageToken}`, payload: { action: 'move', start: proposals[1].start } }),
    ];
    for (const res of superseded) expect({ status: res.statusCode, body: res.json() }).toEqual({ status: unknown.statusCode, body: unknown.json() });
    expect(moved.json().manageToken).not.toBe(manageToken);
    expect((await pivot.app.inject({ method: 'GET', url: `/api/public/manage/${moved.json().manageToken}` })).json().appointment.status).toBe('booked');
    const cancelled = await pivot.app.inject({ method: 'POST', url: `/api/public/manage/${moved.json().manageToken}`, payload: { action: 'cancel', reason: 'Empêchement' } });
    expect(cancelled.statusCode).toBe(200);
    expect(cancelled.json().appointment.status).toBe('cancelled_by_patient');
    expect((await pivot.app.inject({ method: 'POST', url: `/api/public/manage/${moved.json().manageToken}`, payload: { action: 'cancel' } })).statusCode).toBe(422);
  });

  it('two moves sent at once with one link: one wins, the other finds the link superseded', async () => {
    const start = await pivot.app.inject({ method: 'POST', url: `/api/public/${SLUG}/booking/start`, payload: { birthName: 'Martin', firstName: 'Lou', birthDate: '1985-06-01', sex: 'F', email: 'lou.martin@example.org' } });
    expect(start.statusCode).toBe(202);
    await drain();
    const c = /: (\d{6})\./.exec(mailsTo('lou.martin@example.org')[0]!.text)![1]!;
    const from = encodeURIComponent(new Date(clock.nowMs() + 5 * 86_400_000).toISOString());
    const slots = (await pivot.app.inject({ method: 'GET', url: `/api/public/${SLUG}/slots?motif=${motif.id}&practitioner=${practitionerId}&limit=6&from=${from}` })).json().slots;
    const booked = await pivot.app.inject({ method: 'POST', url: `/api/public/${SLUG}/booking/confirm`, payload: { verificationId: start.json().verificationId, code: c, practitionerId: slots[0].practitionerId, motifId: motif.id, start: slots[0].start } });
    expect(booked.statusCode, booked.body).toBe(201);
    const link = booked.json().manageToken as string;
    const moves = await Promise.all([slots[2], slots[4]].map((s) => pivot.app.inject({ method: 'POST', url: `/api/public/manage/${link}`, payload: { action: 'move', start: s.start } })));
    expect(moves.map((m) => m.statusCode).sort()).toEqual([200, 404]);
    const winner = moves.find((m) => m.statusCode === 200)!.json();
    const row = await pivot.database.db.selectFrom('appointments').select('starts_at').where('id', '=', winner.appointment.id).executeTakeFirstOrThrow();
    expect(new Date(row.starts_at).toISOString()).toBe(winner.appointment.start);
    // The generation only goes up: lowering it by hand does not bring the superseded link back.
    await pivot.database.db.updateTable('appointments').set({ manage_link_generation: 0 }).where('id', '=', winner.appointment.id).execute();
    expect((await pivot.app.inject({ method: 'GET', url: `/api/public/manage/${link}` })).statusCode).toBe(404);
    expect((await pivot.app.inject({ method: 'GET', url: `/api/public/manage/${winner.manageToken}` })).statusCode).toBe(200);
  });

  it('rate-limits code requests per destination', async () => {
    const payload = { birthName: 'Durand', firstName: 'Paul', birthDate: '1980-01-01', phone: '06 11 22 33 44' };
    const codes: number[] = [];
    for (let i = 0; i < 6; i++) codes.push((await pivot.app.inject({ method: 'POST', url: `/api/public/${SLUG}/booking/start`, payload, remoteAddress: `10.0.0.${i + 1}` })).statusCode);
    expect(codes.slice(0, 5).every((c) => c === 202)).toBe(true);
    expect(codes[5]).toBe(429);
  });
});

describe('reminders and notices (consent, language, time zone, SMS driver)', () => {
  let patientId: string;
  let appointmentId: string;

  it('a desk booking enqueues a confirmation and reminders at the practice offsets; they go out by e-mail and SMS to a consenting patient', async () => {
    const db = pivot.database.db;
    const p = await db.selectFrom('patients').select('id').where('practice_id', '=', practiceId).orderBy('birth_name').executeTakeFirstOrThrow();
    patientId = p.id;
    await db.updateTable('patients').set({ email: 'consenting@example.org', phone: '06 12 34 56 78', email_consent: true, sms_consent: true, preferred_language: 'fr' }).where('id', '=', patientId).execute();
    const free = (await pivot.app.inject({ method: 'GET', url: `/api/agenda/free-slots?practitionerId=${practitionerId}&motifId=${motif.id}&from=${encodeURIComponent(new Date(clock.nowMs() + 4 * 86_400_000).toISOString())}&limit=1`, headers: bearer(secretary) })).json().slots[0];
    const booked = await pivot.app.inject({ method: 'POST', url: '/api/agenda/appointments', headers: bearer(secretary), payload: { practitionerId, patientId, motifId: motif.id, start: free.start } });
    expect(booked.statusCode, booked.body).toBe(201);
    appointmentId = booked.json().appointment.id;
    const jobs = await db.selectFrom('jobs').select(['kind', 'run_at', 'payload']).where(sql`payload ->> 'appointmentId'`, '=', appointmentId).execute();
    const runAts = jobs.filter((j) => (j.payload as { event: string }).event === 'reminder').map((j) => new Date(free.start).getTime() - new Date(j.run_at).getTime());
    expect(runAts.sort((a, b) => a - b)).toEqual([120 * 60_000, 2880 * 60_000]);
    await drain();
    const conf = mailsTo('consenting@example.org').find((m) => m.subject.startsWith('Rendez-vous confirmé'))!;
    expect(conf.text).toMatch(/est confirmé le (lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche) \d{1,2} \S+ à \d{1,2} h \d{2}/);
    expect(conf.messageId).toMatch(/@pivot\.test>$/);
    const sms = smsRequests.find((r) => r.body.to === '+33612345678')!;
    expect(sms.headers.authorization).toBe('Bearer secret-token');
    expect(sms.headers['idempotency-key']).toBeTruthy();
    expect(sms.body.text).toContain('Maison de santé des Tilleuls');
    // The 48 h reminder, run now.
    await db.updateTable('jobs').set({ run_at: clock.now() }).where('kind', '=', 'agenda.notify').where('status', '=', 'queued').where(sql`payload ->> 'appointmentId'`, '=', appointmentId).execute();
    await drain();
    expect(mailsTo('consenting@example.org').filter((m) => m.subject.startsWith('Rappel')).length).toBe(2);
    const rows = await db.selectFrom('outgoing_messages').select(['kind', 'channel', 'status', 'body']).where('appointment_id', '=', appointmentId).execute();
    expect(rows.filter((r) => r.status === 'sent').length).toBe(6); // confirmation + 2 reminders, × e-mail and SMS
    expect(rows.every((r) => r.body === '')).toBe(true); // delivered: no body kept
  });

  it('moving drops the old reminders and sends a change notice; cancelling sends a cancellation notice', async () => {
    const db = pivot.database.db;
    const linkIn = (m: Mail) => new RegExp(`${PUBLIC}/rendez-vous/([\\w.-]+)`).exec(m.text)![1]!;
    const manageStatus = async (token: string) => (await pivot.app.inject({ method: 'GET', url: `/api/public/manage/${token}` })).statusCode;
    // Reminders re-send the appointment's link: the confirmation's link still works after them.
    const confirmationLink = linkIn(mailsTo('consenting@example.org').find((m) => m.subject.startsWith('Rendez-vous confirmé'))!);
    expect(await manageStatus(confirmationLink)).toBe(200);
    const free = (await pivot.app.inject({ method: 'GET', url: `/api/agenda/free-slots?practitionerId=${practitionerId}&motifId=${motif.id}&from=${encodeURIComponent(new Date(clock.nowMs() + 6 * 86_400_000).toISOString())}&limit=1`, headers: bearer(secretary) })).json().slots[0];
    expect((await pivot.app.inject({ method: 'POST', url: `/api/agenda/appointments/${appointmentId}/move`, headers: bearer(secretary), payload: { start: free.start } })).statusCode).toBe(200);
    await drain();
    const notice = mailsTo('consenting@example.org').find((m) => m.subject.startsWith('Rendez-vous déplacé') && m.text.includes('Il était prévu le'));
    expect(notice).toBeDefined();
    // A move at the desk supersedes the links sent before it, as an online move does; the notice carries the new one.
    expect(await manageStatus(confirmationLink)).toBe(404);
    expect(await manageStatus(linkIn(notice!))).toBe(200);
    const queued = await db.selectFrom('jobs').select(['payload']).where('status', '=', 'queued').where(sql`payload ->> 'appointmentId'`, '=', appointmentId).execute();
    expect(queued.every((j) => (j.payload as { startsAt: string }).startsAt === new Date(free.start).toISOString() || new Date((j.payload as { startsAt: string }).startsAt).getTime() === new Date(free.start).getTime())).toBe(true);
    expect((await pivot.app.inject({ method: 'POST', url: `/api/agenda/appointments/${appointmentId}/cancel`, headers: bearer(secretary), payload: { by: 'practice', reason: 'Praticien absent' } })).statusCode).toBe(200);
    await drain();
    expect(mailsTo('consenting@example.org').some((m) => m.subject.startsWith('Rendez-vous annulé'))).toBe(true);
    const left = await db.selectFrom('jobs').select('id').where('status', '=', 'queued').where('kind', '=', 'agenda.notify').where(sql`payload ->> 'appointmentId'`, '=', appointmentId).execute();
    expect(left).toHaveLength(0);
  });

  it('admins read the outbox and the dead letters', async () => {
    const out = await pivot.app.inject({ method: 'GET', url: '/api/agenda/outbox', headers: bearer(admin) });
    expect(out.statusCode).toBe(200);
    expect(out.json().messages.length).toBeGreaterThan(5);
    expect((await pivot.app.inject({ method: 'GET', url: '/api/agenda/outbox', headers: bearer(secretary) })).statusCode).toBe(403);
    expect((await pivot.app.inject({ method: 'GET', url: '/api/agenda/jobs?status=failed', headers: bearer(admin) })).statusCode).toBe(200);
  });
});

describe('waiting list', () => {
  it('offers a freed slot to the first waiting patient, then the next when the offer expires; first to accept gets it', async () => {
    const db = pivot.database.db;
    // Patients without any appointment: one booked elsewhere at the freed time would (rightly) not be asked,
    // and the demo agenda moves with the clock (this failed in CI depending on the hour).
    const patients = await db.selectFrom('patients').select('id').where('practice_id', '=', practiceId)
      .where((eb) => eb.not(eb.exists(eb.selectFrom('appointments').select('appointments.id').whereRef('appointments.patient_id', '=', 'patients.id'))))
      .orderBy('birth_name', 'desc').limit(3).execute();
    const [holder, first, second] = patients.map((p) => p.id) as [string, string, string];
    // Quiet hours off, so that the test does not depend on the time of day it runs at.
    const settings = (await pivot.app.inject({ method: 'GET', url: '/api/agenda/notification-settings', headers: bearer(secretary) })).json();
    expect(settings.offerQuietHours).toBe(true);
    const put = await pivot.app.inject({ method: 'PUT', url: '/api/agenda/notification-settings', headers: bearer(admin), payload: { ...settings, offerQuietHours: false } });
    expect(put.statusCode, put.body).toBe(200);
    expect((await pivot.app.inject({ method: 'PUT', url: '/api/agenda/notification-settings', headers: bearer(secretary), payload: settings })).statusCode).toBe(403);
    await db.updateTable('patients').set({ email_consent: true }).where('id', 'in', [first, second]).execute();
    await db.updateTable('patients').set({ email: 'first@example.org' }).where('id', '=', first).execute();
    await db.updateTable('patients').set({ email: 'second@example.org' }).where('id', '=', second).execute();
    for (const pid of [first, second]) {
      const r = await pivot.app.inject({ method: 'POST', url: '/api/agenda/waiting-list', headers: bearer(secretary), payload: { patientId: pid, practitionerId } });
      expect(r.statusCode, r.body).toBe(201);
    }
    const list = await pivot.app.inject({ method: 'GET', url: '/api/agenda/waiting-list', headers: bearer(secretary) });
    expect(list.json().entries.length).toBe(2);
    // A booked appointment is cancelled → the slot is freed.
    const free = (await pivot.app.inject({ method: 'GET', url: `/api/agenda/free-slots?practitionerId=${practitionerId}&motifId=${motif.id}&from=${encodeURIComponent(new Date(clock.nowMs() + 2 * 86_400_000).toISOString())}&limit=1`, headers: bearer(secretary) })).json().slots[0];
    const booked = (await pivot.app.inject({ method: 'POST', url: '/api/agenda/appointments', headers: bearer(secretary), payload: { practitionerId, patientId: holder, motifId: motif.id, start: free.start } })).json().appointment;
    await pivot.app.inject({ method: 'POST', url: `/api/agenda/appointments/${booked.id}/cancel`, headers: bearer(secretary), payload: { by: 'patient', reason: 'Empêché' } });
    const offer1 = await offerMailTo('first@example.org');
    expect(mailsTo('second@example.org')).toHaveLength(0);
    const token1 = /liste-attente\/(\S+)/.exec(offer1.text)![1]!;
    expect((await pivot.app.inject({ method: 'GET', url: `/api/public/offers/${token1}` })).json().offer.status).toBe('pending');
    // The first patient does not answer: the offer expires, the next one is asked.
    await db.updateTable('waiting_offers').set({ expires_at: new Date(clock.nowMs() - 1000) }).execute();
    await db.updateTable('jobs').set({ run_at: clock.now() }).where('kind', '=', 'agenda.offer_expire').where('status', '=', 'queued').execute();
    const offer2 = await offerMailTo('second@example.org');
    const token2 = /liste-attente\/(\S+)/.exec(offer2.text)![1]!;
    const late = await pivot.app.inject({ method: 'POST', url: `/api/public/offers/${token1}`, payload: { action: 'accept' } });
    expect(late.statusCode).toBeGreaterThanOrEqual(400);
    expect(late.statusCode).toBeLessThan(500);
    const [a, b] = await Promise.all([
      pivot.app.inject({ method: 'POST', url: `/api/public/offers/${token2}`, payload: { action: 'accept' } }),
      pivot.app.inject({ method: 'POST', url: `/api/public/offers/${token2}`, payload: { action: 'accept' } }),
    ]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([200, 409]);
    const won = (a.statusCode === 200 ? a : b).json();
    expect(won.status).toBe('accepted');
    expect(won.appointment.start).toBe(new Date(free.start).toISOString());
    const appt = await db.selectFrom('appointments').select('patient_id').where('id', '=', won.appointment.id).executeTakeFirstOrThrow();
    expect(appt.patient_id).toBe(second);
    const entries = (await pivot.app.inject({ method: 'GET', url: '/api/agenda/waiting-list', headers: bearer(secretary) })).json().entries;
    expect(entries.map((e: { patientId: string }) => e.patientId)).toEqual([first]);
  });
});

describe('iCalendar feed and no-shows', () => {
  it('serves a private, rotatable RFC 5545 feed without patient names by default', async () => {
    const created = await pivot.app.inject({ method: 'POST', url: `/api/agenda/practitioners/${practitionerId}/ical-feed`, headers: bearer(admin), payload: {} });
    expect(created.statusCode, created.body).toBe(201);
    const { url, token } = created.json();
    expect(url.endsWith(`/ical/${token}.ics`)).toBe(true);
    const res = await pivot.app.inject({ method: 'GET', url: `/ical/${token}.ics` });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/calendar');
    const cal = parseCalendar(res.body);
    const events = cal.children.filter((c) => c.name === 'VEVENT');
    expect(events.length).toBeGreaterThan(5);
    for (const e of events) expect(unescapeText(e.props.find((p) => p.name === 'SUMMARY')!.value)).toMatch(/^Rendez-vous/);
    const names = await pivot.database.db.selectFrom('patients').select('birth_name').where('practice_id', '=', practiceId).execute();
    for (const n of names) expect(res.body.includes(`SUMMARY:${n.birth_name}`)).toBe(false);
    const rotated = await pivot.app.inject({ method: 'POST', url: `/api/agenda/practitioners/${practitionerId}/ical-feed`, headers: bearer(admin), payload: {} });
    expect((await pivot.app.inject({ method: 'GET', url: `/ical/${token}.ics` })).statusCode).toBe(404);
    expect((await pivot.app.inject({ method: 'GET', url: `/ical/${rotated.json().token}.ics` })).statusCode).toBe(200);
    // A practitioner may only create their own feed.
    const other = await pivot.login('medecin2@demo.pivot');
    const mine = await pivot.database.db.selectFrom('practitioners').innerJoin('accounts', 'accounts.id', 'practitioners.account_id').select('practitioners.id').where('accounts.email', '=', 'medecin@demo.pivot').executeTakeFirstOrThrow();
    expect((await pivot.app.inject({ method: 'POST', url: `/api/agenda/practitioners/${mine.id}/ical-feed`, headers: bearer(other), payload: {} })).statusCode).toBe(403);
  });

  it('counts no-shows per patient for the desk, with the practice policy', async () => {
    const db = pivot.database.db;
    const row = await db.selectFrom('appointments').select(['patient_id', (eb) => eb.fn.countAll<string>().as('n')]).where('practice_id', '=', practiceId).where('status', '=', 'no_show').groupBy('patient_id').orderBy('n', 'desc').executeTakeFirstOrThrow();
    const res = await pivot.app.inject({ method: 'GET', url: `/api/agenda/patients/${row.patient_id}/attendance`, headers: bearer(secretary) });
    expect(res.statusCode).toBe(200);
    expect(res.json().noShows).toBe(Number(row.n));
    expect(res.json().policy).toEqual({ warnAfter: 2, blockOnlineAfter: 3 });
  });
});
