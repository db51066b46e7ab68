/* See LICENSE file for copyright and license details. */
#ifndef COPYDESK_EACH_H
#define COPYDESK_EACH_H
/* each.h: copydesk --each, the batch runner's worker (see each.c). */
#include <stddef.h>

#include "common/diag.h"
#include "common/rec.h"

#define EACH_MAXSTAGES 16

struct each {
	const char *dir;                /* the runner's state directory */
	struct diag *d;                 /* the worker's own messages */
	size_t nst;                     /* the chain, started */
	struct rec_filter *f[EACH_MAXSTAGES];
	struct diag *sd[EACH_MAXSTAGES];
	const char *names[EACH_MAXSTAGES];
	int stats;                      /* --stats=json: DIR/stats.jsonl */
	const char *reject;             /* --reject given: DIR/rejects/ */
	char prog[EACH_MAXSTAGES][512]; /* "shard: engine", for messages */
};

/* Take shards from e->dir until none is left; 0, or 1 if one failed. */
int each_run(struct each *e, struct rec_opt *ro);

#endif
