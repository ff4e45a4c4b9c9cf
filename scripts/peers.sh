#!/usr/bin/env bash
# Installs and runs the peer databases NoKV is compared with (PostgreSQL, Redis) as private
# instances on loopback. Debian's packages also create and (where services may start) run a
# default cluster/service; nothing here uses or touches those: every instance gets its own
# directory and port. Run with --help for the commands.
set -euo pipefail

PROG=peers.sh
PG_USER=nokv
PG_PASSWORD=nokv
PG_DATABASE=nokv
# Exit codes: 0 ok, 1 failure, 2 usage error, 3 the peer is not installed.
EXIT_USAGE=2
EXIT_NOT_INSTALLED=3

usage() {
  cat <<'EOF'
Usage: scripts/peers.sh COMMAND [OPTIONS]

Installs and runs the databases NoKV's benchmarks compare with, as private instances that listen
on 127.0.0.1 only. Nothing uses the default cluster or service that Debian's packages set up.

Commands:
  install                          Install postgresql, redis-server and redis-tools with apt-get
                                   (apt-get update first), only if one of them is missing; quick
                                   when all are present. Uses sudo when not run as root.
  start-postgres --port P --dir D  Create (initdb, first time only) and start a PostgreSQL cluster
                                   in D/data, listening on 127.0.0.1:P, its Unix socket in D/data,
                                   fsync and synchronous_commit on (every commit durable), log in
                                   D/postgres.log. Creates role nokv (password nokv, scram-sha-256
                                   over TCP) and database nokv. Prints one line on stdout, the JDBC
                                   URL: jdbc:postgresql://127.0.0.1:P/nokv?user=nokv&password=nokv
                                   Run as root, it runs PostgreSQL as the postgres user and gives D
                                   to it (D's parents must be searchable by that user: /tmp is);
                                   otherwise as the current user.
  stop-postgres --dir D            Stop the cluster in D/data (fast shutdown) if it runs.
  start-redis --port P [--aof-always] [--dir D]
                                   Start redis-server daemonized on 127.0.0.1:P without snapshots;
                                   without --aof-always also without an append-only file (nothing
                                   durable), with it appendonly yes and appendfsync always (an fsync
                                   per write). D holds the pid file, the log and the AOF (default:
                                   ${TMPDIR:-/tmp}/nokv-redis-P). Prints one line: redis://127.0.0.1:P
  stop-redis --port P              Shut down the Redis server on 127.0.0.1:P (without saving).
  help, --help, -h                 This text.

Exit codes: 0 ok, 1 failure (the reason on stderr), 2 usage error, 3 the peer is not installed
(run scripts/peers.sh install).
EOF
}

die() {
  echo "$PROG: error: $*" >&2
  exit 1
}

usage_error() {
  echo "$PROG: $*" >&2
  echo "Try 'scripts/peers.sh --help'." >&2
  exit "$EXIT_USAGE"
}

not_installed() {
  echo "$PROG: error: $* is not installed; run scripts/peers.sh install" >&2
  exit "$EXIT_NOT_INSTALLED"
}

is_root() {
  [ "$(id -u)" -eq 0 ]
}

# ---- install ----

# The newest PostgreSQL server binary directory (Debian: /usr/lib/postgresql/<version>/bin), or nothing.
pg_bindir() {
  local best="" best_v=0 dir v
  for dir in /usr/lib/postgresql/*/bin; do
    [ -x "$dir/initdb" ] && [ -x "$dir/pg_ctl" ] || continue
    v=$(basename "$(dirname "$dir")")
    v=${v%%.*}
    case "$v" in ''|*[!0-9]*) continue ;; esac
    if [ "$v" -gt "$best_v" ]; then
      best=$dir
      best_v=$v
    fi
  done
  if [ -z "$best" ] && command -v pg_ctl >/dev/null 2>&1 && command -v initdb >/dev/null 2>&1; then
    best=$(dirname "$(command -v pg_ctl)") # not Debian: the binaries are on PATH
  fi
  printf '%s' "$best"
}

cmd_install() {
  [ $# -eq 0 ] || usage_error "install takes no options, got: $*"
  local missing=()
  [ -n "$(pg_bindir)" ] || missing+=("postgresql (initdb, pg_ctl)")
  command -v redis-server >/dev/null 2>&1 || missing+=("redis-server")
  command -v redis-cli >/dev/null 2>&1 || missing+=("redis-tools (redis-cli)")
  if [ ${#missing[@]} -eq 0 ]; then
    echo "$PROG: peers already installed: PostgreSQL $("$(pg_bindir)/pg_ctl" --version | awk '{print $3}')" \
      "($(pg_bindir)), $(redis-server --version | awk '{print $1, $2, $3}')" >&2
    return 0
  fi
  command -v apt-get >/dev/null 2>&1 || die "missing ${missing[*]} and there is no apt-get; install PostgreSQL and Redis with this system's package manager"
  local sudo=()
  if ! is_root; then
    command -v sudo >/dev/null 2>&1 || die "missing ${missing[*]}; installing needs root (or sudo, which is not installed)"
    sudo=(sudo)
  fi
  echo "$PROG: installing (missing: ${missing[*]}): apt-get update && apt-get install -y postgresql redis-server redis-tools" >&2
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -q >&2
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -q postgresql redis-server redis-tools >&2
  [ -n "$(pg_bindir)" ] || die "apt-get finished but no initdb/pg_ctl was found under /usr/lib/postgresql/*/bin"
  command -v redis-server >/dev/null 2>&1 || die "apt-get finished but redis-server is not on PATH"
  command -v redis-cli >/dev/null 2>&1 || die "apt-get finished but redis-cli is not on PATH"
  echo "$PROG: installed PostgreSQL ($(pg_bindir)) and $(redis-server --version | awk '{print $1, $2, $3}')" >&2
}

# ---- options ----

PORT=""
DIR=""
AOF_ALWAYS=0

# Parses --port, --dir and --aof-always; $1 is the list of options the command accepts.
parse_options() {
  local allowed=$1
  shift
  while [ $# -gt 0 ]; do
    case "$1" in
      --port|--dir)
        [[ " $allowed " == *" $1 "* ]] || usage_error "$COMMAND does not take $1"
        [ $# -ge 2 ] || usage_error "$1 needs a value"
        if [ "$1" = --port ]; then PORT=$2; else DIR=$2; fi
        shift 2
        ;;
      --port=*|--dir=*)
        local name=${1%%=*}
        [[ " $allowed " == *" $name "* ]] || usage_error "$COMMAND does not take $name"
        if [ "$name" = --port ]; then PORT=${1#*=}; else DIR=${1#*=}; fi
        shift
        ;;
      --aof-always)
        [[ " $allowed " == *" $1 "* ]] || usage_error "$COMMAND does not take $1"
        AOF_ALWAYS=1
        shift
        ;;
      *) usage_error "$COMMAND: unknown option '$1'" ;;
    esac
  done
}

require_port() {
  [ -n "$PORT" ] || usage_error "$COMMAND needs --port P"
  case "$PORT" in ''|*[!0-9]*) usage_error "--port must be a number, got '$PORT'" ;; esac
  [ "$PORT" -ge 1 ] && [ "$PORT" -le 65535 ] || usage_error "--port must be in [1, 65535], got $PORT"
}

require_dir() {
  [ -n "$DIR" ] || usage_error "$COMMAND needs --dir DIR"
  mkdir -p "$DIR" || die "cannot create $DIR"
  DIR=$(cd "$DIR" && pwd -P)
}

# ---- PostgreSQL ----

# Runs a command as the user that owns the cluster: postgres when we are root, else ourselves.
# From / so that a working directory the postgres user cannot read causes no warnings.
as_pg() {
  if is_root; then
    (cd / && runuser -u postgres -- "$@")
  else
    (cd / && "$@")
  fi
}

# Succeeds when something accepts TCP connections on 127.0.0.1:$1.
port_in_use() {
  (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

pg_running() {
  local bindir=$1 data=$2
  [ -f "$data/postmaster.pid" ] && as_pg "$bindir/pg_ctl" status -D "$data" >/dev/null 2>&1
}

cmd_start_postgres() {
  parse_options "--port --dir" "$@"
  require_port
  require_dir
  local bindir
  bindir=$(pg_bindir)
  [ -n "$bindir" ] || not_installed "PostgreSQL (no initdb/pg_ctl under /usr/lib/postgresql/*/bin)"
  if is_root; then
    id postgres >/dev/null 2>&1 || not_installed "PostgreSQL (there is no postgres user)"
    chown postgres:postgres "$DIR"
    chmod 700 "$DIR"
    runuser -u postgres -- test -w "$DIR" \
      || die "the postgres user cannot write $DIR (is one of its parent directories not searchable by it?); use a directory under /tmp"
  fi
  local data=$DIR/data log=$DIR/postgres.log
  if pg_running "$bindir" "$data"; then
    die "a PostgreSQL server already runs on $data; stop it first (scripts/peers.sh stop-postgres --dir $DIR)"
  fi
  if port_in_use "$PORT"; then
    die "port $PORT on 127.0.0.1 is already in use by another process; choose another --port"
  fi
  if [ ! -f "$data/PG_VERSION" ]; then
    if ! as_pg "$bindir/initdb" -D "$data" -U postgres -A trust -E UTF8 --locale=C >"$DIR/initdb.log" 2>&1; then
      tail -n 20 "$DIR/initdb.log" >&2
      die "initdb failed (log above, all of it in $DIR/initdb.log)"
    fi
    # Local (socket) connections as any user without a password: the socket lives in the data
    # directory, which only the cluster's owner can enter. TCP only from loopback, with a password.
    as_pg sh -c "cat > '$data/pg_hba.conf'" <<'EOF'
# Written by scripts/peers.sh: socket in the private data directory; TCP from loopback with a password.
local   all   all                  trust
host    all   all   127.0.0.1/32   scram-sha-256
EOF
  fi
  # fsync, synchronous_commit and full_page_writes are PostgreSQL's defaults; set explicitly so
  # that the log and the benchmark report show what was measured.
  if ! as_pg "$bindir/pg_ctl" start -w -t 60 -D "$data" -l "$log" \
      -o "-p $PORT -c listen_addresses=127.0.0.1 -k '$data' -c fsync=on -c synchronous_commit=on -c full_page_writes=on" >&2; then
    tail -n 20 "$log" >&2 2>/dev/null || true
    die "PostgreSQL did not start on 127.0.0.1:$PORT (log above, all of it in $log)"
  fi
  local psql=("$bindir/psql" -X -q -v ON_ERROR_STOP=1 -h "$data" -p "$PORT" -U postgres -d postgres)
  if [ -z "$(as_pg "${psql[@]}" -tA -c "SELECT 1 FROM pg_roles WHERE rolname = '$PG_USER'")" ]; then
    as_pg "${psql[@]}" -c "SET password_encryption = 'scram-sha-256'; CREATE ROLE $PG_USER LOGIN PASSWORD '$PG_PASSWORD'" >&2
  fi
  if [ -z "$(as_pg "${psql[@]}" -tA -c "SELECT 1 FROM pg_database WHERE datname = '$PG_DATABASE'")" ]; then
    as_pg "${psql[@]}" -c "CREATE DATABASE $PG_DATABASE OWNER $PG_USER" >&2
  fi
  echo "$PROG: PostgreSQL $("$bindir/pg_ctl" --version | awk '{print $3}') runs on 127.0.0.1:$PORT, data $data," \
    "log $log (fsync on, synchronous_commit on); stop it with scripts/peers.sh stop-postgres --dir $DIR" >&2
  echo "jdbc:postgresql://127.0.0.1:$PORT/$PG_DATABASE?user=$PG_USER&password=$PG_PASSWORD"
}

cmd_stop_postgres() {
  parse_options "--dir" "$@"
  [ -n "$DIR" ] || usage_error "$COMMAND needs --dir DIR"
  [ -d "$DIR" ] || die "no such directory: $DIR"
  local bindir data=$DIR/data
  bindir=$(pg_bindir)
  [ -n "$bindir" ] || not_installed "PostgreSQL (no pg_ctl under /usr/lib/postgresql/*/bin)"
  if ! pg_running "$bindir" "$data"; then
    echo "$PROG: no PostgreSQL server runs on $data" >&2
    return 0
  fi
  as_pg "$bindir/pg_ctl" stop -w -t 60 -m fast -D "$data" >&2 || die "pg_ctl stop failed for $data (log in $DIR/postgres.log)"
}

# ---- Redis ----

redis_ping() {
  [ "$(redis-cli -h 127.0.0.1 -p "$PORT" ping 2>/dev/null)" = PONG ]
}

cmd_start_redis() {
  parse_options "--port --dir --aof-always" "$@"
  require_port
  command -v redis-server >/dev/null 2>&1 || not_installed "redis-server"
  command -v redis-cli >/dev/null 2>&1 || not_installed "redis-cli (package redis-tools)"
  [ -n "$DIR" ] || DIR=${TMPDIR:-/tmp}/nokv-redis-$PORT
  require_dir
  if redis_ping; then
    die "a Redis server already answers on 127.0.0.1:$PORT; stop it first (scripts/peers.sh stop-redis --port $PORT)"
  elif port_in_use "$PORT"; then
    die "port $PORT on 127.0.0.1 is already in use by another process; choose another --port"
  fi
  local durability=(--appendonly no)
  local described="no persistence"
  if [ "$AOF_ALWAYS" -eq 1 ]; then
    durability=(--appendonly yes --appendfsync always)
    described="append-only file with an fsync per write"
  fi
  redis-server --bind 127.0.0.1 --port "$PORT" --save '' "${durability[@]}" --daemonize yes \
    --dir "$DIR" --pidfile "$DIR/redis.pid" --logfile "$DIR/redis.log" \
    || die "redis-server did not start (log in $DIR/redis.log)"
  local i
  for i in $(seq 1 100); do
    redis_ping && break
    sleep 0.1
  done
  if ! redis_ping; then
    tail -n 20 "$DIR/redis.log" >&2 2>/dev/null || true
    die "redis-server on 127.0.0.1:$PORT does not answer PING after 10 s (log above, in $DIR/redis.log)"
  fi
  echo "$PROG: $(redis-server --version | awk '{print $1, $2, $3}') runs on 127.0.0.1:$PORT ($described), files in $DIR;" \
    "stop it with scripts/peers.sh stop-redis --port $PORT" >&2
  echo "redis://127.0.0.1:$PORT"
}

cmd_stop_redis() {
  parse_options "--port" "$@"
  require_port
  command -v redis-cli >/dev/null 2>&1 || not_installed "redis-cli (package redis-tools)"
  if ! redis_ping; then
    echo "$PROG: no Redis server answers on 127.0.0.1:$PORT" >&2
    return 0
  fi
  # SHUTDOWN closes the connection instead of replying when it succeeds.
  redis-cli -h 127.0.0.1 -p "$PORT" shutdown nosave >/dev/null 2>&1 || true
  local i
  for i in $(seq 1 100); do
    redis_ping || return 0
    sleep 0.1
  done
  die "the Redis server on 127.0.0.1:$PORT still answers after SHUTDOWN NOSAVE"
}

# ---- main ----

COMMAND=${1:-}
[ -n "$COMMAND" ] || { usage >&2; exit "$EXIT_USAGE"; }
shift
case "$COMMAND" in
  install) cmd_install "$@" ;;
  start-postgres) cmd_start_postgres "$@" ;;
  stop-postgres) cmd_stop_postgres "$@" ;;
  start-redis) cmd_start_redis "$@" ;;
  stop-redis) cmd_stop_redis "$@" ;;
  help|--help|-h) usage ;;
  *) usage_error "unknown command '$COMMAND'" ;;
esac
