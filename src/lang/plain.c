/* Headline and kicker for languages without English rules (lang.h's
 * english_rules): headline.c's compression and kicker.c's word lists are
 * English, and a French lead cut by them loses the wrong words. What is
 * safe anywhere: the lead sentence's own words, without a leading dateline
 * ("Wien – ", "PARIS (AFP) - "), cut at a word (or, unspaced, at a
 * character) to the byte limit; the kicker is the best keyphrase. */
#include "lede-private.h"
#include "lang/lang.h"

/* A dateline is at most this many bytes and words before its dash. */
#define DATELINE_BYTES 48
#define DATELINE_WORDS 4
/* The lead: the first of this many sentences with content words. */
#define LEAD_LOOK 3
#define KICKER_BYTES 32

static gsize skip_dateline(const char *s, gsize len)
{
	static const char *const dashes[] = {" \xE2\x80\x93 ", " \xE2\x80\x94 ", " - ", " -- "};
	for (gsize k = 0; k < G_N_ELEMENTS(dashes); k++) {
		const char *d = g_strstr_len(s, (gssize)MIN(len, (gsize)DATELINE_BYTES), dashes[k]);
		if (d && lede_count_words(s, (gsize)(d - s)) <= DATELINE_WORDS) {
			gsize at = (gsize)(d - s) + strlen(dashes[k]);
			if (at < len)
				return at;
		}
	}
	return 0;
}

static gboolean trailing_punct(gunichar c)
{
	return g_unichar_ispunct(c) && c != ')' && c != 0xFF09 && c != '"' && c != 0xBB &&
	       c != 0x201D && c != 0x300D && c != 0x300F && c != '?' && c != '!' && c != 0xFF1F;
}

char *lede_headline_plain(const LedeAnalysis *a, guint max_bytes)
{
	guint ns = a->sentences->len;
	if (!ns || !max_bytes)
		return NULL;
	guint pick = 0;
	for (guint i = 0; i < MIN(ns, (guint)LEAD_LOOK); i++) {
		const LedeSentence *s = &g_array_index(a->sentences, LedeSentence, i);
		if (s->n_content > 0 && s->eligible) {
			pick = i;
			break;
		}
	}
	const LedeSentence *s = &g_array_index(a->sentences, LedeSentence, pick);
	GString *g = g_string_sized_new(s->end - s->start);
	/* White space folded: a sentence may run over a line end. */
	for (gsize p = s->start; p < s->end; p++) {
		char c = a->text[p];
		if (g_ascii_isspace(c)) {
			if (g->len && g->str[g->len - 1] != ' ')
				g_string_append_c(g, ' ');
		} else {
			g_string_append_c(g, c);
		}
	}
	gsize from = skip_dateline(g->str, g->len);
	g_string_erase(g, 0, (gssize)from);
	if (g->len > max_bytes) {
		gsize cut = max_bytes;
		while (cut > 0 && ((guchar)g->str[cut] & 0xC0) == 0x80)
			cut--; /* never inside a character */
		const char *space = g_strrstr_len(g->str, (gssize)cut, " ");
		if (space && (gsize)(space - g->str) > max_bytes / 2)
			cut = (gsize)(space - g->str);
		g_string_truncate(g, cut);
	}
	/* Without the final period, comma or dash of a cut. */
	while (g->len) {
		const char *last = g_utf8_find_prev_char(g->str, g->str + g->len);
		gunichar c = g_utf8_get_char(last);
		if (!(g_unichar_isspace(c) || trailing_punct(c)))
			break;
		g_string_truncate(g, (gsize)(last - g->str));
	}
	if (!g->len) {
		g_string_free(g, TRUE);
		return NULL;
	}
	return g_string_free(g, FALSE);
}

/* Whether raw[0..n) is one hiragana character (U+3041..U+309F). */
static gboolean hiragana(const char *raw, gsize n)
{
	return n == 3 && (guchar)raw[0] == 0xE3 &&
	       ((guchar)raw[1] == 0x81 || ((guchar)raw[1] == 0x82 && (guchar)raw[2] <= 0x9F));
}

/* Runs of at least this many kanji or katakana, and at most this many, are
 * label candidates in unspaced text. */
#define RUN_MIN 2
#define RUN_MAX 8

char *lede_cjk_label(const LedeAnalysis *a)
{
	/* Kanji and katakana between the grammar's hiragana and the
	 * punctuation: names and nouns (年金制度, ストライキ). The label is the
	 * run the article repeats most, longer runs first on a tie, then the
	 * earliest. */
	GHashTable *count = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
	char *best = NULL;
	guint best_score = 0;
	guint nt = a->tokens->len;
	const LedeToken *t = lede_token_at(a, 0);
	for (guint k = 0; k < nt;) {
		guint j = k;
		while (j < nt && (t[j].flags & LEDE_TOK_CJK) &&
		       !hiragana(a->text + t[j].start, t[j].end - t[j].start) &&
		       (j == k || t[j].start == t[j - 1].end))
			j++;
		if (j - k >= RUN_MIN && j - k <= RUN_MAX) {
			char *run = g_strndup(a->text + t[k].start, t[j - 1].end - t[k].start);
			guint n = GPOINTER_TO_UINT(g_hash_table_lookup(count, run)) + 1;
			guint score = n * 16 + (j - k);
			if (score > best_score) {
				best_score = score;
				g_free(best);
				best = g_strdup(run);
			}
			g_hash_table_replace(count, run, GUINT_TO_POINTER(n));
		}
		k = j > k ? j : k + 1;
	}
	g_hash_table_destroy(count);
	return best;
}

char *lede_kicker_plain(const char *phrase, const LedeLang *lang)
{
	if (!phrase || !*phrase)
		return NULL;
	if (!lang->caseless)
		return lede_kicker_from_phrase(phrase);
	/* No case to mark a label: the label itself, at most KICKER_BYTES. */
	gsize n = strlen(phrase);
	if (n > KICKER_BYTES) {
		n = KICKER_BYTES;
		while (n > 0 && ((guchar)phrase[n] & 0xC0) == 0x80)
			n--;
	}
	return n ? g_strndup(phrase, n) : NULL;
}
