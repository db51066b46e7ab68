#!/bin/sh
# See LICENSE file for copyright and license details.
# unmojibake --explain: each line names the record (file and document,
# or JSON Lines line and id) and its offset follows --offsets (issue 17).
. "${0%/*}/lib.sh"
PROG=$BIN/unmojibake

printf 'éé Itâ€™s\n' >"$T/e.txt"
$PROG --explain "$T/e.txt" 2>"$T/err" >/dev/null
is 'text: file, document, byte offset' "$(cat "$T/err")" \
    "unmojibake: $T/e.txt: document 1: offset 7: \"â€™\" -> \"’\" (cp1252)"
$PROG --explain --offsets=chars <"$T/e.txt" 2>"$T/err" >/dev/null
is 'text: --offsets=chars counts code points' "$(cat "$T/err")" \
    'unmojibake: <stdin>: document 1: offset 5: "â€™" -> "’" (cp1252)'
$PROG --explain --offsets=bytes <"$T/e.txt" 2>"$T/err" >/dev/null
is 'text: --offsets=bytes' "$(cat "$T/err")" \
    'unmojibake: <stdin>: document 1: offset 7: "â€™" -> "’" (cp1252)'
printf 'a\0é Itâ€™s\n' | $PROG -z --explain=jsonl 2>"$T/err" >/dev/null
is 'jsonl: the second -z document' "$(cat "$T/err")" \
    '{"where":"<stdin>: document 2","offset":5,"before":"â€™","after":"’","rule":"cp1252"}'
printf 'a\0é Itâ€™s\n' | $PROG -z --explain=jsonl --offsets=chars 2>"$T/err" >/dev/null
is 'jsonl: chars' "$(cat "$T/err")" \
    '{"where":"<stdin>: document 2","offset":4,"before":"â€™","after":"’","rule":"cp1252"}'
printf '{"id":"a7","text":"ok"}\n{"id":"b8","text":"é Itâ€™s"}\n' |
    $PROG --jsonl --explain 2>"$T/err" >/dev/null
is '--jsonl: the line and its id' "$(cat "$T/err")" \
    'unmojibake: <stdin>: line 2 (id "b8"): offset 5: "â€™" -> "’" (cp1252)'
# a last line without its newline is explained with its own document
printf 'x\0Itâ€™s' | $PROG -z --explain 2>"$T/err" >/dev/null
is '-z: a last line without newline' "$(cat "$T/err")" \
    'unmojibake: <stdin>: document 2: offset 2: "â€™" -> "’" (cp1252)'
# -e: references of two code points and astral ones are explained and
# counted (&amp;check; is two: the '&' made, then the check mark)
printf 'é &bne; x &Afr; &amp;check;\n' |
    $PROG -e --explain --offsets=chars --stats 2>"$T/err" >/dev/null
is '-e: explained, code points counted' "$(sed -n 1p "$T/err")" \
    'unmojibake: <stdin>: document 1: offset 2: "&bne; x &Afr; &amp;check;" -> "=⃥ x 𝔄 ✓" (entity)'
is '-e: the entities counter' "$(sed -n '2s/.*, entities \([0-9]*\).*/\1/p' "$T/err")" 4
done_testing
