/* See LICENSE file for copyright and license details. */
/*
 * rectool: a probe engine for the record reader, used by
 * tests/0NN-common-*.t. It writes each unit back (-m id), wrapped as
 * [unit] (-m bracket), or with ASCII letters in upper case (-m upper); -u
 * picks the unit, -w shrinks the window (as --window does) so that window
 * behaviour is testable on small input. A unit containing "BAD" is
 * reported as a bad record; -e writes "<end>" at the end of each
 * document; -a adds the member "probe" ({"units":N,"lang":L}, L the
 * --lang-field value) to --jsonl records.
 */
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "common/io.h"
#include "common/util.h"

struct rectool {
	struct diag *d;
	const struct rec_filter *f;
	char mode;
	int eflag, aflag;
	enum rec_unit unit;
	size_t window;
	unsigned long long docunits;
	struct rec_counter counters[2];
};

static int
unit(void *ctx, const char *p, size_t n, struct buf *o)
{
	struct rectool *t = ctx;
	size_t i;

	t->counters[0].n++;
	t->docunits++;
	if (t->mode == 'b')
		buf_putc(o, '[');
	if (t->mode == 'u') {
		for (i = 0; i < n; i++)
			buf_putc(o, p[i] >= 'a' && p[i] <= 'z' ? p[i] - 32 : p[i]);
	} else {
		buf_put(o, p, n);
	}
	if (t->mode == 'b')
		buf_putc(o, ']');
	if (mem_mem(p, n, "BAD", 3)) {
		char where[256];

		rec_where(t->f->pos, where, sizeof(where));
		diag_warnx(t->d, "%s: bad unit", where);
		return -1;
	}
	return 0;
}

static void
enddoc(void *ctx, struct buf *o)
{
	struct rectool *t = ctx;

	if (t->eflag)
		buf_puts(o, "<end>");
}

static void
addprobe(void *ctx, struct buf *b)
{
	struct rectool *t = ctx;

	buf_printf(b, "{\"units\":%llu,\"lang\":\"%s\"}", t->docunits,
	    t->f->pos->lang);
	t->docunits = 0;
}

static void *
create(struct diag *d)
{
	struct rectool *t = ecalloc(1, sizeof(*t));

	t->d = d;
	t->mode = 'i';
	t->unit = REC_LINE;
	t->counters[0].name = "units";
	return t;
}

static int
option(void *e, int c, const char *arg)
{
	struct rectool *t = e;
	char err[128];
	long long v;

	switch (c) {
	case 'a':
		t->aflag = 1;
		return 0;
	case 'e':
		t->eflag = 1;
		return 0;
	case 'm':
		if (strcmp(arg, "id") && strcmp(arg, "bracket") &&
		    strcmp(arg, "upper")) {
			diag_warnx(t->d, "-m: unknown mode %s", arg);
			return 2;
		}
		t->mode = arg[0];
		return 0;
	case 'u':
		if (!strcmp(arg, "line"))
			t->unit = REC_LINE;
		else if (!strcmp(arg, "block"))
			t->unit = REC_BLOCK;
		else if (!strcmp(arg, "para"))
			t->unit = REC_PARA;
		else if (!strcmp(arg, "doc"))
			t->unit = REC_DOC;
		else {
			diag_warnx(t->d, "-u: unknown unit %s", arg);
			return 2;
		}
		return 0;
	case 'w':
		if (opt_num(arg, 4, 1 << 30, "-w", &v, err, sizeof(err)) < 0) {
			diag_warnx(t->d, "%s", err);
			return 2;
		}
		t->window = (size_t)v;
		return 0;
	}
	return 2;
}

static int
start(void *e, const struct rec_opt *o, struct rec_filter *f)
{
	struct rectool *t = e;

	/* -w: the run's window; rec_opt is the caller's, set before the
	 * run is made */
	if (t->window)
		((struct rec_opt *)o)->window = t->window;
	t->f = f;
	f->unit = t->unit;
	f->fn = unit;
	f->enddoc = enddoc;
	f->ctx = t;
	f->counters = t->counters;
	if (t->aflag) {
		f->jsonl = addprobe;
		f->jsonl_key = "probe";
	}
	return 0;
}

static void
destroy(void *e)
{
	free(e);
}

static const struct engine rectool_engine = {
	"rectool",
	"rectool [-aez] [-m mode] [-u unit] [-w window] [--jsonl[=field]] "
	"[file ...]",
	"  -a                  --jsonl: add the member \"probe\"\n"
	"  -e                  write <end> after each document\n"
	"  -m mode             id, bracket or upper\n"
	"  -u unit             line, block, para or doc\n"
	"  -w size             the window\n",
	"aem:u:w:",
	NULL,
	create,
	option,
	start,
	NULL,
	destroy,
	NULL,
};

int
main(int argc, char *argv[])
{
	return cli_filter(&rectool_engine, argc, argv);
}
