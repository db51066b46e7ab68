/* See LICENSE file for copyright and license details. */
/*
 * test-unmojibake: the unmojibake engine through common/engine.h, as the
 * chain and the library use it: objects are independent, counters are
 * per object, explanations go through the diag's note function.
 */
#include <stdlib.h>
#include <string.h>

#include "common/engine.h"
#include "common/io.h"
#include "common/rec.h"
#include "tests/unit/tap.h"

#define OPT_EXPLAIN 0x200 /* --explain, as in filters/unmojibake.c */

struct obj {
	void *e;
	struct diag d;
	struct rec_opt ro;
	struct rec_filter f;
	struct buf notes;
};

static void
take_note(void *arg, const char *p, size_t n)
{
	buf_put(arg, p, n);
}

/* An engine object with option c (0: none) and its argument. */
static void
make(struct obj *o, int c, const char *arg)
{
	memset(o, 0, sizeof(*o));
	diag_init(&o->d, "unmojibake");
	buf_init_mem(&o->notes, 256);
	o->d.note = take_note;
	o->d.arg = &o->notes;
	o->e = unmojibake_engine.create(&o->d);
	rec_opt_init(&o->ro);
	if (c && unmojibake_engine.option(o->e, c, arg))
		abort();
	if (unmojibake_engine.start(o->e, &o->ro, &o->f))
		abort();
}

/* One document through o: its output, NUL-terminated, in b. */
static const char *
doc(struct obj *o, const char *s, struct buf *b)
{
	b->len = 0;
	rec_feed(&o->f, s, strlen(s), b);
	if (o->f.enddoc)
		o->f.enddoc(o->f.ctx, b);
	buf_putc(b, '\0');
	return b->p;
}

static unsigned long long
counter(struct obj *o, const char *name)
{
	struct rec_counter *c;

	for (c = o->f.counters; c && c->name; c++)
		if (!strcmp(c->name, name))
			return c->n;
	return ~0ULL;
}

int
main(void)
{
	static const char koi[] = "\360\322\311\327\305\324 ok\n";
	static const char moji[] = "It\303\242\342\202\254\342\204\242s\n";
	struct obj a, b, d, x;
	struct buf o;
	char first[64];

	buf_init_mem(&o, 256);
	make(&a, 'f', "KOI8-R");
	make(&b, 'f', "CP1252");
	make(&d, 0, NULL);
	snprintf(first, sizeof(first), "%s", doc(&a, koi, &o));
	ok(!strcmp(first, "Привет ok\n"), "-f KOI8-R object decodes KOI8-R");
	ok(!strcmp(doc(&b, koi, &o), "ðÒÉ×ÅÔ ok\n"),
	    "a -f CP1252 object made after it still decodes CP1252");
	ok(!strcmp(doc(&a, koi, &o), first),
	    "the first object is unchanged by the second");
	ok(counter(&a, "legacy_bytes") == 18 && counter(&b, "legacy_bytes") == 9,
	    "counters are per object (%llu, %llu)",
	    counter(&a, "legacy_bytes"), counter(&b, "legacy_bytes"));

#ifdef HAVE_UCHARDET
	ok(!strcmp(doc(&d, koi, &o), "Привет ok\n"),
	    "a default object (-f auto) detects KOI8-R: %s", o.p);
#else
	ok(!strcmp(doc(&d, koi, &o), "ðÒÉ×ÅÔ ok\n"),
	    "a default object (-f auto) without a detector reads CP1252");
#endif
	ok(!strcmp(doc(&b, koi, &o), "ðÒÉ×ÅÔ ok\n"),
	    "and the -f CP1252 object is unchanged by it");

	make(&x, OPT_EXPLAIN, NULL);
	ok(!strcmp(doc(&x, moji, &o), "It’s\n"), "a repair");
	buf_putc(&x.notes, '\0');
	ok(strstr(x.notes.p, "offset 2") != NULL,
	    "--explain goes through the diag's note function: %s", x.notes.p);
	ok(a.notes.len == 0 && b.notes.len == 0 && d.notes.len == 0,
	    "objects without --explain note nothing");

	unmojibake_engine.destroy(a.e);
	unmojibake_engine.destroy(b.e);
	unmojibake_engine.destroy(d.e);
	unmojibake_engine.destroy(x.e);
	buf_free(&o);
	buf_free(&a.notes);
	buf_free(&b.notes);
	buf_free(&d.notes);
	buf_free(&x.notes);
	return done_testing();
}
