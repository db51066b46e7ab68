# copydesk - small, fast Unix filters for scraped news text
# See LICENSE file for copyright and license details.
# No .POSIX: GNU make would then preset CC=c99 and CFLAGS=-O1, and the
# CFLAGS ?= of config.mk would build without optimisation or warnings.
.SUFFIXES:
.DELETE_ON_ERROR:

include config.mk

SAN =
SANFLAGS = $(SANFLAGS_$(SAN))

BIN = \
	bin/copydesk \
	bin/quotetag \
	bin/sentsplit \
	bin/unboiler \
	bin/unmojibake

MAN = \
	cli/copydesk.1 \
	filters/quotetag.1 \
	filters/sentsplit.1 \
	filters/unboiler.1 \
	filters/unmojibake.1

HDR = \
	lib/copydesk.h \
	cli/cli.h \
	cli/each.h \
	common/diag.h \
	common/engine.h \
	common/io.h \
	common/json.h \
	common/opt.h \
	common/rec.h \
	common/relit.h \
	common/src.h \
	common/scan.h \
	common/swar.h \
	common/unitab.h \
	common/utf8.h \
	common/util.h \
	lib/chain.h

COMMON_OBJ = \
	common/diag.o \
	common/ealloc.o \
	common/io.o \
	common/json.o \
	common/mem.o \
	common/opt.o \
	common/rec.o \
	common/relit.o \
	common/src.o \
	common/unitab_cls.o \
	common/unitab_sb.o \
	common/utf8.o

# the engines: one per filter, no main (common/engine.h)
ENGINE_OBJ = \
	filters/apply.o \
	filters/apply_span.o \
	filters/quotetag.o \
	filters/quotetag_data.o \
	filters/sentsplit.o \
	filters/sentsplit_data.o \
	filters/unboiler.o \
	filters/unboiler_data.o \
	filters/unmojibake.o \
	filters/unmojibake_data.o \
	lib/chain.o \
	lib/engines.o

UNIT = \
	bin/test-buf \
	bin/test-json \
	bin/test-json-swar \
	bin/test-rec \
	bin/test-swar \
	bin/test-swar-nosse \
	bin/test-relit \
	bin/test-unitab \
	bin/test-utf8 \
	bin/test-uax29 \
	bin/test-words \
	bin/test-lib \
	bin/test-quotetag \
	bin/test-unmojibake \
	bin/rectool

DEP = Makefile config.mk .build-flags

COMPILE = $(CC) $(CD_CPPFLAGS) $(CPPFLAGS) $(PKG_CFLAGS) $(CD_CFLAGS) $(CFLAGS)
LINK = $(CC) $(CD_CFLAGS) $(CFLAGS) $(CD_LDFLAGS) $(LDFLAGS)

LIB = libcopydesk.a $(LIB_SO_$(SHARED))
LIB_SO_1 = libcopydesk.so.$(VERSION)
UNIT_SO_1 = bin/test-lib-so

all: $(BIN) $(LIB) copydesk.pc $(UNIT) $(UNIT_SO_$(SHARED))

# Objects follow the compiler flags: `make SAN=1` after `make` rebuilds.
# The tests read shared= (no shared library to test when it is empty)
# and static= (valgrind cannot follow malloc in a static program).
BUILD_FLAGS = $(COMPILE) $(LINK) $(LDLIBS)\nshared=$(SHARED)\nstatic=$(STATIC)\nuchardet=$(UCHARDET)
.build-flags: FORCE
	@printf '$(BUILD_FLAGS)\n' | cmp -s - $@ || printf '$(BUILD_FLAGS)\n' >$@
FORCE:

common/diag.o: common/diag.c $(HDR) $(DEP)
common/ealloc.o: common/ealloc.c $(HDR) $(DEP)
common/io.o: common/io.c $(HDR) $(DEP)
common/json.o: common/json.c $(HDR) $(DEP)
common/mem.o: common/mem.c $(HDR) $(DEP)
common/opt.o: common/opt.c $(HDR) $(DEP)
common/rec.o: common/rec.c $(HDR) $(DEP)
common/relit.o: common/relit.c $(HDR) $(DEP)
common/src.o: common/src.c $(HDR) $(DEP)
common/unitab_cls.o: common/unitab_cls.c $(HDR) $(DEP)
common/unitab_sb.o: common/unitab_sb.c $(HDR) $(DEP)
common/utf8.o: common/utf8.c $(HDR) $(DEP)

libcommon.a: $(COMMON_OBJ)
	rm -f $@
	ar rcs $@ $(COMMON_OBJ)

libengines.a: $(ENGINE_OBJ)
	rm -f $@
	ar rcs $@ $(ENGINE_OBJ)

filters/unmojibake.o: filters/unmojibake.c filters/unmojibake.h filters/unmojibake_data.h filters/apply.h $(HDR) $(DEP)
filters/unmojibake_data.o: filters/unmojibake_data.c filters/unmojibake_data.h $(DEP)
filters/unboiler.o: filters/unboiler.c filters/unboiler.h filters/unboiler_data.h $(HDR) $(DEP)
filters/unboiler_data.o: filters/unboiler_data.c filters/unboiler_data.h $(DEP)
filters/sentsplit.o: filters/sentsplit.c filters/sentsplit.h filters/sentsplit_data.h $(HDR) $(DEP)
filters/sentsplit_data.o: filters/sentsplit_data.c filters/sentsplit_data.h $(DEP)
filters/apply.o: filters/apply.c filters/apply.h filters/quotetag.h filters/unmojibake.h $(HDR) $(DEP)
filters/apply_span.o: filters/apply_span.c filters/apply.h $(HDR) $(DEP)
filters/quotetag.o: filters/quotetag.c filters/quotetag.h filters/quotetag_data.h filters/apply.h $(HDR) $(DEP)
filters/quotetag_data.o: filters/quotetag_data.c filters/quotetag_data.h $(DEP)
lib/chain.o: lib/chain.c $(HDR) $(DEP)
lib/engines.o: lib/engines.c $(HDR) $(DEP)

# --- the library: one object whose only global symbols are copydesk_*
# (every object is built with -fvisibility=hidden; ld -r joins them and
# objcopy makes the hidden symbols local, so that a static link meets no
# utf8_enc or json_scan of ours), and the same as a shared object
lib/copydesk.o: lib/copydesk.c lib/copydesk.h $(HDR) $(DEP)
LIB_OBJ = lib/copydesk.o $(ENGINE_OBJ) $(COMMON_OBJ)
lib/libcopydesk.o: $(LIB_OBJ)
	$(LD) -r -o $@ $(LIB_OBJ)
	$(OBJCOPY) --localize-hidden $@
libcopydesk.a: lib/libcopydesk.o
	rm -f $@
	$(AR) rcs $@ lib/libcopydesk.o
# every symbol resolved at link time; not under clang's sanitizers, whose
# runtime the program that loads the library brings
NOUNDEF = $(NOUNDEF_$(SAN))
NOUNDEF_ = -Wl,--no-undefined
libcopydesk.so.$(VERSION): $(LIB_OBJ)
	$(CC) $(CD_CFLAGS) $(CFLAGS) $(LDFLAGS) -shared -Wl,-soname,libcopydesk.so.$(SOVERSION) $(NOUNDEF) -o $@ $(LIB_OBJ) $(SO_LDLIBS)
	ln -sf $@ libcopydesk.so.$(SOVERSION)
	ln -sf $@ libcopydesk.so
copydesk.pc: copydesk.pc.in config.mk
	sed -e 's|@PREFIX@|$(PREFIX)|' -e 's|@LIBDIR@|$(LIBDIR)|' \
		-e 's|@INCLUDEDIR@|$(INCLUDEDIR)|' -e 's|@VERSION@|$(VERSION)|' \
		-e 's|@PKGS@|$(PKGS)|' copydesk.pc.in >$@

# --- the programs: one main each over its engine, and copydesk
cli/cli.o: cli/cli.c $(HDR) $(DEP)
cli/each.o: cli/each.c $(HDR) $(DEP)
cli/stdout.o: cli/stdout.c $(HDR) $(DEP)
cli/copydesk.o: cli/copydesk.c $(HDR) $(DEP)
CLI_LIBS = cli/cli.o cli/each.o cli/stdout.o libengines.a libcommon.a
bin/copydesk: cli/copydesk.o $(CLI_LIBS)
	@mkdir -p bin
	$(LINK) -o $@ cli/copydesk.o $(CLI_LIBS) $(LDLIBS)
bin/quotetag: cli/filter.c $(CLI_LIBS) $(HDR) $(DEP)
	@mkdir -p bin
	$(COMPILE) -DENGINE=quotetag_engine -o $@ cli/filter.c $(CLI_LIBS) $(CD_LDFLAGS) $(LDFLAGS) $(LDLIBS)
bin/sentsplit: cli/filter.c $(CLI_LIBS) $(HDR) $(DEP)
	@mkdir -p bin
	$(COMPILE) -DENGINE=sentsplit_engine -o $@ cli/filter.c $(CLI_LIBS) $(CD_LDFLAGS) $(LDFLAGS) $(LDLIBS)
bin/unboiler: cli/filter.c $(CLI_LIBS) $(HDR) $(DEP)
	@mkdir -p bin
	$(COMPILE) -DENGINE=unboiler_engine -o $@ cli/filter.c $(CLI_LIBS) $(CD_LDFLAGS) $(LDFLAGS) $(LDLIBS)
bin/unmojibake: cli/filter.c $(CLI_LIBS) $(HDR) $(DEP)
	@mkdir -p bin
	$(COMPILE) -DENGINE=unmojibake_engine -o $@ cli/filter.c $(CLI_LIBS) $(CD_LDFLAGS) $(LDFLAGS) $(LDLIBS)

# --- unit tests for common/ (TAP on stdout) and the record-reader probe
tests/unit/test-buf.o: tests/unit/test-buf.c tests/unit/tap.h $(HDR) $(DEP)
tests/unit/test-rec.o: tests/unit/test-rec.c tests/unit/tap.h $(HDR) $(DEP)
tests/unit/test-unitab.o: tests/unit/test-unitab.c tests/unit/tap.h $(HDR) $(DEP)
tests/unit/test-utf8.o: tests/unit/test-utf8.c tests/unit/tap.h $(HDR) $(DEP)
tests/unit/rectool.o: tests/unit/rectool.c $(HDR) $(DEP)
tests/unit/test-relit.o: tests/unit/test-relit.c tests/unit/relit-check.h tests/unit/tap.h filters/unboiler_data.h $(HDR) $(DEP)
bin/test-buf: tests/unit/test-buf.o libcommon.a
	@mkdir -p bin
	$(LINK) -o $@ tests/unit/test-buf.o libcommon.a $(LDLIBS)
bin/test-rec: tests/unit/test-rec.o libcommon.a
	@mkdir -p bin
	$(LINK) -o $@ tests/unit/test-rec.o libcommon.a $(LDLIBS)
bin/test-relit: tests/unit/test-relit.o filters/unboiler_data.o libcommon.a
	@mkdir -p bin
	$(LINK) -o $@ tests/unit/test-relit.o filters/unboiler_data.o libcommon.a $(LDLIBS)
tests/unit/test-swar.o: tests/unit/test-swar.c tests/unit/tap.h $(HDR) $(DEP)
bin/test-swar: tests/unit/test-swar.o libcommon.a
	@mkdir -p bin
	$(LINK) -o $@ tests/unit/test-swar.o libcommon.a $(LDLIBS)
# the same without SSE2: common/scan.h's 8-byte path
bin/test-swar-nosse: tests/unit/test-swar.c tests/unit/tap.h libcommon.a $(HDR) $(DEP)
	@mkdir -p bin
	$(COMPILE) -U__SSE2__ -o $@ tests/unit/test-swar.c libcommon.a $(CD_LDFLAGS) $(LDFLAGS) $(LDLIBS)
bin/test-unitab: tests/unit/test-unitab.o libcommon.a
	@mkdir -p bin
	$(LINK) -o $@ tests/unit/test-unitab.o libcommon.a $(LDLIBS)
bin/test-utf8: tests/unit/test-utf8.o libcommon.a
	@mkdir -p bin
	$(LINK) -o $@ tests/unit/test-utf8.o libcommon.a $(LDLIBS)
# UAX #29 conformance runner: sentsplit's engine through filters/sentsplit.h
bin/test-uax29: tests/data/sentsplit/uax29-test.c filters/sentsplit.h filters/sentsplit.o filters/sentsplit_data.o libcommon.a $(HDR) $(DEP)
	@mkdir -p bin
	$(COMPILE) -o $@ tests/data/sentsplit/uax29-test.c filters/sentsplit.o filters/sentsplit_data.o libcommon.a $(CD_LDFLAGS) $(LDFLAGS) $(LDLIBS)
# unboiler's word count against a plain loop: includes filters/unboiler.c
bin/test-words: tests/unit/test-words.c tests/unit/tap.h filters/unboiler.h filters/unboiler_data.h filters/unboiler.o filters/unboiler_data.o libcommon.a $(HDR) $(DEP)
	@mkdir -p bin
	$(COMPILE) -o $@ tests/unit/test-words.c filters/unboiler.o filters/unboiler_data.o libcommon.a $(CD_LDFLAGS) $(LDFLAGS) $(LDLIBS)
# common/json.c's string scanner against plain loops and jansson: includes
# json.c; built a second time without SSE2 for the 8-byte path
bin/test-json: tests/unit/test-json.c tests/unit/tap.h common/json.c libcommon.a $(HDR) $(DEP)
	@mkdir -p bin
	$(COMPILE) -o $@ tests/unit/test-json.c libcommon.a $(CD_LDFLAGS) $(LDFLAGS) $(LDLIBS)
bin/test-json-swar: tests/unit/test-json.c tests/unit/tap.h common/json.c libcommon.a $(HDR) $(DEP)
	@mkdir -p bin
	$(COMPILE) -U__SSE2__ -o $@ tests/unit/test-json.c libcommon.a $(CD_LDFLAGS) $(LDFLAGS) $(LDLIBS)
# quotetag's engine objects keep their state apart
tests/unit/test-quotetag.o: tests/unit/test-quotetag.c tests/unit/tap.h filters/quotetag.h $(HDR) $(DEP)
bin/test-quotetag: tests/unit/test-quotetag.o libengines.a libcommon.a
	@mkdir -p bin
	$(LINK) -o $@ tests/unit/test-quotetag.o libengines.a libcommon.a $(LDLIBS)
# the unmojibake engine through common/engine.h
tests/unit/test-unmojibake.o: tests/unit/test-unmojibake.c tests/unit/tap.h $(HDR) $(DEP)
bin/test-unmojibake: tests/unit/test-unmojibake.o libengines.a libcommon.a
	@mkdir -p bin
	$(LINK) -o $@ tests/unit/test-unmojibake.o libengines.a libcommon.a $(LDLIBS)
bin/rectool: tests/unit/rectool.o $(CLI_LIBS)
	@mkdir -p bin
	$(LINK) -o $@ tests/unit/rectool.o $(CLI_LIBS) $(LDLIBS)

# the library as a user links it: its header alone, statically and not
bin/test-lib: tests/unit/test-lib.c lib/copydesk.h libcopydesk.a $(DEP)
	@mkdir -p bin
	$(CC) $(CD_CFLAGS) $(CFLAGS) $(CPPFLAGS) -Ilib -o $@ tests/unit/test-lib.c libcopydesk.a $(CD_LDFLAGS) $(LDFLAGS) $(LDLIBS)
bin/test-lib-so: tests/unit/test-lib.c lib/copydesk.h libcopydesk.so.$(VERSION) $(DEP)
	@mkdir -p bin
	$(CC) $(CD_CFLAGS) $(CFLAGS) $(CPPFLAGS) -Ilib -o $@ tests/unit/test-lib.c -L. -lcopydesk -Wl,-rpath,'$$ORIGIN/..' $(LDFLAGS)

# --- fuzzing (clang's libFuzzer): make fuzz FUZZ_SECONDS=N
FUZZ_SECONDS = 60
FUZZCC = clang
FUZZFLAGS = -g -O1 -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined
COMMON_SRC = common/diag.c common/ealloc.c common/io.c common/json.c common/mem.c common/opt.c common/rec.c common/relit.c common/src.c common/unitab_cls.c common/unitab_sb.c common/utf8.c
FUZZ = \
	bin/fuzz-quotetag \
	bin/fuzz-rec \
	bin/fuzz-relit \
	bin/fuzz-sentsplit \
	bin/fuzz-unboiler \
	bin/fuzz-unmojibake \
	bin/fuzz-utf8
FUZZ_FILTER = $(FUZZCC) $(FUZZFLAGS) $(CD_CPPFLAGS) $(PKG_CFLAGS)

bin/fuzz-quotetag: tests/fuzz/fuzz-filter.c filters/quotetag.c filters/quotetag.h filters/quotetag_data.c filters/apply_span.c filters/apply.h $(COMMON_SRC) $(HDR)
	@mkdir -p bin
	$(FUZZ_FILTER) -DFILTER=quotetag -DFUZZ_quotetag -o $@ tests/fuzz/fuzz-filter.c filters/quotetag.c filters/quotetag_data.c filters/apply_span.c $(COMMON_SRC) $(LDLIBS)
bin/fuzz-sentsplit: tests/fuzz/fuzz-filter.c filters/sentsplit.c filters/sentsplit.h filters/sentsplit_data.c $(COMMON_SRC) $(HDR)
	@mkdir -p bin
	$(FUZZ_FILTER) -DFILTER=sentsplit -DFUZZ_sentsplit -o $@ tests/fuzz/fuzz-filter.c filters/sentsplit.c filters/sentsplit_data.c $(COMMON_SRC) $(LDLIBS)
bin/fuzz-unboiler: tests/fuzz/fuzz-filter.c filters/unboiler.c filters/unboiler_data.c $(COMMON_SRC) $(HDR)
	@mkdir -p bin
	$(FUZZ_FILTER) -DFILTER=unboiler -DFUZZ_unboiler -o $@ tests/fuzz/fuzz-filter.c filters/unboiler.c filters/unboiler_data.c $(COMMON_SRC) $(LDLIBS)
bin/fuzz-unmojibake: tests/fuzz/fuzz-filter.c filters/unmojibake.c filters/unmojibake_data.c filters/apply_span.c filters/apply.h $(COMMON_SRC) $(HDR)
	@mkdir -p bin
	$(FUZZ_FILTER) -DFILTER=unmojibake -DFUZZ_unmojibake -o $@ tests/fuzz/fuzz-filter.c filters/unmojibake.c filters/unmojibake_data.c filters/apply_span.c $(COMMON_SRC) $(LDLIBS)
bin/fuzz-rec: tests/fuzz/fuzz-rec.c $(COMMON_SRC) $(HDR)
	@mkdir -p bin
	$(FUZZCC) $(FUZZFLAGS) $(CD_CPPFLAGS) $(PKG_CFLAGS) -o $@ tests/fuzz/fuzz-rec.c $(COMMON_SRC) $(LDLIBS)
bin/fuzz-relit: tests/fuzz/fuzz-relit.c tests/unit/relit-check.h common/relit.c common/mem.c common/utf8.c filters/unboiler_data.c $(HDR)
	@mkdir -p bin
	$(FUZZCC) $(FUZZFLAGS) $(CD_CPPFLAGS) $(PKG_CFLAGS) -o $@ tests/fuzz/fuzz-relit.c common/relit.c common/mem.c common/utf8.c filters/unboiler_data.c $(LDLIBS)
bin/fuzz-utf8: tests/fuzz/fuzz-utf8.c common/utf8.c $(HDR)
	@mkdir -p bin
	$(FUZZCC) $(FUZZFLAGS) $(CD_CPPFLAGS) -o $@ tests/fuzz/fuzz-utf8.c common/utf8.c

fuzz:
	@scripts/deps --fuzz
	@$(MAKE) $(FUZZ)
	scripts/fuzz $(FUZZ_SECONDS) $(FUZZ)

.SUFFIXES: .c .o
.c.o:
	$(COMPILE) -c -o $@ $<

deps:
	@scripts/deps

# fully static programs (make STATIC=1 check tests them)
static:
	@$(MAKE) --no-print-directory STATIC=1 all

# the programs and tests built with musl-gcc (see MUSL in config.mk)
musl:
	@$(MAKE) --no-print-directory $(MUSL) bin/musl-lib common/glibc-chk.o
	@$(MAKE) --no-print-directory $(MUSL) all
musl-check: musl
	@$(MAKE) --no-print-directory $(MUSL) test
common/glibc-chk.o: common/glibc-chk.c $(DEP)
# the dependencies' archives alone, so that musl-gcc finds no glibc
bin/musl-lib: config.mk
	rm -rf $@ && mkdir -p $@
	d=`$(PKG_CONFIG) --variable=libdir libpcre2-8` && \
	for l in `$(PKG_CONFIG) --static --libs-only-l $(PKGS)` -lbz2; do \
		case $$l in -lc|-lm|-lpthread|-ldl|-lrt) continue ;; esac; \
		ln -sf "$$d/lib$${l#-l}.a" $@/ || exit 1; \
	done

# deps first, then the build: under make -j the two must not race
demo: deps
	@$(MAKE) --no-print-directory all
	@scripts/demo

# check installs nothing: it says what is missing (make deps installs it)
check:
	@scripts/deps --check
	@$(MAKE) --no-print-directory all
	prove -e '' tests/

# the suite alone, checking no package (for packaging builds)
test: all
	prove -e '' tests/

bench: all
	@scripts/deps --bench
	scripts/bench

# Tables are generated and committed; this rebuilds them from the pinned
# data (scripts/gen/ucd/, data/<filter>/).
gen:
	awk -v version=$(UNICODE_VERSION) -f scripts/gen/unitab.awk \
		scripts/gen/ucd/SentenceBreakProperty.txt >common/unitab_sb.c
	awk -v version=$(UNICODE_VERSION) -f scripts/gen/uclass.awk \
		scripts/gen/ucd/PropList.txt \
		scripts/gen/ucd/DerivedGeneralCategory.txt \
		scripts/gen/ucd/Scripts.txt >common/unitab_cls.c
	scripts/gen/unmojibake-data >filters/unmojibake_data.c
	scripts/gen/unboiler-data >filters/unboiler_data.c
	scripts/gen/sentsplit-data >filters/sentsplit_data.c
	scripts/gen/quotetag-data >filters/quotetag_data.c

# the hand-written sources; generated tables keep their generators' layout
format:
	clang-format -i `ls common/*.c common/*.h filters/*.c filters/*.h \
		cli/*.c cli/*.h lib/*.c lib/*.h tests/unit/*.c 2>/dev/null | \
		grep -v -e '_data\.c$$' -e 'unitab_.*\.c$$'`

install: all
	mkdir -p "$(DESTDIR)$(PREFIX)/bin"
	cp -f $(BIN) "$(DESTDIR)$(PREFIX)/bin"
	cp -f scripts/batch "$(DESTDIR)$(PREFIX)/bin/copydesk-batch"
	mkdir -p "$(DESTDIR)$(MANPREFIX)/man1" "$(DESTDIR)$(MANPREFIX)/man3"
	cp -f $(MAN) "$(DESTDIR)$(MANPREFIX)/man1"
	cp -f scripts/copydesk-batch.1 "$(DESTDIR)$(MANPREFIX)/man1"
	cp -f lib/copydesk.3 "$(DESTDIR)$(MANPREFIX)/man3"
	mkdir -p "$(DESTDIR)$(LIBDIR)" "$(DESTDIR)$(INCLUDEDIR)" \
		"$(DESTDIR)$(PKGCONFIGDIR)" "$(DESTDIR)$(PYTHONDIR)"
	cp -f libcopydesk.a libcopydesk.so.$(VERSION) "$(DESTDIR)$(LIBDIR)"
	ln -sf libcopydesk.so.$(VERSION) "$(DESTDIR)$(LIBDIR)/libcopydesk.so.$(SOVERSION)"
	ln -sf libcopydesk.so.$(VERSION) "$(DESTDIR)$(LIBDIR)/libcopydesk.so"
	cp -f lib/copydesk.h "$(DESTDIR)$(INCLUDEDIR)"
	cp -f copydesk.pc "$(DESTDIR)$(PKGCONFIGDIR)"
	cp -f python/copydesk.py "$(DESTDIR)$(PYTHONDIR)"
	mkdir -p "$(DESTDIR)$(BASHCOMPDIR)" "$(DESTDIR)$(ZSHCOMPDIR)"
	for p in $(COMPLETED); do \
		cp -f scripts/completion/copydesk.bash "$(DESTDIR)$(BASHCOMPDIR)/$$p" || exit 1; \
	done
	cp -f scripts/completion/_copydesk "$(DESTDIR)$(ZSHCOMPDIR)"

# bash loads a completion by the command's name: one copy each
COMPLETED = copydesk copydesk-batch quotetag sentsplit unboiler unmojibake

uninstall:
	for p in $(COMPLETED); do rm -f "$(DESTDIR)$(BASHCOMPDIR)/$$p"; done
	rm -f "$(DESTDIR)$(ZSHCOMPDIR)/_copydesk"
	rm -f "$(DESTDIR)$(PREFIX)/bin/quotetag" \
		"$(DESTDIR)$(PREFIX)/bin/sentsplit" \
		"$(DESTDIR)$(PREFIX)/bin/unboiler" \
		"$(DESTDIR)$(PREFIX)/bin/unmojibake" \
		"$(DESTDIR)$(PREFIX)/bin/copydesk-batch" \
		"$(DESTDIR)$(PREFIX)/bin/copydesk"
	rm -f "$(DESTDIR)$(LIBDIR)/libcopydesk.a" \
		"$(DESTDIR)$(LIBDIR)/libcopydesk.so.$(VERSION)" \
		"$(DESTDIR)$(LIBDIR)/libcopydesk.so.$(SOVERSION)" \
		"$(DESTDIR)$(LIBDIR)/libcopydesk.so" \
		"$(DESTDIR)$(INCLUDEDIR)/copydesk.h" \
		"$(DESTDIR)$(PKGCONFIGDIR)/copydesk.pc" \
		"$(DESTDIR)$(PYTHONDIR)/copydesk.py" \
		"$(DESTDIR)$(MANPREFIX)/man3/copydesk.3"
	rm -f "$(DESTDIR)$(MANPREFIX)/man1/copydesk.1" \
		"$(DESTDIR)$(MANPREFIX)/man1/copydesk-batch.1" \
		"$(DESTDIR)$(MANPREFIX)/man1/quotetag.1" \
		"$(DESTDIR)$(MANPREFIX)/man1/sentsplit.1" \
		"$(DESTDIR)$(MANPREFIX)/man1/unboiler.1" \
		"$(DESTDIR)$(MANPREFIX)/man1/unmojibake.1"

# a release tarball of the files git tracks, which builds and passes the
# tests outside git
DIST = copydesk-$(VERSION)
DISTDIR = .
dist:
	@command -v git >/dev/null 2>&1 && git rev-parse --git-dir >/dev/null 2>&1 || \
		{ echo 'make dist: needs the git checkout' >&2; exit 1; }
	rm -f $(DISTDIR)/$(DIST).tar.gz
	git ls-files -z | tar --null -T - --transform 's,^,$(DIST)/,' \
		--owner=0 --group=0 --numeric-owner --mtime='@'`git log -1 --format=%ct` \
		--sort=name -cf - | gzip -9n >$(DISTDIR)/$(DIST).tar.gz
	@echo $(DISTDIR)/$(DIST).tar.gz

clean:
	rm -rf bin libcommon.a libengines.a libcopydesk.* copydesk.pc copydesk-*.tar.gz \
		common/*.o filters/*.o lib/*.o cli/*.o tests/unit/*.o .build-flags

.PHONY: all bench check clean deps demo dist format fuzz gen install musl musl-check static test uninstall FORCE
