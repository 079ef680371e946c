/* lede digest as cron runs it: formats (golden files in tests/data/golden/digest.*,
 * LEDE_UPDATE_GOLDEN=1 rewrites them), escaping, state, lock, --since, bad
 * input, and runs killed with SIGKILL at random moments. */
#include <cjson/cJSON.h>
#include <errno.h>
#include <fcntl.h>
#include <glib/gstdio.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#include <utime.h>

#include "lede-config.h" /* LEDE_HAVE_HTML */
#include "testutil.h"

/* The fixtures' modification times, and the --now every run uses. */
static const struct {
	const char *path;
	const char *mtime;
} fixture_times[] = {
    {"harbor-vote.txt", "2025-03-01T05:00:00Z"},
    {"wire/harbor-vote-copy.txt", "2025-03-01T05:30:00Z"},
    {"museum.html", "2025-02-28T12:00:00Z"},
    {"rail-strike.md", "2025-03-01T07:15:00Z"},
    {"tricky.txt", "2025-02-27T09:00:00Z"},
    {"feed/records.jsonl", "2025-03-01T07:45:00Z"},
    {".hidden.txt", "2025-03-01T07:00:00Z"},
    {"notes.csv", "2025-03-01T07:00:00Z"},
};
#define NOW "2025-03-01T08:00:00Z"

static gint64 iso(const char *s)
{
	GDateTime *dt = g_date_time_new_from_iso8601(s, NULL);
	g_assert_nonnull(dt);
	gint64 t = g_date_time_to_unix(dt);
	g_date_time_unref(dt);
	return t;
}

static void set_mtime(const char *path, gint64 t)
{
	struct utimbuf ub = {(time_t)t, (time_t)t};
	g_assert_cmpint(g_utime(path, &ub), ==, 0);
}

static void copy_tree(const char *from, const char *to)
{
	g_assert_cmpint(g_mkdir_with_parents(to, 0755), ==, 0);
	GDir *d = g_dir_open(from, 0, NULL);
	g_assert_nonnull(d);
	const char *name;
	while ((name = g_dir_read_name(d))) {
		char *a = g_build_filename(from, name, NULL);
		char *b = g_build_filename(to, name, NULL);
		if (g_file_test(a, G_FILE_TEST_IS_DIR)) {
			copy_tree(a, b);
		} else {
			char *data;
			gsize len;
			g_assert_true(g_file_get_contents(a, &data, &len, NULL));
			tu_write(b, data, (gssize)len);
			g_free(data);
		}
		g_free(a);
		g_free(b);
	}
	g_dir_close(d);
}

/* A fresh temporary folder holding "digest/", the fixtures with fixed times. */
static char *fixture_dir(void)
{
	char *tmp = tu_tmpdir();
	char *src = tu_data_file("digest");
	char *dst = g_build_filename(tmp, "digest", NULL);
	copy_tree(src, dst);
	for (guint i = 0; i < G_N_ELEMENTS(fixture_times); i++) {
		char *p = g_build_filename(dst, fixture_times[i].path, NULL);
		set_mtime(p, iso(fixture_times[i].mtime));
		g_free(p);
	}
	g_free(src);
	g_free(dst);
	return tmp;
}

/* Runs "lede digest ARGS..." in cwd with optional stdin. */
static void run_in(TuRun *r, const char *cwd, const char *in, const char *arg,
                   ...) G_GNUC_NULL_TERMINATED;
static void run_in(TuRun *r, const char *cwd, const char *in, const char *arg, ...)
{
	GPtrArray *a = g_ptr_array_new();
	g_ptr_array_add(a, "digest");
	va_list ap;
	va_start(ap, arg);
	for (const char *s = arg; s; s = va_arg(ap, const char *))
		g_ptr_array_add(a, (char *)s);
	va_end(ap);
	g_ptr_array_add(a, NULL);
	tu_run(r, cwd, in, in ? strlen(in) : 0, (const char *const *)a->pdata);
	g_ptr_array_free(a, TRUE);
}

static char *read_or_null(const char *path)
{
	char *data = NULL;
	if (!g_file_get_contents(path, &data, NULL, NULL))
		return NULL;
	return data;
}

static guint count_lines(const char *s)
{
	guint n = 0;
	for (; *s; s++)
		n += *s == '\n';
	return n;
}

static guint count_str(const char *hay, const char *needle)
{
	guint n = 0;
	for (const char *p = hay; (p = strstr(p, needle)); p += strlen(needle))
		n++;
	return n;
}

/* ---- help and usage --------------------------------------------------------------- */

static void test_help(void)
{
	TuRun r;
	run_in(&r, NULL, NULL, "--help", NULL);
	g_assert_cmpint(r.status, ==, 0);
	const char *want[] = {"--sentences", "--format",    "--output", "--state",   "--since",
	                      "--always",    "--title",     "--sort",   "--include", "--exclude",
	                      "--jobs",      "--now",       "markdown", "html",      "json",
	                      "text",        "Exit status", "75",       "crontab",   ".lock"};
	for (guint i = 0; i < G_N_ELEMENTS(want); i++)
		if (!strstr(r.out, want[i]))
			g_error("--help does not mention %s", want[i]);
	tu_run_clear(&r);
}

static void test_usage_errors(void)
{
	const char *cases[][3] = {
	    {"--format", "xml", "."}, {"--sort", "size", "."},  {"-n", "0", "."},
	    {"-n", "x", "."},         {"--since", "soon", "."}, {"--since", "5y", "."},
	    {"--now", "never", "."},  {"-j", "0", "."},         {"--bogus", ".", NULL},
	    {"-", "-", NULL},         {NULL, NULL, NULL},
	};
	for (guint i = 0; i < G_N_ELEMENTS(cases); i++) {
		TuRun r;
		const char *argv[5] = {"digest"};
		guint k = 1;
		for (guint j = 0; j < 3 && cases[i][j]; j++)
			argv[k++] = cases[i][j];
		tu_run(&r, NULL, NULL, 0, argv);
		g_assert_cmpint(r.status, ==, 2);
		g_assert_true(g_str_has_prefix(r.err, "lede: "));
		g_assert_nonnull(strstr(r.err, "lede digest --help"));
		g_assert_cmpstr(r.out, ==, "");
		tu_run_clear(&r);
	}
}

/* One option parser for every command: "-j1" and "-n1" work as in lede
 * itself, an option's value may start with '-', and a value that is not
 * text names its option. */
static void test_option_parser(void)
{
	char *tmp = fixture_dir();
	TuRun a, b;
	run_in(&a, tmp, NULL, "--now", NOW, "-f", "json", "-j", "1", "-n", "1", "digest", NULL);
	run_in(&b, tmp, NULL, "--now", NOW, "-fjson", "-j1", "-n1", "digest", NULL);
	g_assert_cmpint(a.status, ==, 0);
	g_assert_cmpint(b.status, ==, 0);
	g_assert_cmpstr(b.err, ==, "");
	g_assert_cmpstr(a.out, ==, b.out);
	tu_run_clear(&a);
	tu_run_clear(&b);
	/* "-n1" after -t is -t's value, not a summary length */
	run_in(&a, tmp, NULL, "--now", NOW, "-f", "text", "-t", "-n1", "digest", NULL);
	g_assert_cmpint(a.status, ==, 0);
	g_assert_true(g_str_has_prefix(a.out, "-n1\n"));
	tu_run_clear(&a);
	static const char *const title_forms[][2] = {
	    {"--title", "\xff"}, {"-t", "\xff"}, {"--title=\xff", NULL}, {"-t\xff", NULL}};
	for (guint i = 0; i < G_N_ELEMENTS(title_forms); i++) {
		const char *argv[] = {"digest", title_forms[i][0],
		                      title_forms[i][1] ? title_forms[i][1] : "-", "-", NULL};
		if (!title_forms[i][1])
			argv[3] = NULL;
		tu_run(&a, tmp, "", 0, argv);
		g_assert_cmpint(a.status, ==, 2);
		if (!g_str_has_prefix(a.err, "lede: --title: not valid UTF-8"))
			g_error("%s: %s", title_forms[i][0], a.err);
		tu_run_clear(&a);
	}
	tu_rmtree(tmp);
	g_free(tmp);
}

/* ---- formats ------------------------------------------------------------------------- */

static void test_formats_golden(void)
{
	char *tmp = fixture_dir();
	const char *formats[][2] = {{"markdown", "digest.md"},
	                            {"html", "digest.html"},
	                            {"json", "digest.json"},
	                            {"text", "digest.txt"}};
	const char *ends[] = {"<!-- end of digest -->\n", "</html>\n", "}\n",
	                      "-- end of digest --\n"};
	for (guint i = 0; i < G_N_ELEMENTS(formats); i++) {
		TuRun r;
		run_in(&r, tmp, NULL, "--now", NOW, "-f", formats[i][0], "-j", "2", "digest", NULL);
		g_assert_cmpint(r.status, ==, 0);
		g_assert_cmpstr(r.err, ==, "");
		g_assert_true(g_str_has_suffix(r.out, ends[i]));
		g_assert_true(g_utf8_validate(r.out, -1, NULL));
		/* hidden files and non-text names are not articles */
		g_assert_null(strstr(r.out, "hidden"));
		g_assert_null(strstr(r.out, "notes.csv"));
		/* the wire copy is the same story: one entry, both sources */
		g_assert_cmpuint(count_str(r.out, "digest/harbor-vote.txt"), ==, 1);
		g_assert_cmpuint(count_str(r.out, "digest/wire/harbor-vote-copy.txt"), ==, 1);
		g_assert_nonnull(strstr(r.out, "museum.html"));
		g_assert_nonnull(strstr(r.out, "rail-strike.md"));
		g_assert_nonnull(strstr(r.out, "tricky.txt"));
		g_assert_null(strstr(r.out, "not part of the article"));
		g_assert_null(strstr(r.out, "editor's comment"));
		tu_check_golden(formats[i][1], r.out);
		if (i == 2) {
			cJSON *o = cJSON_Parse(r.out);
			g_assert_nonnull(o);
			cJSON *entries = cJSON_GetObjectItem(o, "entries");
			g_assert_cmpint(cJSON_GetArraySize(entries), ==, 6);
			g_assert_cmpint(cJSON_GetObjectItem(o, "sources")->valueint, ==, 7);
			gint64 last = G_MAXINT64;
			guint two = 0;
			cJSON *e;
			cJSON_ArrayForEach(e, entries)
			{
				/* newest first */
				gint64 t = iso(cJSON_GetObjectItem(e, "date")->valuestring);
				g_assert_cmpint(t, <=, last);
				last = t;
				g_assert_true(cJSON_IsString(cJSON_GetObjectItem(e, "headline")));
				g_assert_cmpstr(cJSON_GetObjectItem(e, "headline")->valuestring, !=,
				                "");
				cJSON *sum = cJSON_GetObjectItem(e, "summary");
				g_assert_cmpint(cJSON_GetArraySize(sum), >=, 1);
				g_assert_cmpint(cJSON_GetArraySize(sum), <=, 2);
				g_assert_cmpint(cJSON_GetObjectItem(e, "words")->valueint, >, 0);
				int words = cJSON_GetObjectItem(e, "words")->valueint;
				g_assert_cmpint(cJSON_GetObjectItem(e, "reading_minutes")->valueint,
				                ==, MAX(1, (words + 229) / 230));
				two += cJSON_GetArraySize(cJSON_GetObjectItem(e, "sources")) == 2;
			}
			g_assert_cmpuint(two, ==, 1);
			/* the records' titles are the headlines */
			g_assert_nonnull(strstr(
			    r.out,
			    "\"Council approves <script>bike lanes</script> & wider pavements\""));
			g_assert_nonnull(
			    strstr(r.out, "\"Rail workers walk out over night-shift rosters\""));
			g_assert_nonnull(strstr(
			    r.out, "\"Museum reopens after five-year renovation & expansion\""));
			cJSON_Delete(o);
		}
		tu_run_clear(&r);
	}
	/* the output does not depend on the number of jobs */
	TuRun a, b;
	run_in(&a, tmp, NULL, "--now", NOW, "-f", "json", "-j", "1", "digest", NULL);
	run_in(&b, tmp, NULL, "--now", NOW, "-f", "json", "-j", "4", "digest", NULL);
	g_assert_cmpstr(a.out, ==, b.out);
	tu_run_clear(&a);
	tu_run_clear(&b);
	tu_rmtree(tmp);
	g_free(tmp);
}

static void test_stdin_jsonl(void)
{
	char *tmp = fixture_dir();
	char *feed = g_build_filename(tmp, "digest", "feed", "records.jsonl", NULL);
	char *data = read_or_null(feed);
	GString *in = g_string_new(data);
	g_string_append(in,
	                "\n{\"id\": \"r3\", \"date\": \"2025-03-01\", \"title\": \"Short\", "
	                "\"text\": \"One short record about the library opening late on Sundays. "
	                "It opens at noon.\"}\n");
	TuRun r;
	run_in(&r, tmp, in->str, "--now", NOW, "-n", "1", "--title", "Feed & <friends>", "-", NULL);
	g_assert_cmpint(r.status, ==, 0);
	g_assert_cmpstr(r.err, ==, "");
	tu_check_golden("digest-stdin.md", r.out);
	g_assert_true(g_str_has_prefix(r.out, "# Feed \\& \\<friends\\>\n"));
	g_assert_nonnull(strstr(r.out, "Short"));
	/* a javascript: URL is shown, never linked */
	g_assert_null(strstr(r.out, "](javascript"));
	tu_run_clear(&r);

	/* bad lines are reported with their number; the rest still comes out */
	const char *bad =
	    "{\"id\": 1, \"text\": \"The first good record says the bridge reopened on Monday "
	    "after repairs.\"}\nnot json\n{\"id\": 3}\n{\"id\": 4, \"text\": \"bin\\u0000ary\"}\n";
	run_in(&r, tmp, bad, "--now", NOW, "-f", "json", "-", NULL);
	g_assert_cmpint(r.status, ==, 1);
	g_assert_nonnull(strstr(r.err, "lede: (stdin):2: invalid JSON\n"));
	g_assert_nonnull(strstr(r.err, "lede: (stdin):3: no \"text\" key\n"));
	g_assert_nonnull(strstr(r.err, "lede: (stdin):4: binary"));
	cJSON *o = cJSON_Parse(r.out);
	g_assert_nonnull(o);
	g_assert_cmpint(cJSON_GetObjectItem(o, "stories")->valueint, ==, 1);
	cJSON_Delete(o);
	tu_run_clear(&r);
	g_string_free(in, TRUE);
	g_free(data);
	g_free(feed);
	tu_rmtree(tmp);
	g_free(tmp);
}

static gboolean has_ci(const char *hay, const char *needle)
{
	char *h = g_ascii_strdown(hay, -1);
	gboolean r = strstr(h, needle) != NULL;
	g_free(h);
	return r;
}

static void test_html_safe(void)
{
	char *tmp = fixture_dir();
	TuRun r;
	run_in(&r, tmp, NULL, "--now", NOW, "-f", "html", "--title", "<script>x</script> & Co",
	       "digest", NULL);
	g_assert_cmpint(r.status, ==, 0);
	/* nothing that runs or loads anything */
	const char *never[] = {"<script", "<link",  "<img",    "<iframe", "<object",
	                       "<embed",  "<style", "@import", "url(",    "href=\"javascript"};
	for (guint i = 0; i < G_N_ELEMENTS(never); i++)
		if (has_ci(r.out, never[i]))
			g_error("HTML digest contains %s", never[i]);
	g_assert_null(strstr(r.out, " onload="));
	g_assert_null(strstr(r.out, " onclick="));
	/* titles, texts and URLs from the input come out escaped */
	g_assert_nonnull(strstr(r.out, "&lt;script&gt;x&lt;/script&gt; &amp; Co"));
	g_assert_nonnull(
	    strstr(r.out, "Council approves &lt;script&gt;bike lanes&lt;/script&gt; &amp; wider"));
	g_assert_nonnull(strstr(r.out, "Smith &amp; Sons"));
	g_assert_nonnull(
	    strstr(r.out, "href=\"https://news.example.org/2025/03/bike-lanes?a=1&amp;b=2\""));
	g_assert_null(strstr(r.out, "Smith & Sons"));
	/* every '&' starts an entity */
	for (const char *p = r.out; (p = strchr(p, '&')); p++) {
		const char *semi = strchr(p, ';');
		g_assert_nonnull(semi);
		g_assert_cmpint(semi - p, <=, 8);
	}
	g_assert_nonnull(strstr(r.out, "<meta charset=\"utf-8\">"));
	g_assert_true(g_str_has_prefix(r.out, "<!DOCTYPE html>\n"));

	char *xmllint = g_find_program_in_path("xmllint");
	if (!xmllint) {
		g_test_message(
		    "xmllint not found (Debian: apt-get install libxml2-utils): not validated");
	} else {
		char *page = g_build_filename(tmp, "digest.html", NULL);
		tu_write(page, r.out, -1);
		char *cmd[] = {xmllint, "--html", "--noout", page, NULL};
		char *out = NULL, *err = NULL;
		int status;
		GError *error = NULL;
		g_assert_true(g_spawn_sync(NULL, cmd, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, &err,
		                           &status, &error));
		g_assert_no_error(error);
		if (!WIFEXITED(status) || WEXITSTATUS(status) != 0 || *err)
			g_error("xmllint --html: %s", err);
		g_free(out);
		g_free(err);
		g_free(page);
		g_free(xmllint);
	}
	tu_run_clear(&r);
	tu_rmtree(tmp);
	g_free(tmp);
}

/* No field can forge a line or break the encoding: a file name with
 * newlines put a false end line mid-digest, and invalid UTF-8 in a
 * record's url made the JSON digest invalid UTF-8. */
static void test_fields_escaped(void)
{
	char *tmp = tu_tmpdir();
	char *dir = g_build_filename(tmp, "in", NULL);
	g_assert_cmpint(g_mkdir(dir, 0755), ==, 0);
	char *forged = g_build_filename(
	    dir, "x\n\n-- end of digest --\n\n<!-- end of digest -->\n\x1b[2J.txt", NULL);
	tu_write(forged,
	         "The ferry council met on Monday to approve the new harbor budget. "
	         "The vote was close.",
	         -1);
	char *feed = g_build_filename(dir, "feed.jsonl", NULL);
	tu_write(feed,
	         "{\"id\": 1, \"url\": \"https://example.org/a\xff\xfe\\n\\u2028b\", \"text\": "
	         "\"Rail workers walked out on Tuesday over pay and hours. Trains stopped.\"}\n"
	         "{\"id\": 2, \"url\": \"ftp://example.org/\\u0085\xc3\", \"text\": \"The museum "
	         "opened a new wing for local painters on Sunday. Entry is free.\"}\n",
	         -1);
	static const char *const formats[] = {"text", "markdown", "html", "json"};
	static const char *const ends[] = {"\n-- end of digest --\n", "\n<!-- end of digest -->\n",
	                                   "</html>\n", "}\n"};
	for (guint f = 0; f < G_N_ELEMENTS(formats); f++) {
		TuRun r;
		run_in(&r, tmp, NULL, "--now", NOW, "-f", formats[f], "--title", "Daily\nnews\r",
		       "in", NULL);
		g_assert_cmpint(r.status, ==, 0);
		if (!g_utf8_validate(r.out, (gssize)r.out_len, NULL))
			g_error("%s digest is not valid UTF-8", formats[f]);
		g_assert_true(g_str_has_suffix(r.out, ends[f]));
		/* the end line once, at the end */
		g_assert_cmpuint(count_str(r.out, ends[f]), ==, 1);
		/* no control character but the line ends (and JSON's indent) */
		for (const char *p = r.out; *p; p = g_utf8_next_char(p)) {
			gunichar c = g_utf8_get_char(p);
			if ((c < 0x20 && c != '\n' && !(f == 3 && c == '\t')) ||
			    (c >= 0x7F && c <= 0x9F) || c == 0x2028)
				g_error("%s digest has U+%04X", formats[f], c);
		}
		if (f == 3) {
			cJSON *o = cJSON_Parse(r.out);
			g_assert_nonnull(o);
			cJSON_Delete(o);
			/* JSON keeps the name exactly, escaped */
			g_assert_nonnull(strstr(r.out, "x\\n\\n-- end of digest --\\n"));
		} else {
			/* Markdown escapes the backslash itself */
			g_assert_nonnull(
			    strstr(r.out, f == 1 ? "Daily\\\\nnews\\\\r" : "Daily\\nnews\\r"));
		}
		tu_run_clear(&r);
	}
	g_free(feed);
	g_free(forged);
	g_free(dir);
	tu_rmtree(tmp);
	g_free(tmp);
}

/* ---- selection -------------------------------------------------------------------- */

static void test_include_exclude_sort(void)
{
	char *tmp = fixture_dir();
	TuRun r;
	run_in(&r, tmp, NULL, "--now", NOW, "-f", "text", "--include", "*.md", "--include",
	       "*.html", "digest", NULL);
	g_assert_cmpint(r.status, ==, 0);
	g_assert_nonnull(strstr(r.out, "rail-strike.md"));
	g_assert_nonnull(strstr(r.out, "museum.html"));
	g_assert_null(strstr(r.out, ".txt"));
	g_assert_null(strstr(r.out, "example.org"));
	tu_run_clear(&r);

	run_in(&r, tmp, NULL, "--now", NOW, "-f", "text", "--exclude", "wire/*", "--exclude",
	       "*.jsonl", "digest", NULL);
	g_assert_cmpint(r.status, ==, 0);
	g_assert_nonnull(strstr(r.out, "Source: digest/harbor-vote.txt\n"));
	g_assert_null(strstr(r.out, "wire"));
	g_assert_null(strstr(r.out, "example.org"));
	g_assert_nonnull(strstr(r.out, "4 stories\n"));
	tu_run_clear(&r);

	/* a file named on the command line is taken whatever its name */
	run_in(&r, tmp, NULL, "--now", NOW, "-f", "text", "digest/notes.csv", "digest/.hidden.txt",
	       NULL);
	g_assert_cmpint(r.status, ==, 0);
	g_assert_nonnull(strstr(r.out, "hidden"));
	g_assert_nonnull(strstr(r.out, "notes.csv"));
	tu_run_clear(&r);

	/* name: by the first source; score: most sources first */
	run_in(&r, tmp, NULL, "--now", NOW, "-f", "json", "--sort", "name", "digest", NULL);
	cJSON *o = cJSON_Parse(r.out);
	cJSON *e;
	char *prev = g_strdup("");
	cJSON_ArrayForEach(e, cJSON_GetObjectItem(o, "entries"))
	{
		const char *name =
		    cJSON_GetObjectItem(cJSON_GetArrayItem(cJSON_GetObjectItem(e, "sources"), 0),
		                        "source")
		        ->valuestring;
		g_assert_cmpint(strcmp(prev, name), <=, 0);
		g_free(prev);
		prev = g_strdup(name);
	}
	g_free(prev);
	cJSON_Delete(o);
	tu_run_clear(&r);
	run_in(&r, tmp, NULL, "--now", NOW, "-f", "json", "--sort", "score", "digest", NULL);
	o = cJSON_Parse(r.out);
	e = cJSON_GetArrayItem(cJSON_GetObjectItem(o, "entries"), 0);
	g_assert_cmpint(cJSON_GetArraySize(cJSON_GetObjectItem(e, "sources")), ==, 2);
	cJSON_Delete(o);
	tu_run_clear(&r);
	tu_rmtree(tmp);
	g_free(tmp);
}

static void test_since(void)
{
	char *tmp = fixture_dir();
	TuRun r;
	/* files by mtime, records by their date: 5:00, 5:30, 7:15 and the 6:30 record */
	run_in(&r, tmp, NULL, "--now", NOW, "-f", "json", "--since", "3h", "digest", NULL);
	g_assert_cmpint(r.status, ==, 0);
	cJSON *o = cJSON_Parse(r.out);
	g_assert_cmpint(cJSON_GetObjectItem(o, "stories")->valueint, ==, 3);
	g_assert_cmpint(cJSON_GetObjectItem(o, "sources")->valueint, ==, 4);
	cJSON_Delete(o);
	g_assert_null(strstr(r.out, "museum"));
	g_assert_nonnull(strstr(r.out, "bike-lanes"));
	tu_run_clear(&r);

	run_in(&r, tmp, NULL, "--now", NOW, "-f", "json", "--since", "2025-02-28T00:00:00Z",
	       "digest", NULL);
	o = cJSON_Parse(r.out);
	g_assert_cmpint(cJSON_GetObjectItem(o, "stories")->valueint, ==,
	                5); /* all but tricky.txt */
	cJSON_Delete(o);
	tu_run_clear(&r);

	/* nothing that recent: nothing at all */
	run_in(&r, tmp, NULL, "--now", NOW, "--since", "10m", "digest", NULL);
	g_assert_cmpint(r.status, ==, 0);
	g_assert_cmpstr(r.out, ==, "");
	g_assert_cmpstr(r.err, ==, "");
	tu_run_clear(&r);
	tu_rmtree(tmp);
	g_free(tmp);
}

/* Every number from an option or the state file is checked before use:
 * offsets past +-14:00 were taken, an absurd --since age overflowed, and a
 * state time of 1e300 was cast to gint64 (undefined behaviour, UBSan). */
static void test_numbers_checked(void)
{
	static const char *const bad_dates[] = {
	    "Sat, 01 Mar 2025 07:00:00 +9999", "Sat, 01 Mar 2025 07:00:00 +1460",
	    "Sat, 01 Mar 2025 07:00:00 -1500", "2025-03-01T07:00:00+2359",
	    "2025-03-01T07:00:00+24",          "2025-03-01T07:00+15:00",
	    "2025-03-01T07:00:00+05:60",
	};
	for (guint i = 0; i < G_N_ELEMENTS(bad_dates); i++) {
		TuRun r;
		run_in(&r, NULL, "", "--now", bad_dates[i], "--always", "-", NULL);
		if (r.status != 2)
			g_error("--now '%s' taken (status %d)", bad_dates[i], r.status);
		g_assert_true(g_str_has_prefix(r.err, "lede: --now: "));
		tu_run_clear(&r);
	}
	static const char *const good_dates[] = {
	    "Sat, 01 Mar 2025 07:00:00 +1400",
	    "Sat, 01 Mar 2025 07:00:00 +0545",
	    "2025-03-01T07:00:00-12:00",
	    "2025-03-01T07:00+05",
	};
	const char *rec = "{\"id\": 1, \"text\": \"The bridge reopened on Monday after repairs "
	                  "that took a year.\"}\n";
	for (guint i = 0; i < G_N_ELEMENTS(good_dates); i++) {
		TuRun r;
		run_in(&r, NULL, rec, "--now", good_dates[i], "-", NULL);
		if (r.status != 0)
			g_error("--now '%s' refused: %s", good_dates[i], r.err);
		tu_run_clear(&r);
	}
	/* a record's date is held to the same rule (a warning: the file's time is used) */
	TuRun r;
	run_in(&r, NULL,
	       "{\"id\": 1, \"date\": \"Sat, 01 Mar 2025 07:00:00 +9999\", \"text\": \"The "
	       "bridge reopened on Monday after repairs that took a year.\"}\n",
	       "--now", NOW, "-f", "json", "-", NULL);
	g_assert_cmpint(r.status, ==, 0);
	g_assert_true(g_str_has_prefix(r.err, "lede: (stdin):1: warning: unknown date format"));
	tu_run_clear(&r);

	/* the largest age whose seconds fit in 64 bits, from the year 1 */
	run_in(&r, NULL, rec, "--now", "0001-01-02", "--since", "15250284452471w", "-", NULL);
	g_assert_cmpint(r.status, ==, 2);
	g_assert_true(g_str_has_prefix(r.err, "lede: --since: "));
	tu_run_clear(&r);
	run_in(&r, NULL, rec, "--now", NOW, "--since", "520000w", "-f", "json", "-", NULL);
	g_assert_cmpint(r.status, ==, 0);
	tu_run_clear(&r);

	char *tmp = tu_tmpdir();
	char *state = g_build_filename(tmp, "state.json", NULL);
	static const char *const bad_times[] = {"1e300", "-1e300", "1.5", "1e999"};
	for (guint i = 0; i < G_N_ELEMENTS(bad_times); i++) {
		char *st = g_strdup_printf(
		    "{\"format\": \"lede-digest-state\", \"version\": 1, \"outputs\": [],\n"
		    "\"stories\": [{\"key\": \"k\", \"sha256\": \"0\", \"digested\": 1740800000},\n"
		    "{\"key\": \"id:7\", \"sha256\": \"0\", \"digested\": %s}]}\n",
		    bad_times[i]);
		tu_write(state, st, -1);
		run_in(&r, tmp, rec, "--now", NOW, "--state", state, "-", NULL);
		g_assert_cmpint(r.status, ==, 1);
		g_assert_cmpstr(r.out, ==, "");
		char *want =
		    g_strdup_printf("lede: %s: story 2: \"digested\" is not a time", state);
		if (!g_str_has_prefix(r.err, want))
			g_error("digested %s: %s", bad_times[i], r.err);
		g_free(want);
		tu_run_clear(&r);
		g_free(st);
	}
	g_free(state);
	tu_rmtree(tmp);
	g_free(tmp);
}

/* ---- state ------------------------------------------------------------------------- */

static void test_state(void)
{
	char *tmp = fixture_dir();
	char *state = g_build_filename(tmp, "state.json", NULL);
	char *out = g_build_filename(tmp, "digest", "out.md", NULL); /* among the articles */
	TuRun r;
	run_in(&r, tmp, NULL, "--now", NOW, "--state", state, "--output", out, "digest", NULL);
	g_assert_cmpint(r.status, ==, 0);
	g_assert_cmpstr(r.out, ==, "");
	g_assert_cmpstr(r.err, ==, "");
	char *first = read_or_null(out);
	g_assert_nonnull(first);
	g_assert_nonnull(strstr(first, "6 stories from 7 sources"));
	char *st = read_or_null(state);
	cJSON *o = cJSON_Parse(st);
	g_assert_nonnull(o);
	g_assert_cmpint(cJSON_GetArraySize(cJSON_GetObjectItem(o, "stories")), ==, 7);
	cJSON_Delete(o);
	tu_run_clear(&r);

	/* nothing new: no output, exit 0, the output file left alone */
	run_in(&r, tmp, NULL, "--now", NOW, "--state", state, "digest", NULL);
	g_assert_cmpint(r.status, ==, 0);
	g_assert_cmpstr(r.out, ==, "");
	g_assert_cmpstr(r.err, ==, "");
	tu_run_clear(&r);
	run_in(&r, tmp, NULL, "--now", NOW, "--state", state, "--output", out, "digest", NULL);
	g_assert_cmpint(r.status, ==, 0);
	char *again = read_or_null(out);
	g_assert_cmpstr(again, ==, first);
	g_free(again);
	tu_run_clear(&r);

	/* --always: a digest saying so */
	run_in(&r, tmp, NULL, "--now", NOW, "--state", state, "--always", "-f", "text", "digest",
	       NULL);
	g_assert_cmpint(r.status, ==, 0);
	g_assert_nonnull(strstr(r.out, "No new stories."));
	g_assert_nonnull(strstr(r.out, "0 stories"));
	tu_run_clear(&r);

	/* a new mtime alone is no change; new content is */
	char *museum = g_build_filename(tmp, "digest", "museum.html", NULL);
	set_mtime(museum, iso("2025-03-01T07:59:00Z"));
	run_in(&r, tmp, NULL, "--now", NOW, "--state", state, "digest", NULL);
	g_assert_cmpstr(r.out, ==, "");
	tu_run_clear(&r);
	char *rail = g_build_filename(tmp, "digest", "rail-strike.md", NULL);
	char *text = read_or_null(rail);
	char *changed = g_strconcat(
	    text, "\nThe strike ended early on Tuesday after a deal was struck.\n", NULL);
	tu_write(rail, changed, -1);
	char *fresh = g_build_filename(tmp, "digest", "fresh.txt", NULL);
	tu_write(fresh,
	         "A new article arrived this morning about the river ferry timetable. "
	         "Boats will run every twenty minutes from April.",
	         -1);
	run_in(&r, tmp, NULL, "--now", NOW, "--state", state, "-f", "json", "digest", NULL);
	g_assert_cmpint(r.status, ==, 0);
	o = cJSON_Parse(r.out);
	g_assert_cmpint(cJSON_GetObjectItem(o, "stories")->valueint, ==, 2);
	g_assert_nonnull(strstr(r.out, "rail-strike.md"));
	g_assert_nonnull(strstr(r.out, "fresh.txt"));
	g_assert_null(strstr(r.out, "museum"));
	cJSON_Delete(o);
	tu_run_clear(&r);
	run_in(&r, tmp, NULL, "--now", NOW, "--state", state, "digest", NULL);
	g_assert_cmpstr(r.out, ==, "");
	tu_run_clear(&r);

	/* a deleted file is forgotten at the next write */
	g_assert_cmpint(g_unlink(fresh), ==, 0);
	tu_write(rail, text, -1);
	run_in(&r, tmp, NULL, "--now", NOW, "--state", state, "digest", NULL);
	g_assert_nonnull(strstr(r.out, "rail-strike.md"));
	tu_run_clear(&r);
	g_free(st);
	st = read_or_null(state);
	g_assert_null(strstr(st, "fresh.txt"));
	g_assert_nonnull(strstr(st, "rail-strike.md"));

	/* a damaged state is refused, not taken for a first run */
	tu_write(state, "{\"format\": \"lede-digest-state\", \"version\": 1, \"stories\": [", -1);
	run_in(&r, tmp, NULL, "--now", NOW, "--state", state, "--output", out, "digest", NULL);
	g_assert_cmpint(r.status, ==, 1);
	g_assert_nonnull(strstr(r.err, "not a lede digest state file"));
	again = read_or_null(out);
	g_assert_cmpstr(again, ==, first);
	g_free(again);
	tu_run_clear(&r);

	g_free(text);
	g_free(changed);
	g_free(st);
	g_free(first);
	g_free(rail);
	g_free(fresh);
	g_free(museum);
	g_free(state);
	g_free(out);
	tu_rmtree(tmp);
	g_free(tmp);
}

static const char *const record_texts[] = {
    "The city council approved the new harbor budget on Monday after a long debate about "
    "ferry fares, dock repairs and parking fees near the old fish market.",
    "Snow closed the mountain pass on Tuesday, and the road service said ploughs would work "
    "through the night to clear drifts above the northern tunnel entrance.",
    "The regional orchestra named a new conductor, a violinist from the coast who led the "
    "youth ensemble for a decade and toured its string quartet abroad.",
};

/* JSON digest of the records on stdin (each line a printf format for one
 * text); returns the number of stories, and the state's keys in *keys. */
static guint digest_records(const char *tmp, const char *input, char ***keys)
{
	char *state = g_build_filename(tmp, "records-state.json", NULL);
	TuRun r;
	run_in(&r, tmp, input, "--now", NOW, "--state", state, "--always", "-f", "json", "-", NULL);
	if (r.status != 0)
		g_test_message("stderr: %s", r.err);
	g_assert_cmpint(r.status, ==, 0);
	cJSON *o = cJSON_Parse(r.out);
	g_assert_nonnull(o);
	guint n = (guint)cJSON_GetObjectItem(o, "stories")->valueint;
	cJSON_Delete(o);
	char *st = read_or_null(state);
	o = cJSON_Parse(st);
	GPtrArray *k = g_ptr_array_new();
	cJSON *it;
	cJSON_ArrayForEach(it, cJSON_GetObjectItem(o, "stories"))
	    g_ptr_array_add(k, g_strdup(cJSON_GetObjectItem(it, "key")->valuestring));
	g_ptr_array_add(k, NULL);
	*keys = (char **)g_ptr_array_free(k, FALSE);
	cJSON_Delete(o);
	g_free(st);
	tu_run_clear(&r);
	g_free(state);
	return n;
}

/* Ids past 2^53 were one id for cJSON, and the second story was dropped
 * for good (exit 0); 1e999 and 1e998 were both null. */
static void test_record_ids(void)
{
	char *tmp = tu_tmpdir();
	char *in = g_strdup_printf(
	    "{\"id\": 12345678901234567890, \"date\": \"2025-03-01T07:00:00Z\", \"text\": \"%s\"}\n"
	    "{\"id\": 12345678901234567891, \"date\": \"2025-03-01T07:00:00Z\", \"text\": \"%s\"}\n"
	    "{\"id\": 1e999, \"date\": \"2025-03-01T07:00:00Z\", \"text\": \"%s\"}\n",
	    record_texts[0], record_texts[1], record_texts[2]);
	char **keys;
	g_assert_cmpuint(digest_records(tmp, in, &keys), ==, 3);
	g_assert_cmpuint(g_strv_length(keys), ==, 3);
	g_assert_cmpstr(keys[0], ==, "id:-#12345678901234567890");
	g_assert_cmpstr(keys[1], ==, "id:-#12345678901234567891");
	g_assert_cmpstr(keys[2], ==, "id:-#1e999");
	g_strfreev(keys);
	g_free(in);

	/* trailing garbage makes the line invalid */
	TuRun r;
	run_in(&r, tmp, "{\"text\": \"x\"} junk\n", "--now", NOW, "-", NULL);
	g_assert_cmpint(r.status, ==, 1);
	g_assert_cmpstr(r.err, ==, "lede: (stdin):1: invalid JSON\n");
	tu_run_clear(&r);
	tu_rmtree(tmp);
	g_free(tmp);
}

/* A record with neither id nor url was known by its line number: a record
 * put before it made it, and every record after, new again. It is known
 * by its title and text now. */
static void test_record_prepend(void)
{
	char *tmp = tu_tmpdir();
	const char *fmt =
	    "{\"date\": \"2025-03-01T07:00:00Z\", \"title\": \"T%u\", \"text\": \"%s\"}\n";
	char *l0 = g_strdup_printf(fmt, 0, record_texts[0]);
	char *l1 = g_strdup_printf(fmt, 1, record_texts[1]);
	char *l2 = g_strdup_printf(fmt, 2, record_texts[2]);
	char *before = g_strconcat(l1, l2, NULL);
	char *after = g_strconcat(l0, l1, l2, NULL);
	char **keys;
	g_assert_cmpuint(digest_records(tmp, before, &keys), ==, 2);
	g_strfreev(keys);
	g_assert_cmpuint(digest_records(tmp, after, &keys), ==, 1);
	g_assert_cmpuint(g_strv_length(keys), ==, 3);
	for (guint i = 0; i < 3; i++)
		g_assert_true(g_str_has_prefix(keys[i], "sha256:-#"));
	g_strfreev(keys);
	g_free(before);
	g_free(after);
	g_free(l0);
	g_free(l1);
	g_free(l2);
	tu_rmtree(tmp);
	g_free(tmp);
}

/* Each record rescanned the input from its start to find its line: 16,000
 * records took 31 s. 100,000 records of 600 bytes (copies of one story, so
 * only one is summarized) take about 2 s of CPU time; rescanning took
 * about 150 s, past the limit (ulimit -t: CPU seconds, not wall time). */
static void test_records_linear(void)
{
	char pad[401];
	memset(pad, 'x', 400);
	pad[400] = '\0';
	GString *in = g_string_new(NULL);
	for (guint i = 0; i < 100000; i++)
		g_string_append_printf(in,
		                       "{\"id\": %u, \"date\": \"2025-03-01T07:00:00Z\", \"note\": "
		                       "\"%s\", \"text\": \"%s\"}\n",
		                       i, pad, record_texts[0]);
	const char *argv[] = {"digest", "-j", "1", "--now", NOW, "-f", "json", "-", NULL};
	TuRun r;
	tu_run_ulimit(&r, "-t 40", in->str, in->len, argv);
	g_assert_cmpint(r.status, ==, 0);
	cJSON *o = cJSON_Parse(r.out);
	g_assert_nonnull(o);
	g_assert_cmpint(cJSON_GetObjectItem(o, "stories")->valueint, ==, 1);
	g_assert_cmpint(cJSON_GetObjectItem(o, "sources")->valueint, ==, 100000);
	cJSON_Delete(o);
	tu_run_clear(&r);
	g_string_free(in, TRUE);
}

static void test_bad_files(void)
{
	char *tmp = fixture_dir();
	char *bin = g_build_filename(tmp, "digest", "binary.txt", NULL);
	tu_write(bin, "GIF89a\0\0\x01\x02 some bytes", 22);
	char *gone = g_build_filename(tmp, "digest", "gone.txt", NULL);
	g_assert_cmpint(symlink("/nonexistent/lede-test-target", gone), ==, 0);
	char *state = g_build_filename(tmp, "state.json", NULL);
	char *out = g_build_filename(tmp, "out.html", NULL);
	TuRun r;
	run_in(&r, tmp, NULL, "--now", NOW, "-f", "html", "--state", state, "--output", out,
	       "digest", "missing-dir", NULL);
	g_assert_cmpint(r.status, ==, 1);
	g_assert_nonnull(strstr(r.err, "lede: digest/binary.txt: binary file"));
	g_assert_nonnull(strstr(r.err, "lede: digest/gone.txt: No such file or directory\n"));
	g_assert_nonnull(strstr(r.err, "lede: missing-dir: No such file or directory\n"));
	g_assert_cmpuint(count_lines(r.err), ==, 3);
	char *html = read_or_null(out);
	g_assert_nonnull(html);
	g_assert_true(g_str_has_suffix(html, "</html>\n"));
	g_assert_nonnull(strstr(html, "6 stories from 7 sources"));
	g_assert_null(strstr(html, "binary.txt"));
	char *st = read_or_null(state);
	g_assert_nonnull(st);
	g_assert_null(strstr(st, "binary.txt"));
	tu_run_clear(&r);
	/* the next run: the bad files again (they were not recorded), nothing else */
	run_in(&r, tmp, NULL, "--now", NOW, "--state", state, "digest", NULL);
	g_assert_cmpint(r.status, ==, 1);
	g_assert_cmpstr(r.out, ==, "");
	g_assert_cmpuint(count_lines(r.err), ==, 2);
	tu_run_clear(&r);

	/* an empty file is no story but an error, each run (see /digest/no-text) */
	g_assert_cmpint(g_unlink(bin), ==, 0);
	g_assert_cmpint(g_unlink(gone), ==, 0);
	char *empty = g_build_filename(tmp, "digest", "empty.txt", NULL);
	tu_write(empty, "  \n\n", -1);
	run_in(&r, tmp, NULL, "--now", NOW, "--state", state, "digest", NULL);
	g_assert_cmpint(r.status, ==, 1);
	g_assert_cmpstr(r.out, ==, "");
	g_assert_cmpstr(r.err, ==, "lede: digest/empty.txt: no text\n");
	tu_run_clear(&r);

	/* an output folder that does not exist: exit 1 and the state untouched */
	tu_write(empty, "The empty file now holds a story about the harbour lights going green.",
	         -1);
	char *before = read_or_null(state);
	run_in(&r, tmp, NULL, "--now", NOW, "--state", state, "--output", "/nonexistent/dir/out.md",
	       "digest", NULL);
	g_assert_cmpint(r.status, ==, 1);
	g_assert_nonnull(strstr(r.err, "/nonexistent/dir/out.md"));
	char *after = read_or_null(state);
	g_assert_cmpstr(before, ==, after);
	tu_run_clear(&r);

	g_free(before);
	g_free(after);
	g_free(empty);
	g_free(html);
	g_free(st);
	g_free(bin);
	g_free(gone);
	g_free(state);
	g_free(out);
	tu_rmtree(tmp);
	g_free(tmp);
}

/* ---- HTML, and articles that yield no text -------------------------------------------- */

/* Writes in/NAME under tmp. */
static void put(const char *tmp, const char *name, const char *data)
{
	char *dir = g_build_filename(tmp, "in", NULL);
	g_assert_cmpint(g_mkdir_with_parents(dir, 0755), ==, 0);
	char *path = g_build_filename(dir, name, NULL);
	tu_write(path, data, -1);
	g_free(path);
	g_free(dir);
}

/* Issue 14, 2b: the hand-written tag scanner skipped from <svg to </svg>
 * and from <title to </title>, so an inline <svg .../> lost the text after
 * it and <title/> the whole article, which was then skipped as empty. */
static void test_html_self_closing(void)
{
	char *tmp = tu_tmpdir();
	put(tmp, "icon.html",
	    "<html><head><title>Ferry fares rise</title></head><body>\n"
	    "<p><svg class=\"icon\" viewBox=\"0 0 8 8\"/>The ferry company raised its fares by "
	    "a fifth on Monday, blaming the price of fuel.</p>\n"
	    "<p>Commuters said the rise would cost them 300 dollars a year.</p>\n</body></html>\n");
	put(tmp, "untitled.html",
	    "<html><head><title/></head><body>\n<p>The city library will stay open until "
	    "midnight during exam weeks, the university said on Friday.</p>\n</body></html>\n");
	TuRun r;
	run_in(&r, tmp, NULL, "--now", NOW, "-f", "json", "in", NULL);
	g_assert_cmpstr(r.err, ==, "");
	g_assert_cmpint(r.status, ==, 0);
	g_assert_nonnull(strstr(r.out, "\"Ferry fares rise\""));
	g_assert_nonnull(strstr(r.out, "raised its fares by a fifth"));
	g_assert_nonnull(strstr(r.out, "stay open until midnight"));
	g_assert_cmpuint(count_str(r.out, "\"headline\""), ==, 2);
	tu_run_clear(&r);
	tu_rmtree(tmp);
	g_free(tmp);
}

/* Issue #19: a story without a title gets a headline with room for the whole
 * phrase (90 bytes, --headline-max), never cut; a page's or a Markdown
 * title is shown as it is, without the site's name after it. */
static void test_headline_room(void)
{
	char *tmp = tu_tmpdir();
	put(tmp, "bridge.txt",
	    "The regional transport authority approved a plan to rebuild the collapsed river "
	    "bridge at Eastmoor with two new lanes for buses and bicycles, officials said.\n\n"
	    "Work starts in spring and will take three years. The old bridge fell into the river "
	    "after the floods of last winter.\n");
	put(tmp, "council.md",
	    "# Council approves rebuild - Example News\n\nThe council approved the rebuild of "
	    "the harbour wall on Tuesday after two years of talks.\n");
	put(tmp, "port.html",
	    "<html><head><title>Storm closes the port | The Harbour Times</title></head><body>\n"
	    "<p>The storm closed the port of Westhaven for two days, stranding twelve "
	    "ships.</p>\n</body></html>\n");
	TuRun r;
	run_in(&r, tmp, NULL, "--now", NOW, "-f", "json", "in", NULL);
	g_assert_cmpstr(r.err, ==, "");
	g_assert_cmpint(r.status, ==, 0);
	g_assert_nonnull(strstr(r.out, "\"Council approves rebuild\""));
	g_assert_nonnull(strstr(r.out, "\"Storm closes the port\""));
	g_assert_null(strstr(r.out, "Example News"));
	/* 87 bytes: more than the CLI's 75, and whole */
	g_assert_nonnull(strstr(r.out, "egional transport authority approved plan to rebuild "
	                               "collapsed river bridge at Eastmoor\""));
	tu_run_clear(&r);
	run_in(&r, tmp, NULL, "--now", NOW, "-f", "json", "--headline-max", "45", "in", NULL);
	g_assert_cmpint(r.status, ==, 0);
	g_assert_nonnull(strstr(r.out, "egional transport authority approved plan\""));
	tu_run_clear(&r);
	run_in(&r, tmp, NULL, "--now", NOW, "--headline-max", "7", "in", NULL);
	g_assert_cmpint(r.status, ==, 2);
	tu_run_clear(&r);
	tu_rmtree(tmp);
	g_free(tmp);
}

/* An article that yields no text is an error each run (exit 1, `lede:
 * SOURCE: no text`), whatever its kind, and is not entered in the state, so
 * it is read again next time; the other stories are digested as usual. */
static void test_no_text(void)
{
	char *tmp = tu_tmpdir();
	char *state = g_build_filename(tmp, "state.json", NULL);
	put(tmp, "good.txt",
	    "The harbour master closed the port for two days as a storm moved up the coast. "
	    "Fishing boats stayed in, and the ferry to the islands was cancelled.\n");
	put(tmp, "blank.txt", "  \n\n");
	put(tmp, "empty.md", "");
	put(tmp, "heading-only.md", "# Only a heading\n");
	put(tmp, "tags.html",
	    "<html><head><title>Only a title</title><script>var x = 1;</script></head>"
	    "<body><p> </p><!-- a comment --><style>p { color: red }</style></body></html>");
	put(tmp, "feed.jsonl", "{\"id\":\"a\",\"text\":\"\"}\n{\"id\":\"b\",\"text\":\" \\n \"}\n");
	static const char *const bad[] = {
	    "in/blank.txt: no text\n", "in/empty.md: no text\n",  "in/heading-only.md: no text\n",
	    "in/tags.html: no text\n", "feed.jsonl:1: no text\n", "feed.jsonl:2: no text\n"};
	TuRun r;
	for (int run = 0; run < 2; run++) {
		run_in(&r, tmp, NULL, "--now", NOW, "--state", state, "in", NULL);
		g_assert_cmpint(r.status, ==, 1);
		for (guint i = 0; i < G_N_ELEMENTS(bad); i++)
			g_assert_nonnull(strstr(r.err, bad[i]));
		g_assert_cmpuint(count_lines(r.err), ==, G_N_ELEMENTS(bad));
		g_assert_cmpuint(count_str(r.err, "lede: "), ==, G_N_ELEMENTS(bad));
		if (run == 0) /* the good story is not held back by the others */
			g_assert_nonnull(strstr(r.out, "harbour master closed the port"));
		else /* nothing new: the good story was recorded, the others were not */
			g_assert_cmpstr(r.out, ==, "");
		tu_run_clear(&r);
	}
	char *st = read_or_null(state);
	g_assert_nonnull(st);
	g_assert_nonnull(strstr(st, "good.txt"));
	g_assert_null(strstr(st, "tags.html"));
	g_assert_null(strstr(st, "blank.txt"));
	g_free(st);

	/* text arrives: the article is digested like any other */
	put(tmp, "tags.html",
	    "<html><body><p>The council approved a new cycle lane along the river on Tuesday, "
	    "after two years of debate.</p></body></html>");
	run_in(&r, tmp, NULL, "--now", NOW, "--state", state, "in/tags.html", NULL);
	g_assert_cmpstr(r.err, ==, "");
	g_assert_cmpint(r.status, ==, 0);
	g_assert_nonnull(strstr(r.out, "new cycle lane"));
	tu_run_clear(&r);
	g_free(state);
	tu_rmtree(tmp);
	g_free(tmp);
}

/* HTML the parser cannot read in full is refused with the reason, each run,
 * never read in part: nested past libxml2's depth limit; any HTML when built
 * without it. Bytes not in the declared character set are read as U+FFFD
 * (issue #20: a page that lies about its set still gives its article). */
static void test_html_refused(void)
{
	char *tmp = tu_tmpdir();
	char *state = g_build_filename(tmp, "state.json", NULL);
	GString *deep = g_string_new(NULL);
	for (int i = 0; i < 300; i++)
		g_string_append(deep, "<div>");
	g_string_append(deep, "The text at the bottom of a very deep page.");
	put(tmp, "deep.html", deep->str);
	put(tmp, "charset.html",
	    "<meta charset=\"shift_jis\"><p>\x82\xa0 The start, \xff\xff\xff and the rest.</p>");
	put(tmp, "good.txt",
	    "The harbour master closed the port for two days as a storm moved up the coast.\n");
	TuRun r;
	run_in(&r, tmp, NULL, "--now", NOW, "--state", state, "in", NULL);
	g_assert_cmpint(r.status, ==, 1);
#if LEDE_HAVE_HTML
	g_assert_nonnull(
	    strstr(r.err, "lede: in/deep.html: HTML nested more than 256 elements deep\n"));
	g_assert_null(strstr(r.err, "charset.html"));
	g_assert_nonnull(strstr(r.out, "The start, \xef\xbf\xbd"));
#else
	g_assert_nonnull(strstr(r.err, "lede: in/deep.html: HTML support not built\n"));
	g_assert_nonnull(strstr(r.err, "lede: in/charset.html: HTML support not built\n"));
#endif
	g_assert_cmpuint(count_lines(r.err), ==, LEDE_HAVE_HTML ? 1 : 2);
	g_assert_nonnull(strstr(r.out, "harbour master closed the port"));
	char *st = read_or_null(state);
	g_assert_nonnull(st);
	g_assert_null(strstr(st, "deep.html"));
	g_assert_true(!strstr(st, "charset.html") == !LEDE_HAVE_HTML);
	g_free(st);
	tu_run_clear(&r);
	g_string_free(deep, TRUE);
	g_free(state);
	tu_rmtree(tmp);
	g_free(tmp);
}

/* Pages go through the article extractor (issue #20), in files and in
 * "html" records: no menu or footer in the summary, and the story's title,
 * date and URL from the page's metadata before the file's. */
static const char meta_page[] =
    "<!doctype html><html><head><title>Tram line extended | Coast Times</title>"
    "<meta property=\"article:published_time\" content=\"2025-02-27T08:00:00Z\">"
    "<link rel=\"canonical\" href=\"https://news.example/tram\"></head><body>"
    "<nav><a href=\"/\">Home</a> <a href=\"/sport\">Sport</a></nav>"
    "<div class=\"story-body\"><p>The tram line will run three stops further east from "
    "June, the transport authority said on Thursday, after two years of work.</p>"
    "<p>The new stops serve the hospital, the university and a park-and-ride site that "
    "opens at the same time, with room for 800 cars.</p></div>"
    "<footer><p>Copyright 2025 Coast Times. Subscribe to our newsletter today.</p></footer>"
    "</body></html>";

static void test_pages_extracted(void)
{
	char *tmp = tu_tmpdir();
	put(tmp, "tram.html", meta_page);
	TuRun r;
	run_in(&r, tmp, NULL, "--now", NOW, "-f", "json", "in", NULL);
	g_assert_cmpint(r.status, ==, 0);
	g_test_message("%s", r.out);
	g_assert_null(strstr(r.out, "Copyright"));
	g_assert_null(strstr(r.out, "Home"));
	g_assert_nonnull(strstr(r.out, "\"https://news.example/tram\""));
	g_assert_nonnull(strstr(r.out, "2025-02-27T08:00"));
	g_assert_nonnull(strstr(r.out, "Tram line extended"));
	tu_run_clear(&r);
	cJSON *rec = cJSON_CreateObject();
	cJSON_AddStringToObject(rec, "id", "t1");
	cJSON_AddStringToObject(rec, "html", meta_page);
	char *line = cJSON_PrintUnformatted(rec);
	char *in = g_strconcat(line, "\n", NULL);
	run_in(&r, tmp, in, "--now", NOW, "-f", "json", "-", NULL);
	g_assert_cmpint(r.status, ==, 0);
	g_assert_null(strstr(r.out, "Copyright"));
	g_assert_nonnull(strstr(r.out, "\"https://news.example/tram\""));
	g_assert_nonnull(strstr(r.out, "Tram line extended"));
	tu_run_clear(&r);
	g_free(in);
	cJSON_free(line);
	cJSON_Delete(rec);
	tu_rmtree(tmp);
	g_free(tmp);
}

/* ---- lock ---------------------------------------------------------------------------- */

static int hold_lock(const char *state)
{
	char *lock = g_strconcat(state, ".lock", NULL);
	int fd = g_open(lock, O_RDWR | O_CREAT | O_CLOEXEC, 0666);
	g_assert_cmpint(fd, >=, 0);
	g_assert_cmpint(flock(fd, LOCK_EX | LOCK_NB), ==, 0);
	g_free(lock);
	return fd;
}

static void test_lock(void)
{
	char *tmp = fixture_dir();
	char *state = g_build_filename(tmp, "state.json", NULL);
	char *out = g_build_filename(tmp, "out.md", NULL);
	tu_write(state, "{\"format\": \"lede-digest-state\", \"version\": 1, \"stories\": [\n]}\n",
	         -1);
	tu_write(out, "yesterday's digest\n", -1);
	set_mtime(state, 1000000000);
	set_mtime(out, 1000000000);
	int fd = hold_lock(state);
	TuRun r;
	gint64 t0 = g_get_monotonic_time();
	run_in(&r, tmp, NULL, "--state", state, "--output", out, "digest", NULL);
	g_assert_cmpint(r.status, ==, 75);
	g_assert_cmpint(g_get_monotonic_time() - t0, <,
	                5 * G_USEC_PER_SEC); /* at once, no waiting */
	g_assert_cmpstr(r.out, ==, "");
	g_assert_cmpuint(count_lines(r.err), ==, 1);
	g_assert_true(g_str_has_prefix(r.err, "lede: "));
	g_assert_nonnull(strstr(r.err, "another lede digest is running"));
	char *o = read_or_null(out), *s = read_or_null(state);
	g_assert_cmpstr(o, ==, "yesterday's digest\n");
	g_assert_true(g_str_has_suffix(s, "[\n]}\n"));
	GStatBuf st;
	g_assert_cmpint(g_stat(out, &st), ==, 0);
	g_assert_cmpint(st.st_mtime, ==, 1000000000);
	g_assert_cmpint(g_stat(state, &st), ==, 0);
	g_assert_cmpint(st.st_mtime, ==, 1000000000);
	/* nothing else appeared beside them (no temporary files) */
	GDir *d = g_dir_open(tmp, 0, NULL);
	guint n = 0;
	while (g_dir_read_name(d))
		n++;
	g_dir_close(d);
	g_assert_cmpuint(n, ==, 4); /* digest/, state.json, state.json.lock, out.md */
	tu_run_clear(&r);
	close(fd);
	/* released: the run goes ahead */
	run_in(&r, tmp, NULL, "--state", state, "--output", out, "digest", NULL);
	g_assert_cmpint(r.status, ==, 0);
	tu_run_clear(&r);
	g_free(o);
	g_free(s);
	g_free(state);
	g_free(out);
	tu_rmtree(tmp);
	g_free(tmp);
}

/* TRUE when some process holds a flock on path: /proc/locks lists it by inode. */
static gboolean flock_held(const char *path)
{
	GStatBuf st;
	char *locks = NULL;
	if (g_stat(path, &st) != 0 || !g_file_get_contents("/proc/locks", &locks, NULL, NULL))
		return FALSE;
	char *needle = g_strdup_printf(":%lu ", (unsigned long)st.st_ino);
	gboolean held = FALSE;
	char **lines = g_strsplit(locks, "\n", -1);
	for (char **l = lines; *l && !held; l++)
		held = strstr(*l, "FLOCK") && strstr(*l, needle);
	g_strfreev(lines);
	g_free(needle);
	g_free(locks);
	return held;
}

static void test_concurrent(void)
{
	if (!g_file_test("/proc/locks", G_FILE_TEST_EXISTS)) {
		g_test_skip("/proc/locks is absent: cannot tell when the first run holds the lock");
		return;
	}
	char *tmp = fixture_dir();
	char *state = g_build_filename(tmp, "state.json", NULL);
	char *lock = g_strconcat(state, ".lock", NULL);
	char *out = g_build_filename(tmp, "out.json", NULL);
	const char *bin = g_getenv("LEDE_BIN");

	/* A takes the lock, then waits for its standard input: a run that is
	 * certainly under way while B starts. */
	GError *error = NULL;
	GSubprocessLauncher *l = g_subprocess_launcher_new(G_SUBPROCESS_FLAGS_STDIN_PIPE |
	                                                   G_SUBPROCESS_FLAGS_STDOUT_PIPE |
	                                                   G_SUBPROCESS_FLAGS_STDERR_PIPE);
	g_subprocess_launcher_set_cwd(l, tmp);
	GSubprocess *a =
	    g_subprocess_launcher_spawn(l, &error, bin, "digest", "--now", NOW, "-f", "json",
	                                "--state", state, "--output", out, "digest", "-", NULL);
	g_assert_no_error(error);
	for (int i = 0; i < 1000 && !flock_held(lock); i++)
		g_usleep(10000);
	g_assert_true(flock_held(lock));
	TuRun b;
	run_in(&b, tmp, NULL, "--now", NOW, "-f", "json", "--state", state, "--output", out,
	       "digest", NULL);
	g_assert_cmpint(b.status, ==, 75);
	g_assert_cmpstr(b.out, ==, "");
	g_assert_cmpuint(count_lines(b.err), ==, 1);
	g_assert_false(g_file_test(out, G_FILE_TEST_EXISTS));
	g_assert_false(g_file_test(state, G_FILE_TEST_EXISTS));
	tu_run_clear(&b);
	const char *rec =
	    "{\"id\": \"x\", \"text\": \"A record from standard input about the new tram line "
	    "opening in June.\"}\n";
	GBytes *in = g_bytes_new_static(rec, strlen(rec));
	GBytes *sout = NULL, *serr = NULL;
	g_subprocess_communicate(a, in, NULL, &sout, &serr, &error);
	g_assert_no_error(error);
	g_assert_true(g_subprocess_get_if_exited(a));
	g_assert_cmpint(g_subprocess_get_exit_status(a), ==, 0);
	char *digest = read_or_null(out);
	g_assert_nonnull(strstr(digest, "tram line"));
	g_assert_nonnull(strstr(digest, "harbor-vote"));
	g_free(digest);
	g_bytes_unref(in);
	g_bytes_unref(sout);
	g_bytes_unref(serr);
	g_object_unref(a);

	/* Started together with no help: exactly one digests. Either they
	 * overlapped (the other exits 75) or one finished first (the other
	 * finds nothing new). */
	for (int round = 0; round < 6; round++) {
		g_unlink(state);
		GSubprocess *p[2];
		for (int k = 0; k < 2; k++) {
			p[k] = g_subprocess_launcher_spawn(l, &error, bin, "digest", "--now", NOW,
			                                   "-f", "json", "-j", "1", "--state",
			                                   state, "digest", NULL);
			g_assert_no_error(error);
		}
		guint worked = 0, locked = 0, idle = 0;
		for (int k = 0; k < 2; k++) {
			GBytes *none = g_bytes_new_static("", 0);
			g_subprocess_communicate(p[k], none, NULL, &sout, &serr, &error);
			g_bytes_unref(none);
			g_assert_no_error(error);
			int status = g_subprocess_get_exit_status(p[k]);
			gsize n;
			const char *o = g_bytes_get_data(sout, &n);
			if (status == 0 && n > 0) {
				worked++;
				g_assert_true(g_str_has_suffix(o, "}\n"));
			} else if (status == 75) {
				locked++;
				g_assert_cmpuint(n, ==, 0);
			} else {
				g_assert_cmpint(status, ==, 0);
				g_assert_cmpuint(n, ==, 0);
				idle++;
			}
			g_bytes_unref(sout);
			g_bytes_unref(serr);
			g_object_unref(p[k]);
		}
		g_assert_cmpuint(worked, ==, 1);
		g_assert_cmpuint(locked + idle, ==, 1);
		g_test_message("round %d: %s", round,
		               locked ? "overlapped, one exited 75" : "ran one after the other");
	}
	g_object_unref(l);
	g_free(state);
	g_free(lock);
	g_free(out);
	tu_rmtree(tmp);
	g_free(tmp);
}

/* ---- SIGKILL ------------------------------------------------------------------------- */

#define KILL_ARTICLES 300
#define KILL_ROUNDS 20

static const char *const vocab[] = {
    "harbour",    "council",  "budget",  "railway",   "museum",     "teacher", "hospital",
    "river",      "bridge",   "market",  "farmer",    "election",   "court",   "police",
    "storm",      "festival", "library", "factory",   "airport",    "tunnel",  "school",
    "minister",   "village",  "mayor",   "union",     "doctor",     "garden",  "stadium",
    "orchestra",  "ferry",    "forest",  "energy",    "water",      "housing", "tax",
    "tram",       "pier",     "vaccine", "harvest",   "drought",    "flood",   "satellite",
    "bakery",     "painter",  "novel",   "glacier",   "volcano",    "copper",  "timber",
    "wheat",      "salmon",   "highway", "cathedral", "castle",     "prison",  "zoo",
    "lighthouse", "canal",    "theatre", "bicycle",   "parliament", "senate",  "judge",
    "jury",
};

static char *make_article(guint id, guint version)
{
	GRand *rng = g_rand_new_with_seed(id * 7919u + version * 104729u + 1);
	GString *s = g_string_new(NULL);
	g_string_append_printf(s, "Story %u, version %u.\n\n", id, version);
	for (int sent = 0; sent < 8; sent++) {
		for (int w = 0; w < 14; w++) {
			const char *word = vocab[g_rand_int_range(rng, 0, G_N_ELEMENTS(vocab))];
			if (w == 0)
				g_string_append_printf(s, "%c%s", g_ascii_toupper(word[0]),
				                       word + 1);
			else
				g_string_append_printf(s, " %s", word);
		}
		g_string_append(s, sent % 3 == 2 ? ".\n\n" : ". ");
	}
	g_rand_free(rng);
	return g_string_free(s, FALSE);
}

static char *sha256_of(const char *path)
{
	char *data;
	gsize len;
	g_assert_true(g_file_get_contents(path, &data, &len, NULL));
	char *h = g_compute_checksum_for_data(G_CHECKSUM_SHA256, (const guchar *)data, len);
	g_free(data);
	return h;
}

/* key -> sha256 from a state file, or NULL when there is none; fails the
 * test when it does not parse. */
static GHashTable *load_state(const char *path)
{
	char *data = read_or_null(path);
	if (!data)
		return NULL;
	cJSON *o = cJSON_Parse(data);
	if (!o)
		g_error("state file does not parse:\n%s", data);
	GHashTable *h = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
	cJSON *e;
	cJSON_ArrayForEach(e, cJSON_GetObjectItem(o, "stories"))
	{
		g_hash_table_replace(h, g_strdup(cJSON_GetObjectItem(e, "key")->valuestring),
		                     g_strdup(cJSON_GetObjectItem(e, "sha256")->valuestring));
	}
	cJSON_Delete(o);
	g_free(data);
	return h;
}

static void test_sigkill(void)
{
	char *tmp = tu_tmpdir();
	char *canon_tmp = realpath(tmp, NULL);
	char *arts = g_build_filename(tmp, "articles", NULL);
	char *outdir = g_build_filename(tmp, "out", NULL);
	g_mkdir(arts, 0755);
	g_mkdir(outdir, 0755);
	char *state = g_build_filename(outdir, "state.json", NULL);
	char *out = g_build_filename(outdir, "digest.json", NULL);
	guint *version = g_new0(guint, KILL_ARTICLES);
	for (guint i = 0; i < KILL_ARTICLES; i++) {
		char *p = g_strdup_printf("%s/a%03u.txt", arts, i);
		char *text = make_article(i, 0);
		tu_write(p, text, -1);
		g_free(text);
		g_free(p);
	}
	const char *bin = g_getenv("LEDE_BIN");
	GSubprocessLauncher *l = g_subprocess_launcher_new(G_SUBPROCESS_FLAGS_STDOUT_SILENCE |
	                                                   G_SUBPROCESS_FLAGS_STDERR_SILENCE);
	GError *error = NULL;

	/* how long a whole run takes, to spread the kills over it */
	gint64 t0 = g_get_monotonic_time();
	GSubprocess *p = g_subprocess_launcher_spawn(l, &error, bin, "digest", "-f", "json", "-j",
	                                             "1", "--output", out, arts, NULL);
	g_assert_no_error(error);
	g_assert_true(g_subprocess_wait_check(p, NULL, &error));
	g_object_unref(p);
	gint64 full = g_get_monotonic_time() - t0;
	g_test_message("a whole run of %u articles: %.1f ms", KILL_ARTICLES, full / 1000.0);
	g_unlink(out);

	GRand *rng = g_rand_new_with_seed(20250301);
	guint killed = 0, old_kept = 0, new_only_output = 0, completed = 0;
	gint64 round_time = full;
	guint kills_in_a_row = 0;
	for (guint round = 0; round < KILL_ROUNDS; round++) {
		/* change some articles, so every run has work */
		for (guint k = 0; k < KILL_ARTICLES / 3; k++) {
			guint i = g_rand_int_range(rng, 0, KILL_ARTICLES);
			char *path = g_strdup_printf("%s/a%03u.txt", arts, i);
			char *text = make_article(i, ++version[i]);
			tu_write(path, text, -1);
			g_free(text);
			g_free(path);
		}
		char *old_out = read_or_null(out);
		GHashTable *old_state = load_state(state);
		p = g_subprocess_launcher_spawn(l, &error, bin, "digest", "-f", "json", "-j", "1",
		                                "--state", state, "--output", out, arts, NULL);
		g_assert_no_error(error);
		/* spread over the longest time a round took when left alone;
		 * every other round aims at the second half, where the writing is */
		gint64 start = g_get_monotonic_time();
		gint32 span = (gint32)MAX(1000, round_time * 6 / 5);
		gint64 delay = g_rand_int_range(rng, round % 2 ? span / 2 : 0, span);
		g_usleep((gulong)delay);
		g_subprocess_send_signal(p, SIGKILL);
		g_subprocess_wait(p, NULL, &error);
		g_assert_no_error(error);
		gboolean was_killed = g_subprocess_get_if_signaled(p);
		if (!was_killed) {
			g_assert_cmpint(g_subprocess_get_exit_status(p), ==, 0);
			round_time = MAX(round_time, g_get_monotonic_time() - start);
			kills_in_a_row = 0;
		} else if (++kills_in_a_row == 3) {
			/* rounds take longer than thought: aim later */
			round_time = round_time * 3 / 2;
			kills_in_a_row = 0;
		}
		killed += was_killed;
		g_object_unref(p);

		/* the output: the old one, or a complete new one */
		char *now_out = read_or_null(out);
		gboolean new_out = now_out && g_strcmp0(now_out, old_out) != 0;
		GHashTable *hashes_out =
		    g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
		if (new_out) {
			g_assert_true(g_str_has_suffix(now_out, "}\n"));
			cJSON *o = cJSON_Parse(now_out);
			if (!o)
				g_error("round %u: the output is not a whole JSON digest", round);
			cJSON *e, *s;
			cJSON_ArrayForEach(e, cJSON_GetObjectItem(o, "entries"))
			{
				cJSON_ArrayForEach(s, cJSON_GetObjectItem(e, "sources"))
				{
					char *key = g_strdup_printf(
					    "%s=%s", cJSON_GetObjectItem(s, "source")->valuestring,
					    cJSON_GetObjectItem(s, "sha256")->valuestring);
					g_hash_table_add(hashes_out, key);
				}
			}
			cJSON_Delete(o);
		}
		/* the state parses, and whatever it newly records is in that new,
		 * complete output, with the content the article has now */
		GHashTable *new_state = load_state(state);
		gboolean state_changed = FALSE;
		if (new_state) {
			GHashTableIter it;
			gpointer k, v;
			g_hash_table_iter_init(&it, new_state);
			while (g_hash_table_iter_next(&it, &k, &v)) {
				const char *was =
				    old_state ? g_hash_table_lookup(old_state, k) : NULL;
				if (g_strcmp0(was, v) == 0)
					continue;
				state_changed = TRUE;
				g_assert_true(new_out);
				const char *key = k;
				g_assert_true(g_str_has_prefix(key, "file:"));
				const char *base = strrchr(key, '/');
				g_assert_nonnull(base);
				char *disk =
				    g_build_filename(canon_tmp, "articles", base + 1, NULL);
				g_assert_cmpstr(key + 5, ==, disk);
				char *h = sha256_of(disk);
				g_assert_cmpstr(h, ==, v);
				char *shown =
				    g_strdup_printf("%s/%s=%s", arts, base + 1, (const char *)v);
				if (!g_hash_table_contains(hashes_out, shown))
					g_error("round %u: state records %s, not in the digest",
					        round, shown);
				g_free(shown);
				g_free(h);
				g_free(disk);
			}
		} else {
			g_assert_null(old_state);
		}
		if (new_out && state_changed)
			completed++;
		else if (new_out)
			new_only_output++;
		else
			old_kept++;
		if (new_state)
			g_hash_table_destroy(new_state);
		if (old_state)
			g_hash_table_destroy(old_state);
		g_hash_table_destroy(hashes_out);
		g_free(now_out);
		g_free(old_out);
	}
	g_test_message("%u rounds: %u killed; %u left the old digest, %u a new digest with the old "
	               "state, %u a new digest and state",
	               KILL_ROUNDS, killed, old_kept, new_only_output, completed);
	/* and after all that, a run that is left alone catches up with everything */
	TuRun r;
	run_in(&r, NULL, NULL, "-f", "json", "--state", state, "--output", out, arts, NULL);
	g_assert_cmpint(r.status, ==, 0);
	tu_run_clear(&r);
	run_in(&r, NULL, NULL, "-f", "json", "--state", state, arts, NULL);
	g_assert_cmpint(r.status, ==, 0);
	g_assert_cmpstr(r.out, ==, "");
	GHashTable *final = load_state(state);
	g_assert_cmpuint(g_hash_table_size(final), ==, KILL_ARTICLES);
	g_hash_table_destroy(final);
	tu_run_clear(&r);

	g_rand_free(rng);
	g_object_unref(l);
	g_free(version);
	g_free(state);
	g_free(out);
	g_free(arts);
	g_free(outdir);
	free(canon_tmp);
	tu_rmtree(tmp);
	g_free(tmp);
}

int main(int argc, char **argv)
{
	/* dates in golden files are local time: make local time UTC */
	g_setenv("TZ", "UTC", TRUE);
	g_test_init(&argc, &argv, NULL);
#if !LEDE_HAVE_HTML
	/* built with -Dhtml=disabled: the fixtures hold an HTML article, which
	 * is then refused, so only the tests that do without them */
	g_test_add_func("/digest/help", test_help);
	g_test_add_func("/digest/usage-errors", test_usage_errors);
	g_test_add_func("/digest/stdin-jsonl", test_stdin_jsonl);
	g_test_add_func("/digest/html-refused", test_html_refused);
	g_test_add_func("/digest/sigkill", test_sigkill);
	return g_test_run();
#endif
	g_test_add_func("/digest/help", test_help);
	g_test_add_func("/digest/usage-errors", test_usage_errors);
	g_test_add_func("/digest/option-parser", test_option_parser);
	g_test_add_func("/digest/formats-golden", test_formats_golden);
	g_test_add_func("/digest/stdin-jsonl", test_stdin_jsonl);
	g_test_add_func("/digest/html-safe", test_html_safe);
	g_test_add_func("/digest/fields-escaped", test_fields_escaped);
	g_test_add_func("/digest/include-exclude-sort", test_include_exclude_sort);
	g_test_add_func("/digest/since", test_since);
	g_test_add_func("/digest/numbers-checked", test_numbers_checked);
	g_test_add_func("/digest/state", test_state);
	g_test_add_func("/digest/bad-files", test_bad_files);
	g_test_add_func("/digest/record-ids", test_record_ids);
	g_test_add_func("/digest/record-prepend", test_record_prepend);
	g_test_add_func("/digest/records-linear", test_records_linear);
	g_test_add_func("/digest/html-self-closing", test_html_self_closing);
	g_test_add_func("/digest/no-text", test_no_text);
	g_test_add_func("/digest/headline-room", test_headline_room);
	g_test_add_func("/digest/html-refused", test_html_refused);
	g_test_add_func("/digest/pages-extracted", test_pages_extracted);
	g_test_add_func("/digest/lock", test_lock);
	g_test_add_func("/digest/concurrent", test_concurrent);
	g_test_add_func("/digest/sigkill", test_sigkill);
	return g_test_run();
}
