#!/bin/sh
# scripts/batch never fails a shard for one odd record: a shard holding a
# big integer, a byte order mark, a nested and a missing field, a 12 MiB
# line, a line that is not JSON, in every compressed form and under every
# JSON Lines name, goes through with its valid records in the output, the
# bad line set aside in .batch/rejects/, and the counts in
# .batch/stats.json. Also: the workers against the shell jobs, the
# progress line, the merged counts, and messages naming the program.
. "${0%/*}/lib.sh"
. "$top/tests/data/batch/shards.sh"
B=$top/scripts/batch
unset PARALLEL

for f in copydesk unmojibake unboiler sentsplit quotetag; do
	if [ ! -x "$top/bin/$f" ]; then
		skip 'batch records' "bin/$f is not built (run make)"
		done_testing
		exit
	fi
done

mkdir -p "$T/in/deep"
jsonl "$top"/samples/000_*.txt >"$T/good.jsonl"
{
	printf '\357\273\277{"id":"bom","text":"The first line of this shard begins with a byte order mark, which JSON does not allow."}\n'
	printf '{"id":"big","simhash":18446744073709551615,"text":"Big \\u201cnumbers\\u201d."}\n'
	printf '{"id":"nested","meta":{"text":"x"},"text":"It said \\"so\\", he said."}\n'
	printf '{"id":"missing","title":"no text"}\n'
	printf 'this line is not JSON\n'
	cat "$T/good.jsonl"
	awk 'BEGIN { printf "{\"id\":\"long\",\"text\":\""; for (i = 0; i < 1300000; i++) printf "Long line. "; print "\"}" }'
	cat "$T/good.jsonl" "$T/good.jsonl"
} >"$T/odd.jsonl"
nrec=$(wc -l <"$T/odd.jsonl")
cp "$T/odd.jsonl" "$T/in/a.jsonl"
gzip -nc "$T/odd.jsonl" >"$T/in/b.json.gz"
cp "$T/odd.jsonl" "$T/in/deep/c.ndjson"
have=""
for z in zstd:zst xz:xz bzip2:bz2; do
	if command -v "${z%%:*}" >/dev/null 2>&1; then
		"${z%%:*}" -c <"$T/odd.jsonl" >"$T/in/d.jsonl.${z#*:}"
		have="$have d.jsonl.${z#*:}"
	fi
done
echo 'notes' >"$T/in/notes.txt"
echo 'more notes' >"$T/in/notes2.md"

"$B" -j 2 "$T/in" "$T/out" 2>"$T/err"
st=$?
is 'a shard of odd records: exit 0' "$st" 0
[ "$st" -eq 0 ] || diag "$(cat "$T/err")"
for f in a.jsonl b.json.gz deep/c.ndjson $have; do
	case $f in
	*.gz) gzip -dc "$T/out/$f" ;;
	*.zst) zstd -dcq "$T/out/$f" ;;
	*.xz) xz -dc "$T/out/$f" ;;
	*.bz2) bzip2 -dc "$T/out/$f" ;;
	*) cat "$T/out/$f" ;;
	esac >"$T/got"
	is "$f: every valid record is in the output" "$(wc -l <"$T/got")" $((nrec - 1))
	ok "$f: the long line is there" grep -q '"id":"long"' "$T/got"
	ok "$f: the big integer is kept as it was" grep -q '"simhash":18446744073709551615,' "$T/got"
	ok "$f: the byte order mark is gone, the record processed" \
		grep -qxF '{"id":"bom","text":"The first line of this shard begins with a byte order mark, which JSON does not allow.\n","quotes":[]}' "$T/got"
	ok "$f: the record without text got an empty quotes array" \
		grep -q '^{"id":"missing","title":"no text","quotes":\[\]}$' "$T/got"
	ok "$f: the bad line is in its reject file" \
		grep -q "^$f:5:this line is not JSON\$" "$T/out/.batch/rejects/$f"
done
ok 'the other files were skipped and counted' \
	grep -q '^batch: skipped 2 files that are not JSON Lines shards$' "$T/err"
ok 'the rejected lines are counted for the user' \
	grep -q "lines that are not JSON were set aside in $T/out/.batch/rejects/" "$T/err"
n=$(echo a b c $have | wc -w)
perl -e '
	local $/; my $s = <STDIN>;
	my %want = (shards => $ARGV[0], records => $ARGV[0] * $ARGV[1],
	    rejected => $ARGV[0], missing_field => $ARGV[0],
	    oversized => $ARGV[0]);
	for my $k (sort keys %want) {
		$s =~ /"$k":(\d+)/ or die "no $k\n";
		$1 == $want{$k} or die "$k: $1, not $want{$k}\n";
	}
	$s =~ /"sentsplit":\{[^}]*"sentences":\d+/ or die "no sentsplit counts\n";
' "$n" "$nrec" <"$T/out/.batch/stats.json" 2>"$T/perr"
ok "stats.json: shards, records, rejected, missing and long lines summed over $n shards" \
	test $? -eq 0
[ -s "$T/perr" ] && diag "$(cat "$T/perr")"

# the workers give what the shell jobs (GNU parallel) give
mkshards "$T/in2"
COPYDESK_BATCH_PARALLEL=1 "$B" -j 2 "$T/in2" "$T/sh" 2>"$T/err"
is 'shell jobs: exit 0' "$?" 0
ok 'shell jobs: a joblog, no done list' test -f "$T/sh/.batch/joblog" -a ! -f "$T/sh/.batch/done"
"$B" -j 2 "$T/in2" "$T/wk" 2>"$T/err"
is 'workers: exit 0' "$?" 0
ok 'workers: a done list, no joblog' test -f "$T/wk/.batch/done" -a ! -f "$T/wk/.batch/joblog"
ok 'workers and shell jobs give the same bytes' same_tree "$T/sh" "$T/wk"
ok 'workers: no .part left' noparts "$T/wk"
rm "$T/wk/a.jsonl"
"$B" -j 2 "$T/in2" "$T/wk" 2>"$T/err"
is 'workers resume: exit 0' "$?" 0
is 'workers resume: only the missing shard ran' "$(wc -l <"$T/wk/.batch/done")" 1
ok 'workers resume: the same bytes' same_tree "$T/sh" "$T/wk"

# progress
"$B" --eta -j 1 "$T/in2" "$T/eta" 2>"$T/err"
is '--eta: exit 0' "$?" 0
ok '--eta: a progress line' grep -q '^batch: [0-9]*/5 shards, [0-9]* s' "$T/err"
"$B" --bar -j 1 "$T/in2" "$T/bar" 2>"$T/err"
ok '--bar: the last count' grep -q 'batch: 5/5 shards' "$T/err"

# messages
"$B" -x "$T/in2" "$T/o" 2>"$T/err"
is 'an unknown option: exit 2' "$?" 2
ok '... named, with the program name' grep -q '^batch: unknown option -x$' "$T/err"
"$B" --frobnicate "$T/in2" "$T/o" 2>"$T/err"
ok 'an unknown long option: named' grep -q '^batch: unknown option --frobnicate$' "$T/err"
"$B" -p 'tr a b | | cat' "$T/in2" "$T/o" 2>"$T/err"
is 'a broken pipeline: exit 2' "$?" 2
ok "... bash's own words, not our wrapper's" \
	grep -q "^batch: -p: not a valid bash pipeline: tr a b | | cat (syntax error" "$T/err"
mkdir "$T/in3"
printf '{"text":"a"}\n' | gzip -nc | head -c 20 >"$T/in3/cut.jsonl.gz"
"$B" "$T/in3" "$T/o3" 2>"$T/err"
is 'a truncated shard: exit 1' "$?" 1
is '... its error once' "$(grep -c 'truncated' "$T/err")" 1
done_testing
