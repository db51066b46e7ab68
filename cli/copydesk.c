/* See LICENSE file for copyright and license details. */
/* copydesk: a chain of filters in one process. */
#include "cli/cli.h"

int
main(int argc, char *argv[])
{
	return cli_chain(argc, argv);
}
