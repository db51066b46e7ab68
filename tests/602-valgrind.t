#!/bin/sh
# Valgrind (memcheck, full leak check) over the C unit tests of common/
# and every filter on a small mixed input (fuzz seeds, hostile soup, a
# sample), plain and --jsonl. Skipped when valgrind is not installed.
# tests/fuzz/valgrind.supp holds the one suppression (PCRE2 JIT read-ahead).
. "${0%/*}/lib.sh"

if ! command -v valgrind >/dev/null 2>&1; then
	skip "valgrind" "valgrind is not installed"
	done_testing
	exit
fi
# make SAN=1: AddressSanitizer and valgrind do not mix
for b in "$BIN"/test-utf8 "$BIN"/sentsplit; do
	if [ -f "$b" ] && grep -q -a __asan_init "$b"; then
		skip "valgrind" "the programs are built with sanitizers (SAN=1)"
		done_testing
		exit
	fi
done
if static_build; then
	skip "valgrind" "static programs (make static): valgrind cannot follow their malloc"
	done_testing
	exit
fi
VG="valgrind -q --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite,indirect --suppressions=$top/tests/fuzz/valgrind.supp"

# vg DESC CMD...: stdin as given; pass if valgrind reports nothing
vg() {
	_d=$1
	shift
	# shellcheck disable=SC2086
	$VG "$@" >"$T/vg.out" 2>"$T/vg.err"
	_st=$?
	if [ "$_st" -ne 99 ] && ! grep -q '^==[0-9]*==' "$T/vg.err"; then
		pass "$_d"
	else
		fail "$_d"
		grep '^==[0-9]*==' "$T/vg.err" | head -20 | sed 's/^/# /'
	fi
}

for u in test-buf test-rec test-unitab test-utf8; do
	if [ -x "$BIN/$u" ]; then
		vg "valgrind: $u" "$BIN/$u" </dev/null
		ok "valgrind: $u: its own tests pass" eval "! grep -q '^not ok' '$T/vg.out'"
	else
		skip "valgrind: $u" "bin/$u is not built"
	fi
done

"$top/tests/fuzz/gen-hostile" "$T/gen" || bail "tests/fuzz/gen-hostile failed"
cat "$top"/tests/fuzz/seeds/* "$T/gen/soup-2" "$T/gen/trunc-utf8" \
	"$T/gen/bytes-lines" "$top"/samples/*.txt >"$T/in"
perl -MJSON::PP -e 'binmode STDIN; local $/; my $t = <STDIN>;
	my $j = JSON::PP->new->canonical;
	print $j->encode({id => $_, text => $t}), "\n" for 1 .. 2' \
	<"$(ls "$top"/samples/*.txt | head -1)" >"$T/in.jsonl" ||
	bail "could not write $T/in.jsonl"
for prog in unmojibake unboiler sentsplit quotetag; do
	if [ ! -x "$BIN/$prog" ]; then
		skip "valgrind: $prog" "bin/$prog is not built"
		continue
	fi
	vg "valgrind: $prog" "$BIN/$prog" <"$T/in"
	vg "valgrind: $prog --jsonl" "$BIN/$prog" --jsonl <"$T/in.jsonl"
done
vg "valgrind: quotetag -f jsonl" "$BIN/quotetag" -f jsonl <"$T/in"
vg "valgrind: unboiler -m" "$BIN/unboiler" -m <"$T/in"
done_testing
