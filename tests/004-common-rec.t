#!/bin/sh
# C unit tests of common/rec.c units (they print TAP themselves).
exec "$(dirname "$0")/../bin/test-rec"
