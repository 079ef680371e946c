/* A fuzz target over the digest's article readers (digest-input.c): the
 * first byte picks the reader, the rest is the file or the string.
 *   0 text, 1 Markdown, 2 HTML  digest_file_to_text (text and title)
 *   3 JSON Lines                digest_collect_jsonl (records, their dates)
 *   4 a date and a duration     digest_parse_date, digest_parse_duration
 *
 * What must hold for any input: text passes unchanged; Markdown gives a
 * tail of the file and a title on one line, trimmed; HTML without markup or
 * entities (valid UTF-8, without no-break spaces) gives some of its words, in
 * order (the extractor leaves labels and link lines out), and HTML the parser
 * refuses comes with a reason; every record read becomes a
 * story with its own key, its text's length and an http(s) URL or none, and
 * reading the same file again adds no story; a date parsed prints (ISO 8601)
 * as a date that parses back to the same time; a duration is whole minutes. */
#include "digest.h"
#include "fuzz.h"

static void check_title(const char *title)
{
	if (!title)
		return;
	fuzz_check(*title && !g_ascii_isspace(title[0]) &&
	               !g_ascii_isspace(title[strlen(title) - 1]),
	           "a title empty or not trimmed");
}

/* The input's words (runs of non-space bytes), one space apart. */
static char *words_of(const char *p, gsize len)
{
	GString *w = g_string_new(NULL);
	for (const char *end = p + len; p < end;) {
		if (g_ascii_isspace(*p)) {
			p++;
			continue;
		}
		if (w->len)
			g_string_append_c(w, ' ');
		while (p < end && !g_ascii_isspace(*p))
			g_string_append_c(w, *p++);
	}
	return g_string_free(w, FALSE);
}

/* HTML whose text is its words: no markup, no entities, valid UTF-8 (other
 * bytes are read as Latin-1 and come out converted), no control characters
 * but line ends and tabs, no byte order mark and no no-break spaces (the
 * walk drops the first two and folds the last as spaces). */
/* Whether the words of a (one space apart) are words of b, in b's order. */
static gboolean words_in_order(const char *a, const char *b)
{
	char **wa = g_strsplit(a, " ", -1), **wb = g_strsplit(b, " ", -1);
	guint j = 0;
	gboolean ok = TRUE;
	for (guint i = 0; wa[i] && ok; i++) {
		if (!*wa[i])
			continue;
		while (wb[j] && strcmp(wa[i], wb[j]) != 0)
			j++;
		ok = wb[j] != NULL;
		if (ok)
			j++;
	}
	g_strfreev(wa);
	g_strfreev(wb);
	return ok;
}

static gboolean plain_words(const char *in, gsize size)
{
	if (!g_utf8_validate(in, (gssize)size, NULL))
		return FALSE;
	for (const char *p = in; p < in + size; p = g_utf8_next_char(p)) {
		gunichar c = g_utf8_get_char(p);
		if (c == '<' || c == '&' || c == 0xA0 || c == 0xFEFF || c == 0x7F ||
		    (c >= 0x80 && c < 0xA0) || (c < 0x20 && c != '\t' && c != '\n' && c != '\r'))
			return FALSE;
	}
	return TRUE;
}

static void read_file(InputKind kind, const char *in, gsize size)
{
	Story s = {.kind = kind};
	gsize len = size;
	/* NUL-terminated, as cli_read_file reads files */
	char *data = g_malloc(size + 1);
	memcpy(data, in, size);
	data[size] = 0;
	char *text = digest_file_to_text(&s, data, &len);
	if (!text) {
		/* only HTML the parser refuses (nested too deep, bytes not in
		 * its character set), with the reason */
		fuzz_check(kind == KIND_HTML && s.error && *s.error, "no text and no reason");
		g_free(s.error);
		g_free(s.title);
		return;
	}
	fuzz_check(text[len] == 0, "a text not NUL-terminated at its length");
	if (kind == KIND_TEXT) {
		fuzz_check(len == size && memcmp(text, in, size) == 0 && !s.title,
		           "plain text was changed");
	} else if (kind == KIND_MARKDOWN) {
		fuzz_check(len <= size && memcmp(text, in + size - len, len) == 0,
		           "Markdown text is not the file's tail");
		fuzz_check(!s.title || !strchr(s.title, '\n'), "a Markdown title of two lines");
	} else if (plain_words(in, size)) {
		/* the extractor may leave lines out (labels, link lines), never
		 * make words up or reorder them */
		char *words = words_of(in, size), *got = words_of(text, len);
		fuzz_check(words_in_order(got, words), "HTML without markup gave other words");
		g_free(words);
		g_free(got);
	}
	check_title(s.title);
	g_free(s.title);
	g_free(text);
}

static void read_records(const char *in, gsize size)
{
	char *data = g_strndup(in, size); /* NUL-terminated, as cli_read_file reads */
	Collect c = {0};
	c.since = G_MININT64;
	c.stories = g_ptr_array_new_with_free_func((GDestroyNotify)story_free);
	c.keys = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
	c.skip_paths = g_hash_table_new(g_str_hash, g_str_equal);
	digest_collect_jsonl(&c, "/fuzz/feed.jsonl", data, size, 1000000000);
	guint lines = 1;
	for (gsize i = 0; i < size; i++)
		lines += in[i] == '\n';
	fuzz_check(c.stories->len <= lines, "more stories than lines");
	for (guint i = 0; i < c.stories->len; i++) {
		const Story *s = c.stories->pdata[i];
		fuzz_check(s->kind == KIND_RECORD && s->order == i, "a story out of order");
		fuzz_check(s->key && g_hash_table_contains(c.keys, s->key),
		           "a story without its key");
		fuzz_check(s->name && s->text && strlen(s->text) == s->text_len,
		           "a story without a name or its text's length");
		fuzz_check(!s->url || g_str_has_prefix(s->url, "http://") ||
		               g_str_has_prefix(s->url, "https://"),
		           "a URL that is not http(s)");
		fuzz_check(!s->title || *s->title, "an empty title kept");
	}
	guint n = c.stories->len;
	digest_collect_jsonl(&c, "/fuzz/feed.jsonl", data, size, 1000000000);
	fuzz_check(c.stories->len == n, "the same records read twice became new stories");
	g_ptr_array_free(c.stories, TRUE);
	g_hash_table_destroy(c.keys);
	g_hash_table_destroy(c.skip_paths);
	g_free(data);
}

static void read_date(const char *in, gsize size)
{
	char *s = g_strndup(in, size);
	gint64 t, back;
	if (digest_parse_date(s, &t)) {
		char *iso = digest_format_iso(t);
		/* "?": beyond what GLib's dates hold, as "0001-01-01 00:00+01:00" */
		fuzz_check(strcmp(iso, "?") == 0 || (digest_parse_date(iso, &back) && back == t),
		           "a date does not print as itself");
		g_free(iso);
		g_free(digest_format_date(t));
	}
	if (digest_parse_duration(s, &t))
		fuzz_check(t > 0 && t % 60 == 0, "a duration not in whole minutes");
	g_free(s);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size == 0)
		return 0;
	const char *in = (const char *)data + 1;
	gsize len = size - 1;
	switch (data[0] % 5) {
	case 0:
		read_file(KIND_TEXT, in, len);
		break;
	case 1:
		read_file(KIND_MARKDOWN, in, len);
		break;
	case 2:
		read_file(KIND_HTML, in, len);
		break;
	case 3:
		read_records(in, len);
		break;
	default:
		read_date(in, len);
		break;
	}
	return 0;
}
