#!/usr/bin/env bash
# `progy init` of a 2,000-file course on a second device (the student's repository already has history on the
# builtin git host) against C `git clone` of the same repository from `git http-backend` behind lighttpd.
# Each progy run starts with an empty PROGY_HOME (no cached artifact), as a new machine would.
# Target: <= 1.0x. Usage: bench/init-clone.sh [runs]
. "$(dirname "$0")/lib.sh"
need curl git python3 hyperfine lighttpd
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
mkdir -p "$bench_work/trash"
aside() { printf 'for d in %s; do [ ! -e "%s/$d" ] || mv "%s/$d" "%s/trash/$d.$(date +%%s%%N)"; done' "$1" "$bench_work" "$bench_work" "$bench_work"; }
# progy: as a student runs it, with the background process that any earlier command on this machine started
# (`progy daemon start` here); progy-cold: every run in its own JVM (PROGY_DAEMON=off).
"$bench_root/bin/progy" daemon start >&2
init="init @ada/big $bench_work/b -q"
hyperfine -N --warmup 2 --runs "$runs" --export-json "$bench_work/result.json" \
  --prepare "sh -c '$(aside "b home-b")'" \
  -n progy "env PROGY_HOME=$bench_work/home-b PROGY_SERVER=$server_url PROGY_TOKEN=$token $bench_root/bin/progy $init" \
  --prepare "sh -c '$(aside c)'" \
  -n git "git clone -q http://127.0.0.1:$port/git/repo.git $bench_work/c" \
  --prepare "sh -c '$(aside "b home-b")'" \
  -n progy-cold "env PROGY_DAEMON=off PROGY_HOME=$bench_work/home-b PROGY_SERVER=$server_url PROGY_TOKEN=$token $bench_root/bin/progy $init" >&2
"$bench_root/bin/progy" daemon status >&2
python3 - "$bench_work/result.json" <<'PY'
import json, sys
r = {x["command"]: x["median"] * 1000 for x in json.load(open(sys.argv[1]))["results"]}
print(f"git clone (http-backend + lighttpd):          {r['git']:.0f} ms median")
print(f"progy init (second device, warm CLI):         {r['progy']:.0f} ms median")
print(f"progy init (second device, PROGY_DAEMON=off): {r['progy-cold']:.0f} ms median")
print(f"ratio progy/git: {r['progy'] / r['git']:.2f} (target: <= 1.0); own JVM: {r['progy-cold'] / r['git']:.2f}")
PY
