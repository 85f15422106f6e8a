#!/usr/bin/env python3
"""Medians over several `SlmMesh.LoadTest --json` runs, with the range and the load average of each run.

usage: loadtest-medians.py run1.json run2.json run3.json
"""
import collections
import json
import statistics
import sys


def main(paths):
    runs = [json.load(open(p)) for p in paths]
    values = collections.OrderedDict()
    goals = {}
    loads = collections.defaultdict(list)
    for run in runs:
        for scenario in run['scenarios']:
            name = scenario['name']
            loads[name].append((scenario['loadAverageBefore'], scenario['loadAverageAfter']))
            if 'error' in scenario:
                print(f'ERROR in {name}: {scenario["error"]}')
            for key, figure in scenario['figures'].items():
                values.setdefault((name, key), []).append(figure['value'])
                goals[(name, key)] = figure.get('goal', '')
    print(f'{runs[0]["runtime"]}, {len(runs)} runs')
    for name, pairs in loads.items():
        print(f'  load average during {name}: ' + ', '.join(f'{a:.1f}->{b:.1f}' for a, b in pairs))
    for (name, key), vs in values.items():
        if key.endswith('.samples'):
            continue
        print(f'{name:11} {key:38} median {statistics.median(vs):12.1f}   [{min(vs):.1f} .. {max(vs):.1f}]  {goals[(name, key)]}')


if __name__ == '__main__':
    main(sys.argv[1:])
