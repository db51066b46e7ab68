/* See LICENSE file for copyright and license details. */
/*
 * unboiler-lit: print the ub_lits table of filters/unboiler_data.c: what
 * unboiler knows of each pattern of ub_pats before it calls PCRE2, the
 * literal strings common/relit.c reads in it (relit.h) and, for a pattern
 * anchored at ^, the bytes a match can start with, as relit and PCRE2's
 * first code units tell them together. Compiled and run by
 * scripts/gen/unboiler-data with the pattern table it has just printed.
 * It refuses a pattern that PCRE2 does not compile, or one that starts
 * with ^ and is not anchored in every branch ("^a|b" would look for b
 * anywhere), so that unboiler itself need not compile a pattern before a
 * line needs it.
 *
 * Done here and not at start-up, reading the patterns cost each unboiler
 * process 9.5M instructions and compiling them twice over (the anchored
 * ones once more without their ^, for the first code units) 5.2M, of the
 * 17.5M its start-up took (callgrind, 2026-12-06).
 *
 * The first code units come from the PCRE2 of the machine that generates
 * the table. They are what the pattern can match, not how PCRE2 reads it,
 * so they hold for any PCRE2 with the same Unicode case folding.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>

#include "common/relit.h"
#include "filters/unboiler_data.h"

static const char *const kind_file[] = { "line.txt", "end.txt", "soft.txt",
	"stamp.txt", "credit.txt" };

static void
die(size_t i, const char *msg)
{
	fprintf(stderr, "unboiler-lit: data/unboiler/%s:%d: %s\n",
	    kind_file[ub_pats[i].kind], ub_pats[i].lineno, msg);
	exit(1);
}

static pcre2_code *
compile(size_t i, const char *src)
{
	pcre2_code *re;
	PCRE2_SIZE eoff;
	PCRE2_UCHAR msg[256];
	char what[320];
	int ec;

	re = pcre2_compile((PCRE2_SPTR)src, PCRE2_ZERO_TERMINATED,
	    UB_PAT_OPTIONS, &ec, &eoff, NULL);
	if (!re) {
		pcre2_get_error_message(ec, msg, sizeof(msg));
		snprintf(what, sizeof(what), "offset %zu: %s", (size_t)eoff,
		    (char *)msg);
		die(i, what);
	}
	return re;
}

/* Set first[b] for every byte b that can start a match of anchored
 * pattern i (compiled without its ^); all bytes when PCRE2 cannot tell. */
static void
first_bytes(size_t i, unsigned char *first)
{
	const uint8_t *map = NULL;
	pcre2_code *re;
	uint32_t type = 0, cu = 0;
	int b;

	re = compile(i, ub_pats[i].re + 1);
	pcre2_pattern_info(re, PCRE2_INFO_FIRSTCODETYPE, &type);
	if (type == 1) {
		pcre2_pattern_info(re, PCRE2_INFO_FIRSTCODEUNIT, &cu);
		if (cu < 0x80) {
			first[cu] = 1;
			if (cu >= 'a' && cu <= 'z')
				first[cu - 32] = 1;
			if (cu >= 'A' && cu <= 'Z')
				first[cu + 32] = 1;
			pcre2_code_free(re);
			return;
		}
	} else if (type == 0) {
		pcre2_pattern_info(re, PCRE2_INFO_FIRSTBITMAP, &map);
	}
	for (b = 0; b < 256; b++)
		first[b] |= map ? (map[b / 8] >> (b % 8)) & 1 : 1;
	pcre2_code_free(re);
}

/* A C string literal of s[0..n) and a NUL, octal escapes for the rest. */
static void
put_str(const char *s, size_t n)
{
	size_t j;
	int c;

	putchar('"');
	for (j = 0; j < n; j++) {
		c = (unsigned char)s[j];
		if (c == '"' || c == '\\')
			printf("\\%c", c);
		else if (c >= 0x20 && c < 0x7f)
			putchar(c);
		else
			printf("\\%03o", c);
	}
	printf("\\0\"");
}

/* A set as a struct ub_litset initializer, four strings to a line. */
static void
put_set(size_t i, const struct relit *s)
{
	int j;

	if (s->n <= 0) {
		printf("{ %d, NULL, NULL }", s->n);
		return;
	}
	printf("{ %d,\n\t    (const unsigned char[]){", s->n);
	for (j = 0; j < s->n; j++)
		printf("%s%d", j == 0 ? " " : j % 16 ? ", " : ",\n\t    ",
		    s->at[j]);
	printf(" },");
	for (j = 0; j < s->n; j++) {
		if (memchr(s->s[j], '\0', s->len[j]))
			die(i, "a literal string holds a NUL byte");
		printf(j % 4 ? " " : "\n\t    ");
		put_str(s->s[j], s->len[j]);
	}
	printf(" }");
}

int
main(void)
{
	struct relit pre, req;
	unsigned char rfirst[256], first[256];
	uint64_t w[4];
	uint32_t opts = 0;
	pcre2_code *re;
	size_t i;
	int b;

	puts("");
	puts("/* Read in the patterns by scripts/gen/unboiler-lit: "
	    "ub_lits[i] is ub_pats[i]'s. */");
	puts("const struct ub_lit ub_lits[] = {");
	for (i = 0; i < ub_npats; i++) {
		re = compile(i, ub_pats[i].re);
		memset(first, 1, sizeof(first));
		relit(ub_pats[i].re, &pre, &req, rfirst);
		if (ub_pats[i].re[0] == '^') {
			pcre2_pattern_info(re, PCRE2_INFO_ALLOPTIONS, &opts);
			if (!(opts & PCRE2_ANCHORED))
				die(i, "starts with ^ but is not anchored in "
				    "every branch");
			memset(first, 0, sizeof(first));
			first_bytes(i, first);
			for (b = 0; b < 256; b++)
				first[b] &= rfirst[b];
		}
		pcre2_code_free(re);
		memset(w, 0, sizeof(w));
		for (b = 0; b < 256; b++)
			w[b / 64] |= (uint64_t)(first[b] != 0) << (b % 64);
		printf("\t/* %zu: %s:%d */\n\t{ ", i,
		    kind_file[ub_pats[i].kind], ub_pats[i].lineno);
		put_set(i, &pre);
		printf(",\n\t  ");
		put_set(i, &req);
		printf(",\n\t  { 0x%016llxULL, 0x%016llxULL,\n"
		    "\t    0x%016llxULL, 0x%016llxULL } },\n",
		    (unsigned long long)w[0], (unsigned long long)w[1],
		    (unsigned long long)w[2], (unsigned long long)w[3]);
	}
	puts("};");
	return 0;
}
