/* Sentence segmentation for news text.
 *
 * A single forward scan over the text. A sentence ends
 *  - at a blank line (which also starts a new paragraph);
 *  - after a cluster of terminal punctuation (. ? ! … and the CJK 。！？),
 *    with any closing quotes or brackets it carries, that is followed by white
 *    space, when the word before it and the word after it say so (see
 *    split_after_period and friends);
 *  - right after a CJK terminator, white space or not;
 *  - at a single line end when the line has no terminal punctuation and the
 *    text is laid out in lines (titles, datelines, captions, bylines) rather
 *    than hard-wrapped in mid-sentence (see line_ends_unit).
 *
 * Whether the text is cased matters: in ordinary text a capital after a period
 * is the main evidence of a new sentence, but the dev set is fully lower-cased,
 * where a period after a word that is not an abbreviation is all we have, and
 * ambiguous abbreviations (u.s., p.m.) end a sentence only when the next word
 * is one that typically starts one ("the", "he", ...).
 *
 * Every look-back and look-ahead is bounded or covers bytes that the main scan
 * then skips, so the whole is linear; nothing is allocated but the spans.
 */
#include "lede-private.h"
#include "lang/lang.h"

#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#define NO_UNIT G_MAXSIZE
#define TOKEN_MAX 40 /* bytes looked back for the word before a period */
#define WORD_MAX 15  /* letters kept of a word looked ahead */
#define HIST_MAX 512 /* line lengths above this all count as this */

static gboolean in_words(const char *w, const LedeWords *list)
{
	if (!*w)
		return FALSE;
	for (gsize i = 0; i < list->n; i++)
		if (w[0] == list->words[i][0] && strcmp(w, list->words[i]) == 0)
			return TRUE;
	return FALSE;
}

static int abbr_cmp(const void *key, const void *elem)
{
	/* Most probes differ at the first letter: settle those without a call. */
	const char *k = key, *w = ((const LedeAbbr *)elem)->word;
	if (k[0] != w[0])
		return (guchar)k[0] - (guchar)w[0];
	return strcmp(k, w);
}

/* ---- characters ------------------------------------------------------- */

/* Decodes the code point at t[i] (i < len); *n gets its length. The text is
 * meant to be valid UTF-8, but a stray byte is taken alone rather than read
 * past the end. */
static inline gunichar decode(const char *t, gsize len, gsize i, gsize *n)
{
	guchar c = (guchar)t[i];
	gsize need;
	gunichar cp;
	if (c < 0x80) {
		*n = 1;
		return c;
	} else if (c >= 0xF0) {
		need = 4;
		cp = c & 0x07;
	} else if (c >= 0xE0) {
		need = 3;
		cp = c & 0x0F;
	} else if (c >= 0xC0) {
		need = 2;
		cp = c & 0x1F;
	} else {
		*n = 1;
		return 0xFFFD;
	}
	if (i + need > len) {
		*n = 1;
		return 0xFFFD;
	}
	for (gsize k = 1; k < need; k++) {
		guchar d = (guchar)t[i + k];
		if ((d & 0xC0) != 0x80) {
			*n = 1;
			return 0xFFFD;
		}
		cp = (cp << 6) | (d & 0x3F);
	}
	*n = need;
	return cp;
}

/* The code point ending at pos (lo < pos); returns its start. */
static inline gsize prev_char(const char *t, gsize len, gsize lo, gsize pos, gunichar *cp)
{
	gsize s = pos - 1;
	if ((guchar)t[s] < 0x80) {
		*cp = (guchar)t[s];
		return s;
	}
	while (s > lo && pos - s < 4 && ((guchar)t[s] & 0xC0) == 0x80)
		s--;
	gsize n;
	*cp = decode(t, len, s, &n);
	if (s + n != pos) {
		*cp = 0xFFFD;
		return pos - 1;
	}
	return s;
}

static inline gboolean is_space(gunichar c)
{
	return c == ' ' || (c >= 0x09 && c <= 0x0D) || c == 0x85 || c == 0xA0 || c == 0x1680 ||
	       (c >= 0x2000 && c <= 0x200A) || c == 0x2028 || c == 0x2029 || c == 0x202F ||
	       c == 0x205F || c == 0x3000;
}

static inline gboolean is_cjk_term(gunichar c)
{
	return c == 0x3002 || c == 0xFF01 || c == 0xFF1F || c == 0xFF61;
}

static inline gboolean is_term(gunichar c)
{
	/* U+061F and U+06D4: the Arabic question mark and full stop. */
	return c == '.' || c == '?' || c == '!' || c == 0x2026 || c == 0x203C || c == 0x2047 ||
	       c == 0x2048 || c == 0x2049 || is_cjk_term(c) || c == 0x061F || c == 0x06D4;
}

static gboolean is_closer(gunichar c)
{
	switch (c) {
	case '"':
	case '\'':
	case ')':
	case ']':
	case '}':
	case 0x2019:
	case 0x201D:
	case 0x00BB:
	case 0x203A:
	case 0x300D:
	case 0x300F:
	case 0x3011:
	case 0x300B:
	case 0x3009:
	case 0xFF09:
	case 0xFF02:
	case 0xFF07:
	case 0xFF3D:
		return TRUE;
	default:
		return FALSE;
	}
}

static gboolean is_opener(gunichar c)
{
	switch (c) {
	case '"':
	case '\'':
	case '(':
	case '[':
	case '{':
	case '`':
	case 0x2018:
	case 0x201C:
	case 0x201E:
	case 0x00AB:
	case 0x2039:
	case 0x300C:
	case 0x300E:
	case 0x3010:
	case 0x300A:
	case 0x3008:
	case 0xFF08:
		return TRUE;
	default:
		return FALSE;
	}
}

static gboolean is_lower(gunichar c)
{
	if (c < 0x80)
		return c >= 'a' && c <= 'z';
	return utf8proc_category((utf8proc_int32_t)c) == UTF8PROC_CATEGORY_LL;
}

static gboolean is_upper(gunichar c)
{
	if (c < 0x80)
		return c >= 'A' && c <= 'Z';
	utf8proc_category_t k = utf8proc_category((utf8proc_int32_t)c);
	return k == UTF8PROC_CATEGORY_LU || k == UTF8PROC_CATEGORY_LT;
}

static gboolean is_letter(gunichar c)
{
	if (c < 0x80)
		return g_ascii_isalpha(c);
	utf8proc_category_t k = utf8proc_category((utf8proc_int32_t)c);
	return k >= UTF8PROC_CATEGORY_LU && k <= UTF8PROC_CATEGORY_LO;
}

static gboolean is_alnum(gunichar c)
{
	if (c < 0x80)
		return g_ascii_isalnum(c);
	utf8proc_category_t k = utf8proc_category((utf8proc_int32_t)c);
	return (k >= UTF8PROC_CATEGORY_LU && k <= UTF8PROC_CATEGORY_LO) ||
	       (k >= UTF8PROC_CATEGORY_ND && k <= UTF8PROC_CATEGORY_NO);
}

/* ---- the scan ----------------------------------------------------------- */

typedef struct {
	const char *t;
	gsize len;
	GArray *spans;
	const LedeLang *lang;
	gboolean cased;   /* ordinary mixed case, not lower-cased or all capitals */
	gboolean wrapped; /* paragraphs hard-wrapped at about wrap_width columns */
	guint wrap_width;

	gsize unit_start;    /* first byte of the current sentence, or NO_UNIT */
	gboolean unit_alnum; /* it has a letter or digit so far */
	gsize last_end;      /* end of the last non-space character seen */
	guint para;
	gboolean para_used; /* a span has been given the current paragraph number */

	/* Spans wait here to be appended in batches: a g_array_append_val
	 * for each cost a twentieth of the whole scan. */
	LedeSpan batch[32];
	guint n_batch;
} Seg;

/* What follows a candidate sentence end, looked at a bounded distance ahead. */
typedef struct {
	gboolean para_break;     /* a blank line, or the end of the text */
	gunichar first;          /* first character after the white space */
	gunichar wfirst;         /* the same after up to two opening quotes or brackets */
	char word[WORD_MAX + 1]; /* ASCII letters from wfirst on, lower-cased; "" if none */
	char after;              /* the byte after word */
	gsize word_end;          /* its offset */
} Next;

/* Reads a word of ASCII letters at *p into w (lower-cased); a word that goes on
 * with a digit or a non-ASCII letter, an initial ("a.") or the start of a
 * dotted abbreviation ("a.m.") is not a plain word and gives "". */
static void read_word(const Seg *s, gsize *p, char *w, char *after)
{
	gsize k = 0, i = *p;
	while (i < s->len && g_ascii_isalpha(s->t[i]) && k < WORD_MAX)
		w[k++] = lede_ascii_lower(s->t[i++]);
	w[k] = '\0';
	gboolean dotted = i < s->len && s->t[i] == '.' &&
	                  (k == 1 || (i + 1 < s->len && g_ascii_isalpha(s->t[i + 1])));
	if (i < s->len && (g_ascii_isalnum(s->t[i]) || (guchar)s->t[i] >= 0x80 || dotted))
		w[0] = '\0';
	*after = i < s->len ? s->t[i] : '.';
	*p = i;
}

static void look_ahead(const Seg *s, gsize p, Next *nx)
{
	memset(nx, 0, sizeof *nx);
	guint newlines = 0;
	gsize n;
	while (p < s->len) {
		gunichar c = decode(s->t, s->len, p, &n);
		if (!is_space(c))
			break;
		newlines += c == '\n';
		p += n;
	}
	if (p >= s->len || newlines >= 2) {
		nx->para_break = TRUE;
		return;
	}
	nx->first = nx->wfirst = decode(s->t, s->len, p, &n);
	for (int k = 0; k < 2 && is_opener(nx->wfirst) && p + n < s->len; k++) {
		p += n;
		nx->wfirst = decode(s->t, s->len, p, &n);
	}
	read_word(s, &p, nx->word, &nx->after);
	nx->word_end = p;
}

static gboolean is_starter(const Seg *s, const Next *nx)
{
	if (s->cased && !is_upper(nx->wfirst))
		return FALSE;
	return in_words(nx->word, &s->lang->starters);
}

/* After a closing quote, a speech tag continues the sentence: "Why?" Frei
 * asked. After a full stop the tag must end there too ('i'm done.' henry
 * said.), since "'...' he said that ..." is more often a new sentence. */
static gboolean speech_tag(const Seg *s, const Next *nx, gboolean strict)
{
	if (in_words(nx->word, &s->lang->speech_verbs))
		return !strict || (nx->after && strchr(".,;", nx->after));
	/* The word after that ("he said"), only across plain spaces: read here,
	 * as few sentence ends get this far. */
	gsize p = nx->word_end;
	for (int k = 0; k < 4 && p < s->len && s->t[p] == ' '; k++)
		p++;
	char word2[WORD_MAX + 1], after2;
	read_word(s, &p, word2, &after2);
	if (in_words(word2, &s->lang->speech_verbs))
		return !strict || (after2 && strchr(".,;", after2));
	return FALSE;
}

/* Punctuation that continues a sentence: ", ;" after "etc." and the like. */
static gboolean is_continuation(gunichar c)
{
	/* U+060C and U+061B: the Arabic comma and semicolon. */
	return c == ',' || c == ';' || c == ':' || c == ')' || c == ']' || c == '}' || c == '%' ||
	       c == 0x060C || c == 0x061B;
}

/* After a full stop following an ordinary word. */
static gboolean split_plain(const Seg *s, const Next *nx)
{
	if (nx->para_break)
		return TRUE;
	if (is_continuation(nx->first))
		return FALSE;
	return !s->cased || !is_lower(nx->first);
}

/* Classifies the word before a period: t[tok..dot) with leading openers gone. */
static int classify_token(const Seg *s, gsize tok, gsize dot, gboolean at_unit_start)
{
	gsize len = dot - tok;
	if (len == 0)
		return LEDE_ABBR_NONE;
	/* "1. First": a list number opens its item rather than ending a sentence. */
	if (at_unit_start && len <= 3) {
		gsize k = 0;
		while (k < len && g_ascii_isdigit(s->t[tok + k]))
			k++;
		if (k == len)
			return LEDE_ABBR_NEVER;
	}
	if (s->lang->ordinal_dot && len <= 2 && g_ascii_isdigit(s->t[tok]) &&
	    g_ascii_isdigit(s->t[dot - 1]))
		return LEDE_ABBR_NEVER;
	/* A single letter: an initial ("George W. Bush"), whatever the script. */
	gsize n;
	gunichar c = decode(s->t, s->len, tok, &n);
	if (n == len)
		return is_letter(c) ? LEDE_ABBR_PREFIX : LEDE_ABBR_NONE;
	if (len > 8)
		return LEDE_ABBR_NONE;
	char key[9];
	for (gsize k = 0; k < len; k++) {
		char b = s->t[tok + k];
		if (!g_ascii_isalpha(b) && b != '.')
			return LEDE_ABBR_NONE;
		key[k] = lede_ascii_lower(b);
	}
	key[len] = '\0';
	const LedeAbbr *a = !s->lang->n_abbrevs ? NULL
	                                        : bsearch(key, s->lang->abbrevs, s->lang->n_abbrevs,
	                                                  sizeof *s->lang->abbrevs, abbr_cmp);
	if (a)
		return a->kind;
	/* Dotted initialisms: U.S, U.K, D.C, J.K (letter (. letter)+). */
	gboolean dotted = len >= 3;
	for (gsize k = 0; k < len && dotted; k++)
		dotted = (k % 2 == 0) ? g_ascii_isalpha(key[k]) : key[k] == '.';
	return dotted && len % 2 == 1 ? LEDE_ABBR_PREFIX : LEDE_ABBR_NONE;
}

/* A single period followed by white space at dot (the period's offset). */
static gboolean split_after_period(const Seg *s, gsize dot, const Next *nx)
{
	if (nx->para_break)
		return TRUE;
	/* The word before: back to white space, bounded (a longer one is no
	 * abbreviation), then past opening quotes and brackets. */
	gsize tok = dot;
	int steps = 0;
	while (tok > s->unit_start && steps < TOKEN_MAX) {
		gunichar c;
		gsize q = prev_char(s->t, s->len, s->unit_start, tok, &c);
		if (is_space(c))
			break;
		tok = q;
		steps++;
	}
	if (steps >= TOKEN_MAX)
		return split_plain(s, nx);
	gboolean at_start = tok == s->unit_start;
	gsize n;
	while (tok < dot && is_opener(decode(s->t, s->len, tok, &n)))
		tok += n;

	switch (classify_token(s, tok, dot, at_start)) {
	case LEDE_ABBR_NEVER:
	case LEDE_ABBR_HONOR:
		return FALSE;
	case LEDE_ABBR_TITLE:
	case LEDE_ABBR_PREFIX:
		return is_starter(s, nx);
	case LEDE_ABBR_NUM:
		if (g_ascii_isdigit(nx->wfirst) || nx->wfirst == '#')
			return FALSE;
		return split_plain(s, nx);
	case LEDE_ABBR_END:
		if (!s->cased)
			return is_starter(s, nx);
		if (!is_upper(nx->wfirst))
			return FALSE;
		return !in_words(nx->word, &s->lang->end_followers);
	default:
		return split_plain(s, nx);
	}
}

/* The cluster t[start..end) of terminal punctuation and closers begins with a
 * terminal character at start; TRUE if the sentence ends after it. */
static gboolean split_after_cluster(const Seg *s, gsize start, gsize end)
{
	guint dots = 0, ellipses = 0;
	gboolean strong = FALSE, cjk = FALSE, closer = FALSE;
	for (gsize p = start, n; p < end; p += n) {
		gunichar c = decode(s->t, s->len, p, &n);
		if (c == '.')
			dots++;
		else if (c == 0x2026)
			ellipses++;
		else if (is_cjk_term(c))
			cjk = TRUE;
		else if (is_term(c))
			strong = TRUE;
		else
			closer = TRUE;
	}
	if (!s->unit_alnum)
		return FALSE;

	gsize n = 0;
	gunichar after = end < s->len ? decode(s->t, s->len, end, &n) : ' ';
	if (!is_space(after)) {
		/* CJK needs no space; but 「…！」と言った goes on with a quotative. */
		if (!cjk)
			return FALSE;
		return !(closer && (after == 0x3068 || after == 0x3063));
	}
	if (cjk)
		return TRUE;

	Next nx;
	look_ahead(s, end, &nx);
	if (nx.para_break)
		return TRUE;
	if (strong) {
		if (is_continuation(nx.first))
			return FALSE;
		if (closer && speech_tag(s, &nx, FALSE))
			return FALSE;
		return !s->cased || !is_lower(nx.first);
	}
	if ((ellipses && dots) || dots >= 4)
		return split_plain(s, &nx); /* an ellipsis and a full stop */
	if (ellipses || dots >= 2) {
		/* Ellipses mostly mark an omission or a pause inside a sentence. */
		if (s->cased)
			return is_upper(nx.wfirst);
		return is_starter(s, &nx);
	}
	if (closer && speech_tag(s, &nx, TRUE))
		return FALSE;
	return split_after_period(s, start, &nx);
}

/* At a single line end (not a blank line): TRUE if the line is a unit by
 * itself, a title or a dateline, rather than the middle of a wrapped sentence.
 * The line is t[line_start..line_end) trimmed, next the first non-blank byte
 * of the next line. */
static gboolean line_ends_unit(const Seg *s, gsize line_start, gsize line_end, gsize next)
{
	if (line_end <= line_start || next >= s->len)
		return FALSE;
	gunichar last, c;
	gsize q = prev_char(s->t, s->len, line_start, line_end, &last);
	c = last;
	for (int k = 0; k < 8 && is_closer(c) && q > line_start; k++)
		q = prev_char(s->t, s->len, line_start, q, &c);
	/* Terminal punctuation already had its say. */
	if (is_term(c))
		return FALSE;
	if (last == ',' || last == ';')
		return FALSE;
	if (last == '-' && q > line_start) {
		prev_char(s->t, s->len, line_start, q, &c);
		if (is_letter(c))
			return FALSE; /* a word hyphenated across the line end */
	}
	gsize n;
	gunichar first = decode(s->t, s->len, next, &n);
	if (s->cased && is_lower(first))
		return FALSE;
	if (!s->wrapped)
		return TRUE;
	/* In wrapped text a line was broken on purpose when the next line's first
	 * word would have fitted on it. */
	guint cols = 0, word = 0;
	for (gsize p = line_start; p < line_end; p++)
		cols += ((guchar)s->t[p] & 0xC0) != 0x80;
	for (gsize p = next; p < s->len && word <= s->wrap_width; p += n) {
		if (is_space(decode(s->t, s->len, p, &n)))
			break;
		word++;
	}
	return cols + 1 + word <= s->wrap_width;
}

/* Decides whether the text is cased and whether it is hard-wrapped, from the
 * letter counts and the lengths of the lines that go on to another line of
 * the same paragraph ("inner" lines). */
static void survey(Seg *s, gsize upper, gsize lower)
{
	guint hist[HIST_MAX + 1] = {0};
	gsize n_inner = 0;
	guint prev = 0;
	/* A line's length counts characters from its first to its last
	 * non-blank byte, as line_ends_unit does. */
	const char *t = s->t, *end = t + s->len;
	for (const char *line = t;;) {
		const char *nl = memchr(line, '\n', (gsize)(end - line));
		const char *eol = nl ? nl : end;
		const char *a = line, *b = eol;
		while (a < b && g_ascii_isspace(*a))
			a++;
		while (b > a && g_ascii_isspace(b[-1]))
			b--;
		/* The last line's length is never needed (only lines that go on
		 * to another count), just whether it is blank: a text on one line
		 * is not walked again. */
		guint cols_text = !nl ? (guint)(a < b)
		                      : (guint)MIN(lede_count_chars(a, (gsize)(b - a)), G_MAXUINT);
		if (cols_text && prev) {
			hist[MIN(prev, HIST_MAX)]++;
			n_inner++;
		}
		prev = cols_text;
		if (!nl)
			break;
		line = nl + 1;
	}
	gsize letters = upper + lower;
	s->cased = upper * 100 >= letters && lower * 5 >= letters && upper > 0;

	s->wrapped = FALSE;
	if (n_inner < 2)
		return;
	/* The wrap width: the 95th percentile of inner line lengths. */
	gsize seen = 0;
	guint w = 0;
	while (w < HIST_MAX && (seen + hist[w]) * 20 < n_inner * 19)
		seen += hist[w++];
	if (w < 20 || w > 160)
		return;
	gsize full = 0;
	for (guint k = w - w / 4; k <= HIST_MAX; k++)
		full += hist[k];
	s->wrapped = full * 5 >= n_inner * 4;
	s->wrap_width = w;
}

/* Some sources put a space before the closing quote (`for us. ’`): if only
 * such closers follow the punctuation at end, up to white space, they belong
 * to it. The ASCII quotes are left alone: they open as often as they close. */
static gsize detached_closers(const Seg *s, gsize end)
{
	gsize p = end, n;
	int spaces = 0;
	while (p < s->len && (s->t[p] == ' ' || s->t[p] == '\t') && spaces < 3) {
		p++;
		spaces++;
	}
	if (!spaces)
		return end;
	gsize q = p;
	while (q < s->len) {
		gunichar c = decode(s->t, s->len, q, &n);
		if (c == '"' || c == '\'' || !is_closer(c))
			break;
		q += n;
	}
	if (q == p)
		return end;
	if (q < s->len && !is_space(decode(s->t, s->len, q, &n)))
		return end;
	return q;
}

static void flush(Seg *s)
{
	g_array_append_vals(s->spans, s->batch, s->n_batch);
	s->n_batch = 0;
}

static void emit(Seg *s, gsize end)
{
	if (s->unit_start != NO_UNIT && end > s->unit_start) {
		if (s->n_batch == G_N_ELEMENTS(s->batch))
			flush(s);
		s->batch[s->n_batch++] = (LedeSpan){s->unit_start, end, s->para};
		s->para_used = TRUE;
	}
	s->unit_start = NO_UNIT;
}

/* Bytes that neither end nor separate anything: printable ASCII other than
 * the sentence terminators, and DEL, which the character-by-character path
 * would treat just the same. PLAIN_ALNUM marks the letters and digits among
 * them, which make a unit worth keeping; SPACE marks the space, which ends
 * nothing either and is skipped with them. Built once. */
enum { PLAIN = 1, PLAIN_ALNUM = 2, SPACE = 4 };

static const guint8 *plain_bytes(void)
{
	static guint8 table[256];
	static gsize done;
	if (g_once_init_enter(&done)) {
		for (guint b = '!'; b <= 0x7F; b++)
			if (b != '.' && b != '?' && b != '!')
				table[b] = PLAIN | (g_ascii_isalnum((char)b) ? PLAIN_ALNUM : 0);
		table[' '] = SPACE;
		g_once_init_leave(&done, 1);
	}
	return table;
}

/* The offset of the first byte from i on that is neither plain nor a space
 * (see plain_bytes), or len: sixteen bytes at a time, since such runs make
 * up most of the text. */
static gsize skip_plain(const char *t, gsize i, gsize len, const guint8 *plain)
{
	for (; i + 16 <= len; i += 16) {
		LedeBytes16 x = lede_load16(t + i);
		LedeBytes16 stop = (x < ' ') | (x == '.') | (x == '?') | (x == '!');
		guint64 half[2]; /* each byte 0xFF where it stops, 0 where not */
		memcpy(half, &stop, sizeof half);
		if (!(half[0] | half[1]))
			continue;
		guint64 lo = GUINT64_FROM_LE(half[0]), hi = GUINT64_FROM_LE(half[1]);
		return i + (lo ? (gsize)__builtin_ctzll(lo) : 64 + (gsize)__builtin_ctzll(hi)) / 8;
	}
	while (i < len && plain[(guchar)t[i]])
		i++;
	return i;
}

gboolean lede_text_cr_to_lf(char *text, gsize len)
{
	gboolean changed = FALSE;
	for (char *p = text, *end = text + len; (p = memchr(p, '\r', (gsize)(end - p))); p++) {
		if (p + 1 < end && p[1] == '\n')
			continue; /* CR LF: the LF ends the line, the CR is a blank */
		*p = '\n';
		changed = TRUE;
	}
	return changed;
}

void lede_segment(const char *text, gsize len, GArray *spans)
{
	gsize upper = 0, lower = 0;
	if (text)
		lede_count_letters(text, len, &upper, &lower);
	char *copy = NULL;
	if (text && memchr(text, '\r', len)) {
		copy = g_memdup2(text, len);
		if (lede_text_cr_to_lf(copy, len))
			text = copy;
	}
	lede_segment_counted(lede_lang_en(), text, len, upper, lower, spans);
	g_free(copy);
}

void lede_segment_counted(const LedeLang *lang, const char *text, gsize len, gsize upper,
                          gsize lower, GArray *spans)
{
	g_return_if_fail(spans != NULL);
	if (!text || !len)
		return;
	Seg s = {.t = text, .len = len, .spans = spans, .lang = lang, .unit_start = NO_UNIT};
	survey(&s, upper, lower);

	const guint8 *plain = plain_bytes();
	gsize line_start = 0;
	gsize i = 0, n;
	while (i < len) {
		/* Most bytes are plain ASCII: skip the run, words and the spaces
		 * between them, to the next byte that may end or separate
		 * something. The unit ends, so far, at its last plain byte. */
		if (plain[(guchar)text[i]] & PLAIN) {
			gsize end = skip_plain(text, i + 1, len, plain);
			gsize last = end;
			while (text[last - 1] == ' ')
				last--;
			if (s.unit_start == NO_UNIT) {
				s.unit_start = i;
				s.unit_alnum = FALSE;
			}
			for (gsize p = i; !s.unit_alnum && p < last; p++)
				s.unit_alnum = (plain[(guchar)text[p]] & PLAIN_ALNUM) != 0;
			s.last_end = last;
			i = end;
			continue;
		}
		gunichar c = decode(text, len, i, &n);
		if (is_space(c)) {
			if (c != '\n') {
				i += n;
				continue;
			}
			gsize j = i + 1, m;
			while (j < len && text[j] != '\n' && is_space(decode(text, len, j, &m)))
				j += m;
			if (j < len && text[j] == '\n') {
				emit(&s, s.last_end);
				if (s.para_used) {
					s.para++;
					s.para_used = FALSE;
				}
			} else if (s.unit_start != NO_UNIT &&
			           line_ends_unit(&s, line_start, s.last_end, j)) {
				emit(&s, s.last_end);
			}
			line_start = j;
			i = j;
			continue;
		}
		if (s.unit_start == NO_UNIT) {
			s.unit_start = i;
			s.unit_alnum = FALSE;
		}
		if (is_term(c)) {
			gsize end = i + n, m;
			while (end < len) {
				gunichar d = decode(text, len, end, &m);
				if (!is_term(d) && !is_closer(d))
					break;
				end += m;
			}
			end = detached_closers(&s, end);
			s.last_end = end;
			if (split_after_cluster(&s, i, end))
				emit(&s, end);
			i = end;
			continue;
		}
		if (!s.unit_alnum && is_alnum(c))
			s.unit_alnum = TRUE;
		s.last_end = i + n;
		i += n;
	}
	emit(&s, s.last_end);
	flush(&s);
}
