/* Shared by the CLI's subcommands: messages, exit codes, file reading. */
#ifndef LEDE_CLI_H
#define LEDE_CLI_H

#include <cjson/cJSON.h>
#include <lede.h>

enum {
	LEDE_EXIT_OK = 0,
	LEDE_EXIT_FAILURE =
	    1, /* a runtime error (bad file, bad line); output still written for the rest */
	LEDE_EXIT_USAGE = 2, /* bad command line: nothing done */
};

/* "lede: " + message on stderr. */
void cli_error(const char *fmt, ...) G_GNUC_PRINTF(1, 2);
/* "lede: message" then "Try 'lede [SUBCOMMAND] --help'." on stderr; returns LEDE_EXIT_USAGE. */
int cli_usage_error(const char *subcommand, const char *fmt, ...) G_GNUC_PRINTF(2, 3);
/* OPTION's value as a whole number in [min, max] into *out: 0, or a usage
 * error ("OPTION: expected a whole number from MIN to MAX, got 'VALUE'"). */
int cli_usage_number(const char *subcommand, const char *option, const char *value, guint min,
                     guint max, unsigned *out);
/* OPTION's value as one of the NULL-terminated names: its index into *out
 * and 0, or a usage error ("OPTION: expected a, b or c, got 'VALUE'"). */
int cli_usage_choice(const char *subcommand, const char *option, const char *value,
                     const char *const *names, int *out);
/* Reads a whole file, "-" meaning standard input. The error message is only
 * the reason ("No such file or directory"); callers prefix "lede: PATH: ". */
gboolean cli_read_file(const char *path, char **data, gsize *len, GError **error);
/* Writes data to path atomically: temporary file in the same folder, fsync, rename. */
gboolean cli_write_file_atomic(const char *path, const char *data, gsize len, GError **error);

/* One line of JSON Lines, parsed by cli_jsonl_parse. */
typedef struct {
	cJSON *obj;        /* the object, or NULL when error is set */
	const char *error; /* "invalid JSON" or "not a JSON object", or NULL */
	guint lineno;      /* from 1 */
	/* The top-level "id" value's own JSON text, whitespace outside its
	 * strings left out, or NULL: cJSON reads numbers as doubles, which
	 * rounds ids past 2^53 and turns 1e999 into null. */
	char *id;
	/* The "text" string has an escaped NUL, where cJSON's C string ends. */
	gboolean text_nul;
} CliJsonlRecord;

/* Parses line (len bytes, no newline, need not end in NUL) as a JSON object,
 * strictly: besides what cJSON rejects, a control byte raw inside a string or
 * outside JSON's white space, a number JSON does not allow (+1, .5, 01) and
 * anything but white space after the object make the line invalid. Free
 * with cli_jsonl_record_clear. */
void cli_jsonl_parse(const char *line, gsize len, guint lineno, CliJsonlRecord *rec);
void cli_jsonl_record_clear(CliJsonlRecord *rec);

/* Iterates the lines of a JSON Lines buffer. Blank lines are skipped. For
 * each other line, calls fn with the parsed record (rec->obj NULL and
 * rec->error set when the line is not valid JSON or not an object).
 * Returning FALSE from fn stops. */
typedef gboolean (*cli_jsonl_fn)(const CliJsonlRecord *rec, void *user);
void cli_jsonl_foreach(const char *data, gsize len, cli_jsonl_fn fn, void *user);

/* The id of a JSON Lines record as JSON text (new string): the "id" value
 * as given, or the line number when there is none. */
char *cli_id_json(const CliJsonlRecord *rec);
/* The key that matches ids (new string): id_json itself, except that a
 * string is written one way ("\u00e9" and "é" are one id). */
char *cli_id_key(const char *id_json);

int lede_cli_eval(int argc, char **argv);
int lede_cli_corpus(int argc, char **argv);
int lede_cli_digest(int argc, char **argv);

#endif
