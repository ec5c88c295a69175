// Builds pages.jsonl of held-out spell-check set 3 from src/*.txt.
// Source syntax: a page starts with "## pNN | document type"; [[word|cat]] marks a word to corrupt
// (cat: d=drug, a=anatomy, p=pathology, ab=abbreviation, m=other_medical, g=general);
// ^word marks a correctly spelled medical term. Misspellings are NOT typed by hand: they are produced
// by the error model below (seeded, quota-balanced), and every candidate is checked with
// `hunspell -d fr -G` so that only non-words are kept. An optional third field [[word|cat|wrong]]
// forces a form (used only where noted in README); none is used unless listed there.
import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
const DIR = path.dirname(fileURLToPath(import.meta.url));
const CAT = { d: 'drug', a: 'anatomy', p: 'pathology', ab: 'abbreviation', m: 'other_medical', g: 'general' };

// ---------- seeded RNG (mulberry32) ----------
function rng(seed) { return () => { seed |= 0; seed = (seed + 0x6D2B79F5) | 0; let t = Math.imul(seed ^ (seed >>> 15), 1 | seed); t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t; return ((t ^ (t >>> 14)) >>> 0) / 4294967296; }; }
const rand = rng(20261207);

// ---------- error model ----------
// AZERTY neighbours on the same row and the rows above/below (French keyboard).
const ROWS = ['azertyuiop', 'qsdfghjklm', 'wxcvbn'];
const NB = {};
for (let r = 0; r < 3; r++) for (let i = 0; i < ROWS[r].length; i++) {
  const c = ROWS[r][i], s = new Set();
  if (i > 0) s.add(ROWS[r][i - 1]); if (i < ROWS[r].length - 1) s.add(ROWS[r][i + 1]);
  for (const rr of [r - 1, r + 1]) if (ROWS[rr]) for (const j of [i - 1, i, i + 1]) if (ROWS[rr][j]) s.add(ROWS[rr][j]);
  NB[c] = [...s];
}
const isUpper = (c) => c !== c.toLowerCase() && c === c.toUpperCase();
const keepCase = (orig, repl) => (isUpper(orig) ? repl.toUpperCase() : repl);
// dictation homophones: each rule is [regex, replacement]; one occurrence is rewritten
const PHON = [
  [/ph/g, 'f'], [/th/g, 't'], [/(?<=[a-zé])y(?=[a-zé])/g, 'i'], [/qu/g, 'k'], [/ch(?=[lr]|o[lnr])/g, 'k'],
  [/tion/g, 'ssion'], [/ction/g, 'xion'], [/eau/g, 'o'], [/(?<![eé])au/g, 'o'], [/ai(?=[nrst])/g, 'è'],
  [/(?<=[a-zé])x(?=[aeiouéy])/g, 'cs'], [/am(?=[pb])/g, 'an'], [/em(?=[pb])/g, 'en'], [/an(?=[^aeiouyénh])/g, 'en'],
  [/en(?=[^aeiouyénh])/g, 'an'], [/(?<=[aeiouéèy])s(?=[aeiouéèy])/g, 'z'], [/(?<=[aeiouéèy])z(?=[aeiouéèy])/g, 's'],
  [/(?<=[aeiouéèy])ss(?=[aeiouéèy])/g, 'ç'], [/(?<=[aeiouéè])c(?=[ei])/g, 'ss'], [/(?<=[a-z])ique$/g, 'ic'],
  [/(?<=[a-z])ic$/g, 'ique'], [/(?<=[a-z])ine$/g, 'inne'],
  [/ill(?=[aeiou])/g, 'y'], [/(?<=[a-z])é$/g, 'er'], [/(?<=[a-z])ent$/g, 'ant'], [/k/g, 'c'], [/(?<=[a-z])c(?=[aou])/g, 'k'],
];
// brand names spelled by ear (capitalised drug names)
const BRAND = [
  [/^C(?=[aoulr])/g, 'K'], [/^K/g, 'C'], [/ic$/g, 'ique'], [/ix$/g, 'ixe'], [/ex$/g, 'exe'], [/y/g, 'i'], [/i(?=[a-z])/g, 'y'],
  [/ph/g, 'f'], [/x(?=[a-z])/g, 'cs'], [/o(?=[nm][^aeiou])/g, 'au'], [/é/g, 'ai'], [/el$/g, 'elle'], [/il$/g, 'ile'], [/al$/g, 'ale'],
  [/on$/g, 'onne'], [/in$/g, 'ain'], [/an$/g, 'ane'], [/ar$/g, 'are'], [/or$/g, 'ore'], [/er$/g, 'ère'], [/ol$/g, 'olle'], [/ec$/g, 'eck'],
  [/qu/g, 'k'], [/c(?=[ei])/g, 's'], [/au/g, 'o'],
];
const ACC_DROP = { 'é': 'e', 'è': 'e', 'ê': 'e', 'ë': 'e', 'à': 'a', 'â': 'a', 'ï': 'i', 'î': 'i', 'ô': 'o', 'û': 'u', 'ù': 'u', 'ç': 'c' };
const ACC_SWAP = { 'é': 'è', 'è': 'é', 'ê': 'è', 'e': 'é' };
function applyRules(w, rules) {
  const out = [];
  for (const [re, rep] of rules) for (const m of w.matchAll(re)) {
    let r = rep;
    if (isUpper(m[0][0])) r = rep[0].toUpperCase() + rep.slice(1);
    out.push(w.slice(0, m.index) + r + w.slice(m.index + m[0].length));
  }
  return out;
}
function candidates(w, cat) {
  const C = { phonetic: [], double: [], accent: [], azerty: [], drop: [], brand: [] };
  const abbr = cat === 'ab';
  const lw = w.toLowerCase();
  if (!abbr) {
    C.phonetic = applyRules(w, PHON);
    if (cat === 'd' && isUpper(w[0])) C.brand = applyRules(w, BRAND);
    for (const m of w.matchAll(/([bcdfglmnprst])\1/g)) C.double.push(w.slice(0, m.index) + w.slice(m.index + 1));
    for (let i = 0; i < w.length; i++) {
      const c = w[i];
      if (ACC_DROP[c]) C.accent.push(w.slice(0, i) + ACC_DROP[c] + w.slice(i + 1));
      if (ACC_SWAP[c] && c !== 'e') C.accent.push(w.slice(0, i) + ACC_SWAP[c] + w.slice(i + 1));
      // a wrong acute accent on an unaccented e before a consonant (not word-final)
      if (c === 'e' && i > 0 && i < w.length - 2 && /[bcdfglmnprstvxz]/.test(w[i + 1]) && !/[aeiouy]/.test(w[i - 1] ?? '')) C.accent.push(w.slice(0, i) + 'é' + w.slice(i + 1));
    }
  }
  // AZERTY neighbour: any letter except the first
  for (let i = 1; i < w.length; i++) {
    const c = lw[i];
    if (!NB[c]) continue;
    for (const n of NB[c]) C.azerty.push(w.slice(0, i) + keepCase(w[i], n) + w.slice(i + 1));
  }
  // dropped letter: long words (>= 8 letters) lose an inner letter; abbreviations of >= 4 letters too
  if ((!abbr && w.length >= 8) || (abbr && w.length >= 4)) for (let i = 2; i < w.length - 1; i++) {
    if (/[\p{L}]/u.test(w[i]) && w[i] !== w[i - 1]) C.drop.push(w.slice(0, i) + w.slice(i + 1));
  }
  for (const k of Object.keys(C)) C[k] = [...new Set(C[k])].filter((x) => x !== w && !/\s/.test(x) && !/-$|^-|--/.test(x));
  return C;
}
// known medical abbreviations and drug names that a one-key slip could produce (refused as errors: they are real
// words of the medical domain, not non-words)
const KNOWN = new Set(`ACE ACR ADN AEG AES AIT AINS ALAT ALD AMM ANCA ANPAA AOMI ARA ARN ASAT ASP ATB ATCD AVC AVK AVP BAV BBD BBG
BCG BDC BHC BMI BMR BNP BPCO BPO CAT CCMH CHU CIVD CMI CMU CMV CPAM CPK CPRE CRP CRH CRM CVF DAI DFG DHEA DMA DMLA DMO DNID
DPI DSA EBV ECBU ECG EEG EFR EGD EMG EPO EPP ESA ESV FAN FAV FCS FDR FEVG FIV FOGD GGT GHB HAD HAS HBP HCG HCV HDL HDM HGPO
HIV HLA HPV HSV HTA IAH IDE IDM IEC IGF IMC INR IPC IPM IPP IPS IRA IRC IRM ISRS IST IVA IVD IVG IVL LCR LDH LDL LED MAPA MCE
MDPH MMS MMSE MTX NFS NGC NTA OAP OMA OMI ORL PAPS PAS PCR PCT PMA PMI PMSI PNN PPC PPS PSA PTH PTI PTU PZA RAA RAI RCP RFP RGO
SAMU SAS SCA SDRA SEP SFA SGA SLA SMUR SNC SNG SPA TCA TDM TEP TGO TGP TIH TNM TSH TVP UFC USI VEMS VGM VHA VHB VHC VIH VLM
VRS VS VVP ESG EGS CGP NFX PDA PCA TCA PPV NTS SDA VPP PFO PEP TSA HDJ RSV PMO IOP NCS RVP PPX SCZ NGS IPL CRO PAA ILC PLC CRL TCH Plavil Tahot Xanac Doliprame Lasilis Zolof`.split(/\s+/).filter(Boolean));
const BANNED = new Set(['coudee', 'Marl', 'marl', 'orthostatic', 'toxic', 'engine']);
// target share of each operator (the error model)
const SHARE = { phonetic: 0.25, double: 0.15, accent: 0.2, azerty: 0.15, drop: 0.15, brand: 0.1 };

// hand-reviewed medical vocabulary: words hunspell did not know (review_unknown.txt, names of people and places removed)
// plus common medical words that hunspell knows; added to medicalTerms where they occur as whole tokens outside errors
const MEDLIST = `5-FU ACFA AINS AIT ALD AREDS AVK Aclasta Advil Aldactone Amlor Antibioprophylaxie B12 BAPU BDAE BRAF Brilique CAT CHA2DS2-VASc CKD-EPI CMP CRP CVF Capsulorhexis Cholangiographie Comtan Cosopt DAS28-CRP DFG DII DIII DLCO DLQI Dafalgan ECBU ECG EFR ETT EU-TIRADS Eliquis Emend Exsufflation FABQ FC FEVG FOLFOX FibroScan Fludex GLP-1 GOLD HAS-BLED HPV HbA1c IMC INR IPP IPSS ISRS IVA Imodium Inexium Innohep KRAS Kardégic Kayexalate Ki67 LDL Leeloo Levemir MMSE MSS Metoject Modopar Movicol NFS NSTEMI NT-proBNP Natispray Nevanac Norset Omix Optimizette PAPS PASI PCT PI-RADS PPC Phacoémulsification Prevenar Profénid QRS QTc Quantiferon R0 Requip SAOS ST Singulair Solupred SpO2 Spasfon Stagid T3 T4 TRAK TSH Tiorfan Toujeo Triatec Troponine UFC UPDRS VEMS VGM VHB VHC VRS Veltassa Ventoline Zarzio Zocor aVF adalimumab aflibercept akinéto-rigide alfuzosine almotriptan alprazolam altéplase amitriptyline amlodipine amoxicilline anastrozole anopérinéale anti-CGRP anti-IL17 anti-IL23 anti-TNF anti-infliximab anti-transglutaminase anticoagulation apnées-hypopnées aprépitant atorvastatine atriale azathioprine biomédicament biosimilaire bisoprolol bucco-faciale budésonide bétaméthasone bêta-HCG calcipotriol calprotectine candésartan carboxymaltose cardioversion ceftriaxone centrolobulaire cervico-utérin ciprofloxacine clavulanique clobétasol clopidogrel corticonucléaire céfazoline céfuroxime dapagliflozine dermocorticoïde diénogest dompéridone dorzolamide-timolol drusen dutastéride débitmétrie dérouillage désogestrel détémir empagliflozine endobrachyœsophage entacapone entéro-IRM escitalopram exacerbatrice exsudative exémestane fluindione fluticasone flécaïnide folinique fondaparinux glargine gliclazide gliflozine hydroxyzine hépato-gastro-entérologie iléocolique indapamide infliximab intracamérulaire intravitréennes irbésartan ischio-jambiers isoéchogène kinésiophobie latanoprost lieberkühnien lispro lopéramide létrozole lévodopa lévodopa-bensérazide lévothyroxine mMRC mUI macrogol metformine miconazole microalbuminurie mirtazapine monofilament montélukast mucosectomie multiparamétrique métacarpophalangiennes métamorphopsies méthotrexate néfopam néovaisseaux népafénac néphroprotectrice oméprazole ondansétron orotrachéale oxaliplatine pN0 pN1b pT1c pT3 patiromer peropératoire phacoémulsification phloroglucinol phonophobie pluriprofessionnelle prednisolone prednisone prick-tests préthérapeutique pyélocalicielles périndopril qSOFA quadrithérapie racécadotril ramipril rasagiline rivaroxaban ropinirole rosuvastatine sacubitril-valsartan salbutamol sigmoïdiens simvastatine sitagliptine stent stentée sumatriptan sémaglutide tamsulosine thiamazole thoraco-abdomino-pelvien ticagrélor timolol tinzaparine tobramycine trinitrine triptans tubulo-villeux ustékinumab valsartan venlafaxine villositaire warfarine zolpidem zolédronique zopiclone énoxaparine érythémato-squameuses ésoméprazole Open-cœlioscopie anémie ferriprive ferritine créatinine hémoglobine kaliémie natrémie glycémie plaquettes leucocytes hématurie protéinurie insuffisance cardiaque rénale hypertension tachycardie bradykinésie rigidité échographie coloscopie fibroscopie biopsies scanner radiographie mammographie scintigraphie diabète hypoglycémie hypoglycémies hyperglycémie dyspnée orthopnée toux fièvre frissons nausées vomissements diarrhée constipation pyrosis rectorragie dysurie pollakiurie hématome fracture arthralgie arthralgies céphalées migraine épilepsie asthme eczéma psoriasis rhinite otite tympan tympans poumon pulmonaire thoracique abdomen abdominale rachis lombaire lombalgie genou hanche bassin thyroïde thyroïdien nodule adénopathie adénome polype polypes diverticules œsophage duodénum estomac foie vésicule pancréas côlon rectum rein reins prostate vessie utérus col annexes sein seins ovaire placenta grossesse ménopause contraception antibiotique antibiothérapie anticoagulant anticoagulants corticoïde corticothérapie antalgiques antidépresseur neuroleptiques benzodiazépines insuline insulinothérapie vaccination vaccins angioplastie coronarographie infarctus ischémique hypertendu fibrillation embolie thrombose cataracte glaucome rétinopathie macula papille rétine cornée iris pupille œdème œdèmes épanchement syncope vertiges hypotension orthostatique hyponatrémie acidose dialyse néphropathie gastrite hernie ulcère dysplasie carcinome adénocarcinome métastase métastases chimiothérapie radiothérapie hormonothérapie neutropénie neuropathie asthénie mucite anesthésie intubation pneumopéritoine trocarts hémostase cholécystectomie cœlioscopie kinésithérapie rééducation orthophonie aphasie apraxie dysarthrie déglutition`.split(/\s+/);
// ---------- parse sources ----------
const srcFiles = fs.readdirSync(path.join(DIR, 'src')).filter((f) => f.endsWith('.txt')).sort();
const pages = [];
for (const f of srcFiles) {
  const raw = fs.readFileSync(path.join(DIR, 'src', f), 'utf8');
  for (const block of raw.split(/^## /m).slice(1)) {
    const nl = block.indexOf('\n');
    const [id, type] = block.slice(0, nl).split('|').map((s) => s.trim());
    const body = block.slice(nl + 1).trim().replace(/[ \t]+\n/g, '\n');
    pages.push({ id, type, body });
  }
}
// collect all candidates and test them with hunspell in one batch
const targets = [];
for (const p of pages) for (const m of p.body.matchAll(/\[\[([^|\]]+)\|([a-z]+)(?:\|([^\]]+))?\]\]/g)) targets.push({ page: p.id, word: m[1], cat: m[2], forced: m[3] });
const all = new Set();
for (const t of targets) { t.cands = candidates(t.word, t.cat); for (const l of Object.values(t.cands)) l.forEach((x) => all.add(x)); }
const hs = spawnSync('hunspell', ['-d', 'fr', '-G'], { input: [...all].join('\n') + '\n', encoding: 'utf8', maxBuffer: 1 << 28 });
if (hs.error) throw new Error('hunspell is required to build');
// a candidate is refused if French hunspell accepts it, if English hunspell accepts it (medical texts mix in
// English terms), if it is a known medical abbreviation or drug name (KNOWN below), or if it is in BANNED
// (forms that are a real word once accents are restored, found by hand review).
const hsEn = spawnSync('hunspell', ['-d', 'en_US', '-G'], { input: [...all].join('\n') + '\n', encoding: 'utf8', maxBuffer: 1 << 28 });
const accepted = new Set([...hs.stdout.split('\n'), ...hsEn.stdout.split('\n')].filter(Boolean));
for (const k of KNOWN) accepted.add(k);
for (const k of BANNED) accepted.add(k);
const used = Object.fromEntries(Object.keys(SHARE).map((k) => [k, 0]));
let nAssigned = 0;
const rejectedLog = [];
for (const t of targets) {
  if (t.forced) { t.wrong = t.forced; t.op = 'forced'; continue; }
  const ops = Object.keys(t.cands).filter((k) => t.cands[k].some((x) => !accepted.has(x)));
  for (const k of Object.keys(t.cands)) t.cands[k].filter((x) => accepted.has(x)).forEach((x) => rejectedLog.push(`${t.word}\t${k}\t${x}`));
  if (!ops.length) throw new Error(`no non-word candidate for ${t.word}`);
  // quota balancing: operator furthest below its target share, ties broken at random
  const deficit = (k) => SHARE[k] * (nAssigned + 1) - used[k] + rand() * 0.5;
  ops.sort((a, b) => deficit(b) - deficit(a));
  const op = ops[0];
  const pool = t.cands[op].filter((x) => !accepted.has(x));
  t.wrong = pool[Math.floor(rand() * pool.length)];
  t.op = op; used[op]++; nAssigned++;
}
// ---------- render pages ----------
let ti = 0;
const out = [];
const opsLog = [];
const pageInfo = [];
for (const p of pages) {
  let text = '', errors = [], terms = [];
  const re = /\[\[([^|\]]+)\|([a-z]+)(?:\|([^\]]+))?\]\]|\^([\p{L}\p{N}][\p{L}\p{N}'’./+-]*[\p{L}\p{N}]|[\p{L}\p{N}])/gu;
  let last = 0;
  for (const m of p.body.matchAll(re)) {
    text += p.body.slice(last, m.index);
    if (m[1]) {
      const t = targets[ti++];
      if (t.word !== m[1]) throw new Error('target order');
      errors.push({ start: text.length, end: text.length + t.wrong.length, word: t.wrong, correct: t.word, category: CAT[t.cat] });
      opsLog.push(`${p.id}\t${t.op}\t${CAT[t.cat]}\t${t.word}\t${t.wrong}`);
      text += t.wrong;
    } else { terms.push(m[4]); text += m[4]; }
    last = m.index + m[0].length;
  }
  text += p.body.slice(last);
  if (/\[\[|\]\]|\^/.test(text)) throw new Error(`${p.id}: leftover mark`);
  for (const m of MEDLIST) if (!terms.includes(m) && new RegExp(`(?<![\\p{L}\\p{N}])${m.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![\\p{L}\\p{N}])`, 'u').test(text)) terms.push(m);
  const errWords = new Set(errors.map((e) => e.word));
  const seen = new Set(), medicalTerms = [];
  for (const t of terms) {
    if (seen.has(t) || errWords.has(t)) continue;
    seen.add(t);
    const k = text.indexOf(t), b = text[k - 1] ?? ' ', a = text[k + t.length] ?? ' ';
    if (/[\p{L}\p{N}]/u.test(b) || /[\p{L}\p{N}]/u.test(a)) continue;
    if (errors.some((e) => k < e.end && k + t.length > e.start)) continue;
    medicalTerms.push(t);
  }
  out.push(JSON.stringify({ id: p.id, text, errors, medicalTerms }));
  pageInfo.push(`${p.id}\t${p.type}\t${text.split(/\s+/).filter(Boolean).length} words\t${errors.length} errors\t${medicalTerms.length} terms`);
}
fs.writeFileSync(path.join(DIR, 'pages.jsonl'), out.join('\n') + '\n');
fs.writeFileSync(path.join(DIR, 'errors_by_operator.tsv'), 'page\toperator\tcategory\tcorrect\twrong\n' + opsLog.join('\n') + '\n');
fs.writeFileSync(path.join(DIR, 'hunspell_rejected_candidates.tsv'), 'correct\toperator\tcandidate accepted by hunspell (never used)\n' + rejectedLog.join('\n') + '\n');
console.log(pageInfo.join('\n'));
console.log('operators:', JSON.stringify(used), 'forced:', targets.filter((t) => t.forced).length);
