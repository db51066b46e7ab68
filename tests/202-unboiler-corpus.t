#!/bin/sh
# unboiler --learn / --known / --min-docs: line counts across documents,
# CCNet style.
. "${0%/*}/lib.sh"
PROG=$BIN/unboiler

# Four documents (NUL-separated), each with its own body and the same
# newspaper blurb right after it: a good-looking sentence that only the
# counts across documents can tell from the body. The fourth has the blurb
# in another case, with other digits and punctuation.
F='The Riverside Courier is an independent newspaper that has served the city and its people since 1902.'
F4='THE RIVERSIDE COURIER is an independent newspaper, that has served the city and its people since 1903!'
body() {
	printf 'Home\nNews\n'
	printf 'The council said on %s that the plan for the %s would go ahead, and that work would begin in the spring.\n' "$1" "$2"
	printf 'Residents who spoke at the meeting said that they had waited for the %s for many years, and that it was overdue.\n' "$2"
	printf 'The %s will be paid for by the city, which has set aside money for it in the budget for next year.\n' "$2"
}
{
	body Monday 'new library'; printf '%s\n\0' "$F"
	body Tuesday 'bike lanes'; printf '%s\n%s\n\0' "$F" "$F"
	body Wednesday 'river park'; printf '%s\nContact us\n\0' "$F"
	body Thursday 'school roof'; printf '%s\n\0' "$F4"
} >"$T/corpus"

# --- learning
$PROG -z <"$T/corpus" >"$T/plain"
$PROG -z -l "$T/counts" <"$T/corpus" >"$T/learn.out"
ok '--learn: exit 0' test $? -eq 0
ok '--learn: output as without it' cmp -s "$T/plain" "$T/learn.out"
ok '--learn: the blurb is kept without --known' grep -q '^The Riverside Courier is' "$T/plain"
ok '--learn: counts file written' test -s "$T/counts"
ok '--learn: no temporary file left' test ! -e "$T/counts.tmp"
ok '--learn: documents counted' grep -qx '# documents 4' "$T/counts"
bad=$(grep -v '^#' "$T/counts" | grep -cv '^[0-9a-f]\{16\} [1-9][0-9]*$')
is '--learn: every entry is "hash count"' "$bad" 0
# the blurb (normalised: case, digits, punctuation) is in all 4 documents,
# counted once per document although document 2 has it twice; Home and
# News are in all 4 too; nothing is in more
is '--learn: three lines in 4 documents' "$(grep -v '^#' "$T/counts" | grep -c ' 4$')" 3
is '--learn: no count above the documents' "$(awk '!/^#/ && $2 > 4' "$T/counts" | wc -l | tr -d ' ')" 0
ok '--learn: sorted by hash' sh -c "grep -v '^#' '$T/counts' | sort -c"

# learning again adds to the file
cp "$T/counts" "$T/counts2"
$PROG -z -l "$T/counts2" <"$T/corpus" >/dev/null
ok '--learn twice: documents add up' grep -qx '# documents 8' "$T/counts2"
is '--learn twice: counts add up' "$(grep -v '^#' "$T/counts2" | grep -c ' 8$')" 3

# --jsonl: each record is a document
perl -MJSON::PP -e 'local $/ = "\0"; while (<STDIN>) { chomp; print JSON::PP->new->canonical->encode({text => $_}), "\n" }' \
	<"$T/corpus" >"$T/corpus.jsonl"
$PROG --jsonl -l "$T/counts.j" <"$T/corpus.jsonl" >/dev/null
ok '--jsonl --learn: same counts as -z' cmp -s "$T/counts" "$T/counts.j"

# --- known lines
$PROG -z -k "$T/counts" -n 4 <"$T/corpus" >"$T/known.out"
ok '--known: exit 0' test $? -eq 0
grep -q 'Riverside Courier\|RIVERSIDE COURIER' "$T/known.out"
ok '--known -n 4: the blurb is gone from every document' test $? -ne 0
is '--known -n 4: the bodies stay' "$(grep -c 'The council said on' "$T/known.out")" 4
is '--known -n 4: the documents stay' "$(tr -cd '\0' <"$T/known.out" | wc -c | tr -d ' ')" 4
$PROG -z -k "$T/counts" -n 5 <"$T/corpus" | cmp -s - "$T/plain"
ok '--known -n 5: nothing in 5 documents, output as without' test $? -eq 0
$PROG -z -k "$T/counts" <"$T/corpus" | cmp -s - "$T/known.out"
ok '--known: -n defaults to 3' test $? -eq 0
$PROG -z -k "$T/counts" -n 4 <"$T/known.out" | cmp -s - "$T/known.out"
ok '--known: idempotent' test $? -eq 0
printf '%s\n' "$F" >"$T/one"
body Friday 'old bridge' >>"$T/one"
$PROG -m -k "$T/counts" -n 4 <"$T/one" | grep -q "^- known	$F\$"
ok '--known --mark: reason known' test $? -eq 0
$PROG -k "$T/counts" -l "$T/counts3" -n 4 <"$T/one" >/dev/null
ok '--known and --learn together' grep -qx '# documents 1' "$T/counts3"

# bounded memory: 600000 distinct lines overflow the table (at most
# 393216 lines); the rarest are forgotten, the one in every document stays
# (206-unboiler-counts.t tests the limit)
awk 'function w(n,  s) { s = ""; do { s = s sprintf("%c", 97 + n % 26); n = int(n / 26) } while (n > 0); return s }
BEGIN { for (d = 0; d < 40; d++) { for (i = 0; i < 15000; i++) print w(d * 15000 + i); printf "Common footer line\n%c", 0 } }' >"$T/many"
$PROG -z -l "$T/many.counts" <"$T/many" >/dev/null
ok '--learn, full table: exit 0' test $? -eq 0
ok '--learn, full table: says what it forgot' grep -qx '# forgot lines of at most 1 documents' "$T/many.counts"
ok '--learn, full table: at most 393216 lines' test "$(grep -vc '^#' "$T/many.counts")" -le 393216
is '--learn, full table: the common line stays' "$(grep -v '^#' "$T/many.counts" | awk '$2 == 40' | wc -l | tr -d ' ')" 1
cp "$T/many.counts" "$T/many2.counts"
$PROG -z -l "$T/many2.counts" </dev/null >/dev/null
ok '--learn, full table: the note survives a merge' grep -qx '# forgot lines of at most 1 documents' "$T/many2.counts"

# --- errors
$PROG -k "$T/nonexistent" </dev/null >/dev/null 2>"$T/err"
ok '--known: a missing file exits 1' test $? -eq 1
ok '--known: a missing file is named' grep -q 'nonexistent' "$T/err"
printf '# documents 1\nzz 3\n' >"$T/bad"
$PROG -k "$T/bad" </dev/null >/dev/null 2>"$T/err"
ok '--known: a malformed file exits 1' test $? -eq 1
ok '--known: the malformed line is named' grep -q 'bad:2:' "$T/err"
printf '0123456789abcdef 0\n' >"$T/bad0"
$PROG -k "$T/bad0" </dev/null >/dev/null 2>&1
ok '--known: a count of 0 is malformed' test $? -eq 1
$PROG -l "$T/no/such/dir/counts" </dev/null >/dev/null 2>&1
ok '--learn: an unwritable file exits 1' test $? -eq 1
printf '' | check_filter '-n 0: exit 2' 2 '' $PROG -n 0
# -n only means something with -k: alone (or with -l) it is a usage error
printf '' | check_filter '-n without -k: exit 2' 2 '' $PROG -n 5
$PROG -n 5 </dev/null >/dev/null 2>"$T/err"
ok '-n without -k: says why' grep -q -- '-n.*-k' "$T/err"
printf '' | check_filter '--min-docs with --learn, without -k: exit 2' 2 '' \
	$PROG --min-docs=5 -l "$T/counts.n"
ok '--min-docs without -k: no counts written' test ! -e "$T/counts.n"
printf '' | check_filter '-n with -k: exit 0' 0 '' $PROG -n 5 -k "$T/counts"
printf '' | check_filter '-n abc: exit 2' 2 '' $PROG -n abc

done_testing
