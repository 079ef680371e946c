#!/usr/bin/python3
"""Before/after table of kickers and headlines for models/README-kicker.md.

  kicker-table.py save LEDE OUT.json [--shared DIR]   kickers and headlines of the sample
  kicker-table.py table BEFORE.json AFTER.json        the Markdown table

The sample: 40 articles, ids drawn with a fixed seed (19, the issue's
number) from the three dev files of ../shared/eval (14 from cnndm-dev, 13
from duc2004-task1, 13 from duc2001-keyphrases). Only lede's outputs are
saved, never the articles.
"""
import json
import os
import random
import subprocess
import sys

SETS = [("cnndm-dev", 14), ("duc2004-task1", 13), ("duc2001-keyphrases", 13)]
SEED = 19


def sample(shared):
    out = []
    for name, k in SETS:
        with open(os.path.join(shared, "eval", name + ".jsonl"), encoding="utf-8") as f:
            items = [json.loads(line) for line in f if line.strip()]
        items.sort(key=lambda x: str(x["id"]))
        rng = random.Random(SEED)
        picked = sorted(rng.sample(range(len(items)), k))
        out.append((name, [items[i] for i in picked]))
    return out


def save(lede, path, shared):
    rows = []
    for name, items in sample(shared):
        lines = "".join(json.dumps({"id": x["id"], "text": x["text"]}) + "\n" for x in items)
        res = subprocess.run([lede, "--jsonl", "-", "-j", "1"], input=lines.encode(),
                             stdout=subprocess.PIPE, check=True)
        for line in res.stdout.decode().splitlines():
            o = json.loads(line)
            rows.append({"set": name, "id": o["id"], "kicker": o.get("kicker"),
                         "headline": o.get("headline")})
    with open(path, "w", encoding="utf-8") as f:
        json.dump(rows, f, indent=1, ensure_ascii=False)
        f.write("\n")


def cell(s):
    return "" if s is None else s.replace("|", "\\|")


def table(before, after):
    a = json.load(open(before, encoding="utf-8"))
    b = {(r["set"], r["id"]): r for r in json.load(open(after, encoding="utf-8"))}
    print("| set | id | kicker before | kicker after | headline before | headline after |")
    print("|---|---|---|---|---|---|")
    for r in a:
        n = b.get((r["set"], r["id"]), {})
        print("| %s | %s | %s | %s | %s | %s |" % (
            r["set"], r["id"], cell(r["kicker"]), cell(n.get("kicker")),
            cell(r["headline"]), cell(n.get("headline"))))


def main(argv):
    shared = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "shared")
    if "--shared" in argv:
        i = argv.index("--shared")
        shared = argv[i + 1]
        del argv[i:i + 2]
    if len(argv) == 4 and argv[1] == "save":
        save(argv[2], argv[3], shared)
    elif len(argv) == 4 and argv[1] == "table":
        table(argv[2], argv[3])
    else:
        sys.stderr.write(__doc__)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
