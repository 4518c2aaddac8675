#!/usr/bin/env bash
# Side-by-side benchmark: `herald events` (whole process, raw text in:
# analysis, linking, profiles, grouping) against scikit-learn TF-IDF +
# complete-linkage agglomerative clustering (bench/events_sklearn.py, whole
# process: Python start, imports, reading), on the same articles, one core
# each (taskset -c 0), rounds alternating so that background load falls on
# both alike. Prints the median seconds, peak memory and the ratio, and
# scores both partitions when the gold is there (a benchmark that checks
# its result). With the sentence encoder installed (and herald built with
# --features encoder), the encoder mode is timed too.
#
# usage: bench/events.sh [DIR] [ROUNDS]
# default articles: ../shared/eval/ecbplus-dev/docs (when present)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
docs=${1:-$root/../shared/eval/ecbplus-dev/docs}
rounds=${2:-5}
[ -d "$docs" ] || { echo "no such directory: $docs" >&2; exit 2; }
gold=$(dirname "$docs")/gold.json
score=$root/../shared/eval/tools/score_events.py

venv=$here/.venv
if [ ! -x "$venv/bin/python" ] || ! "$venv/bin/python" -c 'import sklearn' 2>/dev/null; then
  python3 -m venv "$venv"
  "$venv/bin/pip" install -q 'scikit-learn>=1.3,<2'
fi
(cd "$root" && cargo build --release -q -p herald --features encoder)
herald=$root/target/release/herald
n=$(find "$docs" -type f | wc -l)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

run() { # name, command...: appends "seconds peak_kb" to $tmp/name.times
  local name=$1; shift
  /usr/bin/env time -f '%e %M' -o "$tmp/$name.t" taskset -c 0 "$@" > "$tmp/$name.json" 2>/dev/null
  cat "$tmp/$name.t" >> "$tmp/$name.times"
}
for _ in $(seq "$rounds"); do
  run herald "$herald" events --threads 1 --quiet --no-model --format json "$docs"
  run sklearn "$venv/bin/python" "$here/events_sklearn.py" "$docs"
done
encoder=0
if "$herald" similarity --help >/dev/null 2>&1 && [ -f "${HERALD_MODEL_DIR:-${XDG_DATA_HOME:-$HOME/.local/share}/herald/models/e5-small}/e5-small-q4.bin" ]; then
  encoder=1
  run encoder "$herald" events --threads 1 --quiet --format json "$docs"
fi

python3 - "$n" "$tmp" "$encoder" <<'PY'
import statistics, sys
n, tmp, encoder = int(sys.argv[1]), sys.argv[2], sys.argv[3] == "1"
def figures(name):
    rows = [l.split() for l in open(f"{tmp}/{name}.times") if l.strip()]
    secs = statistics.median(float(r[0]) for r in rows)
    peak = max(int(r[1]) for r in rows) / 1024
    return secs, peak
h, s = figures("herald"), figures("sklearn")
print(f"articles: {n}, one core each, median of {len(open(f'{tmp}/herald.times').readlines())} rounds, whole process")
print(f"herald events (default)   {h[0]:7.2f} s  {n / h[0]:8.0f} articles/s  peak {h[1]:7.1f} MiB")
print(f"scikit-learn TF-IDF+AC    {s[0]:7.2f} s  {n / s[0]:8.0f} articles/s  peak {s[1]:7.1f} MiB")
print(f"ratio sklearn/herald: {s[0] / h[0]:.1f}x faster")
if encoder:
    e = figures("encoder")
    print(f"herald events (encoder)   {e[0]:7.2f} s  {n / e[0]:8.0f} articles/s  peak {e[1]:7.1f} MiB (one run)")
PY
if [ -f "$gold" ] && [ -f "$score" ]; then
  for name in herald sklearn $( [ "$encoder" = 1 ] && echo encoder ); do
    printf '%-8s ' "$name"; python3 "$score" "$gold" "$tmp/$name.json"
  done
fi
