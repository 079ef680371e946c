/* A fuzz target for lede_html_to_text (src/html.c): any bytes as an HTML
 * page, parsed by libxml2 and walked into text, once without the title and
 * once with it (which changes the walk: a first <h1> leaves the text).
 *
 * What must hold for any input, besides no sanitizer report and no deep
 * recursion: it fails with a message and no text, or gives valid UTF-8 text
 * in the shape the segmenter is promised (no control bytes but line ends, no
 * white space at either end, no double space, at most a blank line between
 * paragraphs) and a one-line title; when no title is found, the text is the
 * same as without asking for one. Built for libFuzzer with -Dfuzz=true
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

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *plain = text_of(data, size, NULL);
	char *title = NULL;
	char *text = text_of(data, size, &title);
	check(!plain == !text, "fails only when a title is wanted, or only when not");
	if (text && !title)
		check(strcmp(plain, text) == 0, "another text without a title found");
	g_free(plain);
	g_free(text);
	g_free(title);
	return 0;
}
