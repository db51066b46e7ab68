#!/bin/sh
# The four filters in one process (copydesk -z) give what the pipe of
# four processes gives, at every window: a joint of the chain hands the
# documents it holds whole to the next stage without copying them
# (common/rec.c, take_whole), but a document longer than the window
# still goes in window-sized pieces, as it does in the next program of
# a pipe. Documents of every length meet every window, and the input
# comes in pieces of every size.
. "${0%/*}/lib.sh"

for f in "$top"/samples/*.txt "$top"/tests/data/unboiler/*.txt \
	"$top"/tests/data/quotetag/*.txt; do
	[ -f "$f" ] || continue
	cat "$f"
	printf '\0'
done >"$T/all.z"
# and empty documents, one NUL after another
printf '\0\0short\0\0' >>"$T/all.z"

CHAIN='unmojibake | unboiler | sentsplit | quotetag'
for w in 16 64 200 700 4096 65536 4194304; do
	"$BIN/unmojibake" -z --window=$w <"$T/all.z" |
		"$BIN/unboiler" -z --window=$w |
		"$BIN/sentsplit" -z --window=$w |
		"$BIN/quotetag" -z --window=$w >"$T/pipe.out"
	"$BIN/copydesk" -z --window=$w "$CHAIN" <"$T/all.z" >"$T/chain.out"
	ok "window $w: exit 0" test $? -eq 0
	ok "window $w: the chain gives what the pipe gives" \
		cmp -s "$T/pipe.out" "$T/chain.out"
done

# the input through a pipe in small writes, so that reads end anywhere
"$BIN/copydesk" -z "$CHAIN" <"$T/all.z" >"$T/whole.out"
perl -e 'binmode STDIN; binmode STDOUT; $| = 1; my $b;
	while (read(STDIN, $b, 1 + int(rand(300)))) { print $b; select(undef, undef, undef, 0.0005) }' \
	<"$T/all.z" | "$BIN/copydesk" -z "$CHAIN" >"$T/bits.out"
ok 'input in small pieces: the same output' cmp -s "$T/whole.out" "$T/bits.out"

done_testing
