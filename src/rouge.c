/* ROUGE-1, ROUGE-2, ROUGE-L and ROUGE-Lsum as Google's rouge_score computes
 * them, to the sixth decimal (tests/test-rouge.c runs its conformance vectors).
 *
 * Tokens are interned to integer ids once per distinct word, so after the
 * first few documents scoring is integer work: the stem of a word is computed
 * once (the cache lives in the lede_rouge object), n-gram overlap is counted
 * in arrays indexed by id, and ROUGE-L keeps one DP row of the shorter text.
 *
 * The default tokenizer is rouge_score's, byte for byte: lower-case, every
 * character outside [a-z0-9] is a separator. LEDE_ROUGE_UNICODE selects an
 * extension that rouge_score does not have (so its scores are not comparable
 * with published ones): the tokenization of ../shared/eval-i18n/README.md
 * (NFKC, lower case, runs of letters, marks and numbers are words, every CJK
 * character is a word of its own), so other scripts score at all.
 */
#include "lede-private.h"

#include <utf8proc.h>

/* Interned words are dropped and renumbered past this many, so a long-lived
 * scorer fed unbounded text does not grow without limit. */
#define VOCAB_MAX (1u << 20)

typedef struct {
	GArray *ids;   /* guint32 token ids */
	GArray *sents; /* guint32: end offset (in ids) of each '\n'-separated sentence */
} Toks;

struct lede_rouge {
	unsigned flags;
	GHashTable *word2id; /* surface token (owned) -> id + 1 */
	GHashTable *stem2id; /* stem (owned) -> id + 1 */
	guint32 n_ids;
	GString *scratch;
	Toks pred, ref;
	guint32 *cnt_a, *cnt_b; /* per-id counters, all zero between uses */
	guint32 *slot;          /* per id: lcs_mark's number for a token, zero between uses */
	gsize cnt_cap;
	GArray *bi_pred, *bi_ref; /* guint64 bigram keys */
	guint64 *rows;            /* lcs_mark's bit rows: checkpoints and one block */
	gsize rows_cap;
	/* lcs_mark's match masks, sparse: slot s has the words
	 * [sp_first[s], sp_first[s + 1]) of sp_word (their index) and sp_bits */
	guint64 *sp_bits;
	guint32 *sp_word, *sp_first, *sp_last; /* sp_last: scratch, one per slot */
	gsize sp_cap, sp_first_cap;
	guint8 *mark;
	gsize mark_cap;
	guint64 *bits_buf;
	gsize bits_cap;
};

lede_rouge *lede_rouge_new(unsigned flags)
{
	lede_rouge *r = g_new0(lede_rouge, 1);
	r->flags = flags;
	r->word2id = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
	r->stem2id = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
	r->scratch = g_string_sized_new(4096);
	r->pred.ids = g_array_new(FALSE, FALSE, sizeof(guint32));
	r->pred.sents = g_array_new(FALSE, FALSE, sizeof(guint32));
	r->ref.ids = g_array_new(FALSE, FALSE, sizeof(guint32));
	r->ref.sents = g_array_new(FALSE, FALSE, sizeof(guint32));
	r->bi_pred = g_array_new(FALSE, FALSE, sizeof(guint64));
	r->bi_ref = g_array_new(FALSE, FALSE, sizeof(guint64));
	return r;
}

void lede_rouge_free(lede_rouge *r)
{
	if (!r)
		return;
	g_hash_table_destroy(r->word2id);
	g_hash_table_destroy(r->stem2id);
	g_string_free(r->scratch, TRUE);
	g_array_free(r->pred.ids, TRUE);
	g_array_free(r->pred.sents, TRUE);
	g_array_free(r->ref.ids, TRUE);
	g_array_free(r->ref.sents, TRUE);
	g_array_free(r->bi_pred, TRUE);
	g_array_free(r->bi_ref, TRUE);
	g_free(r->cnt_a);
	g_free(r->cnt_b);
	g_free(r->slot);
	g_free(r->rows);
	g_free(r->sp_bits);
	g_free(r->sp_word);
	g_free(r->sp_first);
	g_free(r->sp_last);
	g_free(r->mark);
	g_free(r->bits_buf);
	g_free(r);
}

/* ---- tokenizing ------------------------------------------------------- */

static gboolean is_ascii_word(const char *w)
{
	for (; *w; w++)
		if ((guchar)*w >= 0x80)
			return FALSE;
	return TRUE;
}

/* w is NUL-terminated inside scratch memory. */
static guint32 intern(lede_rouge *r, const char *w, gsize len)
{
	gpointer v = g_hash_table_lookup(r->word2id, w);
	if (v)
		return GPOINTER_TO_UINT(v) - 1;
	char *stem;
	/* rouge_score stems tokens of more than three characters (it counts
	 * characters; its tokens are ASCII, so bytes here). */
	if ((r->flags & LEDE_ROUGE_STEM) && len > 3 && is_ascii_word(w))
		stem = lede_porter_stem(w, (gssize)len);
	else
		stem = g_strndup(w, len);
	guint32 id;
	gpointer sv = g_hash_table_lookup(r->stem2id, stem);
	if (sv) {
		id = GPOINTER_TO_UINT(sv) - 1;
		g_free(stem);
	} else {
		id = r->n_ids++;
		g_hash_table_insert(r->stem2id, stem, GUINT_TO_POINTER(id + 1));
	}
	g_hash_table_insert(r->word2id, g_strndup(w, len), GUINT_TO_POINTER(id + 1));
	return id;
}

static void end_sentence(Toks *t)
{
	guint32 end = t->ids->len;
	guint32 prev = t->sents->len ? g_array_index(t->sents, guint32, t->sents->len - 1) : 0;
	/* Sentences without tokens change nothing in rouge_score's union-LCS. */
	if (end > prev)
		g_array_append_val(t->sents, end);
}

static void tokenize_rouge(lede_rouge *r, const char *text, Toks *t)
{
	GString *s = r->scratch;
	g_string_set_size(s, 0);
	/* Map to lower-case [a-z0-9], NUL for separators and '\n' kept as the
	 * sentence mark. Python's str.lower() turns exactly two non-ASCII
	 * characters into ASCII letters: U+0130 (-> "i" + combining dot) and
	 * U+212A KELVIN SIGN (-> "k"). */
	for (const guchar *p = (const guchar *)text; *p; p++) {
		guchar c = *p;
		if (c >= 'A' && c <= 'Z')
			g_string_append_c(s, (char)(c + 32));
		else if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '\n')
			g_string_append_c(s, (char)c);
		else if (c == 0xC4 && p[1] == 0xB0) {
			/* the combining dot that follows the i is a separator */
			g_string_append_len(s, "i", 2);
			p++;
		} else if (c == 0xE2 && p[1] == 0x84 && p[2] == 0xAA) {
			g_string_append_c(s, 'k');
			p += 2;
		} else
			g_string_append_c(s, '\0');
	}
	g_string_append_c(s, '\0');
	char *b = s->str;
	gsize n = s->len - 1, i = 0;
	while (i < n) {
		if (b[i] == '\n') {
			b[i] = '\0';
			end_sentence(t);
			i++;
			continue;
		}
		if (!b[i]) {
			i++;
			continue;
		}
		gsize j = i;
		while (j < n && b[j] && b[j] != '\n')
			j++;
		gboolean nl = j < n && b[j] == '\n';
		b[j] = '\0';
		guint32 id = intern(r, b + i, j - i);
		g_array_append_val(t->ids, id);
		if (nl) {
			end_sentence(t);
			j++;
		}
		i = j;
	}
	end_sentence(t);
}

/* The CJK characters that are a token each (eval-i18n/README.md's list),
 * when they are letters, marks or numbers. */
static gboolean is_cjk(utf8proc_int32_t c)
{
	return (c >= 0x3005 && c <= 0x3007) || (c >= 0x303B && c <= 0x303C) ||
	       (c >= 0x3040 && c <= 0x30FF) || (c >= 0x31F0 && c <= 0x31FF) ||
	       (c >= 0x3400 && c <= 0x4DBF) || (c >= 0x4E00 && c <= 0x9FFF) ||
	       (c >= 0xF900 && c <= 0xFAFF) || (c >= 0x20000 && c <= 0x2FA1F) ||
	       (c >= 0x30000 && c <= 0x3134F);
}

/* Letters (L*), marks (M*, so Arabic vowel signs stay inside words) and
 * numbers (N*), wherever they stand. */
static gboolean is_word_char(utf8proc_int32_t c)
{
	utf8proc_category_t cat = utf8proc_category(c);
	return (cat >= UTF8PROC_CATEGORY_LU && cat <= UTF8PROC_CATEGORY_LO) ||
	       (cat >= UTF8PROC_CATEGORY_MN && cat <= UTF8PROC_CATEGORY_ME) ||
	       (cat >= UTF8PROC_CATEGORY_ND && cat <= UTF8PROC_CATEGORY_NO);
}

/* The tokenization of eval-i18n/README.md, which the multilingual baselines
 * were computed with: NFKC, then lower case (Python's str.lower, code point
 * by code point), then every CJK character a token and every other maximal
 * run of word characters a token. */
static void tokenize_unicode(lede_rouge *r, const char *text, Toks *t)
{
	utf8proc_uint8_t *norm = NULL;
	utf8proc_ssize_t nlen =
	    utf8proc_map((const utf8proc_uint8_t *)text, 0, &norm,
	                 UTF8PROC_NULLTERM | UTF8PROC_STABLE | UTF8PROC_COMPOSE | UTF8PROC_COMPAT);
	if (nlen < 0) {
		/* invalid UTF-8: repair and try once more */
		char *valid = g_utf8_make_valid(text, -1);
		nlen = utf8proc_map((const utf8proc_uint8_t *)valid, 0, &norm,
		                    UTF8PROC_NULLTERM | UTF8PROC_STABLE | UTF8PROC_COMPOSE |
		                        UTF8PROC_COMPAT);
		g_free(valid);
		if (nlen < 0) {
			end_sentence(t);
			return;
		}
	}
	GString *s = r->scratch;
	g_string_set_size(s, 0);
	utf8proc_ssize_t i = 0;
	while (i <= nlen) {
		utf8proc_int32_t c = -1;
		utf8proc_ssize_t k = 1;
		if (i < nlen) {
			k = utf8proc_iterate(norm + i, nlen - i, &c);
			if (k <= 0) {
				k = 1;
				c = -1;
			} else {
				c = utf8proc_tolower(c);
			}
		}
		gboolean word = c >= 0 && is_word_char(c);
		gboolean alone = word && is_cjk(c);
		if ((!word || alone) && s->len) {
			guint32 id = intern(r, s->str, s->len);
			g_array_append_val(t->ids, id);
			g_string_set_size(s, 0);
		}
		if (word) {
			utf8proc_uint8_t buf[4];
			utf8proc_ssize_t m = utf8proc_encode_char(c, buf);
			g_string_append_len(s, (const char *)buf, m);
			if (alone) {
				guint32 id = intern(r, s->str, s->len);
				g_array_append_val(t->ids, id);
				g_string_set_size(s, 0);
			}
		}
		if (c == '\n')
			end_sentence(t);
		i += k;
	}
	end_sentence(t);
	free(norm);
}

static void tokenize(lede_rouge *r, const char *text, Toks *t)
{
	g_array_set_size(t->ids, 0);
	g_array_set_size(t->sents, 0);
	if (r->flags & LEDE_ROUGE_UNICODE)
		tokenize_unicode(r, text, t);
	else
		tokenize_rouge(r, text, t);
}

/* ---- scoring ------------------------------------------------------------ */

static void ensure_counts(lede_rouge *r)
{
	if (r->cnt_cap >= r->n_ids)
		return;
	gsize cap = MAX(r->n_ids, r->cnt_cap * 2);
	r->cnt_a = g_renew(guint32, r->cnt_a, cap);
	r->cnt_b = g_renew(guint32, r->cnt_b, cap);
	r->slot = g_renew(guint32, r->slot, cap);
	memset(r->cnt_a + r->cnt_cap, 0, (cap - r->cnt_cap) * sizeof(guint32));
	memset(r->cnt_b + r->cnt_cap, 0, (cap - r->cnt_cap) * sizeof(guint32));
	memset(r->slot + r->cnt_cap, 0, (cap - r->cnt_cap) * sizeof(guint32));
	r->cnt_cap = cap;
}

static void prf(lede_rouge_prf *out, double hits, double n_pred, double n_ref)
{
	out->precision = hits / MAX(n_pred, 1.0);
	out->recall = hits / MAX(n_ref, 1.0);
	double s = out->precision + out->recall;
	out->fmeasure = s > 0 ? 2 * out->precision * out->recall / s : 0.0;
}

static int cmp_u64(const void *a, const void *b)
{
	guint64 x = *(const guint64 *)a, y = *(const guint64 *)b;
	return x < y ? -1 : x > y;
}

static void bigrams(const GArray *ids, GArray *out)
{
	const guint32 *v = (const guint32 *)ids->data;
	g_array_set_size(out, ids->len > 1 ? ids->len - 1 : 0);
	guint64 *b = (guint64 *)out->data;
	for (guint i = 0; i + 1 < ids->len; i++)
		b[i] = ((guint64)v[i] << 32) | v[i + 1];
	if (out->len > 1) /* an empty GArray has no data pointer for qsort */
		qsort(b, out->len, sizeof *b, cmp_u64);
}

static gsize sorted_overlap(const GArray *a, const GArray *b)
{
	const guint64 *x = (const guint64 *)a->data, *y = (const guint64 *)b->data;
	gsize i = 0, j = 0, hits = 0;
	while (i < a->len && j < b->len) {
		if (x[i] < y[j])
			i++;
		else if (x[i] > y[j])
			j++;
		else {
			hits++;
			i++;
			j++;
		}
	}
	return hits;
}

/* LCS length, bit-parallel (Hyyro 2004): one bit per token of a, so memory
 * is linear in a and the work is |b| * |a| / 64 word operations. */
static guint32 lcs_len(lede_rouge *r, const guint32 *a, gsize na, const guint32 *b, gsize nb)
{
	gsize words = (na + 63) / 64;
	/* slot[id] (in cnt_b, zero between uses) numbers a's distinct tokens */
	guint32 *slot = r->cnt_b, n_slots = 0;
	for (gsize i = 0; i < na; i++)
		if (!slot[a[i]])
			slot[a[i]] = ++n_slots;
	gsize need = ((gsize)n_slots + 2) * words;
	if (r->bits_cap < need) {
		r->bits_cap = MAX(need, r->bits_cap * 2);
		r->bits_buf = g_renew(guint64, r->bits_buf, r->bits_cap);
	}
	guint64 *masks = r->bits_buf;
	memset(masks, 0, ((gsize)n_slots + 1) * words * sizeof *masks);
	for (gsize i = 0; i < na; i++)
		masks[(gsize)slot[a[i]] * words + i / 64] |= 1ull << (i % 64);
	guint64 *v = masks + ((gsize)n_slots + 1) * words;
	for (gsize w = 0; w < words; w++)
		v[w] = ~0ull;
	for (gsize j = 0; j < nb; j++) {
		guint32 s = b[j] < r->cnt_cap ? slot[b[j]] : 0;
		if (!s)
			continue; /* no match: V is unchanged */
		const guint64 *m = masks + (gsize)s * words;
		guint64 carry = 0;
		for (gsize w = 0; w < words; w++) {
			guint64 u = v[w] & m[w];
			guint64 sum = v[w] + u + carry;
			carry = sum < v[w] || (carry && sum == v[w]);
			v[w] = sum | (v[w] & ~m[w]);
		}
	}
	guint32 zeros = 0;
	for (gsize w = 0; w < words; w++) {
		guint64 x = v[w];
		if (w == words - 1 && na % 64)
			x |= ~0ull << (na % 64);
		zeros += 64 - (guint32)__builtin_popcountll(x);
	}
	for (gsize i = 0; i < na; i++)
		slot[a[i]] = 0;
	return zeros;
}

/* Makes cand's match masks for lcs_step, sparse so that they take memory
 * linear in nc whatever the number of distinct tokens: r->slot[id] numbers
 * cand's distinct tokens from 1 (the caller clears it), and slot s has one
 * (word index, bits) entry for each 64-token word of cand that holds it. */
static void sparse_masks(lede_rouge *r, const guint32 *cand, gsize nc)
{
	guint32 *slot = r->slot, n_slots = 0;
	for (gsize j = 0; j < nc; j++)
		if (!slot[cand[j]])
			slot[cand[j]] = ++n_slots;
	if (r->sp_first_cap < (gsize)n_slots + 2) {
		r->sp_first_cap = MAX((gsize)n_slots + 2, r->sp_first_cap * 2);
		r->sp_first = g_renew(guint32, r->sp_first, r->sp_first_cap);
		r->sp_last = g_renew(guint32, r->sp_last, r->sp_first_cap);
	}
	if (r->sp_cap < nc) {
		r->sp_cap = MAX(nc, r->sp_cap * 2);
		r->sp_bits = g_renew(guint64, r->sp_bits, r->sp_cap);
		r->sp_word = g_renew(guint32, r->sp_word, r->sp_cap);
	}
	/* A counting sort of the (slot, word) pairs. A pair is new unless the
	 * slot's previous position was in the same word: last[s] is that word
	 * + 1, 0 for none yet. */
	guint32 *first = r->sp_first, *last = r->sp_last;
	memset(first, 0, ((gsize)n_slots + 2) * sizeof *first);
	memset(last, 0, ((gsize)n_slots + 1) * sizeof *last);
	for (gsize j = 0; j < nc; j++) {
		guint32 s = slot[cand[j]], w = (guint32)(j / 64) + 1;
		if (last[s] != w) {
			last[s] = w;
			first[s + 1]++;
		}
	}
	/* first[s + 1] held slot s's count; summed, first[s] is where slot s
	 * starts. Filling moves first[s + 1] from the start of slot s to its
	 * end, which is where the entries are read from then. */
	for (guint32 s = 1; s <= n_slots + 1; s++)
		first[s] += first[s - 1];
	for (guint32 s = n_slots; s > 0; s--)
		first[s + 1] = first[s];
	memset(last, 0, ((gsize)n_slots + 1) * sizeof *last);
	for (gsize j = 0; j < nc; j++) {
		guint32 s = slot[cand[j]], w = (guint32)(j / 64);
		guint64 bit = 1ull << (j % 64);
		if (last[s] == w + 1) {
			r->sp_bits[first[s + 1] - 1] |= bit;
		} else {
			last[s] = w + 1;
			r->sp_word[first[s + 1]] = w;
			r->sp_bits[first[s + 1]] = bit;
			first[s + 1]++;
		}
	}
}

/* One row of Hyyro's bit-parallel LCS over cand (the bits, in words of 64),
 * for the reference token of slot s (0: cand does not have it). A word
 * without a match only passes the carry on, so only the words with a match
 * and those the carry reaches are touched. */
static void lcs_step(const lede_rouge *r, guint64 *v, gsize words, guint32 s)
{
	if (!s)
		return;
	guint64 carry = 0;
	gsize pos = 0;
	for (guint32 e = r->sp_first[s]; e < r->sp_first[s + 1]; e++) {
		gsize w = r->sp_word[e];
		for (; carry && pos < w; pos++) {
			guint64 x = v[pos];
			carry = x == ~0ull;
			v[pos] = (x + 1) | x;
		}
		guint64 m = r->sp_bits[e], x = v[w];
		guint64 u = x & m;
		guint64 sum = x + u + carry;
		carry = sum < x || (carry && sum == x);
		v[w] = sum | (x & ~m);
		pos = w + 1;
	}
	for (; carry && pos < words; pos++) {
		guint64 x = v[pos];
		carry = x == ~0ull;
		v[pos] = (x + 1) | x;
	}
}

/* LCS(ref[0..i), cand[0..j)) from row i's bits: a zero bit at k means the
 * LCS grows by one from cand[0..k) to cand[0..k]. */
static guint32 lcs_at(const guint64 *v, gsize j)
{
	guint32 ones = 0;
	for (gsize w = 0; w < j / 64; w++)
		ones += (guint32)__builtin_popcountll(v[w]);
	if (j % 64)
		ones += (guint32)__builtin_popcountll(v[j / 64] & ((1ull << (j % 64)) - 1));
	return (guint32)j - ones;
}

/* Marks in mark[] the positions of ref that rouge_score's backtracking picks
 * for the LCS of ref and cand. The choice between equal-length LCSs matters
 * to the union, so its walk through the table is reproduced: from the end,
 * a match goes diagonally, otherwise left when that keeps a longer LCS than
 * up, else up. The walk needs two rows of the table at a time, which
 * rouge_score keeps whole (20,000 tokens against 20,000 took 1.57 GB); here
 * a row is Hyyro's bit vector, every k-th row is kept on the way down
 * (k about the square root of nr), and the walk back up recomputes the k
 * rows of one stretch at a time from the stretch's first: twice the bit
 * work, about 2 sqrt(nr) rows of nc bits (0.7 MB for 20,000 by 20,000). */
static void lcs_mark(lede_rouge *r, const guint32 *ref, gsize nr, const guint32 *cand, gsize nc,
                     guint8 *mark)
{
	if (!nr || !nc)
		return;
	sparse_masks(r, cand, nc);
	gsize words = (nc + 63) / 64, k = 1;
	while (k * k < nr)
		k++;
	gsize n_checks = nr / k + 1;
	gsize need = (n_checks + k + 1) * words;
	if (r->rows_cap < need) {
		r->rows_cap = MAX(need, r->rows_cap * 2);
		r->rows = g_renew(guint64, r->rows, r->rows_cap);
	}
	guint64 *checks = r->rows, *block = r->rows + n_checks * words;
	/* checks[c] is row c * k; row 0 is all ones (an empty LCS). */
	guint64 *v = block;
	for (gsize w = 0; w < words; w++)
		v[w] = ~0ull;
	for (gsize i = 0; i < nr; i++) {
		if (i % k == 0)
			memcpy(checks + (i / k) * words, v, words * sizeof *v);
		lcs_step(r, v, words, ref[i] < r->cnt_cap ? r->slot[ref[i]] : 0);
	}
	/* block holds rows lo .. lo + k (those there are) */
	gsize lo = G_MAXSIZE;
	gsize i = nr, j = nc;
	while (i > 0 && j > 0) {
		if (ref[i - 1] == cand[j - 1]) {
			mark[i - 1] = 1;
			i--;
			j--;
			continue;
		}
		if (i - 1 < lo) {
			lo = (i - 1) / k * k;
			memcpy(block, checks + (lo / k) * words, words * sizeof *block);
			for (gsize x = lo; x < MIN(lo + k, nr); x++) {
				guint64 *next = block + (x - lo + 1) * words;
				memcpy(next, next - words, words * sizeof *next);
				lcs_step(r, next, words, ref[x] < r->cnt_cap ? r->slot[ref[x]] : 0);
			}
		}
		const guint64 *row_i = block + (i - lo) * words, *row_up = row_i - words;
		if (lcs_at(row_i, j - 1) > lcs_at(row_up, j))
			j--;
		else
			i--;
	}
	for (gsize x = 0; x < nc; x++)
		r->slot[cand[x]] = 0;
}

static void score_lsum(lede_rouge *r, lede_rouge_prf *out)
{
	const guint32 *pid = (const guint32 *)r->pred.ids->data;
	const guint32 *rid = (const guint32 *)r->ref.ids->data;
	gsize np = r->pred.ids->len, nr = r->ref.ids->len;
	memset(out, 0, sizeof *out);
	if (!np || !nr)
		return;
	guint32 *cr = r->cnt_a, *cc = r->cnt_b;
	for (gsize i = 0; i < nr; i++)
		cr[rid[i]]++;
	for (gsize i = 0; i < np; i++)
		cc[pid[i]]++;
	if (r->mark_cap < nr) {
		r->mark_cap = MAX(nr, r->mark_cap * 2);
		r->mark = g_renew(guint8, r->mark, r->mark_cap);
	}
	gsize hits = 0;
	guint32 rs = 0;
	for (guint si = 0; si < r->ref.sents->len; si++) {
		guint32 re = g_array_index(r->ref.sents, guint32, si);
		guint8 *mark = r->mark + rs;
		memset(mark, 0, re - rs);
		guint32 ps = 0;
		for (guint sj = 0; sj < r->pred.sents->len; sj++) {
			guint32 pe = g_array_index(r->pred.sents, guint32, sj);
			lcs_mark(r, rid + rs, re - rs, pid + ps, pe - ps, mark);
			ps = pe;
		}
		for (guint32 k = rs; k < re; k++) {
			guint32 tok = rid[k];
			if (r->mark[k] && cc[tok] > 0 && cr[tok] > 0) {
				hits++;
				cc[tok]--;
				cr[tok]--;
			}
		}
		rs = re;
	}
	for (gsize i = 0; i < nr; i++)
		cr[rid[i]] = 0;
	for (gsize i = 0; i < np; i++)
		cc[pid[i]] = 0;
	prf(out, (double)hits, (double)np, (double)nr);
}

/* Scores the tokenized prediction (r->pred, bigrams in r->bi_pred, unigram
 * counts in cnt_a) against the tokenized r->ref. */
static void score_one(lede_rouge *r, lede_rouge_scores *out)
{
	const guint32 *pid = (const guint32 *)r->pred.ids->data;
	const guint32 *rid = (const guint32 *)r->ref.ids->data;
	gsize np = r->pred.ids->len, nr = r->ref.ids->len;

	guint32 *cnt = r->cnt_a;
	for (gsize i = 0; i < np; i++)
		cnt[pid[i]]++;
	gsize hits = 0;
	for (gsize i = 0; i < nr; i++) {
		if (cnt[rid[i]]) {
			cnt[rid[i]]--;
			hits++;
		}
	}
	for (gsize i = 0; i < np; i++)
		cnt[pid[i]] = 0;
	prf(&out->rouge1, (double)hits, (double)np, (double)nr);

	bigrams(r->ref.ids, r->bi_ref);
	prf(&out->rouge2, (double)sorted_overlap(r->bi_pred, r->bi_ref), (double)r->bi_pred->len,
	    (double)r->bi_ref->len);

	if (np && nr)
		prf(&out->rougeL, (double)lcs_len(r, pid, np, rid, nr), (double)np, (double)nr);
	else
		memset(&out->rougeL, 0, sizeof out->rougeL);

	score_lsum(r, &out->rougeLsum);
}

void lede_rouge_score(lede_rouge *r, const char *prediction, const char *const *references,
                      gsize n_refs, lede_rouge_scores *out)
{
	memset(out, 0, sizeof *out);
	if (r->n_ids > VOCAB_MAX) {
		/* ids only need to agree within one call */
		g_hash_table_remove_all(r->word2id);
		g_hash_table_remove_all(r->stem2id);
		r->n_ids = 0;
	}
	tokenize(r, prediction ? prediction : "", &r->pred);
	bigrams(r->pred.ids, r->bi_pred);
	gboolean first = TRUE;
	for (gsize k = 0; k < n_refs; k++) {
		tokenize(r, references[k] ? references[k] : "", &r->ref);
		ensure_counts(r);
		lede_rouge_scores s;
		score_one(r, &s);
		/* per metric the first reference with the highest F (numpy argmax) */
		if (first || s.rouge1.fmeasure > out->rouge1.fmeasure)
			out->rouge1 = s.rouge1;
		if (first || s.rouge2.fmeasure > out->rouge2.fmeasure)
			out->rouge2 = s.rouge2;
		if (first || s.rougeL.fmeasure > out->rougeL.fmeasure)
			out->rougeL = s.rougeL;
		if (first || s.rougeLsum.fmeasure > out->rougeLsum.fmeasure)
			out->rougeLsum = s.rougeLsum;
		first = FALSE;
	}
}

/* ---- truncation -------------------------------------------------------- */

char *lede_truncate_bytes(const char *text, gsize max_bytes)
{
	gsize n = strlen(text);
	if (n <= max_bytes)
		return g_strdup(text);
	/* Back up to the start of a UTF-8 sequence so no character is cut in
	 * two; ROUGE-1.5.5 counts bytes and would cut, but a half character
	 * only ever becomes a separator. */
	gsize cut = max_bytes;
	while (cut > 0 && ((guchar)text[cut] & 0xC0) == 0x80)
		cut--;
	return g_strndup(text, cut);
}

char *lede_truncate_words(const char *text, gsize max_words)
{
	/* ROUGE-1.5.5 -l counts whitespace-separated words; the separators
	 * (newlines included, for ROUGE-Lsum) are kept as they were. */
	const char *p = text, *last_end = text;
	gsize words = 0;
	while (*p) {
		while (*p && g_ascii_isspace(*p))
			p++;
		if (!*p)
			break;
		if (words == max_words)
			return g_strndup(text, (gsize)(last_end - text));
		while (*p && !g_ascii_isspace(*p))
			p++;
		last_end = p;
		words++;
	}
	return g_strdup(text);
}
