"""lede.dask on a real distributed.LocalCluster: two worker processes on
127.0.0.1, started once, bounded in time, closed at the end. The results
must be the CLI's bytes: `lede --jsonl` for summaries, `lede corpus build`
for the model. Skipped (exit 77) where python3-distributed is missing."""
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import unittest
import warnings

# tornado's, from distributed: noise in the test log
warnings.filterwarnings("ignore", category=DeprecationWarning)
try:
    import dask.bag as db
    import dask.dataframe as dd
    import pandas as pd
    from distributed import Client, LocalCluster
except ImportError as e:
    print("1..0 # SKIP python3-distributed, python3-dask or python3-pandas missing: %s" % e)
    sys.exit(77)
try:
    import lede
    import lede.dask as ld
except ImportError as e:
    print("1..0 # SKIP the lede module cannot be imported: %s" % e)
    sys.exit(77)

from testenv import DATA, EVAL_SETS, LEDE, SHARED, SRCDIR, run_lede, source_date_epoch
EPOCH = "1700000000"

cluster = client = None
tmp = None


def setUpModule():
    global cluster, client, tmp
    tmp = tempfile.mkdtemp(prefix="lede-dask-")
    # The loopback address only; no dashboard; two processes of one thread.
    cluster = LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                           host="127.0.0.1", dashboard_address=None,
                           local_directory=tmp, silence_logs=40)
    client = Client(cluster, timeout=30)
    client.wait_for_workers(2, timeout=30)


def tearDownModule():
    if client is not None:
        client.close()
    if cluster is not None:
        cluster.close()
    if tmp is not None:
        shutil.rmtree(tmp, ignore_errors=True)



def input_dir():
    """The three eval sets when ../shared is there, the repository's small
    dataset otherwise, plus a file of odd lines, in IN_DIR/."""
    d = os.path.join(tmp, "in")
    if os.path.isdir(d):
        return d
    os.makedirs(os.path.join(d, "sub"))
    names = [n for n in EVAL_SETS if os.path.exists(os.path.join(SHARED, "eval", n + ".jsonl"))]
    if len(names) == len(EVAL_SETS):
        for n in names:
            shutil.copy(os.path.join(SHARED, "eval", n + ".jsonl"), d)
    else:
        print("# %s/eval/ missing (LEDE_SHARED): tests/data only" % SHARED)
    shutil.copy(os.path.join(DATA, "eval-dataset.jsonl"), os.path.join(d, "sub"))
    with open(os.path.join(d, "sub", "odd.jsonl"), "w", encoding="utf-8") as f:
        f.write('{"id": 1.0, "text": "Ids are kept as written. Even 1.0 here."}\n'
                "\n"
                '{"text": "No id: the line number is the id. Two sentences."}\r\n'
                '{"id": "x", "text": 5}\n'
                '{"id": "y"}\n'
                "not json\n"
                '[1, 2]\n'
                '{"id": "\\u00e9", "text": "Escapes stay escaped in the id."}\n'
                '{"id": "nul", "text": "a\\u0000b"}\n')
    return d


class Summaries(unittest.TestCase):
    def test_recipe_equals_cli(self):
        d = input_dir()
        out = os.path.join(tmp, "out")
        # small parts: every eval set is cut in several
        written, skipped = ld.summarize_dir(client, d, out, part_bytes=200_000)
        self.assertGreater(written, 5)
        self.assertEqual(skipped, 0)
        self.check_out(d, out)

        # restartable: a rerun writes nothing; a lost part is made again,
        # and a temporary file left by a killed worker is no part
        self.assertEqual(ld.summarize_dir(client, d, out, part_bytes=200_000), (0, written))
        parts = sorted(os.listdir(out))
        os.unlink(os.path.join(out, parts[1]))
        with open(os.path.join(out, ".part-stale"), "w") as f:
            f.write("half a part")
        self.assertEqual(ld.summarize_dir(client, d, out, part_bytes=200_000),
                         (1, written - 1))
        self.check_out(d, out)

    def check_out(self, d, out):
        for rel in ld._inputs(d):
            want = run_lede("--jsonl", "-j", "2", os.path.join(d, rel)) \
                if not rel.endswith("odd.jsonl") else \
                subprocess.run([LEDE, "--jsonl", os.path.join(d, rel)],
                               capture_output=True).stdout
            prefix = rel.replace(os.sep, "__") + "."
            got = b""
            for name in sorted(os.listdir(out)):
                if name.startswith(prefix):
                    with open(os.path.join(out, name), "rb") as f:
                        got += f.read()
            self.assertEqual(got.decode(), want.decode(), rel)

    def test_command_line(self):
        d = input_dir()
        out = os.path.join(tmp, "cmd-out")
        r = subprocess.run([sys.executable, "-m", "lede.dask", "--scheduler",
                            cluster.scheduler_address, "--part-mb", "0.5", "summarize",
                            d, out, "-n", "2", "-k", "3"], capture_output=True, timeout=120)
        self.assertEqual(r.returncode, 0, r.stderr.decode())
        self.assertIn(b"parts written", r.stderr)
        rel = ld._inputs(d)[0]
        want = run_lede("--jsonl", "-n", "2", "-k", "3", os.path.join(d, rel))
        with open(os.path.join(out, rel.replace(os.sep, "__") + ".00000.jsonl"), "rb") as f:
            got = f.read()
        self.assertTrue(want.startswith(got) and got, rel)
        r = subprocess.run([sys.executable, "-m", "lede.dask", "summarize",
                            os.path.join(tmp, "nonexistent"), out],
                           capture_output=True, timeout=60)
        self.assertEqual(r.returncode, 2)
        self.assertIn(b"not a directory", r.stderr)

    def test_bag_and_dataframe(self):
        path = os.path.join(DATA, "eval-dataset.jsonl")
        with open(path, encoding="utf-8") as f:
            recs = [json.loads(l) for l in f if l.strip()]
        want = run_lede("--jsonl", "-k", "2", path).decode().splitlines()
        bag = db.from_sequence(recs * 3, npartitions=4)
        got = ld.summarize(bag, keyphrases=2).compute()
        self.assertEqual(got, want * 3)
        frame = dd.from_pandas(pd.DataFrame([{"id": r["id"], "text": r["text"]} for r in recs]),
                               npartitions=2)
        res = ld.summarize(frame, keyphrases=2).compute()
        self.assertEqual(list(res["json"]), want)
        self.assertEqual(list(res["id"]), [r["id"] for r in recs])
        self.assertEqual(list(res["kicker"]), [json.loads(w)["kicker"] for w in want])
        self.assertTrue(res["error"].isna().all())
        # the model is opened once per worker process, whatever the tasks
        opened = client.run(lambda: sorted(str(k) for k in ld._models))
        self.assertEqual(len(opened), 2)
        for models in opened.values():
            self.assertLessEqual(len(models), 1)


class Models(unittest.TestCase):
    def test_corpus_equals_single_build(self):
        d = input_dir()
        env = dict(os.environ, SOURCE_DATE_EPOCH=EPOCH)
        single = os.path.join(tmp, "single.ldf")
        # odd.jsonl has lines corpus build refuses: build over the rest
        clean = os.path.join(tmp, "clean")
        if not os.path.isdir(clean):
            shutil.copytree(d, clean, ignore=shutil.ignore_patterns("odd.jsonl"))
        run_lede("corpus", "build", "-o", single, clean, env=env)
        with open(single, "rb") as f:
            want = f.read()
        with source_date_epoch(EPOCH):
            for part_bytes, fan in ((300_000, 2), (1 << 30, 8), (700_000, 3)):
                out = os.path.join(tmp, "merged-%d.ldf" % part_bytes)
                n = ld.corpus_dir(client, clean, out, part_bytes=part_bytes, split_every=fan)
                self.assertEqual(n, lede.Model(single).n_docs)
                with open(out, "rb") as f:
                    self.assertEqual(f.read(), want, "parts of %d bytes" % part_bytes)
            # a bad line stops the build, named by its file and line
            odd = os.path.join(tmp, "odd")
            os.makedirs(odd, exist_ok=True)
            shutil.copy(os.path.join(d, "sub", "odd.jsonl"), odd)
            with self.assertRaises(lede.Error) as c:
                ld.corpus_dir(client, odd, os.path.join(tmp, "bad.ldf"), part_bytes=150)
            # (parts fail side by side: the report is one of the bad lines, by
            # its number in the file)
            m = re.search(r"odd\.jsonl: line (\d+): (.*)", str(c.exception))
            self.assertIsNotNone(m, str(c.exception))
            self.assertEqual(m.group(2), {
                "4": 'not a JSON object with a "text" string',
                "5": 'not a JSON object with a "text" string',
                "6": "invalid JSON", "7": "not a JSON object",
                "9": "NUL in text"}.get(m.group(1)), str(c.exception))
            self.assertFalse(os.path.exists(os.path.join(tmp, "bad.ldf")))
            # and from a bag: the records of the same files, in any partitions
            recs = []
            for rel in ld._inputs(clean):
                with open(os.path.join(clean, rel), encoding="utf-8") as f:
                    recs += [json.loads(l) for l in f if l.strip()]
            recs.reverse()
            out = os.path.join(tmp, "bag.ldf")
            ld.build_model(db.from_sequence(recs, npartitions=5), out, source="clean")
            with open(out, "rb") as f:
                self.assertEqual(f.read(), want)


if __name__ == "__main__":
    t0 = time.monotonic()
    result = unittest.main(verbosity=2, exit=False).result
    print("# %.1f s" % (time.monotonic() - t0))
    sys.exit(0 if result.wasSuccessful() else 1)
