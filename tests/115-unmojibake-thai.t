#!/bin/sh
# See LICENSE file for copyright and license details.
# unmojibake: a Thai U+0E42 is restored as a curly quote or dash only
# where the line shows lossy Windows-874 mojibake, never in real Thai or
# in text that writes the letter on its own (issue 16).
. "${0%/*}/lib.sh"
PROG=$BIN/unmojibake

for s in 'สระ เ แ โ ใ ไ' 'The Thai letter โ is a leading vowel.' \
    'ไทย โ ไทย' 'โ' 'Letters: โ, ใ and ไ.' 'the vowel "โ" comes first' \
    'Thai vowels เ แ โ ใ ไ come before the consonant' \
    'อักษร โ (สระโอ) อ่านว่า โอ' ; do
	t "unchanged: $s" '' "$s\n" "$s\n"
done
# lossy mojibake is still repaired
t 'glued to a word' '' 'theyโre here\n' 'they’re here\n'
t 'two spaced ones' '' 'the war โ it ended โ was long\n' 'the war — it ended — was long\n'
t 'beside a spaced dash' '' 'one – two โ three\n' 'one – two – three\n'
t 'spaced, with a quote' '' 'a decade โ said: โno.โ\n' 'a decade — said: “no.”\n'
done_testing
