/* libxml2, loaded when the first page is read, not when lede starts.
 *
 * Linked as a dependency, libxml2 brings ICU and libstdc++ into every
 * process: their relocations took 3.3 million instructions at start-up, one
 * and a half times all of a one-article run on plain text (2.2 million). So
 * the library and the program do not link it; html.c and extract.c include
 * this header after libxml2's own, and their calls go through a table that
 * lede_xml_load fills with dlopen and dlsym, once per process.
 *
 * The macros below give each function libxml2's own name, so the code reads
 * as libxml2's documentation does. Variables (xmlFree, xmlParserMaxDepth) are
 * reached through their address. */
#ifndef LEDE_XML_API_H
#define LEDE_XML_API_H

#include <glib.h>
#include <libxml/HTMLparser.h>
#include <libxml/globals.h>
#include <libxml/parserInternals.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>
#include <libxml/xmlmemory.h>

typedef struct {
	htmlParserCtxtPtr (*htmlNewParserCtxt)(void);
	htmlDocPtr (*htmlCtxtReadMemory)(htmlParserCtxtPtr, const char *, int, const char *,
	                                 const char *, int);
	void (*htmlFreeParserCtxt)(htmlParserCtxtPtr);
	htmlParserCtxtPtr (*htmlCreateMemoryParserCtxt)(const char *, int);
	int (*htmlCtxtUseOptions)(htmlParserCtxtPtr, int);
	int (*htmlParseDocument)(htmlParserCtxtPtr);
	int (*xmlSwitchEncoding)(xmlParserCtxtPtr, xmlCharEncoding);
	xmlNodePtr (*xmlDocGetRootElement)(const xmlDoc *);
	void (*xmlFreeDoc)(xmlDocPtr);
	xmlChar *(*xmlGetNoNsProp)(const xmlNode *, const xmlChar *);
	void (*xmlInitParser)(void);
	xmlChar *(*xmlNodeGetContent)(const xmlNode *);
	void (*xmlSetGenericErrorFunc)(void *, xmlGenericErrorFunc);
	void (*xmlSetStructuredErrorFunc)(void *, xmlStructuredErrorFunc);
	xmlGenericErrorFunc *(*xmlGenericError_at)(void);
	void **(*xmlGenericErrorContext_at)(void);
	xmlStructuredErrorFunc *(*xmlStructuredError_at)(void);
	void **(*xmlStructuredErrorContext_at)(void);
	/* the feed reader (src/cli/feed.c): XML proper */
	xmlParserCtxtPtr (*xmlNewParserCtxt)(void);
	xmlDocPtr (*xmlCtxtReadMemory)(xmlParserCtxtPtr, const char *, int, const char *,
	                               const char *, int);
	void (*xmlFreeParserCtxt)(xmlParserCtxtPtr);
	xmlChar *(*xmlNodeGetBase)(const xmlDoc *, const xmlNode *);
	xmlChar *(*xmlBuildURI)(const xmlChar *, const xmlChar *);
	xmlChar *(*xmlGetNsProp)(const xmlNode *, const xmlChar *, const xmlChar *);
	const htmlEntityDesc *(*htmlEntityLookup)(const xmlChar *);
	xmlEntityPtr (*xmlGetDocEntity)(const xmlDoc *, const xmlChar *);
	xmlFreeFunc *xmlFree_var;
	unsigned int *xmlParserMaxDepth_var;
} LedeXmlApi;

/* The table, after lede_xml_load has returned TRUE. */
extern const LedeXmlApi *lede_xml;

/* Loads libxml2 the first time (thread-safe); FALSE with error
 * (LEDE_ERROR_IO, "HTML support needs libxml2: REASON") when it cannot. */
gboolean lede_xml_load(GError **error);

/* libxml2 reports some errors (character sets) on stderr whatever the
 * parse options say, and a library prints nothing: lede_xml_quiet silences
 * this thread's handlers (they are per thread) around a parse, keeping
 * them in saved; lede_xml_restore puts them back. */
typedef struct {
	xmlGenericErrorFunc generic;
	void *generic_ctx;
	xmlStructuredErrorFunc structured;
	void *structured_ctx;
} LedeXmlErrors;
void lede_xml_quiet(LedeXmlErrors *saved);
void lede_xml_restore(const LedeXmlErrors *saved);

/* xml-api.c, which fills the table, names its fields without these. */
#ifndef LEDE_XML_API_TABLE
#undef xmlGenericError
#undef xmlGenericErrorContext
#undef xmlStructuredError
#undef xmlStructuredErrorContext
#undef xmlFree
#define htmlNewParserCtxt (lede_xml->htmlNewParserCtxt)
#define htmlCtxtReadMemory (lede_xml->htmlCtxtReadMemory)
#define htmlFreeParserCtxt (lede_xml->htmlFreeParserCtxt)
#define htmlCreateMemoryParserCtxt (lede_xml->htmlCreateMemoryParserCtxt)
#define htmlCtxtUseOptions (lede_xml->htmlCtxtUseOptions)
#define htmlParseDocument (lede_xml->htmlParseDocument)
#define xmlSwitchEncoding (lede_xml->xmlSwitchEncoding)
#define xmlDocGetRootElement (lede_xml->xmlDocGetRootElement)
#define xmlFreeDoc (lede_xml->xmlFreeDoc)
#define xmlGetNoNsProp (lede_xml->xmlGetNoNsProp)
#define xmlInitParser (lede_xml->xmlInitParser)
#define xmlNodeGetContent (lede_xml->xmlNodeGetContent)
#define xmlSetGenericErrorFunc (lede_xml->xmlSetGenericErrorFunc)
#define xmlSetStructuredErrorFunc (lede_xml->xmlSetStructuredErrorFunc)
#define xmlGenericError (*lede_xml->xmlGenericError_at())
#define xmlGenericErrorContext (*lede_xml->xmlGenericErrorContext_at())
#define xmlStructuredError (*lede_xml->xmlStructuredError_at())
#define xmlStructuredErrorContext (*lede_xml->xmlStructuredErrorContext_at())
#define xmlNewParserCtxt (lede_xml->xmlNewParserCtxt)
#define xmlCtxtReadMemory (lede_xml->xmlCtxtReadMemory)
#define xmlFreeParserCtxt (lede_xml->xmlFreeParserCtxt)
#define xmlNodeGetBase (lede_xml->xmlNodeGetBase)
#define xmlBuildURI (lede_xml->xmlBuildURI)
#define xmlGetNsProp (lede_xml->xmlGetNsProp)
#define htmlEntityLookup (lede_xml->htmlEntityLookup)
#define xmlGetDocEntity (lede_xml->xmlGetDocEntity)
#define xmlFree (*lede_xml->xmlFree_var)
#define xmlParserMaxDepth (*lede_xml->xmlParserMaxDepth_var)
#endif

#endif
