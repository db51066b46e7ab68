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

PKG_CONFIG = pkg-config
PKGS = libpcre2-8 libutf8proc jansson zlib libzstd liblzma

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
CD_CPPFLAGS = -D_POSIX_C_SOURCE=200809L -I.
CD_CFLAGS = -std=c99 -fPIC -fvisibility=hidden $(SANFLAGS)
CD_LDFLAGS = $(SANFLAGS)
LDLIBS = `$(PKG_CONFIG) --libs $(PKGS)` -lbz2
PKG_CFLAGS = `$(PKG_CONFIG) --cflags $(PKGS)`

# make SAN=1: AddressSanitizer and UndefinedBehaviorSanitizer
SANFLAGS_1 = -O1 -g -fno-omit-frame-pointer -fsanitize=address,undefined -fno-sanitize-recover=undefined
