/* The background model: build, write, open, merge, corruption handling. */
#include "lede-private.h"
#include "testutil.h"

#include <glib/gstdio.h>
#include <math.h>

static const char *docs[] = {
    "The markets rallied as the company reported record profits.",
    "Market analysts expect the company to raise prices.",
    "Rain is expected in Paris on Tuesday; the market was closed.",
    "1,000 people and 3.5 percent: numbers are not terms.",
};

static lede_model_builder *sample_builder(void)
{
	lede_model_builder *b = lede_model_builder_new();
	for (gsize i = 0; i < G_N_ELEMENTS(docs); i++)
		lede_model_builder_add_document(b, docs[i], strlen(docs[i]));
	return b;
}

static lede_model *write_and_open(lede_model_builder *b, const char *dir, const char *name)
{
	char *path = g_build_filename(dir, name, NULL);
	GError *err = NULL;
	g_assert_true(lede_model_builder_write(b, path, &err));
	g_assert_no_error(err);
	lede_model *m = lede_model_open(path, &err);
	g_assert_no_error(err);
	g_assert_nonnull(m);
	g_free(path);
	return m;
}

static gboolean refuse_write(const char *data, gsize len, gpointer user_data, GError **error)
{
	(void)data;
	(void)len;
	(void)user_data;
	g_set_error_literal(error, G_FILE_ERROR, G_FILE_ERROR_NOSPC, "disk full");
	return FALSE;
}

static void test_round_trip(void)
{
	char *dir = tu_tmpdir();
	lede_model_builder *b = sample_builder();
	g_assert_cmpuint(lede_model_builder_n_docs(b), ==, 4);
	lede_model *m = write_and_open(b, dir, "m.ldf");
	g_assert_cmpuint(lede_model_n_docs(m), ==, 4);
	/* "market", "markets" share the stem; counted once per document */
	g_assert_cmpuint(lede_model_df(m, "market", -1), ==, 3);
	g_assert_cmpuint(lede_model_df(m, "marketXYZ", 6), ==, 3);
	g_assert_cmpuint(lede_model_df(m, "compani", -1), ==, 2);
	g_assert_cmpuint(lede_model_df(m, "expect", -1), ==, 2);
	g_assert_cmpuint(lede_model_df(m, "pari", -1), ==, 1);
	g_assert_cmpuint(lede_model_df(m, "the", -1), ==, 0);   /* stop word */
	g_assert_cmpuint(lede_model_df(m, "1,000", -1), ==, 0); /* number */
	g_assert_cmpuint(lede_model_df(m, "3.5", -1), ==, 0);   /* number */
	g_assert_cmpuint(lede_model_df(m, "nosuch", -1), ==, 0);
	g_assert_cmpuint(lede_model_df(m, "", 0), ==, 0);
	g_assert_cmpfloat_with_epsilon(lede_model_idf(m, "market", -1), log(5.0 / 4.0) + 1, 1e-12);
	g_assert_cmpfloat_with_epsilon(lede_model_idf(m, "nosuch", -1), log(5.0) + 1, 1e-12);

	const char *prov = lede_model_provenance(m);
	g_assert_nonnull(strstr(prov, "\"tokenizer_version\":1"));
	g_assert_nonnull(strstr(prov, "\"sources\""));

	/* The dump lists every term once, sorted, with its df. */
	char *dump_path = g_build_filename(dir, "dump.txt", NULL);
	FILE *f = fopen(dump_path, "w");
	GError *err = NULL;
	g_assert_true(lede_model_dump(m, f, LEDE_DUMP_TEXT, &err));
	fclose(f);
	char *txt;
	g_assert_true(g_file_get_contents(dump_path, &txt, NULL, NULL));
	g_assert_true(g_str_has_prefix(txt, "# lede model\n# docs\t4\n"));
	g_assert_nonnull(strstr(txt, "\nmarket\t3\n"));
	char **lines = g_strsplit(txt, "\n", -1);
	guint64 n = 0;
	const char *prev = NULL;
	for (char **l = lines; *l; l++) {
		if (**l == '#' || **l == 0)
			continue;
		if (prev)
			g_assert_cmpint(strcmp(prev, *l), <, 0);
		prev = *l;
		n++;
	}
	g_assert_cmpuint(n, ==, lede_model_n_terms(m));
	g_strfreev(lines);
	g_free(txt);

	f = fopen(dump_path, "w");
	g_assert_true(lede_model_dump(m, f, LEDE_DUMP_JSON, &err));
	fclose(f);
	g_assert_true(g_file_get_contents(dump_path, &txt, NULL, NULL));
	g_assert_true(g_str_has_prefix(txt, "{\"docs\":4,"));
	g_assert_nonnull(strstr(txt, "\"market\":3"));
	/* The string and callback forms give the FILE's bytes. */
	gsize len = 0;
	char *str = lede_model_dump_to_string(m, LEDE_DUMP_JSON, &len, &err);
	g_assert_no_error(err);
	g_assert_cmpstr(str, ==, txt);
	g_assert_cmpuint(len, ==, strlen(txt));
	g_free(str);
	g_free(txt);
	g_free(dump_path);
	/* A writer that stops the dump fails it with the writer's error. */
	g_assert_false(lede_model_dump_to(m, LEDE_DUMP_TEXT, refuse_write, NULL, &err));
	g_assert_error(err, G_FILE_ERROR, G_FILE_ERROR_NOSPC);
	g_clear_error(&err);

	lede_model_free(m);
	lede_model_builder_free(b);
	tu_rmtree(dir);
	g_free(dir);
}

static void test_merge(void)
{
	char *dir = tu_tmpdir();
	lede_model_builder *b = sample_builder();
	lede_model *a = write_and_open(b, dir, "a.ldf");
	lede_model_builder_free(b);

	b = lede_model_builder_new();
	const char *more = "Market makers in Tokyo.";
	lede_model_builder_add_document(b, more, strlen(more));
	GError *err = NULL;
	g_assert_true(lede_model_builder_merge(b, a, &err));
	g_assert_true(lede_model_builder_merge(b, a, &err));
	g_assert_cmpuint(lede_model_builder_n_docs(b), ==, 9);
	lede_model_builder_add_document(b, more, strlen(more));
	lede_model *m = write_and_open(b, dir, "m.ldf");
	g_assert_cmpuint(lede_model_n_docs(m), ==, 10);
	g_assert_cmpuint(lede_model_df(m, "market", -1), ==, 3 + 3 + 2);
	g_assert_cmpuint(lede_model_df(m, "tokyo", -1), ==, 2);
	g_assert_cmpuint(lede_model_df(m, "pari", -1), ==, 2);
	g_assert_nonnull(strstr(lede_model_provenance(m), "\"merged\""));
	lede_model_free(m);
	lede_model_builder_free(b);
	lede_model_free(a);
	tu_rmtree(dir);
	g_free(dir);
}

static void expect_refused(const char *path, int code, const char *what)
{
	GError *err = NULL;
	lede_model *m = lede_model_open(path, &err);
	g_assert_null(m);
	g_assert_error(err, LEDE_ERROR, code);
	g_assert_nonnull(strstr(err->message, "lede corpus build"));
	if (what)
		g_assert_nonnull(strstr(err->message, what));
	g_error_free(err);
}

static void test_corrupt(void)
{
	char *dir = tu_tmpdir();
	lede_model_builder *b = sample_builder();
	lede_model *m = write_and_open(b, dir, "good.ldf");
	lede_model_free(m);
	lede_model_builder_free(b);
	char *good = g_build_filename(dir, "good.ldf", NULL);
	char *bad = g_build_filename(dir, "bad.ldf", NULL);
	char *data;
	gsize len;
	g_assert_true(g_file_get_contents(good, &data, &len, NULL));

	/* truncated anywhere */
	gsize cuts[] = {0, 5, 50, 95, 96, 200, len / 2, len - 1};
	for (gsize i = 0; i < G_N_ELEMENTS(cuts); i++) {
		tu_write(bad, data, (gssize)cuts[i]);
		expect_refused(bad, LEDE_ERROR_MODEL_CORRUPT, NULL);
	}
	/* one flipped bit anywhere but the version fields */
	for (gsize at = 0; at < len; at += (at < 128 ? 1 : 97)) {
		if (at >= 8 && at < 16)
			continue;
		data[at] ^= 0x10;
		tu_write(bad, data, (gssize)len);
		data[at] ^= 0x10;
		expect_refused(bad, LEDE_ERROR_MODEL_CORRUPT, NULL);
	}
	/* extra bytes */
	char *longer = g_malloc(len + 1);
	memcpy(longer, data, len);
	longer[len] = 'x';
	tu_write(bad, longer, (gssize)len + 1);
	expect_refused(bad, LEDE_ERROR_MODEL_CORRUPT, NULL);
	g_free(longer);

	/* another format version, another tokenizer version */
	data[8]++;
	tu_write(bad, data, (gssize)len);
	expect_refused(bad, LEDE_ERROR_MODEL_VERSION, "format version");
	data[8]--;
	data[12]++;
	tu_write(bad, data, (gssize)len);
	expect_refused(bad, LEDE_ERROR_MODEL_VERSION, "tokenizer version");
	data[12]--;

	/* not a model at all */
	tu_write(bad, "hello world, this is not a model at all. ", -1);
	expect_refused(bad, LEDE_ERROR_MODEL_CORRUPT, "not a lede model");

	GError *err = NULL;
	char *missing = g_build_filename(dir, "missing.ldf", NULL);
	g_assert_null(lede_model_open(missing, &err));
	g_assert_error(err, LEDE_ERROR, LEDE_ERROR_IO);
	g_assert_nonnull(strstr(err->message, "No such file"));
	g_clear_error(&err);
	g_free(missing);

	GBytes *bytes = g_bytes_new(data, 40);
	g_assert_null(lede_model_new_from_bytes(bytes, "test", &err));
	g_assert_error(err, LEDE_ERROR, LEDE_ERROR_MODEL_CORRUPT);
	g_assert_true(g_str_has_prefix(err->message, "test: "));
	g_clear_error(&err);
	g_bytes_unref(bytes);

	g_free(data);
	g_free(good);
	g_free(bad);
	tu_rmtree(dir);
	g_free(dir);
}

/* Rewrites the checksum of a crafted file and checks that it is refused
 * with what (a file can pass the checksum and still be crafted). */
static void expect_crafted_refused(const char *path, guint8 *data, gsize len, const char *what)
{
	guint64 sum = GUINT64_TO_LE(lede_model_checksum(data, len));
	memcpy(data + 88, &sum, 8);
	tu_write(path, (const char *)data, (gssize)len);
	expect_refused(path, LEDE_ERROR_MODEL_CORRUPT, what);
}

/* What the dump and the lookups rely on is checked at open: a provenance
 * that is not JSON made `corpus dump --format json` print invalid JSON, a
 * term with a tab or newline broke the text dump, and a table without an
 * empty slot made every lookup of a missing term scan all slots. */
static void test_crafted(void)
{
	char *dir = tu_tmpdir();
	lede_model_builder *b = sample_builder();
	lede_model *m = write_and_open(b, dir, "good.ldf");
	lede_model_free(m);
	lede_model_builder_free(b);
	char *good = g_build_filename(dir, "good.ldf", NULL);
	char *bad = g_build_filename(dir, "bad.ldf", NULL);
	char *orig;
	gsize len;
	g_assert_true(g_file_get_contents(good, &orig, &len, NULL));
	guint8 *d = g_memdup2(orig, len);
	guint64 poff = lede_rd_le64(d + 40), plen = lede_rd_le64(d + 48);
	guint64 n_slots = lede_rd_le64(d + 32), soff = lede_rd_le64(d + 56);
	guint64 stroff = lede_rd_le64(d + 64);

	/* provenance: not JSON, JSON but not an object, not UTF-8 */
	g_assert_cmpint(d[poff], ==, '{');
	d[poff] = 'x';
	expect_crafted_refused(bad, d, len, "provenance");
	memcpy(d, orig, len);
	memset(d + poff, ' ', plen);
	d[poff] = '1';
	expect_crafted_refused(bad, d, len, "provenance");
	memcpy(d, orig, len);
	d[poff + plen - 2] = '\xff';
	expect_crafted_refused(bad, d, len, "provenance");

	/* a term with a tab, a newline, invalid UTF-8 */
	static const char bytes[] = {'\t', '\n', '\x80'};
	for (guint i = 0; i < G_N_ELEMENTS(bytes); i++) {
		memcpy(d, orig, len);
		d[stroff] = (guint8)bytes[i];
		expect_crafted_refused(bad, d, len, "term");
	}

	/* every slot used: the empty ones copy a used one */
	memcpy(d, orig, len);
	const guint8 *used = NULL;
	for (guint64 i = 0; i < n_slots && !used; i++)
		if (lede_rd_le32(d + soff + i * 16) != 0)
			used = d + soff + i * 16;
	guint8 one[16];
	memcpy(one, used, 16);
	for (guint64 i = 0; i < n_slots; i++)
		if (lede_rd_le32(d + soff + i * 16) == 0)
			memcpy(d + soff + i * 16, one, 16);
	expect_crafted_refused(bad, d, len, "term table");
	/* a slot pointing into the middle of a term */
	memcpy(d, orig, len);
	for (guint64 i = 0; i < n_slots; i++) {
		guint8 *s = d + soff + i * 16;
		if (lede_rd_le32(s) != 0) {
			guint32 off = GUINT32_TO_LE(lede_rd_le32(s) + 1);
			memcpy(s, &off, 4);
			break;
		}
	}
	expect_crafted_refused(bad, d, len, "term table");

	/* the file as written opens, and a miss is still a miss */
	memcpy(d, orig, len);
	tu_write(bad, (const char *)d, (gssize)len);
	GError *err = NULL;
	m = lede_model_open(bad, &err);
	g_assert_no_error(err);
	g_assert_cmpuint(lede_model_df(m, "market", -1), ==, 3);
	g_assert_cmpuint(lede_model_df(m, "nosuchterm", -1), ==, 0);
	lede_model_free(m);

	g_free(d);
	g_free(orig);
	g_free(good);
	g_free(bad);
	tu_rmtree(dir);
	g_free(dir);
}

/* The same bytes through lede_model_new_from_bytes (as the default is opened). */
static void test_from_bytes(void)
{
	char *dir = tu_tmpdir();
	lede_model_builder *b = sample_builder();
	lede_model *m = write_and_open(b, dir, "good.ldf");
	lede_model_builder_free(b);
	char *path = g_build_filename(dir, "good.ldf", NULL);
	char *data;
	gsize len;
	g_assert_true(g_file_get_contents(path, &data, &len, NULL));
	/* Same content via bytes: accepted. */
	GBytes *bytes = g_bytes_new(data, len);
	GError *err = NULL;
	lede_model *m2 = lede_model_new_from_bytes(bytes, "copy", &err);
	g_assert_no_error(err);
	g_assert_cmpuint(lede_model_df(m2, "market", -1), ==, 3);
	lede_model_free(m2);
	g_bytes_unref(bytes);
	lede_model_free(m);
	g_free(data);
	g_free(path);
	tu_rmtree(dir);
	g_free(dir);
}

static void test_empty(void)
{
	char *dir = tu_tmpdir();
	lede_model_builder *b = lede_model_builder_new();
	lede_model *m = write_and_open(b, dir, "empty.ldf");
	g_assert_cmpuint(lede_model_n_docs(m), ==, 0);
	g_assert_cmpuint(lede_model_n_terms(m), ==, 0);
	g_assert_cmpuint(lede_model_df(m, "market", -1), ==, 0);
	g_assert_cmpfloat_with_epsilon(lede_model_idf(m, "market", -1), 1.0, 1e-12);
	lede_model_free(m);
	lede_model_builder_free(b);

	/* empty documents still count as documents */
	b = lede_model_builder_new();
	lede_model_builder_add_document(b, "", 0);
	lede_model_builder_add_document(b, "the of and", 10);
	m = write_and_open(b, dir, "e2.ldf");
	g_assert_cmpuint(lede_model_n_docs(m), ==, 2);
	g_assert_cmpuint(lede_model_n_terms(m), ==, 0);
	lede_model_free(m);
	lede_model_builder_free(b);
	tu_rmtree(dir);
	g_free(dir);
}

static void test_add_path(void)
{
	char *dir = tu_tmpdir();
	char *sub = g_build_filename(dir, "in", "nested", NULL);
	g_mkdir_with_parents(sub, 0755);
	char *p;
	p = g_build_filename(dir, "in", "b.txt", NULL);
	tu_write(p, "\xEF\xBB\xBFZebras graze.", -1);
	g_free(p);
	p = g_build_filename(dir, "in", ".hidden.txt", NULL);
	tu_write(p, "Hidden zebras.", -1);
	g_free(p);
	p = g_build_filename(sub, "c.jsonl", NULL);
	tu_write(p, "{\"id\":1,\"text\":\"Zebras run.\"}\n\n{\"text\":\"Lions sleep.\"}\n", -1);
	g_free(p);

	lede_model_builder *b = lede_model_builder_new();
	GError *err = NULL;
	char *in = g_build_filename(dir, "in", NULL);
	g_assert_true(lede_model_builder_add_path(b, in, &err));
	g_assert_no_error(err);
	g_assert_cmpuint(lede_model_builder_n_docs(b), ==, 3);
	lede_model *m = write_and_open(b, dir, "m.ldf");
	g_assert_cmpuint(lede_model_df(m, "zebra", -1), ==, 2);
	g_assert_cmpuint(lede_model_df(m, "lion", -1), ==, 1);
	g_assert_nonnull(strstr(lede_model_provenance(m), "{\"name\":\"in\",\"docs\":3}"));
	lede_model_free(m);

	p = g_build_filename(dir, "bad.jsonl", NULL);
	tu_write(p, "{\"text\":\"ok\"}\n{\"title\":\"no text\"}\n", -1);
	g_assert_false(lede_model_builder_add_path(b, p, &err));
	g_assert_error(err, LEDE_ERROR, LEDE_ERROR_INVALID);
	g_assert_nonnull(strstr(err->message, "line 2"));
	g_clear_error(&err);
	g_free(p);

	p = g_build_filename(dir, "nope.txt", NULL);
	g_assert_false(lede_model_builder_add_path(b, p, &err));
	g_assert_error(err, LEDE_ERROR, LEDE_ERROR_IO);
	g_clear_error(&err);
	g_free(p);

	p = g_build_filename(dir, "bin.txt", NULL);
	tu_write(p, "a\0b", 3);
	g_assert_false(lede_model_builder_add_path(b, p, &err));
	g_assert_error(err, LEDE_ERROR, LEDE_ERROR_BINARY);
	g_clear_error(&err);
	g_free(p);

	p = g_build_filename(dir, "bad.gz", NULL);
	tu_write(p, "not gzip at all", -1);
	g_assert_false(lede_model_builder_add_path(b, p, &err));
	g_assert_nonnull(err);
	g_clear_error(&err);
	g_free(p);

	lede_model_builder_free(b);
	g_free(in);
	g_free(sub);
	tu_rmtree(dir);
	g_free(dir);
}

static void test_default(void)
{
	GError *err = NULL;
	gint64 t0 = g_get_monotonic_time();
	lede_model *m = lede_model_open_default(&err);
	gint64 t1 = g_get_monotonic_time();
	g_assert_no_error(err);
	g_assert_nonnull(m);
	g_test_message("default model opened in %.3f ms", (double)(t1 - t0) / 1000.0);
	g_assert_cmpuint(lede_model_n_docs(m), >, 20000);
	g_assert_cmpuint(lede_model_n_terms(m), >, 20000);
	g_assert_cmpuint(lede_model_df(m, "market", -1), >, 1000);
	g_assert_cmpuint(lede_model_df(m, "u.s", -1), >, 1000);
	g_assert_cmpuint(lede_model_df(m, "the", -1), ==, 0);
	g_assert_cmpfloat(lede_model_idf(m, "zanzibar", -1), >, lede_model_idf(m, "market", -1));
	g_assert_nonnull(strstr(lede_model_provenance(m), "reuters21578"));
	lede_model_free(m);

	/* The built-in copy is not checksummed at open (it is the program's own
	 * image); the source file it is compiled from is, here. */
	char *path = g_build_filename(tu_srcdir(), "corpus", "default.ldf", NULL);
	m = lede_model_open(path, &err);
	g_assert_no_error(err);
	g_assert_cmpuint(lede_model_n_docs(m), >, 20000);
	lede_model_free(m);
	g_free(path);
}

/* lede_model_df_many answers as lede_model_df does, term by term: every
 * term of the default model (its dump), in blocks that do not divide the
 * count, among terms it does not have and ones that share a prefix. */
static void test_df_many(void)
{
	GError *err = NULL;
	lede_model *m = lede_model_open_default(&err);
	g_assert_no_error(err);
	char *dump = NULL;
	gsize dump_len = 0;
	FILE *f = open_memstream(&dump, &dump_len);
	g_assert_true(lede_model_dump(m, f, LEDE_DUMP_TEXT, &err));
	g_assert_no_error(err);
	fclose(f);

	GPtrArray *terms = g_ptr_array_new_with_free_func(g_free);
	/* A walk with memchr: g_strsplit's strstr is quadratic under
	 * AddressSanitizer, whose interceptor measures the rest of the dump
	 * on every call (7 s). */
	for (const char *l = dump, *end = dump + dump_len; l < end;) {
		const char *nl = memchr(l, '\n', (gsize)(end - l));
		const char *eol = nl ? nl : end;
		const char *tab = memchr(l, '\t', (gsize)(eol - l));
		const char *line = l;
		l = eol + 1;
		if (!tab || *line == '#')
			continue;
		char *term = g_strndup(line, (gsize)(tab - line));
		/* A term, an absent term beside it, and a prefix of it. */
		g_ptr_array_add(terms, g_strdup_printf("%sqqz", term));
		if (strlen(term) > 1)
			g_ptr_array_add(terms, g_strndup(term, strlen(term) - 1));
		g_ptr_array_add(terms, term);
	}
	g_ptr_array_add(terms, g_strdup(""));
	g_assert_cmpuint(terms->len, >, 3 * 20000);
	g_assert_cmpuint(terms->len % 16, !=, 0);

	guint n = terms->len;
	gsize *lens = g_new(gsize, n);
	guint64 *df = g_new(guint64, n);
	for (guint i = 0; i < n; i++)
		lens[i] = strlen(terms->pdata[i]);
	lede_model_df_many(m, (const char *const *)terms->pdata, lens, n, df);
	guint found = 0;
	for (guint i = 0; i < n; i++) {
		guint64 want = lede_model_df(m, terms->pdata[i], -1);
		if (df[i] != want)
			g_error("%s: df_many %" G_GUINT64_FORMAT ", df %" G_GUINT64_FORMAT,
			        (const char *)terms->pdata[i], df[i], want);
		found += want > 0;
		g_assert_cmpfloat(lede_model_idf_of_df(m, df[i]), ==,
		                  lede_model_idf(m, terms->pdata[i], -1));
	}
	g_assert_cmpuint(found, >=, lede_model_n_terms(m));
	/* Fewer than a block, and none. */
	lede_model_df_many(m, (const char *const *)terms->pdata, lens, 5, df);
	for (guint i = 0; i < 5; i++)
		g_assert_cmpuint(df[i], ==, lede_model_df(m, terms->pdata[i], -1));
	lede_model_df_many(m, NULL, NULL, 0, NULL);

	g_free(lens);
	g_free(df);
	g_ptr_array_free(terms, TRUE);
	free(dump);
	lede_model_free(m);
}

int main(int argc, char **argv)
{
	g_test_init(&argc, &argv, NULL);
	g_test_add_func("/model/round-trip", test_round_trip);
	g_test_add_func("/model/merge", test_merge);
	g_test_add_func("/model/corrupt", test_corrupt);
	g_test_add_func("/model/crafted", test_crafted);
	g_test_add_func("/model/from-bytes", test_from_bytes);
	g_test_add_func("/model/empty", test_empty);
	g_test_add_func("/model/add-path", test_add_path);
	g_test_add_func("/model/default", test_default);
	g_test_add_func("/model/df-many", test_df_many);
	return g_test_run();
}
