#!/usr/bin/env bash
# Distributed mode on this machine, without Docker: the same topology as compose/docker-compose.yml with
# RabbitMQ and PostgreSQL from the machine's packages (started by scripts/test.sh's infrastructure part) and
# every service as its own process, all on 127.0.0.1.
#
#   ./scripts/distributed.sh                      # start, print the gateway URL and admin key, run until Ctrl-C
#   ./scripts/distributed.sh --workers 3
#   ./scripts/distributed.sh --load --runs 3000   # start, run the load tool with the given arguments, stop
#   ./scripts/distributed.sh --load --duration 30m --rate 20 --window 5m   # the soak
#
# With --load, every service's memory (start, end and peak RSS) and the message counts of the `*_error` and
# `*_skipped` queues before and after are printed too. Logs, pid files and worker execution journals go to a
# temporary directory printed at start.
#
# Sourced (scripts/bench.sh does), it only defines the functions below; the caller sets `set -euo pipefail`.
# Extra environment for the services: the arrays ORCHESTRATOR_ENV, NOTIFIER_ENV, ARTIFACTS_ENV, WORKER_ENV and
# GATEWAY_ENV (NAME=value entries), set before start_services.

REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
RABBITMQ_VHOST_NAME=opsbus

log() { printf '[%s] %s\n' "$(basename "$0")" "$*" >&2; }
# free_port: a loopback port free now and not handed out before in this deployment ($DIR/ports), taken from
# 20000-32767 like scripts/test.sh's: below the kernel's ephemeral range (32768-60999), so no outgoing connection
# (to the broker, the database, a service) takes it between this choice and the service's bind.
free_port() {
    python3 - "${DIR:?init_deployment first}/ports" <<'PY'
import random, socket, sys
path = sys.argv[1]
try:
    used = set(open(path).read().split())
except FileNotFoundError:
    used = set()
for _ in range(500):
    port = random.randint(20000, 32767)
    if str(port) in used:
        continue
    with socket.socket() as s:
        try:
            s.bind(("127.0.0.1", port))
        except OSError:
            continue
    with open(path, "a") as f:
        f.write(f"{port}\n")
    print(port)
    break
else:
    sys.exit("no free TCP port found in 20000-32767")
PY
}

# The working directory of one deployment: logs, pids (NAME.pid per service), journals, artifacts.
init_deployment() {
    DIR="$(mktemp -d /tmp/opsbus-distributed.XXXXXXXX)"
    mkdir -p "$DIR/logs" "$DIR/journals" "$DIR/pids"
    PIDS=()
    INFRA_PID=""
    trap stop_deployment EXIT INT TERM
}

# Waits for a process to end: zombies are reaped slowly here, so state Z counts as ended.
wait_exited() {
    local pid=$1 state
    for _ in $(seq 1 100); do
        state="$(awk '{print $3}' "/proc/$pid/stat" 2>/dev/null || true)"
        [[ -z $state || $state == Z ]] && return 0
        sleep 0.1
    done
    return 1
}

stop_process() {
    local pid=$1
    kill -TERM "$pid" 2>/dev/null || return 0
    wait_exited "$pid" || kill -KILL "$pid" 2>/dev/null || true
}

stop_deployment() {
    for pid in "${PIDS[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
    for pid in "${PIDS[@]}"; do wait_exited "$pid" || kill -KILL "$pid" 2>/dev/null || true; done
    [[ -n $INFRA_PID ]] && kill -TERM "$INFRA_PID" 2>/dev/null && wait "$INFRA_PID" 2>/dev/null || true
    log "stopped; logs kept in $DIR/logs"
}

wait_ready() {
    local name=$1 url=$2 deadline=$(( $(date +%s) + 120 ))
    until curl -fsS "$url/health/ready" >/dev/null 2>&1; do
        (( $(date +%s) < deadline )) || { log "$name not ready; last log lines:"; tail -n 30 "$DIR/logs/$name.log" >&2; exit 1; }
        sleep 0.3
    done
    log "$name ready at $url"
}

# RabbitMQ and PostgreSQL from scripts/test.sh's dry run, held until stop_deployment: sets PG and BUS.
start_infra() {
    log "starting RabbitMQ and PostgreSQL"
    OPSBUS_TEST_PG_FSYNC=on OPSBUS_TEST_DRY_RUN=1 OPSBUS_TEST_DRY_RUN_HOLD=86400 OPSBUS_TEST_ENV_OUT="$DIR/infra.env" \
        bash "$REPO_ROOT/scripts/test.sh" >"$DIR/logs/infra.log" 2>&1 &
    INFRA_PID=$!
    for _ in $(seq 1 240); do [[ -s $DIR/infra.env ]] && break; sleep 0.5; done
    [[ -s $DIR/infra.env ]] || { tail -n 30 "$DIR/logs/infra.log" >&2; exit 1; }
    # shellcheck disable=SC1091
    . "$DIR/infra.env"
    PG="$OPSBUS_TEST_POSTGRES"
    for db in opsbus opsbus_gateway opsbus_artifacts; do create_database "$db"; done
    "$OPSBUS_TEST_RABBITMQ_VHOST" "$RABBITMQ_VHOST_NAME" >/dev/null
    BUS="${OPSBUS_TEST_RABBITMQ%/}/$RABBITMQ_VHOST_NAME"
    # The broker's memory is watched with the services'.
    cp "$(dirname "$OPSBUS_TEST_RABBITMQ_VHOST")/rabbitmq/rabbitmq.pid" "$DIR/pids/rabbitmq.pid" 2>/dev/null || true
}

create_database() {
    local port
    port="$(sed -E 's/.*Port=([0-9]+).*/\1/' <<<"$PG")"
    /usr/lib/postgresql/15/bin/psql -X -q -h 127.0.0.1 -p "$port" -U postgres -d postgres -c "CREATE DATABASE $1" >/dev/null
}

# What the images set (compose/Dockerfile.*): the JIT starts counting calls for tier-1 at once instead of after 100 ms
# without new tier-0 code, a pause a busy service under load keeps putting off. Measured, 200 s flat out on 2 cores:
# 86.5 and 76.9 runs/s against 77.4 and 66.4 without, the orchestrator warm after about 50 s instead of 80.
TIERING_ENV=(DOTNET_TC_CallCountingDelayMs=0)

build_release() {
    log "building (Release)"
    dotnet build "$REPO_ROOT/OpsBus.sln" -c Release -v q -nologo >"$DIR/logs/build.log" 2>&1 \
        || { tail -n 30 "$DIR/logs/build.log" >&2; exit 1; }
}

# start_process NAME PROJECT_DIR PORT [NAME=value ...]: runs the project's Release build from its output folder (so
# that its appsettings.json applies), logs to logs/NAME.log, records pids/NAME.pid; sets LAST_PID.
start_process() {
    local name=$1 project=$2 port=$3; shift 3
    (cd "$REPO_ROOT/$project/bin/Release/net10.0" && exec env Urls="http://127.0.0.1:$port" \
        DOTNET_ENVIRONMENT=Production ASPNETCORE_ENVIRONMENT=Production "$@" \
        dotnet "$(basename "$project").dll") >"$DIR/logs/$name.log" 2>&1 &
    LAST_PID=$!
    PIDS+=("$LAST_PID")
    echo "$LAST_PID" >"$DIR/pids/$name.pid"
}

# A service of the distributed topology: start_process on the shared bus and internal secret, tiering up at once as in
# the images (see TIERING_ENV).
start_service() {
    local name=$1 project=$2 port=$3; shift 3
    start_process "$name" "$project" "$port" "${TIERING_ENV[@]}" Bus__Transport=RabbitMq Bus__RabbitMqHost="$BUS" OpsBus__InternalSecret="$SECRET" "$@"
}

start_worker() {
    local i=$1
    start_service "worker-$i" services/LaneWorker/OpsBus.LaneWorker.Host "$(free_port)" \
        LaneWorker__WorkerId="worker-$i" LaneWorker__ExecutionJournalPath="$DIR/journals/worker-$i.jsonl" Secrets__Key="$SECRETS_KEY" \
        LaneWorker__ArtifactsAddress="http://127.0.0.1:$ARTIFACTS_PORT" ${WORKER_ENV[@]+"${WORKER_ENV[@]}"}
}

# start_services WORKERS: orchestrator, notifier, artifacts, WORKERS lane workers and the gateway; sets GATEWAY_URL,
# ADMIN_KEY and writes opsbus.env.
start_services() {
    local workers=$1
    SECRET="$(head -c 32 /dev/urandom | base64 | tr -d '/+=')"
    SECRETS_KEY="$(head -c 32 /dev/urandom | base64 | tr -d '\n')"
    ADMIN_KEY="${OPSBUS_BOOTSTRAP_ADMIN_KEY:-opsbus_admin_$(head -c 24 /dev/urandom | base64 | tr -d '/+=')}"
    ORCH_PORT=$(free_port); NOTIFIER_PORT=$(free_port); ARTIFACTS_PORT=$(free_port); GATEWAY_PORT=${OPSBUS_GATEWAY_PORT:-$(free_port)}
    start_service orchestrator services/Orchestrator/OpsBus.Orchestrator.Host "$ORCH_PORT" \
        Orchestrator__Database=Postgres Orchestrator__ConnectionString="$PG;Database=opsbus" Secrets__Key="$SECRETS_KEY" \
        ${ORCHESTRATOR_ENV[@]+"${ORCHESTRATOR_ENV[@]}"}
    wait_ready orchestrator "http://127.0.0.1:$ORCH_PORT"
    start_service notifier services/Notifier/OpsBus.Notifier.Host "$NOTIFIER_PORT" Secrets__Key="$SECRETS_KEY" ${NOTIFIER_ENV[@]+"${NOTIFIER_ENV[@]}"}
    start_service artifacts services/Artifacts/OpsBus.Artifacts.Host "$ARTIFACTS_PORT" \
        Artifacts__Database=Postgres Artifacts__ConnectionString="$PG;Database=opsbus_artifacts" Artifacts__DiskPath="$DIR/artifacts" \
        ${ARTIFACTS_ENV[@]+"${ARTIFACTS_ENV[@]}"}
    for i in $(seq 1 "$workers"); do start_worker "$i"; done
    start_service gateway services/Gateway/OpsBus.Gateway.Host "$GATEWAY_PORT" \
        Gateway__Mode=Distributed Gateway__Database=Postgres Gateway__ConnectionString="$PG;Database=opsbus_gateway" \
        Gateway__OrchestratorAddress="http://127.0.0.1:$ORCH_PORT" Gateway__NotifierAddress="http://127.0.0.1:$NOTIFIER_PORT" \
        Gateway__ArtifactsAddress="http://127.0.0.1:$ARTIFACTS_PORT" \
        OPSBUS_BOOTSTRAP_ADMIN_KEY="$ADMIN_KEY" ${GATEWAY_ENV[@]+"${GATEWAY_ENV[@]}"}
    wait_ready notifier "http://127.0.0.1:$NOTIFIER_PORT"
    wait_ready artifacts "http://127.0.0.1:$ARTIFACTS_PORT"
    wait_ready gateway "http://127.0.0.1:$GATEWAY_PORT"
    GATEWAY_URL="http://127.0.0.1:$GATEWAY_PORT"

    cat >"$DIR/opsbus.env" <<ENV
export OPSBUS_URL=$GATEWAY_URL
export OPSBUS_KEY=$ADMIN_KEY
export OPSBUS_JOURNALS=$DIR/journals
ENV
    log "OpsBus (distributed, $workers workers) at $GATEWAY_URL  admin key: $ADMIN_KEY"
    log "environment for scripts: . $DIR/opsbus.env"
}

# "queue messages" for every *_error and *_skipped queue of the deployment's vhost, sorted by name.
dead_letter_counts() {
    (
        # shellcheck disable=SC1091
        . "$(dirname "$OPSBUS_TEST_RABBITMQ_VHOST")/rabbitmq/env.sh"
        rabbitmqctl -q -n "$RABBITMQ_NODENAME" list_queues -p "$RABBITMQ_VHOST_NAME" name messages 2>/dev/null
    ) | awk '$1 ~ /_(error|skipped)$/ { print $1, $2 }' | LC_ALL=C sort
}

# report_dead_letters BEFORE_FILE AFTER_FILE: one line, plus one per queue whose count grew.
report_dead_letters() {
    local before=$1 after=$2
    LC_ALL=C join -a 1 -a 2 -e 0 -o 0,1.2,2.2 "$before" "$after" | awk '
        { queues++; start += $2; end += $3; if ($3 > $2) grew = grew sprintf("\n  %s: %d → %d", $1, $2, $3) }
        END { printf "error/skipped queues: %d, messages at start %d, at end %d%s%s\n", queues, start, end,
                  (end > start ? " (GREW)" : " (no growth)"), grew }'
}

# run_load [load tool arguments]: the load tool against the deployment, with its memory and dead letters around it.
run_load() {
    dead_letter_counts >"$DIR/dead-letters.before"
    local rc=0
    dotnet "$REPO_ROOT/tests/OpsBus.LoadTest/bin/Release/net10.0/OpsBus.LoadTest.dll" \
        --url "$GATEWAY_URL" --key "$ADMIN_KEY" --journals "$DIR/journals" --watch-pids "$DIR/pids" "$@" || rc=$?
    dead_letter_counts >"$DIR/dead-letters.after"
    report_dead_letters "$DIR/dead-letters.before" "$DIR/dead-letters.after"
    return $rc
}

main() {
    set -euo pipefail
    local workers=2 load=0 load_args=()
    while [[ $# -gt 0 ]]; do
        case $1 in
            --workers) workers=$2; shift 2 ;;
            --load) load=1; shift; load_args=("$@"); break ;;
            *) echo "unknown argument $1" >&2; exit 2 ;;
        esac
    done
    init_deployment
    start_infra
    build_release
    start_services "$workers"
    if [[ $load == 1 ]]; then
        run_load ${load_args[@]+"${load_args[@]}"}
    else
        log "Ctrl-C to stop"
        wait "${PIDS[0]}"
    fi
}

if [[ ${BASH_SOURCE[0]} == "$0" ]]; then
    main "$@"
fi
