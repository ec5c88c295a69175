import re, os
def rel(p, target='src/web/ui/format'):
    r=os.path.relpath(target, os.path.dirname(p))
    return r if r.startswith('.') else './'+r
def imports(s, mod):
    return re.search(r"import \{([^}]*)\} from '"+re.escape(mod)+"';", s)
def drop(p, names, mod):
    s=open(p).read(); m=imports(s, mod)
    if not m: return
    keep=[n.strip() for n in m.group(1).split(',') if n.strip() and n.strip() not in names]
    new=("import { "+", ".join(keep)+" } from '"+mod+"';") if keep else ''
    s=s[:m.start()]+new+s[m.end():]
    if not keep: s=s.replace('\n\n\n','\n\n')
    s=re.sub(r"^\n(?=import)", "", s, flags=re.M) if False else s
    open(p,'w').write(s)
def use(p, names, mod=None):
    mod=mod or rel(p)
    s=open(p).read(); m=imports(s, mod)
    if m:
        have=[n.strip() for n in m.group(1).split(',') if n.strip()]
        for n in names:
            if n not in have: have.append(n)
        s=s[:m.start()]+"import { "+", ".join(have)+" } from '"+mod+"';"+s[m.end():]
    else:
        lines=s.split('\n'); idx=max(i for i,l in enumerate(lines) if l.startswith('import ') or l.startswith("} from '"))
        lines.insert(idx+1,"import { "+", ".join(names)+" } from '"+mod+"';"); s='\n'.join(lines)
    open(p,'w').write(s)
def sub(p, a, b, count=0):
    s=open(p).read()
    if a not in s: raise SystemExit(p+': missing '+a[:70])
    s=s.replace(a,b) if not count else s.replace(a,b,count)
    open(p,'w').write(s)
