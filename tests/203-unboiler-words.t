#!/bin/sh
# unboiler's word count (bit masks, 64 bytes at a time) against a plain
# loop, on the samples, unboiler's fixtures, non-ASCII lines and generated
# lines, each moved across the block boundaries (tests/unit/test-words.c;
# it prints TAP itself).
top=$(cd "$(dirname "$0")/.." && pwd)
"$top/bin/test-words" "$top"/samples/*.txt "$top"/tests/data/unboiler/*.txt \
	"$top"/tests/data/relit/wide.txt
