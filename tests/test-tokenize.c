/* Word tokens: boundaries, normalisation, flags, offsets, robustness. */
#include "lang/lang.h"
#include "lede-private.h"
#include "testutil.h"

#include <libstemmer.h>
#include <sys/wait.h>

static LedeTokenizer *tk;

/* The tokens of text as "norm|norm|..." */
static char *norms(const char *text)
{
	GArray *a = g_array_new(FALSE, FALSE, sizeof(LedeToken));
	lede_tokenize(tk, text, strlen(text), 0, a);
	GString *g = g_string_new(NULL);
	for (guint i = 0; i < a->len; i++) {
		if (i)
			g_string_append_c(g, '|');
		g_string_append(g, lede_tokenizer_word(tk, g_array_index(a, LedeToken, i).norm_id));
	}
	g_array_free(a, TRUE);
	return g_string_free(g, FALSE);
}

static GArray *toks(const char *text)
{
	GArray *a = g_array_new(FALSE, FALSE, sizeof(LedeToken));
	lede_tokenize(tk, text, strlen(text), 0, a);
	return a;
}

#define TOK(a, i) g_array_index((a), LedeToken, (i))
/* A token's norm and stem strings, from the tokenizer that made it. */
#define NORM(tk, x) lede_tokenizer_word((tk), (x).norm_id)
#define STEM(tk, x) lede_tokenizer_word((tk), (x).stem_id)

static const struct {
	const char *in, *want;
} cases[] = {
    {"Hello, world!", "hello|world"},
    {"  ", ""},
    {"", ""},
    {"don't stop", "don't|stop"},
    {"Obama's plan", "obama's|plan"},
    {"Obama’s plan", "obama's|plan"},
    {"O’Neill", "o'neill"},
    {"'90s rock 'n' roll", "90s|rock|n|roll"},
    {"the dogs' bones", "the|dogs|bones"},
    {"well-known state-of-the-art", "well|known|state|of|the|art"},
    {"U.S. officials", "u.s|officials"},
    {"the u.s. economy", "the|u.s|economy"},
    {"U.S.A.", "u.s.a"},
    {"e.g. this", "e.g|this"},
    {"end.The start", "end|the|start"},
    {"3.5% rise", "3.5|rise"},
    {"1,000 people", "1,000|people"},
    {"1,000,000.50 dlrs", "1,000,000.50|dlrs"},
    {"1,2 and 12,34", "1|2|and|12|34"},
    {"in 1990.", "in|1990"},
    {"US$44 million", "us|44|million"},
    {"東京都に行く", "東|京|都|に|行|く"},
    {"Tokyo東京2020", "tokyo|東|京|2020"},
    {"ＦＵＬＬ ｗｉｄｔｈ", "full|width"},
    {"ﬁnance ﬂow", "finance|flow"},
    {"STRASSE Straße", "strasse|strasse"},
    {"ΟΔΥΣΣΕΥΣ", "οδυσσευσ"},
    {"café naïve", "café|naïve"},
    {"cafe\xCC\x81", "café"},
    {"x²", "x2"},
    {"hello\xFFworld", "hello|world"},
    {"a\xC3", "a"},
    {"tab\tnew\nline", "tab|new|line"},
    {"email: someone@example.com", "email|someone|example|com"},
};

static void test_table(void)
{
	for (gsize i = 0; i < G_N_ELEMENTS(cases); i++) {
		char *got = norms(cases[i].in);
		if (strcmp(got, cases[i].want) != 0)
			g_test_message("case %zu: \"%s\": got \"%s\", want \"%s\"", i, cases[i].in,
			               got, cases[i].want);
		g_assert_cmpstr(got, ==, cases[i].want);
		g_free(got);
	}
}

static void test_offsets(void)
{
	const char *text = "Héllo, U.S. don’t 東京";
	GArray *a = g_array_new(FALSE, FALSE, sizeof(LedeToken));
	lede_tokenize(tk, text, strlen(text), 100, a);
	g_assert_cmpuint(a->len, ==, 5);
	const char *raw[] = {"Héllo", "U.S", "don’t", "東", "京"};
	for (guint i = 0; i < a->len; i++) {
		LedeToken *t = &TOK(a, i);
		g_assert_cmpuint(t->end - t->start, ==, strlen(raw[i]));
		g_assert_true(memcmp(text + t->start - 100, raw[i], strlen(raw[i])) == 0);
	}
	g_array_free(a, TRUE);
}

static void test_flags(void)
{
	GArray *a = toks("The NATO chief said 1,000 Éclairs and iPhone 東 x");
	const guint want[] = {
	    LEDE_TOK_STOP | LEDE_TOK_CAPITAL,
	    LEDE_TOK_CAPITAL | LEDE_TOK_ALLCAPS,
	    0,
	    0,
	    LEDE_TOK_NUMBER,
	    LEDE_TOK_CAPITAL,
	    LEDE_TOK_STOP,
	    0,
	    LEDE_TOK_CJK,
	    0,
	};
	g_assert_cmpuint(a->len, ==, G_N_ELEMENTS(want));
	for (guint i = 0; i < a->len; i++)
		g_assert_cmphex(TOK(a, i).flags, ==, want[i]);
	g_array_free(a, TRUE);

	a = toks("I A US");
	g_assert_cmphex(TOK(a, 0).flags & LEDE_TOK_ALLCAPS, ==, 0); /* one letter */
	g_assert_cmphex(TOK(a, 2).flags, ==, LEDE_TOK_CAPITAL | LEDE_TOK_ALLCAPS);
	g_array_free(a, TRUE);

	g_assert_true(lede_tokenizer_is_stop(tk, "the", -1));
	g_assert_true(lede_tokenizer_is_stop(tk, "don't", -1));
	g_assert_true(lede_tokenizer_is_stop(tk, "ofxx", 2));
	g_assert_false(lede_tokenizer_is_stop(tk, "said", -1));
	g_assert_false(lede_tokenizer_is_stop(tk, "obama", -1));
}

static void test_stems(void)
{
	GArray *a = toks("Running runs ran companies Obama's 1,000 東 generously");
	const char *want[] = {"run", "run", "ran", "compani", "obama", "1,000", "東", "generous"};
	g_assert_cmpuint(a->len, ==, G_N_ELEMENTS(want));
	for (guint i = 0; i < a->len; i++)
		g_assert_cmpstr(STEM(tk, TOK(a, i)), ==, want[i]);
	g_array_free(a, TRUE);
}

static void test_interned(void)
{
	GArray *a = toks("Market market MARKET markets");
	g_assert_true(NORM(tk, TOK(a, 0)) == NORM(tk, TOK(a, 1)));
	g_assert_true(NORM(tk, TOK(a, 1)) == NORM(tk, TOK(a, 2)));
	g_assert_true(STEM(tk, TOK(a, 0)) == STEM(tk, TOK(a, 3)));
	g_array_free(a, TRUE);
}

/* Dense ids: equal strings have equal ids, norms and stems share one id
 * space, ids are below lede_tokenizer_n_ids and restart after a trim. */
static void test_dense_ids(void)
{
	LedeTokenizer *t = lede_tokenizer_new();
	GArray *a = g_array_new(FALSE, FALSE, sizeof(LedeToken));
	const char *text = "Spills spill SPILL run running runs";
	lede_tokenize(t, text, strlen(text), 0, a);
	g_assert_cmpuint(a->len, ==, 6);
	for (guint i = 0; i < a->len; i++) {
		const LedeToken *x = &g_array_index(a, LedeToken, i);
		g_assert_cmpuint(x->norm_id, <, lede_tokenizer_n_ids(t));
		g_assert_cmpuint(x->stem_id, <, lede_tokenizer_n_ids(t));
		for (guint j = 0; j < a->len; j++) {
			const LedeToken *y = &g_array_index(a, LedeToken, j);
			g_assert_true((x->stem_id == y->stem_id) ==
			              (strcmp(STEM(t, *x), STEM(t, *y)) == 0));
			g_assert_true((x->norm_id == y->norm_id) ==
			              (strcmp(NORM(t, *x), NORM(t, *y)) == 0));
			/* one id space: a norm that is another token's stem has its id */
			if (strcmp(NORM(t, *x), STEM(t, *y)) == 0)
				g_assert_cmpuint(x->norm_id, ==, y->stem_id);
		}
	}
	g_assert_true(lede_tokenizer_trim(t, 0));
	g_assert_cmpuint(lede_tokenizer_n_ids(t), ==, 0);
	g_array_set_size(a, 0);
	lede_tokenize(t, "spill", 5, 0, a);
	g_assert_cmpuint(g_array_index(a, LedeToken, 0).stem_id, ==, 0);
	g_array_free(a, TRUE);
	lede_tokenizer_free(t);
}

static void test_long_and_junk(void)
{
	/* One 4 MB word, then random bytes: linear time, no crash. */
	gsize n = 4 << 20;
	char *big = g_malloc(n + 1);
	memset(big, 'a', n);
	big[n] = 0;
	GArray *a = toks(big);
	g_assert_cmpuint(a->len, ==, 1);
	g_assert_cmpuint(TOK(a, 0).end, ==, n);
	g_array_free(a, TRUE);
	for (gsize i = 0; i < n; i += 2)
		big[i] = '.';
	a = toks(big);
	g_array_free(a, TRUE);

	GRand *r = g_rand_new_with_seed(7);
	for (gsize i = 0; i < n; i++)
		big[i] = (char)g_rand_int_range(r, 0, 256);
	a = g_array_new(FALSE, FALSE, sizeof(LedeToken));
	lede_tokenize(tk, big, n, 0, a);
	for (guint i = 0; i < a->len; i++) {
		g_assert_cmpuint(TOK(a, i).start, <, TOK(a, i).end);
		g_assert_cmpuint(TOK(a, i).end, <=, n);
		g_assert_nonnull(NORM(tk, TOK(a, i)));
		g_assert_nonnull(STEM(tk, TOK(a, i)));
		if (i)
			g_assert_cmpuint(TOK(a, i - 1).end, <=, TOK(a, i).start);
	}
	g_array_free(a, TRUE);
	g_rand_free(r);
	g_free(big);
}

/* A stream of ever new words, trimmed before each document as lede_analyse
 * does: the word cache's table stays at 2 MB. It doubled at half load, so
 * the stream's table grew to 8 MB past 65,536 words (a stream of 100,000
 * short documents peaked 6 MB above one of 10,000). */
static void test_cache_bound(void)
{
	LedeTokenizer *t = lede_tokenizer_new();
	GArray *a = g_array_new(FALSE, FALSE, sizeof(LedeToken));
	GString *doc = g_string_new(NULL);
	gsize peak = 0;
	guint word = 0;
	for (int d = 0; d < 400; d++) {
		lede_tokenizer_trim(t, LEDE_WORD_CACHE_WORDS);
		g_string_truncate(doc, 0);
		for (int k = 0; k < 500; k++, word++) {
			/* letters only: "qa", "qb", ... one new word each */
			g_string_append_c(doc, 'q');
			for (guint x = word; x; x /= 26)
				g_string_append_c(doc, (char)('a' + x % 26));
			g_string_append_c(doc, ' ');
		}
		g_array_set_size(a, 0);
		lede_tokenize(t, doc->str, doc->len, 0, a);
		g_assert_cmpuint(a->len, ==, 500);
		peak = MAX(peak, lede_tokenizer_cache_bytes(t));
	}
	g_assert_cmpuint(peak, <=, (gsize)2 << 20);
	g_string_free(doc, TRUE);
	g_array_free(a, TRUE);
	lede_tokenizer_free(t);
}

/* A trim keeps the words looked up most (at most half the limit), with
 * fresh dense ids, and forgets the rest; a stream that trims many times
 * analyses the same as a fresh tokenizer. */
static void test_trim_keeps_frequent(void)
{
	LedeTokenizer *t = lede_tokenizer_new();
	GArray *a = g_array_new(FALSE, FALSE, sizeof(LedeToken));
	/* "the": 5 lookups after the first, "cats": 2, "dogs" none */
	const char *text = "the the the the the the cats cats cats dogs";
	lede_tokenize(t, text, strlen(text), 0, a);
	g_assert_true(lede_tokenizer_trim(t, 2)); /* keeps at most 1: "the" */
	g_assert_cmpuint(lede_tokenizer_n_ids(t), ==, 1);
	g_array_set_size(a, 0);
	lede_tokenize(t, "the cats", 8, 0, a);
	g_assert_cmpstr(NORM(t, TOK(a, 0)), ==, "the");
	g_assert_cmpuint(g_array_index(a, LedeToken, 0).norm_id, ==, 0);
	g_assert_cmpstr(STEM(t, TOK(a, 1)), ==, "cat");
	g_assert_cmpuint(g_array_index(a, LedeToken, 1).stem_id, <, lede_tokenizer_n_ids(t));
	g_assert_false(lede_tokenizer_trim(t, 100));

	/* many trims of a long stream: same analysis as a fresh tokenizer */
	LedeTokenizer *fresh = lede_tokenizer_new();
	GArray *b = g_array_new(FALSE, FALSE, sizeof(LedeToken));
	GString *g = g_string_new(NULL);
	for (guint doc = 0; doc < 40; doc++) {
		g_string_truncate(g, 0);
		for (guint w = 0; w < 300; w++)
			g_string_append_printf(g, "%s w%uz ", w % 3 ? "Running" : "the",
			                       (doc * 7919u + w * 104729u) % 5000u);
		g_array_set_size(a, 0);
		g_array_set_size(b, 0);
		lede_tokenizer_trim(t, 100);
		lede_tokenize(t, g->str, g->len, 0, a);
		lede_tokenizer_trim(fresh, 0);
		lede_tokenize(fresh, g->str, g->len, 0, b);
		g_assert_cmpuint(a->len, ==, b->len);
		for (guint i = 0; i < a->len; i++) {
			const LedeToken *x = &g_array_index(a, LedeToken, i);
			const LedeToken *y = &g_array_index(b, LedeToken, i);
			g_assert_cmpstr(NORM(t, *x), ==, NORM(fresh, *y));
			g_assert_cmpstr(STEM(t, *x), ==, STEM(fresh, *y));
			g_assert_cmpuint(x->flags, ==, y->flags);
			g_assert_cmpuint(x->stem_id, <, lede_tokenizer_n_ids(t));
		}
	}
	/* words too long for the cache are interned all the same: a stream of
	 * them trims on its ids, so memory stays bounded */
	for (guint doc = 0; doc < 50; doc++) {
		g_string_truncate(g, 0);
		for (guint w = 0; w < 60; w++)
			g_string_append_printf(g, "longword%032u ", doc * 60 + w);
		lede_tokenizer_trim(t, 100);
		g_assert_cmpuint(lede_tokenizer_n_ids(t), <=, 200);
		g_array_set_size(a, 0);
		lede_tokenize(t, g->str, g->len, 0, a);
		g_assert_cmpuint(a->len, ==, 60);
	}
	g_string_free(g, TRUE);
	g_array_free(b, TRUE);
	lede_tokenizer_free(fresh);
	g_array_free(a, TRUE);
	lede_tokenizer_free(t);
}

/* A CJK token's stem is its bigram, its norm and the next token's (the last
 * of a run keeps its norm); the bigrams come from a cache keyed by norm ids.
 * Across trims, which number the ids anew, and as the cache grows and its
 * cells are taken over, a stream gets what a fresh tokenizer gets. */
static void test_cjk_bigrams_across_trims(void)
{
	const LedeLang *ja = lede_lang_get("ja");
	LedeTokenizer *t = lede_tokenizer_new_lang(ja), *fresh = lede_tokenizer_new_lang(ja);
	GArray *a = g_array_new(FALSE, FALSE, sizeof(LedeToken));
	GArray *b = g_array_new(FALSE, FALSE, sizeof(LedeToken));
	/* kana with a combining mark, half-width katakana, a character NFKC
	 * makes four (㍿), a break between runs */
	static const char *const extra[] = {"か\xE3\x82\x99", "ｶﾞ", "\xE3\x8D\xBF", "、", "x"};
	GString *g = g_string_new(NULL);
	guint32 r = 1;
	for (guint doc = 0; doc < 30; doc++) {
		g_string_truncate(g, 0);
		for (guint c = 0; c < 2000; c++) {
			r = r * 1103515245u + 12345u;
			guint k = (r >> 16) % 1000;
			if (k < G_N_ELEMENTS(extra))
				g_string_append(g, extra[k]);
			else if (k < 400) /* hiragana */
				g_string_append_unichar(g, 0x3041 + k % 83);
			else /* Han: some 3,000 of them, so millions of bigrams */
				g_string_append_unichar(g, 0x4E00 + (r >> 4) % 3000);
		}
		g_array_set_size(a, 0);
		g_array_set_size(b, 0);
		lede_tokenizer_trim(t, doc % 2 ? 100 : 5000);
		lede_tokenize(t, g->str, g->len, 0, a);
		lede_tokenizer_trim(fresh, 0);
		lede_tokenize(fresh, g->str, g->len, 0, b);
		g_assert_cmpuint(a->len, ==, b->len);
		for (guint i = 0; i < a->len; i++) {
			const LedeToken *x = &TOK(a, i), *y = &TOK(b, i);
			g_assert_cmpstr(NORM(t, *x), ==, NORM(fresh, *y));
			g_assert_cmpstr(STEM(t, *x), ==, STEM(fresh, *y));
			g_assert_cmpuint(x->flags, ==, y->flags);
			if (!(x->flags & LEDE_TOK_CJK))
				continue;
			gboolean pair = i + 1 < a->len && (TOK(a, i + 1).flags & LEDE_TOK_CJK) &&
			                TOK(a, i + 1).start == x->end;
			char *want =
			    g_strconcat(NORM(t, *x), pair ? NORM(t, TOK(a, i + 1)) : "", NULL);
			g_assert_cmpstr(STEM(t, *x), ==, want);
			g_free(want);
		}
	}
	g_string_free(g, TRUE);
	g_array_free(a, TRUE);
	g_array_free(b, TRUE);
	lede_tokenizer_free(t);
	lede_tokenizer_free(fresh);
}

/* Raw words that differ only in case are one norm: each is looked up on its
 * own, and all get the stem and stop flag the first one got, across trims. */
static void test_case_variants(void)
{
	LedeTokenizer *t = lede_tokenizer_new();
	GArray *a = g_array_new(FALSE, FALSE, sizeof(LedeToken));
	for (guint round = 0; round < 2; round++) {
		const char *text = "running Running RUNNING the The THE Cats cats";
		g_array_set_size(a, 0);
		if (round == 1) {
			/* other words take the ids the first round's had */
			lede_tokenize(t, "zebras Zebras", 13, 0, a);
			g_assert_cmpstr(STEM(t, TOK(a, 1)), ==, "zebra");
			g_array_set_size(a, 0);
		}
		lede_tokenize(t, text, strlen(text), 0, a);
		g_assert_cmpuint(a->len, ==, 8);
		for (guint i = 0; i < 3; i++) {
			g_assert_cmpstr(STEM(t, TOK(a, i)), ==, "run");
			g_assert_cmpuint(TOK(a, i).stem_id, ==, TOK(a, 0).stem_id);
			g_assert_false(TOK(a, i).flags & LEDE_TOK_STOP);
			g_assert_true(TOK(a, 3 + i).flags & LEDE_TOK_STOP);
			g_assert_cmpuint(TOK(a, 3 + i).norm_id, ==, TOK(a, 3).norm_id);
		}
		g_assert_cmpuint(TOK(a, 1).flags & (LEDE_TOK_CAPITAL | LEDE_TOK_ALLCAPS), ==,
		                 LEDE_TOK_CAPITAL);
		g_assert_cmpuint(TOK(a, 2).flags & LEDE_TOK_ALLCAPS, ==, LEDE_TOK_ALLCAPS);
		g_assert_cmpstr(STEM(t, TOK(a, 6)), ==, "cat");
		g_assert_cmpuint(TOK(a, 6).stem_id, ==, TOK(a, 7).stem_id);
		/* the second round starts from an empty tokenizer: ids restart */
		g_assert_true(lede_tokenizer_trim(t, 0));
		g_assert_cmpuint(lede_tokenizer_n_ids(t), ==, 0);
	}
	g_array_free(a, TRUE);
	lede_tokenizer_free(t);
}

/* The word cache's key functions against memcmp: every length the cache
 * keeps and past it, every alignment, a one-bit change at every byte. */
static void test_word_keys(void)
{
	GRand *r = g_rand_new_with_seed(7);
	char a[64], b[72];
	for (gsize n = 0; n <= 40; n++) {
		for (gsize shift = 0; shift < 8; shift++) {
			for (gsize i = 0; i < n; i++)
				a[i] = (char)g_rand_int_range(r, 0, 256);
			memcpy(b + shift, a, n);
			g_assert_true(lede_same_word(a, b + shift, n));
			g_assert_cmpuint(lede_word_hash(a, n), ==, lede_word_hash(b + shift, n));
			for (gsize i = 0; i < n; i++) {
				b[shift + i] ^= (char)(1 << g_rand_int_range(r, 0, 8));
				g_assert_false(lede_same_word(a, b + shift, n));
				b[shift + i] = a[i];
			}
		}
	}
	/* the table uses the low bits: three-letter words must spread over them */
	GHashTable *low = g_hash_table_new(NULL, NULL);
	char w[3];
	for (int x = 0; x < 26 * 26 * 26; x++) {
		w[0] = (char)('a' + x / 676);
		w[1] = (char)('a' + x / 26 % 26);
		w[2] = (char)('a' + x % 26);
		g_hash_table_add(low, GUINT_TO_POINTER((lede_word_hash(w, 3) & 0xFFF) + 1));
	}
	g_assert_cmpuint(g_hash_table_size(low), >, 4000); /* of 4,096 */
	g_hash_table_destroy(low);
	g_rand_free(r);
}

/* A tokenizer that is never trimmed (the model builder's) clears its word
 * cache when it holds 100,000 words: the words after it, and the ones
 * before it met again, analyse as before. */
/* Words on either side of the cache's key length (16 bytes): met again,
 * a cached word and one analysed anew give what a fresh tokenizer gives,
 * with the same ids as the first time. */
static void test_cached_lengths(void)
{
	const char *text = "nationalisation Nationalisations NATIONALISATIONS "
	                   "counterrevolutionaries Counterrevolutionary "
	                   "unselfconsciousness caf\xc3\xa9-internationalist "
	                   "internationalists";
	LedeTokenizer *t = lede_tokenizer_new();
	GArray *first = g_array_new(FALSE, FALSE, sizeof(LedeToken));
	GArray *again = g_array_new(FALSE, FALSE, sizeof(LedeToken));
	lede_tokenize(t, text, strlen(text), 0, first);
	lede_tokenize(t, text, strlen(text), 0, again);
	g_assert_cmpuint(first->len, ==, 9);
	g_assert_cmpuint(again->len, ==, first->len);
	gboolean long_word = FALSE, short_word = FALSE;
	for (guint i = 0; i < first->len; i++) {
		const LedeToken *x = &TOK(first, i), *y = &TOK(again, i);
		gsize n = x->end - x->start;
		long_word |= n > 16;
		short_word |= n <= 16;
		g_assert_cmpuint(x->norm_id, ==, y->norm_id);
		g_assert_cmpuint(x->stem_id, ==, y->stem_id);
		g_assert_cmpuint(x->flags, ==, y->flags);
		/* the same analysis as a tokenizer that meets the word alone */
		LedeTokenizer *fresh = lede_tokenizer_new();
		GArray *one = g_array_new(FALSE, FALSE, sizeof(LedeToken));
		lede_tokenize(fresh, text + x->start, n, 0, one);
		g_assert_cmpuint(one->len, ==, 1);
		g_assert_cmpstr(NORM(t, *y), ==, NORM(fresh, TOK(one, 0)));
		g_assert_cmpstr(STEM(t, *y), ==, STEM(fresh, TOK(one, 0)));
		g_assert_cmpuint(y->flags, ==, TOK(one, 0).flags);
		g_array_free(one, TRUE);
		lede_tokenizer_free(fresh);
	}
	g_assert_true(long_word && short_word);
	g_assert_cmpstr(STEM(t, TOK(first, 3)), ==, "counterrevolutionari");
	g_assert_cmpuint(TOK(first, 3).stem_id, ==, TOK(first, 4).stem_id);
	g_array_free(first, TRUE);
	g_array_free(again, TRUE);
	lede_tokenizer_free(t);
}

/* A lower-case run ends at the first byte outside a-z, wherever it falls
 * in the eight-byte blocks the scan reads: bytes either side of 'a' and 'z'
 * ('`', '{'), capitals' neighbours, DEL, a stray non-UTF-8 byte, and the
 * end of the text. */
static void test_lower_run_ends(void)
{
	const char *enders[] = {"`", "{", "@", "[", " ", "\x7f", "\xff", ""};
	LedeTokenizer *t = lede_tokenizer_new();
	GArray *a = g_array_new(FALSE, FALSE, sizeof(LedeToken));
	GString *g = g_string_new(NULL);
	for (guint lead = 0; lead < 9; lead++)
		for (guint n = 1; n <= 20; n++)
			for (guint e = 0; e < G_N_ELEMENTS(enders); e++) {
				g_string_truncate(g, 0);
				for (guint i = 0; i < lead; i++)
					g_string_append_c(g, ' ');
				for (guint i = 0; i < n; i++)
					g_string_append_c(g, (char)('a' + (i * 7 + n) % 26));
				g_string_append(g, enders[e]);
				g_string_append(g, " zz");
				g_array_set_size(a, 0);
				lede_tokenize(t, g->str, g->len, 0, a);
				g_assert_cmpuint(a->len, ==, 2);
				g_assert_cmpuint(TOK(a, 0).start, ==, lead);
				g_assert_cmpuint(TOK(a, 0).end, ==, lead + n);
				g_assert_cmpuint(TOK(a, 1).end, ==, g->len);
				/* the same word cut off by the end of the text */
				g_array_set_size(a, 0);
				lede_tokenize(t, g->str, lead + n, 0, a);
				g_assert_cmpuint(a->len, ==, 1);
				g_assert_cmpuint(TOK(a, 0).end, ==, lead + n);
			}
	g_string_free(g, TRUE);
	g_array_free(a, TRUE);
	lede_tokenizer_free(t);
}

static void test_cache_overflow(void)
{
	LedeTokenizer *t = lede_tokenizer_new();
	GArray *a = g_array_new(FALSE, FALSE, sizeof(LedeToken));
	GString *g = g_string_new(NULL);
	for (guint i = 0; i < 130000; i++)
		g_string_append_printf(g, "w%uq running ", i);
	lede_tokenize(t, g->str, g->len, 0, a);
	g_assert_cmpuint(a->len, ==, 260000);
	for (guint i = 0; i < a->len; i += 2) {
		const LedeToken *x = &g_array_index(a, LedeToken, i);
		const LedeToken *y = &g_array_index(a, LedeToken, i + 1);
		char *want = g_strdup_printf("w%uq", i / 2);
		g_assert_cmpstr(NORM(t, *x), ==, want);
		g_assert_cmpstr(STEM(t, *y), ==, "run");
		g_free(want);
	}
	GArray *b = g_array_new(FALSE, FALSE, sizeof(LedeToken));
	lede_tokenize(t, "w7q running", 11, 0, b);
	g_assert_cmpstr(NORM(t, TOK(b, 0)), ==, "w7q");
	g_assert_cmpuint(g_array_index(b, LedeToken, 0).norm_id, ==,
	                 g_array_index(a, LedeToken, 14).norm_id);
	g_assert_cmpuint(g_array_index(b, LedeToken, 1).stem_id, ==,
	                 g_array_index(a, LedeToken, 1).stem_id);
	g_array_free(b, TRUE);
	g_string_free(g, TRUE);
	g_array_free(a, TRUE);
	lede_tokenizer_free(t);
}

/* ASCII words go to the single-byte build of the English stemmer, the rest
 * to the UTF-8 one: the stems must be what the UTF-8 stemmer gives. */
static void test_stems_match_utf8_stemmer(void)
{
	static const char *const words[] = {
	    "running",
	    "generously",
	    "nationalization",
	    "hopefully",
	    "conditional",
	    "relational",
	    "happiness",
	    "agreed",
	    "feed",
	    "plastered",
	    "motoring",
	    "sized",
	    "hopping",
	    "filing",
	    "happy",
	    "sky",
	    "dying",
	    "lying",
	    "news",
	    "innings",
	    "proceeded",
	    "exceeding",
	    "succeeded",
	    "ladies",
	    "ties",
	    "cries",
	    "gas",
	    "this",
	    "kiwis",
	    "consign",
	    "consigned",
	    "generate",
	    "generically",
	    "communism",
	    "arsenal",
	    "don't",
	    "o'neill's",
	    "rock'n'roll",
	    "x",
	    "ab",
	    "caf\xc3\xa9s",
	    "na\xc3\xafvet\xc3\xa9",
	    ("\xc3\xbc"
	     "berall"), /* split: \xbcb would read as one escape */
	};
	struct sb_stemmer *ref = sb_stemmer_new("english", NULL);
	g_assert_nonnull(ref);
	LedeTokenizer *t = lede_tokenizer_new();
	GArray *a = g_array_new(FALSE, FALSE, sizeof(LedeToken));
	for (guint i = 0; i < G_N_ELEMENTS(words); i++) {
		g_array_set_size(a, 0);
		lede_tokenize(t, words[i], strlen(words[i]), 0, a);
		g_assert_cmpuint(a->len, ==, 1);
		const LedeToken *x = &g_array_index(a, LedeToken, 0);
		const sb_symbol *st =
		    sb_stemmer_stem(ref, (const sb_symbol *)NORM(t, *x), (int)strlen(NORM(t, *x)));
		char *want = g_strndup((const char *)st, (gsize)sb_stemmer_length(ref));
		g_assert_cmpstr(STEM(t, *x), ==, want);
		g_free(want);
	}
	g_array_free(a, TRUE);
	lede_tokenizer_free(t);
	sb_stemmer_delete(ref);
}

/* The tokens of text from t, as "norm/stem/flags norm_id stem_id" lines. */
static char *analysis_of(LedeTokenizer *t, const char *text)
{
	GArray *a = g_array_new(FALSE, FALSE, sizeof(LedeToken));
	lede_tokenize(t, text, strlen(text), 0, a);
	GString *g = g_string_new(NULL);
	for (guint i = 0; i < a->len; i++)
		g_string_append_printf(g, "%s/%s/%u %u %u\n", NORM(t, TOK(a, i)),
		                       STEM(t, TOK(a, i)), TOK(a, i).flags, TOK(a, i).norm_id,
		                       TOK(a, i).stem_id);
	g_array_free(a, TRUE);
	return g_string_free(g, FALSE);
}

/* Each record of the compiled-in stem table, in file order: norm, stem (the
 * norm itself when the record says so) and flags. */
typedef struct {
	const char *norm, *stem;
	guint flags;
} StemRecord;

static GArray *stem_records(GBytes *b)
{
	gsize len;
	const guint8 *d = g_bytes_get_data(b, &len);
	g_assert_cmpuint(len, >, LEDE_STEMS_HEADER);
	g_assert_cmpmem(d, 8, LEDE_STEMS_MAGIC, 8);
	guint32 n = lede_rd_le32(d + 16), n_slots = lede_rd_le32(d + 20),
	        rec_len = lede_rd_le32(d + 24);
	g_assert_cmpuint(LEDE_STEMS_HEADER + (gsize)n_slots * 8 + rec_len, ==, len);
	g_assert_cmpuint(3 * (gsize)n, <=, 2 * (gsize)n_slots);
	GArray *a = g_array_new(FALSE, FALSE, sizeof(StemRecord));
	const guint8 *r = d + LEDE_STEMS_HEADER + (gsize)n_slots * 8, *end = d + len;
	while (r < end) {
		StemRecord x = {(const char *)r + 3, NULL, r[2]};
		g_assert_cmpuint(strlen(x.norm), ==, r[0]);
		x.stem = r[1] == LEDE_STEMS_SAME ? x.norm : x.norm + r[0] + 1;
		g_assert_cmpuint(strlen(x.stem), ==, r[1] == LEDE_STEMS_SAME ? r[0] : r[1]);
		r += 3 + r[0] + 1 + (r[1] == LEDE_STEMS_SAME ? 0 : r[1] + 1);
		g_array_append_val(a, x);
	}
	g_assert_true(r == end);
	g_assert_cmpuint(a->len, ==, n);
	return a;
}

/* The stem table holds what stemming gives: every norm in it, analysed by a
 * tokenizer that stems, has the table's stem and stop flag. And a tokenizer
 * that uses the table analyses text as one that does not, down to the ids. */
static void test_stem_table(void)
{
	GBytes *b = lede_resource("stems-en.bin");
	g_assert_nonnull(b);
	GArray *recs = stem_records(b);
	g_assert_cmpuint(recs->len, >, 30000);
	LedeTokenizer *with = lede_tokenizer_new(), *without = lede_tokenizer_new();
	g_assert_true(lede_tokenizer_has_stem_table(with));
	lede_tokenizer_use_stem_table(without, FALSE);
	g_assert_false(lede_tokenizer_has_stem_table(without));

	GString *text = g_string_new(NULL);
	guint n_stop = 0, n_stemmed = 0;
	for (guint i = 0; i < recs->len; i++) {
		const StemRecord *x = &g_array_index(recs, StemRecord, i);
		if (i)
			g_assert_cmpstr(g_array_index(recs, StemRecord, i - 1).norm, <, x->norm);
		g_string_append_printf(text, "%s ", x->norm);
		n_stop += (x->flags & LEDE_TOK_STOP) != 0;
		n_stemmed += x->stem != x->norm;
	}
	g_assert_cmpuint(n_stop, >, 100);
	g_assert_cmpuint(n_stemmed, >, recs->len / 3);

	GArray *a = g_array_new(FALSE, FALSE, sizeof(LedeToken));
	lede_tokenize(without, text->str, text->len, 0, a);
	g_assert_cmpuint(a->len, ==, recs->len); /* every norm is one token of itself */
	for (guint i = 0; i < recs->len; i++) {
		const StemRecord *x = &g_array_index(recs, StemRecord, i);
		g_assert_cmpstr(NORM(without, TOK(a, i)), ==, x->norm);
		g_assert_cmpstr(STEM(without, TOK(a, i)), ==, x->stem);
		g_assert_cmpuint(TOK(a, i).flags & LEDE_TOK_STOP, ==, x->flags);
	}
	g_array_free(a, TRUE);

	char *sample, *sample_path = tu_data_file("sample-article.txt");
	g_assert_true(g_file_get_contents(sample_path, &sample, NULL, NULL));
	g_free(sample_path);
	const char *texts[] = {text->str, sample, "Running RUNNING runner's U.S. naïvely"};
	for (guint k = 0; k < G_N_ELEMENTS(texts); k++) {
		char *want = analysis_of(without, texts[k]);
		char *got = analysis_of(with, texts[k]);
		g_assert_cmpstr(got, ==, want);
		g_free(want);
		g_free(got);
	}
	g_free(sample);
	g_string_free(text, TRUE);
	g_array_free(recs, TRUE);
	lede_tokenizer_free(with);
	lede_tokenizer_free(without);
	g_bytes_unref(b);
}

/* models/stems-en.bin is what models/README.md says: lede-stems over the
 * background corpus gives the same bytes. */
static void test_stem_table_rebuild(void)
{
	const char *tool = g_getenv("LEDE_STEMS_BIN");
	char *c1 = tu_shared_file("corpus/reuters21578.jsonl.gz");
	if (!c1 || !tool) {
		if (c1 && !tool)
			g_test_skip("LEDE_STEMS_BIN is not set");
		g_free(c1);
		return;
	}
	char *c2 = tu_shared_file("corpus/reuters50x50.jsonl.gz");
	char *c3 = tu_shared_file("corpus/bbc2225.jsonl.gz");
	char *dir = tu_tmpdir();
	char *out = g_build_filename(dir, "stems.bin", NULL);
	const char *argv[] = {tool, "-o", out, c1, c2, c3, NULL};
	int status;
	GError *err = NULL;
	g_assert_true(g_spawn_sync(NULL, (char **)argv, NULL, G_SPAWN_STDERR_TO_DEV_NULL, NULL,
	                           NULL, NULL, NULL, &status, &err));
	g_assert_no_error(err);
	g_assert_true(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	char *built, *shipped;
	gsize built_len, shipped_len;
	char *path = g_build_filename(tu_srcdir(), "models", "stems-en.bin", NULL);
	g_assert_true(g_file_get_contents(out, &built, &built_len, NULL));
	g_assert_true(g_file_get_contents(path, &shipped, &shipped_len, NULL));
	g_assert_cmpmem(built, built_len, shipped, shipped_len);
	g_free(built);
	g_free(shipped);
	g_free(path);
	tu_rmtree(dir);
	g_free(out);
	g_free(dir);
	g_free(c1);
	g_free(c2);
	g_free(c3);
}

int main(int argc, char **argv)
{
	g_test_init(&argc, &argv, NULL);
	tk = lede_tokenizer_new();
	g_test_add_func("/tokenize/table", test_table);
	g_test_add_func("/tokenize/offsets", test_offsets);
	g_test_add_func("/tokenize/flags", test_flags);
	g_test_add_func("/tokenize/stems", test_stems);
	g_test_add_func("/tokenize/interned", test_interned);
	g_test_add_func("/tokenize/long-and-junk", test_long_and_junk);
	g_test_add_func("/tokenize/dense-ids", test_dense_ids);
	g_test_add_func("/tokenize/trim-keeps-frequent", test_trim_keeps_frequent);
	g_test_add_func("/tokenize/stems-match-utf8-stemmer", test_stems_match_utf8_stemmer);
	g_test_add_func("/tokenize/cache-overflow", test_cache_overflow);
	g_test_add_func("/tokenize/case-variants", test_case_variants);
	g_test_add_func("/tokenize/cjk-bigrams-across-trims", test_cjk_bigrams_across_trims);
	g_test_add_func("/tokenize/word-keys", test_word_keys);
	g_test_add_func("/tokenize/cached-lengths", test_cached_lengths);
	g_test_add_func("/tokenize/lower-run-ends", test_lower_run_ends);
	g_test_add_func("/tokenize/cache-bound", test_cache_bound);
	g_test_add_func("/tokenize/stem-table", test_stem_table);
	g_test_add_func("/tokenize/stem-table-rebuild", test_stem_table_rebuild);
	int rc = g_test_run();
	lede_tokenizer_free(tk);
	return rc;
}
