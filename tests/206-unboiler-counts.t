#!/bin/sh
# unboiler --learn (issue 17): concurrent runs add up their line counts
# exactly; the table is bounded (at most the number of lines the man page
# gives, in at most 16 MiB); a count file that cannot be written leaves
# no temporary file and exits 1 with a message.
. "${0%/*}/lib.sh"
PROG=$BIN/unboiler

# w N: a word of letters for N (digits would be normalised to 0)
words='function w(n,  s) { s = ""; do { s = s sprintf("%c", 97 + n % 26); n = int(n / 26) } while (n > 0); return s }'

# --- 4 concurrent runs over 4 parts give the counts of 1 serial run
# 4 parts of 30 documents each; lines shared within and across parts
for k in 1 2 3 4; do
	awk -v k="$k" "$words"'
	BEGIN { for (d = 0; d < 30; d++) {
		print "Home"; print "Share this:"
		for (i = 0; i < 40; i++) print "line " w((k * 31 + d * 7 + i) % 500) " " w(i)
		print "part " w(k) " footer"
		printf "%c", 0 } }' >"$T/part$k"
done
cat "$T/part1" "$T/part2" "$T/part3" "$T/part4" >"$T/all"
$PROG -z -l "$T/serial" <"$T/all" >/dev/null
ok 'serial run: exit 0' test $? -eq 0

# Each run gets its first document, and writes it out (--unbuffered),
# before any gets the rest: all four have started (and read whatever they
# read at start) before any ends and writes its counts.
for k in 1 2 3 4; do
	mkfifo "$T/in$k"
	$PROG -z --unbuffered -l "$T/par" <"$T/in$k" >"$T/out$k" 2>"$T/err$k" &
	eval "pid$k=\$!"
done
exec 5>"$T/in1" 6>"$T/in2" 7>"$T/in3" 8>"$T/in4"
for k in 1 2 3 4; do
	perl -e 'local $/ = "\0"; print scalar <STDIN>' <"$T/part$k" >&$((k + 4))
done
for k in 1 2 3 4; do
	n=0
	while [ "$(tr -cd '\0' <"$T/out$k" | wc -c)" -lt 1 ] && [ $n -lt 600 ]; do
		sleep 0.1
		n=$((n + 1))
	done
done
for k in 1 2 3 4; do
	perl -e 'local $/ = "\0"; <STDIN>; local $/; print <STDIN>' <"$T/part$k" >&$((k + 4))
done
exec 5>&- 6>&- 7>&- 8>&-
st=0
for k in 1 2 3 4; do
	eval "wait \$pid$k" || st=1
done
ok '4 concurrent runs: exit 0' test $st -eq 0
ok '4 concurrent runs: the counts of one serial run' cmp -s "$T/serial" "$T/par"
ok '4 concurrent runs: no temporary file left' test ! -e "$T/par.tmp"
is '4 concurrent runs: documents add up' "$(grep '^# documents' "$T/par")" '# documents 120'

# a run that learns nothing leaves the counts as they are
cp "$T/par" "$T/par.0"
$PROG -z -l "$T/par" </dev/null >/dev/null
ok 'an empty run: counts unchanged' cmp -s "$T/par" "$T/par.0"

# --- bounded: the man page's limit, and the memory
max=$(sed -n 's/^At most \([0-9]*\) lines are remembered.*/\1/p' "$top/filters/unboiler.1")
ok "the man page gives the limit ($max)" test -n "$max"
# exactly max distinct lines: all remembered; one more: some forgotten
awk -v n="$max" "$words"'
BEGIN { for (i = 0; i < n; i++) { print w(i); if (i % 50000 == 49999) printf "%c", 0 } }' >"$T/exact"
$PROG -z -l "$T/exact.counts" <"$T/exact" >/dev/null
is "$max distinct lines: all remembered" "$(grep -vc '^#' "$T/exact.counts")" "$max"
ok "$max distinct lines: nothing forgotten" test -z "$(grep '^# forgot' "$T/exact.counts")"
printf 'one more line\n' >>"$T/exact"
$PROG -z -l "$T/exact1.counts" <"$T/exact" >/dev/null
ok "$max + 1 distinct lines: says what it forgot" grep -qx '# forgot lines of at most 1 documents' "$T/exact1.counts"
ok "$max + 1 distinct lines: at most $max remembered" \
	test "$(grep -vc '^#' "$T/exact1.counts")" -le "$max"

# more lines than fit, and one in every document: the table stays within
# 16 MiB, the common line stays
awk "$words"'
BEGIN { for (d = 0; d < 100; d++) { for (i = 0; i < 4500; i++) print w(d * 4500 + i); printf "Common footer line\n%c", 0 } }' >"$T/many"
if /usr/bin/time -f %M true >/dev/null 2>&1 && ! sanitized; then
	/usr/bin/time -o "$T/rss" -f %M $PROG -z -l "$T/many.counts" <"$T/many" >/dev/null
	ok 'a full table: exit 0' test $? -eq 0
	rss=$(tail -n 1 "$T/rss")
	ok "a full table: peak RSS at most 16 MiB ($rss KiB)" test "$rss" -le 16384
else
	$PROG -z -l "$T/many.counts" <"$T/many" >/dev/null
	ok 'a full table: exit 0' test $? -eq 0
	skip 'a full table: peak RSS at most 16 MiB' 'no GNU time, or ASan'
fi
ok 'a full table: says what it forgot' grep -q '^# forgot lines of at most' "$T/many.counts"
ok "a full table: at most $max lines" test "$(grep -vc '^#' "$T/many.counts")" -le "$max"
is 'a full table: the common line stays' "$(grep -v '^#' "$T/many.counts" | awk '$2 == 100' | wc -l | tr -d ' ')" 1

# --- write errors: the temporary file is removed, the counts kept
printf 'Home\nThe council said that the plan would go ahead in the spring.\n\0' >"$T/small"
ln -s /dev/full "$T/full.tmp"
$PROG -z -l "$T/full" <"$T/small" >/dev/null 2>"$T/err"
ok 'a full disk: exit 1' test $? -eq 1
ok 'a full disk: says so' grep -q 'full.tmp: No space left on device' "$T/err"
ok 'a full disk: no temporary file left' test ! -e "$T/full.tmp" -a ! -L "$T/full.tmp"
ok 'a full disk: no count file made' test ! -e "$T/full"
cp "$T/serial" "$T/kept"
ln -s /dev/full "$T/kept.tmp"
$PROG -z -l "$T/kept" <"$T/small" >/dev/null 2>"$T/err"
ok 'a full disk, counts there: exit 1' test $? -eq 1
ok 'a full disk, counts there: kept as they were' cmp -s "$T/kept" "$T/serial"
ok 'a full disk, counts there: no temporary file left' test ! -e "$T/kept.tmp" -a ! -L "$T/kept.tmp"
# a file size limit: the write fails part way (EFBIG)
(trap '' XFSZ; ulimit -f 2; exec $PROG -z -l "$T/big" <"$T/many" >/dev/null 2>"$T/err")
ok 'a file size limit: exit 1' test $? -eq 1
ok 'a file size limit: says so' grep -q 'big.tmp: File too large' "$T/err"
ok 'a file size limit: no temporary file left' test ! -e "$T/big.tmp"
if [ "$(id -u)" -ne 0 ]; then
	mkdir "$T/ro"
	cp "$T/serial" "$T/ro/counts"
	chmod a-w "$T/ro"
	$PROG -z -l "$T/ro/counts" <"$T/small" >/dev/null 2>"$T/err"
	ok 'a read-only directory: exit 1' test $? -eq 1
	ok 'a read-only directory: counts kept' cmp -s "$T/ro/counts" "$T/serial"
	chmod u+w "$T/ro"
else
	skip 'a read-only directory' 'root writes anyway'
fi

done_testing
