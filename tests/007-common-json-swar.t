#!/bin/sh
# As 006, built with __SSE2__ undefined: the 8-byte path every machine has.
exec "$(dirname "$0")/../bin/test-json-swar"
