/* See LICENSE file for copyright and license details. */
#ifndef COPYDESK_UTIL_H
#define COPYDESK_UTIL_H
/*
 * util.h: allocation, two byte searches and the version, for everything.
 *
 * Diagnostics go through struct diag (diag.h): "prog: context: reason".
 * Exit codes: 0 success, 1 runtime failure, 2 usage.
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

/* memrchr and memmem, which POSIX lacks (common/mem.c) */
void *mem_rchr(const void *s, int c, size_t n);
void *mem_mem(const void *hay, size_t n, const void *needle, size_t k);

#endif
