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
# fuzz-sentsplit: "x. 1. One 2. Two" kept "1. One 2." together (no list
# at a sentence start), a second run found "1." at a line start and broke
t 'sentsplit: a list may start at a sentence start' '' \
	'It is. 1. One 2. Two\n' 'It is.\n1. One\n2. Two\n'
t 'sentsplit -w: a line that starts a list or its next item is not joined' '-w' \
	'Steps:\n1. One thing\n2. Two things\n' 'Steps:\n1. One thing\n2. Two things\n'
t 'sentsplit -w: a hard-wrapped line is still joined' '-w' \
	'It was in\n2019. Then\nit ended.\n' 'It was in 2019.\nThen it ended.\n'
# fuzz-sentsplit: "6 p.m. Mr." counted the words of its sentence from
# where output stopped, so a joined line counted fewer than one line
t 'sentsplit -w: a joined line counts the words of its whole sentence' '-w' \
	'He left at\n6 p.m. Mr. Smith went.\n' 'He left at 6 p.m.\nMr. Smith went.\n'
# fuzz-sentsplit: the look past "!! (" for the next word stopped at a
# line break that the line then went on over, so one line read otherwise
t 'sentsplit: a look ahead goes on over a joined line break' '' \
	'a voidYes!! (\n\tchar line;\n' 'a voidYes!!\n( char line;\n'
# fuzz-sentsplit: after "alan." the rest of ". . . . . No" went unjudged,
# but a second run judged it at its line start and broke before "No"
t 'sentsplit: the dots after a spaced ellipsis break are judged anew' '' \
	'alan. . . . . No\n' 'alan.\n. . . .\nNo\n'
# fuzz-sentsplit: "0. 1." at the very end kept together, but with the
# newline a second run adds it broke before "1."
t 'sentsplit: a list item at the end of the input without a newline' '' \
	'0.\f1.' '0.\n1.\n'
t 'sentsplit -w: a list item alone on its line is not joined' '-w' \
	'0.\n1.\n' '0.\n1.\n'
# fuzz-sentsplit: after "N。" the word before "!" was read back past the
# break as "N。7", where a second run, on a new line, reads "7"
t 'sentsplit: the word before a stop starts no earlier than its sentence' '' \
	'N\343\200\2027! g\n' 'N\343\200\202\n7!\ng\n'
# fuzz-sentsplit: "sa.Zi。$@" took "sa.Zi。$@" for an e-mail address,
# but after the break at "。" a second run saw only "sa.Zi。"
t 'sentsplit: a link token ends at a CJK full stop' '' \
	'sa.Zi\343\200\202$@' 'sa.\nZi\343\200\202\n$@\n'
# fuzz-sentsplit: the look past "!" for the next word went on past "?"
# and its space to "n", where "?" then broke the line for a second run
t 'sentsplit: a look ahead stops at a question mark and its space' '' \
	'!\v. .\364?\vn' '!\n. .\364?\nn\n'
# fuzz-sentsplit: a lettered list ("r.") went on past a sentence break,
# so "s)" on the next line was its item; a second run, where the break
# is a line break, had no list and joined the line
t 'sentsplit: a sentence break ends a list as a line break does' '' \
	'r. 2. T\ns)\n' 'r. 2.\nT s)\n'
# fuzz-sentsplit: "2." opening a spaced ellipsis skipped the list rule,
# which a second run, finding "2." alone before a line break, applied
t 'sentsplit: a list item before a spaced ellipsis is an item' '' \
	'1. 2. . . . T' '1.\n2. . . . T\n'
# fuzz-sentsplit: "a-\nr.r. S" joins into "a-r.r." without a space, but
# the word before the stop was read from the line break ("r.r.")
t 'sentsplit: the word before a stop runs over a hyphen join' '' \
	'a-\nr.r. S' 'a-r.r.\nS\n'
# fuzz-sentsplit: after "。" an ellipsis and a vertical tab led on to
# "www." and kept the line; a second run, finding the line break a VT
# becomes, saw only marks up to it and broke after "。"
t 'sentsplit: an ellipsis up to the line end does not end a sentence' '' \
	'\343\200\202 . .\vwww.' '\343\200\202 . .\nwww.\n'
t 'sentsplit: an ellipsis up to the end of text keeps the sentence' '' \
	'Stop! ...' 'Stop! ...\n'
# fuzz-sentsplit: the look past the marks stops at the eighth, so "aa."
# before eight full stops broke at the end of text and not before a newline
t 'sentsplit: more than eight marks up to the line end' '' \
	'aa. ........' 'aa. ........\n'

PROG=$BIN/quotetag
# fuzz-quotetag: a stray "</q>" paired with an earlier open tag, and
# removing both made a new tag pair, which a second run removed as well
t 'quotetag: stray markup that would pair anew leaves the input as it is' '' \
	'<q who="a" cue="b">x <q </q>who="c" cue="d">"Yes," Smith said.</q>\n' \
	'<q who="a" cue="b">x <q </q>who="c" cue="d">"Yes," Smith said.</q>\n'

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
