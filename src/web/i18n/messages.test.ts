import { describe, expect, it } from 'vitest';
import { buildMessages, mergeMessages, type Messages } from './messages';

function leafKeys(messages: Messages, prefix = ''): string[] {
  return Object.entries(messages).flatMap(([key, value]) =>
    typeof value === 'object' && value !== null ? leafKeys(value as Messages, `${prefix}${key}.`) : [`${prefix}${key}`],
  );
}

describe('UI messages', () => {
  it('French and English define the same keys, capability files included', () => {
    const fr = leafKeys(buildMessages('fr')).sort();
    const en = leafKeys(buildMessages('en')).sort();
    expect(fr.filter((key) => !en.includes(key))).toEqual([]);
    expect(en.filter((key) => !fr.includes(key))).toEqual([]);
    expect(fr.length).toBeGreaterThan(500);
  });

  it('French messages carry their no-break spaces (« : ; ? ! » and inside guillemets), English none', () => {
    const strings = (m: Messages): string[] => Object.values(m).flatMap((v) => (typeof v === 'string' ? [v] : strings(v as Messages)));
    const fr = strings(buildMessages('fr'));
    expect(fr.filter((s) => /[^\s\u00a0\u202f][:;?!](?=\s|$)/u.test(s) && !/\d:\d/.test(s))).toEqual([]);
    expect(fr.filter((s) => / [:;?!»]|« /.test(s))).toEqual([]);
    expect(strings(buildMessages('en')).filter((s) => /[\u00a0\u202f][:;?!]/.test(s))).toEqual([]);
  });

  it('refuses a key defined by two files', () => {
    expect(() => mergeMessages({ a: { b: 'x' } }, { a: { b: 'y' } }, 'test.json')).toThrow(/a\.b/);
    expect(mergeMessages({ a: { b: 'x' } }, { a: { c: 'y' } }, 'test.json')).toEqual({ a: { b: 'x', c: 'y' } });
  });
});
