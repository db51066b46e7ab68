#!/bin/sh
# See LICENSE file for copyright and license details.
# unmojibake: where the reader cuts (its window) changes nothing, and
# lines longer than the pieces it repairs them in come out the same on a
# second run (issue 17: long lines of mojibake with a " โ " inside were
# not idempotent; small windows gave other repairs).
. "${0%/*}/lib.sh"
PROG=$BIN/unmojibake

# lines of 200-300 KB of mojibake tokens, plain words and now and then
# a lossy Thai U+0E42
awk -v seed=2 'BEGIN {
	srand(seed)
	n = split("cafÃ© Ã©tÃ© naÃ¯ve MÃ¼ller â€œquotedâ€\235 itâ€™s SÃ£o " \
	    "dÃ©jÃ  â€” â€“ â€¦ straÃŸe ÃŸ Ã¼ber cafe the and of 2000 a x " \
	    "word news text line — “ok” été", w, " ")
	for (l = 0; l < 4; l++) {
		len = 200000 + int(rand() * 100000)
		for (b = 0; b < len; b += length(t) + 1) {
			r = rand()
			t = r < 0.004 ? "โ" : w[1 + int(rand() * n)]
			printf "%s ", t
		}
		printf "\n"
	}
}' >"$T/long"
cat "$T/long" "$top"/tests/data/unmojibake/*.txt "$top"/samples/*.txt >"$T/in"
$PROG <"$T/in" >"$T/want"
for w in 64 65 100 127 256 1000 4096 65536 131072 200000; do
	$PROG --window=$w <"$T/in" >"$T/out"
	ok "window $w: as with the default window" cmp -s "$T/out" "$T/want"
done
$PROG <"$T/want" >"$T/twice"
ok 'long lines: idempotent' cmp -s "$T/want" "$T/twice"
$PROG -z --window=100 <"$T/in" >"$T/out"
ok '-z, window 100: as without -z' cmp -s "$T/out" "$T/want"
done_testing
