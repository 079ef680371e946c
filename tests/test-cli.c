/* The lede command as users run it: options, formats, odd input, exit codes.
 * Golden files live in tests/data/golden/; LEDE_UPDATE_GOLDEN=1 rewrites them. */
#include <cjson/cJSON.h>
#include <signal.h>

#include "testutil.h"

static char *sample_path;
static char *tmp;

static char *tmpfile_with(const char *name, const char *data, gssize len)
{
	char *p = g_build_filename(tmp, name, NULL);
	tu_write(p, data, len);
	return p;
}

static void test_help_version(void)
{
	TuRun r;
	tu_runv(&r, "--help", NULL);
	g_assert_cmpint(r.status, ==, 0);
	const char *opts[] = {"--sentences",  "--words",        "--chars",   "--ratio",
	                      "--format",     "--jsonl",        "--explain", "--only",
	                      "--keyphrases", "--headline-max", "--model",   "--weights",
	                      "--jobs",       "--version",      "eval",      "corpus"};
	for (guint i = 0; i < G_N_ELEMENTS(opts); i++)
		g_assert_nonnull(strstr(r.out, opts[i]));
	tu_run_clear(&r);
	tu_runv(&r, "--version", NULL);
	g_assert_cmpint(r.status, ==, 0);
	g_assert_true(g_str_has_prefix(r.out, "lede "));
	tu_run_clear(&r);
}

static void test_usage_errors(void)
{
	const char *cases[][4] = {
	    {"-n", "2", "--words", "10"},
	    {"--sentences", "0", NULL, NULL},
	    {"-n", "x", NULL, NULL},
	    {"--ratio", "101", NULL, NULL},
	    {"--format", "xml", NULL, NULL},
	    {"--only", "lede", NULL, NULL},
	    {"--no-such-option", NULL, NULL, NULL},
	    {"--chars", "-5", NULL, NULL},
	    {"-j", "0", NULL, NULL},
	};
	for (guint i = 0; i < G_N_ELEMENTS(cases); i++) {
		const char *argv[6] = {0};
		guint k = 0;
		for (guint j = 0; j < 4 && cases[i][j]; j++)
			argv[k++] = cases[i][j];
		argv[k++] = sample_path;
		TuRun r;
		tu_run(&r, NULL, NULL, 0, argv);
		g_assert_cmpint(r.status, ==, 2);
		g_assert_true(g_str_has_prefix(r.err, "lede: "));
		g_assert_cmpstr(r.out, ==, "");
		tu_run_clear(&r);
	}
	/* a bad choice names the good ones */
	TuRun r;
	tu_runv(&r, "--only", "lede", sample_path, NULL);
	g_assert_cmpstr(r.err, ==,
	                "lede: --only: expected kicker, headline or summary, got 'lede'\n"
	                "Try 'lede --help'.\n");
	tu_run_clear(&r);
	tu_runv(&r, "eval", "--target", "lede", sample_path, NULL);
	g_assert_cmpint(r.status, ==, 2);
	g_assert_nonnull(
	    strstr(r.err, "--target: expected summary, headline or kicker, got 'lede'"));
	tu_run_clear(&r);
}

static void test_sample_golden(void)
{
	TuRun r;
	tu_runv(&r, sample_path, NULL);
	g_assert_cmpint(r.status, ==, 0);
	g_assert_cmpstr(r.err, ==, "");
	/* KICKER: Headline, blank line, summary paragraph */
	char **lines = g_strsplit(r.out, "\n", -1);
	g_assert_cmpuint(g_strv_length(lines), >=, 4);
	g_assert_cmpstr(lines[1], ==, "");
	g_assert_cmpuint(strlen(lines[2]), >, 40);
	g_strfreev(lines);
	tu_check_golden("sample.txt", r.out);
	tu_run_clear(&r);

	tu_runv(&r, "--format", "json", "--pretty", sample_path, NULL);
	g_assert_cmpint(r.status, ==, 0);
	tu_check_golden("sample.json", r.out);
	cJSON *o = cJSON_Parse(r.out);
	g_assert_nonnull(o);
	g_assert_true(cJSON_IsArray(cJSON_GetObjectItem(o, "summary")));
	g_assert_cmpint(cJSON_GetArraySize(cJSON_GetObjectItem(o, "summary")), ==, 3);
	g_assert_true(cJSON_IsString(cJSON_GetObjectItem(o, "headline")));
	cJSON_Delete(o);
	tu_run_clear(&r);

	tu_runv(&r, "--explain", "--keyphrases", "5", "--format", "json", sample_path, NULL);
	g_assert_cmpint(r.status, ==, 0);
	tu_check_golden("sample-explain.json", r.out);
	o = cJSON_Parse(r.out);
	g_assert_true(cJSON_IsArray(cJSON_GetObjectItem(o, "explain")));
	g_assert_cmpint(cJSON_GetArraySize(cJSON_GetObjectItem(o, "keyphrases")), >=, 1);
	g_assert_cmpint(cJSON_GetArraySize(cJSON_GetObjectItem(o, "keyphrases")), <=, 5);
	cJSON_Delete(o);
	tu_run_clear(&r);
}

static void test_stdin_and_dash(void)
{
	char *data;
	gsize len;
	g_assert_true(g_file_get_contents(sample_path, &data, &len, NULL));
	TuRun a, b, c;
	const char *none[] = {NULL};
	const char *dash[] = {"-", NULL};
	const char *file[] = {sample_path, NULL};
	tu_run(&a, NULL, data, len, none);
	tu_run(&b, NULL, data, len, dash);
	tu_run(&c, NULL, NULL, 0, file);
	g_assert_cmpint(a.status, ==, 0);
	g_assert_cmpstr(a.out, ==, c.out);
	g_assert_cmpstr(b.out, ==, c.out);
	tu_run_clear(&a);
	tu_run_clear(&b);
	tu_run_clear(&c);
	g_free(data);
}

static void test_length_options(void)
{
	/* "-n1" is "-n 1", as with head(1) */
	TuRun a, b;
	tu_runv(&a, "-n1", "--only", "summary", sample_path, NULL);
	tu_runv(&b, "-n", "1", "--only", "summary", sample_path, NULL);
	g_assert_cmpint(a.status, ==, 0);
	g_assert_cmpstr(a.out, ==, b.out);
	tu_run_clear(&a);
	tu_run_clear(&b);
	const char *cases[][2] = {{"-n", "1"},
	                          {"--sentences", "5"},
	                          {"--words", "60"},
	                          {"--chars", "300"},
	                          {"--ratio", "20"}};
	for (guint i = 0; i < G_N_ELEMENTS(cases); i++) {
		TuRun r;
		tu_runv(&r, cases[i][0], cases[i][1], "--format", "json", sample_path, NULL);
		g_assert_cmpint(r.status, ==, 0);
		cJSON *o = cJSON_Parse(r.out);
		cJSON *summary = cJSON_GetObjectItem(o, "summary");
		int n = cJSON_GetArraySize(summary);
		g_assert_cmpint(n, >=, 1);
		gsize words = 0, chars = 0;
		for (int k = 0; k < n; k++) {
			const char *s = cJSON_GetArrayItem(summary, k)->valuestring;
			char **w = g_strsplit_set(s, " ", -1);
			for (char **p = w; *p; p++)
				words += **p != '\0';
			g_strfreev(w);
			chars += (gsize)g_utf8_strlen(s, -1);
		}
		if (i == 0)
			g_assert_cmpint(n, ==, 1);
		if (i == 1)
			g_assert_cmpint(n, ==, 5);
		if (i == 2)
			g_assert_cmpuint(words, <=, 60);
		if (i == 3)
			g_assert_cmpuint(chars, <=, 300);
		cJSON_Delete(o);
		tu_run_clear(&r);
	}
}

static void test_only(void)
{
	TuRun k, h, s, all;
	tu_runv(&k, "--only", "kicker", sample_path, NULL);
	tu_runv(&h, "--only", "headline", sample_path, NULL);
	tu_runv(&s, "--only", "summary", sample_path, NULL);
	tu_runv(&all, sample_path, NULL);
	g_assert_cmpint(k.status + h.status + s.status, ==, 0);
	g_assert_cmpuint(strlen(k.out), >, 1);
	g_assert_null(strchr(k.out, ':'));
	char *upper = g_utf8_strup(k.out, -1);
	g_assert_cmpstr(k.out, ==, upper);
	g_free(upper);
	g_assert_cmpuint(strlen(h.out), <=, 76);
	/* the default output is exactly "KICKER: Headline", blank line, summary */
	char *k1 = g_strndup(k.out, strlen(k.out) - 1);
	char *expect = g_strdup_printf("%s: %s\n%s", k1, h.out, s.out);
	g_assert_cmpstr(all.out, ==, expect);
	g_free(expect);
	g_free(k1);
	tu_run_clear(&k);
	tu_run_clear(&h);
	tu_run_clear(&s);
	tu_run_clear(&all);
}

static void test_headline_max(void)
{
	TuRun r;
	tu_runv(&r, "--only", "headline", "--headline-max", "30", sample_path, NULL);
	g_assert_cmpint(r.status, ==, 0);
	g_assert_cmpuint(strlen(r.out), <=, 31);
	g_assert_cmpuint(strlen(r.out), >, 1);
	tu_run_clear(&r);
}

static void test_multiple_files(void)
{
	char *b = tmpfile_with(
	    "b.txt", "A second article about the river bridge opened today. It is long.", -1);
	TuRun r;
	tu_runv(&r, sample_path, b, NULL);
	g_assert_cmpint(r.status, ==, 0);
	char *h1 = g_strdup_printf("==> %s <==\n", sample_path);
	char *h2 = g_strdup_printf("\n==> %s <==\n", b);
	g_assert_true(g_str_has_prefix(r.out, h1));
	g_assert_nonnull(strstr(r.out, h2));
	tu_run_clear(&r);

	tu_runv(&r, "--format", "json", sample_path, b, NULL);
	cJSON *o = cJSON_Parse(r.out);
	g_assert_true(cJSON_IsArray(o));
	g_assert_cmpint(cJSON_GetArraySize(o), ==, 2);
	cJSON_Delete(o);
	tu_run_clear(&r);

	/* a missing file is reported; the others are still summarized; exit 1 */
	tu_runv(&r, "/nonexistent/x.txt", b, NULL);
	g_assert_cmpint(r.status, ==, 1);
	g_assert_nonnull(strstr(r.err, "lede: /nonexistent/x.txt: No such file or directory"));
	g_assert_nonnull(strstr(r.out, "river bridge"));
	tu_run_clear(&r);

	/* many files with jobs: the same bytes, headers, array and messages,
	 * in the order given, whatever the number of jobs */
	const char *fmts[] = {"text", "json"};
	for (guint f = 0; f < G_N_ELEMENTS(fmts); f++) {
		GPtrArray *argv1 = g_ptr_array_new(), *argv3 = g_ptr_array_new();
		const char *head[] = {"--format", fmts[f], "-j"};
		for (guint k = 0; k < 3; k++) {
			g_ptr_array_add(argv1, (gpointer)head[k]);
			g_ptr_array_add(argv3, (gpointer)head[k]);
		}
		g_ptr_array_add(argv1, "1");
		g_ptr_array_add(argv3, "3");
		for (guint i = 0; i < 12; i++) {
			const char *path = i == 5 ? "/nonexistent/y.txt" : i % 2 ? b : sample_path;
			g_ptr_array_add(argv1, (gpointer)path);
			g_ptr_array_add(argv3, (gpointer)path);
		}
		g_ptr_array_add(argv1, NULL);
		g_ptr_array_add(argv3, NULL);
		TuRun one, three;
		tu_run(&one, NULL, NULL, 0, (const char **)argv1->pdata);
		tu_run(&three, NULL, NULL, 0, (const char **)argv3->pdata);
		g_assert_cmpint(one.status, ==, 1);
		g_assert_cmpint(three.status, ==, 1);
		g_assert_cmpstr(one.out, ==, three.out);
		g_assert_cmpstr(one.err, ==, three.err);
		if (f == 1) {
			cJSON *arr = cJSON_Parse(three.out);
			g_assert_cmpint(cJSON_GetArraySize(arr), ==, 11);
			cJSON_Delete(arr);
		}
		tu_run_clear(&one);
		tu_run_clear(&three);
		g_ptr_array_free(argv1, TRUE);
		g_ptr_array_free(argv3, TRUE);
	}
	g_free(h1);
	g_free(h2);
	g_free(b);
}

/* More files than the pipeline holds in flight (128 with two jobs): the
 * main thread waits for room before it hands over each file past the
 * window, and the results come out whole and in order, as with one job. */
static void test_files_past_window(void)
{
	const char *texts[] = {"The harbor plan was approved today. Work starts in May.",
	                       "A second article about the river bridge. It opened today.",
	                       "Rain is expected on Tuesday. The market will be closed."};
	char *paths[G_N_ELEMENTS(texts)];
	for (guint i = 0; i < G_N_ELEMENTS(texts); i++) {
		char *name = g_strdup_printf("window-%u.txt", i);
		paths[i] = tmpfile_with(name, texts[i], -1);
		g_free(name);
	}
	const guint n = 300;
	const char *jobs[] = {"1", "2"};
	TuRun runs[2];
	for (guint j = 0; j < 2; j++) {
		GPtrArray *argv = g_ptr_array_new();
		g_ptr_array_add(argv, "--format");
		g_ptr_array_add(argv, "json");
		g_ptr_array_add(argv, "-j");
		g_ptr_array_add(argv, (gpointer)jobs[j]);
		for (guint i = 0; i < n; i++)
			g_ptr_array_add(argv, paths[(i * 7 / 5) % G_N_ELEMENTS(paths)]);
		g_ptr_array_add(argv, NULL);
		tu_run(&runs[j], NULL, NULL, 0, (const char **)argv->pdata);
		g_assert_cmpint(runs[j].status, ==, 0);
		g_ptr_array_free(argv, TRUE);
	}
	g_assert_cmpstr(runs[0].out, ==, runs[1].out);
	cJSON *arr = cJSON_Parse(runs[1].out);
	g_assert_cmpint(cJSON_GetArraySize(arr), ==, (int)n);
	for (guint i = 0; i < n; i++) {
		const char *want = texts[(i * 7 / 5) % G_N_ELEMENTS(texts)];
		cJSON *summary = cJSON_GetObjectItem(cJSON_GetArrayItem(arr, (int)i), "summary");
		g_assert_cmpint(cJSON_GetArraySize(summary), >, 0);
		/* each summary is made of its own file's sentences */
		cJSON *sentence;
		cJSON_ArrayForEach(sentence, summary)
		{
			g_assert_true(cJSON_IsString(sentence));
			g_assert_nonnull(strstr(want, sentence->valuestring));
		}
	}
	cJSON_Delete(arr);
	tu_run_clear(&runs[0]);
	tu_run_clear(&runs[1]);
	for (guint i = 0; i < G_N_ELEMENTS(paths); i++)
		g_free(paths[i]);
}

static void test_bad_input(void)
{
	TuRun r;
	char *bin = tmpfile_with("bin.dat", "abc\0def. More text here.", 24);
	tu_runv(&r, bin, NULL);
	g_assert_cmpint(r.status, ==, 1);
	char *msg = g_strdup_printf("lede: %s: binary file\n", bin);
	g_assert_cmpstr(r.err, ==, msg);
	g_free(msg);
	tu_run_clear(&r);

	char *empty = tmpfile_with("empty.txt", "", 0);
	char *blank = tmpfile_with("blank.txt", "  \n\r\n\t\n", -1);
	tu_runv(&r, empty, NULL);
	g_assert_cmpint(r.status, ==, 0);
	g_assert_cmpstr(r.out, ==, "");
	g_assert_cmpstr(r.err, ==, "");
	tu_run_clear(&r);
	tu_runv(&r, "--format", "json", blank, NULL);
	g_assert_cmpint(r.status, ==, 0);
	cJSON *o = cJSON_Parse(r.out);
	g_assert_cmpint(cJSON_GetArraySize(cJSON_GetObjectItem(o, "summary")), ==, 0);
	cJSON_Delete(o);
	tu_run_clear(&r);

	char *bad = tmpfile_with("bad.txt",
	                         "The caf\xe9 opened in the square today. Many people came.", -1);
	tu_runv(&r, bad, NULL);
	g_assert_cmpint(r.status, ==, 0);
	g_assert_nonnull(strstr(r.err, "invalid UTF-8"));
	g_assert_true(g_utf8_validate(r.out, -1, NULL));
	g_assert_nonnull(strstr(r.out, "caf\xEF\xBF\xBD"));
	tu_run_clear(&r);

	tu_runv(&r, tmp, NULL);
	g_assert_cmpint(r.status, ==, 1);
	g_assert_nonnull(strstr(r.err, "Is a directory"));
	tu_run_clear(&r);

	/* CRLF and a BOM change nothing in the summary */
	char *data;
	gsize len;
	g_assert_true(g_file_get_contents(sample_path, &data, &len, NULL));
	GString *crlf = g_string_new("\xEF\xBB\xBF");
	for (gsize i = 0; i < len; i++) {
		if (data[i] == '\n')
			g_string_append_c(crlf, '\r');
		g_string_append_c(crlf, data[i]);
	}
	char *crlf_path = tmpfile_with("crlf.txt", crlf->str, (gssize)crlf->len);
	TuRun a, b;
	tu_runv(&a, "--only", "summary", sample_path, NULL);
	tu_runv(&b, "--only", "summary", crlf_path, NULL);
	g_assert_cmpstr(a.out, ==, b.out);
	tu_run_clear(&a);
	tu_run_clear(&b);
	g_string_free(crlf, TRUE);
	g_free(data);
	g_free(crlf_path);
	g_free(bin);
	g_free(empty);
	g_free(blank);
	g_free(bad);
}

static void test_jsonl(void)
{
	const char *input =
	    "{\"id\": \"a\", \"text\": \"The council voted on the harbor plan today. The mayor "
	    "spoke first. Residents were divided.\"}\n"
	    "\n"
	    "{\"text\": \"No id here, so the line number is used. That is line three.\"}\n"
	    "{not json}\n"
	    "{\"id\": 7, \"title\": \"no text\"}\n"
	    "{\"id\": [1], \"text\": \"An array id is kept as it is. Fine.\"}\n"
	    "{\"id\": \"nul\", \"text\": \"bin\\u0000ary\"}\n"
	    "[1, 2]\n";
	const char *args[] = {"--jsonl", "-j", "1", NULL};
	TuRun r;
	tu_run(&r, NULL, input, strlen(input), args);
	g_assert_cmpint(r.status, ==, 1);
	char **lines = g_strsplit(r.out, "\n", -1);
	g_assert_cmpuint(g_strv_length(lines), ==, 8); /* 7 objects + trailing empty */
	const char *ids[] = {"\"a\"", "3", "4", "7", "[1]", "\"nul\"", "8"};
	gboolean errs[] = {FALSE, FALSE, TRUE, TRUE, FALSE, TRUE, TRUE};
	for (guint i = 0; i < 7; i++) {
		cJSON *o = cJSON_Parse(lines[i]);
		g_assert_nonnull(o);
		char *id = cJSON_PrintUnformatted(cJSON_GetObjectItem(o, "id"));
		g_assert_cmpstr(id, ==, ids[i]);
		cJSON_free(id);
		g_assert_cmpint(cJSON_HasObjectItem(o, "error"), ==, errs[i]);
		g_assert_cmpint(cJSON_HasObjectItem(o, "summary"), ==, !errs[i]);
		cJSON_Delete(o);
	}
	g_assert_nonnull(strstr(r.err, "(stdin):4: invalid JSON"));
	g_strfreev(lines);

	/* -j 2 gives the same bytes in the same order */
	const char *args2[] = {"--jsonl", "-j", "2", NULL};
	TuRun r2;
	tu_run(&r2, NULL, input, strlen(input), args2);
	g_assert_cmpstr(r.out, ==, r2.out);
	g_assert_cmpstr(r.err, ==, r2.err); /* messages in input order too */
	tu_run_clear(&r);
	tu_run_clear(&r2);
}

/* Runs lede --jsonl -j JOBS on input; returns the output lines. */
static char **jsonl_lines(TuRun *r, const char *input, gsize len, const char *jobs)
{
	const char *args[] = {"--jsonl", "-j", jobs, NULL};
	tu_run(r, NULL, input, len, args);
	return g_strsplit(r->out, "\n", -1);
}

/* Only a NUL really in "text" makes a binary document: the escape \u0000 in
 * "text" (after other escapes, or after an escaped backslash, or in a name
 * that decodes to "text"). The text \\u0000 (a backslash, then "u0000"), a
 * NUL in another member or in a nested "text", and \u0001 are text. A raw
 * control byte inside a string is invalid JSON: a raw NUL used to cut the
 * text short, with exit 0. */
static void test_jsonl_escaped_nul(void)
{
	static const char input[] =
	    "{\"id\": 1, \"text\": \"Quote \\\"x\\\" and\\n\\u0000 then. The vote was today.\"}\n"
	    "{\"id\": \"\\u0000\", \"text\": \"The council voted on the harbor plan today.\"}\n"
	    "{\"id\": 3, \"text\": \"A path C:\\\\u0000 here. The council voted today.\"}\n"
	    "{\"id\": 4, \"text\": \"The council \\u0001 voted on the harbor plan today.\"}\n"
	    "{\"id\": 5, \"note\": \"\\u0000\", \"text\": \"The council voted on the plan.\"}\n"
	    "{\"id\": 6, \"text\": \"The council voted\0 on the harbor plan today.\"}\n"
	    "{\"id\": 7, \"text\": \"The council voted\x01 on the harbor plan today.\"}\n"
	    "{\"id\": 8, \"text\": \"A path C:\\\\\\u0000 here. The council voted today.\"}\n"
	    "{\"id\": 9, \"meta\": {\"text\": \"\\u0000\"}, \"text\": \"The council voted.\"}\n"
	    "{\"id\": 10, \"te\\u0078t\": \"The council\\u0000 voted.\"}\n";
	/* each line: 'b' binary document, 'j' invalid JSON, '-' summarized */
	const char *kind = "b----jjb-b";
	for (guint jobs = 1; jobs <= 2; jobs++) {
		TuRun r;
		char **lines = jsonl_lines(&r, input, sizeof input - 1, jobs == 1 ? "1" : "2");
		g_assert_cmpint(r.status, ==, 1);
		g_assert_cmpuint(g_strv_length(lines), ==, 11); /* 10 objects + trailing empty */
		for (guint i = 0; i < 10; i++) {
			char k = kind[i];
			char *where = g_strdup_printf("(stdin):%u: ", i + 1);
			const char *msg = strstr(r.err, where);
			g_test_message("line %u: %s", i + 1, lines[i]);
			cJSON *o = cJSON_Parse(lines[i]);
			g_assert_nonnull(o);
			g_assert_cmpint(cJSON_HasObjectItem(o, "error"), ==, k != '-');
			g_assert_cmpint(cJSON_HasObjectItem(o, "summary"), ==, k == '-');
			if (k == '-')
				g_assert_null(msg);
			else
				g_assert_true(g_str_has_prefix(
				    msg + strlen(where), k == 'b' ? "binary" : "invalid JSON"));
			cJSON_Delete(o);
			g_free(where);
		}
		g_assert_true(g_str_has_prefix(lines[1], "{\"id\":\"\\u0000\","));
		/* the NUL-free texts come out whole */
		g_assert_nonnull(strstr(lines[2], "C:\\\\u0000 here."));
		g_strfreev(lines);
		tu_run_clear(&r);
	}
}

/* Ids come back as the JSON text they were given: cJSON's doubles made the
 * first two one id, and 1e999 and the 400-digit id null. */
static void test_jsonl_ids_verbatim(void)
{
	GString *digits = g_string_new("9");
	for (guint i = 1; i < 400; i++)
		g_string_append_c(digits, (char)('0' + i % 10));
	const char *ids[] = {"12345678901234567890",
	                     "12345678901234567891",
	                     "1e999",
	                     "-0.50E-7",
	                     digits->str,
	                     "\"caf\\u00e9 \\\"x\\\"\"",
	                     "{\"a\":[1,12345678901234567891,\"b c\"]}",
	                     "true",
	                     "null"};
	GString *in = g_string_new(NULL);
	for (guint i = 0; i < G_N_ELEMENTS(ids); i++) {
		/* white space inside an object id is left out; the rest is kept */
		char *id = i == 6 ? g_strdup("{ \"a\" : [1, 12345678901234567891 ,\"b c\"] }")
		                  : g_strdup(ids[i]);
		g_string_append_printf(in, "{\"id\": %s, \"text\": \"%s\"}\n", id,
		                       i == 3 ? "\\u0000" : "The council voted on the plan.");
		g_free(id);
	}
	TuRun r;
	char **lines = jsonl_lines(&r, in->str, in->len, "2");
	g_assert_cmpint(r.status, ==, 1); /* the binary one */
	g_assert_cmpuint(g_strv_length(lines), ==, G_N_ELEMENTS(ids) + 1);
	for (guint i = 0; i < G_N_ELEMENTS(ids); i++) {
		char *want = g_strdup_printf("{\"id\":%s,", ids[i]);
		g_test_message("line %u: %.80s", i + 1, lines[i]);
		g_assert_true(g_str_has_prefix(lines[i], want));
		g_assert_nonnull(strstr(lines[i], i == 3 ? "\"error\"" : "\"summary\""));
		cJSON *o = cJSON_Parse(lines[i]);
		g_assert_nonnull(o);
		cJSON_Delete(o);
		g_free(want);
	}
	g_strfreev(lines);
	tu_run_clear(&r);
	g_string_free(in, TRUE);
	g_string_free(digits, TRUE);
}

/* A line is one JSON object and nothing else but white space; numbers are
 * JSON's (cJSON reads them with strtod, which takes +1 and .5); a control
 * byte outside a string is not white space (cJSON skipped it as if it were). */
static void test_jsonl_strict(void)
{
	static const char input[] = "{\"text\": \"The council voted.\"} junk\n"
	                            "{\"text\": \"The council voted.\"} \t\r\n"
	                            "{\"text\": \"The council voted.\"}{\"text\": \"x\"}\n"
	                            "{\"id\": +1, \"text\": \"The council voted.\"}\n"
	                            "{\"id\": .5, \"text\": \"The council voted.\"}\n"
	                            "{\"id\": 01, \"text\": \"The council voted.\"}\n"
	                            "{\"id\": 1., \"text\": \"The council voted.\"}\n"
	                            "\x01{\"text\": \"The council voted.\"}\n"
	                            "{\"text\": \"The council voted.\", \"n\": [1,\x02 2]}\n"
	                            "{\"id\": -0, \"text\": \"The council voted.\"}\n";
	const char *ok = "-+-------+";
	TuRun r;
	char **lines = jsonl_lines(&r, input, sizeof input - 1, "1");
	g_assert_cmpint(r.status, ==, 1);
	g_assert_cmpuint(g_strv_length(lines), ==, 11);
	for (guint i = 0; i < 10; i++) {
		char *where = g_strdup_printf("(stdin):%u: invalid JSON\n", i + 1);
		g_test_message("line %u: %.80s", i + 1, lines[i]);
		g_assert_cmpint(strstr(r.err, where) != NULL, ==, ok[i] != '+');
		g_assert_cmpint(strstr(lines[i], "\"summary\"") != NULL, ==, ok[i] == '+');
		g_free(where);
	}
	g_strfreev(lines);
	tu_run_clear(&r);
}

/* Long "text" and "html" strings are decoded by lede rather than cJSON
 * (jsonl.c): every escape reads as cJSON reads it, an escape cJSON would
 * read wrongly ("\u00zz" as a NUL that ends the string) or refuse is
 * invalid JSON, and a NUL in "html" makes a binary document as in "text". */
static void test_jsonl_long_strings(void)
{
#define PLAIN "The council voted on the plan to rebuild the ferry pier at Keelung. "
	static const char input[] =
	    "{\"id\": 1, \"text\": \"" PLAIN
	    "It said \\\"yes\\\" to caf\xC3\xA9 \xF0\x9F\x98\x80 and a/b today.\"}\n"
	    "{\"id\": 2, \"text\": \"" PLAIN
	    "It said \\\"yes\\\" to caf\\u00e9 \\ud83d\\ude00 and a\\/b today.\"}\n"
	    "{\"id\": 3, \"html\": \"<p>" PLAIN
	    "It said \\\"yes\\\" to caf\\u00E9 \\uD83D\\uDE00 and a\\/b today.</p>\"}\n"
	    "{\"id\": 4, \"text\": \"" PLAIN "A lone \\udc00 low surrogate.\"}\n"
	    "{\"id\": 5, \"text\": \"" PLAIN "A lone \\ud800 high surrogate.\"}\n"
	    "{\"id\": 6, \"text\": \"" PLAIN "A bad \\u00zz hex escape.\"}\n"
	    "{\"id\": 7, \"text\": \"" PLAIN "An escape \\x41 JSON lacks.\"}\n"
	    "{\"id\": 8, \"html\": \"<p>" PLAIN "A NUL \\u0000 in a page.</p>\"}\n";
#undef PLAIN
	const char *kind = "---jjjjb"; /* as in test_jsonl_escaped_nul */
	TuRun r;
	char **lines = jsonl_lines(&r, input, sizeof input - 1, "2");
	g_assert_cmpint(r.status, ==, 1);
	g_assert_cmpuint(g_strv_length(lines), ==, 9);
	char *first = NULL;
	for (guint i = 0; i < 8; i++) {
		g_test_message("line %u: %s", i + 1, lines[i]);
		cJSON *o = cJSON_Parse(lines[i]);
		g_assert_nonnull(o);
		cJSON *summary = cJSON_GetObjectItemCaseSensitive(o, "summary");
		cJSON *error = cJSON_GetObjectItemCaseSensitive(o, "error");
		g_assert_cmpint(summary != NULL, ==, kind[i] == '-');
		if (kind[i] == '-') {
			char *s = cJSON_PrintUnformatted(summary);
			g_assert_nonnull(strstr(s, "caf\xC3\xA9 \xF0\x9F\x98\x80 and a/b"));
			if (!first)
				first = g_strdup(s);
			g_assert_cmpstr(s, ==, first);
			cJSON_free(s);
		} else {
			g_assert_cmpstr(cJSON_GetStringValue(error), ==,
			                kind[i] == 'j' ? "invalid JSON"
			                               : "binary file (contains NUL bytes)");
		}
		cJSON_Delete(o);
	}
	g_free(first);
	g_strfreev(lines);
	tu_run_clear(&r);
}

/* A line getline cannot make room for was taken for the end of the input:
 * the rest went unread, with exit 0. It is reported, has its error line, and
 * the lines after it are read. Under ASan, which reserves terabytes of
 * address space, lede cannot start under ulimit -v: skipped then. */
static void test_jsonl_line_too_long(void)
{
	/* KB: lede with two threads needs about 60 MB of address space (two
	 * stacks, libxml2 and what it loads) */
	const char *limit = "-v 96000";
	static const char small[] = "{\"id\": 1, \"text\": \"The council voted on the plan.\"}\n";
	const char *args1[] = {"--jsonl", "-j", "2", NULL};
	TuRun r;
	tu_run_ulimit(&r, limit, small, sizeof small - 1, args1);
	if (r.status != 0) {
		g_test_skip("lede does not run under ulimit -v 96000 (AddressSanitizer?)");
		tu_run_clear(&r);
		return;
	}
	tu_run_clear(&r);
	GString *in = g_string_new(small);
	g_string_append(in, "{\"id\": 2, \"text\": \"");
	gsize big = 128u << 20; /* more than the whole limit */
	g_string_set_size(in, in->len + big);
	memset(in->str + in->len - big, 'x', big);
	g_string_append(in, "\"}\n{\"id\": 3, \"text\": \"The mayor spoke first.\"}\n");
	for (guint jobs = 1; jobs <= 2; jobs++) {
		const char *args[] = {"--jsonl", "-j", jobs == 1 ? "1" : "2", NULL};
		tu_run_ulimit(&r, limit, in->str, in->len, args);
		g_assert_cmpint(r.status, ==, 1);
		g_assert_cmpstr(r.err, ==, "lede: (stdin):2: line too long / out of memory\n");
		char **lines = g_strsplit(r.out, "\n", -1);
		g_assert_cmpuint(g_strv_length(lines), ==, 4);
		g_assert_true(g_str_has_prefix(lines[0], "{\"id\":1,\"kicker\""));
		g_assert_cmpstr(lines[1], ==,
		                "{\"id\":2,\"error\":\"line too long / out of memory\"}");
		g_assert_true(g_str_has_prefix(lines[2], "{\"id\":3,\"kicker\""));
		g_strfreev(lines);
		tu_run_clear(&r);
	}
	g_string_free(in, TRUE);
}

/* Input and output pass through 64 KB stdio buffers: lines longer than a
 * buffer, and more output than one, from standard input or a file, with one
 * job or two, come out whole and alike. With two jobs, lines are read
 * straight into the pipeline's line buffers, which are reused for lines
 * longer and shorter than their last ones (the 30,000-byte lines' buffers
 * are kept, the 100,000-byte lines' freed), and a blank line's buffer takes
 * the next line. The last line has no newline; a bad line's number counts
 * the blank lines. */
static void test_jsonl_past_buffers(void)
{
	GString *in = g_string_new(NULL);
	guint bad_lineno = 0, lineno = 0;
	for (guint i = 0; i < 303; i++) {
		g_string_append_printf(in, "{\"id\": %u, \"text\": \"", i);
		guint want = i % 100 == 0 ? 100000 : i % 100 == 50 ? 30000 : 200;
		gsize start = in->len;
		while (in->len - start < want - 40)
			g_string_append(in, "The harbor plan was approved today. ");
		while (in->len - start < want)
			g_string_append_c(in, 'x');
		g_string_append(in, i == 302 ? "\"}" : "\"}\n");
		lineno++;
		if (i % 7 == 3) {
			g_string_append(in, i % 2 ? " \t\r\n" : "\n");
			lineno++;
		}
		if (i == 200) {
			g_string_append(in, "{\"id\": \"bad\"\n");
			bad_lineno = ++lineno;
		}
	}
	char *path = tmpfile_with("long.jsonl", in->str, (gssize)in->len);
	const char *from_file[] = {"--jsonl", "-j", "1", path, NULL};
	const char *from_stdin[] = {"--jsonl", "-j", "1", NULL};
	const char *two_jobs[] = {"--jsonl", "-j", "2", path, NULL};
	TuRun a, b, c;
	tu_run(&a, NULL, NULL, 0, from_file);
	tu_run(&b, NULL, in->str, in->len, from_stdin);
	tu_run(&c, NULL, NULL, 0, two_jobs);
	g_assert_cmpint(a.status, ==, 1); /* the bad line */
	g_assert_cmpint(b.status, ==, 1);
	g_assert_cmpint(c.status, ==, 1);
	g_assert_cmpuint(strlen(a.out), >, 1u << 16);
	g_assert_cmpstr(a.out, ==, c.out);
	g_assert_cmpstr(a.err, ==, c.err);
	char *where = g_strdup_printf("%s:%u:", path, bad_lineno);
	g_assert_nonnull(strstr(a.err, where));
	g_free(where);
	char **lines = g_strsplit(a.out, "\n", -1);
	char **lines_b = g_strsplit(b.out, "\n", -1);
	g_assert_cmpuint(g_strv_length(lines), ==, 305); /* 304 objects + trailing empty */
	g_assert_cmpuint(g_strv_length(lines_b), ==, 305);
	for (guint k = 0, i = 0; k < 304; k++) {
		cJSON *o = cJSON_Parse(lines[k]);
		g_assert_nonnull(o);
		if (k == 201) { /* the bad line's error object */
			g_assert_true(cJSON_HasObjectItem(o, "error"));
			cJSON_Delete(o);
			continue;
		}
		g_assert_cmpstr(lines[k], ==, lines_b[k]);
		g_assert_cmpint(cJSON_GetObjectItem(o, "id")->valueint, ==, (int)i);
		cJSON *bytes = cJSON_GetObjectItem(cJSON_GetObjectItem(o, "stats"), "bytes");
		g_assert_cmpint(bytes->valueint, ==,
		                i % 100 == 0    ? 100000
		                : i % 100 == 50 ? 30000
		                                : 200);
		cJSON_Delete(o);
		i++;
	}
	g_strfreev(lines);
	g_strfreev(lines_b);
	tu_run_clear(&a);
	tu_run_clear(&b);
	tu_run_clear(&c);
	g_free(path);
	g_string_free(in, TRUE);
}

static void test_jsonl_parallel_identical(void)
{
	GString *g = g_string_new(NULL);
	char *data;
	g_assert_true(g_file_get_contents(sample_path, &data, NULL, NULL));
	char **paras = g_strsplit(data, "\n\n", -1);
	for (guint rep = 0; rep < 40; rep++)
		for (guint i = 0; paras[i]; i++) {
			cJSON *o = cJSON_CreateObject();
			cJSON_AddNumberToObject(o, "id", rep * 100 + i);
			char *t = g_strdup_printf("%s\n\n%s", paras[i],
			                          paras[(i + rep) % g_strv_length(paras)]);
			cJSON_AddStringToObject(o, "text", t);
			char *s = cJSON_PrintUnformatted(o);
			g_string_append_printf(g, "%s\n", s);
			cJSON_free(s);
			cJSON_Delete(o);
			g_free(t);
		}
	char *in = tmpfile_with("many.jsonl", g->str, (gssize)g->len);
	TuRun a, b;
	tu_runv(&a, "--jsonl", "-j", "1", "--keyphrases", "3", in, NULL);
	tu_runv(&b, "--jsonl", "-j", "4", "--keyphrases", "3", in, NULL);
	g_assert_cmpint(a.status, ==, 0);
	g_assert_cmpstr(a.out, ==, b.out);
	tu_run_clear(&a);
	tu_run_clear(&b);
	g_free(in);
	g_strfreev(paras);
	g_free(data);
	g_string_free(g, TRUE);
}

/* More lines than the pipeline's window (128 in flight): the reader waits
 * for room and the workers write in order; every line comes out once. */
static void test_jsonl_parallel_window(void)
{
	GString *g = g_string_new(NULL);
	for (guint i = 0; i < 3000; i++) {
		if (i % 500 == 250)
			g_string_append(g, "{broken\n");
		else
			g_string_append_printf(
			    g,
			    "{\"id\": %u, \"text\": \"Line %u of the stream. It has "
			    "%u words in a sentence.\"}\n",
			    i, i, i % 7 + 3);
	}
	char *in = tmpfile_with("window.jsonl", g->str, (gssize)g->len);
	TuRun a, b;
	tu_runv(&a, "--jsonl", "-j", "1", "--only", "summary", in, NULL);
	tu_runv(&b, "--jsonl", "-j", "3", "--only", "summary", in, NULL);
	g_assert_cmpint(a.status, ==, 1);
	g_assert_cmpint(b.status, ==, 1);
	g_assert_cmpstr(a.out, ==, b.out);
	g_assert_cmpstr(a.err, ==, b.err);
	guint lines = 0;
	for (const char *p = b.out; (p = strchr(p, '\n')); p++)
		lines++;
	g_assert_cmpuint(lines, ==, 3000);
	tu_run_clear(&a);
	tu_run_clear(&b);
	g_free(in);
	g_string_free(g, TRUE);
}

/* Short options take attached values ("-n1", "-j1", "-k2", "-fjson"),
 * and a value may start with '-'. */
static void test_attached_values(void)
{
	TuRun a, b;
	tu_runv(&a, "-n", "1", "-j", "1", "-k", "2", "-f", "json", sample_path, NULL);
	tu_runv(&b, "-n1", "-j1", "-k2", "-fjson", sample_path, NULL);
	g_assert_cmpint(b.status, ==, 0);
	g_assert_cmpstr(a.out, ==, b.out);
	tu_run_clear(&a);
	tu_run_clear(&b);
	tu_runv(&a, "--weights", "-n1", sample_path, NULL);
	g_assert_cmpint(a.status, ==, 1);
	g_assert_true(g_str_has_prefix(a.err, "lede: -n1: "));
	tu_run_clear(&a);
	tu_runv(&a, "--format", "\xff", sample_path, NULL);
	g_assert_cmpint(a.status, ==, 2);
	g_assert_true(g_str_has_prefix(a.err, "lede: --format: not valid UTF-8"));
	tu_run_clear(&a);
}

static void test_locale_independent(void)
{
	TuRun a, b;
	tu_runv(&a, "--format", "json", "--explain", sample_path, NULL);
	g_setenv("LC_ALL", "de_DE.UTF-8", TRUE);
	tu_runv(&b, "--format", "json", "--explain", sample_path, NULL);
	g_setenv("LC_ALL", "C.UTF-8", TRUE);
	g_assert_cmpstr(a.out, ==, b.out);
	tu_run_clear(&a);
	tu_run_clear(&b);
}

/* Under a Turkish locale g_utf8_strup wrote the kicker "TERMİNAL": the
 * whole output must be the C locale's, byte for byte. */
static void test_locale_turkish(void)
{
	char *dir = tu_turkish_locale();
	if (!dir)
		return;
	char *files[] = {g_strdup(sample_path), tu_data_file("digest/harbor-vote.txt"),
	                 tu_data_file("digest/rail-strike.md"), tu_data_file("digest/tricky.txt")};
	for (guint i = 0; i < G_N_ELEMENTS(files); i++) {
		TuRun a, b;
		tu_runv(&a, "--format", "json", "--explain", "-k", "5", files[i], NULL);
		g_setenv("LOCPATH", dir, TRUE);
		g_setenv("LC_ALL", "tr_TR.UTF-8", TRUE);
		tu_runv(&b, "--format", "json", "--explain", "-k", "5", files[i], NULL);
		g_setenv("LC_ALL", "C.UTF-8", TRUE);
		g_unsetenv("LOCPATH");
		g_assert_cmpint(a.status, ==, 0);
		g_assert_cmpint(b.status, ==, 0);
		g_assert_cmpstr(a.out, ==, b.out);
		tu_run_clear(&a);
		tu_run_clear(&b);
		g_free(files[i]);
	}
	tu_rmtree(dir);
	g_free(dir);
}

/* Lines ended by CR alone are line breaks: the same output as with LF. */
static void test_cr_line_ends(void)
{
	char *lf;
	gsize len;
	g_assert_true(g_file_get_contents(sample_path, &lf, &len, NULL));
	g_strdelimit(lf, "\n", '\r');
	char *cr = tmpfile_with("mac.txt", lf, (gssize)len);
	TuRun a, b;
	tu_runv(&a, "-k", "3", sample_path, NULL);
	tu_runv(&b, "-k", "3", cr, NULL);
	g_assert_cmpint(b.status, ==, 0);
	g_assert_cmpstr(b.out, ==, a.out);
	tu_run_clear(&a);
	tu_run_clear(&b);
	g_free(cr);
	g_free(lf);
}

static void test_model_and_weights_errors(void)
{
	TuRun r;
	tu_runv(&r, "--model", "/nonexistent/m.ldf", sample_path, NULL);
	g_assert_cmpint(r.status, ==, 1);
	g_assert_true(g_str_has_prefix(r.err, "lede: /nonexistent/m.ldf: "));
	tu_run_clear(&r);
	char *w = tmpfile_with("w.json", "{\"weights\": {\"position\": 1}}", -1);
	tu_runv(&r, "--weights", w, "--only", "summary", sample_path, NULL);
	g_assert_cmpint(r.status, ==, 0);
	g_assert_cmpuint(strlen(r.out), >, 40);
	tu_run_clear(&r);
	char *bad = tmpfile_with("bad.json", "{", -1);
	tu_runv(&r, "--weights", bad, sample_path, NULL);
	g_assert_cmpint(r.status, ==, 1);
	char *want = g_strdup_printf("lede: %s: not a JSON object\n", bad);
	g_assert_cmpstr(r.err, ==, want);
	g_free(want);
	tu_run_clear(&r);
	/* lede: FILE: reason, once, for every kind of failure */
	tu_runv(&r, "--weights", "/nonexistent/w.json", sample_path, NULL);
	g_assert_cmpint(r.status, ==, 1);
	g_assert_cmpstr(r.err, ==, "lede: /nonexistent/w.json: No such file or directory\n");
	tu_run_clear(&r);
	char *neg = tmpfile_with("neg.json", "{\"min_words\": -3}", -1);
	tu_runv(&r, "--weights", neg, sample_path, NULL);
	g_assert_cmpint(r.status, ==, 1);
	g_assert_cmpstr(r.out, ==, "");
	want = g_strdup_printf("lede: %s: \"min_words\": expected a whole number from 0 to 1000\n",
	                       neg);
	g_assert_cmpstr(r.err, ==, want);
	g_free(want);
	tu_run_clear(&r);
	g_free(w);
	g_free(bad);
	g_free(neg);
}

int main(int argc, char **argv)
{
	g_test_init(&argc, &argv, NULL);
	/* a lede that stops reading early is a failed assertion, not a dead test */
	signal(SIGPIPE, SIG_IGN);
	sample_path = tu_data_file("sample-article.txt");
	tmp = tu_tmpdir();
	g_test_add_func("/cli/help-version", test_help_version);
	g_test_add_func("/cli/usage-errors", test_usage_errors);
	g_test_add_func("/cli/sample-golden", test_sample_golden);
	g_test_add_func("/cli/stdin-and-dash", test_stdin_and_dash);
	g_test_add_func("/cli/length-options", test_length_options);
	g_test_add_func("/cli/only", test_only);
	g_test_add_func("/cli/headline-max", test_headline_max);
	g_test_add_func("/cli/multiple-files", test_multiple_files);
	g_test_add_func("/cli/files-past-window", test_files_past_window);
	g_test_add_func("/cli/bad-input", test_bad_input);
	g_test_add_func("/cli/jsonl", test_jsonl);
	g_test_add_func("/cli/jsonl-escaped-nul", test_jsonl_escaped_nul);
	g_test_add_func("/cli/jsonl-ids-verbatim", test_jsonl_ids_verbatim);
	g_test_add_func("/cli/jsonl-strict", test_jsonl_strict);
	g_test_add_func("/cli/jsonl-long-strings", test_jsonl_long_strings);
	g_test_add_func("/cli/jsonl-line-too-long", test_jsonl_line_too_long);
	g_test_add_func("/cli/jsonl-past-buffers", test_jsonl_past_buffers);
	g_test_add_func("/cli/jsonl-parallel-identical", test_jsonl_parallel_identical);
	g_test_add_func("/cli/jsonl-parallel-window", test_jsonl_parallel_window);
	g_test_add_func("/cli/attached-values", test_attached_values);
	g_test_add_func("/cli/locale-independent", test_locale_independent);
	g_test_add_func("/cli/locale-turkish", test_locale_turkish);
	g_test_add_func("/cli/cr-line-ends", test_cr_line_ends);
	g_test_add_func("/cli/model-and-weights-errors", test_model_and_weights_errors);
	int rc = g_test_run();
	tu_rmtree(tmp);
	g_free(tmp);
	g_free(sample_path);
	return rc;
}
