#!/usr/bin/env python3
"""Validate roster.json and letters.jsonl."""
import json, re, collections, datetime as dt

roster = json.load(open("roster.json", encoding="utf-8"))
assert isinstance(roster, list) and len(roster) == 80, len(roster)
keys = [p["key"] for p in roster]
assert len(set(keys)) == 80
FIELDS = {"key", "birthName", "usedName", "firstNames", "birthDate", "sex", "nir", "ins"}

def key_ok(n15):
    body = n15[:13].replace("2A", "19").replace("2B", "18")
    return int(n15[13:]) == 97 - int(body) % 97

nirs = {}
for p in roster:
    assert set(p) == FIELDS, p["key"]
    d = dt.date.fromisoformat(p["birthDate"])
    assert p["sex"] in ("M", "F")
    if p["nir"] is not None:
        assert re.fullmatch(r"\d{13} \d{2}", p["nir"]), p["nir"]
        n = p["nir"].replace(" ", "")
        assert key_ok(n), p["key"]
        assert n[0] == ("1" if p["sex"] == "M" else "2"), p["key"]
        assert n[1:3] == f"{d.year % 100:02d}" and n[3:5] == f"{d.month:02d}", p["key"]
        assert n not in nirs, p["key"]
        nirs[n] = p["key"]
    if p["ins"] is not None:
        assert p["ins"] == p["nir"], p["key"]

letters = [json.loads(l) for l in open("letters.jsonl", encoding="utf-8") if l.strip()]
assert len(letters) == 60, len(letters)
assert len({l["id"] for l in letters}) == 60
LAYOUTS = {"lab", "hospital", "specialist", "radiology", "admin", "pharmacy", "other"}
null_count = 0
nir_in_letters = 0
for l in letters:
    assert set(l) == {"id", "layout", "lines", "truth"}, l["id"]
    assert l["layout"] in LAYOUTS
    assert all(isinstance(x, str) and x for x in l["lines"])
    k = l["truth"]["patientKey"]
    assert k is None or k in set(keys), l["id"]
    null_count += k is None
    # every NIR-looking 15-digit sequence in a letter must have a valid key
    text = " ".join(l["lines"])
    for m in re.finditer(r"[12](?:[ /]*\d){14}", text):
        digits = re.sub(r"\D", "", m.group())
        if len(digits) == 15:
            assert key_ok(digits), (l["id"], m.group())
            nir_in_letters += 1
            if k is None:
                assert digits not in nirs, l["id"]

print("roster", len(roster), "with NIR", len(nirs), "with INS", sum(p["ins"] is not None for p in roster))
print("letters", len(letters), "null", null_count, "NIRs in letters", nir_in_letters)
print("layouts", dict(collections.Counter(l["layout"] for l in letters)))
print("OK")
