#!/bin/sh
# sentsplit: several files, each a document. Another document after one
# starts after a blank line, so that its first sentence is not read as
# going on from the last sentence before it (whitespace only).
. "${0%/*}/lib.sh"
PROG=$BIN/sentsplit

printf 'The plan was' >"$T/a"
printf 'simple. It worked.\n' >"$T/b"
printf 'Last one.\n\n\n' >"$T/c"
: >"$T/empty"
check_filter 'two files: a blank line between' 0 \
	'The plan was\n\nsimple.\nIt worked.\n' $PROG "$T/a" "$T/b" </dev/null
$PROG "$T/a" "$T/b" "$T/c" >"$T/o1"
$PROG <"$T/o1" >"$T/o2"
ok 'two files: a second run changes nothing' cmp -s "$T/o1" "$T/o2"
check_filter 'an empty file adds no blank line' 0 \
	'Last one.\n\nThe plan was\n' $PROG "$T/c" "$T/empty" "$T/a" </dev/null
check_filter 'one file: no blank line after it' 0 'Last one.\n' $PROG "$T/c" </dev/null
check_filter 'standard input and a file' 0 'simple.\nIt worked.\n\nLast one.\n' \
	$PROG - "$T/c" <"$T/b"
printf 'One.\000Two.\000' | check_filter '-z: documents stay as they were' 0 \
	'One.\n\000Two.\n\000' $PROG -z
check_filter '-z: two files keep their NUL' 0 'The plan was\n\000simple.\nIt worked.\n' \
	$PROG -z "$T/a" "$T/b" </dev/null
printf '{"text":"One. Two."}\n{"text":"C."}\n' | check_filter '--jsonl: records stay as they were' 0 \
	'{"text":"One.\\nTwo.\\n"}\n{"text":"C.\\n"}\n' $PROG --jsonl
is '--stats: a paragraph each' \
	"$($PROG --stats=json "$T/a" "$T/b" 2>&1 >/dev/null)" \
	'{"program":"sentsplit","records":2,"bytes_in":31,"bytes_out":33,"empty":0,"sentences":3,"paragraphs":2,"lang_en":2}'
copydesk 'sentsplit | sentsplit -w' "$T/a" "$T/b" "$T/c" >"$T/chain"
$PROG "$T/a" "$T/b" "$T/c" | $PROG -w >"$T/pipe"
ok 'a chain gives what the pipe gives' cmp -s "$T/chain" "$T/pipe"

# issue 17: an empty -z stream has no record
is '-z --stats: empty input has no record' \
	"$(printf '' | $PROG -z --stats 2>&1 >/dev/null)" \
	'sentsplit: records 0, bytes in 0, bytes out 0, empty 0, sentences 0, paragraphs 0'

done_testing
