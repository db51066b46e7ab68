/* See LICENSE file for copyright and license details. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/cli.h"
#include "cli/each.h"
#include "common/io.h"
#include "common/util.h"
#include "lib/chain.h"

static const char chain_synopsis[] =
	"copydesk [-hz] [--check] [--each dir] [--jsonl[=path]] "
	"[--stats[=json]] chain [file ...]";
static const char chain_help[] =
	"  chain               filters and their options as in a pipe:\n"
	"                      'unmojibake | unboiler | sentsplit -L de'\n"
	"                      (a comma also separates stages)\n"
	"      --check         check the chain and its options, and exit\n"
	"      --each=DIR      a worker of copydesk-batch: the shards of "
	"DIR/todo\n";

enum { OPT_CHECK = 0x200, OPT_EACH };
static const struct opt_long chain_longopts[] = {
	{ "check", OPT_NONE, OPT_CHECK },
	{ "each", OPT_REQUIRED, OPT_EACH },
	{ NULL, 0, 0 }
};
static const struct engine chain_engine = {
	"copydesk", chain_synopsis, chain_help, "", chain_longopts, NULL, NULL,
	NULL, NULL, NULL, NULL
};

struct own {                    /* the copydesk command's own options */
	int check;
	const char *each;
};

static __attribute__((noreturn)) void
usage(const char *synopsis)
{
	fprintf(stderr, "usage: %s\n", synopsis);
	exit(2);
}

/* A parse that did not simply succeed: help, version, or a usage error
 * (the message, then the usage line); returns only on CHAIN_OK. */
static void
settle(int r, const struct engine *e, const char *err)
{
	switch (r) {
	case CHAIN_OK:
		return;
	case CHAIN_HELP:
		buf_printf(out, "usage: %s\n%s%s", e->synopsis, e->help,
		    REC_HELP);
		exit(io_close_stdout());
	case CHAIN_VERSION:
		buf_printf(out, "%s (copydesk) %s\n", e->name,
		    COPYDESK_VERSION);
		exit(io_close_stdout());
	case CHAIN_USAGE:
		if (*err)
			fprintf(stderr, "%s: %s\n", e->name, err);
		usage(e->synopsis);
	default:
		if (*err)
			fprintf(stderr, "%s: %s\n", e->name, err);
		exit(r);
	}
}

/* Run the inputs through the chain; 0 or 1. */
static int
run(struct chain *c, struct diag *d, const char *prog, char **files,
    int nfiles)
{
	struct rec_run *r;
	struct buf st;
	int i, fd, ret = 0;

	if (!(r = rec_new(&c->ro, d, out)))
		return 1;       /* the --reject file */
	for (i = 0; i < c->n; i++)
		if (rec_add(r, &c->st[i].f, c->st[i].e->name,
		    &c->st[i].d) < 0) {
			rec_free(r);
			return 2;
		}
	if (nfiles == 0)
		ret |= rec_file(r, 0, "<stdin>");
	for (i = 0; i < nfiles; i++) {
		if (!strcmp(files[i], "-")) {
			ret |= rec_file(r, 0, "<stdin>");
			continue;
		}
		if ((fd = open(files[i], O_RDONLY)) < 0) {
			diag_warn(d, "%s", files[i]);
			ret = 1;
			continue;
		}
		ret |= rec_file(r, fd, files[i]);
		close(fd);
	}
	ret |= rec_end(r);
	ret |= chain_finish(c);
	if (c->ro.stats != REC_STATS_NONE) {
		buf_init_mem(&st, 256);
		rec_stats(r, prog, c->ro.stats == REC_STATS_JSON, &st);
		fwrite(st.p, 1, st.len, stderr);
		buf_free(&st);
	}
	rec_free(r);
	return ret;
}

static void
quiet(void *arg, const char *prog, const char *msg)
{
	(void)arg;
	(void)prog;
	(void)msg;
}

/* From here on the stages' messages go to stderr. */
static void
loud(struct chain *c)
{
	int i;

	for (i = 0; i < c->n; i++)
		c->st[i].d.emit = NULL;
}

int
cli_filter(const struct engine *e, int argc, char **argv)
{
	struct chain c;
	char **rest, err[600] = "";
	int nrest, ret;

	io_init();
	chain_init(&c);
	c.n = 1;
	c.st[0].e = e;
	diag_init(&c.st[0].d, e->name);
	c.st[0].d.emit = quiet;         /* settle() says it */
	c.st[0].obj = e->create(&c.st[0].d);
	rest = ecalloc((size_t)argc + 1, sizeof(*rest));
	ret = chain_options(e, c.st[0].obj, &c.ro, &c.sh, argc, argv, rest,
	    &nrest, NULL, NULL, err, sizeof(err));
	if (ret != CHAIN_OK && !*err)
		snprintf(err, sizeof(err), "%s", c.st[0].d.last);
	settle(ret, e, err);
	loud(&c);
	if ((ret = chain_start(&c, err, sizeof(err))) != 0) {
		/* the engine has said why, on stderr */
		exit(ret);
	}
	ret = run(&c, &c.st[0].d, e->name, rest, nrest);
	chain_free(&c);
	free(rest);
	return ret | io_close_stdout();
}

static int
own_option(void *arg, int c, const char *a)
{
	struct own *o = arg;

	switch (c) {
	case OPT_CHECK:
		o->check = 1;
		return CHAIN_OK;
	case OPT_EACH:
		o->each = a;
		return CHAIN_OK;
	}
	return CHAIN_USAGE;
}

/* copydesk --each DIR: shard after shard, the engines made once. */
static int
worker(struct chain *c, struct diag *d, const char *dir)
{
	struct each e;
	int i;

	memset(&e, 0, sizeof(e));
	e.dir = dir;
	e.d = d;
	e.nst = (size_t)c->n;
	e.stats = c->ro.stats == REC_STATS_JSON;
	for (i = 0; i < c->n; i++) {
		e.f[i] = &c->st[i].f;
		e.sd[i] = &c->st[i].d;
		e.names[i] = c->st[i].e->name;
	}
	return each_run(&e, &c->ro) | chain_finish(c);
}

int
cli_chain(int argc, char **argv)
{
	struct chain c;
	struct own own = { 0, NULL };
	struct diag d;
	char **rest, err[600] = "", *spec = NULL;
	int nrest, ret, skip = 1;

	io_init();
	diag_init(&d, "copydesk");
	chain_init(&c);
	rest = ecalloc((size_t)argc + 1, sizeof(*rest));
	ret = chain_options(&chain_engine, NULL, &c.ro, &c.sh, argc, argv,
	    rest, &nrest, own_option, &own, err, sizeof(err));
	settle(ret, &chain_engine, err);
	if (nrest < 1) {
		fprintf(stderr, "copydesk: no chain of filters given\n");
		usage(chain_synopsis);
	}
	/* "copydesk apply sentsplit file": the word after apply is its
	 * filter, not a file (quoted, 'apply -t 0.3 unboiler' takes options) */
	if (!strcmp(rest[0], "apply") && nrest > 1) {
		spec = emalloc(strlen(rest[1]) + 7);
		snprintf(spec, strlen(rest[1]) + 7, "apply %s", rest[1]);
		skip = 2;
	}
	ret = chain_parse(&c, spec ? spec : rest[0], err, sizeof(err));
	if (ret == CHAIN_HELP && c.bad) {
		settle(ret, c.bad, err);
	} else if (ret != CHAIN_OK) {
		if (ret == CHAIN_VERSION)
			settle(ret, &chain_engine, err);
		fprintf(stderr, "copydesk: %s\n", err);
		usage(chain_synopsis);
	}
	loud(&c);
	if ((ret = chain_start(&c, err, sizeof(err))) != 0)
		exit(ret);
	if (own.check) {
		ret = 0;        /* it starts: nothing more, nothing written */
	} else if (own.each) {
		if (nrest > skip) {
			fprintf(stderr, "copydesk: --each reads the shards of "
			    "%s/todo, not files\n", own.each);
			usage(chain_synopsis);
		}
		ret = worker(&c, &d, own.each);
	} else {
		ret = run(&c, &d, "copydesk", rest + skip, nrest - skip);
	}
	chain_free(&c);
	free(rest);
	free(spec);
	return ret | io_close_stdout();
}
