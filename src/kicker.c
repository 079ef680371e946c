/* Keyphrases and the kicker.
 *
 * Candidates are the 1-3 word sub-phrases of runs of content words (runs end
 * at stop words, reporting verbs and punctuation), plus short phrases the
 * article itself puts in quotes. A candidate is keyed by its stems, so
 * "oil spill" and "oil spills" add up. One pass over the tokens finds the
 * runs and the quoted phrases, a second reads their sub-phrases into the
 * table (at most three a token, so linear in the document); the ranking
 * sorts the distinct candidates.
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

/* list holds lower-case ASCII words; w may be in either case. */
static gboolean in_list(const char *const *list, const char *w, gsize len)
{
	if (!len)
		return FALSE;
	/* The first letter spares most entries their strlen. */
	char first = g_ascii_tolower(w[0]);
	for (guint i = 0; list[i]; i++)
		if (list[i][0] == first && strlen(list[i]) == len &&
		    g_ascii_strncasecmp(list[i], w, len) == 0)
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

/* What the phrases need of a token, found in one pass over the tokens
 * before any phrase is read. */
typedef struct {
	double idf;        /* background idf of the stem (content words, not numbers) */
	gsize surface_end; /* where a phrase ending here ends: after the period of "U.S." */
	gboolean content;  /* content_token() */
} Word;

/* The pass over the tokens finds where candidates are and lists them here,
 * in the order they are to be counted (which numbers the candidates, and
 * breaks ties): a run of content words [first, last], or a possible quoted
 * phrase from first when last is QUOTED. Only then are the phrases read, as
 * a quoted one needs the Words after its first. */
typedef struct {
	guint first, last;
	guint sent; /* their sentence */
} Span;
#define QUOTED G_MAXUINT

/* What content_token has learnt of a norm id. */
enum {
	NORM_UNKNOWN,    /* not met since the ids last restarted */
	NORM_EXTRA_STOP, /* in extra_stop */
	NORM_CONTENT,    /* not in extra_stop */
};

/* The keyphrase pass's memory, kept from one document to the next (in the
 * summarizer, see lede_kicker_scratch_new) so a document costs no
 * allocation once the arrays have grown to the longest one. */
struct LedeKickerScratch {
	Cand *cands; /* in order of first occurrence */
	guint n_cands, cands_cap;
	guint32 *slots;  /* open addressing over cands: index + 1, 0 = empty */
	guint slot_mask; /* slots has slot_mask + 1 cells, a power of two */
	guint tok_cap;   /* size of words; spans has room for twice as many */
	Word *words;     /* token -> Word */
	Span *spans;
	guint sent_cap;
	guint8 *in_lead;   /* sentence -> selected */
	guint n_ids;       /* size of norm_kind */
	guint8 *norm_kind; /* norm id -> NORM_* */
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

/* The gap between tokens t and u = t + 1: TRUE when only white space (or
 * the period that closes an abbreviation such as "U.S.") separates them. */
static gboolean joined(const char *text, const LedeToken *t, const LedeToken *u, gsize *surface_end)
{
	gsize p = t->end;
	*surface_end = t->end;
	if (p < u->start && text[p] == '.' && memchr(text + t->start, '.', t->end - t->start)) {
		p++;
		*surface_end = p;
	}
	for (; p < u->start; p++)
		if (!g_ascii_isspace(text[p]))
			return FALSE;
	return TRUE;
}

/* Whether the token may be part of a candidate and, when it may and is not
 * a number, the idf of its stem. The extra_stop test is remembered per norm
 * id (a string hash per token was a real share of the pass); the idf is the
 * summarizer's, which lede_analyse looked up for every content stem. */
static gboolean content_token(const LedeAnalysis *a, LedeKickerScratch *k, const LedeToken *t,
                              double *idf)
{
	if (t->flags & (LEDE_TOK_STOP | LEDE_TOK_CJK))
		return FALSE;
	guint8 *kind = &k->norm_kind[t->norm_id];
	if (*kind == NORM_UNKNOWN) {
		const char *norm = lede_tokenizer_word(a->tk, t->norm_id);
		*kind =
		    g_hash_table_contains(extra_stop_set(), norm) ? NORM_EXTRA_STOP : NORM_CONTENT;
	}
	if (*kind == NORM_EXTRA_STOP)
		return FALSE;
	if (!(t->flags & LEDE_TOK_NUMBER))
		*idf = a->idf[t->stem_id];
	return TRUE;
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
	g_free(k->words);
	g_free(k->spans);
	g_free(k->in_lead);
	g_free(k->norm_kind);
	g_free(k);
}

void lede_kicker_scratch_forget_ids(LedeKickerScratch *k)
{
	if (k && k->n_ids)
		memset(k->norm_kind, 0, k->n_ids);
}

/* Sizes the scratch for a document of nt tokens, ns sentences, and every
 * norm id the tokenizer has handed out; empties the candidate table. */
static void scratch_reset(LedeKickerScratch *k, const LedeAnalysis *a, guint nt, guint ns)
{
	if (nt > k->tok_cap) {
		k->tok_cap = MAX(nt, k->tok_cap * 2);
		k->words = g_renew(Word, k->words, k->tok_cap);
		/* at most a run and a quoted phrase per token */
		k->spans = g_renew(Span, k->spans, k->tok_cap * (gsize)2);
	}
	if (ns + 1 > k->sent_cap) {
		k->sent_cap = MAX(ns + 1, k->sent_cap * 2);
		k->in_lead = g_renew(guint8, k->in_lead, k->sent_cap);
	}
	guint ids = a->tk ? lede_tokenizer_n_ids(a->tk) : 0;
	if (ids > k->n_ids) {
		guint cap = MAX(ids, k->n_ids * 2);
		k->norm_kind = g_renew(guint8, k->norm_kind, cap);
		memset(k->norm_kind + k->n_ids, NORM_UNKNOWN, cap - k->n_ids);
		k->n_ids = cap;
	}
	/* Empty the slots the last document used, not the whole table (which
	 * is at least twice as large); a table grown by a huge document shrinks
	 * back. */
	if (k->slot_mask + 1 > 4096) {
		g_free(k->slots);
		k->slot_mask = 4095;
		k->slots = g_new0(guint32, k->slot_mask + 1);
	} else {
		for (guint c = 0; c < k->n_cands; c++)
			k->slots[k->cands[c].slot] = 0;
	}
	k->n_cands = 0;
}

/* A key's hash grows a word at a time, as a phrase does, so adding a word to
 * a phrase costs one step rather than a pass over its key. */
static inline guint32 hash_word(guint32 h, guint stem_id)
{
	return (h ^ stem_id) * 0x9E3779B1u; /* multiplicative mixing */
}

static inline guint32 hash_finish(guint32 h, gboolean quoted)
{
	h ^= quoted ? 1u : 0u;
	return h ^ (h >> 15);
}

static guint32 cand_hash(const Cand *x)
{
	guint32 h = 0;
	for (guint i = 0; i < x->words; i++)
		h = hash_word(h, x->key[i]);
	return hash_finish(h, x->quoted);
}

static void slots_grow(LedeKickerScratch *k)
{
	g_free(k->slots);
	k->slot_mask = k->slot_mask * 2 + 1;
	k->slots = g_new0(guint32, k->slot_mask + 1);
	for (guint c = 0; c < k->n_cands; c++) {
		Cand *x = &k->cands[c];
		guint32 h = cand_hash(x) & k->slot_mask;
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
	guint32 hash; /* hash_word over the key */
	gboolean all_caps;
	double sum, min; /* idf over the content words, summed in order */
	guint content;
} Phrase;

static const Phrase empty_phrase = {.all_caps = TRUE, .min = G_MAXDOUBLE};

/* Appends token t (whose Word is w) to the phrase. */
static inline void phrase_push(Phrase *ph, const LedeToken *t, const Word *w)
{
	ph->key[ph->words++] = t->stem_id;
	ph->hash = hash_word(ph->hash, t->stem_id);
	if (!(t->flags & LEDE_TOK_CAPITAL))
		ph->all_caps = FALSE;
	if (w->content && !(t->flags & LEDE_TOK_NUMBER)) {
		ph->sum += w->idf;
		ph->min = MIN(ph->min, w->idf);
		ph->content++;
	}
}

/* A new candidate for the phrase, held in slot h of the table. */
static inline Cand *new_cand(LedeKickerScratch *k, const Phrase *ph, guint32 h, guint first,
                             gboolean quoted, gsize start, gsize end)
{
	if (k->n_cands == k->cands_cap) {
		k->cands_cap = MAX(k->cands_cap * 2, 256u);
		k->cands = g_renew(Cand, k->cands, k->cands_cap);
	}
	Cand *c = &k->cands[k->n_cands];
	memcpy(c->key, ph->key, sizeof c->key);
	c->words = ph->words;
	c->quoted = quoted;
	c->n = c->alone = c->lead = c->caps = 0;
	c->first = first;
	c->start = start;
	c->end = end;
	c->idf_sum = ph->sum / ph->content * ph->words; /* mean over the phrase's words */
	c->idf_min = ph->min;
	c->slot = h;
	c->order = k->n_cands;
	k->slots[h] = ++k->n_cands;
	if (k->n_cands * 2 > k->slot_mask + 1) {
		slots_grow(k);
		c = &k->cands[k->n_cands - 1];
	}
	return c;
}

/* Counts one occurrence of the phrase that starts at token first; lead: in
 * a summary sentence. Inline, as is new_cand: it runs for every phrase
 * occurrence, and passing its arguments cost as much as the lookup. */
static inline void add_phrase(Builder *b, guint first, const Phrase *ph, gboolean alone,
                              gboolean lead, gboolean quoted, gsize start, gsize end)
{
	LedeKickerScratch *k = b->k;
	if (!ph->content)
		return;
	guint32 h = hash_finish(ph->hash, quoted) & k->slot_mask;
	Cand *c = NULL;
	for (guint32 v; (v = k->slots[h]) != 0; h = (h + 1) & k->slot_mask) {
		Cand *x = &k->cands[v - 1];
		if (x->words == ph->words && x->quoted == quoted &&
		    memcmp(x->key, ph->key, sizeof ph->key) == 0) {
			c = x;
			break;
		}
	}
	if (!c)
		c = new_cand(k, ph, h, first, quoted, start, end);
	c->n++;
	if (alone)
		c->alone++;
	if (lead)
		c->lead++;
	if (ph->all_caps && b->a->cased)
		c->caps++;
}

/* Every 1-3 word sub-phrase of a run [first, last] not ending on a number;
 * each start's phrases grow a word at a time, so no word is read twice for
 * one start. */
static void add_run(Builder *b, guint first, guint last, gboolean lead)
{
	const LedeToken *t = tok(b->a, 0);
	const Word *w = b->k->words;
	for (guint i = first; i <= last; i++) {
		Phrase ph = empty_phrase;
		for (guint j = i; j <= last && j < i + MAX_WORDS; j++) {
			phrase_push(&ph, &t[j], &w[j]);
			if (t[j].flags & LEDE_TOK_NUMBER)
				continue;
			add_phrase(b, i, &ph, i == first && j == last, lead, FALSE, t[i].start,
			           w[j].surface_end);
		}
	}
}

/* The bytes a quote mark can end on (see is_quote_at). */
static const guint8 ends_quote[256] = {
    ['"'] = TRUE,  ['\''] = TRUE, ['`'] = TRUE,  [0x98] = TRUE,
    [0x99] = TRUE, [0x9C] = TRUE, [0x9D] = TRUE,
};

/* Whether a quote mark may end right before token t: nearly every word has
 * none, and one look at the byte before rules it out. */
static inline gboolean quote_before(const char *text, const LedeToken *t)
{
	return t->start > 0 && ends_quote[(guchar)text[t->start - 1]];
}

/* A phrase the article quotes: an opening quote right before token i, the
 * closing one right after token j, nothing but words and spaces between,
 * all in sentence sent (quote_before(i) holds). */
static void find_quoted(Builder *b, guint i, guint sent)
{
	const LedeAnalysis *a = b->a;
	const Word *words = b->k->words;
	const LedeToken *t = tok(a, i);
	const LedeSentence *st = &g_array_index(a->sentences, LedeSentence, sent);
	gsize q;
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
	guint sent_end = MIN(st->tok_first + st->tok_count, a->tokens->len);
	for (guint j = i; j < sent_end && j < i + QUOTE_MAX_TOKENS; j++) {
		const LedeToken *u = tok(a, j);
		gsize stop = j + 1 < a->tokens->len ? tok(a, j + 1)->start : a->len;
		gsize p = u->end;
		if (is_quote_at(a->text + p, a->text + stop, &q)) {
			if (j == i && i + 1 < a->tokens->len && stop == p + q)
				return; /* an apostrophe inside a word */
			/* A label never ends on a function word. */
			const char *norm = lede_tokenizer_word(a->tk, u->norm_id);
			if (in_list(function_words, norm, strlen(norm)) ||
			    (u->flags & LEDE_TOK_NUMBER))
				return;
			if (a->text[open] == '\'' && j == i)
				return; /* a lone word in single quotes is usually an apostrophe */
			Phrase ph = empty_phrase;
			for (guint w = i; w <= j; w++)
				phrase_push(&ph, tok(a, w), &words[w]);
			add_phrase(b, i, &ph, TRUE, b->k->in_lead[sent], TRUE, open, p + q);
			return;
		}
		for (; p < stop; p++)
			if (!g_ascii_isspace(a->text[p]))
				return;
	}
}

/* The pass over the tokens: fills k->words and lists the spans in k->spans;
 * returns how many there are. */
static guint find_spans(const LedeAnalysis *a, LedeKickerScratch *k, guint nt)
{
	/* Locals, not k's fields: content_token's byte stores could alias them. */
	const char *text = a->text;
	const LedeToken *toks = tok(a, 0);
	Word *words = k->words;
	Span *spans = k->spans;
	guint n_spans = 0;
	/* lede_analyse tokenizes sentence by sentence, so the sentences' token
	 * ranges cover the tokens in order; a run never crosses a sentence's end
	 * (its last token joins nothing). */
	for (guint s = 0; s < a->sentences->len; s++) {
		const LedeSentence *st = &g_array_index(a->sentences, LedeSentence, s);
		guint end = MIN(st->tok_first + st->tok_count, nt);
		guint run = G_MAXUINT;
		for (guint i = st->tok_first; i < end; i++) {
			/* norm_kind and the idf are read at random, by id, and
			 * missed the CPU's caches: ask for a later token's cells
			 * meanwhile. */
			if (i + LEDE_PREFETCH_AHEAD < nt) {
				__builtin_prefetch(
				    &k->norm_kind[toks[i + LEDE_PREFETCH_AHEAD].norm_id]);
				__builtin_prefetch(&a->idf[toks[i + LEDE_PREFETCH_AHEAD].stem_id]);
			}
			Word *w = &words[i];
			w->content = content_token(a, k, &toks[i], &w->idf);
			if (w->content) {
				w->surface_end = toks[i].end;
				if (run == G_MAXUINT)
					run = i;
				if (i + 1 == end ||
				    !joined(text, &toks[i], &toks[i + 1], &w->surface_end)) {
					spans[n_spans++] = (Span){run, i, s};
					run = G_MAXUINT;
				}
			} else if (run != G_MAXUINT) {
				spans[n_spans++] = (Span){run, i - 1, s};
				run = G_MAXUINT;
			}
			if (quote_before(text, &toks[i]))
				spans[n_spans++] = (Span){i, QUOTED, s};
		}
	}
	return n_spans;
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
	memset(k->in_lead, 0, ns + 1);
	if (a->n_selected) {
		for (guint j = 0; j < a->n_selected; j++)
			if (a->selected[j] < ns)
				k->in_lead[a->selected[j]] = TRUE;
	} else {
		for (guint s = 0; s < MIN(ns, 3u); s++)
			k->in_lead[s] = TRUE;
	}
	guint n_spans = find_spans(a, k, nt);
	const Span *spans = k->spans;
	Builder b = {a, k};
	for (guint j = 0; j < n_spans; j++) {
		if (spans[j].last == QUOTED)
			find_quoted(&b, spans[j].first, spans[j].sent);
		else
			add_run(&b, spans[j].first, spans[j].last, k->in_lead[spans[j].sent]);
	}

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
