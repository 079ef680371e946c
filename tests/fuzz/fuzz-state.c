/* A fuzz target over the digest's state file (digest.c's state_load and
 * state_save): any bytes as the state a run starts from.
 *
 * What must hold for a state that loads: saved and loaded again, it keeps
 * every record (but those of files that are gone) with its hash
 * and time, and its outputs in order; and saving is a fixed point: the
 * second save is byte for byte the first. */
#include "digest.h"
#include "fuzz.h"

/* So early that only records from before it (the earliest time there is)
 * are old enough to be forgotten: more than the 90 days records are kept. */
#define NOW (G_MININT64 + (gint64)100 * 86400)

static GHashTable *new_state(void)
{
	return g_hash_table_new_full(g_str_hash, g_str_equal, g_free, state_entry_free);
}

static void check_kept(GHashTable *before, GHashTable *after)
{
	GHashTableIter it;
	gpointer k, v;
	g_hash_table_iter_init(&it, before);
	while (g_hash_table_iter_next(&it, &k, &v)) {
		const StateEntry *a = v, *b = g_hash_table_lookup(after, k);
		if (!b) {
			fuzz_check(g_str_has_prefix(k, "file:") || a->digested < NOW,
			           "a saved state lost a record");
			continue;
		}
		fuzz_check(strcmp(a->hash, b->hash) == 0, "a saved state changed a hash");
		/* times are whole seconds within years 1 to 9999 (checked at
		 * load), which cJSON prints exactly */
		fuzz_check(a->digested == b->digested, "a saved state changed a time");
	}
	g_hash_table_iter_init(&it, after);
	while (g_hash_table_iter_next(&it, &k, &v))
		fuzz_check(g_hash_table_contains(before, k), "a saved state gained a record");
}

static void check_outputs(GPtrArray *a, GPtrArray *b)
{
	fuzz_check(a->len == b->len, "a saved state changed its outputs");
	for (guint i = 0; i < a->len; i++)
		fuzz_check(strcmp(a->pdata[i], b->pdata[i]) == 0,
		           "a saved state changed an output");
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *path = fuzz_file(0, data, size);
	GHashTable *s1 = new_state();
	GPtrArray *o1 = g_ptr_array_new_with_free_func(g_free);
	if (state_load(path, s1, o1)) {
		const char *saved = fuzz_file_path(1);
		fuzz_check(state_save(saved, s1, o1, NOW), "a state that loaded was not saved");
		char *first;
		gsize first_len;
		fuzz_check(g_file_get_contents(saved, &first, &first_len, NULL), "no saved state");
		GHashTable *s2 = new_state();
		GPtrArray *o2 = g_ptr_array_new_with_free_func(g_free);
		fuzz_check(state_load(saved, s2, o2), "a saved state does not load");
		check_kept(s1, s2);
		check_outputs(o1, o2);
		fuzz_check(state_save(saved, s2, o2, NOW), "a state that loaded was not saved");
		char *second;
		gsize second_len;
		fuzz_check(g_file_get_contents(saved, &second, &second_len, NULL),
		           "no saved state");
		fuzz_check(first_len == second_len && memcmp(first, second, first_len) == 0,
		           "saving a saved state changed it");
		g_free(first);
		g_free(second);
		g_hash_table_destroy(s2);
		g_ptr_array_free(o2, TRUE);
	}
	g_hash_table_destroy(s1);
	g_ptr_array_free(o1, TRUE);
	return 0;
}
