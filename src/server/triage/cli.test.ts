import { describe, expect, it } from 'vitest';
import { PassThrough, Readable } from 'node:stream';
import { runTriageCli } from './cli.js';

async function runLines(lines: string[]): Promise<Array<Record<string, unknown>>> {
  const input = Readable.from([lines.join('\n') + '\n']);
  const output = new PassThrough();
  const chunks: string[] = [];
  output.on('data', (c: Buffer) => chunks.push(c.toString('utf8')));
  await runTriageCli(input, output);
  return chunks.join('').trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
}

describe('triage CLI', () => {
  it('answers each line in order with id, intent, urgency, lang, reasons', async () => {
    const out = await runLines([
      JSON.stringify({ id: 'a', text: 'Bonjour, je voudrais annuler mon rendez-vous de jeudi.' }),
      JSON.stringify({ id: 'b', text: "My father's face is drooping and his speech is slurred." }),
    ]);
    expect(out.map((o) => o.id)).toEqual(['a', 'b']);
    expect(out[0]).toMatchObject({ intent: 'cancel', urgency: 'routine', lang: 'fr' });
    expect(out[1]).toMatchObject({ urgency: 'vital', lang: 'en' });
    expect(Array.isArray(out[1]?.reasons)).toBe(true);
  });
  it('a malformed line gives an error line and does not stop the stream', async () => {
    const out = await runLines(['{not json', JSON.stringify({ id: 'x' }), '[1,2]', JSON.stringify({ id: 'ok', text: 'Vous êtes ouverts samedi ?' })]);
    expect(out).toHaveLength(4);
    expect(out[0]).toHaveProperty('error');
    expect(out[1]).toMatchObject({ id: 'x' });
    expect(out[1]).toHaveProperty('error');
    expect(out[2]).toHaveProperty('error');
    expect(out[3]).toMatchObject({ id: 'ok', intent: 'practical_info' });
  });
});
