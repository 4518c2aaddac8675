#!/usr/bin/env bash
# Load benchmark (not a test): a store of generated news served by
# `herald serve`, and wrk (Debian's package) on loopback against
# /api/events, /api/events/{id} and /api/search.
#
#   bench/load.sh [ARTICLES] [SECONDS]    (default 100000 articles, 20 s per route)
#
# Builds the store from bench/generate.py's raw articles (once, kept in
# $HERALD_BENCH_DIR, default /tmp/herald-load), reports the ingest speed and
# the store's size per article, then requests per second and latency
# percentiles per route. Server and load generator share this machine's
# cores, as they would on one box.
set -euo pipefail
cd "$(dirname "$0")/.."
N=${1:-100000}
SECS=${2:-20}
DIR=${HERALD_BENCH_DIR:-/tmp/herald-load}
PORT=${PORT:-18090}
mkdir -p "$DIR"
command -v wrk >/dev/null || { echo "wrk is needed: apt-get install wrk" >&2; exit 2; }
cargo build --release --quiet
HERALD=target/release/herald

RAW="$DIR/raw-$N.jsonl"
if [ ! -s "$RAW" ]; then
  python3 bench/generate.py "$N" > "$RAW"
fi
DB="$DIR/db-$N"
if [ ! -f "$DB/herald.sqlite" ]; then
  start=$(date +%s.%N)
  "$HERALD" ingest "$RAW" --db "$DB" --quiet --batch 1000000
  end=$(date +%s.%N)
  stored=$(python3 -c "import sqlite3;print(sqlite3.connect('$DB/herald.sqlite').execute('select count(*) from articles').fetchone()[0])")
  bytes=$(du -sb "$DB" | cut -f1)
  python3 - "$N" "$start" "$end" "$stored" "$bytes" <<'PY'
import sys
n, start, end, stored, size = int(sys.argv[1]), float(sys.argv[2]), float(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5])
t = end - start
print(f"ingest: {n} raw articles ({stored} distinct stored) in {t:.1f} s = {n/t:,.0f} articles/s; "
      f"store {size/1e6:,.0f} MB = {size/stored/1024:.1f} KiB per stored article")
PY
fi

# Event ids and search words, from the store.
python3 - "$DB" "$DIR" <<'PY'
import sqlite3, sys, random, re
db, out = sys.argv[1], sys.argv[2]
c = sqlite3.connect(f"{db}/herald.sqlite")
ids = [r[0] for r in c.execute("select id from events")]
random.seed(7)
random.shuffle(ids)
open(f"{out}/ids.txt", "w").write("\n".join(ids[:5000]) + "\n")
words = set()
for (t,) in c.execute("select title from articles where title is not null limit 20000"):
    words.update(w for w in re.findall(r"[A-Za-z]{5,}", t))
words = sorted(words)
random.shuffle(words)
open(f"{out}/words.txt", "w").write("\n".join(words[:2000]) + "\n")
PY
cat > "$DIR/ids.lua" <<LUA
local ids = {}
for line in io.lines("$DIR/ids.txt") do ids[#ids + 1] = line end
math.randomseed(11)
request = function() return wrk.format(nil, "/api/events/" .. ids[math.random(#ids)]) end
LUA
cat > "$DIR/search.lua" <<LUA
local words = {}
for line in io.lines("$DIR/words.txt") do words[#words + 1] = line end
math.randomseed(13)
request = function() return wrk.format(nil, "/api/search?q=" .. words[math.random(#words)]) end
LUA
cat > "$DIR/list.lua" <<LUA
math.randomseed(17)
request = function() return wrk.format(nil, "/api/events?page=" .. math.random(40)) end
LUA

"$HERALD" serve --db "$DB" --addr "127.0.0.1:$PORT" 2>/dev/null &
SERVER=$!
trap 'kill $SERVER 2>/dev/null || true' EXIT
for _ in $(seq 50); do curl -sf "http://127.0.0.1:$PORT/api/events?per_page=1" >/dev/null && break; sleep 0.2; done

for route in list ids search; do
  case $route in
    list) name="/api/events (25 per page, random page)";;
    ids) name="/api/events/{id} (random event)";;
    search) name="/api/search?q= (random title word)";;
  esac
  echo "== $name"
  wrk -t2 -c32 -d"${SECS}s" --latency -s "$DIR/$route.lua" "http://127.0.0.1:$PORT" \
    | grep -E "Requests/sec|Latency  |50%|90%|99%|Non-2xx|Socket errors"
done
