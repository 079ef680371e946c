#include "lede-private.h"
/* STUB: replaced by the tokenizer work. */
struct LedeTokenizer {
	int unused;
};
LedeTokenizer *lede_tokenizer_new(void) { return g_new0(LedeTokenizer, 1); }
void lede_tokenizer_free(LedeTokenizer *tk) { g_free(tk); }
void lede_tokenize(LedeTokenizer *tk, const char *text, gsize len, gsize base, GArray *out)
{
	(void)tk; (void)text; (void)len; (void)base; (void)out;
}
gboolean lede_tokenizer_is_stop(LedeTokenizer *tk, const char *norm, gssize len)
{
	(void)tk; (void)norm; (void)len;
	return FALSE;
}
