#!/bin/sh
# See LICENSE file for copyright and license details.
# unmojibake: clean text in many languages passes byte for byte, and the
# filter is idempotent on its fixtures and the samples.
. "${0%/*}/lib.sh"
PROG=$BIN/unmojibake
D=$top/tests/data/unmojibake

$PROG <"$D/clean.txt" >"$T/out"
ok 'clean multilingual text unchanged' cmp -s "$D/clean.txt" "$T/out"
$PROG -z <"$D/clean.txt" >"$T/out"
ok 'clean text unchanged with -z' cmp -s "$D/clean.txt" "$T/out"
# the whole fixture as UTF-8 read as Latin-1 comes back byte for byte
iconv -f ISO-8859-1 -t UTF-8 <"$D/clean.txt" >"$T/latin1"
$PROG <"$T/latin1" >"$T/out"
ok 'clean text read as Latin-1 is repaired exactly' cmp -s "$D/clean.txt" "$T/out"
iconv -f CP437 -t UTF-8 <"$D/clean.txt" >"$T/cp437"
$PROG <"$T/cp437" >"$T/out"
n=$(diff "$D/clean.txt" "$T/out" | grep -c '^<')
ok "clean text read as cp437 is repaired (all but $n of the lines)" [ "$n" -le 5 ]
for f in "$T/latin1" "$T/cp437" "$D/clean.txt" "$D/mojibake.txt" "$top"/samples/*.txt; do
	$PROG <"$f" >"$T/once"
	$PROG <"$T/once" >"$T/twice"
	ok "idempotent: ${f##*/}" cmp -s "$T/once" "$T/twice"
done
# the seed with lossy Thai quotes: no lone U+0E42 is left
set -- "$top"/samples/001_*.txt
$PROG <"$1" >"$T/seed"
ok 'seed 001: no lone Thai U+0E42 left' sh -c "! grep -q 'โ' '$T/seed'"
ok 'seed 001: apostrophes restored' grep -q 'they’re' "$T/seed"
done_testing
