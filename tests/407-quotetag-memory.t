#!/bin/sh
# quotetag's memory is bounded by design, not by the size of a document:
# peak RSS (GNU time's %M) stays under 16 MiB on a few MB of the most
# quote-dense inputs there are (quotes and their records are of fixed
# size and leave as soon as they are written; the clean text is held only
# a bounded distance behind; a record's quotes array spills to a file).
# The reader itself holds the window (a plain document of 3 MB) or the
# record (a --jsonl line of 2 MB, three times over) besides.
. "${0%/*}/lib.sh"
PROG=$BIN/quotetag
LIMIT=16384     # KiB

if [ ! -x /usr/bin/time ] || ! /usr/bin/time -f %M true >/dev/null 2>&1 ||
    sanitized; then
	skip 'peak memory' 'no GNU time, or an ASan build (make SAN=1)'
	done_testing
	exit
fi

# gen FILE UNIT BYTES: UNIT repeated to BYTES
gen() {
	awk -v u="$2" -v n="$3" 'BEGIN { k = int(n / length(u))
		for (i = 0; i < k; i++) printf "%s", u }' >"$1"
}

# peak DESC ARGS...: quotetag ARGS under LIMIT KiB, exit 0 or 1
peak() {
	_d=$1
	shift
	/usr/bin/time -o "$T/time" -f %M "$PROG" "$@" >/dev/null 2>"$T/err"
	_st=$?
	_k=$(tail -n 1 "$T/time")
	if [ "$_st" -le 1 ] && [ "$_k" -le $LIMIT ]; then
		pass "$_d: $_k KiB"
	else
		fail "$_d: $_k KiB (status $_st)"
	fi
}

M=3000000
gen "$T/tags" '<q who="a" cue="b">"x" ' $M
peak 'opening tags that never close, each before a quote' "$T/tags"
peak '... -a -f jsonl --offsets=chars' -a -f jsonl --offsets=chars "$T/tags"
gen "$T/single" "'Yes,' he said. ''No,'' she said. " $M
peak 'single marks, doubled single marks' -s "$T/single"
gen "$T/closes" '</q> "x," he said. ' $M
peak 'stray closing tags between quotes' "$T/closes"
gen "$T/pron" '"Yes," he said. "No," she said. "Maybe," they said. ' $M
peak 'pronoun chains' "$T/pron"
peak '... -f tsv' -f tsv "$T/pron"
gen "$T/open" '"It goes on and on ' $M
peak 'quotes that never close' "$T/open"
gen "$T/nocue" '"Ab cd." ' $M
peak 'quotes with no cue on one long line' "$T/nocue"
"$PROG" "$T/pron" >"$T/pron.tagged"
peak 'its own output' "$T/pron.tagged"

# a --jsonl record of 2 MB, 77000 quotes (its array lists 16384)
{
	printf '{"id":1,"text":"'
	awk 'BEGIN { for (i = 0; i < 2000000 / 29; i++)
		printf "\\\"We will win,\\\" Smith said. " }'
	printf '"}\n'
} >"$T/rec"
peak 'a --jsonl record of 2 MB' --jsonl "$T/rec"
done_testing
