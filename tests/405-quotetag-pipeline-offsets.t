#!/bin/sh
# Every quote of a JSON Lines corpus run through the whole pipeline, in one
# process (copydesk) and as four, is the text at its offsets: in
# characters (the default) and in bytes, checked from Python (standard
# library only). The corpus: the samples and the test fixtures; and, when
# COPYDESK_DATA names a directory holding quotes/polnear_dev.jsonl, that
# file too (read there, never copied into the tree).
. "${0%/*}/lib.sh"
D=$top/tests/data/quotetag

if ! command -v python3 >/dev/null 2>&1; then
	skip 'pipeline offsets' 'no python3'
	done_testing
	exit
fi

chain='unmojibake | unboiler | sentsplit | quotetag'
: >"$T/jobs"
: >"$T/descs"
n=0
# run NAME CORPUS: the chain and the pipe over CORPUS, in chars and bytes
run() {
	for u in chars bytes; do
		n=$((n + 1))
		copydesk --jsonl --offsets=$u "$chain" <"$2" >"$T/c.$n" 2>"$T/e.$n"
		ok "$1: copydesk --offsets=$u exits 0, quietly" \
			eval "[ $? -eq 0 ] && [ ! -s '$T/e.$n' ]"
		unmojibake --jsonl <"$2" | unboiler --jsonl | sentsplit --jsonl |
			quotetag --jsonl --offsets=$u >"$T/p.$n"
		ok "$1: four processes give what copydesk gives ($u)" \
			cmp -s "$T/c.$n" "$T/p.$n"
		echo "records $u $T/c.$n" >>"$T/jobs"
		echo "$1: text[start:end] is the quote, in $u" >>"$T/descs"
	done
}

python3 -c 'import json, sys
for f in sys.argv[1:]:
    t = open(f, "rb").read().decode("utf-8", "replace")
    print(json.dumps({"id": f.rsplit("/", 1)[-1], "text": t}))' \
	"$top"/samples/*.txt "$D"/*.txt "$top"/tests/data/unboiler/*.txt \
	"$top"/tests/data/sentsplit/*.txt >"$T/fixtures.jsonl"
cat "$D/offsets.jsonl" >>"$T/fixtures.jsonl"
run fixtures "$T/fixtures.jsonl"

G=${COPYDESK_DATA:+$COPYDESK_DATA/quotes/polnear_dev.jsonl}
if [ -n "$G" ] && [ -r "$G" ]; then
	run polnear_dev "$G"
else
	skip 'polnear_dev' 'COPYDESK_DATA does not name the shared data'
fi

python3 "$D/checkoffsets.py" -f "$T/jobs" >"$T/results" 2>"$T/bad"
k=0
while read -r d; do
	k=$((k + 1))
	r=$(sed -n "${k}p" "$T/results")
	if [ -n "$r" ] && [ "${r#* }" = 0 ] && [ "${r% *}" -gt 0 ]; then
		pass "$d ($r)"
	else
		fail "$d ($r)"
	fi
	diag "$d: $r (quotes, bad)"
done <"$T/descs"
[ -s "$T/bad" ] && sed 's/^/# /' "$T/bad" | head -10
done_testing
