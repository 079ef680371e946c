/* What the fuzz targets share (fuzz-util.c): each file fuzz-NAME.c defines
 * LLVMFuzzerTestOneInput, built for libFuzzer with -Dfuzz=true and with
 * replay.c for the unit suite (README.md). */
#ifndef LEDE_FUZZ_H
#define LEDE_FUZZ_H

#include <glib.h>
#include <stdint.h>
#include <stdlib.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Aborts with "fuzz: what" when ok is false: a broken invariant is a
 * finding, as a sanitizer report is. */
void fuzz_check(gboolean ok, const char *what);

/* Writes data to this process's scratch file (in /dev/shm when it can, as
 * it is rewritten for every input) and returns its path, for readers that
 * take a path. The file is removed at exit. n picks one of two files. */
const char *fuzz_file(guint n, const void *data, gsize size);

/* The scratch file n's path, whatever it holds (for writers to fill). */
const char *fuzz_file_path(guint n);

/* s parsed as exactly one JSON value (nothing after it), or NULL. */
struct cJSON *fuzz_json_parse(const char *s);

#endif
