"""lede on Dask: summaries and background models past one machine.

Summaries of a Dask bag or DataFrame of {id, text} records, partition by
partition (``summarize``); a background model by map-reduce, exact
(``build_model``); and the command-line recipe that summarizes a folder of
JSON Lines files into partitioned JSON Lines output, restartable:

    python3 -m lede.dask summarize IN_DIR OUT_DIR --scheduler tcp://HOST:8786
    python3 -m lede.dask corpus IN_DIR OUT.ldf --scheduler tcp://HOST:8786

Each worker process loads a model once and keeps one summarizer per worker
thread (liblede's summarizers are not thread-safe; its models are). The
workers need lede installed (liblede and this module) and, for the recipe,
IN_DIR and OUT_DIR at the same path as the client (a shared file system).
Without --scheduler the recipe starts a local cluster on 127.0.0.1.

What the recipe writes is what `lede --jsonl FILE` writes, byte for byte:
OUT_DIR/NAME.PPPPP.jsonl holds the lines for the byte range PPPPP of
IN_DIR/NAME, and the parts of NAME concatenated in order are `lede --jsonl
IN_DIR/NAME`. A part is written under a temporary name and renamed, so a
part that exists is whole, and a run that stopped is resumed by running it
again: parts already there are skipped.
"""
import argparse
import glob
import json
import os
import re
import sys
import tempfile
import threading
import time

import lede

__all__ = ["summarize", "summarize_partition", "summarize_lines", "build_model",
           "build_partial", "summarize_dir", "corpus_dir", "plan_parts", "main"]

# ---- one model per worker process, one summarizer per worker thread ------

_models = {}
_models_lock = threading.Lock()
_local = threading.local()


def _model(path):
    with _models_lock:
        m = _models.get(path)
        if m is None:
            m = _models[path] = lede.Model(path)
        return m


def _summarizer(model=None, weights=None):
    cache = getattr(_local, "summarizers", None)
    if cache is None:
        cache = _local.summarizers = {}
    sz = cache.get((model, weights))
    if sz is None:
        sz = cache[model, weights] = lede.Summarizer(_model(model), weights)
    return sz


# ---- records to the CLI's lines ---------------------------------------------

def _dumps(value):
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


# The CLI writes a record's id as the JSON text the line gave. Where "id" is
# the line's first key and a scalar, that text is taken from the line as is
# (1.0 stays 1.0, "\u00e9" stays escaped); otherwise it is written again.
_ID_FIRST = re.compile(r'[ \t\r\n]*\{[ \t\r\n]*"id"[ \t\r\n]*:[ \t\r\n]*')
_decoder = json.JSONDecoder()


def _raw_id(line, rec):
    m = _ID_FIRST.match(line)
    if m:
        try:
            value, end = _decoder.raw_decode(line, m.end())
        except ValueError:
            value = None
        else:
            if not isinstance(value, (dict, list)):
                return line[m.end():end]
    return _dumps(rec["id"])


def _error_line(id_json, message):
    return '{"id":%s,"error":%s}' % (id_json, _dumps(message))


def _summary_line(sz, id_json, rec, options):
    text = rec.get("text")
    if "html" in rec:
        return _error_line(id_json, "\"html\" is not read by lede.dask (use lede --jsonl)")
    if text is None:
        return _error_line(id_json, "no \"text\" key")
    if not isinstance(text, str):
        return _error_line(id_json, "\"text\" is not a string")
    try:
        return sz.summarize(text, **options).to_json(id_json=id_json)
    except lede.Error as e:
        return _error_line(id_json, str(e))


def summarize_lines(lines, first_lineno=1, model=None, weights=None, **options):
    """The lines `lede --jsonl` writes for JSON Lines input lines (str,
    without their newline), the first being line first_lineno of its file
    (a record without "id" has its line number as id, as in the CLI). Blank
    lines give nothing."""
    sz = _summarizer(model, weights)
    out = []
    for k, line in enumerate(lines):
        line = line.rstrip("\r")
        if not line.strip():
            continue
        lineno = first_lineno + k
        try:
            rec = json.loads(line)
        except ValueError:
            out.append(_error_line(str(lineno), "invalid JSON"))
            continue
        if not isinstance(rec, dict):
            out.append(_error_line(str(lineno), "not a JSON object"))
            continue
        id_json = _raw_id(line, rec) if "id" in rec else str(lineno)
        out.append(_summary_line(sz, id_json, rec, options))
    return out


def summarize_partition(records, model=None, weights=None, **options):
    """One partition: {id, text} dicts (or JSON Lines text lines) to the
    JSON lines `lede --jsonl` writes for them. A dict without "id" gives a
    line without "id"."""
    sz = _summarizer(model, weights)
    out = []
    for rec in records:
        if isinstance(rec, (str, bytes)):
            line = rec.decode() if isinstance(rec, bytes) else rec
            out.extend(summarize_lines([line.rstrip("\n")], model=model, weights=weights,
                                       **options))
            continue
        id_json = _dumps(rec["id"]) if "id" in rec else None
        out.append(_summary_line(sz, id_json, rec, options))
    return out


def _frame_partition(df, model, weights, options):
    import pandas as pd
    sz = _summarizer(model, weights)
    rows = []
    for rec in df.to_dict("records"):
        id_json = _dumps(rec["id"]) if "id" in rec else None
        line = _summary_line(sz, id_json, rec, options)
        o = json.loads(line)
        rows.append({"id": rec.get("id"), "kicker": o.get("kicker"),
                     "headline": o.get("headline"), "summary": o.get("summary"),
                     "error": o.get("error"), "json": line})
    return pd.DataFrame(rows, columns=_FRAME_COLUMNS, index=df.index)


_FRAME_COLUMNS = ["id", "kicker", "headline", "summary", "error", "json"]


def summarize(collection, model=None, weights=None, **options):
    """Summaries of a Dask bag or DataFrame of {id, text} records.

    A bag gives a bag of JSON lines (str, no newline), each what `lede
    --jsonl` writes for the record; a DataFrame (columns "id", "text") a
    DataFrame with columns id, kicker, headline, summary (list of
    sentences), error (None, or lede's message) and json (the line).
    model is a model file on the workers (None: the built-in one); options
    are lede.summarize's (sentences=, words=, keyphrases=, ...)."""
    import dask.bag
    import dask.dataframe
    if isinstance(collection, dask.bag.Bag):
        return collection.map_partitions(summarize_partition, model=model, weights=weights,
                                         **options)
    if isinstance(collection, dask.dataframe.DataFrame):
        import pandas as pd
        meta = pd.DataFrame({c: pd.Series(dtype=object) for c in _FRAME_COLUMNS})
        return collection.map_partitions(_frame_partition, model, weights, options,
                                         meta=meta)
    raise TypeError("expected a dask Bag or DataFrame, not %s" % type(collection).__name__)


# ---- background models by map-reduce ----------------------------------------

def _model_bytes(builder):
    fd, path = tempfile.mkstemp(suffix=".ldf")
    os.close(fd)
    try:
        builder.write(path, partial=True)
        with open(path, "rb") as f:
            return f.read()
    finally:
        os.unlink(path)


def _merge_into(builder, data):
    fd, path = tempfile.mkstemp(suffix=".ldf")
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
        builder.merge(lede.Model(path))
    finally:
        os.unlink(path)


def build_partial(records, source):
    """One partition's partial model (bytes of a partial model file): the
    "text" of each record counted, as one source called source."""
    b = lede.ModelBuilder()
    for rec in records:
        if isinstance(rec, (str, bytes)):
            rec = json.loads(rec)
        b.add_document(rec["text"])
    b.add_source(source)
    return _model_bytes(b)


def _merge_partials(parts):
    b = lede.ModelBuilder()
    for data in parts:
        _merge_into(b, data)
    return _model_bytes(b)


def build_model(bag, out, source, split_every=8):
    """Builds a background model from a bag of {text} records by map-reduce:
    a partial model a partition, merged in a tree (split_every partials a
    node), written to out (on the client) as `lede corpus build` would: for
    IN_DIR of JSON Lines files, source=os.path.basename(IN_DIR) gives the
    bytes of `lede corpus build IN_DIR` (with the same SOURCE_DATE_EPOCH)."""
    partial = bag.reduction(lambda recs: build_partial(recs, source), _merge_partials,
                            split_every=split_every).compute()
    b = lede.ModelBuilder()
    _merge_into(b, partial)
    b.write(out)
    return b.n_docs


# ---- the recipe: a folder of JSON Lines files --------------------------------

_JSONL = (".jsonl", ".json", ".ndjson")


def _inputs(in_dir):
    """JSON Lines files under in_dir, walked in byte order of their paths,
    hidden entries skipped, as `lede corpus build` walks a directory."""
    found = []

    def walk(d, rel):
        for name in sorted(os.listdir(d), key=os.fsencode):
            if name.startswith("."):
                continue
            p = os.path.join(d, name)
            r = os.path.join(rel, name) if rel else name
            if os.path.isdir(p) and not os.path.islink(p):
                walk(p, r)
            elif name.endswith(_JSONL) and os.path.isfile(p):
                found.append(r)
        return found
    return walk(in_dir, "")


def plan_parts(in_dir, part_bytes=1 << 24):
    """The partitions of in_dir's JSON Lines files: (file relative to
    in_dir, part number, start byte, end byte, line number of the first
    line). A part starts at a line start; the plan depends only on the files
    and part_bytes, so a rerun finds the same parts."""
    plan = []
    for rel in _inputs(in_dir):
        path = os.path.join(in_dir, rel)
        size = os.path.getsize(path)
        with open(path, "rb") as f:
            start, lineno, k = 0, 1, 0
            while start < size:
                end = min(start + part_bytes, size)
                f.seek(end)
                tail = f.readline() if end < size else b""
                end += len(tail)
                plan.append((rel, k, start, end, lineno))
                f.seek(start)
                lineno += _count_newlines(f, end - start)
                start, k = end, k + 1
            if size == 0:
                plan.append((rel, 0, 0, 0, 1))
    return plan


def _count_newlines(f, n):
    count = 0
    while n > 0:
        block = f.read(min(n, 1 << 20))
        if not block:
            break
        count += block.count(b"\n")
        n -= len(block)
    return count


def _part_name(rel, k):
    return "%s.%05d.jsonl" % (rel.replace(os.sep, "__"), k)


def _read_part(in_dir, rel, start, end):
    with open(os.path.join(in_dir, rel), "rb") as f:
        f.seek(start)
        data = f.read(end - start)
    # Invalid UTF-8 is replaced as lede replaces it in a document.
    return data.decode("utf-8", "replace").split("\n")


def _summarize_part(in_dir, out_dir, part, options):
    rel, k, start, end, lineno = part
    target = os.path.join(out_dir, _part_name(rel, k))
    if os.path.exists(target):
        return target, False
    lines = _read_part(in_dir, rel, start, end)
    if lines and lines[-1] == "":
        lines.pop()
    out = summarize_lines(lines, lineno, **options)
    _write_atomic(target, "".join(l + "\n" for l in out).encode())
    return target, True


def _write_atomic(path, data):
    fd, tmp = tempfile.mkstemp(dir=os.path.dirname(path), prefix=".part-")
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise


def summarize_dir(client, in_dir, out_dir, part_bytes=1 << 24, **options):
    """Summarizes every JSON Lines file under in_dir into out_dir on the
    cluster client talks to; parts already in out_dir are skipped. Returns
    (parts written, parts skipped)."""
    in_dir, out_dir = os.path.abspath(in_dir), os.path.abspath(out_dir)
    os.makedirs(out_dir, exist_ok=True)
    plan = plan_parts(in_dir, part_bytes)
    todo = [p for p in plan if not os.path.exists(os.path.join(out_dir, _part_name(p[0], p[1])))]
    futures = client.map(_summarize_part, [in_dir] * len(todo), [out_dir] * len(todo), todo,
                         [options] * len(todo), pure=False)
    written = sum(1 for _, w in client.gather(futures) if w)
    return written, len(plan) - len(todo)


def _partial_of_part(in_dir, part, source):
    rel, k, start, end, lineno = part
    with open(os.path.join(in_dir, rel), "rb") as f:
        f.seek(start)
        data = f.read(end - start)
    b = lede.ModelBuilder()
    try:
        # parsed in C: json.loads took most of a worker's time
        b.add_jsonl(data)
    except lede.Error as e:
        m = re.match(r"line (\d+): (.*)", str(e), re.S)
        if not m:
            raise
        raise lede.Error("%s: line %d: %s" % (rel, lineno + int(m.group(1)) - 1, m.group(2)),
                         e.code) from None
    b.add_source(source)
    return _model_bytes(b)


def corpus_dir(client, in_dir, out, part_bytes=1 << 24, split_every=8):
    """`lede corpus build -o out in_dir` on the cluster: a partial model a
    part, merged in a tree on the workers, the last merge written to out
    here. Byte-identical to the one-process build (same SOURCE_DATE_EPOCH)
    when in_dir holds only JSON Lines files. Returns the documents counted."""
    in_dir = os.path.abspath(in_dir)
    source = os.path.basename(in_dir.rstrip(os.sep)) or in_dir
    plan = plan_parts(in_dir, part_bytes)
    level = client.map(_partial_of_part, [in_dir] * len(plan), plan, [source] * len(plan),
                       pure=False)
    while len(level) > 1:
        level = [client.submit(_merge_partials_list, level[i:i + split_every], pure=False)
                 for i in range(0, len(level), split_every)]
    b = lede.ModelBuilder()
    if level:
        _merge_into(b, level[0].result())
    b.write(out)
    return b.n_docs


def _merge_partials_list(parts):
    return _merge_partials(parts)


# ---- command line ------------------------------------------------------------

def _client(args):
    from distributed import Client, LocalCluster
    if args.scheduler:
        return Client(args.scheduler), None
    cluster = LocalCluster(n_workers=args.workers, threads_per_worker=1, processes=True,
                           host="127.0.0.1", dashboard_address=None)
    return Client(cluster), cluster


def main(argv=None):
    p = argparse.ArgumentParser(
        prog="python3 -m lede.dask",
        description="lede on a Dask cluster: summarize a folder of JSON Lines files, "
        "or build a background model from it.")
    p.add_argument("--scheduler", metavar="ADDRESS",
                   help="the dask scheduler (tcp://HOST:8786); default: a local cluster "
                   "on 127.0.0.1")
    p.add_argument("--workers", type=int, default=2, metavar="N",
                   help="worker processes of the local cluster (default 2)")
    p.add_argument("--part-mb", type=float, default=16, metavar="MB",
                   help="input bytes a partition (default 16)")
    sub = p.add_subparsers(dest="command", required=True)
    s = sub.add_parser("summarize", help="IN_DIR's JSON Lines files to OUT_DIR, "
                       "as lede --jsonl (restartable)")
    s.add_argument("in_dir", metavar="IN_DIR")
    s.add_argument("out_dir", metavar="OUT_DIR")
    s.add_argument("-n", "--sentences", type=int)
    s.add_argument("--words", type=int)
    s.add_argument("--chars", type=int)
    s.add_argument("--ratio", type=int)
    s.add_argument("-k", "--keyphrases", type=int, default=0)
    s.add_argument("--headline-max", type=int, default=75)
    s.add_argument("-m", "--model", help="background model file, on the workers")
    s.add_argument("--weights", help="feature weights JSON, on the workers")
    c = sub.add_parser("corpus", help="a background model of IN_DIR's JSON Lines files, "
                       "as lede corpus build -o OUT IN_DIR")
    c.add_argument("in_dir", metavar="IN_DIR")
    c.add_argument("out", metavar="OUT")
    args = p.parse_args(argv)
    part_bytes = max(1, int(args.part_mb * (1 << 20)))
    if not os.path.isdir(args.in_dir):
        print("lede: %s: not a directory" % args.in_dir, file=sys.stderr)
        return 2
    client, cluster = _client(args)
    t0 = time.monotonic()
    try:
        if args.command == "summarize":
            options = {k: v for k, v in (("sentences", args.sentences), ("words", args.words),
                                         ("chars", args.chars), ("ratio", args.ratio))
                       if v is not None}
            options.update(keyphrases=args.keyphrases, headline_max=args.headline_max,
                           model=args.model, weights=args.weights)
            written, skipped = summarize_dir(client, args.in_dir, args.out_dir, part_bytes,
                                             **options)
            print("lede: %s: %d parts written, %d already there, %.1f s"
                  % (args.out_dir, written, skipped, time.monotonic() - t0), file=sys.stderr)
        else:
            n = corpus_dir(client, args.in_dir, args.out, part_bytes)
            print("lede: %s: %d docs, %.1f s" % (args.out, n, time.monotonic() - t0),
                  file=sys.stderr)
    except (lede.Error, OSError, ValueError) as e:
        print("lede: %s" % e, file=sys.stderr)
        return 1
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
    return 0


if __name__ == "__main__":
    # Run as `python3 -m lede.dask`, this file is __main__, whose functions
    # Dask would ship by value with their own copies of the caches above:
    # the tasks must be lede.dask's, imported by name on the workers.
    from lede.dask import main as _main
    sys.exit(_main())
