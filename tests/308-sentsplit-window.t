#!/bin/sh
# sentsplit: a paragraph longer than the window comes in pieces; the cuts
# must not change a decision. Every window, from 64 bytes up, gives what
# the default window gives, and a second run changes nothing.
. "${0%/*}/lib.sh"
PROG=$BIN/sentsplit

# same_at_every_window NAME FILE [ARGS]
windows='64 100 257 1000 4096 20000 70000'
same_at_every_window() {
	_n=$1 _f=$2
	shift 2
	"$PROG" "$@" <"$_f" >"$T/w0"
	_bad=
	for _w in $windows; do
		"$PROG" "$@" --window=$_w <"$_f" >"$T/w1" &&
		    "$PROG" "$@" --window=$_w <"$T/w1" >"$T/w2" || _bad="$_bad $_w:status"
		cmp -s "$T/w0" "$T/w1" || _bad="$_bad $_w:differs"
		cmp -s "$T/w1" "$T/w2" || _bad="$_bad $_w:not-idempotent"
	done
	is "every window as the default, twice: $_n $*" "$_bad" ""
}

# issue 17: a CJK paragraph over the window was not idempotent at the cut
awk 'BEGIN { for (i = 0; i < 8000; i++) printf "\344\273\226\350\257\264\343\200\202 " }' >"$T/cjk"
"$PROG" --window=4096 <"$T/cjk" >"$T/cjk.out"
is 'CJK over the window: one sentence a line' "$(sort "$T/cjk.out" | uniq -c | sed 's/^ *//')" \
	"8000 $(printf '\344\273\226\350\257\264\343\200\202')"
same_at_every_window 'CJK stops' "$T/cjk"
awk 'BEGIN { for (i = 0; i < 5000; i++)
	printf "\343\200\214\345\274\225\347\224\250\343\200\202\343\200\215 " }' >"$T/cjk2"
same_at_every_window 'CJK quotes' "$T/cjk2"

# the fixtures as one long paragraph (no blank line), and random text
for f in "$top"/tests/data/sentsplit/*.txt "$top"/samples/*.txt; do
	[ -f "$f" ] && cat "$f"
done | tr -s '\n' >"$T/fix1"
cat "$T/fix1" "$T/fix1" "$T/fix1" >"$T/fix"
awk -v seed=8 -v n=2000 -f "$top/tests/data/sentsplit/randdocs.awk" |
	tr '\000' ' ' | tr -s '\n' >"$T/rand"
awk 'BEGIN { srand(9); s = ".!?;:\"\047()[] \n\t,-aZ1";
	for (i = 0; i < 40000; i++) {
		r = rand();
		if (r < 0.5) printf "%s", substr(s, int(rand() * length(s)) + 1, 1);
		else printf "%c", int(rand() * 255) + 1;
	} }' | tr -s '\n' >"$T/bytes"
for o in '' -w -l -u '-L zh' '-L el'; do
	# shellcheck disable=SC2086
	same_at_every_window fixtures "$T/fix" $o
	# shellcheck disable=SC2086
	same_at_every_window 'random tokens' "$T/rand" $o
done
for o in '' -w; do
	# shellcheck disable=SC2086
	same_at_every_window 'random bytes' "$T/bytes" $o
done
awk -v seed=9 -v n=600 -v max=400 -f "$top/tests/data/sentsplit/randdocs.awk" >"$T/docs"
same_at_every_window 'random documents' "$T/docs" -z
same_at_every_window 'random documents' "$T/docs" -z -w

done_testing
