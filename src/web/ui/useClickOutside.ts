import { useEffect, type RefObject } from 'react';

/** While `open`, a press outside `root` calls `close` (a menu or a list of suggestions closes as the user moves on). */
export function useClickOutside(root: RefObject<HTMLElement | null>, open: boolean, close: () => void): void {
  useEffect(() => {
    if (!open) return;
    function onPointer(event: MouseEvent) {
      if (!root.current?.contains(event.target as Node)) close();
    }
    document.addEventListener('mousedown', onPointer);
    return () => document.removeEventListener('mousedown', onPointer);
    // `close` is a fresh closure each render; the listener only needs to change with `open`, as before.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [open]);
}
