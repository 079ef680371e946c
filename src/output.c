/* The summary object and its renderings (JSON through cJSON, plain text). */
#include "score.h"

#include <cjson/cJSON.h>
#include <math.h>

typedef struct {
	gsize index, start, end;
	double score;
} Picked;

typedef struct {
	gsize start, end;
	double score;
	gboolean selected;
	double feat[LEDE_N_FEATURES];
} Explained;

struct lede_summary {
	const lede_doc *doc;
	GArray *picked;    /* Picked, document order */
	GArray *explained; /* Explained for every sentence, or NULL */
	char *kicker;
	char *headline;
	GPtrArray *keyphrases;
};

lede_summary *lede_summarize(lede_summarizer *sz, const lede_doc *doc, const lede_options *o,
                             GError **error)
{
	lede_options defaults;
	if (!o) {
		lede_options_init(&defaults);
		o = &defaults;
	}
	if (o->version != LEDE_OPTIONS_VERSION) {
		g_set_error(
		    error, LEDE_ERROR, LEDE_ERROR_INVALID,
		    "lede_options version %u, this library knows %u (call lede_options_init)",
		    o->version, LEDE_OPTIONS_VERSION);
		return NULL;
	}
	LedeAnalysis *a = lede_analyse(sz, doc, o);
	lede_summary *r = g_new0(lede_summary, 1);
	r->doc = doc;
	r->picked = g_array_new(FALSE, FALSE, sizeof(Picked));
	for (guint k = 0; k < a->n_selected; k++) {
		const LedeSentence *s = &g_array_index(a->sentences, LedeSentence, a->selected[k]);
		Picked p = {a->selected[k], s->start, s->end, s->score};
		g_array_append_val(r->picked, p);
	}
	if (o->explain) {
		r->explained =
		    g_array_sized_new(FALSE, FALSE, sizeof(Explained), a->sentences->len);
		guint k = 0;
		for (guint i = 0; i < a->sentences->len; i++) {
			const LedeSentence *s = &g_array_index(a->sentences, LedeSentence, i);
			Explained e = {s->start, s->end, s->score, FALSE, {0}};
			while (k < a->n_selected && a->selected[k] < i)
				k++;
			e.selected = k < a->n_selected && a->selected[k] == i;
			memcpy(e.feat, s->feat, sizeof e.feat);
			g_array_append_val(r->explained, e);
		}
	}
	r->keyphrases = g_ptr_array_new_with_free_func(g_free);
	/* One keyphrase pass serves the kicker, the headline's topics (two) and
	 * the list asked for. */
	guint want = MAX(o->n_keyphrases, o->want_kicker ? 1u : 0u);
	want = MAX(want, o->want_headline ? 2u : 0u);
	if (want && a->sentences->len)
		lede_keyphrases(a, want, r->keyphrases);
	if (o->want_kicker && r->keyphrases->len)
		r->kicker = lede_kicker_from_phrase(g_ptr_array_index(r->keyphrases, 0));
	if (o->want_headline && a->sentences->len)
		r->headline =
		    lede_headline(a, o->headline_max ? o->headline_max : 75, r->keyphrases);
	if (r->keyphrases->len > o->n_keyphrases)
		g_ptr_array_set_size(r->keyphrases, o->n_keyphrases);
	lede_analysis_free(a);
	return r;
}

void lede_summary_free(lede_summary *r)
{
	if (!r)
		return;
	g_array_free(r->picked, TRUE);
	if (r->explained)
		g_array_free(r->explained, TRUE);
	g_ptr_array_free(r->keyphrases, TRUE);
	g_free(r->kicker);
	g_free(r->headline);
	g_free(r);
}

gsize lede_summary_n_sentences(const lede_summary *r)
{
	return r->picked->len;
}

gsize lede_summary_sentence_index(const lede_summary *r, gsize i)
{
	g_return_val_if_fail(i < r->picked->len, 0);
	return g_array_index(r->picked, Picked, i).index;
}

double lede_summary_sentence_score(const lede_summary *r, gsize i)
{
	g_return_val_if_fail(i < r->picked->len, 0.0);
	return g_array_index(r->picked, Picked, i).score;
}

const char *lede_summary_kicker(const lede_summary *r)
{
	return r->kicker;
}

const char *lede_summary_headline(const lede_summary *r)
{
	return r->headline;
}

gsize lede_summary_n_keyphrases(const lede_summary *r)
{
	return r->keyphrases->len;
}

const char *lede_summary_keyphrase(const lede_summary *r, gsize i)
{
	g_return_val_if_fail(i < r->keyphrases->len, NULL);
	return g_ptr_array_index(r->keyphrases, i);
}

/* A sentence as one line: runs of white space that hold a line break (a
 * hard-wrapped sentence) become one space. */
static void append_folded(GString *g, const char *p, gsize len)
{
	for (gsize i = 0; i < len; i++) {
		if (p[i] == '\n' || p[i] == '\r') {
			while (g->len && (g->str[g->len - 1] == ' ' || g->str[g->len - 1] == '\t'))
				g_string_truncate(g, g->len - 1);
			while (i + 1 < len && g_ascii_isspace(p[i + 1]))
				i++;
			g_string_append_c(g, ' ');
			continue;
		}
		/* Most sentences have no line break: copy up to the next one whole. */
		const char *nl = memchr(p + i, '\n', len - i), *cr = memchr(p + i, '\r', len - i);
		gsize run = MIN(nl ? (gsize)(nl - p) : len, cr ? (gsize)(cr - p) : len);
		g_string_append_len(g, p + i, (gssize)(run - i));
		i = run - 1;
	}
}

static char *sentence_text(const lede_summary *r, gsize start, gsize end)
{
	const char *text = lede_doc_text(r->doc, NULL);
	GString *g = g_string_sized_new(end - start + 1);
	append_folded(g, text + start, end - start);
	return g_string_free(g, FALSE);
}

/* Numbers go out as raw JSON formatted here: cJSON prints every double with
 * "%1.15g" and reads it back with sscanf to check the round trip, which was
 * a tenth of a batch run. The text is the same as cJSON's. */

/* Writes the decimal digits of v just before end; returns where they start. */
static char *digits_before(char *end, guint64 v)
{
	do
		*--end = (char)('0' + v % 10);
	while (v /= 10);
	return end;
}

static cJSON *integer(guint64 v)
{
	char buf[24];
	buf[sizeof buf - 1] = '\0';
	return cJSON_CreateRaw(digits_before(buf + sizeof buf - 1, v));
}

cJSON *lede_json_number(double x)
{
	/* Six decimals keep the output byte-identical across platforms whose
	 * last-bit floating point results could differ. */
	double v = round(x * 1e6) / 1e6;
	/* Outside this range "%g" switches to exponents: leave those to cJSON. */
	if (!isfinite(v) || fabs(v) >= 1e9 || (v != 0.0 && fabs(v) < 1e-4))
		return cJSON_CreateNumber(v);
	/* v has at most 15 significant digits, all of them in k / 10^6, so
	 * "%1.15g" prints exactly that decimal without its trailing zeros. */
	gint64 k = llround(v * 1e6);
	guint64 m = (guint64)(k < 0 ? -k : k);
	char buf[32], *p = buf + sizeof buf - 1;
	*p = '\0';
	guint64 frac = m % 1000000;
	if (frac) {
		int places = 6;
		for (; frac % 10 == 0; frac /= 10)
			places--;
		for (; places > 0; places--, frac /= 10)
			*--p = (char)('0' + frac % 10);
		*--p = '.';
	}
	p = digits_before(p, m / 1000000);
	if (k < 0 || signbit(v)) /* cJSON prints a negative zero as "-0" */
		*--p = '-';
	return cJSON_CreateRaw(p);
}

/* Adds item under key, which is a string literal (or a feature name, as
 * lasting): cJSON keeps the pointer instead of a copy of its own, which
 * spares a malloc, a copy and a free per key of every object written. */
static cJSON *add(cJSON *object, const char *key, cJSON *item)
{
	cJSON_AddItemToObjectCS(object, key, item);
	return item;
}

char *lede_summary_to_json(const lede_summary *r, const char *id_json, gboolean pretty)
{
	cJSON *o = cJSON_CreateObject();
	if (id_json)
		add(o, "id", cJSON_CreateRaw(id_json));
	add(o, "kicker", r->kicker ? cJSON_CreateString(r->kicker) : cJSON_CreateNull());
	add(o, "headline", r->headline ? cJSON_CreateString(r->headline) : cJSON_CreateNull());
	cJSON *summary = add(o, "summary", cJSON_CreateArray());
	cJSON *sentences = add(o, "sentences", cJSON_CreateArray());
	for (guint i = 0; i < r->picked->len; i++) {
		const Picked *p = &g_array_index(r->picked, Picked, i);
		char *t = sentence_text(r, p->start, p->end);
		cJSON_AddItemToArray(summary, cJSON_CreateString(t));
		g_free(t);
		cJSON *s = cJSON_CreateObject();
		add(s, "index", integer(p->index));
		add(s, "start", integer(p->start));
		add(s, "end", integer(p->end));
		add(s, "score", lede_json_number(p->score));
		cJSON_AddItemToArray(sentences, s);
	}
	if (r->keyphrases->len) {
		cJSON *k = add(o, "keyphrases", cJSON_CreateArray());
		for (guint i = 0; i < r->keyphrases->len; i++)
			cJSON_AddItemToArray(
			    k, cJSON_CreateString(g_ptr_array_index(r->keyphrases, i)));
	}
	gsize len;
	lede_doc_text(r->doc, &len);
	cJSON *st = add(o, "stats", cJSON_CreateObject());
	add(st, "bytes", integer(len));
	add(st, "words", integer(lede_doc_n_words(r->doc)));
	add(st, "sentences", integer(lede_doc_n_sentences(r->doc)));
	add(st, "paragraphs", integer(lede_doc_n_paragraphs(r->doc)));
	add(st, "repaired", cJSON_CreateBool(lede_doc_was_repaired(r->doc)));
	if (r->explained) {
		cJSON *ex = add(o, "explain", cJSON_CreateArray());
		for (guint i = 0; i < r->explained->len; i++) {
			const Explained *e = &g_array_index(r->explained, Explained, i);
			cJSON *s = cJSON_CreateObject();
			add(s, "index", integer(i));
			add(s, "start", integer(e->start));
			add(s, "end", integer(e->end));
			add(s, "score", lede_json_number(e->score));
			add(s, "selected", cJSON_CreateBool(e->selected));
			cJSON *f = add(s, "features", cJSON_CreateObject());
			for (guint k = 0; k < LEDE_N_FEATURES; k++)
				add(f, lede_feature_name(k), lede_json_number(e->feat[k]));
			cJSON_AddItemToArray(ex, s);
		}
	}
	char *out = pretty ? cJSON_Print(o) : cJSON_PrintUnformatted(o);
	char *ret = g_strdup(out);
	cJSON_free(out);
	cJSON_Delete(o);
	return ret;
}

char *lede_summary_to_text(const lede_summary *r)
{
	GString *g = g_string_new(NULL);
	if (r->kicker || r->headline) {
		if (r->kicker)
			g_string_append_printf(g, "%s:%s", r->kicker, r->headline ? " " : "");
		if (r->headline)
			g_string_append(g, r->headline);
		g_string_append(g, "\n\n");
	}
	const char *text = lede_doc_text(r->doc, NULL);
	for (guint i = 0; i < r->picked->len; i++) {
		const Picked *p = &g_array_index(r->picked, Picked, i);
		if (i)
			g_string_append_c(g, ' ');
		append_folded(g, text + p->start, p->end - p->start);
	}
	if (r->picked->len)
		g_string_append_c(g, '\n');
	if (r->explained) {
		g_string_append(g, "\n#\tscore\tsel");
		for (guint k = 0; k < LEDE_N_FEATURES; k++)
			g_string_append_printf(g, "\t%s", lede_feature_name(k));
		g_string_append_c(g, '\n');
		for (guint i = 0; i < r->explained->len; i++) {
			const Explained *e = &g_array_index(r->explained, Explained, i);
			g_string_append_printf(g, "%u\t%.4f\t%s", i, e->score,
			                       e->selected ? "*" : "");
			for (guint k = 0; k < LEDE_N_FEATURES; k++)
				g_string_append_printf(g, "\t%.3f", e->feat[k]);
			g_string_append_c(g, '\n');
		}
	}
	return g_string_free(g, FALSE);
}
