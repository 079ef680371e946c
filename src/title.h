/* Titles as pages give them: private to the library and its programs (the
 * digest, the web-page extractor), not API. */
#ifndef LEDE_TITLE_H
#define LEDE_TITLE_H

#include <glib.h>

/* The title without a trailing site name ("Council approves rebuild -
 * Example News" -> "Council approves rebuild"), newly allocated; the title
 * as it is when it has none. title is valid UTF-8. */
char *lede_title_strip_site(const char *title);

#endif /* LEDE_TITLE_H */
