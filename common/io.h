/* See LICENSE file for copyright and license details. */
#ifndef COPYDESK_IO_H
#define COPYDESK_IO_H
/*
 * io.h: block reads and one buffered writer.
 *
 * A struct buf either flushes to a file descriptor (fd >= 0) when it fills,
 * or hands its bytes to a sink function (a later stage of a chain, or a
 * library caller), or grows in memory (neither). buf_put is inline: it is
 * the hot path of every filter. In a program, the first write error
 * prints "prog: write error: reason" and exits 1, with no second message
 * at exit; a buffer with keep_err set keeps the error in err instead and
 * drops what follows (the library's way).
 */
#include <stddef.h>
#include <string.h>
#include <sys/types.h>

/*
 * 256 KiB: on this machine `cat`-style copies of a 20 MB file run at the
 * same speed with 128 KiB and 1 MiB blocks, and 256 KiB is what coreutils'
 * ioblksize.h settled on for current kernels.
 */
#define IO_BLKSIZE (256 * 1024)

struct buf {
	char *p;
	size_t len, cap;
	int fd;                  /* >= 0: flush there when full */
	unsigned long long total; /* bytes ever written through this buffer */
	/* fd < 0 and sink set: hand full buffers to sink */
	void (*sink)(void *arg, const char *p, size_t n);
	void *arg;
	int keep_err;            /* fd: keep a write error instead of exiting */
	int err;                 /* the errno of the first write error */
};

ssize_t io_read(int fd, void *p, size_t n);     /* retries EINTR */
void io_writeall(int fd, const void *p, size_t n); /* exits on error */
__attribute__((noreturn)) void io_write_error(int errnum);

void buf_init_mem(struct buf *b, size_t cap);
void buf_init_fd(struct buf *b, int fd, size_t cap);
void buf_init_sink(struct buf *b, size_t cap,
                   void (*sink)(void *arg, const char *p, size_t n), void *arg);
void buf_through(struct buf *b, const void *p, size_t n);
void buf_free(struct buf *b);
void buf_flush(struct buf *b);
void buf_make_room(struct buf *b, size_t n);
void buf_puts(struct buf *b, const char *s);
void buf_printf(struct buf *b, const char *fmt, ...);

static inline void
buf_put(struct buf *b, const void *p, size_t n)
{
	if (b->cap - b->len < n) {
		buf_make_room(b, n);
		if (b->cap - b->len < n) {      /* write through */
			buf_through(b, p, n);
			return;
		}
	}
	if (n > 0)      /* p may be NULL then (an empty buffer's) */
		memcpy(b->p + b->len, p, n);
	b->len += n;
	b->total += n;
}

static inline void
buf_putc(struct buf *b, int c)
{
	if (b->len == b->cap)
		buf_make_room(b, 1);
	b->p[b->len++] = (char)c;
	b->total++;
}

#endif
