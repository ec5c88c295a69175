import { useTranslation } from 'react-i18next';
import type { AccessibilityNeed } from '../api/types';

/** Simple line icons (drawn here: no icon font, no emoji font needed). */
const PATHS: Record<AccessibilityNeed, string> = {
  hearing: 'M7 9a5 5 0 0 1 10 0c0 3-3 4-3 7a3 3 0 0 1-5.5 1.6M10 9a2 2 0 0 1 4 0M3 3l18 18',
  sight: 'M2 12s3.6-6.5 10-6.5S22 12 22 12s-3.6 6.5-10 6.5S2 12 2 12zM12 9.2a2.8 2.8 0 1 0 0 5.6 2.8 2.8 0 0 0 0-5.6z',
  mobility: 'M11 4.5a1.6 1.6 0 1 0 0-.01M11 7.5v6h5.5l2.5 5M11 10.5h4.5M8.5 10.8a5.2 5.2 0 1 0 7.4 6.1',
  cognitive: 'M9 4.5a3 3 0 0 0-3 3 3 3 0 0 0-1.5 5.3A3 3 0 0 0 8 17.5a2.5 2.5 0 0 0 4 1.5V5.5A2.5 2.5 0 0 0 9 4.5zM15 4.5a3 3 0 0 1 3 3 3 3 0 0 1 1.5 5.3 3 3 0 0 1-3.5 4.7 2.5 2.5 0 0 1-4 1.5',
  interpreter: 'M3 5h11v8H8l-3 3v-3H3zM14 9h7v8h-2v3l-3-3h-4v-4M6 8h5M8.5 6.5V8M7 11c1.5-.5 2.5-1.5 3-3',
};

export const NEEDS: AccessibilityNeed[] = ['hearing', 'sight', 'mobility', 'cognitive', 'interpreter'];

export function NeedIcon({ need }: { need: AccessibilityNeed }) {
  return (
    <svg className="need-icon" viewBox="0 0 24 24" width="18" height="18" aria-hidden="true" focusable="false">
      <path d={PATHS[need]} fill="none" stroke="currentColor" strokeWidth="1.8" strokeLinecap="round" strokeLinejoin="round" />
    </svg>
  );
}

/**
 * Accessibility needs as icons with a text alternative. `compact`: icons only (the text is for screen
 * readers and in a tooltip), for result lists; otherwise icon + visible text, for the file header.
 */
export function AccessibilityNeeds({ needs, compact, interpreterLanguage }: { needs: AccessibilityNeed[]; compact?: boolean; interpreterLanguage?: string | null }) {
  const { t } = useTranslation();
  if (needs.length === 0) return null;
  return (
    <ul className={`needs ${compact ? 'needs-compact' : ''}`} aria-label={t('patients.needs.label')} data-testid="accessibility-needs">
      {needs.map((need) => {
        const label = need === 'interpreter' && interpreterLanguage
          ? t('patients.needs.interpreterIn', { language: interpreterLanguage })
          : t(`patients.needs.${need}`);
        return (
          <li key={need} className="need" title={compact ? label : undefined}>
            <NeedIcon need={need} />
            <span className={compact ? 'visually-hidden' : undefined}>{label}</span>
          </li>
        );
      })}
    </ul>
  );
}
