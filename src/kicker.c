#include "lede-private.h"
/* STUB: replaced by the kicker work. */
void lede_keyphrases(const LedeAnalysis *a, guint n, GPtrArray *out) { (void)a; (void)n; (void)out; }
char *lede_kicker_from_phrase(const char *phrase) { return g_utf8_strup(phrase, -1); }
