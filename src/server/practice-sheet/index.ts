/** The practice information sheet, read-only: desk, print, public booking page. See docs/desk.md. */
export { practiceSheetRoutes } from './routes.js';
export { seedPracticeSheetDemo } from './demo.js';

import type { Capability } from '../platform/capability.js';
import { practiceSheetRoutes } from './routes.js';

export const practiceSheetCapability: Capability = { name: 'practice-sheet', mount: () => ({ routes: practiceSheetRoutes() }) };
