import nodemailer from 'nodemailer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, createTestPivot, type TestPivot } from '../../../tests/helpers.js';
import { createLogger } from '../platform/logger.js';
import { startInboundSmtp, type InboundSmtp } from './smtp.js';
import { clock } from '../platform/clock.js';

const A = 'maison-de-sante-des-tilleuls';
const B = 'cabinet-du-dr-moreau';
const SMS_SECRET = 'sms-secret-for-tests-0123456789';
const PHONE_SECRET = 'phone-secret-for-tests-0123456789';

let pivot: TestPivot;
let admin: string;
let desk: string;
let doctor: string;
let moreau: string;
let practiceA: string;
let knownPatient: { id: string; phone: string; birth_name: string; first_name: string; birth_date: string };

const chat = (payload: Record<string, unknown>, ip = '10.0.0.1') =>
  pivot.app.inject({ method: 'POST', url: '/api/assistant/chat', payload, remoteAddress: ip });
const inbox = async (token: string, query = '') => {
  const res = await pivot.app.inject({ method: 'GET', url: `/api/assistant/requests${query}`, headers: bearer(token) });
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as { requests: { id: string; urgency: string; status: string; category: string; summary: string; reasons: { code: string }[]; patient: { id: string } | null; matchStatus: string; pendingAlert: boolean; dueAt: string }[]; counts: Record<string, number> };
};
const detail = async (token: string, id: string) => {
  const res = await pivot.app.inject({ method: 'GET', url: `/api/assistant/requests/${id}`, headers: bearer(token) });
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
};

beforeAll(async () => {
  process.env.PIVOT_SMS_WEBHOOK_SECRET = SMS_SECRET;
  process.env.PIVOT_PHONE_WEBHOOK_SECRET = PHONE_SECRET;
  pivot = await createTestPivot();
  const db = pivot.database.db;
  practiceA = (await db.selectFrom('practices').select('id').where('slug', '=', A).executeTakeFirstOrThrow()).id;
  // A patient whose phone is unique in practice A.
  const rows = await db.selectFrom('patients').select(['id', 'phone', 'birth_name', 'first_name', 'birth_date']).where('practice_id', '=', practiceA).execute();
  const counts = new Map<string, number>();
  for (const r of rows) counts.set(r.phone!, (counts.get(r.phone!) ?? 0) + 1);
  const p = rows.find((r) => r.phone && counts.get(r.phone) === 1)!;
  knownPatient = { ...p, phone: p.phone! };
  admin = await pivot.login('admin@demo.pivot');
  desk = await pivot.login('accueil@demo.pivot');
  doctor = await pivot.login('medecin@demo.pivot');
  moreau = await pivot.login('moreau@demo.pivot');
}, 120_000);
afterAll(async () => {
  await pivot?.close();
  delete process.env.PIVOT_SMS_WEBHOOK_SECRET;
  delete process.env.PIVOT_PHONE_WEBHOOK_SECRET;
});

describe('web chat', () => {
  it('greets with the practice name; unknown practice is a 404', async () => {
    const res = await pivot.app.inject({ method: 'GET', url: `/api/assistant/chat/${A}` });
    expect(res.statusCode).toBe(200);
    expect(res.json().practice.name).toBe('Maison de santé des Tilleuls');
    expect(res.json().emergencyNotice.fr).toMatch(/15 ou le 112/);
    expect((await pivot.app.inject({ method: 'GET', url: '/api/assistant/chat/nope-nope' })).statusCode).toBe(404);
  });

  it('files a request in the inbox with its reasons, then the follow-up completes the same request', async () => {
    const first = await chat({ practice: A, text: 'Bonjour, je voudrais renouveler mon ordonnance svp' });
    expect(first.statusCode, first.body).toBe(200);
    const { conversationToken, reply } = first.json();
    expect(conversationToken).toMatch(/^[A-Za-z0-9_-]{40,}$/);
    expect(reply.emergency).toBe(false);
    expect(reply.asked).toContain('medicine');
    expect(reply.text).toMatch(/médicament/);

    const list = await inbox(desk, '?category=prescription_renewal');
    const req = list.requests.find((r) => r.summary.includes('renouveler mon ordonnance'))!;
    expect(req).toBeDefined();
    expect(req.urgency).toBe('routine');
    expect(req.status).toBe('new');
    expect(req.matchStatus).toBe('to_match');
    expect(req.reasons.map((r) => r.code)).toContain('INTENT_MODEL');

    const second = await chat({ practice: A, conversationToken, text: `Doliprane 1000. ${knownPatient.first_name} ${knownPatient.birth_name}, née le ${knownPatient.birth_date.split('-').reverse().join('/')}` });
    expect(second.statusCode, second.body).toBe(200);
    expect(second.json().conversationToken).toBe(conversationToken);
    const d = await detail(desk, req.id);
    expect(d.conversation.messages.map((m: { direction: string }) => m.direction)).toEqual(['in', 'out', 'in', 'out']);
    expect(d.request.details.medicines).toContain('doliprane');
    expect(d.request.category).toBe('prescription_renewal');

    const history = await pivot.app.inject({ method: 'POST', url: '/api/assistant/chat/history', payload: { practice: A, conversationToken } });
    expect(history.json().messages).toHaveLength(4);
    // The token is bound to its practice: practice B knows nothing of it.
    const foreign = await pivot.app.inject({ method: 'POST', url: '/api/assistant/chat/history', payload: { practice: B, conversationToken } });
    expect(foreign.statusCode).toBe(404);
    const elsewhere = await chat({ practice: B, conversationToken, text: 'Bonjour, encore moi' });
    expect(elsewhere.json().conversationToken).not.toBe(conversationToken);
  });

  it('takes a bare identity as the answer to its identity question, whatever the engine reads in it (the chat looped)', async () => {
    const birth = knownPatient.birth_date.split('-').reverse().join('/');
    const first = await chat({ practice: A, text: 'Bonjour, il me faudrait mon ordonnance renouvelée' }, '10.0.5.1');
    const { conversationToken } = first.json();
    expect(first.json().reply.asked).toEqual(expect.arrayContaining(['medicine', 'identity']));
    // A name and a birth date alone: the engine reads `other` or `medical_question` in it, the assistant an answer.
    const second = (await chat({ practice: A, conversationToken, text: `${knownPatient.first_name} ${knownPatient.birth_name} ${birth}` }, '10.0.5.1')).json().reply;
    expect(second.text).toMatch(/^Merci, c’est noté\./);
    expect(second.text).not.toMatch(/avis médical|nom, prénom et date de naissance/);
    expect(second.asked).toEqual(['medicine']);
    const third = (await chat({ practice: A, conversationToken, text: 'Kardégic 75' }, '10.0.5.1')).json().reply;
    expect(third.text).toMatch(/Votre demande est complète/);
    expect(third.asked).toEqual([]);
    // One request, found in the file, with the medicine.
    const list = await inbox(desk, `?patientId=${knownPatient.id}`);
    const mine = list.requests.filter((r) => r.summary.includes('ordonnance renouvelée'));
    expect(mine).toHaveLength(1);
    expect(mine[0]!.matchStatus).toBe('matched');
    expect((await detail(desk, mine[0]!.id)).request.details.medicines).toContain('kardegic');
  });

  it('vital: the emergency instruction comes first and the practice is alerted', async () => {
    const since = new Date(clock.nowMs() - 1000).toISOString();
    const res = await chat({ practice: A, text: "J'ai une douleur dans la poitrine depuis 20 minutes et je transpire" }, '10.0.0.2');
    expect(res.statusCode, res.body).toBe(200);
    const { reply } = res.json();
    expect(reply.emergency).toBe(true);
    expect(reply.text.startsWith('Appelez immédiatement le 15 (SAMU) ou le 112.')).toBe(true);
    expect(reply.text).toMatch(/114/);

    const alerts = await pivot.app.inject({ method: 'GET', url: `/api/assistant/alerts?since=${encodeURIComponent(since)}&pending=true`, headers: bearer(desk) });
    expect(alerts.statusCode, alerts.body).toBe(200);
    const alert = alerts.json().alerts.find((a: { summary: string }) => a.summary.includes('poitrine'));
    expect(alert).toBeDefined();
    expect(alert.reasons.map((r: { code: string }) => r.code)).toContain('VITAL_CHEST_PAIN');
    expect(alerts.json().serverTime).toBeTruthy();

    const top = (await inbox(desk)).requests[0]!;
    expect(top.urgency).toBe('vital');
    expect(top.pendingAlert).toBe(true);

    const ack = await pivot.app.inject({ method: 'POST', url: `/api/assistant/alerts/${alert.id}/acknowledge`, headers: bearer(desk) });
    expect(ack.statusCode, ack.body).toBe(200);
    expect(ack.json().alert.acknowledgedBy.name).toBe('Karim Accueil');
    // Acknowledged but not handled: still on top.
    expect((await inbox(desk)).requests[0]!.id).toBe(top.id);
    // Another practice never sees it.
    const bAlerts = await pivot.app.inject({ method: 'GET', url: '/api/assistant/alerts', headers: bearer(moreau) });
    expect(bAlerts.json().alerts.some((a: { id: string }) => a.id === alert.id)).toBe(false);
    expect((await pivot.app.inject({ method: 'GET', url: `/api/assistant/requests/${top.id}`, headers: bearer(moreau) })).statusCode).toBe(404);
    expect((await pivot.app.inject({ method: 'POST', url: `/api/assistant/alerts/${alert.id}/acknowledge`, headers: bearer(moreau) })).statusCode).toBe(404);
  });

  it('suicidal crisis: 15/112 first, 3114 given', async () => {
    const res = await chat({ practice: A, text: "je veux en finir ce soir, j'ai préparé les cachets" }, '10.0.0.3');
    const { reply } = res.json();
    expect(reply.text.startsWith('Appelez immédiatement le 15')).toBe(true);
    expect(reply.numbers).toContain('3114');
  });

  it('is rate-limited per IP', async () => {
    let last = 0;
    for (let i = 0; i < 35; i++) last = (await chat({ practice: 'unknown-practice', text: 'x' }, '10.9.9.9')).statusCode;
    expect(last).toBe(429);
  });
});

describe('practice information sheet', () => {
  it('only admins edit it; the assistant answers from it and files what it does not know', async () => {
    const sheet = {
      openingHours: 'Lundi–vendredi 8 h–19 h ; samedi 9 h–12 h.',
      address: '3 place des Tilleuls, 69003 Lyon',
      access: null,
      parking: 'Parking public gratuit place des Tilleuls.',
      transport: 'Tram T4, arrêt Tilleuls.',
      fees: [{ practitioner: 'Dr Claire Martin', fees: 'Consultation 30 € (secteur 1, sans dépassement)' }],
      paymentsAccepted: 'Carte bancaire, chèque, espèces.',
      tiersPayant: null,
      whatToBring: 'Carte Vitale, carte de mutuelle, ordonnances en cours.',
      onCall: 'En dehors des heures : 116 117 ; urgence vitale : 15.',
    };
    expect((await pivot.app.inject({ method: 'PUT', url: '/api/assistant/practice-info', headers: bearer(desk), payload: sheet })).statusCode).toBe(403);
    const put = await pivot.app.inject({ method: 'PUT', url: '/api/assistant/practice-info', headers: bearer(admin), payload: sheet });
    expect(put.statusCode, put.body).toBe(200);
    expect((await pivot.app.inject({ method: 'GET', url: '/api/assistant/practice-info', headers: bearer(doctor) })).json().info.parking).toBe(sheet.parking);

    const known = await chat({ practice: A, text: 'Quels sont vos horaires le samedi ? Et où peut-on se garer ?' }, '10.0.1.1');
    expect(known.json().reply.text).toContain(sheet.openingHours);
    expect(known.json().reply.text).toContain(sheet.parking);
    const unknown = await chat({ practice: A, text: 'Est-ce que le cabinet est accessible en fauteuil roulant ?' }, '10.0.1.1');
    expect(unknown.json().reply.text).toMatch(/Je n’ai pas/);
    const list = await inbox(desk, '?category=practical_info');
    const answered = list.requests.find((r) => r.summary.includes('horaires'))!;
    const filed = list.requests.find((r) => r.summary.includes('fauteuil'))!;
    expect(answered.status).toBe('done');
    expect(filed.status).toBe('new');
    // The other practice's assistant does not know practice A's sheet.
    const other = await chat({ practice: B, text: 'Quels sont vos horaires le samedi ?' }, '10.0.1.2');
    expect(other.json().reply.text).not.toContain(sheet.openingHours);
    expect(other.json().reply.text).toMatch(/Je n’ai pas/);
  });
});

describe('SMS webhook (simulator)', () => {
  const sms = (payload: Record<string, unknown>, secret?: string) =>
    pivot.app.inject({ method: 'POST', url: '/api/assistant/sms/inbound', payload, headers: secret ? { 'x-pivot-webhook-secret': secret } : {} });

  it('refuses a missing or wrong secret', async () => {
    const body = { practice: A, from: '+33600000000', text: 'Bonjour' };
    expect((await sms(body)).statusCode).toBe(401);
    expect((await sms(body, 'wrong')).statusCode).toBe(401);
    expect((await sms({ nonsense: true }, SMS_SECRET)).statusCode).toBe(400);
    expect((await sms({ ...body, practice: 'no-such-practice' }, SMS_SECRET)).statusCode).toBe(404);
  });

  it('matches the patient by phone, files the request, queues the reply in the outbox, once per message id', async () => {
    const e164 = `+33${knownPatient.phone.slice(1)}`;
    const body = { practice: A, from: e164, text: 'Bjr je voudrais annuler mon rdv de mardi prochain svp', messageId: 'sim-42' };
    const res = await sms(body, SMS_SECRET);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ received: true, duplicate: false });
    const again = await pivot.app.inject({ method: 'POST', url: '/api/assistant/sms/inbound', payload: body, headers: { authorization: `Bearer ${SMS_SECRET}` } });
    expect(again.json().duplicate).toBe(true);

    const req = (await inbox(desk)).requests.find((r) => r.summary.includes('annuler mon rdv'))!;
    expect(req.category).toBe('cancel');
    expect(req.patient?.id).toBe(knownPatient.id);
    expect(req.matchStatus).toBe('matched');

    expect((await pivot.app.inject({ method: 'GET', url: '/api/assistant/sms/outbox', headers: bearer(desk) })).statusCode).toBe(403);
    const outbox = await pivot.app.inject({ method: 'GET', url: '/api/assistant/sms/outbox', headers: bearer(admin) });
    expect(outbox.json().simulated).toBe(true);
    const sent = outbox.json().messages.filter((m: { to: string }) => m.to === e164);
    expect(sent).toHaveLength(1);
    expect(sent[0].status).toBe('simulated');
    expect(sent[0].body).toMatch(/annulation/);
  });

  it('vital SMS in English: emergency first in the outbox', async () => {
    await sms({ practice: A, from: '+33611223344', text: 'my dad collapsed and is not responding, please help' }, SMS_SECRET);
    const outbox = await pivot.app.inject({ method: 'GET', url: '/api/assistant/sms/outbox', headers: bearer(admin) });
    const msg = outbox.json().messages.find((m: { to: string }) => m.to === '+33611223344');
    expect(msg.body.startsWith('Call 15 (SAMU, emergency medical service) or 112 immediately.')).toBe(true);
  });
});

describe('phone transcript webhook', () => {
  it('needs the secret, stores the call once and answers the reply', async () => {
    const body = { practice: A, callId: 'call-0001', from: '+33622334455', transcript: 'euh bonjour, c’est pour euh les résultats de ma prise de sang de la semaine dernière', startedAt: clock.now().toISOString() };
    expect((await pivot.app.inject({ method: 'POST', url: '/api/assistant/phone/transcript', payload: body })).statusCode).toBe(401);
    const res = await pivot.app.inject({ method: 'POST', url: '/api/assistant/phone/transcript', payload: body, headers: { 'x-pivot-webhook-secret': PHONE_SECRET } });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().reply.text).toMatch(/jamais communiqués/);
    const again = await pivot.app.inject({ method: 'POST', url: '/api/assistant/phone/transcript', payload: body, headers: { 'x-pivot-webhook-secret': PHONE_SECRET } });
    expect(again.json().duplicate).toBe(true);
    const bad = await pivot.app.inject({ method: 'POST', url: '/api/assistant/phone/transcript', payload: { callId: 'x' }, headers: { 'x-pivot-webhook-secret': PHONE_SECRET } });
    expect(bad.statusCode).toBe(400);
    const req = (await inbox(desk, '?category=test_results')).requests.find((r) => r.summary.includes('prise de sang'));
    expect(req).toBeDefined();
  });
});

describe('inbox', () => {
  it('keeps vital then same-day on top until handled, then orders by due time', async () => {
    await chat({ practice: A, text: 'Bonjour, je voudrais un rendez-vous avec le Dr Martin la semaine prochaine' }, '10.0.2.1');
    await chat({ practice: A, text: 'Mon fils de 2 mois a 38.5 de fièvre depuis ce matin' }, '10.0.2.1');
    const { requests } = await inbox(desk, '?status=open');
    const ranks = requests.map((r) => ({ vital: 0, same_day: 1, routine: 2 })[r.urgency as 'vital']);
    expect([...ranks].sort((a, b) => a - b)).toEqual(ranks);
    for (let i = 1; i < requests.length; i++) {
      if (ranks[i] === ranks[i - 1]) expect(requests[i]!.dueAt >= requests[i - 1]!.dueAt).toBe(true);
    }
    // Handling the vital request moves it below every open request.
    const vital = requests.find((r) => r.urgency === 'vital')!;
    const done = await pivot.app.inject({ method: 'POST', url: `/api/assistant/requests/${vital.id}/status`, headers: bearer(desk), payload: { status: 'done' } });
    expect(done.statusCode, done.body).toBe(200);
    expect(done.json().request.handledBy.name).toBe('Karim Accueil');
    const all = (await inbox(desk)).requests;
    const firstDone = all.findIndex((r) => r.status === 'done');
    expect(all.slice(firstDone).every((r) => r.status === 'done')).toBe(true);
  });

  it('assigns, matches a patient, converts into a practitioner message', async () => {
    const req = (await inbox(desk, '?status=new&category=test_results')).requests[0]!;
    const assignees = (await pivot.app.inject({ method: 'GET', url: '/api/assistant/assignees', headers: bearer(desk) })).json().assignees as { id: string; name: string; roles: string[] }[];
    const martin = assignees.find((a) => a.name === 'Dr Claire Martin')!;
    const karim = assignees.find((a) => a.name === 'Karim Accueil')!;

    const assigned = await pivot.app.inject({ method: 'POST', url: `/api/assistant/requests/${req.id}/assign`, headers: bearer(desk), payload: { assigneeId: karim.id } });
    expect(assigned.json().request.assignee.id).toBe(karim.id);
    expect(assigned.json().request.status).toBe('in_progress');
    const mine = await inbox(desk, '?assignee=me');
    expect(mine.requests.map((r) => r.id)).toContain(req.id);

    // A practice B account cannot be assigned.
    const moreauId = (await pivot.database.db.selectFrom('accounts').select('id').where('email', '=', 'moreau@demo.pivot').executeTakeFirstOrThrow()).id;
    expect((await pivot.app.inject({ method: 'POST', url: `/api/assistant/requests/${req.id}/assign`, headers: bearer(desk), payload: { assigneeId: moreauId } })).statusCode).toBe(422);

    const matched = await pivot.app.inject({ method: 'POST', url: `/api/assistant/requests/${req.id}/match`, headers: bearer(desk), payload: { patientId: knownPatient.id } });
    expect(matched.statusCode, matched.body).toBe(200);
    expect(matched.json().request.patient.id).toBe(knownPatient.id);
    const bPatient = await pivot.database.db.selectFrom('patients as p').innerJoin('practices as pr', 'pr.id', 'p.practice_id').select('p.id').where('pr.slug', '=', B).executeTakeFirstOrThrow();
    expect((await pivot.app.inject({ method: 'POST', url: `/api/assistant/requests/${req.id}/match`, headers: bearer(desk), payload: { patientId: bPatient.id } })).statusCode).toBe(404);

    // Appointment without a slot: refused (the desk's booking dialog sends one).
    const appointment = await pivot.app.inject({ method: 'POST', url: `/api/assistant/requests/${req.id}/convert`, headers: bearer(desk), payload: { kind: 'appointment' } });
    expect(appointment.statusCode).toBe(400);
    const notDoctor = await pivot.app.inject({ method: 'POST', url: `/api/assistant/requests/${req.id}/convert`, headers: bearer(desk), payload: { kind: 'practitioner_message', assigneeId: karim.id } });
    expect(notDoctor.statusCode).toBe(422);
    const converted = await pivot.app.inject({
      method: 'POST',
      url: `/api/assistant/requests/${req.id}/convert`,
      headers: bearer(desk),
      payload: { kind: 'practitioner_message', assigneeId: martin.id, text: 'Résultats de prise de sang demandés par téléphone.' },
    });
    expect(converted.statusCode, converted.body).toBe(200);
    expect(converted.json().request.status).toBe('done');
    expect(converted.json().task.patientId).toBe(knownPatient.id);

    const tasks = await pivot.app.inject({ method: 'GET', url: '/api/assistant/tasks?assignee=me&done=false', headers: bearer(doctor) });
    const task = tasks.json().tasks.find((t: { requestId: string }) => t.requestId === req.id);
    expect(task.kind).toBe('practitioner_message');
    const done = await pivot.app.inject({ method: 'POST', url: `/api/assistant/tasks/${task.id}/done`, headers: bearer(doctor), payload: { done: true } });
    expect(done.json().task.done).toBe(true);

    // Everything was audited.
    const actions = (await pivot.database.db.selectFrom('audit_log').select('action').where('resource_id', 'in', [req.id, task.id]).execute()).map((a) => a.action);
    expect(actions).toEqual(expect.arrayContaining(['assistant.request.assigned', 'assistant.request.patient_matched', 'assistant.request.converted', 'assistant.task.updated']));
  });
});

describe('e-mail through the SMTP endpoint (real SMTP client on loopback)', () => {
  let smtp: InboundSmtp;
  beforeAll(async () => {
    smtp = await startInboundSmtp({ db: pivot.database.db, log: createLogger('silent'), port: 0, host: '127.0.0.1', domain: 'in.pivot.test', mailer: pivot.mailer });
  });
  afterAll(async () => smtp?.close());

  const transport = () => nodemailer.createTransport({ host: '127.0.0.1', port: smtp.port, secure: false, ignoreTLS: true });

  it('receives a patient e-mail, files the request, matches by e-mail and replies', async () => {
    const withEmail = await pivot.database.db
      .selectFrom('patients')
      .select(['id', 'email'])
      .where('practice_id', '=', practiceA)
      .where('email', 'is not', null)
      .executeTakeFirstOrThrow();
    const t = transport();
    await t.sendMail({
      from: withEmail.email!,
      to: `${A}@in.pivot.test`,
      subject: 'Demande de certificat',
      text: 'Bonjour,\nPourriez-vous me faire un certificat de non contre-indication au sport ?\nMerci\n\n> ancien message cité\n',
    });
    t.close();
    const req = (await inbox(desk)).requests.find((r) => r.summary.includes('certificat'))!;
    expect(req).toBeDefined();
    expect(req.patient?.id).toBe(withEmail.id);
    const d = await detail(desk, req.id);
    expect(d.conversation.channel).toBe('email');
    expect(d.conversation.messages[0].text).not.toMatch(/ancien message/);
    const mails = await pivot.database.db.selectFrom('mail_outbox').selectAll().where('recipient', '=', withEmail.email!).execute();
    expect(mails.some((m) => m.subject === 'Re: Demande de certificat' && m.body_text.includes('document'))).toBe(true);
  });

  it('vital e-mail: alert raised, reply starts with the emergency instruction', async () => {
    const t = transport();
    await t.sendMail({ from: 'inconnu@example.org', to: `${A}@in.pivot.test`, subject: 'urgent', text: 'Ma femme a le visage paralysé et elle n’arrive plus à parler depuis 10 minutes' });
    t.close();
    const mail = await pivot.database.db.selectFrom('mail_outbox').selectAll().where('recipient', '=', 'inconnu@example.org').executeTakeFirstOrThrow();
    expect(mail.body_text.startsWith('Appelez immédiatement le 15 (SAMU) ou le 112.')).toBe(true);
    const alerts = await pivot.app.inject({ method: 'GET', url: '/api/assistant/alerts?pending=true', headers: bearer(desk) });
    expect(alerts.json().alerts.some((a: { channel: string; contact: string }) => a.channel === 'email' && a.contact === 'inconnu@example.org')).toBe(true);
  });

  it('refuses unknown recipients and foreign domains', async () => {
    const t = transport();
    await expect(t.sendMail({ from: 'x@example.org', to: `no-such-practice@in.pivot.test`, subject: 's', text: 'Bonjour' })).rejects.toThrow(/550|unknown recipient/i);
    await expect(t.sendMail({ from: 'x@example.org', to: `${A}@elsewhere.test`, subject: 's', text: 'Bonjour' })).rejects.toThrow(/550|unknown recipient/i);
    t.close();
  });
});
