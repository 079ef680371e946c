/* Word tokens: boundaries, normalisation (NFKC + case fold), stop words and
 * Snowball English stems. See lede-private.h for the contract. */
#include "lede-private.h"

#include <libstemmer.h>
#include <utf8proc.h>

/* The cache maps a raw word to its analysis; news vocabulary is Zipfian, so
 * nearly every token is a hit. Cleared rather than evicted when it grows past
 * this, which keeps memory bounded on adversarial input at little cost. */
#define CACHE_MAX 1000000
/* Longer words are left unstemmed and uncached: no English word is this long,
 * and it bounds the stemmer's and the cache's cost on junk (URLs, base64). */
#define WORD_MAX 64

typedef struct {
	const char *norm, *stem; /* interned in tk->words */
	guint flags;
	char raw[]; /* the cache key */
} CacheEntry;

struct LedeTokenizer {
	struct sb_stemmer *stemmer;
	GStringChunk *words;      /* norms and stems: live until lede_tokenizer_trim */
	GStringChunk *stop_words; /* the stop list's own storage, never trimmed */
	GHashTable *stop;         /* interned norm -> itself */
	GHashTable *cache;        /* raw word -> CacheEntry */
	GString *scratch;
};

enum { C_OTHER, C_LETTER, C_UPPER, C_MARK, C_DIGIT, C_CJK };

static gboolean is_cjk_range(gint32 cp)
{
	return (cp >= 0x3040 && cp <= 0x30FF) || (cp >= 0x31F0 && cp <= 0x31FF) ||
	       (cp >= 0x3400 && cp <= 0x4DBF) || (cp >= 0x4E00 && cp <= 0x9FFF) ||
	       (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0xFF66 && cp <= 0xFF9F) ||
	       (cp >= 0x20000 && cp <= 0x3FFFF) || cp == 0x3005 || cp == 0x3007;
}

static int classify(gint32 cp)
{
	if (cp < 0x80) {
		if (cp >= 'a' && cp <= 'z')
			return C_LETTER;
		if (cp >= 'A' && cp <= 'Z')
			return C_UPPER;
		if (cp >= '0' && cp <= '9')
			return C_DIGIT;
		return C_OTHER;
	}
	int cat = utf8proc_category(cp);
	int c;
	switch (cat) {
	case UTF8PROC_CATEGORY_LU:
	case UTF8PROC_CATEGORY_LT:
		c = C_UPPER;
		break;
	case UTF8PROC_CATEGORY_LL:
	case UTF8PROC_CATEGORY_LM:
	case UTF8PROC_CATEGORY_LO:
		c = C_LETTER;
		break;
	case UTF8PROC_CATEGORY_MN:
	case UTF8PROC_CATEGORY_MC:
	case UTF8PROC_CATEGORY_ME:
		return C_MARK;
	case UTF8PROC_CATEGORY_ND:
	case UTF8PROC_CATEGORY_NL:
	case UTF8PROC_CATEGORY_NO:
		c = C_DIGIT;
		break;
	default:
		return C_OTHER;
	}
	return is_cjk_range(cp) ? C_CJK : c;
}

/* Decodes one code point; an invalid byte reads as -1 and is skipped alone,
 * so damaged text costs a token boundary, never a crash. */
static inline gsize decode(const guint8 *s, gsize len, gsize i, gint32 *cp)
{
	if (s[i] < 0x80) {
		*cp = s[i];
		return 1;
	}
	utf8proc_int32_t c;
	utf8proc_ssize_t n = utf8proc_iterate(s + i, (utf8proc_ssize_t)MIN(len - i, 4), &c);
	if (n <= 0) {
		*cp = -1;
		return 1;
	}
	*cp = c;
	return (gsize)n;
}

static inline int class_at(const guint8 *s, gsize len, gsize i, gsize *n)
{
	gint32 cp;
	if (i >= len) {
		*n = 0;
		return C_OTHER;
	}
	*n = decode(s, len, i, &cp);
	return cp < 0 ? C_OTHER : classify(cp);
}

static inline gboolean is_letter(int c)
{
	return c == C_LETTER || c == C_UPPER;
}

static inline gboolean is_wordc(int c)
{
	return c == C_LETTER || c == C_UPPER || c == C_DIGIT || c == C_MARK;
}

LedeTokenizer *lede_tokenizer_new(void)
{
	LedeTokenizer *tk = g_new0(LedeTokenizer, 1);
	tk->stemmer = sb_stemmer_new("english", NULL);
	tk->words = g_string_chunk_new(1 << 16);
	tk->stop_words = g_string_chunk_new(1 << 12);
	tk->stop = g_hash_table_new(g_str_hash, g_str_equal);
	tk->cache = g_hash_table_new_full(g_str_hash, g_str_equal, NULL, g_free);
	tk->scratch = g_string_sized_new(64);

	GBytes *bytes = lede_resource("stopwords-en.txt");
	if (bytes) {
		gsize n;
		const char *data = g_bytes_get_data(bytes, &n);
		const char *p = data, *end = data + n;
		while (p < end) {
			const char *nl = memchr(p, '\n', (gsize)(end - p));
			const char *eol = nl ? nl : end;
			const char *a = p, *b = eol;
			while (a < b && g_ascii_isspace(*a))
				a++;
			while (b > a && g_ascii_isspace(b[-1]))
				b--;
			if (a < b && *a != '#') {
				const char *w = g_string_chunk_insert_len(tk->stop_words, a, b - a);
				g_hash_table_add(tk->stop, (gpointer)w);
			}
			p = eol + 1;
		}
		g_bytes_unref(bytes);
	}
	return tk;
}

void lede_tokenizer_free(LedeTokenizer *tk)
{
	if (!tk)
		return;
	if (tk->stemmer)
		sb_stemmer_delete(tk->stemmer);
	g_hash_table_destroy(tk->cache);
	g_hash_table_destroy(tk->stop);
	g_string_chunk_free(tk->words);
	g_string_chunk_free(tk->stop_words);
	g_string_free(tk->scratch, TRUE);
	g_free(tk);
}

gboolean lede_tokenizer_trim(LedeTokenizer *tk, guint max_entries)
{
	if (g_hash_table_size(tk->cache) <= max_entries)
		return FALSE;
	g_hash_table_remove_all(tk->cache);
	g_string_chunk_clear(tk->words);
	return TRUE;
}

gboolean lede_tokenizer_is_stop(LedeTokenizer *tk, const char *norm, gssize len)
{
	if (len < 0)
		return g_hash_table_contains(tk->stop, norm);
	g_string_truncate(tk->scratch, 0);
	g_string_append_len(tk->scratch, norm, len);
	return g_hash_table_contains(tk->stop, tk->scratch->str);
}

/* NFKC + case fold, with the typographic apostrophe folded to ASCII so
 * "don’t" and "don't" are one word. Returns the interned norm. */
static const char *normalise(LedeTokenizer *tk, const char *raw, gsize n, gboolean ascii)
{
	GString *g = tk->scratch;
	g_string_truncate(g, 0);
	if (ascii) {
		g_string_append_len(g, raw, (gssize)n);
		for (gsize i = 0; i < g->len; i++)
			g->str[i] = g_ascii_tolower(g->str[i]);
	} else {
		utf8proc_uint8_t *dst = NULL;
		utf8proc_ssize_t m = utf8proc_map(
		    (const utf8proc_uint8_t *)raw, (utf8proc_ssize_t)n, &dst,
		    UTF8PROC_STABLE | UTF8PROC_COMPOSE | UTF8PROC_COMPAT | UTF8PROC_CASEFOLD);
		if (m < 0) /* cannot happen on decoded words; keep the raw bytes */
			g_string_append_len(g, raw, (gssize)n);
		else
			g_string_append_len(g, (const char *)dst, m);
		free(dst);
		char *q;
		while ((q = strstr(g->str, "\xE2\x80\x99")) != NULL) {
			gsize at = (gsize)(q - g->str);
			g_string_erase(g, (gssize)at, 3);
			g_string_insert_c(g, (gssize)at, '\'');
		}
	}
	return g_string_chunk_insert_const(tk->words, g->str);
}

static const char *stem_of(LedeTokenizer *tk, const char *norm, guint flags)
{
	gsize n = strlen(norm);
	/* Abbreviations keep their letters: the stemmer would cut "u.s" to "u.". */
	if ((flags & (LEDE_TOK_NUMBER | LEDE_TOK_CJK)) || n > WORD_MAX || !tk->stemmer ||
	    memchr(norm, '.', n))
		return norm;
	const sb_symbol *st = sb_stemmer_stem(tk->stemmer, (const sb_symbol *)norm, (int)n);
	if (!st)
		return norm;
	int sl = sb_stemmer_length(tk->stemmer);
	if ((gsize)sl == n && memcmp(st, norm, n) == 0)
		return norm;
	GString *g = tk->scratch;
	g_string_truncate(g, 0);
	g_string_append_len(g, (const char *)st, sl);
	return g_string_chunk_insert_const(tk->words, g->str);
}

static void emit(LedeTokenizer *tk, const char *text, gsize start, gsize end, gsize base,
                 guint flags, gboolean ascii, GArray *out)
{
	LedeToken t = {.start = start + base, .end = end + base};
	gsize n = end - start;
	const char *raw = text + start;
	if (n <= WORD_MAX) {
		char key[WORD_MAX + 1];
		memcpy(key, raw, n);
		key[n] = '\0';
		CacheEntry *e = g_hash_table_lookup(tk->cache, key);
		if (!e) {
			if (g_hash_table_size(tk->cache) >= CACHE_MAX)
				g_hash_table_remove_all(tk->cache);
			e = g_malloc(sizeof *e + n + 1);
			memcpy(e->raw, key, n + 1);
			e->norm = normalise(tk, raw, n, ascii);
			e->flags = flags;
			if (g_hash_table_contains(tk->stop, e->norm))
				e->flags |= LEDE_TOK_STOP;
			e->stem = stem_of(tk, e->norm, e->flags);
			g_hash_table_insert(tk->cache, e->raw, e);
		}
		t.norm = e->norm;
		t.stem = e->stem;
		t.flags = e->flags;
	} else {
		t.norm = normalise(tk, raw, n, ascii);
		t.flags = flags;
		if (g_hash_table_contains(tk->stop, t.norm))
			t.flags |= LEDE_TOK_STOP;
		t.stem = stem_of(tk, t.norm, t.flags);
	}
	g_array_append_val(out, t);
}

void lede_tokenize(LedeTokenizer *tk, const char *text, gsize len, gsize base, GArray *out)
{
	const guint8 *s = (const guint8 *)text;
	gsize i = 0;
	while (i < len) {
		gsize n;
		int c = class_at(s, len, i, &n);
		if (c == C_OTHER) {
			i += n;
			continue;
		}
		if (c == C_CJK) {
			/* One token per ideograph/kana; combining marks (dakuten) stay with it. */
			gsize j = i + n, m;
			while (j < len && class_at(s, len, j, &m) == C_MARK)
				j += m;
			emit(tk, text, i, j, base, LEDE_TOK_CJK, FALSE, out);
			i = j;
			continue;
		}

		gsize start = i, j = i;
		guint n_letters = 0, n_upper = 0, seg = 0;
		gboolean has_digit = FALSE, ascii = TRUE;
		int first_letter = -1, prev = C_OTHER;
		while (j < len) {
			c = class_at(s, len, j, &n);
			if (is_wordc(c)) {
				if (n > 1)
					ascii = FALSE;
				if (is_letter(c)) {
					if (first_letter < 0)
						first_letter = c;
					n_letters++;
					if (c == C_UPPER)
						n_upper++;
					seg++;
					prev = C_LETTER;
				} else if (c == C_DIGIT) {
					has_digit = TRUE;
					seg++;
					prev = C_DIGIT;
				}
				j += n;
				continue;
			}
			gint32 cp = s[j];
			gsize m, m2;
			if (cp == '\'' ||
			    (cp == 0xE2 && n == 3 && s[j + 1] == 0x80 && s[j + 2] == 0x99)) {
				/* don't, obama's, o’neill: an apostrophe between letters */
				if (prev == C_LETTER && is_letter(class_at(s, len, j + n, &m))) {
					if (n > 1)
						ascii = FALSE;
					j += n;
					seg = 0;
					continue;
				}
			} else if (cp == '.') {
				int c2 = class_at(s, len, j + 1, &m);
				/* 3.5 and 192.168.0.1 */
				if (prev == C_DIGIT && c2 == C_DIGIT) {
					j += 1;
					seg = 0;
					continue;
				}
				/* u.s, e.g, j.k: single letters between periods */
				if (prev == C_LETTER && seg == 1 && is_letter(c2)) {
					int c3 = class_at(s, len, j + 1 + m, &m2);
					if (!is_wordc(c3)) {
						j += 1;
						seg = 0;
						continue;
					}
				}
			} else if (cp == ',' && prev == C_DIGIT && j + 3 < len &&
			           g_ascii_isdigit(s[j + 1]) && g_ascii_isdigit(s[j + 2]) &&
			           g_ascii_isdigit(s[j + 3]) &&
			           (j + 4 >= len || !g_ascii_isdigit(s[j + 4]))) {
				/* 1,000 and 1,000,000: a comma between digit groups */
				j += 1;
				seg = 0;
				continue;
			}
			break;
		}
		guint flags = 0;
		if (n_letters == 0 && has_digit)
			flags |= LEDE_TOK_NUMBER;
		if (first_letter == C_UPPER)
			flags |= LEDE_TOK_CAPITAL;
		if (n_letters >= 2 && n_upper == n_letters)
			flags |= LEDE_TOK_ALLCAPS;
		emit(tk, text, start, j, base, flags, ascii, out);
		i = j;
	}
}
