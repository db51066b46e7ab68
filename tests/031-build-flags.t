#!/bin/sh
# The build takes CC, CFLAGS, CPPFLAGS and LDFLAGS from the environment or
# the command line and adds what it needs after them; with none given it
# optimises and warns (-O2 -Wall). A dry run (make -n -B) shows the
# compile and link lines without building anything.
. "${0%/*}/lib.sh"
cd "$top" || bail "no tree"
command -v make >/dev/null 2>&1 || { skip 'build flags' 'no make'; done_testing; exit; }

# lines [VAR=VALUE...]: the dry-run commands for one object and one program
lines() {
	env -u CC -u CFLAGS -u CPPFLAGS -u LDFLAGS -u MAKEFLAGS -u MFLAGS "$@" \
	    make -n -B --no-print-directory common/utf8.o bin/sentsplit 2>&1 |
	    grep -E '(^| )-c -o common/utf8\.o|-o bin/sentsplit '
}

lines >"$T/def"
ok 'default: the object is compiled with -O2 -Wall' \
	grep -q -- '-O2 -Wall .*-c -o common/utf8\.o' "$T/def"
ok 'default: not with the -O1 of a POSIX make' \
	eval "! grep -q -- '-O1' '$T/def'"
ok 'default: C99 and the tree headers are added' \
	grep -q -- '-D_POSIX_C_SOURCE=200809L -I\. .*-std=c99 .*common/utf8\.o' "$T/def"

lines CFLAGS='-O0 -g3' CPPFLAGS=-DCD_TEST_FLAG LDFLAGS=-Wl,-z,now CC=gcc >"$T/env"
ok 'environment: CC is used' grep -q '^gcc ' "$T/env"
ok 'environment: CFLAGS replace the default' \
	eval "grep -q -- '-O0 -g3' '$T/env' && ! grep -q -- '-O2 -Wall' '$T/env'"
ok 'environment: CPPFLAGS reach the compile line' \
	grep -q -- '-DCD_TEST_FLAG.*-c -o common/utf8\.o' "$T/env"
ok 'environment: LDFLAGS reach the link line' \
	grep -q -- '-o bin/sentsplit .*-Wl,-z,now' "$T/env"
ok 'environment: what the build needs is still added' \
	grep -q -- '-std=c99 -fPIC -fvisibility=hidden .*-O0 -g3 .*common/utf8\.o' "$T/env"

env -u CFLAGS -u MAKEFLAGS make -n -B --no-print-directory CFLAGS=-Os \
    common/utf8.o 2>&1 | grep -- '-c -o common/utf8\.o' >"$T/cmd"
ok 'command line: CFLAGS=-Os is used' grep -q -- ' -Os ' "$T/cmd"
# Debian's hardening flags, exported as debhelper does, reach the lines
if command -v dpkg-buildflags >/dev/null 2>&1; then
	hf() { DEB_BUILD_MAINT_OPTIONS=hardening=+all dpkg-buildflags --get "$1"; }
	lines CFLAGS="$(hf CFLAGS)" CPPFLAGS="$(hf CPPFLAGS)" LDFLAGS="$(hf LDFLAGS)" >"$T/deb"
	grep -- '-c -o common/utf8\.o' "$T/deb" >"$T/deb.cc"
	grep -- '-o bin/sentsplit ' "$T/deb" >"$T/deb.ld"
	for f in $(hf CPPFLAGS) $(hf CFLAGS); do
		ok "dpkg-buildflags: $f in the compile line" grep -q -e " $f " "$T/deb.cc"
	done
	for f in $(hf LDFLAGS); do
		ok "dpkg-buildflags: $f in the link line" grep -q -e " $f " "$T/deb.ld"
	done
else
	skip 'dpkg-buildflags' 'not installed (Debian package dpkg-dev)'
fi
done_testing
