#!/bin/sh
# See LICENSE file for copyright and license details.
# unmojibake -f auto (the default): the encoding of a document's bytes that
# are not UTF-8 is detected once a document (libuchardet, checked against
# the text), cp1252 when nothing else is likely. The texts are our own,
# encoded here with iconv(1).
. "${0%/*}/lib.sh"
PROG=$BIN/unmojibake

if grep -qx 'uchardet=' "$top/.build-flags" 2>/dev/null; then
	detect=
else
	detect=1
fi

ru='Президент заявил журналистам, что правительство примет новые меры.
Эти меры должны поддержать малый бизнес и сельское хозяйство.
Решение будет принято на следующей неделе.
'
ja='政府は水曜日、新しい経済対策を閣議決定したと発表した。
対策には中小企業への支援が含まれる。
'
pl='Rząd ogłosił w środę, że podatki zostaną obniżone.
Decyzja dotyczy małych przedsiębiorstw i rolników.
Źródło zbliżone do ministerstwa potwierdziło tę informację.
'
el='Η κυβέρνηση ανακοίνωσε την Τετάρτη νέα μέτρα στήριξης.
Τα μέτρα αφορούν μικρές επιχειρήσεις και αγρότες.
'
fr='Le président a déclaré mercredi que la réforme était nécessaire.
Les syndicats ont annoncé une grève générale à la fin du mois.
Selon le ministère, l’économie française a progressé de 0,4 point.
'
# cp866: "ре" is E0 A5, and "ре" before "з" (A7) is E0 A5 A7, valid UTF-8
# (U+0967): the whole line must be read in cp866, not around that character
ru866='Президент предложил реформу.
'

printf '%s' "$ru" >"$T/ru.utf8"
printf '%s' "$ja" >"$T/ja.utf8"
printf '%s' "$pl" >"$T/pl.utf8"
printf '%s' "$el" >"$T/el.utf8"
printf '%s' "$fr" >"$T/fr.utf8"
printf '%s' "$ru866" >"$T/ru866.utf8"
enc() { iconv -f UTF-8 -t "$2" <"$T/$1.utf8" >"$T/$1.$2"; }
enc ru KOI8-R
enc ru CP1251
enc ja SHIFT_JIS
enc ja EUC-JP
enc pl CP1250
enc pl ISO-8859-2
enc el ISO-8859-7
enc fr CP1252
enc ru866 CP866

# decoded whole: DESC FILE ENCODING
decodes() {
	if [ -z "$detect" ]; then
		skip "$1" 'built without libuchardet (make UCHARDET=)'
		return
	fi
	check_filter "$1" 0 "$(cat "$T/$2.utf8")\n" $PROG <"$T/$2.$3"
}
decodes 'KOI8-R Russian is detected' ru KOI8-R
decodes 'cp1251 Russian is detected' ru CP1251
decodes 'Shift_JIS Japanese is detected (read as CP932)' ja SHIFT_JIS
decodes 'EUC-JP Japanese is detected' ja EUC-JP
decodes 'cp1250 Polish is detected' pl CP1250
decodes 'ISO-8859-2 Polish: of ISO-8859-2 and cp1250, the plainer reading' pl ISO-8859-2
decodes 'ISO-8859-7 Greek is detected' el ISO-8859-7
decodes 'cp866: a byte pair that looks like UTF-8 is read in cp866 too' ru866 CP866
check_filter 'cp1252 French stays cp1252' 0 "$(cat "$T/fr.utf8")\n" \
    $PROG <"$T/fr.CP1252"
t 'a stray byte in UTF-8 text: cp1252' '' \
    'Le caf\351 est ouvert, d\303\251j\303\240.\n' \
    'Le café est ouvert, déjà.\n'
t 'few bytes that read as Western text: cp1252' '' \
    'na\357ve r\351sum\351 \340 la cr\350me\n' 'naïve résumé à la crème\n'
# -f names the encoding: nothing is detected
printf '\360\322\305\332\311\304\305\316\324\n' >"$T/koi1"
check_filter '-f CP1252: no detection' 0 'ðÒÅÚÉÄÅÎÔ\n' $PROG -f CP1252 <"$T/koi1"
check_filter '-f auto names the default' 0 "$(cat "$T/fr.utf8")\n" \
    $PROG -f auto <"$T/fr.CP1252"

# each document has its own choice: KOI8-R, then cp1252 (the fallback:
# 30 bytes of Western text), then KOI8-R again. (JSON Lines records are
# UTF-8 or not JSON: the reader passes a record with other bytes through.)
{ cat "$T/ru.KOI8-R"; printf '\0'; cat "$T/fr.CP1252"; printf '\0'
  cat "$T/ru.KOI8-R"; } >"$T/docs"
{ cat "$T/ru.utf8"; printf '\0'; cat "$T/fr.utf8"; printf '\0'
  cat "$T/ru.utf8"; } >"$T/docs.exp"
if [ -n "$detect" ]; then
	$PROG -z --stats <"$T/docs" >"$T/out" 2>"$T/err"
	ok '-z: a choice for each document' cmp -s "$T/out" "$T/docs.exp"
	ok '--stats: legacy_documents, undetected, read_as_' \
	    grep -q 'legacy_documents 3, undetected 1, read_as_koi8_r 2, read_as_cp1252 1' "$T/err"
	diag "$(cat "$T/err")"
	$PROG -z --stats=json <"$T/docs" >/dev/null 2>"$T/err"
	ok '--stats=json counts them too' \
	    grep -q '"legacy_documents":3,"undetected":1,"read_as_koi8_r":2,"read_as_cp1252":1' "$T/err"
	# a second run changes nothing
	$PROG -z <"$T/out" >"$T/out2"
	ok 'a second run changes nothing' cmp -s "$T/out" "$T/out2"
else
	skip '-z: a choice for each document' 'built without libuchardet'
fi

# --explain says what was chosen and why
$PROG --explain <"$T/ru.KOI8-R" >/dev/null 2>"$T/err"
if [ -n "$detect" ]; then
	ok '--explain: the encoding detected' grep -q \
	    '^unmojibake: <stdin>: document 1: offset 0: bytes that are not UTF-8 read as KOI8-R (uchardet: KOI8-R, [0-9]* bytes above ASCII)$' "$T/err"
	printf 'Le caf\351 est ouvert.\n' |
	    $PROG --explain=jsonl >/dev/null 2>"$T/err"
	ok '--explain=jsonl: the fallback and its reason' grep -q \
	    '^{"where":"<stdin>: document 1","offset":6,"encoding":"CP1252","detected":null,"bytes":1,"reason":"too few bytes to tell","rule":"fallback"}$' "$T/err"
else
	ok '--explain: no detector in this build' grep -q \
	    'read as CP1252 (uchardet not asked, [0-9]* bytes above ASCII; the fallback: no detector in this build)' "$T/err"
fi

# the bad-input matrix under -f auto, on legacy text
printf '' | check_filter 'empty input' 0 '' $PROG
if [ -n "$detect" ]; then
	head -c -1 "$T/ru.KOI8-R" >"$T/nonl"
	printf '%s' "$ru" | head -c -1 >"$T/nonl.exp"
	$PROG <"$T/nonl" >"$T/out"
	ok 'no final newline' cmp -s "$T/out" "$T/nonl.exp"
	sed 's/$/\r/' "$T/ru.KOI8-R" >"$T/crlf"
	sed 's/$/\r/' "$T/ru.utf8" >"$T/crlf.exp"
	$PROG <"$T/crlf" >"$T/out"
	ok 'CRLF' cmp -s "$T/out" "$T/crlf.exp"
	# a line of 200 KB in KOI8-R: the choice reads 4 KB of it, and the
	# pieces the line is cut in all read KOI8-R
	awk -v s="$(tr '\n' ' ' <"$T/ru.KOI8-R")" \
	    'BEGIN { for (i = 0; i < 1200; i++) printf "%s", s; print "" }' \
	    >"$T/long"
	awk -v s="$(tr '\n' ' ' <"$T/ru.utf8")" \
	    'BEGIN { for (i = 0; i < 1200; i++) printf "%s", s; print "" }' \
	    >"$T/long.exp"
	$PROG <"$T/long" >"$T/out"
	ok 'a line of 200 KB' cmp -s "$T/out" "$T/long.exp"
	# a NUL byte in a plain document is text
	{ head -n 1 "$T/ru.KOI8-R"; printf 'a\0b\n'; } >"$T/nul"
	{ head -n 1 "$T/ru.utf8"; printf 'a\0b\n'; } >"$T/nul.exp"
	$PROG <"$T/nul" >"$T/out"
	ok 'a NUL byte' cmp -s "$T/out" "$T/nul.exp"
else
	skip 'no final newline, CRLF, long line, NUL' 'built without libuchardet'
fi
# invalid and truncated UTF-8 in a legacy document: every byte is kept
printf '\303\n\342\202\n' | check_filter 'truncated UTF-8' 0 'Ã\nâ‚\n' $PROG
write_errors $PROG
done_testing
