#include "lede-private.h"
/* STUB: replaced by the model work. */
struct lede_model {
	int unused;
};
struct lede_model_builder {
	guint64 docs;
};
lede_model *lede_model_open(const char *path, GError **error)
{
	g_set_error(error, LEDE_ERROR, LEDE_ERROR_FAILED, "%s: not implemented", path);
	return NULL;
}
lede_model *lede_model_new_from_bytes(GBytes *bytes, const char *origin, GError **error)
{
	(void)bytes;
	g_set_error(error, LEDE_ERROR, LEDE_ERROR_FAILED, "%s: not implemented", origin);
	return NULL;
}
lede_model *lede_model_open_default(GError **error)
{
	return g_new0(lede_model, 1);
	(void)error;
}
void lede_model_free(lede_model *model) { g_free(model); }
guint64 lede_model_n_docs(const lede_model *model) { (void)model; return 0; }
guint64 lede_model_n_terms(const lede_model *model) { (void)model; return 0; }
guint64 lede_model_df(const lede_model *model, const char *term, gssize len) { (void)model; (void)term; (void)len; return 0; }
double lede_model_idf(const lede_model *model, const char *term, gssize len) { (void)model; (void)term; (void)len; return 1.0; }
const char *lede_model_provenance(const lede_model *model) { (void)model; return "{}"; }
gboolean lede_model_dump(const lede_model *model, FILE *out, lede_dump_format format, GError **error)
{
	(void)model; (void)out; (void)format; (void)error;
	return TRUE;
}
lede_model_builder *lede_model_builder_new(void) { return g_new0(lede_model_builder, 1); }
void lede_model_builder_free(lede_model_builder *b) { g_free(b); }
void lede_model_builder_add_document(lede_model_builder *b, const char *text, gsize len) { (void)text; (void)len; b->docs++; }
gboolean lede_model_builder_add_path(lede_model_builder *b, const char *path, GError **error) { (void)b; (void)path; (void)error; return TRUE; }
gboolean lede_model_builder_merge(lede_model_builder *b, const lede_model *m, GError **error) { (void)b; (void)m; (void)error; return TRUE; }
guint64 lede_model_builder_n_docs(const lede_model_builder *b) { return b->docs; }
gboolean lede_model_builder_write(lede_model_builder *b, const char *path, GError **error) { (void)b; (void)path; (void)error; return TRUE; }
