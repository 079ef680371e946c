/* lede digest: the same story from two sources, shown once.
 *
 * A story's signature is the set of stemmed content words among its first
 * SIGNATURE_WORDS words: agencies' copy is edited at the end, rarely at the
 * top. Two stories are the same when the Jaccard similarity of their sets is
 * at least SAME_STORY. Comparing every pair is quadratic, so candidates come
 * from min-hash banding (locality-sensitive hashing): DIGEST_BANDS bands of
 * DIGEST_ROWS min-hashes; stories that agree on a whole band share a bucket
 * and only those are compared exactly. With 16 bands of 3 rows a pair at
 * similarity 0.5 becomes a candidate with probability 0.88, at 0.6 with 0.97,
 * and an unrelated pair (0.05) with 0.002.
 */
#include "digest.h"

#define SIGNATURE_WORDS 100
#define MIN_SHINGLES 8 /* fewer content words than this: too little to judge */
#define SAME_STORY 0.5
#define BUCKET_LEADERS 16

static const char *const stop_words[] = {
    "a",     "about",   "after", "again",   "against", "all",   "also",    "am",    "an",
    "and",   "any",     "are",   "as",      "at",      "be",    "because", "been",  "before",
    "being", "between", "both",  "but",     "by",      "can",   "could",   "did",   "do",
    "does",  "doing",   "down",  "during",  "each",    "few",   "for",     "from",  "further",
    "had",   "has",     "have",  "having",  "he",      "her",   "here",    "hers",  "him",
    "his",   "how",     "i",     "if",      "in",      "into",  "is",      "it",    "its",
    "just",  "me",      "more",  "most",    "my",      "no",    "nor",     "not",   "now",
    "of",    "off",     "on",    "once",    "only",    "or",    "other",   "our",   "out",
    "over",  "own",     "said",  "same",    "says",    "she",   "should",  "so",    "some",
    "such",  "than",    "that",  "the",     "their",   "them",  "then",    "there", "these",
    "they",  "this",    "those", "through", "to",      "too",   "under",   "until", "up",
    "very",  "was",     "we",    "were",    "what",    "when",  "where",   "which", "while",
    "who",   "whom",    "why",   "will",    "with",    "would", "you",     "your",
};

static gpointer make_stop_set(gpointer unused)
{
	(void)unused;
	GHashTable *h = g_hash_table_new(g_str_hash, g_str_equal);
	for (gsize i = 0; i < G_N_ELEMENTS(stop_words); i++)
		g_hash_table_add(h, (gpointer)stop_words[i]);
	return h;
}

static guint64 mix64(guint64 x)
{
	/* splitmix64's finaliser */
	x ^= x >> 30;
	x *= 0xbf58476d1ce4e5b9ULL;
	x ^= x >> 27;
	x *= 0x94d049bb133111ebULL;
	x ^= x >> 31;
	return x;
}

static guint64 fnv1a(const char *s, gsize n)
{
	guint64 h = 0xcbf29ce484222325ULL;
	for (gsize i = 0; i < n; i++) {
		h ^= (guchar)s[i];
		h *= 0x100000001b3ULL;
	}
	return h;
}

static int cmp_u64(const void *a, const void *b)
{
	guint64 x = *(const guint64 *)a, y = *(const guint64 *)b;
	return x < y ? -1 : x > y;
}

#define STEM_CACHE_MAX 200000

void digest_signature(Story *s, const char *text, gsize len, GHashTable *cache)
{
	static GOnce once = G_ONCE_INIT;
	GHashTable *stops = g_once(&once, make_stop_set, NULL);
	guint64 set[SIGNATURE_WORDS];
	gsize n = 0, words = 0;
	const char *p = text, *end = text + len;
	GString *w = g_string_new(NULL);
	while (p < end && words < SIGNATURE_WORDS) {
		gunichar c = g_utf8_get_char_validated(p, end - p);
		if (c == (gunichar)-1 || c == (gunichar)-2) {
			p++;
			continue;
		}
		const char *next = g_utf8_next_char(p);
		if (g_unichar_isalnum(c)) {
			g_string_append_unichar(w, g_unichar_tolower(c));
			p = next;
			if (p < end)
				continue;
		} else {
			p = next;
		}
		if (!w->len)
			continue;
		words++;
		if (w->len > 1 && !g_hash_table_contains(stops, w->str)) {
			guint64 *h = g_hash_table_lookup(cache, w->str);
			if (h) {
				set[n++] = *h;
			} else {
				char *stem = lede_porter_stem(w->str, (gssize)w->len);
				set[n++] = mix64(fnv1a(stem, strlen(stem)));
				g_free(stem);
				if (g_hash_table_size(cache) < STEM_CACHE_MAX)
					g_hash_table_insert(cache, g_strdup(w->str),
					                    g_memdup2(&set[n - 1], sizeof set[0]));
			}
		}
		g_string_truncate(w, 0);
	}
	g_string_free(w, TRUE);
	qsort(set, n, sizeof set[0], cmp_u64);
	gsize u = 0;
	for (gsize i = 0; i < n; i++)
		if (u == 0 || set[u - 1] != set[i])
			set[u++] = set[i];
	s->n_shingles = u;
	s->shingles = g_memdup2(set, u * sizeof set[0]);
	for (gsize k = 0; k < DIGEST_MINHASH; k++) {
		guint64 seed = mix64(k + 1);
		guint64 best = G_MAXUINT64;
		for (gsize i = 0; i < u; i++) {
			guint64 h = mix64(set[i] ^ seed);
			if (h < best)
				best = h;
		}
		s->minhash[k] = (guint32)(best >> 32);
	}
}

static double jaccard(const Story *a, const Story *b)
{
	gsize i = 0, j = 0, both = 0;
	while (i < a->n_shingles && j < b->n_shingles) {
		if (a->shingles[i] == b->shingles[j]) {
			both++;
			i++;
			j++;
		} else if (a->shingles[i] < b->shingles[j]) {
			i++;
		} else {
			j++;
		}
	}
	gsize uni = a->n_shingles + b->n_shingles - both;
	return uni ? (double)both / (double)uni : 0.0;
}

void entry_free(gpointer p)
{
	Entry *e = p;
	g_ptr_array_free(e->members, TRUE);
	g_free(e);
}

static guint64 band_key(const Story *s, guint b)
{
	guint64 h = mix64(b + 0x51ed27);
	for (guint r = 0; r < DIGEST_ROWS; r++)
		h = mix64(h ^ s->minhash[b * DIGEST_ROWS + r]);
	return h;
}

/* Leader clustering: in input order, a story joins the most similar earlier
 * leader it shares a bucket with, or becomes a leader itself. Comparing with
 * leaders only (not with every member, as a union-find would) keeps A and C
 * apart when each half-resembles B. */
GPtrArray *digest_group(Story **st, guint n)
{
	GHashTable *buckets = g_hash_table_new_full(g_int64_hash, g_int64_equal, g_free,
	                                            (GDestroyNotify)g_array_unref);
	GPtrArray *entries = g_ptr_array_new_with_free_func(entry_free);
	Entry **entry_of = g_new0(Entry *, n); /* by leader index */
	/* feed items by link: the same story in several feeds, whatever its text */
	GHashTable *by_link = g_hash_table_new(g_str_hash, g_str_equal);
	guint64 keys[DIGEST_BANDS];
	for (guint i = 0; i < n; i++) {
		Story *s = st[i];
		guint best = G_MAXUINT;
		double best_j = SAME_STORY;
		gboolean linked = s->kind == KIND_ITEM && s->url;
		gpointer same_link = linked ? g_hash_table_lookup(by_link, s->url) : NULL;
		if (same_link)
			best = GPOINTER_TO_UINT(same_link) - 1;
		else if (s->n_shingles >= MIN_SHINGLES) {
			for (guint b = 0; b < DIGEST_BANDS; b++) {
				keys[b] = band_key(s, b);
				GArray *leaders = g_hash_table_lookup(buckets, &keys[b]);
				for (guint k = 0; leaders && k < leaders->len; k++) {
					guint l = g_array_index(leaders, guint, k);
					double j = l == best ? 0 : jaccard(st[l], s);
					if (j > best_j ||
					    (j == best_j && l < best && j >= SAME_STORY)) {
						best = l;
						best_j = j;
					}
				}
			}
		}
		Entry *e;
		if (best != G_MAXUINT) {
			e = entry_of[best];
		} else {
			e = entry_of[i] = g_new0(Entry, 1);
			e->members = g_ptr_array_new();
			e->date = G_MININT64;
			g_ptr_array_add(entries, e);
			for (guint b = 0; s->n_shingles >= MIN_SHINGLES && b < DIGEST_BANDS; b++) {
				GArray *leaders = g_hash_table_lookup(buckets, &keys[b]);
				if (!leaders) {
					leaders = g_array_new(FALSE, FALSE, sizeof(guint));
					g_hash_table_insert(
					    buckets, g_memdup2(&keys[b], sizeof keys[b]), leaders);
				}
				/* a bucket full of distinct leaders is one common band value:
				 * more of them would add work, not matches */
				if (leaders->len < BUCKET_LEADERS)
					g_array_append_val(leaders, i);
			}
		}
		if (linked && !same_link)
			g_hash_table_insert(by_link, s->url,
			                    GUINT_TO_POINTER(best != G_MAXUINT ? best + 1 : i + 1));
		g_ptr_array_add(e->members, s);
		/* the longest telling is shown; on a tie the first found */
		if (!e->rep || s->text_len > e->rep->text_len)
			e->rep = s;
		e->date = MAX(e->date, s->date);
	}
	g_free(entry_of);
	g_hash_table_destroy(by_link);
	g_hash_table_destroy(buckets);
	return entries;
}
