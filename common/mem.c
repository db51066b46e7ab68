/* See LICENSE file for copyright and license details. */
/*
 * mem.c: the two byte searches POSIX does not have (glibc's memrchr and
 * memmem need _GNU_SOURCE or _DEFAULT_SOURCE; BSD and macOS differ), so
 * that the tree builds with -D_POSIX_C_SOURCE=200809L alone.
 */
#include <stdint.h>
#include <string.h>

#include "common/scan.h"
#include "common/util.h"

void *
mem_rchr(const void *s, int c, size_t n)
{
	size_t i = scan_rchr(s, n, (unsigned char)c);

	return i < n ? (void *)((const char *)s + i) : NULL;
}

void *
mem_mem(const void *hay, size_t n, const void *needle, size_t k)
{
	const unsigned char *h = hay, *q = needle, *p;

	if (k == 0)
		return (void *)h;
	while (n >= k && (p = memchr(h, q[0], n - k + 1))) {
		if (!memcmp(p, q, k))
			return (void *)p;
		n -= (size_t)(p - h) + 1;
		h = p + 1;
	}
	return NULL;
}
