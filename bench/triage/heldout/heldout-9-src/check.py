import json,collections,sys
A={'intent':{'book','reschedule','cancel','prescription_renewal','test_results','medical_question','document_request','billing','practical_info','professional','other'},'urgency':{'vital','same_day','routine'},'lang':{'fr','en'},'channel':{'sms','email','web','phone'}}
rows=[json.loads(l) for l in open('heldout-9.jsonl',encoding='utf-8')]
ids=set()
for r in rows:
    for k in ['id','text','intent','urgency','lang','channel','sender','category']:
        assert k in r and isinstance(r[k],str) and r[k], (r,k)
    for k,v in A.items(): assert r[k] in v,(r['id'],k,r[k])
    assert r['id'] not in ids; ids.add(r['id'])
texts=[r['text'] for r in rows]; assert len(set(texts))==len(texts)
N=len(rows); print('total',N)
C=collections.Counter
for k in ['urgency','intent','lang','channel']:
    print(k, dict(C(r[k] for r in rows).most_common()))
print('intent x urgency'); 
for i,c in sorted(C((r['intent'],r['urgency']) for r in rows).items()): print(' ',i,c)
print('vital categories', dict(sorted(C(r['category'] for r in rows if r['urgency']=='vital').items())))
print('vital lang', dict(C(r['lang'] for r in rows if r['urgency']=='vital')))
wc=[len(t.split()) for t in texts]; print('words min/max/mean',min(wc),max(wc),sum(wc)/N)
