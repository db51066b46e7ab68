# See LICENSE file for copyright and license details.
# tests/fuzz/props.sh: the promises every filter keeps (ARCHITECTURE.md,
# "Contracts"), as shell functions for tests/6NN-*.t; source it after
# tests/lib.sh. Each prop_* takes a filter, an input file and a label, runs
# the filter and prints nothing and returns 0 when the property holds, or
# prints one diagnostic line and returns 1.
#
#   prop_idem PROG FILE      PROG(PROG(x)) == PROG(x), both exit 0
#   prop_ws FILE             sentsplit changes only whitespace
#   prop_untag FILE          quotetag -u of quotetag's output is its input
#                            (for input without tags of its own)
#   prop_lines FILE          unboiler's output lines are a subsequence of
#                            its input lines
#   prop_same PROG FILE      PROG leaves FILE byte for byte unchanged
# and out_ws, out_untag, out_lines IN OUT: the same checks on an output
# already made.

# _run PROG FILE OUT [ARGS]: status in $_st
_run() {
	_p=$1 _f=$2 _o=$3
	shift 3
	"$_p" "$@" <"$_f" >"$_o" 2>"$T/.perr"
	_st=$?
}

_say() {
	printf '%s\n' "$*"
	return 1
}

prop_idem() {
	_run "$1" "$2" "$T/.p1"
	[ "$_st" -eq 0 ] || _say "$1 ${2##*/}: exit $_st: $(head -c 200 "$T/.perr")" || return 1
	_run "$1" "$T/.p1" "$T/.p2"
	[ "$_st" -eq 0 ] || _say "$1 ${2##*/}: second run exit $_st" || return 1
	cmp -s "$T/.p1" "$T/.p2" ||
		_say "$1 ${2##*/}: not idempotent: $(cmp "$T/.p1" "$T/.p2" 2>&1 | head -1)"
}

prop_ws() {
	_run sentsplit "$1" "$T/.p1"
	[ "$_st" -eq 0 ] || _say "sentsplit ${1##*/}: exit $_st" || return 1
	out_ws "$1" "$T/.p1"
}

# out_ws IN OUT: OUT differs from IN only in whitespace
out_ws() {
	tr -d ' \t\n\v\f\r' <"$1" >"$T/.pa"
	tr -d ' \t\n\v\f\r' <"$2" >"$T/.pb"
	cmp -s "$T/.pa" "$T/.pb" ||
		_say "sentsplit ${1##*/}: changed more than whitespace: $(cmp "$T/.pa" "$T/.pb" 2>&1 | head -1)"
}

prop_untag() {
	if grep -q -a -e '<q' -e '</q>' "$1"; then
		return 0        # tags of its own: taken as earlier output
	fi
	_run quotetag "$1" "$T/.p1"
	[ "$_st" -eq 0 ] || _say "quotetag ${1##*/}: exit $_st" || return 1
	out_untag "$1" "$T/.p1"
}

# out_untag IN OUT: OUT without its tags is IN
out_untag() {
	_run quotetag "$2" "$T/.p2" -u
	[ "$_st" -eq 0 ] || _say "quotetag -u ${1##*/}: exit $_st" || return 1
	cmp -s "$1" "$T/.p2" ||
		_say "quotetag ${1##*/}: untagged output differs from input: $(cmp "$1" "$T/.p2" 2>&1 | head -1)" ||
		return 1
	# and without quotetag's own -u: strip the tags with perl
	perl -0777 -pe 's{<q [^>]*>|</q>}{}g' "$2" >"$T/.p3"
	cmp -s "$1" "$T/.p3" ||
		_say "quotetag ${1##*/}: output minus <q ...>/</q> differs from input"
}

prop_lines() {
	_run unboiler "$1" "$T/.p1"
	[ "$_st" -eq 0 ] || _say "unboiler ${1##*/}: exit $_st" || return 1
	out_lines "$1" "$T/.p1"
}

# out_lines IN OUT [z]: the lines of OUT are a subsequence of the lines of
# IN (the last output line may lack the newline its input line had); with
# z, document by document, documents ending with NUL
out_lines() {
	perl -e 'sub rd { open my $h, "<:raw", $_[0] or die; local $/; my $t = <$h>;
			return defined $t ? $t : "" }
		my ($in, $out) = (rd($ARGV[0]), rd($ARGV[1]));
		my @di = $ARGV[2] ? split(/\0/, $in, -1) : ($in);
		my @do = $ARGV[2] ? split(/\0/, $out, -1) : ($out);
		exit 2 if @di != @do;
		for my $d (0 .. $#di) {
			my @in = $di[$d] =~ /[^\n]*\n|[^\n]+\z/g;
			my @out = $do[$d] =~ /[^\n]*\n|[^\n]+\z/g;
			my $k = 0;
			for my $o (0 .. $#out) {
				my $l = $out[$o];
				my $last = $o == $#out && $l !~ /\n\z/;
				$k++ while $k < @in && $in[$k] ne $l &&
				    !($last && $in[$k] eq "$l\n");
				exit 1 if $k >= @in;
				$k++;
			}
		}' "$1" "$2" "${3:+1}" ||
		_say "unboiler ${1##*/}: output is not a subsequence of the input lines"
}

prop_same() {
	_run "$1" "$2" "$T/.p1"
	[ "$_st" -eq 0 ] || _say "$1 ${2##*/}: exit $_st" || return 1
	cmp -s "$2" "$T/.p1" ||
		_say "$1 ${2##*/}: changed clean text: $(cmp "$2" "$T/.p1" 2>&1 | head -1)"
}
