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
#include <errno.h>
#include <iconv.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <utf8proc.h>
#ifdef HAVE_UCHARDET
#include <uchardet.h>
#ifdef UCHARDET_DLOPEN
#include <dlfcn.h>
#endif
#endif

#include "common/engine.h"
#include "common/io.h"
#include "common/rec.h"
#include "common/utf8.h"
#include "common/util.h"
#include "filters/apply.h"
#include "filters/unmojibake.h"
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
#define SPAN	  65536 /* the least piece of a line cut to be repaired */
#define HOLD	  (2 * SPAN) /* a longer line is repaired a piece at a time */
#define ANCHOR_LEN 8	/* an anchor follows so many [A-Za-z0-9 ] */
#define ANCHOR_MOD 1024 /* whose hash is 0 modulo this */
#define ANCHOR_FROM 4096 /* once a line had so many ASCII letters */
#define STRANGE	  (-2) /* *bad: strange, by how much not known yet */
#define NMEMO	  4096	/* runs a line remembers it could not repair */
#define NROLES	  4096	/* utf8_role() remembers entries below this */

struct cpbuf {
	uint32_t *a;
	size_t n, cap;
};

/* Which strangeness rules can start where: built from the generated
 * rules by rules_index() when an engine is made. */
struct ruleidx {
	uint64_t f1;		/* first position of a one-character rule */
	uint64_t f2, s2;	/* first and second of a longer one */
	uint64_t always;	/* rules whose first position is negated */
	uint64_t ascii[128];	/* the class of each ASCII character */
	uint64_t cand[128];	/* rules that may start at ASCII c */
	uint64_t bycls[64];	/* rules whose first position has class j */
	uint64_t bycls2[64];	/* ... whose second position has class j */
	uint64_t always2;	/* rules of one position, or a negated second */
};

/* What badness needs to know of a character. */
struct chinfo {
	uint64_t cls;		/* cls_of() */
	unsigned char upper;	/* is_upper() */
	unsigned char punct;	/* is_punct() */
	unsigned char known;	/* filled in */
};

/* The strangeness counter: its index, a cache of what it knows of the
 * characters of the code pages, and its class buffer. */
struct strange {
	struct ruleidx ri;
	struct chinfo info[NROLES]; /* by um_entry() */
	struct chinfo tmp;	/* a character not in the cache */
	uint64_t *c;
	size_t cap;
};

/* What decoding a line, or a repair of it, saw: the later steps of the
 * line's repair read it.  SAW_LOST: LOST marks were made (resolve_lost
 * has work); SAW_THAI: a U+0E42 was read (fix_thai has work). */
enum { SAW_LOST = 1, SAW_THAI = 2 };

/* One line's repair: what its steps tell each other. */
struct linestate {
	int drop_ok;	/* in: may E2 80 before ASCII be a lost byte? */
	unsigned saw;	/* out: SAW_ bits */
};

/* The buffers of one depth of fix_string (fix_runs recurses). */
struct level {
	struct cpbuf res, best, out, run;
};

/* Where the cutting of a line into pieces stands (next_cut). */
struct cutter {
	size_t alnum0;	/* ASCII letters and digits before the piece */
	size_t alnum;	/* ... before s[j] */
	size_t j;	/* bytes of the piece looked at */
	size_t run;	/* [A-Za-z0-9 ] before s[j] */
};

enum { C_LINES, C_MOJIBAKE, C_C1, C_LOST, C_THAI, C_LEGACY, C_ENTITIES,
	C_AMBIGUOUS, C_PARTIAL, C_LEGACY_DOCS, C_UNDETECTED, C_N };

/* A decoder of bytes that are not UTF-8 (-f, or what -f auto chose). */
struct legacy {
	char name[32];		/* as iconv_open took it; "" closed */
	iconv_t cd;
	int sbcs;		/* one byte a character: sb[] */
	uint32_t sb[256];	/* what each byte is in it (RAW: none) */
};

/* --stats names the encodings -f auto read documents as: so many at most
 * (the rest count under the last) */
#define NREADAS 16

/* The rules u->rulebuf names besides the code pages', and (a rule of
 * --attrs only) the decoding of a UTF-16 or UTF-32 document, in the
 * order of W_UTF16LE... (rule_index() numbers them after the pages) */
static const char *const other_rules[] = {
	"legacy", "entity", "lost-byte", "lossy-thai", "c1-control", "cesu-8",
	"utf-16le", "utf-16be", "utf-32le", "utf-32be",
};
#define R_WIDE	 (UM_NPAGES + 6 - 1)	/* + W_: the decoding's rule */
#define NRULES	 (UM_NPAGES + (int)LEN(other_rules))

/* --attrs: the names every document has (rec.h; the rules and read_as__
 * come with the documents that have them: at most NRULES + 1 more) */
static const char *const span_names[] = { "repair", "option__entities",
	"left_ambiguous", "left_partial", NULL };
typedef char attrs_fit[LEN(span_names) - 1 + NRULES + 1 <= REC_ATTRS_NAMES ?
    1 : -1];

struct unmojibake {
	struct diag *dg;
	/* options */
	int eflag;
	int explain;		/* 1 text, 2 jsonl */
	const char *fromenc;	/* -f: an iconv name, or "auto" */
	int detect;		/* -f auto */
	struct legacy lg[2];	/* -f's decoder (auto: the fallback), and
				 * the one detected for the document */
	struct detector *det_api; /* libuchardet, when first needed */
	char readas[NREADAS][40]; /* the read_as_ counters' names */
	size_t nreadas;
	enum rec_offsets offsets; /* of --explain */
	struct rec_filter *f;	/* its pos says where the reader is */
	struct rec_pos pos;	/* where the text being repaired came from */
	/* the document */
	int docstart;		/* no byte of it seen yet */
	int wide;		/* W_ (UTF-16 or UTF-32), or W_NONE */
	iconv_t wcd;		/* its decoder */
	struct buf wide_in;	/* its bytes not yet decoded */
	struct buf wide_out;	/* decoded */
	struct buf carry;	/* a last line not yet whole */
	struct cutter cut;	/* its pieces */
	int decided;		/* auto: its legacy encoding is chosen, */
	int cur;		/* lg[cur] (0 until one is detected) */
	const char *span;	/* the text lines() works through, */
	size_t spann;		/* evidence for the choice */
	unsigned long long docoff; /* where the text being repaired is, */
	unsigned long long docchars; /* in bytes and characters */
	char rulebuf[256];	/* the rules that changed this line */
	/* --attrs (spans through f->attrs) */
	int count_chars;	/* docchars is kept */
	int said_read_as;	/* the document's read_as__ span is out */
	unsigned long long rawoff, rawchars; /* the document as it came */
	uint64_t wide_rules;	/* a UTF-16/32 document: its lines' rules */
	int wide_left;		/* ... lines left: 1 ambiguous, 2 partial */
	char rattr[NRULES][24];	/* "rule__cp1252", by rule_index() */
	char readas_attr[48];	/* "read_as__CP1251" */
	struct apply_spans found; /* the applier's read_as__ span */
	int ambiguous;		/* twin pages disagreed on it: page + 1 */
	int lastpage;		/* the page of its last whole repair, or -1 */
	int twin[UM_NPAGES];	/* page_twins: the other page, or -1 */
	struct rec_counter counters[C_N + NREADAS + 1];
	struct strange st;
	unsigned char role[NROLES]; /* utf8_role() + 1 per entry, 0 unknown */
	/* working buffers */
	struct buf scratch;	/* the repaired line */
	struct buf note;	/* an --explain line */
	struct cpbuf line, keep, ctx_a, ctx_b;
	struct cpbuf det;	/* a candidate encoding's reading */
	struct cpbuf pre;	/* the line before its repair */
	unsigned char *rb, *ro;	/* redecode's bytes, with A0 put back */
	size_t rcap;
	struct level lv[MAXDEPTH + 1];
	/* runs (with their neighbours) that fix_runs could not repair in
	 * this line: a later round need not try them again */
	struct memo {
		uint64_t key;
		unsigned long gen;
	} memo[NMEMO];
	unsigned long gen;	/* the line's: older entries are void */
};

enum { OPT_EXPLAIN = 0x200 };
static const char *const counter_names[C_N] = {
	"lines_changed", "mojibake_runs", "c1_controls", "lost_bytes",
	"thai_quotes", "legacy_bytes", "entities", "ambiguous_lines",
	"partial_lines", "legacy_documents", "undetected"
};

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
cb_free(struct cpbuf *b)
{
	free(b->a);
	b->a = NULL;
	b->n = b->cap = 0;
}

/* Add rule r to the list of rules that changed the line. */
static void
note_rule(struct unmojibake *u, const char *r)
{
	size_t l = strlen(u->rulebuf);

	if (strstr(u->rulebuf, r))
		return;
	snprintf(u->rulebuf + l, sizeof(u->rulebuf) - l, "%s%s",
	    l ? "," : "", r);
}

/* --- attributes (--attrs) */

/*
 * Each line (or piece of a long line) that changed is a span "repair" of
 * its text without its terminator, value 1, and a span "rule__R" over the
 * same text for each rule R that changed it (a code page name, legacy,
 * entity, lost-byte, lossy-thai, c1-control, cesu-8), so that a reader
 * selects repairs by rule. A line left as it is because its repair was
 * ambiguous or partial is a span "left_ambiguous" or "left_partial".
 *
 * What the document as a whole decides goes with it, so that copydesk
 * apply unmojibake repairs each span as unmojibake did, byte for byte,
 * with no option of its own: "option__entities" [0, end, 1] when -e was
 * given (else none); "read_as__ENC" over the text the encoding of its bytes
 * that are not UTF-8 was chosen from (evidence(): from the start of the
 * line that has the first of them, at most 4 KiB), value 2 if -f auto
 * detected the document to be in ENC (a line with such a byte is then
 * decoded whole), 1 if only those bytes are read in it (the fallback, or
 * -f ENC). The applier makes no choice again: how much text was at hand
 * depends on how the text was read (--window), and the detector on the
 * libuchardet installed.
 *
 * A UTF-16 or UTF-32 document (rec.h's offsets index the text as stored,
 * which its lines' offsets would not) is one span "repair" over all of
 * it, with the rules of all its lines and "rule__utf-16le" (-be, utf-32),
 * and "left_" spans over all of it if a line was left.
 */

static struct rec_attrs *
attrs_of(const struct unmojibake *u)
{
	return u->f ? u->f->attrs : NULL;
}

/* Can an encoding's name be written in an attribute's name as it is (no
 * JSON escape)? */
static int
attr_name_ok(const char *name)
{
	for (; *name; name++)
		if ((unsigned char)*name < 0x20 || *name == '"' || *name == '\\')
			return 0;
	return 1;
}

/* The number of rule r[0..n) (NRULES if none). */
static int
rule_index(const char *r, size_t n)
{
	int k;

	for (k = 0; k < UM_NPAGES; k++)
		if (strlen(um_page_name[k]) == n && !memcmp(um_page_name[k], r, n))
			return k;
	for (k = 0; k < (int)LEN(other_rules); k++)
		if (strlen(other_rules[k]) == n && !memcmp(other_rules[k], r, n))
			return UM_NPAGES + k;
	return NRULES;
}

/* The rules of u->rulebuf, a bit each. */
static uint64_t
rules_of(const struct unmojibake *u)
{
	const char *r = u->rulebuf, *c;
	uint64_t m = 0;
	size_t n;
	int k;

	while (*r) {
		c = strchr(r, ',');
		n = c ? (size_t)(c - r) : strlen(r);
		if ((k = rule_index(r, n)) < NRULES)
			m |= 1ULL << k;
		r += n + (c != NULL);
	}
	return m;
}

/* A span "repair" [bs, be) ([cs, ce) in code points) and one of each
 * rule of mask. */
static void
span_repair(struct unmojibake *u, unsigned long long bs,
    unsigned long long be, unsigned long long cs, unsigned long long ce,
    uint64_t mask)
{
	struct rec_attrs *a = attrs_of(u);
	int k;

	rec_span(a, "repair", bs, be, cs, ce, 1);
	for (k = 0; k < NRULES; k++)
		if (mask >> k & 1)
			rec_span(a, u->rattr[k], bs, be, cs, ce, 1);
}

/* The line s[0..n) at u->docoff changed (left 0), or was left as it is
 * (left: 1 ambiguous, 2 partial). */
static void
span_line(struct unmojibake *u, const char *s, size_t n, int left)
{
	unsigned long long ce;

	if (!attrs_of(u))
		return;
	if (u->wide) {          /* said at the document's end */
		if (left)
			u->wide_left |= left;
		else
			u->wide_rules |= rules_of(u);
		return;
	}
	ce = u->docchars + rec_chars(s, n);
	if (left)
		rec_span(attrs_of(u), left == 1 ? "left_ambiguous" :
		    "left_partial", u->docoff, u->docoff + n, u->docchars, ce,
		    1);
	else
		span_repair(u, u->docoff, u->docoff + n, u->docchars, ce,
		    rules_of(u));
}

/* The document's bytes that are not UTF-8 are read in lg[u->cur], as
 * chosen from s[0..n), the line at u->docoff and the text after it. */
static void
span_read_as(struct unmojibake *u, const char *s, size_t n)
{
	const char *name = u->lg[u->cur].name;

	u->said_read_as = 1;
	if (!attrs_of(u))
		return;
	if (!attr_name_ok(name)) {      /* only a detector's: start() let
	                                 * no such -f name by */
		diag_warnx(u->dg, "--attrs: the encoding %s cannot name an "
		    "attribute", name);
		return;
	}
	snprintf(u->readas_attr, sizeof(u->readas_attr), "read_as__%s", name);
	rec_span(attrs_of(u), u->readas_attr, u->docoff, u->docoff + n,
	    u->docchars, u->docchars + rec_chars(s, n), u->cur == 1 ? 2 : 1);
}

/* The spans of the document as a whole, at its end. */
static void
span_doc(struct unmojibake *u)
{
	struct rec_attrs *a = attrs_of(u);

	if (!a)
		return;
	if (u->eflag)
		rec_span(a, "option__entities", 0, u->rawoff, 0, u->rawchars, 1);
	if (!u->wide)
		return;
	span_repair(u, 0, u->rawoff, 0, u->rawchars,
	    u->wide_rules | 1ULL << (R_WIDE + u->wide));
	if (u->wide_left & 1)
		rec_span(a, "left_ambiguous", 0, u->rawoff, 0, u->rawchars, 1);
	if (u->wide_left & 2)
		rec_span(a, "left_partial", 0, u->rawoff, 0, u->rawchars, 1);
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

static int
is_upper(uint32_t c)
{
	if (c < 0x80)
		return c >= 'A' && c <= 'Z';
	return c < 0x110000 &&
	       utf8proc_category((utf8proc_int32_t)c) == UTF8PROC_CATEGORY_LU;
}

/* Is c punctuation (Unicode P*: quotes, dashes, ‰, †, •, ...)? */
static int
is_punct(uint32_t c)
{
	if (c < 0x80)
		return c > ' ' && c < 0x7F && !((c | 0x20) >= 'a' &&
		       (c | 0x20) <= 'z') && !(c >= '0' && c <= '9');
	if (c >= 0x110000)
		return 0;
	switch (utf8proc_category((utf8proc_int32_t)c)) {
	case UTF8PROC_CATEGORY_PC:
	case UTF8PROC_CATEGORY_PD:
	case UTF8PROC_CATEGORY_PS:
	case UTF8PROC_CATEGORY_PE:
	case UTF8PROC_CATEGORY_PI:
	case UTF8PROC_CATEGORY_PF:
	case UTF8PROC_CATEGORY_PO:
		return 1;
	default:
		return 0;
	}
}

/* What badness needs to know of c (c >= 0x80). */
static inline const struct chinfo *
chinfo(struct strange *st, uint32_t c)
{
	unsigned e = c < 0x110000 ? um_entry(c) : 0;
	struct chinfo *h = e > 0 && e < NROLES ? &st->info[e] : &st->tmp;

	if (h->known && h != &st->tmp)
		return h;
	h->cls = cls_of(c);
	h->upper = (unsigned char)is_upper(c);
	h->punct = (unsigned char)is_punct(c);
	h->known = 1;
	return h;
}

static inline int
upper_at(struct strange *st, uint32_t c)
{
	return c < 0x80 ? c >= 'A' && c <= 'Z' : chinfo(st, c)->upper;
}

static inline int
punct_at(struct strange *st, uint32_t c)
{
	return c < 0x80 ? is_punct(c) : chinfo(st, c)->punct;
}

static inline int
space_at(struct strange *st, uint32_t c)
{
	return c < 0x80 ? is_space(c) :
	    (chinfo(st, c)->cls & UM_C_SPACE) != 0;
}

/* Does the punctuation mark a[i] close an upper-case word, as clean text
 * has it?  A capital after a capital, then the mark, then the end, white
 * space or more punctuation:
 *   "“AMANHÃ” na capa", "COBORÎ”", "IRMÃ…", "MÜLLER†"   yes
 *   "MÃ‰XICO" (a letter follows), "cafÃ©" (lower case),
 *   "OÃ™" (™ is a symbol, not punctuation)               no
 * Mojibake of a word-final accented capital in an upper-case word looks
 * the same ("JOSÃ‰ " for "JOSÉ "): it is left alone unless the whole line
 * is repaired for something else. */
static int
closes_caps(struct strange *st, const uint32_t *a, size_t n, size_t i)
{
	return i >= 2 && upper_at(st, a[i - 1]) && upper_at(st, a[i - 2]) &&
	       punct_at(st, a[i]) &&
	       (i + 1 == n || space_at(st, a[i + 1]) || punct_at(st, a[i + 1]));
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

/* Build the index of which rules can start where.  A position can start
 * a match only if it fits a one-character rule (or one with a negated
 * second position), or it and the next fit the first two positions of a
 * longer one. */
static void
rules_index(struct ruleidx *x)
{
	size_t i, j, r;

	memset(x, 0, sizeof(*x));
	if (um_nrules > 64)
		abort(); /* the generator checks this */
	for (i = 0; i < 128; i++)
		x->ascii[i] = cls_of((uint32_t)i);
	for (r = 0; r < um_nrules; r++) {
		const struct um_rule *u = &um_rules[r];
		if (u->len == 1 || (u->neg & 2)) {
			x->f1 |= u->pos[0];
		} else {
			x->f2 |= u->pos[0];
			x->s2 |= u->pos[1];
		}
		for (i = 0; i < 128; i++)
			if ((x->ascii[i] & u->pos[0]) != 0 || (u->neg & 1))
				x->cand[i] |= 1ULL << r;
		if (u->neg & 1)
			x->always |= 1ULL << r;
		for (j = 0; j < 64; j++)
			if (u->pos[0] >> j & 1)
				x->bycls[j] |= 1ULL << r;
		if (u->len == 1 || (u->neg & 2))
			x->always2 |= 1ULL << r;
		else
			for (j = 0; j < 64; j++)
				if (u->pos[1] >> j & 1)
					x->bycls2[j] |= 1ULL << r;
	}
}

/* Do the classes c[0..r->len) fit rule r, position by position? */
static inline int
rule_fits(const struct um_rule *r, const uint64_t *c)
{
	size_t j;

	for (j = 0; j < r->len; j++)
		if (((c[j] & r->pos[j]) != 0) == ((r->neg >> j) & 1))
			return 0;
	return 1;
}

/* The length of the first rule that matches at position i (c[i] is the
 * class of a[i - 1], c[0] the start), or 0:
 *   "lÃ©" at 'Ã'  (upper accent, then a symbol)  the rule's length
 *   "lé"  at 'é'   (no rule starts with a lower accent alone)  0
 *   at 'Ã' after ASCII 'l': only the rules that can start after 'l' are
 *   tried (ri->cand), else those of each class bit of c[i] (ri->bycls) */
static inline size_t
rule_at(const struct ruleidx *x, const uint32_t *a, const uint64_t *c,
    size_t i, size_t n)
{
	uint64_t m, m2, k;
	const struct um_rule *r;

	if (!(c[i] & x->f1) && !((c[i] & x->f2) && (c[i + 1] & x->s2)))
		return 0;
	if (i > 0 && a[i - 1] < 0x80) {
		m = x->cand[a[i - 1]];
	} else {
		m = x->always;
		for (k = c[i]; k; k &= k - 1)
			m |= x->bycls[__builtin_ctzll(k)];
	}
	/* and whose second position fits c[i + 1] */
	m2 = x->always2;
	for (k = c[i + 1]; k; k &= k - 1)
		m2 |= x->bycls2[__builtin_ctzll(k)];
	for (m &= m2; m; m &= m - 1) {
		r = &um_rules[__builtin_ctzll(m)];
		if (i + r->len <= n + 1 && rule_fits(r, c + i))
			return r->len;
	}
	return 0;
}

/* How many times the strangeness rules match a[0..n), without overlap.
 * With quiet set, U+FFFD counts as an ordinary character; with first,
 * stop at the first match (is a[0..n) strange at all?). */
static int
badness_scan(struct strange *st, const uint32_t *a, size_t n, int quiet,
    int first)
{
	const struct ruleidx *x = &st->ri;
	uint64_t *c;
	size_t i, nx, fill, len;
	int bad = 0;

	if (n + 2 > st->cap) {
		st->cap = n + 2 > 2 * st->cap ? n + 2 : 2 * st->cap;
		st->c = erealloc(st->c, st->cap * sizeof(*st->c));
	}
	c = st->c;
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
		for (; fill <= n && fill < i + UM_RULE_MAX; fill++) {
			uint32_t ch = a[fill - 1];
			if (ch < 0x80)
				c[fill] = x->ascii[ch];
			else if ((quiet && ch == 0xFFFD) ||
			    closes_caps(st, a, n, fill - 1) ||
			    (fill < n && a[fill] >= 0x80 &&
			     closes_caps(st, a, n, fill)))
				c[fill] = 0;
			else
				c[fill] = chinfo(st, ch)->cls;
		}
		if ((len = rule_at(x, a, c, i, n)) > 0) {
			if (first)
				return 1;
			bad++;
			i += len - 1;
		}
	}
	return bad;
}

static int
badness_q(struct strange *st, const uint32_t *a, size_t n, int quiet)
{
	return badness_scan(st, a, n, quiet, 0);
}

/* Is a[0..n) strange at all? */
static int
strange(struct strange *st, const uint32_t *a, size_t n)
{
	return badness_scan(st, a, n, 0, 1);
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

/* What a decoder makes of the evidence. */
struct reading {
	int lacks;		/* a byte its encoding does not have */
	int c1;			/* C1 controls */
	int west;		/* could a Western text read so? */
	size_t odd;		/* symbols inside words of an alphabet */
	int cost;		/* the strangeness rules: lower is plainer */
};

/* A letter of an alphabet written with spaces between words (Latin,
 * Greek, Cyrillic, Armenian): a symbol between two of them is odd. */
static int
alpha(uint32_t c)
{
	return c < 0x590 && is_letter(c);
}

/* A letter that may be inside a word: not the micro sign nor the ordinal
 * indicators ("ve\xb5mi": Slovak ISO-8859-2 read as cp1250) */
static int
word_letter(uint32_t c)
{
	return is_letter(c) && c != 0xB5 && c != 0xAA && c != 0xBA;
}

/* Survey a reading: symbols inside words ("og\xb3osi\xb3", Polish read
 * as cp1252; "Buduj\xb1c", ISO-8859-2 read as cp1250), but for the
 * apostrophe, the middle dot (Catalan "l\xb7l") and the soft hyphen; and
 * whether it is Western: none of those, and never three characters above
 * ASCII in a row ("\xcf\xf0\xe5": Cyrillic; "\xe7\xe2\xae": cp866), for
 * Western letters with marks come one or two at a time. */
static void
survey(const uint32_t *a, size_t n, struct reading *r)
{
	size_t i, run = 0;

	r->west = 1;
	r->odd = 0;
	for (i = 0; i < n; i++) {
		if (a[i] < 0x80 || is_space(a[i])) {
			run = 0;
			continue;
		}
		if (++run == 3)
			r->west = 0;
		if (!word_letter(a[i]) && i > 0 && i + 1 < n &&
		    alpha(a[i - 1]) && alpha(a[i + 1]) && a[i] != 0x2019 &&
		    a[i] != 0xB7 && a[i] != 0xAD)
			r->odd++;
	}
	if (r->odd)
		r->west = 0;
}

/* Strangeness used to compare a line with a repair of it: the rules, plus
 * Latin letters glued to Cyrillic ones, marks on ASCII, and rare letters. */
static int
cost(struct strange *st, const uint32_t *a, size_t n, int *bad)
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
		k += 2 * (i = (size_t)badness_q(st, a, n, 1));
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
	static const char keep[][6] = {" ", "quele", "quela", "quilo",
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

static int
cesu_pair(const unsigned char *u, size_t n)
{
	return n >= 6 && u[0] == 0xED && u[1] >= 0xA0 && u[1] <= 0xAF &&
	       cont(u[2]) && u[3] == 0xED && u[4] >= 0xB0 && u[4] <= 0xBF &&
	       cont(u[5]);
}

/* The character a CESU-8 surrogate pair u[0..6) stands for. */
static uint32_t
cesu_cp(const unsigned char *u)
{
	uint32_t hi = 0xD000 | (u[1] & 0x3F) << 6 | (u[2] & 0x3F);
	uint32_t lo = 0xD000 | (u[4] & 0x3F) << 6 | (u[5] & 0x3F);

	return 0x10000 + ((hi - 0xD800) << 10) + (lo - 0xDC00);
}

/* How the bytes decode_variant reads were made: the page the line was
 * encoded in, and whether E2 80 before ASCII may have lost a byte. */
struct origin {
	int page;
	int drop_ok;
};

/* One sequence decode_variant read: the character (UTF8_INVALID if the
 * bytes are not UTF-8 even with lost bytes), its length, and SAW_ bits. */
struct seq {
	uint32_t cp;
	size_t len;
	unsigned saw;
};

/* E2 80 at b[0] with its third byte lost (len 0 if not):
 *   "E2 80 1A"            a byte that became 0x1A: a LOST_FFFD mark
 *   "E2 80 ?"             a byte that became '?': U+FFFD
 *   "E2 80 x", "E2 80"$   x ASCII, if drop_ok: a byte dropped, LOST_DROP
 *   "E2 80 x" (!drop_ok), "E2 80 9C": not this (len 0) */
static inline struct seq
lost_e280(const unsigned char *b, size_t n, const struct origin *o)
{
	struct seq s = { 0, 0, 0 };

	if (b[0] != 0xE2 || n < 2 || b[1] != 0x80 || (n > 2 && b[2] >= 0x80) ||
	    !(o->drop_ok || (n > 2 && lostb(b[2]))))
		return s;
	if (n > 2 && b[2] == 0x1A) {
		s.cp = LOST_FFFD;
		s.len = 3;
		s.saw = SAW_LOST;
	} else if (n > 2 && b[2] == '?') {
		s.cp = 0xFFFD;
		s.len = 3;
	} else {
		s.cp = LOST_DROP + (uint32_t)o->page;
		s.len = 2;
		s.saw = SAW_LOST;
	}
	return s;
}

/* The length of a UTF-8 sequence at b[0] that lost bytes to 0x1A or
 * '?' (L lost, c continuation), or 0:
 *   C2-DF L               2 ('?' only after C2 or C3: "Ã?" is "à")
 *   E0-EF L L|c, L|c L    3 ("E2 ? 9C", "E2 80 1A")
 *   F0-F4 L|c 1A|c L|c    4, with one of them lost ("F0 9F ? 8D") */
static size_t
lossy_len(const unsigned char *b, size_t n)
{
	if (b[0] >= 0xC2 && b[0] <= 0xDF && n > 1 &&
	    (b[1] == 0x1A || (b[0] <= 0xC3 && b[1] == '?')))
		return 2;
	if (b[0] >= 0xE0 && b[0] <= 0xEF && n > 2 &&
	    ((lostb(b[1]) && (b[2] == 0x1A || cont(b[2]))) ||
	     ((b[1] == 0x1A || cont(b[1])) && lostb(b[2]))))
		return 3;
	if (b[0] >= 0xF0 && b[0] <= 0xF4 && n > 3 &&
	    (lostb(b[1]) || cont(b[1])) && (b[2] == 0x1A || cont(b[2])) &&
	    (lostb(b[3]) || cont(b[3])) &&
	    (lostb(b[1]) || b[2] == 0x1A || lostb(b[3])))
		return 4;
	return 0;
}

/* A UTF-8 sequence at b[0] one of whose continuation bytes became 0x1A
 * (U+FFFD), where the page lacks one byte only in 80 to BF: that byte
 * was lost.  "CE 1A" in ISO-8859-7, which lacks AE, is "ή" (CE AE);
 * "E2 80 1A" in cp1251, which lacks 98, is "‘". */
static inline struct seq
lost_only(const unsigned char *b, size_t n, const struct origin *o)
{
	struct seq s = { 0, 0, 0 };
	unsigned char c[4];
	size_t k, len;
	int lost = 0;

	if (!um_page_lost[o->page] || b[0] < 0xC2 || b[0] > 0xF4)
		return s;
	len = b[0] < 0xE0 ? 2 : b[0] < 0xF0 ? 3 : 4;
	if (n < len)
		return s;
	for (c[0] = b[0], k = 1; k < len; k++) {
		lost |= b[k] == 0x1A;
		c[k] = b[k] == 0x1A ? um_page_lost[o->page] : b[k];
	}
	if (!lost || utf8_decode((const char *)c, len, &s.cp) != len ||
	    s.cp == UTF8_INVALID) {
		s.cp = 0;
		return s;
	}
	s.len = len;
	return s;
}

/* The sequence at b[0] (b[0] >= 0x80), the first of these that fits:
 *   a CESU-8 pair "ED A0 BD ED B8 8D"   U+1F60D, 6 bytes
 *   a continuation byte lost where only one can be  (lost_only)
 *   E2 80 that lost its third byte      (lost_e280)
 *   UTF-8                               itself (SAW_THAI for U+0E42)
 *   UTF-8 that lost bytes               U+FFFD (lossy_len)
 *   anything else                       UTF8_INVALID */
static inline struct seq
next_seq(const unsigned char *b, size_t n, const struct origin *o)
{
	struct seq s = { 0, 0, 0 };

	if (b[0] == 0xED && cesu_pair(b, n)) {
		s.cp = cesu_cp(b);
		s.len = 6;
		return s;
	}
	if ((s = lost_only(b, n, o)).len > 0)
		return s;
	if (b[0] == 0xE2 && (s = lost_e280(b, n, o)).len > 0)
		return s;
	s.len = utf8_decode((const char *)b, n, &s.cp);
	if (s.cp != UTF8_INVALID) {
		s.saw = s.cp == 0x0E42 ? SAW_THAI : 0;
		return s;
	}
	s.len = lossy_len(b, n);
	s.cp = s.len > 0 ? 0xFFFD : UTF8_INVALID;
	return s;
}

/* Decode b[0..n) as UTF-8 with the variants mojibake carries: CESU-8
 * surrogate pairs, and sequences that lost bytes (0x1A, '?') become
 * U+FFFD; E2 80 with a lost or dropped third byte becomes a LOST mark.
 * Return -1 if the bytes are not UTF-8 even so; SAW_ bits go to *saw. */
static int
decode_variant(const unsigned char *b, size_t n, const struct origin *o,
    struct cpbuf *out, unsigned *saw)
{
	size_t i = 0;
	struct seq s;

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
		s = next_seq(b + i, n - i, o);
		if (s.cp == UTF8_INVALID)
			return -1;
		out->a[out->n++] = s.cp;
		*saw |= s.saw;
		i += s.len;
	}
	return 0;
}

/* Encode a[0..n) in page p and decode the bytes as UTF-8 into out. */
static int
redecode(struct unmojibake *u, const uint32_t *a, size_t n, int p,
    int loose, struct linestate *ls, struct cpbuf *out)
{
	struct origin o;
	unsigned char *b;
	size_t i, m;
	int x, hi = 0, sp = 0;

	if (2 * n + 1 > u->rcap) {
		u->rcap = 2 * n + 1 > 2 * u->rcap ? 2 * n + 1 : 2 * u->rcap;
		u->rb = erealloc(u->rb, u->rcap);
		u->ro = erealloc(u->ro, u->rcap);
	}
	b = u->rb;
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
	o.page = p;
	o.drop_ok = ls->drop_ok;
	if (!sp)
		return decode_variant(b, n, &o, out, &ls->saw);
	m = restore_a0(b, n, u->ro);
	return decode_variant(u->ro, m, &o, out, &ls->saw);
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

/* The dash a line already puts between words, or 0. */
static uint32_t
spaced_dash(const uint32_t *a, size_t n)
{
	size_t i;

	for (i = 1; i + 1 < n; i++)
		if ((a[i] == 0x2013 || a[i] == 0x2014) && a[i - 1] == ' ' &&
		    a[i + 1] == ' ')
			return a[i];
	return 0;
}

/* The dash a line already puts between words, or an em dash. */
static uint32_t
line_dash(const uint32_t *a, size_t n)
{
	uint32_t d = spaced_dash(a, n);

	return d ? d : 0x2014;
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
resolve_lost(struct unmojibake *u, struct cpbuf *t, unsigned *saw)
{
	struct cpbuf *keep = &u->keep;
	size_t i;
	uint32_t g, c;
	int ret = 0, open = 0, putback = 0;
	uint32_t dash = 0;

	if (!(*saw & SAW_LOST))
		return 0;
	*saw &= ~(unsigned)SAW_LOST;
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
			u->counters[C_LOST].n++;
			note_rule(u, "lost-byte");
			t->a[i] = g;
		} else if (ISDROP(c)) {
			putback = 1;
		} else {
			t->a[i] = 0xFFFD;
		}
	}
	if (!putback)
		return ret;
	keep->n = 0;
	for (i = 0; i < t->n; i++) {
		c = t->a[i];
		if (ISDROP(c)) {
			cb_push(keep, um_page_dec[c - LOST_DROP][0xE2 - 0x80]);
			cb_push(keep, um_page_dec[c - LOST_DROP][0]);
		} else {
			cb_push(keep, c);
		}
	}
	cb_set(t, keep->a, keep->n);
	return 2;
}

static int
is_thai(uint32_t c)
{
	return c >= 0x0E00 && c <= 0x0E7F;
}

/* What a line says about its U+0E42 characters. */
struct thailine {
	size_t thai;	/* Thai characters other than U+0E42 */
	size_t lone;	/* U+0E42 with no Thai character beside it */
	int dash;	/* it puts a dash between words; -1: not known yet */
};

static struct thailine
thai_survey(const uint32_t *a, size_t n)
{
	struct thailine l = { 0, 0, -1 };
	size_t i;

	for (i = 0; (i = next_high(a, i, n)) < n; i++) {
		if (!is_thai(a[i]))
			continue;
		if (a[i] != 0x0E42)
			l.thai++;
		else if (!(i > 0 && is_thai(a[i - 1])) &&
		    !(i + 1 < n && is_thai(a[i + 1])))
			l.lone++;
	}
	return l;
}

/* May the lone U+0E42 at a[i] be a curly quote or dash that lost two
 * bytes (Windows-874 of E2 80 xx)?
 *   "สระ เ แ โ ใ ไ"                 no: the line is Thai text
 *   "The Thai letter โ is a vowel"   no: alone between spaces, and
 *                                     nothing else on the line is lossy
 *   "the war โ it ended โ was"       yes: two of them
 *   "one – two โ three"              yes: the line's own dash
 *   "theyโre", "said: โno.โ"         yes: glued to a word, as no Thai
 *                                     letter is written */
static int
thai_lossy(struct thailine *l, const uint32_t *a, size_t n, size_t i)
{
	if (l->thai > 0)
		return 0;
	if (i > 0 && a[i - 1] == ' ' && i + 1 < n && a[i + 1] == ' ') {
		if (l->lone > 1)
			return 1;
		if (l->dash < 0)
			l->dash = spaced_dash(a, n) != 0;
		return l->dash;
	}
	return 1;
}

/* A U+0E42 with no Thai letter beside it, among Latin text, is a curly
 * quote read as Windows-874 with its last two bytes lost. */
static int
fix_thai(struct unmojibake *u, struct cpbuf *t)
{
	struct thailine l = thai_survey(t->a, t->n);
	size_t i;
	uint32_t g, p, q;
	int changed = 0, open = 0;
	uint32_t dash = 0;

	if (l.lone == 0 || l.thai > 0)
		return 0;
	for (i = 0; (i = next_high(t->a, i, t->n)) < t->n; i++) {
		open += t->a[i] == 0x201C ? 1 : t->a[i] == 0x201D ? -1 : 0;
		if (t->a[i] != 0x0E42)
			continue;
		p = i > 0 ? t->a[i - 1] : 0;
		q = i + 1 < t->n ? t->a[i + 1] : 0;
		if (is_thai(p) || is_thai(q) || !thai_lossy(&l, t->a, t->n, i))
			continue;
		if ((g = guess_lost(t->a, t->n, i, LOST_THAI, open, &dash))) {
			t->a[i] = g;
			open += g == 0x201C ? 1 : g == 0x201D ? -1 : 0;
			u->counters[C_THAI].n++;
			note_rule(u, "lossy-thai");
			changed = 1;
		}
	}
	return changed;
}

/* --- the repair loop */

static int fix_string(struct unmojibake *u, struct cpbuf *t, int depth,
    int bad, struct linestate *ls);

/* Can c be a UTF-8 lead byte (k = 1..3 continuations: bit k) or a
 * continuation byte (bit 0) in some page? */
static inline unsigned
utf8_role(unsigned char *cache, uint32_t c)
{
	unsigned e, r = 0;
	int p, x;

	if (c < 0x80)
		return 0;
	if (c < 0xA0 || c == 0xFFFD)
		return 1;
	if (!(e = um_entry(c)))
		return 0;
	if (e < NROLES && cache[e])
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
	if (e < NROLES)
		cache[e] = (unsigned char)(r + 1);
	return r;
}

/* Length of the UTF-8-looking group at a[i] (lead and continuations),
 * or 0. A three-byte group may lack its last continuation. */
static size_t
group_at(unsigned char *roles, const uint32_t *a, size_t n, size_t i)
{
	unsigned r = utf8_role(roles, a[i]);
	size_t k, j;

	if (r < 2)
		return 0; /* no lead byte in any page */
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
			if (!(utf8_role(roles, a[i + j]) & 1))
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
strange_in_context(struct strange *st, const struct cpbuf *t, size_t start,
    size_t end, int *alone)
{
	size_t lo = start > 2 ? start - 2 : 0, hi = MIN(end + 2, t->n);

	return (*alone = strange(st, t->a + start, end - start)) ||
	       strange(st, t->a + lo, hi - lo);
}

/* Is the repaired run r, put back between t->a[start - 1] and t->a[end],
 * no stranger than t->a[start..end) was there?  (The run on its own was
 * strange, and is less so repaired.) */
static int
better_in_context(struct unmojibake *u, const struct cpbuf *t, size_t start,
    size_t end, const struct cpbuf *r)
{
	struct cpbuf *a = &u->ctx_a, *b = &u->ctx_b;
	size_t lo = start > 0 ? start - 1 : start;
	size_t hi = end < t->n ? end + 1 : end;
	int ba = -1, bb = -1, ka, kb;

	cb_set(a, t->a + lo, hi - lo);
	b->n = 0;
	if (lo < start)
		cb_push(b, t->a[lo]);
	for (size_t k = 0; k < r->n; k++)
		cb_push(b, r->a[k]);
	if (hi > end)
		cb_push(b, t->a[end]);
	ka = cost(&u->st, a->a, a->n, &ba);
	kb = cost(&u->st, b->a, b->n, &bb);
	return kb <= ka;
}

/* The key of the run t->a[start..end) in its context: all that decides
 * whether fix_runs repairs it (the characters strange_in_context looks
 * at, where the run is among them, and drop_ok). */
static uint64_t
run_key(const struct cpbuf *t, size_t start, size_t end, int drop_ok)
{
	size_t lo = start > 2 ? start - 2 : 0, hi = MIN(end + 2, t->n), k;
	uint64_t h = 14695981039346656037ull;

	h = (h ^ (uint64_t)drop_ok) * 1099511628211ull;
	h = (h ^ (start - lo)) * 1099511628211ull;
	h = (h ^ (end - start)) * 1099511628211ull;
	for (k = lo; k < hi; k++)
		h = (h ^ t->a[k]) * 1099511628211ull;
	return h;
}

/* Was the run with key k tried in this line and left?  With add, it is
 * now (a full table forgets nothing and learns no more). */
static int
memo(struct unmojibake *u, uint64_t k, int add)
{
	size_t i = k & (NMEMO - 1), probe;

	for (probe = 0; probe < 16; probe++, i = (i + 1) & (NMEMO - 1)) {
		if (u->memo[i].gen != u->gen) {
			if (add) {
				u->memo[i].key = k;
				u->memo[i].gen = u->gen;
			}
			return 0;
		}
		if (u->memo[i].key == k)
			return 1;
	}
	return 0;
}

/* Step 2: fix strange runs of UTF-8-looking characters on their own.
 * A run that a round of the line's repair left, among the same
 * neighbours, is left in a later round without trying it again. */
static int
fix_runs(struct unmojibake *u, struct cpbuf *t, int depth,
    struct linestate *ls)
{
	struct cpbuf *out = &u->lv[depth].out, *run = &u->lv[depth].run;
	unsigned long long was[C_N];
	size_t i = 0, j, g, start, rules;
	uint64_t key = 0;
	int changed = 0, alone, tried;

	out->n = 0;
	while (i < t->n) {
		start = i;
		for (j = i; j < t->n && (g = group_at(u->role, t->a, t->n, j));
		     j += g)
			;
		if (j == start) {
			cb_push(out, t->a[i++]);
			continue;
		}
		cb_set(run, t->a + start, j - start);
		if (depth == 0)
			key = run_key(t, start, j, ls->drop_ok);
		tried = run->n < t->n && !(depth == 0 && memo(u, key, 0)) &&
		    strange_in_context(&u->st, t, start, j, &alone);
		if (tried) {
			/* a repair of the run that is not kept is not counted
			 * nor named */
			for (g = 0; g < C_N; g++)
				was[g] = u->counters[g].n;
			rules = strlen(u->rulebuf);
		}
		if (tried &&
		    fix_string(u, run, depth + 1, alone ? STRANGE : -1, ls) &&
		    better_in_context(u, t, start, j, run)) {
			for (g = 0; g < run->n; g++)
				cb_push(out, run->a[g]);
			u->counters[C_MOJIBAKE].n++;
			changed = 1;
		} else {
			for (g = start; g < j; g++)
				cb_push(out, t->a[g]);
			if (depth == 0)
				memo(u, key, 1);
			if (tried) {
				for (g = 0; g < C_N; g++)
					u->counters[g].n = was[g];
				u->rulebuf[rules] = '\0';
			}
		}
		i = j;
	}
	if (changed)
		cb_set(t, out->a, out->n);
	return changed;
}

/* A repair of a whole line through one code page. */
struct repair {
	int page;	/* -1: none */
	int cost;	/* cost() of the repair */
	int bad;	/* its strangeness, or -1 */
	size_t n;	/* its length in characters */
};

/*
 * Pages that read some of the same bytes as different letters: an ISO
 * page and its Windows sibling, KOI8-R and KOI8-U.  (Not cp1252 and
 * ISO-8859-15: the symbols cp1252 makes of 80 to 9F ("â€œ") read back
 * through ISO-8859-15 as other valid UTF-8, "⤽", and text misread as
 * ISO-8859-15 is rare next to cp1252.)  Where both repair a
 * line as plainly and the repairs differ, which is right cannot be told
 * ("teĹź" is "też" read back through ISO-8859-2, "teş" through cp1250),
 * so the line is left as it is (AMBIGUOUS).
 */
static const char *const page_twins[][2] = {
	{ "cp1250", "iso-8859-2" },
	{ "cp1253", "iso-8859-7" },
	{ "cp1257", "iso-8859-13" },
	{ "koi8-r", "koi8-u" },
};
#define AMBIGUOUS (-2)

static int
page_index(const char *name)
{
	int p;

	for (p = 0; p < UM_NPAGES; p++)
		if (!strcmp(um_page_name[p], name))
			return p;
	return -1;
}

static void
twins_index(int *twin)
{
	size_t i;
	int a, b;

	for (a = 0; a < UM_NPAGES; a++)
		twin[a] = -1;
	for (i = 0; i < LEN(page_twins); i++) {
		a = page_index(page_twins[i][0]);
		b = page_index(page_twins[i][1]);
		if (a >= 0 && b >= 0) {
			twin[a] = b;
			twin[b] = a;
		}
	}
}

/* Does repair r beat the line (cost k, n characters) and best, the best
 * repair so far (best->page < 0: none)?
 *   line 6, repair 2                       yes: less strange
 *   line 6, repair 8                       no: stranger
 *   line 6, repair 6 and shorter           yes: "Ã©" to "é" at no cost
 *   line 6, repair 6, as long or longer    no
 *   line 6, repair 2, an earlier page 2    no: the first page wins a tie */
static int
repair_wins(const struct repair *r, int k, size_t n, const struct repair *best)
{
	if (r->cost > k || (r->cost == k && r->n >= n))
		return 0;
	return best->page < 0 || r->cost < best->cost;
}

/* The repair r of a line in page p (in lv->res) read once more in the
 * same page, in its place; 1 if it decodes.  Two layers of one page
 * whose middle is no plainer than the line: Danish "ø" twice through Mac
 * Roman is "‚àö‚àè", once "√∏" (two symbols: no better), then "ø". */
static int
layer_below(struct unmojibake *u, struct level *lv, int p, int loose,
    struct linestate *ls, struct repair *r)
{
	if (redecode(u, lv->res.a, lv->res.n, p, loose, ls, &lv->out) < 0)
		return 0;
	cb_set(&lv->res, lv->out.a, lv->out.n);
	r->bad = -1;
	r->cost = cost(&u->st, lv->res.a, lv->res.n, &r->bad);
	r->n = lv->res.n;
	return 1;
}

/* Step 1: the least strange repair of t in one code page, left in
 * lv->best; strict pages first, then the sloppy ones loosely (C1
 * controls kept as themselves), and a repair that leaves nothing strange
 * ends the search.  A repair that does not beat the line is read again
 * in its page (layer_below).  The cost of t itself is worked out only
 * once a page gives UTF-8 at all (on garbage none does); *bad as for
 * cost(). */
/* Letters of Latin Extended-A that none of the languages the twin pages
 * are for writes (Esperanto, Welsh, Maltese, Sami, dictionary breves):
 * cp1250 "naše" read back through ISO-8859-2 is "naŷe", "vyhlásili" is
 * "vyhl÷sili" (a symbol inside a word). */
static int
unusual_letter(uint32_t c)
{
	static const uint64_t set[2] = {
		/* U+0100..U+013F: Ĉĉ Ĕĕ Ĝĝ Ĥĥ Ħħ Ĩĩ Ĭĭ Ĳĳ Ĵĵ ĸ Ŀ */
		0x1ULL << 0x08 | 0x1ULL << 0x09 | 0x1ULL << 0x14 |
		0x1ULL << 0x15 | 0x1ULL << 0x1C | 0x1ULL << 0x1D |
		0x1ULL << 0x24 | 0x1ULL << 0x25 | 0x1ULL << 0x26 |
		0x1ULL << 0x27 | 0x1ULL << 0x28 | 0x1ULL << 0x29 |
		0x1ULL << 0x2C | 0x1ULL << 0x2D | 0x1ULL << 0x32 |
		0x1ULL << 0x33 | 0x1ULL << 0x34 | 0x1ULL << 0x35 |
		0x1ULL << 0x38 | 0x1ULL << 0x3F,
		/* U+0140..U+017F: ŀ ŉ Ŋŋ Ŏŏ Ŝŝ Ŧŧ Ũũ Ŭŭ Ŵŵ Ŷŷ */
		0x1ULL << 0x00 | 0x1ULL << 0x09 | 0x1ULL << 0x0A |
		0x1ULL << 0x0B | 0x1ULL << 0x0E | 0x1ULL << 0x0F |
		0x1ULL << 0x1C | 0x1ULL << 0x1D | 0x1ULL << 0x26 |
		0x1ULL << 0x27 | 0x1ULL << 0x28 | 0x1ULL << 0x29 |
		0x1ULL << 0x2C | 0x1ULL << 0x2D | 0x1ULL << 0x34 |
		0x1ULL << 0x35 | 0x1ULL << 0x36 | 0x1ULL << 0x37,
	};

	return c >= 0x100 && c < 0x180 &&
	    (set[(c - 0x100) >> 6] >> ((c - 0x100) & 63) & 1);
}

static size_t
unusual_letters(const uint32_t *a, size_t n)
{
	size_t i, k;

	for (i = 0, k = 0; i < n; i++)
		k += (size_t)unusual_letter(a[i]);
	return k;
}

/* How unlikely a repair is beyond cost(): symbols inside words and
 * unusual letters.  Only twin pages that tie are compared so. */
static size_t
oddness(const uint32_t *a, size_t n)
{
	struct reading r;

	survey(a, n, &r);
	return r.odd + unusual_letters(a, n);
}

/* The twin of best's page, where it repairs t (cost k) as plainly and
 * differently: TWIN_WINS if its repair (left in lv->res) is the less
 * odd, TWIN_TIES if neither is; else TWIN_NONE.  lv->best holds best's
 * repair. */
enum { TWIN_NONE, TWIN_WINS, TWIN_TIES };

static int
twins_compare(struct unmojibake *u, const struct cpbuf *t, int k,
    struct level *lv, int loose, struct linestate *ls,
    const struct repair *best)
{
	struct repair r, none = { -1, 0, -1, 0 };
	int q = u->twin[best->page];
	size_t ob, oq;

	if (q < 0 || (loose && !um_page_sloppy[q]) ||
	    redecode(u, t->a, t->n, q, loose, ls, &lv->res) < 0)
		return TWIN_NONE;
	r.page = q;
	r.bad = -1;
	r.cost = cost(&u->st, lv->res.a, lv->res.n, &r.bad);
	r.n = lv->res.n;
	if (!repair_wins(&r, k, t->n, &none) || r.cost != best->cost ||
	    (r.n == lv->best.n &&
	     !memcmp(lv->res.a, lv->best.a, r.n * sizeof(*lv->res.a))))
		return TWIN_NONE;
	ob = oddness(lv->best.a, lv->best.n);
	oq = oddness(lv->res.a, lv->res.n);
	if (oq < ob)
		return TWIN_WINS;
	return oq == ob ? TWIN_TIES : TWIN_NONE;
}

static struct repair
best_page(struct unmojibake *u, const struct cpbuf *t, int *bad,
    struct level *lv, struct linestate *ls)
{
	struct repair best = { -1, 0, -1, 0 }, r;
	int loose, p, k = -1, bestloose = 0;
	size_t odd = (size_t)-1;

	for (loose = 0; loose < 2 && best.page < 0; loose++) {
		for (p = 0; p < UM_NPAGES; p++) {
			if ((loose && !um_page_sloppy[p]) ||
			    redecode(u, t->a, t->n, p, loose, ls, &lv->res) < 0)
				continue;
			if (k < 0)
				k = cost(&u->st, t->a, t->n, bad);
			r.page = p;
			r.bad = -1;
			r.cost = cost(&u->st, lv->res.a, lv->res.n, &r.bad);
			r.n = lv->res.n;
			if (!repair_wins(&r, k, t->n, &best) &&
			    (r.cost < k || !layer_below(u, lv, p, loose, ls, &r) ||
				!repair_wins(&r, k, t->n, &best)))
				continue;
			/* no repair makes letters none of the pages' languages
			 * writes that the line had not: "tieÄąÄľ" is cp1250
			 * twice ("tiež"), not ISO-8859-2's "tieıĵ" */
			if (odd == (size_t)-1)
				odd = unusual_letters(t->a, t->n);
			if (unusual_letters(lv->res.a, lv->res.n) > odd)
				continue;
			cb_set(&lv->best, lv->res.a, lv->res.n);
			best = r;
			bestloose = loose;
			if (r.cost == 0)
				break;
		}
	}
	if (best.page < 0 || best.page == u->lastpage)
		return best;
	switch (twins_compare(u, t, k, lv, bestloose, ls, &best)) {
	case TWIN_TIES:
		if (u->twin[best.page] != u->lastpage) {
			u->ambiguous = best.page + 1;
			best.page = AMBIGUOUS;
			break;
		}
		/* a layer below one repaired in the twin: the same page
		 * twice ("ÃƒÅ“ber" is cp1252 twice, so "Ãœber" is "Über",
		 * not ISO-8859-15's "ýber") */
		/* FALLTHROUGH */
	case TWIN_WINS:
		best.page = u->twin[best.page];
		cb_set(&lv->best, lv->res.a, lv->res.n);
		break;
	}
	return best;
}

/* Step 3: C1 controls are the cp1252 characters they stand for; 1 if t
 * changed.  "\x93ok\x94" is "“ok”"; U+0081, undefined in cp1252, stays. */
static int
c1_controls(struct unmojibake *u, struct cpbuf *t)
{
	size_t i;
	int ch = 0;

	for (i = 0; i < t->n; i++) {
		uint32_t c = t->a[i];
		if (c >= 0x80 && c < 0xA0 &&
		    um_page_dec[UM_CP1252][c - 0x80] != c) {
			t->a[i] = um_page_dec[UM_CP1252][c - 0x80];
			u->counters[C_C1].n++;
			ch = 1;
		}
	}
	if (ch)
		note_rule(u, "c1-control");
	return ch;
}

/* One repair step; 1 if t changed.  *bad is the strangeness of t if
 * known, STRANGE if only that it is strange, else -1; it is updated for
 * the next step.
 *   "café"               nothing strange: no step
 *   "cafÃ©"              step 1, the whole line in cp1252: "café"
 *   "é cafÃ© vÃ©lo"      no page takes "é" back: step 2, run by run
 *   "\x93ok\x94"         no UTF-8 in any page: step 3, "“ok”" */
static int
fix_once(struct unmojibake *u, struct cpbuf *t, int depth, int *bad,
    struct linestate *ls)
{
	struct level *lv = &u->lv[depth];
	struct repair best;

	/* how strange is worked out only if a page needs it (cost) */
	if (*bad == 0 || (*bad == -1 && !strange(&u->st, t->a, t->n)))
		return 0;
	best = best_page(u, t, bad, lv, ls);
	if (best.page == AMBIGUOUS)
		return 0;
	if (best.page >= 0) {
		cb_set(t, lv->best.a, lv->best.n);
		*bad = best.bad;
		u->counters[C_MOJIBAKE].n++;
		note_rule(u, um_page_name[best.page]);
		if (depth == 0)
			u->lastpage = best.page;
		return 1;
	}
	*bad = -1;
	if (depth < MAXDEPTH && fix_runs(u, t, depth, ls))
		return 1;
	return c1_controls(u, t);
}

/* Repair t until it stops changing; 1 if it changed.  bad: how strange
 * t is, if known; -1 if not, STRANGE if only that it is. */
static int
fix_string(struct unmojibake *u, struct cpbuf *t, int depth, int bad,
    struct linestate *ls)
{
	int r, k, changed = 0;

	for (r = 0; r < MAXROUNDS && fix_once(u, t, depth, &bad, ls); r++) {
		changed = 1;
		if (depth == 0 && (k = resolve_lost(u, t, &ls->saw))) {
			bad = -1;
			if (k == 2) /* put back: no more guessing here */
				ls->drop_ok = 0;
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

/*
 * Decode the character reference at a[i] ('&') into cp[0] and cp[1] (0
 * if it is one character); return its length, 0 if none.  Only a name
 * ended by ';' counts, in its exact case: "&amp" and "&copy=2" in a URL
 * stay, as "AT&T" does, though a browser would take some of them.  A run
 * of letters longer than any name is no entity (and costs no more than
 * UM_ENTITY_MAX + 2 steps).
 */
static size_t
entity_at(const uint32_t *a, size_t n, size_t i, uint32_t cp[2])
{
	char name[UM_ENTITY_MAX + 1];
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
		cp[0] = (uint32_t)v;
		cp[1] = 0;
		return j + 1 - i;
	}
	for (j = i + 1; j < n && k < UM_ENTITY_MAX && a[j] < 0x80 &&
			(((a[j] | 0x20) >= 'a' && (a[j] | 0x20) <= 'z') ||
			 (a[j] >= '0' && a[j] <= '9'));
	     j++)
		name[k++] = (char)a[j];
	name[k] = '\0';
	if (!k || j >= n || a[j] != ';' ||
	    !(e = bsearch(name, um_entities, um_nentities, sizeof(*e), entcmp)))
		return 0;
	cp[0] = e->cp[0];
	cp[1] = e->cp[1];
	return j + 1 - i;
}

static int
unescape(struct unmojibake *u, struct cpbuf *t)
{
	size_t i, m = 0, k;
	uint32_t c[2];
	int changed = 0;

	for (i = 0; i < t->n; i++) {
		if (t->a[i] == '&' && (k = entity_at(t->a, t->n, i, c))) {
			/* "&amp;quot;" is '"': an '&' made from an entity
			 * may start the next one, so it is looked at again
			 * in place of the entity's ';' (each step eats at
			 * least four characters: linear) */
			if (c[0] == '&') {
				t->a[i + k - 1] = '&';
				i += k - 2;
			} else {
				/* in place: m <= i, and an entity of
				 * k >= 3 characters gives at most two */
				t->a[m++] = c[0];
				if (c[1])
					t->a[m++] = c[1];
				i += k - 1;
			}
			u->counters[C_ENTITIES].n++;
			changed = 1;
		} else {
			t->a[m++] = t->a[i];
		}
	}
	t->n = m;
	if (changed)
		note_rule(u, "entity");
	return changed;
}

/* --- bytes to code points and back */

/* Decode s[0..n) with lg; a multibyte character cut at n may take bytes
 * up to s[max - 1].  Return how many bytes were used. */
static size_t
decode_legacy(struct legacy *lg, const char *s, size_t n, size_t max,
    struct cpbuf *t, unsigned *saw)
{
	char obuf[256], *ip = (char *)s, *op;
	size_t il = n, ol, r, k, t0 = t->n;
	const unsigned char *w;

	*saw |= SAW_THAI; /* any character may be U+0E42 */
	if (lg->sbcs) {
		for (k = 0; k < n; k++)
			cb_push(t, lg->sb[(unsigned char)s[k]]);
		ip += n;
		il = 0;
	} else {
		iconv(lg->cd, NULL, NULL, NULL, NULL);
	}
	while (il > 0) {
		op = obuf;
		ol = sizeof(obuf);
		r = iconv(lg->cd, &ip, &il, &op, &ol);
		w = (const unsigned char *)obuf;
		for (k = 0; k + 4 <= (size_t)(op - obuf); k += 4)
			cb_push(t, w[k] | w[k + 1] << 8 | w[k + 2] << 16 |
				       (uint32_t)w[k + 3] << 24);
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
		iconv(lg->cd, NULL, NULL, NULL, NULL);
	}
	/* a byte kept before a character decoded here would meet that
	 * character's UTF-8 on a second run, and may pair with it:
	 * "FE 82 D8" in GBK is FE and U+50CC, whose E5 then follows FE */
	for (k = t->n; k-- > t0 + 1;)
		if (ISRAW(t->a[k - 1]) && t->a[k] >= 0x80 && !ISRAW(t->a[k]))
			t->a[k - 1] = 0xFFFD;
	return (size_t)(ip - s);
}

/* Is the -f encoding one byte a character, each on its own (cp1252,
 * KOI8-R)?  Then sb[] says what each byte is, and decode_legacy need not
 * call iconv: a table instead of a call per 64 characters. */
static int
sbcs_table(iconv_t cd, uint32_t *sb)
{
	unsigned char in[1], outb[16];
	char *ip, *op;
	size_t il, ol, r;
	int b;

	for (b = 0; b < 256; b++) {
		in[0] = (unsigned char)b;
		ip = (char *)in;
		il = 1;
		op = (char *)outb;
		ol = sizeof(outb);
		iconv(cd, NULL, NULL, NULL, NULL);
		r = iconv(cd, &ip, &il, &op, &ol);
		if (r == (size_t)-1 && errno == EILSEQ) {
			sb[b] = RAW(b);
			continue;
		}
		if (r == (size_t)-1 || op - (char *)outb != 4)
			return 0; /* a part of a character, or two */
		sb[b] = outb[0] | outb[1] << 8 | outb[2] << 16 |
			(uint32_t)outb[3] << 24;
	}
	iconv(cd, NULL, NULL, NULL, NULL);
	return 1;
}

/*
 * Other names of an encoding, for an iconv that does not know the one
 * given: glibc knows CP932 and CP936, musl only SHIFT_JIS and GBK.
 * Each row is a name and what to try after it, in order.
 */
static const char *const enc_alias[][3] = {
	{"CP932", "WINDOWS-31J", "SHIFT_JIS"},
	{"WINDOWS-31J", "CP932", "SHIFT_JIS"},
	{"CP936", "WINDOWS-936", "GBK"},
	{"MACINTOSH", "MACROMAN", "MAC"},
	{"MACROMAN", "MACINTOSH", "MAC"},
};

/* iconv_open(to, from), or under another name of from (enc_alias) */
static iconv_t
open_alias(const char *to, const char *from)
{
	iconv_t cd;
	size_t i, j;

	if ((cd = iconv_open(to, from)) != (iconv_t)-1)
		return cd;
	for (i = 0; i < LEN(enc_alias); i++) {
		if (strcasecmp(from, enc_alias[i][0]) != 0)
			continue;
		for (j = 1; j < LEN(enc_alias[i]); j++)
			if ((cd = iconv_open(to, enc_alias[i][j])) != (iconv_t)-1)
				return cd;
	}
	return (iconv_t)-1;
}

/* --- -f auto: the encoding of a document's bytes that are not UTF-8 */

struct choice;
static void explain_choice(struct unmojibake *, const char *, size_t,
    const struct choice *);

/*
 * The first time a document has bytes that are not UTF-8, the encoding
 * they are read in is chosen for the rest of it, from the text at hand
 * from the start of that line (up to DETECT_MAX bytes, whole lines):
 * uchardet names a candidate, and the text itself may overrule it for the
 * fallback, cp1252 (steps: evidence, candidate, judge):
 *   - too few bytes above ASCII to tell: DETECT_PLAIN where cp1252 reads
 *     the text as Western (uchardet calls "caf\xe9" ISO-8859-2), else
 *     DETECT_ODD; DETECT_PLAIN for a rare encoding (det_rare);
 *   - UTF-8, ASCII or no answer: strays in UTF-8 text, cp1252's by far
 *     most often;
 *   - the candidate (or its ISO/Windows sibling, whichever reads plainer)
 *     lacks a byte of the text, reads C1 controls, puts more symbols
 *     inside words than cp1252 does, or is stranger to the repair's
 *     rules than cp1252's reading.
 */
#define DETECT_MAX 4096
#define DETECT_PLAIN 32	/* bytes above ASCII, where cp1252 reads it as Western */
#define DETECT_ODD 1	/* ... where it does not */
#define FALLBACK   "CP1252"

/* Encodings few documents are in: uchardet's word for them needs
 * DETECT_PLAIN bytes, for on less it names them for Polish or Italian */
static const char *const det_rare[] = {
	"IBM852", "IBM855", "MAC-CENTRALEUROPE", "MAC-CYRILLIC", "ISO-8859-3",
	"ISO-8859-4", "ISO-8859-10", "ISO-8859-16", "VISCII",
};

/* uchardet's names read as the superset the WHATWG Encoding Standard reads
 * them as (a Latin-1 label means windows-1252), or under iconv's name */
static const char *const det_superset[][2] = {
	{ "ISO-8859-1", "CP1252" },
	{ "WINDOWS-1252", "CP1252" },
	{ "WINDOWS-1250", "CP1250" },
	{ "WINDOWS-1251", "CP1251" },
	{ "WINDOWS-1253", "CP1253" },
	{ "WINDOWS-1255", "CP1255" },
	{ "WINDOWS-1256", "CP1256" },
	{ "WINDOWS-1257", "CP1257" },
	{ "WINDOWS-1258", "CP1258" },
	{ "ISO-8859-9", "CP1254" },
	{ "ISO-8859-11", "CP874" },
	{ "TIS-620", "CP874" },
	{ "EUC-KR", "CP949" },
	{ "UHC", "CP949" },
	{ "GB2312", "GB18030" },
	{ "GBK", "GB18030" },
	{ "SHIFT_JIS", "CP932" },
};

/* an ISO page and the Windows page that has letters at 80 to 9F, and
 * moves some of the ISO page's (either is tried for the other) */
static const char *const det_sibling[][2] = {
	{ "ISO-8859-2", "CP1250" },
	{ "ISO-8859-7", "CP1253" },
	{ "ISO-8859-8", "CP1255" },
	{ "ISO-8859-13", "CP1257" },
};

static const char *
det_lookup(const char *const (*tab)[2], size_t n, const char *name)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (!strcasecmp(name, tab[i][0]))
			return tab[i][1];
	return NULL;
}

static void
legacy_close(struct legacy *lg)
{
	if (lg->name[0])
		iconv_close(lg->cd);
	lg->name[0] = '\0';
}

/* Make lg decode the encoding name (unless it does already); 0 if iconv
 * does not know it under any of its names. */
static int
legacy_open(struct legacy *lg, const char *name)
{
	iconv_t cd;

	if (lg->name[0] && !strcasecmp(lg->name, name))
		return 1;
	if (strlen(name) >= sizeof(lg->name) ||
	    (cd = open_alias("UTF-32LE", name)) == (iconv_t)-1)
		return 0;
	legacy_close(lg);
	lg->cd = cd;
	memcpy(lg->name, name, strlen(name) + 1);
	lg->sbcs = sbcs_table(cd, lg->sb);
	return 1;
}

#ifdef HAVE_UCHARDET
/*
 * libuchardet's calls: linked in, or (UCHARDET_DLOPEN, the default of a
 * build with shared libraries) looked up in libuchardet.so.0 when a
 * document first has a byte that is not UTF-8, so that a run over UTF-8
 * never loads it nor the C++ runtime it brings (some milliseconds a
 * process).
 */
struct detector {
	void *dl;			/* dlopen's handle, or NULL */
	const char *why;		/* why there is none, or NULL */
	uchardet_t ud;
	uchardet_t (*make)(void);
	void (*drop)(uchardet_t);
	int (*handle)(uchardet_t, const char *, size_t);
	void (*end)(uchardet_t);
	void (*reset)(uchardet_t);
	const char *(*charset)(uchardet_t);
};

#ifdef UCHARDET_DLOPEN
#define UCHARDET_SO "libuchardet.so.0"

/* *fn = the symbol name of d->dl; 0 if it has none (POSIX: a function
 * pointer is read through an object pointer's bytes) */
static int
dl_sym(struct detector *d, const char *name, void *fn)
{
	void *sym = dlsym(d->dl, name);

	memcpy(fn, &sym, sizeof(sym));
	return sym != NULL;
}
#endif

static struct detector *
detector_open(void)
{
	struct detector *d = ecalloc(1, sizeof(*d));

#ifdef UCHARDET_DLOPEN
	if (!(d->dl = dlopen(UCHARDET_SO, RTLD_NOW | RTLD_LOCAL))) {
		d->why = UCHARDET_SO " is not installed";
		return d;
	}
	if (!dl_sym(d, "uchardet_new", &d->make) ||
	    !dl_sym(d, "uchardet_delete", &d->drop) ||
	    !dl_sym(d, "uchardet_handle_data", &d->handle) ||
	    !dl_sym(d, "uchardet_data_end", &d->end) ||
	    !dl_sym(d, "uchardet_reset", &d->reset) ||
	    !dl_sym(d, "uchardet_get_charset", &d->charset)) {
		d->why = UCHARDET_SO " lacks a call";
		return d;
	}
#else
	d->make = uchardet_new;
	d->drop = uchardet_delete;
	d->handle = uchardet_handle_data;
	d->end = uchardet_data_end;
	d->reset = uchardet_reset;
	d->charset = uchardet_get_charset;
#endif
	if (!(d->ud = d->make()))
		d->why = "uchardet_new failed";
	return d;
}

static void
detector_close(struct detector *d)
{
	if (!d)
		return;
	if (d->ud)
		d->drop(d->ud);
#ifdef UCHARDET_DLOPEN
	if (d->dl)
		dlclose(d->dl);
#endif
	free(d);
}
#endif

/* uchardet's name for the encoding of s[0..n): "" if it has none, NULL
 * (and *why) if there is no detector */
static const char *
detector(struct unmojibake *u, const char *s, size_t n, const char **why)
{
#ifdef HAVE_UCHARDET
	struct detector *d;

	if (!u->det_api)
		u->det_api = detector_open();
	d = u->det_api;
	if (d->why) {
		*why = d->why;
		return NULL;
	}
	d->reset(d->ud);
	if (d->handle(d->ud, s, n) != 0)
		return "";
	d->end(d->ud);
	return d->charset(d->ud);
#else
	(void)u;
	(void)s;
	(void)n;
	*why = "no detector in this build";
	return NULL;
#endif
}

/* Read s[0..n) with lg into *r. */
static void
read_evidence(struct unmojibake *u, struct legacy *lg, const char *s,
    size_t n, struct reading *r)
{
	struct cpbuf *t = &u->det;
	unsigned saw = 0;
	size_t i;
	int bad = -1;

	memset(r, 0, sizeof(*r));
	t->n = 0;
	decode_legacy(lg, s, n, n, t, &saw);
	for (i = 0; i < t->n; i++) {
		r->lacks |= ISRAW(t->a[i]);
		r->c1 |= t->a[i] >= 0x80 && t->a[i] < 0xA0;
	}
	survey(t->a, t->n, r);
	r->cost = cost(&u->st, t->a, t->n, &bad);
}

/* Is a plainer than b: no byte lacking, fewer C1 controls, fewer odd
 * symbols? */
static int
plainer(const struct reading *a, const struct reading *b)
{
	if (a->lacks != b->lacks)
		return a->lacks < b->lacks;
	if (a->c1 != b->c1)
		return a->c1 < b->c1;
	return a->odd < b->odd;
}

/* Count a document read as lg under read_as_<its name>. */
static void
count_read_as(struct unmojibake *u, const char *name)
{
	char key[sizeof(u->readas[0])];
	size_t i;

	snprintf(key, sizeof(key), "read_as_%s",
	    u->nreadas + 1 < NREADAS ? name : "other");
	for (i = 8; key[i]; i++)
		key[i] = key[i] == '-' ? '_' :
		    (key[i] >= 'A' && key[i] <= 'Z') ? key[i] | 0x20 : key[i];
	for (i = 0; i < u->nreadas; i++)
		if (!strcmp(u->readas[i], key))
			break;
	if (i == u->nreadas) {
		if (i == NREADAS)
			i--;
		else
			u->nreadas++;
		memcpy(u->readas[i], key, sizeof(key));
		u->counters[C_N + i].name = u->readas[i];
	}
	u->counters[C_N + i].n++;
}

/* A choice of encoding and why: detected is uchardet's name (NULL: not
 * asked), why NULL if the document is read as the detected encoding. */
struct choice {
	const char *detected;
	const char *why;
	size_t high;		/* bytes >= 0x80 in the evidence */
};

/* The other of an ISO page and its Windows sibling, or NULL. */
static const char *
sibling(const char *name)
{
	size_t i;

	for (i = 0; i < LEN(det_sibling); i++) {
		if (!strcasecmp(name, det_sibling[i][0]))
			return det_sibling[i][1];
		if (!strcasecmp(name, det_sibling[i][1]))
			return det_sibling[i][0];
	}
	return NULL;
}

static int
rare_encoding(const char *name)
{
	size_t i;

	for (i = 0; i < LEN(det_rare); i++)
		if (!strcasecmp(name, det_rare[i]))
			return 1;
	return 0;
}

/* Step 1: the evidence, from the start of the line to the end of the
 * text at hand (up to DETECT_MAX bytes, whole lines): the word the first
 * byte that is not UTF-8 is in counts too */
static size_t
evidence(const struct unmojibake *u, const char *line, size_t n)
{
	const char *s = line, *end = line + n, *nl;
	size_t len;

	if (u->span && s >= u->span && s < u->span + u->spann)
		end = u->span + u->spann;
	len = (size_t)(end - s);
	if (len > DETECT_MAX) {
		/* a character cut at the end is no evidence */
		nl = mem_rchr(s, '\n', DETECT_MAX);
		len = nl ? (size_t)(nl - s) + 1 : DETECT_MAX;
	}
	return len;
}

/* Step 2: uchardet's candidate, read as the superset; NULL (and ch->why)
 * if there is none worth reading.  fb: the fallback's reading. */
static const char *
candidate(struct unmojibake *u, const char *s, size_t len,
    const struct reading *fb, struct choice *ch)
{
	const char *name;

	if (ch->high < (fb->west && !fb->lacks ? DETECT_PLAIN : DETECT_ODD))
		ch->why = "too few bytes to tell";
	else if (!(ch->detected = detector(u, s, len, &ch->why)))
		;
	else if (!*ch->detected || !strcasecmp(ch->detected, "ASCII") ||
	    !strncasecmp(ch->detected, "UTF-", 4))
		ch->why = "nothing likely";
	else if (rare_encoding(ch->detected) && ch->high < DETECT_PLAIN)
		ch->why = "too few bytes for so rare an encoding";
	if (ch->why)
		return NULL;
	if (!(name = det_lookup(det_superset, LEN(det_superset),
	    ch->detected)))
		name = ch->detected;
	return name;
}

/* Step 3: read the evidence in the candidate (or its sibling, if that
 * reads it plainer: uchardet tells ISO-8859-2 from cp1250 poorly) into
 * lg[1]; the reason it loses to the fallback's
 * reading fb, or NULL if it wins. */
static const char *
judge(struct unmojibake *u, const char *name, const char *s, size_t len,
    const struct reading *fb)
{
	struct reading r, rs;
	const char *sib;

	if (!legacy_open(&u->lg[1], name))
		return "iconv does not know it";
	read_evidence(u, &u->lg[1], s, len, &r);
	if ((sib = sibling(name))) {
		if (legacy_open(&u->lg[1], sib)) {
			read_evidence(u, &u->lg[1], s, len, &rs);
			if (plainer(&rs, &r))
				r = rs;
			else if (!legacy_open(&u->lg[1], name))
				return "iconv does not know it";
		}
	}
	if (r.lacks)
		return "it lacks a byte of the text";
	if (r.c1)
		return "it reads C1 controls";
	if (r.odd > fb->odd)
		return "its reading has more symbols inside words";
	if (!fb->lacks && r.cost > fb->cost)
		return "its reading is stranger than the fallback's";
	return NULL;
}

/* Choose the encoding of the document's bytes that are not UTF-8, the
 * first of which is line[i]; line[0..n) is the line. */
static void
choose_legacy(struct unmojibake *u, const char *line, size_t i, size_t n)
{
	struct choice ch = { NULL, NULL, 0 };
	struct reading fb;
	const char *s = line, *name;
	size_t len, k;

	u->decided = 1;
	u->cur = 0;
	u->counters[C_LEGACY_DOCS].n++;
	len = evidence(u, line, n);
	for (k = 0; k < len; k++)
		ch.high += (unsigned char)s[k] >= 0x80;
	read_evidence(u, &u->lg[0], s, len, &fb);
	if ((name = candidate(u, s, len, &fb, &ch)) &&
	    strcasecmp(name, u->lg[0].name) != 0 &&
	    !(ch.why = judge(u, name, s, len, &fb)))
		u->cur = 1;
	if (ch.why)
		u->counters[C_UNDETECTED].n++;
	count_read_as(u, u->lg[u->cur].name);
	if (u->explain)
		explain_choice(u, line, i, &ch);
}

/* Decode a line; return 1 if bytes had to be changed to do so. */
static int
decode_line(struct unmojibake *um, const char *s, size_t n, struct cpbuf *t,
    unsigned *saw)
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
			cb_push(t, cesu_cp(u + i));
			note_rule(um, "cesu-8");
			i += 6;
			changed = 1;
			continue;
		}
		k = utf8_decode(s + i, n - i, &c);
		if (c != UTF8_INVALID) {
			cb_push(t, c);
			if (c == 0x0E42)
				*saw |= SAW_THAI;
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
		if (um->detect && !um->decided)
			choose_legacy(um, s, i, n);
		if (!um->said_read_as && attrs_of(um))
			span_read_as(um, s, evidence(um, s, n));
		if (um->cur == 1) {
			/* the document is in the encoding detected: a byte
			 * pair that looks like UTF-8 (cp866 "E0 A5") is no
			 * more UTF-8 than the bytes around it */
			t->n = 0;
			k = decode_legacy(&um->lg[1], s, n, n, t, saw);
			um->counters[C_LEGACY].n += k;
			note_rule(um, "legacy");
			return 1;
		}
		k = decode_legacy(&um->lg[um->cur], s + i, j - i, n - i, t,
		    saw);
		um->counters[C_LEGACY].n += k;
		j = i + k;
		note_rule(um, "legacy");
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
put_quoted(struct buf *b, const char *s, size_t n, int json)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t i, k;
	uint32_t c;

	buf_putc(b, '"');
	for (i = 0; i < n; i += k) {
		k = utf8_decode(s + i, n - i, &c);
		if (c == UTF8_INVALID) {
			for (; k > 0; k--, i++)
				if (json)
					buf_puts(b, "\\ufffd");
				else
					buf_printf(b, "\\x%02x", u[i]);
			continue;
		}
		if (c == '"' || c == '\\')
			buf_printf(b, "\\%c", (int)c);
		else if (c == '\n')
			buf_puts(b, "\\n");
		else if (c == '\t')
			buf_puts(b, "\\t");
		else if (c < 0x20 || c == 0x7F || (c >= 0x80 && c < 0xA0))
			buf_printf(b, json ? "\\u%04x" : "\\x%02x", (unsigned)c);
		else
			buf_put(b, s + i, k);
	}
	buf_putc(b, '"');
}

/* Start an --explain note in o at offset off of the document: the
 * record as rec_where names it, then "offset N: " (text) or
 * {"where":...,"offset":N, (jsonl: the caller goes on after the comma). */
static void
note_head(struct unmojibake *u, struct buf *o, unsigned long long off)
{
	char where[256] = "";

	if (u->pos.file)
		rec_where(&u->pos, where, sizeof(where));
	o->len = 0;
	if (u->explain == 2) {
		buf_puts(o, "{");
		if (*where) {
			buf_puts(o, "\"where\":");
			put_quoted(o, where, strlen(where), 1);
			buf_puts(o, ",");
		}
		buf_printf(o, "\"offset\":%llu,", off);
	} else {
		buf_printf(o, "unmojibake: %s%soffset %llu: ", where,
		    *where ? ": " : "", off);
	}
}

/* Say what changed between a[0..an), which starts u->docoff bytes and
 * u->docchars characters into the document, and b[0..bn): where (the
 * record, as rec_where names it), at which offset (--offsets), the text
 * before and after, and the rules. */
static void
explain_change(struct unmojibake *u, const char *a, size_t an, const char *b,
    size_t bn)
{
	struct buf *o = &u->note;
	unsigned long long off;
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
	off = u->offsets == REC_OFF_CHARS ? u->docchars + rec_chars(a, pre) :
	    u->docoff + pre;
	note_head(u, o, off);
	if (u->explain == 2) {
		buf_puts(o, "\"before\":");
		put_quoted(o, a + pre, an - pre - suf, 1);
		buf_puts(o, ",\"after\":");
		put_quoted(o, b + pre, bn - pre - suf, 1);
		buf_printf(o, ",\"rule\":\"%s\"}\n", u->rulebuf);
	} else {
		put_quoted(o, a + pre, an - pre - suf, 0);
		buf_puts(o, " -> ");
		put_quoted(o, b + pre, bn - pre - suf, 0);
		buf_printf(o, " (%s)\n", u->rulebuf);
	}
	diag_note(u->dg, o->p, o->len);
}

/* Say which encoding the document's bytes that are not UTF-8, from
 * line[i] on, are read in, and why. */
static void
explain_choice(struct unmojibake *u, const char *line, size_t i,
    const struct choice *ch)
{
	struct buf *o = &u->note;
	const char *enc = u->lg[u->cur].name;
	unsigned long long off;

	off = u->offsets == REC_OFF_CHARS ? u->docchars + rec_chars(line, i) :
	    u->docoff + i;
	note_head(u, o, off);
	if (u->explain == 2) {
		buf_printf(o, "\"encoding\":\"%s\",\"detected\":", enc);
		if (ch->detected)
			put_quoted(o, ch->detected, strlen(ch->detected), 1);
		else
			buf_puts(o, "null");
		buf_printf(o, ",\"bytes\":%zu", ch->high);
		if (ch->why) {
			buf_puts(o, ",\"reason\":");
			put_quoted(o, ch->why, strlen(ch->why), 1);
		}
		buf_printf(o, ",\"rule\":\"%s\"}\n",
		    ch->why ? "fallback" : "detected");
	} else {
		buf_printf(o, "bytes that are not UTF-8 read as %s", enc);
		if (!ch->detected)
			buf_puts(o, " (uchardet not asked");
		else
			buf_printf(o, " (uchardet: %s", *ch->detected ?
			    ch->detected : "no answer");
		buf_printf(o, ", %zu bytes above ASCII", ch->high);
		if (ch->why)
			buf_printf(o, "; the fallback: %s", ch->why);
		buf_puts(o, ")\n");
	}
	diag_note(u->dg, o->p, o->len);
}

/* Is rule one of the comma-separated names in rules? */
static int
rule_named(const char *rules, const char *rule)
{
	size_t k = strlen(rule);
	const char *r;

	for (r = rules; (r = strstr(r, rule)) != NULL; r += k)
		if ((r == rules || r[-1] == ',') && (r[k] == ',' || !r[k]))
			return 1;
	return 0;
}

/* How the run a[0..n) of characters above ASCII reads back in page p
 * (prev, next: the characters around it):
 * RUN_UTF8 if as UTF-8, every byte of it, and it mixes a letter (of its
 * own or of the word it is in) with a symbol ("Ã¥", "‚àö‚àè", "jude≈£")
 * or has a capital after a small letter ("tieĹľ", cp1250 once of twice);
 * not Russian "ВСЁ" in cp1251 (D1 A8: plain capitals) nor "5×£35" in
 * Latin-1 (D7 A3: symbols between digits);
 * RUN_CUT if a lead byte in it lacks its
 * continuation ("Ñп": D1 then no byte of p: the byte after D1 was lost);
 * else RUN_OTHER. */
enum { RUN_OTHER, RUN_UTF8, RUN_CUT };

static int
read_run(const uint32_t *a, size_t n, uint32_t prev, uint32_t next, int p)
{
	size_t i = 0;
	int b0, b, need, k, sym = 0, caps = 0, utf8 = 1;
	int letter = word_letter(prev) || word_letter(next);

	for (i = 0; i < n; prev = a[i++]) {
		caps |= is_upper(a[i]) && lower(prev);
		letter |= word_letter(a[i]);
	}
	i = 0;

	while (i < n) {
		if ((b0 = page_byte(a[i], p, 0)) < 0xC2 || b0 > 0xF4) {
			utf8 = 0;
			i++;
			continue;
		}
		need = b0 < 0xE0 ? 1 : b0 < 0xF0 ? 2 : 3;
		sym |= !word_letter(a[i]);
		for (k = 1; k <= need; k++) {
			b = i + k < n ? page_byte(a[i + k], p, 0) : -1;
			if (b < 0x80 || b > 0xBF || (k == 1 &&
			    ((b0 == 0xE0 && b < 0xA0) ||
			     (b0 == 0xED && b > 0x9F) ||
			     (b0 == 0xF0 && b < 0x90) ||
			     (b0 == 0xF4 && b > 0x8F))))
				return RUN_CUT;
			sym |= !word_letter(a[i + k]);
		}
		i += (size_t)need + 1;
	}
	return utf8 && letter && (sym || caps) ? RUN_UTF8 : RUN_OTHER;
}

/* Did a repair through page p leave mojibake of p's own kind in t: a run
 * of characters above ASCII that reads back in p as UTF-8?  "S‚àö‚àègsmål"
 * (Mac Roman twice: "å" undone, "ø" not), "SÃ¥" (cp1252 twice, one
 * layer undone).  Not where bytes were lost: there the repair of what
 * can be repaired is the best there is. */
static int
leftover(const struct cpbuf *t, int p)
{
	size_t i, j;
	int found = 0;

	for (i = 0; i < t->n; i = j) {
		for (; i < t->n && t->a[i] < 0x80; i++)
			;
		for (j = i; j < t->n && t->a[j] >= 0x80; j++)
			;
		if (j == i)
			continue;
		switch (read_run(t->a + i, j - i, i > 0 ? t->a[i - 1] : ' ',
		    j < t->n ? t->a[j] : ' ', p)) {
		case RUN_CUT:
			return 0;
		case RUN_UTF8:
			found |= j - i >= 2;
			break;
		}
	}
	return found;
}

/* The page of a repair of the line that left mojibake of its kind (+1),
 * or 0: then the repair is partial, and the line is better left as it
 * was, for a repair is exact or none. */
static int
partial(const struct unmojibake *u, const struct cpbuf *t)
{
	int p;

	for (p = 0; p < UM_NPAGES; p++)
		if (rule_named(u->rulebuf, um_page_name[p]) && leftover(t, p))
			return p + 1;
	return 0;
}

/* A line left as it is, and why: twin pages repair it differently
 * (AMBIGUOUS: u->ambiguous), or the repair through a page (+1) left
 * mojibake of its kind (partial). */
static void
note_left(struct unmojibake *u, const char *s, size_t n, int partial_page)
{
	struct buf *o = &u->note;
	char why[128];
	int p;

	if (partial_page) {
		u->counters[C_PARTIAL].n++;
		snprintf(why, sizeof(why), "the repair through %s is partial",
		    um_page_name[partial_page - 1]);
	} else {
		u->counters[C_AMBIGUOUS].n++;
		p = u->ambiguous - 1;
		snprintf(why, sizeof(why), "%s and %s repair it differently",
		    um_page_name[p], um_page_name[u->twin[p]]);
	}
	span_line(u, s, n, partial_page ? 2 : 1);
	if (!u->explain)
		return;
	note_head(u, o, u->offsets == REC_OFF_CHARS ? u->docchars :
	    u->docoff);
	if (u->explain == 2) {
		buf_puts(o, "\"before\":");
		put_quoted(o, s, n, 1);
		buf_printf(o, ",\"after\":null,\"rule\":\"%s\",\"reason\":",
		    partial_page ? "partial" : "ambiguous");
		put_quoted(o, why, strlen(why), 1);
		buf_puts(o, "}\n");
	} else {
		put_quoted(o, s, n, 0);
		buf_printf(o, " left as it is: %s (%s)\n", why,
		    partial_page ? "partial" : "ambiguous");
	}
	diag_note(u->dg, o->p, o->len);
}

/* --- lines */

/* The slow path: repair the line s[0..body), its terminator taken off;
 * 1 if it changed, and then u->scratch holds the repair. */
static int
repair(struct unmojibake *u, const char *s, size_t body)
{
	struct cpbuf *t = &u->line;
	struct linestate ls = { 1, 0 };
	unsigned long long was[C_N];
	size_t rules;
	int changed, decoded, r, c, th, pp;

	u->rulebuf[0] = '\0';
	u->ambiguous = 0;
	u->lastpage = -1;
	u->gen++;
	changed = decode_line(u, s, body, t, &ls.saw);
	if (u->eflag)
		changed |= unescape(u, t);
	/* what a partial repair goes back to */
	decoded = changed;
	cb_set(&u->pre, t->a, t->n);
	rules = strlen(u->rulebuf);
	for (r = 0; r < C_N; r++)
		was[r] = u->counters[r].n;
	/* repair until stable, as a second run of the filter would see it:
	 * again after restored Thai quotes, and from the start after a lost
	 * byte was put back */
	for (r = 0; r < 4; r++) {
		c = fix_string(u, t, 0, -1, &ls) | resolve_lost(u, t, &ls.saw);
		th = (ls.saw & SAW_THAI) && fix_thai(u, t);
		changed |= c | th;
		if (!th && ls.drop_ok)
			break;
		ls.drop_ok = 1;
		if (!c && !th)
			break;
	}
	if (changed > decoded && (pp = partial(u, t))) {
		cb_set(t, u->pre.a, u->pre.n);
		for (r = 0; r < C_N; r++)
			u->counters[r].n = was[r];
		u->rulebuf[rules] = '\0';
		changed = decoded;
		note_left(u, s, body, pp);
	} else if (!changed && u->ambiguous) {
		note_left(u, s, body, 0);
	}
	if (!changed)
		return 0;
	u->scratch.len = 0;
	encode_line(t, &u->scratch);
	return u->scratch.len != body || memcmp(u->scratch.p, s, body) != 0;
}

int
unmojibake_line(struct unmojibake *u, const char *s, size_t n,
    struct buf *o)
{
	if (!repair(u, s, n)) {
		buf_put(o, s, n);
		return 0;
	}
	buf_put(o, u->scratch.p, u->scratch.len);
	return 1;
}

/* Repair one line s[0..n) (with its terminator), or a piece of one. */
static void
fix_line(struct unmojibake *u, const char *s, size_t n, struct buf *o)
{
	size_t body = n;

	if (body > 0 && s[body - 1] == '\n')
		body--;
	if (body > 0 && s[body - 1] == '\r')
		body--;
	if (!repair(u, s, body)) {
		buf_put(o, s, n);
		return;
	}
	buf_put(&u->scratch, s + body, n - body);
	u->counters[C_LINES].n++;
	if (u->explain)
		explain_change(u, s, n, u->scratch.p, u->scratch.len);
	span_line(u, s, body, 0);
	buf_put(o, u->scratch.p, u->scratch.len);
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

/* The index of the first byte of s[i..n) in a non-ASCII run that is
 * suspicious(), or n: the bytes before it need no repair.  With -e every
 * line is looked at. */
static size_t
first_suspicious(const struct unmojibake *u, const unsigned char *s,
    size_t i, size_t n)
{
	size_t end;
	uint64_t w;

	if (u->eflag)
		return i < n ? i : n;
	while (i < n) {
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
		if (suspicious(s, n, i, &end))
			return i;
		i = end;
	}
	return n;
}

/* Where to cut a line too long to repair whole, that goes on past s[lo]
 * for more than HOLD bytes without an anchor: after a space that follows
 * an ASCII byte (no run of mojibake spans it) from SPAN bytes on, else
 * between two ASCII bytes, else before any byte that starts a character,
 * else SPAN + SPAN / 4 bytes on. */
static size_t
piece_cut(const unsigned char *s, size_t lo)
{
	size_t j, b = lo + SPAN, e = lo + SPAN + SPAN / 4;

	for (j = b; j < e; j++)
		if (s[j - 1] == ' ' && s[j - 2] < 0x80)
			return j;
	for (j = b; j < e; j++)
		if (s[j] < 0x80 && s[j - 1] < 0x80)
			return j;
	for (j = b; j < e; j++)
		if (s[j] < 0x80 || s[j] >= 0xC0)
			return j;
	return e;
}

static int
ascii_alnum(unsigned char c)
{
	return ((c | 0x20) >= 'a' && (c | 0x20) <= 'z') || (c >= '0' && c <= '9');
}

/* Is the place before s[j] an anchor?  The ANCHOR_LEN bytes before it
 * are ASCII letters, digits and spaces (a repair changes none of them)
 * and hash to 0 modulo ANCHOR_MOD. */
static int
anchor_at(const unsigned char *s, size_t j)
{
	uint32_t h = 2166136261u;
	size_t k;

	for (k = j - ANCHOR_LEN; k < j; k++)
		h = (h ^ s[k]) * 16777619u;
	return h % ANCHOR_MOD == 0;
}

/* The end of the piece of a line that starts at s[0], of which n bytes
 * are at hand (whole: all of it), looked at from c->j on:
 *   the first anchor once the line has had ANCHOR_FROM ASCII letters and
 *   digits: a place that a second run finds again, so a line cut there
 *   is repaired the same way the second time (idempotent);
 *   else, past HOLD bytes, piece_cut: memory stays bounded;
 *   else n if the line ends there, 0 if more bytes must tell.
 * A function of the line's bytes alone, so the reader's cuts change
 * nothing; c goes on to the next piece. */
static size_t
next_cut(const unsigned char *s, size_t n, int whole, struct cutter *c)
{
	size_t j, lim = MIN(n, HOLD), cut;

	/* too few letters in all for an anchor: no need to look */
	if (n <= HOLD && c->alnum + (n - c->j) <= ANCHOR_FROM) {
		if (!whole)
			return 0;
		cut = n;
		goto done;
	}
	for (j = c->j; j < lim; j++) {
		if (c->run >= ANCHOR_LEN && c->alnum > ANCHOR_FROM &&
		    anchor_at(s, j)) {
			cut = j;
			goto done;
		}
		c->run = s[j] == ' ' || ascii_alnum(s[j]) ? c->run + 1 : 0;
		c->alnum += ascii_alnum(s[j]);
	}
	c->j = j;
	if (n > HOLD) {
		cut = piece_cut(s, 0);
		c->alnum = c->alnum0;
		for (j = 0; j < cut; j++)
			c->alnum += ascii_alnum(s[j]);
		goto done;
	}
	if (whole) {
		cut = n;
		goto done;
	}
	return 0;
done:
	c->alnum0 = c->alnum;
	c->j = 0;
	c->run = 0;
	return cut;
}

/* Account for n bytes p[0..n) of the document as done. */
static void
advance(struct unmojibake *u, const char *p, size_t n)
{
	u->docoff += n;
	if (u->count_chars)
		u->docchars += rec_chars(p, n);
}

/* One piece of a line, s[0..n): repaired if it looks like it may need
 * it (known: it does), else copied. */
static void
piece(struct unmojibake *u, const char *s, size_t n, int known,
    struct buf *o)
{
	if (known || first_suspicious(u, (const unsigned char *)s, 0, n) < n)
		fix_line(u, s, n, o);
	else
		buf_put(o, s, n);
	advance(u, s, n);
}

/* Whole lines p[0..n), the last perhaps without its newline at the end
 * of the document: each line that may need it is repaired, a piece at a
 * time (next_cut); the repair works on code points, several times the
 * line's size, so pieces keep memory flat on lines of any length.  The
 * first line may go on from pieces that hold() cut. */
static void
lines(struct unmojibake *u, const char *p, size_t n, struct buf *o)
{
	const unsigned char *s = (const unsigned char *)p;
	size_t i = 0, done = 0, ls, le, c;
	const char *q;

	u->span = p;
	u->spann = n;
	while ((i = first_suspicious(u, s, i, n)) < n) {
		q = i > done ? mem_rchr(p + done, '\n', i - done) : NULL;
		ls = q ? (size_t)(q - p) + 1 : done;
		q = memchr(p + i, '\n', n - i);
		le = q ? (size_t)(q - p) + 1 : n;
		buf_put(o, p + done, ls - done);
		advance(u, p + done, ls - done);
		if (ls > 0)
			memset(&u->cut, 0, sizeof(u->cut));
		for (; ls < le; ls += c) {
			c = next_cut(s + ls, le - ls, 1, &u->cut);
			piece(u, p + ls, c, ls <= i && i < ls + c, o);
		}
		done = i = le;
	}
	buf_put(o, p + done, n - done);
	advance(u, p + done, n - done);
	memset(&u->cut, 0, sizeof(u->cut));
}

/* Cut the pieces of the held line that are sure. */
static void
hold(struct unmojibake *u, struct buf *o)
{
	struct buf *h = &u->carry;
	size_t c, at = 0;

	u->span = h->p;
	u->spann = h->len;
	while ((c = next_cut((const unsigned char *)h->p + at, h->len - at,
	    0, &u->cut)) > 0) {
		piece(u, h->p + at, c, 0, o);
		at += c;
	}
	if (at > 0) {
		memmove(h->p, h->p + at, h->len - at);
		h->len -= at;
	}
}

/* Text p[0..n) of the document, as UTF-8: whole lines are repaired now;
 * a last line without its newline waits in u->carry for the rest, so
 * that where the reader cut a long line changes nothing. */
static void
take(struct unmojibake *u, const char *p, size_t n, struct buf *o)
{
	const char *nl;
	size_t k;

	if (u->carry.len > 0) {
		nl = memchr(p, '\n', n);
		k = nl ? (size_t)(nl - p) + 1 : n;
		buf_put(&u->carry, p, k);
		p += k;
		n -= k;
		if (!nl) {
			hold(u, o);
			return;
		}
		lines(u, u->carry.p, u->carry.len, o);
		u->carry.len = 0;
	}
	nl = n > 0 ? mem_rchr(p, '\n', n) : NULL;
	k = nl ? (size_t)(nl - p) + 1 : 0;
	lines(u, p, k, o);
	if (k < n) {
		buf_put(&u->carry, p + k, n - k);
		hold(u, o);
	}
}

/* --- UTF-16 and UTF-32 documents */

enum { W_NONE, W_UTF16LE, W_UTF16BE, W_UTF32LE, W_UTF32BE };
static const char wide_name[][9] = { "UTF-8", "UTF-16LE", "UTF-16BE",
	"UTF-32LE", "UTF-32BE" };
static const unsigned char wide_unit[] = { 1, 2, 2, 4, 4 };

/* The byte order mark at the start of p[0..n): W_ and its length in *k;
 * -1 if more bytes must tell (unless at the end):
 *   FF FE 00 00  UTF-32LE      FF FE  UTF-16LE
 *   00 00 FE FF  UTF-32BE      FE FF  UTF-16BE
 *   "FF FE 00", "FF", "00 00 FE": -1     "Hi", "EF BB BF": none */
static int
bom(const unsigned char *p, size_t n, int end, size_t *k)
{
	static const unsigned char m32le[] = { 0xFF, 0xFE, 0, 0 };
	static const unsigned char m32be[] = { 0, 0, 0xFE, 0xFF };
	size_t l = MIN(n, 4);

	*k = 4;
	if (n >= 4 && !memcmp(p, m32le, 4))
		return W_UTF32LE;
	if (n >= 4 && !memcmp(p, m32be, 4))
		return W_UTF32BE;
	if (!end && n < 4 && (!memcmp(p, m32le, l) || !memcmp(p, m32be, l)))
		return -1;
	*k = 2;
	if (n >= 2 && p[0] == 0xFF && p[1] == 0xFE)
		return W_UTF16LE;
	if (n >= 2 && p[0] == 0xFE && p[1] == 0xFF)
		return W_UTF16BE;
	if (!end && n == 1 && p[0] == 0xFE)
		return -1;
	*k = 0;
	return W_NONE;
}

/* Decode the held bytes of a UTF-16 or UTF-32 document as far as they
 * are whole characters (all of them at the end: a part is U+FFFD), and
 * take the text. */
static void
wide_decode(struct unmojibake *u, int end, struct buf *o)
{
	struct buf *w = &u->wide_in, *t = &u->wide_out;
	char *ip = w->p, *op;
	size_t il = w->len, ol, r;

	t->len = 0;
	while (il > 0) {
		buf_make_room(t, 4 * il + 16);
		op = t->p + t->len;
		ol = t->cap - t->len;
		r = iconv(u->wcd, &ip, &il, &op, &ol);
		t->len = (size_t)(op - t->p);
		if (r != (size_t)-1 || errno == E2BIG)
			continue;
		if (errno == EINVAL && !end)
			break; /* a character goes on in the next unit */
		/* a lone surrogate, a value past U+10FFFF, a part at the
		 * end: U+FFFD for the unit */
		buf_put(t, "\357\277\275", 3);
		r = MIN(il, wide_unit[u->wide]);
		ip += r;
		il -= r;
		iconv(u->wcd, NULL, NULL, NULL, NULL);
	}
	memmove(w->p, ip, il);
	w->len = il;
	take(u, t->p, t->len, o);
}

/* The document's first bytes decide whether it is UTF-16 or UTF-32:
 * 0 when the rest is UTF-8 (or the -f encoding), 1 when it was decoded,
 * -1 when more bytes must tell. */
static int
wide_start(struct unmojibake *u, const char *p, size_t n, int end,
    struct buf *o)
{
	struct buf *w = &u->wide_in;
	size_t k;
	int b;

	if (n > 0)
		buf_put(w, p, n);
	if ((b = bom((const unsigned char *)w->p, w->len, end, &k)) < 0)
		return -1;
	u->docstart = 0;
	if (b == W_NONE)
		return 0;
	if (u->wcd != (iconv_t)-1)
		iconv_close(u->wcd);
	if ((u->wcd = iconv_open("UTF-8", wide_name[b])) == (iconv_t)-1) {
		diag_warn(u->dg, "iconv_open %s", wide_name[b]);
		return 0;
	}
	u->wide = b;
	memmove(w->p, w->p + k, w->len - k);
	w->len -= k;
	wide_decode(u, end, o);
	return 1;
}

static int
process(void *ctx, const char *p, size_t n, struct buf *o)
{
	struct unmojibake *u = ctx;
	size_t k;

	if (u->f && u->f->pos)
		u->pos = *u->f->pos;
	if (attrs_of(u)) {      /* the reader cuts no character */
		u->rawoff += n;
		u->rawchars += rec_chars(p, n);
	}
	if (u->wide) {
		buf_put(&u->wide_in, p, n);
		wide_decode(u, 0, o);
		return 0;
	}
	if (u->docstart && u->wide_in.len == 0 && n >= 4 &&
	    bom((const unsigned char *)p, n, 0, &k) == W_NONE)
		u->docstart = 0;
	if (u->docstart) {
		switch (wide_start(u, p, n, 0, o)) {
		case -1:
			return 0;
		case 1:
			return 0;
		}
		/* not wide: the bytes held to tell are the text */
		take(u, u->wide_in.p, u->wide_in.len, o);
		u->wide_in.len = 0;
		return 0;
	}
	if (u->carry.len == 0 && n > 0 && p[n - 1] == '\n')
		lines(u, p, n, o);
	else
		take(u, p, n, o);
	return 0;
}

static void
enddoc(void *ctx, struct buf *o)
{
	struct unmojibake *u = ctx;

	if (u->docstart && u->wide_in.len > 0 &&
	    wide_start(u, NULL, 0, 1, o) == 0) {
		take(u, u->wide_in.p, u->wide_in.len, o);
		u->wide_in.len = 0;
	}
	if (u->wide)
		wide_decode(u, 1, o);
	if (u->carry.len > 0)
		lines(u, u->carry.p, u->carry.len, o);
	span_doc(u);
	u->rawoff = 0;
	u->rawchars = 0;
	u->said_read_as = 0;
	u->wide_rules = 0;
	u->wide_left = 0;
	u->carry.len = 0;
	u->wide_in.len = 0;
	u->wide = W_NONE;
	u->docstart = 1;
	u->docoff = 0;
	u->docchars = 0;
	u->decided = 0;
	u->cur = 0;
	u->span = NULL;
}

/* ------------------------------------------------------------ engine */

static void
bufs_init(struct unmojibake *u)
{
	if (u->scratch.p)
		return;
	buf_init_mem(&u->scratch, 4096);
	buf_init_mem(&u->note, 256);
	buf_init_mem(&u->carry, 256);
	buf_init_mem(&u->wide_in, 256);
	buf_init_mem(&u->wide_out, 256);
}

static void *
create(struct diag *d)
{
	struct unmojibake *u = ecalloc(1, sizeof(*u));
	size_t i;

	u->dg = d;
	u->fromenc = "auto";
	u->wcd = (iconv_t)-1;
	u->docstart = 1;
	for (i = 0; i < C_N; i++)
		u->counters[i].name = counter_names[i];
	for (i = 0; i < NRULES; i++)
		snprintf(u->rattr[i], sizeof(u->rattr[i]), "rule__%s",
		    i < UM_NPAGES ? um_page_name[i] :
		    other_rules[i - UM_NPAGES]);
	rules_index(&u->st.ri);
	twins_index(u->twin);
	return u;
}

static int
option(void *e, int c, const char *arg)
{
	struct unmojibake *u = e;

	switch (c) {
	case 'e':
		u->eflag = 1;
		return 0;
	case 'f':
		u->fromenc = arg;
		return 0;
	case OPT_EXPLAIN:
		if (!arg)
			u->explain = 1;
		else if (!strcmp(arg, "jsonl"))
			u->explain = 2;
		else {
			diag_warnx(u->dg, "--explain: expected jsonl, not %s",
			    arg);
			return 2;
		}
		return 0;
	}
	return 2;
}

static int
start(void *e, const struct rec_opt *o, struct rec_filter *f)
{
	struct unmojibake *u = e;

	u->detect = !strcasecmp(u->fromenc, "auto");
	if (!legacy_open(&u->lg[0], u->detect ? FALLBACK : u->fromenc)) {
		diag_warnx(u->dg, "-f %s: encoding not supported by iconv",
		    u->fromenc);
		return 2;
	}
	/* --attrs names the encoding in an attribute name: JSON text */
	if (o->attrs && !attr_name_ok(u->fromenc)) {
		diag_warnx(u->dg, "--attrs: -f %s: a name an attribute cannot "
		    "hold", u->fromenc);
		return 2;
	}
	bufs_init(u);
	u->offsets = o->offsets;
	u->count_chars = o->attrs ||
	    (u->explain && u->offsets == REC_OFF_CHARS);
	u->f = f;
	f->spans = 1;
	f->span_names = span_names;
	f->unit = REC_BLOCK;
	f->fn = process;
	f->enddoc = enddoc;
	f->ctx = e;
	f->counters = u->counters;
	return 0;
}

static void
destroy(void *e)
{
	struct unmojibake *u = e;
	size_t i;

	if (!u)
		return;
	legacy_close(&u->lg[0]);
	legacy_close(&u->lg[1]);
#ifdef HAVE_UCHARDET
	detector_close(u->det_api);
#endif
	if (u->wcd != (iconv_t)-1)
		iconv_close(u->wcd);
	if (u->scratch.p) {
		buf_free(&u->scratch);
		buf_free(&u->note);
		buf_free(&u->carry);
		buf_free(&u->wide_in);
		buf_free(&u->wide_out);
	}
	cb_free(&u->line);
	cb_free(&u->keep);
	cb_free(&u->ctx_a);
	cb_free(&u->ctx_b);
	cb_free(&u->det);
	cb_free(&u->pre);
	for (i = 0; i <= MAXDEPTH; i++) {
		cb_free(&u->lv[i].res);
		cb_free(&u->lv[i].best);
		cb_free(&u->lv[i].out);
		cb_free(&u->lv[i].run);
	}
	free(u->rb);
	free(u->ro);
	free(u->st.c);
	free(u->found.a);
	free(u);
}

/* ------------------------------------------------------------ apply */

void *
unmojibake_applier_new(struct diag *dg)
{
	struct unmojibake *u = create(dg);

	if (!legacy_open(&u->lg[0], FALLBACK)) {
		diag_warnx(dg, "%s: encoding not supported by iconv", FALLBACK);
		destroy(u);
		return NULL;
	}
	bufs_init(u);
	return u;
}

void
unmojibake_applier_free(void *u)
{
	destroy(u);
}

/*
 * copydesk apply unmojibake: the text as it came, each repair span put
 * through unmojibake_line, the rest copied; -e where the document has the
 * span option__entities, and its bytes that are not UTF-8 read as its
 * read_as__ENC says (see "attributes" above). A UTF-16 or UTF-32
 * document, one repair span over all of it, is decoded and repaired as
 * unmojibake does it, here with the same functions.
 */
int
render_unmojibake(const struct apply_doc *d, struct buf *o)
{
	struct unmojibake *u = d->ctx;
	const struct apply_spans *rep = &d->sp[0];
	struct apply_walk w = { d->p, d->n, 0, 0, d->bytes };
	const char *name;
	char enc[sizeof(u->lg[0].name)];
	size_t i, s, e, at, namelen;

	u->eflag = d->sp[1].n > 0;
	u->detect = 0;          /* the choice is made: it is read */
	u->decided = 1;
	u->cur = 0;
	if (apply_member(d, "copydesk__unmojibake__read_as__", &name,
	    &namelen, &u->found) == 0) {
		if (u->found.n != 1 || namelen >= sizeof(enc))
			return -1;
		memcpy(enc, name, namelen);
		enc[namelen] = '\0';
		u->cur = u->found.a[0].v >= 1.5;
		if (!legacy_open(&u->lg[u->cur], enc))
			return -1;
	} else if (!legacy_open(&u->lg[0], FALLBACK)) {
		return -1;
	}
	/* the spans must fit: in order, within the text */
	for (i = 0; i < rep->n; i++)
		if (apply_walk(&w, rep->a[i].s) == (size_t)-1 ||
		    apply_walk(&w, rep->a[i].e) == (size_t)-1)
			return -1;
	if (bom((const unsigned char *)d->p, d->n, 1, &at) != W_NONE) {
		if (rep->n != 1 || rep->a[0].s != 0 || w.b != d->n)
			return -1;
		u->docstart = 1;
		process(u, d->p, d->n, o);
		enddoc(u, o);
		return 0;
	}
	w.b = 0;
	w.c = 0;
	for (i = 0, at = 0; i < rep->n; i++) {
		s = apply_walk(&w, rep->a[i].s);
		e = apply_walk(&w, rep->a[i].e);
		buf_put(o, d->p + at, s - at);
		unmojibake_line(u, d->p + s, e - s, o);
		at = e;
	}
	buf_put(o, d->p + at, d->n - at);
	return 0;
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
	"                      (an iconv name; default auto: detected\n"
	"                      per document, else CP1252)\n"
	"      --explain[=jsonl] report each repair on stderr\n",
	"ef:",
	longopts,
	create,
	option,
	start,
	NULL,
	destroy,
	NULL,
};
