#!/bin/sh
# quotetag beyond English: the frames and word orders of German, French,
# Spanish, Italian, Portuguese and Dutch news, one table row per rule
# (our own sentences in agency style), and for each row the promises:
# the tags removed give the input back, and a second run changes nothing.
. "${0%/*}/lib.sh"
PROG=$BIN/quotetag

# r DESC INPUT EXPECTED: t with no options, then the promises
r() {
	t "$1" '' "$2" "$3"
	printf "$2" >"$T/in"
	"$PROG" <"$T/in" >"$T/once"
	"$PROG" -u <"$T/once" >"$T/back"
	ok "$1: untagged gives the input back" cmp -s "$T/in" "$T/back"
	"$PROG" <"$T/once" >"$T/twice"
	ok "$1: idempotent" cmp -s "$T/once" "$T/twice"
}

# pairing
r 'a low-high quote may start with a digit' \
	'Die Band trat im Club \342\200\236911\342\200\234 in Kiew auf. \342\200\236Wir kommen wieder\342\200\234, sagte Petrow.\n' \
	'Die Band trat im Club \342\200\236911\342\200\234 in Kiew auf. <q who="Petrow" cue="sagte">\342\200\236Wir kommen wieder\342\200\234</q>, sagte Petrow.\n'

r 'which, like who, is the speaker a cue verb follows' \
	'They asked the police department which reported \342\200\234twelve shooting incidents this week.\342\200\235\n' \
	'They asked the police department which reported <q who="which" cue="reported">\342\200\234twelve shooting incidents this week.\342\200\235</q>\n'

done_testing
