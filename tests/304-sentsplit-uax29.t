#!/bin/sh
# sentsplit -u: Unicode's SentenceBreakTest.txt, every line, through the
# UAX #29 code of filters/sentsplit.c (bin/test-uax29, built by make).
. "${0%/*}/lib.sh"
PROG=$BIN/sentsplit

data=$top/scripts/gen/ucd/SentenceBreakTest.txt
"$BIN/test-uax29" "$data" >"$T/tap"
ok 'SentenceBreakTest.txt: runner exits 0' test $? -eq 0
total=$(grep -c '^ok ' "$T/tap")
bad=$(grep -c '^not ok ' "$T/tap")
is 'SentenceBreakTest.txt: every line passes' "$bad failed, $total passed" \
	"0 failed, $(grep -c '^÷' "$data") passed"
grep -A2 '^not ok' "$T/tap" | head -20 | while read -r l; do diag "$l"; done

# the same rules through the filter
t '-u: U.S.A. stays' '-u' 'He lives in the U.S.A. now.\n' 'He lives in the U.S.A. now.\n'
t '-u: break before a capital' '-u' 'Mr. Smith left.\n' 'Mr.\nSmith left.\n'
t '-u: every line feed breaks' '-u' 'one\ntwo\n\nthree\n' 'one\ntwo\n\nthree\n'
t '-u: CJK stop' '-u' '\345\255\227\343\200\202\345\256\203\n' '\345\255\227\343\200\202\n\345\256\203\n'

done_testing
