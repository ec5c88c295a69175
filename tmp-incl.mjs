import fs from 'node:fs';
const p = JSON.parse(fs.readFileSync(process.argv[2], 'utf8'));
const names = process.argv.slice(3);
const parent = new Map(); for (const n of p.nodes) for (const c of n.children || []) parent.set(c, n.id);
const byId = new Map(p.nodes.map(n => [n.id, n]));
const counts = new Map(); p.samples.forEach((s, i) => counts.set(s, (counts.get(s) || 0) + (p.timeDeltas[i] || 0)));
const incl = new Map();
for (const [id, t] of counts) { const seen = new Set(); let cur = id; while (cur) { const f = byId.get(cur).callFrame.functionName; if (!seen.has(f)) { seen.add(f); incl.set(f, (incl.get(f) || 0) + t); } cur = parent.get(cur); } }
for (const n of names) console.log(n, ((incl.get(n) || 0) / 1000).toFixed(0));
