/** The demo practices' door: who the demo accounts are (the health route names them in demo mode). */
export { DEMO_ACCOUNTS, DEMO_PRACTICE_SLUG } from './seed.js';
