#!/bin/sh
# unboiler and lines longer than the record window (issue 16): the reader
# hands such a line over in pieces; unboiler judges it whole, by its first
# window, and keeps or deletes all of it, so every output line is an input
# line at every window size, and --mark marks every input line once.
. "${0%/*}/lib.sh"
. "$top/tests/fuzz/props.sh"
PROG=$BIN/unboiler

B='The council said that the plan would make the streets safer for all of the people who use them.'

# a line of prose longer than the default window (4 MiB), ending in share
# links just past the window's end: kept whole, not cut after its first
# 4 MiB (the reader cuts it at the last space in the window)
perl -e '$b = shift; $s = ""; $s .= "$b " while length($s) < 4194294;
	print "Home\n", substr($s, 0, 4194293),
	    " Share|Facebook|Twitter|Email\n"' "$B" >"$T/big"
tail -n 1 "$T/big" >"$T/big.exp"
$PROG <"$T/big" >"$T/big.out"
ok 'a 4 MiB+ line: exit 0' test $? -eq 0
ok 'a 4 MiB+ line of prose: kept whole' cmp -s "$T/big.out" "$T/big.exp"
$PROG <"$T/big.out" | cmp -s - "$T/big.out"
ok 'a 4 MiB+ line of prose: idempotent' test $? -eq 0

# documents with long lines of every kind (prose, share links, menus, one
# long word, spaces, multi-byte characters, CRLF, no final newline), the
# fixtures and the samples, as NUL-separated documents
perl -e '
	srand(7);
	my $b = shift;
	my @short = ("Home", "News", "Share this:", "12 Comments", "By Jo Smith",
	    "Related stories", "Getty Images", "", "   ", "Main Street");
	sub prose { my $n = shift; my $s = ""; $s .= "$b " while length($s) < $n;
		return $s }
	for my $d (1 .. 40) {
		my @l;
		for (1 .. 3 + int(rand(12))) {
			my $r = rand();
			push @l, $r < 0.3 ? $short[int(rand(@short))] :
			    $r < 0.5 ? prose(20 + int(rand(200))) :
			    $r < 0.6 ? prose(300 + int(rand(3000))) .
			        "Share|Facebook|Twitter|Email" :
			    $r < 0.7 ? ("Home | News | Sport | " x (5 + int(rand(100)))) :
			    $r < 0.75 ? ("x" x (50 + int(rand(2000)))) :
			    $r < 0.8 ? (" " x (50 + int(rand(500)))) . prose(100) :
			    $r < 0.9 ? ("\xc3\xa9t\xc3\xa9 \xe4\xb8\xad\xe6\x96\x87 " x
			        (10 + int(rand(300)))) . "." :
			    prose(100 + int(rand(1000))) . "\r";
		}
		print join("\n", @l), $d % 5 ? "\n" : "", "\0";
	}' "$B" >"$T/gen.z"
for f in "$top"/tests/data/unboiler/*.txt "$top"/samples/*.txt; do
	cat "$f"
	printf '\0'
done >>"$T/gen.z"

# mark_lines IN OUT: OUT (with --mark) marks each input line once, in
# order, document by document
mark_lines() {
	perl -e 'sub rd { open my $h, "<:raw", $_[0] or die; local $/;
			my $t = <$h>; return defined $t ? $t : "" }
		my @di = split(/\0/, rd($ARGV[0]), -1);
		my @do = split(/\0/, rd($ARGV[1]), -1);
		exit 2 if @di != @do;
		for my $d (0 .. $#di) {
			my @in = $di[$d] =~ /[^\n]*\n|[^\n]+\z/g;
			my @out = $do[$d] =~ /[^\n]*\n|[^\n]+\z/g;
			exit 3 if @in != @out;
			for my $k (0 .. $#in) {
				(my $o = $out[$k]) =~ s/^[+-] [a-z:0-9-]+\t// or exit 4;
				$o =~ s/\n\z// if $in[$k] !~ /\n\z/;
				exit 5 if $o ne $in[$k];
			}
		}' "$1" "$2"
}

# documents of one long line of each kind between short boilerplate
# lines: the line is decided by its start at every window, so a second run
# decides as the first (a document of many lines longer than the window is
# decided in pieces, which fall elsewhere in a second run: no promise)
perl -e '
	srand(11);
	my $b = shift;
	my @short = ("Home", "News", "Share this:", "12 Comments", "Menu");
	sub prose { my $n = shift; my $s = ""; $s .= "$b " while length($s) < $n;
		return $s }
	my @long = (sub { prose(100 + int(rand(3000))) },
	    sub { prose(100 + int(rand(3000))) . "Share|Facebook|Twitter|Email" },
	    sub { "Home | News | Sport | " x (5 + int(rand(150))) },
	    sub { "x" x (50 + int(rand(3000))) },
	    sub { (" " x (50 + int(rand(500)))) . prose(200) },
	    sub { ("\xc3\xa9t\xc3\xa9 \xe4\xb8\xad\xe6\x96\x87 " x (10 + int(rand(300)))) . "." },
	    sub { "\xe4\xb8\xad" x (20 + int(rand(1000))) },
	    sub { prose(100 + int(rand(2000))) . "\r" });
	for my $d (1 .. 48) {
		my @l;
		push @l, $short[int(rand(@short))] for 1 .. int(rand(3));
		push @l, $long[$d % @long]->();
		push @l, $short[int(rand(@short))] for 1 .. int(rand(3));
		print join("\n", @l), $d % 3 ? "\n" : "", "\0";
	}' "$B" >"$T/one.z"

bad= badm= badi=
for w in 16 17 23 32 50 64 99 128 200 256 400 512 777 1024 2048 4096; do
	$PROG -z --window "$w" <"$T/gen.z" >"$T/out" 2>"$T/err" ||
		bad="$bad $w(exit)"
	out_lines "$T/gen.z" "$T/out" z >/dev/null || bad="$bad $w"
	$PROG -z --window "$w" <"$T/one.z" >"$T/one.out" 2>"$T/err" ||
		bad="$bad $w(exit)"
	out_lines "$T/one.z" "$T/one.out" z >/dev/null || bad="$bad $w(one)"
	$PROG -z --window "$w" <"$T/one.out" | cmp -s - "$T/one.out" ||
		badi="$badi $w"
	$PROG -z -m --window "$w" <"$T/gen.z" >"$T/mark" 2>"$T/err" ||
		badm="$badm $w(exit)"
	mark_lines "$T/gen.z" "$T/mark" || badm="$badm $w($?)"
done
ok 'every output line is an input line, at every window' test -z "$bad"
[ -z "$bad" ] || diag "windows that fail:$bad"
ok '--mark marks every input line once, at every window' test -z "$badm"
[ -z "$badm" ] || diag "windows that fail:$badm"
ok 'one long line: idempotent at every window' test -z "$badi"
[ -z "$badi" ] || diag "windows that fail:$badi"

# --mark explains, on standard error and naming the record, a decision
# made on part of a document; the marks themselves are unchanged
L=$(perl -e 'print "$ARGV[0] " x 3' "$B")
printf 'Home\n%s\n\0Menu\n%s\nShare this:\n' "$B" "$L" >"$T/two.z"
$PROG -z -m --window 128 <"$T/two.z" >"$T/two.mark" 2>"$T/two.err"
ok '--mark, a line longer than the window: exit 0' test $? -eq 0
ok '--mark, a line longer than the window: the record is named' \
	grep -q '^unboiler: <stdin>: document 2: a line longer than the window' "$T/two.err"
is '--mark, a line longer than the window: said once' "$(wc -l <"$T/two.err" | tr -d ' ')" 1
mark_lines "$T/two.z" "$T/two.mark"
ok '--mark, a line longer than the window: every line marked once' test $? -eq 0
$PROG -z --window 128 <"$T/two.z" >/dev/null 2>"$T/two.err"
ok 'without --mark: nothing said' test ! -s "$T/two.err"
awk 'BEGIN { for (i = 0; i < 70000; i++) print "Home"; printf "%c", 0; print "Home" }' >"$T/lines.z"
$PROG -z -m <"$T/lines.z" >/dev/null 2>"$T/lines.err"
ok '--mark, more than 65536 lines: the record is named' \
	grep -q '^unboiler: <stdin>: document 1: more than 65536 lines' "$T/lines.err"
is '--mark, more than 65536 lines: said once' "$(wc -l <"$T/lines.err" | tr -d ' ')" 1
printf '%s\n%s\n%s\n' "$B" "$B" "$B" >"$T/three"
$PROG -m --window 128 "$T/three" >/dev/null 2>"$T/three.err"
ok '--mark, a document longer than the window: the record is named' \
	grep -q "^unboiler: $T/three: document 1: longer than the window" "$T/three.err"

done_testing
