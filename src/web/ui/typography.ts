// French typography in one place: the French catalogue goes through frenchTypography() when it is built
// (src/web/i18n/messages.ts), so that no message can show « bénéficiaire: » or a line break before « ? ».
// Without any import: the catalogue builder and the unit tests load it outside the browser.

/** Espace insécable (U+00A0): before « : » and « % », inside « guillemets », in « 9 h 30 » and before « € ». */
export const NBSP = '\u00a0';
/** Espace fine insécable (U+202F): before « ; ? ! » and between thousands. */
export const NNBSP = '\u202f';

/**
 * Puts the French no-break spaces where they belong, whether the text had an ordinary space, none, or already
 * the right one: « Rappel : », « Pourquoi ? », « « Arrivé » ». Leaves alone what is not punctuation of a
 * sentence: times (« 10:30 »), URLs (« https:// », « ?page=2 »), emoticons and interpolation braces.
 */
export function frenchTypography(text: string): string {
  // One rule's space can make another apply (« a:? »): repeat until nothing changes (twice at most in practice).
  let previous = text;
  for (let i = 0; i < 4; i += 1) {
    const next = typesetOnce(previous);
    if (next === previous) break;
    previous = next;
  }
  return previous;
}

function typesetOnce(text: string): string {
  return text
    // « and » : exactly one no-break space inside.
    .replace(/«[ \u00a0\u202f]*/g, `«${NBSP}`)
    .replace(/[ \u00a0\u202f]*»/g, `${NBSP}»`)
    // Colon: after a word, a closing bracket or an interpolation, and followed by a space or the end.
    .replace(/([^\s:/])[ \u00a0\u202f]?:(?=\s|$)/gu, `$1${NBSP}:`)
    // « 100 % Santé », « 76 € » : a no-break space between a number and its percent or euro sign.
    .replace(/(\d|\}\})[ \u202f]([%€])(?=\s|$|[),.;])/gu, `$1${NBSP}$2`)
    // ; ? ! : a thin no-break space, when they end a word (not « ?page=2 », not « !important »).
    .replace(/([^\s;?!])[ \u00a0\u202f]?([;?!]+)(?=\s|$|[»)"'’.])/gu, `$1${NNBSP}$2`);
}
