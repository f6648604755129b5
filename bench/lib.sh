# Shared helpers for the benchmark scripts: start a throw-away embedded server on a free port.
# Every benchmark measures its peer in the same run and prints the ratio.
set -euo pipefail
bench_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
bench_work="$(mktemp -d /tmp/progy-bench.XXXXXX)"
chmod 755 "$bench_work"   # nginx workers run as another user
server_pid=""
nginx_conf=""
# The CLI's background process (bin/progy starts one on first use) lives in the work dir and ends with it.
export PROGY_DAEMON_DIR="$bench_work/daemon"

bench_cleanup() {
  "$bench_root/bin/progy" daemon stop >/dev/null 2>&1 || true
  [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null && wait "$server_pid" 2>/dev/null || true
  [ -n "$nginx_conf" ] && nginx -c "$nginx_conf" -s stop 2>/dev/null || true
  rm -rf "$bench_work"
}
trap bench_cleanup EXIT

need() {
  for tool in "$@"; do
    command -v "$tool" >/dev/null || { echo "bench: '$tool' is required (apt-get install -y $tool)" >&2; exit 2; }
  done
}

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

# Starts bin/progy-server with its data in the work dir; sets $server_url.
start_server() {
  local port
  port="$(free_port)"
  server_url="http://127.0.0.1:$port"
  # Benchmarks drive many requests from one address: rate limits would measure themselves.
  PROGY_DATA_DIR="$bench_work/server" PROGY_PORT="$port" PROGY_RATE_LIMITS_ENABLED=false "$bench_root/bin/progy-server" \
    >"$bench_work/server.log" 2>&1 &
  server_pid=$!
  # The launcher may build the server first: wait up to 5 minutes, as long as it runs.
  for _ in $(seq 1 600); do
    curl -fsS "$server_url/actuator/health" >/dev/null 2>&1 && return 0
    kill -0 "$server_pid" 2>/dev/null || break
    sleep 0.5
  done
  echo "bench: server did not start; log:" >&2
  cat "$bench_work/server.log" >&2
  exit 4
}

# Starts nginx serving directory $1 on a free port; sets $nginx_url.
start_nginx() {
  local root="$1" port
  chmod -R a+rX "$root"   # nginx workers run as another user
  port="$(free_port)"
  nginx_url="http://127.0.0.1:$port"
  nginx_conf="$bench_work/nginx.conf"
  mkdir -p "$bench_work/nginx"
  cat >"$nginx_conf" <<CONF
worker_processes 2;
pid $bench_work/nginx/nginx.pid;
error_log $bench_work/nginx/error.log;
events { worker_connections 1024; }
http {
  access_log off;
  sendfile on;
  tcp_nopush on;
  keepalive_requests 1000000;
  default_type application/octet-stream;
  client_body_temp_path $bench_work/nginx;
  proxy_temp_path $bench_work/nginx;
  fastcgi_temp_path $bench_work/nginx;
  uwsgi_temp_path $bench_work/nginx;
  scgi_temp_path $bench_work/nginx;
  server { listen 127.0.0.1:$port; root $root; }
}
CONF
  nginx -c "$nginx_conf"
}

# progy CLI with an isolated home, pointed at the bench server.
progy() { PROGY_HOME="$bench_work/home" PROGY_SERVER="$server_url" "$bench_root/bin/progy" "$@"; }

ratio() { python3 -c "import sys; print(f'{float(sys.argv[1])/float(sys.argv[2]):.2f}')" "$1" "$2"; }
