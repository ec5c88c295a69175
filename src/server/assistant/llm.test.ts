import http from 'node:http';
import type { AddressInfo } from 'node:net';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { INTENTS, triageMessage, URGENCIES, type TriageResult } from '../triage/index.js';
import { llmFromEnv, mergeLlm, OpenAiCompatibleLlm, parseSuggestion, urgencyRank } from './llm.js';
import { clock } from '../platform/clock.js';

const base = (over: Partial<TriageResult> = {}): TriageResult => ({
  ...triageMessage('Bonjour, je voudrais un rendez-vous', { referenceDate: new Date('2026-03-10T09:00:00Z') }),
  ...over,
});

describe('mergeLlm', () => {
  it('property: never lowers the rules’ urgency; never changes a vital decision’s intent', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...URGENCIES),
        fc.constantFrom(...INTENTS),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.option(
          fc.record({
            intent: fc.option(fc.oneof(fc.constantFrom(...INTENTS), fc.string()), { nil: undefined }),
            urgency: fc.option(fc.oneof(fc.constantFrom(...URGENCIES), fc.string()), { nil: undefined }),
            draft: fc.option(fc.string(), { nil: undefined }),
          }) as fc.Arbitrary<never>,
          { nil: null },
        ),
        (urgency, intent, confidence, suggestion) => {
          const rules = base({ urgency, intent });
          rules.details = { ...rules.details, intentConfidence: confidence };
          const merged = mergeLlm(rules, suggestion).triage;
          if (urgencyRank(merged.urgency) < urgencyRank(rules.urgency)) return false;
          if (rules.urgency === 'vital' && (merged.urgency !== 'vital' || merged.intent !== rules.intent)) return false;
          if (confidence >= 0.7 && merged.intent !== rules.intent) return false;
          return (INTENTS as readonly string[]).includes(merged.intent);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('may raise urgency, with an explanation', () => {
    const merged = mergeLlm(base({ urgency: 'routine' }), { urgency: 'same_day' });
    expect(merged.triage.urgency).toBe('same_day');
    expect(merged.triage.reasons.map((r) => r.code)).toContain('LLM_RAISED_URGENCY');
  });

  it('keeps the draft for the desk only', () => {
    expect(mergeLlm(base(), { draft: '  Bonjour  ' }).draft).toBe('Bonjour');
    expect(mergeLlm(base(), null).draft).toBeNull();
  });

  it('parses fenced JSON and drops unknown labels', () => {
    expect(parseSuggestion('```json\n{"intent":"billing","urgency":"urgentissime"}\n```')).toEqual({ intent: 'billing', urgency: undefined, draft: undefined });
    expect(parseSuggestion('not json')).toBeNull();
  });

  it('is off unless both URL and model are set', () => {
    expect(llmFromEnv({})).toBeUndefined();
    expect(llmFromEnv({ PIVOT_LLM_URL: 'http://127.0.0.1:1/v1' })).toBeUndefined();
    expect(llmFromEnv({ PIVOT_LLM_URL: 'http://127.0.0.1:1/v1', PIVOT_LLM_MODEL: 'm' })).toBeInstanceOf(OpenAiCompatibleLlm);
  });
});

describe('OpenAI-compatible driver against a fake server on loopback', () => {
  let server: http.Server;
  let url: string;
  const seen: { auth?: string | undefined; body: Record<string, unknown> }[] = [];
  let answer: (res: http.ServerResponse) => void = () => undefined;

  beforeAll(async () => {
    server = http.createServer((req, res) => {
      let raw = '';
      req.on('data', (c) => (raw += c));
      req.on('end', () => {
        seen.push({ auth: req.headers.authorization, body: JSON.parse(raw) as Record<string, unknown> });
        if (req.url !== '/v1/chat/completions') {
          res.writeHead(404).end();
          return;
        }
        answer(res);
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  const reply = (content: string) => (res: http.ServerResponse) =>
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ choices: [{ message: { role: 'assistant', content } }] }));

  it('sends the model, the key and the message; reads the suggestion', async () => {
    answer = reply('{"intent":"document_request","urgency":"routine","draft":"Bonjour, quel document ?"}');
    const llm = new OpenAiCompatibleLlm({ url, model: 'tiny', key: 'k-123' });
    const triage = base();
    const s = await llm.refine({ text: 'un papier pour le travail', triage });
    expect(s).toEqual({ intent: 'document_request', urgency: 'routine', draft: 'Bonjour, quel document ?' });
    const last = seen.at(-1)!;
    expect(last.auth).toBe('Bearer k-123');
    expect(last.body.model).toBe('tiny');
    expect(JSON.stringify(last.body.messages)).toContain('un papier pour le travail');
  });

  it('an LLM saying "routine" cannot lower a vital message', async () => {
    answer = reply('{"intent":"book","urgency":"routine"}');
    const llm = new OpenAiCompatibleLlm({ url, model: 'tiny' });
    const rules = triageMessage("J'ai une douleur dans la poitrine depuis 20 minutes", { referenceDate: clock.now() });
    const merged = mergeLlm(rules, await llm.refine({ text: 'x', triage: rules }));
    expect(merged.triage.urgency).toBe('vital');
    expect(merged.triage.intent).toBe(rules.intent);
  });

  it('errors, garbage and timeouts give no suggestion', async () => {
    answer = (res) => res.writeHead(500).end('boom');
    expect(await new OpenAiCompatibleLlm({ url, model: 'm' }).refine({ text: 'x', triage: base() })).toBeNull();
    answer = reply('désolé, je ne peux pas');
    expect(await new OpenAiCompatibleLlm({ url, model: 'm' }).refine({ text: 'x', triage: base() })).toBeNull();
    answer = () => undefined; // never answers
    expect(await new OpenAiCompatibleLlm({ url, model: 'm', timeoutMs: 200 }).refine({ text: 'x', triage: base() })).toBeNull();
  });
});
