/* See LICENSE file for copyright and license details. */
/*
 * fuzz-filter: one libFuzzer target per filter, built with
 * -DFILTER=name. Each input is run through the filter's engine
 * (common/engine.h) as the programs run it, then checked against what the
 * filter promises:
 *   sentsplit   only whitespace changes
 *   unboiler    output lines are a subsequence of the input lines
 *   quotetag    removing the <q ...> and </q> tags gives the input back
 *               (for input without "<q" of its own)
 * and every filter is idempotent: running it on its own output, with the
 * same options, changes nothing.
 *
 * The first byte of an input picks the options (a row of the filter's
 * table below: languages, -w, -e, -z, ...) and the second the window
 * (rec.h), from 4 MiB down to 64 bytes, so that window cuts happen in
 * inputs of fuzzing size; the rest is the text. FUZZ_ARGS in the
 * environment fixes the options instead (FUZZ_ARGS="-L de -w"), and then
 * every byte is text; with -f, -m or -u only crashes are looked for.
 * Crashes, sanitizer reports, leaks and timeouts are found by libFuzzer.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "common/engine.h"
#include "common/io.h"
#include "common/rec.h"
#include "common/util.h"

#define STR(x) STR2(x)
#define STR2(x) #x
#define ENGINE CAT(FILTER, _engine)
#define CAT(a, b) CAT2(a, b)
#define CAT2(a, b) a##b

static const char *const optsets[] = {
#if defined(FUZZ_sentsplit)
	"", "-w", "-l", "-u", "-L de", "-L zh", "-L ja", "-L ar", "-L el",
	"-L hy", "-L ru", "-L hi", "-w -L de", "-z", "-z -w",
#elif defined(FUZZ_unboiler)
	"", "-L en", "-L de", "-L ru", "-z", "-m", "-z -m",
#elif defined(FUZZ_quotetag)
	"", "-s", "-a", "-s -a", "-z", "-a -z", "-s -z",
#else
	"", "-e", "-f GBK", "-f CP932", "-f ISO-8859-7", "-e -z", "-z",
#endif
};
static const size_t windows[] = { REC_WINDOW, 65536, 4096, 1000, 256, 100,
	64 };

struct setup {
	const struct engine *e;
	void *obj;
	struct diag d;
	struct rec_opt ro;
	struct rec_filter f;
	int nocheck;
};

static struct setup fixed, *setups;
static struct buf o, o2;

static void
quiet(void *arg, const char *prog, const char *msg)
{
	(void)arg;
	(void)prog;
	(void)msg;
}

/* Make the engine with options args (split at spaces) and window w. */
static void
setup(struct setup *s, const char *args, size_t w)
{
	char *copy = strdup(args), *tok;

	memset(s, 0, sizeof(*s));
	s->e = &ENGINE;
	diag_init(&s->d, s->e->name);
	s->d.emit = quiet;
	s->obj = s->e->create(&s->d);
	rec_opt_init(&s->ro);
	s->ro.window = w;
	for (tok = strtok(copy, " "); tok; tok = strtok(NULL, " ")) {
		if (!strcmp(tok, "-z")) {
			s->ro.mode = REC_NUL;
			continue;
		}
		/* options that change what the output is: crashes only
		 * (unmojibake's -f names an encoding) */
		if (!strcmp(tok, "-m") || !strcmp(tok, "-u") ||
		    (!strncmp(tok, "-f", 2) && strcmp(STR(FILTER),
		    "unmojibake")))
			s->nocheck = 1;
		if (tok[0] == '-' && tok[1] && !strchr(s->e->shortopts,
		    tok[1]))
			abort();
		if (s->e->option(s->obj, tok[1], tok[2] ? tok + 2 :
		    strchr(s->e->shortopts, tok[1])[1] == ':' ?
		    strtok(NULL, " ") : NULL))
			abort();
	}
	free(copy);
	if (s->e->start(s->obj, &s->ro, &s->f))
		abort();
}

/* The filter over p[0..n) into b, as its program would run it. */
static void
run(struct setup *s, const char *p, size_t n, struct buf *b)
{
	struct rec_run *r;

	b->len = 0;
	if (!(r = rec_new(&s->ro, &s->d, b)) ||
	    rec_add(r, &s->f, s->e->name, &s->d) < 0)
		abort();
	rec_push(r, p, n);
	rec_push_end(r);
	rec_end(r);
	rec_free(r);
}

static size_t
nospace(const char *p, size_t n, char *dst)
{
	size_t i, k = 0;

	for (i = 0; i < n; i++)
		if (p[i] != ' ' && (p[i] < '\t' || p[i] > '\r'))
			dst[k++] = p[i];
	return k;
}

static void
check1(const char *in, size_t n, const char *out, size_t m)
{
	const char *name = STR(FILTER);
	char *a, *b;
	size_t i, j, k, e, la, lb;

	if (!strcmp(name, "sentsplit")) {
		a = malloc(n + 1);
		b = malloc(m + 1);
		la = nospace(in, n, a);
		lb = nospace(out, m, b);
		if (la != lb || memcmp(a, b, la))
			abort();
		free(a);
		free(b);
	} else if (!strcmp(name, "unboiler")) {
		/* every output line occurs in the input, in order */
		for (i = 0, j = 0; j < m; j = e) {
			const char *nl = memchr(out + j, '\n', m - j);

			e = nl ? (size_t)(nl - out) + 1 : m;
			for (;;) {
				const char *nl2;

				if (i >= n)
					abort();
				nl2 = memchr(in + i, '\n', n - i);
				k = nl2 ? (size_t)(nl2 - in) + 1 : n;
				if (k - i >= e - j && !memcmp(in + i, out + j, e - j) &&
				    (k - i == e - j || (e == m && out[e - 1] != '\n'))) {
					i = k;
					break;
				}
				i = k;
			}
		}
	} else if (!strcmp(name, "quotetag") && !mem_mem(in, n, "<q", 2) &&
	           !mem_mem(in, n, "</q>", 4)) {
		/* (input that already holds tags is taken as earlier output:
		 * quotetag replaces such tags, so only tag-free input can be
		 * checked this way) */
		a = malloc(m + 1);
		for (i = 0, la = 0; i < m;) {
			if (m - i >= 3 && !memcmp(out + i, "<q ", 3)) {
				const char *gt = memchr(out + i, '>', m - i);

				if (!gt)
					abort();
				i = (size_t)(gt - out) + 1;
			} else if (m - i >= 4 && !memcmp(out + i, "</q>", 4)) {
				i += 4;
			} else {
				a[la++] = out[i++];
			}
		}
		if (la != n || memcmp(a, in, n))
			abort();
		free(a);
	}
}

/* With -z, document by document: each input document has its output (a
 * last one without its NUL may have come out empty, and then is not
 * there at all), and nothing more comes out. */
static void
check(const struct setup *s, const char *in, size_t n, const char *out,
      size_t m)
{
	const char *a, *b;
	size_t i = 0, j = 0, k, l;

	if (s->ro.mode != REC_NUL) {
		check1(in, n, out, m);
		return;
	}
	while (i < n) {
		a = memchr(in + i, '\0', n - i);
		k = a ? (size_t)(a - in) : n;
		b = j < m ? memchr(out + j, '\0', m - j) : NULL;
		l = b ? (size_t)(b - out) : m;
		if (a && !b)
			abort();        /* a NUL lost */
		check1(in + i, k - i, out + j, l - j);
		i = k + (a != NULL);
		j = l + (b != NULL);
	}
	if (j < m)
		abort();                /* output from nothing */
}

/* Whether f(f(x)) == f(x) is promised: unboiler decides a document longer
 * than the window piece by piece, and a second run cuts it elsewhere. */
static int
idempotent(const struct setup *s, const char *p, size_t n)
{
	const char *q;
	size_t i, k;

	if (strcmp(STR(FILTER), "unboiler"))
		return 1;
	/* a unit is whole when it is shorter than the window: one that
	 * fills it (its NUL or the end of the input not yet seen) is cut */
	if (s->ro.mode != REC_NUL)
		return n < s->ro.window;
	for (i = 0; i < n; i = k + 1) {
		q = memchr(p + i, '\0', n - i);
		k = q ? (size_t)(q - p) : n;
		if (k - i >= s->ro.window)
			return 0;
	}
	return 1;
}

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	const char *env = getenv("FUZZ_ARGS");
	size_t i, j;

	(void)argc;
	(void)argv;
	if (env) {
		setup(&fixed, env, REC_WINDOW);
	} else {
		setups = calloc(LEN(optsets) * LEN(windows), sizeof(*setups));
		for (i = 0; i < LEN(optsets); i++)
			for (j = 0; j < LEN(windows); j++)
				setup(&setups[i * LEN(windows) + j], optsets[i],
				    windows[j]);
	}
	buf_init_mem(&o, 4096);
	buf_init_mem(&o2, 4096);
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *p = (const char *)data;
	struct setup *s = &fixed;

	if (!getenv("FUZZ_ARGS")) {
		if (size < 2)
			return 0;
		s = &setups[(data[0] % LEN(optsets)) * LEN(windows) +
		    data[1] % LEN(windows)];
		p += 2;
		size -= 2;
	}
	run(s, p, size, &o);
	if (s->nocheck)
		return 0;
	check(s, p, size, o.p, o.len);
	/* idempotent: f(f(x)) == f(x) */
	if (!idempotent(s, p, size))
		return 0;
	run(s, o.p, o.len, &o2);
	if (o2.len != o.len || memcmp(o2.p, o.p, o.len))
		abort();
	return 0;
}
