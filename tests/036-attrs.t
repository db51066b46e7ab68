#!/bin/sh
# See LICENSE file for copyright and license details.
# --attrs and copydesk apply, what every filter shares (issue 24): a chain
# describes the one original text; an "attributes" object in the record is
# merged into; FILE lines are named by the id, else the line number; the
# applier takes the member out, checks ids, and passes what has no
# attributes.
. "${0%/*}/lib.sh"
CD=$BIN/copydesk
SS=$BIN/sentsplit
UB=$BIN/unboiler
body='The minister said on Tuesday that the plan would work. And it did.'

# a chain: every stage's spans index the original text
printf '{"id":7,"text":"Share this\\n%s\\n"}\n' "$body" >"$T/r"
$CD --jsonl --attrs 'unboiler | sentsplit' <"$T/r" >"$T/out"
ok 'chain: the record keeps its text' \
    grep -q "\"text\":\"Share this\\\\n$body\\\\n\"" "$T/out"
ok 'chain: unboiler'"'"'s lines, then sentsplit'"'"'s sentences, of the one text' \
    grep -q '"copydesk__unboiler__line":\[\[0,11,0.05\],\[11,78,[0-9.]*\]\],.*"copydesk__sentsplit__sentence":\[\[0,10,1\],\[11,65,1\],\[66,77,1\]\]' "$T/out"
is 'chain: one line a record' "$(wc -l <"$T/out")" 1

# an attributes object the record has: merged into, others kept
printf '{"id":1,"attributes":{"other__x":[[0,1,1]]},"text":"One. Two."}\n' |
    $SS --jsonl --attrs >"$T/out"
is 'merged into the record'"'"'s attributes' "$(cat "$T/out")" \
    '{"id":1,"attributes":{"other__x":[[0,1,1]],"copydesk__sentsplit__sentence":[[0,4,1],[5,9,1]],"copydesk__sentsplit__paragraph":[[0,9,1]],"copydesk__sentsplit__join":[]},"text":"One. Two."}'
printf '{"attributes":{ },"text":"One."}\n' | $SS --jsonl --attrs >"$T/out"
ok 'an empty object: no comma' grep -q '"attributes":{"copydesk' "$T/out"

# FILE: named by the id member, else the line number
printf '{"text":"One."}\n{"id":"b","text":"Two."}\n' >"$T/two"
$SS --jsonl --attrs="$T/a" <"$T/two" >/dev/null
is 'FILE: no id, the line number' "$(cut -c1-9 "$T/a" | head -1)" '{"id":1,"'
is 'FILE: the id' "$(sed -n '2s/,.*//p' "$T/a")" '{"id":"b"'
$CD --jsonl "apply --from=$T/a sentsplit" <"$T/two" >"$T/out"
is 'apply --from: the ids agree' "$(cat "$T/out")" \
    "$(printf '{"text":"One.\\n"}\n{"id":"b","text":"Two.\\n"}')"
printf '{"text":"One."}\n{"id":"c","text":"Two."}\n' |
    $CD --jsonl "apply --from=$T/a sentsplit" >"$T/out" 2>"$T/err"
is 'apply --from: an id that differs is an error' "$?" 1
ok '... named' grep -q 'not the attributes of <stdin>: line 2 (id "c")' "$T/err"
ok '... and that record passes unchanged' grep -q '{"id":"c","text":"Two."}' "$T/out"

# the applier takes the member out, whatever its place
printf '{"attributes":{"copydesk__sentsplit__sentence":[[0,4,1]],"copydesk__sentsplit__paragraph":[[0,4,1]],"copydesk__sentsplit__join":[]},"id":2,"text":"One."}\n' |
    $CD --jsonl apply sentsplit >"$T/out"
is 'apply: the first member taken out' "$(cat "$T/out")" '{"id":2,"text":"One.\n"}'
printf '{"text":"One. Two."}\n' | $CD --jsonl apply sentsplit >"$T/out" \
    2>"$T/err"
is 'apply: a record without attributes passes' "$(cat "$T/out")" \
    '{"text":"One. Two."}'
printf '{"text":"One."}\n' | $CD --jsonl --stats apply sentsplit \
    >/dev/null 2>"$T/err"
ok '... and is counted' grep -q 'without_attributes 1' "$T/err"
printf '{"text":"One.","attributes":{"copydesk__sentsplit__sentence":[[0,9,1]],"copydesk__sentsplit__paragraph":[],"copydesk__sentsplit__join":[]}}\n' |
    $CD --jsonl apply sentsplit >"$T/out" 2>"$T/err"
is 'apply: spans past the text are an error' "$?" 1
ok '... said' grep -q 'do not fit the text; written as it was' "$T/err"
ok '... and the text is written as it was' grep -q '"text":"One."' "$T/out"

# bytes or code points
printf '{"text":"Çà. Été."}\n' | $SS --jsonl --attrs >"$T/c"
printf '{"text":"Çà. Été."}\n' | $SS --jsonl --attrs --offsets=bytes >"$T/b"
ok 'code points by default' grep -q 'sentence":\[\[0,3,1\],\[4,8,1\]\]' "$T/c"
ok 'bytes on request' grep -q 'sentence":\[\[0,5,1\],\[6,12,1\]\]' "$T/b"
$CD --jsonl --offsets=bytes apply sentsplit <"$T/b" >"$T/out"
is 'apply --offsets=bytes' "$(cat "$T/out")" '{"text":"Çà.\nÉté.\n"}'

# usage
printf 'x' | $UB --attrs= >/dev/null 2>"$T/err"
is '--attrs=: an empty file name' "$?" 2
printf 'x' | $SS --attrs=/nonexistent/dir/a >/dev/null 2>"$T/err"
is '--attrs=FILE that cannot be made' "$?" 1
printf 'x' | $CD 'apply -t x unboiler' >/dev/null 2>"$T/err"
is 'apply -t: a number' "$?" 2
printf 'x' | $CD 'apply quotetagz' >/dev/null 2>"$T/err"
is 'apply: a filter it knows' "$?" 2
done_testing
