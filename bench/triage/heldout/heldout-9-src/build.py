import json, collections
IM={'bk':'book','rs':'reschedule','ca':'cancel','rx':'prescription_renewal','tr':'test_results','mq':'medical_question','dr':'document_request','bi':'billing','pi':'practical_info','pr':'professional','ot':'other'}
UM={'v':'vital','s':'same_day','r':'routine'}
CM={'p':'phone','s':'sms','e':'email','w':'web'}
# intent corrections (rules 12, 13, 18, 19) keyed by a text fragment
FIX={'Sage-femme libérale':'pr','glycémie 0,38':'pr','EHPAD Les Tilleuls, infirmière':'pr','St Anne':'pr','Homecare Plus':'pr','Collège Jean Moulin':'pr','Pharmacie du Marché':'pr','Infirmière libérale chez Mme Aubry':'pr','Ambulances Marin':'pr',
 'Ce matin pendant 10 minutes':'bk','Mme Pasquier':'bk','Le papa de Lina':'bk','M. Lopes appelle':'bk','Mme Adam a appelé':'bk','Le mari de Mme Nguyen':'bk','Mme Benali':'bk','M. Picard a appelé':'bk','La maman de Théo':'bk','Mme Diallo':'bk','roommate has had a fever':'bk',
 'Mlle Roussel':'rs','Mme Chevalier':'rs','M. Roy a appelé':'rs',
 'grosse douleur dans la poitrine qui serre':'mq','annulez tous mes rdv':'mq','supprimer mon dossier':'mq','no need to renew my prescription':'mq','Jean Walsh':'mq','Maple Lodge':'pr','District nurse here':'pr','this is Graham writing for my wife':'mq'}
SENDERFIX={'chute d\'echelle':'son'}
rows=[]
for f in ['v','s','r','x']:
    for line in open(f'src_txt/{f}.txt',encoding='utf-8'):
        line=line.rstrip('\n')
        if not line.strip(): continue
        i,u,l,c,s,cat,t=line.split('|',6)
        for k,v in FIX.items():
            if k in t: i=v
        for k,v in SENDERFIX.items():
            if k in t: s=v
        rows.append(dict(text=t,intent=IM[i],urgency=UM[u],lang=l,channel=CM[c],sender=s,category=cat))
# interleave deterministically so vital messages are not grouped
import random
random.Random(9).shuffle(rows)
with open('heldout-9.jsonl','w',encoding='utf-8') as o:
    for n,r in enumerate(rows,1):
        d={'id':f'h9-{n:03d}'}; d.update(r)
        o.write(json.dumps(d,ensure_ascii=False)+'\n')
