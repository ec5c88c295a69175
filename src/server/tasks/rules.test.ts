import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compareTasks, previewOf, type LiveEvent } from './rules.js';

const reader = { accountId: 'me', roles: ['practitioner'] };

describe('notification previews', () => {
  it('never carry anything but the sender and a fixed summary, whatever the event holds', () => {
    fc.assert(
      fc.property(
        fc.record({ kind: fc.constantFrom('message', 'task', 'phone', 'read') as fc.Arbitrary<LiveEvent['kind']>, id: fc.uuid(), op: fc.constantFrom('insert', 'update'), senderName: fc.string({ maxLength: 200 }), recipientId: fc.constantFrom('me', 'other'), recipientRole: fc.constantFrom(null, 'practitioner', 'secretary') }),
        fc.dictionary(fc.string({ minLength: 1, maxLength: 10 }), fc.string({ minLength: 6, maxLength: 40 })),
        (event, extra) => {
          const p = previewOf({ ...extra, ...event } as LiveEvent, reader);
          if (!p) return;
          expect(Object.keys(p).sort()).toEqual(['from', 'id', 'kind', 'summary', 'summaryKey']);
          expect(['Nouveau message', 'Nouvelle tâche', 'Nouveau message téléphonique']).toContain(p.summary.fr);
          const text = JSON.stringify(p);
          for (const v of Object.values(extra)) if (!event.senderName.includes(v) && v !== event.id) expect(text.includes(JSON.stringify(v).slice(1, -1))).toBe(false);
        },
      ),
    );
  });

  it('only new items for the reader (themselves or their role) get a preview', () => {
    expect(previewOf({ kind: 'message', id: 'x', op: 'insert', recipientId: 'other', recipientRole: null }, reader)).toBeNull();
    expect(previewOf({ kind: 'message', id: 'x', op: 'insert', recipientId: null, recipientRole: 'practitioner', senderName: 'Accueil' }, reader)?.from).toBe('Accueil');
    expect(previewOf({ kind: 'task', id: 'x', op: 'insert', recipientId: null, recipientRole: 'practitioner' }, reader)).toBeNull();
    expect(previewOf({ kind: 'read', id: 'x', op: 'insert', recipientId: 'me' }, reader)).toBeNull();
    expect(previewOf({ kind: 'task', id: 'x', op: 'update', recipientId: 'me' }, reader)).toBeNull();
  });
});

describe('task order', () => {
  it('is a total order: open before closed, earlier due first, no due last', () => {
    const key = fc.record({ status: fc.constantFrom('open', 'done', 'cancelled') as fc.Arbitrary<'open' | 'done' | 'cancelled'>, dueAt: fc.option(fc.date({ noInvalidDate: true })), createdAt: fc.date({ noInvalidDate: true }) });
    fc.assert(
      fc.property(fc.array(key, { maxLength: 30 }), (list) => {
        const sorted = [...list].sort(compareTasks);
        for (let i = 1; i < sorted.length; i++) {
          const a = sorted[i - 1]!;
          const b = sorted[i]!;
          expect(compareTasks(a, b)).toBeLessThanOrEqual(0);
          if (a.status !== 'open') expect(b.status).not.toBe('open');
          if (a.status === 'open' && b.status === 'open' && a.dueAt === null) expect(b.dueAt).toBeNull();
        }
      }),
    );
  });
});
