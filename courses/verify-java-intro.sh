#!/usr/bin/env bash
# Proves that every check of the sample course @progy/java-intro works: every exercise has a valid
# tests.txt and, run as the course's runner runs it (runner/Check.java), each check fails on the
# starter Exercise.java and passes on the solution in java-intro-solutions/. Works on temporary
# copies; the course itself is not touched.
# Usage: courses/verify-java-intro.sh   (needs Java 17+ on PATH)
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
course=$here/java-intro
solutions=$here/java-intro-solutions
timeout_seconds=$(sed -n 's/.*"timeout_seconds": *\([0-9][0-9]*\).*/\1/p' "$course/course.json")
# This script checks what the checks decide, not how fast they are: on a busy machine (CI running many JVMs)
# a check may need more than the course's own limit, so it gets three times as long here.
timeout_seconds=$((timeout_seconds * 3))
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

passed=0
failed=0
pass() { passed=$((passed + 1)); echo "ok    $1"; }
fail() { failed=$((failed + 1)); echo "FAIL  $1"; }

# The runner command from course.json: java runner/Check.java {{exercise}}, from the course root.
run_check() { # <course copy> <exercise path>
  (cd "$1" && timeout "$timeout_seconds" java runner/Check.java "$2")
}

# The exercise's tests.txt must read as tests: runner/Check.java --list prints them, or the line at fault.
expect_valid_tests() { # <exercise path>
  local code=0
  (cd "$course" && java runner/Check.java --list "$1") >"$work/out.txt" 2>&1 || code=$?
  if [ "$code" -eq 0 ]; then
    pass "$1: tests.txt holds $(wc -l <"$work/out.txt" | tr -d ' ') test(s)"
  else
    fail "$1: tests.txt is not valid:"
    sed 's/^/        /' "$work/out.txt"
  fi
}

# expect <kind> <exercise path> <wanted exit code> <text the output must contain>
expect() {
  local kind=$1 exercise=$2 wanted=$3 marker=$4 code=0
  run_check "$work/$kind" "$exercise" >"$work/out.txt" 2>&1 || code=$?
  if [ "$code" -eq "$wanted" ] && grep -q "$marker" "$work/out.txt"; then
    pass "$exercise: the $kind $( [ "$wanted" -eq 0 ] && echo passes || echo fails ) ($(tail -n 1 "$work/out.txt"))"
  else
    fail "$exercise: the $kind should exit $wanted but exited $code; the check printed:"
    sed 's/^/        /' "$work/out.txt"
  fi
}

cp -R "$course" "$work/starter"
cp -R "$course" "$work/solution"

for info in "$course"/content/*/info.toml; do
  module_dir=$(dirname "$info")
  module=$(basename "$module_dir")
  listed=$(sed -n 's/^dir *= *"\(.*\)" *$/\1/p' "$info")
  for dir in "$module_dir"/*/; do
    name=$(basename "$dir")
    grep -qx "$name" <<<"$listed" || fail "content/$module/$name is not listed in info.toml"
  done
  for name in $listed; do
    exercise=content/$module/$name
    missing=""
    for file in README.md hints.md Exercise.java tests.txt; do
      [ -f "$course/$exercise/$file" ] || missing="$missing $file"
    done
    solution=$solutions/$module/$name/Exercise.java
    [ -f "$solution" ] || missing="$missing $solution"
    if [ -n "$missing" ]; then
      fail "$exercise: missing$missing"
      continue
    fi
    [ ! -e "$course/$exercise/Check.java" ] || fail "$exercise: has its own Check.java; runner/Check.java checks every exercise"
    expect_valid_tests "$exercise"
    cp "$solution" "$work/solution/$exercise/Exercise.java"
    expect starter "$exercise" 1 "^FAIL"
    expect solution "$exercise" 0 "passed\.$"
  done
done

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
