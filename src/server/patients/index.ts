/**
 * The patients capability: identity, administrative file, search, duplicates, INSi, merge and FHIR.
 * Every read and write of patient data is made within `ctx.practiceId` and audited (reads by the
 * route rule, writes by the services with before/after and the reason).
 */
export { patientRoutes, identityFields } from './routes.js';
export { optionalPhone, phoneSchema } from './administrative/sections.js';
export { createPatient, updateIdentity, validateIdentity } from './identity.service.js';
export { updateAdministrative } from './administrative/service.js';
export { findPatient, legalRepresentatives } from './read.service.js';
export { identityCandidates, type IdentityCandidate, type IdentityCandidateQuery } from './identity-candidates.service.js';
// Pure identity rules other capabilities reuse (correspondence matching reads NIRs and names in letters).
export { readNir, withKey, formatNir, type ParsedNir } from './identity/nir.js';
export { birthPlaceLabel } from './identity/birth-place.js';
export { foldAccents, nameTokens, PARTICLES } from './identity/normalize.js';
export { phoneticKey, phoneticKeys } from './identity/phonetic.js';
