/* lede eval, through the built binary: every form and option, and the
 * errors (malformed line, duplicate id, missing id), on fixtures in
 * tests/data/eval-*. */
#include "lede-private.h"
#include "testutil.h"

#include <cjson/cJSON.h>

static char *tmp;

static char *data(const char *name)
{
	return tu_data_file(name);
}

static char *tmpfile_with(const char *name, const char *text)
{
	char *p = g_build_filename(tmp, name, NULL);
	tu_write(p, text, -1);
	return p;
}

/* Runs eval with args, expects status; returns the parsed JSON of stdout
 * when it is one object (NULL otherwise). */
static cJSON *run_json(TuRun *r, int status, const char *const *argv)
{
	tu_run(r, NULL, NULL, 0, argv);
	if (r->status != status)
		g_test_message("status %d, stderr: %s", r->status, r->err);
	g_assert_cmpint(r->status, ==, status);
	return cJSON_Parse(r->out);
}

static double get(cJSON *o, const char *a, const char *b, const char *c)
{
	cJSON *x = cJSON_GetObjectItemCaseSensitive(o, a);
	if (b)
		x = cJSON_GetObjectItemCaseSensitive(x, b);
	if (c)
		x = cJSON_GetObjectItemCaseSensitive(x, c);
	g_assert_true(cJSON_IsNumber(x));
	return x->valuedouble;
}

static void test_help(void)
{
	TuRun r;
	tu_runv(&r, "eval", "--help", NULL);
	g_assert_cmpint(r.status, ==, 0);
	const char *must[] = {"--predictions", "--references", "--no-stem",       "--per-item",
	                      "--format",      "--bytes",      "--words",         "--tokenize",
	                      "--baseline",    "--compare",    "--fail-if-worse", "--target",
	                      "--stopwords",   "--sentences",  "oracle-N",        "extension"};
	for (gsize i = 0; i < G_N_ELEMENTS(must); i++)
		g_assert_nonnull(strstr(r.out, must[i]));
	tu_run_clear(&r);
}

static void test_text_report(void)
{
	char *p = data("eval-pred.jsonl"), *ref = data("eval-refs.jsonl");
	TuRun r;
	tu_runv(&r, "eval", "--predictions", p, "--references", ref, NULL);
	g_assert_cmpint(r.status, ==, 0);
	g_assert_nonnull(strstr(r.out, "3 items"));
	g_assert_nonnull(strstr(r.out, "ROUGE-Lsum"));
	g_assert_nonnull(strstr(r.out, "Porter stemming"));
	/* the same input prints the same numbers */
	TuRun r2;
	tu_runv(&r2, "eval", "--predictions", p, "--references", ref, NULL);
	g_assert_cmpstr(r.out, ==, r2.out);
	tu_run_clear(&r2);
	tu_run_clear(&r);
	/* the references as the positional argument */
	tu_runv(&r, "eval", "--predictions", p, ref, NULL);
	g_assert_cmpint(r.status, ==, 0);
	tu_run_clear(&r);
	g_free(p);
	g_free(ref);
}

static void test_per_item_jsonl(void)
{
	char *p = data("eval-pred.jsonl"), *ref = data("eval-refs.jsonl");
	TuRun r;
	const char *argv[] = {"eval",     "--predictions", p,   "--references", ref, "--per-item",
	                      "--format", "jsonl",         NULL};
	tu_run(&r, NULL, NULL, 0, argv);
	g_assert_cmpint(r.status, ==, 0);
	char **lines = g_strsplit(r.out, "\n", -1);
	g_assert_cmpuint(g_strv_length(lines), ==, 4); /* 3 lines + the empty tail */
	const char *ids[] = {"\"a\"", "\"b\"", "3"};
	for (int i = 0; i < 3; i++) {
		cJSON *o = cJSON_Parse(lines[i]);
		g_assert_nonnull(o);
		/* exactly id, rouge1, rouge2, rougeL, rougeLsum, in this order */
		const char *keys[] = {"id", "rouge1", "rouge2", "rougeL", "rougeLsum"};
		int k = 0;
		for (cJSON *c = o->child; c; c = c->next, k++) {
			g_assert_cmpint(k, <, 5);
			g_assert_cmpstr(c->string, ==, keys[k]);
			if (k == 0) {
				char *id = cJSON_PrintUnformatted(c);
				g_assert_cmpstr(id, ==, ids[i]);
				cJSON_free(id);
				continue;
			}
			const char *prf[] = {"precision", "recall", "fmeasure"};
			int j = 0;
			for (cJSON *d = c->child; d; d = d->next, j++) {
				g_assert_cmpint(j, <, 3);
				g_assert_cmpstr(d->string, ==, prf[j]);
				g_assert_true(cJSON_IsNumber(d));
			}
			g_assert_cmpint(j, ==, 3);
		}
		g_assert_cmpint(k, ==, 5);
		if (i == 0) /* the prediction is the reference, as an array of sentences */
			for (int m = 0; m < 4; m++)
				g_assert_cmpfloat(get(o,
				                      (const char *[]){"rouge1", "rouge2", "rougeL",
				                                       "rougeLsum"}[m],
				                      "fmeasure", NULL),
				                  ==, 1.0);
		if (i == 2) /* "Run dog chase cat." vs "Running dogs chased the cats." */
			g_assert_cmpfloat_with_epsilon(get(o, "rouge1", "recall", NULL), 0.8,
			                               1e-12);
		cJSON_Delete(o);
	}
	g_strfreev(lines);
	tu_run_clear(&r);

	/* --no-stem: "run" no longer matches "running" */
	const char *argv2[] = {"eval",     "--predictions", p,   "--references", ref, "--no-stem",
	                       "--format", "jsonl",         NULL};
	tu_run(&r, NULL, NULL, 0, argv2);
	g_assert_cmpint(r.status, ==, 0);
	lines = g_strsplit(r.out, "\n", -1);
	cJSON *o = cJSON_Parse(lines[2]);
	g_assert_cmpfloat_with_epsilon(get(o, "rouge1", "recall", NULL), 0.0, 1e-12);
	cJSON_Delete(o);
	g_strfreev(lines);
	tu_run_clear(&r);
	g_free(p);
	g_free(ref);
}

static void test_json_and_truncation(void)
{
	char *ref = tmpfile_with("t-ref.jsonl", "{\"id\": 1, \"references\": [\"alpha\"]}\n");
	char *p = tmpfile_with("t-pred.jsonl", "{\"id\": 1, \"summary\": \"alpha beta gamma\"}\n");
	TuRun r;
	cJSON *o = run_json(&r, 0,
	                    (const char *const[]){"eval", "--predictions", p, "--references", ref,
	                                          "--format", "json", NULL});
	g_assert_cmpfloat_with_epsilon(get(o, "rouge1", "precision", "mean"), 1.0 / 3, 1e-12);
	g_assert_cmpfloat(get(o, "items", NULL, NULL), ==, 1);
	cJSON_Delete(o);
	tu_run_clear(&r);
	o = run_json(&r, 0,
	             (const char *const[]){"eval", "--predictions", p, "--references", ref,
	                                   "--words", "1", "--format", "json", NULL});
	g_assert_cmpfloat_with_epsilon(get(o, "rouge1", "precision", "mean"), 1.0, 1e-12);
	g_assert_cmpfloat(get(o, "words", NULL, NULL), ==, 1);
	cJSON_Delete(o);
	tu_run_clear(&r);
	/* 8 bytes: "alpha be" -> tokens alpha, be */
	o = run_json(&r, 0,
	             (const char *const[]){"eval", "--predictions", p, "--references", ref,
	                                   "--bytes", "8", "--format", "json", "--per-item", NULL});
	g_assert_cmpfloat_with_epsilon(get(o, "rouge1", "precision", "mean"), 0.5, 1e-12);
	g_assert_true(cJSON_IsArray(cJSON_GetObjectItem(o, "per_item")));
	cJSON_Delete(o);
	tu_run_clear(&r);
	g_free(ref);
	g_free(p);
}

static void test_unicode(void)
{
	char *ref =
	    tmpfile_with("u-ref.jsonl", "{\"id\": 1, \"references\": [\"台北市長選舉\"]}\n");
	char *p = tmpfile_with("u-pred.jsonl", "{\"id\": 1, \"summary\": \"台北市長\"}\n");
	TuRun r;
	cJSON *o = run_json(&r, 0,
	                    (const char *const[]){"eval", "--predictions", p, "--references", ref,
	                                          "--format", "json", NULL});
	g_assert_cmpfloat(get(o, "rouge1", "fmeasure", "mean"), ==, 0);
	cJSON_Delete(o);
	tu_run_clear(&r);
	o = run_json(&r, 0,
	             (const char *const[]){"eval", "--predictions", p, "--references", ref,
	                                   "--tokenize", "unicode", "--format", "json", NULL});
	g_assert_cmpfloat_with_epsilon(get(o, "rouge1", "recall", "mean"), 4.0 / 6, 1e-12);
	g_assert_cmpstr(cJSON_GetObjectItem(o, "tokenizer")->valuestring, ==, "unicode");
	cJSON_Delete(o);
	tu_run_clear(&r);
	tu_runv(&r, "eval", "--predictions", p, "--references", ref, "--tokenize", "unicode", NULL);
	g_assert_nonnull(strstr(r.out, "extension"));
	tu_run_clear(&r);
	g_free(ref);
	g_free(p);
}

static void test_errors(void)
{
	char *ref = data("eval-refs.jsonl");
	TuRun r;
	/* malformed JSON: the file and the line number */
	char *bad = tmpfile_with("bad.jsonl", "{\"id\": \"a\", \"summary\": \"x\"}\n"
	                                      "\n"
	                                      "{\"id\": \"b\", \"summary\": \n");
	tu_runv(&r, "eval", "--predictions", bad, "--references", ref, NULL);
	g_assert_cmpint(r.status, ==, 1);
	g_assert_nonnull(strstr(r.err, "bad.jsonl: line 3"));
	g_assert_cmpstr(r.out, ==, "");
	tu_run_clear(&r);
	/* duplicate id */
	char *dup = tmpfile_with("dup.jsonl", "{\"id\": \"a\", \"summary\": \"x\"}\n"
	                                      "{\"id\": \"a\", \"summary\": \"y\"}\n");
	tu_runv(&r, "eval", "--predictions", dup, "--references", ref, NULL);
	g_assert_cmpint(r.status, ==, 1);
	g_assert_nonnull(strstr(r.err, "line 2: duplicate id \"a\""));
	tu_run_clear(&r);
	tu_runv(&r, "eval", "--predictions", ref, "--references", dup, "--target", "summary", NULL);
	g_assert_cmpint(r.status, ==, 1);
	tu_run_clear(&r);
	/* a reference id without a prediction is named */
	char *miss = tmpfile_with("miss.jsonl", "{\"id\": \"a\", \"summary\": \"x\"}\n"
	                                        "{\"id\": \"b\", \"summary\": \"y\"}\n");
	tu_runv(&r, "eval", "--predictions", miss, "--references", ref, NULL);
	g_assert_cmpint(r.status, ==, 1);
	g_assert_nonnull(strstr(r.err, "no prediction for id 3"));
	tu_run_clear(&r);
	/* no summary key */
	char *nokey = tmpfile_with("nokey.jsonl", "{\"id\": \"a\", \"text\": \"x\"}\n");
	tu_runv(&r, "eval", "--predictions", nokey, "--references", ref, NULL);
	g_assert_cmpint(r.status, ==, 1);
	g_assert_nonnull(strstr(r.err, "line 1: no \"summary\""));
	tu_run_clear(&r);
	/* a missing file */
	tu_runv(&r, "eval", "--predictions", "/nonexistent/p.jsonl", "--references", ref, NULL);
	g_assert_cmpint(r.status, ==, 1);
	g_assert_nonnull(strstr(r.err, "lede: /nonexistent/p.jsonl: "));
	tu_run_clear(&r);
	g_free(bad);
	g_free(dup);
	g_free(miss);
	g_free(nokey);
	g_free(ref);
}

static void test_empty_prediction(void)
{
	char *ref = data("eval-refs.jsonl");
	char *p = tmpfile_with("empty.jsonl", "{\"id\": \"a\", \"summary\": \"\"}\n"
	                                      "{\"id\": \"b\", \"summary\": []}\n"
	                                      "{\"id\": 3, \"summary\": null}\n");
	TuRun r;
	cJSON *o = run_json(&r, 0,
	                    (const char *const[]){"eval", "--predictions", p, "--references", ref,
	                                          "--format", "json", NULL});
	const char *m[] = {"rouge1", "rouge2", "rougeL", "rougeLsum"};
	for (int i = 0; i < 4; i++) {
		g_assert_cmpfloat(get(o, m[i], "fmeasure", "mean"), ==, 0);
		g_assert_cmpfloat(get(o, m[i], "recall", "high"), ==, 0);
	}
	cJSON_Delete(o);
	tu_run_clear(&r);
	g_free(p);
	g_free(ref);
}

static void test_usage(void)
{
	char *p = data("eval-pred.jsonl"), *ref = data("eval-refs.jsonl");
	const char *const cases[][8] = {
	    {"eval", NULL},
	    {"eval", "--predictions", p, NULL},
	    {"eval", "--predictions", p, "--references", ref, "--format", "xml", NULL},
	    {"eval", "--predictions", p, "--references", ref, "--tokenize", "nltk", NULL},
	    {"eval", "--predictions", p, "--references", ref, "--bytes", "-1", NULL},
	    {"eval", "--predictions", p, "--references", ref, "--words", "x", NULL},
	    {"eval", "--predictions", p, "--references", ref, "--fail-if-worse", "1", NULL},
	    {"eval", "--predictions", p, "--references", ref, "--target", "title", NULL},
	    {"eval", "--predictions", p, "--references", ref, "--target", "kicker", NULL},
	    {"eval", "--baseline", "lead-0", ref, NULL},
	    {"eval", "--baseline", "first-3", ref, NULL},
	    {"eval", "--compare", p, "--references", ref, NULL},
	    {"eval", "--compare", p, p, NULL},
	    {"eval", "--bogus", NULL},
	    {"eval", "-n", "2", "--summary-words", "40", ref, NULL},
	};
	for (gsize i = 0; i < G_N_ELEMENTS(cases); i++) {
		TuRun r;
		tu_run(&r, NULL, NULL, 0, cases[i]);
		if (r.status != 2)
			g_test_message("case %zu: status %d", i, r.status);
		g_assert_cmpint(r.status, ==, 2);
		g_assert_nonnull(strstr(r.err, "lede eval --help"));
		tu_run_clear(&r);
	}
	g_free(p);
	g_free(ref);
}

static void test_compare(void)
{
	char *ref = data("eval-refs.jsonl");
	char *good = data("eval-pred.jsonl");
	char *worse = tmpfile_with("worse.jsonl", "{\"id\": \"a\", \"summary\": \"Police.\"}\n"
	                                          "{\"id\": \"b\", \"summary\": \"Monday.\"}\n"
	                                          "{\"id\": 3, \"summary\": \"cats\"}\n");
	TuRun r;
	/* B better: p = 0, exit 0 */
	cJSON *o = run_json(&r, 0,
	                    (const char *const[]){"eval", "--compare", worse, good, "--references",
	                                          ref, "--format", "json", NULL});
	g_assert_cmpfloat(get(o, "rouge1", "diff", NULL), >, 0);
	g_assert_cmpfloat(get(o, "rouge1", "p", NULL), ==, 0);
	g_assert_cmpfloat(get(o, "rouge1", "low", NULL), >, 0);
	cJSON_Delete(o);
	tu_run_clear(&r);
	/* B worse: still exit 0 without --fail-if-worse */
	tu_runv(&r, "eval", "--compare", good, worse, "--references", ref, NULL);
	g_assert_cmpint(r.status, ==, 0);
	g_assert_nonnull(strstr(r.out, "p (B not better)"));
	g_assert_nonnull(strstr(r.out, "1.000"));
	tu_run_clear(&r);
	/* ... exit 1 with it when worse by more than the margin */
	tu_runv(&r, "eval", "--compare", good, worse, "--references", ref, "--fail-if-worse", "1",
	        NULL);
	g_assert_cmpint(r.status, ==, 1);
	g_assert_nonnull(strstr(r.err, "worse than"));
	tu_run_clear(&r);
	/* ... and 0 with a margin wider than the loss, or when B is better */
	tu_runv(&r, "eval", "--compare", good, worse, "--references", ref, "--fail-if-worse", "100",
	        NULL);
	g_assert_cmpint(r.status, ==, 0);
	tu_run_clear(&r);
	tu_runv(&r, "eval", "--compare", worse, good, "--references", ref, "--fail-if-worse", "0",
	        NULL);
	g_assert_cmpint(r.status, ==, 0);
	tu_run_clear(&r);
	/* identical systems: diff 0, p 1, not worse */
	o = run_json(&r, 0,
	             (const char *const[]){"eval", "--compare", good, good, "--references", ref,
	                                   "--format", "json", "--fail-if-worse", "0", NULL});
	g_assert_cmpfloat(get(o, "rouge2", "diff", NULL), ==, 0);
	g_assert_cmpfloat(get(o, "rouge2", "p", NULL), ==, 1);
	g_assert_true(cJSON_IsFalse(cJSON_GetObjectItem(o, "worse")));
	cJSON_Delete(o);
	tu_run_clear(&r);
	g_free(worse);
	g_free(good);
	g_free(ref);
}

static void test_baselines(void)
{
	char *ds = data("eval-dataset.jsonl");
	TuRun r;
	/* prefix-BYTES does not depend on the segmenter */
	cJSON *o = run_json(&r, 0,
	                    (const char *const[]){"eval", "--baseline", "prefix-9", ds,
	                                          "--per-item", "--format", "json", NULL});
	cJSON *items = cJSON_GetObjectItem(o, "per_item");
	g_assert_cmpint(cJSON_GetArraySize(items), ==, 2);
	/* "The mayor" -> 2 tokens, both in the reference */
	cJSON *first = cJSON_GetArrayItem(items, 0);
	g_assert_cmpfloat(get(first, "rouge1", "precision", NULL), ==, 1);
	cJSON_Delete(o);
	tu_run_clear(&r);

	double lead = 0, oracle = 0;
	o = run_json(
	    &r, 0,
	    (const char *const[]){"eval", "--baseline", "lead-1", ds, "--format", "json", NULL});
	lead = get(o, "rouge1", "fmeasure", "mean");
	g_assert_cmpfloat(lead, >, 0);
	cJSON_Delete(o);
	tu_run_clear(&r);
	o = run_json(
	    &r, 0,
	    (const char *const[]){"eval", "--baseline", "oracle-1", ds, "--format", "json", NULL});
	oracle = get(o, "rouge1", "fmeasure", "mean");
	cJSON_Delete(o);
	tu_run_clear(&r);
	/* the oracle is an upper bound of any one-sentence choice */
	g_assert_cmpfloat(oracle, >=, lead - 1e-12);
	o = run_json(
	    &r, 0,
	    (const char *const[]){"eval", "--baseline", "oracle-3", ds, "--format", "json", NULL});
	g_assert_cmpfloat(get(o, "rouge1", "fmeasure", "mean"), >=, lead * 0.5);
	cJSON_Delete(o);
	tu_run_clear(&r);
	o = run_json(&r, 0,
	             (const char *const[]){"eval", "--baseline", "lead-3", ds, "--target",
	                                   "headline", "--bytes", "75", "--format", "json", NULL});
	g_assert_cmpfloat(get(o, "bytes", NULL, NULL), ==, 75);
	cJSON_Delete(o);
	tu_run_clear(&r);

	/* lede itself on the dataset, with a summary length */
	tu_runv(&r, "eval", ds, "-n", "2", NULL);
	g_assert_cmpint(r.status, ==, 0);
	g_assert_nonnull(strstr(r.out, "2 items"));
	/* "-n2" as with every command (GOption alone read it as -n -2) */
	TuRun attached;
	tu_runv(&attached, "eval", ds, "-n2", NULL);
	g_assert_cmpint(attached.status, ==, 0);
	g_assert_cmpstr(attached.out, ==, r.out);
	tu_run_clear(&attached);
	tu_run_clear(&r);
	tu_runv(&r, "eval", ds, "--target", "headline", "--bytes", "75", NULL);
	g_assert_cmpint(r.status, ==, 0);
	g_assert_nonnull(strstr(r.out, "RECALL"));
	tu_run_clear(&r);
	/* a dataset line without text */
	char *bad = tmpfile_with("notext.jsonl", "{\"id\": 1, \"references\": [\"x\"]}\n");
	tu_runv(&r, "eval", "--baseline", "lead-3", bad, NULL);
	g_assert_cmpint(r.status, ==, 1);
	g_assert_nonnull(strstr(r.err, "line 1: no \"text\""));
	tu_run_clear(&r);
	g_free(bad);
	g_free(ds);
}

static void test_headline_target(void)
{
	char *ref =
	    tmpfile_with("h-ref.jsonl", "{\"id\": 1, \"references\": [\"Hun Sen rejects talks\", "
	                                "\"Cambodia leader rejects opposition talks abroad\"]}\n");
	char *p = tmpfile_with("h-pred.jsonl", "{\"id\": 1, \"headline\": \"Hun Sen rejects "
	                                       "opposition demand for talks abroad, says Cambodia "
	                                       "will solve its own crisis\"}\n");
	TuRun r;
	cJSON *o = run_json(&r, 0,
	                    (const char *const[]){"eval", "--target", "headline", "--predictions",
	                                          p, "--references", ref, "--bytes", "30",
	                                          "--format", "json", NULL});
	/* 30 bytes: "Hun Sen rejects opposition dem" -> 5 tokens; reference 1
	 * shares hun sen reject (R 3/4, P 3/5), reference 2 reject opposit
	 * (R 2/6, P 2/5). Headlines average over the references, as
	 * ROUGE-1.5.5 scores DUC. */
	g_assert_cmpstr(cJSON_GetObjectItem(o, "target")->valuestring, ==, "headline");
	g_assert_cmpfloat_with_epsilon(get(o, "rouge1", "recall", "mean"), (0.75 + 2.0 / 6) / 2,
	                               1e-12);
	g_assert_cmpfloat_with_epsilon(get(o, "rouge1", "precision", "mean"), 0.5, 1e-12);
	cJSON_Delete(o);
	tu_run_clear(&r);
	/* --multi-ref best: reference 1 has the higher F and is taken alone */
	o = run_json(&r, 0,
	             (const char *const[]){"eval", "--target", "headline", "--multi-ref", "best",
	                                   "--predictions", p, "--references", ref, "--bytes", "30",
	                                   "--format", "json", NULL});
	g_assert_cmpfloat_with_epsilon(get(o, "rouge1", "recall", "mean"), 0.75, 1e-12);
	g_assert_cmpfloat_with_epsilon(get(o, "rouge1", "precision", "mean"), 0.6, 1e-12);
	cJSON_Delete(o);
	tu_run_clear(&r);
	tu_runv(&r, "eval", "--multi-ref", "most", "--predictions", p, "--references", ref, NULL);
	g_assert_cmpint(r.status, ==, 2);
	tu_run_clear(&r);
	tu_runv(&r, "eval", "--target", "headline", "--predictions", p, "--references", ref, NULL);
	g_assert_cmpint(r.status, ==, 0);
	g_assert_nonnull(strstr(r.out, "RECALL"));
	tu_run_clear(&r);
	g_free(ref);
	g_free(p);
}

static void test_kicker_target(void)
{
	char *ref = data("eval-kicker-refs.jsonl"), *p = data("eval-kicker-pred.jsonl");
	char *stop = data("eval-stopwords.txt");
	TuRun r;
	/* the figures kicker_eval.py gives for these files with this stop list */
	cJSON *o = run_json(&r, 0,
	                    (const char *const[]){"eval", "--target", "kicker", "--stopwords", stop,
	                                          "--predictions", p, "--references", ref,
	                                          "--format", "json", NULL});
	g_assert_cmpfloat_with_epsilon(get(o, "p1", "mean", NULL), 0.25, 1e-12);
	g_assert_cmpfloat_with_epsilon(get(o, "partial1", "mean", NULL), 0.75, 1e-12);
	g_assert_cmpfloat_with_epsilon(get(o, "sub1", "mean", NULL), 0.5, 1e-12);
	g_assert_cmpfloat_with_epsilon(get(o, "coverage", NULL, NULL), 0.75, 1e-12);
	g_assert_cmpfloat_with_epsilon(get(o, "words1", NULL, NULL), 2.0, 1e-12);
	cJSON_Delete(o);
	tu_run_clear(&r);
	/* per item */
	tu_run(&r, NULL, NULL, 0,
	       (const char *const[]){"eval", "--target", "kicker", "--stopwords", stop,
	                             "--predictions", p, "--references", ref, "--format", "jsonl",
	                             NULL});
	g_assert_cmpint(r.status, ==, 0);
	char **lines = g_strsplit(r.out, "\n", -1);
	o = cJSON_Parse(lines[1]); /* CROSS-STRAIT TALKS: words in two references */
	g_assert_cmpfloat(get(o, "p1", NULL, NULL), ==, 0);
	g_assert_cmpfloat(get(o, "partial1", NULL, NULL), ==, 1);
	g_assert_cmpfloat(get(o, "sub1", NULL, NULL), ==, 0);
	cJSON_Delete(o);
	g_strfreev(lines);
	tu_run_clear(&r);
	/* kicker compare */
	tu_runv(&r, "eval", "--target", "kicker", "--stopwords", stop, "--compare", p, p,
	        "--references", ref, NULL);
	g_assert_cmpint(r.status, ==, 0);
	g_assert_nonnull(strstr(r.out, "sub@1"));
	tu_run_clear(&r);
	g_free(ref);
	g_free(p);
	g_free(stop);
}

/* Ids are matched by their JSON text: cJSON's doubles made ids past 2^53
 * one id (a false "duplicate id"), matched a prediction with the wrong
 * reference as a perfect score, and made 1e999 and 1e998 both null. A
 * string id matches however it is escaped, as before. */
static void test_ids_exact(void)
{
	char *ref = tmpfile_with("big-ref.jsonl",
	                         "{\"id\": 12345678901234567890, \"references\": \"alpha beta\"}\n"
	                         "{\"id\": 12345678901234567891, \"references\": \"gamma delta\"}\n"
	                         "{\"id\": 1e999, \"references\": \"epsilon zeta\"}\n"
	                         "{\"id\": 1e998, \"references\": \"eta theta\"}\n"
	                         "{\"id\": \"caf\\u00e9\", \"references\": \"iota kappa\"}\n");
	char *pred = tmpfile_with("big-pred.jsonl",
	                          "{\"id\": 12345678901234567891, \"summary\": \"gamma delta\"}\n"
	                          "{\"id\": 12345678901234567890, \"summary\": \"alpha beta\"}\n"
	                          "{\"id\": 1e998, \"summary\": \"eta theta\"}\n"
	                          "{\"id\": 1e999, \"summary\": \"epsilon zeta\"}\n"
	                          "{\"id\": \"caf\xc3\xa9\", \"summary\": \"iota kappa\"}\n");
	TuRun r;
	const char *argv[] = {"eval",       "--predictions", pred,    "--references", ref,
	                      "--per-item", "--format",      "jsonl", "--no-stem",    NULL};
	tu_run(&r, NULL, NULL, 0, argv);
	if (r.status != 0)
		g_test_message("stderr: %s", r.err);
	g_assert_cmpint(r.status, ==, 0);
	g_assert_cmpstr(r.err, ==, "");
	char **lines = g_strsplit(r.out, "\n", -1);
	g_assert_cmpuint(g_strv_length(lines), ==, 6);
	const char *ids[] = {"12345678901234567890", "12345678901234567891", "1e999", "1e998",
	                     "\"caf\\u00e9\""};
	for (guint i = 0; i < 5; i++) {
		char *want = g_strdup_printf("{\"id\":%s,", ids[i]);
		g_assert_true(g_str_has_prefix(lines[i], want));
		cJSON *o = cJSON_Parse(lines[i]);
		g_assert_cmpfloat(get(o, "rouge1", "fmeasure", NULL), ==, 1.0);
		cJSON_Delete(o);
		g_free(want);
	}
	g_strfreev(lines);
	tu_run_clear(&r);

	/* a prediction for the neighbouring id is no prediction */
	char *one = tmpfile_with("big-one.jsonl",
	                         "{\"id\": 12345678901234567891, \"summary\": \"alpha beta\"}\n");
	char *ref1 = tmpfile_with(
	    "big-ref1.jsonl", "{\"id\": 12345678901234567890, \"references\": \"alpha beta\"}\n");
	const char *argv2[] = {"eval", "--predictions", one, "--references", ref1, NULL};
	tu_run(&r, NULL, NULL, 0, argv2);
	g_assert_cmpint(r.status, ==, 1);
	g_assert_nonnull(strstr(r.err, "no prediction for id 12345678901234567890"));
	tu_run_clear(&r);
	g_free(ref);
	g_free(pred);
	g_free(one);
	g_free(ref1);
}

int main(int argc, char **argv)
{
	g_test_init(&argc, &argv, NULL);
	tmp = tu_tmpdir();
	g_test_add_func("/cli-eval/help", test_help);
	g_test_add_func("/cli-eval/text", test_text_report);
	g_test_add_func("/cli-eval/per-item-jsonl", test_per_item_jsonl);
	g_test_add_func("/cli-eval/json-truncation", test_json_and_truncation);
	g_test_add_func("/cli-eval/unicode", test_unicode);
	g_test_add_func("/cli-eval/errors", test_errors);
	g_test_add_func("/cli-eval/empty-prediction", test_empty_prediction);
	g_test_add_func("/cli-eval/usage", test_usage);
	g_test_add_func("/cli-eval/compare", test_compare);
	g_test_add_func("/cli-eval/baselines", test_baselines);
	g_test_add_func("/cli-eval/headline", test_headline_target);
	g_test_add_func("/cli-eval/kicker", test_kicker_target);
	g_test_add_func("/cli-eval/ids-exact", test_ids_exact);
	int rc = g_test_run();
	tu_rmtree(tmp);
	g_free(tmp);
	return rc;
}
