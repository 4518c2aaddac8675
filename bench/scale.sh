#!/usr/bin/env bash
# Scale benchmark of the events stage: generated articles (bench/generate.py:
# events of many kinds over six years, several reports each, wire copies)
# at several sizes. For each size it reports
#   - the events stage on analysed input (`herald analyze` output read back),
#     one core: articles per second, microseconds per article, peak memory;
#   - raw text to events (`herald events` on the generated JSON Lines, all
#     cores): wall time and peak memory;
#   - BCubed F1 of the partition against the generator's events.
# A flat cost per article across sizes is the point (no per-article scan
# of everything seen).
#
# usage: bench/scale.sh [SIZE...]      (default: 10000 100000)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(10000 100000)
(cd "$root" && cargo build --release -q -p herald)
herald=$root/target/release/herald
tmp=${SCALE_DIR:-$(mktemp -d)}
[ -n "${SCALE_DIR:-}" ] || trap 'rm -rf "$tmp"' EXIT

for n in "${sizes[@]}"; do
  python3 "$here/generate.py" "$n" --gold "$tmp/gold-$n.json" > "$tmp/raw-$n.jsonl"
  "$herald" analyze --quiet "$tmp/raw-$n.jsonl" > "$tmp/analysed-$n.jsonl" 2>> "$tmp/log"
  /usr/bin/env time -f '%e %M' -o "$tmp/stage-$n.t" taskset -c 0 \
    "$herald" events --quiet --threads 1 --no-model "$tmp/analysed-$n.jsonl" > "$tmp/events-$n.json" 2>> "$tmp/log"
  /usr/bin/env time -f '%e %M' -o "$tmp/raw-$n.t" \
    "$herald" events --quiet --no-model "$tmp/raw-$n.jsonl" > /dev/null 2>> "$tmp/log"
  python3 - "$n" "$tmp" <<'PY'
import json, sys
n, tmp = int(sys.argv[1]), sys.argv[2]
sys.path.insert(0, sys.path[0])
def bcubed(pred, gold):
    from collections import Counter, defaultdict
    by_p, by_g = defaultdict(list), defaultdict(list)
    for d in gold:
        by_p[pred.get(d, ("missing", d))].append(d); by_g[gold[d]].append(d)
    p = r = 0.0
    for d in gold:
        cp, cg = by_p[pred.get(d, ("missing", d))], by_g[gold[d]]
        both = sum(1 for x in cp if gold[x] == gold[d])
        p += both / len(cp); r += both / len(cg)
    p, r = p / len(gold), r / len(gold)
    return p, r, 2 * p * r / (p + r) if p + r else 0.0
gold = json.load(open(f"{tmp}/gold-{n}.json"))["doc_to_event"]
pred = {}
for i, e in enumerate(json.load(open(f"{tmp}/events-{n}.json"))["events"]):
    for a in e["articles"]:
        pred[a["id"]] = i
s_secs, s_kb = open(f"{tmp}/stage-{n}.t").read().split()
r_secs, r_kb = open(f"{tmp}/raw-{n}.t").read().split()
p, r, f = bcubed(pred, gold)
print(f"{n:>9} articles | events stage, one core: {n / float(s_secs):7.0f} articles/s, "
      f"{1e6 * float(s_secs) / n:6.0f} us/article, peak {int(s_kb) / 1024:7.0f} MiB | "
      f"raw text to events: {float(r_secs):7.1f} s, peak {int(r_kb) / 1024:7.0f} MiB | "
      f"BCubed P {p:.3f} R {r:.3f} F1 {f:.3f}")
PY
done
