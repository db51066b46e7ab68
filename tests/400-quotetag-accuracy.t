#!/bin/sh
# quotetag: detection and attribution, one table row per pattern, and the
# fixtures under tests/data/quotetag/ (our own texts) as golden files.
. "${0%/*}/lib.sh"
PROG=$BIN/quotetag
D=$top/tests/data/quotetag

# attribution patterns
t 'speaker after: X said' '' \
	'\342\200\234We will win,\342\200\235 Smith said.\n' \
	'<q who="Smith" cue="said">\342\200\234We will win,\342\200\235</q> Smith said.\n'
t 'inverted: said X, title dropped from the name' '' \
	'"We will win," said Mayor Jane Smith.\n' \
	'<q who="Jane Smith" cue="said">"We will win,"</q> said Mayor Jane Smith.\n'
t 'before: X said: "..."' '' \
	'Smith said: "We will win."\n' \
	'Smith said: <q who="Smith" cue="said">"We will win."</q>\n'
t 'X told Y, "...": the addressee is not the speaker' '' \
	'Jones told reporters, "We will win."\n' \
	'Jones told reporters, <q who="Jones" cue="told">"We will win."</q>\n'
t 'appositive after an inverted cue' '' \
	'"No," said the firm'"'"'s security chief, Andy Purdy, in an interview.\n' \
	'<q who="Andy Purdy" cue="said">"No,"</q> said the firm'"'"'s security chief, Andy Purdy, in an interview.\n'
t 'appositive before the cue' '' \
	'Andy Purdy, the security chief, told reporters: "We deny it."\n' \
	'Andy Purdy, the security chief, told reporters: <q who="Andy Purdy" cue="told">"We deny it."</q>\n'
t 'two appositives; "the states" is no cue' '' \
	'"Yes," Scott Pruitt, the attorney general, one of the states suing, said.\n' \
	'<q who="Scott Pruitt" cue="said">"Yes,"</q> Scott Pruitt, the attorney general, one of the states suing, said.\n'
t 'transcript: the name before the colon inside the quote' '-f tsv' \
	'"Chris Matthews: Seriously, about this."\n' \
	'0\t40\t"Chris Matthews: Seriously, about this."\tChris Matthews\t1\t15\t\tdirect\t0\n'
t 'transcript: each turn a quote of its own, with its speaker' '' \
	'"WALLACE: Let us start with the news.\n\n"PENCE: Well, look, it is serious business.\n\n"WALLACE: Thank you, sir."\n' \
	'<q who="WALLACE" cue="">"WALLACE: Let us start with the news.</q>\n\n<q who="PENCE" cue="">"PENCE: Well, look, it is serious business.</q>\n\n<q who="WALLACE" cue="">"WALLACE: Thank you, sir."</q>\n'
t 'a paragraph that repeats the mark goes on without a label' '' \
	'Smith said: "We will win this race.\n\n"And we will win the next one."\n' \
	'Smith said: <q who="Smith" cue="said">"We will win this race.\n\n"And we will win the next one."</q>\n'
t 'a dash and a name sign a quote' '' \
	'\342\200\234Mr. Trump is clueless about the struggles of minorities.\342\200\235 \342\200\225 Stephanie Egan\n' \
	'<q who="Stephanie Egan" cue="">\342\200\234Mr. Trump is clueless about the struggles of minorities.\342\200\235</q> \342\200\225 Stephanie Egan\n'
t 'a dash, a name and an appositive' '' \
	'"Be kind to everyone you meet." \342\200\224 Ann Lee, a nurse from Ohio\n' \
	'<q who="Ann Lee" cue="">"Be kind to everyone you meet."</q> \342\200\224 Ann Lee, a nurse from Ohio\n'
t 'a dash and no name' '' \
	'"Be kind to everyone you meet today" - and then she left.\n' \
	'<q who="" cue="">"Be kind to everyone you meet today"</q> - and then she left.\n'
t 'a hyphen glued to the quote is a compound' '' \
	'Die \342\200\236Engine Cutoff\342\200\234-Sensoren Max Weber sind schuld.\n' \
	'Die \342\200\236Engine Cutoff\342\200\234-Sensoren Max Weber sind schuld.\n'
t '"one said": one is the speaker' '' \
	'Sources said the talks stalled. "We will not pay for this wall," one said.\n' \
	'Sources said the talks stalled. <q who="one" cue="said">"We will not pay for this wall,"</q> one said.\n'
t 'a sentence adverb or a month before the quote is no speaker' '' \
	'Already, "we have seen the worst of it," Smith said. In January, "the plan will be ready," Jones said.\n' \
	'Already, <q who="Smith" cue="said">"we have seen the worst of it,"</q> Smith said. In January, <q who="Jones" cue="said">"the plan will be ready,"</q> Jones said.\n'
t 'a possessive and a thing before a colon name nobody; a possessive and a title do' '' \
	'Editor'"'"'s note: "This story has been corrected since it was first published."\n\nHuawei'"'"'s spokesman: "We deny every one of these claims."\n' \
	'Editor'"'"'s note: <q who="" cue="">"This story has been corrected since it was first published."</q>\n\nHuawei'"'"'s spokesman: <q who="Huawei'"'"'s spokesman" cue="">"We deny every one of these claims."</q>\n'
t 'a transcript label belongs to its own turn, not to the next quote' '' \
	'Q: What do you think of the plan?\n"It will fail in the end, I think."\n\nPARTICIPANT: We talked about it for hours.\n"It will fail in the end, I think."\n' \
	'Q: What do you think of the plan?\n<q who="" cue="">"It will fail in the end, I think."</q>\n\nPARTICIPANT: We talked about it for hours.\n<q who="" cue="">"It will fail in the end, I think."</q>\n'
t 'a name and a colon before the quote' '' \
	'Rep. Trey Gowdy (R-S.C.): "Who told you that?"\n' \
	'Rep. Trey Gowdy (R-S.C.): <q who="Trey Gowdy" cue="">"Who told you that?"</q>\n'
t 'a dateline before a colon does not win over the cue after the quote' '' \
	'Washington: "We will win this race," Smith said.\n' \
	'Washington: <q who="Smith" cue="said">"We will win this race,"</q> Smith said.\n'
t 'nor does a label' '' \
	'Update: \342\200\234We lost the vote,\342\200\235 Jones told reporters.\n' \
	'Update: <q who="Jones" cue="told">\342\200\234We lost the vote,\342\200\235</q> Jones told reporters.\n'
t 'a name before a colon names a quote nothing else attributes' '' \
	'BERLIN: "Wir gewinnen," sagte Weber. Bush: "The mission is accomplished."\n' \
	'BERLIN: <q who="Weber" cue="sagte">"Wir gewinnen,"</q> sagte Weber. Bush: <q who="Bush" cue="">"The mission is accomplished."</q>\n'
t 'a possessive in s'"'"' does not end the speaker' '' \
	'"Yes," Jeff Weaver, Sanders'"'"' campaign manager, said.\n' \
	'<q who="Jeff Weaver" cue="said">"Yes,"</q> Jeff Weaver, Sanders'"'"' campaign manager, said.\n'
t 'according to X' '' \
	'The plan is "dead on arrival," according to Sen. John Doe.\n' \
	'The plan is <q who="John Doe" cue="according to">"dead on arrival,"</q> according to Sen. John Doe.\n'
t 'pronoun resolved to the last named speaker' '-f tsv' \
	'"Yes," Smith said. "No," he added.\n' \
	'0\t6\t"Yes,"\tSmith\t7\t12\tsaid\tdirect\t0\n19\t24\t"No,"\tSmith\t25\t27\tadded\tdirect\t0\n'
t 'he and she find the last man and the last woman' '' \
	'"Yes," said Mary Jones. "No," said Tom Reed. "Maybe," she added.\n' \
	'<q who="Mary Jones" cue="said">"Yes,"</q> said Mary Jones. <q who="Tom Reed" cue="said">"No,"</q> said Tom Reed. <q who="Mary Jones" cue="added">"Maybe,"</q> she added.\n'
t 'a quote without a cue takes its neighbour'"'"'s speaker (cont)' '-f tsv' \
	'"Yes," Smith said. "Really, no."\n' \
	'0\t6\t"Yes,"\tSmith\t7\t12\tsaid\tdirect\t0\n19\t32\t"Really, no."\tSmith\t7\t12\tsaid\tdirect\t1\n'
t 'a paragraph ending in a colon introduces the quote' '' \
	'Lopez added:\n\n"We will hold that review."\n' \
	'Lopez added:\n\n<q who="Lopez" cue="added">"We will hold that review."</q>\n'
t 'partial quote inside reported speech' '-f tsv' \
	'Reed said the cuts were "short-sighted and unfair."\n' \
	'24\t51\t"short-sighted and unfair."\tReed\t0\t4\tsaid\tpartial\t0\n'

t 'a cue word in capitals is part of a name; a common noun heads it' '' \
	'"Yes," United States officials said.\n' \
	'<q who="United States officials" cue="said">"Yes,"</q> United States officials said.\n'
t 'a particle inside a name' '' \
	'"Yes," New York Mayor Bill de Blasio said.\n' \
	'<q who="Bill de Blasio" cue="said">"Yes,"</q> New York Mayor Bill de Blasio said.\n'
t 'the subject of a clause with an infinitive cue, to its last name word' '' \
	'Huawei security chief Andy Purdy also went out to deny it: "No."\n' \
	'Huawei security chief Andy Purdy also went out to deny it: <q who="Andy Purdy" cue="deny">"No."</q>\n'
t 'the subject of a clause with an -ing cue, to the verb after it' '' \
	'The Chinese producer denies it, stating that "it never did."\n' \
	'The Chinese producer denies it, stating that <q who="Chinese producer" cue="stating">"it never did."</q>\n'

# one sentence a line (sentsplit output)
t 'the cue in the short sentence on the next line' '' \
	'\342\200\234We will win.\342\200\235\nClinton said.\n' \
	'<q who="Clinton" cue="said">\342\200\234We will win.\342\200\235</q>\nClinton said.\n'
t 'a question, then the cue on the next line' '' \
	'\342\200\234Why?\342\200\235\nShe asked.\n' \
	'<q who="She" cue="asked">\342\200\234Why?\342\200\235</q>\nShe asked.\n'
t 'a long sentence on the next line gives no cue' '' \
	'\342\200\234We will win.\342\200\235\nThe weather was bad and everyone went home early.\n' \
	'<q who="" cue="">\342\200\234We will win.\342\200\235</q>\nThe weather was bad and everyone went home early.\n'
t 'a quote goes on over the lines of its paragraph to its closing mark' '' \
	'\342\200\234We deny it.\nWe never did it.\342\200\235\nPurdy said.\n' \
	'<q who="Purdy" cue="said">\342\200\234We deny it.\nWe never did it.\342\200\235</q>\nPurdy said.\n'
t 'a closing mark after a space still closes; none is an opener' '' \
	'\342\200\234We deny it.\nWe never did it, \342\200\235he said.\n' \
	'<q who="he" cue="said">\342\200\234We deny it.\nWe never did it, \342\200\235</q>he said.\n'
t 'a closing mark in opening position opens nothing' '-f tsv' \
	'He said \342\200\235no more.\n' \
	''

# detection
t 'scare quotes are skipped' '' \
	'The so-called "experts" were wrong.\n' \
	'The so-called "experts" were wrong.\n'
t 'titles are skipped' '' \
	'He appeared on "Meet the Press" on Sunday.\n' \
	'He appeared on "Meet the Press" on Sunday.\n'
t '-a reports them as other' '-a -f tsv' \
	'The so-called "experts" were wrong.\n' \
	'14\t23\t"experts"\t\t\t\t\tother\t0\n'
t 'apostrophes are not quotes' '' \
	'"It'"'"'s the '"'"'90s, O'"'"'Brien'"'"'s era," she said.\n' \
	'<q who="she" cue="said">"It'"'"'s the '"'"'90s, O'"'"'Brien'"'"'s era,"</q> she said.\n'
t 'nested single quotes stay inside' '' \
	'"He told me '"'"'never again'"'"' today," Smith said.\n' \
	'<q who="Smith" cue="said">"He told me '"'"'never again'"'"' today,"</q> Smith said.\n'
t '-a also tags the nested quote' '-a' \
	'"He told me '"'"'never again'"'"' today," Smith said.\n' \
	'<q who="Smith" cue="said">"He told me <q who="" cue="">'"'"'never again'"'"'</q> today,"</q> Smith said.\n'
t 'single-mark quotes only with -s' '' \
	'\342\200\230We will win,\342\200\231 Smith said.\n' \
	'\342\200\230We will win,\342\200\231 Smith said.\n'
t '-s: single-mark quotes' '-s' \
	'\342\200\230We will win,\342\200\231 Smith said.\n' \
	'<q who="Smith" cue="said">\342\200\230We will win,\342\200\231</q> Smith said.\n'
t 'guillemets and a French cue' '' \
	'\302\253 Non \302\273, a dit le ministre.\n' \
	'<q who="ministre" cue="dit">\302\253 Non \302\273</q>, a dit le ministre.\n'
t 'German low-high quotes' '' \
	'\342\200\236Nein\342\200\234, sagte Weber.\n' \
	'<q who="Weber" cue="sagte">\342\200\236Nein\342\200\234</q>, sagte Weber.\n'
t 'mixed curly and straight marks pair' '' \
	'\342\200\234We will win," Smith said.\n' \
	'<q who="Smith" cue="said">\342\200\234We will win,"</q> Smith said.\n'
t 'multi-paragraph quote: one quote, open mark repeated' '-f tsv' \
	'Smith said:\n\n"First part.\n\n"Second part."\n' \
	'13\t41\t"First part.\\n\\n"Second part."\tSmith\t0\t5\tsaid\tdirect\t0\n'
t 'unclosed at the end of the paragraph' '-f tsv' \
	'Smith said: "It runs on\n\nand this is not quoted.\n' \
	'12\t23\t"It runs on\tSmith\t0\t5\tsaid\tunclosed\t0\n'
t 'a stray mark does not pair across paragraphs' '-f tsv' \
	'An inch mark 5" here.\n\n"Yes," Smith said.\n' \
	'23\t29\t"Yes,"\tSmith\t30\t35\tsaid\tdirect\t0\n'
t 'names after titled, nickname are skipped' '' \
	'A spot titled "Arrogant Man" ran, and the nickname "Lyin Ted" stuck, Smith said.\n' \
	'A spot titled "Arrogant Man" ran, and the nickname "Lyin Ted" stuck, Smith said.\n'
t 'attribute values are not quotes' '' \
	'<tweet author="carl quintanilla is here"> said Smith.\n' \
	'<tweet author="carl quintanilla is here"> said Smith.\n'
t 'quoted numbers are skipped' '' \
	'data-id="7731137522" said the page.\n' \
	'data-id="7731137522" said the page.\n'
t 'a stray </q> outside any quote is text' '' \
	'A </q> b. "Yes," Smith said.\n' \
	'A </q> b. <q who="Smith" cue="said">"Yes,"</q> Smith said.\n'
t 'a stray </q> inside a quote: the input as it is' '' \
	'"Yes </q> no," Smith said.\n' \
	'"Yes </q> no," Smith said.\n'
t 'removing markup would make a new tag: the input as it is' '' \
	'<q who="a" cue="b">x <q </q>who="c" cue="d">"Yes," Smith said.</q>\n' \
	'<q who="a" cue="b">x <q </q>who="c" cue="d">"Yes," Smith said.</q>\n'
t 'XML-escaped attributes' '' \
	'"Yes," said A&B <Corp>.\n' \
	'<q who="A&amp;B" cue="said">"Yes,"</q> said A&B <Corp>.\n'
t 'CRLF' '' \
	'"Yes," Smith said.\r\n"No," Jones said.\r\n' \
	'<q who="Smith" cue="said">"Yes,"</q> Smith said.\r\n<q who="Jones" cue="said">"No,"</q> Jones said.\r\n'

# fixtures: golden outputs
for f in "$D"/*.txt; do
	b=${f%.txt}
	for fmt in inline tsv jsonl; do
		[ -f "$b.$fmt" ] || continue
		"$PROG" -f $fmt "$f" >"$T/out" 2>"$T/err"
		ok "${f##*/} -f $fmt matches ${b##*/}.$fmt" cmp -s "$T/out" "$b.$fmt"
	done
done
done_testing
