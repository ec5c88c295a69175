# usage: python3 tmp-i18n.py file.json dotted.key 'value' [...]
import json,sys,collections
def setk(path, key, value):
    d=json.load(open(path), object_pairs_hook=collections.OrderedDict)
    cur=d
    parts=key.split('.')
    for k in parts[:-1]:
        cur=cur.setdefault(k, collections.OrderedDict())
    cur[parts[-1]]=value
    s=json.dumps(d, ensure_ascii=False, indent=2)+'\n'
    open(path,'w').write(s)
args=sys.argv[1:]
path=args[0]
for i in range(1,len(args),2): setk(path,args[i],args[i+1])
