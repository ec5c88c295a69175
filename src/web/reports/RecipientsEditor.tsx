import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLoad } from '../ui/useLoad';
import { corrApi } from '../correspondence/api';
import { CorrespondentSelect } from '../correspondence/CorrespondentSelect';
import { CHANNELS, type Channel } from './api';

export interface RecipientDraft { correspondentId: string; channel: Channel }

/** The correspondents who receive the validated report, each by e-mail, MSSanté (simulator) or post. */
export function RecipientsEditor({ value, onChange, disabled }: { value: RecipientDraft[]; onChange: (v: RecipientDraft[]) => void; disabled: boolean }) {
  const { t } = useTranslation();
  const id = useId();
  const book = useLoad(() => corrApi.correspondents(), []);
  const [who, setWho] = useState('');
  const [channel, setChannel] = useState<Channel>('email');
  const name = (cid: string) => book.data?.correspondents.find((c) => c.id === cid)?.displayName ?? '…';
  const chosen = book.data?.correspondents.find((c) => c.id === who);
  const reachable = (c: Channel) => !chosen || c === 'post' || (c === 'email' ? Boolean(chosen.email) : Boolean(chosen.mssante));
  return (
    <fieldset className="card report-recipients" data-testid="report-recipients">
      <legend>{t('reports.recipients.title')}</legend>
      {value.length === 0 && <p>{t('reports.recipients.none')}</p>}
      <ul>
        {value.map((r) => (
          <li key={`${r.correspondentId}-${r.channel}`} data-testid="recipient">
            {name(r.correspondentId)} — {t(`reports.channel.${r.channel}`)}{' '}
            {!disabled && (
              <button type="button" className="button button-small" onClick={() => onChange(value.filter((x) => x !== r))} aria-label={t('reports.recipients.remove', { name: name(r.correspondentId) })}>
                {t('reports.recipients.removeShort')}
              </button>
            )}
          </li>
        ))}
      </ul>
      {!disabled && (
        <div className="form-grid">
          <CorrespondentSelect label={t('reports.recipients.who')} value={who} onChange={setWho} correspondents={book.data?.correspondents} testId="recipient-who" />
          <div className="field">
            <label htmlFor={`${id}-how`}>{t('reports.recipients.how')}</label>
            <select id={`${id}-how`} value={channel} onChange={(e) => setChannel(e.target.value as Channel)} data-testid="recipient-channel">
              {CHANNELS.map((c) => <option key={c} value={c} disabled={!reachable(c)}>{t(`reports.channel.${c}`)}</option>)}
            </select>
          </div>
          <button
            type="button"
            className="button"
            disabled={!who || !reachable(channel) || value.some((r) => r.correspondentId === who && r.channel === channel)}
            onClick={() => onChange([...value, { correspondentId: who, channel }])}
            data-testid="recipient-add"
          >
            {t('reports.recipients.add')}
          </button>
        </div>
      )}
    </fieldset>
  );
}
