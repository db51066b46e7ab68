#!/bin/sh
# C unit tests of the quotetag engine (they print TAP themselves): two
# engine objects used in turn keep their state apart.
exec "$(dirname "$0")/../bin/test-quotetag"
