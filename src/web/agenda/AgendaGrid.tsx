import { memo, useEffect, useLayoutEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Appointment } from './api';
import { AppointmentBlock } from './AppointmentBlock';
import { cellKey, cellState, columnStops, coveredRows, layoutColumns, type Block, type Column, type GridLabels, type Stop } from './layout';
import { statusLabel } from './labels';
import { DAY_START_MINUTES, ROWS, STEP_MINUTES } from './time';
import { clockTime } from '../ui/format';
import { useDragMove } from './useDragMove';

interface GridProps {
  columns: Column[];
  appointments: Appointment[];
  zone: string;
  label: string;
  /** performance.now() when the data arrived: the grid records how long it took to render (data-render-ms). */
  renderStartedAt?: number | undefined;
  onBook(column: Column, minute: number): void;
  onOpen(appointment: Appointment): void;
  onDrop(appointment: Appointment, column: Column, minute: number): void;
}

/**
 * The time grid (ARIA grid): one column per practitioner (side by side) or per day (week view), 15-minute rows.
 * Roving tabindex: one element is in the tab order; arrow keys move between free cells and appointments,
 * Enter opens (booking dialog on a free cell, detail panel on an appointment). Appointments can be dragged.
 */
export function AgendaGrid({ columns, appointments, zone, label, renderStartedAt, onBook, onOpen, onDrop }: GridProps) {
  const { t } = useTranslation();
  const root = useRef<HTMLDivElement>(null);
  const blocks = useMemo(() => layoutColumns(columns, appointments, zone), [columns, appointments, zone]);
  const covered = useMemo(() => blocks.map(coveredRows), [blocks]);
  const stops = useMemo(() => blocks.map((b, i) => columnStops(i, b, covered[i]!)), [blocks, covered]);
  const labels: GridLabels = useMemo(() => ({
    cell: { open: t('agenda.grid.open'), closed: t('agenda.grid.closed'), urgent: t('agenda.grid.urgent') },
    urgentTag: t('agenda.grid.urgentTag'),
    holiday: (name: string) => t('agenda.grid.holiday', { name }),
    status: Object.fromEntries(['booked', 'confirmed', 'arrived', 'in_consultation', 'done', 'no_show', 'cancelled_by_patient', 'cancelled_by_practice'].map((st) => [st, statusLabel(t, st)])),
    noMotif: t('agenda.noMotif'),
  }), [t]);
  const [active, setActive] = useState<string | null>(null);
  const focusPending = useRef(false);

  // The active stop must exist: default to the first free cell of the first column (or its first stop).
  const activeKey = useMemo(() => {
    const all = stops.flat();
    if (active && all.some((s) => s.key === active)) return active;
    return stops[0]?.find((s) => s.kind === 'cell')?.key ?? all[0]?.key ?? null;
  }, [active, stops]);

  const handlers = useRef({ onBook, onOpen, onDrop });
  handlers.current = { onBook, onOpen, onDrop };
  const drag = useDragMove(root, (id, col, row) => {
    const a = appointments.find((x) => x.id === id);
    const column = columns[col];
    if (a && column) handlers.current.onDrop(a, column, DAY_START_MINUTES + row * STEP_MINUTES);
  });

  useEffect(() => {
    if (!focusPending.current || !activeKey) return;
    focusPending.current = false;
    root.current?.querySelector<HTMLElement>(`[data-key="${activeKey}"]`)?.focus();
  }, [activeKey]);

  useLayoutEffect(() => {
    if (renderStartedAt === undefined || !root.current) return;
    const el = root.current;
    // renderMs: data → DOM committed (React); layoutMs: + style and layout (forced here, the browser would do it
    // anyway before painting); paintMs: + the frame painted (a task after the next animation frame).
    el.dataset.renderMs = (performance.now() - renderStartedAt).toFixed(1);
    void el.offsetHeight;
    el.dataset.layoutMs = (performance.now() - renderStartedAt).toFixed(1);
    requestAnimationFrame(() => setTimeout(() => {
      el.dataset.paintMs = (performance.now() - renderStartedAt).toFixed(1);
    }, 0));
  }, [renderStartedAt]);

  function move(e: KeyboardEvent<HTMLDivElement>) {
    const target = (e.target as HTMLElement).closest<HTMLElement>('[data-key]');
    if (!target) return;
    const key = target.dataset.key!;
    const col = stops.findIndex((list) => list.some((s) => s.key === key));
    if (col < 0) return;
    const list = stops[col]!;
    const i = list.findIndex((s) => s.key === key);
    const here = list[i]!;
    let next: Stop | undefined;
    switch (e.key) {
      case 'ArrowDown': next = list[i + 1]; break;
      case 'ArrowUp': next = list[i - 1]; break;
      case 'PageDown': next = list[Math.min(i + 8, list.length - 1)]; break;
      case 'PageUp': next = list[Math.max(i - 8, 0)]; break;
      case 'Home': next = e.ctrlKey ? stops[0]?.[0] : list[0]; break;
      case 'End': next = e.ctrlKey ? stops.at(-1)?.at(-1) : list.at(-1); break;
      case 'ArrowRight':
      case 'ArrowLeft': {
        const other = stops[col + (e.key === 'ArrowRight' ? 1 : -1)];
        if (other) next = nearest(other, here.minute);
        break;
      }
      case 'Enter':
      case ' ':
        if (here.kind === 'cell') {
          e.preventDefault();
          handlers.current.onBook(columns[col]!, here.minute);
        }
        return;
      default:
        return;
    }
    e.preventDefault();
    if (next) {
      focusPending.current = true;
      setActive(next.key);
      // Same key (already active): focus it now, the effect will not run.
      if (next.key === activeKey) root.current?.querySelector<HTMLElement>(`[data-key="${next.key}"]`)?.focus();
    }
  }

  const template = `4.25rem repeat(${columns.length}, minmax(${columns.length > 6 ? '8.5rem' : '10rem'}, 1fr))`;
  return (
    <div className="agenda-scroll">
      <div
        ref={root}
        role="grid"
        aria-label={label}
        aria-rowcount={ROWS + 1}
        aria-colcount={columns.length + 1}
        className={`agenda-grid${drag.dragging ? ' is-dragging' : ''}`}
        style={{ gridTemplateColumns: template }}
        data-testid="agenda-grid"
        onKeyDown={move}
        onFocus={(e) => {
          const key = (e.target as HTMLElement).dataset.key;
          if (key && key !== activeKey) setActive(key);
        }}
      >
        <div role="row" className="agenda-row" aria-rowindex={1}>
          <div role="columnheader" className="agenda-corner">
            <span className="visually-hidden">{t('agenda.grid.time')}</span>
          </div>
          {columns.map((c) => (
            <div key={c.key} role="columnheader" className={`agenda-colhead${c.plan.holiday ? ' is-holiday' : ''}`} data-testid="agenda-column">
              <span className="agenda-colhead-swatch" style={{ background: c.practitioner.colour }} aria-hidden="true" />
              <span>
                {c.label}
                {c.plan.holiday && <span className="agenda-holiday-tag" data-testid="agenda-holiday">{t('agenda.grid.holiday', { name: c.plan.holiday })}</span>}
              </span>
            </div>
          ))}
        </div>
        {Array.from({ length: ROWS }, (_, r) => (
          <Row
            key={r}
            row={r}
            columns={columns}
            blocks={blocks}
            covered={covered}
            activeKey={activeKey}
            labels={labels}
            onBook={(c, m) => handlers.current.onBook(c, m)}
            onOpen={(a) => {
              if (drag.consumeClick()) return;
              handlers.current.onOpen(a);
            }}
            onPointerDown={drag.onPointerDown}
          />
        ))}
      </div>
    </div>
  );
}

function nearest(list: Stop[], minute: number): Stop | undefined {
  let best: Stop | undefined;
  for (const s of list) {
    if (s.minute <= minute) best = s;
    else return best ?? s;
  }
  return best;
}

interface RowProps {
  row: number;
  columns: Column[];
  blocks: Block[][];
  covered: boolean[][];
  activeKey: string | null;
  labels: GridLabels;
  onBook(column: Column, minute: number): void;
  onOpen(a: Appointment): void;
  onPointerDown: ReturnType<typeof useDragMove>['onPointerDown'];
}

/** One 15-minute row. Memoised on what it shows, so moving the focus re-renders two rows, not the grid. */
const Row = memo(
  function Row({ row, columns, blocks, covered, activeKey, labels, onBook, onOpen, onPointerDown }: RowProps) {
    const minute = DAY_START_MINUTES + row * STEP_MINUTES;
    const time = clockTime(minute);
    return (
      <div role="row" className={`agenda-row${minute % 60 === 0 ? ' hour' : ''}`} aria-rowindex={row + 2}>
        <div role="rowheader" className="agenda-time">
          {minute % 30 === 0 ? time : <span className="visually-hidden">{time}</span>}
        </div>
        {columns.map((c, ci) => {
          const state = cellState(c.plan, row);
          const isCovered = covered[ci]![row]!;
          const starting = blocks[ci]!.filter((b) => b.row === row);
          const key = cellKey(ci, row);
          const urgentStart = state === 'urgent' && (row === 0 || cellState(c.plan, row - 1) !== 'urgent');
          return (
            <div
              key={c.key}
              role="gridcell"
              className={`agenda-cell is-${state}${isCovered ? ' is-covered' : ''}${c.plan.holiday && state === 'closed' ? ' is-holiday' : ''}`}
              data-cell=""
              data-col={ci}
              data-row={row}
              {...(isCovered ? {} : {
                'data-key': key,
                tabIndex: activeKey === key ? 0 : -1,
                'aria-label': `${c.fullLabel}, ${time}, ${labels.cell[state]}${c.plan.holiday && state === 'closed' ? ` (${labels.holiday(c.plan.holiday)})` : ''}`,
                'data-testid': 'agenda-free-cell',
                onClick: () => onBook(c, minute),
              })}
            >
              {urgentStart && <span className="agenda-urgent-tag" aria-hidden="true">{labels.urgentTag}</span>}
              {starting.map((b) => (
                <AppointmentBlock
                  key={b.appointment.id}
                  block={b}
                  column={c}
                  labels={labels}
                  active={activeKey === `a:${b.appointment.id}`}
                  onOpen={onOpen}
                  onPointerDown={onPointerDown}
                />
              ))}
            </div>
          );
        })}
      </div>
    );
  },
  (a, b) =>
    a.columns === b.columns && a.blocks === b.blocks && a.labels === b.labels
    && rowHasKey(a, a.activeKey) === rowHasKey(b, b.activeKey) && (!rowHasKey(b, b.activeKey) || a.activeKey === b.activeKey),
);

/** Whether the active key lives in this row (a free cell of the row, or an appointment starting in it). */
function rowHasKey(p: RowProps, key: string | null): boolean {
  if (!key) return false;
  if (key.startsWith('c:')) return key.endsWith(`:${p.row}`);
  const id = key.slice(2);
  return p.blocks.some((list) => list.some((b) => b.row === p.row && b.appointment.id === id));
}
