#!/usr/bin/env python3
import json, sys, collections
p = sys.argv[1] if len(sys.argv) > 1 else "heldout-11.jsonl"
I={"book","reschedule","cancel","prescription_renewal","test_results","medical_question","document_request","billing","practical_info","professional","other"}
U={"vital","same_day","routine"}; L={"fr","en"}; C={"phone","sms","email","web"}
ENV={"sms_reply","web_form","email","voicemail_stt","secretary_note","chat_turn","pro_system"}
F=["id","text","intent","urgency","lang","channel","sender","category","envelope"]
rows=[]; err=0
for n,line in enumerate(open(p,encoding="utf-8"),1):
    try: o=json.loads(line)
    except Exception as e: print(f"line {n}: bad JSON {e}"); err+=1; continue
    for k in F:
        if k not in o or not isinstance(o[k],str) or not o[k].strip(): print(f"line {n}: missing/empty {k}"); err+=1
    if set(o)-set(F): print(f"line {n}: extra fields {set(o)-set(F)}"); err+=1
    for k,S in (("intent",I),("urgency",U),("lang",L),("channel",C),("envelope",ENV)):
        if o.get(k) not in S: print(f"line {n}: bad {k}={o.get(k)}"); err+=1
    rows.append(o)
for k in ("id","text"):
    c=collections.Counter(r.get(k) for r in rows)
    for v,m in c.items():
        if m>1: print(f"duplicate {k}: {str(v)[:60]}"); err+=1
print("messages:",len(rows))
print("\nintent x urgency:")
t=collections.Counter((r["intent"],r["urgency"]) for r in rows)
print(f"{'intent':22s} {'vital':>6s} {'same_day':>9s} {'routine':>8s} {'total':>6s}")
for i in sorted(I):
    a=[t[(i,u)] for u in ("vital","same_day","routine")]; print(f"{i:22s} {a[0]:6d} {a[1]:9d} {a[2]:8d} {sum(a):6d}")
uc=collections.Counter(r["urgency"] for r in rows)
print(f"{'total':22s} {uc['vital']:6d} {uc['same_day']:9d} {uc['routine']:8d} {len(rows):6d}")
for k in ("urgency","lang","channel","envelope","sender"):
    print(f"\n{k}:", dict(collections.Counter(r[k] for r in rows).most_common()))
print("\nvital categories:", dict(collections.Counter(r["category"] for r in rows if r["urgency"]=="vital").most_common()))
mi=min(collections.Counter(r["intent"] for r in rows).values())
if mi<12: print("intent with <12 messages"); err+=1
print("\nerrors:",err); sys.exit(1 if err else 0)
