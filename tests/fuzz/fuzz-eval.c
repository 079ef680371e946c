/* A fuzz target over lede eval's readers (eval.c): the first byte picks the
 * target (summary, headline, kicker) and the reader (references, a dataset
 * of references with texts, predictions); the rest is the file.
 *
 * What must hold for any file the readers take: an item an id, ids unique,
 * each id one JSON value (the key `lede eval` matches predictions with),
 * and each prediction a string. */
#include "eval.h"
#include "fuzz.h"

static void check_ids(GHashTable *table)
{
	GHashTableIter it;
	gpointer k, v;
	g_hash_table_iter_init(&it, table);
	while (g_hash_table_iter_next(&it, &k, &v)) {
		cJSON *id = fuzz_json_parse(k);
		fuzz_check(id != NULL, "an id that is not one JSON value");
		cJSON_Delete(id);
		fuzz_check(v != NULL, "an id without its item");
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size == 0)
		return 0;
	Target target = (Target)(data[0] % 3);
	guint reader = (data[0] >> 2) % 3;
	const char *path = fuzz_file(0, data + 1, size - 1);
	if (reader < 2) {
		GPtrArray *items;
		GHashTable *by_id;
		if (eval_load_references(path, target, reader == 1, &items, &by_id)) {
			fuzz_check(items->len > 0, "references without items taken");
			fuzz_check(g_hash_table_size(by_id) == items->len,
			           "an item without its own id");
			check_ids(by_id);
			g_hash_table_destroy(by_id);
			g_ptr_array_free(items, TRUE);
		}
	} else {
		GHashTable *preds = eval_load_predictions(path, target);
		if (preds) {
			check_ids(preds);
			g_hash_table_destroy(preds);
		}
	}
	return 0;
}
