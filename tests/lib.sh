# See LICENSE file for copyright and license details.
# tests/lib.sh: a small TAP library for our shell tests.
#
#   . "${0%/*}/lib.sh"
#   ok DESC CMD...             pass if CMD exits 0
#   is DESC GOT EXPECTED       pass if the strings are equal
#   check_filter DESC STATUS EXPECTED CMD...
#                              run CMD on this script's stdin; pass if it
#                              exits STATUS and prints exactly EXPECTED
#                              (a printf format: '\n', '\0' and '\ooo' work)
#   t DESC ARGS INPUT EXPECTED table case: printf INPUT | $PROG ARGS must
#                              exit 0 and print printf EXPECTED
#   skip DESC REASON, diag MSG, bail MSG, done_testing
#   write_errors CMD...        the write-error rows of the bad-input matrix
#   sanitized                  true when the programs are built with ASan
#                              (make SAN=1): peak RSS, writable data and
#                              valgrind then measure the sanitizer
#   noshared                   true when the build has no shared library
#   static_build               true when the programs are linked statically
#
# Test numbers live in a file, so ok/is/check_filter count correctly even in
# a pipeline's subshell. On a mismatch we print both sides through od -c:
# mojibake bugs are invisible otherwise.

LC_ALL=C
export LC_ALL
unset LANG LANGUAGE
top=$(cd "$(dirname "$0")/.." && pwd)
BIN=${BIN:-$top/bin}
PATH=$BIN:$PATH
export PATH
T=$(mktemp -d "${TMPDIR:-/tmp}/copydesk-test.XXXXXX") || exit 1
trap 'rm -rf "$T"' EXIT
trap 'exit 1' HUP INT TERM
echo 0 >"$T/.n"
echo 0 >"$T/.failed"

_next() {
	_n=$(($(cat "$T/.n") + 1))
	echo "$_n" >"$T/.n"
}

_fail() {
	echo $(($(cat "$T/.failed") + 1)) >"$T/.failed"
}

plan() {
	echo "1..$1"
	echo "plan" >"$T/.planned"
}

diag() {
	printf '# %s\n' "$*" | sed '2,$s/^/# /'
}

bail() {
	echo "Bail out! $*"
	exit 1
}

pass() {
	_next
	echo "ok $_n - $1"
}

fail() {
	_next
	_fail
	echo "not ok $_n - $1"
}

ok() {
	_d=$1
	shift
	if "$@"; then pass "$_d"; else fail "$_d"; fi
}

skip() {
	_next
	echo "ok $_n # skip $1: $2"
}

_showdiff() {
	echo "# not (expected):"
	od -c "$1" | sed 's/^/#   /' | head -40
	echo "# saw:"
	od -c "$2" | sed 's/^/#   /' | head -40
}

is() {
	printf '%s' "$2" >"$T/.got"
	printf '%s' "$3" >"$T/.exp"
	if cmp -s "$T/.got" "$T/.exp"; then
		pass "$1"
	else
		fail "$1"
		_showdiff "$T/.exp" "$T/.got"
	fi
}

# check_filter DESC STATUS EXPECTED CMD...   (stdin is the input)
check_filter() {
	_d=$1 _st=$2 _ex=$3
	shift 3
	"$@" >"$T/.out" 2>"$T/.err"
	_got=$?
	printf "$_ex" >"$T/.exp"
	if [ "$_got" -eq "$_st" ] && cmp -s "$T/.out" "$T/.exp"; then
		pass "$_d"
	else
		fail "$_d"
		[ "$_got" -eq "$_st" ] || echo "# exit status $_got, expected $_st"
		_showdiff "$T/.exp" "$T/.out"
		[ -s "$T/.err" ] && sed 's/^/# stderr: /' "$T/.err" | head -5
	fi
	return 0
}

# t DESC ARGS INPUT EXPECTED: one table row for $PROG
t() {
	# shellcheck disable=SC2086
	printf "$3" | check_filter "$1" 0 "$4" $PROG $2
}

# write_errors CMD...: >/dev/full, closed stdout, and a reader that quits
write_errors() {
	_in="$T/.wein"
	awk 'BEGIN { for (i = 0; i < 20000; i++)
		print "The minister said the plan would work, and it did." }' >"$_in"
	if [ -w /dev/full ]; then
		"$@" <"$_in" >/dev/full 2>"$T/.err"
		_st=$?
		if [ "$_st" -eq 1 ] && grep -q 'write error: No space left on device' "$T/.err"; then
			pass "$1: >/dev/full exits 1 with ENOSPC"
		else
			fail "$1: >/dev/full exits 1 with ENOSPC"
			diag "status $_st; stderr: $(cat "$T/.err")"
		fi
	else
		skip "$1: >/dev/full" "no writable /dev/full"
	fi
	"$@" <"$_in" >&- 2>"$T/.err"
	_st=$?
	if [ "$_st" -eq 1 ] && grep -q 'write error' "$T/.err"; then
		pass "$1: closed stdout exits 1 with a write error"
	else
		fail "$1: closed stdout exits 1 with a write error"
		diag "status $_st; stderr: $(cat "$T/.err")"
	fi
	# The reader quits at once; with SIGPIPE at its default the filter
	# dies quietly. The pipeline's status is that of ':', i.e. 0.
	_st=$( { "$@" <"$_in" 2>"$T/.err"; } | :; echo $?)
	if [ "$_st" -eq 0 ] && [ ! -s "$T/.err" ]; then
		pass "$1: | : ends quietly"
	else
		fail "$1: | : ends quietly"
		diag "stderr: $(cat "$T/.err")"
	fi
	"$@" <"$_in" 2>"$T/.err" | head -c 10 >/dev/null
	if [ ! -s "$T/.err" ]; then
		pass "$1: | head -c 10 ends quietly"
	else
		fail "$1: | head -c 10 ends quietly"
		diag "stderr: $(cat "$T/.err")"
	fi
}

# attrs_shared FILTER: where COPYDESK_DATA names the shared data, FILTER
# --attrs | copydesk apply FILTER gives FILTER's bytes on the scraped pages
# of the boilerplate sets and the paragraphs of the UD dev sets
attrs_shared() {
	if [ -z "${COPYDESK_DATA:-}" ] || [ ! -d "$COPYDESK_DATA/boilerplate" ]; then
		skip 'the shared corpora' 'COPYDESK_DATA does not name the shared data'
		return
	fi
	python3 "$top/tests/shared-corpora.py" "$COPYDESK_DATA" >"$T/shared.jsonl"
	"$BIN/$1" --jsonl <"$T/shared.jsonl" >"$T/shared.want"
	"$BIN/$1" --jsonl --attrs <"$T/shared.jsonl" |
	    "$BIN/copydesk" --jsonl apply "$1" >"$T/shared.got"
	ok "the shared corpora ($(wc -l <"$T/shared.jsonl") records): --attrs | apply" \
	    cmp -s "$T/shared.want" "$T/shared.got"
}

sanitized() {
	[ -n "${SAN:-}" ] || grep -q -a __asan_init "$BIN/unmojibake" 2>/dev/null
}

# noshared: the build left the shared library out (make musl); it says so
# in .build-flags, so that a shared library gone missing still fails
noshared() {
	grep -qx 'shared=' "$top/.build-flags" 2>/dev/null
}

# static_build: the programs are linked statically (make static, make
# musl): valgrind cannot replace their malloc, and so finds no leak
static_build() {
	grep -qx 'static=1' "$top/.build-flags" 2>/dev/null
}

done_testing() {
	[ -f "$T/.planned" ] || echo "1..$(cat "$T/.n")"
	[ "$(cat "$T/.failed")" -eq 0 ]
}
