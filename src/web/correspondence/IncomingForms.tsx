import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/client';
import { Alert } from '../ui/Alert';
import { useLoad } from '../ui/useLoad';
import { ITEM_TYPES, corrApi } from './api';

const message = (err: unknown) => (err instanceof ApiError || err instanceof Error ? err.message : String(err));

/** What a form leads to: the item it created (opened), or several created items (the register says how many). */
export type IncomingOutcome = { open: string } | { created: number };

/** Register what came in: scanned post (one PDF or one image per page), a lab file, a message from the MSSanté simulator. */
export function IncomingForms({ onDone }: { onDone: (outcome: IncomingOutcome) => void }) {
  const { t } = useTranslation();
  const id = useId();
  const book = useLoad(() => corrApi.correspondents(), []);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function run(event: FormEvent<HTMLFormElement>, action: (form: HTMLFormElement) => Promise<IncomingOutcome>) {
    event.preventDefault();
    setError(null);
    setBusy(true);
    try {
      onDone(await action(event.currentTarget));
    } catch (err) {
      setError(message(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="stack corr-incoming">
      {error && <Alert tone="error" testId="incoming-error">{error}</Alert>}
      <form className="card form" aria-labelledby={`${id}-scan`} onSubmit={(e) => void run(e, async (f) => ({ open: (await corrApi.uploadScan(new FormData(f))).item.id }))} data-testid="scan-form">
        <h2 id={`${id}-scan`}>{t('correspondence.scan.title')}</h2>
        <div className="form-grid">
          <div className="field">
            <label htmlFor={`${id}-subject`}>{t('correspondence.col.subject')}</label>
            <input id={`${id}-subject`} name="subject" required maxLength={300} data-testid="scan-subject" />
          </div>
          <div className="field">
            <label htmlFor={`${id}-type`}>{t('correspondence.col.type')}</label>
            <select id={`${id}-type`} name="type" defaultValue="letter" data-testid="scan-type">
              {ITEM_TYPES.map((ty) => <option key={ty} value={ty}>{t(`correspondence.type.${ty}`)}</option>)}
            </select>
          </div>
          <div className="field">
            <label htmlFor={`${id}-sender`}>{t('correspondence.col.from')}</label>
            <select id={`${id}-sender`} name="senderId" defaultValue="" data-testid="scan-sender">
              <option value="">{t('correspondence.unknownSender')}</option>
              {(book.data?.correspondents ?? []).map((c) => <option key={c.id} value={c.id}>{c.displayName}</option>)}
            </select>
          </div>
        </div>
        <div className="field">
          <label htmlFor={`${id}-files`}>{t('correspondence.scan.files')}</label>
          <p className="field-hint" id={`${id}-files-hint`}>{t('correspondence.scan.filesHint')}</p>
          <input id={`${id}-files`} name="file" type="file" multiple required accept="application/pdf,image/jpeg,image/png,image/webp,image/tiff" aria-describedby={`${id}-files-hint`} data-testid="scan-files" />
        </div>
        <button type="submit" className="button button-primary" disabled={busy} data-testid="scan-submit">{t('correspondence.scan.submit')}</button>
      </form>
      <form className="card form" aria-labelledby={`${id}-lab`} onSubmit={(e) => void run(e, async (f) => {
        // One patient in the file: its item opens, as after a scan; several: the register lists them.
        const { items } = await corrApi.uploadLab(new FormData(f));
        return items.length === 1 ? { open: items[0]!.id } : { created: items.length };
      })} data-testid="lab-form">
        <h2 id={`${id}-lab`}>{t('correspondence.lab.title')}</h2>
        <div className="field">
          <label htmlFor={`${id}-labfile`}>{t('correspondence.lab.file')}</label>
          <input id={`${id}-labfile`} name="file" type="file" required data-testid="lab-file" />
        </div>
        <button type="submit" className="button" disabled={busy} data-testid="lab-submit">{t('correspondence.lab.submit')}</button>
      </form>
      <form
        className="card form"
        aria-labelledby={`${id}-mss`}
        onSubmit={(e) => void run(e, async (f) => {
          const d = new FormData(f);
          return { open: (await corrApi.simulateMssante({ from: String(d.get('from')), subject: String(d.get('subject')), text: String(d.get('text')) })).item.id };
        })}
      >
        <h2 id={`${id}-mss`}>{t('correspondence.mssante.title')}</h2>
        <p className="muted">{t('correspondence.mssante.intro')}</p>
        <div className="form-grid">
          <div className="field"><label htmlFor={`${id}-mfrom`}>{t('correspondence.mssante.from')}</label><input id={`${id}-mfrom`} name="from" type="email" required defaultValue="cardiologie@ch-demo.mssante.fr" /></div>
          <div className="field"><label htmlFor={`${id}-msub`}>{t('correspondence.col.subject')}</label><input id={`${id}-msub`} name="subject" required /></div>
        </div>
        <div className="field"><label htmlFor={`${id}-mtext`}>{t('correspondence.mssante.text')}</label><textarea id={`${id}-mtext`} name="text" rows={3} /></div>
        <button type="submit" className="button" disabled={busy}>{t('correspondence.mssante.submit')}</button>
      </form>
    </div>
  );
}
