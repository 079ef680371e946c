/* The article extractor (lede_extract): boilerplate out, the article's
 * blocks in order, metadata, versioned options, hostile nesting. Pages are
 * written here, never copied from ../shared. */
#include "lede.h"
#include "lede-config.h"
#include "testutil.h"

/* A small news page with every kind of boilerplate around four paragraphs. */
static const char page[] =
    "<!DOCTYPE html><html lang=\"en-GB\"><head><title>Ferry plan approved | Harbour "
    "News</title>"
    "<meta property=\"og:site_name\" content=\"Harbour News\">"
    "<meta property=\"article:published_time\" content=\"2025-03-04T09:30:00Z\">"
    "<link rel=\"canonical\" href=\"https://news.example/ferry\">"
    "<script type=\"application/ld+json\">{\"@type\":\"NewsArticle\",\"datePublished\":"
    "\"2025-03-04\",\"author\":{\"@type\":\"Person\",\"name\":\"Ann Lee\"}}</script>"
    "</head><body>"
    "<nav><a href=\"/\">Home</a> <a href=\"/world\">World</a> <a href=\"/sport\">Sport</a></nav>"
    "<header class=\"site-header\"><p>Harbour News, the paper of the coast since 1901</p></header>"
    "<article><h1>Council approves ferry terminal plan</h1>"
    "<div class=\"byline\">By Ann Lee</div>"
    "<div class=\"share-bar\"><a href=\"#\">Share on Facebook</a> <a href=\"#\">Tweet this "
    "story</a></div>"
    "<p>The city council voted on Tuesday to rebuild the ferry terminal on higher ground, "
    "after two floods in one winter.</p>"
    "<figure><img src=\"a.jpg\"><figcaption>The old terminal, flooded in January. Photo: "
    "J. Smith</figcaption></figure>"
    "<p>The old terminal flooded twice last winter, and repairs would have cost more than a "
    "new building, the council's engineers said.</p>"
    "<h2>Who pays</h2>"
    "<p>Residents of the island asked who would pay for the work, and the council said a "
    "surcharge on tickets would cover a third of it.</p>"
    "<blockquote>We cannot keep patching a building that the sea wants back, said the "
    "mayor.</blockquote>"
    "<ul><li>Work starts in May, weather permitting.</li><li>The new terminal opens in "
    "two years.</li></ul>"
    "<p>The rest will come from the regional transport fund, which approved the grant, "
    "subject to an audit, last month.</p>"
    "</article>"
    "<aside><h3>Related stories</h3><ul><li><a href=\"/a\">Storm closes the harbour road "
    "again</a></li><li><a href=\"/b\">Island school gets a new roof</a></li></ul></aside>"
    "<div id=\"comments\"><p>Great news, about time somebody fixed that terminal, I have "
    "waited for years.</p></div>"
    "<form><label>Email</label><input name=\"e\"><button>Subscribe</button></form>"
    "<footer><p>Copyright 2025 Harbour News. All rights reserved.</p></footer>"
    "</body></html>";

static lede_article *extract(const char *html)
{
	GError *error = NULL;
	lede_article *a = lede_extract(html, strlen(html), NULL, &error);
	g_assert_no_error(error);
	g_assert_nonnull(a);
	return a;
}

/* The article text of a page made in a GString (freed), logged. */
static char *text_of(GString *page)
{
	lede_article *a = extract(page->str);
	char *t = g_strdup(lede_article_text(a));
	g_test_message("%s", t);
	lede_article_free(a);
	g_string_free(page, TRUE);
	return t;
}

static void test_boilerplate(void)
{
	lede_article *a = extract(page);
	const char *t = lede_article_text(a);
	g_test_message("%s", t);
	const char *kept[] = {
	    "The city council voted",  "The old terminal flooded", "Who pays",
	    "Residents of the island", "the sea wants back",       "Work starts in May",
	    "regional transport fund"};
	const char *gone[] = {"Home",       "Harbour News,", "Council approves", "By Ann Lee",
	                      "Share on",   "Photo:",        "Related",          "Storm closes",
	                      "Great news", "Subscribe",     "Copyright"};
	const char *last = t;
	for (gsize k = 0; k < G_N_ELEMENTS(kept); k++) {
		const char *at = strstr(t, kept[k]);
		g_assert_nonnull(at);
		g_assert_true(at >= last); /* in order */
		last = at;
	}
	for (gsize k = 0; k < G_N_ELEMENTS(gone); k++)
		g_assert_null(strstr(t, gone[k]));
	/* paragraphs apart, a paragraph in one piece */
	g_assert_nonnull(strstr(t, "winter.\n\nThe old terminal"));
	g_assert_nonnull(strstr(t, "Who pays\n\nResidents"));
	lede_article_free(a);
}

/* The labels and link lines inside an article body go; a heading over a
 * link list goes with it; a quoted post keeps its links. */
static void test_inside_body(void)
{
	lede_article *a = extract(
	    "<html><body><div class=\"story\">"
	    "<p>The council voted on Tuesday to rebuild the terminal, after two floods.</p>"
	    "<p>Advertisement</p>"
	    "<p>Read more: <a href=\"/x\">Storm closes the harbour road again this week</a></p>"
	    "<p>The old terminal flooded twice last winter, the engineers said, at length.</p>"
	    "<blockquote><p>Yes this is real: <a href=\"https://t.example/1\">"
	    "https://t.example/1</a></p></blockquote>"
	    "<p>Residents asked who would pay for it, and the council said the tickets.</p>"
	    "<h3>More stories</h3><ul><li><a href=\"/a\">One link</a></li>"
	    "<li><a href=\"/b\">Another link</a></li></ul>"
	    "</div></body></html>");
	const char *t = lede_article_text(a);
	g_test_message("%s", t);
	g_assert_null(strstr(t, "Advertisement"));
	g_assert_null(strstr(t, "Read more"));
	g_assert_null(strstr(t, "More stories"));
	g_assert_null(strstr(t, "One link"));
	g_assert_nonnull(strstr(t, "Yes this is real: https://t.example/1"));
	g_assert_true(g_str_has_suffix(t, "the tickets."));
	lede_article_free(a);
}

static void test_metadata(void)
{
	lede_article *a = extract(page);
	g_assert_cmpstr(lede_article_title(a), ==, "Council approves ferry terminal plan");
	g_assert_cmpstr(lede_article_byline(a), ==, "Ann Lee");
	g_assert_cmpstr(lede_article_date(a), ==, "2025-03-04T09:30:00Z");
	g_assert_cmpstr(lede_article_url(a), ==, "https://news.example/ferry");
	g_assert_cmpstr(lede_article_site(a), ==, "Harbour News");
	g_assert_cmpstr(lede_article_lang(a), ==, "en-GB");
	lede_article_free(a);
	/* og:title first; without it the <h1>; dates from <time> last */
	a = extract("<html><head><meta property=\"og:title\" content=\"OG title\"></head><body>"
	            "<h1>H1 title</h1><time datetime=\"2024-12-31\">Dec 31</time></body></html>");
	g_assert_cmpstr(lede_article_title(a), ==, "OG title");
	g_assert_cmpstr(lede_article_date(a), ==, "2024-12-31");
	g_assert_null(lede_article_byline(a));
	g_assert_null(lede_article_url(a));
	g_assert_null(lede_article_lang(a));
	lede_article_free(a);
	a = extract("<html><head><title>Plan approved | Harbour News</title></head><body>"
	            "<p>x</p></body></html>");
	g_assert_cmpstr(lede_article_title(a), ==, "Plan approved");
	lede_article_free(a);
}

static void test_no_article(void)
{
	lede_article *a = extract("<html><body><nav><a href=\"/\">Home</a></nav>"
	                          "<footer>Copyright</footer></body></html>");
	g_assert_cmpstr(lede_article_text(a), ==, "");
	lede_article_free(a);
	GError *error = NULL;
	g_assert_null(lede_extract("<p>a\0b</p>", 9, NULL, &error));
	g_assert_error(error, LEDE_ERROR, LEDE_ERROR_BINARY);
	g_clear_error(&error);
}

static void test_options_version(void)
{
	lede_extract_options o;
	GError *error = NULL;
	memset(&o, 0x5A, sizeof o);
	g_assert_false(lede_extract_options_init(&o, LEDE_EXTRACT_OPTIONS_VERSION + 1, &error));
	g_assert_error(error, LEDE_ERROR, LEDE_ERROR_INVALID);
	g_clear_error(&error);
	g_assert_cmpuint(o.version, ==, 0x5A5A5A5Au); /* nothing written */
	g_assert_true(lede_extract_options_init(&o, LEDE_EXTRACT_OPTIONS_VERSION, &error));
	g_assert_no_error(error);
	o.url = "https://fallback.example/x";
	lede_article *a = lede_extract("<p>Some text of a page.</p>", 27, &o, &error);
	g_assert_nonnull(a);
	g_assert_cmpstr(lede_article_url(a), ==, "https://fallback.example/x");
	lede_article_free(a);
	o.version = 99;
	g_assert_null(lede_extract("<p>x</p>", 8, &o, &error));
	g_assert_error(error, LEDE_ERROR, LEDE_ERROR_INVALID);
	g_clear_error(&error);
}

/* 100,000 nested divs: a clear error or an article, never a crash (the
 * walks are iterative; libxml2 stops at 256 levels). */
static void test_deep(void)
{
	GString *s = g_string_new("<html><body>");
	for (int i = 0; i < 100000; i++)
		g_string_append(s, "<div>");
	g_string_append(s, "<p>Deep text, deep down in the page, with a comma.</p>");
	GError *error = NULL;
	lede_article *a = lede_extract(s->str, s->len, NULL, &error);
	g_assert_true((a == NULL) != (error == NULL));
	if (error)
		g_test_message("%s", error->message);
	g_clear_error(&error);
	lede_article_free(a);
	g_string_free(s, TRUE);
}

static void test_not_built(void)
{
	GError *error = NULL;
	g_assert_null(lede_extract("<p>x</p>", 8, NULL, &error));
	g_assert_error(error, LEDE_ERROR, LEDE_ERROR_FAILED);
	g_clear_error(&error);
}

/* A page in the character set cs (converted here from UTF-8) declaring
 * decl (NULL: no declaration) reads back as the UTF-8 text. */
static void check_charset(const char *cs, const char *decl, const char *word)
{
	/* words enough to be a paragraph, not a label */
	char *text = g_strdup_printf("%s, %s and %s", word, word, word);
	char *body = g_strdup_printf("<p>%s</p>", text);
	gsize n = 0;
	char *bytes = g_convert(body, -1, cs, "UTF-8", NULL, &n, NULL);
	g_assert_nonnull(bytes);
	char *head = decl ? g_strdup_printf("<html><head><meta %s></head><body>", decl)
	                  : g_strdup("<html><body>");
	GString *page = g_string_new(head);
	g_string_append_len(page, bytes, n);
	GError *error = NULL;
	lede_article *a = lede_extract(page->str, page->len, NULL, &error);
	g_assert_no_error(error);
	g_assert_cmpstr(lede_article_text(a), ==, text);
	lede_article_free(a);
	g_string_free(page, TRUE);
	g_free(head);
	g_free(bytes);
	g_free(body);
	g_free(text);
}

static void test_charsets(void)
{
	check_charset("WINDOWS-1252", NULL,
	              "\xe2\x80\x9c"
	              "Caf\xc3\xa9\xe2\x80\x9d \xe2\x80\x94 cr\xc3\xa8me");
	check_charset("WINDOWS-1252", "charset=\"iso-8859-1\"", "\xe2\x82\xac 5, na\xc3\xafve");
	check_charset("ISO-8859-2", "charset=\"ISO-8859-2\"",
	              "\xc5\x81\xc3\xb3"
	              "d\xc5\xba");
	check_charset("SHIFT_JIS",
	              "http-equiv=\"Content-Type\" content=\"text/html; charset=Shift_JIS\"",
	              "\xe6\x97\xa5\xe6\x9c\xac\xe8\xaa\x9e");
	check_charset("GBK", "charset=\"gb2312\"", "\xe4\xb8\xad\xe6\x96\x87");
	check_charset("BIG5", "charset=\"big5\"", "\xe4\xb8\xad\xe6\x96\x87");
	check_charset("KOI8-R", "charset=\"koi8-r\"",
	              "\xd0\x9f\xd1\x80\xd0\xb8\xd0\xb2\xd0\xb5\xd1\x82");
	/* declares UTF-8, is windows-1252: its text, not a failure */
	check_charset("WINDOWS-1252", "charset=\"utf-8\"", "Caf\xc3\xa9 cr\xc3\xa8me");
	/* UTF-16 with its byte order mark */
	gsize n = 0;
	char *u16 =
	    g_convert("<p>Stra\xc3\x9f\x65 und Weg</p>", -1, "UTF-16LE", "UTF-8", NULL, &n, NULL);
	GString *page = g_string_new_len("\xff\xfe", 2);
	g_string_append_len(page, u16, n);
	GError *error = NULL;
	lede_article *a = lede_extract(page->str, page->len, NULL, &error);
	g_assert_no_error(error);
	g_assert_cmpstr(lede_article_text(a), ==, "Stra\xc3\x9f\x65 und Weg");
	lede_article_free(a);
	g_string_free(page, TRUE);
	g_free(u16);
}

/* Text loose in a block beside an image is that block's paragraph, so the
 * block outscores a short address line even when its parent also holds a
 * link-heavy column (Readability wraps such text in a <p>). */
static void test_loose_text(void)
{
	GString *links = g_string_new(NULL);
	for (int k = 0; k < 30; k++)
		g_string_append_printf(links,
		                       "<li><a href=\"/n%d\">Another headline from the city "
		                       "hall number %d</a></li>",
		                       k, k);
	char *html = g_strdup_printf(
	    "<html><body><div class=\"row\"><div class=\"col-9\"><h2>Vans broken into</h2>"
	    "<img src=\"a.jpg\">The home care team of the Friendship district found two of its "
	    "five vans broken into this morning. The vans were without their batteries and "
	    "showed signs of damage. A police report was filed and officers came to see the "
	    "damage to the vehicles. The patients booked for this morning are being booked "
	    "again. The health department expects the service to be back to normal from this "
	    "afternoon on, once the vans have new batteries fitted.</div>"
	    "<div class=\"col-3\"><ul>%s</ul></div></div>"
	    "<div class=\"row\"><div class=\"col-12\"><p>City Hall - Main Street 1111 - River "
	    "District - Post Box 421 - Phone 2106 8000</p></div></div></body></html>",
	    links->str);
	lede_article *a = extract(html);
	const char *t = lede_article_text(a);
	g_test_message("%s", t);
	g_assert_true(g_str_has_prefix(t, "Vans broken into\n\nThe home care team"));
	g_assert_nonnull(strstr(t, "new batteries fitted."));
	g_assert_null(strstr(t, "Post Box"));
	g_assert_null(strstr(t, "Another headline"));
	lede_article_free(a);
	g_free(html);
	g_string_free(links, TRUE);
}

/* A short article found first makes the extractor look again, trusting
 * the class and id words less (Readability's retries): an article in a
 * block whose class says "breaking", or one that a block with a content
 * word in its class outscores for its class alone, is found; readers'
 * comments still never stand in for an article. */
static void test_short_first_pass(void)
{
	char *t = text_of(g_string_new(
	    "<html><body><div class=\"container\"><div class=\"breaking-news-row\">"
	    "<div class=\"article-inner\">The son of a former president was stabbed to death "
	    "during a talk he gave at the clinic where he worked as a chief physician, and a man "
	    "who tried to stop the attacker was badly hurt.</div></div>"
	    "<div class=\"footer-wrap\"><p>Contact us at the newsroom, any day of the week, "
	    "by phone, by mail, or in person at the front desk of the building.</p>"
	    "<p>All the rights reserved, by the publisher of this newspaper, in every country "
	    "where it is sold, read, or quoted by others.</p>"
	    "<p>Our terms of use, our privacy policy, and our cookie policy apply to every "
	    "visit, from any device, in any language.</p></div>"
	    "<ul class=\"menu\"><li><a href=\"/1\">World news and politics</a></li>"
	    "<li><a href=\"/2\">Business, money and markets</a></li>"
	    "<li><a href=\"/3\">Sport, from football to sailing</a></li>"
	    "<li><a href=\"/4\">Culture, books and the arts</a></li>"
	    "<li><a href=\"/5\">Science and the environment</a></li>"
	    "<li><a href=\"/6\">Opinion, letters and columns</a></li>"
	    "<li><a href=\"/7\">Travel, food and the good life</a></li></ul>"
	    "</div></body></html>"));
	g_assert_true(g_str_has_prefix(t, "The son of a former president"));
	g_free(t);

	/* the byline's block says "content"; the article's words are half links
	 * (the byline comes back with it, a lesser loss than the article) */
	GString *p = g_string_new("<html><body><div class=\"content-top\"><div>By Jane Doe - "
	                          "11/18/19 11:04 PM EST, the newsroom</div></div><div>");
	for (int k = 0; k < 4; k++)
		g_string_append_printf(
		    p,
		    "<p>A man pleaded guilty on Monday to threatening a member of congress, "
		    "the office said, <a href=\"/r%d\">and more on the story of the threats "
		    "made to members of congress this year</a>, in paragraph %d.</p>",
		    k, k);
	g_string_append(p, "</div></body></html>");
	t = text_of(p);
	g_assert_nonnull(strstr(t, "A man pleaded guilty"));
	g_assert_nonnull(strstr(t, "in paragraph 3."));
	g_free(t);

	/* a short post over a long thread of comments: the post */
	p = g_string_new("<html><body><div class=\"entry\"><p>Our quarterly open thread is for "
	                 "readers to raise questions about our work in the comments below. You "
	                 "can also write to us.</p></div><ul class=\"comment-list\">");
	for (int k = 0; k < 5; k++)
		g_string_append_printf(p,
		                       "<li><p>I read your report number %d, and I wonder, "
		                       "honestly, whether the slower buses are safer, or only "
		                       "slower, for the riders.</p></li>",
		                       k);
	g_string_append(p, "</ul><div class=\"menu\">");
	for (int k = 0; k < 60; k++)
		g_string_append_printf(p, "<a href=\"/%d\">Archive of the month %d</a> ", k, k);
	g_string_append(p, "</div></body></html>");
	t = text_of(p);
	g_assert_true(g_str_has_prefix(t, "Our quarterly open thread"));
	g_assert_null(strstr(t, "slower buses"));
	g_free(t);
}

/* A digest of items, each a linked lead-in and its sentence: the items
 * are the article; a list of bare links beside them is not. */
static void test_linked_items(void)
{
	GString *p = g_string_new("<html><body><div class=\"story\"><p>Good morning! This is "
	                          "the harbour news you need to know this Tuesday.</p><ol>");
	for (int k = 0; k < 6; k++)
		g_string_append_printf(p,
		                       "<li><strong><a href=\"/s%d\">The ferry company number %d "
		                       "is changing its timetable.</a></strong> The new "
		                       "timetable, which starts in May, adds an evening boat.</li>",
		                       k, k);
	g_string_append(p, "</ol><ul><li><a href=\"/a\">Storm closes the harbour road</a></li>"
	                   "<li><a href=\"/b\">Island school gets a new roof</a></li></ul>"
	                   "</div></body></html>");
	char *t = text_of(p);
	g_assert_nonnull(strstr(t, "number 0 is changing its timetable. The new timetable,"));
	g_assert_nonnull(strstr(t, "number 5 is changing"));
	g_assert_null(strstr(t, "Storm closes"));
	g_free(t);
}

/* An article cut into sections, each in its own stack of wrappers with
 * an image between them: every section is the article, the footer not. */
static void test_sections(void)
{
	GString *p = g_string_new("<html><body><div class=\"page\">");
	const int paras[] = {4, 6, 3};
	for (int k = 0; k < 3; k++) {
		g_string_append(p,
		                "<div class=\"wrap\"><div class=\"inner\"><section class=\"outer\">"
		                "<div class=\"narrow\"><div class=\"rich\">");
		for (int j = 0; j < paras[k]; j++)
			g_string_append_printf(
			    p,
			    "<p>Section %d, paragraph %d: the tuft cells, which sense the gut's "
			    "chemistry, turned up in the lungs after the flu, the researchers "
			    "said, to their surprise.</p>",
			    k, j);
		g_string_append(p, "</div></div></section></div></div>");
		if (k < 2)
			g_string_append(p,
			                "<figure><img src=\"x.jpg\"><figcaption>A cell, seen close "
			                "up</figcaption></figure>");
	}
	g_string_append(p, "<div class=\"post-footer\"><p>Follow us for more on science and "
	                   "the cells of the body.</p></div></div></body></html>");
	char *t = text_of(p);
	g_assert_true(g_str_has_prefix(t, "Section 0, paragraph 0"));
	g_assert_nonnull(strstr(t, "Section 1, paragraph 5"));
	g_assert_nonnull(strstr(t, "Section 2, paragraph 2"));
	g_assert_null(strstr(t, "Follow us"));
	g_free(t);
}

int main(int argc, char **argv)
{
	g_test_init(&argc, &argv, NULL);
	if (!LEDE_HAVE_HTML) {
		g_test_add_func("/extract/not-built", test_not_built);
		return g_test_run();
	}
	g_test_add_func("/extract/boilerplate", test_boilerplate);
	g_test_add_func("/extract/metadata", test_metadata);
	g_test_add_func("/extract/inside-body", test_inside_body);
	g_test_add_func("/extract/no-article", test_no_article);
	g_test_add_func("/extract/options-version", test_options_version);
	g_test_add_func("/extract/deep", test_deep);
	g_test_add_func("/extract/charsets", test_charsets);
	g_test_add_func("/extract/loose-text", test_loose_text);
	g_test_add_func("/extract/short-first-pass", test_short_first_pass);
	g_test_add_func("/extract/linked-items", test_linked_items);
	g_test_add_func("/extract/sections", test_sections);
	return g_test_run();
}
