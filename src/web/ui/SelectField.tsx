import { useId, type ReactNode } from 'react';

/**
 * A labelled select (the `field` markup of Field.tsx, with a select): the choices as `options`, or as `<option>`
 * children when some are special (« all », « anyone ») or come from data.
 */
export function SelectField<V extends string>({ label, value, onChange, testId, options, children }: {
  label: ReactNode;
  value: V;
  onChange: (value: V) => void;
  testId?: string | undefined;
  options?: { value: V; label: string }[];
  children?: ReactNode;
}) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select id={id} value={value} onChange={(e) => onChange(e.target.value as V)} data-testid={testId}>
        {options?.map((o) => <option key={o.value} value={o.value}>{o.label}</option>)}
        {children}
      </select>
    </div>
  );
}
