import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { AppError, errorBody, pickLanguage } from './errors.js';
import { toAppError } from './app.js';

describe('errors', () => {
  it('picks the account language, then Accept-Language, then French', () => {
    expect(pickLanguage('en', 'fr-FR')).toBe('en');
    expect(pickLanguage(undefined, 'en-US,en;q=0.9')).toBe('en');
    expect(pickLanguage(undefined, 'de-DE')).toBe('fr');
    expect(pickLanguage(undefined, undefined)).toBe('fr');
  });

  it('has one shape with a localised message', () => {
    expect(errorBody(new AppError('not_found'), 'fr')).toEqual({ error: { code: 'not_found', message: 'Élément introuvable.' } });
    expect(errorBody(new AppError('forbidden', { need: 'admin' }), 'en').error).toMatchObject({ code: 'forbidden', details: { need: 'admin' } });
  });

  it('maps database and parser failures to clear 4xx/503, unknown ones to 500', () => {
    expect(toAppError(Object.assign(new Error('dup'), { code: '23505' })).status).toBe(409);
    expect(toAppError(Object.assign(new Error('overlap'), { code: '23P01' })).status).toBe(409);
    expect(toAppError(Object.assign(new Error('bad uuid'), { code: '22P02' })).status).toBe(400);
    expect(toAppError(Object.assign(new Error('check'), { code: '23514' })).status).toBe(400);
    expect(toAppError(Object.assign(new Error('down'), { code: 'ECONNREFUSED' })).status).toBe(503);
    expect(toAppError(Object.assign(new Error('json'), { code: 'FST_ERR_CTP_INVALID_JSON_BODY', statusCode: 400 })).code).toBe('invalid_json');
    expect(toAppError(new Error('boom')).status).toBe(500);
  });

  it('maps a zod error thrown after the route validation (a value parsed by hand) to 400 with the fields, not 500', () => {
    const parsed = z.object({ number: z.string().regex(/^[0-9]+$/) }).safeParse({ number: 'abc' });
    const err = toAppError(parsed.error);
    expect(err.status).toBe(400);
    expect(err.code).toBe('validation_failed');
    expect(err.details).toEqual([expect.objectContaining({ field: 'number' })]);
  });

  it('gives detail items written in both languages the sentence of the request', () => {
    const err = new AppError('validation_failed', [{ field: 'to', message: { fr: 'La fin précède le début.', en: 'The end comes first.' } }, { field: 'x', message: 'Texte seul.' }]);
    expect(errorBody(err, 'en').error.details).toEqual([{ field: 'to', message: 'The end comes first.' }, { field: 'x', message: 'Texte seul.' }]);
    expect(errorBody(err, 'fr').error.details).toEqual([{ field: 'to', message: 'La fin précède le début.' }, { field: 'x', message: 'Texte seul.' }]);
  });
});
