#!/bin/sh
# C unit tests of common/swar.h, common/scan.h and common/mem.c (they print TAP themselves).
exec "$(dirname "$0")/../bin/test-swar"
