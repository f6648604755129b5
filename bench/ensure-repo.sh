#!/usr/bin/env bash
# `POST /v1/git/ensure-repo` throughput: creating a student repository for each of USERS x COURSES
# (user, course) pairs with 16 concurrent keep-alive clients, against C git creating the same number of
# bare repositories (`git init --bare`, one after another). Target: >= 200 repos/s.
# Usage: bench/ensure-repo.sh [users] [courses]
. "$(dirname "$0")/lib.sh"
need curl git python3
users="${1:-40}"
courses="${2:-25}"

start_server
api() { curl -fsS -H 'Content-Type: application/json' "$@"; }

echo "bench: creating $users students and $courses courses…" >&2
: >"$bench_work/tokens"
for i in $(seq 1 "$users"); do
  name="bench$i"
  api -o /dev/null -d "{\"username\":\"$name\",\"email\":\"$name@example.org\",\"password\":\"bench-password-$i\"}" \
    "$server_url/v1/auth/signup"
  api -d "{\"username\":\"$name\",\"password\":\"bench-password-$i\"}" "$server_url/v1/auth/token" |
    python3 -c 'import json,sys; print(json.load(sys.stdin)["token"])' >>"$bench_work/tokens"
done
instructor="$(head -n1 "$bench_work/tokens")"
course_dir="$bench_work/course"
cp -r "$bench_root/courses/java-intro" "$course_dir"
: >"$bench_work/courses"
for i in $(seq 1 "$courses"); do
  python3 - "$course_dir/course.json" "@bench1/course-$i" <<'PY'
import json, sys
path, name = sys.argv[1], sys.argv[2]
manifest = json.load(open(path))
manifest["name"] = name
json.dump(manifest, open(path, "w"), indent=2)
PY
  PROGY_TOKEN="$instructor" progy publish "$course_dir" --skip-check -q >/dev/null
  echo "@bench1/course-$i" >>"$bench_work/courses"
done

# Creates every (user, course) repository once; prints "created seconds".
python3 - "$server_url" "$bench_work/tokens" "$bench_work/courses" <<'PY' >"$bench_work/progy.out"
import http.client, json, sys, threading, time, urllib.parse
from concurrent.futures import ThreadPoolExecutor
url = urllib.parse.urlparse(sys.argv[1])
tokens = open(sys.argv[2]).read().split()
courses = open(sys.argv[3]).read().split()
pairs = [(t, c) for c in courses for t in tokens]
local = threading.local()
def ensure(pair):
    token, course = pair
    if not hasattr(local, "conn"):
        local.conn = http.client.HTTPConnection(url.hostname, url.port)
    local.conn.request("POST", "/v1/git/ensure-repo", json.dumps({"course": course}),
                       {"Authorization": "Bearer " + token, "Content-Type": "application/json"})
    response = local.conn.getresponse()
    response.read()
    return response.status
start = time.perf_counter()
with ThreadPoolExecutor(16) as pool:
    statuses = list(pool.map(ensure, pairs))
elapsed = time.perf_counter() - start
bad = [s for s in statuses if s != 201]
if bad:
    sys.exit(f"bench: {len(bad)} of {len(pairs)} answers were not 201 (first: {bad[0]})")
print(len(pairs), f"{elapsed:.3f}")
PY
read -r created progy_secs <"$bench_work/progy.out"

mkdir -p "$bench_work/bare"
start=$(date +%s.%N)
for i in $(seq 1 "$created"); do git init -q --bare "$bench_work/bare/r$i.git"; done
git_secs=$(python3 -c "import sys; print(f'{float(sys.argv[2]) - float(sys.argv[1]):.3f}')" "$start" "$(date +%s.%N)")

progy_rate=$(python3 -c "import sys; print(f'{int(sys.argv[1]) / float(sys.argv[2]):.0f}')" "$created" "$progy_secs")
git_rate=$(python3 -c "import sys; print(f'{int(sys.argv[1]) / float(sys.argv[2]):.0f}')" "$created" "$git_secs")
echo "repositories created: $created ($users students x $courses courses)"
echo "git init --bare:          $git_rate repos/s (${git_secs}s)"
echo "orchestrator ensure-repo: $progy_rate repos/s (${progy_secs}s, 16 concurrent clients)"
echo "ratio orchestrator/git: $(ratio "$progy_rate" "$git_rate") (target: >= 200 repos/s)"
