# See LICENSE file for copyright and license details.
# attrs.py: checks of quotetag --attrs for tests/409 (standard library only).
#
#   same WANT GOT      --jsonl: each record of GOT (--attrs | copydesk
#                      apply quotetag) is WANT's (quotetag --jsonl -f inline)
#                      byte for byte, but for the "quotes" member WANT adds
#                      at its end
#   records IN OUT     --jsonl --attrs: each record of OUT is IN's, byte for
#                      byte, with a member "attributes" added at its end
#   render ATTRS DOCS WANT [bytes]
#                      the attribute lines ATTRS of the NUL-ended documents
#                      DOCS, sliced in code points (or bytes): every span
#                      lies in its document; a quote starts with a mark,
#                      markup is quotetag's, a name lies in its speaker's
#                      mention or before it; and the text rebuilt from the
#                      spans here, independently of copydesk apply, is
#                      WANT's (quotetag -z); prints "quotes N markup M
#                      kept K"
import json
import sys

P = 'copydesk__quotetag__'
MARKS = '"\'\u201c\u201d\u201e\u201f\u00ab\u00bb\u2039\u203a' \
    '\u2018\u2019\u201a\u201b\u300c\u300d\u300e\u300f'


def same(want, got):
    w = open(want, 'rb').read().split(b'\n')
    g = open(got, 'rb').read().split(b'\n')
    if len(w) != len(g):
        return 'records: %d, not %d' % (len(g), len(w))
    for i, (r, a) in enumerate(zip(w, g)):
        k = len(a) - 1
        if r == a == b'':
            continue
        if not (a.endswith(b'}') and r[:k] == a[:k] and
                r[k:].startswith(b',"quotes":[') and r.endswith(b']}')):
            return 'record %d differs' % (i + 1)
    return 'same'


def records(inp, out):
    ii = open(inp, 'rb').read().split(b'\n')
    oo = open(out, 'rb').read().split(b'\n')
    if len(ii) != len(oo):
        return 'records: %d, not %d' % (len(oo), len(ii))
    for i, (r, a) in enumerate(zip(ii, oo)):
        k = len(r) - 1
        if r == a == b'':
            continue
        if not (a[:k] == r[:k] and a[k:].startswith(b',"attributes":{')
                and a.endswith(b'}}')):
            return 'record %d differs' % (i + 1)
        o = json.loads(a)
        del o['attributes']
        if o != json.loads(r):
            return 'record %d: not the record' % (i + 1)
    return 'same'


def esc(x, by):
    for a, b in (('&', '&amp;'), ('<', '&lt;'), ('>', '&gt;'),
                 ('"', '&quot;'), ('\n', '&#10;'), ('\r', '&#13;'),
                 ('\t', '&#9;'), ('\0', '&#xFFFD;')):
        x = x.replace(a.encode() if by else a, b.encode() if by else b)
    return x


def render(t, at, by):
    """quotetag's output from the spans, and a list of what is wrong"""
    q, mk = at[P + 'quote'], at[P + 'markup']
    sp, who, cue = ({v: (s, e) for s, e, v in at[P + n]}
                    for n in ('speaker', 'who', 'cue'))
    bad = []
    e0 = t[0:0]
    for n in ('quote', 'speaker', 'cue', 'who', 'markup'):
        ss = at[P + n]
        if any(not 0 <= s <= e <= len(t) for s, e, v in ss):
            bad.append(n + ': a span beyond the text')
        if [s for s, e, v in ss] != sorted(s for s, e, v in ss):
            bad.append(n + ': not in the order of their starts')
    for s, e, v in q:
        c = t[s:s + 1]
        if by:
            c = t[s:s + 4].decode('utf-8', 'replace')[:1]
        if c not in MARKS:
            bad.append('a quote starts with %r' % t[s:s + 8])
    for s, e, v in mk:
        x = t[s:e]
        if not (x == (b'</q>' if by else '</q>') or
                x.startswith(b'<q who="' if by else '<q who="')):
            bad.append('markup %r' % x)
    for i, (s, e) in who.items():
        if i in sp and not (sp[i][0] <= s and e <= sp[i][1]) and \
           not e <= sp[i][0]:
            bad.append('the name of quote %d is not its speaker\'s' % i)

    def text(s, e, everything):
        r = []
        for ms, me, v in mk:
            if s <= ms and me <= e and (everything or v == 1):
                r.append(t[s:ms])
                s = me
        r.append(t[s:e])
        return e0.join(r)

    out, pos, stk = [], 0, []
    ctag = b'</q>' if by else '</q>'
    for i, (s, e, v) in enumerate(q):
        while stk and stk[-1] <= s:
            out += [text(pos, stk[-1], 0), ctag]
            pos = stk.pop()
        out.append(text(pos, s, 0))
        w = text(*who[i], 1) if i in who else e0
        c = text(*cue[i], 1) if i in cue else e0
        tag = '<q who="%s" cue="%s">'
        if by:
            out.append(tag.encode() % (esc(w, 1), esc(c, 1)))
        else:
            out.append(tag % (esc(w, 0), esc(c, 0)))
        pos = s
        stk.append(e)
    while stk:
        out += [text(pos, stk[-1], 0), ctag]
        pos = stk.pop()
    out.append(text(pos, len(t), 0))
    return e0.join(out), bad


def main():
    if sys.argv[1] == 'same':
        print(same(sys.argv[2], sys.argv[3]))
        return
    if sys.argv[1] == 'records':
        print(records(sys.argv[2], sys.argv[3]))
        return
    by = len(sys.argv) > 5
    ats = [json.loads(l) for l in open(sys.argv[2], 'rb')]
    docs = open(sys.argv[3], 'rb').read().split(b'\0')[:-1]
    want = open(sys.argv[4], 'rb').read().split(b'\0')[:-1]
    if not len(ats) == len(docs) == len(want):
        print('documents: %d %d %d' % (len(ats), len(docs), len(want)))
        return
    nq = nm = nk = 0
    for k, (a, d, w) in enumerate(zip(ats, docs, want)):
        at = a['attributes']
        if a['id'] != k + 1:
            print('document %d: id %r' % (k + 1, a['id']))
            return
        t = d if by else d.decode('utf-8', 'replace')
        got, bad = render(t, at, by)
        if not by:
            w = w.decode('utf-8', 'replace')
        if got != w:
            bad.append('not the text quotetag writes')
        if bad:
            print('document %d: %s' % (k + 1, '; '.join(bad[:3])))
            return
        nq += len(at[P + 'quote'])
        nm += len(at[P + 'markup'])
        nk += sum(1 for s, e, v in at[P + 'markup'] if v == 0)
    print('quotes %d markup %d kept %d' % (nq, nm, nk))


main()
