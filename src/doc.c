#include "lede-private.h"
#include "lang/lang.h"

struct lede_doc {
	const char *lang;         /* ISO 639-1 (interned or static), NULL: not identified */
	const LedeLang *pipeline; /* the rules it was segmented by */
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
 * or sixteen bytes at a time where the text allows; each is exact, not a
 * heuristic. */

#define ONES 0x0101010101010101ull
#define HIGHS 0x8080808080808080ull

static inline guint64 load8(const char *p)
{
	guint64 x;
	memcpy(&x, p, 8);
	return x;
}

/* The number of bytes at the start of text that are ASCII, rounded down to
 * whole eight-byte words: the part UTF-8 validation can skip. Sixteen bytes
 * a step while it lasts, as ASCII stretches are long. */
static gsize ascii_prefix(const char *text, gsize len)
{
	gsize i = 0;
	while (i + 16 <= len && !((load8(text + i) | load8(text + i + 8)) & HIGHS))
		i += 16;
	if (i + 8 <= len && !(load8(text + i) & HIGHS))
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

/* How many bytes of m are set (each is 0 or 0xFF). */
static inline guint count_set(LedeBytes16 m)
{
	guint64 half[2];
	memcpy(half, &m, sizeof half);
	return top_bits(half[0] & HIGHS) + top_bits(half[1] & HIGHS);
}

/* Sixteen counters, one for each lane of a LedeBytes16, each up to 255:
 * a comparison that holds is -1, so subtracting it counts one. Unsigned, as
 * the counters may wrap. */
typedef guint8 Tally16 __attribute__((vector_size(16)));

/* The sum of the sixteen counters. */
static inline gsize sum_bytes(Tally16 v)
{
	guint64 half[2];
	memcpy(half, &v, sizeof half);
	gsize sum = 0;
	for (int k = 0; k < 2; k++) {
		/* pairs of bytes into four 16-bit lanes, which the multiply adds
		 * into the top lane */
		guint64 pairs =
		    (half[k] & 0x00FF00FF00FF00FFull) + ((half[k] >> 8) & 0x00FF00FF00FF00FFull);
		sum += (pairs * 0x0001000100010001ull) >> 48;
	}
	return sum;
}

/* 0xFF in each byte of x that is ASCII white space as g_ascii_isspace has
 * it: tab, line feed, form feed, carriage return and space (not the vertical
 * tab). */
static inline LedeBytes16 spaces16(LedeBytes16 x)
{
	/* \t to \r in one comparison: below \t, x - \t wraps round to the top */
	LedeBytes16 tab_to_cr = (LedeBytes16)((Tally16)x - '\t' <= '\r' - '\t');
	return (x == ' ') | (tab_to_cr & (x != '\v'));
}

/* g_ascii_isspace, inlined, for single bytes. */
static inline gboolean is_space_byte(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r';
}

/* 0xFF in each byte of t[i..i+16) where a word starts: a byte that is not
 * white space after one that is, or at the start of the text. */
static inline LedeBytes16 word_starts(const char *t, gsize len, gsize i)
{
	LedeBytes16 before, here;
	if (i > 0 && i + 16 <= len) {
		before = lede_load16(t + i - 1);
		here = lede_load16(t + i);
	} else {
		/* At either end of the text: white space before it and after
		 * it, which starts no word. */
		char buf[17];
		memset(buf, ' ', sizeof buf);
		if (i > 0)
			buf[0] = t[i - 1];
		memcpy(buf + 1, t + i, MIN(len - i, (gsize)16));
		before = lede_load16(buf);
		here = lede_load16(buf + 1);
	}
	return ~spaces16(here) & spaces16(before);
}

/* A count of word starts that goes forward through a text in blocks of
 * sixteen bytes, asked at increasing offsets: the words of a stretch of the
 * text are the difference of two answers, and the text is read once. */
typedef struct {
	const char *t;
	gsize len;
	gsize i;      /* the blocks before i are counted ... */
	gsize starts; /* ... and hold this many word starts */
} WordScan;

/* The words that start in t[0..at); at is at most len and never less than
 * at the call before. */
static gsize words_before(WordScan *w, gsize at)
{
	/* In locals: the compiler cannot tell that the text is not *w. */
	gsize i = w->i, starts = w->starts;
	while (i + 16 <= at) {
		Tally16 tally = {0};
		for (guint k = 0; k < 255 && i + 16 <= at; k++, i += 16)
			tally -= (Tally16)word_starts(w->t, w->len, i);
		starts += sum_bytes(tally);
	}
	w->i = i;
	w->starts = starts;
	if (at == i)
		return starts;
	/* The block holding at, up to at; the next call reads it again. */
	static const LedeBytes16 index = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15};
	LedeBytes16 up_to_at = index < (signed char)(at - i);
	return starts + count_set(word_starts(w->t, w->len, i) & up_to_at);
}

gsize lede_count_words(const char *p, gsize len)
{
	WordScan w = {.t = p, .len = len};
	return words_before(&w, len);
}

void lede_count_letters(const char *p, gsize len, gsize *upper, gsize *lower)
{
	gsize up = 0, low = 0, i = 0;
	while (i + 16 <= len) {
		Tally16 up_tally = {0}, low_tally = {0};
		for (guint k = 0; k < 255 && i + 16 <= len; k++, i += 16) {
			LedeBytes16 x = lede_load16(p + i);
			up_tally -= (Tally16)((x >= 'A') & (x <= 'Z'));
			low_tally -= (Tally16)((x >= 'a') & (x <= 'z'));
		}
		up += sum_bytes(up_tally);
		low += sum_bytes(low_tally);
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
 * bytes: a sentence has the words that start in it, plus the one it starts
 * in the middle of when nothing separates it from what comes before, as
 * lede_count_words would count its bytes alone. */
static void count_words_by_span(lede_doc *doc)
{
	const char *t = doc->text;
	guint n = doc->spans->len;
	doc->span_words = g_new(guint, MAX(n, 1u));
	WordScan w = {.t = t, .len = doc->len};
	for (guint k = 0; k < n; k++) {
		const LedeSpan *sp = &g_array_index(doc->spans, LedeSpan, k);
		gsize a = sp->start;
		gboolean glued = a > 0 && !is_space_byte(t[a]) && !is_space_byte(t[a - 1]);
		gsize first = words_before(&w, a) - glued;
		doc->span_words[k] = (guint)MIN(words_before(&w, sp->end) - first, G_MAXUINT);
	}
	doc->n_words = words_before(&w, doc->len);
}

/* Where the well-formed characters of two and three bytes from text[i]
 * end, with the short ASCII runs between them (from eight ASCII bytes on it
 * stops at the run's start, for ascii_prefix). What it takes is valid for
 * g_utf8_validate_len too, which took 11 instructions a byte of Japanese
 * text (this loop about 7; 2% of a Japanese batch) and a 64-byte window
 * each time a quote mark or a dash interrupted English. */
static gsize bmp_run_end(const char *text, gsize len, gsize i)
{
	const guchar *s = (const guchar *)text;
	gsize ascii = 0;
	while (i < len) {
		guchar b = s[i];
		if ((b & 0xF0) == 0xE0 && i + 2 < len) {
			guint16 tail;
			memcpy(&tail, s + i + 1, 2);
			if ((tail & 0xC0C0) != 0x8080)
				break;
			/* overlong (below U+0800), a surrogate (U+D800..U+DFFF) */
			if (b == 0xE0 ? s[i + 1] < 0xA0 : b == 0xED && s[i + 1] >= 0xA0)
				break;
			ascii = 0;
			i += 3;
		} else if (b < 0x80) {
			if (++ascii == 8)
				return i + 1 - ascii;
			i++;
		} else if (b >= 0xC2 && b <= 0xDF && i + 1 < len && (s[i + 1] & 0xC0) == 0x80) {
			ascii = 0;
			i += 2;
		} else {
			break;
		}
	}
	return i;
}

/* g_utf8_validate_len, over what ascii_prefix and bmp_run_end leave only
 * (characters of four bytes, and what is not UTF-8): news is mostly ASCII
 * with a quote mark or a dash here and there. A stretch is validated up to
 * a window's end; a character cut by the window is validated again from its
 * start. The text has no NUL (lede_doc_new_lang refused it), so whether it
 * is valid is whether each character is, whoever checks which. */
static gboolean utf8_valid(const char *text, gsize len)
{
	gsize i = 0;
	while (i < len) {
		i += ascii_prefix(text + i, len - i);
		gsize j = bmp_run_end(text, len, i);
		if (j > i) {
			i = j;
			continue;
		}
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
	return lede_doc_new_lang(text, len, NULL, error);
}

/* Words of text[0..len) below which textcat cannot tell a language: such a
 * text is taken for English, as lede always took every text. */
#define SHORT_WORDS 8

/* The language of the text when none is given. A text textcat cannot place
 * is summarized with the generic pipeline, unless it is too short to tell
 * and plain ASCII (a title, a one-line note), which stays English. */
static const char *identify(const char *text, gsize len, const LedeLang **pipeline)
{
	const char *code = lede_lang_identify(text, len);
	if (!code) {
		gboolean ascii = TRUE;
		for (gsize i = 0; i < len && ascii; i++)
			ascii = (guchar)text[i] < 0x80;
		if (ascii && lede_count_words(text, len) < SHORT_WORDS)
			code = "en";
	}
	*pipeline = lede_lang_get(code);
	return code;
}

lede_doc *lede_doc_new_lang(const char *text, gsize len, const char *lang, GError **error)
{
	if (lang && strcmp(lang, "auto") != 0 && !lede_lang_valid_code(lang)) {
		g_set_error(error, LEDE_ERROR, LEDE_ERROR_INVALID,
		            "'%s' is not a language code (ISO 639-1, such as en or fr, or auto)",
		            lang);
		return NULL;
	}
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
	/* A line ended by CR alone is a line end; the document's text is what
	 * the summary quotes and its offsets count, so it is changed in place. */
	if (memchr(doc->text, '\r', doc->len))
		lede_text_cr_to_lf(doc->text, doc->len);
	doc->spans = g_array_new(FALSE, FALSE, sizeof(LedeSpan));
	/* One count of the letters serves the segmenter (is the text cased?)
	 * and the summarizer (the same question, asked of the whole text). */
	if (lang && strcmp(lang, "auto") != 0) {
		doc->lang = g_intern_string(lang);
		doc->pipeline = lede_lang_get(lang);
	} else {
		doc->lang = identify(doc->text, doc->len, &doc->pipeline);
	}
	gsize lower;
	lede_count_letters(doc->text, doc->len, &doc->n_capitals, &lower);
	lede_segment_counted(doc->pipeline, doc->text, doc->len, doc->n_capitals, lower,
	                     doc->spans);
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

const char *lede_doc_lang(const lede_doc *doc)
{
	return doc->lang;
}

const LedeLang *lede_doc_pipeline(const lede_doc *doc)
{
	return doc->pipeline;
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
