/* lede: the command line. A thin client of liblede: options, files, output
 * order and exit codes live here; everything about text lives in the library. */
#include "cli.h"
#include "file-io.h"

#include <stdio.h>
#include <errno.h>
#include <fcntl.h>
#include <glib/gstdio.h>
#include <locale.h>
#include <unistd.h>

/* stdio buffers (glibc sizes its own by the file system's block, 4 KB) for
 * the JSON Lines input and for output to a file or pipe. */
#define IO_BLOCK (1 << 16)

typedef enum { OUT_TEXT, OUT_JSON } OutFormat;
typedef enum { ONLY_ALL, ONLY_KICKER, ONLY_HEADLINE, ONLY_SUMMARY } OnlyPart;
typedef enum { INPUT_AUTO, INPUT_TEXT, INPUT_HTML, INPUT_MARKDOWN } InputKind;

typedef struct {
	lede_options opts;
	OutFormat format;
	OnlyPart only;
	gboolean jsonl;
	gboolean pretty;
	gboolean extract; /* --extract: the article text, no summary */
	InputKind input;
	gint jobs;
	const char *model_path;
	const char *weights_path;
	lede_model *model;
	lede_summarizer **summarizers; /* one per job */
	int status;
} Run;

/* ---- one document --------------------------------------------------------- */

typedef struct {
	char *out;   /* rendered output, or NULL */
	char *error; /* message for stderr (no "lede: " prefix), or NULL */
	gboolean warned_repair;
	gboolean failed;
} Item;

/* A message about the document name, or about line lineno of the JSON
 * Lines file name when lineno is not 0. Made only when there is one to give
 * (the "name:line" of every line, message or not, was 0.2% of a batch). */
static char *doc_message(const char *name, guint lineno, const char *what)
{
	return lineno ? g_strdup_printf("%s:%u: %s", name, lineno, what)
	              : g_strdup_printf("%s: %s", name, what);
}

/* The article's metadata as a JSON object, null where unknown. */
static cJSON *article_meta(const lede_article *a)
{
	cJSON *o = cJSON_CreateObject();
	const char *keys[] = {"title", "byline", "date", "url", "site", "lang"};
	const char *vals[6] = {NULL};
	if (a) {
		vals[0] = lede_article_title(a);
		vals[1] = lede_article_byline(a);
		vals[2] = lede_article_date(a);
		vals[3] = lede_article_url(a);
		vals[4] = lede_article_site(a);
		vals[5] = lede_article_lang(a);
	}
	for (gsize k = 0; k < G_N_ELEMENTS(keys); k++)
		cJSON_AddItemToObject(o, keys[k],
		                      vals[k] ? cJSON_CreateString(vals[k]) : cJSON_CreateNull());
	return o;
}

/* Adds "meta" to the summary's JSON object text *json: the library writes
 * the object, so the key goes before its closing brace. */
static void add_meta(char **json, const lede_article *a, gboolean pretty)
{
	cJSON *meta = article_meta(a);
	char *m = pretty ? cJSON_Print(meta) : cJSON_PrintUnformatted(meta);
	char *end = strrchr(*json, '}');
	if (end) {
		GString *s = g_string_new_len(*json, end - *json);
		while (s->len && g_ascii_isspace(s->str[s->len - 1]))
			g_string_truncate(s, s->len - 1);
		g_string_append_printf(s, pretty ? ",\n  \"meta\": %s\n}" : ",\"meta\":%s}", m);
		g_free(*json);
		*json = g_string_free(s, FALSE);
	}
	cJSON_free(m);
	cJSON_Delete(meta);
}

/* A document that failed: its {"id", "error"} line with --jsonl (id_json
 * set) and its message; takes error. */
static void item_fail(Item *item, const char *name, guint lineno, const char *id_json,
                      GError *error)
{
	item->failed = TRUE;
	if (id_json) {
		cJSON *o = cJSON_CreateObject();
		cJSON_AddItemToObject(o, "id", cJSON_CreateRaw(id_json));
		cJSON_AddStringToObject(o, "error", error->message);
		char *s = cJSON_PrintUnformatted(o);
		item->out = g_strdup(s);
		cJSON_free(s);
		cJSON_Delete(o);
	}
	item->error = doc_message(name, lineno, error->message);
	g_error_free(error);
}

static void summarize_to_item(Run *run, lede_summarizer *sz, const char *name, guint lineno,
                              const char *text, gsize len, const char *id_json,
                              const lede_article *article, Item *item)
{
	GError *error = NULL;
	lede_doc *doc = lede_doc_new_lang(text, len, run->opts.lang, &error);
	if (!doc) {
		item_fail(item, name, lineno, id_json, error);
		return;
	}
	if (lede_doc_was_repaired(doc)) {
		item->warned_repair = TRUE;
		item->error =
		    doc_message(name, lineno, "warning: invalid UTF-8 replaced by U+FFFD");
	}
	lede_summary *sum = lede_summarize(sz, doc, &run->opts, &error);
	if (!sum) {
		item->failed = TRUE;
		g_free(item->error);
		item->error = doc_message(name, lineno, error->message);
		g_error_free(error);
		lede_doc_free(doc);
		return;
	}
	if (run->jsonl || run->format == OUT_JSON) {
		item->out = lede_summary_to_json(sum, id_json, run->pretty && !run->jsonl);
		if (article)
			add_meta(&item->out, article, run->pretty && !run->jsonl);
	} else if (run->only == ONLY_KICKER) {
		const char *k = lede_summary_kicker(sum);
		item->out = k ? g_strconcat(k, "\n", NULL) : g_strdup("");
	} else if (run->only == ONLY_HEADLINE) {
		const char *h = lede_summary_headline(sum);
		item->out = h ? g_strconcat(h, "\n", NULL) : g_strdup("");
	} else {
		item->out = lede_summary_to_text(sum);
	}
	lede_summary_free(sum);
	lede_doc_free(doc);
}

/* Whether a document is HTML: a doctype or <html> first, or at least two
 * HTML tags in its first KB (one "<b>" in a plain text is not markup). */
static gboolean looks_like_html(const char *t, gsize len)
{
	static const char *const names[] = {
	    "a",    "article", "b",     "body",  "br", "div",   "em",   "h1", "h2",     "h3",
	    "h4",   "head",    "i",     "img",   "li", "link",  "meta", "p",  "script", "section",
	    "span", "strong",  "style", "table", "td", "title", "tr",   "ul"};
	gsize n = MIN(len, 1024);
	gsize k = 0;
	if (n >= 3 && memcmp(t, "\xEF\xBB\xBF", 3) == 0)
		k = 3;
	while (k < n && g_ascii_isspace(t[k]))
		k++;
	if ((n - k >= 14 && !g_ascii_strncasecmp(t + k, "<!doctype html", 14)) ||
	    (n - k >= 5 && !g_ascii_strncasecmp(t + k, "<html", 5)))
		return TRUE;
	guint tags = 0;
	for (gsize i = k; i + 1 < n; i++) {
		/* plain text has few '<': memchr steps over the rest (a byte
		 * loop was half a percent of a batch of articles) */
		const char *lt = memchr(t + i, '<', n - 1 - i);
		if (!lt)
			break;
		i = (gsize)(lt - t);
		gsize j = i + 1 + (t[i + 1] == '/');
		gsize e = j;
		while (e < n && g_ascii_isalnum(t[e]))
			e++;
		if (e == j || e >= n || !(t[e] == '>' || t[e] == ' ' || t[e] == '/'))
			continue;
		for (gsize m = 0; m < G_N_ELEMENTS(names); m++)
			if (strlen(names[m]) == e - j &&
			    !g_ascii_strncasecmp(t + j, names[m], e - j)) {
				tags++;
				break;
			}
		if (tags >= 2)
			return TRUE;
	}
	return FALSE;
}

/* The --extract output of an article: its text, or the JSON object with id
 * first when there is one. */
static char *extract_output(Run *run, const lede_article *a, const char *text, const char *id_json)
{
	if (!run->jsonl && run->format != OUT_JSON)
		return *text ? g_strconcat(text, "\n", NULL) : g_strdup("");
	cJSON *o = cJSON_CreateObject();
	if (id_json)
		cJSON_AddItemToObject(o, "id", cJSON_CreateRaw(id_json));
	/* JSON Lines: {"id", "text", "title", ...}; a file: the text last */
	if (id_json)
		cJSON_AddStringToObject(o, "text", text);
	cJSON *meta = article_meta(a);
	for (cJSON *m = meta->child; m; m = m->next)
		cJSON_AddItemToObject(o, m->string, cJSON_Duplicate(m, TRUE));
	cJSON_Delete(meta);
	if (!id_json)
		cJSON_AddStringToObject(o, "text", text);
	char *s = run->pretty && !run->jsonl ? cJSON_Print(o) : cJSON_PrintUnformatted(o);
	char *out = g_strdup(s);
	cJSON_free(s);
	cJSON_Delete(o);
	return out;
}

/* --extract of Markdown: the text, and its title in JSON. */
static char *extract_markdown(Run *run, const char *text, const char *title, const char *id_json)
{
	char *out = extract_output(run, NULL, text, id_json);
	if (!title || (!run->jsonl && run->format != OUT_JSON))
		return out;
	cJSON *o = cJSON_Parse(out);
	g_free(out);
	cJSON_ReplaceItemInObjectCaseSensitive(o, "title", cJSON_CreateString(title));
	char *s = run->pretty && !run->jsonl ? cJSON_Print(o) : cJSON_PrintUnformatted(o);
	out = g_strdup(s);
	cJSON_free(s);
	cJSON_Delete(o);
	return out;
}

/* One document: HTML goes through the extractor first (is_html: -1 to
 * detect from the content), then the summary or, with --extract, the text. */
static void document_to_item(Run *run, lede_summarizer *sz, const char *name, guint lineno,
                             const char *data, gsize len, int is_html, const char *id_json,
                             Item *item)
{
	if (is_html < 0)
		is_html = run->input == INPUT_HTML ||
		          (run->input == INPUT_AUTO && looks_like_html(data, len));
	if (is_html == 2 || run->input == INPUT_MARKDOWN) {
		char *title = NULL;
		char *t = cli_markdown_to_text(data, len, &title);
		if (run->extract) {
			item->out = extract_markdown(run, t, title, id_json);
		} else {
			summarize_to_item(run, sz, name, lineno, t, strlen(t), id_json, NULL, item);
		}
		g_free(t);
		g_free(title);
		return;
	}
	if (!is_html && !run->extract) {
		summarize_to_item(run, sz, name, lineno, data, len, id_json, NULL, item);
		return;
	}
	/* --extract of a plain text: the text itself, ending in one line end
	 * as an article's text does */
	if (!is_html) {
		char *t = g_strchomp(g_strndup(data, len));
		item->out = extract_output(run, NULL, t, id_json);
		g_free(t);
		return;
	}
	GError *error = NULL;
	lede_article *a = lede_extract(data, len, NULL, &error);
	if (!a) {
		item_fail(item, name, lineno, id_json, error);
		return;
	}
	const char *text = lede_article_text(a);
	if (!*text)
		item->error = doc_message(name, lineno, "no article text found");
	if (run->extract) {
		item->out = extract_output(run, a, text, id_json);
	} else {
		char *warn = item->error;
		item->error = NULL;
		summarize_to_item(run, sz, name, lineno, text, strlen(text), id_json, a, item);
		if (warn) {
			g_free(item->error);
			item->error = warn;
		}
	}
	lede_article_free(a);
}

static void item_clear(Item *item)
{
	g_free(item->out);
	g_free(item->error);
	memset(item, 0, sizeof *item);
}

/* Prints an item's output and message; returns FALSE if it failed. */
static gboolean item_emit(Run *run, Item *item)
{
	if (item->error)
		cli_error("%s", item->error);
	if (item->out) {
		fputs(item->out, stdout);
		if (run->jsonl || run->format == OUT_JSON)
			fputc('\n', stdout);
	}
	if (item->failed)
		run->status = LEDE_EXIT_FAILURE;
	return !item->failed;
}

/* ---- JSON Lines: batches, optionally in parallel, output in input order -- */

/* One unit of work: a JSON Lines line, or (path set) a file to read, or
 * (lost set) a line that could not be read, which gets its error line. */
typedef struct {
	char *line;
	gsize len;
	guint lineno;
	const char *name;
	const char *path;
	Item item;
	const char *lost; /* why the line could not be read */
} Job;

/* Reads and summarizes the file of job: in the worker, so reading overlaps
 * too. A file that cannot be read has an error and no output. */
static void run_file_job(Run *run, lede_summarizer *sz, Job *job)
{
	char *data = NULL;
	gsize len = 0;
	GError *error = NULL;
	if (!cli_read_document(job->path, &data, &len, &error)) {
		job->item.error = g_strdup_printf("%s: %s", job->path, error->message);
		job->item.failed = TRUE;
		g_error_free(error);
		return;
	}
	int is_html = -1; /* 1 HTML, 2 Markdown, by the file's name */
	if (run->input == INPUT_AUTO &&
	    (g_str_has_suffix(job->path, ".html") || g_str_has_suffix(job->path, ".htm")))
		is_html = 1;
	else if (run->input == INPUT_AUTO &&
	         (g_str_has_suffix(job->path, ".md") || g_str_has_suffix(job->path, ".markdown")))
		is_html = 2;
	document_to_item(run, sz, job->path, 0, data, len, is_html, NULL, &job->item);
	g_free(data);
}

static void run_job(Run *run, lede_summarizer *sz, Job *job)
{
	if (job->path) {
		run_file_job(run, sz, job);
		return;
	}
	LedeJsonlRecord rec = {0};
	if (job->lost)
		rec.lineno = job->lineno;
	else
		lede_jsonl_parse_text(job->line, job->len, job->lineno, &rec);
	char *id = lede_jsonl_id_json(&rec);
	const char *t = NULL;
	gsize tlen = 0;
	gboolean html = FALSE;
	const char *problem =
	    job->lost ? job->lost : lede_jsonl_record_text(&rec, &t, &tlen, &html);
	if (problem) {
		cJSON *o = cJSON_CreateObject();
		cJSON_AddItemToObject(o, "id", cJSON_CreateRaw(id));
		cJSON_AddStringToObject(o, "error", problem);
		char *s = cJSON_PrintUnformatted(o);
		job->item.out = g_strdup(s);
		cJSON_free(s);
		cJSON_Delete(o);
		job->item.error = doc_message(job->name, job->lineno, problem);
		job->item.failed = TRUE;
	} else {
		document_to_item(run, sz, job->name, job->lineno, t, tlen, html ? 1 : -1, id,
		                 &job->item);
	}
	g_free(id);
	lede_jsonl_record_clear(&rec);
}

/* The pipeline: the main thread reads lines and hands them to the workers
 * through a queue; results are written strictly in input order by whichever
 * worker finishes the oldest outstanding line (it then writes every finished
 * line after it too). At most p->window lines (or WINDOW_BYTES of input) are in
 * flight, so memory is constant however long the stream; the main thread
 * sleeps only when the window is full and at the end. (Waking the main
 * thread to write each result cost a context switch per line on a worker's
 * core.) Each worker owns one summarizer.
 *
 * The main thread reads each line straight into its slot's buffer, which
 * the slot keeps for the next line it takes. Copying each line from a read
 * buffer into its slot took a fifth of the main thread's time, on a core the
 * workers need. A fresh buffer for every line took fresh pages, which cost
 * 2.5-4 us each on this kind of machine, and with the 1,024-line window of
 * before, a 1,000-article batch was read whole before the first result was
 * written: 650 of the 3,400 page faults of a -j 2 batch. The workers also
 * freed lines the main thread had allocated, which made them wait on its
 * malloc lock. A window of 128 lines (WINDOW_LINES, or 16 per worker past eight)
 * keeps the workers busy; a line longer than LINE_KEEP has its buffer freed
 * after use, so at most window * LINE_KEEP is kept. */
#define WINDOW_LINES 128
#define WINDOW_BYTES (32u << 20)
#define LINE_KEEP (64u << 10)

typedef struct {
	char *data; /* malloc'd (realloc grows it) */
	size_t cap;
} LineBuf;

typedef struct Pipeline {
	Run *run;
	GAsyncQueue *todo; /* Job *, or the Pipeline itself as the stop sign */
	GMutex lock;       /* guards everything below */
	GCond room_cond;   /* signalled when written advances and main waits */
	guint window;      /* slots in ring, bufs and done */
	Job *ring;         /* indexed by sequence number modulo window */
	LineBuf *bufs;     /* each slot's copy of its line, kept for the next */
	gboolean *done;
	guint64 next, written;
	gsize bytes_in_flight;
	gboolean writing;      /* a worker is writing results */
	gboolean main_waiting; /* the main thread waits on room_cond... */
	guint64 wait_lines;    /* ...for fewer lines than this in flight */
	gsize wait_bytes;      /* ...and fewer bytes than this (0: any) */
	/* Writes a finished job's result; called in input order, one at a time. */
	void (*emit)(struct Pipeline *p, Job *job);
	gboolean headers, array, first_out; /* files: how results are joined */
	guint n_workers;
	GThread **threads;
	struct Worker *workers;
} Pipeline;

static gboolean pipeline_has_room(const Pipeline *p, guint64 lines, gsize bytes)
{
	return p->next - p->written < lines && (!bytes || p->bytes_in_flight < bytes);
}

typedef struct Worker {
	Pipeline *p;
	lede_summarizer *sz;
} Worker;

/* Marks job done; unless another worker is writing, writes the finished
 * results at the head of the window. Whether the head is finished and
 * whether someone writes are decided under one lock, so no finished result
 * is left behind. */
static void pipeline_finish(Pipeline *p, Job *job)
{
	g_mutex_lock(&p->lock);
	p->done[job - p->ring] = TRUE;
	if (p->writing) {
		g_mutex_unlock(&p->lock);
		return;
	}
	p->writing = TRUE;
	while (p->written < p->next && p->done[p->written % p->window]) {
		Job *head = &p->ring[p->written % p->window];
		g_mutex_unlock(&p->lock);
		p->emit(p, head);
		item_clear(&head->item);
		LineBuf *b = &p->bufs[p->written % p->window];
		if (b->cap > LINE_KEEP) {
			free(b->data);
			*b = (LineBuf){0};
		}
		g_mutex_lock(&p->lock);
		p->bytes_in_flight -= head->len;
		p->done[p->written % p->window] = FALSE;
		p->written++;
	}
	p->writing = FALSE;
	/* Only when what the main thread waits for has come: at the end it
	 * waits for every line, and waking it for each was a context switch. */
	if (p->main_waiting && pipeline_has_room(p, p->wait_lines, p->wait_bytes))
		g_cond_signal(&p->room_cond);
	g_mutex_unlock(&p->lock);
}

static gpointer worker_main(gpointer data)
{
	Worker *w = data;
	Pipeline *p = w->p;
	for (;;) {
		gpointer item = g_async_queue_pop(p->todo);
		if (item == (gpointer)p)
			break;
		Job *job = item;
		run_job(p->run, w->sz, job);
		pipeline_finish(p, job);
	}
	return NULL;
}

/* Blocks until fewer than `lines` lines and `bytes` bytes are in flight. */
static void pipeline_wait(Pipeline *p, guint64 lines, gsize bytes)
{
	g_mutex_lock(&p->lock);
	p->wait_lines = lines;
	p->wait_bytes = bytes;
	while (!pipeline_has_room(p, lines, bytes)) {
		p->main_waiting = TRUE;
		g_cond_wait(&p->room_cond, &p->lock);
		p->main_waiting = FALSE;
	}
	g_mutex_unlock(&p->lock);
}

/* Starts the workers (none when run->jobs is 1: jobs then run in
 * pipeline_submit, in the calling thread, nothing held back). */
static void pipeline_start(Pipeline *p, Run *run, void (*emit)(Pipeline *, Job *))
{
	*p = (Pipeline){0};
	p->run = run;
	p->emit = emit;
	p->n_workers = MAX(1, (guint)run->jobs);
	if (p->n_workers == 1)
		return;
	p->window = MAX(WINDOW_LINES, 16 * p->n_workers);
	p->ring = g_new0(Job, p->window);
	p->done = g_new0(gboolean, p->window);
	p->bufs = g_new0(LineBuf, p->window);
	p->todo = g_async_queue_new();
	g_mutex_init(&p->lock);
	g_cond_init(&p->room_cond);
	p->threads = g_new(GThread *, p->n_workers);
	p->workers = g_new(Worker, p->n_workers);
	for (guint w = 0; w < p->n_workers; w++) {
		p->workers[w] = (Worker){p, run->summarizers[w]};
		p->threads[w] = g_thread_new("lede-job", worker_main, &p->workers[w]);
	}
}

/* Waits, when the window is full, until there is room for the next job. */
static void pipeline_make_room(Pipeline *p)
{
	/* Read on only once three quarters of the window are written: waking
	 * for every line written cost a context switch per line, and each
	 * wake-up takes a core from a worker (half empty: 67-70 context
	 * switches in a -j 2 batch; three quarters: 46-54). */
	g_mutex_lock(&p->lock);
	gboolean full = !pipeline_has_room(p, p->window, WINDOW_BYTES);
	g_mutex_unlock(&p->lock);
	if (full)
		pipeline_wait(p, p->window / 4, WINDOW_BYTES / 2);
}

/* The buffer to read the next job's line into: the next slot's, once the
 * window has room for it (own, with no workers). Asking again before
 * pipeline_submit gives the same buffer. */
static LineBuf *pipeline_line_buf(Pipeline *p, LineBuf *own)
{
	if (p->n_workers == 1)
		return own;
	pipeline_make_room(p);
	return &p->bufs[p->next % p->window];
}

/* Runs job and has its result written in input order. Its line, if any, is
 * in the buffer pipeline_line_buf gave, which the job now holds (and which
 * waited for room then: a job with a line does not wait again). */
static void pipeline_submit(Pipeline *p, const Job *job)
{
	if (p->n_workers == 1) {
		Job j = *job;
		run_job(p->run, p->run->summarizers[0], &j);
		p->emit(p, &j);
		item_clear(&j.item);
		return;
	}
	if (!job->line)
		pipeline_make_room(p);
	Job *slot = &p->ring[p->next % p->window];
	*slot = *job;
	g_assert(!job->line || job->line == p->bufs[p->next % p->window].data);
	g_mutex_lock(&p->lock);
	p->bytes_in_flight += job->len;
	p->next++;
	g_mutex_unlock(&p->lock);
	g_async_queue_push(p->todo, slot);
}

/* Waits until every result is written and stops the workers. */
static void pipeline_stop(Pipeline *p)
{
	if (p->n_workers == 1)
		return;
	pipeline_wait(p, 1, 0);
	for (guint w = 0; w < p->n_workers; w++)
		g_async_queue_push(p->todo, p);
	for (guint w = 0; w < p->n_workers; w++)
		g_thread_join(p->threads[w]);
	g_async_queue_unref(p->todo);
	g_mutex_clear(&p->lock);
	g_cond_clear(&p->room_cond);
	g_free(p->threads);
	g_free(p->workers);
	g_free(p->ring);
	g_free(p->done);
	for (guint i = 0; i < p->window; i++)
		free(p->bufs[i].data);
	g_free(p->bufs);
}

static void emit_line(Pipeline *p, Job *job)
{
	item_emit(p->run, &job->item);
}

/* Lines of a file read in blocks, each at most a limit long: getline has no
 * limit (/dev/zero, or a file without a line end, grew one line until memory
 * ran out) and says -1 both at the end and when memory runs out. */
typedef struct {
	int fd;
	char *block; /* IO_BLOCK bytes */
	gsize pos, end;
	gboolean eof;
	int error; /* errno of a failed read, or 0 */
} LineReader;

/* LINE_BINARY: a line too long that holds a NUL byte, where reading stops:
 * /dev/zero has no line end to skip to. */
typedef enum { LINE_END, LINE_OK, LINE_TOO_LONG, LINE_BINARY } LineRead;

static gboolean line_room(LineBuf *b, gsize need)
{
	if (need <= b->cap)
		return TRUE;
	gsize cap = MAX(need, b->cap < G_MAXSIZE / 2 ? b->cap * 2 : need);
	char *data = realloc(b->data, cap);
	if (!data)
		return FALSE;
	b->data = data;
	b->cap = cap;
	return TRUE;
}

/* The next line, without its line end, into b (NUL-terminated, *len bytes).
 * A line longer than limit, or one memory cannot hold, is passed over to its
 * end and its memory given back: LINE_TOO_LONG. */
static LineRead read_line(LineReader *r, LineBuf *b, gsize limit, gsize *len)
{
	gsize n = 0;
	gboolean any = FALSE, too_long = FALSE;
	for (;;) {
		if (r->pos == r->end) {
			if (r->eof)
				break;
			ssize_t got = read(r->fd, r->block, IO_BLOCK);
			if (got < 0 && errno == EINTR)
				continue;
			if (got <= 0) {
				r->error = got < 0 ? errno : 0;
				r->eof = TRUE;
				break;
			}
			r->pos = 0;
			r->end = (gsize)got;
		}
		any = TRUE;
		const char *s = r->block + r->pos;
		const char *nl = memchr(s, '\n', r->end - r->pos);
		gsize take = nl ? (gsize)(nl - s) : r->end - r->pos;
		if (!too_long && (n + take > limit || !line_room(b, n + take + 1))) {
			too_long = TRUE;
			free(b->data);
			*b = (LineBuf){0};
		}
		if (!too_long) {
			memcpy(b->data + n, s, take);
			n += take;
		} else if (memchr(s, '\0', take)) {
			r->eof = TRUE;
			r->pos = r->end;
			return LINE_BINARY;
		}
		r->pos += take + (nl != NULL);
		if (nl)
			break;
	}
	if (!any)
		return LINE_END;
	if (too_long || !line_room(b, n + 1))
		return LINE_TOO_LONG;
	b->data[n] = '\0';
	*len = n;
	return LINE_OK;
}

static void process_jsonl(Run *run, const char *path)
{
	gboolean is_stdin = strcmp(path, "-") == 0;
	const char *name = is_stdin ? "(stdin)" : path;
	int fd = is_stdin ? STDIN_FILENO : g_open(path, O_RDONLY | O_CLOEXEC, 0);
	if (fd < 0) {
		cli_error("%s: %s", path, g_strerror(errno));
		run->status = LEDE_EXIT_FAILURE;
		return;
	}
	static char block[IO_BLOCK]; /* one file at a time */
	LineReader r = {fd, block, 0, 0, FALSE, 0};
	gsize limit = lede_input_limit();
	Pipeline p;
	pipeline_start(&p, run, emit_line);
	LineBuf own = {0};
	guint lineno = 0;
	for (;;) {
		LineBuf *b = pipeline_line_buf(&p, &own);
		gsize len = 0;
		LineRead got = read_line(&r, b, limit, &len);
		if (got == LINE_END)
			break;
		lineno++;
		if (got != LINE_OK) {
			const char *why =
			    got == LINE_BINARY ? "binary file" : "line too long / out of memory";
			Job job = {NULL, 0, lineno, name, NULL, {0}, why};
			pipeline_submit(&p, &job);
			continue;
		}
		char *line = b->data;
		while (len && line[len - 1] == '\r')
			len--;
		line[len] = '\0';
		gsize k = 0;
		while (k < len && g_ascii_isspace(line[k]))
			k++;
		if (k == len)
			continue;
		Job job = {line, len, lineno, name, NULL, {0}, NULL};
		pipeline_submit(&p, &job);
	}
	if (r.error) {
		cli_error("%s: %s", path, g_strerror(r.error));
		run->status = LEDE_EXIT_FAILURE;
	}
	pipeline_stop(&p);
	free(own.data);
	if (!is_stdin)
		close(fd);
}

/* ---- plain files ----------------------------------------------------------- */

/* Several files: a "==> name <==" header before each text result, or one
 * JSON array of the objects; a file that failed has no header or element. */
static void emit_file(Pipeline *p, Job *job)
{
	Item *item = &job->item;
	const char *name = strcmp(job->path, "-") == 0 ? "(standard input)" : job->path;
	if (item->out) {
		if (p->headers)
			printf("%s==> %s <==\n", p->first_out ? "" : "\n", name);
		else if (p->array && !p->first_out)
			fputs(",\n", stdout);
		p->first_out = FALSE;
	}
	if (p->array && item->out) {
		/* inside the array, each object without its own newline */
		if (item->error)
			cli_error("%s", item->error);
		fputs(item->out, stdout);
		if (item->failed)
			p->run->status = LEDE_EXIT_FAILURE;
	} else {
		item_emit(p->run, item);
	}
}

static void process_files(Run *run, char **files, guint n_files)
{
	Pipeline p;
	pipeline_start(&p, run, emit_file);
	p.headers = n_files > 1 && run->format == OUT_TEXT;
	p.array = n_files > 1 && run->format == OUT_JSON;
	p.first_out = TRUE;
	if (p.array)
		fputs("[\n", stdout);
	for (guint i = 0; i < n_files; i++) {
		Job job = {NULL, 0, 0, files[i], files[i], {0}, NULL};
		pipeline_submit(&p, &job);
	}
	pipeline_stop(&p);
	if (p.array)
		fputs("\n]\n", stdout);
}

/* ---- main -------------------------------------------------------------------- */

static const char summary_text[] =
    "Writes an extractive summary of each news article FILE (standard input when\n"
    "no FILE or FILE is -): a kicker and headline line, a blank line, and the\n"
    "summary sentences as one paragraph.\n"
    "\n"
    "Subcommands:\n"
    "  lede eval ...          score summaries with ROUGE (lede eval --help)\n"
    "  lede corpus ...        build or inspect background models (lede corpus --help)\n"
    "  lede digest ...        a digest of a folder of articles, safe for cron (lede digest "
    "--help)\n"
    "\n"
    "Length limits (at most one): -n/--sentences (default 3), --words, --chars, --ratio.";

static const char description_text[] =
    "Exit status: 0 success; 1 a file or line could not be summarized (the others\n"
    "still were); 2 usage error.\n"
    "See lede(1) and README.md for the output formats and the handling of odd input.";

int main(int argc, char **argv)
{
	/* Output that never reached its file is a failure, whichever command
	 * (or GOption's --help, which exits by itself) wrote it. */
	cli_check_stdout_at_exit();
	if (argc > 1 && strcmp(argv[1], "eval") == 0)
		return lede_cli_eval(argc - 1, argv + 1);
	if (argc > 1 && strcmp(argv[1], "corpus") == 0)
		return lede_cli_corpus(argc - 1, argv + 1);
	if (argc > 1 && strcmp(argv[1], "digest") == 0)
		return lede_cli_digest(argc - 1, argv + 1);

	/* Only the character type: --help's text needs the terminal's charset,
	 * while output must never depend on the locale (numbers, collation). */
	setlocale(LC_CTYPE, "");
	/* Large blocks for output to a file or pipe (JSON Lines input is read
	 * in blocks of its own). A terminal keeps its line buffering, so output
	 * shows as it is made. */
	static char stdout_buf[IO_BLOCK];
	if (!isatty(STDOUT_FILENO))
		setvbuf(stdout, stdout_buf, _IOFBF, IO_BLOCK);
	Run run = {0};
	lede_options_init(&run.opts, LEDE_OPTIONS_VERSION, NULL);
	char *o_sentences = NULL, *o_words = NULL, *o_chars = NULL, *o_ratio = NULL;
	char *o_format = NULL, *o_only = NULL, *o_keyphrases = NULL, *o_headline_max = NULL;
	char *o_jobs = NULL, *o_input = NULL, *o_lang = NULL;
	gboolean o_version = FALSE;
	char **files = NULL;
	GOptionEntry entries[] = {
	    {"sentences", 'n', 0, G_OPTION_ARG_STRING, &o_sentences,
	     "At most N sentences (default 3)", "N"},
	    {"words", 0, 0, G_OPTION_ARG_STRING, &o_words, "At most N words in all", "N"},
	    {"chars", 0, 0, G_OPTION_ARG_STRING, &o_chars, "At most N characters in all", "N"},
	    {"ratio", 0, 0, G_OPTION_ARG_STRING, &o_ratio,
	     "At most P percent of the article's words", "P"},
	    {"format", 'f', 0, G_OPTION_ARG_STRING, &o_format,
	     "Output format: text (default) or json", "FMT"},
	    {"jsonl", 0, 0, G_OPTION_ARG_NONE, &run.jsonl,
	     "Read JSON Lines {\"id\",\"text\"}, write one JSON object per line", NULL},
	    {"pretty", 0, 0, G_OPTION_ARG_NONE, &run.pretty, "Indent --format json output", NULL},
	    {"extract", 0, 0, G_OPTION_ARG_NONE, &run.extract,
	     "Print the article text of each web page, no summary", NULL},
	    {"input", 0, 0, G_OPTION_ARG_STRING, &o_input,
	     "Input format: text, html or markdown (default: from the content)", "FMT"},
	    {"explain", 0, 0, G_OPTION_ARG_NONE, &run.opts.explain,
	     "Add every sentence's features and score", NULL},
	    {"only", 0, 0, G_OPTION_ARG_STRING, &o_only,
	     "Print one part: kicker, headline or summary", "PART"},
	    {"keyphrases", 'k', 0, G_OPTION_ARG_STRING, &o_keyphrases,
	     "Add the N best keyphrases (JSON: \"keyphrases\")", "N"},
	    {"lang", 0, 0, G_OPTION_ARG_STRING, &o_lang,
	     "The texts' language: auto (default: identified per text) or an ISO 639-1 code "
	     "such as en, fr, de",
	     "CODE"},
	    {"headline-max", 0, 0, G_OPTION_ARG_STRING, &o_headline_max,
	     "Headline length in bytes (default 75)", "N"},
	    {"model", 'm', 0, G_OPTION_ARG_FILENAME, &run.model_path,
	     "Background model file (default: the built-in one)", "FILE"},
	    {"weights", 0, 0, G_OPTION_ARG_FILENAME, &run.weights_path,
	     "Feature weights JSON (default: the built-in models/weights.json)", "FILE"},
	    {"jobs", 'j', 0, G_OPTION_ARG_STRING, &o_jobs,
	     "Parallel jobs for --jsonl and several files (default: number of cores)", "N"},
	    {"version", 'V', 0, G_OPTION_ARG_NONE, &o_version, "Print the version and exit", NULL},
	    {G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &files, NULL, "[FILE...]"},
	    {NULL, 0, 0, 0, NULL, NULL, NULL},
	};
	GOptionContext *ctx = g_option_context_new(NULL);
	g_option_context_set_summary(ctx, summary_text);
	g_option_context_set_description(ctx, description_text);
	g_option_context_add_main_entries(ctx, entries, NULL);
	GError *error = NULL;
	char **args = NULL;
	int rc = cli_parse_options(ctx, entries, NULL, argc, argv, &args);
	g_strfreev(args); /* the files are in files */
	if (rc >= 0)
		goto out;
	rc = 0;
	if (o_version) {
		printf("lede %s\n", lede_version());
		goto out;
	}

	int n_limits = !!o_sentences + !!o_words + !!o_chars + !!o_ratio;
	if (n_limits > 1) {
		rc = cli_usage_error(
		    NULL, "--sentences, --words, --chars and --ratio exclude each other");
		goto out;
	}
	if (o_sentences && (rc = cli_usage_number(NULL, "--sentences", o_sentences, 1, 100000,
	                                          &run.opts.limit_value)))
		goto out;
	if (o_words) {
		run.opts.limit = LEDE_LIMIT_WORDS;
		if ((rc = cli_usage_number(NULL, "--words", o_words, 1, G_MAXINT32,
		                           &run.opts.limit_value)))
			goto out;
	}
	if (o_chars) {
		run.opts.limit = LEDE_LIMIT_CHARS;
		if ((rc = cli_usage_number(NULL, "--chars", o_chars, 1, G_MAXINT32,
		                           &run.opts.limit_value)))
			goto out;
	}
	if (o_ratio) {
		run.opts.limit = LEDE_LIMIT_RATIO;
		if ((rc =
		         cli_usage_number(NULL, "--ratio", o_ratio, 1, 100, &run.opts.limit_value)))
			goto out;
	}
	if (o_keyphrases && (rc = cli_usage_number(NULL, "--keyphrases", o_keyphrases, 0, 1000,
	                                           &run.opts.n_keyphrases)))
		goto out;
	/* Without --headline-max, the length that suits the text's script. */
	run.opts.headline_max = 0;
	if (o_headline_max && (rc = cli_usage_number(NULL, "--headline-max", o_headline_max, 8,
	                                             100000, &run.opts.headline_max)))
		goto out;
	if (o_lang) {
		gboolean code =
		    strlen(o_lang) == 2 && g_ascii_islower(o_lang[0]) && g_ascii_islower(o_lang[1]);
		if (!code && strcmp(o_lang, "auto") != 0) {
			rc = cli_usage_error(NULL,
			                     "--lang: '%s' is not auto or a two-letter "
			                     "ISO 639-1 code",
			                     o_lang);
			goto out;
		}
		run.opts.lang = o_lang;
	}
	unsigned jobs = g_get_num_processors();
	if (o_jobs && (rc = cli_usage_number(NULL, "--jobs", o_jobs, 1, 256, &jobs)))
		goto out;
	run.jobs = (gint)jobs;
	if (o_format) {
		static const char *const formats[] = {"text", "json", NULL};
		int f;
		if ((rc = cli_usage_choice(NULL, "--format", o_format, formats, &f)))
			goto out;
		run.format = f ? OUT_JSON : OUT_TEXT;
	}
	if (o_input) {
		static const char *const kinds[] = {"text", "html", "markdown", NULL};
		int k;
		if ((rc = cli_usage_choice(NULL, "--input", o_input, kinds, &k)))
			goto out;
		run.input = (InputKind)(k + 1);
	}
	if (o_only) {
		static const char *const parts[] = {"kicker", "headline", "summary", NULL};
		static const OnlyPart part_of[] = {ONLY_KICKER, ONLY_HEADLINE, ONLY_SUMMARY};
		int k;
		if ((rc = cli_usage_choice(NULL, "--only", o_only, parts, &k)))
			goto out;
		run.only = part_of[k];
		/* Parts not asked for are not computed. */
		run.opts.want_kicker = run.only == ONLY_KICKER;
		run.opts.want_headline = run.only == ONLY_HEADLINE;
	}

	run.model = run.model_path ? lede_model_open(run.model_path, &error)
	                           : lede_model_open_default(&error);
	if (!run.model) {
		cli_error("%s: %s", run.model_path ? run.model_path : "built-in model",
		          error->message);
		g_error_free(error);
		rc = LEDE_EXIT_FAILURE;
		goto out;
	}
	static char *stdin_only[] = {"-", NULL};
	char **inputs = files && files[0] ? files : stdin_only;
	guint n_inputs = g_strv_length(inputs);
	/* Files are shared out one per job: never more jobs than files (a
	 * single article from the shell starts no thread). */
	if (!run.jsonl)
		run.jobs = (gint)MIN((guint)run.jobs, n_inputs);
	guint n_workers = (guint)run.jobs;
	run.summarizers = g_new0(lede_summarizer *, n_workers);
	for (guint w = 0; w < n_workers; w++) {
		run.summarizers[w] = lede_summarizer_new(run.model, run.weights_path, &error);
		if (!run.summarizers[w]) {
			cli_error("%s: %s",
			          run.weights_path ? run.weights_path : "built-in weights",
			          error->message);
			g_error_free(error);
			rc = LEDE_EXIT_FAILURE;
			goto out;
		}
	}

	if (run.jsonl) {
		for (guint i = 0; i < n_inputs; i++)
			process_jsonl(&run, inputs[i]);
	} else {
		process_files(&run, inputs, n_inputs);
	}
	if (!cli_flush_stdout())
		run.status = LEDE_EXIT_FAILURE;
	rc = run.status;
out:
	if (run.summarizers)
		for (guint w = 0; w < (guint)run.jobs; w++)
			lede_summarizer_free(run.summarizers[w]);
	g_free(run.summarizers);
	lede_model_free(run.model);
	g_option_context_free(ctx);
	g_strfreev(files);
	g_free(o_sentences);
	g_free(o_lang);
	g_free(o_words);
	g_free(o_chars);
	g_free(o_ratio);
	g_free(o_format);
	g_free(o_only);
	g_free(o_keyphrases);
	g_free(o_headline_max);
	g_free(o_jobs);
	g_free(o_input);
	g_free((char *)run.model_path);
	g_free((char *)run.weights_path);
	return rc;
}
