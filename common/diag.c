/* See LICENSE file for copyright and license details. */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "common/diag.h"

void
diag_init(struct diag *d, const char *prog)
{
	memset(d, 0, sizeof(*d));
	d->prog = prog;
}

static void
put(struct diag *d)
{
	d->count++;
	if (d->emit)
		d->emit(d->arg, d->prog, d->last);
	else
		fprintf(stderr, "%s: %s\n", d->prog, d->last);
}

void
diag_vwarnx(struct diag *d, const char *fmt, va_list ap)
{
	vsnprintf(d->last, sizeof(d->last), fmt, ap);
	put(d);
}

void
diag_warnx(struct diag *d, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	diag_vwarnx(d, fmt, ap);
	va_end(ap);
}

void
diag_warn(struct diag *d, const char *fmt, ...)
{
	va_list ap;
	size_t k;
	int e = errno;

	va_start(ap, fmt);
	vsnprintf(d->last, sizeof(d->last), fmt, ap);
	va_end(ap);
	k = strlen(d->last);
	snprintf(d->last + k, sizeof(d->last) - k, ": %s", strerror(e));
	put(d);
}

void
diag_note(struct diag *d, const char *p, size_t n)
{
	if (d->note)
		d->note(d->arg, p, n);
	else
		fwrite(p, 1, n, stderr);
}
