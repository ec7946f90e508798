#!/usr/bin/env bash
# Regenerates docs/images/route-diagram-<route>.png: Hawtio's Camel route diagrams of the return flow,
# as an operator sees them, from a bridge this script starts in sandbox mode and stops again.
#
#   tools/capture-route-diagrams.sh                      # reveni-poll, return, return-line
#   tools/capture-route-diagrams.sh restock hold         # other routes
#   CAPTURE_PACKAGE=always tools/capture-route-diagrams.sh   # rebuild the jar first
#
# Needs Java 17, Maven (only to build the jar), and Debian's chromium, chromium-driver and python3-selenium
# (apt-get install chromium chromium-driver python3-selenium). Not part of the test suite.
#
# Settings (environment): CAPTURE_PACKAGE = auto (default: build the jar when it is missing or older than
# pom.xml or src/main), always, never; CAPTURE_ZOOM (1.5: React Flow's zoom, 0.5 to 2); CAPTURE_OUT_DIR
# (docs/images); CAPTURE_TIMEOUT (seconds for any one wait, 120).
set -euo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
jar="$repo/target/reveni-sitoo-bridge.jar"
out_dir=${CAPTURE_OUT_DIR:-$repo/docs/images}
zoom=${CAPTURE_ZOOM:-1.5}
timeout=${CAPTURE_TIMEOUT:-120}
package=${CAPTURE_PACKAGE:-auto}
routes=("$@")
[[ ${#routes[@]} -gt 0 ]] || routes=(reveni-poll return return-line)

fail() { echo "capture-route-diagrams: $*" >&2; exit 1; }

for tool in java curl /usr/bin/python3 /usr/bin/chromium /usr/bin/chromedriver; do
    command -v "$tool" >/dev/null || fail "$tool is missing (apt-get install chromium chromium-driver python3-selenium)"
done
# Debian's python3-selenium lives in the system interpreter, not in a pyenv or virtualenv one.
/usr/bin/python3 -c 'import selenium' 2>/dev/null || fail "python3-selenium is missing (apt-get install python3-selenium)"

case "$package" in
    always) build=yes ;;
    never) build=no; [[ -f "$jar" ]] || fail "$jar is missing and CAPTURE_PACKAGE=never" ;;
    auto) build=no
          if [[ ! -f "$jar" ]] || [[ -n "$(find "$repo/pom.xml" "$repo/src/main" -newer "$jar" -print -quit)" ]]; then
              build=yes
          fi ;;
    *) fail "CAPTURE_PACKAGE must be auto, always or never, not '$package'" ;;
esac
if [[ $build == yes ]]; then
    echo "Packaging the bridge (mvn package, tests skipped)..."
    (cd "$repo" && mvn -B -ntp -q package -DskipTests -Dpostgresql.skip)
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/route-diagrams.XXXXXX")
bridge_pid=""
stop_bridge() {
    if [[ -n $bridge_pid ]] && kill -0 "$bridge_pid" 2>/dev/null; then
        kill -TERM "$bridge_pid" 2>/dev/null || true
        for _ in $(seq 1 60); do kill -0 "$bridge_pid" 2>/dev/null || break; sleep 0.5; done
        kill -KILL "$bridge_pid" 2>/dev/null || true
        wait "$bridge_pid" 2>/dev/null || true
    fi
    rm -rf "$work"
}
on_exit() {
    local status=$?
    if (( status != 0 )) && [[ -s $work/bridge.log ]]; then
        echo "capture-route-diagrams: the bridge's last log lines:" >&2
        tail -n 15 "$work/bridge.log" >&2
    fi
    stop_bridge
}
trap on_exit EXIT
trap 'exit 130' INT TERM

free_port() { /usr/bin/python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
port=$(free_port)
base_url="http://127.0.0.1:$port"

# A throw-away operator account, in this process's environment only (never in a file, never on a command
# line). Vendor variables a developer may have exported would make sandbox mode refuse to start: drop them.
export BRIDGE_ADMIN_USERNAME=diagrams
BRIDGE_ADMIN_PASSWORD=$(head -c 32 /dev/urandom | base64 | tr -dc 'A-Za-z0-9' | head -c 24)
export BRIDGE_ADMIN_PASSWORD
echo "Starting the bridge in sandbox mode on $base_url (log: $work/bridge.log)..."
(cd "$work" && exec env -u REVENI_BASE_URL -u REVENI_API_KEY -u REVENI_STORE_ID -u SITOO_BASE_URL \
    -u SITOO_API_ID -u SITOO_API_PASSWORD -u SITOO_SITE_ID -u SPRING_DATASOURCE_URL \
    BRIDGE_MODE=sandbox SERVER_PORT="$port" BRIDGE_SANDBOX_PORT=0 BRIDGE_MAPPINGS_DIR="$repo/mappings" \
    java -jar "$jar" >"$work/bridge.log" 2>&1) &
bridge_pid=$!

started=$SECONDS
until curl -fsS "$base_url/actuator/health/readiness" 2>/dev/null | grep -q '"UP"'; do
    kill -0 "$bridge_pid" 2>/dev/null || fail "the bridge stopped during start-up"
    (( SECONDS - started < timeout )) || fail "the bridge was not ready within ${timeout}s"
    sleep 1
done
echo "Bridge ready after $((SECONDS - started))s; drawing ${routes[*]}..."

/usr/bin/python3 "$repo/tools/route_diagrams.py" --base-url "$base_url" --out-dir "$out_dir" \
    --zoom "$zoom" --timeout "$timeout" "${routes[@]}"
echo "Done in $((SECONDS))s."
