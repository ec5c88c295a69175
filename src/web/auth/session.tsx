// Session state: who is logged in, in which practice, and whether 2FA enrolment is pending.
import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { api, ApiError, onAuthProblem } from '../api/client';
import type { Language, Me, Role } from '../api/types';
import { currentLanguage, setLanguage } from '../i18n';

export type SessionState =
  | { status: 'loading' }
  | { status: 'anonymous'; expired?: boolean }
  | { status: 'enrolment'; me: Me | null }
  | { status: 'authenticated'; me: Me };

interface SessionApi {
  state: SessionState;
  /** Incremented whenever the acting practice changes, so pages reload their data. */
  practiceVersion: number;
  refresh: () => Promise<void>;
  applyMe: (me: Me) => void;
  logout: () => Promise<void>;
  switchPractice: (practiceId: string) => Promise<Me>;
  changeLanguage: (language: Language) => Promise<void>;
}

const SessionContext = createContext<SessionApi | null>(null);

function stateFor(me: Me): SessionState {
  return me.mfaEnrollmentRequired ? { status: 'enrolment', me } : { status: 'authenticated', me };
}

export function SessionProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<SessionState>({ status: 'loading' });
  const [practiceVersion, setPracticeVersion] = useState(0);
  const languageChosen = useRef(false);

  const syncLanguage = useCallback(async (me: Me): Promise<Me> => {
    const ui = currentLanguage();
    if (languageChosen.current && me.account.language !== ui) {
      languageChosen.current = false;
      try {
        return await api.updateMe({ language: ui });
      } catch {
        return me;
      }
    }
    languageChosen.current = false;
    if (me.account.language !== ui) await setLanguage(me.account.language);
    return me;
  }, []);

  const refresh = useCallback(async () => {
    try {
      const me = await syncLanguage(await api.me(true));
      setState(stateFor(me));
    } catch (error) {
      if (error instanceof ApiError && error.code === 'mfa_enrollment_required') {
        setState({ status: 'enrolment', me: null });
      } else {
        setState({ status: 'anonymous' });
      }
    }
  }, [syncLanguage]);

  useEffect(() => {
    void refresh();
  }, [refresh]);

  useEffect(
    () =>
      onAuthProblem((error) => {
        if (error.code === 'unauthenticated') setState({ status: 'anonymous', expired: true });
        else if (error.code === 'mfa_enrollment_required') void refresh();
      }),
    [refresh],
  );

  const applyMe = useCallback((me: Me) => setState(stateFor(me)), []);

  const logout = useCallback(async () => {
    try {
      await api.logout();
    } catch {
      /* the session is gone either way */
    }
    setState({ status: 'anonymous' });
  }, []);

  const switchPractice = useCallback(async (practiceId: string) => {
    const me = await api.switchPractice(practiceId);
    setState(stateFor(me));
    setPracticeVersion((v) => v + 1);
    return me;
  }, []);

  const changeLanguage = useCallback(
    async (language: Language) => {
      await setLanguage(language);
      if (state.status === 'authenticated' || (state.status === 'enrolment' && state.me)) {
        try {
          const me = await api.updateMe({ language });
          setState(stateFor(me));
        } catch {
          /* the UI language still changed locally */
        }
      } else {
        // Chosen before logging in: saved to the account once logged in.
        languageChosen.current = true;
      }
    },
    [state],
  );

  const value = useMemo(
    () => ({ state, practiceVersion, refresh, applyMe, logout, switchPractice, changeLanguage }),
    [state, practiceVersion, refresh, applyMe, logout, switchPractice, changeLanguage],
  );
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionApi {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useSession must be used inside SessionProvider');
  return value;
}

/** The logged-in user's data; only valid inside the authenticated shell. */
export function useMe(): Me {
  const { state } = useSession();
  if (state.status !== 'authenticated') throw new Error('useMe requires an authenticated session');
  return state.me;
}

export function hasRole(me: Me, role: Role): boolean {
  return me.practice.roles.includes(role);
}
