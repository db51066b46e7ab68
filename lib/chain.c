/* See LICENSE file for copyright and license details. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/util.h"
#include "lib/chain.h"

/* An engine's long options followed by the shared ones. */
static struct opt_long *
longopts(const struct engine *e)
{
	struct opt_long *l;
	size_t n = 0, m = 0, i;

	while (e->longopts && e->longopts[n].name)
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

int
chain_options(const struct engine *e, void *obj, struct rec_opt *ro,
              struct chain_shared *sh, int argc, char **argv, char **rest,
              int *nrest, int (*extra)(void *arg, int c, const char *a),
              void *arg, char *err, size_t errsize)
{
	struct opt_state st;
	struct opt_long *longs = longopts(e);
	char shortopts[64];
	int c, r = CHAIN_OK;

	snprintf(shortopts, sizeof(shortopts), "%s%s", e->shortopts,
	    REC_SHORTOPTS);
	opt_init(&st, argc, argv, rest);
	while (r == CHAIN_OK && (c = opt_next(&st, shortopts, longs)) != -1) {
		switch (c) {
		case '?':
			snprintf(err, errsize, "%s", st.err);
			r = CHAIN_USAGE;
			continue;
		case REC_OPT_HELP:
			r = CHAIN_HELP;
			continue;
		case REC_OPT_VERSION:
			r = CHAIN_VERSION;
			continue;
		}
		switch (rec_option(ro, c, st.arg, err, errsize)) {
		case -1:
			r = CHAIN_USAGE;
			continue;
		case 1:
			if (c != REC_OPT_JSONL)
				continue;
			if (sh->jsonl && strcmp(sh->jsonl, ro->field)) {
				snprintf(err, errsize, "--jsonl=%s and --jsonl=%s: "
				    "one field for the whole chain", sh->jsonl,
				    ro->field);
				r = CHAIN_USAGE;
			}
			sh->jsonl = ro->field;
			continue;
		}
		if (extra)
			r = extra(arg, c, st.arg);
		else if (e->option)
			r = e->option(obj, c, st.arg);
		else
			r = CHAIN_USAGE;
	}
	*nrest = st.nrest;
	free(longs);
	return r;
}

static void
keep_warning(void *arg, const char *prog, const char *msg)
{
	(void)arg;
	(void)prog;
	(void)msg;
}

void
chain_init(struct chain *c)
{
	memset(c, 0, sizeof(*c));
	rec_opt_init(&c->ro);
}

int
chain_parse(struct chain *c, const char *spec, char *err, size_t errsize)
{
	char *words[64], *rest[65], *stage, *end, *next, *p;
	struct chain_stage *s;
	int nw, nrest, r, i;

	err[0] = '\0';
	free(c->mem);
	c->mem = estrdup(spec);
	for (stage = c->mem; stage; stage = next) {
		end = stage + strcspn(stage, "|,");
		next = *end ? end + 1 : NULL;
		*end = '\0';
		for (nw = 0, p = stage; ; ) {
			p += strspn(p, " \t\n");
			if (!*p)
				break;
			if (nw == (int)LEN(words) - 1) {
				snprintf(err, errsize, "too many words in a stage");
				return CHAIN_USAGE;
			}
			words[nw++] = p;
			p += strcspn(p, " \t\n");
			if (*p)
				*p++ = '\0';
		}
		words[nw] = NULL;
		if (nw == 0) {
			snprintf(err, errsize, "an empty stage in the chain");
			return CHAIN_USAGE;
		}
		if (c->n == CHAIN_MAX) {
			snprintf(err, errsize, "more than %d stages", CHAIN_MAX);
			return CHAIN_USAGE;
		}
		s = &c->st[c->n];
		if (!(s->e = engine_find(words[0]))) {
			snprintf(err, errsize, "%s: not a filter (one of "
			    "unmojibake, unboiler, sentsplit, quotetag, apply)",
			    words[0]);
			return CHAIN_USAGE;
		}
		diag_init(&s->d, s->e->name);
		s->d.emit = keep_warning;
		s->obj = s->e->create(&s->d);
		c->n++;
		c->bad = s->e;
		r = chain_options(s->e, s->obj, &c->ro, &c->sh, nw, words, rest,
		    &nrest, NULL, NULL, err, errsize);
		for (i = 0; r == CHAIN_OK && i < nrest && s->e->operand; i++)
			if (s->e->operand(s->obj, rest[i]) != 0)
				r = CHAIN_USAGE;
		if (r == CHAIN_OK && nrest > 0 && !s->e->operand) {
			snprintf(err, errsize, "%s: %s: a stage reads no files",
			    s->e->name, rest[0]);
			r = CHAIN_USAGE;
		}
		if (r != CHAIN_OK) {
			if (r == CHAIN_USAGE && !err[0])
				snprintf(err, errsize, "%s: %s", s->e->name,
				    s->d.last);
			return r;
		}
	}
	c->bad = NULL;
	return CHAIN_OK;
}

int
chain_start(struct chain *c, char *err, size_t errsize)
{
	int i, r;

	err[0] = '\0';
	for (i = 0; i < c->n; i++) {
		memset(&c->st[i].f, 0, sizeof(c->st[i].f));
		if ((r = c->st[i].e->start(c->st[i].obj, &c->ro,
		    &c->st[i].f)) != 0) {
			snprintf(err, errsize, "%s: %s", c->st[i].e->name,
			    c->st[i].d.last);
			c->bad = c->st[i].e;
			return r;
		}
	}
	return CHAIN_OK;
}

int
chain_finish(struct chain *c)
{
	int i, r = 0;

	for (i = 0; i < c->n; i++)
		if (c->st[i].e->finish)
			r |= c->st[i].e->finish(c->st[i].obj);
	return r;
}

void
chain_free(struct chain *c)
{
	int i;

	for (i = 0; i < c->n; i++)
		c->st[i].e->destroy(c->st[i].obj);
	free(c->mem);
	memset(c, 0, sizeof(*c));
}
