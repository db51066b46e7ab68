#!/bin/sh
# C unit tests of common/utf8.c (they print TAP themselves).
exec "$(dirname "$0")/../bin/test-utf8"
