/* See LICENSE file for copyright and license details. */
/*
 * fuzz-relit: libFuzzer target for common/relit.c. The first byte chooses:
 * even, the rest is a line matched against one of unboiler's patterns;
 * odd, the rest is "PATTERN\0SUBJECT", any pattern PCRE2 compiles. Either
 * way a match must start with a string of relit's pre set, contain one of
 * its req set and start with a byte of its first set
 * (tests/unit/relit-check.h), and relit must not fault.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>

#include "common/relit.h"
#include "filters/unboiler_data.h"
#include "tests/unit/relit-check.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct relit_check *c;
	struct relit pre, req;
	unsigned char first[256];
	const char *s = (const char *)data + 1, *z;
	pcre2_code *re;
	PCRE2_SIZE eoff;
	size_t n;
	char *pat;
	int ec;

	if (size < 2)
		return 0;
	if (!c)
		c = relit_check_init();
	n = size - 1;
	if (!(data[0] & 1)) {
		if (relit_check(c, data[1] % ub_npats, s + 1, n - 1) < 0)
			abort();
		return 0;
	}
	if (!(z = memchr(s, '\0', n)) || z - s > 200)
		return 0;
	pat = strdup(s);
	if (!pat)
		abort();
	relit(pat, &pre, &req, first);
	re = pcre2_compile((PCRE2_SPTR)pat, PCRE2_ZERO_TERMINATED, PCRE2_UTF |
	    PCRE2_UCP | PCRE2_CASELESS | PCRE2_MATCH_INVALID_UTF, &ec, &eoff,
	    NULL);
	if (re) {
		if (relit_check_one(re, &pre, &req, first, c->md, c->mctx, z + 1,
		    n - (size_t)(z + 1 - s), pat) < 0)
			abort();
		pcre2_code_free(re);
	}
	free(pat);
	return 0;
}
