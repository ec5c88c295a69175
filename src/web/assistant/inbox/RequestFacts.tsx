import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { TriageReason } from '../../api/types';
import { formatDate, COMPACT, formatPhone } from '../../ui/format';
import { askedLabel } from '../labels';

/** Why the assistant classified the request this way, in the secretary's words (labels come from the triage engine). */
export function TriageReasons({ reasons }: { reasons: TriageReason[] }) {
  const { t } = useTranslation();
  if (reasons.length === 0) return <p className="muted">{t('assistant.detail.noReasons')}</p>;
  return (
    <ul className="reason-list" data-testid="triage-reasons">
      {reasons.map((r, i) => (
        <li key={`${r.code}-${i}`} className={r.code.startsWith('NEGATED_') ? 'reason-negated' : ''}>
          <span className="reason-label">{r.label}</span>
          {/* The statistical model's evidence is a score line, not words of the patient. */}
          {r.evidence && !r.code.startsWith('INTENT_MODEL') && <span className="reason-evidence"> — « {r.evidence} »</span>}
        </li>
      ))}
    </ul>
  );
}

interface DateItem {
  text?: string;
  date?: string;
  time?: string;
}

const strings = (value: unknown): string[] => (Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string' && v.trim() !== '') : []);

/** What the assistant extracted from the messages: dates, medicines, callback numbers… */
export function RequestDetails({ details, contact }: { details: Record<string, unknown>; contact: string | null }) {
  const { t } = useTranslation();
  const dates = (Array.isArray(details.dates) ? details.dates : []) as DateItem[];
  const medicines = strings(details.medicines);
  const practitioners = strings(details.practitioners);
  const phones = [...new Set([...strings(details.phones), ...(contact && /^\+?\d{6,}$/.test(contact) ? [contact] : [])])];
  const asked = strings(details.asked);
  const sheetMissing = strings(details.sheetMissing);
  const patient = (details.patient ?? {}) as { name?: string; birthDate?: string };
  const thirdParty = typeof details.thirdParty === 'string' ? details.thirdParty : null;
  const instruction = typeof details.instruction === 'string' ? details.instruction : null;
  const llmDraft = typeof details.llmDraft === 'string' ? details.llmDraft : null;

  const rows: { key: string; label: string; value: ReactNode }[] = [];
  if (instruction) rows.push({ key: 'instruction', label: t('assistant.detail.instruction'), value: instruction });
  if (details.newPatient === true) rows.push({ key: 'newPatient', label: t('assistant.detail.newPatient'), value: t('assistant.detail.newPatientValue') });
  if (patient.name || patient.birthDate) {
    rows.push({
      key: 'identity',
      label: t('assistant.detail.identityGiven'),
      value: [patient.name, patient.birthDate ? formatDate(patient.birthDate, COMPACT) : null].filter(Boolean).join(' — '),
    });
  }
  if (thirdParty) rows.push({ key: 'thirdParty', label: t('assistant.detail.thirdParty'), value: t(`assistant.relation.${thirdParty}`, { defaultValue: thirdParty }) });
  if (phones.length) {
    rows.push({
      key: 'phones',
      label: t('assistant.detail.callback'),
      value: (
        <span className="inline-list">
          {phones.map((p) => (
            <a key={p} href={`tel:${p}`} data-testid="detail-callback">{formatPhone(p)}</a>
          ))}
        </span>
      ),
    });
  }
  if (dates.length) {
    rows.push({
      key: 'dates',
      label: t('assistant.detail.dates'),
      value: (
        <ul className="plain-list">
          {dates.map((d, i) => (
            <li key={i}>
              {d.date ? formatDate(d.date, COMPACT) : null}
              {d.time ? ` ${d.time}` : null}
              {d.text ? <span className="muted"> (« {d.text} »)</span> : null}
            </li>
          ))}
        </ul>
      ),
    });
  }
  if (medicines.length) rows.push({ key: 'medicines', label: t('assistant.detail.medicines'), value: medicines.join(', ') });
  if (practitioners.length) rows.push({ key: 'practitioners', label: t('assistant.detail.practitioners'), value: practitioners.join(', ') });
  if (asked.length) rows.push({ key: 'asked', label: t('assistant.detail.asked'), value: asked.map((a) => askedLabel(t, a)).join(', ') });
  if (sheetMissing.length) rows.push({ key: 'sheetMissing', label: t('assistant.detail.sheetMissing'), value: sheetMissing.map((s) => t(`assistant.topic.${s}`, { defaultValue: s })).join(', ') });
  if (llmDraft) rows.push({ key: 'llmDraft', label: t('assistant.detail.llmDraft'), value: <span className="pre-wrap">{llmDraft}</span> });

  if (rows.length === 0) return <p className="muted">{t('assistant.detail.noDetails')}</p>;
  return (
    <dl className="details-grid" data-testid="request-details">
      {rows.map((row) => (
        <div key={row.key} className="details-row">
          <dt>{row.label}</dt>
          <dd>{row.value}</dd>
        </div>
      ))}
    </dl>
  );
}
