/**
 * Text normalisation shared by the rules and the classifier.
 *
 * Output: lowercase, accent-free, one space between tokens, punctuation kept as separate
 * tokens ("." ends a sentence, "," a clause) because negation scope and tense are judged
 * per clause / sentence. SMS abbreviations are expanded and phone hesitations removed so
 * that rules can be written once, in plain French or English.
 */

/** Token-level expansions (applied after accents and apostrophes are removed). */
const SMS: Record<string, string> = {
  // French SMS / phonetic spellings
  jai: "j ai", jme: 'je me', jte: 'je te', jsuis: 'je suis', jsui: 'je suis', chui: 'je suis', chuis: 'je suis',
  jvois: 'je vois', jpeux: 'je peux', jsais: 'je sais', jveux: 'je veux', jvoudrais: 'je voudrais',
  jvoudrai: 'je voudrais', jvx: 'je veux', jvais: 'je vais', javais: "j avais", jaurai: "j aurai", jaurais: "j aurais",
  jetais: "j etais", jarrive: "j arrive", jarrivais: "j arrivais", jlai: "je l ai", jen: "j en", jsp: 'je sais pas',
  jcrois: 'je crois', jpense: 'je pense', jfais: 'je fais', jtrouve: 'je trouve', jdois: 'je dois',
  cest: "c est", sest: "s est", cetait: "c etait", ct: "c etait", na: "n a", nai: "n ai", narrive: "n arrive",
  narrivait: "n arrivait", nest: "n est", navait: "n avait", nen: "n en", dun: "d un", dune: "d une",
  dla: 'de la', dhab: "d habitude", dhabitude: "d habitude", ya: 'il y a', yavait: 'il y avait', quil: "qu il",
  ajd: "aujourd hui", auj: "aujourd hui", aujourdhui: "aujourd hui", aujd: "aujourd hui", oj: "aujourd hui",
  rdv: 'rendez vous', rdvs: 'rendez vous', rv: 'rendez vous', svp: "s il vous plait", stp: "s il te plait",
  bcp: 'beaucoup', bcq: 'beaucoup', pr: 'pour', ds: 'dans', tt: 'tout', tte: 'toute', tts: 'tous', ttes: 'toutes',
  qd: 'quand', pk: 'pourquoi', pq: 'pourquoi', pcq: 'parce que', psk: 'parce que', bjr: 'bonjour', bjour: 'bonjour',
  bsr: 'bonsoir', slt: 'salut', mtn: 'maintenant', mnt: 'maintenant', tjs: 'toujours', tjrs: 'toujours',
  qqn: "quelqu un", qqun: "quelqu un", qqch: 'quelque chose', qq: 'quelques', vs: 'vous', ns: 'nous', dc: 'donc',
  bb: 'bebe', ordo: 'ordonnance', ordos: 'ordonnances', medoc: 'medicament', medocs: 'medicaments',
  tel: 'telephone', consult: 'consultation', certif: 'certificat', aprem: 'apres midi', aprm: 'apres midi',
  pb: 'probleme', pbm: 'probleme', pbs: 'problemes', mn: 'minutes', min: 'minutes', mins: 'minutes', sem: 'semaines',
  dsl: 'desole', tkt: 't inquiete', koi: 'quoi', kom: 'comme', ki: 'qui', ke: 'que', mm: 'meme', pa: 'pas', pdt: 'pendant',
  jms: 'jamais', rien: 'rien', 'toute-suite': 'tout de suite', tds: 'tout de suite', urgt: 'urgent',
  // English SMS
  u: 'you', ur: 'your', pls: 'please', plz: 'please', plse: 'please', thx: 'thanks', thks: 'thanks', tx: 'thanks',
  ty: 'thank you', im: 'i am', ive: 'i have', hes: 'he is', shes: 'she is', cant: 'can not', cannot: 'can not',
  wont: 'will not', isnt: 'is not', doesnt: 'does not', didnt: 'did not', wasnt: 'was not', havent: 'have not',
  hasnt: 'has not', couldnt: 'could not', wouldnt: 'would not', arent: 'are not', appt: 'appointment',
  appts: 'appointments', tmrw: 'tomorrow', tmr: 'tomorrow', tomoz: 'tomorrow', '2day': 'today', '2moro': 'tomorrow',
  b4: 'before', yo: 'years old', yrs: 'years', hrs: 'hours', hr: 'hour', asap: 'as soon as possible',
};

/** The same table as a Map: one look-up per token, and « constructor » is a word, not Object's constructor. */
const SMS_EXPANSIONS = new Map(Object.entries(SMS));

/** Phone-call hesitations and fillers: carry no meaning for triage. */
const HESITATION = /^(e+u+h+|h+e+u+|hu+m+|hm+|ba+h+|ben|beh|hein|u+m+|u+h+|e+r+m+)$/;

export function stripAccents(text: string): string {
  return text
    .replace(/œ/g, 'oe')
    .replace(/Œ/g, 'OE')
    .replace(/æ/g, 'ae')
    .replace(/Æ/g, 'AE')
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '');
}

export function normalize(text: string): string {
  let s = stripAccents(text).toLowerCase();
  s = s.replace(/[\u2018\u2019\u02bc`\u00b4]/g, "'").replace(/[\u00ab\u00bb\u201c\u201d"]/g, ' ');
  s = s.replace(/\u00a0|\u202f/g, ' ');
  // Decimal comma and French "38°5" temperatures become "38.5".
  s = s.replace(/(\d),(\d)/g, '$1.$2').replace(/(\d)\s?°\s?(\d)/g, '$1.$2').replace(/°\s?c?\b/g, ' ');
  // English contractions before apostrophes disappear.
  s = s
    .replace(/\bcan'?t\b/g, 'can not')
    .replace(/\bwon'?t\b/g, 'will not')
    .replace(/n't\b/g, ' not')
    .replace(/\bi'm\b/g, 'i am')
    .replace(/'(ll|ve|re|d)\b/g, ' $1');
  // SMS "2j", "3sem", "15min" -> "2 jours", ...
  s = s.replace(/\b(\d+)\s?(j|jrs?)\b/g, '$1 jours').replace(/\b(\d+)\s?(mn|min|mins)\b/g, '$1 minutes');
  s = s.replace(/\b(\d+)\s?sem\b/g, '$1 semaines');
  // Elisions and hyphens split words ("l'oeil", "grand-mere", "peut-il").
  s = s.replace(/'/g, ' ').replace(/(\D)-|-(\D)/g, '$1 $2');
  // Sentence and clause punctuation become tokens; keep "." and "/" inside numbers and dates.
  s = s.replace(/(\d)\.(\d)/g, '$1\u0001$2').replace(/(\d)\/(\d)/g, '$1\u0002$2').replace(/(\d):(\d)/g, '$1\u0003$2');
  s = s.replace(/[.!;…]+/g, ' . ').replace(/\?+/g, ' ? ').replace(/[,:()[\]{}/\\|*_~<>=]+/g, ' , ');
  s = s.replace(/\u0001/g, '.').replace(/\u0002/g, '/').replace(/\u0003/g, ':');
  s = s.replace(/[^a-z0-9.,?/:+%@ ]+/g, ' ');
  // Letters stretched for emphasis ("nonnnn", "svppp"): no word has three identical letters in a row.
  s = s.replace(/([a-z])\1{2,}/g, '$1$1');
  const out: string[] = [];
  const raw = s.split(/\s+/).filter(Boolean);
  for (let i = 0; i < raw.length; i++) {
    const tok = raw[i] as string;
    if (HESITATION.test(tok)) continue;
    // "c" alone means "c'est" in SMS, but after an apostrophe split it is already followed by "est".
    if (tok === 'c' && raw[i + 1] !== 'est' && raw[i + 1] !== 'etait') {
      out.push('c est');
      continue;
    }
    out.push(SMS_EXPANSIONS.get(tok) ?? tok);
  }
  // Collapse punctuation runs left by removed fillers (", , ." -> ".").
  return out
    .join(' ')
    .replace(/(?:[,.] )+([.?])/g, '$1')
    .replace(/(, )+/g, ', ')
    .replace(/^[ ,.]+/, '')
    .trim();
}

/** Tokens of a normalised string (punctuation tokens included). */
export function tokens(normalised: string): string[] {
  return normalised.length === 0 ? [] : normalised.split(' ');
}
