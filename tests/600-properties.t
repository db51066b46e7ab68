#!/bin/sh
# The contracts of ARCHITECTURE.md on every corpus the tests use (samples/*.txt,
# every file under tests/data/, and generated hostile input from
# tests/fuzz/gen-hostile: every byte value, UTF-8 cut short, random bytes
# and token soup from a fixed seed):
#   every filter is idempotent, f(f(x)) == f(x)
#   sentsplit changes only whitespace
#   quotetag's output with its tags removed is its input
#   unboiler only deletes whole lines
#   unmojibake leaves clean text unchanged (the clean corpora)
# Checks are in tests/fuzz/props.sh; each test lists every file that fails.
. "${0%/*}/lib.sh"
. "$top/tests/fuzz/props.sh"

"$top/tests/fuzz/gen-hostile" "$T/gen" || bail "tests/fuzz/gen-hostile failed"
files=$( { ls "$top"/samples/*.txt; find "$top/tests/data" "$T/gen" -type f; } |
	LC_ALL=C sort)

# fails PROP ARGS...: each file that breaks PROP, one per line
fails() {
	_bad=""
	for f in $files; do
		_r=$("$@" "$f") || _bad="$_bad$_r
"
	done
	printf '%s' "$_bad"
}

for prog in unmojibake unboiler sentsplit quotetag; do
	if [ ! -x "$BIN/$prog" ]; then
		skip "$prog: properties" "bin/$prog is not built"
		continue
	fi
	is "$prog: idempotent on every corpus" "$(fails prop_idem "$prog")" ""
	# -z: the whole corpus as NUL-separated documents, at once
	for f in $files; do cat "$f"; printf '\0'; done >"$T/all.z"
	"$prog" -z <"$T/all.z" >"$T/z1" 2>"$T/z.err"
	st=$?
	"$prog" -z <"$T/z1" >"$T/z2" 2>>"$T/z.err"
	st2=$?
	ok "$prog -z: idempotent on the whole corpus (status $st, $st2)" \
		eval "[ $st -eq 0 ] && [ $st2 -eq 0 ] && cmp -s '$T/z1' '$T/z2'"
	ok "$prog -z: one document out per document in" \
		test "$(tr -cd '\0' <"$T/z1" | wc -c)" -eq "$(tr -cd '\0' <"$T/all.z" | wc -c)"
done

[ -x "$BIN/sentsplit" ] &&
	is "sentsplit: only whitespace changes" "$(fails prop_ws)" ""
[ -x "$BIN/quotetag" ] &&
	is "quotetag: removing its tags gives the input back" "$(fails prop_untag)" ""
[ -x "$BIN/unboiler" ] &&
	is "unboiler: only whole lines are deleted" "$(fails prop_lines)" ""

# unmojibake: clean text passes byte for byte. Not clean: sample 001 (curly
# quotes read as Windows-874, the demo's mojibake), its body lines
# (unboiler/seed001.body) and the mojibake fixture.
if [ -x "$BIN/unmojibake" ]; then
	bad=""
	for f in $files; do
		case $f in
		*/samples/001_*|*/tests/data/unboiler/seed001.body|\
		*/tests/data/unmojibake/mojibake.txt|"$T"/gen/*) continue ;;
		esac
		r=$(prop_same unmojibake "$f") || bad="$bad$r
"
	done
	is "unmojibake: clean corpora pass unchanged" "$bad" ""
fi
done_testing
