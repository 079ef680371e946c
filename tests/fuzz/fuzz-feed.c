/* A fuzz target over the feed reader (src/cli/feed.c): the first byte
 * picks what is read, the rest is the document or the string.
 *   0..3  feed_parse (and feed_sniff) on a feed: RSS, RDF, Atom, JSON Feed
 *   4     feed_parse_date
 *
 * What must hold for any input: a feed that reads has at most
 * FEED_MAX_ITEMS items; titles and authors are one line of valid UTF-8,
 * trimmed, without control characters; links carry no white space at
 * their ends; a partial item is only the last; an error has a reason; a
 * date parsed lies within years 1 to 9999 and parses back from ISO 8601
 * to the same time. */
#include "feed.h"
#include "fuzz.h"

#include <string.h>

static void check_line(const char *s, const char *what)
{
	if (!s)
		return;
	fuzz_check(*s && g_utf8_validate(s, -1, NULL), what);
	fuzz_check(!g_ascii_isspace(s[0]) && !g_ascii_isspace(s[strlen(s) - 1]), what);
	for (const char *p = s; *p; p = g_utf8_next_char(p)) {
		gunichar c = g_utf8_get_char(p);
		fuzz_check(!g_unichar_iscntrl(c) && c != '\n', what);
	}
}

static void check_feed(const char *data, gsize len)
{
	(void)feed_sniff(data, len);
	GError *error = NULL;
	Feed *f = feed_parse(data, len, &error);
	if (!f) {
		fuzz_check(error && error->message && *error->message, "an error without a reason");
		g_error_free(error);
		return;
	}
	fuzz_check(f->items->len <= FEED_MAX_ITEMS, "more items than the limit");
	check_line(f->title, "a feed title not one clean line");
	fuzz_check(!f->problem || g_utf8_validate(f->problem, -1, NULL), "a problem not UTF-8");
	for (guint i = 0; i < f->items->len; i++) {
		FeedItem *it = f->items->pdata[i];
		check_line(it->title, "an item title not one clean line");
		check_line(it->author, "an author not one clean line");
		if (it->link)
			fuzz_check(*it->link && !g_ascii_isspace(it->link[0]) &&
			               !g_ascii_isspace(it->link[strlen(it->link) - 1]),
			           "a link empty or not trimmed");
		if (it->id)
			fuzz_check(*it->id, "an empty id");
		fuzz_check(!it->partial || i + 1 == f->items->len, "a partial item not the last");
		if (it->has_date)
			fuzz_check(it->date >= G_GINT64_CONSTANT(-62135596800) &&
			               it->date <= G_GINT64_CONSTANT(253402300799),
			           "a date beyond years 1 to 9999");
	}
	feed_free(f);
}

static void check_date(const char *data, gsize len)
{
	char *s = g_strndup(data, len);
	gint64 t;
	if (feed_parse_date(s, &t)) {
		fuzz_check(t >= G_GINT64_CONSTANT(-62135596800) - 14 * 3600 &&
		               t <= G_GINT64_CONSTANT(253402300799) + 14 * 3600,
		           "a date beyond years 1 to 9999");
		GDateTime *dt = g_date_time_new_from_unix_utc(t);
		if (dt) {
			char *iso = g_date_time_format(dt, "%Y-%m-%dT%H:%M:%SZ");
			gint64 back;
			if (g_date_time_get_year(dt) >= 1000)
				fuzz_check(feed_parse_date(iso, &back) && back == t,
				           "a date that does not parse back from ISO 8601");
			g_free(iso);
			g_date_time_unref(dt);
		}
	}
	g_free(s);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 1)
		return 0;
	const char *rest = (const char *)data + 1;
	gsize len = size - 1;
	if (data[0] % 5 == 4)
		check_date(rest, len);
	else
		check_feed(rest, len);
	return 0;
}
