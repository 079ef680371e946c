/* Shared by the CLI's subcommands: messages, exit codes, file reading. */
#ifndef LEDE_CLI_H
#define LEDE_CLI_H

#include <cjson/cJSON.h>
#include <lede.h>

#include "jsonl.h"

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
/* The one option parser of every command: parses argv (argc entries,
 * argv[0] the program) with ctx, whose main entries are entries. "-n3"
 * means "-n 3" for every short option that takes a value, as with head(1)
 * (GOption alone reads it as the options -n and -3), and a string option's
 * value that is not text in the locale's encoding is a usage error naming
 * the option (GOption's own message names none). Returns -1 with *rest set
 * to the arguments GOption left, argv[0] first (free with g_strfreev), or
 * the exit code of a usage error. */
int cli_parse_options(GOptionContext *ctx, const GOptionEntry *entries, const char *subcommand,
                      int argc, char **argv, char ***rest);
/* Reads a whole file, "-" meaning standard input. The error message is only
 * the reason ("No such file or directory"); callers prefix "lede: PATH: ".
 * Inputs past LEDE_MAX_INPUT_BYTES (1 GiB) fail: "too large (limit 1 GiB)". */
gboolean cli_read_file(const char *path, char **data, gsize *len, GError **error);
/* cli_read_file for an article, which NUL bytes make binary: reading stops
 * after the first block holding one (data then holds it, for the caller's
 * "binary file"), so /dev/zero or /dev/urandom end at once. */
gboolean cli_read_document(const char *path, char **data, gsize *len, GError **error);
/* Writes data to path: atomically (temporary file beside it, fsync, rename)
 * for a regular file, keeping its mode and owner; in place for devices,
 * FIFOs and /dev/stdout. See lede_write_file in src/file-io.h. */
gboolean cli_write_file_atomic(const char *path, const char *data, gsize len, GError **error);

/* Flushes standard output; on failure reports "lede: write error: REASON"
 * (once per run) and returns FALSE. */
gboolean cli_flush_stdout(void);
/* For atexit: flushes and closes standard output, and on a write error
 * not yet reported reports it; any write error makes the exit status 1,
 * whatever the command returned (--help, --version included). */
void cli_close_stdout(void);
/* Registers cli_close_stdout, and keeps the reason of g_print's failures. */
void cli_check_stdout_at_exit(void);

/* text[0..len) (len -1: to its NUL) appended to out as HTML text or an
 * attribute value: valid UTF-8 (bad bytes as U+FFFD), & < > " ' as
 * references, control characters but tab and newline as U+FFFD (HTML
 * forbids them). Pages are written by the digest and eval --report. */
void cli_html_escape(GString *out, const char *text, gssize len);

/* Markdown to plain text (markdown.c): headings out (*title gets the first
 * "# " heading, or NULL), emphasis, links and images to their text or out,
 * code fences, tables and rules out. New string. */
char *cli_markdown_to_text(const char *md, gsize len, char **title);

int lede_cli_eval(int argc, char **argv);
int lede_cli_corpus(int argc, char **argv);
int lede_cli_digest(int argc, char **argv);

#endif
