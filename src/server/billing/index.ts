/** The billing capability's only door: what the CLI, and later the routes and the web app, may use. */
export { quote, ageOn, percentOf } from './rules/quote.js';
export type { QuoteResult, QuoteDetail } from './rules/quote.js';
export { runBillingQuoteCli, answerLine } from './cli.js';
export { quoteCaseSchema, quoteSchema, quoteErrorSchema, SPECIALTIES, SECTORS, PARCOURS, TIERS_PAYANT } from './contract.js';
export type { QuoteCase, Quote, QuoteError, Specialty, Sector, Parcours, TiersPayant } from './contract.js';
export { TARIFFS, PARTICIPATION_FORFAITAIRE, MAJORATION_HORS_PARCOURS_CAP, RATES, TABLE_START, tariffOn, knownCodes } from './tariffs.js';
export type { TariffRow } from './tariffs.js';
export { billingProfileRoutes } from './profile-routes.js';
export { billingLedgerRoutes } from './ledger-routes.js';
export { billingDeskRoutes } from './desk-routes.js';
export { SimulatedPaymentTerminal } from './terminal.js';
export type { PaymentTerminal, TerminalResult } from './terminal.js';
export { seedBillingDemo } from './demo.js';
export { seedBillingDayDemo } from './demo-day.js';
export { billingBooksRoutes } from './books/routes.js';
export { billingDeskBooksRoutes } from './books/desk-routes.js';
export { seedBillingBooksDemo } from './demo-books.js';
export { billingDentalRoutes } from './dental/routes.js';
export { seedDentalQuotesDemo } from './dental/demo.js';
export { billingFhirRoutes } from './fhir/routes.js';

import type { Capability } from '../platform/capability.js';
import { billingProfileRoutes } from './profile-routes.js';
import { billingLedgerRoutes } from './ledger-routes.js';
import { billingDeskRoutes } from './desk-routes.js';
import { billingDeskBooksRoutes } from './books/desk-routes.js';
import { billingBooksRoutes } from './books/routes.js';
import { SimulatedPaymentTerminal } from './terminal.js';
import { seedBillingDayDemo } from './demo-day.js';
import { billingDentalRoutes } from './dental/routes.js';
import { billingFhirRoutes } from './fhir/routes.js';

export const billingCapability: Capability = {
  name: 'billing',
  migrations: new URL('./migrations/', import.meta.url),
  mount: (d) => ({
    routes: [
      ...billingProfileRoutes(),
      // No real payment terminal is integrated yet: the desk uses the simulator (named so in every card payment).
      ...billingLedgerRoutes({ terminal: new SimulatedPaymentTerminal() }),
      ...billingDeskRoutes(),
      ...billingDeskBooksRoutes({ mailer: d.mailer }),
      ...billingBooksRoutes(),
      ...billingDentalRoutes(),
      ...billingFhirRoutes(),
    ],
  }),
  // Today's billing at the desk (consultations seen billed and paid, one unpaid, two to bill).
  seedDemo: async (db) => void (await seedBillingDayDemo(db)),
};
