/* See LICENSE file for copyright and license details. */
#include <err.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/io.h"
#include "common/rec.h"
#include "common/util.h"

extern char *program_invocation_short_name;

long long
estrtonum(const char *s, long long min, long long max, const char *opt)
{
	long long v;
	char *end;

	errno = 0;
	v = strtoll(s, &end, 10);
	if (*s == '\0' || *end != '\0')
		errx(2, "%s: not a number: %s", opt, s);
	if (errno == ERANGE || v < min || v > max)
		errx(2, "%s: %s is out of range %lld..%lld", opt, s, min, max);
	return v;
}

void
help_exit(const char *usage, const char *options)
{
	buf_puts(out, usage);
	buf_putc(out, '\n');
	buf_puts(out, options);
	exit(io_close_stdout());
}

void
usage_exit(const char *usage)
{
	fprintf(stderr, "%s\n", usage);
	exit(2);
}

void
version_exit(void)
{
	buf_printf(out, "%s (copydesk) %s\n", program_invocation_short_name,
	           COPYDESK_VERSION);
	exit(io_close_stdout());
}

int
rec_option(struct rec_opt *o, int c, const char *arg)
{
	switch (c) {
	case 'z':
		o->mode = REC_NUL;
		return 1;
	case REC_OPT_JSONL:
		o->mode = REC_JSONL;
		o->field = arg && *arg ? arg : "text";
		return 1;
	case REC_OPT_STATS:
		if (!arg || !strcmp(arg, "text"))
			o->stats = REC_STATS_TEXT;
		else if (!strcmp(arg, "json"))
			o->stats = REC_STATS_JSON;
		else
			errx(2, "--stats: expected text or json, not %s", arg);
		return 1;
	case REC_OPT_VERSION:
		version_exit();
	}
	return 0;
}
