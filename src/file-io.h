/* Reading inputs and writing outputs, shared by the library (corpus build's
 * reader and model writer) and the CLI: file-io.c is compiled into both, the
 * library's copy hidden, so both follow one set of rules. */
#ifndef LEDE_FILE_IO_H
#define LEDE_FILE_IO_H

#include <glib.h>

/* The largest input lede reads into memory: 1 GiB. Inputs are held whole
 * (and a summary needs several times their size in tokens and sentences),
 * and GLib's arrays stop at 4 GiB with an abort, not an error. No article,
 * feed file or evaluation set comes near it; a larger corpus is given to
 * `corpus build` as several files or a folder. */
#define LEDE_MAX_INPUT_BYTES ((gsize)1 << 30)

/* The limit in force: LEDE_MAX_INPUT_BYTES, or the environment variable of
 * the same name when it holds a smaller whole number of bytes (tests use
 * it to check the limit without writing a gigabyte; it cannot raise it). */
gsize lede_input_limit(void);
/* Sets error to "too large (limit 1 GiB)". */
void lede_set_too_large(GError **error);

/* Reads fd to its end into *data (NUL-terminated; *len excludes the NUL).
 * stop_at_nul: stop after the first block that holds a NUL byte, for
 * callers that refuse binary data anyway (/dev/zero never ends). Fails past
 * lede_input_limit() with lede_set_too_large's message; other errors give
 * only the reason ("Is a directory"). */
gboolean lede_read_fd(int fd, gboolean stop_at_nul, char **data, gsize *len, GError **error);

/* Writes data to path so that a reader sees the old file or the new one,
 * never a mix, when path is (or will be) a regular file: a temporary file
 * beside it, fsync, rename. A link is followed: the file it points to is
 * replaced and the link stays. A replaced file keeps its mode, and its
 * owner and group where the user may set them (root). Anything else is
 * written in place: character devices (/dev/null), FIFOs, and the
 * process's own descriptors (/dev/stdout, /dev/stderr, /dev/fd/N,
 * /proc/self/fd/N), which are written at their current offset.
 * Temporary files are named .NAME.lede-tmp-XXXXXX and locked while written:
 * one that nobody holds a lock on is the remains of a killed run, and the
 * next write of NAME removes it. The error is only the reason. */
gboolean lede_write_file(const char *path, const char *data, gsize len, GError **error);

#endif
