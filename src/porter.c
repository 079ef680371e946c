/* The Porter stemmer (Porter 1980, "An algorithm for suffix stripping") in the
 * variant NLTK calls NLTK_EXTENSIONS, its default mode. rouge_score and the
 * keyphrase scorer both stem with that mode, so agreeing with it word for word
 * is what makes our scores comparable with theirs.
 *
 * The departures from the published algorithm, all reproduced here:
 * - a table of irregular words is looked up first (skies -> sky, dying -> die...);
 * - words of one or two characters are returned unchanged;
 * - step 1a: "-ies" on a four-letter word keeps the e (ties -> tie);
 * - step 1b: "-ied" becomes "-ie" on four letters, "-i" otherwise, before the
 *   usual rules;
 * - step 1c: y -> i only after a consonant that is not the word's first letter;
 * - step 2: "-alli" -> "-al" is tried first and step 2 run again on the result;
 *   "-bli" -> "-ble" replaces "-abli" -> "-able"; "-fulli" -> "-ful" and
 *   "-logi" -> "-log" (measure taken with the l) are added;
 * - *o also holds for a two-letter vowel-consonant stem.
 *
 * The steps work on code points, not bytes, so a non-ASCII word is measured
 * as NLTK (which works on Python strings) measures it.
 */
#include "lede-private.h"

typedef struct {
	gunichar *w;
	gsize n;
} Word;

static gboolean is_vowel_char(gunichar c)
{
	return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u';
}

static gboolean cons(const gunichar *w, gsize i)
{
	/* A y is a consonant at the start or after a vowel, so a run of y
	 * alternates; counting the run avoids recursing once per y. */
	gsize j = i;
	gboolean flip = FALSE;
	while (w[j] == 'y' && j > 0) {
		j--;
		flip = !flip;
	}
	gboolean base = w[j] == 'y' || !is_vowel_char(w[j]);
	return flip ? !base : base;
}

static unsigned measure(const gunichar *w, gsize n)
{
	unsigned m = 0;
	gboolean prev_vowel = FALSE;
	for (gsize i = 0; i < n; i++) {
		gboolean c = cons(w, i);
		if (c && prev_vowel)
			m++;
		prev_vowel = !c;
	}
	return m;
}

static gboolean has_vowel(const gunichar *w, gsize n)
{
	for (gsize i = 0; i < n; i++)
		if (!cons(w, i))
			return TRUE;
	return FALSE;
}

static gboolean ends_double(const gunichar *w, gsize n)
{
	return n >= 2 && w[n - 1] == w[n - 2] && cons(w, n - 1);
}

static gboolean ends_cvc(const gunichar *w, gsize n)
{
	if (n >= 3 && cons(w, n - 3) && !cons(w, n - 2) && cons(w, n - 1) && w[n - 1] != 'w' &&
	    w[n - 1] != 'x' && w[n - 1] != 'y')
		return TRUE;
	return n == 2 && !cons(w, 0) && cons(w, 1);
}

static gboolean ends(const Word *x, const char *suf)
{
	gsize k = strlen(suf);
	if (k > x->n)
		return FALSE;
	for (gsize i = 0; i < k; i++)
		if (x->w[x->n - k + i] != (guchar)suf[i])
			return FALSE;
	return TRUE;
}

/* Replaces the last k code points by rep (the buffer has room: no rule grows
 * a word by more than one). */
static void replace(Word *x, gsize k, const char *rep)
{
	x->n -= k;
	for (const char *r = rep; *r; r++)
		x->w[x->n++] = (guchar)*r;
}

enum { C_NONE, C_M0, C_M1, C_ION, C_LOGI };

typedef struct {
	const char *suf, *rep;
	int cond;
} Rule;

static gboolean cond_holds(const Word *x, gsize stem_len, int cond)
{
	switch (cond) {
	case C_M0:
		return measure(x->w, stem_len) > 0;
	case C_M1:
		return measure(x->w, stem_len) > 1;
	case C_ION:
		return measure(x->w, stem_len) > 1 && stem_len > 0 &&
		       (x->w[stem_len - 1] == 's' || x->w[stem_len - 1] == 't');
	case C_LOGI:
		/* the l stays with the stem: geo-logi measures "geol" */
		return measure(x->w, stem_len + 1) > 0;
	default:
		return TRUE;
	}
}

/* The first rule whose suffix matches decides, whether or not its condition
 * holds: a failed condition leaves the word alone. */
static void apply_rules(Word *x, const Rule *rules, gsize n_rules)
{
	for (gsize i = 0; i < n_rules; i++) {
		if (!ends(x, rules[i].suf))
			continue;
		gsize k = strlen(rules[i].suf);
		if (cond_holds(x, x->n - k, rules[i].cond))
			replace(x, k, rules[i].rep);
		return;
	}
}

static void step1a(Word *x)
{
	if (ends(x, "ies") && x->n == 4) {
		replace(x, 3, "ie");
		return;
	}
	static const Rule r[] = {
	    {"sses", "ss", C_NONE},
	    {"ies", "i", C_NONE},
	    {"ss", "ss", C_NONE},
	    {"s", "", C_NONE},
	};
	apply_rules(x, r, G_N_ELEMENTS(r));
}

static void step1b(Word *x)
{
	if (ends(x, "ied")) {
		replace(x, 3, x->n == 4 ? "ie" : "i");
		return;
	}
	if (ends(x, "eed")) {
		if (measure(x->w, x->n - 3) > 0)
			replace(x, 3, "ee");
		return;
	}
	gsize k = 0;
	if (ends(x, "ed") && has_vowel(x->w, x->n - 2))
		k = 2;
	else if (ends(x, "ing") && has_vowel(x->w, x->n - 3))
		k = 3;
	if (!k)
		return;
	x->n -= k;
	if (ends(x, "at")) {
		replace(x, 2, "ate");
	} else if (ends(x, "bl")) {
		replace(x, 2, "ble");
	} else if (ends(x, "iz")) {
		replace(x, 2, "ize");
	} else if (ends_double(x->w, x->n)) {
		gunichar last = x->w[x->n - 1];
		if (last != 'l' && last != 's' && last != 'z')
			x->n--;
	} else if (measure(x->w, x->n) == 1 && ends_cvc(x->w, x->n)) {
		x->w[x->n++] = 'e';
	}
}

static void step1c(Word *x)
{
	if (ends(x, "y") && x->n - 1 > 1 && cons(x->w, x->n - 2))
		x->w[x->n - 1] = 'i';
}

static void step2(Word *x)
{
	if (ends(x, "alli") && measure(x->w, x->n - 4) > 0) {
		replace(x, 4, "al");
		step2(x);
		return;
	}
	static const Rule r[] = {
	    {"ational", "ate", C_M0}, {"tional", "tion", C_M0}, {"enci", "ence", C_M0},
	    {"anci", "ance", C_M0},   {"izer", "ize", C_M0},    {"bli", "ble", C_M0},
	    {"alli", "al", C_M0},     {"entli", "ent", C_M0},   {"eli", "e", C_M0},
	    {"ousli", "ous", C_M0},   {"ization", "ize", C_M0}, {"ation", "ate", C_M0},
	    {"ator", "ate", C_M0},    {"alism", "al", C_M0},    {"iveness", "ive", C_M0},
	    {"fulness", "ful", C_M0}, {"ousness", "ous", C_M0}, {"aliti", "al", C_M0},
	    {"iviti", "ive", C_M0},   {"biliti", "ble", C_M0},  {"fulli", "ful", C_M0},
	    {"logi", "log", C_LOGI},
	};
	apply_rules(x, r, G_N_ELEMENTS(r));
}

static void step3(Word *x)
{
	static const Rule r[] = {
	    {"icate", "ic", C_M0}, {"ative", "", C_M0},  {"alize", "al", C_M0},
	    {"iciti", "ic", C_M0}, {"ical", "ic", C_M0}, {"ful", "", C_M0},
	    {"ness", "", C_M0},
	};
	apply_rules(x, r, G_N_ELEMENTS(r));
}

static void step4(Word *x)
{
	static const Rule r[] = {
	    {"al", "", C_M1},    {"ance", "", C_M1}, {"ence", "", C_M1}, {"er", "", C_M1},
	    {"ic", "", C_M1},    {"able", "", C_M1}, {"ible", "", C_M1}, {"ant", "", C_M1},
	    {"ement", "", C_M1}, {"ment", "", C_M1}, {"ent", "", C_M1},  {"ion", "", C_ION},
	    {"ou", "", C_M1},    {"ism", "", C_M1},  {"ate", "", C_M1},  {"iti", "", C_M1},
	    {"ous", "", C_M1},   {"ive", "", C_M1},  {"ize", "", C_M1},
	};
	apply_rules(x, r, G_N_ELEMENTS(r));
}

static void step5(Word *x)
{
	if (ends(x, "e")) {
		unsigned m = measure(x->w, x->n - 1);
		if (m > 1 || (m == 1 && !ends_cvc(x->w, x->n - 1)))
			x->n--;
	}
	if (ends(x, "ll") && measure(x->w, x->n - 1) > 1)
		x->n--;
}

static const struct {
	const char *word, *stem;
} irregular[] = {
    {"sky", "sky"},        {"skies", "sky"},       {"dying", "die"},        {"lying", "lie"},
    {"tying", "tie"},      {"news", "news"},       {"innings", "inning"},   {"inning", "inning"},
    {"outings", "outing"}, {"outing", "outing"},   {"cannings", "canning"}, {"canning", "canning"},
    {"howe", "howe"},      {"proceed", "proceed"}, {"exceed", "exceed"},    {"succeed", "succeed"},
};

char *lede_porter_stem(const char *word, gssize len)
{
	gsize n = len < 0 ? strlen(word) : (gsize)len;
	/* NLTK looks the table up with the word as given, before lower-casing. */
	for (gsize i = 0; i < G_N_ELEMENTS(irregular); i++)
		if (strlen(irregular[i].word) == n && memcmp(irregular[i].word, word, n) == 0)
			return g_strdup(irregular[i].stem);

	glong nchars = 0;
	gunichar *u = g_utf8_to_ucs4(word, (glong)n, NULL, &nchars, NULL);
	if (!u) /* invalid UTF-8: stem the bytes as Latin-1 so we still return something stable */
	{
		u = g_new(gunichar, n + 1);
		for (gsize i = 0; i < n; i++)
			u[i] = (guchar)word[i];
		nchars = (glong)n;
	}
	Word x;
	x.w = g_renew(gunichar, u, (gsize)nchars + 8);
	x.n = (gsize)nchars;
	for (gsize i = 0; i < x.n; i++)
		x.w[i] = g_unichar_tolower(x.w[i]);
	if (x.n > 2) {
		step1a(&x);
		step1b(&x);
		step1c(&x);
		step2(&x);
		step3(&x);
		step4(&x);
		step5(&x);
	}
	char *out = g_ucs4_to_utf8(x.w, (glong)x.n, NULL, NULL, NULL);
	g_free(x.w);
	return out ? out : g_strdup("");
}
