#!/bin/sh
# See LICENSE file for copyright and license details.
# quotetag --attrs (issue 24): the text unchanged, the quotes, their
# speakers, cues and names, and the earlier markup as spans in Dolma's
# attribute format; copydesk apply quotetag writes from them the bytes
# quotetag writes, with -a, -s and -u and at a window of 700; every span
# slices the stored text in code points and in bytes. The documents: the
# samples, the fixtures, quotetag's own output (earlier markup), the fuzz
# seeds whose markup is written as it was, and, when COPYDESK_DATA names
# the shared data, the quote corpora in its quotes/ (read there, never
# copied into the tree).
. "${0%/*}/lib.sh"
PROG=$BIN/quotetag
CD=$BIN/copydesk
D=$top/tests/data/quotetag
PY="python3 $D/attrs.py"

if ! command -v python3 >/dev/null 2>&1; then
	skip 'quotetag --attrs' 'no python3'
	done_testing
	exit 0
fi

# the documents, as records (docs.jsonl) and NUL-ended (docs.z)
for s in fallback-boundaries stray-markup markup-window window-cut; do
	tail -c +3 "$top/tests/fuzz/seeds/quotetag-$s" >"$T/seed-$s"
done
cat "$top"/samples/*.txt >"$T/samples"
"$PROG" -a "$T/samples" >"$T/tagged"
printf '\342\200\236Das ist gut\342\200\234, sagte M\303\274ller. \302\253Non\302\273, dit-elle. \343\200\214\346\230\257\343\200\215 \342\200\234Caf\303\251 \360\237\230\200,\342\200\235 Zo\303\253 said. \377 "Bad \300 byte," <q who="x" cue="y">Smith</q> said.\r\n"Tab\there,\\" A &amp; B <said>." said Jo&Co.\n' \
    >"$T/mixed"
python3 - "$T" "$T/samples" "$D"/*.txt "$T"/seed-* "$T/tagged" \
    "$T/mixed" ${COPYDESK_DATA:+"$COPYDESK_DATA"/quotes/*.jsonl} <<'EOF'
import json, sys
t = sys.argv[1]
with open(t + '/docs.jsonl', 'w') as j, open(t + '/docs.z', 'wb') as z:
    for i, f in enumerate(sys.argv[2:]):
        if f.endswith('.jsonl'):
            for k, l in enumerate(open(f, encoding='utf-8')):
                r = json.loads(l)
                j.write(json.dumps({'id': r['id'], 'text': r['text']},
                                   ensure_ascii=False) + '\n')
                z.write(r['text'].encode() + b'\0')
            continue
        b = open(f, 'rb').read()
        for k, part in enumerate(b.split(b'\0')):
            j.write(json.dumps({'id': '%d.%d' % (i, k),
                                'text': part.decode('utf-8', 'replace')},
                               ensure_ascii=False) + '\n')
            z.write(part + b'\0')
EOF
[ -n "${COPYDESK_DATA:-}" ] ||
	diag 'COPYDESK_DATA is not set: the quote corpora are left out'

# --attrs | apply: the bytes quotetag writes, in each mode and window
for args in '' '-a' '-s' '-u' '--window=700' '-a --window=700'; do
	# shellcheck disable=SC2086
	$PROG --jsonl -f inline $args <"$T/docs.jsonl" >"$T/want"
	# shellcheck disable=SC2086
	$PROG --jsonl --attrs $args <"$T/docs.jsonl" >"$T/a.jsonl"
	$CD --jsonl apply quotetag <"$T/a.jsonl" >"$T/got"
	if [ "$args" = -u ]; then
		ok "--jsonl $args: --attrs | apply gives quotetag's bytes" \
		    cmp -s "$T/want" "$T/got"
	else
		is "--jsonl $args: --attrs | apply gives quotetag's bytes (but its quotes)" \
		    "$($PY same "$T/want" "$T/got")" same
	fi
	is "--jsonl $args: the records as they came, with their attributes" \
	    "$($PY records "$T/docs.jsonl" "$T/a.jsonl")" same
	# shellcheck disable=SC2086
	$PROG -z $args <"$T/docs.z" >"$T/want"
	# shellcheck disable=SC2086
	$PROG -z --attrs="$T/a" $args <"$T/docs.z" >"$T/same"
	ok "-z $args: the documents pass unchanged" cmp -s "$T/same" "$T/docs.z"
	$CD -z "apply --from=$T/a quotetag" <"$T/docs.z" >"$T/got"
	ok "-z $args: apply --from gives quotetag's bytes" \
	    cmp -s "$T/want" "$T/got"
done

# plain text: a file is a document; --jsonl --attrs=FILE: records as they
# came, the lines named by their ids
$PROG --attrs="$T/a" "$T/mixed" >"$T/same"
ok 'text --attrs=FILE: the text unchanged' cmp -s "$T/same" "$T/mixed"
$CD "apply --from=$T/a quotetag" "$T/mixed" >"$T/got"
$PROG "$T/mixed" >"$T/want"
ok 'text: apply --from gives quotetag'"'"'s bytes' cmp -s "$T/want" "$T/got"
$PROG --jsonl --attrs="$T/a" <"$T/docs.jsonl" >"$T/same"
ok '--jsonl --attrs=FILE: the records unchanged' cmp -s "$T/same" "$T/docs.jsonl"
is 'FILE: a line a record, named by its id' \
    "$(sed -n '2s/,"attributes".*//p' "$T/a")" '{"id":"1.0"'
$CD --jsonl "apply --from=$T/a quotetag" <"$T/docs.jsonl" >"$T/got"
$PROG --jsonl -f inline <"$T/docs.jsonl" >"$T/want"
is '--jsonl: apply --from gives quotetag'"'"'s bytes (but its quotes)' \
    "$($PY same "$T/want" "$T/got")" same

# the spans slice the text, in code points and in bytes: quotetag's output
# rebuilt from them in Python is quotetag's
for args in '' '-a'; do
	# shellcheck disable=SC2086
	$PROG -z $args <"$T/docs.z" >"$T/want"
	for unit in chars bytes; do
		u=; [ $unit = bytes ] && u=bytes
		# shellcheck disable=SC2086
		$PROG -z --attrs --offsets=$unit $args <"$T/docs.z" >"$T/a"
		r=$($PY render "$T/a" "$T/docs.z" "$T/want" $u)
		case $r in
		'quotes '*' markup '*' kept '[1-9]*) pass "$unit $args: the spans give quotetag's text ($r)" ;;
		*) fail "$unit $args: the spans give quotetag's text"; diag "$r" ;;
		esac
	done
done

# what the spans say
printf '"Yes," Smith said. "No," he said.\n' |
    check_filter 'a quote, its speaker, cue and name; a pronoun names Smith' 0 \
    '{"id":1,"attributes":{"copydesk__quotetag__quote":[[0,6,1],[19,24,1]],"copydesk__quotetag__speaker":[[7,12,0],[25,27,1]],"copydesk__quotetag__cue":[[13,17,0],[28,32,1]],"copydesk__quotetag__who":[[7,12,0],[7,12,1]],"copydesk__quotetag__markup":[]}}\n' \
    $PROG --attrs
printf '\342\200\236Gut\342\200\234, sagte M\303\274ller. <q who="a" cue="b">\302\253Nous partons demain\302\273</q>, dit-elle.\n' |
    check_filter 'code points; earlier markup removed (1); a speaker carried over' 0 \
    '{"id":1,"attributes":{"copydesk__quotetag__quote":[[0,5,1],[40,61,1]],"copydesk__quotetag__speaker":[[13,19,0],[13,19,1]],"copydesk__quotetag__cue":[[7,12,0],[7,12,1]],"copydesk__quotetag__who":[[13,19,0],[13,19,1]],"copydesk__quotetag__markup":[[21,40,1],[61,65,1]]}}\n' \
    $PROG --attrs
printf '\342\200\236Gut\342\200\234, sagte M\303\274ller.\n' |
    check_filter '--offsets=bytes' 0 \
    '{"id":1,"attributes":{"copydesk__quotetag__quote":[[0,9,1]],"copydesk__quotetag__speaker":[[17,24,0]],"copydesk__quotetag__cue":[[11,16,0]],"copydesk__quotetag__who":[[17,24,0]],"copydesk__quotetag__markup":[]}}\n' \
    $PROG --attrs --offsets=bytes
printf '<q who="a" cue="b">x</q>\n' |
    check_filter '-u: the markup goes, no quote' 0 \
    '{"id":1,"attributes":{"copydesk__quotetag__quote":[],"copydesk__quotetag__speaker":[],"copydesk__quotetag__cue":[],"copydesk__quotetag__who":[],"copydesk__quotetag__markup":[[0,19,1],[20,24,1]]}}\n' \
    $PROG --attrs -u

# the bad-input matrix under --attrs: the text passes, the spans fit, and
# apply gives quotetag's bytes
printf '' | check_filter 'empty input: nothing' 0 '' $PROG -z --attrs
printf '' | check_filter 'empty input, --jsonl: nothing' 0 '' $PROG --jsonl --attrs
# roundtrip DESC ARGS: the input in $T/in
roundtrip() {
	# shellcheck disable=SC2086
	$PROG $2 --attrs="$T/ra" <"$T/in" >"$T/rs"
	ok "$1: passed unchanged" cmp -s "$T/rs" "$T/in"
	# shellcheck disable=SC2086
	$CD $2 "apply --from=$T/ra quotetag" <"$T/in" >"$T/rg"
	# shellcheck disable=SC2086
	$PROG $2 <"$T/in" >"$T/rw"
	ok "$1: apply gives quotetag's bytes" cmp -s "$T/rw" "$T/rg"
}
printf '"Yes," Smith said.' >"$T/in"
roundtrip 'no final newline' ''
printf '"Yes," Smith said.' | check_filter 'no final newline: the spans' 0 \
    '{"id":1,"attributes":{"copydesk__quotetag__quote":[[0,6,1]],"copydesk__quotetag__speaker":[[7,12,0]],"copydesk__quotetag__cue":[[13,17,0]],"copydesk__quotetag__who":[[7,12,0]],"copydesk__quotetag__markup":[]}}\n' \
    $PROG --attrs
printf 'He said:\r\n"Yes,\r\nwe will." <q who="" cue="">"A"</q>\r\n' >"$T/in"
roundtrip 'CRLF' ''
printf '"Ye\0s," Smith said.\0\n"Two," Jones said.\0' >"$T/in"
roundtrip 'NUL bytes' ''
roundtrip 'NUL: -z documents' '-z'
printf '\0"One," Smith said.\0' | $PROG -z --attrs >"$T/out"
is 'NUL: a line a document, numbered' "$(cut -c1-8 "$T/out")" \
    "$(printf '{"id":1,\n{"id":2,')"
printf '"Bad \377\300 bytes," Sm\303th said \342\200 "Caf\303\251," \342\200\234x\n' >"$T/in"
roundtrip 'invalid and truncated UTF-8' ''
roundtrip 'invalid and truncated UTF-8, bytes' '--offsets=bytes'
printf '"Bad \377\300 bytes," Smith said.\n' | check_filter 'invalid UTF-8: a code point each' 0 \
    '{"id":1,"attributes":{"copydesk__quotetag__quote":[[0,15,1]],"copydesk__quotetag__speaker":[[16,21,0]],"copydesk__quotetag__cue":[[22,26,0]],"copydesk__quotetag__who":[[16,21,0]],"copydesk__quotetag__markup":[]}}\n' \
    $PROG --attrs
awk 'BEGIN { for (i = 0; i < 3000; i++)
	printf "<q who=\"x\" cue=\"y\">\"We will win number %d,\"</q> Sm\303\274th said. ", i; print "" }' \
    >"$T/in"
roundtrip 'a line over 64 KiB, with markup' ''
roundtrip 'a line over 64 KiB, with markup, window 700' '--window=700'
$PROG --attrs <"$T/in" >"$T/a"
is 'a line over 64 KiB: every quote and every piece of markup' \
    "$(python3 -c 'import json, sys
a = json.load(sys.stdin)["attributes"]
print(len(a["copydesk__quotetag__quote"]), len(a["copydesk__quotetag__markup"]))' <"$T/a")" \
    '3000 6000'
write_errors $PROG --attrs
write_errors $PROG -z --attrs="$T/wa"

# -f jsonl and -f tsv list the quotes; the spans are those of the text
printf 'x\n' | $PROG --attrs -f jsonl >"$T/out" 2>"$T/err"
is '--attrs -f jsonl: a usage error' "$?" 2
grep -q 'spans are those of the tagged text' "$T/err"
ok '... that says why' [ $? -eq 0 ]
# a record whose spans do not fit its text is written as it was
printf '{"id":1,"text":"ab","attributes":{"copydesk__quotetag__quote":[[1,9,1]],"copydesk__quotetag__who":[],"copydesk__quotetag__cue":[],"copydesk__quotetag__markup":[]}}\n' |
    $CD --jsonl apply quotetag >"$T/out" 2>"$T/err"
is 'spans past the text: the record as it was' "$(cat "$T/out")" \
    '{"id":1,"text":"ab"}'
grep -q 'do not fit' "$T/err"
ok '... with a warning' [ $? -eq 0 ]
done_testing
