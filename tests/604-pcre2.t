#!/bin/sh
# PCRE2 safety. Every filter that matches with PCRE2 sets a match limit on
# a match context and passes it to every pcre2_match; and unboiler's
# pattern lists (data/unboiler/*.txt) get adversarial lines from
# tests/fuzz/gen-pcre2 (each pattern's words, then long runs of one
# character and repetition bait, at lengths around the 250- and 400-byte
# limits and at 100 KB): it must finish in time, and no match may end
# on a limit (--stats counts those as pattern_errors).
. "${0%/*}/lib.sh"
. "$top/tests/fuzz/props.sh"

for f in "$top"/filters/*.c; do
	grep -Eq 'pcre2_(jit_)?match\(' "$f" || continue
	name=${f##*/}
	ok "$name: sets a match limit" grep -q 'pcre2_set_match_limit(' "$f"
	ok "$name: sets a depth limit (the interpreter, if JIT is unavailable)" \
		grep -q 'pcre2_set_depth_limit(' "$f"
	# pcre2_match(code, subject, length, start, options, md, mctx) and
	# pcre2_jit_match: the last argument is never NULL (calls may span
	# two lines)
	n=$(awk '/pcre2_(jit_)?match\(/ { s = $0; while (s !~ /\);/ && (getline l) > 0) s = s l;
		if (s ~ /NULL\)/) print FILENAME ": " s }' "$f")
	is "$name: every pcre2_match and pcre2_jit_match gets the match context" "$n" ""
done

PROG=$BIN/unboiler
if [ -x "$PROG" ]; then
	"$top/tests/fuzz/gen-pcre2" "$top"/data/unboiler/*.txt >"$T/adv" ||
		bail "tests/fuzz/gen-pcre2 failed"
	for args in "" "-z" "-m"; do
		# shellcheck disable=SC2086
		timeout 20 "$PROG" $args --stats=json <"$T/adv" >"$T/out" 2>"$T/err"
		st=$?
		ok "unboiler${args:+ $args}: adversarial lines: exit 0 in time (got $st)" test "$st" -eq 0
		ok "unboiler${args:+ $args}: ... no match stopped by a limit" \
			grep -q '"pattern_errors":0}' "$T/err"
	done
	"$PROG" <"$T/adv" >"$T/out"
	is "unboiler: ... only whole lines deleted" "$(out_lines "$T/adv" "$T/out")" ""
	# the same lines, each its own document
	tr '\n' '\0' <"$T/adv" | timeout 20 "$PROG" -z --stats=json >/dev/null 2>"$T/err"
	ok "unboiler -z: one line a document: exit 0, no limit hit" \
		eval "[ $? -eq 0 ] && grep -q '\"pattern_errors\":0}' '$T/err'"
else
	skip "unboiler: adversarial lines" "bin/unboiler is not built"
fi
done_testing
