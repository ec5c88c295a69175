import { describe, expect, it } from 'vitest';
import { applyJsonPatch } from './json-patch.js';

describe('JSON Patch (RFC 6902)', () => {
  const doc = { status: 'booked', participant: [{ actor: { reference: 'Patient/1' } }], a: { 'b/c': 1 } };
  it('replaces, adds, removes and tests', () => {
    const out = applyJsonPatch(doc, [
      { op: 'test', path: '/status', value: 'booked' },
      { op: 'replace', path: '/status', value: 'arrived' },
      { op: 'add', path: '/participant/-', value: { actor: { reference: 'Practitioner/2' } } },
      { op: 'remove', path: '/a/b~1c' },
      { op: 'copy', from: '/status', path: '/comment' },
    ]);
    expect(out).toEqual({ status: 'arrived', comment: 'arrived', participant: [{ actor: { reference: 'Patient/1' } }, { actor: { reference: 'Practitioner/2' } }], a: {} });
    expect(doc.status).toBe('booked'); // input untouched
  });
  it('fails a test op with a conflict, refuses bad paths and prototype keys', () => {
    expect(() => applyJsonPatch(doc, [{ op: 'test', path: '/status', value: 'x' }])).toThrow('conflict');
    expect(() => applyJsonPatch(doc, [{ op: 'replace', path: '/nope/x', value: 1 }])).toThrow();
    expect(() => applyJsonPatch(doc, [{ op: 'add', path: '/__proto__/x', value: 1 }])).toThrow();
    expect(() => applyJsonPatch(doc, [{ op: 'remove', path: 'status' }])).toThrow();
  });
});
