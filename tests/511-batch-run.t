#!/bin/sh
# scripts/batch on this machine: the samples as JSONL shards (.jsonl,
# .jsonl.gz, .jsonl.zst, a subdirectory, an empty shard) with -j 1 and -j 2
# give byte for byte what the pipeline gives serially; failures are named,
# never leave a shard under its final name, and resume.
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

# noparts DIR: no .part file anywhere under DIR
noparts() {
	[ -z "$(find "$1" -name '*.part' -print)" ]
}
# joblines DIR: lines in DIR's joblog, header included
joblines() {
	wc -l <"$1/.batch/joblog" | tr -d ' '
}

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
	"$(joblines "$T/j2") $(tail -n 1 "$T/j2/.batch/joblog" | grep -c "sub/d.jsonl\$")" "$((nshards + 1)) 1"
ok 'a deleted output: restored byte for byte' same_tree "$T/ref-up" "$T/j2"

# a shard that fails: named, exit 1, nothing under its name; then resume
cp -R "$T/in" "$T/in2"
{ gzip -dc "$T/in/b.jsonl.gz"; printf '{"id":"p","text":"POISON pill"}\n'; } |
	gzip -n >"$T/in2/b.jsonl.gz"
printf '{"id":"q","text":"more POISON"}\n' >>"$T/in2/sub/d.jsonl"
poison="perl -pe 'die \"poison\\n\" if /POISON/ && -e \"$T/broken\"' | $up"
serial "$poison" "$T/in2" "$T/ref-poison"
touch "$T/broken"
"$B" -j 2 -p "$poison" "$T/in2" "$T/fail" 2>"$T/err"
is 'failing shards: exit 1' "$?" 1
ok 'failing shards: the .gz shard is named' grep -q '^batch: failed: b.jsonl.gz (exit status' "$T/err"
ok 'failing shards: the shard in sub/ is named' grep -q '^batch: failed: sub/d.jsonl (exit status' "$T/err"
ok 'failing shards: counted' grep -q '^batch: 2 of 5 shards failed' "$T/err"
ok "failing shards: the filter's message is tagged with the shard" grep -q '^b.jsonl.gz:.*poison' "$T/err"
ok 'failing shards: no output under their names' test ! -e "$T/fail/b.jsonl.gz" -a ! -e "$T/fail/sub/d.jsonl"
ok 'failing shards: no .part left' noparts "$T/fail"
ok 'failing shards: the others are complete' sh -c \
	"cmp '$T/ref-poison/a.jsonl' '$T/fail/a.jsonl' && cmp '$T/ref-poison/empty.jsonl' '$T/fail/empty.jsonl'"
rm "$T/broken"
"$B" -j 2 -p "$poison" "$T/in2" "$T/fail" 2>"$T/err"
is 'resume: exit 0' "$?" 0
is 'resume: only the two failed shards run again' "$(joblines "$T/fail")" $((nshards + 3))
ok 'resume: byte-identical to the serial pipeline' same_tree "$T/ref-poison" "$T/fail"

# a pipe that writes and then fails never leaves its output behind
"$B" -j 2 -p "$up; exit 3" "$T/in" "$T/half" 2>"$T/err"
is 'write then fail: exit 1' "$?" 1
ok 'write then fail: every shard is named' sh -c "[ \$(grep -c '^batch: failed: .*(exit status 3)' '$T/err') -eq $nshards ]"
ok 'write then fail: no shard under its name' sh -c "[ -z \"\$(find '$T/half' -path '$T/half/.batch' -prune -o -type f -print)\" ]"
ok 'write then fail: no .part left' noparts "$T/half"
ok 'a failure in the middle of the pipe counts (pipefail)' sh -c \
	"'$B' -p 'false | cat' '$T/in' '$T/mid' 2>/dev/null; [ \$? -eq 1 ] && [ ! -e '$T/mid/a.jsonl' ]"

# a corrupt .gz shard fails in the decompressor
mkdir "$T/in3"
head -c 100 "$T/in/b.jsonl.gz" >"$T/in3/b.jsonl.gz"
"$B" -p cat "$T/in3" "$T/corrupt" 2>"$T/err"
is 'a truncated .gz shard: exit 1' "$?" 1
ok 'a truncated .gz shard: named' grep -q '^batch: failed: b.jsonl.gz' "$T/err"

# interrupted (^C to the whole process group), then resumed
if command -v setsid >/dev/null 2>&1; then
	slow="if [ -e '$T/slow' ]; then sleep 20; fi; $up"
	touch "$T/slow"
	# a background job of a script ignores SIGINT: undo that, as a shell would
	setsid -w sh -c 'echo $$ >"$0/pg"; exec perl -e "\$SIG{INT} = q(DEFAULT); exec @ARGV or die" "$@"' \
		"$T" "$B" -j 2 -p "$slow" "$T/in" "$T/int" 2>"$T/err" &
	pid=$!
	i=0
	while [ $i -lt 100 ] && [ -z "$(find "$T/int" -name '*.part' 2>/dev/null)" ]; do
		sleep 0.1
		i=$((i + 1))
	done
	pg=$(cat "$T/pg")
	(sleep 15 && kill -KILL -"$pg") </dev/null >/dev/null 2>&1 &
	dog=$!
	kill -INT -"$pg"
	wait $pid
	st=$?
	kill $dog 2>/dev/null
	is 'interrupted: exit 130' "$st" 130
	ok 'interrupted: says how to resume' grep -q 'run the same command again to resume' "$T/err"
	ok 'interrupted: no shard under its name' sh -c "[ -z \"\$(find '$T/int' -path '$T/int/.batch' -prune -o -type f -print)\" ]"
	ok 'interrupted: no .part left' noparts "$T/int"
	rm "$T/slow"
	"$B" -j 2 -p "$slow" "$T/in" "$T/int" 2>"$T/err"
	is 'interrupted, resumed: exit 0' "$?" 0
	ok 'interrupted, resumed: byte-identical' same_tree "$T/ref-up" "$T/int"
else
	skip 'interrupt and resume' 'no setsid'
fi

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
is 'no shards: exit 0' "$?" 0
ok 'no shards: says so' grep -q '^batch: no .jsonl' "$T/err"

done_testing
