/* A page's <title> or a Markdown heading often ends on the site's name
 * after a separator: "Council approves rebuild - Example News", "Storm
 * closes port | The Harbour Times". A headline shows the story's words
 * only. The site name is recognised by its shape, not by a list of sites:
 * short, after the last separator, every word capitalised (or a domain),
 * with a headline of some words before it. */
#include "title.h"

#include <string.h>

/* A site name is a few words: "Example News", "BBC", "The Harbour Times". */
#define MAX_SITE_WORDS 5
#define MAX_SITE_BYTES 48
/* What is left must still read as a headline. */
#define MIN_HEAD_WORDS 2

static const char *const separators[] = {
    " - ", " | ", " \xe2\x80\x93 ", " \xe2\x80\x94 ", " :: ", " \xc2\xb7 ", " \xe2\x80\xa2 ", NULL,
};

/* Whether s[0..len) looks like a site's name: every word opens with a
 * capital or a digit ("The Harbour Times", "BBC News", "9News"), or it is
 * a domain ("example.com"). Lower-case words inside a name ("of", "the")
 * are allowed between capitalised ones. */
static gboolean site_like(const char *s, gsize len)
{
	if (!len || len > MAX_SITE_BYTES)
		return FALSE;
	char *name = g_strndup(s, len);
	char **words = g_strsplit(name, " ", -1);
	guint n = 0, capital = 0, small = 0;
	gboolean domain = FALSE;
	for (char **w = words; *w; w++) {
		if (!**w)
			continue;
		n++;
		gunichar c = g_utf8_get_char(*w);
		if (g_unichar_isupper(c) || g_unichar_isdigit(c))
			capital++;
		else if (strchr(*w, '.') && !g_str_has_suffix(*w, "."))
			domain = TRUE;
		else if (strlen(*w) <= 3)
			small++;
	}
	gboolean ok = n && n <= MAX_SITE_WORDS &&
	              (domain ? n == 1 : capital && capital + small == n && small < capital);
	g_strfreev(words);
	g_free(name);
	return ok;
}

char *lede_title_strip_site(const char *title)
{
	g_return_val_if_fail(title != NULL, NULL);
	gsize len = strlen(title);
	while (len && g_ascii_isspace(title[len - 1]))
		len--;
	/* the last separator: "A - B - Site" keeps "A - B" */
	const char *at = NULL, *sep = NULL;
	for (guint i = 0; separators[i]; i++) {
		const char *p = title, *last = NULL;
		while ((p = strstr(p, separators[i])) && (gsize)(p - title) < len) {
			last = p;
			p += strlen(separators[i]);
		}
		if (last && (!at || last > at)) {
			at = last;
			sep = separators[i];
		}
	}
	if (!at)
		return g_strndup(title, len);
	const char *site = at + strlen(sep);
	guint head_words = 0;
	gboolean in_word = FALSE;
	for (const char *p = title; p < at; p++) {
		gboolean space = g_ascii_isspace(*p);
		head_words += !space && !in_word;
		in_word = !space;
	}
	if (head_words < MIN_HEAD_WORDS || !site_like(site, (gsize)(title + len - site)))
		return g_strndup(title, len);
	return g_strndup(title, (gsize)(at - title));
}
