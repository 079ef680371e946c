/* Arabic: no case, no abbreviations with periods to speak of; the
 * segmenter knows ؟ and ۔ as sentence ends and ، ؛ as inner punctuation. */
#include "lang.h"

const LedeLang *lede_lang_ar(void)
{
	static const LedeLang ar = {
	    .code = "ar",
	    .stemmer = "arabic",
	    .stopwords = "stopwords-ar.txt",
	    .model = "ar.ldf",
	    .caseless = TRUE,
	    .headline_max = LEDE_HEADLINE_ARABIC,
	};
	return &ar;
}
