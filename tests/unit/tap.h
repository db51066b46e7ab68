/* See LICENSE file for copyright and license details. */
/* tap.h: just enough TAP for the C unit tests of common/. */
#include <stdarg.h>
#include <stdio.h>

static int tap_n, tap_failed;

static void
ok(int cond, const char *fmt, ...)
{
	va_list ap;

	printf("%sok %d - ", cond ? "" : "not ", ++tap_n);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	putchar('\n');
	if (!cond)
		tap_failed++;
}

/* A "# ..." line, for what a failing test saw. */
static __attribute__((unused)) void
diag(const char *fmt, ...)
{
	va_list ap;

	fputs("# ", stdout);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	putchar('\n');
}

static int
done_testing(void)
{
	printf("1..%d\n", tap_n);
	return tap_failed != 0;
}
