/* lede digest: Markdown, HTML, JSON and plain text. Every format ends with a
 * fixed marker (see digest --help) so a reader can tell a whole digest from
 * a cut one. */
#include "digest.h"
#include "feed.h" /* feed_xml_escape */

#include <math.h>

/* t in local time as "YYYY" + rest (a g_date_time_format pattern), or "?"
 * beyond GLib's dates. GLib's %Y does not pad years before 1000 ("2-03-01"),
 * which ISO 8601 and the date parser need as four digits. */
static char *format_local(gint64 t, const char *rest)
{
	GDateTime *dt = g_date_time_new_from_unix_local(t);
	if (!dt)
		return g_strdup("?");
	char *tail = g_date_time_format(dt, rest);
	char *s = g_strdup_printf("%04d%s", g_date_time_get_year(dt), tail);
	g_free(tail);
	g_date_time_unref(dt);
	return s;
}

char *digest_format_date(gint64 t)
{
	return format_local(t, "-%m-%d %H:%M");
}

char *digest_format_iso(gint64 t)
{
	return format_local(t, "-%m-%dT%H:%M:%S%:z");
}

static char *day_of(gint64 t)
{
	return format_local(t, "-%m-%d");
}

static guint reading_minutes(gsize words)
{
	return (guint)MAX(1, (words + DIGEST_WORDS_PER_MINUTE - 1) / DIGEST_WORDS_PER_MINUTE);
}

static guint n_sources(Entry **entries, guint n)
{
	guint m = 0;
	for (guint i = 0; i < n; i++)
		m += entries[i]->members->len;
	return m;
}

static void append_count(GString *out, guint n, guint m)
{
	g_string_append_printf(out, "%u %s", n, n == 1 ? "story" : "stories");
	if (m > n)
		g_string_append_printf(out, " from %u sources", m);
}

/* ---- what every field goes through ------------------------------------------------ */

/* Whether c is shown as an escape: C0 and C1 controls, DEL and the Unicode
 * line and paragraph separators. A file named "x\n\n-- end of digest --\n"
 * put a false end line into a text digest. */
static gboolean is_control(gunichar c)
{
	return c < 0x20 || (c >= 0x7F && c <= 0x9F) || c == 0x2028 || c == 0x2029;
}

/* s as a reader is shown it (new string): valid UTF-8, invalid bytes as
 * U+FFFD, each control character as a visible escape ("\n", "\x1B",
 * "\u2028"), so that no field can start a line or end the digest. Text
 * lede made (kicker, headline, summary) has none and comes out unchanged;
 * names and URLs come from file names and records as they are. */
static char *shown(const char *s)
{
	char *valid = g_utf8_make_valid(s, -1);
	GString *out = g_string_sized_new(strlen(valid));
	for (const char *p = valid; *p; p = g_utf8_next_char(p)) {
		gunichar c = g_utf8_get_char(p);
		if (!is_control(c))
			g_string_append_len(out, p, g_utf8_next_char(p) - p);
		else if (c == '\n' || c == '\r' || c == '\t')
			g_string_append_printf(out, "\\%c",
			                       c == '\n'   ? 'n'
			                       : c == '\r' ? 'r'
			                                   : 't');
		else if (c < 0x80)
			g_string_append_printf(out, "\\x%02X", c);
		else
			g_string_append_printf(out, "\\u%04X", c);
	}
	g_free(valid);
	return g_string_free(out, FALSE);
}

/* A URL with every byte that is not printable ASCII percent-encoded (and
 * the characters that would end a Markdown link): valid UTF-8 and a valid
 * link whatever bytes the record held. */
static void append_url(GString *out, const char *u)
{
	for (; *u; u++) {
		guchar b = (guchar)*u;
		if (strchr(" ()<>\"\\`", b) || b < 0x20 || b >= 0x7F)
			g_string_append_printf(out, "%%%02X", b);
		else
			g_string_append_c(out, (char)b);
	}
}

/* JSON escapes control characters itself; it cannot hold invalid UTF-8. */
static void json_add(cJSON *o, const char *key, const char *s)
{
	char *valid = g_utf8_make_valid(s, -1);
	cJSON_AddStringToObject(o, key, valid);
	g_free(valid);
}

/* ---- HTML ------------------------------------------------------------------------ */

static void html_escape(GString *out, const char *text)
{
	char *clean = shown(text);
	cli_html_escape(out, clean, -1);
	g_free(clean);
}

/* An href: percent-encoded, then as an attribute. */
static void html_url(GString *out, const char *u)
{
	GString *enc = g_string_new(NULL);
	append_url(enc, u);
	html_escape(out, enc->str);
	g_string_free(enc, TRUE);
}

#define CSS_BODY "margin:0;padding:0;background:#f2f2f2;"
#define CSS_PAGE "max-width:640px;margin:0 auto;padding:24px 20px;background:#ffffff;color:#222222;"
#define CSS_H1 "margin:0 0 4px 0;font:bold 26px/1.2 Georgia,'Times New Roman',serif;color:#111111;"
#define CSS_SANS_SMALL "font:13px/1.4 Arial,Helvetica,sans-serif;color:#777777;"
#define CSS_STORY "margin:0 0 20px 0;padding:0 0 16px 0;border-bottom:1px solid #dddddd;"
#define CSS_KICKER                                                                                 \
	"margin:0 0 4px 0;font:bold 12px/1.4 Arial,Helvetica,sans-serif;letter-spacing:1px;"       \
	"color:#b00020;"
#define CSS_H2 "margin:0 0 6px 0;font:bold 20px/1.3 Georgia,'Times New Roman',serif;color:#111111;"
#define CSS_TEXT "margin:0 0 8px 0;font:16px/1.5 Georgia,'Times New Roman',serif;color:#222222;"
#define CSS_LINK "color:#1a5fb4;"

static void html_source(GString *out, const Story *s)
{
	if (s->url) {
		g_string_append(out, "<a href=\"");
		html_url(out, s->url);
		g_string_append(out, "\" style=\"" CSS_LINK "\">");
		html_escape(out, s->name);
		g_string_append(out, "</a>");
	} else {
		html_escape(out, s->name);
	}
}

static void render_html(GString *out, const RenderInfo *info, Entry **entries, guint n)
{
	char *day = day_of(info->now);
	g_string_append(out,
	                "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n"
	                "<meta charset=\"utf-8\">\n"
	                "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
	                "<title>");
	html_escape(out, info->title);
	g_string_append_printf(out, " &middot; %s</title>\n</head>\n", day);
	g_string_append(out, "<body style=\"" CSS_BODY "\">\n<div style=\"" CSS_PAGE "\">\n");
	g_string_append(out, "<h1 style=\"" CSS_H1 "\">");
	html_escape(out, info->title);
	g_string_append_printf(
	    out, "</h1>\n<p style=\"margin:0 0 24px 0;" CSS_SANS_SMALL "\">%s &middot; ", day);
	append_count(out, n, n_sources(entries, n));
	g_string_append(out, "</p>\n");
	if (n == 0)
		g_string_append(out, "<p style=\"" CSS_TEXT "\">No new stories.</p>\n");
	for (guint i = 0; i < n; i++) {
		Entry *e = entries[i];
		Story *r = e->rep;
		g_string_append(out, "<div style=\"" CSS_STORY "\">\n");
		if (r->kicker) {
			g_string_append(out, "<p style=\"" CSS_KICKER "\">");
			html_escape(out, r->kicker);
			g_string_append(out, "</p>\n");
		}
		const Story *linked = NULL;
		for (guint m = 0; m < e->members->len && !linked; m++)
			if (((Story *)e->members->pdata[m])->url)
				linked = e->members->pdata[m];
		if (r->headline) {
			g_string_append(out, "<h2 style=\"" CSS_H2 "\">");
			if (linked) {
				g_string_append(out, "<a href=\"");
				html_url(out, linked->url);
				g_string_append(
				    out, "\" style=\"color:#111111;text-decoration:none;\">");
			}
			html_escape(out, r->headline);
			g_string_append(out, linked ? "</a></h2>\n" : "</h2>\n");
		}
		char *date = digest_format_date(e->date);
		g_string_append_printf(out,
		                       "<p style=\"margin:0 0 8px 0;" CSS_SANS_SMALL
		                       "\">%s &middot; %" G_GSIZE_FORMAT
		                       " words &middot; %u min read</p>\n",
		                       date, r->words, reading_minutes(r->words));
		g_free(date);
		if (r->as_is) {
			g_string_append(out, "<p style=\"" CSS_TEXT "\">");
			html_escape(out, r->as_is);
			g_string_append(out, "</p>\n");
		}
		if (r->summary->len) {
			g_string_append(out, "<p style=\"" CSS_TEXT "\">");
			for (guint k = 0; k < r->summary->len; k++) {
				if (k)
					g_string_append_c(out, ' ');
				html_escape(out, r->summary->pdata[k]);
			}
			g_string_append(out, "</p>\n");
		}
		g_string_append_printf(out, "<p style=\"margin:0;" CSS_SANS_SMALL "\">%s: ",
		                       e->members->len > 1 ? "Sources" : "Source");
		for (guint m = 0; m < e->members->len; m++) {
			if (m)
				g_string_append(out, " &middot; ");
			html_source(out, e->members->pdata[m]);
		}
		g_string_append(out, "</p>\n</div>\n");
	}
	g_string_append(out, "<p style=\"margin:16px 0 0 0;" CSS_SANS_SMALL
	                     "\">Made by lede digest.</p>\n"
	                     "</div>\n</body>\n</html>\n");
	g_free(day);
}

/* ---- Markdown --------------------------------------------------------------------- */

static void md_escape(GString *out, const char *text)
{
	char *clean = shown(text);
	for (const char *s = clean; *s; s++) {
		if (strchr("\\`*_[]<>&#|~", *s))
			g_string_append_c(out, '\\');
		g_string_append_c(out, *s);
	}
	g_free(clean);
}

static void render_markdown(GString *out, const RenderInfo *info, Entry **entries, guint n)
{
	char *day = day_of(info->now);
	g_string_append(out, "# ");
	md_escape(out, info->title);
	g_string_append_printf(out, "\n\n_%s · ", day);
	append_count(out, n, n_sources(entries, n));
	g_string_append(out, "_\n");
	if (n == 0)
		g_string_append(out, "\nNo new stories.\n");
	for (guint i = 0; i < n; i++) {
		Entry *e = entries[i];
		Story *r = e->rep;
		if (r->headline) {
			g_string_append(out, "\n## ");
			if (r->kicker) {
				md_escape(out, r->kicker);
				g_string_append(out, ": ");
			}
			md_escape(out, r->headline);
		} else {
			g_string_append(out,
			                "\n* * *"); /* an untitled item: no heading to make up */
		}
		char *date = digest_format_date(e->date);
		g_string_append_printf(out, "\n\n%s · %" G_GSIZE_FORMAT " words · %u min read\n",
		                       date, r->words, reading_minutes(r->words));
		g_free(date);
		if (r->as_is) {
			g_string_append_c(out, '\n');
			md_escape(out, r->as_is);
			g_string_append_c(out, '\n');
		}
		if (r->summary->len) {
			g_string_append_c(out, '\n');
			for (guint k = 0; k < r->summary->len; k++) {
				if (k)
					g_string_append_c(out, ' ');
				md_escape(out, r->summary->pdata[k]);
			}
			g_string_append_c(out, '\n');
		}
		g_string_append_printf(out, "\n%s: ", e->members->len > 1 ? "Sources" : "Source");
		for (guint m = 0; m < e->members->len; m++) {
			Story *s = e->members->pdata[m];
			if (m)
				g_string_append(out, " · ");
			if (s->url) {
				g_string_append_c(out, '[');
				md_escape(out, s->name);
				g_string_append(out, "](");
				append_url(out, s->url);
				g_string_append_c(out, ')');
			} else {
				md_escape(out, s->name);
			}
		}
		g_string_append_c(out, '\n');
	}
	g_string_append(out, "\n<!-- end of digest -->\n");
	g_free(day);
}

/* ---- plain text --------------------------------------------------------------------- */

#define TEXT_WIDTH 72

/* Wraps at spaces, counting code points (good enough for a mail body). */
static void append_wrapped(GString *out, const char *s)
{
	glong col = 0;
	while (*s) {
		while (*s == ' ')
			s++;
		const char *w = s;
		while (*s && *s != ' ')
			s++;
		if (s == w)
			break;
		glong len = g_utf8_strlen(w, s - w);
		if (col && col + 1 + len > TEXT_WIDTH) {
			g_string_append_c(out, '\n');
			col = 0;
		} else if (col) {
			g_string_append_c(out, ' ');
			col++;
		}
		g_string_append_len(out, w, s - w);
		col += len;
	}
	g_string_append_c(out, '\n');
}

static void render_text(GString *out, const RenderInfo *info, Entry **entries, guint n)
{
	char *day = day_of(info->now);
	char *title = shown(info->title);
	g_string_append_printf(out, "%s\n", title);
	for (glong i = g_utf8_strlen(title, -1); i > 0; i--)
		g_string_append_c(out, '=');
	g_string_append_printf(out, "\n%s · ", day);
	append_count(out, n, n_sources(entries, n));
	g_string_append_c(out, '\n');
	if (n == 0)
		g_string_append(out, "\nNo new stories.\n");
	for (guint i = 0; i < n; i++) {
		Entry *e = entries[i];
		Story *r = e->rep;
		char *clean;
		g_string_append_c(out, '\n');
		if (r->headline) {
			GString *line = g_string_new(NULL);
			if (r->kicker)
				g_string_append_printf(line, "%s: ", r->kicker);
			g_string_append(line, r->headline);
			clean = shown(line->str);
			append_wrapped(out, clean);
			g_free(clean);
			g_string_free(line, TRUE);
		}
		char *date = digest_format_date(e->date);
		g_string_append_printf(out, "%s · %" G_GSIZE_FORMAT " words · %u min read\n", date,
		                       r->words, reading_minutes(r->words));
		g_free(date);
		if (r->as_is) {
			clean = shown(r->as_is);
			g_string_append_c(out, '\n');
			append_wrapped(out, clean);
			g_free(clean);
		}
		if (r->summary->len) {
			GString *para = g_string_new(NULL);
			for (guint k = 0; k < r->summary->len; k++) {
				if (k)
					g_string_append_c(para, ' ');
				g_string_append(para, r->summary->pdata[k]);
			}
			clean = shown(para->str);
			g_string_append_c(out, '\n');
			append_wrapped(out, clean);
			g_free(clean);
			g_string_free(para, TRUE);
		}
		g_string_append_printf(out, "%s: ", e->members->len > 1 ? "Sources" : "Source");
		for (guint m = 0; m < e->members->len; m++) {
			clean = shown(((Story *)e->members->pdata[m])->name);
			g_string_append_printf(out, "%s%s", m ? ", " : "", clean);
			g_free(clean);
		}
		g_string_append_c(out, '\n');
	}
	g_string_append(out, "\n-- end of digest --\n");
	g_free(title);
	g_free(day);
}

/* ---- JSON ------------------------------------------------------------------------------ */

static void add_date(cJSON *o, const char *key, gint64 t)
{
	char *s = digest_format_iso(t);
	cJSON_AddStringToObject(o, key, s);
	g_free(s);
}

static void render_json(GString *out, const RenderInfo *info, Entry **entries, guint n)
{
	cJSON *root = cJSON_CreateObject();
	json_add(root, "title", info->title);
	add_date(root, "generated", info->now);
	cJSON_AddNumberToObject(root, "stories", n);
	cJSON_AddNumberToObject(root, "sources", n_sources(entries, n));
	cJSON *arr = cJSON_AddArrayToObject(root, "entries");
	for (guint i = 0; i < n; i++) {
		Entry *e = entries[i];
		Story *r = e->rep;
		cJSON *o = cJSON_CreateObject();
		if (r->kicker)
			json_add(o, "kicker", r->kicker);
		else
			cJSON_AddNullToObject(o, "kicker");
		if (r->headline)
			json_add(o, "headline", r->headline);
		else
			cJSON_AddNullToObject(o, "headline");
		cJSON *sum = cJSON_AddArrayToObject(o, "summary");
		for (guint k = 0; k < r->summary->len; k++) {
			char *valid = g_utf8_make_valid(r->summary->pdata[k], -1);
			cJSON_AddItemToArray(sum, cJSON_CreateString(valid));
			g_free(valid);
		}
		if (r->as_is) /* a short feed item, shown as it is instead of a summary */
			json_add(o, "text", r->as_is);
		add_date(o, "date", e->date);
		cJSON_AddNumberToObject(o, "words", (double)r->words);
		cJSON_AddNumberToObject(o, "reading_minutes", reading_minutes(r->words));
		/* four decimals: enough to sort by, stable across libm versions */
		double sc = e->score * 1e4;
		/* the cast is defined only within gint64's range (weights are
		 * bounded, so scores are; this keeps it so) */
		sc = isfinite(sc) ? CLAMP(sc, -1e15, 1e15) : 0.0;
		cJSON_AddNumberToObject(o, "score",
		                        (double)(gint64)(sc + (sc < 0 ? -0.5 : 0.5)) / 1e4);
		cJSON *srcs = cJSON_AddArrayToObject(o, "sources");
		for (guint m = 0; m < e->members->len; m++) {
			Story *s = e->members->pdata[m];
			cJSON *so = cJSON_CreateObject();
			json_add(so, "source", s->name);
			if (s->url)
				json_add(so, "url", s->url);
			if (s->author)
				json_add(so, "author", s->author);
			add_date(so, "date", s->date);
			json_add(so, "sha256", s->hash);
			cJSON_AddItemToArray(srcs, so);
		}
		cJSON_AddItemToArray(arr, o);
	}
	char *s = cJSON_Print(root);
	/* cJSON escapes only C0 controls; C1 and the line separators (which
	 * also end lines in JavaScript before ES2019) can only be inside a
	 * string, where \u escapes mean the same. */
	for (const char *p = s; *p; p = g_utf8_next_char(p)) {
		gunichar c = g_utf8_get_char(p);
		if (c >= 0x80 && is_control(c))
			g_string_append_printf(out, "\\u%04X", c);
		else
			g_string_append_len(out, p, g_utf8_next_char(p) - p);
	}
	g_string_append_c(out, '\n');
	cJSON_free(s);
	cJSON_Delete(root);
}

/* ---- Atom ---------------------------------------------------------------------------- */

/* Text as XML character data: shown (no control characters, which XML 1.0
 * forbids) and escaped. */
static void xml_escape(GString *out, const char *text)
{
	char *clean = shown(text);
	feed_xml_escape(out, clean, TRUE);
	g_free(clean);
}

static void atom_link(GString *out, const char *rel, const char *url, const char *title)
{
	GString *enc = g_string_new(NULL);
	append_url(enc, url);
	g_string_append_printf(out, "<link rel=\"%s\" href=\"", rel);
	xml_escape(out, enc->str);
	g_string_append(out, "\" title=\"");
	xml_escape(out, title);
	g_string_append(out, "\"/>\n");
	g_string_free(enc, TRUE);
}

/* A stable id: the same text gives the same URN, run after run. */
static char *atom_id(const char *kind, const char *text)
{
	char *hex = g_compute_checksum_for_string(G_CHECKSUM_SHA256, text, -1);
	char *id = g_strdup_printf("urn:lede-digest:%s:%.32s", kind, hex);
	g_free(hex);
	return id;
}

/* RFC 4287: feed id, title and updated; an author for entries without one;
 * per entry id, title, updated, the text as content (so no alternate link
 * is required), each source an alternate (the first) or related link. */
static void render_atom(GString *out, const RenderInfo *info, Entry **entries, guint n)
{
	char *now = digest_format_iso(info->now);
	char *fid = atom_id("feed", info->title);
	g_string_append(out, "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
	                     "<feed xmlns=\"http://www.w3.org/2005/Atom\">\n<title>");
	xml_escape(out, info->title);
	g_string_append_printf(out,
	                       "</title>\n<id>%s</id>\n<updated>%s</updated>\n"
	                       "<author><name>lede digest</name></author>\n"
	                       "<generator>lede digest</generator>\n",
	                       fid, now);
	for (guint i = 0; i < n; i++) {
		Entry *e = entries[i];
		Story *r = e->rep;
		char *id = atom_id("entry", r->key);
		char *date = digest_format_iso(e->date);
		g_string_append(out, "<entry>\n<title>");
		if (r->kicker && r->headline) {
			xml_escape(out, r->kicker);
			g_string_append(out, ": ");
		}
		if (r->headline)
			xml_escape(out, r->headline);
		g_string_append_printf(out, "</title>\n<id>%s</id>\n<updated>%s</updated>\n", id,
		                       date);
		if (r->author) {
			g_string_append(out, "<author><name>");
			xml_escape(out, r->author);
			g_string_append(out, "</name></author>\n");
		}
		gboolean alternate = FALSE;
		for (guint m = 0; m < e->members->len; m++) {
			Story *s = e->members->pdata[m];
			if (!s->url)
				continue;
			atom_link(out, alternate ? "related" : "alternate", s->url, s->name);
			alternate = TRUE;
		}
		g_string_append(out, "<content type=\"text\">");
		if (r->as_is)
			xml_escape(out, r->as_is);
		for (guint k = 0; k < r->summary->len; k++) {
			if (k)
				g_string_append_c(out, ' ');
			xml_escape(out, r->summary->pdata[k]);
		}
		g_string_append(out, "</content>\n</entry>\n");
		g_free(id);
		g_free(date);
	}
	g_string_append(out, "</feed>\n");
	g_free(fid);
	g_free(now);
}

GString *digest_render(const RenderInfo *info, Entry **entries, guint n)
{
	GString *out = g_string_sized_new(4096 + 1024 * (gsize)n);
	switch (info->format) {
	case FMT_MARKDOWN:
		render_markdown(out, info, entries, n);
		break;
	case FMT_HTML:
		render_html(out, info, entries, n);
		break;
	case FMT_JSON:
		render_json(out, info, entries, n);
		break;
	case FMT_TEXT:
		render_text(out, info, entries, n);
		break;
	case FMT_ATOM:
		render_atom(out, info, entries, n);
		break;
	}
	return out;
}
