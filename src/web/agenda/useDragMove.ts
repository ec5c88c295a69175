import { useCallback, useRef, useState, type PointerEvent as ReactPointerEvent, type RefObject } from 'react';

/**
 * Drag and drop of appointment blocks with pointer events (mouse, pen, touch): the block follows nothing,
 * the cell under the pointer is outlined, and dropping asks to move the appointment there. The grab offset is
 * kept: grabbing a 40-minute block by its bottom and dropping it on 10:30 starts it at 10:00.
 */
export function useDragMove(root: RefObject<HTMLElement | null>, onDrop: (id: string, col: number, row: number) => void) {
  const [dragging, setDragging] = useState(false);
  const justDragged = useRef(false);
  const dropRef = useRef(onDrop);
  dropRef.current = onDrop;

  const onPointerDown = useCallback((e: ReactPointerEvent<HTMLElement>, id: string) => {
    if (e.button !== 0 || !e.isPrimary) return;
    const block = e.currentTarget;
    const rowHeight = block.parentElement?.getBoundingClientRect().height || 24;
    const grabRows = Math.max(0, Math.floor((e.clientY - block.getBoundingClientRect().top + block.offsetTop) / rowHeight));
    const x0 = e.clientX;
    const y0 = e.clientY;
    let active = false;
    let target: HTMLElement | null = null;
    const mark = (cell: HTMLElement | null) => {
      if (cell === target) return;
      target?.classList.remove('is-drop-target');
      target = cell;
      target?.classList.add('is-drop-target');
    };
    const cellAt = (x: number, y: number): HTMLElement | null => {
      const el = document.elementFromPoint(x, y)?.closest<HTMLElement>('[data-cell]') ?? null;
      if (!el || !root.current?.contains(el)) return null;
      const row = Number(el.dataset.row) - grabRows;
      if (row < 0) return null;
      return root.current.querySelector<HTMLElement>(`[data-cell][data-col="${el.dataset.col}"][data-row="${row}"]`);
    };
    const move = (ev: PointerEvent) => {
      if (!active && Math.hypot(ev.clientX - x0, ev.clientY - y0) < 6) return;
      if (!active) {
        active = true;
        block.classList.add('is-dragged');
        setDragging(true);
      }
      mark(cellAt(ev.clientX, ev.clientY));
    };
    const end = (ev: PointerEvent) => {
      window.removeEventListener('pointermove', move);
      window.removeEventListener('pointerup', end);
      window.removeEventListener('pointercancel', end);
      if (!active) return;
      block.classList.remove('is-dragged');
      setDragging(false);
      justDragged.current = true;
      window.setTimeout(() => { justDragged.current = false; }, 0);
      const cell = ev.type === 'pointerup' ? cellAt(ev.clientX, ev.clientY) : null;
      mark(null);
      if (cell) dropRef.current(id, Number(cell.dataset.col), Number(cell.dataset.row));
    };
    window.addEventListener('pointermove', move);
    window.addEventListener('pointerup', end);
    window.addEventListener('pointercancel', end);
  }, [root]);

  /** A click that ends a drag must not open the appointment. */
  const consumeClick = useCallback(() => justDragged.current, []);

  return { dragging, onPointerDown, consumeClick };
}
