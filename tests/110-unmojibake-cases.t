#!/bin/sh
# See LICENSE file for copyright and license details.
# unmojibake: repairs, one table row each, and text that must not change.
. "${0%/*}/lib.sh"
PROG=$BIN/unmojibake
D=$top/tests/data/unmojibake

# mojibake.txt: pairs of lines, input then expected (printf escapes).
exec 3<"$D/mojibake.txt"
while IFS= read -r in <&3 && IFS= read -r want <&3; do
	t "repair: $want" '' "$in\n" "$want\n"
done
exec 3<&-

# code pages, one each
t 'cp1252 accents' '' 'Ã©tÃ©\n' 'été\n'
t 'latin-1 C1 curly quote' '' 'it\303\242\302\200\302\231s\n' 'it’s\n'
t 'cp1251 Russian' '' 'РџСЂРёРІРµС‚ вЂ” РјРёСЂ\n' 'Привет — мир\n'
t 'cp1250 French' '' 'LiĂ¨ge et l'\''HĂ´pital\n' 'Liège et l'\''Hôpital\n'
t 'cp1253 Greek' '' 'Ξ‘ΞΈΞ®Ξ½Ξ±, Ξ•Ξ»Ξ»Ξ¬Ξ΄Ξ±\n' 'Αθήνα, Ελλάδα\n'
t 'cp1254 Turkish' '' 'HÄ±rsÄ±zÄ± BÃ¼yÃ¼\n' 'Hırsızı Büyü\n'
t 'cp1257 Latvian' '' 'Å veices baÅ†Ä·ieri\n' 'Šveices baņķieri\n'
t 'mac-roman' '' 'wei√ü und gr√ºn\n' 'weiß und grün\n'
t 'mac-roman at a word end' '' 'O tempo est√° acabando\n' 'O tempo está acabando\n'
t 'cp437 inverted question mark' '' '┬┐Que tal?\n' '¿Que tal?\n'
t 'Greek letter inside a Latin word' '' 'IL2RÎ³cKO mice\n' 'IL2RγcKO mice\n'
t 'A0 inside U+2800 put back' '' 'cafÃ© â € b\n' 'café \342\240\200 b\n'
t 'cp437 Russian' '' '#╨┐╤Ç╨░╨▓╨╕╨╗╤î╨╜╨╛╨╡\n' '#правильное\n'
t 'cp874 with C1 kept' '' 'theyโ\302\200\302\231re\n' 'they’re\n'
t 'triple cp1252' '' 'doesnÃƒÂ¢Ã¢â€šÂ¬Ã¢â€žÂ¢t\n' 'doesn’t\n'
t 'CESU-8 pair read as cp1252' '' 'Hi í\302\240½í¸\302\215\n' 'Hi 😍\n'
t 'raw CESU-8 pair joined' '' 'Hi \355\240\275\355\270\215\n' 'Hi 😍\n'
t 'lossy: U+FFFD keeps place' '' 'SlovenÄ\357\277\275ina\n' 'Sloven\357\277\275ina\n'
t 'lossy: dropped 0x9D before space' '' 'â€œbackdoorsâ€ said\n' '“backdoors” said\n'
t 'lossy: U+FFFD at the end stays' '' 'â€œlossy decodingâ€\357\277\275\n' '“lossy decoding\357\277\275\n'
t 'lost byte as ? after Ã alone on a line' '' 'cafÃ? au lait\n' 'caf\357\277\275 au lait\n'
t 'lossy Thai: digits, ranges and dashes' '' 'the 1990โs, 2000โ2010 โ a decade โ said: โno.โ\n' 'the 1990’s, 2000–2010 — a decade — said: “no.”\n'
t 'lossy Thai: a dash follows the line' '' 'one – two โ three\n' 'one – two – three\n'
t 'C1 ellipsis alone' '' 'parlé\302\205 Tu sais\n' 'parlé… Tu sais\n'
t 'legacy cp1252 bytes decoded' '' 'caf\351 \223ok\224\n' 'café “ok”\n'
t 'legacy -f latin1' '-f ISO-8859-1' 'caf\351\n' 'café\n'
t 'legacy -f koi8-r' '-f KOI8-R' '\360\322\311\327\305\324 ok\n' 'Привет ok\n'
t 'legacy -f CP932, ASCII second bytes' '-f CP932' '\223\214\213\236\202\314\223V\213C and text\n' '東京の天気 and text\n'
t 'legacy -f GBK, pairs that look like UTF-8' '-f GBK' '\326\320\316\304\316\304\261\276\243\254\262\342\312\324 abc\n' '中文文本，测试 abc\n'
t 'legacy: a cut double-byte character is kept' '-f CP932' 'end \202' 'end \202'
t 'legacy -f cp932: any case; SHIFT_JIS where iconv lacks CP932 (musl)' '-f cp932' '\223\214\213\236 ok\n' '東京 ok\n'
# code pages beside the cp125x family: KOI8 and cp866 (Cyrillic), ISO-8859-7
# where cp1253 would give wrong letters, ISO-8859-13 (Baltic)
t 'KOI8-R, once' '' 'п÷я─п╟п╡п╦я┌п╣п╩я▄я│я┌п╡п╬ п©п╬п╬п╠п╣я┴п╟п╩п╬ я│п╫п╦п╥п╦я┌я▄ п╫п╟п╩п╬пЁп╦.\n' 'Правительство пообещало снизить налоги.\n'
t 'KOI8-U, once' '' 'пёя─я▐пЄ п©п╬п╬п╠я√я├я▐п╡ пЇпҐп╦пЇп╦я┌п╦ п©п╬пЄп╟я┌п╨п╦ р▒я─я┐пҐя┌п╬п╡пҐп╬.\n' 'Уряд пообіцяв знизити податки ґрунтовно.\n'
t 'cp866, once' '' '╨Я╤А╨░╨▓╨╕╤В╨╡╨╗╤М╤Б╤В╨▓╨╛ ╨┐╨╛╨╛╨▒╨╡╤Й╨░╨╗╨╛ ╤Б╨╜╨╕╨╖╨╕╤В╤М ╨╜╨░╨╗╨╛╨│╨╕.\n' 'Правительство пообещало снизить налоги.\n'
t 'ISO-8859-7, not cp1253' '' 'Ξ\302\227 ΞΊΟ\302\205Ξ²Ξ­Ο\302\201Ξ½Ξ·Ο\302\203Ξ· Ο\302\205Ο\302\200ΞΏΟ\302\203Ο\302\207Ξ­ΞΈΞ·ΞΊΞ΅ Ξ½Ξ± ΞΌΞ΅ΞΉΟ\302\216Ο\302\203Ξ΅ΞΉ Ο\302\204ΞΏΟ\302\205Ο\302\202 Ο\302\206Ο\302\214Ο\302\201ΞΏΟ\302\205Ο\302\202.\n' 'Η κυβέρνηση υποσχέθηκε να μειώσει τους φόρους.\n'
t 'ISO-8859-7 with a lost byte: restored (it lacks AE only)' '' 'Ξ£Ξ\357\277\275ΞΌΞ΅Ο\302\201Ξ± ΞΌΞ΅ Ο\302\204ΞΏΟ\302\205Ο\302\202 Ξ±Ξ³Ο\302\201Ο\302\214Ο\302\204Ξ΅Ο\302\202.\n' 'Σήμερα με τους αγρότες.\n'
t 'ISO-8859-13, once' '' 'Å½urnÄ\302\201listi jautÄ\302\201ja ministram, kÄ\302\201pÄ\302\223c lÄ\302\223mums tika pieÅ\302\206emts.\n' 'Žurnālisti jautāja ministram, kāpēc lēmums tika pieņemts.\n'
# two layers of one page whose middle layer looks no worse than the line
t 'Mac Roman twice' '' 'El ni‚àö¬±o pidi‚àö‚â• una canci‚àö‚â•n m‚àö¬∞s.\n' 'El niño pidió una canción más.\n'
t 'cp1250 twice' '' 'Teraz uniwersytet traktuje siĂ„â„˘ jak lotnisko.\n' 'Teraz uniwersytet traktuje się jak lotnisko.\n'
# Armenian read as cp1252: Ô Õ Ö before a symbol, pair after pair
t 'Armenian, cp1252 once' '' 'Ô±ÕµÕ½ Õ£Õ«Ö€Ö„Õ¨ Õ¶Õ¸Ö€ Õ§Ö‰\n' 'Այս գիրքը նոր է։\n'
t 'Armenian, cp1252 twice' '' 'Ã•â€°Ã•Â¥Ã•Â¶ Ã•Â¯Ã•Â¡Ã–â‚¬Ã•Â¸Ã•Â² Ã•Â£Ã•Â¡Ã•Â¬Ã–â€°\n' 'Չեն կարող գալ։\n'
t 'valid UTF-8 kept beside legacy' '' 'é caf\351\n' 'é café\n'
t 'entities off by default' '' 'Huawei&#8217;s &amp; ZTE&rsquo;s\n' 'Huawei&#8217;s &amp; ZTE&rsquo;s\n'
t '-e entities' '-e' 'Huawei&#8217;s &amp; ZTE&rsquo;s &#x201C;x&#x201D; &#150;\n' 'Huawei’s & ZTE’s “x” –\n'
t '--entities, unknown kept' '--entities' '&bogus; &amp &#0; &lt;p&gt;\n' '&bogus; &amp &#0; <p>\n'
# WHATWG's named references (data/unmojibake/entities.json), not only HTML 4's
t '-e: &check;' '-e' 'done &check;\n' 'done \342\234\223\n'
t '-e: ellipses and no-break spaces, HTML 4 and WHATWG names' '-e' \
    'a&hellip;b&mldr;c&nbsp;d&NonBreakingSpace;e\n' 'a\342\200\246b\342\200\246c\302\240d\302\240e\n'
t '-e: punctuation as PHP ENT_HTML5 writes it' '-e' \
    'f&lpar;x&rpar;&colon; a&comma; b&period; &quest;&excl;\n' 'f(x): a, b. ?!\n'
t '-e: &lang; &rang; are the WHATWG angle brackets' '-e' '&lang;x&rang;\n' '\342\237\250x\342\237\251\n'
t '-e: two code points, &bne;' '-e' 'x &bne; y\n' 'x =\342\203\245 y\n'
t '-e: two code points, &NotEqualTilde;' '-e' '&NotEqualTilde;\n' '\342\211\202\314\270\n'
t '-e: astral, &Afr; &afr;' '-e' '&Afr;&afr;\n' '\360\235\224\204\360\235\224\236\n'
t '-e: names are case-sensitive' '-e' '&AMP; &Amp; &aMP;\n' '& &Amp; &aMP;\n'
t '-e: legacy names without ; kept' '-e' 'AT&T &amp &copy 2024 /?a=1&copy=2&amp=3\n' \
    'AT&T &amp &copy 2024 /?a=1&copy=2&amp=3\n'
t '-e: the longest name' '-e' '&CounterClockwiseContourIntegral;\n' '\342\210\263\n'
t '-e: a run of letters longer than any name kept' '-e' \
    '&CounterClockwiseContourIntegrals; &aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa;\n' \
    '&CounterClockwiseContourIntegrals; &aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa;\n'

# negatives: must come out byte for byte
for s in 'SÃO PAULO e GRÃ-BRETANHA' 'NESTLÉ® requiere personal' \
    'Bremer/Mccoy – DrÃ¥ber' 'ESSE CARA AI QUEM É¿' 'OK??:(   `¬´    ):' \
    'C O N C L U S Ã O' '(-1/2)! = √π' '├┤a┼┐a┼┐a' 'ПоздравЂаво' \
    'Huawei (หัวเว่ย) โดยบริษัท Huawei ระบุว่า' 'a radius of 10 Å—' \
    'These control characters \032 are intentional' 'German (»ß« unten)' \
    'Join ZZAJÉ’s Official Fan List' '4288×…' 'L’épisode 8' \
    'en specifik ”ändelse” till dem' '╔══════╗ ║Name  ║ ├──┼──┤ │├┤│ok' \
    '├── src │   └── main.c' 'IL-2Rγc and TNF-α levels' \
    'so tired (ô¬ô) and ( ò_ó) ¬¬' 'E2	โ	THAI CHARACTER SARA O' ; do
	t "unchanged: $s" '' "$s\n" "$s\n"
done
# another name of an encoding iconv knows (glibc knows MACINTOSH, not
# MacRoman; musl neither)
if printf 'x\n' | $PROG -f MACINTOSH >/dev/null 2>&1; then
	t 'legacy -f MacRoman: MACINTOSH by another name' '-f MacRoman' 'caf\216 ok\n' 'café ok\n'
else
	skip 'legacy -f MacRoman' 'iconv has no Mac Roman'
fi
# a repair is exact or none (issue 23)
# ISO-8859-2 and cp1250 read "Ĺź" back as "ż" and "ş": which cannot be told
t 'twin pages that disagree: left, ambiguous' '' \
    'Na konferencji mĂłwiono teĹź o stanie gospodarki.\n' \
    'Na konferencji mĂłwiono teĹź o stanie gospodarki.\n'
printf 'Na konferencji mĂłwiono teĹź o stanie gospodarki.\n' |
    $PROG --explain 2>"$T/err" >/dev/null
ok '--explain says why' grep -q 'left as it is: cp1250 and iso-8859-2 repair it differently (ambiguous)' "$T/err"
# of the twins, the one that makes no letter none of their languages
# writes: cp1250's "naše", not ISO-8859-2's "naŷe"
t 'twin pages: the plainer reading' '' \
    'VzĹĄahy s EurĂłpou a naĹˇe Ăşzemie.\n' 'Vzťahy s Európou a naše územie.\n'
# a layer below a cp1252 one is cp1252 too: "Über", not ISO-8859-15's "ýber"
t 'cp1252 twice: the same page below' '' 'RUF MICH ZURÃƒÅ“CK\n' 'RUF MICH ZURÜCK\n'
# "tieÄąÄľ" is cp1250 twice: ISO-8859-2 reads it once as "tieıĵ" (ĵ: no
# language of the page writes it), cp1250 once as "tieĹľ", still mojibake
# of its kind: the line is left
t 'a repair that leaves mojibake of its page: left' '' \
    'Mal tieÄąÄľ zmysel pre humor.\n' 'Mal tieÄąÄľ zmysel pre humor.\n'
t 'Mac Roman twice, the ø not undone: left' '' \
    'S‚àö‚àègsm‚àö‚Ä¢l til pr‚àö‚àèvelse.\n' 'S‚àö‚àègsm‚àö‚Ä¢l til pr‚àö‚àèvelse.\n'
printf 'S‚àö‚àègsm‚àö‚Ä¢l til pr‚àö‚àèvelse.\nMal tieÄąÄľ zmysel.\nteĹź mĂłwiono\n' |
    $PROG --stats 2>"$T/err" >/dev/null
ok '--stats counts the lines left' grep -q 'ambiguous_lines 1, partial_lines 2' "$T/err"
# but where bytes were lost ("Ñ" without its second byte) the rest is
# repaired: that is the best there is
t 'lossy: the rest repaired' '' 'Ð’ Ð½Ð°Ñ ÑÐ° Ð´Ð¾Ð¼\n' 'Ð’ наÑ Ñа дом\n'
# a sloppy page that lacks one continuation byte only: U+FFFD was it
t 'ISO-8859-7 lost AE: ή' '' 'Ξ΅Ο\302\205Ο\302\201Ξ\357\277\275ΞΌΞ\302\261Ο\302\204Ξ\302\261\n' 'ευρήματα\n'
t 'cp1251 lost 98: И and ‘' '' 'Р\357\277\275РІР°РЅ СЃРєР°Р·Р°Р» вЂ\357\277\275РґР°вЂ™.\n' 'Иван сказал ‘да’.\n'
done_testing
