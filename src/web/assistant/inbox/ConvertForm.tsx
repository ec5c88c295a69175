import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Assignee, ConversionKind } from '../../api/types';

interface Props {
  assignees: Assignee[];
  defaultText: string;
  busy: boolean;
  onConvert: (input: { kind: ConversionKind; assigneeId: string; text: string }) => void;
}

/** Turn the request into a message for a practitioner or a task; the appointment comes with the agenda. */
export function ConvertForm({ assignees, defaultText, busy, onConvert }: Props) {
  const { t } = useTranslation();
  const id = useId();
  const [kind, setKind] = useState<'practitioner_message' | 'task'>('practitioner_message');
  const [assigneeId, setAssigneeId] = useState('');
  const [text, setText] = useState(defaultText);
  const [error, setError] = useState<string | null>(null);
  const people = kind === 'practitioner_message' ? assignees.filter((a) => a.roles.includes('practitioner')) : assignees;

  function submit(event: FormEvent) {
    event.preventDefault();
    if (!assigneeId || !people.some((p) => p.id === assigneeId)) {
      setError(t('assistant.convert.chooseAssignee'));
      return;
    }
    setError(null);
    onConvert({ kind, assigneeId, text: text.trim() });
  }

  return (
    <form className="form convert-form" onSubmit={submit} noValidate data-testid="convert-form">
      <fieldset className="fieldset">
        <legend>{t('assistant.convert.kind')}</legend>
        {(['practitioner_message', 'task'] as const).map((k) => (
          <div key={k} className="checkbox">
            <input type="radio" id={`${id}-${k}`} name={`${id}-kind`} value={k} checked={kind === k} onChange={() => setKind(k)} data-testid={`convert-kind-${k}`} />
            <label htmlFor={`${id}-${k}`}>{t(`assistant.convert.${k}`)}</label>
          </div>
        ))}
        <div className="checkbox">
          <input type="radio" id={`${id}-appointment`} name={`${id}-kind`} value="appointment" disabled aria-describedby={`${id}-appointment-hint`} />
          <label htmlFor={`${id}-appointment`} className="muted">{t('assistant.convert.appointment')}</label>
        </div>
        <p id={`${id}-appointment-hint`} className="field-hint" data-testid="convert-appointment-soon">{t('assistant.convert.appointmentSoon')}</p>
      </fieldset>
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
