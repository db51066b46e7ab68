#!/bin/sh
# sentsplit -u: Unicode's SentenceBreakTest.txt, every line, through the
# UAX #29 code of filters/sentsplit.c (built here into a small runner).
. "${0%/*}/lib.sh"
PROG=$BIN/sentsplit

src=$top/tests/data/sentsplit/uax29-test.c
data=$top/scripts/gen/ucd/SentenceBreakTest.txt
pc=${PKG_CONFIG:-pkg-config}
if ! ${CC:-cc} -std=c99 -D_DEFAULT_SOURCE -D_GNU_SOURCE -I"$top" \
	-Dmain=sentsplit_main $($pc --cflags libutf8proc jansson) \
	-o "$T/uax29-test" "$src" "$top/filters/sentsplit_data.c" \
	"$top/libcommon.a" $($pc --libs libpcre2-8 libutf8proc jansson) \
	2>"$T/cc.err"; then
	fail 'build the UAX #29 runner'
	diag "$(cat "$T/cc.err")"
	done_testing
	exit
fi
"$T/uax29-test" "$data" >"$T/tap"
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
