#!/bin/sh
# The programs need nothing from the environment: under env -i (no PATH,
# no locale, no HOME) each filter, and copydesk, gives the bytes it gives
# here, on every sample, plain and --jsonl. A static build (make static,
# make musl) has programs with no dynamic loader at all.
. "${0%/*}/lib.sh"
chain='unmojibake | unboiler | sentsplit | quotetag'

for f in "$top"/samples/*.txt; do
	n=${f##*/}
	for prog in unmojibake unboiler sentsplit quotetag; do
		"$BIN/$prog" <"$f" >"$T/want" 2>&1
		env -i "$BIN/$prog" <"$f" >"$T/got" 2>&1
		ok "env -i $prog: $n" cmp -s "$T/want" "$T/got"
	done
	"$BIN/copydesk" "$chain" <"$f" >"$T/want" 2>&1
	env -i "$BIN/copydesk" "$chain" <"$f" >"$T/got" 2>&1
	ok "env -i copydesk: $n" cmp -s "$T/want" "$T/got"
	"$BIN/unmojibake" <"$f" | "$BIN/unboiler" | "$BIN/sentsplit" | "$BIN/quotetag" >"$T/pipe"
	ok "copydesk: $n as the pipe" cmp -s "$T/pipe" "$T/got"
done
perl -MJSON::PP -0777 -ne 'print JSON::PP->new->canonical->encode({id => $ARGV, text => $_}), "\n"' \
    "$top"/samples/*.txt >"$T/in.jsonl" || bail 'perl JSON::PP'
"$BIN/copydesk" --jsonl "$chain" <"$T/in.jsonl" >"$T/want" 2>&1
env -i "$BIN/copydesk" --jsonl "$chain" <"$T/in.jsonl" >"$T/got" 2>&1
ok 'env -i copydesk --jsonl' cmp -s "$T/want" "$T/got"
ok 'copydesk --jsonl: one record a sample' test "$(wc -l <"$T/got")" -eq "$(ls "$top"/samples/*.txt | wc -l)"
printf '\360\322\311\327\305\324\n' | env -i "$BIN/unmojibake" -f KOI8-R >"$T/got" 2>&1
is 'env -i unmojibake -f KOI8-R (iconv with no environment)' "$(cat "$T/got")" 'Привет'

if static_build; then
	if command -v readelf >/dev/null 2>&1; then
		for prog in copydesk unmojibake unboiler sentsplit quotetag; do
			ok "$prog is static: no program interpreter" sh -c \
			    "! readelf -l '$BIN/$prog' | grep -q 'Requesting program interpreter'"
		done
	else
		skip 'static programs' 'no readelf (Debian package binutils)'
	fi
fi
done_testing
