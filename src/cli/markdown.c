/* Markdown to the plain text the summarizer reads (issue #20): headings,
 * emphasis, links, images, tables and code become text or go. Line by line,
 * one pass, no recursion: a reader of articles, not a CommonMark renderer. */
#include "cli.h"

/* Inline markup out: images dropped, [text](url) and <url> to their text,
 * emphasis and code marks removed (a lone * or _ inside a word stays). */
static void put_inline(GString *out, const char *p, const char *end)
{
	while (p < end) {
		if (p[0] == '!' && p + 1 < end && p[1] == '[') {
			const char *close = memchr(p, ']', end - p);
			if (close && close + 1 < end && close[1] == '(') {
				const char *paren = memchr(close, ')', end - close);
				if (paren) {
					p = paren + 1;
					continue;
				}
			}
		}
		if (p[0] == '[') {
			const char *close = memchr(p, ']', end - p);
			if (close && close + 1 < end && close[1] == '(') {
				const char *paren = memchr(close, ')', end - close);
				if (paren) {
					g_string_append_len(out, p + 1, close - p - 1);
					p = paren + 1;
					continue;
				}
			}
		}
		if (*p == '`' || ((*p == '*' || *p == '_') &&
		                  (p == end - 1 || p[1] == *p || !g_ascii_isalnum(p[-1]) ||
		                   !g_ascii_isalnum(p[1])))) {
			p++;
			continue;
		}
		g_string_append_c(out, *p++);
	}
}

char *cli_markdown_to_text(const char *md, gsize len, char **title)
{
	GString *out = g_string_sized_new(len);
	const char *p = md, *end = md + len;
	gboolean fence = FALSE;
	*title = NULL;
	while (p < end) {
		const char *nl = memchr(p, '\n', end - p);
		const char *eol = nl ? nl : end;
		const char *s = p;
		while (s < eol && (*s == ' ' || *s == '\t'))
			s++;
		const char *e = eol;
		while (e > s && (e[-1] == '\r' || e[-1] == ' '))
			e--;
		p = nl ? nl + 1 : end;
		if (e - s >= 3 && (!strncmp(s, "```", 3) || !strncmp(s, "~~~", 3))) {
			fence = !fence; /* code is not article text */
			continue;
		}
		if (fence)
			continue;
		if (s == e) { /* one blank line between paragraphs, none first */
			if (out->len && !g_str_has_suffix(out->str, "\n\n"))
				g_string_append(out, "\n");
			continue;
		}
		if (*s == '|' || (e - s >= 3 && strspn(s, "-=*_ ") == (gsize)(e - s)))
			continue; /* tables and rules */
		if (*s == '#') {
			const char *h = s;
			while (h < e && *h == '#')
				h++;
			while (h < e && *h == ' ')
				h++;
			if (s[1] == ' ' && !*title) {
				GString *t = g_string_new(NULL);
				put_inline(t, h, e);
				*title = g_string_free(t, FALSE);
			}
			continue; /* headings are not sentences of the article */
		}
		if (*s == '>' ||
		    ((*s == '-' || *s == '*' || *s == '+') && s + 1 < e && s[1] == ' ')) {
			s++; /* quotes and list items keep their text */
			while (s < e && *s == ' ')
				s++;
		}
		gsize before = out->len;
		put_inline(out, s, e);
		if (out->len == before) /* an image alone: no line */
			continue;
		g_string_append_c(out, '\n');
	}
	while (out->len && out->str[out->len - 1] == '\n')
		g_string_truncate(out, out->len - 1);
	return g_string_free(out, FALSE);
}
