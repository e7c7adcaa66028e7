#!/usr/bin/env bash
# A 3-node MariaDB Galera cluster on loopback, for tests and for trying the scale-out setup by hand.
#
#   scripts/scale-out/galera.sh start          # bootstrap node 1, join 2 and 3, wait until all are Synced
#   scripts/scale-out/galera.sh status         # per node: pid, cluster size, state
#   scripts/scale-out/galera.sh kill-node N    # kill -9 node N's mariadbd (a crash, not a shutdown)
#   scripts/scale-out/galera.sh start-node N   # restart node N (position recovered first, so IST when possible)
#   scripts/scale-out/galera.sh stop           # stop the nodes this script started, remove the data
#
# Environment:
#   GALERA_BASE_PORT  client port of node 1 (default 3311); node N listens on BASE+N-1
#   GALERA_GCOMM_PORT group-communication port of node 1 (default 4567); node N uses P+10(N-1) for
#                     gcomm, +1 for IST and +2 for SST
#   GALERA_DIR        where data, sockets, logs and pid files go (default /tmp/bdc-galera-<base port>)
#   GALERA_TIMEOUT    seconds a node may take to reach Synced (default 120)
#   GALERA_KEEP=1     stop leaves the data directory in place (to read the error logs)
#
# Nodes are reached as root with an empty password over TCP (127.0.0.1 only). Only processes whose pid
# this script recorded are ever signalled; the system MariaDB (3306) is never touched.
set -euo pipefail
unset FORCE_COLOR  # as in proxy.sh: nothing here may print coloured digits

BASE_PORT="${GALERA_BASE_PORT:-3311}"
GCOMM_PORT="${GALERA_GCOMM_PORT:-4567}"
DIR="${GALERA_DIR:-/tmp/bdc-galera-${BASE_PORT}}"
TIMEOUT="${GALERA_TIMEOUT:-120}"
PROVIDER="${GALERA_PROVIDER:-/usr/lib/galera/libgalera_smm.so}"
NODES=(1 2 3)

die() {
  echo "galera.sh: $*" >&2
  exit 1
}

find_bin() {
  local name
  for name in "$@"; do
    if command -v "$name" >/dev/null 2>&1; then command -v "$name"; return 0; fi
    if [ -x "/usr/sbin/$name" ]; then echo "/usr/sbin/$name"; return 0; fi
  done
  return 1
}

client_port() { echo $((BASE_PORT + $1 - 1)); }
gcomm_port() { echo $((GCOMM_PORT + 10 * ($1 - 1))); }
node_dir() { echo "$DIR/node$1"; }
pid_of() { cat "$(node_dir "$1")/mariadbd.pid" 2>/dev/null || true; }

alive() {
  local pid
  pid="$(pid_of "$1")"
  # The pid must still be a mariadbd: a recycled pid of some other process is never signalled.
  [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null && grep -q mariadbd "/proc/$pid/cmdline" 2>/dev/null
}

port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

sql() {
  # $1 node, $2 statement; prints tab-separated rows without headers.
  "$CLIENT" --no-defaults -uroot -h127.0.0.1 -P"$(client_port "$1")" --connect-timeout=2 -N -B -e "$2" 2>/dev/null
}

status_var() { sql "$1" "SHOW GLOBAL STATUS LIKE '$2'" | cut -f2; }

log_tail() {
  echo "--- last lines of $(node_dir "$1")/error.log:" >&2
  tail -n 25 "$(node_dir "$1")/error.log" >&2 2>/dev/null || echo "(no log)" >&2
}

cluster_address() {
  local addresses=() n
  for n in "${NODES[@]}"; do addresses+=("127.0.0.1:$(gcomm_port "$n")"); done
  local IFS=,
  echo "gcomm://${addresses[*]}"
}

write_config() {
  local n="$1" d g
  d="$(node_dir "$n")"
  g="$(gcomm_port "$n")"
  # A defaults file per node (not --no-defaults): the SST scripts read the node's settings from the file
  # the server was started with, and must never pick up the system server's /etc/mysql configuration.
  cat >"$d/my.cnf" <<EOF
[mysqld]
datadir=$d/data
port=$(client_port "$n")
bind-address=127.0.0.1
socket=$d/mariadbd.sock
pid-file=$d/mariadbd.server.pid
log-error=$d/error.log
skip-name-resolve
$( [ -n "$RUN_USER" ] && echo "user=$RUN_USER" )
# Small: three nodes share a 2-core machine with everything else.
innodb_buffer_pool_size=32M
innodb_log_file_size=16M
max_connections=100
performance_schema=OFF
# Galera requirements: row-based write sets, InnoDB, interleaved auto-increment locks.
binlog_format=ROW
default_storage_engine=InnoDB
innodb_autoinc_lock_mode=2
innodb_flush_log_at_trx_commit=1
wsrep_on=ON
wsrep_provider=$PROVIDER
wsrep_cluster_name=bdc-galera-$BASE_PORT
wsrep_cluster_address=$(cluster_address)
wsrep_node_name=node$n
wsrep_node_address=127.0.0.1:$g
wsrep_sst_method=rsync
wsrep_sst_receive_address=127.0.0.1:$((g + 2))
wsrep_slave_threads=2
# Causal reads (1 = SELECT, SHOW and BEGIN wait until this node has applied everything the cluster had
# committed when they started): a client whose requests land on API processes of different nodes reads
# what it has just written through another node. See docs/deploy.md.
wsrep_sync_wait=1
# Short failure detection (defaults are 5 s / 15 s): the cluster stalls writes until a dead node is
# declared gone, and tests kill nodes on purpose.
wsrep_provider_options="gmcast.listen_addr=tcp://127.0.0.1:$g;ist.recv_addr=127.0.0.1:$((g + 1));gcache.size=64M;evs.keepalive_period=PT0.5S;evs.inactive_check_period=PT0.5S;evs.suspect_timeout=PT2S;evs.inactive_timeout=PT4S;evs.install_timeout=PT4S;repl.causal_read_timeout=PT10S"

[client]
socket=$d/mariadbd.sock
EOF
}

# Recovers the node's last committed position after a crash (what Debian's galera_recovery does), so that
# the restarted node asks for an incremental state transfer (IST) instead of a full copy. Prints
# "--wsrep-start-position=uuid:seqno" or nothing.
recovered_position_arg() {
  local n="$1" d position
  d="$(node_dir "$n")"
  [ -f "$d/data/grastate.dat" ] || return 0
  local started=$SECONDS status=0
  timeout 120 "$MARIADBD" --defaults-file="$d/my.cnf" --wsrep-recover --log-error="$d/recover.log" >/dev/null 2>&1 || status=$?
  position="$(grep -o 'WSREP: Recovered position: [^ ]*' "$d/recover.log" 2>/dev/null | tail -n1 | awk '{print $4}')"
  if [ -z "$position" ]; then
    # Said on stderr (stdout carries the position): why the node will need a full copy.
    echo "galera.sh: node $n: no position recovered (exit $status after $((SECONDS - started))s); last lines of the recovery log:" >&2
    tail -n 15 "$d/recover.log" >&2 2>/dev/null || true
  fi
  rm -f "$d/recover.log"
  if [ -n "$position" ] && [ "${position##*:}" != "-1" ]; then echo "--wsrep-start-position=$position"; fi
}

check_ports() {
  local n="$1" p
  for p in "$(client_port "$n")" "$(gcomm_port "$n")" $(($(gcomm_port "$n") + 1)) $(($(gcomm_port "$n") + 2)); do
    if port_in_use "$p"; then die "port $p (node $n) is in use by another process; set GALERA_BASE_PORT / GALERA_GCOMM_PORT"; fi
  done
}

launch() {
  local n="$1" bootstrap="${2:-}" d extra=()
  d="$(node_dir "$n")"
  alive "$n" && die "node $n is already running (pid $(pid_of "$n"))"
  check_ports "$n"
  if [ "$bootstrap" = bootstrap ]; then
    extra+=(--wsrep-new-cluster)
  else
    local position
    position="$(recovered_position_arg "$n")"
    [ -n "$position" ] && extra+=("$position")
    local shown="${position#--wsrep-start-position=}"
    echo "node $n: recovered position ${shown:-none}"
  fi
  # setsid: the node is not in the caller's process group, so a test runner's Ctrl-C does not kill it
  # halfway; it is stopped through its recorded pid instead.
  setsid "$MARIADBD" --defaults-file="$d/my.cnf" "${extra[@]}" </dev/null >>"$d/stdout.log" 2>&1 &
  echo $! >"$d/mariadbd.pid"
}

wait_synced() {
  local n="$1" deadline=$((SECONDS + TIMEOUT)) state size
  while :; do
    if ! alive "$n"; then
      log_tail "$n"
      die "node $n (mariadbd) exited while starting"
    fi
    state="$(status_var "$n" wsrep_local_state_comment || true)"
    size="$(status_var "$n" wsrep_cluster_size || true)"
    if [ "$state" = Synced ] && [ "$(status_var "$n" wsrep_ready || true)" = ON ]; then
      [ -z "${2:-}" ] || [ "$size" = "$2" ] && return 0
    fi
    if [ $SECONDS -ge $deadline ]; then
      log_tail "$n"
      die "node $n not Synced within ${TIMEOUT}s (state '${state:-no answer}', cluster size '${size:-?}')"
    fi
    sleep 0.5
  done
}

cmd_start() {
  for n in "${NODES[@]}"; do alive "$n" && die "a cluster is already running from $DIR (node $n, pid $(pid_of "$n")); stop it first"; done
  # Before anything is written: a port taken by another server (the system MariaDB on 3306, another
  # cluster) stops the start here.
  for n in "${NODES[@]}"; do check_ports "$n"; done
  rm -rf "$DIR"
  mkdir -p "$DIR"
  for n in "${NODES[@]}"; do
    mkdir -p "$(node_dir "$n")/data"
    write_config "$n"
  done
  [ -z "$RUN_USER" ] || chown -R "$RUN_USER:" "$DIR"
  # Only node 1 gets a fresh system schema; nodes 2 and 3 receive a copy of node 1 by SST (rsync).
  "$INSTALL_DB" --defaults-file="$(node_dir 1)/my.cnf" --auth-root-authentication-method=normal --skip-test-db \
    >"$(node_dir 1)/install.log" 2>&1 || { cat "$(node_dir 1)/install.log" >&2; die "mariadb-install-db failed"; }
  launch 1 bootstrap
  wait_synced 1
  # No anonymous users (install-db may create them): root over TCP with an empty password stays.
  sql 1 "DELETE FROM mysql.global_priv WHERE User=''; FLUSH PRIVILEGES" || true
  # One joiner at a time: an rsync SST makes its donor read-only for the copy.
  launch 2
  wait_synced 2
  launch 3
  wait_synced 3 3
  for n in "${NODES[@]}"; do wait_synced "$n" 3; done
  echo "Galera cluster up (3 nodes, Synced): client ports $(client_port 1), $(client_port 2), $(client_port 3); data in $DIR"
}

stop_node() {
  local n="$1" pid signal="${2:-TERM}"
  pid="$(pid_of "$n")"
  [ -n "$pid" ] || return 0
  if kill -0 "$pid" 2>/dev/null; then
    kill "-$signal" "$pid" 2>/dev/null || true
    local i
    for i in $(seq 1 60); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
    if kill -0 "$pid" 2>/dev/null; then kill -KILL "$pid" 2>/dev/null || true; sleep 0.5; fi
  fi
  # The rsync daemon of an SST still running on a killed joiner: its pid file is in the node's data dir.
  local rsync_pid
  rsync_pid="$(cat "$(node_dir "$n")/data/rsync_sst.pid" 2>/dev/null || true)"
  [ -n "$rsync_pid" ] && kill "$rsync_pid" 2>/dev/null || true
  rm -f "$(node_dir "$n")/mariadbd.pid"
}

cmd_stop() {
  [ -d "$DIR" ] || { echo "no cluster data in $DIR"; return 0; }
  # Joiners first, the bootstrap node last: no node is left waiting for a quorum it can no longer reach.
  for n in 3 2 1; do stop_node "$n"; done
  if [ "${GALERA_KEEP:-0}" = 1 ]; then echo "stopped; data kept in $DIR"; else rm -rf "$DIR"; echo "stopped; removed $DIR"; fi
}

cmd_status() {
  local n
  for n in "${NODES[@]}"; do
    if alive "$n"; then
      echo "node $n: pid $(pid_of "$n"), port $(client_port "$n"), cluster size $(status_var "$n" wsrep_cluster_size || echo '?'), $(status_var "$n" wsrep_local_state_comment || echo 'no answer'), ready $(status_var "$n" wsrep_ready || echo '?')"
    else
      echo "node $n: not running (port $(client_port "$n"))"
    fi
  done
}

node_arg() {
  case "${1:-}" in 1 | 2 | 3) echo "$1" ;; *) die "node must be 1, 2 or 3 (got '${1:-}')" ;; esac
}

MARIADBD="$(find_bin mariadbd mysqld)" || die "mariadbd not found (Debian package mariadb-server)"
INSTALL_DB="$(find_bin mariadb-install-db mysql_install_db)" || die "mariadb-install-db not found"
CLIENT="$(find_bin mariadb mysql)" || die "the mariadb client not found"
[ -f "$PROVIDER" ] || die "Galera provider $PROVIDER not found (Debian package galera-4)"
command -v rsync >/dev/null 2>&1 || die "rsync not found (needed for state transfer): apt-get install -y rsync"

# As root the nodes run as the mysql account, not as root: the joiner's rsync daemon (rsync SST) drops
# to "nobody" when started by root and then cannot write into a root-owned data directory.
RUN_USER=""
if [ "$(id -u)" = 0 ]; then
  id mysql >/dev/null 2>&1 || die "running as root needs the 'mysql' account (created by the mariadb-server package)"
  RUN_USER=mysql
fi

case "${1:-}" in
  start) cmd_start ;;
  stop) cmd_stop ;;
  status) cmd_status ;;
  kill-node)
    n="$(node_arg "${2:-}")"
    alive "$n" || die "node $n is not running"
    stop_node "$n" KILL
    echo "node $n killed"
    ;;
  start-node)
    n="$(node_arg "${2:-}")"
    [ -d "$(node_dir "$n")" ] || die "no data for node $n in $DIR; run start first"
    log_lines="$(wc -l <"$(node_dir "$n")/error.log" 2>/dev/null || echo 0)"
    launch "$n"
    wait_synced "$n"
    # How it caught up: IST (only the missing write sets, from a donor's gcache) or a full SST copy. The
    # SST script says which it did ("rsync IST completed" / "rsync SST completed"); "IST received" alone
    # would not tell: after a full copy the joiner also receives, by IST, what was written meanwhile.
    transfer="SST (full copy)"
    new_log="$(tail -n +"$((log_lines + 1))" "$(node_dir "$n")/error.log")"
    if grep -q 'IST completed on joiner' <<<"$new_log" && ! grep -q 'SST completed on joiner' <<<"$new_log"; then transfer="IST"; fi
    echo "node $n Synced by $transfer (cluster size $(status_var "$n" wsrep_cluster_size))"
    if [ "$transfer" != IST ]; then
      # Why not IST: the joiner's and the donors' account of the positions and the transfer.
      echo "--- node $n's log on what it asked for and got:"
      grep -E 'start position|Recovered position|State transfer required|Local state|Group state|IST|SST|gcache|seqno' <<<"$new_log" | head -n 40 || true
      for d in "${NODES[@]}"; do
        [ "$d" = "$n" ] && continue
        echo "--- node $d's log on the transfer:"
        grep -E 'IST|SST|gcache|donor|Donor' "$(node_dir "$d")/error.log" | tail -n 15 || true
      done
    fi
    ;;
  *)
    echo "usage: $0 start|stop|status|kill-node N|start-node N" >&2
    exit 2
    ;;
esac
