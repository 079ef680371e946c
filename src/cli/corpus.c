#include "cli.h"
/* STUB: replaced by the model work. */
int lede_cli_corpus(int argc, char **argv)
{
	(void)argc; (void)argv;
	cli_error("corpus: not implemented");
	return LEDE_EXIT_FAILURE;
}
