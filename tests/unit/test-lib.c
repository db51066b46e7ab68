/* See LICENSE file for copyright and license details. */
/*
 * test-lib DIR FILE...: libcopydesk through its public header only, as a
 * user's program links it (statically as bin/test-lib, dynamically as
 * bin/test-lib-so). For each FILE, DIR/NAME.out must hold what the
 * programs' pipe gives on it (the test script makes them):
 *   - two handles, one chain each, used in turn on different documents,
 *     give those bytes;
 *   - streaming the same document in pieces of 1 to 4096 bytes gives the
 *     same bytes;
 *   - a record through a --jsonl chain holds them in its field;
 *   - errors: a bad chain, a bad option, the wrong call for a chain.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "copydesk.h"

static int nt, bad;

static void
ok(int cond, const char *what, const char *name)
{
	printf("%sok %d - %s%s%s\n", cond ? "" : "not ", ++nt, what,
	    name ? ": " : "", name ? name : "");
	bad += !cond;
}

static char *
slurp(const char *path, size_t *n)
{
	FILE *fp = fopen(path, "rb");
	char *p;
	long k;

	if (!fp)
		return NULL;
	fseek(fp, 0, SEEK_END);
	k = ftell(fp);
	fseek(fp, 0, SEEK_SET);
	p = malloc((size_t)k + 1);
	*n = fread(p, 1, (size_t)k, fp);
	fclose(fp);
	return p;
}

struct acc {
	char *p;
	size_t n;
};

static void
collect(void *arg, const char *p, size_t n)
{
	struct acc *a = arg;

	a->p = realloc(a->p, a->n + n + 1);
	memcpy(a->p + a->n, p, n);
	a->n += n;
}

static const char chain[] = "unmojibake | unboiler | sentsplit | quotetag";

int
main(int argc, char *argv[])
{
	copydesk *h1, *h2, *hj;
	char *in, *want, *out, *err = NULL, path[4096], *name;
	size_t nin, nwant, nout, step;
	struct acc a;
	int i, r, same;

	if (argc < 3) {
		fprintf(stderr, "usage: test-lib dir file ...\n");
		return 2;
	}
	ok(strcmp(copydesk_version(), "0") > 0, "copydesk_version", NULL);
	h1 = copydesk_new(chain, &err);
	h2 = copydesk_new(chain, &err);
	hj = copydesk_new("unmojibake --jsonl | sentsplit | quotetag",
	    &err);
	ok(h1 && h2 && hj, "three handles", err);
	if (!h1 || !h2 || !hj)
		return 1;
	for (i = 2; i < argc; i++) {
		name = strrchr(argv[i], '/') ? strrchr(argv[i], '/') + 1 : argv[i];
		snprintf(path, sizeof(path), "%s/%s.out", argv[1], name);
		if (!(in = slurp(argv[i], &nin)) || !(want = slurp(path, &nwant))) {
			ok(0, "read the document and its expected output", name);
			continue;
		}
		/* the two handles in turn, on this and the next document */
		r = copydesk_process(i % 2 ? h1 : h2, in, nin, &out, &nout);
		ok(r == 0 && nout == nwant && !memcmp(out, want, nout) &&
		    out[nout] == '\0', "copydesk_process gives the pipe's bytes",
		    name);
		free(out);
		r = copydesk_process(i % 2 ? h2 : h1, in, nin, &out, &nout);
		ok(r == 0 && nout == nwant && !memcmp(out, want, nout),
		    "... and the other handle, after other documents", name);
		free(out);

		/* streamed in pieces */
		memset(&a, 0, sizeof(a));
		same = 1;
		for (step = 1; step <= 4096 && same; step *= 8) {
			size_t off;

			a.n = 0;
			r = copydesk_stream(h1, collect, &a);
			for (off = 0; off < nin && r == 0; off += step)
				r = copydesk_write(h1, in + off, nin - off < step ?
				    nin - off : step);
			r |= copydesk_close(h1);
			same = r == 0 && a.n == nwant && !memcmp(a.p, want, a.n);
		}
		ok(same, "streamed in pieces of 1 to 4096 bytes: the same bytes",
		    name);
		free(a.p);
		free(in);
		free(want);
	}
	/* a record */
	in = "{\"id\":1,\"text\":\"\\\"Yes,\\\" Smith said.\"}";
	r = copydesk_record(hj, in, strlen(in), &out, &nout);
	ok(r == 0 && strstr(out, "\"quotes\":[{") && strstr(out, "\"id\":1,"),
	    "copydesk_record: the record with its quotes", out);
	free(out);
	r = copydesk_record(hj, "not json", 8, &out, &nout);
	ok(r == -1 && nout == 8 && !memcmp(out, "not json", 8) &&
	    strstr(copydesk_error(hj), "not JSON"),
	    "copydesk_record: a bad line back as it came, with the reason",
	    copydesk_error(hj));
	free(out);
	ok(strstr(copydesk_stats(hj), "\"records\":2") != NULL,
	    "copydesk_stats counts the records", copydesk_stats(hj));
	/* errors */
	err = NULL;
	ok(!copydesk_new("sentsplit | nosuch", &err) && err &&
	    strstr(err, "nosuch: not a filter"), "a bad chain is refused", err);
	free(err);
	err = NULL;
	ok(!copydesk_new("sentsplit -L xx", &err) && err && strstr(err, "xx"),
	    "a bad option is refused", err);
	free(err);
	ok(copydesk_record(h1, "{}", 2, &out, &nout) == -1 &&
	    strstr(copydesk_error(h1), "--jsonl"),
	    "copydesk_record needs --jsonl", copydesk_error(h1));
	ok(copydesk_process(hj, "x", 1, &out, &nout) == -1,
	    "copydesk_process refuses a --jsonl chain", copydesk_error(hj));
	ok(copydesk_free(h1) == 0 && copydesk_free(h2) == 0 &&
	    copydesk_free(hj) == 0 && copydesk_free(NULL) == 0,
	    "copydesk_free", NULL);
	printf("1..%d\n", nt);
	return bad != 0;
}
