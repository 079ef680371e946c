#include "lede-private.h"
/* STUB: replaced by the ROUGE work. */
char *lede_porter_stem(const char *word, gssize len) { return g_strndup(word, len < 0 ? strlen(word) : (gsize)len); }
