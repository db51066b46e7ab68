#!/bin/sh
# sentsplit -L auto (the default): each document's language, chosen from
# its script and its function words (own sentences), or from the
# record's --lang-field; -L forces one.
. "${0%/*}/lib.sh"
PROG=$BIN/sentsplit

# Chosen without -L: the language --explain names, and the split -L gives.
while IFS='	' read -r lang text; do
	printf '%s\n' "$text" >"$T/in"
	$PROG -e <"$T/in" >"$T/auto" 2>"$T/why"
	$PROG -L "$lang" <"$T/in" >"$T/forced"
	ok "$lang: chosen without -L" grep -q "document 1: language $lang (" "$T/why"
	ok "$lang: split as -L $lang splits it" cmp -s "$T/auto" "$T/forced"
done <<'EOF'
de	Am 12. Juni kam der Minister nach Berlin. Er sprach mit den Bürgern.
fr	Le ministre a parlé avec le Pr. Martin de la santé. Il est content.
it	Il ha parlato con il Dott. Bianchi della salute. Poi è partito.
es	La Srta. Ruiz llegó a la reunión con el ministro. Después se fue a su casa.
nl	De minister is op 5 mei naar de stad gegaan. Hij heeft met de burgers gesproken.
da	Vi fejrer skt. Hans i byen med vores venner. Det er en god fest.
pl	Dnia 12. Kwietnia minister przyjechał do miasta. Rozmawiał z mieszkańcami, które już czekały.
sk	Stretnutie bolo 12. Apríla v meste, ktoré je blízko. Minister sa stretol s obyvateľmi.
en	The minister met Dr. Park at the station. They spoke about the plan.
ru	Об этом сообщил проф. Иванов на встрече. Он сказал, что работа уже идёт.
bg	Това е първата среща, която се проведе на 5 май. Министърът каза, че ще има още.
kk	Министр бұл туралы кеше айтты. Ол халыққа алғыс айтты.
el	Τι έγινε στη συνάντηση; Ο υπουργός μίλησε με τους πολίτες.
hy	Նախարարը եկավ քաղաք: Նա խոսեց բնակիչների հետ:
ar	وقال الوزير في المؤتمر: هذا هو القرار. ثم غادر القاعة.
fa	وزیر در این جلسه گفت که کار ادامه دارد. او از مردم تشکر کرد.
ur	وزیر نے اس اجلاس میں کہا کہ کام جاری ہے۔ انہوں نے لوگوں کا شکریہ ادا کیا۔
hi	मंत्री ने कहा कि काम जारी है। उन्होंने लोगों का धन्यवाद किया।
ja	大臣は会議で話しました。仕事は続いています。
zh	部长在会议上发言。工作还在继续。
EOF

# What the choice changes, written out.
t 'German ordinal without -L' '' 'Am 12. Juni kam er nach Hause. Das war gut.\n' \
	'Am 12. Juni kam er nach Hause.\nDas war gut.\n'
t 'French title without -L' '' 'Le ministre a parlé avec le Pr. Martin. Il est content.\n' \
	'Le ministre a parlé avec le Pr. Martin.\nIl est content.\n'
t 'Russian title without -L' '' 'Об этом сообщил проф. Иванов на встрече. Он сказал, что всё хорошо.\n' \
	'Об этом сообщил проф. Иванов на встрече.\nОн сказал, что всё хорошо.\n'
t 'Greek question mark without -L' '' 'Τι έγινε στη συνάντηση; Ο υπουργός μίλησε.\n' \
	'Τι έγινε στη συνάντηση;\nΟ υπουργός μίλησε.\n'
t 'Armenian colon without -L' '' 'Նախարարը եկավ քաղաք: Նա խոսեց:\n' \
	'Նախարարը եկավ քաղաք:\nՆա խոսեց:\n'
t 'Arabic colon without -L' '' 'وقال الوزير في المؤتمر: هذا هو القرار.\n' \
	'وقال الوزير في المؤتمر:\nهذا هو القرار.\n'

# -L forces a language, whatever the text; -L auto is the default.
t '-L en forces English on German' '-L en' 'Am 12. Juni kam er nach Hause. Das war gut.\n' \
	'Am 12.\nJuni kam er nach Hause.\nDas war gut.\n'
printf 'Am 12. Juni kam er nach Hause.\n' | $PROG -L en -e >/dev/null 2>"$T/why"
is '-L: --explain says it was forced' "$(cat "$T/why")" \
	'sentsplit: <stdin>: document 1: language en (-L)'
t '-L auto is the default' '-L auto' 'Am 12. Juni kam er nach Hause. Das war gut.\n' \
	'Am 12. Juni kam er nach Hause.\nDas war gut.\n'

# Unsure: the language-neutral rules.
printf 'Jonas E. Smith, 12.5 km.\n' | $PROG -e >/dev/null 2>"$T/why"
ok 'no function word: language-neutral rules (und)' grep -q 'language und (Latin script, votes: unsure)' "$T/why"

# Each record has its own language; --stats counts them.
printf 'Am 12. Juni kam er nach Hause. Das war gut.\000Il a vu le Pr. Martin. Il est parti.\000' |
    check_filter '-z: each record its own language' 0 \
	'Am 12. Juni kam er nach Hause.\nDas war gut.\n\000Il a vu le Pr. Martin.\nIl est parti.\n\000' $PROG -z
printf 'Am 12. Juni kam er nach Hause. Das war gut.\000Il a vu le Pr. Martin. Il est parti.\000Das ist nicht gut. Es war so.\000' |
    $PROG -z --stats >/dev/null 2>"$T/stats"
ok '--stats: documents per language' grep -q 'lang_de 2, lang_fr 1$' "$T/stats"
printf '%s\n' '{"text":"Am 12. Juni kam er. Das war gut.","lang":"en"}' '{"text":"Am 12. Juni kam er. Das war gut."}' |
    check_filter '--lang-field: the record'"'"'s language, else its own' 0 \
	'{"text":"Am 12.\\nJuni kam er.\\nDas war gut.\\n","lang":"en"}\n{"text":"Am 12. Juni kam er.\\nDas war gut.\\n"}\n' \
	$PROG --jsonl --lang-field=lang

# The choice is made on the first bytes; the text is held boundedly and
# comes out as -L would split it, in many short paragraphs or one long
# one, at every window, and a second run changes nothing.
awk 'BEGIN { for (i = 0; i < 3000; i++) printf "Am %d. Juni kam der Minister nach Berlin. Er sagte, dass es gut ist.\n\n", i % 28 + 1 }' >"$T/paras"
awk 'BEGIN { for (i = 0; i < 3000; i++) printf "Am %d. Juni kam der Minister nach Berlin. Er sagte, dass es gut ist. ", i % 28 + 1; print "" }' >"$T/long"
for f in paras long; do
	$PROG -L de <"$T/$f" >"$T/$f.de"
	_bad=
	for w in 64 1000 4096 70000; do
		$PROG --window=$w <"$T/$f" >"$T/$f.1" && $PROG --window=$w <"$T/$f.1" >"$T/$f.2" ||
		    _bad="$_bad $w:status"
		cmp -s "$T/$f.de" "$T/$f.1" || _bad="$_bad $w:differs"
		cmp -s "$T/$f.1" "$T/$f.2" || _bad="$_bad $w:not-idempotent"
	done
	is "$f: as -L de at every window, twice" "$_bad" ""
done

# Runs of whitespace between sentences, which the output shortens, do not
# change what the choice sees: the second run chooses as the first.
awk 'BEGIN { for (i = 0; i < 40; i++) { printf "Xa."; for (j = 0; j < 2000; j++) printf " "; printf "Yb.\n\n" }
	print "Der Tag ist gut. Am 12. Juni kam er und das war es." }' >"$T/spaces"
$PROG -e <"$T/spaces" 2>"$T/why1" | $PROG -e >/dev/null 2>"$T/why2"
is 'whitespace before the text: both runs choose alike' "$(cat "$T/why1")" "$(cat "$T/why2")"
ok 'whitespace before the text: German all the same' grep -q 'language de' "$T/why1"

# A clear winner early (DETECTEARLY): once 512 bytes other than whitespace
# have given one language 16 votes and four times all the others', the
# choice is made there; a short English opening before German is not.
en=$(awk 'BEGIN { for (i = 0; i < 12; i++) printf "The minister said that the plan was good and that it would work for all of them. " }')
de=$(awk 'BEGIN { for (i = 0; i < 40; i++) printf "Der Minister sagte, dass der Plan gut sei und dass er für alle von ihnen funktionieren werde. " }')
printf '%s%s\n' "$en" "$de" | $PROG -e >/dev/null 2>"$T/why"
ok 'a clear English opening of 1 KB: English, chosen early' \
	grep -q 'language en (Latin script, votes en [0-9]*)$' "$T/why"
printf 'The minister said. %s\n' "$de" | $PROG -e >/dev/null 2>"$T/why"
ok 'a short English opening before German: German' \
	grep -q 'language de (' "$T/why"

# a text too short to choose: every language's abbreviations apply
is 'unsure: a Danish abbreviation holds' \
	"$(printf 'De holdt Skt. Hans i byen.\n' | $PROG)" 'De holdt Skt. Hans i byen.'
is 'unsure: a Dutch abbreviation holds' \
	"$(printf 'Afkorting aanw. vnw.\n' | $PROG)" 'Afkorting aanw. vnw.'
is 'unsure: a Danish starter after U.S.' \
	"$(printf 'I live in the U.S. Hvad med dig?\n' | $PROG)" "$(printf 'I live in the U.S.\nHvad med dig?')"

done_testing
