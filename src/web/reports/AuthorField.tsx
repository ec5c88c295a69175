import { useState } from 'react';
import { corrApi } from '../correspondence/api';
import { useLoad } from '../ui/useLoad';

/** The authoring practitioner of a new report: the signed-in practitioner by default, any of the practice for the desk. */
export function useAuthor() {
  const practitioners = useLoad(() => corrApi.practitioners(), []);
  const [authorId, setAuthorId] = useState('');
  const list = practitioners.data?.practitioners ?? [];
  return { author: authorId || list.find((p) => p.own)?.id || '', setAuthorId, practitioners: list };
}

export function AuthorField({ id, label, testId, state }: { id: string; label: string; testId: string; state: ReturnType<typeof useAuthor> }) {
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select id={id} value={state.author} onChange={(e) => state.setAuthorId(e.target.value)} data-testid={testId}>
        <option value="">—</option>
        {state.practitioners.map((p) => <option key={p.id} value={p.id}>{p.name} — {p.specialty}</option>)}
      </select>
    </div>
  );
}
