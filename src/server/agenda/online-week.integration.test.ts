import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestPivot, type TestPivot } from '../../../tests/helpers.js';
import { clock } from '../platform/clock.js';

/**
 * The public slots route for the booking page's week grid (issue 12, item 13): an optional `to` ends the search
 * before the 28 days; callers that do not send it get exactly the answer they had before.
 */
let pivot: TestPivot;
const SLUG = 'maison-de-sante-des-tilleuls';

beforeAll(async () => {
  pivot = await createTestPivot();
}, 120_000);
afterAll(async () => pivot?.close());

type Slot = { practitionerId: string; start: string; end: string };
async function slots(query: string): Promise<{ status: number; slots: Slot[] }> {
  const res = await pivot.app.inject({ method: 'GET', url: `/api/public/${SLUG}/slots?${query}` });
  return { status: res.statusCode, slots: res.statusCode === 200 ? (res.json() as { slots: Slot[] }).slots : [] };
}

describe('public slots of a week', () => {
  it('keeps the slots before `to`; without it, the same answer as before; `to` before `from` gives none', async () => {
    const info = (await pivot.app.inject({ method: 'GET', url: `/api/public/${SLUG}/booking` })).json() as { motifs: { id: string; practitionerId: string | null }[] };
    const motif = info.motifs.find((m) => m.practitionerId !== null)!;
    const base = `motif=${motif.id}&practitioner=${motif.practitionerId}`;
    const from = new Date(clock.nowMs() + 86_400_000).toISOString();
    const to = new Date(clock.nowMs() + 8 * 86_400_000).toISOString();

    const week = await slots(`${base}&from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}&limit=400`);
    expect(week.status).toBe(200);
    expect(week.slots.length).toBeGreaterThan(0);
    for (const s of week.slots) {
      expect(s.start >= from).toBe(true);
      expect(s.start < to).toBe(true);
    }
    // The week's slots are the first ones of the open-ended search from the same day (nothing lost, nothing added).
    const open = await slots(`${base}&from=${encodeURIComponent(from)}&limit=400`);
    expect(open.slots.slice(0, week.slots.length)).toEqual(week.slots);
    expect(open.slots.length).toBeGreaterThanOrEqual(week.slots.length);
    expect(open.slots.slice(week.slots.length).every((s) => s.start >= to)).toBe(true);

    expect((await slots(`${base}&from=${encodeURIComponent(to)}&to=${encodeURIComponent(from)}`)).slots).toEqual([]);
    expect((await slots(`${base}&limit=401`)).status).toBe(400);
    expect((await slots(`${base}&to=not-a-date`)).status).toBe(400);
  });
});
