#include "lede-private.h"

#include "lede-config.h"

#if LEDE_HAVE_HTML

#define LEDE_XML_API_TABLE
#include "xml-api.h"

#include <dlfcn.h>
#include <string.h>

/* libxml2 2.14 changed its soname from libxml2.so.2 to libxml2.so.16; the
 * headers we were built with say which one matches them. */
#if LIBXML_VERSION >= 21400
#define XML_SONAME "libxml2.so.16"
#else
#define XML_SONAME "libxml2.so.2"
#endif

const LedeXmlApi *lede_xml;

static LedeXmlApi table;
static char *load_error;

/* Each entry: its name in libxml2 and its offset in the table. */
#define ENTRY(field, name)                                                                         \
	{                                                                                          \
		name, G_STRUCT_OFFSET(LedeXmlApi, field)                                           \
	}
static const struct {
	const char *name;
	gsize offset;
} entries[] = {
    ENTRY(htmlNewParserCtxt, "htmlNewParserCtxt"),
    ENTRY(htmlCtxtReadMemory, "htmlCtxtReadMemory"),
    ENTRY(htmlFreeParserCtxt, "htmlFreeParserCtxt"),
    ENTRY(htmlCreateMemoryParserCtxt, "htmlCreateMemoryParserCtxt"),
    ENTRY(htmlCtxtUseOptions, "htmlCtxtUseOptions"),
    ENTRY(htmlParseDocument, "htmlParseDocument"),
    ENTRY(xmlSwitchEncoding, "xmlSwitchEncoding"),
    ENTRY(xmlDocGetRootElement, "xmlDocGetRootElement"),
    ENTRY(xmlFreeDoc, "xmlFreeDoc"),
    ENTRY(xmlGetNoNsProp, "xmlGetNoNsProp"),
    ENTRY(xmlInitParser, "xmlInitParser"),
    ENTRY(xmlNodeGetContent, "xmlNodeGetContent"),
    ENTRY(xmlSetGenericErrorFunc, "xmlSetGenericErrorFunc"),
    ENTRY(xmlSetStructuredErrorFunc, "xmlSetStructuredErrorFunc"),
    ENTRY(xmlGenericError_at, "__xmlGenericError"),
    ENTRY(xmlGenericErrorContext_at, "__xmlGenericErrorContext"),
    ENTRY(xmlStructuredError_at, "__xmlStructuredError"),
    ENTRY(xmlStructuredErrorContext_at, "__xmlStructuredErrorContext"),
    ENTRY(xmlNewParserCtxt, "xmlNewParserCtxt"),
    ENTRY(xmlCtxtReadMemory, "xmlCtxtReadMemory"),
    ENTRY(xmlFreeParserCtxt, "xmlFreeParserCtxt"),
    ENTRY(xmlNodeGetBase, "xmlNodeGetBase"),
    ENTRY(xmlBuildURI, "xmlBuildURI"),
    ENTRY(xmlGetNsProp, "xmlGetNsProp"),
    ENTRY(htmlEntityLookup, "htmlEntityLookup"),
    ENTRY(xmlGetDocEntity, "xmlGetDocEntity"),
    ENTRY(xmlFree_var, "xmlFree"),
    ENTRY(xmlParserMaxDepth_var, "xmlParserMaxDepth"),
};

static gpointer load(gpointer unused)
{
	(void)unused;
	/* RTLD_LOCAL: libxml2's symbols stay out of the program's namespace. */
	void *lib = dlopen(XML_SONAME, RTLD_NOW | RTLD_LOCAL);
	if (!lib) {
		load_error = g_strdup(dlerror());
		return NULL;
	}
	for (gsize i = 0; i < G_N_ELEMENTS(entries); i++) {
		void *sym = dlsym(lib, entries[i].name);
		if (!sym) {
			load_error =
			    g_strdup_printf("%s: no symbol %s", XML_SONAME, entries[i].name);
			return NULL;
		}
		/* POSIX: a dlsym result converts to a function pointer. */
		memcpy((char *)&table + entries[i].offset, &sym, sizeof sym);
	}
	/* The library stays loaded for the life of the process. */
	lede_xml = &table;
	table.xmlInitParser();
	return &table;
}

static void silent(void *ctx, const char *msg, ...)
{
	(void)ctx;
	(void)msg;
}

static void silent_structured(void *ctx, xmlErrorPtr e)
{
	(void)ctx;
	(void)e;
}

void lede_xml_quiet(LedeXmlErrors *saved)
{
	saved->generic = *table.xmlGenericError_at();
	saved->generic_ctx = *table.xmlGenericErrorContext_at();
	saved->structured = *table.xmlStructuredError_at();
	saved->structured_ctx = *table.xmlStructuredErrorContext_at();
	table.xmlSetGenericErrorFunc(NULL, silent);
	table.xmlSetStructuredErrorFunc(NULL, silent_structured);
}

void lede_xml_restore(const LedeXmlErrors *saved)
{
	table.xmlSetGenericErrorFunc(saved->generic_ctx, saved->generic);
	table.xmlSetStructuredErrorFunc(saved->structured_ctx, saved->structured);
}

gboolean lede_xml_load(GError **error)
{
	static GOnce once = G_ONCE_INIT;
	if (g_once(&once, load, NULL))
		return TRUE;
	g_set_error(error, LEDE_ERROR, LEDE_ERROR_IO, "HTML support needs libxml2: %s", load_error);
	return FALSE;
}

#endif
