/* See LICENSE file for copyright and license details. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "common/io.h"
#include "tests/unit/tap.h"

int
main(void)
{
	struct buf b, f;
	char big[1000], back[5000];
	FILE *tmp;
	size_t i;
	ssize_t r;

	buf_init_mem(&b, 4);
	buf_put(&b, "hello", 5);
	buf_putc(&b, ' ');
	buf_puts(&b, "world");
	ok(b.len == 11 && !memcmp(b.p, "hello world", 11) && b.total == 11,
	   "memory buffer grows");
	memset(big, 'x', sizeof(big));
	for (i = 0; i < 100; i++)
		buf_put(&b, big, sizeof(big));
	ok(b.len == 100011 && b.cap >= b.len, "memory buffer holds 100 KB");
	b.len = 0;
	buf_printf(&b, "%d-%s-%.*s", 42, "x", 300, big);
	ok(b.len == 305 && !memcmp(b.p, "42-x-xxx", 8), "buf_printf past 256 bytes");
	buf_free(&b);
	ok(b.p == NULL && b.len == 0, "buf_free");

	/* an fd buffer flushes when full and writes large pieces through */
	if (!(tmp = tmpfile()))
		return 1;
	buf_init_fd(&f, fileno(tmp), 16);
	buf_puts(&f, "0123456789");
	buf_puts(&f, "abcdefghij");
	for (i = 0; i < 4; i++)
		buf_put(&f, big, sizeof(big));
	buf_putc(&f, '!');
	buf_flush(&f);
	lseek(f.fd, 0, SEEK_SET);
	r = read(f.fd, back, sizeof(back));
	ok(r == 4021 && !memcmp(back, "0123456789abcdefghij", 20) &&
	   back[20] == 'x' && back[4020] == '!', "fd buffer keeps order (%zd)", r);
	ok(f.total == 4021, "fd buffer counts bytes");
	free(f.p);
	fclose(tmp);
	return done_testing();
}
