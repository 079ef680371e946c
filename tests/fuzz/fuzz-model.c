/* A fuzz target over the background model's reader (model.c): any bytes as
 * a model file, taken as they are and, when they are as long as a header,
 * once more with the file length and checksum fields made right, so that
 * mutations reach the checks behind the checksum (which a file that is
 * merely damaged never passes).
 *
 * What must hold for a model that opens: lookups of any bytes answer and
 * idf is finite; the text dump has a line "term<TAB>df" a term of the
 * strings area, in its order, and the JSON dump parses with a df a term;
 * merged into a builder and written (`lede corpus build -m`), it opens
 * again with the same documents and, for every term whose lookup finds a
 * frequency, that frequency summed over the term's copies, and no other
 * term. A model that opens has a provenance that is a JSON object and terms
 * without a tab or a line break (checked at load). */
#include "fuzz.h"
#include "lede-private.h"

#include <cjson/cJSON.h>
#include <math.h>
#include <stdio.h>

static guint64 le64(const uint8_t *p)
{
	guint64 v = 0;
	for (int i = 7; i >= 0; i--)
		v = v << 8 | p[i];
	return v;
}

static void put_le64(guint8 *p, guint64 v)
{
	for (int i = 0; i < 8; i++)
		p[i] = (guint8)(v >> (8 * i));
}

/* The terms of the strings area, found from the header as model.c's
 * comment specifies it (offset 64, length 72): the reader has checked
 * both, since the model opened. */
static GPtrArray *terms_of(const uint8_t *data)
{
	GPtrArray *terms = g_ptr_array_new();
	const char *p = (const char *)data + le64(data + 64), *end = p + le64(data + 72);
	for (; p < end; p += strlen(p) + 1)
		g_ptr_array_add(terms, (gpointer)p);
	return terms;
}

static char *dump(const lede_model *m, lede_dump_format format)
{
	char *buf = NULL;
	size_t n = 0;
	FILE *f = open_memstream(&buf, &n);
	fuzz_check(f != NULL, "open_memstream failed");
	GError *error = NULL;
	fuzz_check(lede_model_dump(m, f, format, &error), "a dump failed");
	fclose(f);
	return buf;
}

static void check_dumps(const lede_model *m, GPtrArray *terms)
{
	for (guint i = 0; i < terms->len; i++)
		fuzz_check(!strpbrk(terms->pdata[i], "\t\n"),
		           "a model that opened has a term with a tab or a line break");
	/* the text dump's line count holds where the provenance is one line */
	gboolean plain = !strchr(lede_model_provenance(m), '\n');
	cJSON *prov = fuzz_json_parse(lede_model_provenance(m));
	gboolean json_prov = cJSON_IsObject(prov);
	cJSON_Delete(prov);
	fuzz_check(json_prov, "a model that opened has a provenance that is not a JSON object");

	char *text = dump(m, LEDE_DUMP_TEXT);
	if (plain) {
		char **lines = g_strsplit(text, "\n", -1);
		fuzz_check(g_strv_length(lines) == 4 + terms->len + 1, "a text dump line a term");
		for (guint i = 0; i < terms->len; i++) {
			char *want =
			    g_strdup_printf("%s\t%" G_GUINT64_FORMAT, (char *)terms->pdata[i],
			                    lede_model_df(m, terms->pdata[i], -1));
			fuzz_check(strcmp(lines[4 + i], want) == 0,
			           "a text dump line is not term, df");
			g_free(want);
		}
		g_strfreev(lines);
	}
	free(text);

	char *json = dump(m, LEDE_DUMP_JSON);
	if (json_prov) {
		cJSON *back = fuzz_json_parse(json);
		fuzz_check(back != NULL, "the JSON dump does not parse");
		cJSON *df = cJSON_GetObjectItemCaseSensitive(back, "df");
		fuzz_check(cJSON_IsObject(df) && (guint)cJSON_GetArraySize(df) == terms->len,
		           "the JSON dump has not a df a term");
		cJSON_Delete(back);
	}
	free(json);
}

/* Merged and written as `lede corpus build -m` does, then opened again. */
static void check_merge(const lede_model *m, GPtrArray *terms)
{
	GHashTable *sum = g_hash_table_new_full(g_str_hash, g_str_equal, NULL, g_free);
	for (guint i = 0; i < terms->len; i++) {
		guint64 *s = g_hash_table_lookup(sum, terms->pdata[i]);
		if (!s) {
			s = g_new0(guint64, 1);
			g_hash_table_insert(sum, terms->pdata[i], s);
		}
		*s += lede_model_df(m, terms->pdata[i], -1);
	}
	lede_model_builder *b = lede_model_builder_new();
	GError *error = NULL;
	/* Only a partial whose sources do not add up is refused. */
	gboolean partial = lede_model_is_partial(m);
	if (!lede_model_builder_merge(b, m, &error)) {
		fuzz_check(partial && error != NULL, "a merge failed");
		g_error_free(error);
		lede_model_builder_free(b);
		g_hash_table_destroy(sum);
		return;
	}
	const char *path = fuzz_file_path(0);
	/* A partial is written as a partial again: a step of a merge tree. */
	fuzz_check(partial ? lede_model_builder_write_partial(b, path, &error)
	                   : lede_model_builder_write(b, path, &error),
	           "a merged model was not written");
	lede_model_builder_free(b);
	lede_model *again = lede_model_open(path, &error);
	fuzz_check(again != NULL, "a merged model does not open");
	fuzz_check(lede_model_n_docs(again) == lede_model_n_docs(m),
	           "merging changed the documents");
	guint64 kept = 0;
	GHashTableIter it;
	gpointer k, v;
	g_hash_table_iter_init(&it, sum);
	while (g_hash_table_iter_next(&it, &k, &v)) {
		guint64 want = *(guint64 *)v;
		kept += want != 0;
		fuzz_check(lede_model_df(again, k, -1) == want, "merging changed a frequency");
	}
	fuzz_check(lede_model_n_terms(again) == kept, "merging changed the terms");
	fuzz_check(lede_model_is_partial(again) == partial, "a merge lost or made a partial");
	cJSON *prov = fuzz_json_parse(lede_model_provenance(again));
	fuzz_check(cJSON_IsObject(prov), "a written provenance is not a JSON object");
	cJSON_Delete(prov);
	lede_model_free(again);
	g_hash_table_destroy(sum);
}

static void try(const uint8_t *data, size_t size)
{
	GBytes *bytes = g_bytes_new(data, size);
	GError *error = NULL;
	lede_model *m = lede_model_new_from_bytes(bytes, "fuzz", &error);
	g_bytes_unref(bytes);
	if (!m) {
		fuzz_check(error != NULL, "a model refused without an error");
		g_error_free(error);
		return;
	}
	fuzz_check(isfinite(lede_model_idf(m, "the", -1)), "an idf that is not finite");
	/* lookups of any bytes, the input's own among them */
	for (gsize at = 0; at < size; at += 7)
		(void)lede_model_df(m, (const char *)data + at, (gssize)MIN(size - at, 9));
	GPtrArray *terms = terms_of(data);
	check_dumps(m, terms);
	check_merge(m, terms);
	g_ptr_array_free(terms, TRUE);
	lede_model_free(m);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	try(data, size);
	if (size >= 96) {
		guint8 *fixed = g_memdup2(data, size);
		put_le64(fixed + 80, size);
		put_le64(fixed + 88, lede_model_checksum(fixed, size));
		try(fixed, size);
		g_free(fixed);
	}
	return 0;
}
