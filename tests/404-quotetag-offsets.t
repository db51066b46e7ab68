#!/bin/sh
# quotetag's offsets mean what they say (issue 16): with --jsonl the text
# is left as it is and the quotes array indexes it, in characters by
# default; with -f inline the tags are in the text and the offsets index
# the tagged text; --offsets=bytes|chars chooses for every offset printed
# (-f jsonl, -f tsv, --jsonl). Checked from Python: text[start:end] is the
# quote. A second --jsonl run changes nothing; warnings name the record.
. "${0%/*}/lib.sh"
PROG=$BIN/quotetag
D=$top/tests/data/quotetag
CHECK="python3 $D/checkoffsets.py"

if ! command -v python3 >/dev/null 2>&1; then
	skip 'offsets' 'no python3'
	done_testing
	exit
fi

# The outputs first, then one Python run checks them all (it starts
# slowly on a busy machine): "MODE UNIT [INPUT] OUTPUT" a line.
: >"$T/jobs"
n=0
# job DESC MODE UNIT [INPUT] -- ARGS...: quotetag ARGS into a new output
job() {
	n=$((n + 1))
	_d=$1 _m=$2 _u=$3
	shift 3
	_in=
	if [ "$1" != -- ]; then
		_in=$1
		shift
	fi
	shift
	"$PROG" "$@" >"$T/out.$n" 2>/dev/null
	echo "$_m $_u $_in $T/out.$n" >>"$T/jobs"
	echo "$_d" >>"$T/descs"
}
: >"$T/descs"
R=$D/offsets.jsonl
job '--jsonl: offsets in characters index the text' records chars -- --jsonl "$R"
job '--jsonl --offsets=bytes: offsets in bytes' records bytes -- --jsonl --offsets=bytes "$R"
job '--jsonl -f inline: offsets index the tagged text' records chars -- --jsonl -f inline "$R"
job '--jsonl -f inline --offsets=bytes' records bytes -- --jsonl -f inline --offsets=bytes "$R"
job '--jsonl -a -f inline: nested tags inside quote texts' records chars -- --jsonl -a -f inline "$R"
job '--jsonl -f jsonl --offsets=chars' records chars -- --jsonl -f jsonl --offsets=chars "$R"
"$PROG" --jsonl -f inline "$R" >"$T/tagged"
job '--jsonl on tagged records: quote texts are the text at their offsets' records chars -- --jsonl "$T/tagged"
# plain text: offsets into the input as given, earlier markup and invalid
# UTF-8 included
printf '<q who="a" cue="b">\342\200\234Already,\342\200\235</q> Smith said. Bad \377 \342\200\234byte \303\251t\303\251,\342\200\235 Jones said.\n' >"$T/plain"
cat "$top"/samples/*.txt "$D"/*.txt >>"$T/plain"
for u in bytes chars; do
	job "-f jsonl --offsets=$u: input[start:end] is the quote" lines $u "$T/plain" -- -a -f jsonl --offsets=$u "$T/plain"
	job "-f tsv --offsets=$u: input[start:end] is the quote" tsv $u "$T/plain" -- -a -f tsv --offsets=$u "$T/plain"
done
python3 "$D/checkoffsets.py" -f "$T/jobs" >"$T/results" 2>"$T/bad"
k=0
while read -r d; do
	k=$((k + 1))
	r=$(sed -n "${k}p" "$T/results")
	if [ -n "$r" ] && [ "${r#* }" = 0 ] && [ "${r% *}" -gt 0 ]; then
		pass "$d ($r)"
	else
		fail "$d ($r)"
	fi
done <"$T/descs"
[ -s "$T/bad" ] && sed 's/^/# /' "$T/bad" | head -10

# the text is left as it is, byte for byte
"$PROG" --jsonl "$R" >"$T/out"
is '--jsonl: every text field as it was' \
	"$(sed 's/,"quotes":.*}$/}/' "$T/out")" "$(cat "$R")"

# characters, not bytes, by default: “ is three bytes, one character
printf '{"text":"\\u201cYes,\\u201d Smith said."}\n' | "$PROG" --jsonl >"$T/out"
is '--jsonl: a curly quote counts one character' \
	"$(grep -o '"start":[0-9]*,"end":[0-9]*' "$T/out")" '"start":0,"end":6'
printf '\342\200\234Yes,\342\200\235 Smith said.\n' | "$PROG" -f tsv >"$T/out"
is '-f tsv on plain text: bytes by default' "$(cut -f1,2 "$T/out")" "$(printf '0\t10')"
printf '\342\200\234Yes,\342\200\235 Smith said.\n' |
	"$PROG" -f tsv --offsets=chars >"$T/out"
is '-f tsv --offsets=chars' "$(cut -f1,2,5,6 "$T/out")" "$(printf '0\t6\t7\t12')"

# a second run changes nothing, and keeps each quote's text
for a in '' '-f inline' '-a -f inline'; do
	# shellcheck disable=SC2086
	"$PROG" --jsonl $a "$D/offsets.jsonl" >"$T/once"
	# shellcheck disable=SC2086
	"$PROG" --jsonl $a "$T/once" >"$T/twice"
	ok "--jsonl $a: a second run changes nothing" cmp -s "$T/once" "$T/twice"
done
# warnings name the record
{
	printf '{"id":"r1","text":"None."}\n{"id":"r7","text":"'
	awk 'BEGIN { for (i = 0; i < 17000; i++) printf "She said \\\"yes.\\\" " }'
	printf '"}\n'
} >"$T/many"
"$PROG" --jsonl "$T/many" >/dev/null 2>"$T/err"
ok 'the quote limit warning names the record' \
	grep -q 'line 2 (id "r7"): a record has 17000 quotes' "$T/err"

ok 'the manual says what offsets count' \
	grep -q 'Fl -offsets Ns = Ns Cm bytes' "$top/filters/quotetag.1"
done_testing
