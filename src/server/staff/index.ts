/** The staff capability's door for the others: the practice's active members. */
export { activeMembers } from './service.js';
