import { createRequire } from 'node:module';
import { COUNTRIES } from './birth-place.js';

/**
 * Finding a birth place by its name, as the secretary types it (« Bordeaux », « st denis », « Maroc »), for the
 * identity form: a commune (current, or a former one kept as a delegated or associated commune, as
 * identitovigilance asks for the commune *of birth*, which may have merged since), a Paris / Lyon / Marseille
 * arrondissement, or a country for a birth abroad. The form then stores the INSEE code, never the name.
 */
export interface BirthPlaceOption {
  code: string;
  label: string;
  kind: 'commune' | 'country';
  /** What tells two homonyms apart: « Gironde (33) », « commune déléguée de Saint-Denis, Seine-Saint-Denis (93) », « pays ». */
  detail: string;
}

interface Entry extends BirthPlaceOption {
  key: string;
  /** Current communes first, then larger ones: the likely birth place of a patient at the desk. */
  rank: number;
}

/** Lower case, no accents, « saint » for « st », one space between words: how names are compared. */
export function placeKey(s: string): string {
  return s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/œ/g, 'oe')
    .replace(/['’\-_.,()]/g, ' ')
    .replace(/\bste\b/g, 'sainte')
    .replace(/\bst\b/g, 'saint')
    .replace(/\s+/g, ' ')
    .trim();
}

const KIND_FR: Record<string, string> = { 'commune-deleguee': 'commune déléguée de', 'commune-associee': 'commune associée à', 'arrondissement-municipal': 'arrondissement de' };

/** Paris, Lyon, Marseille: listed by arrondissement only. */
const CITIES_BY_ARRONDISSEMENT = new Set(['75056', '69123', '13055']);

let entries: Entry[] | undefined;
function index(): Entry[] {
  if (entries) return entries;
  const require = createRequire(import.meta.url);
  type Commune = { code: string; nom: string; type: string; departement?: string; chefLieu?: string; commune?: string; population?: number };
  const communes = require('@etalab/decoupage-administratif/data/communes.json') as Commune[];
  const departements = new Map((require('@etalab/decoupage-administratif/data/departements.json') as { code: string; nom: string }[]).map((d) => [d.code, d.nom]));
  const current = new Map(communes.filter((c) => c.type === 'commune-actuelle').map((c) => [c.code, c.nom]));
  const list: Entry[] = [];
  for (const c of communes) {
    const dep = c.departement ? `${departements.get(c.departement) ?? ''} (${c.departement})` : '';
    const parentCode = c.chefLieu ?? c.commune;
    const parent = parentCode ? current.get(parentCode) : undefined;
    const of = c.type !== 'commune-actuelle' && KIND_FR[c.type] ? `${KIND_FR[c.type]} ${parent ?? ''}`.trim() : '';
    // A delegated commune that bears the name and code of its new commune adds nothing: the current one is listed.
    if (c.type !== 'commune-actuelle' && parent === c.nom && parentCode === c.code) continue;
    // Births in Paris, Lyon and Marseille are registered in an arrondissement, whose code is the birth place.
    if (CITIES_BY_ARRONDISSEMENT.has(c.code) && c.type === 'commune-actuelle') continue;
    const rank = c.type === 'arrondissement-municipal' ? -1e9 + Number(c.code) : (c.type === 'commune-actuelle' ? 0 : 1e9) - (c.population ?? 0);
    list.push({ code: c.code, label: c.nom, kind: 'commune', detail: [of, dep].filter(Boolean).join(', '), key: placeKey(c.nom), rank });
  }
  for (const [code, name] of Object.entries(COUNTRIES)) list.push({ code, label: name, kind: 'country', detail: 'pays (naissance à l’étranger)', key: placeKey(name), rank: -1 });
  entries = list;
  return list;
}

/** Up to `limit` places whose name starts with the words typed (or any word of it does), best first; a code typed is looked up. */
export function searchBirthPlaces(query: string, limit = 10): BirthPlaceOption[] {
  const q = placeKey(query);
  if (q.length < 2) return [];
  const all = index();
  const byCode = /^(?:[0-9]{2}|2a|2b)[0-9]{3}$/.test(q) ? all.filter((e) => e.code.toLowerCase() === q) : [];
  const scored: { e: Entry; score: number }[] = [];
  for (const e of all) {
    const score = e.key === q ? 0 : e.key.startsWith(q) ? 1 : e.key.includes(` ${q}`) ? 2 : -1;
    if (score >= 0) scored.push({ e, score });
  }
  scored.sort((a, b) => a.score - b.score || a.e.rank - b.e.rank || a.e.label.localeCompare(b.e.label, 'fr'));
  const seen = new Set<string>();
  const out: BirthPlaceOption[] = [];
  for (const e of [...byCode, ...scored.map((s) => s.e)]) {
    const id = `${e.code}|${e.label}`;
    if (seen.has(id)) continue;
    seen.add(id);
    out.push({ code: e.code, label: e.label, kind: e.kind, detail: e.detail });
    if (out.length === limit) break;
  }
  return out;
}
