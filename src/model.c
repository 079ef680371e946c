/* The background model: document frequencies of stemmed terms.
 *
 * File format (all integers little-endian, read with memcpy: the bytes may
 * sit at any alignment, e.g. inside the library's resource section):
 *
 *   0  magic "\x7fLEDEDF\n"          8 bytes
 *   8  format version               u32 (MODEL_FORMAT)
 *  12  tokenizer version            u32 (LEDE_TOKENIZER_VERSION)
 *  16  documents                    u64
 *  24  terms                        u64
 *  32  slots (a power of two)       u64
 *  40  provenance offset            u64  JSON object text, NUL-terminated
 *  48  provenance length            u64  without the NUL
 *  56  slots offset                 u64
 *  64  strings offset               u64  terms, NUL-terminated, sorted bytewise
 *  72  strings length               u64
 *  80  file length                  u64
 *  88  checksum                     u64  of bytes [0, 88) and [96, file length)
 *  96  payload: provenance, padding to 8, slots, strings
 *
 * A slot is 16 bytes: u32 offset of the term in the strings area plus one
 * (0: empty), u32 high half of the term's FNV-1a 64 hash (rejects most
 * mismatches without touching the string), u64 document frequency. Slots are
 * an open-addressing table with linear probing, indexed by the hash's low
 * bits, at most 2/3 full; a lookup reads the header and a few slots and
 * parses nothing. Opening verifies the checksum (a few MB, well under a
 * millisecond) so a damaged file is refused rather than silently misread.
 *
 * A file can pass the checksum and still be made to harm (the checksum is
 * no signature), so opening a file also checks what its readers rely on:
 * the provenance is a JSON object in UTF-8 (dumped as JSON verbatim), every
 * term is UTF-8 text without control characters (dumped one a line, with a
 * tab before its count), every used slot points at a term whose hash it
 * holds, and the table has exactly n_terms used slots, at most 2/3 of them.
 * The longest probe any term needs is kept, and no lookup probes further:
 * a table without an empty slot made every miss scan the whole table.
 */
#include "lede-private.h"
#include "lang/lang.h"

#include "file-io.h"
#include "jsonl.h"

#include <cjson/cJSON.h>
#include <errno.h>
#include <fcntl.h>
#include <glib/gstdio.h>
#include <unistd.h>
#include <zlib.h>
#include <math.h>

#include "lede-config.h"

#define MODEL_FORMAT 1
#define HEADER_SIZE 96
#define SLOT_SIZE 16
/* Past this size the rarest terms are pruned (min_df recorded in provenance). */
#define MAX_FILE_SIZE (8u << 20)

static const char MAGIC[8] = "\x7fLEDEDF\n";

#define REBUILD_HINT "rebuild it with `lede corpus build`"

struct lede_model {
	GBytes *bytes;
	const guint8 *data;
	gsize len;
	guint64 n_docs, n_terms, n_slots;
	const char *provenance;
	const guint8 *slots;
	const char *strings;
	gsize strings_len;
	guint64 max_probe; /* no term sits further than this past its home slot */
	char *origin;      /* base name of the file, or "built-in" */
};

typedef struct {
	guint64 df;
	guint64 last_doc; /* counts a term once per document */
} Count;

typedef struct {
	char *name;
	guint64 docs;
	char *merged; /* provenance JSON of a merged model, or NULL */
} Source;

struct lede_model_builder {
	LedeTokenizer *tk;
	GStringChunk *strings; /* keys of counts not owned by the tokenizer */
	GHashTable *counts;    /* term -> Count */
	GArray *tokens;
	GArray *sources; /* Source */
	guint64 n_docs;
	guint64 recorded; /* documents some source accounts for */
	/* A partial model was merged: sources are combined by name and sorted,
	 * so that the result does not depend on how the documents were
	 * partitioned or in which order the partials came. */
	gboolean canonical;
	char *lang; /* set by lede_model_builder_set_lang, or NULL (English) */
};

/* ---- helpers ------------------------------------------------------------- */

static guint64 fnv1a64(const char *s, gsize n)
{
	guint64 h = 0xcbf29ce484222325ULL;
	for (gsize i = 0; i < n; i++) {
		h ^= (guint8)s[i];
		h *= 0x100000001b3ULL;
	}
	return h;
}

static inline void wr32(guint8 *p, guint32 v)
{
	v = GUINT32_TO_LE(v);
	memcpy(p, &v, 4);
}

static inline void wr64(guint8 *p, guint64 v)
{
	v = GUINT64_TO_LE(v);
	memcpy(p, &v, 8);
}

/* A four-lane multiply-rotate checksum (the xxHash64 round): several GB/s,
 * so verifying the whole model at open stays far below a millisecond. */
#define P1 0x9E3779B185EBCA87ULL
#define P2 0xC2B2AE3D27D4EB4FULL
#define P3 0x165667B19E3779F9ULL

static inline guint64 rotl(guint64 x, int r)
{
	return (x << r) | (x >> (64 - r));
}

static inline guint64 round64(guint64 acc, guint64 v)
{
	return rotl(acc + v * P2, 31) * P1;
}

typedef struct {
	guint64 acc[4];
	guint64 total;
} Sum;

static void sum_init(Sum *s)
{
	s->acc[0] = P1 + P2;
	s->acc[1] = P2;
	s->acc[2] = 0;
	s->acc[3] = 0 - P1;
	s->total = 0;
}

/* Feeds len bytes; every call but the last must pass a multiple of 32. */
static void sum_feed(Sum *s, const guint8 *p, gsize len)
{
	gsize i = 0;
	for (; i + 32 <= len; i += 32) {
		s->acc[0] = round64(s->acc[0], lede_rd_le64(p + i));
		s->acc[1] = round64(s->acc[1], lede_rd_le64(p + i + 8));
		s->acc[2] = round64(s->acc[2], lede_rd_le64(p + i + 16));
		s->acc[3] = round64(s->acc[3], lede_rd_le64(p + i + 24));
	}
	for (; i < len; i++)
		s->acc[i & 3] = round64(s->acc[i & 3], (guint64)p[i] + 1);
	s->total += len;
}

static guint64 sum_final(Sum *s)
{
	guint64 h = rotl(s->acc[0], 1) + rotl(s->acc[1], 7) + rotl(s->acc[2], 12) +
	            rotl(s->acc[3], 18) + s->total * P3;
	h ^= h >> 33;
	h *= P2;
	h ^= h >> 29;
	h *= P3;
	h ^= h >> 32;
	return h;
}

static guint64 checksum(const guint8 *data, gsize len)
{
	Sum s;
	sum_init(&s);
	sum_feed(&s, data, 88);
	sum_feed(&s, data + HEADER_SIZE, len - HEADER_SIZE);
	return sum_final(&s);
}

guint64 lede_model_checksum(const guint8 *data, gsize len)
{
	return len < HEADER_SIZE ? 0 : checksum(data, len);
}

/* ---- reading ------------------------------------------------------------- */

static gboolean set_io_error(GError **error, GError *local);

static gboolean fail(GError **error, int code, const char *origin, const char *fmt, ...)
    G_GNUC_PRINTF(4, 5);

static gboolean fail(GError **error, int code, const char *origin, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char *msg = g_strdup_vprintf(fmt, ap);
	va_end(ap);
	if (origin)
		g_set_error(error, LEDE_ERROR, code, "%s: %s", origin, msg);
	else
		g_set_error_literal(error, LEDE_ERROR, code, msg);
	g_free(msg);
	return FALSE;
}

/* Whether the terms area holds exactly n_terms terms of UTF-8 text without
 * control characters. */
static gboolean terms_ok(const lede_model *m)
{
	const char *p = m->strings, *end = m->strings + m->strings_len;
	guint64 n = 0;
	for (gsize len = 0; p < end; p += len + 1, n++) {
		/* one pass finds the end and the controls; most terms are ASCII */
		len = 0;
		gboolean ascii = TRUE;
		for (guchar b; (b = (guchar)p[len]); len++) {
			if (b < 0x20 || b == 0x7F)
				return FALSE;
			ascii &= b < 0x80;
		}
		if (len == 0 || !(ascii || g_utf8_validate_len(p, len, NULL)))
			return FALSE;
		for (const char *q = p; !ascii && *q; q = g_utf8_next_char(q)) {
			gunichar c = g_utf8_get_char(q);
			if ((c >= 0x80 && c <= 0x9F) || c == 0x2028 || c == 0x2029)
				return FALSE;
		}
	}
	return n == m->n_terms;
}

/* Walks the slots: each used one points at the start of a term whose hash
 * it holds; as many are used as there are terms, at most 2/3 of the table
 * (so misses end at an empty slot), and m->max_probe becomes the longest
 * probe a present term needs. One pass over the table, reading the terms in
 * hash order: with terms_ok, opening corpus/default.ldf as a file went from
 * about 5 to 12 ms (the checksum is most of the rest), once per process. */
static gboolean slots_ok(lede_model *m)
{
	guint64 used = 0, mask = m->n_slots - 1, longest = 0;
	for (guint64 i = 0; i < m->n_slots; i++) {
		const guint8 *s = m->slots + i * SLOT_SIZE;
		guint32 off = lede_rd_le32(s);
		if (off == 0)
			continue;
		used++;
		if (off - 1 >= m->strings_len || (off > 1 && m->strings[off - 2] != '\0'))
			return FALSE;
		/* fnv1a64 up to the NUL, without a strlen pass first */
		guint64 h = 0xcbf29ce484222325ULL;
		for (const guchar *t = (const guchar *)m->strings + off - 1; *t; t++)
			h = (h ^ *t) * 0x100000001b3ULL;
		if ((guint32)(h >> 32) != lede_rd_le32(s + 4))
			return FALSE;
		longest = MAX(longest, (i - (h & mask)) & mask);
	}
	if (used != m->n_terms || used * 3 > m->n_slots * 2)
		return FALSE;
	m->max_probe = longest;
	return TRUE;
}

/* What the header cannot say (see the top of this file); plen is the
 * provenance's length. */
static gboolean check_content(lede_model *m, gsize plen, const char *prefix, GError **error)
{
	/* Strictly, as JSON Lines are read: cJSON alone takes an object with
	 * junk after it, which the JSON dump then copies. */
	LedeJsonlRecord prov = {0};
	if (g_utf8_validate_len(m->provenance, plen, NULL))
		lede_jsonl_parse(m->provenance, plen, 0, &prov);
	gboolean object = prov.obj != NULL;
	lede_jsonl_record_clear(&prov);
	if (!object)
		return fail(
		    error, LEDE_ERROR_MODEL_CORRUPT, prefix,
		    "model is damaged (its provenance is not a JSON object); " REBUILD_HINT);
	if (!terms_ok(m))
		return fail(error, LEDE_ERROR_MODEL_CORRUPT, prefix,
		            "model is damaged (a term is not text, or the terms do not match "
		            "their count); " REBUILD_HINT);
	if (!slots_ok(m))
		return fail(error, LEDE_ERROR_MODEL_CORRUPT, prefix,
		            "model is damaged (inconsistent term table); " REBUILD_HINT);
	return TRUE;
}

/* Validates the header and, with verify (every file; the built-in model is
 * part of lede itself), the content its readers rely on. */
static gboolean parse(lede_model *m, const char *prefix, gboolean verify, GError **error)
{
	const guint8 *d = m->data;
	gsize len = m->len;
	if (len < sizeof MAGIC || memcmp(d, MAGIC, sizeof MAGIC) != 0)
		return fail(error, LEDE_ERROR_MODEL_CORRUPT, prefix,
		            len == 0 ? "empty model file; " REBUILD_HINT
		                     : "not a lede model (bad magic); " REBUILD_HINT);
	if (len < HEADER_SIZE)
		return fail(error, LEDE_ERROR_MODEL_CORRUPT, prefix,
		            "model is truncated (%zu bytes); " REBUILD_HINT, len);
	guint32 format = lede_rd_le32(d + 8), tokv = lede_rd_le32(d + 12);
	if (format != MODEL_FORMAT)
		return fail(error, LEDE_ERROR_MODEL_VERSION, prefix,
		            "model format version %u, this lede reads version %u; " REBUILD_HINT,
		            format, MODEL_FORMAT);
	/* Before the checksum: a model from another lede should be told apart
	 * from a damaged one, and the versions are all that it shares with us. */
	if (tokv != LEDE_TOKENIZER_VERSION)
		return fail(error, LEDE_ERROR_MODEL_VERSION, prefix,
		            "model was built with tokenizer version %u, this lede uses version "
		            "%u; " REBUILD_HINT,
		            tokv, LEDE_TOKENIZER_VERSION);
	guint64 flen = lede_rd_le64(d + 80);
	if (flen != len)
		return fail(
		    error, LEDE_ERROR_MODEL_CORRUPT, prefix,
		    "model is truncated or damaged (%zu bytes, header says %" G_GUINT64_FORMAT
		    "); " REBUILD_HINT,
		    len, flen);
	if (verify && checksum(d, len) != lede_rd_le64(d + 88))
		return fail(error, LEDE_ERROR_MODEL_CORRUPT, prefix,
		            "model is damaged (checksum mismatch); " REBUILD_HINT);

	m->n_docs = lede_rd_le64(d + 16);
	m->n_terms = lede_rd_le64(d + 24);
	m->n_slots = lede_rd_le64(d + 32);
	guint64 poff = lede_rd_le64(d + 40), plen = lede_rd_le64(d + 48),
	        soff = lede_rd_le64(d + 56);
	guint64 stroff = lede_rd_le64(d + 64), strlen_ = lede_rd_le64(d + 72);
	gboolean ok = m->n_slots >= 1 && (m->n_slots & (m->n_slots - 1)) == 0 &&
	              m->n_terms < m->n_slots && poff >= HEADER_SIZE && poff <= len &&
	              plen < len - poff && d[poff + plen] == 0 && soff <= len &&
	              m->n_slots <= (len - soff) / SLOT_SIZE && stroff <= len &&
	              strlen_ <= len - stroff && strlen_ < G_MAXUINT32 &&
	              (strlen_ == 0 || d[stroff + strlen_ - 1] == 0);
	if (!ok)
		return fail(error, LEDE_ERROR_MODEL_CORRUPT, prefix,
		            "model is damaged (inconsistent header); " REBUILD_HINT);
	m->provenance = (const char *)d + poff;
	m->slots = d + soff;
	m->strings = (const char *)d + stroff;
	m->strings_len = strlen_;
	m->max_probe = m->n_slots - 1;
	return !verify || check_content(m, plen, prefix, error);
}

static lede_model *model_new(GBytes *bytes, const char *origin, const char *prefix, gboolean verify,
                             GError **error)
{
	lede_model *m = g_new0(lede_model, 1);
	m->bytes = g_bytes_ref(bytes);
	m->data = g_bytes_get_data(bytes, &m->len);
	m->origin = g_strdup(origin);
	if (!m->data)
		m->len = 0;
	if (!parse(m, prefix, verify, error)) {
		lede_model_free(m);
		return NULL;
	}
	return m;
}

lede_model *lede_model_new_from_bytes(GBytes *bytes, const char *origin, GError **error)
{
	return model_new(bytes, origin ? origin : "model", origin, TRUE, error);
}

lede_model *lede_model_open(const char *path, GError **error)
{
	GError *local = NULL;
	GMappedFile *mf = g_mapped_file_new(path, FALSE, &local);
	if (!mf) {
		set_io_error(error, local);
		return NULL;
	}
	GBytes *bytes = g_mapped_file_get_bytes(mf);
	g_mapped_file_unref(mf);
	char *base = g_path_get_basename(path);
	lede_model *m = model_new(bytes, base, NULL, TRUE, error);
	g_free(base);
	g_bytes_unref(bytes);
	return m;
}

lede_model *lede_model_open_default(GError **error)
{
	GBytes *bytes = lede_resource("default.ldf");
	if (!bytes) {
		g_set_error_literal(error, LEDE_ERROR, LEDE_ERROR_MODEL_CORRUPT,
		                    "built-in model: missing from this build of lede");
		return NULL;
	}
	/* The built-in model is part of the program's own read-only image, which
	 * the loader has already mapped whole: a checksum here would read 2.4 MB
	 * on every run of `lede one.txt` to guard against nothing a file model
	 * could suffer. corpus/default.ldf itself is verified by test-model. */
	lede_model *m = model_new(bytes, "built-in", "built-in model", FALSE, error);
	g_bytes_unref(bytes);
	return m;
}

void lede_model_free(lede_model *model)
{
	if (!model)
		return;
	g_bytes_unref(model->bytes);
	g_free(model->origin);
	g_free(model);
}

guint64 lede_model_n_docs(const lede_model *model)
{
	return model->n_docs;
}

guint64 lede_model_n_terms(const lede_model *model)
{
	return model->n_terms;
}

/* term[0..n)'s df, h = fnv1a64(term, n). */
static guint64 df_hashed(const lede_model *model, const char *term, gsize n, guint64 h)
{
	guint32 check = (guint32)(h >> 32);
	guint64 mask = model->n_slots - 1;
	/* At most 2/3 full, so an empty slot ends the probe; no term is
	 * further than max_probe from its home slot (checked at open). */
	guint64 i = h & mask;
	for (guint64 k = 0; k <= model->max_probe; k++, i = (i + 1) & mask) {
		const guint8 *s = model->slots + i * SLOT_SIZE;
		guint32 off = lede_rd_le32(s);
		if (off == 0)
			return 0;
		if (lede_rd_le32(s + 4) != check || off - 1 >= model->strings_len)
			continue;
		const char *t = model->strings + off - 1;
		gsize room = model->strings_len - (off - 1);
		if (n < room && memcmp(t, term, n) == 0 && t[n] == '\0')
			return lede_rd_le64(s + 8);
	}
	return 0;
}

guint64 lede_model_df(const lede_model *model, const char *term, gssize len)
{
	gsize n = len < 0 ? strlen(term) : (gsize)len;
	return df_hashed(model, term, n, fnv1a64(term, n));
}

/* The terms are probed in blocks, each in three passes: hash every term and
 * ask for its slot; read the slots and ask for the strings they point to;
 * then compare. One probe at a time waited on memory twice (slot, string):
 * about 5% of a batch's perf samples, 1% this way. */
#define DF_BLOCK 16

void lede_model_df_many(const lede_model *model, const char *const *terms, const gsize *lens,
                        guint n, guint64 *df)
{
	guint64 h[DF_BLOCK];
	for (guint at = 0; at < n; at += DF_BLOCK) {
		guint m = MIN(DF_BLOCK, n - at);
		guint64 mask = model->n_slots - 1;
		for (guint k = 0; k < m; k++) {
			h[k] = fnv1a64(terms[at + k], lens[at + k]);
			__builtin_prefetch(model->slots + (h[k] & mask) * SLOT_SIZE);
		}
		for (guint k = 0; k < m; k++) {
			const guint8 *s = model->slots + (h[k] & mask) * SLOT_SIZE;
			guint32 off = lede_rd_le32(s);
			if (off != 0 && off - 1 < model->strings_len &&
			    lede_rd_le32(s + 4) == (guint32)(h[k] >> 32))
				__builtin_prefetch(model->strings + off - 1);
		}
		for (guint k = 0; k < m; k++)
			df[at + k] = df_hashed(model, terms[at + k], lens[at + k], h[k]);
	}
}

double lede_model_idf_of_df(const lede_model *model, guint64 df)
{
	return log(((double)model->n_docs + 1.0) / ((double)df + 1.0)) + 1.0;
}

double lede_model_idf(const lede_model *model, const char *term, gssize len)
{
	return lede_model_idf_of_df(model, lede_model_df(model, term, len));
}

const char *lede_model_provenance(const lede_model *model)
{
	return model->provenance;
}

/* ---- dumping ------------------------------------------------------------- */

/* The dump is made in a buffer handed to the writer in pieces of about
 * 64 KiB: one call a term would make a binding's callback the cost. */
typedef struct {
	GString *buf;
	lede_write_func write;
	gpointer data;
	gboolean failed;
	GError **error;
} DumpSink;

static void sink_flush(DumpSink *k)
{
	if (k->failed || k->buf->len == 0)
		return;
	GError *e = NULL;
	if (!k->write(k->buf->str, k->buf->len, k->data, &e)) {
		k->failed = TRUE;
		if (e)
			g_propagate_error(k->error, e);
		else
			g_set_error(k->error, LEDE_ERROR, LEDE_ERROR_IO, "write error");
	}
	g_string_truncate(k->buf, 0);
}

static void sink_maybe_flush(DumpSink *k)
{
	if (k->buf->len >= 1 << 16)
		sink_flush(k);
}

static void json_string(GString *out, const char *s)
{
	g_string_append_c(out, '"');
	for (const guint8 *p = (const guint8 *)s; *p; p++) {
		if (*p == '"' || *p == '\\')
			g_string_append_printf(out, "\\%c", *p);
		else if (*p < 0x20)
			g_string_append_printf(out, "\\u%04x", *p);
		else
			g_string_append_c(out, (char)*p);
	}
	g_string_append_c(out, '"');
}

gboolean lede_model_dump_to(const lede_model *model, lede_dump_format format, lede_write_func write,
                            gpointer user_data, GError **error)
{
	const char *p = model->strings, *end = model->strings + model->strings_len;
	DumpSink k = {g_string_sized_new(1 << 16), write, user_data, FALSE, error};
	GString *o = k.buf;
	if (format == LEDE_DUMP_TEXT) {
		g_string_append_printf(o,
		                       "# lede model\n# docs\t%" G_GUINT64_FORMAT
		                       "\n# terms\t%" G_GUINT64_FORMAT "\n# provenance\t%s\n",
		                       model->n_docs, model->n_terms, model->provenance);
		/* Terms are stored sorted, so walking the strings area is the sorted dump. */
		for (; p < end && !k.failed; p += strlen(p) + 1) {
			g_string_append_printf(o, "%s\t%" G_GUINT64_FORMAT "\n", p,
			                       lede_model_df(model, p, -1));
			sink_maybe_flush(&k);
		}
	} else {
		g_string_append_printf(o,
		                       "{\"docs\":%" G_GUINT64_FORMAT
		                       ",\"terms\":%" G_GUINT64_FORMAT
		                       ",\"provenance\":%s,\"df\":{",
		                       model->n_docs, model->n_terms, model->provenance);
		gboolean first = TRUE;
		for (; p < end && !k.failed; p += strlen(p) + 1) {
			if (!first)
				g_string_append_c(o, ',');
			first = FALSE;
			json_string(o, p);
			g_string_append_printf(o, ":%" G_GUINT64_FORMAT,
			                       lede_model_df(model, p, -1));
			sink_maybe_flush(&k);
		}
		g_string_append(o, "}}\n");
	}
	sink_flush(&k);
	g_string_free(k.buf, TRUE);
	return !k.failed;
}

static gboolean write_file(const char *data, gsize len, gpointer user_data, GError **error)
{
	FILE *out = user_data;
	if (fwrite(data, 1, len, out) == len)
		return TRUE;
	int e = errno;
	g_set_error(error, LEDE_ERROR, LEDE_ERROR_IO, "write error: %s", g_strerror(e));
	return FALSE;
}

gboolean lede_model_dump(const lede_model *model, FILE *out, lede_dump_format format,
                         GError **error)
{
	if (!lede_model_dump_to(model, format, write_file, out, error))
		return FALSE;
	if (fflush(out) != 0 || ferror(out)) {
		int e = errno;
		g_set_error(error, LEDE_ERROR, LEDE_ERROR_IO, "write error: %s", g_strerror(e));
		return FALSE;
	}
	return TRUE;
}

static gboolean write_string(const char *data, gsize len, gpointer user_data, GError **error)
{
	(void)error;
	g_string_append_len(user_data, data, (gssize)len);
	return TRUE;
}

char *lede_model_dump_to_string(const lede_model *model, lede_dump_format format, gsize *len,
                                GError **error)
{
	GString *s = g_string_new(NULL);
	if (!lede_model_dump_to(model, format, write_string, s, error)) {
		g_string_free(s, TRUE);
		return NULL;
	}
	if (len)
		*len = s->len;
	return g_string_free(s, FALSE);
}

/* ---- building ------------------------------------------------------------ */

gboolean lede_model_builder_set_lang(lede_model_builder *b, const char *lang, GError **error)
{
	if (b->n_docs) {
		g_set_error_literal(error, LEDE_ERROR, LEDE_ERROR_INVALID,
		                    "the language is set before the first document");
		return FALSE;
	}
	if (!lede_lang_valid_code(lang)) {
		g_set_error(error, LEDE_ERROR, LEDE_ERROR_INVALID,
		            "'%s' is not a language code (ISO 639-1, such as en or fr)", lang);
		return FALSE;
	}
	lede_tokenizer_free(b->tk);
	b->tk = lede_tokenizer_new_lang(lede_lang_get(lang));
	g_free(b->lang);
	b->lang = g_strdup(lang);
	return TRUE;
}

gboolean lede_model_has_lang(const lede_model *model, const char *code)
{
	/* Read when a summarizer meets a language, not at every open: English
	 * runs never parse it. */
	cJSON *prov = cJSON_Parse(model->provenance);
	const cJSON *lang = cJSON_GetObjectItemCaseSensitive(prov, "lang");
	gboolean same = strcmp(cJSON_IsString(lang) ? lang->valuestring : "en", code) == 0;
	cJSON_Delete(prov);
	return same;
}

gboolean lede_model_is_builtin(const lede_model *model)
{
	return strcmp(model->origin, "built-in") == 0;
}

lede_model *lede_model_open_resource(const char *name)
{
	GBytes *bytes = name ? lede_resource(name) : NULL;
	if (!bytes)
		return NULL;
	lede_model *m = model_new(bytes, "built-in", "built-in model", FALSE, NULL);
	g_bytes_unref(bytes);
	return m;
}

lede_model_builder *lede_model_builder_new(void)
{
	lede_model_builder *b = g_new0(lede_model_builder, 1);
	b->tk = lede_tokenizer_new();
	b->strings = g_string_chunk_new(1 << 14);
	b->counts = g_hash_table_new_full(g_str_hash, g_str_equal, NULL, g_free);
	b->tokens = g_array_new(FALSE, FALSE, sizeof(LedeToken));
	b->sources = g_array_new(FALSE, TRUE, sizeof(Source));
	return b;
}

void lede_model_builder_free(lede_model_builder *b)
{
	if (!b)
		return;
	for (guint i = 0; i < b->sources->len; i++) {
		Source *s = &g_array_index(b->sources, Source, i);
		g_free(s->name);
		g_free(s->merged);
	}
	g_array_free(b->sources, TRUE);
	g_array_free(b->tokens, TRUE);
	g_hash_table_destroy(b->counts);
	g_string_chunk_free(b->strings);
	lede_tokenizer_free(b->tk);
	g_free(b->lang);
	g_free(b);
}

guint64 lede_model_builder_n_docs(const lede_model_builder *b)
{
	return b->n_docs;
}

void lede_model_builder_add_document(lede_model_builder *b, const char *text, gsize len)
{
	b->n_docs++;
	g_array_set_size(b->tokens, 0);
	lede_tokenize(b->tk, text, len, 0, b->tokens);
	for (guint i = 0; i < b->tokens->len; i++) {
		const LedeToken *t = &g_array_index(b->tokens, LedeToken, i);
		if (t->flags & (LEDE_TOK_STOP | LEDE_TOK_NUMBER))
			continue;
		/* Stems are interned in the builder's tokenizer, which lives as long
		 * as the table, so they serve as keys without a copy. */
		const char *stem = lede_tokenizer_word(b->tk, t->stem_id);
		Count *c = g_hash_table_lookup(b->counts, stem);
		if (!c) {
			c = g_new0(Count, 1);
			g_hash_table_insert(b->counts, (gpointer)stem, c);
		}
		if (c->last_doc != b->n_docs) {
			c->last_doc = b->n_docs;
			c->df++;
		}
	}
}

static void add_source(lede_model_builder *b, const char *name, guint64 docs, const char *merged)
{
	Source s = {g_strdup(name), docs, g_strdup(merged)};
	g_array_append_val(b->sources, s);
}

/* A source of a merged partial: one of the same name (not itself a merged
 * model) takes its documents. */
static void add_partial_source(lede_model_builder *b, const char *name, guint64 docs)
{
	for (guint i = 0; i < b->sources->len; i++) {
		Source *s = &g_array_index(b->sources, Source, i);
		if (!s->merged && strcmp(s->name, name) == 0) {
			s->docs += docs;
			return;
		}
	}
	add_source(b, name, docs, NULL);
}

/* The sources a partial model's provenance lists, or NULL when the model is
 * not a partial (complete counts, "partial": true) or its list is not as
 * lede writes it. */
static cJSON *partial_sources(const lede_model *model, cJSON **root)
{
	*root = cJSON_Parse(model->provenance);
	const cJSON *partial = cJSON_GetObjectItemCaseSensitive(*root, "partial");
	cJSON *srcs = cJSON_GetObjectItemCaseSensitive(*root, "sources");
	if (!cJSON_IsTrue(partial) || !cJSON_IsArray(srcs))
		return NULL;
	guint64 total = 0;
	const cJSON *s;
	cJSON_ArrayForEach(s, srcs)
	{
		const cJSON *name = cJSON_GetObjectItemCaseSensitive(s, "name");
		const cJSON *docs = cJSON_GetObjectItemCaseSensitive(s, "docs");
		if (!cJSON_IsString(name) || !cJSON_IsNumber(docs) || docs->valuedouble < 0 ||
		    docs->valuedouble > 9007199254740992.0 ||
		    docs->valuedouble != (double)(guint64)docs->valuedouble)
			return NULL;
		total += (guint64)docs->valuedouble;
		if (total > model->n_docs) /* also stops the sum short of overflowing */
			return NULL;
	}
	return srcs;
}

gboolean lede_model_builder_merge(lede_model_builder *b, const lede_model *model, GError **error)
{
	cJSON *root = NULL;
	cJSON *srcs = partial_sources(model, &root);
	if (!srcs && lede_model_is_partial(model)) {
		cJSON_Delete(root);
		g_set_error(error, LEDE_ERROR, LEDE_ERROR_MODEL_CORRUPT,
		            "partial model's sources are damaged; " REBUILD_HINT);
		return FALSE;
	}
	const char *p = model->strings, *end = model->strings + model->strings_len;
	for (; p < end; p += strlen(p) + 1) {
		guint64 df = lede_model_df(model, p, -1);
		Count *c = g_hash_table_lookup(b->counts, p);
		if (!c) {
			c = g_new0(Count, 1);
			g_hash_table_insert(b->counts, g_string_chunk_insert_const(b->strings, p),
			                    c);
		}
		c->df += df;
	}
	b->n_docs += model->n_docs;
	b->recorded += model->n_docs;
	if (srcs) {
		guint64 listed = 0;
		const cJSON *s;
		cJSON_ArrayForEach(s, srcs)
		{
			guint64 docs =
			    (guint64)cJSON_GetObjectItemCaseSensitive(s, "docs")->valuedouble;
			add_partial_source(
			    b, cJSON_GetObjectItemCaseSensitive(s, "name")->valuestring, docs);
			listed += docs;
		}
		/* Documents the partial counted without naming a source. */
		if (listed < model->n_docs)
			add_partial_source(b, "", model->n_docs - listed);
		b->canonical = TRUE;
	} else {
		add_source(b, model->origin, model->n_docs, model->provenance);
	}
	cJSON_Delete(root);
	return TRUE;
}

gboolean lede_model_is_partial(const lede_model *model)
{
	cJSON *root = cJSON_Parse(model->provenance);
	gboolean partial = cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(root, "partial"));
	cJSON_Delete(root);
	return partial;
}

void lede_model_builder_add_source(lede_model_builder *b, const char *name)
{
	add_source(b, name, b->n_docs - b->recorded, NULL);
	b->recorded = b->n_docs;
}

static gboolean add_text(lede_model_builder *b, const char *data, gsize len)
{
	if (len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0)
		data += 3, len -= 3;
	lede_model_builder_add_document(b, data, len);
	return TRUE;
}

typedef struct {
	void (*fn)(const char *text, gsize len, void *user);
	void *user;
	GError **error;
	gboolean ok;
} TextsRun;

static gboolean on_texts_record(const LedeJsonlRecord *rec, void *user)
{
	TextsRun *run = user;
	cJSON *text = rec->obj ? cJSON_GetObjectItemCaseSensitive(rec->obj, "text") : NULL;
	const char *why = rec->error              ? rec->error
	                  : !cJSON_IsString(text) ? "not a JSON object with a \"text\" string"
	                  : rec->text_nul         ? "NUL in text"
	                                          : NULL;
	if (why) {
		g_set_error(run->error, LEDE_ERROR, LEDE_ERROR_INVALID, "line %u: %s", rec->lineno,
		            why);
		run->ok = FALSE;
		return FALSE;
	}
	run->fn(text->valuestring, strlen(text->valuestring), run->user);
	return TRUE;
}

gboolean lede_jsonl_texts(const char *data, gsize len,
                          void (*fn)(const char *text, gsize len, void *user), void *user,
                          GError **error)
{
	/* The CLI's reader, so that a file corpus build takes is one lede --jsonl
	 * takes, record for record. */
	TextsRun run = {fn, user, error, TRUE};
	lede_jsonl_foreach(data, len, on_texts_record, &run);
	return run.ok;
}

static void add_document(const char *text, gsize len, void *builder)
{
	lede_model_builder_add_document(builder, text, len);
}

gboolean lede_model_builder_add_jsonl(lede_model_builder *b, const char *data, gsize len,
                                      GError **error)
{
	return lede_jsonl_texts(data, len, add_document, b, error);
}

/* GLib's file errors read "Failed to open file “x”: No such file or
 * directory"; callers prefix "lede: PATH: ", so keep only the reason. */
static const char *io_reason(const GError *e)
{
	const char *colon = strrchr(e->message, ':');
	return colon && colon[1] == ' ' && colon[2] ? colon + 2 : e->message;
}

static gboolean set_io_error(GError **error, GError *local)
{
	g_set_error_literal(error, LEDE_ERROR, LEDE_ERROR_IO, io_reason(local));
	g_error_free(local);
	return FALSE;
}

/* gzip data through zlib, within the input limit. zlib gives what it could
 * inflate of a stream cut short and only then notes Z_BUF_ERROR ("unexpected
 * end of file"): that, and a missing trailer, would otherwise pass. */
static gboolean read_gzip(int fd, gboolean stop_at_nul, GByteArray *buf, GError **error)
{
	gzFile z = gzdopen(fd, "rb");
	if (!z) {
		close(fd);
		g_set_error_literal(error, LEDE_ERROR, LEDE_ERROR_IO, g_strerror(ENOMEM));
		return FALSE;
	}
	gsize limit = lede_input_limit();
	guint8 *block = g_malloc(1 << 16);
	gboolean ok = TRUE, stopped = FALSE;
	int n;
	while ((n = gzread(z, block, 1 << 16)) > 0) {
		if (buf->len + (gsize)n > limit) {
			lede_set_too_large(error);
			ok = FALSE;
			break;
		}
		g_byte_array_append(buf, block, (guint)n);
		if (stop_at_nul && memchr(block, '\0', (gsize)n)) {
			stopped = TRUE;
			break;
		}
	}
	int code = Z_OK;
	const char *msg = gzerror(z, &code);
	if (!ok || stopped) {
		/* reported, or binary and refused by the caller */
	} else if (n == 0 && gzdirect(z)) {
		/* zlib passes plain data through; a .gz name promises gzip */
		g_set_error_literal(error, LEDE_ERROR, LEDE_ERROR_IO, "not in gzip format");
		ok = FALSE;
	} else if (code == Z_BUF_ERROR) {
		g_set_error_literal(error, LEDE_ERROR, LEDE_ERROR_IO, "truncated gzip");
		ok = FALSE;
	} else if (n < 0 || code != Z_OK) {
		g_set_error(error, LEDE_ERROR, LEDE_ERROR_IO, "gzip: %s",
		            code == Z_ERRNO ? g_strerror(errno) : msg);
		ok = FALSE;
	}
	if (gzclose(z) == Z_BUF_ERROR && ok && !stopped) { /* the trailer, checked at close */
		g_set_error_literal(error, LEDE_ERROR, LEDE_ERROR_IO, "truncated gzip");
		ok = FALSE;
	}
	g_free(block);
	return ok;
}

/* A file's bytes (gunzipped for .gz), within the input limit; stop_at_nul
 * as lede_read_fd's. */
static GByteArray *read_path(const char *path, gboolean stop_at_nul, GError **error)
{
	gboolean std = strcmp(path, "-") == 0;
	int fd = std ? dup(STDIN_FILENO) : g_open(path, O_RDONLY | O_CLOEXEC, 0);
	if (fd < 0) {
		g_set_error_literal(error, LEDE_ERROR, LEDE_ERROR_IO, g_strerror(errno));
		return NULL;
	}
	if (g_str_has_suffix(path, ".gz")) {
		GByteArray *buf = g_byte_array_new();
		if (read_gzip(fd, stop_at_nul, buf, error))
			return buf;
		g_byte_array_free(buf, TRUE);
		return NULL;
	}
	char *data;
	gsize len;
	gboolean ok = lede_read_fd(fd, stop_at_nul, &data, &len, error);
	close(fd);
	return ok ? g_byte_array_new_take((guint8 *)data, len) : NULL;
}

GByteArray *lede_read_path(const char *path, GError **error)
{
	return read_path(path, FALSE, error);
}

static gboolean is_jsonl_name(const char *path)
{
	return g_str_has_suffix(path, ".jsonl") || g_str_has_suffix(path, ".jsonl.gz") ||
	       g_str_has_suffix(path, ".json") || g_str_has_suffix(path, ".json.gz") ||
	       g_str_has_suffix(path, ".ndjson") || g_str_has_suffix(path, ".ndjson.gz");
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static gboolean add_file(lede_model_builder *b, const char *path, GError **error)
{
	/* a text file with a NUL is refused: no need to read on (/dev/zero) */
	GByteArray *buf = read_path(path, !is_jsonl_name(path), error);
	if (!buf)
		return FALSE;
	gboolean ok = TRUE;
	if (is_jsonl_name(path)) {
		ok = lede_jsonl_texts((const char *)buf->data, buf->len, add_document, b, error);
	} else if (memchr(buf->data, '\0', buf->len)) {
		g_set_error_literal(error, LEDE_ERROR, LEDE_ERROR_BINARY, "binary file");
		ok = FALSE;
	} else {
		add_text(b, (const char *)buf->data, buf->len);
	}
	g_byte_array_free(buf, TRUE);
	return ok;
}

static gboolean add_dir(lede_model_builder *b, const char *path, guint depth, GError **error)
{
	if (depth > 64) {
		g_set_error_literal(error, LEDE_ERROR, LEDE_ERROR_IO,
		                    "directories nested too deep");
		return FALSE;
	}
	GError *local = NULL;
	GDir *dir = g_dir_open(path, 0, &local);
	if (!dir)
		return set_io_error(error, local);
	GPtrArray *names = g_ptr_array_new_with_free_func(g_free);
	const char *name;
	while ((name = g_dir_read_name(dir)) != NULL)
		if (name[0] != '.')
			g_ptr_array_add(names, g_strdup(name));
	g_dir_close(dir);
	/* Byte order, not the locale's: the same tree builds the same model. */
	g_ptr_array_sort(names, cmp_str);
	gboolean ok = TRUE;
	for (guint i = 0; ok && i < names->len; i++) {
		char *child = g_build_filename(path, names->pdata[i], NULL);
		/* A link to a directory is not followed: "latest -> 2025-03" would
		 * count that month twice, and a link to a parent loops. Links to
		 * files are read, as the digest's walk reads them. */
		GStatBuf st;
		gboolean seen = g_lstat(child, &st) == 0;
		if (seen && S_ISDIR(st.st_mode)) {
			ok = add_dir(b, child, depth + 1, error);
		} else if (seen &&
		           (S_ISREG(st.st_mode) ||
		            (S_ISLNK(st.st_mode) && g_file_test(child, G_FILE_TEST_IS_REGULAR)))) {
			ok = add_file(b, child, error);
			if (!ok)
				g_prefix_error(error, "%s: ", (char *)names->pdata[i]);
		}
		g_free(child);
	}
	g_ptr_array_free(names, TRUE);
	return ok;
}

gboolean lede_model_builder_add_path(lede_model_builder *b, const char *path, GError **error)
{
	guint64 before = b->n_docs;
	gboolean ok;
	if (strcmp(path, "-") != 0 && g_file_test(path, G_FILE_TEST_IS_DIR))
		ok = add_dir(b, path, 0, error);
	else
		ok = add_file(b, path, error);
	if (!ok)
		return FALSE;
	char *base = strcmp(path, "-") == 0 ? g_strdup("stdin") : g_path_get_basename(path);
	add_source(b, base, b->n_docs - before, NULL);
	b->recorded += b->n_docs - before;
	g_free(base);
	return TRUE;
}

static int cmp_source(const void *a, const void *b)
{
	const Source *x = a, *y = b;
	return strcmp(x->name, y->name);
}

static char *provenance_json(lede_model_builder *b, guint64 n_terms, guint64 min_df,
                             gboolean partial)
{
	if (b->canonical)
		g_array_sort(b->sources, cmp_source);
	cJSON *o = cJSON_CreateObject();
	cJSON_AddNumberToObject(o, "format", MODEL_FORMAT);
	cJSON_AddNumberToObject(o, "tokenizer_version", LEDE_TOKENIZER_VERSION);
	/* The tokenizer's stems are a language's: lede picks a model by it. */
	if (b->lang)
		cJSON_AddStringToObject(o, "lang", b->lang);
	cJSON_AddStringToObject(o, "lede_version", LEDE_VERSION_STRING);
	/* SOURCE_DATE_EPOCH makes a rebuild byte-identical (reproducible builds). */
	GDateTime *now = NULL;
	const char *sde = g_getenv("SOURCE_DATE_EPOCH");
	if (sde && *sde)
		now = g_date_time_new_from_unix_utc(g_ascii_strtoll(sde, NULL, 10));
	if (!now)
		now = g_date_time_new_now_utc();
	char *date = g_date_time_format(now, "%Y-%m-%dT%H:%M:%SZ");
	g_date_time_unref(now);
	cJSON_AddStringToObject(o, "built", date);
	g_free(date);
	cJSON_AddNumberToObject(o, "docs", (double)b->n_docs);
	cJSON_AddNumberToObject(o, "terms", (double)n_terms);
	cJSON_AddNumberToObject(o, "min_df", (double)min_df);
	if (partial)
		cJSON_AddTrueToObject(o, "partial");
	cJSON *srcs = cJSON_AddArrayToObject(o, "sources");
	for (guint i = 0; i < b->sources->len; i++) {
		Source *s = &g_array_index(b->sources, Source, i);
		cJSON *so = cJSON_CreateObject();
		cJSON_AddStringToObject(so, "name", s->name);
		cJSON_AddNumberToObject(so, "docs", (double)s->docs);
		if (s->merged) {
			cJSON *m = cJSON_Parse(s->merged);
			if (m)
				cJSON_AddItemToObject(so, "merged", m);
		}
		cJSON_AddItemToArray(srcs, so);
	}
	char *txt = cJSON_PrintUnformatted(o);
	cJSON_Delete(o);
	char *ret = g_strdup(txt);
	cJSON_free(txt);
	return ret;
}

static guint64 slots_for(guint64 n_terms)
{
	guint64 n = 8;
	while (n * 2 < n_terms * 3 + 3) /* at most 2/3 full */
		n *= 2;
	return n;
}

/* Serialises the counts with df >= min_df; returns the file bytes. */
static GByteArray *serialise(lede_model_builder *b, const char **terms, guint n_all, guint64 min_df,
                             gboolean partial)
{
	guint64 n_terms = 0, str_len = 0;
	for (guint i = 0; i < n_all; i++) {
		Count *c = g_hash_table_lookup(b->counts, terms[i]);
		if (c->df >= min_df) {
			n_terms++;
			str_len += strlen(terms[i]) + 1;
		}
	}
	guint64 n_slots = slots_for(n_terms);
	char *prov = provenance_json(b, n_terms, min_df, partial);
	gsize plen = strlen(prov);
	gsize poff = HEADER_SIZE, soff = (poff + plen + 1 + 7) & ~(gsize)7;
	gsize stroff = soff + n_slots * SLOT_SIZE, total = stroff + str_len;

	GByteArray *buf = g_byte_array_sized_new((guint)total);
	g_byte_array_set_size(buf, (guint)total);
	guint8 *d = buf->data;
	memset(d, 0, total);
	memcpy(d, MAGIC, sizeof MAGIC);
	wr32(d + 8, MODEL_FORMAT);
	wr32(d + 12, LEDE_TOKENIZER_VERSION);
	wr64(d + 16, b->n_docs);
	wr64(d + 24, n_terms);
	wr64(d + 32, n_slots);
	wr64(d + 40, poff);
	wr64(d + 48, plen);
	wr64(d + 56, soff);
	wr64(d + 64, stroff);
	wr64(d + 72, str_len);
	wr64(d + 80, total);
	memcpy(d + poff, prov, plen + 1);
	g_free(prov);

	gsize at = 0;
	for (guint i = 0; i < n_all; i++) {
		Count *c = g_hash_table_lookup(b->counts, terms[i]);
		if (c->df < min_df)
			continue;
		gsize n = strlen(terms[i]);
		memcpy(d + stroff + at, terms[i], n + 1);
		guint64 h = fnv1a64(terms[i], n);
		guint64 j = h & (n_slots - 1);
		while (lede_rd_le32(d + soff + j * SLOT_SIZE) != 0)
			j = (j + 1) & (n_slots - 1);
		guint8 *s = d + soff + j * SLOT_SIZE;
		wr32(s, (guint32)at + 1);
		wr32(s + 4, (guint32)(h >> 32));
		wr64(s + 8, c->df);
		at += n + 1;
	}
	wr64(d + 88, checksum(d, total));
	return buf;
}

static gboolean builder_write(lede_model_builder *b, const char *path, gboolean partial,
                              GError **error)
{
	guint n_all = 0;
	const char **terms = (const char **)g_hash_table_get_keys_as_array(b->counts, &n_all);
	qsort(terms, n_all, sizeof *terms, cmp_str);
	GByteArray *buf = NULL;
	/* A partial keeps every count: pruning is the final write's, made
	 * once over the exact sums. */
	for (guint64 min_df = 1;; min_df++) {
		if (buf)
			g_byte_array_free(buf, TRUE);
		buf = serialise(b, terms, n_all, min_df, partial);
		if (partial || buf->len <= MAX_FILE_SIZE || min_df >= 1000)
			break;
	}
	g_free(terms);

	/* the CLI's rules: atomic for a file, in place for a device or FIFO */
	gboolean ok = lede_write_file(path, (const char *)buf->data, buf->len, error);
	g_byte_array_free(buf, TRUE);
	return ok;
}

gboolean lede_model_builder_write(lede_model_builder *b, const char *path, GError **error)
{
	return builder_write(b, path, FALSE, error);
}

gboolean lede_model_builder_write_partial(lede_model_builder *b, const char *path, GError **error)
{
	return builder_write(b, path, TRUE, error);
}
