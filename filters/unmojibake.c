/* See LICENSE file for copyright and license details. */
/*
 * unmojibake: repair text whose encoding was mangled.
 *
 * Work is done a line at a time (mojibake never crosses a line break).
 * A line takes the slow path only if its bytes show something mojibake
 * can produce: two non-ASCII characters in a row, a C1 control, U+FFFD,
 * a Thai U+0E42, a UTF-8 surrogate, "Ã" or "Â" before a space or "?", or
 * bytes that are not UTF-8; every other line is copied through untouched.
 *
 * The slow path decodes the line to code points and repeats, while the
 * line is "strange" (rules in data/unmojibake/badness.txt):
 *   1. encode the whole line in each legacy code page; where the bytes
 *      decode as UTF-8 (allowing CESU-8 surrogate pairs, lost bytes and
 *      A0 bytes turned into spaces) and the result is less strange (the
 *      rules, plus Latin glued to Cyrillic, marks on ASCII, rare letters),
 *      take the least strange result;
 *   2. else re-decode each strange run of characters that looks like
 *      UTF-8 read through a code page, on its own, and keep it if it is
 *      no stranger among its neighbours;
 *   3. else read C1 controls as the cp1252 characters they stand for.
 * Lost bytes of E2 80 xx (curly quotes, dashes) and a lone Thai U+0E42
 * among Latin text (curly quotes read as Windows-874 with both trailing
 * bytes lost) are restored from the characters around them.
 */
#include <err.h>
#include <errno.h>
#include <iconv.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <utf8proc.h>

#include "common/engine.h"
#include "common/io.h"
#include "common/rec.h"
#include "common/utf8.h"
#include "common/util.h"
#include "filters/unmojibake_data.h"

/* Code point values beyond Unicode used inside a line. */
#define RAW(b)	  (0x110000u + (b)) /* a byte kept as it was */
#define ISRAW(c)  ((c) >= 0x110000u && (c) < 0x110100u)
#define LOST_FFFD 0x110100u /* E2 80 and a byte that became U+FFFD */
#define LOST_DROP 0x110110u /* E2 80 and a byte that was dropped, +page */
#define ISDROP(c) ((c) >= LOST_DROP && (c) < LOST_DROP + UM_NPAGES)
#define LOST_THAI 0x110102u /* U+0E42 standing for E2 80 xx */
#define MAXDEPTH  3
#define UM_CP1252 0 /* first in data/unmojibake/codepages.txt */
#define MAXROUNDS 32
#define SPAN	  65536 /* a longer line is repaired a piece at a time */

struct cpbuf {
	uint32_t *a;
	size_t n, cap;
};

static int eflag;
static int explain; /* 1 text, 2 jsonl */
static const char *fromenc = "CP1252";
static iconv_t legacy = (iconv_t)-1;
static unsigned long long docoff; /* byte offset of the unit in the doc */
static char rulebuf[256];
static struct buf scratch;
static struct cpbuf scratch_cp;
static int lost_marks; /* decode_variant made LOST marks */
static int thai_seen;  /* a U+0E42 was read or decoded */
static int cur_page;   /* the page redecode() encoded in */
static int drop_ok;    /* may E2 80 before ASCII be a lost byte? */

enum { OPT_EXPLAIN = 0x200 };
enum { C_LINES, C_MOJIBAKE, C_C1, C_LOST, C_THAI, C_LEGACY, C_ENTITIES };
static struct rec_counter counters[] = {
    {"lines_changed", 0}, {"mojibake_runs", 0},
    {"c1_controls", 0},	  {"lost_bytes", 0},
    {"thai_quotes", 0},	  {"legacy_bytes", 0},
    {"entities", 0},	  {NULL, 0}};

static void
cb_grow(struct cpbuf *b)
{
	b->cap = b->cap ? 2 * b->cap : 256;
	b->a = erealloc(b->a, b->cap * sizeof(*b->a));
}

static inline void
cb_push(struct cpbuf *b, uint32_t c)
{
	if (b->n == b->cap)
		cb_grow(b);
	b->a[b->n++] = c;
}

static void
cb_set(struct cpbuf *b, const uint32_t *a, size_t n)
{
	b->n = 0;
	while (b->n + n > b->cap) {
		b->cap = b->cap ? 2 * b->cap : 256;
		b->a = erealloc(b->a, b->cap * sizeof(*b->a));
	}
	memcpy(b->a, a, n * sizeof(*a));
	b->n = n;
}

static void
note_rule(const char *r)
{
	size_t l = strlen(rulebuf);

	if (strstr(rulebuf, r))
		return;
	snprintf(rulebuf + l, sizeof(rulebuf) - l, "%s%s", l ? "," : "", r);
}

/* --- character classes and strangeness */

static int
is_letter(uint32_t c)
{
	if (c < 0x80)
		return (c | 0x20) >= 'a' && (c | 0x20) <= 'z';
	if (c >= 0x110000)
		return 0;
	switch (utf8proc_category((utf8proc_int32_t)c)) {
	case UTF8PROC_CATEGORY_LU:
	case UTF8PROC_CATEGORY_LL:
	case UTF8PROC_CATEGORY_LT:
	case UTF8PROC_CATEGORY_LM:
	case UTF8PROC_CATEGORY_LO:
		return 1;
	default:
		return 0;
	}
}

static int
is_space(uint32_t c)
{
	if (c < 0x80)
		return c == ' ' || (c >= '\t' && c <= '\r');
	if (c >= 0x110000)
		return 0;
	switch (utf8proc_category((utf8proc_int32_t)c)) {
	case UTF8PROC_CATEGORY_ZS:
	case UTF8PROC_CATEGORY_ZL:
	case UTF8PROC_CATEGORY_ZP:
		return 1;
	default:
		return c == 0x85;
	}
}

static uint64_t
cls_of(uint32_t c)
{
	uint64_t m = um_ent_cls[um_entry(c)];

	if (c < 0x80) {
		if ((c | 0x20) >= 'a' && (c | 0x20) <= 'z')
			m |= UM_C_ALPHA | UM_C_WORD |
			     (c >= 'a' ? UM_C_LOWER : UM_C_UPPER);
		else if ((c >= '0' && c <= '9') || c == '_')
			m |= UM_C_WORD;
		else if (c == ' ' || (c >= '\t' && c <= '\r'))
			m |= UM_C_SPACE;
		return m;
	}
	if (c >= 0x110000)
		return 0;
	switch (utf8proc_category((utf8proc_int32_t)c)) {
	case UTF8PROC_CATEGORY_LU:
	case UTF8PROC_CATEGORY_LL:
	case UTF8PROC_CATEGORY_LT:
	case UTF8PROC_CATEGORY_LM:
	case UTF8PROC_CATEGORY_LO:
	case UTF8PROC_CATEGORY_MN:
	case UTF8PROC_CATEGORY_MC:
	case UTF8PROC_CATEGORY_ME:
	case UTF8PROC_CATEGORY_ND:
	case UTF8PROC_CATEGORY_NL:
	case UTF8PROC_CATEGORY_NO:
	case UTF8PROC_CATEGORY_PC:
		m |= UM_C_WORD;
		break;
	case UTF8PROC_CATEGORY_ZS:
	case UTF8PROC_CATEGORY_ZL:
	case UTF8PROC_CATEGORY_ZP:
		m |= UM_C_SPACE;
		break;
	default:
		if (c == 0x85)
			m |= UM_C_SPACE;
	}
	return m;
}

/* The index of the first a[i] >= 0x80 with i >= from, or n. */
static size_t
next_high(const uint32_t *a, size_t from, size_t n)
{
	size_t i = from;

	while (i + 4 <= n && (a[i] | a[i + 1] | a[i + 2] | a[i + 3]) < 0x80)
		i += 4;
	while (i < n && a[i] < 0x80)
		i++;
	return i;
}

/* How many times the strangeness rules match a[0..n), without overlap.
 * With quiet set, U+FFFD counts as an ordinary character. */
static int
badness_q(const uint32_t *a, size_t n, int quiet)
{
	static uint64_t *c, f1, f2, s2, always;
	static uint64_t ascii[128], cand[128], bycls[64];
	static size_t cap;
	static int init;
	size_t i, j, r, nx, fill;
	uint64_t m, x;
	int bad = 0;

	if (!init) {
		/* a position can start a match only if it fits a one-character
		 * rule (or one with a negated second position), or it and the
		 * next fit the first two positions of a longer one */
		if (um_nrules > 64)
			errx(1, "too many strangeness rules");
		for (i = 0; i < 128; i++)
			ascii[i] = cls_of((uint32_t)i);
		for (r = 0; r < um_nrules; r++) {
			const struct um_rule *u = &um_rules[r];
			if (u->len == 1 || (u->neg & 2)) {
				f1 |= u->pos[0];
			} else {
				f2 |= u->pos[0];
				s2 |= u->pos[1];
			}
			for (i = 0; i < 128; i++)
				if ((ascii[i] & u->pos[0]) != 0 || (u->neg & 1))
					cand[i] |= 1ULL << r;
			if (u->neg & 1)
				always |= 1ULL << r;
			for (j = 0; j < 64; j++)
				if (u->pos[0] >> j & 1)
					bycls[j] |= 1ULL << r;
		}
		init = 1;
	}
	if (n + 2 > cap) {
		cap = n + 2 > 2 * cap ? n + 2 : 2 * cap;
		c = erealloc(c, cap * sizeof(*c));
	}
	/* c[k] is the class of a[k - 1], filled in only where a rule may
	 * match: up to UM_RULE_MAX positions from i */
	c[0] = UM_C_START;
	c[n + 1] = 0;
	fill = 1;
	for (i = 0, nx = 0; i <= n; i++) {
		/* every rule needs a non-ASCII character (the generator checks
		 * this), so skip ASCII stretches longer than a rule */
		if (nx < i || nx == 0) {
			nx = next_high(a, i > 0 ? i - 1 : 0, n) + 1;
			if (nx > n)
				break;
		}
		if (i + UM_RULE_MAX <= nx) {
			i = nx - UM_RULE_MAX;
			continue;
		}
		if (fill < i)
			fill = i > 0 ? i : 1;
		for (; fill <= n && fill < i + UM_RULE_MAX; fill++)
			c[fill] = a[fill - 1] < 0x80 ? ascii[a[fill - 1]]
				  : quiet && a[fill - 1] == 0xFFFD
				      ? 0
				      : cls_of(a[fill - 1]);
		if (!(c[i] & f1) && !((c[i] & f2) && (c[i + 1] & s2)))
			continue;
		if (i > 0 && a[i - 1] < 0x80) {
			m = cand[a[i - 1]];
		} else { /* the rules whose first position fits c[i] */
			m = always;
			for (x = c[i]; x; x &= x - 1)
				m |= bycls[__builtin_ctzll(x)];
		}
		for (; m; m &= m - 1) {
			const struct um_rule *u = &um_rules[__builtin_ctzll(m)];
			if (i + u->len > n + 1)
				continue;
			for (j = 0; j < u->len; j++) {
				int hit = (c[i + j] & u->pos[j]) != 0;
				if (hit == ((u->neg >> j) & 1))
					break;
			}
			if (j == u->len) {
				bad++;
				i += u->len - 1;
				break;
			}
		}
	}
	return bad;
}

static int
badness(const uint32_t *a, size_t n)
{
	return badness_q(a, n, 0);
}

static int
script_of(uint32_t c)
{
	if (c < 0x80)
		return is_letter(c) ? 1 : 0;
	if (c >= 0x400 && c < 0x530)
		return 2; /* Cyrillic; Greek is common in Latin text */
	return 0;
}

/* Letters few languages use: long s, Latin Extended-B and IPA, but for
 * the letters of orthographies that use them: Vietnamese, Azerbaijani,
 * Pinyin, Croatian digraphs, Romanian, Livonian, Hausa and other African
 * languages. */
static int
rare(uint32_t c)
{
	if (c == 0x17F)
		return 1;
	if (c < 0x180 || c >= 0x2B0)
		return 0;
	if ((c >= 0x1C4 && c <= 0x1DC) || (c >= 0x218 && c <= 0x21B) ||
	    (c >= 0x22A && c <= 0x233))
		return 0;
	switch (c) {
	case 0x181:
	case 0x186:
	case 0x189:
	case 0x18A:
	case 0x18E:
	case 0x18F:
	case 0x190:
	case 0x194:
	case 0x198:
	case 0x199:
	case 0x1A0:
	case 0x1A1:
	case 0x1AF:
	case 0x1B0:
	case 0x1B2:
	case 0x1B3:
	case 0x1B4:
	case 0x1E6:
	case 0x1E7:
	case 0x253:
	case 0x254:
	case 0x256:
	case 0x257:
	case 0x259:
	case 0x25B:
	case 0x263:
	case 0x269:
	case 0x272:
	case 0x28A:
	case 0x28B:
		return 0;
	default:
		return 1;
	}
}

static int
lower(uint32_t c)
{
	return c < 0x110000 &&
	       utf8proc_category((utf8proc_int32_t)c) == UTF8PROC_CATEGORY_LL;
}

/* 1 where two code pages give repairs equally plain but one has a capital
 * inside a lower-case word, or a letter only Nordic languages use (the
 * ISO-8859-2 and cp1250 readings of the same bytes differ so). */
static int
tiebreak(const uint32_t *a, size_t n, size_t i)
{
	uint32_t c = a[i];

	if (c < 0x100 &&
	    strchr("\xc5\xc6\xd0\xd8\xde\xe5\xe6\xf0\xf8\xfe", (int)c) != NULL)
		return 1;
	return i > 0 && i + 1 < n && lower(a[i - 1]) && lower(a[i + 1]) &&
	       utf8proc_category((utf8proc_int32_t)c) == UTF8PROC_CATEGORY_LU;
}

/* Strangeness used to compare a line with a repair of it: the rules, plus
 * Latin letters glued to Cyrillic ones, marks on ASCII, and rare letters. */
static int
cost(const uint32_t *a, size_t n, int *bad)
{
	size_t i;
	int k = 0, fffd = 0;

	for (i = 1; i < n; i++) {
		int s, t;
		if ((a[i] | a[i - 1]) < 0x80) {
			/* jump to the pair that ends at the next high one */
			i = next_high(a, i, n);
			if (i >= n)
				break;
		}
		fffd |= a[i] == 0xFFFD || a[i - 1] == 0xFFFD;
		s = script_of(a[i - 1]);
		t = script_of(a[i]);
		if (s && t && s != t)
			k += 4;
		if (a[i - 1] < 0x80 && a[i] >= 0x300 && a[i] < 0x370)
			k += 2;
		if (rare(a[i]))
			k += 4;
		if (a[i] >= 0x80)
			k += tiebreak(a, n, i);
	}
	if (n > 0 && rare(a[0]))
		k += 4;
	if (n > 0 && a[0] >= 0x80)
		k += tiebreak(a, n, 0);
	if (n == 1)
		fffd = a[0] == 0xFFFD;
	if (fffd || *bad < 0)
		k += 2 * (i = (size_t)badness_q(a, n, 1));
	else
		k += 2 * (i = (size_t)*bad);
	if (!fffd)
		*bad = (int)i; /* the plain strangeness too */
	return k;
}

/* --- code pages */

/* The byte c is in page p, or -1; ASCII is itself, C1 controls are their
 * own byte where the page leaves that byte undefined (everywhere if loose:
 * lines that mix two misreadings), U+FFFD is 0x1A (a lost byte) in sloppy
 * pages. */
static int
page_byte(uint32_t c, int p, int loose)
{
	unsigned e;

	if (c < 0x80)
		return c == 0x1A ? -1 : (int)c;
	if (c < 0xA0)
		return loose || um_page_dec[p][c - 0x80] == c ? (int)c : -1;
	if (c == 0xFFFD)
		return um_page_sloppy[p] ? 0x1A : -1;
	if ((e = um_entry(c)) && um_ent_enc[e][p])
		return um_ent_enc[e][p];
	return -1;
}

static int
cont(unsigned char c)
{
	return c >= 0x80 && c <= 0xBF;
}

/* Put back byte A0 where a program turned it into a space: "Ã " is "à "
 * unless Portuguese "à"-contractions follow; a space after a few common
 * two-byte leads, or inside a three-byte sequence of U+2xxx/U+3xxx, is A0. */
static size_t
restore_a0(unsigned char *b, size_t n, unsigned char *o)
{
	static const char *const keep[] = {" ", "quele", "quela", "quilo",
					   "s "};
	size_t i, k, m = 0;

	for (i = 0; i < n; i++) {
		o[m++] = b[i];
		if (i + 1 >= n || b[i + 1] != ' ')
			continue;
		if (b[i] == 0xC3) {
			for (k = 0; k < LEN(keep); k++) {
				size_t l = strlen(keep[k]);
				if (n - i - 2 >= l &&
				    !memcmp(b + i + 2, keep[k], l))
					break;
			}
			if (k == LEN(keep)) {
				o[m++] = 0xA0;
				continue;
			}
		}
		if (b[i] == 0xC2 || b[i] == 0xC3 || b[i] == 0xC5 ||
		    b[i] == 0xCE || b[i] == 0xD0 || b[i] == 0xD9) {
			o[m++] = 0xA0;
			i++;
		} else if ((b[i] == 0xE2 || b[i] == 0xE3) && i + 2 < n &&
			   cont(b[i + 2]) && b[i + 2] != 0x85 &&
			   b[i + 2] != 0xA0) {
			o[m++] = 0xA0;
			i++;
		} else if (i > 0 && b[i - 1] >= 0xE0 && b[i - 1] <= 0xE3 &&
			   cont(b[i]) && b[i] != 0x85 && b[i] != 0xA0 &&
			   !(b[i - 1] == 0xE2 && b[i] == 0x80)) {
			o[m++] = 0xA0;
			i++;
		}
	}
	return m;
}

static int
lostb(unsigned char c)
{
	return c == 0x1A || c == '?';
}

/* Decode b[0..n) as UTF-8 with the variants mojibake carries: CESU-8
 * surrogate pairs, and sequences that lost bytes (0x1A, '?') become
 * U+FFFD; E2 80 with a lost or dropped third byte becomes a LOST mark.
 * Return -1 if the bytes are not UTF-8 even so. */
static int
decode_variant(const unsigned char *b, size_t n, struct cpbuf *out)
{
	size_t i = 0, k;
	uint32_t c;

	out->n = 0;
	while (out->cap < n + 1)
		cb_grow(out);
	while (i < n) {
		if (b[i] < 0x80) {
			/* the output is never longer than the input */
			out->a[out->n++] = b[i] == 0x1A ? 0xFFFD : b[i];
			i++;
			continue;
		}
		if (b[i] == 0xED && i + 5 < n && b[i + 1] >= 0xA0 &&
		    b[i + 1] <= 0xAF && cont(b[i + 2]) && b[i + 3] == 0xED &&
		    b[i + 4] >= 0xB0 && b[i + 4] <= 0xBF && cont(b[i + 5])) {
			uint32_t hi =
			    0xD000 | (b[i + 1] & 0x3F) << 6 | (b[i + 2] & 0x3F);
			uint32_t lo =
			    0xD000 | (b[i + 4] & 0x3F) << 6 | (b[i + 5] & 0x3F);
			cb_push(out, 0x10000 + ((hi - 0xD800) << 10) +
					 (lo - 0xDC00));
			i += 6;
			continue;
		}
		if (b[i] == 0xE2 && i + 1 < n && b[i + 1] == 0x80 &&
		    (i + 2 == n || b[i + 2] < 0x80) &&
		    (drop_ok || (i + 2 < n && lostb(b[i + 2])))) {
			if (i + 2 < n && b[i + 2] == 0x1A) {
				cb_push(out, LOST_FFFD);
				lost_marks = 1;
				i += 3;
			} else if (i + 2 < n && b[i + 2] == '?') {
				cb_push(out, 0xFFFD);
				i += 3;
			} else {
				cb_push(out, LOST_DROP + (uint32_t)cur_page);
				lost_marks = 1;
				i += 2;
			}
			continue;
		}
		k = utf8_decode((const char *)b + i, n - i, &c);
		if (c != UTF8_INVALID) {
			cb_push(out, c);
			thai_seen |= c == 0x0E42;
			i += k;
			continue;
		}
		/* lossy sequences */
		if (b[i] >= 0xC2 && b[i] <= 0xDF && i + 1 < n &&
		    (b[i + 1] == 0x1A || (b[i] <= 0xC3 && b[i + 1] == '?'))) {
			k = 2;
		} else if (b[i] >= 0xE0 && b[i] <= 0xEF && i + 2 < n &&
			   ((lostb(b[i + 1]) &&
			     (b[i + 2] == 0x1A || cont(b[i + 2]))) ||
			    ((b[i + 1] == 0x1A || cont(b[i + 1])) &&
			     lostb(b[i + 2])))) {
			k = 3;
		} else if (b[i] >= 0xF0 && b[i] <= 0xF4 && i + 3 < n &&
			   (lostb(b[i + 1]) || cont(b[i + 1])) &&
			   (b[i + 2] == 0x1A || cont(b[i + 2])) &&
			   (lostb(b[i + 3]) || cont(b[i + 3])) &&
			   (lostb(b[i + 1]) || b[i + 2] == 0x1A ||
			    lostb(b[i + 3]))) {
			k = 4;
		} else {
			return -1;
		}
		cb_push(out, 0xFFFD);
		i += k;
	}
	return 0;
}

/* Encode a[0..n) in page p and decode the bytes as UTF-8 into out. */
static int
redecode(const uint32_t *a, size_t n, int p, int loose, struct cpbuf *out)
{
	static unsigned char *b, *o;
	static size_t cap;
	size_t i, m;
	int x, hi = 0, sp = 0;

	if (2 * n + 1 > cap) {
		cap = 2 * n + 1 > 2 * cap ? 2 * n + 1 : 2 * cap;
		b = erealloc(b, cap);
		o = erealloc(o, cap);
	}
	for (i = 0; i < n; i++) {
		if (a[i] < 0x80 && a[i] != 0x1A) {
			b[i] = (unsigned char)a[i];
			/* a space after a high byte may be a lost A0 */
			sp |= a[i] == ' ' && i > 0 && b[i - 1] >= 0x80;
			continue;
		}
		if ((x = page_byte(a[i], p, loose)) < 0)
			return -1;
		b[i] = (unsigned char)x;
		hi |= x >= 0x80;
	}
	if (!hi)
		return -1;
	cur_page = p;
	if (!sp)
		return decode_variant(b, n, out);
	m = restore_a0(b, n, o);
	return decode_variant(o, m, out);
}

/* --- lost punctuation */

static int
closer(uint32_t c)
{
	return c && c < 0x80 && strchr(".,;:!?)]}", (int)c) != NULL;
}

static int
digit(uint32_t c)
{
	return c >= '0' && c <= '9';
}

/* The dash a line already puts between words, or an em dash. */
static uint32_t
line_dash(const uint32_t *a, size_t n)
{
	size_t i;

	for (i = 1; i + 1 < n; i++)
		if ((a[i] == 0x2013 || a[i] == 0x2014) && a[i - 1] == ' ' &&
		    a[i + 1] == ' ')
			return a[i];
	return 0x2014;
}

/* Choose the character a LOST mark at a[i] stood for from its neighbours
 * and open, the number of “ before it not yet closed; 0 if they do not
 * tell. */
static uint32_t
guess_lost(const uint32_t *a, size_t n, size_t i, uint32_t kind, int open,
	   uint32_t *dash)
{
	uint32_t p = i > 0 ? a[i - 1] : 0, q = i + 1 < n ? a[i + 1] : 0;

	if (p < 0x80 && (is_letter(p) || digit(p)) && is_letter(q))
		return 0x2019; /* they’re, O’Brien, 1990’s */
	if (digit(p) && digit(q))
		return 0x2013;	    /* 1990–2000 */
	if (p == ' ' && q == ' ') { /* a dash between words */
		if (!*dash)
			*dash = line_dash(a, n);
		return *dash;
	}
	if ((p == 0 || is_space(p) || (p < 0x80 && strchr("([{", (int)p))) &&
	    (is_letter(q) || digit(q)))
		return 0x201C;
	if (p == ' ' && (q == 0 || closer(q)) && open > 0 && kind != LOST_FFFD)
		return 0x201D; /* a stray space before a closing quote */
	if (((p < 0x80 && is_letter(p)) || digit(p) || closer(p) ||
	     p == 0x2026) &&
	    (q == 0 || is_space(q) || closer(q))) {
		if (kind == LOST_FFFD && q == 0)
			return 0;
		if (is_letter(p) && open <= 0)
			return 0x2019;
		return 0x201D;
	}
	return 0;
}

/* Resolve LOST marks; a dropped byte that cannot be guessed gets back the
 * two characters it came from.  Return 0 if there were none, 1 if all were
 * resolved, 2 if one was put back (then the line must not guess again). */
static int
resolve_lost(struct cpbuf *t)
{
	static struct cpbuf keep;
	size_t i;
	uint32_t g, c;
	int ret = 0, open = 0, putback = 0;
	uint32_t dash = 0;

	if (!lost_marks)
		return 0;
	lost_marks = 0;
	/* in place; a mark put back as two characters needs a copy */
	for (i = 0; i < t->n; i++) {
		c = t->a[i];
		open += c == 0x201C ? 1 : c == 0x201D ? -1 : 0;
		if (c != LOST_FFFD && !ISDROP(c))
			continue;
		ret = 1;
		g = guess_lost(t->a, t->n, i, c, open, &dash);
		open += g == 0x201C ? 1 : g == 0x201D ? -1 : 0;
		if (g) {
			counters[C_LOST].n++;
			note_rule("lost-byte");
			t->a[i] = g;
		} else if (ISDROP(c)) {
			putback = 1;
		} else {
			t->a[i] = 0xFFFD;
		}
	}
	if (!putback)
		return ret;
	keep.n = 0;
	for (i = 0; i < t->n; i++) {
		c = t->a[i];
		if (ISDROP(c)) {
			cb_push(&keep, um_page_dec[c - LOST_DROP][0xE2 - 0x80]);
			cb_push(&keep, um_page_dec[c - LOST_DROP][0]);
		} else {
			cb_push(&keep, c);
		}
	}
	cb_set(t, keep.a, keep.n);
	return 2;
}

/* A U+0E42 with no Thai letter beside it is a curly quote read as
 * Windows-874 with its last two bytes lost. */
static int
fix_thai(struct cpbuf *t)
{
	size_t i;
	uint32_t g, p, q;
	int changed = 0, open = 0;
	uint32_t dash = 0;

	for (i = 0; i < t->n; i++) {
		open += t->a[i] == 0x201C ? 1 : t->a[i] == 0x201D ? -1 : 0;
		if (t->a[i] != 0x0E42)
			continue;
		p = i > 0 ? t->a[i - 1] : 0;
		q = i + 1 < t->n ? t->a[i + 1] : 0;
		if ((p >= 0x0E00 && p <= 0x0E7F) ||
		    (q >= 0x0E00 && q <= 0x0E7F))
			continue;
		if ((g = guess_lost(t->a, t->n, i, LOST_THAI, open, &dash))) {
			t->a[i] = g;
			open += g == 0x201C ? 1 : g == 0x201D ? -1 : 0;
			counters[C_THAI].n++;
			note_rule("lossy-thai");
			changed = 1;
		}
	}
	return changed;
}

/* --- the repair loop */

static int fix_string(struct cpbuf *t, int depth);

/* Can c be a UTF-8 lead byte (k = 1..3 continuations: bit k) or a
 * continuation byte (bit 0) in some page? */
static unsigned
utf8_role(uint32_t c)
{
	unsigned e, r = 0;
	int p, x;

	static unsigned char cache[4096]; /* role + 1 per entry */

	if (c < 0x80)
		return 0;
	if (c < 0xA0 || c == 0xFFFD)
		return 1;
	if (!(e = um_entry(c)))
		return 0;
	if (e < sizeof(cache) && cache[e])
		return cache[e] - 1u;
	for (p = 0; p < UM_NPAGES; p++) {
		x = um_ent_enc[e][p];
		if (x >= 0x80 && x <= 0xBF)
			r |= 1;
		else if (x >= 0xC2 && x <= 0xDF)
			r |= 2;
		else if (x >= 0xE0 && x <= 0xEF)
			r |= 4;
		else if (x >= 0xF0 && x <= 0xF4)
			r |= 8;
	}
	if (e < sizeof(cache))
		cache[e] = (unsigned char)(r + 1);
	return r;
}

/* Length of the UTF-8-looking group at a[i] (lead and continuations),
 * or 0. A three-byte group may lack its last continuation. */
static size_t
group_at(const uint32_t *a, size_t n, size_t i)
{
	unsigned r = utf8_role(a[i]);
	size_t k, j;

	/* "Ã " may be "à" whose second byte became a space: take the
	 * next word along, which decides how to put the byte back */
	if (a[i] == 0xC3 && i + 1 < n && a[i + 1] == ' ') {
		for (j = i + 2; j < n && a[j] < 0x80 && is_letter(a[j]); j++)
			;
		return j - i + (j < n && a[j] == ' ');
	}
	for (k = 3; k >= 1; k--) {
		if (!(r & (1u << k)))
			continue;
		for (j = 1; j <= k && i + j < n; j++)
			if (!(utf8_role(a[i + j]) & 1))
				break;
		if (j > k)
			return k + 1;
		/* E2 80 with its last byte dropped: "â€" before ASCII */
		if (k == 2 && j == 2 && a[i] == 0xE2 && a[i + 1] == 0x20AC &&
		    (i + 2 == n || a[i + 2] < 0x80))
			return 2;
	}
	return 0;
}

/* Is t->a[start..end) strange, on its own or with two characters either
 * side? */
static int
strange_in_context(const struct cpbuf *t, size_t start, size_t end)
{
	size_t lo = start > 2 ? start - 2 : 0, hi = MIN(end + 2, t->n);

	return badness(t->a + start, end - start) > 0 ||
	       badness(t->a + lo, hi - lo) > 0;
}

/* Is the repaired run r, put back between t->a[start - 1] and t->a[end],
 * no stranger than t->a[start..end) was there?  (The run on its own was
 * strange, and is less so repaired.) */
static int
better_in_context(const struct cpbuf *t, size_t start, size_t end,
		  const struct cpbuf *r)
{
	static struct cpbuf a, b;
	size_t lo = start > 0 ? start - 1 : start;
	size_t hi = end < t->n ? end + 1 : end;
	int ba = -1, bb = -1, ka, kb;

	cb_set(&a, t->a + lo, hi - lo);
	b.n = 0;
	if (lo < start)
		cb_push(&b, t->a[lo]);
	for (size_t k = 0; k < r->n; k++)
		cb_push(&b, r->a[k]);
	if (hi > end)
		cb_push(&b, t->a[end]);
	ka = cost(a.a, a.n, &ba);
	kb = cost(b.a, b.n, &bb);
	return kb <= ka;
}

/* Step 2: fix strange runs of UTF-8-looking characters on their own. */
static int
fix_runs(struct cpbuf *t, int depth)
{
	static struct cpbuf outs[MAXDEPTH + 1];
	struct cpbuf *out = &outs[depth], run = {NULL, 0, 0};
	size_t i = 0, j, g, start;
	int changed = 0;

	out->n = 0;
	while (i < t->n) {
		start = i;
		for (j = i; j < t->n && (g = group_at(t->a, t->n, j)); j += g)
			;
		if (j == start) {
			cb_push(out, t->a[i++]);
			continue;
		}
		cb_set(&run, t->a + start, j - start);
		if (run.n < t->n && strange_in_context(t, start, j) &&
		    fix_string(&run, depth + 1) &&
		    better_in_context(t, start, j, &run)) {
			for (g = 0; g < run.n; g++)
				cb_push(out, run.a[g]);
			counters[C_MOJIBAKE].n++;
			changed = 1;
		} else {
			for (g = start; g < j; g++)
				cb_push(out, t->a[g]);
		}
		i = j;
	}
	free(run.a);
	if (changed)
		cb_set(t, out->a, out->n);
	return changed;
}

/* One repair step; 1 if t changed.  *bad is the strangeness of t if
 * known, else -1; it is updated for the next step. */
static int
fix_once(struct cpbuf *t, int depth, int *bad)
{
	static struct cpbuf r[MAXDEPTH + 1], b[MAXDEPTH + 1];
	struct cpbuf *res = &r[depth], *best = &b[depth];
	size_t i;
	int p, k, loose, c1 = 0, ch = 0, bestp = -1, bestk = 0, bestb = -1;

	if (*bad < 0)
		*bad = badness(t->a, t->n);
	if (*bad == 0)
		return 0;
	k = cost(t->a, t->n, bad);
	/* the least strange repair wins; the first page on a tie, and a
	 * repair that leaves nothing strange ends the search */
	for (loose = 0; loose < 2 && bestp < 0; loose++) {
		for (p = 0; p < UM_NPAGES; p++) {
			int rk, rb = -1;
			if ((loose && !um_page_sloppy[p]) ||
			    redecode(t->a, t->n, p, loose, res) < 0)
				continue;
			rk = cost(res->a, res->n, &rb);
			if (rk > k || (rk == k && res->n >= t->n) ||
			    (bestp >= 0 && rk >= bestk))
				continue;
			cb_set(best, res->a, res->n);
			bestp = p;
			bestk = rk;
			bestb = rb;
			if (rk == 0)
				break;
		}
	}
	if (bestp >= 0) {
		cb_set(t, best->a, best->n);
		*bad = bestb;
		counters[C_MOJIBAKE].n++;
		note_rule(um_page_name[bestp]);
		return 1;
	}
	*bad = -1;
	if (depth < MAXDEPTH && fix_runs(t, depth))
		return 1;
	for (i = 0; i < t->n; i++)
		if (t->a[i] >= 0x80 && t->a[i] < 0xA0)
			c1 = 1;
	if (!c1)
		return 0;
	for (i = 0; i < t->n; i++) {
		uint32_t c = t->a[i];
		if (c >= 0x80 && c < 0xA0 &&
		    um_page_dec[UM_CP1252][c - 0x80] != c) {
			t->a[i] = um_page_dec[UM_CP1252][c - 0x80];
			counters[C_C1].n++;
			ch = 1;
		}
	}
	if (ch)
		note_rule("c1-control");
	return ch;
}

/* Repair t until it stops changing; 1 if it changed. */
static int
fix_string(struct cpbuf *t, int depth)
{
	int r, k, changed = 0, bad = -1;

	for (r = 0; r < MAXROUNDS && fix_once(t, depth, &bad); r++) {
		changed = 1;
		if (depth == 0 && (k = resolve_lost(t))) {
			bad = -1;
			if (k == 2) /* put back: no more guessing here */
				drop_ok = 0;
		}
	}
	return changed;
}

/* --- HTML entities (-e) */

static int
entcmp(const void *k, const void *e)
{
	return strcmp(k, ((const struct um_entity *)e)->name);
}

/* Decode the entity at a[i] ('&'); return its length, 0 if none. */
static size_t
entity_at(const uint32_t *a, size_t n, size_t i, uint32_t *cp)
{
	char name[40];
	size_t j, k = 0;
	unsigned long v = 0;
	const struct um_entity *e;

	if (i + 2 < n && a[i + 1] == '#') {
		int hex = a[i + 2] == 'x' || a[i + 2] == 'X';
		for (j = i + 2 + hex; j < n && j < i + 12; j++) {
			uint32_t c = a[j];
			if (c >= '0' && c <= '9')
				v = v * (hex ? 16 : 10) + (c - '0');
			else if (hex && (c | 0x20) >= 'a' && (c | 0x20) <= 'f')
				v = v * 16 + ((c | 0x20) - 'a' + 10);
			else
				break;
		}
		if (j == i + 2 + hex || j >= n || a[j] != ';')
			return 0;
		if (v >= 0x80 && v < 0xA0)
			v = um_page_dec[UM_CP1252][v - 0x80];
		if (v == 0 || v > 0x10FFFF || (v >= 0xD800 && v < 0xE000))
			return 0;
		*cp = (uint32_t)v;
		return j + 1 - i;
	}
	for (j = i + 1; j < n && k < sizeof(name) - 1 && a[j] < 0x80 &&
			(((a[j] | 0x20) >= 'a' && (a[j] | 0x20) <= 'z') ||
			 (a[j] >= '0' && a[j] <= '9'));
	     j++)
		name[k++] = (char)a[j];
	name[k] = '\0';
	if (!k || j >= n || a[j] != ';' ||
	    !(e = bsearch(name, um_entities, um_nentities, sizeof(*e), entcmp)))
		return 0;
	*cp = e->cp;
	return j + 1 - i;
}

static int
unescape(struct cpbuf *t)
{
	size_t i, m = 0, k;
	uint32_t c;
	int changed = 0;

	for (i = 0; i < t->n; i++) {
		if (t->a[i] == '&' && (k = entity_at(t->a, t->n, i, &c))) {
			t->a[m++] = c;
			i += k - 1;
			counters[C_ENTITIES].n++;
			changed = 1;
		} else {
			t->a[m++] = t->a[i];
		}
	}
	t->n = m;
	if (changed)
		note_rule("entity");
	return changed;
}

/* --- bytes to code points and back */

/* Decode s[0..n) with the -f encoding; a multibyte character cut at n
 * may take bytes up to s[max - 1].  Return how many bytes were used. */
static size_t
decode_legacy(const char *s, size_t n, size_t max, struct cpbuf *t)
{
	char obuf[256], *ip = (char *)s, *op;
	size_t il = n, ol, r, k;
	const unsigned char *u;

	thai_seen = 1;
	iconv(legacy, NULL, NULL, NULL, NULL);
	while (il > 0) {
		op = obuf;
		ol = sizeof(obuf);
		r = iconv(legacy, &ip, &il, &op, &ol);
		u = (const unsigned char *)obuf;
		for (k = 0; k + 4 <= (size_t)(op - obuf); k += 4)
			cb_push(t, u[k] | u[k + 1] << 8 | u[k + 2] << 16 |
				       (uint32_t)u[k + 3] << 24);
		if (r != (size_t)-1 || errno == E2BIG)
			continue;
		if (errno == EINVAL && (size_t)(ip - s) + il < max && il < 4) {
			il++; /* cut short: take one more byte */
			continue;
		}
		/* a byte the encoding does not have: keep it */
		cb_push(t, RAW((unsigned char)*ip));
		ip++;
		il--;
		iconv(legacy, NULL, NULL, NULL, NULL);
	}
	counters[C_LEGACY].n += (size_t)(ip - s);
	return (size_t)(ip - s);
}

static int
cesu_pair(const unsigned char *u, size_t n)
{
	return n >= 6 && u[0] == 0xED && u[1] >= 0xA0 && u[1] <= 0xAF &&
	       cont(u[2]) && u[3] == 0xED && u[4] >= 0xB0 && u[4] <= 0xBF &&
	       cont(u[5]);
}

/* Decode a line; return 1 if bytes had to be changed to do so. */
static int
decode_line(const char *s, size_t n, struct cpbuf *t)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t i = 0, k, j;
	uint32_t c;
	int changed = 0;

	t->n = 0;
	while (t->cap < n + 1)
		cb_grow(t);
	while (i < n) {
		if (u[i] < 0x80) {
			/* never more code points than bytes, but legacy
			 * decoding may add some: check the room */
			uint64_t w;
			while (t->n + 8 > t->cap)
				cb_grow(t);
			if (i + 8 <= n && (memcpy(&w, u + i, 8),
					   !(w & 0x8080808080808080ull))) {
				for (k = 0; k < 8; k++)
					t->a[t->n + k] = u[i + k];
				t->n += 8;
				i += 8;
				continue;
			}
			t->a[t->n++] = u[i++];
			continue;
		}
		if (cesu_pair(u + i, n - i)) {
			decode_variant(u + i, 6, &scratch_cp);
			cb_push(t, scratch_cp.a[0]);
			note_rule("cesu-8");
			i += 6;
			changed = 1;
			continue;
		}
		k = utf8_decode(s + i, n - i, &c);
		if (c != UTF8_INVALID) {
			cb_push(t, c);
			thai_seen |= c == 0x0E42;
			i += k;
			continue;
		}
		/* the stretch runs on over ASCII (the second byte of a
		 * double-byte character may be ASCII) up to the next valid
		 * UTF-8 character that is not ASCII */
		for (j = i + k; j < n && !cesu_pair(u + j, n - j); j += k) {
			k = utf8_decode(s + j, n - j, &c);
			if (c != UTF8_INVALID && c >= 0x80)
				break;
		}
		j = i + decode_legacy(s + i, j - i, n - i, t);
		note_rule("legacy");
		i = j;
		changed = 1;
	}
	return changed;
}

/* Append t as UTF-8 to the memory buffer o. */
static void
encode_line(const struct cpbuf *t, struct buf *o)
{
	unsigned char *p;
	size_t i;
	uint32_t c;

	buf_make_room(o, 4 * t->n + 4);
	p = (unsigned char *)o->p + o->len;
	for (i = 0; i < t->n; i++) {
		c = t->a[i];
		if (c < 0x80) {
			*p++ = (unsigned char)c;
		} else if (ISRAW(c)) {
			*p++ = (unsigned char)(c - 0x110000u);
		} else if (c < 0x800) {
			*p++ = (unsigned char)(0xC0 | c >> 6);
			*p++ = (unsigned char)(0x80 | (c & 0x3F));
		} else if (c < 0x10000) {
			*p++ = (unsigned char)(0xE0 | c >> 12);
			*p++ = (unsigned char)(0x80 | (c >> 6 & 0x3F));
			*p++ = (unsigned char)(0x80 | (c & 0x3F));
		} else if (c < 0x110000) {
			*p++ = (unsigned char)(0xF0 | c >> 18);
			*p++ = (unsigned char)(0x80 | (c >> 12 & 0x3F));
			*p++ = (unsigned char)(0x80 | (c >> 6 & 0x3F));
			*p++ = (unsigned char)(0x80 | (c & 0x3F));
		}
	}
	o->total += (size_t)(p - (unsigned char *)o->p) - o->len;
	o->len = (size_t)(p - (unsigned char *)o->p);
}

/* --- explaining */

static void
put_quoted(FILE *fp, const char *s, size_t n, int json)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t i, k;
	uint32_t c;

	fputc('"', fp);
	for (i = 0; i < n; i += k) {
		k = utf8_decode(s + i, n - i, &c);
		if (c == UTF8_INVALID) {
			for (; k > 0; k--, i++)
				fprintf(fp, json ? "\\ufffd" : "\\x%02x", u[i]);
			continue;
		}
		if (c == '"' || c == '\\')
			fprintf(fp, "\\%c", (int)c);
		else if (c == '\n')
			fputs("\\n", fp);
		else if (c == '\t')
			fputs("\\t", fp);
		else if (c < 0x20 || c == 0x7F || (c >= 0x80 && c < 0xA0))
			fprintf(fp, json ? "\\u%04x" : "\\x%02x", (unsigned)c);
		else
			fwrite(s + i, 1, k, fp);
	}
	fputc('"', fp);
}

static void
explain_change(unsigned long long off, const char *a, size_t an, const char *b,
	       size_t bn)
{
	size_t pre = 0, suf = 0;

	while (pre < an && pre < bn && a[pre] == b[pre])
		pre++;
	while (pre > 0 && (((pre < an && (a[pre] & 0xC0) == 0x80)) ||
			   (pre < bn && (b[pre] & 0xC0) == 0x80)))
		pre--;
	while (suf < an - pre && suf < bn - pre &&
	       a[an - 1 - suf] == b[bn - 1 - suf])
		suf++;
	while (suf > 0 && (((a[an - suf] & 0xC0) == 0x80) ||
			   ((b[bn - suf] & 0xC0) == 0x80)))
		suf--;
	if (explain == 2) {
		fprintf(stderr, "{\"offset\":%llu,\"before\":", off + pre);
		put_quoted(stderr, a + pre, an - pre - suf, 1);
		fputs(",\"after\":", stderr);
		put_quoted(stderr, b + pre, bn - pre - suf, 1);
		fprintf(stderr, ",\"rule\":\"%s\"}\n", rulebuf);
	} else {
		fprintf(stderr, "unmojibake: offset %llu: ", off + pre);
		put_quoted(stderr, a + pre, an - pre - suf, 0);
		fputs(" -> ", stderr);
		put_quoted(stderr, b + pre, bn - pre - suf, 0);
		fprintf(stderr, " (%s)\n", rulebuf);
	}
}

/* --- lines */

/* The slow path: repair one line s[0..n) (with its terminator). */
static void
fix_line(const char *s, size_t n, struct buf *o)
{
	static struct cpbuf t;
	size_t body = n;
	int changed, r, c, th;

	if (body > 0 && s[body - 1] == '\n')
		body--;
	if (body > 0 && s[body - 1] == '\r')
		body--;
	rulebuf[0] = '\0';
	drop_ok = 1;
	changed = decode_line(s, body, &t);
	if (eflag)
		changed |= unescape(&t);
	/* repair until stable, as a second run of the filter would see it:
	 * again after restored Thai quotes, and from the start after a lost
	 * byte was put back */
	for (r = 0; r < 4; r++) {
		c = fix_string(&t, 0) | resolve_lost(&t);
		th = thai_seen && fix_thai(&t);
		changed |= c | th;
		if (!th && drop_ok)
			break;
		drop_ok = 1;
		if (!c && !th)
			break;
	}
	thai_seen = 0;
	if (!changed) {
		buf_put(o, s, n);
		return;
	}
	scratch.len = 0;
	encode_line(&t, &scratch);
	buf_put(&scratch, s + body, n - body);
	if (scratch.len == n && !memcmp(scratch.p, s, n)) {
		buf_put(o, s, n);
		return;
	}
	counters[C_LINES].n++;
	if (explain)
		explain_change(docoff, s, n, scratch.p, scratch.len);
	buf_put(o, scratch.p, scratch.len);
}

/* Does the non-ASCII run at s[i] (s[i] >= 0x80) hold anything mojibake
 * can produce?  *end is set past the run. */
static int
suspicious(const unsigned char *s, size_t n, size_t i, size_t *end)
{
	uint32_t c;
	size_t k, chars = 0;

	for (; i < n && s[i] >= 0x80; i += k, chars++) {
		k = utf8_decode((const char *)s + i, n - i, &c);
		if (c == UTF8_INVALID || (c >= 0x80 && c < 0xA0) ||
		    c == 0xFFFD || c == 0x0E42 || chars > 0)
			return 1;
		if ((c == 0xC3 || c == 0xC2) && i + k < n &&
		    (s[i + k] == ' ' || s[i + k] == '?'))
			return 1;
	}
	*end = i;
	return 0;
}

/* Where to cut a long line near s[k], in s[lo, hi): after a space that
 * follows an ASCII byte (no run of mojibake spans it), else between two
 * ASCII bytes, else before any byte that starts a character; lo if none.
 * The repair works on code points, several times the line's size, so
 * pieces keep memory flat on lines of any length. */
static size_t
cutat(const unsigned char *s, size_t lo, size_t k, size_t hi)
{
	size_t j, e = MIN(hi, k + SPAN / 4);

	for (j = k; j < e; j++)
		if (j > lo && s[j - 1] == ' ' && j > lo + 1 && s[j - 2] < 0x80)
			return j;
	for (j = k; j < e; j++)
		if (j > lo && s[j] < 0x80 && s[j - 1] < 0x80)
			return j;
	for (j = k; j < e; j++)
		if (j > lo && (s[j] < 0x80 || s[j] >= 0xC0))
			return j;
	return lo;
}

static int
process(void *ctx, const char *p, size_t n, struct buf *o)
{
	const unsigned char *s = (const unsigned char *)p;
	size_t i = 0, done = 0, ls, le, end;
	const char *q;
	uint64_t w;

	(void)ctx;
	while (i < n) {
		if (!eflag) {
			while (i + 8 <= n) {
				memcpy(&w, s + i, 8);
				if (w & 0x8080808080808080ull)
					break;
				i += 8;
			}
			while (i < n && s[i] < 0x80)
				i++;
			if (i >= n)
				break;
			if (!suspicious(s, n, i, &end)) {
				i = end;
				continue;
			}
		}
		q = i > done ? memrchr(p + done, '\n', i - done) : NULL;
		ls = q ? (size_t)(q - p) + 1 : done;
		q = memchr(p + i, '\n', n - i);
		le = q ? (size_t)(q - p) + 1 : n;
		if (i - ls > SPAN && (end = cutat(s, ls, i - SPAN / 2, i)) > ls)
			ls = end;
		if (le - i > SPAN && (end = cutat(s, i, i + SPAN / 2, le)) > i)
			le = end;
		buf_put(o, p + done, ls - done);
		docoff += ls - done;
		fix_line(p + ls, le - ls, o);
		docoff += le - ls;
		done = i = le;
	}
	buf_put(o, p + done, n - done);
	docoff += n - done;
	return 0;
}

static void
enddoc(void *ctx, struct buf *o)
{
	(void)ctx;
	(void)o;
	docoff = 0;
}

/* ------------------------------------------------------------ engine */

static struct diag *dg;

static void *
create(struct diag *d)
{
	static int one;

	dg = d;
	return &one;
}

static int
option(void *e, int c, const char *arg)
{
	(void)e;
	switch (c) {
	case 'e':
		eflag = 1;
		return 0;
	case 'f':
		fromenc = arg;
		return 0;
	case OPT_EXPLAIN:
		if (!arg)
			explain = 1;
		else if (!strcmp(arg, "jsonl"))
			explain = 2;
		else {
			diag_warnx(dg, "--explain: expected jsonl, not %s", arg);
			return 2;
		}
		return 0;
	}
	return 2;
}

static int
start(void *e, const struct rec_opt *o, struct rec_filter *f)
{
	(void)o;
	if ((legacy = iconv_open("UTF-32LE", fromenc)) == (iconv_t)-1) {
		diag_warnx(dg, "-f %s: encoding not supported by iconv",
		    fromenc);
		return 2;
	}
	buf_init_mem(&scratch, 4096);
	f->unit = REC_BLOCK;
	f->fn = process;
	f->enddoc = enddoc;
	f->ctx = e;
	f->counters = counters;
	return 0;
}

static void
destroy(void *e)
{
	(void)e;
}

static const struct opt_long longopts[] = {
	{ "entities", OPT_NONE, 'e' },
	{ "explain", OPT_OPTIONAL, OPT_EXPLAIN },
	{ "from", OPT_REQUIRED, 'f' },
	{ NULL, 0, 0 }
};

const struct engine unmojibake_engine = {
	"unmojibake",
	"unmojibake [-ez] [-f encoding] [--explain[=jsonl]] [--jsonl[=field]] "
	"[file ...]",
	"  -e, --entities      decode HTML entities (&rsquo; &#8217; &amp;)\n"
	"  -f, --from=ENC      decode bytes that are not UTF-8 as ENC\n"
	"                      (an iconv name; default CP1252)\n"
	"      --explain[=jsonl] report each repair on stderr\n",
	"ef:",
	longopts,
	create,
	option,
	start,
	NULL,
	destroy,
};
