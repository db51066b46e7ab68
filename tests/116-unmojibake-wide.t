#!/bin/sh
# See LICENSE file for copyright and license details.
# unmojibake: a document that starts with a UTF-16 or UTF-32 byte order
# mark is decoded (and repaired), whatever the reader's units and cuts
# (issue 16: it passed through as NUL-interleaved text).
. "${0%/*}/lib.sh"
PROG=$BIN/unmojibake

for enc in UTF-16 UTF-16LE UTF-16BE UTF-32 UTF-32LE UTF-32BE; do
	# iconv writes a mark for UTF-16 and UTF-32 only; add it otherwise
	case $enc in
	UTF-16LE) printf '\377\376' ;;
	UTF-16BE) printf '\376\377' ;;
	UTF-32LE) printf '\377\376\0\0' ;;
	UTF-32BE) printf '\0\0\376\377' ;;
	esac >"$T/in"
	printf 'Hi\nIt’s “fine”, cafÃ©\n' | iconv -f UTF-8 -t $enc >>"$T/in"
	$PROG <"$T/in" >"$T/out"
	ok "$enc: exit 0" [ $? -eq 0 ]
	printf 'Hi\nIt’s “fine”, café\n' >"$T/want"
	ok "$enc: decoded and repaired" cmp -s "$T/out" "$T/want"
done
# long lines in small windows: cuts fall inside characters and lines
awk 'BEGIN { for (i = 0; i < 300; i++) {
	printf "Line %d: cafÃ© Ã©tÃ© ä¸­æ–‡ “ok” ", i
	if (i % 7 == 0) printf "\n" } }' | iconv -f UTF-8 -t UTF-16 >"$T/long"
$PROG <"$T/long" >"$T/want"
for w in 64 65 100 257 1000 4096; do
	$PROG --window=$w <"$T/long" >"$T/out"
	ok "UTF-16, window $w: as with the default window" cmp -s "$T/out" "$T/want"
done
ok 'UTF-16 long lines: repaired' grep -q 'café été 中文 “ok”' "$T/want"
$PROG <"$T/want" >"$T/twice"
ok 'idempotent' cmp -s "$T/want" "$T/twice"
# broken input: a lone surrogate, an odd last byte
t 'lone surrogate is U+FFFD' '' '\377\376a\000\000\330b\000' 'a\357\277\275b'
t 'odd last byte is U+FFFD' '' '\377\376a\000b' 'a\357\277\275'
t 'a mark alone is an empty document' '' '\376\377' ''
t 'UTF-8 mark is kept' '' '\357\273\277Hi\n' '\357\273\277Hi\n'
t 'a mark only at the start' '' 'Hi \377\376\n' 'Hi ÿþ\n'
# fuzz-unmojibake: a document that ends while its first bytes may still
# start a mark (held to tell) is told at its end
t 'a lone FF is not a mark' '' '\377' 'ÿ'
t '-z: a lone FF document' '-z' 'a\0\377\0' 'a\0ÿ\0'
t 'the start of a UTF-32 mark at the end is UTF-16' '' '\377\376\0' '\357\277\275'
done_testing
