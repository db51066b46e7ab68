#!/bin/sh
# See LICENSE file for copyright and license details.
# unmojibake: one run reaches the fixpoint, so a second changes nothing
# (issue 17): entities nested in entities, and legacy bytes that cannot be
# decoded beside ones that can.
. "${0%/*}/lib.sh"
PROG=$BIN/unmojibake

t '-e: an entity inside an entity' '-e' 'He said &amp;quot;hi&amp;quot;\n' 'He said "hi"\n'
t '-e: three levels' '-e' '&amp;amp;amp;lt;p&amp;gt; &#38;#38;#8217;\n' '<p> ’\n'
t '-e: an unknown one stays' '-e' '&amp;bogus; &amp;\n' '&bogus; &\n'
t '-e: WHATWG names inside an entity' '-e' '&amp;check; &amp;amp;bne;\n' '\342\234\223 =\342\203\245\n'
# 0xFF leads no character in any GBK table (0xFE 0x82 is one in the
# GB18030-based tables, musl's among them)
t '-f GBK: a byte that cannot be decoded before one that can' '-f GBK' \
    '\377\202\330' '\357\277\275\345\202\214'
t '-f GBK: kept before ASCII' '-f GBK' '\377\202 ok\n' '\377\202 ok\n'

# random bytes: every run is a fixpoint
awk 'BEGIN { srand(5); for (l = 0; l < 400; l++) {
	n = 1 + int(rand() * 12)
	for (i = 0; i < n; i++) {
		r = rand()
		if (r < 0.5) printf "%c", 128 + int(rand() * 128)
		else if (r < 0.6) printf "&amp;"
		else if (r < 0.7) printf "&#38;"
		else printf "%c", 32 + int(rand() * 95)
	}
	printf "\n" } }' >"$T/in"
for o in '' -e '-f GBK' '-f CP932' '-f BIG5' '-e -f GBK'; do
	$PROG $o <"$T/in" >"$T/once"
	$PROG $o <"$T/once" >"$T/twice"
	ok "random bytes, options '$o': idempotent" cmp -s "$T/once" "$T/twice"
done
done_testing
