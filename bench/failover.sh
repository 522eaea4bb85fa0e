#!/usr/bin/env bash
# Measures raftpool's failover time: from killing the primary (pg_ctl stop -m immediate) to the first
# successful write through raftpool, with health_check_period = 1, over several runs (default 5).
# Each run builds a fresh primary + 2 standbys, starts the raftpool distribution in front of them, and
# uses the failover_command of the integration tests (which promotes the first standby).
#   bench/failover.sh [RUNS]
set -euo pipefail
cd "$(dirname "$0")/.."
runs="${1:-5}"
mvn -B -q -DskipTests install
mvn -B -pl integration-tests verify -Dit.test=FailoverBench -Dbench.runs="$runs" 2>&1 \
  | grep -E '^(run [0-9]+:|failover:)' || {
    echo "failover.sh: the benchmark failed; see integration-tests/target/failsafe-reports" >&2
    exit 1
  }
