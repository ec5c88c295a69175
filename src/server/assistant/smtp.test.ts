import { describe, expect, it } from 'vitest';
import { createLogger } from '../platform/logger.js';
import type { Db } from '../platform/db/database.js';
import { inboundSmtpConfig, startInboundSmtp } from './smtp.js';

describe('inbound SMTP endpoint', () => {
  it('is off without PIVOT_SMTP_INBOUND_PORT and listens on loopback unless PIVOT_SMTP_INBOUND_HOST opens it', () => {
    expect(inboundSmtpConfig({})).toBeUndefined();
    expect(inboundSmtpConfig({ PIVOT_SMTP_INBOUND_PORT: '2525' })).toEqual({ port: 2525, host: '127.0.0.1', domain: undefined });
    expect(inboundSmtpConfig({ PIVOT_SMTP_INBOUND_PORT: '2525', PIVOT_SMTP_INBOUND_HOST: '0.0.0.0' })?.host).toBe('0.0.0.0');
    expect(() => inboundSmtpConfig({ PIVOT_SMTP_INBOUND_PORT: 'abc' })).toThrow(/PIVOT_SMTP_INBOUND_PORT/);
  });

  it('started without a host, binds to 127.0.0.1 only', async () => {
    // No message arrives in this test: the database is never reached.
    const smtp = await startInboundSmtp({ db: {} as Db, log: createLogger('silent'), port: 0 });
    try {
      expect(smtp.host).toBe('127.0.0.1');
    } finally {
      await smtp.close();
    }
  });
});
