#!/usr/bin/env bash
# Side-by-side benchmark: Herald vs trafilatura on the same HTML pages, one
# core each, in the same run. Prints pages per second for both, the ratio,
# and peak memory. Also checks that each tool produced a body for the pages
# (a benchmark that checks its result).
#
# usage: bench/extraction.sh [DIR_OF_HTML_PAGES] [ROUNDS]
# default pages: ../shared/eval/extraction-dev/html (when present)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
pages=${1:-$root/../shared/eval/extraction-dev/html}
rounds=${2:-5}
[ -d "$pages" ] || { echo "no such directory: $pages" >&2; exit 2; }

venv=$here/.venv
if [ ! -x "$venv/bin/python" ]; then
  python3 -m venv "$venv"
  "$venv/bin/pip" install -q 'trafilatura>=2,<3' lxml_html_clean
fi
(cd "$root" && cargo build --release -q -p herald)
herald=$root/target/release/herald
n=$(find "$pages" -type f | wc -l)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# trafilatura: one process per round on the same core, same pages; it
# times its own extraction (imports and file reading excluded).
cat > "$tmp/traf.py" <<'PY'
import os, sys, time, json, resource
import trafilatura
pages = sys.argv[1]
files = sorted(os.path.join(d, f) for d, _, fs in os.walk(pages) for f in fs)
docs = [open(f, 'rb').read() for f in files]
t0 = time.perf_counter()
ok = sum(bool(trafilatura.extract(d)) for d in docs)
t1 = time.perf_counter()
print(json.dumps({"seconds": t1 - t0, "ok": ok, "peak_kb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss}))
PY

# Rounds alternate between the two tools so that any background load
# falls on both alike. Each Herald round is one process reading the pages
# directory three times (steady-state throughput, as trafilatura's own
# timing excludes its start-up); its time still includes process start and
# reading the files.
h_secs=0
: > "$tmp/traf.jsonl"
for _ in $(seq "$rounds"); do
  s=$(date +%s.%N)
  /usr/bin/env time -f '%M' -o "$tmp/herald.mem" taskset -c 0 "$herald" analyze --no-annotate --threads 1 --quiet "$pages" "$pages" "$pages" > "$tmp/herald.jsonl" 2>/dev/null
  e=$(date +%s.%N)
  h_secs=$(python3 -c "print($h_secs + $e - $s)")
  s=$(date +%s.%N)
  taskset -c 0 "$herald" analyze --threads 1 --quiet "$pages" "$pages" "$pages" > /dev/null 2>/dev/null
  e=$(date +%s.%N)
  a_secs=$(python3 -c "print(${a_secs:-0} + $e - $s)")
  taskset -c 0 "$venv/bin/python" "$tmp/traf.py" "$pages" >> "$tmp/traf.jsonl"
done
traf=$(python3 -c "
import json
rows = [json.loads(l) for l in open('$tmp/traf.jsonl')]
print(json.dumps({'seconds': sum(r['seconds'] for r in rows), 'ok': rows[-1]['ok'], 'peak_kb': max(r['peak_kb'] for r in rows)}))")
h_start=0
h_end=$h_secs

python3 - "$n" "$rounds" "$h_start" "$h_end" "$(cat "$tmp/herald.mem")" "$tmp/herald.jsonl" "$traf" "$a_secs" <<'PY'
import json, sys
n, rounds = int(sys.argv[1]), int(sys.argv[2])
h_secs = float(sys.argv[4]) - float(sys.argv[3])
h_mem = int(sys.argv[5])
h_ok = sum(1 for l in open(sys.argv[6]) if l.strip() and json.loads(l).get("text")) // 3
t = json.loads(sys.argv[7])
h_pps = 3 * n * rounds / h_secs
t_pps = n * rounds / t["seconds"]
print(f"pages: {n} x {rounds} rounds, one core each")
print(f"herald      {h_pps:8.1f} pages/s  peak {h_mem / 1024:6.1f} MiB  bodies {h_ok}/{n}")
print(f"trafilatura {t_pps:8.1f} pages/s  peak {t['peak_kb'] / 1024:6.1f} MiB  bodies {t['ok']}/{n}")
print(f"ratio herald/trafilatura: {h_pps / t_pps:.1f}x (extraction: --no-annotate, as trafilatura)")
a_pps = 3 * n * rounds / float(sys.argv[8])
print(f"herald with annotation on (time, entities, quotes, sources): {a_pps:.1f} pages/s, {a_pps / t_pps:.1f}x trafilatura")
PY

# Plain-text articles with annotation on (entities, quotes, dates, sources):
# Herald alone, one core; the target is articles per second per core.
texts=${TEXTS:-$root/../shared/eval/quotes-dev/text}
if [ -d "$texts" ]; then
  m=$(find "$texts" -type f | wc -l)
  t_start=$(date +%s.%N)
  for _ in $(seq "$rounds"); do
    taskset -c 0 "$herald" analyze --threads 1 --quiet "$texts" "$texts" "$texts" "$texts" "$texts" > "$tmp/texts.jsonl" 2>/dev/null
  done
  t_end=$(date +%s.%N)
  python3 - "$m" "$rounds" "$t_start" "$t_end" "$tmp/texts.jsonl" <<'PY'
import json, sys
m, rounds = int(sys.argv[1]), int(sys.argv[2])
secs = float(sys.argv[4]) - float(sys.argv[3])
ok = sum(1 for l in open(sys.argv[5]) if l.strip() and "error" not in json.loads(l)) // 5
print(f"plain text: {m} articles x 5 x {rounds} rounds, herald {5 * m * rounds / secs:.0f} articles/s on one core (annotation on), {ok}/{m} analyzed")
PY
fi
