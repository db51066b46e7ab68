#!/bin/sh
# unboiler's word count (bit masks, 64 bytes at a time) against a plain
# loop, on the samples, unboiler's fixtures, non-ASCII lines and generated
# lines, each moved across the block boundaries (tests/unit/test-words.c;
# it prints TAP itself). The last file holds lines of more than 255 stop
# words of one language, past the point where the packed counts move on
# (tally_move in filters/unboiler.c).
top=$(cd "$(dirname "$0")/.." && pwd)
T=$(mktemp -d "${TMPDIR:-/tmp}/copydesk-test.XXXXXX") || exit 1
trap 'rm -rf "$T"' EXIT
perl -e 'srand(1); my @w = qw(the and of der die und la le de el il house river cat);
	print join(" ", map { $w[int rand @w] } 1 .. 3000), "\n";
	print join(" ", ("the") x 1000), "\n";
	print join(" ", ("und") x 600), " ", join(" ", ("la") x 700), "\n"' >"$T/long.txt"
"$top/bin/test-words" "$top"/samples/*.txt "$top"/tests/data/unboiler/*.txt \
	"$top"/tests/data/relit/wide.txt "$T/long.txt"
