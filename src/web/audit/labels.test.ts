import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import fr from './locales/fr.json';
import en from './locales/en.json';
import frApp from '../i18n/fr.json';
import enApp from '../i18n/en.json';

/** Every audit action the server writes has a label in both languages: the audit screen never says « Action technique » for one. */
function serverFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return serverFiles(path);
    return name.endsWith('.ts') && !name.endsWith('.test.ts') && !name.includes('test-') ? [path] : [];
  });
}

const actions = [...new Set(serverFiles('src/server').flatMap((f) => [...readFileSync(f, 'utf8').matchAll(/\baction: '([a-z_]+(?:\.[a-z_]+)+)'/g)].map((m) => m[1]!)))];

describe('audit action labels', () => {
  it('finds the actions written by the server', () => {
    expect(actions.length).toBeGreaterThan(100);
    expect(actions).toContain('billing.receipt.emailed');
  });

  for (const [lang, locales] of [['fr', [fr, frApp]], ['en', [en, enApp]]] as const) {
    it(`labels every one in ${lang}`, () => {
      const labels = Object.assign({}, ...locales.map((l) => (l as { auditActions?: Record<string, string> }).auditActions ?? {})) as Record<string, string>;
      expect(actions.filter((a) => !labels[a])).toEqual([]);
    });
  }
});

/** Every resource type the server names in the log has a label: the Resource column never shows `billing_profile`. */
const resourceTypes = [...new Set(serverFiles('src/server').flatMap((f) => [...readFileSync(f, 'utf8').matchAll(/\bresourceType: '([a-z_]+)'/g)].map((m) => m[1]!)))];

describe('audit resource labels', () => {
  it('finds the resource types written by the server', () => expect(resourceTypes).toContain('billing_invoice'));
  for (const [lang, locales] of [['fr', fr], ['en', en]] as const) {
    it(`labels every one in ${lang}`, () => {
      const labels = (locales as { auditView: { resource: Record<string, string> } }).auditView.resource;
      expect(resourceTypes.filter((r) => !labels[r])).toEqual([]);
    });
  }
});
