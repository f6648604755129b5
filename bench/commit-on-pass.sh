#!/usr/bin/env bash
# Commit-on-pass: commit + upload of one changed file, through the CLI's progress repository in a warm JVM (as
# `progy watch`/`progy start` do on each pass) to the builtin git host, against C git's
# `git add -A && git commit && git push` of the same change to `git http-backend` behind lighttpd.
# Target: <= 1.0x. Usage: bench/commit-on-pass.sh [runs]
. "$(dirname "$0")/lib.sh"
need curl git python3 hyperfine lighttpd
runs="${1:-200}"

start_server
api() { curl -fsS -H 'Content-Type: application/json' "$@"; }
api -o /dev/null -d '{"username":"ada","email":"ada@example.org","password":"bench-password-1"}' "$server_url/v1/auth/signup"
token="$(api -d '{"username":"ada","password":"bench-password-1"}' "$server_url/v1/auth/token" |
  python3 -c 'import json,sys; print(json.load(sys.stdin)["token"])')"
export PROGY_TOKEN="$token"

workspace="$bench_work/workspace"
progy init @progy/java-intro "$workspace" -q >/dev/null
file="$(cd "$workspace" && find content -name '*.java' | sort | head -n1)"
bare="$(find "$bench_work/server/git" -maxdepth 2 -name '*.git' -type d | head -n1)"

# The peer: a copy of the same repository behind git http-backend, pushable.
peer_root="$bench_work/peer"
mkdir -p "$peer_root"
cp -r "$bare" "$peer_root/repo.git"
git -C "$peer_root/repo.git" config http.receivepack true
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
  setenv.add-environment = ("GIT_PROJECT_ROOT" => "$peer_root", "GIT_HTTP_EXPORT_ALL" => "", "REMOTE_USER" => "bench")
}
CONF
lighttpd -f "$bench_work/lighttpd.conf"
trap 'kill "$(cat "$bench_work/lighttpd.pid" 2>/dev/null)" 2>/dev/null; bench_cleanup' EXIT
clone="$bench_work/clone"
git clone -q "http://127.0.0.1:$port/git/repo.git" "$clone"
git -C "$clone" config user.name bench
git -C "$clone" config user.email bench@example.org

# The CLI's background process (started by the init above) warms up on the same two cores: let it finish first.
"$bench_root/bin/progy" daemon start >&2
progy_ms="$(java -cp "$bench_root/git-agent-cli/target/progy.jar" "$bench_root/bench/java/CommitOnPass.java" \
  "$workspace" "$server_url" "$token" @progy/java-intro "$file" "$bench_work/home" "$runs")"
hyperfine --warmup 3 --runs "$runs" --export-json "$bench_work/git.json" \
  --prepare "echo edit >> $clone/$file" \
  "cd $clone && git add -A && git commit -qm edit && git push -q origin main" >&2
# The same from the command line: `progy save` through bin/progy and the CLI's background process.
hyperfine --warmup 3 --runs "$runs" --export-json "$bench_work/save.json" \
  --prepare "echo edit >> $workspace/$file" \
  "cd $workspace && PROGY_HOME=$bench_work/home PROGY_SERVER=$server_url $bench_root/bin/progy save -m edit -q" >&2
median() { python3 -c 'import json,sys; r=json.load(open(sys.argv[1])); print("%.1f" % (r["results"][0]["median"]*1000))' "$1"; }
git_ms="$(median "$bench_work/git.json")"
save_ms="$(median "$bench_work/save.json")"
echo "C git add + commit + push (http-backend + lighttpd): $git_ms ms median"
echo "progy commit + upload (warm JVM, builtin host):     $progy_ms ms median"
echo "progy save (bin/progy, background process):         $save_ms ms median"
echo "ratio progy/git: $(ratio "$progy_ms" "$git_ms") (target: <= 1.0); progy save/git: $(ratio "$save_ms" "$git_ms")"
