#!/usr/bin/env bash
# Starts a throwaway PostgreSQL cluster on loopback for tests and benchmarks; prints its URL.
# Usage: scripts/pg-test-server.sh start [PORT]  |  scripts/pg-test-server.sh stop
set -euo pipefail
PORT="${2:-55432}"
DIR="${PG_TEST_DIR:-/tmp/advo-pg-$PORT}"
BIN="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)"
[ -x "$BIN/pg_ctl" ] || { echo "PostgreSQL server binaries not found (apt-get install -y postgresql)" >&2; exit 1; }
RUN_AS=()
if [ "$(id -u)" = "0" ]; then RUN_AS=(runuser -u postgres --); fi

case "${1:-start}" in
  start)
    if [ ! -f "$DIR/PG_VERSION" ]; then
      mkdir -p "$DIR"
      [ "$(id -u)" = "0" ] && chown postgres:postgres "$DIR"
      "${RUN_AS[@]}" "$BIN/initdb" -D "$DIR" -U advo --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
    fi
    # A parallel query runs its leader and its workers as processes of their own: more of them than cores
    # slows them all. PostgreSQL's default is 2 workers whatever the machine; on 2 cores, 1 (README.md,
    # PostgreSQL: a segment count over 1,000,000 contacts took 372–429 ms with 1 worker, 590–646 ms with 2).
    CORES=$(nproc)
    WORKERS=$((CORES - 1 < 2 ? CORES - 1 : 2))
    if ! "${RUN_AS[@]}" "$BIN/pg_ctl" -D "$DIR" status >/dev/null 2>&1; then
      "${RUN_AS[@]}" "$BIN/pg_ctl" -D "$DIR" -l "$DIR/server.log" -w -t 60 \
        -o "-p $PORT -k $DIR -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200 -c max_parallel_workers_per_gather=$WORKERS" start >/dev/null
    fi
    "${RUN_AS[@]}" "$BIN/psql" -h 127.0.0.1 -p "$PORT" -U advo -d postgres -tAc "select 1 from pg_database where datname='advo_test'" | grep -q 1 ||
      "${RUN_AS[@]}" "$BIN/createdb" -h 127.0.0.1 -p "$PORT" -U advo advo_test
    echo "postgres://advo@127.0.0.1:$PORT/advo_test"
    ;;
  stop)
    "${RUN_AS[@]}" "$BIN/pg_ctl" -D "$DIR" -m fast stop >/dev/null 2>&1 || true
    ;;
  *) echo "usage: $0 start|stop [PORT]" >&2; exit 2 ;;
esac
