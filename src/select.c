/* Choosing the summary: best-scored sentences first, within the length
 * budget, skipping any that repeat what is already chosen, then put back in
 * document order. Redundancy is checked against the few chosen sentences
 * only, and the sentences come off a heap best first, so selection costs
 * O(n) plus O(log n) per sentence looked at (a few, for a summary of three
 * sentences; a full sort was a sixtieth of a batch run). */
#include "score.h"

typedef struct {
	guint index;
	double score;
} Ranked;

/* The order sentences are offered in: best score first, the earlier of
 * equal scores first. A total order, so the heap gives what a sort would. */
static gboolean ranks_before(const Ranked *a, const Ranked *b)
{
	if (a->score != b->score)
		return a->score > b->score;
	return a->index < b->index;
}

/* Restores the heap r[0..m) below position i (r[0] ranks first). */
static void sift_down(Ranked *r, guint m, guint i)
{
	for (;;) {
		guint best = i, l = 2 * i + 1, rt = l + 1;
		if (l < m && ranks_before(&r[l], &r[best]))
			best = l;
		if (rt < m && ranks_before(&r[rt], &r[best]))
			best = rt;
		if (best == i)
			return;
		Ranked t = r[i];
		r[i] = r[best];
		r[best] = t;
		i = best;
	}
}

/* Takes the first-ranked of the heap r[0..*m). */
static Ranked heap_pop(Ranked *r, guint *m)
{
	Ranked top = r[0];
	r[0] = r[--*m];
	sift_down(r, *m, 0);
	return top;
}

static int cmp_uint(gconstpointer x, gconstpointer y)
{
	guint a = *(const guint *)x, b = *(const guint *)y;
	return a < b ? -1 : a > b;
}

static gsize sentence_cost(const LedeAnalysis *a, const LedeSentence *s, lede_limit limit)
{
	switch (limit) {
	case LEDE_LIMIT_SENTENCES:
		return 1;
	case LEDE_LIMIT_CHARS:
		return (gsize)g_utf8_strlen(a->text + s->start, (gssize)(s->end - s->start));
	case LEDE_LIMIT_WORDS:
	case LEDE_LIMIT_RATIO:
		return s->words;
	}
	return 1;
}

void lede_select(lede_summarizer *sz, LedeAnalysis *a, const lede_options *o)
{
	g_array_set_size(sz->selected, 0);
	guint n = a->sentences->len;
	gsize budget = o->limit_value;
	if (o->limit == LEDE_LIMIT_RATIO) {
		gsize total = 0;
		for (guint i = 0; i < n; i++)
			total += g_array_index(a->sentences, LedeSentence, i).words;
		budget = total * MIN(o->limit_value, 100u) / 100;
	}

	Ranked *r = g_new(Ranked, n ? n : 1);
	guint m = 0;
	for (guint i = 0; i < n; i++) {
		const LedeSentence *s = &g_array_index(a->sentences, LedeSentence, i);
		if (s->eligible)
			r[m++] = (Ranked){i, s->score};
	}
	/* A document whose sentences are all too short to qualify still gets
	 * its best sentence rather than nothing. */
	if (m == 0)
		for (guint i = 0; i < n; i++)
			r[m++] = (Ranked){i, g_array_index(a->sentences, LedeSentence, i).score};
	for (guint i = m / 2; i-- > 0;)
		sift_down(r, m, i);

	gsize used = 0;
	gboolean at_least_one = o->limit == LEDE_LIMIT_RATIO;
	while (m > 0 && (used < budget || (at_least_one && sz->selected->len == 0))) {
		Ranked next = heap_pop(r, &m);
		const LedeSentence *s = &g_array_index(a->sentences, LedeSentence, next.index);
		gsize cost = sentence_cost(a, s, o->limit);
		if (used + cost > budget) {
			/* The ratio limit always yields one sentence, however short
			 * the document; the absolute limits are obeyed strictly. */
			if (!(at_least_one && sz->selected->len == 0))
				continue;
		}
		gboolean redundant = FALSE;
		for (guint j = 0; j < sz->selected->len && !redundant; j++)
			redundant = lede_stem_overlap(sz, next.index,
			                              g_array_index(sz->selected, guint, j)) >
			            sz->weights.redundancy;
		if (redundant)
			continue;
		g_array_append_val(sz->selected, next.index);
		used += cost;
	}
	g_free(r);
	g_array_sort(sz->selected, cmp_uint);
	a->selected = (guint *)(void *)sz->selected->data;
	a->n_selected = sz->selected->len;
}
