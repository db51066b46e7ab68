#!/bin/sh
# See LICENSE file for copyright and license details.
# unmojibake: clean text passes byte for byte, here an upper-case word
# that ends in any capital (Latin, Greek, Cyrillic) before any punctuation
# mark: "“AMANHÃ” na capa", "COBORÎ”", "IRMÃ…" (issue 16: such pairs were
# read as the two bytes of one UTF-8 character).
. "${0%/*}/lib.sh"
PROG=$BIN/unmojibake

cat >"$T/caps" <<'X'
À Á Â Ã Ä Å Æ Ç È É Ê Ë Ì Í Î Ï Ð Ñ Ò Ó Ô Õ Ö Ø Ù Ú Û Ü Ý Þ
Ā Ă Ą Ć Ĉ Ċ Č Ď Đ Ē Ĕ Ė Ę Ě Ĝ Ğ Ġ Ģ Ĥ Ħ Ĩ Ī Ĭ Į İ Ĳ Ĵ Ķ Ĺ Ļ Ľ Ŀ Ł
Ń Ņ Ň Ŋ Ō Ŏ Ő Œ Ŕ Ŗ Ř Ś Ŝ Ş Š Ţ Ť Ŧ Ũ Ū Ŭ Ů Ű Ų Ŵ Ŷ Ÿ Ź Ż Ž Ș Ț Ơ Ư
Α Β Γ Δ Ε Ζ Η Θ Ι Κ Λ Μ Ν Ξ Ο Π Ρ Σ Τ Υ Φ Χ Ψ Ω Ϊ Ϋ
А Б В Г Д Е Ж З И Й К Л М Н О П Р С Т У Ф Х Ц Ч Ш Щ Ъ Ы Ь Э Ю Я Ё Є І Ї Ў
X
cat >"$T/marks" <<'X'
” ’ » › “ ‘ « ‹ „ ‚ … – — ‰ † ‡ • ‹ ¿ ¡ · . , ; : ! ? ) ' "
X
tr ' ' '\n' <"$T/caps" | grep . >"$T/c"
tr ' ' '\n' <"$T/marks" | grep . >"$T/m"
while IFS= read -r c; do
	while IFS= read -r m; do
		printf 'O jornal publicou “AMANH%s%s na capa.\n' "$c" "$m"
		printf 'ZIARUL: COBOR%s%s\n' "$c" "$m"
		printf '%s%s%s\n' "$c" "$c" "$m"
	done <"$T/m"
done <"$T/c" >"$T/in"
n=$(wc -l <"$T/in")
$PROG <"$T/in" >"$T/out"
bad=$(diff "$T/in" "$T/out" | grep -c '^<')
diff "$T/in" "$T/out" | grep '^[<>]' | head -20 >"$T/diff"
[ "$bad" -eq 0 ] || diag "$(cat "$T/diff")"
ok "$n lines of a capital before a mark pass byte for byte ($bad changed)" \
    [ "$bad" -eq 0 ]
# the same words when they are mojibake are still repaired
t 'mojibake of a lower-case word is repaired' '' 'amanhÃ£ e cafÃ©\n' 'amanhã e café\n'
t 'mojibake of a capital inside a word is repaired' '' 'MÃ‰XICO e cafÃ©\n' 'MÉXICO e café\n'
t 'a symbol after a capital is still mojibake' '' 'OÃ™ ET QUAND?\n' 'OÙ ET QUAND?\n'
t 'the issue'"'"'s line' '' 'O jornal publicou “AMANHÃ” na capa.\n' 'O jornal publicou “AMANHÃ” na capa.\n'
done_testing
