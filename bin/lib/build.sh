# Shared by the launchers (sourced; expects $root = the repository root).
# progy_ensure_built <jar> <what> <module> <source paths relative to $root...>
# Builds <module> (and what it needs) when <jar> is missing or older than any file under the source paths:
# one line on stderr saying so, the build itself quiet unless it fails. Offline first (works without a
# network once dependencies are in ~/.m2), online when something is missing.
progy_ensure_built() {
  local jar="$1" what="$2" module="$3"
  shift 3
  local reason="" p
  if [ ! -f "$jar" ]; then
    reason="first run"
  else
    for p in "$@"; do
      if [ -e "$root/$p" ] && [ -n "$(find "$root/$p" -newer "$jar" -type f -not -path '*/target/*' -print -quit 2>/dev/null)" ]; then
        reason="sources changed"
        break
      fi
    done
  fi
  [ -z "$reason" ] && return 0
  echo "progy: building $what ($reason, this takes a minute)…" >&2
  local log build=(./mvnw -q -B -pl "$module" -am package -DskipTests)
  log="$(mktemp "${TMPDIR:-/tmp}/progy-build.XXXXXX")"
  if ! (cd "$root" && { "${build[@]}" -o >"$log" 2>&1 || "${build[@]}" >"$log" 2>&1; }); then
    cat "$log" >&2
    rm -f "$log"
    echo "progy: building $what failed (output above)" >&2
    exit 4
  fi
  rm -f "$log"
}

