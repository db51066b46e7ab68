#!/usr/bin/env python3
# See LICENSE file for copyright and license details.
"""A reader of attribute files as Dolma documents them, for the tests of
--attrs (issue 24): one JSON object a line, {"id": ..., "attributes":
{name: [[start, end, value], ...]}}, start and end integers with
0 <= start <= end, the value a number, attribute names
"copydesk__<filter>__<name>".

  dolma-attrs.py check ATTRS DOCS [bytes]
      every line is well formed, and every span lies in its document
      (DOCS: JSON Lines with "text", or NUL-separated documents), in code
      points, or in bytes with "bytes"; prints the spans' count
  dolma-attrs.py slice ATTRS DOCS NAME [bytes]
      prints the text of every span NAME, one a line (newlines as \\n)
  dolma-attrs.py keep ATTRS DOCS NAME THRESHOLD
      prints each document's spans NAME whose value is at least THRESHOLD,
      joined: a threshold applied as a mixer would
"""
import json
import sys


def docs(path):
    data = open(path, 'rb').read()
    if path.endswith('.jsonl'):
        return [json.loads(l)['text'] for l in data.decode().splitlines()
                if l.strip()]
    parts = data.split(b'\0')
    if parts and parts[-1] == b'':
        parts.pop()
    return [p.decode('utf-8', 'surrogateescape') for p in parts]


def attrs(path):
    out = []
    for n, line in enumerate(open(path, encoding='utf-8'), 1):
        o = json.loads(line)
        assert set(o) == {'id', 'attributes'}, (n, sorted(o))
        a = o['attributes']
        assert isinstance(a, dict), n
        for name, spans in a.items():
            assert name.startswith('copydesk__') and \
                name.count('__') >= 2, (n, name)
            assert isinstance(spans, list), (n, name)
            for s in spans:
                assert isinstance(s, list) and len(s) == 3, (n, name, s)
                assert isinstance(s[0], int) and isinstance(s[1], int), s
                assert isinstance(s[2], (int, float)), s
                assert 0 <= s[0] <= s[1], (n, name, s)
        out.append(o)
    return out


def unit(text, bytes_):
    return text.encode('utf-8', 'surrogateescape') if bytes_ else text


def main():
    cmd, apath, dpath = sys.argv[1:4]
    rest = sys.argv[4:]
    a, d = attrs(apath), docs(dpath)
    assert len(a) == len(d), (len(a), len(d))
    if cmd == 'check':
        b = rest[:1] == ['bytes']
        n = 0
        for o, t in zip(a, d):
            u = unit(t, b)
            for spans in o['attributes'].values():
                for s, e, v in spans:
                    assert e <= len(u), (o['id'], s, e, len(u))
                    n += 1
        print(n)
    elif cmd == 'slice':
        name, b = rest[0], rest[1:2] == ['bytes']
        for o, t in zip(a, d):
            u = unit(t, b)
            for s, e, v in o['attributes'].get(name, []):
                x = u[s:e]
                if b:
                    x = x.decode('utf-8', 'surrogateescape')
                print(x.replace('\n', '\\n'))
    elif cmd == 'keep':
        name, th = rest[0], float(rest[1])
        for o, t in zip(a, d):
            sys.stdout.write(''.join(t[s:e] for s, e, v in
                                     o['attributes'].get(name, [])
                                     if v >= th))
            sys.stdout.write('\0')
    else:
        sys.exit('dolma-attrs.py: check, slice or keep')


main()
