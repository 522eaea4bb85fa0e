#!/usr/bin/env bash
# Benchmarks raftpool against direct PostgreSQL, PgBouncer and Pgpool-II with pgbench and measures its
# memory with many idle clients, all on 127.0.0.1 in a temporary directory. See --help.
set -euo pipefail

SCRIPT_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)
REPO_ROOT=$(dirname "$SCRIPT_DIR")
PG_BIN=${PG_BIN:-/usr/lib/postgresql/15/bin}
PGBOUNCER_BIN=${PGBOUNCER_BIN:-/usr/sbin/pgbouncer}
PGPOOL_BIN=${PGPOOL_BIN:-/usr/sbin/pgpool}
RAFTPOOL_DIST=${RAFTPOOL_DIST:-$REPO_ROOT/cli/target/raftpool}
JAVA_OPTS_USED=${RAFTPOOL_JAVA_OPTS:--Xmx512m}
COMMAND_LINE="$0${*:+ $*}"
LOAD_AT_START=$(cut -d ' ' -f 1-3 /proc/loadavg)

DURATION=20 CLIENTS=16 SCALE=10 IDLE_CLIENTS=2000 REPEAT=1 WARMUP=15 KEEP=0 ONLY_TARGETS="" ONLY_WORKLOADS=""
WORK="" PG_STARTED=0 AS_POSTGRES=() NOTES=() TARGETS=()
# TPS_OF_RUN[workload|target|run]: the TPS of one run (1..REPEAT), to pair runs of the same repeat
declare -A PORT=() PID=() STARTED=() TPS_RUNS=() LAT_RUNS=() TPS_OF_RUN=() MEMORY=()
# how each background process is stopped: Pgpool-II's fast shutdown is SIGINT (SIGTERM waits for clients)
declare -A STOP_SIGNAL=([raftpool]=TERM [pgbouncer]=TERM [pgpool]=INT [relay]=TERM [holder]=TERM)
WORKLOADS=("select-only simple" "select-only prepared" "tpc-b simple")
declare -A WORKLOAD_ARGS=(["select-only simple"]="-S -M simple" ["select-only prepared"]="-S -M prepared"
    ["tpc-b simple"]="-M simple")

usage() {
    cat <<'EOF'
Usage: bench/pgbench.sh [options]
Runs pgbench (select-only -M simple and -M prepared, TPC-B -M simple) against one PostgreSQL 15
primary directly and through PgBouncer, Pgpool-II and raftpool (session pooling), then measures
raftpool's and PgBouncer's memory (VmRSS) holding many idle clients. About 8 minutes by default.

  --duration SECONDS   length of each pgbench run (default 20)
  --clients N          pgbench clients (default 16; pgbench -j 2)
  --scale N            pgbench scale factor (default 10)
  --idle-clients N     idle connections in the memory test (default 2000; 0 skips the test)
  --repeat N           runs per workload and target; the median is reported (default 1). With N >= 2 the
                       runs of one repeat are also paired across targets (they run back to back, so a
                       slowdown of the whole machine hits both) and the paired ratios are reported as a
                       geometric mean with a 95 % confidence interval. On a noisy machine many short runs
                       (e.g. --duration 10 --repeat 12) usually narrow the interval more than a few long ones
  --warmup SECONDS     an unreported run of each workload per target before measuring (default 15: the
                       JVM compiles each workload's path in its first seconds; 0: none)
  --targets LIST       comma-separated subset of direct,pgbouncer,pgpool,raftpool,relay to measure (default:
                       all installed but relay); the others are not started. relay (bench/NettyRelay.java,
                       on raftpool's jars and JVM options) copies bytes between each client and its own
                       backend connection on one Netty event loop and reads no message: the floor of any
                       proxy built on Netty like raftpool
  --workloads LIST     comma-separated subset of simple,prepared,tpcb (default: all three)
  --keep               keep the work directory (configurations, logs, pgbench output)
  -h, --help           this message

Environment: PG_BIN (/usr/lib/postgresql/15/bin), PGBOUNCER_BIN (/usr/sbin/pgbouncer), PGPOOL_BIN
(/usr/sbin/pgpool; a missing one skips its columns), RAFTPOOL_DIST (<repo>/cli/target/raftpool, built
with mvn when missing), RAFTPOOL_JAVA_OPTS (default -Xmx512m).
EOF
}

die() { echo "pgbench.sh: error: $*" >&2; exit 1; }
log() { printf '[%s] %s\n' "$(date +%H:%M:%S)" "$*"; }
note() { NOTES+=("$*"); log "NOTE: $*"; }

# set_int_option --idle-clients VALUE MIN: checks that VALUE is an integer >= MIN, sets IDLE_CLIENTS to it
set_int_option() {
    if [[ ! $2 =~ ^(0|[1-9][0-9]{0,8})$ ]] || (($2 < $3)); then die "$1 needs an integer >= $3, got '$2'"; fi
    printf -v "$(tr 'a-z-' 'A-Z_' <<<"${1#--}")" '%s' "$2"
}

parse_args() {
    while (($#)); do
        case $1 in
            --duration | --clients | --scale | --repeat) set_int_option "$1" "${2-}" 1; shift ;;
            --idle-clients | --warmup) set_int_option "$1" "${2-}" 0; shift ;;
            --targets)
                [[ ${2-} =~ ^(direct|pgbouncer|pgpool|raftpool|relay)(,(direct|pgbouncer|pgpool|raftpool|relay))*$ ]] ||
                    die "--targets needs a comma-separated list of direct, pgbouncer, pgpool, raftpool, relay; got '${2-}'"
                ONLY_TARGETS=$2; shift ;;
            --workloads)
                [[ ${2-} =~ ^(simple|prepared|tpcb)(,(simple|prepared|tpcb))*$ ]] ||
                    die "--workloads needs a comma-separated list of simple, prepared, tpcb; got '${2-}'"
                ONLY_WORKLOADS=$2; shift ;;
            --keep) KEEP=1 ;;
            -h | --help) usage; exit 0 ;;
            *) usage >&2; die "unknown option '$1'" ;;
        esac
        shift
    done
}

check_prerequisites() {
    local tool need=$((2 * IDLE_CLIENTS + 4 * CLIENTS + 200))
    for tool in initdb pg_ctl pgbench psql; do
        [[ -x $PG_BIN/$tool ]] || die "PostgreSQL's $tool is missing from $PG_BIN (set PG_BIN)"
    done
    command -v python3 >/dev/null || die "python3 is missing (bench/hold_connections.py needs it)"
    ((EUID != 0)) || id postgres >/dev/null 2>&1 || die "as root, an OS user 'postgres' is needed to run PostgreSQL"
    ((EUID != 0)) || command -v setpriv >/dev/null || die "setpriv (util-linux) is missing; it runs PostgreSQL as 'postgres'"
    TARGETS=(direct)
    if [[ -x $PGBOUNCER_BIN ]]; then TARGETS+=(pgbouncer); else note "no PgBouncer at $PGBOUNCER_BIN: its columns are skipped"; fi
    if [[ -x $PGPOOL_BIN ]]; then TARGETS+=(pgpool); else note "no Pgpool-II at $PGPOOL_BIN: its columns are skipped"; fi
    TARGETS+=(raftpool)
    [[ ,$ONLY_TARGETS, != *,relay,* ]] || TARGETS+=(relay)
    if [[ -n $ONLY_TARGETS ]]; then
        local t kept=()
        for t in "${TARGETS[@]}"; do [[ ,$ONLY_TARGETS, != *",$t,"* ]] || kept+=("$t"); done
        TARGETS=("${kept[@]}")
        ((${#TARGETS[@]})) || die "none of --targets $ONLY_TARGETS is installed"
    fi
    if [[ -n $ONLY_WORKLOADS ]]; then
        local w kept_w=() short
        for w in "${WORKLOADS[@]}"; do
            short=${w%% *} && [[ $w != select-only* ]] || short=${w#select-only }
            [[ $short != tpc-b ]] || short=tpcb
            [[ ,$ONLY_WORKLOADS, != *",$short,"* ]] || kept_w+=("$w")
        done
        WORKLOADS=("${kept_w[@]}")
    fi
    if [[ ! -x $RAFTPOOL_DIST/bin/raftpool ]]; then
        command -v mvn >/dev/null || die "raftpool is not built ($RAFTPOOL_DIST/bin/raftpool is missing) and mvn is not installed"
        log "building raftpool: (cd $REPO_ROOT && mvn -B -q -DskipTests package)"
        (cd "$REPO_ROOT" && mvn -B -q -DskipTests package) || die "the raftpool build failed"
        [[ -x $RAFTPOOL_DIST/bin/raftpool ]] || die "the build did not produce $RAFTPOOL_DIST/bin/raftpool"
    fi
    ulimit -n "$(ulimit -Hn)" 2>/dev/null || true
    (($(ulimit -n) >= need)) || die "this run needs $need open files but the limit is $(ulimit -n) (ulimit -n)"
}

# is_running NAME: the background process NAME is alive, not a zombie, and its pid was not reused
# (same start time as when it was started). One read of /proc/PID/stat: fields after "(comm) ".
is_running() {
    local f
    read -ra f < <(sed 's/.*) //' "/proc/${PID[$1]-none}/stat" 2>/dev/null) || return 1
    [[ ${f[0]-Z} != [ZX] && ${f[19]-} == "${STARTED[$1]-}" ]]
}

# start_background NAME LOGFILE COMMAND...: a simple command run with & execs in the forked child,
# and setsid (not a group leader here), setpriv and env exec in place too, so PID[NAME] is the server's own
# pid (the JVM for raftpool). Every server runs under setsid, in its own session as under systemd (pg_ctl
# does the same for PostgreSQL): with the kernel's autogroup scheduling a server sharing pgbench's session
# would compete with pgbench's threads inside one group, and the servers would not be treated alike.
start_background() {
    local name=$1 logfile=$2 && shift 2
    "$@" >"$logfile" 2>&1 &
    PID[$name]=$!
    STARTED[$name]=$(sed 's/.*) //' "/proc/$!/stat" 2>/dev/null | cut -d ' ' -f 20 || true)
}

# Stops a background process: its STOP_SIGNAL, up to 15 s, then SIGKILL (Pgpool-II: its process group).
stop_background() {
    local name=$1 pid=${PID[$1]-} i
    [[ -n $pid ]] || return 0
    ! is_running "$name" || kill "-${STOP_SIGNAL[$name]}" "$pid" 2>/dev/null || true
    for ((i = 0; i < 150; i++)); do is_running "$name" || break; sleep 0.1; done
    if ((i == 150)); then
        echo "pgbench.sh: $name (pid $pid) did not stop in 15 s; killing it" >&2
        if [[ $name == pgpool ]]; then kill -KILL -- "-$pid"; else kill -KILL "$pid"; fi 2>/dev/null || true
    fi
    wait "$pid" 2>/dev/null || true
    unset "PID[$name]" "STARTED[$name]"
}

cleanup() {
    local name && set +e
    for name in holder relay raftpool pgpool pgbouncer; do stop_background "$name"; done
    ((PG_STARTED)) && "${AS_POSTGRES[@]}" "$PG_BIN/pg_ctl" -D "$WORK/pgdata" -m fast -w stop >/dev/null 2>&1
    if [[ -n $WORK && -d $WORK ]]; then
        if ((KEEP)); then echo "work directory kept: $WORK"; else rm -rf "$WORK"; fi
    fi
}

# N distinct free TCP ports on 127.0.0.1 (all bound at once, then released)
free_ports() { python3 -c 'import socket, sys
s = [socket.socket() for _ in range(int(sys.argv[1]))]
print(*[x.bind(("127.0.0.1", 0)) or x.getsockname()[1] for x in s])' "$1"; }

psql_at() { "$PG_BIN/psql" -X -q -At -h "$1" -p "$2" -U postgres -d postgres -c "$3"; }

# wait_until_ready NAME PORT LOGFILE: polls until a query through 127.0.0.1:PORT works; fails when the
# process dies or after 60 s, showing its log.
wait_until_ready() {
    local name=$1 port=$2 logfile=$3 deadline=$((SECONDS + 60))
    until PGCONNECT_TIMEOUT=3 psql_at 127.0.0.1 "$port" 'select 1' >/dev/null 2>&1; do
        if ! is_running "$name" || ((SECONDS > deadline)); then
            tail -n 20 "$logfile" >&2
            die "$name exited or accepted no connection within 60 s (its log, above: $logfile)"
        fi
        sleep 0.2
    done
}

start_postgres() {
    log "PostgreSQL: initdb, start on port ${PORT[direct]}, pgbench -i -s $SCALE"
    "${AS_POSTGRES[@]}" "$PG_BIN/initdb" -D "$WORK/pgdata" -U postgres --auth=trust -E UTF8 --no-sync \
        >"$WORK/initdb.log" 2>&1 || { cat "$WORK/initdb.log" >&2; die "initdb failed"; }
    cat >>"$WORK/pgdata/postgresql.conf" <<EOF
listen_addresses = '127.0.0.1'
port = ${PORT[direct]}
unix_socket_directories = '$WORK'
max_connections = $((IDLE_CLIENTS + 200))
shared_buffers = 128MB
fsync = off
synchronous_commit = off
EOF
    PG_STARTED=1
    "${AS_POSTGRES[@]}" "$PG_BIN/pg_ctl" -D "$WORK/pgdata" -l "$WORK/postgres.log" -w -t 120 start >/dev/null ||
        { tail -n 20 "$WORK/postgres.log" >&2; die "PostgreSQL did not start"; }
    "$PG_BIN/pgbench" -i -q -s "$SCALE" -h 127.0.0.1 -p "${PORT[direct]}" -U postgres postgres \
        >"$WORK/pgbench-init.log" 2>&1 || { cat "$WORK/pgbench-init.log" >&2; die "pgbench -i failed"; }
}

start_pgbouncer() {
    log "PgBouncer: start on port ${PORT[pgbouncer]}"
    echo '"postgres" ""' >"$WORK/userlist.txt"
    cat >"$WORK/pgbouncer.ini" <<EOF
[databases]
postgres = host=127.0.0.1 port=${PORT[direct]} dbname=postgres
[pgbouncer]
listen_addr = 127.0.0.1
listen_port = ${PORT[pgbouncer]}
unix_socket_dir = $WORK
auth_type = trust
auth_file = $WORK/userlist.txt
pool_mode = session
default_pool_size = $((CLIENTS + 4))
max_client_conn = $((IDLE_CLIENTS + CLIENTS + 10))
logfile = $WORK/pgbouncer.log
pidfile = $WORK/pgbouncer.pid
EOF
    start_background pgbouncer "$WORK/pgbouncer.stderr" setsid "${AS_POSTGRES[@]}" "$PGBOUNCER_BIN" "$WORK/pgbouncer.ini"
    wait_until_ready pgbouncer "${PORT[pgbouncer]}" "$WORK/pgbouncer.stderr"
}

# pool_conf PORT NUM_INIT_CHILDREN: the pgpool.conf lines Pgpool-II and raftpool share. Load balancing is
# off for both: with one backend it cannot help, and it makes raftpool classify every simple query.
pool_conf() {
    cat <<EOF
backend_clustering_mode = 'streaming_replication'
listen_addresses = '127.0.0.1'
port = $1
socket_dir = '$WORK'
backend_hostname0 = '127.0.0.1'
backend_port0 = ${PORT[direct]}
backend_weight0 = 1
num_init_children = $2
max_pool = 1
load_balance_mode = off
sr_check_user = 'postgres'
sr_check_period = 0
EOF
}

start_pgpool() {
    log "Pgpool-II: start on port ${PORT[pgpool]}"
    : >"$WORK/pcp.conf"; : >"$WORK/pool_hba.conf"; mkdir -p "$WORK/pgpool-log"
    pool_conf "${PORT[pgpool]}" $((CLIENTS + 4)) >"$WORK/pgpool.conf"
    cat >>"$WORK/pgpool.conf" <<EOF
pcp_listen_addresses = '127.0.0.1'
pcp_port = ${PORT[pcp]}
pcp_socket_dir = '$WORK'
wd_ipc_socket_dir = '$WORK'
pid_file_name = '$WORK/pgpool.pid'
logdir = '$WORK/pgpool-log'
enable_pool_hba = off
pool_passwd = ''
health_check_period = 0
use_watchdog = off
EOF
    # in its own process group (setsid), so that no child can outlive the run
    start_background pgpool "$WORK/pgpool.log" setsid "$PGPOOL_BIN" -n -f "$WORK/pgpool.conf" \
        -F "$WORK/pcp.conf" -a "$WORK/pool_hba.conf"
    wait_until_ready pgpool "${PORT[pgpool]}" "$WORK/pgpool.log"
}

# start_raftpool LABEL NUM_INIT_CHILDREN: runs the run's copy of the distribution in the foreground.
start_raftpool() {
    local conf="$WORK/raftpool-$1.conf" logfile="$WORK/raftpool-$1.log"
    log "raftpool: start on port ${PORT[raftpool]}, num_init_children = $2, RAFTPOOL_JAVA_OPTS=$JAVA_OPTS_USED"
    pool_conf "${PORT[raftpool]}" "$2" >"$conf"
    cat >>"$conf" <<EOF
logdir = '$WORK/raftpool-$1'
pcp_listen_addresses = '127.0.0.1'
pcp_port = ${PORT[raftpool_pcp]}
wd_port0 = ${PORT[raftpool_raft]}
EOF
    mkdir -p "$WORK/raftpool-$1"
    start_background raftpool "$logfile" setsid env RAFTPOOL_JAVA_OPTS="$JAVA_OPTS_USED" "$WORK/raftpool/bin/raftpool" \
        start -n -f "$conf"
    wait_until_ready raftpool "${PORT[raftpool]}" "$logfile"
    [[ $(cat "/proc/${PID[raftpool]}/comm") == java ]] || die "raftpool's pid ${PID[raftpool]} is not the JVM"
}

# start_relay: bench/NettyRelay.java on the run's raftpool jars, with the JVM options raftpool runs with.
start_relay() {
    local java=${JAVA_HOME:+$JAVA_HOME/bin/}java
    log "relay: start on port ${PORT[relay]} (bench/NettyRelay.java)"
    # shellcheck disable=SC2086 # the options are meant to be split into words
    start_background relay "$WORK/relay.log" setsid "$java" -XX:+UseG1GC -XX:MaxGCPauseMillis=50 \
        -Dio.netty.leakDetection.level=disabled $JAVA_OPTS_USED -cp "$WORK/raftpool/lib/*" \
        "$SCRIPT_DIR/NettyRelay.java" "${PORT[relay]}" "${PORT[direct]}"
    wait_until_ready relay "${PORT[relay]}" "$WORK/relay.log"
}

# run_pgbench TARGET WORKLOAD RUN: one pgbench run; records TPS and latency as run RUN (1..REPEAT) unless
# RUN is "warm-up".
run_pgbench() {
    local target=$1 workload=$2 run=$3 duration=$DURATION out="$WORK/pgbench-$1-${2// /-}-$3.out"
    local args tps lat failed
    read -ra args <<<"${WORKLOAD_ARGS[$workload]}"
    [[ $run != warm-up ]] || duration=$WARMUP
    # timeout: a proxy that stops answering must not hang the run
    if ! timeout -k 5 $((duration + 60)) "$PG_BIN/pgbench" "${args[@]}" -c "$CLIENTS" -j "$((CLIENTS < 2 ? 1 : 2))" -T "$duration" -n \
        -h 127.0.0.1 -p "${PORT[$target]}" -U postgres postgres >"$out" 2>&1; then
        note "pgbench $workload through $target failed or timed out: $(grep -v '^pgbench: client' "$out" | tail -n 3 | tr '\n' ' ')"
    fi
    tps=$(sed -n 's/^tps = \([0-9.]*\) (without initial connection time)$/\1/p' "$out")
    lat=$(sed -n 's/^latency average = \([0-9.]*\) ms$/\1/p' "$out")
    failed=$(sed -n 's/^number of failed transactions: \([0-9]*\).*/\1/p' "$out")
    [[ ${failed:-0} == 0 ]] || note "pgbench $workload through $target: $failed failed transactions"
    [[ $run != warm-up ]] || return 0
    if [[ -n $tps && -n $lat ]]; then
        TPS_RUNS[$workload|$target]+=" $tps"
        TPS_OF_RUN[$workload|$target|$run]=$tps
        LAT_RUNS[$workload|$target]+=" $lat"
        log "  $target: $tps tps, latency $lat ms"
    else
        note "pgbench $workload through $target printed no tps/latency (output: $out)"
    fi
}

# has_target NAME: NAME is measured in this run
has_target() { [[ " ${TARGETS[*]} " == *" $1 "* ]]; }

median() {
    tr ' ' '\n' <<<"$1" | sort -g |
        awk 'NF {v[++n] = $1} END {if (n) print (n % 2) ? v[(n + 1) / 2] : (v[n / 2] + v[n / 2 + 1]) / 2}'
}

ratio() { if [[ -n $1 && -n $2 ]]; then awk -v a="$1" -v b="$2" 'BEGIN {printf "%.2f", a / b}'; else echo n/a; fi; }

# paired_ratio A B WORKLOAD: the TPS ratio A/B of the workload's runs paired by repeat (the two ran in the
# same repeat, close together, so machine-wide slowdowns hit both). Prints "MEAN LOW HIGH WINS PAIRS SIDE":
# the geometric mean of the ratios with its 95 % confidence interval (Student's t on the logarithms), in how
# many pairs A was ahead, and SIDE 1 when the interval lies above 1, -1 below, 0 when it contains 1 (decided
# before rounding). Prints nothing with fewer than 2 pairs.
paired_ratio() {
    local a=$1 b=$2 w=$3 i pairs=""
    for ((i = 1; i <= REPEAT; i++)); do
        [[ -z ${TPS_OF_RUN[$w|$a|$i]-} || -z ${TPS_OF_RUN[$w|$b|$i]-} ]] ||
            pairs+="${TPS_OF_RUN[$w|$a|$i]} ${TPS_OF_RUN[$w|$b|$i]}"$'\n'
    done
    awk 'NF == 2 && $1 > 0 && $2 > 0 {x[++n] = log($1 / $2); s += x[n]; wins += ($1 > $2)}
        END {
            if (n < 2) exit
            split("12.706 4.303 3.182 2.776 2.571 2.447 2.365 2.306 2.262 2.228 2.201 2.179 2.160 2.145 " \
                "2.131 2.120 2.110 2.101 2.093 2.086 2.080 2.074 2.069 2.064 2.060 2.056 2.052 2.048 2.045 2.042", t)
            df = n - 1; q = (df <= 30) ? t[df] : 1.96 + (1.96 ^ 3 + 1.96) / (4 * df)
            m = s / n; for (i = 1; i <= n; i++) v += (x[i] - m) ^ 2
            h = q * sqrt(v / df / n)
            printf "%.3f %.3f %.3f %d %d %d\n", exp(m), exp(m - h), exp(m + h), wins, n, (m - h > 0) - (m + h < 0)
        }' <<<"$pairs"
}

# The paired ratios of every repeat, per workload, with a verdict on raftpool against PgBouncer for each
# select-only workload (REPEAT >= 2).
print_paired_ratios() {
    local pair w r verdict
    printf '\npaired TPS ratios: run i of one target over run i of the other (the same repeat), geometric mean\n'
    printf 'with its 95 %% confidence interval, and in how many pairs the first target was ahead\n'
    for pair in raftpool/pgbouncer raftpool/pgpool raftpool/relay relay/pgbouncer; do
        if ! has_target "${pair%/*}" || ! has_target "${pair#*/}"; then continue; fi
        for w in "${WORKLOADS[@]}"; do
            read -r -a r <<<"$(paired_ratio "${pair%/*}" "${pair#*/}" "$w")"
            ((${#r[@]} == 6)) || continue
            printf '%-21s| %-19s %s [%s, %s], ahead in %d of %d\n' "$w" "$pair:" "${r[@]:0:5}"
        done
    done
    has_target raftpool && has_target pgbouncer || return 0
    for w in "${WORKLOADS[@]}"; do
        [[ $w == select-only* ]] || continue
        read -r -a r <<<"$(paired_ratio raftpool pgbouncer "$w")"
        ((${#r[@]} == 6)) || continue
        case ${r[5]} in
            1) verdict="raftpool ahead (the interval lies above 1)" ;;
            -1) verdict="raftpool behind (the interval lies below 1)" ;;
            *) verdict="level within this run's noise (the interval contains 1)" ;;
        esac
        printf '%s, raftpool against PgBouncer: %s\n' "$w" "$verdict"
    done
}

# measure_idle_memory NAME: the proxy NAME's VmRSS before and while IDLE_CLIENTS idle clients are
# connected (hold_connections.py checks that every one completed startup and is still open).
measure_idle_memory() {
    local name=$1 out="$WORK/hold-$1.out" line="" backends0 backends deadline=$((SECONDS + 120 + IDLE_CLIENTS / 20))
    # PostgreSQL's client backends on TCP (psql_at "$WORK" comes over the Unix socket: not counted)
    local sql="select count(*) from pg_stat_activity where backend_type = 'client backend' and client_addr is not null"
    backends0=$(psql_at "$WORK" "${PORT[direct]}" "$sql")
    log "$name: opening $IDLE_CLIENTS idle connections"
    start_background holder "$out" python3 "$SCRIPT_DIR/hold_connections.py" --port "${PORT[$name]}" \
        --count "$IDLE_CLIENTS" --pid "${PID[$name]}"
    until line=$(grep '^READY' "$out") || ! is_running holder || ((SECONDS > deadline)); do sleep 0.2; done
    backends=$(($(psql_at "$WORK" "${PORT[direct]}" "$sql") - backends0))
    stop_background holder
    if [[ $line != "READY established=$IDLE_CLIENTS alive=$IDLE_CLIENTS: "* ]]; then
        MEMORY[$name]="failed (see the notes)"
        note "$name idle test failed: $(tr '\n' ' ' <"$out")"
    else
        MEMORY[$name]="${line#*: } (PostgreSQL backends held: $backends)"
        log "$name: ${MEMORY[$name]}"
    fi
}

# The TPS/latency table and the TPS ratio table (medians over the runs; "-" or n/a when missing).
print_tables() {
    local w t tps lat columns=(direct pgbouncer pgpool raftpool)
    local ratios=(pgbouncer/direct pgpool/direct raftpool/direct raftpool/pgbouncer raftpool/pgpool)
    if has_target relay; then columns+=(relay) ratios+=(relay/pgbouncer raftpool/relay); fi
    printf '\n%-21s' workload
    printf '| %-20s' "${columns[@]/%/ tps \/ ms}"
    for w in "${WORKLOADS[@]}"; do
        printf '\n%-21s' "$w"
        for t in "${columns[@]}"; do
            tps=$(median "${TPS_RUNS[$w|$t]-}") lat=$(median "${LAT_RUNS[$w|$t]-}")
            if [[ -n $tps ]]; then printf '| %9.1f / %-8.3f' "$tps" "$lat"; else printf '| %-20s' "-"; fi
        done
    done
    printf '\n\n%-21s' "TPS ratio"
    printf '| %-19s' "${ratios[@]}"
    for w in "${WORKLOADS[@]}"; do
        printf '\n%-21s' "$w"
        for t in "${ratios[@]}"; do
            printf '| %-19s' "$(ratio "$(median "${TPS_RUNS[$w|${t%/*}]-}")" "$(median "${TPS_RUNS[$w|${t#*/}]-}")")"
        done
    done
    if ((REPEAT > 1)); then
        # every run, so that the spread behind each median can be judged
        printf '\n\n%-21s| %s' "TPS of each run" "target: run 1, run 2, ..."
        for w in "${WORKLOADS[@]}"; do
            for t in "${columns[@]}"; do
                [[ -z ${TPS_RUNS[$w|$t]-} ]] ||
                    printf '\n%-21s| %s: %s' "$w" "$t" "$(awk '{for (i = 1; i <= NF; i++) printf "%s%.0f", (i > 1 ? ", " : ""), $i}' <<<"${TPS_RUNS[$w|$t]}")"
            done
        done
    fi
    echo
    ((REPEAT < 2)) || print_paired_ratios
}

print_summary() {
    local rev="" transport="" java=${JAVA_HOME:+$JAVA_HOME/bin/}java
    if rev=$(git -C "$REPO_ROOT" rev-parse --short HEAD 2>/dev/null); then
        [[ -z $(git -C "$REPO_ROOT" status --porcelain --untracked-files=no) ]] || rev+=" + uncommitted changes"
        rev=" (built from git $rev)"
    fi
    printf '\n=========================== raftpool benchmark summary ===========================\n'
    echo "command: $COMMAND_LINE   (run $(date -u '+%Y-%m-%d %H:%M UTC'))"
    echo "machine: $(nproc) CPUs ($(awk -F': ' '/^model name/ {print $2; exit}' /proc/cpuinfo)), $(awk '/^MemTotal/ {printf "%.1f GiB", $2 / 1048576}' /proc/meminfo) RAM, Linux $(uname -r)"
    echo "load:    load average $LOAD_AT_START at the start, $(cut -d ' ' -f 1-3 /proc/loadavg) at the end (other work skews results)"
    echo "versions:"
    echo "  PostgreSQL $(psql_at "$WORK" "${PORT[direct]}" 'show server_version'), $("$PG_BIN/pgbench" --version)"
    if [[ -x $PGBOUNCER_BIN ]]; then echo "  $("$PGBOUNCER_BIN" --version | head -n 1)"; else echo "  PgBouncer: not installed"; fi
    if [[ -x $PGPOOL_BIN ]]; then echo "  $("$PGPOOL_BIN" --version 2>&1 | head -n 1)"; else echo "  Pgpool-II: not installed"; fi
    echo "  $("$WORK/raftpool/bin/raftpool" --version | head -n 1)$rev"
    echo "  $("$java" -version 2>&1 | head -n 1), RAFTPOOL_JAVA_OPTS=$JAVA_OPTS_USED"
    transport=$(grep -ho '([a-z_]* transport)' "$WORK"/raftpool-*.log 2>/dev/null | head -n 1 | sed 's/[()]//g; s/ transport//')
    echo "  raftpool's Netty transport: ${transport:-unknown} (-Draftpool.transport=epoll|nio in RAFTPOOL_JAVA_OPTS chooses another)"
    cat <<EOF
setup:   one PostgreSQL primary, shared_buffers=128MB, fsync=off, synchronous_commit=off (benchmark only).
         pgbench -s $SCALE -c $CLIENTS -j $((CLIENTS < 2 ? 1 : 2)) -T $DURATION -n over TCP on 127.0.0.1; median of $REPEAT run(s) per cell,
         after a $WARMUP s warm-up run of each workload per target. Session pooling: PgBouncer
         pool_mode=session; Pgpool-II and raftpool num_init_children=$((CLIENTS + 4)), max_pool=1,
         load_balance_mode=off (one backend).
         pgbench, the proxy and PostgreSQL share these $(nproc) cores, so a proxy's CPU is taken from the
         others: compare the ratios rather than the absolute TPS.
EOF
    ! has_target relay || echo "         relay: bench/NettyRelay.java, a byte-for-byte Netty relay (no parsing, no pooling), with raftpool's JVM options."
    print_tables | sed 's/ *$//'
    if ((IDLE_CLIENTS > 0)); then
        echo
        echo "idle clients ($IDLE_CLIENTS connections that completed startup and sit idle; VmRSS of a freshly started proxy):"
        echo "  raftpool (the JVM, num_init_children=$((IDLE_CLIENTS + 10))): ${MEMORY[raftpool]-not measured}"
        echo "  PgBouncer: ${MEMORY[pgbouncer]-not measured}"
        echo "  (raftpool, like Pgpool-II, holds a PostgreSQL backend per client; PgBouncer only once a client sends a"
        echo "  query. The backends' memory is not counted.)"
    fi
    ((${#NOTES[@]} == 0)) || printf '\nnotes:\n%s\n' "$(printf '  - %s\n' "${NOTES[@]}")"
    echo "=================================================================================="
}

# Notes raftpool's warnings, errors and exceptions (each text once, timestamps and thread names removed).
report_raftpool_log_problems() {
    local line
    while IFS= read -r line; do note "raftpool log, $line"; done < <(grep -hE '(^| )(WARN|WARNING|ERROR)[: ]|Exception' \
        "$WORK"/raftpool-*.log | sed -E 's/^[0-9-]+ [0-9:.]+ +//; s/\[[^]]*\] //' | sort | uniq -c | sort -rn |
        sed -E 's/^ *([0-9]+) /\1 x: /' | head -n 8 || true)
}

main() {
    local t w i
    parse_args "$@"
    check_prerequisites
    WORK=$(mktemp -d /tmp/raftpool-bench.XXXXXX)
    trap cleanup EXIT
    trap 'exit 130' INT; trap 'exit 143' TERM
    chmod 755 "$WORK"
    if ((EUID == 0)); then
        chown postgres: "$WORK"
        AS_POSTGRES=(setpriv --reuid=postgres --regid=postgres --init-groups -- env HOME="$WORK")
    fi
    # the run's own copy, so that a rebuild of the distribution during the run cannot change what runs
    cp -a "$RAFTPOOL_DIST" "$WORK/raftpool"
    read -r "PORT[direct]" "PORT[pgbouncer]" "PORT[pgpool]" "PORT[pcp]" "PORT[raftpool]" "PORT[raftpool_pcp]" \
        "PORT[raftpool_raft]" "PORT[relay]" <<<"$(free_ports 8)"
    log "work directory $WORK; targets: ${TARGETS[*]};" \
        "about $((${#WORKLOADS[@]} * (REPEAT * DURATION + WARMUP) * ${#TARGETS[@]} / 60 + 1)) minutes of pgbench"
    start_postgres
    ! has_target pgbouncer || start_pgbouncer
    ! has_target pgpool || start_pgpool
    ! has_target raftpool || start_raftpool bench $((CLIENTS + 4))
    ! has_target relay || start_relay
    if ((WARMUP > 0)); then
        log "warm-up: ${WARMUP} s of each workload per target"
        for t in "${TARGETS[@]}"; do
            for w in "${WORKLOADS[@]}"; do run_pgbench "$t" "$w" warm-up; done
        done
    fi
    for ((i = 1; i <= REPEAT; i++)); do
        # each repeat starts one target later, so that no target always runs right after the same one
        local order=("${TARGETS[@]:$(((i - 1) % ${#TARGETS[@]}))}" "${TARGETS[@]:0:$(((i - 1) % ${#TARGETS[@]}))}")
        for w in "${WORKLOADS[@]}"; do
            log "run $i/$REPEAT: $w (order: ${order[*]})"
            for t in "${order[@]}"; do run_pgbench "$t" "$w" "$i"; done
        done
    done
    for t in relay raftpool pgpool pgbouncer; do stop_background "$t"; done
    if ((IDLE_CLIENTS > 0)) && has_target raftpool; then
        start_raftpool idle $((IDLE_CLIENTS + 10))
        measure_idle_memory raftpool
        stop_background raftpool
        if has_target pgbouncer; then
            start_pgbouncer
            measure_idle_memory pgbouncer
            stop_background pgbouncer
        fi
    fi
    report_raftpool_log_problems
    print_summary
}

main "$@"
