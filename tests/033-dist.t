#!/bin/sh
# make dist: a tarball of exactly the files git tracks, under one
# directory, that builds and passes tests outside git. The build is done
# in the plain build's run only (not again under the sanitizers or in the
# static and musl builds).
. "${0%/*}/lib.sh"
cd "$top" || bail "no tree"
if ! command -v git >/dev/null 2>&1 || ! git rev-parse --git-dir >/dev/null 2>&1; then
	skip 'make dist' 'not a git checkout'
	done_testing
	exit
fi
v=$(sed -n 's/^VERSION = //p' config.mk)
env -u MAKEFLAGS -u MFLAGS make -s --no-print-directory dist DISTDIR="$T" >"$T/out" 2>"$T/err"
is 'make dist: exit 0' "$?" 0
is 'make dist: names the tarball' "$(cat "$T/out")" "$T/copydesk-$v.tar.gz"
tar -tzf "$T/copydesk-$v.tar.gz" | grep -v '/$' | sort >"$T/list"
git ls-files | sed "s,^,copydesk-$v/," | sort >"$T/want"
ok 'make dist: the files git tracks, under copydesk-VERSION/' cmp -s "$T/want" "$T/list"
ok 'make dist: no .git' sh -c "! grep -q '/\\.git/' '$T/list'"

if sanitized || static_build || noshared; then
	skip 'the tarball builds and tests' 'done in the plain build'
	done_testing
	exit
fi
mkdir "$T/x" && tar -xzf "$T/copydesk-$v.tar.gz" -C "$T/x"
d=$T/x/copydesk-$v
(cd "$d" && env -u MAKEFLAGS -u MFLAGS make -j2 -s all) >"$T/build" 2>&1
is 'the tarball builds outside git' "$?" 0
[ -x "$d/bin/unboiler" ] || diag "$(tail -5 "$T/build")"
(cd "$d" && env -u BIN prove tests/032-empty-env.t tests/200-unboiler-basic.t tests/700-lib.t) >"$T/prove" 2>&1
is 'its tests pass there' "$?" 0
ok 'the tests ran there' grep -q '^Result: PASS' "$T/prove"
done_testing
