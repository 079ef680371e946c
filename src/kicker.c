/* Keyphrases and the kicker.
 *
 * Candidates are the 1-3 word sub-phrases of runs of content words (runs end
 * at stop words, reporting verbs and punctuation), plus short phrases the
 * article itself puts in quotes. A candidate is keyed by its stems, so
 * "oil spill" and "oil spills" add up. One pass over the tokens builds the
 * table (at most three sub-phrases a token, so linear in the document); the
 * ranking sorts the distinct candidates.
 *
 * The score's shape and constants were chosen on the first half (by id) of
 * a keyphrase set of news articles, see models/README-kicker.md: exact
 * matches with readers' keyphrases favour short, frequent, specific noun
 * phrases, two words more than one, that stand alone (bounded by function
 * words or punctuation on both sides) rather than inside longer runs.
 */
#include "lede-private.h"

#include <math.h>

#define MAX_WORDS 3
#define KICKER_MAX_BYTES 32
/* Quoted phrases longer than this are quotations, not labels. */
#define QUOTE_MAX_TOKENS 4
/* Words in a candidate's key: run sub-phrases or quoted phrases. */
#define KEY_MAX MAX(MAX_WORDS, QUOTE_MAX_TOKENS)

/* Weights (see the header comment and models/README-kicker.md). */
#define W_LEN2 2.0          /* two-word phrases over single words */
#define W_LEN3 1.2          /* three-word phrases over single words */
#define W_POS_FLOOR 3.0     /* how little position matters next to frequency */
#define W_POS_SPAN 0.5      /* position decays over this share of the document */
#define W_LEAD 0.5          /* bonus for occurring in the summary sentences */
#define W_ALONE 1.0         /* bonus for the share of occurrences that fill a run */
#define W_CAPS (-0.3)       /* names are rarely the readers' keyphrase */
#define GENERIC_IDF 2.5     /* a word this common makes a phrase generic... */
#define GENERIC_PENALTY 0.3 /* ...and costs it this factor */
#define W_QUOTED 1.0        /* quoted phrases compete as they are */

/* Words that end a candidate run besides the tokenizer's stop words: news
 * reporting verbs, titles and calendar words make fragments such as
 * "SAID ON" or "MR" that no reader would take for a topic. */
static const char *const extra_stop[] = {
    "said",      "says",     "say",    "saying",   "told",      "tell",      "tells",   "added",
    "asked",     "mr",       "mrs",    "ms",       "dr",        "also",      "would",   "could",
    "should",    "will",     "may",    "might",    "must",      "shall",     "can",     "just",
    "like",      "many",     "much",   "one",      "two",       "three",     "year",    "years",
    "last",      "first",    "since",  "still",    "even",      "yet",       "however", "according",
    "percent",   "week",     "weeks",  "today",    "yesterday", "tomorrow",  "monday",  "tuesday",
    "wednesday", "thursday", "friday", "saturday", "sunday",    "including", "another", "several",
    "us",        "per",      "cent",   "ago",      "month",     "months",    "day",     "days",
    "time",      "times",    "way",    "lot",      "thing",     "things",    "going",   "get",
    "got",       "make",     "made",   NULL,
};

/* Function words a kicker may not end on, whatever the tokenizer's list. */
static const char *const function_words[] = {
    "a",       "an",      "the",  "and",   "or",     "but",    "nor",   "of",    "in",    "on",
    "at",      "to",      "for",  "from",  "by",     "with",   "as",    "into",  "onto",  "about",
    "over",    "under",   "than", "that",  "this",   "these",  "those", "which", "who",   "whom",
    "whose",   "is",      "are",  "was",   "were",   "be",     "been",  "being", "has",   "have",
    "had",     "do",      "does", "did",   "will",   "would",  "can",   "could", "shall", "should",
    "may",     "might",   "must", "not",   "no",     "if",     "so",    "its",   "it",    "his",
    "her",     "their",   "our",  "my",    "your",   "he",     "she",   "they",  "we",    "i",
    "you",     "said",    "says", "after", "before", "during", "since", "until", "while", "against",
    "between", "through", "upon", "via",   "per",    "up",     "down",  "off",   "out",   "then",
    "there",   "here",    "when", "where", "why",    "how",    "what",  NULL,
};

static gboolean in_list(const char *const *list, const char *w, gsize len)
{
	for (guint i = 0; list[i]; i++)
		if (strlen(list[i]) == len && g_ascii_strncasecmp(list[i], w, len) == 0)
			return TRUE;
	return FALSE;
}

/* extra_stop as a set of case-folded words, built once for all threads:
 * every token of every document is checked against it. */
static GHashTable *extra_stop_set(void)
{
	static GHashTable *set;
	if (g_once_init_enter(&set)) {
		GHashTable *h = g_hash_table_new(g_str_hash, g_str_equal);
		for (guint i = 0; extra_stop[i]; i++)
			g_hash_table_add(h, (gpointer)extra_stop[i]);
		g_once_init_leave(&set, h);
	}
	return set;
}

typedef struct {
	guint key[KEY_MAX]; /* the words' stem ids: "oil spill" and "oil spills" are one */
	guint n;            /* occurrences */
	guint first;        /* token index of the first occurrence */
	guint alone;        /* occurrences that were a whole run */
	guint lead;         /* occurrences in the summary sentences */
	guint caps;         /* occurrences with every word capitalised */
	guint words;        /* tokens in the phrase */
	gboolean quoted;
	gsize start, end; /* surface of the first occurrence */
	double idf_sum, idf_min;
	double score;
	guint32 slot; /* where the table holds it */
	guint order;  /* its index in first-occurrence order */
} Cand;

/* The keyphrase pass's memory, kept from one document to the next (in the
 * summarizer, see lede_kicker_scratch_new) so a document costs no
 * allocation once the arrays have grown to the longest one. */
struct LedeKickerScratch {
	Cand *cands; /* in order of first occurrence */
	guint n_cands, cands_cap;
	guint32 *slots;  /* open addressing over cands: index + 1, 0 = empty */
	guint slot_mask; /* slots has slot_mask + 1 cells, a power of two */
	guint tok_cap;   /* size of the per-token arrays below */
	guint *sent_of;  /* token -> sentence */
	guint8 *content; /* token -> content_token() */
	double *idf;     /* token -> background idf of its stem (content tokens only) */
	gsize *surface_end;
	guint8 *join;
	guint sent_cap;
	guint8 *in_lead;       /* sentence -> selected */
	guint n_ids;           /* size of extra_stop_of */
	guint8 *extra_stop_of; /* norm id -> 0 not yet known, 1 ordinary, 2 in extra_stop */
};

typedef struct {
	const LedeAnalysis *a;
	LedeKickerScratch *k;
} Builder;

static const LedeToken *tok(const LedeAnalysis *a, guint i)
{
	return &g_array_index(a->tokens, LedeToken, i);
}

static gboolean is_quote_at(const char *p, const char *end, gsize *n)
{
	if (p < end && (*p == '"' || *p == '\'' || *p == '`')) {
		*n = 1;
		return TRUE;
	}
	/* U+2018, U+2019, U+201C, U+201D */
	if (end - p >= 3 && (guchar)p[0] == 0xE2 && (guchar)p[1] == 0x80 &&
	    ((guchar)p[2] == 0x98 || (guchar)p[2] == 0x99 || (guchar)p[2] == 0x9C ||
	     (guchar)p[2] == 0x9D)) {
		*n = 3;
		return TRUE;
	}
	return FALSE;
}

/* The gap after token i: TRUE when only white space (or the period that
 * closes an abbreviation such as "U.S.") separates it from the next one. */
static gboolean joined(const LedeAnalysis *a, guint i, gsize *surface_end)
{
	const LedeToken *t = tok(a, i);
	const LedeToken *u = tok(a, i + 1);
	gsize p = t->end;
	*surface_end = t->end;
	if (p < u->start && a->text[p] == '.' &&
	    memchr(a->text + t->start, '.', t->end - t->start)) {
		p++;
		*surface_end = p;
	}
	for (; p < u->start; p++)
		if (!g_ascii_isspace(a->text[p]))
			return FALSE;
	return TRUE;
}

/* Whether the token may be part of a candidate. The extra_stop test is
 * remembered per norm id: a string hash per token was a real share of the
 * pass. */
static gboolean content_token(LedeKickerScratch *k, const LedeToken *t)
{
	if (t->flags & (LEDE_TOK_STOP | LEDE_TOK_CJK))
		return FALSE;
	guint8 *known = &k->extra_stop_of[t->norm_id];
	if (!*known)
		*known = g_hash_table_contains(extra_stop_set(), t->norm) ? 2 : 1;
	return *known == 1;
}

LedeKickerScratch *lede_kicker_scratch_new(void)
{
	LedeKickerScratch *k = g_new0(LedeKickerScratch, 1);
	k->slot_mask = 255;
	k->slots = g_new0(guint32, k->slot_mask + 1);
	return k;
}

void lede_kicker_scratch_free(LedeKickerScratch *k)
{
	if (!k)
		return;
	g_free(k->cands);
	g_free(k->slots);
	g_free(k->sent_of);
	g_free(k->content);
	g_free(k->idf);
	g_free(k->surface_end);
	g_free(k->join);
	g_free(k->in_lead);
	g_free(k->extra_stop_of);
	g_free(k);
}

void lede_kicker_scratch_forget_ids(LedeKickerScratch *k)
{
	if (k && k->n_ids)
		memset(k->extra_stop_of, 0, k->n_ids);
}

/* Sizes the scratch for a document of nt tokens, ns sentences, and every
 * norm id the tokenizer has handed out; empties the candidate table. */
static void scratch_reset(LedeKickerScratch *k, const LedeAnalysis *a, guint nt, guint ns)
{
	if (nt > k->tok_cap) {
		k->tok_cap = MAX(nt, k->tok_cap * 2);
		k->sent_of = g_renew(guint, k->sent_of, k->tok_cap);
		k->content = g_renew(guint8, k->content, k->tok_cap);
		k->idf = g_renew(double, k->idf, k->tok_cap);
		k->surface_end = g_renew(gsize, k->surface_end, k->tok_cap);
		k->join = g_renew(guint8, k->join, k->tok_cap);
	}
	if (ns + 1 > k->sent_cap) {
		k->sent_cap = MAX(ns + 1, k->sent_cap * 2);
		k->in_lead = g_renew(guint8, k->in_lead, k->sent_cap);
	}
	guint ids = a->tk ? lede_tokenizer_n_ids(a->tk) : 0;
	if (ids > k->n_ids) {
		guint cap = MAX(ids, k->n_ids * 2);
		k->extra_stop_of = g_renew(guint8, k->extra_stop_of, cap);
		memset(k->extra_stop_of + k->n_ids, 0, cap - k->n_ids);
		k->n_ids = cap;
	}
	/* Empty the slots the last document used, not the whole table; a table
	 * grown by a huge document shrinks back. */
	if (k->slot_mask + 1 > 4096) {
		g_free(k->slots);
		k->slot_mask = 4095;
		k->slots = g_new0(guint32, k->slot_mask + 1);
	} else if (k->n_cands * 4 < k->slot_mask + 1) {
		for (guint c = 0; c < k->n_cands; c++) {
			const Cand *x = &k->cands[c];
			guint32 h = x->slot;
			k->slots[h] = 0;
		}
	} else {
		memset(k->slots, 0, (k->slot_mask + 1) * sizeof *k->slots);
	}
	k->n_cands = 0;
}

static inline guint32 cand_hash(const guint *key, guint words, gboolean quoted)
{
	guint32 h = (guint32)words * 2u + (quoted ? 1u : 0u);
	for (guint i = 0; i < words; i++)
		h = (h ^ key[i]) * 0x9E3779B1u; /* multiplicative mixing */
	return h ^ (h >> 15);
}

static void slots_grow(LedeKickerScratch *k)
{
	g_free(k->slots);
	k->slot_mask = k->slot_mask * 2 + 1;
	k->slots = g_new0(guint32, k->slot_mask + 1);
	for (guint c = 0; c < k->n_cands; c++) {
		Cand *x = &k->cands[c];
		guint32 h = cand_hash(x->key, x->words, x->quoted) & k->slot_mask;
		while (k->slots[h])
			h = (h + 1) & k->slot_mask;
		k->slots[h] = c + 1;
		x->slot = h;
	}
}

/* A candidate's words as they are read: key, form and background idf. */
typedef struct {
	guint key[KEY_MAX]; /* zero beyond words */
	guint words;
	gboolean all_caps;
	double sum, min; /* idf over the content words, summed in order */
	guint content;
} Phrase;

static void phrase_init(Phrase *ph)
{
	memset(ph, 0, sizeof *ph);
	ph->all_caps = TRUE;
	ph->min = G_MAXDOUBLE;
}

/* Appends token i to the phrase. */
static void phrase_push(const Builder *b, Phrase *ph, guint i)
{
	const LedeToken *t = tok(b->a, i);
	ph->key[ph->words++] = t->stem_id;
	if (!(t->flags & LEDE_TOK_CAPITAL))
		ph->all_caps = FALSE;
	if (b->k->content[i] && !(t->flags & LEDE_TOK_NUMBER)) {
		double idf = b->k->idf[i];
		ph->sum += idf;
		ph->min = MIN(ph->min, idf);
		ph->content++;
	}
}

/* Counts one occurrence of the phrase that starts at token first. */
static void add_phrase(Builder *b, guint first, const Phrase *ph, gboolean alone, gboolean quoted,
                       gsize start, gsize end)
{
	const LedeAnalysis *a = b->a;
	LedeKickerScratch *k = b->k;
	guint words = ph->words;
	if (!ph->content)
		return;
	guint32 h = cand_hash(ph->key, words, quoted) & k->slot_mask;
	Cand *c = NULL;
	for (guint32 v; (v = k->slots[h]) != 0; h = (h + 1) & k->slot_mask) {
		Cand *x = &k->cands[v - 1];
		if (x->words == words && x->quoted == quoted &&
		    memcmp(x->key, ph->key, sizeof ph->key) == 0) {
			c = x;
			break;
		}
	}
	if (!c) {
		Cand z = {0};
		memcpy(z.key, ph->key, sizeof ph->key);
		z.first = first;
		z.words = words;
		z.quoted = quoted;
		z.start = start;
		z.end = end;
		z.idf_sum = ph->sum / ph->content * words; /* mean over the phrase's words */
		z.idf_min = ph->min;
		z.slot = h;
		z.order = k->n_cands;
		if (k->n_cands == k->cands_cap) {
			k->cands_cap = MAX(k->cands_cap * 2, 256u);
			k->cands = g_renew(Cand, k->cands, k->cands_cap);
		}
		c = &k->cands[k->n_cands++];
		*c = z;
		k->slots[h] = k->n_cands;
		if (k->n_cands * 2 > k->slot_mask + 1) {
			slots_grow(k);
			c = &k->cands[k->n_cands - 1];
		}
	}
	c->n++;
	if (alone)
		c->alone++;
	if (k->in_lead[k->sent_of[first]])
		c->lead++;
	if (ph->all_caps && a->cased)
		c->caps++;
}

/* Every 1-3 word sub-phrase of a run [first, last] not ending on a number;
 * each start's phrases grow a word at a time, so no word is read twice for
 * one start. */
static void add_run(Builder *b, guint first, guint last, const gsize *surface_end)
{
	const LedeAnalysis *a = b->a;
	for (guint i = first; i <= last; i++) {
		Phrase ph;
		phrase_init(&ph);
		gsize start = tok(a, i)->start;
		for (guint j = i; j <= last && j < i + MAX_WORDS; j++) {
			phrase_push(b, &ph, j);
			if (tok(a, j)->flags & LEDE_TOK_NUMBER)
				continue;
			add_phrase(b, i, &ph, i == first && j == last, FALSE, start,
			           surface_end[j]);
		}
	}
}

/* A phrase the article quotes: an opening quote right before token i, the
 * closing one right after token j, nothing but words and spaces between. */
static void find_quoted(Builder *b, guint i, const gsize *surface_end)
{
	const LedeAnalysis *a = b->a;
	const LedeToken *t = tok(a, i);
	gsize q;
	if (t->start == 0)
		return;
	/* Nearly every word has no quote before it: the last byte of every
	 * quote mark is one of these, so one test rules the word out. */
	switch ((guchar)a->text[t->start - 1]) {
	case '"':
	case '\'':
	case '`':
	case 0x98:
	case 0x99:
	case 0x9C:
	case 0x9D:
		break;
	default:
		return;
	}
	/* Find the opening quote immediately before the word. */
	gsize open = t->start;
	gboolean found = FALSE;
	for (gsize back = 1; back <= 3 && back <= t->start; back++) {
		gsize p = t->start - back;
		if (is_quote_at(a->text + p, a->text + t->start, &q) && p + q == t->start) {
			open = p;
			found = TRUE;
			break;
		}
	}
	if (!found || (open > 0 && !g_ascii_isspace(a->text[open - 1]) &&
	               !strchr("([{", a->text[open - 1]) && a->text[open - 1] != '`'))
		return;
	guint sent = b->k->sent_of[i];
	for (guint j = i; j < a->tokens->len && j < i + QUOTE_MAX_TOKENS; j++) {
		if (b->k->sent_of[j] != sent)
			return;
		const LedeToken *u = tok(a, j);
		gsize stop = j + 1 < a->tokens->len ? tok(a, j + 1)->start : a->len;
		gsize p = u->end;
		if (is_quote_at(a->text + p, a->text + stop, &q)) {
			if (j == i && i + 1 < a->tokens->len && stop == p + q)
				return; /* an apostrophe inside a word */
			/* A label never ends on a function word. */
			if (in_list(function_words, u->norm, strlen(u->norm)) ||
			    (u->flags & LEDE_TOK_NUMBER))
				return;
			if (a->text[open] == '\'' && j == i)
				return; /* a lone word in single quotes is usually an apostrophe */
			Phrase ph;
			phrase_init(&ph);
			for (guint w = i; w <= j; w++)
				phrase_push(b, &ph, w);
			add_phrase(b, i, &ph, TRUE, TRUE, open, p + q);
			return;
		}
		for (; p < stop; p++)
			if (!g_ascii_isspace(a->text[p]))
				return;
		(void)surface_end;
	}
}

static int by_score(gconstpointer x, gconstpointer y)
{
	const Cand *a = x, *b = y;
	if (a->score != b->score)
		return a->score < b->score ? 1 : -1;
	return a->first < b->first ? -1 : a->first > b->first;
}

static double score(const Cand *c, guint n_tokens)
{
	double mean_idf = c->idf_sum / c->words;
	double pos = 1.0 / (1.0 + c->first / (W_POS_SPAN * n_tokens + 1.0));
	double len = c->words == 1 ? 1.0 : c->words == 2 ? W_LEN2 : W_LEN3;
	double s = sqrt((double)c->n) * sqrt(mean_idf) * (W_POS_FLOOR + pos) * len;
	s *= 1.0 + W_LEAD * (c->lead > 0);
	s *= 1.0 + W_ALONE * c->alone / c->n;
	s *= 1.0 + W_CAPS * c->caps / c->n;
	if (c->idf_min < GENERIC_IDF)
		s *= GENERIC_PENALTY;
	if (c->quoted)
		s *= W_QUOTED;
	return s;
}

/* The surface text with runs of white space folded to one space. */
static char *surface(const LedeAnalysis *a, gsize start, gsize end)
{
	/* "Hun Sen's" names Hun Sen. */
	if (end - start > 3 && a->text[end - 1] == 's' && a->text[end - 2] == '\'')
		end -= 2;
	else if (end - start > 5 && a->text[end - 1] == 's' &&
	         memcmp(a->text + end - 4, "\xe2\x80\x99", 3) == 0)
		end -= 4;
	GString *g = g_string_sized_new(end - start);
	gboolean space = FALSE;
	for (gsize p = start; p < end; p++) {
		if (g_ascii_isspace(a->text[p])) {
			space = TRUE;
			continue;
		}
		if (space && g->len)
			g_string_append_c(g, ' ');
		space = FALSE;
		g_string_append_c(g, a->text[p]);
	}
	return g_string_free(g, FALSE);
}

/* by_score's order, then the candidates' own order, which is what a stable
 * sort of all of them would give. */
static gboolean ranks_before(const Cand *x, const Cand *y)
{
	int c = by_score(x, y);
	return c ? c < 0 : x->order < y->order;
}

/* The same total order for qsort, which need not be stable. */
static int by_rank(const void *x, const void *y)
{
	return ranks_before(x, y) ? -1 : ranks_before(y, x);
}

void lede_keyphrases(const LedeAnalysis *a, guint n, GPtrArray *out)
{
	g_return_if_fail(a != NULL && out != NULL);
	guint nt = a->tokens ? a->tokens->len : 0;
	if (!n || !nt)
		return;
	LedeKickerScratch *own = a->kicker ? NULL : lede_kicker_scratch_new();
	LedeKickerScratch *k = a->kicker ? a->kicker : own;
	guint ns = a->sentences->len;
	scratch_reset(k, a, nt, ns);
	Builder b = {a, k};
	for (guint i = 0; i < nt; i++) {
		const LedeToken *t = tok(a, i);
		k->content[i] = content_token(k, t);
		if (k->content[i] && !(t->flags & LEDE_TOK_NUMBER))
			k->idf[i] = lede_analysis_token_idf(a, t);
		k->sent_of[i] = 0;
	}
	memset(k->in_lead, 0, ns + 1);
	for (guint s = 0; s < ns; s++) {
		const LedeSentence *st = &g_array_index(a->sentences, LedeSentence, s);
		for (guint i = st->tok_first; i < st->tok_first + st->tok_count && i < nt; i++)
			k->sent_of[i] = s;
	}
	if (a->n_selected) {
		for (guint j = 0; j < a->n_selected; j++)
			if (a->selected[j] < ns)
				k->in_lead[a->selected[j]] = TRUE;
	} else {
		for (guint s = 0; s < MIN(ns, 3u); s++)
			k->in_lead[s] = TRUE;
	}
	gsize *surface_end = k->surface_end;
	for (guint i = 0; i < nt; i++) {
		surface_end[i] = tok(a, i)->end;
		k->join[i] = i + 1 < nt && k->sent_of[i] == k->sent_of[i + 1] &&
		             joined(a, i, &surface_end[i]);
	}
	guint run = G_MAXUINT;
	for (guint i = 0; i < nt; i++) {
		if (k->content[i]) {
			if (run == G_MAXUINT)
				run = i;
			if (!k->join[i]) {
				add_run(&b, run, i, surface_end);
				run = G_MAXUINT;
			}
		} else if (run != G_MAXUINT) {
			add_run(&b, run, i - 1, surface_end);
			run = G_MAXUINT;
		}
		find_quoted(&b, i, surface_end);
	}
	if (run != G_MAXUINT)
		add_run(&b, run, nt - 1, surface_end);

	Cand *cands = k->cands;
	guint nc = k->n_cands;
	for (guint c = 0; c < nc; c++)
		cands[c].score = score(&cands[c], nt);
	/* Only the best few are wanted: keep them in a short ranked list
	 * (insertion into a list of at most `want`) rather than sorting every
	 * candidate. A caller asking for many gets the full sort. */
	guint want = out->len < n ? n - out->len : 0;
	if (want > 16) {
		qsort(cands, nc, sizeof *cands, by_rank);
		for (guint c = 0; c < nc && out->len < n; c++)
			g_ptr_array_add(out, surface(a, cands[c].start, cands[c].end));
	} else if (want) {
		guint top[16], m = 0;
		for (guint c = 0; c < nc; c++) {
			if (m == want && !ranks_before(&cands[c], &cands[top[m - 1]]))
				continue;
			guint j = m < want ? m++ : m - 1;
			for (; j > 0 && ranks_before(&cands[c], &cands[top[j - 1]]); j--)
				top[j] = top[j - 1];
			top[j] = c;
		}
		for (guint j = 0; j < m; j++)
			g_ptr_array_add(out, surface(a, cands[top[j]].start, cands[top[j]].end));
	}
	lede_kicker_scratch_free(own);
}

/* ---- the kicker form ---------------------------------------------------- */

static gboolean is_quote_char(gunichar c)
{
	return c == '"' || c == '\'' || c == '`' || c == 0x2018 || c == 0x2019 || c == 0x201C ||
	       c == 0x201D;
}

/* The word without surrounding quotes and punctuation, for the list checks. */
static void bare(const char *w, gsize len, const char **b, gsize *blen)
{
	const char *s = w, *e = w + len;
	while (s < e && !g_unichar_isalnum(g_utf8_get_char(s)))
		s = g_utf8_next_char(s);
	while (e > s) {
		const char *p = g_utf8_find_prev_char(s, e);
		if (!p || g_unichar_isalnum(g_utf8_get_char(p)))
			break;
		e = p;
	}
	*b = s;
	*blen = (gsize)(e - s);
}

static gboolean bad_last_word(const char *w, gsize len)
{
	const char *b;
	gsize bl;
	bare(w, len, &b, &bl);
	if (!bl || in_list(function_words, b, bl))
		return TRUE;
	for (gsize i = 0; i < bl; i++)
		if (!g_ascii_isdigit(b[i]) && b[i] != '.' && b[i] != ',')
			return FALSE;
	return TRUE; /* a bare number */
}

char *lede_kicker_from_phrase(const char *phrase)
{
	if (!phrase)
		return NULL;
	char *valid = g_utf8_make_valid(phrase, -1);
	char *up = g_utf8_strup(valid, -1);
	g_free(valid);
	/* Split on white space. */
	GPtrArray *words = g_ptr_array_new();
	for (char *p = up; *p;) {
		while (*p && g_ascii_isspace(*p))
			*p++ = '\0';
		if (!*p)
			break;
		g_ptr_array_add(words, p);
		while (*p && !g_ascii_isspace(*p))
			p++;
	}
	gboolean quoted = FALSE;
	if (words->len) {
		const char *w0 = g_ptr_array_index(words, 0);
		quoted = is_quote_char(g_utf8_get_char(w0));
	}
	guint keep = MIN(words->len, (guint)MAX_WORDS);
	GString *g = g_string_new(NULL);
	for (;;) {
		while (keep > 0) {
			const char *w = g_ptr_array_index(words, keep - 1);
			if (!bad_last_word(w, strlen(w)))
				break;
			keep--;
		}
		g_string_truncate(g, 0);
		for (guint i = 0; i < keep; i++) {
			if (i)
				g_string_append_c(g, ' ');
			g_string_append(g, g_ptr_array_index(words, i));
		}
		if (keep < words->len && quoted) {
			/* Cut short, the quotation is no longer the article's: drop its marks. */
			GString *h = g_string_new(NULL);
			for (const char *p = g->str; *p; p = g_utf8_next_char(p)) {
				gunichar c = g_utf8_get_char(p);
				if (!is_quote_char(c) ||
				    (p > g->str && *g_utf8_next_char(p) &&
				     g_unichar_isalpha(g_utf8_get_char(g_utf8_next_char(p)))))
					g_string_append_unichar(h, c);
			}
			g_string_assign(g, h->str);
			g_string_free(h, TRUE);
			quoted = FALSE;
		}
		if (g->len <= KICKER_MAX_BYTES || keep <= 1)
			break;
		keep--;
	}
	if (g->len > KICKER_MAX_BYTES) {
		/* One long word: cut at a character boundary. */
		const char *end = g->str + KICKER_MAX_BYTES;
		while (end > g->str && ((guchar)*end & 0xC0) == 0x80)
			end--;
		g_string_truncate(g, (gsize)(end - g->str));
	}
	g_ptr_array_free(words, TRUE);
	g_free(up);
	if (!g->len) {
		g_string_free(g, TRUE);
		return NULL;
	}
	return g_string_free(g, FALSE);
}
