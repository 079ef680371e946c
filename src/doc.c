#include "lede-private.h"

struct lede_doc {
	char *text;
	gsize len;
	gboolean repaired;
	GArray *spans; /* LedeSpan */
	gsize n_paragraphs;
	gsize n_words;
	gsize n_capitals;
	guint *span_words; /* words of each sentence, counted as if alone */
};

/* These scans run over every byte of every document, so they work on eight
 * bytes at a time where the text allows; each is exact, not a heuristic. */

#define ONES 0x0101010101010101ull
#define HIGHS 0x8080808080808080ull

static inline guint64 load8(const char *p)
{
	guint64 x;
	memcpy(&x, p, 8);
	return x;
}

/* The number of bytes at the start of text that are ASCII, rounded down to
 * whole eight-byte words: the part UTF-8 validation can skip. */
static gsize ascii_prefix(const char *text, gsize len)
{
	gsize i = 0;
	while (i + 8 <= len && !(load8(text + i) & HIGHS))
		i += 8;
	return i;
}

/* How many bytes of m have their top bit set (m has no other bits): the
 * multiply adds the eight 0/1 bytes into the top byte. Portable and cheaper
 * than popcount without the instruction. */
static inline guint top_bits(guint64 m)
{
	return (guint)(((m >> 7) * ONES) >> 56);
}

/* Top bit of each byte of x set where that byte is in [lo, hi], both ASCII:
 * in an eight-byte word of ASCII, b + (0x80 - lo) sets its top bit exactly
 * when b >= lo; bytes with the top bit set (UTF-8) are masked out, and no sum
 * carries into the next byte because every byte is below 0x80 when added. */
static inline guint64 range_bytes(guint64 x, guchar lo, guchar hi)
{
	guint64 y = x & ~HIGHS;
	return (y + ONES * (0x80u - lo)) & ~(y + ONES * (0x80u - hi - 1)) & ~x & HIGHS;
}

/* Top bit of each byte of x set where that byte is zero; exact (the
 * classic has-zero test without its false positives). */
static inline guint64 zero_bytes(guint64 x)
{
	guint64 low7 = ~HIGHS;
	return ~(((x & low7) + low7) | x | low7);
}

/* Top bit of each byte of x set where that byte is ASCII white space as
 * g_ascii_isspace has it: tab, line feed, form feed, carriage return and
 * space (9, 10, 12, 13, 32; not the vertical tab, 11). */
static inline guint64 space_bytes(guint64 x)
{
	return (range_bytes(x, 9, 13) & ~zero_bytes(x ^ ONES * 11)) | zero_bytes(x ^ ONES * ' ');
}

/* g_ascii_isspace, inlined: the scans below run on every byte. */
static inline gboolean is_space_byte(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r';
}

gsize lede_count_words(const char *p, gsize len)
{
	/* A word starts at each non-space byte whose previous byte is a space
	 * (or the start of the text). Bytes are little-endian in the word, so
	 * shifting the space mask up one byte lines each byte up with the one
	 * before it; the top byte carries into the next word. */
	gsize n = 0, i = 0;
	guint64 carry = 0x80; /* "the byte before the text is a space" */
	for (; i + 8 <= len; i += 8) {
		guint64 sp = space_bytes(load8(p + i));
		guint64 before = (sp << 8) | carry;
		n += top_bits(~sp & before & HIGHS);
		carry = sp >> 56;
	}
	for (guint prev = carry != 0; i < len; i++) {
		guint space = is_space_byte(p[i]);
		n += prev & (space ^ 1);
		prev = space;
	}
	return n;
}

void lede_count_letters(const char *p, gsize len, gsize *upper, gsize *lower)
{
	gsize up = 0, low = 0, i = 0;
	for (; i + 8 <= len; i += 8) {
		guint64 x = load8(p + i);
		up += top_bits(range_bytes(x, 'A', 'Z'));
		low += top_bits(range_bytes(x, 'a', 'z'));
	}
	for (; i < len; i++) {
		up += (guchar)(p[i] - 'A') < 26;
		low += (guchar)(p[i] - 'a') < 26;
	}
	*upper = up;
	*lower = low;
}

gsize lede_count_chars(const char *p, gsize len)
{
	/* Continuation bytes are 10xxxxxx; every other byte starts a character. */
	gsize n = 0, i = 0;
	for (; i + 8 <= len; i += 8) {
		guint64 x = load8(p + i);
		n += 8 - top_bits(x & ~(x << 1) & HIGHS);
	}
	for (; i < len; i++)
		n += ((guchar)p[i] & 0xC0) != 0x80;
	return n;
}

/* The words of each sentence and of the whole text in one walk over the
 * bytes: the text is cut into its sentences and the gaps between them, each
 * piece counted as if it stood alone; a piece that starts in the middle of
 * a word (no space before it) counted that word twice. */
static void count_words_by_span(lede_doc *doc)
{
	const char *t = doc->text;
	guint n = doc->spans->len;
	doc->span_words = g_new(guint, MAX(n, 1u));
	gsize total = 0, pos = 0;
	for (guint i = 0; i <= n; i++) {
		const LedeSpan *sp = i < n ? &g_array_index(doc->spans, LedeSpan, i) : NULL;
		gsize gap_end = sp ? sp->start : doc->len;
		gsize pieces[2][2] = {{pos, gap_end}, {gap_end, sp ? sp->end : gap_end}};
		for (guint k = 0; k < 2; k++) {
			gsize a = pieces[k][0], b = pieces[k][1];
			if (a == b)
				continue;
			gsize w = lede_count_words(t + a, b - a);
			if (k == 1)
				doc->span_words[i] = (guint)MIN(w, G_MAXUINT);
			total += w;
			if (a > 0 && !is_space_byte(t[a]) && !is_space_byte(t[a - 1]))
				total--;
		}
		if (sp)
			pos = sp->end;
	}
	doc->n_words = total;
}

/* g_utf8_validate_len, over the non-ASCII stretches only: news is mostly
 * ASCII with a quote mark or a dash here and there. A stretch is validated
 * up to a window's end; a character cut by the window is validated again
 * from its start. */
static gboolean utf8_valid(const char *text, gsize len)
{
	gsize i = 0;
	while (i < len) {
		i += ascii_prefix(text + i, len - i);
		if (i >= len)
			break;
		gsize n = MIN(len - i, (gsize)64);
		const gchar *end;
		if (g_utf8_validate_len(text + i, n, &end)) {
			i += n;
			continue;
		}
		gsize ok = (gsize)(end - (text + i));
		/* a character cut by the window: go on from its first byte */
		if (i + n < len && ok > 0 && n - ok < 4) {
			i += ok;
			continue;
		}
		return FALSE;
	}
	return TRUE;
}

lede_doc *lede_doc_new(const char *text, gsize len, GError **error)
{
	if (len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0) {
		text += 3;
		len -= 3;
	}
	if (memchr(text, '\0', len)) {
		g_set_error_literal(error, LEDE_ERROR, LEDE_ERROR_BINARY, "binary file");
		return NULL;
	}
	lede_doc *doc = g_new0(lede_doc, 1);
	if (utf8_valid(text, len)) {
		doc->text = g_strndup(text, len);
		doc->len = len;
	} else {
		doc->text = g_utf8_make_valid(text, len);
		doc->len = strlen(doc->text);
		doc->repaired = TRUE;
	}
	doc->spans = g_array_new(FALSE, FALSE, sizeof(LedeSpan));
	/* One count of the letters serves the segmenter (is the text cased?)
	 * and the summarizer (the same question, asked of the whole text). */
	gsize lower;
	lede_count_letters(doc->text, doc->len, &doc->n_capitals, &lower);
	lede_segment_counted(doc->text, doc->len, doc->n_capitals, lower, doc->spans);
	if (doc->spans->len)
		doc->n_paragraphs =
		    g_array_index(doc->spans, LedeSpan, doc->spans->len - 1).para + 1;

	count_words_by_span(doc);
	return doc;
}

void lede_doc_free(lede_doc *doc)
{
	if (!doc)
		return;
	g_array_free(doc->spans, TRUE);
	g_free(doc->span_words);
	g_free(doc->text);
	g_free(doc);
}

const char *lede_doc_text(const lede_doc *doc, gsize *len)
{
	if (len)
		*len = doc->len;
	return doc->text;
}

gboolean lede_doc_was_repaired(const lede_doc *doc)
{
	return doc->repaired;
}

gsize lede_doc_n_sentences(const lede_doc *doc)
{
	return doc->spans->len;
}

void lede_doc_sentence(const lede_doc *doc, gsize i, gsize *start, gsize *end)
{
	g_return_if_fail(i < doc->spans->len);
	const LedeSpan *s = &g_array_index(doc->spans, LedeSpan, i);
	if (start)
		*start = s->start;
	if (end)
		*end = s->end;
}

guint lede_doc_sentence_paragraph(const lede_doc *doc, gsize i)
{
	g_return_val_if_fail(i < doc->spans->len, 0);
	return g_array_index(doc->spans, LedeSpan, i).para;
}

guint lede_doc_sentence_words(const lede_doc *doc, gsize i)
{
	g_return_val_if_fail(i < doc->spans->len, 0);
	return doc->span_words[i];
}

gsize lede_doc_n_capitals(const lede_doc *doc)
{
	return doc->n_capitals;
}

gsize lede_doc_n_paragraphs(const lede_doc *doc)
{
	return doc->n_paragraphs;
}

gsize lede_doc_n_words(const lede_doc *doc)
{
	return doc->n_words;
}
