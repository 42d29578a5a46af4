#!/usr/bin/env python3
"""Per-item view of a graph against a gold annotation, for developers tuning extraction.

Usage: tools/score-detail.py GRAPH.ttl GOLD.json ARTICLE.txt [events|claims|relations]

Reads the graph the same way ../shared/tools/evaluate.py does (it imports it) and prints, for each
gold event or claim, the node it was matched to and why it is or is not strict.
"""
import json, os, sys
here = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(here, '..', '..', 'shared', 'tools'))
import evaluate as ev  # noqa: E402
from nt import load_turtle  # noqa: E402

def main(ttl, gold_path, art, what='claims'):
    gold = json.load(open(gold_path, encoding='utf-8'))
    text = open(art, encoding='utf-8', newline='').read()
    g = ev.Graph(load_turtle(ttl))
    ctx = {s: o[1] for s in g.out for o in g.objs(s, {ev.NIF + 'isString'}) if o[0] == 'lit'}
    ctext = next(iter(ctx.values()))
    alias = {}
    for a in gold['actors']:
        for f in [a['name']] + a.get('aliases', []):
            alias.setdefault(ev.norm(f), a['name'])
    def who(n):
        for l in g.labels(n):
            if ev.norm(l) in alias:
                return alias[ev.norm(l)]
        ls = sorted(g.labels(n))
        return ('~' + ls[0]) if ls else ev.local(n[1])
    key = {'claims': ev.schema('Claim'), 'events': {ev.SEM + 'Event'}}[what]
    nodes = g.nodes_typed(key)
    used = set()
    for item in gold[what]:
        best = None
        for n in nodes:
            for b, e, c in g.spans(n):
                loc = ev.locate(ctext, item['evidence'])
                if loc:
                    ov = min(e, loc[1]) - max(b, loc[0])
                    if ov > 0 and (best is None or ov > best[0]):
                        best = (ov, n)
        if what == 'claims':
            if best:
                n = best[1]
                src = [who(a) for a in g.objs(n, ev.AUTHOR_PREDS)]
                mods = [ev.local(o[1]) for p, o in g.out.get(n, []) if 'modality' in ev.local(p).lower()]
                print('%-9s %-12s | got %-24s %-10s | %s' % (item['source'][:9], item['modality'], (src[0] if src else '-')[:24], mods[0] if mods else '-', item['evidence'][:70]))
            else:
                print('%-9s %-12s | MISSED %s' % (item['source'][:9], item['modality'], item['evidence'][:80]))
        else:
            if best:
                n = best[1]
                got = sorted({who(o) for o in g.objs(n, {ev.SEM + 'hasActor'})})
                ok = (not item['participants']) or bool(set(got) & set(item['participants']))
                print('%s %-14s got %s want %s | %s' % ('OK ' if ok else 'BAD', item['type'], got, item['participants'], item['evidence'][:60]))
            else:
                print('MISS %-14s %s' % (item['type'], item['evidence'][:80]))

if __name__ == '__main__':
    main(*sys.argv[1:5])
