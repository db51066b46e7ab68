/* See LICENSE file for copyright and license details. */
/*
 * test-words [FILE...]: unboiler's word count. features() finds words 64
 * bytes at a time with bit masks (filters/unboiler.c); here a plain loop
 * over characters, written for clarity, says what it must find: the
 * words, those that hold a letter, their stop-word languages, and the
 * CJK and Hangul characters. The two must agree on every line of the
 * FILEs and on generated lines made to put words, apostrophes and
 * multi-byte characters across the 64-byte blocks, each line also moved
 * by 1 to 63 bytes. The engine is asked through filters/unboiler.h; the
 * plain loop has its own character classes and looks stop words up in
 * the generated list (filters/unboiler_data.h) by binary search.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>

#include <utf8proc.h>

#include "common/engine.h"
#include "common/utf8.h"
#include "common/util.h"
#include "filters/unboiler.h"
#include "filters/unboiler_data.h"
#include "tests/unit/tap.h"

/* A word character: a letter, a number or '_' (\w with UCP). */
static int
ref_isword(uint32_t c)
{
	utf8proc_category_t cat;

	if (c < 0x80)
		return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		    (c >= '0' && c <= '9') || c == '_';
	if (c == UTF8_INVALID)
		return 0;
	cat = utf8proc_category((utf8proc_int32_t)c);
	return (cat >= UTF8PROC_CATEGORY_LU && cat <= UTF8PROC_CATEGORY_LO) ||
	    (cat >= UTF8PROC_CATEGORY_ND && cat <= UTF8PROC_CATEGORY_NO);
}

static int
ref_isletter(uint32_t c)
{
	return c >= 0x80 ? ref_isword(c) :
	    (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/* Hiragana, katakana and Han count as CJK (weighted); Hangul only as
 * CJK characters. */
static int
ref_ishankana(uint32_t c)
{
	return (c >= 0x3040 && c <= 0x30ff) || (c >= 0x3400 && c <= 0x4dbf) ||
	    (c >= 0x4e00 && c <= 0x9fff) || (c >= 0xf900 && c <= 0xfaff);
}

static int
ref_ishangul(uint32_t c)
{
	return (c >= 0xac00 && c <= 0xd7a3) || (c >= 0x1100 && c <= 0x11ff) ||
	    (c >= 0x3130 && c <= 0x318f);
}

/* The stop words, sorted, for bsearch; none is longer than this. */
#define SW_KEY 16

static const struct ub_word **sorted;

static int
wordcmp(const void *a, const void *b)
{
	return strcmp((*(const struct ub_word *const *)a)->word,
	    (*(const struct ub_word *const *)b)->word);
}

/* The languages of the lower-case word key, or 0. */
static unsigned
ref_stopword(const char *key)
{
	struct ub_word k = { key, 0 };
	const struct ub_word *kp = &k, **r;

	r = bsearch(&kp, sorted, ub_nwords, sizeof(*sorted), wordcmp);
	return r ? (*r)->langs : 0;
}

/* What features() must find in s[0..n), counted the slow way. */
static void
ref_words(const char *s, size_t n, unsigned *nw, unsigned *nwe,
    unsigned *ncjk, unsigned *sw)
{
	char key[SW_KEY + 1];
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
		} else {
			k = utf8_decode(s + i, n - i, &c);
			if (ref_isword(c)) {
				inword = 1;
				alpha |= ref_isletter(c);
				if (ref_ishankana(c))
					hk++, (*ncjk)++;
				else if (ref_ishangul(c))
					(*ncjk)++;
				e = utf8_enc((uint32_t)utf8proc_tolower(
				    (utf8proc_int32_t)c), tmp);
				for (j = 0; j < e; j++, lw++)
					if (lw < SW_KEY)
						key[lw] = tmp[j];
			} else if (inword && c == '\'' && i + 1 < n &&
			    (unsigned char)s[i + 1] < 0x80 &&
			    ref_isletter((unsigned char)s[i + 1])) {
				if (lw < SW_KEY)        /* "don't" */
					key[lw] = '\'';
				lw++;
			} else {
				ends = inword;
			}
			i += k;
		}
		if (ends && alpha) {
			(*nw)++;
			if (lw <= SW_KEY) {
				key[lw] = '\0';
				m = ref_stopword(key);
				for (j = 0; j < ub_nlangs; j++)
					sw[j] += m >> j & 1;
			}
		}
		if (ends)
			inword = alpha = 0, lw = 0;
		if (i == n && !inword)
			break;
	}
	*nwe = *nw;
	if (hk * 2 > *nwe * 5)
		*nwe = hk * 2 / 5;
}

static const struct unboiler *ub;
static size_t lines, bad;

static void
check(const char *s, size_t n)
{
	struct unboiler_words l;
	unsigned nw, nwe, ncjk, sw[UB_MAXLANG], j;
	int same;

	unboiler_count_words(ub, s, n, &l);
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
	struct diag d;
	struct rec_opt ro;
	struct rec_filter f;
	void *e;

	diag_init(&d, "test-words");
	rec_opt_init(&ro);
	memset(&f, 0, sizeof(f));
	e = unboiler_engine.create(&d);
	if (unboiler_engine.start(e, &ro, &f) != 0)
		return 2;
	ub = e;
	sorted = emalloc(ub_nwords * sizeof(*sorted));
	for (i = 0; i < ub_nwords; i++)
		sorted[i] = &ub_words[i];
	qsort(sorted, ub_nwords, sizeof(*sorted), wordcmp);
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
	unboiler_engine.destroy(e);
	free(sorted);
	return done_testing();
}
