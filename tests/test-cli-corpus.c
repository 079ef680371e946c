/* `lede corpus build|dump|info`, run as the real binary. */
#include "lede-private.h"
#include "testutil.h"

#include <cjson/cJSON.h>
#include <glib/gstdio.h>

static char *tmp;

static char *in_tmp(const char *name)
{
	return g_build_filename(tmp, name, NULL);
}

static void write_gz(const char *path, const char *data)
{
	GZlibCompressor *z = g_zlib_compressor_new(G_ZLIB_COMPRESSOR_FORMAT_GZIP, -1);
	GOutputStream *mem = g_memory_output_stream_new_resizable();
	GOutputStream *out = g_converter_output_stream_new(mem, G_CONVERTER(z));
	GError *err = NULL;
	g_assert_true(g_output_stream_write_all(out, data, strlen(data), NULL, NULL, &err));
	g_assert_true(g_output_stream_close(out, NULL, &err));
	g_assert_no_error(err);
	tu_write(path, g_memory_output_stream_get_data(G_MEMORY_OUTPUT_STREAM(mem)),
	         (gssize)g_memory_output_stream_get_data_size(G_MEMORY_OUTPUT_STREAM(mem)));
	g_object_unref(out);
	g_object_unref(mem);
	g_object_unref(z);
}

static lede_model *open_ok(const char *path)
{
	GError *err = NULL;
	lede_model *m = lede_model_open(path, &err);
	g_assert_no_error(err);
	return m;
}

static void test_build_dir(void)
{
	char *dir = in_tmp("docs");
	char *sub = g_build_filename(dir, "sub", NULL);
	g_mkdir_with_parents(sub, 0755);
	char *p = g_build_filename(dir, "a.txt", NULL);
	tu_write(p, "Gold prices rose sharply.\n\nTraders bought gold.", -1);
	g_free(p);
	p = g_build_filename(sub, "b.txt", NULL);
	tu_write(p, "Silver prices fell.", -1);
	g_free(p);
	p = g_build_filename(dir, ".hidden", NULL);
	tu_write(p, "Gold gold gold.", -1);
	g_free(p);

	char *out = in_tmp("dir.ldf");
	TuRun r;
	tu_runv(&r, "corpus", "build", "-o", out, dir, NULL);
	g_assert_cmpint(r.status, ==, 0);
	g_assert_nonnull(strstr(r.err, "2 docs"));
	g_assert_nonnull(strstr(r.err, "terms"));
	g_assert_nonnull(strstr(r.err, "bytes"));
	tu_run_clear(&r);
	lede_model *m = open_ok(out);
	g_assert_cmpuint(lede_model_n_docs(m), ==, 2);
	g_assert_cmpuint(lede_model_df(m, "gold", -1), ==, 1);
	g_assert_cmpuint(lede_model_df(m, "price", -1), ==, 2);
	lede_model_free(m);

	/* default output name, in the working directory */
	const char *argv[] = {"corpus", "build", "docs", NULL};
	tu_run(&r, tmp, NULL, 0, argv);
	g_assert_cmpint(r.status, ==, 0);
	tu_run_clear(&r);
	char *def = in_tmp("lede.ldf");
	g_assert_true(g_file_test(def, G_FILE_TEST_IS_REGULAR));
	g_free(def);

	g_free(out);
	g_free(sub);
	g_free(dir);
}

static const char jsonl[] = "{\"id\":\"a\",\"text\":\"Oil prices rose.\"}\n"
                            "{\"id\":\"b\",\"text\":\"Oil output fell; prices rose.\"}\n"
                            "\n"
                            "{\"id\":\"c\",\"text\":\"Wheat harvest.\",\"other\":1}\n";

static void test_build_jsonl(void)
{
	char *j = in_tmp("news.jsonl"), *gz = in_tmp("news2.jsonl.gz"), *out = in_tmp("j.ldf");
	tu_write(j, jsonl, -1);
	write_gz(gz, jsonl);
	TuRun r;
	tu_runv(&r, "corpus", "build", "-o", out, j, gz, NULL);
	g_assert_cmpint(r.status, ==, 0);
	g_assert_nonnull(strstr(r.err, "6 docs"));
	tu_run_clear(&r);
	lede_model *m = open_ok(out);
	g_assert_cmpuint(lede_model_n_docs(m), ==, 6);
	g_assert_cmpuint(lede_model_df(m, "oil", -1), ==, 4);
	g_assert_cmpuint(lede_model_df(m, "wheat", -1), ==, 2);
	g_assert_nonnull(strstr(lede_model_provenance(m), "news2.jsonl.gz"));
	lede_model_free(m);

	/* merging adds the counts */
	char *merged = in_tmp("merged.ldf");
	tu_runv(&r, "corpus", "build", "-o", merged, "-m", out, "--merge", out, j, NULL);
	g_assert_cmpint(r.status, ==, 0);
	tu_run_clear(&r);
	m = open_ok(merged);
	g_assert_cmpuint(lede_model_n_docs(m), ==, 6 + 6 + 3);
	g_assert_cmpuint(lede_model_df(m, "oil", -1), ==, 4 + 4 + 2);
	lede_model_free(m);
	tu_runv(&r, "corpus", "build", "-o", merged, "-m", "default", NULL);
	g_assert_cmpint(r.status, ==, 0);
	tu_run_clear(&r);
	m = open_ok(merged);
	g_assert_cmpuint(lede_model_n_docs(m), >, 20000);
	lede_model_free(m);
	g_free(merged);

	/* dump text */
	tu_runv(&r, "corpus", "dump", out, NULL);
	g_assert_cmpint(r.status, ==, 0);
	g_assert_true(g_str_has_prefix(r.out, "# lede model\n# docs\t6\n"));
	g_assert_nonnull(strstr(r.out, "\noil\t4\n"));
	g_assert_nonnull(strstr(r.out, "\nprice\t4\n"));
	tu_run_clear(&r);

	/* dump json: parses, carries every term */
	tu_runv(&r, "corpus", "dump", "--format", "json", out, NULL);
	g_assert_cmpint(r.status, ==, 0);
	cJSON *o = cJSON_Parse(r.out);
	g_assert_nonnull(o);
	g_assert_cmpint(cJSON_GetObjectItem(o, "docs")->valueint, ==, 6);
	cJSON *df = cJSON_GetObjectItem(o, "df");
	g_assert_cmpint(cJSON_GetObjectItem(df, "oil")->valueint, ==, 4);
	g_assert_cmpint(cJSON_GetArraySize(df), ==, cJSON_GetObjectItem(o, "terms")->valueint);
	g_assert_true(cJSON_IsObject(cJSON_GetObjectItem(o, "provenance")));
	cJSON_Delete(o);
	tu_run_clear(&r);

	/* info */
	tu_runv(&r, "corpus", "info", out, NULL);
	g_assert_cmpint(r.status, ==, 0);
	g_assert_nonnull(strstr(r.out, "docs: 6\n"));
	g_assert_nonnull(strstr(r.out, "news.jsonl"));
	g_assert_nonnull(strstr(r.out, "tokenizer_version"));
	tu_run_clear(&r);

	g_free(j);
	g_free(gz);
	g_free(out);
}

static void test_builtin(void)
{
	TuRun r;
	tu_runv(&r, "corpus", "info", NULL);
	g_assert_cmpint(r.status, ==, 0);
	g_assert_nonnull(strstr(r.out, "(built-in)"));
	g_assert_nonnull(strstr(r.out, "reuters21578"));
	tu_run_clear(&r);

	tu_runv(&r, "corpus", "dump", NULL);
	g_assert_cmpint(r.status, ==, 0);
	g_assert_cmpuint(r.out_len, >, 100000);
	g_assert_nonnull(strstr(r.out, "\nmarket\t"));
	tu_run_clear(&r);

	/* "-fjson" as "-f json", as with every command */
	TuRun a, b;
	tu_runv(&a, "corpus", "dump", "-f", "json", NULL);
	tu_runv(&b, "corpus", "dump", "-fjson", NULL);
	g_assert_cmpint(b.status, ==, 0);
	g_assert_cmpuint(a.out_len, ==, b.out_len);
	g_assert_true(memcmp(a.out, b.out, a.out_len) == 0);
	tu_run_clear(&a);
	tu_run_clear(&b);
}

/* A crafted model (valid checksum) is refused by every command with
 * "lede: FILE: reason", never dumped as invalid JSON or broken lines. */
static void test_crafted_model(void)
{
	char *in = in_tmp("crafted.jsonl"), *good = in_tmp("crafted.ldf");
	tu_write(in, jsonl, -1);
	TuRun r;
	tu_runv(&r, "corpus", "build", "-o", good, in, NULL);
	g_assert_cmpint(r.status, ==, 0);
	tu_run_clear(&r);
	char *data;
	gsize len;
	g_assert_true(g_file_get_contents(good, &data, &len, NULL));
	guint64 poff = lede_rd_le64((const guint8 *)data + 40);
	guint64 stroff = lede_rd_le64((const guint8 *)data + 64);
	static const struct {
		int prov; /* crafted: the provenance (else the first term) */
		char byte;
		const char *why;
	} cases[] = {{1, 'x', "provenance"}, {0, '\t', "term"}, {0, '\n', "term"}};
	for (guint i = 0; i < G_N_ELEMENTS(cases); i++) {
		char *bad = g_memdup2(data, len);
		bad[cases[i].prov ? poff : stroff] = cases[i].byte;
		guint64 sum = GUINT64_TO_LE(lede_model_checksum((const guint8 *)bad, len));
		memcpy(bad + 88, &sum, 8);
		char *path = in_tmp("bad-crafted.ldf");
		tu_write(path, bad, (gssize)len);
		const char *const cmds[][5] = {{"corpus", "dump", "--format", "json", path},
		                               {"corpus", "dump", path, NULL, NULL},
		                               {"corpus", "info", path, NULL, NULL}};
		for (guint c = 0; c < G_N_ELEMENTS(cmds); c++) {
			const char *argv[6] = {0};
			memcpy(argv, cmds[c], sizeof cmds[c]);
			tu_run(&r, NULL, NULL, 0, argv);
			g_assert_cmpint(r.status, ==, 1);
			g_assert_cmpstr(r.out, ==, "");
			char *want = g_strdup_printf("lede: %s: model is damaged", path);
			g_assert_true(g_str_has_prefix(r.err, want));
			g_assert_nonnull(strstr(r.err, cases[i].why));
			g_free(want);
			tu_run_clear(&r);
		}
		g_free(path);
		g_free(bad);
	}
	g_free(data);
	g_free(in);
	g_free(good);
}

static void test_errors(void)
{
	char *missing = in_tmp("no-such-file.txt"), *out = in_tmp("x.ldf");
	TuRun r;
	tu_runv(&r, "corpus", "build", "-o", out, missing, NULL);
	g_assert_cmpint(r.status, ==, 1);
	char *want = g_strdup_printf("lede: %s: No such file or directory", missing);
	g_assert_nonnull(strstr(r.err, want));
	g_free(want);
	g_assert_false(g_file_test(out, G_FILE_TEST_EXISTS));
	tu_run_clear(&r);

	char *bad = in_tmp("bad.jsonl");
	tu_write(bad, "{\"text\":\"fine\"}\nnot json\n", -1);
	tu_runv(&r, "corpus", "build", "-o", out, bad, NULL);
	g_assert_cmpint(r.status, ==, 1);
	g_assert_nonnull(strstr(r.err, "line 2: invalid JSON"));
	tu_run_clear(&r);

	/* a damaged model */
	char *junk = in_tmp("junk.ldf");
	tu_write(junk,
	         "\x7f"
	         "LEDEDF\n"
	         "garbage",
	         -1);
	tu_runv(&r, "corpus", "info", junk, NULL);
	g_assert_cmpint(r.status, ==, 1);
	g_assert_nonnull(strstr(r.err, "lede corpus build"));
	g_assert_true(g_str_has_prefix(r.err, "lede: "));
	tu_run_clear(&r);
	tu_runv(&r, "corpus", "dump", missing, NULL);
	g_assert_cmpint(r.status, ==, 1);
	g_assert_nonnull(strstr(r.err, "No such file"));
	tu_run_clear(&r);

	/* usage errors: exit 2, nothing written */
	const char *const usage[][6] = {
	    {"corpus", NULL},
	    {"corpus", "frobnicate", NULL},
	    {"corpus", "build", NULL},
	    {"corpus", "build", "--bogus", missing, NULL},
	    {"corpus", "dump", "--format", "xml", NULL},
	    {"corpus", "dump", "a", "b", NULL},
	    {"corpus", "info", "a", "b", NULL},
	    {"corpus", "build", "-o", NULL},
	};
	for (gsize i = 0; i < G_N_ELEMENTS(usage); i++) {
		tu_run(&r, NULL, NULL, 0, usage[i]);
		g_assert_cmpint(r.status, ==, 2);
		g_assert_true(g_str_has_prefix(r.err, "lede: "));
		g_assert_nonnull(strstr(r.err, "--help"));
		tu_run_clear(&r);
	}

	/* help */
	const char *const help[][4] = {
	    {"corpus", "--help", NULL},
	    {"corpus", "build", "--help", NULL},
	    {"corpus", "dump", "--help", NULL},
	    {"corpus", "info", "--help", NULL},
	};
	for (gsize i = 0; i < G_N_ELEMENTS(help); i++) {
		tu_run(&r, NULL, NULL, 0, help[i]);
		g_assert_cmpint(r.status, ==, 0);
		g_assert_nonnull(strstr(r.out, "Usage:"));
		tu_run_clear(&r);
	}
	g_free(junk);
	g_free(bad);
	g_free(missing);
	g_free(out);
}

static void test_stdin(void)
{
	char *out = in_tmp("stdin.ldf");
	const char *argv[] = {"corpus", "build", "-o", out, "-", NULL};
	const char *text = "Copper futures climbed.";
	TuRun r;
	tu_run(&r, NULL, text, strlen(text), argv);
	g_assert_cmpint(r.status, ==, 0);
	tu_run_clear(&r);
	lede_model *m = open_ok(out);
	g_assert_cmpuint(lede_model_n_docs(m), ==, 1);
	g_assert_cmpuint(lede_model_df(m, "copper", -1), ==, 1);
	lede_model_free(m);
	g_free(out);
}

int main(int argc, char **argv)
{
	g_test_init(&argc, &argv, NULL);
	tmp = tu_tmpdir();
	g_test_add_func("/cli-corpus/build-dir", test_build_dir);
	g_test_add_func("/cli-corpus/build-jsonl", test_build_jsonl);
	g_test_add_func("/cli-corpus/builtin", test_builtin);
	g_test_add_func("/cli-corpus/crafted-model", test_crafted_model);
	g_test_add_func("/cli-corpus/errors", test_errors);
	g_test_add_func("/cli-corpus/stdin", test_stdin);
	int rc = g_test_run();
	tu_rmtree(tmp);
	g_free(tmp);
	return rc;
}
