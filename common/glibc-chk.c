/* See LICENSE file for copyright and license details. */
/*
 * glibc-chk.c: the checked calls of glibc's _FORTIFY_SOURCE, for a build
 * with another libc (make musl). Debian compiles the archives of its -dev
 * packages against glibc with _FORTIFY_SOURCE=2, so a few of their calls
 * go to glibc's checked entry points, which musl does not have. Each one
 * here makes glibc's check (the object the compiler saw is at least as
 * large as the call says) and then the plain call. Not part of the
 * library, and not in a glibc build.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* declared here: no libc header has them outside glibc */
void *__memcpy_chk(void *, const void *, size_t, size_t);
char *__strncpy_chk(char *, const char *, size_t, size_t);
int __vsnprintf_chk(char *, size_t, int, size_t, const char *, va_list);
int __snprintf_chk(char *, size_t, int, size_t, const char *, ...);
int __fprintf_chk(FILE *, int, const char *, ...);

/* the object is smaller than the call says: glibc aborts too */
static void
overflow(const char *fn)
{
	fprintf(stderr, "%s: buffer overflow detected\n", fn);
	abort();
}

void *
__memcpy_chk(void *d, const void *s, size_t n, size_t dlen)
{
	if (n > dlen)
		overflow("memcpy");
	return memcpy(d, s, n);
}

char *
__strncpy_chk(char *d, const char *s, size_t n, size_t dlen)
{
	if (n > dlen)
		overflow("strncpy");
	return strncpy(d, s, n);
}

/* flag asks glibc for %n checks, which musl's printf has no hook for */
int
__vsnprintf_chk(char *s, size_t n, int flag, size_t slen, const char *fmt,
    va_list ap)
{
	(void)flag;
	if (n > slen)
		overflow("vsnprintf");
	return vsnprintf(s, n, fmt, ap);
}

int
__snprintf_chk(char *s, size_t n, int flag, size_t slen, const char *fmt, ...)
{
	va_list ap;
	int r;

	va_start(ap, fmt);
	r = __vsnprintf_chk(s, n, flag, slen, fmt, ap);
	va_end(ap);
	return r;
}

int
__fprintf_chk(FILE *fp, int flag, const char *fmt, ...)
{
	va_list ap;
	int r;

	(void)flag;
	va_start(ap, fmt);
	r = vfprintf(fp, fmt, ap);
	va_end(ap);
	return r;
}
