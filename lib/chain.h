/* See LICENSE file for copyright and license details. */
#ifndef COPYDESK_CHAIN_H
#define COPYDESK_CHAIN_H
/*
 * chain.h: a chain of engines from words, as the programs, the copydesk
 * command and the library read them. Nothing here prints or exits: a
 * problem is a return code and a message in err.
 */
#include "common/engine.h"

#define CHAIN_MAX 16

enum {
	CHAIN_OK = 0,
	CHAIN_FAIL = 1,         /* a run-time failure (a file) */
	CHAIN_USAGE = 2,        /* a usage error */
	CHAIN_HELP = 3,         /* --help was asked for */
	CHAIN_VERSION = 4,      /* --version was asked for */
};

struct chain_stage {
	const struct engine *e;
	void *obj;
	struct diag d;
	struct rec_filter f;
};

/* What the options of every stage set, to catch two that disagree. */
struct chain_shared {
	const char *jsonl;      /* the --jsonl field given, or NULL */
};

struct chain {
	struct chain_stage st[CHAIN_MAX];
	int n;
	struct rec_opt ro;
	struct chain_shared sh;
	char *mem;              /* the words of the spec */
	const struct engine *bad;       /* the engine a usage error is about */
};

/*
 * Parse argv[1..argc) for engine e into obj and ro: its own options and
 * the shared ones; the operands are left in rest[0..*nrest) (rest has
 * argc + 1 slots). extra, if not NULL, takes the options of e that are not
 * the engine's (the copydesk command's own) and returns like this does.
 */
int chain_options(const struct engine *e, void *obj, struct rec_opt *ro,
                  struct chain_shared *sh, int argc, char **argv, char **rest,
                  int *nrest, int (*extra)(void *arg, int c, const char *a),
                  void *arg, char *err, size_t errsize);

void chain_init(struct chain *c);

/* Read spec ("unmojibake | sentsplit -L de", stages split at '|' or ',')
 * into c, after chain_init: every stage made and given its options.
 * Each stage's messages are kept in its struct diag (d.last), not
 * printed, until the caller sets d.emit. */
int chain_parse(struct chain *c, const char *spec, char *err, size_t errsize);

/* Start every stage (after chain_parse, and any change to c->ro). */
int chain_start(struct chain *c, char *err, size_t errsize);

/* Each stage's finish(); 0 or 1. */
int chain_finish(struct chain *c);
void chain_free(struct chain *c);

#endif
