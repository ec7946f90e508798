#!/usr/bin/env bash
# The test command (README, "The two commands"; CI runs exactly this): installs the Debian packages the tests
# drive when they are missing (tools/install-test-packages.sh), then runs the whole suite. Extra arguments go
# to Maven, e.g. tools/test.sh -Dtest=ReturnFlowTest.
set -euo pipefail
cd "$(dirname "$0")/.."
tools/install-test-packages.sh
exec mvn -B -ntp verify "$@"
