#!/bin/sh
# See LICENSE file for copyright and license details.
# unmojibake: dense invalid or truncated UTF-8 costs at most so many
# times the instructions of as much clean text (issue 17: it took 2000
# times the time).  Instructions are counted by callgrind, so the ratio
# does not depend on how busy the machine is.  With -f CP1252 that is the
# repair alone; the default, -f auto, adds the choice of an encoding once
# a document, over at most 4 KB of it (uchardet takes about 1700
# instructions a byte of random bytes): MAXAUTO.
. "${0%/*}/lib.sh"
PROG=$BIN/unmojibake
MAXRATIO=${MAXRATIO:-60}
MAXAUTO=${MAXAUTO:-75}

if ! command -v valgrind >/dev/null 2>&1 || sanitized; then
	skip 'speed on dense invalid UTF-8' 'no valgrind, or a sanitizer build'
	done_testing
	exit 0
fi
# 100 KB of each: random high bytes, truncated sequences ("\303a") and a
# few letters, in lines of about 200 bytes; and the samples
awk 'BEGIN { srand(3); for (n = 0; n < 100000; ) {
	r = rand()
	if (r < 0.5) { printf "%c", 128 + int(rand() * 128); n++ }
	else if (r < 0.8) { printf "%ca", substr("\303\342\360\344", 1 + int(rand() * 4), 1); n += 2 }
	else if (r < 0.95) { printf "%c", 97 + int(rand() * 26); n++ }
	else { printf " "; n++ }
	if (rand() < 0.005) printf "\n" } }' >"$T/dense"
: >"$T/clean"
while [ $(wc -c <"$T/clean" || echo 0) -lt 100000 ]; do
	cat "$top"/samples/*.txt >>"$T/clean"
done
head -c 100000 "$T/clean" >"$T/clean1"
count() {
	f=$1
	shift
	valgrind --tool=callgrind --callgrind-out-file="$T/cg" "$PROG" "$@" \
	    <"$f" >/dev/null 2>"$T/vg"
	sed -n 's/.*refs: *//p' "$T/vg" | tr -d ,
}
# less what the program takes to start
: >"$T/empty"
e=$(count "$T/empty" -f CP1252)
d=$(($(count "$T/dense" -f CP1252) - e))
c=$(($(count "$T/clean1" -f CP1252) - e))
r=$((d / c))
diag "dense: $d instructions, clean: $c, ratio $r"
ok "dense invalid UTF-8, -f CP1252: at most $MAXRATIO times clean text ($r)" \
    [ "$r" -le "$MAXRATIO" ]
e=$(count "$T/empty")
d=$(($(count "$T/dense") - e))
c=$(($(count "$T/clean1") - e))
r=$((d / c))
diag "-f auto: dense: $d instructions, clean: $c, ratio $r"
ok "dense invalid UTF-8, -f auto: at most $MAXAUTO times clean text ($r)" \
    [ "$r" -le "$MAXAUTO" ]
done_testing
