#!/bin/sh
# libcopydesk from C: bin/test-lib (linked statically) and bin/test-lib-so
# (dynamically) drive the public API with two handles in turn, streamed
# input and records, against the programs' own pipe on every sample and
# fixture; valgrind finds no error or leak in either.
. "${0%/*}/lib.sh"

for f in "$top"/samples/*.txt "$top"/tests/data/quotetag/*.txt; do
	[ -f "$f" ] || continue
	unmojibake <"$f" | unboiler | sentsplit | quotetag >"$T/${f##*/}.out"
	set -- "$@" "$f"
done
progs='test-lib test-lib-so'
noshared && progs=test-lib
for prog in $progs; do
	"$BIN/$prog" "$T" "$@" >"$T/tap" 2>"$T/err"
	st=$?
	is "$prog: exit 0" "$st" 0
	n=$(grep -c '^ok ' "$T/tap")
	bad=$(grep -c '^not ok' "$T/tap")
	is "$prog: every check of its own passes ($n)" "$bad" 0
	[ "$bad" -eq 0 ] || diag "$(grep '^not ok' "$T/tap")"
done
if command -v valgrind >/dev/null 2>&1 && ! sanitized && ! static_build; then
	for prog in $progs; do
		valgrind -q --error-exitcode=9 --leak-check=full \
			--errors-for-leak-kinds=definite,indirect \
			"$BIN/$prog" "$T" "$top"/samples/000_*.txt >/dev/null 2>"$T/vg"
		is "$prog under valgrind: no error, no leak" "$?" 0
		[ -s "$T/vg" ] && diag "$(head -20 "$T/vg")"
	done
else
	for prog in $progs; do
		skip 'valgrind' 'not installed, or a sanitizer or static build'
	done
fi
noshared && skip 'test-lib-so' 'no shared library in this build (make musl)'
done_testing
