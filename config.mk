# copydesk version and build settings
# See LICENSE file for copyright and license details.
VERSION = 0.2.0
SOVERSION = 0
UNICODE_VERSION = 15.0.0

PREFIX = /usr/local
MANPREFIX = $(PREFIX)/share/man
LIBDIR = $(PREFIX)/lib
INCLUDEDIR = $(PREFIX)/include
PKGCONFIGDIR = $(LIBDIR)/pkgconfig
PYTHONDIR = $(PREFIX)/lib/python3/dist-packages
BASHCOMPDIR = $(PREFIX)/share/bash-completion/completions
ZSHCOMPDIR = $(PREFIX)/share/zsh/vendor-completions

PKG_CONFIG = pkg-config
PKGS = libpcre2-8 libutf8proc jansson zlib libzstd liblzma $(PKGS_UCHARDET_$(UCHARDET))

# unmojibake -f auto asks libuchardet which encoding a document's bytes
# that are not UTF-8 are in. UCHARDET=dl (the default): its header at build
# time, libuchardet.so.0 opened when a document first needs it, so that
# UTF-8 runs never load it nor the C++ runtime it brings; UCHARDET=1 links
# it (STATIC=1 does); UCHARDET= builds without it (then such bytes are read
# as the fallback, cp1252, as -f auto --explain says).
UCHARDET = $(UCHARDET_STATIC_$(STATIC))
UCHARDET_STATIC_ = dl
UCHARDET_STATIC_1 = 1
PKGS_UCHARDET_1 = uchardet
DEFS_UCHARDET_1 = -DHAVE_UCHARDET
DEFS_UCHARDET_dl = -DHAVE_UCHARDET -DUCHARDET_DLOPEN `$(PKG_CONFIG) --cflags uchardet`
LIBS_UCHARDET_dl = -ldl

# Yours to set, from the environment or the command line (Debian's
# dpkg-buildflags, a sanitizer, -O0 -g): the build adds what it needs.
CC ?= cc
CFLAGS ?= -O2 -Wall -Wextra -Wpedantic
CPPFLAGS ?=
LDFLAGS ?=
AR ?= ar
LD = ld
OBJCOPY = objcopy

# What the build needs, whatever the flags above say: C99, this tree's
# headers, position-independent code hidden behind the library's API.
CD_CPPFLAGS = -D_POSIX_C_SOURCE=200809L -I. $(DEFS_UCHARDET_$(UCHARDET))
CD_CFLAGS = -std=c99 -fPIC -fvisibility=hidden $(SANFLAGS)
CD_LDFLAGS = $(SANFLAGS) $(STATICFLAGS_$(STATIC))
LDLIBS = `$(PKG_CONFIG) $(PKGSTATIC_$(STATIC)) --libs $(PKGS)` -lbz2 $(LIBS_UCHARDET_$(UCHARDET)) $(PORT_LIBS)
PKG_CFLAGS = `$(PKG_CONFIG) --cflags $(PKGS)` $(PORT_CPPFLAGS)
# the shared library links the shared libraries, whatever STATIC says
SO_LDLIBS = `$(PKG_CONFIG) --libs $(PKGS)` -lbz2 $(LIBS_UCHARDET_$(UCHARDET))

# make STATIC=1 (make static): the programs linked statically, against the
# archives Debian's -dev packages ship; the shared library is still built
STATIC =
STATICFLAGS_1 = -static
PKGSTATIC_1 = --static
# SHARED= leaves the shared library out (make musl, below)
SHARED = 1

# make musl, make musl-check: built and tested with Debian's musl-gcc
# (musl-tools), a stand-in for a libc other than glibc. Only the programs
# and the static library: Debian has the dependencies as glibc archives
# only, which link into a static program but not into a shared object.
# They find their headers after musl's, their archives in bin/musl-lib,
# and the five checked calls glibc's _FORTIFY_SOURCE made them use in
# common/glibc-chk.c. Without libuchardet: a C++ library, built against
# glibc's libstdc++.
MUSL = CC=musl-gcc STATIC=1 SHARED= UCHARDET= \
	PORT_CPPFLAGS='-idirafter /usr/include -idirafter /usr/include/`gcc -print-multiarch`' \
	PORT_LIBS='-Lbin/musl-lib common/glibc-chk.o'

# make SAN=1: AddressSanitizer and UndefinedBehaviorSanitizer
SANFLAGS_1 = -O1 -g -fno-omit-frame-pointer -fsanitize=address,undefined -fno-sanitize-recover=undefined
