import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert, LiveMessage } from '../../ui/Alert';
import { PageTitle } from '../../ui/PageTitle';
import { useLoad } from '../../ui/useLoad';
import { agendaApi } from '../api';
import { DeliverySection } from './DeliverySection';
import { HoursSection } from './HoursSection';
import { MotifsSection } from './MotifsSection';
import { PractitionersSection } from './PractitionersSection';
import '../agenda.css';

/** #/admin/agenda — the admin configures practitioners, weekly hours, urgent ranges, absences and motifs. */
export function AgendaSettingsPage() {
  const { t } = useTranslation();
  const data = useLoad(async () => {
    const [{ practitioners }, { motifs }, staff, settings] = await Promise.all([
      agendaApi.practitioners(true), agendaApi.motifs(), agendaApi.staff(), agendaApi.settings(),
    ]);
    return { practitioners, motifs, members: staff.members, settings };
  }, []);
  const [notice, setNotice] = useState<string | null>(null);
  const [selected, setSelected] = useState<string | null>(null);
  const practitioners = data.data?.practitioners ?? [];
  const current = practitioners.find((p) => p.id === selected) ?? practitioners.find((p) => p.active) ?? practitioners[0];
  const done = (message: string) => { setNotice(message); data.reload(); };

  return (
    <>
      <PageTitle title={t('agenda.admin.title')}>{t('agenda.admin.title')}</PageTitle>
      <p className="muted">{t('agenda.admin.intro')}</p>
      <LiveMessage message={notice} />
      {data.error && <Alert tone="error">{data.error.message}</Alert>}
      {!data.data ? (
        <p className="muted">{t('common.loading')}</p>
      ) : (
        <div className="stack-lg">
          <PractitionersSection practitioners={practitioners} members={data.data.members} onSaved={done} />
          {current && (
            <HoursSection
              key={current.id}
              practitioners={practitioners}
              practitioner={current}
              zone={data.data.settings.timeZone}
              onSelect={setSelected}
              onSaved={setNotice}
            />
          )}
          <MotifsSection motifs={data.data.motifs} practitioners={practitioners} onSaved={done} />
          <DeliverySection zone={data.data.settings.timeZone} onSaved={setNotice} />
        </div>
      )}
    </>
  );
}
