/* The summarizer through the public API: length controls, selection,
 * features, output, odd input. */
#include <cjson/cJSON.h>
#include <math.h>

#include "score.h"
#include "testutil.h"

static lede_model *model;
static lede_summarizer *sz;

static const char article[] =
    "The city council approved a new budget for the harbor on Tuesday after a long debate. "
    "The plan sets aside money to rebuild the flooded ferry terminal on higher ground. "
    "He said the vote was close. "
    "Engineers warned that the old terminal would flood in most years by 2040 without changes. "
    "Shipping companies welcomed the decision but said the schedule for the harbor work was tight. "
    "The city council approved a new budget for the harbor on Tuesday after a long debate. "
    "Residents who attended the session were divided over the ticket surcharge.";

static lede_doc *doc_of(const char *text)
{
	GError *error = NULL;
	lede_doc *d = lede_doc_new(text, strlen(text), &error);
	g_assert_no_error(error);
	return d;
}

static lede_summary *summarize(lede_doc *d, lede_limit limit, unsigned value)
{
	lede_options o;
	lede_options_init(&o, LEDE_OPTIONS_VERSION, NULL);
	o.limit = limit;
	o.limit_value = value;
	GError *error = NULL;
	lede_summary *s = lede_summarize(sz, d, &o, &error);
	g_assert_no_error(error);
	g_assert_nonnull(s);
	return s;
}

/* lede_summary_to_json writes the compact JSON itself (output.c): byte for
 * byte what cJSON_PrintUnformatted writes for the same tree, which the
 * pretty form (still cJSON's) gives back: quotes, backslashes, the short
 * escapes, other control bytes, DEL and UTF-8 in every string, with
 * --explain's numbers and an id. */
static void test_json_as_cjson(void)
{
	lede_options o;
	lede_options_init(&o, LEDE_OPTIONS_VERSION, NULL);
	o.explain = TRUE;
	o.n_keyphrases = 5;
	lede_doc *d = doc_of("\"Ferry\" plan \\ approved: the Keelung council voted\x01 on the "
	                     "\x7f harbor budget \x1f today.\tThe caf\xC3\xA9 owners said the "
	                     "\"new\" pier \\ will open\x0b in May. Officials said the "
	                     "ferry\x08 service\x0c would resume\r soon.\n\nThe mayor "
	                     "welcomed the vote on the harbor budget and the pier.");
	GError *error = NULL;
	lede_summary *r = lede_summarize(sz, d, &o, &error);
	g_assert_no_error(error);
	const char *ids[] = {NULL, "\"a\\u00e9\"", "12345678901234567890"};
	for (guint i = 0; i < G_N_ELEMENTS(ids); i++) {
		char *compact = lede_summary_to_json(r, ids[i], FALSE);
		char *pretty = lede_summary_to_json(r, ids[i], TRUE);
		cJSON *back = cJSON_Parse(pretty);
		g_assert_nonnull(back);
		cJSON *id = cJSON_GetObjectItemCaseSensitive(back, "id");
		if (id) /* cJSON would print the 20-digit id as a double */
			cJSON_ReplaceItemInObjectCaseSensitive(back, "id", cJSON_CreateRaw(ids[i]));
		char *theirs = cJSON_PrintUnformatted(back);
		g_assert_cmpstr(compact, ==, theirs);
		g_assert_nonnull(strstr(compact, "\\u0001"));
		cJSON_free(theirs);
		cJSON_Delete(back);
		g_free(pretty);
		g_free(compact);
	}
	lede_summary_free(r);
	lede_doc_free(d);
}

static void test_defaults(void)
{
	lede_options o;
	/* An unknown version is refused and the struct left alone. */
	GError *err = NULL;
	memset(&o, 0x5A, sizeof o);
	g_assert_false(lede_options_init(&o, LEDE_OPTIONS_VERSION + 1, &err));
	g_assert_error(err, LEDE_ERROR, LEDE_ERROR_INVALID);
	g_clear_error(&err);
	g_assert_cmpuint(o.version, ==, 0x5A5A5A5Au);
	g_assert_true(lede_options_init(&o, LEDE_OPTIONS_VERSION, &err));
	g_assert_no_error(err);
	g_assert_cmpuint(o.version, ==, LEDE_OPTIONS_VERSION);
	g_assert_cmpint(o.limit, ==, LEDE_LIMIT_SENTENCES);
	g_assert_cmpuint(o.limit_value, ==, 3);
	g_assert_cmpuint(o.headline_max, ==, 75);
	g_assert_true(o.want_kicker && o.want_headline);
}

static void test_sentence_limit(void)
{
	lede_doc *d = doc_of(article);
	g_assert_cmpuint(lede_doc_n_sentences(d), ==, 7);
	for (unsigned n = 1; n <= 8; n++) {
		lede_summary *s = summarize(d, LEDE_LIMIT_SENTENCES, n);
		gsize k = lede_summary_n_sentences(s);
		/* sentence 5 repeats sentence 0, sentence 2 is too short to stand alone */
		g_assert_cmpuint(k, <=, MIN(n, 6u));
		g_assert_cmpuint(k, >=, MIN(n, 5u));
		for (gsize i = 1; i < k; i++)
			g_assert_cmpuint(lede_summary_sentence_index(s, i - 1), <,
			                 lede_summary_sentence_index(s, i));
		lede_summary_free(s);
	}
	lede_doc_free(d);
}

static void test_no_repeats(void)
{
	lede_doc *d = doc_of(article);
	lede_summary *s = summarize(d, LEDE_LIMIT_SENTENCES, 7);
	gboolean has0 = FALSE, has5 = FALSE;
	for (gsize i = 0; i < lede_summary_n_sentences(s); i++) {
		has0 |= lede_summary_sentence_index(s, i) == 0;
		has5 |= lede_summary_sentence_index(s, i) == 5;
	}
	g_assert_false(has0 && has5);
	lede_summary_free(s);
	lede_doc_free(d);
}

static gsize summary_words(lede_doc *d, lede_summary *s, gsize *chars)
{
	const char *text = lede_doc_text(d, NULL);
	gsize words = 0;
	*chars = 0;
	for (gsize i = 0; i < lede_summary_n_sentences(s); i++) {
		gsize a, b;
		lede_doc_sentence(d, lede_summary_sentence_index(s, i), &a, &b);
		char *t = g_strndup(text + a, b - a);
		char **w = g_strsplit_set(t, " \n\t", -1);
		for (char **p = w; *p; p++)
			words += **p != '\0';
		*chars += (gsize)g_utf8_strlen(t, -1);
		g_strfreev(w);
		g_free(t);
	}
	return words;
}

static void test_word_and_char_limits(void)
{
	lede_doc *d = doc_of(article);
	for (unsigned n = 5; n <= 60; n += 5) {
		gsize chars;
		lede_summary *s = summarize(d, LEDE_LIMIT_WORDS, n);
		g_assert_cmpuint(summary_words(d, s, &chars), <=, n);
		lede_summary_free(s);
		s = summarize(d, LEDE_LIMIT_CHARS, n * 6);
		summary_words(d, s, &chars);
		g_assert_cmpuint(chars, <=, n * 6);
		lede_summary_free(s);
	}
	/* A budget below every sentence selects nothing rather than cutting one. */
	lede_summary *s = summarize(d, LEDE_LIMIT_WORDS, 2);
	g_assert_cmpuint(lede_summary_n_sentences(s), ==, 0);
	lede_summary_free(s);
	lede_doc_free(d);
}

static void test_ratio(void)
{
	lede_doc *d = doc_of(article);
	gsize total = lede_doc_n_words(d), chars;
	lede_summary *s = summarize(d, LEDE_LIMIT_RATIO, 30);
	gsize w = summary_words(d, s, &chars);
	g_assert_cmpuint(w, <=, total * 30 / 100);
	g_assert_cmpuint(w, >, 0);
	lede_summary_free(s);
	/* 1% of a short article is less than any sentence: still one sentence. */
	s = summarize(d, LEDE_LIMIT_RATIO, 1);
	g_assert_cmpuint(lede_summary_n_sentences(s), ==, 1);
	lede_summary_free(s);
	lede_doc_free(d);
}

static void test_empty_inputs(void)
{
	const char *cases[] = {"", "   ", "\n\n\r\n\t \n"};
	for (guint i = 0; i < G_N_ELEMENTS(cases); i++) {
		lede_doc *d = doc_of(cases[i]);
		g_assert_cmpuint(lede_doc_n_sentences(d), ==, 0);
		lede_summary *s = summarize(d, LEDE_LIMIT_SENTENCES, 3);
		g_assert_cmpuint(lede_summary_n_sentences(s), ==, 0);
		g_assert_null(lede_summary_headline(s));
		g_assert_null(lede_summary_kicker(s));
		char *t = lede_summary_to_text(s);
		g_assert_cmpstr(t, ==, "");
		g_free(t);
		lede_summary_free(s);
		lede_doc_free(d);
	}
}

static void test_bad_bytes(void)
{
	GError *error = NULL;
	lede_doc *d = lede_doc_new("abc\0def", 7, &error);
	g_assert_null(d);
	g_assert_error(error, LEDE_ERROR, LEDE_ERROR_BINARY);
	g_clear_error(&error);

	d = lede_doc_new("caf\xe9 is open. It serves tea.", 28, &error);
	g_assert_no_error(error);
	g_assert_true(lede_doc_was_repaired(d));
	gsize len;
	const char *t = lede_doc_text(d, &len);
	g_assert_true(g_utf8_validate(t, (gssize)len, NULL));
	g_assert_nonnull(strstr(t, "\xEF\xBF\xBD"));
	lede_doc_free(d);

	/* The BOM is not part of the text: offsets start after it. */
	d = doc_of("\xEF\xBB\xBFOne sentence here. Another one there.");
	gsize a, b;
	lede_doc_sentence(d, 0, &a, &b);
	g_assert_cmpuint(a, ==, 0);
	g_assert_cmpint(lede_doc_text(d, NULL)[0], ==, 'O');
	lede_doc_free(d);
}

static void test_features(void)
{
	lede_options o;
	lede_options_init(&o, LEDE_OPTIONS_VERSION, NULL);
	o.explain = TRUE; /* features with zero weight are computed for --explain only */
	lede_doc *d =
	    doc_of("By Daily Mail Reporter. Published: 10:31 EST, 4 May 2014.\n\n"
	           "The mayor opened the new bridge across the river on Monday morning.\n\n"
	           "He said it would cut travel times for thousands of commuters.\n\n"
	           "\"It is a great day for everyone here.\"\n\n"
	           "The mayor opened the new bridge across the river on Monday morning.");
	LedeAnalysis *a = lede_analyse(sz, d, &o);
	g_assert_cmpuint(a->sentences->len, >=, 5);
	guint n = a->sentences->len;
	const LedeSentence *s = (const LedeSentence *)(void *)a->sentences->data;
	g_assert_cmpfloat(s[0].feat[LEDE_F_BYLINE] + s[1].feat[LEDE_F_BYLINE], >, 0.0);
	g_assert_cmpfloat(s[n - 3].feat[LEDE_F_DANGLING], ==, 1.0);
	g_assert_cmpfloat(s[n - 2].feat[LEDE_F_QUOTE], ==, 1.0);
	g_assert_cmpfloat(s[n - 1].feat[LEDE_F_DUPLICATE], ==, 1.0);
	g_assert_cmpfloat(s[n - 4].feat[LEDE_F_DUPLICATE], ==, 0.0);
	for (guint i = 1; i < n; i++)
		g_assert_cmpfloat(s[i].feat[LEDE_F_POSITION], <, s[i - 1].feat[LEDE_F_POSITION]);
	for (guint i = 0; i < n; i++) {
		g_assert_cmpfloat(s[i].feat[LEDE_F_TFIDF], >=, 0.0);
		g_assert_cmpfloat(s[i].feat[LEDE_F_TFIDF], <=, 1.0);
		g_assert_cmpfloat(s[i].feat[LEDE_F_CENTRALITY], <=, 1.0 + 1e-9);
	}
	lede_analysis_free(a);
	lede_doc_free(d);
}

/* Page furniture is looked for, without case, in a sentence's first 255
 * bytes: a pattern that ends there counts, one a byte later does not, and
 * a near miss never does. */
static void test_furniture_window(void)
{
	lede_options o;
	lede_options_init(&o, LEDE_OPTIONS_VERSION, NULL);
	o.explain = TRUE;
	char fill[249]; /* 248 bytes of words, then the pattern */
	for (gsize i = 0; i < sizeof fill - 1; i++)
		fill[i] = "word "[i % 5];
	fill[sizeof fill - 1] = '\0';
	char *at_edge = g_strdup_printf("%sSign up now and then more words.", fill);
	char *past_edge = g_strdup_printf("%s Sign up now and then more words.", fill);
	const struct {
		const char *text;
		gboolean furniture;
	} cases[] = {
	    {at_edge, TRUE},    /* "sign up" at bytes 248-254 */
	    {past_edge, FALSE}, /* at 249-255 */
	    {"COPYRIGHT of the city council was found in the old archive.", TRUE},
	    {"The copyrigh t office and the follow-up team met in town today.", FALSE},
	    {"The storm hit at 9pm gmt, as the crews waited near the coast.", TRUE},
	    {"Readers were asked to scroll dow n the page for the whole list.", FALSE},
	};
	GString *doc = g_string_new(NULL);
	for (guint i = 0; i < G_N_ELEMENTS(cases); i++)
		g_string_append_printf(doc, "%s%s", i ? "\n\n" : "", cases[i].text);
	lede_doc *d = doc_of(doc->str);
	LedeAnalysis *a = lede_analyse(sz, d, &o);
	g_assert_cmpuint(a->sentences->len, ==, G_N_ELEMENTS(cases));
	const LedeSentence *s = (const LedeSentence *)(void *)a->sentences->data;
	for (guint i = 0; i < G_N_ELEMENTS(cases); i++)
		g_assert_cmpfloat(s[i].feat[LEDE_F_BYLINE], ==, cases[i].furniture ? 1.0 : 0.0);
	lede_analysis_free(a);
	lede_doc_free(d);
	g_string_free(doc, TRUE);
	g_free(at_edge);
	g_free(past_edge);
}

/* A hard-wrapped sentence comes out on one line: each line break, with the
 * blanks around it, becomes one space; other text is copied as it is. */
static void test_folded_sentences(void)
{
	lede_options o;
	lede_options_init(&o, LEDE_OPTIONS_VERSION, NULL);
	o.limit_value = 1;
	o.n_keyphrases = 0;
	lede_doc *d =
	    doc_of("The city council approved the harbor\t \r\n   budget on Tuesday after a\n"
	           "long  debate about  the ferry terminal.");
	lede_summary *r = lede_summarize(sz, d, &o, NULL);
	g_assert_nonnull(r);
	char *text = lede_summary_to_text(r);
	g_assert_nonnull(strstr(text, "The city council approved the harbor budget on Tuesday "
	                              "after a long  debate about  the ferry terminal.\n"));
	char *json = lede_summary_to_json(r, NULL, FALSE);
	g_assert_nonnull(strstr(json,
	                        "\"summary\":[\"The city council approved the harbor budget "
	                        "on Tuesday after a long  debate about  the ferry terminal.\"]"));
	g_free(json);
	g_free(text);
	lede_summary_free(r);
	lede_doc_free(d);
}

/* The share of the smaller sentence's distinct content stems that the
 * other has, whatever their order, asked in any order and again. */
static void test_stem_overlap(void)
{
	lede_options o;
	lede_options_init(&o, LEDE_OPTIONS_VERSION, NULL);
	lede_doc *d = doc_of("Storms flooded coastal towns overnight.\n\n"
	                     "Overnight, towns on the coast were flooded by storms and rivers.\n\n"
	                     "Farmers counted their losses in the valley.\n\n"
	                     "The storm flooded farms.");
	LedeAnalysis *a = lede_analyse(sz, d, &o);
	g_assert_cmpuint(a->sentences->len, ==, 4);
	for (guint round = 0; round < 2; round++) {
		/* storm, flood, town, overnight of the first's five ("coastal"
		 * is not "coast") */
		g_assert_cmpfloat(fabs(lede_stem_overlap(sz, 0, 1) - 0.8), <, 1e-12);
		g_assert_cmpfloat(lede_stem_overlap(sz, 1, 0), ==, lede_stem_overlap(sz, 0, 1));
		g_assert_cmpfloat(lede_stem_overlap(sz, 0, 2), ==, 0.0);
		g_assert_cmpfloat(lede_stem_overlap(sz, 2, 1), ==, 0.0);
		/* storm and flood of farms' three stems */
		g_assert_cmpfloat(fabs(lede_stem_overlap(sz, 3, 0) - 2.0 / 3.0), <, 1e-12);
		g_assert_cmpfloat(lede_stem_overlap(sz, 2, 2), ==, 1.0);
	}
	lede_analysis_free(a);
	lede_doc_free(d);
}

static void test_json_and_determinism(void)
{
	lede_doc *d = doc_of(article);
	lede_options o;
	lede_options_init(&o, LEDE_OPTIONS_VERSION, NULL);
	o.explain = TRUE;
	o.n_keyphrases = 3;
	lede_summary *s1 = lede_summarize(sz, d, &o, NULL);
	lede_summary *s2 = lede_summarize(sz, d, &o, NULL);
	char *j1 = lede_summary_to_json(s1, "\"x\"", FALSE);
	char *j2 = lede_summary_to_json(s2, "\"x\"", FALSE);
	g_assert_cmpstr(j1, ==, j2);
	cJSON *root = cJSON_Parse(j1);
	g_assert_nonnull(root);
	g_assert_cmpstr(cJSON_GetObjectItem(root, "id")->valuestring, ==, "x");
	cJSON *summary = cJSON_GetObjectItem(root, "summary");
	cJSON *sentences = cJSON_GetObjectItem(root, "sentences");
	g_assert_true(cJSON_IsArray(summary) && cJSON_IsArray(sentences));
	g_assert_cmpint(cJSON_GetArraySize(summary), ==, cJSON_GetArraySize(sentences));
	g_assert_cmpint(cJSON_GetArraySize(summary), ==, (int)lede_summary_n_sentences(s1));
	/* start/end point at the sentence the summary quotes */
	cJSON *first = cJSON_GetArrayItem(sentences, 0);
	int st = cJSON_GetObjectItem(first, "start")->valueint,
	    en = cJSON_GetObjectItem(first, "end")->valueint;
	g_assert_cmpint(
	    strncmp(article + st, cJSON_GetArrayItem(summary, 0)->valuestring, (size_t)(en - st)),
	    ==, 0);
	cJSON *explain = cJSON_GetObjectItem(root, "explain");
	g_assert_cmpint(cJSON_GetArraySize(explain), ==, (int)lede_doc_n_sentences(d));
	g_assert_nonnull(cJSON_GetObjectItem(
	    cJSON_GetObjectItem(cJSON_GetArrayItem(explain, 0), "features"), "position"));
	cJSON *stats = cJSON_GetObjectItem(root, "stats");
	g_assert_cmpint(cJSON_GetObjectItem(stats, "sentences")->valueint, ==, 7);
	cJSON_Delete(root);
	g_free(j1);
	g_free(j2);
	lede_summary_free(s1);
	lede_summary_free(s2);
	lede_doc_free(d);
}

/* The JSON is what cJSON prints for it, compact or indented, whether it
 * fits the room lede_summary_to_json prints into first or, its strings full
 * of control characters (six bytes each escaped), is printed again. */
static void test_json_as_cjson_prints(void)
{
	GString *ctl = g_string_new("The council met on Monday ");
	for (guint i = 0; i < 2000; i++)
		g_string_append_c(ctl, (char)(1 + i % 8));
	g_string_append(ctl, " to vote on the new budget plan for the city. It passed.");
	const char *texts[] = {article, ctl->str};
	for (guint t = 0; t < G_N_ELEMENTS(texts); t++) {
		lede_doc *d = doc_of(texts[t]);
		lede_options o;
		lede_options_init(&o, LEDE_OPTIONS_VERSION, NULL);
		o.explain = TRUE;
		o.n_keyphrases = 3;
		lede_summary *s = lede_summarize(sz, d, &o, NULL);
		g_assert_nonnull(s);
		for (int pretty = 0; pretty < 2; pretty++) {
			char *json = lede_summary_to_json(s, "\"x\"", pretty);
			cJSON *root = cJSON_Parse(json);
			g_assert_nonnull(root);
			char *again = pretty ? cJSON_Print(root) : cJSON_PrintUnformatted(root);
			g_assert_cmpstr(json, ==, again);
			if (t == 1) {
				const char *first =
				    cJSON_GetArrayItem(cJSON_GetObjectItem(root, "summary"), 0)
				        ->valuestring;
				g_assert_nonnull(strstr(first, "\001\002\003\004\005\006\007\010"));
			}
			cJSON_free(again);
			cJSON_Delete(root);
			g_free(json);
		}
		lede_summary_free(s);
		lede_doc_free(d);
	}
	g_string_free(ctl, TRUE);
}

static void test_options_version(void)
{
	lede_doc *d = doc_of(article);
	lede_options o;
	lede_options_init(&o, LEDE_OPTIONS_VERSION, NULL);
	o.version = 99;
	GError *error = NULL;
	g_assert_null(lede_summarize(sz, d, &o, &error));
	g_assert_error(error, LEDE_ERROR, LEDE_ERROR_INVALID);
	g_clear_error(&error);
	lede_doc_free(d);
}

static void test_bad_weights(void)
{
	char *dir = tu_tmpdir();
	char *path = g_build_filename(dir, "w.json", NULL);
	tu_write(path, "[1, 2", -1);
	GError *error = NULL;
	g_assert_null(lede_summarizer_new(model, path, &error));
	g_assert_error(error, LEDE_ERROR, LEDE_ERROR_INVALID);
	g_clear_error(&error);
	g_assert_null(lede_summarizer_new(model, "/nonexistent/w.json", &error));
	g_assert_error(error, LEDE_ERROR, LEDE_ERROR_IO);
	g_clear_error(&error);
	tu_rmtree(dir);
	g_free(path);
	g_free(dir);
}

/* Every number of a weights file is checked, and the message names the
 * key: a negative min_words was cast to guint (undefined behaviour; the
 * summary came out empty), 1e999 became an infinite score. */
static void test_weights_numbers(void)
{
	static const struct {
		const char *json, *key;
	} bad[] = {
	    {"{\"min_words\": -1}", "\"min_words\""},
	    {"{\"min_words\": 1e300}", "\"min_words\""},
	    {"{\"min_words\": 2.5}", "\"min_words\""},
	    {"{\"min_words\": \"3\"}", "\"min_words\""},
	    {"{\"weights\": {\"position\": 1e999}}", "\"weights.position\""},
	    {"{\"weights\": {\"tfidf\": -1e300}}", "\"weights.tfidf\""},
	    {"{\"weights\": {\"quote\": null}}", "\"weights.quote\""},
	    {"{\"weights\": [1, 2]}", "\"weights\""},
	    {"{\"redundancy\": -0.5}", "\"redundancy\""},
	    {"{\"position_decay\": 0}", "\"position_decay\""},
	    {"{\"length_cap\": -40}", "\"length_cap\""},
	    {"{\"length_cap\": 1e999}", "\"length_cap\""},
	};
	char *dir = tu_tmpdir();
	char *path = g_build_filename(dir, "w.json", NULL);
	for (guint i = 0; i < G_N_ELEMENTS(bad); i++) {
		tu_write(path, bad[i].json, -1);
		GError *error = NULL;
		lede_summarizer *s = lede_summarizer_new(model, path, &error);
		if (s)
			g_error("accepted %s", bad[i].json);
		g_assert_error(error, LEDE_ERROR, LEDE_ERROR_INVALID);
		g_assert_true(g_str_has_prefix(error->message, bad[i].key));
		g_clear_error(&error);
	}
	/* the bounds themselves are fine */
	tu_write(path,
	         "{\"weights\": {\"position\": 1000000, \"tfidf\": -1000000}, \"redundancy\": 1, "
	         "\"position_decay\": 0.5, \"length_cap\": 1, \"min_words\": 1000}",
	         -1);
	GError *error = NULL;
	lede_summarizer *s = lede_summarizer_new(model, path, &error);
	g_assert_no_error(error);
	g_assert_cmpuint(s->weights.min_words, ==, 1000);
	lede_summarizer_free(s);
	tu_rmtree(dir);
	g_free(path);
	g_free(dir);
}

/* Sentences of equal score are offered earliest first: with every weight 0
 * all score alike, and a summary is the first sentences that fit, in the
 * order the budget meets them. */
static void test_select_ties(void)
{
	char *dir = tu_tmpdir();
	char *path = g_build_filename(dir, "w.json", NULL);
	tu_write(
	    path,
	    "{\"weights\": {\"position\": 0, \"tfidf\": 0, \"length\": 0, \"dangling\": 0, "
	    "\"quote\": 0, \"short\": 0, \"duplicate\": 0, \"byline\": 0, \"centrality\": 0, "
	    "\"first_para\": 0}, \"redundancy\": 1, \"position_decay\": 1, \"length_cap\": 40, "
	    "\"min_words\": 3}",
	    -1);
	GError *error = NULL;
	lede_summarizer *flat = lede_summarizer_new(model, path, &error);
	g_assert_no_error(error);
	const char *text =
	    "The ferry council met on Monday to hear the long budget report in full. "
	    "Rain closed the harbor road. "
	    "A school opened near the new station. "
	    "The museum will reopen in spring. "
	    "Farmers asked for a second bridge. "
	    "Police closed the tunnel overnight.";
	lede_doc *d = doc_of(text);
	lede_options o;
	lede_options_init(&o, LEDE_OPTIONS_VERSION, NULL);
	const struct {
		lede_limit limit;
		unsigned value;
		gsize want[4];
		gsize n;
	} cases[] = {
	    {LEDE_LIMIT_SENTENCES, 3, {0, 1, 2}, 3},
	    {LEDE_LIMIT_SENTENCES, 1, {0}, 1},
	    /* 15 words: the first sentence (14) and nothing after it fits */
	    {LEDE_LIMIT_WORDS, 15, {0}, 1},
	    /* 12 words: the first (14) does not fit, the next two (5 + 7) do */
	    {LEDE_LIMIT_WORDS, 12, {1, 2}, 2},
	};
	for (guint c = 0; c < G_N_ELEMENTS(cases); c++) {
		o.limit = cases[c].limit;
		o.limit_value = cases[c].value;
		lede_summary *s = lede_summarize(flat, d, &o, &error);
		g_assert_no_error(error);
		g_assert_cmpuint(lede_summary_n_sentences(s), ==, cases[c].n);
		for (gsize i = 0; i < cases[c].n; i++) {
			g_assert_cmpuint(lede_summary_sentence_index(s, i), ==, cases[c].want[i]);
			g_assert_cmpfloat(lede_summary_sentence_score(s, i), ==, 0.0);
		}
		lede_summary_free(s);
	}
	lede_doc_free(d);
	lede_summarizer_free(flat);
	tu_rmtree(dir);
	g_free(path);
	g_free(dir);
}

/* Documents with sentences but no word tokens (punctuation, dashes): every
 * pass over a sentence's tokens meets an empty token array, whose data is
 * NULL. They summarize like any other, with no kicker (clang's UBSan once
 * caught NULL + 0 here, in four places, through the fuzz target). */
static void test_no_word_tokens(void)
{
	const char *texts[] = {"...", "!!! ??? ...", "\xe2\x80\x94 \xe2\x80\x94\n\n***",
	                       "( ) [ ] ."};
	lede_options o;
	lede_options_init(&o, LEDE_OPTIONS_VERSION, NULL);
	o.explain = TRUE;
	o.n_keyphrases = 3;
	for (guint i = 0; i < G_N_ELEMENTS(texts); i++) {
		lede_doc *d = doc_of(texts[i]);
		LedeAnalysis *a = lede_analyse(sz, d, &o);
		g_assert_cmpuint(a->tokens->len, ==, 0);
		g_assert_null(lede_token_at(a, 0));
		lede_analysis_free(a);
		GError *error = NULL;
		lede_summary *s = lede_summarize(sz, d, &o, &error);
		g_assert_no_error(error);
		g_assert_null(lede_summary_kicker(s));
		g_assert_cmpuint(lede_summary_n_keyphrases(s), ==, 0);
		g_assert_cmpuint(lede_summary_n_sentences(s), >=, 1);
		for (gsize k = 0; k < lede_summary_n_sentences(s); k++)
			g_assert_cmpuint(lede_summary_sentence_index(s, k), <,
			                 lede_doc_n_sentences(d));
		char *json = lede_summary_to_json(s, NULL, FALSE);
		g_assert_nonnull(strstr(json, "\"kicker\":null"));
		g_free(json);
		lede_summary_free(s);
		lede_doc_free(d);
	}
}

static void test_long_input_linear(void)
{
	/* Many short sentences: the near-duplicate window and selection must
	 * keep this linear (a quadratic step would take minutes). */
	static const char *const words[] = {
	    "river",  "harbor",   "council",  "budget",   "ferry",   "storm",   "bridge",
	    "school", "market",   "train",    "doctor",   "court",   "farm",    "museum",
	    "police", "factory",  "airport",  "garden",   "library", "station", "village",
	    "tunnel", "election", "festival", "hospital", "stadium",
	};
	GString *g = g_string_new(NULL);
	guint32 x = 12345;
	for (guint i = 0; i < 60000; i++) {
		const char *w[4];
		for (guint k = 0; k < 4; k++) {
			x = x * 1103515245u + 12345u;
			w[k] = words[(x >> 16) % G_N_ELEMENTS(words)];
		}
		g_string_append_printf(g, "The %s near the %s saw the %s and the %s. ", w[0], w[1],
		                       w[2], w[3]);
	}
	lede_doc *d = doc_of(g->str);
	lede_summary *s = summarize(d, LEDE_LIMIT_SENTENCES, 3);
	g_assert_cmpuint(lede_summary_n_sentences(s), ==, 3);
	lede_summary_free(s);
	lede_doc_free(d);
	g_string_free(g, TRUE);
}

/* A long summary of many sentences that hardly repeat one another: each
 * sentence offered was compared with every chosen one, and --ratio 50 of
 * 150,000 sentences took a minute (ten times that under ASan). The first chosen sentences (while
 * their redundancy counts are exact) never repeat one another. */
static void test_long_summary_linear(void)
{
	static const char *const syl[] = {"ka", "lo",  "mi",  "ren", "tus", "vo",
	                                  "xi", "par", "den", "sol", "bri", "gan"};
	GString *g = g_string_new(NULL);
	guint32 x = 2024;
	for (guint i = 0; i < 150000; i++) {
		g_string_append(g, "The");
		for (guint k = 0; k < 8; k++) {
			g_string_append_c(g, ' ');
			for (guint q = 0; q < 4; q++) {
				x = x * 1103515245u + 12345u;
				g_string_append(g, syl[(x >> 16) % G_N_ELEMENTS(syl)]);
			}
		}
		g_string_append(g, ". ");
	}
	lede_doc *d = doc_of(g->str);
	lede_summary *s = summarize(d, LEDE_LIMIT_RATIO, 50);
	gsize n = lede_summary_n_sentences(s);
	g_assert_cmpuint(n, >, 50000);
	for (gsize i = 0; i < 64; i++)
		for (gsize j = 0; j < i; j++)
			g_assert_cmpfloat(
			    lede_stem_overlap(sz, (guint)lede_summary_sentence_index(s, i),
			                      (guint)lede_summary_sentence_index(s, j)),
			    <=, sz->weights.redundancy);
	lede_summary_free(s);
	lede_doc_free(d);
	g_string_free(g, TRUE);
}

/* Redundancy as a comparison with every chosen sentence decides it: on
 * short documents, whatever the limit, the choice is the same. */
static void test_redundancy_exact(void)
{
	static const char *const words[] = {"harbor", "ferry",  "council", "vote",  "storm",
	                                    "bridge", "budget", "tunnel",  "river", "market"};
	GRand *rnd = g_rand_new_with_seed(5);
	GString *g = g_string_new(NULL);
	for (guint it = 0; it < 300; it++) {
		g_string_truncate(g, 0);
		guint ns = (guint)g_rand_int_range(rnd, 2, 30);
		for (guint i = 0; i < ns; i++) {
			g_string_append(g, "The");
			guint nw = (guint)g_rand_int_range(rnd, 3, 9);
			for (guint k = 0; k < nw; k++)
				g_string_append_printf(
				    g, " %s", words[g_rand_int_range(rnd, 0, G_N_ELEMENTS(words))]);
			g_string_append(g, " rose sharply today. ");
		}
		lede_doc *d = doc_of(g->str);
		lede_summary *s =
		    summarize(d, LEDE_LIMIT_RATIO, (unsigned)g_rand_int_range(rnd, 10, 100));
		/* what the chosen sentences were compared with, one by one, in
		 * the order of their scores */
		gsize n = lede_summary_n_sentences(s);
		for (gsize i = 0; i < n; i++)
			for (gsize j = 0; j < i; j++)
				g_assert_cmpfloat(
				    lede_stem_overlap(sz, (guint)lede_summary_sentence_index(s, i),
				                      (guint)lede_summary_sentence_index(s, j)),
				    <=, sz->weights.redundancy);
		lede_summary_free(s);
		lede_doc_free(d);
	}
	g_string_free(g, TRUE);
	g_rand_free(rnd);
}

/* A long stream forgets its word cache between documents; what comes out
 * after the forgetting is what a fresh summarizer says. */
static void test_cache_trim_between_documents(void)
{
	GError *error = NULL;
	lede_summarizer *s = lede_summarizer_new(model, NULL, &error);
	g_assert_no_error(error);
	lede_doc *d = doc_of(article);
	lede_options o;
	lede_options_init(&o, LEDE_OPTIONS_VERSION, NULL);
	o.n_keyphrases = 5;
	o.explain = TRUE; /* every sentence's features, remembered per id or not */
	lede_summary *before = lede_summarize(s, d, &o, NULL);
	char *j1 = lede_summary_to_json(before, NULL, FALSE);

	GString *g = g_string_new(NULL);
	for (guint i = 0; i < 60000; i++)
		g_string_append_printf(g, "w%uq%s", i * 2654435761u, i % 12 == 11 ? ". " : " ");
	lede_doc *big = doc_of(g->str);
	lede_summary_free(lede_summarize(s, big, &o, NULL));
	/* the next call trims (more than 32,000 words cached); its words take
	 * the ids the article's had, so anything still kept by id from before
	 * the trim would show in the article's features */
	lede_doc *other = doc_of("Zebras graze quietly near the river. They said nothing.");
	lede_summary_free(lede_summarize(s, other, &o, NULL));
	lede_doc_free(other);
	lede_summary *after = lede_summarize(s, d, &o, NULL);
	char *j2 = lede_summary_to_json(after, NULL, FALSE);
	g_assert_cmpstr(j1, ==, j2);
	LedeTokenizer *tk = lede_tokenizer_new();
	GArray *toks = g_array_new(FALSE, FALSE, sizeof(LedeToken));
	g_assert_false(lede_tokenizer_trim(tk, 0)); /* empty: nothing to forget */
	lede_tokenize(tk, "two words", 9, 0, toks);
	g_assert_true(lede_tokenizer_trim(tk, 1));
	g_assert_false(lede_tokenizer_trim(tk, 1));
	g_array_free(toks, TRUE);
	lede_tokenizer_free(tk);

	g_free(j1);
	g_free(j2);
	lede_summary_free(before);
	lede_summary_free(after);
	lede_doc_free(big);
	lede_doc_free(d);
	g_string_free(g, TRUE);
	lede_summarizer_free(s);
}

/* What the summarizer remembers per word id (idf, sentence roles) must go
 * when the tokenizer's ids restart: documents summarized across trims, their
 * words arriving in another order each time, give what a fresh summarizer
 * gives, features included. */
static void test_trim_keeps_features(void)
{
	static const char *const openers[] = {"He",      "The mayor", "But",   "Officials", "They",
	                                      "Critics", "It",        "Still", "Residents", "This"};
	static const char *const middles[] = {
	    "said the harbor plan was costly", "told reporters the ferry would run again",
	    "added that the terminal flooded twice", "warned about the surcharge on tickets"};
	GError *error = NULL;
	lede_summarizer *s = lede_summarizer_new(model, NULL, &error);
	g_assert_no_error(error);
	lede_options o;
	lede_options_init(&o, LEDE_OPTIONS_VERSION, NULL);
	o.explain = TRUE;
	o.n_keyphrases = 3;
	GString *filler = g_string_new(NULL);
	for (guint round = 0; round < 4; round++) {
		GString *g = g_string_new(NULL);
		for (guint k = 0; k < 12; k++) {
			guint i = (k * 7 + round * 3) % G_N_ELEMENTS(openers);
			const char *m = middles[(k + round) % G_N_ELEMENTS(middles)];
			if (k % 3 == round % 3)
				g_string_append_printf(g, "\"%s %s,\" one said. ", openers[i], m);
			else
				g_string_append_printf(g, "%s %s. ", openers[i], m);
		}
		lede_doc *d = doc_of(g->str);
		lede_summarizer *fresh = lede_summarizer_new(model, NULL, &error);
		g_assert_no_error(error);
		lede_summary *want = lede_summarize(fresh, d, &o, NULL);
		lede_summary *got = lede_summarize(s, d, &o, NULL);
		char *jw = lede_summary_to_json(want, NULL, FALSE);
		char *jg = lede_summary_to_json(got, NULL, FALSE);
		g_assert_cmpstr(jg, ==, jw);
		g_free(jw);
		g_free(jg);
		lede_summary_free(want);
		lede_summary_free(got);
		lede_summarizer_free(fresh);
		lede_doc_free(d);
		g_string_free(g, TRUE);
		/* 40,000 new words: the next document starts with a trim */
		g_string_truncate(filler, 0);
		for (guint i = 0; i < 40000; i++)
			g_string_append_printf(filler, "f%ux%u%s", round, i * 2654435761u,
			                       i % 12 == 11 ? ". " : " ");
		lede_doc *f = doc_of(filler->str);
		lede_summary_free(lede_summarize(s, f, &o, NULL));
		lede_doc_free(f);
	}
	g_string_free(filler, TRUE);
	lede_summarizer_free(s);
}

/* Scores are printed without cJSON's printf; the text must stay what cJSON
 * itself prints, on the values a summary has and on the edges of "%g". */
static void check_number(double x)
{
	cJSON *mine = lede_json_number(x);
	cJSON *theirs = cJSON_CreateNumber(round(x * 1e6) / 1e6);
	char *a = cJSON_PrintUnformatted(mine), *b = cJSON_PrintUnformatted(theirs);
	if (strcmp(a, b) != 0)
		g_error("%.17g: printed %s, cJSON prints %s", x, a, b);
	cJSON_free(a);
	cJSON_free(b);
	cJSON_Delete(mine);
	cJSON_Delete(theirs);
}

static void test_json_numbers(void)
{
	static const double edges[] = {
	    0.0,       -0.0,       1.0,           -1.0,        0.5,
	    1e-4,      -1e-4,      9.9999e-5,     5e-7,        4.9e-7,
	    0.000123,  1.0811944,  0.3879634,     123456.5,    999999999.999999,
	    1e9,       2147483647, 2147483648.25, -2147483649, 0.1 + 0.2,
	    1.0 / 3.0, NAN,        INFINITY,      -INFINITY,   1e300};
	for (guint i = 0; i < G_N_ELEMENTS(edges); i++)
		check_number(edges[i]);
	GRand *r = g_rand_new_with_seed(77);
	for (guint i = 0; i < 200000; i++) {
		double scale = pow(10.0, g_rand_int_range(r, -7, 10));
		check_number(g_rand_double_range(r, -1.0, 1.0) * scale);
	}
	g_rand_free(r);
}

/* An article whose lines end with CR alone (old Mac files) is summarized
 * as the same article with LF: the same JSON, offsets and all. */
static void test_cr_line_ends(void)
{
	char *path = tu_data_file("sample-article.txt"), *lf;
	gsize len;
	g_assert_true(g_file_get_contents(path, &lf, &len, NULL));
	g_assert_nonnull(strchr(lf, '\n'));
	char *cr = g_strdup(lf);
	g_strdelimit(cr, "\n", '\r');
	lede_options o;
	lede_options_init(&o, LEDE_OPTIONS_VERSION, NULL);
	o.explain = TRUE;
	o.n_keyphrases = 5;
	char *json[2];
	for (int k = 0; k < 2; k++) {
		lede_doc *d = doc_of(k ? cr : lf);
		lede_summary *s = lede_summarize(sz, d, &o, NULL);
		g_assert_nonnull(s);
		json[k] = lede_summary_to_json(s, NULL, FALSE);
		lede_summary_free(s);
		lede_doc_free(d);
	}
	g_assert_cmpstr(json[1], ==, json[0]);
	g_free(json[0]);
	g_free(json[1]);
	g_free(cr);
	g_free(lf);
	g_free(path);
}

int main(int argc, char **argv)
{
	g_test_init(&argc, &argv, NULL);
	GError *error = NULL;
	model = lede_model_open_default(&error);
	g_assert_no_error(error);
	sz = lede_summarizer_new(model, NULL, &error);
	g_assert_no_error(error);
	g_test_add_func("/summarize/defaults", test_defaults);
	g_test_add_func("/summarize/furniture-window", test_furniture_window);
	g_test_add_func("/summarize/json-as-cjson", test_json_as_cjson);
	g_test_add_func("/summarize/sentence-limit", test_sentence_limit);
	g_test_add_func("/summarize/no-repeats", test_no_repeats);
	g_test_add_func("/summarize/word-and-char-limits", test_word_and_char_limits);
	g_test_add_func("/summarize/ratio", test_ratio);
	g_test_add_func("/summarize/empty-inputs", test_empty_inputs);
	g_test_add_func("/summarize/bad-bytes", test_bad_bytes);
	g_test_add_func("/summarize/features", test_features);
	g_test_add_func("/summarize/json-and-determinism", test_json_and_determinism);
	g_test_add_func("/summarize/options-version", test_options_version);
	g_test_add_func("/summarize/bad-weights", test_bad_weights);
	g_test_add_func("/summarize/weights-numbers", test_weights_numbers);
	g_test_add_func("/summarize/select-ties", test_select_ties);
	g_test_add_func("/summarize/no-word-tokens", test_no_word_tokens);
	g_test_add_func("/summarize/cr-line-ends", test_cr_line_ends);
	g_test_add_func("/summarize/long-summary-linear", test_long_summary_linear);
	g_test_add_func("/summarize/redundancy-exact", test_redundancy_exact);
	g_test_add_func("/summarize/json-numbers", test_json_numbers);
	g_test_add_func("/summarize/json-as-cjson-prints", test_json_as_cjson_prints);
	g_test_add_func("/summarize/stem-overlap", test_stem_overlap);
	g_test_add_func("/summarize/folded-sentences", test_folded_sentences);
	g_test_add_func("/summarize/trim-keeps-features", test_trim_keeps_features);
	g_test_add_func("/summarize/long-input-linear", test_long_input_linear);
	g_test_add_func("/summarize/cache-trim-between-documents",
	                test_cache_trim_between_documents);
	int rc = g_test_run();
	lede_summarizer_free(sz);
	lede_model_free(model);
	return rc;
}
