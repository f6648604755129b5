#!/usr/bin/env bash
# `resolve` under wrk with 64 connections, against nginx serving the same JSON as a static file.
# Targets: >= 5,000 req/s and p99 < 20 ms for the orchestrator. Usage: bench/resolve.sh [seconds]
. "$(dirname "$0")/lib.sh"
need curl nginx wrk python3
secs="${1:-15}"

start_server
url="$server_url/v1/registry/resolve/progy/java-intro?range=%5E1"
curl -fsS "$url" -o /dev/null || { echo "bench: the sample course is not published" >&2; exit 4; }
mkdir -p "$bench_work/static"
curl -fsS "$url" -o "$bench_work/static/resolve.json"
start_nginx "$bench_work/static"

# Prints "req/s p99_ms" for a wrk run.
run_wrk() {
  wrk -t2 -c64 -d"$1"s --latency "$2" | python3 -c '
import re, sys
text = sys.stdin.read()
rps = float(re.search(r"Requests/sec:\s+([\d.]+)", text).group(1))
m = re.search(r"99%\s+([\d.]+)(us|ms|s)", text)
p99 = float(m.group(1)) * {"us": 0.001, "ms": 1, "s": 1000}[m.group(2)]
errors = re.search(r"Non-2xx or 3xx responses: (\d+)", text)
if errors: sys.exit(f"bench: {errors.group(1)} failed responses")
print(f"{rps:.0f} {p99:.2f}")'
}
run_wrk 30 "$url" >/dev/null   # warm-up: a long-running server is measured at steady state, after the JIT
read -r progy_rps progy_p99 < <(run_wrk "$secs" "$url")
read -r nginx_rps nginx_p99 < <(run_wrk "$secs" "$nginx_url/resolve.json")
echo "wrk -t2 -c64 -d${secs}s"
echo "nginx (static copy): $nginx_rps req/s, p99 $nginx_p99 ms"
echo "orchestrator:        $progy_rps req/s, p99 $progy_p99 ms"
echo "ratio orchestrator/nginx: $(ratio "$progy_rps" "$nginx_rps") (targets: >= 5000 req/s, p99 < 20 ms)"
