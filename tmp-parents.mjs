import fs from 'node:fs';
const p = JSON.parse(fs.readFileSync(process.argv[2], 'utf8'));
const target = process.argv[3];
const parent = new Map(); for (const n of p.nodes) for (const c of n.children || []) parent.set(c, n.id);
const byId = new Map(p.nodes.map(n => [n.id, n]));
const counts = new Map(); p.samples.forEach((s, i) => counts.set(s, (counts.get(s) || 0) + (p.timeDeltas[i] || 0)));
const agg = new Map();
for (const [id, t] of counts) { const n = byId.get(id); if (n.callFrame.functionName !== target) continue;
  let chain = []; let cur = parent.get(id); while (cur && chain.length < 5) { chain.push(byId.get(cur).callFrame.functionName); cur = parent.get(cur); }
  const k = chain.join(' < '); agg.set(k, (agg.get(k) || 0) + t); }
[...agg].sort((a, b) => b[1] - a[1]).slice(0, 8).forEach(([k, t]) => console.log((t/1000).toFixed(0), k));
