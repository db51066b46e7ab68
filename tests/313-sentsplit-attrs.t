#!/bin/sh
# See LICENSE file for copyright and license details.
# sentsplit --attrs (issue 24): the text unchanged, the sentences as spans
# in Dolma's attribute format; copydesk apply sentsplit writes from them
# the bytes sentsplit writes, in every mode and window; every span slices
# the stored text, in code points and in bytes.
. "${0%/*}/lib.sh"
PROG=$BIN/sentsplit
CD=$BIN/copydesk
D=$top/tests/dolma-attrs.py

if ! command -v python3 >/dev/null 2>&1; then
	skip 'sentsplit --attrs' 'no python3'
	done_testing
	exit 0
fi

# the documents: the samples, the fixtures, and random ones
awk -f "$top/tests/data/sentsplit/randdocs.awk" -v n=60 -v seed=5 \
    >"$T/rand.txt" 2>/dev/null || : >"$T/rand.txt"
python3 - "$T" "$top"/samples/*.txt "$top"/tests/data/sentsplit/*.txt \
    "$top"/tests/data/unboiler/*.txt "$T/rand.txt" <<'EOF'
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

# --attrs | apply: the bytes of sentsplit, in each mode and window
for args in '' '-w' '-l' '-u' '-L de' '--window=700' '-w --window=700'; do
	# shellcheck disable=SC2086
	$PROG --jsonl $args <"$T/docs.jsonl" >"$T/want"
	# shellcheck disable=SC2086
	$PROG --jsonl --attrs $args <"$T/docs.jsonl" |
	    $CD --jsonl apply sentsplit >"$T/got"
	ok "--jsonl $args: --attrs | apply gives sentsplit's bytes" \
	    cmp -s "$T/want" "$T/got"
	# shellcheck disable=SC2086
	$PROG -z $args <"$T/docs.z" >"$T/want"
	# shellcheck disable=SC2086
	$PROG -z --attrs="$T/a" $args <"$T/docs.z" >"$T/same"
	ok "-z $args: the documents pass unchanged" cmp -s "$T/same" "$T/docs.z"
	$CD -z "apply --from=$T/a sentsplit" <"$T/docs.z" >"$T/got"
	ok "-z $args: apply --from gives sentsplit's bytes" \
	    cmp -s "$T/want" "$T/got"
done

# --attrs=FILE with --jsonl: the records byte for byte, the lines named
$PROG --jsonl --attrs="$T/a" <"$T/docs.jsonl" >"$T/same"
ok '--jsonl --attrs=FILE: the records unchanged' cmp -s "$T/same" "$T/docs.jsonl"
is 'FILE: a line a record, named by its id' \
    "$(sed -n '2s/,"attributes".*//p' "$T/a")" '{"id":"1.0"'
$CD --jsonl "apply --from=$T/a sentsplit" <"$T/docs.jsonl" >"$T/got"
$PROG --jsonl <"$T/docs.jsonl" >"$T/want"
ok '--jsonl: apply --from gives sentsplit'"'"'s bytes' cmp -s "$T/want" "$T/got"

# Dolma's format, and the spans slice the text: each sentence, its joins
# made, is a line of sentsplit's output
$PROG -z <"$T/docs.z" | tr '\0' '\n' | grep -v '^$' >"$T/lines"
$PROG -z --attrs <"$T/docs.z" >"$T/a"
n=$(python3 "$D" check "$T/a" "$T/docs.z")
ok "the attribute lines are Dolma's format ($n spans)" [ "${n:-0}" -gt 100 ]
for unit in chars bytes; do
	u=; [ $unit = bytes ] && u=bytes
	$PROG -z --attrs --offsets=$unit <"$T/docs.z" >"$T/a"
	python3 "$D" check "$T/a" "$T/docs.z" $u >/dev/null
	ok "$unit: every span lies in its document" [ $? -eq 0 ]
	python3 "$D" slice "$T/a" "$T/docs.z" copydesk__sentsplit__sentence \
	    $u >"$T/sent"
	python3 - "$T/a" "$T/docs.z" "$T/lines" $u <<'EOF' >"$T/res"
import json, sys
a = [json.loads(l)['attributes'] for l in open(sys.argv[1])]
d = open(sys.argv[2], 'rb').read().split(b'\0')[:-1]
lines = open(sys.argv[3]).read().split('\n')[:-1]
by = len(sys.argv) > 4
out = []
for at, doc in zip(a, d):
    t = doc if by else doc.decode()
    joins = at['copydesk__sentsplit__join']
    for s, e, v in at['copydesk__sentsplit__sentence']:
        x, k = t[s:e], s
        parts = []
        for js, je, jv in joins:
            if s <= js and je <= e:
                parts.append(t[k:js])
                parts.append(b' ' if by and jv else ' ' if jv else
                             t[0:0])
                k = je
        parts.append(t[k:e])
        r = t[0:0].join(parts)
        out.append(r.decode() if by else r)
print('same' if out == lines else 'differ %d %d' % (len(out), len(lines)))
EOF
	is "$unit: each sentence span, joins made, is an output line" \
	    "$(cat "$T/res")" same
done

# the shared corpora, where COPYDESK_DATA names them
attrs_shared sentsplit

# the bad-input matrix under --attrs: the text passes, the spans fit
printf '' | check_filter 'empty input: nothing' 0 '' $PROG -z --attrs
printf 'One. Two.' | check_filter 'no final newline' 0 \
    '{"id":1,"attributes":{"copydesk__sentsplit__sentence":[[0,4,1],[5,9,1]],"copydesk__sentsplit__paragraph":[[0,9,1]],"copydesk__sentsplit__join":[]}}\n' \
    $PROG --attrs
printf 'One.\r\nTwo\r\nthree.\r\n' | check_filter 'CRLF: the join holds the CR' 0 \
    '{"id":1,"attributes":{"copydesk__sentsplit__sentence":[[0,4,1],[6,17,1]],"copydesk__sentsplit__paragraph":[[0,17,1]],"copydesk__sentsplit__join":[[9,11,1]]}}\n' \
    $PROG --attrs
printf 'A\0b. C.\0' | $PROG -z --attrs >"$T/out"
is 'a NUL: two documents' "$(grep -c '"id"' "$T/out")" 2
printf 'caf\351 \303 ok. Next.\n' >"$T/bad"
$PROG --attrs="$T/a" <"$T/bad" >"$T/out"
ok 'invalid and truncated UTF-8: passed unchanged' cmp -s "$T/out" "$T/bad"
awk 'BEGIN { for (i = 0; i < 3000; i++) printf "Word %d is here. ", i; print "" }' \
    >"$T/long"
$PROG -z --attrs <"$T/long" >"$T/a"
is 'a line of 60 KB and more: every sentence' "$(python3 -c '
import json, sys
print(len(json.load(sys.stdin)["attributes"]["copydesk__sentsplit__sentence"]))' \
    <"$T/a")" 3000
write_errors $PROG -z --attrs
# the applier needs its filter
printf '{"text":"x"}\n' | $CD --jsonl apply >/dev/null 2>"$T/err"
is 'apply without a filter: usage' "$?" 2
printf 'x\n' | $CD 'apply sentsplit' >/dev/null 2>"$T/err"
is 'apply without attributes: usage' "$?" 2
grep -q 'records that have them, or --from' "$T/err"
ok '... and it says where they come from' [ $? -eq 0 ]
done_testing
