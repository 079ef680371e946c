"""The C declarations lede's Python module calls: src/lede.h's, as cffi
reads them (tests/python/test_lede.py checks that each is the header's).

Parsing them takes pycparser about 0.1 s, a Python process's start-up
several times over, so meson parses them once, at build time
(src/python/gen-cdata.py), into lede/_cdata.py: cffi's out-of-line ABI
mode, still nothing compiled. Without that file (the source tree)
lede._ffi parses them at import.
"""

CDEF = """
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
gboolean lede_model_builder_add_jsonl(lede_model_builder *builder, const char *data, size_t len,
                                      GError **error);
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
lede_summary *lede_summarize_text(lede_summarizer *summarizer, const char *text, size_t len,
                                  const lede_options *options, GError **error);
const lede_doc *lede_summary_doc(const lede_summary *summary);
size_t lede_summary_n_sentences(const lede_summary *summary);
size_t lede_summary_sentence_index(const lede_summary *summary, size_t i);
double lede_summary_sentence_score(const lede_summary *summary, size_t i);
const char *lede_summary_kicker(const lede_summary *summary);
const char *lede_summary_headline(const lede_summary *summary);
size_t lede_summary_n_keyphrases(const lede_summary *summary);
const char *lede_summary_keyphrase(const lede_summary *summary, size_t i);
char *lede_summary_to_json(const lede_summary *summary, const char *id_json, gboolean pretty);
char *lede_summary_to_text(const lede_summary *summary);

typedef struct {
	unsigned lineno;
	const char *id_json;
	const char *text;
	size_t text_len;
	gboolean html;
	const char *error;
} lede_jsonl_record;
typedef struct lede_jsonl_reader lede_jsonl_reader;
lede_jsonl_reader *lede_jsonl_reader_new(const char *data, size_t len, unsigned first_lineno);
void lede_jsonl_reader_free(lede_jsonl_reader *reader);
gboolean lede_jsonl_reader_next(lede_jsonl_reader *reader, lede_jsonl_record *record);

typedef struct { double precision, recall, fmeasure; } lede_rouge_prf;
typedef struct { lede_rouge_prf rouge1, rouge2, rougeL, rougeLsum; } lede_rouge_scores;
typedef struct lede_rouge lede_rouge;
lede_rouge *lede_rouge_new(unsigned flags);
void lede_rouge_free(lede_rouge *rouge);
void lede_rouge_score(lede_rouge *rouge, const char *prediction,
                      const char *const *references, size_t n_refs, lede_rouge_scores *out);
void lede_bootstrap_ci(const double *values, size_t n, unsigned resamples, uint64_t seed,
                       double *mean, double *lo, double *hi);
"""
