#!/bin/sh
# The JSON string scanner of --jsonl (common/json.c) against plain loops
# and jansson, with SSE2 where the compiler gives it (16 bytes at a time)
# (tests/unit/test-json.c; it prints TAP itself). 007 runs the 8-byte path.
exec "$(dirname "$0")/../bin/test-json"
