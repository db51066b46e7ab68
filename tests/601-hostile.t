#!/bin/sh
# Hostile input for every filter, at sizes small enough for make check (the
# 200 MB line and the 100 MB JSON line are in scripts/stress): each case
# must finish within `timeout 20`, with the exit status and stderr the man
# page gives (0 and nothing, but status 1 and one warning for a JSON line
# longer than --max-record, which passes through unchanged), and keep
# the filter's promise (tests/fuzz/props.sh) on its output.
. "${0%/*}/lib.sh"
. "$top/tests/fuzz/props.sh"

G=$T/in
mkdir -p "$G"
awk 'BEGIN { for (i = 0; i < 1000000; i++) printf "\""; print "" }' >"$G/quotes"
awk 'BEGIN { for (i = 0; i < 300000; i++) printf "\342\200\234x"; print "" }' >"$G/curly-open"
awk 'BEGIN { for (i = 0; i < 300000; i++) printf "He said \342\200\234yes"; print "" }' >"$G/said-open"
awk 'BEGIN { for (i = 0; i < 1000000; i++) printf "."; print "" }' >"$G/stops"
awk 'BEGIN { for (i = 0; i < 300000; i++) printf "A. "; print "" }' >"$G/initials"
awk 'BEGIN { for (i = 0; i < 300000; i++) printf "\342\200\246"; print "" }' >"$G/ellipses"
awk 'BEGIN { for (i = 0; i < 100000; i++) printf "(\342\200\234\"[\302\253\342\200\236";
	printf "x."; for (i = 0; i < 100000; i++) printf "\342\200\234\302\273]\"\342\200\235)"; print "" }' >"$G/nested"
awk 'BEGIN { for (i = 0; i < 200000; i++) printf "\343\200\214"; printf "\343\200\202\n" }' >"$G/cjk-nested"
awk 'BEGIN { for (r = 0; r < 64; r++) for (i = 0; i < 256; i++) printf "%c", i }' >"$G/bytes"
awk 'BEGIN { for (i = 0; i < 200000; i++) print "" }' >"$G/newlines"
awk 'BEGIN { for (i = 0; i < 100000; i++) print "Share this: Facebook Twitter" }' >"$G/lines"
# a 2-, 3- and 4-byte character across each 256 KiB read boundary, and a
# sequence cut short just before the boundary, in one long line: the
# reader's blocks must not split or drop bytes
awk 'BEGIN {
	blk = 262144; pos = 0
	for (b = 1; b <= 3; b++) {
		c = b == 1 ? "\303\251" : b == 2 ? "\342\200\234" : "\360\237\230\200"
		while (pos < b * blk - 1) { printf "w"; pos++; if (pos % 50 == 0) { printf " "; pos++ } }
		printf "%s", c; pos += length(c)
		printf ". \342\200"; pos += 4
	}
	printf " end.\n"
}' >"$G/boundary"
# the same across the 4 MiB window of a paragraph: a long line with no space
awk 'BEGIN { for (i = 0; i < 2900000; i++) printf "\342\200\224"; print "x." }' >"$G/window"

# hostile PROG CASE [ARGS]: status 0, quiet, in time, promise kept
hostile() {
	prog=$1 case=$2
	shift 2
	timeout 20 "$prog" "$@" <"$G/$case" >"$T/out" 2>"$T/err"
	st=$?
	if [ "$st" -ne 0 ] || [ -s "$T/err" ]; then
		fail "$(echo "$prog $*" | sed 's/ *$//'): $case: exit 0, quiet"
		[ "$st" -eq 124 ] && diag "timed out after 20 s"
		diag "status $st; stderr: $(head -c 300 "$T/err")"
		return
	fi
	in=$G/$case
	z=""
	[ "${1:-}" = -z ] && z=z
	case $prog in
	sentsplit) r=$(out_ws "$in" "$T/out") ;;
	unboiler) r=$(out_lines "$in" "$T/out" $z) ;;
	quotetag) r=$(out_untag "$in" "$T/out") ;;
	*) r="" ;;
	esac
	is "$(echo "$prog $*" | sed 's/ *$//'): $case: exit 0, quiet, promise kept" "$r" ""
}

printf 'tail \342\200' >"$G/notrail"
printf '\0\0\0' >"$G/nuls"
printf 'One.\0\0Two. \0\0' >"$G/nuls2"
{
	printf '{"id":1,"text":"'
	awk 'BEGIN { for (i = 0; i < 500000; i++) printf "She said \\\"yes.\\\" " }'
	printf '"}\n{"id":2,"text":"He left. \\u201cNo,\\u201d she said."}\n'
} >"$G/bigjson"
head -n 1 "$G/bigjson" >"$G/bigjson1"

for prog in unmojibake unboiler sentsplit quotetag; do
	if [ ! -x "$BIN/$prog" ]; then
		skip "$prog: hostile input" "bin/$prog is not built"
		continue
	fi
	for c in quotes curly-open said-open stops initials ellipses nested \
	    cjk-nested bytes newlines lines boundary window notrail; do
		hostile "$prog" "$c"
	done
	hostile "$prog" bytes -z

	# zero-length NUL records are kept
	timeout 20 "$prog" -z <"$G/nuls" | od -An -c | tr -d ' \n' >"$T/nulout"
	is "$prog -z: three empty documents stay three NULs" "$(cat "$T/nulout")" '\0\0\0'
	n=$(timeout 20 "$prog" -z <"$G/nuls2" | tr -cd '\0' | wc -c)
	is "$prog -z: empty documents between others are kept" "$n" 4

	# a JSON line longer than --max-record (8 MiB): passed through unchanged
	# with a warning naming the line, status 1, and the next line is done
	timeout 20 "$prog" --jsonl <"$G/bigjson" >"$T/out" 2>"$T/err"
	st=$?
	head -n 1 "$T/out" >"$T/out1"
	ok "$prog --jsonl: a line over 8 MiB exits 1 (got $st)" test "$st" -eq 1
	ok "$prog --jsonl: ... passes through unchanged" cmp -s "$G/bigjson1" "$T/out1"
	ok "$prog --jsonl: ... with one warning naming line 1" \
		eval "[ \$(wc -l <'$T/err') -eq 1 ] && grep -q '^$prog: .*line 1: longer than' '$T/err'"
	ok "$prog --jsonl: ... and the next record is processed" \
		test "$(sed -n '2s/.*"id":2.*/x/p' "$T/out")" = x
done

# quotetag --jsonl: the quotes array of one record is bounded (16384), so
# that memory is too (an 8 MB record of 444444 quotes took 836 MiB); the
# text is still tagged in full, the record warns and the status is 1
if [ -x "$BIN/quotetag" ]; then
	{
		printf '{"id":1,"text":"'
		awk 'BEGIN { for (i = 0; i < 17000; i++) printf "She said \\\"yes.\\\" " }'
		printf '"}\n{"id":2,"text":"He said \\"no.\\""}\n'
	} >"$G/manyq"
	timeout 20 quotetag --jsonl -f inline <"$G/manyq" >"$T/out" 2>"$T/err"
	st=$?
	ok "quotetag --jsonl: a record of 17000 quotes exits 1 (got $st)" test "$st" -eq 1
	ok "quotetag --jsonl: ... warns once" grep -q 'quotetag: .*line 1 (id 1): a record has 17000 quotes' "$T/err"
	is "quotetag --jsonl: ... lists 16384 of them, then the next record's" \
		"$(grep -o '"start"' "$T/out" | wc -l | tr -d ' ')" 16385
	is "quotetag --jsonl: ... and tags all of them in the text" \
		"$(head -n 1 "$T/out" | grep -o '</q>' | wc -l | tr -d ' ')" 17000
fi
done_testing
