#!/usr/bin/python3
"""Regenerates the table in docs/metrics.md from src/CompressionSafety.Engine/Metrics/MetricCatalog.cs.
Run from the repository root after changing the catalogue; MetricCatalogTests checks the two agree."""
import re
src = open('src/CompressionSafety.Engine/Metrics/MetricCatalog.cs').read()
body = src[src.index("// The key's own traffic"):]
consts = {'B': 'baseline', 'S': 'shadow', 'I': 'input_reference', 'N': 'snapshot'}
rows, loop = [], []
for line in body.splitlines():
    line = line.strip()
    m = re.match(r'(Add|Rate)\("([^"]+)", ([TL]), (null|[BSIN]), (?:(Ratio|Count|"[^"]+"), )?(\$?"[^"]*")(, family: true)?\);', line)
    if m:
        kind, name, k, r, unit, desc, fam = m.groups()
        unit = {'Ratio': '1', 'Count': 'count'}.get(unit, (unit or '"1"').strip('"')) if kind == 'Add' else '1'
        rows.append((name + ('.<member>' if fam else ''), 'traffic' if k == 'T' else 'labels',
                     'self' if r == 'null' else consts[r], unit, desc.lstrip('$').strip('"'), kind == 'Rate'))
    m = re.match(r'foreach \(var rate in new\[\] \{ (.*) \}\)', line)
    if m:
        loop = [x.strip().strip('"') for x in m.group(1).split(',')]
    m = re.match(r'Rate\(rate \+ "_diff", ([TL]), ([BSIN]), \$"(.*)"\);', line)
    if m:
        for rt in loop:
            rows.append((rt + '_diff', 'traffic' if m.group(1) == 'T' else 'labels', consts[m.group(2)], '1', m.group(3).replace('{rate}', rt), True))
    m = re.match(r'Add\("expected_" \+ rate, ([TL]), ([BSIN]), Ratio, \$"(.*)"\);', line)
    if m:
        for rt in loop:
            rows.append(('expected_' + rt, 'traffic' if m.group(1) == 'T' else 'labels', consts[m.group(2)], '1', m.group(3).replace('{rate}', rt), False))
    m = re.match(r'Add\(rate \+ "_diff", ([TL]), ([BSIN]), Ratio, \$"(.*)"\);', line)
    if m:
        for rt in loop:
            rows.append((rt + '_diff', 'traffic' if m.group(1) == 'T' else 'labels', consts[m.group(2)], '1', m.group(3).replace('{rate}', rt), False))
doc = open('docs/metrics.md').read()
head = doc[:doc.index('| metric | kind |')]
out = [head + '| metric | kind | reference | unit | interval | meaning |', '|---|---|---|---|---|---|']
for name, k, r, u, d, rate in rows:
    out.append(f'| `{name}` | {k} | {r} | {u} | {"yes" if rate else ""} | {d} |')
open('docs/metrics.md', 'w').write('\n'.join(out) + '\n')
print(len(rows), 'rows')
