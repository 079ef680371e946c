/* lede digest: news feeds into items (feed.h).
 *
 * XML goes through libxml2 (loaded by xml-api.c) with XML_PARSE_NONET and
 * without XML_PARSE_NOENT, DTDLOAD, DTDATTR or HUGE: no DTD or external
 * entity is ever loaded, libxml2's limits on depth and entity amplification
 * stay on, and internal entities are expanded here under a budget.
 *
 * Feeds in the wild are often not well-formed XML (a raw '&' in a URL, HTML
 * entities with no DTD, control bytes, a blank line before the declaration)
 * and every other reader takes their items. So a document the parser
 * refuses is mended the way those readers do (fix_markup) and parsed again;
 * only what still fails is read in libxml2's recovery mode, and then the
 * feed says what was wrong (feed->problem). */
#include "feed.h"
#include "digest.h" /* digest_clean_line */

#include "lede-config.h"
#include "lede-private.h" /* LEDE_ERROR */

#include <cjson/cJSON.h>
#include <string.h>

#if LEDE_HAVE_HTML
#include <libxml/entities.h>
#include <libxml/parser.h>
#include "html-private.h" /* lede_utf8_repair */
#endif

#define NS_ATOM "http://www.w3.org/2005/Atom"
#define NS_ATOM03 "http://purl.org/atom/ns#"
#define NS_RDF "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
#define NS_DC "http://purl.org/dc/elements/1.1/"
#define NS_CONTENT "http://purl.org/rss/1.0/modules/content/"
#define NS_XHTML "http://www.w3.org/1999/xhtml"

/* Bytes of one field's text, and nodes one field may visit through internal
 * entities: a billion laughs is refused at the budget, well before memory. */
#define FEED_FIELD_MAX (16u << 20)
#define FEED_NODE_BUDGET 1000000u
/* Nesting followed in item HTML and entities; libxml2 stops at 256. */
#define FEED_DEPTH_MAX 512
#define SNIFF_BYTES 65536

static void item_free(gpointer p)
{
	FeedItem *it = p;
	g_free(it->id);
	g_free(it->link);
	g_free(it->title);
	g_free(it->author);
	g_free(it->content);
	g_free(it);
}

void feed_free(Feed *f)
{
	if (!f)
		return;
	g_free(f->title);
	g_free(f->link);
	g_free(f->problem);
	if (f->items)
		g_ptr_array_free(f->items, TRUE);
	g_free(f);
}

static Feed *feed_new(const char *format)
{
	Feed *f = g_new0(Feed, 1);
	f->format = format;
	f->items = g_ptr_array_new_with_free_func(item_free);
	return f;
}

/* Appends a problem; the first few are enough to act on. */
static void add_problem(Feed *f, const char *fmt, ...) G_GNUC_PRINTF(2, 3);
static void add_problem(Feed *f, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char *msg = g_strdup_vprintf(fmt, ap);
	va_end(ap);
	if (!f->problem)
		f->problem = msg;
	else {
		if (strlen(f->problem) < 400) {
			char *both = g_strconcat(f->problem, "; ", msg, NULL);
			g_free(f->problem);
			f->problem = both;
		}
		g_free(msg);
	}
}

/* ---- dates --------------------------------------------------------------------------- */

static gint64 days_from_civil(gint64 y, int m, int d)
{
	/* Howard Hinnant's algorithm: proleptic Gregorian, any year */
	y -= m <= 2;
	gint64 era = (y >= 0 ? y : y - 399) / 400;
	gint64 yoe = y - era * 400;
	gint64 doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	gint64 doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

static int days_in_month(int y, int m)
{
	static const int n[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	gboolean leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
	return m == 2 && leap ? 29 : n[m - 1];
}

/* The fields of a date into Unix seconds; FALSE for a day or time that does
 * not exist (Feb 30, 25:61). A leap second (:60) runs into the next minute. */
static gboolean make_time(int y, int mo, int d, int hh, int mi, int ss, int off_min, gint64 *out)
{
	if (y < 1 || y > 9999 || mo < 1 || mo > 12 || d < 1 || d > days_in_month(y, mo) || hh < 0 ||
	    hh > 23 || mi < 0 || mi > 59 || ss < 0 || ss > 60)
		return FALSE;
	*out = days_from_civil(y, mo, d) * 86400 + hh * 3600 + mi * 60 + ss - off_min * 60;
	return TRUE;
}

static const struct {
	const char *name;
	int minutes;
} zones[] = {
    {"GMT", 0},    {"UT", 0},      {"UTC", 0},     {"Z", 0},      {"WET", 0},    {"EST", -300},
    {"EDT", -240}, {"CST", -360},  {"CDT", -300},  {"MST", -420}, {"MDT", -360}, {"PST", -480},
    {"PDT", -420}, {"AKST", -540}, {"AKDT", -480}, {"HST", -600}, {"AST", -240}, {"ADT", -180},
    {"NST", -210}, {"NDT", -150},  {"BST", 60},    {"CET", 60},   {"CEST", 120}, {"MET", 60},
    {"MEST", 120}, {"WEST", 60},   {"EET", 120},   {"EEST", 180}, {"MSK", 180},  {"IST", 330},
    {"HKT", 480},  {"SGT", 480},   {"JST", 540},   {"KST", 540},  {"AEST", 600}, {"AEDT", 660},
    {"ACST", 570}, {"AWST", 480},  {"NZST", 720},  {"NZDT", 780},
};

static const char *const month_names[] = {"jan", "feb", "mar", "apr", "may", "jun",
                                          "jul", "aug", "sep", "oct", "nov", "dec"};

/* "+0100", "+01:00", "+01", "-1200": minutes east of UTC. */
static gboolean parse_offset(const char *z, int *out)
{
	if (*z != '+' && *z != '-')
		return FALSE;
	int sign = *z == '-' ? -1 : 1, digits[4], n = 0;
	for (const char *p = z + 1; *p && n < 4; p++) {
		if (g_ascii_isdigit(*p))
			digits[n++] = *p - '0';
		else if (*p != ':' || n != 2)
			return FALSE;
	}
	if (n != 2 && n != 4)
		return FALSE;
	int hh = digits[0] * 10 + digits[1], mm = n == 4 ? digits[2] * 10 + digits[3] : 0;
	if (mm > 59 || hh * 60 + mm > 14 * 60)
		return FALSE;
	*out = sign * (hh * 60 + mm);
	return TRUE;
}

static gboolean parse_iso(const char *s, gint64 *out)
{
	int y, mo, d, hh = 0, mi = 0, ss = 0, n = 0, off = 0;
	char sep = s[4];
	/* "2025-02-03", and "2020/1/10" as some Chinese feeds write it */
	if ((sep == '-' && (sscanf(s, "%4d-%2d-%2d%n", &y, &mo, &d, &n) != 3 || n != 10)) ||
	    (sep == '/' && sscanf(s, "%4d/%2d/%2d%n", &y, &mo, &d, &n) != 3) ||
	    (sep != '-' && sep != '/'))
		return FALSE;
	const char *p = s + n;
	if (*p == 'T' || *p == 't' || *p == ' ') {
		int k = 0;
		if (sscanf(p + 1, "%2d:%2d%n", &hh, &mi, &k) != 2 || k < 3)
			return FALSE;
		p += 1 + k;
		if (*p == ':') {
			/* one digit happens ("12:35:3+01:00") */
			if (!g_ascii_isdigit(p[1]))
				return FALSE;
			ss = p[1] - '0';
			p += 2;
			if (g_ascii_isdigit(*p))
				ss = ss * 10 + *p++ - '0';
			if (*p == '.' || *p == ',')
				for (p++; g_ascii_isdigit(*p); p++)
					;
		}
		while (*p == ' ')
			p++;
		if (*p == 'Z' || *p == 'z')
			p++;
		else if (*p && !parse_offset(p, &off))
			return FALSE;
		else if (*p)
			p += strlen(p);
	}
	if (*p)
		return FALSE;
	return make_time(y, mo, d, hh, mi, ss, off, out);
}

/* RFC 822 and its real-world relatives, read as words: a month name, the
 * day and year as numbers (a four-digit one, or the second, is the year),
 * a time with colons, AM/PM, and a zone. */
static gboolean parse_words(const char *s, gint64 *out)
{
	int y = -1, mo = -1, d = -1, hh = 0, mi = 0, ss = 0, off = 0;
	gboolean have_time = FALSE, pm = FALSE, am = FALSE, have_zone = FALSE;
	char **words = g_strsplit_set(s, " ,\t", -1);
	gboolean ok = TRUE;
	for (char **w = words; *w && ok; w++) {
		char *t = *w;
		gsize n = strlen(t);
		if (!n)
			continue;
		if (g_ascii_isalpha(t[0])) {
			/* "GMT+0100", "UTC-5" */
			char *sign = strpbrk(t, "+-");
			char name[8] = {0};
			g_strlcpy(name, t,
			          MIN(sizeof name, (gsize)(sign ? sign - t : (gssize)n) + 1));
			int m = -1;
			for (int i = 0; i < 12 && n >= 3; i++)
				if (g_ascii_strncasecmp(t, month_names[i], 3) == 0 && !sign)
					m = i + 1;
			gboolean zone = FALSE;
			for (gsize i = 0; i < G_N_ELEMENTS(zones) && !have_zone; i++)
				if (g_ascii_strcasecmp(name, zones[i].name) == 0) {
					zone = TRUE;
					off = zones[i].minutes;
				}
			if (zone) {
				int extra = 0;
				if (sign && !parse_offset(sign, &extra)) {
					ok = FALSE;
					break;
				}
				off += extra;
				have_zone = TRUE;
			} else if (m > 0 && mo < 0 && (n == 3 || n >= 4)) {
				mo = m;
			} else if (g_ascii_strcasecmp(t, "pm") == 0 ||
			           g_ascii_strcasecmp(t, "p.m.") == 0) {
				pm = TRUE;
			} else if (g_ascii_strcasecmp(t, "am") == 0 ||
			           g_ascii_strcasecmp(t, "a.m.") == 0) {
				am = TRUE;
			}
			/* other words: weekdays, "at"; a zone we do not know is left out */
		} else if (t[0] == '+' || t[0] == '-') {
			ok = !have_zone && parse_offset(t, &off);
			have_zone = TRUE;
		} else if (strchr(t, ':')) {
			int k = 0;
			if (have_time || sscanf(t, "%2d:%2d%n", &hh, &mi, &k) != 2) {
				ok = FALSE;
				break;
			}
			if (t[k] == ':') {
				int k2 = 0;
				if (sscanf(t + k + 1, "%2d%n", &ss, &k2) != 1) {
					ok = FALSE;
					break;
				}
				k += 1 + k2;
				if (t[k] == '.')
					for (k++; g_ascii_isdigit(t[k]); k++)
						;
			}
			have_time = TRUE;
			if (t[k] && !parse_offset(t + k, &off)) {
				/* "9:05AM", "09:05Z" */
				if (g_ascii_strcasecmp(t + k, "pm") == 0)
					pm = TRUE;
				else if (g_ascii_strcasecmp(t + k, "am") == 0)
					am = TRUE;
				else if (g_ascii_strcasecmp(t + k, "z") != 0)
					ok = FALSE;
			} else if (t[k]) {
				have_zone = TRUE;
			}
		} else if (g_ascii_isdigit(t[0])) {
			char *end;
			guint64 v = g_ascii_strtoull(t, &end, 10);
			if (*end == '.' && !end[1])
				end++; /* "3." */
			if (*end || n > 4) {
				ok = FALSE;
				break;
			}
			if (d < 0 && n <= 2 && v >= 1 && v <= 31)
				d = (int)v;
			else if (y < 0)
				y = n == 2 ? (int)v + (v < 50 ? 2000 : 1900) : (int)v;
			else
				ok = FALSE;
		} else {
			ok = FALSE;
		}
	}
	g_strfreev(words);
	if (!ok || y < 0 || mo < 0 || d < 0)
		return FALSE;
	if ((am || pm) && (hh < 1 || hh > 12))
		return FALSE;
	if (pm && hh < 12)
		hh += 12;
	else if (am && hh == 12)
		hh = 0;
	return make_time(y, mo, d, hh, mi, ss, off, out);
}

gboolean feed_parse_date(const char *s, gint64 *out)
{
	if (!s)
		return FALSE;
	while (g_ascii_isspace(*s))
		s++;
	char *t = g_strchomp(g_strdup(s));
	gsize n = strlen(t);
	gboolean ok = FALSE;
	gboolean digits = n >= 9 && n <= 11;
	for (gsize i = 0; i < n && digits; i++)
		digits = g_ascii_isdigit(t[i]);
	if (digits) {
		/* Unix seconds: some feeds write them */
		*out = (gint64)g_ascii_strtoll(t, NULL, 10);
		ok = TRUE;
	} else if (n >= 8 && g_ascii_isdigit(t[0]) && (t[4] == '-' || t[4] == '/')) {
		ok = parse_iso(t, out);
	} else if (n) {
		ok = parse_words(t, out);
	}
	g_free(t);
	return ok;
}

/* ---- text -------------------------------------------------------------------------- */

/* UTF-8 that was read as Latin-1 and encoded again ("FlÃ¼chtlinge"), as
 * many feeds publish it: when every character fits in a byte and those
 * bytes are UTF-8 with at least one multibyte sequence, they are what was
 * meant (feedparser makes the same repair). Takes s. */
char *feed_undo_double_utf8(char *s)
{
	gboolean high = FALSE;
	for (const guchar *p = (const guchar *)s; *p; p++) {
		if (*p < 0x80)
			continue;
		/* U+0080..U+00FF are two bytes, 0xC2 or 0xC3 then one more */
		if ((*p != 0xC2 && *p != 0xC3) || (p[1] & 0xC0) != 0x80)
			return s;
		high = TRUE;
		p++;
	}
	if (!high)
		return s;
	gsize n = 0;
	char *bytes = g_malloc(strlen(s) + 1);
	for (const char *p = s; *p; p = g_utf8_next_char(p))
		bytes[n++] = (char)g_utf8_get_char(p);
	bytes[n] = 0;
	gboolean multi = FALSE;
	for (gsize i = 0; i < n && !multi; i++)
		multi = (guchar)bytes[i] >= 0xC2;
	if (!multi || !g_utf8_validate(bytes, (gssize)n, NULL)) {
		g_free(bytes);
		return s;
	}
	g_free(s);
	return bytes;
}

/* One line (digest_clean_line), double encoding undone; NULL for nothing
 * left. Takes s. */
static char *one_line(char *s)
{
	if (!s)
		return NULL;
	/* undone first: the mojibake of "à" holds U+0080..U+009F and U+00A0,
	 * which the cleaning would drop or fold */
	char *meant = feed_undo_double_utf8(g_utf8_make_valid(s, -1));
	g_free(s);
	char *line = digest_clean_line(meant, -1);
	g_free(meant);
	if (!*line) {
		g_free(line);
		return NULL;
	}
	return line;
}

/* One entity or character reference at p ("&amp;", "&#233;", "&eacute;")
 * appended to out as UTF-8; the bytes it took, or 0 when it is not one. */
static gsize decode_ref(const char *p, const char *end, GString *out)
{
	/* the longest reference taken is 12 bytes; p need not end with a NUL */
	const char *semi = memchr(p, ';', (gsize)MIN(end - p, 14));
	if (!semi || semi - p > 12 || semi - p < 3)
		return 0;
	gunichar c = 0;
	if (p[1] == '#') {
		char *stop;
		gboolean hex = p[2] == 'x' || p[2] == 'X';
		guint64 v = g_ascii_strtoull(p + (hex ? 3 : 2), &stop, hex ? 16 : 10);
		if (stop != semi || v > 0x10FFFF)
			return 0;
		c = (gunichar)v;
	} else {
		char name[16];
		memcpy(name, p + 1, (gsize)(semi - p - 1));
		name[semi - p - 1] = 0;
		if (strcmp(name, "amp") == 0)
			c = '&';
		else if (strcmp(name, "lt") == 0)
			c = '<';
		else if (strcmp(name, "gt") == 0)
			c = '>';
		else if (strcmp(name, "quot") == 0)
			c = '"';
		else if (strcmp(name, "apos") == 0)
			c = '\'';
#if LEDE_HAVE_HTML
		else {
			const htmlEntityDesc *e = htmlEntityLookup((const xmlChar *)name);
			if (!e)
				return 0;
			c = e->value;
		}
#else
		else
			return 0;
#endif
	}
	if (!g_unichar_validate(c) || c == 0)
		c = 0xFFFD;
	g_string_append_unichar(out, c);
	return (gsize)(semi - p) + 1;
}

/* Text that may hold HTML (an escaped RSS title, Atom type="html"): tags
 * out, references decoded, one line. Takes s. */
static char *html_line(char *s);

char *feed_html_line(const char *s)
{
	return html_line(g_strdup(s));
}

static char *decode_line(char *s);

static char *html_line(char *s)
{
	if (!s || !strchr(s, '<'))
		return decode_line(s);
	GString *out = g_string_sized_new(strlen(s));
	for (const char *p = s; *p;) {
		if (*p == '<' && (g_ascii_isalpha(p[1]) || p[1] == '/' || p[1] == '!')) {
			const char *gt = strchr(p, '>');
			if (gt) {
				p = gt + 1;
				continue;
			}
		}
		g_string_append_c(out, *p++);
	}
	g_free(s);
	return decode_line(g_string_free(out, FALSE));
}

static char *strip_dup(const char *s);

/* Text with character and entity references decoded, on one line. Takes s. */
static char *decode_line(char *s)
{
	if (!s || !strchr(s, '&'))
		return one_line(s);
	GString *out = g_string_sized_new(strlen(s));
	for (const char *p = s; *p;) {
		gsize k = *p == '&' ? decode_ref(p, p + strlen(p), out) : 0;
		if (k)
			p += k;
		else
			g_string_append_c(out, *p++);
	}
	g_free(s);
	return one_line(g_string_free(out, FALSE));
}

/* strip_dup that takes s. */
static char *strip_take(char *s)
{
	char *t = strip_dup(s);
	g_free(s);
	return t;
}

static char *strip_dup(const char *s)
{
	if (!s)
		return NULL;
	char *t = g_strstrip(g_strdup(s));
	if (!*t) {
		g_free(t);
		return NULL;
	}
	return t;
}

/* ---- JSON Feed ---------------------------------------------------------------------- */

static const char *json_str(cJSON *o, const char *key, Feed *f, guint item)
{
	cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);
	if (!v || cJSON_IsNull(v))
		return NULL;
	if (!cJSON_IsString(v)) {
		if (item)
			add_problem(f, "item %u: \"%s\" is not a string", item, key);
		else
			add_problem(f, "\"%s\" is not a string", key);
		return NULL;
	}
	return v->valuestring;
}

static char *json_author(cJSON *o, Feed *f, guint item)
{
	cJSON *a = cJSON_GetObjectItemCaseSensitive(o, "authors");
	if (cJSON_IsArray(a) && cJSON_GetArraySize(a) > 0)
		a = cJSON_GetArrayItem(a, 0);
	else
		a = cJSON_GetObjectItemCaseSensitive(o, "author");
	if (!a)
		return NULL;
	if (!cJSON_IsObject(a)) {
		add_problem(f, "item %u: \"author\" is not an object", item);
		return NULL;
	}
	return one_line(g_strdup(json_str(a, "name", f, item)));
}

static char *resolve_plain(const char *link, const char *base);

static void json_item(Feed *f, cJSON *o, guint n, const char *base)
{
	if (!cJSON_IsObject(o)) {
		add_problem(f, "item %u is not an object", n);
		return;
	}
	FeedItem *it = g_new0(FeedItem, 1);
	cJSON *id = cJSON_GetObjectItemCaseSensitive(o, "id");
	if (cJSON_IsString(id))
		it->id = strip_dup(id->valuestring);
	else if (cJSON_IsNumber(id)) /* 1.0 feeds in the wild; the spec says string */
		it->id = g_strdup_printf("%.17g", id->valuedouble);
	else if (id && !cJSON_IsNull(id))
		add_problem(f, "item %u: \"id\" is not a string", n);
	const char *url = json_str(o, "url", f, n);
	if (!url)
		url = json_str(o, "external_url", f, n);
	it->link = url && *url ? resolve_plain(url, base) : NULL;
	/* plain text by the spec; entities in it are common ("&amp;", "&#039;") */
	it->title = decode_line(g_strdup(json_str(o, "title", f, n)));
	const char *date = json_str(o, "date_published", f, n);
	const char *mod = json_str(o, "date_modified", f, n);
	it->has_date =
	    (date && feed_parse_date(date, &it->date)) || (mod && feed_parse_date(mod, &it->date));
	it->author = json_author(o, f, n);
	const char *html = json_str(o, "content_html", f, n);
	const char *text = json_str(o, "content_text", f, n);
	const char *summary = json_str(o, "summary", f, n);
	if (html && *html) {
		it->content = g_strdup(html);
		it->html = TRUE;
	} else if (text && *text) {
		it->content = g_strdup(text);
	} else if (summary) {
		it->content = g_strdup(summary);
	}
	g_ptr_array_add(f->items, it);
}

static Feed *parse_json(const char *data, gsize len, GError **error)
{
	cJSON *root = cJSON_ParseWithLength(data, len);
	if (!root) {
		g_set_error(error, LEDE_ERROR, LEDE_ERROR_INVALID,
		            "not valid JSON (JSON Feed cut off or broken)");
		return NULL;
	}
	cJSON *ver = cJSON_GetObjectItemCaseSensitive(root, "version");
	if (!cJSON_IsObject(root) || !cJSON_IsString(ver) ||
	    !strstr(ver->valuestring, "jsonfeed.org/version/")) {
		cJSON_Delete(root);
		g_set_error(error, LEDE_ERROR, LEDE_ERROR_INVALID,
		            "not a JSON Feed (no \"version\" naming jsonfeed.org)");
		return NULL;
	}
	Feed *f = feed_new("json");
	f->title = one_line(g_strdup(json_str(root, "title", f, 0)));
	f->link = strip_dup(json_str(root, "home_page_url", f, 0));
	const char *base = f->link ? f->link : json_str(root, "feed_url", f, 0);
	cJSON *items = cJSON_GetObjectItemCaseSensitive(root, "items");
	if (!cJSON_IsArray(items)) {
		add_problem(f, items ? "\"items\" is not an array" : "no \"items\"");
	} else {
		guint n = 0;
		cJSON *o;
		cJSON_ArrayForEach(o, items)
		{
			if (++n > FEED_MAX_ITEMS) {
				add_problem(f, "more than %u items; the rest left out",
				            FEED_MAX_ITEMS);
				break;
			}
			json_item(f, o, n, base);
		}
	}
	cJSON_Delete(root);
	return f;
}

/* A link resolved against base by RFC 3986 (GLib's), or itself. */
static char *resolve_plain(const char *link, const char *base)
{
	char *l = strip_dup(link);
	if (!l || !base || g_uri_peek_scheme(l))
		return l;
	char *r = g_uri_resolve_relative(base, l, G_URI_FLAGS_NONE, NULL);
	if (r) {
		g_free(l);
		return r;
	}
	return l;
}

/* ---- sniffing ------------------------------------------------------------------------ */

static const char *skip_space_bom(const char *p, const char *end)
{
	if (end - p >= 3 && memcmp(p, "\xEF\xBB\xBF", 3) == 0)
		p += 3;
	while (p < end && g_ascii_isspace(*p))
		p++;
	return p;
}

/* The first element's local name at p (after PIs, comments, a DOCTYPE). */
static gboolean first_element(const char *p, const char *end, char *name, gsize size)
{
	while (p < end) {
		while (p < end && g_ascii_isspace(*p))
			p++;
		if (end - p < 2 || *p != '<')
			return FALSE;
		if (p[1] == '?' || p[1] == '!') {
			gboolean comment = end - p > 4 && memcmp(p, "<!--", 4) == 0;
			const char *close = comment ? g_strstr_len(p, end - p, "-->")
			                            : memchr(p, '>', (gsize)(end - p));
			const char *bracket = memchr(p, '[', (gsize)(end - p));
			if (!comment && close && bracket && bracket < close) /* an internal DTD */
				close = g_strstr_len(bracket, end - bracket, "]>");
			if (!close)
				return FALSE;
			p = close + (comment ? 3 : close[0] == ']' ? 2 : 1);
			continue;
		}
		const char *q = p + 1, *start = q;
		while (q < end && !g_ascii_isspace(*q) && *q != '>' && *q != '/') {
			if (*q == ':')
				start = q + 1;
			q++;
		}
		/* not g_strlcpy: data need not end with a NUL (a file's first block) */
		gsize n = MIN(size - 1, (gsize)(q - start));
		memcpy(name, start, n);
		name[n] = 0;
		return TRUE;
	}
	return FALSE;
}

gboolean feed_sniff(const char *data, gsize len)
{
	const char *end = data + MIN(len, SNIFF_BYTES);
	const char *p = skip_space_bom(data, end);
	if (p < end && *p == '{') {
		const char *v = g_strstr_len(p, end - p, "jsonfeed.org/version/");
		return v != NULL;
	}
	char name[16];
	if (!first_element(p, end, name, sizeof name))
		return FALSE;
	if (strcmp(name, "rss") == 0 || strcmp(name, "RDF") == 0 || strcmp(name, "feed") == 0)
		return TRUE;
	/* an Atom feed inside an XHTML page */
	return strcmp(name, "html") == 0 && g_strstr_len(p, end - p, NS_ATOM) &&
	       g_strstr_len(p, end - p, "<feed");
}

#if LEDE_HAVE_HTML

/* ---- mending XML ----------------------------------------------------------------------- */

static gboolean name_char(char c)
{
	return g_ascii_isalnum(c) || c == '_' || c == '-' || c == '.' || c == ':';
}

/* What other feed readers forgive, made well-formed: a '&' that starts no
 * reference becomes "&amp;", an HTML entity the document does not define
 * becomes its character reference, control bytes and references to
 * characters XML does not allow go. CDATA sections and comments are left as
 * they are. defined: the internal DTD's entity names. New string. */
static char *fix_markup(const char *data, gsize len, GHashTable *defined, gsize *out_len)
{
	GString *out = g_string_sized_new(len + 64);
	const char *p = data, *end = data + len;
	while (p < end) {
		guchar c = (guchar)*p;
		if (c == '<' && end - p >= 9 && memcmp(p, "<![CDATA[", 9) == 0) {
			const char *close = g_strstr_len(p, end - p, "]]>");
			const char *stop = close ? close + 3 : end;
			g_string_append_len(out, p, stop - p);
			p = stop;
		} else if (c == '<' && end - p >= 4 && memcmp(p, "<!--", 4) == 0) {
			const char *close = g_strstr_len(p, end - p, "-->");
			const char *stop = close ? close + 3 : end;
			g_string_append_len(out, p, stop - p);
			p = stop;
		} else if (c == '&') {
			const char *q = p + 1;
			if (q < end && *q == '#') {
				GString *tmp = g_string_new(NULL);
				gsize k = decode_ref(p, end, tmp);
				gunichar u = k ? g_utf8_get_char(tmp->str) : 0;
				g_string_free(tmp, TRUE);
				if (!k)
					g_string_append(out, "&amp;");
				else if ((u < 0x20 && u != 9 && u != 10 && u != 13) ||
				         u == 0xFFFD || u == 0xFFFE || u == 0xFFFF)
					; /* not a character XML allows (the decoder made 0xFFFD of
					     it) */
				else
					g_string_append_len(out, p, (gssize)k);
				p += k ? k : 1;
				continue;
			}
			while (q < end && name_char(*q))
				q++;
			if (q == p + 1 || q >= end || *q != ';') {
				g_string_append(out, "&amp;");
				p++;
				continue;
			}
			char *name = g_strndup(p + 1, (gsize)(q - p - 1));
			gboolean xml = strcmp(name, "amp") == 0 || strcmp(name, "lt") == 0 ||
			               strcmp(name, "gt") == 0 || strcmp(name, "quot") == 0 ||
			               strcmp(name, "apos") == 0;
			const htmlEntityDesc *e = xml || g_hash_table_contains(defined, name)
			                              ? NULL
			                              : htmlEntityLookup((const xmlChar *)name);
			gboolean keep = xml || g_hash_table_contains(defined, name);
			g_free(name);
			if (e)
				g_string_append_printf(out, "&#%u;", e->value);
			else if (keep)
				g_string_append_len(out, p, q + 1 - p);
			else {
				/* unknown: the text as written */
				g_string_append(out, "&amp;");
				p++;
				continue;
			}
			p = q + 1;
		} else if (c < 0x20 && c != 9 && c != 10 && c != 13) {
			p++;
		} else {
			g_string_append_c(out, (char)c);
			p++;
		}
	}
	*out_len = out->len;
	return g_string_free(out, FALSE);
}

/* Blanks out <!DOCTYPE ... [ ... ]> in place. */
static void drop_internal_dtd(char *s, gsize *len)
{
	char *d = g_strstr_len(s, (gssize)MIN(*len, SNIFF_BYTES), "<!DOCTYPE");
	char *open = d ? strchr(d, '[') : NULL;
	char *close = open ? strstr(open, "]>") : NULL;
	char *gt = d ? strchr(d, '>') : NULL;
	if (!d || !gt)
		return;
	char *end = open && close && open < gt ? close + 2 : gt + 1;
	memset(d, ' ', (gsize)(end - d));
}

/* The names an internal DTD declares (<!ENTITY name ...>), which the mending
 * must leave to the parser. */
static GHashTable *declared_entities(const char *data, gsize len)
{
	GHashTable *names = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
	const char *end = data + MIN(len, SNIFF_BYTES * 4);
	for (const char *p = g_strstr_len(data, end - data, "<!ENTITY"); p;
	     p = g_strstr_len(p + 1, end - p - 1, "<!ENTITY")) {
		const char *q = p + 8;
		while (q < end && g_ascii_isspace(*q))
			q++;
		if (q < end && *q == '%')
			continue; /* a parameter entity: never in content */
		const char *start = q;
		while (q < end && name_char(*q))
			q++;
		if (q > start)
			g_hash_table_add(names, g_strndup(start, (gsize)(q - start)));
	}
	return names;
}

/* ---- parsing XML ------------------------------------------------------------------------ */

/* The encoding the XML declaration names, or NULL. */
static char *declared_encoding(const char *p, const char *end)
{
	if (end - p < 5 || memcmp(p, "<?xml", 5) != 0)
		return NULL;
	const char *close = g_strstr_len(p, MIN(end - p, 512), "?>");
	if (!close)
		return NULL;
	const char *e = g_strstr_len(p, close - p, "encoding");
	if (!e)
		return NULL;
	e += 8;
	while (e < close && (g_ascii_isspace(*e) || *e == '='))
		e++;
	if (e >= close || (*e != '"' && *e != '\''))
		return NULL;
	const char *q = memchr(e + 1, *e, (gsize)(close - e - 1));
	return q ? g_strndup(e + 1, (gsize)(q - e - 1)) : NULL;
}

/* libxml2 2.9 knows these by itself or through iconv; a name it does not
 * know makes the parse fail at once. */
static gboolean is_utf8_name(const char *enc)
{
	return g_ascii_strcasecmp(enc, "utf-8") == 0 || g_ascii_strcasecmp(enc, "utf8") == 0;
}

typedef struct {
	xmlDoc *doc;
	gboolean well_formed;
	int line;
	char *message;
} Parsed;

static void parse_once(const char *data, gsize len, const char *encoding, gboolean recover,
                       Parsed *out)
{
	memset(out, 0, sizeof *out);
	xmlParserCtxtPtr ctxt = xmlNewParserCtxt();
	if (!ctxt) {
		out->message = g_strdup("out of memory");
		return;
	}
	LedeXmlErrors saved;
	lede_xml_quiet(&saved);
	/* Not NOENT (entities stay references, expanded under our budget), not
	 * DTDLOAD/DTDATTR (no external DTD), not HUGE (libxml2's limits). */
	int options = XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING |
	              XML_PARSE_NOCDATA | (recover ? XML_PARSE_RECOVER : 0);
	out->doc = xmlCtxtReadMemory(ctxt, data, (int)len, NULL, encoding, options);
	lede_xml_restore(&saved);
	out->well_formed = ctxt->wellFormed && out->doc;
	if (!out->well_formed) {
		out->line = ctxt->lastError.line;
		out->message =
		    one_line(g_strdup(ctxt->lastError.message ? ctxt->lastError.message : "?"));
	}
	xmlFreeParserCtxt(ctxt);
}

static void parsed_clear(Parsed *p)
{
	if (p->doc)
		xmlFreeDoc(p->doc);
	g_free(p->message);
	memset(p, 0, sizeof *p);
}

/* ---- reading the tree ---------------------------------------------------------------- */

typedef struct {
	Feed *feed;
	xmlDoc *doc;
	const xmlChar *core; /* the namespace of the feed's own elements, or NULL */
	guint budget;        /* nodes left to visit through entities */
	gboolean over;       /* the budget or a field's size ran out */
	gboolean full;       /* FEED_MAX_ITEMS read */
} Ctx;

static const char *ns_of(const xmlNode *n)
{
	return n->ns && n->ns->href ? (const char *)n->ns->href : NULL;
}

static gboolean same_ns(const char *a, const char *b)
{
	return a == b || (a && b && strcmp(a, b) == 0);
}

static gboolean is_el(const xmlNode *n, const char *ns, const char *name)
{
	return n && n->type == XML_ELEMENT_NODE && strcmp((const char *)n->name, name) == 0 &&
	       same_ns(ns_of(n), ns);
}

/* An element of the feed's own vocabulary (or of no namespace: RSS feeds
 * that give <rss> a default namespace still write plain elements in places). */
static gboolean is_core(const Ctx *x, const xmlNode *n, const char *name)
{
	/* XML is case-sensitive, feeds are not: "pubdate", "Title" occur */
	return n && n->type == XML_ELEMENT_NODE &&
	       g_ascii_strcasecmp((const char *)n->name, name) == 0 &&
	       (same_ns(ns_of(n), (const char *)x->core) || !ns_of(n));
}

static gboolean is_atom(const Ctx *x, const xmlNode *n, const char *name)
{
	return is_el(n, NS_ATOM, name) || is_el(n, NS_ATOM03, name) ||
	       (!x->core && is_el(n, NULL, name) && strcmp(x->feed->format, "atom") == 0);
}

void feed_xml_escape(GString *out, const char *s, gboolean attr)
{
	for (; *s; s++) {
		if (*s == '&')
			g_string_append(out, "&amp;");
		else if (*s == '<')
			g_string_append(out, "&lt;");
		else if (*s == '>')
			g_string_append(out, "&gt;");
		else if (attr && *s == '"')
			g_string_append(out, "&quot;");
		else
			g_string_append_c(out, *s);
	}
}

/* An internal entity's replacement text, its own references expanded in
 * turn under the budget (each reference costs its length, so ten of ten of
 * ten... run out long before memory). External entities are never read. */
static void expand_entity(Ctx *x, const xmlChar *name, GString *out, guint depth)
{
	xmlEntityPtr ent = xmlGetDocEntity(x->doc, name);
	if (!ent || ent->etype != XML_INTERNAL_GENERAL_ENTITY || !ent->content)
		return;
	if (depth > FEED_DEPTH_MAX) {
		x->over = TRUE;
		return;
	}
	for (const char *p = (const char *)ent->content; *p && !x->over;) {
		gsize cost = 1;
		if (*p == '&' && p[1] != '#') {
			const char *semi = strchr(p, ';');
			if (semi) {
				char *ref = g_strndup(p + 1, (gsize)(semi - p - 1));
				expand_entity(x, (const xmlChar *)ref, out, depth + 1);
				g_free(ref);
				p = semi + 1;
				cost = 16;
			} else {
				g_string_append_c(out, *p++);
			}
		} else if (*p == '&') {
			gsize k = decode_ref(p, p + strlen(p), out);
			if (!k)
				g_string_append_c(out, '&');
			p += k ? k : 1;
		} else {
			g_string_append_c(out, *p++);
		}
		if (x->budget < cost || out->len > FEED_FIELD_MAX) {
			x->over = TRUE;
			return;
		}
		x->budget -= cost;
	}
}

/* The text under n (html: as HTML, with its elements), internal entities
 * expanded under the budget. Depth is bounded by FEED_DEPTH_MAX. */
static void gather(Ctx *x, const xmlNode *first, GString *out, gboolean html, guint depth)
{
	if (depth > FEED_DEPTH_MAX) {
		x->over = TRUE;
		return;
	}
	for (const xmlNode *n = first; n && !x->over; n = n->next) {
		if (out->len > FEED_FIELD_MAX || x->budget == 0) {
			x->over = TRUE;
			return;
		}
		x->budget--;
		switch (n->type) {
		case XML_TEXT_NODE:
		case XML_CDATA_SECTION_NODE:
			if (n->content) {
				if (html)
					feed_xml_escape(out, (const char *)n->content, FALSE);
				else
					g_string_append(out, (const char *)n->content);
			}
			break;
		case XML_ENTITY_REF_NODE:
			expand_entity(x, n->name, out, depth + 1);
			break;
		case XML_ELEMENT_NODE:
			if (html) {
				g_string_append_printf(out, "<%s", (const char *)n->name);
				for (const xmlAttr *a = n->properties; a; a = a->next) {
					if (!a->children || a->children->type != XML_TEXT_NODE ||
					    !a->children->content)
						continue;
					g_string_append_printf(out, " %s=\"",
					                       (const char *)a->name);
					feed_xml_escape(out, (const char *)a->children->content,
					                TRUE);
					g_string_append_c(out, '"');
				}
				g_string_append_c(out, '>');
			}
			gather(x, n->children, out, html, depth + 1);
			if (html)
				g_string_append_printf(out, "</%s>", (const char *)n->name);
			break;
		default:
			break;
		}
	}
}

static char *text_of(Ctx *x, const xmlNode *n)
{
	GString *s = g_string_new(NULL);
	gather(x, n->children, s, FALSE, 0);
	return g_string_free(s, FALSE);
}

/* An element's text when it has child elements that are HTML written raw
 * into the feed, as HTML; else its text. *html says which. */
static char *body_of(Ctx *x, const xmlNode *n, gboolean *html)
{
	gboolean elements = FALSE;
	for (const xmlNode *c = n->children; c && !elements; c = c->next)
		elements = c->type == XML_ELEMENT_NODE;
	GString *s = g_string_new(NULL);
	gather(x, n->children, s, elements, 0);
	*html = elements;
	return g_string_free(s, FALSE);
}

static char *prop(const xmlNode *n, const char *name)
{
	xmlChar *v = xmlGetNoNsProp(n, (const xmlChar *)name);
	char *s = v ? g_strdup((const char *)v) : NULL;
	if (v)
		xmlFree(v);
	return s;
}

/* href or text of n resolved against its xml:base, then the feed's link. */
static char *resolve(Ctx *x, const xmlNode *n, const char *link)
{
	char *l = strip_dup(link);
	if (!l && link) {
		/* RFC 3986: an empty reference is the base itself */
		xmlChar *base = xmlNodeGetBase(x->doc, n);
		if (base) {
			l = g_strdup((const char *)base);
			xmlFree(base);
		}
		return l;
	}
	if (!l)
		return NULL;
	if (g_uri_peek_scheme(l))
		return l;
	xmlChar *base = xmlNodeGetBase(x->doc, n);
	if (base) {
		xmlChar *r = xmlBuildURI((const xmlChar *)l, base);
		xmlFree(base);
		if (r) {
			g_free(l);
			l = g_strdup((const char *)r);
			xmlFree(r);
		}
	}
	if (!g_uri_peek_scheme(l) && x->feed->link) {
		char *r = resolve_plain(l, x->feed->link);
		g_free(l);
		l = r;
	}
	return l;
}

static void take_date(Ctx *x, const xmlNode *n, gint64 *date, gboolean *has)
{
	if (*has)
		return;
	char *s = text_of(x, n);
	*has = feed_parse_date(s, date);
	g_free(s);
}

static void set_text(char **field, char *value)
{
	if (*field || !value) {
		g_free(value);
		return;
	}
	*field = value;
}

/* Atom text construct: type="html" is escaped HTML, "xhtml" a div of it. */
static char *atom_text(Ctx *x, const xmlNode *n, gboolean *html)
{
	char *type = prop(n, "type");
	char *mode = prop(n, "mode"); /* Atom 0.3 */
	char *s;
	gboolean h = FALSE;
	if (type && strcmp(type, "xhtml") == 0) {
		s = body_of(x, n, &h);
		h = TRUE;
	} else if (type && (strcmp(type, "html") == 0 || strcmp(type, "text/html") == 0 ||
	                    strcmp(type, "application/xhtml+xml") == 0 ||
	                    (mode && strcmp(mode, "escaped") == 0))) {
		s = text_of(x, n);
		h = TRUE;
	} else {
		s = body_of(x, n, &h);
	}
	g_free(type);
	g_free(mode);
	if (html)
		*html = h;
	return s;
}

static char *atom_title(Ctx *x, const xmlNode *n)
{
	gboolean html;
	char *s = atom_text(x, n, &html);
	return html ? html_line(s) : one_line(s);
}

static char *atom_author(Ctx *x, const xmlNode *n)
{
	for (const xmlNode *c = n->children; c; c = c->next)
		if (is_atom(x, c, "name"))
			return one_line(text_of(x, c));
	return NULL;
}

/* The entry's link: rel="alternate" (or none), HTML before other types. */
static char *atom_link(Ctx *x, const xmlNode *parent)
{
	const xmlNode *best = NULL;
	int best_rank = 0;
	for (const xmlNode *c = parent->children; c; c = c->next) {
		if (!is_atom(x, c, "link"))
			continue;
		char *rel = prop(c, "rel"), *type = prop(c, "type"), *href = prop(c, "href");
		int rank = 0;
		if (href && (!rel || strcmp(rel, "alternate") == 0))
			rank = !type || strstr(type, "html") ? 2 : 1;
		if (rank > best_rank) {
			best = c;
			best_rank = rank;
		}
		g_free(rel);
		g_free(type);
		g_free(href);
	}
	if (!best)
		return NULL;
	char *href = prop(best, "href");
	char *r = resolve(x, best, href);
	g_free(href);
	return r;
}

static void set_content(FeedItem *it, int *rank, int r, char *s, gboolean html)
{
	if (r <= *rank || !s || !*s) {
		g_free(s);
		return;
	}
	s = feed_undo_double_utf8(s);
	g_free(it->content);
	it->content = s;
	it->html = html;
	*rank = r;
}

/* Elements every format may borrow: Dublin Core, content:encoded, Atom in RSS. */
static gboolean common_field(Ctx *x, const xmlNode *c, FeedItem *it, int *rank, gint64 *updated,
                             gboolean *has_updated)
{
	if (is_el(c, NS_DC, "date")) {
		take_date(x, c, updated, has_updated);
	} else if (is_el(c, NS_DC, "creator")) {
		set_text(&it->author, one_line(text_of(x, c)));
	} else if (is_el(c, NS_DC, "title")) {
		set_text(&it->title, html_line(text_of(x, c)));
	} else if (is_el(c, NS_CONTENT, "encoded")) {
		gboolean h;
		char *s = body_of(x, c, &h);
		set_content(it, rank, 4, s, TRUE);
	} else if (is_el(c, NS_DC, "description")) {
		set_content(it, rank, 1, text_of(x, c), TRUE);
	} else {
		return FALSE;
	}
	return TRUE;
}

static void rss_item(Ctx *x, const xmlNode *item)
{
	FeedItem *it = g_new0(FeedItem, 1);
	int rank = 0;
	gint64 updated = 0;
	gboolean has_updated = FALSE;
	char *guid_link = NULL;
	for (const xmlNode *c = item->children; c; c = c->next) {
		if (c->type != XML_ELEMENT_NODE)
			continue;
		if (is_core(x, c, "title")) {
			set_text(&it->title, html_line(text_of(x, c)));
		} else if (is_core(x, c, "link")) {
			char *t = text_of(x, c);
			if (!it->link)
				it->link = resolve(x, c, t);
			g_free(t);
		} else if (is_core(x, c, "guid")) {
			char *g = text_of(x, c);
			char *perma = prop(c, "isPermaLink");
			if (!it->id)
				it->id = strip_dup(g);
			if (!guid_link && (!perma || g_ascii_strcasecmp(perma, "false") != 0))
				guid_link = resolve(x, c, g);
			g_free(perma);
			g_free(g);
		} else if (is_core(x, c, "pubDate")) {
			take_date(x, c, &it->date, &it->has_date);
		} else if (is_core(x, c, "author")) {
			set_text(&it->author, one_line(text_of(x, c)));
		} else if (is_core(x, c, "description")) {
			gboolean h;
			char *s = body_of(x, c, &h);
			/* RSS says description may hold entity-encoded HTML */
			set_content(it, &rank, 2, s, TRUE);
		} else if (common_field(x, c, it, &rank, &updated, &has_updated)) {
			continue;
		} else if (is_atom(x, c, "link") && !it->link) {
			it->link = atom_link(x, item);
		} else if ((is_atom(x, c, "published") || is_atom(x, c, "updated")) &&
		           !has_updated) {
			take_date(x, c, &updated, &has_updated);
		}
	}
	if (!it->has_date && has_updated) {
		it->date = updated;
		it->has_date = TRUE;
	}
	if (!it->link && guid_link && g_uri_peek_scheme(guid_link))
		it->link = g_steal_pointer(&guid_link);
	g_free(guid_link);
	if (!it->id) {
		/* RSS 1.0: the item's rdf:about is its identity */
		xmlChar *about =
		    xmlGetNsProp(item, (const xmlChar *)"about", (const xmlChar *)NS_RDF);
		if (about) {
			it->id = strip_dup((const char *)about);
			if (!it->link)
				it->link = resolve(x, item, (const char *)about);
			xmlFree(about);
		}
	}
	g_ptr_array_add(x->feed->items, it);
}

static void atom_entry(Ctx *x, const xmlNode *entry)
{
	FeedItem *it = g_new0(FeedItem, 1);
	int rank = 0;
	gint64 updated = 0;
	gboolean has_updated = FALSE;
	for (const xmlNode *c = entry->children; c; c = c->next) {
		if (c->type != XML_ELEMENT_NODE)
			continue;
		if (is_atom(x, c, "title")) {
			set_text(&it->title, atom_title(x, c));
		} else if (is_atom(x, c, "id")) {
			set_text(&it->id, strip_take(text_of(x, c)));
		} else if (is_atom(x, c, "published") || is_atom(x, c, "issued") ||
		           is_atom(x, c, "created")) {
			take_date(x, c, &it->date, &it->has_date);
		} else if (is_atom(x, c, "updated") || is_atom(x, c, "modified")) {
			take_date(x, c, &updated, &has_updated);
		} else if (is_atom(x, c, "author")) {
			/* the first author, as the digest shows one */
			set_text(&it->author, atom_author(x, c));
		} else if (is_atom(x, c, "content")) {
			gboolean h;
			char *s = atom_text(x, c, &h);
			set_content(it, &rank, 3, s, h);
		} else if (is_atom(x, c, "summary")) {
			gboolean h;
			char *s = atom_text(x, c, &h);
			set_content(it, &rank, 2, s, h);
		} else {
			common_field(x, c, it, &rank, &updated, &has_updated);
		}
	}
	it->link = atom_link(x, entry);
	if (!it->has_date && has_updated) {
		it->date = updated;
		it->has_date = TRUE;
	}
	if (!it->link && it->id &&
	    (g_str_has_prefix(it->id, "http://") || g_str_has_prefix(it->id, "https://")))
		it->link = g_strdup(it->id);
	g_ptr_array_add(x->feed->items, it);
}

static void feed_meta(Ctx *x, const xmlNode *parent, gboolean atom)
{
	for (const xmlNode *c = parent->children; c; c = c->next) {
		if (c->type != XML_ELEMENT_NODE)
			continue;
		if (atom ? is_atom(x, c, "title") : is_core(x, c, "title")) {
			set_text(&x->feed->title,
			         atom ? atom_title(x, c) : html_line(text_of(x, c)));
		} else if (!atom && is_core(x, c, "link") && !x->feed->link) {
			char *t = text_of(x, c);
			x->feed->link = resolve(x, c, t);
			g_free(t);
		} else if (atom ? (is_atom(x, c, "updated") || is_atom(x, c, "modified"))
		                : (is_core(x, c, "pubDate") || is_core(x, c, "lastBuildDate") ||
		                   is_el(c, NS_DC, "date"))) {
			take_date(x, c, &x->feed->date, &x->feed->has_date);
		}
	}
	if (atom && !x->feed->link)
		x->feed->link = atom_link(x, parent);
}

static gboolean too_many(Ctx *x)
{
	if (x->feed->items->len < FEED_MAX_ITEMS)
		return FALSE;
	if (!x->full)
		add_problem(x->feed, "more than %u items; the rest left out", FEED_MAX_ITEMS);
	x->full = TRUE;
	return TRUE;
}

/* The feed element: the root, or in an XHTML page the first Atom feed
 * (found breadth-first within a few levels). */
static const xmlNode *find_feed(const xmlNode *root)
{
	if (!root)
		return NULL;
	const char *name = (const char *)root->name;
	if (strcmp(name, "rss") == 0 || strcmp(name, "RDF") == 0 || strcmp(name, "feed") == 0)
		return root;
	GQueue q = G_QUEUE_INIT;
	g_queue_push_tail(&q, (gpointer)root);
	const xmlNode *found = NULL;
	guint visited = 0;
	while (!g_queue_is_empty(&q) && !found && visited++ < 10000) {
		const xmlNode *n = g_queue_pop_head(&q);
		for (const xmlNode *c = n->children; c && !found; c = c->next) {
			if (c->type != XML_ELEMENT_NODE)
				continue;
			if (is_el(c, NS_ATOM, "feed"))
				found = c;
			else
				g_queue_push_tail(&q, (gpointer)c);
		}
	}
	g_queue_clear(&q);
	return found;
}

static Feed *read_tree(xmlDoc *doc, GError **error)
{
	const xmlNode *root = find_feed(xmlDocGetRootElement(doc));
	if (!root) {
		g_set_error(error, LEDE_ERROR, LEDE_ERROR_INVALID,
		            "not a feed (no rss, rdf:RDF or Atom feed element)");
		return NULL;
	}
	const char *name = (const char *)root->name;
	gboolean atom = strcmp(name, "feed") == 0;
	Feed *f = feed_new(atom ? "atom" : strcmp(name, "RDF") == 0 ? "rdf" : "rss");
	Ctx x = {f, doc, root->ns ? root->ns->href : NULL, FEED_NODE_BUDGET, FALSE, FALSE};
	if (atom) {
		feed_meta(&x, root, TRUE);
		for (const xmlNode *c = root->children; c && !too_many(&x); c = c->next)
			if (is_atom(&x, c, "entry"))
				atom_entry(&x, c);
	} else if (strcmp(name, "rss") == 0) {
		const xmlNode *channel = NULL;
		for (const xmlNode *c = root->children; c && !channel; c = c->next)
			if (is_core(&x, c, "channel"))
				channel = c;
		if (channel) {
			feed_meta(&x, channel, FALSE);
			for (const xmlNode *c = channel->children; c && !too_many(&x); c = c->next)
				if (is_core(&x, c, "item"))
					rss_item(&x, c);
		}
		/* RSS 0.91 userland variants put items beside the channel */
		for (const xmlNode *c = root->children; c && !too_many(&x); c = c->next)
			if (is_core(&x, c, "item"))
				rss_item(&x, c);
	} else {
		/* RDF: channel and items are siblings in the RSS 1.0 (or 0.90) namespace */
		x.core = NULL;
		for (const xmlNode *c = root->children; c; c = c->next)
			if (c->type == XML_ELEMENT_NODE &&
			    strcmp((const char *)c->name, "channel") == 0 && c->ns) {
				x.core = c->ns->href;
				feed_meta(&x, c, FALSE);
				break;
			}
		for (const xmlNode *c = root->children; c && !too_many(&x); c = c->next)
			if (is_core(&x, c, "item"))
				rss_item(&x, c);
	}
	if (x.over)
		add_problem(f, "entities or markup expand beyond %u nodes or %u MB; cut there",
		            FEED_NODE_BUDGET, FEED_FIELD_MAX >> 20);
	return f;
}

/* Whether the document stops before its root element closes: a download
 * cut off. Its last item may then be cut too. */
static gboolean cut_off(const char *data, gsize len, const char *root)
{
	gsize tail = MIN(len, 256);
	char *close = g_strdup_printf("</%s", root);
	gboolean found = g_strstr_len(data + len - tail, (gssize)tail, close) != NULL;
	if (!found) {
		/* a prefixed root: "</rdf:RDF>", "</a:feed>" */
		char *colon = g_strdup_printf(":%s>", root);
		found = g_strstr_len(data + len - tail, (gssize)tail, colon) != NULL;
		g_free(colon);
	}
	g_free(close);
	return !found;
}

static gboolean valid_utf8_prefix(const char *p, gsize len)
{
	const char *end;
	if (g_utf8_validate_len(p, len, &end))
		return TRUE;
	/* a multibyte character cut by the end of the file is not a wrong encoding */
	return len - (gsize)(end - p) < 4 &&
	       g_utf8_get_char_validated(end, len - (end - p)) == (gunichar)-2;
}

static Feed *parse_xml(const char *data, gsize len, GError **error)
{
	if (!lede_xml_load(error))
		return NULL;
	if (len > G_MAXINT) {
		g_set_error(error, LEDE_ERROR, LEDE_ERROR_INVALID, "too large for the XML parser");
		return NULL;
	}
	const char *end = data + len;
	/* blank lines before the declaration: common, and harmless once skipped */
	const char *p = data;
	gboolean bom = len >= 3 && memcmp(p, "\xEF\xBB\xBF", 3) == 0;
	const char *q = skip_space_bom(p, end);
	if (end - q >= 5 && memcmp(q, "<?xml", 5) == 0 && !bom)
		p = q;
	gsize n = (gsize)(end - p);
	char *declared = declared_encoding(bom ? p + 3 : p, end);
	gboolean utf16 =
	    n >= 2 && ((guchar)p[0] == 0xFE || (guchar)p[0] == 0xFF || p[0] == 0 || p[1] == 0);
	/* Bytes that are not UTF-8 where the document says (or, saying nothing,
	 * means) UTF-8: feeds written in windows-1252 and labelled wrong, or
	 * UTF-8 with a few stray bytes. Each such byte is read as windows-1252
	 * (a superset of Latin-1), as other readers do; valid UTF-8 stays. */
	const char *encoding = NULL;
	char *problem = NULL, *repaired = NULL;
	if (!utf16 && (!declared || is_utf8_name(declared)) && !valid_utf8_prefix(p, n)) {
		repaired = lede_utf8_repair(p, n, &n);
		p = repaired;
		problem = g_strdup_printf("%s, but bytes are not UTF-8; those read as windows-1252",
		                          declared ? "declared UTF-8" : "no encoding declared");
	}
	if (bom)
		encoding = "UTF-8"; /* the byte order mark outranks the declaration */
	Parsed r;
	parse_once(p, n, encoding, FALSE, &r);
	if (!r.well_formed && declared && !repaired && r.message && strstr(r.message, "ncoding")) {
		/* a name the parser does not know ("invalid", "utf8mb4") */
		parsed_clear(&r);
		repaired = valid_utf8_prefix(p, n) ? g_strndup(p, n) : lede_utf8_repair(p, n, &n);
		p = repaired;
		encoding = "UTF-8";
		/* libxml2 2.9 fails on the name even with an encoding given: out it goes */
		char *e = g_strstr_len(repaired, MIN((gssize)n, 512), "encoding");
		char *q1 = e ? strpbrk(e, "\"'") : NULL;
		char *q2 = q1 ? strchr(q1 + 1, *q1) : NULL;
		char *decl_end = g_strstr_len(repaired, MIN((gssize)n, 512), "?>");
		if (q2 && decl_end && q2 < decl_end)
			memset(e, ' ', (gsize)(q2 + 1 - e));
		problem = g_strdup_printf("unknown encoding '%s'; read as UTF-8", declared);
		parse_once(p, n, encoding, FALSE, &r);
	}
	char *fixed = NULL;
	gsize fixed_len = n;
	if (!r.well_formed && !utf16) {
		/* An internal DTD whose entities the parser refused (a loop, an
		 * expansion bomb): read without it, its references as text, as
		 * feedparser does. */
		gboolean drop_dtd = r.message && (strstr(r.message, "entity reference loop") ||
		                                  strstr(r.message, "mplification"));
		GHashTable *defined =
		    drop_dtd ? g_hash_table_new(g_str_hash, g_str_equal) : declared_entities(p, n);
		fixed = fix_markup(p, n, defined, &fixed_len);
		g_hash_table_destroy(defined);
		char *refused = g_strdup(r.message);
		if (drop_dtd) {
			drop_internal_dtd(fixed, &fixed_len);
			char *msg =
			    g_strdup_printf("entities refused (%s); the internal DTD ignored, "
			                    "its references kept as text",
			                    refused);
			char *old = problem;
			problem = old ? g_strconcat(old, "; ", msg, NULL) : g_strdup(msg);
			g_free(old);
			g_free(msg);
		}
		g_free(refused);
		parsed_clear(&r);
		parse_once(fixed, fixed_len, encoding, FALSE, &r);
	}
	gboolean recovered = FALSE;
	char *why = NULL;
	if (!r.well_formed) {
		why = r.line ? g_strdup_printf("not well-formed XML (line %d: %s)", r.line,
		                               r.message ? r.message : "?")
		             : g_strdup_printf("not well-formed XML (%s)",
		                               r.message ? r.message : "?");
		parsed_clear(&r);
		parse_once(fixed ? fixed : p, fixed_len, encoding, TRUE, &r);
		recovered = TRUE;
	}
	Feed *f = NULL;
	if (!r.doc || !xmlDocGetRootElement(r.doc)) {
		g_set_error(error, LEDE_ERROR, LEDE_ERROR_INVALID, "%s",
		            why ? why : "not XML (no root element)");
	} else if ((f = read_tree(r.doc, error))) {
		if (recovered) {
			const char *root = strcmp(f->format, "atom") == 0  ? "feed"
			                   : strcmp(f->format, "rdf") == 0 ? "RDF"
			                                                   : "rss";
			const char *src = fixed ? fixed : p;
			if (f->items->len && cut_off(src, fixed_len, root))
				((FeedItem *)f->items->pdata[f->items->len - 1])->partial = TRUE;
			char *msg = g_strdup_printf(
			    "%s; read %u items from what could be recovered", why, f->items->len);
			char *old = f->problem;
			f->problem = old ? g_strconcat(msg, "; ", old, NULL) : g_strdup(msg);
			g_free(old);
			g_free(msg);
		}
		if (problem) {
			char *old = f->problem;
			f->problem =
			    old ? g_strconcat(problem, "; ", old, NULL) : g_strdup(problem);
			g_free(old);
		}
	}
	g_free(why);
	g_free(problem);
	g_free(fixed);
	g_free(repaired);
	g_free(declared);
	parsed_clear(&r);
	return f;
}

#else

static Feed *parse_xml(const char *data, gsize len, GError **error)
{
	(void)data;
	(void)len;
	g_set_error(error, LEDE_ERROR, LEDE_ERROR_IO,
	            "XML feeds need lede built with HTML support (libxml2)");
	return NULL;
}

#endif

Feed *feed_parse(const char *data, gsize len, GError **error)
{
	const char *end = data + len;
	const char *p = skip_space_bom(data, end);
	if (p < end && (*p == '{' || *p == '['))
		return parse_json(p, (gsize)(end - p), error);
	return parse_xml(data, len, error);
}
