/* lede digest: which files are articles, what a record holds, what a date is. */
#include "digest.h"

#include <errno.h>
#include <glib/gstdio.h>
#include <stdint.h>
#include <sys/stat.h>

void story_free(Story *s)
{
	if (!s)
		return;
	g_free(s->path);
	g_free(s->key);
	g_free(s->name);
	g_free(s->url);
	g_free(s->title);
	g_free(s->text);
	g_free(s->hash);
	g_free(s->error);
	g_free(s->kicker);
	g_free(s->headline);
	if (s->summary)
		g_ptr_array_free(s->summary, TRUE);
	g_free(s->shingles);
	g_free(s);
}

/* ---- dates ------------------------------------------------------------------ */

static const char *const months[] = {"jan", "feb", "mar", "apr", "may", "jun",
                                     "jul", "aug", "sep", "oct", "nov", "dec"};

/* Real zones run from -12:00 to +14:00; GLib takes "+24", "+2359" and, in
 * RFC 2822 dates, "+9999" (a day and more off), so a typo became a date. */
#define ZONE_MAX_MINUTES (14 * 60)

/* Whether the digits of an offset ("hh", "hhmm" or "hh:mm", after the
 * sign) are a real zone's. */
static gboolean zone_offset_ok(const char *z)
{
	gsize n = strlen(z);
	for (gsize i = 0; i < n; i++)
		if (!g_ascii_isdigit(z[i]) && !(i == 2 && z[i] == ':' && n == 5))
			return FALSE;
	if (n != 2 && n != 4 && n != 5)
		return FALSE;
	int hh = (z[0] - '0') * 10 + z[1] - '0';
	int mm = n == 2 ? 0 : (z[n - 2] - '0') * 10 + z[n - 1] - '0';
	return mm < 60 && hh * 60 + mm <= ZONE_MAX_MINUTES;
}

static gboolean parse_rfc2822(const char *s, gint64 *out)
{
	/* [Day,] DD Mon YYYY HH:MM[:SS] [+hhmm|-hhmm|GMT|UT|UTC|Z] */
	const char *comma = strchr(s, ',');
	if (comma)
		s = comma + 1;
	int day, year, hh = 0, mm = 0, ss = 0, used = 0;
	char mon[4] = {0}, zone[8] = {0};
	if (sscanf(s, " %2d %3s %4d %n", &day, mon, &year, &used) != 3)
		return FALSE;
	const char *rest = s + used;
	int n = 0;
	if (*rest && sscanf(rest, "%2d:%2d%n", &hh, &mm, &n) == 2) {
		rest += n;
		if (*rest == ':' && sscanf(rest, ":%2d%n", &ss, &n) == 1)
			rest += n;
		if (sscanf(rest, " %7s", zone) != 1)
			zone[0] = 0;
	}
	int m = -1;
	for (int i = 0; i < 12; i++)
		if (g_ascii_strcasecmp(mon, months[i]) == 0)
			m = i + 1;
	if (m < 0)
		return FALSE;
	GTimeZone *tz;
	if (!zone[0])
		tz = g_time_zone_new_local();
	else if (g_ascii_strcasecmp(zone, "GMT") == 0 || g_ascii_strcasecmp(zone, "UT") == 0 ||
	         g_ascii_strcasecmp(zone, "UTC") == 0 || strcmp(zone, "Z") == 0)
		tz = g_time_zone_new_utc();
	else if ((zone[0] == '+' || zone[0] == '-') && strlen(zone) == 5 &&
	         g_ascii_isdigit(zone[1]) && g_ascii_isdigit(zone[2]) && g_ascii_isdigit(zone[3]) &&
	         g_ascii_isdigit(zone[4])) {
		if (!zone_offset_ok(zone + 1))
			return FALSE;
		gint32 off = ((zone[1] - '0') * 10 + zone[2] - '0') * 3600 +
		             ((zone[3] - '0') * 10 + zone[4] - '0') * 60;
		tz = g_time_zone_new_offset(zone[0] == '-' ? -off : off);
	} else
		return FALSE;
	if (!tz)
		return FALSE;
	GDateTime *dt = g_date_time_new(tz, year, m, day, hh, mm, ss);
	g_time_zone_unref(tz);
	if (!dt)
		return FALSE;
	*out = g_date_time_to_unix(dt);
	g_date_time_unref(dt);
	return TRUE;
}

gboolean digest_parse_date(const char *s, gint64 *out)
{
	while (g_ascii_isspace(*s))
		s++;
	char *t = g_strchomp(g_strdup(s));
	gsize n = strlen(t);
	gboolean ok = FALSE;
	if (n >= 10 && g_ascii_isdigit(t[0]) && t[4] == '-' && t[7] == '-') {
		if (n == 10) {
			char *full = g_strconcat(t, "T00:00:00", NULL);
			g_free(t);
			t = full;
		} else if (t[10] == ' ') {
			t[10] = 'T';
		}
		if (strlen(t) >= 16 && t[13] == ':' && t[16] != ':') {
			/* "2025-03-01T07:00Z" has no seconds, which GLib wants */
			char *more = g_strdup_printf("%.16s:00%s", t, t + 16);
			g_free(t);
			t = more;
		}
		/* the zone, if any, is the last sign after the date's own dashes */
		const char *sign = NULL;
		for (const char *p = t + 10; *p; p++)
			if (*p == '+' || *p == '-')
				sign = p;
		if (sign && !zone_offset_ok(sign + 1)) {
			g_free(t);
			return FALSE;
		}
		GTimeZone *local = g_time_zone_new_local();
		GDateTime *dt = g_date_time_new_from_iso8601(t, local);
		g_time_zone_unref(local);
		if (dt) {
			*out = g_date_time_to_unix(dt);
			g_date_time_unref(dt);
			ok = TRUE;
		}
	} else if (n) {
		ok = parse_rfc2822(t, out);
	}
	g_free(t);
	return ok;
}

gboolean digest_parse_duration(const char *s, gint64 *out)
{
	gsize n = strlen(s);
	if (n < 2)
		return FALSE;
	gint64 unit;
	switch (s[n - 1]) {
	case 'm':
		unit = 60;
		break;
	case 'h':
		unit = 3600;
		break;
	case 'd':
		unit = 86400;
		break;
	case 'w':
		unit = 7 * 86400;
		break;
	default:
		return FALSE;
	}
	char *num = g_strndup(s, n - 1);
	guint64 v;
	gboolean ok =
	    g_ascii_string_to_unsigned(num, 10, 1, (guint64)(DIGEST_AGE_MAX / unit), &v, NULL);
	g_free(num);
	if (ok)
		*out = (gint64)v * unit;
	return ok;
}

/* ---- files and directories ------------------------------------------------- */

static const char *const default_include[] = {"*.txt",  "*.text", "*.md",    "*.markdown",
                                              "*.html", "*.htm",  "*.jsonl", NULL};

static InputKind kind_of(const char *path)
{
	const char *dot = strrchr(path, '.');
	if (dot && (g_ascii_strcasecmp(dot, ".html") == 0 || g_ascii_strcasecmp(dot, ".htm") == 0))
		return KIND_HTML;
	if (dot &&
	    (g_ascii_strcasecmp(dot, ".md") == 0 || g_ascii_strcasecmp(dot, ".markdown") == 0))
		return KIND_MARKDOWN;
	return KIND_TEXT;
}

static gboolean is_jsonl(const char *path)
{
	return g_str_has_suffix(path, ".jsonl");
}

static gboolean glob_hit(char **globs, const char *base, const char *rel)
{
	for (char **g = globs; g && *g; g++)
		if (g_pattern_match_simple(*g, strchr(*g, '/') ? rel : base))
			return TRUE;
	return FALSE;
}

static gboolean wanted(Collect *c, const char *base, const char *rel)
{
	char **inc = c->include && c->include[0] ? c->include : (char **)default_include;
	return glob_hit(inc, base, rel) && !glob_hit(c->exclude, base, rel);
}

static void add_jsonl_file(Collect *c, const char *path, const char *canon, gint64 mtime)
{
	char *data;
	gsize len;
	GError *error = NULL;
	if (!cli_read_file(path, &data, &len, &error)) {
		cli_error("%s: %s", path, error->message);
		g_error_free(error);
		c->status = LEDE_EXIT_FAILURE;
		return;
	}
	digest_collect_jsonl(c, canon, data, len, mtime);
	g_free(data);
}

static char *file_id(const GStatBuf *st)
{
	return g_strdup_printf("%ju:%ju", (uintmax_t)st->st_dev, (uintmax_t)st->st_ino);
}

/* Whether the file is one of our own (output, state, lock), by path or,
 * when reached through a link, by device and inode. */
static gboolean is_skipped(Collect *c, const char *canon, const GStatBuf *st)
{
	if (g_hash_table_contains(c->skip_paths, canon))
		return TRUE;
	if (!c->skip_files) {
		c->skip_files = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
		GHashTableIter it;
		gpointer key;
		g_hash_table_iter_init(&it, c->skip_paths);
		while (g_hash_table_iter_next(&it, &key, NULL)) {
			GStatBuf own;
			if (g_stat(key, &own) == 0)
				g_hash_table_add(c->skip_files, file_id(&own));
		}
	}
	char *id = file_id(st);
	gboolean hit = g_hash_table_contains(c->skip_files, id);
	g_free(id);
	return hit;
}

static void add_file(Collect *c, const char *path, const GStatBuf *st)
{
	char *canon = g_canonicalize_filename(path, NULL);
	if (is_skipped(c, canon, st)) {
		g_free(canon);
		return;
	}
	gint64 mtime = (gint64)st->st_mtime;
	if (is_jsonl(path)) {
		add_jsonl_file(c, path, canon, mtime);
		g_free(canon);
		return;
	}
	if (mtime < c->since) {
		g_free(canon);
		return;
	}
	char *key = g_strconcat("file:", canon, NULL);
	g_free(canon);
	if (!g_hash_table_add(c->keys, key))
		return;
	Story *s = g_new0(Story, 1);
	s->kind = kind_of(path);
	s->path = g_strdup(path);
	s->key = g_strdup(key);
	s->name = g_filename_display_name(path);
	s->date = mtime;
	s->order = c->stories->len;
	g_ptr_array_add(c->stories, s);
}

static int cmp_names(gconstpointer a, gconstpointer b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static void walk(Collect *c, const char *dir, const char *rel, guint depth)
{
	GError *error = NULL;
	GDir *d = g_dir_open(dir, 0, &error);
	if (!d) {
		cli_error("%s: %s", dir, error->message);
		g_error_free(error);
		c->status = LEDE_EXIT_FAILURE;
		return;
	}
	GPtrArray *names = g_ptr_array_new_with_free_func(g_free);
	const char *name;
	while ((name = g_dir_read_name(d)))
		if (name[0] != '.') /* hidden files, editors' swap files, our own temporaries */
			g_ptr_array_add(names, g_strdup(name));
	g_dir_close(d);
	g_ptr_array_sort(names, cmp_names);
	for (guint i = 0; i < names->len; i++) {
		name = names->pdata[i];
		char *path = g_build_filename(dir, name, NULL);
		char *sub = *rel ? g_build_filename(rel, name, NULL) : g_strdup(name);
		GStatBuf st;
		/* lstat: a symbolic link to a directory could loop; links to files are fine */
		if (g_lstat(path, &st) != 0) {
			cli_error("%s: %s", path, g_strerror(errno));
			c->status = LEDE_EXIT_FAILURE;
		} else if (S_ISDIR(st.st_mode)) {
			if (depth < 64)
				walk(c, path, sub, depth + 1);
		} else if (wanted(c, name, sub)) {
			if (S_ISLNK(st.st_mode) && g_stat(path, &st) != 0) {
				cli_error("%s: %s", path, g_strerror(errno));
				c->status = LEDE_EXIT_FAILURE;
			} else if (S_ISREG(st.st_mode)) {
				add_file(c, path, &st);
			}
		}
		g_free(sub);
		g_free(path);
	}
	g_ptr_array_free(names, TRUE);
}

void digest_collect_path(Collect *c, const char *path)
{
	GStatBuf st;
	if (g_stat(path, &st) != 0) {
		cli_error("%s: %s", path, g_strerror(errno));
		c->status = LEDE_EXIT_FAILURE;
		return;
	}
	if (S_ISDIR(st.st_mode))
		walk(c, path, "", 0);
	else /* named on the command line: taken whatever its name */
		add_file(c, path, &st);
}

/* ---- JSON Lines records ------------------------------------------------------ */

typedef struct {
	Collect *c;
	const char *source; /* canonical path, or "-" */
	const char *shown;  /* for messages */
	gint64 default_date;
} JsonlCtx;

static const char *string_item(cJSON *obj, const char *key)
{
	cJSON *it = cJSON_GetObjectItemCaseSensitive(obj, key);
	return cJSON_IsString(it) && it->valuestring[0] ? it->valuestring : NULL;
}

/* The identity of a record: its URL wherever the record came from; its id
 * within its file; else its content within its file (a line number would
 * change whenever a record is put before it, and every later record would
 * come out as new). */
static char *record_key(const JsonlCtx *x, const CliJsonlRecord *rec, const char *url,
                        const char *title, const char *text)
{
	if (url)
		return g_strconcat("url:", url, NULL);
	if (rec->id) {
		char *id = cli_id_key(rec->id);
		char *key = g_strdup_printf("id:%s#%s", x->source, id);
		g_free(id);
		return key;
	}
	GChecksum *ck = g_checksum_new(G_CHECKSUM_SHA256);
	if (title) {
		g_checksum_update(ck, (const guchar *)title, (gssize)strlen(title));
		g_checksum_update(ck, (const guchar *)"\n\n", 2);
	}
	g_checksum_update(ck, (const guchar *)text, (gssize)strlen(text));
	char *key = g_strdup_printf("sha256:%s#%s", x->source, g_checksum_get_string(ck));
	g_checksum_free(ck);
	return key;
}

static gboolean on_record(const CliJsonlRecord *rec, void *user)
{
	JsonlCtx *x = user;
	Collect *c = x->c;
	cJSON *obj = rec->obj;
	guint lineno = rec->lineno;
	if (!obj) {
		cli_error("%s:%u: %s", x->shown, lineno, rec->error);
		c->status = LEDE_EXIT_FAILURE;
		return TRUE;
	}
	cJSON *text = cJSON_GetObjectItemCaseSensitive(obj, "text");
	if (!cJSON_IsString(text)) {
		cli_error("%s:%u: %s", x->shown, lineno,
		          text ? "\"text\" is not a string" : "no \"text\" key");
		c->status = LEDE_EXIT_FAILURE;
		return TRUE;
	}
	gint64 date = x->default_date;
	const char *ds = string_item(obj, "date");
	if (ds && !digest_parse_date(ds, &date)) {
		cli_error("%s:%u: warning: unknown date format '%s', using the file's time",
		          x->shown, lineno, ds);
		date = x->default_date;
	}
	if (date < c->since)
		return TRUE;
	const char *url = string_item(obj, "url");
	const char *title = string_item(obj, "title");
	char *key = record_key(x, rec, url, title, text->valuestring);
	if (!g_hash_table_add(c->keys, key))
		return TRUE;
	Story *s = g_new0(Story, 1);
	s->kind = KIND_RECORD;
	s->key = g_strdup(key);
	if (url && (g_str_has_prefix(url, "http://") || g_str_has_prefix(url, "https://")))
		s->url = g_strdup(url);
	s->name = url ? g_strdup(url) : g_strdup_printf("%s:%u", x->shown, lineno);
	s->title = g_strdup(title);
	if (rec->text_nul) {
		/* cJSON's string ends at the NUL */
		s->text = g_strdup("");
		s->error = g_strdup("binary text (contains NUL)");
	} else {
		s->text = g_strdup(text->valuestring);
	}
	s->text_len = strlen(s->text);
	s->date = date;
	s->order = c->stories->len;
	g_ptr_array_add(c->stories, s);
	return TRUE;
}

void digest_collect_jsonl(Collect *c, const char *source, const char *data, gsize len,
                          gint64 default_date)
{
	JsonlCtx x = {c, source, strcmp(source, "-") == 0 ? "(stdin)" : source, default_date};
	cli_jsonl_foreach(data, len, on_record, &x);
}

/* ---- file contents to text --------------------------------------------------- */

static const struct {
	const char *name;
	const char *utf8;
} entities[] = {
    {"amp", "&"},         {"lt", "<"},         {"gt", ">"},         {"quot", "\""},
    {"apos", "'"},        {"nbsp", " "},       {"mdash", "\u2014"}, {"ndash", "\u2013"},
    {"hellip", "\u2026"}, {"lsquo", "\u2018"}, {"rsquo", "\u2019"}, {"ldquo", "\u201c"},
    {"rdquo", "\u201d"},  {"copy", "\u00a9"},
};

/* Decodes the entity at p ('&'); returns its length, 0 when it is not one. */
static gsize decode_entity(const char *p, const char *end, GString *out)
{
	const char *semi = memchr(p, ';', (gsize)MIN(end - p, 12));
	if (!semi)
		return 0;
	if (p[1] == '#') {
		gboolean hex = p[2] == 'x' || p[2] == 'X';
		char *num = g_strndup(p + 2 + hex, (gsize)(semi - p - 2 - hex));
		guint64 v;
		gboolean ok = g_ascii_string_to_unsigned(num, hex ? 16 : 10, 1, 0x10FFFF, &v, NULL);
		g_free(num);
		if (!ok || !g_unichar_validate((gunichar)v))
			return 0;
		g_string_append_unichar(out,
		                        v < 0x20 && v != '\t' && v != '\n' ? ' ' : (gunichar)v);
		return (gsize)(semi - p + 1);
	}
	for (gsize i = 0; i < G_N_ELEMENTS(entities); i++)
		if ((gsize)(semi - p - 1) == strlen(entities[i].name) &&
		    memcmp(p + 1, entities[i].name, (gsize)(semi - p - 1)) == 0) {
			g_string_append(out, entities[i].utf8);
			return (gsize)(semi - p + 1);
		}
	return 0;
}

static gboolean tag_is(const char *name, gsize n, const char *const *set)
{
	for (; *set; set++)
		if (strlen(*set) == n && g_ascii_strncasecmp(name, *set, n) == 0)
			return TRUE;
	return FALSE;
}

static const char *find_ci(const char *p, const char *end, const char *needle)
{
	gsize n = strlen(needle);
	for (; p + n <= end; p++)
		if (g_ascii_strncasecmp(p, needle, n) == 0)
			return p;
	return NULL;
}

/* Enough HTML for saved articles: text between tags, block elements as
 * paragraph breaks, the <title> (or first <h1>) as the title. */
static char *html_to_text(const char *p, gsize len, char **title)
{
	static const char *const skip[] = {"script", "style", "noscript", "template", "svg", NULL};
	static const char *const block[] = {
	    "p",      "br",     "div",        "h1",         "h2", "h3",      "h4",
	    "h5",     "h6",     "li",         "tr",         "hr", "section", "article",
	    "header", "footer", "blockquote", "pre",        "ul", "ol",      "table",
	    "main",   "aside",  "figure",     "figcaption", "dd", "dt",      NULL};
	const char *end = p + len;
	GString *out = g_string_sized_new(len / 2);
	GString *capture = NULL; /* inside <title> or the first <h1> */
	gboolean have_title = FALSE, pending_break = FALSE, pending_space = FALSE;
	while (p < end) {
		if (*p == '<') {
			if (end - p >= 4 && memcmp(p, "<!--", 4) == 0) {
				const char *e = find_ci(p + 4, end, "-->");
				p = e ? e + 3 : end;
				continue;
			}
			const char *q = p + 1;
			gboolean closing = q < end && *q == '/';
			if (closing)
				q++;
			const char *nm = q;
			while (q < end && (g_ascii_isalnum(*q) || *q == '-'))
				q++;
			gsize nlen = (gsize)(q - nm);
			const char *gt = q < end ? memchr(q, '>', (gsize)(end - q)) : NULL;
			if (nlen == 0 && !closing && (q >= end || *q != '!')) {
				/* a lone '<' in text */
				g_string_append_c(capture ? capture : out, '<');
				p++;
				continue;
			}
			p = gt ? gt + 1 : end;
			if (!closing && tag_is(nm, nlen, skip)) {
				char *close = g_strdup_printf("</%.*s", (int)nlen, nm);
				const char *e = find_ci(p, end, close);
				g_free(close);
				const char *e2 = e ? memchr(e, '>', (gsize)(end - e)) : NULL;
				p = e2 ? e2 + 1 : end;
				continue;
			}
			gboolean is_title = nlen == 5 && g_ascii_strncasecmp(nm, "title", 5) == 0;
			gboolean is_h1 = nlen == 2 && g_ascii_strncasecmp(nm, "h1", 2) == 0;
			if ((is_title || is_h1) && !closing && !have_title && !capture) {
				capture = g_string_new(NULL);
			} else if ((is_title || is_h1) && closing && capture) {
				char *t = g_strstrip(g_string_free(capture, FALSE));
				capture = NULL;
				if (*t) {
					*title = g_strdup(t);
					have_title = TRUE;
				}
				g_free(t);
				if (is_h1) /* the heading is the title, not the text */
					pending_break = TRUE;
				continue;
			}
			if (tag_is(nm, nlen, block))
				pending_break = TRUE;
			continue;
		}
		if (capture) {
			if (*p == '&') {
				gsize n = decode_entity(p, end, capture);
				if (n) {
					p += n;
					continue;
				}
			}
			g_string_append_c(capture, g_ascii_isspace(*p) ? ' ' : *p);
			p++;
			continue;
		}
		if (g_ascii_isspace(*p)) {
			pending_space = TRUE;
			p++;
			continue;
		}
		if (pending_break && out->len)
			g_string_append(out, "\n\n");
		else if (pending_space && out->len)
			g_string_append_c(out, ' ');
		pending_break = pending_space = FALSE;
		if (*p == '&') {
			gsize n = decode_entity(p, end, out);
			if (n) {
				p += n;
				continue;
			}
		}
		g_string_append_c(out, *p++);
	}
	if (capture)
		g_string_free(capture, TRUE);
	return g_string_free(out, FALSE);
}

/* A Markdown article's first "# Heading" is its title. */
static char *markdown_title(char *data, gsize *len, char **title)
{
	char *p = data;
	while (*p == '\n' || *p == '\r' || *p == ' ' || *p == '\t')
		p++;
	if (p[0] != '#' || p[1] != ' ')
		return data;
	char *nl = strchr(p, '\n');
	char *t = g_strndup(p + 2, nl ? (gsize)(nl - p - 2) : strlen(p + 2));
	g_strstrip(t);
	while (*t && t[strlen(t) - 1] == '#') /* closing hashes */
		t[strlen(t) - 1] = 0;
	g_strstrip(t);
	if (*t)
		*title = t;
	else
		g_free(t);
	gsize off = nl ? (gsize)(nl + 1 - data) : *len;
	memmove(data, data + off, *len - off + 1);
	*len -= off;
	return data;
}

char *digest_file_to_text(Story *s, char *data, gsize *len)
{
	char *title = NULL;
	if (s->kind == KIND_HTML) {
		char *t = html_to_text(data, *len, &title);
		g_free(data);
		data = t;
		*len = strlen(t);
	} else if (s->kind == KIND_MARKDOWN) {
		data = markdown_title(data, len, &title);
	}
	if (title && !s->title)
		s->title = title;
	else
		g_free(title);
	return data;
}
