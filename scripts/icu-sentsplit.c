/* See LICENSE file for copyright and license details. */
/*
 * icu-sentsplit: the reference splitter for `make bench`: ICU's sentence
 * BreakIterator (UAX #29 plus ICU's root rules) from stdin to stdout, one
 * sentence per line. The input is read in blocks that end at a newline
 * (a line is one paragraph, as in scraped text) and handed to ICU as UTF-8
 * through a UText, so no UTF-16 copy is made; each sentence is written
 * with its surrounding whitespace trimmed.
 *
 *   cc -O2 scripts/icu-sentsplit.c $(pkg-config --cflags --libs icu-uc icu-io)
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <unicode/ubrk.h>
#include <unicode/utext.h>

#define BLOCK (1 << 20)

static int
isspace8(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' ||
	    c == '\v';
}

static void
sentence(const char *s, size_t a, size_t b)
{
	while (a < b && isspace8(s[a]))
		a++;
	while (b > a && isspace8(s[b - 1]))
		b--;
	if (a < b) {
		fwrite(s + a, 1, b - a, stdout);
		putchar('\n');
	}
}

static void
split(UBreakIterator *bi, const char *s, size_t n)
{
	UErrorCode e = U_ZERO_ERROR;
	UText *ut;
	int32_t a, b;

	ut = utext_openUTF8(NULL, s, (int64_t)n, &e);
	ubrk_setUText(bi, ut, &e);
	if (U_FAILURE(e)) {
		fprintf(stderr, "icu-sentsplit: %s\n", u_errorName(e));
		exit(1);
	}
	for (a = ubrk_first(bi); (b = ubrk_next(bi)) != UBRK_DONE; a = b)
		sentence(s, (size_t)a, (size_t)b);
	utext_close(ut);
}

int
main(void)
{
	UErrorCode e = U_ZERO_ERROR;
	UBreakIterator *bi;
	char *buf;
	size_t len = 0, cut;
	ssize_t k;

	bi = ubrk_open(UBRK_SENTENCE, "en", NULL, 0, &e);
	if (U_FAILURE(e) || !(buf = malloc(2 * BLOCK))) {
		fprintf(stderr, "icu-sentsplit: %s\n", u_errorName(e));
		return 1;
	}
	for (;;) {
		k = read(0, buf + len, 2 * BLOCK - len);
		if (k < 0) {
			perror("icu-sentsplit: read");
			return 1;
		}
		len += (size_t)k;
		if (k == 0 || len == 2 * BLOCK) {
			cut = len;
			if (k != 0) {
				/* cut after the last newline, if any */
				while (cut > 0 && buf[cut - 1] != '\n')
					cut--;
				if (cut == 0)
					cut = len;
			}
			split(bi, buf, cut);
			memmove(buf, buf + cut, len - cut);
			len -= cut;
			if (k == 0 && len == 0)
				break;
		}
	}
	ubrk_close(bi);
	return fflush(stdout) != 0 || ferror(stdout);
}
