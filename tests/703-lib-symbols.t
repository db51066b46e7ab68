#!/bin/sh
# No engine keeps state of its own: no object of the engines, the common
# layer or the library holds writable data (symbols in .data or .bss;
# tables of pointers in .data.rel.ro are read-only once relocated). And
# the library shows one prefix: the shared object exports copydesk_* only,
# and the static archive defines no other global symbol.
. "${0%/*}/lib.sh"
cd "$top" || bail "no tree"
if ! command -v objdump >/dev/null 2>&1 || ! command -v nm >/dev/null 2>&1; then
	skip 'symbols' 'no objdump or nm (Debian package binutils)'
	done_testing
	exit
fi
if sanitized; then     # ASan adds writable metadata to every object
	skip 'symbols' 'an ASan build (make SAN=1)'
	done_testing
	exit
fi

for o in filters/*.o common/*.o lib/*.o; do
	[ "$o" = lib/libcopydesk.o ] && continue    # checked below as a whole
	objdump -t "$o" | awk '$0 ~ / (\.data|\.bss|\*COM\*)[ \t]/ && $NF != ".data" && $NF != ".bss"' >"$T/w"
	is "$o: no writable data" "$(cat "$T/w")" ""
done
if noshared; then
	skip 'libcopydesk.so' 'no shared library in this build (make musl)'
else
	nm -D --defined-only libcopydesk.so.* 2>/dev/null | awk 'NF == 3 { print $3 }' |
		grep -v '^copydesk_' >"$T/x"
	is 'libcopydesk.so exports copydesk_* only' "$(cat "$T/x")" ""
	ok 'libcopydesk.so exports the API' sh -c \
		"nm -D --defined-only libcopydesk.so.* | grep -q ' T copydesk_process\$'"
fi
nm -g --defined-only libcopydesk.a | awk 'NF == 3 { print $3 }' |
	grep -v '^copydesk_' >"$T/x"
is 'libcopydesk.a defines no global symbol but copydesk_*' "$(cat "$T/x")" ""
ok 'libcopydesk.a holds no writable data' sh -c \
	"! objdump -t libcopydesk.a | awk '\$0 ~ / (\\.data|\\.bss)[ \\t]/ && \$NF != \".data\" && \$NF != \".bss\"' | grep -q ."
done_testing
