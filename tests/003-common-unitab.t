#!/bin/sh
# C unit tests of common/unitab.c (they print TAP themselves).
exec "$(dirname "$0")/../bin/test-unitab"
