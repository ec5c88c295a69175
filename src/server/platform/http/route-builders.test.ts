import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { fieldRoute, idParams, recordRoute, STAFF, type AuthenticatedRoute } from './route.js';

/** The builders must declare what the plain `route({...})` they replace declared: same method, schemas, audit, answer. */
const id = '0b5a8f8e-3c4e-4d2a-9a41-2f4f0c6e7d10';
const thing = z.object({ id: z.uuid(), done: z.boolean() });
const call = (def: unknown, input: Record<string, unknown>) => (def as AuthenticatedRoute).handler(input as never);

describe('fieldRoute', () => {
  const seen: unknown[] = [];
  const def = fieldRoute({
    url: '/api/things/:id/done', summary: 'Marquer une chose faite', tags: ['things'], access: STAFF,
    field: ['done', z.boolean()], answer: ['thing', thing], set: async (_tx, _ctx, thingId, done) => (seen.push([thingId, done]), { id: thingId, done }),
  }) as AuthenticatedRoute;

  it('is a POST on the id, with a one-field body, audited by its service', () => {
    expect(def.method).toBe('POST');
    expect(def.params).toBe(idParams);
    expect(def.audit).toBe('none');
    expect(def.body?.safeParse({ done: true }).success).toBe(true);
    expect(def.body?.safeParse({ done: 'yes' }).success).toBe(false);
    expect(def.body?.safeParse({}).success).toBe(false);
  });

  it('passes the id and the flag to the service and answers the record under its name', async () => {
    await expect(call(def, { ctx: {}, tx: {}, params: { id }, body: { done: false } })).resolves.toEqual({ thing: { id, done: false } });
    expect(seen).toEqual([[id, false]]);
    expect(def.response?.safeParse({ thing: { id, done: true } }).success).toBe(true);
    expect(def.response?.safeParse({ other: { id, done: true } }).success).toBe(false);
  });
});

describe('recordRoute', () => {
  const def = recordRoute({
    url: '/api/things/:id', summary: 'Une chose', tags: ['things'], access: STAFF,
    answer: ['thing', thing], audit: ['thing.read', 'thing'], run: async (_tx, _ctx, thingId) => ({ id: thingId, done: true }),
  }) as AuthenticatedRoute;

  it('is a GET by default, audited as the record of its id', () => {
    expect(def.method).toBe('GET');
    expect(def.params).toBe(idParams);
    expect(def.body).toBeUndefined();
    const audit = def.audit as Exclude<typeof def.audit, 'none'>;
    expect([audit.action, audit.resourceType, audit.resourceId?.({ id }, undefined)]).toEqual(['thing.read', 'thing', id]);
  });

  it('answers what run returns under its name', async () => {
    await expect(call(def, { ctx: {}, tx: {}, params: { id } })).resolves.toEqual({ thing: { id, done: true } });
  });
});
