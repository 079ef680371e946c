#!/usr/bin/python3
"""How far sentence selection alone can take a 3-sentence summary past Lead-3.

usage: models/selection-ceiling.py LEDE DEV.jsonl

Runs `LEDE --jsonl --explain` on DEV (an eval-i18n file: id, text,
references), then scores with ROUGE-1 F1 in `lede eval --tokenize unicode`'s
tokenization (NFKC, lower case, runs of letters/marks/numbers, one token per
CJK character), on the first half by id, the second half, and the whole:

  lede          lede's own three sentences
  lead-2/lead-3 the first sentences
  oracle 3ofK   the best 3 of the first K sentences, chosen knowing the
                reference (what a perfect selector could reach)
  ridge 3of5    a selector that is fitted on the first half only: a ridge
                regression of an option's ROUGE on features of its three
                sentences (position, length, lede's tfidf, centrality, quote
                and short features, a quote opening, the option's length
                and word overlap), picking the best-predicted option of
                the first 5 sentences' 10

The last row is a stand-in for "more features, fitted": if it does not beat
Lead-3 on the half it was not fitted on, neither will a richer weighting of
the same signals. Written for issue #16's French target (README, Languages).
Needs numpy (Debian python3-numpy).
"""
import itertools
import json
import statistics
import subprocess
import sys
import unicodedata
from collections import Counter

import numpy as np

CJK = ((0x3005, 0x3007), (0x303B, 0x303C), (0x3040, 0x30FF), (0x31F0, 0x31FF),
       (0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0xF900, 0xFAFF), (0x20000, 0x2FA1F),
       (0x30000, 0x3134F))


def tokens(s):
    out, cur = [], []
    for c in unicodedata.normalize("NFKC", s).lower():
        word = unicodedata.category(c)[0] in "LMN"
        if word and any(a <= ord(c) <= b for a, b in CJK):
            if cur:
                out.append("".join(cur))
                cur = []
            out.append(c)
        elif word:
            cur.append(c)
        elif cur:
            out.append("".join(cur))
            cur = []
    if cur:
        out.append("".join(cur))
    return out


def r1(cand, ref):
    overlap = sum((Counter(cand) & Counter(ref)).values())
    if not overlap:
        return 0.0
    p, r = overlap / len(cand), overlap / len(ref)
    return 2 * p * r / (p + r)


def load(lede, path):
    src = {}
    for line in open(path, encoding="utf-8"):
        d = json.loads(line)
        src[d["id"]] = d
    out = subprocess.run([lede, "--jsonl", "--explain", "-n", "3", path], check=True,
                         capture_output=True).stdout.decode()
    docs = []
    for line in out.splitlines():
        o = json.loads(line)
        d = src[o["id"]]
        raw = d["text"].encode()
        sents = []
        for e in o["explain"]:
            text = raw[e["start"]:e["end"]].decode(errors="replace")
            sents.append({"i": e["index"], "text": text, "f": e["features"],
                          "sel": e["selected"], "toks": tokens(text)})
        docs.append({"id": o["id"], "refs": [tokens(r) for r in d["references"]], "sents": sents})
    docs.sort(key=lambda d: d["id"])
    return docs


def score(doc, chosen):
    cand = [t for i in sorted(chosen) for t in doc["sents"][i]["toks"]]
    return max(r1(cand, ref) for ref in doc["refs"])


def halves(values):
    h = len(values) // 2
    return "%6.2f %6.2f %6.2f" % tuple(100 * statistics.mean(v) for v in
                                        (values[:h], values[h:], values))


def sentence_features(s):
    f, k, t = s["f"], len(s["toks"]), s["text"].lstrip()
    i = s["i"]
    return np.array([i == 0, i == 1, i == 2, i == 3, i == 4, k / 40, (k / 40) ** 2,
                     f["quote"], f["short"], f["centrality"], f["tfidf"],
                     t[:1] in "\"«“'", f["first_para"]], float)


def ridge_rows(docs, k=5):
    rows = []
    for d in docs:
        m = min(k, len(d["sents"]))
        options = list(itertools.combinations(range(m), min(3, m)))
        feats, ys = [], []
        for c in options:
            x = sum(sentence_features(d["sents"][i]) for i in c)
            ntok = sum(len(d["sents"][i]["toks"]) for i in c)
            overlap = 0.0
            for a, b in itertools.combinations(c, 2):
                sa, sb = set(d["sents"][a]["toks"]), set(d["sents"][b]["toks"])
                overlap += len(sa & sb) / max(1, min(len(sa), len(sb)))
            feats.append(np.concatenate([x, [ntok / 100, (ntok / 100) ** 2, overlap]]))
            ys.append(score(d, c))
        rows.append((np.array(feats), np.array(ys)))
    return rows


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    docs = load(sys.argv[1], sys.argv[2])
    print("%d documents; ROUGE-1 F1 x100: first half, second half, whole" % len(docs))
    print("%-14s %s" % ("lede", halves([score(d, [s["i"] for s in d["sents"] if s["sel"]])
                                        for d in docs])))
    for n in (2, 3):
        print("%-14s %s" % ("lead-%d" % n, halves([score(d, range(min(n, len(d["sents"]))))
                                                   for d in docs])))
    for k in (4, 5, 8):
        best = []
        for d in docs:
            m = min(k, len(d["sents"]))
            best.append(max(score(d, c) for c in itertools.combinations(range(m), min(3, m))))
        print("%-14s %s" % ("oracle 3of%d" % k, halves(best)))
    rows = ridge_rows(docs)
    h = len(rows) // 2
    x = np.concatenate([r[0] for r in rows[:h]])
    y = np.concatenate([r[1] - r[1].mean() for r in rows[:h]])
    w = np.linalg.solve(x.T @ x + np.eye(x.shape[1]), x.T @ y)
    print("%-14s %s" % ("ridge 3of5", halves([r[1][int(np.argmax(r[0] @ w))] for r in rows])))


if __name__ == "__main__":
    main()
