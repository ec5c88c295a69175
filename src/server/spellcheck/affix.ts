/**
 * A minimal hunspell suffix expander, used only to build the suggestion index.
 * hunspell's own suggest() takes 150–1,100 ms per word on dictionary-fr (measured in hunspell-asm 4.0), fifty
 * times the page budget, so suggestions come from a JavaScript index of the expanded word forms instead, while
 * hunspell stays the judge of what is correctly spelled (elisions, compounds, case rules).
 * Prefixes are skipped on purpose: in dictionary-fr they are the elisions (l', d', qu'…), which the tokenizer
 * strips before looking a word up.
 */

interface SuffixRule {
  strip: string;
  add: string;
  /** Continuation flags of the affix (a second suffix level). */
  next: string[];
  test: (word: string) => boolean;
}

export interface AffixData {
  suffixes: Map<string, SuffixRule[]>;
  needAffix: string;
  forbidden: string;
  noSuggest: string;
}

function splitFlags(flags: string): string[] {
  // dictionary-fr declares FLAG long: every flag is two characters.
  const out: string[] = [];
  for (let i = 0; i + 1 < flags.length; i += 2) out.push(flags.slice(i, i + 2));
  return out;
}

/** A hunspell condition is a tiny regular expression on the end of the word ([^abc], [abc], ., literal). */
function compileCondition(cond: string): (word: string) => boolean {
  if (cond === '.' || cond === '') return () => true;
  if (!/[[.]/.test(cond)) return (w) => w.endsWith(cond);
  let re: RegExp;
  try {
    re = new RegExp(`${cond}$`, 'u');
  } catch {
    return () => false;
  }
  return (w) => re.test(w);
}

export function parseAffix(text: string): AffixData {
  const suffixes = new Map<string, SuffixRule[]>();
  let needAffix = '';
  let forbidden = '';
  let noSuggest = '';
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (line.startsWith('NEEDAFFIX ')) needAffix = line.split(/\s+/)[1] ?? '';
    else if (line.startsWith('FORBIDDENWORD ')) forbidden = line.split(/\s+/)[1] ?? '';
    else if (line.startsWith('NOSUGGEST ')) noSuggest = line.split(/\s+/)[1] ?? '';
    else if (line.startsWith('SFX ')) {
      const parts = line.split(/\s+/);
      if (parts.length < 5) continue; // the header line of a block: "SFX flag Y count"
      const [, flag, strip, addField, cond] = parts as [string, string, string, string, string];
      const [add, cont] = addField.split('/');
      const rules = suffixes.get(flag) ?? [];
      rules.push({
        strip: strip === '0' ? '' : strip,
        add: add === '0' || add === undefined ? '' : add,
        next: cont ? splitFlags(cont) : [],
        test: compileCondition(cond),
      });
      suffixes.set(flag, rules);
    }
  }
  return { suffixes, needAffix, forbidden, noSuggest };
}

/** Calls `emit` for every word form of a .dic file that hunspell would accept without a prefix. */
export function expandDictionary(dic: string, aff: AffixData, emit: (form: string) => void): void {
  const lines = dic.split('\n');
  for (let i = 1; i < lines.length; i++) {
    const entry = lines[i]!.split(/[\s\t]/)[0];
    if (!entry) continue;
    const slash = entry.indexOf('/');
    const stem = slash < 0 ? entry : entry.slice(0, slash);
    const flags = slash < 0 ? [] : splitFlags(entry.slice(slash + 1));
    if (flags.includes(aff.forbidden) || flags.includes(aff.noSuggest)) continue;
    if (!flags.includes(aff.needAffix)) emit(stem);
    for (const flag of flags) {
      const rules = aff.suffixes.get(flag);
      if (!rules) continue;
      for (const rule of rules) {
        if (!rule.test(stem) || !stem.endsWith(rule.strip)) continue;
        const form = stem.slice(0, stem.length - rule.strip.length) + rule.add;
        emit(form);
        for (const nextFlag of rule.next) {
          for (const r2 of aff.suffixes.get(nextFlag) ?? []) {
            if (r2.test(form) && form.endsWith(r2.strip)) emit(form.slice(0, form.length - r2.strip.length) + r2.add);
          }
        }
      }
    }
  }
}
