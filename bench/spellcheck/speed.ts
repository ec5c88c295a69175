/**
 * Speed and memory of the spell-checker:
 *   npx tsx bench/spellcheck/speed.ts
 * - first load: getSpellChecker() in a fresh process (hunspell + dictionary forms + lexicon), median of 3;
 * - memory: RSS of that process after the load minus before it;
 * - a page checked with its suggestions: pages of ~400 words built from the development texts, each with fresh
 *   typos (seeded) so that the suggestion cache does not hide the work; median and 95th percentile; then cold
 *   pages, with the caches of words seen and suggestions emptied before each.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { getSpellChecker } from '../../src/server/spellcheck/index.js';

if (process.argv[2] === '--load-once') {
  const rss0 = process.memoryUsage().rss;
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const checker = await getSpellChecker();
  const loadMs = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  const loadCpuMs = (cpu.user + cpu.system) / 1000;
  checker.check('Une ipertension artérielle.'); // the first check warms the code paths, counted in the load
  const firstMs = performance.now() - t0;
  global.gc?.();
  console.log(JSON.stringify({ loadMs, loadCpuMs, firstMs, rssMb: (process.memoryUsage().rss - rss0) / 1e6 }));
  process.exit(0);
}

const runs = [0, 1, 2].map(() => JSON.parse(execFileSync(process.execPath, ['--expose-gc', '--import', 'tsx', new URL(import.meta.url).pathname, '--load-once'], { encoding: 'utf8' })) as { loadMs: number; loadCpuMs: number; firstMs: number; rssMb: number });
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const p95 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * 0.95))]!;

const texts = readFileSync(new URL('./dev/handwritten.jsonl', import.meta.url), 'utf8').trim().split('\n').map((l) => (JSON.parse(l) as { text: string }).text);
let seed = 7;
const rand = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
function page(): string {
  const words: string[] = [];
  while (words.length < 400) words.push(...texts[Math.floor(rand() * texts.length)]!.split(' '));
  // Six fresh typos a page: a dropped letter in a long word.
  for (let k = 0; k < 6; k++) {
    const i = Math.floor(rand() * words.length);
    const w = words[i]!;
    if (w.length > 5) {
      const j = 1 + Math.floor(rand() * (w.length - 2));
      words[i] = w.slice(0, j) + w.slice(j + 1);
    }
  }
  return words.join(' ');
}

const checker = await getSpellChecker();
const times: number[] = [];
const cpuTimes: number[] = [];
const warmup: number[] = [];
let issues = 0;
for (let n = 0; n < 65; n++) {
  const p = page();
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  const found = checker.check(p).length;
  const c = process.cpuUsage(c0);
  // The first pages of a process also compile the hot code (the JIT): reported apart.
  if (n < 5) warmup.push(performance.now() - t0);
  else {
    times.push(performance.now() - t0);
    cpuTimes.push((c.user + c.system) / 1000);
    issues += found;
  }
}
// Cold pages: the caches (words seen, suggestions made) emptied before each page, as if every word were new.
const coldTimes: number[] = [];
const coldCpu: number[] = [];
for (let n = 0; n < 30; n++) {
  const p = page();
  checker.clearCache();
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  checker.check(p);
  const c = process.cpuUsage(c0);
  coldTimes.push(performance.now() - t0);
  coldCpu.push((c.user + c.system) / 1000);
}
console.log(`load average while measuring: ${(await import('node:os')).loadavg().map((x) => x.toFixed(1)).join(' ')} on ${(await import('node:os')).cpus().length} cores (wall times stretch with it; CPU times much less)`);
console.log(`first load (fresh process, median of 3): ${median(runs.map((r) => r.loadMs)).toFixed(0)} ms wall, ${median(runs.map((r) => r.loadCpuMs)).toFixed(0)} ms CPU; with the first check: ${median(runs.map((r) => r.firstMs)).toFixed(0)} ms`);
console.log(`memory of the checker (RSS after load − before, median of 3): ${median(runs.map((r) => r.rssMb)).toFixed(0)} MB`);
console.log(`first 5 pages after the load (code still compiling): ${warmup.map((t) => t.toFixed(0)).join(', ')} ms`);
console.log(`page of ~400 words with suggestions: median ${median(times).toFixed(1)} ms, p95 ${p95(times).toFixed(1)} ms, max ${Math.max(...times).toFixed(1)} ms (60 pages, ${(issues / 60).toFixed(1)} issues a page); CPU time median ${median(cpuTimes).toFixed(1)} ms, p95 ${p95(cpuTimes).toFixed(1)} ms`);
console.log(`cold page (caches emptied before each, 30 pages): median ${median(coldTimes).toFixed(1)} ms, p95 ${p95(coldTimes).toFixed(1)} ms; CPU time median ${median(coldCpu).toFixed(1)} ms, p95 ${p95(coldCpu).toFixed(1)} ms`);
