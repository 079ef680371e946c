/* lede-stems: writes models/stems-en.bin, the table of the words of a
 * background corpus with their stems (see models/README.md and the format in
 * src/lede-private.h). The tokenizer looks a new word up there before it
 * stems it. The stems are the tokenizer's own, computed here with the table
 * turned off, so a lookup gives what stemming would.
 *
 * usage: lede-stems [--min-df N] -o OUT FILE.jsonl[.gz]...
 * Each line of a FILE (gzipped when its name ends in .gz) is a JSON object
 * whose "text" is a document, as for `lede corpus build`; a norm
 * (a word as the tokenizer folds it; not numbers or CJK) goes in the table
 * when at least N documents have it (default 2). */
#include "lede-private.h"

#include <stdio.h>

typedef struct {
	guint df;
	guint last_doc; /* counts a norm once per document; documents count from 1 */
	guint stem_id;
	guint flags;
} NormCount;

typedef struct {
	const char *norm;
	const char *stem; /* NULL: the norm itself */
	guint flags;
} Entry;

static int by_norm(gconstpointer a, gconstpointer b)
{
	return strcmp(((const Entry *)a)->norm, ((const Entry *)b)->norm);
}

typedef struct {
	LedeTokenizer *tk;
	GArray *counts; /* NormCount by norm id */
	GArray *toks;
	guint n_docs;
} Counter;

/* Counts the norms of one document (once each). */
static void count_document(const char *text, gsize len, void *user)
{
	Counter *c = user;
	c->n_docs++;
	g_array_set_size(c->toks, 0);
	lede_tokenize(c->tk, text, len, 0, c->toks);
	g_array_set_size(c->counts, lede_tokenizer_n_ids(c->tk));
	for (guint k = 0; k < c->toks->len; k++) {
		const LedeToken *t = &g_array_index(c->toks, LedeToken, k);
		if (t->flags & (LEDE_TOK_NUMBER | LEDE_TOK_CJK))
			continue;
		NormCount *n = &g_array_index(c->counts, NormCount, t->norm_id);
		if (n->last_doc == c->n_docs)
			continue;
		n->last_doc = c->n_docs;
		n->df++;
		n->stem_id = t->stem_id;
		n->flags = t->flags & LEDE_TOK_STOP;
	}
}

static void put_le32(GByteArray *a, guint32 v)
{
	v = GUINT32_TO_LE(v);
	g_byte_array_append(a, (const guint8 *)&v, 4);
}

int main(int argc, char **argv)
{
	char *out = NULL;
	int min_df = 2;
	GOptionEntry entries[] = {
	    {"output", 'o', 0, G_OPTION_ARG_FILENAME, &out, "Write the table to FILE", "FILE"},
	    {"min-df", 0, 0, G_OPTION_ARG_INT, &min_df, "Keep norms of at least N documents", "N"},
	    {NULL, 0, 0, 0, NULL, NULL, NULL}};
	GOptionContext *ctx = g_option_context_new("FILE.jsonl[.gz]...");
	g_option_context_add_main_entries(ctx, entries, NULL);
	GError *error = NULL;
	if (!g_option_context_parse(ctx, &argc, &argv, &error) || !out || argc < 2 || min_df < 1) {
		fprintf(stderr, "lede-stems: %s\n",
		        error ? error->message : "usage: lede-stems [--min-df N] -o OUT FILE...");
		return 2;
	}
	g_option_context_free(ctx);

	LedeTokenizer *tk = lede_tokenizer_new();
	lede_tokenizer_use_stem_table(tk, FALSE);
	Counter c = {tk, g_array_new(FALSE, TRUE, sizeof(NormCount)),
	             g_array_new(FALSE, FALSE, sizeof(LedeToken)), 0};
	for (int i = 1; i < argc; i++) {
		GByteArray *data = lede_read_path(argv[i], &error);
		if (!data || !lede_jsonl_texts((const char *)data->data, data->len, count_document,
		                               &c, &error)) {
			fprintf(stderr, "lede-stems: %s: %s\n", argv[i], error->message);
			return 1;
		}
		g_byte_array_free(data, TRUE);
	}
	GArray *counts = c.counts;
	guint n_docs = c.n_docs;

	GArray *kept = g_array_new(FALSE, FALSE, sizeof(Entry));
	guint n_norms = 0;
	for (guint id = 0; id < counts->len; id++) {
		const NormCount *nc = &g_array_index(counts, NormCount, id);
		const char *norm = lede_tokenizer_word(tk, id);
		n_norms += nc->df > 0; /* the other ids are stems that are no word's norm */
		if (nc->df < (guint)min_df || strlen(norm) > LEDE_WORD_MAX)
			continue;
		Entry e = {norm, nc->stem_id == id ? NULL : lede_tokenizer_word(tk, nc->stem_id),
		           nc->flags};
		g_array_append_val(kept, e);
	}
	g_array_sort(kept, by_norm);

	guint n_slots = 1024;
	while (n_slots * 2 < 3 * kept->len)
		n_slots *= 2;
	guint64 *slots = g_new0(guint64, n_slots);
	GByteArray *records = g_byte_array_new();
	for (guint k = 0; k < kept->len; k++) {
		const Entry *e = &g_array_index(kept, Entry, k);
		gsize n = strlen(e->norm), sl = e->stem ? strlen(e->stem) : 0;
		guint32 hash = lede_word_hash(e->norm, n);
		guint i = hash & (n_slots - 1);
		while (slots[i])
			i = (i + 1) & (n_slots - 1);
		slots[i] = GUINT64_TO_LE((guint64)hash << 32 | (records->len + 1));
		guint8 head[3] = {(guint8)n, e->stem ? (guint8)sl : LEDE_STEMS_SAME,
		                  (guint8)e->flags};
		g_byte_array_append(records, head, 3);
		g_byte_array_append(records, (const guint8 *)e->norm, (guint)n + 1);
		if (e->stem)
			g_byte_array_append(records, (const guint8 *)e->stem, (guint)sl + 1);
	}

	GByteArray *file = g_byte_array_new();
	g_byte_array_append(file, (const guint8 *)LEDE_STEMS_MAGIC, 8);
	put_le32(file, LEDE_STEMS_FORMAT);
	put_le32(file, LEDE_TOKENIZER_VERSION);
	put_le32(file, kept->len);
	put_le32(file, n_slots);
	put_le32(file, records->len);
	put_le32(file, 0);
	g_byte_array_append(file, (const guint8 *)slots, n_slots * 8);
	g_byte_array_append(file, records->data, records->len);
	/* g_file_set_contents writes a temporary file and renames it. */
	if (!g_file_set_contents(out, (const char *)file->data, file->len, &error)) {
		fprintf(stderr, "lede-stems: %s\n", error->message);
		return 1;
	}
	fprintf(stderr, "lede-stems: %u documents, %u norms, %u kept (df >= %d), %u bytes\n",
	        n_docs, n_norms, kept->len, min_df, file->len);

	g_byte_array_free(file, TRUE);
	g_byte_array_free(records, TRUE);
	g_free(slots);
	g_array_free(kept, TRUE);
	g_array_free(c.toks, TRUE);
	g_array_free(counts, TRUE);
	lede_tokenizer_free(tk);
	g_free(out);
	return 0;
}
