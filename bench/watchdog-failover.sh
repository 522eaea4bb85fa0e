#!/usr/bin/env bash
# Measures how fast the delegate IP moves between three raftpool members, each in its own network
# namespace on a test bridge (see integration-tests/.../cluster/WatchdogFailoverBench.java), over several
# runs (default 5), and prints each run and the medians:
#   - kill -9 of the VIP holder -> the VIP accepts a TCP connection on the proxy port again (from a client
#     namespace; only another member can answer);
#   - the holder's link cut at the bridge -> the old holder's if_down_cmd and the new holder's if_up_cmd
#     (both are scripts that log `date +%s.%N`).
# Needs root and `ip netns` (iproute2). Builds this checkout's modules in the reactor; nothing is
# installed into ~/.m2. MVN_FLAGS adds Maven options (for example MVN_FLAGS=-o to stay offline).
#   bench/watchdog-failover.sh [RUNS]
set -euo pipefail
cd "$(dirname "$0")/.."
runs="${1:-5}"
if [ "$(id -u)" -ne 0 ]; then
  echo "watchdog-failover.sh: needs root (it creates network namespaces)" >&2
  exit 1
fi
log="$(mktemp -t watchdog-failover-XXXXXX.log)"
# shellcheck disable=SC2086
if mvn -B ${MVN_FLAGS:-} verify -pl integration-tests -am -Dtest=NONE -Dsurefire.failIfNoSpecifiedTests=false \
    -Dit.test=WatchdogFailoverBench -Dfailsafe.failIfNoSpecifiedTests=false -Dbench.runs="$runs" >"$log" 2>&1; then
  status=0
else
  status=$?
fi
grep -E '^(kill run [0-9]+:|cut run [0-9]+:|watchdog failover:)' "$log" || true
if [ "$status" -ne 0 ]; then
  grep -E 'AssertionError|timed out after|skipped:' "$log" | head -5 >&2 || true
  echo "watchdog-failover.sh: the benchmark failed; the whole output is in $log" >&2
  exit 1
fi
rm -f "$log"
