#include "cli.h"
/* STUB: replaced by the ROUGE work. */
int lede_cli_eval(int argc, char **argv)
{
	(void)argc; (void)argv;
	cli_error("eval: not implemented");
	return LEDE_EXIT_FAILURE;
}
