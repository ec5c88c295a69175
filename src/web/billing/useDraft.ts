import { useCallback, useEffect, useRef, useState } from 'react';
import { billingApi, type Draft, type DraftRequest } from './api';

/**
 * The draft of the consultation being billed, recomputed by the server (engine, rules) 200 ms after the desk stops
 * typing. `settle()` waits for the answer to the latest choice, so « Valider » never bills figures not shown.
 */
export function useDraft(request: DraftRequest | null) {
  const [draft, setDraft] = useState<Draft | null>(null);
  const [error, setError] = useState<string | null>(null);
  const latest = useRef<Promise<Draft | null>>(Promise.resolve(null));
  const key = request ? JSON.stringify(request) : '';
  const first = useRef(true);

  useEffect(() => {
    if (!request) return;
    // An answer to a superseded request is dropped: arriving late, it would undo the desk's latest choice (the tiers
    // payant chosen with Alt+S came back to « none » when the proposal's second draft answered after it).
    let current = true;
    let resolveFn: (d: Draft | null) => void = () => {};
    latest.current = new Promise((r) => (resolveFn = r));
    const run = () =>
      billingApi.draft(request).then(
        (r) => {
          if (!current) return;
          setDraft(r.draft);
          setError(null);
          resolveFn(r.draft);
        },
        (e: unknown) => {
          if (!current) return;
          setError(e instanceof Error ? e.message : String(e));
          resolveFn(null);
        },
      );
    // A superseded request still resolves, with the draft shown, so nobody waits forever.
    const supersede = () => {
      current = false;
      resolveFn(null);
    };
    // The first draft (the proposal) is asked at once; later ones once the typing pauses.
    if (first.current) {
      first.current = false;
      void run();
      return supersede;
    }
    const timer = window.setTimeout(() => void run(), 200);
    return () => {
      window.clearTimeout(timer);
      supersede();
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key]);

  const settle = useCallback(() => latest.current, []);
  return { draft, error, settle };
}
