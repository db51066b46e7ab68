/* See LICENSE file for copyright and license details. */
#include <err.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "common/io.h"
#include "common/util.h"

void
io_write_error(int errnum)
{
	/* One message, then out: nothing more is written at exit. */
	errno = errnum;
	warn("write error");
	_exit(1);
}

ssize_t
io_read(int fd, void *p, size_t n)
{
	ssize_t r;

	do
		r = read(fd, p, n);
	while (r < 0 && errno == EINTR);
	return r;
}

void
io_writeall(int fd, const void *p, size_t n)
{
	const char *s = p;
	ssize_t w;

	while (n > 0) {
		w = write(fd, s, n);
		if (w < 0) {
			if (errno == EINTR)
				continue;
			io_write_error(errno);
		}
		s += w;
		n -= (size_t)w;
	}
}

void
buf_init_mem(struct buf *b, size_t cap)
{
	memset(b, 0, sizeof(*b));
	b->fd = -1;
	b->cap = cap ? cap : 64;
	b->p = emalloc(b->cap);
}

void
buf_init_fd(struct buf *b, int fd, size_t cap)
{
	buf_init_mem(b, cap);
	b->fd = fd;
}

void
buf_init_sink(struct buf *b, size_t cap,
              void (*sink)(void *arg, const char *p, size_t n), void *arg)
{
	buf_init_mem(b, cap);
	b->sink = sink;
	b->arg = arg;
}

static void
writeout(struct buf *b, const void *p, size_t n)
{
	const char *s = p;
	ssize_t w;

	if (b->sink) {
		b->sink(b->arg, p, n);
		return;
	}
	if (!b->keep_err) {
		io_writeall(b->fd, p, n);
		return;
	}
	while (n > 0 && !b->err) {
		w = write(b->fd, s, n);
		if (w < 0 && errno != EINTR)
			b->err = errno;
		if (w > 0) {
			s += w;
			n -= (size_t)w;
		}
	}
}

/* n bytes that do not fit even in an empty buffer: past it */
void
buf_through(struct buf *b, const void *p, size_t n)
{
	writeout(b, p, n);
	b->total += n;
}

void
buf_free(struct buf *b)
{
	free(b->p);
	b->p = NULL;
	b->len = b->cap = 0;
}

void
buf_flush(struct buf *b)
{
	if ((b->fd >= 0 || b->sink) && b->len > 0) {
		writeout(b, b->p, b->len);
		b->len = 0;
	}
}

/* Make room for n more bytes: flush an fd buffer (if n still does not fit,
 * buf_put writes it straight through), or grow a memory buffer. */
void
buf_make_room(struct buf *b, size_t n)
{
	size_t cap;

	if (b->fd >= 0 || b->sink) {
		buf_flush(b);
		return;
	}
	for (cap = b->cap ? b->cap : 64; cap - b->len < n; cap *= 2)
		if (cap > (size_t)-1 / 2)
			errx(1, "out of memory");
	if (cap != b->cap) {
		b->p = erealloc(b->p, cap);
		b->cap = cap;
	}
}

void
buf_puts(struct buf *b, const char *s)
{
	buf_put(b, s, strlen(s));
}

void
buf_printf(struct buf *b, const char *fmt, ...)
{
	char small[256], *p = small;
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(small, sizeof(small), fmt, ap);
	va_end(ap);
	if (n < 0)
		errx(1, "buf_printf: bad format");
	if ((size_t)n >= sizeof(small)) {
		p = emalloc((size_t)n + 1);
		va_start(ap, fmt);
		vsnprintf(p, (size_t)n + 1, fmt, ap);
		va_end(ap);
	}
	buf_put(b, p, (size_t)n);
	if (p != small)
		free(p);
}
