/* See LICENSE file for copyright and license details. */
#ifndef COPYDESK_SRC_H
#define COPYDESK_SRC_H
/*
 * src.h: an input file, decompressed when it is compressed.
 *
 * The first bytes decide, never the name: gzip (1f 8b), zstd
 * (28 b5 2f fd), xz (fd 37 7a 58 5a 00) and bzip2 ("BZh" and a digit)
 * are read through zlib, libzstd, liblzma and libbz2; concatenated
 * members or frames are read one after another, as gzip -dc does.
 * Anything else is read as it is.
 */
#include <stddef.h>
#include <sys/types.h>

#include "diag.h"

enum src_kind { SRC_PLAIN, SRC_GZIP, SRC_ZSTD, SRC_XZ, SRC_BZIP2 };

struct src {
	int fd;
	const char *name;
	enum src_kind kind;
	void *z;                /* the decompressor's state */
	char *in;               /* compressed bytes read ahead */
	size_t inlen, inpos, incap;
	int started, ended, eof;
	struct diag *d;
};

void src_init(struct src *s, int fd, const char *name, struct diag *d);
/* Up to n bytes into p: how many, 0 at the end, -1 after a read or
 * format error (warned through d). */
ssize_t src_read(struct src *s, char *p, size_t n);
void src_free(struct src *s);
const char *src_kindname(enum src_kind k);

#endif
