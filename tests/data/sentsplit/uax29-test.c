/* See LICENSE file for copyright and license details. */
/*
 * uax29-test: run Unicode's SentenceBreakTest.txt against the UAX #29
 * boundaries of sentsplit -u (sentsplit_uax29, filters/sentsplit.h),
 * printing TAP: one test per line of the file.
 *
 *   cc -I. tests/data/sentsplit/uax29-test.c filters/sentsplit.o \
 *       filters/sentsplit_data.o libcommon.a $(pkg-config --libs ...)
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/engine.h"
#include "common/utf8.h"
#include "common/util.h"
#include "filters/sentsplit.h"

struct got {
	size_t pos[256];
	size_t n;
};

static void
collect(size_t b, void *arg)
{
	struct got *g = arg;

	if (g->n < LEN(g->pos))
		g->pos[g->n++] = b;
}

int
main(int argc, char *argv[])
{
	char line[4096], text[1024], *q, *end;
	size_t want[256], nwant, len, i, t = 0;
	struct got g;
	struct diag d;
	struct sentsplit *ss;
	unsigned long cp;
	FILE *fp;
	int bad = 0, ok;

	if (argc != 2 || !(fp = fopen(argv[1], "r"))) {
		fprintf(stderr, "usage: uax29-test SentenceBreakTest.txt\n");
		return 2;
	}
	diag_init(&d, "uax29-test");
	ss = sentsplit_engine.create(&d);
	while (fgets(line, sizeof(line), fp)) {
		if ((q = strchr(line, '#')))
			*q = '\0';
		for (q = line + strlen(line); q > line && (q[-1] == ' ' ||
		    q[-1] == '\t' || q[-1] == '\n'); q--)
			q[-1] = '\0';
		len = nwant = 0;
		for (q = line; *q; ) {
			if (!strncmp(q, "\xc3\xb7", 2)) {       /* ÷ */
				if (len > 0 && nwant < LEN(want))
					want[nwant++] = len;
				q += 2;
			} else if (!strncmp(q, "\xc3\x97", 2)) { /* × */
				q += 2;
			} else if (*q == ' ' || *q == '\t' || *q == '\n') {
				q++;
			} else {
				cp = strtoul(q, &end, 16);
				if (end == q || len + 4 > sizeof(text))
					break;
				len += utf8_enc((uint32_t)cp, text + len);
				q = end;
			}
		}
		if (len == 0)
			continue;
		/* the last ÷ is the end of the text, not a boundary inside */
		if (nwant > 0 && want[nwant - 1] == len)
			nwant--;
		g.n = 0;
		sentsplit_uax29(ss, text, len, collect, &g);
		ok = g.n == nwant;
		for (i = 0; ok && i < nwant; i++)
			ok = g.pos[i] == want[i];
		printf("%s %zu - %s\n", ok ? "ok" : "not ok", ++t, line);
		if (!ok) {
			bad++;
			printf("# want:");
			for (i = 0; i < nwant; i++)
				printf(" %zu", want[i]);
			printf("\n# got: ");
			for (i = 0; i < g.n; i++)
				printf(" %zu", g.pos[i]);
			printf("\n");
		}
	}
	printf("1..%zu\n", t);
	sentsplit_engine.destroy(ss);
	fclose(fp);
	return bad != 0;
}
