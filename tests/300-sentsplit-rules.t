#!/bin/sh
# sentsplit: the English rules, one table row each (input, expected lines).
. "${0%/*}/lib.sh"
PROG=$BIN/sentsplit

# plain stops
t 'full stop' '' 'It rained. We stayed in.\n' 'It rained.\nWe stayed in.\n'
t 'question mark' '' 'Who called? The mayor did.\n' 'Who called?\nThe mayor did.\n'
t 'exclamation mark' '' 'Stop! The road is closed.\n' 'Stop!\nThe road is closed.\n'
t '?! run' '' 'Really?! Yes, really.\n' 'Really?!\nYes, really.\n'
t '!! run' '' 'Wow!! That was fast.\n' 'Wow!!\nThat was fast.\n'
t 'stop before a number' '' 'Sales fell. 40 stores closed.\n' 'Sales fell.\n40 stores closed.\n'
t 'no final newline' '' 'One. Two.' 'One.\nTwo.\n'

# abbreviations
t 'title' '' 'We met Dr. Jones at noon.\n' 'We met Dr. Jones at noon.\n'
t 'titles in a row' '' 'Mr. and Mrs. Brown left. Gen. Lee stayed.\n' 'Mr. and Mrs. Brown left.\nGen. Lee stayed.\n'
t 'Inc. mid-sentence' '' 'Acme Inc. Shares fell.\n' 'Acme Inc. Shares fell.\n'
t 'Inc. at the end' '' 'He joined Acme Inc. The firm grew.\n' 'He joined Acme Inc.\nThe firm grew.\n'
t 'Co. before lower case' '' 'Smith & Co. at noon.\n' 'Smith & Co. at noon.\n'
t 'U.S. mid-sentence' '' 'The U.S. Senate voted.\n' 'The U.S. Senate voted.\n'
t 'U.S. at the end' '' 'He lives in the U.S. He likes it.\n' 'He lives in the U.S.\nHe likes it.\n'
t 'e.g.' '' 'Fruit, e.g. Apples, is healthy.\n' 'Fruit, e.g. Apples, is healthy.\n'
t 'No. before a number' '' 'See No. 5 on the list.\n' 'See No. 5 on the list.\n'
t 'p. before a number' '' 'Turn to p. 12 now.\n' 'Turn to p. 12 now.\n'
t 'month' '' 'It opened Jan. 5 in Ohio.\n' 'It opened Jan. 5 in Ohio.\n'
t 'Jr.'\''s' '' 'That is Ken Jr.'\''s car.\n' 'That is Ken Jr.'\''s car.\n'
t 'time a.m. lower' '' 'We met at 9 a.m. on Monday.\n' 'We met at 9 a.m. on Monday.\n'
t 'time p.m. end' '' 'It closes at 5 p.m. The staff leave.\n' 'It closes at 5 p.m.\nThe staff leave.\n'

# initials
t 'one initial' '' 'Ask Mary K. Lane today.\n' 'Ask Mary K. Lane today.\n'
t 'three initials' '' 'J. R. R. Tolkien wrote it.\n' 'J. R. R. Tolkien wrote it.\n'
t 'pronoun I' '' 'It was you and I. Then we left.\n' 'It was you and I.\nThen we left.\n'

# numbers
t 'decimal' '' 'It costs $4.50 today.\n' 'It costs $4.50 today.\n'
t 'decimal at the end' '' 'It costs $4.50. That is cheap.\n' 'It costs $4.50.\nThat is cheap.\n'
t 'version number' '' 'Use 2.4.1 or later.\n' 'Use 2.4.1 or later.\n'

# ellipses
t 'ellipsis before lower case' '' 'Well... maybe not.\n' 'Well... maybe not.\n'
t 'ellipsis before a capital' '' 'It was late... Bob left.\n' 'It was late...\nBob left.\n'
t 'spaced ellipsis before a capital' '' 'It was . . . Bob, I think.\n' 'It was . . . Bob, I think.\n'
t 'four dots end' '' 'I wonder.... She left.\n' 'I wonder....\nShe left.\n'
t 'spaced ellipsis inside' '' 'He said . . . nothing at all.\n' 'He said . . . nothing at all.\n'
t 'bracketed omission' '' 'The text [...] goes on. Next.\n' 'The text [...] goes on.\nNext.\n'
t 'unicode ellipsis' '' 'Wait\342\200\246 then go.\n' 'Wait\342\200\246 then go.\n'

# quotes and brackets after the stop
t 'curly quote' '' '\342\200\234We won.\342\200\235 He smiled.\n' '\342\200\234We won.\342\200\235\nHe smiled.\n'
t 'straight quote then lower case' '' '"We won." she said.\n' '"We won." she said.\n'
t 'question in quotes, lower case' '' '"Why?" he asked.\n' '"Why?" he asked.\n'
t 'parenthesis inside' '' 'It grew (as expected.) in May.\n' 'It grew (as expected.) in May.\n'
t 'parenthesised sentence' '' 'It grew. (Nobody knew why.) Then it fell.\n' 'It grew.\n(Nobody knew why.)\nThen it fell.\n'
t 'citation stays' '' 'He was born in 1900. [3] He died young.\n' 'He was born in 1900. [3]\nHe died young.\n'
t 'smiley stays' '' 'Great news! :-) See you.\n' 'Great news! :-)\nSee you.\n'
t 'stop then comma' '' 'It said etc. , and more.\n' 'It said etc. , and more.\n'

# URLs, addresses, files
t 'e-mail' '' 'Write to ann.lee@example.org. She answers.\n' 'Write to ann.lee@example.org.\nShe answers.\n'
t 'URL' '' 'See https://example.com/a.html. It helps.\n' 'See https://example.com/a.html.\nIt helps.\n'
t 'file name' '' 'Open report.pdf now.\n' 'Open report.pdf now.\n'
t 'domain in a word' '' 'Posted via Example.Com today.\n' 'Posted via Example.Com today.\n'
t 'URL after a stop' '' 'Read it. http://example.com\n' 'Read it.\nhttp://example.com\n'

# lists
t 'numbered list' '' '1. Eggs 2. Milk 3. Bread\n' '1. Eggs\n2. Milk\n3. Bread\n'
t 'numbered list, stops' '' '1. Buy eggs. 2. Boil them.\n' '1. Buy eggs.\n2. Boil them.\n'
t 'paren list' '' '1) Eggs 2) Milk\n' '1) Eggs\n2) Milk\n'
t 'lettered list' '' 'a. Eggs b. Milk c. Bread\n' 'a. Eggs\nb. Milk\nc. Bread\n'
t 'bulleted list' '' '\342\200\242 1. Eggs \342\200\242 2. Milk\n' '\342\200\242 1. Eggs\n\342\200\242 2. Milk\n'
t 'number mid-text is no list' '' 'He won 2. The rest lost.\n' 'He won 2.\nThe rest lost.\n'

# missing space, informal text
t 'missing space' '' 'It ended.Then it began.\n' 'It ended.\nThen it began.\n'
t 'lower case start' '' 'the food was cold. the staff was rude.\n' 'the food was cold.\nthe staff was rude.\n'
t 'question, lower case' '' 'is it open? no idea.\n' 'is it open?\nno idea.\n'
t 'apostrophe word before a stop' '' 'We ate at McDonald'\''s. It was late.\n' 'We ate at McDonald'\''s.\nIt was late.\n'
t 'number, then lower case' '' 'call me at 555-0100. they know.\n' 'call me at 555-0100.\nthey know.\n'
t 'unit before a stop' '' 'Winds hit 90 km/h. Ferries stopped.\n' 'Winds hit 90 km/h.\nFerries stopped.\n'
t 'title after a time ends a long sentence' '' 'He left the bank at 6 p.m. Mr. Lee stayed.\n' 'He left the bank at 6 p.m.\nMr. Lee stayed.\n'
t 'title after a time, short sentence' '' 'At 5 a.m. Mr. Lee left.\n' 'At 5 a.m. Mr. Lee left.\n'
t 'No. as a word' '' 'He said no. Then he left.\n' 'He said no.\nThen he left.\n'
t 'brand with !' '' 'She works at Yahoo! in Paris.\n' 'She works at Yahoo! in Paris.\n'
t 'question with no space' '' 'It was bad?what a pity.\n' 'It was bad?\nwhat a pity.\n'
t 'question with no space, apostrophe' '' 'Was it bad?what'\''s up.\n' 'Was it bad?\nwhat'\''s up.\n'
t 'query string, no link' '' 'See page?id=3 now.\n' 'See page?id=3 now.\n'
t 'query in a link' '' 'See x.com/search?q now.\n' 'See x.com/search?q now.\n'
t 'abbreviation that opens a bracket' '' 'It is in Ohio (pop. 256,000) and grew.\n' 'It is in Ohio (pop. 256,000) and grew.\n'
t 'abbreviation that opens a bracket, name' '' 'Zeno (lat. Zeno) was an emperor.\n' 'Zeno (lat. Zeno) was an emperor.\n'
t 'sentence in brackets' '' 'It grew. (Nobody knew why. Then it fell.)\n' 'It grew.\n(Nobody knew why.\nThen it fell.)\n'

# time stamps: a date and a clock time (with seconds or AM/PM), as e-mail
# headers and posts put them between a name and the text
t 'stamp between name and text' '' 'Thanks. Scott Neal 08/16/2000 03:48 PM John, it is done.\n' 'Thanks.\nScott Neal\n08/16/2000 03:48 PM\nJohn, it is done.\n'
t 'stamp after an address' '' '<kay@example.com> 03/27/2001 09:11 am Have you heard?\n' '<kay@example.com>\n03/27/2001 09:11 am\nHave you heard?\n'
t 'stamp before a lower-case word' '' 'Kay Mann 03/27/2001 09:11 am have you heard?\n' 'Kay Mann\n03/27/2001 09:11 am have you heard?\n'
t 'stamp with seconds, ISO date' '' 'Noted on 2001-04-25 12:42:55 We changed it.\n' 'Noted on 2001-04-25 12:42:55\nWe changed it.\n'
t 'stamp led by a lower-case word' '' 'It was sent on 08/15/2000 06:03 PM by Ann.\n' 'It was sent on 08/15/2000 06:03 PM by Ann.\n'
t 'time without seconds or AM/PM' '' 'Kay Mann 04/26/2001 07:17 Will you come?\n' 'Kay Mann 04/26/2001 07:17 Will you come?\n'
t 'time without a date' '' 'It starts at 08:02 PM Eastern today.\n' 'It starts at 08:02 PM Eastern today.\n'
t 'score, not a stamp' '' 'Final 3/4/2000 2:1 on Sunday.\n' 'Final 3/4/2000 2:1 on Sunday.\n'
t 'stamp at the end' '' 'Kay Mann 04/26/2001 07:17 AM\n' 'Kay Mann\n04/26/2001 07:17 AM\n'
t '-w: stamp on its own line' '-w' 'Kay Mann\n04/26/2001 07:17 AM\nWill you come?\n' 'Kay Mann\n04/26/2001 07:17 AM\nWill you come?\n'
t 'stamp in a lines mode block' '' 'Kay Mann\n04/26/2001 07:17 AM Will you come?\n' 'Kay Mann\n04/26/2001 07:17 AM\nWill you come?\n'

done_testing
