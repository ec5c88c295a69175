import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { runSpellcheckCli } from './cli.js';
import { spellcheckLineOut } from './contract.js';

async function run(input: string): Promise<unknown[]> {
  const stdin = new PassThrough();
  const stdout = new PassThrough();
  let out = '';
  stdout.on('data', (d: Buffer) => (out += d.toString('utf8')));
  stdin.end(input);
  await runSpellcheckCli(stdin, stdout);
  return out.trim().split('\n').map((l) => JSON.parse(l) as unknown);
}

describe('pivot spellcheck', () => {
  it('answers every line in order, and a French error for an unreadable one', async () => {
    const out = await run(
      ['{"id":"a","text":"Une ipertension."}', 'pas du json', '{"id":7,"text":42}', '[1]', '', '{"id":"b","text":"Tout va bien."}'].join('\n'),
    );
    expect(out).toHaveLength(5);
    for (const line of out) expect(spellcheckLineOut.safeParse(line).success).toBe(true);
    expect(out[0]).toMatchObject({ id: 'a', issues: [{ start: 4, end: 15, word: 'ipertension' }] });
    expect(out[1]).toMatchObject({ error: expect.stringContaining('JSON') });
    expect(out[2]).toMatchObject({ id: 7, error: expect.any(String) });
    expect(out[3]).toMatchObject({ error: expect.any(String) });
    expect(out[4]).toEqual({ id: 'b', issues: [] });
  }, 60_000);
});
