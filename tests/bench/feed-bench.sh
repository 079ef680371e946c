#!/bin/sh
# Benchmark for feeds into `lede digest` (issue #15): FEEDS feeds (default
# 100) of ITEMS items (default 50), made in a temporary folder from the
# articles of ../shared/eval/*.jsonl (never in the repository), RSS 2.0 with
# the article as escaped HTML in content:encoded, one in four Atom. Side by
# side, the median of RUNS runs (default 3):
#   lede digest -j 1         the whole digest: read, extract, summarize
#   lede digest --since +1y  the feeds read and every item left out by date:
#                            the reader alone (no item is summarized)
#   feedparser               Python's feedparser reading the same files alone
#                            (/usr/bin/python3, python3-feedparser)
#
#   tests/bench/feed-bench.sh [BUILD_DIR]      (default: build)
set -eu

src=$(cd "$(dirname "$0")/../.." && pwd)
build=${1:-build}
case $build in /*) ;; *) build=$src/$build ;; esac
lede=$build/src/lede
shared=${LEDE_SHARED:-$src/../shared}
feeds=${FEEDS:-100}
items=${ITEMS:-50}
runs=${RUNS:-3}

if [ ! -d "$shared/eval" ]; then
	echo "feed-bench: SKIP: $shared/eval is absent (shared data not beside the source tree)"
	exit 0
fi
if ! /usr/bin/python3 -c 'import feedparser' 2>/dev/null; then
	echo "feed-bench: SKIP: /usr/bin/python3 with python3-feedparser is needed"
	exit 0
fi
if [ ! -x "$lede" ]; then
	echo "feed-bench: $lede not built (meson setup $build && ninja -C $build)" >&2
	exit 1
fi

tmp=$(mktemp -d "${TMPDIR:-/tmp}/lede-feed-bench.XXXXXX")
[ "${KEEP:-}" = 1 ] || trap 'rm -rf "$tmp"' EXIT INT TERM

# Articles in turn; past the last one, the same with every word of four
# letters or more swapped for another (a fixed mapping per pass), so no two
# items are one story. Dates spread over the week before NOW.
/usr/bin/python3 - "$tmp/feeds" "$feeds" "$items" "$shared"/eval/*.jsonl <<'PY'
import json, os, re, sys, html, zlib
out, nfeeds, nitems, files = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4:]
recs = []
for f in files:
    for line in open(f, encoding="utf-8"):
        line = line.strip()
        if line:
            o = json.loads(line)
            if o.get("text"):
                recs.append(o)
word = re.compile(r"[A-Za-z]{4,}")
vocab = sorted({w.lower() for r in recs for w in word.findall(r["text"])})
def article(k):
    r = recs[k % len(recs)]
    p = k // len(recs)
    text = r["text"]
    if p:
        text = word.sub(lambda m: vocab[zlib.crc32(f"{p}:{m.group(0).lower()}".encode()) % len(vocab)], text)
    return text
os.makedirs(out)
now = 1740816000  # 2025-03-01T08:00:00Z
import time
k = 0
for f in range(nfeeds):
    atom = f % 4 == 3
    parts = []
    for i in range(nitems):
        text = article(k)
        paras = "".join(f"<p>{html.escape(s)}</p>" for s in text.split("\n") if s.strip())
        title = html.escape(" ".join(text.split()[:8]))
        t = now - (k * 7 * 86400) // (nfeeds * nitems)
        link = f"https://feed{f}.example/story/{i}"
        if atom:
            iso = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(t))
            parts.append(f"<entry><title>{title}</title><id>urn:f{f}:{i}</id><link href=\"{link}\"/>"
                         f"<updated>{iso}</updated><content type=\"html\">{html.escape(paras)}</content></entry>")
        else:
            rfc = time.strftime("%a, %d %b %Y %H:%M:%S +0000", time.gmtime(t))
            parts.append(f"<item><title>{title}</title><link>{link}</link><guid>{link}</guid>"
                         f"<pubDate>{rfc}</pubDate><content:encoded><![CDATA[{paras}]]></content:encoded></item>")
        k += 1
    if atom:
        doc = ('<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom">'
               f"<title>Feed {f}</title><id>urn:f{f}</id><updated>2025-03-01T08:00:00Z</updated>"
               + "\n".join(parts) + "</feed>\n")
        name = f"feed{f:03d}.atom"
    else:
        doc = ('<?xml version="1.0" encoding="utf-8"?>\n<rss version="2.0" '
               'xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel>'
               f"<title>Feed {f}</title><link>https://feed{f}.example/</link>"
               + "\n".join(parts) + "</channel></rss>\n")
        name = f"feed{f:03d}.rss"
    open(os.path.join(out, name), "w", encoding="utf-8").write(doc)
PY

median() {
	sort -n "$1" | awk '{ t[NR] = $1 } END { print t[int((NR + 1) / 2)] }'
}

# One command, RUNS times; prints the median of its wall times in seconds.
timed() {
	: >"$tmp/times"
	i=0
	while [ "$i" -lt "$runs" ]; do
		start=$(date +%s.%N)
		"$@" >/dev/null 2>"$tmp/stderr" || { cat "$tmp/stderr" >&2; exit 1; }
		end=$(date +%s.%N)
		echo "$end - $start" | bc >>"$tmp/times"
		i=$((i + 1))
	done
	median "$tmp/times"
}

cat >"$tmp/fp.py" <<'PY'
import os, sys, feedparser
n = 0
for name in sorted(os.listdir(sys.argv[1])):
    d = feedparser.parse(open(os.path.join(sys.argv[1], name), "rb").read())
    n += len(d.entries)
print(n)
PY

total=$((feeds * items))
bytes=$(cat "$tmp"/feeds/* | wc -c)
now=2025-03-01T08:00:00Z
digest=$(timed "$lede" digest -j 1 -f json --now "$now" "$tmp/feeds")
digest2=$(timed "$lede" digest -j 2 -f json --now "$now" "$tmp/feeds")
reader=$(timed "$lede" digest -j 1 --now "$now" --since 2026-03-01 "$tmp/feeds")
fp=$(timed /usr/bin/python3 "$tmp/fp.py" "$tmp/feeds")
n_fp=$(/usr/bin/python3 "$tmp/fp.py" "$tmp/feeds")
n_lede=$("$lede" digest -j 2 -f json --now "$now" "$tmp/feeds" | /usr/bin/python3 -c 'import json,sys; print(json.load(sys.stdin)["sources"])')
echo "feed-bench: $feeds feeds x $items items ($total items, $bytes bytes), median of $runs runs"
printf '%-40s %8s %10s\n' "" "seconds" "items/s"
row() { printf '%-40s %8.2f %10.0f\n' "$1" "$2" "$(echo "$total / $2" | bc -l)"; }
row "lede digest -j 1 (read, extract, summarize)" "$digest"
row "lede digest -j 2" "$digest2"
row "lede, feeds read alone (--since future)" "$reader"
row "feedparser 6 reading alone" "$fp"
echo "feed-bench: items: lede $n_lede in the digest, feedparser $n_fp read"
echo "feed-bench: lede reading alone / feedparser: $(echo "scale=3; $reader / $fp" | bc)x the time;" \
	"whole digest -j 1 / feedparser reading: $(echo "scale=2; $digest / $fp" | bc)x"
