/* The feed reader (src/cli/feed.c): dates, hostile documents, and agreement
 * with feedparser over ../shared/feeds (skipped when it is absent). */
#include "feed.h"
#include <lede.h>
#include "testutil.h"

#include <cjson/cJSON.h>
#include <locale.h>
#include <string.h>

static Feed *parse_str(const char *s)
{
	GError *error = NULL;
	Feed *f = feed_parse(s, strlen(s), &error);
	g_assert_no_error(error);
	g_assert_nonnull(f);
	return f;
}

static char *iso_utc(gint64 t)
{
	GDateTime *dt = g_date_time_new_from_unix_utc(t);
	if (!dt)
		return g_strdup("?");
	char *s = g_date_time_format(dt, "%Y-%m-%dT%H:%M:%SZ");
	g_date_time_unref(dt);
	return s;
}

/* ---- dates ------------------------------------------------------------------------ */

static void test_dates(void)
{
	static const struct {
		const char *in, *want; /* want NULL: refused */
	} cases[] = {
	    {"Mon, 03 Feb 2025 09:05:00 +0000", "2025-02-03T09:05:00Z"},
	    {"03 Feb 2025 09:05:00 +0000", "2025-02-03T09:05:00Z"},
	    {"Mon, 3 Feb 2025 9:05:00 EST", "2025-02-03T14:05:00Z"},
	    {"Mon, 03 Feb 25 09:05:00 GMT", "2025-02-03T09:05:00Z"},
	    {"Mon, 03 Feb 2025 09:05 PST", "2025-02-03T17:05:00Z"},
	    {"Mon, 03 Feb 2025 09:05:00 +05:30", "2025-02-03T03:35:00Z"},
	    {"Mon, 03 Feb 2025 09:05:00 GMT+0100", "2025-02-03T08:05:00Z"},
	    {"mon, 03 feb 2025 09:05:00 gmt", "2025-02-03T09:05:00Z"},
	    {"Monday, February 3, 2025 9:05 AM", "2025-02-03T09:05:00Z"},
	    {"Monday, February 3, 2025 9:05 PM", "2025-02-03T21:05:00Z"},
	    {"2025-02-03T09:05:00.123456+08:00", "2025-02-03T01:05:00Z"},
	    {"2025-02-03 09:05:00", "2025-02-03T09:05:00Z"},
	    {"2025-02-03", "2025-02-03T00:00:00Z"},
	    {"2025-02-03T09:05Z", "2025-02-03T09:05:00Z"},
	    {"Mon, 03 Feb 2025 09:05:00 CEST", "2025-02-03T07:05:00Z"},
	    {"Wed, 31 Dec 1969 23:59:59 +0000", "1969-12-31T23:59:59Z"},
	    {"1738573500", "2025-02-03T09:05:00Z"},
	    {"Mon, 03 Feb 2025 09:05:00 -1200", "2025-02-03T21:05:00Z"},
	    {"Mon, 30 Feb 2025 09:05:00 +0000", NULL},
	    {"Mon, 03 Feb 2025 25:61:00 +0000", NULL},
	    {"Mon, 03 Feb 2025 09:05:00 +9999", NULL},
	    {"yesterday", NULL},
	    {"", NULL},
	};
	for (gsize i = 0; i < G_N_ELEMENTS(cases); i++) {
		gint64 t;
		gboolean ok = feed_parse_date(cases[i].in, &t);
		if (!cases[i].want) {
			g_assert_false(ok);
			continue;
		}
		g_assert_true(ok);
		char *got = iso_utc(t);
		g_assert_cmpstr(got, ==, cases[i].want);
		g_free(got);
	}
}

/* ---- formats ------------------------------------------------------------------------ */

static void test_rss(void)
{
	Feed *f = parse_str(
	    "<?xml version=\"1.0\"?>\n<rss version=\"2.0\" "
	    "xmlns:content=\"http://purl.org/rss/1.0/modules/content/\">"
	    "<channel><title>Site</title><link>https://example.com/news/</link>"
	    "<item><title>One &amp;amp; two</title><link>a/1.html</link>"
	    "<guid isPermaLink=\"false\">x-1</guid><pubDate>Mon, 03 Feb 2025 09:05:00 GMT</pubDate>"
	    "<description>Teaser.</description>"
	    "<content:encoded><![CDATA[<p>Full <b>text</b>.</p>]]></content:encoded></item>"
	    "<item><description>&lt;p&gt;Only a description.&lt;/p&gt;</description>"
	    "<guid>https://example.com/2</guid></item>"
	    "</channel></rss>");
	g_assert_cmpstr(f->format, ==, "rss");
	g_assert_cmpstr(f->title, ==, "Site");
	g_assert_cmpuint(f->items->len, ==, 2);
	FeedItem *a = f->items->pdata[0], *b = f->items->pdata[1];
	g_assert_cmpstr(a->title, ==, "One & two");
	g_assert_cmpstr(a->link, ==, "https://example.com/news/a/1.html");
	g_assert_cmpstr(a->id, ==, "x-1");
	g_assert_true(a->has_date);
	g_assert_cmpstr(a->content, ==, "<p>Full <b>text</b>.</p>");
	g_assert_true(a->html);
	g_assert_null(b->title);
	g_assert_cmpstr(b->link, ==, "https://example.com/2");
	g_assert_cmpstr(b->content, ==, "<p>Only a description.</p>");
	feed_free(f);
}

static void test_atom(void)
{
	Feed *f = parse_str(
	    "<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:base=\"https://example.org/blog/\">"
	    "<title type=\"html\">A &lt;b&gt;blog&lt;/b&gt;</title>"
	    "<updated>2025-01-01T00:00:00Z</updated>"
	    "<entry><title>E1</title><id>tag:example.org,2025:1</id>"
	    "<link rel=\"enclosure\" href=\"x.mp3\"/><link href=\"posts/1\"/>"
	    "<updated>2025-02-03T09:05:00+01:00</updated>"
	    "<content type=\"xhtml\"><div xmlns=\"http://www.w3.org/1999/xhtml\"><p>Hi "
	    "&amp; bye.</p></div></content></entry></feed>");
	g_assert_cmpstr(f->format, ==, "atom");
	g_assert_cmpstr(f->title, ==, "A blog");
	FeedItem *e = f->items->pdata[0];
	g_assert_cmpstr(e->link, ==, "https://example.org/blog/posts/1");
	g_assert_cmpstr(e->id, ==, "tag:example.org,2025:1");
	char *d = iso_utc(e->date);
	g_assert_cmpstr(d, ==, "2025-02-03T08:05:00Z");
	g_free(d);
	g_assert_true(e->html);
	g_assert_nonnull(strstr(e->content, "<p>Hi &amp; bye.</p>"));
	feed_free(f);
}

static void test_json(void)
{
	Feed *f =
	    parse_str("{\"version\": \"https://jsonfeed.org/version/1.1\", \"title\": \"J\","
	              "\"home_page_url\": \"https://j.example/\", \"items\": ["
	              "{\"id\": \"1\", \"url\": \"p/1\", \"title\": \"T\", "
	              "\"content_text\": \"Plain.\", \"date_published\": \"2025-02-03T09:05:00Z\","
	              "\"authors\": [{\"name\": \"Ann\"}]}]}");
	g_assert_cmpstr(f->format, ==, "json");
	FeedItem *it = f->items->pdata[0];
	g_assert_cmpstr(it->link, ==, "https://j.example/p/1");
	g_assert_cmpstr(it->author, ==, "Ann");
	g_assert_false(it->html);
	g_assert_null(f->problem);
	feed_free(f);
}

/* Wrong types are named, the rest of the feed is read. */
static void test_json_wrong_types(void)
{
	Feed *f =
	    parse_str("{\"version\": \"https://jsonfeed.org/version/1\", \"title\": 7,"
	              "\"items\": [{\"id\": \"a\", \"title\": [1], \"content_text\": \"Ok.\"},"
	              " 5, {\"id\": {}, \"url\": 3, \"content_html\": \"<p>Two.</p>\"}]}");
	g_assert_cmpuint(f->items->len, ==, 2);
	g_assert_nonnull(f->problem);
	g_assert_nonnull(strstr(f->problem, "\"title\" is not a string"));
	g_assert_nonnull(strstr(f->problem, "item 2 is not an object"));
	feed_free(f);
	GError *error = NULL;
	g_assert_null(feed_parse("{\"version\": \"https://jsonfeed.org/version/1\", \"items\": [",
	                         40, &error));
	g_assert_error(error, LEDE_ERROR, LEDE_ERROR_INVALID);
	g_error_free(error);
	f = parse_str("{\"version\": \"https://jsonfeed.org/version/1\", \"items\": {}}");
	g_assert_cmpuint(f->items->len, ==, 0);
	g_assert_nonnull(strstr(f->problem, "\"items\" is not an array"));
	feed_free(f);
}

static void test_sniff(void)
{
	g_assert_true(feed_sniff("\xEF\xBB\xBF\n<?xml version=\"1.0\"?><!-- x --><rss>", 40));
	g_assert_true(feed_sniff("<rdf:RDF xmlns:rdf=\"x\">", 23));
	g_assert_true(feed_sniff("<a:feed xmlns:a=\"http://www.w3.org/2005/Atom\">", 46));
	g_assert_true(feed_sniff("{\"version\":\"https://jsonfeed.org/version/1\"}", 44));
	g_assert_false(feed_sniff("{\"name\":\"package\"}", 18));
	g_assert_false(feed_sniff("<html><body><p>Hi</p></body></html>", 35));
	g_assert_false(feed_sniff("Plain text <rss>", 16));
}

/* ---- hostile documents ------------------------------------------------------------- */

static void test_billion_laughs(void)
{
	GString *s = g_string_new(NULL);
	/* the chain: lolN holds ten lolN-1 */
	g_string_assign(s, "<?xml version=\"1.0\"?>\n<!DOCTYPE rss [\n<!ENTITY lol0 \"lol\">\n");
	for (int i = 1; i <= 9; i++) {
		g_string_append_printf(s, "<!ENTITY lol%d \"", i);
		for (int k = 0; k < 10; k++)
			g_string_append_printf(s, "&lol%d;", i - 1);
		g_string_append(s, "\">\n");
	}
	g_string_append(s, "]>\n<rss version=\"2.0\"><channel><title>Bomb</title>"
	                   "<item><title>&lol9;</title><description>x</description></item>"
	                   "</channel></rss>\n");
	GError *error = NULL;
	gint64 t0 = g_get_monotonic_time();
	Feed *f = feed_parse(s->str, s->len, &error);
	gint64 ms = (g_get_monotonic_time() - t0) / 1000;
	g_test_message("billion laughs: %" G_GINT64_FORMAT " ms, %s", ms,
	               f ? (f->problem ? f->problem : "no problem") : error->message);
	/* refused, or cut at the budget: never a gigabyte of "lol" */
	if (f) {
		g_assert_nonnull(f->problem);
		for (guint i = 0; i < f->items->len; i++) {
			FeedItem *it = f->items->pdata[i];
			g_assert_true(!it->title || strlen(it->title) <= (16u << 20) + 16);
		}
		feed_free(f);
	} else {
		g_error_free(error);
	}
	g_string_free(s, TRUE);
}

static void test_external_entity(void)
{
	const char *doc = "<?xml version=\"1.0\"?>\n<!DOCTYPE rss [\n"
	                  "<!ENTITY xxe SYSTEM \"file:///etc/passwd\">\n"
	                  "<!ENTITY % dtd SYSTEM \"file:///etc/passwd\">\n]>\n"
	                  "<rss version=\"2.0\"><channel><title>X &xxe;</title>"
	                  "<item><title>Leak: &xxe;</title><description>&xxe; end</description>"
	                  "</item></channel></rss>\n";
	GError *error = NULL;
	Feed *f = feed_parse(doc, strlen(doc), &error);
	g_assert_nonnull(f);
	FeedItem *it = f->items->pdata[0];
	g_assert_cmpstr(it->title, ==, "Leak:");
	g_assert_null(strstr(it->content, "root:"));
	g_assert_null(strstr(f->title, "root:"));
	feed_free(f);
}

static void test_truncated(void)
{
	const char *doc = "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>T</title>"
	                  "<item><title>Whole</title><description>All here.</description></item>"
	                  "<item><title>Cut</title><description>Half of i";
	Feed *f = parse_str(doc);
	g_assert_cmpuint(f->items->len, ==, 2);
	g_assert_nonnull(f->problem);
	g_assert_nonnull(strstr(f->problem, "not well-formed XML"));
	g_assert_false(((FeedItem *)f->items->pdata[0])->partial);
	g_assert_true(((FeedItem *)f->items->pdata[1])->partial);
	feed_free(f);
}

static void test_windows1252_as_utf8(void)
{
	const char *doc = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><rss version=\"2.0\"><channel>"
	                  "<item><title>Caf\xe9 \x93quoted\x94</title></item></channel></rss>";
	Feed *f = parse_str(doc);
	g_assert_cmpstr(((FeedItem *)f->items->pdata[0])->title, ==,
	                "Caf\xc3\xa9 \xe2\x80\x9cquoted\xe2\x80\x9d");
	g_assert_nonnull(strstr(f->problem, "not UTF-8"));
	feed_free(f);
}

/* What every reader forgives: a raw '&', HTML entities, a control byte. */
static void test_mended(void)
{
	const char *doc = "\n\n<?xml version=\"1.0\"?><rss version=\"2.0\"><channel>"
	                  "<item><title>Caf&eacute; &amp; bar & grill\x10</title>"
	                  "<link>https://e.com/?a=1&b=2</link></item></channel></rss>";
	Feed *f = parse_str(doc);
	FeedItem *it = f->items->pdata[0];
	g_assert_cmpstr(it->title, ==, "Caf\xc3\xa9 & bar & grill");
	g_assert_cmpstr(it->link, ==, "https://e.com/?a=1&b=2");
	g_assert_null(f->problem);
	feed_free(f);
}

static void test_many_items(void)
{
	GString *s = g_string_new("<rss version=\"2.0\"><channel>");
	for (guint i = 0; i < FEED_MAX_ITEMS + 5; i++)
		g_string_append_printf(s, "<item><guid>%u</guid></item>", i);
	g_string_append(s, "</channel></rss>");
	Feed *f = parse_str(s->str);
	g_assert_cmpuint(f->items->len, ==, FEED_MAX_ITEMS);
	g_assert_nonnull(strstr(f->problem, "the rest left out"));
	feed_free(f);
	g_string_free(s, TRUE);
}

/* ---- the oracle ---------------------------------------------------------------------- */

static char *norm(const char *s)
{
	if (!s)
		return g_strdup("");
	char **w = g_strsplit_set(s, " \t\r\n", -1);
	GString *out = g_string_new(NULL);
	for (char **p = w; *p; p++)
		if (**p)
			g_string_append_printf(out, "%s%s", out->len ? " " : "", *p);
	g_strfreev(w);
	return g_string_free(out, FALSE);
}

static const char *ostr(cJSON *o, const char *key)
{
	cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);
	return cJSON_IsString(v) ? v->valuestring : NULL;
}

/* feedparser gives a title as HTML when it takes it for HTML ("<b>Bold</b>",
 * "&#8211;"): compared as the text a reader sees, which is what lede gives. */
static char *oracle_title(const char *t)
{
	char *line = t ? feed_html_line(t) : NULL;
	char *n = norm(line);
	g_free(line);
	return n;
}

/* The oracle read the files without a URL, so a relative link stays
 * relative there; resolved against the feed's link it must be ours. */
static char *oracle_link(const char *link, const Feed *f)
{
	if (!link)
		return g_strdup("");
	if (g_uri_peek_scheme(link) || !f->link)
		return g_strdup(link);
	char *r = g_uri_resolve_relative(f->link, link, G_URI_FLAGS_NONE, NULL);
	return r ? r : g_strdup(link);
}

static void test_oracle(void)
{
	char *oracle = tu_shared_file("feeds/oracle.jsonl");
	if (!oracle)
		return;
	char *data;
	g_assert_true(g_file_get_contents(oracle, &data, NULL, NULL));
	char **lines = g_strsplit(data, "\n", -1);
	g_free(data);
	guint items = 0, agree = 0, files = 0;
	guint bad_count = 0, bad_title = 0, bad_link = 0, bad_date = 0;
	guint half_items[2] = {0}, half_agree[2] = {0}, part_items[2] = {0}, part_agree[2] = {0};
	guint n_files = 0;
	for (char **l = lines; *l; l++)
		n_files += **l != 0;
	for (char **l = lines; *l; l++) {
		if (!**l)
			continue;
		cJSON *rec = cJSON_Parse(*l);
		g_assert_nonnull(rec);
		const char *file = ostr(rec, "file");
		char *path = g_build_filename(tu_shared_dir(), "feeds", file, NULL);
		char *bytes;
		gsize len;
		g_assert_true(g_file_get_contents(path, &bytes, &len, NULL));
		GError *error = NULL;
		Feed *f = feed_parse(bytes, len, &error);
		cJSON *oitems = cJSON_GetObjectItemCaseSensitive(rec, "items");
		guint on = (guint)cJSON_GetArraySize(oitems);
		guint mine = f ? f->items->len : 0;
		files++;
		if (mine != on) {
			bad_count++;
			g_test_message("%s: %u items, feedparser %u%s%s", file, mine, on,
			               f ? "" : ": ", f ? "" : error->message);
		}
		items += MAX(mine, on);
		guint agree_before = agree;
		guint part = g_str_has_prefix(file, "edge/") ? 1 : 0;
		/* Pairs in order: with another count, an item pairs with the next
		 * oracle item of the same title or link, and what is skipped on
		 * either side is a disagreement (counted in n). */
		guint j = 0;
		for (guint i = 0; i < mine && j < on; i++) {
			FeedItem *it = f->items->pdata[i];
			guint k = j;
			if (mine != on) {
				for (k = j; k < on; k++) {
					cJSON *o = cJSON_GetArrayItem(oitems, (int)k);
					char *t = oracle_title(ostr(o, "title")),
					     *l = oracle_link(ostr(o, "link"), f);
					gboolean same = (it->title && strcmp(t, it->title) == 0) ||
					                (it->link && strcmp(l, it->link) == 0);
					g_free(t);
					g_free(l);
					if (same)
						break;
				}
				if (k == on)
					continue; /* ours alone */
			}
			j = k + 1;
			cJSON *o = cJSON_GetArrayItem(oitems, (int)k);
			const char *od =
			    ostr(o, "published") ? ostr(o, "published") : ostr(o, "updated");
			char *t1 = norm(it->title), *t2 = oracle_title(ostr(o, "title"));
			char *l1 = g_strdup(it->link ? it->link : ""),
			     *l2 = oracle_link(ostr(o, "link"), f);
			char *d1 = it->has_date ? iso_utc(it->date) : g_strdup(""),
			     *d2 = g_strdup(od ? od : "");
			gboolean ok = TRUE;
			if (strcmp(t1, t2) != 0) {
				g_test_message("%s #%u title: '%s' / feedparser '%s'", file, i, t1,
				               t2);
				bad_title++;
				ok = FALSE;
			}
			if (strcmp(l1, l2) != 0) {
				g_test_message("%s #%u link: '%s' / feedparser '%s'", file, i, l1,
				               l2);
				bad_link++;
				ok = FALSE;
			}
			if (strcmp(d1, d2) != 0) {
				g_test_message("%s #%u date: '%s' / feedparser '%s'", file, i, d1,
				               d2);
				bad_date++;
				ok = FALSE;
			}
			agree += ok;
			g_free(t1);
			g_free(t2);
			g_free(l1);
			g_free(l2);
			g_free(d1);
			g_free(d2);
		}
		/* by half of the files in the oracle's order, and real/ beside edge/ */
		guint half = files - 1 < n_files / 2 ? 0 : 1;
		half_items[half] += MAX(mine, on);
		half_agree[half] += agree - agree_before;
		part_items[part] += MAX(mine, on);
		part_agree[part] += agree - agree_before;
		if (error)
			g_error_free(error);
		feed_free(f);
		g_free(bytes);
		g_free(path);
		cJSON_Delete(rec);
	}
	g_strfreev(lines);
	g_free(oracle);
	double share = items ? (double)agree / items : 0;
	g_test_message("oracle: %u files, %u items, %u agree on count, title, link and date "
	               "(%.2f%%); files with another count %u; items with another title %u, "
	               "link %u, date %u",
	               files, items, agree, 100 * share, bad_count, bad_title, bad_link, bad_date);
	g_test_message("oracle by half of the files: first %u of %u items (%.2f%%), second %u of "
	               "%u (%.2f%%); real/ %u of %u (%.2f%%), edge/ %u of %u (%.2f%%)",
	               half_agree[0], half_items[0], 100.0 * half_agree[0] / MAX(1, half_items[0]),
	               half_agree[1], half_items[1], 100.0 * half_agree[1] / MAX(1, half_items[1]),
	               part_agree[0], part_items[0], 100.0 * part_agree[0] / MAX(1, part_items[0]),
	               part_agree[1], part_items[1], 100.0 * part_agree[1] / MAX(1, part_items[1]));
	g_assert_cmpfloat(share, >=, 0.99);
}

int main(int argc, char **argv)
{
	setlocale(LC_ALL, ""); /* messages in UTF-8 under meson's C.UTF-8 */
	g_test_init(&argc, &argv, NULL);
	g_test_add_func("/feed/dates", test_dates);
	g_test_add_func("/feed/rss", test_rss);
	g_test_add_func("/feed/atom", test_atom);
	g_test_add_func("/feed/json", test_json);
	g_test_add_func("/feed/json-wrong-types", test_json_wrong_types);
	g_test_add_func("/feed/sniff", test_sniff);
	g_test_add_func("/feed/billion-laughs", test_billion_laughs);
	g_test_add_func("/feed/external-entity", test_external_entity);
	g_test_add_func("/feed/truncated", test_truncated);
	g_test_add_func("/feed/windows-1252-as-utf-8", test_windows1252_as_utf8);
	g_test_add_func("/feed/mended", test_mended);
	g_test_add_func("/feed/many-items", test_many_items);
	g_test_add_func("/feed/oracle", test_oracle);
	return g_test_run();
}
