# copydesk version and build settings
VERSION = 0.1.0
UNICODE_VERSION = 15.0.0

PREFIX = /usr/local
MANPREFIX = $(PREFIX)/share/man

PKG_CONFIG = pkg-config
PKGS = libpcre2-8 libutf8proc jansson zlib libzstd liblzma

CC = cc
OPT = -O2
CPPFLAGS = -D_DEFAULT_SOURCE -D_GNU_SOURCE -I.
CFLAGS = -std=c99 -Wall -Wextra -Wpedantic $(OPT) $(SANFLAGS)
LDFLAGS = $(SANFLAGS)
LDLIBS = `$(PKG_CONFIG) --libs $(PKGS)` -lbz2
PKG_CFLAGS = `$(PKG_CONFIG) --cflags $(PKGS)`

# make SAN=1: AddressSanitizer and UndefinedBehaviorSanitizer
SANFLAGS_1 = -O1 -g -fno-omit-frame-pointer -fsanitize=address,undefined -fno-sanitize-recover=undefined
