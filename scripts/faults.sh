#!/usr/bin/env bash
# The fault-injection suite (issue 8) at full load.
#
#   ./scripts/faults.sh [extra dotnet test arguments]
#
# Runs the tests of category Faults in tests/OpsBus.EndToEnd.Tests (one fault per scenario: kill -9 of a lane
# worker, the orchestrator, the notifier, the gateway, the artifacts service; a RabbitMQ restart, a PostgreSQL
# restart, the orchestrator cut from the broker for 10 s, two orchestrators at once) under a steady mixed load, and
# prints each scenario's report line at the end, e.g.
#   fault=kill-worker rate=20/s duration_s=30 runs=600 refused=0 terminal=600 ... doubles=0 stale=0 recovery_ms=...
#
# Servers: when OPSBUS_TEST_POSTGRES, OPSBUS_TEST_RABBITMQ and OPSBUS_TEST_RABBITMQ_VHOST are set (see
# scripts/test.sh, or source the file OPSBUS_TEST_ENV_OUT of a held dry run), the suite uses those; otherwise it
# runs through scripts/test.sh, which starts throwaway ones and removes them afterwards. The RabbitMQ and
# PostgreSQL restart scenarios always start private servers of their own.
#
# Environment:
#   OPSBUS_FAULTS_RATE       runs per second (default 20)
#   OPSBUS_FAULTS_DURATION   seconds of load per scenario, the fault a third of the way in (default 30)
#   OPSBUS_FAULTS_REPORT     file the report lines are appended to (default: a temporary file, removed)
set -euo pipefail

REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$REPO_ROOT"

export OPSBUS_FAULTS_RATE="${OPSBUS_FAULTS_RATE:-20}"
export OPSBUS_FAULTS_DURATION="${OPSBUS_FAULTS_DURATION:-30}"
# The requirement's timing bounds (a killed worker's runs elsewhere within the heartbeat timeout + 2 s).
export OPSBUS_FAULTS_STRICT_TIMING=1
own_report=0
if [[ -z ${OPSBUS_FAULTS_REPORT:-} ]]; then
    OPSBUS_FAULTS_REPORT="$(mktemp "${TMPDIR:-/tmp}/opsbus-faults.XXXXXXXX")"
    own_report=1
fi
export OPSBUS_FAULTS_REPORT
: > "$OPSBUS_FAULTS_REPORT"
trap '[[ $own_report == 1 ]] && rm -f "$OPSBUS_FAULTS_REPORT"' EXIT

printf '[faults.sh] %s runs/s, %s s of load per scenario\n' "$OPSBUS_FAULTS_RATE" "$OPSBUS_FAULTS_DURATION" >&2
set +e
if [[ -n ${OPSBUS_TEST_POSTGRES:-} && -n ${OPSBUS_TEST_RABBITMQ:-} && -n ${OPSBUS_TEST_RABBITMQ_VHOST:-} ]]; then
    dotnet build tests/OpsBus.EndToEnd.Tests -c Release >&2 \
        && dotnet test tests/OpsBus.EndToEnd.Tests -c Release --no-build --filter "Category=Faults" "$@" >&2
else
    ./scripts/test.sh --filter "Category=Faults" "$@" >&2
fi
rc=$?
set -e

echo "----- fault report -----"
cat "$OPSBUS_FAULTS_REPORT"
exit "$rc"
