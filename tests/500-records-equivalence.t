#!/bin/sh
# Record modes agree with plain mode, for every filter and every sample:
# the --jsonl field is what plain mode prints for that text, -z keeps the
# document count and gives each document its plain-mode output, and every
# filter is idempotent.
. "${0%/*}/lib.sh"

# tojsonl FILE...: one {"id":..., "text":...} record per file (JSON::PP is
# core Perl, which prove needs anyway)
tojsonl() {
	perl -MJSON::PP -e 'my $j = JSON::PP->new->canonical;
		for my $f (@ARGV) { open my $h, "<:raw", $f or die; local $/;
		my $t = <$h>; print $j->encode({id => $f, n => 1.5, text => $t}), "\n" }' "$@"
}

for prog in unmojibake unboiler sentsplit quotetag; do
	if [ ! -x "$BIN/$prog" ]; then
		skip "$prog: record modes" "bin/$prog is not built"
		continue
	fi
	: >"$T/plain"
	for f in "$top"/samples/*.txt; do
		"$prog" <"$f" >>"$T/plain"
		printf '\0' >>"$T/plain"
	done

	# --jsonl: the field equals plain mode; id and n stay
	tojsonl "$top"/samples/*.txt >"$T/in.jsonl"
	# quotetag --jsonl leaves the text as it is; -f inline tags it
	a=
	[ "$prog" = quotetag ] && a='-f inline'
	# shellcheck disable=SC2086
	"$prog" --jsonl $a <"$T/in.jsonl" >"$T/out.jsonl"
	ok "$prog --jsonl: exit 0" test $? -eq 0
	perl -MJSON::PP -e 'binmode STDOUT; while (<STDIN>) {
		my $r = JSON::PP->new->decode($_); print $r->{text}, "\0" }' \
		<"$T/out.jsonl" >"$T/fromjson"
	ok "$prog --jsonl: each text field equals plain mode" cmp -s "$T/plain" "$T/fromjson"
	ok "$prog --jsonl: one record out per record in" \
		test "$(wc -l <"$T/out.jsonl")" -eq "$(wc -l <"$T/in.jsonl")"
	perl -MJSON::PP -e 'while (<STDIN>) { my $r = JSON::PP->new->decode($_);
		exit 1 unless $r->{id} =~ m{samples/} && $r->{n} == 1.5 }' <"$T/out.jsonl"
	ok "$prog --jsonl: other fields kept" test $? -eq 0

	# -z: one output document per input document, each as in plain mode
	for f in "$top"/samples/*.txt; do cat "$f"; printf '\0'; done >"$T/in.z"
	"$prog" -z <"$T/in.z" >"$T/out.z"
	ok "$prog -z: each document as in plain mode" cmp -s "$T/plain" "$T/out.z"

	# idempotence on every sample
	bad=""
	for f in "$top"/samples/*.txt; do
		"$prog" <"$f" >"$T/once"
		"$prog" <"$T/once" >"$T/twice"
		cmp -s "$T/once" "$T/twice" || bad="$bad ${f##*/}"
	done
	is "$prog is idempotent on the samples" "$bad" ""
done

if [ -x "$BIN/unmojibake" ] && [ -x "$BIN/unboiler" ] &&
	[ -x "$BIN/sentsplit" ] && [ -x "$BIN/quotetag" ]; then
	"$top/scripts/demo" >"$T/demo" 2>"$T/demo.err"
	ok 'the demo pipeline runs' test $? -eq 0
	ok 'the demo prints every sample' test "$(grep -c '^==> samples/' "$T/demo")" -eq 5
	ok 'the demo is quiet on stderr' test ! -s "$T/demo.err"
else
	skip 'demo pipeline' 'not every filter is built'
fi
done_testing
