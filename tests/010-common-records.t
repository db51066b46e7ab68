#!/bin/sh
# The record reader (common/rec.c) end to end, through bin/rectool:
# files and stdin, units, -z, --jsonl, the window, --stats, the options.
. "${0%/*}/lib.sh"
PROG="rectool -m bracket"

t 'empty input, no units' '' '' ''
t 'lines' '-u line' 'a\nb\n' '[a\n][b\n]'
t 'no final newline' '-u line' 'a\nb' '[a\n][b]'
t 'CRLF stays' '-u line' 'a\r\nb\r\n' '[a\r\n][b\r\n]'
t 'NUL is data in plain mode' '-u line' 'a\0b\n' '[a\0b\n]'
t 'paragraphs' '-u para' 'a\nb\n\n\nc\n' '[a\nb\n\n\n][c\n]'
t 'whitespace-only line is blank' '-u para' 'a\n \t\nb\n' '[a\n \t\n][b\n]'
t 'document' '-u doc' 'a\n\nb' '[a\n\nb]'
t 'block' '-u block' 'a\nb\nc' '[a\nb\n][c]'
t '-z: NUL ends a document and is kept' '-z -u doc' 'a\nb\0c\0' '[a\nb]\0[c]\0'
t '-z: units do not cross NUL' '-z -u line' 'a\0b' '[a]\0[b]'
t '-z: the end of a document comes before its NUL' '-z -e -u line' 'a\0b' '[a]<end>\0[b]<end>'
t 'plain: end of each document' '-e -u para' 'a\n\nb' '[a\n\n][b]<end>'
t '-z: empty records' '-z -u doc' '\0\0' '\0\0'
t '-z: a paragraph ends at NUL' '-z -u para' 'a\nb\0c' '[a\nb]\0[c]'
t 'invalid UTF-8 passes' '-u line' '\377\300x\342\200\n' '[\377\300x\342\200\n]'

# files in order, '-' is stdin, a missing file warns and the rest flow
printf 'one\n' >"$T/a"
printf 'two\n' >"$T/b"
printf 'mid\n' | check_filter 'files in order, - is stdin' 1 \
	'[one\n][mid\n][two\n]' rectool -m bracket "$T/a" - "$T/nonexistent" "$T/b"
ok 'missing file named in the warning' \
	grep -q "^rectool: $T/nonexistent: No such file or directory" "$T/.err"
check_filter 'a directory warns, status 1' 1 '[one\n]' \
	rectool -m bracket "$T" "$T/a" </dev/null
ok 'directory named in the warning' grep -q 'Is a directory' "$T/.err"
check_filter 'closed stdin reads as empty' 0 '' rectool <&-

# the window: a unit longer than it is handed over in pieces
printf 'aaaa bbbb cccc dddd eeee' |
	check_filter 'window cuts after a space' 0 '[aaaa bbbb ][cccc dddd ][eeee]' \
	rectool -m bracket -u doc -w 12
printf 'ab\ncdefghijklmnopqr' |
	check_filter 'window cuts after a newline' 0 '[ab\n][cdefghij][klmnopqr]' \
	rectool -m bracket -u doc -w 8
printf '\303\251\303\251\303\251\303\251\303\251' |
	check_filter 'window never splits a character' 0 \
	'[\303\251\303\251\303\251][\303\251\303\251]' rectool -m bracket -u doc -w 7
printf 'a b c d e f g h i j k l\n' |
	check_filter 'window: identity keeps every byte' 0 \
	'a b c d e f g h i j k l\n' rectool -m id -u para -w 5

# long lines and every buffer boundary: identity through all units
awk 'BEGIN { for (i = 0; i < 4000; i++) printf "caf\303\251 \342\200\234quote\342\200\235 "; print "" }' >"$T/long"
for u in line block para doc; do
	rectool -m id -u $u <"$T/long" >"$T/long.out"
	ok "a $(wc -c <"$T/long") byte line survives unit $u" cmp -s "$T/long" "$T/long.out"
done
awk 'BEGIN { for (i = 0; i < 40000; i++) printf "\360\237\230\200\342\200\231x%s", (i % 7 ? "" : "\n") }' >"$T/big"
for w in 4099 65536 100003; do
	rectool -m id -u doc -w $w <"$T/big" >"$T/big.out"
	ok "window $w: 4-byte characters across every boundary survive" \
		cmp -s "$T/big" "$T/big.out"
done

# --jsonl
PROG="rectool -m upper --jsonl"
t 'jsonl: field processed, other bytes kept' '' \
	'{"id": 7, "text": "hi", "z": [1, 2.5E0]}\n' '{"id": 7, "text": "HI", "z": [1, 2.5E0]}\n'
t 'jsonl: CRLF and blanks around the object kept' '' \
	' {"text":"a"} \r\n' ' {"text":"A"} \r\n'
t 'jsonl: nested values skipped' '' \
	'{"a":{"b":[1,{"c":null},true,false,"}"]},"text":"a","t":-0.5e-3}\n' \
	'{"a":{"b":[1,{"c":null},true,false,"}"]},"text":"A","t":-0.5e-3}\n'
t 'jsonl: a field named in a nested object is not the field' '' \
	'{"a":{"text":"x"},"text":"y"}\n' '{"a":{"text":"x"},"text":"Y"}\n'
t 'jsonl: output escaped as jansson does' '' \
	'{"text":"a\\u0001\\/\\t\\u007f\\ud83d\\ude00"}\n' \
	'{"text":"A\\u0001/\\t\177\360\237\230\200"}\n'
# every valid record keeps its other bytes: escaped keys, a repeated
# field (the last is what JSON readers see), numbers of any size
t 'jsonl: an escaped key is still the field' '' \
	'{"te\\u0078t": "hi", "id": 1}\n' '{"te\\u0078t": "HI", "id": 1}\n'
t 'jsonl: a repeated field, the last one wins, the first is kept' '' \
	'{"text":"a", "text":"b"}\n' '{"text":"a", "text":"B"}\n'
t 'jsonl: unchanged record keeps its bytes' '' \
	'{"id": 7,  "text": "1 2"}\n' '{"id": 7,  "text": "1 2"}\n'
t 'jsonl: only the text field changes' '' '{"text":"a","body":"b"}\n' '{"text":"A","body":"b"}\n'
PROG="rectool -m upper --jsonl=body"
t 'jsonl=body processes body' '' '{"text":"a","body":"b"}\n' '{"text":"a","body":"B"}\n'
PROG="rectool -m upper --jsonl"
t 'jsonl: missing field passes quietly' '' '{"id":1}\n' '{"id":1}\n'
t 'jsonl: blank lines pass' '' '\n{"text":"a"}\n\n' '\n{"text":"A"}\n\n'
t 'jsonl: no final newline' '' '{"text":"a"}' '{"text":"A"}'
t 'jsonl: escapes and NUL' '' '{"text":"a\\u0000\\"\\u00e9"}\n' '{"text":"A\\u0000\\"\303\251"}\n'
t 'jsonl: text is one document' '' '{"text":"x\\ny\\n\\nz"}\n' '{"text":"X\\nY\\n\\nZ"}\n'
printf '{"text":"a"}\nnot json\n{"text":"b"}\n[1]\n{"text":5}\n' |
	check_filter 'jsonl: bad lines pass through, status 1' 1 \
	'{"text":"A"}\nnot json\n{"text":"B"}\n[1]\n{"text":5}\n' rectool -m upper --jsonl
ok 'jsonl: malformed line reported with its number' grep -q '^rectool: <stdin>: line 2: ' "$T/.err"
ok 'jsonl: non-object reported' grep -q 'line 4: not a JSON object' "$T/.err"
ok 'jsonl: non-string field reported' grep -q 'line 5: member "text" is not a string' "$T/.err"
# valid, though a strict parser may refuse them: processed, every other
# byte kept
for good in '{"x":"\ud800","text":"a"}' '{"x":"\udc00","text":"a"}' \
	'{"x":"\ud800\u0041","text":"a"}' '{"x":1e400,"text":"a"}' \
	'{"x":12345678901234567890,"text":"a"}' '{"x":0.1,"n":1E+2,"text":"a"}'; do
	printf '%s\n' "$good" >"$T/good.in"
	rectool -m upper --jsonl <"$T/good.in" >"$T/good.out" 2>"$T/.err"
	ok "jsonl: valid line processed, status 0: $good" \
		test $? -eq 0 -a ! -s "$T/.err"
	printf '%s\n' "$good" | sed 's/"text":"a"/"text":"A"/' >"$T/good.exp"
	ok "jsonl: only the field changed: $good" cmp -s "$T/good.exp" "$T/good.out"
done
# malformed in ways a scanner might miss: each passes through, warned
for bad in '{"x":"\q","text":"a"}' \
	"{\"x\":\"$(printf '\001')\",\"text\":\"a\"}" '{"x":01,"text":"a"}' \
	'{"x":1.,"text":"a"}' '{"x":[1,],"text":"a"}' '{"text":"a",}' \
	'{"text":"a"} x' '{"text":"a"}}' '{"x":tru,"text":"a"}' '{"x":"\u12"}' \
	"{\"text\":\"$(printf '\377')\"}" \
	'{"x":{"y" 1},"text":"a"}' '{"text" "a"}' '{"x":[}],"text":"a"}'; do
	printf '%s\n' "$bad" >"$T/bad.in"
	rectool -m upper --jsonl <"$T/bad.in" >"$T/bad.out" 2>"$T/.err"
	ok "jsonl: malformed line passes, status 1: $bad" \
		test $? -eq 1 -a -s "$T/.err"
	ok "jsonl: malformed line kept byte for byte: $bad" cmp -s "$T/bad.in" "$T/bad.out"
done
printf '{"text":"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"}\n{"text":"b"}\n' |
	check_filter 'jsonl: line over --max-record passes through' 1 \
	'{"text":"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"}\n{"text":"B"}\n' \
	rectool -m upper --jsonl --max-record 64
ok 'jsonl: overlong line reported' grep -q 'line 1: longer than 64 bytes' "$T/.err"
printf '{"text":"ok"}\n{"text":"BAD"}\n' |
	check_filter 'a bad record sets status 1, the rest flows' 1 \
	'{"text":"OK"}\n{"text":"BAD"}\n' rectool -m upper --jsonl

# --stats
printf 'a\nb\n' | rectool --stats >/dev/null 2>"$T/st"
ok '--stats text' grep -q '^rectool: records 1, bytes in 4, bytes out 4, empty 0, units 2$' "$T/st"
printf 'a\0b\0' | rectool -z --stats=json >/dev/null 2>"$T/st"
ok '--stats=json' grep -q '^{"program":"rectool","records":2,"bytes_in":4,"bytes_out":4,"empty":0,"units":2}$' "$T/st"
check_filter '--stats=bad is a usage error' 2 '' rectool --stats=xml </dev/null

# options
check_filter '--help to stdout, status 0' 0 '' sh -c 'rectool --help | grep -q "^usage: rectool"'
check_filter '--version' 0 "rectool (copydesk) $(sed -n 's/^VERSION = //p' "$top/config.mk")\n" rectool --version
check_filter 'unknown option: status 2' 2 '' rectool --frobnicate </dev/null
ok 'usage on stderr' grep -q '^usage: rectool' "$T/.err"
check_filter 'bad number: status 2' 2 '' rectool -w 3 </dev/null
ok 'bad number named' grep -q '^rectool: -w: 3 is out of range' "$T/.err"

write_errors rectool -u line
done_testing
