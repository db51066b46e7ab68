#!/bin/sh
# unboiler: the bad-input matrix, record modes, options and small
# table-driven decisions.
. "${0%/*}/lib.sh"
PROG=$BIN/unboiler

# A body line: long, with stop words and a full stop.
B='The council said that the plan would make the streets safer for all of the people who use them.'
B2='Work on the new lanes is expected to begin in the spring and to end before the close of the year.'
B3='Two members voted against it, saying that the money should have gone to the repair of old roads.'

# --- bad-input matrix
t 'empty input' '' '' ''
t 'no final newline' '' "$B" "$B"
t 'CRLF kept' '' "Home\r\n$B\r\nShare\r\n" "$B\r\n"
t 'NUL byte in a kept line' '' "Menu\n$B \0 $B2\n" "$B \0 $B2\n"
t 'invalid UTF-8 in a kept line' '' "Menu\n$B \377\376 $B2\n" "$B \377\376 $B2\n"
t 'truncated UTF-8 at the end of a kept line' '' "$B \342\200\n" "$B \342\200\n"
t 'invalid UTF-8 line deleted whole' '' "\377\376\n$B\n" "$B\n"
t 'only short lines: nothing' '' 'Home\nNews\nSports\n' ''
t 'blank lines only: nothing deleted' '' '\n\n \n' '\n\n \n'

# a >64 KiB line spans the reader's buffers and is kept whole
awk -v b="$B" 'BEGIN { s = ""; for (i = 0; i < 800; i++) s = s b " "; print "Menu"; print s "end." }' >"$T/long"
tail -n 1 "$T/long" >"$T/long.exp"
$PROG <"$T/long" >"$T/long.out"
ok '>64 KiB line: exit 0' test $? -eq 0
ok '>64 KiB line: kept byte for byte' cmp -s "$T/long.out" "$T/long.exp"
ok '>64 KiB line: is longer than 64 KiB' test "$(wc -c <"$T/long.exp")" -gt 65536

# a long single-word line (no words to speak of) goes, without a crash
head -c 100000 /dev/zero | tr '\0' 'x' >"$T/xs"
$PROG <"$T/xs" >"$T/xs.out"
ok 'a 100 KB word: exit 0' test $? -eq 0
ok 'a 100 KB word: deleted' test ! -s "$T/xs.out"

# very many lines: decided in pieces of 65536 lines, output still right
awk -v b="$B" 'BEGIN { for (i = 0; i < 150000; i++) print "Home"; print b }' >"$T/many"
$PROG <"$T/many" >"$T/many.out"
ok '150000 short lines: exit 0' test $? -eq 0
printf '%s\n' "$B" >"$T/many.exp"
ok '150000 short lines: only the body line stays' cmp -s "$T/many.out" "$T/many.exp"

write_errors $PROG

# --- record modes
printf "Menu\n$B\nShare this:\n\0Home\n$B2\n" | check_filter '-z: each document on its own' 0 "$B\n\0$B2\n" $PROG -z
printf '{"id":7,"text":"Menu\\n%s\\nShare\\n"}\n' "$B" |
	check_filter '--jsonl: text field cleaned, id kept' 0 "{\"id\":7,\"text\":\"$B\\\\n\"}\n" $PROG --jsonl
printf '{"id":7,"body":"Menu\\n%s\\n"}\n' "$B" |
	check_filter '--jsonl=body' 0 "{\"id\":7,\"body\":\"$B\\\\n\"}\n" $PROG --jsonl=body
printf 'not json\n' | $PROG --jsonl >"$T/bad.out" 2>"$T/bad.err"
ok '--jsonl: a bad record exits 1' test $? -eq 1
printf 'not json\n' >"$T/bad.exp"
ok '--jsonl: a bad record passes through' cmp -s "$T/bad.out" "$T/bad.exp"

# --- options
printf '' | check_filter 'unknown option: exit 2' 2 '' $PROG -Q
printf '' | check_filter '-L with an unknown language: exit 2' 2 '' $PROG -L xx
printf "$B\n" | check_filter '-L en' 0 "$B\n" $PROG -L en
printf "$B\n" | check_filter '--lang=en' 0 "$B\n" $PROG --lang=en
$PROG -h >"$T/help" 2>&1
ok '-h: exit 0' test $? -eq 0
ok '-h: the usage line' grep -qx 'usage: unboiler \[-mz\] \[-k file\] \[-L lang\] \[-l file\] \[-n docs\] \[--jsonl\[=field\]\] \[file \.\.\.\]' "$T/help"
ok '--version: exit 0' $PROG --version
# the man page SYNOPSIS lists the same options in the same order
syn=$(sed -n '/^\.Sh SYNOPSIS/,/^\.Sh/p' "$top/filters/unboiler.1" | sed -n 's/^\.Op Fl \([^ ]*\).*/\1/p' | tr '\n' ' ')
is 'usage() matches the man page SYNOPSIS' "$syn" 'mz k L l n -jsonl '

# --- --mark: "+ reason<TAB>line" or "- reason<TAB>line" for every line
# (the expected text must not start with '-': printf would take it for an option)
t '--mark: decisions and reasons' '-m' "$B\n\nHome\n" "+ good\t$B\n- blank\t\n- outside-body\tHome\n"
n=$(grep -n '^^(share|tweet|pin( it)?|' "$top/data/unboiler/line.txt" | cut -d: -f1)
t '--mark: a pattern names its list and line' '-m' "$B\nShare this:\n" "+ good\t$B\n- pattern:line:$n\tShare this:\n"
t '--mark: a line without newline gets one' '-m' "$B" "+ good\t$B\n"

# --- decisions (table)
t 'short line between good lines is body' '' "$B\nA subheading\n$B2\n" "$B\nA subheading\n$B2\n"
t 'short lines before the body go' '' "Home\nNews\nBy Jo Smith\n$B\n$B2\n" "$B\n$B2\n"
t 'short lines after the body go' '' "$B\n$B2\nFacebook\nTwitter\n" "$B\n$B2\n"
t 'a caption printed twice goes' '' "Two cats\nTwo cats\n$B\n$B2\n" "$B\n$B2\n"
t 'title and its headline go' '' "Plan passes - The Courier\nPlan passes\n$B\n$B2\n" "$B\n$B2\n"
t 'a second copy of a long line goes' '' "$B\n$B2\n$B\n" "$B\n$B2\n"
t 'comments after an end marker go' '' "$B\n$B2\n$B3\n12 Comments\n$B2 Yes.\n" "$B\n$B2\n$B3\n"
t 'an end marker before the body does not end it' '' "Comments\n$B\n$B2\n" "$B\n$B2\n"
t 'a URL line goes' '' "$B\nhttps://example.com/a/b\n$B2\n" "$B\n$B2\n"
t 'a cookie notice goes' '' "$B\n$B3\nWe use cookies to improve your experience. See our cookie policy.\n$B2\n" "$B\n$B3\n$B2\n"
t 'fallback: the 8+ word lines when nothing is body' '' 'Menu\nAlpha Beta Gamma Delta Epsilon Zeta Eta Theta\nX\n' 'Alpha Beta Gamma Delta Epsilon Zeta Eta Theta\n'
t 'fallback: a pattern'"'"'s line only when no other has 8+ words' '' 'Menu\nAlpha Beta Gamma Delta Epsilon Zeta Eta Theta\nYour email address will not be published. Required fields are marked *\nX\n' 'Alpha Beta Gamma Delta Epsilon Zeta Eta Theta\n'
t 'fallback: a pattern'"'"'s line when it is the only one' '' 'Menu\nYour email address will not be published. Required fields are marked *\nX\n' 'Your email address will not be published. Required fields are marked *\n'
t 'a list after a colon is body, up to the blank line' '' "$B\nThey will be built on these streets:\nMain Street\nOak Avenue\n\nHome\nNews\n" "$B\nThey will be built on these streets:\nMain Street\nOak Avenue\n"
t 'bullet items under the body stay, whatever marks they hold' '' "Menu\n$B\n$B3\n• Amazon Kindle (DX)\n• Barnes & Noble Nook\n• Apple iPad\n• Palm OS Handhelds (including Treo, Tungsten, and Zire)\n\nAbout us\n" "$B\n$B3\n• Amazon Kindle (DX)\n• Barnes & Noble Nook\n• Apple iPad\n• Palm OS Handhelds (including Treo, Tungsten, and Zire)\n"
t 'numbered headings amid prose stay' '' "Menu\n$B\n$B3\nHow to stay positive\n1. Find a topic that you love to talk about with all of your friends\n\n2. Always speak highly of everyone that you know in the town\n\n3. Promise to embrace the change that is coming to you\n\n4. Become a mentor to one of the young people in your team\n$B2\n" "$B\n$B3\nHow to stay positive\n1. Find a topic that you love to talk about with all of your friends\n\n2. Always speak highly of everyone that you know in the town\n\n3. Promise to embrace the change that is coming to you\n\n4. Become a mentor to one of the young people in your team\n$B2\n"
t 'numbered headlines under the story go' '' "$B\n$B3\n$B2\nMost read\n1. Budget vote put off for a second week\n2. Rovers sign a goalkeeper from the coast\n3. Storm warning for the weekend\n4. New head teacher named at the school\nAbout us\n" "$B\n$B3\n$B2\n"
t 'blank lines: all kept when nothing between was deleted' '' "$B\n\n\n$B2\n" "$B\n\n\n$B2\n"
t 'blank lines: one kept for a deleted gap' '' "$B\n\nGetty Images\n\n$B2\n" "$B\n\n$B2\n"

done_testing
