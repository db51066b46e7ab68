/* See LICENSE file for copyright and license details. */
/* The main of each filter's program, built with -DENGINE=<name>_engine. */
#include "cli/cli.h"

int
main(int argc, char *argv[])
{
	return cli_filter(&ENGINE, argc, argv);
}
