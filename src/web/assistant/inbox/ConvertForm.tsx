import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Assignee, ConversionKind } from '../../api/types';
import { AppointmentConvert } from './AppointmentConvert';

interface Props {
  requestId: string;
  /** Booking requests open on the appointment form. */
  initialKind?: 'practitioner_message' | 'task' | 'appointment';
  assignees: Assignee[];
  defaultText: string;
  busy: boolean;
  onConvert: (input: { kind: ConversionKind; assigneeId: string; text: string }) => void;
  onBook: (payload: { practitionerId: string; start: string; motifId: string | null }, label: string) => void;
}

/** Turn the request into an appointment (booked through the agenda), a message for a practitioner or a task. */
export function ConvertForm({ requestId, initialKind, assignees, defaultText, busy, onConvert, onBook }: Props) {
  const { t } = useTranslation();
  const id = useId();
  const [kind, setKind] = useState<'practitioner_message' | 'task' | 'appointment'>(initialKind ?? 'practitioner_message');
  const [assigneeId, setAssigneeId] = useState('');
  const [text, setText] = useState(defaultText);
  const [error, setError] = useState<string | null>(null);
  const people = kind === 'practitioner_message' ? assignees.filter((a) => a.roles.includes('practitioner')) : assignees;

  function submit(event: FormEvent) {
    event.preventDefault();
    if (kind === 'appointment') return;
    if (!assigneeId || !people.some((p) => p.id === assigneeId)) {
      setError(t('assistant.convert.chooseAssignee'));
      return;
    }
    setError(null);
    onConvert({ kind, assigneeId, text: text.trim() });
  }

  const kinds = (
    <fieldset className="fieldset">
      <legend>{t('assistant.convert.kind')}</legend>
      {(['appointment', 'practitioner_message', 'task'] as const).map((k) => (
        <div key={k} className="checkbox">
          <input type="radio" id={`${id}-${k}`} name={`${id}-kind`} value={k} checked={kind === k} onChange={() => setKind(k)} data-testid={`convert-kind-${k}`} />
          <label htmlFor={`${id}-${k}`}>{t(`assistant.convert.${k}`)}</label>
        </div>
      ))}
    </fieldset>
  );
  if (kind === 'appointment') {
    return (
      <div className="stack" data-testid="convert-form">
        <div className="form">{kinds}</div>
        <AppointmentConvert requestId={requestId} busy={busy} onBook={onBook} />
      </div>
    );
  }
  return (
    <form className="form convert-form" onSubmit={submit} noValidate data-testid="convert-form">
      {kinds}
      <div className="field">
        <label htmlFor={`${id}-assignee`}>{kind === 'practitioner_message' ? t('assistant.convert.practitioner') : t('assistant.convert.assignee')}</label>
        <select
          id={`${id}-assignee`}
          value={assigneeId}
          onChange={(e) => setAssigneeId(e.target.value)}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${id}-error` : undefined}
          data-testid="convert-assignee"
        >
          <option value="">{t('assistant.convert.choose')}</option>
          {people.map((p) => <option key={p.id} value={p.id}>{p.name}</option>)}
        </select>
        {error && <p id={`${id}-error`} className="field-error">{error}</p>}
      </div>
      <div className="field">
        <label htmlFor={`${id}-text`}>{t('assistant.convert.text')}</label>
        <textarea id={`${id}-text`} rows={4} maxLength={4000} value={text} onChange={(e) => setText(e.target.value)} data-testid="convert-text" />
      </div>
      <div className="button-row">
        <button type="submit" className="button button-primary" disabled={busy} data-testid="convert-submit">
          {kind === 'practitioner_message' ? t('assistant.convert.submitMessage') : t('assistant.convert.submitTask')}
        </button>
      </div>
    </form>
  );
}
