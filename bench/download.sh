#!/usr/bin/env bash
# Download throughput of a 50 MB course artifact: orchestrator vs nginx (sendfile) serving the same file.
# Target: orchestrator >= 0.8x nginx. Usage: bench/download.sh [runs]
. "$(dirname "$0")/lib.sh"
need curl nginx python3
runs="${1:-15}"

start_server
# An account and a course whose artifact is ~50 MB (incompressible content, so the zip is as large).
curl -fsS -X POST "$server_url/v1/auth/signup" -H 'Content-Type: application/json' \
  -d '{"username":"bench","email":"bench@example.com","password":"bench-password-1"}' >/dev/null
token="$(curl -fsS -X POST "$server_url/v1/auth/token" -H 'Content-Type: application/json' \
  -d '{"username":"bench","password":"bench-password-1"}' | python3 -c 'import json,sys; print(json.load(sys.stdin)["token"])')"
course="$bench_work/course"
mkdir -p "$course/content/01_data/01_big"
cat >"$course/course.json" <<JSON
{"name":"@bench/big","version":"1.0.0","description":"50 MB benchmark artifact","files":["course.json","content/**"]}
JSON
echo "# Big" >"$course/content/01_data/01_big/README.md"
head -c $((50 * 1024 * 1024)) /dev/urandom >"$course/content/01_data/01_big/data.bin"
progy pack "$course" -o "$bench_work/big.progy" >/dev/null
curl -fsS -X POST "$server_url/v1/registry/publish" -H "Authorization: Bearer $token" \
  -F "file=@$bench_work/big.progy" >/dev/null
mkdir -p "$bench_work/static"
cp "$bench_work/big.progy" "$bench_work/static/big.progy"
start_nginx "$bench_work/static"
size=$(stat -c %s "$bench_work/big.progy")

# Downloads alternate between the two servers (after 2 warm-up runs each), so background load on this
# machine hits both alike; prints the median bytes/second of each: "<orchestrator> <nginx>".
measure_both() {
  local progy_url="$1" nginx_url="$2" i progy=() nginx=()
  for i in 1 2; do curl -fsS -o /dev/null "$progy_url"; curl -fsS -o /dev/null "$nginx_url"; done
  for i in $(seq 1 "$runs"); do
    progy+=("$(curl -fsS -o /dev/null -w '%{speed_download}' "$progy_url")")
    nginx+=("$(curl -fsS -o /dev/null -w '%{speed_download}' "$nginx_url")")
  done
  median() { printf '%s\n' "$@" | sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
  echo "$(median "${progy[@]}") $(median "${nginx[@]}")"
}
read -r progy_bps nginx_bps < <(measure_both "$server_url/v1/registry/download/bench/big/1.0.0" "$nginx_url/big.progy")
mb() { python3 -c "print(f'{float(\"$1\")/1e6:.0f}')"; }
echo "artifact: $((size / 1024 / 1024)) MiB, $runs runs each (median)"
echo "nginx:        $(mb "$nginx_bps") MB/s"
echo "orchestrator: $(mb "$progy_bps") MB/s"
echo "ratio orchestrator/nginx: $(ratio "$progy_bps" "$nginx_bps") (target >= 0.80)"
