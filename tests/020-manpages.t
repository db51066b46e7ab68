#!/bin/sh
# Every program has a man page with the house sections, groff renders it
# without a warning, and its SYNOPSIS is the program's usage line; the
# library's page renders too.
. "${0%/*}/lib.sh"
version=$(sed -n 's/^VERSION = //p' "$top/config.mk")
# the batch runner as it is installed, so that it calls itself so
ln -s "$top/scripts/batch" "$T/copydesk-batch"
PATH=$T:$PATH

for p in unmojibake unboiler sentsplit quotetag copydesk copydesk-batch; do
	case $p in
	copydesk) m=$top/cli/$p.1 ;;
	copydesk-batch) m=$top/scripts/$p.1 ;;
	*) m=$top/filters/$p.1 ;;
	esac
	if [ ! -f "$m" ]; then
		fail "$p.1 exists"
		continue
	fi
	missing=""
	for s in NAME SYNOPSIS DESCRIPTION 'EXIT STATUS' EXAMPLES 'SEE ALSO'; do
		grep -q "^\.Sh $s\$" "$m" || missing="$missing [$s]"
	done
	is "$p.1 has the house sections" "$missing" ""
	if command -v groff >/dev/null 2>&1; then
		groff -k -Tutf8 -mandoc -ww -z "$m" >"$T/warn" 2>&1
		is "$p.1 renders without warnings" "$(cat "$T/warn")" ""
		syn=$(groff -k -Tutf8 -mandoc -P-cbou "$m" 2>/dev/null |
			sed -n '/^SYNOPSIS/,/^[A-Z]/p' | sed '1d;$d' |
			tr -s ' \n' '  ' | sed 's/^ *//; s/ *$//')
		use=$("$p" --help | head -n 1 | sed 's/^usage: //')
		is "$p: usage line matches the SYNOPSIS" "$syn" "$use"
	else
		skip "$p.1 renders" "groff is not installed"
		skip "$p: usage matches SYNOPSIS" "groff is not installed"
	fi
	"$p" --bogus-option </dev/null >"$T/out" 2>"$T/err"
	is "$p: unknown option exits 2" "$?" 2
	ok "$p: usage line on stderr" grep -q "^usage: $p " "$T/err"
	ok "$p: nothing on stdout for a bad option" test ! -s "$T/out"
	[ "$p" = copydesk-batch ] && continue    # a script: no --version
	"$p" --version >"$T/out"
	is "$p --version" "$(cat "$T/out")" "$p (copydesk) $version"
done
if command -v groff >/dev/null 2>&1; then
	groff -k -Tutf8 -mandoc -ww -z "$top/lib/copydesk.3" >"$T/warn" 2>&1
	is "copydesk.3 renders without warnings" "$(cat "$T/warn")" ""
	# every function of the header is in the page
	missing="" nf=0
	for f in $(sed -n 's/^COPYDESK_API [^(]*[ *]\(copydesk_[a-z_]*\)(.*/\1/p' \
		"$top/lib/copydesk.h"); do
		grep -q "^\.Fn $f " "$top/lib/copydesk.3" || missing="$missing $f"
		nf=$((nf + 1))
	done
	ok "copydesk.h: its functions were found ($nf)" test "$nf" -ge 10
	is "copydesk.3 documents every function of copydesk.h" "$missing" ""
else
	skip "copydesk.3 renders" "groff is not installed"
fi
done_testing
