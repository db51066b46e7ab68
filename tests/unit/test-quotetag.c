/* See LICENSE file for copyright and license details. */
/*
 * test-quotetag: the quotetag engine keeps all its state in its object.
 * Two objects with different options, fed pieces of different documents
 * in turn, give what each gives alone; and where a document is cut into
 * pieces changes nothing.
 */
#include <stdlib.h>
#include <string.h>

#include "common/engine.h"
#include "common/io.h"
#include "common/rec.h"
#include "common/util.h"
#include "filters/quotetag.h"
#include "tests/unit/tap.h"

struct eng {
	void *obj;
	struct diag d;
	struct rec_opt ro;
	struct rec_filter f;
};

static void
quiet(void *arg, const char *prog, const char *msg)
{
	(void)arg;
	(void)prog;
	(void)msg;
}

/* A started quotetag object with options opts ("" or one letter and an
 * argument, as "f tsv" or "s"). */
static void
make(struct eng *e, const char *opts)
{
	memset(e, 0, sizeof(*e));
	diag_init(&e->d, "quotetag");
	e->d.emit = quiet;
	e->obj = quotetag_engine.create(&e->d);
	rec_opt_init(&e->ro);
	if (*opts && quotetag_engine.option(e->obj, opts[0],
	    opts[1] ? opts + 2 : NULL))
		abort();
	if (quotetag_engine.start(e->obj, &e->ro, &e->f))
		abort();
}

static void
unmake(struct eng *e)
{
	quotetag_engine.destroy(e->obj);
}

/* Feed the piece p[0, n) of a document; end it if last. */
static void
piece(struct eng *e, const char *p, size_t n, int last, struct buf *out)
{
	e->f.fn(e->f.ctx, p, n, out);
	if (last)
		e->f.enddoc(e->f.ctx, out);
}

/* What a fresh object with options opts makes of document s, in the
 * pieces s[0, cut) and the rest. */
static void
alone(const char *opts, const char *s, size_t cut, struct buf *out)
{
	struct eng e;

	make(&e, opts);
	out->len = 0;
	piece(&e, s, cut, 0, out);
	piece(&e, s + cut, strlen(s) - cut, 1, out);
	unmake(&e);
}

static int
same(const struct buf *a, const struct buf *b)
{
	return a->len == b->len && !memcmp(a->p, b->p, a->len);
}

int
main(void)
{
	static const char *const docs[] = {
		"\"Yes,\" Mary Jones said.\n\"No,\" she added.\n",
		"\"Maybe,\" he said. \"Later,\" Tom Reed said.\n",
		"\xe2\x80\x98We will win,\xe2\x80\x99 Smith said.\n",
	};
	static const char *const opts[] = { "f tsv", "s" };
	struct buf out[2], ref;
	struct eng e[2];
	const char *doc[2];
	size_t i, k, cut[2];

	buf_init_mem(&out[0], 256);
	buf_init_mem(&out[1], 256);
	buf_init_mem(&ref, 256);
	for (i = 0; i < LEN(docs); i++) {
		make(&e[0], opts[0]);
		make(&e[1], opts[1]);
		out[0].len = out[1].len = 0;
		/* object 0 reads document i, object 1 document i + 1, each
		 * in two pieces cut after the first line, in turn */
		for (k = 0; k < 2; k++) {
			doc[k] = docs[(i + k) % LEN(docs)];
			cut[k] = (size_t)(strchr(doc[k], '\n') - doc[k]) + 1;
		}
		for (k = 0; k < 2; k++)
			piece(&e[k], doc[k], cut[k], 0, &out[k]);
		for (k = 0; k < 2; k++)
			piece(&e[k], doc[k] + cut[k],
			    strlen(doc[k]) - cut[k], 1, &out[k]);
		for (k = 0; k < 2; k++) {
			alone(opts[k], doc[k], cut[k], &ref);
			ok(same(&out[k], &ref), "document %zu, -%s, read in "
			    "turn with another object: as alone",
			    (i + k) % LEN(docs), opts[k]);
			alone(opts[k], doc[k], strlen(doc[k]), &ref);
			ok(same(&out[k], &ref), "document %zu, -%s, in two "
			    "pieces: as whole", (i + k) % LEN(docs), opts[k]);
		}
		unmake(&e[0]);
		unmake(&e[1]);
	}
	free(out[0].p);
	free(out[1].p);
	free(ref.p);
	return done_testing();
}
