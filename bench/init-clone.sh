#!/usr/bin/env bash
# `progy init` of a 2,000-file course on a second device (the student's repository already has history on the
# builtin git host) against C `git clone` of the same repository from `git http-backend` behind lighttpd.
# Each progy run starts with an empty PROGY_HOME (no cached artifact), as a new machine would.
# Target: <= 1.0x. Usage: bench/init-clone.sh [runs]
. "$(dirname "$0")/lib.sh"
need curl git python3 lighttpd
runs="${1:-10}"
files=2000
commits=20

start_server
api() { curl -fsS -H 'Content-Type: application/json' "$@"; }
api -o /dev/null -d '{"username":"ada","email":"ada@example.org","password":"bench-password-1"}' "$server_url/v1/auth/signup"
token="$(api -d '{"username":"ada","password":"bench-password-1"}' "$server_url/v1/auth/token" |
  python3 -c 'import json,sys; print(json.load(sys.stdin)["token"])')"
export PROGY_TOKEN="$token"

# A course of $files files: the sample course plus generated data files in its first exercise.
course="$bench_work/course"
cp -r "$bench_root/courses/java-intro" "$course"
python3 - "$course" "$files" <<'PY'
import json, os, pathlib, sys
root, total = pathlib.Path(sys.argv[1]), int(sys.argv[2])
existing = sum(1 for p in root.rglob("*") if p.is_file())
data = next(p for p in sorted((root / "content").glob("*/*")) if p.is_dir()) / "data"
data.mkdir()
for i in range(total - existing):
    (data / f"f{i:04d}.txt").write_text(f"line {i}\n" * 20)
manifest = json.loads((root / "course.json").read_text())
manifest["name"] = "@ada/big"
(root / "course.json").write_text(json.dumps(manifest, indent=2))
PY
progy publish "$course" --skip-check -q >/dev/null

# Device A: start the course and build some history on the server.
device_a="$bench_work/device-a"
PROGY_HOME="$bench_work/home-a" PROGY_SERVER="$server_url" "$bench_root/bin/progy" init @ada/big "$device_a" -q >/dev/null
first_data="$(find "$device_a/content" -path '*/data/f0000.txt' | head -n1)"
for i in $(seq 1 "$commits"); do
  echo "edit $i" >>"$first_data"
  (cd "$device_a" && PROGY_HOME="$bench_work/home-a" PROGY_SERVER="$server_url" "$bench_root/bin/progy" save -m "edit $i" -q >/dev/null)
done
bare="$(find "$bench_work/server/git" -maxdepth 2 -name '*.git' -type d | head -n1)"
[ -n "$bare" ] || { echo "bench: no repository on the server" >&2; exit 4; }

# The peer: the same bare repository served by git http-backend behind lighttpd.
peer_root="$bench_work/peer"
mkdir -p "$peer_root"
cp -r "$bare" "$peer_root/repo.git"
git -C "$peer_root/repo.git" config http.receivepack false
port="$(free_port)"
cat >"$bench_work/lighttpd.conf" <<CONF
server.modules = ("mod_alias", "mod_cgi", "mod_setenv")
server.document-root = "$peer_root"
server.bind = "127.0.0.1"
server.port = $port
server.pid-file = "$bench_work/lighttpd.pid"
server.errorlog = "$bench_work/lighttpd.log"
alias.url = ("/git/" => "$(git --exec-path)/git-http-backend/")
\$HTTP["url"] =~ "^/git/" {
  cgi.assign = ("" => "")
  setenv.add-environment = ("GIT_PROJECT_ROOT" => "$peer_root", "GIT_HTTP_EXPORT_ALL" => "")
}
CONF
lighttpd -f "$bench_work/lighttpd.conf"
trap 'kill "$(cat "$bench_work/lighttpd.pid" 2>/dev/null)" 2>/dev/null; bench_cleanup' EXIT
git clone -q "http://127.0.0.1:$port/git/repo.git" "$bench_work/check-clone"
echo "repository: $(git -C "$bench_work/check-clone" ls-files | wc -l) tracked files, $(git -C "$bench_work/check-clone" rev-list --count HEAD) commits"

# Each run's output is moved aside, not deleted, until the end: on ext4 without a journal (this machine's disk), a
# file created within a minute or so of many deletions costs up to ten times more (the inode allocator skips
# recently freed inodes one by one), so deleting 2,000 files before each run would time the disk, not the tools.
# The disk's state still drifts (git clone alone moves between 80 and 450 ms here), so the three commands take
# turns, run after run, and every ratio compares runs made under the same conditions.
# progy: as a student runs it, with the background process any earlier command on this machine started
# (`progy daemon start` here); progy-cold: every run in its own JVM (PROGY_DAEMON=off).
"$bench_root/bin/progy" daemon start >&2
python3 - "$bench_work" "$bench_root/bin/progy" "$server_url" "$token" "http://127.0.0.1:$port/git/repo.git" "$runs" <<'PY'
import os, statistics, subprocess, sys, time
work, progy, server, token, repo, runs = sys.argv[1:6] + [int(sys.argv[6])]
trash = os.path.join(work, "trash")
os.makedirs(trash, exist_ok=True)
def aside(*names):
    for name in names:
        path = os.path.join(work, name)
        if os.path.exists(path):
            os.rename(path, os.path.join(trash, f"{name}.{time.time_ns()}"))
def progy_init(daemon):
    env = dict(os.environ, PROGY_HOME=os.path.join(work, "home-b"), PROGY_SERVER=server, PROGY_TOKEN=token)
    if not daemon:
        env["PROGY_DAEMON"] = "off"
    return [progy, "init", "@ada/big", os.path.join(work, "b"), "-q"], env
commands = {
    "progy": lambda: progy_init(True),
    "git": lambda: (["git", "clone", "-q", repo, os.path.join(work, "c")], dict(os.environ)),
    "progy-cold": lambda: progy_init(False),
}
times = {name: [] for name in commands}
for run in range(runs + 2):  # the first two rounds warm up
    for name, command in commands.items():
        aside("b", "home-b", "c")
        argv, env = command()
        start = time.perf_counter()
        subprocess.run(argv, env=env, check=True, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL)
        if run >= 2:
            times[name].append((time.perf_counter() - start) * 1000)
m = {name: statistics.median(values) for name, values in times.items()}
for name, values in times.items():
    print(f"  {name:<10} " + " ".join(f"{v:.0f}" for v in values) + " ms", file=sys.stderr)
ratios = [p / g for p, g in zip(times["progy"], times["git"])]
print(f"git clone (http-backend + lighttpd):          {m['git']:.0f} ms median of {runs}")
print(f"progy init (second device, warm CLI):         {m['progy']:.0f} ms median")
print(f"progy init (second device, PROGY_DAEMON=off): {m['progy-cold']:.0f} ms median")
print(f"ratio progy/git: {m['progy'] / m['git']:.2f} (median of per-round ratios {statistics.median(ratios):.2f};"
      f" target: <= 1.0); own JVM: {m['progy-cold'] / m['git']:.2f}")
PY
"$bench_root/bin/progy" daemon status >&2
