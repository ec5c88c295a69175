import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyEvent, canShareIns, deriveStatus, DOCUMENT_TYPE_CODES, DOCUMENT_TYPES, initialState, type IdentityEvent, type IdentityState } from './status.js';

const event: fc.Arbitrary<IdentityEvent> = fc.oneof(
  fc.constantFrom(...DOCUMENT_TYPE_CODES).map((documentType) => ({ type: 'documentChecked' as const, documentType })),
  fc.boolean().map((traitsMatch) => ({ type: 'insiFound' as const, traitsMatch })),
  fc.constantFrom<IdentityEvent>({ type: 'traitsCorrected' }, { type: 'doubtRaised' }, { type: 'doubtLifted' }, { type: 'fictitiousMarked' }, { type: 'fictitiousLifted' }),
);

function run(events: IdentityEvent[]) {
  let s: IdentityState = initialState();
  const trace: { event: IdentityEvent; before: IdentityState; after: IdentityState; ok: boolean }[] = [];
  for (const e of events) {
    const r = applyEvent(s, e);
    const after = r.ok ? r.state : s;
    trace.push({ event: e, before: s, after, ok: r.ok });
    s = after;
  }
  return { state: s, trace };
}

describe('identity status machine', () => {
  it('follows the RNIV table', () => {
    const doc: IdentityEvent = { type: 'documentChecked', documentType: 'passport' };
    const ins: IdentityEvent = { type: 'insiFound', traitsMatch: true };
    expect(run([doc]).state.status).toBe('validee');
    expect(run([ins]).state.status).toBe('recuperee');
    expect(run([doc, ins]).state.status).toBe('qualifiee');
    expect(run([ins, doc]).state.status).toBe('qualifiee');
    expect(run([doc, ins, { type: 'doubtRaised' }]).state.status).toBe('provisoire');
    expect(run([doc, ins, { type: 'traitsCorrected' }]).state.status).toBe('provisoire');
  });

  it('refuses non high-trust documents, INSi traits that differ, and any check on a doubtful or fictitious identity', () => {
    for (const t of DOCUMENT_TYPE_CODES.filter((c) => !DOCUMENT_TYPES[c].highTrust)) {
      const r = applyEvent(initialState(), { type: 'documentChecked', documentType: t });
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.refusal.fr).toMatch(/haut niveau de confiance/);
    }
    const differ = applyEvent(initialState(), { type: 'insiFound', traitsMatch: false });
    expect(!differ.ok && differ.refusal.reason).toBe('traits_differ');
    const doubtful = run([{ type: 'doubtRaised' }]).state;
    expect(applyEvent(doubtful, { type: 'documentChecked', documentType: 'passport' }).ok).toBe(false);
    expect(applyEvent(doubtful, { type: 'insiFound', traitsMatch: true }).ok).toBe(false);
  });

  it('property: the status is always the function of the evidence (as the SQL CHECK says)', () => {
    fc.assert(
      fc.property(fc.array(event, { maxLength: 30 }), (events) => {
        for (const step of run(events).trace) expect(step.after.status).toBe(deriveStatus(step.after));
      }),
      { numRuns: 1000 },
    );
  });

  it('property: a qualified identity has a checked high-trust document and a matching INSi answer since the last downgrade, and no doubt', () => {
    fc.assert(
      fc.property(fc.array(event, { maxLength: 30 }), (events) => {
        const { trace, state } = run(events);
        let doc = false;
        let ins = false;
        for (const step of trace) {
          if (!step.ok) continue;
          const e = step.event;
          if (e.type === 'documentChecked') doc = true;
          if (e.type === 'insiFound') ins = true;
          if (e.type === 'traitsCorrected' || e.type === 'doubtRaised' || e.type === 'fictitiousMarked') doc = ins = false;
        }
        if (state.status === 'qualifiee') {
          expect(doc && ins).toBe(true);
          expect(state.doubtful || state.fictitious).toBe(false);
        }
        if (state.doubtful || state.fictitious) expect(state.status).toBe('provisoire');
        expect(canShareIns(state.status)).toBe(state.status === 'qualifiee');
      }),
      { numRuns: 1000 },
    );
  });

  it('property: refused events change nothing; only downgrade events lower the status', () => {
    const rank = { provisoire: 0, recuperee: 1, validee: 1, qualifiee: 2 } as const;
    fc.assert(
      fc.property(fc.array(event, { maxLength: 30 }), (events) => {
        for (const step of run(events).trace) {
          if (!step.ok) expect(step.after).toEqual(step.before);
          if (rank[step.after.status] < rank[step.before.status]) {
            expect(['traitsCorrected', 'doubtRaised', 'fictitiousMarked']).toContain(step.event.type);
          }
        }
      }),
      { numRuns: 1000 },
    );
  });

  it('property: lifting a doubt never restores a status by itself (the identity must be checked again)', () => {
    fc.assert(
      fc.property(fc.array(event, { maxLength: 20 }), (events) => {
        const { state } = run([...events, { type: 'doubtRaised' }, { type: 'doubtLifted' }]);
        expect(state.fictitious ? 'provisoire' : state.status).toBe('provisoire');
      }),
    );
  });
});
