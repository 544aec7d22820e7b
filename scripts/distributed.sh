#!/usr/bin/env bash
# Distributed mode on this machine, without Docker: the same topology as compose/docker-compose.yml with
# RabbitMQ and PostgreSQL from the machine's packages (started by scripts/test.sh's infrastructure part) and
# every service as its own process, all on 127.0.0.1.
#
#   ./scripts/distributed.sh                      # start, print the gateway URL and admin key, run until Ctrl-C
#   ./scripts/distributed.sh --workers 3
#   ./scripts/distributed.sh --load --runs 3000   # start, run the load tool with the given arguments, stop
#
# Logs and worker execution journals go to a temporary directory printed at start.
set -euo pipefail

log() { printf '[distributed.sh] %s\n' "$*" >&2; }
REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$REPO_ROOT"

WORKERS=2
LOAD=0
LOAD_ARGS=()
while [[ $# -gt 0 ]]; do
    case $1 in
        --workers) WORKERS=$2; shift 2 ;;
        --load) LOAD=1; shift; LOAD_ARGS=("$@"); break ;;
        *) echo "unknown argument $1" >&2; exit 2 ;;
    esac
done

DIR="$(mktemp -d /tmp/opsbus-distributed.XXXXXXXX)"
mkdir -p "$DIR/logs" "$DIR/journals"
PIDS=()
INFRA_PID=""
cleanup() {
    for pid in "${PIDS[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
    for pid in "${PIDS[@]}"; do
        for _ in $(seq 1 100); do
            state="$(awk '{print $3}' "/proc/$pid/stat" 2>/dev/null || true)"
            [[ -z $state || $state == Z ]] && break
            sleep 0.1
        done
        kill -KILL "$pid" 2>/dev/null || true
    done
    [[ -n $INFRA_PID ]] && kill -TERM "$INFRA_PID" 2>/dev/null && wait "$INFRA_PID" 2>/dev/null || true
    log "stopped; logs kept in $DIR/logs"
}
trap cleanup EXIT INT TERM

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }
wait_ready() {
    local name=$1 url=$2 deadline=$(( $(date +%s) + 120 ))
    until curl -fsS "$url/health/ready" >/dev/null 2>&1; do
        (( $(date +%s) < deadline )) || { log "$name not ready; last log lines:"; tail -n 30 "$DIR/logs/$name.log" >&2; exit 1; }
        sleep 0.3
    done
    log "$name ready at $url"
}

log "starting RabbitMQ and PostgreSQL"
OPSBUS_TEST_DRY_RUN=1 OPSBUS_TEST_DRY_RUN_HOLD=86400 OPSBUS_TEST_ENV_OUT="$DIR/infra.env" \
    bash scripts/test.sh >"$DIR/logs/infra.log" 2>&1 &
INFRA_PID=$!
for _ in $(seq 1 240); do [[ -s $DIR/infra.env ]] && break; sleep 0.5; done
[[ -s $DIR/infra.env ]] || { tail -n 30 "$DIR/logs/infra.log" >&2; exit 1; }
# shellcheck disable=SC1091
. "$DIR/infra.env"

PG="$OPSBUS_TEST_POSTGRES"
psql_port="$(sed -E 's/.*Port=([0-9]+).*/\1/' <<<"$PG")"
for db in opsbus opsbus_gateway opsbus_artifacts; do
    /usr/lib/postgresql/15/bin/psql -X -q -h 127.0.0.1 -p "$psql_port" -U postgres -d postgres -c "CREATE DATABASE $db" >/dev/null
done
"$OPSBUS_TEST_RABBITMQ_VHOST" opsbus >/dev/null
BUS="${OPSBUS_TEST_RABBITMQ%/}/opsbus"
SECRET="$(head -c 32 /dev/urandom | base64 | tr -d '/+=')"
SECRETS_KEY="$(head -c 32 /dev/urandom | base64 | tr -d '\n')"
ADMIN_KEY="${OPSBUS_BOOTSTRAP_ADMIN_KEY:-opsbus_admin_$(head -c 24 /dev/urandom | base64 | tr -d '/+=')}"

log "building (Release)"
dotnet build OpsBus.sln -c Release -v q -nologo >"$DIR/logs/build.log" 2>&1 || { tail -n 30 "$DIR/logs/build.log" >&2; exit 1; }

# Each host runs from its output folder, so that its appsettings.json (log levels, defaults) applies.
start() {
    local name=$1 project=$2 port=$3; shift 3
    (cd "$project/bin/Release/net10.0" && exec env Bus__Transport=RabbitMq Bus__RabbitMqHost="$BUS" OpsBus__InternalSecret="$SECRET" \
        Urls="http://127.0.0.1:$port" DOTNET_ENVIRONMENT=Production ASPNETCORE_ENVIRONMENT=Production "$@" \
        dotnet "$(basename "$project").dll") >"$DIR/logs/$name.log" 2>&1 &
    PIDS+=($!)
}

ORCH_PORT=$(free_port); NOTIFIER_PORT=$(free_port); ARTIFACTS_PORT=$(free_port); GATEWAY_PORT=${OPSBUS_GATEWAY_PORT:-$(free_port)}
start orchestrator services/Orchestrator/OpsBus.Orchestrator.Host "$ORCH_PORT" \
    Orchestrator__Database=Postgres Orchestrator__ConnectionString="$PG;Database=opsbus" Secrets__Key="$SECRETS_KEY"
wait_ready orchestrator "http://127.0.0.1:$ORCH_PORT"
start notifier services/Notifier/OpsBus.Notifier.Host "$NOTIFIER_PORT"
start artifacts services/Artifacts/OpsBus.Artifacts.Host "$ARTIFACTS_PORT" \
    Artifacts__Database=Postgres Artifacts__ConnectionString="$PG;Database=opsbus_artifacts" Artifacts__DiskPath="$DIR/artifacts"
for i in $(seq 1 "$WORKERS"); do
    start "worker-$i" services/LaneWorker/OpsBus.LaneWorker.Host "$(free_port)" \
        LaneWorker__WorkerId="worker-$i" LaneWorker__ExecutionJournalPath="$DIR/journals/worker-$i.jsonl" Secrets__Key="$SECRETS_KEY" \
        LaneWorker__ArtifactsAddress="http://127.0.0.1:$ARTIFACTS_PORT"
done
start gateway services/Gateway/OpsBus.Gateway.Host "$GATEWAY_PORT" \
    Gateway__Mode=Distributed Gateway__Database=Postgres Gateway__ConnectionString="$PG;Database=opsbus_gateway" \
    Gateway__OrchestratorAddress="http://127.0.0.1:$ORCH_PORT" Gateway__NotifierAddress="http://127.0.0.1:$NOTIFIER_PORT" \
    Gateway__ArtifactsAddress="http://127.0.0.1:$ARTIFACTS_PORT" \
    OPSBUS_BOOTSTRAP_ADMIN_KEY="$ADMIN_KEY"
wait_ready notifier "http://127.0.0.1:$NOTIFIER_PORT"
wait_ready artifacts "http://127.0.0.1:$ARTIFACTS_PORT"
wait_ready gateway "http://127.0.0.1:$GATEWAY_PORT"

cat >"$DIR/opsbus.env" <<ENV
export OPSBUS_URL=http://127.0.0.1:$GATEWAY_PORT
export OPSBUS_KEY=$ADMIN_KEY
export OPSBUS_JOURNALS=$DIR/journals
ENV
log "OpsBus (distributed, $WORKERS workers) at http://127.0.0.1:$GATEWAY_PORT  admin key: $ADMIN_KEY"
log "environment for scripts: . $DIR/opsbus.env"

if [[ $LOAD == 1 ]]; then
    dotnet tests/OpsBus.LoadTest/bin/Release/net10.0/OpsBus.LoadTest.dll \
        --url "http://127.0.0.1:$GATEWAY_PORT" --key "$ADMIN_KEY" --journals "$DIR/journals" "${LOAD_ARGS[@]}"
else
    log "Ctrl-C to stop"
    wait "${PIDS[0]}"
fi
