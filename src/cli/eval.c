/* lede eval: ROUGE scores of predictions (or of lede itself, or of a
 * baseline) against references, paired comparisons of two systems, and the
 * headline and kicker targets. See `lede eval --help` and issues 3 and 4. */
#include "eval.h"
#include "eval-report.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>

#define SEED 0x1ede5eedULL
/* A 95% interval settles long before 10,000 resamples; a million (8 MB of
 * means, n million draws) is far past any use, and a larger count only
 * makes a typo run for hours (or wrap past 2^32 to a tiny one). */
#define EVAL_MAX_RESAMPLES 1000000

typedef enum { FMT_TEXT, FMT_JSON, FMT_JSONL } Format;
typedef enum { BASE_NONE, BASE_LEAD, BASE_PREFIX, BASE_ORACLE } Baseline;

/* Per-item value columns. Summary and headline: ROUGE metric m, kind k at
 * m * 3 + k (k: precision, recall, F). Kicker: the K_* columns. */
enum { N_ROUGE_COLS = 12 };
enum { K_P1, K_PARTIAL1, K_SUB1, K_WORDS, N_KICKER_COLS };

static const char *const metric_keys[] = {"rouge1", "rouge2", "rougeL", "rougeLsum"};
static const char *const metric_names[] = {"ROUGE-1", "ROUGE-2", "ROUGE-L", "ROUGE-Lsum"};
static const char *const kind_keys[] = {"precision", "recall", "fmeasure"};
static const char *const kicker_keys[] = {"p1", "partial1", "sub1", "words"};
static const char *const kicker_names[] = {"P@1", "partial@1", "sub@1", "words@1"};

typedef struct {
	/* options */
	char *predictions, *references, *format_s, *tokenize_s, *target_s, *baseline_s;
	char *bytes_s, *words_s, *fail_s, *model_path, *weights_path, *stopwords_path;
	char *sentences_s, *sum_words_s, *sum_chars_s, *ratio_s, *resamples_s, *multi_ref_s;
	char *save_path, *report_path, *report_metric;
	gboolean no_stem, per_item, compare;
	char *command;        /* the command line, for --report */
	guint report_rank;    /* the measure (Measures index) ordering the report's items */
	const char *ref_path; /* the references (or the dataset) read */

	/* parsed */
	Target target;
	Format format;
	gboolean unicode;
	gboolean average_refs; /* ROUGE-1.5.5's mean over references, not rouge_score's best */
	gsize bytes, words;    /* 0: no truncation */
	gboolean has_bytes, has_words;
	Baseline baseline;
	guint baseline_n;
	gboolean has_fail;
	double fail_margin;
	guint resamples;
	lede_options sum_opts;

	/* kicker scoring */
	GHashTable *stop;
	GHashTable *stem_cache;
} Eval;

typedef struct {
	const char *path;
	Eval *ev;
	gboolean dataset;
	GPtrArray *items;
	GHashTable *by_id;
	gboolean failed;
} RefLoad;

static void ref_item_free(gpointer p)
{
	RefItem *it = p;
	g_free(it->id_json);
	g_free(it->key);
	g_strfreev(it->refs);
	g_free(it->text);
	g_free(it);
}

static gboolean parse_count(const char *s, gsize *out)
{
	if (!s || !*s || !g_ascii_isdigit(*s))
		return FALSE;
	char *end;
	errno = 0;
	guint64 v = g_ascii_strtoull(s, &end, 10);
	if (errno || *end || v > G_MAXUINT32)
		return FALSE;
	*out = (gsize)v;
	return TRUE;
}

/* A JSON string or array of strings as a NULL-terminated vector; NULL when
 * it is neither. A JSON null gives an empty vector. */
static char **string_list(cJSON *v)
{
	if (!v || cJSON_IsNull(v))
		return g_new0(char *, 1);
	if (cJSON_IsString(v)) {
		char **r = g_new0(char *, 2);
		r[0] = g_strdup(v->valuestring);
		return r;
	}
	if (!cJSON_IsArray(v))
		return NULL;
	GPtrArray *a = g_ptr_array_new();
	cJSON *e;
	cJSON_ArrayForEach(e, v)
	{
		if (!cJSON_IsString(e)) {
			for (guint i = 0; i < a->len; i++)
				g_free(a->pdata[i]);
			g_ptr_array_free(a, TRUE);
			return NULL;
		}
		g_ptr_array_add(a, g_strdup(e->valuestring));
	}
	g_ptr_array_add(a, NULL);
	return (char **)g_ptr_array_free(a, FALSE);
}

static gboolean load_ref_line(const LedeJsonlRecord *rec, void *user)
{
	RefLoad *L = user;
	cJSON *obj = rec->obj;
	guint lineno = rec->lineno;
	if (!obj) {
		cli_error("%s: line %u: %s", L->path, lineno, rec->error);
		L->failed = TRUE;
		return TRUE;
	}
	const char *key = L->ev->target == TARGET_KICKER ? "keyphrases" : "references";
	char **refs = string_list(cJSON_GetObjectItemCaseSensitive(obj, key));
	if (!refs || !cJSON_GetObjectItemCaseSensitive(obj, key)) {
		cli_error("%s: line %u: \"%s\" must be a string or an array of strings", L->path,
		          lineno, key);
		g_strfreev(refs);
		L->failed = TRUE;
		return TRUE;
	}
	cJSON *text = cJSON_GetObjectItemCaseSensitive(obj, "text");
	if (L->dataset && !cJSON_IsString(text)) {
		cli_error("%s: line %u: no \"text\" string", L->path, lineno);
		g_strfreev(refs);
		L->failed = TRUE;
		return TRUE;
	}
	if (L->dataset && rec->text_nul) {
		/* cJSON's string ends at the NUL: the article would be cut short */
		cli_error("%s: line %u: \"text\" contains NUL", L->path, lineno);
		g_strfreev(refs);
		L->failed = TRUE;
		return TRUE;
	}
	RefItem *it = g_new0(RefItem, 1);
	it->id_json = lede_jsonl_id_json(rec);
	it->key = lede_jsonl_id_key(it->id_json);
	it->refs = refs;
	/* a report shows which sentences a summary took, when it knows the article */
	it->text = L->dataset || (L->ev->report_path && cJSON_IsString(text) && !rec->text_nul)
	               ? g_strdup(text->valuestring)
	               : NULL;
	it->lineno = lineno;
	if (g_hash_table_contains(L->by_id, it->key)) {
		cli_error("%s: line %u: duplicate id %s", L->path, lineno, it->id_json);
		ref_item_free(it);
		L->failed = TRUE;
		return TRUE;
	}
	g_ptr_array_add(L->items, it);
	g_hash_table_insert(L->by_id, it->key, it);
	return TRUE;
}

static gboolean load_refs(Eval *ev, const char *path, gboolean dataset, GPtrArray **items,
                          GHashTable **by_id)
{
	char *data;
	gsize len;
	GError *error = NULL;
	if (!cli_read_file(path, &data, &len, &error)) {
		cli_error("%s: %s", path, error->message);
		g_error_free(error);
		return FALSE;
	}
	RefLoad L = {path,
	             ev,
	             dataset,
	             g_ptr_array_new_with_free_func(ref_item_free),
	             g_hash_table_new(g_str_hash, g_str_equal),
	             FALSE};
	lede_jsonl_foreach(data, len, load_ref_line, &L);
	g_free(data);
	if (!L.failed && L.items->len == 0) {
		cli_error("%s: no items", path);
		L.failed = TRUE;
	}
	if (L.failed) {
		g_hash_table_destroy(L.by_id);
		g_ptr_array_free(L.items, TRUE);
		return FALSE;
	}
	*items = L.items;
	*by_id = L.by_id;
	return TRUE;
}

/* ---- predictions ------------------------------------------------------- */

typedef struct {
	const char *path;
	Eval *ev;
	GHashTable *preds; /* id key (lede_jsonl_id_key) -> prediction text */
	gboolean failed;
} PredLoad;

static gboolean load_pred_line(const LedeJsonlRecord *rec, void *user)
{
	PredLoad *L = user;
	cJSON *obj = rec->obj;
	guint lineno = rec->lineno;
	if (!obj) {
		cli_error("%s: line %u: %s", L->path, lineno, rec->error);
		L->failed = TRUE;
		return TRUE;
	}
	char *text = NULL;
	const char *key;
	if (L->ev->target == TARGET_KICKER) {
		/* the top-1 phrase, as kicker_eval.py takes it */
		cJSON *k = cJSON_GetObjectItemCaseSensitive(obj, "kicker");
		cJSON *kps = cJSON_GetObjectItemCaseSensitive(obj, "keyphrases");
		key = "kicker";
		if (k && cJSON_IsString(k)) {
			text = g_strdup(k->valuestring);
		} else if (k && cJSON_IsNull(k)) {
			text = g_strdup("");
		} else if (!k && kps) {
			char **l = string_list(kps);
			if (l)
				text = g_strdup(l[0] ? l[0] : "");
			g_strfreev(l);
			key = "keyphrases";
		}
	} else {
		key = L->ev->target == TARGET_HEADLINE ? "headline" : "summary";
		cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, key);
		char **l = v ? string_list(v) : NULL;
		/* array items are sentences: one a line, for ROUGE-Lsum */
		if (l)
			text = g_strjoinv("\n", l);
		g_strfreev(l);
	}
	if (!text) {
		cli_error("%s: line %u: no \"%s\" string%s", L->path, lineno, key,
		          L->ev->target == TARGET_KICKER ? "" : " or array of strings");
		L->failed = TRUE;
		return TRUE;
	}
	char *id = lede_jsonl_id_json(rec);
	char *id_key = lede_jsonl_id_key(id);
	if (g_hash_table_contains(L->preds, id_key)) {
		cli_error("%s: line %u: duplicate id %s", L->path, lineno, id);
		g_free(id);
		g_free(id_key);
		g_free(text);
		L->failed = TRUE;
		return TRUE;
	}
	g_free(id);
	g_hash_table_insert(L->preds, id_key, text);
	return TRUE;
}

static GHashTable *load_preds(Eval *ev, const char *path)
{
	char *data;
	gsize len;
	GError *error = NULL;
	if (!cli_read_file(path, &data, &len, &error)) {
		cli_error("%s: %s", path, error->message);
		g_error_free(error);
		return NULL;
	}
	PredLoad L = {path, ev, g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free),
	              FALSE};
	lede_jsonl_foreach(data, len, load_pred_line, &L);
	g_free(data);
	if (L.failed) {
		g_hash_table_destroy(L.preds);
		return NULL;
	}
	return L.preds;
}

gboolean eval_load_references(const char *path, Target target, gboolean dataset, GPtrArray **items,
                              GHashTable **by_id)
{
	Eval ev = {.target = target};
	return load_refs(&ev, path, dataset, items, by_id);
}

GHashTable *eval_load_predictions(const char *path, Target target)
{
	Eval ev = {.target = target};
	return load_preds(&ev, path);
}

/* The prediction text of every reference item, in reference order; an item
 * without one is an error naming its id. */
static char **match_preds(const char *path, GHashTable *preds, GPtrArray *items)
{
	char **out = g_new0(char *, items->len + 1);
	guint missing = 0;
	for (guint i = 0; i < items->len; i++) {
		RefItem *it = items->pdata[i];
		const char *p = g_hash_table_lookup(preds, it->key);
		if (!p) {
			/* the first few name the problem; a wrong file would flood */
			if (++missing <= 10)
				cli_error("%s: no prediction for id %s", path, it->id_json);
			continue;
		}
		out[i] = g_strdup(p);
	}
	if (missing > 10)
		cli_error("%s: no prediction for %u more ids", path, missing - 10);
	if (missing) {
		for (guint i = 0; i < items->len; i++)
			g_free(out[i]);
		g_free(out);
		return NULL;
	}
	return out;
}

/* ---- kicker matching, as shared/tools/kicker_eval.py ------------------- */

static gboolean is_wordc(gunichar c)
{
	/* Python's [^\W_]: letters and every kind of number */
	switch (g_unichar_type(c)) {
	case G_UNICODE_UPPERCASE_LETTER:
	case G_UNICODE_LOWERCASE_LETTER:
	case G_UNICODE_TITLECASE_LETTER:
	case G_UNICODE_MODIFIER_LETTER:
	case G_UNICODE_OTHER_LETTER:
	case G_UNICODE_DECIMAL_NUMBER:
	case G_UNICODE_LETTER_NUMBER:
	case G_UNICODE_OTHER_NUMBER:
		return TRUE;
	default:
		return FALSE;
	}
}

/* Steps 1a-1d: NFKC, case folding, curly apostrophes straightened, in-word
 * ' . - U+2010 U+2011 deleted, then runs of letters and digits. */
static GPtrArray *kicker_words(const char *phrase)
{
	GPtrArray *out = g_ptr_array_new_with_free_func(g_free);
	char *valid = g_utf8_make_valid(phrase ? phrase : "", -1);
	char *nfkc = g_utf8_normalize(valid, -1, G_NORMALIZE_NFKC);
	char *fold = g_utf8_casefold(nfkc ? nfkc : "", -1);
	glong n = 0;
	gunichar *u = g_utf8_to_ucs4_fast(fold, -1, &n);
	for (glong i = 0; i < n; i++)
		if (u[i] == 0x2018 || u[i] == 0x2019)
			u[i] = '\'';
	/* the look-arounds see the string before any deletion */
	gboolean *drop = g_new0(gboolean, (gsize)n + 1);
	for (glong i = 1; i + 1 < n; i++) {
		gunichar c = u[i];
		if ((c == '\'' || c == '.' || c == '-' || c == 0x2010 || c == 0x2011) &&
		    is_wordc(u[i - 1]) && is_wordc(u[i + 1]))
			drop[i] = TRUE;
	}
	GString *w = g_string_new(NULL);
	for (glong i = 0; i <= n; i++) {
		if (i < n && drop[i])
			continue;
		if (i < n && is_wordc(u[i])) {
			g_string_append_unichar(w, u[i]);
			continue;
		}
		if (w->len) {
			g_ptr_array_add(out, g_strdup(w->str));
			g_string_set_size(w, 0);
		}
	}
	g_string_free(w, TRUE);
	g_free(drop);
	g_free(u);
	g_free(fold);
	g_free(nfkc);
	g_free(valid);
	return out;
}

static const char *kstem(Eval *ev, const char *w)
{
	const char *s = g_hash_table_lookup(ev->stem_cache, w);
	if (!s) {
		char *st = lede_porter_stem(w, -1);
		g_hash_table_insert(ev->stem_cache, g_strdup(w), st);
		s = st;
	}
	return s;
}

/* The KEY: stemmed words joined by a space (no word contains one). */
static char *kicker_key(Eval *ev, const char *phrase, guint *n_words)
{
	GPtrArray *ws = kicker_words(phrase);
	GString *k = g_string_new(NULL);
	for (guint i = 0; i < ws->len; i++) {
		if (i)
			g_string_append_c(k, ' ');
		g_string_append(k, kstem(ev, ws->pdata[i]));
	}
	if (n_words)
		*n_words = ws->len;
	g_ptr_array_free(ws, TRUE);
	return g_string_free(k, FALSE);
}

static gboolean load_stopwords(Eval *ev)
{
	char *data;
	gsize len;
	GError *error = NULL;
	if (!cli_read_file(ev->stopwords_path, &data, &len, &error)) {
		cli_error("%s: %s", ev->stopwords_path, error->message);
		g_error_free(error);
		return FALSE;
	}
	ev->stop = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
	char **lines = g_strsplit(data, "\n", -1);
	for (char **l = lines; *l; l++) {
		GPtrArray *ws = kicker_words(*l);
		for (guint i = 0; i < ws->len; i++)
			g_hash_table_add(ev->stop, g_strdup(ws->pdata[i]));
		g_ptr_array_free(ws, TRUE);
	}
	g_strfreev(lines);
	g_free(data);
	return TRUE;
}

static void score_kicker(Eval *ev, const char *pred, char **refs, double *v)
{
	memset(v, 0, N_KICKER_COLS * sizeof *v);
	guint nw = 0;
	char *k1 = kicker_key(ev, pred, &nw);
	if (!*k1) {
		g_free(k1);
		return;
	}
	v[K_WORDS] = nw;
	/* reference keys, empty ones dropped; and each one's stemmed words */
	GPtrArray *rkeys = g_ptr_array_new_with_free_func(g_free);
	GHashTable *rwords = g_hash_table_new(g_str_hash, g_str_equal);
	for (char **r = refs; r && *r; r++) {
		char *k = kicker_key(ev, *r, NULL);
		if (!*k) {
			g_free(k);
			continue;
		}
		g_ptr_array_add(rkeys, k);
		if (strcmp(k, k1) == 0)
			v[K_P1] = 1;
	}
	GPtrArray *content = g_ptr_array_new();
	GPtrArray *ws = kicker_words(pred);
	for (guint i = 0; i < ws->len; i++)
		if (!g_hash_table_contains(ev->stop, ws->pdata[i]))
			g_ptr_array_add(content, (gpointer)kstem(ev, ws->pdata[i]));
	if (content->len) {
		GPtrArray *split = g_ptr_array_new_with_free_func((GDestroyNotify)g_strfreev);
		for (guint i = 0; i < rkeys->len; i++) {
			char **parts = g_strsplit(rkeys->pdata[i], " ", -1);
			g_ptr_array_add(split, parts);
			for (char **p = parts; *p; p++)
				g_hash_table_add(rwords, *p);
		}
		gboolean all = TRUE;
		for (guint c = 0; c < content->len; c++)
			all &= g_hash_table_contains(rwords, content->pdata[c]);
		v[K_PARTIAL1] = all;
		for (guint i = 0; i < split->len && !v[K_SUB1]; i++) {
			char **parts = split->pdata[i];
			gboolean in_one = TRUE;
			for (guint c = 0; c < content->len && in_one; c++) {
				gboolean found = FALSE;
				for (char **p = parts; *p && !found; p++)
					found = strcmp(*p, content->pdata[c]) == 0;
				in_one = found;
			}
			v[K_SUB1] = in_one;
		}
		g_hash_table_destroy(rwords);
		rwords = NULL;
		g_ptr_array_free(split, TRUE);
	}
	if (rwords)
		g_hash_table_destroy(rwords);
	g_ptr_array_free(ws, TRUE);
	g_ptr_array_free(content, TRUE);
	g_ptr_array_free(rkeys, TRUE);
	g_free(k1);
}

/* ---- running lede or a baseline on a dataset --------------------------- */

/* Sentence i of doc with inner newlines folded, so one sentence is one line. */
static void append_sentence(GString *out, const lede_doc *doc, gsize i)
{
	gsize start, end;
	const char *text = lede_doc_text(doc, NULL);
	lede_doc_sentence(doc, i, &start, &end);
	if (out->len)
		g_string_append_c(out, '\n');
	for (gsize k = start; k < end; k++)
		g_string_append_c(out, text[k] == '\n' || text[k] == '\r' ? ' ' : text[k]);
}

static double oracle_gain(Eval *ev, lede_rouge *rouge, const char *cand, char **refs)
{
	lede_rouge_scores s;
	lede_rouge_score(rouge, cand, (const char *const *)refs, g_strv_length(refs), &s);
	if (ev->target == TARGET_HEADLINE)
		return (s.rouge1.recall + s.rouge2.recall) / 2;
	return (s.rouge1.fmeasure + s.rouge2.fmeasure) / 2;
}

/* Greedy oracle: add the sentence that raises mean(R-1, R-2) most, up to n
 * sentences, stopping when none raises it. */
static char *oracle(Eval *ev, lede_rouge *rouge, const lede_doc *doc, char **refs, guint n)
{
	gsize ns = lede_doc_n_sentences(doc);
	gboolean *chosen = g_new0(gboolean, ns + 1);
	double best = 0;
	GString *cand = g_string_new(NULL);
	for (guint step = 0; step < n; step++) {
		gsize pick = G_MAXSIZE;
		for (gsize s = 0; s < ns; s++) {
			if (chosen[s])
				continue;
			g_string_set_size(cand, 0);
			for (gsize k = 0; k < ns; k++)
				if (chosen[k] || k == s)
					append_sentence(cand, doc, k);
			double g = oracle_gain(ev, rouge, cand->str, refs);
			if (g > best) {
				best = g;
				pick = s;
			}
		}
		if (pick == G_MAXSIZE)
			break;
		chosen[pick] = TRUE;
	}
	g_string_set_size(cand, 0);
	for (gsize k = 0; k < ns; k++)
		if (chosen[k])
			append_sentence(cand, doc, k);
	g_free(chosen);
	return g_string_free(cand, FALSE);
}

static char *run_one(Eval *ev, lede_summarizer *sum, lede_rouge *rouge, RefItem *it,
                     const char *path, gboolean *ok)
{
	GError *error = NULL;
	lede_doc *doc = lede_doc_new(it->text, strlen(it->text), &error);
	if (!doc) {
		cli_error("%s: line %u: %s", path, it->lineno, error->message);
		g_error_free(error);
		*ok = FALSE;
		return g_strdup("");
	}
	GString *out = g_string_new(NULL);
	switch (ev->baseline) {
	case BASE_LEAD:
		for (gsize i = 0; i < lede_doc_n_sentences(doc) && i < ev->baseline_n; i++)
			append_sentence(out, doc, i);
		break;
	case BASE_PREFIX: {
		gsize len;
		const char *t = lede_doc_text(doc, &len);
		char *p = lede_truncate_bytes(t, ev->baseline_n);
		/* one line: a prefix is not a list of sentences (same byte count) */
		for (char *c = p; *c; c++)
			if (*c == '\n' || *c == '\r')
				*c = ' ';
		g_string_append(out, p);
		g_free(p);
		break;
	}
	case BASE_ORACLE: {
		char *o = oracle(ev, rouge, doc, it->refs, ev->baseline_n);
		g_string_append(out, o);
		g_free(o);
		break;
	}
	case BASE_NONE: {
		lede_summary *s = lede_summarize(sum, doc, &ev->sum_opts, &error);
		if (!s) {
			cli_error("%s: line %u: %s", path, it->lineno,
			          error ? error->message : "summarizing failed");
			g_clear_error(&error);
			*ok = FALSE;
			break;
		}
		if (ev->target == TARGET_HEADLINE) {
			const char *h = lede_summary_headline(s);
			g_string_append(out, h ? h : "");
		} else if (ev->target == TARGET_KICKER) {
			const char *k = lede_summary_kicker(s);
			g_string_append(out, k ? k : "");
		} else {
			for (gsize i = 0; i < lede_summary_n_sentences(s); i++)
				append_sentence(out, doc, lede_summary_sentence_index(s, i));
		}
		lede_summary_free(s);
		break;
	}
	}
	lede_doc_free(doc);
	return g_string_free(out, FALSE);
}

static char **run_dataset(Eval *ev, const char *path, GPtrArray *items)
{
	GError *error = NULL;
	lede_model *model = NULL;
	lede_summarizer *sum = NULL;
	if (ev->baseline == BASE_NONE) {
		model = ev->model_path ? lede_model_open(ev->model_path, &error)
		                       : lede_model_open_default(&error);
		if (!model) {
			cli_error("%s: %s", ev->model_path ? ev->model_path : "default model",
			          error->message);
			g_error_free(error);
			return NULL;
		}
		sum = lede_summarizer_new(model, ev->weights_path, &error);
		if (!sum) {
			cli_error("%s: %s", ev->weights_path ? ev->weights_path : "weights",
			          error->message);
			g_error_free(error);
			lede_model_free(model);
			return NULL;
		}
	}
	lede_rouge *rouge = lede_rouge_new((ev->no_stem ? 0 : LEDE_ROUGE_STEM) |
	                                   (ev->unicode ? LEDE_ROUGE_UNICODE : 0));
	char **out = g_new0(char *, items->len + 1);
	gboolean ok = TRUE;
	for (guint i = 0; i < items->len; i++)
		out[i] = run_one(ev, sum, rouge, items->pdata[i], path, &ok);
	lede_rouge_free(rouge);
	lede_summarizer_free(sum);
	lede_model_free(model);
	if (!ok) {
		g_strfreev(out);
		return NULL;
	}
	return out;
}

/* Writes what the dataset form produced as a predictions file, so that a
 * run (or a baseline) can be fed to --compare later. */
static gboolean save_predictions(const Eval *ev, const char *path, char **preds, GPtrArray *items)
{
	const char *key = ev->target == TARGET_HEADLINE ? "headline"
	                  : ev->target == TARGET_KICKER ? "kicker"
	                                                : "summary";
	GString *g = g_string_new(NULL);
	for (guint i = 0; i < items->len; i++) {
		const RefItem *it = items->pdata[i];
		cJSON *o = cJSON_CreateObject();
		cJSON_AddItemToObject(o, "id", cJSON_CreateRaw(it->id_json));
		if (ev->target == TARGET_SUMMARY) {
			cJSON *a = cJSON_AddArrayToObject(o, key);
			char **lines = g_strsplit(preds[i], "\n", -1);
			for (char **l = lines; *l; l++)
				if (**l)
					cJSON_AddItemToArray(a, cJSON_CreateString(*l));
			g_strfreev(lines);
		} else {
			cJSON_AddStringToObject(o, key, preds[i]);
		}
		char *s = cJSON_PrintUnformatted(o);
		g_string_append(g, s);
		g_string_append_c(g, '\n');
		cJSON_free(s);
		cJSON_Delete(o);
	}
	GError *error = NULL;
	gboolean ok = cli_write_file_atomic(path, g->str, g->len, &error);
	if (!ok) {
		cli_error("%s: %s", path, error->message);
		g_error_free(error);
	}
	g_string_free(g, TRUE);
	return ok;
}

/* ---- scoring ------------------------------------------------------------ */

static guint n_cols(const Eval *ev)
{
	return ev->target == TARGET_KICKER ? N_KICKER_COLS : N_ROUGE_COLS;
}

char *eval_truncate(const char *pred, gssize words, gssize bytes)
{
	char *p = g_strdup(pred);
	if (words >= 0) {
		char *t = lede_truncate_words(p, (gsize)words);
		g_free(p);
		p = t;
	}
	if (bytes >= 0) {
		char *t = lede_truncate_bytes(p, (gsize)bytes);
		g_free(p);
		p = t;
	}
	return p;
}

/* vals[col * n + i] for item i */
static double *score_all(Eval *ev, char **preds, GPtrArray *items)
{
	guint n = items->len, nc = n_cols(ev);
	double *vals = g_new0(double, (gsize)nc *n);
	lede_rouge *rouge = lede_rouge_new((ev->no_stem ? 0 : LEDE_ROUGE_STEM) |
	                                   (ev->unicode ? LEDE_ROUGE_UNICODE : 0));
	for (guint i = 0; i < n; i++) {
		RefItem *it = items->pdata[i];
		if (ev->target == TARGET_KICKER) {
			double v[N_KICKER_COLS];
			score_kicker(ev, preds[i], it->refs, v);
			for (guint c = 0; c < nc; c++)
				vals[(gsize)c * n + i] = v[c];
			continue;
		}
		char *p = eval_truncate(preds[i], ev->has_words ? (gssize)ev->words : -1,
		                        ev->has_bytes ? (gssize)ev->bytes : -1);
		lede_rouge_scores s;
		guint nr = g_strv_length(it->refs);
		if (ev->average_refs && nr > 1) {
			memset(&s, 0, sizeof s);
			for (guint r = 0; r < nr; r++) {
				lede_rouge_scores one;
				lede_rouge_score(rouge, p, (const char *const *)it->refs + r, 1,
				                 &one);
				const double *src = (const double *)&one;
				double *dst = (double *)&s;
				for (guint k = 0; k < sizeof s / sizeof(double); k++)
					dst[k] += src[k] / nr;
			}
		} else {
			lede_rouge_score(rouge, p, (const char *const *)it->refs, nr, &s);
		}
		const lede_rouge_prf *m[] = {&s.rouge1, &s.rouge2, &s.rougeL, &s.rougeLsum};
		for (guint k = 0; k < 4; k++) {
			vals[(gsize)(k * 3 + 0) * n + i] = m[k]->precision;
			vals[(gsize)(k * 3 + 1) * n + i] = m[k]->recall;
			vals[(gsize)(k * 3 + 2) * n + i] = m[k]->fmeasure;
		}
		g_free(p);
	}
	lede_rouge_free(rouge);
	return vals;
}

/* ---- output ------------------------------------------------------------- */

static void put_json(cJSON *o, gboolean pretty)
{
	char *s = pretty ? cJSON_Print(o) : cJSON_PrintUnformatted(o);
	fputs(s, stdout);
	fputc('\n', stdout);
	cJSON_free(s);
}

static cJSON *item_json(const Eval *ev, const RefItem *it, const char *pred, const double *vals,
                        guint i, guint n)
{
	cJSON *o = cJSON_CreateObject();
	cJSON_AddItemToObject(o, "id", cJSON_CreateRaw(it->id_json));
	if (ev->target == TARGET_KICKER) {
		cJSON_AddStringToObject(o, "kicker", pred);
		for (guint c = 0; c < N_KICKER_COLS; c++)
			cJSON_AddNumberToObject(o, kicker_keys[c], vals[(gsize)c * n + i]);
		return o;
	}
	for (guint m = 0; m < 4; m++) {
		cJSON *x = cJSON_AddObjectToObject(o, metric_keys[m]);
		for (guint k = 0; k < 3; k++)
			cJSON_AddNumberToObject(x, kind_keys[k], vals[(gsize)(m * 3 + k) * n + i]);
	}
	return o;
}

static const char *tokenizer_desc(const Eval *ev)
{
	return ev->unicode ? "lede's Unicode tokenizer (extension, not rouge_score-compatible)"
	                   : "rouge_score tokenizer";
}

static void aggregate(const Eval *ev, const double *col, guint n, double r[3])
{
	lede_bootstrap_ci(col, n, ev->resamples, SEED, &r[0], &r[1], &r[2]);
}

/* The figures as the terminal shows them (--format text), into g. */
static void figures_text(Eval *ev, guint n, const double *vals, GString *g)
{
	if (ev->target == TARGET_KICKER) {
		g_string_append_printf(
		    g, "kicker: %u items, x100, 95%% bootstrap interval (%u resamples)\n\n", n,
		    ev->resamples);
		guint covered = 0;
		double words = 0;
		for (guint c = 0; c < K_WORDS; c++) {
			double r[3];
			aggregate(ev, vals + (gsize)c * n, n, r);
			g_string_append_printf(g, "%-10s %6.1f  [%5.1f, %5.1f]\n", kicker_names[c],
			                       100 * r[0], 100 * r[1], 100 * r[2]);
		}
		for (guint i = 0; i < n; i++) {
			double w = vals[(gsize)K_WORDS * n + i];
			covered += w > 0;
			words += w;
		}
		g_string_append_printf(g, "%-10s %6.1f\n", "coverage", n ? 100.0 * covered / n : 0);
		g_string_append_printf(g, "%-10s %6.2f  (mean words of the non-empty kickers)\n",
		                       "words@1", covered ? words / covered : 0);
		return;
	}

	g_string_append_printf(g, "%u items, %s, %s, %s reference", n, tokenizer_desc(ev),
	                       ev->no_stem ? "no stemming" : "Porter stemming",
	                       ev->average_refs ? "mean over each" : "best");
	if (ev->has_words)
		g_string_append_printf(g, ", first %zu words", ev->words);
	if (ev->has_bytes)
		g_string_append_printf(g, ", first %zu bytes", ev->bytes);
	g_string_append_printf(g, "\nmean x100 with 95%% bootstrap interval (%u resamples)\n\n",
	                       ev->resamples);
	/* DUC scores headlines by recall: it comes first there */
	static const guint order_summary[] = {0, 1, 2}, order_headline[] = {1, 0, 2};
	const guint *order = ev->target == TARGET_HEADLINE ? order_headline : order_summary;
	static const char *const heads[] = {"precision", "recall", "F-measure"};
	g_string_append_printf(g, "%-11s", "");
	for (guint k = 0; k < 3; k++)
		g_string_append_printf(
		    g, "  %-23s",
		    ev->target == TARGET_HEADLINE && order[k] == 1 ? "RECALL" : heads[order[k]]);
	g_string_append_c(g, '\n');
	for (guint m = 0; m < 4; m++) {
		g_string_append_printf(g, "%-11s", metric_names[m]);
		for (guint k = 0; k < 3; k++) {
			double r[3];
			aggregate(ev, vals + (gsize)(m * 3 + order[k]) * n, n, r);
			g_string_append_printf(g, "  %6.2f [%6.2f, %6.2f]", 100 * r[0], 100 * r[1],
			                       100 * r[2]);
		}
		g_string_append_c(g, '\n');
	}
}

/* figures: figures_text's, when the format is text. */
static void report(Eval *ev, GPtrArray *items, char **preds, const double *vals,
                   const char *figures)
{
	guint n = items->len;
	if (ev->format == FMT_JSONL || (ev->per_item && ev->format == FMT_TEXT)) {
		for (guint i = 0; i < n; i++) {
			if (ev->format == FMT_JSONL) {
				cJSON *o = item_json(ev, items->pdata[i], preds[i], vals, i, n);
				put_json(o, FALSE);
				cJSON_Delete(o);
				continue;
			}
			RefItem *it = items->pdata[i];
			printf("%s", it->id_json);
			if (ev->target == TARGET_KICKER) {
				for (guint c = 0; c < N_KICKER_COLS; c++)
					printf("\t%s %g", kicker_names[c], vals[(gsize)c * n + i]);
			} else {
				guint kind = ev->target == TARGET_HEADLINE ? 1 : 2;
				for (guint m = 0; m < 4; m++)
					printf("\t%s %.2f", metric_names[m],
					       100 * vals[(gsize)(m * 3 + kind) * n + i]);
			}
			putchar('\n');
		}
		if (ev->format == FMT_JSONL)
			return;
		putchar('\n');
	}

	if (ev->format == FMT_JSON) {
		cJSON *o = cJSON_CreateObject();
		cJSON_AddStringToObject(o, "target",
		                        ev->target == TARGET_KICKER     ? "kicker"
		                        : ev->target == TARGET_HEADLINE ? "headline"
		                                                        : "summary");
		cJSON_AddNumberToObject(o, "items", n);
		cJSON_AddNumberToObject(o, "resamples", ev->resamples);
		if (ev->target == TARGET_KICKER) {
			guint covered = 0;
			double words = 0;
			for (guint c = 0; c < K_WORDS; c++) {
				double r[3];
				aggregate(ev, vals + (gsize)c * n, n, r);
				cJSON *x = cJSON_AddObjectToObject(o, kicker_keys[c]);
				cJSON_AddNumberToObject(x, "mean", r[0]);
				cJSON_AddNumberToObject(x, "low", r[1]);
				cJSON_AddNumberToObject(x, "high", r[2]);
			}
			for (guint i = 0; i < n; i++) {
				double w = vals[(gsize)K_WORDS * n + i];
				covered += w > 0;
				words += w;
			}
			cJSON_AddNumberToObject(o, "coverage", n ? (double)covered / n : 0);
			cJSON_AddNumberToObject(o, "words1", covered ? words / covered : 0);
		} else {
			cJSON_AddBoolToObject(o, "stemmed", !ev->no_stem);
			cJSON_AddStringToObject(o, "multi_ref",
			                        ev->average_refs ? "average" : "best");
			cJSON_AddStringToObject(o, "tokenizer", ev->unicode ? "unicode" : "rouge");
			if (ev->has_bytes)
				cJSON_AddNumberToObject(o, "bytes", (double)ev->bytes);
			else
				cJSON_AddNullToObject(o, "bytes");
			if (ev->has_words)
				cJSON_AddNumberToObject(o, "words", (double)ev->words);
			else
				cJSON_AddNullToObject(o, "words");
			for (guint m = 0; m < 4; m++) {
				cJSON *x = cJSON_AddObjectToObject(o, metric_keys[m]);
				for (guint k = 0; k < 3; k++) {
					double r[3];
					aggregate(ev, vals + (gsize)(m * 3 + k) * n, n, r);
					cJSON *y = cJSON_AddObjectToObject(x, kind_keys[k]);
					cJSON_AddNumberToObject(y, "mean", r[0]);
					cJSON_AddNumberToObject(y, "low", r[1]);
					cJSON_AddNumberToObject(y, "high", r[2]);
				}
			}
		}
		if (ev->per_item) {
			cJSON *a = cJSON_AddArrayToObject(o, "per_item");
			for (guint i = 0; i < n; i++)
				cJSON_AddItemToArray(
				    a, item_json(ev, items->pdata[i], preds[i], vals, i, n));
		}
		put_json(o, TRUE);
		cJSON_Delete(o);
		return;
	}

	fputs(figures, stdout);
}

/* ---- compare ------------------------------------------------------------ */

/* The compared measures: F for summaries, recall for headlines, the
 * kicker's hit rates. */
typedef struct {
	guint n;
	guint cols[4];
	const char *names[4], *keys[5]; /* keys NULL-terminated */
	const char *what;
} Measures;

static void measures(const Eval *ev, Measures *m)
{
	memset(m, 0, sizeof *m);
	if (ev->target == TARGET_KICKER) {
		for (guint c = 0; c < K_WORDS; c++) {
			m->cols[m->n] = c;
			m->names[m->n] = kicker_names[c];
			m->keys[m->n++] = kicker_keys[c];
		}
	} else {
		guint kind = ev->target == TARGET_HEADLINE ? 1 : 2;
		for (guint k = 0; k < 4; k++) {
			m->cols[m->n] = k * 3 + kind;
			m->names[m->n] = metric_names[k];
			m->keys[m->n++] = metric_keys[k];
		}
	}
	m->what = ev->target == TARGET_KICKER     ? "score"
	          : ev->target == TARGET_HEADLINE ? "recall"
	                                          : "fmeasure";
}

/* One measure of a paired comparison: the means, B - A, its interval, p. */
typedef struct {
	double a, b, d, lo, hi, p;
} Paired;

static void paired(const Eval *ev, const Measures *m, const double *va, const double *vb, guint n,
                   Paired *rows)
{
	for (guint j = 0; j < m->n; j++) {
		const double *xa = va + (gsize)m->cols[j] * n, *xb = vb + (gsize)m->cols[j] * n;
		Paired *r = &rows[j];
		r->a = r->b = 0;
		for (guint i = 0; i < n; i++) {
			r->a += xa[i];
			r->b += xb[i];
		}
		r->a /= n;
		r->b /= n;
		lede_bootstrap_paired(xa, xb, n, ev->resamples, SEED, &r->d, &r->lo, &r->hi, &r->p);
	}
}

/* The paired table as the terminal shows it, into g. */
static void paired_text(const Eval *ev, const Measures *m, const Paired *rows, guint n,
                        const char *path_a, const char *path_b, GString *g)
{
	g_string_append_printf(g, "paired bootstrap, %u items, %u resamples: B - A on %s x100\n", n,
	                       ev->resamples, ev->target == TARGET_SUMMARY ? "F-measure" : m->what);
	g_string_append_printf(g, "A: %s\nB: %s\n\n", path_a, path_b);
	g_string_append_printf(g, "%-11s %8s %8s %8s  %-18s  %s\n", "metric", "A", "B", "B-A",
	                       "95% interval", "p (B not better)");
	for (guint j = 0; j < m->n; j++) {
		const Paired *r = &rows[j];
		g_string_append_printf(g, "%-11s %8.2f %8.2f %+8.2f  [%+7.2f, %+7.2f]  %.3f\n",
		                       m->names[j], 100 * r->a, 100 * r->b, 100 * r->d, 100 * r->lo,
		                       100 * r->hi, r->p);
	}
}

/* The page of --report: one system (rows NULL) or A against B. */
static gboolean write_report(const Eval *ev, GPtrArray *items, guint n_sys,
                             const char *const *names, char **const *preds,
                             const double *const *vals, const Paired *rows, const char *figures)
{
	Measures m;
	measures(ev, &m);
	ReportCol cols[4];
	double diff[4][3];
	for (guint c = 0; c < m.n; c++) {
		cols[c] = (ReportCol){m.names[c], m.cols[c], ev->target == TARGET_KICKER};
		if (rows) {
			diff[c][0] = rows[c].d;
			diff[c][1] = rows[c].lo;
			diff[c][2] = rows[c].hi;
		}
	}
	EvalReport r = {
	    .target = ev->target,
	    .command = ev->command,
	    .references = ev->ref_path,
	    .measure = ev->target == TARGET_SUMMARY    ? "F-measure"
	               : ev->target == TARGET_HEADLINE ? "recall"
	                                               : "hits",
	    .figures = figures,
	    .items = items,
	    .n_sys = n_sys,
	    .paired = rows ? (const double(*)[3])diff : NULL,
	    .cols = cols,
	    .n_cols = m.n,
	    .rank = ev->report_rank,
	    .unicode = ev->unicode,
	    .stem = !ev->no_stem,
	    .has_bytes = ev->has_bytes,
	    .has_words = ev->has_words,
	    .bytes = ev->bytes,
	    .words = ev->words,
	};
	for (guint s = 0; s < n_sys; s++) {
		r.sys_name[s] = names[s];
		r.preds[s] = preds[s];
		r.vals[s] = vals[s];
	}
	return eval_report_write(&r, ev->report_path);
}

static int compare(Eval *ev, const char *path_a, const char *path_b, GPtrArray *items)
{
	GHashTable *pa = load_preds(ev, path_a);
	GHashTable *pb = pa ? load_preds(ev, path_b) : NULL;
	char **a = pb ? match_preds(path_a, pa, items) : NULL;
	char **b = a ? match_preds(path_b, pb, items) : NULL;
	if (pa)
		g_hash_table_destroy(pa);
	if (pb)
		g_hash_table_destroy(pb);
	if (!b) {
		g_strfreev(a);
		return LEDE_EXIT_FAILURE;
	}
	guint n = items->len;
	double *va = score_all(ev, a, items), *vb = score_all(ev, b, items);
	Measures m;
	measures(ev, &m);
	Paired rows[4];
	paired(ev, &m, va, vb, n, rows);

	int status = LEDE_EXIT_OK;
	GString *worse = g_string_new(NULL);
	for (guint j = 0; j < m.n; j++)
		if (ev->has_fail && 100 * rows[j].d < -ev->fail_margin)
			g_string_append_printf(worse, "%s%s %+.2f", worse->len ? ", " : "",
			                       m.names[j], 100 * rows[j].d);
	GString *text = g_string_new(NULL);
	if (ev->format == FMT_TEXT || ev->report_path)
		paired_text(ev, &m, rows, n, path_a, path_b, text);
	if (ev->format == FMT_TEXT) {
		fputs(text->str, stdout);
	} else {
		cJSON *o = cJSON_CreateObject();
		cJSON_AddStringToObject(o, "a", path_a);
		cJSON_AddStringToObject(o, "b", path_b);
		cJSON_AddNumberToObject(o, "items", n);
		cJSON_AddNumberToObject(o, "resamples", ev->resamples);
		cJSON_AddStringToObject(o, "measure", m.what);
		for (guint j = 0; j < m.n; j++) {
			cJSON *x = cJSON_AddObjectToObject(o, m.keys[j]);
			cJSON_AddNumberToObject(x, "a", rows[j].a);
			cJSON_AddNumberToObject(x, "b", rows[j].b);
			cJSON_AddNumberToObject(x, "diff", rows[j].d);
			cJSON_AddNumberToObject(x, "low", rows[j].lo);
			cJSON_AddNumberToObject(x, "high", rows[j].hi);
			cJSON_AddNumberToObject(x, "p", rows[j].p);
		}
		if (ev->has_fail)
			cJSON_AddBoolToObject(o, "worse", worse->len > 0);
		put_json(o, ev->format == FMT_JSON);
		cJSON_Delete(o);
	}
	if (ev->report_path) {
		const char *names[] = {path_a, path_b};
		char **const preds[] = {a, b};
		const double *const vals[] = {va, vb};
		if (!write_report(ev, items, 2, names, preds, vals, rows, text->str))
			status = LEDE_EXIT_FAILURE;
	}
	if (worse->len) {
		cli_error("%s is worse than %s by more than %g points: %s", path_b, path_a,
		          ev->fail_margin, worse->str);
		status = LEDE_EXIT_FAILURE;
	}
	g_string_free(text, TRUE);
	g_string_free(worse, TRUE);
	g_free(va);
	g_free(vb);
	g_strfreev(a);
	g_strfreev(b);
	return status;
}

/* --report without --compare: the system scored, and for a --baseline run
 * lede too, on the same items, as system B against the baseline. */
static gboolean write_single_report(Eval *ev, const char *path, GPtrArray *items, char **preds,
                                    const double *vals, GString *figures)
{
	if (ev->baseline == BASE_NONE) {
		const char *name = ev->predictions ? ev->predictions : "lede";
		return write_report(ev, items, 1, &name, &preds, &vals, NULL, figures->str);
	}
	Baseline was = ev->baseline;
	ev->baseline = BASE_NONE;
	char **lede = run_dataset(ev, path, items);
	ev->baseline = was;
	if (!lede)
		return FALSE;
	double *lv = score_all(ev, lede, items);
	Measures m;
	measures(ev, &m);
	Paired rows[4];
	paired(ev, &m, vals, lv, items->len, rows);
	g_string_append(figures, "\n");
	char *a = g_strdup_printf("baseline %s", ev->baseline_s);
	paired_text(ev, &m, rows, items->len, a, "lede", figures);
	const char *names[] = {a, "lede"};
	char **const p[] = {preds, lede};
	const double *const v[] = {vals, lv};
	gboolean ok = write_report(ev, items, 2, names, p, v, rows, figures->str);
	g_free(a);
	g_free(lv);
	g_strfreev(lede);
	return ok;
}

/* ---- command line ------------------------------------------------------- */

static const char summary_text[] =
    "Scores summaries with ROUGE-1, ROUGE-2, ROUGE-L and ROUGE-Lsum exactly as Google's\n"
    "rouge_score does (Porter stemming on by default, like its use_stemmer=True), or\n"
    "compares two systems with a paired bootstrap.\n"
    "\n"
    "Forms:\n"
    "  lede eval --predictions PRED.jsonl --references REF.jsonl [OPTION...]\n"
    "  lede eval DATASET.jsonl [OPTION...]          run lede on the dataset, score it\n"
    "  lede eval --baseline lead-3 DATASET.jsonl    score a built-in baseline instead\n"
    "  lede eval --compare A.jsonl B.jsonl --references REF.jsonl [--fail-if-worse M]\n"
    "\n"
    "Files (JSON Lines, one object a line; blank lines skipped):\n"
    "  PRED  {\"id\": ..., \"summary\": \"s1\\ns2\"} or \"summary\": [\"s1\", \"s2\"]\n"
    "        (array items are sentences); --target headline reads \"headline\",\n"
    "        --target kicker reads \"kicker\" (or the first of \"keyphrases\").\n"
    "        An empty or null prediction scores 0.\n"
    "  REF   {\"id\": ..., \"references\": [\"...\", ...]} (or one string; sentences\n"
    "        separated by newlines); other keys are ignored, so an evaluation set is\n"
    "        its own reference file. --target kicker reads \"keyphrases\" instead.\n"
    "  DATASET  a REF file whose lines also have \"text\", the article.\n"
    "  Ids are compared as the JSON text given, digit for digit (1, 1.0 and \"1\"\n"
    "  differ; a string's escapes do not matter); a line without \"id\" has its\n"
    "  line number as id. A reference id without a prediction, a duplicate id or a\n"
    "  malformed line is an error (exit 1, no report); extra predictions are ignored.\n"
    "\n"
    "Scoring: per item, the reference with the highest F-measure is taken per metric\n"
    "(--multi-ref average: the mean over the references);\n"
    "ROUGE-Lsum splits texts on newlines. Reports give the mean x100 with a 95%\n"
    "percentile bootstrap interval (fixed seed: the same input prints the same\n"
    "numbers).\n"
    "\n"
    "Targets:\n"
    "  summary   (default) ROUGE precision, recall and F-measure.\n"
    "  headline  ROUGE of \"headline\"; recall is shown first: DUC scores headlines\n"
    "            as recall at --bytes 75.\n"
    "  kicker    P@1, partial@1, sub@1 and words@1 of \"kicker\" against \"keyphrases\",\n"
    "            exactly as shared/tools/kicker_eval.py defines them; needs\n"
    "            --stopwords FILE (the content-word list; kicker_eval.py's default is\n"
    "            stopwords-en-yake.txt).\n"
    "\n"
    "Baselines (dataset form): lead-N = the first N sentences (lede's segmenter);\n"
    "prefix-BYTES = the first BYTES bytes of the text; oracle-N = greedy choice of up\n"
    "to N sentences maximizing the mean of ROUGE-1 and ROUGE-2 F (recall for\n"
    "--target headline) against the references, stopping when no sentence helps.\n"
    "\n"
    "--compare: paired bootstrap on the items of REF: for each metric (F-measure; recall\n"
    "for headlines; P@1, partial@1, sub@1 for kickers) the means of A and B, the mean\n"
    "difference B - A, its 95% interval and p, the share of resamples where B is not\n"
    "better (mean difference <= 0). Exit 0 whatever the verdict, unless\n"
    "--fail-if-worse MARGIN is given: then exit 1 when, on any of these metrics, the\n"
    "mean difference B - A x100 is below -MARGIN (B worse by more than MARGIN points).\n"
    "\n"
    "Output (--format): text (default) a table; json one object (means in 0..1, with\n"
    "\"low\"/\"high\" interval bounds; with --per-item also \"per_item\"); jsonl one line\n"
    "per reference id, {\"id\", \"rouge1\": {\"precision\", \"recall\", \"fmeasure\"},\n"
    "\"rouge2\", \"rougeL\", \"rougeLsum\"} (jsonl always writes items). --per-item with\n"
    "text prints one line per item before the table.\n"
    "\n"
    "--report FILE.html (any form and target) also writes one self-contained page,\n"
    "atomically: the command and the figures as text shows them, per-item\n"
    "distributions, for --compare a scatter of A against B and the paired\n"
    "differences, and the 20 items that gained and lost most by --report-metric\n"
    "(one system: the best and worst 20) beside the reference, shared words\n"
    "marked, each summary sentence with its index in the article when the article\n"
    "is known (a dataset, or \"text\" in REF). With --baseline, lede is run on the\n"
    "dataset too and drawn as system B against the baseline.\n"
    "\n"
    "Exit status: 0 success, 1 runtime error (or --fail-if-worse tripped), 2 usage.";

/* "lede eval ARG..." as a shell would take it back: the page's record of
 * how it was made. */
static char *command_line(int argc, char **argv)
{
	GString *g = g_string_new("lede");
	for (int i = 0; i < argc; i++) {
		const char *a = argv[i];
		gboolean plain = *a != '\0';
		for (const char *c = a; *c && plain; c++)
			plain = g_ascii_isalnum(*c) || strchr("-_./=:,+@%", *c);
		g_string_append_c(g, ' ');
		if (plain) {
			g_string_append(g, a);
		} else {
			char *q = g_shell_quote(a);
			g_string_append(g, q);
			g_free(q);
		}
	}
	return g_string_free(g, FALSE);
}

int lede_cli_eval(int argc, char **argv)
{
	Eval ev = {0};
	GOptionEntry entries[] = {
	    {"predictions", 0, 0, G_OPTION_ARG_FILENAME, &ev.predictions,
	     "Predictions to score (JSON Lines)", "PRED.jsonl"},
	    {"references", 0, 0, G_OPTION_ARG_FILENAME, &ev.references, "References (JSON Lines)",
	     "REF.jsonl"},
	    {"target", 0, 0, G_OPTION_ARG_STRING, &ev.target_s,
	     "What to score: summary (default), headline or kicker", "summary|headline|kicker"},
	    {"no-stem", 0, 0, G_OPTION_ARG_NONE, &ev.no_stem,
	     "Do not stem (rouge_score's default "
	     "use_stemmer=False; lede stems by default)",
	     NULL},
	    {"save-predictions", 0, 0, G_OPTION_ARG_FILENAME, &ev.save_path,
	     "Dataset form: also write what was scored (lede's output or the baseline's) as a "
	     "predictions file for --compare",
	     "FILE"},
	    {"multi-ref", 0, 0, G_OPTION_ARG_STRING, &ev.multi_ref_s,
	     "Several references: best = the one with the highest F per metric (rouge_score's "
	     "score_multi; default for summaries), average = the mean over references "
	     "(ROUGE-1.5.5's convention for the DUC headline tasks; default for --target "
	     "headline)",
	     "best|average"},
	    {"tokenize", 0, 0, G_OPTION_ARG_STRING, &ev.tokenize_s,
	     "rouge: rouge_score's tokenizer (default); unicode: extension, the tokenization of "
	     "the multilingual sets (NFKC, lower case, letter/mark/number runs, one token per "
	     "CJK character, no stemming; not comparable with rouge_score)",
	     "rouge|unicode"},
	    {"bytes", 0, 0, G_OPTION_ARG_STRING, &ev.bytes_s,
	     "Truncate each prediction to N bytes first (ROUGE-1.5.5 -b; never inside a "
	     "UTF-8 character)",
	     "N"},
	    {"words", 0, 0, G_OPTION_ARG_STRING, &ev.words_s,
	     "Truncate each prediction to N whitespace-separated words first (ROUGE-1.5.5 -l). "
	     "Not a summary length: see -n",
	     "N"},
	    {"per-item", 0, 0, G_OPTION_ARG_NONE, &ev.per_item, "Also write per-item scores", NULL},
	    {"format", 0, 0, G_OPTION_ARG_STRING, &ev.format_s, "text (default), json or jsonl",
	     "text|json|jsonl"},
	    {"resamples", 0, 0, G_OPTION_ARG_STRING, &ev.resamples_s,
	     "Bootstrap resamples (default 1000, at most 1000000)", "N"},
	    {"baseline", 0, 0, G_OPTION_ARG_STRING, &ev.baseline_s,
	     "Score a baseline on DATASET instead of lede", "lead-N|prefix-BYTES|oracle-N"},
	    {"compare", 0, 0, G_OPTION_ARG_NONE, &ev.compare,
	     "Compare two prediction files A.jsonl B.jsonl (given as arguments)", NULL},
	    {"fail-if-worse", 0, 0, G_OPTION_ARG_STRING, &ev.fail_s,
	     "With --compare: exit 1 when B's mean is below A's by more than MARGIN points "
	     "(x100) on any compared metric",
	     "MARGIN"},
	    {"sentences", 'n', 0, G_OPTION_ARG_STRING, &ev.sentences_s,
	     "Dataset form: summaries of at most N sentences (default 3)", "N"},
	    {"summary-words", 0, 0, G_OPTION_ARG_STRING, &ev.sum_words_s,
	     "Dataset form: summaries of at most N words", "N"},
	    {"summary-chars", 0, 0, G_OPTION_ARG_STRING, &ev.sum_chars_s,
	     "Dataset form: summaries of at most N characters", "N"},
	    {"ratio", 0, 0, G_OPTION_ARG_STRING, &ev.ratio_s,
	     "Dataset form: summaries of at most PCT percent of the words", "PCT"},
	    {"model", 0, 0, G_OPTION_ARG_FILENAME, &ev.model_path,
	     "Dataset form: background model (default: the compiled-in one)", "FILE"},
	    {"weights", 0, 0, G_OPTION_ARG_FILENAME, &ev.weights_path,
	     "Dataset form: fitted weights (default: the compiled-in ones)", "FILE"},
	    {"stopwords", 0, 0, G_OPTION_ARG_FILENAME, &ev.stopwords_path,
	     "--target kicker: stop-word list deciding content words (one a line)", "FILE"},
	    {"report", 0, 0, G_OPTION_ARG_FILENAME, &ev.report_path,
	     "Also write an HTML page of the evaluation: figures, per-item distributions, "
	     "the items that moved most side by side (self-contained, no script)",
	     "FILE.html"},
	    {"report-metric", 0, 0, G_OPTION_ARG_STRING, &ev.report_metric,
	     "--report: the measure that orders the best and worst items (default rouge1; "
	     "p1 for --target kicker)",
	     "rouge1|rouge2|rougeL|rougeLsum|p1|partial1|sub1"},
	    {NULL, 0, 0, 0, NULL, NULL, NULL},
	};
	GOptionContext *ctx = g_option_context_new("[DATASET.jsonl | A.jsonl B.jsonl]");
	g_option_context_set_summary(ctx, summary_text);
	g_option_context_add_main_entries(ctx, entries, NULL);
	int status = LEDE_EXIT_USAGE;
	GPtrArray *items = NULL;
	GHashTable *by_id = NULL;
	char **preds = NULL;
	double *vals = NULL;
	char **args = NULL;
	ev.command = command_line(argc, argv);
	int parsed = cli_parse_options(ctx, entries, "eval", argc, argv, &args);
	if (parsed >= 0) {
		status = parsed;
		goto out;
	}
	/* positional arguments, after argv[0] */
	int npos = (int)g_strv_length(args) - 1;
	char **pos = args + 1;

	/* the names in the enums' order */
	static const char *const targets[] = {"summary", "headline", "kicker", NULL};
	static const char *const formats[] = {"text", "json", "jsonl", NULL};
	static const char *const multi_refs[] = {"best", "average", NULL};
	static const char *const tokenizers[] = {"rouge", "unicode", NULL};
	int choice;
	ev.target = TARGET_SUMMARY;
	if (ev.target_s) {
		if ((status = cli_usage_choice("eval", "--target", ev.target_s, targets, &choice)))
			goto out;
		ev.target = (Target)choice;
	}
	ev.format = FMT_TEXT;
	if (ev.format_s) {
		if ((status = cli_usage_choice("eval", "--format", ev.format_s, formats, &choice)))
			goto out;
		ev.format = (Format)choice;
	}
	ev.average_refs = ev.target == TARGET_HEADLINE;
	if (ev.multi_ref_s) {
		if ((status = cli_usage_choice("eval", "--multi-ref", ev.multi_ref_s, multi_refs,
		                               &choice)))
			goto out;
		ev.average_refs = choice == 1;
	}
	if (ev.tokenize_s) {
		if ((status = cli_usage_choice("eval", "--tokenize", ev.tokenize_s, tokenizers,
		                               &choice)))
			goto out;
		ev.unicode = choice == 1;
		/* The multilingual baselines are unstemmed, and Porter is English. */
		if (ev.unicode)
			ev.no_stem = TRUE;
	}
	if (ev.bytes_s) {
		if (!parse_count(ev.bytes_s, &ev.bytes)) {
			status = cli_usage_error("eval", "--bytes: not a count: '%s'", ev.bytes_s);
			goto out;
		}
		ev.has_bytes = TRUE;
	}
	if (ev.words_s) {
		if (!parse_count(ev.words_s, &ev.words)) {
			status = cli_usage_error("eval", "--words: not a count: '%s'", ev.words_s);
			goto out;
		}
		ev.has_words = TRUE;
	}
	ev.resamples = 1000;
	if (ev.resamples_s && (status = cli_usage_number("eval", "--resamples", ev.resamples_s, 1,
	                                                 EVAL_MAX_RESAMPLES, &ev.resamples)))
		goto out;
	if (ev.fail_s) {
		char *end;
		ev.fail_margin = g_ascii_strtod(ev.fail_s, &end);
		if (!*ev.fail_s || *end || !isfinite(ev.fail_margin) || ev.fail_margin < 0) {
			status = cli_usage_error("eval",
			                         "--fail-if-worse: not a non-negative number: "
			                         "'%s'",
			                         ev.fail_s);
			goto out;
		}
		if (!ev.compare) {
			status = cli_usage_error("eval", "--fail-if-worse needs --compare");
			goto out;
		}
		ev.has_fail = TRUE;
	}
	if (ev.baseline_s) {
		gsize v;
		const char *s = ev.baseline_s;
		if (g_str_has_prefix(s, "lead-") && parse_count(s + 5, &v) && v > 0)
			ev.baseline = BASE_LEAD;
		else if (g_str_has_prefix(s, "prefix-") && parse_count(s + 7, &v) && v > 0)
			ev.baseline = BASE_PREFIX;
		else if (g_str_has_prefix(s, "oracle-") && parse_count(s + 7, &v) && v > 0)
			ev.baseline = BASE_ORACLE;
		else {
			status = cli_usage_error("eval",
			                         "--baseline: expected lead-N, prefix-BYTES or "
			                         "oracle-N, not '%s'",
			                         s);
			goto out;
		}
		ev.baseline_n = (guint)v;
		if (ev.target == TARGET_KICKER) {
			status =
			    cli_usage_error("eval", "--baseline does not apply to --target kicker");
			goto out;
		}
	}

	lede_options_init(&ev.sum_opts, LEDE_OPTIONS_VERSION, NULL);
	ev.sum_opts.want_headline = ev.target == TARGET_HEADLINE;
	ev.sum_opts.want_kicker = ev.target == TARGET_KICKER;
	/* As lede itself: the length that suits the text's script (75 bytes
	 * for English), unless --bytes says. */
	ev.sum_opts.headline_max = 0;
	if (ev.target == TARGET_HEADLINE && ev.has_bytes)
		ev.sum_opts.headline_max = (unsigned)ev.bytes;
	{
		const char *lim_s[] = {ev.sentences_s, ev.sum_words_s, ev.sum_chars_s, ev.ratio_s};
		const char *lim_n[] = {"--sentences", "--summary-words", "--summary-chars",
		                       "--ratio"};
		const lede_limit lim[] = {LEDE_LIMIT_SENTENCES, LEDE_LIMIT_WORDS, LEDE_LIMIT_CHARS,
		                          LEDE_LIMIT_RATIO};
		int given = 0;
		for (int i = 0; i < 4; i++) {
			if (!lim_s[i])
				continue;
			gsize v;
			if (!parse_count(lim_s[i], &v) || v == 0 || (i == 3 && v > 100)) {
				status = cli_usage_error("eval", "%s: bad value '%s'", lim_n[i],
				                         lim_s[i]);
				goto out;
			}
			if (given++) {
				status =
				    cli_usage_error("eval", "give only one summary length option");
				goto out;
			}
			ev.sum_opts.limit = lim[i];
			ev.sum_opts.limit_value = (unsigned)v;
		}
	}
	if (ev.report_metric && !ev.report_path) {
		status = cli_usage_error("eval", "--report-metric needs --report FILE.html");
		goto out;
	}
	if (ev.report_metric) {
		Measures m;
		measures(&ev, &m);
		if ((status = cli_usage_choice("eval", "--report-metric", ev.report_metric, m.keys,
		                               &choice)))
			goto out;
		ev.report_rank = (guint)choice;
	}
	if (ev.target == TARGET_KICKER && !ev.stopwords_path) {
		status = cli_usage_error(
		    "eval", "--target kicker needs --stopwords FILE (e.g. "
		            "shared/eval/stopwords-en-yake.txt, kicker_eval.py's list)");
		goto out;
	}

	/* which form */
	if (ev.compare) {
		if (npos != 2) {
			status =
			    cli_usage_error("eval", "--compare needs two prediction files A B");
			goto out;
		}
		if (!ev.references) {
			status = cli_usage_error("eval", "--compare needs --references REF.jsonl");
			goto out;
		}
		if (ev.predictions || ev.baseline_s) {
			status = cli_usage_error("eval", "--compare takes no --predictions or "
			                                 "--baseline");
			goto out;
		}
		if (ev.format == FMT_JSONL || ev.per_item) {
			status = cli_usage_error("eval", "--compare writes no per-item scores");
			goto out;
		}
	} else if (ev.predictions) {
		if (npos == 1 && !ev.references)
			ev.references = g_strdup(pos[0]);
		else if (npos > 0) {
			status = cli_usage_error("eval", "unexpected argument '%s'", pos[0]);
			goto out;
		}
		if (!ev.references) {
			status =
			    cli_usage_error("eval", "--predictions needs --references REF.jsonl");
			goto out;
		}
		if (ev.baseline_s) {
			status = cli_usage_error("eval", "--baseline runs on a dataset, not on "
			                                 "--predictions");
			goto out;
		}
	} else {
		if (npos != 1 || ev.references) {
			status =
			    cli_usage_error("eval", npos == 0 && !ev.references
			                                ? "give --predictions and --references, "
			                                  "or a dataset"
			                                : "give one dataset (the dataset is its "
			                                  "own reference file)");
			goto out;
		}
	}

	status = LEDE_EXIT_FAILURE;
	if (ev.target == TARGET_KICKER) {
		ev.stem_cache = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
		if (!load_stopwords(&ev))
			goto out;
	}
	gboolean dataset = !ev.compare && !ev.predictions;
	const char *ref_path = dataset ? pos[0] : ev.references;
	ev.ref_path = ref_path;
	if (!load_refs(&ev, ref_path, dataset, &items, &by_id))
		goto out;
	if (ev.compare) {
		status = compare(&ev, pos[0], pos[1], items);
		goto out;
	}
	if (dataset) {
		preds = run_dataset(&ev, ref_path, items);
		if (preds && ev.save_path && !save_predictions(&ev, ev.save_path, preds, items)) {
			status = LEDE_EXIT_FAILURE;
			goto out;
		}
	} else {
		GHashTable *p = load_preds(&ev, ev.predictions);
		if (p) {
			preds = match_preds(ev.predictions, p, items);
			g_hash_table_destroy(p);
		}
	}
	if (!preds)
		goto out;
	vals = score_all(&ev, preds, items);
	GString *figures = g_string_new(NULL);
	if (ev.format == FMT_TEXT || ev.report_path)
		figures_text(&ev, items->len, vals, figures);
	report(&ev, items, preds, vals, figures->str);
	status = cli_flush_stdout() ? LEDE_EXIT_OK : LEDE_EXIT_FAILURE;
	if (ev.report_path && !write_single_report(&ev, ref_path, items, preds, vals, figures))
		status = LEDE_EXIT_FAILURE;
	g_string_free(figures, TRUE);

out:
	g_free(vals);
	g_strfreev(preds);
	if (by_id)
		g_hash_table_destroy(by_id);
	if (items)
		g_ptr_array_free(items, TRUE);
	if (ev.stop)
		g_hash_table_destroy(ev.stop);
	if (ev.stem_cache)
		g_hash_table_destroy(ev.stem_cache);
	g_free(ev.predictions);
	g_free(ev.references);
	g_free(ev.format_s);
	g_free(ev.tokenize_s);
	g_free(ev.multi_ref_s);
	g_free(ev.save_path);
	g_free(ev.report_path);
	g_free(ev.report_metric);
	g_free(ev.command);
	g_free(ev.target_s);
	g_free(ev.baseline_s);
	g_free(ev.bytes_s);
	g_free(ev.words_s);
	g_free(ev.fail_s);
	g_free(ev.model_path);
	g_free(ev.weights_path);
	g_free(ev.stopwords_path);
	g_free(ev.sentences_s);
	g_free(ev.sum_words_s);
	g_free(ev.sum_chars_s);
	g_free(ev.ratio_s);
	g_free(ev.resamples_s);
	g_strfreev(args);
	g_option_context_free(ctx);
	return status;
}
