/**
 * Negation scope and time context of a match in a normalised message.
 *
 * Deliberately simple and conservative: a red flag is only discarded when a negation cue
 * stands a few tokens before it in the same clause ("pas de douleur dans la poitrine",
 * "no stiff neck", "sans fievre", "n a plus de"). Doubt keeps the flag (safety first).
 */

const NEGATION_CUES = new Set([
  'pas', 'sans', 'aucun', 'aucune', 'ni', 'jamais', 'rien', 'non', 'no', 'not', 'without', 'never', 'nor',
  'none', 'nie', 'denies', 'absence', 'stopped', 'arrete', 'cesse',
]);

/** Words that end a clause for negation purposes ("pas de fievre mais une raideur de nuque"). */
const CLAUSE_BREAKS = new Set(['.', '?', 'mais', 'but', 'however', 'cependant', 'sauf', 'except', 'though', 'although', 'pourtant', 'et', 'and', 'puis', 'then']);

/** After a comma the negation goes on only for list continuations ("pas de fievre, de toux ni ..."). */
const LIST_CONTINUATION = new Set(['de', 'd', 'ni', 'ou', 'or', 'nor', 'no', 'pas', 'any', 'sans']);

/** "je ne sais pas si", "not sure": uncertainty, not negation. */
const UNCERTAINTY_BEFORE = new Set(['sais', 'sait', 'know', 'sure', 'sur', 'certain', 'certaine', 'only', 'seulement', 'just']);

const WINDOW = 6;

/**
 * « not » / « pas » straight before a verb other than having or feeling denies that verb and its object, not what
 * follows it: in "won't drink anything at all very sleepy" the child is very sleepy. Beyond this many tokens the
 * flag is kept (doubt keeps the flag). The denial verbs keep the whole window ("does not have a fever or a stiff neck").
 */
const VERB_NEGATION_REACH = 3;
const DENIAL_NEXT = new Set([
  'de', 'd', 'des', 'any', 'a', 'an', 'the', 'have', 'has', 'had', 'having', 'feel', 'feels', 'felt', 'feeling', 'get', 'got', 'getting',
  'been', 'be', 'notice', 'noticed', 'see', 'seen', 'seem', 'seems', 'show', 'showing', 'complain', 'complained', 'complaining', 'experienced',
  'experiencing', 'report', 'reported', 'mention', 'mentioned', 'present', 'presente', 'sens', 'sent', 'senti', 'ressens', 'ressent', 'eu', 'vu',
  'constate', 'remarque', 'signale', 'parle', 'parler', 'dit', 'evoque', 'mentionne', 'talk', 'talked', 'said', 'say', 'think', 'plus', 'vraiment', 'really', 'very', 'too', 'so', 'tres', 'trop', 'si',
]);

/**
 * A new subject and its verb between the cue and the sign start another clause, even without
 * a comma ("il boit pas biberon il est mou": the child is floppy, not "not floppy").
 */
const SUBJECTS = new Set(['il', 'elle', 'je', 'j', 'on', 'he', 'she', 'i', 'it', 'they', 'ils', 'elles']);
const CLAUSE_VERBS = new Set(['est', 'a', 'suis', 'ai', 'semble', 'devient', 'reste', 'is', 'was', 'has', 'seems', 'looks', 'am', 'sont', 'are']);

/** After "not" / "pas", these verbs turn the denial into persistence. */
const ADJECTIVE_AFTER_PAS = new Set(['bien', 'top', 'terrible', 'genial', 'fameux', 'fort', 'well', 'good', 'great', 'right', 'ok', 'okay']);
const ABILITY_VERBS = new Set(['arrive', 'arrivait', 'arrivais', 'peut', 'peux', 'pouvait', 'parvient', 'reussit', 'reussis', 'arrivent']);
const STOP_VERBS = new Set(['stop', 'stopping', 'arreter', 'arrete', 'cesser', 'cesse', 'help', 'helping']);

/**
 * A vaccine against a disease names the disease, it is not a sign (« le vaccin contre le zona », "vaccine for yellow
 * fever"); nor is yellow fever a fever. Read like a negation, with a short reach.
 */
const VACCINE = new Set(['vaccin', 'vaccins', 'vaccination', 'vacciner', 'vaccine', 'vaccines', 'vaccinated', 'jab']);
const VACCINE_LINK = new Set(['contre', 'against', 'for', 'anti', 'de', 'du', 'd']);
const VACCINE_REACH = 4;

const namesADisease = (toks: readonly string[], index: number): boolean =>
  (toks[index] === 'fievre' && toks[index + 1] === 'jaune') || (toks[index] === 'fever' && toks[index - 1] === 'yellow');

/**
 * Is the token at `index` negated by a cue standing before it in its clause,
 * or by a French "ne … pas/plus" right after a verb ("ca ne saigne plus")?
 */
export function isNegatedAt(toks: readonly string[], index: number, matchLength = 1): boolean {
  if (namesADisease(toks, index)) return true;
  let seen = 0;
  for (let i = index - 1; i >= 0 && seen < WINDOW; i--) {
    const t = toks[i] as string;
    if (t === ',') {
      if (!LIST_CONTINUATION.has(toks[i + 1] ?? '')) return false;
      continue;
    }
    if (SUBJECTS.has(t) && CLAUSE_VERBS.has(toks[i + 1] ?? '') && i + 1 < index) return false;
    if (CLAUSE_BREAKS.has(t)) {
      // "pas de toux et pas de fievre": the "et" ends the scope, the second "pas" is checked on its own.
      return false;
    }
    // Checked after the clause ends, so that « vaccin de rappel hier, fièvre à 39 » keeps its fever.
    if (VACCINE.has(t) && VACCINE_LINK.has(toks[i + 1] ?? '') && index - i <= VACCINE_REACH) return true;
    seen++;
    if (NEGATION_CUES.has(t)) {
      if (t === 'pas' || t === 'not') {
        // "je ne sais pas si", "not sure", "not only": the clause is uncertain, not negative.
        const prev = toks[i - 1] ?? '';
        const next = toks[i + 1] ?? '';
        if (UNCERTAINTY_BEFORE.has(prev) || UNCERTAINTY_BEFORE.has(next)) return false;
        // "can not stop vomiting", "n arrete pas de saigner": the sign goes on, it is not denied.
        if (STOP_VERBS.has(next)) return false;
        // "il arrive pas a se relever": an inability (a sign), not the denial of what follows.
        if (next === 'a' && ABILITY_VERBS.has(prev)) return false;
        // "je ne me sens pas bien depuis cette nuit , une douleur": "pas" negates the adjective after it, not the sign further on.
        if (ADJECTIVE_AFTER_PAS.has(next) && index - i > 2) return false;
        if (next === 'encore' && t === 'pas') continue; // "pas encore" is about time
        // « pas du tout de fièvre » denies like « pas de fièvre »; « pas du tout, très somnolente » does not reach the sign.
        const denied = next === 'du' && toks[i + 2] === 'tout' ? (toks[i + 3] ?? '') : next;
        const denies = denied === 'de' || denied === 'd' || (next !== 'du' && (DENIAL_NEXT.has(next) || NEGATION_CUES.has(next) || CLAUSE_VERBS.has(next)));
        if (index - i > VERB_NEGATION_REACH && !denies) return false;
      }
      if (t === 'arrete' || t === 'cesse' || t === 'stopped') {
        // "a arrete de saigner", "stopped bleeding": negation only when directly before the sign.
        if (index - i > 2) continue;
      }
      if (t === 'rien' && toks[i - 1] === 'plus') return true;
      return true;
    }
    if (t === 'plus') {
      // "n a plus de douleur", "plus de fievre" (no more) — not "de plus en plus", not "plus de 39".
      const prev = toks[i - 1] ?? '';
      const next = toks[i + 1] ?? '';
      if (prev === 'de' && next === 'en') continue;
      if (next === 'de' && /^\d/.test(toks[i + 2] ?? '')) continue;
      if (next === 'de' || next === 'd' || prev === 'n' || prev === 'ne' || prev === 'a') return true;
    }
    if (t === 'no' || t === 'longer') {
      if (t === 'longer' && toks[i - 1] === 'no') return true;
    }
  }
  // Post-verbal French negation: "ca ne saigne plus", "il ne vomit pas".
  const after = toks[index + matchLength] ?? '';
  const before = toks[index - 1] ?? '';
  if ((after === 'pas' || after === 'plus' || after === 'jamais') && (before === 'ne' || before === 'n')) return true;
  return false;
}
