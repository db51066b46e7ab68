/* See LICENSE file for copyright and license details. */
#ifndef COPYDESK_CLI_H
#define COPYDESK_CLI_H
/*
 * cli.h: the programs. Each filter's program is cli_filter() over its
 * engine; copydesk is cli_chain() over any of them.
 */
#include "common/engine.h"

int cli_filter(const struct engine *e, int argc, char **argv);
int cli_chain(int argc, char **argv);

#endif
