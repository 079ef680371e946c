#!/bin/sh
# Benchmark for `lede digest`: 10,000 articles in one run, with -j 1.
# Target: under 5 s. Articles are made from ../shared/eval/*.jsonl in a
# temporary folder (never in the repository: those texts may not be copied).
# Then one JSON Lines file of RECORDS/10 records beside one of RECORDS
# (default 100,000): the ratio of their times is about 10 when reading
# records is linear (each record once rescanned the file: 16,000 took 31 s).
#
#   tests/bench/digest-bench.sh [BUILD_DIR]      (default: build)
#
# Environment: LEDE_SHARED (default ../shared beside the source tree),
# N (articles, default 10000), JOBS (default 1), RUNS (runs of each format,
# default 3; the median is reported), RECORDS (default 100000; 0: no JSON
# Lines rows), KEEP=1 keeps the folder.
set -eu

src=$(cd "$(dirname "$0")/../.." && pwd)
build=${1:-build}
case $build in /*) ;; *) build=$src/$build ;; esac
lede=$build/src/lede
shared=${LEDE_SHARED:-$src/../shared}
n=${N:-10000}
jobs=${JOBS:-1}

if [ ! -d "$shared/eval" ]; then
	echo "digest-bench: SKIP: $shared/eval is absent (shared data not beside the source tree)"
	exit 0
fi
if ! command -v python3 >/dev/null 2>&1; then
	echo "digest-bench: SKIP: python3 is needed to make the articles"
	exit 0
fi
if [ ! -x "$lede" ]; then
	echo "digest-bench: $lede not built (meson setup $build && ninja -C $build)" >&2
	exit 1
fi

tmp=$(mktemp -d "${TMPDIR:-/tmp}/lede-digest-bench.XXXXXX")
[ "${KEEP:-}" = 1 ] || trap 'rm -rf "$tmp"' EXIT INT TERM

# Each eval article once as it is, then in copies where every word of four
# letters or more is swapped for another word of the corpus (a fixed mapping
# per copy): the same shape of text (sentence lengths, punctuation, word
# frequencies) but different stories, so the digest does not fold them into
# one entry. One in ten is a Markdown file with a title, one in ten HTML;
# dates spread over a week.
python3 - "$tmp/articles" "$n" "$shared"/eval/*.jsonl <<'PY'
import json, os, re, sys, time, html, zlib
out, n, files = sys.argv[1], int(sys.argv[2]), sys.argv[3:]
recs = []
for f in files:
    with open(f, encoding="utf-8") as fh:
        for line in fh:
            line = line.strip()
            if line:
                o = json.loads(line)
                if o.get("text"):
                    recs.append(o)
word = re.compile(r"[A-Za-z]{4,}")
vocab = sorted({w.lower() for r in recs for w in word.findall(r["text"])})
def swap(text, c):
    def one(m):
        w = m.group(0)
        r = vocab[zlib.crc32(("%d:%s" % (c, w.lower())).encode()) % len(vocab)]
        return r.capitalize() if w[0].isupper() else r
    return word.sub(one, text)
now = time.time()
for k in range(n):
    i, c = k % len(recs), k // len(recs)
    text = recs[i]["text"] if c == 0 else swap(recs[i]["text"], c)
    d = os.path.join(out, "d%03d" % (k // 100))
    os.makedirs(d, exist_ok=True)
    title = recs[i].get("title") or "Article %d" % k
    if c:
        title = swap(title, c)
    if k % 10 == 3:
        p = os.path.join(d, "a%05d.md" % k)
        body = "# %s\n\n%s\n" % (title, text)
    elif k % 10 == 7:
        p = os.path.join(d, "a%05d.html" % k)
        paras = "".join("<p>%s</p>\n" % html.escape(t) for t in text.split("\n\n"))
        body = "<html><head><title>%s</title></head><body>\n%s</body></html>\n" % (html.escape(title), paras)
    else:
        p = os.path.join(d, "a%05d.txt" % k)
        body = text + "\n"
    with open(p, "w", encoding="utf-8") as fh:
        fh.write(body)
    t = now - (k * 7 * 86400.0 / n)
    os.utime(p, (t, t))
PY

bytes=$(du -sk "$tmp/articles" | cut -f1)
echo "digest-bench: $n articles, ${bytes} KiB, in $tmp/articles"

# Each format RUNS times (default 3), the median reported: the first run of
# a fresh folder also pays for reading it into the page cache.
runs=${RUNS:-3}
run() {
	fmt=$1
	: >"$tmp/times"
	k=0
	while [ "$k" -lt "$runs" ]; do
		start=$(date +%s.%N)
		status=0
		"$lede" digest -j "$jobs" -f "$fmt" --state "$tmp/state" --output "$tmp/digest.$fmt" \
			"$tmp/articles" 2>"$tmp/stderr" || status=$?
		end=$(date +%s.%N)
		echo "$end - $start" | bc >>"$tmp/times"
		rm -f "$tmp/state"
		k=$((k + 1))
	done
	secs=$(sort -n "$tmp/times" | awk '{ t[NR] = $1 } END { print t[int((NR + 1) / 2)] }')
	all=$(sort -n "$tmp/times" | tr '\n' ' ')
	echo "digest-bench: $fmt, -j $jobs: median $secs s of $runs runs [ $all] (exit $status, $(wc -c <"$tmp/digest.$fmt") bytes)"
	if [ -s "$tmp/stderr" ]; then head -5 "$tmp/stderr"; fi
}
run html
run json
# Entries after folding near-duplicates, from the JSON digest.
python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print("digest-bench: %d stories from %d sources" % (d["stories"], d["sources"]))' "$tmp/digest.json"

# The second run with the state finds nothing new: only reading and hashing.
"$lede" digest -j "$jobs" -f html --state "$tmp/state" --output "$tmp/digest.html" "$tmp/articles"
start=$(date +%s.%N)
"$lede" digest -j "$jobs" -f html --state "$tmp/state" --output "$tmp/digest.html" "$tmp/articles"
end=$(date +%s.%N)
echo "digest-bench: nothing new (state check only): $(echo "$end - $start" | bc) s"

# JSON Lines: a window of about 300 bytes of an eval article per record
# (the window moves on each pass, and words are swapped as above, so the
# records are different stories), dated over a week; RECORDS/10 and RECORDS
# records, each digest run once, side by side.
records=${RECORDS:-100000}
[ "$records" -gt 0 ] || exit 0
python3 - "$tmp" "$records" "$shared"/eval/*.jsonl <<'PY'
import json, re, sys, time, zlib
out, n, files = sys.argv[1], int(sys.argv[2]), sys.argv[3:]
texts = []
for f in files:
    with open(f, encoding="utf-8") as fh:
        for line in fh:
            line = line.strip()
            if line:
                o = json.loads(line)
                if o.get("text"):
                    texts.append(o["text"].split())
word = re.compile(r"[A-Za-z]{4,}")
vocab = sorted({w.lower() for t in texts for w in t if word.fullmatch(w)})
def swap(w, c):
    if c == 0 or not word.fullmatch(w):
        return w
    r = vocab[zlib.crc32(("%d:%s" % (c, w.lower())).encode()) % len(vocab)]
    return r.capitalize() if w[0].isupper() else r
now = time.time()
for size in (n // 10, n):
    with open("%s/records-%d.jsonl" % (out, size), "w", encoding="utf-8") as fh:
        for k in range(size):
            i, c = k % len(texts), k // len(texts)
            t = texts[i]
            start = (c * 7) % max(1, len(t) - 50)
            text = " ".join(swap(w, c) for w in t[start:start + 50])
            date = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(now - k * 7 * 86400.0 / size))
            fh.write(json.dumps({"id": k, "date": date, "text": text}) + "\n")
PY
small=$((records / 10))
for size in $small $records; do
	start=$(date +%s.%N)
	status=0
	"$lede" digest -j "$jobs" -f json --output "$tmp/records.json" "$tmp/records-$size.jsonl" \
		2>"$tmp/stderr" || status=$?
	end=$(date +%s.%N)
	secs=$(echo "$end - $start" | bc)
	echo "$secs" >"$tmp/records-$size.time"
	echo "digest-bench: JSON Lines, $size records ($(wc -c <"$tmp/records-$size.jsonl") bytes), -j $jobs: $secs s (exit $status)"
	if [ -s "$tmp/stderr" ]; then head -5 "$tmp/stderr"; fi
done
echo "digest-bench: JSON Lines, $records / $small records: $(echo "scale=2; $(cat "$tmp/records-$records.time") / $(cat "$tmp/records-$small.time")" | bc)x the time (10x when linear)"
