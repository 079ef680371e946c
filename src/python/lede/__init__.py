"""lede: extractive summaries, headlines and kickers for news text.

A Python module over the C library liblede (cffi, ABI mode: nothing to
compile). It gives the same results as the ``lede`` command, byte for byte:
``lede.summarize(text).to_json(id)`` is the line ``lede --jsonl`` writes.

    >>> import lede
    >>> s = lede.summarize(text, sentences=2)
    >>> s.kicker, s.headline, [x.text for x in s.sentences]
    >>> lede.rouge(prediction, [reference])["rouge1"]["fmeasure"]
    >>> for r in lede.read_jsonl("articles.jsonl"):   # the CLI's reader, in C
    ...     print(lede.summarize(r.data).to_json(id_json=r.id_json))

Threads: liblede's summarizers are not thread-safe, its models are (read
only). ``lede.summarize`` and ``lede.rouge`` keep one summarizer (and one
scorer) per thread, so any number of threads may call them at once, and the
C code runs without the GIL. A ``Summarizer`` you make yourself holds a lock:
shared between threads it is safe but serialises them; make one per thread
to run in parallel. ``Model`` objects may be shared freely.

The library is found through the environment variable LEDE_LIBRARY (a path
to liblede.so), else where ``meson install`` put it, else by the dynamic
linker.
"""
import json
# _thread, not threading: the same lock and thread-local types, without
# threading.py's import (0.0015 s of CPU, a tenth of import lede)
import _thread
from operator import itemgetter as _itemgetter

from ._ffi import ffi, lib, glib, OPTIONS_VERSION, LIBRARY_PATH

__all__ = ["Error", "Model", "ModelBuilder", "Summarizer", "Summary", "Sentence",
           "summarize", "read_jsonl", "Record", "rouge", "evaluate", "version", "__version__"]

# LEDE_ERROR codes (lede_error_code in lede.h)
ERROR_FAILED, ERROR_IO, ERROR_BINARY, ERROR_INVALID, ERROR_MODEL_VERSION, \
    ERROR_MODEL_CORRUPT = range(6)

# lede_limit
_LIMIT_SENTENCES, _LIMIT_WORDS, _LIMIT_CHARS, _LIMIT_RATIO = range(4)
# lede_rouge_flags
_ROUGE_STEM, _ROUGE_UNICODE = 1, 2
# lede eval's seed and default resamples: lede.evaluate gives its intervals.
_EVAL_SEED = 0x1EDE5EED
_EVAL_RESAMPLES = 1000

_METRICS = ("rouge1", "rouge2", "rougeL", "rougeLsum")
# json.dumps with these arguments makes an encoder a call
_encode_id = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode
# ... which for a str is this (the C encoder json.dumps uses)
_encode_str = json.encoder.encode_basestring
_KINDS = ("precision", "recall", "fmeasure")


def version():
    """The version of the liblede in use ("MAJOR.MINOR.MICRO")."""
    return ffi.string(lib.lede_version()).decode()


__version__ = version()
if __version__.split(".")[0] != "0":
    raise ImportError("lede: %s is liblede %s; this module needs 0.x" % (LIBRARY_PATH,
                                                                          __version__))


class Error(Exception):
    """A failure liblede reported; str(e) is its message, e.code its
    lede_error_code (lede.ERROR_IO, lede.ERROR_INVALID, ...)."""

    def __init__(self, message, code=ERROR_FAILED):
        super().__init__(message)
        self.code = code


def _raise(err, what=None):
    e = err[0]
    if e == ffi.NULL:
        raise Error(what or "failed")
    message = ffi.string(e.message).decode("utf-8", "replace")
    code = e.code if e.domain == lib.lede_error_quark() else ERROR_FAILED
    glib.g_error_free(e)
    err[0] = ffi.NULL
    raise Error("%s: %s" % (what, message) if what else message, code)


def _utf8(text):
    if isinstance(text, bytes):
        return text
    if not isinstance(text, str):
        raise TypeError("expected str or bytes, not %s" % type(text).__name__)
    # Lone surrogates go through as their bytes; lede replaces them with
    # U+FFFD as it does any invalid UTF-8.
    return text.encode("utf-8", "surrogatepass")


def _path(p):
    import os
    return os.fsencode(p)


def _take_string(ptr):
    """A g_malloc'd C string as str, freed."""
    if ptr == ffi.NULL:
        return None
    try:
        return ffi.string(ptr).decode()
    finally:
        glib.g_free(ptr)


class Model:
    """A background model (document frequencies): path=None is the model
    compiled into the library. Read only, shared freely between threads."""

    def __init__(self, path=None):
        err = ffi.new("GError **")
        if path is None:
            p = lib.lede_model_open_default(err)
        else:
            p = lib.lede_model_open(_path(path), err)
        if p == ffi.NULL:
            _raise(err, None if path is None else str(path))
        self._ptr = ffi.gc(p, lib.lede_model_free)
        self.path = path

    @property
    def n_docs(self):
        return lib.lede_model_n_docs(self._ptr)

    @property
    def n_terms(self):
        return lib.lede_model_n_terms(self._ptr)

    @property
    def partial(self):
        """True for a partial model (ModelBuilder.write(partial=True))."""
        return bool(lib.lede_model_is_partial(self._ptr))

    @property
    def provenance(self):
        return json.loads(ffi.string(lib.lede_model_provenance(self._ptr)).decode())

    def df(self, term):
        """Document frequency of a normalised, stemmed term (0 when unknown)."""
        b = _utf8(term)
        return lib.lede_model_df(self._ptr, b, len(b))

    def idf(self, term):
        b = _utf8(term)
        return lib.lede_model_idf(self._ptr, b, len(b))

    def dump(self, format="text"):
        """The model as `lede corpus dump` prints it (format "text" or "json")."""
        fmt = {"text": 0, "json": 1}[format]
        err = ffi.new("GError **")
        n = ffi.new("size_t *")
        s = lib.lede_model_dump_to_string(self._ptr, fmt, n, err)
        if s == ffi.NULL:
            _raise(err)
        try:
            return ffi.unpack(s, n[0]).decode()
        finally:
            glib.g_free(s)


class ModelBuilder:
    """Counts documents into a model, as `lede corpus build` does. For a
    map-reduce build, each part writes a partial (write(path, partial=True))
    and the partials are merged (merge(Model(part))): exactly, in any
    order, giving the bytes one builder over all the documents writes."""

    def __init__(self):
        self._ptr = ffi.gc(lib.lede_model_builder_new(), lib.lede_model_builder_free)

    def add_document(self, text):
        b = _utf8(text)
        lib.lede_model_builder_add_document(self._ptr, b, len(b))

    def add_path(self, path):
        err = ffi.new("GError **")
        if not lib.lede_model_builder_add_path(self._ptr, _path(path), err):
            _raise(err, str(path))

    def add_jsonl(self, data):
        """Counts the "text" of each line of JSON Lines data (bytes or str),
        parsed in C as `lede corpus build` reads a .jsonl file; a bad line
        raises lede.Error ("line N: ..."), the lines before it counted."""
        b = _utf8(data)
        err = ffi.new("GError **")
        if not lib.lede_model_builder_add_jsonl(self._ptr, b, len(b), err):
            _raise(err)

    def add_source(self, name):
        """Records the documents add_document counted since the last source
        as one source called name (the provenance's "sources")."""
        lib.lede_model_builder_add_source(self._ptr, _utf8(name))

    def merge(self, model):
        err = ffi.new("GError **")
        if not lib.lede_model_builder_merge(self._ptr, model._ptr, err):
            _raise(err)

    @property
    def n_docs(self):
        return lib.lede_model_builder_n_docs(self._ptr)

    def write(self, path, partial=False):
        """Writes the model file atomically; partial=True writes a partial
        model for merging (never pruned)."""
        err = ffi.new("GError **")
        write = lib.lede_model_builder_write_partial if partial else lib.lede_model_builder_write
        if not write(self._ptr, _path(path), err):
            _raise(err, str(path))


class Sentence:
    """A sentence of the summary: its text, its index among the document's
    sentences, its [start, end) offsets in characters into Summary.text,
    and its score."""

    __slots__ = ("text", "index", "start", "end", "score")

    def __init__(self, text, index, start, end, score):
        self.text, self.index, self.start, self.end, self.score = text, index, start, end, score

    def __repr__(self):
        return "Sentence(index=%d, start=%d, end=%d, score=%.4f, text=%r)" % (
            self.index, self.start, self.end, self.score, self.text)


class Summary:
    """What lede.summarize returns.

    kicker      upper-case label without the colon, or None
    headline    str, or None where lede gives none
    sentences   list of Sentence, in document order
    keyphrases  list of str (as many as asked with keyphrases=N)
    text        the document as lede read it (the input, less a leading BOM,
                invalid UTF-8 replaced by U+FFFD); offsets refer to it
    repaired    True when invalid UTF-8 was replaced

    Each is read from the C summary when first asked for: a caller that
    wants only to_json() pays for none of them.
    """

    __slots__ = ("_sum", "_kicker", "_headline", "_sentences", "_keyphrases", "_text")

    def __init__(self, summary):
        # Owns the lede_summary, which owns its lede_doc
        # (lede_summarize_text): one call frees both.
        self._sum = summary
        self._kicker = self._headline = self._sentences = self._keyphrases = None
        self._text = None

    def __del__(self):
        s = self._sum
        if s is not None:
            self._sum = None
            lib.lede_summary_free(s)

    @property
    def _doc(self):
        return lib.lede_summary_doc(self._sum)

    @property
    def kicker(self):
        if self._kicker is None:
            k = lib.lede_summary_kicker(self._sum)
            self._kicker = (None if k == ffi.NULL else ffi.string(k).decode(),)
        return self._kicker[0]

    @property
    def headline(self):
        if self._headline is None:
            h = lib.lede_summary_headline(self._sum)
            self._headline = (None if h == ffi.NULL else ffi.string(h).decode(),)
        return self._headline[0]

    @property
    def keyphrases(self):
        if self._keyphrases is None:
            s = self._sum
            self._keyphrases = [ffi.string(lib.lede_summary_keyphrase(s, i)).decode()
                                for i in range(lib.lede_summary_n_keyphrases(s))]
        return self._keyphrases

    def _raw(self):
        if self._text is None:
            n = ffi.new("size_t *")
            raw = ffi.unpack(lib.lede_doc_text(self._doc, n), n[0])
            self._text = (raw, raw.decode())
        return self._text

    @property
    def text(self):
        return self._raw()[1]

    @property
    def repaired(self):
        return bool(lib.lede_doc_was_repaired(self._doc))

    @property
    def sentences(self):
        if self._sentences is None:
            s = self._sum
            d = lib.lede_summary_doc(s)
            raw, text = self._raw()
            ascii_only = len(raw) == len(text)
            start, end = ffi.new("size_t *"), ffi.new("size_t *")
            out = []
            for i in range(lib.lede_summary_n_sentences(s)):
                idx = lib.lede_summary_sentence_index(s, i)
                lib.lede_doc_sentence(d, idx, start, end)
                b0, b1 = start[0], end[0]
                if ascii_only:
                    c0, c1 = b0, b1
                else:
                    c0 = len(raw[:b0].decode())
                    c1 = c0 + len(raw[b0:b1].decode())
                out.append(Sentence(text[c0:c1], idx, c0, c1,
                                    lib.lede_summary_sentence_score(s, i)))
            self._sentences = out
        return self._sentences

    def to_json(self, id=None, *, id_json=None, pretty=False):
        """The JSON object `lede --format json` prints (one line, no newline),
        with "id" first when id (any JSON-serialisable value) or id_json (JSON
        text, str or UTF-8 bytes, put verbatim, as the CLI keeps a JSON Lines
        id: a Record's id_json) is given."""
        if id_json is None:
            if id is not None:
                id_json = _encode_str(id) if type(id) is str else _encode_id(id)
                ij = id_json.encode()
            else:
                ij = ffi.NULL
        else:
            ij = id_json.encode() if type(id_json) is str else id_json
        p = lib.lede_summary_to_json(self._sum, ij, bool(pretty))
        try:
            return ffi.string(p).decode()
        finally:
            glib.g_free(p)

    def to_text(self):
        """The text lede prints by default."""
        return _take_string(lib.lede_summary_to_text(self._sum))

    def __repr__(self):
        return "Summary(kicker=%r, headline=%r, sentences=%d)" % (
            self.kicker, self.headline, len(self.sentences))


class Summarizer:
    """A model, weights and the scratch memory reused between documents.
    Holds a lock: shared between threads it is safe but serial; make one
    per thread to summarize in parallel."""

    def __init__(self, model=None, weights=None):
        if model is None or isinstance(model, (str, bytes)) or hasattr(model, "__fspath__"):
            model = Model(model)
        self.model = model  # the C summarizer borrows it
        err = ffi.new("GError **")
        p = lib.lede_summarizer_new(model._ptr, ffi.NULL if weights is None else _path(weights),
                                    err)
        if p == ffi.NULL:
            _raise(err, None if weights is None else str(weights))
        self._ptr = ffi.gc(p, lib.lede_summarizer_free)
        self._lock = _thread.allocate_lock()
        self._err = ffi.new("GError **")

    def summarize(self, text, sentences=3, *, words=None, chars=None, ratio=None,
                  kicker=True, headline=True, headline_max=75, keyphrases=0):
        """Summarizes text (str, or UTF-8 bytes). One limit: sentences
        (default 3), or words, chars (code points) or ratio (percent of the
        document's words) in its place, as the CLI's --sentences, --words,
        --chars and --ratio. kicker/headline False leave them out (None);
        keyphrases=N keeps the N best. The defaults are the CLI's."""
        if sentences == 3 and (words, chars, ratio) != (None, None, None):
            sentences = None
        opts = _options(sentences, words, chars, ratio, kicker, headline, headline_max,
                        keyphrases)
        b = _utf8(text)
        with self._lock:
            return _run(self._ptr, b, opts, self._err)


def _run(sz, b, opts, err):
    # err is reused: written only on failure, read there
    s = lib.lede_summarize_text(sz, b, len(b), opts, err)
    if not s:
        _raise(err)
    return Summary(s)


def _limit_value(name, v, lo, hi):
    if isinstance(v, bool) or not isinstance(v, int):
        raise TypeError("%s must be an int" % name)
    if not lo <= v <= hi:
        raise ValueError("%s must be between %d and %d" % (name, lo, hi))
    return v


_options_cache = {}


def _options(sentences, words, chars, ratio, kicker, headline, headline_max, keyphrases):
    # the types too: 3.0 == 3 and True == 1 would find a cached struct
    # before the checks below refuse them
    key = (sentences, words, chars, ratio, bool(kicker), bool(headline), headline_max,
           keyphrases, type(sentences), type(words), type(chars), type(ratio),
           type(headline_max), type(keyphrases))
    o = _options_cache.get(key)
    if o is not None:
        return o
    given = [(n, v) for n, v in (("sentences", sentences), ("words", words),
                                 ("chars", chars), ("ratio", ratio)) if v is not None]
    if len(given) > 1:
        raise ValueError("sentences, words, chars and ratio exclude each other")
    o = ffi.new("lede_options *")
    err = ffi.new("GError **")
    if not lib.lede_options_init(o, OPTIONS_VERSION, err):
        _raise(err)
    # The CLI's bounds (src/cli/main.c), so that what it refuses is refused.
    if sentences is not None:
        o.limit_value = _limit_value("sentences", sentences, 1, 100000)
    elif words is not None:
        o.limit, o.limit_value = _LIMIT_WORDS, _limit_value("words", words, 1, 2**31 - 1)
    elif chars is not None:
        o.limit, o.limit_value = _LIMIT_CHARS, _limit_value("chars", chars, 1, 2**31 - 1)
    elif ratio is not None:
        o.limit, o.limit_value = _LIMIT_RATIO, _limit_value("ratio", ratio, 1, 100)
    o.want_kicker = bool(kicker)
    o.want_headline = bool(headline)
    o.headline_max = _limit_value("headline_max", headline_max, 8, 100000)
    o.n_keyphrases = _limit_value("keyphrases", keyphrases, 0, 1000)
    if len(_options_cache) < 64:
        _options_cache[key] = o
    return o


_default_options = _options(3, None, None, None, True, True, 75, 0)

_local = _thread._local()
_default_model = None
_default_model_lock = _thread.allocate_lock()


def _thread_summarizer():
    sz = getattr(_local, "summarizer", None)
    if sz is None:
        global _default_model
        with _default_model_lock:
            if _default_model is None:
                _default_model = Model()
        sz = _local.summarizer = Summarizer(_default_model)
        # what lede.summarize calls with: only this thread uses them, so
        # without the Summarizer's lock
        _local.run = (sz._ptr, sz._err)
    return sz


def summarize(text, sentences=3, **kw):
    """Summarizes text with the built-in model and weights; see
    Summarizer.summarize for the options. Thread-safe: each thread has its
    own summarizer over one shared model."""
    try:
        sz, err = _local.run
    except AttributeError:
        _thread_summarizer()
        sz, err = _local.run
    if kw or sentences != 3 or type(sentences) is not int:
        return _local.summarizer.summarize(text, sentences, **kw)
    t = type(text)
    b = text if t is bytes else text.encode("utf-8", "surrogatepass") if t is str else \
        _utf8(text)
    s = lib.lede_summarize_text(sz, b, len(b), _default_options, err)
    if not s:
        _raise(err)
    return Summary(s)


class Record(tuple):
    """A line of JSON Lines as lede --jsonl reads it (lede.read_jsonl).

    lineno   its line number (from 1)
    id_json  the "id" value's JSON text as written, or the line number:
             to_json(id_json=r.id_json) writes the id the CLI writes
    id       that value (json.loads(id_json))
    data     the "text" string as UTF-8 bytes (the "html" one when there is
             one), or None when error; lede.summarize(r.data) is summarized
             from exactly the bytes the CLI summarizes
    text     data as str (invalid UTF-8 replaced by U+FFFD), made each time
             it is asked for
    html     True when data is an "html" value, which the CLI extracts an
             article from first (the module does not: summarize it with the CLI)
    error    None, or the message lede --jsonl writes for the line in its
             {"id", "error"} line ("invalid JSON", "no \"text\" key", ...)
    """

    # a tuple (lineno, id_json, data, html, error): made in C, no __init__ to run
    __slots__ = ()
    lineno = property(_itemgetter(0))
    id_json = property(_itemgetter(1))
    data = property(_itemgetter(2))
    html = property(_itemgetter(3))
    error = property(_itemgetter(4))

    def __new__(cls, lineno, id_json, data, html=False, error=None):
        return tuple.__new__(cls, (lineno, id_json, data, html, error))

    @property
    def id(self):
        return json.loads(self.id_json)

    @property
    def text(self):
        d = self[2]
        return None if d is None else d.decode("utf-8", "replace")

    def __repr__(self):
        return "Record(lineno=%d, id_json=%r, %s)" % (
            self.lineno, self.id_json,
            "error=%r" % self.error if self.error else "%d bytes" % len(self.data))


def _records(data, n, lineno, last):
    """The records of the first n bytes of data (bytes, or a cffi buffer)
    whose first line is lineno; last[0] is set to the number of its last
    line."""
    r = ffi.gc(lib.lede_jsonl_reader_new(data, n, lineno), lib.lede_jsonl_reader_free)
    rec = ffi.new("lede_jsonl_record *")
    next_, string, unpack = lib.lede_jsonl_reader_next, ffi.string, ffi.unpack
    make = tuple.__new__
    while next_(r, rec):
        t = rec.text
        if t:
            yield make(Record, (rec.lineno, string(rec.id_json).decode(), unpack(t, rec.text_len),
                                rec.html != 0, None))
        else:
            yield make(Record, (rec.lineno, string(rec.id_json).decode(), None, False,
                                string(rec.error).decode()))
    last[0] = rec.lineno


def read_jsonl(source, block_size=1 << 20):
    """The records (lede.Record) of JSON Lines, read as lede --jsonl reads
    them, by the library's C reader: a path, a binary file object, or bytes.
    A file is read into a buffer of block_size bytes, reused (a longer line
    grows it). The loop the CLI runs:

        for r in lede.read_jsonl(path):
            if r.error:   # the CLI writes '{"id":ID,"error":MESSAGE}'
                ...
            else:
                print(lede.summarize(r.data).to_json(id_json=r.id_json))
    """
    last = [0]
    if isinstance(source, (bytes, bytearray, memoryview)):
        data = bytes(source)
        yield from _records(data, len(data), 1, last)
        return
    if isinstance(source, str) or hasattr(source, "__fspath__"):
        with open(source, "rb", buffering=0) as f:
            yield from read_jsonl(f, block_size)
        return
    buf = bytearray(max(int(block_size), 1))
    view = memoryview(buf)
    lineno, fill = 1, 0
    while True:
        got = source.readinto(view[fill:])
        if got:
            fill += got
            cut = buf.rfind(b"\n", 0, fill) + 1
            if not cut:  # no line end yet: read on, growing the buffer when full
                if fill == len(buf):
                    view.release()
                    buf.extend(bytes(len(buf)))
                    view = memoryview(buf)
                continue
        else:  # the end: a last line without its line end
            cut = fill
            if not cut:
                break
        data = ffi.from_buffer(view)
        yield from _records(data, cut, lineno, last)
        ffi.release(data)
        lineno = last[0] + 1
        if not got:
            break
        tail = bytes(view[cut:fill])
        view[:len(tail)] = tail
        fill = len(tail)


def _scorer(flags):
    cache = getattr(_local, "rouge", None)
    if cache is None:
        cache = _local.rouge = {}
    r = cache.get(flags)
    if r is None:
        r = cache[flags] = ffi.gc(lib.lede_rouge_new(flags), lib.lede_rouge_free)
    return r


def _prediction_text(p):
    if p is None:
        return b""
    if isinstance(p, (list, tuple)):
        return "\n".join(p).encode("utf-8", "surrogatepass")
    return _utf8(p)


def _scores(prediction, references, stem, tokenizer):
    if isinstance(references, (str, bytes)):
        references = [references]
    if not references:
        raise ValueError("at least one reference is needed")
    if tokenizer not in ("rouge", "unicode"):
        raise ValueError('tokenizer must be "rouge" or "unicode"')
    flags = (_ROUGE_STEM if stem else 0) | (_ROUGE_UNICODE if tokenizer == "unicode" else 0)
    keep = [ffi.new("char[]", _prediction_text(r)) for r in references]
    refs = ffi.new("const char *[]", keep)
    out = ffi.new("lede_rouge_scores *")
    lib.lede_rouge_score(_scorer(flags), ffi.new("char[]", _prediction_text(prediction)),
                         refs, len(keep), out)
    return out


def rouge(prediction, references, stem=True, tokenizer="rouge"):
    """ROUGE-1, -2, -L and -Lsum of prediction against references (a str or
    a list of str; per metric the best reference counts), as rouge_score
    computes them: {"rouge1": {"precision", "recall", "fmeasure"}, ...}.
    A prediction given as a list is its sentences (joined by newlines, for
    ROUGE-Lsum). tokenizer="unicode" is lede eval's --tokenize unicode."""
    out = _scores(prediction, references, stem, tokenizer)
    return {m: {k: getattr(getattr(out, m), k) for k in _KINDS} for m in _METRICS}


def evaluate(predictions, references, stem=True, tokenizer="rouge",
             resamples=_EVAL_RESAMPLES):
    """Scores a system as `lede eval --format json` does: for each metric
    and kind, the mean over the items and its 95% percentile bootstrap
    interval (lede eval's fixed seed: the same numbers). predictions[i] is a
    str or a list of sentences; references[i] a str or a list of
    references. Returns {"items", "resamples", "rouge1": {"precision":
    {"mean", "low", "high"}, ...}, ...}."""
    predictions, references = list(predictions), list(references)
    if len(predictions) != len(references):
        raise ValueError("%d predictions for %d references" % (len(predictions),
                                                                len(references)))
    resamples = _limit_value("resamples", resamples, 1, 1000000)
    n = len(predictions)
    cols = {(m, k): ffi.new("double[]", max(n, 1)) for m in _METRICS for k in _KINDS}
    for i, (p, r) in enumerate(zip(predictions, references)):
        out = _scores(p, r, stem, tokenizer)
        for m in _METRICS:
            prf = getattr(out, m)
            for k in _KINDS:
                cols[m, k][i] = getattr(prf, k)
    result = {"items": n, "resamples": resamples, "stemmed": bool(stem),
              "tokenizer": tokenizer}
    mean, lo, hi = ffi.new("double *"), ffi.new("double *"), ffi.new("double *")
    for m in _METRICS:
        result[m] = {}
        for k in _KINDS:
            lib.lede_bootstrap_ci(cols[m, k], n, resamples, _EVAL_SEED, mean, lo, hi)
            result[m][k] = {"mean": mean[0], "low": lo[0], "high": hi[0]}
    return result
