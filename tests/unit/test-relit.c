/* See LICENSE file for copyright and license details. */
/*
 * test-relit [FILE...]: common/relit.c. The sets it gives for small
 * patterns; that PCRE2 caseless ASCII letters meet no non-ASCII character
 * but U+212A and U+017F (what relit_odd_case assumes, checked against the
 * PCRE2 installed); and that for every unboiler pattern and every line of
 * the FILEs (as it is, and in upper case), a match starts with a string of
 * pre and a byte of first, and contains one of req.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>

#include "common/relit.h"
#include "common/utf8.h"
#include "filters/unboiler_data.h"
#include "tests/unit/relit-check.h"
#include "tests/unit/tap.h"

#define LEN(x) (sizeof(x) / sizeof((x)[0]))

/* s as "a|b|c", RELIT_WIDE as "<wide>" ("?": nothing known) */
static const char *
show(const struct relit *s, char *b, size_t size)
{
	size_t k = 0;
	int i, j;

	if (s->n < 0)
		return "?";
	b[0] = '\0';
	for (i = 0; i < s->n && k + 8 * s->len[i] + 2 < size; i++) {
		if (i)
			b[k++] = '|';
		for (j = 0; j < s->len[i]; j++)
			if (s->s[i][j] == RELIT_WIDE)
				k += (size_t)snprintf(b + k, size - k, "<wide>");
			else
				b[k++] = s->s[i][j];
	}
	b[k] = '\0';
	return b;
}

static void
sets(const char *re, const char *wpre, const char *wreq)
{
	struct relit pre, req;
	unsigned char first[256];
	char b1[2048], b2[2048];
	const char *p, *q;

	relit(re, &pre, &req, first);
	p = show(&pre, b1, sizeof(b1));
	q = show(&req, b2, sizeof(b2));
	ok(strcmp(p, wpre) == 0 && strcmp(q, wreq) == 0,
	    "%s: pre %s, req %s", re, p, q);
}

static void
refused(const char *re)
{
	struct relit pre, req;
	unsigned char first[256];

	memset(first, 0, sizeof(first));
	ok(relit(re, &pre, &req, first) < 0 && pre.n < 0 && req.n < 0 &&
	    memchr(first, 0, 256) == NULL,
	    "%s: not read, nothing known", re);
}

/* The ASCII bytes a match can start with, and how many others. */
static void
firsts(const char *re, const char *want, int nhigh)
{
	struct relit pre, req;
	unsigned char first[256];
	char got[129], shown[129];
	int b, k = 0, high = 0;

	relit(re, &pre, &req, first);
	for (b = 1; b < 256; b++)
		if (first[b] && b < 128)
			got[k++] = (char)b;
		else if (first[b])
			high++;
	got[k] = '\0';
	for (b = 0; b <= k; b++)        /* shown without control bytes */
		shown[b] = got[b] && got[b] < ' ' ? '^' : got[b];
	ok(first[0] == (strcmp(want, "*") == 0) &&
	    (strcmp(want, "*") == 0 ? k == 127 : strcmp(got, want) == 0) &&
	    high == nhigh, "%s: first bytes %s and %d others", re,
	    k == 127 ? "*" : shown, high);
}

/* Which non-ASCII characters does a caseless ASCII letter match? */
static void
odd_case(void)
{
	pcre2_code *re;
	pcre2_match_data *md;
	PCRE2_SIZE eoff;
	uint32_t cp;
	char b[4], bad[64] = "";
	int ec, k, odd = 0;

	re = pcre2_compile((PCRE2_SPTR)"^[a-z]$", PCRE2_ZERO_TERMINATED,
	    PCRE2_UTF | PCRE2_UCP | PCRE2_CASELESS, &ec, &eoff, NULL);
	md = pcre2_match_data_create(1, NULL);
	for (cp = 0x80; cp < 0x110000; cp++) {
		if ((cp >= 0xd800 && cp <= 0xdfff) || !(k = (int)utf8_enc(cp, b)))
			continue;
		if (pcre2_match(re, (PCRE2_SPTR)b, (size_t)k, 0, 0, md, NULL) < 0)
			continue;
		if (relit_odd_case(b, (size_t)k))
			continue;
		odd++;
		snprintf(bad, sizeof(bad), "U+%04X", (unsigned)cp);
	}
	ok(odd == 0, "caseless a-z meet no other non-ASCII character than "
	    "U+212A, U+017F (%d, last %s)", odd, bad);
	ok(relit_odd_case("x\xe2\x84\xaa", 4) && relit_odd_case("\xc5\xbf", 2) &&
	    !relit_odd_case("\xe2\x80\x99s", 4), "relit_odd_case");
	pcre2_match_data_free(md);
	pcre2_code_free(re);
}

/* pattern, then its pre and req sets ("?": nothing known) */
static const char *const set_cases[][3] = {
	{ "^abc", "abc", "abc" },
	{ "^(a|b)cd", "acd|bcd", "acd|bcd" },
	{ "^Ab?c", "abc|ac", "?" }, /* too short to look for */
	{ "^x*abc", "?", "abc" },
	{ "^\\d+\\s+(comments?|replies)\\b.*$", "?", "comment|replies" },
	{ "^(?:\\S++ ){1,3}says:$", "?", "says:" },
	{ "\\bfoo(bar)?", "foo", "foo" },
	{ "^(?=abc)x\\.y", "x.y", "x.y" },
	{ "(?<!ab)cd", "cd", "?" }, /* too short to look for */
	{ "[\\w.+-]+@[\\w-]+", "?", "@" },
	{ "^(é|ab)cde", "<wide>|ab", "cde" },
	{ "^verö|^ÄHN", "ver<wide>|<wide>", "?" },
	{ "^(été|et)", "<wide>|et", "?" },
	{ "^(\xe2\x84\xaa|z)x", "?", "?" },  /* U+212A: also k */
	{ "^ſs", "?", "?" },                     /* U+017F: also s */
	{ "^(?-i:\\p{Lu})bc{2}d", "?", "bccd" },
	{ "^(?i)(?:ab|cd){2}", "abab|abcd|cdab|cdcd", "abab|abcd|cdab|cdcd" },
	{ "^[:»]?abc", "?", "abc" },
	{ "^[[:alpha:]]xyz", "?", "xyz" },
};

/* pattern, the ASCII bytes a match can start with ("*": all), and how
 * many others */
static const struct { const char *re, *ascii; int nhigh; } first_cases[] = {
	{ "^abc", "Aa", 0 },
	{ "^Kx|^sy", "KSks", 2 }, /* and U+212A, U+017F */
	{ "^\\d+\\s", "0123456789", 128 },
	{ "^x?y", "XYxy", 0 },
	{ "^(?=a)b", "Bb", 0 },
	{ "^\\s*:", "\t\n\v\f\r :", 128 },
	{ "^x*", "*", 128 },
	{ "^(é|a)", "Aa", 128 },
	{ "^(\xe2\x84\xaa|a)", "*", 128 },  /* U+212A: also k */
};

/* syntax relit does not read */
static const char *const refused_cases[] = {
	"(a)\\1",
	"\\Qa.b\\E",
	"(?x) a b",
	"a{,3}",
	"(*UTF)abc",
	"(?|a|b)",
	"ab)",
	"(ab",
	"[ab",
	"a\\K",
};

int
main(int argc, char *argv[])
{
	struct relit_check *c;
	char *line = NULL;
	size_t cap = 0, lines = 0, matches = 0, i;
	ssize_t len;
	FILE *fp;
	int a, bad = 0;

	for (i = 0; i < LEN(set_cases); i++)
		sets(set_cases[i][0], set_cases[i][1], set_cases[i][2]);
	for (i = 0; i < LEN(first_cases); i++)
		firsts(first_cases[i].re, first_cases[i].ascii,
		    first_cases[i].nhigh);
	for (i = 0; i < LEN(refused_cases); i++)
		refused(refused_cases[i]);

	odd_case();

	c = relit_check_init();
	for (a = 1; a < argc; a++) {
		if (!(fp = fopen(argv[a], "r"))) {
			perror(argv[a]);
			return 2;
		}
		while ((len = getline(&line, &cap, fp)) > 0) {
			size_t n = (size_t)len;

			while (n && (line[n - 1] == '\n' || line[n - 1] == '\r'))
				n--;
			for (int up = 0; up < 2; up++) {
				if (up)
					for (i = 0; i < n; i++)
						if (line[i] >= 'a' && line[i] <= 'z')
							line[i] -= 'a' - 'A';
				for (i = 0; i < ub_npats; i++) {
					int r = relit_check(c, i, line, n);

					matches += r > 0;
					bad += r < 0;
				}
				lines++;
			}
		}
		fclose(fp);
	}
	free(line);
	relit_check_free(c);
	ok(bad == 0, "%zu lines, %zu matches: every match meets pre, req and first "
	    "(%d do not)", lines, matches, bad);
	ok(argc < 2 || matches > 50, "the lines match the patterns often enough "
	    "to tell (%zu)", matches);
	return done_testing();
}
