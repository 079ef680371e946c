/* lede-fit: fits the sentence-feature weights of models/weights.json.
 *
 *   lede-fit [--init W.json] [-o OUT.json] [--ablation] DATASET.jsonl
 *
 * DATASET is JSON Lines with "id", "text" and "references" (cnndm-dev). Items
 * are ordered by id; weights are fitted on the first half only and the
 * figures are reported on both halves and the whole, so the second half is
 * a held-back check. The fit is coordinate ascent on mean ROUGE-1 F plus
 * ROUGE-Lsum F of 3-sentence summaries, the position weight held at 1 as the
 * scale. Features are computed once per document; only selection and
 * scoring repeat, and each document's ROUGE is cached by selection.
 */
#include <cjson/cJSON.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "score.h"

#define N_SENT 3
#define MAX_CAND 80 /* sentences considered per document in the fit */

typedef struct {
	char *id;
	char **refs; /* NULL-terminated; the best F over them counts (score_multi) */
	guint n_refs;
	guint n; /* candidate sentences */
	double (*feat)[LEDE_N_FEATURES];
	gboolean *eligible;
	char **sent;       /* folded sentence text */
	float *overlap;    /* n x n stem overlap */
	GHashTable *cache; /* selection key -> double[2] (r1 f, rlsum f) */
} Doc;

typedef struct {
	Doc *docs;
	guint n;
	lede_rouge *rouge;
	double redundancy;
} Set;

static int cmp_id(const void *a, const void *b)
{
	return strcmp(((const Doc *)a)->id, ((const Doc *)b)->id);
}

static char *fold(const char *p, gsize len)
{
	char *s = g_strndup(p, len);
	for (char *q = s; *q; q++)
		if (*q == '\n' || *q == '\r')
			*q = ' ';
	return s;
}

static void load(Set *set, const char *path, lede_summarizer *sz)
{
	char *data;
	gsize len;
	GError *error = NULL;
	if (!g_file_get_contents(path, &data, &len, &error)) {
		fprintf(stderr, "lede-fit: %s: %s\n", path, error->message);
		exit(1);
	}
	GArray *docs = g_array_new(FALSE, TRUE, sizeof(Doc));
	lede_options o;
	lede_options_init(&o, LEDE_OPTIONS_VERSION, NULL);
	o.explain = TRUE; /* every feature, including those the start weights zero */
	char *save = NULL;
	for (char *line = strtok_r(data, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
		cJSON *obj = cJSON_Parse(line);
		cJSON *id = cJSON_GetObjectItem(obj, "id");
		cJSON *text = cJSON_GetObjectItem(obj, "text");
		cJSON *refs = cJSON_GetObjectItem(obj, "references");
		if (!cJSON_IsString(id) || !cJSON_IsString(text) || !refs) {
			cJSON_Delete(obj);
			continue;
		}
		Doc d = {0};
		d.id = g_strdup(id->valuestring);
		GPtrArray *rs = g_ptr_array_new();
		if (cJSON_IsString(refs)) {
			g_ptr_array_add(rs, g_strdup(refs->valuestring));
		} else {
			/* CNN/DM's highlights are one reference a line; the
			 * multilingual sets' several references each count alone. */
			cJSON *r;
			cJSON_ArrayForEach(r, refs) if (cJSON_IsString(r))
			    g_ptr_array_add(rs, g_strdup(r->valuestring));
		}
		d.n_refs = rs->len;
		g_ptr_array_add(rs, NULL);
		d.refs = (char **)g_ptr_array_free(rs, FALSE);
		lede_doc *doc = lede_doc_new(text->valuestring, strlen(text->valuestring), NULL);
		LedeAnalysis *a = lede_analyse(sz, doc, &o);
		d.n = MIN(a->sentences->len, MAX_CAND);
		d.feat = g_malloc(sizeof(double[LEDE_N_FEATURES]) * MAX(d.n, 1u));
		d.eligible = g_new(gboolean, d.n ? d.n : 1);
		d.sent = g_new(char *, d.n ? d.n : 1);
		d.overlap = g_new(float, MAX(d.n * d.n, 1u));
		for (guint i = 0; i < d.n; i++) {
			const LedeSentence *s = &g_array_index(a->sentences, LedeSentence, i);
			memcpy(d.feat[i], s->feat, sizeof s->feat);
			d.eligible[i] = s->eligible;
			d.sent[i] = fold(a->text + s->start, s->end - s->start);
			for (guint j = 0; j < d.n; j++)
				d.overlap[i * d.n + j] = (float)lede_stem_overlap(sz, i, j);
		}
		d.cache = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
		g_array_append_val(docs, d);
		lede_doc_free(doc);
		cJSON_Delete(obj);
	}
	g_free(data);
	set->n = docs->len;
	set->docs = (Doc *)(void *)g_array_free(docs, FALSE);
	qsort(set->docs, set->n, sizeof(Doc), cmp_id);
}

typedef struct {
	guint i;
	double s;
} Cand;

static int cmp_cand(const void *x, const void *y)
{
	const Cand *a = x, *b = y;
	if (a->s != b->s)
		return a->s > b->s ? -1 : 1;
	return a->i < b->i ? -1 : a->i > b->i;
}

static int cmp_uint(const void *x, const void *y)
{
	guint a = *(const guint *)x, b = *(const guint *)y;
	return a < b ? -1 : a > b;
}

/* Mirrors select.c for the sentence limit. lead selects the first N. */
static guint choose(const Doc *d, const double *w, double redundancy, gboolean lead, guint *out)
{
	Cand c[MAX_CAND];
	guint m = 0, k = 0;
	for (guint i = 0; i < d->n; i++) {
		if (!d->eligible[i] && !lead)
			continue;
		double s = 0;
		for (guint f = 0; f < LEDE_N_FEATURES; f++)
			s += w[f] * d->feat[i][f];
		c[m++] = (Cand){i, lead ? -(double)i : s};
	}
	qsort(c, m, sizeof *c, cmp_cand);
	for (guint j = 0; j < m && k < N_SENT; j++) {
		gboolean red = FALSE;
		for (guint q = 0; q < k && !lead && !red; q++)
			red = d->overlap[c[j].i * d->n + out[q]] > redundancy;
		if (!red)
			out[k++] = c[j].i;
	}
	qsort(out, k, sizeof(guint), cmp_uint);
	return k;
}

static const double *doc_scores(Set *set, Doc *d, const guint *sel, guint k)
{
	char key[64] = "";
	for (guint j = 0; j < k; j++)
		g_snprintf(key + strlen(key), sizeof key - strlen(key), "%u,", sel[j]);
	double *v = g_hash_table_lookup(d->cache, key);
	if (v)
		return v;
	GString *g = g_string_new(NULL);
	for (guint j = 0; j < k; j++) {
		if (j)
			g_string_append_c(g, '\n');
		g_string_append(g, d->sent[sel[j]]);
	}
	lede_rouge_scores sc;
	lede_rouge_score(set->rouge, g->str, (const char *const *)d->refs, d->n_refs, &sc);
	g_string_free(g, TRUE);
	v = g_new(double, 3);
	v[0] = sc.rouge1.fmeasure;
	v[1] = sc.rouge2.fmeasure;
	v[2] = sc.rougeLsum.fmeasure;
	g_hash_table_insert(d->cache, g_strdup(key), v);
	return v;
}

/* Mean, R-Lsum F over docs [from, to). */
static void evaluate(Set *set, const double *w, double redundancy, gboolean lead, guint from,
                     guint to, double out[3])
{
	out[0] = out[1] = out[2] = 0;
	for (guint i = from; i < to; i++) {
		guint sel[N_SENT];
		guint k = choose(&set->docs[i], w, redundancy, lead, sel);
		const double *v = doc_scores(set, &set->docs[i], sel, k);
		for (int m = 0; m < 3; m++)
			out[m] += v[m];
	}
	for (int m = 0; m < 3; m++)
		out[m] = 100.0 * out[m] / MAX(to - from, 1u);
}

static gboolean objective_r1; /* --r1: ROUGE-1 F alone */

static double objective(const double r[3])
{
	return objective_r1 ? r[0] : r[0] + r[2];
}

static void report(Set *set, const char *label, const double *w, double red, gboolean lead)
{
	guint h = set->n / 2;
	double a[3], b[3], c[3];
	evaluate(set, w, red, lead, 0, h, a);
	evaluate(set, w, red, lead, h, set->n, b);
	evaluate(set, w, red, lead, 0, set->n, c);
	printf("| %-22s | %.2f / %.2f / %.2f | %.2f / %.2f / %.2f | %.2f / %.2f / %.2f |\n", label,
	       a[0], a[1], a[2], b[0], b[1], b[2], c[0], c[1], c[2]);
}

static void write_weights(const char *path, const lede_weights *base, const double *w, double red,
                          const char *comment)
{
	cJSON *o = cJSON_CreateObject();
	cJSON_AddStringToObject(o, "comment",
	                        comment ? comment
	                                : "Fitted by lede-fit on the first half (by id) of "
	                                  "cnndm-dev; see models/README.md");
	cJSON *ws = cJSON_AddObjectToObject(o, "weights");
	for (guint f = 0; f < LEDE_N_FEATURES; f++)
		cJSON_AddNumberToObject(ws, lede_feature_name(f), round(w[f] * 1e4) / 1e4);
	cJSON_AddNumberToObject(o, "redundancy", red);
	cJSON_AddNumberToObject(o, "position_decay", base->position_decay);
	cJSON_AddNumberToObject(o, "length_cap", base->length_cap);
	cJSON_AddNumberToObject(o, "min_words", base->min_words);
	char *s = cJSON_Print(o);
	GString *g = g_string_new(s);
	g_string_append_c(g, '\n');
	GError *error = NULL;
	if (!g_file_set_contents(path, g->str, (gssize)g->len, &error)) {
		fprintf(stderr, "lede-fit: %s: %s\n", path, error->message);
		exit(1);
	}
	g_string_free(g, TRUE);
	cJSON_free(s);
	cJSON_Delete(o);
}

int main(int argc, char **argv)
{
	char *init = NULL, *out = NULL, *comment = NULL;
	gboolean ablation = FALSE, unicode = FALSE;
	gint rounds = 4;
	GOptionEntry entries[] = {
	    {"init", 0, 0, G_OPTION_ARG_FILENAME, &init, "Starting weights (default: built-in)",
	     "FILE"},
	    {"output", 'o', 0, G_OPTION_ARG_FILENAME, &out, "Write the fitted weights here",
	     "FILE"},
	    {"rounds", 0, 0, G_OPTION_ARG_INT, &rounds, "Coordinate-ascent rounds (default 4)",
	     "N"},
	    {"unicode", 0, 0, G_OPTION_ARG_NONE, &unicode,
	     "Score with the multilingual sets' tokenization (lede eval --tokenize unicode)", NULL},
	    {"r1", 0, 0, G_OPTION_ARG_NONE, &objective_r1,
	     "Maximize ROUGE-1 F alone (default: ROUGE-1 F + ROUGE-Lsum F)", NULL},
	    {"comment", 0, 0, G_OPTION_ARG_STRING, &comment, "The written file's comment", "TEXT"},
	    {"ablation", 0, 0, G_OPTION_ARG_NONE, &ablation,
	     "Print the ablation table of the start weights only", NULL},
	    {NULL, 0, 0, 0, NULL, NULL, NULL},
	};
	GOptionContext *ctx = g_option_context_new("DATASET.jsonl");
	g_option_context_add_main_entries(ctx, entries, NULL);
	GError *error = NULL;
	if (!g_option_context_parse(ctx, &argc, &argv, &error) || argc != 2) {
		fprintf(stderr, "lede-fit: %s\n",
		        error ? error->message : "expected one DATASET.jsonl");
		return 2;
	}
	lede_model *model = lede_model_open_default(&error);
	if (!model) {
		fprintf(stderr, "lede-fit: %s\n", error->message);
		return 1;
	}
	lede_summarizer *sz = lede_summarizer_new(model, init, &error);
	if (!sz) {
		fprintf(stderr, "lede-fit: %s: %s\n", init ? init : "built-in weights",
		        error->message);
		return 1;
	}
	Set set = {0};
	set.rouge = lede_rouge_new(unicode ? LEDE_ROUGE_UNICODE : LEDE_ROUGE_STEM);
	load(&set, argv[1], sz);
	lede_weights base = sz->weights;
	double w[LEDE_N_FEATURES];
	memcpy(w, base.w, sizeof w);
	double red = base.redundancy;
	guint h = set.n / 2;

	printf("%u documents; fit on the first %u by id\n\n", set.n, h);
	printf("| system | first half R-1/R-2/R-Lsum | second half | whole |\n|---|---|---|---|\n");
	report(&set, "Lead-3", w, red, TRUE);
	report(&set, "start weights", w, red, FALSE);

	if (ablation) {
		for (guint f = 0; f < LEDE_N_FEATURES; f++) {
			if (w[f] == 0)
				continue;
			double z[LEDE_N_FEATURES];
			memcpy(z, w, sizeof z);
			z[f] = 0;
			char label[64];
			g_snprintf(label, sizeof label, "without %s", lede_feature_name(f));
			report(&set, label, z, red, FALSE);
		}
		double z[LEDE_N_FEATURES] = {0};
		z[LEDE_F_POSITION] = 1;
		report(&set, "position only", z, red, FALSE);
		return 0;
	}

	static const double steps[] = {-2,   -1,  -0.5, -0.25, -0.1, -0.05,
	                               0.05, 0.1, 0.25, 0.5,   1,    2};
	double r[3];
	evaluate(&set, w, red, FALSE, 0, h, r);
	double best = objective(r);
	for (int round = 0; round < rounds; round++) {
		double scale = 1.0 / (1 << round);
		for (guint f = 0; f < LEDE_N_FEATURES; f++) {
			if (f == LEDE_F_POSITION)
				continue;
			double keep = w[f];
			for (guint s = 0; s < G_N_ELEMENTS(steps); s++) {
				w[f] = keep + steps[s] * scale;
				evaluate(&set, w, red, FALSE, 0, h, r);
				if (objective(r) > best + 1e-9) {
					best = objective(r);
					keep = w[f];
				}
			}
			w[f] = keep;
		}
		static const double reds[] = {0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.01};
		double keep = red;
		for (guint s = 0; s < G_N_ELEMENTS(reds); s++) {
			evaluate(&set, w, reds[s], FALSE, 0, h, r);
			if (objective(r) > best + 1e-9) {
				best = objective(r);
				keep = reds[s];
			}
		}
		red = keep;
		fprintf(stderr, "round %d: objective %.3f\n", round + 1, best);
	}
	report(&set, "fitted", w, red, FALSE);
	for (guint f = 0; f < LEDE_N_FEATURES; f++)
		printf("%s=%.4f ", lede_feature_name(f), w[f]);
	printf("redundancy=%.2f\n", red);
	if (out)
		write_weights(out, &base, w, red, comment);
	return 0;
}
