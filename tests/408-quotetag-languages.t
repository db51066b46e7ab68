#!/bin/sh
# quotetag beyond English: the frames and word orders of German, French,
# Spanish, Italian, Portuguese and Dutch news, one table row per rule
# (our own sentences in agency style), and for each row the promises:
# the tags removed give the input back, and a second run changes nothing.
. "${0%/*}/lib.sh"
PROG=$BIN/quotetag

# r DESC INPUT EXPECTED: t with no options, then the promises
r() {
	t "$1" '' "$2" "$3"
	printf "$2" >"$T/in"
	"$PROG" <"$T/in" >"$T/once"
	"$PROG" -u <"$T/once" >"$T/back"
	ok "$1: untagged gives the input back" cmp -s "$T/in" "$T/back"
	"$PROG" <"$T/once" >"$T/twice"
	ok "$1: idempotent" cmp -s "$T/once" "$T/twice"
}

# pairing
r 'a low-high quote may start with a digit' \
	'Die Band trat im Club \342\200\236911\342\200\234 in Kiew auf. \342\200\236Wir kommen wieder\342\200\234, sagte Petrow.\n' \
	'Die Band trat im Club \342\200\236911\342\200\234 in Kiew auf. <q who="Petrow" cue="sagte">\342\200\236Wir kommen wieder\342\200\234</q>, sagte Petrow.\n'

r 'which, like who, is the speaker a cue verb follows' \
	'They asked the police department which reported \342\200\234twelve shooting incidents this week.\342\200\235\n' \
	'They asked the police department which reported <q who="which" cue="reported">\342\200\234twelve shooting incidents this week.\342\200\235</q>\n'

# cue words and pronouns
r 'German cue verbs; er and sie take the last man and woman' \
	'\342\200\236Die Lage ist ernst\342\200\234, bekr\303\244ftigte Anna Berger am Montag. \342\200\236Gut so\342\200\234, entgegnete Peter Lang. \342\200\236Wir handeln jetzt\342\200\234, f\303\274gte sie hinzu. \342\200\236Endlich\342\200\234, erg\303\244nzte er.\n' \
	'<q who="Anna Berger" cue="bekr\303\244ftigte">\342\200\236Die Lage ist ernst\342\200\234</q>, bekr\303\244ftigte Anna Berger am Montag. <q who="Peter Lang" cue="entgegnete">\342\200\236Gut so\342\200\234</q>, entgegnete Peter Lang. <q who="Anna Berger" cue="f\303\274gte">\342\200\236Wir handeln jetzt\342\200\234</q>, f\303\274gte sie hinzu. <q who="Peter Lang" cue="erg\303\244nzte">\342\200\236Endlich\342\200\234</q>, erg\303\244nzte er.\n'
r 'French, Spanish, Italian, Portuguese and Dutch cue verbs' \
	'\302\253Nous ne c\303\251derons pas\302\273, a martel\303\251 le ministre Paul Durand.\n\342\200\234No vamos a ceder\342\200\235, subray\303\263 la ministra Ana Ruiz.\n\342\200\234Non ci arrenderemo\342\200\235, ha ribadito il ministro Marco Rossi.\n\342\200\234N\303\243o vamos recuar\342\200\235, ressaltou o ministro Jo\303\243o Silva.\n\342\200\234We geven niet op\342\200\235, benadrukte minister Jan de Vries.\n' \
	'<q who="Paul Durand" cue="martel\303\251">\302\253Nous ne c\303\251derons pas\302\273</q>, a martel\303\251 le ministre Paul Durand.\n<q who="Ana Ruiz" cue="subray\303\263">\342\200\234No vamos a ceder\342\200\235</q>, subray\303\263 la ministra Ana Ruiz.\n<q who="Marco Rossi" cue="ribadito">\342\200\234Non ci arrenderemo\342\200\235</q>, ha ribadito il ministro Marco Rossi.\n<q who="Jo\303\243o Silva" cue="ressaltou">\342\200\234N\303\243o vamos recuar\342\200\235</q>, ressaltou o ministro Jo\303\243o Silva.\n<q who="Jan de Vries" cue="benadrukte">\342\200\234We geven niet op\342\200\235</q>, benadrukte minister Jan de Vries.\n'
r 'secondo, segundo, volgens: the speaker follows' \
	'Il piano \303\250 \342\200\234morto in partenza\342\200\235, secondo il ministro Marco Rossi.\n' \
	'Il piano \303\250 <q who="Marco Rossi" cue="secondo">\342\200\234morto in partenza\342\200\235</q>, secondo il ministro Marco Rossi.\n'
r 'French: spaces inside guillemets, no-break ones too; a-t-il takes the last man' \
	'\302\253 Oui \302\273, dit Paul Durand. \302\253\302\240Nous ne c\303\251derons pas\302\240\302\273, a-t-il d\303\251clar\303\251 mardi.\n' \
	'<q who="Paul Durand" cue="dit">\302\253 Oui \302\273</q>, dit Paul Durand. <q who="Paul Durand" cue="d\303\251clar\303\251">\302\253\302\240Nous ne c\303\251derons pas\302\240\302\273</q>, a-t-il d\303\251clar\303\251 mardi.\n'
r 'German plural cues and verbs of reacting (zeigte sich zufrieden)' \
	'\342\200\236Wir haben vier Punkte\342\200\234, zeigte sich Milan Petrovic nach dem Spiel zufrieden. \342\200\236Das reicht nicht\342\200\234, meinen Jan Ott und Eva Roth.\n' \
	'<q who="Milan Petrovic" cue="zeigte">\342\200\236Wir haben vier Punkte\342\200\234</q>, zeigte sich Milan Petrovic nach dem Spiel zufrieden. <q who="Jan Ott" cue="meinen">\342\200\236Das reicht nicht\342\200\234</q>, meinen Jan Ott und Eva Roth.\n'
r 'a capitalised subject after the verb ends at a word in lower case' \
	'In der ARD zeigte sich der Trainer Max Weber zufrieden: \342\200\236Wir haben gut gespielt.\342\200\234\n' \
	'In der ARD zeigte sich der Trainer Max Weber zufrieden: <q who="Trainer Max Weber" cue="zeigte">\342\200\236Wir haben gut gespielt.\342\200\234</q>\n'

# verb-second order: the subject after the verb
r 'a phrase after a preposition opens the clause: the speaker follows the verb' \
	'Vor dem Gerichtsgeb\303\244ude sagte Weber am Montag: \342\200\236Wir gehen in Berufung.\342\200\234\n' \
	'Vor dem Gerichtsgeb\303\244ude sagte Weber am Montag: <q who="Weber" cue="sagte">\342\200\236Wir gehen in Berufung.\342\200\234</q>\n'
r 'a sentence adverb opens the clause; a capital Ü is read in lower case (\303\234ber)' \
	'Weiter sagte ein Sprecher der Polizei: \342\200\236Die Lage ist ruhig.\342\200\234 \303\234ber den Einsatz sagte Weber: \342\200\236Er war n\303\266tig.\342\200\234\n' \
	'Weiter sagte ein Sprecher der Polizei: <q who="Sprecher der Polizei" cue="sagte">\342\200\236Die Lage ist ruhig.\342\200\234</q> \303\234ber den Einsatz sagte Weber: <q who="Weber" cue="sagte">\342\200\236Er war n\303\266tig.\342\200\234</q>\n'
r 'a subject pronoun after the verb is the speaker; so is a name after a year' \
	'Im Interview sagte sie: \342\200\236Ich bleibe.\342\200\234 2008 erkl\303\244rte Weber: \342\200\236Ich gehe.\342\200\234\n' \
	'Im Interview sagte sie: <q who="sie" cue="sagte">\342\200\236Ich bleibe.\342\200\234</q> 2008 erkl\303\244rte Weber: <q who="Weber" cue="erkl\303\244rte">\342\200\236Ich gehe.\342\200\234</q>\n'
r '"So sagte X:": a clause opened by a word that ends noun phrases is fronted too' \
	'Die Kommission kritisierte das Gesetz scharf: So sagte Olli Rehn, der Kommissar: \342\200\236Das geht nicht.\342\200\234\n' \
	'Die Kommission kritisierte das Gesetz scharf: So sagte Olli Rehn, der Kommissar: <q who="Olli Rehn" cue="sagte">\342\200\236Das geht nicht.\342\200\234</q>\n'
r 'English: a name after "it said" inside a clause is no inverted speaker' \
	'The statement described the effect it said Jones, the first woman in the post, would have on workers: \342\200\234Her record speaks for itself\342\200\235 the union wrote.\n' \
	'The statement described the effect it said Jones, the first woman in the post, would have on workers: <q who="union" cue="wrote">\342\200\234Her record speaks for itself\342\200\235</q> the union wrote.\n'
r 'English word order is kept: the object after the verb is no speaker' \
	'Smith warned Democrats: "We will not wait."\n' \
	'Smith warned Democrats: <q who="Smith" cue="warned">"We will not wait."</q>\n'
t 'a fronted clause with a pronoun after the verb, before a partial quote' '-f tsv' \
	'Gegen\303\274ber der Presse bezeichnete er die Lage als \342\200\236ernst, aber beherrschbar\342\200\234.\n' \
	'50\t80\t\342\200\236ernst, aber beherrschbar\342\200\234\ter\t34\t36\tbezeichnete\tpartial\t0\n'
t 'English: a pronoun after the verb of a clause its subject opens is no speaker' '-f tsv' \
	'Later he said we \342\200\234must act now, not tomorrow\342\200\235.\n' \
	'17\t49\t\342\200\234must act now, not tomorrow\342\200\235\the\t6\t8\tsaid\tpartial\t0\n'
r 'a cue after "und" goes on a clause: its subject opens it' \
	'Weber bedankte sich bei seinem Team nach dem Spiel und sagte: \342\200\236Wir haben es verdient.\342\200\234\n' \
	'Weber bedankte sich bei seinem Team nach dem Spiel und sagte: <q who="Weber" cue="sagte">\342\200\236Wir haben es verdient.\342\200\234</q>\n'
r 'after the quote, a phrase after a preposition is no subject: the one after the auxiliary is' \
	'\342\200\236Wir bleiben hier\342\200\234, hatte Konzernchef Max Winter in einem Interview erkl\303\244rt.\n' \
	'<q who="Konzernchef Max Winter" cue="erkl\303\244rt">\342\200\236Wir bleiben hier\342\200\234</q>, hatte Konzernchef Max Winter in einem Interview erkl\303\244rt.\n'

# frames with no speech verb
r '"„…“, so X": the speaker after so, to the end of its phrase' \
	'\342\200\236Wir bleiben hier\342\200\234, so Weber am Montag. \342\200\236Nein\342\200\234, so der bayerische Innenminister Max Huber weiter.\n' \
	'<q who="Weber" cue="so">\342\200\236Wir bleiben hier\342\200\234</q>, so Weber am Montag. <q who="Innenminister Max Huber" cue="so">\342\200\236Nein\342\200\234</q>, so der bayerische Innenminister Max Huber weiter.\n'
r 'Dutch "aldus X", a title before the name' \
	'\342\200\234Dat is onzin\342\200\235, aldus minister Jan de Vries.\n' \
	'<q who="Jan de Vries" cue="aldus">\342\200\234Dat is onzin\342\200\235</q>, aldus minister Jan de Vries.\n'
r 'English "so" opening a clause names no speaker' \
	'"We lost the final," so the team flew home early.\n' \
	'<q who="" cue="">"We lost the final,"</q> so the team flew home early.\n'

r 'a colon ends a clause with no cue: its subject, or the one after an adverb and the verb' \
	'Die Firma empfindet die Kritik als ungerecht: \342\200\236Wir haben nichts falsch gemacht.\342\200\234 Dabei griff Weber den Minister an: \342\200\236Das ist ein Skandal.\342\200\234\n' \
	'Die Firma empfindet die Kritik als ungerecht: <q who="Firma" cue="">\342\200\236Wir haben nichts falsch gemacht.\342\200\234</q> Dabei griff Weber den Minister an: <q who="Weber" cue="">\342\200\236Das ist ein Skandal.\342\200\234</q>\n'
r 'a colon clause that opens with a phrase after a preposition: the subject after the verb' \
	'In der ARD gab sich der Trainer zufrieden: \342\200\236Wir haben gut gespielt.\342\200\234\n' \
	'In der ARD gab sich der Trainer zufrieden: <q who="Trainer" cue="">\342\200\236Wir haben gut gespielt.\342\200\234</q>\n'
r 'a colon clause whose subject has an appositive: the name is the appositive'"'"'s' \
	'Der Leiter der Studie, Paulo Pinheiro, sieht die Verantwortung beim Staat: \342\200\236Es gilt, ein Signal zu setzen.\342\200\234\n' \
	'Der Leiter der Studie, Paulo Pinheiro, sieht die Verantwortung beim Staat: <q who="Paulo Pinheiro" cue="">\342\200\236Es gilt, ein Signal zu setzen.\342\200\234</q>\n'
r 'English: a lower-case subject before a colon names nobody' \
	'The report was blunt: "The agency failed."\n' \
	'The report was blunt: <q who="" cue="">"The agency failed."</q>\n'
r '"heißt es in X": the text named after a preposition says it' \
	'\342\200\236Wir handeln\342\200\234, hei\303\237t es dazu in einer Mitteilung der Polizei. In dem Antrag hei\303\237t es w\303\266rtlich: \342\200\236Die Frist endet heute.\342\200\234\n' \
	'<q who="Mitteilung der Polizei" cue="hei\303\237t">\342\200\236Wir handeln\342\200\234</q>, hei\303\237t es dazu in einer Mitteilung der Polizei. In dem Antrag hei\303\237t es w\303\266rtlich: <q who="Antrag" cue="hei\303\237t">\342\200\236Die Frist endet heute.\342\200\234</q>\n'

# English cues that were missing
r 'implored, gushed, interjected, chimed in, blurted out' \
	'"Please come home," Ann Lee implored.\n"It was magical," Jones gushed.\n"Not true," Smith interjected.\n"Me too," Brown chimed in.\n"I did it," Gray blurted out.\n' \
	'<q who="Ann Lee" cue="implored">"Please come home,"</q> Ann Lee implored.\n<q who="Jones" cue="gushed">"It was magical,"</q> Jones gushed.\n<q who="Smith" cue="interjected">"Not true,"</q> Smith interjected.\n<q who="Brown" cue="chimed">"Me too,"</q> Brown chimed in.\n<q who="Gray" cue="blurted">"I did it,"</q> Gray blurted out.\n'

# names and titles
r 'a quote in title case with no sentence punctuation is a name (a newspaper)' \
	'Das sei \342\200\236ein klarer Fortschritt\342\200\234, sagte Berger der \342\200\236Rheinischen Post\342\200\234.\n' \
	'Das sei <q who="Berger" cue="sagte">\342\200\236ein klarer Fortschritt\342\200\234</q>, sagte Berger der \342\200\236Rheinischen Post\342\200\234.\n'
r 'a comma after a name is the sentence'"'"'s; a cue right after it makes it speech' \
	'Die \342\200\236N\303\274rnberg Ice Tigers\342\200\234, der Meister des Vorjahres, verloren, sagte Weber. \342\200\236Gute Nacht\342\200\234, sagte sie.\n' \
	'Die \342\200\236N\303\274rnberg Ice Tigers\342\200\234, der Meister des Vorjahres, verloren, sagte Weber. <q who="sie" cue="sagte">\342\200\236Gute Nacht\342\200\234</q>, sagte sie.\n'

# titles and names by their context (issue 21, pattern 4)
r 'an article right before a quote with no cue before it makes a name; a cue before or right after makes speech' \
	'Die \342\200\236Computerwoche\342\200\234 hatte gestern berichtet, dass der Sender Geld verlor. Modder nannte die Absage einen \342\200\236Vertrauensbruch\342\200\234. Von einer \342\200\236gezielten Indiskredition\342\200\234 sprach Str\303\266bele.\n' \
	'Die \342\200\236Computerwoche\342\200\234 hatte gestern berichtet, dass der Sender Geld verlor. Modder nannte die Absage einen <q who="Modder" cue="nannte">\342\200\236Vertrauensbruch\342\200\234</q>. Von einer <q who="Str\303\266bele" cue="sprach">\342\200\236gezielten Indiskredition\342\200\234</q> sprach Str\303\266bele.\n'

r 'a noun that introduces a title: German Motto' \
	'Sie zogen unter dem Motto \342\200\236Freiheit statt Angst und Wut\342\200\234 durch die Stadt, sagte Weber.\n' \
	'Sie zogen unter dem Motto \342\200\236Freiheit statt Angst und Wut\342\200\234 durch die Stadt, sagte Weber.\n'

r 'a noun that introduces a title: French film, Spanish álbum' \
	'Il a pr\303\251sent\303\251 son film \302\253 Nous irons tous au paradis demain \302\273, a dit Dupont. La banda present\303\263 su \303\241lbum \302\253Vamos a ganar esta carrera juntos\302\273 en Madrid, dijo Garc\303\255a.\n' \
	'Il a pr\303\251sent\303\251 son film \302\253 Nous irons tous au paradis demain \302\273, a dit Dupont. La banda present\303\263 su \303\241lbum \302\253Vamos a ganar esta carrera juntos\302\273 en Madrid, dijo Garc\303\255a.\n'

r 'a noun that introduces a title: Italian libro, Portuguese livro, Dutch boek' \
	'Ha scritto il libro \302\253Come vincere le elezioni senza soldi\302\273 nel 2010, ha detto Rossi. Ele lan\303\247ou o livro \302\253Como ganhar as elei\303\247\303\265es sem dinheiro\302\273 em 2010, disse Silva. Hij schreef het boek \342\200\236Hoe je de verkiezingen wint zonder geld\342\200\235 in 2010, zei De Vries.\n' \
	'Ha scritto il libro \302\253Come vincere le elezioni senza soldi\302\273 nel 2010, ha detto Rossi. Ele lan\303\247ou o livro \302\253Como ganhar as elei\303\247\303\265es sem dinheiro\302\273 em 2010, disse Silva. Hij schreef het boek \342\200\236Hoe je de verkiezingen wint zonder geld\342\200\235 in 2010, zei De Vries.\n'

r 'a noun that introduces a title: English album' \
	'The band released the album "We Will Win This Race Today" last year, Smith said. "We will win," Smith said.\n' \
	'The band released the album "We Will Win This Race Today" last year, Smith said. <q who="Smith" cue="said">"We will win,"</q> Smith said.\n'

done_testing
