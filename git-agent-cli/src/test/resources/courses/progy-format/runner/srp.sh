#!/bin/sh
# A runner speaking Progy's Smart Runner Protocol. $1 is the exercise directory, relative to the course root.
# answer.txt says what to report: ok (pass), anything with "wrong" (a failure with a diagnostic), or a broken block.
answer="$(cat "$1/answer.txt" 2>/dev/null)"
echo "runner: checking $1"
case "$answer" in
  ok)
    echo "__SRP_BEGIN__"
    echo '{"success": true, "summary": "All tests passed", "raw": "2 + 2 = 4",'
    echo ' "tests": [{"name": "answer is ok", "status": "pass"}]}'
    echo "__SRP_END__"
    echo "runner: done"
    exit 0 ;;
  *wrong*)
    echo "__SRP_BEGIN__"
    echo '{"success": false, "summary": "1 test failed", "raw": "got: '"$answer"'",'
    echo ' "tests": [{"name": "answer is ok", "status": "fail", "message": "expected ok"}],'
    echo ' "diagnostics": [{"severity": "error", "message": "answer.txt must say ok", "file": "'"$1"'/answer.txt",'
    echo '   "line": 1, "snippet": "'"$answer"'"}]}'
    echo "__SRP_END__"
    exit 1 ;;
  *)
    echo "__SRP_BEGIN__"
    echo '{"success": tru'
    echo "__SRP_END__"
    exit 1 ;;
esac
