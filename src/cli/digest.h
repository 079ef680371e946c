/* lede digest: the pieces shared by digest.c (options, state, lock, flow),
 * digest-input.c (finding and reading articles, dates), digest-dedup.c
 * (near-duplicate stories) and digest-render.c (the four output formats). */
#ifndef LEDE_DIGEST_H
#define LEDE_DIGEST_H

#include "cli.h"

/* EX_TEMPFAIL from sysexits.h: cron wrappers and systemd read it as "try later". */
#define DIGEST_EXIT_LOCKED 75

#define DIGEST_WORDS_PER_MINUTE 230
/* Feed items with fewer sentences are shown as they are (issue #15): one
 * sentence has nothing to leave out, and a headline made of it says it twice. */
#define DIGEST_BRIEF_SENTENCES 2
/* Min-hash values per story: DIGEST_BANDS bands of DIGEST_ROWS rows. */
#define DIGEST_ROWS 3
#define DIGEST_BANDS 16
#define DIGEST_MINHASH (DIGEST_ROWS * DIGEST_BANDS)

typedef enum {
	KIND_TEXT,
	KIND_MARKDOWN,
	KIND_HTML,
	KIND_RECORD, /* one JSON Lines record: text already in memory */
	KIND_ITEM,   /* one feed item (feed.c): text or HTML already in memory */
} InputKind;

typedef struct {
	/* ---- found by the walk or the JSON Lines reader ---- */
	InputKind kind;
	char *path;   /* the file to read; NULL for records */
	char *key;    /* identity in the state file */
	char *name;   /* the source as shown: path as walked, or a record's url or id */
	char *where;  /* in messages instead of name: "FEED: item N" for feed items */
	char *url;    /* a record's http(s) URL, or NULL */
	char *author; /* a feed item's author, or NULL */
	char *title;  /* the record's title; for files, found while reading */
	char *text;   /* a record's text; files are read by the worker */
	gsize text_len;
	gint64 date;        /* Unix seconds: the file's mtime or the record's date */
	guint order;        /* input order, the last tie-break of every sort */
	gboolean item_html; /* KIND_ITEM: text is HTML, for the extractor */

	/* ---- filled in by the worker ---- */
	char *hash;   /* SHA-256 (hex) of the content, recorded in the state */
	char *error;  /* why it was skipped, for stderr; sets exit status 1 */
	gboolean old; /* the state has this key with this hash */
	gboolean ok;  /* summarized: goes into the digest */
	/* a feed item of fewer than two sentences: shown as it is (as_is),
	 * without kicker or summary, headline only when it has a title */
	char *as_is;
	char *kicker;
	char *headline;
	GPtrArray *summary; /* char *, whitespace folded */
	gsize words;
	double score;      /* mean score of the summary sentences */
	guint64 *shingles; /* sorted, unique hashed stems of the first words */
	gsize n_shingles;
	guint32 minhash[DIGEST_MINHASH];
} Story;

typedef struct {
	Story *rep;         /* the story whose kicker, headline and summary are shown */
	GPtrArray *members; /* Story *, in input order, rep included */
	gint64 date;        /* the newest member's */
	double score;
} Entry;

typedef enum { FMT_MARKDOWN, FMT_HTML, FMT_JSON, FMT_TEXT, FMT_ATOM } DigestFormat;

/* ---- digest.c: the state file ---- */

typedef struct {
	char *hash;
	gint64 digested;
	/* a feed item still in its feed this run: kept however old, or it
	 * would come back as new once forgotten (not written to the file) */
	gboolean seen;
} StateEntry;

void state_entry_free(gpointer entry);
/* Reads the state file at path (absent: the first run, TRUE) into state
 * (key -> StateEntry *, g_free and state_entry_free as its free functions)
 * and outputs (char *, g_free); FALSE after a message on stderr. */
gboolean state_load(const char *path, GHashTable *state, GPtrArray *outputs);
/* Writes it atomically, without the files that are gone and the records
 * digested before now minus the time records are kept. */
gboolean state_save(const char *path, GHashTable *state, GPtrArray *outputs, gint64 now);

/* One line of valid UTF-8 (new string): runs of white space as one space,
 * control characters out (they break mail clients and XML tools alike). */
char *digest_clean_line(const char *s, gssize len);

/* ---- digest-input.c ---- */

typedef struct {
	char **include; /* base-name globs, or path globs when they contain '/' */
	char **exclude;
	GHashTable *skip_paths; /* canonical paths never read: output, state, lock */
	/* "DEV:INO" of the skip_paths that exist, made at the first file: a link
	 * to a folder reaches them by another path. NULL until then. */
	GHashTable *skip_files;
	gint64 since; /* G_MININT64: no limit */
	gint64 now;
	GPtrArray *stories; /* Story * */
	GHashTable *keys;   /* keys already collected: a file named twice is read once */
	int status;
} Collect;

void digest_collect_path(Collect *c, const char *path);
void digest_collect_jsonl(Collect *c, const char *source, const char *data, gsize len,
                          gint64 default_date);
/* The items of the feed in data (from the file source, its canonical path
 * or "-"; shown in messages) as stories keyed by source and item id. Items
 * without a date take the feed's, then file_date. Messages for what is
 * wrong with the feed; status 1 then. */
void digest_collect_feed(Collect *c, const char *source, const char *shown, const char *data,
                         gsize len, gint64 file_date);
/* Turns a read file (or a feed item's HTML) into plain text; may set story->title. Takes data.
 * NULL with story->error set when it cannot (HTML beyond the parser's
 * limits, or lede built without HTML support). */
char *digest_file_to_text(Story *story, char *data, gsize *len);
void story_free(Story *story);

/* ISO 8601 ("2025-03-01", "2025-03-01T07:00", "2025-03-01 07:00:00+01:00"),
 * or RFC 2822 as feeds write it ("Sat, 01 Mar 2025 07:00:00 +0000"). A time
 * without a zone is local time. */
gboolean digest_parse_date(const char *s, gint64 *out);
/* "90m", "24h", "7d", "2w" as seconds, at most DIGEST_AGE_MAX. */
gboolean digest_parse_duration(const char *s, gint64 *out);
/* The times a digest handles: GDateTime's years 1 to 9999, in seconds since
 * 1970. Ages go up to that span, so now - age never overflows. */
#define DIGEST_TIME_MIN G_GINT64_CONSTANT(-62135596800)
#define DIGEST_TIME_MAX G_GINT64_CONSTANT(253402300799)
#define DIGEST_AGE_MAX (G_GINT64_CONSTANT(10000) * 366 * 86400)

/* ---- digest-dedup.c ---- */

/* cache: word -> its stem's hash (guint64 *), owned by one thread; it
 * spares Porter most of the work, as news repeats its words. */
void digest_signature(Story *story, const char *text, gsize len, GHashTable *cache);
/* Groups near-duplicates; returns Entry * (caller frees with entry_free). */
GPtrArray *digest_group(Story **stories, guint n);
void entry_free(gpointer entry);

/* ---- digest-render.c ---- */

typedef struct {
	DigestFormat format;
	const char *title;
	gint64 now;
	guint n_new; /* stories, before grouping */
} RenderInfo;

GString *digest_render(const RenderInfo *info, Entry **entries, guint n);
/* "2025-03-01 07:00" in local time. */
char *digest_format_date(gint64 t);
char *digest_format_iso(gint64 t);

#endif
