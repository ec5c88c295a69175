// Pure layout of the time grid: which appointments go in which column, side-by-side lanes, keyboard stops.
import type { Appointment, Practitioner } from './api';
import { clockTime } from '../ui/format';
import { DAY_END_MINUTES, DAY_START_MINUTES, ROWS, STEP_MINUTES, localParts, within, type DayPlan } from './time';

export interface Column {
  key: string;
  index: number;
  practitioner: Practitioner;
  date: string;
  /** Header text (practitioner's name, or the day in the week view). */
  label: string;
  /** Both, for accessible names ("Dr Martin, mardi 12 mai"). */
  fullLabel: string;
  plan: DayPlan;
}

export interface Block {
  appointment: Appointment;
  /** Visible minutes after midnight, clipped to the grid. */
  start: number;
  end: number;
  row: number;
  lane: number;
  lanes: number;
  /** Local "HH:mm" of the real start and end. */
  startText: string;
  endText: string;
}

export interface Stop {
  key: string;
  minute: number;
  kind: 'cell' | 'block';
  row: number;
  id?: string;
}

export const isCancelled = (a: Appointment) => a.status === 'cancelled_by_patient' || a.status === 'cancelled_by_practice';

export const cellKey = (col: number, row: number) => `c:${col}:${row}`;
export const blockKey = (id: string) => `a:${id}`;

/** Appointments of each column (cancelled ones are not drawn: their time is free), with lanes for overlaps. */
export function layoutColumns(columns: Column[], appointments: Appointment[], zone: string): Block[][] {
  const byKey = new Map<string, { a: Appointment; s: ReturnType<typeof localParts>; e: ReturnType<typeof localParts> }[]>();
  for (const a of appointments) {
    if (isCancelled(a)) continue;
    const s = localParts(a.start, zone);
    const key = `${a.practitionerId}|${s.date}`;
    let list = byKey.get(key);
    if (!list) byKey.set(key, (list = []));
    list.push({ a, s, e: localParts(a.end, zone) });
  }
  return columns.map((c) => {
    const list = (byKey.get(`${c.practitioner.id}|${c.date}`) ?? []).slice().sort((x, y) => (x.a.start < y.a.start ? -1 : x.a.start > y.a.start ? 1 : 0));
    const blocks: Block[] = list.map(({ a, s, e }) => {
      const start = Math.min(Math.max(s.minutes, DAY_START_MINUTES), DAY_END_MINUTES - STEP_MINUTES);
      const endRaw = e.date === c.date ? e.minutes : 24 * 60;
      const end = Math.max(Math.min(endRaw, DAY_END_MINUTES), start + 10);
      return { appointment: a, start, end, row: Math.floor((start - DAY_START_MINUTES) / STEP_MINUTES), lane: 0, lanes: 1, startText: clockTime(s.minutes), endText: clockTime(e.minutes) };
    });
    assignLanes(blocks);
    return blocks;
  });
}

/** Greedy lanes within each cluster of overlapping blocks (group sessions, overrides). */
function assignLanes(blocks: Block[]): void {
  let cluster: Block[] = [];
  let clusterEnd = -1;
  const flush = () => {
    const laneEnds: number[] = [];
    for (const b of cluster) {
      let lane = laneEnds.findIndex((end) => end <= b.start);
      if (lane < 0) lane = laneEnds.length;
      laneEnds[lane] = b.end;
      b.lane = lane;
    }
    for (const b of cluster) b.lanes = laneEnds.length;
    cluster = [];
  };
  for (const b of blocks) {
    if (b.start >= clusterEnd && cluster.length) flush();
    cluster.push(b);
    clusterEnd = Math.max(clusterEnd, b.end);
  }
  if (cluster.length) flush();
}

/** Rows of a column covered by an appointment (not bookable from the grid). */
export function coveredRows(blocks: Block[]): boolean[] {
  const covered = new Array<boolean>(ROWS).fill(false);
  for (const b of blocks) {
    for (let r = b.row; r < ROWS && DAY_START_MINUTES + r * STEP_MINUTES < b.end; r++) covered[r] = true;
  }
  return covered;
}

/** Keyboard stops of a column, top to bottom: each appointment, and each free (uncovered) cell. */
export function columnStops(colIndex: number, blocks: Block[], covered: boolean[]): Stop[] {
  const stops: Stop[] = [];
  let i = 0;
  for (let r = 0; r < ROWS; r++) {
    const minute = DAY_START_MINUTES + r * STEP_MINUTES;
    while (i < blocks.length && blocks[i]!.row === r) {
      const b = blocks[i++]!;
      stops.push({ key: blockKey(b.appointment.id), minute: b.start, kind: 'block', row: r, id: b.appointment.id });
    }
    if (!covered[r]) stops.push({ key: cellKey(colIndex, r), minute, kind: 'cell', row: r });
  }
  return stops;
}

export type CellState = 'open' | 'closed' | 'urgent';

/** Translated strings of the grid, resolved once per render (not per cell: there are hundreds). */
export interface GridLabels {
  cell: Record<CellState, string>;
  /** « Férié : Noël » */
  holiday(name: string): string;
  urgentTag: string;
  status: Record<string, string>;
  noMotif: string;
}
export function cellState(plan: DayPlan, row: number): CellState {
  const m = DAY_START_MINUTES + row * STEP_MINUTES;
  if (within(plan.urgent, m, m + STEP_MINUTES)) return 'urgent';
  return within(plan.open, m, m + STEP_MINUTES) ? 'open' : 'closed';
}
