/* See LICENSE file for copyright and license details. */
#ifndef COPYDESK_CLI_H
#define COPYDESK_CLI_H
/*
 * cli.h: the programs. Each filter's program is cli_filter() over its
 * engine; copydesk is cli_chain() over any of them.
 */
#include "common/engine.h"
#include "common/io.h"

extern struct buf *out;     /* stdout, set up by io_init() (stdout.c) */

void io_init(void);
int io_close_stdout(void);  /* flush and close stdout; 0 or exits 1 */

int cli_filter(const struct engine *e, int argc, char **argv);
int cli_chain(int argc, char **argv);

#endif
