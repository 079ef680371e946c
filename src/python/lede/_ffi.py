"""The C declarations lede's Python module calls, and the loaded libraries.

cffi's ABI mode: nothing is compiled; the declarations below mirror
src/lede.h (tests/test_python.py checks that every function named here is one
the header declares) and are bound to the shared library at import time.
"""
import ctypes.util
import os

import cffi

ffi = cffi.FFI()
ffi.cdef("""
typedef int gboolean;
typedef uint32_t GQuark;
typedef struct { GQuark domain; int code; char *message; } GError;
void g_error_free(GError *error);
void g_free(void *mem);

GQuark lede_error_quark(void);
const char *lede_version(void);

typedef struct lede_model lede_model;
lede_model *lede_model_open(const char *path, GError **error);
lede_model *lede_model_open_default(GError **error);
void lede_model_free(lede_model *model);
uint64_t lede_model_n_docs(const lede_model *model);
uint64_t lede_model_n_terms(const lede_model *model);
uint64_t lede_model_df(const lede_model *model, const char *term, ssize_t len);
double lede_model_idf(const lede_model *model, const char *term, ssize_t len);
const char *lede_model_provenance(const lede_model *model);
char *lede_model_dump_to_string(const lede_model *model, int format, size_t *len,
                                GError **error);

typedef struct lede_model_builder lede_model_builder;
lede_model_builder *lede_model_builder_new(void);
void lede_model_builder_free(lede_model_builder *builder);
void lede_model_builder_add_document(lede_model_builder *builder, const char *text, size_t len);
gboolean lede_model_builder_add_path(lede_model_builder *builder, const char *path,
                                     GError **error);
gboolean lede_model_builder_merge(lede_model_builder *builder, const lede_model *model,
                                  GError **error);
void lede_model_builder_add_source(lede_model_builder *builder, const char *name);
gboolean lede_model_is_partial(const lede_model *model);
gboolean lede_model_builder_write_partial(lede_model_builder *builder, const char *path,
                                          GError **error);
uint64_t lede_model_builder_n_docs(const lede_model_builder *builder);
gboolean lede_model_builder_write(lede_model_builder *builder, const char *path,
                                  GError **error);

typedef struct lede_doc lede_doc;
lede_doc *lede_doc_new(const char *text, size_t len, GError **error);
void lede_doc_free(lede_doc *doc);
const char *lede_doc_text(const lede_doc *doc, size_t *len);
gboolean lede_doc_was_repaired(const lede_doc *doc);
void lede_doc_sentence(const lede_doc *doc, size_t i, size_t *start, size_t *end);

typedef struct {
	unsigned version;
	int limit;
	unsigned limit_value;
	gboolean explain;
	gboolean want_kicker;
	gboolean want_headline;
	unsigned headline_max;
	unsigned n_keyphrases;
} lede_options;
gboolean lede_options_init(lede_options *options, unsigned version, GError **error);

typedef struct lede_summarizer lede_summarizer;
lede_summarizer *lede_summarizer_new(const lede_model *model, const char *weights_path,
                                     GError **error);
void lede_summarizer_free(lede_summarizer *summarizer);
typedef struct lede_summary lede_summary;
lede_summary *lede_summarize(lede_summarizer *summarizer, const lede_doc *doc,
                             const lede_options *options, GError **error);
void lede_summary_free(lede_summary *summary);
size_t lede_summary_n_sentences(const lede_summary *summary);
size_t lede_summary_sentence_index(const lede_summary *summary, size_t i);
double lede_summary_sentence_score(const lede_summary *summary, size_t i);
const char *lede_summary_kicker(const lede_summary *summary);
const char *lede_summary_headline(const lede_summary *summary);
size_t lede_summary_n_keyphrases(const lede_summary *summary);
const char *lede_summary_keyphrase(const lede_summary *summary, size_t i);
char *lede_summary_to_json(const lede_summary *summary, const char *id_json, gboolean pretty);
char *lede_summary_to_text(const lede_summary *summary);

typedef struct { double precision, recall, fmeasure; } lede_rouge_prf;
typedef struct { lede_rouge_prf rouge1, rouge2, rougeL, rougeLsum; } lede_rouge_scores;
typedef struct lede_rouge lede_rouge;
lede_rouge *lede_rouge_new(unsigned flags);
void lede_rouge_free(lede_rouge *rouge);
void lede_rouge_score(lede_rouge *rouge, const char *prediction,
                      const char *const *references, size_t n_refs, lede_rouge_scores *out);
void lede_bootstrap_ci(const double *values, size_t n, unsigned resamples, uint64_t seed,
                       double *mean, double *lo, double *hi);
""")

# The struct version this module was written for (LEDE_OPTIONS_VERSION).
OPTIONS_VERSION = 1
# The major version of the C API these declarations follow.
API_MAJOR = 0


def _library_path():
    # LEDE_LIBRARY: the build tree's library for the test suite, or any
    # other; then the one meson installed beside this module; then the
    # dynamic linker's search.
    env = os.environ.get("LEDE_LIBRARY")
    if env:
        return env
    try:
        from . import _paths
        installed = os.path.join(_paths.LIBDIR, "liblede.so.0")
        if os.path.exists(installed):
            return installed
    except ImportError:
        pass
    return ctypes.util.find_library("lede") or "liblede.so.0"


LIBRARY_PATH = _library_path()
lib = ffi.dlopen(LIBRARY_PATH)
# g_free and g_error_free from the GLib liblede itself links.
glib = ffi.dlopen(ctypes.util.find_library("glib-2.0") or "libglib-2.0.so.0")
