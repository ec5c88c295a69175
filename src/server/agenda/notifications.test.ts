import crypto from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { signLink, verifyLink } from './links.js';
import { formatWhen, renderAppointmentMessage, renderCodeMessage, renderOfferMessage } from './messages.js';
import { allowedChannels, toE164 } from './notifications.js';
import { eligibleInOrder, quietUntil, type WaitingEntryLite } from './waiting-list.js';
import { clock } from '../platform/clock.js';

const key = Buffer.alloc(32, 7);
const id = '3f2504e0-4f89-41d3-9a0c-0305e82c3301';

describe('patient messages', () => {
  const base = {
    practiceName: 'Maison de santé des Tilleuls',
    timeZone: 'Europe/Paris',
    start: new Date('2026-11-24T09:30:00Z'), // 10:30 in Paris (winter time)
    practitionerName: 'Dr Claire Martin',
    motifName: 'Prise de sang',
    preparationInstructions: 'Venir à jeun.',
    documentsToBring: 'Carte Vitale, ordonnance',
    manageUrl: 'https://rdv.example.fr/rendez-vous/x',
    manageDeadline: new Date('2026-11-23T09:30:00Z'),
  };

  it('writes the date in the practice time zone, in French and in English', () => {
    expect(formatWhen(base.start, 'Europe/Paris', 'fr')).toBe('mardi 24 novembre à 10 h 30');
    expect(formatWhen(base.start, 'Europe/Paris', 'en')).toBe('Tuesday 24 November at 10:30');
    expect(formatWhen(base.start, 'America/Martinique', 'fr')).toBe('mardi 24 novembre à 5 h 30');
    expect(formatWhen(new Date('2026-07-07T07:05:00Z'), 'Europe/Paris', 'fr')).toBe('mardi 7 juillet à 9 h 05'); // summer time
  });

  it('confirmation in French: practice, date, motif, preparation, documents, manage link and deadline', () => {
    const m = renderAppointmentMessage({ ...base, lang: 'fr', event: 'confirmation' });
    expect(m.subject).toBe('Rendez-vous confirmé — Maison de santé des Tilleuls');
    expect(m.text).toContain('Votre rendez-vous avec Dr Claire Martin est confirmé le mardi 24 novembre à 10 h 30.');
    expect(m.text).toContain('Préparation : Venir à jeun.');
    expect(m.text).toContain('À apporter : Carte Vitale, ordonnance');
    expect(m.text).toContain('Pour déplacer ou annuler (jusqu’au lundi 23 novembre à 10 h 30) : https://rdv.example.fr/rendez-vous/x');
    expect(m.sms.length).toBeLessThanOrEqual(640);
    expect(m.sms).toContain('https://rdv.example.fr/rendez-vous/x');
  });

  it('reminder, change and cancellation in English', () => {
    expect(renderAppointmentMessage({ ...base, lang: 'en', event: 'reminder' }).text).toContain('Reminder: you have an appointment with Dr Claire Martin on Tuesday 24 November at 10:30.');
    const changed = renderAppointmentMessage({ ...base, lang: 'en', event: 'changed', fromStart: new Date('2026-11-20T08:00:00Z') });
    expect(changed.text).toContain('has been moved to Tuesday 24 November at 10:30');
    expect(changed.text).toContain('(It was planned for Friday 20 November at 09:00.)');
    const cancelled = renderAppointmentMessage({ ...base, lang: 'en', event: 'cancelled' });
    expect(cancelled.subject).toBe('Appointment cancelled — Maison de santé des Tilleuls');
    expect(cancelled.text).not.toContain('rendez-vous/x'); // no manage link on a cancelled appointment
    expect(cancelled.text).not.toContain('Please bring');
  });

  it('codes and waiting-list offers', () => {
    expect(renderCodeMessage('fr', 'Cabinet', '012345', 15).sms).toContain(': 012345. Il est valable 15 minutes');
    const o = renderOfferMessage({ lang: 'fr', practiceName: 'Cabinet', timeZone: 'Europe/Paris', start: base.start, practitionerName: 'Dr Martin', acceptUrl: 'https://x/liste-attente/t', expiresAt: new Date('2026-11-22T10:00:00Z') });
    expect(o.text).toContain('avant 11 h 00 : https://x/liste-attente/t');
  });
});

describe('signed links', () => {
  it('verify what was signed, until the expiry', () => {
    const exp = new Date(clock.nowMs() + 60_000);
    const t = signLink(key, 'm', id, exp, 3);
    const r = verifyLink(key, 'm', t);
    expect(r.ok && r.id).toBe(id);
    expect(r.ok && r.generation).toBe(3);
    expect(verifyLink(key, 'm', t, new Date(exp.getTime() + 1000))).toEqual({ ok: false, why: 'expired' });
    expect(verifyLink(key, 'o', t)).toEqual({ ok: false, why: 'malformed' }); // purpose is bound
    expect(verifyLink(Buffer.alloc(32, 8), 'm', t)).toEqual({ ok: false, why: 'bad_signature' });
  });

  it('bind the generation of a manage link; links signed before generations count as generation 0', () => {
    const exp = new Date(clock.nowMs() + 60_000);
    const [p, i, , e, sig] = signLink(key, 'm', id, exp, 2).split('.');
    expect(verifyLink(key, 'm', [p, i, '3', e, sig].join('.'))).toEqual({ ok: false, why: 'bad_signature' });
    expect(verifyLink(key, 'm', [p, i, '02', e, sig].join('.'))).toEqual({ ok: false, why: 'malformed' });
    // The format of earlier releases: `m.<id>.<exp>.<sig>` with the same key.
    const body = `m.${id}.${Math.floor(exp.getTime() / 1000)}`;
    const legacy = `${body}.${crypto.createHmac('sha256', key).update(body).digest().subarray(0, 16).toString('base64url')}`;
    expect(verifyLink(key, 'm', legacy)).toMatchObject({ ok: true, id, generation: 0 });
    // Offers have no generation: a five-part offer token is not one.
    const offer = signLink(key, 'o', id, exp).split('.');
    expect(verifyLink(key, 'o', [offer[0], offer[1], '0', offer[2], offer[3]].join('.'))).toEqual({ ok: false, why: 'malformed' });
    expect(() => signLink(key, 'm', id, exp, -1)).toThrow();
  });

  it('refuse any single-character alteration (property)', () => {
    const t = signLink(key, 'm', id, new Date(clock.nowMs() + 3_600_000), 1);
    fc.assert(
      fc.property(fc.nat(t.length - 1), fc.constantFrom(...'0123456789abcdefABCDEF-_.'), (i, c) => {
        fc.pre(t[i] !== c);
        const altered = t.slice(0, i) + c + t.slice(i + 1);
        return !verifyLink(key, 'm', altered).ok;
      }),
      { numRuns: 500 },
    );
    expect(verifyLink(key, 'm', 'garbage').ok).toBe(false);
    expect(verifyLink(key, 'm', '').ok).toBe(false);
  });
});

describe('consent and phone numbers', () => {
  const p = { email: 'a@b.fr', phone: '06 12 34 56 78', emailConsent: false, smsConsent: false, bookedOnline: false };
  it('without consent: no SMS, e-mail only to confirm an online booking', () => {
    expect(allowedChannels({ ...p, event: 'confirmation' })).toEqual([]);
    expect(allowedChannels({ ...p, event: 'confirmation', bookedOnline: true })).toEqual(['email']);
    expect(allowedChannels({ ...p, event: 'reminder', bookedOnline: true })).toEqual([]);
    expect(allowedChannels({ ...p, event: 'reminder', emailConsent: true, smsConsent: true })).toEqual(['email', 'sms']);
    expect(allowedChannels({ ...p, phone: '12', event: 'reminder', smsConsent: true })).toEqual([]);
  });
  it('E.164', () => {
    expect(toE164('06 12 34 56 78')).toBe('+33612345678');
    expect(toE164('+590 690 12 34 56')).toBe('+590690123456');
    expect(toE164('0033612345678')).toBe('+33612345678');
    expect(toE164('123')).toBeUndefined();
  });
});

describe('waiting-list order', () => {
  const slot = { practitionerId: 'd1', motifId: 'm1', start: new Date('2026-11-24T09:30:00Z'), end: new Date('2026-11-24T09:45:00Z') }; // Tuesday 10:30 Paris
  const entry = (o: Partial<WaitingEntryLite> & { id: string; createdAt: Date }): WaitingEntryLite => ({
    patientId: `p-${o.id}`, practitionerId: null, motifId: null, motifDurationMinutes: null, currentStart: null, earliest: null, latest: null, weekdays: [1, 2, 3, 4, 5, 6, 7], timeOfDay: 'any', ...o,
  });

  it('asks in order of arrival, and only those whose preferences fit', () => {
    const list = [
      entry({ id: 'late', createdAt: new Date(3000) }),
      entry({ id: 'early', createdAt: new Date(1000) }),
      entry({ id: 'other-doctor', createdAt: new Date(500), practitionerId: 'd2' }),
      entry({ id: 'afternoon', createdAt: new Date(600), timeOfDay: 'afternoon' }),
      entry({ id: 'mondays', createdAt: new Date(700), weekdays: [1] }),
      entry({ id: 'already-earlier', createdAt: new Date(800), currentStart: new Date('2026-11-23T08:00:00Z') }),
      entry({ id: 'wants-earlier', createdAt: new Date(2000), currentStart: new Date('2026-12-10T08:00:00Z') }),
      entry({ id: 'long-motif', createdAt: new Date(900), motifId: 'm2', motifDurationMinutes: 30 }),
      entry({ id: 'from-december', createdAt: new Date(950), earliest: '2026-12-01' }),
    ];
    expect(eligibleInOrder(list, slot, 'Europe/Paris').map((e) => e.id)).toEqual(['early', 'wants-earlier', 'late']);
    expect(eligibleInOrder(list, slot, 'Europe/Paris', new Set(['early'])).map((e) => e.id)).toEqual(['wants-earlier', 'late']);
    expect(eligibleInOrder(list, slot, 'Europe/Paris', new Set(), new Set(['p-late'])).map((e) => e.id)).toEqual(['early', 'wants-earlier']);
  });

  it('is a stable order by arrival whatever the input order (property)', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.nat(1_000_000), { minLength: 1, maxLength: 30 }), (times) => {
        const list = times.map((t, i) => entry({ id: `e${i}`, createdAt: new Date(t) }));
        const order = eligibleInOrder(fc.sample(fc.shuffledSubarray(list, { minLength: list.length, maxLength: list.length }), 1)[0]!, slot, 'Europe/Paris');
        return order.every((e, i) => i === 0 || order[i - 1]!.createdAt <= e.createdAt) && order.length === list.length;
      }),
    );
  });
});

describe('waiting-list quiet hours', () => {
  it('holds offers between 21:00 and 08:00 in the practice time zone', () => {
    expect(quietUntil(new Date('2026-11-24T13:00:00Z'), 'Europe/Paris')).toBeUndefined();
    expect(quietUntil(new Date('2026-11-24T21:30:00Z'), 'Europe/Paris')).toEqual(new Date('2026-11-25T07:00:00Z')); // 22:30 → 08:00 next day
    expect(quietUntil(new Date('2026-11-24T05:00:00Z'), 'Europe/Paris')).toEqual(new Date('2026-11-24T07:00:00Z')); // 06:00 → 08:00
    expect(quietUntil(new Date('2026-11-24T23:30:00Z'), 'America/Martinique')).toBeUndefined(); // 19:30 there
  });
});
