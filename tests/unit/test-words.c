/* See LICENSE file for copyright and license details. */
/*
 * test-words [FILE...]: unboiler's word count. features() finds words 64
 * bytes at a time with bit masks (filters/unboiler.c); here a plain loop
 * over characters, written for clarity, says what it must find: the
 * words, those that hold a letter, their stop-word languages, and the
 * CJK and Hangul characters. The two must agree on every line of the
 * FILEs and on generated lines made to put words, apostrophes and
 * multi-byte characters across the 64-byte blocks, each line also moved
 * by 1 to 63 bytes.
 */
#define main unboiler_main
#include "filters/unboiler.c"
#undef main

#include "tests/unit/tap.h"

/* What features() must find in s[0..n), counted the slow way. */
static void
ref_words(const char *s, size_t n, unsigned *nw, unsigned *nwe,
    unsigned *ncjk, unsigned *sw)
{
	const unsigned char *u = (const unsigned char *)s;
	uint64_t k0 = 0, k1 = 0;
	size_t i = 0, k, lw = 0, e, j;
	uint32_t c;
	unsigned hk = 0, m;
	int inword = 0, alpha = 0, ends;
	char tmp[4];

	*nw = *ncjk = 0;
	memset(sw, 0, UB_MAXLANG * sizeof(*sw));
	for (;;) {
		ends = 0;
		if (i == n) {
			ends = inword;
		} else if (u[i] < 0x80) {
			if (aclass[u[i]]) {
				inword = 1;
				alpha |= aclass[u[i]] & A_ALPHA;
				SW_PUT(k0, k1, lw, alower[u[i]]);
				lw++;
			} else if (inword && u[i] == '\'' && i + 1 < n &&
			    u[i + 1] < 0x80 && (aclass[u[i + 1]] & A_ALPHA)) {
				SW_PUT(k0, k1, lw, '\'');       /* "don't" */
				lw++;
			} else {
				ends = inword;
			}
			i++;
		} else {
			k = utf8_decode(s + i, n - i, &c);
			i += k;
			if (is_word(c)) {
				inword = alpha = 1;
				if (is_cjk(c))
					hk++, (*ncjk)++;
				else if (is_hangul(c))
					(*ncjk)++;
				e = utf8_enc((uint32_t)utf8proc_tolower(
				    (utf8proc_int32_t)c), tmp);
				for (j = 0; j < e; j++, lw++)
					SW_PUT(k0, k1, lw, (unsigned char)tmp[j]);
			} else {
				ends = inword;
			}
		}
		if (ends && alpha) {
			(*nw)++;
			if (lw <= swmaxlen && (m = sw_lookup(k0, k1)))
				for (j = 0; j < ub_nlangs; j++)
					sw[j] += m >> j & 1;
		}
		if (ends)
			inword = alpha = 0, lw = 0, k0 = k1 = 0;
		if (i == n && !inword)
			break;
	}
	*nwe = *nw;
	if (hk * 2 > *nwe * 5)
		*nwe = hk * 2 / 5;
}

static size_t lines, bad;

static void
check(const char *s, size_t n)
{
	struct line l;
	unsigned nw, nwe, ncjk, sw[UB_MAXLANG], j;
	int same;

	memset(&l, 0, sizeof(l));
	features(&l, s, n);
	ref_words(s, n, &nw, &nwe, &ncjk, sw);
	same = l.nw == nw && l.nwe == nwe && l.ncjk == ncjk;
	for (j = 0; j < ub_nlangs; j++)
		same &= l.dens[j] ==
		    (nw ? (unsigned char)MIN(255u, sw[j] * 256 / nw) : 0);
	lines++;
	if (!same && bad++ < 5)
		fprintf(stderr, "words: %u, want %u: \"%.*s\"\n", l.nw, nw,
		    (int)MIN(n, 200), s);
}

/* s, and s moved by 1 to 63 bytes ("a " and "a" before it) */
static void
check_moved(const char *s, size_t n)
{
	char *t = emalloc(n + 64);
	size_t k;

	check(s, n);
	for (k = 1; k < 64; k++) {
		memset(t, ' ', k);
		t[k - 1] = 'a';
		if (k >= 2)
			t[0] = 'a';
		memcpy(t + k, s, n);
		check(t, n + k);
	}
	free(t);
}

static const char *const pieces[] = {
	"the", "The", "AND", "don't", "DON'T", "'", "''", "a'b", "9's", "x'",
	"'y", "\xc3\xa9", "caf\xc3\xa9", "\xc4\xb0stanbul", "\xe2\x84\xaa",
	"\xe2\x80\x99", "\xe4\xb8\xad\xe6\x96\x87", "\xea\xb0\x80", "123",
	"_", "__init__", "abcdefghijklmnop", "abcdefghijklmnopq",
	"\xff", "\xc3", "\xe2\x80", "\xf0\x9f\x98\x80", " ", "\t", ".", "-",
	"und", "der", "el", "la", "les", "\xd9\xa3", "\xc8\xba",
	"\xe1\xba\x9e", "1234567890123456789", "\xce\xa9mega", "\xe1\x83\x90",
	"\xd0\xb8", "\xd0\x98", "\xe3\x81\xae", "is", "was",
};

int
main(int argc, char *argv[])
{
	char *line = NULL, buf[600];
	size_t cap = 0, n, i, p;
	unsigned long r = 1;
	ssize_t len;
	FILE *fp;
	int a;

	ascii_init();
	sw_init();
	for (a = 1; a < argc; a++) {
		if (!(fp = fopen(argv[a], "r"))) {
			perror(argv[a]);
			return 2;
		}
		while ((len = getline(&line, &cap, fp)) > 0)
			check_moved(line, (size_t)len - (line[len - 1] == '\n'));
		fclose(fp);
	}
	free(line);
	for (i = 0; i < 3000; i++) {
		for (n = 0; n < 200 + i % 300;) {
			r = r * 6364136223846793005UL + 1442695040888963407UL;
			p = (r >> 33) % LEN(pieces);
			if (n + strlen(pieces[p]) + 1 > sizeof(buf))
				break;
			memcpy(buf + n, pieces[p], strlen(pieces[p]));
			n += strlen(pieces[p]);
			if (r >> 62)
				buf[n++] = ' ';
		}
		check_moved(buf, n);
	}
	ok(bad == 0, "%zu lines: words, stop words and CJK as a plain loop "
	    "counts them (%zu differ)", lines, bad);
	ok(lines > 100000, "enough lines to tell (%zu)", lines);
	return done_testing();
}
