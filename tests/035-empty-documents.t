#!/bin/sh
# See LICENSE file for copyright and license details.
# Documents that end up empty (issue 24): --stats counts them ("empty"),
# --drop-empty leaves them out: a record with -jsonl, a document and its
# NUL with -z, the white space of a file otherwise. Empty is no character
# but ASCII white space.
. "${0%/*}/lib.sh"
UB=$BIN/unboiler
SS=$BIN/sentsplit
CD=$BIN/copydesk
body='The minister said on Tuesday that the plan would work, and it did.'

# -z: unboiler empties "Share this" (boilerplate) and keeps the body
printf 'Share this\0%s\0Share this\0' "$body" >"$T/z"
printf '%s\0' "$body" >"$T/z.drop"
$UB -z --drop-empty <"$T/z" >"$T/out"
ok '-z --drop-empty: the empty documents and their NULs left out' \
    cmp -s "$T/out" "$T/z.drop"
$UB -z <"$T/z" >"$T/out"
is '-z: without it they stay, as NULs' "$(tr '\0' '|' <"$T/out")" "|$body||"
$UB -z --stats <"$T/z" >/dev/null 2>"$T/err"
ok '--stats: empty 2' grep -q '^unboiler: records 3, bytes in [0-9]*, bytes out [0-9]*, empty 2,' "$T/err"
$UB -z --stats=json <"$T/z" >/dev/null 2>"$T/err"
ok '--stats=json: "empty":2' grep -q '"empty":2' "$T/err"
# white space only is empty, and is left out with its NUL
printf '  \n\n\0%s\0\t\0' "$body" | $UB -z --drop-empty >"$T/out"
ok '-z: white space only is empty' cmp -s "$T/out" "$T/z.drop"
# a last document without its NUL, left out, then another file: no NUL
# for it either
printf 'Share this' >"$T/f1"
printf '%s\0' "$body" >"$T/f2"
$UB -z --drop-empty "$T/f1" "$T/f2" >"$T/out"
ok '-z: a file ending in an empty document, then another' \
    cmp -s "$T/out" "$T/z.drop"
# more white space than is held (64 KiB) is not held back: it passes
awk 'BEGIN { for (i = 0; i < 70000; i++) printf " "; printf "\n" }' >"$T/ws"
$UB -z --drop-empty --stats <"$T/ws" >"$T/out" 2>"$T/err"
ok '-z: 70 KB of white space passes (not held)' cmp -s "$T/out" "$T/ws"
ok '-z: ... and is not empty' grep -q 'empty 0' "$T/err"

# --jsonl: the record whose text ends up empty is left out
printf '{"id":1,"text":"Share this"}\n{"id":2,"text":"%s"}\n{"id":3}\n{"id":4,"text":"   "}\n' \
    "$body" >"$T/j"
printf '{"id":2,"text":"%s"}\n{"id":3}\n' "$body" >"$T/j.drop"
$UB --jsonl --drop-empty <"$T/j" >"$T/out" 2>/dev/null
ok '--jsonl --drop-empty: records whose text is empty left out' \
    cmp -s "$T/out" "$T/j.drop"
$UB --jsonl --stats <"$T/j" >/dev/null 2>"$T/err"
ok '--jsonl --stats: empty 2 (a record without the field is not)' \
    grep -q 'empty 2, processed 3, missing_field 1' "$T/err"
$UB --jsonl <"$T/j" 2>/dev/null | grep -c . >"$T/n"
is '--jsonl: without it every record stays' "$(cat "$T/n")" 4

# a chain in one process: the last stage's output counts
printf 'Share this\0%s And a second one.\0' "$body" |
    $CD -z --drop-empty --stats unboiler,sentsplit >"$T/out" 2>"$T/err"
is 'copydesk: the chain drops what ends up empty' \
    "$(tr '\0' '|' <"$T/out")" "$(printf '%s\nAnd a second one.\n|' "$body")"
ok 'copydesk --stats: empty 1' grep -q '^copydesk: records 2, .*, empty 1;' "$T/err"

# a file (plain text) is a document: its white space is left out
printf 'Share this\n' >"$T/p1"
$UB --drop-empty --stats "$T/p1" >"$T/out" 2>"$T/err"
ok 'plain: an empty file writes nothing' [ ! -s "$T/out" ]
ok 'plain: and is counted' grep -q 'empty 1' "$T/err"

# the bad-input matrix with --drop-empty
printf '' | check_filter 'empty input' 0 '' $UB -z --drop-empty
printf '%s' "$body" | check_filter 'no final newline' 0 "$body" \
    $UB --drop-empty
printf '%s\r\n' "$body" | check_filter 'CRLF' 0 "$body\r\n" $UB --drop-empty
printf '%s\n\0' "$body" | check_filter 'a NUL ends a document' 0 "$body\n\0" \
    $UB -z --drop-empty
printf 'caf\351 \303\n' | check_filter 'invalid and truncated UTF-8' 0 \
    'caf\351 \303\n' $SS --drop-empty
awk -v b="$body" 'BEGIN { for (i = 0; i < 1500; i++) printf "%s ", b; print "" }' \
    >"$T/long"
$SS --drop-empty <"$T/long" >"$T/out"
ok 'a 100 KB line' [ "$(wc -l <"$T/out")" -eq 1500 ]
write_errors $UB -z --drop-empty
done_testing
