/** The phone log: calls taken by hand, callbacks, messages for practitioners. See docs/desk.md. */
export { phoneLogRoutes } from './routes.js';
export { seedPhoneLogDemo, seedDeskDemo } from './demo.js';
export { patientCalls } from './patient-calls.js';
// Messages and tasks (src/server/tasks) show a practitioner's phone messages in the one list and mark them read.
export { listMessages as listPhoneMessages, setMessageRead as setPhoneMessageRead, type CallView } from './service.js';

import type { Capability } from '../platform/capability.js';
import { phoneLogRoutes } from './routes.js';
import { seedDeskDemo } from './demo.js';

export const phoneLogCapability: Capability = {
  name: 'phone-log',
  migrations: new URL('./migrations/', import.meta.url),
  mount: () => ({ routes: phoneLogRoutes() }),
  // Today's calls, one incident and the practice information sheet (if none yet).
  seedDemo: async (db) => void (await seedDeskDemo(db)),
};
