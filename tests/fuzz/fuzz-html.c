/* A fuzz target for lede_html_to_text (src/html.c): any bytes as an HTML
 * page, parsed by libxml2 and walked into text, once without the title and
 * once with it (which changes the walk: a first <h1> leaves the text).
 *
 * What must hold for any input, besides no sanitizer report and no deep
 * recursion: it fails with a message and no text, or gives valid UTF-8 text
 * in the shape the segmenter is promised (no control bytes but line ends, no
 * white space at either end, no double space, at most a blank line between
 * paragraphs) and a one-line title; when no title is found, the text is the
 * same as without asking for one. The article extractor (src/extract.c)
 * runs on the same bytes, under the same rules for its text. Built for libFuzzer with -Dfuzz=true
 * (clang); fuzz-replay-html runs it over corpus-html/ in the unit suite. */
#include "lede-private.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check(gboolean ok, const char *what)
{
	if (!ok) {
		fprintf(stderr, "fuzz-html: %s\n", what);
		abort();
	}
}

static void check_shape(const char *t, gboolean one_line)
{
	check(g_utf8_validate(t, -1, NULL), "not valid UTF-8");
	gsize n = strlen(t);
	if (n)
		check(t[0] != ' ' && t[0] != '\n' && t[n - 1] != ' ' && t[n - 1] != '\n',
		      "white space at an end");
	for (const char *p = t; *p; p++) {
		guchar c = (guchar)*p;
		check(c >= 0x20 || (c == '\n' && !one_line), "a control byte");
		check(c != 0x7F, "DEL");
		check(!(c == ' ' && (p[1] == ' ' || p[1] == '\n')),
		      "space before space or line end");
		check(!(c == '\n' && p[1] == ' '), "space after a line end");
		check(!(c == '\n' && p[1] == '\n' && p[2] == '\n'), "more than one blank line");
	}
}

/* The text of data, checked; NULL when it failed (checked too). */
static char *text_of(const uint8_t *data, size_t size, char **title)
{
	GError *error = NULL;
	char *text = lede_html_to_text((const char *)data, size, title, &error);
	if (!text) {
		check(error && error->message[0], "failed without a message");
		check(!title || !*title, "a title beside a failure");
		g_error_free(error);
		return NULL;
	}
	check(!error, "an error beside text");
	check_shape(text, FALSE);
	if (title && *title) {
		check((*title)[0], "an empty title");
		check_shape(*title, TRUE);
	}
	return text;
}

/* The article extractor on the same bytes: it fails with a message, or
 * gives text of the same shape and valid metadata; it fails only where
 * lede_html_to_text fails too (same parser, same limits). */
static void check_extract(const uint8_t *data, size_t size, gboolean parsed)
{
	GError *error = NULL;
	lede_article *a = lede_extract((const char *)data, size, NULL, &error);
	/* it reads more than the text reader (any declared set, UTF-16), never less */
	check(a || !parsed, "the extractor failed where the text reader did not");
	if (!a) {
		check(error && error->message[0], "extract failed without a message");
		g_error_free(error);
		return;
	}
	check(!error, "an error beside an article");
	check_shape(lede_article_text(a), FALSE);
	const char *meta[] = {lede_article_title(a), lede_article_byline(a), lede_article_date(a),
	                      lede_article_url(a),   lede_article_site(a),   lede_article_lang(a)};
	for (gsize k = 0; k < G_N_ELEMENTS(meta); k++)
		if (meta[k])
			check(g_utf8_validate(meta[k], -1, NULL), "metadata not valid UTF-8");
	lede_article_free(a);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *plain = text_of(data, size, NULL);
	char *title = NULL;
	char *text = text_of(data, size, &title);
	check(!plain == !text, "fails only when a title is wanted, or only when not");
	check_extract(data, size, plain != NULL);
	if (text && !title)
		check(strcmp(plain, text) == 0, "another text without a title found");
	g_free(plain);
	g_free(text);
	g_free(title);
	return 0;
}
