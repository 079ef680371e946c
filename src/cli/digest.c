#include "cli.h"
/* STUB: replaced by the digest work. */
int lede_cli_digest(int argc, char **argv)
{
	(void)argc; (void)argv;
	cli_error("digest: not implemented");
	return LEDE_EXIT_FAILURE;
}
