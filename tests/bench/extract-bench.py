#!/usr/bin/python3
"""Speed of the article extractor (issue #20), side by side, one run each on
the same pages: `lede --extract --jsonl -j 1` on ../shared/extraction/aeb,
readability-lxml (Debian python3-readability) in process, and libxml2's HTML
parser alone through lxml (parse only: the floor every libxml2 reader
stands on). Prints seconds, ratios and each extractor's F1 by
../shared/tools/aeb_score.py. Skips (exit 77) when ../shared is absent.

usage: tests/bench/extract-bench.py LEDE_BINARY [SHARED_DIR]
"""
import json, os, subprocess, sys, tempfile, time

lede = sys.argv[1]
shared = sys.argv[2] if len(sys.argv) > 2 else os.path.join(
    os.path.dirname(__file__), "..", "..", "..", "shared")
pages_path = os.path.join(shared, "extraction", "aeb", "pages.jsonl")
truth = os.path.join(shared, "extraction", "aeb", "ground-truth.json")
if not os.path.exists(pages_path):
    print("skip: no", pages_path)
    sys.exit(77)
pages = [json.loads(l) for l in open(pages_path, encoding="utf-8")]
tmp = tempfile.mkdtemp()
rows = []


def score(pred):
    out = subprocess.run(["/usr/bin/python3", os.path.join(shared, "tools", "aeb_score.py"),
                          truth, pred, "--json"], capture_output=True, text=True)
    return json.loads(out.stdout)["f1"] if out.returncode == 0 else None


pred = os.path.join(tmp, "lede.jsonl")
t = time.perf_counter()
with open(pred, "w") as f:
    subprocess.run([lede, "--extract", "--jsonl", "-j", "1", pages_path], stdout=f,
                   stderr=subprocess.DEVNULL, check=True)
rows.append(("lede --extract --jsonl -j 1", time.perf_counter() - t, score(pred)))

try:
    import lxml.html
    from readability import Document
except ImportError:
    lxml = None
if lxml:
    pred = os.path.join(tmp, "readability.jsonl")
    t = time.perf_counter()
    out = []
    for p in pages:
        s = Document(p["html"]).summary(html_partial=True)
        out.append({"id": p["id"],
                    "text": lxml.html.fromstring(s).text_content() if s.strip() else ""})
    rows.append(("readability-lxml (in process)", time.perf_counter() - t, None))
    with open(pred, "w") as f:
        for o in out:
            f.write(json.dumps(o) + "\n")
    rows[-1] = rows[-1][:2] + (score(pred),)
    t = time.perf_counter()
    for p in pages:
        lxml.html.fromstring(p["html"])
    rows.append(("libxml2 parse only (lxml)", time.perf_counter() - t, None))

base = rows[0][1]
print(f"{len(pages)} pages, one run each")
print(f"| {'reader':<32} | {'seconds':>7} | {'x lede':>6} | {'F1':>5} |")
print(f"|{'-' * 34}|{'-' * 8}:|{'-' * 7}:|{'-' * 5}:|")
for name, sec, f1 in rows:
    f1s = f"{f1:.3f}" if f1 is not None else "-"
    print(f"| {name:<32} | {sec:7.2f} | {sec / base:6.2f} | {f1s:>5} |")
