#!/bin/sh
# unboiler as an engine: two engine objects in one process (the chain
# copydesk 'unboiler ... | unboiler ...') keep apart their options,
# tables, counts and line counts: the chain gives what the pipe of two
# processes gives.
. "${0%/*}/lib.sh"
PROG=$BIN/unboiler
D=$top/tests/data/unboiler

for f in "$D"/*.txt "$top"/samples/*.txt; do
	cat "$f"
	printf '\0'
done >"$T/all.z"

# chain "A | B" against the pipe of the same two programs, with -z
same() {
	desc=$1 a=$2 b=$3
	$PROG -z $a <"$T/all.z" | $PROG -z $b >"$T/pipe.out" 2>"$T/pipe.err"
	"$BIN/copydesk" -z "unboiler $a | unboiler $b" <"$T/all.z" \
		>"$T/chain.out" 2>"$T/chain.err"
	ok "$desc: exit 0" test $? -eq 0
	ok "$desc: the chain gives what the pipe gives" \
		cmp -s "$T/pipe.out" "$T/chain.out"
}

same 'a language forced in one only' '-L ru' ''
same 'detected, then forced' '' '-L ru'
same '--mark in the first only' '-m' ''
$PROG -z -l "$T/counts" <"$T/all.z" >/dev/null
same '--known in the first only' "-k $T/counts -n 2" ''
same '--known in the second only' '' "-k $T/counts -n 2"

# each stage learns its own counts
$PROG -z -l "$T/a.pipe" <"$T/all.z" | $PROG -z -l "$T/b.pipe" >/dev/null
"$BIN/copydesk" -z "unboiler -l $T/a.chain | unboiler -l $T/b.chain" \
	<"$T/all.z" >/dev/null
ok '--learn in both: the first stage counts as alone' \
	cmp -s "$T/a.pipe" "$T/a.chain"
ok '--learn in both: the second stage counts as alone' \
	cmp -s "$T/b.pipe" "$T/b.chain"

# --stats: each stage counts its own documents and lines
"$BIN/copydesk" -z --stats 'unboiler -L ru | unboiler' <"$T/all.z" \
	>/dev/null 2>"$T/stats"
$PROG -z --stats -L ru <"$T/all.z" 2>"$T/stats1" |
	$PROG -z --stats >/dev/null 2>"$T/stats2"
for k in lines_kept lines_deleted; do
	is "--stats: $k of the two stages" \
		"$(grep -o "$k [0-9]*" "$T/stats" | tr '\n' ' ')" \
		"$(cat "$T/stats1" "$T/stats2" | grep -o "$k [0-9]*" | tr '\n' ' ')"
done

done_testing
