/**
 * The desk's rules as pure functions (no I/O, no clock: `now` is always given): lateness and no-show,
 * the order of the waiting queue, the expected delay of a practitioner, what the waiting-room board may
 * show, and the average wait. Tested with examples and fast-check properties (rules.test.ts).
 */

const MINUTE = 60_000;

// ---------- lateness ----------

export type ExpectedState = 'expected' | 'late' | 'no_show_suggested';

export interface Grace {
  /** Minutes after the start before a patient who has not arrived is « en retard ». */
  lateGraceMinutes: number;
  /** Minutes after the start before the desk is invited to record a no-show (> lateGraceMinutes). */
  noShowGraceMinutes: number;
}

/**
 * State of an appointment whose patient has not arrived yet. Late from `start + lateGrace` (inclusive),
 * no-show suggested from `start + noShowGrace` (inclusive). Marking the no-show stays a secretary action:
 * a patient may still turn up, and the agenda refuses a no-show before the start anyway.
 */
export function expectedState(start: Date, now: Date, grace: Grace): ExpectedState {
  const late = now.getTime() - start.getTime();
  if (late >= grace.noShowGraceMinutes * MINUTE) return 'no_show_suggested';
  if (late >= grace.lateGraceMinutes * MINUTE) return 'late';
  return 'expected';
}

/** When the state will change next (for the screen to re-render at the right moment), or null if final. */
export function nextStateChange(start: Date, now: Date, grace: Grace): Date | null {
  const lateAt = start.getTime() + grace.lateGraceMinutes * MINUTE;
  const noShowAt = start.getTime() + grace.noShowGraceMinutes * MINUTE;
  if (now.getTime() < lateAt) return new Date(lateAt);
  if (now.getTime() < noShowAt) return new Date(noShowAt);
  return null;
}

// ---------- the queue ----------

export interface QueueEntry {
  id: string;
  urgent: boolean;
  arrivedAt: Date;
  /** Scheduled start of the appointment; null for a walk-in. */
  scheduledStart: Date | null;
  ticketNumber: number;
}

/**
 * When a waiting patient becomes « due »: a walk-in when they arrive; a patient with an appointment at the
 * appointment time, or when they arrive if late (a late patient does not pass those who came on time).
 */
export function dueAt(e: QueueEntry): number {
  if (!e.scheduledStart) return e.arrivedAt.getTime();
  return Math.max(e.scheduledStart.getTime(), e.arrivedAt.getTime());
}

/** Order of the waiting queue: urgent first, then by due time, then arrival, then ticket number. */
export function compareQueue(a: QueueEntry, b: QueueEntry): number {
  if (a.urgent !== b.urgent) return a.urgent ? -1 : 1;
  return dueAt(a) - dueAt(b) || a.arrivedAt.getTime() - b.arrivedAt.getTime() || a.ticketNumber - b.ticketNumber;
}

export function sortQueue<T extends QueueEntry>(entries: readonly T[]): T[] {
  return [...entries].sort(compareQueue);
}

/** The next patient to call: the first of the sorted queue, or undefined when nobody waits. */
export function nextPatient<T extends QueueEntry>(entries: readonly T[]): T | undefined {
  let best: T | undefined;
  for (const e of entries) if (!best || compareQueue(e, best) < 0) best = e;
  return best;
}

// ---------- delay ----------

export interface DelayInput {
  now: Date;
  /** Consultations of the day for one practitioner, with an appointment (walk-ins have no scheduled time). */
  started: { scheduledStart: Date; scheduledEnd: Date; startedAt: Date; endedAt: Date | null }[];
  /** Scheduled starts of the appointments not started yet (arrived or expected), today. */
  upcoming: Date[];
  /** Delay declared by the desk, if any. */
  declaredMinutes?: number | null | undefined;
}

export interface Delay {
  minutes: number;
  source: 'declared' | 'computed' | 'none';
}

/**
 * Expected delay of a practitioner. Declared by the desk: that value. Otherwise computed from actual
 * times: the practitioner is expected to be free at the end of the current consultation (its start + its
 * scheduled length, at least now), or now when idle; the delay is how late that is against the next
 * scheduled start. Without any consultation started yet, the lateness of the next start is not known:
 * if its time has passed and the practitioner is idle, the delay is counted from it. Rounded up to 5 minutes.
 */
export function expectedDelay(input: DelayInput): Delay {
  if (input.declaredMinutes !== null && input.declaredMinutes !== undefined) {
    return { minutes: Math.max(0, Math.round(input.declaredMinutes)), source: 'declared' };
  }
  const now = input.now.getTime();
  const current = input.started.filter((s) => s.endedAt === null).sort((a, b) => b.startedAt.getTime() - a.startedAt.getTime())[0];
  const freeAt = current ? Math.max(now, current.startedAt.getTime() + (current.scheduledEnd.getTime() - current.scheduledStart.getTime())) : now;
  const next = input.upcoming.map((d) => d.getTime()).sort((a, b) => a - b)[0];
  if (next === undefined) return { minutes: 0, source: 'none' };
  // Nobody has been seen yet and the practitioner is idle: nothing says they are late.
  if (!current && input.started.length === 0 && next > now) return { minutes: 0, source: 'none' };
  const late = Math.max(0, freeAt - next);
  const minutes = Math.ceil(late / MINUTE / 5) * 5;
  return { minutes, source: minutes > 0 ? 'computed' : 'none' };
}

// ---------- the board ----------

export type BoardDisplay = 'ticket' | 'initials';

/** Initials of a patient for the board: « M. D. » — never the full name (medical secrecy). */
export function initials(firstName: string, lastName: string): string {
  const first = (s: string) => {
    const letter = s.trim().normalize('NFD').replace(/[\u0300-\u036f]/g, '').match(/[A-Za-z]/)?.[0];
    return letter ? `${letter.toUpperCase()}.` : '';
  };
  return [first(firstName), first(lastName)].filter(Boolean).join(' ') || '?';
}

/** What the board shows for a visit: « Ticket 12 » or « M. D. (12) » (the number disambiguates initials). */
export function boardLabel(mode: BoardDisplay, ticketNumber: number, firstName: string, lastName: string, lang: 'fr' | 'en' = 'fr'): string {
  if (mode === 'initials') return `${initials(firstName, lastName)} (${ticketNumber})`;
  return `${lang === 'fr' ? 'Ticket' : 'Ticket'} ${ticketNumber}`;
}

/** Average wait in whole minutes (arrival → call or start) over the visits seen today; null when none. */
export function averageWaitMinutes(visits: { arrivedAt: Date; calledAt: Date | null; startedAt: Date | null }[]): number | null {
  const waits = visits
    .map((v) => {
      const seen = v.calledAt ?? v.startedAt;
      return seen ? Math.max(0, seen.getTime() - v.arrivedAt.getTime()) : null;
    })
    .filter((w): w is number => w !== null);
  if (waits.length === 0) return null;
  return Math.round(waits.reduce((s, w) => s + w, 0) / waits.length / MINUTE);
}
