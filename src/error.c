#include "lede-private.h"

#include <gio/gio.h>

#include "lede-config.h"
#include "lede-resources.h"

G_DEFINE_QUARK(lede-error-quark, lede_error)

const char *lede_version(void)
{
	return LEDE_VERSION_STRING;
}

GBytes *lede_resource(const char *name)
{
	/* Asking the generated accessor (rather than the global registry) keeps
	 * the resource object linked in from the static archive too. The bytes
	 * point into the library's read-only data: nothing is copied. */
	char *path = g_strconcat("/org/lede/", name, NULL);
	GBytes *bytes = g_resource_lookup_data(lede_get_resource(), path, G_RESOURCE_LOOKUP_FLAGS_NONE, NULL);
	g_free(path);
	return bytes;
}

void lede_options_init(lede_options *options)
{
	memset(options, 0, sizeof *options);
	options->version = LEDE_OPTIONS_VERSION;
	options->limit = LEDE_LIMIT_SENTENCES;
	options->limit_value = 3;
	options->want_kicker = TRUE;
	options->want_headline = TRUE;
	options->headline_max = 75;
	options->n_keyphrases = 0;
}
