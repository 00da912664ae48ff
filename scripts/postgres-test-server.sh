#!/usr/bin/env bash
# Throwaway PostgreSQL server for the store tests (loopback only, trust auth).
#
#   scripts/postgres-test-server.sh start   # prints postgresql+psycopg://postgres@127.0.0.1:PORT/workradar_test
#   scripts/postgres-test-server.sh url     # prints the URL of the running server
#   scripts/postgres-test-server.sh stop    # stops it and deletes its files
#
# State lives in $WORKRADAR_PG_DIR (default: ${TMPDIR:-/tmp}/workradar-pg-$(id -un)).
# `start` on a directory whose server is already running just prints its URL.
# Finds initdb/pg_ctl on PATH, via pg_config, or under /usr/lib/postgresql/*/bin;
# when none is found and we are root with apt-get, installs the `postgresql` package.
# initdb refuses to run as root, so as root the cluster belongs to the `postgres` user.
# Everything except the URL goes to stderr, so `URL=$(... start)` works.
set -euo pipefail

DB_NAME=workradar_test
STATE_DIR=${WORKRADAR_PG_DIR:-${TMPDIR:-/tmp}/workradar-pg-$(id -un)}
DATA_DIR=$STATE_DIR/data

say() { echo "postgres-test-server: $*" >&2; }
die() { say "error: $*"; exit 1; }

find_bindir() {
    # A usable directory holds all the tools we run (PATH entries are often
    # lone symlinks, e.g. /usr/local/bin/pg_ctl, so follow them).
    local candidate candidates=()
    if command -v pg_ctl >/dev/null 2>&1; then
        candidates+=("$(dirname "$(readlink -f "$(command -v pg_ctl)")")")
    fi
    if command -v pg_config >/dev/null 2>&1; then
        candidates+=("$(pg_config --bindir 2>/dev/null || true)")
    fi
    # Newest version first.
    candidates+=($(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r) /usr/local/pgsql/bin)
    for candidate in "${candidates[@]}"; do
        if [[ -n $candidate && -x $candidate/initdb && -x $candidate/pg_ctl && -x $candidate/createdb ]]; then
            echo "$candidate"; return 0
        fi
    done
    return 1
}

install_postgres() {
    if [[ $(id -u) -ne 0 ]] || ! command -v apt-get >/dev/null 2>&1; then
        die "PostgreSQL server binaries (initdb, pg_ctl) not found; install PostgreSQL (e.g. apt-get install postgresql)"
    fi
    say "installing PostgreSQL with apt-get"
    DEBIAN_FRONTEND=noninteractive apt-get install -y postgresql >&2 \
        || { apt-get update >&2 && DEBIAN_FRONTEND=noninteractive apt-get install -y postgresql >&2; } \
        || die "apt-get install postgresql failed"
}

# Run a command as the cluster owner: ourselves, or `postgres` when we are root.
as_owner() {
    if [[ $(id -u) -eq 0 ]]; then
        runuser -u postgres -- "$@"
    else
        "$@"
    fi
}

free_port() {
    python3 - <<'PY'
import socket
with socket.socket() as s:
    s.bind(("127.0.0.1", 0))
    print(s.getsockname()[1])
PY
}

running() { [[ -f $STATE_DIR/ready && -f $DATA_DIR/postmaster.pid ]] && as_owner "$BINDIR/pg_ctl" -D "$DATA_DIR" status >/dev/null 2>&1; }

print_url() { echo "postgresql+psycopg://postgres@127.0.0.1:$(cat "$STATE_DIR/port")/$DB_NAME"; }

cmd_start() {
    if running; then print_url; return 0; fi
    rm -rf "$STATE_DIR"
    mkdir -p "$STATE_DIR"
    if [[ $(id -u) -eq 0 ]]; then
        id postgres >/dev/null 2>&1 || useradd --system --no-create-home --shell /usr/sbin/nologin postgres \
            || die "no 'postgres' user and could not create one"
        chown postgres "$STATE_DIR"
    fi
    chmod 700 "$STATE_DIR"
    as_owner test -w "$STATE_DIR" \
        || die "the cluster owner cannot write $STATE_DIR (are its parent directories searchable?)"
    local locale=C
    if locale -a 2>/dev/null | grep -qiE '^c\.utf-?8$'; then locale=C.UTF-8; fi
    [[ $locale == C ]] && say "warning: no C.UTF-8 locale; non-ASCII case folding in search will be limited"
    as_owner "$BINDIR/initdb" -D "$DATA_DIR" -U postgres --auth=trust --encoding=UTF8 --locale="$locale" \
        >"$STATE_DIR/initdb.log" 2>&1 || { cat "$STATE_DIR/initdb.log" >&2; die "initdb failed"; }
    local attempt port
    for attempt in 1 2 3 4 5; do
        port=$(free_port)
        # fsync etc. off: a throwaway test server trades durability for speed.
        if as_owner "$BINDIR/pg_ctl" -D "$DATA_DIR" -l "$STATE_DIR/server.log" -w -t 60 start \
            -o "-h 127.0.0.1 -p $port -k $STATE_DIR -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
            >&2; then
            echo "$port" >"$STATE_DIR/port"
            break
        fi
        say "start on port $port failed (attempt $attempt)"
        tail -n 5 "$STATE_DIR/server.log" >&2 || true
    done
    [[ -f $STATE_DIR/port ]] || die "could not start the server; log: $STATE_DIR/server.log"
    if ! as_owner "$BINDIR/createdb" -h 127.0.0.1 -p "$port" -U postgres "$DB_NAME" >&2; then
        as_owner "$BINDIR/pg_ctl" -D "$DATA_DIR" -m immediate stop >&2 || true
        die "createdb $DB_NAME failed"
    fi
    touch "$STATE_DIR/ready"
    say "running, data in $DATA_DIR"
    print_url
}

cmd_stop() {
    if [[ -d $DATA_DIR ]] && running; then
        as_owner "$BINDIR/pg_ctl" -D "$DATA_DIR" -m fast -w stop >&2 || say "pg_ctl stop failed"
    fi
    rm -rf "$STATE_DIR"
}

main() {
    local action=${1:-}
    case $action in
        start|stop|url) ;;
        *) echo "usage: $0 start|url|stop   (state dir: \$WORKRADAR_PG_DIR, now $STATE_DIR)" >&2; exit 2 ;;
    esac
    BINDIR=$(find_bindir) || { [[ $action == start ]] && install_postgres && BINDIR=$(find_bindir); } \
        || die "PostgreSQL server binaries not found"
    case $action in
        start) cmd_start ;;
        stop) cmd_stop ;;
        url) running || die "no server running in $STATE_DIR"; print_url ;;
    esac
}

main "$@"
