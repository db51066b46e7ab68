#!/bin/sh
# See LICENSE file for copyright and license details.
# unmojibake: the bad-input matrix, record modes, options and errors.
. "${0%/*}/lib.sh"
PROG=$BIN/unmojibake

t 'empty input' '' '' ''
t 'no final newline' '' 'CafÃ©' 'Café'
t 'CRLF kept' '' 'CafÃ©\r\nok\r\n' 'Café\r\nok\r\n'
t 'NUL byte kept' '' 'a\000CafÃ©\000b\n' 'a\000Café\000b\n'
t 'truncated UTF-8 at the end decoded as cp1252' '' 'ok \342\200' 'ok â€'
t 'lone C3 byte before a space is à' '' 'a \303 b\n' 'a à b\n'
t 'undefined cp1252 byte passes through' '' 'x\201y\n' 'x\201y\n'
t 'lone surrogate bytes decoded as cp1252' '' 'a\355\240\200b\n' 'aí\302\240€b\n'
t 'invalid bytes kept with -f UTF-8 (nothing decodes)' '-f ASCII' 'a\377b\n' 'a\377b\n'

# a line longer than 64 KiB, mojibake at both ends and across reads
awk 'BEGIN { s = "CafÃ© "; for (i = 0; i < 15000; i++) s = s "word "; print s "CafÃ©" }' >"$T/long"
awk 'BEGIN { s = "Café "; for (i = 0; i < 15000; i++) s = s "word "; print s "Café" }' >"$T/longx"
$PROG <"$T/long" >"$T/longo"
ok '>64 KiB line repaired at both ends' cmp -s "$T/longo" "$T/longx"
# a 1.3 MB line, mojibake all along it: repaired a piece at a time
awk 'BEGIN { for (i = 0; i < 120000; i++) printf "cafÃ© ok " }' >"$T/lmany"
awk 'BEGIN { for (i = 0; i < 120000; i++) printf "café ok " }' >"$T/lmanyx"
$PROG <"$T/lmany" >"$T/lmanyo"
ok '1.3 MB line with mojibake all along repaired in pieces' cmp -s "$T/lmanyo" "$T/lmanyx"
awk 'BEGIN { for (i = 0; i < 40000; i++) print "line " i " itâ€™s ok" }' >"$T/many"
awk 'BEGIN { for (i = 0; i < 40000; i++) print "line " i " it’s ok" }' >"$T/manyx"
$PROG <"$T/many" >"$T/manyo"
ok 'many lines across read boundaries' cmp -s "$T/manyo" "$T/manyx"

# record modes
t '-z documents' '-z' 'CafÃ©\000SÃ£o\000' 'Café\000São\000'
t '-z without final NUL' '-z' 'CafÃ©\000SÃ£o' 'Café\000São'
t '--jsonl text field' '--jsonl' '{"id":1,"text":"CafÃ©"}\n' '{"id":1,"text":"Café"}\n'
t '--jsonl clean record byte for byte' '--jsonl' '{"text": "São Paulo",  "n": 2}\n' '{"text": "São Paulo",  "n": 2}\n'
t '--jsonl=body' '--jsonl=body' '{"body":"itâ€™s","text":"itâ€™s"}\n' '{"body":"it’s","text":"itâ€™s"}\n'
printf 'not json\n' | check_filter '--jsonl bad line passes, status 1' 1 'not json\n' $PROG --jsonl

# --explain and --stats
printf 'ok\nCafÃ© x\n' | $PROG --explain 2>"$T/err" >/dev/null
is '--explain names record, offset, before, after, rule' "$(cat "$T/err")" \
    'unmojibake: <stdin>: document 1: offset 6: "Ã©" -> "é" (cp1252)'
printf 'ok\nCafÃ© x\n' | $PROG --explain=jsonl 2>"$T/err" >/dev/null
is '--explain=jsonl' "$(cat "$T/err")" \
    '{"where":"<stdin>: document 1","offset":6,"before":"Ã©","after":"é","rule":"cp1252"}'
printf 'CafÃ©\n' | $PROG --stats 2>"$T/err" >/dev/null
ok '--stats counts changed lines' grep -q 'lines_changed.*1' "$T/err"

# usage
check_filter 'bad option exits 2' 2 '' $PROG --bogus </dev/null
check_filter 'bad --explain value exits 2' 2 '' $PROG --explain=xml </dev/null
check_filter 'unknown -f encoding exits 2' 2 '' $PROG -f NO-SUCH-ENC </dev/null
check_filter 'missing file exits 1' 1 '' $PROG "$T/nonexistent" </dev/null
$PROG --help >"$T/help"
ok '--help shows the usage line' grep -q '^usage: unmojibake \[-ez\] \[-f encoding\]' "$T/help"
ok 'man page synopsis matches usage' grep -q '^\.Op Fl ez' "$top/filters/unmojibake.1"

write_errors $PROG
done_testing
