/**
 * Urgency decision: applies the red-flag and same-day rules with negation and time logic.
 * Pure function of the normalised text; every decision leaves a reason.
 */
import type { Reason, Urgency } from './types.js';
import type { FlagLevel, FlagRule, RuleContext } from './rule.js';
import { ageOf } from './lexicon.js';
import { isNegatedAt } from './negation.js';
import { ASSESSED, ED_VISIT_PAST, HANDLED, RESOLVED, isRemotePast, timeContext } from './tense.js';
import { VITAL_RULES } from './red-flags.js';
import { SAME_DAY_RULES } from './same-day.js';
import { CATALOGUE_RULES } from './catalogue.js';
import { prefilterOf, programOf } from './prefilter.js';

export interface UrgencyResult {
  urgency: Urgency;
  reasons: Reason[];
  /** Codes of the vital rules that fired (for the instruction: suicide -> 3114 too). */
  vitalCodes: string[];
}

interface Sentence {
  start: number;
  end: number;
  text: string;
}

function splitSentences(norm: string): Sentence[] {
  const out: Sentence[] = [];
  const re = / [.?] ?/g;
  let start = 0;
  for (const m of norm.matchAll(re)) {
    out.push({ start, end: m.index, text: norm.slice(start, m.index) });
    start = m.index + m[0].length;
  }
  out.push({ start, end: norm.length, text: norm.slice(start) });
  return out;
}

const spaceCount = (s: string): number => {
  let n = 0;
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) === 32) n++;
  return n;
};

interface Hit {
  text: string;
  index: number;
}

/** Spaces in norm[from, to): counted in place (no slice per match). */
const spacesBetween = (s: string, from: number, to: number): number => {
  let n = 0;
  for (let i = from; i < to; i++) if (s.charCodeAt(i) === 32) n++;
  return n;
};

/**
 * Every match of a global regex, as `norm.matchAll(re)` gives them. Why not matchAll: it clones the regex
 * (a constructor call over a source of thousands of characters) on every call, for some 200 rules per message.
 * Same semantics: starts at the regex's lastIndex, steps over empty matches, and leaves lastIndex as it was.
 */
function execAll(re: RegExp, norm: string): RegExpExecArray[] {
  if (re.flags !== 'g') return [...norm.matchAll(re)];
  const out: RegExpExecArray[] = [];
  const saved = re.lastIndex;
  for (let m = re.exec(norm); m !== null; m = re.exec(norm)) {
    out.push(m);
    if (m[0].length === 0) re.lastIndex++;
  }
  re.lastIndex = saved;
  return out;
}

function nonNegatedMatches(norm: string, toks: string[], re: RegExp): { kept: Hit[]; negated: Hit[] } {
  const kept: Hit[] = [];
  const negated: Hit[] = [];
  // Token index of the match: spaces before it, counted incrementally (matches come in increasing order).
  let spaces = 0;
  let counted = 0;
  for (const m of execAll(re, norm)) {
    const text = m[0].trim();
    if (text.length === 0) continue;
    spaces += spacesBetween(norm, counted, m.index);
    counted = m.index;
    const tokenIndex = spaces + (m[0].startsWith(' ') ? 1 : 0);
    const len = spaceCount(text) + 1;
    (isNegatedAt(toks, tokenIndex, len) ? negated : kept).push({ text, index: m.index });
  }
  return { kept, negated };
}

/** The comma-delimited clause around a character index. */
function clauseAt(norm: string, index: number): string {
  const before = norm.lastIndexOf(' , ', index);
  const beforeDot = Math.max(norm.lastIndexOf(' . ', index), norm.lastIndexOf(' ? ', index));
  const start = Math.max(before, beforeDot) + 1;
  const ends = [norm.indexOf(' , ', index), norm.indexOf(' . ', index), norm.indexOf(' ? ', index)].filter((i) => i >= 0);
  return norm.slice(start, ends.length ? Math.min(...ends) : norm.length);
}

type Level = FlagLevel | 'routine';

/** Non-global copies of the soften patterns (a global regex keeps state between .test calls). */
const softenCache = new WeakMap<FlagRule, RegExp>();
function softenTest(rule: FlagRule, sentence: string): boolean {
  if (!rule.soften) return false;
  let re = softenCache.get(rule);
  if (!re) {
    re = new RegExp(rule.soften.when.source);
    softenCache.set(rule, re);
  }
  return re.test(sentence);
}
const RANK: Record<Level, number> = { vital: 2, same_day: 1, routine: 0 };

/** Effective level of a sign found in `sentence`, given the whole message `norm` (README rules 3-4). */
function timedLevel(rule: FlagRule, level: Level, sentence: string, clause: string, norm: string): { level: Level; why?: string } {
  if (rule.timeless || level === 'routine') return { level };
  const t = timeContext(sentence);
  // "all fine now": a "now" that says the episode is over is not an ongoing marker.
  if (t.ongoing && !RESOLVED.test(sentence)) return { level };
  if (HANDLED.test(norm)) return { level: 'routine', why: 'PAST_HANDLED' };
  // The sign is the reason for an emergency visit that is over, and the message says what was found (README rule 3).
  if (ED_VISIT_PAST.test(sentence) && ASSESSED.test(norm) && !t.still) return { level: 'routine', why: 'PAST_ASSESSED' };
  // History: the marker is in the sign's own clause, or in its sentence with nothing saying it goes on.
  if (isRemotePast(clause) || (t.remotePast && !t.still && !t.since)) return { level: 'routine', why: 'PAST_HISTORY' };
  if (t.chronic && !rule.chronicOk) return { level: level === 'vital' ? 'same_day' : 'routine', why: 'CHRONIC' };
  const resolved = RESOLVED.test(norm);
  // Past tense alone within the last 24 h ("ce midi j ai eu un essoufflement brutal") is not an
  // episode over: only an explicit resolution or an older date lowers it.
  const over = resolved || (t.pastTense && (!t.within24h || ASSESSED.test(norm)));
  if ((t.recentPast && over) || (resolved && t.pastTense && !t.since)) {
    if (ASSESSED.test(norm)) return { level: 'routine', why: 'PAST_ASSESSED' };
    if (level === 'vital') {
      if (rule.neuro && (t.within24h || !t.recentPast)) return { level: 'vital', why: 'TRANSIENT_NEURO_24H' };
      return { level: 'same_day', why: 'PAST_RESOLVED' };
    }
    if (rule.episode) return { level: 'same_day', why: 'PAST_RESOLVED' };
    return { level: resolved ? 'routine' : 'same_day', why: resolved ? 'PAST_RESOLVED' : undefined };
  }
  return { level };
}

const WHY_LABEL: Record<string, string> = {
  PAST_HANDLED: 'Événement passé, déjà pris en charge (hospitalisation / SAMU)',
  PAST_HISTORY: 'Antécédent ancien, pas un événement actuel',
  CHRONIC: 'Symptôme ancien / chronique',
  PAST_ASSESSED: 'Épisode résolu et déjà évalué',
  PAST_RESOLVED: 'Épisode résolu, non encore évalué : à voir dans la journée',
  TRANSIENT_NEURO_24H: 'Déficit neurologique transitoire de moins de 24 h : reste vital',
};

/**
 * A rule's sign found without the rest of its picture (`otherwise`): its label names the picture it belongs to, which a
 * secretary must not read as the patient's (« Pré-éclampsie possible » for a boy who vomits with a headache).
 */
function partialLabel(rule: FlagRule, level: FlagLevel): string {
  return `Signe isolé, critères incomplets de « ${rule.label} » : ${level === 'vital' ? 'urgence vitale' : 'à voir dans la journée'}`;
}

/** Red flags first (their codes are the historical ones), then the catalogue, then same-day signs. */
const ALL_RULES: FlagRule[] = [...VITAL_RULES, ...CATALOGUE_RULES, ...SAME_DAY_RULES];

/** The pre-filter programs of the rules' signs, by rule position, read on first use: no look-up by regex per rule and message. */
let rulePrograms: Array<Int32Array | null> | undefined;

export function assessUrgency(norm: string): UrgencyResult {
  const toks = norm.length ? norm.split(' ') : [];
  const sentences = splitSentences(norm);
  const sentenceAt = (index: number): string => (sentences.find((s) => index >= s.start && index <= s.end) ?? sentences[0] ?? { text: norm }).text;
  const cache = new Map<RegExp, boolean>();
  const matchCache = new Map<RegExp, { kept: Hit[]; negated: Hit[] }>();
  const prefilter = prefilterOf(norm);
  // `possible`: the caller has just asked the pre-filter (the rule loop): not asked twice.
  const matches = (re: RegExp, possible = false): { kept: Hit[]; negated: Hit[] } => {
    let v = matchCache.get(re);
    if (!v) {
      // A regex the message cannot match finds nothing: skip running it (prefilter.ts).
      v = possible || prefilter.mayMatch(re) ? nonNegatedMatches(norm, toks, re) : { kept: [], negated: [] };
      matchCache.set(re, v);
    }
    return v;
  };
  const ctx: RuleContext = {
    norm,
    age: ageOf(norm),
    has(re: RegExp): boolean {
      let v = cache.get(re);
      if (v === undefined) {
        v = matches(re).kept.length > 0;
        cache.set(re, v);
      }
      return v;
    },
  };

  const reasons: Reason[] = [];
  const seen = new Set<string>();
  const vitalCodes: string[] = [];
  let best: Level = 'routine';
  const add = (r: Reason): void => {
    const key = r.code + '|' + r.evidence;
    if (seen.has(key) || seen.has(r.code)) return;
    seen.add(key);
    seen.add(r.code);
    reasons.push(r);
  };

  rulePrograms ??= ALL_RULES.map((rule) => programOf(rule.match));
  for (let r = 0; r < ALL_RULES.length; r++) {
    const rule = ALL_RULES[r] as FlagRule;
    // A sign the message cannot match gives nothing (no hit, no negated hit): skip the rule before any other check.
    if (!prefilter.meetsProgram(rulePrograms[r] as Int32Array | null)) continue;
    if (rule.requires && !rule.requires.every((re) => prefilter.mayMatch(re))) continue;
    const found = matches(rule.match, true);
    const kept = rule.negationIsSign ? [...found.kept, ...found.negated].sort((a, b) => a.index - b.index) : found.kept;
    const negated = rule.negationIsSign ? [] : found.negated;
    if (kept.length === 0) {
      const first = negated[0];
      if (first && rule.level === 'vital') add({ code: 'NEGATED_' + rule.code, label: `Signe nié : ${rule.label}`, evidence: first.text });
      continue;
    }
    if (rule.unless && ctx.has(rule.unless)) continue;
    const conditionsMet =
      (rule.withAll ?? []).every((re) => ctx.has(re)) &&
      (rule.withAny === undefined || rule.withAny.some((re) => ctx.has(re))) &&
      (rule.when === undefined || rule.when(ctx));
    let base: Level | undefined = conditionsMet ? rule.level : rule.otherwise;
    if (base === undefined) continue;
    // Keep the strongest level among the matches of this rule.
    let ruleBest: { level: Level; why?: string; evidence: string } | undefined;
    for (const hit of kept) {
      const sentence = sentenceAt(hit.index);
      let level: Level = base;
      if (rule.soften && softenTest(rule, sentence) && RANK[rule.soften.to] < RANK[level]) level = rule.soften.to;
      const timed = timedLevel(rule, level, sentence, clauseAt(norm, hit.index), norm);
      if (!ruleBest || RANK[timed.level] > RANK[ruleBest.level]) ruleBest = { ...timed, evidence: hit.text };
    }
    if (!ruleBest) continue;
    base = ruleBest.level;
    if (ruleBest.why) add({ code: ruleBest.why + '_' + rule.code, label: WHY_LABEL[ruleBest.why] ?? ruleBest.why, evidence: ruleBest.evidence });
    if (base === 'routine') continue;
    const prefix = base === 'vital' ? 'VITAL_' : 'SAME_DAY_';
    add({ code: prefix + rule.code, label: conditionsMet ? rule.label : partialLabel(rule, base), evidence: ruleBest.evidence });
    if (base === 'vital') vitalCodes.push(rule.code);
    if (RANK[base] > RANK[best]) best = base;
  }
  // Most important first: vital reasons, then same-day, then explanations.
  const order = (r: Reason): number => (r.code.startsWith('VITAL_') ? 0 : r.code.startsWith('SAME_DAY_') ? 1 : 2);
  reasons.sort((a, b) => order(a) - order(b));
  return { urgency: best, reasons, vitalCodes };
}
