import crypto from 'node:crypto';

/**
 * The payment terminal (TPE) seen from Pivot: the amount is sent, the answer is recorded with the payment. A real
 * terminal (Concert/Caisse protocol over serial or IP) will be another implementation of this interface.
 */
export interface TerminalCharge {
  amountCents: number;
  /** Shown on the terminal's ticket: the invoice id. */
  reference: string;
}

export type TerminalResult =
  | { approved: true; transactionId: string; authorisation: string }
  | { approved: false; reason: string };

export interface PaymentTerminal {
  /** Stored with each card payment (which device took it). */
  readonly name: string;
  charge(request: TerminalCharge): Promise<TerminalResult>;
}

/**
 * A simulated payment terminal, for the demo and the tests: no device, no money moves. It approves every amount up
 * to its ceiling (default 1,500 €, a usual contactless-free card limit) and declines above it, so that a refusal
 * can be shown; the authorisation number is random.
 */
export class SimulatedPaymentTerminal implements PaymentTerminal {
  readonly name = 'simulated-terminal';
  constructor(private readonly opts: { declineAboveCents?: number } = {}) {}

  async charge(request: TerminalCharge): Promise<TerminalResult> {
    const ceiling = this.opts.declineAboveCents ?? 150_000;
    if (request.amountCents > ceiling) return { approved: false, reason: 'plafond de la carte dépassé (terminal simulé)' };
    return {
      approved: true,
      transactionId: `SIM-${crypto.randomUUID()}`,
      authorisation: String(crypto.randomInt(0, 1_000_000)).padStart(6, '0'),
    };
  }
}
