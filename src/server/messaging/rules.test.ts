import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MESSAGE_STATUSES } from './contract.js';
import { addressOn, allowedChannels, attemptDecision, bodyAfter, isDone, sendJobKey, shownBody, smsOutboxStatus, textsOn, toE164 } from './rules.js';

const events = fc.constantFrom('confirmation', 'reminder', 'changed', 'cancelled', 'offer', 'delay');
const consentInput = fc.record({
  event: events,
  bookedOnline: fc.boolean(),
  email: fc.option(fc.emailAddress(), { nil: null }),
  phone: fc.option(fc.constantFrom('06 12 34 56 78', '+590690123456', '123', '07.00.00.00.01'), { nil: null }),
  emailConsent: fc.boolean(),
  smsConsent: fc.boolean(),
});

describe('consent (opt-out) rules', () => {
  it('never an SMS without SMS consent, nor to a number that is not E.164-able', () => {
    fc.assert(
      fc.property(consentInput, (p) => {
        const out = allowedChannels(p);
        if (out.includes('sms')) expect(p.smsConsent && p.phone !== null && toE164(p.phone) !== undefined).toBe(true);
      }),
    );
  });

  it('an e-mail without consent only to confirm a booking the patient made online', () => {
    fc.assert(
      fc.property(consentInput, (p) => {
        const out = allowedChannels(p);
        if (out.includes('email') && !p.emailConsent) expect(p.event === 'confirmation' && p.bookedOnline).toBe(true);
        // Withdrawing both consents (the opt-out) leaves at most that confirmation.
        if (!p.emailConsent && !p.smsConsent) expect(out.filter((c) => c !== 'email')).toEqual([]);
      }),
    );
  });

  it('with consent and a usable address, the channel is always allowed', () => {
    fc.assert(
      fc.property(consentInput, (p) => {
        const out = allowedChannels(p);
        expect(out.includes('email')).toBe(Boolean(p.email) && (p.emailConsent || (p.event === 'confirmation' && p.bookedOnline)));
        expect(out.includes('sms')).toBe(Boolean(p.phone && p.smsConsent && toE164(p.phone)));
      }),
    );
  });

  it('E.164: French numbers get +33, international ones are kept, the result is always canonical', () => {
    expect(toE164('06 12 34 56 78')).toBe('+33612345678');
    expect(toE164('0033612345678')).toBe('+33612345678');
    expect(toE164('123')).toBeUndefined();
    fc.assert(
      fc.property(fc.stringMatching(/^0[1-9]\d{8}$/), (n) => {
        expect(toE164(n)).toBe(`+33${n.slice(1)}`);
      }),
    );
    fc.assert(
      fc.property(fc.string({ maxLength: 25 }), (s) => {
        const e = toE164(s);
        if (e !== undefined) expect(e).toMatch(/^\+[1-9]\d{6,14}$/);
      }),
    );
  });
});

describe('delivery state machine', () => {
  const status = fc.constantFrom(...MESSAGE_STATUSES);

  it('a sent or simulated message is never attempted again, whatever the clock says', () => {
    fc.assert(
      fc.property(status, fc.nat(10), fc.integer({ min: 0, max: 10 ** 9 }), fc.integer({ min: 0, max: 10 ** 9 }), fc.integer({ min: 1, max: 10 ** 6 }), (s, attempts, updated, now, lease) => {
        const d = attemptDecision({ status: s, attempts, updatedAtMs: updated }, now, lease);
        if (isDone(s)) expect(d).toBe('done');
        else expect(d === 'attempt' || d === 'busy').toBe(true);
      }),
    );
  });

  it('a `sending` row waits for its lease to expire; queued and failed rows are attempted', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 10 }), fc.integer({ min: 0, max: 10 ** 6 }), fc.integer({ min: 1, max: 10 ** 6 }), (attempts, age, lease) => {
        const d = attemptDecision({ status: 'sending', attempts, updatedAtMs: 1_000_000 }, 1_000_000 + age, lease);
        expect(d).toBe(age < lease ? 'busy' : 'attempt');
        expect(attemptDecision({ status: 'queued', attempts, updatedAtMs: 1_000_000 }, 1_000_000 + age, lease)).toBe('attempt');
        expect(attemptDecision({ status: 'failed', attempts, updatedAtMs: 1_000_000 }, 1_000_000 + age, lease)).toBe('attempt');
      }),
    );
  });

  it('only a really delivered message loses its body; one-time codes are shown only when simulated', () => {
    fc.assert(
      fc.property(status, fc.string(), fc.constantFrom('otp', 'reminder', 'staff'), (s, body, kind) => {
        expect(bodyAfter(s, body)).toBe(s === 'sent' ? '' : body);
        expect(shownBody(kind, s, body)).toBe(kind === 'otp' && s !== 'simulated' ? '' : body);
        expect(smsOutboxStatus(s)).toBe(s === 'sending' ? 'queued' : s);
      }),
    );
  });

  it('one send job per logical message: the job key is derived from the message key, one to one', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1 }), fc.string({ minLength: 1 }), (a, b) => {
        expect(sendJobKey(`msg:${a}`)).toBe(`send:${a}`);
        if (a !== b) expect(sendJobKey(`msg:${a}`)).not.toBe(sendJobKey(`msg:${b}`));
      }),
    );
  });
});

describe('a message on one channel', () => {
  it('sends every channel that allowedChannels gives to an address, the e-mail with its subject, the SMS its short text', () => {
    fc.assert(
      fc.property(consentInput, fc.record({ subject: fc.string(), text: fc.string(), sms: fc.string() }), (p, texts) => {
        for (const channel of allowedChannels(p)) {
          const out = textsOn(channel, texts);
          const to = addressOn(channel, p);
          expect(out).toEqual(channel === 'email' ? { channel, subject: texts.subject, text: texts.text } : { channel, subject: null, text: texts.sms });
          expect(to).toBe(channel === 'email' ? p.email : toE164(p.phone!));
          expect(to).toBeTruthy();
        }
      }),
    );
  });
});
