import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { api } from '../../api/client';
import type { InboxCounts, VitalAlert } from '../../api/types';
import { useSession } from '../../auth/session';
import { dialogApi } from '../api';

/** How often pending vital alerts are polled, and every how many polls the whole pending list is re-read. */
const ALERT_POLL_MS = 10_000;
const FULL_REFRESH_EVERY = 6;
/** The inbox counts (sidebar badge) come from a quiet numbers-only route (no patient data, not audited). */
const COUNTS_POLL_MS = 30_000;

interface AssistantApi {
  /** Pending (unacknowledged) vital alerts, newest first. */
  alerts: VitalAlert[];
  counts: InboxCounts | null;
  acknowledge: (id: string) => Promise<void>;
  setCounts: (counts: InboxCounts) => void;
  refreshCounts: () => void;
}

const AssistantContext = createContext<AssistantApi | null>(null);

/**
 * Lives inside the authenticated shell only, so nothing is polled when logged out. Polls the pending vital alerts
 * every 10 s with `since` = the previous serverTime (quiet: not audited when empty), and re-reads the whole pending
 * list every minute so that alerts acknowledged by a colleague disappear and late-dated ones are not missed.
 */
export function AssistantProvider({ children }: { children: ReactNode }) {
  const { practiceVersion } = useSession();
  const [alerts, setAlerts] = useState<VitalAlert[]>([]);
  const alertsRef = useRef<VitalAlert[]>([]);
  const [counts, setCounts] = useState<InboxCounts | null>(null);
  const countsTick = useRef(0);
  const [countsRequest, setCountsRequest] = useState(0);

  const refreshCounts = useCallback(() => setCountsRequest((v) => v + 1), []);

  useEffect(() => {
    let stopped = false;
    let timer = 0;
    let since: string | undefined;
    let polls = 0;
    alertsRef.current = [];
    setAlerts([]);
    async function poll() {
      const full = since === undefined || polls % FULL_REFRESH_EVERY === 0;
      polls += 1;
      try {
        const res = await api.alerts({ pending: true, ...(full ? {} : { since }) });
        if (stopped) return;
        since = res.serverTime;
        const known = new Set(alertsRef.current.map((a) => a.id));
        const added = res.alerts.filter((a) => !known.has(a.id));
        const next = full ? res.alerts : [...added, ...alertsRef.current];
        const changed = next.length !== alertsRef.current.length || added.length > 0;
        if (changed) {
          alertsRef.current = next;
          setAlerts(next);
        }
        if (added.length > 0) refreshCounts();
      } catch {
        /* network hiccup: try again at the next tick (an expired session unmounts the shell) */
      }
      if (!stopped) timer = window.setTimeout(poll, ALERT_POLL_MS);
    }
    void poll();
    return () => {
      stopped = true;
      window.clearTimeout(timer);
    };
  }, [practiceVersion, refreshCounts]);

  useEffect(() => {
    let current = true;
    const tick = ++countsTick.current;
    dialogApi.counts().then(
      (res) =>
        current &&
        tick === countsTick.current &&
        setCounts((prev) => ({ toMatch: 0, overdue: 0, ...prev, open: res.open, vital: res.vital, sameDay: res.sameDay })),
      () => undefined,
    );
    const timer = window.setTimeout(refreshCounts, COUNTS_POLL_MS);
    return () => {
      current = false;
      window.clearTimeout(timer);
    };
  }, [practiceVersion, countsRequest, refreshCounts]);

  const acknowledge = useCallback(async (id: string) => {
    await api.acknowledgeAlert(id);
    alertsRef.current = alertsRef.current.filter((a) => a.id !== id);
    setAlerts(alertsRef.current);
  }, []);

  const value = useMemo(() => ({ alerts, counts, acknowledge, setCounts, refreshCounts }), [alerts, counts, acknowledge, refreshCounts]);
  return <AssistantContext.Provider value={value}>{children}</AssistantContext.Provider>;
}

export function useAssistant(): AssistantApi {
  const value = useContext(AssistantContext);
  if (!value) throw new Error('useAssistant must be used inside AssistantProvider');
  return value;
}

/** Same as useAssistant, but null outside the provider (for components that may render anywhere). */
export function useOptionalAssistant(): AssistantApi | null {
  return useContext(AssistantContext);
}
