import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

/** `pivot triage` from its cached compiled copy (bin/fast-start.mjs) answers exactly as through tsx. */
const bin = fileURLToPath(new URL('../../../bin/pivot.mjs', import.meta.url));
const cache = fs.mkdtempSync(path.join(os.tmpdir(), 'pivot-fast-'));
afterAll(() => fs.rmSync(cache, { recursive: true, force: true }));

const input = [
  { id: 'a', text: 'Bonjour, je voudrais annuler mon rendez-vous de jeudi.' },
  { id: 'b', text: "My father's face is drooping and his speech is slurred since 10 minutes." },
  { id: 'c', text: 'Mon mollet est gonflé depuis mon retour de Bangkok, je dois consulter ?' },
].map((l) => JSON.stringify(l)).join('\n');

const triage = (env: Record<string, string>): string => {
  const r = spawnSync(process.execPath, [bin, 'triage'], { input, encoding: 'utf8', env: { ...process.env, PIVOT_FAST_START_DIR: cache, ...env }, timeout: 60_000 });
  expect(r.status).toBe(0);
  return r.stdout;
};

describe('pivot triage fast start', () => {
  it('builds its compiled copy once, reuses it, rebuilds it when a source changed, and answers as tsx does', { timeout: 120_000 }, () => {
    const viaTsx = triage({ PIVOT_NO_FAST_START: '1' });
    expect(viaTsx.trim().split('\n')).toHaveLength(3);
    expect(fs.readdirSync(cache)).toEqual([]);
    expect(triage({})).toBe(viaTsx);
    const compiled = fs.readdirSync(cache).find((f) => f.endsWith('.mjs')) as string;
    const manifestFile = path.join(cache, compiled.replace(/\.mjs$/, '.json'));
    const manifest = JSON.parse(fs.readFileSync(manifestFile, 'utf8')) as { inputs: Record<string, string> };
    expect(Object.keys(manifest.inputs)).toContain('src/server/triage/engine.ts');
    // Reused: a marker written into the copy survives a run.
    fs.appendFileSync(path.join(cache, compiled), '\n// reused\n');
    expect(triage({})).toBe(viaTsx);
    expect(fs.readFileSync(path.join(cache, compiled), 'utf8')).toContain('// reused');
    // A source seen as changed (its stamp differs): rebuilt, the marker is gone.
    manifest.inputs['src/server/triage/engine.ts'] = '0:0';
    fs.writeFileSync(manifestFile, JSON.stringify(manifest));
    expect(triage({})).toBe(viaTsx);
    expect(fs.readFileSync(path.join(cache, compiled), 'utf8')).not.toContain('// reused');
  });
});
