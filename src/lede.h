/* lede — extractive summaries, headlines and kickers for news text.
 *
 * One public header. Every type is opaque except the options structs, which
 * carry a version field so they can grow (initialise them with the matching
 * *_init function, passing the header's *_VERSION). Every fallible call
 * reports through a GError in the LEDE_ERROR domain and returns NULL/FALSE;
 * nothing prints or aborts.
 *
 * Ownership: a function named lede_*_new, _open or _to_* returns something the caller
 * frees with the matching *_free (or g_free for strings). Getters return
 * borrowed pointers valid while their owner lives. A lede_summary borrows its
 * lede_doc, which must outlive it. Objects are not thread-safe; use one
 * lede_summarizer per thread (a lede_model may be shared read-only).
 */
#ifndef LEDE_H
#define LEDE_H

#include <glib.h>
#include <stdio.h>
#include <string.h>

G_BEGIN_DECLS

/* What the shared library exports: this header's functions and nothing
 * else (it is built with hidden visibility). */
#if defined(__GNUC__) || defined(__clang__)
#define LEDE_API __attribute__((visibility("default")))
#else
#define LEDE_API
#endif

/* ---- errors and version ------------------------------------------------ */

#define LEDE_ERROR (lede_error_quark())
LEDE_API GQuark lede_error_quark(void);

typedef enum {
	LEDE_ERROR_FAILED,        /* anything not below */
	LEDE_ERROR_IO,            /* reading or writing a file failed */
	LEDE_ERROR_BINARY,        /* input contains NUL bytes */
	LEDE_ERROR_INVALID,       /* malformed input (bad JSON, bad argument) */
	LEDE_ERROR_MODEL_VERSION, /* model built by another format/tokenizer version */
	LEDE_ERROR_MODEL_CORRUPT, /* model truncated or damaged */
} lede_error_code;

/* The version of this header. lede_version() gives the library's, which a
 * program that loads the library at run time (bindings) should compare. */
#define LEDE_VERSION_MAJOR 0
#define LEDE_VERSION_MINOR 1
#define LEDE_VERSION_MICRO 0
/* True when this header is version major.minor.micro or later. */
#define LEDE_CHECK_VERSION(major, minor, micro)                                                    \
	(LEDE_VERSION_MAJOR > (major) ||                                                           \
	 (LEDE_VERSION_MAJOR == (major) && LEDE_VERSION_MINOR > (minor)) ||                        \
	 (LEDE_VERSION_MAJOR == (major) && LEDE_VERSION_MINOR == (minor) &&                        \
	  LEDE_VERSION_MICRO >= (micro)))

/* "MAJOR.MINOR.MICRO" of the library in use. */
LEDE_API const char *lede_version(void);

/* ---- background model (document frequencies) -------------------------- */

typedef struct lede_model lede_model;

/* Maps the model file read-only; nothing is parsed beyond the header. */
LEDE_API lede_model *lede_model_open(const char *path, GError **error);
/* The model compiled into the library (built from corpus/, see corpus/README.md). */
LEDE_API lede_model *lede_model_open_default(GError **error);
LEDE_API void lede_model_free(lede_model *model);

LEDE_API guint64 lede_model_n_docs(const lede_model *model);
LEDE_API guint64 lede_model_n_terms(const lede_model *model);
/* Document frequency of a normalised, stemmed term (as the tokenizer makes
 * them); 0 when unknown. len < 0 means NUL-terminated. */
LEDE_API guint64 lede_model_df(const lede_model *model, const char *term, gssize len);
/* Smoothed inverse document frequency: log((N + 1) / (df + 1)) + 1. */
LEDE_API double lede_model_idf(const lede_model *model, const char *term, gssize len);
/* Provenance as a JSON object text: sources, date, tokenizer version. */
LEDE_API const char *lede_model_provenance(const lede_model *model);

typedef enum {
	LEDE_DUMP_TEXT, /* header lines, then "term<TAB>df" sorted by term */
	LEDE_DUMP_JSON, /* {"docs":..,"terms":..,"provenance":{..},"df":{term:df,..}} */
} lede_dump_format;
LEDE_API gboolean lede_model_dump(const lede_model *model, FILE *out, lede_dump_format format,
                                  GError **error);
/* Receives the dump piece by piece (pieces of any size, in order). Returns
 * FALSE to stop the dump, setting error or not. */
typedef gboolean (*lede_write_func)(const char *data, gsize len, gpointer user_data,
                                    GError **error);
/* The same bytes as lede_model_dump, handed to write instead of a FILE. */
LEDE_API gboolean lede_model_dump_to(const lede_model *model, lede_dump_format format,
                                     lede_write_func write, gpointer user_data, GError **error);
/* The dump as one NUL-terminated string (g_free it); *len, when not NULL,
 * gets its length. */
LEDE_API char *lede_model_dump_to_string(const lede_model *model, lede_dump_format format,
                                         gsize *len, GError **error);

typedef struct lede_model_builder lede_model_builder;
LEDE_API lede_model_builder *lede_model_builder_new(void);
LEDE_API void lede_model_builder_free(lede_model_builder *builder);
/* Counts the stems of that language (ISO 639-1, e.g. "fr"), recorded in the
 * provenance as "lang" so that a summarizer uses the model for documents in
 * that language; before the first document. Default: English. */
LEDE_API gboolean lede_model_builder_set_lang(lede_model_builder *builder, const char *lang,
                                              GError **error);
/* Counts one document. */
LEDE_API void lede_model_builder_add_document(lede_model_builder *builder, const char *text,
                                              gsize len);
/* A plain-text file (one document), a directory (walked, sorted by name), or
 * JSON Lines with a "text" key (one document a line); ".gz" is decompressed.
 * The source's base name is recorded in the provenance. */
LEDE_API gboolean lede_model_builder_add_path(lede_model_builder *builder, const char *path,
                                              GError **error);
/* Counts the documents of JSON Lines text (len bytes, the "text" of each
 * line, read as add_path reads a .jsonl file), recording no source. A bad
 * line fails with "line N: why" (N from 1 in data), the lines before it
 * counted. */
LEDE_API gboolean lede_model_builder_add_jsonl(lede_model_builder *builder, const char *data,
                                               gsize len, GError **error);
/* Records the documents add_document and add_jsonl counted since the last
 * source as one source called name (add_path records its own). */
LEDE_API void lede_model_builder_add_source(lede_model_builder *builder, const char *name);
/* Adds the counts of an existing model (counts are additive). A partial
 * model (lede_model_builder_write_partial) merges exactly: its sources join
 * the builder's, combined by name and sorted, so that however documents
 * were split into partials and in whatever order (or tree) these are
 * merged, the written model is the bytes one builder counting all the
 * documents writes (given the same "built" date: SOURCE_DATE_EPOCH).
 * Another model is recorded as one source with its provenance nested; a
 * pruned one (min_df > 1) has lost counts and does not merge exactly. */
LEDE_API gboolean lede_model_builder_merge(lede_model_builder *builder, const lede_model *model,
                                           GError **error);
/* Whether a model is a partial: "partial": true in its provenance. */
LEDE_API gboolean lede_model_is_partial(const lede_model *model);
LEDE_API guint64 lede_model_builder_n_docs(const lede_model_builder *builder);
/* Writes atomically (temporary file in the same folder, then rename). */
LEDE_API gboolean lede_model_builder_write(lede_model_builder *builder, const char *path,
                                           GError **error);
/* Writes a partial model, a step of a map-reduce build: never pruned
 * (a model past 8 MiB drops its rarest terms when written whole), marked
 * "partial": true; lede_model_builder_merge adds it exactly. */
LEDE_API gboolean lede_model_builder_write_partial(lede_model_builder *builder, const char *path,
                                                   GError **error);

/* ---- documents --------------------------------------------------------- */

typedef struct lede_doc lede_doc;

/* Copies the text. A UTF-8 BOM is skipped; invalid UTF-8 is replaced by
 * U+FFFD (see lede_doc_was_repaired); NUL bytes fail with LEDE_ERROR_BINARY.
 * Byte offsets reported later refer to lede_doc_text(). */
LEDE_API lede_doc *lede_doc_new(const char *text, gsize len, GError **error);
/* The same in a language: an ISO 639-1 code ("en", "fr", ...) forces it;
 * NULL or "auto" identifies it from the text (what lede_doc_new does). A
 * language lede has no rules for is segmented and summarized by the generic
 * rules. Fails (LEDE_ERROR_INVALID) when lang is not of that form. */
LEDE_API lede_doc *lede_doc_new_lang(const char *text, gsize len, const char *lang, GError **error);
/* The document's language as an ISO 639-1 code, or NULL when it could not
 * be identified. */
LEDE_API const char *lede_doc_lang(const lede_doc *doc);
LEDE_API void lede_doc_free(lede_doc *doc);
LEDE_API const char *lede_doc_text(const lede_doc *doc, gsize *len);
LEDE_API gboolean lede_doc_was_repaired(const lede_doc *doc);
LEDE_API gsize lede_doc_n_sentences(const lede_doc *doc);
/* Byte range [start, end) of sentence i, trimmed of surrounding space. */
LEDE_API void lede_doc_sentence(const lede_doc *doc, gsize i, gsize *start, gsize *end);
LEDE_API guint lede_doc_sentence_paragraph(const lede_doc *doc, gsize i);
LEDE_API gsize lede_doc_n_paragraphs(const lede_doc *doc);
LEDE_API gsize lede_doc_n_words(const lede_doc *doc);

/* ---- summarizing -------------------------------------------------------- */

typedef enum {
	LEDE_LIMIT_SENTENCES, /* at most N sentences (default 3) */
	LEDE_LIMIT_WORDS,     /* at most N words in all */
	LEDE_LIMIT_CHARS,     /* at most N characters (code points) in all */
	LEDE_LIMIT_RATIO,     /* at most N percent of the document's words */
} lede_limit;

#define LEDE_OPTIONS_VERSION 2
typedef struct {
	unsigned version; /* LEDE_OPTIONS_VERSION */
	lede_limit limit;
	unsigned limit_value;
	gboolean explain;       /* keep every sentence's features for output */
	gboolean want_kicker;   /* default TRUE */
	gboolean want_headline; /* default TRUE */
	unsigned headline_max;  /* bytes, default 75; 0: the language's (lang/lang.h) */
	unsigned n_keyphrases;  /* ranked keyphrases to keep, default 0 */
	/* Since version 2. NULL or "auto" (default): the document's language
	 * (lede_doc_lang); an ISO 639-1 code: that language's pipeline. */
	const char *lang;
} lede_options;
/* Sets the defaults for the caller's version of the struct (pass
 * LEDE_OPTIONS_VERSION); FALSE, and nothing written, for a version this
 * library does not know: a program built against a later header whose
 * struct is larger is refused instead of overrun. */
LEDE_API gboolean lede_options_init(lede_options *options, unsigned version, GError **error);

/* Holds the model (borrowed), the fitted weights and the scratch memory
 * reused from one document to the next. */
typedef struct lede_summarizer lede_summarizer;
/* weights_path NULL: the weights compiled in from models/weights.json. */
LEDE_API lede_summarizer *lede_summarizer_new(const lede_model *model, const char *weights_path,
                                              GError **error);
LEDE_API void lede_summarizer_free(lede_summarizer *summarizer);

typedef struct lede_summary lede_summary;
LEDE_API lede_summary *lede_summarize(lede_summarizer *summarizer, const lede_doc *doc,
                                      const lede_options *options, GError **error);
LEDE_API void lede_summary_free(lede_summary *summary);
/* lede_doc_new and lede_summarize in one call, for a caller that pays for
 * each call into the library (the Python module): the summary owns the
 * document, freed with it. NULL, error set, when either fails. */
LEDE_API lede_summary *lede_summarize_text(lede_summarizer *summarizer, const char *text, gsize len,
                                           const lede_options *options, GError **error);
/* The document a summary was made from. */
LEDE_API const lede_doc *lede_summary_doc(const lede_summary *summary);
/* Selected sentences, in document order. */
LEDE_API gsize lede_summary_n_sentences(const lede_summary *summary);
LEDE_API gsize lede_summary_sentence_index(const lede_summary *summary, gsize i);
LEDE_API double lede_summary_sentence_score(const lede_summary *summary, gsize i);
/* Upper-case label without the colon, or NULL when none was found/asked. */
LEDE_API const char *lede_summary_kicker(const lede_summary *summary);
/* NULL when not asked for or the document is empty. */
LEDE_API const char *lede_summary_headline(const lede_summary *summary);
/* The document's language (ISO 639-1: the options' lang when it names one,
 * else lede_doc_lang), or NULL when it could not be identified. */
LEDE_API const char *lede_summary_lang(const lede_summary *summary);
LEDE_API gsize lede_summary_n_keyphrases(const lede_summary *summary);
LEDE_API const char *lede_summary_keyphrase(const lede_summary *summary, gsize i);

/* One JSON object (no newline). id_json, when not NULL, is JSON text put
 * first as "id" (the caller's own id value, verbatim). */
LEDE_API char *lede_summary_to_json(const lede_summary *summary, const char *id_json,
                                    gboolean pretty);
/* The default text rendering: "KICKER: Headline", blank line, summary
 * sentences (newlines inside a sentence folded to spaces), one per line. */
LEDE_API char *lede_summary_to_text(const lede_summary *summary);

/* ---- web pages: the article extractor ---------------------------------- */

/* The main text of a web page and its metadata. Needs lede built with HTML
 * support (meson option "html"); without it lede_extract fails. */
typedef struct lede_article lede_article;

#define LEDE_EXTRACT_OPTIONS_VERSION 1
typedef struct {
	unsigned version; /* LEDE_EXTRACT_OPTIONS_VERSION */
	const char *url;  /* the page's address when it gives none (borrowed), or NULL */
} lede_extract_options;
/* Sets the defaults for the caller's version of the struct; FALSE (and
 * nothing written) for a version this library does not know. */
LEDE_API gboolean lede_extract_options_init(lede_extract_options *options, unsigned version,
                                            GError **error);

/* Parses html (len bytes; opts NULL for the defaults) and finds its
 * article: paragraphs, headings, lists and quotes of the body in order,
 * separated by a blank line, without navigation, headers, footers, asides,
 * forms, comments, share bars, related links, captions or the headline.
 * A page with no article gives an article whose text is "". Fails on NUL
 * bytes (LEDE_ERROR_BINARY) and on a page the parser's limits stop
 * (LEDE_ERROR_INVALID, e.g. nested more than 256 elements deep). Never
 * reads the network; any number of threads may extract at once. */
LEDE_API lede_article *lede_extract(const char *html, gsize len, const lede_extract_options *opts,
                                    GError **error);
LEDE_API void lede_article_free(lede_article *article);
/* Borrowed UTF-8 strings, NULL where the page does not say: the headline
 * (og:title, JSON-LD headline, the first <h1>, or <title> without the
 * site's name), the authors, the publication date as ISO 8601, the
 * canonical URL, the site's name and the language tag (<html lang>). */
LEDE_API const char *lede_article_title(const lede_article *article);
LEDE_API const char *lede_article_byline(const lede_article *article);
LEDE_API const char *lede_article_date(const lede_article *article);
LEDE_API const char *lede_article_url(const lede_article *article);
LEDE_API const char *lede_article_site(const lede_article *article);
LEDE_API const char *lede_article_lang(const lede_article *article);
/* Never NULL; "" when the page has no article text. */
LEDE_API const char *lede_article_text(const lede_article *article);

/* ---- JSON Lines input, as lede --jsonl reads it ------------------------- */

/* One record of JSON Lines. Its strings belong to the reader and last until
 * its next lede_jsonl_reader_next or its free. */
typedef struct {
	guint lineno;        /* the line's number */
	const char *id_json; /* the "id" value's JSON text as written (outside its
	                        strings' white space left out), else the line number */
	const char *text;    /* the "html" value if there is one, else "text"'s
	                        (UTF-8, text_len bytes, NUL after); NULL when error */
	gsize text_len;
	gboolean html;     /* text is an "html" value: the CLI extracts it first */
	const char *error; /* why lede --jsonl writes {"id","error"} for this line
	                      ("invalid JSON", "no \"text\" key", ...), or NULL */
} lede_jsonl_record;

typedef struct lede_jsonl_reader lede_jsonl_reader;
/* Reads len bytes of JSON Lines (borrowed: they must outlive the reader)
 * whose first line is line first_lineno, line by line as lede --jsonl does:
 * a line ends at '\n' (any '\r' before it dropped), blank lines are
 * skipped but counted, a line is parsed strictly (src/jsonl.h) with only
 * "id", "text" and "html" kept, and one past LEDE_MAX_INPUT_BYTES is an
 * error. */
LEDE_API lede_jsonl_reader *lede_jsonl_reader_new(const char *data, gsize len, guint first_lineno);
LEDE_API void lede_jsonl_reader_free(lede_jsonl_reader *reader);
/* The next record into *record; FALSE after the last, with record->lineno
 * the number of the last line read (blank or not; first_lineno - 1 for no
 * line). */
LEDE_API gboolean lede_jsonl_reader_next(lede_jsonl_reader *reader, lede_jsonl_record *record);

/* ---- ROUGE -------------------------------------------------------------- */

typedef struct {
	double precision, recall, fmeasure;
} lede_rouge_prf;

typedef struct {
	lede_rouge_prf rouge1, rouge2, rougeL, rougeLsum;
} lede_rouge_scores;

typedef enum {
	LEDE_ROUGE_STEM = 1 << 0,    /* Porter stemmer (NLTK mode) on tokens longer than 3 */
	LEDE_ROUGE_UNICODE = 1 << 1, /* extension: lede's Unicode tokenizer, not rouge_score's */
} lede_rouge_flags;

typedef struct lede_rouge lede_rouge;
LEDE_API lede_rouge *lede_rouge_new(unsigned flags);
LEDE_API void lede_rouge_free(lede_rouge *rouge);
/* Scores one prediction against n_refs references; per metric the reference
 * with the highest F-measure is taken (rouge_score's score_multi).
 * Sentences are separated by '\n' (for ROUGE-Lsum). */
LEDE_API void lede_rouge_score(lede_rouge *rouge, const char *prediction,
                               const char *const *references, gsize n_refs, lede_rouge_scores *out);
/* The Porter stemmer in NLTK's default mode; returns a new string. */
LEDE_API char *lede_porter_stem(const char *word, gssize len);
/* ROUGE-1.5.5 -b / -l style truncation; returns a new string. */
LEDE_API char *lede_truncate_bytes(const char *text, gsize max_bytes);
LEDE_API char *lede_truncate_words(const char *text, gsize max_words);

/* Bootstrap over per-item values (fixed seed: same input, same interval). */
LEDE_API void lede_bootstrap_ci(const double *values, gsize n, guint resamples, guint64 seed,
                                double *mean, double *lo, double *hi);
/* Paired: differences b[i] - a[i]; p is the share of resamples where the
 * mean difference is <= 0 (B not better). */
LEDE_API void lede_bootstrap_paired(const double *a, const double *b, gsize n, guint resamples,
                                    guint64 seed, double *mean_diff, double *lo, double *hi,
                                    double *p);

G_END_DECLS

#endif /* LEDE_H */
