/* See LICENSE file for copyright and license details. */
#include <string.h>

#include "common/io.h"
#include "common/rec.h"
#include "tests/unit/tap.h"

/* Record every unit as "[unit]" so the boundaries show. */
static int
bracket(void *ctx, const char *p, size_t n, struct buf *o)
{
	(*(int *)ctx)++;
	buf_putc(o, '[');
	buf_put(o, p, n);
	buf_putc(o, ']');
	return 0;
}

static void
units(enum rec_unit u, const char *in, const char *want, int wantn)
{
	static const char *name[] = { "line", "block", "para", "doc" };
	struct rec_filter f = { u, bracket, NULL, NULL, NULL, NULL, NULL, 0, NULL, 0, NULL, NULL, NULL };
	struct buf o;
	int n = 0;

	f.ctx = &n;
	buf_init_mem(&o, 16);
	rec_feed(&f, in, strlen(in), &o);
	ok(o.len == strlen(want) && !memcmp(o.p, want, o.len) && n == wantn,
	   "%s units of \"%s\": %.*s", name[u], in, (int)o.len, o.p);
	buf_free(&o);
}

int
main(void)
{
	units(REC_LINE, "a\nb\n", "[a\n][b\n]", 2);
	units(REC_LINE, "a\nb", "[a\n][b]", 2);
	units(REC_LINE, "", "", 0);
	units(REC_LINE, "\n\n", "[\n][\n]", 2);
	units(REC_LINE, "a\r\nb\r\n", "[a\r\n][b\r\n]", 2);
	units(REC_BLOCK, "a\nb\nc", "[a\nb\n][c]", 2);
	units(REC_PARA, "a\nb\n\nc\n", "[a\nb\n\n][c\n]", 2);
	units(REC_PARA, "\n\na\n \t\n\nb", "[\n\na\n \t\n\n][b]", 2);
	units(REC_PARA, "a\r\n\r\nb\r\n", "[a\r\n\r\n][b\r\n]", 2);
	units(REC_PARA, "one line", "[one line]", 1);
	units(REC_PARA, "a\n\n\n", "[a\n\n\n]", 1);
	units(REC_DOC, "a\n\nb\n", "[a\n\nb\n]", 1);
	units(REC_DOC, "a\0b", "[a]", 1);  /* strlen: NUL ends the C string */
	return done_testing();
}
