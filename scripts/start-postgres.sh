#!/usr/bin/env bash
# A private PostgreSQL server for sourcecheck's tests: installs Debian's server when it is missing,
# creates a cluster under $PGDATA_DIR once, starts it on 127.0.0.1:$PGPORT if it is not running,
# and prints the URL of its `sourcecheck` database. Idempotent; run as root (CI) or as a user who
# can run pg_ctl. A test server only: fsync is off.
set -euo pipefail
PGPORT="${SOURCECHECK_PG_PORT:-54329}"
PGDATA_DIR="${SOURCECHECK_PG_DATA:-/tmp/sourcecheck-pg-$PGPORT}"
URL="postgresql://sourcecheck:sourcecheck@127.0.0.1:$PGPORT/sourcecheck"

find_bin() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1; }
BIN="$(find_bin)"
if [ -z "$BIN" ] || [ ! -x "$BIN/postgres" ]; then
    if [ "$(id -u)" != 0 ]; then
        echo "PostgreSQL server not installed and not root: apt-get install postgresql" >&2; exit 1
    fi
    echo "installing PostgreSQL from Debian's packages..." >&2
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >&2 && apt-get install -y -qq postgresql >&2
    BIN="$(find_bin)"
fi

# initdb and postgres refuse to run as root: run them as the postgres user
if [ "$(id -u)" = 0 ]; then
    id postgres >/dev/null 2>&1 || useradd --system --home-dir /var/lib/postgresql postgres
    as_pg() { runuser -u postgres -- "$@"; }
else
    as_pg() { "$@"; }
fi

if [ ! -s "$PGDATA_DIR/PG_VERSION" ]; then
    mkdir -p "$PGDATA_DIR"
    [ "$(id -u)" = 0 ] && chown postgres: "$PGDATA_DIR"
    chmod 700 "$PGDATA_DIR"
    # the socket lives in the data folder (mode 700): trusted there, a password over TCP
    as_pg "$BIN/initdb" -D "$PGDATA_DIR" -U postgres --auth-local=trust --auth-host=scram-sha-256 -E UTF8 \
        --locale=C.UTF-8 >/dev/null
fi

if ! as_pg "$BIN/pg_ctl" -D "$PGDATA_DIR" status >/dev/null 2>&1; then
    if ! as_pg "$BIN/pg_ctl" -D "$PGDATA_DIR" -w -t 60 -l "$PGDATA_DIR/server.log" start \
        -o "-p $PGPORT -k $PGDATA_DIR -c listen_addresses=127.0.0.1 -c max_connections=200 -c fsync=off" >&2; then
        tail -n 20 "$PGDATA_DIR/server.log" >&2 || true  # e.g. the port taken by another server
        exit 1
    fi
fi

psql_pg() { as_pg "$BIN/psql" -h "$PGDATA_DIR" -p "$PGPORT" -U postgres -d postgres -v ON_ERROR_STOP=1 -qtA "$@"; }
if [ "$(psql_pg -c "SELECT 1 FROM pg_roles WHERE rolname='sourcecheck'")" != 1 ]; then
    psql_pg -c "CREATE ROLE sourcecheck LOGIN CREATEDB"
fi
psql_pg -c "ALTER ROLE sourcecheck PASSWORD 'sourcecheck'"
if [ "$(psql_pg -c "SELECT 1 FROM pg_database WHERE datname='sourcecheck'")" != 1 ]; then
    psql_pg -c "CREATE DATABASE sourcecheck OWNER sourcecheck"
fi
echo "$URL"
