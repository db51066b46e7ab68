#!/bin/sh
# scripts/batch with its default pipeline (the four filters with --jsonl)
# gives byte for byte what the pipeline gives serially, with -j 1 and -j 2.
. "${0%/*}/lib.sh"
. "$top/tests/data/batch/shards.sh"
B=$top/scripts/batch
unset PARALLEL

missing=""
for f in unmojibake unboiler sentsplit quotetag; do
	[ -x "$top/bin/$f" ] || missing="$missing $f"
done
if [ -n "$missing" ]; then
	skip 'the default pipeline' "not built yet:$missing (run make)"
	done_testing
	exit
fi

default="unmojibake --jsonl | unboiler --jsonl | sentsplit --jsonl | quotetag --jsonl"
mkshards "$T/in"
serial "$default" "$T/in" "$T/ref" 2>"$T/err"
ok 'the serial reference runs cleanly' test ! -s "$T/err"
ok 'the reference has a quotes field' grep -q '"quotes":' "$T/ref/a.jsonl"

for j in 1 2; do
	"$B" -j $j "$T/in" "$T/j$j" 2>"$T/err"
	st=$?
	is "-j $j: exit 0" "$st" 0
	[ "$st" -eq 0 ] || diag "$(cat "$T/err")"
	ok "-j $j: byte-identical to the serial pipeline" same_tree "$T/ref" "$T/j$j"
done
"$B" -h | grep -q "default: $default" 
is '-h shows this default' "$?" 0

done_testing
