/**
 * The one clock of the server. Every reading of "now" — in TypeScript and, through `pivot_now()`, in SQL —
 * comes from here, so that a demo or a test can run the whole application as if it were another day.
 *
 * By default the clock is the system clock. `PIVOT_NOW` (an ISO date-time, e.g. `2026-12-24T23:50:00+01:00`)
 * makes it read that instant when the process starts, then run at the normal pace. A child process inherits
 * `PIVOT_NOW_SINCE` (the real epoch milliseconds at which the clock read `PIVOT_NOW`), so a parent and its
 * children share one offset instead of each starting the day again. The database connections carry the same
 * offset (`pivot.clock_offset_ms`, read by the SQL function `pivot_now()`).
 *
 * A simulated clock is refused where it could be an accident: see `assertClockAllowed`.
 */
import { DateTime } from 'luxon';

export interface ClockState {
  /** Milliseconds added to the system clock: 0 unless simulated. */
  offsetMs: number;
  /** The simulated start instant, when simulated. */
  simulatedFrom: Date | undefined;
}

let state: ClockState = { offsetMs: 0, simulatedFrom: undefined };

/** The current instant. */
function now(): Date {
  return new Date(Date.now() + state.offsetMs);
}

/** The current instant in epoch milliseconds. */
function nowMs(): number {
  return Date.now() + state.offsetMs;
}

export function isClockSimulated(): boolean {
  return state.simulatedFrom !== undefined;
}

/** The `options` of a PostgreSQL connection that gives `pivot_now()` the same offset as `now()`. */
export function pgClockOptions(): string | undefined {
  return state.offsetMs === 0 ? undefined : `-c pivot.clock_offset_ms=${Math.round(state.offsetMs)}`;
}

/**
 * Parses `PIVOT_NOW` (+ `PIVOT_NOW_SINCE`). An ISO instant without an offset is read in Europe/Paris
 * (the practices' usual zone). Throws a French message on a value that is not a date.
 */
export function parseClockEnv(env: NodeJS.ProcessEnv, realNowMs: number = Date.now()): ClockState {
  const raw = env.PIVOT_NOW?.trim();
  if (!raw) return { offsetMs: 0, simulatedFrom: undefined };
  const target = parseInstant(raw);
  if (!target) throw new Error(`PIVOT_NOW doit être une date et heure ISO 8601, par exemple 2026-12-24T23:50:00+01:00 (reçu : « ${raw} »).`);
  const sinceRaw = env.PIVOT_NOW_SINCE?.trim();
  const since = sinceRaw ? Number(sinceRaw) : realNowMs;
  if (!Number.isFinite(since) || since <= 0) throw new Error(`PIVOT_NOW_SINCE doit être un nombre de millisecondes (reçu : « ${sinceRaw} »).`);
  return { offsetMs: target.getTime() - since, simulatedFrom: target };
}

const ISO = /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,3})?)?)?(?:Z|[+-]\d{2}:?\d{2})?$/;

function parseInstant(raw: string): Date | undefined {
  if (!ISO.test(raw)) return undefined;
  // luxon refuses impossible dates (30 February) where Date would roll them over; no offset = Paris time.
  const d = DateTime.fromISO(raw.replace(' ', 'T'), { zone: 'Europe/Paris' });
  return d.isValid ? d.toJSDate() : undefined;
}

/**
 * A simulated clock is for tests and demos only. Outside the test suites (NODE_ENV=test) it is refused with an
 * external database (DATABASE_URL) and without the demo (PIVOT_DEMO=0, a real practice): a production server
 * must never run on a wrong date.
 */
export function assertClockAllowed(clock: ClockState, env: NodeJS.ProcessEnv): void {
  if (!clock.simulatedFrom || env.NODE_ENV === 'test') return;
  if (env.DATABASE_URL || env.PIVOT_DEMO === '0') {
    throw new Error('PIVOT_NOW simule l’horloge : il est réservé aux démonstrations (base embarquée, PIVOT_DEMO actif) et aux tests, jamais avec DATABASE_URL ni PIVOT_DEMO=0.');
  }
}

/**
 * Sets the clock from the environment (start-up, before any database pool is opened) and publishes
 * `PIVOT_NOW_SINCE` for child processes. Throws on an invalid `PIVOT_NOW`.
 */
export function initClockFromEnv(env: NodeJS.ProcessEnv = process.env): ClockState {
  state = parseClockEnv(env);
  if (state.simulatedFrom && !env.PIVOT_NOW_SINCE) env.PIVOT_NOW_SINCE = String(state.simulatedFrom.getTime() - state.offsetMs);
  return state;
}

/** For tests of the clock itself: sets the simulated instant (undefined: back to the system clock). */
export function setClockForTests(target: Date | undefined): void {
  state = target ? { offsetMs: target.getTime() - Date.now(), simulatedFrom: target } : { offsetMs: 0, simulatedFrom: undefined };
}

// Read the environment as soon as the clock is first imported, so that every module and pool sees one clock
// from the start. An invalid value is reported by `loadConfig` (through `initClockFromEnv`), not here.
try {
  initClockFromEnv(process.env);
} catch {
  state = { offsetMs: 0, simulatedFrom: undefined };
}

/** The only door to the clock: `clock.now()`, `clock.nowMs()` (an object, so that modules keep their own `now` variables). */
export const clock = { now, nowMs } as const;
