/* See LICENSE file for copyright and license details. */
#ifndef COPYDESK_OPT_H
#define COPYDESK_OPT_H
/*
 * opt.h: a reentrant getopt_long.
 *
 * getopt_long(3) keeps its place in globals (optind, optarg), so two
 * threads, or a library handle built while a program parses its own
 * arguments, would trample each other. opt_next keeps it in a struct and
 * otherwise behaves as GNU getopt_long does for our programs: short
 * options may be grouped (-mz) and take their argument attached or as the
 * next word (-Lde, -L de); long options take "=value", or the next word
 * when the argument is required, and may be abbreviated to any unique
 * prefix; options and operands may be mixed (operands are collected in
 * order); "--" ends the options. Messages are left in s->err for the
 * caller to print, without a program name.
 */
#include <stddef.h>

enum { OPT_NONE, OPT_REQUIRED, OPT_OPTIONAL };

struct opt_long {
	const char *name;
	int has_arg;            /* OPT_NONE, OPT_REQUIRED, OPT_OPTIONAL */
	int val;                /* what opt_next returns */
};

struct opt_state {
	int argc;
	char **argv;
	int ind;                /* the next word to read */
	const char *group;      /* the rest of a group of short options */
	const char *arg;        /* the option's argument, or NULL */
	char **rest;            /* the operands, in order (argc + 1 slots) */
	int nrest;
	char err[160];          /* why opt_next returned '?' */
};

/* rest must have room for argc + 1 pointers. */
void opt_init(struct opt_state *s, int argc, char **argv, char **rest);

/* The next option's value, '?' (s->err says why), or -1 at the end, when
 * s->rest[0..s->nrest) holds the operands and s->rest[s->nrest] is NULL.
 * shortopts as in getopt(3) ("L:hz"); longs ends with a NULL name and may
 * be NULL. */
int opt_next(struct opt_state *s, const char *shortopts,
             const struct opt_long *longs);

/* Parse a decimal integer in [min, max] into *v; 0, or -1 with a message
 * naming opt in err. */
int opt_num(const char *s, long long min, long long max, const char *opt,
            long long *v, char *err, size_t errsize);

/* Parse a size: a decimal number with an optional K, M or G suffix
 * (powers of 1024), in [min, max]; 0, or -1 with a message in err. */
int opt_size(const char *s, unsigned long long min, unsigned long long max,
             const char *opt, unsigned long long *v, char *err,
             size_t errsize);

#endif
