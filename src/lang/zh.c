/* Chinese: as Japanese (ja.c), with no corpus to build a model from. */
#include "lang.h"

const LedeLang *lede_lang_zh(void)
{
	static const LedeLang zh = {
	    .code = "zh",
	    .caseless = TRUE,
	    .cjk = TRUE,
	    .headline_max = LEDE_HEADLINE_CJK,
	};
	return &zh;
}
