/* See LICENSE file for copyright and license details. */
#ifndef COPYDESK_UTIL_H
#define COPYDESK_UTIL_H
/*
 * util.h: allocation, number parsing, help and version for every filter.
 *
 * Diagnostics use err(3)/warn(3) directly: they print "prog: context: reason".
 * Exit codes: 0 success, 1 runtime failure, 2 usage (errx(2, ...)).
 */
#include <stddef.h>

#define LEN(x) (sizeof(x) / sizeof((x)[0]))
#define MIN(a, b) ((a) < (b) ? (a) : (b))
#define MAX(a, b) ((a) > (b) ? (a) : (b))

#define COPYDESK_VERSION "0.1.0"

void *emalloc(size_t n);
void *ecalloc(size_t nmemb, size_t size);
void *erealloc(void *p, size_t n);
char *estrdup(const char *s);

/* Parse a decimal integer in [min, max]; on failure errx(2, ...) naming opt. */
long long estrtonum(const char *s, long long min, long long max, const char *opt);

/* Print "usage: ..." plus the option summary to stdout and exit 0. */
__attribute__((noreturn)) void help_exit(const char *usage, const char *options);
/* Print "usage: ..." to stderr and exit 2. */
__attribute__((noreturn)) void usage_exit(const char *usage);
/* Print "prog (copydesk) VERSION" to stdout and exit 0. */
__attribute__((noreturn)) void version_exit(void);

#endif
