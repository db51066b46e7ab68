/* See LICENSE file for copyright and license details. */
/*
 * fuzz-filter: one libFuzzer target per filter, built from the filter's
 * own source with -Dmain=filter_main -DFILTER=name. The harness runs the
 * program's main once (its options, tables and compiled patterns), which
 * hands its struct rec_filter over instead of reading (rec_capture), then
 * feeds every input to it as one document and checks what the filter
 * promises:
 *   sentsplit   only whitespace changes
 *   unboiler    output lines are a subsequence of the input lines
 *   quotetag    removing the <q ...> and </q> tags gives the input back
 *               (for input without "<q" of its own)
 * and that every filter is idempotent: running it on its own output
 * changes nothing.
 * FUZZ_ARGS in the environment gives the filter options (FUZZ_ARGS=-w
 * bin/fuzz-sentsplit); with -f, -m or -u only crashes are looked for.
 * Crashes, sanitizer reports, leaks and timeouts are found by libFuzzer.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "common/io.h"
#include "common/rec.h"

#define STR(x) STR2(x)
#define STR2(x) #x

int filter_main(int argc, char *argv[]);

static struct buf o, o2;
static int nocheck;     /* FUZZ_ARGS changes the output format */

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
check(const char *in, size_t n, const char *out, size_t m)
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
	} else if (!strcmp(name, "quotetag") && !memmem(in, n, "<q", 2) &&
	           !memmem(in, n, "</q>", 4)) {
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

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	static char *args[16] = { STR(FILTER) };
	char *env = getenv("FUZZ_ARGS"), *tok;
	int n = 1;

	(void)argc;
	(void)argv;
	/* FUZZ_ARGS="-w": options for the filter, split at spaces; options
	 * that change the output format turn the promise checks off */
	if (env && (env = strdup(env)))
		for (tok = strtok(env, " "); tok && n < 15;
		     tok = strtok(NULL, " ")) {
			args[n++] = tok;
			if (!strcmp(tok, "-m") || !strcmp(tok, "-u") ||
			    !strncmp(tok, "-f", 2))
				nocheck = 1;
		}
	args[n] = NULL;
	rec_capture = 1;
	filter_main(n, args);
	buf_init_mem(&o, 4096);
	buf_init_mem(&o2, 4096);
	return 0;
}

static void
run(const char *p, size_t n, struct buf *b)
{
	b->len = 0;
	rec_feed(&rec_captured, p, n, b);
	if (rec_captured.enddoc)
		rec_captured.enddoc(rec_captured.ctx, b);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	run((const char *)data, size, &o);
	if (nocheck)
		return 0;
	check((const char *)data, size, o.p, o.len);
	/* idempotent: f(f(x)) == f(x) */
	run(o.p, o.len, &o2);
	if (o2.len != o.len || memcmp(o2.p, o.p, o.len))
		abort();
	return 0;
}
