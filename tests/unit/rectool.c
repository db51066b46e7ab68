/* See LICENSE file for copyright and license details. */
/*
 * rectool: a probe for the record reader, used by tests/0NN-common-*.t.
 * It writes each unit back (-m id), wrapped as [unit] (-m bracket), or
 * with ASCII letters in upper case (-m upper); -u picks the unit, -w
 * shrinks the window so that window behaviour is testable on small input.
 * A unit containing "BAD" is reported as a bad record; -e writes "<end>"
 * at the end of each document.
 */
#include <err.h>
#include <getopt.h>
#include <string.h>

#include "common/io.h"
#include "common/rec.h"
#include "common/util.h"

static const char usage_line[] =
	"usage: rectool [-ez] [-m mode] [-u unit] [-w window] [--jsonl[=field]] "
	"[file ...]";
static char mode = 'i';
static struct rec_counter counters[] = { { "units", 0 }, { NULL, 0 } };

static int
unit(void *ctx, const char *p, size_t n, struct buf *o)
{
	size_t i;

	(void)ctx;
	counters[0].n++;
	if (mode == 'b')
		buf_putc(o, '[');
	if (mode == 'u') {
		for (i = 0; i < n; i++)
			buf_putc(o, p[i] >= 'a' && p[i] <= 'z' ? p[i] - 32 : p[i]);
	} else {
		buf_put(o, p, n);
	}
	if (mode == 'b')
		buf_putc(o, ']');
	if (memmem(p, n, "BAD", 3)) {
		warnx("bad unit");
		return -1;
	}
	return 0;
}

static void
enddoc(void *ctx, struct buf *o)
{
	(void)ctx;
	buf_puts(o, "<end>");
}

int
main(int argc, char *argv[])
{
	static const struct option longopts[] = {
		REC_LONGOPTS,
		{ NULL, 0, NULL, 0 }
	};
	struct rec_opt ro = { REC_PLAIN, "text", REC_STATS_NONE };
	struct rec_filter f = { REC_LINE, unit, NULL, NULL, NULL, counters, NULL };
	int c, ret;

	io_init();
	while ((c = getopt_long(argc, argv, "ehm:u:w:z", longopts, NULL)) != -1) {
		switch (c) {
		case 'e':
			f.enddoc = enddoc;
			break;
		case 'h':
			help_exit(usage_line, REC_HELP);
		case 'm':
			if (strcmp(optarg, "id") && strcmp(optarg, "bracket") &&
			    strcmp(optarg, "upper"))
				errx(2, "-m: unknown mode %s", optarg);
			mode = optarg[0];
			break;
		case 'u':
			if (!strcmp(optarg, "line"))
				f.unit = REC_LINE;
			else if (!strcmp(optarg, "block"))
				f.unit = REC_BLOCK;
			else if (!strcmp(optarg, "para"))
				f.unit = REC_PARA;
			else if (!strcmp(optarg, "doc"))
				f.unit = REC_DOC;
			else
				errx(2, "-u: unknown unit %s", optarg);
			break;
		case 'w':
			rec_window = (size_t)estrtonum(optarg, 4, 1 << 30, "-w");
			break;
		default:
			if (!rec_option(&ro, c, optarg))
				usage_exit(usage_line);
		}
	}
	argc -= optind;
	argv += optind;
	ret = rec_run(&ro, &f, argc, argv);
	return ret | io_close_stdout();
}
