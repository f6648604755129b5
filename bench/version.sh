#!/usr/bin/env bash
# Wall time of `progy --version` (AppCDS launcher) vs `git --version`, with `java -version` as the JVM's floor.
# Target: progy median <= 250 ms.
. "$(dirname "$0")/lib.sh"
need hyperfine git python3
"$bench_root/bin/progy" --version >/dev/null   # builds the jar and the class-data archive if missing
hyperfine -N --warmup 3 --runs "${1:-30}" --export-json "$bench_work/v.json" \
  "$bench_root/bin/progy --version" "git --version" "java -version" >/dev/null
python3 - "$bench_work/v.json" <<'PY'
import json, sys
r = {x["command"].split()[0].rsplit("/", 1)[-1]: x["median"] * 1000 for x in json.load(open(sys.argv[1]))["results"]}
print(f"git --version:   median {r['git']:.1f} ms")
print(f"progy --version: median {r['progy']:.1f} ms (target <= 250 ms)")
print(f"java -version:   median {r['java']:.1f} ms (the JVM's own floor on this machine now)")
print(f"ratio progy/git: {r['progy'] / r['git']:.1f}x")
PY
