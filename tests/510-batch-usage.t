#!/bin/sh
# scripts/batch: usage errors exit 2 and create nothing; -h; a parallel
# that is not GNU parallel is refused.
. "${0%/*}/lib.sh"
B=$top/scripts/batch

mkdir -p "$T/in" "$T/in/inner" "$T/out"
printf '{"text":"a"}\n' >"$T/in/x.jsonl"

# usage ST DESC ARGS...: exit status ST, the usage line (or a message) on
# stderr, nothing on stdout
usage() {
	_st=$1 _d=$2
	shift 2
	"$B" "$@" >"$T/.out" 2>"$T/.err"
	_got=$?
	if [ "$_got" -eq "$_st" ] && [ ! -s "$T/.out" ] && [ -s "$T/.err" ]; then
		pass "$_d"
	else
		fail "$_d"
		diag "exit $_got (expected $_st); stdout: $(cat "$T/.out"); stderr: $(cat "$T/.err")"
	fi
}

usage 2 'no operands' 
ok 'no operands: the usage line' grep -q '^usage: batch \[-hP\] \[-j jobs\] \[-S sshloginfile\] \[-p pipeline\] \[--bar\] \[--eta\] input_dir output_dir$' "$T/.err"
usage 2 'one operand' "$T/in"
usage 2 'three operands' "$T/in" "$T/out" "$T/more"
usage 2 'unknown option' -x "$T/in" "$T/out"
usage 2 '-j without its argument' "$T/in" "$T/out" -j
usage 2 '-j 0' -j 0 "$T/in" "$T/out"
usage 2 '-j not a number' -j two "$T/in" "$T/out"
usage 2 '-j negative' -j -1 "$T/in" "$T/out"
usage 2 'empty pipeline' -p '' "$T/in" "$T/out"
usage 2 'blank pipeline' -p '  ' "$T/in" "$T/out"
usage 2 'pipeline with a syntax error' -p 'tr a b |' "$T/in" "$T/out"
ok 'syntax error: the pipeline is named' grep -q "not a valid bash pipeline: tr a b |" "$T/.err"
usage 2 'unreadable sshloginfile' -S "$T/nonexistent" "$T/in" "$T/out"
printf 'localhost\n' >"$T/slf"
usage 2 '-P with -S' -P -S "$T/slf" "$T/in" "$T/out"
ok '-P with -S: says why' grep -q 'does not go with -S' "$T/.err"
usage 2 'input_dir missing' "$T/nonexistent" "$T/out"
usage 2 'input_dir is a file' "$T/in/x.jsonl" "$T/out"
usage 2 'output_dir is input_dir' "$T/in" "$T/in"
usage 2 'output_dir inside input_dir' "$T/in" "$T/in/new"
ok 'output_dir inside input_dir: not created' test ! -e "$T/in/new"
usage 2 'output_dir inside input_dir, existing' "$T/in" "$T/in/inner"
usage 2 'input_dir inside output_dir' "$T/in/inner" "$T/in"
usage 2 'same directory by another path' "$T/in" "$T/in/inner/.."
ok 'usage errors leave no state behind' test ! -e "$T/out/.batch" -a ! -e "$T/in/.batch"

"$B" -h >"$T/.out" 2>"$T/.err"
is '-h exits 0' "$?" 0
ok '-h prints the usage line on stdout' grep -q '^usage: batch ' "$T/.out"
ok '-h names the default pipeline' grep -q 'unmojibake --jsonl | unboiler --jsonl' "$T/.out"
is '-h: nothing on stderr' "$(cat "$T/.err")" ''

# moreutils' parallel (Debian diverts it to parallel.moreutils) is not it
printf '#!/bin/sh\necho "parallel: invalid option -- -" >&2\nexit 1\n' >"$T/fakepar"
chmod +x "$T/fakepar"
COPYDESK_PARALLEL=$T/fakepar "$B" -p cat "$T/in" "$T/out" >/dev/null 2>"$T/.err"
is 'not GNU parallel: exit 1' "$?" 1
ok 'not GNU parallel: says so' grep -q 'is not GNU parallel' "$T/.err"
ok 'not GNU parallel: nothing written' test ! -e "$T/out/x.jsonl"

done_testing
