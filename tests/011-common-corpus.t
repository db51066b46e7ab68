#!/bin/sh
# Records that never fail a shard: what the reader does with every valid
# JSON Lines record however odd (a byte order mark, a nested field, a
# missing one, numbers of any size), with lines that are not JSON
# (--reject), with long lines (--max-record), compressed input (by magic
# number), --unbuffered, --id-field in messages, option conflicts, and
# -z across files. Driven through bin/rectool (-m upper: the field's ASCII
# letters in upper case).
. "${0%/*}/lib.sh"
PROG="rectool -m upper --jsonl"

# a byte order mark: accepted, and dropped (JSON has none)
t 'a BOM on the first line is accepted and dropped' '' \
	'\357\273\277{"text":"a"}\n{"text":"b"}\n' '{"text":"A"}\n{"text":"B"}\n'
t 'a BOM at the start of a later line too' '' \
	'{"text":"a"}\n\357\273\277{"text":"b"}\n' '{"text":"A"}\n{"text":"B"}\n'
# fuzz-rec: a line over --max-record, passed through unchanged, kept its
# byte order mark
long=$(awk 'BEGIN { for (i = 0; i < 80; i++) printf "y" }')
printf '\357\273\277{"x":"%s"}\n\357\273\277{"text":"b"}\n' "$long" |
	check_filter 'a BOM is dropped from a line over --max-record too' 1 \
	"{\"x\":\"$long\"}\n{\"text\":\"B\"}\n" $PROG --max-record=64

# numbers of any size and every other byte: kept
t 'an integer above 2^64 is copied as it is' '' \
	'{"simhash":18446744073709551615,"text":"a"}\n' \
	'{"simhash":18446744073709551615,"text":"A"}\n'
t 'reals, exponents and duplicate keys are kept byte for byte' '' \
	'{"id":1,"id":2,"score":0.1,"tiny":1e-300,"n":1E+2,"text":"One."}\n' \
	'{"id":1,"id":2,"score":0.1,"tiny":1e-300,"n":1E+2,"text":"ONE."}\n'
t 'CRLF line ends and escapes elsewhere are kept' '' \
	'{"t\\u0069tle":"\\u00e9","text":"a"}\r\n' \
	'{"t\\u0069tle":"\\u00e9","text":"A"}\r\n'
deep=$(awk 'BEGIN { for (i = 0; i < 3000; i++) printf "["; for (i = 0; i < 3000; i++) printf "]" }')
printf '{"deep":%s,"text":"a"}\n' "$deep" >"$T/deep"
printf '{"deep":%s,"text":"A"}\n' "$deep" >"$T/deep.exp"
rectool -m upper --jsonl <"$T/deep" >"$T/deep.out" 2>"$T/.err"
ok 'nesting 3000 deep is processed' cmp -s "$T/deep.exp" "$T/deep.out"

# field paths
PROG="rectool -m upper --jsonl=meta.text"
t '--jsonl=meta.text: a nested member' '' \
	'{"meta":{"text":"a","id":1},"text":"b"}\n' \
	'{"meta":{"text":"A","id":1},"text":"b"}\n'
PROG="rectool -m upper --jsonl=/a.b/c~1d"
t '--jsonl=/a.b/c~1d: a JSON Pointer, with a dot and an escaped slash' '' \
	'{"a.b":{"c/d":"x"}}\n' '{"a.b":{"c/d":"X"}}\n'
printf '{"text":"a"}\n{"meta":{"text":5}}\n{"x":1}\n{"meta":{"text":"b"}}\n{"y":2}\n' |
	check_filter 'missing and non-string fields pass unchanged, status 0' 0 \
	'{"text":"a"}\n{"meta":{"text":5}}\n{"x":1}\n{"meta":{"text":"B"}}\n{"y":2}\n' \
	rectool -m upper --jsonl=meta.text --stats
ok 'a missing field is warned once, naming its line' \
	test "$(grep -c 'no member "meta.text"' "$T/.err")" -eq 1
ok '... line 1' grep -q '<stdin>: line 1: no member' "$T/.err"
ok 'a non-string field is warned once' \
	test "$(grep -c 'is not a string' "$T/.err")" -eq 1
ok '--stats counts processed, missing and non-string records' \
	grep -q 'records 5, .*processed 1, missing_field 3, not_string 1' "$T/.err"

# --lang-field hands the engine the record's language
PROG="rectool -a --jsonl --lang-field=meta.lang"
t '--lang-field: the member reaches the engine' '' \
	'{"meta":{"lang":"de"},"text":"a\\nb"}\n{"text":"c"}\n' \
	'{"meta":{"lang":"de"},"text":"a\\nb","probe":{"units":2,"lang":"de"}}\n{"text":"c","probe":{"units":1,"lang":""}}\n'
check_filter '--lang-field= (empty) is a usage error' 2 '' rectool --jsonl --lang-field= </dev/null

# messages name the record by its id
printf '{"id":"doc-7","text":"BAD"}\n' | rectool --jsonl >/dev/null 2>"$T/err"
ok 'a message names the record by --id-field (default id)' \
	grep -q 'line 1 (id "doc-7")' "$T/err"
printf '{"key":{"n":9},"text":"BAD"}\n' |
	rectool --jsonl --id-field=key.n >/dev/null 2>"$T/err"
ok '--id-field=key.n' grep -q 'line 1 (id 9)' "$T/err"

# lines that are not JSON: through, or to --reject
printf '{"text":"a"}\nnot json\n[1]\n{"text":"b"}\n' >"$T/mixed"
rectool -m upper --jsonl <"$T/mixed" >"$T/out" 2>"$T/err"
ok 'without --reject a bad line passes through, status 1' test $? -eq 1
ok '... and is kept in place' test "$(sed -n 2p "$T/out")" = 'not json'
ok 'a non-object is named as such' grep -q 'line 3: not a JSON object' "$T/err"
ok 'a line that is not JSON is worded by jansson' grep -q 'line 2: not JSON: ' "$T/err"
rectool -m upper --jsonl --reject="$T/rej" --max-reject=50 <"$T/mixed" >"$T/out" 2>"$T/err"
ok 'with --reject under the threshold: status 0' test $? -eq 0
is '--reject: the output holds only the good records' "$(cat "$T/out")" \
	"$(printf '{"text":"A"}\n{"text":"B"}')"
is '--reject: the bad lines, named by file and line' "$(cat "$T/rej")" \
	"$(printf '<stdin>:2:not json\n<stdin>:3:[1]')"
rectool -m upper --jsonl --reject="$T/rej" --max-reject=10 <"$T/mixed" >"$T/out" 2>"$T/err"
ok '--reject over --max-reject: status 1' test $? -eq 1
ok '... and says so' grep -q '2 of 4 records were rejected or too long: more than 10%' "$T/err"
check_filter '--max-reject takes a percent sign' 0 '{"text":"A"}\n{"text":"B"}\n' \
	rectool -m upper --jsonl --reject=/dev/null --max-reject=100% <"$T/mixed"
check_filter '--reject to an unwritable file: status 1' 1 '' \
	rectool --jsonl --reject=/nonexistent/dir/rej </dev/null

# --max-record: a longer line passes through unchanged
long=$(awk 'BEGIN { for (i = 0; i < 300; i++) printf "a" }')
printf '{"text":"%s"}\n{"text":"b"}\n' "$long" >"$T/long"
rectool -m upper --jsonl --max-record=128 <"$T/long" >"$T/out" 2>"$T/err"
ok '--max-record: a longer line, status 1 without --reject' test $? -eq 1
ok '... passes through unchanged' test "$(sed -n 1p "$T/out")" = "{\"text\":\"$long\"}"
ok '... and the next is processed' test "$(sed -n 2p "$T/out")" = '{"text":"B"}'
ok '... warned, naming the limit' grep -q 'line 1: longer than 128 bytes (--max-record)' "$T/err"
rectool -m upper --jsonl --max-record=1K <"$T/long" >"$T/out" 2>"$T/err"
ok '--max-record=1K processes it' test "$(sed -n 1p "$T/out")" = "{\"text\":\"$(echo "$long" | tr a A)\"}"
check_filter '--max-record=0 is a usage error' 2 '' rectool --jsonl --max-record=0 </dev/null

# compressed input, by magic number whatever the name
printf '{"text":"a"}\n{"text":"b"}\n' >"$T/c.jsonl"
for z in gzip zstd xz bzip2; do
	if ! command -v $z >/dev/null 2>&1; then
		skip "$z input" "$z is not installed"
		continue
	fi
	$z -c <"$T/c.jsonl" >"$T/c.any"
	check_filter "$z input is decompressed" 0 '{"text":"A"}\n{"text":"B"}\n' \
		rectool -m upper --jsonl "$T/c.any" </dev/null
	$z -c <"$T/c.jsonl" | check_filter "$z from a pipe" 0 \
		'{"text":"A"}\n{"text":"B"}\n' rectool -m upper --jsonl
done
(gzip -c <"$T/c.jsonl"; gzip -c <"$T/c.jsonl") >"$T/two.gz"
check_filter 'gzip: two members read one after another' 0 \
	'{"text":"A"}\n{"text":"B"}\n{"text":"A"}\n{"text":"B"}\n' \
	rectool -m upper --jsonl "$T/two.gz" </dev/null
printf 'plain text\n' | gzip -c | check_filter 'plain text gzipped, -z mode' 0 \
	'PLAIN TEXT\n' rectool -m upper -z
gzip -c <"$T/c.jsonl" | head -c 20 >"$T/trunc.gz"
rectool --jsonl "$T/trunc.gz" </dev/null >/dev/null 2>"$T/err"
ok 'truncated gzip: status 1' test $? -eq 1
ok '... and a message naming it' grep -q "trunc.gz: gzip data: truncated" "$T/err"

# --unbuffered: each record is written as soon as it is done, so a
# program can hold the filter open as a coprocess
if command -v python3 >/dev/null 2>&1; then
	python3 - "$BIN/rectool" >"$T/py" 2>&1 <<'EOF'
import subprocess, sys, select
for mode, rec, want in (("--jsonl", b'{"text":"a"}\n', b'{"text":"A"}\n'),
                        ("-z", b"a\0", b"A\0")):
    p = subprocess.Popen([sys.argv[1], "-m", "upper", mode, "--unbuffered"],
                         stdin=subprocess.PIPE, stdout=subprocess.PIPE)
    for i in range(3):
        p.stdin.write(rec)
        p.stdin.flush()
        r, _, _ = select.select([p.stdout], [], [], 20)
        if not r:
            print(mode, "no answer")
            sys.exit(1)
        got = p.stdout.read1(4096)
        if got != want:
            print(mode, "got", got)
            sys.exit(1)
    p.stdin.close()
    p.wait()
print("ok")
EOF
	is '--unbuffered: a coprocess gets each record at once (--jsonl, -z)' "$(cat "$T/py")" ok
else
	skip '--unbuffered coprocess' 'python3 is not installed'
fi

# -z across files: a file's last document without its NUL stays apart
printf 'a' >"$T/z1"
printf 'b\0' >"$T/z2"
check_filter '-z: a file ending inside a document gets its NUL' 0 'A\0B\0' \
	rectool -m upper -z "$T/z1" "$T/z2" </dev/null
printf '' | rectool -z --stats >/dev/null 2>"$T/err"
ok '-z: empty input is no record' grep -q 'records 0,' "$T/err"
printf '' | rectool --stats >/dev/null 2>"$T/err"
ok 'plain: empty input is one (empty) document' grep -q 'records 1,' "$T/err"

# option conflicts are usage errors
check_filter '-z with --jsonl' 2 '' rectool -z --jsonl </dev/null
check_filter '--jsonl= (an empty field)' 2 '' rectool --jsonl= </dev/null
check_filter '--jsonl=a..b' 2 '' rectool --jsonl=a..b </dev/null
check_filter '--offsets=words' 2 '' rectool --offsets=words </dev/null
check_filter 'a usage error names the program, not its path' 2 '' \
	"$BIN/rectool" --bogus </dev/null
ok '... rectool: unknown option --bogus' grep -q '^rectool: unknown option --bogus$' "$T/.err"
done_testing
