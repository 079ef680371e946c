/* lede digest over news feeds (issue #15): items as stories, item-level
 * state for cron, the same story in several feeds, short items, --format
 * atom read back by feedparser, and each kind of bad feed. */
#include <cjson/cJSON.h>
#include <glib/gstdio.h>
#include <string.h>

#include "lede-config.h" /* LEDE_HAVE_HTML */
#include "testutil.h"

#define NOW "2025-03-01T08:00:00Z"

/* Two sentences at least, so lede summarizes them. */
static const char *const bodies[] = {
    "The city council voted on Tuesday to rebuild the old harbor wall. The work will take "
    "three years and cost twelve million euros. Fishermen welcomed the decision.",
    "Rail workers walked out at dawn over a pay dispute. Trains across the region stood still "
    "for most of the morning. Talks resume on Friday.",
    "The national museum reopened its east wing after a long renovation. Visitors queued "
    "around the block. The wing holds the country's oldest maps.",
    "A new bridge over the river opened to cyclists this week. It links two parks that were "
    "cut off for decades. Traffic on the old crossing fell at once.",
    "Farmers in the valley reported the best harvest in ten years. Prices for grain fell as a "
    "result. Bakers expect cheaper bread by summer.",
};

typedef struct {
	const char *guid, *title, *link, *body;
} Item;

static char *rss(const char *title, const Item *items, guint n)
{
	GString *s = g_string_new(NULL);
	g_string_append_printf(s,
	                       "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<rss version=\"2.0\">"
	                       "<channel><title>%s</title><link>https://%s.example/</link>\n",
	                       title, title);
	for (guint i = 0; i < n; i++) {
		g_string_append(s, "<item>");
		if (items[i].guid)
			g_string_append_printf(s, "<guid isPermaLink=\"false\">%s</guid>",
			                       items[i].guid);
		if (items[i].title)
			g_string_append_printf(s, "<title>%s</title>", items[i].title);
		if (items[i].link)
			g_string_append_printf(s, "<link>%s</link>", items[i].link);
		g_string_append_printf(s,
		                       "<pubDate>Sat, 01 Mar 2025 0%u:00:00 +0000</pubDate>"
		                       "<description><![CDATA[<p>%s</p>]]></description></item>\n",
		                       i % 8, items[i].body);
	}
	g_string_append(s, "</channel></rss>\n");
	return g_string_free(s, FALSE);
}

static void write_file(const char *dir, const char *name, const char *data)
{
	char *p = g_build_filename(dir, name, NULL);
	tu_write(p, data, -1);
	g_free(p);
}

static void run_digest(TuRun *r, const char *stdin_data, const char *arg,
                       ...) G_GNUC_NULL_TERMINATED;
static void run_digest(TuRun *r, const char *stdin_data, const char *arg, ...)
{
	GPtrArray *a = g_ptr_array_new();
	g_ptr_array_add(a, "digest");
	g_ptr_array_add(a, "--now");
	g_ptr_array_add(a, NOW);
	va_list ap;
	va_start(ap, arg);
	for (const char *s = arg; s; s = va_arg(ap, const char *))
		g_ptr_array_add(a, (char *)s);
	va_end(ap);
	g_ptr_array_add(a, NULL);
	tu_run(r, NULL, stdin_data, stdin_data ? strlen(stdin_data) : 0,
	       (const char *const *)a->pdata);
	g_ptr_array_free(a, TRUE);
}

static cJSON *entries_of(const TuRun *r, cJSON **root)
{
	*root = cJSON_Parse(r->out);
	g_assert_nonnull(*root);
	cJSON *e = cJSON_GetObjectItemCaseSensitive(*root, "entries");
	g_assert_true(cJSON_IsArray(e));
	return e;
}

static const char *str_of(cJSON *o, const char *key)
{
	cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);
	return cJSON_IsString(v) ? v->valuestring : NULL;
}

static gboolean need_html(void)
{
#if LEDE_HAVE_HTML
	return TRUE;
#else
	g_test_skip("feeds need lede built with HTML support (libxml2)");
	return FALSE;
#endif
}

/* ---- items as stories ------------------------------------------------------------- */

static void test_items(void)
{
	if (!need_html())
		return;
	char *dir = tu_tmpdir();
	Item a[] = {{"a1", "Harbor wall to be rebuilt", "https://a.example/1", bodies[0]},
	            {"a2", "Rail strike stops trains", "https://a.example/2", bodies[1]}};
	char *feed = rss("alpha", a, 2);
	write_file(dir, "alpha.rss", feed);
	g_free(feed);
	write_file(dir, "beta.atom",
	           "<feed xmlns=\"http://www.w3.org/2005/Atom\"><title>beta</title>"
	           "<id>urn:b</id><updated>2025-03-01T06:00:00Z</updated>"
	           "<entry><title>Museum wing reopens</title><id>urn:b:1</id>"
	           "<link href=\"https://b.example/museum\"/><author><name>Ann Lee</name></author>"
	           "<updated>2025-03-01T06:00:00Z</updated><content type=\"html\">&lt;p&gt;"
	           "The national museum reopened its east wing after a long renovation. Visitors "
	           "queued around the block.&lt;/p&gt;</content></entry></feed>");
	write_file(
	    dir, "gamma.json",
	    "{\"version\": \"https://jsonfeed.org/version/1.1\", \"title\": \"gamma\", "
	    "\"items\": [{\"id\": \"g1\", \"url\": \"https://g.example/bridge\", \"title\": "
	    "\"Bridge opens\", \"date_published\": \"2025-03-01T05:00:00Z\", "
	    "\"content_text\": \"A new bridge over the river opened to cyclists this week. It "
	    "links two parks that were cut off for decades.\"}]}");
	/* a .json and an .xml that are no feeds: not articles either */
	write_file(dir, "package.json", "{\"name\": \"x\", \"version\": \"1.0.0\"}");
	write_file(dir, "layout.xml", "<?xml version=\"1.0\"?><layout><row/></layout>");
	TuRun r;
	run_digest(&r, NULL, "-f", "json", dir, NULL);
	g_assert_cmpstr(r.err, ==, "");
	g_assert_cmpint(r.status, ==, 0);
	cJSON *root, *entries = entries_of(&r, &root);
	g_assert_cmpint(cJSON_GetArraySize(entries), ==, 4);
	cJSON *e;
	cJSON_ArrayForEach(e, entries)
	{
		/* every source of a feed item carries the item's link */
		cJSON *src = cJSON_GetArrayItem(cJSON_GetObjectItemCaseSensitive(e, "sources"), 0);
		const char *url = str_of(src, "url");
		g_assert_nonnull(url);
		g_assert_true(g_str_has_prefix(url, "https://"));
		g_assert_nonnull(str_of(e, "headline"));
	}
	g_assert_nonnull(strstr(r.out, "\"url\":\t\"https://g.example/bridge\""));
	g_assert_nonnull(strstr(r.out, "\"headline\":\t\"Rail strike stops trains\""));
	g_assert_nonnull(strstr(r.out, "\"author\":\t\"Ann Lee\""));
	cJSON_Delete(root);
	tu_run_clear(&r);

	/* named on the command line whatever its name, and on standard input */
	char *named = g_build_filename(dir, "alpha.rss", NULL);
	char *as_txt = g_build_filename(dir, "saved-feed.txt", NULL);
	char *data;
	g_assert_true(g_file_get_contents(named, &data, NULL, NULL));
	tu_write(as_txt, data, -1);
	run_digest(&r, NULL, "-f", "json", as_txt, NULL);
	g_assert_cmpint(r.status, ==, 0);
	g_assert_nonnull(strstr(r.out, "\"stories\":\t2"));
	tu_run_clear(&r);
	run_digest(&r, data, "-f", "json", "-", NULL);
	g_assert_cmpint(r.status, ==, 0);
	g_assert_nonnull(strstr(r.out, "\"stories\":\t2"));
	tu_run_clear(&r);
	g_free(data);
	g_free(as_txt);
	g_free(named);
	tu_rmtree(dir);
	g_free(dir);
}

/* ---- cron: items are the unit of state -------------------------------------------- */

static void test_cron(void)
{
	if (!need_html())
		return;
	char *dir = tu_tmpdir();
	char *feeds = g_build_filename(dir, "feeds", NULL);
	char *state = g_build_filename(dir, "state", NULL);
	g_assert_cmpint(g_mkdir(feeds, 0755), ==, 0);
	Item items[] = {{"n1", "Harbor wall to be rebuilt", "https://n.example/1", bodies[0]},
	                {"n2", "Rail strike stops trains", "https://n.example/2", bodies[1]},
	                {"n3", "Museum wing reopens", "https://n.example/3", bodies[2]},
	                {"n4", "Bridge opens to cyclists", "https://n.example/4", bodies[3]}};
	char *feed = rss("news", items, 3);
	write_file(feeds, "news.rss", feed);
	g_free(feed);
	TuRun r;
	run_digest(&r, NULL, "-f", "json", "--state", state, feeds, NULL);
	g_assert_cmpint(r.status, ==, 0);
	g_assert_nonnull(strstr(r.out, "\"stories\":\t3"));
	tu_run_clear(&r);

	/* the same feed again, rewritten: nothing */
	run_digest(&r, NULL, "-f", "json", "--state", state, feeds, NULL);
	g_assert_cmpint(r.status, ==, 0);
	g_assert_cmpstr(r.out, ==, "");
	tu_run_clear(&r);

	/* an item whose text changed is not new; one new item is the digest */
	items[1].body =
	    "Rail workers walked out at dawn over a pay dispute, the union said. Trains "
	    "stood still. Talks resume on Friday.";
	items[0].title = "Harbor wall to be rebuilt (updated)";
	feed = rss("news", items, 4);
	write_file(feeds, "news.rss", feed);
	g_free(feed);
	run_digest(&r, NULL, "-f", "json", "--state", state, feeds, NULL);
	g_assert_cmpint(r.status, ==, 0);
	cJSON *root, *entries = entries_of(&r, &root);
	g_assert_cmpint(cJSON_GetArraySize(entries), ==, 1);
	g_assert_cmpstr(str_of(cJSON_GetArrayItem(entries, 0), "headline"), ==,
	                "Bridge opens to cyclists");
	cJSON_Delete(root);
	tu_run_clear(&r);

	/* and then nothing again */
	run_digest(&r, NULL, "-f", "json", "--state", state, feeds, NULL);
	g_assert_cmpstr(r.out, ==, "");
	g_assert_cmpint(r.status, ==, 0);
	tu_run_clear(&r);
	tu_rmtree(dir);
	g_free(dir);
	g_free(feeds);
	g_free(state);
}

/* An item stays remembered while its feed carries it, however long ago it
 * was digested: forgotten after the 90 days records are kept, it would come
 * back as new. */
static void test_state_keeps_items_in_feed(void)
{
	if (!need_html())
		return;
	char *dir = tu_tmpdir();
	char *path = g_build_filename(dir, "news.rss", NULL);
	char *state = g_build_filename(dir, "state", NULL);
	Item items[] = {{"k1", "Harbor wall to be rebuilt", "https://k.example/1", bodies[0]},
	                {"k2", "Rail strike stops trains", "https://k.example/2", bodies[1]}};
	char *feed = rss("news", items, 1);
	tu_write(path, feed, -1);
	g_free(feed);
	const char *const first[] = {"digest", "--now", "2025-03-02", "--state", state, path, NULL};
	TuRun r;
	tu_run(&r, NULL, NULL, 0, first);
	g_assert_cmpint(r.status, ==, 0);
	g_assert_nonnull(strstr(r.out, "Harbor wall"));
	tu_run_clear(&r);
	/* half a year later the feed still carries it, and one more */
	feed = rss("news", items, 2);
	tu_write(path, feed, -1);
	g_free(feed);
	const char *const later[] = {"digest", "--now", "2025-09-01", "--state", state, path, NULL};
	tu_run(&r, NULL, NULL, 0, later);
	g_assert_cmpint(r.status, ==, 0);
	g_assert_null(strstr(r.out, "Harbor wall"));
	g_assert_nonnull(strstr(r.out, "Rail strike"));
	tu_run_clear(&r);
	const char *const next[] = {"digest", "--now", "2025-09-02", "--state", state, path, NULL};
	tu_run(&r, NULL, NULL, 0, next);
	g_assert_cmpint(r.status, ==, 0);
	g_assert_cmpstr(r.out, ==, "");
	tu_run_clear(&r);
	g_free(path);
	g_free(state);
	tu_rmtree(dir);
	g_free(dir);
}

/* ---- one story, several feeds --------------------------------------------------------- */

static void test_same_story(void)
{
	if (!need_html())
		return;
	char *dir = tu_tmpdir();
	/* the same link with other words; the same words under another link */
	Item a[] = {{"x1", "Harbor vote", "https://wire.example/harbor", bodies[0]},
	            {"x2", "Harvest", "https://a.example/harvest", bodies[4]}};
	Item b[] = {{"y1", "Council backs harbor plan", "https://wire.example/harbor", bodies[3]},
	            {"y2", "Best harvest in years", "https://b.example/harvest-story", bodies[4]}};
	char *fa = rss("alpha", a, 2), *fb = rss("beta", b, 2);
	write_file(dir, "a.rss", fa);
	write_file(dir, "b.rss", fb);
	g_free(fa);
	g_free(fb);
	TuRun r;
	run_digest(&r, NULL, "-f", "json", dir, NULL);
	g_assert_cmpint(r.status, ==, 0);
	cJSON *root, *entries = entries_of(&r, &root);
	g_assert_cmpint(cJSON_GetArraySize(entries), ==, 2);
	cJSON *e;
	cJSON_ArrayForEach(e, entries)
	{
		cJSON *src = cJSON_GetObjectItemCaseSensitive(e, "sources");
		g_assert_cmpint(cJSON_GetArraySize(src), ==, 2);
		const char *n0 = str_of(cJSON_GetArrayItem(src, 0), "source");
		const char *n1 = str_of(cJSON_GetArrayItem(src, 1), "source");
		g_assert_cmpstr(n0, ==, "alpha");
		g_assert_cmpstr(n1, ==, "beta");
	}
	cJSON_Delete(root);
	tu_run_clear(&r);
	tu_rmtree(dir);
	g_free(dir);
}

/* ---- short items ------------------------------------------------------------------------ */

static void test_short_items(void)
{
	if (!need_html())
		return;
	char *dir = tu_tmpdir();
	Item items[] = {
	    {"s1", NULL, "https://s.example/1", "Polls open at seven tomorrow morning."},
	    {"s2", "Budget passes", "https://s.example/2", "Approved 31 to 12."},
	    {"s3", "Ferry fares rise", "https://s.example/3", ""}};
	char *feed = rss("short", items, 3);
	write_file(dir, "short.rss", feed);
	g_free(feed);
	TuRun r;
	run_digest(&r, NULL, "-f", "json", dir, NULL);
	g_assert_cmpint(r.status, ==, 0);
	cJSON *root, *entries = entries_of(&r, &root);
	g_assert_cmpint(cJSON_GetArraySize(entries), ==, 3);
	cJSON *e;
	guint untitled = 0;
	cJSON_ArrayForEach(e, entries)
	{
		g_assert_cmpint(cJSON_GetArraySize(cJSON_GetObjectItemCaseSensitive(e, "summary")),
		                ==, 0);
		g_assert_true(cJSON_IsNull(cJSON_GetObjectItemCaseSensitive(e, "kicker")));
		const char *url = str_of(
		    cJSON_GetArrayItem(cJSON_GetObjectItemCaseSensitive(e, "sources"), 0), "url");
		if (strcmp(url, "https://s.example/1") == 0) {
			/* no title: no headline made up from the one sentence */
			g_assert_true(
			    cJSON_IsNull(cJSON_GetObjectItemCaseSensitive(e, "headline")));
			g_assert_cmpstr(str_of(e, "text"), ==,
			                "Polls open at seven tomorrow morning.");
			untitled++;
		} else if (strcmp(url, "https://s.example/2") == 0) {
			g_assert_cmpstr(str_of(e, "headline"), ==, "Budget passes");
			g_assert_cmpstr(str_of(e, "text"), ==, "Approved 31 to 12.");
		} else {
			g_assert_cmpstr(str_of(e, "headline"), ==, "Ferry fares rise");
			g_assert_null(str_of(e, "text"));
		}
	}
	g_assert_cmpuint(untitled, ==, 1);
	cJSON_Delete(root);
	tu_run_clear(&r);
	/* Markdown shows the text and no heading for the untitled one */
	run_digest(&r, NULL, dir, NULL);
	g_assert_cmpint(r.status, ==, 0);
	g_assert_nonnull(strstr(r.out, "\nPolls open at seven tomorrow morning.\n"));
	g_assert_null(strstr(r.out, "## Polls"));
	tu_run_clear(&r);
	tu_rmtree(dir);
	g_free(dir);
}

/* An item with neither title nor text is named in a message, never dropped
 * in silence; the others are digested. */
static void test_empty_item(void)
{
	if (!need_html())
		return;
	char *dir = tu_tmpdir();
	Item items[] = {{"e1", "Harbor wall to be rebuilt", "https://e.example/1", bodies[0]},
	                {"e2", NULL, "https://e.example/2", ""}};
	char *feed = rss("empty", items, 2);
	char *path = g_build_filename(dir, "empty.rss", NULL);
	tu_write(path, feed, -1);
	TuRun r;
	run_digest(&r, NULL, "-f", "json", path, NULL);
	char *want = g_strdup_printf("lede: %s: item 2: no text\n", path);
	g_assert_cmpstr(r.err, ==, want);
	g_assert_cmpint(r.status, ==, 1);
	g_assert_nonnull(strstr(r.out, "\"stories\":\t1"));
	tu_run_clear(&r);
	g_free(want);
	g_free(path);
	g_free(feed);
	tu_rmtree(dir);
	g_free(dir);
}

/* ---- --format atom ----------------------------------------------------------------------- */

static const char roundtrip_py[] =
    "import json, sys\n"
    "try:\n"
    "    import feedparser\n"
    "except ImportError:\n"
    "    print('NO-FEEDPARSER'); sys.exit(0)\n"
    "d = feedparser.parse(open(sys.argv[1], 'rb').read())\n"
    "print(json.dumps({'bozo': int(bool(d.bozo)), 'bozo_exception': str(d.get('bozo_exception')),"
    " 'version': d.version, 'titles': [e.get('title', '') for e in d.entries],"
    " 'links': [[l['href'] for l in e.get('links', [])] for e in d.entries]}))\n";

static void test_atom(void)
{
	if (!need_html())
		return;
	char *dir = tu_tmpdir();
	char *feeds = g_build_filename(dir, "feeds", NULL);
	g_assert_cmpint(g_mkdir(feeds, 0755), ==, 0);
	Item a[] = {{"a1", "Harbor wall &amp; the &lt;sea&gt;", "https://a.example/1?x=1&amp;y=2",
	             bodies[0]},
	            {"a2", "Rail strike stops trains", "https://a.example/2", bodies[1]},
	            {"a3", NULL, "https://a.example/3", "Untitled teaser only."}};
	Item b[] = {
	    {"b1", "Council backs harbor plan", "https://a.example/1?x=1&amp;y=2", bodies[3]}};
	char *fa = rss("alpha", a, 3), *fb = rss("beta", b, 1);
	write_file(feeds, "a.rss", fa);
	write_file(feeds, "b.rss", fb);
	g_free(fa);
	g_free(fb);
	char *atom = g_build_filename(dir, "digest.atom", NULL);
	char *state = g_build_filename(dir, "state", NULL);
	TuRun r;
	run_digest(&r, NULL, "-f", "atom", "-o", atom, "--state", state, feeds, NULL);
	g_assert_cmpint(r.status, ==, 0);
	tu_run_clear(&r);
	run_digest(&r, NULL, "-f", "json", feeds, NULL);
	cJSON *root, *entries = entries_of(&r, &root);
	guint n = (guint)cJSON_GetArraySize(entries);
	g_assert_cmpuint(n, ==, 3);
	char *text;
	g_assert_true(g_file_get_contents(atom, &text, NULL, NULL));
	g_assert_true(g_str_has_suffix(text, "</feed>\n"));
	/* well-formed: xmllint where it is installed */
	char *xmllint = g_find_program_in_path("xmllint");
	if (xmllint) {
		const char *argv[] = {xmllint, "--noout", atom, NULL};
		int status;
		g_assert_true(g_spawn_sync(NULL, (char **)argv, NULL, G_SPAWN_STDERR_TO_DEV_NULL,
		                           NULL, NULL, NULL, NULL, &status, NULL));
		g_assert_true(g_spawn_check_exit_status(status, NULL));
	} else {
		g_test_message("xmllint not installed: well-formedness left to feedparser");
	}
	g_free(xmllint);
	/* feedparser reads it back: no bozo, the same entries, titles and links */
	char *py = g_build_filename(dir, "rt.py", NULL);
	tu_write(py, roundtrip_py, -1);
	const char *argv[] = {"/usr/bin/python3", py, atom, NULL};
	char *out = NULL;
	int status;
	if (!g_file_test(argv[0], G_FILE_TEST_IS_EXECUTABLE) ||
	    !g_spawn_sync(NULL, (char **)argv, NULL, G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, &out,
	                  NULL, &status, NULL) ||
	    strstr(out, "NO-FEEDPARSER")) {
		g_test_skip(
		    "python3-feedparser is not installed: the Atom round trip is not checked");
	} else {
		cJSON *fp = cJSON_Parse(out);
		g_assert_nonnull(fp);
		g_test_message("feedparser: %s", out);
		g_assert_cmpint(cJSON_GetObjectItemCaseSensitive(fp, "bozo")->valueint, ==, 0);
		g_assert_cmpstr(str_of(fp, "version"), ==, "atom10");
		cJSON *titles = cJSON_GetObjectItemCaseSensitive(fp, "titles");
		cJSON *links = cJSON_GetObjectItemCaseSensitive(fp, "links");
		g_assert_cmpint(cJSON_GetArraySize(titles), ==, (int)n);
		for (guint i = 0; i < n; i++) {
			cJSON *e = cJSON_GetArrayItem(entries, (int)i);
			const char *k = str_of(e, "kicker"), *h = str_of(e, "headline");
			char *want =
			    k && h ? g_strdup_printf("%s: %s", k, h) : g_strdup(h ? h : "");
			g_assert_cmpstr(cJSON_GetArrayItem(titles, (int)i)->valuestring, ==, want);
			g_free(want);
			cJSON *src = cJSON_GetObjectItemCaseSensitive(e, "sources");
			cJSON *l = cJSON_GetArrayItem(links, (int)i);
			g_assert_cmpint(cJSON_GetArraySize(l), ==, cJSON_GetArraySize(src));
			for (int m = 0; m < cJSON_GetArraySize(src); m++)
				g_assert_cmpstr(cJSON_GetArrayItem(l, m)->valuestring, ==,
				                str_of(cJSON_GetArrayItem(src, m), "url"));
		}
		cJSON_Delete(fp);
	}
	g_free(out);
	g_free(py);
	g_free(text);
	cJSON_Delete(root);
	tu_run_clear(&r);
	tu_rmtree(dir);
	g_free(dir);
	g_free(feeds);
	g_free(atom);
	g_free(state);
}

/* ---- bad input: a message for the file, status 1, the rest of the digest ------------ */

static char *hundred_thousand(void)
{
	GString *s = g_string_new("<rss version=\"2.0\"><channel><title>huge</title>\n");
	for (guint i = 0; i < 100000; i++)
		g_string_append_printf(s,
		                       "<item><guid>h%u</guid><title>Item %u</title>"
		                       "<pubDate>Sat, 01 Jan 2000 00:00:00 +0000</pubDate>"
		                       "<description>Old news %u.</description></item>\n",
		                       i, i, i);
	g_string_append(s, "</channel></rss>\n");
	return g_string_free(s, FALSE);
}

static char *bomb(void)
{
	GString *s =
	    g_string_new("<?xml version=\"1.0\"?>\n<!DOCTYPE rss [\n<!ENTITY l0 \"lol\">\n");
	for (int i = 1; i <= 9; i++) {
		g_string_append_printf(s, "<!ENTITY l%d \"", i);
		for (int k = 0; k < 10; k++)
			g_string_append_printf(s, "&l%d;", i - 1);
		g_string_append(s, "\">\n");
	}
	g_string_append(s,
	                "]>\n<rss version=\"2.0\"><channel><title>bomb</title><item><guid>b</guid>"
	                "<title>&l9;</title><description>&l9;</description></item>"
	                "</channel></rss>\n");
	return g_string_free(s, FALSE);
}

static void test_bad_input(void)
{
	if (!need_html())
		return;
	static const struct {
		const char *name, *data; /* data NULL: made by the test */
		const char *says;
	} cases[] = {
	    {"truncated.rss",
	     "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>t</title><item>"
	     "<guid>t1</guid><title>Whole</title><description>Fine.</description></item><item>"
	     "<guid>t2</guid><title>Cut</title><description>Half of",
	     "not well-formed XML"},
	    {"huge.rss", NULL, "more than 10000 items"},
	    {"bomb.rss", NULL, "entit"},
	    {"xxe.rss",
	     "<?xml version=\"1.0\"?>\n<!DOCTYPE rss [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>\n"
	     "<rss version=\"2.0\"><channel><title>xxe</title><item><guid>x1</guid><title>Leak "
	     "&x;</title><description>Here: &x;. And more &x;.</description></item>"
	     "</channel></rss>\n",
	     NULL},
	    {"cp1252.rss",
	     "<?xml version=\"1.0\" encoding=\"UTF-8\"?><rss version=\"2.0\"><channel><title>cp"
	     "</title><item><guid>c1</guid><title>Caf\xe9 \x93news\x94</title><description>It "
	     "opened. It closed.</description></item></channel></rss>\n",
	     "not UTF-8"},
	    {"types.json",
	     "{\"version\": \"https://jsonfeed.org/version/1.1\", \"title\": \"types\", \"items\": "
	     "[{\"id\": \"j1\", \"title\": 5, \"content_text\": \"Numbers. Everywhere.\"}, 7]}",
	     "is not a string"},
	};
	char *dir = tu_tmpdir();
	Item good[] = {{"g1", "Harbor wall to be rebuilt", "https://good.example/1", bodies[0]}};
	char *gf = rss("good", good, 1);
	char *good_path = g_build_filename(dir, "good.rss", NULL);
	tu_write(good_path, gf, -1);
	g_free(gf);
	for (gsize i = 0; i < G_N_ELEMENTS(cases); i++) {
		char *made = NULL;
		if (strcmp(cases[i].name, "huge.rss") == 0)
			made = hundred_thousand();
		else if (strcmp(cases[i].name, "bomb.rss") == 0)
			made = bomb();
		char *path = g_build_filename(dir, cases[i].name, NULL);
		tu_write(path, made ? made : cases[i].data, -1);
		g_free(made);
		TuRun r;
		gint64 t0 = g_get_monotonic_time();
		run_digest(&r, NULL, "-f", "json", "--since", "30d", good_path, path, NULL);
		g_test_message("%s: %d in %.1f s; stderr: %s", cases[i].name, r.status,
		               (double)(g_get_monotonic_time() - t0) / 1e6, r.err);
		/* the rest of the digest */
		g_assert_nonnull(strstr(r.out, "\"headline\":\t\"Harbor wall to be rebuilt\""));
		g_assert_null(strstr(r.out, "root:"));
		g_assert_null(strstr(r.err, "root:"));
		if (cases[i].says) {
			char *prefix = g_strdup_printf("lede: %s: ", path);
			g_assert_true(g_str_has_prefix(r.err, prefix));
			g_assert_nonnull(strstr(r.err, cases[i].says));
			g_assert_cmpint(r.status, ==, 1);
			g_free(prefix);
		} else {
			/* an external entity: never read, the item without it */
			g_assert_cmpint(r.status, ==, 0);
			g_assert_nonnull(strstr(r.out, "\"headline\":\t\"Leak\""));
		}
		if (strcmp(cases[i].name, "cp1252.rss") == 0)
			g_assert_nonnull(strstr(r.out, "Caf\xc3\xa9 \xe2\x80\x9cnews\xe2\x80\x9d"));
		tu_run_clear(&r);
		g_free(path);
	}
	g_free(good_path);
	tu_rmtree(dir);
	g_free(dir);
}

int main(int argc, char **argv)
{
	g_test_init(&argc, &argv, NULL);
	g_test_add_func("/digest-feed/items", test_items);
	g_test_add_func("/digest-feed/cron", test_cron);
	g_test_add_func("/digest-feed/state-keeps-items-in-feed", test_state_keeps_items_in_feed);
	g_test_add_func("/digest-feed/same-story", test_same_story);
	g_test_add_func("/digest-feed/short-items", test_short_items);
	g_test_add_func("/digest-feed/empty-item", test_empty_item);
	g_test_add_func("/digest-feed/atom", test_atom);
	g_test_add_func("/digest-feed/bad-input", test_bad_input);
	return g_test_run();
}
