#include "lede-private.h"
/* STUB: replaced by the headline work. */
char *lede_headline(const LedeAnalysis *a, guint max_bytes) { (void)a; (void)max_bytes; return NULL; }
