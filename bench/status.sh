#!/usr/bin/env bash
# `progy status` in a started course: through bin/progy and the CLI's background process (as a student runs it
# after any earlier command), and in its own JVM (PROGY_DAEMON=off), against `git status` in the same working copy.
# No target in an issue: it shows what the background process saves on every short command.
# Usage: bench/status.sh [runs]
. "$(dirname "$0")/lib.sh"
need curl git python3 hyperfine
runs="${1:-30}"

start_server
api() { curl -fsS -H 'Content-Type: application/json' "$@"; }
api -o /dev/null -d '{"username":"ada","email":"ada@example.org","password":"bench-password-1"}' "$server_url/v1/auth/signup"
token="$(api -d '{"username":"ada","password":"bench-password-1"}' "$server_url/v1/auth/token" |
  python3 -c 'import json,sys; print(json.load(sys.stdin)["token"])')"
export PROGY_TOKEN="$token" PROGY_TELEMETRY=off
workspace="$bench_work/workspace"
progy init @progy/java-intro "$workspace" -q >/dev/null
"$bench_root/bin/progy" daemon start >&2
cd "$workspace"
env="PROGY_HOME=$bench_work/home PROGY_SERVER=$server_url"
hyperfine -N --warmup 3 --runs "$runs" --export-json "$bench_work/result.json" \
  -n progy "env $env $bench_root/bin/progy status" \
  -n progy-own-jvm "env PROGY_DAEMON=off $env $bench_root/bin/progy status" \
  -n git "git status --short" >&2
python3 - "$bench_work/result.json" <<'PY'
import json, sys
r = {x["command"]: x["median"] * 1000 for x in json.load(open(sys.argv[1]))["results"]}
print(f"git status:                          {r['git']:.1f} ms median")
print(f"progy status (background process):   {r['progy']:.1f} ms median")
print(f"progy status (PROGY_DAEMON=off):     {r['progy-own-jvm']:.1f} ms median")
print(f"ratio progy/git: {r['progy'] / r['git']:.1f}; own JVM: {r['progy-own-jvm'] / r['git']:.1f}")
PY
