#!/bin/sh
# sentsplit: the bad-input matrix, record modes, properties (only whitespace
# changes; f(f(x)) == f(x)) and linear time on adversarial input.
. "${0%/*}/lib.sh"
PROG=$BIN/sentsplit

t 'NUL byte passes' '' 'A\000b. Next.\n' 'A\000b.\nNext.\n'
t 'invalid UTF-8 passes' '' 'Bad \377\376 bytes. Next.\n' 'Bad \377\376 bytes.\nNext.\n'
t 'truncated UTF-8 at the end' '' 'Cut. Here \342\200' 'Cut.\nHere \342\200\n'
t 'invalid byte after a stop' '' 'End.\300 Next.\n' 'End.\300 Next.\n'
t 'CR only inside a line' '' 'One.\rTwo.\n' 'One.\nTwo.\n'
t '-z: two documents' '-z' 'One. Two.\000Three.\n\000' 'One.\nTwo.\n\000Three.\n\000'
t '-z: a space before the NUL' '-z' 'One. Two. \000Three. ' 'One.\nTwo.\n\000Three.\n'
t '-z: last document without NUL' '-z' 'One.\000Two. Three.' 'One.\n\000Two.\nThree.\n'
t '--jsonl: text field' '--jsonl' '{"id":1,"text":"One. Two."}\n' '{"id":1,"text":"One.\\nTwo.\\n"}\n'
t '--jsonl=body' '--jsonl=body' '{"body":"Up. Down.","text":"C. D."}\n' '{"body":"Up.\\nDown.\\n","text":"C. D."}\n'
t '--jsonl: other lines pass' '--jsonl' '\n{"x":1}\n' '\n{"x":1}\n'
check_filter 'usage error' 2 '' $PROG --no-such-option </dev/null
check_filter '--version' 0 "sentsplit (copydesk) $(sed -n 's/^VERSION = //p' "$top/config.mk")\n" $PROG --version </dev/null

is '--stats counts sentences and paragraphs' \
	"$(printf 'One. Two.\n\n\nThree.\n' | $PROG --stats=json 2>&1 >/dev/null)" \
	'{"program":"sentsplit","records":1,"bytes_in":19,"bytes_out":18,"empty":0,"sentences":3,"paragraphs":2,"lang_und":1}'

# a 100 KiB line spans the read buffers
awk 'BEGIN { for (i = 0; i < 2000; i++) printf "Word %d is here. ", i; print "" }' >"$T/long"
$PROG <"$T/long" >"$T/long.out"
is 'long line: one sentence a line' "$(wc -l <"$T/long.out" | tr -d ' ')" 2000
is 'long line: sentences intact' "$(sed -n '1999p' "$T/long.out")" 'Word 1998 is here.'

write_errors $PROG

# Properties on every corpus the tests use.
squeeze() {
	tr -d ' \t\n\r\f\v' <"$1"
}
prop() {
	_f=$1
	shift
	"$@" <"$_f" >"$T/p1" && "$@" <"$T/p1" >"$T/p2"
	squeeze "$_f" >"$T/s0"
	squeeze "$T/p1" >"$T/s1"
	ok "only whitespace changes: $* < ${_f##*/}" cmp -s "$T/s0" "$T/s1"
	ok "idempotent: $* < ${_f##*/}" cmp -s "$T/p1" "$T/p2"
}
printf 'Odd . . . . End.\r\n\r\nA\000B.  C? \377 d.\n\n\n  x\n' >"$T/odd.txt"
for f in "$top"/tests/data/sentsplit/*.txt "$top"/samples/*.txt "$T/odd.txt" "$T/long"; do
	[ -f "$f" ] || continue
	prop "$f" $PROG
	prop "$f" $PROG -w
	prop "$f" $PROG -l
	prop "$f" $PROG -u
done
prop "$top/tests/data/sentsplit/multi.txt" $PROG -L de
# seeded random bytes, rich in stops, quotes, spaces and line breaks
awk 'BEGIN { srand(7); s = ".!?;:\"\047()[] \n\n\t,-aZ1";
	for (i = 0; i < 300000; i++) {
		r = rand();
		if (r < 0.5) printf "%s", substr(s, int(rand() * length(s)) + 1, 1);
		else printf "%c", int(rand() * 256);
	} }' >"$T/rand.txt"
for o in '' -w -l -u '-L ar' '-L hy' '-L zh'; do
	prop "$T/rand.txt" $PROG $o
done

# A paragraph longer than the 4 MiB record window is cut into pieces.
awk 'BEGIN { s = "The cat sat on the mat and looked at the dog, which slept. ";
	for (i = 0; i < 160000; i++) printf "%s", s; print "" }' >"$T/big"
$PROG <"$T/big" >"$T/big.out"
is 'window: every sentence on its line' "$(sort -u "$T/big.out")" \
	'The cat sat on the mat and looked at the dog, which slept.'
squeeze "$T/big" >"$T/s0"
squeeze "$T/big.out" >"$T/s1"
ok 'window: only whitespace changes' cmp -s "$T/s0" "$T/s1"

# Linear time: each of these takes well under a second.
awk 'BEGIN { for (i = 0; i < 1000000; i++) printf "."; print "" }' >"$T/a1"
awk 'BEGIN { for (i = 0; i < 300000; i++) printf "a. "; print "" }' >"$T/a2"
awk 'BEGIN { for (i = 0; i < 100000; i++) printf "(\"\342\200\234["; printf "Hi. There";
	for (i = 0; i < 100000; i++) printf "]\342\200\235\")"; print "" }' >"$T/a3"
awk 'BEGIN { for (i = 0; i < 300000; i++) printf ". "; print "" }' >"$T/a4"
awk 'BEGIN { for (i = 0; i < 200000; i++) printf "1. b) \342\200\242 "; print "" }' >"$T/a5"
awk 'BEGIN { for (i = 0; i < 2000000; i++) printf " "; printf "x\n";
	for (i = 0; i < 300000; i++) print "" }' >"$T/a6"
for f in a1 a2 a3 a4 a5 a6; do
	for o in '' -w -u; do
		ok "linear time: $o $f" \
		    sh -c "timeout 10 '$PROG' $o '$T/$f' >/dev/null"
	done
done

done_testing
