#!/bin/sh
# sentsplit: old Mac text, whose lines end with a lone CR. A lone CR is a
# line break like '\n' (a CR that a '\n' follows is part of the line end
# "\r\n"), so "\r\r" ends a paragraph; the output ends lines with '\n'.
. "${0%/*}/lib.sh"
PROG=$BIN/sentsplit

t 'a lone CR pair is a paragraph break' '' 'One.\r\rTwo.\r' 'One.\n\nTwo.\n'
t 'a lone CR ends a line' '' 'Headline here\rThe story.\r' 'Headline here\nThe story.\n'
t 'a lone CR joins a line that goes on' '' 'The plan was\rsimple.\r' 'The plan was simple.\n'
t '-w joins at a lone CR' '-w' 'The end of the\rline. Next\rHere.\r' 'The end of the line.\nNext Here.\n'
t '-l breaks at a lone CR' '-l' 'one\rtwo\r' 'one\ntwo\n'
t 'a hyphen joins at a lone CR' '' 'a well-\rknown case.\r' 'a well-known case.\n'
t 'CR LF is one line break' '' 'One. Two.\r\nThree\r\nfour.\r\n' 'One.\nTwo.\nThree four.\n'
t 'CR LF CR LF is a paragraph break' '' 'One.\r\n\r\nTwo.\r\n' 'One.\n\nTwo.\n'
t 'CR, then CR LF' '' 'One.\r\r\nTwo.\r\n' 'One.\n\nTwo.\n'
t 'a blank line of spaces between lone CRs' '' 'One.\r  \rTwo.\r' 'One.\n\nTwo.\n'
t 'a list on lone CR lines' '' 'Steps:\r1. One\r2. Two\r' 'Steps:\n1. One\n2. Two\n'
t '-u: a lone CR pair' '-u' 'One.\r\rTwo.\r' 'One.\n\nTwo.\n'
is '--stats: two paragraphs' \
	"$(printf 'One. Two.\r\rThree.\r' | $PROG --stats=json 2>&1 >/dev/null)" \
	'{"program":"sentsplit","records":1,"bytes_in":18,"bytes_out":18,"empty":0,"sentences":3,"paragraphs":2,"lang_und":1}'

# idempotent on CR text in every mode
printf 'The plan\rwas simple. It\r\rworked.\r\r\r  a well-\rknown\r\n1. One\r2. Two\r\r\n\r' >"$T/cr"
for o in '' -w -l -u '-L el'; do
	# shellcheck disable=SC2086
	$PROG $o <"$T/cr" >"$T/c1" && $PROG $o <"$T/c1" >"$T/c2"
	ok "idempotent on lone CR text: sentsplit $o" cmp -s "$T/c1" "$T/c2"
	ok "no CR left: sentsplit $o" sh -c "! grep -q \"\$(printf '\\r')\" '$T/c1'"
done

done_testing
