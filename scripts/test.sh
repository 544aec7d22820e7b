#!/usr/bin/env bash
# The test command of OpsBus.
#
#   ./scripts/test.sh [extra dotnet test arguments, e.g. --filter FullyQualifiedName~Saga]
#
# Starts a throwaway RabbitMQ node and a throwaway PostgreSQL cluster on free loopback ports in a
# temporary directory, runs `dotnet test OpsBus.sln` against them and stops and removes everything
# again, whatever happens. Installs rabbitmq-server (and postgresql-15) with apt when missing and
# running as root. The last line printed is always `N passed, N failed, N skipped`.
#
# Environment:
#   OPSBUS_TEST_DRY_RUN=1        start and check the servers (psql `select 1`, create a vhost) but
#                                do not run dotnet test.
#   OPSBUS_TEST_ENV_OUT=FILE     in a dry run, write the exports below to FILE (source it to run
#                                `dotnet test` by hand against the servers while they are held).
#   OPSBUS_TEST_RESULTS_DIR=DIR  copy the .trx files there before the temp dir is removed.
#   OPSBUS_TEST_PG_FSYNC=on      keep PostgreSQL's fsync on (off by default: throwaway test data; the benchmark turns it on).
#
# Tests get:
#   OPSBUS_TEST_POSTGRES        Host=127.0.0.1;Port=N;Username=postgres   (no database)
#   OPSBUS_TEST_RABBITMQ        amqp://guest:guest@127.0.0.1:N/           (no vhost)
#   OPSBUS_TEST_RABBITMQ_VHOST  executable taking a vhost name: creates it and grants guest on it
set -euo pipefail

log() { printf '[test.sh] %s\n' "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }
now_ms() { date +%s%3N; }

REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$REPO_ROOT"

RABBIT_BIN=/usr/lib/rabbitmq/bin
PG_BIN=/usr/lib/postgresql/15/bin
T_START=$(now_ms)

# ---------------------------------------------------------------------------------------------
# 1. Packages
# ---------------------------------------------------------------------------------------------
apt_updated=0
apt_install() {
    [[ $EUID -eq 0 ]] || die "$1 is not installed and this is not root: install it (apt-get install $*) or run as root"
    if [[ $apt_updated -eq 0 ]]; then
        log "apt-get update"
        DEBIAN_FRONTEND=noninteractive apt-get update -qq >&2
        apt_updated=1
    fi
    log "apt-get install $*"
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
        -o Dpkg::Options::=--force-confdef -o Dpkg::Options::=--force-confold "$@" >&2
}

if [[ ! -x $RABBIT_BIN/rabbitmq-server ]]; then
    apt_install rabbitmq-server
    [[ -x $RABBIT_BIN/rabbitmq-server ]] || die "rabbitmq-server installed but $RABBIT_BIN/rabbitmq-server is missing"
fi
if [[ ! -x $PG_BIN/postgres ]]; then
    # Do not let the package create and start a "main" cluster on 5432: we run our own.
    if [[ $EUID -eq 0 && ! -e /etc/postgresql-common/createcluster.conf ]]; then
        mkdir -p /etc/postgresql-common
        echo 'create_main_cluster = false' > /etc/postgresql-common/createcluster.conf
    fi
    apt_install postgresql-15
    [[ -x $PG_BIN/postgres ]] || die "postgresql-15 installed but $PG_BIN/postgres is missing"
fi
command -v dotnet >/dev/null || [[ ${OPSBUS_TEST_DRY_RUN:-0} == 1 ]] || die "dotnet is not on PATH"
# The web UI's browser tests drive a real headless Chromium (Debian's package: Playwright cannot download one here).
if [[ ${OPSBUS_TEST_DRY_RUN:-0} != 1 && ! -x /usr/bin/chromium ]]; then
    apt_install chromium
    [[ -x /usr/bin/chromium ]] || die "chromium installed but /usr/bin/chromium is missing"
fi

EPMD_BIN="$(command -v epmd 2>/dev/null || true)"
if [[ -z $EPMD_BIN ]]; then
    for f in /usr/lib/erlang/bin/epmd /usr/lib/erlang/erts-*/bin/epmd; do
        [[ -x $f ]] && { EPMD_BIN=$f; break; }
    done
fi
[[ -n $EPMD_BIN ]] || die "epmd (Erlang) not found"

# ---------------------------------------------------------------------------------------------
# 2. Temp dir, ports
# ---------------------------------------------------------------------------------------------
TMP="$(mktemp -d "${TMPDIR:-/tmp}/opsbus-test.XXXXXXXX")"
RABBIT_PID=""
EPMD_PID=""
DOTNET_PID=""
HOLD_PID=""
PG_STARTED=0
TESTS_RC=0

# Process state from /proc/PID/stat ("" when gone). Zombies are reaped slowly here.
proc_state() {
    local stat
    stat="$(cat "/proc/$1/stat" 2>/dev/null)" || return 0
    stat="${stat##*) }"
    printf '%s' "${stat%% *}"
}
# wait_gone PID SECONDS: true when the process is gone or a zombie before the deadline.
wait_gone() {
    local pid=$1 deadline=$(( $(date +%s) + $2 )) s
    while :; do
        s="$(proc_state "$pid")"
        [[ -z $s || $s == Z || $s == X ]] && return 0
        (( $(date +%s) >= deadline )) && return 1
        sleep 0.1
    done
}
stop_pid() { # stop_pid PID NAME
    local pid=$1 name=$2
    [[ -n $pid ]] || return 0
    local s
    s="$(proc_state "$pid")"
    [[ -z $s || $s == Z ]] && return 0
    kill -TERM "$pid" 2>/dev/null || return 0
    if ! wait_gone "$pid" 20; then
        log "$name (pid $pid) did not stop after SIGTERM, sending SIGKILL"
        kill -KILL "$pid" 2>/dev/null || true
        wait_gone "$pid" 10 || log "$name (pid $pid) still there"
    fi
}
# pids of processes whose environment or command line mentions our epmd port (a daemonized epmd,
# for example, if something started one behind our back).
own_epmd_pids() {
    local d argv0
    for d in /proc/[0-9]*; do
        [[ ${d#/proc/} == "$EPMD_PID" ]] && continue
        argv0=""
        { IFS= read -r -d '' argv0 < "$d/cmdline"; } 2>/dev/null
        [[ $argv0 == *epmd ]] || continue
        if { tr '\0' ' ' < "$d/cmdline"; } 2>/dev/null | grep -q -- "-port $EPMD_PORT\b" \
            || { tr '\0' '\n' < "$d/environ"; } 2>/dev/null | grep -qx "ERL_EPMD_PORT=$EPMD_PORT"; then
            echo "${d#/proc/}"
        fi
    done
}

STOPPED=0
stop_all() {
    [[ $STOPPED == 0 ]] || return 0
    STOPPED=1
    set +e
    local t0 p pgpid="" rpids=()
    t0=$(now_ms)
    if [[ -n $DOTNET_PID ]]; then
        log "stopping dotnet test (pid $DOTNET_PID)"
        kill -TERM -- "-$DOTNET_PID" 2>/dev/null || kill -TERM "$DOTNET_PID" 2>/dev/null
        wait_gone "$DOTNET_PID" 15 || true
        kill -KILL -- "-$DOTNET_PID" 2>/dev/null
    fi
    [[ -n $HOLD_PID ]] && kill -TERM "$HOLD_PID" 2>/dev/null
    log "stopping servers"
    # RabbitMQ first (it takes longest), PostgreSQL while it shuts down, then wait for both.
    [[ -n $RABBIT_PID ]] && rpids+=("$RABBIT_PID")
    p="$(tr -dc '0-9' < "$TMP/rabbitmq/rabbitmq.pid" 2>/dev/null)"
    [[ -n $p && $p != "$RABBIT_PID" ]] && rpids+=("$p")
    for p in "${rpids[@]}"; do kill -TERM "$p" 2>/dev/null; done
    if [[ $PG_STARTED == 1 ]]; then
        pgpid="$(head -1 "$TMP/pgdata/postmaster.pid" 2>/dev/null)"
        pg_as_owner "$PG_BIN/pg_ctl" stop -D "$TMP/pgdata" -m immediate -w -t 30 >/dev/null 2>&1 \
            || log "pg_ctl stop failed"
        [[ -n $pgpid ]] && stop_pid "$pgpid" postgres
    fi
    for p in "${rpids[@]}"; do stop_pid "$p" rabbitmq; done
    if [[ -n ${EPMD_PORT:-} ]]; then
        stop_pid "$EPMD_PID" epmd
        for p in $(own_epmd_pids); do stop_pid "$p" epmd; done
    fi
    if [[ -n ${OPSBUS_TEST_RESULTS_DIR:-} && -d $TMP/results ]]; then
        mkdir -p "$OPSBUS_TEST_RESULTS_DIR" && cp -r "$TMP/results/." "$OPSBUS_TEST_RESULTS_DIR/" \
            && log "test results copied to $OPSBUS_TEST_RESULTS_DIR"
    fi
    rm -rf "$TMP"
    log "stopped, temp dir removed ($(( $(now_ms) - t0 )) ms)"
}
cleanup() {
    local rc=$?
    trap - EXIT INT TERM
    stop_all
    exit "$rc"
}
# finish "N passed, N failed, N skipped" RC: stop everything, then print the summary as the last line.
finish() {
    trap - EXIT INT TERM
    stop_all
    echo "$1"
    exit "$2"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

declare -A USED_PORTS=()
port_free() {
    local p=$1
    [[ -z ${USED_PORTS[$p]:-} ]] || return 1
    if command -v ss >/dev/null; then
        [[ -z "$(ss -Htan "( sport = :$p )" 2>/dev/null)" ]] || return 1
    fi
    # Something answering on loopback means taken (also covers a missing ss).
    if (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then return 1; fi
    return 0
}
pick_port() { # pick_port VARIABLE (no command substitution: USED_PORTS must survive)
    local p i
    for i in $(seq 1 200); do
        # 20000-32767: below the kernel's ephemeral range (32768-60999), so no outgoing connection takes it.
        p=$(( 20000 + (RANDOM * 32768 + RANDOM) % 12768 ))
        if port_free "$p"; then USED_PORTS[$p]=1; printf -v "$1" '%s' "$p"; return 0; fi
    done
    die "no free TCP port found"
}
EPMD_PORT=""
pick_port AMQP_PORT
pick_port DIST_PORT
pick_port EPMD_PORT
pick_port PG_PORT
RUN_ID="$(printf '%04x%04x' $RANDOM $RANDOM)"
log "temp dir $TMP; ports: amqp $AMQP_PORT, erlang dist $DIST_PORT, epmd $EPMD_PORT, postgres $PG_PORT"

# ---------------------------------------------------------------------------------------------
# 3. RabbitMQ on 127.0.0.1
# ---------------------------------------------------------------------------------------------
mkdir -p "$TMP/rabbitmq/mnesia" "$TMP/rabbitmq/log"
RABBIT_NODE="opsbustest-$RUN_ID@localhost"
cat > "$TMP/rabbitmq/rabbitmq.conf" <<EOF
listeners.tcp.default = 127.0.0.1:$AMQP_PORT
EOF
echo '[].' > "$TMP/rabbitmq/enabled_plugins"
: > "$TMP/rabbitmq/rabbitmq-env.conf"

# Everything rabbitmq-server and rabbitmqctl need to find this node (and only this node).
cat > "$TMP/rabbitmq/env.sh" <<EOF
export HOME='$TMP'
export RABBITMQ_NODENAME='$RABBIT_NODE'
export RABBITMQ_NODE_IP_ADDRESS=127.0.0.1
export RABBITMQ_NODE_PORT='$AMQP_PORT'
export RABBITMQ_DIST_PORT='$DIST_PORT'
export ERL_EPMD_ADDRESS=127.0.0.1
export ERL_EPMD_PORT='$EPMD_PORT'
export RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS='-kernel inet_dist_use_interface {127,0,0,1}'
export RABBITMQ_CTL_ERL_ARGS='-kernel inet_dist_use_interface {127,0,0,1}'
export RABBITMQ_CONF_ENV_FILE='$TMP/rabbitmq/rabbitmq-env.conf'
export RABBITMQ_CONFIG_FILE='$TMP/rabbitmq/rabbitmq.conf'
export RABBITMQ_ADVANCED_CONFIG_FILE='$TMP/rabbitmq/advanced.config'
export RABBITMQ_ENABLED_PLUGINS_FILE='$TMP/rabbitmq/enabled_plugins'
export RABBITMQ_MNESIA_BASE='$TMP/rabbitmq/mnesia'
export RABBITMQ_LOG_BASE='$TMP/rabbitmq/log'
export RABBITMQ_PID_FILE='$TMP/rabbitmq/rabbitmq.pid'
export ERL_CRASH_DUMP='$TMP/rabbitmq/erl_crash.dump'
export PATH='$RABBIT_BIN':"\$PATH"
EOF

# 5. The vhost helper the tests call (it finds env.sh next to itself). Every rabbitmqctl call boots an
# Erlang VM (1-3 s of CPU), so for plain names it does both steps in one `rabbitmqctl eval`; other
# names, or a failing eval, take the documented path add_vhost + set_permissions (both idempotent).
cat > "$TMP/rabbitmq-vhost" <<'EOF'
#!/usr/bin/env bash
# Creates a RabbitMQ virtual host on the test node and grants the guest user all rights on it.
set -euo pipefail
[[ $# -eq 1 && -n $1 ]] || { echo "usage: $0 VHOST" >&2; exit 2; }
. "$(dirname "$0")/rabbitmq/env.sh"
cd "$HOME"
vhost=$1
if [[ $vhost =~ ^[A-Za-z0-9._-]+$ ]]; then
    b() { printf '<<"%s">>' "$1"; }
    expr="ok = rabbit_vhost:add($(b "$vhost"), $(b opsbus-test)),"
    expr+=" ok = rabbit_auth_backend_internal:set_permissions($(b guest), $(b "$vhost"), $(b '.*'), $(b '.*'), $(b '.*'), $(b opsbus-test))."
    if rabbitmqctl -q -n "$RABBITMQ_NODENAME" eval "$expr" >/dev/null 2>&1; then
        exit 0
    fi
fi
rabbitmqctl -q -n "$RABBITMQ_NODENAME" add_vhost "$vhost"
rabbitmqctl -q -n "$RABBITMQ_NODENAME" set_permissions -p "$vhost" guest '.*' '.*' '.*'
EOF
chmod 755 "$TMP/rabbitmq-vhost"

log "starting RabbitMQ node $RABBIT_NODE"
T_RABBIT=$(now_ms)
(
    # shellcheck disable=SC1091
    . "$TMP/rabbitmq/env.sh"
    cd "$TMP"
    # Our own epmd, on loopback, in the foreground so that we know its pid.
    exec "$EPMD_BIN" -address 127.0.0.1 -port "$EPMD_PORT"
) </dev/null >"$TMP/rabbitmq/log/epmd.out" 2>&1 &
EPMD_PID=$!
(
    . "$TMP/rabbitmq/env.sh"
    cd "$TMP"
    exec "$RABBIT_BIN/rabbitmq-server"
) </dev/null >"$TMP/rabbitmq/log/server.out" 2>&1 &
RABBIT_PID=$!

rabbit_failed() {
    log "$1; last lines of the RabbitMQ output:"
    tail -n 40 "$TMP/rabbitmq/log/server.out" >&2 || true
    tail -n 40 "$TMP/rabbitmq/log/"*.log >&2 2>/dev/null || true
    exit 1
}
deadline=$(( $(date +%s) + 60 ))
until (exec 3<>"/dev/tcp/127.0.0.1/$AMQP_PORT") 2>/dev/null; do
    s="$(proc_state "$RABBIT_PID")"
    [[ -z $s || $s == Z ]] && rabbit_failed "rabbitmq-server exited during startup"
    (( $(date +%s) < deadline )) || rabbit_failed "RabbitMQ did not accept AMQP connections within 60 s"
    sleep 0.2
done
if [[ -s $TMP/rabbitmq/rabbitmq.pid ]]; then
    filepid="$(tr -dc '0-9' < "$TMP/rabbitmq/rabbitmq.pid")"
    [[ -n $filepid ]] && RABBIT_PID=$filepid
fi
log "RabbitMQ accepts AMQP on 127.0.0.1:$AMQP_PORT after $(( $(now_ms) - T_RABBIT )) ms (pid $RABBIT_PID)"

# ---------------------------------------------------------------------------------------------
# 4. PostgreSQL on 127.0.0.1
# ---------------------------------------------------------------------------------------------
pg_as_owner() {
    if [[ $EUID -eq 0 ]]; then runuser -u postgres -- "$@"; else "$@"; fi
}
T_PG=$(now_ms)
chmod 755 "$TMP"
mkdir -p "$TMP/pgdata" "$TMP/pgsock"
[[ $EUID -eq 0 ]] && chown postgres: "$TMP/pgdata" "$TMP/pgsock"
pg_as_owner "$PG_BIN/initdb" -D "$TMP/pgdata" -U postgres -A trust -E UTF8 --locale=C.UTF-8 --no-sync \
    >"$TMP/initdb.log" 2>&1 || { cat "$TMP/initdb.log" >&2; die "initdb failed"; }
PG_STARTED=1
pg_as_owner "$PG_BIN/pg_ctl" start -w -t 60 -D "$TMP/pgdata" -l "$TMP/pgsock/postgres.log" \
    -o "-c listen_addresses=127.0.0.1 -p $PG_PORT -k $TMP/pgsock -c fsync=${OPSBUS_TEST_PG_FSYNC:-off} -c max_connections=300" \
    >/dev/null 2>&1 || { tail -n 40 "$TMP/pgsock/postgres.log" >&2; die "PostgreSQL did not start"; }
"$PG_BIN/psql" -X -q -h 127.0.0.1 -p "$PG_PORT" -U postgres -d postgres -tAc 'select 1' >/dev/null \
    || die "PostgreSQL does not answer on 127.0.0.1:$PG_PORT"
log "PostgreSQL accepts connections on 127.0.0.1:$PG_PORT after $(( $(now_ms) - T_PG )) ms"

# 5. Smoke test of the vhost helper (also waits until the broker is fully booted).
T_VH=$(now_ms)
"$TMP/rabbitmq-vhost" opsbus-smoke-test >"$TMP/vhost.out" 2>&1 \
    || { cat "$TMP/vhost.out" >&2; rabbit_failed "creating a vhost with $TMP/rabbitmq-vhost failed"; }
log "vhost helper works ($(( $(now_ms) - T_VH )) ms); infrastructure ready after $(( $(now_ms) - T_START )) ms"

# ---------------------------------------------------------------------------------------------
# 6./7. Run the tests
# ---------------------------------------------------------------------------------------------
export OPSBUS_TEST_POSTGRES="Host=127.0.0.1;Port=$PG_PORT;Username=postgres"
export OPSBUS_TEST_RABBITMQ="amqp://guest:guest@127.0.0.1:$AMQP_PORT/"
export OPSBUS_TEST_RABBITMQ_VHOST="$TMP/rabbitmq-vhost"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
mkdir -p "$TMP/results"

if [[ ${OPSBUS_TEST_DRY_RUN:-0} == 1 ]]; then
    log "dry run: not running dotnet test"
    v="$("$PG_BIN/psql" -X -h 127.0.0.1 -p "$PG_PORT" -U postgres -d postgres -tAc 'select 1')" || TESTS_RC=1
    log "psql select 1 -> $v"
    "$OPSBUS_TEST_RABBITMQ_VHOST" "opsbus-dry-run-$RUN_ID" || TESTS_RC=1
    log "vhosts: $(. "$TMP/rabbitmq/env.sh"; rabbitmqctl -q -n "$RABBIT_NODE" list_vhosts 2>&1 | tr '\n' ' ')"
    if command -v ss >/dev/null; then
        log "listening sockets of this run:"
        ss -Hltnp | grep -E ":($AMQP_PORT|$DIST_PORT|$EPMD_PORT|$PG_PORT)\b" >&2 || true
    fi
    if [[ -n ${OPSBUS_TEST_ENV_OUT:-} ]]; then
        declare -p OPSBUS_TEST_POSTGRES OPSBUS_TEST_RABBITMQ OPSBUS_TEST_RABBITMQ_VHOST | sed 's/^declare -x/export/' >"$OPSBUS_TEST_ENV_OUT"
        log "environment for tests written to $OPSBUS_TEST_ENV_OUT"
    fi
    if [[ -n ${OPSBUS_TEST_DRY_RUN_HOLD:-} ]]; then
        log "holding for $OPSBUS_TEST_DRY_RUN_HOLD s"; sleep "$OPSBUS_TEST_DRY_RUN_HOLD" & HOLD_PID=$!; wait $HOLD_PID
    fi
    if [[ $TESTS_RC == 0 ]]; then finish "2 passed, 0 failed, 0 skipped" 0; fi
    finish "0 passed, 1 failed, 0 skipped" 1
fi

log "dotnet test OpsBus.sln -c Release $*"
T_TEST=$(now_ms)
# In the background and in its own session, so that a signal to this script runs the cleanup at once
# and the cleanup can stop the whole test process tree.
set +e
setsid --wait dotnet test OpsBus.sln -c Release --logger "trx" --results-directory "$TMP/results" \
    --blame-hang-timeout 10m --blame-hang-dump-type mini "$@" </dev/null &
DOTNET_PID=$!
wait "$DOTNET_PID"
TESTS_RC=$?
DOTNET_PID=""
set -e
log "dotnet test exited with $TESTS_RC after $(( ($(now_ms) - T_TEST) / 1000 )) s"

# The control room's unit tests (Vitest); its node_modules were installed by the gateway's build. Not with a filter.
CLIENT_APP="$REPO_ROOT/services/Gateway/OpsBus.Gateway/ClientApp"
VITEST_RC=0 VITEST_RAN=0
if [[ $# -eq 0 && -z ${OPSBUS_SKIP_UI:-} && -d $CLIENT_APP/node_modules ]]; then
    log "vitest run (control room)"
    (cd "$CLIENT_APP" && npx --no-install vitest run --reporter=default --reporter=junit --outputFile="$TMP/results/vitest.xml") </dev/null >&2 || VITEST_RC=$?
    VITEST_RAN=1
fi

# ---------------------------------------------------------------------------------------------
# 9. Summary
# ---------------------------------------------------------------------------------------------
attr() { # attr NAME COUNTERS_ELEMENT
    local v
    v="$(printf '%s' "$2" | grep -o "[[:space:]]$1=\"[0-9]*\"" | head -1 | tr -dc '0-9')"
    echo "${v:-0}"
}
passed=0 failed=0 skipped=0 files=0
while IFS= read -r -d '' trx; do
    counters="$(tr '\n' ' ' < "$trx" | grep -o '<Counters [^>]*>' | head -1 || true)"
    [[ -n $counters ]] || { log "no <Counters> in $trx"; continue; }
    files=$((files + 1))
    total=$(attr total "$counters"); executed=$(attr executed "$counters")
    passed=$((passed + $(attr passed "$counters")))
    failed=$((failed + $(attr failed "$counters") + $(attr error "$counters") + $(attr timeout "$counters") + $(attr aborted "$counters")))
    skipped=$((skipped + total - executed))
done < <(find "$TMP/results" -name '*.trx' -print0 2>/dev/null)

if [[ $VITEST_RAN -eq 1 ]]; then
    suites="$(grep -o '<testsuites [^>]*>' "$TMP/results/vitest.xml" 2>/dev/null | head -1 || true)"
    if [[ -z $suites ]]; then
        log "vitest produced no results (exit $VITEST_RC): counted as 1 failure"
        failed=$((failed + 1))
    else
        v_failed=$(( $(attr failures "$suites") + $(attr errors "$suites") ))
        passed=$((passed + $(attr tests "$suites") - v_failed))
        failed=$((failed + v_failed))
        [[ $VITEST_RC -eq 0 || $v_failed -gt 0 ]] || { log "vitest failed (exit $VITEST_RC) without a failed test: counted as 1 failure"; failed=$((failed + 1)); }
    fi
fi
if [[ $files -eq 0 ]]; then
    log "no test results (.trx) were produced: the build or the test run failed"
    passed=0 failed=1 skipped=0
    [[ $TESTS_RC -ne 0 ]] || TESTS_RC=1
elif [[ $TESTS_RC -ne 0 && $failed -eq 0 ]]; then
    log "dotnet test failed (exit $TESTS_RC) although no test reported a failure (crash, hang or build error); counted as 1 failure"
    failed=1
fi
if [[ $failed -gt 0 && $TESTS_RC -eq 0 ]]; then TESTS_RC=1; fi
finish "$passed passed, $failed failed, $skipped skipped" "$TESTS_RC"
