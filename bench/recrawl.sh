#!/usr/bin/env bash
# Re-crawl benchmark (issue 5): a full capture of a fixture site, then a no-change re-crawl with the
# default revisit settings, then re-crawls with everything due until every article is re-verified.
# usage: bench/recrawl.sh [FIXTURE] [BUDGET]   (defaults: escal-dev 25). Loopback only.
# Needs the workplace's replay server: ../shared/tools/replay-site.py (or REPLAY_SITE=path).
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
fixture="${1:-escal-dev}"
budget="${2:-25}"
port=8097
work="$(mktemp -d)"
trap 'kill $server 2>/dev/null || true; rm -rf "$work"' EXIT

# The fixture's robots.txt asks for Crawl-delay: 1; an overlay without it lets the benchmark use 20 ms.
fx="$here/src/test/resources/fixtures/$fixture"
mkdir -p "$work/overlay/bodies"
python3 - "$fx" "$work/overlay" <<'PY'
import json, sys, re
fx, out = sys.argv[1], sys.argv[2]
idx = json.load(open(fx + '/index.json'))
robots = next(r for r in idx['responses'] if r['url'] == '/robots.txt')
text = re.sub(r'(?im)^Crawl-delay:.*\n', '', open(fx + '/' + robots['body']).read())
open(out + '/bodies/robots.txt', 'w').write(text)
json.dump({'origin': idx['origin'], 'responses': [dict(robots, body='bodies/robots.txt')]}, open(out + '/index.json', 'w'))
PY
python3 "${REPLAY_SITE:-$here/../shared/tools/replay-site.py}" "$fx" "$work/overlay" --port $port --log "$work/requests.log" --max-seconds 1800 >/dev/null 2>&1 &
server=$!
for _ in $(seq 50); do curl -sf "http://127.0.0.1:$port/robots.txt" >/dev/null && break; sleep 0.2; done

run() {
  local rc=0
  "$here/spip-archiver" --config "$work/config.yaml" --site "http://127.0.0.1:$port/" --mirror "$work/mirror" \
    --index "$work/index" -q crawl --delay 20ms --no-index "$@" || rc=$?
  [ $rc -le 1 ] || { echo "crawl failed with exit $rc" >&2; exit 1; }
}
bytes_of() { python3 -c "import json,sys; print(sum(json.loads(l)['bytes'] for l in open(sys.argv[1])))" "$1"; }
count() { wc -l < "$1"; }

printf 'revisit:\n  max_age: 30d\n' > "$work/config.yaml"
run >/dev/null
full_req=$(count "$work/requests.log"); full_bytes=$(bytes_of "$work/requests.log")
: > "$work/requests.log"
run >/dev/null
nc_req=$(count "$work/requests.log"); nc_bytes=$(bytes_of "$work/requests.log")
echo "full capture:        $full_req requests, $full_bytes bytes"
echo "no-change re-crawl:  $nc_req requests, $nc_bytes bytes ($(python3 -c "print(f'{100*$nc_req/$full_req:.1f}% of requests, {100*$nc_bytes/$full_bytes:.1f}% of bytes')"))"

# Everything due (max_age 1s), at most $budget re-verifications a run: count runs until all are verified.
printf 'revisit:\n  max_age: 1s\n  recent_max_age: 1s\n  budget: %s\n' "$budget" > "$work/config.yaml"
articles=$(ls "$work/mirror/articles" | grep -c '^[0-9]*\.json$')
start=$(date +%s%3N)
sleep 1.1
runs=0
while :; do
  sleep 1.1
  run >/dev/null
  runs=$((runs + 1))
  left=$(python3 -c "
import sqlite3,sys
db=sqlite3.connect(sys.argv[1])
print(db.execute(\"SELECT COUNT(*) FROM urls WHERE kind='ARTICLE' AND http_status=200 AND last_verified < ?\", (int(sys.argv[2]),)).fetchone()[0])" "$work/mirror/crawl.db" "$start")
  [ "$left" -eq 0 ] && break
  [ $runs -ge 50 ] && { echo "gave up after 50 runs"; break; }
done
echo "articles: $articles, budget $budget: every article re-verified after $runs runs (ceil = $(( (articles + budget - 1) / budget )))"
