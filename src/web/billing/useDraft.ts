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
    let resolveFn: (d: Draft | null) => void = () => {};
    latest.current = new Promise((r) => (resolveFn = r));
    const run = () =>
      billingApi.draft(request).then(
        (r) => {
          setDraft(r.draft);
          setError(null);
          resolveFn(r.draft);
        },
        (e: unknown) => {
          setError(e instanceof Error ? e.message : String(e));
          resolveFn(null);
        },
      );
    // The first draft (the proposal) is asked at once; later ones once the typing pauses.
    if (first.current) {
      first.current = false;
      void run();
      return;
    }
    const timer = window.setTimeout(() => void run(), 200);
    return () => {
      window.clearTimeout(timer);
      // A superseded request still resolves, with the draft shown, so nobody waits forever.
      resolveFn(null);
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key]);

  const settle = useCallback(() => latest.current, []);
  return { draft, error, settle };
}
