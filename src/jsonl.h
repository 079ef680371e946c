/* JSON Lines records, read one way everywhere: the CLI's --jsonl, lede eval,
 * the digest and corpus build's reader. jsonl.c is compiled into the library
 * (hidden) and into the CLI, as file-io.c is. */
#ifndef LEDE_JSONL_H
#define LEDE_JSONL_H

#include <cjson/cJSON.h>
#include <glib.h>

/* One line of JSON Lines, parsed by lede_jsonl_parse. */
typedef struct {
	cJSON *obj;        /* the object, or NULL when error is set */
	const char *error; /* "invalid JSON" or "not a JSON object", or NULL */
	guint lineno;      /* from 1 */
	/* The top-level "id" value's own JSON text, whitespace outside its
	 * strings left out, or NULL: cJSON reads numbers as doubles, which
	 * rounds ids past 2^53 and turns 1e999 into null. */
	char *id;
	/* The "text" (or "html") string has an escaped NUL, where cJSON's C
	 * string ends. */
	gboolean text_nul, html_nul;
} LedeJsonlRecord;

/* Parses line (len bytes, no newline, need not end in NUL) as a JSON object,
 * strictly: besides what cJSON rejects, a control byte raw inside a string or
 * outside JSON's white space, a number JSON does not allow (+1, .5, 01) and
 * anything but white space after the object make the line invalid. Free
 * with lede_jsonl_record_clear. */
void lede_jsonl_parse(const char *line, gsize len, guint lineno, LedeJsonlRecord *rec);
/* As lede_jsonl_parse, for a reader of "id", "text" and "html" only: the
 * other long strings of the top level and of its arrays (a record's
 * references) read as empty, and are not copied. The same lines are valid. */
void lede_jsonl_parse_text(const char *line, gsize len, guint lineno, LedeJsonlRecord *rec);
void lede_jsonl_record_clear(LedeJsonlRecord *rec);
/* What lede --jsonl summarizes in a parsed record: its "html" string if it
 * has one (*html TRUE), else its "text", into *text and *len ("\0", 1 byte,
 * for a string with an escaped NUL: the document is binary, which
 * lede_doc_new says in its own words). Returns NULL, or the problem the
 * CLI reports for the line (rec->error, "no \"text\" key", ...). */
const char *lede_jsonl_record_text(const LedeJsonlRecord *rec, const char **text, gsize *len,
                                   gboolean *html);

/* Iterates the lines of a JSON Lines buffer. Blank lines are skipped. For
 * each other line, calls fn with the parsed record (rec->obj NULL and
 * rec->error set when the line is not valid JSON or not an object).
 * Returning FALSE from fn stops. */
typedef gboolean (*lede_jsonl_fn)(const LedeJsonlRecord *rec, void *user);
void lede_jsonl_foreach(const char *data, gsize len, lede_jsonl_fn fn, void *user);

/* The id of a JSON Lines record as JSON text (new string): the "id" value
 * as given, or the line number when there is none. */
char *lede_jsonl_id_json(const LedeJsonlRecord *rec);
/* The key that matches ids (new string): id_json itself, except that a
 * string is written one way ("\u00e9" and "é" are one id). */
char *lede_jsonl_id_key(const char *id_json);

#endif
