#!/bin/sh
# See LICENSE file for copyright and license details.
# unboiler --attrs (issue 24): the text unchanged, every line a span with
# a value that is 0.5 or more where unboiler keeps it, and its reason;
# copydesk apply unboiler writes unboiler's bytes from them, at any
# window; a threshold trades precision for recall, and a reader written
# to Dolma's format applies one as the applier does.
. "${0%/*}/lib.sh"
PROG=$BIN/unboiler
CD=$BIN/copydesk
D=$top/tests/dolma-attrs.py

if ! command -v python3 >/dev/null 2>&1; then
	skip 'unboiler --attrs' 'no python3'
	done_testing
	exit 0
fi

python3 - "$T" "$top"/tests/data/unboiler/*.txt "$top"/samples/*.txt \
    "$top"/tests/data/sentsplit/scraped.txt <<'EOF'
import json, sys
t = sys.argv[1]
with open(t + '/docs.jsonl', 'w') as j, open(t + '/docs.z', 'wb') as z:
    for i, f in enumerate(sys.argv[2:]):
        s = open(f, 'rb').read().decode('utf-8', 'replace')
        for k, part in enumerate(s.split('\0')):
            j.write(json.dumps({'id': '%d.%d' % (i, k), 'text': part},
                               ensure_ascii=False) + '\n')
            z.write(part.encode() + b'\0')
EOF

$PROG --jsonl <"$T/docs.jsonl" >"$T/want"
$PROG --jsonl --attrs <"$T/docs.jsonl" >"$T/in"
$CD --jsonl apply unboiler <"$T/in" >"$T/got"
ok '--jsonl: --attrs | apply gives unboiler'"'"'s bytes' cmp -s "$T/want" "$T/got"
for w in '' '--window=3000' '--window=300'; do
	# shellcheck disable=SC2086
	$PROG -z $w <"$T/docs.z" >"$T/want"
	# shellcheck disable=SC2086
	$PROG -z $w --attrs="$T/a" <"$T/docs.z" >"$T/same"
	ok "-z $w: the documents pass unchanged" cmp -s "$T/same" "$T/docs.z"
	$CD -z "apply --from=$T/a unboiler" <"$T/docs.z" >"$T/got"
	ok "-z $w: apply --from gives unboiler's bytes" cmp -s "$T/want" "$T/got"
done

# Dolma's format: every line of every document is a span, whole
$PROG -z --attrs="$T/a" <"$T/docs.z" >/dev/null
n=$(python3 "$D" check "$T/a" "$T/docs.z")
ok "Dolma's format, every span in its document ($n)" [ "${n:-0}" -gt 100 ]
python3 - "$T/a" "$T/docs.z" <<'EOF' >"$T/res"
import json, sys
a = [json.loads(l)['attributes'] for l in open(sys.argv[1])]
d = open(sys.argv[2], 'rb').read().decode().split('\0')[:-1]
bad = 0
for at, t in zip(a, d):
    spans = at['copydesk__unboiler__line']
    # the lines tile the document, each ends at a newline or its end
    k = 0
    for s, e, v in spans:
        bad += s != k or not (t[e - 1:e] == '\n' or e == len(t))
        k = e
    bad += k != len(t)
    # every line that is not blank has one reason, at its span
    r = {}
    for name, sp in at.items():
        if name.startswith('copydesk__unboiler__reason__'):
            for s, e, v in sp:
                r[(s, e)] = r.get((s, e), 0) + 1
    for s, e, v in spans:
        bad += r.get((s, e), 0) != (1 if t[s:e].strip() else 0)
print(bad)
EOF
is 'the lines tile each document, one reason each' "$(cat "$T/res")" 0
$PROG -z --attrs="$T/ab" --offsets=bytes <"$T/docs.z" >/dev/null
python3 "$D" check "$T/ab" "$T/docs.z" bytes >/dev/null
ok 'bytes: every span in its document' [ $? -eq 0 ]

# the threshold: a reader of Dolma's format keeps the spans of value
# T or more, as copydesk apply -t T writes; more lines at 0.3, fewer at 0.8
for t in 0.3 0.5 0.8; do
	python3 "$D" keep "$T/a" "$T/docs.z" copydesk__unboiler__line $t \
	    >"$T/mix.$t"
	$CD -z "apply -t $t --from=$T/a unboiler" <"$T/docs.z" >"$T/app.$t"
	ok "-t $t: a Dolma reader's threshold is the applier's" \
	    cmp -s "$T/mix.$t" "$T/app.$t"
done
$PROG -z <"$T/docs.z" >"$T/want"
ok 'the default is 0.5: unboiler' cmp -s "$T/app.0.5" "$T/want"
a=$(wc -c <"$T/app.0.3") b=$(wc -c <"$T/app.0.5") c=$(wc -c <"$T/app.0.8")
ok "a lower threshold keeps more ($a >= $b >= $c)" [ "$a" -ge "$b" ] && [ "$b" -ge "$c" ]
ok 'and differs from the default' [ "$a" -gt "$b" ] && [ "$b" -gt "$c" ]

# the shared corpora, where COPYDESK_DATA names them
attrs_shared unboiler

# the bad-input matrix under --attrs
printf '' | check_filter 'empty input' 0 '' $PROG -z --attrs
printf 'The minister said on Tuesday that the plan would work, and it did.' |
    check_filter 'no final newline' 0 \
    '{"id":1,"attributes":{"copydesk__unboiler__line":[[0,66,0.92925]],"copydesk__unboiler__reason__good":[[0,66,1]]}}\n' \
    $PROG --attrs
printf 'Share this\r\n' | check_filter 'CRLF: one line' 0 \
    '{"id":1,"attributes":{"copydesk__unboiler__line":[[0,12,0.05]],"copydesk__unboiler__reason__pattern":[[0,12,1]]}}\n' \
    $PROG --attrs
printf 'a\0b\0' | $PROG -z --attrs >"$T/out"
is 'a NUL: two documents' "$(grep -c '"id"' "$T/out")" 2
printf 'caf\351 \303 ok\n' >"$T/bad"
$PROG --attrs="$T/a" <"$T/bad" >"$T/out"
ok 'invalid and truncated UTF-8: passed unchanged' cmp -s "$T/out" "$T/bad"
awk 'BEGIN { for (i = 0; i < 7000; i++) printf "word%d and the ", i; print "" }' \
    >"$T/long"
$PROG --attrs --window=4096 <"$T/long" >"$T/a"
python3 - "$T/a" "$T/long" <<'EOF' >"$T/res"
import json, sys
a = json.load(open(sys.argv[1]))['attributes']['copydesk__unboiler__line']
n = len(open(sys.argv[2]).read())
print(a[0][0] == 0 and a[-1][1] == n and
      all(x[1] == y[0] and x[2] == y[2] for x, y in zip(a, a[1:])))
EOF
is 'a line longer than the window: its pieces, one value' "$(cat "$T/res")" True
write_errors $PROG -z --attrs
done_testing
