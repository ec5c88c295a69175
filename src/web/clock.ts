/**
 * The web app's clock. It is the browser's, except when the server runs on a simulated clock (PIVOT_NOW,
 * tests and demos): then "now" follows the server's, so that the desk, the agenda and the server agree on
 * the day. Every reading of the current time in the web goes through `clock`.
 */
let offsetMs = 0;
let simulatedFrom: string | undefined;

export const clock = {
  now: (): Date => new Date(Date.now() + offsetMs),
  nowMs: (): number => Date.now() + offsetMs,
} as const;

/** The server's simulated start instant (ISO), when the clock is simulated. */
export function simulatedClock(): string | undefined {
  return simulatedFrom;
}

/** Reads the server's clock once at start-up (at most 3 s; the browser's clock when the server is silent). */
export async function syncClockWithServer(): Promise<void> {
  try {
    const res = await fetch('/api/health', { signal: AbortSignal.timeout(3000) });
    if (!res.ok) return;
    const body = (await res.json()) as { clock?: { now: string; simulated: boolean } };
    if (!body.clock?.simulated) return;
    offsetMs = Date.parse(body.clock.now) - Date.now();
    simulatedFrom = body.clock.now;
  } catch {
    // Offline or slow: keep the browser's clock.
  }
}
