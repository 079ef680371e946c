/* PLACEHOLDER: replaced by the module's own tests. */
#include "lede-private.h"
#include "testutil.h"

int main(int argc, char **argv)
{
	g_test_init(&argc, &argv, NULL);
	return g_test_run();
}
