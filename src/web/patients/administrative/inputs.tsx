import { useId, type ReactNode } from 'react';

/** Compact labelled controls for the administrative forms (nullable strings: '' ⇄ null). */
export function TextInput({ label, value, onChange, type = 'text', hint, testId, required }: {
  label: string; value: string | null | undefined; onChange: (v: string | null) => void; type?: string; hint?: string; testId?: string; required?: boolean;
}) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {hint && <p id={`${id}-hint`} className="field-hint">{hint}</p>}
      <input id={id} type={type} value={value ?? ''} required={required} aria-describedby={hint ? `${id}-hint` : undefined}
        onChange={(e) => onChange(e.target.value === '' ? null : e.target.value)} data-testid={testId} />
    </div>
  );
}

export function Check({ label, checked, onChange, testId }: { label: ReactNode; checked: boolean; onChange: (v: boolean) => void; testId?: string }) {
  const id = useId();
  return (
    <div className="checkbox">
      <input id={id} type="checkbox" checked={checked} onChange={(e) => onChange(e.target.checked)} data-testid={testId} />
      <label htmlFor={id}>{label}</label>
    </div>
  );
}

/** The labelled select of ui/ (SelectField), under the name these sections use. */
export { SelectField as Select } from '../../ui/SelectField';

/** A list of rows that can be added and removed (phones, ALD, exemptions, representatives). */
export function Rows<R>({ legend, rows, onChange, empty, render, addLabel, removeLabel }: {
  legend: string; rows: R[]; onChange: (rows: R[]) => void; empty: () => R;
  render: (row: R, set: (patch: Partial<R>) => void, index: number) => ReactNode; addLabel: string; removeLabel: string;
}) {
  return (
    <fieldset className="fieldset rows">
      <legend>{legend}</legend>
      {rows.map((row, index) => (
        <div key={index} className="row-item">
          <div className="form-grid">{render(row, (patch) => onChange(rows.map((r, i) => (i === index ? { ...r, ...patch } : r))), index)}</div>
          <button type="button" className="button button-small" onClick={() => onChange(rows.filter((_, i) => i !== index))}>
            {removeLabel} {index + 1}
          </button>
        </div>
      ))}
      <div>
        <button type="button" className="button button-small" onClick={() => onChange([...rows, empty()])}>{addLabel}</button>
      </div>
    </fieldset>
  );
}
