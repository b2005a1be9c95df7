#!/usr/bin/env bash
# Wall time of crawling escal-dev alone, spip4-dist alone and both in one run, at --delay 50ms,
# from the replay servers' logs (first to last request). Usage: bench/two-sites.sh [RUNS]
# Needs ../shared (fixtures, tools/replay-site.py) and the built jar (mvn -q -DskipTests package).
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${1:-1}
SHARED=${SHARED:-../shared}
W=$(mktemp -d /tmp/two-sites.XXXXXX)
trap 'kill $(jobs -p) 2>/dev/null || true; rm -rf "$W"' EXIT
overlay() { # the capture's robots.txt without its Crawl-delay, so --delay is what applies
  python3 - "$SHARED/fixtures/$1" "$W/$1-nodelay" <<'PY'
import json, os, sys
src, out = sys.argv[1], sys.argv[2]
cap = json.load(open(src + '/index.json'))
e = next(e for e in cap['responses'] if e['url'] == '/robots.txt')
body = open(src + '/' + e['body']).read()
os.makedirs(out + '/bodies', exist_ok=True)
open(out + '/bodies/robots.txt', 'w').write('\n'.join(l for l in body.split('\n') if not l.lower().startswith('crawl-delay')))
json.dump({'origin': cap['origin'], 'responses': [dict(e, body='bodies/robots.txt')]}, open(out + '/index.json', 'w'))
PY
}
overlay escal-dev; overlay spip4-dist
span() { python3 -c "import json,sys; t=[json.loads(l)['t'] for l in open(sys.argv[1])]; print('%.2f %d' % (max(t)-min(t), len(t)))" "$1"; }
serve() { # $1 fixture $2 port $3 log
  python3 "$SHARED/tools/replay-site.py" "$SHARED/fixtures/$1" "$W/$1-nodelay" --port "$2" --log "$3" --max-seconds 600 >/dev/null 2>&1 &
  for _ in $(seq 50); do curl -s -o /dev/null "http://127.0.0.1:$2/robots.txt" && break; sleep 0.1; done
  : > "$3"
}
for run in $(seq "$RUNS"); do
  for what in escal spip4 both; do
    rm -rf "$W/m" "$W/i"
    serve escal-dev 8421 "$W/a.log"; serve spip4-dist 8422 "$W/b.log"
    case $what in
      escal) sites=(--site http://127.0.0.1:8421/) ;;
      spip4) sites=(--site http://127.0.0.1:8422/) ;;
      both) sites=(--site http://127.0.0.1:8421/ --site http://127.0.0.1:8422/) ;;
    esac
    start=$(date +%s.%N)
    ./spip-archiver -q "${sites[@]}" --mirror "$W/m" --index "$W/i" crawl --delay 50ms --no-index >/dev/null || true
    end=$(date +%s.%N)
    kill $(jobs -p); wait 2>/dev/null || true
    echo "$what run=$run wall=$(python3 -c "print('%.1f' % ($end-$start))")s escal=[$( [ -s "$W/a.log" ] && span "$W/a.log" || echo -)] spip4=[$( [ -s "$W/b.log" ] && span "$W/b.log" || echo -)] load=$(cut -d' ' -f1 /proc/loadavg)"
  done
done
