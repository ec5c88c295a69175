/**
 * Exact pre-filter for the rules' regexes: which regexes cannot match a message at all.
 *
 * Why: a quarter of the engine's time went into running some 200 large alternations
 * (`\b(?:…|…|…)\b`) over every message, and almost all of them find nothing. Each regex is read
 * once (its source) to find, for every alternative, words that any match must contain at the start
 * of a word: `(?:ne|n) (?:peut|peux) (?:plus|pas) a uriner` needs a word starting with "urine". The
 * message gives the set of its words' first 1-5 letters; a regex whose requirements these do not meet
 * is not run — it would have found no match. Anything the reader does not understand
 * (an escape, a flag, an alternative without a required word) makes the regex "always run": the
 * filter can only skip work, never change a result.
 *
 * "Start of a word" is the regex sense: a word character ([A-Za-z0-9_]) preceded by a non-word
 * character or the start of the text, after a literal space, a literal punctuation mark or `\b`.
 */

type Atom =
  | { t: 'char'; c: string }
  | { t: 'any' } // one character, not a known literal: class, \w, \d, \s, .
  | { t: 'zero' } // zero-width: lookaround, \B, ^, $
  | { t: 'wb' } // \b
  | { t: 'group'; branches: Item[][] };
interface Item {
  atom: Atom;
  min: number;
  max: number;
}

class Unsupported extends Error {}

const isWord = (c: string): boolean => /^[A-Za-z0-9_]$/.test(c);

/** Parse the subset of JavaScript regex syntax the rules use; throws Unsupported on anything else. */
function parse(src: string): Item[][] {
  let i = 0;
  const alternation = (): Item[][] => {
    const branches: Item[][] = [[]];
    while (i < src.length && src[i] !== ')') {
      if (src[i] === '|') {
        i++;
        branches.push([]);
        continue;
      }
      const atom = parseAtom();
      const [min, max] = quantifier();
      (branches[branches.length - 1] as Item[]).push({ atom, min, max });
    }
    return branches;
  };
  const parseAtom = (): Atom => {
    const c = src[i] as string;
    if (c === '(') {
      let zero = false;
      if (src.startsWith('(?:', i)) i += 3;
      else if (src.startsWith('(?=', i) || src.startsWith('(?!', i)) (i += 3), (zero = true);
      else if (src.startsWith('(?<=', i) || src.startsWith('(?<!', i)) (i += 4), (zero = true);
      else if (src.startsWith('(?', i)) throw new Unsupported('named group');
      else i += 1;
      const branches = alternation();
      if (src[i] !== ')') throw new Unsupported('unclosed group');
      i++;
      return zero ? { t: 'zero' } : { t: 'group', branches };
    }
    if (c === '[') {
      i++;
      if (src[i] === '^') i++;
      if (src[i] === ']') i++;
      while (i < src.length && src[i] !== ']') i += src[i] === '\\' ? 2 : 1;
      if (src[i] !== ']') throw new Unsupported('unclosed class');
      i++;
      return { t: 'any' };
    }
    if (c === '\\') {
      const e = src[i + 1] ?? '';
      i += 2;
      if (e === 'b') return { t: 'wb' };
      if (e === 'B') return { t: 'zero' };
      if ('wWdDsS'.includes(e)) return { t: 'any' };
      if (e !== '' && !/[A-Za-z0-9]/.test(e)) return { t: 'char', c: e };
      throw new Unsupported('escape \\' + e);
    }
    i++;
    if (c === '^' || c === '$') return { t: 'zero' };
    if (c === '.') return { t: 'any' };
    if ('*+?{}]'.includes(c)) throw new Unsupported('stray ' + c);
    return { t: 'char', c };
  };
  const quantifier = (): [number, number] => {
    const c = src[i];
    let q: [number, number] = [1, 1];
    if (c === '?') q = [0, 1];
    else if (c === '*') q = [0, Infinity];
    else if (c === '+') q = [1, Infinity];
    else if (c === '{') {
      const m = /^\{(\d+)(,(\d*))?\}/.exec(src.slice(i));
      if (!m) throw new Unsupported('brace');
      i += m[0].length;
      const lo = Number(m[1]);
      const hi = m[2] === undefined ? lo : m[3] === '' ? Infinity : Number(m[3]);
      if (src[i] === '?') i++;
      return [lo, hi];
    } else return q;
    i++;
    if (src[i] === '?') i++; // lazy
    return q;
  };
  const top = alternation();
  if (i !== src.length) throw new Unsupported('unbalanced )');
  return top;
}

/**
 * What a match needs: a word starting with `key`, all of `and`, or one of `or`. An empty `and`
 * needs nothing.
 */
export type Requirement = { key: string } | { and: Requirement[] } | { or: Requirement[] };
const NOTHING: Requirement = { and: [] };
const needsNothing = (r: Requirement): boolean => 'and' in r && r.and.length === 0;

/**
 * Words are compared by their first letters, up to five: what the message's prefix set holds. Five,
 * not three: « com » (comme, comment) says little about « comportement ».
 */
const KEY_LENGTH = 5;
const keyOf = (word: string): string => word.slice(0, KEY_LENGTH);

/** Frequent word beginnings in the messages (dev set, 8 % of messages or more): tested last in an "all of". */
const COMMON = new Set(
  'bon bonj bonjo pou vou est pour vous mon ren rend une dep rende que pas depu depui fil con des fai peu mer cor pre sui tra les mar mai par fait plu plus merc ave ans ell elle cou moi cord cordi fils suis tou jou qui mat jour res med doc doct merci com dan fau the mal'.split(' '),
);
/** Rough chance that a message meets the requirement (lower: test it first). */
function cost(r: Requirement): number {
  if ('key' in r) return r.key.length === 1 ? 100 : r.key.length === 2 ? 30 : COMMON.has(r.key) ? 10 : 1;
  if ('or' in r) return r.or.reduce((n, x) => n + cost(x), 0);
  return r.and.reduce((n, x) => Math.min(n, cost(x)), 1000);
}
const allOf = (rs: Requirement[]): Requirement => (rs.length === 1 ? (rs[0] as Requirement) : { and: [...rs].sort((a, b) => cost(a) - cost(b)) });

/**
 * The requirements (all needed) of a sequence, and whether its end is a word start.
 * `ws`: the current position starts a word if it holds a word character.
 */
function sequence(items: Item[], wsAtStart: boolean): { reqs: Requirement[]; ws: boolean } {
  const reqs: Requirement[] = [];
  let ws = wsAtStart;
  let run = '';
  let runWs = false;
  const flush = (): void => {
    for (const m of run.matchAll(/[A-Za-z0-9_]+/g)) if (m.index > 0 || runWs) reqs.push({ key: keyOf(m[0]) });
    run = '';
  };
  for (const { atom, min, max } of items) {
    if (atom.t === 'char' && min === 1 && max === 1) {
      if (run === '') runWs = ws;
      run += atom.c;
      ws = !isWord(atom.c);
      continue;
    }
    flush();
    if (atom.t === 'zero') continue;
    if (atom.t === 'wb') {
      ws = true;
      continue;
    }
    if (atom.t === 'char') {
      ws = min >= 1 ? !isWord(atom.c) : ws && !isWord(atom.c);
      continue;
    }
    if (atom.t === 'any') {
      ws = false;
      continue;
    }
    const inner = atom.branches.map((b) => sequence(b, ws));
    if (min >= 1) {
      const branches = inner.map((b) => allOf(b.reqs));
      if (branches.length === 1) reqs.push(...(inner[0] as { reqs: Requirement[] }).reqs);
      else if (!branches.some(needsNothing)) reqs.push({ or: branches.flatMap((b) => ('or' in b ? b.or : [b])) });
    }
    const allEndWs = inner.every((b) => b.ws);
    ws = max === 1 && allEndWs && (min >= 1 || ws);
  }
  flush();
  return { reqs, ws };
}

/** What any match of a regex needs, or null when it must always run. */
export function requirementOf(re: RegExp): Requirement | null {
  if (/[iuvy]/.test(re.flags)) return null;
  try {
    const branches = parse(re.source).map((b) => allOf(sequence(b, false).reqs));
    if (branches.some(needsNothing)) return null;
    return branches.length === 1 ? (branches[0] as Requirement) : { or: branches };
  } catch (e) {
    if (e instanceof Unsupported) return null;
    throw e;
  }
}

/** [A-Za-z0-9_] by char code (a word, in the regex sense), scanned without a regex iterator: it cost as much as the look-ups. */
const isWordCode = (c: number): boolean => (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || c === 95;


/** Every required prefix gets a small integer id, so a message's prefixes become a byte array. */
const keyIds = new Map<string, number>();
const keys: string[] = [];

/**
 * A requirement compiled to a flat program of ints: its number, then its root node. A key is [0, id]; "all of"
 * and "one of" are [1 or 2, size of the node in ints, ...children]. Read without allocation or recursion into objects.
 */
const programs = new WeakMap<RegExp, Int32Array | null>();
let programCount = 0;
/**
 * postings[key id]: the programs (by number) that key may trigger. Any message meeting a program has one of its
 * trigger keys (`triggers`): a message is tested only against the programs its keys trigger. Why: of some 120
 * programs tested per message, about 6 are met, and walking the others' trees cost 5 % of the engine's time.
 */
const postings: number[][] = [];

function keyId(key: string): number {
  let id = keyIds.get(key);
  if (id === undefined) {
    id = keys.length;
    keyIds.set(key, id);
    keys.push(key);
  }
  return id;
}

/** Keys one of which any message meeting `r` has: the key itself; every child's for "one of"; the rarest child's for "all of" (sorted rarest first by `allOf`). */
function triggers(r: Requirement, out: Set<string>): void {
  if ('key' in r) out.add(r.key);
  else if ('or' in r) for (const x of r.or) triggers(x, out);
  else if (r.and.length > 0) triggers(r.and[0] as Requirement, out);
}

function emit(r: Requirement, out: number[]): void {
  if ('key' in r) {
    out.push(0, keyId(r.key));
    return;
  }
  const at = out.length;
  out.push('and' in r ? 1 : 2, 0);
  for (const x of 'and' in r ? r.and : r.or) emit(x, out);
  out[at + 1] = out.length - at;
}

function programFor(re: RegExp): Int32Array | null {
  let p = programs.get(re);
  if (p === undefined) {
    const r = requirementOf(re);
    // A requirement of nothing is never made a program (`requirementOf` gives null): it always has a trigger.
    if (r === null || needsNothing(r)) p = null;
    else {
      const number = programCount++;
      const out: number[] = [number];
      emit(r, out);
      p = Int32Array.from(out);
      const keysOfIt = new Set<string>();
      triggers(r, keysOfIt);
      for (const k of keysOfIt) (postings[keyId(k)] ??= []).push(number);
    }
    programs.set(re, p);
  }
  return p;
}

/** Does the message (its prefixes as `present[id]`) meet the node of `code` at `pos`? */
function meets(code: Int32Array, pos: number, present: Uint8Array): boolean {
  const op = code[pos] as number;
  if (op === 0) return present[code[pos + 1] as number] === 1;
  const end = pos + (code[pos + 1] as number);
  for (let p = pos + 2; p < end; p += code[p] === 0 ? 2 : (code[p + 1] as number)) {
    if (meets(code, p, present) !== (op === 1)) return op !== 1;
  }
  return op === 1;
}

/**
 * A word's key ids (its first 1 to KEY_LENGTH letters that are keys), by its first KEY_LENGTH letters: most words
 * of a message were seen before. Valid while no key is added; bounded for a long-running server.
 */
const wordKeys = new Map<string, Int32Array>();
let wordKeysFor = 0;

function keysOfWord(start: string): Int32Array {
  if (wordKeysFor !== keys.length || wordKeys.size >= 50_000) {
    wordKeys.clear();
    wordKeysFor = keys.length;
  }
  let ids = wordKeys.get(start);
  if (ids === undefined) {
    const found: number[] = [];
    for (let n = 1; n <= start.length; n++) {
      const id = keyIds.get(start.slice(0, n));
      if (id !== undefined) found.push(id);
    }
    ids = Int32Array.from(found);
    wordKeys.set(start, ids);
  }
  return ids;
}

/** One message: can a regex match it at all? */
export class MessagePrefilter {
  /** present[id]: the message has the prefix `keys[id]`. */
  private present: Uint8Array;
  /** The ids set in `present`. */
  private found: number[] = [];
  /** touched[n]: one of program n's trigger keys is in the message (else the program cannot be met). */
  private touched: Uint8Array;

  constructor(private readonly text: string) {
    this.present = this.fill();
    this.touched = this.touch();
  }

  /** The first 1 to KEY_LENGTH letters of every word (maximal run of [A-Za-z0-9_]) that are keys, word by word through `keysOfWord`. */
  private fill(): Uint8Array {
    const { text } = this;
    const present = new Uint8Array(keys.length);
    const found: number[] = [];
    for (let i = 0; i < text.length; ) {
      if (!isWordCode(text.charCodeAt(i))) {
        i++;
        continue;
      }
      let end = i + 1;
      while (end < text.length && isWordCode(text.charCodeAt(end))) end++;
      for (const id of keysOfWord(text.slice(i, Math.min(end, i + KEY_LENGTH)))) {
        if (present[id] === 0) {
          present[id] = 1;
          found.push(id);
        }
      }
      i = end;
    }
    this.found = found;
    return present;
  }

  private touch(): Uint8Array {
    const touched = new Uint8Array(programCount);
    for (const id of this.found) for (const n of postings[id] ?? []) touched[n] = 1;
    return touched;
  }

  /** False only when no match of `re` is possible in the message. */
  mayMatch(re: RegExp): boolean {
    return this.meetsProgram(programFor(re));
  }

  /** `mayMatch` for a regex whose program the caller holds (`programOf`): no look-up by regex, for the rule loop. */
  meetsProgram(code: Int32Array | null): boolean {
    if (code === null) return true;
    // A regex seen for the first time may have brought new prefixes and programs.
    if (this.present.length < keys.length) {
      this.present = this.fill();
      this.touched = this.touch();
    } else if (this.touched.length < programCount) this.touched = this.touch();
    return this.touched[code[0] as number] === 1 && meets(code, 1, this.present);
  }
}

/** A regex's compiled requirement (null: always run), to be passed to `MessagePrefilter.meetsProgram`. */
export const programOf = (re: RegExp): Int32Array | null => programFor(re);

/** The pre-filters of the last two texts: the rules, the intent cues and the vital model read the same message (and its masked copy). */
const recent: MessagePrefilter[] = [];
const recentText: string[] = [];

export function prefilterOf(text: string): MessagePrefilter {
  const at = recentText.indexOf(text);
  if (at >= 0) return recent[at] as MessagePrefilter;
  const p = new MessagePrefilter(text);
  recent.unshift(p);
  recentText.unshift(text);
  recent.length = Math.min(recent.length, 2);
  recentText.length = recent.length;
  return p;
}
