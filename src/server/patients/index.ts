/**
 * The patients capability: identity, administrative file, search, duplicates, INSi, merge and FHIR.
 * Every read and write of patient data is made within `ctx.practiceId` and audited (reads by the
 * route rule, writes by the services with before/after and the reason).
 */
export { patientRoutes } from './routes.js';
export { identityFields } from './contract.js';
export { optionalPhone, phoneSchema } from './administrative/contract.js';
export { createPatient, updateIdentity, validateIdentity } from './identity.service.js';
export { updateAdministrative } from './administrative/service.js';
export { findPatient, legalRepresentatives } from './read.service.js';
export { identityCandidates, type IdentityCandidate, type IdentityCandidateQuery } from './identity-candidates.service.js';
// Pure identity rules other capabilities reuse (correspondence matching reads NIRs and names in letters).
export { readNir, withKey, formatNir, type ParsedNir } from './identity/nir.js';
export { birthPlaceLabel } from './identity/birth-place.js';
export { foldAccents, nameTokens, PARTICLES } from './identity/normalize.js';
export { phoneticKey, phoneticKeys } from './identity/phonetic.js';

export { checkIdentity } from './identity/traits.js';
export { normalizePhone } from './search-query.js';
export { OID_INS_NIR } from './insi/types.js';
export { accessibilityFlags } from './administrative/rights.js';
export { amoSchema, contactSchema, type Amc, type Amo, type Gp, type Accessibility } from './administrative/contract.js';
export { DOCUMENT_TYPE_CODES } from './identity/status.js';
import type { Capability } from '../platform/capability.js';
import { patientRoutes } from './routes.js';

export const patientsCapability: Capability = {
  name: 'patients',
  migrations: new URL('./migrations/', import.meta.url),
  mount: () => ({ routes: patientRoutes() }),
};
