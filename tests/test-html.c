/* lede_html_to_text (src/html.c): HTML read by libxml2's parser, then walked
 * into paragraphs. Issue 14, 2b: the tag scanner it replaces lost the text
 * after an inline <svg .../> and the whole body after <title/>. */
#include "lede-config.h"
#include "lede-private.h"

#include "testutil.h"

/* The text of html (NUL-terminated); title, when not NULL, gets the title. */
static char *text_of(const char *html, char **title)
{
	GError *error = NULL;
	char *t = lede_html_to_text(html, strlen(html), title, &error);
	g_assert_no_error(error);
	g_assert_nonnull(t);
	g_assert_true(g_utf8_validate(t, -1, NULL));
	return t;
}

static void check_text(const char *html, const char *want)
{
	char *t = text_of(html, NULL);
	g_assert_cmpstr(t, ==, want);
	g_free(t);
}

#if LEDE_HAVE_HTML

static void test_svg_self_closing(void)
{
	check_text("<p>Before <svg viewBox=\"0 0 1 1\"/> after the icon.</p><p>Next one.</p>",
	           "Before after the icon.\n\nNext one.");
	/* an svg with content: its labels are not the article's */
	check_text("<p>Share <svg><title>icon</title><text>Tweet</text></svg>this.</p>",
	           "Share this.");
}

static void test_title_self_closing(void)
{
	char *title = NULL;
	char *t = text_of("<html><head><title/></head><body><p>The body stays.</p>"
	                  "<p>All of it.</p></body></html>",
	                  &title);
	g_assert_cmpstr(t, ==, "The body stays.\n\nAll of it.");
	g_assert_null(title);
	g_free(t);
	/* no usable <title>: the first <h1> is the title, and leaves the text */
	t = text_of("<title/><h1> The  <i>real</i>\nheadline </h1><p>Body.</p>", &title);
	g_assert_cmpstr(title, ==, "The real headline");
	g_assert_cmpstr(t, ==, "Body.");
	g_free(title);
	g_free(t);
}

/* As the digest did before: <title> is the title and an <h1> after it stays
 * in the text; without a title wanted, the <h1> is text too. */
static void test_title(void)
{
	const char *page = "<html><head><title>Page &amp; title</title></head>"
	                   "<body><h1>Heading</h1><p>Text.</p></body></html>";
	char *title = NULL;
	char *t = text_of(page, &title);
	g_assert_cmpstr(title, ==, "Page & title");
	g_assert_cmpstr(t, ==, "Heading\n\nText.");
	g_free(title);
	g_free(t);
	check_text("<h1>Heading</h1><p>Text.</p>", "Heading\n\nText.");
	/* a <title> in the body is never text */
	t = text_of("<p>One.<title>Late</title> Two.</p>", &title);
	g_assert_cmpstr(title, ==, "Late");
	g_assert_cmpstr(t, ==, "One.\n\nTwo.");
	g_free(title);
	g_free(t);
}

static void test_skipped(void)
{
	check_text("<html><head><meta charset=\"utf-8\"><style>p{}</style>"
	           "<script>var a = '<p>no</p>';</script></head><body>"
	           "<script type=\"text/javascript\">if (a < b) document.write('x');</script>"
	           "<noscript>Enable scripts.</noscript><template><p>Later.</p></template>"
	           "<!-- an editor's note --><p>Kept.</p><style>.x { color: red }</style>"
	           "</body></html>",
	           "Kept.");
}

static void test_entities(void)
{
	check_text("<p>AT&amp;T &lt;b&gt; caf&eacute; &#8217;&#x2014; a&nbsp;&nbsp;b &copy; "
	           "&bogus; &#0; x</p>",
	           "AT&T <b> caf\xc3\xa9 \xe2\x80\x99\xe2\x80\x94 a b \xc2\xa9 &bogus; x");
}

static void test_paragraphs(void)
{
	check_text("  <div>\n  One <b>bo</b>ld\tline.\n</div>\n<div><div>Two.</div></div>"
	           "<ul><li>Three.</li><li>Four.</li></ul><blockquote>Five.</blockquote>"
	           "<section><article><h2>Six.</h2></article></section>",
	           "One bold line.\n\nTwo.\n\nThree.\n\nFour.\n\nFive.\n\nSix.");
	/* one <br> is a line end, two a paragraph break */
	check_text("<p>Line one<br>line two<br/><br>New paragraph.</p>",
	           "Line one\nline two\n\nNew paragraph.");
	/* <pre> keeps its line ends */
	check_text("<p>Code:</p><pre>a  =  1\nb = 2\n</pre>After.",
	           "Code:\n\na = 1\nb = 2\n\nAfter.");
	/* table cells are spaced, rows are paragraphs */
	check_text("<table><tr><td>1</td><td>2</td></tr><tr><th>3</th><td>4</td></tr></table>",
	           "1 2\n\n3 4");
	/* unclosed paragraphs, as old pages write them */
	check_text("<p>One.<p>Two.<p>Three.", "One.\n\nTwo.\n\nThree.");
}

static void test_empty(void)
{
	char *title = (char *)"not set";
	char *t = text_of("", &title);
	g_assert_cmpstr(t, ==, "");
	g_assert_null(title);
	g_free(t);
	check_text(" \n\t ", "");
	check_text("<html><head><title>Only a title</title></head><body><p> </p></body></html>",
	           "");
	check_text("&nbsp;<br><br><div></div>", "");
}

static void test_encoding(void)
{
	/* undeclared UTF-8 is UTF-8 (libxml2 alone reads it as Latin-1), and
	 * so is UTF-8 that declares another set: its bytes tell the truth */
	check_text("<p>It\xe2\x80\x99s caf\xc3\xa9.</p>", "It\xe2\x80\x99s caf\xc3\xa9.");
	check_text("<meta charset=\"iso-8859-1\"><p>caf\xc3\xa9</p>", "caf\xc3\xa9");
	check_text("\xef\xbb\xbf<p>BOM caf\xc3\xa9</p>", "BOM caf\xc3\xa9");
	/* a declared character set is converted to UTF-8 */
	check_text("<meta charset=\"iso-8859-1\"><p>Caf\xe9 cr\xe8me.</p>",
	           "Caf\xc3\xa9 cr\xc3\xa8me.");
	/* undeclared bytes that are not UTF-8 still give valid UTF-8 */
	char *t = text_of("<p>na\xefve \xff\xfe \xc3</p>", NULL);
	g_assert_nonnull(strstr(t, "na"));
	g_free(t);
	/* bytes not in the declared set: libxml2 drops the rest, so it is refused */
	const char *sjis = "<meta charset=\"shift_jis\"><p>\x82\xa0 ok \xff\xff\xff more</p>";
	GError *error = NULL;
	g_assert_null(lede_html_to_text(sjis, strlen(sjis), NULL, &error));
	g_assert_error(error, LEDE_ERROR, LEDE_ERROR_INVALID);
	g_assert_true(
	    g_str_has_prefix(error->message, "HTML bytes not valid in its character set"));
	g_error_free(error);
}

static void test_nul(void)
{
	GError *error = NULL;
	char *title = NULL;
	g_assert_null(lede_html_to_text("<p>a\0b</p>", 9, &title, &error));
	g_assert_error(error, LEDE_ERROR, LEDE_ERROR_BINARY);
	g_assert_null(title);
	g_error_free(error);
}

static char *repeat(const char *open, guint n, const char *tail)
{
	GString *g = g_string_new(NULL);
	for (guint i = 0; i < n; i++)
		g_string_append(g, open);
	g_string_append(g, tail);
	return g_string_free(g, FALSE);
}

/* 100,000 nested elements: libxml2 stops at its depth limit (256 without
 * HTML_PARSE_HUGE) and the page is refused with a reason, not read in part.
 * Elements that close each other (<p>, <li>) are not nested, and read in
 * full. Each shape would take minutes if anything were quadratic in it. */
static void test_deep(void)
{
	static const char *const nested[] = {"<div>",           "<b>",   "<span><i>",
	                                     "<table><tr><td>", "<svg>", "<div></x>"};
	for (guint i = 0; i < G_N_ELEMENTS(nested); i++) {
		char *html = repeat(nested[i], 100000, "deep text");
		GError *error = NULL;
		char *title = NULL;
		char *t = lede_html_to_text(html, strlen(html), &title, &error);
		g_assert_null(t);
		g_assert_null(title);
		g_assert_error(error, LEDE_ERROR, LEDE_ERROR_INVALID);
		g_assert_cmpstr(error->message, ==, "HTML nested more than 256 elements deep");
		g_error_free(error);
		g_free(html);
	}
	/* within the limit, the deepest text is read */
	char *html = repeat("<div>", 200, "deep text");
	check_text(html, "deep text");
	g_free(html);
	html = repeat("<p>x", 100000, "end");
	char *t = text_of(html, NULL);
	g_assert_cmpuint(strlen(t), ==, 100000 * 3 - 2 + 3);
	g_assert_true(g_str_has_suffix(t, "x\n\nxend"));
	g_free(t);
	g_free(html);
	html = repeat("<li>", 100000, "end</li>");
	check_text(html, "end");
	g_free(html);
}

static void test_threads_worker(gpointer data, gpointer user)
{
	(void)user;
	char *t = text_of(data, NULL);
	g_assert_cmpstr(t, ==, "Same text.");
	g_free(t);
}

/* The digest reads HTML in several workers at once. */
static void test_threads(void)
{
	GThreadPool *pool = g_thread_pool_new(test_threads_worker, NULL, 4, TRUE, NULL);
	for (int i = 0; i < 64; i++)
		g_thread_pool_push(pool, (gpointer) "<p>Same <b>text</b>.</p>", NULL);
	g_thread_pool_free(pool, FALSE, TRUE);
}

#else /* built with -Dhtml=disabled */

static void test_not_built(void)
{
	GError *error = NULL;
	char *title = (char *)"not set";
	g_assert_null(lede_html_to_text("<p>x</p>", 8, &title, &error));
	g_assert_null(title);
	g_assert_error(error, LEDE_ERROR, LEDE_ERROR_FAILED);
	g_assert_cmpstr(error->message, ==, "HTML support not built");
	g_error_free(error);
	(void)check_text;
}

#endif

int main(int argc, char **argv)
{
	g_test_init(&argc, &argv, NULL);
#if LEDE_HAVE_HTML
	g_test_add_func("/html/svg-self-closing", test_svg_self_closing);
	g_test_add_func("/html/title-self-closing", test_title_self_closing);
	g_test_add_func("/html/title", test_title);
	g_test_add_func("/html/skipped", test_skipped);
	g_test_add_func("/html/entities", test_entities);
	g_test_add_func("/html/paragraphs", test_paragraphs);
	g_test_add_func("/html/empty", test_empty);
	g_test_add_func("/html/encoding", test_encoding);
	g_test_add_func("/html/nul", test_nul);
	g_test_add_func("/html/deep", test_deep);
	g_test_add_func("/html/threads", test_threads);
#else
	g_test_add_func("/html/not-built", test_not_built);
#endif
	return g_test_run();
}
