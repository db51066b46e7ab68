/* See LICENSE file for copyright and license details. */
#ifndef COPYDESK_RELIT_H
#define COPYDESK_RELIT_H
/*
 * relit.h: the literal strings a PCRE2 pattern needs, so that a caller can
 * skip a match that cannot succeed with memcmp and memmem instead of
 * calling PCRE2 (a call costs some hundred instructions before it looks
 * at the subject; an alternation of patterns loses PCRE2's own
 * required-character check).
 *
 * The reading is conservative: whatever relit cannot follow counts as
 * "anything", so a set it gives is a necessary condition and never a
 * sufficient one. It reads the pattern as caseless: the strings are ASCII
 * in lower case, and a caller compares them with the subject's ASCII
 * letters lowered. Non-ASCII characters count as "anything", but for one
 * thing: a pre string may end in RELIT_WIDE, which stands for any byte of
 * 0x80 or more (a non-ASCII character of the pattern only matches one of
 * the subject, caseless or not); relit_starts compares so.
 *
 * Under PCRE2_UTF and PCRE2_CASELESS an ASCII 'k' also matches U+212A
 * KELVIN SIGN and 's' matches U+017F LONG S: a subject that contains
 * either (RELIT_ODD_CASE) must be matched without the sets.
 */
#include <stddef.h>
#include <stdint.h>

#define RELIT_MAX 32    /* strings in a set */
#define RELIT_LEN 47    /* bytes in a string */
#define RELIT_WIDE '\x80' /* ends a pre string: any non-ASCII byte */

struct relit {
	int n;          /* strings; -1: nothing is known */
	unsigned char len[RELIT_MAX];
	unsigned char at[RELIT_MAX];    /* its rarest byte, searched first */
	char s[RELIT_MAX][RELIT_LEN + 1];
};

/* A subject as the sets see it: its bytes with A-Z in lower case. */
struct relit_subject {
	const char *s;
	size_t n;
	int odd;        /* it holds U+212A or U+017F: the sets cannot tell */
};

/*
 * Read PCRE2 pattern re. On return every match starts with one of the
 * strings of pre, and contains one of the strings of req (n is -1 when
 * nothing is known, and req is kept only when it is worth a search); and
 * first[b] is 0 for every byte b that no match starts with. Returns 0, or
 * -1 when re uses syntax relit does not know; then nothing is known.
 */
int relit(const char *re, struct relit *pre, struct relit *req,
    unsigned char first[256]);

/* Does s[0..n) contain U+212A or U+017F (see above)? */
int relit_odd_case(const char *s, size_t n);

/* Make sub the subject s[0..n), lowered into low (n bytes). */
void relit_subject(struct relit_subject *sub, const char *s, size_t n,
    char *low);

/* Does s[0..n), lowered, start with the pre string lit[0..len)? */
int relit_starts(const char *s, size_t n, const char *lit, size_t len);

/*
 * The first eight bytes of pre string lit[0..len) as a key and a mask: a
 * subject whose first eight bytes x (lowered, as swar_load reads them,
 * padded with 0 when it is shorter) meet (x & mask) == key starts with the
 * string's first eight bytes; for a string of eight or fewer, with the
 * string.
 */
void relit_key8(const char *lit, size_t len, uint64_t *key, uint64_t *mask);

/* May the subject hold a match: does it contain one of the strings of set
 * (or is nothing known)? */
int relit_any(const struct relit *set, const struct relit_subject *sub);

#endif
