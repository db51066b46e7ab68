/* See LICENSE file for copyright and license details. */
/*
 * relit-check.h: is relit sound for unboiler's patterns? Shared by
 * test-relit and fuzz-relit. Each pattern is compiled as unboiler compiles
 * it; relit_check(c, i, s, n) matches pattern i against s[0..n) and, on a
 * match, checks that the match (ASCII lowered) starts with a string of pre
 * and contains one of req, and that first allows its first byte. Returns 0 for no match, 1 for a match that does,
 * -1 (after a message on stderr) for one that does not.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct relit_check {
	pcre2_code *re[256];
	struct relit pre[256], req[256];
	unsigned char first[256][256];
	pcre2_match_data *md;
	pcre2_match_context *mctx;
};

static struct relit_check *
relit_check_init(void)
{
	struct relit_check *c = calloc(1, sizeof(*c));
	PCRE2_SIZE eoff;
	size_t i;
	int ec;

	if (!c || ub_npats > 256)
		abort();
	for (i = 0; i < ub_npats; i++) {
		c->re[i] = pcre2_compile((PCRE2_SPTR)ub_pats[i].re,
		    PCRE2_ZERO_TERMINATED, PCRE2_UTF | PCRE2_UCP |
		    PCRE2_CASELESS | PCRE2_MATCH_INVALID_UTF, &ec, &eoff, NULL);
		if (!c->re[i])
			abort();
		pcre2_jit_compile(c->re[i], PCRE2_JIT_COMPLETE);
		relit(ub_pats[i].re, &c->pre[i], &c->req[i], c->first[i]);
	}
	c->md = pcre2_match_data_create(1, NULL);
	c->mctx = pcre2_match_context_create(NULL);
	pcre2_set_match_limit(c->mctx, 100000);
	pcre2_set_depth_limit(c->mctx, 1000);
	return c;
}

static void
relit_check_free(struct relit_check *c)
{
	size_t i;

	for (i = 0; i < ub_npats; i++)
		pcre2_code_free(c->re[i]);
	pcre2_match_data_free(c->md);
	pcre2_match_context_free(c->mctx);
	free(c);
}

/* Match re against s[0..n); on a match, check it against pre and req. */
static int
relit_check_one(pcre2_code *re, const struct relit *pre,
    const struct relit *req, const unsigned char *first,
    pcre2_match_data *md, pcre2_match_context *mctx, const char *s, size_t n,
    const char *what)
{
	struct relit_subject sub;
	PCRE2_SIZE *ov;
	char *low;
	size_t b, e;
	int j, pre_ok, req_ok, first_ok;

	if (pcre2_match(re, (PCRE2_SPTR)s, n, 0, 0, md, mctx) < 0)
		return 0;
	if (relit_odd_case(s, n))
		return 1;
	ov = pcre2_get_ovector_pointer(md);
	b = ov[0], e = ov[1];
	if (b > e)              /* \K in a lookahead: nothing to say */
		return 1;
	if (!(low = malloc(n + 1)))
		abort();
	relit_subject(&sub, s + b, e - b, low);
	pre_ok = pre->n < 0;
	for (j = 0; j < pre->n; j++)
		pre_ok |= relit_starts(low, e - b, pre->s[j], pre->len[j]);
	req_ok = relit_any(req, &sub);
	first_ok = b == e || first[(unsigned char)s[b]];
	free(low);
	if (pre_ok && req_ok && first_ok)
		return 1;
	fprintf(stderr, "relit: %s: match [%zu, %zu) of \"%.*s\" fails %s\n",
	    what, b, e, (int)n, s, !pre_ok ? "pre" : !req_ok ? "req" : "first");
	return -1;
}

static int
relit_check(struct relit_check *c, size_t i, const char *s, size_t n)
{
	return relit_check_one(c->re[i], &c->pre[i], &c->req[i], c->first[i],
	    c->md, c->mctx, s, n, ub_pats[i].re);
}
