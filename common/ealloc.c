/* See LICENSE file for copyright and license details. */
#include <err.h>
#include <stdlib.h>
#include <string.h>

#include "common/util.h"

void *
emalloc(size_t n)
{
	void *p;

	if (!(p = malloc(n ? n : 1)))
		err(1, "malloc");
	return p;
}

void *
ecalloc(size_t nmemb, size_t size)
{
	void *p;

	if (!(p = calloc(nmemb ? nmemb : 1, size ? size : 1)))
		err(1, "calloc");
	return p;
}

void *
erealloc(void *p, size_t n)
{
	if (!(p = realloc(p, n ? n : 1)))
		err(1, "realloc");
	return p;
}

char *
estrdup(const char *s)
{
	char *p;

	if (!(p = strdup(s)))
		err(1, "strdup");
	return p;
}
