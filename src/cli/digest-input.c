/* lede digest: which files are articles, what a record holds, what a date is. */
#include "digest.h"
#include "feed.h"
#include "lede-private.h" /* lede_html_to_text */
#include "title.h"        /* lede_title_strip_site */

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
	g_free(s->where);
	g_free(s->url);
	g_free(s->author);
	g_free(s->title);
	g_free(s->text);
	g_free(s->hash);
	g_free(s->error);
	g_free(s->kicker);
	g_free(s->headline);
	g_free(s->as_is);
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
	int day, year, hh = 0, mm = 0, ss = 0, used = 0, y0 = 0, y1 = 0;
	char mon[4] = {0}, zone[8] = {0};
	if (sscanf(s, " %2d %3s %n%4d%n %n", &day, mon, &y0, &year, &y1, &used) != 3)
		return FALSE;
	/* RFC 2822 4.3: a two-digit year 00-49 is 20xx, 50-99 19xx, and a
	 * three-digit year is 1900 + it (feeds still write "01 Mar 25"). */
	if (year >= 0 && y1 - y0 == 2)
		year += year < 50 ? 2000 : 1900;
	else if (year >= 0 && y1 - y0 == 3)
		year += 1900;
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

static const char *const default_include[] = {"*.txt", "*.text",  "*.md",  "*.markdown", "*.html",
                                              "*.htm", "*.jsonl", "*.xml", "*.rss",      "*.atom",
                                              "*.rdf", "*.json",  NULL};

/* Names that may hold a feed: read and sniffed when collected. One that
 * holds no feed is skipped in a walk (a package.json is no article). */
static gboolean feed_name(const char *path)
{
	static const char *const ext[] = {".xml", ".rss", ".atom", ".rdf", ".json"};
	for (gsize i = 0; i < G_N_ELEMENTS(ext); i++)
		if (g_str_has_suffix(path, ext[i]))
			return TRUE;
	return FALSE;
}

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

/* ---- feeds ------------------------------------------------------------------ */

/* An item's identity within its feed: its id (guid, Atom id), else its
 * link, else a hash of its title and date. */
static char *item_key(const char *source, const FeedItem *it)
{
	if (it->id)
		return g_strdup_printf("item:%s#id:%s", source, it->id);
	if (it->link)
		return g_strdup_printf("item:%s#link:%s", source, it->link);
	GChecksum *ck = g_checksum_new(G_CHECKSUM_SHA256);
	if (it->title)
		g_checksum_update(ck, (const guchar *)it->title, (gssize)strlen(it->title));
	char *date =
	    it->has_date ? g_strdup_printf("\n%" G_GINT64_FORMAT, it->date) : g_strdup("\n");
	g_checksum_update(ck, (const guchar *)date, (gssize)strlen(date));
	g_free(date);
	char *key = g_strdup_printf("item:%s#sha256:%s", source, g_checksum_get_string(ck));
	g_checksum_free(ck);
	return key;
}

void digest_collect_feed(Collect *c, const char *source, const char *shown, const char *data,
                         gsize len, gint64 file_date)
{
	GError *error = NULL;
	Feed *f = feed_parse(data, len, &error);
	if (!f) {
		cli_error("%s: %s", shown, error->message);
		g_error_free(error);
		c->status = LEDE_EXIT_FAILURE;
		return;
	}
	if (f->problem) {
		cli_error("%s: %s", shown, f->problem);
		c->status = LEDE_EXIT_FAILURE;
	}
	for (guint i = 0; i < f->items->len; i++) {
		FeedItem *it = f->items->pdata[i];
		/* a cut-off item comes whole next time; taken now, its key would
		 * keep the whole one out */
		if (it->partial)
			continue;
		gint64 date = it->has_date ? it->date : f->has_date ? f->date : file_date;
		if (date < c->since || date < DIGEST_TIME_MIN || date > DIGEST_TIME_MAX)
			continue;
		char *key = item_key(source, it);
		if (!g_hash_table_add(c->keys, key))
			continue; /* the same id twice in one feed: the first */
		Story *s = g_new0(Story, 1);
		s->kind = KIND_ITEM;
		s->key = g_strdup(key);
		s->name = g_strdup(f->title ? f->title : shown);
		s->where = g_strdup_printf("%s: item %u", shown, i + 1);
		if (it->link && (g_str_has_prefix(it->link, "http://") ||
		                 g_str_has_prefix(it->link, "https://")))
			s->url = g_strdup(it->link);
		s->title = g_strdup(it->title);
		s->author = g_strdup(it->author);
		s->text = g_strdup(it->content ? it->content : "");
		s->text_len = strlen(s->text);
		s->item_html = it->html;
		s->date = date;
		s->order = c->stories->len;
		g_ptr_array_add(c->stories, s);
	}
	feed_free(f);
}

static void add_feed_file(Collect *c, const char *path, const char *canon, gint64 mtime)
{
	char *data;
	gsize len;
	GError *error = NULL;
	char *shown = g_filename_display_name(path);
	if (!cli_read_file(path, &data, &len, &error)) {
		cli_error("%s: %s", shown, error->message);
		g_error_free(error);
		c->status = LEDE_EXIT_FAILURE;
	} else {
		digest_collect_feed(c, canon, shown, data, len, mtime);
		g_free(data);
	}
	g_free(shown);
}

/* Whether the file at path begins as a feed does (its first 64 kB); -1
 * after a message when it cannot be read. */
static int sniff_file(Collect *c, const char *path)
{
	FILE *f = fopen(path, "rb");
	if (!f) {
		cli_error("%s: %s", path, g_strerror(errno));
		c->status = LEDE_EXIT_FAILURE;
		return -1;
	}
	char *buf = g_malloc(65536);
	gsize n = fread(buf, 1, 65536, f);
	fclose(f);
	int hit = feed_sniff(buf, n);
	g_free(buf);
	return hit;
}

static void add_file(Collect *c, const char *path, const GStatBuf *st, gboolean named)
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
	if (feed_name(path) || named) {
		/* by content: a feed named .xml, .txt or nothing at all */
		int feed = sniff_file(c, path);
		if (feed == 1)
			add_feed_file(c, path, canon, mtime);
		if (feed != 0 || (feed_name(path) && !named)) {
			g_free(canon);
			return;
		}
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
				add_file(c, path, &st, FALSE);
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
		add_file(c, path, &st, TRUE);
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
static char *record_key(const JsonlCtx *x, const LedeJsonlRecord *rec, const char *url,
                        const char *title, const char *text)
{
	if (url)
		return g_strconcat("url:", url, NULL);
	if (rec->id) {
		char *id = lede_jsonl_id_key(rec->id);
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

/* The page's metadata where the story has none of its own: the title, an
 * http(s) URL, and the publication date before the file's time. */
static void take_meta(Story *s, const lede_article *a, gboolean date_given)
{
	const char *title = lede_article_title(a), *url = lede_article_url(a);
	const char *date = lede_article_date(a);
	if (title && !s->title)
		s->title = g_strdup(title);
	if (url && !s->url &&
	    (g_str_has_prefix(url, "http://") || g_str_has_prefix(url, "https://")))
		s->url = g_strdup(url);
	gint64 t;
	if (date && !date_given && digest_parse_date(date, &t))
		s->date = t;
}

/* The article of a page, or NULL with s->error set. */
static char *page_text(Story *s, const char *html, gsize len, gboolean date_given)
{
	GError *error = NULL;
	lede_article *a = lede_extract(html, len, NULL, &error);
	if (!a) {
		s->error = g_strdup(error->message);
		g_error_free(error);
		return NULL;
	}
	if (s->kind != KIND_ITEM) /* an item's title, link and date are the feed's */
		take_meta(s, a, date_given);
	char *text = g_strdup(lede_article_text(a));
	if (s->kind == KIND_ITEM && !*text) {
		/* A teaser ("<p>Fine.</p>") is too short for the extractor to call
		 * it an article; it is all the item says, so it is taken whole. */
		char *whole = lede_html_to_text(html, len, NULL, NULL);
		if (whole) {
			g_free(text);
			text = whole;
		}
	}
	lede_article_free(a);
	return text;
}

static gboolean on_record(const LedeJsonlRecord *rec, void *user)
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
	/* a web page may come instead of the text: "html" */
	cJSON *html = cJSON_GetObjectItemCaseSensitive(obj, "html");
	cJSON *text = html ? html : cJSON_GetObjectItemCaseSensitive(obj, "text");
	if (!cJSON_IsString(text)) {
		cli_error("%s:%u: %s", x->shown, lineno,
		          html   ? "\"html\" is not a string"
		          : text ? "\"text\" is not a string"
		                 : "no \"text\" key");
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
	if (html ? rec->html_nul : rec->text_nul) {
		/* cJSON's string ends at the NUL */
		s->text = g_strdup("");
		s->error = g_strdup("binary text (contains NUL)");
	} else if (html) {
		s->text = page_text(s, text->valuestring, strlen(text->valuestring), ds != NULL);
		if (!s->text)
			s->text = g_strdup("");
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
	lede_jsonl_foreach(data, len, on_record, &x);
}

/* ---- file contents to text --------------------------------------------------- */

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
	if (s->kind == KIND_ITEM && !s->item_html)
		return data;
	if (s->kind == KIND_HTML || s->kind == KIND_ITEM) {
		/* an item's date and title are the feed's, not its HTML's */
		char *t = page_text(s, data, *len, s->kind == KIND_ITEM);
		g_free(data);
		if (!t)
			return NULL;
		data = t;
		*len = strlen(t);
	} else if (s->kind == KIND_MARKDOWN) {
		data = markdown_title(data, len, &title);
	}
	if (title && !s->title) {
		/* "Council approves rebuild - Example News": the story's words only */
		s->title = lede_title_strip_site(title);
		g_free(title);
	} else {
		g_free(title);
	}
	return data;
}
