/* Choosing the summary: best-scored sentences first, within the length
 * budget, skipping any that repeat what is already chosen, then put back in
 * document order. The sentences come off a heap best first, so selection
 * costs O(n) plus O(log n) per sentence looked at (a few, for a summary of
 * three sentences; a full sort was a sixtieth of a batch run).
 *
 * Whether a sentence repeats a chosen one is asked of an index from each
 * content stem to the chosen sentences that have it, newest first: only the
 * chosen sentences that share a stem are counted. Comparing with every
 * chosen sentence made a long summary quadratic (--ratio 50 of 80,000
 * sentences: 33 s). A stem's list is read to its POSTINGS_READ newest
 * entries, which bounds the work by that many per stem looked up; while at
 * most that many sentences are chosen (any summary of normal length) the
 * counts are exact and the choice is the one a comparison with every chosen
 * sentence makes. Past it, an old pick that shares only the commonest stems
 * may go unseen, and a sentence that repeats it can be chosen. */
#include "score.h"

typedef struct {
	guint index;
	double score;
} Ranked;

#define POSTINGS_READ 64

/* An entry of a stem's list: the chosen sentence (its place in
 * sz->selected) and the entry before, + 1 (0 ends the list). */
typedef struct {
	guint pick;
	guint next;
} Posting;

/* The chosen sentences, indexed by their content stems. */
typedef struct {
	GArray *postings; /* Posting */
	guint *common;    /* per pick: stems shared with the sentence asked about */
	GArray *touched;  /* guint: the picks whose common is not zero */
} PickIndex;

static const guint *stems_of(const lede_summarizer *sz, guint i, guint *n)
{
	guint a = g_array_index(sz->stem_first, guint, i),
	      e = g_array_index(sz->stem_first, guint, i + 1);
	*n = e - a;
	/* A document without a stem has no array data: NULL + 0 is undefined. */
	return *n ? (const guint *)(void *)sz->stems->data + a : NULL;
}

/* Whether sentence i repeats a chosen one: some chosen sentence's share of
 * stems in common (lede_stem_overlap) is above the redundancy weight. */
static gboolean repeats(lede_summarizer *sz, PickIndex *x, guint i)
{
	double limit = sz->weights.redundancy;
	guint n_picks = sz->selected->len;
	if (!n_picks)
		return FALSE;
	/* Sentences that share nothing overlap 0, which only a negative
	 * weight is below; the index finds just those that share a stem. */
	if (limit < 0)
		return TRUE;
	guint na;
	const guint *v = stems_of(sz, i, &na);
	const Posting *post = (const Posting *)(void *)x->postings->data;
	for (guint k = 0; k < na; k++) {
		guint read = 0;
		for (guint e = sz->post_head[v[k]]; e && read < POSTINGS_READ;
		     e = post[e - 1].next, read++) {
			guint p = post[e - 1].pick;
			if (x->common[p]++ == 0)
				g_array_append_val(x->touched, p);
		}
	}
	gboolean found = FALSE;
	for (guint t = 0; t < x->touched->len; t++) {
		guint p = g_array_index(x->touched, guint, t), nb;
		stems_of(sz, g_array_index(sz->selected, guint, p), &nb);
		found = found || (double)x->common[p] / (double)MIN(na, nb) > limit;
		x->common[p] = 0;
	}
	g_array_set_size(x->touched, 0);
	return found;
}

/* Adds sentence i, the newest pick, to the stems' lists. */
static void index_pick(lede_summarizer *sz, PickIndex *x, guint i)
{
	guint n;
	const guint *v = stems_of(sz, i, &n);
	for (guint k = 0; k < n; k++) {
		Posting e = {sz->selected->len - 1, sz->post_head[v[k]]};
		g_array_append_val(x->postings, e);
		sz->post_head[v[k]] = x->postings->len;
	}
}

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

	PickIndex x = {g_array_new(FALSE, FALSE, sizeof(Posting)), g_new0(guint, n ? n : 1),
	               g_array_new(FALSE, FALSE, sizeof(guint))};
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
		if (repeats(sz, &x, next.index))
			continue;
		g_array_append_val(sz->selected, next.index);
		index_pick(sz, &x, next.index);
		used += cost;
	}
	g_free(r);
	/* The lists' heads are zero again for the next document. */
	for (guint p = 0; p < sz->selected->len; p++) {
		guint nv;
		const guint *v = stems_of(sz, g_array_index(sz->selected, guint, p), &nv);
		for (guint k = 0; k < nv; k++)
			sz->post_head[v[k]] = 0;
	}
	g_array_free(x.postings, TRUE);
	g_array_free(x.touched, TRUE);
	g_free(x.common);
	g_array_sort(sz->selected, cmp_uint);
	a->selected = (guint *)(void *)sz->selected->data;
	a->n_selected = sz->selected->len;
}
