/* Keyphrases and the kicker.
 *
 * Candidates are the 1-3 word sub-phrases of runs of content words (runs end
 * at stop words, reporting verbs and punctuation), plus short phrases the
 * article itself puts in quotes. A candidate is keyed by its stems, so
 * "oil spill" and "oil spills" add up. One pass over the tokens finds the
 * runs and the quoted phrases, a second reads their sub-phrases into the
 * table (at most three a token, so linear in the document); the ranking
 * keeps the best few of the distinct candidates, and scores only those that
 * a cheap bound does not rule out.
 *
 * The score's shape and constants were chosen on the first half (by id) of
 * a keyphrase set of news articles, see models/README-kicker.md: exact
 * matches with readers' keyphrases favour short, frequent, specific noun
 * phrases, two words more than one, that stand alone (bounded by function
 * words or punctuation on both sides) rather than inside longer runs.
 */
#include "lede-private.h"
#include "lang/lang.h"

#include <math.h>
#include <utf8proc.h>

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

/* The word lists (function_words and those of the kicker's rules), as bits
 * of what list_bits says of a word. */
enum {
	L_FUNCTION = 1 << 0,
	L_DET = 1 << 1,
	L_PREP = 1 << 2,
	L_SUBJ = 1 << 3,
	L_IRREGULAR_PAST = 1 << 4,
	L_NOT_VERB_FORM = 1 << 5,
	L_ADVERB = 1 << 6,
	L_CALENDAR = 1 << 7,
	L_MARKUP = 1 << 8,
	L_MEDIA = 1 << 9,
};
G_STATIC_ASSERT(L_MEDIA < G_MAXUINT16 / 2); /* list_bits + 1 fits a list_kind cell */
static guint32 list_bits(const char *w, gsize len);

/* Whether w (in either case) is in the lists of the bits `lists`. */
static inline gboolean in_list(guint32 lists, const char *w, gsize len)
{
	return (list_bits(w, len) & lists) != 0;
}

/* extra_stop as a set of case-folded words, built once for all threads:
 * every token of every document is checked against it. */
static GHashTable *extra_stop_set(void)
{
	static GHashTable *set;
	if (g_once_init_enter(&set)) {
		GHashTable *h = g_hash_table_new(g_str_hash, g_str_equal);
		const char *const *extra_stop = lede_lang_en()->kicker->extra_stop;
		for (guint i = 0; extra_stop[i]; i++)
			g_hash_table_add(h, (gpointer)extra_stop[i]);
		g_once_init_leave(&set, h);
	}
	return set;
}

/* A candidate as the phrases are counted: its key, its counts and what its
 * score needs, written once when it is first met. Where its text lies only
 * the few that are output need, and cand_surface finds that again from the
 * tokens. Its index in the candidates is its first-occurrence order. */
typedef struct {
	guint key[KEY_MAX]; /* the words' stem ids: "oil spill" and "oil spills" are one */
	guint words;        /* tokens in the phrase */
	gboolean quoted;
	guint n;      /* occurrences */
	guint alone;  /* occurrences that were a whole run */
	guint lead;   /* occurrences in the summary sentences */
	guint caps;   /* occurrences with every word capitalised */
	guint first;  /* token index of the first occurrence's first word */
	guint32 slot; /* where the table holds it */
	double idf_sum, idf_min;
} Cand;

/* A candidate as the ranking sees it. */
typedef struct {
	double score;
	guint first; /* Cand.first */
	guint order; /* index in the candidates */
} Rank;

/* The pass over the tokens finds where candidates are and lists them here,
 * in the order they are to be counted (which numbers the candidates, and
 * breaks ties): a run of content words [first, last], or a possible quoted
 * phrase from first when last is QUOTED. Only then are the phrases read, in
 * a loop of their own (see find_spans), and a quoted one reads the tokens
 * after its first. */
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

/* The candidates and the hash table over them. The counting pass keeps a
 * copy in locals (stores to the candidates could otherwise change the
 * fields under it), so the functions that change it take and return it by
 * value. */
typedef struct {
	Cand *cands; /* in order of first occurrence */
	guint n, cap;
	guint32 *slots; /* open addressing over cands: index + 1, 0 = empty */
	guint mask;     /* slots has mask + 1 cells, a power of two */
	guint room;     /* candidates cands holds with the slots at most half full */
} Table;

/* What a document does with a word, for the kicker's rules (see
 * kicker_evidence): EV_* bits, and how often it occurs and how often after
 * a subject pronoun or modal, or after "to" (saturating). */
struct KickerEv {
	guint16 n, subj, to;
	guint8 flags;
};

/* The keyphrase pass's memory, kept from one document to the next (in the
 * summarizer, see lede_kicker_scratch_new) so a document costs no
 * allocation once the arrays have grown to the longest one. */
struct LedeKickerScratch {
	Table table;
	guint tok_cap; /* spans has room for twice as many */
	Span *spans;
	guint sent_cap;
	guint8 *in_lead;     /* sentence -> selected */
	guint n_ids;         /* size of norm_kind, ctx_kind, list_kind, ev and want */
	guint8 *norm_kind;   /* norm id -> NORM_* */
	guint8 *ctx_kind;    /* norm id -> CTX_* (what it says of the next word) */
	guint16 *list_kind;  /* norm id -> list_bits + 1, or 0 not yet known */
	struct KickerEv *ev; /* norm id -> its use in this document (kicker only) */
	/* id -> WANT_* and DONE_* bits: what the next evidence pass is to
	 * record of it and what one has. Apart from ev, a byte an id: the pass
	 * reads it for every token, ev for the few marked. */
	guint8 *want;
	/* The ids marked for the evidence pass in this document (a norm and
	 * a stem apiece), to empty their cells when the next one comes; those
	 * from marked_pending on are for the next pass. */
	GArray *marked;
	guint marked_pending;
	guint ev_serial;     /* the LedeAnalysis.serial the cells are of */
	LedeKickerWork work; /* for the tests, which count work rather than time it */
};

void lede_kicker_scratch_work(const LedeKickerScratch *k, LedeKickerWork *w)
{
	*w = k->work;
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

/* Where a phrase ending on token t ends when token u = t + 1 follows in its
 * sentence: after the period that closes an abbreviation such as "U.S.". */
static inline gsize after_abbreviation(const char *text, const LedeToken *t, const LedeToken *u)
{
	gsize p = t->end;
	if (p < u->start && text[p] == '.' && memchr(text + t->start, '.', t->end - t->start))
		p++;
	return p;
}

/* The gap between tokens t and u = t + 1: TRUE when only white space (or
 * the period that closes an abbreviation) separates them. */
static inline gboolean joined(const char *text, const LedeToken *t, const LedeToken *u)
{
	if (u->start == t->end + 1 && text[t->end] == ' ')
		return TRUE; /* most words: one space and the next word */
	for (gsize p = after_abbreviation(text, t, u); p < u->start; p++)
		if (!g_ascii_isspace(text[p]))
			return FALSE;
	return TRUE;
}

/* Whether the token may be part of a candidate. The extra_stop test is
 * remembered per norm id (a string hash per token was a real share of the
 * pass). */
static inline gboolean content_token(const LedeTokenizer *tk, guint8 *norm_kind, const LedeToken *t)
{
	if (t->flags & (LEDE_TOK_STOP | LEDE_TOK_CJK))
		return FALSE;
	guint8 *kind = &norm_kind[t->norm_id];
	if (G_UNLIKELY(*kind == NORM_UNKNOWN)) {
		const char *norm = lede_tokenizer_word(tk, t->norm_id);
		*kind =
		    g_hash_table_contains(extra_stop_set(), norm) ? NORM_EXTRA_STOP : NORM_CONTENT;
	}
	return *kind != NORM_EXTRA_STOP;
}

LedeKickerScratch *lede_kicker_scratch_new(void)
{
	LedeKickerScratch *k = g_new0(LedeKickerScratch, 1);
	k->table.mask = 255;
	k->table.slots = g_new0(guint32, k->table.mask + 1);
	/* room: 0 until cands is allocated */
	k->marked = g_array_new(FALSE, FALSE, sizeof(guint));
	return k;
}

void lede_kicker_scratch_free(LedeKickerScratch *k)
{
	if (!k)
		return;
	g_free(k->table.cands);
	g_free(k->table.slots);
	g_free(k->spans);
	g_free(k->in_lead);
	g_free(k->norm_kind);
	g_free(k->ctx_kind);
	g_free(k->list_kind);
	g_free(k->ev);
	g_free(k->want);
	g_array_free(k->marked, TRUE);
	g_free(k);
}

void lede_kicker_scratch_forget_ids(LedeKickerScratch *k)
{
	if (k && k->n_ids) {
		memset(k->norm_kind, 0, k->n_ids);
		memset(k->ctx_kind, 0, k->n_ids);
		memset(k->list_kind, 0, k->n_ids * sizeof *k->list_kind);
	}
}

/* Sizes the scratch for a document of nt tokens, ns sentences, and every
 * norm id the tokenizer has handed out; empties the candidate table. */
static void scratch_reset(LedeKickerScratch *k, const LedeAnalysis *a, guint nt, guint ns)
{
	if (nt > k->tok_cap) {
		k->tok_cap = MAX(nt, k->tok_cap * 2);
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
		k->ctx_kind = g_renew(guint8, k->ctx_kind, cap);
		memset(k->ctx_kind + k->n_ids, 0, cap - k->n_ids);
		k->list_kind = g_renew(guint16, k->list_kind, cap);
		memset(k->list_kind + k->n_ids, 0, (cap - k->n_ids) * sizeof *k->list_kind);
		/* what a document recorded is emptied when the next one comes
		 * (below): the new cells start empty */
		k->ev = g_renew(struct KickerEv, k->ev, cap);
		memset(k->ev + k->n_ids, 0, (cap - k->n_ids) * sizeof *k->ev);
		k->want = g_renew(guint8, k->want, cap);
		memset(k->want + k->n_ids, 0, cap - k->n_ids);
		k->n_ids = cap;
	}
	/* Empty the slots the last document used, not the whole table (which
	 * is at least twice as large); a table grown by a huge document shrinks
	 * back. */
	Table *t = &k->table;
	if (t->mask + 1 > 4096) {
		g_free(t->slots);
		t->mask = 4095;
		t->slots = g_new0(guint32, t->mask + 1);
		t->room = MIN(t->cap, (t->mask + 1) / 2);
	} else {
		/* Locals: a store to a slot could otherwise change t->n. */
		guint32 *slots = t->slots;
		const Cand *cands = t->cands;
		for (guint c = 0, nc = t->n; c < nc; c++)
			slots[cands[c].slot] = 0;
	}
	t->n = 0;
	if (k->ev_serial != a->serial) {
		for (guint x = 0; x < k->marked->len; x++) {
			guint id = g_array_index(k->marked, guint, x);
			k->ev[id] = (struct KickerEv){0};
			k->want[id] = 0;
		}
		g_array_set_size(k->marked, 0);
		k->marked_pending = 0;
		k->ev_serial = a->serial;
	}
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

/* The table with room for `more` candidates: t.room >= t.n + more. It is
 * made before each span, for as many as the span's phrases could add, so
 * that adding a candidate checks nothing. */
static G_GNUC_NO_INLINE Table make_room(Table t, guint more)
{
	guint need = t.n + more;
	if (need > t.cap) {
		t.cap = MAX(MAX(t.cap * 2, need), 256u);
		t.cands = g_renew(Cand, t.cands, t.cap);
	}
	if (need > (t.mask + 1) / 2) {
		while (need > (t.mask + 1) / 2)
			t.mask = t.mask * 2 + 1;
		g_free(t.slots);
		t.slots = g_new0(guint32, t.mask + 1);
		for (guint c = 0; c < t.n; c++) {
			Cand *x = &t.cands[c];
			guint32 h = cand_hash(x) & t.mask;
			while (t.slots[h])
				h = (h + 1) & t.mask;
			t.slots[h] = c + 1;
			x->slot = h;
		}
	}
	t.room = MIN(t.cap, (t.mask + 1) / 2);
	return t;
}

/* A candidate's words as they are read: key, form and background idf. */
typedef struct {
	guint key[KEY_MAX]; /* zero beyond words */
	guint words;
	guint32 hash;    /* hash_word over the key */
	gboolean caps;   /* every word capitalised, in a text that has cases */
	double sum, min; /* idf over the content words, summed in order */
	guint content;
} Phrase;

/* The phrase before its first word, in a text that has cases or not. */
static inline Phrase empty_phrase(gboolean cased)
{
	return (Phrase){.caps = cased, .min = G_MAXDOUBLE};
}

/* Appends token t to the phrase; content: content_token(t). The idf is the
 * summarizer's (lede_analyse looked it up for every content stem). */
static inline void phrase_push(Phrase *ph, const LedeToken *t, gboolean content, const double *idf)
{
	ph->key[ph->words++] = t->stem_id;
	ph->hash = hash_word(ph->hash, t->stem_id);
	if (!(t->flags & LEDE_TOK_CAPITAL))
		ph->caps = FALSE;
	if (content && !(t->flags & LEDE_TOK_NUMBER)) {
		double x = idf[t->stem_id];
		ph->sum += x;
		ph->min = MIN(ph->min, x);
		ph->content++;
	}
}

/* Whether candidate x is the phrase ph, quoted or not. Cell by cell, not
 * memcmp: in add_from's unrolled loop the compiler then keeps more of the
 * phrase in registers (measured: fewer instructions). */
static inline gboolean same_phrase(const Cand *x, const Phrase *ph, gboolean quoted)
{
	G_STATIC_ASSERT(KEY_MAX == 4);
	return x->key[0] == ph->key[0] && x->key[1] == ph->key[1] && x->key[2] == ph->key[2] &&
	       x->key[3] == ph->key[3] && x->words == ph->words && x->quoted == quoted;
}

/* A new candidate for the phrase, held in slot h of the table, with the
 * counts of its first occurrence (the table has room, see make_room). */
static inline void new_cand(Table *t, const Phrase *ph, guint32 h, guint first, gboolean quoted,
                            guint alone, guint lead)
{
	Cand *c = &t->cands[t->n];
	memcpy(c->key, ph->key, sizeof c->key);
	c->words = ph->words;
	c->quoted = quoted;
	c->n = 1;
	c->alone = alone;
	c->lead = lead;
	c->caps = ph->caps;
	c->first = first;
	c->idf_sum = ph->sum / ph->content * ph->words; /* mean over the phrase's words */
	c->idf_min = ph->min;
	c->slot = h;
	t->slots[h] = ++t->n;
}

/* Counts one occurrence of the phrase that starts at token first, which has
 * a content word; alone: it is a whole run; lead: in a summary sentence (both
 * 0 or 1). Inline, as is new_cand: it runs for every phrase occurrence, and
 * passing its arguments cost as much as the lookup. */
static inline void add_phrase(Table *t, guint first, const Phrase *ph, gboolean quoted, guint alone,
                              guint lead)
{
	guint32 h = hash_finish(ph->hash, quoted) & t->mask;
	for (guint32 v; (v = t->slots[h]) != 0; h = (h + 1) & t->mask) {
		Cand *c = &t->cands[v - 1];
		if (same_phrase(c, ph, quoted)) {
			c->n++;
			if (alone)
				c->alone++;
			if (lead)
				c->lead++;
			if (ph->caps)
				c->caps++;
			return;
		}
	}
	new_cand(t, ph, h, first, quoted, alone, lead);
}

/* The 1-3 word phrases of a run that start at its token i and end by its
 * last, not on a number, growing a word at a time so that no word is read
 * twice; each ends on a content word, so it has one. run_start: i is the
 * run's first word, so the phrase that ends at last is the whole run. */
static inline void add_from(Table *tb, const LedeToken *t, const double *idf, guint i, guint last,
                            gboolean run_start, guint lead, gboolean cased)
{
	Phrase ph = empty_phrase(cased);
	guint end = MIN(last, i + MAX_WORDS - 1);
	/* Unrolled, the key's cells have fixed places. */
#pragma GCC unroll 3
	for (guint j = i; j <= end; j++) {
		phrase_push(&ph, &t[j], TRUE, idf);
		if (!(t[j].flags & LEDE_TOK_NUMBER))
			add_phrase(tb, i, &ph, FALSE, run_start && j == last, lead);
	}
}

/* Every 1-3 word sub-phrase of a run [first, last] not ending on a number. */
static inline void add_run(Table *tb, const LedeToken *t, const double *idf, guint first,
                           guint last, guint lead, gboolean cased)
{
	add_from(tb, t, idf, first, last, TRUE, lead, cased);
	for (guint i = first + 1; i <= last; i++)
		add_from(tb, t, idf, i, last, FALSE, lead, cased);
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

/* Where the quote mark that ends right before token t begins; FALSE if
 * there is none. */
static gboolean opening_quote(const LedeAnalysis *a, const LedeToken *t, gsize *open)
{
	gsize q;
	for (gsize back = 1; back <= 3 && back <= t->start; back++) {
		gsize p = t->start - back;
		if (is_quote_at(a->text + p, a->text + t->start, &q) && p + q == t->start) {
			*open = p;
			return TRUE;
		}
	}
	return FALSE;
}

/* A phrase the article quotes: an opening quote right before token i, the
 * closing one right after token j, nothing but words and spaces between,
 * all in sentence sent (quote_before(i) holds). Reads it into ph and returns
 * TRUE when there is one with a content word. */
static G_GNUC_NO_INLINE gboolean find_quoted(const LedeAnalysis *a, guint8 *norm_kind, guint i,
                                             guint sent, Phrase *ph)
{
	const LedeToken *t = lede_token_at(a, i);
	const LedeSentence *st = &g_array_index(a->sentences, LedeSentence, sent);
	gsize q, open;
	if (!opening_quote(a, t, &open) ||
	    (open > 0 && !g_ascii_isspace(a->text[open - 1]) && !strchr("([{", a->text[open - 1]) &&
	     a->text[open - 1] != '`'))
		return FALSE;
	guint sent_end = MIN(st->tok_first + st->tok_count, a->tokens->len);
	for (guint j = i; j < sent_end && j < i + QUOTE_MAX_TOKENS; j++) {
		const LedeToken *u = lede_token_at(a, j);
		gsize stop = j + 1 < a->tokens->len ? lede_token_at(a, j + 1)->start : a->len;
		gsize p = u->end;
		if (is_quote_at(a->text + p, a->text + stop, &q)) {
			if (j == i && i + 1 < a->tokens->len && stop == p + q)
				return FALSE; /* an apostrophe inside a word */
			/* A label never ends on a function word. */
			const char *norm = lede_tokenizer_word(a->tk, u->norm_id);
			if (in_list(L_FUNCTION, norm, strlen(norm)) || (u->flags & LEDE_TOK_NUMBER))
				return FALSE;
			if (a->text[open] == '\'' && j == i)
				return FALSE; /* a lone word in single quotes is usually an
				                 apostrophe */
			*ph = empty_phrase(a->cased);
			for (guint w = i; w <= j; w++)
				phrase_push(ph, lede_token_at(a, w),
				            content_token(a->tk, norm_kind, lede_token_at(a, w)),
				            a->idf);
			return ph->content > 0;
		}
		for (; p < stop; p++)
			if (!g_ascii_isspace(a->text[p]))
				return FALSE;
	}
	return FALSE;
}

/* The pass over the tokens: lists the spans in k->spans and returns how many
 * there are. Not inlined, nor are the other passes: alone, each keeps its
 * pointers in registers. */
static G_GNUC_NO_INLINE guint find_spans(const LedeAnalysis *a, LedeKickerScratch *k, guint nt)
{
	/* Locals, not k's fields: content_token's byte stores could alias them. */
	const char *text = a->text;
	const LedeToken *toks = lede_token_at(a, 0);
	const LedeTokenizer *tk = a->tk;
	guint8 *norm_kind = k->norm_kind;
	const double *idf = a->idf;
	Span *out = k->spans;
	/* lede_analyse tokenizes sentence by sentence, so the sentences' token
	 * ranges cover the tokens in order; a run never crosses a sentence's end
	 * (its last token joins nothing). */
	for (guint s = 0; s < a->sentences->len; s++) {
		const LedeSentence *st = &g_array_index(a->sentences, LedeSentence, s);
		guint end = MIN(st->tok_first + st->tok_count, nt);
		guint run = G_MAXUINT;
		for (guint i = st->tok_first; i < end; i++) {
			const LedeToken *t = &toks[i];
			/* norm_kind and the idf (which count_phrases reads) are
			 * read at random, by id, and missed the CPU's caches: ask
			 * for a later token's cells meanwhile. */
			if (i + LEDE_PREFETCH_AHEAD < nt) {
				__builtin_prefetch(&norm_kind[t[LEDE_PREFETCH_AHEAD].norm_id]);
				__builtin_prefetch(&idf[t[LEDE_PREFETCH_AHEAD].stem_id]);
			}
			if (content_token(tk, norm_kind, t)) {
				if (run == G_MAXUINT)
					run = i;
				if (i + 1 == end || !joined(text, t, t + 1)) {
					*out++ = (Span){run, i, s};
					run = G_MAXUINT;
				}
			} else if (run != G_MAXUINT) {
				*out++ = (Span){run, i - 1, s};
				run = G_MAXUINT;
			}
			if (quote_before(text, t))
				*out++ = (Span){i, QUOTED, s};
		}
	}
	return out - k->spans;
}

/* Reads the phrases of the n_spans spans into the candidates. */
static G_GNUC_NO_INLINE void count_phrases(const LedeAnalysis *a, LedeKickerScratch *k,
                                           guint n_spans)
{
	k->work.phrase_counts++;
	Table t = k->table;
	const LedeToken *toks = lede_token_at(a, 0);
	const Span *spans = k->spans;
	const guint8 *in_lead = k->in_lead;
	gboolean cased = a->cased;
	for (guint j = 0; j < n_spans; j++) {
		const Span *sp = &spans[j];
		Phrase ph;
		if (sp->last != QUOTED) {
			guint more = MAX_WORDS * (sp->last - sp->first + 1);
			if (G_UNLIKELY(t.n + more > t.room))
				t = make_room(t, more);
			add_run(&t, toks, a->idf, sp->first, sp->last, in_lead[sp->sent], cased);
		} else if (find_quoted(a, k->norm_kind, sp->first, sp->sent, &ph)) {
			if (G_UNLIKELY(t.n + 1 > t.room))
				t = make_room(t, 1);
			add_phrase(&t, sp->first, &ph, TRUE, TRUE, in_lead[sp->sent]);
		}
	}
	k->table = t;
}

static int by_score(const Rank *a, const Rank *b)
{
	if (a->score != b->score)
		return a->score < b->score ? 1 : -1;
	return a->first < b->first ? -1 : a->first > b->first;
}

/* The denominator of score's position term, the same for a document's
 * candidates. */
static double pos_span(guint n_tokens)
{
	return W_POS_SPAN * n_tokens + 1.0;
}

static inline double score(const Cand *c, double span)
{
	double mean_idf = c->idf_sum / c->words;
	double pos = 1.0 / (1.0 + c->first / span);
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

/* score() without its square roots and divisions: an upper bound on
 * score(c)^2 * c->n, with the position term at its best (pos = 1) and the
 * capitals' at theirs (1: W_CAPS <= 0), the alone term written
 * (n + W_ALONE * alone) / n and the other factors as score has them. The
 * mean idf is idf_sum / words, the division folded into the table with the
 * length weight. */
static const double len2_per_word[KEY_MAX + 1] = {
    0.0, 1.0, (W_LEN2 * W_LEN2) / 2, (W_LEN3 * W_LEN3) / 3, (W_LEN3 * W_LEN3) / 4,
};

static inline double score_bound2(const Cand *c)
{
	double alone = c->n + W_ALONE * c->alone;
	double b = (W_POS_FLOOR + 1.0) * (W_POS_FLOOR + 1.0) * len2_per_word[c->words] *
	           c->idf_sum * alone * alone;
	if (c->lead)
		b *= (1.0 + W_LEAD) * (1.0 + W_LEAD);
	if (c->idf_min < GENERIC_IDF)
		b *= GENERIC_PENALTY * GENERIC_PENALTY;
	if (c->quoted)
		b *= W_QUOTED * W_QUOTED;
	return b;
}

/* The bound's margin: a computed score and bound are each within a few
 * dozen roundings (of 2^-53) of their exact values, far less than this. */
#define BOUND_SLACK 1e-9

/* Whether c scores below a candidate scoring `worst`, by the bound alone:
 * cut is worst^2 * (1 - BOUND_SLACK), or -1 when worst is not a positive
 * number. A score is a product of non-negative factors, so from
 * score^2 * n <= bound < cut * n follows score < worst even after rounding;
 * a negative or NaN bound (a negative or NaN idf) never passes. */
static inline gboolean scores_below(const Cand *c, double cut)
{
	double b = score_bound2(c);
	return b >= 0 && b < cut * c->n;
}

static double cut_for(double worst)
{
	return worst > 0 ? worst * worst * (1 - BOUND_SLACK) : -1;
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

/* Whether token i ends its sentence (see find_spans). */
static gboolean ends_sentence(const LedeAnalysis *a, guint i)
{
	/* The last sentence that starts at or before i holds it. */
	guint lo = 0, hi = a->sentences->len;
	while (hi - lo > 1) {
		guint mid = lo + (hi - lo) / 2;
		if (g_array_index(a->sentences, LedeSentence, mid).tok_first <= i)
			lo = mid;
		else
			hi = mid;
	}
	const LedeSentence *st = &g_array_index(a->sentences, LedeSentence, lo);
	return i + 1 == MIN(st->tok_first + st->tok_count, a->tokens->len);
}

/* The text of a candidate's first occurrence: a run's phrase from its first
 * word to its last, with the period of an abbreviation that does not end
 * the sentence; a quoted phrase with its quote marks (found again as
 * find_quoted found them). */
static char *cand_surface(const LedeAnalysis *a, const Cand *c)
{
	guint last = c->first + c->words - 1;
	const LedeToken *t = lede_token_at(a, last);
	gsize start = lede_token_at(a, c->first)->start, end = t->end;
	if (!c->quoted && !ends_sentence(a, last))
		end = after_abbreviation(a->text, t, t + 1);
	if (c->quoted) {
		gsize q = 0;
		gsize stop = last + 1 < a->tokens->len ? lede_token_at(a, last + 1)->start : a->len;
		opening_quote(a, lede_token_at(a, c->first), &start);
		is_quote_at(a->text + t->end, a->text + stop, &q);
		end = t->end + q;
	}
	return surface(a, start, end);
}

/* ---- what a kicker may be --------------------------------------------------
 *
 * A kicker is a label an editor would print over the story: a noun phrase of
 * the article, a name, a short phrase the article quotes, a topic. The best
 * keyphrase is often one, but not always: runs of content words also give
 * "FEERICK FINDS" (a name and its verb), "CRASHED", "QUELL DISSENT" (a verb
 * and its object), "ORBIT CLOSER" (a noun and an adverb), "100 KILOMETERS",
 * "ITALICS" (a word of the wire's markup) or "NATIONAL RADIO" (the source,
 * not the story). Without a tagger, what the article does with a word tells
 * a noun from a verb: a word it puts after "the" or "his" is a noun ("the
 * bombing", "the need"); one it puts after "he", "to" or "will" is a verb
 * unless it is also a noun; a lower-case word ending in -ed or -ing, or a
 * past tense such as "sank", is a verb form unless the article gives it a
 * determiner. The kicker is the best of the first KICKER_POOL keyphrases
 * that breaks none of the rules below; when none qualifies there is none. */

#define KICKER_POOL 16

/* The rules, as bits of lede_kicker_rules_off (see lede-private.h). */
enum {
	KR_VERB_END = 1 << 0,   /* no verb form at the end, nor a lone verb */
	KR_VERB_START = 1 << 1, /* no verb or adverb opening a phrase */
	KR_ADVERB_END = 1 << 2, /* no adverb at the end */
	KR_NUMBER = 1 << 3,     /* no number but a year; no day, time or letter alone */
	KR_SOURCE = 1 << 4,     /* no markup, agency or news-medium word */
	KR_FRAGMENT = 1 << 5,   /* no piece of a hyphenated word ("TERM" of "long-term") */
};

guint lede_kicker_rules_off;

/* What a word says of the word after it. */
enum {
	CTX_UNKNOWN,
	CTX_DET,  /* a determiner or possessive: a noun (or its adjective) follows */
	CTX_PREP, /* a preposition */
	CTX_SUBJ, /* a subject pronoun, modal or "not": a verb follows */
	CTX_TO,   /* "to": a verb or a place follows */
	CTX_OTHER,
};

/* What the document does with a word (bits of LedeKickerScratch.ev). */
enum {
	EV_SEEN = 1 << 0,  /* occurs (so that clearing finds it) */
	EV_LOWER = 1 << 1, /* occurs with a lower-case first letter */
	EV_DET = 1 << 2,   /* occurs after a determiner */
	EV_PREP = 1 << 3,  /* occurs after a preposition */
	EV_SUBJ = 1 << 4,  /* occurs after a subject pronoun or modal */
	EV_TO = 1 << 5,    /* occurs after "to" */
	/* On a stem's id: a word of that stem occurs without -ed or -ing
	 * ("sleep" beside "sleeping"; nothing beside "fleming"). */
	EV_STEM_PLAIN = 1 << 6,
};

/* Longer words are in no list. */
#define LIST_WORD_MAX 24

/* Every list's words, each with the bits of the lists that hold it, built
 * once for all threads: a search of the lists word by word was a real share
 * of the batch. */
static GHashTable *word_lists(void)
{
	static GHashTable *table;
	if (g_once_init_enter(&table)) {
		const LedeKickerWords *k = lede_lang_en()->kicker;
		const struct {
			const char *const *words;
			guint32 bit;
		} lists[] = {
		    {k->function_words, L_FUNCTION},
		    {k->det, L_DET},
		    {k->prep, L_PREP},
		    {k->subj, L_SUBJ},
		    {k->irregular_past, L_IRREGULAR_PAST},
		    {k->not_verb_forms, L_NOT_VERB_FORM},
		    {k->adverbs, L_ADVERB},
		    {k->calendar, L_CALENDAR},
		    {k->markup_words, L_MARKUP},
		    {k->media_words, L_MEDIA},
		};
		GHashTable *h = g_hash_table_new(g_str_hash, g_str_equal);
		for (guint l = 0; l < G_N_ELEMENTS(lists); l++)
			for (const char *const *w = lists[l].words; *w; w++) {
				g_assert(strlen(*w) < LIST_WORD_MAX);
				guint32 bits = GPOINTER_TO_UINT(g_hash_table_lookup(h, *w));
				g_hash_table_insert(h, (gpointer)*w,
				                    GUINT_TO_POINTER(bits | lists[l].bit));
			}
		g_once_init_leave(&table, h);
	}
	return table;
}

/* The bits of the lists that hold w[0..len), compared without regard to
 * ASCII case (the lists are lower-case ASCII); a NUL ends no word here. */
static guint32 list_bits(const char *w, gsize len)
{
	char low[LIST_WORD_MAX];
	if (!len || len >= sizeof low)
		return 0;
	for (gsize i = 0; i < len; i++) {
		if (!w[i])
			return 0;
		low[i] = g_ascii_tolower(w[i]);
	}
	low[len] = '\0';
	return GPOINTER_TO_UINT(g_hash_table_lookup(word_lists(), low));
}

static gboolean ends_with(const char *w, gsize len, const char *suffix)
{
	gsize n = strlen(suffix);
	return len >= n && memcmp(w + len - n, suffix, n) == 0;
}

/* A lower-case word's verb forms: -ed, -ing and irregular past tenses
 * (these only in a text with cases: without, "rose" may be Justin Rose). */
/* lists: list_bits(w, len). */
static gboolean past_or_ing(const char *w, gsize len, guint32 lists, gboolean cased)
{
	if (lists & L_NOT_VERB_FORM)
		return FALSE;
	return (len >= 5 && ends_with(w, len, "ed")) || (len >= 6 && ends_with(w, len, "ing")) ||
	       (cased && (lists & L_IRREGULAR_PAST));
}

static gboolean adverb(const char *w, gsize len, guint32 lists, gboolean cased)
{
	if (lists & L_NOT_VERB_FORM)
		return FALSE;
	return (cased && len >= 5 && ends_with(w, len, "ly")) || (lists & L_ADVERB);
}

/* A number that is not a year ("100", "40m", "1,500"); "1990" is a year. */
static gboolean non_year_number(const char *w, gsize len)
{
	if (!len || !g_ascii_isdigit(w[0]))
		return FALSE;
	if (len == 4 && (w[0] == '1' || w[0] == '2')) {
		for (gsize i = 1; i < 4; i++)
			if (!g_ascii_isdigit(w[i]))
				return TRUE;
		return FALSE;
	}
	return TRUE;
}

/* ctx_kind's cell: CTX_* in the low bits, and this bit when the word
 * ends in -ed or -ing. */
#define CTX_INFLECTED 0x80

/* The CTX_* of a norm and its CTX_INFLECTED bit, worked out once per id. */
static guint8 ctx_of(const LedeTokenizer *tk, guint8 *ctx_kind, guint norm_id)
{
	guint8 *c = &ctx_kind[norm_id];
	if (*c == CTX_UNKNOWN) {
		const char *w = lede_tokenizer_word(tk, norm_id);
		gsize len = strlen(w);
		guint32 lists = list_bits(w, len);
		*c = lists & L_DET          ? CTX_DET
		     : lists & L_PREP       ? CTX_PREP
		     : lists & L_SUBJ       ? CTX_SUBJ
		     : strcmp(w, "to") == 0 ? CTX_TO
		                            : CTX_OTHER;
		/* "fleming's" is "fleming" */
		if (ends_with(w, len, "'s"))
			len -= 2;
		else if (ends_with(w, len, "\xe2\x80\x99s"))
			len -= 4;
		if (ends_with(w, len, "ed") || ends_with(w, len, "ing"))
			*c |= CTX_INFLECTED;
	}
	return *c;
}

/* What the evidence pass records of an id (LedeKickerScratch.want), and what one
 * has. */
enum {
	WANT_NORM = 1 << 0, /* the word's use: the id is a norm of the words judged */
	WANT_STEM = 1 << 1, /* EV_STEM_PLAIN: the id is a stem of theirs */
	DONE_NORM = 1 << 2,
	DONE_STEM = 1 << 3,
};

/* Marks the words of candidate c for the evidence pass, those no pass of
 * this document has recorded yet. Only the words the rules judge need
 * evidence, so only they get it: working it out for every word of the
 * document cost more than counting the phrases. The kicker's and the
 * headline topics' words are mostly the same: what the kicker's pass
 * recorded serves the topics too, for the rest of the document. */
static void mark_words(const LedeAnalysis *a, LedeKickerScratch *k, const Cand *c)
{
	guint8 *want = k->want;
	for (guint i = 0; i < c->words; i++) {
		const LedeToken *t = lede_token_at(a, c->first + i);
		if (!(want[t->norm_id] & (WANT_NORM | DONE_NORM))) {
			want[t->norm_id] |= WANT_NORM;
			g_array_append_val(k->marked, t->norm_id);
		}
		if (!(want[t->stem_id] & (WANT_STEM | DONE_STEM))) {
			want[t->stem_id] |= WANT_STEM;
			g_array_append_val(k->marked, t->stem_id);
		}
	}
}

/* Whether ends_phrase(i) holds without the evidence pass: the text ends,
 * punctuation or a line break follows, or a stop word. */
static gboolean ends_plainly(const LedeAnalysis *a, guint i)
{
	if (i + 1 >= a->tokens->len)
		return TRUE;
	const LedeToken *t = lede_token_at(a, i), *u = lede_token_at(a, i + 1);
	for (gsize q = t->end; q < u->start; q++)
		if (!g_ascii_isspace(a->text[q]) || a->text[q] == '\n')
			return TRUE;
	return (u->flags & LEDE_TOK_STOP) != 0;
}

/* The m ranked candidates' words, and the word after the first occurrence
 * of each, which the headline's topics will ask about (ends_phrase). */
static void kicker_words(const LedeAnalysis *a, LedeKickerScratch *k, const Cand *cands,
                         const Rank *ranked, guint m)
{
	for (guint j = 0; j < m; j++) {
		const Cand *c = &cands[ranked[j].order];
		mark_words(a, k, c);
		Cand next = {.first = c->first + c->words, .words = 1};
		if (!ends_plainly(a, next.first - 1))
			mark_words(a, k, &next);
	}
}

/* One pass over the tokens: what the document does with each word marked
 * since the last pass (none: no pass). Words are looked at with the one
 * before them in their sentence. */
static G_GNUC_NO_INLINE void kicker_evidence(const LedeAnalysis *a, LedeKickerScratch *k, guint nt)
{
	if (k->marked_pending == k->marked->len)
		return;
	const LedeToken *toks = lede_token_at(a, 0);
	struct KickerEv *ev = k->ev;
	const guint8 *want = k->want;
	for (guint s = 0; s < a->sentences->len; s++) {
		const LedeSentence *st = &g_array_index(a->sentences, LedeSentence, s);
		guint end = MIN(st->tok_first + st->tok_count, nt);
		for (guint i = st->tok_first; i < end; i++) {
			const LedeToken *t = &toks[i];
			if ((want[t->stem_id] & WANT_STEM) &&
			    !(ctx_of(a->tk, k->ctx_kind, t->norm_id) & CTX_INFLECTED))
				ev[t->stem_id].flags |= EV_STEM_PLAIN;
			if (!(want[t->norm_id] & WANT_NORM))
				continue;
			struct KickerEv *v = &ev[t->norm_id];
			k->work.evidence_tokens++;
			guint8 e = EV_SEEN;
			if (!(t->flags & LEDE_TOK_CAPITAL))
				e |= EV_LOWER;
			if (i > st->tok_first) {
				switch (ctx_of(a->tk, k->ctx_kind, toks[i - 1].norm_id) &
				        ~CTX_INFLECTED) {
				case CTX_DET:
					e |= EV_DET;
					break;
				case CTX_PREP:
					e |= EV_PREP;
					break;
				case CTX_SUBJ:
					e |= EV_SUBJ;
					break;
				case CTX_TO:
					e |= EV_TO;
					break;
				default:
					break;
				}
			}
			v->flags |= e;
			if (v->n < G_MAXUINT16) {
				v->n++;
				v->subj += (e & EV_SUBJ) != 0;
				v->to += (e & EV_TO) != 0;
			}
		}
	}
	for (guint x = k->marked_pending; x < k->marked->len; x++) {
		guint8 *w = &k->want[g_array_index(k->marked, guint, x)];
		*w = (guint8)(((*w & (WANT_NORM | WANT_STEM)) << 2) |
		              (*w & ~(WANT_NORM | WANT_STEM)));
	}
	k->marked_pending = k->marked->len;
}

/* A word of a candidate as the rules read it. */
typedef struct {
	const char *w; /* norm: case-folded */
	gsize len;
	guint32 lists;         /* list_bits(w, len) */
	guint8 ev;             /* EV_* */
	gboolean verb_context; /* after a pronoun or modal (or "to") often enough */
	/* Its form tells: in a text without cases, "fleming", "sterling",
	 * "mohamed" and "kelly" may be names, so there a word in -ed or -ing
	 * counts as a verb form only when a plain form of its stem occurs too
	 * ("sleep" beside "sleeping"), and one in -ly is no adverb by its form. */
	gboolean form_tells;
	gboolean cased;   /* the text has cases */
	gboolean lower;   /* written in lower case here (always, in a text without cases) */
	gboolean name;    /* capitalised wherever the article writes it */
	gboolean subject; /* a name that may be a subject: not an acronym, not an
	                     adjective ("Kurdish", "Iraqi", "Congressional") */
} KWord;

static KWord kword(const LedeAnalysis *a, const LedeKickerScratch *k, guint i)
{
	const LedeToken *t = lede_token_at(a, i);
	KWord x;
	x.w = lede_tokenizer_word(a->tk, t->norm_id);
	x.len = strlen(x.w);
	/* once per id: a word's lists were looked up for every rule */
	guint16 *lk = &k->list_kind[t->norm_id];
	if (!*lk)
		*lk = (guint16)(list_bits(x.w, x.len) + 1);
	x.lists = *lk - 1u;
	const struct KickerEv *v = &k->ev[t->norm_id];
	x.ev = v->flags;
	/* A third of the occurrences: a name is now and then put after
	 * "should" or "who" ("should Klitschko win"), a verb mostly is. "to"
	 * counts for a word the article never puts after another preposition
	 * ("to Madrid", "in Madrid"). */
	guint verbish = v->subj + ((x.ev & EV_PREP) || !a->cased ? 0u : v->to);
	x.verb_context = verbish > 0 && verbish * 3 >= v->n;
	x.cased = a->cased;
	x.form_tells = a->cased || (k->ev[t->stem_id].flags & EV_STEM_PLAIN);
	x.lower = !a->cased || !(t->flags & LEDE_TOK_CAPITAL);
	x.name = a->cased && (t->flags & LEDE_TOK_CAPITAL) && !(x.ev & EV_LOWER);
	x.subject = x.name && !(t->flags & LEDE_TOK_ALLCAPS) && !ends_with(x.w, x.len, "an") &&
	            !ends_with(x.w, x.len, "ish") && !ends_with(x.w, x.len, "ese") &&
	            !ends_with(x.w, x.len, "ic") && !ends_with(x.w, x.len, "i") &&
	            !ends_with(x.w, x.len, "al");
	return x;
}

/* Whether the word is used as a verb here: a lower-case verb form the
 * article never puts after a determiner, or a word it puts after "he" (or
 * after "to" and never after another preposition, as it does places) and
 * never after a determiner; after_name: a name comes right before it, which
 * makes "finds" in "Feerick finds" a verb unless the article also uses it
 * as a noun ("the finds", "of finds"). */
static gboolean verb_like(const KWord *x, gboolean after_name)
{
	if (!x->lower || (x->ev & EV_DET))
		return FALSE;
	if ((x->form_tells && past_or_ing(x->w, x->len, x->lists, x->cased)) || x->verb_context)
		return TRUE;
	return after_name && !(x->ev & EV_PREP) && x->len >= 4 && ends_with(x->w, x->len, "s") &&
	       !ends_with(x->w, x->len, "ss") && !ends_with(x->w, x->len, "us") &&
	       !ends_with(x->w, x->len, "is");
}

/* Whether candidate c may be the kicker (see the section's comment). */
static gboolean kicker_ok(const LedeAnalysis *a, const LedeKickerScratch *k, const Cand *c)
{
	guint off = lede_kicker_rules_off;
	KWord w[KEY_MAX];
	guint n = MIN(c->words, (guint)KEY_MAX);
	gboolean calendar_only = TRUE;
	for (guint i = 0; i < n; i++) {
		w[i] = kword(a, k, c->first + i);
		if (!(off & KR_NUMBER) && non_year_number(w[i].w, w[i].len))
			return FALSE;
		if (!(off & KR_SOURCE) && (w[i].lists & L_MARKUP))
			return FALSE;
		if (!(w[i].lists & L_CALENDAR) &&
		    !(lede_token_at(a, c->first + i)->flags & LEDE_TOK_NUMBER))
			calendar_only = FALSE;
	}
	const KWord *last = &w[n - 1], *first = &w[0];
	if (!(off & KR_NUMBER) && (calendar_only || (n == 1 && g_utf8_strlen(first->w, -1) < 2)))
		return FALSE;
	if (!(off & KR_SOURCE) && (last->lists & L_MEDIA))
		return FALSE;
	if (!(off & KR_FRAGMENT)) {
		/* "long-term perspective" is no "TERM PERSPECTIVE", "el-Assad" no "EL". */
		const LedeToken *t0 = lede_token_at(a, c->first);
		const LedeToken *tl = lede_token_at(a, c->first + c->words - 1);
		if (t0->start >= 2 && a->text[t0->start - 1] == '-' &&
		    g_ascii_isalnum(a->text[t0->start - 2]))
			return FALSE;
		if (tl->end + 1 < a->len && a->text[tl->end] == '-' &&
		    g_ascii_isalnum(a->text[tl->end + 1]))
			return FALSE;
	}
	/* A phrase the article quotes is its own label: "'RECKLESS BEHAVIOR'". */
	if (c->quoted)
		return TRUE;
	if (!(off & KR_VERB_END)) {
		/* A verb form ends no noun phrase: "CRASHED", "CHRISTIANS
		 * DEGENERATED", "FEERICK FINDS"; a past participle alone is no
		 * label even after a determiner ("the crashed jet"). */
		if (verb_like(last, n > 1 && w[n - 2].subject))
			return FALSE;
		if (last->lower && last->form_tells && last->len >= 5 &&
		    ends_with(last->w, last->len, "ed") && !(last->lists & L_NOT_VERB_FORM))
			return FALSE;
	}
	if (!(off & KR_ADVERB_END) && last->lower &&
	    adverb(last->w, last->len, last->lists, a->cased))
		return FALSE;
	if (!(off & KR_VERB_START) && n > 1 && first->lower) {
		/* "QUELL DISSENT", "BLAMED ISRAEL", "COMPLETELY IRRADIATE"; a
		 * participle the article puts after a preposition modifies a
		 * noun ("of developing countries"), as an -ly word does one the
		 * article uses as a noun ("ELDERLY NEGLECT", "of neglect"). */
		if (adverb(first->w, first->len, first->lists, a->cased) &&
		    !(w[1].ev & (EV_DET | EV_PREP)))
			return FALSE;
		if (verb_like(first, FALSE) && !(first->ev & EV_PREP))
			return FALSE;
	}
	return TRUE;
}

/* Whether a noun phrase may end at token i: punctuation or a line break
 * follows it, or a stop word, a verb ("ferry passengers waited"), or
 * nothing ("small oil" always runs on into "companies"). */
static gboolean ends_phrase(const LedeAnalysis *a, const LedeKickerScratch *k, guint i)
{
	if (ends_plainly(a, i))
		return TRUE;
	KWord x = kword(a, k, i + 1);
	return verb_like(&x, FALSE);
}

static guint8 ascii_lower(guint8 c)
{
	return c >= 'A' && c <= 'Z' ? (guint8)(c + ('a' - 'A')) : c;
}

/* g_ascii_strncasecmp(x, y, n) == 0 for x without a NUL in its first n
 * bytes, inline: it ran for every word that starts as a phrase does. */
static gboolean same_ascii_case(const char *x, const char *y, gsize n)
{
	for (gsize i = 0; i < n; i++)
		if (ascii_lower((guint8)x[i]) != ascii_lower((guint8)y[i]))
			return FALSE;
	return TRUE;
}

/* The first run of tokens whose words (case aside) and the punctuation
 * between them spell phrase, or FALSE: a tail topic must be whole words of
 * the article ("36 a.m" is a piece of "6:36 a.m."). The last token of every
 * such run is appended to lasts (for ends_phrase). heads: each token's first
 * byte, lower-cased. */
static gboolean find_phrase(const LedeAnalysis *a, const guint8 *heads, const char *phrase,
                            guint *first, guint *words, GArray *lasts)
{
	gboolean found = FALSE;
	const LedeToken *toks = lede_token_at(a, 0);
	guint nt = a->tokens->len;
	gsize plen = strlen(phrase);
	guint8 head = ascii_lower((guint8)phrase[0]);
	for (guint i = 0; i < nt; i++) {
		/* Only words with the phrase's first letter can start it: found
		 * by memchr over the first letters (comparing the phrase at every
		 * word of the article, for each of a dozen phrases, cost more than
		 * the rest of the kicker). */
		const guint8 *at = memchr(heads + i, head, nt - i);
		if (!at)
			break;
		i = (guint)(at - heads);
		gsize p = 0;
		for (guint j = i; j < nt && j - i < KEY_MAX; j++) {
			const LedeToken *t = &toks[j];
			if (j > i) {
				/* the gap: its punctuation must be the phrase's, spaces aside */
				for (gsize q = toks[j - 1].end; q < t->start; q++) {
					if (g_ascii_isspace(a->text[q]))
						continue;
					while (p < plen && phrase[p] == ' ')
						p++;
					if (p >= plen || phrase[p] != a->text[q])
						goto next;
					p++;
				}
				while (p < plen && phrase[p] == ' ')
					p++;
			}
			gsize tl = t->end - t->start;
			if (p + tl > plen || !same_ascii_case(phrase + p, a->text + t->start, tl))
				break;
			p += tl;
			if (p == plen) {
				/* a whole word of the text, not the front of a longer one */
				if (t->end < a->len && g_ascii_isalnum(a->text[t->end]))
					break;
				if (!found) {
					*first = i;
					*words = j - i + 1;
					found = TRUE;
				}
				g_array_append_val(lasts, j);
				break;
			}
		}
	next:;
	}
	return found;
}

/* mark_words for the phrases found and for the word after each of their
 * runs that ends_phrase will ask about (it stops at the first that ends). */
static void mark_phrases(const LedeAnalysis *a, LedeKickerScratch *k, const Cand *c,
                         const gboolean *found, guint n, const GArray *lasts, const guint *from)
{
	for (guint i = 0; i < n; i++) {
		if (!found[i])
			continue;
		mark_words(a, k, &c[i]);
		for (guint x = from[i]; x < from[i + 1]; x++) {
			guint last = g_array_index(lasts, guint, x);
			if (ends_plainly(a, last))
				break;
			Cand next = {.first = last + 1, .words = 1};
			mark_words(a, k, &next);
		}
	}
}

void lede_labels_only(const LedeAnalysis *a, GPtrArray *phrases)
{
	g_return_if_fail(a != NULL && phrases != NULL);
	guint nt = a->tokens ? a->tokens->len : 0;
	if (!nt || !phrases->len) {
		g_ptr_array_set_size(phrases, 0);
		return;
	}
	LedeKickerScratch *own = a->kicker ? NULL : lede_kicker_scratch_new();
	LedeKickerScratch *k = a->kicker ? a->kicker : own;
	scratch_reset(k, a, nt, a->sentences->len);
	/* Found first, so that the evidence pass records only their words and
	 * the word after each of their runs (ends_phrase reads it). */
	const LedeToken *toks = lede_token_at(a, 0);
	guint8 *heads = g_malloc(nt);
	for (guint i = 0; i < nt; i++)
		heads[i] = ascii_lower((guint8)a->text[toks[i].start]);
	guint n = phrases->len;
	Cand *c = g_new0(Cand, n);
	gboolean *found = g_new0(gboolean, n);
	guint *from = g_new(guint, n + 1);
	GArray *lasts = g_array_new(FALSE, FALSE, sizeof(guint));
	for (guint i = 0; i < n; i++) {
		const char *ph = g_ptr_array_index(phrases, i);
		from[i] = lasts->len;
		found[i] =
		    ph[0] != '"' && find_phrase(a, heads, ph, &c[i].first, &c[i].words, lasts);
	}
	from[n] = lasts->len;
	mark_phrases(a, k, c, found, n, lasts, from);
	kicker_evidence(a, k, nt);
	for (guint i = n; i-- > 0;) {
		/* A phrase the article never ends is a piece of a longer one:
		 * "small oil" of "small oil companies". */
		gboolean ends = FALSE;
		for (guint x = from[i]; x < from[i + 1] && !ends; x++)
			ends = ends_phrase(a, k, g_array_index(lasts, guint, x));
		gboolean ok = found[i] && ends && kicker_ok(a, k, &c[i]);
		if (ok && c[i].words == 1) {
			/* A lone lower-case word is a label only as a noun: the
			 * article puts it after a determiner or a preposition
			 * ("convicted", "combining" never are). */
			KWord w = kword(a, k, c[i].first);
			ok = !w.lower || (w.ev & (EV_DET | EV_PREP));
		}
		if (!ok)
			g_ptr_array_remove_index(phrases, i);
	}
	g_array_free(lasts, TRUE);
	g_free(from);
	g_free(heads);
	g_free(c);
	g_free(found);
	lede_kicker_scratch_free(own);
}

/* by_score's order, then the candidates' own order, which is what a stable
 * sort of all of them would give. */
static gboolean ranks_before(const Rank *x, const Rank *y)
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
	lede_keyphrases_kicker(a, n, out, NULL);
}

/* Hands the i-th ranked candidate to the list (among the first `want`) and
 * to the kicker (the first that may be one). */
static void take_ranked(const LedeAnalysis *a, const LedeKickerScratch *k, const Cand *c, guint i,
                        guint want, GPtrArray *out, char **kicker)
{
	gboolean for_kicker = kicker && !*kicker && kicker_ok(a, k, c);
	if (i >= want && !for_kicker)
		return;
	char *s = cand_surface(a, c);
	if (for_kicker)
		*kicker = lede_kicker_from_phrase(s);
	if (i < want)
		g_ptr_array_add(out, s);
	else
		g_free(s);
}

void lede_keyphrases_kicker(const LedeAnalysis *a, guint n, GPtrArray *out, char **kicker)
{
	g_return_if_fail(a != NULL && out != NULL);
	if (kicker)
		*kicker = NULL;
	guint nt = a->tokens ? a->tokens->len : 0;
	if ((!n && !kicker) || !nt)
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
	count_phrases(a, k, find_spans(a, k, nt));

	const Cand *cands = k->table.cands;
	guint nc = k->table.n;
	/* Only the best few are wanted: keep them in a short ranked list
	 * (insertion into a list of at most `want`) rather than sorting every
	 * candidate. A caller asking for many gets the full sort. The kicker
	 * is looked for among the first KICKER_POOL. */
	guint want = out->len < n ? n - out->len : 0;
	guint ranked = kicker ? MAX(want, (guint)KICKER_POOL) : want;
	double span = pos_span(nt);
	Rank top[16] = {{0}}, *all = NULL; /* zero: GCC cannot tell that m guards it */
	const Rank *best = top;
	guint m = 0;
	if (ranked > 16) {
		all = g_new(Rank, nc);
		for (guint c = 0; c < nc; c++)
			all[c] = (Rank){score(&cands[c], span), cands[c].first, c};
		qsort(all, nc, sizeof *all, by_rank);
		best = all;
		m = MIN(nc, ranked);
	} else if (ranked) {
		/* Once the list is full, a candidate whose score's bound is
		 * below the last one's is not scored at all: most occur once and
		 * cannot compete. */
		double cut = -1;
		for (guint c = 0; c < nc; c++) {
			if (m == ranked && scores_below(&cands[c], cut))
				continue;
			Rank r = {score(&cands[c], span), cands[c].first, c};
			if (m == ranked && !ranks_before(&r, &top[m - 1]))
				continue;
			guint j = m < ranked ? m++ : m - 1;
			for (; j > 0 && ranks_before(&r, &top[j - 1]); j--)
				top[j] = top[j - 1];
			top[j] = r;
			if (m == ranked)
				cut = cut_for(top[m - 1].score);
		}
	}
	if (kicker && m) {
		kicker_words(a, k, cands, best, m);
		kicker_evidence(a, k, nt);
	}
	for (guint j = 0; j < m; j++)
		take_ranked(a, k, &cands[best[j].order], j, want, out, kicker);
	g_free(all);
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
	if (!bl || in_list(L_FUNCTION, b, bl))
		return TRUE;
	for (gsize i = 0; i < bl; i++)
		if (!g_ascii_isdigit(b[i]) && b[i] != '.' && b[i] != ',')
			return FALSE;
	return TRUE; /* a bare number */
}

/* Upper case that ignores the locale: g_utf8_strup follows LC_CTYPE and
 * under a Turkish one made "terminal" "TERMİNAL", though output must not
 * depend on the locale. Each code point takes utf8proc's simple upper case,
 * except the few that g_utf8_strup in the C locale spelled as two or three
 * letters and kickers have used since: "ß" is "SS" (not the capital "ẞ" that
 * utf8proc 2.8 gives and older versions do not), and the Latin ligatures
 * "ﬀ" to "ﬆ" are their letters. The other one-to-many mappings of Unicode's
 * SpecialCasing (Armenian, Greek with accents, "ŉ") keep the letter's simple
 * upper case, or the letter itself where it has none. */
static char *upper_case(const char *s)
{
	static const char *const ligatures[] = {"FF", "FI", "FL", "FFI", "FFL", "ST", "ST"};
	GString *g = g_string_sized_new(strlen(s));
	for (const char *p = s; *p; p = g_utf8_next_char(p)) {
		gunichar c = g_utf8_get_char(p);
		if (c < 0x80)
			g_string_append_c(g, (char)g_ascii_toupper((char)c));
		else if (c == 0xDF)
			g_string_append(g, "SS");
		else if (c >= 0xFB00 && c <= 0xFB06)
			g_string_append(g, ligatures[c - 0xFB00]);
		else
			g_string_append_unichar(g, (gunichar)utf8proc_toupper((utf8proc_int32_t)c));
	}
	return g_string_free(g, FALSE);
}

char *lede_kicker_from_phrase(const char *phrase)
{
	if (!phrase)
		return NULL;
	char *valid = g_utf8_make_valid(phrase, -1);
	char *up = upper_case(valid);
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

/* ---- copy that carries its own kicker, deck and title ------------------ */

/* How far into the copy the editor's parts are looked for. */
#define EDITORIAL_LINES 4
#define EDITORIAL_BYTES 2000
#define LABEL_MAX_WORDS 4
#define TITLE_MAX_BYTES 120
#define TITLE_MAX_WORDS 16

/* Whether text[p..end) opens with an editor's label: one to four words of
 * capitals (digits, quotes, apostrophes, hyphens, "&" and a final "?"
 * allowed), a colon, white space and more text: "LIP SERVICE: ...",
 * "'BALANCE OF POWER': ...", "WHO PAYS?: ...". Sets *label_end (at the
 * colon) and *deck (the text after it). */
static gboolean label_at(const char *text, gsize p, gsize end, gsize *label_end, gsize *deck)
{
	guint words = 1, letters = 0;
	gboolean question = FALSE;
	gsize q = p;
	while (q < end) {
		gunichar c = g_utf8_get_char_validated(text + q, (gssize)(end - q));
		if (c == (gunichar)-1 || c == (gunichar)-2)
			return FALSE;
		if (c == ':')
			break;
		if (question)
			return FALSE; /* "?" only right before the colon */
		if (c == ' ') {
			if (q == p || text[q - 1] == ' ' || ++words > LABEL_MAX_WORDS)
				return FALSE;
		} else if (c == '?') {
			question = TRUE;
		} else if (g_unichar_isalpha(c)) {
			if (!g_unichar_isupper(c))
				return FALSE;
			letters++;
		} else if (!g_unichar_isdigit(c) && !is_quote_char(c) && c != '-' && c != '&' &&
		           c != 0x2010 && c != 0x2011) {
			return FALSE;
		}
		q = (gsize)(g_utf8_next_char(text + q) - text);
	}
	if (q >= end || q == p || text[q - 1] == ' ' || letters < 2)
		return FALSE;
	gsize d = q + 1;
	if (d >= end || (text[d] != ' ' && text[d] != '\t'))
		return FALSE;
	while (d < end && (text[d] == ' ' || text[d] == '\t'))
		d++;
	if (d >= end)
		return FALSE;
	/* A wire's markup or agency line ("AP:", "EDS:") is no kicker. */
	if (words == 1 && in_list(L_MARKUP, text + p, q - p))
		return FALSE;
	*label_end = q;
	*deck = d;
	return TRUE;
}

/* Whether text[s..e) (one line, trimmed) may be a title: short, with a
 * letter, and no final punctuation. */
static gboolean title_line(const char *text, gsize s, gsize e)
{
	if (e - s > TITLE_MAX_BYTES)
		return FALSE;
	guint words = 1;
	gboolean letter = FALSE;
	for (gsize i = s; i < e; i++) {
		if (text[i] == ' ' && i > s && text[i - 1] != ' ')
			words++;
		if (g_ascii_isalpha(text[i]))
			letter = TRUE;
	}
	if (!letter || words > TITLE_MAX_WORDS)
		return FALSE;
	/* The last character, closing quotes and brackets aside. */
	gsize l = e;
	while (l > s) {
		const char *prev = g_utf8_find_prev_char(text + s, text + l);
		if (!prev)
			break;
		gunichar c = g_utf8_get_char(prev);
		if (!is_quote_char(c) && c != ')' && c != ']' && c != ' ')
			return !strchr(".!?;:,", (int)c) && c != 0x2026;
		l = (gsize)(prev - text);
	}
	return FALSE;
}

/* Whether a sentence of the first few ends in [from, to]. */
static gboolean sentence_ends_in(const LedeAnalysis *a, gsize from, gsize to)
{
	for (guint s = 0; s < a->sentences->len; s++) {
		gsize end = g_array_index(a->sentences, LedeSentence, s).end;
		if (end >= from)
			return end <= to;
	}
	return FALSE;
}

/* Whether a one-word label text[p..q) is a dateline ("DUBAI: The ...",
 * "TAIPEI: ..."): the article writes the word again, and only with a
 * capital, as it writes a place; a kicker's word it writes in lower case
 * ("LANDSLIDE: ... won by a landslide") or not at all. */
static gboolean dateline_label(const LedeAnalysis *a, gsize p, gsize q)
{
	if (memchr(a->text + p, ' ', q - p))
		return FALSE;
	guint seen = 0;
	for (guint i = 0; i < a->tokens->len; i++) {
		const LedeToken *t = lede_token_at(a, i);
		if (t->start < q || t->end - t->start != q - p ||
		    g_ascii_strncasecmp(a->text + t->start, a->text + p, q - p) != 0)
			continue;
		if (!(t->flags & LEDE_TOK_CAPITAL) || (t->flags & LEDE_TOK_ALLCAPS))
			return FALSE;
		seen++;
	}
	return seen > 0;
}

void lede_find_editorial(const LedeAnalysis *a, LedeEditorial *e)
{
	memset(e, 0, sizeof *e);
	const char *text = a->text;
	gsize len = MIN(a->len, (gsize)EDITORIAL_BYTES);
	gsize p = 0;
	for (guint line = 0; line < EDITORIAL_LINES && p < len; line++) {
		while (p < a->len && g_ascii_isspace(text[p]))
			p++;
		if (p >= len)
			break;
		const char *nl = memchr(text + p, '\n', a->len - p);
		gsize le = nl ? (gsize)(nl - text) : a->len, te = le;
		while (te > p && g_ascii_isspace(text[te - 1]))
			te--;
		gsize label_end, deck;
		if (label_at(text, p, te, &label_end, &deck) && !dateline_label(a, p, label_end)) {
			e->label_start = p;
			e->label_end = label_end;
			e->deck_start = deck;
			e->deck_end = te;
			/* Deck and body on one line: the deck is the sentence the
			 * label opens. */
			for (guint s = 0; s < a->sentences->len; s++) {
				const LedeSentence *st =
				    &g_array_index(a->sentences, LedeSentence, s);
				if (st->end <= deck)
					continue;
				if (st->start <= p && st->end < te) {
					gsize end = st->end;
					while (end > deck && g_ascii_isspace(text[end - 1]))
						end--;
					e->deck_end = end;
				}
				break;
			}
			return;
		}
		/* A title is the first line, some text follows it, and the
		 * segmenter ended a sentence with it: a hard-wrapped
		 * paragraph's first line is no title. */
		if (line == 0 && nl && le + 1 < a->len && title_line(text, p, te) &&
		    sentence_ends_in(a, te, le)) {
			e->title_start = p;
			e->title_end = te;
		}
		if (!nl)
			break;
		p = le + 1;
	}
}
