/* See LICENSE file for copyright and license details. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <bzlib.h>
#include <lzma.h>
#include <zlib.h>
#include <zstd.h>

#include "common/io.h"
#include "common/src.h"
#include "common/util.h"

void
src_init(struct src *s, int fd, const char *name, struct diag *d)
{
	memset(s, 0, sizeof(*s));
	s->fd = fd;
	s->name = name;
	s->d = d;
}

const char *
src_kindname(enum src_kind k)
{
	static const char *const names[] = { "plain", "gzip", "zstd", "xz",
		"bzip2" };

	return names[k];
}

/* Whether b[0..n) could be the start of a compressed file's magic, so
 * that more bytes must be read to tell (a coprocess may send less). */
static int
maybe_magic(const unsigned char *b, size_t n)
{
	static const struct { const char *m; size_t len; } magic[] = {
		{ "\x1f\x8b", 2 }, { "\x28\xb5\x2f\xfd", 4 },
		{ "\xfd" "7zXZ\0", 6 }, { "BZh1", 4 },
	};
	size_t i;

	for (i = 0; i < LEN(magic); i++)
		if (n < magic[i].len && !memcmp(b, magic[i].m,
		    i == 3 ? MIN(n, 3) : n))
			return 1;
	return 0;
}

static enum src_kind
sniff(const unsigned char *b, size_t n)
{
	if (n >= 2 && b[0] == 0x1f && b[1] == 0x8b)
		return SRC_GZIP;
	if (n >= 4 && b[0] == 0x28 && b[1] == 0xb5 && b[2] == 0x2f &&
	    b[3] == 0xfd)
		return SRC_ZSTD;
	if (n >= 6 && !memcmp(b, "\xfd" "7zXZ\0", 6))
		return SRC_XZ;
	if (n >= 4 && !memcmp(b, "BZh", 3) && b[3] >= '1' && b[3] <= '9')
		return SRC_BZIP2;
	return SRC_PLAIN;
}

/* Read more compressed bytes: 1, 0 at the end of the file, -1 on error. */
static int
refill(struct src *s)
{
	ssize_t k;

	if (s->inpos < s->inlen)
		return 1;
	if (s->eof)
		return 0;
	k = io_read(s->fd, s->in, s->incap);
	if (k < 0) {
		diag_warn(s->d, "%s", s->name);
		return -1;
	}
	s->inpos = 0;
	s->inlen = (size_t)k;
	if (k == 0)
		s->eof = 1;
	return k > 0;
}

static int
fmterr(struct src *s, const char *what)
{
	diag_warnx(s->d, "%s: %s data: %s", s->name, src_kindname(s->kind),
	    what);
	return -1;
}

static int
start(struct src *s)
{
	ssize_t k;

	s->started = 1;
	s->incap = IO_BLKSIZE;
	s->in = emalloc(s->incap);
	/* enough bytes to tell the kind, even from a pipe */
	while (s->inlen == 0 || maybe_magic((unsigned char *)s->in,
	    s->inlen)) {
		k = io_read(s->fd, s->in + s->inlen, s->incap - s->inlen);
		if (k < 0) {
			diag_warn(s->d, "%s", s->name);
			return -1;
		}
		if (k == 0) {
			s->eof = 1;
			break;
		}
		s->inlen += (size_t)k;
	}
	s->kind = sniff((unsigned char *)s->in, s->inlen);
	switch (s->kind) {
	case SRC_PLAIN:
		break;
	case SRC_GZIP:
		s->z = ecalloc(1, sizeof(z_stream));
		if (inflateInit2(s->z, 15 + 16) != Z_OK)
			return fmterr(s, "cannot start zlib");
		break;
	case SRC_ZSTD:
		if (!(s->z = ZSTD_createDStream()))
			return fmterr(s, "cannot start libzstd");
		break;
	case SRC_XZ:
		s->z = ecalloc(1, sizeof(lzma_stream));
		if (lzma_stream_decoder(s->z, UINT64_MAX, LZMA_CONCATENATED) !=
		    LZMA_OK)
			return fmterr(s, "cannot start liblzma");
		break;
	case SRC_BZIP2:
		s->z = ecalloc(1, sizeof(bz_stream));
		if (BZ2_bzDecompressInit(s->z, 0, 0) != BZ_OK)
			return fmterr(s, "cannot start libbz2");
		break;
	}
	return 0;
}

static ssize_t
gz_read(struct src *s, char *p, size_t n)
{
	z_stream *z = s->z;
	int r;

	z->next_out = (unsigned char *)p;
	z->avail_out = (uInt)MIN(n, (size_t)1 << 30);
	while ((char *)z->next_out == p) {
		if (s->ended) {         /* between members */
			if ((r = refill(s)) <= 0)
				return r;
			if (inflateReset(z) != Z_OK)
				return fmterr(s, "cannot restart");
			s->ended = 0;
		}
		if ((r = refill(s)) < 0)
			return -1;
		if (r == 0)
			return fmterr(s, "truncated");
		z->next_in = (unsigned char *)s->in + s->inpos;
		z->avail_in = (uInt)(s->inlen - s->inpos);
		r = inflate(z, Z_NO_FLUSH);
		s->inpos = s->inlen - z->avail_in;
		if (r == Z_STREAM_END)
			s->ended = 1;
		else if (r != Z_OK && r != Z_BUF_ERROR)
			return fmterr(s, z->msg ? z->msg : "corrupt");
	}
	return (char *)z->next_out - p;
}

static ssize_t
zstd_read(struct src *s, char *p, size_t n)
{
	ZSTD_outBuffer ob = { p, n, 0 };
	ZSTD_inBuffer ib;
	size_t r;
	int k;

	while (ob.pos == 0) {
		if ((k = refill(s)) < 0)
			return -1;
		if (k == 0)
			return s->ended ? 0 : fmterr(s, "truncated");
		ib.src = s->in;
		ib.size = s->inlen;
		ib.pos = s->inpos;
		r = ZSTD_decompressStream(s->z, &ob, &ib);
		s->inpos = ib.pos;
		if (ZSTD_isError(r))
			return fmterr(s, ZSTD_getErrorName(r));
		s->ended = r == 0;      /* at a frame's end */
	}
	return (ssize_t)ob.pos;
}

static ssize_t
xz_read(struct src *s, char *p, size_t n)
{
	lzma_stream *z = s->z;
	lzma_ret r;
	int k;

	z->next_out = (uint8_t *)p;
	z->avail_out = n;
	while ((char *)z->next_out == p) {
		if ((k = refill(s)) < 0)
			return -1;
		z->next_in = (uint8_t *)s->in + s->inpos;
		z->avail_in = s->inlen - s->inpos;
		r = lzma_code(z, k == 0 ? LZMA_FINISH : LZMA_RUN);
		s->inpos = s->inlen - z->avail_in;
		if (r == LZMA_STREAM_END)
			break;
		if (r != LZMA_OK)
			return fmterr(s, r == LZMA_DATA_ERROR ? "corrupt" :
			    r == LZMA_BUF_ERROR ? "truncated" : "cannot read");
	}
	return (char *)z->next_out - p;
}

static ssize_t
bz_read(struct src *s, char *p, size_t n)
{
	bz_stream *z = s->z;
	int r, k;

	z->next_out = p;
	z->avail_out = (unsigned)MIN(n, (size_t)1 << 30);
	while (z->next_out == p) {
		if (s->ended) {         /* between streams */
			if ((k = refill(s)) <= 0)
				return k;
			BZ2_bzDecompressEnd(z);
			memset(z, 0, sizeof(*z));
			if (BZ2_bzDecompressInit(z, 0, 0) != BZ_OK)
				return fmterr(s, "cannot restart");
			s->ended = 0;
		}
		if ((k = refill(s)) < 0)
			return -1;
		if (k == 0)
			return fmterr(s, "truncated");
		z->next_in = s->in + s->inpos;
		z->avail_in = (unsigned)(s->inlen - s->inpos);
		r = BZ2_bzDecompress(z);
		s->inpos = s->inlen - z->avail_in;
		if (r == BZ_STREAM_END)
			s->ended = 1;
		else if (r != BZ_OK)
			return fmterr(s, "corrupt");
	}
	return z->next_out - p;
}

ssize_t
src_read(struct src *s, char *p, size_t n)
{
	ssize_t k;

	if (!s->started && start(s) < 0)
		return -1;
	switch (s->kind) {
	case SRC_PLAIN:
		if (s->inpos < s->inlen) {      /* what sniffing read */
			k = (ssize_t)MIN(n, s->inlen - s->inpos);
			memcpy(p, s->in + s->inpos, (size_t)k);
			s->inpos += (size_t)k;
			return k;
		}
		if (s->eof)
			return 0;
		if ((k = io_read(s->fd, p, n)) < 0)
			diag_warn(s->d, "%s", s->name);
		return k;
	case SRC_GZIP:
		return gz_read(s, p, n);
	case SRC_ZSTD:
		return zstd_read(s, p, n);
	case SRC_XZ:
		return xz_read(s, p, n);
	case SRC_BZIP2:
		return bz_read(s, p, n);
	}
	return -1;
}

void
src_free(struct src *s)
{
	if (s->z) {
		switch (s->kind) {
		case SRC_GZIP: inflateEnd(s->z); free(s->z); break;
		case SRC_ZSTD: ZSTD_freeDStream(s->z); break;
		case SRC_XZ: lzma_end(s->z); free(s->z); break;
		case SRC_BZIP2: BZ2_bzDecompressEnd(s->z); free(s->z); break;
		case SRC_PLAIN: break;
		}
	}
	free(s->in);
	memset(s, 0, sizeof(*s));
}
