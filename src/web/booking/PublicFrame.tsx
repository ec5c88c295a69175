import { useEffect, useRef, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Slot } from './api';
import { dayHeading, formatTime, groupByDay } from './format';
import './booking.css';
import { LanguageSwitch } from '../ui/LanguageSwitch';

/** Frame of the patient's public pages: practice name, language, the permanent emergency notice. */
export function PublicFrame({ title, children }: { title: string; children: ReactNode }) {
  const { t } = useTranslation();
  useEffect(() => {
    document.title = title;
  }, [title]);
  return (
    <div className="booking-page" data-testid="booking-page">
      <header className="booking-header">
        <p className="booking-practice" data-testid="booking-practice-name">{title}</p>
        <LanguageSwitch className="booking-lang" buttonClassName="button button-small" />
      </header>
      <p className="booking-notice" data-testid="booking-emergency-notice">
        <span aria-hidden="true" className="booking-notice-icon">!</span>
        <span>
          {t('booking.noticeBefore')} <a href="tel:15">15</a> {t('booking.noticeOr')} <a href="tel:112">112</a>
          {t('booking.noticeAfter')}
        </span>
      </p>
      <main id="main-content" tabIndex={-1} className="booking-main">
        {children}
      </main>
    </div>
  );
}

/** A step's heading: takes the focus when the step appears, so screen readers announce it. */
export function StepHeading({ children, testId }: { children: ReactNode; testId?: string }) {
  const ref = useRef<HTMLHeadingElement>(null);
  // Each step has its own testId: a new step at the same place in the tree moves the focus too.
  useEffect(() => {
    ref.current?.focus();
  }, [testId]);
  return (
    <h1 ref={ref} tabIndex={-1} className="booking-step-title" data-testid={testId}>
      {children}
    </h1>
  );
}

export function ErrorAlert({ message, testId = 'booking-error' }: { message: string | null; testId?: string }) {
  if (!message) return null;
  return <div className="alert alert-error" role="alert" data-testid={testId}>{message}</div>;
}

/** Free slots grouped by day, each a button. */
export function SlotList({ slots, timeZone, onPick, label, disabled }: { slots: Slot[]; timeZone: string; onPick: (slot: Slot) => void; label?: (slot: Slot) => string | null; disabled?: boolean }) {
  const { i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'fr';
  return (
    <div className="booking-days" data-testid="booking-slots">
      {groupByDay(slots, timeZone).map((group) => (
        <section key={group.key} className="booking-day" aria-labelledby={`day-${group.key}`}>
          <h3 id={`day-${group.key}`} className="booking-day-title">{dayHeading(group.first, timeZone, lang)}</h3>
          <ul className="booking-slot-list">
            {group.items.map((slot) => {
              const extra = label?.(slot);
              return (
                <li key={`${slot.practitionerId}-${slot.start}`}>
                  <button type="button" className="button booking-slot" onClick={() => onPick(slot)} disabled={disabled} data-testid="booking-slot" data-start={slot.start}>
                    <span className="booking-slot-time">{formatTime(slot.start, timeZone, lang)}</span>
                    {extra && <span className="booking-slot-who">{extra}</span>}
                  </button>
                </li>
              );
            })}
          </ul>
        </section>
      ))}
    </div>
  );
}
