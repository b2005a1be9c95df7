#!/usr/bin/env bash
# The figures of docs/scaling.md, section 1: a crawl of each fixture site at --delay D (default 100ms),
# then requests, bytes of WARC / records / crawl.db / offline copy / index per article, wall time
# against the politeness floor, CPU and max RSS. usage: bench/scaling.sh [DELAY_MS] [PORT]
# Loopback only. Needs the workplace's replay server: ../shared/tools/replay-site.py (or REPLAY_SITE=path).
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
delay="${1:-100}"
port="${2:-8501}"
replay="${REPLAY_SITE:-$here/../../shared/tools/replay-site.py}"
[ -f "$replay" ] || replay=/work/shared/tools/replay-site.py
jar="$here/target/spip-archiver.jar"
[ -f "$jar" ] || mvn -q -B -f "$here/pom.xml" -DskipTests package
work="$(mktemp -d)"
server=
trap '[ -n "$server" ] && kill $server 2>/dev/null; rm -rf "$work"' EXIT
for name in escal-dev spip4-dist; do
  fx="$here/src/test/resources/fixtures/$name"
  # The fixtures' robots.txt asks for Crawl-delay: 1; an overlay without it lets the crawl use the given delay.
  python3 - "$fx" "$work/overlay-$name" <<'PY'
import json, os, sys
fx, out = sys.argv[1], sys.argv[2]
d = json.load(open(fx + '/index.json'))
robots = [r for r in d['responses'] if r['url'] == '/robots.txt'][0]
text = ''.join(l for l in open(fx + '/' + robots['body']).readlines() if not l.lower().startswith('crawl-delay'))
os.makedirs(out + '/bodies', exist_ok=True)
open(out + '/bodies/robots.txt', 'w').write(text)
json.dump({'origin': d['origin'], 'responses': [dict(robots, body='bodies/robots.txt')]}, open(out + '/index.json', 'w'))
PY
  python3 "$replay" "$fx" "$work/overlay-$name" --port "$port" --log "$work/$name.log" >/dev/null 2>&1 &
  server=$!
  sleep 2
  m="$work/m-$name"
  /usr/bin/time -v java -Xmx256m -jar "$jar" --site "http://127.0.0.1:$port/" --mirror "$m" --index "$work/i-$name" \
    -q crawl --delay "${delay}ms" >/dev/null 2>"$work/time-$name.txt" || true
  kill $server; wait $server 2>/dev/null || true; server=
  python3 - "$m" "$work/i-$name" "$work/$name.log" "$work/time-$name.txt" "$delay" "$name" <<'PY'
import glob, json, os, re, sys, datetime as dt
m, idx, log, tm, delay, name = sys.argv[1:]
size = lambda pat: sum(os.path.getsize(f) for f in glob.glob(pat))
tree = lambda d: sum(os.path.getsize(os.path.join(r, f)) for r, _, fs in os.walk(d) for f in fs)
r = json.load(open(glob.glob(m + '/runs/*.json')[0]))
n = len(glob.glob(m + '/articles/*.json'))
t = lambda s: dt.datetime.fromisoformat(s.replace('Z', '')[:26])
wall = (t(r['finished']) - t(r['started'])).total_seconds()
req = sum(1 for _ in open(log))
text = open(tm).read()
cpu = sum(float(x) for x in re.findall(r'(?:User|System) time \(seconds\): ([0-9.]+)', text))
rss = re.search(r'Maximum resident set size \(kbytes\): (\d+)', text).group(1)
warc = size(m + '/warc/*.warc.gz')
print(f"{name}: {n} articles, {req} requests ({req / n:.2f}/article; pages {r['pages']}, images {r['images']}, documents {r['documents']})")
print(f"  warc.gz {warc} B ({warc / n / 1000:.1f} KB/article), cdxj {size(m + '/warc/*.cdxj')} B, records {tree(m + '/articles')} B, "
      f"crawl.db {os.path.getsize(m + '/crawl.db')} B, site/ {tree(m + '/site')} B, index {tree(idx)} B")
floor = req * int(delay) / 1000
print(f"  wall {wall:.2f} s, floor {floor:.2f} s, overhead {(wall - floor) / req * 1000:.1f} ms/request; CPU {cpu:.1f} s, max RSS {rss} KB")
PY
done
