#!/usr/bin/env bash
# Installs the Debian packages the test suite drives as real programs, when they are missing:
#   promtool (package prometheus): checks the bridge's metrics, and the shipped alert rules, as Prometheus would.
#   chromium and chromedriver (packages chromium, chromium-driver): a real, headless browser that drives the
#   operations page as an operator does (testsupport.Browser). Selenium itself comes from Maven Central; it is
#   pointed at this chromedriver and never downloads a browser or a driver of its own.
# Everything else the tests need comes from Maven Central (the embedded PostgreSQL included).
# Run by tools/test.sh before the suite; safe to run again (it installs nothing that is already there).
set -euo pipefail

# command → Debian package that provides it
needed=(
  "promtool prometheus"
  "chromium chromium"
  "chromedriver chromium-driver"
)

missing=()
for entry in "${needed[@]}"; do
  read -r command package <<<"$entry"
  command -v "$command" >/dev/null 2>&1 || missing+=("$package")
done
[ ${#missing[@]} -eq 0 ] && exit 0

if [ "$(id -u)" -eq 0 ]; then
  as_root=()
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
  as_root=(sudo -n)
else
  echo "The tests need these Debian packages: ${missing[*]}. Install them (apt-get install ${missing[*]}) or run as root." >&2
  exit 1
fi
if ! command -v apt-get >/dev/null 2>&1; then
  echo "The tests need: ${missing[*]} (Debian package names); this machine has no apt-get: install them by hand." >&2
  exit 1
fi

echo "Installing the Debian packages the tests need: ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
"${as_root[@]}" apt-get update -qq
"${as_root[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
for entry in "${needed[@]}"; do
  read -r command package <<<"$entry"
  command -v "$command" >/dev/null 2>&1 || { echo "$package was installed but $command is still not on the PATH" >&2; exit 1; }
done
