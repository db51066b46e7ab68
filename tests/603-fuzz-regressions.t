#!/bin/sh
# Inputs the fuzzers (tests/fuzz/) and the hostile-input tests found bugs
# with, each pinned as a small case; and every seed in tests/fuzz/seeds/
# (the minimized reproducers among them) run through every filter's
# properties (tests/fuzz/props.sh).
. "${0%/*}/lib.sh"
. "$top/tests/fuzz/props.sh"

PROG=$BIN/sentsplit
# fuzz-sentsplit: "word... . Next" took a full stop of "..." for the space
# of "word. . . . Next" and replaced it by the line break
t 'sentsplit: "..." then " ." keeps every full stop' '' 't... . Z\n' 't... .\nZ\n'
t 'sentsplit: spaced ". . . ." still breaks after the first stop' '' \
	'less. . . . The end\n' 'less.\n. . . The end\n'

for prog in sentsplit unboiler quotetag unmojibake; do
	[ -x "$BIN/$prog" ] || { skip "$prog: seeds" "bin/$prog is not built"; continue; }
	bad=""
	for f in "$top"/tests/fuzz/seeds/*; do
		r=$(prop_idem "$prog" "$f") || bad="$bad
$r"
		case $prog in
		sentsplit) r=$(prop_ws "$f") || bad="$bad
$r" ;;
		quotetag) r=$(prop_untag "$f") || bad="$bad
$r" ;;
		unboiler) r=$(prop_lines "$f") || bad="$bad
$r" ;;
		esac
	done
	is "$prog: properties hold on every fuzz seed" "$bad" ""
done
done_testing
