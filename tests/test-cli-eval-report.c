/* lede eval --report, through the built binary: the page of every form and
 * target, its escaping, its atomic write, its size and time on 100,000
 * items, its markup (xmllint), and how headless Chromium renders it: SVG
 * of non-zero size, no console error, a screenshot. Issue 17. */
#include "testutil.h"

#include <cjson/cJSON.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

static char *tmp;

static char *tmp_path(const char *name)
{
	return g_build_filename(tmp, name, NULL);
}

static char *read_all(const char *path)
{
	char *s = NULL;
	g_assert_true(g_file_get_contents(path, &s, NULL, NULL));
	return s;
}

static guint count(const char *hay, const char *needle)
{
	guint n = 0;
	for (const char *p = strstr(hay, needle); p; p = strstr(p + 1, needle))
		n++;
	return n;
}

/* A small dataset whose best sentences are not always the first: 40
 * articles of 8 sentences, each reference two of its sentences reworded. */
static const char *const pool[] = {
    "The city council approved a plan to rebuild the flooded ferry terminal on Tuesday.",
    "Officials said the work would cost 2.4 billion dollars over five years.",
    "Shipping companies had warned that another summer of closures would hurt trade.",
    "The mayor told councilors that pumping seawater out every typhoon was no longer possible.",
    "Critics argued that the national government should pay for most of the work.",
    "By Staff Writer, with additional reporting from agencies.",
    "Residents near the harbour welcomed the vote but feared years of construction noise.",
    "The new terminal will stand 400 metres inland and 3.5 metres higher.",
    "Photo: the old terminal under water last August.",
    "Engineers expect the first ferries to dock at the new building in 2029.",
    "Opposition councilors said the budget ignored bus routes in the hills.",
    "A similar project in the south took eight years and ran over budget.",
};

static char *dataset_file(void)
{
	GString *g = g_string_new(NULL);
	guint n = G_N_ELEMENTS(pool);
	for (guint i = 0; i < 40; i++) {
		cJSON *o = cJSON_CreateObject();
		/* one id that is markup, to check the escaping */
		if (i == 7)
			cJSON_AddStringToObject(o, "id", "</b><script>alert(1)</script>&amp;");
		else
			cJSON_AddNumberToObject(o, "id", i);
		GString *t = g_string_new(NULL);
		for (guint k = 0; k < 8; k++)
			g_string_append_printf(t, "%s%s", k ? " " : "", pool[(i * 5 + k * 7) % n]);
		cJSON_AddStringToObject(o, "text", t->str);
		char *ref = g_strdup_printf("%s\n%s <em>&", pool[(i * 5 + ((i % 4) + 2) * 7) % n],
		                            pool[(i * 5 + (i % 3) * 7) % n]);
		cJSON *refs = cJSON_AddArrayToObject(o, "references");
		cJSON_AddItemToArray(refs, cJSON_CreateString(ref));
		char *line = cJSON_PrintUnformatted(o);
		g_string_append_printf(g, "%s\n", line);
		cJSON_free(line);
		g_free(ref);
		g_string_free(t, TRUE);
		cJSON_Delete(o);
	}
	char *p = tmp_path("set.jsonl");
	tu_write(p, g->str, (gssize)g->len);
	g_string_free(g, TRUE);
	return p;
}

/* The page is well-formed XML (every element closed, no named entity
 * beyond XML's), and libxml2's HTML parser finds nothing wrong but the
 * SVG elements its HTML 4 tables do not know (libxml2 2.9; 2.14 parses
 * HTML5 and says nothing). */
static void check_markup(const char *page_path)
{
	char *xmllint = g_find_program_in_path("xmllint");
	if (!xmllint) {
		g_test_message("xmllint absent (Debian libxml2-utils): markup not checked");
		return;
	}
	const char *xml_argv[] = {xmllint, "--noout", "--nonet", page_path, NULL};
	char *out = NULL, *err = NULL;
	int status = 0;
	g_assert_true(g_spawn_sync(NULL, (char **)xml_argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out,
	                           &err, &status, NULL));
	if (*err)
		g_test_message("xmllint --noout: %s", err);
	g_assert_cmpstr(err, ==, "");
	g_assert_true(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	g_free(out);
	g_free(err);
	const char *html_argv[] = {xmllint, "--html", "--noout", "--nonet", page_path, NULL};
	g_assert_true(g_spawn_sync(NULL, (char **)html_argv, NULL, G_SPAWN_DEFAULT, NULL, NULL,
	                           &out, &err, &status, NULL));
	g_assert_true(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	static const char *const svg_tags[] = {"svg",    "line", "text", "rect",
	                                       "circle", "path", "title"};
	char **lines = g_strsplit(err, "\n", -1);
	for (char **l = lines; *l; l++) {
		const char *e = strstr(*l, "HTML parser error : ");
		if (!e)
			continue;
		e += strlen("HTML parser error : ");
		gboolean svg = FALSE;
		for (guint k = 0; k < G_N_ELEMENTS(svg_tags) && !svg; k++) {
			char *m = g_strdup_printf("Tag %s invalid", svg_tags[k]);
			svg = strcmp(e, m) == 0;
			g_free(m);
		}
		if (!svg)
			g_test_message("xmllint --html: %s", e);
		g_assert_true(svg);
	}
	g_strfreev(lines);
	g_free(out);
	g_free(err);
	g_free(xmllint);
}

static void check_page_common(const char *page)
{
	g_assert_true(g_str_has_prefix(page, "<!DOCTYPE html>"));
	g_assert_true(g_str_has_suffix(page, "</html>\n"));
	/* self-contained: no script, nothing fetched */
	g_assert_null(strstr(page, "<script"));
	g_assert_null(strstr(page, "src="));
	/* links only within the page */
	for (const char *h = strstr(page, "href="); h; h = strstr(h + 1, "href="))
		g_assert_true(g_str_has_prefix(h, "href=\"#"));
	g_assert_null(strstr(page, "@import"));
	g_assert_null(strstr(page, "url("));
	g_assert_nonnull(strstr(page, "default-src 'none'"));
	g_assert_cmpuint(count(page, "<svg"), >, 0);
	g_assert_cmpuint(count(page, "<svg"), ==, count(page, "</svg>"));
	/* every in-page link has its target */
	for (const char *h = strstr(page, "href=\"#"); h; h = strstr(h + 1, "href=\"#")) {
		const char *end = strchr(h + 7, '"');
		char *id = g_strdup_printf("id=\"%.*s\"", (int)(end - h - 7), h + 7);
		g_assert_nonnull(strstr(page, id));
		g_free(id);
	}
}

static void test_report_help(void)
{
	TuRun r;
	tu_runv(&r, "eval", "--help", NULL);
	g_assert_cmpint(r.status, ==, 0);
	g_assert_nonnull(strstr(r.out, "--report=FILE.html"));
	g_assert_nonnull(strstr(r.out, "--report-metric"));
	g_assert_nonnull(strstr(r.out, "drawn as system B against the baseline"));
	tu_run_clear(&r);
}

static void test_report_baseline(void)
{
	char *set = dataset_file(), *page_path = tmp_path("base.html");
	TuRun r;
	tu_runv(&r, "eval", "--baseline", "lead-3", set, "--report", page_path, NULL);
	g_assert_cmpint(r.status, ==, 0);
	char *page = read_all(page_path);
	check_page_common(page);
	/* the figures as the terminal shows them, then lede against the baseline */
	char **lines = g_strsplit(r.out, "\n", -1);
	for (char **l = lines; *l; l++) {
		GString *e = g_string_new(NULL);
		for (const char *c = *l; *c; c++)
			if (*c == '&')
				g_string_append(e, "&amp;");
			else
				g_string_append_c(e, *c);
		g_assert_nonnull(strstr(page, e->str));
		g_string_free(e, TRUE);
	}
	g_strfreev(lines);
	g_assert_nonnull(strstr(page, "A: baseline lead-3"));
	g_assert_nonnull(strstr(page, "B: lede"));
	g_assert_nonnull(strstr(page, "lede eval --baseline lead-3 "));
	g_assert_nonnull(strstr(page, "B gains most"));
	g_assert_nonnull(strstr(page, "B loses most"));
	/* the baseline took sentences 0, 1, 2 of every article; lede others too */
	g_assert_nonnull(strstr(page, "Which sentences the summaries took"));
	g_assert_nonnull(strstr(page, "title=\"sentence 0 of the article\""));
	/* every text escaped: the markup id and the reference's "<em>&" */
	g_assert_nonnull(strstr(page, "&lt;/b&gt;&lt;script&gt;alert(1)&lt;/script&gt;&amp;amp;"));
	g_assert_null(strstr(page, "<em>"));
	g_assert_nonnull(strstr(page, "&lt;em&gt;&amp;"));
	check_markup(page_path);
	g_free(page);
	tu_run_clear(&r);
	g_free(set);
	g_free(page_path);
}

static void test_report_compare(void)
{
	char *set = dataset_file(), *a = tmp_path("a.jsonl"), *b = tmp_path("b.jsonl");
	char *page_path = tmp_path("cmp.html");
	TuRun r;
	tu_runv(&r, "eval", "--baseline", "lead-3", set, "--save-predictions", a, NULL);
	g_assert_cmpint(r.status, ==, 0);
	tu_run_clear(&r);
	tu_runv(&r, "eval", set, "--save-predictions", b, NULL);
	g_assert_cmpint(r.status, ==, 0);
	tu_run_clear(&r);
	tu_runv(&r, "eval", "--compare", a, b, "--references", set, "--report", page_path,
	        "--report-metric", "rouge2", NULL);
	g_assert_cmpint(r.status, ==, 0);
	char *page = read_all(page_path);
	check_page_common(page);
	g_assert_nonnull(strstr(page, "paired bootstrap, 40 items"));
	g_assert_nonnull(strstr(page, "B gains most (ROUGE-2)"));
	/* the articles are known: B - A by their length; all of 40 items are
	 * under 200 words */
	g_assert_nonnull(strstr(page, "By the article's length, ROUGE-2"));
	g_assert_nonnull(strstr(page, "<tr><td>under 200</td><td>40</td>"));
	/* four distributions, four scatters, the intervals, the differences,
	 * the sentence positions */
	g_assert_cmpuint(count(page, "<svg"), ==, 4 + 4 + 1 + 1 + 1);
	g_assert_cmpuint(count(page, "<div class=\"item\">"), <=, 40);
	g_assert_cmpuint(count(page, "<div class=\"item\">"), >, 0);
	/* the same input makes the same page */
	TuRun r2;
	char *again = tmp_path("cmp2.html");
	tu_runv(&r2, "eval", "--compare", a, b, "--references", set, "--report", again,
	        "--report-metric", "rouge2", NULL);
	char *page2 = read_all(again);
	char *cut = strstr(page, "--report "), *cut2 = strstr(page2, "--report ");
	g_assert_nonnull(cut);
	g_assert_cmpstr(strstr(cut, "</pre>"), ==, strstr(cut2, "</pre>"));
	g_free(page2);
	g_free(again);
	tu_run_clear(&r2);
	check_markup(page_path);
	g_free(page);
	tu_run_clear(&r);

	/* the measure ordering the items must be one of the target's */
	tu_runv(&r, "eval", "--compare", a, b, "--references", set, "--report", page_path,
	        "--report-metric", "p1", NULL);
	g_assert_cmpint(r.status, ==, 2);
	g_assert_nonnull(strstr(r.err, "--report-metric: expected rouge1, rouge2, rougeL or "
	                               "rougeLsum, got 'p1'"));
	tu_run_clear(&r);
	tu_runv(&r, "eval", set, "--report-metric", "rouge2", NULL);
	g_assert_cmpint(r.status, ==, 2);
	tu_run_clear(&r);
	g_free(set);
	g_free(a);
	g_free(b);
	g_free(page_path);
}

static void test_report_targets(void)
{
	char *refs = tu_data_file("eval-kicker-refs.jsonl"),
	     *pred = tu_data_file("eval-kicker-pred.jsonl");
	char *stop = tu_data_file("eval-stopwords.txt"), *page_path = tmp_path("kicker.html");
	TuRun r;
	tu_runv(&r, "eval", "--target", "kicker", "--stopwords", stop, "--compare", pred, pred,
	        "--references", refs, "--report", page_path, NULL);
	g_assert_cmpint(r.status, ==, 0);
	char *page = read_all(page_path);
	check_page_common(page);
	g_assert_nonnull(strstr(page, "P@1"));
	g_assert_nonnull(strstr(page, "No item where B scores higher than A."));
	g_assert_nonnull(strstr(page, "share of items with a P@1 hit"));
	check_markup(page_path);
	g_free(page);
	tu_run_clear(&r);
	/* B hits k4 (A's kicker is empty) and misses k1 */
	char *b = tmp_path("kicker-b.jsonl");
	tu_write(b,
	         "{\"id\": \"k1\", \"kicker\": \"TANKERS\"}\n{\"id\": \"k2\", \"kicker\": "
	         "\"CROSS-STRAIT TALKS\"}\n{\"id\": \"k3\", \"kicker\": \"THE ELECTION\"}\n"
	         "{\"id\": \"k4\", \"kicker\": \"SPACE SHUTTLE\"}\n",
	         -1);
	tu_runv(&r, "eval", "--target", "kicker", "--stopwords", stop, "--compare", pred, b,
	        "--references", refs, "--report", page_path, NULL);
	g_assert_cmpint(r.status, ==, 0);
	g_free(b);
	page = read_all(page_path);
	check_page_common(page);
	g_assert_nonnull(strstr(page, "P@1 miss &#8594; hit"));
	g_assert_nonnull(strstr(page, "P@1 hit &#8594; miss"));
	check_markup(page_path);
	g_free(page);
	tu_run_clear(&r);

	/* one system, headlines */
	char *set = tu_data_file("eval-dataset.jsonl");
	tu_runv(&r, "eval", "--target", "headline", "--bytes", "75", set, "--report", page_path,
	        NULL);
	g_assert_cmpint(r.status, ==, 0);
	page = read_all(page_path);
	check_page_common(page);
	g_assert_nonnull(strstr(page, "Per-item recall"));
	g_assert_nonnull(strstr(page, "The 2 best items"));
	g_assert_nonnull(strstr(page, "<b>lede</b>"));
	char *refs_shown = g_strdup_printf("references: %s</p>", set);
	g_assert_nonnull(strstr(page, refs_shown));
	g_free(refs_shown);
	check_markup(page_path);
	g_free(page);
	tu_run_clear(&r);
	g_free(set);
	g_free(refs);
	g_free(pred);
	g_free(stop);
	g_free(page_path);
}

/* No page from a failed run; a page that cannot be written is an error
 * naming it, and leaves nothing behind. */
static void test_report_errors(void)
{
	char *ref = tu_data_file("eval-refs.jsonl"), *pred = tu_data_file("eval-pred.jsonl");
	char *page_path = tmp_path("none.html");
	char *bad = tmp_path("bad.jsonl");
	tu_write(bad, "{\"id\": \"a\", \"summary\": \"x\"}\n", -1);
	TuRun r;
	tu_runv(&r, "eval", "--predictions", bad, "--references", ref, "--report", page_path, NULL);
	g_assert_cmpint(r.status, ==, 1);
	g_assert_false(g_file_test(page_path, G_FILE_TEST_EXISTS));
	tu_run_clear(&r);
	char *nodir = tmp_path("no/such/dir/r.html");
	tu_runv(&r, "eval", "--predictions", pred, "--references", ref, "--report", nodir, NULL);
	g_assert_cmpint(r.status, ==, 1);
	char *msg = g_strdup_printf("lede: %s: ", nodir);
	g_assert_true(g_str_has_prefix(r.err, msg));
	g_free(msg);
	tu_run_clear(&r);
	/* an existing page is replaced whole */
	tu_write(page_path, "old", -1);
	tu_runv(&r, "eval", "--predictions", pred, "--references", ref, "--report", page_path,
	        NULL);
	g_assert_cmpint(r.status, ==, 0);
	char *page = read_all(page_path);
	check_page_common(page);
	g_assert_nonnull(strstr(page, "The 3 best items"));
	g_free(page);
	tu_run_clear(&r);
	GDir *d = g_dir_open(tmp, 0, NULL);
	for (const char *n; (n = g_dir_read_name(d));)
		g_assert_false(g_str_has_prefix(n, ".none.html")); /* no temporary left */
	g_dir_close(d);
	g_free(nodir);
	g_free(bad);
	g_free(ref);
	g_free(pred);
	g_free(page_path);
}

/* 100,000 items: a page under 5 MB, in linear time (ulimit -t: CPU
 * seconds; the run takes about 1 s here, the report a quarter of it, and
 * 7 s under ASan and UBSan; a pass over the items per item would take
 * hours). */
static void test_report_100k(void)
{
	static const char *const words[] = {"council", "vote",  "ferry", "terminal", "city",
	                                    "plan",    "flood", "port",  "harbour",  "mayor",
	                                    "budget",  "rain",  "storm", "bridge",   "road"};
	GString *ref = g_string_new(NULL), *pa = g_string_new(NULL), *pb = g_string_new(NULL);
	guint32 x = 12345;
	for (guint i = 0; i < 100000; i++) {
		GString *gs[] = {ref, pa, pb};
		for (guint k = 0; k < 3; k++) {
			g_string_append_printf(gs[k], "{\"id\": %u, \"%s\": \"", i,
			                       k ? "summary" : "references");
			for (guint w = 0; w < 6; w++) {
				x = x * 1103515245u + 12345u;
				g_string_append_printf(gs[k], "%s%s", w ? " " : "",
				                       words[(x >> 16) % G_N_ELEMENTS(words)]);
			}
			g_string_append(gs[k], "\"}\n");
		}
	}
	char *rp = tmp_path("big-ref.jsonl"), *ap = tmp_path("big-a.jsonl"),
	     *bp = tmp_path("big-b.jsonl"), *page_path = tmp_path("big.html");
	tu_write(rp, ref->str, (gssize)ref->len);
	tu_write(ap, pa->str, (gssize)pa->len);
	tu_write(bp, pb->str, (gssize)pb->len);
	const char *argv[] = {"eval",    "--compare",   ap,    bp,  "--references", rp, "--report",
	                      page_path, "--resamples", "100", NULL};
	TuRun r;
	tu_run_ulimit(&r, "-t 60", NULL, 0, argv);
	g_assert_cmpint(r.status, ==, 0);
	char *page = read_all(page_path);
	check_page_common(page);
	g_assert_cmpuint(strlen(page), <, 5u << 20);
	g_assert_nonnull(strstr(page, "100,000 items"));
	/* a density grid, not 100,000 points */
	g_assert_cmpuint(count(page, "<circle"), <, 100);
	g_assert_cmpuint(count(page, "<div class=\"item\">"), ==, 40);
	g_free(page);
	tu_run_clear(&r);
	g_string_free(ref, TRUE);
	g_string_free(pa, TRUE);
	g_string_free(pb, TRUE);
	g_free(rp);
	g_free(ap);
	g_free(bp);
	g_free(page_path);
}

/* ---- headless Chromium through the DevTools protocol on a pipe ------------------------ */

/* Chromium with --remote-debugging-pipe reads JSON commands, each ended by
 * a NUL, on its fd 3 and writes answers and events the same way on fd 4:
 * no port, no network, no client library. */
typedef struct {
	GPid pid;
	int to, from;
	GString *in;
	int id;
	gint64 deadline;   /* monotonic, microseconds */
	GPtrArray *errors; /* console errors and exceptions seen */
	char *session;
	gboolean loaded;
} Cdp;

static const char *str_at(cJSON *o, const char *a, const char *b)
{
	cJSON *x = cJSON_GetObjectItem(o, a);
	if (b)
		x = cJSON_GetObjectItem(x, b);
	return cJSON_IsString(x) ? x->valuestring : NULL;
}

static void cdp_event(Cdp *c, cJSON *m)
{
	/* only the page's own events: an earlier page's may still come */
	const char *sid = str_at(m, "sessionId", NULL);
	if (!sid || !c->session || strcmp(sid, c->session) != 0)
		return;
	cJSON *method = cJSON_GetObjectItem(m, "method");
	if (!cJSON_IsString(method))
		return;
	cJSON *p = cJSON_GetObjectItem(m, "params");
	const char *name = method->valuestring;
	if (strcmp(name, "Page.loadEventFired") == 0)
		c->loaded = TRUE;
	gboolean error = strcmp(name, "Runtime.exceptionThrown") == 0;
	if (strcmp(name, "Runtime.consoleAPICalled") == 0) {
		cJSON *t = cJSON_GetObjectItem(p, "type");
		error = cJSON_IsString(t) && (strcmp(t->valuestring, "error") == 0 ||
		                              strcmp(t->valuestring, "assert") == 0);
	}
	if (strcmp(name, "Log.entryAdded") == 0) {
		cJSON *l = cJSON_GetObjectItem(cJSON_GetObjectItem(p, "entry"), "level");
		error = cJSON_IsString(l) && strcmp(l->valuestring, "error") == 0;
	}
	if (error) {
		char *s = cJSON_PrintUnformatted(p);
		g_ptr_array_add(c->errors, g_strdup(s));
		cJSON_free(s);
	}
}

/* The next message, or NULL past the deadline or at the pipe's end. */
static cJSON *cdp_read(Cdp *c)
{
	for (;;) {
		const char *nul = memchr(c->in->str, '\0', c->in->len);
		if (nul) {
			gsize len = (gsize)(nul - c->in->str);
			cJSON *m = cJSON_ParseWithLength(c->in->str, len);
			g_string_erase(c->in, 0, (gssize)len + 1);
			if (m)
				return m;
			continue;
		}
		gint64 left = (c->deadline - g_get_monotonic_time()) / 1000;
		if (left <= 0)
			return NULL;
		struct pollfd pfd = {c->from, POLLIN, 0};
		int k = poll(&pfd, 1, (int)MIN(left, 1000));
		if (k < 0 && errno == EINTR)
			continue;
		if (k <= 0)
			continue;
		char buf[65536];
		ssize_t n = read(c->from, buf, sizeof buf);
		if (n <= 0)
			return NULL;
		g_string_append_len(c->in, buf, n);
	}
}

/* Sends method with params (JSON text) to the session (or the browser);
 * returns the answer's "result" (caller deletes), NULL on an error or
 * past the deadline. Events met on the way are noted. */
static cJSON *cdp_call(Cdp *c, const char *method, const char *params, gboolean session)
{
	int id = ++c->id;
	char *msg = g_strdup_printf("{\"id\":%d,\"method\":\"%s\",\"params\":%s%s%s%s}", id, method,
	                            params ? params : "{}", session ? ",\"sessionId\":\"" : "",
	                            session ? c->session : "", session ? "\"" : "");
	gsize len = strlen(msg) + 1; /* with its NUL */
	for (gsize off = 0; off < len;) {
		ssize_t n = write(c->to, msg + off, len - off);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			g_free(msg);
			return NULL;
		}
		off += (gsize)n;
	}
	g_free(msg);
	for (cJSON *m; (m = cdp_read(c));) {
		cJSON *mid = cJSON_GetObjectItem(m, "id");
		if (!cJSON_IsNumber(mid)) {
			cdp_event(c, m);
			cJSON_Delete(m);
			continue;
		}
		if (mid->valueint != id) {
			cJSON_Delete(m);
			continue;
		}
		cJSON *res = cJSON_DetachItemFromObject(m, "result");
		if (!res)
			g_test_message("%s failed: %s", method,
			               cJSON_PrintUnformatted(cJSON_GetObjectItem(m, "error")));
		cJSON_Delete(m);
		return res;
	}
	g_test_message("%s: no answer from chromium in time", method);
	return NULL;
}

static char *chromium_path(void)
{
	const char *env = g_getenv("LEDE_CHROMIUM");
	if (env && *env)
		return g_strdup(env);
	return g_find_program_in_path("chromium");
}

/* Starts the browser; FALSE (after a test message) when it does not. */
static gboolean cdp_start(Cdp *c, const char *chromium, const char *profile)
{
	memset(c, 0, sizeof *c);
	c->in = g_string_new(NULL);
	c->errors = g_ptr_array_new_with_free_func(g_free);
	/* 20 s for everything: start, load, measure, screenshot */
	c->deadline = g_get_monotonic_time() + 20 * G_USEC_PER_SEC;
	int to[2], from[2];
	g_assert_cmpint(pipe(to), ==, 0);
	g_assert_cmpint(pipe(from), ==, 0);
	char *prof = g_strdup_printf("--user-data-dir=%s", profile);
	const char *argv[] = {chromium,
	                      "--headless=new",
	                      "--no-sandbox", /* CI runs as root */
	                      "--disable-gpu",
	                      "--disable-dev-shm-usage", /* containers with a small /dev/shm */
	                      "--remote-debugging-pipe",
	                      prof,
	                      "--no-first-run",
	                      "--no-default-browser-check",
	                      "--disable-background-networking",
	                      "--disable-component-update",
	                      "--disable-sync",
	                      "--disable-extensions",
	                      "--hide-scrollbars",
	                      "--mute-audio",
	                      "about:blank",
	                      NULL};
	int source[] = {to[0], from[1]}, target[] = {3, 4};
	GError *error = NULL;
	gboolean ok = g_spawn_async_with_pipes_and_fds(
	    NULL, argv, NULL,
	    G_SPAWN_DO_NOT_REAP_CHILD | G_SPAWN_STDOUT_TO_DEV_NULL | G_SPAWN_STDERR_TO_DEV_NULL,
	    NULL, NULL, -1, -1, -1, source, target, 2, &c->pid, NULL, NULL, NULL, &error);
	g_free(prof);
	close(to[0]);
	close(from[1]);
	c->to = to[1];
	c->from = from[0];
	if (!ok) {
		g_test_message("cannot start %s: %s", chromium, error->message);
		g_error_free(error);
		close(c->to);
		close(c->from);
		c->pid = 0;
		return FALSE;
	}
	return TRUE;
}

static void cdp_stop(Cdp *c)
{
	if (c->pid) {
		cJSON *r = cdp_call(c, "Browser.close", NULL, FALSE);
		cJSON_Delete(r);
		close(c->to);
		close(c->from);
		int status;
		gint64 until = g_get_monotonic_time() + 5 * G_USEC_PER_SEC;
		while (waitpid(c->pid, &status, WNOHANG) == 0) {
			if (g_get_monotonic_time() > until) {
				kill(c->pid, SIGKILL);
				waitpid(c->pid, &status, 0);
				break;
			}
			g_usleep(20000);
		}
		g_spawn_close_pid(c->pid);
	}
	g_string_free(c->in, TRUE);
	g_ptr_array_free(c->errors, TRUE);
	g_free(c->session);
}

typedef struct {
	guint n_svg, n_empty_svg;
	gboolean loaded;
	guint n_errors;
	gsize png_len;
	guint png_w, png_h;
} Render;

/* Loads page_path in a fresh tab (1280 px wide), measures its SVG roots,
 * collects console errors, takes a screenshot of the whole page into
 * png_path. FALSE when the browser is not usable. */
static gboolean render(Cdp *cdp, const char *page_path, const char *png_path, Render *out)
{
	memset(out, 0, sizeof *out);
	Cdp c = *cdp; /* given back at the end */
	c.loaded = FALSE;
	g_ptr_array_set_size(c.errors, 0);
	g_clear_pointer(&c.session, g_free);
	cJSON *res = cdp_call(&c, "Target.createTarget", "{\"url\":\"about:blank\"}", FALSE);
	if (!str_at(res, "targetId", NULL)) {
		cJSON_Delete(res);
		*cdp = c;
		return FALSE;
	}
	char *target = g_strdup_printf("{\"targetId\":\"%s\"}", str_at(res, "targetId", NULL));
	char *p = g_strdup_printf("{\"targetId\":\"%s\",\"flatten\":true}",
	                          str_at(res, "targetId", NULL));
	cJSON_Delete(res);
	res = cdp_call(&c, "Target.attachToTarget", p, FALSE);
	g_free(p);
	g_assert_nonnull(str_at(res, "sessionId", NULL));
	c.session = g_strdup(str_at(res, "sessionId", NULL));
	cJSON_Delete(res);
	static const char *const enable[] = {"Page.enable", "Runtime.enable", "Log.enable"};
	for (guint k = 0; k < G_N_ELEMENTS(enable); k++) {
		res = cdp_call(&c, enable[k], NULL, TRUE);
		g_assert_nonnull(res);
		cJSON_Delete(res);
	}
	res = cdp_call(&c, "Emulation.setDeviceMetricsOverride",
	               "{\"width\":1280,\"height\":900,\"deviceScaleFactor\":1,\"mobile\":false}",
	               TRUE);
	g_assert_nonnull(res);
	cJSON_Delete(res);
	char *abs = g_canonicalize_filename(page_path, NULL);
	char *uri = g_filename_to_uri(abs, NULL, NULL);
	cJSON *u = cJSON_CreateObject();
	cJSON_AddStringToObject(u, "url", uri);
	char *nav = cJSON_PrintUnformatted(u);
	res = cdp_call(&c, "Page.navigate", nav, TRUE);
	g_assert_nonnull(res);
	cJSON_Delete(res);
	cJSON_free(nav);
	cJSON_Delete(u);
	g_free(uri);
	g_free(abs);
	while (!c.loaded) {
		cJSON *m = cdp_read(&c);
		if (!m)
			break;
		if (!cJSON_GetObjectItem(m, "id"))
			cdp_event(&c, m);
		cJSON_Delete(m);
	}
	out->loaded = c.loaded;
	if (c.loaded) {
		res = cdp_call(&c, "Runtime.evaluate",
		               "{\"returnByValue\":true,\"expression\":\"JSON.stringify(Array.from("
		               "document.querySelectorAll('svg')).map(e => { const b = "
		               "e.getBoundingClientRect(); return [b.width, b.height]; }))\"}",
		               TRUE);
		const char *v = str_at(cJSON_GetObjectItem(res, "result"), "value", NULL);
		g_assert_nonnull(v);
		cJSON *sizes = cJSON_Parse(v);
		cJSON *wh;
		cJSON_ArrayForEach(wh, sizes)
		{
			out->n_svg++;
			double w = cJSON_GetArrayItem(wh, 0)->valuedouble;
			double h = cJSON_GetArrayItem(wh, 1)->valuedouble;
			out->n_empty_svg += !(w > 0 && h > 0);
		}
		cJSON_Delete(sizes);
		cJSON_Delete(res);
		res = cdp_call(&c, "Page.captureScreenshot",
		               "{\"format\":\"png\",\"captureBeyondViewport\":true}", TRUE);
		const char *data = str_at(res, "data", NULL);
		g_assert_nonnull(data);
		gsize len;
		guchar *png = g_base64_decode(data, &len);
		tu_write(png_path, (const char *)png, (gssize)len);
		out->png_len = len;
		if (len > 24 && memcmp(png, "\x89PNG\r\n\x1a\n", 8) == 0) {
			out->png_w = (guint)png[16] << 24 | png[17] << 16 | png[18] << 8 | png[19];
			out->png_h = (guint)png[20] << 24 | png[21] << 16 | png[22] << 8 | png[23];
		}
		g_free(png);
		cJSON_Delete(res);
	}
	/* errors logged late (after load) are still in the pipe */
	res = cdp_call(&c, "Runtime.evaluate", "{\"expression\":\"1\"}", TRUE);
	cJSON_Delete(res);
	for (guint k = 0; k < c.errors->len; k++)
		g_test_message("console: %s", (char *)c.errors->pdata[k]);
	out->n_errors = c.errors->len;
	res = cdp_call(&c, "Target.closeTarget", target, FALSE);
	cJSON_Delete(res);
	g_free(target);
	*cdp = c;
	return TRUE;
}

static void test_report_chromium(void)
{
	char *chromium = chromium_path();
	if (!chromium) {
		g_test_skip("chromium is absent (Debian chromium; .ci/install-deps installs it): "
		            "the page is not rendered");
		return;
	}
	/* the checker itself: a page with a missing image logs an error */
	char *bad = tmp_path("bad.html"), *bad_png = tmp_path("bad.png");
	tu_write(bad,
	         "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>x</title></head>"
	         "<body><img src=\"no-such-image.png\" alt=\"\"></body></html>",
	         -1);
	/* one browser, a tab per page */
	char *profile = tmp_path("chromium-profile");
	Cdp c;
	Render rb;
	if (!cdp_start(&c, chromium, profile) || !render(&c, bad, bad_png, &rb)) {
		g_test_skip("chromium does not start here: the page is not rendered");
		cdp_stop(&c);
		tu_rmtree(profile);
		g_free(profile);
		g_free(chromium);
		g_free(bad);
		g_free(bad_png);
		return;
	}
	g_assert_true(rb.loaded);
	g_assert_cmpuint(rb.n_errors, >, 0);

	char *set = dataset_file(), *page_path = tmp_path("render.html");
	char *png_path = tmp_path("render.png");
	TuRun r;
	tu_runv(&r, "eval", "--baseline", "lead-3", set, "--report", page_path, NULL);
	g_assert_cmpint(r.status, ==, 0);
	tu_run_clear(&r);
	char *page = read_all(page_path);
	Render rr;
	g_assert_true(render(&c, page_path, png_path, &rr));
	cdp_stop(&c);
	tu_rmtree(profile);
	g_free(profile);
	g_assert_true(rr.loaded);
	g_assert_cmpuint(rr.n_errors, ==, 0);
	g_assert_cmpuint(rr.n_svg, ==, count(page, "<svg"));
	g_assert_cmpuint(rr.n_empty_svg, ==, 0);
	/* the whole page: 1280 px wide, taller than the screen */
	g_assert_cmpuint(rr.png_w, ==, 1280);
	g_assert_cmpuint(rr.png_h, >, 2000);
	g_assert_cmpuint(rr.png_len, >, 50000);
	g_free(page);
	g_free(set);
	g_free(page_path);
	g_free(png_path);
	g_free(bad);
	g_free(bad_png);
	g_free(chromium);
}

int main(int argc, char **argv)
{
	g_test_init(&argc, &argv, NULL);
	tmp = tu_tmpdir();
	g_test_add_func("/eval-report/help", test_report_help);
	g_test_add_func("/eval-report/baseline", test_report_baseline);
	g_test_add_func("/eval-report/compare", test_report_compare);
	g_test_add_func("/eval-report/targets", test_report_targets);
	g_test_add_func("/eval-report/errors", test_report_errors);
	g_test_add_func("/eval-report/100k", test_report_100k);
	g_test_add_func("/eval-report/chromium", test_report_chromium);
	int rc = g_test_run();
	tu_rmtree(tmp);
	g_free(tmp);
	return rc;
}
