/* lede digest: a digest of a folder of articles, safe to run from cron.
 *
 * Order of work, which is what makes it safe:
 *   1. take the lock (STATE.lock): a second run exits 75 before touching anything;
 *   2. read the state, find the inputs, summarize what is new (in memory);
 *   3. write the digest (--output: temporary file, fsync, rename);
 *   4. only then write the new state the same way.
 * A run killed before 3 leaves everything as it was; killed between 3 and 4
 * it leaves a complete digest and the old state, so the next run repeats
 * those stories: a story may be sent twice, never lost.
 */
#include "digest.h"
#include "feed.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gstdio.h>
#include <locale.h>
#include <math.h>
#include <sys/file.h>
#include <unistd.h>

/* JSON Lines records leave no file behind to tell whether they are gone, so
 * the state forgets them after this long (files: once they are deleted). */
#define STATE_KEEP_RECORDS (90 * 86400)
#define STATE_FORMAT "lede-digest-state"

typedef enum { SORT_DATE, SORT_NAME, SORT_SCORE } SortKey;

typedef struct Work {
	lede_options opts_for[2]; /* [has a title]: no headline wanted then */
	GHashTable *state;        /* key -> StateEntry *; read-only while the workers run */
	void (*fn)(struct Work *w, guint worker, Story *s);
	Story **stories;
	guint n_stories;
	gint next;                     /* atomic: the next story a worker takes */
	lede_summarizer **summarizers; /* one per worker */
	GHashTable **stem_cache;       /* one per worker, see digest_signature */
} Work;

void state_entry_free(gpointer p)
{
	StateEntry *e = p;
	g_free(e->hash);
	g_free(e);
}

/* ---- lock ------------------------------------------------------------------------- */

/* The lock is a separate file: the state itself is replaced by rename, and a
 * lock on a replaced inode would no longer exclude anyone. It is never
 * deleted, for the same reason. Returns the descriptor, or -1 with *rc set. */
static int take_lock(const char *state_path, int *rc)
{
	char *path = g_strconcat(state_path, ".lock", NULL);
	int fd = g_open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0666);
	if (fd < 0) {
		cli_error("%s: %s", path, g_strerror(errno));
		*rc = LEDE_EXIT_FAILURE;
	} else if (flock(fd, LOCK_EX | LOCK_NB) != 0) {
		int e = errno;
		if (e == EWOULDBLOCK) {
			cli_error(
			    "%s: another lede digest is running with this state; nothing done",
			    state_path);
			*rc = DIGEST_EXIT_LOCKED;
		} else {
			cli_error("%s: %s", path, g_strerror(e));
			*rc = LEDE_EXIT_FAILURE;
		}
		close(fd);
		fd = -1;
	}
	g_free(path);
	return fd;
}

/* ---- state ------------------------------------------------------------------------- */

/* outputs: canonical paths of the digests written with this state, which
 * must not be read back as articles when they sit among them. */
gboolean state_load(const char *path, GHashTable *state, GPtrArray *outputs)
{
	char *data;
	gsize len;
	GError *error = NULL;
	if (!g_file_test(path, G_FILE_TEST_EXISTS))
		return TRUE; /* the first run */
	if (!cli_read_file(path, &data, &len, &error)) {
		cli_error("%s: %s", path, error->message);
		g_error_free(error);
		return FALSE;
	}
	cJSON *root = cJSON_ParseWithLength(data, len);
	g_free(data);
	cJSON *fmt = cJSON_GetObjectItemCaseSensitive(root, "format");
	cJSON *ver = cJSON_GetObjectItemCaseSensitive(root, "version");
	cJSON *arr = cJSON_GetObjectItemCaseSensitive(root, "stories");
	gboolean ok = cJSON_IsString(fmt) && strcmp(fmt->valuestring, STATE_FORMAT) == 0 &&
	              cJSON_IsNumber(ver) && ver->valueint == 1 && cJSON_IsArray(arr);
	cJSON *it, *list = ok ? arr : NULL;
	guint n = 0;
	cJSON_ArrayForEach(it, list)
	{
		n++;
		cJSON *k = cJSON_GetObjectItemCaseSensitive(it, "key");
		cJSON *h = cJSON_GetObjectItemCaseSensitive(it, "sha256");
		cJSON *d = cJSON_GetObjectItemCaseSensitive(it, "digested");
		if (!cJSON_IsString(k) || !cJSON_IsString(h) || !cJSON_IsNumber(d)) {
			ok = FALSE;
			break;
		}
		/* Checked before the cast: (gint64)1e300 is undefined behaviour. */
		double t = d->valuedouble;
		if (!(t >= DIGEST_TIME_MIN && t <= DIGEST_TIME_MAX) || t != floor(t)) {
			cli_error("%s: story %u: \"digested\" is not a time in seconds since 1970 "
			          "(remove the file to start afresh)",
			          path, n);
			cJSON_Delete(root);
			return FALSE;
		}
		StateEntry *e = g_new0(StateEntry, 1);
		e->hash = g_strdup(h->valuestring);
		e->digested = (gint64)t;
		g_hash_table_replace(state, g_strdup(k->valuestring), e);
	}
	cJSON *outs = ok ? cJSON_GetObjectItemCaseSensitive(root, "outputs") : NULL;
	cJSON_ArrayForEach(it, outs)
	{
		if (cJSON_IsString(it))
			g_ptr_array_add(outputs, g_strdup(it->valuestring));
	}
	cJSON_Delete(root);
	if (!ok)
		/* Refusing beats starting afresh, which would send every story again. */
		cli_error("%s: not a lede digest state file (remove it to start afresh)", path);
	return ok;
}

static int cmp_str(gconstpointer a, gconstpointer b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

#define STATE_MAX_OUTPUTS 8

gboolean state_save(const char *path, GHashTable *state, GPtrArray *outputs, gint64 now)
{
	GPtrArray *keys = g_ptr_array_new();
	GHashTableIter it;
	gpointer k, v;
	g_hash_table_iter_init(&it, state);
	while (g_hash_table_iter_next(&it, &k, &v)) {
		const char *key = k;
		StateEntry *e = v;
		if (g_str_has_prefix(key, "file:")
		        ? !g_file_test(key + 5, G_FILE_TEST_EXISTS)
		        : e->digested < now - STATE_KEEP_RECORDS && !e->seen)
			continue;
		g_ptr_array_add(keys, k);
	}
	g_ptr_array_sort(keys, cmp_str);
	GString *out =
	    g_string_new("{\"format\": \"" STATE_FORMAT "\", \"version\": 1,\n\"outputs\": [");
	for (guint i = 0; i < outputs->len; i++) {
		cJSON *str = cJSON_CreateString(outputs->pdata[i]);
		char *q = cJSON_PrintUnformatted(str);
		g_string_append_printf(out, "%s%s", i ? ", " : "", q);
		cJSON_free(q);
		cJSON_Delete(str);
	}
	g_string_append(out, "],\n\"stories\": [\n");
	for (guint i = 0; i < keys->len; i++) {
		StateEntry *e = g_hash_table_lookup(state, keys->pdata[i]);
		cJSON *o = cJSON_CreateObject();
		cJSON_AddStringToObject(o, "key", keys->pdata[i]);
		cJSON_AddStringToObject(o, "sha256", e->hash);
		cJSON_AddNumberToObject(o, "digested", (double)e->digested);
		char *s = cJSON_PrintUnformatted(o);
		g_string_append_printf(out, "%s%s\n", s, i + 1 < keys->len ? "," : "");
		cJSON_free(s);
		cJSON_Delete(o);
	}
	g_string_append(out, "]}\n");
	GError *error = NULL;
	gboolean ok = cli_write_file_atomic(path, out->str, out->len, &error);
	if (!ok) {
		cli_error("%s: %s", path, error->message);
		g_error_free(error);
	}
	g_string_free(out, TRUE);
	g_ptr_array_free(keys, TRUE);
	return ok;
}

/* ---- summarizing ------------------------------------------------------------------- */

/* One line of valid UTF-8: runs of white space become one space, control
 * characters go (they break mail clients and XML tools alike). */
char *digest_clean_line(const char *s, gssize len)
{
	char *valid = g_utf8_make_valid(s, len);
	GString *out = g_string_sized_new(strlen(valid));
	gboolean space = FALSE;
	for (const char *p = valid; *p; p = g_utf8_next_char(p)) {
		gunichar c = g_utf8_get_char(p);
		if (g_unichar_isspace(c) || c == 0x85 || c == 0x2028 || c == 0x2029) {
			space = TRUE;
			continue;
		}
		if (g_unichar_iscntrl(c) || c == 0xFEFF)
			continue;
		if (space && out->len)
			g_string_append_c(out, ' ');
		space = FALSE;
		g_string_append_unichar(out, c);
	}
	g_free(valid);
	return g_string_free(out, FALSE);
}

/* When lede finds no headline: the first sentence, cut at a word near 80 characters. */
static char *fallback_headline(const char *first)
{
	if (g_utf8_strlen(first, -1) <= 80)
		return g_strdup(first);
	const char *cut = g_utf8_offset_to_pointer(first, 80);
	const char *sp = cut;
	while (sp > first && *sp != ' ')
		sp--;
	if (sp - first < 40)
		sp = cut;
	char *head = g_strndup(first, (gsize)(sp - first));
	char *r = g_strconcat(g_strchomp(head), "\u2026", NULL);
	g_free(head);
	return r;
}

static char *content_hash(const Story *s, const char *data, gsize len)
{
	GChecksum *ck = g_checksum_new(G_CHECKSUM_SHA256);
	if ((s->kind == KIND_RECORD || s->kind == KIND_ITEM) && s->title) {
		/* a record whose title changed is a changed story */
		g_checksum_update(ck, (const guchar *)s->title, (gssize)strlen(s->title));
		g_checksum_update(ck, (const guchar *)"\n\n", 2);
	}
	g_checksum_update(ck, (const guchar *)data, (gssize)len);
	char *hex = g_strdup(g_checksum_get_string(ck));
	g_checksum_free(ck);
	return hex;
}

/* Phase 1, every story: read, hash, compare with the state, and what
 * grouping needs (length, signature). The text is kept for phase 2. */
static void prepare_story(Work *w, guint worker, Story *s)
{
	if (s->error)
		return;
	char *data;
	gsize len;
	if (s->path) {
		GError *error = NULL;
		if (!cli_read_document(s->path, &data, &len, &error)) {
			s->error = g_strdup(error->message);
			g_error_free(error);
			return;
		}
		if (memchr(data, 0, len)) {
			s->error = g_strdup("binary file (contains NUL bytes), skipped");
			g_free(data);
			return;
		}
	} else {
		data = s->text;
		len = s->text_len;
		s->text = NULL;
	}
	s->hash = content_hash(s, data, len);
	StateEntry *prev = w->state ? g_hash_table_lookup(w->state, s->key) : NULL;
	/* a feed item seen before is old even when its text changed: feeds
	 * rewrite items (a fixed typo, a new tracking link) all the time */
	if (prev && (s->kind == KIND_ITEM || strcmp(prev->hash, s->hash) == 0)) {
		s->old = TRUE;
		g_free(data);
		return;
	}
	if ((s->path || s->kind == KIND_ITEM) && !(data = digest_file_to_text(s, data, &len)))
		return;
	gboolean blank = TRUE;
	for (gsize i = 0; i < len && blank; i++)
		blank = g_ascii_isspace(data[i]);
	if (blank && s->kind == KIND_ITEM && s->title) {
		/* an item that is a title (and a link) only, as many feeds write
		 * them: shown as it is */
		g_free(data);
		s->text = g_strdup("");
		s->text_len = 0;
		digest_signature(s, s->title, strlen(s->title), w->stem_cache[worker]);
		s->ok = TRUE;
		char *t = digest_clean_line(s->title, -1);
		g_free(s->title);
		s->title = t;
		return;
	}
	if (blank) {
		/* Empty, blank, tags or a heading only: an error each run, and not
		 * recorded, so it is read again next time (a file still being
		 * written, an extraction gone wrong): never dropped in silence. */
		s->error = g_strdup("no text");
		g_free(data);
		return;
	}
	if (s->title) {
		char *t = digest_clean_line(s->title, -1);
		g_free(s->title);
		s->title = *t ? t : (g_free(t), NULL);
	}
	/* lede_doc_new waits for phase 2: it costs as much as the rest of
	 * this phase, and duplicates never need it. */
	digest_signature(s, data, len, w->stem_cache[worker]);
	s->text = data;
	s->text_len = len;
	s->ok = TRUE;
}

/* Phase 2, one story per entry: the one shown. Duplicates are never
 * summarized, which is most of the time saved on a feed full of agency copy. */
static void summarize_story(Work *w, guint worker, Story *s)
{
	lede_summarizer *sz = w->summarizers[worker];
	GError *error = NULL;
	if (s->kind == KIND_ITEM && s->text_len == 0) {
		s->headline = g_strdup(s->title);
		s->summary = g_ptr_array_new_with_free_func(g_free);
		g_clear_pointer(&s->text, g_free);
		return;
	}
	lede_doc *doc = lede_doc_new(s->text, s->text_len, &error);
	lede_summary *sum =
	    doc ? lede_summarize(sz, doc, &w->opts_for[s->title != NULL], &error) : NULL;
	if (sum && lede_doc_n_sentences(doc) == 0) {
		/* white space beyond ASCII's only (no-break spaces): as blank */
		s->ok = FALSE;
		s->error = g_strdup("no text");
		lede_summary_free(sum);
		lede_doc_free(doc);
		return;
	}
	if (!sum) {
		s->error = g_strdup(error->message);
		g_error_free(error);
		s->ok = FALSE;
		lede_doc_free(doc);
		return;
	}
	const char *text = lede_doc_text(doc, NULL);
	s->words = lede_doc_n_words(doc);
	if (s->kind == KIND_ITEM && lede_doc_n_sentences(doc) < DIGEST_BRIEF_SENTENCES) {
		/* a teaser: nothing to summarize, and no headline to make up */
		s->as_is = digest_clean_line(text, -1);
		s->headline = s->title ? g_strdup(s->title) : NULL;
		s->summary = g_ptr_array_new_with_free_func(g_free);
		s->score = 0.0;
		g_clear_pointer(&s->text, g_free);
		lede_summary_free(sum);
		lede_doc_free(doc);
		return;
	}
	const char *k = lede_summary_kicker(sum);
	if (k && *k)
		s->kicker = digest_clean_line(k, -1);
	if (s->kicker && !*s->kicker)
		g_clear_pointer(&s->kicker, g_free);
	const char *h = lede_summary_headline(sum);
	if (s->title)
		s->headline = g_strdup(s->title);
	else if (h && *h) {
		/* "...; surcharge": topics fill a benchmark's 75 bytes, but a
		 * reader of a digest wants the headline's sentence alone. */
		const char *topics = strstr(h, "; ");
		s->headline = digest_clean_line(h, topics ? (gssize)(topics - h) : -1);
	}
	s->summary = g_ptr_array_new_with_free_func(g_free);
	double total = 0;
	gsize n = lede_summary_n_sentences(sum);
	for (gsize i = 0; i < n; i++) {
		gsize a, b;
		lede_doc_sentence(doc, lede_summary_sentence_index(sum, i), &a, &b);
		char *line = digest_clean_line(text + a, (gssize)(b - a));
		if (*line)
			g_ptr_array_add(s->summary, line);
		else
			g_free(line);
		total += lede_summary_sentence_score(sum, i);
	}
	s->score = n ? total / (double)n : 0.0;
	if (!s->headline || !*s->headline) {
		g_free(s->headline);
		gsize a, b;
		lede_doc_sentence(doc, 0, &a, &b);
		char *first = digest_clean_line(text + a, (gssize)(b - a));
		s->headline = *first ? fallback_headline(first) : g_strdup(s->name);
		g_free(first);
	}
	g_clear_pointer(&s->text, g_free);
	lede_summary_free(sum);
	lede_doc_free(doc);
}

typedef struct {
	Work *w;
	guint worker;
} Worker;

static gpointer run_worker(gpointer data)
{
	Worker *me = data;
	Work *w = me->w;
	for (;;) {
		gint i = g_atomic_int_add(&w->next, 1);
		if (i < 0 || (guint)i >= w->n_stories)
			break;
		w->fn(w, me->worker, w->stories[i]);
	}
	return NULL;
}

static void run_workers(Work *w, guint n_workers, void (*fn)(Work *, guint, Story *),
                        Story **stories, guint n)
{
	w->fn = fn;
	w->stories = stories;
	w->n_stories = n;
	w->next = 0;
	n_workers = MAX(1, MIN(n_workers, n));
	Worker *ws = g_new(Worker, n_workers);
	GThread **threads = g_new0(GThread *, n_workers);
	for (guint i = 0; i < n_workers; i++) {
		ws[i] = (Worker){w, i};
		if (i > 0)
			threads[i] = g_thread_new("lede-digest", run_worker, &ws[i]);
	}
	run_worker(&ws[0]);
	for (guint i = 1; i < n_workers; i++)
		g_thread_join(threads[i]);
	g_free(threads);
	g_free(ws);
}

/* ---- sorting ------------------------------------------------------------------------ */

static int cmp_i64_desc(gint64 a, gint64 b)
{
	return a > b ? -1 : a < b;
}

static int cmp_date(gconstpointer pa, gconstpointer pb)
{
	const Entry *a = *(Entry *const *)pa, *b = *(Entry *const *)pb;
	int c = cmp_i64_desc(a->date, b->date);
	return c ? c : (int)a->rep->order - (int)b->rep->order;
}

static int cmp_name(gconstpointer pa, gconstpointer pb)
{
	const Entry *a = *(Entry *const *)pa, *b = *(Entry *const *)pb;
	int c =
	    strcmp(((Story *)a->members->pdata[0])->name, ((Story *)b->members->pdata[0])->name);
	return c ? c : (int)a->rep->order - (int)b->rep->order;
}

static int cmp_score(gconstpointer pa, gconstpointer pb)
{
	const Entry *a = *(Entry *const *)pa, *b = *(Entry *const *)pb;
	if (a->members->len != b->members->len)
		return a->members->len > b->members->len ? -1 : 1;
	if (a->score != b->score)
		return a->score > b->score ? -1 : 1;
	return cmp_date(pa, pb);
}

/* ---- options ------------------------------------------------------------------------ */

static const char summary_text[] =
    "Writes one digest of the news articles under PATH...: for each story a kicker,\n"
    "a headline, a short extractive summary, its source(s), date, length and\n"
    "reading time (230 words a minute), newest first. Built to run from cron.\n"
    "\n"
    "Inputs:\n"
    "  FILE     read whatever its name; *.jsonl files hold JSON Lines records; a\n"
    "           news feed (by its content) gives one story per item\n"
    "  DIR      walked recursively in name order, hidden entries skipped; takes\n"
    "           *.txt *.text *.md *.markdown *.html *.htm *.jsonl, and *.xml *.rss\n"
    "           *.atom *.rdf *.json when they hold a feed, unless --include\n"
    "           is given. A glob matches the base name, or the path below DIR when\n"
    "           it contains '/'. Text is plain text; Markdown's first '# ' line and\n"
    "           HTML's <title> (or first <h1>) become the headline; HTML tags,\n"
    "           scripts and styles are dropped.\n"
    "  -        a feed, or JSON Lines on standard input, one article a line:\n"
    "           {\"id\", \"text\", and optionally \"title\" (shown as the headline),\n"
    "           \"url\" (the source; linked when http or https), \"date\"}. Dates:\n"
    "           2025-03-01, 2025-03-01T07:00[:00][Z|+01:00] or RFC 2822 (Sat, 01\n"
    "           Mar 2025 07:00:00 +0000); without a zone, local time.\n"
    "  Feeds (RSS 0.9x/2.0, RSS 1.0/RDF, Atom 1.0 and 0.3, JSON Feed 1.0/1.1):\n"
    "           an item's title is its headline, its link its source's URL, its\n"
    "           text the richest body (content:encoded, content, description),\n"
    "           its date the item's, else the feed's, else the file's. An item\n"
    "           of fewer than two sentences is shown as it is, without a summary.\n"
    "           Nothing is fetched: no network, no external entities, no DTDs.\n"
    "  A file's date is its modification time; a record's its \"date\", else the\n"
    "  .jsonl file's time (or now, on standard input).\n"
    "\n"
    "Same story from several sources: articles whose first 100 words share at\n"
    "least half of their stemmed content words are one entry listing every source;\n"
    "the longest one's summary is shown. Feed items with the same link are one\n"
    "entry too.\n"
    "\n"
    "Sorting (--sort): date = newest first (default); name = by the first source's\n"
    "path or URL; score = stories with the most sources first, then by the mean\n"
    "score lede gave the summary sentences, then newest first.\n"
    "\n"
    "Each format ends with a fixed last line, so a complete digest can be told\n"
    "from a cut one: markdown '<!-- end of digest -->', html '</html>', text\n"
    "'-- end of digest --', json the closing '}' of one object, atom '</feed>'.";

static const char description_text[] =
    "State and cron (--state FILE):\n"
    "  The state records each digested article (file path; record URL, id, or\n"
    "  SHA-256 of title and text) with the SHA-256 of its content; the next run\n"
    "  leaves out what is unchanged. Feed items are recorded by feed and id\n"
    "  (guid, Atom id, else link, else SHA-256 of title and date): an item seen\n"
    "  before is old even if its text changed; kept while in its feed. It is\n"
    "  written atomically, and only after the digest has been written. FILE.lock\n"
    "  is locked for the whole run: a run started while another holds it exits at\n"
    "  once with status 75 and touches nothing. Files in the state are forgotten\n"
    "  once deleted, records after 90 days. It also remembers the last --output\n"
    "  files, which are never read back as articles. A stray FILE.XXXXXX left by\n"
    "  a killed run may be deleted.\n"
    "  Nothing new: no digest at all (stdout empty, --output FILE left as it was)\n"
    "  and status 0, unless --always. --output FILE is replaced atomically\n"
    "  (temporary file in the same folder, fsync, rename).\n"
    "\n"
    "Exit status:\n"
    "  0   digest written, or nothing new (then nothing is written)\n"
    "  1   some input could not be read (unreadable, binary, bad JSON line, a\n"
    "      feed not well-formed, wrongly encoded, of wrong JSON types or of more\n"
    "      than 10000 items): it is listed on stderr as 'lede: PATH: reason' and\n"
    "      skipped (what could be read of a feed is digested), the digest of the\n"
    "      rest is written and the state updated; or the digest/state could not be\n"
    "      written (then the state is not updated)\n"
    "  2   usage error; nothing done\n"
    "  75  another digest run holds the state's lock; nothing done\n"
    "\n"
    "Example crontab line (a daily HTML digest by mail; mails nothing when there\n"
    "is nothing new):\n"
    "  0 7 * * * f=$(mktemp) && lede digest -f html --state ~/.lede-state -o \"$f\" ~/feeds;\n"
    "     [ -s \"$f\" ] && mail -a 'Content-Type: text/html; charset=utf-8' -s Digest me < \"$f\"; "
    "rm -f \"$f\"";

static char *canon_or_null(const char *path)
{
	return path ? g_canonicalize_filename(path, NULL) : NULL;
}

int lede_cli_digest(int argc, char **argv)
{
	setlocale(LC_CTYPE, "");
	char *o_headline_max = NULL;
	char *o_sentences = NULL, *o_format = NULL, *o_output = NULL, *o_state = NULL;
	char *o_since = NULL, *o_title = NULL, *o_sort = NULL, *o_jobs = NULL, *o_now = NULL;
	char *o_model = NULL, *o_weights = NULL;
	char **o_include = NULL, **o_exclude = NULL, **paths = NULL;
	gboolean o_always = FALSE;
	GOptionEntry entries[] = {
	    {"sentences", 'n', 0, G_OPTION_ARG_STRING, &o_sentences,
	     "Summary sentences per story (default 2)", "N"},
	    {"format", 'f', 0, G_OPTION_ARG_STRING, &o_format,
	     "markdown (default), html (one self-contained page for mail), json, text or atom "
	     "(an Atom 1.0 feed)",
	     "FMT"},
	    {"output", 'o', 0, G_OPTION_ARG_FILENAME, &o_output,
	     "Write the digest to FILE, atomically (default: standard output)", "FILE"},
	    {"state", 0, 0, G_OPTION_ARG_FILENAME, &o_state,
	     "Remember what was digested in FILE; digest only new or changed articles", "FILE"},
	    {"since", 0, 0, G_OPTION_ARG_STRING, &o_since,
	     "Only articles dated after now minus AGE (90m, 24h, 7d, 2w) or after DATE",
	     "AGE|DATE"},
	    {"always", 0, 0, G_OPTION_ARG_NONE, &o_always,
	     "Write a digest even when nothing is new (it says so)", NULL},
	    {"headline-max", 0, 0, G_OPTION_ARG_STRING, &o_headline_max,
	     "Most bytes of a headline lede writes for a story without a title (default 90)", "N"},
	    {"title", 't', 0, G_OPTION_ARG_STRING, &o_title,
	     "The digest's title (default \"News digest\")", "TEXT"},
	    {"sort", 0, 0, G_OPTION_ARG_STRING, &o_sort, "date (default), name or score", "KEY"},
	    {"include", 0, 0, G_OPTION_ARG_STRING_ARRAY, &o_include,
	     "In directories, take files matching GLOB (repeatable; replaces the default list)",
	     "GLOB"},
	    {"exclude", 0, 0, G_OPTION_ARG_STRING_ARRAY, &o_exclude,
	     "In directories, skip files matching GLOB (repeatable)", "GLOB"},
	    {"jobs", 'j', 0, G_OPTION_ARG_STRING, &o_jobs,
	     "Parallel jobs (default: number of cores); the output does not depend on it", "N"},
	    {"now", 0, 0, G_OPTION_ARG_STRING, &o_now,
	     "Take DATE as the current time (for --since, the digest's date and tests)", "DATE"},
	    {"model", 'm', 0, G_OPTION_ARG_FILENAME, &o_model,
	     "Background model file (default: the built-in one)", "FILE"},
	    {"weights", 0, 0, G_OPTION_ARG_FILENAME, &o_weights,
	     "Feature weights JSON (default: the built-in ones)", "FILE"},
	    {G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &paths, NULL, "PATH..."},
	    {NULL, 0, 0, 0, NULL, NULL, NULL},
	};
	GOptionContext *ctx = g_option_context_new(NULL);
	g_option_context_set_summary(ctx, summary_text);
	g_option_context_set_description(ctx, description_text);
	g_option_context_add_main_entries(ctx, entries, NULL);

	int rc = 0, lock_fd = -1;
	lede_model *model = NULL;
	GHashTable *state = NULL;
	Collect col = {0};
	Work work = {0};
	guint n_workers = 0;
	GPtrArray *groups = NULL, *outputs = NULL;
	GString *out = NULL;
	GError *error = NULL;
	/* A digest has room for a whole headline: the 75 bytes of the DUC
	 * task (the CLI's default) leave out the phrase that says what
	 * happened as often as not. */
	unsigned n_sentences = 2, jobs = g_get_num_processors(), headline_max = 90;
	DigestFormat format = FMT_MARKDOWN;
	SortKey sort = SORT_DATE;

	/* argv[0] is "digest": shown in --help as "lede digest" */
	g_set_prgname("lede digest");
	char **args = NULL;
	rc = cli_parse_options(ctx, entries, "digest", argc, argv, &args);
	g_strfreev(args); /* the paths are in paths */
	if (rc >= 0)
		goto out;
	rc = 0;
	if (!paths || !paths[0]) {
		rc = cli_usage_error("digest",
		                     "no PATH given (use - for JSON Lines on standard input)");
		goto out;
	}
	if (o_sentences &&
	    (rc = cli_usage_number("digest", "--sentences", o_sentences, 1, 1000, &n_sentences)))
		goto out;
	if (o_jobs && (rc = cli_usage_number("digest", "--jobs", o_jobs, 1, 256, &jobs)))
		goto out;
	if (o_headline_max && (rc = cli_usage_number("digest", "--headline-max", o_headline_max, 8,
	                                             4096, &headline_max)))
		goto out;
	if (o_format) {
		/* in DigestFormat's order */
		static const char *const names[] = {"markdown", "html", "json",
		                                    "text",     "atom", NULL};
		int f;
		if ((rc = cli_usage_choice("digest", "--format", o_format, names, &f)))
			goto out;
		format = (DigestFormat)f;
	}
	if (o_sort) {
		static const char *const names[] = {"date", "name", "score", NULL};
		static const SortKey key_of[] = {SORT_DATE, SORT_NAME, SORT_SCORE};
		int k;
		if ((rc = cli_usage_choice("digest", "--sort", o_sort, names, &k)))
			goto out;
		sort = key_of[k];
	}
	gint64 now = g_get_real_time() / G_USEC_PER_SEC;
	if (o_now && !digest_parse_date(o_now, &now)) {
		rc = cli_usage_error("digest", "--now: not a date: '%s'", o_now);
		goto out;
	}
	gint64 since = G_MININT64, age;
	if (o_since) {
		/* now and age are both bounded (DIGEST_TIME_*, DIGEST_AGE_MAX):
		 * the difference cannot overflow */
		if (digest_parse_duration(o_since, &age))
			since = now - age;
		else if (!digest_parse_date(o_since, &since)) {
			rc = cli_usage_error(
			    "digest",
			    "--since: expected an age (90m, 24h, 7d, 2w; at most 10000 years) or a "
			    "date, got '%s'",
			    o_since);
			goto out;
		}
	}
	if (o_title && !g_utf8_validate(o_title, -1, NULL)) {
		rc = cli_usage_error("digest", "--title: not valid UTF-8");
		goto out;
	}
	guint n_stdin = 0;
	for (char **p = paths; *p; p++)
		n_stdin += strcmp(*p, "-") == 0;
	if (n_stdin > 1) {
		rc = cli_usage_error("digest", "'-' (standard input) given more than once");
		goto out;
	}
	if (o_output && o_state && strcmp(o_output, o_state) == 0) {
		rc = cli_usage_error("digest", "--output and --state name the same file");
		goto out;
	}

	/* Nothing may be read or written before the lock is ours. */
	if (o_state && (lock_fd = take_lock(o_state, &rc)) < 0)
		goto out;
	outputs = g_ptr_array_new_with_free_func(g_free);
	if (o_state) {
		state = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, state_entry_free);
		if (!state_load(o_state, state, outputs)) {
			rc = LEDE_EXIT_FAILURE;
			goto out;
		}
	}

	col.include = o_include;
	col.exclude = o_exclude;
	col.since = since;
	col.now = now;
	col.stories = g_ptr_array_new_with_free_func((GDestroyNotify)story_free);
	col.keys = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
	/* our own files must not be digested when they sit among the articles */
	col.skip_paths = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
	for (guint i = 0; i < outputs->len; i++)
		g_hash_table_add(col.skip_paths, g_strdup(outputs->pdata[i]));
	if (o_output) {
		/* the newest first; at most STATE_MAX_OUTPUTS remembered */
		char *canon = canon_or_null(o_output);
		for (guint i = 0; i < outputs->len; i++)
			if (strcmp(outputs->pdata[i], canon) == 0)
				g_ptr_array_remove_index(outputs, i--);
		g_ptr_array_insert(outputs, 0, g_strdup(canon));
		if (outputs->len > STATE_MAX_OUTPUTS)
			g_ptr_array_set_size(outputs, STATE_MAX_OUTPUTS);
		g_hash_table_add(col.skip_paths, canon);
	}
	if (o_state) {
		char *lock = g_strconcat(o_state, ".lock", NULL);
		g_hash_table_add(col.skip_paths, canon_or_null(o_state));
		g_hash_table_add(col.skip_paths, canon_or_null(lock));
		g_free(lock);
	}
	for (char **p = paths; *p; p++) {
		if (strcmp(*p, "-") == 0) {
			char *data;
			gsize len;
			if (!cli_read_file("-", &data, &len, &error)) {
				cli_error("(stdin): %s", error->message);
				g_clear_error(&error);
				col.status = LEDE_EXIT_FAILURE;
				continue;
			}
			if (feed_sniff(data, len))
				digest_collect_feed(&col, "-", "(stdin)", data, len, now);
			else
				digest_collect_jsonl(&col, "-", data, len, now);
			g_free(data);
		} else {
			digest_collect_path(&col, *p);
		}
	}

	model = o_model ? lede_model_open(o_model, &error) : lede_model_open_default(&error);
	if (!model) {
		cli_error("%s: %s", o_model ? o_model : "built-in model", error->message);
		g_error_free(error);
		rc = LEDE_EXIT_FAILURE;
		goto out;
	}
	n_workers = MAX(1, MIN(jobs, col.stories->len));
	work.summarizers = g_new0(lede_summarizer *, n_workers);
	work.stem_cache = g_new0(GHashTable *, n_workers);
	for (guint i = 0; i < n_workers; i++)
		work.stem_cache[i] = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
	for (guint i = 0; i < n_workers; i++) {
		work.summarizers[i] = lede_summarizer_new(model, o_weights, &error);
		if (!work.summarizers[i]) {
			cli_error("%s: %s", o_weights ? o_weights : "built-in weights",
			          error->message);
			g_error_free(error);
			rc = LEDE_EXIT_FAILURE;
			goto out;
		}
	}
	lede_options_init(&work.opts_for[0], LEDE_OPTIONS_VERSION, NULL);
	work.opts_for[0].limit = LEDE_LIMIT_SENTENCES;
	work.opts_for[0].limit_value = n_sentences;
	work.opts_for[0].want_kicker = TRUE;
	work.opts_for[0].headline_max = headline_max;
	work.opts_for[1] = work.opts_for[0];
	work.opts_for[1].want_headline = FALSE;
	work.state = state;
	run_workers(&work, n_workers, prepare_story, (Story **)col.stories->pdata,
	            col.stories->len);
	for (guint i = 0; state && i < col.stories->len; i++) {
		Story *s = col.stories->pdata[i];
		StateEntry *e = s->old ? g_hash_table_lookup(state, s->key) : NULL;
		if (e && s->kind == KIND_ITEM)
			e->seen = TRUE;
	}

	GPtrArray *fresh = g_ptr_array_new();
	for (guint i = 0; i < col.stories->len; i++) {
		Story *s = col.stories->pdata[i];
		if (s->ok)
			g_ptr_array_add(fresh, s);
	}
	groups = digest_group((Story **)fresh->pdata, fresh->len);
	g_ptr_array_set_size(fresh, 0);
	for (guint g = 0; g < groups->len; g++)
		g_ptr_array_add(fresh, ((Entry *)groups->pdata[g])->rep);
	for (guint g = 0; g < groups->len; g++) {
		Entry *e = groups->pdata[g];
		for (guint m = 0; m < e->members->len; m++)
			if (e->members->pdata[m] != e->rep) /* duplicates: done with */
				g_clear_pointer(&((Story *)e->members->pdata[m])->text, g_free);
	}
	run_workers(&work, n_workers, summarize_story, (Story **)fresh->pdata, fresh->len);
	g_ptr_array_free(fresh, TRUE);
	/* a story lede could not summarize takes its whole entry out */
	for (guint g = 0; g < groups->len; g++) {
		Entry *e = groups->pdata[g];
		if (!e->rep->ok)
			g_ptr_array_remove_index(groups, g--);
		else
			e->score = e->rep->score;
	}
	guint n_fresh = 0;
	for (guint i = 0; i < col.stories->len; i++) {
		Story *s = col.stories->pdata[i];
		if (s->error) {
			cli_error("%s: %s", s->where ? s->where : s->name, s->error);
			col.status = LEDE_EXIT_FAILURE;
		}
	}
	for (guint g = 0; g < groups->len; g++)
		n_fresh += ((Entry *)groups->pdata[g])->members->len;
	rc = col.status;
	g_ptr_array_sort(groups, sort == SORT_NAME    ? cmp_name
	                         : sort == SORT_SCORE ? cmp_score
	                                              : cmp_date);
	if (groups->len == 0 && !o_always)
		goto out; /* cron mails nothing */

	RenderInfo info = {format, o_title ? o_title : "News digest", now, n_fresh};
	out = digest_render(&info, (Entry **)groups->pdata, groups->len);
	if (o_output) {
		if (!cli_write_file_atomic(o_output, out->str, out->len, &error)) {
			cli_error("%s: %s", o_output, error->message);
			g_clear_error(&error);
			rc = LEDE_EXIT_FAILURE;
			goto out;
		}
	} else {
		gboolean short_write = fwrite(out->str, 1, out->len, stdout) != out->len;
		if (!cli_flush_stdout() || short_write) {
			rc = LEDE_EXIT_FAILURE;
			goto out;
		}
	}

	if (state && groups->len) {
		for (guint g = 0; g < groups->len; g++) {
			Entry *e = groups->pdata[g];
			for (guint m = 0; m < e->members->len; m++) {
				Story *s = e->members->pdata[m];
				StateEntry *se = g_new0(StateEntry, 1);
				se->hash = g_strdup(s->hash);
				se->digested = now;
				g_hash_table_replace(state, g_strdup(s->key), se);
			}
		}
		if (!state_save(o_state, state, outputs, now))
			rc = LEDE_EXIT_FAILURE;
	}

out:
	if (out)
		g_string_free(out, TRUE);
	if (groups)
		g_ptr_array_free(groups, TRUE);
	if (work.summarizers)
		for (guint i = 0; i < n_workers; i++)
			lede_summarizer_free(work.summarizers[i]);
	g_free(work.summarizers);
	if (work.stem_cache)
		for (guint i = 0; i < n_workers; i++)
			g_hash_table_destroy(work.stem_cache[i]);
	g_free(work.stem_cache);
	lede_model_free(model);
	if (col.stories)
		g_ptr_array_free(col.stories, TRUE);
	if (col.keys)
		g_hash_table_destroy(col.keys);
	if (col.skip_paths)
		g_hash_table_destroy(col.skip_paths);
	if (col.skip_files)
		g_hash_table_destroy(col.skip_files);
	if (state)
		g_hash_table_destroy(state);
	if (outputs)
		g_ptr_array_free(outputs, TRUE);
	if (lock_fd >= 0)
		close(lock_fd); /* releases the lock */
	g_option_context_free(ctx);
	g_strfreev(paths);
	g_strfreev(o_include);
	g_strfreev(o_exclude);
	g_free(o_sentences);
	g_free(o_headline_max);
	g_free(o_format);
	g_free(o_output);
	g_free(o_state);
	g_free(o_since);
	g_free(o_title);
	g_free(o_sort);
	g_free(o_jobs);
	g_free(o_now);
	g_free(o_model);
	g_free(o_weights);
	return rc;
}
