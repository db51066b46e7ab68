/* See LICENSE file for copyright and license details. */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <utf8proc.h>

#include "common/engine.h"
#include "common/io.h"
#include "common/rec.h"
#include "common/scan.h"
#include "common/unitab.h"
#include "common/utf8.h"
#include "common/util.h"
#include "filters/sentsplit.h"
#include "filters/sentsplit_data.h"

/*
 * sentsplit: one sentence per line, a blank line between paragraphs.
 *
 * The scanner copies text through in long runs and stops only at bytes
 * that may matter: '.', '!', '?', '\n', '\r', ')', ':' (of a time stamp)
 * and non-ASCII bytes. At a terminator it reads the cluster (". . .",
 * "?!", "。"), the closing quotes and brackets after it, the whitespace
 * and the next word, and decides with the word before it (abbreviation
 * tables from filters/sentsplit_data.c). Every look-around is bounded,
 * so the time is linear. Only whitespace is ever changed: a break
 * replaces the spaces between two sentences by one newline (or inserts
 * one where there were none, as after "。"); a joined line break becomes
 * one space.
 *
 * All state is in struct sentsplit: functions that only read it take it
 * const.
 */

enum { MODE_BLOCK, MODE_WRAP, MODE_LINES };
enum { LIST_NONE, LIST_NUM, LIST_LOWER, LIST_UPPER };

/* The bounds of every look-around, which keep the time linear. */
enum {
	WORDMAX = 64,           /* bytes of a word that are looked at */
	NEXTMARKS = 8,          /* marks skipped before the next word */
	ATTACHMAX = 12,         /* bytes of a "[17]" or ":-)" token */
	LONGSCAN = 256,         /* bytes counted for a long sentence */
	LONGWORDS = 3,          /* more words than this: a long sentence */
	ROMANMAX = 7,           /* letters of a roman number: "XVIII" */
	MARKERDIGITS = 2,       /* digits of a list number: "12." */
	BULLETWS = 64,          /* spaces between a bullet and its item */
	RUNMAX = 256,           /* whitespace a hyphen joins over */
	DATELINEWORDS = 4,      /* words of a dateline: "تهران-واحد مرکزی خبر:" */
	STAMPDATE = 10,         /* bytes of a time stamp's date: "2001-02-13" */
	BRACKETABBR = 6,        /* letters of an abbreviation that opens a
	                         * bracket: "(approx. 30)" */
	LOWERMIN = 4,           /* letters of a word whose full stop ends a
	                         * sentence before a lower-case word, in a
	                         * language whose short unknown words may be
	                         * abbreviations: "servitù. ma", "mia. kroner" */
	LINKMAX = 256,          /* a longer token is taken for a link */
	CLOSEMAX = 64,          /* closers after a list item's stop */
	CJKAHEAD = 1000,        /* bytes looked ahead for a CJK bracket's
	                         * close: fewer than SAFEBYTES */
	QUOTEBACK = 512,        /* bytes looked back for a quote's opening */
	QUOTERUNS = 30,         /* and words ahead for its close: fewer than
	                         * SAFERUNS */
	QUOTEBYTES = 512,       /* and bytes, fewer than SAFEBYTES */
	/* a paragraph in pieces (see split) */
	SAFERUNS = 40,          /* the look ahead of a candidate: runs */
	SAFEBYTES = 1024,       /* and bytes other than whitespace */
	LISTBACK = 160,         /* how far back a list item breaks */
	CTX = 1024,             /* bytes kept for the looks back */
	CARRYMIN = 16384,       /* the least paragraph held whole */
	UAHEAD = 65536          /* -u: an open sentence longer than this is
	                         * written ahead, for every piece walks it
	                         * again from its start */
};

/* The scripts -L auto counts letters of. */
enum {
	SC_OTHER, SC_LATIN, SC_GREEK, SC_CYRILLIC, SC_ARMENIAN, SC_ARABIC,
	SC_DEVANAGARI, SC_MYANMAR, SC_ETHIOPIC, SC_KANA, SC_HAN, SC_N
};

enum {
	LANGMAX = 32,           /* languages an unsigned long of bits holds */
	LETTERMAX = 0x1000,     /* ss_letters below this code point count */
	WHASH = 4096            /* slots of the words' hash table, a power of
	                         * two over twice ss_nwords */
};

/* What -L auto has seen of the document (see detect_feed). */
struct detect {
	size_t seen;            /* bytes other than whitespace */
	unsigned long letters[SC_N];
	unsigned hits[LANGMAX]; /* function words of each language */
	char word[WORDMAX + 8]; /* the word being read, lower case */
	char mark[8];           /* a character, lower case */
	size_t wn;
	unsigned votes;         /* all of hits[] */
	int done;               /* a clear winner: look no further */
};

/* What the output holds of the current document. */
struct doc {
	int open;       /* sentence text written, its newline not yet */
	int started;    /* anything written in this document */
	int gap;        /* blank line seen since the last text */
	int pend_nl;    /* newlines that ended the previous unit */
	int held;       /* it was cut at a space inside a sentence */
	int lastterm;   /* and ended with a terminator or a closer */
};

/*
 * --attrs: the output as spans of the document, so that an applier writes
 * it again: each sentence is the text it spans, where each join inside it
 * (a line break and the white space around it) is one space (value 1) or
 * nothing (value 0: "well-\nknown"), then a newline; a paragraph after the
 * first starts with a blank line.  p[0] is the document's byte base.
 */
struct spans {
	unsigned long long doc;         /* bytes of the document split */
	unsigned long long base;
	struct rec_cursor cur;          /* for code points */
	int open, popen;                /* a sentence, a paragraph */
	int gap;                        /* a blank line before it */
	unsigned long long sb, sc, eb, ec;      /* the sentence */
	unsigned long long pb, pc, peb, pec;    /* its paragraph */
};

static const char *const span_names[] = { "sentence", "paragraph", "join",
	NULL };

struct sentsplit {
	struct diag *dg;
	/* the options */
	const struct ss_lang *lang;
	int mode;
	int uflag;
	int plain;              /* each file a document, none between */
	int wrote;              /* a document before wrote text */
	const struct rec_filter *rf;    /* ours: where the reader is */
	/* tables: ascii_sb by create, the rest by start */
	unsigned char ascii_sb[128];    /* unitab_sentence_prop, cached */
	unsigned char cls[256];         /* 0: copy on; else look closer */
	int swar;               /* cls holds only . ! ? \n ) : and >= 0x80 */
	struct rec_counter *counters;   /* sentences, paragraphs, then
	                                 * documents per language seen */
	char (*cname)[16];      /* "lang_de": the names of those */
	int *cslot;             /* each language's counter, or 0 */
	int ncount;             /* counters in use */
	struct doc st;
	/* the language of the document (see detect_feed) */
	const struct ss_lang *forced;   /* -L, or NULL: auto */
	int explain;            /* --explain: say which, on stderr */
	int indoc;              /* a unit of this document came */
	int chosen;             /* its language is chosen */
	struct detect det;
	unsigned short whash[WHASH];    /* 1 + an index into ss_words */
	int whashok;            /* all of ss_words are in it */
	size_t maxword;         /* the longest in ss_words, in bytes */
	unsigned char isvoter[LETTERMAX / 8];   /* code point in ss_letters */
	char *hbuf;             /* its units held until then */
	size_t hlen, hcap;
	size_t *hunit;          /* their lengths */
	size_t nhunit, chunit;
	/* the unit being scanned */
	const char *p;
	size_t n;               /* its length */
	size_t from;            /* copied to the output up to here */
	size_t blk;             /* where the line block starts */
	size_t sstart;          /* where the open sentence starts */
	struct buf *o;
	int list_kind, list_next;
	int cjk_depth;
	size_t qopen;           /* 1 + where the last „ or « opened, that no
	                         * closing mark has closed; 0: none */
	size_t tok_s, tok_e;    /* cached token around a candidate */
	int tok_link;           /* it is a URL, e-mail address or path */
	size_t u29skip;         /* -u: whitespace seen up to here */
	size_t emitted;         /* written up to here, if past from */
	int sfar;               /* the open sentence starts before p */
	/* a paragraph in pieces (see split) */
	size_t safe;            /* events that look ahead from here wait */
	int halt;               /* the scan stopped at such an event */
	int force;              /* decide the next event all the same */
	size_t resume;          /* where the scan goes on */
	size_t reach;           /* -u: where the walk got to */
	char *cbuf;             /* the text carried over */
	size_t clen, ccap;
	int cfresh;             /* it starts a unit: not yet scanned */
	size_t limit;           /* hold a paragraph whole up to this */
	struct spans sp;        /* --attrs */
};

/* --attrs: the rec_attrs of the run, or NULL */
static struct rec_attrs *
attrs_of(const struct sentsplit *ss)
{
	return ss->rf ? ss->rf->attrs : NULL;
}

/* The document position of p[i], in bytes and (*c) code points. */
static unsigned long long
docpos(struct sentsplit *ss, size_t i, unsigned long long *c)
{
	unsigned long long b = ss->sp.base + i;

	*c = rec_cursor_at(&ss->sp.cur, ss->p, ss->sp.base, ss->n, b);
	return b;
}

static void
end_paragraph(struct sentsplit *ss)
{
	struct spans *sp = &ss->sp;

	if (sp->popen)
		rec_span(attrs_of(ss), "paragraph", sp->pb, sp->peb, sp->pc,
		    sp->pec, 1);
	sp->popen = 0;
}

/* p[a..b) was written as sentence text (a == b: the sentence opens). */
static void
span_text(struct sentsplit *ss, size_t a, size_t b)
{
	struct spans *sp = &ss->sp;

	if (!attrs_of(ss))
		return;
	if (!sp->open) {
		sp->sb = docpos(ss, a, &sp->sc);
		sp->open = 1;
		if (sp->gap || !sp->popen) {
			end_paragraph(ss);
			sp->pb = sp->sb;
			sp->pc = sp->sc;
			sp->popen = 1;
		}
		sp->gap = 0;
	}
	sp->eb = docpos(ss, b, &sp->ec);
	sp->peb = sp->eb;
	sp->pec = sp->ec;
}

/* p[a..b) inside the sentence was written as one space (v 1) or not at
 * all (v 0). */
static void
span_join(struct sentsplit *ss, size_t a, size_t b, double v)
{
	unsigned long long ab, ac, bb, bc;

	if (!attrs_of(ss))
		return;
	ab = docpos(ss, a, &ac);
	bb = docpos(ss, b, &bc);
	rec_span(attrs_of(ss), "join", ab, bb, ac, bc, v);
}

/* p[0..n) is let go of (no carry): the code points of what no span
 * reached are counted now, while the bytes are at hand */
static void
span_forget(struct sentsplit *ss)
{
	unsigned long long c;

	if (attrs_of(ss) && ss->sp.cur.b < ss->sp.base + ss->n)
		(void)docpos(ss, ss->n, &c);
}

static void
span_close(struct sentsplit *ss)
{
	struct spans *sp = &ss->sp;

	if (!attrs_of(ss) || !sp->open)
		return;
	rec_span(attrs_of(ss), "sentence", sp->sb, sp->eb, sp->sc, sp->ec, 1);
	sp->open = 0;
}

static int
isws(unsigned char c)
{
	/* ' ', '\t', '\n', '\v', '\f', '\r' as bits of one word */
	return c <= ' ' && (1ULL << c & (1ULL << ' ' | 0x3E00ULL));
}

static size_t
dec(const struct sentsplit *ss, size_t i, uint32_t *cp)
{
	return utf8_decode_fast(ss->p + i, ss->n - i, cp);
}

/* Room for n bytes in the carry. */
static void
carry_room(struct sentsplit *ss, size_t n)
{
	if (n > ss->ccap) {
		ss->ccap = MAX(n, ss->ccap * 2);
		ss->cbuf = erealloc(ss->cbuf, ss->ccap);
	}
}

/* Is p[i] a line break: '\n', or a CR that no '\n' follows (old Mac
 * text; the CR of "\r\n" is whitespace before the line break)? */
static int
isnl(const struct sentsplit *ss, size_t i)
{
	return ss->p[i] == '\n' || (ss->p[i] == '\r' && (i + 1 == ss->n ||
	    ss->p[i + 1] != '\n'));
}

/* onespace with -w. */
static size_t
onespacew(const struct sentsplit *ss, size_t k)
{
	size_t e;
	int nl = 0;

	for (e = k; e < ss->n && isws((unsigned char)ss->p[e]); e++)
		nl += isnl(ss, e);
	return e > k && e < ss->n && nl < 2 ? e : 0;
}

/* Does the whitespace at p[k] read as one space? A ' '; with -w any run
 * without a blank line, since a second run may find the line break that
 * -w joins with a space in place of any of them (a break writes one),
 * but not at the end of the text. Returns where it ends, or 0. */
static inline size_t
onespace(const struct sentsplit *ss, size_t k)
{
	if (ss->mode == MODE_WRAP)
		return onespacew(ss, k);
	return k < ss->n && ss->p[k] == ' ' ? k + 1 : 0;
}

static int
sbp(const struct sentsplit *ss, uint32_t cp)
{
	if (cp < 0x80)
		return ss->ascii_sb[cp];
	return cp == UTF8_INVALID ? SB_OTHER : unitab_sentence_prop(cp);
}

static int
isletter(int sb)
{
	return sb == SB_UPPER || sb == SB_LOWER || sb == SB_OLETTER;
}

static int
isbullet(uint32_t cp)
{
	return cp == 0x2022 || cp == 0x2043 || cp == 0x25E6 || cp == 0x25AA ||
	    cp == 0x2023 || cp == 0x25CF;
}

/* Opening punctuation: never part of a closing run. */
static int
isopener(uint32_t cp)
{
	if (cp == 0xAB || cp == 0x2039 || cp == 0x201E || cp == 0x201A ||
	    cp == 0xBF || cp == 0xA1)
		return 1;
	return (uclass(cp) & UC_OPEN) != 0;
}

static int
iscjkclose(uint32_t cp)
{
	return (cp >= 0x3009 && cp <= 0x3011 && cp % 2 == 1) ||
	    (cp >= 0x3015 && cp <= 0x301B && cp % 2 == 1) || cp == 0xFF09;
}

static int
iscjkopen(uint32_t cp)
{
	return (cp >= 0x3008 && cp <= 0x3010 && cp % 2 == 0) ||
	    (cp >= 0x3014 && cp <= 0x301A && cp % 2 == 0) || cp == 0xFF08;
}

/* Signs that a number follows: № # $ £ € */
static int
iscurrency(uint32_t cp)
{
	return cp == 0x2116 || cp == '#' || cp == '$' || cp == 0xA3 ||
	    cp == 0x20AC;
}

/* The quotation marks that open („ «) and may close (“ ” ») a quotation
 * a reporting clause may follow (see reported). */
static int
isqopen(uint32_t cp)
{
	return cp == 0x201E || cp == 0xAB;
}

static int
isqclose(uint32_t cp)
{
	return cp == 0x201C || cp == 0x201D || cp == 0xBB;
}

/* Hiragana: the particles that go on after a closing bracket. */
static int
ishiragana(uint32_t cp)
{
	return cp >= 0x3040 && cp < 0x30A0;
}

/* Terminators that end a sentence with no space after them. */
static int
isstopnospace(uint32_t cp)
{
	return cp == 0x3002 || cp == 0xFF01 || cp == 0xFF1F || cp == 0xFF61 ||
	    cp == 0x1362 || cp == 0x1367 || cp == 0x1368 || cp == 0x104A ||
	    cp == 0x104B || cp == 0x0964 || cp == 0x0965 || cp == 0x06D4 ||
	    cp == 0x061F;
}

/* ---------------------------------------------------------------- output */

/* The first line break in p[a..b), or b: the first '\n', unless a lone
 * CR comes before it (a CR that is not lone is the one just before it). */
static size_t
findnl(const struct sentsplit *ss, size_t a, size_t b)
{
	const char *q = memchr(ss->p + a, '\n', b - a), *r;
	size_t e = q ? (size_t)(q - ss->p) : b;

	if ((r = memchr(ss->p + a, '\r', e - a)) && isnl(ss, (size_t)(r - ss->p)))
		return (size_t)(r - ss->p);
	return e;
}

/* Write p[a..b). With -w a run of whitespace with a line break in it,
 * which a look past the stop ran over (". .\n. Next", "end.\n[17]"), is
 * joined with a space, as the line break itself would be. */
static void
put(struct sentsplit *ss, size_t a, size_t b)
{
	const char *p = ss->p;
	size_t q, s, e;

	while (ss->mode == MODE_WRAP && (q = findnl(ss, a, b)) < b) {
		for (s = q; s > a && isws((unsigned char)p[s - 1]); s--)
			;
		for (e = q; e < b && isws((unsigned char)p[e]); e++)
			;
		buf_put(ss->o, p + a, s - a);
		buf_putc(ss->o, ' ');
		span_text(ss, a, s);
		span_join(ss, s, e, 1);
		a = e;
	}
	buf_put(ss->o, p + a, b - a);
	span_text(ss, a, b);
}

/* Sentence text follows: open the sentence (and the paragraph). */
static void
opensent(struct sentsplit *ss)
{
	struct doc *st = &ss->st;

	if (st->gap || !st->started)
		ss->counters[1].n++;
	/* a blank line between paragraphs, and between the documents
	 * (files) of plain text, so that they stay apart */
	if (st->started ? st->gap : ss->plain && ss->wrote) {
		buf_putc(ss->o, '\n');
		ss->sp.gap = 1;
	}
	ss->wrote = 1;
	st->gap = 0;
	st->started = 1;
	st->open = 1;
}

/* Write the text up to p[x] (what emit_ahead wrote is not again). */
static void
emit_to(struct sentsplit *ss, size_t x)
{
	size_t s;

	if (x > ss->from) {
		if (!ss->st.open)
			opensent(ss);
		s = MAX(ss->from, ss->emitted);
		if (x <= s)
			;
		else if (ss->mode == MODE_WRAP)
			put(ss, s, x);
		else {
			buf_put(ss->o, ss->p + s, x - s);
			span_text(ss, s, x);
		}
	}
	ss->from = x;
}

/* Write the open sentence's text up to p[x] ahead of its end (a long
 * sentence, see keep); from stays where it is for the rules. */
static void
emit_ahead(struct sentsplit *ss, size_t x)
{
	size_t s = MAX(ss->from, ss->emitted);

	if (x <= s)
		return;
	if (!ss->st.open)
		opensent(ss);
	put(ss, s, x);
	ss->emitted = x;
}

static void
closesent(struct sentsplit *ss)
{
	if (ss->st.open) {
		buf_putc(ss->o, '\n');
		ss->st.open = 0;
		ss->counters[0].n++;
		span_close(ss);
	}
}

/* A sentence ends before the whitespace p[a..b) (a == b: none). */
static void
brk(struct sentsplit *ss, size_t a, size_t b)
{
	emit_to(ss, a);
	closesent(ss);
	ss->from = ss->sstart = b;
	ss->sfar = 0;
	/* as on a new line, where a second run finds it */
	ss->cjk_depth = 0;
	ss->qopen = 0;
	ss->list_kind = LIST_NONE;
}

static void
newblock(struct sentsplit *ss, size_t b)
{
	ss->blk = ss->sstart = b;
	ss->sfar = 0;
	ss->list_kind = LIST_NONE;
	ss->cjk_depth = 0;
	ss->qopen = 0;
}

/* ---------------------------------------------------------------- words */

static int
cmpword(const char *k, size_t kn, const char *w, size_t wn)
{
	int r = memcmp(k, w, MIN(kn, wn));

	return r ? r : (kn > wn) - (kn < wn);
}

/* cmpword with w a string (the starters, which carry no length): no
 * strlen at every step of the search */
static int
cmpwordz(const char *k, size_t kn, const char *w)
{
	size_t i;

	for (i = 0; i < kn && w[i] && k[i] == w[i]; i++)
		;
	if (i == kn)
		return w[i] ? -1 : 0;
	return (unsigned char)k[i] - (unsigned char)w[i];
}

static int
abbrclass(const struct ss_lang *lang, const char *k, size_t kn)
{
	size_t lo = 0, hi = lang->nabbr, mid;
	int r;

	if (kn > lang->maxabbr)
		return 0;
	while (lo < hi) {
		mid = (lo + hi) / 2;
		r = cmpword(k, kn, lang->abbr[mid].word, lang->abbr[mid].len);
		if (r == 0)
			return lang->abbr[mid].cls;
		if (r < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return 0;
}

static int
isstarter(const struct ss_lang *lang, const char *k, size_t kn)
{
	size_t lo = 0, hi = lang->nstart, mid;
	int r;

	if (kn > lang->maxstart)
		return 0;
	while (lo < hi) {
		mid = (lo + hi) / 2;
		r = cmpwordz(k, kn, lang->start[mid]);
		if (r == 0)
			return 1;
		if (r < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return 0;
}

/* Append the lower case of cp to k (room for WORDMAX + 4 bytes). */
static size_t
putlower(char *k, size_t kn, uint32_t cp)
{
	if (cp < 0x80) {
		k[kn] = (char)(cp >= 'A' && cp <= 'Z' ? cp + 32 : cp);
		return kn + 1;
	}
	if (cp == 0x2019)
		cp = '\'';
	else
		cp = (uint32_t)utf8proc_tolower((utf8proc_int32_t)cp);
	return kn + utf8_enc(cp, k + kn);
}

/* The word before a terminator. */
struct word {
	size_t s, ts;           /* start of word; of token (with bullet) */
	char key[WORDMAX + 8];  /* lower case, format characters dropped */
	size_t kn;
	int nup, nlow, nolet, ndig, ndot, nother, nch, seg, bullet, longw;
	uint32_t first;
};

static int joined(const struct sentsplit *, size_t, size_t, int);

/* Does the text before p[a] end in a letter and a hyphen ("well-")? */
static int
hyphenend(const struct sentsplit *ss, size_t a)
{
	uint32_t cp;

	if (a < 2 || ss->p[a - 1] != '-')
		return 0;
	dec(ss, utf8_prev(ss->p, a - 1), &cp);
	return isletter(sbp(ss, cp));
}

/* Is the whitespace that ends at p[b] one line break after "x-" that the
 * line goes on over without a space ("well-\nknown")? */
static int
hyphenjoin(const struct sentsplit *ss, size_t b)
{
	size_t a = b;
	int nl = 0;

	if (ss->mode == MODE_WRAP)
		return 0;       /* -w joins "well-\nknown" with a space */
	while (a > ss->sstart && isws((unsigned char)ss->p[a - 1])) {
		nl += isnl(ss, --a);
		if (b - a > RUNMAX)
			return 0;       /* joins with a space (linebreak) */
	}
	return hyphenend(ss, a) && joined(ss, a, b, nl);
}

/* Where the token that ends at p[cs] starts: back to whitespace, an
 * opening bracket or quote, or the sentence's start; w->longw if it is
 * longer than WORDMAX. Not past the sentence's start: "N。7!" ends "N。"
 * and then "7!" is a word of its own, as on the line a second run finds
 * it on; but over a line break that joins a hyphen ("well-\nknown"), as
 * the joined word a second run reads. */
static size_t
tokenstart(const struct sentsplit *ss, size_t cs, struct word *w)
{
	const char *p = ss->p;
	size_t s = cs, j;
	uint32_t cp;

	while (s > ss->sstart && (!isws((unsigned char)p[s - 1]) ||
	    hyphenjoin(ss, s))) {
		if (isws((unsigned char)p[s - 1])) {
			while (isws((unsigned char)p[s - 1]))
				s--;
			continue;
		}
		if ((unsigned char)p[s - 1] < 0x80) {
			j = s - 1;
			cp = (unsigned char)p[j];
			/* a letter or digit, the most of any word: no
			 * opener, quote or apostrophe */
			if (((cp | 0x20) - 'a' < 26 || cp - '0' < 10) &&
			    cs - j <= WORDMAX) {
				s = j;
				continue;
			}
		} else {
			j = utf8_prev(p, s);
			dec(ss, j, &cp);
		}
		if (isopener(cp) || cp == '"' || cp == 0x201C || cp == 0x2018)
			break;
		/* an apostrophe inside a word ("McDonald's") belongs to it */
		if ((cp == '\'' || cp == 0x2019) && (j == 0 ||
		    !isletter(sbp(ss, (unsigned char)p[j - 1] < 0x80 ?
		    (unsigned char)p[j - 1] : 'a'))))
			break;
		if (cs - j > WORDMAX) {
			w->longw = 1;
			break;
		}
		s = j;
	}
	return s;
}

/* Count the characters of p[s..cs) into w and make its key. */
static void
wordstats(const struct sentsplit *ss, size_t s, size_t cs, struct word *w)
{
	size_t j;
	uint32_t cp;
	int sb, segn = 0;

	for (j = s; j < cs; ) {
		if ((unsigned char)ss->p[j] < 0x80) {
			/* ASCII, the most of any word: no decoding, no
			 * Format or Extend, lower case by a table */
			cp = (unsigned char)ss->p[j++];
			sb = ss->ascii_sb[cp];
			if (w->nch++ == 0)
				w->first = cp;
			if (cp == '.') {
				w->ndot++;
				segn = 0;
			} else {
				if (sb == SB_UPPER)
					w->nup++;
				else if (sb == SB_LOWER)
					w->nlow++;
				else if (sb == SB_OLETTER)
					w->nolet++;
				else if (sb == SB_NUMERIC)
					w->ndig++;
				else if (cp != ',' && cp != '\'' && cp != '-')
					w->nother++;
				if (++segn > w->seg)
					w->seg = segn;
			}
			if (w->kn < WORDMAX)
				w->key[w->kn++] = (char)(cp >= 'A' && cp <= 'Z' ?
				    cp + 32 : cp);
			continue;
		}
		j += dec(ss, j, &cp);
		sb = sbp(ss, cp);
		if (sb == SB_FORMAT || sb == SB_EXTEND) {
			if (sb == SB_EXTEND && w->kn < WORDMAX)
				w->kn = putlower(w->key, w->kn, cp);
			continue;
		}
		if (w->nch++ == 0)
			w->first = cp;
		if (cp == '.') {
			w->ndot++;
			segn = 0;
		} else if (sb == SB_UPPER) {
			w->nup++;
		} else if (sb == SB_LOWER) {
			w->nlow++;
		} else if (sb == SB_OLETTER) {
			w->nolet++;
		} else if (sb == SB_NUMERIC) {
			w->ndig++;
		} else if (cp != ',' && cp != '\'' && cp != 0x2019 && cp != '-') {
			w->nother++;
		}
		if (cp != '.' && ++segn > w->seg)
			w->seg = segn;
		if (w->kn < WORDMAX)
			w->kn = putlower(w->key, w->kn, cp);
	}
	if (w->kn >= WORDMAX)
		w->longw = 1;
}

/* The word that ends at p[cs]: its token, leading bullets ("•10."),
 * then its letters. */
static void
prevword(const struct sentsplit *ss, size_t cs, struct word *w)
{
	size_t s, j;
	uint32_t cp;

	memset(w, 0, sizeof(*w));
	s = w->ts = tokenstart(ss, cs, w);
	while (s < cs) {
		j = dec(ss, s, &cp);
		if (!isbullet(cp))
			break;
		w->bullet = 1;
		s += j;
	}
	w->s = s;
	wordstats(ss, s, cs, w);
}

static int
isroman(const struct word *w)
{
	size_t i;

	if (w->nup == 0 || w->nup != w->nch || w->nch > ROMANMAX)
		return 0;
	for (i = 0; i < w->kn; i++)
		if (!strchr("ivxlcdm", w->key[i]))
			return 0;
	return 1;
}

/* The token (whitespace to whitespace) around position i: is it a URL, an
 * e-mail address or a path? Cached, so a long token is scanned once. */
static int
linktoken(struct sentsplit *ss, size_t i)
{
	const char *p = ss->p;
	size_t s, e;
	uint32_t cp;

	if (i >= ss->tok_s && i < ss->tok_e && ss->tok_s >= ss->sstart)
		return ss->tok_link;
	/* within the sentence, and not past a stop that may break with no
	 * space ("。", "؟", "．"): a second run may find the token on a line
	 * of its own; a token longer than LINKMAX is taken for a link
	 * (looked at no further than that either way) */
	for (s = i; s > ss->sstart && !isws((unsigned char)p[s - 1]); s--)
		if (i - s > LINKMAX)
			break;
	for (e = i; e < ss->n && !isws((unsigned char)p[e]); e++) {
		if (e - i > LINKMAX)
			break;
		if ((unsigned char)p[e] < 0x80)
			continue;
		dec(ss, e, &cp);
		if (isstopnospace(cp) || cp == 0xFF0E)
			break;
	}
	ss->tok_s = s;
	ss->tok_e = e;
	ss->tok_link = e - s > LINKMAX || memchr(p + s, '@', e - s) != NULL ||
	    (e - s > 3 && mem_mem(p + s, e - s, "://", 3) != NULL) ||
	    (e - s > 4 && !memcmp(p + s, "www.", 4));
	return ss->tok_link;
}

/* "Newsfeed.Com": a domain name, not two sentences */
static int
tld(const struct sentsplit *ss, size_t k)
{
	static const char tlds[][4] = { "com", "net", "org", "edu", "gov" };
	const char *p = ss->p;
	size_t i, j;

	for (i = 0; i < LEN(tlds); i++) {
		for (j = 0; j < 3 && k + j < ss->n; j++)
			if ((p[k + j] | 0x20) != tlds[i][j])
				break;
		if (j == 3 && (k + 3 == ss->n || !isletter(sbp(ss,
		    (unsigned char)p[k + 3]))))
			return 1;
	}
	return 0;
}

/* ---------------------------------------------------------------- lists */

/* "1." "b)" "•10.": a list marker whose number is v; kind or 0. */
static int
marker(const struct word *w, int *v)
{
	size_t i;

	if (w->longw || w->ndot || w->nother)
		return LIST_NONE;
	if (w->ndig > 0 && w->ndig == w->nch && w->ndig <= MARKERDIGITS) {
		*v = 0;
		for (i = 0; i < w->kn; i++)
			*v = *v * 10 + w->key[i] - '0';
		return LIST_NUM;
	}
	if (w->nch == 1 && w->first >= 'a' && w->first <= 'z') {
		*v = (int)w->first - 'a' + 1;
		return LIST_LOWER;
	}
	return LIST_NONE;
}

/* Is the word before p[cs] a list marker? Then a list item starts at the
 * word: break before it (and before a bullet token just before it). */
static int
listitem(struct sentsplit *ss, const struct word *w)
{
	const char *p = ss->p;
	size_t a, b, j;
	uint32_t cp;
	int kind, v = 0;

	if ((kind = marker(w, &v)) == LIST_NONE)
		return 0;
	/* the token before: a lone bullet "• 10." belongs to the item
	 * (with -w also over a line break, which joins as a space), and
	 * so does one that starts the sentence ("。• 10."); not past
	 * BULLETWS spaces */
	b = w->ts;
	for (a = b; a > 0 && b - a < BULLETWS && (p[a - 1] == ' ' ||
	    p[a - 1] == '\t' || (ss->mode == MODE_WRAP &&
	    isws((unsigned char)p[a - 1]))); a--)
		;
	if (a > 0 && a < b && !isws((unsigned char)p[a - 1])) {
		j = utf8_prev(p, a);
		dec(ss, j, &cp);
		if (isbullet(cp) && (j == 0 || j == ss->sstart ||
		    isws((unsigned char)p[j - 1])))
			b = j;
	}
	if (b == ss->blk || b == ss->sstart ||
	    (ss->from == b && b > ss->blk)) {
		/* a line or a sentence that starts with "2." starts a list
		 * (alike, so that a second run, which finds the sentence at
		 * a line start, agrees); a joined line (-w) only goes on
		 * with one */
		if (b == ss->blk || b == ss->sstart ||
		    (ss->list_kind == kind && v == ss->list_next)) {
			ss->list_kind = kind;
			ss->list_next = v + 1;
			return 1;
		}
		return 0;
	}
	if (ss->list_kind != kind || v != ss->list_next || ss->from > b)
		return 0;
	for (a = b; a > ss->from && isws((unsigned char)p[a - 1]); a--)
		;
	if (a == b)
		return 0;
	brk(ss, a, b);
	ss->list_kind = kind;
	ss->list_next = v + 1;
	return 1;
}

/* ---------------------------------------------------------------- rules */

/* The next word after whitespace, from w on. */
struct next {
	int sb;         /* class of its first letter or digit */
	int ellipsis;   /* it starts with "..." or "…" */
	int dash;       /* it starts with a dash: "! - деп" */
	int comma;      /* it starts with ',' or ';' */
	int link;       /* it is a URL */
	int eol;        /* only marks follow, up to the line end */
	int starter;    /* it is a sentence starter (any case) */
	int title;      /* it is a title: "Mr.", "Dr." */
	int upper;
	int quote;      /* it starts with a quotation mark: ': "لم' */
	int listed;     /* an Arabic comma follows it: "الدم، والقلب،" */
};

/* Is the line break at p[i] (a newline) joined, the line going on? A
 * look ahead past it must see what a second run sees on one line. */
static int
joinedat(const struct sentsplit *ss, size_t i)
{
	size_t a, b;
	int nl = 0;

	for (a = i; a > 0 && isws((unsigned char)ss->p[a - 1]); a--)
		;
	for (b = i; b < ss->n && isws((unsigned char)ss->p[b]); b++)
		nl += isnl(ss, b);
	return joined(ss, a, b, nl);
}

/* Is the newline at p[i] one that ends the line (not joined)? With -w
 * only at a blank line and at the end. */
static int
lineends(const struct sentsplit *ss, size_t i)
{
	size_t b;
	int nl = 0;

	if (ss->mode != MODE_WRAP)
		return !joinedat(ss, i);
	for (b = i; b > 0 && isws((unsigned char)ss->p[b - 1]); b--)
		nl += isnl(ss, b - 1);
	for (b = i; b < ss->n && isws((unsigned char)ss->p[b]); b++)
		nl += isnl(ss, b);
	return nl >= 2 || b == ss->n;
}

/* What the text at p[w] starts with: "...", "…", a URL, ',' or ';'. */
static void
nextstart(const struct sentsplit *ss, size_t w, struct next *x)
{
	const char *p = ss->p;
	size_t n = ss->n, e;
	uint32_t cp;

	if (n - w >= 3 && !memcmp(p + w, "...", 3))
		x->ellipsis = 1;
	else if (p[w] == '.' && (e = onespace(ss, w + 1)) && e < n &&
	    p[e] == '.')
		x->ellipsis = 1;        /* ". ." */
	else if (n - w >= 3 && !memcmp(p + w, "\xe2\x80\xa6", 3))
		x->ellipsis = 1;
	if ((n - w >= 7 && !memcmp(p + w, "http://", 7)) ||
	    (n - w >= 8 && !memcmp(p + w, "https://", 8)) ||
	    (n - w >= 4 && !memcmp(p + w, "www.", 4)))
		x->link = 1;
	x->comma = p[w] == ',' || p[w] == ';';
	dec(ss, w, &cp);
	x->quote = (uclass(cp) & UC_QUOTE) != 0;
}

/* Skip at most NEXTMARKS marks from p[w] ("...", "\"(", "— ") to the
 * first letter or digit; whitespace is free, so that the decision does
 * not change with the spaces (idempotence). Sets x->sb, x->dash and
 * x->eol; returns where the word starts. */
static size_t
skipmarks(const struct sentsplit *ss, size_t w, struct next *x)
{
	const char *p = ss->p;
	size_t i = w, j;
	uint32_t cp = 0, prevcp;
	int sb = SB_OTHER, skipped, nsstop = 0;

	for (skipped = 0, prevcp = 0; i < ss->n && skipped < NEXTMARKS;
	    prevcp = cp) {
		j = dec(ss, i, &cp);
		sb = sbp(ss, cp);
		/* -w: "。 ؟?Y" may break after "؟?" too, and a second
		 * run stops there as at "? " below: not past it */
		if (ss->mode == MODE_WRAP && nsstop &&
		    (prevcp == '?' || prevcp == '!') &&
		    (cp >= 0x80 || !isws((unsigned char)cp))) {
			x->sb = SB_OTHER;
			return i;
		}
		if (isletter(sb) || sb == SB_NUMERIC ||
		    (isnl(ss, i) && lineends(ss, i)))
			break;
		if (isstopnospace(cp) || cp == 0xFF0E)
			nsstop = 1;
		/* "! . . ? next": not past a ? or ! and its space, which may
		 * end a sentence of its own (a second run may find a line
		 * break there) */
		if (cp < 0x80 && isws((unsigned char)cp) && i > w &&
		    (prevcp == '?' || prevcp == '!'))
			break;
		if (!isws((unsigned char)cp) || cp >= 0x80)
			skipped++;
		if (iscurrency(cp)) {
			sb = SB_NUMERIC;        /* № $ £ €: a number */
			break;
		}
		if (skipped == 1 && (cp == '-' || cp == 0x2013 || cp == 0x2014))
			x->dash = 1;
		i += j;
	}
	x->sb = sb;
	if (!isletter(sb) && sb != SB_NUMERIC) {
		/* past the eighth mark too: "a. ........" ends its line
		 * whether a newline follows or not */
		while (i < ss->n && isws((unsigned char)p[i]) && !isnl(ss, i))
			i++;
		if (i >= ss->n || (isnl(ss, i) && lineends(ss, i)))
			x->eol = 1;
	}
	return i;
}

/* The word at p[i] (a letter): a sentence starter? a title ("Dr.")? */
static void
nextkey(const struct sentsplit *ss, size_t i, struct next *x)
{
	char k[WORDMAX + 8];
	size_t kn = 0, j;
	uint32_t cp;

	while (i < ss->n && kn < WORDMAX) {
		j = dec(ss, i, &cp);
		if (!isletter(sbp(ss, cp)) && cp != '\'' && cp != 0x2019)
			break;
		kn = putlower(k, kn, cp);
		i += j;
	}
	x->listed = ss->n - i >= 2 && !memcmp(ss->p + i, "\xd8\x8c", 2);
	if (kn < WORDMAX) {
		x->starter = isstarter(ss->lang, k, kn);
		x->title = x->upper && i < ss->n && ss->p[i] == '.' &&
		    abbrclass(ss->lang, k, kn) == SS_PRE;
	}
}

static void
nextword(const struct sentsplit *ss, size_t w, struct next *x)
{
	size_t i;

	memset(x, 0, sizeof(*x));
	nextstart(ss, w, x);
	i = skipmarks(ss, w, x);
	if (!isletter(x->sb))
		return;
	x->upper = x->sb == SB_UPPER || x->sb == SB_OLETTER;
	nextkey(ss, i, x);
}

/* A pictograph: an emoji, a dingbat, an arrow (a symbol, So, from
 * U+2190 on: not © or °). */
static int
ispicto(uint32_t cp)
{
	return cp >= 0x2190 && (uclass(cp) & UC_SYMBOL);
}

/* The end of the run of pictographs at p[i] (with their joiners,
 * variation selectors and keycaps), at most ATTACHMAX * 4 bytes. */
static size_t
pictorun(const struct sentsplit *ss, size_t i)
{
	size_t j = i, m;
	uint32_t cp;

	while (j < ss->n && j - i < ATTACHMAX * 4) {
		m = dec(ss, j, &cp);
		if (!ispicto(cp) && !(uclass(cp) & UC_MARK) && cp != 0x200D &&
		    !(cp >= 0x1F3FB && cp <= 0x1F3FF))
			break;  /* U+FE0F, U+20E3 are marks; skin tones */
		j += m;
	}
	return j;
}

/* Tokens that stay with the sentence before them: "[17]", "[...]", ":-)".
 * Return the length of the one at w, or 0. */
static size_t
attached(const struct sentsplit *ss, size_t w)
{
	static const char smileys[][4] = {
		":)", ":-)", ":(", ":-(", ":P", ":-P", ":p", ":D", ":-D",
		";)", ";-)", "=)", ":o)"
	};
	const char *p = ss->p;
	size_t e, i, k;
	uint32_t cp;

	if ((unsigned char)p[w] >= 0x80) {
		dec(ss, w, &cp);
		if (!ispicto(cp))
			return 0;
		e = pictorun(ss, w);
		return e < ss->n && !isws((unsigned char)p[e]) ? 0 : e - w;
	}
	if (p[w] != '[' && p[w] != ':' && p[w] != ';' && p[w] != '=')
		return 0;
	for (e = w; e < ss->n && !isws((unsigned char)p[e]) &&
	    e - w < ATTACHMAX; e++)
		;
	if (e < ss->n && !isws((unsigned char)p[e]))
		return 0;
	k = e - w;
	if (k >= 3 && p[w] == '[' && p[e - 1] == ']') {
		for (i = w + 1; i < e - 1; i++)
			if (!(p[i] >= '0' && p[i] <= '9'))
				break;
		if (i == e - 1 || (k == 5 && !memcmp(p + w, "[...]", 5)) ||
		    (k == 5 && !memcmp(p + w, "[\xe2\x80\xa6]", 5)))
			return k;
		return 0;
	}
	for (i = 0; i < LEN(smileys); i++)
		if (strlen(smileys[i]) == k && !memcmp(p + w, smileys[i], k))
			return k;
	return 0;
}

/* A cluster of terminators. */
struct cluster {
	size_t s, e;            /* its bytes */
	int ndots, nq, nbang, nell, nstop, ncolon, nacomma, spaced, closers,
	    ncjk;
	uint32_t stop;          /* the last non-ASCII terminator */
};

/* A single full stop, the one that abbreviations and list items end in. */
static int
onestop(const struct cluster *c)
{
	return c->ndots == 1 && c->nq == 0 && c->nell == 0 && c->nstop == 0;
}

/* May the word before the cluster, which with its closers ends at p[k],
 * be a list item ("2.", "2.\u201d")? As listnext reads a line start. */
static int
listable(const struct cluster *c, size_t k)
{
	return onestop(c) && k - c->e <= CLOSEMAX;
}

/* Has the sentence before p[cs] more than three words? ("At 5 a.m. Mr.
 * Smith went" is one sentence; "He left at 6 p.m. Mr. Smith went" two.)
 * Looks at LONGSCAN bytes at most, from the sentence's start (not from
 * where output stopped: a joined line must count as on one line). */
static int
longsentence(const struct sentsplit *ss, size_t cs)
{
	const char *p = ss->p;
	size_t i, words = 0, e = MIN(cs, ss->sstart + LONGSCAN);

	if (ss->sfar)
		return 1;       /* it started more than CTX bytes back */
	for (i = ss->sstart; i < e; i++)
		if (isws((unsigned char)p[i]) && i > ss->sstart &&
		    !isws((unsigned char)p[i - 1]) && ++words > LONGWORDS)
			return 1;
	return e < cs;
}

/* Does a sentence end after a single full stop? w: the word before it. */
static int
stopbreaks(const struct sentsplit *ss, const struct word *w,
           const struct next *x)
{
	int c, num;

	if (x->sb == SB_LOWER)
		return 0;
	if (x->sb != SB_NUMERIC && !x->upper)
		return 0;
	if (w->nch == 0)
		return 1;
	if (w->longw)
		return 1;
	if ((c = abbrclass(ss->lang, w->key, w->kn)) != 0) {
		if (c == SS_PRE)
			return 0;
		if (c == SS_NUM)        /* "No. 5", but "said no. Then" */
			return x->sb != SB_NUMERIC;
		return x->starter || (x->title && longsentence(ss, w->ts));
	}
	/* "(pop. 256,000)", "(lat. Zeno)", "(см. Время)": a short
	 * lower-case word that opens a bracket abbreviates */
	if (w->nlow == w->nch && w->nch <= BRACKETABBR && w->ts > 0 &&
	    (ss->p[w->ts - 1] == '(' || ss->p[w->ts - 1] == '['))
		return 0;
	num = w->ndig > 0 && w->nup + w->nlow + w->nolet == 0;
	if (w->nch == 1 && !num) {
		if (w->nup)             /* an initial, or "I." */
			return x->starter;
		if (w->nlow)            /* "p. 55", "z. B." */
			return 0;
	}
	if (w->ndot > 0 && w->seg <= 2 && !num && w->nother == 0)
		return x->starter ||    /* U.S., e.g., a.m. */
		    (x->title && longsentence(ss, w->ts));
	if (ss->lang->flags & SS_ORDINAL) {
		if (num && w->ndot == 0 && w->nch <= 3 && x->upper)
			return 0;       /* "12. Juni" */
		if (isroman(w) && x->upper)
			return 0;       /* "XII. Pluku" */
	}
	return 1;
}

/* Is the sentence before the colon c a dateline, a place and an agency
 * joined by a hyphen or a dash in at most DATELINEWORDS words
 * ("لندن-ایرنا:", "تهران - واحد مرکزی خبر:")? */
static int
dateline(const struct sentsplit *ss, const struct cluster *c)
{
	const char *p = ss->p;
	size_t i, words = 0;
	int dash = 0;

	if (ss->sfar || c->s == ss->sstart)
		return 0;
	for (i = ss->sstart; i < c->s; i++) {
		if (isws((unsigned char)p[i])) {
			if (i > ss->sstart && !isws((unsigned char)p[i - 1]) &&
			    ++words >= DATELINEWORDS)
				return 0;
		} else if (p[i] == '-' || (c->s - i >= 3 &&
		    !memcmp(p + i, "\xe2\x80", 2) &&
		    ((unsigned char)p[i + 2] == 0x93 ||
		    (unsigned char)p[i + 2] == 0x94))) {
			dash = 1;       /* - – — */
		}
	}
	return dash;
}

/* Is w an ordinary lower-case word (not an abbreviation)? */
static int
plainlower(const struct sentsplit *ss, const struct word *w)
{
	return !w->longw &&
	    w->nch >= (ss->lang->flags & SS_SHORTSTOP ? 2 : LOWERMIN) &&
	    w->nlow == w->nch && abbrclass(ss->lang, w->key, w->kn) == 0;
}

static int
decide(const struct sentsplit *ss, const struct cluster *c,
       const struct word *w, const struct next *x)
{
	if (x->comma)
		return 0;
	if (x->link)
		return 1;
	/* only marks follow, up to the line end: "。 . .\nwww." (the
	 * ". ." does not lead on to a word) */
	if (!isletter(x->sb) && x->sb != SB_NUMERIC &&
	    (!x->ellipsis || x->eol))
		return 0;
	if (x->ellipsis && c->ndots == 1 && c->nq == 0 && !w->longw &&
	    w->nch > 1 && abbrclass(ss->lang, w->key, w->kn) == 0)
		return 1;       /* "raak. ...en toen", "less. . . . The" */
	if (x->sb == SB_LOWER) {
		if (x->dash)
			return 0;       /* "бар? — деді" */
		if (c->closers || c->nell || c->ncolon || c->nstop)
			return 0;       /* "it?" she said */
		/* "What? no": a new sentence in informal text */
		if (c->ndots == 0 && c->nq > c->nbang)
			return 1;
		/* "excellent! answered", but "Yahoo! in" */
		if (c->ndots == 0 && c->nbang)
			return w->nch > 0 && sbp(ss, w->first) != SB_UPPER;
		/* "at best. the waitress", "at 303-832-8160. they";
		 * not in Armenian, whose full stop is "։" */
		if (c->ndots == 1 && c->nq == 0)
			return !(ss->lang->flags & SS_NOLOWER) &&
			    (plainlower(ss, w) || (x->starter && !w->longw &&
			    w->ndig > 0 && w->nup + w->nlow + w->nolet == 0));
		return 0;
	}
	if (c->nstop && isstopnospace(c->stop))
		return 1;       /* "Dr.።", "…。": the stop ends it */
	/* "تهران-ایرنا: ...": a dateline's colon, where a colon ends no
	 * other sentence */
	if (c->ncolon && ss->p[c->s] == ':' && !(ss->lang->flags & SS_COLON))
		return dateline(ss, c) && isletter(x->sb);
	/* "جيلار: "لم يجر": a colon that introduces speech */
	if (c->ncolon && x->quote && (ss->lang->flags & SS_SPEECHCOLON))
		return 0;
	/* "الدم، والقلب، زرعها": a list goes on, the comma after it ends */
	if (c->nacomma && x->listed)
		return 0;
	if (c->ndots == 0 && c->nell == 0)
		return 1;       /* ? ! 。 and their runs */
	if (c->ndots + 3 * c->nell >= 4)
		return x->upper || x->sb == SB_NUMERIC;
	/* ". . ." marks an omission inside a sentence; "..." or ".."
	 * ends one before a capital ("late... The", "план... Той"), and
	 * in a script without case before a starter */
	if (c->ndots + 3 * c->nell >= 2)
		return !c->spaced && (x->sb == SB_UPPER ||
		    (x->upper && x->starter));
	return stopbreaks(ss, w, x);
}

/* ------------------------------------------------------------ candidates */

/* Read the cluster of terminators that starts at p[i] into c: ". . .",
 * "?!", "。", and ':' or ';' alone where the language ends sentences with
 * them. */
static void
cluster(const struct sentsplit *ss, size_t i, struct cluster *c)
{
	const char *p = ss->p;
	size_t j, m, e;
	uint32_t cp;
	int sb;

	memset(c, 0, sizeof(*c));
	c->s = j = i;
	while (j < ss->n) {
		unsigned char b = (unsigned char)p[j];

		if (b == '.') {
			c->ndots++;
			j++;
		} else if (b == '?') {
			c->nq++;
			j++;
		} else if (b == '!') {
			c->nbang++;
			c->nq++;
			j++;
		} else if ((b == ':' &&
		    (ss->lang->flags & (SS_COLON | SS_DATELINE))) ||
		    (b == ';' && (ss->lang->flags & SS_SEMICOLON))) {
			if (j != i)
				break;
			c->ncolon++;
			c->nq++;
			j++;
		} else if (isws(b) && c->ndots > 0 && p[j - 1] == '.' &&
		    (ss->mode == MODE_WRAP || (j + 1 < ss->n &&
		    p[j + 1] == '.')) &&
		    (e = onespace(ss, j)) && e < ss->n && p[e] == '.' &&
		    (e + 1 == ss->n || isws((unsigned char)p[e + 1]) ||
		    strchr("\"')]", p[e + 1]) ||
		    (unsigned char)p[e + 1] >= 0x80)) {
			c->spaced = 1;  /* ". . ." */
			j = e;
		} else if (b >= 0x80) {
			m = dec(ss, j, &cp);
			sb = sbp(ss, cp);
			if (cp == 0x2026)
				c->nell++;
			else if (cp == 0x060C && j == i &&
			    (ss->lang->flags & SS_ACOMMA)) {
				c->ncolon++;    /* alone, as ':' */
				c->nacomma++;
				c->nq++;
				j += m;
				break;
			} else if (sb == SB_STERM || sb == SB_ATERM) {
				c->nstop++;
				c->stop = cp;
			} else
				break;
			j += m;
		} else {
			break;
		}
	}
	c->e = j;
}

/* Can the cluster not end a sentence, whatever follows? */
static int
noend(const struct sentsplit *ss, const struct cluster *c)
{
	const char *p = ss->p;

	/* "Dial:?": a lost character, not a question */
	if (c->nq && (size_t)c->nq == c->e - c->s && c->s > 0 &&
	    p[c->s - 1] == ':')
		return 1;
	/* "[...]": an omission, not an end */
	if (c->s > 0 && (p[c->s - 1] == '[' || p[c->s - 1] == '(') &&
	    c->ndots + c->nell)
		return 1;
	return 0;
}

/* The closing quotes and brackets after the cluster ("world.\u201d"),
 * counted in c (ncjk: CJK brackets); returns where they end. *internal:
 * an apostrophe that goes on into a word ("Jr.'s"), so no end. */
static size_t
closers(const struct sentsplit *ss, struct cluster *c, int *internal)
{
	const char *p = ss->p;
	size_t k, m, e;
	uint32_t cp, cp2;
	int sb;

	for (k = c->e; k < ss->n; ) {
		m = dec(ss, k, &cp);
		sb = sbp(ss, cp);
		if (cp == '\'' || cp == 0x2019) {
			if (k + m < ss->n) {
				dec(ss, k + m, &cp2);
				if (isletter(sbp(ss, cp2))) {
					*internal = 1;  /* "Jr.'s" */
					break;
				}
			}
		}
		if (sb == SB_FORMAT) {
			k += m;
			continue;
		}
		if (sb != SB_CLOSE || isopener(cp))
			break;
		c->ncjk += iscjkclose(cp);
		c->closers++;
		k += m;
	}
	/* « ... » with a space before the closing guillemet */
	if ((e = onespace(ss, k)) && e + 2 < ss->n) {
		m = dec(ss, e, &cp);
		if ((cp == 0xBB || cp == 0x201D || cp == ')') &&
		    (e + m == ss->n || isws((unsigned char)p[e + m]))) {
			k = e + m;
			c->closers++;
		}
	}
	return k;
}

/* A stop that needs no space ("。", "؟") with text right after it, the
 * character cp of class sb at p[k]: may a sentence end? "他说。她" and
 * "发展。「南曲」" (an opening bracket) may; "。の" "。」" "。。" do not;
 * "。 ," does not (the next word, as if a space followed); after a
 * closer, "「…。」と" does not (a hiragana particle goes on) but
 * "「…始。」唯心論" does. */
static int
stopnospacemay(const struct sentsplit *ss, const struct cluster *c,
               size_t k, uint32_t cp, int sb)
{
	struct next x;

	if (sb == SB_LOWER || sb == SB_SCONTINUE || sb == SB_STERM ||
	    sb == SB_ATERM || (sb == SB_CLOSE && !isopener(cp)))
		return 0;
	nextword(ss, k, &x);    /* as if a space followed */
	if (x.sb == SB_LOWER || x.comma ||
	    (!isletter(x.sb) && x.sb != SB_NUMERIC))
		return 0;
	if (c->closers && ishiragana(cp))
		return 0;
	return 1;
}

/* Do two lower-case letters end the text before p[s]? */
static int
lowerbefore(const struct sentsplit *ss, size_t s)
{
	size_t j;
	uint32_t cp;

	if (s < 2)
		return 0;
	j = utf8_prev(ss->p, s);
	dec(ss, j, &cp);
	if (sbp(ss, cp) != SB_LOWER || j == 0)
		return 0;
	dec(ss, utf8_prev(ss->p, j), &cp);
	return sbp(ss, cp) == SB_LOWER;
}

/* A full stop with a capital right after it, at p[k]: "end.Next",
 * "jağdайы.XVIII" may end a sentence; "U.S.A", "3.5", "end..Next",
 * "Newsfeed.Com", "www.example.Com", "a.Bc" (one letter before) do not.
 * m, sb: the length and class of the character at p[k]. */
static int
missingspace(struct sentsplit *ss, const struct cluster *c, size_t k,
             size_t m, int sb)
{
	uint32_t cp;

	if (sb != SB_UPPER || c->nstop || c->nell || c->ndots > 1 ||
	    (c->ndots && c->nq) || c->ncolon)
		return 0;
	if (k + m < ss->n) {
		dec(ss, k + m, &cp);
		if (sbp(ss, cp) != SB_LOWER && sbp(ss, cp) != SB_UPPER)
			return 0;
	}
	return lowerbefore(ss, c->s) && !linktoken(ss, c->s) && !tld(ss, k);
}

/* A question mark with a lower-case word right after it, at p[k]:
 * "bad?what's", "foreigners?thanks" may end a sentence; "page?id=3",
 * "a?b", "x.com/search?q" (a link) do not. The word is letters up to a
 * space, an apostrophe or a mark that ends a clause. */
static int
gluedquestion(struct sentsplit *ss, const struct cluster *c, size_t k)
{
	size_t j, e, letters = 0;
	uint32_t cp;

	if (c->ndots || c->nell || c->nstop || c->ncolon || c->closers ||
	    k >= ss->n)
		return 0;
	for (j = k; j < ss->n && letters <= WORDMAX; j += e, letters++) {
		e = dec(ss, j, &cp);
		if (sbp(ss, cp) != SB_LOWER)
			break;
	}
	if (letters < 2 || (j < ss->n && !isws((unsigned char)ss->p[j]) &&
	    !strchr("',.;:!?", ss->p[j]) && cp != 0x2019))
		return 0;
	return lowerbefore(ss, c->s) && !linktoken(ss, c->s);
}

/* No space after the cluster and its closers, at p[k]: may a sentence
 * end there? If so, the words around it decide as if a space followed
 * (after), so that the line break a first run writes, which a second run
 * with -w reads as a space, changes nothing. */
static int
gluedmay(struct sentsplit *ss, const struct cluster *c, size_t k)
{
	size_t m;
	uint32_t cp;
	int sb;

	m = dec(ss, k, &cp);
	sb = sbp(ss, cp);
	if (c->nstop && isstopnospace(c->stop))
		return stopnospacemay(ss, c, k, cp, sb);
	/* "．": a fullwidth full stop, but not in "３．５" or "．ｃｏｍ" */
	if (c->nstop && c->stop == 0xFF0E)
		return sb != SB_NUMERIC && sb != SB_LOWER;
	if (sb == SB_LOWER && c->nq)
		return gluedquestion(ss, c, k);
	return missingspace(ss, c, k, m, sb);
}

/* The end of the whitespace at p[k]; *nl: its newlines. */
static size_t
wsend(const struct sentsplit *ss, size_t k, int *nl)
{
	size_t w;

	*nl = 0;
	for (w = k; w < ss->n && isws((unsigned char)ss->p[w]); w++)
		*nl += isnl(ss, w);
	return w;
}

/* Does the line break in the whitespace that ends at p[w] (with nl
 * newlines) decide, not the words around it? At the end of the unit, at
 * a blank line, and at a line break without -w. */
static int
linedecides(const struct sentsplit *ss, size_t w, int nl)
{
	return w == ss->n || nl >= 2 || (nl == 1 && ss->mode != MODE_WRAP);
}

/* Does the first full stop of a spaced ellipsis ("less. . . . The") end
 * the sentence? As that stop alone before ". . . The" does, which is
 * what a second run with -w reads after the line break: "less. . . .
 * The" yes, "Dr. . . . The" and "C. . . . The" (an initial) no. The
 * rest, ". . . The", starts at p[e]. */
static int
firststop(const struct sentsplit *ss, const struct cluster *c, size_t e,
          const struct word *w)
{
	struct cluster one;
	struct next x;

	memset(&one, 0, sizeof(one));
	one.s = c->s;
	one.e = c->s + 1;
	one.ndots = 1;
	nextword(ss, e, &x);
	return decide(ss, &one, w, &x);
}

/* Does a quotation close at p[i] (cp): “ ” » or ", after text? */
static int
quotecloses(const struct sentsplit *ss, size_t i, uint32_t cp)
{
	return (isqclose(cp) || cp == '"') && i > 0 &&
	    !isws((unsigned char)ss->p[i - 1]);
}

/* Is the stop c inside a quotation of several sentences that a reporting
 * clause goes on after ("„Beriem to na ľahkú váhu. Nezaujíma ma to,“
 * reagoval Matovič"), so that the whole is one sentence? The quotation
 * opened with „ or « in this sentence (ss->qopen), at most QUOTEBACK
 * bytes back, and closes after a comma within QUOTERUNS words and
 * QUOTEBYTES bytes from wsb, before a lower-case word. With “ or " the
 * sentences stay apart, as English treebanks have them ("…than ever. As
 * such, it is essential," said Perry). */
static int
reported(const struct sentsplit *ss, const struct cluster *c, size_t wsb)
{
	const char *p = ss->p;
	size_t i, m, bytes = 0;
	uint32_t cp;
	int runs = 0, nl;

	if (ss->qopen == 0 || ss->qopen - 1 < ss->sstart ||
	    c->s - (ss->qopen - 1) > QUOTEBACK)
		return 0;
	for (i = wsb; i < ss->n && runs < QUOTERUNS && bytes < QUOTEBYTES;
	    i += m) {
		m = dec(ss, i, &cp);
		if (isws((unsigned char)p[i])) {
			runs += i > wsb && !isws((unsigned char)p[i - 1]);
			continue;
		}
		bytes += m;
		if (quotecloses(ss, i, cp)) {
			if (p[i - 1] != ',')
				return 0;
			i = wsend(ss, i + m, &nl);
			if (i == ss->n)
				return 0;
			dec(ss, i, &cp);
			return sbp(ss, cp) == SB_LOWER;
		}
		if (isqopen(cp))
			return 0;       /* another opens */
	}
	return 0;
}

/* After the cluster and its closers, the whitespace p[k..wsb) with nl
 * newlines (none, k == wsb, where gluedmay let it): does a sentence end?
 * Breaks there if so; returns where to go on. */
static size_t
after(struct sentsplit *ss, const struct cluster *c, size_t k, size_t wsb,
      int nl)
{
	struct word w;
	struct next x;
	size_t m, e;
	int haveword = 0;

	if (listable(c, k)) {
		prevword(ss, c->s, &w);
		haveword = 1;
		if (listitem(ss, &w))
			return k;
	}
	if (linedecides(ss, wsb, nl))
		return k;
	if ((m = attached(ss, wsb)) > 0) {
		/* "[17]", ":-)": the sentence ends after them */
		k = wsb + m;
		wsb = wsend(ss, k, &nl);
		if (linedecides(ss, wsb, nl))
			return k;
	}
	if (!haveword)
		prevword(ss, c->s, &w);
	nextword(ss, wsb, &x);
	/* "word. . . . Next": the first full stop ends the sentence */
	if (c->spaced && c->ndots >= 4 && c->s > 0 &&
	    (e = onespace(ss, c->s + 1)) && e < c->e &&
	    !isws((unsigned char)ss->p[c->s - 1]) && x.upper) {
		if (listitem(ss, &w))   /* "1. 2. . . . T": an item */
			return k;
		if (firststop(ss, c, e, &w)) {
			brk(ss, c->s + 1, e);
			return e;       /* ". . . Next" is judged anew, as a
			                 * second run would on its own line */
		}
	}
	if (!decide(ss, c, &w, &x) || reported(ss, c, wsb))
		return k;
	brk(ss, k, wsb);
	return wsb;
}

/* Does a CJK bracket that is open at p[k] close ahead, within CJKAHEAD
 * bytes other than whitespace (what a piece of a paragraph holds, see
 * frontier) and before the line ends (the paragraph with -w)? 1 if so, 0
 * if not, -1 if the text at hand ends first. "彼は「食べ物もおいしいで
 * す。空気もいい。" never closes: its stops end sentences as if it were
 * not there. No rule breaks a sentence inside a bracket that closes
 * (stampstarts, picto, paren): a second run, which reads a line break
 * there, would find the bracket not closing. */
static int
cjkcloses(const struct sentsplit *ss, size_t k)
{
	size_t j, m, bytes = 0;
	uint32_t cp;
	int inner = 0, nl;

	for (j = k; bytes < CJKAHEAD; j += m) {
		if (j >= ss->n)
			return ss->safe == SIZE_MAX ? 0 : -1;
		if (isws((unsigned char)ss->p[j])) {
			m = wsend(ss, j, &nl) - j;
			if (nl >= 2 || (nl && ss->mode != MODE_WRAP))
				return 0;
			continue;
		}
		m = dec(ss, j, &cp);
		bytes += m;
		if (iscjkopen(cp))
			inner++;
		else if (iscjkclose(cp) && inner-- == 0)
			return 1;
	}
	return 0;
}

/* The cluster starts at p[i]; return where to go on. */
static size_t
candidate(struct sentsplit *ss, size_t i)
{
	struct cluster c;
	struct word w;
	size_t k, wsb;
	int nl, internal = 0, depth, closes = 0;

	cluster(ss, i, &c);
	k = closers(ss, &c, &internal);
	if (k >= ss->safe) {
		ss->halt = 1;   /* its look ahead may need more text */
		return i;
	}
	if (c.ndots + c.nell == 0 && c.nq == 0 && c.nstop == 0)
		return i + 1;
	if (noend(ss, &c))
		return c.e;
	depth = ss->cjk_depth > c.ncjk ? ss->cjk_depth - c.ncjk : 0;
	if (depth > 0 && (closes = cjkcloses(ss, k)) < 0) {
		ss->halt = 1;
		return i;
	}
	ss->cjk_depth = depth > 0 && closes ? depth : 0;
	if (c.closers)
		ss->qopen = 0;  /* "„Komm.“": its closer closes it */
	if (ss->cjk_depth > 0 || internal)
		return k;
	if (k >= ss->n) {
		/* "1. One 2." at the very end: the item breaks as it would
		 * with the newline a second run finds after it */
		if (listable(&c, k)) {
			prevword(ss, c.s, &w);
			listitem(ss, &w);
		}
		return ss->n;
	}
	if (!isws((unsigned char)ss->p[k]))
		return gluedmay(ss, &c, k) ? after(ss, &c, k, k, 0) : k;
	wsb = wsend(ss, k, &nl);
	return after(ss, &c, k, wsb, nl);
}

/* ')' after a list number: "1) The first item 2) The second item" */
static size_t
paren(struct sentsplit *ss, size_t i)
{
	struct word w;

	if (i + 1 >= ss->safe) {
		ss->halt = 1;
		return i;
	}
	if (onespace(ss, i + 1) && i > 0 && ss->cjk_depth == 0 &&
	    !isws((unsigned char)ss->p[i - 1])) {
		prevword(ss, i, &w);
		listitem(ss, &w);
	}
	return i + 1;
}

/* ----------------------------------------------------------- time stamps */

/* The ASCII digits of p[i..n) from i on, counted up to 5. */
static size_t
digitsfwd(const char *p, size_t i, size_t n)
{
	size_t j;

	for (j = i; j < n && j - i < 5 && p[j] >= '0' && p[j] <= '9'; j++)
		;
	return j - i;
}

/* The ASCII digits of p[lo..i) back from i, counted up to 5. */
static size_t
digitsback(const char *p, size_t lo, size_t i)
{
	size_t j;

	for (j = i; j > lo && i - j < 5 && p[j - 1] >= '0' &&
	    p[j - 1] <= '9'; j--)
		;
	return i - j;
}

/* Is p[i..e) a date, "08/16/2000", "4/5/01" or "2001-02-13", with
 * whitespace or the text's start at lo before it? Its start in *s. */
static int
stampdate(const char *p, size_t lo, size_t e, size_t *s)
{
	size_t f3, f2, f1, i = e;
	char sep;

	if ((f3 = digitsback(p, lo, i)) == 0 || (i -= f3) - lo < 2)
		return 0;
	sep = p[--i];
	if ((sep != '/' && sep != '-') || (f2 = digitsback(p, lo, i)) == 0 ||
	    (i -= f2) - lo < 2 || p[--i] != sep ||
	    (f1 = digitsback(p, lo, i)) == 0)
		return 0;
	i -= f1;
	if (i > lo && !isws((unsigned char)p[i - 1]))
		return 0;
	*s = i;
	if (sep == '/')
		return f1 <= 2 && f2 <= 2 && (f3 == 2 || f3 == 4);
	return f1 == 4 && f2 == 2 && f3 == 2;
}

/* A time stamp around the colon p[i], a date and a clock time with
 * seconds or AM/PM: "08/16/2000 03:48 PM", "04/25/01 12:42:55",
 * "2001-02-13 08:02 am". Its extent in *s, *e. */
static int
stamp(const struct sentsplit *ss, size_t i, size_t *s, size_t *e)
{
	const char *p = ss->p;
	size_t n = ss->n, h, j;
	int sec = 0, ampm = 0;

	h = digitsback(p, ss->from, i);
	if (h == 0 || h > 2 || digitsfwd(p, i + 1, n) != 2 ||
	    i - h < ss->from + 1 || p[i - h - 1] != ' ' ||
	    !stampdate(p, ss->from, i - h - 1, s))
		return 0;
	j = i + 3;
	if (j < n && p[j] == ':' && digitsfwd(p, j + 1, n) == 2) {
		sec = 1;
		j += 3;
	}
	if (j + 3 <= n && p[j] == ' ' && strchr("AaPp", p[j + 1]) &&
	    (p[j + 2] == 'M' || p[j + 2] == 'm') &&
	    (j + 3 == n || isws((unsigned char)p[j + 3]))) {
		ampm = 1;
		j += 3;
	}
	*e = j;
	return (sec || ampm) && (j == n || isws((unsigned char)p[j]));
}

/* Does a time stamp at p[b] start a sentence after the text that ends at
 * p[a]? Unless a lower-case word leads into it ("sent on 08/16/2000"),
 * or it is inside a CJK bracket (which a second run, finding the break
 * there, would take for one that does not close: see cjkcloses). */
static int
stampstarts(const struct sentsplit *ss, size_t a, size_t b)
{
	const char *p = ss->p;
	size_t j, h, s, e;
	struct word w;

	if (a <= ss->sstart || b >= ss->n || p[b] < '0' || p[b] > '9' ||
	    ss->cjk_depth > 0)
		return 0;
	for (j = b; j < ss->n && j - b <= STAMPDATE && p[j] != ' '; j++)
		;
	if (j >= ss->n || p[j] != ' ')
		return 0;
	h = digitsfwd(p, j + 1, ss->n);
	if (h == 0 || h > 2 || j + 1 + h >= ss->n || p[j + 1 + h] != ':' ||
	    !stamp(ss, j + 1 + h, &s, &e) || s != b)
		return 0;
	prevword(ss, a, &w);
	return w.nch == 0 || w.nlow != w.nch;
}

/* The colon p[i] of a time stamp, a header of e-mail or of a post
 * between a name and the text ("Scott Neal 08/16/2000 03:48 PM John,"):
 * the stamp is a sentence of its own. It ends the sentence before it
 * (see stampstarts; linebreak decides where a line break comes before
 * it), and one after it before a word that is not in lower case when it
 * is a sentence of its own, or before a capital ("on 04/25/01 12:42:55
 * We"). Return where to go on. */
static size_t
stampbreaks(struct sentsplit *ss, size_t i)
{
	const char *p = ss->p;
	size_t s, e, a, wsb;
	uint32_t cp;
	int nl, sb;

	if (i >= ss->safe) {
		ss->halt = 1;   /* the stamp may go on past the text at hand */
		return i;
	}
	if (i + 3 > ss->n || !stamp(ss, i, &s, &e))
		return i + 1;
	wsb = wsend(ss, e, &nl);
	if (wsb >= ss->safe && wsb < ss->n) {
		ss->halt = 1;
		return i;
	}
	for (a = s; a > ss->from && isws((unsigned char)p[a - 1]); a--)
		;
	/* a == s: a line break before it went on (linebreak) */
	if (a < s && a >= ss->emitted && findnl(ss, a, s) == s &&
	    stampstarts(ss, a, s))
		brk(ss, a, s);
	if (linedecides(ss, wsb, nl) || ss->cjk_depth > 0)
		return e;
	dec(ss, wsb, &cp);
	sb = sbp(ss, cp);
	/* not before a lower-case word, which a line that ends in the
	 * stamp would go on in (goeson) */
	if (!isletter(sb) || sb == SB_LOWER ||
	    (s != ss->sstart && sb != SB_UPPER))
		return e;
	brk(ss, e, wsb);
	return wsb;
}

/* ---------------------------------------------------------------- lines */

/* Does a line ending in prev go on in a line starting with next? Not
 * after a ';' that is a question mark (Greek). */
static int
joins(const struct sentsplit *ss, uint32_t prev, uint32_t next)
{
	int sb = sbp(ss, prev);

	if (sbp(ss, next) != SB_LOWER)
		return 0;
	if (prev == ';' && (ss->lang->flags & SS_SEMICOLON))
		return 0;
	return isletter(sb) || sb == SB_NUMERIC || prev == ',' ||
	    prev == '-' || prev == ';' || prev == 0x2010 || prev == 0x2013 ||
	    prev == 0x2014 || prev == '/' || prev == '&' || prev == '(' ||
	    prev == 0x060C;
}

/* The closing quotes and brackets at p[k] as closers reads them: where
 * they end, or 0 at an apostrophe that goes on into a word ("Jr.'s") or
 * past max bytes. */
static size_t
closerrun(const struct sentsplit *ss, size_t k, size_t max)
{
	size_t m, k0 = k;
	uint32_t cp, cp2;
	int sb;

	while (k < ss->n) {
		if (k - k0 > max)
			return 0;
		m = dec(ss, k, &cp);
		sb = sbp(ss, cp);
		if ((cp == '\'' || cp == 0x2019) && k + m < ss->n) {
			dec(ss, k + m, &cp2);
			if (isletter(sbp(ss, cp2)))
				return 0;
		}
		if (sb != SB_FORMAT && (sb != SB_CLOSE || isopener(cp)))
			break;
		k += m;
	}
	return k;
}

/* Does the line at p[b] start a list, "1. ", or its next item, "2. ",
 * "•2. ", "• 2. "? As listitem would find it after a break, so a second
 * run agrees. */
static int
listnext(const struct sentsplit *ss, size_t b)
{
	const char *p = ss->p;
	size_t i = b, n = ss->n, j, t = b;
	uint32_t cp;
	int v = 0, kind;

	/* a lone bullet and its space, then bullets in the token (the
	 * token, up to its stop, no longer than WORDMAX: see tokenstart) */
	if (i < n && (unsigned char)p[i] >= 0x80) {
		j = i + dec(ss, i, &cp);
		if (isbullet(cp) && j < n && (p[j] == ' ' || p[j] == '\t')) {
			for (i = j; i < n && i - j < BULLETWS &&
			    (p[i] == ' ' || p[i] == '\t'); i++)
				;
		}
		t = i;
		while (i < n && (unsigned char)p[i] >= 0x80 && i - t <= WORDMAX) {
			j = dec(ss, i, &cp);
			if (!isbullet(cp))
				break;
			i += j;
		}
		b = i;
	}
	if (i < n && p[i] >= 'a' && p[i] <= 'z') {
		kind = LIST_LOWER;
		v = p[i++] - 'a' + 1;
	} else {
		kind = LIST_NUM;
		for (; i < n && i - b < MARKERDIGITS + 1 && p[i] >= '0' &&
		    p[i] <= '9'; i++)
			v = v * 10 + p[i] - '0';
		if (i == b || i - b > MARKERDIGITS)
			return 0;
	}
	if (ss->list_kind == LIST_NONE ? v != 1 :
	    kind != ss->list_kind || v != ss->list_next)
		return 0;
	if (i >= n || (p[i] != '.' && p[i] != ')') || i - t > WORDMAX)
		return 0;
	/* "2.\u201d" as candidate reads it: closers after the full stop */
	if (p[i++] == '.' && (i = closerrun(ss, i, CLOSEMAX)) == 0)
		return 0;
	return i == n || isws((unsigned char)p[i]);
}

/* Does the line go on over the single line break in p[a..b)? */
static int
goeson(const struct sentsplit *ss, size_t a, size_t b)
{
	uint32_t prev = ' ', next;
	size_t j;

	if (ss->mode == MODE_WRAP)
		return 1;
	if (ss->mode == MODE_LINES)
		return 0;
	if (a > 0)
		dec(ss, utf8_prev(ss->p, a), &prev);
	dec(ss, b, &next);
	/* "great! :P" ends its line: the smiley is no clause */
	for (j = a; j > 0 && a - j < ATTACHMAX &&
	    !isws((unsigned char)ss->p[j - 1]); j--)
		;
	if (attached(ss, j) == a - j)
		prev = '.';
	return joins(ss, prev, next);
}

/* Is the whitespace p[a..b) with nl newlines one line break that the
 * line goes on over (what linebreak does with it)? */
static int
joined(const struct sentsplit *ss, size_t a, size_t b, int nl)
{
	return nl == 1 && b < ss->n && goeson(ss, a, b) && !listnext(ss, b) &&
	    !stampstarts(ss, a, b);
}

/* The line break in the whitespace p[a..b) with nl newlines. */
static void
linebreak(struct sentsplit *ss, size_t a, size_t b, int nl)
{
	if (nl >= 2) {
		brk(ss, a, b);
		if (ss->st.started)
			ss->st.gap = 1;
		newblock(ss, b);
		return;
	}
	if (ss->mode == MODE_LINES) {
		brk(ss, a, b);
		newblock(ss, b);
		return;
	}
	if (goeson(ss, a, b)) {
		/* "1. One\n2. Two", hard-wrapped; "Ann Lee\n08/16/2000
		 * 03:48 PM" */
		if (listnext(ss, b) || stampstarts(ss, a, b)) {
			brk(ss, a, b);
			return;
		}
		emit_to(ss, a);
		ss->from = b;
		/* "well-\nknown": the hyphen joins without a space (over
		 * RUNMAX bytes of whitespace at most) */
		if (!(hyphenend(ss, a) && ss->mode != MODE_WRAP &&
		    b - a <= RUNMAX)) {
			buf_putc(ss->o, ' ');
			span_join(ss, a, b, 1);
		} else {
			span_join(ss, a, b, 0);
		}
		return;
	}
	brk(ss, a, b);
	newblock(ss, b);
}

static size_t
newline(struct sentsplit *ss, size_t i)
{
	size_t a = i, b = i;
	int nl = 0;

	while (a > ss->from && isws((unsigned char)ss->p[a - 1]))
		a--;
	while (b < ss->n && isws((unsigned char)ss->p[b]))
		nl += isnl(ss, b++);
	if (b >= ss->safe) {
		ss->halt = 1;   /* the next line may need more text */
		return i;
	}
	if (b == ss->n)
		return ss->n;
	if (a == ss->from && ss->st.open == 0 && ss->from == ss->blk) {
		/* whitespace at the start of a block */
		ss->from = b;
		newblock(ss, b);
		if (nl >= 2 && ss->st.started)
			ss->st.gap = 1;
		return b;
	}
	linebreak(ss, a, b, nl);
	return b;
}

/* ---------------------------------------------------------------- UAX #29 */

/*
 * Unicode's default sentence boundaries (UAX #29, rules SB3 to SB998) over
 * s[0..len): call fn at every boundary strictly inside the text. SB5: a
 * character followed by Extend and Format characters acts as one. The
 * look-ahead of SB8 is cached, so the time is linear.
 */
struct u29 {
	int sb;
	size_t s, e;    /* bytes, Extend and Format included */
};

static int
isparasep(int sb)
{
	return sb == SB_SEP || sb == SB_CR || sb == SB_LF;
}

static size_t
u29next(const struct sentsplit *ss, const char *s, size_t len, size_t i,
        struct u29 *c)
{
	uint32_t cp;
	size_t k;
	int sb;

	c->s = i;
	i += utf8_decode(s + i, len - i, &cp);
	c->sb = sbp(ss, cp);
	if (!isparasep(c->sb)) {
		while (i < len) {
			k = utf8_decode(s + i, len - i, &cp);
			sb = sbp(ss, cp);
			if (sb != SB_EXTEND && sb != SB_FORMAT)
				break;
			i += k;
		}
	}
	c->e = i;
	return i;
}

/*
 * Walk s[0..len) from start, where the state is fresh (the start of the
 * text, after a boundary and its whitespace, or inside a run of letters),
 * and call fn at every boundary after it; fn returns nonzero to stop.
 * With open set more text may follow s[len]: stop before a decision that
 * looks at the end. Returns 1 if it stopped, and where in *at.
 */
static int
u29walk(const struct sentsplit *ss, const char *s, size_t len, size_t start,
        int open, size_t *at, int (*fn)(size_t, void *), void *arg)
{
	struct u29 prev, cur, nx, la;
	size_t i, j, stop = 0;
	int seq = 0, aterm = 0, sp = 0, lower = 0, brk;

	*at = start;
	if (start >= len)
		return open;
	i = u29next(ss, s, len, start, &cur);
	prev.sb = SB_OTHER;
	/* seq: inside SATerm Close* Sp*; sp: the Sp* part has begun */
	if (cur.sb == SB_ATERM || cur.sb == SB_STERM) {
		seq = 1;
		aterm = cur.sb == SB_ATERM;
	}
	while (i < len) {
		*at = cur.s;
		i = u29next(ss, s, len, i, &nx);
		if (open && i == len)
			return 1;       /* nx may go on */
		if (cur.sb == SB_CR && nx.sb == SB_LF)
			brk = 0;                                /* SB3 */
		else if (isparasep(cur.sb))
			brk = 1;                                /* SB4 */
		else if (cur.sb == SB_ATERM && nx.sb == SB_NUMERIC)
			brk = 0;                                /* SB6 */
		else if (cur.sb == SB_ATERM && nx.sb == SB_UPPER &&
		    (prev.sb == SB_UPPER || prev.sb == SB_LOWER))
			brk = 0;                                /* SB7 */
		else if (seq) {
			brk = 1;                                /* SB11 */
			if (aterm) {                            /* SB8 */
				if (nx.s >= stop) {
					for (j = nx.s; j < len; j = la.e) {
						u29next(ss, s, len, j, &la);
						if (la.sb == SB_OLETTER ||
						    la.sb == SB_UPPER ||
						    la.sb == SB_LOWER ||
						    isparasep(la.sb) ||
						    la.sb == SB_ATERM ||
						    la.sb == SB_STERM)
							break;
					}
					if (open && (j >= len || la.e == len))
						return 1;
					stop = j < len ? la.e : len;
					lower = j < len && la.sb == SB_LOWER;
				}
				if (lower)
					brk = 0;
			}
			if (nx.sb == SB_SCONTINUE || nx.sb == SB_ATERM ||
			    nx.sb == SB_STERM)
				brk = 0;                        /* SB8a */
			if (!sp && (nx.sb == SB_CLOSE || nx.sb == SB_SP ||
			    isparasep(nx.sb)))
				brk = 0;                        /* SB9 */
			if (nx.sb == SB_SP || isparasep(nx.sb))
				brk = 0;                        /* SB10 */
		} else {
			brk = 0;                                /* SB998 */
		}
		if (brk && fn(nx.s, arg))
			return 1;
		/* the sequence state after nx */
		if (nx.sb == SB_ATERM || nx.sb == SB_STERM) {
			seq = 1;
			sp = 0;
			aterm = nx.sb == SB_ATERM;
			stop = 0;
		} else if (seq && !sp && nx.sb == SB_CLOSE && !brk) {
			;
		} else if (seq && nx.sb == SB_SP && !brk) {
			sp = 1;
		} else {
			seq = 0;
		}
		prev = cur;
		cur = nx;
	}
	return 0;
}

struct u29fn {
	void (*fn)(size_t, void *);
	void *arg;
};

static int
u29call(size_t b, void *arg)
{
	struct u29fn *f = arg;

	f->fn(b, f->arg);
	return 0;
}

void
sentsplit_uax29(const struct sentsplit *ss, const char *s, size_t len,
                void (*fn)(size_t, void *), void *arg)
{
	struct u29fn f;
	size_t at;

	f.fn = fn;
	f.arg = arg;
	u29walk(ss, s, len, 0, 0, &at, u29call, &f);
}

/* -u: a line break at the UAX #29 boundary p[b]; 1 to stop, where its
 * whitespace runs to the end of text that more may follow. */
static int
u29cut(size_t b, void *arg)
{
	struct sentsplit *ss = arg;
	size_t a, w;
	int nl = 0;

	if (b < ss->from || b < ss->u29skip)
		return 0;       /* inside whitespace already seen */
	for (a = b; a > ss->from && isws((unsigned char)ss->p[a - 1]); a--)
		nl += isnl(ss, a - 1);
	for (w = b; w < ss->n && isws((unsigned char)ss->p[w]); w++)
		nl += isnl(ss, w);
	if (w == ss->n && ss->safe != SIZE_MAX)
		return 1;
	ss->u29skip = w;
	if (w == ss->n)
		return 0;
	brk(ss, a, w);
	if (nl >= 2 && ss->st.started)
		ss->st.gap = 1;
	return 0;
}

/* ---------------------------------------------------------------- units */

/*
 * A unit is a paragraph, or a piece of one that the window cut. A piece
 * must come out as the whole paragraph would, so what a decision needs
 * is carried over to the next piece: the text from the first byte not
 * yet written (with CTX bytes before it for the looks back) and the
 * state. A unit that does not end with a blank line may be such a piece
 * (or the document's last paragraph: enddoc tells), and is held whole up
 * to the limit; past it, the scanner goes as far as it can decide with
 * what it has (see frontier) and the rest is carried. A sentence longer
 * than half the limit is written ahead of its end, up to where no later
 * break can reach back (aheadpoint).
 */

/* Does the text end with a blank line (the paragraph is complete)? */
static int
paraend(const struct sentsplit *ss)
{
	size_t i;
	int nl = 0;

	for (i = ss->n; i > 0 && isws((unsigned char)ss->p[i - 1]); i--)
		if ((nl += isnl(ss, i - 1)) >= 2)
			return 1;
	return 0;
}

/* Where the text is too near its end for a decision: a candidate whose
 * look ahead (at most SAFERUNS runs of whitespace and SAFEBYTES other
 * bytes, see nextword, attached, linktoken) starts at or after it may
 * read past the end of what is at hand. */
static size_t
frontier(const struct sentsplit *ss)
{
	const char *p = ss->p;
	size_t i = ss->n, bytes = 0;
	int runs = 0;

	while (i > 0 && isws((unsigned char)p[i - 1]))
		i--;            /* it may go on */
	while (i > 0) {
		if (isws((unsigned char)p[i - 1])) {
			while (i > 0 && isws((unsigned char)p[i - 1]))
				i--;
			if (++runs >= SAFERUNS)
				break;
		} else if (++bytes >= SAFEBYTES) {
			i--;
			break;
		} else {
			i--;
		}
	}
	return i;
}

/* The start of a unit: the whitespace before its text (w bytes, nl line
 * breaks) and the previous unit's line breaks at its end. */
static void
seam(struct sentsplit *ss, size_t w, int nl)
{
	struct doc *st = &ss->st;

	nl += st->pend_nl;
	ss->from = ss->emitted = w;
	ss->sfar = 0;
	ss->u29skip = 0;
	if (nl >= 2 && st->started)
		st->gap = 1;
	st->pend_nl = 0;
	newblock(ss, w);
}

/* A run of pictographs at p[i] that no stop comes before, after text of
 * the sentence: it ends the sentence before a word that starts with a
 * capital ("Ставь ❤️ Мы", "Nice 🤗 Amy"), as in social media text. */
static size_t
picto(struct sentsplit *ss, size_t i)
{
	size_t j = pictorun(ss, i), wsb;
	uint32_t cp;
	int nl;

	if (j >= ss->safe) {
		ss->halt = 1;
		return i;
	}
	if (j >= ss->n || !isws((unsigned char)ss->p[j]) || i == ss->sstart)
		return j;
	wsb = wsend(ss, j, &nl);
	if (linedecides(ss, wsb, nl))
		return j;
	dec(ss, wsb, &cp);
	if (sbp(ss, cp) != SB_UPPER || ss->cjk_depth > 0)
		return j;
	brk(ss, j, wsb);
	return wsb;
}

/* The event at p[i], a byte of class c: return where to go on. */
static inline size_t
event(struct sentsplit *ss, size_t i, int c)
{
	size_t m;
	uint32_t cp;
	int sb;

	if (ss->p[i] == ':') {
		m = stampbreaks(ss, i);
		if (m != i + 1 || c == 5)
			return m;
	}
	switch (c) {
	case 1:
		return candidate(ss, i);
	case 2:
		return newline(ss, i);
	case 3:
		return paren(ss, i);
	}
	m = dec(ss, i, &cp);
	sb = sbp(ss, cp);
	if (sb == SB_STERM || sb == SB_ATERM || cp == 0x2026 ||
	    (cp == 0x060C && (ss->lang->flags & SS_ACOMMA)))
		return candidate(ss, i);
	if (isqopen(cp))
		ss->qopen = i + 1;
	else if (isqclose(cp))
		ss->qopen = 0;
	if (ispicto(cp))
		return picto(ss, i);
	if (iscjkopen(cp))
		ss->cjk_depth++;
	else if (iscjkclose(cp) && ss->cjk_depth > 0)
		ss->cjk_depth--;
	return i + m;
}

/* Scan p[i..n), copying text through and deciding at each stop; stop at
 * an event too near the end (ss->halt), and note where to go on. With
 * ss->force the first event is decided all the same. */
static void
scan(struct sentsplit *ss, size_t i)
{
	const unsigned char *cls = ss->cls;
	const char *p = ss->p;
	size_t n = ss->n, safe = ss->safe;

	if (ss->force) {
		while (i < n && !cls[(unsigned char)p[i]])
			i++;
		if (i < n) {
			ss->safe = SIZE_MAX;
			i = event(ss, i, cls[(unsigned char)p[i]]);
			ss->safe = safe;
		}
		ss->force = 0;
	}
	for (;;) {
		/* the bytes cls may hold, or a few more: the loop below
		 * steps over those */
		if (ss->swar)
			i += scan_any(p + i, n - i, ".!?\n\r):", 7);
		else
			i += scan_any(p + i, n - i, ".!?\n\r):;", 8);
		while (i < n && !cls[(unsigned char)p[i]])
			i++;
		if (i >= n)
			break;
		i = event(ss, i, cls[(unsigned char)p[i]]);
		if (ss->halt)
			break;
	}
	ss->resume = MIN(i, n);
}

/* -u: the boundaries from p[i] on. */
static void
u29scan(struct sentsplit *ss, size_t i)
{
	ss->halt = u29walk(ss, ss->p, ss->n, i, ss->safe != SIZE_MAX,
	    &ss->reach, u29cut, ss);
	ss->resume = ss->halt ? ss->from : ss->n;
}

/* The end of a paragraph: write its text, count the line breaks after
 * it, and close the sentence. */
static void
unitend(struct sentsplit *ss)
{
	struct doc *st = &ss->st;
	size_t i, t;

	for (t = ss->n; t > ss->from && isws((unsigned char)ss->p[t - 1]); t--)
		;
	emit_to(ss, t);
	for (i = t; i < ss->n; i++)
		st->pend_nl += isnl(ss, i);
	closesent(ss);
}

/* Where the open sentence may be written ahead of its end, scanning
 * having got to p[r]: before any break a later rule may make (a list
 * item breaks at most LISTBACK bytes before its stop, and drops the
 * whitespace before it). -u: inside a run of letters, where the walk may
 * start afresh, looked for at most CTX bytes back; loose (a sentence
 * past the limit with no such run, "a. a. a. ..."): before any letter,
 * so that what is held stays bounded. */
static size_t
aheadpoint(const struct sentsplit *ss, size_t r, int loose)
{
	size_t e = r > LISTBACK ? r - LISTBACK : 0, j;
	uint32_t cp;
	int sb, plain = 0;

	if (!ss->uflag) {
		while (e > 0 && isws((unsigned char)ss->p[e - 1]))
			e--;
		return e;
	}
	for (e = r; e > ss->from && r - e <= CTX; e = j) {
		j = utf8_prev(ss->p, e);
		dec(ss, j, &cp);
		sb = sbp(ss, cp);
		if (isletter(sb) || sb == SB_NUMERIC || sb == SB_OTHER) {
			if (plain)
				return e;
			if (loose)
				return j;
			plain = 1;
		} else {
			plain = 0;
		}
	}
	return 0;
}

/* Keep what is not decided for the next unit: p[cs..n) with cs CTX
 * bytes before the first byte not yet written; positions before cs are
 * far (0; sfar for the open sentence's start). */
static void
keep(struct sentsplit *ss)
{
	size_t r = ss->uflag ? ss->reach : ss->resume, e, u, cs, m;
	size_t ahead = ss->uflag ? MIN(ss->limit / 2, (size_t)UAHEAD) :
	    ss->limit / 2;

	if (r > ss->from && r - ss->from > ahead) {
		/* a long sentence: write what no rule takes back */
		e = aheadpoint(ss, r, 0);
		if (ss->uflag && e <= ss->from && r - ss->from > ss->limit)
			e = aheadpoint(ss, r, 1);
		if (ss->uflag && e > ss->from) {
			emit_to(ss, e);
			ss->u29skip = MAX(ss->u29skip, e);
			ss->resume = e;
		} else if (!ss->uflag) {
			emit_ahead(ss, e);
		}
	}
	u = MAX(ss->from, ss->emitted);
	cs = u > CTX ? u - CTX : 0;
	if (ss->sstart < cs)
		ss->sfar = 1;
	if (attrs_of(ss) && ss->sp.cur.b < ss->sp.base + cs)
		(void)rec_cursor_at(&ss->sp.cur, ss->p, ss->sp.base, ss->n,
		    ss->sp.base + cs);
	ss->sp.base += cs;
#define SHIFT(x) ((x) = (x) >= cs ? (x) - cs : 0)
	SHIFT(ss->from);
	SHIFT(ss->emitted);
	SHIFT(ss->sstart);
	SHIFT(ss->blk);
	SHIFT(ss->u29skip);
	SHIFT(ss->resume);
	SHIFT(ss->qopen);
#undef SHIFT
	ss->tok_s = 1;
	ss->tok_e = 0;
	m = ss->n - cs;
	if (ss->p == ss->cbuf) {
		memmove(ss->cbuf, ss->cbuf + cs, m);
	} else {
		carry_room(ss, m);
		memcpy(ss->cbuf, ss->p + cs, m);
	}
	ss->clen = m;
	ss->cfresh = 0;
}

/* Decide on t[0..n): a whole paragraph (final), or what can be decided
 * of a text that more of the paragraph follows; fresh: it starts a unit,
 * else the scan goes on at ss->resume. */
static void
run(struct sentsplit *ss, const char *t, size_t n, int fresh, int final)
{
	size_t w, i;
	int nl = 0;

	ss->p = t;
	ss->n = n;
	ss->safe = final ? SIZE_MAX : frontier(ss);
	ss->halt = ss->force = 0;
	if (fresh) {
		ss->tok_s = 1;
		ss->tok_e = 0;
		for (w = 0; w < n && isws((unsigned char)t[w]); w++)
			nl += isnl(ss, w);
		if (w == n) {           /* only whitespace */
			ss->st.pend_nl += nl;
			span_forget(ss);
			ss->clen = 0;
			return;
		}
		seam(ss, w, nl);
		i = w;
	} else {
		i = ss->resume;
	}
	for (;;) {
		if (ss->uflag)
			u29scan(ss, i);
		else
			scan(ss, i);
		/* what is left may not grow without end: past the limit
		 * the event at hand is decided with what there is */
		if (!ss->halt || ss->uflag || n - ss->resume <= ss->limit)
			break;
		i = ss->resume;
		ss->halt = 0;
		ss->force = 1;
	}
	if (final) {
		unitend(ss);
		span_forget(ss);
		ss->clen = 0;
	} else {
		keep(ss);
	}
}

/* Split a unit, the document's language chosen. */
static int
splitunit(struct sentsplit *ss, const char *text, size_t len,
    struct buf *out)
{
	const char *t = text;
	size_t n = len;
	int final;

	ss->o = out;
	/* the document position of what p will hold: the carry comes right
	 * before the unit */
	ss->sp.base = ss->sp.doc - ss->clen;
	ss->sp.doc += len;
	/* a run's first document (the object may serve several runs)
	 * follows no other */
	if (!ss->st.started && (!ss->rf || !ss->rf->pos ||
	    ss->rf->pos->first))
		ss->wrote = 0;
	if (ss->clen > 0) {
		carry_room(ss, ss->clen + len);
		memcpy(ss->cbuf + ss->clen, text, len);
		ss->clen += len;
		t = ss->cbuf;
		n = ss->clen;
	}
	ss->p = t;
	ss->n = n;
	final = paraend(ss);
	if (!final && n < ss->limit) {
		if (t == text) {        /* hold it whole */
			carry_room(ss, len);
			memcpy(ss->cbuf, text, len);
			ss->clen = len;
			ss->cfresh = 1;
		}
		return 0;
	}
	run(ss, t, n, t == text || ss->cfresh, final);
	return 0;
}

/* The end of a document, its units all split. */
static void
enddoc1(struct sentsplit *ss, struct buf *out)
{
	ss->o = out;
	if (ss->clen > 0) {
		ss->sp.base = ss->sp.doc - ss->clen;
		run(ss, ss->cbuf, ss->clen, ss->cfresh, 1);
	}
	closesent(ss);
	if (attrs_of(ss))
		end_paragraph(ss);
	memset(&ss->st, 0, sizeof(ss->st));
	memset(&ss->sp, 0, sizeof(ss->sp));
	ss->clen = 0;
}

/* The byte classes of the scanner, for the language. */
static void
init_cls(struct sentsplit *ss)
{
	int c;

	memset(ss->cls, 0, sizeof(ss->cls));
	ss->cls['.'] = ss->cls['!'] = ss->cls['?'] = 1;
	if (ss->lang->flags & (SS_COLON | SS_DATELINE))
		ss->cls[':'] = 1;
	else
		ss->cls[':'] = 5;       /* a time stamp's (stampbreaks) */
	if (ss->lang->flags & SS_SEMICOLON)
		ss->cls[';'] = 1;
	ss->cls['\n'] = ss->cls['\r'] = 2;
	ss->cls[')'] = 3;
	for (c = 0x80; c < 0x100; c++)
		ss->cls[c] = 4;
	ss->swar = !(ss->lang->flags & (SS_COLON | SS_SEMICOLON | SS_DATELINE));
}

static const struct ss_lang *
findlang(const char *code)
{
	size_t i, k = strcspn(code, "_-.");

	for (i = 0; i < ss_nlangs; i++)
		if (strlen(ss_langs[i].code) == k &&
		    !strncmp(ss_langs[i].code, code, k))
			return &ss_langs[i];
	return NULL;
}

/* ------------------------------------------------------------- language */

/*
 * -L auto (the default) chooses each document's language: from the
 * record's --lang-field when it names a language we know, else from its
 * first DETECTBYTES bytes other than whitespace. A script spoken by one
 * of our languages alone names it (Greek, Armenian, Ethiopic, Myanmar;
 * Han with kana is Japanese, without it Chinese); in Latin, Cyrillic,
 * Arabic and Devanagari text the function words of data/sentsplit/words/
 * and the letters of letters/ that belong to one language only vote, and
 * the winner must be clear (DETECTHITS votes at least, DETECTLEAD times
 * the runner-up's), else the language-neutral rules (und) apply. Until
 * the choice is made the document's paragraphs are held, at most
 * HOLDBYTES, so the memory stays bounded and every byte is looked at
 * once more only; a paragraph that does not fit is looked at first, then
 * decided on. Whitespace is neither counted nor part of a word, so the
 * output, which differs from the input only in whitespace, is given the
 * same language (idempotence). Only a text whose first DETECTBYTES are
 * spread over more than HOLDBYTES (runs of whitespace over 99% of it) is
 * decided on less, and a second run, which may hold less whitespace, may
 * see more of it.
 */

enum {
	DETECTBYTES = 4096,     /* bytes other than whitespace looked at */
	HOLDBYTES = 1 << 20,    /* text held while the choice is open */
	DETECTHITS = 1,         /* votes the winner needs */
	DETECTLEAD = 2,         /* ...and how many times the runner-up's */
	/* A choice made early: after DETECTEARLY bytes other than
	 * whitespace, a language with DETECTSURE votes and SURELEAD times
	 * all the others' together wins at once (most news in one language
	 * is clear within a few lines; a short record then costs little) */
	DETECTEARLY = 512,
	DETECTSURE = 16,
	SURELEAD = 4
};

/* The language bits of k[0..kn) (lower case) in t[0..n): ss_words or
 * ss_letters. */
static unsigned long
wordlangs(const struct ss_word *t, size_t n, const char *k, size_t kn)
{
	size_t lo = 0, hi = n, mid;
	int r;

	while (lo < hi) {
		mid = (lo + hi) / 2;
		r = cmpword(k, kn, t[mid].word, t[mid].len);
		if (r == 0)
			return t[mid].langs;
		if (r < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return 0;
}

static int
scriptof(uint32_t cp)
{
	if (cp < 0x250)
		return SC_LATIN;
	if (cp >= 0x370 && cp < 0x400)
		return SC_GREEK;
	if (cp < 0x530)
		return cp >= 0x400 ? SC_CYRILLIC : SC_OTHER;
	if (cp < 0x590)
		return SC_ARMENIAN;
	if ((cp >= 0x600 && cp < 0x700) || (cp >= 0x750 && cp < 0x780) ||
	    (cp >= 0xFB50 && cp < 0xFE00) || (cp >= 0xFE70 && cp < 0xFF00))
		return SC_ARABIC;
	if (cp >= 0x900 && cp < 0x980)
		return SC_DEVANAGARI;
	if (cp >= 0x1000 && cp < 0x10A0)
		return SC_MYANMAR;
	if (cp >= 0x1200 && cp < 0x13A0)
		return SC_ETHIOPIC;
	if (cp >= 0x1E00 && cp < 0x1F00)
		return SC_LATIN;
	if (cp >= 0x1F00 && cp < 0x2000)
		return SC_GREEK;
	if ((cp >= 0x3040 && cp < 0x3100) || (cp >= 0x31F0 && cp < 0x3200) ||
	    (cp >= 0xFF66 && cp < 0xFFA0))
		return SC_KANA;
	if ((cp >= 0x3400 && cp < 0xA000) || (cp >= 0xF900 && cp < 0xFB00) ||
	    (cp >= 0x20000 && cp < 0x32000))
		return SC_HAN;
	return SC_OTHER;
}

/* A word or letter of languages m: count it for its language, if it has
 * one only (a word of several, as "de" or Russian and Bulgarian "на",
 * tells them not apart). */
static void
vote(struct detect *d, unsigned long m)
{
	size_t i = 0;

	if (m != 0 && (m & (m - 1)) == 0) {
		while ((m >>= 1) != 0)
			i++;
		d->hits[i]++;
		d->votes++;
	}
}

/* FNV-1a of k[0..n), for ss->whash. */
static unsigned long
hashword(const char *k, size_t n)
{
	unsigned long h = 2166136261UL;
	size_t i;

	for (i = 0; i < n; i++)
		h = ((h ^ (unsigned char)k[i]) * 16777619UL) & 0xFFFFFFFFUL;
	return h;
}

/* The language bits of the word k[0..n) in ss_words. */
static unsigned long
funcword(const struct sentsplit *ss, const char *k, size_t n)
{
	size_t h, w;

	if (!ss->whashok)
		return wordlangs(ss_words, ss_nwords, k, n);
	for (h = hashword(k, n) & (WHASH - 1); (w = ss->whash[h]) != 0;
	    h = (h + 1) & (WHASH - 1))
		if (ss_words[w - 1].len == n &&
		    !memcmp(ss_words[w - 1].word, k, n))
			return ss_words[w - 1].langs;
	return 0;
}

/* The word being read ends. A word of one byte does not vote: a Latin
 * letter alone is as often an initial, a part of a link or of "it's". */
static void
wordend(const struct sentsplit *ss, struct detect *d)
{
	size_t i;

	if (d->wn > 1 && d->wn <= ss->maxword)
		vote(d, funcword(ss, d->word, d->wn));
	d->wn = 0;
	if (d->seen < DETECTEARLY || d->votes < DETECTSURE)
		return;
	for (i = 0; i < LANGMAX; i++)
		if (d->hits[i] >= DETECTSURE &&
		    d->hits[i] >= SURELEAD * (d->votes - d->hits[i]))
			d->done = 1;
}

/* Look at p[0..n) (whole characters: a unit never cuts one), up to the
 * DETECTBYTES-th byte other than whitespace. */
static void
detect_feed(const struct sentsplit *ss, struct detect *d, const char *p,
    size_t n)
{
	size_t i, k, k0;
	uint32_t cp;
	int sb;
	unsigned char c;

	for (i = 0; i < n && d->seen < DETECTBYTES && !d->done; i += k) {
		c = (unsigned char)p[i];
		if (c < 0x80) {         /* the same, faster */
			k = 1;
			if (c > ' ' || !isws(c))
				d->seen++;
			if ((c | 32) >= 'a' && (c | 32) <= 'z') {
				d->letters[SC_LATIN]++;
				if (d->wn <= WORDMAX)
					d->word[d->wn++] = (char)(c | 32);
			} else if (c == '\'' && d->wn > 0) {
				/* "that's" is no "s" (Slovak "with") */
				if (d->wn <= WORDMAX)
					d->word[d->wn++] = '\'';
			} else if (d->wn > 0) {
				wordend(ss, d);
			}
			continue;
		}
		k = utf8_decode(p + i, n - i, &cp);
		d->seen += k;
		sb = sbp(ss, cp);
		if (cp >= 0x80 && cp < LETTERMAX &&
		    (ss->isvoter[cp >> 3] & (1 << (cp & 7)))) {
			k0 = putlower(d->mark, 0, cp);
			vote(d, wordlangs(ss_letters, ss_nletters, d->mark,
			    k0));
		}
		if (isletter(sb)) {
			d->letters[scriptof(cp)]++;
		} else if ((cp >= 0x64B && cp <= 0x65F) || cp == 0x670 ||
		    cp == 0x640) {
			continue;       /* Arabic vowel marks, tatweel */
		} else if (cp == 0x2019 && d->wn > 0) {
			;               /* an apostrophe, as '\'' */
		} else if (sb != SB_EXTEND || d->wn == 0) {
			wordend(ss, d);
			continue;
		}
		if (d->wn <= WORDMAX)
			d->wn = putlower(d->word, d->wn, cp);
	}
	if (d->seen >= DETECTBYTES)
		d->wn = 0;      /* a word cut short is no word */
}

/* The language of the text detect_feed saw: an index into ss_langs;
 * and, if why is not NULL, the reason in it, for --explain. */
static size_t
detect_choose(const struct sentsplit *ss, struct detect *d, char *why,
    size_t whysize)
{
	static const char *const alone[SC_N] = {
		[SC_GREEK] = "el", [SC_ARMENIAN] = "hy",
		[SC_ETHIOPIC] = "am", [SC_MYANMAR] = "my",
	};
	static const char *const sname[SC_N] = {
		"other", "Latin", "Greek", "Cyrillic", "Armenian", "Arabic",
		"Devanagari", "Myanmar", "Ethiopic", "kana", "Han",
	};
	const struct ss_lang *l;
	size_t i, best = 0, second = 1, k;
	unsigned long cjk;
	int s, top = SC_OTHER, sure = 0;
	const char *code = "und";

	wordend(ss, d);
	cjk = d->letters[SC_HAN] + d->letters[SC_KANA];  /* one script */
	for (s = SC_LATIN; s < SC_N; s++)
		if (s != SC_KANA && (s == SC_HAN ? cjk : d->letters[s]) >
		    (top == SC_HAN ? cjk : d->letters[top]))
			top = s;
	if (top == SC_HAN) {
		/* kana are a tenth of Japanese text or more; Chinese
		 * text holds none, but for a quoted name */
		code = d->letters[SC_KANA] * 20 >= cjk ? "ja" : "zh";
	} else if (alone[top]) {
		code = alone[top];
	} else if (top != SC_OTHER) {
		for (i = 1; i < ss_nlangs && i < LANGMAX; i++)
			if (d->hits[i] > d->hits[best])
				best = i;
		second = best == 0 ? 1 : 0;
		for (i = 0; i < ss_nlangs && i < LANGMAX; i++)
			if (i != best && d->hits[i] > d->hits[second])
				second = i;
		sure = d->hits[best] >= DETECTHITS &&
		    d->hits[best] >= DETECTLEAD * d->hits[second];
	}
	if (why) {
		if (top == SC_OTHER)
			snprintf(why, whysize, d->letters[SC_OTHER] ?
			    "no script of ours" : "no letters");
		else if (top == SC_HAN)
			snprintf(why, whysize, "Han script, %lu of %lu with "
			    "kana", d->letters[SC_KANA], cjk);
		else if (alone[top])
			snprintf(why, whysize, "%s script", sname[top]);
		else {
			k = (size_t)snprintf(why, whysize, "%s script, votes",
			    sname[top]);
			for (i = 0; i < ss_nlangs && i < LANGMAX &&
			    k < whysize; i++)
				if (d->hits[i] > 0)
					k += (size_t)snprintf(why + k,
					    whysize - k, " %s %u",
					    ss_langs[i].code, d->hits[i]);
			if (!sure && k < whysize)
				snprintf(why + k, whysize - k, ": unsure");
		}
	}
	if (sure)
		return best;
	if ((l = findlang(code)) == NULL)
		l = findlang("und");
	return (size_t)(l - ss_langs);
}

/* The look-up aids of detect_feed, from the generated tables. */
static void
detect_init(struct sentsplit *ss)
{
	size_t i, h;
	uint32_t cp;

	ss->whashok = ss_nwords * 2 <= WHASH;   /* else binary search */
	for (i = 0; i < ss_nwords; i++) {
		ss->maxword = MAX(ss->maxword, ss_words[i].len);
		if (!ss->whashok)
			continue;
		for (h = hashword(ss_words[i].word, ss_words[i].len) &
		    (WHASH - 1); ss->whash[h] != 0; h = (h + 1) & (WHASH - 1))
			;
		ss->whash[h] = (unsigned short)(i + 1);
	}
	ss->maxword = MIN(ss->maxword, (size_t)WORDMAX);
	for (i = 0; i < ss_nletters; i++) {
		utf8_decode(ss_letters[i].word, ss_letters[i].len, &cp);
		if (cp < LETTERMAX)
			ss->isvoter[cp >> 3] |= (unsigned char)(1 << (cp & 7));
		/* and its capital, which putlower finds again */
		cp = (uint32_t)utf8proc_toupper((utf8proc_int32_t)cp);
		if (cp < LETTERMAX)
			ss->isvoter[cp >> 3] |= (unsigned char)(1 << (cp & 7));
	}
}

/* Does --lang-field name a language we know for this record? */
static const struct ss_lang *
fieldlang(const struct sentsplit *ss)
{
	const struct rec_pos *pos = ss->rf ? ss->rf->pos : NULL;

	if (!pos || !pos->lang || !*pos->lang)
		return NULL;
	return findlang(pos->lang);
}

/* Count a document of language i (--stats): the counters after the
 * first two are one per language seen, in the order of ss_langs. */
static void
countlang(struct sentsplit *ss, size_t i)
{
	int c, j;

	if (ss->cslot[i] == 0) {
		snprintf(ss->cname[i], sizeof(ss->cname[i]), "lang_%s",
		    ss_langs[i].code);
		for (c = 2; c < ss->ncount; c++)
			if (ss->counters[c].name && strcmp(ss->counters[c].name,
			    ss->cname[i]) > 0)
				break;
		memmove(ss->counters + c + 1, ss->counters + c,
		    (size_t)(ss->ncount - c) * sizeof(ss->counters[0]));
		ss->counters[c].name = ss->cname[i];
		ss->counters[c].n = 0;
		ss->ncount++;
		for (j = 0; j < (int)ss_nlangs; j++)
			ss->cslot[j] = 0;
		for (c = 2; c < ss->ncount; c++)
			ss->cslot[(ss->counters[c].name - ss->cname[0]) /
			    sizeof(ss->cname[0])] = c;
	}
	ss->counters[ss->cslot[i]].n++;
}

/* Choose the document's language (see detect_feed). */
static void
choose(struct sentsplit *ss)
{
	const struct ss_lang *l;
	char why[512], where[256] = "", line[1024];
	int k;

	if ((l = ss->forced) != NULL)
		snprintf(why, sizeof(why), "-L");
	else if ((l = fieldlang(ss)) != NULL)
		snprintf(why, sizeof(why), "--lang-field");
	else
		l = &ss_langs[detect_choose(ss, &ss->det,
		    ss->explain ? why : NULL, sizeof(why))];
	if (ss->lang != l) {
		ss->lang = l;
		init_cls(ss);
	}
	ss->chosen = 1;
	countlang(ss, (size_t)(l - ss_langs));
	if (ss->explain) {
		if (ss->rf && ss->rf->pos && ss->rf->pos->file)
			rec_where(ss->rf->pos, where, sizeof(where));
		k = snprintf(line, sizeof(line),
		    "sentsplit: %s%slanguage %s (%s)\n", where,
		    *where ? ": " : "", l->code, why);
		if (k > 0)
			diag_note(ss->dg, line,
			    MIN((size_t)k, sizeof(line) - 1));
	}
}

/* Hold a unit while the language is open. */
static void
hold(struct sentsplit *ss, const char *p, size_t n)
{
	if (ss->hlen + n > ss->hcap) {
		ss->hcap = MAX(ss->hlen + n, ss->hcap * 2);
		ss->hbuf = erealloc(ss->hbuf, ss->hcap);
	}
	memcpy(ss->hbuf + ss->hlen, p, n);
	ss->hlen += n;
	if (ss->nhunit == ss->chunit) {
		ss->chunit = MAX(16, ss->chunit * 2);
		ss->hunit = erealloc(ss->hunit, ss->chunit *
		    sizeof(ss->hunit[0]));
	}
	ss->hunit[ss->nhunit++] = n;
}

/* The language chosen: split the units held. */
static void
release(struct sentsplit *ss, struct buf *out)
{
	size_t i, off = 0;

	for (i = 0; i < ss->nhunit; i++) {
		splitunit(ss, ss->hbuf + off, ss->hunit[i], out);
		off += ss->hunit[i];
	}
	ss->hlen = ss->nhunit = 0;
}

static int
split(void *ctx, const char *text, size_t len, struct buf *out)
{
	struct sentsplit *ss = ctx;

	if (ss->uflag)          /* -u knows no language */
		return splitunit(ss, text, len, out);
	if (!ss->indoc) {
		ss->indoc = 1;
		memset(&ss->det, 0, sizeof(ss->det));
		if (ss->forced || fieldlang(ss))
			choose(ss);
	}
	if (!ss->chosen) {
		detect_feed(ss, &ss->det, text, len);
		if (ss->det.seen < DETECTBYTES && !ss->det.done &&
		    ss->hlen + len <= HOLDBYTES) {
			hold(ss, text, len);
			return 0;
		}
		choose(ss);
		release(ss, out);
	}
	return splitunit(ss, text, len, out);
}

static void
enddoc(void *ctx, struct buf *out)
{
	struct sentsplit *ss = ctx;

	if (ss->indoc && !ss->chosen) {
		choose(ss);
		release(ss, out);
	}
	ss->indoc = ss->chosen = 0;
	enddoc1(ss, out);
}

/* ------------------------------------------------------------ engine */

static void *
create(struct diag *d)
{
	struct sentsplit *ss = ecalloc(1, sizeof(*ss));
	int c;

	ss->dg = d;
	ss->lang = findlang("en");
	ss->mode = MODE_BLOCK;
	for (c = 0; c < 0x80; c++)
		ss->ascii_sb[c] = (unsigned char)unitab_sentence_prop(
		    (uint32_t)c);
	ss->counters = ecalloc(ss_nlangs + 3, sizeof(ss->counters[0]));
	ss->cname = ecalloc(ss_nlangs, sizeof(ss->cname[0]));
	ss->cslot = ecalloc(ss_nlangs, sizeof(ss->cslot[0]));
	ss->counters[0].name = "sentences";
	ss->counters[1].name = "paragraphs";
	ss->ncount = 2;
	detect_init(ss);
	ss->tok_s = 1;
	ss->safe = SIZE_MAX;
	return ss;
}

static int
option(void *e, int c, const char *arg)
{
	struct sentsplit *ss = e;
	const struct ss_lang *l;

	switch (c) {
	case 'e':
		ss->explain = 1;
		return 0;
	case 'L':
		if (!strcmp(arg, "auto")) {
			ss->forced = NULL;
			return 0;
		}
		if (!(l = findlang(arg))) {
			diag_warnx(ss->dg, "-L: unknown language: %s", arg);
			return 2;
		}
		ss->forced = l;
		return 0;
	case 'l':
		ss->mode = MODE_LINES;
		return 0;
	case 'u':
		ss->uflag = 1;
		return 0;
	case 'w':
		ss->mode = MODE_WRAP;
		return 0;
	}
	return 2;
}

static int
start(void *e, const struct rec_opt *o, struct rec_filter *f)
{
	struct sentsplit *ss = e;

	ss->limit = MAX(o->window, (size_t)CARRYMIN);
	ss->plain = o->mode == REC_PLAIN;
	if (ss->uflag)
		ss->mode = MODE_LINES;  /* every line feed is a boundary */
	ss->lang = ss->forced ? ss->forced : findlang("und");
	init_cls(ss);
	ss->rf = f;
	f->spans = 1;
	f->span_names = span_names;
	f->unit = REC_PARA;
	f->lone_cr = 1;         /* "\r\r" ends a paragraph too */
	f->fn = split;
	f->enddoc = enddoc;
	f->ctx = ss;
	f->counters = ss->counters;
	return 0;
}

static void
destroy(void *e)
{
	struct sentsplit *ss = e;

	free(ss->cbuf);
	free(ss->hbuf);
	free(ss->hunit);
	free(ss->counters);
	free(ss->cname);
	free(ss->cslot);
	free(ss);
}

static const struct opt_long longopts[] = {
	{ "explain", OPT_NONE, 'e' },
	{ "lang", OPT_REQUIRED, 'L' },
	{ "lines", OPT_NONE, 'l' },
	{ "uax29", OPT_NONE, 'u' },
	{ "wrapped", OPT_NONE, 'w' },
	{ NULL, 0, 0 }
};

const struct engine sentsplit_engine = {
	"sentsplit",
	"sentsplit [-eluwz] [-L lang] [--jsonl[=field]] [file ...]",
	"  -e, --explain       say each document's language on stderr\n"
	"  -L, --lang=LANG     language, or auto (default): each document's "
	"own\n"
	"  -l, --lines         every line break ends a sentence\n"
	"  -u, --uax29         Unicode's default sentence boundaries only\n"
	"  -w, --wrapped       join every single line break (hard-wrapped "
	"text)\n",
	"eL:luw",
	longopts,
	create,
	option,
	start,
	NULL,
	destroy,
	NULL,
};
