/** The phone log: calls taken by hand, callbacks, messages for practitioners. See docs/desk.md. */
export { phoneLogRoutes } from './routes.js';
export { seedPhoneLogDemo, seedDeskDemo } from './demo.js';
export { patientCalls } from './patient-calls.js';
// Messages and tasks (src/server/tasks) show a practitioner's phone messages in the one list and mark them read.
export { listMessages as listPhoneMessages, setMessageRead as setPhoneMessageRead, type CallView } from './service.js';
