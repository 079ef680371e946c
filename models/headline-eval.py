#!/usr/bin/python3
"""Headline figures and a table of real headlines, for models/README-kicker.md.

usage: models/headline-eval.py LEDE OUTDIR [--shared DIR] [--max N] [--before TABLE.md]
                              [--changed OLD_OUTDIR]

Runs LEDE (the built binary) on the three dev sets of ../shared/eval, judges
the headlines with ../shared/tools/headline_cut.py (cut / spliced / unaligned)
on the first half by id (the half rules are tuned on), the second half and
the whole, scores DUC-2004 ROUGE-1 with `lede eval --target headline --bytes
75`, and writes OUTDIR/table.md: 40 headlines (with their kickers), ids drawn
with a fixed seed from the three files. Run it before and after a change and
compare the two tables (--before OLD/table.md puts the old headlines beside
the new ones in OUTDIR/compare.md; --changed OLD_OUTDIR, an OUTDIR of the
run before, writes OUTDIR/changed.md: 20 of the headlines that changed, ids
drawn with the same seed, 10 from DUC-2004 and 5 from each other set, and
how many changed). Nothing of ../shared is copied: the
table holds lede's own output and the ids.
"""
import json, os, random, subprocess, sys

SETS = ["cnndm-dev", "duc2004-task1", "duc2001-keyphrases"]
SEED = 19
PER_SET = {"cnndm-dev": 13, "duc2004-task1": 14, "duc2001-keyphrases": 13}


def load(path):
    with open(path, encoding="utf-8") as f:
        return [json.loads(l) for l in f if l.strip()]


def write(path, items):
    with open(path, "w", encoding="utf-8") as f:
        for x in items:
            f.write(json.dumps(x, ensure_ascii=False) + "\n")


def judge(tool, set_path, pred_path):
    out = subprocess.run(["/usr/bin/python3", tool, set_path, pred_path, "--json"],
                         check=True, capture_output=True, text=True).stdout
    return json.loads(out)


def rouge(lede, set_path, pred_path):
    out = subprocess.run([lede, "eval", "--target", "headline", "--bytes", "75", "--predictions",
                          pred_path, "--references", set_path, "--format", "json"],
                         check=True, capture_output=True, text=True).stdout
    r = json.loads(out)["rouge1"]
    return 100 * r["recall"]["mean"], 100 * r["fmeasure"]["mean"]


def main():
    lede, outdir = sys.argv[1], sys.argv[2]
    shared = sys.argv[sys.argv.index("--shared") + 1] if "--shared" in sys.argv else \
        os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "shared")
    hmax = sys.argv[sys.argv.index("--max") + 1] if "--max" in sys.argv else "75"
    tool = os.path.join(shared, "tools", "headline_cut.py")
    os.makedirs(outdir, exist_ok=True)
    rows, lines = [], []
    for name in SETS:
        set_path = os.path.join(shared, "eval", name + ".jsonl")
        items = load(set_path)
        src = "".join(json.dumps({"id": x["id"], "text": x["text"]}) + "\n" for x in items)
        out = subprocess.run([lede, "--jsonl", "-j", "1", "--headline-max", hmax], input=src,
                             check=True, capture_output=True, text=True).stdout
        pred = {p["id"]: p for p in map(json.loads, out.splitlines())}
        ids = sorted(x["id"] for x in items)
        half = len(ids) // 2
        parts = {"first half": ids[:half], "second half": ids[half:], "whole": ids}
        byid = {x["id"]: x for x in items}
        for part, pids in parts.items():
            sp = os.path.join(outdir, f"{name}.{part[0]}.set.jsonl")
            pp = os.path.join(outdir, f"{name}.{part[0]}.pred.jsonl")
            write(sp, [byid[i] for i in pids])
            write(pp, [{"id": i, "headline": pred.get(i, {}).get("headline") or ""}
                       for i in pids])
            j = judge(tool, sp, pp)
            row = f"| {name} | {part} | {100*j['cut']:.1f} | {100*j['spliced']:.1f} | " \
                  f"{100*j['unaligned']:.1f}"
            if name == "duc2004-task1":
                r, f = rouge(lede, sp, pp)
                row += f" | {r:.2f} | {f:.2f}"
            else:
                row += " | | "
            rows.append(row + " |")
        rng = random.Random(SEED)
        for i in sorted(rng.sample(ids, PER_SET[name])):
            p = pred.get(i, {})
            h = (p.get("headline") or "").replace("|", "\\|")
            k = (p.get("kicker") or "").replace("|", "\\|")
            lines.append(f"| {name} | {i} | {k} | {h} |")
    with open(os.path.join(outdir, "table.md"), "w", encoding="utf-8") as f:
        f.write("| set | part | cut % | spliced % | unaligned % | R-1 recall | R-1 F1 |\n")
        f.write("|---|---|---:|---:|---:|---:|---:|\n")
        f.write("\n".join(rows) + "\n\n")
        f.write("| set | id | kicker | headline |\n|---|---|---|---|\n")
        f.write("\n".join(lines) + "\n")
    if "--before" in sys.argv:
        old = {}
        for l in open(sys.argv[sys.argv.index("--before") + 1], encoding="utf-8"):
            cells = [c.strip() for c in l.strip().strip("|").split(" | ")]
            if len(cells) == 4 and cells[0] in SETS:
                old[cells[1]] = cells[3]
        with open(os.path.join(outdir, "compare.md"), "w", encoding="utf-8") as f:
            f.write("| set | id | kicker | headline before | headline after |\n|---|---|---|---|---|\n")
            for l in lines:
                cells = [c.strip() for c in l.strip().strip("|").split(" | ")]
                f.write(f"| {cells[0]} | {cells[1]} | {cells[2]} | {old.get(cells[1], '')} | "
                        f"{cells[3]} |\n")
    if "--changed" in sys.argv:
        changed_table(sys.argv[sys.argv.index("--changed") + 1], outdir)
    print(open(os.path.join(outdir, "table.md"), encoding="utf-8").read())


CHANGED = {"duc2004-task1": 10, "cnndm-dev": 5, "duc2001-keyphrases": 5}


def changed_table(olddir, outdir):
    rows, counts = [], []
    for name in ["duc2004-task1", "cnndm-dev", "duc2001-keyphrases"]:
        def heads(d):
            return {x["id"]: x["headline"] for x in load(os.path.join(d, f"{name}.w.pred.jsonl"))}
        b, a = heads(olddir), heads(outdir)
        ch = sorted(i for i in a if b.get(i) != a[i])
        counts.append(f"{name} {len(ch)} of {len(a)}")
        for i in sorted(random.Random(SEED).sample(ch, min(CHANGED[name], len(ch)))):
            old, new = (b.get(i) or "").replace("|", "\\|"), (a[i] or "").replace("|", "\\|")
            rows.append(f"| {name} | {i} | {old} | {new} |")
    with open(os.path.join(outdir, "changed.md"), "w", encoding="utf-8") as f:
        f.write("| set | id | headline before | headline after |\n|---|---|---|---|\n")
        f.write("\n".join(rows) + "\n\nHeadlines changed: " + ", ".join(counts) + ".\n")


if __name__ == "__main__":
    main()
