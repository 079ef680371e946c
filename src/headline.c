/* Headlines by sentence compression.
 *
 * News puts who did what in the first real sentence; the rest of that
 * sentence is mostly packaging a headline drops: the dateline, when it
 * happened, who said so, parentheticals, appositives and relative clauses,
 * articles and perfect-tense auxiliaries. Each rule below removes one kind of
 * packaging; what is left is fitted to the byte limit at a word boundary and
 * never left ending on a function word. Every rule is a bounded scan over the
 * sentence's words, so the cost is linear in the sentence; the two that read
 * the article (surnames, prepositional phrases weighed by the article's word
 * counts) add a scan of its tokens per name and a few re-fits of the sentence.
 *
 * On the DUC-2004 headline set every rule was checked to raise ROUGE-1
 * recall on its own (see models/README-kicker.md).
 */
#include "lede-private.h"
#include "lang/lang.h"

/* A sentence this short is a caption, a byline or a fragment. */
#define MIN_WORDS 5
/* Clauses longer than this are not parentheticals but the sentence itself. */
#define MAX_CLAUSE 16
/* An attribution tail is short: ", the National Emergency Commission said". */
#define MAX_ATTRIBUTION 10
/* The dateline sits in the first few bytes. */
#define MAX_DATELINE 60
/* A list of lower-case words. Which lists hold a word is looked up once per
 * word in a table of all their words (lists_of), not by a scan of each list
 * for each question a rule asks. */
typedef struct {
	const char *const *words;
	guint32 bit; /* the list's bit in a word's lists, given when the table is built */
} WordList;

static guint32 lists_of(const char *b, gsize len);

static WordList pronouns; /* en.c */
/* Pronouns that point back at a name: a headline may hold one only with
 * the words it points at. */
static WordList anaphors; /* en.c */
/* Words that open a new phrase: a headline that stops right before one of
 * them (or before punctuation) ends on a whole constituent; one that stops
 * before any other word cuts a phrase that goes on ("recalling nearly
 * 200,000 | vehicles"). Prepositions, conjunctions, relative words and
 * "to". */
static WordList phrase_openers; /* en.c */
/* Finite verbs a headline's main clause is recognised by besides the
 * regular past tense: auxiliaries, "said", and the commonest irregular
 * pasts of news. */
static WordList finite_verbs; /* en.c */
/* Words before "said" in a leading attribution. */
#define MAX_SAYER 6
/* Topic phrases that may fill the room a short headline leaves: tried in
 * rank order, each only if it fits. Headlines that end on a whole phrase
 * leave more room than cut ones did: 8 rather than 2 gave +0.9 ROUGE-1
 * recall on the DUC-2004 first half. */
#define MAX_TOPICS LEDE_HEADLINE_TOPICS
/* Words in the noun phrase of a prepositional phrase that may be dropped. */
#define MAX_PP 5
/* Prepositional phrases dropped from one sentence at most. */
#define MAX_PP_DROPS 2
/* The words of the sentence the rules read: twice as many as a headline of
 * max_bytes could hold, within these bounds. Several rules scan back or
 * ahead from each word (prev_kept over the words dropped before it, the
 * phrase trimming re-fits the sentence for each preposition), so a sentence
 * of 64,000 parentheticals took 31 s; a lead sentence of news is far
 * shorter than the lower bound, and words past the window could only reach
 * the headline if the rules dropped more than a window's worth before them. */
#define MIN_WINDOW_WORDS 512
#define MAX_WINDOW_WORDS 4096
/* Names looked up in the article (a scan of its tokens each) per sentence:
 * a one-sentence list of names took 19 s. */
#define MAX_NAME_SCANS 32

static WordList days;          /* en.c */
static WordList day_parts;     /* en.c */
static WordList day_preps;     /* en.c */
static WordList saying;        /* en.c */
static WordList relatives;     /* en.c */
static WordList subordinators; /* en.c */
/* Openers of a leading place, time or source phrase: "In London,",
 * "Under German law,", "According to the officials,". */
#define MAX_LEAD_PHRASE MAX_CLAUSE
static WordList clause_words;   /* en.c */
static WordList lead_preps;     /* en.c */
static WordList function_words; /* en.c */

typedef struct {
	char *s; /* the word with its attached punctuation */
	gboolean keep;
	gboolean owned; /* s is its own allocation, not a piece of the split */
	gsize from, to; /* byte range of the raw word in the split string */
	/* What the rules ask of s again and again, found by set_text whenever s
	 * changes: its length, its bare form b[0..blen) (the letters and digits
	 * without the punctuation around them), the lists that hold that, and
	 * whether s has a quotation mark. */
	gsize len;
	const char *b;
	gsize blen;
	guint32 lists;
	gboolean quote;
} Word;

/* The word's letters and digits, without surrounding punctuation. */
static gboolean alnum_at(const char *p)
{
	guchar c = (guchar)*p;
	return c < 0x80 ? g_ascii_isalnum(c) : g_unichar_isalnum(g_utf8_get_char(p));
}

static void bare(const char *w, gsize w_len, const char **b, gsize *len)
{
	const char *s = w, *e = w + w_len;
	while (s < e && !alnum_at(s))
		s = g_utf8_next_char(s);
	while (e > s) {
		const char *p = (guchar)e[-1] < 0x80 ? e - 1 : g_utf8_find_prev_char(s, e);
		if (!p || alnum_at(p))
			break;
		e = p;
	}
	*b = s;
	*len = (gsize)(e - s);
}

static gboolean has_quote(const char *w)
{
	/* Curly quotes are rare: looked for only when their lead byte is there. */
	return strchr(w, '"') ||
	       (strchr(w, '\xe2') && (strstr(w, "\xe2\x80\x9c") || strstr(w, "\xe2\x80\x9d")));
}

static void set_text(Word *w)
{
	w->len = strlen(w->s);
	bare(w->s, w->len, &w->b, &w->blen);
	w->lists = lists_of(w->b, w->blen);
	w->quote = has_quote(w->s);
}

/* Gives w the new text s (an allocation it now owns). */
static void set_word(Word *w, char *s)
{
	if (w->owned)
		g_free(w->s);
	w->s = s;
	w->owned = TRUE;
	set_text(w);
}

/* Whether the list holds the word, whatever its case and punctuation. */
static gboolean is(const WordList *list, const Word *w)
{
	return (w->lists & list->bit) != 0;
}

/* The lists that hold the text w (a word not split into a Word), and the
 * length of its bare form. */
static guint32 text_lists(const char *w, gsize *bare_len)
{
	const char *b;
	bare(w, strlen(w), &b, bare_len);
	return lists_of(b, *bare_len);
}

static gboolean text_is(const WordList *list, const char *w)
{
	gsize len;
	guint32 lists = text_lists(w, &len); /* before list->bit: the first call gives the bits */
	return (lists & list->bit) != 0;
}

static gboolean ends_with(const Word *w, char c)
{
	return w->len && w->s[w->len - 1] == c;
}

/* Whether the word is exactly s. */
static gboolean eq(const Word *w, const char *s)
{
	gsize n = strlen(s);
	return w->len == n && memcmp(w->s, s, n) == 0;
}

/* Trailing punctuation of w (after its last letter or digit). */
static const char *tail_punct(const Word *w)
{
	return w->blen ? w->b + w->blen : w->s;
}

static void drop_last_char(Word *w)
{
	if (w->len) {
		w->s[w->len - 1] = '\0';
		set_text(w);
	}
}

static gint prev_kept(Word *w, gint i)
{
	for (i--; i >= 0; i--)
		if (w[i].keep)
			return i;
	return -1;
}

/* Dropping a word whose punctuation closed a clause ("Friday," or "Sunday.")
 * hands the punctuation to the word before it. */
static void drop_keep_punct(Word *w, gint i)
{
	w[i].keep = FALSE;
	const char *t = tail_punct(&w[i]);
	gint p = prev_kept(w, i);
	if (*t && p >= 0 && !*tail_punct(&w[p]) && !strchr(t, ')') && !strchr(t, '"')) {
		char *n = g_strconcat(w[p].s, t, NULL);
		set_word(&w[p], n);
	} else if (strcmp(t, ",") == 0 && p >= 0 && strcmp(tail_punct(&w[p]), ",") == 0) {
		/* "Here, at a glance, are": the dropped words sat between commas */
		drop_last_char(&w[p]);
	}
}

/* "BRUSSELS, Belgium (AP) - ", "WASHINGTON (AP) -- ", "NAIROBI, Kenya _ " */
static const char *skip_dateline(const char *s)
{
	const char *p = s;
	int upper = 0;
	while (*p && (g_ascii_isupper(*p) || *p == ' ' || *p == '.' || *p == '\'')) {
		if (g_ascii_isupper(*p))
			upper++;
		p++;
	}
	if (upper < 2 || (*p && g_ascii_islower(*p) && p > s && p[-1] != ' '))
		return s;
	gsize limit = MIN(strlen(s), (gsize)MAX_DATELINE);
	for (gsize i = 0; i + 2 < limit; i++) {
		const char *q = s + i;
		if (*q != ' ')
			continue;
		gsize n = 0;
		if (strncmp(q + 1, "-- ", 3) == 0)
			n = 3;
		else if (strncmp(q + 1, "- ", 2) == 0 || strncmp(q + 1, "_ ", 2) == 0)
			n = 2;
		else if (strncmp(q + 1, "\xe2\x80\x94 ", 4) == 0 ||
		         strncmp(q + 1, "\xe2\x80\x93 ", 4) == 0)
			n = 4;
		if (n) {
			/* Only a place, a region and an agency may come before it. */
			for (const char *r = s; r < q; r++)
				if (*r == '"')
					return s;
			return q + 1 + n;
		}
	}
	return s;
}

static void drop_parentheticals(Word *w, gint n)
{
	for (gint i = 0; i < n; i++) {
		if (!w[i].keep || w[i].s[0] != '(')
			continue;
		for (gint j = i; j < n && j < i + MAX_CLAUSE; j++) {
			const char *close = strchr(w[j].s, ')');
			if (!close)
				continue;
			for (gint k = i; k <= j; k++)
				w[k].keep = FALSE;
			gint p = prev_kept(w, i);
			if (close[1] && p >= 0) {
				char *x = g_strconcat(w[p].s, close + 1, NULL);
				set_word(&w[p], x);
			}
			i = j;
			break;
		}
	}
}

/* end_only: only a day that ends what is kept of the sentence ("signed the
 * treaty on Monday."), whose dropping splits no phrase. */
static void drop_days(Word *w, gint n, gboolean end_only)
{
	for (gint i = 0; i < n; i++) {
		if (!w[i].keep || !is(&days, &w[i]))
			continue;
		/* Only whole words: "Friday's" is a noun phrase. */
		const char *t = tail_punct(&w[i]);
		if (*t == '\'')
			continue;
		gint last = i;
		if (i + 1 < n && !*tail_punct(&w[i]) && is(&day_parts, &w[i + 1]))
			last = i + 1;
		gboolean after = FALSE;
		for (gint k = last + 1; end_only && k < n && !after; k++)
			after = w[k].keep;
		if (after)
			continue;
		gint p = prev_kept(w, i);
		if (p >= 0 && !*tail_punct(&w[p]) && is(&day_preps, &w[p]))
			w[p].keep = FALSE;
		for (gint k = i; k < last; k++)
			w[k].keep = FALSE;
		if (prev_kept(w, last) < 0)
			w[last].keep = FALSE; /* "On Friday," opening the sentence */
		else
			drop_keep_punct(w, last);
		i = last;
	}
}

static gint count_kept(Word *w, gint from, gint to)
{
	gint c = 0;
	for (gint i = from; i < to; i++)
		c += w[i].keep;
	return c;
}

static gboolean upper_initial(const char *w);

/* Words of a preamble that names who speaks before a colon. */
#define MAX_PREAMBLE 16

/* "The New York Times said in an editorial on Saturday, Oct. 17: It is
 * fitting ...": a wire preamble that says who speaks, then a colon, then
 * what was said, which is the story. The preamble goes: a headline of it
 * ended on "Oct. 17: It is fitting". */
static void drop_preamble(Word *w, gint n)
{
	gboolean says = FALSE;
	for (gint k = 0; k < n && k < MAX_PREAMBLE; k++) {
		if (w[k].quote)
			return;
		says |= is(&saying, &w[k]);
		if (!ends_with(&w[k], ':'))
			continue;
		if (!says || k + 4 >= n || !upper_initial(w[k + 1].s))
			return;
		for (gint j = 0; j <= k; j++)
			w[j].keep = FALSE;
		return;
	}
}

/* ", officials said on Friday", ", according to police" at the end. */
static void drop_attribution(Word *w, gint n)
{
	gint last = n - 1;
	while (last >= 0 && !w[last].keep)
		last--;
	for (gint k = last - 1; k >= 0 && k >= last - MAX_ATTRIBUTION; k--) {
		if (!w[k].keep || !ends_with(&w[k], ','))
			continue;
		gboolean says = FALSE;
		for (gint j = k + 1; j <= last; j++) {
			if (w[j].quote)
				return;
			if (w[j].keep && is(&saying, &w[j]))
				says = TRUE;
		}
		if (!says || count_kept(w, 0, k + 1) < 4)
			return;
		for (gint j = k + 1; j <= last; j++)
			w[j].keep = FALSE;
		drop_last_char(&w[k]);
		return;
	}
}

/* ", who ...," and ", a 45-year-old lawyer," */
static void drop_clauses(Word *w, gint n)
{
	for (gint i = 0; i + 1 < n; i++) {
		if (!w[i].keep || !ends_with(&w[i], ','))
			continue;
		gboolean rel = is(&relatives, &w[i + 1]);
		gboolean appos =
		    !rel && (eq(&w[i + 1], "a") || eq(&w[i + 1], "an") || eq(&w[i + 1], "the"));
		if (!rel && !appos)
			continue;
		/* A relative clause may run long ("who orchestrated ... and is
		 * overseeing ...,"): its closing comma is looked for to the end,
		 * or a long one was taken for a clause that ends the sentence and
		 * the verb after it was lost. */
		gint close = -1, reach = rel ? n : MIN(n, i + MAX_CLAUSE + 1);
		for (gint j = i + 1; j < reach; j++) {
			if (w[j].quote || strchr(w[j].s, ';'))
				break;
			if (ends_with(&w[j], ',')) {
				close = j;
				break;
			}
		}
		if (close < 0 && rel) {
			/* A relative clause to the end of the sentence. */
			gboolean quote = FALSE;
			for (gint j = i + 1; j < n; j++)
				quote |= w[j].quote;
			if (quote || count_kept(w, 0, i + 1) < 4)
				continue;
			for (gint j = i + 1; j < n; j++)
				w[j].keep = FALSE;
			drop_last_char(&w[i]);
			return;
		}
		if (close < 0 || (appos && close - i > MAX_CLAUSE / 2 + 2))
			continue;
		for (gint j = i + 1; j <= close; j++)
			w[j].keep = FALSE;
		drop_last_char(&w[i]);
		i = close;
	}
}

/* "As his lawyers tried to quash the warrant, ..." opening the sentence. */
static void drop_leading_clause(Word *w, gint n)
{
	gint first = 0;
	while (first < n && !w[first].keep)
		first++;
	if (first >= n || !g_ascii_isupper(w[first].s[0]))
		return;
	gboolean prep = !is(&subordinators, &w[first]);
	/* "A day after winning the prize, ...", "Hours before the vote, ...":
	 * a time opened by a few words. */
	for (gint j = first + 1; prep && j < n && j <= first + 3; j++)
		if (w[j].keep && !*tail_punct(&w[j]) && g_ascii_islower(w[j].s[0]) &&
		    (eq(&w[j], "after") || eq(&w[j], "before") || eq(&w[j], "since")) &&
		    (eq(&w[j - 1], "day") || eq(&w[j - 1], "days") || eq(&w[j - 1], "hours") ||
		     eq(&w[j - 1], "weeks") || eq(&w[j - 1], "week") || eq(&w[j - 1], "Hours") ||
		     eq(&w[j - 1], "Days") || eq(&w[j - 1], "Weeks") || eq(&w[j - 1], "months") ||
		     eq(&w[j - 1], "Months") || eq(&w[j - 1], "Shortly") ||
		     eq(&w[j - 1], "shortly")))
			prep = FALSE;
	/* "Stunned by the results, ...", "Bent on revenge, ...": a participle
	 * opening the sentence describes the subject that follows. */
	if (prep && w[first].blen > 4 && w[first].b == w[first].s && !*tail_punct(&w[first]) &&
	    (memcmp(w[first].b + w[first].blen - 2, "ed", 2) == 0 ||
	     memcmp(w[first].b + w[first].blen - 3, "ing", 3) == 0 || eq(&w[first], "Bent")))
		prep = FALSE;
	if (prep && !is(&lead_preps, &w[first]))
		return;
	/* "At least 30 people died, ..." is the sentence itself. */
	if (prep && first + 1 < n && (eq(&w[first + 1], "least") || eq(&w[first + 1], "most")))
		return;
	for (gint j = first; j < n && j < first + MAX_CLAUSE; j++) {
		if (w[j].quote)
			return;
		/* A prepositional phrase is short and has no verb of its own. */
		if (prep && (j >= first + MAX_LEAD_PHRASE || is(&clause_words, &w[j])))
			return;
		if (ends_with(&w[j], ',')) {
			if (count_kept(w, j + 1, n) < 4)
				return;
			for (gint k = first; k <= j; k++)
				w[k].keep = FALSE;
			return;
		}
	}
}

static WordList months;       /* en.c */
static WordList periods;      /* en.c */
static WordList period_preps; /* en.c */
static WordList fillers;      /* en.c */

static gboolean plain(const Word *w)
{
	return !*tail_punct(w);
}

static gboolean is_number(const Word *w)
{
	if (!w->blen || w->blen > 4)
		return FALSE;
	for (gsize i = 0; i < w->blen; i++)
		if (!g_ascii_isdigit(w->b[i]))
			return FALSE;
	return TRUE;
}

/* Calendar dates and relative periods: "on Oct. 16", "Nov. 13,", "last week",
 * "earlier this month". A month name counts only with a day number after it
 * ("May" alone is a verb or a name). */
static void drop_dates(Word *w, gint n)
{
	for (gint i = 0; i < n; i++) {
		if (!w[i].keep)
			continue;
		gint first = i, last = -1;
		if (i + 1 < n && is(&months, &w[i]) && g_ascii_isupper(w[i].s[0]) &&
		    is_number(&w[i + 1]) && !strchr(w[i + 1].s, '\'')) {
			last = i + 1;
		} else if (i + 1 < n && is(&period_preps, &w[i]) && plain(&w[i]) &&
		           is(&periods, &w[i + 1]) && !strchr(w[i + 1].s, '\'')) {
			last = i + 1;
			gint p = prev_kept(w, i);
			if (p >= 0 && plain(&w[p]) && (eq(&w[p], "earlier") || eq(&w[p], "later")))
				first = p;
		}
		if (last < 0)
			continue;
		gint p = prev_kept(w, first);
		if (p >= 0 && plain(&w[p]) &&
		    (eq(&w[p], "on") || eq(&w[p], "since") || eq(&w[p], "by") ||
		     eq(&w[p], "until")))
			first = p;
		for (gint k = first; k < last; k++)
			w[k].keep = FALSE;
		if (prev_kept(w, last) < 0)
			w[last].keep = FALSE;
		else
			drop_keep_punct(w, last);
		i = last;
	}
}

/* Adverbs a headline never spends room on: "also", "now", "reportedly". */
static void drop_fillers(Word *w, gint n)
{
	for (gint i = 0; i + 1 < n; i++)
		if (w[i].keep && is(&fillers, &w[i]) && g_ascii_islower(w[i].s[0]) &&
		    prev_kept(w, i) >= 0)
			drop_keep_punct(w, i);
}

/* ", accusing them of ..." trailing a complete clause: the circumstance, not
 * the news. */
static void drop_participial_tail(Word *w, gint n)
{
	for (gint i = 0; i + 1 < n; i++) {
		if (!w[i].keep || !ends_with(&w[i], ','))
			continue;
		const char *b = w[i + 1].b;
		gsize len = w[i + 1].blen;
		if (b != w[i + 1].s || len < 5 || !g_ascii_islower(b[0]) ||
		    strncmp(b + len - 3, "ing", 3) != 0 || count_kept(w, 0, i + 1) < 5)
			continue;
		gboolean quote = FALSE;
		for (gint j = i + 1; j < n; j++)
			quote |= w[j].quote;
		if (quote)
			continue;
		for (gint j = i + 1; j < n; j++)
			w[j].keep = FALSE;
		drop_last_char(&w[i]);
		return;
	}
}

/* "Officials said Monday that the dam would hold": the reported clause is the
 * news; who said it is attribution. Only for a short subject and a long
 * enough clause after. */
static void drop_said_lead(Word *w, gint n)
{
	gint seen = 0;
	for (gint i = 0; i + 1 < n && seen <= MAX_SAYER; i++) {
		if (!w[i].keep)
			continue;
		if (w[i].quote || !plain(&w[i]))
			return;
		seen++;
		if (!(eq(&w[i], "said") || eq(&w[i], "says")))
			continue;
		if (seen < 2)
			return;
		gint j = i + 1;
		while (j < n && !w[j].keep)
			j++;
		/* "said Sunday night that": the time goes with the saying. */
		while (j < n && (!w[j].keep || ((is(&days, &w[j]) || is(&day_parts, &w[j])) &&
		                                !strchr(w[j].s, '\''))))
			j++;
		if (j < n && eq(&w[j], "that"))
			j++;
		/* "Police said they ...": the pronoun would lose who did it; so
		 * would "US accusations that it was involved" further on. */
		if (count_kept(w, j, n) < 5 || (j < n && is(&pronouns, &w[j])))
			return;
		for (gint k = j; k < n && k < j + MAX_CLAUSE; k++)
			if (w[k].keep && is(&anaphors, &w[k]))
				return;
		for (gint k = 0; k < j; k++)
			w[k].keep = FALSE;
		return;
	}
}

static gboolean participle(const char *s)
{
	gsize n = strlen(s);
	return n > 3 && (g_str_has_suffix(s, "ed") || g_str_has_suffix(s, "en") ||
	                 g_str_has_suffix(s, "wn"));
}

/* Whether word i is in the sentence's main clause, as far as the words
 * before it show: no pronoun right before it and no clause opened before
 * it. "Lai was elected" -> "Lai elected" is headline style; "accusations
 * that it was involved" -> "that it involved" reads as active and wrong. */
static gboolean main_clause(Word *w, gint i)
{
	gint p = prev_kept(w, i);
	if (p >= 0 && is(&pronouns, &w[p]))
		return FALSE;
	/* A clause is short: the scan is bounded, as every rule's is. */
	for (gint k = MAX(0, i - 2 * MAX_CLAUSE); k < i; k++)
		if (w[k].keep && (is(&relatives, &w[k]) || eq(&w[k], "that") ||
		                  (is(&subordinators, &w[k]) && k > 0)))
			return FALSE;
	return TRUE;
}

/* Headline style: no articles, no perfect-tense auxiliaries, "said" without
 * "that". */
static void headlinese(Word *w, gint n)
{
	for (gint i = 0; i < n; i++) {
		if (!w[i].keep)
			continue;
		if (eq(&w[i], "the") || eq(&w[i], "a") || eq(&w[i], "an")) {
			if (i + 1 < n)
				w[i].keep = FALSE;
		} else if (eq(&w[i], "that")) {
			gint p = prev_kept(w, i);
			if (p >= 0 &&
			    (eq(&w[p], "said") || eq(&w[p], "says") || eq(&w[p], "announced")))
				w[i].keep = FALSE;
		} else if (eq(&w[i], "has") || eq(&w[i], "have") || eq(&w[i], "had")) {
			gint j = i + 1;
			if (j < n && eq(&w[j], "been"))
				j++;
			/* Only a regular verb's participle is its past: "rebels have
			 * taken" -> "rebels taken" is no clause. */
			if (j < n && w[j].blen > 4 && w[j].b == w[j].s &&
			    memcmp(w[j].b + w[j].blen - 2, "ed", 2) == 0) {
				for (gint k = i; k < j; k++)
					w[k].keep = FALSE;
			}
		}
	}
	for (gint i = 0; i + 1 < n; i++) {
		if (!w[i].keep)
			continue;
		if (eq(&w[i], "its") || eq(&w[i], "his") || eq(&w[i], "their")) {
			w[i].keep = FALSE;
		} else if ((eq(&w[i], "was") || eq(&w[i], "were") || eq(&w[i], "is") ||
		            eq(&w[i], "are")) &&
		           participle(w[i + 1].s) && main_clause(w, i)) {
			w[i].keep = FALSE;
		} else if ((eq(&w[i], "is") || eq(&w[i], "are") || eq(&w[i], "was") ||
		            eq(&w[i], "were")) &&
		           eq(&w[i + 1], "being") && i + 2 < n && participle(w[i + 2].s)) {
			w[i].keep = FALSE;
			w[i + 1].keep = FALSE;
		} else if (eq(&w[i], "will") && w[i + 1].keep && g_ascii_islower(w[i + 1].s[0]) &&
		           !is(&function_words, &w[i + 1]) && main_clause(w, i)) {
			/* Headline future: "will build" -> "to build". */
			w[i].s[0] = 't';
			w[i].s[1] = 'o';
			memmove(w[i].s + 2, w[i].s + 4, strlen(w[i].s + 4) + 1);
			set_text(&w[i]);
		} else if (eq(&w[i], "United") && g_str_has_prefix(w[i + 1].s, "States") &&
		           !g_ascii_isalpha(w[i + 1].s[6])) {
			/* The headline spelling, as in the wire's own headlines. */
			char *x = g_strconcat("U.S.", w[i + 1].s + 6, NULL);
			set_word(&w[i + 1], x);
			w[i].keep = FALSE;
		}
	}
	gint first = 0;
	while (first < n && !w[first].keep)
		first++;
	if (first + 1 < n && (eq(&w[first], "The") || eq(&w[first], "A") || eq(&w[first], "An")))
		w[first].keep = FALSE;
}

static gboolean bad_end(const char *w)
{
	gsize len;
	guint32 lists = text_lists(w, &len); /* before the bit: the first call gives the bits */
	return !len || (lists & function_words.bit) != 0;
}

static gboolean bad_end_word(const Word *w)
{
	return !w->blen || is(&function_words, w);
}

/* An apostrophe that stands for letters or digits at a word's start:
 * 'em, 'til, 'cause, 'n', the '90s. */
static gboolean elided(const char *w)
{
	static const char *const words[] = {"em", "til", "cause", "tis", "twas", "n", "round"};
	if (g_ascii_isdigit(w[0]) && g_ascii_isdigit(w[1]) &&
	    (w[2] == 's' || !g_ascii_isalnum(w[2])))
		return TRUE;
	gsize n = 0;
	while (g_ascii_isalpha(w[n]))
		n++;
	for (guint i = 0; i < G_N_ELEMENTS(words); i++)
		if (n == strlen(words[i]) && g_ascii_strncasecmp(w, words[i], n) == 0)
			return TRUE;
	return FALSE;
}

/* A word that opens a single quote: 'word or ‘word (after a bracket). */
static gboolean opens_single(const char *w)
{
	while (*w == '(' || *w == '[')
		w++;
	if (*w == '\'' || *w == '`')
		return (g_ascii_isalnum(w[1]) || (guchar)w[1] >= 0x80) && !elided(w + 1);
	return strncmp(w, "\xe2\x80\x98", 3) == 0;
}

/* A word that closes a single quote: word' or word’, before punctuation. */
static gboolean closes_single(const char *w)
{
	gsize n = strlen(w);
	while (n > 1 && strchr(".,;:!?)]", w[n - 1]))
		n--;
	if (n > 1 && w[n - 1] == '\'')
		return TRUE;
	return n > 3 && memcmp(w + n - 3, "\xe2\x80\x99", 3) == 0;
}

/* Single quotes the words ws[0..len) open and do not close. A closing mark
 * that also ends a plural possessive ("the players' union") counts as a
 * close only while a quote is open. */
static int open_singles(char *const *ws, guint len)
{
	int open = 0;
	for (guint i = 0; i < len; i++) {
		if (opens_single(ws[i]))
			open++;
		if (open && closes_single(ws[i]))
			open--;
	}
	return open;
}

/* Trims trailing punctuation and function words; balances quotes and
 * brackets. Works in place on a word list of kept words. */
static void tidy_end(char **ws, guint *len)
{
	for (;;) {
		while (*len > 1 && bad_end(ws[*len - 1]))
			--*len;
		if (!*len)
			return;
		char *last = ws[*len - 1];
		gsize n = strlen(last);
		/* A quote the last word closes keeps its mark ("is 'doing
		 * fabulous'", not "is 'doing fabulous"); punctuation inside it goes
		 * ("roles,'" ends "roles'"). */
		gboolean closing =
		    closes_single(last) && (opens_single(last) || open_singles(ws, *len - 1) > 0);
		while (n && strchr(".,;:-_!?(['`", last[n - 1]) && n > 1) {
			if (closing && last[n - 1] == '\'') {
				while (n > 2 && strchr(".,;:!?", last[n - 2])) {
					last[n - 2] = '\'';
					last[--n] = '\0';
				}
				break;
			}
			last[--n] = '\0';
		}
		/* An opening bracket whose close was cut: cut before it. */
		gint open = -1;
		int depth = 0;
		for (guint i = 0; i < *len; i++) {
			for (const char *p = ws[i]; *p; p++) {
				if (*p == '(' || *p == '[') {
					if (!depth)
						open = (gint)i;
					depth++;
				} else if ((*p == ')' || *p == ']') && depth) {
					depth--;
				}
			}
		}
		if (depth && open > 0) {
			*len = (guint)open;
			continue;
		}
		return;
	}
}

/* Removes the opening marks of single quotes that words in g open and do
 * not close (the close was cut), as open_singles counts them: the words
 * stay, as with double quotes. */
static void drop_open_singles(GString *g)
{
	/* Most headlines hold no quote mark: fit runs for every candidate. */
	if (!strpbrk(g->str, "'`") && !strstr(g->str, "\xe2\x80\x98"))
		return;
	char **ws = g_strsplit(g->str, " ", -1);
	gsize opener[16];
	guint depth = 0;
	gsize at = 0;
	for (guint i = 0; ws[i]; i++) {
		if (opens_single(ws[i]) && depth < G_N_ELEMENTS(opener))
			opener[depth++] = at + strspn(ws[i], "([");
		if (depth && closes_single(ws[i]))
			depth--;
		at += strlen(ws[i]) + 1;
	}
	g_strfreev(ws);
	/* from the last, so that the earlier offsets hold */
	while (depth--) {
		gsize k = opener[depth];
		g_string_erase(g, (gssize)k, g->str[k] == '\'' || g->str[k] == '`' ? 1 : 3);
	}
}

static void balance_quotes(GString *g)
{
	drop_open_singles(g);
	int straight = 0, open = 0, close = 0;
	for (const char *p = g->str; *p; p++) {
		if (*p == '"')
			straight++;
		else if (strncmp(p, "\xe2\x80\x9c", 3) == 0)
			open++;
		else if (strncmp(p, "\xe2\x80\x9d", 3) == 0)
			close++;
	}
	/* An unmatched mark goes; the words it opened stay. */
	if (straight % 2) {
		char *q = strrchr(g->str, '"');
		g_string_erase(g, q - g->str, 1);
	}
	if (open != close) {
		const char *m = open > close ? "\xe2\x80\x9c" : "\xe2\x80\x9d";
		char *q = g_strrstr(g->str, m);
		if (q)
			g_string_erase(g, q - g->str, 3);
	}
	/* Erasing can leave doubled or edge spaces. */
	char *d;
	while ((d = strstr(g->str, "  ")))
		g_string_erase(g, d - g->str, 1);
	while (g->len && g->str[g->len - 1] == ' ')
		g_string_truncate(g, g->len - 1);
	if (g->len && g->str[0] == ' ')
		g_string_erase(g, 0, 1);
}

/* Joins the kept words, at most max_bytes, ending well. */
static char *fit(const char *const *words, guint n, gsize max_bytes, gboolean cased)
{
	guint m = 0;
	gsize total = 0;
	for (; m < n; m++) {
		gsize add = strlen(words[m]) + (m ? 1 : 0);
		if (total + add > max_bytes)
			break;
		total += add;
	}
	/* tidy_end edits the last word: it works on copies. They sit side by
	 * side in the headline's own buffer, a NUL where the space between two
	 * words goes, so that putting the spaces back joins them in place. */
	GString *g = g_string_sized_new(total);
	g_string_set_size(g, total);
	char *next = g->str;
	char **own = g_new(char *, m);
	for (guint i = 0; i < m; i++) {
		own[i] = next;
		next = g_stpcpy(next, words[i]) + 1;
	}
	tidy_end(own, &m);
	for (guint i = 1; i < m; i++)
		own[i][-1] = ' ';
	g_string_truncate(g, m ? (gsize)(own[m - 1] + strlen(own[m - 1]) - g->str) : 0);
	g_free(own);
	balance_quotes(g);
	if (cased && g->len) {
		gunichar c = g_utf8_get_char(g->str);
		if (g_unichar_islower(c)) {
			/* Upper-casing may change the byte length: rebuild. */
			char buf[8];
			gint n = g_unichar_to_utf8(g_unichar_toupper(c), buf);
			gint old = (gint)(g_utf8_next_char(g->str) - g->str);
			if (g->len - (gsize)old + (gsize)n <= max_bytes) {
				g_string_erase(g, 0, old);
				g_string_prepend_len(g, buf, n);
			}
		}
	}
	return g_string_free(g, FALSE);
}

/* Folds the quotation marks `` and '' in the word p to ", in place. */
static void fold_quote_pairs(char *p)
{
	char *out = p;
	for (; *p; p++) {
		if ((p[0] == '`' || p[0] == '\'') && p[1] == p[0]) {
			*out++ = '"';
			p++;
		} else {
			*out++ = *p;
		}
	}
	*out = '\0';
}

/* Splits s on white space into words, folding `` and '' to ". The words
 * stay where they are in one copy of s (*storage, freed by free_words),
 * each ended by a NUL written over the white space after it, rather than
 * one allocation a word; and only a sentence with `` or '' has its words
 * rewritten. */
static Word *split_words(const char *s, char **storage, gint *n_words)
{
	gsize len = strlen(s);
	char *c = *storage = g_strndup(s, len);
	/* each word and its NUL fit in the word and the space after it, so
	 * there are at most half as many words as bytes, rounded up */
	Word *w = g_new(Word, (len + 1) / 2);
	gboolean pairs = strstr(s, "``") || strstr(s, "''");
	gint n = 0;
	for (gsize i = 0; i < len; i++) {
		if (g_ascii_isspace(c[i]))
			continue;
		gsize from = i;
		while (i < len && !g_ascii_isspace(c[i]))
			i++;
		c[i] = '\0';
		if (pairs)
			fold_quote_pairs(c + from);
		w[n] = (Word){.s = c + from, .keep = TRUE, .from = from, .to = i};
		set_text(&w[n++]);
	}
	*n_words = n;
	return w;
}

static void free_words(Word *w, gint n, char *storage)
{
	for (gint i = 0; i < n; i++)
		if (w[i].owned)
			g_free(w[i].s);
	g_free(w);
	g_free(storage);
}

static gboolean upper_initial(const char *w)
{
	/* Asked of every word: ASCII, the common case, needs no decoding. */
	guchar c = (guchar)*w;
	return c < 0x80 ? g_ascii_isupper(c) : g_unichar_isupper(g_utf8_get_char(w));
}

/* Inside a name: a title or initial ("Gen.", "W.") or an acronym ("U.S.",
 * "U.N."), which describes the person as a title does. */
static gboolean name_abbrev(const char *w)
{
	gsize n = strlen(w);
	if (n == 4 && g_ascii_isupper(w[0]) && w[1] == '.' && g_ascii_isupper(w[2]) && w[3] == '.')
		return TRUE;
	if (n < 2 || n > 5 || w[n - 1] != '.')
		return FALSE;
	for (gsize i = 0; i + 1 < n; i++)
		if (!g_ascii_isalpha(w[i]))
			return FALSE;
	return TRUE;
}

static WordList name_titles; /* en.c */

static gboolean name_word(const Word *w)
{
	if (!upper_initial(w->s) || w->quote)
		return FALSE;
	return !is(&function_words, w) || is(&name_titles, w);
}

/* Bytes of the surname's letters: "Pinochet's," -> 8. */
static gsize surname_len(const char *w)
{
	const char *p = w;
	while (*p && (g_unichar_isalpha(g_utf8_get_char(p)) || *p == '-'))
		p = g_utf8_next_char(p);
	return (gsize)(p - w);
}

/* Whether token i of the article names the surname sur[0..len) on its own,
 * not as the end of a longer capitalised run ("Castro said", not "Fidel
 * Castro" or "President Castro"). A possessive counts. */
static gboolean used_alone(const LedeAnalysis *a, guint i, const char *sur, gsize len)
{
	const LedeToken *t = (const LedeToken *)(void *)a->tokens->data;
	const char *r = a->text + t[i].start;
	gsize rl = t[i].end - t[i].start;
	if (rl < len || memcmp(r, sur, len) != 0 ||
	    (rl > len && r[len] != '\'' && (guchar)r[len] != 0xe2))
		return FALSE;
	gboolean joined = i > 0 && (t[i - 1].flags & LEDE_TOK_CAPITAL);
	for (gsize k = i > 0 ? t[i - 1].end : 0; joined && k < t[i].start; k++)
		joined = a->text[k] == ' ';
	return !joined;
}

/* A surname is a rare word: words many news stories use ("department",
 * "American", "Democrats", "bay") end capitalised runs that are no names
 * ("Agriculture Department", "Central American", "San Francisco Bay"). The
 * share of the background's documents was chosen on the first half of the
 * DUC-2004 set among 0.0025-0.04 (see models/README-kicker.md); it also
 * keeps the full name of the commonest surnames ("Ben Johnson"). */
#define SURNAME_MAX_DF_SHARE 0.005

/* t is the word's first occurrence in the article, NULL when there is none. */
static gboolean rare_word(const LedeAnalysis *a, const LedeToken *t)
{
	if (!a->model || !t)
		return TRUE;
	guint64 docs = lede_model_n_docs(a->model);
	const char *stem = lede_tokenizer_word(a->tk, t->stem_id);
	return (double)lede_model_df(a->model, stem, -1) <= SURNAME_MAX_DF_SHARE * (double)docs;
}

/* The token uses w[0..len) as an ordinary lower-case word: "hurricane",
 * "north", "white" are no first names, "house" or "games" no surnames. */
static gboolean used_lower(const LedeAnalysis *a, const LedeToken *t, const char *w, gsize len)
{
	return !(t->flags & LEDE_TOK_CAPITAL) && t->end - t->start == len &&
	       g_ascii_strncasecmp(a->text + t->start, w, len) == 0;
}

/* Whether w looks like a first name or a middle initial: letters with a
 * capital (each part of a hyphenated one), no acronym, no possessive. *word
 * tells a first name, which the article must also never use lower-case,
 * from an initial. */
static gboolean first_name(const char *w, gboolean *word)
{
	gsize n = strlen(w);
	gboolean lower = FALSE;
	*word = FALSE;
	for (gsize i = 0; i < n; i++) {
		if (w[i] == '-' && i + 1 < n && !g_ascii_isupper(w[i + 1]))
			return FALSE;
		if (w[i] == '\'' || w[i] == '.' || g_ascii_isdigit(w[i]))
			return n == 2 && w[1] == '.';
		lower |= g_ascii_islower(w[i]);
	}
	*word = lower;
	return lower;
}

/* Whether the article lets a name go by its surname sur[0..len):
 * it never uses the surname, nor the first name first (NULL for an initial),
 * lower-case, names the surname alone somewhere, and the surname is a rare
 * word. One scan of the article's tokens answers all of them, not one scan
 * each: the article may be long and the sentence hold several names. */
static gboolean known_by_surname(const LedeAnalysis *a, const char *first, const char *sur,
                                 gsize len)
{
	const LedeToken *t = (const LedeToken *)(void *)a->tokens->data;
	gsize first_len = first ? strlen(first) : 0;
	gboolean alone = FALSE;
	const LedeToken *found = NULL; /* the surname's first occurrence */
	for (guint i = 0; i < a->tokens->len; i++) {
		if (used_lower(a, &t[i], sur, len) ||
		    (first && used_lower(a, &t[i], first, first_len)))
			return FALSE;
		const char *r = a->text + t[i].start;
		gsize rl = t[i].end - t[i].start;
		if (rl < len || r[0] != sur[0] || memcmp(r, sur, len) != 0)
			continue;
		if (!found && rl == len)
			found = &t[i];
		alone = alone || used_alone(a, i, sur, len);
	}
	return alone && rare_word(a, found);
}

/* "Cuban President Fidel Castro" -> "Castro" when the article also calls him
 * "Castro": headlines name people by the surname, and the bytes go to the
 * news. Scans the article's tokens once per name in the sentence. */
static void shorten_names(Word *w, gint n, const LedeAnalysis *a, gboolean start_only)
{
	guint scans = 0;
	for (gint i = 0; i < n && scans < MAX_NAME_SCANS; i++) {
		if (!w[i].keep || !name_word(&w[i]))
			continue;
		/* start_only: a name that opens the headline, whose first words
		 * can go without splitting the words before it. */
		if (start_only && prev_kept(w, i) >= 0)
			break;
		gint last = i;
		while ((plain(&w[last]) || name_abbrev(w[last].s)) && last + 1 < n &&
		       w[last + 1].keep && name_word(&w[last + 1]))
			last++;
		gsize len = surname_len(w[last].s);
		gboolean word;
		if (last > i && len >= 3 && first_name(w[last - 1].s, &word) && ++scans &&
		    known_by_surname(a, word ? w[last - 1].s : NULL, w[last].s, len))
			for (gint j = i; j < last; j++)
				w[j].keep = FALSE;
		i = last;
	}
}

/* "to next month's Asian Games", "of last August's raid": the time is a
 * possessive determiner and goes with its word. */
static void drop_time_possessives(Word *w, gint n)
{
	for (gint i = 0; i + 1 < n; i++) {
		/* The list first: one bit, and most words fail it. */
		if (!is(&period_preps, &w[i]) || !w[i].keep || !plain(&w[i]) ||
		    !g_ascii_islower(w[i].s[0]))
			continue;
		gsize len = w[i + 1].len;
		char head[16];
		if (len < 4 || len >= sizeof head || !g_str_has_suffix(w[i + 1].s, "'s"))
			continue;
		g_strlcpy(head, w[i + 1].s, len - 1);
		if (text_is(&periods, head) ||
		    (text_is(&months, head) && g_ascii_isupper(head[0]))) {
			w[i].keep = w[i + 1].keep = FALSE;
			i++;
		}
	}
}

/* How much of the article the words w[idx[0..m)] name: the sum of the
 * document frequencies of their distinct content stems. base is the offset
 * in the article of the string the words were split from. */
static double coverage(const LedeAnalysis *a, const LedeSentence *src, gsize base, Word *w,
                       const guint *idx, guint m)
{
	const LedeToken *t = lede_token_at(a, src->tok_first);
	guint seen[64], n_seen = 0, k = 0;
	double score = 0;
	for (guint j = 0; j < m; j++) {
		gsize from = base + w[idx[j]].from, to = base + w[idx[j]].to;
		while (k < src->tok_count && t[k].start < from)
			k++;
		for (guint q = k; q < src->tok_count && t[q].start < to; q++) {
			if (t[q].flags & (LEDE_TOK_STOP | LEDE_TOK_NUMBER))
				continue;
			guint id = t[q].stem_id, r = 0;
			while (r < n_seen && seen[r] != id)
				r++;
			if (r < n_seen)
				continue;
			if (n_seen < G_N_ELEMENTS(seen))
				seen[n_seen++] = id;
			score += a->tf[id];
		}
	}
	return score;
}

/* Whether a headline may stop after word i: its phrase ends there, as the
 * words split from the sentence show (called before any rule rewrites
 * them): the word carries punctuation, or the next word opens a new phrase,
 * or the sentence ends (whole: the words are all of it, not a window of
 * it). It reads what set_text found rather than looking at the raw
 * sentence again: folding `` and '' to " keeps a word's letters and
 * where its punctuation is, so the answer is the same. */
static gboolean phrase_end(const Word *w, gint n, gint i, gboolean whole)
{
	if (w[i].blen && w[i].b + w[i].blen < w[i].s + w[i].len)
		return TRUE;
	if (i + 1 >= n)
		return whole;
	const char *nx = w[i + 1].s;
	/* "(AP)", "-- " and "_ " close a phrase; an opening quote does not:
	 * the quoted words are what the verb says. */
	if (*nx == '(' || *nx == '[' || *nx == '-' || *nx == '_' ||
	    strncmp(nx, "\xe2\x80\x94", 3) == 0 || strncmp(nx, "\xe2\x80\x93", 3) == 0)
		return TRUE;
	if (w[i + 1].b != nx)
		return FALSE;
	return is(&phrase_openers, &w[i + 1]);
}

/* The kept words a headline of max_bytes holds: the longest run from the
 * first kept word that fits and ends on a whole phrase (ends[i]), never on
 * a function word. Their indices go to idx; returns how many. The byte
 * limit decides which phrases are left out at the end, never where a
 * phrase stops. */
static guint phrase_prefix(const Word *w, gint n, const gboolean *ends, gsize max_bytes, guint *idx)
{
	guint m = 0, best = 0;
	gsize total = 0;
	for (gint i = 0; i < n; i++) {
		if (!w[i].keep)
			continue;
		gsize add = w[i].len + (m ? 1 : 0);
		if (total + add > max_bytes)
			break;
		total += add;
		idx[m++] = (guint)i;
		if (ends[i] && !bad_end_word(&w[i]) && !is(&phrase_openers, &w[i]))
			best = m;
	}
	return best;
}

/* Every list: each gets its bit in a word's lists when the table is built. */
static WordList *const all_lists[] = {
    &pronouns,       &anaphors, &phrase_openers, &finite_verbs,  &days,         &day_parts,
    &day_preps,      &saying,   &relatives,      &subordinators, &clause_words, &lead_preps,
    &function_words, &months,   &periods,        &period_preps,  &fillers,      &name_titles,
};
G_STATIC_ASSERT(G_N_ELEMENTS(all_lists) <= 32);
/* Longer than any word in the lists. */
#define MAX_LIST_WORD 16
/* Slots of the table of the lists' words: a power of two, over twice as
 * many as there are words. */
#define LIST_SLOTS 1024

/* The lists' words by open addressing: lower-case word -> its lists. */
static struct {
	const char *word;
	gsize len;
	guint32 lists;
} list_table[LIST_SLOTS];

/* The slot that holds w[0..len) (shorter than MAX_LIST_WORD) in lower case,
 * or the empty slot where it goes. Every word of a headline's sentence is
 * looked up, so the folding is one OR a byte: setting the 0x20 bit turns
 * 'A'-'Z' into 'a'-'z'. It changes other bytes too, but the lists' words are
 * lower-case ASCII letters (lists_of checks), and a byte with the bit set
 * equals such a letter only if it was that letter in either case. */
static guint list_slot(const char *w, gsize len)
{
	char low[MAX_LIST_WORD];
	for (gsize i = 0; i < len; i++)
		low[i] = (char)(w[i] | 0x20);
	guint s = lede_word_hash(low, len) & (LIST_SLOTS - 1);
	while (list_table[s].word &&
	       !(list_table[s].len == len && lede_same_word(list_table[s].word, low, len)))
		s = (s + 1) & (LIST_SLOTS - 1);
	return s;
}

/* The lists that hold the bare word b[0..len) in any case, as bits. */
static guint32 lists_of(const char *b, gsize len)
{
	static gsize built;
	if (g_once_init_enter(&built)) {
		/* The words are English's (src/lang/en.c), in all_lists' order. */
		const LedeHeadlineWords *h = lede_lang_en()->headline;
		const char *const *const words[] = {
		    h->pronouns,       h->anaphors,      h->phrase_openers, h->finite_verbs,
		    h->days,           h->day_parts,     h->day_preps,      h->saying,
		    h->relatives,      h->subordinators, h->clause_words,   h->lead_preps,
		    h->function_words, h->months,        h->periods,        h->period_preps,
		    h->fillers,        h->name_titles,
		};
		G_STATIC_ASSERT(G_N_ELEMENTS(words) == G_N_ELEMENTS(all_lists));
		guint n_words = 0;
		for (guint l = 0; l < G_N_ELEMENTS(all_lists); l++) {
			all_lists[l]->words = words[l];
			all_lists[l]->bit = 1u << l;
			for (const char *const *w = all_lists[l]->words; *w; w++) {
				gsize len = strlen(*w);
				g_assert(len < MAX_LIST_WORD);
				for (gsize i = 0; i < len; i++)
					g_assert(g_ascii_islower((*w)[i]));
				guint s = list_slot(*w, len);
				if (!list_table[s].word)
					n_words++;
				g_assert(n_words <= LIST_SLOTS / 2);
				list_table[s].word = *w;
				list_table[s].len = len;
				list_table[s].lists |= all_lists[l]->bit;
			}
		}
		g_once_init_leave(&built, 1);
	}
	if (!len || len >= MAX_LIST_WORD)
		return 0;
	return list_table[list_slot(b, len)].lists;
}

/* Whether w looks like a finite verb: an auxiliary, "said", a common
 * irregular past, a regular past, or a present "-s" after a name ("Clinton
 * signs"). No tagger: a guard, not a parse. */
static gboolean finite_like(const Word *w, const Word *prev)
{
	if (is(&finite_verbs, w))
		return TRUE;
	if (w->blen < 4 || upper_initial(w->s) || w->b != w->s)
		return FALSE;
	if (memcmp(w->b + w->blen - 2, "ed", 2) == 0)
		return TRUE;
	return prev && w->b[w->blen - 1] == 's' && w->b[w->blen - 2] != 's' &&
	       upper_initial(prev->s) && !is(&function_words, prev);
}

/* "US accusations that it was involved in the attack were groundless": a
 * clause completing a noun, between the subject and its verb. Dropped whole,
 * it leaves the main clause ("US accusations were groundless") and takes
 * its pronoun with it; cut at the limit, it leaves the clause's verb as the
 * headline's. Only when the clause has a verb of its own and the sentence's
 * verb after it is an auxiliary. */
static void drop_noun_complement(Word *w, gint n)
{
	for (gint i = 1; i + 2 < n; i++) {
		if (!w[i].keep || !eq(&w[i], "that"))
			continue;
		gint p = prev_kept(w, i);
		if (p < 0 || !plain(&w[p]) || (upper_initial(w[p].s) && prev_kept(w, p) >= 0) ||
		    is(&function_words, &w[p]) || is(&saying, &w[p]) || finite_like(&w[p], NULL))
			continue;
		gint own = -1;
		for (gint j = i + 1; j < n && j <= i + MAX_CLAUSE + 1; j++) {
			if (w[j].quote || strchr(w[j].s, ',') || strchr(w[j].s, ';'))
				break;
			if (own < 0) {
				if (j > i + 1 && finite_like(&w[j], &w[j - 1]))
					own = j;
				continue;
			}
			if (j > own + 1 &&
			    (eq(&w[j], "is") || eq(&w[j], "are") || eq(&w[j], "was") ||
			     eq(&w[j], "were") || eq(&w[j], "will") || eq(&w[j], "would")) &&
			    !is(&function_words, &w[j - 1])) {
				for (gint k = i; k < j; k++)
					w[k].keep = FALSE;
				i = j;
				break;
			}
		}
	}
}

/* "The mayor of Nagano, site of the 1998 Winter Olympics, denied ...": a
 * description between commas after a name, without an article or a verb
 * of its own, before the sentence's verb. */
static void drop_bare_appositive(Word *w, gint n)
{
	for (gint i = 0; i + 2 < n; i++) {
		if (!w[i].keep || !ends_with(&w[i], ',') || !upper_initial(w[i].s) ||
		    w[i + 1].quote || is(&relatives, &w[i + 1]))
			continue;
		gint close = -1;
		for (gint j = i + 1; j < n && j <= i + MAX_CLAUSE / 2; j++) {
			if (w[j].quote || strchr(w[j].s, ';') ||
			    (j > i + 1 && finite_like(&w[j], &w[j - 1])) ||
			    is(&finite_verbs, &w[j]))
				break;
			if (ends_with(&w[j], ',')) {
				close = j;
				break;
			}
		}
		if (close < 0 || close + 1 >= n || !g_ascii_islower(w[close + 1].s[0]) ||
		    !finite_like(&w[close + 1], NULL) || is(&function_words, &w[close + 1]))
			continue;
		for (gint j = i + 1; j <= close; j++)
			w[j].keep = FALSE;
		drop_last_char(&w[i]);
		i = close;
	}
}

/* "Farmers from several villages near the pass blocked the highway": when
 * the sentence's verb lies beyond the limit, the phrases between the
 * subject and it go, so that subject and verb are the headline's. */
static void drop_subject_phrases(Word *w, gint n)
{
	gint first = 0;
	while (first < n && !w[first].keep)
		first++;
	gint verb = -1;
	for (gint i = first + 1; i < n && i <= first + MAX_CLAUSE && verb < 0; i++) {
		if (w[i].quote || strchr(w[i].s, ';'))
			return;
		if (w[i].keep && finite_like(&w[i], &w[i - 1]))
			verb = i;
	}
	for (gint i = first + 1; i < verb; i++) {
		/* Only a preposition: "that", "when", "and" open clauses that
		 * may hold the verb the guess missed ("Holm forecast that"). */
		if (!w[i].keep || !is(&phrase_openers, &w[i]) || !g_ascii_islower(w[i].s[0]) ||
		    is(&relatives, &w[i]) || is(&subordinators, &w[i]) ||
		    is(&clause_words, &w[i]) || eq(&w[i], "and") || eq(&w[i], "or") ||
		    eq(&w[i], "but") || eq(&w[i], "than") || eq(&w[i], "whether") ||
		    eq(&w[i], "unless") || eq(&w[i], "so") || eq(&w[i], "yet") ||
		    eq(&w[i], "nor") || eq(&w[i], "where"))
			continue;
		for (gint k = i; k < verb; k++)
			w[k].keep = FALSE;
		gint p = prev_kept(w, i);
		if (p >= 0 && ends_with(&w[p], ','))
			drop_last_char(&w[p]);
		return;
	}
}

/* What a candidate headline is worth, for the choice among the lead's
 * sentences. */
typedef struct {
	gboolean verb;   /* a finite verb after its first word */
	gboolean orphan; /* a pronoun whose name is not in it */
	gboolean whole;  /* every kept word of the sentence fit */
	guint words;
	double cover; /* coverage of the article's words, when there is one */
	/* The words after the rules (freed by free_words), kept for the noun
	 * phrases of those left out at the end from rest_from: rest_phrases
	 * runs on the candidate chosen only. */
	Word *w;
	char *storage;
	gint n, rest_from;
} HeadInfo;

/* Noun phrases a rest list holds at most. */
#define MAX_REST 4

/* The noun phrases among the kept words after the headline's last (from
 * index from): runs of words that are neither function words nor phrase
 * openers, ended by punctuation, without quotes; "in the hands of the
 * British courts" gives "hands", "British courts". They name what the
 * headline had no room for, for the topics that fill the room left. */
static GPtrArray *rest_phrases(const Word *w, gint n, gint from)
{
	GPtrArray *out = g_ptr_array_new_with_free_func(g_free);
	GString *g = g_string_new(NULL);
	gboolean bad = FALSE;
	guint len = 0;
	for (gint i = from; i <= n && out->len < MAX_REST; i++) {
		gboolean stop = i == n;
		if (!stop && !w[i].keep) {
			/* a run over a dropped word is no phrase of the article */
			bad |= len > 0;
			continue;
		}
		if (!stop &&
		    (is(&function_words, &w[i]) || is(&phrase_openers, &w[i]) || !w[i].blen))
			stop = TRUE;
		/* Four words and the phrase goes on: a fragment that ends
		 * mid-phrase ("set aside last-minute Russian | objections"). */
		if (!stop && len == 4)
			stop = bad = TRUE;
		if (!stop) {
			if (g->len)
				g_string_append_c(g, ' ');
			g_string_append_len(g, w[i].s, (gssize)(w[i].b + w[i].blen - w[i].s));
			bad |= w[i].quote || w[i].b != w[i].s;
			len++;
			stop = *tail_punct(&w[i]) != '\0';
			if (!stop)
				continue;
		}
		if (len && !bad && g->len >= 3)
			g_ptr_array_add(out, g_strdup(g->str));
		g_string_truncate(g, 0);
		bad = FALSE;
		len = 0;
	}
	g_string_free(g, TRUE);
	return out;
}

/* A sentence split into words once, for every level of compress to work on
 * a copy of: splitting, looking the words up in the lists and finding where
 * phrases end cost more than the rules, and the first sentence is compressed
 * two or three times. */
typedef struct {
	const char *sentence;
	const char *s;     /* after the dateline */
	char *head;        /* the window's words, when they are not all of s */
	char *storage;     /* what w's words point into */
	gsize storage_len; /* bytes of storage, its last NUL included */
	Word *w;
	gint n;
	gboolean *ends;
} Split;

static void split_sentence(Split *sp, const char *sentence, guint max_bytes)
{
	const char *s = skip_dateline(sentence);
	/* Only the window's words are split: see MIN_WINDOW_WORDS. */
	gsize window = CLAMP((gsize)max_bytes * 2, MIN_WINDOW_WORDS, MAX_WINDOW_WORDS), words = 0;
	const char *p = s;
	while (*p) {
		while (*p && g_ascii_isspace(*p))
			p++;
		if (!*p || words == window)
			break;
		words++;
		while (*p && !g_ascii_isspace(*p))
			p++;
	}
	sp->sentence = sentence;
	sp->s = s;
	sp->head = *p ? g_strndup(s, (gsize)(p - s)) : NULL;
	const char *raw = sp->head ? sp->head : s;
	sp->storage_len = strlen(raw) + 1;
	sp->w = split_words(raw, &sp->storage, &sp->n);
	sp->ends = g_new(gboolean, (gsize)sp->n + 1);
	for (gint i = 0; i < sp->n; i++)
		sp->ends[i] = phrase_end(sp->w, sp->n, i, sp->head == NULL);
}

static void free_split(Split *sp)
{
	free_words(sp->w, sp->n, sp->storage);
	g_free(sp->ends);
	g_free(sp->head);
}

/* The split's words, as split_words gave them, in storage of their own
 * (*storage) that the rules may rewrite. */
static Word *copy_words(const Split *sp, char **storage)
{
	char *c = *storage = g_memdup2(sp->storage, sp->storage_len);
	Word *w = g_new(Word, (gsize)sp->n + 1);
	for (gint i = 0; i < sp->n; i++) {
		w[i] = sp->w[i];
		w[i].s = c + (w[i].s - sp->storage);
		w[i].b = c + (w[i].b - sp->storage);
	}
	return w;
}

/* a and src (the analysed article and the sentence's place in it) enable the
 * rules that look beyond the sentence; NULL for a sentence alone. later: the
 * sentence is not the article's first, so any pronoun in it points back at
 * a sentence the headline does not have. */
static char *compress(const Split *sp, guint max_bytes, gboolean cased, const LedeAnalysis *a,
                      const LedeSentence *src, gboolean later, guint level, HeadInfo *info)
{
	const char *sentence = sp->sentence, *s = sp->s;
	char *storage;
	gint n = sp->n;
	Word *w = copy_words(sp, &storage);
	const gboolean *ends = sp->ends;
	drop_parentheticals(w, n);
	if (level == 1)
		drop_days(w, n, FALSE);
	drop_preamble(w, n);
	drop_attribution(w, n);
	drop_clauses(w, n);
	drop_leading_clause(w, n);
	if (level == 1) {
		drop_dates(w, n);
		drop_fillers(w, n);
	}
	drop_time_possessives(w, n);
	drop_said_lead(w, n);
	drop_participial_tail(w, n);
	drop_noun_complement(w, n);
	if (level != 1)
		drop_days(w, n, TRUE);
	if (level > 1)
		drop_subject_phrases(w, n);
	if (a)
		shorten_names(w, n, a, level != 1);
	headlinese(w, n);
	if (level == 1)
		drop_bare_appositive(w, n);
	guint *idx = g_new(guint, (gsize)n + 1);
	guint m = phrase_prefix(w, n, ends, max_bytes, idx);
	const char **kept = g_new(const char *, (gsize)n + 1);
	HeadInfo hi = {.whole = m == (guint)count_kept(w, 0, n), .words = m};
	/* "Jet that crashed in Detroit": the first verb after a relative word
	 * is the relative clause's, not the headline's. */
	gboolean clause_verb = FALSE;
	for (guint k = 0; k < m; k++) {
		const Word *x = &w[idx[k]];
		kept[k] = x->s;
		if (k && (is(&relatives, x) || eq(x, "that")))
			clause_verb = TRUE;
		else if (k && finite_like(x, &w[idx[k - 1]])) {
			hi.verb |= !clause_verb;
			clause_verb = FALSE;
		}
		/* The name a pronoun points at is in an earlier sentence. */
		if (is(&anaphors, x) && (later || !k))
			hi.orphan = TRUE;
	}
	hi.cover = a && src ? coverage(a, src, src->start + (gsize)(s - sentence), w, idx, m) : m;
	hi.rest_from = m ? (gint)idx[m - 1] + 1 : 0;
	char *h = fit(kept, m, max_bytes, cased);
	g_free(kept);
	g_free(idx);
	if (info) {
		hi.w = w;
		hi.storage = storage;
		hi.n = n;
		*info = hi;
	} else {
		free_words(w, n, storage);
	}
	return h;
}

char *lede_headline_compress(const char *sentence, guint max_bytes, gboolean cased)
{
	g_return_val_if_fail(sentence != NULL, NULL);
	Split sp;
	split_sentence(&sp, sentence, max_bytes);
	char *h = compress(&sp, max_bytes, cased, NULL, NULL, FALSE, 1, NULL);
	free_split(&sp);
	return h;
}

/* Plain cutting: the fallback when compression leaves nothing. */
static char *cut(const char *sentence, gsize max_bytes)
{
	char *storage;
	gint n;
	Word *w = split_words(sentence, &storage, &n);
	const char **all = g_new(const char *, (guint)n);
	for (gint i = 0; i < n; i++)
		all[i] = w[i].s;
	char *h = fit(all, (guint)n, max_bytes, FALSE);
	g_free(all);
	if (!*h) {
		/* One word longer than the limit: cut at a character boundary. */
		g_free(h);
		const char *p = sentence;
		while (*p && g_ascii_isspace(*p))
			p++;
		const char *end = p;
		while (*end && (gsize)(g_utf8_next_char(end) - p) <= max_bytes)
			end = g_utf8_next_char(end);
		h = g_strndup(p, (gsize)(end - p));
	}
	free_words(w, n, storage);
	return h;
}

/* Case-folded copy of s. ASCII folds to ASCII lower case, which is much
 * cheaper to make than the full Unicode folding (and than g_ascii_strdown,
 * a function call a byte). */
static char *fold(const char *s)
{
	for (const char *p = s; *p; p++)
		if ((guchar)*p >= 0x80)
			return g_utf8_casefold(s, -1);
	char *low = g_strdup(s);
	for (char *p = low; *p; p++)
		if (*p >= 'A' && *p <= 'Z')
			*p += 'a' - 'A';
	return low;
}

/* A topic the headline may end with (see add_topics), folded once: the
 * headline is tried with it several times. */
typedef struct {
	const char *text;
	gsize len;
	char *words; /* its folded words, each ending in a NUL; an empty one for "  " */
	char *folded;
	guint n_words;
	gint8 label; /* by lede_labels_only: 1 a label, -1 none, 0 not judged yet */
} Topic;

static void topic_init(Topic *t, const char *text)
{
	t->text = text;
	t->len = strlen(text);
	t->folded = fold(text);
	t->words = g_strdup(t->folded);
	t->n_words = 1;
	for (char *p = t->words; *p; p++)
		if (*p == ' ') {
			*p = '\0';
			t->n_words++;
		}
	t->label = 0;
}

/* Room left after compression goes to the article's topics the headline
 * does not name yet, as Topiary did: "... ; Hurricane Mitch". Whether topic
 * t would go after a headline of len bytes whose folded text is low: not
 * when the headline has all its words already. */
static gboolean topic_adds(gsize len, const char *low, const Topic *t, gsize max_bytes)
{
	if (len + 2 + t->len > max_bytes)
		return FALSE;
	const char *w = t->words;
	for (guint i = 0; i < t->n_words; i++, w += strlen(w) + 1)
		if (*w && !strstr(low, w))
			return TRUE;
	return FALSE;
}

static void topic_add(GString *g, GString *low, const Topic *t)
{
	g_string_append(g, "; ");
	g_string_append_len(g, t->text, (gssize)t->len);
	/* folding is per character: the fold of the whole is the folds joined */
	g_string_append(low, "; ");
	g_string_append(low, t->folded);
}

/* Judges (lede_labels_only) the topics that would be added, in turn, to
 * headline g (low: g folded) if each not yet judged were a label, until
 * those are all judged. Only they are: a headline has room for two or
 * three topics, and judging all a dozen was a tenth of the batch. Judging
 * one does not depend on the others, and the headline only grows, so the
 * topics added are those that judging them all first would give. */
static void judge_topics(const LedeAnalysis *a, const GString *g, const GString *low, Topic *t,
                         guint n, gsize max_bytes)
{
	GPtrArray *batch = g_ptr_array_new();
	GString *sim = g_string_new(NULL);
	for (;;) {
		g_string_assign(sim, low->str);
		gsize len = g->len;
		g_ptr_array_set_size(batch, 0);
		for (guint i = 0; i < n; i++) {
			if (t[i].label < 0 || !topic_adds(len, sim->str, &t[i], max_bytes))
				continue;
			if (!t[i].label)
				g_ptr_array_add(batch, (gpointer)t[i].text);
			len += 2 + t[i].len;
			g_string_append(sim, "; ");
			g_string_append(sim, t[i].folded);
		}
		if (!batch->len)
			break;
		GPtrArray *kept = g_ptr_array_copy(batch, NULL, NULL);
		lede_labels_only(a, kept);
		/* lede_labels_only keeps the order: walk both */
		for (guint i = 0, j = 0, b = 0; i < n && b < batch->len; i++) {
			if (t[i].text != g_ptr_array_index(batch, b))
				continue;
			gboolean ok = j < kept->len && g_ptr_array_index(kept, j) == t[i].text;
			t[i].label = ok ? 1 : -1;
			j += ok;
			b++;
		}
		g_ptr_array_free(kept, TRUE);
	}
	g_string_free(sim, TRUE);
	g_ptr_array_free(batch, TRUE);
}

static char *add_topics(const LedeAnalysis *a, char *h, gsize max_bytes, const GPtrArray *rest,
                        const GPtrArray *given)
{
	if (!*h || strlen(h) + 2 + 4 > max_bytes)
		return h;
	/* The ranking is the same whatever the count asked for, so the caller's
	 * list serves, as it is, when it is long enough: one keyphrase pass per
	 * article. */
	GPtrArray *own = NULL;
	const GPtrArray *kp = given;
	if (!given || given->len < MAX_TOPICS) {
		own = g_ptr_array_new_with_free_func(g_free);
		lede_keyphrases(a, MAX_TOPICS, own);
		kp = own;
	}
	guint n_topics = MIN(kp->len, MAX_TOPICS);
	/* First the first noun phrase the headline had no room for, then the
	 * article's keyphrases; of these only the labels an editor would
	 * print, by the kicker's rules ("; italics", "; 36 a.m", "; convicted"
	 * are none). Only those that could ever be added: the headline only
	 * grows. "8:30 a.m." would end the headline on a period. */
	Topic t[MAX_TOPICS + 1];
	guint n = 0;
	gsize hn = strlen(h);
	for (guint i = 0; i <= n_topics; i++) {
		const char *k = i == 0 ? (rest && rest->len ? g_ptr_array_index(rest, 0) : NULL)
		                       : g_ptr_array_index(kp, i - 1);
		gsize kn = k ? strlen(k) : 0;
		if (kn && hn + 2 + kn <= max_bytes && !strchr(k, '"') && k[kn - 1] != '.' &&
		    !bad_end(k))
			topic_init(&t[n++], k);
	}
	GString *g = g_string_new(h);
	g_free(h);
	char *folded = fold(g->str);
	GString *low = g_string_new(folded);
	g_free(folded);
	judge_topics(a, g, low, t, n, max_bytes);
	for (guint i = 0; i < n; i++)
		if (t[i].label > 0 && topic_adds(g->len, low->str, &t[i], max_bytes))
			topic_add(g, low, &t[i]);
	for (guint i = 0; i < n; i++) {
		g_free(t[i].words);
		g_free(t[i].folded);
	}
	g_string_free(low, TRUE);
	if (own)
		g_ptr_array_free(own, TRUE);
	return g_string_free(g, FALSE);
}

/* The sentence a headline is made of: the first real one of the article,
 * after index after (-1: from the start). */
static gint pick_sentence(const LedeAnalysis *a, gint after)
{
	gint fallback = -1;
	for (guint i = (guint)(after + 1); i < a->sentences->len; i++) {
		const LedeSentence *s = &g_array_index(a->sentences, LedeSentence, i);
		if (!s->tok_count)
			continue;
		if (fallback < 0)
			fallback = (gint)i;
		if (s->eligible && s->words >= MIN_WORDS)
			return (gint)i;
	}
	if (after >= 0)
		return -1;
	return fallback >= 0 ? fallback : (a->sentences->len ? 0 : -1);
}

/* Whether s (valid UTF-8) has a letter or a digit. */
static gboolean has_word_char(const char *s)
{
	for (; *s; s = g_utf8_next_char(s))
		if (alnum_at(s))
			return TRUE;
	return FALSE;
}

/* The words dropped inside a sentence (days, descriptions) split a phrase
 * the reader then misses: the first sentence with them dropped replaces the
 * one with every phrase whole only when it names this much more of the
 * article's words. Chosen on the DUC-2004 first half by id among 1.0-2.0:
 * 1.05 kept ROUGE-1 recall at its best (27.81) with the fewest splices. */
#define SPLICE_GAIN 1.05

/* Sentences of the lead tried when the first one gives no headline with
 * its verb in the room: news tells the story again, shorter, in the next. */
#define MAX_CANDIDATES 3

/* A headline is good when it has its verb and no pronoun without its name
 * (and, made of the first sentence, is no stub of it). */
static gboolean good(const HeadInfo *h, guint max_bytes, gsize len)
{
	return h->words && h->verb && !h->orphan && (h->whole || len * 3 >= max_bytes);
}

typedef struct {
	char *h;
	HeadInfo info;
} Candidate;

/* Keeps x in best when it is good and best is not, or both are and x names
 * more of the article's words by the factor gain. */
static void consider(Candidate *best, char *x, const HeadInfo *info, guint max_bytes, double gain)
{
	gboolean gx = good(info, max_bytes, strlen(x));
	gboolean gb = best->h && good(&best->info, max_bytes, strlen(best->h));
	if (!best->h || (gx && !gb) || (gx && info->cover > best->info.cover * gain) ||
	    (!gx && !gb && !*best->h && *x)) {
		g_free(best->h);
		if (best->info.w)
			free_words(best->info.w, best->info.n, best->info.storage);
		best->h = x;
		best->info = *info;
	} else {
		g_free(x);
		free_words(info->w, info->n, info->storage);
	}
}

char *lede_headline(const LedeAnalysis *a, guint max_bytes, const GPtrArray *keyphrases)
{
	g_return_val_if_fail(a != NULL, NULL);
	if (!a->sentences || !a->sentences->len || !max_bytes)
		return NULL;
	gint i = pick_sentence(a, -1);
	if (i < 0)
		return NULL;
	const LedeSentence *s = &g_array_index(a->sentences, LedeSentence, i);
	char *first_sentence = g_strndup(a->text + s->start, s->end - s->start);
	Split first;
	split_sentence(&first, first_sentence, max_bytes);
	/* The first sentence, first with the rules that keep every phrase
	 * whole, then with those that drop words inside it (days, phrases,
	 * descriptions): the second only when it names clearly more. */
	Candidate best = {0};
	HeadInfo info;
	char *x = compress(&first, max_bytes, a->cased, a, s, FALSE, 0, &info);
	consider(&best, x, &info, max_bytes, 1.0);
	if (!info.whole) {
		x = compress(&first, max_bytes, a->cased, a, s, FALSE, 1, &info);
		consider(&best, x, &info, max_bytes, SPLICE_GAIN);
	}
	if (!best.info.verb) {
		/* Subject and verb without what stands between them, rather than
		 * a subject alone. */
		x = compress(&first, max_bytes, a->cased, a, s, FALSE, 2, &info);
		consider(&best, x, &info, max_bytes, 1.0);
	}
	/* A later sentence only when no phrase of the first fits or the first
	 * opens on a pronoun: on DUC-2004 a later sentence chosen whenever
	 * the first had no verb within the limit lost 0.3 points of ROUGE-1
	 * recall (first half by id), the words of a first sentence being the
	 * ones a headline writer uses. */
	for (guint c = 1; c < MAX_CANDIDATES && (!*best.h || best.info.orphan); c++) {
		i = pick_sentence(a, i);
		if (i < 0)
			break;
		s = &g_array_index(a->sentences, LedeSentence, i);
		char *sentence = g_strndup(a->text + s->start, s->end - s->start);
		Split sp;
		split_sentence(&sp, sentence, max_bytes);
		for (guint level = 0; level < 2; level++) {
			x = compress(&sp, max_bytes, a->cased, a, s, TRUE, level, &info);
			consider(&best, x, &info, max_bytes, 1.0);
		}
		free_split(&sp);
		g_free(sentence);
	}
	free_split(&first);
	char *h = best.h;
	if (!*h) {
		/* No phrase of the lead ends within the limit: the first words,
		 * cut, rather than nothing. */
		g_free(h);
		h = cut(first_sentence, max_bytes);
	}
	GPtrArray *rest = rest_phrases(best.info.w, best.info.n, best.info.rest_from);
	free_words(best.info.w, best.info.n, best.info.storage);
	h = add_topics(a, h, max_bytes, rest, keyphrases);
	g_ptr_array_free(rest, TRUE);
	g_free(first_sentence);
	if (!has_word_char(h)) {
		/* "...", "!!! ???", "--- * ---": there is no headline to write. */
		g_free(h);
		return NULL;
	}
	return h;
}
