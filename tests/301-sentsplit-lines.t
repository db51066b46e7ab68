#!/bin/sh
# sentsplit: paragraphs and line breaks in the three modes.
. "${0%/*}/lib.sh"
PROG=$BIN/sentsplit

t 'blank line ends a paragraph' '' 'One. Two.\n\nThree.\n' 'One.\nTwo.\n\nThree.\n'
t 'many blank lines become one' '' 'One.\n\n\n \t\nTwo.\n' 'One.\n\nTwo.\n'
t 'leading blank lines go' '' '\n\n  One.\n' 'One.\n'
t 'trailing blank lines go' '' 'One.\n\n\n' 'One.\n'
t 'a heading keeps its line' '' 'Text ends here.\nNew and Confident\nMore text follows.\n' \
	'Text ends here.\nNew and Confident\nMore text follows.\n'
t 'line ending mid-clause joins' '' 'The plan was\nsimple and it worked.\n' 'The plan was simple and it worked.\n'
t 'line ending in a comma joins' '' 'First,\nsecond.\n' 'First, second.\n'
t 'hyphenated line joins' '' 'a well-\nknown case.\n' 'a well-known case.\n'
t 'capital after a plain line: new block' '' 'Headline here\nThe story.\n' 'Headline here\nThe story.\n'
t 'comma then capital: new block' '' 'He told us that,\n"We know."\n' 'He told us that,\n"We know."\n'
t 'stop then lower case: new block' '' 'It ended.\nand then?\n' 'It ended.\nand then?\n'
t 'CRLF line ends' '' 'One. Two.\r\nThree\r\nfour.\r\n' 'One.\nTwo.\nThree four.\n'
t '-w joins every line' '-w' 'The end of the\nline. Next line\nHere.\n' 'The end of the line.\nNext line Here.\n'
t '-w splits across a line break' '-w' 'He left.\nShe stayed.\n' 'He left.\nShe stayed.\n'
t '-w keeps paragraphs' '-w' 'One\ntwo.\n\nThree.\n' 'One two.\n\nThree.\n'
t '-l keeps every line' '-l' 'The plan was\nsimple. It worked.\n' 'The plan was\nsimple.\nIt worked.\n'
t 'spaces inside a sentence stay' '' 'Two  spaces\there. Next.\n' 'Two  spaces\there.\nNext.\n'
t 'empty input' '' '' ''
t 'only whitespace' '' ' \n\n\t\n' ''

# A hard-wrapped article and a scraped one (one paragraph a line).
d=$top/tests/data/sentsplit
check_filter 'hard-wrapped text with -w' 0 "$(cat "$d/wrapped.out")\n" $PROG -w <"$d/wrapped.txt"
check_filter 'hard-wrapped text by default' 0 "$(cat "$d/wrapped.out")\n" $PROG <"$d/wrapped.txt"
check_filter 'scraped text' 0 "$(cat "$d/scraped.out")\n" $PROG <"$d/scraped.txt"

done_testing
