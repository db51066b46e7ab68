#!/bin/sh
# Every program has a man page with the house sections, groff renders it
# without a warning, and its SYNOPSIS is the program's usage line.
. "${0%/*}/lib.sh"
version=$(sed -n 's/^VERSION = //p' "$top/config.mk")

for p in unmojibake unboiler sentsplit quotetag; do
	m=$top/filters/$p.1
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
	"$p" --version >"$T/out"
	is "$p --version" "$(cat "$T/out")" "$p (copydesk) $version"
done
done_testing
