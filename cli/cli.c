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

#define MAXSTAGES EACH_MAXSTAGES

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
	"copydesk", NULL, NULL, "", chain_longopts, NULL, NULL, NULL, NULL,
	NULL
};

struct stage {
	const struct engine *e;
	void *obj;
	struct diag d;
	struct rec_filter f;
	char *words[64];
	int nwords;
};

/* What the options set, to catch two stages that disagree. */
struct shared {
	const char *jsonl;      /* the --jsonl field given, or NULL */
	int check;              /* copydesk --check */
	const char *each;       /* copydesk --each DIR */
};

static __attribute__((noreturn)) void
usage(const char *synopsis)
{
	fprintf(stderr, "usage: %s\n", synopsis);
	exit(2);
}

static __attribute__((noreturn)) void
help(const char *synopsis, const char *own)
{
	buf_printf(out, "usage: %s\n%s%s", synopsis, own, REC_HELP);
	exit(io_close_stdout());
}

static __attribute__((noreturn)) void
version(const char *prog)
{
	buf_printf(out, "%s (copydesk) %s\n", prog, COPYDESK_VERSION);
	exit(io_close_stdout());
}

/* An engine's long options followed by the shared ones. */
static struct opt_long *
longopts(const struct engine *e)
{
	struct opt_long *l;
	size_t n = 0, m = 0, i;

	while (e && e->longopts && e->longopts[n].name)
		n++;
	while (rec_longopts[m].name)
		m++;
	l = ecalloc(n + m + 1, sizeof(*l));
	for (i = 0; i < n; i++)
		l[i] = e->longopts[i];
	for (i = 0; i < m; i++)
		l[n + i] = rec_longopts[i];
	return l;
}

/*
 * Parse argv for engine e (NULL: the shared options only) into obj and
 * ro; the operands are left in rest[0..*nrest). Usage errors exit 2.
 */
static void
parse(const struct engine *e, void *obj, struct diag *d, struct rec_opt *ro,
      struct shared *sh, int argc, char **argv, char **rest, int *nrest,
      const char *synopsis, const char *ownhelp)
{
	struct opt_state st;
	struct opt_long *longs = longopts(e);
	char shortopts[64], err[200];
	int c, r;

	snprintf(shortopts, sizeof(shortopts), "%s%s", e ? e->shortopts : "",
	    REC_SHORTOPTS);
	opt_init(&st, argc, argv, rest);
	while ((c = opt_next(&st, shortopts, longs)) != -1) {
		switch (c) {
		case '?':
			diag_warnx(d, "%s", st.err);
			usage(synopsis);
		case REC_OPT_HELP:
			help(synopsis, ownhelp);
		case REC_OPT_VERSION:
			version(d->prog);
		}
		if ((r = rec_option(ro, c, st.arg, err, sizeof(err))) < 0) {
			diag_warnx(d, "%s", err);
			exit(2);
		}
		if (r > 0) {
			if (c == REC_OPT_JSONL) {
				if (sh->jsonl && strcmp(sh->jsonl, ro->field)) {
					diag_warnx(d, "--jsonl=%s and --jsonl=%s: "
					    "one field for the whole chain",
					    sh->jsonl, ro->field);
					exit(2);
				}
				sh->jsonl = ro->field;
			}
			continue;
		}
		if (c == OPT_CHECK) {
			sh->check = 1;
			continue;
		}
		if (c == OPT_EACH) {
			sh->each = st.arg;
			continue;
		}
		if ((r = e->option(obj, c, st.arg)) != 0)
			exit(r);
	}
	*nrest = st.nrest;
	free(longs);
}

/* Run the inputs through the chain; 0 or 1. */
static int
run(struct rec_opt *ro, struct stage *sv, int nst, struct diag *d,
    const char *prog, char **files, int nfiles)
{
	struct rec_run *r;
	struct buf st;
	int i, fd, ret = 0;

	if (!(r = rec_new(ro, d, out)))
		return 1;       /* the --reject file */
	for (i = 0; i < nst; i++)
		if (rec_add(r, &sv[i].f, sv[i].e->name, &sv[i].d) < 0) {
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
	for (i = 0; i < nst; i++)
		if (sv[i].e->finish)
			ret |= sv[i].e->finish(sv[i].obj);
	if (ro->stats != REC_STATS_NONE) {
		buf_init_mem(&st, 256);
		rec_stats(r, prog, ro->stats == REC_STATS_JSON, &st);
		fwrite(st.p, 1, st.len, stderr);
		buf_free(&st);
	}
	rec_free(r);
	return ret;
}

/* copydesk --each DIR: shard after shard, the engines made once. */
static int
worker(struct rec_opt *ro, struct stage *sv, int nst, struct diag *d,
       const char *dir)
{
	struct each e;
	int i, ret;

	memset(&e, 0, sizeof(e));
	e.dir = dir;
	e.d = d;
	e.nst = (size_t)nst;
	e.stats = ro->stats == REC_STATS_JSON;
	for (i = 0; i < nst; i++) {
		e.f[i] = &sv[i].f;
		e.sd[i] = &sv[i].d;
		e.names[i] = sv[i].e->name;
	}
	ret = each_run(&e, ro);
	for (i = 0; i < nst; i++)
		if (sv[i].e->finish)
			ret |= sv[i].e->finish(sv[i].obj);
	return ret;
}

static int
start(struct stage *s, const struct rec_opt *ro)
{
	memset(&s->f, 0, sizeof(s->f));
	return s->e->start(s->obj, ro, &s->f);
}

int
cli_filter(const struct engine *e, int argc, char **argv)
{
	struct rec_opt ro;
	struct shared sh = { NULL };
	struct stage s;
	char **rest;
	char synopsis[256];
	int nrest, ret;

	io_init();
	rec_opt_init(&ro);
	memset(&s, 0, sizeof(s));
	s.e = e;
	diag_init(&s.d, e->name);
	s.obj = e->create(&s.d);
	snprintf(synopsis, sizeof(synopsis), "%s", e->synopsis);
	rest = ecalloc((size_t)argc + 1, sizeof(*rest));
	parse(e, s.obj, &s.d, &ro, &sh, argc, argv, rest, &nrest, synopsis,
	    e->help);
	if ((ret = start(&s, &ro)) != 0)
		return ret;
	ret = run(&ro, &s, 1, &s.d, e->name, rest, nrest);
	e->destroy(s.obj);
	free(rest);
	return ret | io_close_stdout();
}

/* Split the chain spec into stages at '|' or ',', and each stage into
 * words at blanks, in place. */
static int
split_chain(char *spec, struct stage *sv, struct diag *d)
{
	char *stage, *end, *next, *w;
	int n;

	for (n = 0, stage = spec; stage; n++, stage = next) {
		if (n == MAXSTAGES) {
			diag_warnx(d, "more than %d stages", MAXSTAGES);
			exit(2);
		}
		end = stage + strcspn(stage, "|,");
		next = *end ? end + 1 : NULL;
		*end = '\0';
		memset(&sv[n], 0, sizeof(sv[n]));
		for (w = strtok(stage, " \t\n"); w; w = strtok(NULL, " \t\n")) {
			if (sv[n].nwords == (int)LEN(sv[n].words) - 1) {
				diag_warnx(d, "too many words in a stage");
				exit(2);
			}
			sv[n].words[sv[n].nwords++] = w;
		}
		if (sv[n].nwords == 0) {
			diag_warnx(d, "an empty stage in the chain");
			usage(chain_synopsis);
		}
	}
	return n;
}

int
cli_chain(int argc, char **argv)
{
	struct stage sv[MAXSTAGES];
	struct rec_opt ro;
	struct shared sh = { NULL };
	struct diag d;
	char **rest, **srest, *spec, synopsis[512];
	int nrest, ns, n, i, ret;

	io_init();
	diag_init(&d, "copydesk");
	rec_opt_init(&ro);
	rest = ecalloc((size_t)argc + 1, sizeof(*rest));
	parse(&chain_engine, NULL, &d, &ro, &sh, argc, argv, rest, &nrest,
	    chain_synopsis, chain_help);
	if (nrest < 1) {
		diag_warnx(&d, "no chain of filters given");
		usage(chain_synopsis);
	}
	spec = estrdup(rest[0]);
	ns = split_chain(spec, sv, &d);
	for (i = 0; i < ns; i++) {
		if (!(sv[i].e = engine_find(sv[i].words[0]))) {
			diag_warnx(&d, "%s: not a filter (one of unmojibake, "
			    "unboiler, sentsplit, quotetag)", sv[i].words[0]);
			usage(chain_synopsis);
		}
		diag_init(&sv[i].d, sv[i].e->name);
		sv[i].obj = sv[i].e->create(&sv[i].d);
		snprintf(synopsis, sizeof(synopsis), "%s", sv[i].e->synopsis);
		srest = ecalloc((size_t)sv[i].nwords + 1, sizeof(*srest));
		parse(sv[i].e, sv[i].obj, &sv[i].d, &ro, &sh, sv[i].nwords,
		    sv[i].words, srest, &n, synopsis, sv[i].e->help);
		if (n > 0) {
			diag_warnx(&sv[i].d, "%s: a stage reads no files; name "
			    "them after the chain", srest[0]);
			usage(chain_synopsis);
		}
		free(srest);
	}
	for (i = 0; i < ns; i++)
		if ((ret = start(&sv[i], &ro)) != 0)
			return ret;
	if (sh.check)
		return io_close_stdout();
	if (sh.each) {
		if (nrest > 1) {
			diag_warnx(&d, "--each reads the shards of %s/todo, not "
			    "files", sh.each);
			usage(chain_synopsis);
		}
		ret = worker(&ro, sv, ns, &d, sh.each);
	} else {
		ret = run(&ro, sv, ns, &d, "copydesk", rest + 1, nrest - 1);
	}
	for (i = 0; i < ns; i++)
		sv[i].e->destroy(sv[i].obj);
	free(spec);
	free(rest);
	return ret | io_close_stdout();
}
