/** Shape of a triage rule (red flag or same-day sign). */
import type { AgeInfo } from './lexicon.js';

export type FlagLevel = 'vital' | 'same_day';

export interface RuleContext {
  norm: string;
  age: AgeInfo;
  /** True when `re` has at least one non-negated match anywhere in the message. */
  has(re: RegExp): boolean;
}

export interface FlagRule {
  /** Reason code without prefix, e.g. `CHEST_PAIN` (reported as `VITAL_CHEST_PAIN`). */
  code: string;
  /** French label shown to the secretary. */
  label: string;
  level: FlagLevel;
  /** The sign itself. Each match is checked for negation and time context. */
  match: RegExp;
  /** Cheap pre-check: each pattern's possible first words must occur in the message, or the rule is skipped. */
  requires?: RegExp[];
  /** All must be present (non-negated) in the message. */
  withAll?: RegExp[];
  /** At least one must be present (non-negated) in the message. */
  withAny?: RegExp[];
  /** Extra condition on the whole message (age, sender…). */
  when?: (ctx: RuleContext) => boolean;
  /** Level used when the sign is there but `withAll`/`withAny`/`when` are not satisfied. */
  otherwise?: FlagLevel;
  /** Same sentence contains this: use `soften.to` instead ("only when I cough"). */
  soften?: { when: RegExp; to: FlagLevel | 'routine' };
  /** The rule does not apply when the message matches this (non-negated). */
  unless?: RegExp;
  /** The sign itself contains negation words ("plus d insuline"): skip the negation check. */
  negationIsSign?: boolean;
  /** Transient neurological deficit: stays vital when it happened within 24 h (README rule 4). */
  neuro?: boolean;
  /** Lasting for weeks does not lower it (passive dark thoughts stay same_day, README rule 6). */
  chronicOk?: boolean;
  /** An episode (fainting, palpitations): once resolved and not assessed it stays same_day (README rule 4). */
  episode?: boolean;
  /** Not an event in time (lab value, prescription error): skip the tense logic. */
  timeless?: boolean;
}
