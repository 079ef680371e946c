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

/* ---- lede corpus merge ---- */

/* Documents over a small vocabulary with a long tail of rare words, made
 * from a fixed seed: every partitioning of them sees the same counts. */
static char **merge_docs(guint n, guint max_words, guint n_syll)
{
	static const char *const common[] = {"market", "council", "ferry", "storm",    "election",
	                                     "bridge", "harbour", "river", "minister", "budget"};
	static const char *const syll[] = {"ka", "lo", "mi", "ne", "ru", "ta", "vo", "zi",
	                                   "be", "da", "fu", "go", "hi", "jo", "pe", "so"};
	GRand *r = g_rand_new_with_seed(18);
	char **docs = g_new0(char *, n + 1);
	for (guint i = 0; i < n; i++) {
		GString *g = g_string_new(NULL);
		guint words = (guint)g_rand_int_range(r, 3, (gint32)max_words);
		for (guint w = 0; w < words; w++) {
			if (g_rand_int_range(r, 0, 3) != 0) {
				/* a rare made-up word */
				for (guint k = 0; k < n_syll; k++)
					g_string_append(g, syll[g_rand_int_range(r, 0, 16)]);
			} else {
				g_string_append(g, common[g_rand_int_range(r, 0, 10)]);
			}
			g_string_append(g, w + 1 == words ? "." : " ");
		}
		docs[i] = g_string_free(g, FALSE);
	}
	g_rand_free(r);
	return docs;
}

/* Writes docs [from, to) as JSON Lines at dir/NAME/docs.jsonl: every part's
 * source is called NAME, as the whole's is. */
static void write_named(const char *dir, const char *name, char **docs, guint from, guint to)
{
	char *all = g_build_filename(dir, name, NULL);
	g_mkdir_with_parents(all, 0755);
	GString *g = g_string_new(NULL);
	for (guint i = from; i < to; i++) {
		cJSON *o = cJSON_CreateObject();
		cJSON_AddNumberToObject(o, "id", i);
		cJSON_AddStringToObject(o, "text", docs[i]);
		char *line = cJSON_PrintUnformatted(o);
		g_string_append_printf(g, "%s\n", line);
		cJSON_free(line);
		cJSON_Delete(o);
	}
	char *path = g_build_filename(all, "docs.jsonl", NULL);
	tu_write(path, g->str, (gssize)g->len);
	g_free(path);
	g_string_free(g, TRUE);
	g_free(all);
}

static void write_part(const char *dir, char **docs, guint from, guint to)
{
	write_named(dir, "all", docs, from, to);
}

static char *read_all(const char *path)
{
	char *data = NULL;
	gsize len = 0;
	g_assert_true(g_file_get_contents(path, &data, &len, NULL));
	char *all = g_base64_encode((const guchar *)data, len); /* bytes, NULs included */
	g_free(data);
	return all;
}

/* Builds the partials of one partitioning (cuts: part k is docs
 * [cuts[k], cuts[k+1])) and returns their paths. */
static char **build_parts(const char *name, char **docs, const guint *cuts, guint n_parts)
{
	char **parts = g_new0(char *, n_parts + 1);
	for (guint k = 0; k < n_parts; k++) {
		char *dir = g_strdup_printf("%s/%s-%u", tmp, name, k);
		write_part(dir, docs, cuts[k], cuts[k + 1]);
		parts[k] = g_strdup_printf("%s/%s-%u.ldf", tmp, name, k);
		char *in = g_build_filename(dir, "all", NULL);
		TuRun r;
		tu_runv(&r, "corpus", "build", "--partial", "-o", parts[k], in, NULL);
		g_assert_cmpint(r.status, ==, 0);
		tu_run_clear(&r);
		g_free(in);
		g_free(dir);
	}
	return parts;
}

/* One `lede corpus build` over docs [0, n) in tmp/NAME/all/; returns the
 * model's path. */
static char *build_whole(const char *name, char **docs, guint n)
{
	char *dir = in_tmp(name);
	write_part(dir, docs, 0, n);
	char *in = g_build_filename(dir, "all", NULL);
	char *out = g_strdup_printf("%s/%s.ldf", tmp, name);
	TuRun r;
	tu_runv(&r, "corpus", "build", "-o", out, in, NULL);
	g_assert_cmpint(r.status, ==, 0);
	tu_run_clear(&r);
	g_free(in);
	g_free(dir);
	return out;
}

static void merge_ok(const char *out, gboolean partial, char **parts)
{
	GPtrArray *argv = g_ptr_array_new();
	g_ptr_array_add(argv, (gpointer) "corpus");
	g_ptr_array_add(argv, (gpointer) "merge");
	if (partial)
		g_ptr_array_add(argv, (gpointer) "--partial");
	g_ptr_array_add(argv, (gpointer) "-o");
	g_ptr_array_add(argv, (gpointer)out);
	for (char **p = parts; *p; p++)
		g_ptr_array_add(argv, *p);
	g_ptr_array_add(argv, NULL);
	TuRun r;
	tu_run(&r, NULL, NULL, 0, (const char *const *)argv->pdata);
	g_assert_cmpint(r.status, ==, 0);
	tu_run_clear(&r);
	g_ptr_array_free(argv, TRUE);
}

static void test_merge_exact(void)
{
	/* The "built" date is the one thing two builds may differ by. */
	g_setenv("SOURCE_DATE_EPOCH", "1700000000", TRUE);
	enum { N = 90 };
	char **docs = merge_docs(N, 40, 3);
	char *whole = build_whole("whole", docs, N);
	TuRun r;
	char *want = read_all(whole);
	lede_model *m = open_ok(whole);
	g_assert_cmpuint(lede_model_n_docs(m), ==, N);
	g_assert_false(lede_model_is_partial(m));
	lede_model_free(m);

	/* 1: three equal parts, merged flat in order. */
	const guint cuts1[] = {0, 30, 60, N};
	char **p1 = build_parts("even", docs, cuts1, 3);
	char *out1 = in_tmp("even.ldf");
	merge_ok(out1, FALSE, p1);
	char *got = read_all(out1);
	g_assert_cmpstr(got, ==, want);
	g_free(got);
	m = open_ok(p1[0]);
	g_assert_true(lede_model_is_partial(m));
	lede_model_free(m);

	/* 2: five uneven parts (one empty), merged in a tree in reverse order,
	 * the inner nodes partials again. */
	const guint cuts2[] = {0, 1, 8, 8, 41, N};
	char **p2 = build_parts("tree", docs, cuts2, 5);
	char *left = in_tmp("tree-left.ldf"), *right = in_tmp("tree-right.ldf");
	char *l_parts[] = {p2[4], p2[2], NULL}, *r_parts[] = {p2[3], p2[0], p2[1], NULL};
	merge_ok(left, TRUE, l_parts);
	merge_ok(right, TRUE, r_parts);
	char *out2 = in_tmp("tree.ldf");
	char *top[] = {right, left, NULL};
	merge_ok(out2, FALSE, top);
	got = read_all(out2);
	g_assert_cmpstr(got, ==, want);
	g_free(got);

	/* 3: one document per part for the first ten, the rest in one part;
	 * associativity: ((a b) c) is (a (b c)) as partials, byte for byte. */
	guint cuts3[12];
	for (guint k = 0; k <= 10; k++)
		cuts3[k] = k;
	cuts3[11] = N;
	char **p3 = build_parts("ones", docs, cuts3, 11);
	char *ab = in_tmp("ab.ldf"), *ab_c = in_tmp("ab-c.ldf");
	char *bc = in_tmp("bc.ldf"), *a_bc = in_tmp("a-bc.ldf");
	char *x1[] = {p3[0], p3[1], NULL}, *x2[] = {ab, p3[2], NULL};
	char *y1[] = {p3[2], p3[1], NULL}, *y2[] = {bc, p3[0], NULL};
	merge_ok(ab, TRUE, x1);
	merge_ok(ab_c, TRUE, x2);
	merge_ok(bc, TRUE, y1);
	merge_ok(a_bc, TRUE, y2);
	char *s1 = read_all(ab_c), *s2 = read_all(a_bc);
	g_assert_cmpstr(s1, ==, s2);
	g_free(s1);
	g_free(s2);
	char *rest[12];
	rest[0] = a_bc;
	for (guint k = 3; k < 11; k++)
		rest[k - 2] = p3[k];
	rest[9] = NULL;
	char *out3 = in_tmp("ones.ldf");
	merge_ok(out3, FALSE, rest);
	got = read_all(out3);
	g_assert_cmpstr(got, ==, want);
	g_free(got);

	/* Sources of several names come out sorted, as a whole build over
	 * inputs given in that order lists them, whatever the merge order. */
	char *named = in_tmp("named");
	write_named(named, "alpha", docs, 0, 40);
	write_named(named, "beta", docs, 40, N);
	char *alpha = g_build_filename(named, "alpha", NULL);
	char *beta = g_build_filename(named, "beta", NULL);
	char *whole2 = in_tmp("named.ldf"), *pa = in_tmp("alpha.ldf"), *pb = in_tmp("beta.ldf");
	char *out4 = in_tmp("named-merged.ldf");
	tu_runv(&r, "corpus", "build", "-o", whole2, alpha, beta, NULL);
	g_assert_cmpint(r.status, ==, 0);
	tu_run_clear(&r);
	tu_runv(&r, "corpus", "build", "--partial", "-o", pa, alpha, NULL);
	tu_run_clear(&r);
	tu_runv(&r, "corpus", "build", "--partial", "-o", pb, beta, NULL);
	tu_run_clear(&r);
	char *ba[] = {pb, pa, NULL};
	merge_ok(out4, FALSE, ba);
	s1 = read_all(whole2);
	s2 = read_all(out4);
	g_assert_cmpstr(s1, ==, s2);
	g_free(s1);
	g_free(s2);
	g_free(out4);
	g_free(pa);
	g_free(pb);
	g_free(whole2);
	g_free(alpha);
	g_free(beta);
	g_free(named);

	/* A whole model is refused (it may be pruned), and nothing written. */
	char *refused = in_tmp("refused.ldf");
	tu_runv(&r, "corpus", "merge", "-o", refused, p1[0], whole, NULL);
	g_assert_cmpint(r.status, ==, 1);
	g_assert_nonnull(strstr(r.err, "not a partial model"));
	g_assert_false(g_file_test(refused, G_FILE_TEST_EXISTS));
	tu_run_clear(&r);
	tu_runv(&r, "corpus", "merge", NULL);
	g_assert_cmpint(r.status, ==, 2);
	tu_run_clear(&r);

	g_unsetenv("SOURCE_DATE_EPOCH");
	g_free(refused);
	g_free(out3);
	g_free(ab);
	g_free(ab_c);
	g_free(bc);
	g_free(a_bc);
	g_strfreev(p3);
	g_free(out2);
	g_free(left);
	g_free(right);
	g_strfreev(p2);
	g_free(out1);
	g_strfreev(p1);
	g_free(want);
	g_free(whole);
	g_strfreev(docs);
}

/* Past 8 MiB a model drops its rarest terms: the parts keep every count
 * and the merge prunes once, over the sums, as the whole build does. */
static void test_merge_pruned(void)
{
	g_setenv("SOURCE_DATE_EPOCH", "1700000000", TRUE);
	enum { N = 6000 };
	char **docs = merge_docs(N, 200, 5); /* 16^5 made-up words: most are seen once */
	char *whole = build_whole("big", docs, N);
	lede_model *m = open_ok(whole);
	cJSON *prov = cJSON_Parse(lede_model_provenance(m));
	g_assert_cmpint(cJSON_GetObjectItem(prov, "min_df")->valueint, >, 1);
	cJSON_Delete(prov);
	lede_model_free(m);

	const guint cuts[] = {0, 2000, 3500, N};
	char **parts = build_parts("big", docs, cuts, 3);
	/* the inner node of the tree is itself past 8 MiB, and not pruned */
	char *mid = in_tmp("big-mid.ldf"), *out = in_tmp("big-merged.ldf");
	char *inner[] = {parts[2], parts[1], NULL};
	merge_ok(mid, TRUE, inner);
	GStatBuf st;
	g_assert_cmpint(g_stat(mid, &st), ==, 0);
	g_assert_cmpint(st.st_size, >, 8 << 20);
	char *outer[] = {mid, parts[0], NULL};
	merge_ok(out, FALSE, outer);
	char *want = read_all(whole), *got = read_all(out);
	g_assert_cmpstr(got, ==, want);
	g_unsetenv("SOURCE_DATE_EPOCH");
	g_free(want);
	g_free(got);
	g_free(out);
	g_free(mid);
	g_strfreev(parts);
	g_free(whole);
	g_strfreev(docs);
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
	g_test_add_func("/cli-corpus/merge-exact", test_merge_exact);
	g_test_add_func("/cli-corpus/merge-pruned", test_merge_pruned);
	int rc = g_test_run();
	tu_rmtree(tmp);
	g_free(tmp);
	return rc;
}
