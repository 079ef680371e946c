/* The command line's contract for web pages (issue #20): input detection,
 * --input, --extract (text and JSON), "meta" in summaries of HTML, "html" in
 * JSON Lines, the no-article warning, and bad pages. Real binary. */
#include "lede-config.h"
#include "testutil.h"

#include <cjson/cJSON.h>

static const char page[] =
    "<!doctype html><html lang=\"en\"><head><title>Ferry plan approved - Harbour News</title>"
    "<meta property=\"article:published_time\" content=\"2025-03-04T09:30:00Z\"></head><body>"
    "<nav><a href=\"/\">Home</a> <a href=\"/world\">World</a></nav>"
    "<div class=\"content\">"
    "<p>The city council voted on Tuesday to rebuild the ferry terminal on higher ground, "
    "after two floods in one winter.</p>"
    "<p>The old terminal flooded twice last winter, and repairs would have cost more than a "
    "new building, the engineers said.</p>"
    "<p>Residents asked who would pay for the work, and the council said a surcharge on "
    "tickets would cover a third of it.</p>"
    "<p>The rest will come from the regional transport fund, which approved the grant last "
    "month.</p></div>"
    "<footer>Copyright 2025 Example News. All rights reserved.</footer></body></html>";

static void run_in(TuRun *r, const char *in, gsize len, const char *a1, const char *a2,
                   const char *a3)
{
	const char *argv[] = {a1, a2, a3, NULL};
	tu_run(r, NULL, in, len, argv);
}

static void test_summary_of_html(void)
{
	TuRun r;
	run_in(&r, page, sizeof page - 1, NULL, NULL, NULL);
	g_assert_cmpint(r.status, ==, 0);
	g_test_message("%s", r.out);
	g_assert_null(strstr(r.out, "<"));
	g_assert_null(strstr(r.out, "Copyright"));
	g_assert_null(strstr(r.out, "Home"));
	g_assert_nonnull(strstr(r.out, "ferry terminal"));
	tu_run_clear(&r);
	/* JSON gains "meta"; --input text reads the markup as text */
	run_in(&r, page, sizeof page - 1, "--format", "json", NULL);
	g_assert_cmpint(r.status, ==, 0);
	cJSON *o = cJSON_Parse(r.out);
	g_assert_nonnull(o);
	cJSON *meta = cJSON_GetObjectItem(o, "meta");
	g_assert_nonnull(meta);
	g_assert_cmpstr(cJSON_GetObjectItem(meta, "title")->valuestring, ==, "Ferry plan approved");
	g_assert_cmpstr(cJSON_GetObjectItem(meta, "date")->valuestring, ==, "2025-03-04T09:30:00Z");
	g_assert_cmpstr(cJSON_GetObjectItem(meta, "lang")->valuestring, ==, "en");
	g_assert_true(cJSON_IsNull(cJSON_GetObjectItem(meta, "byline")));
	cJSON_Delete(o);
	tu_run_clear(&r);
	run_in(&r, page, sizeof page - 1, "--input", "text", NULL);
	g_assert_cmpint(r.status, ==, 0);
	g_assert_nonnull(strstr(r.out, "<"));
	tu_run_clear(&r);
	/* plain text keeps no "meta" */
	const char *plain = "The council voted on Tuesday. The ferry will run again.\n";
	run_in(&r, plain, strlen(plain), "--format", "json", NULL);
	g_assert_null(strstr(r.out, "\"meta\""));
	tu_run_clear(&r);
}

static void test_extract(void)
{
	TuRun r;
	run_in(&r, page, sizeof page - 1, "--extract", NULL, NULL);
	g_assert_cmpint(r.status, ==, 0);
	g_assert_true(g_str_has_prefix(r.out, "The city council voted"));
	g_assert_nonnull(strstr(r.out, "winter.\n\nThe old terminal"));
	g_assert_true(g_str_has_suffix(r.out, "last month.\n"));
	tu_run_clear(&r);
	run_in(&r, page, sizeof page - 1, "--extract", "--format=json", NULL);
	g_assert_cmpint(r.status, ==, 0);
	cJSON *o = cJSON_Parse(r.out);
	g_assert_nonnull(o);
	const char *keys[] = {"title", "byline", "date", "url", "site", "lang", "text"};
	cJSON *x = o->child;
	for (gsize k = 0; k < G_N_ELEMENTS(keys); k++, x = x->next) {
		g_assert_nonnull(x);
		g_assert_cmpstr(x->string, ==, keys[k]);
	}
	g_assert_null(x);
	cJSON_Delete(o);
	tu_run_clear(&r);
	/* JSON Lines: "html" instead of "text"; {"id", "text", "title", ...} */
	cJSON *in = cJSON_CreateObject();
	cJSON_AddStringToObject(in, "id", "p1");
	cJSON_AddStringToObject(in, "html", page);
	char *line = cJSON_PrintUnformatted(in);
	char *lines = g_strdup_printf("%s\n{\"id\":\"p2\",\"html\":\"<p>x</p>\"}\n", line);
	run_in(&r, lines, strlen(lines), "--extract", "--jsonl", NULL);
	g_assert_cmpint(r.status, ==, 0);
	g_test_message("%s", r.out);
	g_assert_true(g_str_has_prefix(r.out, "{\"id\":\"p1\",\"text\":\"The city council"));
	g_assert_nonnull(strstr(r.out, "\"title\":\"Ferry plan approved\""));
	tu_run_clear(&r);
	/* and summaries of "html" lines carry "meta" */
	run_in(&r, lines, strlen(lines), "--jsonl", NULL, NULL);
	g_assert_cmpint(r.status, ==, 0);
	g_assert_nonnull(strstr(r.out, "\"meta\":{\"title\":\"Ferry plan approved\""));
	tu_run_clear(&r);
	g_free(lines);
	cJSON_free(line);
	cJSON_Delete(in);
}

static void test_no_article(void)
{
	const char *home = "<html><body><nav><a href=\"/\">Home</a> <a href=\"/a\">A</a></nav>"
	                   "<footer>Copyright</footer></body></html>";
	char *dir = tu_tmpdir();
	char *path = g_build_filename(dir, "home.html", NULL);
	tu_write(path, home, -1);
	TuRun r;
	tu_runv(&r, path, NULL);
	g_assert_cmpint(r.status, ==, 0);
	g_assert_cmpstr(r.out, ==, ""); /* an empty summary */
	char *want = g_strdup_printf("lede: %s: no article text found\n", path);
	g_assert_cmpstr(r.err, ==, want);
	tu_run_clear(&r);
	tu_runv(&r, "--extract", path, NULL);
	g_assert_cmpint(r.status, ==, 0);
	g_assert_cmpstr(r.out, ==, "");
	g_assert_cmpstr(r.err, ==, want);
	g_free(want);
	tu_run_clear(&r);
	/* in JSON Lines: the line's record with empty text, and the warning */
	const char *line = "{\"id\":7,\"html\":\"<html><body><nav><a href='/'>Home</a></nav>"
	                   "</body></html>\"}\n";
	run_in(&r, line, strlen(line), "--extract", "--jsonl", NULL);
	g_assert_cmpint(r.status, ==, 0);
	g_assert_true(g_str_has_prefix(r.out, "{\"id\":7,\"text\":\"\""));
	g_assert_nonnull(strstr(r.err, ":1: no article text found"));
	tu_run_clear(&r);
	tu_rmtree(dir);
	g_free(path);
	g_free(dir);
}

static void test_usage(void)
{
	TuRun r;
	run_in(&r, "", 0, "--input", "pdf", NULL);
	g_assert_cmpint(r.status, ==, 2);
	tu_run_clear(&r);
}

/* Bad pages: a message or a best-effort article, never a crash, in time. */
static void test_bad_pages(void)
{
	GString *s = g_string_new("<html><body>");
	/* unclosed and misnested tags */
	g_string_append(s, "<p>First <b>bold <i>both</b> italic</i> text, a long paragraph here."
	                   "<p>Second <div>unclosed <span>paragraph with more words in it.");
	TuRun r;
	run_in(&r, s->str, s->len, "--extract", NULL, NULL);
	g_assert_cmpint(r.status, ==, 0);
	g_assert_nonnull(strstr(r.out, "First bold both italic text"));
	tu_run_clear(&r);
	/* 100,000 nested divs: the parser's depth limit, reported */
	g_string_assign(s, "<html><body>");
	for (int i = 0; i < 100000; i++)
		g_string_append(s, "<div>");
	g_string_append(s, "<p>deep</p>");
	run_in(&r, s->str, s->len, "--extract", NULL, NULL);
	g_assert_cmpint(r.status, <=, 1);
	g_assert_true(r.status == 0 || strstr(r.err, "nested"));
	tu_run_clear(&r);
	/* 8 MB without a closing tag (the 50 MB of the issue: 5.2 s, 483 MB peak) */
	g_string_assign(s, "<html><body><div>");
	while (s->len < (8u << 20))
		g_string_append(s, "<p>A paragraph of the endless page, with a comma, and more.");
	run_in(&r, s->str, s->len, "--extract", NULL, NULL);
	g_assert_cmpint(r.status, ==, 0);
	g_assert_nonnull(strstr(r.out, "endless page"));
	tu_run_clear(&r);
	/* binary bytes, and an "HTML" file that is a PNG */
	static const char png[] = "\x89PNG\r\n\x1a\n\0\0\0\rIHDR<html>";
	run_in(&r, png, sizeof png - 1, "--input", "html", NULL);
	g_assert_cmpint(r.status, ==, 1);
	g_assert_nonnull(strstr(r.err, "binary"));
	tu_run_clear(&r);
	/* entity-heavy text */
	g_string_assign(s, "<html><body><p>");
	for (int i = 0; i < 20000; i++)
		g_string_append(s, "&amp;&eacute;&#x263A;&nbsp;word, ");
	run_in(&r, s->str, s->len, "--extract", NULL, NULL);
	g_assert_cmpint(r.status, ==, 0);
	g_assert_nonnull(strstr(r.out, "&\xc3\xa9\xe2\x98\xba word"));
	tu_run_clear(&r);
	/* declares UTF-8, is Latin-1: best effort, no crash */
	const char *latin = "<html><head><meta charset=\"utf-8\"></head><body><p>Caf\xe9 "
	                    "cr\xe8me, a paragraph long enough to be one.</p></body></html>";
	run_in(&r, latin, strlen(latin), "--extract", NULL, NULL);
	g_assert_cmpint(r.status, <=, 1);
	g_assert_true(g_utf8_validate(r.out, -1, NULL));
	tu_run_clear(&r);
	g_string_free(s, TRUE);
}

/* Markdown: markup to text, code and tables out, the first "# " heading the
 * title; by --input markdown or a .md file's name. */
static void test_markdown(void)
{
	const char *md =
	    "# Ferry plan\n\nThe **council** voted on [Tuesday](https://x.example) to "
	    "rebuild the _ferry_ terminal.\n\n![photo](a.jpg)\n\n```\ncode line "
	    "here\n```\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n- Work starts in `May`.\n";
	TuRun r;
	run_in(&r, md, strlen(md), "--extract", "--input", "markdown");
	g_assert_cmpint(r.status, ==, 0);
	g_assert_cmpstr(r.out, ==,
	                "The council voted on Tuesday to rebuild the ferry terminal.\n\nWork "
	                "starts in May.\n");
	tu_run_clear(&r);
	char *dir = tu_tmpdir();
	char *path = g_build_filename(dir, "story.md", NULL);
	tu_write(path, md, -1);
	tu_runv(&r, "--extract", "--format", "json", path, NULL);
	g_assert_cmpint(r.status, ==, 0);
	g_assert_true(g_str_has_prefix(r.out, "{\"title\":\"Ferry plan\""));
	tu_run_clear(&r);
	tu_runv(&r, path, NULL);
	g_assert_cmpint(r.status, ==, 0);
	g_assert_null(strstr(r.out, "**"));
	g_assert_null(strstr(r.out, "code line"));
	g_assert_null(strstr(r.out, "|"));
	tu_run_clear(&r);
	/* the longer name too */
	char *longer = g_build_filename(dir, "story.markdown", NULL);
	tu_write(longer, md, -1);
	tu_runv(&r, "--extract", longer, NULL);
	g_assert_cmpint(r.status, ==, 0);
	g_assert_true(g_str_has_prefix(r.out, "The council voted on Tuesday"));
	tu_run_clear(&r);
	g_free(longer);
	tu_rmtree(dir);
	g_free(path);
	g_free(dir);
}

/* Input detection by content: a doctype or <html> first, or two HTML tags
 * in the first KB; one tag in a plain text is not markup, and .html/.htm
 * names are HTML whatever they start with. */
static void test_detection(void)
{
	const char *body = "<p>The city council voted on Tuesday to rebuild the ferry terminal "
	                   "on higher ground, after two floods in one winter.</p>"
	                   "<p>Residents asked who would pay for the work, and the council said "
	                   "a surcharge on tickets would cover a third of it.</p>";
	char *html_first = g_strdup_printf("  <HTML><body>%s</body></html>", body);
	char *tags_later = g_strdup_printf("Saved from the web\n<div>%s</div>", body);
	const char *inputs[] = {html_first, tags_later};
	for (gsize k = 0; k < G_N_ELEMENTS(inputs); k++) {
		TuRun r;
		run_in(&r, inputs[k], strlen(inputs[k]), "--extract", NULL, NULL);
		g_assert_cmpint(r.status, ==, 0);
		g_assert_nonnull(strstr(r.out, "winter.\n\nResidents"));
		g_assert_null(strstr(r.out, "<"));
		tu_run_clear(&r);
		run_in(&r, inputs[k], strlen(inputs[k]), NULL, NULL, NULL);
		g_assert_cmpint(r.status, ==, 0);
		g_assert_null(strstr(r.out, "<"));
		tu_run_clear(&r);
	}
	/* one tag in a plain text: text, kept as it is */
	const char *plain = "Use <b> for bold, the style guide says. The council voted on "
	                    "Tuesday.\n";
	TuRun r;
	run_in(&r, plain, strlen(plain), "--extract", NULL, NULL);
	g_assert_cmpstr(r.out, ==, plain);
	tu_run_clear(&r);
	/* a .htm name: HTML, though it starts with text and has one tag */
	char *dir = tu_tmpdir();
	char *path = g_build_filename(dir, "saved.htm", NULL);
	tu_write(path,
	         "Saved page <p>The council voted on Tuesday to rebuild the ferry "
	         "terminal &amp; the pier.</p>",
	         -1);
	tu_runv(&r, "--extract", path, NULL);
	g_assert_cmpint(r.status, ==, 0);
	g_assert_nonnull(strstr(r.out, "terminal & the pier."));
	tu_run_clear(&r);
	tu_rmtree(dir);
	g_free(path);
	g_free(dir);
	g_free(html_first);
	g_free(tags_later);
}

/* The summary of a page is the summary of its article's text: text output
 * unchanged, no metadata in it. */
static void test_summary_is_of_article(void)
{
	TuRun r, t;
	run_in(&r, page, sizeof page - 1, "--extract", NULL, NULL);
	g_assert_cmpint(r.status, ==, 0);
	char *text = g_strdup(r.out);
	tu_run_clear(&r);
	run_in(&r, page, sizeof page - 1, NULL, NULL, NULL);
	run_in(&t, text, strlen(text), "--input", "text", NULL);
	g_assert_cmpint(r.status, ==, 0);
	g_assert_cmpstr(r.out, ==, t.out);
	tu_run_clear(&r);
	tu_run_clear(&t);
	g_free(text);
}

/* --extract of several files (each under its name, as summaries are), of
 * "-" for standard input, and null for what a page does not say. */
static void test_extract_files(void)
{
	char *dir = tu_tmpdir();
	char *a = g_build_filename(dir, "a.html", NULL);
	char *b = g_build_filename(dir, "b.html", NULL);
	tu_write(a, page, -1);
	tu_write(b,
	         "<html><body><p>The second page has a paragraph of its own, long enough "
	         "to be the article.</p></body></html>",
	         -1);
	TuRun r;
	tu_runv(&r, "--extract", a, b, NULL);
	g_assert_cmpint(r.status, ==, 0);
	g_test_message("%s", r.out);
	const char *at = strstr(r.out, a), *bt = strstr(r.out, b);
	g_assert_nonnull(at);
	g_assert_nonnull(bt);
	g_assert_true(at < strstr(r.out, "The city council") &&
	              strstr(r.out, "The city council") < bt);
	g_assert_true(bt < strstr(r.out, "The second page"));
	tu_run_clear(&r);
	const char *argv[] = {"--extract", "--format", "json", "-", NULL};
	tu_run(&r, NULL, page, sizeof page - 1, argv);
	g_assert_cmpint(r.status, ==, 0);
	cJSON *o = cJSON_Parse(r.out);
	g_assert_nonnull(o);
	g_assert_cmpstr(cJSON_GetObjectItem(o, "title")->valuestring, ==, "Ferry plan approved");
	const char *unknown[] = {"byline", "url", "site"};
	for (gsize k = 0; k < G_N_ELEMENTS(unknown); k++)
		g_assert_true(cJSON_IsNull(cJSON_GetObjectItem(o, unknown[k])));
	cJSON_Delete(o);
	tu_run_clear(&r);
	tu_rmtree(dir);
	g_free(a);
	g_free(b);
	g_free(dir);
}

int main(int argc, char **argv)
{
	g_test_init(&argc, &argv, NULL);
	if (!LEDE_HAVE_HTML)
		return g_test_run();
	g_test_add_func("/cli-extract/summary-of-html", test_summary_of_html);
	g_test_add_func("/cli-extract/extract", test_extract);
	g_test_add_func("/cli-extract/no-article", test_no_article);
	g_test_add_func("/cli-extract/usage", test_usage);
	g_test_add_func("/cli-extract/bad-pages", test_bad_pages);
	g_test_add_func("/cli-extract/markdown", test_markdown);
	g_test_add_func("/cli-extract/detection", test_detection);
	g_test_add_func("/cli-extract/summary-is-of-article", test_summary_is_of_article);
	g_test_add_func("/cli-extract/extract-files", test_extract_files);
	return g_test_run();
}
