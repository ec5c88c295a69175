import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PublicMotif, PublicPractitioner } from './api';
import { StepHeading } from './PublicFrame';
import { groupMotifs, type PatientKind } from './week';

/** Step 1, as Doctolib: « Avez-vous déjà consulté ? » — the motifs offered depend on the answer. */
export function PatientKindStep({ onChoose }: { onChoose(kind: PatientKind): void }) {
  const { t } = useTranslation();
  return (
    <>
      <StepHeading testId="booking-step-choose">{t('booking.kindTitle')}</StepHeading>
      <p className="field-hint">{t('booking.kindHint')}</p>
      <div className="booking-kind">
        <button type="button" className="button booking-big-choice" onClick={() => onChoose('known')} data-testid="booking-kind-known">{t('booking.kindKnown')}</button>
        <button type="button" className="button booking-big-choice" onClick={() => onChoose('new')} data-testid="booking-kind-new">{t('booking.kindNew')}</button>
      </div>
    </>
  );
}

/** Small recap of the answers so far, each with its « Modifier ». */
export function Recap({ items }: { items: { label: string; onChange(): void; testId: string }[] }) {
  const { t } = useTranslation();
  return (
    <ul className="booking-recap" data-testid="booking-recap">
      {items.map((item) => (
        <li key={item.testId}>
          <span>{item.label}</span>{' '}
          <button type="button" className="button-link" onClick={item.onChange} data-testid={item.testId} aria-label={`${t('booking.modify')} : ${item.label}`}>{t('booking.modify')}</button>
        </li>
      ))}
    </ul>
  );
}

/**
 * Step 2: the motifs open online to this kind of patient, grouped by specialty and practitioner. Each
 * practitioner is one line that unfolds its motifs (one practitioner open at a time: no long scroll on a phone).
 */
export function MotifStep({ practitioners, motifs, kind, onChoose }: {
  practitioners: PublicPractitioner[]; motifs: PublicMotif[]; kind: PatientKind; onChoose(practitionerId: string, motifId: string): void;
}) {
  const { t } = useTranslation();
  const groups = groupMotifs(practitioners, motifs, kind);
  const only = groups.length === 1 && groups[0]!.practitioners.length === 1 ? groups[0]!.practitioners[0]!.practitioner.id : null;
  const [open, setOpen] = useState<string | null>(only);
  return (
    <>
      <StepHeading testId="booking-step-motif">{t('booking.motifTitle')}</StepHeading>
      {groups.length === 0 && <p className="alert alert-info" data-testid="booking-no-motif">{t(kind === 'new' ? 'booking.noMotifNew' : 'booking.noMotif')}</p>}
      {groups.map((g) => (
        <section key={g.specialty} className="booking-group" aria-label={g.specialty || t('booking.practitioners')}>
          {g.specialty && <h2 className="booking-group-title">{g.specialty}</h2>}
          <ul className="booking-practitioners">
            {g.practitioners.map(({ practitioner: p, motifs: own }) => {
              const expanded = open === p.id;
              return (
                <li key={p.id} className="booking-practitioner">
                  <button type="button" className="booking-practitioner-toggle" aria-expanded={expanded} aria-controls={`motifs-${p.id}`}
                    onClick={() => setOpen(expanded ? null : p.id)} data-testid="booking-practitioner-toggle">
                    <span className="booking-practitioner-name">{p.displayName}</span>
                    <span className="booking-choice-meta">{t('booking.motifCount', { count: own.length })}</span>
                    <span aria-hidden="true" className="booking-chevron">{expanded ? '▴' : '▾'}</span>
                  </button>
                  {expanded && (
                    <ul id={`motifs-${p.id}`} className="booking-motifs">
                      {own.map((m) => (
                        <li key={m.id}>
                          <button type="button" className="booking-motif" onClick={() => onChoose(p.id, m.id)} data-testid="booking-motif">
                            <span className="booking-choice-name">{m.name}</span>{' '}
                            <span className="booking-choice-meta">
                              {t('booking.minutes', { count: m.durationMinutes })}
                              {m.teleconsultation ? ` · ${t('booking.teleconsultation')}` : ''}
                            </span>
                          </button>
                        </li>
                      ))}
                    </ul>
                  )}
                </li>
              );
            })}
          </ul>
        </section>
      ))}
      {kind === 'new' && <p className="field-hint">{t('booking.newHint')}</p>}
    </>
  );
}
