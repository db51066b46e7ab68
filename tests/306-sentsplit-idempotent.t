#!/bin/sh
# sentsplit: f(f(x)) == f(x) where issue 17 found it broken, and on
# seeded random documents in every mode.
. "${0%/*}/lib.sh"
PROG=$BIN/sentsplit

# idem DESC ARGS INPUT: printf INPUT | PROG ARGS, twice, gives the same
idem() {
	# shellcheck disable=SC2086
	printf "$3" | $PROG $2 >"$T/i1" 2>&1 && $PROG $2 <"$T/i1" >"$T/i2" 2>&1
	if cmp -s "$T/i1" "$T/i2"; then
		pass "idempotent: $1"
	else
		fail "idempotent: $1"
		_showdiff "$T/i1" "$T/i2"
	fi
}

# a time stamp's breaks are where a second run, and -w, finds them
idem 'stamp' '' 'Scott Neal 08/16/2000 03:48 PM John Griffith 08/15/2000 06:23 PM Hi.'
idem '-w: stamp' '-w' 'Scott Neal 08/16/2000 03:48 PM John Griffith 08/15/2000 06:23 PM Hi.'
idem '-w: stamp after a line break' '-w' 'Scott Neal\n08/16/2000 03:48 PM\nJohn.'
idem 'a question with no space' '' 'It was bad?what a pity.'
idem '-w: a question with no space' '-w' 'It was bad?what a pity.'
idem 'a CJK bracket that never closes' '-L ja' '\345\275\274\343\200\214\351\243\237\343\200\202\347\251\272\343\200\202'
idem '-w: a CJK bracket that never closes' '-L ja -w' '\345\275\274\343\200\214\351\243\237\343\200\202\347\251\272\343\200\202'
# a link token ends where a stop that needs no space breaks the line
idem 'a link after "؟"' '' 'It ended.Then\330\237Contact@'
idem 'a link after "！"' '' 'It ended.Then\357\274\201Contact@'
idem 'a link after "．"' '' 'It ended.Then\357\274\216Contact@'
t '"ended.Then" breaks when the link is past "؟"' '' \
	'It ended.Then\330\237Contact@' 'It ended.\nThen\330\237\nContact@\n'
# Greek ";" is a question mark: its line does not go on
idem 'Greek ";" before a link' '-L el' \
	'\316\240\316\277\317\215 \316\265\316\257\316\275\316\261\316\271; http://example.com \316\265\316\257\316\275\316\261\316\271 \316\267 \317\203\316\265\316\273\316\257\316\264\316\261.'
t 'Greek ";" ends its line' '-L el' \
	'\316\240\316\277\317\215;\n\316\265\316\257\316\275\316\261\316\271.\n' \
	'\316\240\316\277\317\215;\n\316\265\316\257\316\275\316\261\316\271.\n'
t 'an English ";" still joins its line' '' 'One;\ntwo.\n' 'One; two.\n'
# -w: a stop with no space after it ends a sentence only where the same
# stop with a space (or the line break the first run writes) does
idem '-w: "Dr.።M"' '-w' 'Dr.\341\215\242M'
idem '-w: "vs.Smith"' '-w' 'He met vs.Smith today'
idem '-w: "A．,B"' '-w' 'He met A\357\274\216,B today'
idem '-w: "…。M"' '-w' 'It\342\200\246\343\200\202Maybe so'
t '-w: no break after a title with no space' '-w' 'He met vs.Smith today\n' \
	'He met vs.Smith today\n'
# -w reads any run of whitespace without a blank line as one space, as a
# second run reads the line break a first run writes in its place; the
# end of the text and a blank line end a line; a list item is one with
# its bullet and closing quotes as a line start reads it
idem '-w: "C. . . . Ｔ"' '-w' 'C. . . . \357\274\264'
idem '-w: "a. . . . U"' '-w' 'I a. . . . U'
idem '-w: "。 ؟?Y"' '-w' '\343\200\202 \330\237?Y'
idem '-w: "। ．!" before a mark' '-w' '\340\245\244 \357\274\216!\201S'
idem '-w: a closing guillemet after a line break' '-w' '.1.\n\302\273 \342\200\246p'
idem '-w: a closing quote after a line break' '-w' '\343\200\202\n\342\200\235 http://'
idem '-w: a closing quote after two spaces' '-w' '\343\200\202  \342\200\235 \316\240'
idem '-w: a spaced ellipsis over a line break' '-w' 'e.\n. J'
idem '-w: a spaced ellipsis over a vertical tab' '-w' 'ds.\v. t'
idem '-w: a bullet on the line before its item' '-w' '\342\200\242\n2. A'
idem '-w: a bullet that starts a sentence' '-w' '! \342\200\242\n2. A'
idem '-w: a bullet glued to its item' '-w' 'a) \342\200\242b) )'
idem '-w: a list item with a closing quote' '-w' '1. 2.\342\200\234'
idem '-w: a list item at the end' '-L de -w' 'a.\342\200\231 b)'
idem '-w: marks up to the end' '-w' 'II. ...!'
idem '-w: marks up to a blank line' '-w' '\343\200\202\302\267\n\v\nJ'
idem '-w: a list item after a stop with no space' '-w' '. \343\200\2021.'
# fuzz-sentsplit: a vertical tab before the end did not end the line,
# the line break a first run wrote in its place did
idem '-w: a vertical tab up to the end' '-w' '?\v. .?\v'
t 'a missing space still breaks' '' 'It ended.Then it began.\n' \
	'It ended.\nThen it began.\n'

# Seeded random documents (tests/data/sentsplit/randdocs.awk), run as
# -z documents: each must come out of a second run as it came out of
# the first. Shows the first few that do not.
awk -v seed=17 -v n=4000 -f "$top/tests/data/sentsplit/randdocs.awk" >"$T/docs"
docs_idem() {
	_d=$1
	shift
	"$@" -z <"$T/docs" >"$T/d1" && "$@" -z <"$T/d1" >"$T/d2"
	if cmp -s "$T/d1" "$T/d2"; then
		pass "$_d"
		return
	fi
	fail "$_d"
	awk 'BEGIN { RS = "\0" } FILENAME == ARGV[1] { a[FNR] = $0; next }
	    FILENAME == ARGV[2] { b[FNR] = $0; next }
	    a[FNR] != b[FNR] && ++k <= 3 { print FNR }' \
	    "$T/d1" "$T/d2" "$T/docs" | while read -r i; do
		diag "document $i:"
		awk -v i="$i" 'BEGIN { RS = "\0" } NR == i { printf "%s", $0 }' \
		    "$T/docs" | od -c | sed 's/^/  /' | while read -r l; do diag "$l"; done
	done
}
for o in '' -w -l -u '-L el' '-L de -w' '-L zh' '-L ar' '-L hy -w'; do
	# shellcheck disable=SC2086
	docs_idem "idempotent: 4000 random documents: sentsplit -z $o" $PROG $o
done

done_testing
