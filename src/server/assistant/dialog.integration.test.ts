import { sql } from 'kysely';
import { DateTime } from 'luxon';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, createTestPivot, type TestPivot } from '../../../tests/helpers.js';
import { expectSameTimingClass, timed } from '../../../tests/timing.js';
import { toE164 } from '../agenda/notifications.js';
import { clock } from '../platform/clock.js';

/**
 * The booking dialog through the public chat API and the SMS webhook: identification by name + birth date + a
 * one-time code sent to the contact ON FILE, real slots, booking / moving / cancelling through the agenda.
 */
const A = 'maison-de-sante-des-tilleuls';
const B = 'cabinet-du-dr-moreau';
const SMS_SECRET = 'sms-secret-for-dialog-tests-0123456789';

let pivot: TestPivot;
let desk: string;
let practiceA: string;
type P = { id: string; birth_name: string; first_name: string; birth_date: string; phone: string; e164: string };
let patients: P[] = [];
let foreign: { birth_name: string; first_name: string; birth_date: string };

const chat = (payload: Record<string, unknown>, ip = '10.9.0.1') => pivot.app.inject({ method: 'POST', url: '/api/assistant/chat', payload, remoteAddress: ip });

class ChatSession {
  token: string | undefined;
  constructor(readonly ip: string) {}
  async say(text: string) {
    const res = await chat({ practice: A, text, ...(this.token ? { conversationToken: this.token } : {}) }, this.ip);
    expect(res.statusCode, res.body).toBe(200);
    this.token = res.json().conversationToken;
    return res.json().reply as { text: string; emergency: boolean; choices: string[]; asked: string[]; numbers: string[] };
  }
}

async function latestCode(to: string, after: Date): Promise<string> {
  const rows = await pivot.database.db.selectFrom('jobs').select(['payload', 'created_at']).where('kind', '=', 'messaging.send').where('created_at', '>=', after).orderBy('created_at', 'desc').execute();
  const row = rows.find((r) => (r.payload as { kind?: string; to?: string }).kind === 'otp' && (r.payload as { to?: string }).to === to);
  const code = row && /(\d{6})/.exec(String((row.payload as { text?: string }).text ?? ''))?.[1];
  if (!code) throw new Error(`no code sent to ${to}`);
  return code;
}

const identityOf = (p: { birth_name: string; first_name: string; birth_date: string }) => `${p.first_name} ${p.birth_name} ${DateTime.fromISO(p.birth_date).toFormat('dd/MM/yyyy')}`;

async function identify(s: ChatSession, p: P, first: string) {
  const before = new Date(clock.nowMs() - 1000);
  const r1 = await s.say(first);
  expect(r1.asked).toContain('identity');
  const r2 = await s.say(identityOf(p));
  expect(r2.text).toMatch(/code à 6 chiffres/);
  // The reply never shows where the code went nor whether a file exists.
  expect(r2.text).not.toContain(p.phone.slice(-4));
  return latestCode(p.e164, before);
}

beforeAll(async () => {
  process.env.PIVOT_SMS_WEBHOOK_SECRET = SMS_SECRET;
  pivot = await createTestPivot();
  const db = pivot.database.db;
  practiceA = (await db.selectFrom('practices').select('id').where('slug', '=', A).executeTakeFirstOrThrow()).id;
  const rows = await db
    .selectFrom('patients')
    .select(['id', 'birth_name', 'first_name', 'birth_date', 'phone', 'phones', 'email', 'used_name'])
    .where('practice_id', '=', practiceA)
    .where('merged_into_id', 'is', null)
    .where('birth_date', '<', '2000-01-01')
    .execute();
  const byBirth = new Map<string, number>();
  const all = await db.selectFrom('patients').select('birth_date').where('practice_id', '=', practiceA).execute();
  for (const r of all) byBirth.set(r.birth_date, (byBirth.get(r.birth_date) ?? 0) + 1);
  patients = rows
    .filter((r) => r.phone && /^0[67]\d{8}$/.test(r.phone) && byBirth.get(r.birth_date) === 1 && /^[A-Za-zÀ-ÿ]+$/.test(r.birth_name) && /^[A-Za-zÀ-ÿ]+$/.test(r.first_name))
    .slice(0, 6)
    .map((r) => ({ id: r.id, birth_name: r.birth_name, first_name: r.first_name, birth_date: r.birth_date, phone: r.phone!, e164: toE164(r.phone!)! }));
  expect(patients.length).toBeGreaterThanOrEqual(5);
  // A patient of practice B whose birth date no record of practice A has.
  foreign = (
    await db
      .selectFrom('patients as p')
      .innerJoin('practices as pr', 'pr.id', 'p.practice_id')
      .select(['p.birth_name', 'p.first_name', 'p.birth_date'])
      .where('pr.slug', '=', B)
      .execute()
  ).find((f) => !byBirth.has(f.birth_date))!;
  expect(foreign).toBeDefined();
  desk = await pivot.login('accueil@demo.pivot');
}, 120_000);
afterAll(async () => {
  await pivot?.close();
  delete process.env.PIVOT_SMS_WEBHOOK_SECRET;
});

describe('booking through the web chat', () => {
  it('identifies with a code sent to the phone on file, proposes 3 real slots, books through the agenda', async () => {
    const p = patients[0]!;
    const s = new ChatSession('10.9.1.1');
    const code = await identify(s, p, 'Bonjour, je voudrais un rendez-vous mardi prochain vers 10h');
    const wrong = await s.say(code === '000000' ? '111111' : '000000');
    expect(wrong.text).toMatch(/Code incorrect/);
    const verified = await s.say(code);
    expect(verified.text).toMatch(/identité est vérifiée/);
    expect(verified.choices).toContain('Dr Claire Martin');
    const motif = await s.say('Dr Claire Martin');
    expect(motif.choices).toContain('Consultation');
    const proposals = await s.say('Consultation');
    expect(proposals.text).toMatch(/prochains créneaux libres/);
    expect(proposals.choices.length).toBe(4); // 3 slots + « Autres horaires »
    // « mardi prochain vers 10h »: the first proposals are that Tuesday.
    const tuesday = DateTime.fromJSDate(clock.now()).setZone('Europe/Paris').plus({ weeks: 1 }).startOf('week').plus({ days: 1 });
    expect(proposals.choices[0]).toContain(tuesday.setLocale('fr').toFormat('cccc d LLLL'));
    const confirm = await s.say(proposals.choices[0]!);
    expect(confirm.text).toMatch(/Confirmez-vous/);
    const done = await s.say('oui');
    expect(done.text).toMatch(/C’est fait : votre rendez-vous est réservé/);

    const appt = await pivot.database.db.selectFrom('appointments').selectAll().where('patient_id', '=', p.id).where('channel', '=', 'assistant').executeTakeFirstOrThrow();
    expect(appt.status).toBe('booked');
    expect(DateTime.fromJSDate(new Date(appt.starts_at)).setZone('Europe/Paris').toISODate()).toBe(tuesday.toISODate());
    // The inbox request is handled, its outcome is the appointment.
    const list = (await pivot.app.inject({ method: 'GET', url: `/api/assistant/requests?patientId=${p.id}`, headers: bearer(desk) })).json();
    const req = list.requests.find((r: { category: string }) => r.category === 'book');
    expect(req.status).toBe('done');
    const detail = (await pivot.app.inject({ method: 'GET', url: `/api/assistant/requests/${req.id}`, headers: bearer(desk) })).json();
    expect(detail.request.outcome).toMatchObject({ kind: 'appointment', id: appt.id, by: 'assistant' });
    // « Pourquoi ce classement »: the model's line once, not once per message of the dialog.
    expect(detail.request.reasons.filter((r: { code: string }) => r.code === 'INTENT_MODEL')).toHaveLength(1);
    // Audited, without an account.
    const audit = await pivot.database.db.selectFrom('audit_log').select(['action']).where('resource_id', '=', appt.id).execute();
    expect(audit.map((a) => a.action)).toEqual(expect.arrayContaining(['appointment.booked', 'assistant.booked']));
  });

  it('never books without the code: an unknown identity gets the same answer and no code works', async () => {
    const s = new ChatSession('10.9.1.2');
    await s.say('Je voudrais prendre rendez-vous');
    const r = await s.say('Zorglub Inconnu 01/01/1950');
    expect(r.text).toMatch(/Si ces informations correspondent à un dossier/);
    for (const c of ['123456', '654321']) expect((await s.say(c)).text).toMatch(/Code incorrect/);
    const handed = await s.say('pas de code');
    expect(handed.text).toMatch(/secrétariat, qui vous recontactera/);
    expect(handed.asked).toContain('callback');
  });

  it('a patient of another practice is invisible: no code is sent', async () => {
    const before = clock.now();
    const s = new ChatSession('10.9.1.3');
    await s.say('rdv svp');
    const r = await s.say(identityOf(foreign));
    expect(r.text).toMatch(/Si ces informations correspondent/);
    const sent = await pivot.database.db.selectFrom('jobs').select('payload').where('kind', '=', 'messaging.send').where('created_at', '>=', before).execute();
    expect(sent.filter((j) => (j.payload as { kind?: string }).kind === 'otp').map((j) => j.payload)).toEqual([]);
  });

  it('answers a person on file and an invented one alike, limits included (asking for new codes until refused)', async () => {
    const transcript = async (ip: string, identity: string) => {
      const s = new ChatSession(ip);
      const texts = [(await s.say('Bonjour, je voudrais un rendez-vous')).text, (await s.say(identity)).text];
      for (let i = 0; i < 5; i++) texts.push((await s.say('nouveau code')).text);
      return texts;
    };
    const known = await transcript('10.9.1.20', identityOf(patients[3]!));
    const invented = await transcript('10.9.1.21', identityOf({ first_name: 'Octave', birth_name: 'Personne-Inconnue', birth_date: '1971-07-14' }));
    expect(invented).toEqual(known);
    // The limit is reached in both (the per-conversation cap is 3 codes), at the same step.
    expect(known.findIndex((t) => /Trop de codes/.test(t))).toBe(4);
  });

  it('answers the identity of a person on file and of an invented one in the same time', async () => {
    // Other people on file than the ones the other tests use (each may receive at most 5 codes an hour).
    const used = new Set(patients.map((p) => p.id));
    const others = (await pivot.database.db.selectFrom('patients').select(['id', 'birth_name', 'first_name', 'birth_date', 'phone']).where('practice_id', '=', practiceA)
      .where('merged_into_id', 'is', null).where('birth_date', '<', '2000-01-01').execute())
      .filter((r) => !used.has(r.id) && r.phone && /^0[67]\d{8}$/.test(r.phone) && /^[A-Za-zÀ-ÿ]+$/.test(r.birth_name) && /^[A-Za-zÀ-ÿ]+$/.test(r.first_name))
      .slice(0, 4);
    expect(others.length).toBe(4);
    const known: number[] = [];
    const invented: number[] = [];
    for (let i = 0; i < 8; i++) {
      // Alternate, so that a slower moment of the machine falls on both sides.
      for (const side of ['known', 'invented'] as const) {
        const s = new ChatSession(`10.9.2.${2 * i + (side === 'known' ? 0 : 1)}`);
        await s.say('Je voudrais un rendez-vous');
        const who = side === 'known' ? others[i % 4]! : { birth_name: 'Inconnu', first_name: 'Octave', birth_date: `19${50 + i}-03-1${i}` };
        const [reply, ms] = await timed(() => s.say(identityOf(who)));
        expect(reply.text).toMatch(/Si ces informations correspondent à un dossier/);
        (side === 'known' ? known : invented).push(ms);
      }
    }
    expectSameTimingClass(known, invented, 'chat identity answer');
  });

  it('a newcomer gets the online booking page for new patients or a call-back, and the request carries the number', async () => {
    const s = new ChatSession('10.9.3.1');
    const r = await s.say('Bonjour, je viens d’emménager dans le quartier et je cherche un médecin traitant, je voudrais un rendez-vous');
    expect(r.text).toContain(`/rdv/${A}`);
    expect(r.text).not.toMatch(/code à 6 chiffres/);
    expect(r.asked).toEqual(['callback']);
    const after = await s.say('06 98 76 54 32');
    expect(after.text).toMatch(/^Merci, c’est noté\. Votre demande est complète/);
    const list = (await pivot.app.inject({ method: 'GET', url: '/api/assistant/requests?category=book', headers: bearer(desk) })).json();
    const req = list.requests.find((x: { summary: string }) => x.summary.includes('je cherche un médecin traitant'));
    expect(req.category).toBe('book');
    const detail = (await pivot.app.inject({ method: 'GET', url: `/api/assistant/requests/${req.id}`, headers: bearer(desk) })).json();
    expect(detail.request.details.phones).toContain('+33698765432');
    expect(detail.request.details.newPatient).toBe(true);
  });

  it('an expired code is refused; « nouveau code » sends a fresh one', async () => {
    const p = patients[1]!;
    const s = new ChatSession('10.9.1.4');
    const code = await identify(s, p, 'Je voudrais un rendez-vous demain matin');
    await sql`UPDATE assistant_verifications SET created_at = now() - interval '16 minutes', expires_at = now() - interval '1 minute' WHERE patient_id = ${p.id}`.execute(pivot.database.db);
    expect((await s.say(code)).text).toMatch(/expiré/);
    const before = new Date(clock.nowMs() - 1000);
    expect((await s.say('nouveau code')).text).toMatch(/code à 6 chiffres/);
    const fresh = await latestCode(p.e164, before);
    expect((await s.say(fresh)).text).toMatch(/identité est vérifiée/);
  });

  it('a taken slot gives fresh proposals', async () => {
    const p = patients[2]!;
    const s = new ChatSession('10.9.1.5');
    const code = await identify(s, p, 'Je souhaite un rendez-vous avec le Dr Martin la semaine prochaine');
    const r = await s.say(code);
    expect(r.choices).toContain('Consultation'); // Dr Martin understood from the first message
    const proposals = await s.say('Consultation');
    expect(proposals.choices.length).toBeGreaterThanOrEqual(2);
    await s.say(proposals.choices[0]!);
    // Someone books that very slot at the desk meanwhile.
    const conv = await pivot.database.db.selectFrom('conversations').select('state').where('practice_id', '=', practiceA).orderBy('last_activity_at', 'desc').limit(1).executeTakeFirstOrThrow();
    const chosen = (conv.state as { booking: { chosen: { practitionerId: string; start: string } } }).booking.chosen;
    const other = patients[5]!;
    const motif = await pivot.database.db.selectFrom('appointment_types').select('id').where('practice_id', '=', practiceA).where('name', '=', 'Consultation').where((eb) => eb.or([eb('practitioner_id', '=', chosen.practitionerId), eb('practitioner_id', 'is', null)])).executeTakeFirstOrThrow();
    const booked = await pivot.app.inject({ method: 'POST', url: '/api/agenda/appointments', headers: bearer(desk), payload: { practitionerId: chosen.practitionerId, patientId: other.id, motifId: motif.id, start: chosen.start } });
    expect(booked.statusCode, booked.body).toBe(201);
    const again = await s.say('oui');
    expect(again.text, again.text).toMatch(/vient d’être pris/);
    expect(again.choices.length).toBeGreaterThanOrEqual(2);
    expect(again.text).not.toContain(DateTime.fromISO(chosen.start).setZone('Europe/Paris').setLocale('fr').toFormat("cccc d LLLL 'à' H 'h' mm"));
  });

  it('a same-day case is only offered today’s slots or a call-back, never next week', async () => {
    const p = patients[3]!;
    const s = new ChatSession('10.9.1.6');
    const before = new Date(clock.nowMs() - 1000);
    const first = await s.say('Mon fils de 2 mois a 38.5 de fièvre depuis ce matin, je voudrais un rendez-vous');
    expect(first.text).toMatch(/aujourd’hui/);
    expect(first.text).toMatch(/15/);
    await s.say(identityOf(p));
    const code = await latestCode(p.e164, before);
    let r = await s.say(code);
    if (r.choices.includes('Dr Claire Martin')) r = await s.say('Peu importe');
    if (r.choices.includes('Consultation')) r = await s.say('Consultation');
    const today = DateTime.fromJSDate(clock.now()).setZone('Europe/Paris').setLocale('fr').toFormat('cccc d LLLL');
    if (r.choices.length > 0 && !/Pas de créneau|pas de créneau/.test(r.text)) {
      // Slots: all today, plus the call-back.
      expect(r.choices[r.choices.length - 1]).toBe('Être rappelé(e) aujourd’hui');
      for (const c of r.choices.slice(0, -1)) expect(c).toContain(today);
      const other = await s.say('autre');
      expect(other.text).toMatch(/rappellera aujourd’hui/);
    } else {
      expect(r.text).toMatch(/rappellera aujourd’hui/);
    }
    const req = (await pivot.app.inject({ method: 'GET', url: `/api/assistant/requests?patientId=${p.id}`, headers: bearer(desk) })).json().requests[0];
    expect(req.urgency).toBe('same_day');
    expect(req.status).not.toBe('done');
  });

  it('vital at any step: the emergency instruction first, the dialog dropped, the alert raised', async () => {
    const s = new ChatSession('10.9.1.7');
    await s.say('Je voudrais un rendez-vous');
    const r = await s.say('mon mari ne respire plus');
    expect(r.emergency).toBe(true);
    expect(r.text.startsWith('Appelez immédiatement le 15')).toBe(true);
    const history = await pivot.app.inject({ method: 'POST', url: '/api/assistant/chat/history', payload: { practice: A, conversationToken: s.token }, remoteAddress: s.ip });
    const msgs = history.json().messages as { direction: string; emergency: boolean }[];
    expect(msgs.filter((m) => m.emergency)).toHaveLength(1);
    expect(msgs[msgs.length - 1]!.emergency).toBe(true);
    const alerts = (await pivot.app.inject({ method: 'GET', url: '/api/assistant/alerts?pending=true', headers: bearer(desk) })).json().alerts;
    expect(alerts[0].summary).toContain('ne respire plus');
    expect(alerts[0]).toHaveProperty('patient');
    // The next message starts afresh (no dialog state left).
    const conv = await pivot.database.db.selectFrom('conversations').select('state').where('practice_id', '=', practiceA).orderBy('last_activity_at', 'desc').limit(1).executeTakeFirstOrThrow();
    expect((conv.state as Record<string, unknown>).booking).toBeUndefined();
  });
});

describe('moving and cancelling', () => {
  it('cancels through the chat after the code, within the deadline', async () => {
    const p = patients[0]!; // booked in the first test
    const s = new ChatSession('10.9.2.1');
    const code = await identify(s, p, 'Je voudrais annuler mon rendez-vous');
    // The one booked above (the demo may give this patient other appointments taken through the assistant).
    const mine = await pivot.database.db.selectFrom('appointments').select(['id', 'starts_at']).where('patient_id', '=', p.id).where('channel', '=', 'assistant')
      .where('status', '=', 'booked').where('starts_at', '>', clock.now()).orderBy('created_at', 'desc').limit(1).executeTakeFirstOrThrow();
    const label = DateTime.fromJSDate(new Date(mine.starts_at)).setZone('Europe/Paris').setLocale('fr').toFormat("cccc d LLLL 'à' H 'h' mm");
    let r = await s.say(code);
    // The patient's upcoming appointments are listed when there are several: the one booked above is chosen.
    if (!/Confirmez-vous/.test(r.text)) {
      expect(r.text).toMatch(/De quel rendez-vous/);
      r = await s.say(r.choices.find((c) => c.includes(label))!);
    }
    expect(r.text).toMatch(/Confirmez-vous l’annulation/);
    expect(r.text).toContain(label);
    const done = await s.say('oui');
    expect(done.text).toMatch(/est annulé/);
    // Read by its id: after the update, an unordered read may return another of the patient's rows first.
    const appt = await pivot.database.db.selectFrom('appointments').select(['status', 'cancellation_reason']).where('id', '=', mine.id).executeTakeFirstOrThrow();
    expect(appt.status).toBe('cancelled_by_patient');
  });

  it('moves by SMS (same engine), then refuses a change past the deadline', async () => {
    const p = patients[4]!;
    const db = pivot.database.db;
    const martin = await db.selectFrom('practitioners').select('id').where('practice_id', '=', practiceA).where('display_name', '=', 'Dr Claire Martin').executeTakeFirstOrThrow();
    const motif = await db.selectFrom('appointment_types').select('id').where('practice_id', '=', practiceA).where('name', '=', 'Consultation').where((eb) => eb.or([eb('practitioner_id', '=', martin.id), eb('practitioner_id', 'is', null)])).executeTakeFirstOrThrow();
    // A desk booking in 10 days for this patient, from the desk's proposals.
    const options = await pivot.app.inject({ method: 'GET', url: `/api/agenda/free-slots?practitionerId=${martin.id}&motifId=${motif.id}&from=${encodeURIComponent(new Date(clock.nowMs() + 10 * 86_400_000).toISOString())}&limit=1`, headers: bearer(desk) });
    expect(options.statusCode, options.body).toBe(200);
    const slot = options.json().slots[0];
    const booked = await pivot.app.inject({ method: 'POST', url: '/api/agenda/appointments', headers: bearer(desk), payload: { practitionerId: martin.id, patientId: p.id, motifId: motif.id, start: slot.start } });
    expect(booked.statusCode, booked.body).toBe(201);
    const apptId = booked.json().appointment.id;

    const sms = async (text: string) => {
      const before = new Date(clock.nowMs() - 1);
      const res = await pivot.app.inject({ method: 'POST', url: '/api/assistant/sms/inbound', payload: { practice: A, from: p.e164, text }, headers: { 'x-pivot-webhook-secret': SMS_SECRET } });
      expect(res.statusCode, res.body).toBe(200);
      const out = await db.selectFrom('sms_outbox').select(['body', 'created_at']).where('to_number', '=', p.e164).where('created_at', '>=', before).orderBy('created_at', 'desc').executeTakeFirstOrThrow();
      return out.body;
    };
    const before = new Date(clock.nowMs() - 1000);
    expect(await sms('Bonjour je dois déplacer mon rdv')).toMatch(/nom, prénom et date de naissance/);
    expect(await sms(identityOf(p))).toMatch(/code à 6 chiffres/);
    const code = await latestCode(p.e164, before);
    const label = DateTime.fromISO(slot.start).setZone('Europe/Paris').setLocale('fr').toFormat("cccc d LLLL 'à' H 'h' mm");
    let answer = await sms(code);
    if (/De quel rendez-vous/.test(answer)) {
      const line = answer.split('\n').find((l) => l.includes(label))!;
      answer = await sms(line.slice(0, line.indexOf(')')));
    }
    expect(answer).toMatch(/Quand souhaitez-vous venir à la place/);
    const proposals = await sms('la semaine prochaine');
    expect(proposals).toMatch(/1\) /);
    expect(await sms('2')).toMatch(/Je déplace votre rendez-vous/);
    expect(await sms('oui')).toMatch(/déplacé au/);
    const moved = await db.selectFrom('appointments').select(['starts_at', 'status']).where('id', '=', apptId).executeTakeFirstOrThrow();
    expect(new Date(moved.starts_at).toISOString()).not.toBe(slot.start);
    const events = await db.selectFrom('appointment_events').select(['kind', 'channel']).where('appointment_id', '=', apptId).execute();
    expect(events).toEqual(expect.arrayContaining([{ kind: 'moved', channel: 'assistant' }]));

    // Past the manage deadline (24 h before by default): refused, handed to the desk.
    await db.updateTable('appointments').set({ starts_at: new Date(clock.nowMs() + 3 * 3600_000), ends_at: new Date(clock.nowMs() + 3 * 3600_000 + 20 * 60_000), busy_until: new Date(clock.nowMs() + 3 * 3600_000 + 20 * 60_000) }).where('id', '=', apptId).execute();
    const b2 = new Date(clock.nowMs() - 1000);
    await sms('je veux annuler mon rendez-vous');
    await sms(identityOf(p));
    const code2 = await latestCode(p.e164, b2);
    let last = await sms(code2);
    if (/De quel rendez-vous/.test(last)) last = await sms('1'); // the soonest one: in 3 hours
    expect(last).toMatch(/ne peut plus être modifié ici/);
    expect((await db.selectFrom('appointments').select('status').where('id', '=', apptId).executeTakeFirstOrThrow()).status).toBe('booked');
  });
});

describe('inbox conversions', () => {
  it('one click turns a request into an appointment: options pre-filled from the message, booked through the agenda', async () => {
    const s = new ChatSession('10.9.3.1');
    await s.say('Bonjour, je voudrais un rendez-vous jeudi prochain après-midi');
    await s.say('stop');
    const list = (await pivot.app.inject({ method: 'GET', url: '/api/assistant/requests?status=open&category=book', headers: bearer(desk) })).json();
    const req = list.requests.find((r: { summary: string }) => r.summary.includes('jeudi prochain après-midi'));
    expect(req).toBeDefined();
    const options = await pivot.app.inject({ method: 'GET', url: `/api/assistant/requests/${req.id}/booking-options`, headers: bearer(desk) });
    expect(options.statusCode, options.body).toBe(200);
    const o = options.json();
    expect(o.preferences.partOfDay).toBe('afternoon');
    expect(o.slots.length).toBeGreaterThan(0);
    expect(o.slots[0].start >= DateTime.fromISO(o.preferences.date, { zone: 'Europe/Paris' }).toUTC().toISO()!).toBe(true);
    // Not matched yet: the desk must name the patient.
    const slot = o.slots[0];
    const noPatient = await pivot.app.inject({ method: 'POST', url: `/api/assistant/requests/${req.id}/convert`, headers: bearer(desk), payload: { kind: 'appointment', appointment: { practitionerId: slot.practitionerId, start: slot.start } } });
    expect(noPatient.statusCode).toBe(422);
    const converted = await pivot.app.inject({
      method: 'POST',
      url: `/api/assistant/requests/${req.id}/convert`,
      headers: bearer(desk),
      payload: { kind: 'appointment', appointment: { practitionerId: slot.practitionerId, start: slot.start, patientId: patients[5]!.id } },
    });
    expect(converted.statusCode, converted.body).toBe(200);
    expect(converted.json().request.status).toBe('done');
    expect(converted.json().request.patient.id).toBe(patients[5]!.id);
    const appt = await pivot.database.db.selectFrom('appointments').select(['id', 'channel', 'patient_id', 'starts_at']).where('id', '=', converted.json().outcome.id).executeTakeFirstOrThrow();
    expect(appt.channel).toBe('desk');
    expect(new Date(appt.starts_at).toISOString()).toBe(new Date(slot.start).toISOString());
    // The same slot again (another request): 409 with fresh proposals, from the agenda's guard.
    await s.say('Je voudrais aussi un rendez-vous pour ma fille');
    await s.say('stop');
    const other = (await pivot.app.inject({ method: 'GET', url: '/api/assistant/requests?status=open&category=book', headers: bearer(desk) })).json().requests.find((r: { summary: string }) => r.summary.includes('pour ma fille'));
    const again = await pivot.app.inject({ method: 'POST', url: `/api/assistant/requests/${other.id}/convert`, headers: bearer(desk), payload: { kind: 'appointment', appointment: { practitionerId: slot.practitionerId, start: slot.start, patientId: patients[4]!.id } } });
    expect(again.statusCode).toBe(409);
    // A foreign practice's patient is not found.
    const bPatient = await pivot.database.db.selectFrom('patients as p').innerJoin('practices as pr', 'pr.id', 'p.practice_id').select('p.id').where('pr.slug', '=', B).executeTakeFirstOrThrow();
    const foreignPatient = await pivot.app.inject({ method: 'POST', url: `/api/assistant/requests/${other.id}/convert`, headers: bearer(desk), payload: { kind: 'appointment', appointment: { practitionerId: slot.practitionerId, start: o.slots[1].start, patientId: bPatient.id } } });
    expect(foreignPatient.statusCode).toBe(404);
  });

  it('counts for the badge and the practice links', async () => {
    const counts = await pivot.app.inject({ method: 'GET', url: '/api/assistant/counts', headers: bearer(desk) });
    expect(counts.statusCode).toBe(200);
    expect(counts.json()).toEqual({ open: expect.any(Number), new: expect.any(Number), vital: expect.any(Number), sameDay: expect.any(Number), pendingAlerts: expect.any(Number) });
    expect(counts.json().vital).toBeGreaterThanOrEqual(1);
    const links = (await pivot.app.inject({ method: 'GET', url: '/api/assistant/practice-links', headers: bearer(desk) })).json();
    expect(links.slug).toBe(A);
    expect(links.chatPath).toBe(`/#/chat/${A}`);
    expect(links.widgetSnippet).toContain(`data-practice="${A}"`);
  });
});
