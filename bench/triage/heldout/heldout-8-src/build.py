#!/usr/bin/env python3
"""Assemble heldout-8.jsonl from the hand-written source lists, shuffle with a fixed seed,
validate and print counts. Deterministic: re-running reproduces the same file."""
import collections, importlib, json, os, random, sys

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "..", "heldout-8.jsonl")
sys.path.insert(0, HERE)
MODULES = ["s1_vital_mq_a", "s2_vital_mq_b", "s3_vital_other_intents", "s4_mq_book_nonvital",
           "s5_resched_cancel_renew_results", "s6_doc_bill_info_pro_other", "s7_boundaries"]
INTENTS = ["book", "reschedule", "cancel", "prescription_renewal", "test_results", "medical_question",
           "document_request", "billing", "practical_info", "professional", "other"]
URG = ["vital", "same_day", "routine"]
LANGS, CHANNELS = ["fr", "en"], ["phone", "sms", "email", "web"]
ROLES = ["patient", "relative", "professional", "other"]
ADMIN_ROUTINE_ONLY = {"cancel", "document_request", "billing", "practical_info", "other"}


def load():
    rows = []
    for m in MODULES:
        mod = importlib.import_module(m)
        for r in mod.ROWS:
            assert len(r) == 9, (m, r[:7])
            intent, urg, lang, ch, sender, cat, reg, text, note = r
            rows.append(dict(src=m, intent=intent, urgency=urg, lang=lang, channel=ch, sender=sender,
                             category=cat, register=reg, text=text, note=note))
    return rows


def validate(rows):
    errs = []
    texts = set()
    for r in rows:
        if r["intent"] not in INTENTS: errs.append(("intent", r["text"][:40]))
        if r["urgency"] not in URG: errs.append(("urgency", r["text"][:40]))
        if r["lang"] not in LANGS: errs.append(("lang", r["text"][:40]))
        if r["channel"] not in CHANNELS: errs.append(("channel", r["text"][:40]))
        if r["sender"].split("/")[0] not in ROLES: errs.append(("sender", r["sender"]))
        if r["intent"] in ADMIN_ROUTINE_ONLY and r["urgency"] != "routine":
            errs.append(("admin-intent-not-routine", r["text"][:40]))
        if r["intent"] == "professional" and not r["sender"].startswith("professional"):
            errs.append(("professional-intent-nonpro-sender", r["text"][:40]))
        if r["sender"].startswith("professional") and r["intent"] != "professional":
            errs.append(("pro-sender-nonpro-intent", r["text"][:40]))
        if not r["text"].strip(): errs.append(("empty", r))
        if r["text"] in texts: errs.append(("dup-text", r["text"][:40]))
        texts.add(r["text"])
    return errs


def main():
    rows = load()
    errs = validate(rows)
    if errs:
        for e in errs: print("ERROR", e)
        sys.exit(1)
    rng = random.Random(8088)
    rng.shuffle(rows)
    out = []
    for i, r in enumerate(rows, 1):
        out.append({"id": f"h8-{i:03d}", "text": r["text"], "intent": r["intent"], "urgency": r["urgency"],
                    "lang": r["lang"], "channel": r["channel"], "sender": r["sender"], "category": r["category"]})
    ids = [o["id"] for o in out]
    assert len(ids) == len(set(ids))
    with open(OUT, "w", encoding="utf-8") as f:
        for o in out:
            f.write(json.dumps(o, ensure_ascii=False) + "\n")
    # re-read and check
    with open(os.path.join(HERE, "..", "heldout-8.notes.jsonl"), "w", encoding="utf-8") as f:
        for o, r in zip(out, rows):
            f.write(json.dumps({"id": o["id"], "register": r["register"], "source": r["src"], "note": r["note"]},
                               ensure_ascii=False) + "\n")
    back = [json.loads(l) for l in open(OUT, encoding="utf-8")]
    assert back == out
    report(rows)


def report(rows):
    C = collections.Counter
    n = len(rows)
    print("total", n)
    print("urgency", dict(C(r["urgency"] for r in rows)))
    lc = C(r["lang"] for r in rows)
    print("lang", dict(lc), "en %.1f%%" % (100 * lc["en"] / n))
    print("channel", dict(C(r["channel"] for r in rows)))
    print("sender role", dict(C(r["sender"].split("/")[0] for r in rows)))
    print("register", dict(C(r["register"] for r in rows).most_common()))
    print("\n| intent | vital | same_day | routine | total |")
    print("|---|---:|---:|---:|---:|")
    for it in INTENTS:
        c = C(r["urgency"] for r in rows if r["intent"] == it)
        print(f"| `{it}` | {c['vital']} | {c['same_day']} | {c['routine']} | {sum(c.values())} |")
    tot = C(r["urgency"] for r in rows)
    print(f"| **total** | {tot['vital']} | {tot['same_day']} | {tot['routine']} | {n} |")
    print("\nlang x urgency", {u: dict(C(r["lang"] for r in rows if r["urgency"] == u)) for u in URG})
    print("\nvital categories:")
    for k, v in sorted(C(r["category"] for r in rows if r["urgency"] == "vital").items()):
        print(f"  {k} {v}")
    twins = C(r["category"] for r in rows if r["category"].startswith("twin-") or r["category"].startswith("cancel-"))
    print("\nnear-twins / handled:", sum(twins.values()), dict(C(r["urgency"] for r in rows if r["category"].startswith("twin-") or r["category"].startswith("cancel-"))))
    small = [it for it in INTENTS if sum(1 for r in rows if r["intent"] == it) < 20]
    print("intents < 20:", small)


if __name__ == "__main__":
    main()
