/* See LICENSE file for copyright and license details. */
#ifndef COPYDESK_UTIL_H
#define COPYDESK_UTIL_H
/*
 * util.h: allocation and the version, for everything.
 *
 * Diagnostics use err(3)/warn(3) directly: they print "prog: context: reason".
 * Exit codes: 0 success, 1 runtime failure, 2 usage (errx(2, ...)).
 */
#include <stddef.h>

#define LEN(x) (sizeof(x) / sizeof((x)[0]))
#define MIN(a, b) ((a) < (b) ? (a) : (b))
#define MAX(a, b) ((a) > (b) ? (a) : (b))

#define COPYDESK_VERSION "0.2.0"

void *emalloc(size_t n);
void *ecalloc(size_t nmemb, size_t size);
void *erealloc(void *p, size_t n);
char *estrdup(const char *s);

#endif
