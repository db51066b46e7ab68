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
for f in "$D/clean.txt" "$D/mojibake.txt" "$top"/samples/*.txt; do
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
