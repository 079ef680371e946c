/* Internal interfaces shared by the library's modules. Not installed. */
#ifndef LEDE_PRIVATE_H
#define LEDE_PRIVATE_H

#include "lede.h"

#include <string.h>

/* ---- resources compiled into the library (lede.gresource.xml) --------- */

/* A new reference to the bytes of a compiled-in resource ("stopwords-en.txt",
 * "weights.json", "default.ldf"); NULL when absent. */
GBytes *lede_resource(const char *name);

/* ---- lang/: one descriptor per language (lang/lang.h) ------------------- */

typedef struct LedeLang LedeLang;

/* ---- segment.c: sentences --------------------------------------------- */

typedef struct {
	gsize start, end; /* byte range, trimmed of surrounding white space */
	guint para;       /* paragraph number, from 0; a blank line starts a new one */
} LedeSpan;

/* Appends the sentences of text[0..len) (valid UTF-8) to spans (LedeSpan),
 * in order, never empty, never overlapping, by English rules. Runs in linear
 * time. */
void lede_segment(const char *text, gsize len, GArray *spans);
/* The same by lang's rules (abbreviations and the words around them), given
 * the text's counts of A-Z and a-z bytes (lede_count_letters), which the
 * caller has already taken. */
void lede_segment_counted(const LedeLang *lang, const char *text, gsize len, gsize upper,
                          gsize lower, GArray *spans);
/* Turns each CR that is not followed by LF into LF, in place, and says whether
 * there was one. Old Mac files end lines with CR alone; the segmenter (which
 * lede_segment_counted is) knows line ends as LF, and CR LF already ends a
 * line as a blank and an LF. The length and every offset stay as they were. */
gboolean lede_text_cr_to_lf(char *text, gsize len);

/* ---- doc.c: plain-text scans shared by the modules ---------------------- */

/* Sixteen bytes in the compilers' vector extension (GCC, Clang): SSE2 or
 * NEON where there is one, plain code elsewhere. Signed, so that the bytes
 * of UTF-8 (0x80 and up) compare below every ASCII byte. Comparisons give
 * 0xFF (-1) in each byte where they hold and 0 where not. */
typedef signed char LedeBytes16 __attribute__((vector_size(16)));

/* The sixteen bytes at p, in memory order. */
static inline LedeBytes16 lede_load16(const char *p)
{
	LedeBytes16 x;
	memcpy(&x, p, sizeof x);
	return x;
}

/* Words as a reader counts them: runs of bytes that are not ASCII white
 * space (the set of g_ascii_isspace). */
gsize lede_count_words(const char *p, gsize len);

/* The words of sentence i of doc, as lede_count_words counts its bytes. */
guint lede_doc_sentence_words(const lede_doc *doc, gsize i);

/* The rules the document was segmented by (never NULL). */
const LedeLang *lede_doc_pipeline(const lede_doc *doc);

/* The A-Z bytes of the document's text. */
gsize lede_doc_n_capitals(const lede_doc *doc);

/* The bytes of p[0..len) in A-Z and in a-z. */
void lede_count_letters(const char *p, gsize len, gsize *upper, gsize *lower);

/* The UTF-8 characters of p[0..len): the bytes that are not continuations. */
gsize lede_count_chars(const char *p, gsize len);

/* ---- tokenize.c: words -------------------------------------------------- */

/* The word cache's key functions, inline for its hot loop and here for
 * their tests. */
static inline guint64 lede_load64(const char *p)
{
	guint64 v;
	memcpy(&v, p, sizeof v);
	return v;
}

static inline guint32 lede_load32(const char *p)
{
	guint32 v;
	memcpy(&v, p, sizeof v);
	return v;
}

/* Runs on every token. A multiply per byte (FNV-1a) made a chain of
 * dependent multiplies half as long as the word's bytes, and that chain
 * was half the tokenizer's time: here a word is read in a few loads, which
 * may overlap but always cover every byte and never read past the word.
 * With the length in the start value, two words of one length differ in
 * what is mixed; the last step (SplitMix64's) spreads every input bit. */
static inline guint32 lede_word_hash(const char *p, gsize n)
{
	guint64 h = (guint64)n * 0x9E3779B97F4A7C15u;
	if (n >= 8) {
		for (gsize i = 0; i + 8 < n; i += 8)
			h = (h ^ lede_load64(p + i)) * 0xBF58476D1CE4E5B9u;
		h ^= lede_load64(p + n - 8);
	} else if (n >= 4) {
		h ^= (guint64)lede_load32(p) << 32 | lede_load32(p + n - 4);
	} else if (n > 0) {
		h ^=
		    (guint64)(guint8)p[0] << 16 | (guint64)(guint8)p[n / 2] << 8 | (guint8)p[n - 1];
	}
	h = (h ^ (h >> 30)) * 0xBF58476D1CE4E5B9u;
	h = (h ^ (h >> 27)) * 0x94D049BB133111EBu;
	h ^= h >> 31;
	return (guint32)h;
}

/* memcmp for the few bytes of a word, without the call: words are short.
 * The loads are lede_word_hash's (cover every byte, never past the word). */
static inline gboolean lede_same_word(const char *a, const char *b, gsize n)
{
	if (n >= 8) {
		for (gsize i = 0; i + 8 < n; i += 8)
			if (lede_load64(a + i) != lede_load64(b + i))
				return FALSE;
		return lede_load64(a + n - 8) == lede_load64(b + n - 8);
	}
	if (n >= 4)
		return lede_load32(a) == lede_load32(b) &&
		       lede_load32(a + n - 4) == lede_load32(b + n - 4);
	for (gsize i = 0; i < n; i++)
		if (a[i] != b[i])
			return FALSE;
	return TRUE;
}

/* How many tokens ahead the passes over a document's tokens prefetch the
 * cells of the tables they read by id (score.c, kicker.c). */
#define LEDE_PREFETCH_AHEAD 8

/* Bump whenever a change to tokenize.c can change a token's norm or stem:
 * models record it and a mismatch is refused. */
#define LEDE_TOKENIZER_VERSION 1

enum {
	LEDE_TOK_STOP = 1 << 0,    /* norm is in models/stopwords-en.txt */
	LEDE_TOK_NUMBER = 1 << 1,  /* made of digits (and . , separators) */
	LEDE_TOK_CAPITAL = 1 << 2, /* first letter upper-case in the raw text */
	LEDE_TOK_ALLCAPS = 1 << 3, /* every letter upper-case, at least two */
	LEDE_TOK_CJK = 1 << 4,     /* one ideograph/kana (CJK text is split per char) */
};

typedef struct {
	gsize start, end; /* byte range of the raw word in the text */
	/* Dense ids of the norm (NFKC + case folded) and of its Snowball
	 * English stem, in one id space (equal strings, equal ids), below
	 * lede_tokenizer_n_ids() and valid until the next trim: per-document
	 * tables index arrays by them instead of hashing strings, and
	 * lede_tokenizer_word() gives the strings. A token holds no pointer to
	 * them: 32 bytes, not 48, and the word cache need not store them. */
	guint norm_id, stem_id;
	guint flags; /* LEDE_TOK_* */
} LedeToken;

typedef struct LedeTokenizer LedeTokenizer;
/* An English tokenizer. */
LedeTokenizer *lede_tokenizer_new(void);
/* A tokenizer with lang's stemmer, stop words and stem table. */
LedeTokenizer *lede_tokenizer_new_lang(const LedeLang *lang);
void lede_tokenizer_free(LedeTokenizer *tk);
/* Appends the word tokens of text[0..len) to out (LedeToken); offsets are
 * relative to text, plus base. */
void lede_tokenize(LedeTokenizer *tk, const char *text, gsize len, gsize base, GArray *out);
/* Between documents: when the word cache holds more than max_entries words
 * (or more than 2 * max_entries norms and stems are interned),
 * keeps at most max_entries / 2 of them (those looked up most since the last
 * trim), re-interns their norms and stems with ids from 0, forgets the rest,
 * and returns TRUE; every norm and stem pointer and id handed out before is
 * then invalid. Keeps a long stream's memory constant. */
gboolean lede_tokenizer_trim(LedeTokenizer *tk, guint max_entries);
/* The max_entries lede_analyse trims a summarizer's tokenizer at, before
 * each document; its word cache then stays within a 2 MB table. */
#define LEDE_WORD_CACHE_WORDS 45000
/* Bytes of the word cache's table (for the test that bounds it). */
gsize lede_tokenizer_cache_bytes(const LedeTokenizer *tk);
/* One more than the largest norm_id or stem_id handed out since the last
 * trim (ids restart from 0 after lede_tokenizer_trim returns TRUE). */
guint lede_tokenizer_n_ids(const LedeTokenizer *tk);
/* The interned norm or stem whose id is id (below lede_tokenizer_n_ids());
 * valid until the next trim. */
const char *lede_tokenizer_word(const LedeTokenizer *tk, guint id);
/* norm is a case-folded word; TRUE if it is a stop word. */
gboolean lede_tokenizer_is_stop(LedeTokenizer *tk, const char *norm, gssize len);
/* Whether tk looks words up in the compiled-in stem table (models/stems-en.bin,
 * see models/README.md) before stemming them: on by default when the table
 * is there. Off, tk stems every new word itself, which is how the table is
 * made and checked. The analyses are the same either way. */
void lede_tokenizer_use_stem_table(LedeTokenizer *tk, gboolean use);
gboolean lede_tokenizer_has_stem_table(const LedeTokenizer *tk);

/* The stem table's file format (models/stems.c writes it, tokenize.c reads
 * it; little-endian):
 *   0  magic "\x7fLEDEST\n"       8 bytes
 *   8  format version             u32 (LEDE_STEMS_FORMAT)
 *  12  tokenizer version          u32 (LEDE_TOKENIZER_VERSION)
 *  16  entries                    u32
 *  20  slots (a power of two)     u32
 *  24  records length             u32
 *  28  zero                       u32
 *  32  slots                      u64 each: lede_word_hash(norm) << 32 | (record offset + 1); 0
 * empty then records, in the order of the norms' bytes: norm length u8, stem length u8
 *      (LEDE_STEMS_SAME: the stem is the norm), flags u8 (LEDE_TOK_STOP or 0),
 *      the norm and a NUL, the stem and a NUL (absent when the same).
 * Slots are open addressing with linear probing, at most two thirds full. */
#define LEDE_STEMS_MAGIC "\x7fLEDEST\n"
#define LEDE_STEMS_FORMAT 1
#define LEDE_STEMS_HEADER 32
#define LEDE_STEMS_SAME 0xFF
/* Norms longer than this are not stemmed (tokenize.c) nor in the table. */
#define LEDE_WORD_MAX 64

/* ---- model.c ------------------------------------------------------------ */

/* Little-endian integers at any alignment (the model and the stem table are
 * read in place, wherever the bytes sit). */
/* g_ascii_tolower without the call (GLib's is a function, not a macro): for
 * loops that lower every byte of a window. */
static inline char lede_ascii_lower(char c)
{
	return c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c;
}

static inline guint32 lede_rd_le32(const guint8 *p)
{
	guint32 v;
	memcpy(&v, p, sizeof v);
	return GUINT32_FROM_LE(v);
}

static inline guint64 lede_rd_le64(const guint8 *p)
{
	guint64 v;
	memcpy(&v, p, sizeof v);
	return GUINT64_FROM_LE(v);
}

/* A file's bytes (gunzipped when its name ends in .gz), or standard input's
 * for "-", read in large blocks; NULL with error (LEDE_ERROR_IO, the reason
 * alone) when it cannot be read, is a truncated gzip stream ("truncated
 * gzip") or holds more than LEDE_MAX_INPUT_BYTES (src/file-io.h). */
GByteArray *lede_read_path(const char *path, GError **error);
/* Calls fn with the "text" string of each non-blank line of JSON Lines
 * data[0..len), read as the CLI reads them (src/jsonl.h); stops with FALSE
 * and error (LEDE_ERROR_INVALID, "line N: ...") at a line that is not a JSON
 * object with a "text" string, or whose text holds an escaped NUL. */
gboolean lede_jsonl_texts(const char *data, gsize len,
                          void (*fn)(const char *text, gsize len, void *user), void *user,
                          GError **error);

/* A model over bytes owned elsewhere (the compiled-in default); the bytes are
 * referenced, not copied. */
lede_model *lede_model_new_from_bytes(GBytes *bytes, const char *origin, GError **error);
/* The checksum a model file of len bytes must carry at offset 88 (0 when
 * len is below the header's size): fuzz-model sets it in mutated files, so
 * that mutations reach the checks behind it. */
guint64 lede_model_checksum(const guint8 *data, gsize len);
/* df[i] = lede_model_df(model, terms[i], lens[i]) for i < n, faster than one
 * call each when the terms are new to the caller (see model.c). */
void lede_model_df_many(const lede_model *model, const char *const *terms, const gsize *lens,
                        guint n, guint64 *df);
/* Whether model's terms are stems of language code (its provenance's
 * "lang"; a model without one is English). */
gboolean lede_model_has_lang(const lede_model *model, const char *code);
/* Whether model is one compiled into the library. */
gboolean lede_model_is_builtin(const lede_model *model);
/* The compiled-in model of that resource name, or NULL when absent. */
lede_model *lede_model_open_resource(const char *name);
/* The idf lede_model_idf gives a term of document frequency df. */
double lede_model_idf_of_df(const lede_model *model, guint64 df);

/* ---- html.c: HTML to plain text (meson option "html", libxml2) ---------- */

/* The text of an HTML document as the segmenter wants it: paragraphs
 * (blocks, two <br>) separated by a blank line, a lone <br> or a line end in
 * <pre> by a line end, other white space folded into single spaces; entities
 * decoded; script, style, noscript, template, svg, head and comments left
 * out. Valid UTF-8, never NULL on success ("" when the page has no text).
 * With title not NULL, *title gets the first non-empty <title>, else the
 * first non-empty <h1> (whose text then leaves the body), else NULL.
 * Fails (NULL) on NUL bytes (LEDE_ERROR_BINARY), on a parse the parser's
 * limits stopped (LEDE_ERROR_INVALID: nested more than 256 elements deep),
 * and always when lede was built without HTML support. Works in any number
 * of threads at once; reads nothing from the network. */
char *lede_html_to_text(const char *html, gsize len, char **title, GError **error);

/* ---- analysis shared by score.c, select.c, kicker.c, headline.c -------- */

enum {
	LEDE_F_POSITION, /* see score.c for the definitions */
	LEDE_F_TFIDF,
	LEDE_F_LENGTH,
	LEDE_F_DANGLING,
	LEDE_F_QUOTE,
	LEDE_F_SHORT,
	LEDE_F_DUPLICATE,
	LEDE_F_BYLINE,
	LEDE_F_CENTRALITY,
	LEDE_F_FIRST_PARA,
	LEDE_N_FEATURES
};

typedef struct {
	gsize start, end; /* byte range in the document text */
	guint para;       /* paragraph */
	guint tok_first;  /* tokens[tok_first .. tok_first + tok_count) */
	guint tok_count;
	guint n_content; /* distinct content stems (not stop words or numbers) */
	guint words;     /* white-space separated words, as a reader counts them */
	double feat[LEDE_N_FEATURES];
	double score;
	gboolean eligible; /* may be selected at all */
} LedeSentence;

/* kicker.c's reusable memory for lede_keyphrases (one per summarizer). */
typedef struct LedeKickerScratch LedeKickerScratch;
LedeKickerScratch *lede_kicker_scratch_new(void);
void lede_kicker_scratch_free(LedeKickerScratch *k);
/* Forgets what it keeps per norm id: call when the tokenizer's ids restart. */
void lede_kicker_scratch_forget_ids(LedeKickerScratch *k);
/* What a scratch's keyphrase passes did since it was made. */
typedef struct {
	guint64 phrase_counts;   /* passes that counted a document's phrases */
	guint64 evidence_tokens; /* tokens whose use the kicker's rules recorded */
} LedeKickerWork;
void lede_kicker_scratch_work(const LedeKickerScratch *k, LedeKickerWork *w);

typedef struct {
	const lede_doc *doc;
	const char *text;
	gsize len;
	const lede_model *model;
	LedeTokenizer *tk;
	struct lede_summarizer *summarizer;
	GArray *sentences; /* LedeSentence, document order */
	GArray *tokens;    /* LedeToken, document order */
	const guint *tf;   /* stem_id -> count in the document (content tokens only) */
	const double *idf; /* stem_id -> background idf, for the content tokens' stems */
	gboolean cased;    /* the text has upper-case letters (not a lower-cased set) */
	guint *selected;   /* indices of the selected sentences, document order */
	guint n_selected;
	LedeKickerScratch *kicker; /* for lede_keyphrases; NULL: it allocates its own */
	guint serial; /* one for each document analysed: kicker.c keeps evidence per document */
} LedeAnalysis;

/* &tokens[i] (i at most the token count): an empty GArray's data is NULL,
 * and NULL + 0 is undefined behaviour, so a document without tokens gets
 * NULL, which its sentences (of no tokens) never read. */
static inline const LedeToken *lede_token_at(const LedeAnalysis *a, guint i)
{
	return a->tokens->len ? (const LedeToken *)(void *)a->tokens->data + i : NULL;
}

/* score.c: tokenizes doc, computes every sentence's features and score and
 * selects the summary sentences as options ask (kicker and headline are not
 * made here). The analysis lives in the summarizer's scratch memory: it is
 * valid until the next lede_analyse/lede_summarize on that summarizer, and
 * it borrows doc. lede_analysis_free is a no-op kept for symmetry. */
typedef struct lede_summarizer lede_summarizer;
LedeAnalysis *lede_analyse(lede_summarizer *s, const lede_doc *doc, const lede_options *options);
void lede_analysis_free(LedeAnalysis *a);
/* The language pipeline the analysis was made with (never NULL). */
const LedeLang *lede_analysis_lang(const LedeAnalysis *a);

/* ---- kicker.c / headline.c --------------------------------------------- */

/* Appends up to n ranked keyphrases (best first, newly allocated, in the
 * article's own words and case, quotes kept when the article quoted them) to
 * out, which frees with g_free. */
void lede_keyphrases(const LedeAnalysis *a, guint n, GPtrArray *out);
/* lede_keyphrases, and in *kicker (NULL when none qualifies) the kicker form
 * of the best keyphrase that may be a kicker: a noun phrase, a name, a short
 * quotation or a topic, never a verb form, an adverb, a number, a day, a
 * markup, agency or news-medium word (rules in kicker.c). */
void lede_keyphrases_kicker(const LedeAnalysis *a, guint n, GPtrArray *out, char **kicker);
/* Keeps in phrases (strings that free with g_free, in order) only those
 * that may be a label by the kicker's rules: whole words of the article, no
 * verb-final or verb-led fragment, markup, agency or medium word, number,
 * time or letter alone; a lone lower-case word only as a noun. For the
 * topics that fill a headline's room (headline.c). */
void lede_labels_only(const LedeAnalysis *a, GPtrArray *phrases);
/* How many keyphrases lede_headline adds topics from (headline.c's
 * MAX_TOPICS): handed a list this long, it ranks none of its own, so the
 * summary asks for that many and the article's phrases are counted once. */
#define LEDE_HEADLINE_TOPICS 12
/* What copy as published carries before its body (Taipei Times style): a
 * title line, then "KICKER: deck", then the body. Byte ranges into the
 * analysed text; an empty range (start == end) is a part not found. */
typedef struct {
	gsize title_start, title_end; /* a short first line without final punctuation */
	gsize label_start, label_end; /* the editor's kicker, without its colon */
	gsize deck_start, deck_end;   /* the editor's one-line summary after the label */
} LedeEditorial;
/* Finds them in the first lines of the text: the label opens one of the
 * first four lines (one to four words in capitals, quotes and a final "?"
 * allowed, then ": "; not a one-word dateline such as "DUBAI: "); the deck runs to the end of its
 * line, or to the end of the sentence when the body follows on the same line; the title is a first
 * line of at most 16 words without final punctuation that is not a label's line. For the headline
 * and the output (kicker.c). */
void lede_find_editorial(const LedeAnalysis *a, LedeEditorial *e);
/* Bits of kicker.c's rules switched off, for the ablation of
 * models/README-kicker.md (models/kicker-rules.c); 0 in lede itself. */
extern guint lede_kicker_rules_off;
/* The kicker form of a keyphrase: upper-cased, at most 32 bytes, 1-3 words. */
char *lede_kicker_from_phrase(const char *phrase);
/* A headline of at most max_bytes, or NULL for an empty document.
 * keyphrases: the article's ranked keyphrases when the caller has them
 * (NULL: computed here as needed). */
char *lede_headline(const LedeAnalysis *a, guint max_bytes, const GPtrArray *keyphrases);
/* lang/plain.c: for languages without English rules, the lead's words
 * without a dateline, cut at a word to max_bytes (NULL when none); and the
 * kicker form of a keyphrase (upper-cased where the script has case). */
char *lede_headline_plain(const LedeAnalysis *a, guint max_bytes);
char *lede_kicker_plain(const char *phrase, const LedeLang *lang);
/* In unspaced text: the run of kanji or katakana the article repeats most
 * (two to eight characters), or NULL. */
char *lede_cjk_label(const LedeAnalysis *a);
/* The compression step alone, on one sentence (no topic filling): for tests
 * and tools. Returns "" when nothing is left. */
char *lede_headline_compress(const char *sentence, guint max_bytes, gboolean cased);

#endif /* LEDE_PRIVATE_H */
