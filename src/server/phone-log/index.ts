/** The phone log: calls taken by hand, callbacks, messages for practitioners. See docs/desk.md. */
export { phoneLogRoutes } from './routes.js';
export { seedPhoneLogDemo, seedDeskDemo } from './demo.js';
export { patientCalls } from './patient-calls.js';
