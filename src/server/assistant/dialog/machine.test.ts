import fc from 'fast-check';
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { triageMessage } from '../../triage/index.js';
import { dialogResolve, dialogStep, type DialogContext, type DialogOutcome, type EffectResult } from './machine.js';
import { parseChoice, parseCode, parseIdentity, identityFits, yesNo } from './parse.js';
import { pickProposals, sameDayOnly, type Slot } from './proposals.js';
import { DIALOG_STEPS, readDialogState, type DialogState } from './state.js';

const ZONE = 'Europe/Paris';
const NOW = new Date('2026-03-10T09:00:00+01:00'); // Tuesday
const MARTIN = '11111111-1111-4111-8111-111111111111';
const LEFEVRE = '22222222-2222-4222-8222-222222222222';
const PATIENT = '33333333-3333-4333-8333-333333333333';
const VERIF = '44444444-4444-4444-8444-444444444444';
const APPT = '55555555-5555-4555-8555-555555555555';

const ctx: DialogContext = {
  now: NOW,
  timeZone: ZONE,
  offer: [
    { id: MARTIN, name: 'Dr Claire Martin', motifs: ['Consultation', 'Téléconsultation'] },
    { id: LEFEVRE, name: 'Dr Paul Lefèvre', motifs: ['Consultation'] },
  ],
  bookingOpen: true,
  newcomerBookingUrl: 'https://pivot.example/rdv/cabinet',
  manageDeadlineMinutes: 24 * 60,
};

const input = (text: string) => ({ text, triage: triageMessage(text, { referenceDate: NOW }) });
const at = (iso: string, practitionerId = MARTIN): Slot => ({ practitionerId, start: new Date(iso).toISOString(), end: new Date(new Date(iso).getTime() + 20 * 60_000).toISOString() });

/** Runs a message and answers its effects with canned results (the runner's role). */
function run(state: DialogState | null, text: string, results: Partial<Record<string, EffectResult>> = {}): DialogOutcome {
  let out = dialogStep(state, input(text), ctx);
  for (let i = 0; i < 4 && out.effect && out.state; i++) {
    const r = results[out.effect.type];
    if (!r) return out;
    out = dialogResolve(out.state, r, ctx);
  }
  return out;
}

const identified: EffectResult = { type: 'identify', verificationId: VERIF };
const codeOk: EffectResult = { type: 'check_code', result: 'ok', patientId: PATIENT };
const tuesdaySlots = [at('2026-03-17T09:40:00+01:00'), at('2026-03-17T10:00:00+01:00'), at('2026-03-17T10:20:00+01:00')];
const proposals: EffectResult = { type: 'propose', slots: tuesdaySlots, urgentHeldToday: 0 };

describe('booking dialog (pure)', () => {
  it('book: identity → code → practitioner → motif → 3 slots → confirm → book effect', () => {
    let o = run(null, 'Bonjour, je voudrais un rendez-vous mardi prochain vers 10h');
    expect(o.reply?.asked).toEqual(['identity']);
    expect(o.state?.prefs).toEqual({ date: '2026-03-17', time: '10:00' });
    o = run(o.state, 'Camille Lefèvre 12/04/1988', { identify: identified });
    expect(o.effect).toBeUndefined();
    expect(o.state?.step).toBe('code');
    expect(o.state?.identity).toEqual({ name: 'camille lefevre', birthDate: '1988-04-12' });
    o = run(o.state, '123 456', { check_code: codeOk });
    expect(o.state?.patientId).toBe(PATIENT);
    expect(o.reply?.choices).toEqual(['Dr Claire Martin', 'Dr Paul Lefèvre', 'Peu importe']);
    o = run(o.state, '1');
    expect(o.reply?.choices).toEqual(['Consultation', 'Téléconsultation']);
    const search = dialogStep(o.state, input('Consultation'), ctx);
    expect(search.effect).toMatchObject({ type: 'propose', practitionerIds: [MARTIN], motifName: 'Consultation', prefs: { date: '2026-03-17', time: '10:00' }, urgency: 'routine' });
    o = dialogResolve(search.state!, proposals, ctx);
    expect(o.reply?.text).toContain('1) mardi 17 mars à 9 h 40 — Dr Claire Martin');
    expect(o.reply?.choices).toHaveLength(4);
    o = run(o.state, '10h');
    expect(o.state?.chosen?.start).toBe(tuesdaySlots[1]!.start);
    expect(o.reply?.text).toMatch(/Je réserve le mardi 17 mars à 10 h 00 avec Dr Claire Martin \(Consultation\)/);
    const book = dialogStep(o.state, input('oui'), ctx);
    expect(book.effect).toEqual({ type: 'book', patientId: PATIENT, practitionerId: MARTIN, motifName: 'Consultation', start: tuesdaySlots[1]!.start, urgency: 'routine' });
    const done = dialogResolve(book.state!, { type: 'book', result: 'ok', appointmentId: APPT }, ctx);
    expect(done.state).toBeNull();
    expect(done.end).toEqual({ kind: 'booked', appointmentId: APPT });
    expect(done.reply?.text).toMatch(/^C’est fait/);
  });

  it('a taken slot gives fresh proposals with the notice', () => {
    const s = run(run(run(null, 'Je voudrais un rdv avec le Dr Martin demain matin').state, 'Jean Dupont né le 03/02/1975', { identify: identified }).state, '654321', { check_code: codeOk }).state!;
    const picked = run(dialogResolve(dialogStep(s, input('Consultation'), ctx).state!, proposals, ctx).state, '2').state!;
    const book = dialogStep(picked, input('oui'), ctx);
    const again = dialogResolve(book.state!, { type: 'book', result: 'taken' }, ctx);
    expect(again.effect?.type).toBe('propose');
    const fresh = dialogResolve(again.state!, { type: 'propose', slots: [at('2026-03-17T11:00:00+01:00')], urgentHeldToday: 0 }, ctx);
    expect(fresh.reply?.text.startsWith('Ce créneau vient d’être pris.')).toBe(true);
    expect(fresh.state?.notice).toBeUndefined();
  });

  it('wrong codes: counted, then handed to the desk; expired code: asks for a new one', () => {
    let o = run(run(null, 'je veux un rdv').state, 'Jean Dupont 03/02/1975', { identify: identified });
    for (let i = 1; i < 5; i++) {
      o = run(o.state, '000000', { check_code: { type: 'check_code', result: 'wrong' } });
      expect(o.reply?.text).toMatch(/Code incorrect/);
      expect(o.state?.codeTries).toBe(i);
    }
    o = run(o.state, '000000', { check_code: { type: 'check_code', result: 'wrong' } });
    expect(o.state).toBeNull();
    expect(o.end).toEqual({ kind: 'handed_over', reason: 'code_tries' });
    const e = run(run(run(null, 'je veux un rdv').state, 'Jean Dupont 03/02/1975', { identify: identified }).state, '111111', { check_code: { type: 'check_code', result: 'expired' } });
    expect(e.reply?.text).toMatch(/expiré/);
    expect(dialogStep(e.state, input('nouveau code'), ctx).effect).toMatchObject({ type: 'identify', birthDate: '1975-02-03' });
  });

  it('cancel: lists the appointments, respects the deadline, confirms', () => {
    const a = (id: string, iso: string, changeable = true) => ({ id, start: new Date(iso).toISOString(), practitionerId: MARTIN, practitionerName: 'Dr Claire Martin', motifId: null, motifName: 'Consultation', changeable });
    let o = run(run(null, 'Je voudrais annuler mon rendez-vous de jeudi').state, 'Jean Dupont 03/02/1975', { identify: identified });
    const listing = dialogStep(o.state, input('222222'), ctx);
    o = dialogResolve(listing.state!, codeOk, ctx);
    expect(o.effect).toEqual({ type: 'list_appointments', patientId: PATIENT });
    // Two appointments, the one on Thursday 12 March designated by the first message.
    o = dialogResolve(o.state!, { type: 'list_appointments', appointments: [a(APPT, '2026-03-12T10:00:00+01:00'), a(VERIF, '2026-03-20T10:00:00+01:00')] }, ctx);
    expect(o.state?.step).toBe('confirm_cancel');
    expect(o.reply?.text).toMatch(/Confirmez-vous l’annulation du rendez-vous du jeudi 12 mars/);
    expect(dialogStep(o.state, input('oui'), ctx).effect).toEqual({ type: 'cancel', patientId: PATIENT, appointmentId: APPT });
    expect(dialogStep(o.state, input('non'), ctx).end).toEqual({ kind: 'handed_over', reason: 'kept' });
    // Past the deadline: handed over.
    const late = dialogResolve(listing.state ? dialogResolve(listing.state, codeOk, ctx).state! : o.state!, { type: 'list_appointments', appointments: [a(APPT, '2026-03-10T15:00:00+01:00', false)] }, ctx);
    expect(late.end).toEqual({ kind: 'handed_over', reason: 'deadline' });
    expect(late.reply?.text).toMatch(/au plus tard 24 h avant/);
  });

  it('move: asks the new time (the date of the message was the current appointment), then move effect', () => {
    let o = run(run(null, 'je dois déplacer mon rdv de jeudi').state, 'Jean Dupont 03/02/1975', { identify: identified });
    o = dialogResolve(dialogStep(o.state, input('222222'), ctx).state!, codeOk, ctx);
    o = dialogResolve(o.state!, { type: 'list_appointments', appointments: [{ id: APPT, start: new Date('2026-03-12T10:00:00+01:00').toISOString(), practitionerId: MARTIN, practitionerName: 'Dr Claire Martin', motifId: null, motifName: null, changeable: true }] }, ctx);
    expect(o.reply?.text).toMatch(/Quand souhaitez-vous venir à la place/);
    const search = dialogStep(o.state, input('lundi prochain après-midi'), ctx);
    expect(search.effect).toMatchObject({ type: 'propose', practitionerIds: [MARTIN], excludeAppointmentId: APPT, prefs: { date: '2026-03-16', partOfDay: 'afternoon' } });
    o = run(dialogResolve(search.state!, { type: 'propose', slots: [at('2026-03-16T14:00:00+01:00')], urgencyHeldToday: 0 } as unknown as EffectResult, ctx).state, '1');
    expect(o.reply?.text).toMatch(/Je déplace votre rendez-vous au lundi 16 mars à 14 h 00/);
    expect(dialogStep(o.state, input('yes'), ctx).effect).toEqual({ type: 'move', patientId: PATIENT, appointmentId: APPT, start: new Date('2026-03-16T14:00:00+01:00').toISOString(), urgency: 'routine' });
  });

  it('same_day: offered today’s slots only, with the call-back; « autre » is a call-back; no slot today is a call-back', () => {
    let o = run(null, 'ma fille de 2 mois a 38,5 de fièvre, je voudrais un rendez-vous');
    expect(o.state?.urgency).toBe('same_day');
    expect(o.reply?.text).toMatch(/aujourd’hui.*appelez le 15/);
    o = run(run(o.state, 'Léa Dupont 03/01/2026', { identify: identified }).state, '123456', { check_code: codeOk });
    o = run(o.state, 'peu importe');
    const search = dialogStep(o.state, input('Consultation'), ctx);
    expect(search.effect).toMatchObject({ type: 'propose', urgency: 'same_day', practitionerIds: [MARTIN, LEFEVRE] });
    // Even if the runner returned next week's slots, only today's are offered.
    const offered = dialogResolve(search.state!, { type: 'propose', slots: [at('2026-03-10T11:40:00+01:00'), at('2026-03-17T09:00:00+01:00')], urgentHeldToday: 2 }, ctx);
    expect(offered.state?.proposals.map((p) => p.start)).toEqual([at('2026-03-10T11:40:00+01:00').start]);
    expect(offered.reply?.choices).toEqual(['mardi 10 mars à 11 h 40 — Dr Claire Martin', 'Être rappelé(e) aujourd’hui']);
    expect(offered.reply?.text).toMatch(/créneaux pour les urgences du jour/);
    expect(dialogStep(offered.state, input('autre'), ctx).end).toEqual({ kind: 'handed_over', reason: 'callback' });
    expect(dialogStep(offered.state, input('rappelez-moi'), ctx).end).toEqual({ kind: 'handed_over', reason: 'callback' });
    const none = dialogResolve(search.state!, { type: 'propose', slots: [at('2026-03-17T09:00:00+01:00')], urgentHeldToday: 0 }, ctx);
    expect(none.end).toEqual({ kind: 'handed_over', reason: 'same_day_callback' });
    expect(none.reply?.text).toMatch(/116 117/);
  });

  it('stop, unclear answers and a change of subject end the dialog', () => {
    const s = run(null, 'je voudrais un rdv').state!;
    expect(run(s, 'stop').end).toEqual({ kind: 'handed_over', reason: 'stopped' });
    let o = run(s, 'bof');
    o = run(o.state, 'euh');
    expect(run(o.state, 'je sais pas').end).toEqual({ kind: 'handed_over', reason: 'unclear' });
    const other = run(s, 'En fait je voudrais le renouvellement de mon Levothyrox');
    expect(other).toMatchObject({ state: null, reply: null });
  });

  it('a newcomer is not sent a code (no file, no contact on file): online booking for new patients, or a call-back', () => {
    for (const first of ['Bonjour, je suis nouveau patient, je voudrais un rendez-vous', 'Hello, I just moved here and would like to book an appointment, first visit']) {
      const o = run(null, first);
      expect(o.state).toBeNull();
      expect(o.effect).toBeUndefined();
      expect(o.end).toEqual({ kind: 'handed_over', reason: 'new_patient' });
      expect(o.reply?.text).toContain('https://pivot.example/rdv/cabinet');
      expect(o.reply?.asked).toEqual(['callback']);
    }
    // Said at the identity step, or instead of a code.
    const asked = run(null, 'Je voudrais un rendez-vous');
    expect(run(asked.state, 'je n’ai jamais consulté chez vous').end).toEqual({ kind: 'handed_over', reason: 'new_patient' });
    const coded = run(asked.state, 'Camille Lefèvre 12/04/1988', { identify: identified });
    expect(run(coded.state, 'c’est ma première consultation, je n’ai pas de dossier').end).toEqual({ kind: 'handed_over', reason: 'new_patient' });
    // No motif open to new patients online: the call-back only.
    const none = dialogStep(null, input('Bonjour, je suis nouveau patient, je voudrais un rendez-vous'), { ...ctx, newcomerBookingUrl: null });
    expect(none.reply?.text).not.toMatch(/https?:/);
    expect(none.reply?.text).toMatch(/numéro où vous rappeler/);
  });

  it('no dialog for other intents, nor when booking is closed (cancel still works)', () => {
    expect(run(null, 'Je voudrais le renouvellement de mon ordonnance')).toEqual({ state: null, reply: null });
    const closed = { ...ctx, bookingOpen: false };
    expect(dialogStep(null, input('Je voudrais un rendez-vous'), closed)).toEqual({ state: null, reply: null });
    expect(dialogStep(null, input('Je voudrais annuler mon rendez-vous'), closed).state?.kind).toBe('cancel');
  });

  it('the state round-trips through JSON and is dropped when expired or invalid', () => {
    const s = run(null, 'rdv demain matin').state!;
    expect(readDialogState(JSON.parse(JSON.stringify(s)), NOW)).toEqual(s);
    expect(readDialogState(s, new Date(NOW.getTime() + 31 * 60_000))).toBeNull();
    expect(readDialogState({ ...s, step: 'booked' }, NOW)).toBeNull();
    expect(readDialogState({ ...s, patientId: 'not-a-uuid' }, NOW)).toBeNull();
  });
});

// ---------- properties ----------

const texts = fc.oneof(
  fc.constantFrom('oui', 'non', '1', '2', '3', 'autre', 'stop', 'pas de code', 'nouveau code', '123456', 'rappel', 'Jean Dupont 03/02/1975', 'dès que possible', 'mardi prochain vers 10h', 'demain matin', 'Consultation', 'Peu importe', 'Dr Claire Martin', 'je voudrais un rendez-vous', 'annuler mon rdv'),
  fc.string({ maxLength: 40 }),
);
const VITAL_TEXTS = ['il a une douleur dans la poitrine qui serre depuis 20 minutes', 'mon mari ne respire plus', 'elle a perdu connaissance', 'I have crushing chest pain', 'je veux en finir, j’ai les médicaments devant moi'];
const slotArb = fc.integer({ min: 0, max: 20 * 24 * 4 }).map((q) => at(new Date(NOW.getTime() - 3600_000 + q * 15 * 60_000).toISOString(), q % 2 ? MARTIN : LEFEVRE));
const results = (slots: Slot[]): EffectResult[] => [
  { type: 'identify', verificationId: VERIF },
  { type: 'identify', verificationId: null },
  { type: 'check_code', result: 'ok', patientId: PATIENT },
  { type: 'check_code', result: 'wrong' },
  { type: 'propose', slots, urgentHeldToday: 1 },
  { type: 'book', result: 'taken' },
  { type: 'list_appointments', appointments: [] },
];

/** A random walk: messages, each effect answered by a random (type-matching) result. */
function walk(msgs: string[], slots: Slot[], pick: number[], check: (o: DialogOutcome, prev: DialogState | null, verifiedBefore: boolean) => void) {
  let state: DialogState | null = null;
  let verified = false;
  let k = 0;
  for (const m of msgs) {
    let o = dialogStep(state, input(m), ctx);
    check(o, state, verified);
    for (let i = 0; i < 4 && o.effect && o.state; i++) {
      const type = o.effect.type;
      const options = results(slots).filter((r) => r.type === type);
      const r = options.length ? options[pick[k++ % pick.length]! % options.length]! : ({ type, result: 'refused', message: 'non' } as EffectResult);
      if (r.type === 'check_code' && r.result === 'ok') verified = true;
      const prev = o.state;
      o = dialogResolve(o.state, r, ctx);
      check(o, prev, verified);
    }
    state = o.state;
    if (!state) verified = false;
  }
}

describe('booking dialog properties', () => {
  it('never books, moves or cancels without a verified code', () => {
    fc.assert(
      fc.property(fc.array(texts, { maxLength: 12 }), fc.array(slotArb, { maxLength: 6 }), fc.array(fc.nat(), { minLength: 1, maxLength: 8 }), (msgs, slots, pick) => {
        walk(msgs, slots, pick, (o, _prev, verified) => {
          if (o.effect && ['book', 'move', 'cancel', 'list_appointments'].includes(o.effect.type)) {
            expect(verified).toBe(true);
            expect(o.state?.patientId).toBe(PATIENT);
          }
        });
      }),
      { numRuns: 300 },
    );
  });

  it('a same_day case is never offered, confirmed or booked on another day', () => {
    const today = DateTime.fromJSDate(NOW, { zone: ZONE }).toISODate();
    fc.assert(
      fc.property(fc.array(texts, { maxLength: 10 }), fc.array(slotArb, { maxLength: 6 }), fc.array(fc.nat(), { minLength: 1, maxLength: 8 }), (msgs, slots, pick) => {
        walk(['bébé de 2 mois 38,5 de fièvre je voudrais un rdv', ...msgs], slots, pick, (o) => {
          if (o.state?.urgency !== 'same_day') return;
          for (const p of [...o.state.proposals, ...(o.state.chosen ? [o.state.chosen] : [])]) {
            expect(DateTime.fromISO(p.start, { zone: ZONE }).toISODate()).toBe(today);
          }
          if (o.effect?.type === 'book' || o.effect?.type === 'move') expect(DateTime.fromISO(o.effect.start, { zone: ZONE }).toISODate()).toBe(today);
        });
      }),
      { numRuns: 200 },
    );
  });

  it('vital at any step: the emergency instruction first, the dialog ends', () => {
    fc.assert(
      fc.property(fc.array(texts, { maxLength: 8 }), fc.constantFrom(...VITAL_TEXTS), fc.array(fc.nat(), { minLength: 1, maxLength: 8 }), (msgs, vital, pick) => {
        let state: DialogState | null = null;
        let k = 0;
        for (const m of ['je voudrais un rendez-vous', ...msgs]) {
          let o = dialogStep(state, input(m), ctx);
          for (let i = 0; i < 4 && o.effect && o.state; i++) {
            const options = results([at('2026-03-11T10:00:00+01:00')]).filter((r) => r.type === o.effect!.type);
            o = dialogResolve(o.state, options.length ? options[pick[k++ % pick.length]! % options.length]! : ({ type: o.effect.type, result: 'refused', message: 'x' } as EffectResult), ctx);
          }
          state = o.state;
        }
        const v = dialogStep(state, input(vital), ctx);
        expect(v.state).toBeNull();
        expect(v.effect).toBeUndefined();
        expect(v.reply?.emergency).toBe(true);
        expect(v.reply!.text.startsWith('Appelez immédiatement le 15') || v.reply!.text.startsWith('Call 15 (SAMU')).toBe(true);
      }),
      { numRuns: 150 },
    );
  });

  it('every stored state is valid for its schema and every step is known', () => {
    fc.assert(
      fc.property(fc.array(texts, { maxLength: 10 }), fc.array(slotArb, { maxLength: 6 }), fc.array(fc.nat(), { minLength: 1, maxLength: 8 }), (msgs, slots, pick) => {
        walk(msgs, slots, pick, (o) => {
          if (!o.state) return;
          expect(DIALOG_STEPS).toContain(o.state.step);
          expect(readDialogState(JSON.parse(JSON.stringify(o.state)), NOW)).not.toBeNull();
          if (!o.effect) expect(o.reply).not.toBeNull();
        });
      }),
      { numRuns: 200 },
    );
  });
});

describe('parsers and proposals', () => {
  it('reads identities, codes, choices and yes/no', () => {
    expect(parseIdentity('Je suis Jean-Pierre Martin, né le 3 février 1975', '2026-03-10')).toEqual({ name: 'jean-pierre martin', birthDate: '1975-02-03' });
    expect(parseIdentity('DUPONT Marie 12-04-88', '2026-03-10')).toEqual({ name: 'dupont marie', birthDate: '1988-04-12' });
    expect(parseIdentity('Marie 12/04/1988', '2026-03-10')).toBeNull();
    expect(parseIdentity('Marie Dupont 31/02/1988', '2026-03-10')).toBeNull();
    expect(parseIdentity('Marie Dupont 12/04/2030', '2026-03-10')).toBeNull();
    expect(parseCode('mon code : 123 456')).toBe('123456');
    expect(parseCode('12345')).toBeNull();
    expect(parseChoice('le 2', ['a', 'b', 'c'])).toBe(1);
    expect(parseChoice('deuxième', ['a', 'b', 'c'])).toBe(1);
    expect(parseChoice('Dr Paul Lefèvre', ['Dr Claire Martin', 'Dr Paul Lefèvre'])).toBe(1);
    expect(parseChoice('lefevre', ['Dr Claire Martin', 'Dr Paul Lefèvre'])).toBe(1);
    expect(parseChoice('7', ['a', 'b'])).toBeNull();
    expect(yesNo('Oui, je confirme')).toBe('yes');
    expect(yesNo('non merci')).toBe('no');
    expect(yesNo('peut-être')).toBeNull();
  });

  it('an identity fits a record only with a surname and a first name of that record', () => {
    const r = { birthName: 'LEFÈVRE', usedName: 'DURAND', firstName: 'Camille', givenNames: 'Camille Anne', usedFirstName: null };
    expect(identityFits('camille lefevre', r)).toBe(true);
    expect(identityFits('Anne Durand', r)).toBe(true);
    expect(identityFits('Lefevre Durand', r)).toBe(false);
    expect(identityFits('Camille Martin', r)).toBe(false);
    expect(identityFits('Camille', r)).toBe(false);
  });

  it('picks the wanted day nearest the wanted time, then one per day; same-day filter', () => {
    const slots = [at('2026-03-16T09:00:00+01:00'), at('2026-03-17T08:30:00+01:00'), at('2026-03-17T09:50:00+01:00'), at('2026-03-17T10:10:00+01:00'), at('2026-03-17T16:00:00+01:00'), at('2026-03-18T10:00:00+01:00')];
    const p = pickProposals(slots, { date: '2026-03-17', time: '10:00' }, { zone: ZONE, now: NOW, urgency: 'routine' });
    expect(p.map((s) => s.start)).toEqual([slots[1]!, slots[2]!, slots[3]!].map((s) => s.start).sort());
    const spread = pickProposals(slots, { partOfDay: 'morning' }, { zone: ZONE, now: NOW, urgency: 'routine' });
    expect(spread.map((s) => s.start.slice(0, 10))).toEqual(['2026-03-16', '2026-03-17', '2026-03-18']);
    expect(sameDayOnly([at('2026-03-10T08:00:00+01:00'), at('2026-03-10T18:00:00+01:00'), at('2026-03-11T09:00:00+01:00')], NOW, ZONE).map((s) => s.start)).toEqual([at('2026-03-10T18:00:00+01:00').start]);
    fc.assert(
      fc.property(fc.array(slotArb, { maxLength: 40 }), (list) => {
        const today = pickProposals(list, {}, { zone: ZONE, now: NOW, urgency: 'same_day' });
        expect(today.every((s) => s.start.slice(0, 10) === '2026-03-10' && s.start >= NOW.toISOString())).toBe(true);
        expect(today.length).toBeLessThanOrEqual(3);
      }),
    );
  });
});
