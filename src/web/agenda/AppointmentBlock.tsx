import { memo, type PointerEvent } from 'react';
import type { Appointment } from './api';
import { canMove, patientNameOf } from './labels';
import type { Block, Column, GridLabels } from './layout';
import { DAY_START_MINUTES, STEP_MINUTES } from './time';

interface Props {
  block: Block;
  column: Column;
  labels: GridLabels;
  active: boolean;
  onOpen(a: Appointment): void;
  onPointerDown(e: PointerEvent<HTMLElement>, id: string): void;
}

/**
 * An appointment in the grid: coloured by motif (a stripe and a tint) AND written out — time, « NOM Prénom »,
 * status, motif — so that colour is never the only cue (the status first: it must not be cut off). Its height is its duration.
 */
export const AppointmentBlock = memo(function AppointmentBlock({ block, column, labels, active, onOpen, onPointerDown }: Props) {
  const a = block.appointment;
  const rowStart = DAY_START_MINUTES + block.row * STEP_MINUTES;
  const colour = a.colour ?? column.practitioner.colour;
  const short = block.end - block.start < 20; // one line: 15-minute blocks
  const movable = canMove(a);
  const motif = a.motifName ?? labels.noMotif;
  const status = labels.status[a.status] ?? a.status;
  return (
    <button
      type="button"
      className={`agenda-block status-${a.status}${short ? ' is-short' : ''}${movable ? ' is-movable' : ''}`}
      style={{
        '--motif': colour,
        '--top': (block.start - rowStart) / STEP_MINUTES,
        '--span': (block.end - block.start) / STEP_MINUTES,
        '--lane': block.lane,
        '--lanes': block.lanes,
      } as React.CSSProperties}
      data-key={`a:${a.id}`}
      data-id={a.id}
      data-testid="agenda-block"
      tabIndex={active ? 0 : -1}
      onClick={() => onOpen(a)}
      onPointerDown={movable ? (e) => onPointerDown(e, a.id) : undefined}
    >
      {/* The accessible name is the text itself (visible parts + hidden completions), never a different label. */}
      <span className="agenda-block-time">{block.startText}</span>
      <span className="visually-hidden">{'\u00a0– '}{block.endText},</span>{' '}
      <span className="agenda-block-patient">{patientNameOf(a)}</span>
      {short ? (
        <span className="visually-hidden">, {status}, {motif}</span>
      ) : (
        <span className="agenda-block-meta">
          <span className="visually-hidden">, </span><span className="agenda-block-status">{status}</span> · {motif}
        </span>
      )}
      <span className="visually-hidden">, {column.fullLabel}</span>
    </button>
  );
});
