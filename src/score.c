#include "lede-private.h"
/* STUB: first cut, lead-N. */
struct lede_summarizer {
	const lede_model *model;
};
struct lede_summary {
	const lede_doc *doc;
	GArray *idx;
};
lede_summarizer *lede_summarizer_new(const lede_model *model, const char *weights_path, GError **error)
{
	(void)weights_path; (void)error;
	lede_summarizer *s = g_new0(lede_summarizer, 1);
	s->model = model;
	return s;
}
void lede_summarizer_free(lede_summarizer *s) { g_free(s); }
lede_summary *lede_summarize(lede_summarizer *s, const lede_doc *doc, const lede_options *o, GError **error)
{
	(void)s; (void)error;
	lede_summary *r = g_new0(lede_summary, 1);
	r->doc = doc;
	r->idx = g_array_new(FALSE, FALSE, sizeof(gsize));
	for (gsize i = 0; i < lede_doc_n_sentences(doc) && i < o->limit_value; i++)
		g_array_append_val(r->idx, i);
	return r;
}
void lede_summary_free(lede_summary *r) { if (r) { g_array_free(r->idx, TRUE); g_free(r); } }
gsize lede_summary_n_sentences(const lede_summary *r) { return r->idx->len; }
gsize lede_summary_sentence_index(const lede_summary *r, gsize i) { return g_array_index(r->idx, gsize, i); }
double lede_summary_sentence_score(const lede_summary *r, gsize i) { (void)r; (void)i; return 0; }
const char *lede_summary_kicker(const lede_summary *r) { (void)r; return NULL; }
const char *lede_summary_headline(const lede_summary *r) { (void)r; return NULL; }
gsize lede_summary_n_keyphrases(const lede_summary *r) { (void)r; return 0; }
const char *lede_summary_keyphrase(const lede_summary *r, gsize i) { (void)r; (void)i; return NULL; }
char *lede_summary_to_json(const lede_summary *r, const char *id_json, gboolean pretty) { (void)r; (void)id_json; (void)pretty; return g_strdup("{}"); }
char *lede_summary_to_text(const lede_summary *r)
{
	GString *g = g_string_new(NULL);
	const char *text = lede_doc_text(r->doc, NULL);
	for (guint i = 0; i < r->idx->len; i++) {
		gsize a, b;
		lede_doc_sentence(r->doc, g_array_index(r->idx, gsize, i), &a, &b);
		g_string_append_len(g, text + a, b - a);
		g_string_append_c(g, '\n');
	}
	return g_string_free(g, FALSE);
}
LedeAnalysis *lede_analyse(lede_summarizer *s, const lede_doc *doc, const lede_options *options)
{
	(void)s; (void)doc; (void)options;
	return NULL;
}
void lede_analysis_free(LedeAnalysis *a) { (void)a; }
