#!/usr/bin/python3
"""lede past one machine (issue 18): the Python module and lede.dask, measured.

    tests/bench/dask-bench.py [--model-docs N] [--only ROWS] [--out DIR]

From the repository root, with a build in build/ (or --build DIR): runs
against that build's lede and liblede, the module from src/python.
Needs ../shared (eval and corpus), python3-cffi, python3-distributed.

Rows (each prints its figures and the ratio the issue sets a target for):
  dask     10,000 articles (cnndm-dev ten times, ids made unique) on a
           LocalCluster of two worker processes against `lede --jsonl -j 2`;
           the output must be the same bytes.
  module   lede.summarize over the 1,000 cnndm-dev articles in a Python loop
           against `lede --jsonl -j 1`, three loops (json.loads, or
           lede.read_jsonl giving str or bytes: see LOOP); the same bytes.
           CPU of each process and from `import lede` on; --callgrind adds
           instruction counts, which the machine's load does not move.
  rouge    lede.rouge against a pure-Python ROUGE written here the way
           rouge_score computes it (tokenizer, n-gram overlap, LCS, summary
           LCS, and a Porter stemmer of its own), over the 1,000 cnndm-dev
           summaries and their references; the scores must agree.
  model    N generated documents (default 1,000,000: paragraphs of
           ../shared/corpus, shuffled) in 20 files, a model built on the
           two-worker cluster (a partial a file, merged in a tree) against
           one `lede corpus build`; peak RSS of each worker; the same bytes.

Wall times are medians of --runs runs taken in turn; CPU times (user +
system, of the processes doing the work) are given beside them, since the
machine is shared and wall time moves with its load.
"""
import argparse
import json
import os
import random
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import warnings

HERE = os.path.dirname(os.path.abspath(__file__))
SRCDIR = os.path.dirname(os.path.dirname(HERE))
warnings.filterwarnings("ignore", category=DeprecationWarning)


def log(msg):
    print(msg, file=sys.stderr, flush=True)


def timed(cmd, stdout=None, env=None):
    """(wall s, cpu s of the child, peak RSS KiB of the child)."""
    t0 = time.perf_counter()
    p = subprocess.Popen(cmd, stdout=stdout or subprocess.DEVNULL, stderr=subprocess.PIPE,
                         env=env)
    _, status, ru = os.wait4(p.pid, 0)
    wall = time.perf_counter() - t0
    err = p.stderr.read().decode()
    p.stderr.close()
    if status != 0:
        raise RuntimeError("%s: exit %d: %s" % (" ".join(cmd), status, err[-400:]))
    timed.stderr = err
    return wall, ru.ru_utime + ru.ru_stime, ru.ru_maxrss


def worker_usage(client):
    """{worker: (cpu s, peak RSS KiB)} of each worker process."""
    def usage():
        import resource
        r = resource.getrusage(resource.RUSAGE_SELF)
        return r.ru_utime + r.ru_stime, r.ru_maxrss
    return client.run(usage)


def cluster():
    from distributed import Client, LocalCluster
    c = LocalCluster(n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1",
                     dashboard_address=None, silence_logs=40)
    cl = Client(c)
    cl.wait_for_workers(2, timeout=60)
    return c, cl


# ---- dask: 10,000 articles ------------------------------------------------------

def row_dask(a, lede_bin, tmp):
    import lede.dask as ld
    src = os.path.join(a.shared, "eval", "cnndm-dev.jsonl")
    lines = [json.loads(l) for l in open(src, encoding="utf-8") if l.strip()]
    in_dir = os.path.join(tmp, "articles")
    os.makedirs(in_dir)
    path = os.path.join(in_dir, "articles.jsonl")
    with open(path, "w", encoding="utf-8") as f:
        for k in range(10):
            for r in lines:
                f.write(json.dumps({"id": "%s#%d" % (r["id"], k), "text": r["text"]}) + "\n")
    n = 10 * len(lines)
    cli_out = os.path.join(tmp, "cli.jsonl")
    c, client = cluster()
    try:
        walls_cli, cpus_cli, walls_dask, cpus_dask = [], [], [], []
        for run in range(a.runs):
            with open(cli_out, "wb") as f:
                w, cpu, _ = timed([lede_bin, "--jsonl", "-j", "2", path], stdout=f)
            walls_cli.append(w)
            cpus_cli.append(cpu)
            out = os.path.join(tmp, "dask-out-%d" % run)
            before = worker_usage(client)
            t0 = time.perf_counter()
            written, skipped = ld.summarize_dir(client, in_dir, out, part_bytes=4 << 20)
            walls_dask.append(time.perf_counter() - t0)
            after = worker_usage(client)
            cpus_dask.append(sum(after[k][0] - before[k][0] for k in after))
            got = b"".join(open(os.path.join(out, p), "rb").read()
                           for p in sorted(os.listdir(out)))
            same = got == open(cli_out, "rb").read()
            log("dask run %d: lede -j 2 %.2f s, dask %.2f s (%d parts), identical: %s"
                % (run, w, walls_dask[-1], written, same))
            if not same:
                raise RuntimeError("the Dask output differs from lede --jsonl")
            shutil.rmtree(out)
        # the one command, cluster start-up included
        t0 = time.perf_counter()
        subprocess.run([sys.executable, "-m", "lede.dask", "--workers", "2", "--part-mb", "4",
                        "summarize", in_dir, os.path.join(tmp, "cmd-out")], check=True,
                       capture_output=True)
        cmd_wall = time.perf_counter() - t0
    finally:
        client.close()
        c.close()
    wc, wd = statistics.median(walls_cli), statistics.median(walls_dask)
    cc, cd = statistics.median(cpus_cli), statistics.median(cpus_dask)
    return [
        ("dask", "articles", n),
        ("dask", "lede --jsonl -j 2: wall s / cpu s", "%.2f / %.2f" % (wc, cc)),
        ("dask", "lede.dask, 2 workers (cluster up): wall s / worker cpu s",
         "%.2f / %.2f" % (wd, cd)),
        ("dask", "Dask overhead on wall (target <= 25%)", "%+.1f%% %s" % (
            100 * (wd / wc - 1), "PASS" if wd <= 1.25 * wc else "FAIL")),
        ("dask", "articles / s / worker core (dask)", "%.0f" % (n / wd / 2)),
        ("dask", "python3 -m lede.dask summarize, cluster start-up included: wall s",
         "%.2f" % cmd_wall),
        ("dask", "output byte-identical to lede --jsonl", "yes"),
    ]


# ---- module: lede.summarize in a loop -------------------------------------------

# The loops, each from `import lede` on (the interpreter's own start and
# `import json, sys, time` before the clock starts):
#   json  each line read by Python (text mode) and parsed by json.loads, the
#         whole record (its "references" too); lede.summarize(r["text"]), a str
#   text  lede.read_jsonl (the CLI's reader, in C: ids, "text", checks);
#         lede.summarize(r.text), a str made from the record's bytes
#   data  lede.read_jsonl; lede.summarize(r.data), the record's UTF-8 bytes:
#         the loop the CLI runs, the same input bytes through the same reader
# each writing lede.summarize(...).to_json(id) and a newline to stdout.
LOOP = r"""
import json, sys, time
w0, c0 = time.perf_counter(), time.process_time()
import lede
out = sys.stdout
kind = sys.argv[2]
if kind == "json":
    for line in open(sys.argv[1], encoding="utf-8"):
        if not line.strip():
            continue
        r = json.loads(line)
        out.write(lede.summarize(r["text"]).to_json(r["id"]) + "\n")
elif kind == "text":
    for r in lede.read_jsonl(sys.argv[1]):
        out.write(lede.summarize(r.text).to_json(id_json=r.id_json) + "\n")
elif kind == "data":
    for r in lede.read_jsonl(sys.argv[1]):
        out.write(lede.summarize(r.data).to_json(id_json=r.id_json) + "\n")
else:
    raise SystemExit("unknown loop " + kind)
out.flush()
print("inside %f %f" % (time.perf_counter() - w0, time.process_time() - c0), file=sys.stderr)
"""
LOOPS = ("json", "text", "data")
LOOP_NAMES = {
    "json": "Python reads the lines, json.loads, lede.summarize(r[\"text\"]) (str)",
    "text": "lede.read_jsonl (C reader), lede.summarize(r.text) (str)",
    "data": "lede.read_jsonl (C reader), lede.summarize(r.data) (UTF-8 bytes)",
}


def callgrind_ir(cmd, env):
    """Instructions executed by cmd (valgrind --tool=callgrind)."""
    r = subprocess.run(["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null"] + cmd,
                       env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, check=True)
    return int(re.search(r"Collected : (\d+)", r.stderr.decode()).group(1))


def row_module(a, lede_bin, tmp, env):
    src = os.path.join(a.shared, "eval", "cnndm-dev.jsonl")
    script = os.path.join(tmp, "loop.py")
    open(script, "w").write(LOOP)
    # Python's defaults, not this shell's: stdout buffered (PYTHONUNBUFFERED
    # made each line a write(2)) and the module byte-compiled as meson
    # install leaves it (compile-installed.py; here into a cache in tmp, made
    # by a first run, so the source tree gets no __pycache__)
    env = {k: v for k, v in env.items()
           if k not in ("PYTHONUNBUFFERED", "PYTHONDONTWRITEBYTECODE")}
    env["PYTHONPYCACHEPREFIX"] = os.path.join(tmp, "pycache")
    cli_out = os.path.join(tmp, "m-cli.jsonl")
    cmds = {"cli": [lede_bin, "--jsonl", "-j", "1", src]}
    for k in LOOPS:
        cmds[k] = [sys.executable, script, src, k]
        subprocess.run(cmds[k], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                       check=True)
    cpu = {k: [] for k in cmds}
    inside = {k: [] for k in LOOPS}
    same = {}
    order = list(cmds)
    for run in range(a.runs):
        # interleaved, each run in another order (the machine is shared)
        order = order[1:] + order[:1]
        for k in order:
            out = cli_out if k == "cli" else os.path.join(tmp, "m-%s.jsonl" % k)
            with open(out, "wb") as f:
                w, c, _ = timed(cmds[k], stdout=f, env=env)
            cpu[k].append(c)
            if k != "cli":
                inside[k].append(float(re.search(r"inside \S+ (\S+)", timed.stderr).group(1)))
        log("module run %d: cpu s %s" % (run, ", ".join("%s %.3f" % (k, cpu[k][-1])
                                                         for k in cmds)))
    want = open(cli_out, "rb").read()
    for k in LOOPS:
        same[k] = open(os.path.join(tmp, "m-%s.jsonl" % k), "rb").read() == want
    mc = statistics.median(cpu["cli"])
    rows = [("module", "lede --jsonl -j 1, 1,000 articles, the process: cpu s (median of %d)"
             % a.runs, "%.3f" % mc)]
    for k in LOOPS:
        ic, pc = statistics.median(inside[k]), statistics.median(cpu[k])
        rows += [
            ("module", "loop %s: %s" % (k, LOOP_NAMES[k]),
             "from import lede on %.3f s, the process %.3f s cpu" % (ic, pc)),
            ("module", "loop %s / CLI, cpu, from import lede on (target <= 1.10)" % k,
             "%.3f %s" % (ic / mc, "PASS" if ic <= 1.10 * mc else "FAIL")),
            ("module", "loop %s / CLI, cpu, the process (interpreter start-up included)" % k,
             "%.3f" % (pc / mc)),
            ("module", "loop %s: output byte-identical to lede --jsonl -j 1" % k,
             "yes" if same[k] else "NO"),
        ]
    if a.callgrind and shutil.which("valgrind"):
        ir = {k: callgrind_ir(c, env) for k, c in cmds.items()}
        # the interpreter's start and `import json, sys, time`, which the
        # from-import figures leave out (the loop script's compilation is left in)
        start = callgrind_ir([sys.executable, "-c", "import json, sys, time"], env)
        rows.append(("module", "instructions (callgrind): CLI / interpreter start",
                     "%.1f M / %.1f M" % (ir["cli"] / 1e6, start / 1e6)))
        for k in LOOPS:
            rows.append(("module", "instructions: loop %s from import lede on / CLI" % k,
                         "%.1f M / %.1f M = %.3f" % ((ir[k] - start) / 1e6, ir["cli"] / 1e6,
                                                     (ir[k] - start) / ir["cli"])))
    return rows


# ---- rouge: against pure Python ---------------------------------------------------

class Porter:
    """The Porter stemmer (Porter 1980), with the changes NLTK's default mode
    makes that rouge_score sees: written for this benchmark from the
    algorithm's description."""

    V = set("aeiou")

    def cons(self, w, i):
        c = w[i]
        if c in self.V:
            return False
        if c == "y":
            return i == 0 or not self.cons(w, i - 1)
        return True

    def m(self, stem):
        n, i, L = 0, 0, len(stem)
        while i < L and self.cons(stem, i):
            i += 1
        while i < L:
            while i < L and not self.cons(stem, i):
                i += 1
            if i >= L:
                break
            n += 1
            while i < L and self.cons(stem, i):
                i += 1
        return n

    def has_vowel(self, stem):
        return any(not self.cons(stem, i) for i in range(len(stem)))

    def double_c(self, w):
        return len(w) >= 2 and w[-1] == w[-2] and self.cons(w, len(w) - 1)

    def cvc(self, w):
        L = len(w)
        if L >= 3 and self.cons(w, L - 3) and not self.cons(w, L - 2) and self.cons(w, L - 1):
            return w[-1] not in "wxy"
        return L == 2 and not self.cons(w, 0) and self.cons(w, 1)

    def replace(self, w, rules, cond):
        for suf, rep in rules:
            if w.endswith(suf):
                stem = w[:len(w) - len(suf)]
                return (stem + rep if cond(stem) else w), True
        return w, False

    S2 = [("ational", "ate"), ("tional", "tion"), ("enci", "ence"), ("anci", "ance"),
          ("izer", "ize"), ("bli", "ble"), ("alli", "al"), ("entli", "ent"), ("eli", "e"),
          ("ousli", "ous"), ("ization", "ize"), ("ation", "ate"), ("ator", "ate"),
          ("alism", "al"), ("iveness", "ive"), ("fulness", "ful"), ("ousness", "ous"),
          ("aliti", "al"), ("iviti", "ive"), ("biliti", "ble"), ("fulli", "ful"),
          ("logi", "log")]
    S3 = [("icate", "ic"), ("ative", ""), ("alize", "al"), ("iciti", "ic"), ("ical", "ic"),
          ("ful", ""), ("ness", "")]
    S4 = ["al", "ance", "ence", "er", "ic", "able", "ible", "ant", "ement", "ment", "ent",
          "ion", "ou", "ism", "ate", "iti", "ous", "ive", "ize"]
    SPECIAL = {"skies": "sky", "dying": "die", "lying": "lie", "tying": "tie", "news": "news",
               "innings": "inning", "outings": "outing", "cannings": "canning",
               "howe": "howe", "proceed": "proceed", "exceed": "exceed", "succeed": "succeed"}

    def stem(self, w):
        if w in self.SPECIAL:
            return self.SPECIAL[w]
        if len(w) <= 2:
            return w
        # 1a
        if w.endswith("sses"):
            w = w[:-2]
        elif w.endswith("ies"):
            w = w[:-3] + ("i" if len(w) > 4 else "ie")
        elif w.endswith("ss"):
            pass
        elif w.endswith("s") and len(w) > 1:
            w = w[:-1]
        # 1b
        again = False
        if w.endswith("ied"):
            w = w[:-3] + ("i" if len(w) > 4 else "ie")
        elif w.endswith("eed"):
            if self.m(w[:-3]) > 0:
                w = w[:-1]
        else:
            for suf in ("ed", "ing"):
                if w.endswith(suf) and self.has_vowel(w[:-len(suf)]):
                    w, again = w[:-len(suf)], True
                    break
        if again:
            if w.endswith(("at", "bl", "iz")):
                w += "e"
            elif self.double_c(w) and w[-1] not in "lsz":
                w = w[:-1]
            elif self.m(w) == 1 and self.cvc(w):
                w += "e"
        # 1c
        if len(w) > 2 and w.endswith("y") and self.cons(w, len(w) - 2):
            w = w[:-1] + "i"
        # 2, 3
        w, _ = self.replace(w, self.S2, lambda s: self.m(s) > 0)
        w, _ = self.replace(w, self.S3, lambda s: self.m(s) > 0)
        # 4
        for suf in self.S4:
            if w.endswith(suf):
                stem = w[:-len(suf)]
                if self.m(stem) > 1 and (suf != "ion" or stem.endswith(("s", "t"))):
                    w = stem
                break
        # 5
        if w.endswith("e"):
            stem = w[:-1]
            if self.m(stem) > 1 or (self.m(stem) == 1 and not self.cvc(stem)):
                w = stem
        if self.m(w) > 1 and self.double_c(w) and w.endswith("l"):
            w = w[:-1]
        return w


_porter = Porter()
_NON_ALNUM = re.compile(r"[^a-z0-9]+")
_stem_cache = {}


def py_tokenize(text, stem):
    toks = [t for t in _NON_ALNUM.sub(" ", text.lower()).split() if t]
    if stem:
        out = []
        for t in toks:
            if len(t) > 3:
                s = _stem_cache.get(t)
                if s is None:
                    s = _stem_cache[t] = _porter.stem(t)
                t = s
            out.append(t)
        toks = out
    return toks


def _ngrams(toks, n):
    d = {}
    for i in range(len(toks) - n + 1):
        g = tuple(toks[i:i + n])
        d[g] = d.get(g, 0) + 1
    return d


def _prf(hit, p_total, r_total):
    p = hit / p_total if p_total else 0.0
    r = hit / r_total if r_total else 0.0
    return (p, r, 2 * p * r / (p + r) if p + r > 0 else 0.0)


def _lcs_table(a, b):
    rows = [[0] * (len(b) + 1) for _ in range(len(a) + 1)]
    for i in range(1, len(a) + 1):
        ai, prev, row = a[i - 1], rows[i - 1], rows[i]
        for j in range(1, len(b) + 1):
            row[j] = prev[j - 1] + 1 if ai == b[j - 1] else max(prev[j], row[j - 1])
    return rows


def _lcs_tokens(a, b):
    t = _lcs_table(a, b)
    i, j, out = len(a), len(b), []
    while i and j:
        if a[i - 1] == b[j - 1]:
            out.append(i - 1)
            i, j = i - 1, j - 1
        elif t[i - 1][j] >= t[i][j - 1]:
            i -= 1
        else:
            j -= 1
    return out[::-1]


def py_rouge_one(pred, ref, stem):
    """rouge_score's four scores of one prediction against one reference."""
    pt, rt = py_tokenize(pred, stem), py_tokenize(ref, stem)
    res = {}
    for n, key in ((1, "rouge1"), (2, "rouge2")):
        pg, rg = _ngrams(pt, n), _ngrams(rt, n)
        hit = sum(min(c, rg.get(g, 0)) for g, c in pg.items())
        res[key] = _prf(hit, sum(pg.values()), sum(rg.values()))
    lcs = _lcs_table(rt, pt)[len(rt)][len(pt)] if rt and pt else 0
    res["rougeL"] = _prf(lcs, len(pt), len(rt))
    # summary-level LCS: the union of each reference sentence's LCS hits
    ps = [py_tokenize(s, stem) for s in pred.split("\n") if s.strip()]
    rs = [py_tokenize(s, stem) for s in ref.split("\n") if s.strip()]
    pc = {}
    for s in ps:
        for t in s:
            pc[t] = pc.get(t, 0) + 1
    rc = {}
    for s in rs:
        for t in s:
            rc[t] = rc.get(t, 0) + 1
    hits = 0
    for r in rs:
        union = set()
        for p in ps:
            union.update(_lcs_tokens(r, p))
        for i in sorted(union):
            t = r[i]
            if pc.get(t, 0) > 0 and rc.get(t, 0) > 0:
                hits += 1
                pc[t] -= 1
                rc[t] -= 1
    res["rougeLsum"] = _prf(hits, sum(len(s) for s in ps), sum(len(s) for s in rs))
    return res


def py_rouge(pred, refs, stem):
    """score_multi: per metric, the reference with the best F-measure."""
    best = {}
    for ref in refs:
        one = py_rouge_one(pred, ref, stem)
        for k, v in one.items():
            if k not in best or v[2] > best[k][2]:
                best[k] = v
    return best


def row_rouge(a, tmp):
    import lede
    src = os.path.join(a.shared, "eval", "cnndm-dev.jsonl")
    recs = [json.loads(l) for l in open(src, encoding="utf-8") if l.strip()]
    preds = ["\n".join(x.text for x in lede.summarize(r["text"]).sentences) for r in recs]
    refs = [r["references"] if isinstance(r["references"], list) else [r["references"]]
            for r in recs]
    rows = []
    for stem in (False, True):
        t_c, t_p = [], []
        for run in range(a.runs):
            _stem_cache.clear()
            t0 = time.process_time()
            got_c = [lede.rouge(p, r, stem=stem) for p, r in zip(preds, refs)]
            t_c.append(time.process_time() - t0)
            t0 = time.process_time()
            got_p = [py_rouge(p, r, stem) for p, r in zip(preds, refs)]
            t_p.append(time.process_time() - t0)
        worst, agree = 0.0, 0
        for c, p in zip(got_c, got_p):
            d = max(abs(c[k][kind] - p[k][i]) for k in p
                    for i, kind in enumerate(("precision", "recall", "fmeasure")))
            worst = max(worst, d)
            agree += d < 1e-9
        tc, tp = statistics.median(t_c), statistics.median(t_p)
        name = "stem=%s" % stem
        rows += [
            ("rouge", "%s: lede.rouge, 1,000 pairs: cpu s" % name, "%.3f" % tc),
            ("rouge", "%s: pure Python (rouge_score's way): cpu s" % name, "%.3f" % tp),
            ("rouge", "%s: speed-up (target >= 20x)" % name,
             "%.1fx %s" % (tp / tc, "PASS" if tp >= 20 * tc else "FAIL")),
            ("rouge", "%s: pairs whose 12 scores agree to 1e-9" % name,
             "%d / %d (largest difference %.2g)" % (agree, len(preds), worst)),
        ]
    return rows


# ---- model: N generated documents in 20 partitions ----------------------------------

def generate(a, in_dir):
    import gzip
    paras = []
    for name in sorted(os.listdir(os.path.join(a.shared, "corpus"))):
        if name.endswith(".jsonl.gz"):
            with gzip.open(os.path.join(a.shared, "corpus", name), "rt", encoding="utf-8") as f:
                for l in f:
                    paras += [p for p in json.loads(l)["text"].split("\n\n") if p.strip()]
    rng = random.Random(18)
    os.makedirs(in_dir)
    per = a.model_docs // 20
    total = 0
    for k in range(20):
        n = per if k < 19 else a.model_docs - 19 * per
        with open(os.path.join(in_dir, "part-%02d.jsonl" % k), "w", encoding="utf-8") as f:
            for _ in range(n):
                doc = "\n\n".join(rng.choice(paras) for _ in range(rng.randint(1, 4)))
                f.write(json.dumps({"text": doc}) + "\n")
        total += n
    return total, len(paras)


def row_model(a, lede_bin, tmp, env):
    import lede.dask as ld
    in_dir = os.path.join(tmp, "gen")
    t0 = time.perf_counter()
    n, n_paras = generate(a, in_dir)
    size = sum(os.path.getsize(os.path.join(in_dir, p)) for p in os.listdir(in_dir))
    log("model: %d documents (%.0f MB) from %d paragraphs generated in %.0f s"
        % (n, size / 1e6, n_paras, time.perf_counter() - t0))
    env = dict(env, SOURCE_DATE_EPOCH="1700000000")
    single = os.path.join(tmp, "single.ldf")
    w1, c1, rss1 = timed([lede_bin, "corpus", "build", "-o", single, in_dir], env=env)
    log("model: lede corpus build %.1f s, %.0f MB peak" % (w1, rss1 / 1024))
    os.environ["SOURCE_DATE_EPOCH"] = "1700000000"
    c, client = cluster()
    try:
        base = worker_usage(client)
        merged = os.path.join(tmp, "merged.ldf")
        t0 = time.perf_counter()
        docs = ld.corpus_dir(client, in_dir, merged, part_bytes=1 << 40, split_every=4)
        w2 = time.perf_counter() - t0
        after = worker_usage(client)
    finally:
        client.close()
        c.close()
    client_rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    same = open(single, "rb").read() == open(merged, "rb").read()
    m = lede_model_info(merged)
    rows = [
        ("model", "documents / MB of JSON Lines / partitions", "%d / %.0f / 20" % (n, size / 1e6)),
        ("model", "model: terms / bytes / min_df", "%d / %d / %d" % m),
        ("model", "lede corpus build (one process): wall s / cpu s / peak RSS MB",
         "%.1f / %.1f / %.0f" % (w1, c1, rss1 / 1024)),
        ("model", "lede.dask corpus_dir, 2 workers: wall s / worker cpu s",
         "%.1f / %.1f" % (w2, sum(after[k][0] - base[k][0] for k in after))),
    ]
    for k, (wk, (cpu, rss)) in enumerate(sorted(after.items())):
        rows.append(("model", "worker %d: peak RSS MB (at start: %.0f)" % (k + 1, base[wk][1] / 1024),
                     "%.0f" % (rss / 1024)))
    rows += [
        ("model", "client (this process): peak RSS MB", "%.0f" % (client_rss / 1024)),
        ("model", "merged model byte-identical to the one-process build",
         "yes" if same and docs == n else "NO"),
    ]
    return rows


def lede_model_info(path):
    import lede
    m = lede.Model(path)
    return m.n_terms, os.path.getsize(path), m.provenance["min_df"]


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--build", default=os.path.join(SRCDIR, "build"))
    p.add_argument("--shared", default=os.path.join(SRCDIR, "..", "shared"))
    p.add_argument("--runs", type=int, default=3)
    p.add_argument("--model-docs", type=int, default=1_000_000)
    p.add_argument("--only", default="dask,module,rouge,model")
    p.add_argument("--callgrind", action="store_true",
                   help="module row: also count instructions under valgrind (a minute more)")
    p.add_argument("--out", help="keep the generated files here (default: a temporary folder)")
    a = p.parse_args()
    lede_bin = os.path.join(a.build, "src", "lede")
    lib = os.path.join(a.build, "src", "liblede.so")
    # the module as installed: the build's library and its declarations
    # parsed at build time (lede/_cdata.py)
    cdata = os.path.join(a.build, "src", "python", "_cdata.py")
    env = dict(os.environ, LEDE_LIBRARY=lib, LEDE_CDATA=cdata,
               PYTHONPATH=os.path.join(SRCDIR, "src", "python"))
    os.environ.update(LEDE_LIBRARY=lib, LEDE_CDATA=cdata)
    os.environ["PYTHONPATH"] = env["PYTHONPATH"]
    sys.path.insert(0, env["PYTHONPATH"])
    if not os.path.isdir(os.path.join(a.shared, "eval")):
        print("SKIP: %s/eval not found" % a.shared)
        return 77
    tmp = a.out or tempfile.mkdtemp(prefix="lede-dask-bench-")
    os.makedirs(tmp, exist_ok=True)
    rows = []
    log("load average before: %.1f %.1f %.1f" % os.getloadavg())
    try:
        only = a.only.split(",")
        if "module" in only:
            rows += row_module(a, lede_bin, tmp, env)
        if "rouge" in only:
            rows += row_rouge(a, tmp)
        if "dask" in only:
            rows += row_dask(a, lede_bin, tmp)
        if "model" in only:
            rows += row_model(a, lede_bin, tmp, env)
    finally:
        if not a.out:
            shutil.rmtree(tmp, ignore_errors=True)
    load = os.getloadavg()
    width = max(len(r[1]) for r in rows)
    print("| row | measure | value |\n|---|---|---|")
    for r in rows:
        print("| %s | %s | %s |" % (r[0], r[1].ljust(width), r[2]))
    print("\nload average after: %.1f %.1f %.1f; %d cores" % (load + (os.cpu_count(),)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
