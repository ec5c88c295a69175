import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { callIssues, compareCallbacks, isOverdue } from './rules.js';
import { CALL_OUTCOMES } from './schema.js';

describe('phone log rules', () => {
  it('asks to identify the caller first', () => {
    expect(callIssues({ outcome: 'info_given' }).map((i) => i.field)).toEqual(['callerName']);
    expect(callIssues({ outcome: 'info_given', callerName: '  ' }).map((i) => i.field)).toEqual(['callerName']);
    expect(callIssues({ outcome: 'info_given', callerPhone: '0612345678' })).toEqual([]);
    expect(callIssues({ outcome: 'info_given', patientId: 'p' })).toEqual([]);
  });

  it('requires a due time for a callback and refuses one for anything else', () => {
    expect(callIssues({ outcome: 'callback', callerName: 'A' }).map((i) => i.field)).toEqual(['callbackDueAt']);
    expect(callIssues({ outcome: 'callback', callerName: 'A', callbackDueAt: '2026-01-01T10:00:00Z' })).toEqual([]);
    expect(callIssues({ outcome: 'booked', callerName: 'A', callbackDueAt: '2026-01-01T10:00:00Z' }).map((i) => i.field)).toEqual(['callbackDueAt']);
  });

  it('requires an addressee and a text for a message', () => {
    expect(callIssues({ outcome: 'message', callerName: 'A' }).map((i) => i.field)).toEqual(['messageToId', 'note']);
    expect(callIssues({ outcome: 'message', callerName: 'A', messageToId: 'x', note: 'Rappeler' })).toEqual([]);
    expect(callIssues({ outcome: 'booked', callerName: 'A', messageToId: 'x' }).map((i) => i.field)).toEqual(['messageToId']);
  });

  it('accepts exactly the combinations the database accepts (property)', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...CALL_OUTCOMES),
        fc.option(fc.constant('2026-01-01T10:00:00Z'), { nil: null }),
        fc.option(fc.constant('acc'), { nil: null }),
        fc.option(fc.constantFrom('', ' ', 'texte'), { nil: null }),
        (outcome, due, to, note) => {
          const ok = callIssues({ outcome, callerName: 'A', callbackDueAt: due, messageToId: to, note }).length === 0;
          const hasNote = !!note && note.trim().length > 0;
          // Same rule as the CHECK constraints of phone_calls (0045_phone_log.sql).
          const db = (outcome === 'callback') === (due !== null) && (outcome === 'message') === (to !== null) && (outcome !== 'message' || hasNote);
          expect(ok).toBe(db);
        },
      ),
    );
  });

  it('flags a callback overdue only once due and not done', () => {
    const now = new Date('2026-03-10T10:00:00Z');
    expect(isOverdue(new Date('2026-03-10T09:59:00Z'), null, now)).toBe(true);
    expect(isOverdue(new Date('2026-03-10T10:01:00Z'), null, now)).toBe(false);
    expect(isOverdue(new Date('2026-03-10T09:00:00Z'), new Date('2026-03-10T09:30:00Z'), now)).toBe(false);
    expect(isOverdue(null, null, now)).toBe(false);
  });

  it('orders callbacks: to do first by due time, then done (latest first)', () => {
    const d = (s: string) => new Date(`2026-03-10T${s}:00Z`);
    const list = [
      { id: 'done-early', dueAt: d('08:00'), doneAt: d('08:30') },
      { id: 'todo-late', dueAt: d('12:00'), doneAt: null },
      { id: 'done-late', dueAt: d('09:00'), doneAt: d('11:00') },
      { id: 'todo-early', dueAt: d('07:00'), doneAt: null },
    ];
    expect([...list].sort(compareCallbacks).map((x) => x.id)).toEqual(['todo-early', 'todo-late', 'done-late', 'done-early']);
  });
});
