#!/usr/bin/env bash
# The benchmark suite (issue 9): starts the distributed topology like scripts/distributed.sh (whose functions it
# uses), runs the scenarios with tests/OpsBus.LoadTest, the Hangfire peer on the same PostgreSQL server, and
# embedded mode, and ends with one result line per scenario, each target marked PASS or MISS.
#
#   ./scripts/bench.sh                                   # every scenario but the soak
#   ./scripts/bench.sh --quick                           # the same, shorter and smaller (a smoke test of the suite)
#   ./scripts/bench.sh --scenarios throughput,peer       # some of them
#   ./scripts/bench.sh --scenarios soak                  # 30 minutes at 20 runs/s in windows of 5 minutes
#   ./scripts/bench.sh --scenarios soak --soak-duration 2m   # to try it (windows of a quarter of it)
#   ./scripts/bench.sh --workers 3
#
# Scenarios: throughput (flat out, 60 s after a 60 s warm-up, priced in CPU per process and in broker messages per
# run), peer (Hangfire: the same throughput and latency workloads, its CPU per job), bus-floor (what one MassTransit
# delivery costs on this machine with nothing else on its path, and so OpsBus's messages per run alone), latency
# (paced at 100 runs/s for 60 s), cancel (100 cancels), artifacts (1 GB up and down),
# recovery (kill -9 of a worker holding running runs; it is not restarted, so it runs after the others),
# embedded (the distributed services are stopped first), soak (request → done per window, start/end/peak RSS of
# every service and the broker, message counts of the *_error and *_skipped queues before and after). The gateway's per-key rate limit is raised for the benchmark deployment through Gateway__RateLimit__*,
# and the artifact size limits through Gateway__MaxArtifactUploadBytes and Artifacts__MaxUploadBytes.
set -euo pipefail
# shellcheck source=scripts/distributed.sh
. "$(dirname "${BASH_SOURCE[0]}")/distributed.sh"

SCENARIOS=throughput,peer,bus-floor,latency,cancel,artifacts,recovery,embedded
QUICK=0
WORKERS=2
SOAK_DURATION=""
while [[ $# -gt 0 ]]; do
    case $1 in
        --scenarios) SCENARIOS=$2; shift 2 ;;
        --quick) QUICK=1; shift ;;
        --workers) WORKERS=$2; shift 2 ;;
        --soak-duration) SOAK_DURATION=$2; shift 2 ;;
        *) echo "unknown argument $1" >&2; exit 2 ;;
    esac
done
wants() { [[ ",$SCENARIOS," == *",$1,"* ]]; }

if [[ $QUICK == 1 ]]; then
    WARMUP=5s; LOAD_DURATION=25s; FLOOR_WARMUP=3s; FLOOR_DURATION=10s; PACED=20s; CANCELS=20; ARTIFACT_MB=256; RECOVERY_RUNS=4; SETTLE=20s; SOAK=2m
else
    WARMUP=60s; LOAD_DURATION=120s; FLOOR_WARMUP=15s; FLOOR_DURATION=45s; PACED=60s; CANCELS=100; ARTIFACT_MB=1024; RECOVERY_RUNS=8; SETTLE=60s; SOAK=30m
fi
SOAK=${SOAK_DURATION:-$SOAK}
# A paced load the deployment cannot keep up with leaves a backlog: wait for it rather than count it as lost.
DRAIN=10m
HEARTBEAT_TIMEOUT=10
# A lane worker runs 4 lanes × 4 runs at once; each Hangfire server gets as many workers.
SLOTS_PER_WORKER=16

init_deployment
RESULTS="$DIR/results.jsonl"
FAILED=()
start_infra
build_release

# What prices a throughput window: every process's CPU (pids/NAME.pid, PostgreSQL's, the load tool's) and the broker's counters.
COST_METER=(--pids "$DIR/pids" --rabbitmq-env "$(dirname "$OPSBUS_TEST_RABBITMQ_VHOST")/rabbitmq/env.sh")
load_tool() { env ${LOAD_TOOL_ENV[@]+"${LOAD_TOOL_ENV[@]}"} dotnet "$REPO_ROOT/tests/OpsBus.LoadTest/bin/Release/net10.0/OpsBus.LoadTest.dll" --results "$RESULTS" "$@"; }
against_opsbus() { load_tool --url "$GATEWAY_URL" --key "$ADMIN_KEY" "$@"; }
scenario() {
    local name=$1; shift
    log "scenario $name"
    local rc=0
    "$@" || rc=$?
    if [[ $rc != 0 ]]; then log "scenario $name failed (exit $rc)"; FAILED+=("$name"); fi
}

GATEWAY_ENV=(Gateway__RateLimit__TokenLimit=1000000 Gateway__RateLimit__TokensPerPeriod=1000000
    Gateway__MaxArtifactUploadBytes=$((4 * 1024 * 1024 * 1024)))
ARTIFACTS_ENV=(Artifacts__MaxUploadBytes=$((4 * 1024 * 1024 * 1024)))
if [[ $SCENARIOS != embedded ]]; then
    start_services "$WORKERS"
fi
if wants peer; then
    create_database hangfire_bench
fi
# Hangfire runs in the load tool's process: it tiers up as the OpsBus services do (TIERING_ENV, distributed.sh).
peer() {
    local LOAD_TOOL_ENV=("${TIERING_ENV[@]}")
    load_tool --postgres "$PG;Database=hangfire_bench" --servers "$WORKERS" --worker-count "$SLOTS_PER_WORKER" "$@"
}

if wants throughput; then
    scenario throughput against_opsbus --scenario throughput --journals "$DIR/journals" --warmup "$WARMUP" --duration "$LOAD_DURATION" "${COST_METER[@]}"
fi
if wants peer; then
    scenario peer-throughput peer --scenario hangfire-throughput --warmup "$WARMUP" --duration "$LOAD_DURATION" "${COST_METER[@]}"
fi
if wants bus-floor; then
    "$OPSBUS_TEST_RABBITMQ_VHOST" bench_floor >/dev/null
    scenario bus-floor load_tool --scenario bus-floor --bus "${OPSBUS_TEST_RABBITMQ%/}/bench_floor" --warmup "$FLOOR_WARMUP" --duration "$FLOOR_DURATION" --pids "$DIR/pids"
fi
if wants latency; then
    scenario latency against_opsbus --scenario latency --journals "$DIR/journals" --rate 100 --duration "$PACED" --drain "$DRAIN"
fi
if wants peer; then
    scenario peer-latency peer --scenario hangfire-latency --rate 100 --duration "$PACED" --drain "$DRAIN"
fi
if wants cancel; then
    scenario cancel against_opsbus --scenario cancel --cancels "$CANCELS"
fi
if wants artifacts; then
    scenario artifacts against_opsbus --scenario artifacts --size-mb "$ARTIFACT_MB" --pid "$(cat "$DIR/pids/artifacts.pid")"
fi
if wants soak; then
    scenario soak run_load --results "$RESULTS" --scenario soak --rate 20 --duration "$SOAK" --drain "$DRAIN" \
        > >(tee "$DIR/soak.txt") 2>&1
fi
if wants recovery; then
    scenario recovery against_opsbus --scenario recovery --pids "$DIR/pids" --runs "$RECOVERY_RUNS" --heartbeat-timeout "$HEARTBEAT_TIMEOUT"
fi

embedded() {
    for pid in "${PIDS[@]}"; do stop_process "$pid"; done
    local port key started
    port=$(free_port)
    key="opsbus_bench_$(head -c 24 /dev/urandom | base64 | tr -d '/+=')"
    mkdir -p "$DIR/embedded"
    started=$(date +%s%3N)
    start_process embedded services/Gateway/OpsBus.Gateway.Host "$port" OPSBUS_DATA_DIR="$DIR/embedded" OPSBUS_BOOTSTRAP_ADMIN_KEY="$key"
    local rc=0
    load_tool --scenario embedded --url "http://127.0.0.1:$port" --key "$key" --pid "$LAST_PID" --started-at-ms "$started" --settle "$SETTLE" || rc=$?
    stop_process "$LAST_PID"
    return $rc
}
if wants embedded; then
    scenario embedded embedded
fi

echo
echo "== OpsBus benchmark, $(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores, $WORKERS lane workers$([[ $QUICK == 1 ]] && echo ', --quick') =="
[[ -s $RESULTS ]] && load_tool --scenario report
# The soak's lines per window, per service (memory) and for the dead-letter queues.
[[ -s $DIR/soak.txt ]] && grep -E '^  (window|memory) |^error/skipped|^  [^ ]+_(error|skipped): ' "$DIR/soak.txt"
if [[ ${#FAILED[@]} -gt 0 ]]; then
    echo "failed scenarios: ${FAILED[*]} (logs in $DIR/logs)"
    exit 1
fi
