#!/usr/bin/env python3
"""Classifies every error of pages.jsonl by comparing it with its correction (written after the pages, for the README).
Kinds are tested in this order; the first that fits is kept. Output: errors_by_kind.tsv and counts on stdout."""
import json, re, unicodedata, collections, os
D = os.path.dirname(os.path.abspath(__file__))
def noacc(s): return ''.join(c for c in unicodedata.normalize('NFD', s) if unicodedata.category(c) != 'Mn')
def undouble(s): return re.sub(r'(.)\1+', r'\1', s)
def phon(s):
    """A rough French sound key: spellings that sound alike get the same key."""
    s = noacc(s.lower()).replace('-', '')
    s = re.sub(r'x$', '', s)
    for a, b in [('ph', 'f'), ('th', 't'), ('ch', 'k'), ('h', ''), ('eau', 'o'), ('au', 'o'), ('qu', 'k'), ('ck', 'k'),
                 ('x', 'ks'), ('cs', 'ks'), ('y', 'i'), ('ç', 's')]:
        s = s.replace(a, b)
    s = re.sub(r'gu([eia])', r'g\1', s)
    s = re.sub(r'c([ei])', r's\1', s)
    s = re.sub(r'g([ei])', r'j\1', s)
    s = s.replace('c', 'k').replace('z', 's')
    for a, b in [('euil', 'eil'), ('ai', 'e'), ('en', 'an'), ('tion', 'sion'), ('mpt', 'nt'), ('im', 'in')]:
        s = s.replace(a, b)
    s = undouble(s)
    for _ in range(2):
        s = re.sub(r'[edtsx]$', '', s)
    return s
def kind(w, c, cat):
    if w.count('-') != c.count('-') and undouble(w.replace('-', '')) == undouble(c.replace('-', '')): return 'split or joined word (hyphen)'
    if noacc(w) == noacc(c): return 'accent missing, added or wrong'
    if undouble(w) == undouble(c): return 'consonant wrongly doubled or single'
    if cat == 'abbreviation':
        if len(w) == len(c) and sum(a != b for a, b in zip(w, c)) == 1: return 'abbreviation letter misheard'
        return 'abbreviation letter added or swapped'
    if len(w) == len(c) and sorted(w) == sorted(c): return 'transposition (hand slip)'
    if phon(w) == phon(c):
        if w.lower().rstrip('e') == c.lower().rstrip('e') or w.lower()[:-1] == c.lower(): return 'final letter added (name by ear)'
        return 'homophone respelling'
    return 'other hand slip (dropped, added or wrong letter)'
rows, cnt = [], collections.Counter()
for line in open(os.path.join(D, 'pages.jsonl'), encoding='utf8'):
    p = json.loads(line)
    for e in p['errors']:
        k = kind(e['word'], e['correct'], e['category']); cnt[k] += 1
        rows.append(f"{p['id']}\t{e['category']}\t{e['correct']}\t{e['word']}\t{k}")
open(os.path.join(D, 'errors_by_kind.tsv'), 'w', encoding='utf8').write('page\tcategory\tcorrect\twrong\tkind\n' + '\n'.join(rows) + '\n')
for k, n in cnt.most_common(): print(n, k)
