#!/usr/bin/python3
"""Speed of the article extractor (issue #20), side by side, one run each on
the same 181 pages of ../shared/extraction/aeb:

  lede --extract --jsonl -j 1      the extractor, as a user runs it
  lede's parser alone              html-parse (tests/bench/html-parse.c): the
                                   same JSON Lines, decoding and libxml2 parse,
                                   no extraction: the floor under lede
  readability-lxml                 Debian python3-readability, in process
  Readability.js                   Mozilla's, on jsdom, under node (skipped with
                                   a message when its npm folder is absent)
  libxml2 through lxml             parse only, in process, for reference

For each: wall seconds, CPU seconds (user + system: the figure to compare on
a shared machine), CPU time over lede's, and F1 by ../shared/tools/aeb_score.py.
Then generated pages of 5, 10 and 20 MB through `lede --extract`: CPU seconds,
peak memory, and both per MB (linear when flat) and memory over the page's size.

usage: tests/bench/extract-bench.py LEDE_BINARY [SHARED_DIR]
       [--parse-only BIN] [--readability-js NPM_DIR]
Defaults: SHARED_DIR ../shared beside the repository; BIN html-parse beside
LEDE_BINARY's build (BUILD/tests/bench/html-parse); NPM_DIR
$READABILITY_JS_DIR or /work/npm-readability. Exits 77 when ../shared is
absent.
"""
import json, os, resource, subprocess, sys, tempfile, time

args = [a for a in sys.argv[1:]]
def option(name, default):
    if name in args:
        i = args.index(name)
        value = args[i + 1]
        del args[i:i + 2]
        return value
    return default
parse_only = option("--parse-only", None)
rjs_dir = option("--readability-js", os.environ.get("READABILITY_JS_DIR", "/work/npm-readability"))
if not args:
    print(__doc__)
    sys.exit(2)
lede = os.path.abspath(args[0])
here = os.path.dirname(os.path.abspath(__file__))
shared = args[1] if len(args) > 1 else os.path.join(here, "..", "..", "..", "shared")
if parse_only is None:
    parse_only = os.path.join(os.path.dirname(lede), "..", "tests", "bench", "html-parse")
pages_path = os.path.join(shared, "extraction", "aeb", "pages.jsonl")
truth = os.path.join(shared, "extraction", "aeb", "ground-truth.json")
if not os.path.exists(pages_path):
    print("skip: no", pages_path)
    sys.exit(77)
pages = [json.loads(l) for l in open(pages_path, encoding="utf-8")]
tmp = tempfile.mkdtemp()
rows = []  # (name, wall s, cpu s, F1 or None, note)


def score(pred):
    out = subprocess.run(["/usr/bin/python3", os.path.join(shared, "tools", "aeb_score.py"),
                          truth, pred, "--json"], capture_output=True, text=True)
    return json.loads(out.stdout)["f1"] if out.returncode == 0 else None


def run(cmd, stdout=subprocess.DEVNULL):
    """Runs cmd; its wall seconds, CPU seconds and peak RSS (KB), its own."""
    t = time.perf_counter()
    p = subprocess.Popen(cmd, stdout=stdout, stderr=subprocess.DEVNULL)
    _, status, ru = os.wait4(p.pid, 0)
    wall = time.perf_counter() - t
    p.returncode = os.waitstatus_to_exitcode(status)
    if p.returncode != 0:
        raise SystemExit(f"{cmd[0]}: exit {p.returncode}")
    return wall, ru.ru_utime + ru.ru_stime, ru.ru_maxrss


def in_process(fn):
    t, c = time.perf_counter(), time.process_time()
    fn()
    return time.perf_counter() - t, time.process_time() - c


pred = os.path.join(tmp, "lede.jsonl")
with open(pred, "w") as f:
    wall, cpu, _ = run([lede, "--extract", "--jsonl", "-j", "1", pages_path], stdout=f)
rows.append(("lede --extract --jsonl -j 1", wall, cpu, score(pred), ""))

if os.access(parse_only, os.X_OK):
    wall, cpu, _ = run([parse_only, pages_path])
    rows.append(("lede's parser alone (html-parse)", wall, cpu, None, "floor"))
else:
    print(f"skip row: no parse-only program at {parse_only} (built with -Dhtml)")

try:
    import lxml.html
    from readability import Document
except ImportError:
    lxml = None
    print("skip rows: readability-lxml (apt-get install python3-readability)")
if lxml:
    out = []
    def readability_lxml():
        for p in pages:
            s = Document(p["html"]).summary(html_partial=True)
            out.append({"id": p["id"],
                        "text": lxml.html.fromstring(s).text_content() if s.strip() else ""})
    wall, cpu = in_process(readability_lxml)
    pred = os.path.join(tmp, "readability-lxml.jsonl")
    with open(pred, "w") as f:
        for o in out:
            f.write(json.dumps(o) + "\n")
    rows.append(("readability-lxml (in process)", wall, cpu, score(pred), ""))

rjs_mod = os.path.join(rjs_dir, "node_modules", "@mozilla", "readability")
if os.path.isdir(rjs_mod) and subprocess.run(["sh", "-c", "command -v node"],
                                             capture_output=True).returncode == 0:
    pred = os.path.join(tmp, "readability-js.jsonl")
    wall, cpu, _ = run(["node", os.path.join(here, "readability-js.cjs"), rjs_dir,
                        pages_path, pred])
    rows.append(("Readability.js 0.6 + jsdom (node)", wall, cpu, score(pred), ""))
else:
    print(f"skip row: Readability.js not installed in {rjs_dir} "
          "(npm install --prefix DIR @mozilla/readability jsdom@27.0.0; "
          "--readability-js DIR or READABILITY_JS_DIR)")

if lxml:
    wall, cpu = in_process(lambda: [lxml.html.fromstring(p["html"]) for p in pages])
    rows.append(("libxml2 parse only (lxml)", wall, cpu, None, ""))

load = os.getloadavg()[0]
base = rows[0][2]
print(f"{len(pages)} pages, one run each; load average {load:.1f} on {os.cpu_count()} cores")
print(f"| {'reader':<34} | {'wall s':>6} | {'CPU s':>6} | {'CPU x lede':>10} | {'F1':>5} |")
print(f"|{'-' * 36}|{'-' * 7}:|{'-' * 7}:|{'-' * 11}:|{'-' * 6}:|")
for name, wall, cpu, f1, _ in rows:
    f1s = f"{f1:.3f}" if f1 is not None else "-"
    print(f"| {name:<34} | {wall:6.2f} | {cpu:6.2f} | {cpu / base:10.2f} | {f1s:>5} |")

# Long pages: linear time, and memory under 10 times the page's size. Two
# kinds: an article (paragraphs of 60 words, a link in every third) and dense
# markup (paragraphs of 25 words, each with a link, in sections of 20: a
# libxml2 node every 30 bytes). Peak memory is GNU time's (a child's own
# rusage would count the forked Python's pages).
WORDS = ("the council said on tuesday that harbour works which began in spring would go on "
         "through winter and ferry keep its timetable while they lasted residents asked who "
         "pays engineers report found costs rose").split()
HEAD = ("<!DOCTYPE html><html lang=\"en\"><head><title>Harbour works | News</title>"
        "</head><body><nav><a href=\"/\">Home</a> <a href=\"/w\">World</a></nav>"
        "<article><h1>Harbour works go on</h1><div class=\"body\">\n")
TAIL = "</div></article><footer><p>Copyright News</p></footer></body></html>\n"


def make_page(path, mb, dense):
    import random
    rnd = random.Random(mb)
    with open(path, "w") as f:
        f.write(HEAD)
        size, k = 0, 0
        while size < mb * 1024 * 1024:
            if dense:
                s = "<div class=\"section\">" + "".join(
                    "<p>" + " ".join(rnd.choice(WORDS) for _ in range(12)).capitalize() +
                    " <a href=\"/f\">ferry</a> " +
                    " ".join(rnd.choice(WORDS) for _ in range(12)) + ".</p>\n"
                    for _ in range(20)) + "</div>\n"
            else:
                s = " ".join(rnd.choice(WORDS) for _ in range(60)).capitalize() + ", it said."
                if k % 3 == 0:
                    s = s.replace(" ferry ", " <a href=\"/ferry\">ferry</a> ", 1)
                s = "<p>" + s + "</p>\n"
            f.write(s)
            size += len(s)
            k += 1
        f.write(TAIL)
    return os.path.getsize(path)


gnu_time = "/usr/bin/time" if os.access("/usr/bin/time", os.X_OK) else None
if not gnu_time:
    print("\nno GNU time (/usr/bin/time): long pages timed, their memory not measured")
print()
print("| page | size | CPU s | CPU s per MB | peak RSS MB | RSS / size |")
print("|---|---:|---:|---:|---:|---:|")
for dense in (False, True):
    for mb in (5, 10, 20):
        path = os.path.join(tmp, f"page-{mb}.html")
        size = make_page(path, mb, dense)
        rss_file = os.path.join(tmp, "rss")
        cmd = [lede, "--extract", path]
        if gnu_time:
            cmd = [gnu_time, "-f", "%M", "-o", rss_file] + cmd
        wall, cpu, _ = run(cmd)
        rss = int(open(rss_file).read().split()[-1]) if gnu_time else None
        os.unlink(path)
        kind = "dense markup" if dense else "article"
        rss_s = f"{rss / 1024:.0f} | {rss * 1024 / size:.1f}x" if rss else "- | -"
        print(f"| {kind} | {size / 1e6:.1f} MB | {cpu:.2f} | {cpu / (size / 1e6):.3f} | {rss_s} |")
