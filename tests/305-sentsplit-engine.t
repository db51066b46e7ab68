#!/bin/sh
# sentsplit as an engine: each object holds all its state, so two of them
# in one process (a copydesk chain) give what the pipe of two programs
# gives, options and all.
. "${0%/*}/lib.sh"
PROG=$BIN/sentsplit

printf 'one\ntwo\n\nThe plan was\nsimple. It worked.\n' >"$T/lines"
printf '\316\240\316\277\317\215 \316\265\316\257\316\275\316\261\316\271; \316\232\316\261\316\273\316\254.\n' >"$T/greek"
cat "$T/lines" "$T/greek" "$top"/tests/data/sentsplit/*.txt >"$T/in"
for pair in '-l|' '|-l' '-w|-l' '-L el|' '|-L el' '-u|' '-l|-w' '-L de -w|-L el'; do
	a=${pair%|*} b=${pair#*|}
	# shellcheck disable=SC2086
	$PROG $a <"$T/in" | $PROG $b >"$T/pipe"
	copydesk "sentsplit $a | sentsplit $b" <"$T/in" >"$T/chain"
	ok "chain = pipe: sentsplit $a | sentsplit $b" cmp -s "$T/pipe" "$T/chain"
done
done_testing
