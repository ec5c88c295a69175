import type { ReactNode } from 'react';
import { SelectField } from '../ui/SelectField';
import type { Correspondent } from './api';

/** A correspondent of the address book chosen in a list (« — » for none), each as « name — specialty »: letters, report recipients. */
export function CorrespondentSelect({ label, value, onChange, correspondents, testId }: {
  label: ReactNode;
  value: string;
  onChange: (id: string) => void;
  correspondents: Correspondent[] | undefined;
  testId: string;
}) {
  return (
    <SelectField label={label} value={value} onChange={onChange} testId={testId}>
      <option value="">—</option>
      {(correspondents ?? []).map((c) => <option key={c.id} value={c.id}>{c.displayName}{c.specialty ? ` — ${c.specialty}` : ''}</option>)}
    </SelectField>
  );
}
