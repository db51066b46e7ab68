#!/bin/sh
# C unit tests of common/relit.c (they print TAP themselves), with the
# samples, unboiler's fixtures, non-ASCII starts of the multilingual
# patterns (tests/data/relit) and tests/fuzz/gen-pcre2's adversarial lines
# as the lines every unboiler pattern is checked on.
top=$(cd "$(dirname "$0")/.." && pwd)
T=$(mktemp -d "${TMPDIR:-/tmp}/relit.XXXXXX") || exit 1
trap 'rm -rf "$T"' EXIT
"$top/tests/fuzz/gen-pcre2" "$top"/data/unboiler/*.txt | cut -c1-2000 >"$T/adv"
"$top/bin/test-relit" "$top"/samples/*.txt "$top"/tests/data/unboiler/*.txt \
	"$top"/tests/data/unboiler/*.expected \
	"$top"/tests/data/relit/wide.txt "$T/adv"
