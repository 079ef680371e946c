/* What lede does to the files it is given and writes (issue #14): device
 * nodes, FIFOs, /dev/stdout, modes and owners, stale temporary files,
 * symbolic links, truncated gzip, endless or huge inputs, write errors on
 * standard output. Run as the real binary. */
#include "testutil.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gstdio.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>
#include <zlib.h>

static char *tmp;

static char *in_tmp(const char *name)
{
	return g_build_filename(tmp, name, NULL);
}

/* A small article of our own (tests/data is read, never copied). */
static const char article[] =
    "The city council voted on Tuesday to rebuild the ferry terminal on higher ground.\n\n"
    "The old terminal flooded twice last winter, and repairs cost more than a new one.\n\n"
    "Residents of the island asked who would pay for the work, and the council said\n"
    "a surcharge on tickets would cover a third of it.\n";

static const char article2[] =
    "The museum reopened on Saturday after a five-year renovation of its fossil wing.\n\n"
    "More than six thousand visitors came on the first day, many of them families.\n\n"
    "The roof, which had leaked since the nineties, was replaced during the work.\n";

static char *feeds_dir(void)
{
	char *dir = in_tmp("feeds");
	g_mkdir(dir, 0755);
	char *a = g_build_filename(dir, "a.txt", NULL);
	char *b = g_build_filename(dir, "b.txt", NULL);
	tu_write(a, article, -1);
	tu_write(b, article2, -1);
	g_free(a);
	g_free(b);
	return dir;
}

/* Runs a shell script with LEDE_BIN in its environment (from meson). */
static void run_sh(TuRun *r, const char *script)
{
	const char *argv[] = {"/bin/sh", "-c", script, NULL};
	char *out = NULL, *err = NULL;
	int wait = 0;
	GError *error = NULL;
	g_assert_true(g_spawn_sync(tmp, (char **)argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out,
	                           &err, &wait, &error));
	g_assert_no_error(error);
	memset(r, 0, sizeof *r);
	r->out = out;
	r->out_len = strlen(out);
	r->err = err;
	r->status = WIFEXITED(wait) ? WEXITSTATUS(wait) : 128 + WTERMSIG(wait);
}

static char *read_all(const char *path)
{
	char *data = NULL;
	GError *error = NULL;
	g_file_get_contents(path, &data, NULL, &error);
	g_assert_no_error(error);
	return data;
}

static char *digest_of(const char *feeds)
{
	TuRun r;
	tu_runv(&r, "digest", "--now", "2025-03-02", feeds, NULL);
	g_assert_cmpint(r.status, ==, 0);
	g_assert_cmpstr(r.err, ==, "");
	char *out = g_strdup(r.out);
	tu_run_clear(&r);
	return out;
}

/* #1: a character device given as -o (or --save-predictions) stays one:
 * written to, never replaced by a regular file. */
static void test_char_device(void)
{
	char *dev = in_tmp("null");
	if (mknod(dev, S_IFCHR | 0666, makedev(1, 3)) != 0) {
		char *why = g_strdup_printf("mknod: %s (needs root)", g_strerror(errno));
		g_test_skip(why);
		g_free(why);
		g_free(dev);
		return;
	}
	char *feeds = feeds_dir();
	TuRun r;
	tu_runv(&r, "digest", "--now", "2025-03-02", "-o", dev, feeds, NULL);
	g_assert_cmpint(r.status, ==, 0);
	g_assert_cmpstr(r.err, ==, "");
	tu_run_clear(&r);
	GStatBuf st;
	g_assert_cmpint(g_lstat(dev, &st), ==, 0);
	g_assert_true(S_ISCHR(st.st_mode));
	g_assert_cmpuint(st.st_rdev, ==, makedev(1, 3));

	char *ds = tu_data_file("eval-dataset.jsonl");
	tu_runv(&r, "eval", ds, "--save-predictions", dev, NULL);
	g_assert_cmpint(r.status, ==, 0);
	tu_run_clear(&r);
	g_assert_cmpint(g_lstat(dev, &st), ==, 0);
	g_assert_true(S_ISCHR(st.st_mode));
	/* nothing beside it either: no temporary file left */
	GDir *d = g_dir_open(tmp, 0, NULL);
	const char *name;
	while ((name = g_dir_read_name(d)))
		g_assert_true(strcmp(name, "null") == 0 || strcmp(name, "feeds") == 0);
	g_dir_close(d);
	g_free(ds);
	g_free(feeds);
	g_free(dev);
}

/* #1: a FIFO given as -o receives the digest; it stays a FIFO. */
static void test_fifo(void)
{
	char *fifo = in_tmp("fifo");
	char *got = in_tmp("got");
	g_assert_cmpint(mkfifo(fifo, 0600), ==, 0);
	char *feeds = feeds_dir();
	char *want = digest_of(feeds);

	GError *error = NULL;
	GSubprocessLauncher *l = g_subprocess_launcher_new(G_SUBPROCESS_FLAGS_NONE);
	g_subprocess_launcher_set_stdout_file_path(l, got);
	GSubprocess *reader = g_subprocess_launcher_spawn(l, &error, "cat", fifo, NULL);
	g_assert_no_error(error);
	TuRun r;
	tu_runv(&r, "digest", "--now", "2025-03-02", "-o", fifo, feeds, NULL);
	GStatBuf st;
	gboolean still_fifo = g_lstat(fifo, &st) == 0 && S_ISFIFO(st.st_mode);
	if (!still_fifo) /* the reader waits for a writer that will never come */
		g_subprocess_force_exit(reader);
	g_subprocess_wait(reader, NULL, &error);
	g_assert_no_error(error);
	g_assert_true(still_fifo);
	g_assert_cmpint(r.status, ==, 0);
	g_assert_cmpstr(r.err, ==, "");
	char *data = read_all(got);
	g_assert_cmpstr(data, ==, want);
	g_free(data);
	tu_run_clear(&r);
	g_object_unref(reader);
	g_object_unref(l);
	g_free(want);
	g_free(feeds);
	g_free(got);
	g_free(fifo);
}

/* #1: -o /dev/fd/1 and /dev/stdout write to the standard output lede was
 * given, at its offset: after what the shell wrote before. */
static void test_dev_stdout(void)
{
	char *feeds = feeds_dir();
	char *want = digest_of(feeds);
	const char *const targets[] = {"/dev/fd/1", "/dev/stdout"};
	for (guint i = 0; i < G_N_ELEMENTS(targets); i++) {
		TuRun r;
		tu_runv(&r, "digest", "--now", "2025-03-02", "-o", targets[i], feeds, NULL);
		g_assert_cmpstr(r.err, ==, "");
		g_assert_cmpint(r.status, ==, 0);
		g_assert_cmpstr(r.out, ==, want);
		tu_run_clear(&r);
		/* a regular file as standard output: appended to, not replaced */
		char *quoted = g_shell_quote(feeds);
		char *script =
		    g_strdup_printf("{ echo header; \"$LEDE_BIN\" digest --now 2025-03-02 "
		                    "-o %s %s; } > out.md",
		                    targets[i], quoted);
		g_free(quoted);
		run_sh(&r, script);
		g_free(script);
		g_assert_cmpstr(r.err, ==, "");
		g_assert_cmpint(r.status, ==, 0);
		char *path = in_tmp("out.md");
		char *data = read_all(path);
		char *expect = g_strconcat("header\n", want, NULL);
		g_assert_cmpstr(data, ==, expect);
		g_free(expect);
		g_free(data);
		g_free(path);
		tu_run_clear(&r);
	}
	g_free(want);
	g_free(feeds);
}

/* #12: replacing an existing output or state keeps its mode (and, as root,
 * its owner); a symbolic link stays a link to the replaced file. */
static void test_mode_owner_link(void)
{
	char *feeds = feeds_dir();
	char *out = in_tmp("digest.md");
	char *state = in_tmp("state");
	tu_write(out, "old\n", -1);
	tu_write(state, "{\"format\": \"lede-digest-state\", \"version\": 1, \"stories\": []}\n",
	         -1);
	g_assert_cmpint(g_chmod(out, 0600), ==, 0);
	g_assert_cmpint(g_chmod(state, 0640), ==, 0);
	gboolean root = geteuid() == 0;
	if (root) {
		g_assert_cmpint(chown(out, 1234, 5678), ==, 0);
		g_assert_cmpint(chown(state, 4321, 8765), ==, 0);
	}
	TuRun r;
	tu_runv(&r, "digest", "--now", "2025-03-02", "-o", out, "--state", state, feeds, NULL);
	g_assert_cmpstr(r.err, ==, "");
	g_assert_cmpint(r.status, ==, 0);
	tu_run_clear(&r);
	GStatBuf st;
	g_assert_cmpint(g_stat(out, &st), ==, 0);
	g_assert_cmpint(st.st_size, >, 4);
	g_assert_cmpint(st.st_mode & 07777, ==, 0600);
	if (root) {
		g_assert_cmpint(st.st_uid, ==, 1234);
		g_assert_cmpint(st.st_gid, ==, 5678);
	}
	g_assert_cmpint(g_stat(state, &st), ==, 0);
	g_assert_cmpint(st.st_mode & 07777, ==, 0640);
	if (root) {
		g_assert_cmpint(st.st_uid, ==, 4321);
		g_assert_cmpint(st.st_gid, ==, 8765);
	}

	/* a link: the file it points to is replaced, the link stays */
	char *link = in_tmp("link.md");
	g_assert_cmpint(symlink("digest.md", link), ==, 0);
	tu_write(out, "old\n", -1);
	g_assert_cmpint(g_chmod(out, 0600), ==, 0);
	tu_runv(&r, "digest", "--now", "2025-03-02", "-o", link, feeds, NULL);
	g_assert_cmpint(r.status, ==, 0);
	tu_run_clear(&r);
	g_assert_cmpint(g_lstat(link, &st), ==, 0);
	g_assert_true(S_ISLNK(st.st_mode));
	char *data = read_all(out);
	g_assert_cmpint(strlen(data), >, 4);
	g_free(data);
	g_assert_cmpint(g_stat(out, &st), ==, 0);
	g_assert_cmpint(st.st_mode & 07777, ==, 0600);

	/* a new file gets 0666 less the umask, as before */
	char *fresh = in_tmp("fresh.md");
	run_sh(&r, "umask 027; \"$LEDE_BIN\" digest --now 2025-03-02 -o fresh.md feeds");
	g_assert_cmpint(r.status, ==, 0);
	tu_run_clear(&r);
	g_assert_cmpint(g_stat(fresh, &st), ==, 0);
	g_assert_cmpint(st.st_mode & 07777, ==, 0640);
	g_free(fresh);
	g_free(link);
	g_free(state);
	g_free(out);
	g_free(feeds);
}

/* #21: a temporary file left by a killed run is removed by the next write
 * of the same file; one a live run holds, and other files, are not. */
static void test_stale_temp(void)
{
	char *feeds = feeds_dir();
	char *out = in_tmp("digest.md");
	char *stale = in_tmp(".digest.md.lede-tmp-Ab12Cd");
	char *live = in_tmp(".digest.md.lede-tmp-Live01");
	char *other = in_tmp(".other.md.lede-tmp-Ab12Cd");
	char *legacy = in_tmp("digest.md.Ab12Cd");        /* maybe not ours: kept */
	char *user = in_tmp(".digest.md.lede-tmp-notes"); /* not the pattern: kept */
	tu_write(stale, "half a digest", -1);
	tu_write(live, "being written", -1);
	tu_write(other, "another file's", -1);
	tu_write(legacy, "x", -1);
	tu_write(user, "x", -1);
	int fd = g_open(live, O_RDONLY, 0);
	g_assert_cmpint(fd, >=, 0);
	g_assert_cmpint(flock(fd, LOCK_EX), ==, 0);
	TuRun r;
	tu_runv(&r, "digest", "--now", "2025-03-02", "-o", out, feeds, NULL);
	g_assert_cmpint(r.status, ==, 0);
	g_assert_cmpstr(r.err, ==, "");
	tu_run_clear(&r);
	close(fd);
	g_assert_false(g_file_test(stale, G_FILE_TEST_EXISTS));
	g_assert_true(g_file_test(live, G_FILE_TEST_EXISTS));
	g_assert_true(g_file_test(other, G_FILE_TEST_EXISTS));
	g_assert_true(g_file_test(legacy, G_FILE_TEST_EXISTS));
	g_assert_true(g_file_test(user, G_FILE_TEST_EXISTS));
	g_assert_true(g_file_test(out, G_FILE_TEST_IS_REGULAR));
	g_free(user);
	g_free(legacy);
	g_free(other);
	g_free(live);
	g_free(stale);
	g_free(out);
	g_free(feeds);
}

/* #10: the previous digest, reached through a link to the input folder,
 * is not read as an article. */
static void test_output_through_link(void)
{
	char *feeds = feeds_dir();
	char *link = in_tmp("link");
	g_assert_cmpint(symlink("feeds", link), ==, 0);
	char *out = g_build_filename(link, "digest.md", NULL);
	char *state = in_tmp("state");
	for (int run = 0; run < 2; run++) {
		TuRun r;
		tu_runv(&r, "digest", "--now", "2025-03-02", "--always", "--state", state, "-o",
		        out, feeds, NULL);
		g_assert_cmpstr(r.err, ==, "");
		g_assert_cmpint(r.status, ==, 0);
		tu_run_clear(&r);
	}
	/* the second run found nothing new: not its own first digest */
	char *data = read_all(out);
	g_assert_null(strstr(data, "digest.md"));
	g_assert_nonnull(strstr(data, "No new stories"));
	g_free(data);
	g_free(state);
	g_free(out);
	g_free(link);
	g_free(feeds);
}

static guint64 model_docs(const char *model)
{
	TuRun r;
	tu_runv(&r, "corpus", "info", model, NULL);
	g_assert_cmpint(r.status, ==, 0);
	const char *p = strstr(r.out, "docs: ");
	g_assert_nonnull(p);
	guint64 n = g_ascii_strtoull(p + 6, NULL, 10);
	tu_run_clear(&r);
	return n;
}

/* #11: links to directories are not followed: a "latest" link and a loop
 * add nothing. */
static void test_corpus_dir_links(void)
{
	char *c = in_tmp("c");
	char *month = g_build_filename(c, "2025-03", NULL);
	g_assert_cmpint(g_mkdir_with_parents(month, 0755), ==, 0);
	char *a = g_build_filename(month, "a.txt", NULL);
	char *b = g_build_filename(month, "b.txt", NULL);
	tu_write(a, article, -1);
	tu_write(b, article2, -1);
	char *latest = g_build_filename(c, "latest", NULL);
	char *loop = g_build_filename(month, "loop", NULL);
	g_assert_cmpint(symlink("2025-03", latest), ==, 0);
	g_assert_cmpint(symlink("..", loop), ==, 0);
	char *model = in_tmp("m.ldf");
	TuRun r;
	tu_runv(&r, "corpus", "build", "-o", model, c, NULL);
	g_assert_cmpint(r.status, ==, 0);
	tu_run_clear(&r);
	g_assert_cmpuint(model_docs(model), ==, 2);
	g_free(model);
	g_free(loop);
	g_free(latest);
	g_free(b);
	g_free(a);
	g_free(month);
	g_free(c);
}

static void write_bytes(const char *path, const void *data, gsize len)
{
	tu_write(path, data, (gssize)len);
}

/* #14: a .gz cut short (in its data, or only its trailer) is an error and
 * no model is written. */
static void test_corpus_truncated_gz(void)
{
	GString *text = g_string_new(NULL);
	for (int i = 0; i < 200; i++)
		g_string_append(text, i % 2 ? article : article2);
	uLongf zlen = compressBound(text->len) + 64;
	guint8 *z = g_malloc(zlen);
	/* gzip wrapping: windowBits 15 + 16 */
	z_stream s = {0};
	g_assert_cmpint(deflateInit2(&s, 6, Z_DEFLATED, 31, 8, Z_DEFAULT_STRATEGY), ==, Z_OK);
	s.next_in = (Bytef *)text->str;
	s.avail_in = (uInt)text->len;
	s.next_out = z;
	s.avail_out = (uInt)zlen;
	g_assert_cmpint(deflate(&s, Z_FINISH), ==, Z_STREAM_END);
	gsize full = s.total_out;
	deflateEnd(&s);

	char *model = in_tmp("gz.ldf");
	char *whole = in_tmp("whole.txt.gz");
	write_bytes(whole, z, full);
	TuRun r;
	tu_runv(&r, "corpus", "build", "-o", model, whole, NULL);
	g_assert_cmpint(r.status, ==, 0);
	tu_run_clear(&r);
	g_assert_cmpuint(model_docs(model), ==, 1);
	g_unlink(model);

	const gsize cuts[] = {full - 4, full - 8, full / 2, 12};
	for (guint i = 0; i < G_N_ELEMENTS(cuts); i++) {
		char *name = g_strdup_printf("cut%u.txt.gz", i);
		char *path = in_tmp(name);
		write_bytes(path, z, cuts[i]);
		tu_runv(&r, "corpus", "build", "-o", model, path, NULL);
		g_assert_cmpint(r.status, ==, 1);
		char *want = g_strdup_printf("lede: %s: truncated gzip\n", path);
		g_assert_cmpstr(r.err, ==, want);
		g_free(want);
		tu_run_clear(&r);
		g_assert_false(g_file_test(model, G_FILE_TEST_EXISTS));
		g_free(path);
		g_free(name);
	}
	g_free(whole);
	g_free(model);
	g_free(z);
	g_string_free(text, TRUE);
}

/* #15: endless inputs stop at their first NUL; past the size limit (made
 * small here through LEDE_MAX_INPUT_BYTES) an input is refused. Nothing
 * aborts. */
static void test_input_limits(void)
{
	TuRun r;
	const char *const endless[] = {"/dev/zero", "/dev/urandom"};
	for (guint i = 0; i < G_N_ELEMENTS(endless); i++) {
		tu_runv(&r, endless[i], NULL);
		g_assert_cmpint(r.status, ==, 1);
		char *want = g_strdup_printf("lede: %s: binary file\n", endless[i]);
		g_assert_cmpstr(r.err, ==, want);
		g_free(want);
		tu_run_clear(&r);
	}
	char *model = in_tmp("z.ldf");
	tu_runv(&r, "corpus", "build", "-o", model, "/dev/zero", NULL);
	g_assert_cmpint(r.status, ==, 1);
	g_assert_cmpstr(r.err, ==, "lede: /dev/zero: binary file\n");
	tu_run_clear(&r);
	tu_runv(&r, "digest", "/dev/zero", NULL);
	g_assert_cmpint(r.status, ==, 1);
	g_assert_nonnull(strstr(r.err, "/dev/zero: binary file"));
	tu_run_clear(&r);

	/* 100 KiB of text against a 64 KiB limit */
	GString *big = g_string_new(NULL);
	while (big->len < 100 * 1024)
		g_string_append(big, article);
	char *path = in_tmp("big.txt");
	tu_write(path, big->str, (gssize)big->len);
	char *gz = in_tmp("big.txt.gz");
	gzFile f = gzopen(gz, "wb");
	g_assert_nonnull(f);
	g_assert_cmpint(gzwrite(f, big->str, (unsigned)big->len), ==, (int)big->len);
	g_assert_cmpint(gzclose(f), ==, Z_OK);
	char *feed = in_tmp("feed.jsonl");
	GString *records = g_string_new(NULL);
	while (records->len < 100 * 1024)
		g_string_append_printf(
		    records, "{\"id\": %" G_GSIZE_FORMAT ", \"text\": \"Words of a story.\"}\n",
		    records->len);
	tu_write(feed, records->str, (gssize)records->len);
	g_string_free(records, TRUE);
	/* whole-file readers; --jsonl streams its lines and has no file limit */
	const char *const cmds[] = {
	    "big.txt",
	    "corpus build -o z.ldf big.txt",
	    "corpus build -o z.ldf big.txt.gz",
	    "digest big.txt",
	    "digest feed.jsonl",
	    "eval feed.jsonl",
	};
	const char *const names[] = {"big.txt", "big.txt",    "big.txt.gz",
	                             "big.txt", "feed.jsonl", "feed.jsonl"};
	for (guint i = 0; i < G_N_ELEMENTS(cmds); i++) {
		char *script =
		    g_strdup_printf("LEDE_MAX_INPUT_BYTES=65536 \"$LEDE_BIN\" %s", cmds[i]);
		run_sh(&r, script);
		g_free(script);
		char *want = g_strdup_printf("lede: %s: too large (limit 64 KiB)\n", names[i]);
		g_assert_cmpstr(r.err, ==, want);
		g_assert_cmpint(r.status, ==, 1);
		g_free(want);
		tu_run_clear(&r);
	}
	g_assert_false(g_file_test(model, G_FILE_TEST_EXISTS));
	/* at the limit: read */
	g_string_truncate(big, 65536);
	tu_write(path, big->str, (gssize)big->len);
	run_sh(&r, "LEDE_MAX_INPUT_BYTES=65536 \"$LEDE_BIN\" --only kicker big.txt");
	g_assert_cmpstr(r.err, ==, "");
	g_assert_cmpint(r.status, ==, 0);
	tu_run_clear(&r);
	g_free(feed);
	g_free(gz);
	g_free(path);
	g_string_free(big, TRUE);
	g_free(model);

	/* --resamples is capped: a usage error, not hours of work or a wrap */
	char *ds = tu_data_file("eval-dataset.jsonl");
	const char *const counts[] = {"1000001", "4294967297"};
	for (guint i = 0; i < G_N_ELEMENTS(counts); i++) {
		tu_runv(&r, "eval", ds, "--resamples", counts[i], NULL);
		g_assert_cmpint(r.status, ==, 2);
		g_assert_nonnull(strstr(r.err, "--resamples"));
		tu_run_clear(&r);
	}
	g_free(ds);
}

/* #17: every command reports a write error on standard output and exits 1. */
static void test_stdout_full(void)
{
	if (!g_file_test("/dev/full", G_FILE_TEST_EXISTS)) {
		g_test_skip("no /dev/full");
		return;
	}
	char *feeds = feeds_dir();
	char *ref = tu_data_file("eval-refs.jsonl");
	char *pred = tu_data_file("eval-pred.jsonl");
	char *art = tu_data_file("sample-article.txt");
	char *compare = g_strdup_printf("eval --compare %s %s --references %s", pred, pred, ref);
	char *summarize = g_strdup_printf("%s", art);
	const char *const cmds[] = {
	    "--help",
	    "--version",
	    "eval --help",
	    "corpus --help",
	    "corpus build --help",
	    "digest --help",
	    "corpus info",
	    "corpus dump",
	    compare,
	    summarize,
	    "digest --now 2025-03-02 feeds",
	};
	for (guint i = 0; i < G_N_ELEMENTS(cmds); i++) {
		char *script = g_strdup_printf("\"$LEDE_BIN\" %s > /dev/full", cmds[i]);
		TuRun r;
		run_sh(&r, script);
		g_test_message("%s: exit %d, stderr: %s", cmds[i], r.status, r.err);
		g_assert_cmpint(r.status, ==, 1);
		/* once, with the reason when stdio kept it (as coreutils words it) */
		g_assert_true(strcmp(r.err, "lede: write error: No space left on device\n") == 0 ||
		              strcmp(r.err, "lede: write error\n") == 0);
		tu_run_clear(&r);
		g_free(script);
	}
	g_free(summarize);
	g_free(compare);
	g_free(art);
	g_free(pred);
	g_free(ref);
	g_free(feeds);
}

static void fresh_tmp(gconstpointer fn)
{
	tmp = tu_tmpdir();
	((void (*)(void))fn)();
	tu_rmtree(tmp);
	g_free(tmp);
	tmp = NULL;
}

/* --jsonl reads each line up to the input limit: a longer line is an error
 * line and reading goes on after it; one that holds a NUL byte is binary,
 * and reading the file stops there (/dev/zero has no line end to skip to:
 * getline grew its one line until memory ran out). */
static void test_jsonl_runaway_line(gconstpointer fresh)
{
	(void)fresh;
	GString *in = g_string_new("{\"id\":\"a\",\"text\":\"The council voted. It passed.\"}\n");
	for (guint i = 0; i < 200000; i++)
		g_string_append_c(in, 'x');
	g_string_append(in, "\n{\"id\":\"b\",\"text\":\"The mayor spoke. He left.\"}\n");
	g_string_append_len(in, "", 1);
	for (guint i = 0; i < 200000; i++)
		g_string_append_c(in, '\0');
	g_string_append(in, "\n{\"id\":\"c\",\"text\":\"Never read. Not here.\"}\n");
	char *path = g_build_filename(tmp, "runaway.jsonl", NULL);
	tu_write(path, in->str, (gssize)in->len);
	TuRun r;
	run_sh(&r, "LEDE_MAX_INPUT_BYTES=65536 \"$LEDE_BIN\" --jsonl -j 1 runaway.jsonl");
	char **lines = g_strsplit(r.out, "\n", -1);
	g_assert_cmpuint(g_strv_length(lines), ==, 5);
	g_assert_true(g_str_has_prefix(lines[0], "{\"id\":\"a\",\"kicker\""));
	g_assert_cmpstr(lines[1], ==, "{\"id\":2,\"error\":\"line too long / out of memory\"}");
	g_assert_true(g_str_has_prefix(lines[2], "{\"id\":\"b\",\"kicker\""));
	g_assert_cmpstr(lines[3], ==, "{\"id\":4,\"error\":\"binary file\"}");
	g_assert_nonnull(strstr(r.err, "runaway.jsonl:4: binary file"));
	g_assert_cmpint(r.status, ==, 1);
	g_strfreev(lines);
	tu_run_clear(&r);
	/* /dev/zero ends at the limit */
	run_sh(&r, "LEDE_MAX_INPUT_BYTES=65536 \"$LEDE_BIN\" --jsonl /dev/zero");
	g_assert_cmpstr(r.out, ==, "{\"id\":1,\"error\":\"binary file\"}\n");
	g_assert_cmpint(r.status, ==, 1);
	tu_run_clear(&r);
	g_free(path);
	g_string_free(in, TRUE);
}

int main(int argc, char **argv)
{
	g_test_init(&argc, &argv, NULL);
	g_test_add_data_func("/cli-files/char-device", test_char_device, fresh_tmp);
	g_test_add_data_func("/cli-files/fifo", test_fifo, fresh_tmp);
	g_test_add_data_func("/cli-files/dev-stdout", test_dev_stdout, fresh_tmp);
	g_test_add_data_func("/cli-files/mode-owner-link", test_mode_owner_link, fresh_tmp);
	g_test_add_data_func("/cli-files/stale-temp", test_stale_temp, fresh_tmp);
	g_test_add_data_func("/cli-files/output-through-link", test_output_through_link, fresh_tmp);
	g_test_add_data_func("/cli-files/corpus-dir-links", test_corpus_dir_links, fresh_tmp);
	g_test_add_data_func("/cli-files/corpus-truncated-gz", test_corpus_truncated_gz, fresh_tmp);
	g_test_add_data_func("/cli-files/input-limits", test_input_limits, fresh_tmp);
	g_test_add_data_func("/cli-files/stdout-full", test_stdout_full, fresh_tmp);
	g_test_add_data_func("/cli-files/jsonl-runaway-line", test_jsonl_runaway_line, fresh_tmp);
	return g_test_run();
}
