/* Word tokens: boundaries, normalisation (NFKC + case fold), stop words and
 * Snowball English stems. See lede-private.h for the contract. */
#include "lede-private.h"
#include "lang/lang.h"

#include <libstemmer.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <utf8proc.h>

/* From this size on the word cache asks for transparent huge pages: it is
 * read at random, a cell a token, and over 4 KB pages the lookups missed
 * the TLB (perf put half of lede_tokenize's samples on the prefetch of the
 * cell). An advice only: without THP the table works as before. */
#define HUGE_PAGE ((gsize)2 << 20)

/* The cache maps a raw word to its analysis; news vocabulary is Zipfian, so
 * nearly every token is a hit. Cleared rather than evicted when it grows past
 * this, which keeps memory bounded on adversarial input at little cost. */
#define CACHE_MAX 100000
/* Longer words are left unstemmed: no English word is this long, and it
 * bounds the stemmer's cost on junk (URLs, base64). */
#define WORD_MAX LEDE_WORD_MAX
/* Words up to this many bytes are cached; the key is kept in the entry.
 * One news token in 7,000 is longer (CNN/DM); those are analysed each time
 * they occur, which costs a hash lookup of the norm and no stemming. */
#define RAW_MAX 16

/* One analysed raw word, half a cache line: the cache is open addressing
 * over these entries themselves, so a hit reads one line (the key is inline
 * and the hash is compared first), with no allocation and no pointer to
 * chase. The table was a separate slot array over a dense entry array with
 * keys in a string chunk: three cache misses a token, a sixth of a batch
 * run. At 64 bytes (32-byte keys and the strings' pointers) the table of a
 * 1,000-article batch took 4 MB of fresh memory, which this VM hands out at
 * about 4 us a page, and missed a 1 MB L2 14% more often than at 32. */
typedef struct {
	guint32 hash;
	guint32 norm_id, stem_id;
	guint8 len; /* bytes of raw; 0 = empty cell */
	guint8 flags;
	guint16 hits; /* lookups since it was cached or last kept by a trim */
	char raw[RAW_MAX];
} CacheEntry;

G_STATIC_ASSERT(sizeof(CacheEntry) == 32);
G_STATIC_ASSERT(RAW_MAX < 256 && LEDE_TOK_CJK < 256);

/* Interned strings by content: open addressing over (hash, id + 1) pairs.
 * Runs on every cache miss, twice (norm and stem); GLib's string hash table
 * cost five times as much there. */
typedef struct {
	guint64 *slots; /* hash << 32 | (id + 1); 0 = empty */
	guint mask;     /* slots has mask + 1 cells, a power of two */
	guint n;
} IdTable;

/* One CJK bigram: the norm ids of its two characters and the id of the
 * pair's string, plus one (0: an empty cell). */
typedef struct {
	guint32 a, b, pair;
} PairCell;

/* The bigram cache starts with 2^PAIR_MIN_BITS cells (12 KB) and doubles,
 * up to 2^PAIR_MAX_BITS (384 KB), each time it has missed as many times as
 * a quarter of its cells: an article meets a few hundred bigrams, a
 * Japanese batch (ja-title-dev) looks up 354,000, 46,000 of them new. Of its
 * lookups 26% missed at 2^14 cells, 20% at 2^15, 16% at 2^16 (1% of its
 * instructions less for 384 KB more), 13% (the first sightings) at 2^18. */
#define PAIR_MIN_BITS 10
#define PAIR_MAX_BITS 15

struct LedeTokenizer {
	const LedeLang *lang;
	struct sb_stemmer *stemmer;
	/* The same English stemmer compiled for single bytes: on ASCII words it
	 * gives the same stems (checked on 66,680 news words) in two thirds of
	 * the time, and stemming is most of what a new word costs. */
	struct sb_stemmer *stemmer_ascii;
	GStringChunk *words; /* norms and stems: live until lede_tokenizer_trim */
	IdTable ids;         /* interned norm or stem -> its dense id */
	GPtrArray *id_words; /* dense id -> interned string */
	/* norm id -> what analysing that norm gave: its stem id + 1 (0 = not
	 * analysed yet) and NORM_STOP. "The", "the" and "THE" are three raw
	 * words and one norm: the stop list and the stemmer run once for it. */
	guint32 *norm_info;
	guint norm_info_cap;
	/* The compiled-in stem table (lede-private.h has its format): what
	 * stemming the corpus's words gave, so a word met for the first time
	 * is looked up rather than stemmed (Snowball was 9% of a batch's
	 * instructions), and -j workers share the result instead of each
	 * stemming the common words. NULL when absent or not used. */
	GBytes *stems_bytes;
	const guint8 *stems; /* slots, stems_mask + 1 of them */
	const guint8 *stems_records;
	gsize stems_records_len;
	guint stems_mask;
	gboolean stems_on;
	GStringChunk *stop_words; /* the stop list's own storage, never trimmed */
	GHashTable *stop;         /* interned norm -> itself */
	CacheEntry *cache;        /* cache_mask + 1 cells, a power of two */
	guint cache_mask;
	guint n_entries;
	/* The class (C_*) of every code point of the BMP met so far, CLASS_NEW
	 * for the others: see bmp_class. NULL until the first non-ASCII one. */
	guint8 *bmp_class;
	/* Bigrams of CJK characters interned so far (see cjk_bigrams): a
	 * direct-mapped cache of 2^pair_bits cells, NULL until the first. */
	PairCell *pairs;
	guint pair_bits;
	guint pair_misses; /* since it last grew */
	GString *scratch;
};

#define NORM_STOP 0x80000000u

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

/* Marks a code point bmp_class has not classified yet (classes are small). */
#define CLASS_NEW 0xFF

/* Classifies cp into bmp_class's table, made on its first use. */
__attribute__((noinline)) static int bmp_class_new(LedeTokenizer *tk, gint32 cp)
{
	if (!tk->bmp_class) {
		tk->bmp_class = g_malloc(0x10000);
		memset(tk->bmp_class, CLASS_NEW, 0x10000);
	}
	int c = classify(cp);
	tk->bmp_class[cp] = (guint8)c;
	return c;
}

/* classify(cp) for cp in the BMP, remembered: every character of Japanese
 * and Chinese text comes here, and decoding it with utf8proc, looking up
 * its category and checking the CJK ranges took near 90 instructions a
 * character (a sixth of a Japanese batch). The table is filled by classify
 * itself, so it says what the utf8proc lede runs with says, whatever its
 * Unicode version. */
static inline int bmp_class(LedeTokenizer *tk, gint32 cp)
{
	if (G_LIKELY(tk->bmp_class != NULL)) {
		guint8 c = tk->bmp_class[cp];
		if (G_LIKELY(c != CLASS_NEW))
			return c;
	}
	return bmp_class_new(tk, cp);
}

static inline int class_at(LedeTokenizer *tk, const guint8 *s, gsize len, gsize i, gsize *n)
{
	gint32 cp;
	if (i >= len) {
		*n = 0;
		return C_OTHER;
	}
	/* Most text is ASCII: classify it here, without the call. */
	guint8 b = s[i];
	if (b < 0x80) {
		*n = 1;
		if ((guint8)(b - 'a') < 26)
			return C_LETTER;
		if ((guint8)(b - 'A') < 26)
			return C_UPPER;
		if ((guint8)(b - '0') < 10)
			return C_DIGIT;
		return C_OTHER;
	}
	/* Well-formed sequences of two and three bytes (the rest of the BMP:
	 * Latin accents, Arabic, kana, Han, typographic punctuation) are
	 * decoded here, as utf8proc_iterate would; anything else (four bytes,
	 * overlong, a surrogate, cut short, not UTF-8) goes to decode. */
	if (b >= 0xC2 && b <= 0xDF && i + 1 < len && (s[i + 1] & 0xC0) == 0x80) {
		*n = 2;
		return bmp_class(tk, (b & 0x1F) << 6 | (s[i + 1] & 0x3F));
	}
	if ((b & 0xF0) == 0xE0 && i + 2 < len && (s[i + 1] & 0xC0) == 0x80 &&
	    (s[i + 2] & 0xC0) == 0x80) {
		cp = (b & 0x0F) << 12 | (s[i + 1] & 0x3F) << 6 | (s[i + 2] & 0x3F);
		if (cp >= 0x800 && (cp < 0xD800 || cp > 0xDFFF)) {
			*n = 3;
			return bmp_class(tk, cp);
		}
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

/* The first cache size; it doubles at half load. Growing fourfold took a
 * batch to its 2 MB table through 2.7 MB of fresh tables instead of 4 MB
 * (300 fewer page faults, 0.4% fewer instructions), but a stream of short
 * documents then stopped short of its peak at a quarter of it: memory in
 * steps of 4x looked less constant than the small saving was worth. */
#define CACHE_MIN 1024
/* From this many cells (2 MB) the table fills to three quarters before it
 * doubles: lede_analyse trims the cache at 45,000 words, which then fit.
 * Doubling at half load took a stream past 65,536 words to 8 MB of table
 * (4 MB more, and 12 MB while the two coexisted), so a stream of 100,000
 * short documents peaked 6 MB above one of 10,000. */
#define CACHE_FULL 65536
/* A table that outgrows this many bytes goes straight to HUGE_PAGE: one
 * page fault that clears 2 MB instead of 384 faults of 4 KB over the two
 * sizes between (a fresh page costs 2.5-4 us on this kind of machine, and
 * with -j every worker grows its own tables). The word cache of a batch
 * reaches 2 MB anyway; a single article stays far below this. */
#define JUMP_FROM ((gsize)256 << 10)

/* The cells to allocate for a table of at least n cells of cell_size bytes. */
static gsize table_cells(gsize n, gsize cell_size)
{
	gsize bytes = n * cell_size;
	return bytes > JUMP_FROM && bytes < HUGE_PAGE ? HUGE_PAGE / cell_size : n;
}

/* bytes of zeroed memory aligned to align (a power of two, at most
 * HUGE_PAGE), in transparent huge pages from HUGE_PAGE on; free with free().
 * Written now rather than calloc'd: calloc may return fresh pages that read
 * as zero through the kernel's shared zero page, and as a table is probed
 * before it is written, each page then faulted twice, the second time
 * flushing the TLB of every core running the process (with -j, an interrupt
 * to the other workers: 4-5% of a -j 2 batch's samples). */
static void *table_new(gsize bytes, gsize align)
{
	/* C11's aligned_alloc (GLib's own needs 2.72). */
	gboolean huge = bytes >= HUGE_PAGE;
	void *p = aligned_alloc(huge ? HUGE_PAGE : align, bytes);
	if (!p)
		g_error("out of memory allocating %" G_GSIZE_FORMAT " bytes", bytes);
#ifdef MADV_HUGEPAGE
	if (huge)
		madvise(p, bytes, MADV_HUGEPAGE);
#endif
	memset(p, 0, bytes);
	return p;
}

static void cache_alloc(LedeTokenizer *tk, guint n_cells)
{
	free(tk->cache);
	/* One cell per half cache line. */
	tk->cache = table_new((gsize)n_cells * sizeof(CacheEntry), sizeof(CacheEntry));
	tk->cache_mask = n_cells - 1;
}

/* Forgets every cached word; interned norms and stems stay valid. */
static void cache_clear(LedeTokenizer *tk)
{
	tk->n_entries = 0;
	/* A table grown by one huge document goes back to the first size. */
	if (tk->cache_mask + 1 > CACHE_MIN)
		cache_alloc(tk, CACHE_MIN);
	else
		memset(tk->cache, 0, (tk->cache_mask + 1) * sizeof *tk->cache);
}

static void cache_insert(LedeTokenizer *tk, const CacheEntry *x);

static void cache_grow(LedeTokenizer *tk)
{
	CacheEntry *old = tk->cache;
	guint n_old = tk->cache_mask + 1;
	tk->cache = NULL;
	cache_alloc(tk, (guint)table_cells((gsize)n_old * 2, sizeof(CacheEntry)));
	tk->n_entries = 0;
	for (guint i = 0; i < n_old; i++)
		if (old[i].len)
			cache_insert(tk, &old[i]);
	free(old);
}

static guint64 *id_cells_new(gsize n)
{
	return table_new(n * sizeof(guint64), sizeof(guint64));
}

static void id_table_init(IdTable *t)
{
	t->mask = 1023;
	t->slots = id_cells_new(t->mask + 1);
	t->n = 0;
}

static void id_table_grow(IdTable *t)
{
	guint64 *old = t->slots;
	guint n_old = t->mask + 1;
	t->mask = (guint)table_cells((gsize)n_old * 2, sizeof(guint64)) - 1;
	t->slots = id_cells_new(t->mask + 1);
	for (guint i = 0; i < n_old; i++) {
		if (!old[i])
			continue;
		guint32 h = (guint32)(old[i] >> 32) & t->mask;
		while (t->slots[h])
			h = (h + 1) & t->mask;
		t->slots[h] = old[i];
	}
	free(old);
}

/* Takes the stem table if its header is sound and made for this tokenizer;
 * a table that is not is ignored (words are then stemmed as they come). The
 * table is part of the library's own read-only image: its slots and records
 * are checked when they are read, not all at load, which would cost a
 * one-article run more than the lookups save. */
static void load_stem_table(LedeTokenizer *tk, const char *name)
{
	GBytes *b = name ? lede_resource(name) : NULL;
	if (!b)
		return;
	gsize len;
	const guint8 *d = g_bytes_get_data(b, &len);
	if (len < LEDE_STEMS_HEADER || memcmp(d, LEDE_STEMS_MAGIC, 8) != 0 ||
	    lede_rd_le32(d + 8) != LEDE_STEMS_FORMAT ||
	    lede_rd_le32(d + 12) != LEDE_TOKENIZER_VERSION) {
		g_bytes_unref(b);
		return;
	}
	guint64 n_slots = lede_rd_le32(d + 20), rec_len = lede_rd_le32(d + 24);
	if (n_slots == 0 || (n_slots & (n_slots - 1)) != 0 ||
	    LEDE_STEMS_HEADER + n_slots * 8 + rec_len != len) {
		g_bytes_unref(b);
		return;
	}
	tk->stems_bytes = b;
	tk->stems = d + LEDE_STEMS_HEADER;
	tk->stems_mask = (guint)n_slots - 1;
	tk->stems_records = tk->stems + n_slots * 8;
	tk->stems_records_len = rec_len;
	tk->stems_on = TRUE;
}

void lede_tokenizer_use_stem_table(LedeTokenizer *tk, gboolean use)
{
	tk->stems_on = use && tk->stems;
}

gboolean lede_tokenizer_has_stem_table(const LedeTokenizer *tk)
{
	return tk->stems_on;
}

/* The stem table's slot i (of tk->stems_mask + 1). */
static inline const guint8 *stem_slot(const LedeTokenizer *tk, guint32 i)
{
	return tk->stems + (gsize)(i & tk->stems_mask) * 8;
}

/* The stem table's record for norm[0..n), or NULL; a record that would run
 * past the table reads as absent. */
static const guint8 *stem_table_find(const LedeTokenizer *tk, const char *norm, gsize n)
{
	guint32 hash = lede_word_hash(norm, n);
	/* At most every slot once: a table with no empty slot ends the walk. */
	for (guint i = hash & tk->stems_mask, k = 0; k <= tk->stems_mask;
	     i = (i + 1) & tk->stems_mask, k++) {
		guint64 v = lede_rd_le64(stem_slot(tk, i));
		if (!v)
			return NULL;
		if ((guint32)(v >> 32) != hash)
			continue;
		gsize at = (guint32)v - 1;
		const guint8 *r = tk->stems_records + at;
		if (at + 3 + n + 1 > tk->stems_records_len || r[0] != n ||
		    memcmp(r + 3, norm, n) != 0)
			continue;
		gsize stem_len = r[1] == LEDE_STEMS_SAME ? 0 : (gsize)r[1] + 1;
		if (at + 3 + n + 1 + stem_len > tk->stems_records_len)
			return NULL;
		return r;
	}
	return NULL;
}

LedeTokenizer *lede_tokenizer_new(void)
{
	return lede_tokenizer_new_lang(lede_lang_en());
}

LedeTokenizer *lede_tokenizer_new_lang(const LedeLang *lang)
{
	LedeTokenizer *tk = g_new0(LedeTokenizer, 1);
	tk->lang = lang;
	if (lang->stemmer) {
		tk->stemmer = sb_stemmer_new(lang->stemmer, NULL);
		tk->stemmer_ascii = sb_stemmer_new(lang->stemmer, "ISO_8859_1");
	}
	tk->words = g_string_chunk_new(1 << 16);
	id_table_init(&tk->ids);
	tk->id_words = g_ptr_array_new();
	tk->stop_words = g_string_chunk_new(1 << 12);
	tk->stop = g_hash_table_new(g_str_hash, g_str_equal);
	cache_alloc(tk, CACHE_MIN);
	tk->scratch = g_string_sized_new(64);
	load_stem_table(tk, lang->stem_table);

	GBytes *bytes = lang->stopwords ? lede_resource(lang->stopwords) : NULL;
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
	if (tk->stemmer_ascii)
		sb_stemmer_delete(tk->stemmer_ascii);
	free(tk->cache);
	g_free(tk->bmp_class);
	free(tk->pairs);
	if (tk->stems_bytes)
		g_bytes_unref(tk->stems_bytes);
	g_hash_table_destroy(tk->stop);
	free(tk->ids.slots);
	g_free(tk->norm_info);
	g_ptr_array_free(tk->id_words, TRUE);
	g_string_chunk_free(tk->words);
	g_string_chunk_free(tk->stop_words);
	g_string_free(tk->scratch, TRUE);
	g_free(tk);
}

static guint intern(LedeTokenizer *tk, const char *str, gsize len);

/* Puts a copy of x in the cache (growing it at half load). */
static void cache_insert(LedeTokenizer *tk, const CacheEntry *x)
{
	guint32 h = x->hash & tk->cache_mask;
	while (tk->cache[h].len)
		h = (h + 1) & tk->cache_mask;
	tk->cache[h] = *x;
	guint cells = tk->cache_mask + 1;
	if (++tk->n_entries * 2 > cells && (cells < CACHE_FULL || tk->n_entries * 4 > cells * 3))
		cache_grow(tk);
}

gboolean lede_tokenizer_trim(LedeTokenizer *tk, guint max_entries)
{
	/* Words longer than RAW_MAX are interned but not cached: the ids count
	 * too, or a stream of long unique words would grow without a trim. */
	if (tk->n_entries <= max_entries && tk->id_words->len <= 2 * (guint64)max_entries)
		return FALSE;
	/* Keep the words looked up most since the last trim, at most half of
	 * max_entries (the bar is the smallest power of two of hits, from 2,
	 * that few words reach): a stream's common vocabulary stays analysed
	 * while the one-off words go. Everything is re-interned from 0, so the
	 * ids stay dense and memory stays bounded. */
	guint reach[17] = {0}; /* reach[k]: entries with at least 2^k hits */
	for (guint i = 0; i <= tk->cache_mask; i++) {
		const CacheEntry *e = &tk->cache[i];
		if (!e->len)
			continue;
		for (guint k = 1; k < G_N_ELEMENTS(reach) && e->hits >= (1u << k); k++)
			reach[k]++;
	}
	guint bar = 1;
	while (bar < G_N_ELEMENTS(reach) && reach[bar] > max_entries / 2)
		bar++;
	guint32 min_hits = bar < G_N_ELEMENTS(reach) ? 1u << bar : G_MAXUINT32;

	/* The kept entries wait in a side array while the table is emptied in
	 * place: the table keeps the size it grew to (it would grow back to it).
	 * Freeing and regrowing it made glibc raise its mmap threshold and
	 * place later tables in the heap, whose peak then crept up trim by trim. */
	guint n_keep = bar < G_N_ELEMENTS(reach) ? reach[bar] : 0;
	CacheEntry *keep = g_new(CacheEntry, MAX(n_keep, 1u));
	const char **keep_words = g_new(const char *, MAX(n_keep, 1u) * 2); /* norm, stem */
	guint k = 0;
	for (guint i = 0; i <= tk->cache_mask; i++) {
		const CacheEntry *e = &tk->cache[i];
		if (!e->len || e->hits < min_hits)
			continue;
		keep_words[2 * k] = g_ptr_array_index(tk->id_words, e->norm_id);
		keep_words[2 * k + 1] = g_ptr_array_index(tk->id_words, e->stem_id);
		keep[k++] = *e;
	}
	g_assert(k == n_keep);
	memset(tk->cache, 0, (tk->cache_mask + 1) * sizeof *tk->cache);
	tk->n_entries = 0;

	/* The id table, too, is emptied in place: regrown from its first size
	 * after every trim, it took fresh pages each time (400 page faults of
	 * a 1,000-article batch). The kept entries' strings stay readable in
	 * old_words until they are interned anew. */
	GStringChunk *old_words = tk->words;
	tk->words = g_string_chunk_new(1 << 16);
	guint id_cells = 1024; /* what 2 * max_entries ids need at half load */
	while (id_cells < 4 * (guint64)max_entries)
		id_cells *= 2;
	id_cells = (guint)table_cells(id_cells, sizeof(guint64));
	if (tk->ids.mask + 1 > id_cells) { /* grown by one huge document */
		free(tk->ids.slots);
		tk->ids.slots = id_cells_new(id_cells);
		tk->ids.mask = id_cells - 1;
	} else {
		memset(tk->ids.slots, 0, (tk->ids.mask + 1) * sizeof *tk->ids.slots);
	}
	tk->ids.n = 0;
	g_ptr_array_set_size(tk->id_words, 0);
	if (tk->pairs) /* its ids are the old ones */
		memset(tk->pairs, 0, sizeof *tk->pairs << tk->pair_bits);
	if (tk->norm_info_cap)
		memset(tk->norm_info, 0, tk->norm_info_cap * sizeof *tk->norm_info);
	for (guint i = 0; i < n_keep; i++) {
		CacheEntry x = keep[i];
		x.norm_id = intern(tk, keep_words[2 * i], strlen(keep_words[2 * i]));
		x.stem_id = intern(tk, keep_words[2 * i + 1], strlen(keep_words[2 * i + 1]));
		x.hits = 0;
		cache_insert(tk, &x);
	}
	g_free(keep);
	g_free(keep_words);
	g_string_chunk_free(old_words);
	return TRUE;
}

gsize lede_tokenizer_cache_bytes(const LedeTokenizer *tk)
{
	return ((gsize)tk->cache_mask + 1) * sizeof *tk->cache;
}

guint lede_tokenizer_n_ids(const LedeTokenizer *tk)
{
	return tk->id_words->len;
}

const char *lede_tokenizer_word(const LedeTokenizer *tk, guint id)
{
	g_return_val_if_fail(id < tk->id_words->len, NULL);
	return g_ptr_array_index(tk->id_words, id);
}

gboolean lede_tokenizer_is_stop(LedeTokenizer *tk, const char *norm, gssize len)
{
	if (len < 0)
		return g_hash_table_contains(tk->stop, norm);
	g_string_truncate(tk->scratch, 0);
	g_string_append_len(tk->scratch, norm, len);
	return g_hash_table_contains(tk->stop, tk->scratch->str);
}

/* Interns str (a norm or a stem, len bytes and a NUL) and returns its dense
 * id; the lasting copy is id_words[id]. Runs on cache misses only. */
static guint intern(LedeTokenizer *tk, const char *str, gsize len)
{
	IdTable *t = &tk->ids;
	guint32 hash = lede_word_hash(str, len);
	guint32 h = hash & t->mask;
	for (guint64 v; (v = t->slots[h]) != 0; h = (h + 1) & t->mask) {
		if ((guint32)(v >> 32) != hash)
			continue;
		guint id = (guint)(v & G_MAXUINT32) - 1;
		const char *w = g_ptr_array_index(tk->id_words, id);
		if (strcmp(w, str) == 0)
			return id;
	}
	const char *w = g_string_chunk_insert_len(tk->words, str, (gssize)len);
	guint id = tk->id_words->len;
	g_ptr_array_add(tk->id_words, (gpointer)w);
	t->slots[h] = (guint64)hash << 32 | (id + 1);
	if (++t->n * 2 > t->mask + 1)
		id_table_grow(t);
	return id;
}

/* NFKC + case fold, with the typographic apostrophe folded to ASCII so
 * "don’t" and "don't" are one word. Interns the norm: returns its id, and
 * its length in *len. */
static guint normalise(LedeTokenizer *tk, const char *raw, gsize n, gboolean ascii, gsize *len)
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
	*len = g->len;
	return intern(tk, g->str, g->len);
}

/* The stem of an interned norm of n bytes (norm_id is its id); returns the
 * stem's id. */
static guint stem_of(LedeTokenizer *tk, const char *norm, gsize n, guint norm_id, guint flags)
{
	/* Abbreviations keep their letters: the stemmer would cut "u.s" to "u.". */
	if ((flags & (LEDE_TOK_NUMBER | LEDE_TOK_CJK)) || n > WORD_MAX || !tk->stemmer ||
	    memchr(norm, '.', n))
		return norm_id;
	struct sb_stemmer *stemmer = tk->stemmer;
	if (tk->stemmer_ascii) {
		gboolean ascii = TRUE;
		for (gsize i = 0; i < n && ascii; i++)
			ascii = (guchar)norm[i] < 0x80;
		if (ascii)
			stemmer = tk->stemmer_ascii;
	}
	const sb_symbol *st = sb_stemmer_stem(stemmer, (const sb_symbol *)norm, (int)n);
	if (!st)
		return norm_id;
	int sl = sb_stemmer_length(stemmer);
	/* Arabic's stemmer strips a lone prefix letter to nothing. */
	if (sl <= 0 || ((gsize)sl == n && memcmp(st, norm, n) == 0))
		return norm_id;
	GString *g = tk->scratch;
	g_string_truncate(g, 0);
	g_string_append_len(g, (const char *)st, sl);
	return intern(tk, g->str, g->len);
}

/* The norm_info cell of id, the table grown to hold it. */
static guint32 *norm_info(LedeTokenizer *tk, guint id)
{
	if (id >= tk->norm_info_cap) {
		guint cap = MAX(tk->norm_info_cap * 2, 1024u);
		while (cap <= id)
			cap *= 2;
		tk->norm_info = g_renew(guint32, tk->norm_info, cap);
		memset(tk->norm_info + tk->norm_info_cap, 0,
		       (cap - tk->norm_info_cap) * sizeof *tk->norm_info);
		tk->norm_info_cap = cap;
	}
	return &tk->norm_info[id];
}

/* Fills t's ids and flags for the raw word text[0..n). */
static void analyse_word(LedeTokenizer *tk, const char *raw, gsize n, guint flags, gboolean ascii,
                         LedeToken *t)
{
	gsize norm_len;
	t->norm_id = normalise(tk, raw, n, ascii, &norm_len);
	t->flags = flags;
	/* Numbers and CJK are never stemmed (stem_of): only words are worth
	 * remembering, and for them the result depends on the norm alone. */
	gboolean word = !(flags & (LEDE_TOK_NUMBER | LEDE_TOK_CJK));
	guint32 known = word ? *norm_info(tk, t->norm_id) : 0;
	if (known) {
		if (known & NORM_STOP)
			t->flags |= LEDE_TOK_STOP;
		t->stem_id = (known & ~NORM_STOP) - 1;
		return;
	}
	const char *norm = g_ptr_array_index(tk->id_words, t->norm_id);
	const guint8 *r = word && tk->stems_on && norm_len <= WORD_MAX
	                      ? stem_table_find(tk, norm, norm_len)
	                      : NULL;
	if (r) {
		t->flags |= r[2] & LEDE_TOK_STOP;
		t->stem_id = r[1] == LEDE_STEMS_SAME
		                 ? t->norm_id
		                 : intern(tk, (const char *)r + 3 + norm_len + 1, r[1]);
	} else {
		if (g_hash_table_contains(tk->stop, norm))
			t->flags |= LEDE_TOK_STOP;
		t->stem_id = stem_of(tk, norm, norm_len, t->norm_id, t->flags);
	}
	if (word)
		*norm_info(tk, t->norm_id) =
		    (t->stem_id + 1) | (t->flags & LEDE_TOK_STOP ? NORM_STOP : 0);
}

/* Fills t's analysis from the cache when the raw word raw[0..n) (whose hash
 * is hash) is there; FALSE when it is not, or too long to be. */
static inline gboolean cached(LedeTokenizer *tk, const char *raw, gsize n, guint32 hash,
                              LedeToken *t)
{
	if (n > RAW_MAX)
		return FALSE;
	guint32 h = hash & tk->cache_mask;
	for (CacheEntry *e; (e = &tk->cache[h])->len; h = (h + 1) & tk->cache_mask) {
		if (e->hash == hash && e->len == n && lede_same_word(e->raw, raw, n)) {
			if (e->hits < G_MAXUINT16)
				e->hits++;
			t->norm_id = e->norm_id;
			t->stem_id = e->stem_id;
			t->flags = e->flags;
			return TRUE;
		}
	}
	return FALSE;
}

/* Fills t's analysis for the raw word raw[0..n), whose hash is hash (when
 * n <= RAW_MAX) and whose flags from the raw text are t->flags. */
static void lookup(LedeTokenizer *tk, const char *raw, gsize n, guint32 hash, gboolean ascii,
                   LedeToken *t)
{
	if (cached(tk, raw, n, hash, t))
		return;
	analyse_word(tk, raw, n, t->flags, ascii, t);
	if (n > RAW_MAX)
		return;
	/* The flags computed from the raw word are the same for every
	 * occurrence of these bytes, so they are cached with the rest. */
	if (tk->n_entries >= CACHE_MAX)
		cache_clear(tk);
	CacheEntry e = {hash, t->norm_id, t->stem_id, (guint8)n, (guint8)t->flags, 0, {0}};
	memcpy(e.raw, raw, n);
	cache_insert(tk, &e);
}

/* Tokens are found in blocks and looked up a block at a time: finding a
 * word computes its hash and asks the CPU to fetch its cache cell, and by
 * the time the block is looked up the cells have arrived. Looking each word
 * up as soon as it was found waited on memory for most of them (the table
 * is larger than the CPU's own caches). Blocks go to the output array with
 * one g_array_append_vals each. */
#define TOKBUF 64
typedef struct {
	LedeToken buf[TOKBUF];
	guint32 hash[TOKBUF];
	gboolean ascii[TOKBUF];
	guint n;
	LedeTokenizer *tk;
	const char *text; /* the text that start and end (less base) index */
	gsize base;
	GArray *out;
} TokBuf;

static void tokbuf_flush(TokBuf *b)
{
	/* The block's known words first; the new ones wait, and the id table
	 * cell each will be interned into is fetched meanwhile: on a miss that
	 * table is cold, and interning waited on memory for a fifth of a
	 * batch's new-word time. Most new words are their own norm (lower-case
	 * ASCII), which has the raw word's hash. A new word met twice in the
	 * block is new once: lookup finds it cached the second time. */
	LedeTokenizer *tk = b->tk;
	guint8 fresh[TOKBUF];
	guint n_fresh = 0;
	for (guint k = 0; k < b->n; k++) {
		LedeToken *t = &b->buf[k];
		gsize n = t->end - t->start;
		if (cached(tk, b->text + (t->start - b->base), n, b->hash[k], t))
			continue;
		fresh[n_fresh++] = (guint8)k;
		if (n <= RAW_MAX) {
			__builtin_prefetch(&tk->ids.slots[b->hash[k] & tk->ids.mask]);
			if (tk->stems_on)
				__builtin_prefetch(stem_slot(tk, b->hash[k]));
		}
	}
	/* The stem table is read the same way: its slot was fetched above, and
	 * the record it points to is fetched now, for a word that is its own
	 * norm (the slot was found with the raw word's hash). */
	if (tk->stems_on) {
		for (guint f = 0; f < n_fresh; f++) {
			guint k = fresh[f];
			if (b->buf[k].end - b->buf[k].start > RAW_MAX)
				continue;
			guint64 v = lede_rd_le64(stem_slot(tk, b->hash[k]));
			guint32 at = (guint32)v - 1;
			if (v && (guint32)(v >> 32) == b->hash[k] && at < tk->stems_records_len)
				__builtin_prefetch(tk->stems_records + at);
		}
	}
	for (guint f = 0; f < n_fresh; f++) {
		guint k = fresh[f];
		LedeToken *t = &b->buf[k];
		const char *raw = b->text + (t->start - b->base);
		lookup(tk, raw, t->end - t->start, b->hash[k], b->ascii[k], t);
	}
	g_array_append_vals(b->out, b->buf, b->n);
	b->n = 0;
}

/* Queues the raw word text[start..end) with the flags the scan gave it. */
static inline void tokbuf_add(TokBuf *b, gsize start, gsize end, guint flags, gboolean ascii)
{
	if (b->n == TOKBUF)
		tokbuf_flush(b);
	guint k = b->n++;
	LedeToken *t = &b->buf[k];
	t->start = start + b->base;
	t->end = end + b->base;
	t->flags = flags;
	b->ascii[k] = ascii;
	gsize n = end - start;
	if (n <= RAW_MAX) {
		guint32 hash = lede_word_hash(b->text + start, n);
		b->hash[k] = hash;
		__builtin_prefetch(&b->tk->cache[hash & b->tk->cache_mask]);
	}
}

/* Where the run of lower-case ASCII letters from k ends. Eight bytes at a
 * time where the text has them: news words are short, and one load usually
 * finds the byte after the word (the first byte whose high bit the masks
 * leave set, which needs the little-endian order of the load). */
static inline gsize lower_run_end(const guint8 *s, gsize len, gsize k)
{
#if G_BYTE_ORDER == G_LITTLE_ENDIAN
	const guint64 high = 0x8080808080808080u;
	while (k + 8 <= len) {
		guint64 x = lede_load64((const char *)s + k);
		guint64 y = x & ~high; /* each byte's low seven bits: no carries below */
		guint64 from_a = y + 0x1F1F1F1F1F1F1F1Fu; /* high bit: y >= 'a' (0x80 - 0x61) */
		guint64 past_z = y + 0x0505050505050505u; /* high bit: y > 'z' (0x80 - 0x7B) */
		guint64 other = (~from_a | past_z | x) & high;
		if (other)
			return k + (gsize)(__builtin_ctzll(other) >> 3);
		k += 8;
	}
#endif
	while (k < len && (guint8)(s[k] - 'a') < 26)
		k++;
	return k;
}

/* Whether the CJK token t[0..n) is one hiragana character. */
static gboolean is_hiragana(const char *t, gsize n)
{
	/* U+3041..U+309F: E3 81 81 .. E3 82 9F */
	return n == 3 && (guchar)t[0] == 0xE3 &&
	       ((guchar)t[1] == 0x81 || ((guchar)t[1] == 0x82 && (guchar)t[2] <= 0x9F));
}

/* The cache cell of the bigram of the norms a and b: a pair has one cell,
 * which keeps the last pair interned there. */
static inline PairCell *pair_cell(LedeTokenizer *tk, guint32 a, guint32 b)
{
	guint64 h = ((guint64)a << 32 | b) * 0x9E3779B97F4A7C15u;
	return &tk->pairs[h >> (64 - tk->pair_bits)];
}

/* Makes the bigram cache 2^bits cells, keeping what fits of what it had. */
static void pairs_resize(LedeTokenizer *tk, guint bits)
{
	PairCell *old = tk->pairs;
	gsize n_old = old ? (gsize)1 << tk->pair_bits : 0;
	tk->pairs = table_new(sizeof *tk->pairs << bits, sizeof(guint32));
	tk->pair_bits = bits;
	tk->pair_misses = 0;
	for (gsize i = 0; i < n_old; i++)
		if (old[i].pair)
			*pair_cell(tk, old[i].a, old[i].b) = old[i];
	free(old);
}

/* Interns the string of norm a followed by norm b and returns its id. */
static guint pair_intern(LedeTokenizer *tk, guint32 a, guint32 b)
{
	const char *na = g_ptr_array_index(tk->id_words, a);
	const char *nb = g_ptr_array_index(tk->id_words, b);
	gsize la = strlen(na), lb = strlen(nb);
	char two[32]; /* two characters; NFKC may make one a few (㍿) */
	if (la + lb <= sizeof two) {
		memcpy(two, na, la);
		memcpy(two + la, nb, lb);
		return intern(tk, two, la + lb);
	}
	GString *g = tk->scratch;
	g_string_assign(g, na);
	g_string_append(g, nb);
	return intern(tk, g->str, g->len);
}

/* Unspaced scripts: a character alone says little (の, 日), a pair of
 * neighbours says much more (日本, 首相), and needs no dictionary. Each CJK
 * token's stem becomes the pair it opens with the next one; the last of a
 * run keeps its own character. Pairs of hiragana (した, ている's pieces)
 * are grammar, so they are stop words, and so is a hiragana alone.
 *
 * A pair is a function of its two norm ids, and is looked up by them in a
 * small cache before its string is made and interned: nearly every pair
 * of a text has been met before, and the strlen, copies, hash and strcmp
 * of interning it again cost a seventh of a Japanese batch. The cache
 * changes no id: the pairs it gives were interned (lede_tokenizer_trim,
 * which numbers ids anew, empties it). */
static void cjk_bigrams(LedeTokenizer *tk, const char *text, gsize base, GArray *out, guint first)
{
	LedeToken *t = (LedeToken *)(void *)out->data;
	for (guint k = first; k < out->len; k++) {
		if (!(t[k].flags & LEDE_TOK_CJK))
			continue;
		const char *a = text + (t[k].start - base);
		gsize an = t[k].end - t[k].start;
		gboolean pair = k + 1 < out->len && (t[k + 1].flags & LEDE_TOK_CJK) &&
		                t[k + 1].start == t[k].end;
		if (!pair) {
			if (is_hiragana(a, an))
				t[k].flags |= LEDE_TOK_STOP;
			continue;
		}
		gsize bn = t[k + 1].end - t[k + 1].start;
		guint32 na = t[k].norm_id, nb = t[k + 1].norm_id;
		if (G_UNLIKELY(!tk->pairs))
			pairs_resize(tk, PAIR_MIN_BITS);
		PairCell *cell = pair_cell(tk, na, nb);
		if (cell->pair && cell->a == na && cell->b == nb) {
			t[k].stem_id = cell->pair - 1;
		} else {
			t[k].stem_id = pair_intern(tk, na, nb);
			if (++tk->pair_misses * 4 > 1u << tk->pair_bits &&
			    tk->pair_bits < PAIR_MAX_BITS)
				pairs_resize(tk, tk->pair_bits + 1);
			*pair_cell(tk, na, nb) = (PairCell){na, nb, t[k].stem_id + 1};
		}
		if (is_hiragana(a, an) && is_hiragana(a + an, bn))
			t[k].flags |= LEDE_TOK_STOP;
	}
}

/* Whether w[0..n) is one of the words of list (lower case, NULL-terminated)
 * in any case. */
static gboolean elided(const char *const *list, const char *w, gsize n)
{
	for (; *list; list++)
		if (strlen(*list) == n && g_ascii_strncasecmp(*list, w, n) == 0)
			return TRUE;
	return FALSE;
}

void lede_tokenize(LedeTokenizer *tk, const char *text, gsize len, gsize base, GArray *out)
{
	guint first = out->len;
	const guint8 *s = (const guint8 *)text;
	TokBuf tb;
	tb.n = 0;
	tb.tk = tk;
	tb.text = text;
	tb.base = base;
	tb.out = out;
	gsize i = 0;
	while (i < len) {
		gsize n;
		int c = class_at(tk, s, len, i, &n);
		if (c == C_OTHER) {
			i += n;
			continue;
		}
		if (c == C_CJK) {
			/* One token per ideograph/kana; combining marks (dakuten)
			 * stay with it. A run of them is taken here whole: the
			 * character that ends a token's marks is classified once,
			 * for the next token, not again by the outer loop. */
			gsize start = i, j = i + n;
			for (;;) {
				c = class_at(tk, s, len, j, &n);
				if (c == C_MARK) {
					j += n;
					continue;
				}
				tokbuf_add(&tb, start, j, LEDE_TOK_CJK, FALSE);
				if (c != C_CJK)
					break;
				start = j;
				j += n;
			}
			i = j;
			continue;
		}

		gsize start = i, j = i;
		guint n_letters = 0, n_upper = 0, seg = 0;
		gboolean has_digit = FALSE, ascii = TRUE;
		int first_letter = -1, prev = C_OTHER;
		while (j < len) {
			/* Runs of lower-case ASCII are most of any text: take them
			 * whole, with the counts a letter at a time would give. */
			if ((guint8)(s[j] - 'a') < 26) {
				gsize k = lower_run_end(s, len, j + 1);
				if (first_letter < 0)
					first_letter = C_LETTER;
				n_letters += (guint)(k - j);
				seg += (guint)(k - j);
				prev = C_LETTER;
				j = k;
				continue;
			}
			c = class_at(tk, s, len, j, &n);
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
				/* l'homme, qu'il: the elided word is a word of its own */
				if (tk->lang->elided &&
				    elided(tk->lang->elided, text + start, j - start))
					break;
				/* don't, obama's, o’neill: an apostrophe between letters */
				if (prev == C_LETTER &&
				    is_letter(class_at(tk, s, len, j + n, &m))) {
					if (n > 1)
						ascii = FALSE;
					j += n;
					seg = 0;
					continue;
				}
			} else if (cp == '.') {
				int c2 = class_at(tk, s, len, j + 1, &m);
				/* 3.5 and 192.168.0.1 */
				if (prev == C_DIGIT && c2 == C_DIGIT) {
					j += 1;
					seg = 0;
					continue;
				}
				/* u.s, e.g, j.k: single letters between periods */
				if (prev == C_LETTER && seg == 1 && is_letter(c2)) {
					int c3 = class_at(tk, s, len, j + 1 + m, &m2);
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
		tokbuf_add(&tb, start, j, flags, ascii);
		/* The byte that ended the word is classified (c, n): when it
		 * starts no word, step over it rather than classify it again. */
		i = j < len && c == C_OTHER ? j + n : j;
	}
	tokbuf_flush(&tb);
	if (tk->lang->cjk)
		cjk_bigrams(tk, text, base, out, first);
}
