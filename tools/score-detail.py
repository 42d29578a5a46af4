#!/usr/bin/env python3
"""Per-item view of a graph against a gold annotation, for developers tuning extraction.

Usage: tools/score-detail.py GRAPH.ttl GOLD.json ARTICLE.txt [events|claims|relations]

Reads the graph with tests/score.py (it imports it) and pairs the gold items with the graph's
nodes exactly as the scorer does; prints, for each gold event or claim, what its node says and
whether it is strict, or that it was missed; for relations, the actor pairs found and wanted.
"""
import json, os, sys
here = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(here, '..', 'tests'))
import score  # noqa: E402


def main(ttl, gold_path, art, what='claims'):
    with open(gold_path, encoding='utf-8') as f:
        gold = json.load(f)
    with open(art, encoding='utf-8', newline='') as f:
        text = f.read()
    run = score.Scoring(score.Graph(score.read_turtle(ttl)), gold, text)
    g = run.graph
    if what == 'relations':
        found = {}
        for node, actor in run.stands_for.items():
            for p, o in g.arcs_from.get(node, ()):
                other = run.stands_for.get(o)
                if other is not None and other != actor and p not in {score.RDF_TYPE, score.OWL_SAME_AS} | score.NAME_PROPS:
                    found.setdefault(frozenset((actor, other)), score.local_name(p))
        wanted = {frozenset((r['subject'], r['object'])): r['predicate'] for r in gold.get('relations', [])}
        for pair in sorted(set(found) | set(wanted), key=sorted):
            mark = 'OK  ' if pair in found and pair in wanted else ('EXTRA' if pair in found else 'MISS')
            print('%-5s %-40s got %-12s want %s' % (mark, ' ~ '.join(sorted(pair)), found.get(pair, '-'), wanted.get(pair, '-')))
        return
    if what == 'claims':
        items, nodes = gold['claims'], g.nodes_of(score.schema_org('Claim'))
        agrees = lambda item, n: run.source_right(item, n) and run.modality_right(item, n)
    else:
        items = gold['events']
        sem = g.nodes_of({score.SEM + 'Event'})
        nodes = sem + [n for n in g.nodes_of(score.schema_org('Event')) if n not in set(sem)]
        agrees = lambda item, n: not item.get('participants') or bool(run.event_actors(n) & set(item['participants']))
    paired = run.pair(items, nodes, agrees)
    for i, item in enumerate(items):
        n = paired.get(i)
        if n is None:
            print('MISS %-9s %-12s %s' % (item.get('source', item.get('type', ''))[:9], item.get('modality', ''), item['evidence'][:80]))
        elif what == 'claims':
            src = [run.who(a) or '-' for a in g.values(n, score.SOURCE_PROPS)]
            mods = [score.local_name(o.text) for p, o in g.arcs_from.get(n, ()) if 'modality' in score.local_name(p).lower()]
            print('%s %-9s %-12s | got %-24s %-10s | %s' % ('OK  ' if agrees(item, n) else 'BAD ', item['source'][:9], item['modality'],
                  (src[0] if src else '-')[:24], mods[0] if mods else '-', item['evidence'][:70]))
        else:
            got = sorted(a or '-' for a in run.event_actors(n))
            print('%s %-14s got %s want %s | %s' % ('OK  ' if agrees(item, n) else 'BAD ', item['type'], got,
                  item['participants'], item['evidence'][:60]))


if __name__ == '__main__':
    if len(sys.argv) not in (4, 5):
        print(__doc__.strip().split('\n\n')[1], file=sys.stderr)
        sys.exit(2)
    main(*sys.argv[1:5])
