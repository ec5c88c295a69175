/**
 * `npx pivot billing quote` as the contract's user runs it: the real command in a child process, JSON lines on
 * stdin, one answer per case in order on stdout, exit 0, nothing else on stdout. No database.
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { PassThrough, Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { runBillingQuoteCli } from './cli.js';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const CASE = {
  id: 'ex-1',
  date: '2025-01-07',
  practitioner: { specialty: 'general_practice', sector: '1' },
  patient: { birthDate: '1975-04-18', ald: false, css: false, ame: false, maternity: false },
  care: { aldRelated: false, atmp: false },
  parcours: 'medecin_traitant',
  mutuelle: { present: true, responsible: true, coversTicketModerateur: true, coveragePercentOfBR: 100 },
  acts: [{ code: 'G' }],
  tiersPayant: 'amo',
};

describe('pivot billing quote (real command)', () => {
  it('answers every line in order, errors included, exits 0 and writes only JSON lines to stdout', () => {
    const lines = [
      JSON.stringify(CASE),
      '{not json',
      '',
      JSON.stringify({ id: 'c3', date: '2025-01-07', acts: [{ code: 'NOPE' }] }),
      '   ',
      JSON.stringify({ ...CASE, id: 'old', date: '2024-12-21', tiersPayant: 'none' }),
      JSON.stringify({ ...CASE, id: 'dep', acts: [{ code: 'G', feeCents: 4500 }] }),
      '[1,2,3]',
      JSON.stringify({ ...CASE, id: 'last', patient: { ...CASE.patient, css: true }, tiersPayant: 'amo_amc' }),
    ];
    const run = spawnSync(process.execPath, ['bin/pivot.mjs', 'billing', 'quote'], { cwd: ROOT, input: lines.join('\n') + '\n', encoding: 'utf8', timeout: 60_000 });
    expect(run.status).toBe(0);
    const out = run.stdout.split('\n').filter((l) => l.length > 0).map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(out.map((o) => o.id)).toEqual(['ex-1', null, 'c3', 'old', 'dep', null, 'last']);
    expect(out[0]).toMatchObject({ totalCents: 3000, amoCents: 1900, amcCents: 900, patientCents: 200, participationForfaitaireCents: 200, dueAtDeskCents: 900 });
    expect(out[1]?.error).toMatch(/JSON/);
    expect(out[2]?.error).toMatch(/manquant/);
    expect(out[3]).toMatchObject({ totalCents: 2650, amoCents: 1655, amcCents: 795, dueAtDeskCents: 2650 });
    expect(out[4]?.error).toMatch(/secteur 1/);
    expect(out[5]?.error).toMatch(/objet JSON/);
    expect(out[6]).toMatchObject({ amcCents: 900, patientCents: 0, participationForfaitaireCents: 0, dueAtDeskCents: 0 });
  }, 60_000);

  it('an empty input gives an empty output and exit 0', () => {
    const run = spawnSync(process.execPath, ['bin/pivot.mjs', 'billing', 'quote'], { cwd: ROOT, input: '', encoding: 'utf8', timeout: 60_000 });
    expect(run.status).toBe(0);
    expect(run.stdout).toBe('');
  }, 60_000);
});

describe('runBillingQuoteCli (in process)', () => {
  it('streams: a CRLF file with a byte-order mark is read line by line', async () => {
    const input = Readable.from(['\uFEFF' + JSON.stringify(CASE) + '\r\n' + JSON.stringify({ ...CASE, id: 'two' }) + '\r\n']);
    const output = new PassThrough();
    const chunks: string[] = [];
    output.on('data', (c: Buffer) => chunks.push(c.toString('utf8')));
    await runBillingQuoteCli(input, output);
    const out = chunks.join('').trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(out.map((o) => o.id)).toEqual(['ex-1', 'two']);
    expect(out[1]).toMatchObject({ totalCents: 3000 });
  });
});
