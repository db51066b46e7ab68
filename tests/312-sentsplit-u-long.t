#!/bin/sh
# sentsplit -u (UAX #29 alone) on a sentence that never ends and has no
# two letters in a row ("a. a. a. ...", where SB8 keeps going): it is
# written ahead past the window's limit all the same, so what is held
# stays bounded and every piece is walked once (scripts/stress found it
# held the whole sentence and walked it again for every piece).
. "${0%/*}/lib.sh"
PROG=$BIN/sentsplit

awk 'BEGIN { for (i = 0; i < 100000; i++) printf "a. "; print "" }' >"$T/small"
$PROG -u <"$T/small" >"$T/out"
ok '-u: one sentence, only whitespace changed' \
	eval "[ \$(wc -l <'$T/out') -eq 1 ] && [ \$(tr -d ' \n' <'$T/out' | wc -c) -eq 200000 ]"
$PROG -u --window=4096 <"$T/small" | cmp -s - "$T/out"
ok '-u --window=4096: the same as one window' test $? -eq 0
$PROG -u --window=4096 <"$T/out" | cmp -s - "$T/out"
ok '-u --window=4096: idempotent' test $? -eq 0

if [ -x /usr/bin/time ] && /usr/bin/time -f %M true >/dev/null 2>&1 &&
    ! sanitized; then
	# 300 KB through a 64 KiB window: the held text stays near the
	# window (it was the whole sentence, 6.8 MiB on 4.5 MB)
	awk 'BEGIN { for (i = 0; i < 1500000; i++) printf "a. "; print "" }' >"$T/big"
	/usr/bin/time -o "$T/time" -f %M $PROG -u --window=65536 <"$T/big" >/dev/null
	k=$(tail -n 1 "$T/time")
	ok "-u --window=64K on 4.5 MB: peak RSS under 5 MiB ($k KiB)" test "$k" -lt 5120
else
	skip '-u: peak memory' 'no GNU time, or an ASan build'
fi
done_testing
