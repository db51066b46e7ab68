#!/bin/sh
# C unit tests of common/buf.c (they print TAP themselves).
exec "$(dirname "$0")/../bin/test-buf"
