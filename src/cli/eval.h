/* lede eval's readers, for the fuzzers (tests/fuzz/fuzz-eval.c) and tests:
 * the rest of eval.c is the command. */
#ifndef LEDE_EVAL_H
#define LEDE_EVAL_H

#include "cli.h"

typedef enum { TARGET_SUMMARY, TARGET_HEADLINE, TARGET_KICKER } Target;

/* One line of a references file. */
typedef struct {
	char *id_json; /* the id's JSON text as given, echoed in the output */
	char *key;     /* lede_jsonl_id_key of it: what predictions are matched by */
	char **refs;   /* references, or keyphrases for the kicker target */
	char *text;    /* the article: always in the dataset form, when given for --report */
	guint lineno;
} RefItem;

/* Reads a references file (dataset: with each item's "text") as `lede eval`
 * does for target, messages on stderr. On success, *items holds the items
 * in file order (free with g_ptr_array_free) and *by_id maps each id's JSON
 * text to its item (free first; it owns nothing). */
gboolean eval_load_references(const char *path, Target target, gboolean dataset, GPtrArray **items,
                              GHashTable **by_id);
/* Reads a predictions file: id JSON text -> prediction text (both owned by
 * the table), or NULL after messages on stderr. */
GHashTable *eval_load_predictions(const char *path, Target target);

/* pred as it is scored (new string): its first words words, then its
 * first bytes bytes (ROUGE-1.5.5's -l and -b); -1: no such cut. */
char *eval_truncate(const char *pred, gssize words, gssize bytes);

#endif
