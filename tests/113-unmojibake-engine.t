#!/bin/sh
# C unit tests of the unmojibake engine (they print TAP themselves).
exec "$(dirname "$0")/../bin/test-unmojibake"
