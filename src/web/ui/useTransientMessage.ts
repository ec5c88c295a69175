import { useEffect, useState } from 'react';

/** A confirmation shown for a while (a live message): each new text shows again for `ms`, then it clears. */
export function useTransientMessage(ms: number, initial: string | null = null): [string | null, (message: string | null) => void] {
  const [message, setMessage] = useState<string | null>(initial);
  useEffect(() => {
    if (!message) return;
    const timer = window.setTimeout(() => setMessage(null), ms);
    return () => window.clearTimeout(timer);
  }, [message, ms]);
  return [message, setMessage];
}
