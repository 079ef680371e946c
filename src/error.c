#include "lede-private.h"

#include <stddef.h>

#include "lede-config.h"

G_DEFINE_QUARK(lede - error - quark, lede_error)

const char *lede_version(void)
{
	return LEDE_VERSION_STRING;
}

struct lede_embedded {
	const char *name, *start, *end;
};
extern const struct lede_embedded lede_embedded[]; /* lede-data.c, made by src/embed.py */

GBytes *lede_resource(const char *name)
{
	for (const struct lede_embedded *e = lede_embedded; e->name; e++)
		if (strcmp(e->name, name) == 0)
			return g_bytes_new_static(e->start, (gsize)(e->end - e->start));
	return NULL;
}

gboolean lede_options_init(lede_options *options, unsigned version, GError **error)
{
	/* Version 1's struct ends where lang, added in version 2, begins. */
	gsize size = version == 1                      ? offsetof(lede_options, lang)
	             : version == LEDE_OPTIONS_VERSION ? sizeof *options
	                                               : 0;
	if (!size) {
		g_set_error(error, LEDE_ERROR, LEDE_ERROR_INVALID,
		            "lede_options version %u unknown (this library: %u)", version,
		            LEDE_OPTIONS_VERSION);
		return FALSE;
	}
	memset(options, 0, size);
	options->version = version;
	options->limit = LEDE_LIMIT_SENTENCES;
	options->limit_value = 3;
	options->want_kicker = TRUE;
	options->want_headline = TRUE;
	options->headline_max = 75;
	options->n_keyphrases = 0;
	return TRUE;
}
