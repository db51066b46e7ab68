#!/bin/sh
# unmojibake changes no byte of a large clean multilingual corpus: the
# manual pages translated to 23 languages (scripts/deps --corpus installs
# them; 90 MB), each page a document of -z, less the few pages that hold
# real mojibake (tests/data/unmojibake/man-mojibake.txt, each with what is
# wrong in it). Skipped when fewer than 20 MB of such pages are installed.
. "${0%/*}/lib.sh"
PROG=$BIN/unmojibake
M=/usr/share/man
X=$top/tests/data/unmojibake/man-mojibake.txt

# the translated pages: files (not links) under /usr/share/man/LANG/
find "$M" -mindepth 3 -type f -name '*.gz' 2>/dev/null |
	grep -v "^$M/man[0-9]" | LC_ALL=C sort >"$T/all"
grep -v '^#' "$X" | awk 'NF { print "'"$M"'/" $1 }' | LC_ALL=C sort >"$T/skip"
LC_ALL=C comm -23 "$T/all" "$T/skip" >"$T/pages"
perl -MIO::Uncompress::Gunzip=gunzip -e '
	while (my $f = <STDIN>) {
		chomp $f;
		my $d;
		gunzip($f => \$d) or die "$f: cannot read\n";
		$d =~ tr/\0//d;
		print $d, "\0";
	}' <"$T/pages" >"$T/corpus" || bail 'cannot read the manual pages'
size=$(wc -c <"$T/corpus")
n=$(wc -l <"$T/pages")
if [ "$size" -lt 20000000 ]; then
	skip 'clean corpus' "only $size bytes of translated manual pages (scripts/deps --corpus)"
	done_testing
	exit
fi
langs=$(sed "s,^$M/,,; s,/.*,," "$T/pages" | sort -u | wc -l)
$PROG -z <"$T/corpus" >"$T/out" 2>"$T/err"
is 'clean corpus: exit 0' "$?" 0
if cmp -s "$T/corpus" "$T/out"; then
	pass "clean corpus: $n pages in $langs languages, $size bytes, not one changed"
else
	fail "clean corpus: $n pages in $langs languages, $size bytes, not one changed"
	# name the pages that changed
	perl -e '
		open(my $l, "<", $ARGV[0]) or die; my @p = <$l>; chomp @p;
		local $/ = "\0";
		open(my $a, "<", $ARGV[1]) or die; open(my $b, "<", $ARGV[2]) or die;
		my $i = 0;
		while (defined(my $x = <$a>)) { my $y = <$b>; print "# changed: $p[$i]\n" if !defined $y || $x ne $y; $i++; }
	' "$T/pages" "$T/corpus" "$T/out" | head -20
fi
ok 'clean corpus: at least 20 MB in at least 10 languages' test "$size" -ge 20000000 -a "$langs" -ge 10
ok 'clean corpus: -z kept every document' test "$(tr -cd '\0' <"$T/out" | wc -c)" -eq "$n"
done_testing
