#!/bin/sh
# Where the record reader cuts a document into windows changes no decision
# (issue 17): at many window sizes (--window) quotetag writes what it
# writes with the default window, and a second run at the same size
# changes nothing. The inputs: one sentence a line, a quote and its cue on
# two lines ("“We will win number N today.”\nSmith said."), where a cut
# between them separated the quote from its cue and the tags moved the
# cut in the second run; one long line of quotes; the samples and the
# fixtures; earlier and stray markup.
. "${0%/*}/lib.sh"
PROG=$BIN/quotetag
D=$top/tests/data/quotetag

awk 'BEGIN { split("Smith,Mary Jones,Tom Reed,Lopez", n, ",")
	for (i = 0; i < 300; i++)
		printf "\342\200\234We will win number %d today.\342\200\235\n%s said.\n", i, n[i % 4 + 1] }' >"$T/lines"
awk 'BEGIN { for (i = 0; i < 300; i++)
	printf "\"We will win number %d,\" Smith said. \"Yes.\" He said \"no\" to %d. ", i, i; print "" }' >"$T/oneline"
awk 'BEGIN { for (i = 0; i < 200; i++)
	printf "<q who=\"a\" cue=\"b\">\"x %d\" y</q> Smith said. A </q> b \"c,\" he said.\n", i }' >"$T/markup"
"$PROG" "$T/lines" >"$T/tagged"
cat "$top"/samples/*.txt "$D"/*.txt >"$T/corpus"
# fuzz-quotetag: pieces of markup the verifier pairs, where the input is
# written as it was from one boundary to the next (the boundaries were
# where output happened to be given out, which the window decided)
tail -c +3 "$top/tests/fuzz/seeds/quotetag-fallback-boundaries" >"$T/fallback"

bad=""
for f in "$T/lines" "$T/oneline" "$T/markup" "$T/tagged" "$T/corpus" \
    "$T/fallback"; do
	for a in '' '-a' '-f tsv'; do
		# shellcheck disable=SC2086
		"$PROG" $a "$f" >"$T/w0"
		for w in 64 77 100 333 1000 4096; do
			# shellcheck disable=SC2086
			"$PROG" $a --window=$w "$f" >"$T/w1"
			cmp -s "$T/w0" "$T/w1" ||
				bad="$bad ${f##*/}:$a:window=$w"
			[ "$a" = '-f tsv' ] && continue
			# shellcheck disable=SC2086
			"$PROG" $a --window=$w "$T/w1" >"$T/w2"
			cmp -s "$T/w1" "$T/w2" ||
				bad="$bad ${f##*/}:$a:window=$w:second-run"
		done
	done
done
is 'every window size writes what the default window writes, and a second run changes nothing' "$bad" ""

done_testing
