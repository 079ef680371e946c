/* A web page's bytes to UTF-8, as browsers read them: a byte order mark
 * first, then bytes that are valid UTF-8 are UTF-8 (an ASCII page reads the
 * same in any set, and a UTF-8 page that declares another set was saved
 * by an editor that did not update its <meta>), then the set the page
 * declares (<meta charset>, http-equiv, the XML prolog) by its WHATWG label,
 * and windows-1252 when it declares none or one unknown. Never fails: bytes
 * not valid in the set become U+FFFD, so a page that declares one set and
 * is in another still gives its text. */
#include "lede-private.h"

#include "lede-config.h"

#if LEDE_HAVE_HTML

#include "html-private.h"

#include <errno.h>

/* How far the declaration is looked for (WHATWG's prescan reads 1024
 * bytes; pages with long <head>s of scripts put it later). */
enum { SNIFF_BYTES = 4096 };

/* WHATWG labels to iconv names, for the labels that differ or that the
 * issue names; others are given to iconv as they are. NULL: windows-1252,
 * which is decoded here (glibc's CP1252 refuses five bytes browsers map). */
static const struct {
	const char *label, *iconv;
} labels[] = {
    {"ascii", NULL},
    {"big5", "BIG5-HKSCS"},
    {"big5-hkscs", "BIG5-HKSCS"},
    {"cn-big5", "BIG5-HKSCS"},
    {"cp1252", NULL},
    {"csshiftjis", "CP932"},
    {"euc-kr", "CP949"},
    {"gb2312", "GB18030"},
    {"gb_2312-80", "GB18030"},
    {"gbk", "GB18030"},
    {"iso-8859-1", NULL},
    {"iso8859-1", NULL},
    {"iso_8859-1", NULL},
    {"koi8", "KOI8-R"},
    {"koi8r", "KOI8-R"},
    {"ks_c_5601-1987", "CP949"},
    {"l1", NULL},
    {"latin1", NULL},
    {"ms_kanji", "CP932"},
    {"shift-jis", "CP932"},
    {"shift_jis", "CP932"},
    {"sjis", "CP932"},
    {"us-ascii", NULL},
    {"windows-1252", NULL},
    {"windows-31j", "CP932"},
    {"x-gbk", "GB18030"},
    {"x-sjis", "CP932"},
};

/* windows-1252's 0x80..0x9F; the five it leaves undefined map to the C1
 * controls of the same value, as browsers do. */
static const guint16 cp1252_high[32] = {
    0x20AC, 0x81,   0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
    0x2039, 0x0152, 0x8D,   0x017D, 0x8F,   0x90,   0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
    0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x9D,   0x017E, 0x0178,
};

static char *from_cp1252(const char *s, gsize len, gsize *out_len)
{
	GString *out = g_string_sized_new(len + len / 8);
	for (gsize i = 0; i < len; i++) {
		guchar c = (guchar)s[i];
		if (c < 0x80)
			g_string_append_c(out, (char)c);
		else
			g_string_append_unichar(out, c < 0xA0 ? cp1252_high[c - 0x80] : c);
	}
	*out_len = out->len;
	return g_string_free(out, FALSE);
}

char *lede_utf8_repair(const char *s, gsize len, gsize *out_len)
{
	GString *out = g_string_sized_new(len + len / 8);
	const char *p = s, *end = s + len;
	while (p < end) {
		const char *bad;
		g_utf8_validate_len(p, (gsize)(end - p), &bad);
		g_string_append_len(out, p, bad - p);
		if (bad < end) {
			guchar c = (guchar)*bad;
			if (c < 0x80) /* a NUL, which GLib's check stops at */
				g_string_append_c(out, (char)c);
			else
				g_string_append_unichar(out, c < 0xA0 ? cp1252_high[c - 0x80] : c);
			bad++;
		}
		p = bad;
	}
	*out_len = out->len;
	return g_string_free(out, FALSE);
}

/* iconv with every byte it cannot read replaced by U+FFFD; NULL when iconv
 * does not know the set. */
static char *from_iconv(const char *s, gsize len, const char *set, gsize *out_len)
{
	GIConv cd = g_iconv_open("UTF-8", set);
	if (cd == (GIConv)-1)
		return NULL;
	GString *out = g_string_sized_new(len * 2 + 16);
	char buf[4096];
	char *in = (char *)s;
	gsize left = len;
	while (left) {
		char *o = buf;
		gsize room = sizeof buf;
		gsize r = g_iconv(cd, &in, &left, &o, &room);
		g_string_append_len(out, buf, o - buf);
		if (r == (gsize)-1 && errno != E2BIG) { /* EILSEQ, or EINVAL at the end */
			g_string_append(out, "\xEF\xBF\xBD");
			in++;
			left--;
			g_iconv(cd, NULL, NULL, NULL, NULL); /* out of a broken shift state */
		}
	}
	g_iconv_close(cd);
	*out_len = out->len;
	return g_string_free(out, FALSE);
}

/* The name after "charset" (or "encoding") at p, into name. */
static gboolean read_label(const char *p, const char *end, char *name, gsize size)
{
	while (p < end && (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r'))
		p++;
	if (p >= end || *p != '=')
		return FALSE;
	p++;
	while (p < end && (*p == ' ' || *p == '"' || *p == '\''))
		p++;
	gsize n = 0;
	while (p < end && n + 1 < size && (g_ascii_isalnum(*p) || strchr("-_.:", *p)))
		name[n++] = g_ascii_tolower(*p++);
	name[n] = '\0';
	return n > 0;
}

static const char *find_ci(const char *p, const char *end, const char *needle)
{
	gsize n = strlen(needle);
	for (; p + n <= end; p++)
		if (!g_ascii_strncasecmp(p, needle, n))
			return p;
	return NULL;
}

/* The set the page declares, lower case, into name; FALSE when none. */
static gboolean declared(const char *s, gsize len, char *name, gsize size)
{
	const char *end = s + MIN(len, SNIFF_BYTES);
	if (len >= 5 && !memcmp(s, "<?xml", 5)) {
		const char *close = find_ci(s, end, "?>");
		const char *enc = find_ci(s, close ? close : end, "encoding");
		if (enc && read_label(enc + 8, end, name, size))
			return TRUE;
	}
	for (const char *m = find_ci(s, end, "<meta"); m; m = find_ci(m + 5, end, "<meta")) {
		const char *close = memchr(m, '>', end - m);
		const char *stop = close ? close : end;
		const char *cs = find_ci(m, stop, "charset");
		if (cs && read_label(cs + 7, stop, name, size))
			return TRUE;
	}
	return FALSE;
}

static char *copy(const char *s, gsize len, gsize *out_len)
{
	*out_len = len;
	char *t = g_malloc(len + 1);
	memcpy(t, s, len);
	t[len] = '\0';
	return t;
}

char *lede_html_decode(const char *s, gsize len, gsize *out_len)
{
	char *t = NULL;
	if (len >= 3 && !memcmp(s, "\xEF\xBB\xBF", 3)) {
		s += 3, len -= 3;
		if (g_utf8_validate_len(s, len, NULL))
			return copy(s, len, out_len);
		t = from_iconv(s, len, "UTF-8", out_len); /* invalid bytes become U+FFFD */
	} else if (len >= 2 && (!memcmp(s, "\xFF\xFE", 2) || !memcmp(s, "\xFE\xFF", 2))) {
		t = from_iconv(s + 2, len - 2, s[0] == '\xFF' ? "UTF-16LE" : "UTF-16BE", out_len);
	}
	if (t)
		return t;
	if (g_utf8_validate_len(s, len, NULL))
		return copy(s, len, out_len);
	char name[64];
	if (declared(s, len, name, sizeof name) && strcmp(name, "utf-8") && strcmp(name, "utf8")) {
		const char *set = name;
		for (gsize k = 0; k < G_N_ELEMENTS(labels); k++)
			if (!strcmp(labels[k].label, name)) {
				set = labels[k].iconv;
				break;
			}
		t = set ? from_iconv(s, len, set, out_len) : NULL;
	}
	return t ? t : from_cp1252(s, len, out_len);
}

#endif
