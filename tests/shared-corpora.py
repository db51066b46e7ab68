#!/usr/bin/env python3
# See LICENSE file for copyright and license details.
"""The shared corpora as JSON Lines {"id", "text"} records, for the tests
that compare --attrs | copydesk apply with a filter: the scraped pages of
the boilerplate sets and the paragraphs of the UD dev sets under DATA
(COPYDESK_DATA, ../shared/data)."""
import glob
import json
import sys

d = sys.argv[1]
for f in sorted(glob.glob(d + '/boilerplate/*.jsonl')):
    for line in open(f):
        r = json.loads(line)
        if isinstance(r.get('scraped_text'), str):
            print(json.dumps({'id': r.get('id'), 'text': r['scraped_text']}))
for f in sorted(glob.glob(d + '/sentences/ud_multi_dev/*.jsonl')):
    for line in open(f):
        for p in json.loads(line).get('paragraphs', []):
            if isinstance(p.get('text'), str):
                print(json.dumps({'text': p['text']}))
