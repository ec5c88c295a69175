#!/usr/bin/env python3
"""Validate heldout-10.jsonl and print counts. Usage: python3 check_heldout10.py [file]"""
import json, sys, collections
path = sys.argv[1] if len(sys.argv) > 1 else "heldout-10.jsonl"
INTENTS = ["book","reschedule","cancel","prescription_renewal","test_results","medical_question",
           "document_request","billing","practical_info","professional","other"]
URG = ["vital","same_day","routine"]
LANGS = {"fr","en"}; CHANNELS = {"sms","phone","email","web"}
PRACTICES = {"rural_gp","paediatrics","gyn_obs","dentist","ophthalmology","cardiology","imaging","physio_sport","city_msp"}
FIELDS = ["id","text","intent","urgency","lang","channel","sender","category","practice"]
errors = []; rows = []
with open(path, encoding="utf-8") as f:
    for n, line in enumerate(f, 1):
        try:
            r = json.loads(line)
        except Exception as e:
            errors.append(f"line {n}: bad JSON ({e})"); continue
        if not isinstance(r, dict): errors.append(f"line {n}: not an object"); continue
        for k in FIELDS:
            if k not in r or not isinstance(r[k], str) or not r[k].strip():
                errors.append(f"line {n}: missing/empty field {k}")
        extra = set(r) - set(FIELDS)
        if extra: errors.append(f"line {n}: unexpected fields {sorted(extra)}")
        if r.get("intent") not in INTENTS: errors.append(f"line {n}: bad intent {r.get('intent')}")
        if r.get("urgency") not in URG: errors.append(f"line {n}: bad urgency {r.get('urgency')}")
        if r.get("lang") not in LANGS: errors.append(f"line {n}: bad lang {r.get('lang')}")
        if r.get("channel") not in CHANNELS: errors.append(f"line {n}: bad channel {r.get('channel')}")
        if r.get("practice") not in PRACTICES: errors.append(f"line {n}: bad practice {r.get('practice')}")
        if r.get("intent") in ("cancel","document_request","billing","practical_info","other") and r.get("urgency") != "routine":
            errors.append(f"line {n}: {r['intent']} must be routine (rule 13)")
        rows.append(r)
ids = collections.Counter(r.get("id") for r in rows)
texts = collections.Counter(r.get("text","").strip().lower() for r in rows)
errors += [f"duplicate id {k}" for k, v in ids.items() if v > 1]
errors += [f"duplicate text {k[:60]!r}" for k, v in texts.items() if v > 1]
for i, r in enumerate(rows, 1):
    if r.get("id") != f"h10-{i:03d}": errors.append(f"line {i}: id {r.get('id')} out of sequence")

N = len(rows)
print(f"{path}: {N} messages")
print("\nintent x urgency")
print(f"{'intent':22s}{'vital':>7s}{'same_day':>10s}{'routine':>9s}{'total':>7s}")
for it in INTENTS:
    c = collections.Counter(r["urgency"] for r in rows if r["intent"] == it)
    print(f"{it:22s}{c['vital']:7d}{c['same_day']:10d}{c['routine']:9d}{sum(c.values()):7d}")
cu = collections.Counter(r["urgency"] for r in rows)
print(f"{'total':22s}{cu['vital']:7d}{cu['same_day']:10d}{cu['routine']:9d}{N:7d}")
print(f"vital share {100*cu['vital']/N:.1f} %")
for field in ("lang","channel","practice"):
    c = collections.Counter(r[field] for r in rows)
    print(f"\n{field}: " + ", ".join(f"{k} {v} ({100*v/N:.0f} %)" for k, v in c.most_common()))
print("\nlang x urgency: " + ", ".join(f"{l}/{u} {sum(1 for r in rows if r['lang']==l and r['urgency']==u)}" for l in ("fr","en") for u in URG))
print("\nvital by practice: " + ", ".join(f"{p} {sum(1 for r in rows if r['practice']==p and r['urgency']=='vital')}" for p in sorted(PRACTICES)))
vc = collections.Counter(r["category"] for r in rows if r["urgency"] == "vital")
print("\nvital categories: " + ", ".join(f"{k} {v}" for k, v in sorted(vc.items())))
low = [it for it in INTENTS if sum(1 for r in rows if r["intent"] == it) < 12]
if low: errors.append(f"intents with fewer than 12 messages: {low}")
if errors:
    print("\nERRORS:"); [print(" ", e) for e in errors]; sys.exit(1)
print("\nOK: all lines valid")
