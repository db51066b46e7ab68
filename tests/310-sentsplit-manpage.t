#!/bin/sh
# sentsplit.1: every double quote the page renders opens and closes in
# turn (a nested .Dq rendered "(“Mr., “Dr.””)"), and the page names what
# issue 17 changed.
. "${0%/*}/lib.sh"

m=$top/filters/sentsplit.1
if ! command -v groff >/dev/null 2>&1; then
	skip 'sentsplit.1: quotes pair' 'groff is not installed'
	done_testing
	exit
fi
groff -k -Tutf8 -mandoc -P-cbou "$m" 2>/dev/null | tr '\n' ' ' | tr -d '<>' |
	sed "s/$(printf '\342\200\234')/</g; s/$(printf '\342\200\235')/>/g" >"$T/page"
ok 'sentsplit.1 renders' test -s "$T/page"
is 'sentsplit.1: no quote opens inside a quote' \
	"$(grep -o '<[^>]*<' "$T/page" | head -3)" ''
is 'sentsplit.1: no quote closes twice' \
	"$(grep -o '>[^<]*>' "$T/page" | head -3)" ''
is 'sentsplit.1: as many quotes open as close' \
	"$(tr -cd '<' <"$T/page" | wc -c)" "$(tr -cd '>' <"$T/page" | wc -c)"
ok 'sentsplit.1: the spaced ellipsis renders' grep -q '<\. \. \.>' "$T/page"
for w in 'lone CR' 'blank line between documents' 'where the window cut'; do
	ok "sentsplit.1 mentions: $w" grep -q "$w" "$T/page"
done

done_testing
