#!/bin/sh
# See LICENSE file for copyright and license details.
# unmojibake --attrs (issue 24): the text passes as it came; each line it
# changes is a span "repair" with a span "rule__R" for each rule, each line
# left as it is a span "left_ambiguous" or "left_partial", and the document
# says what it needs to be repaired again (option__entities for -e,
# read_as__ENC for the encoding of its bytes that are not UTF-8); from
# them copydesk apply unmojibake writes the bytes unmojibake writes.
# The shared mojibake cases are read from $COPYDESK_DATA/mojibake (default
# ../shared/data next to the checkout), and skipped when it is not there.
. "${0%/*}/lib.sh"
PROG=$BIN/unmojibake
D=$top/tests/data/unmojibake
S=${COPYDESK_DATA:-$top/../shared/data}/mojibake
P=copydesk__unmojibake__

# ---------------------------------------------------------------- inputs
mkdir "$T/in"
cp "$D"/*.txt "$top"/samples/*.txt "$T/in/"
printf 'Президент заявил журналистам, что правительство примет новые меры.\nЭти меры должны поддержать малый бизнес.\n' >"$T/ru"
printf '政府は水曜日、新しい経済対策を閣議決定したと発表した。\n対策には中小企業への支援が含まれる。\n' >"$T/ja"
printf 'Rząd ogłosił w środę, że podatki zostaną obniżone.\nŹródło zbliżone do ministerstwa potwierdziło tę informację.\n' >"$T/pl"
printf 'Le président a déclaré mercredi que la réforme était nécessaire.\nSelon le ministère, l’économie française a progressé.\n' >"$T/fr"
iconv -f UTF-8 -t KOI8-R <"$T/ru" >"$T/in/ru.koi8r"
iconv -f UTF-8 -t CP1251 <"$T/ru" >"$T/in/ru.cp1251"
iconv -f UTF-8 -t SHIFT_JIS <"$T/ja" >"$T/in/ja.sjis"
iconv -f UTF-8 -t CP1250 <"$T/pl" >"$T/in/pl.cp1250"
iconv -f UTF-8 -t CP1252 <"$T/fr" >"$T/in/fr.cp1252"
# UTF-8 mojibake before the first legacy line and between them
{ printf 'CafÃ© first\n'; cat "$T/in/ru.cp1251"; printf 'Itâ€™s &amp; more\n'
  cat "$T/in/ru.cp1251"; } >"$T/in/mixed"
# lines left as they are: twins that disagree, a partial repair
printf 'OpustenĂˇ dedina v uzavretej zĂłne\nMal tieÄąÄľ zmysel pre humor.\nok cafÃ©\n' >"$T/in/left"
# CR: a lone one at the end, two before a newline, CRLF
printf 'CafÃ© ok\r\r\nx\r\n\r\nSÃ£o\r' >"$T/in/cr"
# long lines: one piece, many pieces, legacy bytes all along
awk 'BEGIN { s = "CafÃ© "; for (i = 0; i < 15000; i++) s = s "word "; print s "CafÃ©" }' >"$T/in/long"
awk 'BEGIN { for (i = 0; i < 120000; i++) printf "cafÃ© ok " }' >"$T/in/pieces"
awk 'BEGIN { for (i = 0; i < 30000; i++) printf "caf\351 ok%s", (i % 5000 == 4999 ? "\r\n" : " ") }' >"$T/in/legacy-long"
# UTF-16 and UTF-32 documents: one span over all of it
printf 'Hi\nIt’s “fine”, cafÃ© &amp;\n' | iconv -f UTF-8 -t UTF-16 >"$T/in/wide16"
{ printf '\0\0\376\377'; printf 'Hi\nIt’s cafÃ©\n' | iconv -f UTF-8 -t UTF-32BE; } >"$T/in/wide32"
# the shared cases: "original" of each, a record or a -z document each
if [ -d "$S" ]; then
	python3 -c '
import json, sys
with open(sys.argv[1], "w") as j, open(sys.argv[2], "wb") as z:
    for f in sys.argv[3:]:
        for i, c in enumerate(json.load(open(f, encoding="utf-8"))):
            t = c["original"]
            j.write(json.dumps({"id": "%s:%d" % (f.rsplit("/", 1)[1], i),
                                "text": t}) + "\n")
            z.write(t.encode("utf-8", "surrogatepass") + b"\0")
' "$T/shared.jsonl" "$T/shared.z" "$S"/*.json || bail 'cannot read the shared cases'
	shared=1
else
	: >"$T/shared.jsonl"
	: >"$T/shared.z"
	shared=
fi
# the files as -z documents (UTF-16 holds NUL bytes: not those) and, where
# they are UTF-8, as records
for f in "$T"/in/*; do
	case $f in */wide*) continue ;; esac
	cat "$f"
	printf '\0'
done >"$T/files.z"
cat "$T/files.z" "$T/shared.z" >"$T/all.z"
python3 -c '
import json, sys
for f in sys.argv[1:]:
    try:
        t = open(f, "rb").read().decode("utf-8")
    except UnicodeDecodeError:
        continue
    print(json.dumps({"id": f.rsplit("/", 1)[1], "text": t}))
' "$T"/in/* >"$T/files.jsonl"
cat "$T/files.jsonl" "$T/shared.jsonl" >"$T/all.jsonl"

# ------------------------------- (a) applied, the bytes unmojibake writes
# in_files OPTS [--offsets=bytes]: each file of in/ (a document),
# --attrs=FILE, the text passed as it came (c), and applied with --from
in_files() {
	bad=
	for f in "$T"/in/*; do
		# shellcheck disable=SC2086
		$PROG $1 "$f" >"$T/want" 2>/dev/null
		# shellcheck disable=SC2086
		$PROG $1 $2 --attrs="$T/a" "$f" >"$T/pass" 2>/dev/null
		cmp -s "$T/pass" "$f" || bad="$bad changed:${f##*/}"
		copydesk $2 "apply --from=$T/a unmojibake" "$f" >"$T/got" \
		    2>"$T/err"
		cmp -s "$T/want" "$T/got" && [ ! -s "$T/err" ] ||
		    bad="$bad ${f##*/}"
	done
	is "files, ${1:-no option} $2: passed as they came, applied as written" \
	    "$bad" ''
}
# in_z OPTS: every document in one -z stream
in_z() {
	for off in '' --offsets=bytes; do
		# shellcheck disable=SC2086
		$PROG -z $1 <"$T/all.z" >"$T/want"
		# shellcheck disable=SC2086
		$PROG -z $1 $off --attrs="$T/a" <"$T/all.z" >"$T/pass"
		ok "-z ${1:-no option} $off: passed as it came" cmp -s "$T/pass" "$T/all.z"
		copydesk -z $off "apply --from=$T/a unmojibake" <"$T/all.z" \
		    >"$T/got" 2>"$T/err"
		ok "-z ${1:-no option} $off: applied as written" \
		    cmp -s "$T/want" "$T/got"
	done
}
# in_jsonl OPTS: the spans in the records, applied in the records
in_jsonl() {
	for off in '' --offsets=bytes; do
		# shellcheck disable=SC2086
		$PROG --jsonl $1 <"$T/all.jsonl" >"$T/want"
		# shellcheck disable=SC2086
		$PROG --jsonl $1 $off --attrs <"$T/all.jsonl" >"$T/rec"
		copydesk --jsonl $off apply unmojibake <"$T/rec" >"$T/got" \
		    2>"$T/err"
		ok "--jsonl ${1:-no option} $off: applied in the records" \
		    cmp -s "$T/want" "$T/got"
	done
}
in_files ''
in_files -e --offsets=bytes
in_files --window=700 --offsets=bytes
in_files '-e --window=64'
in_files '-f CP1251'
for o in '' -e --window=700 '-e --window=64' '-f CP1251'; do
	in_z "$o"
done
for o in '' -e '-e --window=700'; do
	in_jsonl "$o"
done
[ -n "$shared" ] || skip 'the shared cases' "$S is not there"
# a pipe and a chain, as the issue has them
$PROG --jsonl -e --attrs <"$T/all.jsonl" | copydesk --jsonl apply unmojibake >"$T/got"
$PROG --jsonl -e <"$T/all.jsonl" >"$T/want"
ok 'unmojibake --attrs | copydesk apply unmojibake' cmp -s "$T/want" "$T/got"
copydesk -z --attrs="$T/a" 'unmojibake -e' <"$T/all.z" >/dev/null
copydesk -z "apply --from=$T/a unmojibake" <"$T/all.z" >"$T/got"
$PROG -z -e <"$T/all.z" >"$T/want"
ok "copydesk --attrs=FILE 'unmojibake -e', then apply" cmp -s "$T/want" "$T/got"

# ----------------------------- (b) the spans slice the text that changed
# checkattrs.py holds each span to --explain's report of the change, the
# line left or the choice, in code points and in bytes
spans() {
	# shellcheck disable=SC2086
	$PROG -z $1 <"$T/all.z" >"$T/out"
	# shellcheck disable=SC2086
	$PROG -z $1 --attrs="$T/ab" --offsets=bytes --explain=jsonl \
	    <"$T/all.z" >/dev/null 2>"$T/ex"
	# shellcheck disable=SC2086
	$PROG -z $1 --attrs="$T/ac" <"$T/all.z" >/dev/null 2>&1
	case $1 in -e*) e=-e ;; *) e= ;; esac
	python3 "$D/checkattrs.py" $e "$T/all.z" "$T/ab" "$T/ac" "$T/ex" \
	    "$T/out" >"$T/res" 2>"$T/bad"
	st=$?
	if [ "$st" -eq 0 ]; then
		pass "spans slice the text, ${1:-no option}: $(cat "$T/res")"
	else
		fail "spans slice the text, ${1:-no option}: $(cat "$T/res")"
		sed 's/^/# /' "$T/bad" | head -20
	fi
}
spans ''
spans -e
spans '-f CP1251'
ok 'the spans checked include lines left ambiguous' \
    grep -q "\"${P}left_ambiguous\":\[\[" "$T/ab"
ok 'the spans checked include lines left partial' \
    grep -q "\"${P}left_partial\":\[\[" "$T/ab"
# -f CP1251: each document with such bytes is read so, value 1 (named,
# not detected)
is '-f CP1251: read_as__CP1251, value 1' \
    "$(grep -c "\"${P}read_as__" "$T/ac")" \
    "$(grep -c "\"${P}read_as__CP1251\":\[\[[0-9]*,[0-9]*,1\]\]" "$T/ac")"
# a wide document: one span, all of it
$PROG --attrs "$T/in/wide16" >"$T/a"
is 'UTF-16: one span over the stored document' \
    "$(sed 's/.*"'"$P"'repair":\(\[[^]]*\]\]\).*/\1/' "$T/a")" \
    "[[0,$(wc -c <"$T/in/wide16" | tr -d ' '),1]]"
ok 'UTF-16: its rule' grep -q "\"${P}rule__utf-16le\"" "$T/a"

# ------------------------------------- (c) the text passes as it came
$PROG --jsonl --attrs="$T/a" -e <"$T/all.jsonl" >"$T/pass"
ok '--jsonl --attrs=FILE: the records byte for byte' cmp -s "$T/pass" "$T/all.jsonl"
$PROG --jsonl --attrs -e <"$T/all.jsonl" >"$T/rec"
python3 -c '
import json, sys
a = [json.loads(l) for l in open(sys.argv[1], encoding="utf-8")]
b = [json.loads(l) for l in open(sys.argv[2], encoding="utf-8")]
for x, y in zip(a, b):
    y.pop("attributes")
assert a == b, "a record changed"
' "$T/all.jsonl" "$T/rec"
ok '--jsonl --attrs: the records as they came, but for attributes' [ $? -eq 0 ]
# a document's line does not depend on the documents before it
printf 'CafÃ©\0ok\0' | $PROG -z --attrs >"$T/a"
ok 'a rule of one document is not named in the next' \
    [ "$(grep -c rule__ "$T/a")" -eq 1 ]

# ---------------------------------------------------- (d) the bad inputs
# line ID REPAIRS [MORE]: the attribute line of a document, no -e, no line
# left, with the spans REPAIRS and the members MORE
line() {
	printf '{"id":%s,"attributes":{"%srepair":[%s],"%soption__entities":[],"%sleft_ambiguous":[],"%sleft_partial":[]%s}}' \
	    "$1" "$P" "$2" "$P" "$P" "$P" "$3"
}
r1252() { printf ',"%srule__cp1252":[%s]' "$P" "$1"; }
# bad DESC INPUT EXPECTED [OPTION]: the spans, and applied as written
bad() {
	printf "$2" | check_filter "$1: the spans" 0 "$3\n" $PROG --attrs $4
	printf "$2" >"$T/b"
	$PROG $4 <"$T/b" >"$T/want"
	$PROG $4 --attrs="$T/a" <"$T/b" >"$T/pass"
	copydesk $4 "apply --from=$T/a unmojibake" <"$T/b" >"$T/got"
	if cmp -s "$T/b" "$T/pass" && cmp -s "$T/want" "$T/got"; then
		pass "$1: passed as it came, applied as written"
	else
		fail "$1: passed as it came, applied as written"
	fi
}
bad 'empty input' '' "$(line 1 '')"
bad 'no final newline' 'CafÃ©' "$(line 1 '[0,5,1]' "$(r1252 '[0,5,1]')")"
bad 'CRLF: the line without it' 'Itâ€™s\r\n\r\nSÃ£o\r\n' \
    "$(line 1 '[0,6,1],[10,14,1]' "$(r1252 '[0,6,1],[10,14,1]')")"
bad 'CRLF: in bytes' 'Itâ€™s\r\n\r\nSÃ£o\r\n' \
    "$(line 1 '[0,11,1],[15,21,1]' "$(r1252 '[0,11,1],[15,21,1]')")" \
    --offsets=bytes
bad 'NUL byte' 'a\000CafÃ©\000b\n' "$(line 1 '[0,9,1]' "$(r1252 '[0,9,1]')")"
bad 'invalid UTF-8: read as cp1252' 'a\377b\n' \
    "$(line 1 '[0,3,1]' ",\"${P}read_as__CP1252\":[[0,4,1]],\"${P}rule__legacy\":[[0,3,1]]")"
bad 'truncated UTF-8 at the end' 'ok \342\200' \
    "$(line 1 '[0,4,1]' ",\"${P}read_as__CP1252\":[[0,4,1]]$(r1252 '[0,4,1]'),\"${P}rule__legacy\":[[0,4,1]]")"
bad 'a byte cp1252 lacks: read as, not changed' 'x\201y\n' \
    "$(line 1 '' ",\"${P}read_as__CP1252\":[[0,4,1]]")"
bad 'UTF-16 with a lone surrogate' '\377\376a\000\000\330b\000' \
    "$(line 1 '[0,8,1]' ",\"${P}rule__utf-16le\":[[0,8,1]]")"
awk 'BEGIN { s = "CafÃ© "; for (i = 0; i < 15000; i++) s = s "word "; print s "CafÃ©" }' >"$T/b"
$PROG --attrs --window=4096 <"$T/b" >"$T/a"
is '>64 KiB line, in 4 KiB windows: one span' "$(cat "$T/a")" \
    "$(line 1 '[0,75011,1]' "$(r1252 '[0,75011,1]')")"
$PROG --attrs=/dev/full <"$T/b" >/dev/null 2>"$T/err"
is '--attrs=/dev/full exits 1 with ENOSPC' "$?:$(cat "$T/err")" \
    '1:unmojibake: /dev/full: No space left on device'

check_filter '--attrs and a -f name no attribute can hold exits 2' 2 '' \
    $PROG --attrs -f 'CP1251"' </dev/null
write_errors $PROG --attrs
done_testing
