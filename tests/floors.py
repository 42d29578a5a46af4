#!/usr/bin/env python3
"""Compare the scores of tests/score.py with the quality floors; run by tests/e2e.sh.

    python3 tests/floors.py tests/quality-floors.json DIR       (RATCHET=1 in the environment: raise)

DIR holds NAME.score.json for each scored article (tests/score.py --json).  Prints one row per
article (score/floor of each figure, LOW below the floor, NEW without one), then the averages of
the articles the lexicon was written with and of the lexicon-blind ones (the floors file lists
them under "_lexicon_blind": articles whose names no lexicon entry was made for, so their scores
say how extraction does on unseen text); their average must reach "_lexicon_blind_average", the bar
unseen articles are held to, and the average of the dev articles listed under "_dev" must reach
"_dev_average", and the sample's ("_sample") "_sample_average" (issue 13's three bars).  Ends with "scores: N passed, N failed".  An article that
has floors but no score fails.  With RATCHET=1 each floor is raised to (score - 0.02), rounded
down to two places, where that is higher; floors never go down.
"""
import json
import math
import os
import sys

FIGURES = [('actors_f1', 'actors', lambda r: r['actors']['f1']),
           ('events_strict_f1', 'events strict', lambda r: r['events']['strict']['f1']),
           ('claims_strict_f1', 'claims strict', lambda r: r['claims']['strict']['f1']),
           ('relations_f1', 'relations', lambda r: r['relations']['f1'])]
WIDTH = 26


def average_row(label, results):
    """One row of the averages of each figure over results (score dicts)."""
    row = '%-*s' % (WIDTH, '%s (%d)' % (label, len(results)))
    for _, _, get in FIGURES:
        row += '%17s' % ('%.3f' % (sum(get(r) for r in results) / len(results)) if results else '-')
    return row


def check_average(group, results, bars):
    """Compares the average of each figure over results with its bar; (passed, failed) counts."""
    passed = failed = 0
    for key, label, get in FIGURES:
        bar = bars.get(key)
        if bar is None or not results:
            continue
        avg = sum(get(r) for r in results) / len(results)
        if avg + 1e-9 < bar:
            print('LOW: the %s average of %s is %.3f, below its floor %.2f' % (group, label, avg, bar))
            failed += 1
        else:
            passed += 1
    return passed, failed


def main(floors_path, score_dir):
    ratchet = os.environ.get('RATCHET') == '1'
    with open(floors_path, encoding='utf-8') as f:
        floors = json.load(f)
    blind = set(floors.get('_lexicon_blind', []))
    names = sorted(n[:-len('.score.json')] for n in os.listdir(score_dir) if n.endswith('.score.json'))
    passed = failed = 0
    results = {}
    print('%-*s' % (WIDTH, 'article (f1: score/floor)') + ''.join('%17s' % label for _, label, _ in FIGURES))
    for name in names:
        with open(os.path.join(score_dir, name + '.score.json'), encoding='utf-8') as f:
            results[name] = result = json.load(f)
        row = '%-*s' % (WIDTH, name + (' *' if name in blind else ''))
        mine = floors.setdefault(name, {})
        for key, _, get in FIGURES:
            score = get(result)
            floor = mine.get(key)
            if floor is None:
                mark = ' NEW'
                failed += 1
            elif score + 1e-9 < floor:
                mark = ' LOW'
                failed += 1
            else:
                mark = ''
                passed += 1
            row += '%17s' % ('%.3f/%s%s' % (score, '-' if floor is None else '%.2f' % floor, mark))
            if ratchet:
                raised = math.floor((score - 0.02) * 100 + 1e-9) / 100
                mine[key] = max(mine.get(key) or 0.0, max(raised, 0.0))
        print(row)
    print(average_row('avg lexicon-seen', [r for n, r in results.items() if n not in blind]))
    blind_results = [r for n, r in results.items() if n in blind]
    print(average_row('avg lexicon-blind *', blind_results))
    dev = set(floors.get('_dev', []))
    dev_results = [r for n, r in results.items() if n in dev]
    print(average_row('avg dev', dev_results))
    sample_results = [r for n, r in results.items() if n in set(floors.get('_sample', []))]
    # issue 13's bars: the blind articles' average (the bar unseen articles are held to), the six
    # dev articles' average and the sample's own, never below them
    for group, group_results, bars in (('lexicon-blind', blind_results, '_lexicon_blind_average'),
                                       ('dev', dev_results, '_dev_average'),
                                       ('sample', sample_results, '_sample_average')):
        ok, bad = check_average(group, group_results, floors.get(bars, {}))
        passed += ok
        failed += bad
    for name in sorted(set(k for k in floors if not k.startswith('_')) - set(names)):
        print('%-*s no score (article not built or not scored)' % (WIDTH, name))
        failed += 1
    for name in sorted(blind - set(k for k in floors if not k.startswith('_'))):
        print('%-*s listed as lexicon-blind but has no floors' % (WIDTH, name))
        failed += 1
    if ratchet:
        with open(floors_path, 'w', encoding='utf-8') as f:
            json.dump(floors, f, indent=2, sort_keys=True)
            f.write('\n')
        print('floors raised where scores allowed: %s' % floors_path)
    print('scores: %d passed, %d failed' % (passed, failed))
    return 1 if failed else 0


if __name__ == '__main__':
    if len(sys.argv) != 3:
        print('usage: python3 tests/floors.py FLOORS.json SCORE_DIR', file=sys.stderr)
        sys.exit(2)
    sys.exit(main(sys.argv[1], sys.argv[2]))
