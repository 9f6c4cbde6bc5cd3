#!/usr/bin/env bash
# Runs a private PostgreSQL server for Ml.Sdk's tests, idempotently.
#
#   eng/postgres.sh start   creates the cluster if needed, starts it if it is not running, waits until it accepts
#                           connections and makes sure the role `mlsdk` (password `mlsdk`, CREATEDB) exists
#   eng/postgres.sh stop    stops the server if it runs
#   eng/postgres.sh url     prints the Npgsql connection string for the role `mlsdk`
#
# The cluster lives in ${MLSDK_PG_DIR:-/tmp/ml-sdk-postgres} (data/, socket directory run/, server.log) and listens only
# on 127.0.0.1, port ${MLSDK_PG_PORT:-55432}. The server never runs as root: when this script runs as root, the cluster
# belongs to the system user `postgres` and every server command runs as that user. It is a throwaway test cluster:
# fsync is off. On Debian, a missing PostgreSQL is installed with apt (package `postgresql`); elsewhere the script says
# what to install. Every line it prints starts with "postgres:".
set -euo pipefail

say() { printf 'postgres: %s\n' "$*" >&2; }

dir=${MLSDK_PG_DIR:-/tmp/ml-sdk-postgres}
port=${MLSDK_PG_PORT:-55432}
data="$dir/data"
sockets="$dir/run"
log="$dir/server.log"
role=mlsdk
password=mlsdk

usage() { echo "usage: $0 start|stop|url" >&2; exit 2; }

url() { printf 'Host=127.0.0.1;Port=%s;Username=%s;Password=%s;Database=postgres\n' "$port" "$role" "$password"; }

# Finds the directory with initdb, pg_ctl, pg_isready and psql; Debian keeps them under /usr/lib/postgresql/N/bin.
find_bin() {
  local candidate
  if command -v initdb >/dev/null 2>&1 && command -v pg_ctl >/dev/null 2>&1; then
    candidate=$(dirname "$(readlink -f "$(command -v initdb)")")
    if [ -x "$candidate/pg_ctl" ] && [ -x "$candidate/psql" ]; then echo "$candidate"; return 0; fi
  fi
  for candidate in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do
    if [ -x "$candidate/initdb" ] && [ -x "$candidate/pg_ctl" ]; then echo "$candidate"; return 0; fi
  done
  return 1
}

ensure_installed() {
  if bin=$(find_bin); then return 0; fi
  local os_id=unknown
  if [ -r /etc/os-release ]; then
    # shellcheck disable=SC1091
    os_id=$(. /etc/os-release && echo "${ID:-unknown}")
  fi
  if [ "$os_id" = debian ] || [ "$os_id" = ubuntu ]; then
    if [ "$(id -u)" -ne 0 ]; then say "PostgreSQL is not installed: run 'sudo apt-get install postgresql' (or eng/bootstrap.sh as root)"; exit 1; fi
    say "PostgreSQL is not installed: installing the package 'postgresql' with apt"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
    bin=$(find_bin) || { say "installed 'postgresql' but found no initdb"; exit 1; }
  else
    say "PostgreSQL (initdb, pg_ctl, psql) is not installed: install the PostgreSQL server package of your distribution (15 or later) and run this script again"
    exit 1
  fi
}

# Runs a server command as the cluster's owner: `postgres` when this script runs as root, else the current user.
as_owner() {
  if [ "$(id -u)" -eq 0 ]; then (cd / && runuser -u postgres -- "$@"); else "$@"; fi
}

running() { [ -f "$data/PG_VERSION" ] && as_owner "$bin/pg_ctl" status -D "$data" >/dev/null 2>&1; }

ready() { "$bin/pg_isready" -q -h 127.0.0.1 -p "$port" -d postgres >/dev/null 2>&1; }

psql_admin() { as_owner "$bin/psql" -X -q -v ON_ERROR_STOP=1 -h "$sockets" -p "$port" -U postgres -d postgres "$@"; }

create_cluster() {
  mkdir -p "$dir"
  if [ "$(id -u)" -eq 0 ]; then chown postgres:postgres "$dir"; fi
  chmod 0700 "$dir"
  as_owner mkdir -p "$sockets"
  if [ -f "$data/PG_VERSION" ]; then
    say "cluster already exists in $data"
    return 0
  fi
  say "creating a cluster in $data (owner $( [ "$(id -u)" -eq 0 ] && echo postgres || id -un))"
  # Local (unix socket) connections trust the OS user; TCP connections need a password (SCRAM).
  as_owner "$bin/initdb" -D "$data" -U postgres -E UTF8 --locale=C --auth-local=trust --auth-host=scram-sha-256 >/dev/null
  as_owner sh -c "cat >> '$data/postgresql.conf'" <<CONF

# Ml.Sdk test cluster (eng/postgres.sh): loopback only, sockets inside the cluster folder, no durability.
listen_addresses = '127.0.0.1'
unix_socket_directories = '$sockets'
fsync = off
synchronous_commit = off
full_page_writes = off
max_connections = 200
CONF
}

start() {
  ensure_installed
  create_cluster
  if running; then
    say "server already running (cluster $data, port $port)"
  else
    if ready; then
      say "port $port on 127.0.0.1 is taken by another server: stop it or set MLSDK_PG_PORT"; exit 1
    fi
    say "starting the server on 127.0.0.1:$port (log $log)"
    if ! as_owner "$bin/pg_ctl" start -D "$data" -l "$log" -w -t 60 -o "-p $port" >/dev/null; then
      say "the server did not start; last lines of $log:"; tail -n 20 "$log" >&2 || true; exit 1
    fi
  fi
  local tries=0
  until ready; do
    tries=$((tries + 1))
    if [ "$tries" -ge 60 ]; then say "the server does not accept connections on 127.0.0.1:$port"; exit 1; fi
    sleep 0.5
  done
  if [ "$(psql_admin -tA -c "SELECT 1 FROM pg_roles WHERE rolname = '$role'")" = 1 ]; then
    say "role $role already exists"
  else
    psql_admin -c "CREATE ROLE $role LOGIN CREATEDB PASSWORD '$password'"
    say "created role $role (CREATEDB)"
  fi
  say "accepting connections: $(url)"
}

stop() {
  if ! bin=$(find_bin); then say "PostgreSQL is not installed: nothing to stop"; return 0; fi
  if running; then
    as_owner "$bin/pg_ctl" stop -D "$data" -m fast -w >/dev/null
    say "stopped the server (cluster $data)"
  else
    say "server not running (cluster $data): nothing to do"
  fi
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  url) url ;;
  *) usage ;;
esac
