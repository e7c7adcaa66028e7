#!/usr/bin/env bash
# Several API processes behind nginx (issue 9, "Past one machine"): two processes of the built API
# (apps/api/dist/src/main.js) sharing one MariaDB database and one Redis, and nginx in front of them.
#
#   bash scripts/scale-out/proxy.sh start    # prints the URL; demo logins on an empty database
#   bash scripts/scale-out/proxy.sh status
#   bash scripts/scale-out/proxy.sh stop     # stops exactly what start started (pids in the state dir)
#
# Environment (all optional):
#   DB_URL            mysql://… shared by the processes (default mysql://root@127.0.0.1:3306/bdc_ims_scaleout,
#                     created when missing). SQLite cannot be shared by processes on several machines.
#   REDIS_URL         live events cross processes through it (default redis://127.0.0.1:6379)
#   JWT_SECRET        the same for every process (default: generated once per start)
#   PROXY_PORT        nginx's port (default 8080; 0 picks a free one); PROXY_HOST (default 127.0.0.1)
#   PROXY_API_COUNT   API processes to start (default 2); API_PORTS=p1,p2 (default: free ports)
#   PROXY_UPSTREAMS   host:port,host:port of API processes started elsewhere: then only nginx is started
#   PROXY_STATE_DIR   config, pids, logs and nginx's temp files (default ${TMPDIR:-/tmp}/bdc-ims-proxy)
#   Anything else the API reads (UPLOAD_DIR, SMTP_URL, UPLOAD_MAX_BYTES, …) is passed on to the processes.
set -Eeuo pipefail
# Node prints numbers in colour when FORCE_COLOR is set (the test runner sets it): ports must stay plain digits.
unset FORCE_COLOR

ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
STATE_DIR="${PROXY_STATE_DIR:-${TMPDIR:-/tmp}/bdc-ims-proxy}"
PID_DIR="$STATE_DIR/pids"
NGINX_BIN="${NGINX_BIN:-$(command -v nginx 2>/dev/null || echo /usr/sbin/nginx)}"
MAIN_JS="$ROOT/apps/api/dist/src/main.js"
BOOT_TIMEOUT="${API_BOOT_TIMEOUT:-120}"

die() { echo "proxy.sh: $*" >&2; exit 1; }

free_port() {
  node -e "const s=require('node:net').createServer().listen(0,'127.0.0.1',()=>{process.stdout.write(String(s.address().port) + '\n');s.close();});"
}

# The start time of a process (field 22 of /proc/<pid>/stat): with the pid it names one process, so
# stop never signals an unrelated process that was given a recycled pid.
start_time_of() {
  local stat rest
  stat="$(cat "/proc/$1/stat" 2>/dev/null)" || return 1
  rest="${stat##*) }"
  # shellcheck disable=SC2086
  set -- $rest
  echo "${20}"
}

record_pid() { # name pid
  echo "$2 $(start_time_of "$2")" >"$PID_DIR/$1.pid"
}

# Prints the pid if the recorded process is still the one we started.
live_pid() { # pidfile
  local pid started now
  read -r pid started <"$1" || return 1
  now="$(start_time_of "$pid")" || return 1
  [ "$now" = "$started" ] && echo "$pid"
}

http_status() { # port path → HTTP status code of a GET, or nothing
  local port="$1" path="$2" line
  exec 3<>"/dev/tcp/127.0.0.1/$port" 2>/dev/null || return 1
  printf 'GET %s HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n' "$path" >&3
  read -r -t 5 line <&3 || true
  exec 3<&- 3>&-
  echo "$line" | awk '{print $2}'
}

wait_for_health() { # name port pid
  local name="$1" port="$2" pid="$3" waited=0
  while [ "$waited" -lt "$BOOT_TIMEOUT" ]; do
    if ! kill -0 "$pid" 2>/dev/null; then
      echo "proxy.sh: $name exited while starting; the end of $STATE_DIR/logs/$name.log:" >&2
      tail -n 30 "$STATE_DIR/logs/$name.log" >&2 || true
      return 1
    fi
    [ "$(http_status "$port" /api/health 2>/dev/null || true)" = "200" ] && return 0
    sleep 1
    waited=$((waited + 1))
  done
  echo "proxy.sh: $name did not answer /api/health on port $port within ${BOOT_TIMEOUT}s (log: $STATE_DIR/logs/$name.log)" >&2
  return 1
}

ensure_default_database() {
  # Only the default database is created: a DB_URL someone gives is theirs to provision.
  (cd "$ROOT/apps/api" && node -e "
    const mysql = require('mysql2/promise');
    (async () => {
      const c = await mysql.createConnection({ host: '127.0.0.1', port: 3306, user: 'root' });
      await c.query('CREATE DATABASE IF NOT EXISTS bdc_ims_scaleout CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci');
      await c.end();
    })().catch((e) => { console.error('cannot create the default database on 127.0.0.1:3306: ' + e.message + ' (set DB_URL)'); process.exit(1); });")
}

# Something already accepts connections there (a health check would then ask the wrong process).
port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

start_api() { # index port
  local name="api-$1" port="$2"
  if port_in_use "$port"; then echo "proxy.sh: port $port is already in use (API_PORTS)" >&2; return 1; fi
  # WORKERS=1: each process is one upstream of nginx; TRUST_PROXY: nginx sets X-Forwarded-For to the
  # address of its client, and the processes listen on loopback only, so nobody else can set it.
  DB_URL="$DB_URL" REDIS_URL="$REDIS_URL" JWT_SECRET="$JWT_SECRET" PORT="$port" HOST=127.0.0.1 \
    TRUST_PROXY=true WORKERS="${API_WORKERS:-1}" \
    nohup node "$MAIN_JS" >"$STATE_DIR/logs/$name.log" 2>&1 </dev/null &
  local pid=$!
  record_pid "$name" "$pid"
  echo "127.0.0.1:$port" >"$STATE_DIR/$name.upstream"
  wait_for_health "$name" "$port" "$pid"
}

# The largest body the API accepts: an attachment (UPLOAD_MAX_BYTES), a catalog import
# (CATALOG_IMPORT_MAX_TOTAL_BYTES) or a CSV import (5 × BODY_LIMIT_BYTES), with the API's own defaults,
# plus room for the multipart framing. Above it nginx answers 413 itself (as JSON, see below); up to it
# the API decides, with its own error body.
client_max_body_bytes() {
  local upload="${UPLOAD_MAX_BYTES:-10485760}" catalog="${CATALOG_IMPORT_MAX_TOTAL_BYTES:-52428800}" csv=$(( ${BODY_LIMIT_BYTES:-1048576} * 5 ))
  local max="$upload"
  [ "$catalog" -gt "$max" ] && max="$catalog"
  [ "$csv" -gt "$max" ] && max="$csv"
  echo $(( max + 1048576 ))
}

write_nginx_conf() { # upstreams(comma) port host
  local servers="" upstream user_line=""
  IFS=',' read -ra list <<<"$1"
  for upstream in "${list[@]}"; do servers+="    server $upstream max_fails=2 fail_timeout=5s;"$'\n'; done
  if [ "$(id -u)" = "0" ]; then
    # As root the workers switch to an unprivileged user, who must reach the temp dirs (uploads are buffered there).
    local worker_user=nobody
    id www-data >/dev/null 2>&1 && worker_user=www-data
    user_line="user $worker_user;"
    chmod 711 "$STATE_DIR"
    chown -R "$worker_user" "$STATE_DIR/tmp"
  fi
  cat >"$STATE_DIR/nginx.conf" <<EOF
# Generated by scripts/scale-out/proxy.sh; see docs/deploy.md.
$user_line
daemon off;
worker_processes ${PROXY_WORKERS:-1};
pid $STATE_DIR/nginx.pid;
error_log $STATE_DIR/logs/nginx-error.log warn;
# Open event streams would keep a graceful shutdown waiting forever.
worker_shutdown_timeout 5s;

events { worker_connections 1024; }

http {
    client_body_temp_path $STATE_DIR/tmp/client_body;
    proxy_temp_path $STATE_DIR/tmp/proxy;
    fastcgi_temp_path $STATE_DIR/tmp/fastcgi;
    uwsgi_temp_path $STATE_DIR/tmp/uwsgi;
    scgi_temp_path $STATE_DIR/tmp/scgi;

    # Which process served each request: the tests read it, and so can a human.
    log_format upstreams '\$remote_addr [\$time_iso8601] "\$request" \$status upstream=\$upstream_addr rt=\$request_time';
    access_log $STATE_DIR/logs/nginx-access.log upstreams;

    client_max_body_size $(client_max_body_bytes);
    server_tokens off;

    upstream bdc_api {
        # Round robin; keepalive reuses connections to the processes instead of one per request.
$servers        keepalive 32;
    }

    server {
        listen $3:$2;

        proxy_http_version 1.1;
        proxy_set_header Connection "";
        proxy_set_header Host \$host;
        # nginx is the edge: it replaces whatever X-Forwarded-For a client sent with the client's
        # address (appending would let a client choose the address the API records, since the API
        # trusts the header). Behind another load balancer, use set_real_ip_from + real_ip_header.
        proxy_set_header X-Forwarded-For \$remote_addr;
        proxy_set_header X-Forwarded-Proto \$scheme;
        proxy_set_header X-Forwarded-Host \$host;
        # Only requests that are safe to repeat go to the other process when one does not answer.
        proxy_next_upstream error timeout http_502 http_504;
        proxy_connect_timeout 5s;
        proxy_read_timeout 120s;

        location = /api/events {
            proxy_pass http://bdc_api;
            # Server-sent events: each event goes out as it comes, the stream stays open (the API
            # sends a heartbeat every 25 s; an hour without one means the process is gone).
            proxy_buffering off;
            proxy_cache off;
            proxy_read_timeout 1h;
            proxy_send_timeout 1h;
        }

        location / {
            proxy_pass http://bdc_api;
        }

        # nginx's own errors in the API's error shape, so the SPA shows them like any other.
        error_page 413 @too_large;
        error_page 502 504 @unavailable;
        location @too_large {
            default_type application/json;
            return 413 '{"code":"PAYLOAD_TOO_LARGE","message":"The request body is larger than this server accepts"}';
        }
        location @unavailable {
            default_type application/json;
            return 503 '{"code":"INTERNAL_ERROR","message":"No API process is answering; try again shortly"}';
        }
    }
}
EOF
}

stop_all() {
  local file pid name waited
  [ -d "$PID_DIR" ] || { echo "Nothing to stop in $STATE_DIR"; return 0; }
  # nginx first, so no request reaches a process that is shutting down.
  for file in "$PID_DIR"/nginx.pid "$PID_DIR"/api-*.pid; do
    [ -f "$file" ] || continue
    name="$(basename "$file" .pid)"
    if pid="$(live_pid "$file")"; then
      kill -TERM "$pid" 2>/dev/null || true
      waited=0
      while kill -0 "$pid" 2>/dev/null && [ "$waited" -lt 150 ]; do sleep 0.1; waited=$((waited + 1)); done
      if kill -0 "$pid" 2>/dev/null; then kill -KILL "$pid" 2>/dev/null || true; fi
      echo "Stopped $name (pid $pid)"
    fi
    rm -f "$file"
  done
  rm -f "$STATE_DIR"/api-*.upstream "$STATE_DIR/proxy.url"
}

running_any() {
  local file
  for file in "$PID_DIR"/*.pid; do
    [ -f "$file" ] && live_pid "$file" >/dev/null && return 0
  done
  return 1
}

start_all() {
  running_any && die "already running (state in $STATE_DIR); stop it first: bash scripts/scale-out/proxy.sh stop"
  [ -x "$NGINX_BIN" ] || die "nginx not found (apt-get install -y nginx)"
  mkdir -p "$PID_DIR" "$STATE_DIR/logs" "$STATE_DIR/tmp"
  rm -f "$STATE_DIR/logs/"*.log
  local port="${PROXY_PORT:-8080}" host="${PROXY_HOST:-127.0.0.1}" upstreams
  [ "$port" = "0" ] && port="$(free_port)"
  # A failed start leaves nothing running.
  trap 'echo "proxy.sh: start failed; stopping what was started" >&2; stop_all >&2' ERR

  if [ -n "${PROXY_UPSTREAMS:-}" ]; then
    upstreams="$PROXY_UPSTREAMS"
  else
    [ -f "$MAIN_JS" ] || die "no API build at $MAIN_JS: run pnpm build first"
    if [ -z "${DB_URL:-}" ]; then
      ensure_default_database
      DB_URL="mysql://root@127.0.0.1:3306/bdc_ims_scaleout"
    fi
    case "$DB_URL" in mysql://* | mariadb://*) ;; *) die "DB_URL must be mysql:// or mariadb://: the processes share one database server" ;; esac
    REDIS_URL="${REDIS_URL:-redis://127.0.0.1:6379}"
    if [ -z "${JWT_SECRET:-}" ]; then
      # One secret for every process: a token issued by one must be accepted by the others.
      JWT_SECRET="$(node -e "console.log(require('node:crypto').randomBytes(32).toString('base64url'))")"
    fi
    local count="${PROXY_API_COUNT:-2}" i api_port
    IFS=',' read -ra api_ports <<<"${API_PORTS:-}"
    upstreams=""
    for ((i = 1; i <= count; i++)); do
      api_port="${api_ports[$((i - 1))]:-$(free_port)}"
      # One after the other: the first applies the migrations and seeds an empty database, alone.
      start_api "$i" "$api_port"
      upstreams+="${upstreams:+,}127.0.0.1:$api_port"
      echo "API process $i: http://127.0.0.1:$api_port (pid $(cut -d' ' -f1 "$PID_DIR/api-$i.pid"), log $STATE_DIR/logs/api-$i.log)"
    done
  fi

  if port_in_use "$port"; then echo "proxy.sh: port $port is already in use (PROXY_PORT)" >&2; false; fi
  write_nginx_conf "$upstreams" "$port" "$host"
  nohup "$NGINX_BIN" -p "$STATE_DIR" -c "$STATE_DIR/nginx.conf" -e "$STATE_DIR/logs/nginx-error.log" \
    >"$STATE_DIR/logs/nginx.out" 2>&1 </dev/null &
  record_pid nginx $!
  local waited=0 nginx_pid=$!
  until [ -n "$(http_status "$port" /api/health 2>/dev/null || true)" ]; do
    if ! kill -0 "$nginx_pid" 2>/dev/null || [ "$waited" -ge 100 ]; then
      cat "$STATE_DIR/logs/nginx-error.log" "$STATE_DIR/logs/nginx.out" >&2 2>/dev/null || true
      false
    fi
    sleep 0.1
    waited=$((waited + 1))
  done
  trap - ERR
  local url="http://$([ "$host" = "0.0.0.0" ] && echo 127.0.0.1 || echo "$host"):$port"
  echo "$url" >"$STATE_DIR/proxy.url"
  echo "nginx (pid $nginx_pid) in front of $upstreams"
  echo "BDC IMS behind nginx: $url"
}

status_all() {
  local file pid state=1
  compgen -G "$PID_DIR/*.pid" >/dev/null || { echo "not running (nothing started from $STATE_DIR)"; exit 3; }
  for file in "$PID_DIR"/*.pid; do
    [ -f "$file" ] || continue
    if pid="$(live_pid "$file")"; then echo "$(basename "$file" .pid): running (pid $pid)"; state=0; else echo "$(basename "$file" .pid): not running"; fi
  done
  [ -f "$STATE_DIR/proxy.url" ] && echo "URL: $(cat "$STATE_DIR/proxy.url")"
  [ "$state" = 0 ] || exit 3
}

case "${1:-}" in
  start) start_all ;;
  stop) stop_all ;;
  status) status_all ;;
  *) echo "usage: $0 start|stop|status (see the comment at the top for the environment)" >&2; exit 2 ;;
esac
