/* Keyphrases and the kicker form. */
#include "lede-private.h"
#include "testutil.h"

#include <locale.h>

static const char *const function_words[] = {"the", "a",   "an",   "of",   "on", "in", "to",
                                             "for", "and", "said", "with", "by", "at", NULL};

static gboolean ends_on_function_word(const char *k)
{
	const char *sp = strrchr(k, ' ');
	const char *last = sp ? sp + 1 : k;
	char *low = g_ascii_strdown(last, -1);
	g_strstrip(low);
	gboolean bad = g_strv_contains(function_words, low);
	g_free(low);
	return bad;
}

static void check_kicker_form(const char *k)
{
	g_assert_nonnull(k);
	g_assert_cmpuint(strlen(k), >, 0);
	g_assert_cmpuint(strlen(k), <=, 32);
	g_assert_true(g_utf8_validate(k, -1, NULL));
	char *up = g_utf8_strup(k, -1);
	g_assert_cmpstr(up, ==, k);
	g_free(up);
	char **w = g_strsplit(k, " ", -1);
	g_assert_cmpuint(g_strv_length(w), >=, 1);
	g_assert_cmpuint(g_strv_length(w), <=, 3);
	g_strfreev(w);
	g_assert_false(ends_on_function_word(k));
	/* Never a bare number. */
	gboolean digits = TRUE;
	for (const char *p = k; *p; p++)
		if (!g_ascii_isdigit(*p) && *p != ',' && *p != '.')
			digits = FALSE;
	g_assert_false(digits);
}

static void test_from_phrase(void)
{
	static const struct {
		const char *in, *want;
	} cases[] = {
	    {"oil spill", "OIL SPILL"},
	    {"'balance of power'", "'BALANCE OF POWER'"},
	    {"\xe2\x80\x98"
	     "balance of power"
	     "\xe2\x80\x99",
	     "\xe2\x80\x98"
	     "BALANCE OF POWER"
	     "\xe2\x80\x99"},
	    {"cross-strait collaboration", "CROSS-STRAIT COLLABORATION"},
	    {"state of the", "STATE"},                /* never ends on a function word */
	    {"storm damage in 1998", "STORM DAMAGE"}, /* three words at most, no bare number */
	    {"extraordinarily complicated internationalised negotiations",
	     "EXTRAORDINARILY COMPLICATED"},
	    {"  census   bureau ", "CENSUS BUREAU"},
	    {"Zürich öl", "ZÜRICH ÖL"},
	    {"'a very long quoted slogan'", "A VERY LONG"},
	    {"the of", NULL},
	    {"1990", NULL},
	    {"", NULL},
	};
	for (guint i = 0; i < G_N_ELEMENTS(cases); i++) {
		char *k = lede_kicker_from_phrase(cases[i].in);
		g_assert_cmpstr(k, ==, cases[i].want);
		if (k)
			check_kicker_form(k);
		g_free(k);
	}
	/* A single word over 32 bytes is cut at a character boundary. */
	char *k = lede_kicker_from_phrase("ääääääääääääääääääääääääääää");
	g_assert_cmpuint(strlen(k), <=, 32);
	g_assert_true(g_utf8_validate(k, -1, NULL));
	g_free(k);
	g_assert_null(lede_kicker_from_phrase(NULL));
}

static lede_model *model;
static lede_summarizer *sz;

/* The shared summarizer's analysis of text; *d is the document it reads. */
static LedeAnalysis *analyse_text(const char *text, lede_doc **d)
{
	GError *error = NULL;
	/* The kicker's rules are English: so are these texts, made-up words
	 * (many_phrases) included, which no identifier would call English. */
	*d = lede_doc_new_lang(text, strlen(text), "en", &error);
	g_assert_no_error(error);
	lede_options o;
	lede_options_init(&o, LEDE_OPTIONS_VERSION, NULL);
	return lede_analyse(sz, *d, &o);
}

/* The ranked keyphrases of text, and checks every kicker made from them. */
static GPtrArray *keyphrases(const char *text, guint n)
{
	lede_doc *d;
	LedeAnalysis *a = analyse_text(text, &d);
	GPtrArray *out = g_ptr_array_new_with_free_func(g_free);
	lede_keyphrases(a, n, out);
	g_assert_cmpuint(out->len, <=, n);
	for (guint i = 0; i < out->len; i++) {
		char *k = lede_kicker_from_phrase(g_ptr_array_index(out, i));
		if (k)
			check_kicker_form(k);
		g_free(k);
	}
	lede_analysis_free(a);
	lede_doc_free(d);
	return out;
}

static gboolean has(GPtrArray *p, const char *s)
{
	for (guint i = 0; i < p->len; i++)
		if (strcmp(g_ptr_array_index(p, i), s) == 0)
			return TRUE;
	return FALSE;
}

static const char *flood =
    "Heavy rain caused a flash flood in the valley on Monday, and the flash flood cut the "
    "main road to the coast.\n\n"
    "Residents said the flash flood was the worst in 40 years. Rescue teams pulled 12 "
    "people from cars. The flash flood also damaged the old mill.\n\n"
    "Forecasters said more rain would fall on Tuesday.\n";

static void test_ranked(void)
{
	GPtrArray *p = keyphrases(flood, 5);
	g_assert_cmpuint(p->len, >, 0);
	g_assert_cmpstr(g_ptr_array_index(p, 0), ==, "flash flood");
	char *k = lede_kicker_from_phrase(g_ptr_array_index(p, 0));
	g_assert_cmpstr(k, ==, "FLASH FLOOD");
	g_free(k);
	g_ptr_array_free(p, TRUE);

	/* Lower-cased input gives the same phrase. */
	char *low = g_ascii_strdown(flood, -1);
	p = keyphrases(low, 3);
	g_assert_cmpstr(g_ptr_array_index(p, 0), ==, "flash flood");
	g_ptr_array_free(p, TRUE);
	g_free(low);
}

static void test_quoted(void)
{
	const char *text =
	    "The defence minister said the deployment would keep the 'balance of power' in the "
	    "region. He said the 'balance of power' had shifted since spring, and that allies "
	    "shared the view.\n\nCritics said the 'balance of power' argument was old.\n";
	GPtrArray *p = keyphrases(text, 10);
	g_assert_true(has(p, "'balance of power'"));
	g_ptr_array_free(p, TRUE);
}

static void test_no_fragments(void)
{
	/* Reporting verbs, numbers and function words never make a phrase. */
	const char *text = "Police said on Friday that 300 people said on the radio they "
	                   "said on 3 occasions that 300 was too many.\n";
	GPtrArray *p = keyphrases(text, 20);
	for (guint i = 0; i < p->len; i++) {
		const char *k = g_ptr_array_index(p, i);
		char *low = g_ascii_strdown(k, -1);
		g_assert_null(strstr(low, "said"));
		g_free(low);
		g_assert_cmpstr(k, !=, "300");
		g_assert_cmpstr(k, !=, "3");
	}
	g_ptr_array_free(p, TRUE);
	p = keyphrases("the of and", 3);
	g_assert_cmpuint(p->len, ==, 0);
	g_ptr_array_free(p, TRUE);
}

static guint index_of(GPtrArray *p, const char *s)
{
	for (guint i = 0; i < p->len; i++)
		if (strcmp(g_ptr_array_index(p, i), s) == 0)
			return i;
	g_assert_not_reached();
}

static void test_ties(void)
{
	/* A quoted word or phrase scores exactly as the same words unquoted
	 * when both fill their run. Ties go to the candidate met first, as one
	 * pass over the tokens meets them: at each token the run that ends
	 * there, then the quoted phrase that starts there. */
	const char *text = "Officials debated \"tariffs\" on Monday.\n\n"
	                   "Lawmakers backed the \"tax cut\" plan.\n";
	GPtrArray *p = keyphrases(text, 20);
	/* The quote opens before the run "tax cut" ends... */
	g_assert_cmpuint(index_of(p, "\"tax cut\"") + 1, ==, index_of(p, "tax cut"));
	/* ...and the run "tariffs" ends where the quote opens. */
	g_assert_cmpuint(index_of(p, "tariffs") + 1, ==, index_of(p, "\"tariffs\""));
	g_ptr_array_free(p, TRUE);
}

static void assert_same_list(GPtrArray *x, GPtrArray *y)
{
	g_assert_cmpuint(x->len, ==, y->len);
	for (guint i = 0; i < x->len; i++)
		g_assert_cmpstr(g_ptr_array_index(x, i), ==, g_ptr_array_index(y, i));
}

static void test_warm_scratch(void)
{
	/* The summarizer's scratch remembers per word what it learnt from
	 * earlier documents; a fresh scratch must rank the same. */
	GError *error = NULL;
	lede_doc *d = lede_doc_new(flood, strlen(flood), &error);
	g_assert_no_error(error);
	lede_options o;
	lede_options_init(&o, LEDE_OPTIONS_VERSION, NULL);
	for (guint round = 0; round < 2; round++) {
		LedeAnalysis *a = lede_analyse(sz, d, &o);
		GPtrArray *warm = g_ptr_array_new_with_free_func(g_free);
		lede_keyphrases(a, 40, warm);
		LedeAnalysis cold = *a;
		cold.kicker = NULL;
		GPtrArray *fresh = g_ptr_array_new_with_free_func(g_free);
		lede_keyphrases(&cold, 40, fresh);
		g_assert_cmpuint(warm->len, >, 0);
		assert_same_list(warm, fresh);
		g_ptr_array_free(warm, TRUE);
		g_ptr_array_free(fresh, TRUE);
		lede_analysis_free(a);
	}
	lede_doc_free(d);
}

/* Keyphrases of text from a fresh scratch (the table starts small) rather
 * than the summarizer's. */
static GPtrArray *keyphrases_cold(const char *text, guint n)
{
	lede_doc *d;
	LedeAnalysis *a = analyse_text(text, &d);
	LedeAnalysis cold = *a;
	cold.kicker = NULL;
	GPtrArray *out = g_ptr_array_new_with_free_func(g_free);
	lede_keyphrases(&cold, n, out);
	lede_analysis_free(a);
	lede_doc_free(d);
	return out;
}

/* A document of many distinct phrases: sentences of eight made-up words,
 * one run of a thousand, and "flash flood" in the lead and throughout. */
static char *many_phrases(void)
{
	GString *g = g_string_new("Heavy rain caused a flash flood in the valley.\n\n");
	guint w = 0;
	for (guint s = 0; s < 400; s++) {
		for (guint i = 0; i < 8; i++, w++)
			g_string_append_printf(g, "%sk%c%c%c", i ? " " : "", 'a' + w / 676 % 26,
			                       'a' + w / 26 % 26, 'a' + w % 26);
		g_string_append(g, s % 50 ? ".\n" : ". The flash flood was worse.\n");
	}
	for (guint i = 0; i < 1000; i++, w++)
		g_string_append_printf(g, " z%c%c%c", 'a' + w / 676 % 26, 'a' + w / 26 % 26,
		                       'a' + w % 26);
	g_string_append(g, ".\n");
	return g_string_free(g, FALSE);
}

static void test_short_list(void)
{
	/* Up to 16 wanted, the ranking keeps a short list and scores only the
	 * candidates whose bound can reach it; it must agree with the full
	 * sort, ties included (the quoted and bare "tax cut" tie). */
	char *many = many_phrases();
	const char *texts[] = {
	    flood,
	    "Officials debated \"tariffs\" on Monday.\n\nLawmakers backed the \"tax cut\" "
	    "plan.\n",
	    "The 'balance of power' held. The balance of power shifted, and the 'balance of "
	    "power' argument was old.\n",
	    many,
	};
	for (guint t = 0; t < G_N_ELEMENTS(texts); t++) {
		GPtrArray *all = keyphrases(texts[t], 40);
		for (guint n = 1; n <= 16; n++) {
			GPtrArray *p = keyphrases(texts[t], n);
			g_assert_cmpuint(p->len, ==, MIN(n, all->len));
			for (guint i = 0; i < p->len; i++)
				g_assert_cmpstr(g_ptr_array_index(p, i), ==,
				                g_ptr_array_index(all, i));
			g_ptr_array_free(p, TRUE);
		}
		g_ptr_array_free(all, TRUE);
	}
	g_free(many);
}

static void test_table_growth(void)
{
	/* Thousands of candidates grow the table from its first size, a long
	 * run by a thousand words at once; the repeated phrase is still found
	 * and counted, the same from the summarizer's scratch or a fresh one. */
	char *many = many_phrases();
	for (guint n = 2; n <= 40; n += 38) {
		GPtrArray *warm = keyphrases(many, n);
		GPtrArray *cold = keyphrases_cold(many, n);
		g_assert_cmpstr(g_ptr_array_index(warm, 0), ==, "flash flood");
		assert_same_list(warm, cold);
		g_ptr_array_free(warm, TRUE);
		g_ptr_array_free(cold, TRUE);
	}
	/* The summarizer's table, grown by that document, shrinks back for the
	 * next one. */
	GPtrArray *warm = keyphrases(flood, 40);
	GPtrArray *cold = keyphrases_cold(flood, 40);
	assert_same_list(warm, cold);
	g_ptr_array_free(warm, TRUE);
	g_ptr_array_free(cold, TRUE);
	g_free(many);
}

/* Kickers are upper case whatever the locale: under a Turkish one,
 * g_utf8_strup made "terminal" "TERMİNAL" (with a dotted capital I). */
static void test_locale_free_upper(void)
{
	char *dir = tu_turkish_locale();
	if (!dir)
		return;
	char *old = g_strdup(setlocale(LC_CTYPE, NULL));
	g_setenv("LOCPATH", dir, TRUE);
	const char *set = setlocale(LC_CTYPE, "tr_TR.UTF-8");
	if (!set) {
		g_test_skip("setlocale(tr_TR.UTF-8) failed with the made locale");
	} else {
		static const struct {
			const char *in, *want;
		} cases[] = {
		    {"terminal", "TERMINAL"}, {"istanbul iskele", "ISTANBUL ISKELE"},
		    {"straße", "STRASSE"},    {"\xef\xac\x81nal", "FINAL"}, /* the ligature fi */
		    {"ıslak", "ISLAK"}, /* dotless i has the capital I */
		    {"zürich", "ZÜRICH"},
		};
		for (guint i = 0; i < G_N_ELEMENTS(cases); i++) {
			char *k = lede_kicker_from_phrase(cases[i].in);
			g_assert_cmpstr(k, ==, cases[i].want);
			g_free(k);
		}
	}
	setlocale(LC_CTYPE, old);
	g_unsetenv("LOCPATH");
	g_free(old);
	tu_rmtree(dir);
	g_free(dir);
}

/* What a kicker may never be: each text's best keyphrase was one of these
 * before the rules (a name and its verb, a verb-final fragment, a verb and
 * its object, an adverb at the end, wire markup, the source, a number, a
 * time); another label must take its place. */
static const struct {
	const char *text, *not, *why;
} never_kickers[] = {
    {"The arbitrator John Feerick will rule on the contracts next week. If Feerick fin"
     "ds for the players, the owners will owe them wages.\n\nIf Feerick finds for the "
     "owners, the players lose their pay. Lawyers said Feerick finds such cases hard, "
     "and Feerick finds time to hear both sides.\n",
     "FEERICK FINDS", "a name and its verb"},
    {"Witnesses in Dili said the march turned violent when Christians degenerated into"
     " a mob in the square on Sunday. Police in East Timor said Christians degenerated"
     " quickly after the speech.\n\nA priest, Father Carlos Belo, said Christians dege"
     "nerated because of rumours, and officials in Jakarta said Christians degenerated"
     " into fighting before troops came.\n",
     "CHRISTIANS DEGENERATED", "a verb-final fragment"},
    {"Beijing sent troops to quell dissent in the Tibetan capital Lhasa, Premier Li Pe"
     "ng said. Officials in Beijing vowed to quell dissent wherever it arose.\n\nChine"
     "se leaders said they would quell dissent by force, and the People's Liberation A"
     "rmy moved to quell dissent before the anniversary in March.\n",
     "QUELL DISSENT", "a verb and its object"},
    {"Russia asked NASA to put the station in an orbit closer to Mir. NASA said an orb"
     "it closer to Mir would cost fuel.\n\nEngineers said an orbit closer to the old s"
     "tation was unsafe, and an orbit closer to Mir was refused.\n",
     "ORBIT CLOSER", "a noun and an adverb"},
    {"ITALICS Exxon and Mobil are in talks about a merger. ITALICS The merger of Exxon"
     " and Mobil would create the largest oil company.\n\nITALICS Analysts said ITALIC"
     "S the talks were at an early stage. END ITALICS\n",
     "ITALICS", "markup of the wire copy"},
    {"National radio in Sweden said the ferry Estonia sank in the storm. National radi"
     "o reported that forty passengers were rescued from the Baltic Sea.\n\nNational r"
     "adio said rescuers from Finland searched the coast, and national radio said Capt"
     "ain Arvo Andresson survived.\n",
     "NATIONAL RADIO", "the source"},
    {"The yacht Sword of Orion was 100 kilometers off the coast of New South Wales whe"
     "n the gale struck. Rescuers from Sydney flew 100 kilometers to reach the crew.\n"
     "\nThe Hobart fleet was spread over 100 kilometers of sea, and the Winston Church"
     "ill sank 100 kilometers south of Eden.\n",
     "100 KILOMETERS", "a number"},
    {"The Boston Marathon starts at 7 a.m. on Patriots Day. Runners from Kenya gather "
     "at 7 a.m. in Hopkinton.\n\nOfficials in Boston said buses leave at 7 a.m., and t"
     "he gates close at 7 a.m. sharp.\n",
     "7 A.M.", "a time"},
};

/* What a kicker may be, among the cases the rules must leave alone. */
static const struct {
	const char *text, *want, *why;
} good_kickers[] = {
    {"Police in Omagh said the bombing killed 28 people on Saturday. The bombing was t"
     "he worst in Northern Ireland since the Troubles began, Prime Minister Tony Blair"
     " said.\n\nThe Real IRA said it carried out the bombing, and the Irish government"
     " in Dublin condemned the bombing.\n",
     "BOMBING", "a noun in -ing the article puts after \"the\""},
    {"The 1990 census missed millions of people in New York and Los Angeles, the Comme"
     "rce Department said. Mayors in Chicago and Detroit said the 1990 census cost the"
     "ir cities federal money.\n\nThe Census Bureau defended the 1990 census, but Cong"
     "ress asked for a recount.\n",
     "1990 CENSUS", "a year is no number"},
    {"The World Bank said the debts of developing countries rose sharply in 1998. Offi"
     "cials in Washington said many developing countries could not pay.\n\nThe plan wo"
     "uld cut the debts of developing countries in Africa and Latin America, the Bank "
     "said, and give developing countries new loans from Tokyo and Paris.\n",
     "DEVELOPING COUNTRIES", "a participle after \"of\""},
    {"Cambodian leader Hun Sen on Friday rejected opposition demands for talks in Phno"
     "m Penh. Hun Sen said the opposition leader Sam Rainsy must return to the country"
     " first.\n\nHun Sen has led Cambodia since 1985. Diplomats in Bangkok said Hun Se"
     "n wanted a coalition with the royalist party of Prince Norodom Ranariddh.\n",
     "HUN SEN", "a name"},
};

/* The kicker lede prints for text (NULL when there is none). */
static char *kicker_of(const char *text)
{
	GError *error = NULL;
	lede_doc *d = lede_doc_new(text, strlen(text), &error);
	g_assert_no_error(error);
	lede_options o;
	lede_options_init(&o, LEDE_OPTIONS_VERSION, NULL);
	lede_summary *r = lede_summarize(sz, d, &o, &error);
	g_assert_no_error(error);
	char *k = g_strdup(lede_summary_kicker(r));
	lede_summary_free(r);
	lede_doc_free(d);
	return k;
}

static void test_never(void)
{
	for (guint i = 0; i < G_N_ELEMENTS(never_kickers); i++) {
		char *k = kicker_of(never_kickers[i].text);
		g_test_message("%s: %s", never_kickers[i].why, k ? k : "(none)");
		g_assert_nonnull(k);
		g_assert_cmpstr(k, !=, never_kickers[i].not );
		check_kicker_form(k);
		g_free(k);
	}
}

static void test_may_be(void)
{
	for (guint i = 0; i < G_N_ELEMENTS(good_kickers); i++) {
		char *k = kicker_of(good_kickers[i].text);
		g_test_message("%s", good_kickers[i].why);
		g_assert_cmpstr(k, ==, good_kickers[i].want);
		g_free(k);
	}
}

/* The rules switched off one at a time (the ablation's switch) give back
 * the ranked best where that rule alone removed it. */
static void test_rules_off(void)
{
	lede_kicker_rules_off = ~0u;
	char *k = kicker_of(never_kickers[0].text);
	lede_kicker_rules_off = 0;
	g_assert_cmpstr(k, ==, never_kickers[0].not );
	g_free(k);
}

/* Copy as a Taipei Times page prints it, our own: a title line, "KICKER:
 * deck" (the deck without a final period), then the body; sep goes
 * between the parts. */
static char *editorial_copy(const char *sep)
{
	return g_strconcat(
	    "Harbor towns urge ferry rethink", sep,
	    "LOST AND FOUND: Island residents say the county must keep the night ferry running "
	    "until the new bridge opens",
	    sep,
	    "Residents of Green Island yesterday asked the Taitung County Government to keep the "
	    "night ferry to the mainland, which the county plans to stop in March.\n\n"
	    "The county said the ferry lost NT$30 million last year. Councilor Lin Mei-hua said "
	    "that islanders who work night shifts at the hospital in Taitung City would have no "
	    "way home.\n\n"
	    "The Ministry of Transportation and Communications said the bridge would open in "
	    "2027 at the earliest, and that it would review the county's plan next month.\n",
	    NULL);
}

static lede_summary *summarize_text(const char *text, lede_doc **d)
{
	GError *error = NULL;
	*d = lede_doc_new(text, strlen(text), &error);
	g_assert_no_error(error);
	lede_options o;
	lede_options_init(&o, LEDE_OPTIONS_VERSION, NULL);
	lede_summary *r = lede_summarize(sz, *d, &o, &error);
	g_assert_no_error(error);
	return r;
}

/* The label is the kicker, said to come from the article; it opens no
 * headline or summary line; the title line is the title; and in text the
 * deck, which has no final period, does not run into the next sentence. */
static void check_editorial(const char *text, const char *title)
{
	lede_doc *d;
	lede_summary *r = summarize_text(text, &d);
	g_assert_cmpstr(lede_summary_kicker(r), ==, "LOST AND FOUND");
	g_assert_null(strstr(lede_summary_headline(r), "LOST AND FOUND"));
	char *json = lede_summary_to_json(r, NULL, FALSE);
	g_assert_nonnull(
	    strstr(json, "\"kicker\":\"LOST AND FOUND\",\"kicker_source\":\"article\""));
	if (title) {
		char *want = g_strdup_printf("\"title\":\"%s\"", title);
		g_assert_nonnull(strstr(json, want));
		g_free(want);
	} else {
		g_assert_nonnull(strstr(json, "\"title\":null"));
	}
	/* Once, as the kicker: in no summary line. */
	g_assert_null(strstr(strstr(json, "\"summary\""), "LOST AND FOUND"));
	char *txt = lede_summary_to_text(r);
	g_assert_true(g_str_has_prefix(txt, "LOST AND FOUND: "));
	g_assert_null(strstr(txt + 1, "LOST AND FOUND"));
	g_assert_null(strstr(txt, "bridge opens Residents"));
	g_free(txt);
	g_free(json);
	lede_summary_free(r);
	lede_doc_free(d);
}

static void test_editorial_copy(void)
{
	/* Parts as paragraphs, as lines, and each part on its own line
	 * with the body's paragraphs. */
	char *t = editorial_copy("\n\n");
	check_editorial(t, "Harbor towns urge ferry rethink");
	g_free(t);
	t = editorial_copy("\n");
	check_editorial(t, "Harbor towns urge ferry rethink");
	g_free(t);
	/* Without the title line, there is none. */
	t = editorial_copy("\n\n");
	check_editorial(strchr(t, '\n') + 2, NULL);
	g_free(t);
}

/* A deck and its body on one line: with a period, the deck is its
 * sentence; without one, nothing tells where it ends, but the label is
 * still the kicker and printed once. */
static void test_editorial_one_line(void)
{
	const char *with_period =
	    "LOST AND FOUND: Island residents want the night ferry kept. Residents of Green "
	    "Island yesterday asked the Taitung County Government to keep the night ferry, which "
	    "the county plans to stop in March. The county said the ferry lost NT$30 million last "
	    "year, and Councilor Lin Mei-hua said islanders would have no way home.\n";
	lede_doc *d;
	LedeAnalysis *a = analyse_text(with_period, &d);
	LedeEditorial e;
	lede_find_editorial(a, &e);
	g_assert_cmpuint(e.label_start, ==, 0);
	g_assert_cmpuint(e.label_end, ==, strlen("LOST AND FOUND"));
	g_assert_cmpstr(with_period + e.deck_start, ==, strstr(with_period, "Island residents"));
	g_assert_cmpuint(e.deck_end, ==, strstr(with_period, " Residents of") - with_period);
	g_assert_cmpuint(e.title_end, ==, e.title_start);
	lede_analysis_free(a);
	lede_doc_free(d);

	char *t = editorial_copy("\n\n");
	char *deck = strstr(t, "LOST AND FOUND");
	char *nl = strstr(deck, "\n\n");
	memmove(nl, nl + 1, strlen(nl + 1) + 1);
	*nl = ' ';
	lede_summary *r = summarize_text(t, &d);
	g_assert_cmpstr(lede_summary_kicker(r), ==, "LOST AND FOUND");
	char *txt = lede_summary_to_text(r);
	g_assert_null(strstr(txt + 1, "LOST AND FOUND"));
	g_free(txt);
	lede_summary_free(r);
	lede_doc_free(d);
	g_free(t);
}

/* What opens a line as a label, and what does not. */
static void test_editorial_labels(void)
{
	static const struct {
		const char *line;
		const char *label; /* NULL: none */
	} cases[] = {
	    {"LIP SERVICE: Rights advocates want more", "LIP SERVICE"},
	    {"'BALANCE OF POWER': The minister said so", "'BALANCE OF POWER'"},
	    {"\xe2\x80\x98RECKLESS BEHAVIOR\xe2\x80\x99: Police said",
	     "\xe2\x80\x98RECKLESS BEHAVIOR\xe2\x80\x99"},
	    {"WHO PAYS?: The county and the city disagree", "WHO PAYS?"},
	    {"CROSS-STRAIT COLLABORATION: Firms sign deal", "CROSS-STRAIT COLLABORATION"},
	    {"LANDSLIDE: Lai wins by a wide margin", "LANDSLIDE"},
	    {"THE FIVE BIGGEST RISKS NOW: a list", NULL}, /* five words */
	    {"Mr Lin: we will appeal", NULL},             /* not in capitals */
	    {"AP: Story moved at 10 a.m.", NULL},         /* an agency */
	    {"WASHINGTON (AP) -- The Senate voted", NULL},
	    {"WHO? PAYS: no", NULL}, /* "?" only at the end */
	    {"LANDSLIDE:", NULL},    /* no deck */
	    {"LANDSLIDE:Lai wins", NULL},
	    {"HUALIEN: The council met", NULL}, /* a dateline: the body writes "Hualien" */
	    {"LANDSLIDE: Lai won in Hualien by a landslide", "LANDSLIDE"},
	};
	for (guint i = 0; i < G_N_ELEMENTS(cases); i++) {
		char *text =
		    g_strconcat(cases[i].line,
		                "\n\nThe council of Hualien County met on Monday in Hualien "
		                "City, and Mayor Wei Chia-hsien spoke to Taipei reporters.\n",
		                NULL);
		lede_doc *d;
		LedeAnalysis *a = analyse_text(text, &d);
		LedeEditorial e;
		lede_find_editorial(a, &e);
		if (cases[i].label) {
			g_assert_cmpuint(e.label_end, >, e.label_start);
			char *got = g_strndup(text + e.label_start, e.label_end - e.label_start);
			g_assert_cmpstr(got, ==, cases[i].label);
			g_free(got);
		} else {
			g_test_message("%s", cases[i].line);
			g_assert_cmpuint(e.label_end, ==, e.label_start);
		}
		lede_analysis_free(a);
		lede_doc_free(d);
		g_free(text);
	}
}

/* A kicker lede made says so. */
static void test_generated_source(void)
{
	lede_doc *d;
	lede_summary *r = summarize_text(flood, &d);
	char *json = lede_summary_to_json(r, NULL, FALSE);
	g_assert_nonnull(
	    strstr(json, "\"kicker\":\"FLASH FLOOD\",\"kicker_source\":\"generated\""));
	g_free(json);
	lede_summary_free(r);
	lede_doc_free(d);
}

/* The work a summary with kicker and headline does in the summarizer's
 * keyphrase scratch; the headline has room for the article's topics. */
static LedeKickerWork summary_work(const char *text, guint *n_tokens)
{
	lede_doc *d;
	LedeAnalysis *a = analyse_text(text, &d);
	LedeKickerScratch *k = a->kicker;
	*n_tokens = a->tokens->len;
	lede_analysis_free(a);
	LedeKickerWork before, after;
	lede_kicker_scratch_work(k, &before);
	lede_options o;
	lede_options_init(&o, LEDE_OPTIONS_VERSION, NULL);
	o.headline_max = 400;
	GError *error = NULL;
	lede_summary *r = lede_summarize(sz, d, &o, &error);
	g_assert_no_error(error);
	g_assert_nonnull(lede_summary_kicker(r));
	g_assert_nonnull(lede_summary_headline(r));
	lede_kicker_scratch_work(k, &after);
	lede_summary_free(r);
	lede_doc_free(d);
	return (LedeKickerWork){after.phrase_counts - before.phrase_counts,
	                        after.evidence_tokens - before.evidence_tokens};
}

/* The keyphrases, the kicker and the headline's topics come of one count of
 * the article's phrases (the headline once counted them again). */
static void test_one_count(void)
{
	guint nt;
	LedeKickerWork w = summary_work(flood, &nt);
	g_assert_cmpuint(w.phrase_counts, ==, 1);
}

/* The kicker's rules learn how the article uses the words of the few
 * candidates they judge, not every word of the article: in a long article
 * of distinct words, far fewer tokens than it has. */
static void test_evidence_few_words(void)
{
	char *many = many_phrases();
	guint nt;
	LedeKickerWork w = summary_work(many, &nt);
	g_assert_cmpuint(nt, >, 4000);
	g_assert_cmpuint(w.evidence_tokens, >, 0);
	g_assert_cmpuint(w.evidence_tokens, <, 200);
	g_free(many);
}

int main(int argc, char **argv)
{
	g_test_init(&argc, &argv, NULL);
	GError *error = NULL;
	model = lede_model_open_default(&error);
	g_assert_no_error(error);
	sz = lede_summarizer_new(model, NULL, &error);
	g_assert_no_error(error);
	g_test_add_func("/kicker/from-phrase", test_from_phrase);
	g_test_add_func("/kicker/ranked", test_ranked);
	g_test_add_func("/kicker/quoted", test_quoted);
	g_test_add_func("/kicker/no-fragments", test_no_fragments);
	g_test_add_func("/kicker/ties", test_ties);
	g_test_add_func("/kicker/warm-scratch", test_warm_scratch);
	g_test_add_func("/kicker/short-list", test_short_list);
	g_test_add_func("/kicker/table-growth", test_table_growth);
	g_test_add_func("/kicker/locale-free-upper", test_locale_free_upper);
	g_test_add_func("/kicker/never", test_never);
	g_test_add_func("/kicker/may-be", test_may_be);
	g_test_add_func("/kicker/rules-off", test_rules_off);
	g_test_add_func("/kicker/editorial-copy", test_editorial_copy);
	g_test_add_func("/kicker/editorial-one-line", test_editorial_one_line);
	g_test_add_func("/kicker/editorial-labels", test_editorial_labels);
	g_test_add_func("/kicker/generated-source", test_generated_source);
	g_test_add_func("/kicker/one-count", test_one_count);
	g_test_add_func("/kicker/evidence-few-words", test_evidence_few_words);
	int rc = g_test_run();
	lede_summarizer_free(sz);
	lede_model_free(model);
	return rc;
}
