/**
 * Free text that reaches a mail header, an SMS, a file name or a CSV cell must stay on one line: a CR/LF in a
 * practice name would otherwise start a new header in an e-mail subject. `singleLine` is for the sinks (defence
 * in depth); `oneLineText` refuses such characters where the text is typed.
 */
// C0 and C1 controls (tab included), DEL, line and paragraph separators, bidi overrides and isolates.
const BREAKING = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]+/g;
const HAS_BREAKING = new RegExp(BREAKING.source); // not global: `test` keeps no position between calls

/** The text on one line: every run of control, separator or bidi-override characters becomes one space. */
export function singleLine(text: string): string {
  return text.replace(BREAKING, ' ').replace(/ {2,}/g, ' ').trim();
}

/** Does the text hold a character that `singleLine` would remove? */
export function hasBreakingCharacters(text: string): boolean {
  return HAS_BREAKING.test(text);
}

// What an SMS may carry: line breaks stay (a reminder has lines), every other control, separator or bidi
// override goes (a bidi override in a name could make a link read backwards).
const SMS_BREAKING = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]+/g;

/** The text of an SMS: line breaks kept (CR/LF become LF), other control and bidi characters become a space. */
export function smsText(text: string): string {
  return text.replace(/\r\n?/g, '\n').replace(SMS_BREAKING, ' ').replace(/ {2,}/g, ' ').trim();
}
