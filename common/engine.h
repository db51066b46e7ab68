/* See LICENSE file for copyright and license details. */
#ifndef COPYDESK_ENGINE_H
#define COPYDESK_ENGINE_H
/*
 * engine.h: what a filter is to the programs, the chain and the library.
 *
 * Each filter is an engine: all its working state in one object made by
 * create(), nothing mutable at file scope (read-only tables built once
 * are fine), options taken one by one through option() with the same
 * letters as its program, then start() hands the record reader its
 * struct rec_filter. The same object serves a program (cli/), a stage of
 * the one-process chain (copydesk) and a library handle (lib/), so an
 * engine never prints, never exits and never touches stdout: it warns
 * through its struct diag and returns an error.
 *
 * Return codes of option() and start(): 0 ok, 1 a run-time failure (a
 * file could not be read), 2 a usage error; the engine has said why
 * through d.
 */
#include "diag.h"
#include "opt.h"
#include "rec.h"

struct engine {
	const char *name;
	const char *synopsis;   /* the usage line without "usage: " */
	const char *help;       /* its own options, for --help */
	const char *shortopts;  /* its own, as in getopt(3); never h or z */
	const struct opt_long *longopts;        /* its own; NULL name ends */
	void *(*create)(struct diag *d);
	int (*option)(void *e, int c, const char *arg);
	/* After the options: check them, build what they need, and fill f
	 * (f->ctx is e); o is the run's, and stays valid while e lives. */
	int (*start)(void *e, const struct rec_opt *o, struct rec_filter *f);
	/* After the last record (unboiler -l writes its counts): 0 or 1. */
	int (*finish)(void *e);
	void (*destroy)(void *e);
	/* Optional: a word of the stage that is not an option ("apply
	 * sentsplit"); without it a stage takes none. */
	int (*operand)(void *e, const char *arg);
};

extern const struct engine apply_engine;
extern const struct engine quotetag_engine;
extern const struct engine sentsplit_engine;
extern const struct engine unboiler_engine;
extern const struct engine unmojibake_engine;

/* The engines the chain and the library know, ended by NULL. */
extern const struct engine *const engines[];
const struct engine *engine_find(const char *name);

#endif
