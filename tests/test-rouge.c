/* ROUGE: tokenization, LCS and union-LCS, multi-reference choice, truncation,
 * bootstrap determinism, and rouge_score's conformance vectors. */
#include "lede-private.h"
#include "testutil.h"

#include <cjson/cJSON.h>
#include <math.h>
#include <sys/resource.h>

#if defined(__SANITIZE_ADDRESS__)
#define UNDER_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define UNDER_ASAN 1
#endif
#endif

#define EPS 1e-9

static void score1(unsigned flags, const char *pred, const char *ref, lede_rouge_scores *out)
{
	lede_rouge *r = lede_rouge_new(flags);
	const char *refs[] = {ref};
	lede_rouge_score(r, pred, refs, 1, out);
	lede_rouge_free(r);
}

static void assert_prf(const lede_rouge_prf *s, double p, double r, double f)
{
	g_assert_cmpfloat_with_epsilon(s->precision, p, EPS);
	g_assert_cmpfloat_with_epsilon(s->recall, r, EPS);
	g_assert_cmpfloat_with_epsilon(s->fmeasure, f, EPS);
}

static double f1(double p, double r)
{
	return p + r > 0 ? 2 * p * r / (p + r) : 0;
}

static void test_tokenize(void)
{
	lede_rouge_scores s;
	/* case and punctuation do not matter: "U.S." is the two tokens "u" "s" */
	score1(0, "The U.S. economy, it's growing!", "the u s economy it s growing", &s);
	assert_prf(&s.rouge1, 1, 1, 1);
	assert_prf(&s.rouge2, 1, 1, 1);
	/* non-ASCII letters are separators in rouge_score's tokenizer */
	score1(0, "café naïve", "caf na ve", &s);
	assert_prf(&s.rouge1, 1, 1, 1);
	/* U+0130 and the Kelvin sign lower-case to ASCII in Python */
	score1(0, "\xC4\xB0stanbul 5\xE2\x84\xAA", "i stanbul 5k", &s);
	assert_prf(&s.rouge1, 1, 1, 1);
	/* stemming only with the flag, and only on tokens longer than 3 */
	score1(0, "running dogs", "run dog", &s);
	assert_prf(&s.rouge1, 0, 0, 0);
	score1(LEDE_ROUGE_STEM, "running dogs", "run dog", &s);
	assert_prf(&s.rouge1, 1, 1, 1); /* "dogs" has 4 chars -> dog; "running" -> run */
	/* "was" (3 chars) is not stemmed, so it does not become "wa" */
	score1(LEDE_ROUGE_STEM, "was", "wa", &s);
	assert_prf(&s.rouge1, 0, 0, 0);
	/* empty and token-less texts score 0 without dividing by zero */
	score1(LEDE_ROUGE_STEM, "", "a reference", &s);
	assert_prf(&s.rouge1, 0, 0, 0);
	assert_prf(&s.rougeL, 0, 0, 0);
	assert_prf(&s.rougeLsum, 0, 0, 0);
	score1(0, "... !!!", "", &s);
	assert_prf(&s.rouge2, 0, 0, 0);
}

static void test_stem_rouge1(void)
{
	lede_rouge_scores s;
	/* running -> run, dogs -> dog: both match */
	score1(LEDE_ROUGE_STEM, "running dogs", "run dog", &s);
	assert_prf(&s.rouge1, 1, 1, 1);
}

static void test_unicode(void)
{
	lede_rouge_scores s;
	/* the extension keeps accented words and splits CJK per character */
	score1(LEDE_ROUGE_UNICODE, "Café NAÏVE", "café naïve", &s);
	assert_prf(&s.rouge1, 1, 1, 1);
	score1(LEDE_ROUGE_UNICODE, "台北市長", "台北", &s);
	assert_prf(&s.rouge1, 0.5, 1, f1(0.5, 1));
	assert_prf(&s.rouge2, 1.0 / 3, 1, f1(1.0 / 3, 1));
	/* NFKC: the fullwidth digits and the ligature fold to ASCII */
	score1(LEDE_ROUGE_UNICODE, "\xEF\xBC\x91\xEF\xBC\x92 \xEF\xAC\x81le", "12 file", &s);
	assert_prf(&s.rouge1, 1, 1, 1);
	/* rouge_score's tokenizer sees nothing in CJK text */
	score1(0, "台北市長", "台北", &s);
	assert_prf(&s.rouge1, 0, 0, 0);
}

static void test_ngrams(void)
{
	lede_rouge_scores s;
	/* counts are clipped: "the" twice in the prediction, once in the reference */
	score1(0, "the the cat", "the cat sat", &s);
	assert_prf(&s.rouge1, 2.0 / 3, 2.0 / 3, 2.0 / 3);
	assert_prf(&s.rouge2, 1.0 / 2, 1.0 / 2, 0.5);
	/* one-token texts have no bigram */
	score1(0, "cat", "cat", &s);
	assert_prf(&s.rouge2, 0, 0, 0);
}

static void test_lcs(void)
{
	lede_rouge_scores s;
	/* LCS "police killed the gunman" = 4 of 4 (ref) and 4 of 5 */
	score1(0, "police kill the gunman", "police killed the gunman", &s);
	assert_prf(&s.rougeL, 3.0 / 4, 3.0 / 4, 0.75);
	score1(0, "the gunman police killed", "police killed the gunman", &s);
	assert_prf(&s.rougeL, 0.5, 0.5, 0.5);
	/* a longer prediction: LCS a b d = 3, pred 5, ref 4 */
	score1(0, "a x b y d", "a b c d", &s);
	assert_prf(&s.rougeL, 3.0 / 5, 3.0 / 4, f1(0.6, 0.75));
	/* the shorter side may be either one */
	score1(0, "a b c d", "a x b y d", &s);
	assert_prf(&s.rougeL, 3.0 / 4, 3.0 / 5, f1(0.75, 0.6));
}

static void test_union_lcs(void)
{
	lede_rouge_scores s;
	/* Lin (2004)'s example: reference sentence w1..w5, candidate sentences
	 * "w1 w2 w6 w7 w8" and "w1 w3 w8 w9 w5": union LCS = w1 w2 w3 w5 = 4 hits.
	 * The reference has 5 tokens, the candidate 10. */
	score1(0, "w1 w2 w6 w7 w8\nw1 w3 w8 w9 w5", "w1 w2 w3 w4 w5", &s);
	assert_prf(&s.rougeLsum, 4.0 / 10, 4.0 / 5, f1(0.4, 0.8));
	/* whole-text LCS differs: w1 w2 w3 w5 here too, but by another path */
	assert_prf(&s.rougeL, 4.0 / 10, 4.0 / 5, f1(0.4, 0.8));
	/* Lsum clips by counts: "a" appears once in the prediction, so two
	 * reference sentences cannot both take it */
	score1(0, "a b", "a\na", &s);
	assert_prf(&s.rougeLsum, 1.0 / 2, 1.0 / 2, 0.5);
	/* sentence order does not matter for Lsum, but does for L */
	score1(0, "c d\na b", "a b\nc d", &s);
	assert_prf(&s.rougeLsum, 1, 1, 1);
	assert_prf(&s.rougeL, 0.5, 0.5, 0.5);
	/* blank lines and token-less lines change nothing */
	score1(0, "\n\na b\n...\n", "a b", &s);
	assert_prf(&s.rougeLsum, 1, 1, 1);
}

static void test_multi_ref(void)
{
	lede_rouge *r = lede_rouge_new(0);
	const char *refs[] = {"x y z", "a b q", "a b c"};
	lede_rouge_scores s;
	lede_rouge_score(r, "a b c d", refs, 3, &s);
	/* per metric the reference with the highest F: the third */
	assert_prf(&s.rouge1, 3.0 / 4, 1, f1(0.75, 1));
	assert_prf(&s.rouge2, 2.0 / 3, 1, f1(2.0 / 3, 1));
	/* metrics may come from different references */
	const char *refs2[] = {"d c b a", "a z z z z z z b"};
	lede_rouge_score(r, "a b c d", refs2, 2, &s);
	assert_prf(&s.rouge1, 1, 1, 1);            /* first reference */
	assert_prf(&s.rouge2, 0, 0, 0);            /* none has a shared bigram: first kept */
	assert_prf(&s.rougeL, 0.5, 0.25, 1.0 / 3); /* the second: LCS "a b" */
	/* no references: all zero */
	lede_rouge_score(r, "a b c d", refs2, 0, &s);
	assert_prf(&s.rouge1, 0, 0, 0);
	lede_rouge_free(r);
}

static void test_truncate(void)
{
	char *t = lede_truncate_bytes("hello world", 5);
	g_assert_cmpstr(t, ==, "hello");
	g_free(t);
	t = lede_truncate_bytes("short", 75);
	g_assert_cmpstr(t, ==, "short");
	g_free(t);
	/* "é" is two bytes: a cut in its middle drops the whole character */
	t = lede_truncate_bytes("caf\xC3\xA9s", 4);
	g_assert_cmpstr(t, ==, "caf");
	g_free(t);
	t = lede_truncate_bytes("caf\xC3\xA9s", 5);
	g_assert_cmpstr(t, ==, "caf\xC3\xA9");
	g_free(t);
	/* 4-byte sequence */
	t = lede_truncate_bytes("a\xF0\x9F\x98\x80", 4);
	g_assert_cmpstr(t, ==, "a");
	g_free(t);
	t = lede_truncate_bytes("abc", 0);
	g_assert_cmpstr(t, ==, "");
	g_free(t);

	t = lede_truncate_words("one two  three\nfour five", 3);
	g_assert_cmpstr(t, ==, "one two  three");
	g_free(t);
	t = lede_truncate_words("one two\nthree four", 3);
	g_assert_cmpstr(t, ==, "one two\nthree");
	g_free(t);
	t = lede_truncate_words("  one two ", 5);
	g_assert_cmpstr(t, ==, "  one two ");
	g_free(t);
	t = lede_truncate_words("one two", 0);
	g_assert_cmpstr(t, ==, "");
	g_free(t);
	/* punctuation-only "words" count, as in ROUGE-1.5.5 */
	t = lede_truncate_words("a - b c", 2);
	g_assert_cmpstr(t, ==, "a -");
	g_free(t);
}

static void test_bootstrap(void)
{
	double v[200];
	for (int i = 0; i < 200; i++)
		v[i] = (i * 37 % 101) / 100.0;
	double m1, lo1, hi1, m2, lo2, hi2;
	lede_bootstrap_ci(v, 200, 1000, 42, &m1, &lo1, &hi1);
	lede_bootstrap_ci(v, 200, 1000, 42, &m2, &lo2, &hi2);
	g_assert_cmpfloat(m1, ==, m2);
	g_assert_cmpfloat(lo1, ==, lo2);
	g_assert_cmpfloat(hi1, ==, hi2);
	g_assert_cmpfloat(lo1, <, m1);
	g_assert_cmpfloat(hi1, >, m1);
	/* the interval of a mean of 200 values in [0,1] is a few hundredths wide */
	g_assert_cmpfloat(hi1 - lo1, <, 0.15);
	g_assert_cmpfloat(hi1 - lo1, >, 0.02);
	/* another seed: another interval, close by */
	lede_bootstrap_ci(v, 200, 1000, 7, &m2, &lo2, &hi2);
	g_assert_cmpfloat(m1, ==, m2);
	g_assert_cmpfloat(fabs(lo1 - lo2), <, 0.02);

	/* constant values: a point interval */
	double c[5] = {0.3, 0.3, 0.3, 0.3, 0.3};
	lede_bootstrap_ci(c, 5, 100, 1, &m1, &lo1, &hi1);
	g_assert_cmpfloat_with_epsilon(lo1, 0.3, 1e-12);
	g_assert_cmpfloat_with_epsilon(hi1, 0.3, 1e-12);

	/* paired: B uniformly better -> p = 0; B equal -> p = 1 */
	double b[200], p, d;
	for (int i = 0; i < 200; i++)
		b[i] = v[i] + 0.01;
	lede_bootstrap_paired(v, b, 200, 1000, 42, &d, &lo1, &hi1, &p);
	g_assert_cmpfloat_with_epsilon(d, 0.01, 1e-12);
	g_assert_cmpfloat(p, ==, 0);
	lede_bootstrap_paired(v, v, 200, 1000, 42, &d, &lo1, &hi1, &p);
	g_assert_cmpfloat(d, ==, 0);
	g_assert_cmpfloat(p, ==, 1);
	/* B worse: p near 1, interval below 0 */
	lede_bootstrap_paired(b, v, 200, 1000, 42, &d, &lo1, &hi1, &p);
	g_assert_cmpfloat(hi1, <, 0);
	g_assert_cmpfloat(p, ==, 1);
	/* no items: no crash */
	lede_bootstrap_ci(v, 0, 1000, 42, &m1, &lo1, &hi1);
	g_assert_cmpfloat(m1, ==, 0);
}

static const char *const metric_names[] = {"rouge1", "rouge2", "rougeL", "rougeLsum"};

static gboolean check_prf(cJSON *exp, const char *name, const lede_rouge_prf *got, int caseno,
                          gboolean stem)
{
	cJSON *m = cJSON_GetObjectItemCaseSensitive(exp, name);
	g_assert_nonnull(m);
	double want[3] = {cJSON_GetObjectItem(m, "precision")->valuedouble,
	                  cJSON_GetObjectItem(m, "recall")->valuedouble,
	                  cJSON_GetObjectItem(m, "fmeasure")->valuedouble};
	double have[3] = {got->precision, got->recall, got->fmeasure};
	gboolean ok = TRUE;
	for (int k = 0; k < 3; k++) {
		if (fabs(want[k] - have[k]) > 1e-6) {
			g_test_message("case %d (stem %d) %s[%d]: want %.9f got %.9f", caseno, stem,
			               name, k, want[k], have[k]);
			ok = FALSE;
		}
	}
	return ok;
}

static void test_conformance(void)
{
	char *path = tu_shared_file("rouge/vectors.jsonl");
	if (!path)
		return;
	char *data;
	gsize len;
	GError *error = NULL;
	g_file_get_contents(path, &data, &len, &error);
	g_assert_no_error(error);
	lede_rouge *plain = lede_rouge_new(0), *stem = lede_rouge_new(LEDE_ROUGE_STEM);
	int cases = 0, failed = 0;
	char **lines = g_strsplit(data, "\n", -1);
	for (char **l = lines; *l; l++) {
		if (!**l)
			continue;
		cJSON *o = cJSON_Parse(*l);
		g_assert_nonnull(o);
		cJSON *refs = cJSON_GetObjectItem(o, "references");
		gsize n = (gsize)cJSON_GetArraySize(refs);
		const char **rv = g_new0(const char *, n + 1);
		for (gsize i = 0; i < n; i++)
			rv[i] = cJSON_GetArrayItem(refs, (int)i)->valuestring;
		gboolean use_stem = cJSON_IsTrue(cJSON_GetObjectItem(o, "use_stemmer"));
		lede_rouge_scores s;
		lede_rouge_score(use_stem ? stem : plain,
		                 cJSON_GetObjectItem(o, "prediction")->valuestring, rv, n, &s);
		cJSON *exp = cJSON_GetObjectItem(o, "expected");
		int caseno = cJSON_GetObjectItem(o, "case")->valueint;
		const lede_rouge_prf *got[] = {&s.rouge1, &s.rouge2, &s.rougeL, &s.rougeLsum};
		gboolean ok = TRUE;
		for (int m = 0; m < 4; m++)
			ok &= check_prf(exp, metric_names[m], got[m], caseno, use_stem);
		failed += !ok;
		cases++;
		g_free(rv);
		cJSON_Delete(o);
	}
	g_strfreev(lines);
	lede_rouge_free(plain);
	lede_rouge_free(stem);
	g_free(data);
	g_free(path);
	g_test_message("%d conformance cases, %d failed", cases, failed);
	g_assert_cmpint(cases, ==, 544);
	g_assert_cmpint(failed, ==, 0);
}

/* rouge_score's union-LCS the way it computes it: the whole table, its
 * backtrack (a match goes diagonally, else left if that keeps a longer LCS
 * than up, else up), and hits clipped by the tokens' counts. Sentences are
 * given as token ids, each ended by -1. */
static double naive_lsum_recall_hits(const int *ref, gsize nr, const int *pred, gsize np)
{
	int cr[8] = {0}, cc[8] = {0};
	for (gsize i = 0; i < nr; i++)
		if (ref[i] >= 0)
			cr[ref[i]]++;
	for (gsize i = 0; i < np; i++)
		if (pred[i] >= 0)
			cc[pred[i]]++;
	double hits = 0;
	for (gsize rs = 0; rs < nr;) {
		gsize re = rs;
		while (ref[re] >= 0)
			re++;
		gsize n = re - rs;
		guint8 *mark = g_new0(guint8, n + 1);
		for (gsize ps = 0; ps < np;) {
			gsize pe = ps;
			while (pred[pe] >= 0)
				pe++;
			gsize m = pe - ps, w = m + 1;
			guint32 *t = g_new0(guint32, (n + 1) * w);
			for (gsize i = 1; i <= n; i++)
				for (gsize j = 1; j <= m; j++)
					t[i * w + j] =
					    ref[rs + i - 1] == pred[ps + j - 1]
					        ? t[(i - 1) * w + j - 1] + 1
					        : MAX(t[(i - 1) * w + j], t[i * w + j - 1]);
			gsize i = n, j = m;
			while (i > 0 && j > 0) {
				if (ref[rs + i - 1] == pred[ps + j - 1]) {
					mark[i - 1] = 1;
					i--;
					j--;
				} else if (t[i * w + j - 1] > t[(i - 1) * w + j]) {
					j--;
				} else {
					i--;
				}
			}
			g_free(t);
			ps = pe + 1;
		}
		for (gsize k = 0; k < n; k++) {
			int tok = ref[rs + k];
			if (mark[k] && cc[tok] > 0 && cr[tok] > 0) {
				hits++;
				cc[tok]--;
				cr[tok]--;
			}
		}
		g_free(mark);
		rs = re + 1;
	}
	return hits;
}

static void random_sentences(GRand *rnd, GString *text, int *ids, gsize *n, gsize *n_tokens,
                             guint vocab, guint max_len)
{
	static const char *const words[] = {"aa", "bb", "cc", "dd", "ee", "ff", "gg", "hh"};
	guint sents = (guint)g_rand_int_range(rnd, 1, 4);
	g_string_truncate(text, 0);
	*n = *n_tokens = 0;
	for (guint s = 0; s < sents; s++) {
		guint len = (guint)g_rand_int_range(rnd, 1, (gint32)max_len + 1);
		for (guint k = 0; k < len; k++) {
			int id = g_rand_int_range(rnd, 0, (gint32)vocab);
			g_string_append_printf(text, "%s%s", k ? " " : "", words[id]);
			ids[(*n)++] = id;
			++*n_tokens;
		}
		g_string_append_c(text, '\n');
		ids[(*n)++] = -1;
	}
}

/* The union-LCS picks rouge_score's LCS among those of equal length, on
 * small vocabularies (many ties) and sentences across the 64-token words of
 * the bit rows. */
static void test_lsum_tie_breaking(void)
{
	GRand *rnd = g_rand_new_with_seed(14);
	GString *pt = g_string_new(NULL), *rt = g_string_new(NULL);
	int pid[4 * 200], rid[4 * 200];
	lede_rouge *r = lede_rouge_new(0);
	for (guint it = 0; it < 600; it++) {
		guint vocab = (guint)g_rand_int_range(rnd, 2, 9);
		guint max_len = it % 3 == 0 ? 150 : 12;
		gsize np, nr, tp, tr;
		random_sentences(rnd, pt, pid, &np, &tp, vocab, max_len);
		random_sentences(rnd, rt, rid, &nr, &tr, vocab, max_len);
		double hits = naive_lsum_recall_hits(rid, nr, pid, np);
		const char *refs[] = {rt->str};
		lede_rouge_scores s;
		lede_rouge_score(r, pt->str, refs, 1, &s);
		g_assert_cmpfloat_with_epsilon(s.rougeLsum.recall, hits / (double)tr, EPS);
		g_assert_cmpfloat_with_epsilon(s.rougeLsum.precision, hits / (double)tp, EPS);
	}
	lede_rouge_free(r);
	g_string_free(pt, TRUE);
	g_string_free(rt, TRUE);
	g_rand_free(rnd);
}

/* 20,000 tokens against 20,000 in one sentence each: rouge_score's table
 * would take 1.6 GB; the child runs under a 600 MB address-space limit
 * (not under AddressSanitizer, whose shadow memory needs more). */
static void test_lsum_memory(void)
{
	if (g_test_subprocess()) {
#ifndef UNDER_ASAN
		struct rlimit lim = {600u << 20, 600u << 20};
		g_assert_cmpint(setrlimit(RLIMIT_AS, &lim), ==, 0);
#endif
		GString *a = g_string_new(NULL), *b = g_string_new(NULL);
		guint32 x = 7;
		for (guint i = 0; i < 20000; i++) {
			x = x * 1103515245u + 12345u;
			g_string_append_printf(a, "w%u ", (x >> 16) % 3000);
			x = x * 1103515245u + 12345u;
			g_string_append_printf(b, "w%u ", (x >> 16) % 3000);
		}
		lede_rouge_scores s;
		score1(0, a->str, b->str, &s);
		/* the same text as one sentence or many: Lsum is L */
		g_assert_cmpfloat_with_epsilon(s.rougeLsum.fmeasure, s.rougeL.fmeasure, EPS);
		g_assert_cmpfloat(s.rougeL.fmeasure, >, 0.01);
		g_string_free(a, TRUE);
		g_string_free(b, TRUE);
		return;
	}
	g_test_trap_subprocess(NULL, 0, 0);
	g_test_trap_assert_passed();
}

int main(int argc, char **argv)
{
	g_test_init(&argc, &argv, NULL);
	g_test_add_func("/rouge/tokenize", test_tokenize);
	g_test_add_func("/rouge/stem", test_stem_rouge1);
	g_test_add_func("/rouge/unicode", test_unicode);
	g_test_add_func("/rouge/ngrams", test_ngrams);
	g_test_add_func("/rouge/lcs", test_lcs);
	g_test_add_func("/rouge/union-lcs", test_union_lcs);
	g_test_add_func("/rouge/multi-ref", test_multi_ref);
	g_test_add_func("/rouge/truncate", test_truncate);
	g_test_add_func("/rouge/bootstrap", test_bootstrap);
	g_test_add_func("/rouge/conformance", test_conformance);
	g_test_add_func("/rouge/lsum-tie-breaking", test_lsum_tie_breaking);
	g_test_add_func("/rouge/lsum-memory", test_lsum_memory);
	return g_test_run();
}
