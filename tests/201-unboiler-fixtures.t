#!/bin/sh
# unboiler on whole pages (our own fixtures in tests/data/unboiler and the
# bundled samples): expected output, idempotence, and "only deletes whole
# lines" (the output is a subsequence of the input's lines).
. "${0%/*}/lib.sh"
PROG=$BIN/unboiler
D=$top/tests/data/unboiler

# subseq OUT IN: every line of OUT is a line of IN, in order
subseq() {
	awk 'NR == FNR { o[++n] = $0; next }
		{ if (i < n && $0 == o[i + 1]) i++ }
		END { exit !(i == n) }' "$1" "$2"
}

for f in "$D"/*.txt; do
	b=${f##*/}
	b=${b%.txt}
	$PROG <"$f" >"$T/$b.out"
	ok "$b: exit 0" test $? -eq 0
	ok "$b: expected output" cmp -s "$T/$b.out" "$D/$b.expected"
	ok "$b: not empty" test -s "$T/$b.out"
	$PROG <"$T/$b.out" >"$T/$b.out2"
	ok "$b: idempotent" cmp -s "$T/$b.out" "$T/$b.out2"
	ok "$b: only whole lines deleted" subseq "$T/$b.out" "$f"
	$PROG -m <"$f" >"$T/$b.mark"
	ok "$b: --mark has one line per input line" \
		test "$(wc -l <"$T/$b.mark")" -eq "$(wc -l <"$f")"
	sed -n 's/^+ [^	]*	//p' "$T/$b.mark" >"$T/$b.kept"
	ok "$b: --mark + lines are the output" cmp -s "$T/$b.kept" "$T/$b.out"
done

# the clean article body passes unchanged
ok 'clean text: unchanged' cmp -s "$D/clean.txt" "$D/clean.expected"

# decisions that matter in the fixtures
grep -q 'Leave a Reply' "$T/en-news.out"
ok 'en: comment thread gone' test $? -ne 0
grep -q '^What changes for drivers$' "$T/en-news.out"
ok 'en: subheading kept' test $? -eq 0
grep -q 'Cyclists ride along' "$T/en-news.out"
ok 'en: caption printed twice gone' test $? -ne 0
grep -q '^Was sich für Autofahrer ändert$' "$T/de-news.out"
ok 'de: subheading kept' test $? -eq 0
grep -q 'Geldverschwendung' "$T/de-news.out"
ok 'de: comment after "Kommentare" gone' test $? -ne 0
grep -q 'Najnowsze' "$T/pl-news.out"
ok 'pl (no stop-word list): the long menu line goes' test $? -ne 0
is 'pl (no stop-word list): the three paragraphs stay' "$(wc -l <"$T/pl-news.out" | tr -d ' ')" 5

# -L: forcing the detected language changes nothing; forcing another one
# still never empties a page with long lines
$PROG -L de <"$D/de-news.txt" | cmp -s - "$D/de-news.expected"
ok '-L de on the German page: same output' test $? -eq 0
$PROG -L ru <"$D/en-news.txt" >"$T/ru.out"
ok '-L ru on the English page: not empty' test -s "$T/ru.out"

# the bundled samples: idempotent, whole lines only, never empty
for f in "$top"/samples/*.txt; do
	b=${f##*/}
	$PROG <"$f" >"$T/s.out"
	$PROG <"$T/s.out" >"$T/s.out2"
	ok "samples/$b: idempotent" cmp -s "$T/s.out" "$T/s.out2"
	ok "samples/$b: only whole lines deleted" subseq "$T/s.out" "$f"
	ok "samples/$b: not empty" test -s "$T/s.out"
done

# seed 001: every body line of the hand-labelled gold (seed001.body, from
# the shared seeds_gold.jsonl) stays
$PROG "$top"/samples/001_*.txt >"$T/001.out"
is 'seed 001: no body line removed' \
	"$(grep -vxFf "$T/001.out" "$D/seed001.body")" ""

# all documents at once with -z: the same as one by one
for f in "$D"/*.txt "$top"/samples/*.txt; do cat "$f"; printf '\0'; done >"$T/all.z"
for f in "$D"/*.txt "$top"/samples/*.txt; do $PROG <"$f"; printf '\0'; done >"$T/all.exp"
$PROG -z <"$T/all.z" | cmp -s - "$T/all.exp"
ok '-z over all pages: same as one by one' test $? -eq 0

done_testing
