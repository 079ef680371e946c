/* Sentence features and scores.
 *
 * Every feature is cheap and local: one pass over the tokens for the
 * document's term frequencies, one pass per sentence for its own features,
 * and the near-duplicate check looks back a bounded window, so the whole
 * analysis is linear in the document. The weights that combine the features
 * are data (models/weights.json, fitted by `lede-fit`, see models/README.md).
 */
#include "lede-private.h"

#include <cjson/cJSON.h>
#include <math.h>

#include "score.h"
#include "lang/lang.h"

static const char *const feature_names[LEDE_N_FEATURES] = {
    [LEDE_F_POSITION] = "position",     [LEDE_F_TFIDF] = "tfidf",
    [LEDE_F_LENGTH] = "length",         [LEDE_F_DANGLING] = "dangling",
    [LEDE_F_QUOTE] = "quote",           [LEDE_F_SHORT] = "short",
    [LEDE_F_DUPLICATE] = "duplicate",   [LEDE_F_BYLINE] = "byline",
    [LEDE_F_CENTRALITY] = "centrality", [LEDE_F_FIRST_PARA] = "first_para",
};

const char *lede_feature_name(guint f)
{
	return f < LEDE_N_FEATURES ? feature_names[f] : NULL;
}

/* How far back a sentence is compared for near-duplicates: CNN/DM pages
 * repeat their first sentences a few lines down, never hundreds later. */
#define DUP_WINDOW 24

/* The bounds of each number in a weights file. A fitted weight is a few
 * units at most (models/weights.json); 1e6 leaves room for hand-made
 * experiments while keeping every score finite, which the digest rounds to
 * an integer. A sentence of more than 1000 words is no sentence. */
#define WEIGHT_MAX 1e6
#define DECAY_MAX 1e6
#define LENGTH_CAP_MAX 1e6
#define MIN_WORDS_MAX 1000

/* The number at key in obj into *out (left alone when the key is absent):
 * FALSE with error when it is not a number within [lo, hi], or, with
 * whole, not a whole number. NaN and infinities are not JSON, but cJSON
 * turns 1e999 into an infinity. */
static gboolean weights_number(cJSON *obj, const char *key, const char *path, double lo, double hi,
                               gboolean whole, double *out, GError **error)
{
	cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, key);
	if (!v)
		return TRUE;
	double x = cJSON_IsNumber(v) ? v->valuedouble : NAN;
	if (!isfinite(x) || x < lo || x > hi || (whole && x != floor(x))) {
		g_set_error(error, LEDE_ERROR, LEDE_ERROR_INVALID,
		            "\"%s\": expected %s from %g to %g", path,
		            whole ? "a whole number" : "a number", lo, hi);
		return FALSE;
	}
	*out = x;
	return TRUE;
}

/* Every number is checked: a negative min_words cast to guint was undefined
 * behaviour and, as it happened, a summary that was always empty. Messages
 * are the reason only; callers name the file. */
static gboolean parse_weights(lede_summarizer *s, const char *json, gsize len, GError **error)
{
	cJSON *root = cJSON_ParseWithLength(json, len);
	if (!root || !cJSON_IsObject(root)) {
		cJSON_Delete(root);
		g_set_error_literal(error, LEDE_ERROR, LEDE_ERROR_INVALID, "not a JSON object");
		return FALSE;
	}
	cJSON *w = cJSON_GetObjectItemCaseSensitive(root, "weights");
	gboolean ok = TRUE;
	if (w && !cJSON_IsObject(w)) {
		g_set_error_literal(error, LEDE_ERROR, LEDE_ERROR_INVALID,
		                    "\"weights\": expected an object");
		ok = FALSE;
	}
	for (guint f = 0; ok && f < LEDE_N_FEATURES; f++) {
		char *path = g_strconcat("weights.", feature_names[f], NULL);
		s->weights.w[f] = 0.0;
		ok = weights_number(w, feature_names[f], path, -WEIGHT_MAX, WEIGHT_MAX, FALSE,
		                    &s->weights.w[f], error);
		g_free(path);
	}
	/* position_decay and length_cap divide: a zero is refused, not defaulted */
	double redundancy = 0.6, decay = 1.0, cap = 40.0, min_words = 3;
	ok = ok &&
	     weights_number(root, "redundancy", "redundancy", 0, 1, FALSE, &redundancy, error) &&
	     weights_number(root, "position_decay", "position_decay", 1e-6, DECAY_MAX, FALSE,
	                    &decay, error) &&
	     weights_number(root, "length_cap", "length_cap", 1, LENGTH_CAP_MAX, FALSE, &cap,
	                    error) &&
	     weights_number(root, "min_words", "min_words", 0, MIN_WORDS_MAX, TRUE, &min_words,
	                    error);
	cJSON_Delete(root);
	s->weights.redundancy = redundancy;
	s->weights.position_decay = decay;
	s->weights.length_cap = cap;
	s->weights.min_words = (guint)min_words;
	return ok;
}

lede_summarizer *lede_summarizer_new(const lede_model *model, const char *weights_path,
                                     GError **error)
{
	g_return_val_if_fail(model != NULL, NULL);
	lede_summarizer *s = g_new0(lede_summarizer, 1);
	s->model = model;
	s->user_model = model;
	gboolean ok;
	if (weights_path) {
		char *data = NULL;
		gsize len = 0;
		GError *local = NULL;
		if (!g_file_get_contents(weights_path, &data, &len, &local)) {
			/* GLib's "Failed to open file “x”: reason": callers name the file */
			const char *colon = strrchr(local->message, ':');
			g_set_error_literal(error, LEDE_ERROR, LEDE_ERROR_IO,
			                    colon && colon[1] == ' ' && colon[2] ? colon + 2
			                                                         : local->message);
			g_error_free(local);
			ok = FALSE;
		} else {
			ok = parse_weights(s, data, len, error);
		}
		g_free(data);
	} else {
		GBytes *b = lede_resource("weights.json");
		gsize len = 0;
		const char *data = b ? g_bytes_get_data(b, &len) : "{}";
		ok = parse_weights(s, data, b ? len : 2, error);
		if (b)
			g_bytes_unref(b);
	}
	if (!ok) {
		g_free(s);
		return NULL;
	}
	s->tk = lede_tokenizer_new();
	s->user_weights = weights_path != NULL;
	s->pipes[0] = (LedePipeline){lede_lang_en(), s->tk, model, NULL, s->weights};
	s->n_pipes = 1;
	s->analysis.kicker = lede_kicker_scratch_new();
	s->doc_stems = g_array_new(FALSE, FALSE, sizeof(guint));
	s->analysis.sentences = g_array_new(FALSE, FALSE, sizeof(LedeSentence));
	s->analysis.tokens = g_array_new(FALSE, FALSE, sizeof(LedeToken));
	s->stems = g_array_new(FALSE, FALSE, sizeof(guint));
	s->stem_first = g_array_new(FALSE, FALSE, sizeof(guint));
	s->selected = g_array_new(FALSE, FALSE, sizeof(guint));
	return s;
}

void lede_summarizer_free(lede_summarizer *s)
{
	if (!s)
		return;
	g_array_free(s->analysis.sentences, TRUE);
	g_array_free(s->analysis.tokens, TRUE);
	g_free(s->idf);
	g_free(s->idf_known);
	g_free(s->role);
	g_free(s->tf);
	g_free(s->seen);
	g_free(s->post_head);
	g_array_free(s->doc_stems, TRUE);
	g_array_free(s->stems, TRUE);
	g_array_free(s->stem_first, TRUE);
	g_array_free(s->selected, TRUE);
	for (guint k = 0; k < s->n_pipes; k++) {
		lede_tokenizer_free(s->pipes[k].tk);
		lede_model_free(s->pipes[k].owned);
	}
	lede_kicker_scratch_free(s->analysis.kicker);
	g_free(s);
}

/* Grows the id-indexed tables to cover every id the tokenizer has handed
 * out; new entries are zero (unknown idf, no count, never seen). */
static void ensure_id_tables(lede_summarizer *s)
{
	guint need = lede_tokenizer_n_ids(s->tk);
	if (need <= s->id_cap)
		return;
	guint cap = MAX(s->id_cap * 2, 4096u);
	while (cap < need)
		cap *= 2;
	s->idf = g_renew(double, s->idf, cap);
	s->idf_known = g_renew(guint8, s->idf_known, cap);
	s->role = g_renew(guint8, s->role, cap);
	s->tf = g_renew(guint, s->tf, cap);
	s->seen = g_renew(guint, s->seen, cap);
	s->post_head = g_renew(guint, s->post_head, cap);
	guint old = s->id_cap;
	memset(s->idf_known + old, 0, (cap - old) * sizeof *s->idf_known);
	memset(s->role + old, 0, (cap - old) * sizeof *s->role);
	memset(s->tf + old, 0, (cap - old) * sizeof *s->tf);
	memset(s->seen + old, 0, (cap - old) * sizeof *s->seen);
	memset(s->post_head + old, 0, (cap - old) * sizeof *s->post_head);
	s->id_cap = cap;
}

static gboolean is_content(const LedeToken *t)
{
	return !(t->flags & (LEDE_TOK_STOP | LEDE_TOK_NUMBER));
}

/* What a word does for the sentence features, found once per norm id:
 * comparing each sentence's words with the lists read their text, scattered
 * over the tokenizer's storage, and waited on memory. */
enum {
	ROLE_KNOWN = 1,    /* looked at */
	ROLE_DANGLING = 2, /* in the language's dangling openers (lang.h) */
	ROLE_SPEECH = 4,   /* a reporting verb: said, says, say, told, added, according */
};

static gboolean in_word_list(const char *const *list, const char *norm)
{
	for (const char *const *w = list; w && *w; w++)
		if ((*w)[0] == norm[0] && strcmp(norm, *w) == 0)
			return TRUE;
	return FALSE;
}

static guint role(lede_summarizer *sz, const LedeToken *t)
{
	guint8 *r = &sz->role[t->norm_id];
	if (!*r) {
		const LedeLang *lang = sz->pipes[sz->cur].lang;
		const char *norm = lede_tokenizer_word(sz->tk, t->norm_id);
		*r = ROLE_KNOWN | (in_word_list(lang->dangling, norm) ? ROLE_DANGLING : 0) |
		     (in_word_list(lang->speech, norm) ? ROLE_SPEECH : 0);
	}
	return *r;
}

/* Page furniture that news scrapes leave among the sentences: bylines,
 * time stamps, captions, sharing prompts. Matched case-insensitively. */
static const char *const furniture[] = {
    "published:",
    "updated:",
    "last updated",
    "click here",
    "daily mail reporter",
    "mail online reporter",
    "follow @",
    "follow us",
    "scroll down",
    "photo:",
    "image:",
    "pictured:",
    "caption:",
    "read more",
    "share this",
    "all rights reserved",
    "copyright",
    "subscribe",
    "sign up",
    "est,",
    "gmt,",
    NULL,
};

/* at[k][c]: bit f is set when furniture[f]'s byte k is c (k < 3; every
 * pattern is longer). Set up once; read without a lock after. */
static guint32 furniture_at[3][256];

static gpointer init_furniture_at(gpointer unused)
{
	(void)unused;
	G_STATIC_ASSERT(G_N_ELEMENTS(furniture) - 1 <= 32);
	for (guint f = 0; furniture[f]; f++)
		for (guint k = 0; k < 3; k++)
			furniture_at[k][(guchar)furniture[f][k]] |= 1u << f;
	return NULL;
}

static gboolean has_furniture(const char *text, gsize len)
{
	/* A fixed, short lower-cased window is enough: furniture shows early.
	 * A pattern is compared only where the window's next three bytes are
	 * its first three: a strstr for each of the 21 patterns was 7% of a
	 * French batch, whose weights give this feature a say. */
	static GOnce once = G_ONCE_INIT;
	g_once(&once, init_furniture_at, NULL);
	guchar buf[256];
	gsize n = MIN(len, sizeof buf - 1);
	for (gsize i = 0; i < n; i++)
		buf[i] = (guchar)lede_ascii_lower(text[i]);
	for (gsize i = 0; i + 2 < n; i++) {
		guint32 maybe = furniture_at[0][buf[i]] & furniture_at[1][buf[i + 1]] &
		                furniture_at[2][buf[i + 2]];
		for (; maybe; maybe &= maybe - 1) {
			const char *f = furniture[g_bit_nth_lsf(maybe, -1)];
			gsize k = strlen(f);
			if (k <= n - i && memcmp(buf + i, f, k) == 0)
				return TRUE;
		}
	}
	return FALSE;
}

static gboolean opens_with_quote(const char *p, gsize len)
{
	if (len == 0)
		return FALSE;
	if (*p == '"' || *p == '\'' || *p == '`')
		return TRUE;
	/* “ ‘ « are three or two bytes. */
	return (len >= 3 &&
	        (memcmp(p, "\xE2\x80\x9C", 3) == 0 || memcmp(p, "\xE2\x80\x98", 3) == 0)) ||
	       (len >= 2 && memcmp(p, "\xC2\xAB", 2) == 0);
}

static gboolean mentions_speaker(lede_summarizer *sz, const LedeAnalysis *a, const LedeSentence *s)
{
	const LedeToken *t = lede_token_at(a, s->tok_first);
	for (guint i = 0; i < s->tok_count; i++)
		if (role(sz, &t[i]) & ROLE_SPEECH)
			return TRUE;
	return FALSE;
}

/* A stamp for sz->seen that no cell holds yet. */
static guint next_stamp(lede_summarizer *sz)
{
	if (++sz->stamp == 0) { /* wrapped: no stale stamp may match */
		memset(sz->seen, 0, sz->id_cap * sizeof *sz->seen);
		sz->stamp = 1;
	}
	return sz->stamp;
}

/* Stems whose idf collect_stems has yet to look up: the model is probed a
 * block at a time (lede_model_df_many), the first sight of a stem being a
 * walk through memory the CPU has not cached. */
#define IDF_BLOCK 32
typedef struct {
	guint ids[IDF_BLOCK];
	guint n;
} IdfQueue;

static void idf_flush(lede_summarizer *sz, IdfQueue *q)
{
	const char *terms[IDF_BLOCK];
	gsize lens[IDF_BLOCK];
	guint64 df[IDF_BLOCK];
	for (guint k = 0; k < q->n; k++) {
		terms[k] = lede_tokenizer_word(sz->tk, q->ids[k]);
		lens[k] = strlen(terms[k]);
	}
	if (!sz->model) {
		q->n = 0; /* document_idf fills them */
		return;
	}
	lede_model_df_many(sz->model, terms, lens, q->n, df);
	for (guint k = 0; k < q->n; k++) {
		sz->idf[q->ids[k]] = lede_model_idf_of_df(sz->model, df[k]);
		sz->idf_known[q->ids[k]] = 1;
	}
	q->n = 0;
}

/* Without a background model for the language: the document's sentences
 * are its documents, idf = log((n + 1) / (df + 1)) + 1 as the model's.
 * Never cached (idf_known stays 0): the next document counts its own. */
static void document_idf(lede_summarizer *sz, guint ns)
{
	const guint *v = (const guint *)(void *)sz->stems->data;
	for (guint k = 0; k < sz->doc_stems->len; k++)
		sz->idf[g_array_index(sz->doc_stems, guint, k)] = 0.0;
	for (guint k = 0; k < sz->stems->len; k++)
		sz->idf[v[k]] += 1.0; /* each sentence lists a stem once */
	for (guint k = 0; k < sz->doc_stems->len; k++) {
		guint id = g_array_index(sz->doc_stems, guint, k);
		sz->idf[id] = log((ns + 1.0) / (sz->idf[id] + 1.0)) + 1.0;
	}
}

/* One pass over the tokens: the document's term frequencies (sz->tf, and
 * the list of its distinct stems in sz->doc_stems, which also fills the idf
 * cache for them), and each sentence's distinct content stem ids in the
 * order they first occur, stored in sz->stems from sz->stem_first[i]: one
 * array for all sentences keeps the redundancy checks allocation-free. */
static void collect_stems(lede_summarizer *sz, LedeAnalysis *a)
{
	ensure_id_tables(sz);
	/* Neither list can be longer than the tokens: size them once and
	 * write through pointers, then cut them to length. */
	guint nt = a->tokens->len, ns = a->sentences->len;
	g_array_set_size(sz->stems, nt);
	g_array_set_size(sz->doc_stems, nt);
	g_array_set_size(sz->stem_first, ns + 1);
	guint *stems = (guint *)(void *)sz->stems->data;
	guint *doc_stems = (guint *)(void *)sz->doc_stems->data;
	guint *stem_first = (guint *)(void *)sz->stem_first->data;
	guint n_stems = 0, n_doc = 0;
	IdfQueue q = {.n = 0};
	for (guint i = 0; i < ns; i++) {
		LedeSentence *s = &g_array_index(a->sentences, LedeSentence, i);
		guint first = n_stems;
		stem_first[i] = first;
		guint stamp = next_stamp(sz);
		const LedeToken *t = lede_token_at(a, s->tok_first);
		for (guint k = 0; k < s->tok_count; k++) {
			/* tf and seen are read at random, by id, and missed the CPU's
			 * caches: ask for a later token's cells meanwhile. */
			if (s->tok_first + k + LEDE_PREFETCH_AHEAD < nt) {
				guint ahead = t[k + LEDE_PREFETCH_AHEAD].stem_id;
				__builtin_prefetch(&sz->tf[ahead]);
				__builtin_prefetch(&sz->seen[ahead]);
			}
			if (!is_content(&t[k]))
				continue;
			guint id = t[k].stem_id;
			if (sz->tf[id]++ == 0) {
				doc_stems[n_doc++] = id;
				/* Once per stem and document: the queue holds it once. */
				if (!sz->idf_known[id]) {
					q.ids[q.n++] = id;
					if (q.n == IDF_BLOCK)
						idf_flush(sz, &q);
				}
			}
			if (sz->seen[id] != stamp) {
				sz->seen[id] = stamp;
				stems[n_stems++] = id;
			}
		}
	}
	idf_flush(sz, &q);
	stem_first[ns] = n_stems;
	g_array_set_size(sz->stems, n_stems);
	g_array_set_size(sz->doc_stems, n_doc);
	if (!sz->model)
		document_idf(sz, ns);
}

double lede_stem_overlap(lede_summarizer *sz, guint i, guint j)
{
	guint ai = g_array_index(sz->stem_first, guint, i),
	      ae = g_array_index(sz->stem_first, guint, i + 1);
	guint bi = g_array_index(sz->stem_first, guint, j),
	      be = g_array_index(sz->stem_first, guint, j + 1);
	guint na = ae - ai, nb = be - bi, common = 0;
	if (na == 0 || nb == 0)
		return 0.0;
	/* The stems of i are marked with a stamp of their own, then j's are
	 * counted among them: each list holds a stem once. */
	const guint *v = (const guint *)(void *)sz->stems->data;
	guint stamp = next_stamp(sz);
	for (guint k = ai; k < ae; k++)
		sz->seen[v[k]] = stamp;
	for (guint k = bi; k < be; k++)
		common += sz->seen[v[k]] == stamp;
	return (double)common / (double)MIN(na, nb);
}

/* Whether the sentence ends as prose does. A short line without terminal
 * punctuation is a title, a dateline, a caption credit or a byline: it is
 * kept out of the summary (the headline is made elsewhere). */
static gboolean is_terminated(const char *p, gsize len)
{
	gsize i = len;
	/* step back over closing quotes and brackets, ASCII or UTF-8 */
	while (i > 0) {
		unsigned char c = (unsigned char)p[i - 1];
		if (c == '"' || c == '\'' || c == ')' || c == ']')
			i--;
		else if (i >= 3 && (memcmp(p + i - 3, "\xE2\x80\x9D", 3) == 0 ||
		                    memcmp(p + i - 3, "\xE2\x80\x99", 3) == 0))
			i -= 3;
		else if (i >= 2 && memcmp(p + i - 2, "\xC2\xBB", 2) == 0)
			i -= 2;
		else
			break;
	}
	if (i == 0)
		return FALSE;
	char c = p[i - 1];
	if (c == '.' || c == '!' || c == '?' || c == ':' || c == ';')
		return TRUE;
	/* 。！？… */
	return i >= 3 && (memcmp(p + i - 3, "\xE3\x80\x82", 3) == 0 ||
	                  memcmp(p + i - 3, "\xEF\xBC\x81", 3) == 0 ||
	                  memcmp(p + i - 3, "\xEF\xBC\x9F", 3) == 0 ||
	                  memcmp(p + i - 3, "\xE2\x80\xA6", 3) == 0);
}

static void compute_features(lede_summarizer *sz, LedeAnalysis *a, gboolean all)
{
	/* Features whose weight is zero cannot change a score: they are only
	 * worth their cost when --explain shows them. */
	gboolean want_byline = all || sz->weights.w[LEDE_F_BYLINE] != 0.0;
	gboolean want_dup = all || sz->weights.w[LEDE_F_DUPLICATE] != 0.0;
	const lede_weights *w = &sz->weights;
	guint n = a->sentences->len;
	/* collect_stems filled the idf cache for every stem of the document. */
	const double *idf_of = sz->idf;
	const guint *tf_of = sz->tf;

	/* The document vector: tf * idf over content stems. */
	double doc_norm2 = 0.0;
	for (guint k = 0; k < sz->doc_stems->len; k++) {
		guint id = g_array_index(sz->doc_stems, guint, k);
		double x = tf_of[id] * idf_of[id];
		doc_norm2 += x * x;
	}
	double doc_norm = sqrt(doc_norm2);
	double max_tfidf = 0.0;

	for (guint i = 0; i < n; i++) {
		LedeSentence *s = &g_array_index(a->sentences, LedeSentence, i);
		const LedeToken *t = lede_token_at(a, s->tok_first);
		const char *p = a->text + s->start;
		gsize len = s->end - s->start;
		guint words = lede_doc_sentence_words(a->doc, i);
		s->words = words;

		/* tf-idf mass of the distinct content stems, and the cosine of
		 * the sentence with the document (centrality). */
		guint first = g_array_index(sz->stem_first, guint, i);
		guint last = g_array_index(sz->stem_first, guint, i + 1);
		double mass = 0.0, dot = 0.0, norm2 = 0.0;
		for (guint k = first; k < last; k++) {
			guint id = g_array_index(sz->stems, guint, k);
			double idf = idf_of[id];
			double tf = tf_of[id];
			mass += tf * idf;
			dot += tf * idf * idf;
			norm2 += idf * idf;
		}
		s->n_content = last - first;
		s->feat[LEDE_F_TFIDF] = mass;
		max_tfidf = MAX(max_tfidf, mass);
		s->feat[LEDE_F_CENTRALITY] =
		    norm2 > 0 && doc_norm > 0 ? dot / (sqrt(norm2) * doc_norm) : 0.0;

		s->feat[LEDE_F_POSITION] = 1.0 / (1.0 + i / w->position_decay);
		s->feat[LEDE_F_FIRST_PARA] = s->para == 0 ? 1.0 : 0.0;
		s->feat[LEDE_F_LENGTH] = MIN(words, w->length_cap) / w->length_cap;
		s->feat[LEDE_F_SHORT] = words < 8 ? 1.0 : 0.0;
		s->feat[LEDE_F_DANGLING] =
		    s->tok_count && (role(sz, &t[0]) & ROLE_DANGLING) ? 1.0 : 0.0;
		s->feat[LEDE_F_QUOTE] =
		    opens_with_quote(p, len) && !mentions_speaker(sz, a, s) ? 1.0 : 0.0;
		s->feat[LEDE_F_BYLINE] = want_byline && has_furniture(p, len) ? 1.0 : 0.0;

		double dup = 0.0;
		for (guint j = i > DUP_WINDOW ? i - DUP_WINDOW : 0; want_dup && j < i; j++)
			dup = MAX(dup, lede_stem_overlap(sz, i, j));
		s->feat[LEDE_F_DUPLICATE] = s->n_content >= 4 && dup >= 0.8 ? 1.0 : 0.0;
		s->eligible = words >= w->min_words && s->n_content > 0 &&
		              (words > 20 || is_terminated(p, len));
	}
	/* An editor's deck ("KICKER: deck") is a whole sentence, final period
	 * or not: the editor's own one-line summary. */
	LedeEditorial ed;
	lede_find_editorial(a, &ed);
	for (guint i = 0; ed.deck_end > ed.deck_start && i < n; i++) {
		LedeSentence *s = &g_array_index(a->sentences, LedeSentence, i);
		if (s->start <= ed.deck_start && ed.deck_start < s->end) {
			s->eligible = s->n_content > 0;
			break;
		}
	}
	for (guint i = 0; i < n; i++) {
		LedeSentence *s = &g_array_index(a->sentences, LedeSentence, i);
		if (max_tfidf > 0)
			s->feat[LEDE_F_TFIDF] /= max_tfidf;
		double score = 0.0;
		for (guint f = 0; f < LEDE_N_FEATURES; f++)
			score += w->w[f] * s->feat[f];
		s->score = score;
	}
}

static gboolean text_is_cased(const lede_doc *doc, gsize len)
{
	/* Lower-cased corpora (CNN/DM as distributed) have no capitals at all;
	 * a handful is enough to call the text cased. */
	gsize upper = lede_doc_n_capitals(doc);
	return upper >= 8 || (upper > 0 && len < 200);
}

/* The background model for documents in lang: the caller's when it is of
 * that language, else the one compiled in for it, else none. */
static void pick_model(lede_summarizer *sz, LedePipeline *p)
{
	const lede_model *user = sz->user_model;
	if (!lede_model_is_builtin(user) && lede_model_has_lang(user, p->lang->code)) {
		p->model = user;
		return;
	}
	p->owned = lede_model_open_resource(p->lang->model);
	p->model = p->owned;
}

/* The weights fitted for the language (models/weights-XX.json), unless the
 * caller gave weights; else English's. */
static void pick_weights(lede_summarizer *sz, LedePipeline *p)
{
	GBytes *b = !sz->user_weights && p->lang->weights ? lede_resource(p->lang->weights) : NULL;
	if (!b)
		return;
	lede_weights keep = sz->weights;
	gsize len;
	const char *data = g_bytes_get_data(b, &len);
	/* A compiled-in file, checked by the tests: it parses. */
	if (parse_weights(sz, data, len, NULL))
		p->weights = sz->weights;
	sz->weights = keep;
	g_bytes_unref(b);
}

/* Makes lang's pipeline the current one. Ids are a tokenizer's own: the
 * tables keyed by them forget what they knew when the tokenizer changes. */
static void use_pipeline(lede_summarizer *sz, const LedeLang *lang)
{
	LedePipeline *cur = &sz->pipes[sz->cur];
	if (cur->lang == lang)
		return;
	guint k = 0;
	while (k < sz->n_pipes && sz->pipes[k].lang != lang)
		k++;
	if (k == sz->n_pipes) {
		if (sz->n_pipes == LEDE_MAX_PIPELINES) {
			/* A stream of many languages: the last slot is reused. */
			k = LEDE_MAX_PIPELINES - 1;
			lede_tokenizer_free(sz->pipes[k].tk);
			lede_model_free(sz->pipes[k].owned);
		} else {
			sz->n_pipes++;
		}
		LedePipeline *p = &sz->pipes[k];
		*p = (LedePipeline){lang, lede_tokenizer_new_lang(lang), NULL, NULL,
		                    sz->pipes[0].weights};
		if (lang->code)
			pick_model(sz, p);
		pick_weights(sz, p);
	}
	sz->cur = k;
	sz->tk = sz->pipes[k].tk;
	sz->model = sz->pipes[k].model;
	sz->weights = sz->pipes[k].weights;
	if (sz->id_cap) {
		memset(sz->idf_known, 0, sz->id_cap * sizeof *sz->idf_known);
		memset(sz->role, 0, sz->id_cap * sizeof *sz->role);
	}
	lede_kicker_scratch_forget_ids(sz->analysis.kicker);
}

const LedeLang *lede_analysis_lang(const LedeAnalysis *a)
{
	return a->summarizer->pipes[a->summarizer->cur].lang;
}

LedeAnalysis *lede_analyse(lede_summarizer *sz, const lede_doc *doc, const lede_options *options)
{
	LedeAnalysis *a = &sz->analysis;
	/* The last document's counts go first (its ids index them), then the
	 * idf cache, keyed by the tokenizer's stem ids, goes when they do.
	 * At 45,000 raw words the word cache fills its 2 MB table to two
	 * thirds (see CACHE_FULL in tokenize.c); a trim keeps the words the
	 * stream uses again, so the next documents do not stem them anew. (At
	 * 32,000 a thousand news articles trimmed three times, each costing as
	 * much as a few articles, with the words stemmed again after it: 2% of
	 * the batch. At 65,536 the table doubled to 8 MB first.) */
	for (guint k = 0; k < sz->doc_stems->len; k++)
		sz->tf[g_array_index(sz->doc_stems, guint, k)] = 0;
	g_array_set_size(sz->doc_stems, 0);
	const char *forced = options && options->version >= 2 ? options->lang : NULL;
	use_pipeline(sz, forced && strcmp(forced, "auto") != 0 ? lede_lang_get(forced)
	                                                       : lede_doc_pipeline(doc));
	if (lede_tokenizer_trim(sz->tk, LEDE_WORD_CACHE_WORDS)) {
		if (sz->id_cap)
			memset(sz->idf_known, 0, sz->id_cap * sizeof *sz->idf_known);
		memset(sz->role, 0, sz->id_cap * sizeof *sz->role);
		lede_kicker_scratch_forget_ids(a->kicker);
	}
	g_array_set_size(a->sentences, 0);
	g_array_set_size(a->tokens, 0);
	a->serial++;
	a->doc = doc;
	a->text = lede_doc_text(doc, &a->len);
	a->model = sz->model;
	a->tk = sz->tk;
	a->summarizer = sz;
	a->cased = text_is_cased(doc, a->len);

	gsize n = lede_doc_n_sentences(doc);
	g_array_set_size(a->sentences, n);
	for (gsize i = 0; i < n; i++) {
		LedeSentence *s = &g_array_index(a->sentences, LedeSentence, i);
		memset(s, 0, sizeof *s);
		lede_doc_sentence(doc, i, &s->start, &s->end);
		s->para = lede_doc_sentence_paragraph(doc, i);
		s->tok_first = a->tokens->len;
		lede_tokenize(sz->tk, a->text + s->start, s->end - s->start, s->start, a->tokens);
		s->tok_count = a->tokens->len - s->tok_first;
	}
	collect_stems(sz, a);
	a->tf = sz->tf;
	a->idf = sz->idf; /* collect_stems looked up every content stem's */
	compute_features(sz, a, options && options->explain);
	lede_select(sz, a, options);
	return a;
}

void lede_analysis_free(LedeAnalysis *a)
{
	/* The analysis lives in its summarizer's scratch space and is reset by
	 * the next call; there is nothing to free. */
	(void)a;
}
