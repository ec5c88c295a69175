import type { TriageResult } from '../triage/index.js';
import { parseIdentity } from './dialog/parse.js';
import { askFor, type ComposedReply, type MissingPiece } from './reply.js';

/**
 * A sender answering what the assistant asked. « Inès Legrand 03/03/1993 » after « indiquez vos nom, prénom et date
 * de naissance » is an identity, whatever the engine reads in it (a bare name and date came out `medical_question`
 * and was answered « Je ne peux pas donner d'avis médical… » with the identity question again: the chat looped).
 * Pure: the service decides when a message continues an open request.
 */
export interface FollowUp {
  /** Name and birth date given, for the matcher. */
  identity: { name: string; birthDate: string } | null;
  /** What is still missing after this answer. */
  remaining: MissingPiece[];
}

const IDENTITY_PIECES: readonly MissingPiece[] = ['identity', 'patient_concerned'];

/**
 * Reads a message as the answer to `asked`, or null when it answers none of it (a new subject: the usual path).
 * `today` (YYYY-MM-DD in the practice's zone) bounds the birth dates.
 */
export function readFollowUp(text: string, triage: Pick<TriageResult, 'urgency' | 'details'>, asked: readonly MissingPiece[], today: string): FollowUp | null {
  if (asked.length === 0 || triage.urgency !== 'routine') return null;
  const identity = asked.some((p) => IDENTITY_PIECES.includes(p)) ? parseIdentity(text, today) : null;
  const answered = new Set<MissingPiece>();
  if (identity) for (const p of IDENTITY_PIECES) answered.add(p);
  if (triage.details.medicines.length > 0) answered.add('medicine');
  if (triage.details.phones.length > 0) answered.add('callback');
  // Beyond a bare identity, the words answer the other questions (exam, document, preferred time…): the desk reads them.
  const words = text.split(/\s+/).filter((w) => /\p{L}{2,}/u.test(w)).length;
  const moreThanIdentity = identity ? words > identity.name.split(' ').length + 2 : words > 0;
  if (moreThanIdentity) for (const p of asked) if (!IDENTITY_PIECES.includes(p)) answered.add(p);
  if (!asked.some((p) => answered.has(p))) return null;
  return { identity, remaining: asked.filter((p) => !answered.has(p)) };
}

/** « Merci, c'est noté. » and what is still missing, or that the request is complete. */
export function followUpReply(f: FollowUp, lang: 'fr' | 'en'): ComposedReply {
  const parts = [lang === 'fr' ? 'Merci, c’est noté.' : 'Thank you, noted.'];
  if (f.remaining.length > 0) parts.push(...f.remaining.map((p) => askFor(p, lang)));
  else parts.push(lang === 'fr' ? 'Votre demande est complète et suivra son cours : nous vous répondrons. En cas d’urgence vitale, appelez le 15.' : 'Your request is complete and will be dealt with: we will reply. In a life-threatening emergency, call 15.');
  return { text: parts.join(' '), lang, emergency: false, numbers: f.remaining.length > 0 ? [] : ['15'], asked: f.remaining, fileRequest: true };
}
