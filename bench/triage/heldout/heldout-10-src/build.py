"""Build heldout-10.jsonl from the nine practice source lists (fixed shuffle seed 10)."""
import json, random, importlib, sys, os
sys.path.insert(0, os.path.dirname(__file__))
MODS = ["p1_rural","p2_paed","p3_gyn","p4_dent","p5_ophth","p6_cardio","p7_imaging","p8_physio","p9_city"]
rows = []
for m in MODS:
    mod = importlib.import_module(m)
    for (lang, ch, sender, intent, urg, cat, text) in mod.P:
        rows.append(dict(text=text, intent=intent, urgency=urg, lang=lang, channel=ch,
                         sender=sender, category=cat, practice=mod.PRACTICE))
extra = importlib.import_module("p_extra")
for (pr, lang, ch, sender, intent, urg, cat, text) in extra.X:
    rows.append(dict(text=text, intent=intent, urgency=urg, lang=lang, channel=ch,
                     sender=sender, category=cat, practice=pr))
random.Random(10).shuffle(rows)
out = os.path.join(os.path.dirname(__file__), "..", "heldout-10.jsonl")
with open(out, "w", encoding="utf-8") as f:
    for i, r in enumerate(rows, 1):
        r = {"id": f"h10-{i:03d}", **r}
        f.write(json.dumps(r, ensure_ascii=False) + "\n")
print(len(rows), "rows written")
