"""The Python module (src/python/lede) against the CLI it must agree with.

Run by meson test (tests/meson.build) with LEDE_LIBRARY set to the build
tree's library and PYTHONPATH to src/python; plain unittest, so pytest may
run it too."""
import json
import os
import re
import subprocess
import sys
import tempfile
import threading
import unittest

try:
    import lede
    from lede import _ffi
except ImportError as e:  # python3-cffi missing
    print("1..0 # SKIP the lede module cannot be imported: %s" % e)
    sys.exit(77)

from testenv import DATA, EVAL_SETS, LEDE, SHARED, SRCDIR, run_lede, source_date_epoch



def records(path):
    with open(path, encoding="utf-8") as f:
        return [json.loads(l) for l in f if l.strip()]


class Identical(unittest.TestCase):
    """lede.summarize gives the lines lede --jsonl writes, byte for byte."""

    def check_file(self, path, cli_args=(), **kw):
        want = run_lede("--jsonl", "-j", "2", *cli_args, path).decode().splitlines()
        recs = records(path)
        self.assertEqual(len(want), len(recs))
        for rec, line in zip(recs, want):
            got = lede.summarize(rec["text"], **kw).to_json(rec.get("id"))
            self.assertEqual(got, line, "id %r" % rec.get("id"))
        return len(recs)

    def test_shared_eval(self):
        missing = [n for n in EVAL_SETS
                   if not os.path.exists(os.path.join(SHARED, "eval", n + ".jsonl"))]
        if missing:
            self.skipTest("%s/eval/ has no %s (LEDE_SHARED)" % (SHARED, ", ".join(missing)))
        n = sum(self.check_file(os.path.join(SHARED, "eval", name + ".jsonl"))
                for name in EVAL_SETS)
        self.assertGreater(n, 1000)

    def test_options_match_flags(self):
        path = os.path.join(DATA, "eval-dataset.jsonl")
        self.check_file(path)
        self.check_file(path, ("-n", "1", "-k", "4"), sentences=1, keyphrases=4)
        self.check_file(path, ("--words", "30"), words=30)
        self.check_file(path, ("--chars", "200", "--headline-max", "40"), chars=200,
                        headline_max=40)
        self.check_file(path, ("--ratio", "20"), ratio=20)

    def test_text_form(self):
        path = os.path.join(DATA, "sample-article.txt")
        with open(path, encoding="utf-8") as f:
            text = f.read()
        self.assertEqual(lede.summarize(text).to_text(), run_lede(path).decode())
        self.assertEqual(lede.summarize(text).to_json() + "\n",
                         run_lede("--format", "json", path).decode())


class Api(unittest.TestCase):
    def test_summary_fields(self):
        text = ("TERMINAL: Ferry terminal to be rebuilt\n\n"
                "The council approved the plan to rebuild the flooded ferry terminal in Keelung. "
                "Café owners near the pier said the work would take two years. "
                "The vote was 21 to 9. Shipping companies had warned of closures.")
        s = lede.summarize(text, sentences=2, keyphrases=3)
        self.assertEqual(len(s.sentences), 2)
        self.assertEqual([x.index for x in s.sentences], sorted(x.index for x in s.sentences))
        for x in s.sentences:
            # offsets are characters into the text, é included
            self.assertEqual(s.text[x.start:x.end], x.text)
            self.assertIsInstance(x.score, float)
        self.assertEqual(len(s.keyphrases), 3)
        self.assertTrue(all(isinstance(k, str) for k in s.keyphrases))
        self.assertIsInstance(s.headline, str)
        none = lede.summarize(text, kicker=False, headline=False)
        self.assertIsNone(none.kicker)
        self.assertIsNone(none.headline)
        self.assertEqual(lede.summarize("").sentences, [])
        self.assertIsNone(lede.summarize("").headline)

    def test_bytes_and_bom(self):
        text = "\ufeffOne sentence here. Another one there."
        s = lede.summarize(text.encode())
        self.assertEqual(s.text, text[1:])
        self.assertEqual(s.sentences[0].text, "One sentence here.")
        self.assertEqual(s.sentences[0].start, 0)
        bad = lede.summarize(b"Caf\xe9 closed. It was old.")
        self.assertTrue(bad.repaired)
        self.assertIn("\ufffd", bad.text)

    def test_errors_carry_lede_messages(self):
        with self.assertRaises(lede.Error) as c:
            lede.summarize("a\0b")
        self.assertEqual(c.exception.code, lede.ERROR_BINARY)
        cli = subprocess.run([LEDE, "-"], input=b"a\0b", capture_output=True)
        self.assertEqual(cli.returncode, 1)
        self.assertIn(str(c.exception), cli.stderr.decode())
        with self.assertRaises(lede.Error) as c:
            lede.Model("/nonexistent/model.ldf")
        self.assertEqual(c.exception.code, lede.ERROR_IO)
        self.assertTrue(str(c.exception).startswith("/nonexistent/model.ldf: "))
        with tempfile.NamedTemporaryFile(suffix=".ldf") as f:
            f.write(b"not a model at all, just some bytes")
            f.flush()
            with self.assertRaises(lede.Error) as c:
                lede.Model(f.name)
            self.assertEqual(c.exception.code, lede.ERROR_MODEL_CORRUPT)
        with self.assertRaises(ValueError):
            lede.summarize("x", sentences=2, words=3)
        with self.assertRaises(ValueError):
            lede.summarize("x", sentences=0)
        with self.assertRaises(TypeError):
            lede.summarize(42)
        lede.summarize("x", sentences=2, keyphrases=1)  # cached options must not let these by
        with self.assertRaises(TypeError):
            lede.summarize("x", sentences=3.0)
        with self.assertRaises(TypeError):
            lede.summarize("x", sentences=2.0, keyphrases=1)
        with self.assertRaises(TypeError):
            lede.summarize("x", sentences=2, keyphrases=True)

    def test_options_version_refused(self):
        o = _ffi.ffi.new("lede_options *")
        o.version = 12345
        err = _ffi.ffi.new("GError **")
        # the module's struct is version 1 (the library still takes it);
        # a version no library knows is refused before anything is written
        self.assertFalse(_ffi.lib.lede_options_init(o, 12345, err))
        self.assertEqual(o.version, 12345)
        self.assertIn("unknown", _ffi.ffi.string(err[0].message).decode())
        _ffi.glib.g_error_free(err[0])

    def test_declarations_are_the_headers(self):
        with open(os.path.join(SRCDIR, "src", "lede.h")) as f:
            header = set(re.findall(r"\b(lede_\w+)\(", f.read()))
        from lede._cdef import CDEF
        mine = set(re.findall(r"\b(lede_\w+)\(", CDEF))
        self.assertTrue(mine, "no declarations found")
        self.assertLessEqual(mine, header)
        self.assertEqual(lede.version(), run_lede("--version").decode().split()[1])

    def test_cdata_is_the_declarations(self):
        # lede/_cdata.py, made at build time, is what parsing lede._cdef gives
        if not os.environ.get("LEDE_CDATA"):
            self.skipTest("no LEDE_CDATA: the declarations were parsed at import")
        self.assertEqual(_ffi.CDATA, os.environ["LEDE_CDATA"])
        parsed = _ffi._parsed()
        plib = parsed.dlopen(_ffi.LIBRARY_PATH)
        from lede._cdef import CDEF
        names = re.findall(r"\b(lede_\w+)\(", CDEF)
        self.assertGreater(len(names), 40)
        # (the parsed form names an opaque type "struct lede_model", the
        # made one by its typedef: the same type)
        def sig(f, lib, name):
            return f.getctype(f.typeof(getattr(lib, name))).replace("struct ", "")
        for name in names:
            self.assertEqual(sig(_ffi.ffi, _ffi.lib, name), sig(parsed, plib, name), name)
        for t in ("lede_options", "lede_rouge_scores", "GError"):
            self.assertEqual(_ffi.ffi.sizeof(t), parsed.sizeof(t), t)

    def test_threads(self):
        recs = records(os.path.join(DATA, "eval-dataset.jsonl")) * 20
        want = [lede.summarize(r["text"]).to_json(r.get("id")) for r in recs]
        shared = lede.Summarizer()  # one summarizer under its lock
        got = {}

        def work(k):
            got[k] = [(lede.summarize if k % 2 else shared.summarize)(r["text"]).to_json(
                r.get("id")) for r in recs]

        threads = [threading.Thread(target=work, args=(k,)) for k in range(4)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        for k in range(4):
            self.assertEqual(got[k], want)


class Reader(unittest.TestCase):
    """lede.read_jsonl reads JSON Lines as lede --jsonl does: the loop over
    its records writes the CLI's lines."""

    ODD = ('{"id": 1.0, "text": "Ids are kept as written. Even 1.0 here."}\n'
           "\n"
           '{"text": "No id: the line number is the id. Two sentences."}\r\n'
           '{"id": "x", "text": 5}\n'
           '{"id": "y"}\n'
           "not json at all\n"
           "[1, 2]\n"
           '{"id": "nul", "text": "a\\u0000b"}\n'
           '   \t \n'
           '{"id": "\\u00e9", "text": "Caf\u00e9 owners spoke. The pier was closed."}\n'
           '{"id": {"a": [1, 2]}, "text": "Object ids stay objects. As written."}\n'
           '{"id": "h", "html": 7}\n'
           '{"id": 2, "text": "No line end after the last line. It is read."}').encode()

    @staticmethod
    def line(r):
        """What the loop writes for a record: the summary, or the CLI's
        {"id", "error"} line."""
        if r.error:
            return '{"id":%s,"error":%s}' % (r.id_json, json.dumps(r.error))
        try:
            return lede.summarize(r.data).to_json(id_json=r.id_json)
        except lede.Error as e:
            return '{"id":%s,"error":%s}' % (r.id_json, json.dumps(str(e)))

    def test_shared_eval(self):
        paths = [os.path.join(SHARED, "eval", n + ".jsonl") for n in EVAL_SETS]
        paths = [p for p in paths if os.path.exists(p)] or \
            self.skipTest("%s/eval/ not found (LEDE_SHARED)" % SHARED)
        paths.append(os.path.join(DATA, "eval-dataset.jsonl"))
        for path in paths:
            want = run_lede("--jsonl", "-j", "2", path).decode().splitlines()
            got = [self.line(r) for r in lede.read_jsonl(path)]
            self.assertEqual(got, want, path)
            # .text (str) summarizes the same as .data where the UTF-8 is valid
            with open(path, "rb") as f:
                got = [lede.summarize(r.text).to_json(id_json=r.id_json)
                       for r in lede.read_jsonl(f, block_size=3000)]
            self.assertEqual(got, want, path)

    def test_odd_lines(self):
        # (lede exits 1: some lines are errors)
        cli = subprocess.run([LEDE, "--jsonl", "-"], input=self.ODD, capture_output=True)
        self.assertEqual(cli.returncode, 1)
        want = cli.stdout.decode().splitlines()
        recs = list(lede.read_jsonl(self.ODD))
        self.assertEqual(len(recs), len(want))
        self.assertEqual([r.lineno for r in recs], [1, 3, 4, 5, 6, 7, 8, 10, 11, 12, 13])
        self.assertEqual([self.line(r) for r in recs], want)
        self.assertEqual(recs[0].id_json, "1.0")
        self.assertEqual(recs[1].id, 3)
        self.assertEqual(recs[7].id, "\u00e9")
        self.assertEqual(recs[7].text, "Caf\u00e9 owners spoke. The pier was closed.")
        self.assertEqual(recs[8].id, {"a": [1, 2]})
        self.assertEqual(recs[9].error, '"html" is not a string')
        html = list(lede.read_jsonl(b'{"id": 1, "html": "<p>x</p>", "text": "y"}'))
        self.assertTrue(html[0].html)
        self.assertEqual(html[0].data, b"<p>x</p>")

    def test_blocks(self):
        # any block size, file object or bytes: the same records
        def key(r):
            return (r.lineno, r.id_json, r.data, r.html, r.error)
        want = [key(r) for r in lede.read_jsonl(self.ODD)]
        with tempfile.NamedTemporaryFile(suffix=".jsonl") as f:
            f.write(self.ODD)
            f.flush()
            for size in (1, 2, 7, 64, 1 << 20):
                self.assertEqual([key(r) for r in lede.read_jsonl(f.name, size)], want, size)
        self.assertEqual(list(lede.read_jsonl(b"")), [])
        self.assertEqual(list(lede.read_jsonl(b"\n\n  \n")), [])

    def test_invalid_utf8_is_kept(self):
        data = b'{"id": 1, "text": "Caf\xe9 closed. It was old."}\n'
        r, = lede.read_jsonl(data)
        self.assertEqual(r.data, b"Caf\xe9 closed. It was old.")
        self.assertEqual(self.line(r), run_lede("--jsonl", "-", input=data).decode().strip())


class Lazy(unittest.TestCase):
    """A Summary reads its fields from the C summary when first asked for:
    the values do not depend on what was asked first."""

    def test_any_order(self):
        with open(os.path.join(DATA, "sample-article.txt"), encoding="utf-8") as f:
            text = f.read() + "\nCaf\u00e9 owners said the pier would reopen in May."
        names = ("kicker", "headline", "keyphrases", "text", "repaired")

        def fields(s, order):
            got = {n: getattr(s, n) for n in order}
            got["sentences"] = [(x.text, x.index, x.start, x.end, x.score) for x in s.sentences]
            return got

        first = lede.summarize(text, keyphrases=4)
        j = first.to_json("a")
        a = fields(first, names)
        b_sum = lede.summarize(text, keyphrases=4)
        b = fields(b_sum, names[::-1])
        self.assertEqual(a, b)
        # reading the fields changes nothing to_json writes, nor a second read
        self.assertEqual(b_sum.to_json("a"), j)
        self.assertEqual(fields(b_sum, names), b)
        o = json.loads(j)
        self.assertEqual(a["kicker"], o["kicker"])
        self.assertEqual(a["headline"], o["headline"])
        self.assertEqual([x[0] for x in a["sentences"]], o["summary"])
        self.assertEqual([x[1] for x in a["sentences"]], [x["index"] for x in o["sentences"]])
        self.assertEqual(a["keyphrases"], o["keyphrases"])
        # ids: str, bytes of JSON text, other values
        self.assertEqual(first.to_json("\u00e9\""), first.to_json(id_json='"\u00e9\\""'))
        self.assertEqual(first.to_json(7), first.to_json(id_json=b"7"))
        self.assertEqual(first.to_json(), first.to_json(None))

    def test_summarizer_and_module_agree(self):
        recs = records(os.path.join(DATA, "eval-dataset.jsonl"))
        sz = lede.Summarizer()
        for r in recs:
            self.assertEqual(sz.summarize(r["text"]).to_json(1),
                             lede.summarize(r["text"]).to_json(1))
            self.assertEqual(sz.summarize(r["text"], 3, keyphrases=0).to_json(1),
                             lede.summarize(r["text"], sentences=3).to_json(1))


class Rouge(unittest.TestCase):
    def test_rouge_equals_lede_eval(self):
        pred, ref = os.path.join(DATA, "eval-pred.jsonl"), os.path.join(DATA, "eval-refs.jsonl")
        preds = {json.dumps(r["id"]): r.get("summary") for r in records(pred)}
        refs = records(ref)
        for stem, flag in ((True, []), (False, ["--no-stem"])):
            out = run_lede("eval", "--predictions", pred, "--references", ref,
                           "--format", "jsonl", *flag).decode().splitlines()
            for r, line in zip(refs, out):
                want = json.loads(line)
                got = lede.rouge(preds[json.dumps(r["id"])], r["references"], stem=stem)
                for m in ("rouge1", "rouge2", "rougeL", "rougeLsum"):
                    for k in ("precision", "recall", "fmeasure"):
                        self.assertAlmostEqual(got[m][k], want[m][k], places=12)
            agg = json.loads(run_lede("eval", "--predictions", pred, "--references", ref,
                                      "--format", "json", *flag))
            ev = lede.evaluate([preds[json.dumps(r["id"])] for r in refs],
                               [r["references"] for r in refs], stem=stem)
            self.assertEqual(ev["items"], agg["items"])
            for m in ("rouge1", "rouge2", "rougeL", "rougeLsum"):
                for k in ("precision", "recall", "fmeasure"):
                    for q in ("mean", "low", "high"):
                        self.assertAlmostEqual(ev[m][k][q], agg[m][k][q], places=12)

    def test_rouge_values(self):
        r = lede.rouge("the cat sat on the mat", "the cat sat on the mat")
        self.assertEqual(r["rouge1"]["fmeasure"], 1.0)
        r = lede.rouge("running dogs", ["the dog runs"], stem=True)
        self.assertGreater(r["rouge1"]["recall"], 0)
        self.assertEqual(lede.rouge("running dogs", ["the dog runs"], stem=False)["rouge1"]
                         ["recall"], 0)
        with self.assertRaises(ValueError):
            lede.rouge("x", [])


class Models(unittest.TestCase):
    def test_default_model(self):
        m = lede.Model()
        self.assertGreater(m.n_docs, 0)
        self.assertGreater(m.n_terms, 0)
        self.assertIn("tokenizer_version", m.provenance)
        self.assertEqual(m.dump(), run_lede("corpus", "dump").decode())

    def test_builder_equals_corpus_build(self):
        with tempfile.TemporaryDirectory() as d:
            src = os.path.join(DATA, "eval-dataset.jsonl")
            cli_out, py_out = os.path.join(d, "cli.ldf"), os.path.join(d, "py.ldf")
            run_lede("corpus", "build", "-o", cli_out, src)
            b = lede.ModelBuilder()
            b.add_path(src)
            self.assertEqual(b.n_docs, len(records(src)))
            b.write(py_out)
            with open(cli_out, "rb") as a, open(py_out, "rb") as c:
                self.assertEqual(a.read(), c.read())
            m = lede.Model(py_out)
            self.assertEqual(m.n_docs, b.n_docs)
            self.assertEqual(m.dump("json"), run_lede("corpus", "dump", "--format", "json",
                                                      py_out).decode())
            with self.assertRaises(lede.Error):
                b.add_path(os.path.join(d, "missing.jsonl"))

    def test_add_jsonl(self):
        src = os.path.join(DATA, "eval-dataset.jsonl")
        with tempfile.TemporaryDirectory() as d:
            a, b = lede.ModelBuilder(), lede.ModelBuilder()
            a.add_path(src)
            with open(src, "rb") as f:
                b.add_jsonl(f.read())
            b.add_source(os.path.basename(src))
            self.assertEqual(a.n_docs, b.n_docs)
            a.write(os.path.join(d, "a.ldf"))
            b.write(os.path.join(d, "b.ldf"))
            self.assertEqual(lede.Model(os.path.join(d, "a.ldf")).dump("json"),
                             lede.Model(os.path.join(d, "b.ldf")).dump("json"))
        with self.assertRaises(lede.Error) as c:
            lede.ModelBuilder().add_jsonl('{"text": "fine"}\n\n{"text": 5}\n')
        self.assertEqual(str(c.exception), 'line 3: not a JSON object with a "text" string')

    def test_partials_merge_exactly(self):
        src = os.path.join(DATA, "eval-dataset.jsonl")
        texts = [r["text"] for r in records(src)]
        with source_date_epoch():
            with tempfile.TemporaryDirectory() as d:
                whole = os.path.join(d, "whole.ldf")
                run_lede("corpus", "build", "-o", whole, src)
                parts = []
                for k, chunk in enumerate((texts[:1], texts[1:])):
                    b = lede.ModelBuilder()
                    for t in chunk:
                        b.add_document(t)
                    b.add_source(os.path.basename(src))
                    parts.append(os.path.join(d, "part%d.ldf" % k))
                    b.write(parts[-1], partial=True)
                    self.assertTrue(lede.Model(parts[-1]).partial)
                merged = lede.ModelBuilder()
                for p in reversed(parts):
                    merged.merge(lede.Model(p))
                out = os.path.join(d, "merged.ldf")
                merged.write(out)
                self.assertFalse(lede.Model(out).partial)
                with open(whole, "rb") as a, open(out, "rb") as c:
                    self.assertEqual(a.read(), c.read())


if __name__ == "__main__":
    unittest.main(verbosity=2)
