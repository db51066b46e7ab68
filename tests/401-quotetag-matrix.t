#!/bin/sh
# quotetag: the bad-input matrix, record modes, options, and the promise
# that deleting the tags gives back the input (on every corpus we have).
. "${0%/*}/lib.sh"
PROG=$BIN/quotetag
D=$top/tests/data/quotetag

# untag FILE: delete quotetag's tags with a plain regex, not with -u
untag() {
	perl -0777 -pe 's/<q who="[^"<>]*" cue="[^"<>]*">|<\/q>//g' "$1"
}

t 'empty input' '' '' ''
t 'empty input, jsonl' '-f jsonl' '' ''
t 'no final newline' '' '"Yes," Smith said.' \
	'<q who="Smith" cue="said">"Yes,"</q> Smith said.'
t 'NUL byte passes through' '' '"Ye\0s," Smith said.\0\n' \
	'<q who="Smith" cue="said">"Ye\0s,"</q> Smith said.\0\n'
t 'NUL byte in jsonl text' '-f jsonl' '"Ye\0s," Smith said.\n' \
	'{"start":0,"end":7,"text":"\\"Ye\\u0000s,\\"","speaker":"Smith","speaker_start":8,"speaker_end":13,"cue":"said","cue_start":14,"cue_end":18,"kind":"direct","cont":false}\n'
t 'invalid UTF-8 passes through' '' '"Bad \377\300 bytes," Smith said.\n' \
	'<q who="Smith" cue="said">"Bad \377\300 bytes,"</q> Smith said.\n'
t 'invalid UTF-8 becomes U+FFFD in JSON, offsets stay bytes' '-f tsv' \
	'"Bad \377 byte," Smith said.\n' \
	'0\t13\t"Bad \377 byte,"\tSmith\t14\t19\tsaid\tdirect\t0\n'
printf '"Bad \377 byte," Smith said.\n' | $PROG -f jsonl >"$T/j"
ok 'invalid UTF-8: jsonl is valid JSON' perl -MJSON::PP -ne \
	'my $o = JSON::PP->new->utf8->decode($_); exit 1 unless $o->{text} =~ /\x{FFFD}/ && $o->{end} == 13' "$T/j"
t 'truncated UTF-8 at the end' '' '"Yes," Smith said \342\200' \
	'<q who="Smith" cue="said">"Yes,"</q> Smith said \342\200'
t 'truncated curly quote is not a mark' '' '\342\200 Yes \342\200\235' \
	'\342\200 Yes \342\200\235'

# a >64 KiB line with quotes all along: spans buffer boundaries
awk 'BEGIN { for (i = 0; i < 3000; i++)
	printf "\"We will win number %d,\" Smith said. ", i; print "" }' >"$T/long"
$PROG "$T/long" >"$T/long.out"
ok '>64 KiB line: exit 0' test $? -eq 0
ok '>64 KiB line: every quote tagged' test "$(grep -o '<q who="Smith"' "$T/long.out" | wc -l)" -eq 3000
untag "$T/long.out" >"$T/long.back"
ok '>64 KiB line: tags removed give the input' cmp -s "$T/long" "$T/long.back"

write_errors $PROG
# -f jsonl prints nothing for write_errors' text, which has no quotes
$PROG -f jsonl "$T/long" >/dev/full 2>"$T/e"
ok '-f jsonl >/dev/full: exit 1' test $? -eq 1
ok '-f jsonl >/dev/full: ENOSPC' grep -q 'write error: No space left on device' "$T/e"

# record modes
printf '"One," Smith said.\n\0"Two," Jones said.\n' | $PROG -z >"$T/z"
printf '<q who="Smith" cue="said">"One,"</q> Smith said.\n\0<q who="Jones" cue="said">"Two,"</q> Jones said.\n' >"$T/z.exp"
ok '-z: each document tagged on its own' cmp -s "$T/z" "$T/z.exp"
printf '"One," Smith said.\0"Two," he said.' | $PROG -z -f tsv >"$T/z"
printf '0\t6\t"One,"\tSmith\t7\t12\tsaid\tdirect\t0\n\0000\t6\t"Two,"\the\t7\t9\tsaid\tdirect\t0\n' >"$T/z.exp"
ok '-z: offsets and pronouns start again in each document' cmp -s "$T/z" "$T/z.exp"
printf '{"id":7,"text":"\\"Yes,\\" Smith said."}\n' | $PROG --jsonl >"$T/j"
is '--jsonl: text kept, a quotes array indexing it' "$(cat "$T/j")" \
	'{"id":7,"text":"\"Yes,\" Smith said.","quotes":[{"start":0,"end":6,"text":"\"Yes,\"","speaker":"Smith","speaker_start":7,"speaker_end":12,"cue":"said","cue_start":13,"cue_end":17,"kind":"direct","cont":false}]}'
printf '{"id":7,"text":"\\"Yes,\\" Smith said."}\n' | $PROG --jsonl -f inline >"$T/j"
is '--jsonl -f inline: tagged text, offsets into it' "$(cat "$T/j")" \
	'{"id":7,"text":"<q who=\"Smith\" cue=\"said\">\"Yes,\"</q> Smith said.","quotes":[{"start":26,"end":32,"text":"\"Yes,\"","speaker":"Smith","speaker_start":37,"speaker_end":42,"cue":"said","cue_start":43,"cue_end":47,"kind":"direct","cont":false}]}'
printf '{"id":7,"text":"\\"Yes,\\" Smith said."}\n' | $PROG --jsonl -f jsonl >"$T/j"
is '--jsonl -f jsonl: text kept, quotes array added' "$(cat "$T/j")" \
	'{"id":7,"text":"\"Yes,\" Smith said.","quotes":[{"start":0,"end":6,"text":"\"Yes,\"","speaker":"Smith","speaker_start":7,"speaker_end":12,"cue":"said","cue_start":13,"cue_end":17,"kind":"direct","cont":false}]}'
printf '{"text":"\\"Yes,\\" Smith said.", "quotes": 3, "id":7}\n' | $PROG --jsonl -f jsonl >"$T/j"
is '--jsonl: a quotes field already there is replaced where it stands' "$(cat "$T/j")" \
	'{"text":"\"Yes,\" Smith said.", "quotes": [{"start":0,"end":6,"text":"\"Yes,\"","speaker":"Smith","speaker_start":7,"speaker_end":12,"cue":"said","cue_start":13,"cue_end":17,"kind":"direct","cont":false}], "id":7}'
printf '{"text": "None."}\n' | $PROG --jsonl >"$T/j"
is '--jsonl: no quotes, an empty array' "$(cat "$T/j")" '{"text": "None.","quotes":[]}'
printf '{"id":1,"body":"x"}\nnot json\n' | $PROG --jsonl=body >"$T/j" 2>"$T/e"
ok '--jsonl: a bad line passes through and sets exit 1' test $? -eq 1
is '--jsonl: the bad line is kept' "$(sed -n 2p "$T/j")" 'not json'

# options
$PROG -x </dev/null >/dev/null 2>&1
ok 'unknown option: exit 2' test $? -eq 2
$PROG -f xml </dev/null >/dev/null 2>&1
ok 'unknown format: exit 2' test $? -eq 2
$PROG --help >"$T/h"
ok '--help: exit 0' test $? -eq 0
ok '--help starts with the usage line of the man page' \
	test "$(sed -n 1p "$T/h")" = 'usage: quotetag [-ahsuz] [-f format] [--jsonl[=field]] [file ...]'
$PROG --version >/dev/null
ok '--version: exit 0' test $? -eq 0
$PROG "$T/nonexistent" >/dev/null 2>"$T/e"
ok 'missing file: exit 1' test $? -eq 1
grep -q 'nonexistent' "$T/e"
ok 'missing file: named on stderr' test $? -eq 0

# tags removed give the input back; running twice changes nothing
printf 'A literal <q> and </q> and <q who="x">, "quoted </q> text," she said.\n' >"$T/lit"
printf '<q who="a" cue="b">"Already tagged,"</q> Smith said. Then </q> alone.\n' >"$T/lit2"
for f in "$top"/samples/*.txt "$D"/*.txt "$T/long" "$T/lit"; do
	n=${f##*/}
	$PROG "$f" >"$T/once"
	$PROG -u "$T/once" >"$T/back"
	ok "$n: -u gives back the input" cmp -s "$f" "$T/back"
	if ! grep -q '</q>\|<q who="' "$f"; then
		untag "$T/once" >"$T/back"
		ok "$n: deleting the tags gives back the input" cmp -s "$f" "$T/back"
	fi
	$PROG "$T/once" >"$T/twice"
	ok "$n: idempotent" cmp -s "$T/once" "$T/twice"
done
$PROG "$T/lit2" >"$T/once"
ok 'earlier markup is replaced, not doubled' \
	test "$(grep -o '<q ' "$T/once" | wc -l)" -eq 1
$PROG -f jsonl "$T/lit2" >"$T/j"
ok 'offsets point into the input as given (after earlier markup)' \
	perl -MJSON::PP -ne 'my $o = JSON::PP->new->decode($_); exit 1 unless $o->{start} == 19 && $o->{end} == 36' "$T/j"

# linear time: a million quote marks and a million apostrophes
awk 'BEGIN { for (i = 0; i < 250000; i++) printf "\"ab cd\" x \"e\" '"'"'t O'"'"'B '"'"'s "; print "" }' >"$T/many"
s0=$(date +%s)
$PROG -f jsonl "$T/many" >/dev/null
s1=$(date +%s)
ok 'a million quote marks in a few seconds' test $((s1 - s0)) -lt 10
awk 'BEGIN { for (i = 0; i < 200000; i++) printf "\"Ab cd.\" "; print "" }' >"$T/many"
s0=$(date +%s)
$PROG -f jsonl "$T/many" >/dev/null
s1=$(date +%s)
ok '200000 unattributed quotes on one line in a few seconds' test $((s1 - s0)) -lt 10
printf '\342\200\234%.0s' $(seq 1 20000) >"$T/opens"
$PROG "$T/opens" >"$T/out"
ok 'twenty thousand open marks: passes through' cmp -s "$T/opens" "$T/out"
done_testing
