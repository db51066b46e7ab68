#!/bin/sh
# scripts/batch on this machine: the samples as JSONL shards (.jsonl,
# .jsonl.gz, .jsonl.zst, a subdirectory, an empty shard) with -j 1, -j 2
# and -P give byte for byte what the pipeline gives serially; -P puts each
# job on one CPU; reruns only redo
# what is missing; a run is not resumed with another pipeline.
. "${0%/*}/lib.sh"
. "$top/tests/data/batch/shards.sh"
B=$top/scripts/batch
unset PARALLEL

mkshards "$T/in"
nshards=5
up='rectool -m upper --jsonl'
serial "$up" "$T/in" "$T/ref-up"
ok 'the reference has every shard' test -s "$T/ref-up/a.jsonl" -a -s "$T/ref-up/b.jsonl.gz" \
	-a -s "$T/ref-up/sub/d.jsonl" -a -f "$T/ref-up/empty.jsonl"

"$B" -j 1 -p "$up" "$T/in" "$T/j1" 2>"$T/err"
is '-j 1: exit 0' "$?" 0
ok '-j 1: byte-identical to the serial pipeline' same_tree "$T/ref-up" "$T/j1"
ok '-j 1: a non-JSONL file is skipped with a warning' \
	grep -q "^batch: skipping $T/in/README.txt: not" "$T/err"
ok '-j 1: hidden files are neither read nor warned about' \
	sh -c "! grep -q hidden '$T/err' && test ! -e '$T/j1/.hidden.jsonl'"
ok '-j 1: no .part left' noparts "$T/j1"
is '-j 1: one joblog line per shard' "$(joblines "$T/j1")" $((nshards + 1))

"$B" -j 2 -p "$up" "$T/in" "$T/j2" 2>"$T/err"
is '-j 2: exit 0' "$?" 0
ok '-j 2: byte-identical to the serial pipeline' same_tree "$T/ref-up" "$T/j2"
ok '-j 2: no .part left' noparts "$T/j2"

# -P: each job on one CPU of those the run may use, output unchanged
"$B" -P -j 2 -p "$up" "$T/in" "$T/p2" 2>"$T/err"
is '-P -j 2: exit 0' "$?" 0
ok '-P -j 2: byte-identical to the serial pipeline' same_tree "$T/ref-up" "$T/p2"
"$B" -P -j 2 -p 'sed -n "s/^Cpus_allowed_list:[[:space:]]*//p" /proc/self/status >&2; cat' \
	"$T/in" "$T/p2cpu" 2>"$T/err"
is '-P -j 2: each job is on one CPU' \
	"$(grep -c "^[^	]*:	[0-9][0-9]*\$" "$T/err") $(grep -c "Cpus\|:	[0-9]*[-,]" "$T/err")" "$nshards 0"
rm "$T/p2/a.jsonl"
"$B" -j 2 -p "$up" "$T/in" "$T/p2" 2>"$T/err"
is 'a -P run resumes without -P: exit 0' "$?" 0
ok 'a -P run resumes without -P: restored byte for byte' same_tree "$T/ref-up" "$T/p2"

# a pipeline of standard tools, and spaces, quotes and $ in every path
# (the job script's, the shards', the directories')
p2="tr a-z A-Z | sed 's/THE/the/g'"
odd="$T/in 'odd' \$x"
mkdir "$odd"
cp -R "$T/in/." "$odd/"
mv "$odd/sub" "$odd/s u'b"
mv "$odd/s u'b/d.jsonl" "$odd/s u'b/d \$(x).jsonl"
serial "$p2" "$odd" "$T/ref-odd"
"$B" -j 2 -p "$p2" "$odd" "$T/out 'odd' \$x" 2>"$T/err"
is 'standard tools, odd path names: exit 0' "$?" 0
ok 'standard tools, odd path names: byte-identical' same_tree "$T/ref-odd" "$T/out 'odd' \$x"
ok 'compressed shards are recompressed (gzip)' sh -c "gzip -t \"\$1/b.jsonl.gz\"" sh "$T/out 'odd' \$x"
if [ -f "$T/in/c.jsonl.zst" ]; then
	ok 'compressed shards are recompressed (zstd)' sh -c "zstd -tq \"\$1/c.jsonl.zst\"" sh "$T/out 'odd' \$x"
else
	skip 'zstd shards' 'no zstd on this machine'
fi

# a finished run is not redone; a deleted output is
"$B" -j 2 -p "$up" "$T/in" "$T/j2" 2>"$T/err"
is 'rerun of a finished run: exit 0' "$?" 0
is 'rerun of a finished run: no job runs' "$(joblines "$T/j2")" $((nshards + 1))
rm "$T/j2/sub/d.jsonl"
"$B" -j 2 -p "$up" "$T/in" "$T/j2" 2>"$T/err"
is 'a deleted output: exit 0' "$?" 0
is 'a deleted output: only that shard runs again' \
	"$(joblines "$T/j2") $(tail -n 1 "$T/j2/.batch/joblog" | grep -c "sub/d.jsonl [0-9]*\$")" "$((nshards + 1)) 1"
ok 'a deleted output: restored byte for byte' same_tree "$T/ref-up" "$T/j2"

# a different pipeline or other shards do not resume someone else's run
"$B" -p cat "$T/in" "$T/j1" 2>"$T/err"
is 'another pipeline into a used output_dir: exit 1' "$?" 1
ok 'another pipeline into a used output_dir: says so' grep -q 'holds a run with another pipeline' "$T/err"
ok 'another pipeline: the outputs are untouched' same_tree "$T/ref-up" "$T/j1"
touch "$T/in/new.jsonl"
"$B" -p "$up" "$T/in" "$T/j1" 2>"$T/err"
is 'other shards into a used output_dir: exit 1' "$?" 1
rm "$T/in/new.jsonl"

mkdir "$T/none"
"$B" -p cat "$T/none" "$T/none-out" 2>"$T/err"
is 'no shards: exit 1' "$?" 1
ok 'no shards: says so' grep -q '^batch: no JSON Lines shards' "$T/err"

done_testing
