import { useEffect } from 'react';
import { useSession } from '../auth/session';
import { navigate } from '../router';
import { clock } from '../clock';

/**
 * Alt+T from any page: open the phone log with the caller field focused, so that a call is logged while the
 * phone is still in hand. For the desk (secretaries) only.
 */
export function PhoneShortcut() {
  const { state } = useSession();
  const desk = state.status === 'authenticated' && state.me.practice.roles.includes('secretary');
  useEffect(() => {
    if (!desk) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.altKey && !e.ctrlKey && !e.metaKey && (e.key === 't' || e.key === 'T' || e.code === 'KeyT')) {
        e.preventDefault();
        navigate(`/telephone?new=${clock.nowMs()}`);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [desk]);
  return null;
}
