#!/bin/sh
# quotetag after the other filters, one sentence a line: quotes that run
# over several lines stay whole, a closing mark never opens a quote, and
# seed 001's two direct quotes keep their speakers.
. "${0%/*}/lib.sh"

pipe() {
	unmojibake <"$1" | unboiler | sentsplit | quotetag
}

for f in "$top"/samples/*.txt; do
	b=${f##*/}
	pipe "$f" >"$T/out" 2>"$T/err"
	is "$b: quiet" "$(cat "$T/err")" ""
	# a quote that opens with a closing mark: ”he said.
	is "$b: no quote opens with a closing mark" \
		"$(grep -Ec '<q [^>]*>(”|»)' "$T/out")" 0
	# every <q> is closed before the next opens (no tag nesting at
	# top level) and the tags balance
	is "$b: tags balance" "$(grep -o '<q \|</q>' "$T/out" |
		awk '/<q/ { d++; if (d > 1) bad = 1 } /\/q/ { d--; if (d < 0) bad = 1 }
		END { print bad + 0, d + 0 }')" "0 0"
done

pipe "$top"/samples/001_*.txt >"$T/001"
is "seed 001: O'Brien's quote, whole, with its speaker" \
	"$(grep -c '^<q who="Robert O’Brien" cue="told">“We have evidence.*world\.”</q>$' "$T/001")" 1
is "seed 001: Purdy's quote over two lines, with its speaker" \
	"$(grep -A1 '^<q who="Andy Purdy" cue="told">“The US is committed' "$T/001" |
	grep -c 'around the world\.”</q>$')" 1
done_testing
