/* Japanese: words are not spaced; the segmenter ends sentences at 。！？
 * without a space, and tokens are pairs of characters. */
#include "lang.h"

const LedeLang *lede_lang_ja(void)
{
	static const LedeLang ja = {
	    .code = "ja",
	    .model = "ja.ldf",
	    .caseless = TRUE,
	    .cjk = TRUE,
	    .headline_max = LEDE_HEADLINE_CJK,
	};
	return &ja;
}
