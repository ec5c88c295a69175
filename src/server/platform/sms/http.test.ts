import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HttpSmsProvider, smsProviderFromEnv } from './http.js';

/** The generic JSON-over-HTTPS SMS driver against a fake provider on loopback. */
let server: http.Server;
let url = '';
const seen: { auth?: string | undefined; key?: string | undefined; body: Record<string, unknown> }[] = [];
let answer: { status: number; body: string } = { status: 200, body: '{"id":"abc"}' };

beforeAll(async () => {
  server = http.createServer((req, res) => {
    let data = '';
    req.on('data', (c) => (data += c));
    req.on('end', () => {
      seen.push({ auth: req.headers.authorization, key: req.headers['idempotency-key'] as string | undefined, body: JSON.parse(data) });
      res.writeHead(answer.status, { 'content-type': 'application/json' }).end(answer.body);
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  url = `http://127.0.0.1:${(server.address() as { port: number }).port}/v1/sms`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

describe('HTTP SMS driver', () => {
  it('posts JSON with the bearer token and the idempotency key, and reads the provider id', async () => {
    const p = new HttpSmsProvider({ url, token: 'tok', sender: 'Cabinet' });
    expect(await p.send({ to: '+33612345678', body: 'Bonjour', idempotencyKey: 'k1' })).toEqual({ status: 'sent', providerMessageId: 'abc' });
    expect(seen.at(-1)).toEqual({ auth: 'Bearer tok', key: 'k1', body: { from: 'Cabinet', to: '+33612345678', text: 'Bonjour', reference: 'k1' } });
  });

  it('a 4xx is a permanent failure; a 5xx or 429 throws (the job queue retries)', async () => {
    const p = new HttpSmsProvider({ url });
    answer = { status: 400, body: '{"error":"invalid number"}' };
    expect((await p.send({ to: '+1', body: 'x' })).status).toBe('failed');
    answer = { status: 503, body: 'busy' };
    await expect(p.send({ to: '+33612345678', body: 'x' })).rejects.toThrow(/503/);
    answer = { status: 429, body: 'slow down' };
    await expect(p.send({ to: '+33612345678', body: 'x' })).rejects.toThrow(/429/);
  });

  it('refuses plain http except on loopback; without configuration, the simulator', () => {
    expect(() => new HttpSmsProvider({ url: 'http://sms.example.com/send' })).toThrow();
    expect(smsProviderFromEnv({}).simulated).toBe(true);
    expect(smsProviderFromEnv({ PIVOT_SMS_HTTP_URL: 'https://sms.example.com/send' }).name).toBe('http');
  });
});
