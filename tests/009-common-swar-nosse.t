#!/bin/sh
# As 008, built with __SSE2__ undefined: common/scan.h's 8-byte path, the
# one every machine without SSE2 takes.
exec "$(dirname "$0")/../bin/test-swar-nosse"
