import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/client';
import { Alert } from '../ui/Alert';
import { PageTitle } from '../ui/PageTitle';
import { useLoad } from '../ui/useLoad';
import { KINDS, corrApi, type ImportReport } from './api';
import './correspondence.css';

/** #/correspondants — the address book: search, duplicates shown, add one, import a CSV with its report. */
export function AddressBookPage({ canEdit }: { canEdit: boolean }) {
  const { t } = useTranslation();
  const id = useId();
  const [q, setQ] = useState('');
  const [onlyDuplicates, setOnlyDuplicates] = useState(false);
  const result = useLoad(() => corrApi.correspondents(q, onlyDuplicates), [q, onlyDuplicates]);
  const [report, setReport] = useState<ImportReport | null>(null);
  const [error, setError] = useState<string | null>(null);
  const list = result.data?.correspondents ?? [];
  const nameOf = (cid: string) => list.find((c) => c.id === cid)?.displayName ?? cid.slice(0, 8);

  async function importFile(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setError(null);
    const file = (new FormData(event.currentTarget).get('csv') as File | null);
    if (!file || !file.size) return setError(t('correspondence.book.chooseFile'));
    try {
      setReport(await corrApi.importCsv(await file.text()));
      result.reload();
    } catch (err) {
      setError(err instanceof ApiError ? err.message : String(err));
    }
  }
  async function add(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setError(null);
    const d = new FormData(event.currentTarget);
    const s = (k: string) => String(d.get(k) ?? '').trim() || null;
    const line1 = s('line1');
    try {
      await corrApi.createCorrespondent({
        kind: s('kind'), title: s('title'), name: s('name') ?? '', firstName: s('firstName'), rpps: s('rpps'), specialty: s('specialty'),
        addresses: line1 ? [{ line1, postalCode: s('postalCode') ?? '', city: s('city') ?? '' }] : [], email: s('email'), mssante: s('mssante'),
      });
      event.currentTarget.reset();
      result.reload();
    } catch (err) {
      setError(err instanceof ApiError ? err.message : String(err));
    }
  }

  return (
    <>
      <PageTitle title={t('correspondence.book.title')}>{t('correspondence.book.title')}</PageTitle>
      {error && <Alert tone="error" testId="book-error">{error}</Alert>}
      <div className="button-row">
        <label htmlFor={`${id}-q`} className="visually-hidden">{t('correspondence.book.search')}</label>
        <input id={`${id}-q`} type="search" className="field-narrow" value={q} onChange={(e) => setQ(e.target.value)} placeholder={t('correspondence.book.search')} />
        <label className="checkbox"><input type="checkbox" checked={onlyDuplicates} onChange={(e) => setOnlyDuplicates(e.target.checked)} data-testid="only-duplicates" /> {t('correspondence.book.onlyDuplicates')}</label>
      </div>
      <div className="table-wrap">
        <table className="table table-dense" data-testid="address-book">
          <thead><tr><th scope="col">{t('correspondence.book.name')}</th><th scope="col">{t('correspondence.book.kind')}</th><th scope="col">RPPS</th><th scope="col">{t('correspondence.book.address')}</th><th scope="col">{t('correspondence.book.contact')}</th></tr></thead>
          <tbody>
            {list.map((c) => (
              <tr key={c.id} data-testid="book-row">
                <td><strong>{c.displayName}</strong>{c.specialty && <div className="muted">{c.specialty}</div>}
                  {c.duplicateOf.length > 0 && <div className="corr-dup" data-testid="duplicate-flag">{t('correspondence.book.duplicateOf', { names: c.duplicateOf.map(nameOf).join(', ') })}</div>}</td>
                <td>{t(`correspondence.kind.${c.kind}`)}</td>
                <td className="nowrap">{c.rpps ?? '—'}</td>
                <td>{c.addresses.map((a, i) => <div key={i}>{a.line1}{a.line2 ? `, ${a.line2}` : ''}, {a.postalCode} {a.city}</div>)}</td>
                <td>{c.email && <div>{c.email}</div>}{c.mssante && <div>MSSanté{'\u00a0'}: {c.mssante}</div>}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {canEdit && (
        <div className="stack">
          <form className="card form" onSubmit={(e) => void importFile(e)} aria-labelledby={`${id}-imp`} data-testid="import-form">
            <h2 id={`${id}-imp`}>{t('correspondence.book.import')}</h2>
            <p className="field-hint">{t('correspondence.book.importHint')}</p>
            <label htmlFor={`${id}-csv`}>{t('correspondence.book.csvFile')}</label>
            <input id={`${id}-csv`} name="csv" type="file" accept=".csv,text/csv" data-testid="import-file" />
            <button type="submit" className="button">{t('correspondence.book.importSubmit')}</button>
            {report && (
              <div role="status" className="corr-report" data-testid="import-report">
                <p>{t('correspondence.book.report', { created: report.created, refused: report.refused.length, duplicates: report.duplicates.length })}</p>
                <ul>
                  {report.refused.map((r) => <li key={r.line}>{t('correspondence.book.line', { line: r.line })} : {r.messages.join(' ')}</li>)}
                  {report.duplicates.map((d) => <li key={`d${d.line}`}>{t('correspondence.book.line', { line: d.line })} : {t('correspondence.book.duplicateOf', { names: d.duplicateOf.map(nameOf).join(', ') })}</li>)}
                  {report.unknownColumns.length > 0 && <li>{t('correspondence.book.unknownColumns', { columns: report.unknownColumns.join(', ') })}</li>}
                </ul>
              </div>
            )}
          </form>
          <form className="card form" onSubmit={(e) => void add(e)} aria-labelledby={`${id}-add`}>
            <h2 id={`${id}-add`}>{t('correspondence.book.add')}</h2>
            <div className="form-grid">
              <div className="field"><label htmlFor={`${id}-kind`}>{t('correspondence.book.kind')}</label><select id={`${id}-kind`} name="kind">{KINDS.map((k) => <option key={k} value={k}>{t(`correspondence.kind.${k}`)}</option>)}</select></div>
              <div className="field"><label htmlFor={`${id}-title`}>{t('correspondence.book.title_')}</label><input id={`${id}-title`} name="title" /></div>
              <div className="field"><label htmlFor={`${id}-name`}>{t('correspondence.book.name')}</label><input id={`${id}-name`} name="name" required /></div>
              <div className="field"><label htmlFor={`${id}-first`}>{t('correspondence.book.firstName')}</label><input id={`${id}-first`} name="firstName" /></div>
              <div className="field"><label htmlFor={`${id}-rpps`}>RPPS</label><input id={`${id}-rpps`} name="rpps" inputMode="numeric" /></div>
              <div className="field"><label htmlFor={`${id}-spec`}>{t('correspondence.book.specialty')}</label><input id={`${id}-spec`} name="specialty" /></div>
              <div className="field"><label htmlFor={`${id}-l1`}>{t('correspondence.book.address')}</label><input id={`${id}-l1`} name="line1" /></div>
              <div className="field"><label htmlFor={`${id}-pc`}>{t('correspondence.book.postalCode')}</label><input id={`${id}-pc`} name="postalCode" inputMode="numeric" /></div>
              <div className="field"><label htmlFor={`${id}-city`}>{t('correspondence.book.city')}</label><input id={`${id}-city`} name="city" /></div>
              <div className="field"><label htmlFor={`${id}-email`}>E-mail</label><input id={`${id}-email`} name="email" type="email" /></div>
              <div className="field"><label htmlFor={`${id}-mss`}>MSSanté</label><input id={`${id}-mss`} name="mssante" type="email" /></div>
            </div>
            <button type="submit" className="button button-primary">{t('correspondence.book.addSubmit')}</button>
          </form>
        </div>
      )}
    </>
  );
}
