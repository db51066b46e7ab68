/* See LICENSE file for copyright and license details. */
/*
 * quotetag: find direct quotations in news text and who said them.
 *
 * One pass over each line pairs the quotation marks with a small stack
 * (curly, straight, guillemets, „…“, 「…」, single quotes told apart from
 * apostrophes); a quote still open at the end of a paragraph continues
 * when the next paragraph opens with a quotation mark, and is otherwise
 * cut there as "unclosed". Then each top-level quote is attributed from
 * two small windows of words around it (the rest of its sentence after
 * the closing mark, the start of its sentence before the opening mark)
 * with the word lists in data/quotetag/. All work is proportional to the
 * input: windows are bounded and never reach past a neighbouring quote.
 *
 * Markup: quotetag writes <q who="…" cue="…"> … </q>. A balanced pair of
 * exactly that form already in the input is taken as earlier output and
 * replaced, so that quotetag is idempotent; -u removes such pairs. Any
 * other "<q" or "</q>" is text, and a quote whose span holds one is left
 * untagged, so removing the tags always gives back the input.
 *
 * All state lives in struct quotetag (one per engine object): the word
 * table, the quotes of the document being read, and the output buffers.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <utf8proc.h>

#include "common/engine.h"
#include "common/io.h"
#include "common/json.h"
#include "common/rec.h"
#include "common/swar.h"
#include "common/utf8.h"
#include "common/util.h"
#include "filters/quotetag.h"
#include "filters/quotetag_data.h"

#define MAXQ QT_MAXQ    /* bytes an open mark waits for its close */
#define WIN QT_WIN      /* bytes of context on each side of a quote */
#define MAXTOK 200      /* tokens in one window */
#define MAXDEPTH 8      /* open marks kept on the stack */
#define MAXLINES 10     /* lines a quote open at a line end looks on */
#define MAXJQ QT_MAXJQ  /* --jsonl: quotes listed per record (a record
			 * whose field is already there is built in
			 * memory by jansson, about 2 KiB a quote) */
#define NONE ((size_t)-1)

enum { F_INLINE, F_JSONL, F_TSV };
enum { K_DIRECT, K_PARTIAL, K_UNCLOSED, K_OTHER, K_NESTED };
static const char kindname[][9] = { "direct", "partial", "unclosed",
	"other", "nested" };

/* quotation marks */
enum {
	M_DQA, M_DQL, M_DQR, M_DQLOW, M_GL, M_GR, M_CJL, M_CJR,  /* double */
	M_SQA, M_SQL, M_SQR, M_SQLOW, M_SGL, M_SGR, M_CJ2L, M_CJ2R, M_NONE
};
#define ISDOUBLE(k) ((k) <= M_CJR)

struct open {
	size_t pos;
	unsigned char len, kind;
};

struct cand {
	int ok, pron, gender;   /* gender: QT_MALE, QT_FEMALE or 0 */
	size_t sp_s, sp_e, nm_s, nm_e, cue_s, cue_e;
};

struct quote {
	size_t s, e;            /* span, marks included */
	size_t ls;              /* start of the line the quote opens on */
	size_t sp_s, sp_e;      /* speaker mention (NONE: no speaker) */
	size_t nm_s, nm_e;      /* speaker name as printed */
	size_t cue_s, cue_e;
	unsigned char dbl, closed, kind, cont, emit, own, pron, top;
	unsigned char hasalt, mk;  /* mk: the opening mark */
	unsigned char gender;   /* 'm', 'f' or 0 */
	size_t nx;              /* next attributed quote of the paragraph */
};

/* a cue in the paragraph before a quote, for quote qi (rarely needed) */
struct alt {
	size_t qi;
	struct cand c;
};

#define KEYSZ 24
struct tok {
	size_t s, e;
	int flags;
	char type;              /* 'w' word, else the punctuation class */
	unsigned char cap, poss;
	char key[KEYSZ];        /* lower case, NUL-padded (lookup) */
};

/*
 * Word lookups run for every word near a quote: an open-addressing hash
 * of the generated table, built by each engine object at start (bsearch
 * was a third of the time). A key is a token's key, NUL-padded to 16
 * bytes and read as two words, so that hashing and comparing it takes no
 * loop over its bytes.
 */
#define HBITS 11
#define HKEY 16
struct words {
	uint64_t key[1 << HBITS][2];    /* 0: an empty slot */
	int flags[1 << HBITS];
};

/* Where earlier markup was removed from the window: at clean offset
 * pos[i], and cum[i] bytes removed up to and including there. */
struct rmmap {
	size_t *pos, *cum;
	size_t n, cap;
};

struct quotetag {
	struct diag *dg;
	int aflag, sflag, uflag, fmt;
	int jmode;                      /* --jsonl records */
	struct rec_counter counters[4];
	struct words words;
	/* the window of the document being read */
	struct quote *qv;
	size_t nq, qcap;
	struct alt *altv;
	size_t nalt, altcap;
	const char *text;               /* without earlier markup */
	size_t tlen;
	const char *orig;               /* as given */
	size_t olen;
	size_t base;                    /* its offset in the document */
	int newdoc;
	struct buf clean;               /* text, when markup was removed */
	struct rmmap rm;
	struct tok ta[MAXTOK], tb[MAXTOK];      /* words after, before */
	/* output */
	struct buf tagged, chk;         /* putchecked */
	struct buf jscratch;            /* jstr */
};

static void
qpush(struct quotetag *qt, const struct quote *q)
{
	if (qt->nq == qt->qcap) {
		qt->qcap = qt->qcap ? qt->qcap * 2 : 64;
		qt->qv = erealloc(qt->qv, qt->qcap * sizeof(*qt->qv));
	}
	qt->qv[qt->nq++] = *q;
}

/* --- characters */

static inline int
isspacecp(uint32_t c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' ||
	       c == '\v' || c == 0xA0 || (c >= 0x2000 && c <= 0x200B) ||
	       c == 0x202F || c == 0x3000;
}

static inline int
isasciialnum(unsigned c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	       (c >= '0' && c <= '9');
}

static inline int
isalnumcp(uint32_t c)
{
	utf8proc_category_t k;

	if (c < 0x80)
		return isasciialnum(c);
	if (c == UTF8_INVALID)
		return 0;
	k = utf8proc_category((utf8proc_int32_t)c);
	return (k >= UTF8PROC_CATEGORY_LU && k <= UTF8PROC_CATEGORY_MC) ||
	       (k >= UTF8PROC_CATEGORY_ND && k <= UTF8PROC_CATEGORY_NO);
}

static int
isuppercp(uint32_t c)
{
	if (c < 0x80)
		return c >= 'A' && c <= 'Z';
	if (c == UTF8_INVALID)
		return 0;
	return utf8proc_category((utf8proc_int32_t)c) == UTF8PROC_CATEGORY_LU ||
	       utf8proc_category((utf8proc_int32_t)c) == UTF8PROC_CATEGORY_LT;
}

static uint32_t
cpat(const char *p, size_t n, size_t i)
{
	uint32_t c;

	if (i >= n)
		return '\n';
	utf8_decode(p + i, n - i, &c);
	return c;
}

static uint32_t
cpbefore(const char *p, size_t i)
{
	uint32_t c;
	size_t j;

	if (i == 0)
		return '\n';
	j = utf8_prev(p, i);
	utf8_decode(p + j, i - j, &c);
	return c;
}

/* The quotation mark at p[i], or M_NONE; its length in *len. */
static int
markat(const char *p, size_t n, size_t i, size_t *len)
{
	unsigned char a = (unsigned char)p[i], b, c;

	*len = 1;
	if (a == '"')
		return M_DQA;
	if (a == '\'')
		return M_SQA;
	if (i + 1 >= n)
		return M_NONE;
	b = (unsigned char)p[i + 1];
	if (a == 0xC2) {
		*len = 2;
		return b == 0xAB ? M_GL : b == 0xBB ? M_GR : M_NONE;
	}
	if (i + 2 >= n)
		return M_NONE;
	c = (unsigned char)p[i + 2];
	*len = 3;
	if (a == 0xE2 && b == 0x80) {
		switch (c) {
		case 0x98: return M_SQL;
		case 0x99: return M_SQR;
		case 0x9A: return M_SQLOW;
		case 0x9C: return M_DQL;
		case 0x9D: return M_DQR;
		case 0x9E: return M_DQLOW;
		case 0xB9: return M_SGL;
		case 0xBA: return M_SGR;
		}
	} else if (a == 0xE3 && b == 0x80) {
		switch (c) {
		case 0x8C: return M_CJL;
		case 0x8D: return M_CJR;
		case 0x8E: return M_CJ2L;
		case 0x8F: return M_CJ2R;
		}
	}
	return M_NONE;
}

static int
isopenpunct(uint32_t c)
{
	return c == '(' || c == '[' || c == '{' || c == '-' || c == '/' ||
	       c == 0x2014 || c == 0x2013 || c == '\n' || isspacecp(c) ||
	       c == 0x201C || c == 0x2018 || c == 0x201E || c == 0xAB ||
	       c == '"' || c == '\'' || c == 0x300C || c == ':';
}

static int
isclosepunct(uint32_t c)
{
	return isspacecp(c) || c == '.' || c == ',' || c == ';' || c == ':' ||
	       c == '!' || c == '?' || c == ')' || c == ']' || c == '}' ||
	       c == '-' || c == 0x2014 || c == 0x2013 || c == 0x2026 ||
	       c == 0x201D || c == 0x2019 || c == 0xBB || c == '"' ||
	       c == '\'' || c == '/';
}

/* --- pairing */

static int
closes(int open, int k)
{
	switch (open) {
	case M_DQA: return k == M_DQA || k == M_DQR;
	case M_DQL: return k == M_DQR || k == M_DQL || k == M_DQA;
	case M_DQR: return k == M_DQR;      /* Swedish ”…” */
	case M_DQLOW: return k == M_DQL || k == M_DQR || k == M_DQA;
	case M_GL: return k == M_GR;
	case M_GR: return k == M_GL;        /* German »…« */
	case M_CJL: return k == M_CJR;
	case M_SQA: return k == M_SQA || k == M_SQR;
	case M_SQL: return k == M_SQR;
	case M_SQLOW: return k == M_SQL || k == M_SQR;
	case M_SGL: return k == M_SGR;
	case M_SGR: return k == M_SGL;
	case M_CJ2L: return k == M_CJ2R;
	}
	return 0;
}

static void
addquote(struct quotetag *qt, size_t s, size_t e, size_t ls, int kind,
         int closed)
{
	struct quote q;

	memset(&q, 0, sizeof(q));
	q.s = s;
	q.e = e;
	q.ls = ls;
	q.dbl = ISDOUBLE(kind);
	q.closed = closed;
	q.mk = (unsigned char)kind;
	q.sp_s = q.sp_e = q.nm_s = q.nm_e = q.cue_s = q.cue_e = NONE;
	qpush(qt, &q);
}

/* End of the text before position e, without trailing spaces. */
static size_t
trimend(const char *p, size_t s, size_t e)
{
	while (e > s && (p[e - 1] == ' ' || p[e - 1] == '\t' ||
	                 p[e - 1] == '\r'))
		e--;
	return e;
}

/* A closing mark in opening position opened it: ”he said. */
#define WEAK(k) ((k) == M_DQR || (k) == M_GR || (k) == M_SGR)

/* Does mark k at the start of a paragraph repeat the open mark o (a
 * quote of several paragraphs)? */
static int
repeats(int o, int k)
{
	return k != M_NONE && ISDOUBLE(k) && !WEAK(o) && !WEAK(k) &&
	       k != M_CJR && (k == o || k == M_DQA || o == M_DQA ||
	       (k == M_DQL && o == M_DQLOW));
}

/* Is mark k at p[i, i + len) of the line p[, le) a close of open mark o?
 * Marks that only close may stand anywhere (“… data. ”, “…, ”he said);
 * others must stand after a word or punctuation, before a space,
 * punctuation or the line end. */
static int
closesat(const char *p, size_t le, size_t i, size_t len, int o, int k)
{
	uint32_t pc, nc;
	int lf, rf;

	if (!closes(o, k))
		return 0;
	if (!WEAK(o) && (k == M_DQR || k == M_CJR || (k == M_GR && o == M_GL) ||
	    (k == M_GL && o == M_GR)))
		return 1;
	pc = cpbefore(p, i);
	nc = cpat(p, le, i + len);
	lf = isopenpunct(pc) && !isspacecp(nc) && nc != '\n';
	rf = isclosepunct(nc) && !isspacecp(pc) && pc != '\n';
	if (rf && !lf)
		return 1;
	/* "…\n… nations. ": a straight mark that ends its line */
	for (i += len; i < le && (p[i] == ' ' || p[i] == '\t' ||
	     p[i] == '\r'); i++)
		;
	return o == M_DQA && k == M_DQA && i == le;
}

/*
 * The quote opened by o is still open at the end le of a line: does it
 * go on over the next lines (sentences one a line)? Yes if a mark that
 * closes it comes before any other double mark, or a paragraph opens
 * with a mark that repeats it; no at a blank line not followed by such a
 * paragraph, after MAXLINES lines or MAXQ bytes. Returns the position of
 * that mark, or NONE. The scan stops at the first double mark, so scans
 * from different quotes never overlap: linear time.
 */
static size_t
goeson(const char *p, size_t n, size_t le, const struct open *o)
{
	size_t ls, e, i, j, len, lim, lines;
	const char *nl;
	int k, blank;

	lim = o->pos + MAXQ < n ? o->pos + MAXQ : n;
	for (ls = le + 1, lines = 0; ls < lim && lines < MAXLINES; lines++) {
		nl = memchr(p + ls, '\n', lim - ls);
		e = nl ? (size_t)(nl - p) : lim;
		for (j = ls; j < e && (p[j] == ' ' || p[j] == '\t' ||
		     p[j] == '\r'); j++)
			;
		blank = j == e;
		if (blank) {
			/* the next paragraph must repeat the mark */
			while (j < lim && (p[j] == '\n' || p[j] == ' ' ||
			       p[j] == '\t' || p[j] == '\r'))
				j++;
			if (j >= lim)
				return NONE;
			nl = memchr(p + j, '\n', lim - j);
			e = nl ? (size_t)(nl - p) : lim;
		}
		k = markat(p, e, j, &len);
		if (repeats(o->kind, k))
			return j;
		if (blank)
			return NONE;
		for (i = ls; i < e; i++) {
			if ((k = markat(p, e, i, &len)) == M_NONE)
				continue;
			if (ISDOUBLE(k))
				return closesat(p, e, i, len, o->kind, k) ? i :
				       NONE;
			i += len - 1;
		}
		ls = e + 1;
	}
	return NONE;
}

/* The first byte of p[i, e) that hot allows, or e. Eight bytes without a
 * quote mark or a non-ASCII byte are stepped over at once. */
static size_t
nexthot(const char *p, size_t i, size_t e, const unsigned char *hot)
{
	uint64_t x;

	while (i < e) {
		if (i + 8 <= e) {
			x = swar_load(p + i, 8);
			if (!(swar_eq(x, '"') | swar_eq(x, '\'') |
			    (x & SWAR_HIGH))) {
				i += 8;
				continue;
			}
		}
		if (hot[(unsigned char)p[i]])
			break;
		i++;
	}
	return i;
}

/* What pairing knows between two marks: the open marks, innermost last. */
struct pairer {
	struct open st[MAXDEPTH];
	size_t nst;
	size_t stls;            /* start of the line st[0] opened on */
	size_t ls;              /* start of the current line */
	size_t skip;            /* a mark that repeats st[0], or NONE */
	size_t cont, contpos;   /* the close goeson found for st[0] at
	                         * contpos, or NONE */
};

/* A quotation mark p[i, i + len) of kind k, and its neighbours. */
struct mark {
	size_t i, len;
	int k;
	uint32_t pc, nc;        /* the characters before and after it */
	int lf, rf;             /* it can open (left-flanking), close */
};

/*
 * The open mark that m closes: its index in the stack, or -1. The
 * innermost one it can close, unless m is rather an open mark itself:
 *   “a “b          a second “ after a space opens
 *   x 'tis         a straight single mark before a word opens
 *   “a "b" c”      a straight mark inside curly ones, before a word
 *   ”a ”b          a second closing-only mark in opening position
 */
static int
closer(const struct pairer *pr, const struct mark *m)
{
	int idx, k = m->k, onlyright = m->rf && !m->lf;

	for (idx = (int)pr->nst - 1; idx >= 0; idx--)
		if (closes(pr->st[idx].kind, k))
			break;
	if (idx < 0)
		return -1;
	if ((k == M_SQL || k == M_DQL) && pr->st[idx].kind == k && !onlyright)
		return -1;
	if ((k == M_SQA || k == M_SQR) && m->lf && !m->rf)
		return -1;
	if (k == M_DQA && pr->st[idx].kind != M_DQA && !onlyright)
		return -1;
	if ((k == M_GR || k == M_SGR || k == M_DQR) &&
	    pr->st[idx].kind == k && !onlyright)
		return -1;
	return idx;
}

/*
 * Can m, closing nothing, open a quote?
 *   "a     a straight double mark before a word
 *   “a     curly, low and angle marks, but not before a digit (“90s)
 *   x ”a   a closing-only mark only in opening position
 *   x 'a   a straight single mark likewise, not before a digit ('90s)
 */
static int
canopen(const struct mark *m)
{
	switch (m->k) {
	case M_DQA:
		return !isspacecp(m->nc) && m->nc != '\n' &&
		       !(m->rf && !m->lf);
	case M_DQL: case M_DQLOW: case M_GL: case M_CJL:
	case M_SQL: case M_SQLOW: case M_SGL: case M_CJ2L:
		return !(m->nc >= '0' && m->nc <= '9');
	case M_DQR: case M_GR: case M_SGR:
		return m->lf && !m->rf;
	case M_SQA:
		return m->lf && !m->rf && !(m->nc >= '0' && m->nc <= '9');
	}
	return 0;
}

/* Take mark m of the line p[, le): give up a mark that waited too long,
 * then close, or open. */
static void
pairmark(struct quotetag *qt, struct pairer *pr, const char *p,
         const struct mark *m)
{
	const struct open *o;
	int idx;

	/* an open mark that waited too long is given up */
	if (pr->nst > 0 && m->i - pr->st[0].pos > MAXQ) {
		o = &pr->st[0];
		addquote(qt, o->pos, trimend(p, o->pos, m->i), pr->stls,
		         o->kind, 0);
		pr->nst = 0;
	}
	if ((idx = closer(pr, m)) >= 0) {
		o = &pr->st[idx];
		/* "": nothing quoted */
		if (m->i != o->pos + o->len)
			addquote(qt, o->pos, m->i + m->len,
			         idx == 0 ? pr->stls : pr->ls, o->kind, 1);
		pr->nst = (size_t)idx;
	} else if (canopen(m) && pr->nst < MAXDEPTH) {
		if (pr->nst == 0)
			pr->stls = pr->ls;
		pr->st[pr->nst].pos = m->i;
		pr->st[pr->nst].len = (unsigned char)m->len;
		pr->st[pr->nst].kind = (unsigned char)m->k;
		pr->nst++;
	}
}

/* What becomes of a quote still open at the end of its line. */
enum {
	EOL_REPEAT,     /* the next paragraph opens with its mark again */
	EOL_GOESON,     /* its close is on a following line */
	EOL_DROP,       /* ”he said. opened nothing */
	EOL_UNCLOSED    /* it ends here, unclosed */
};

/* The fate of the quote open at the end le of a line (pr->st[0]). */
static int
eolfate(struct pairer *pr, const char *p, size_t n, size_t le)
{
	const struct open *o = &pr->st[0];
	size_t j = le, len;
	int k;

	/* the next non-blank line opens with a mark that repeats it */
	while (j < n && j - le < WIN && (p[j] == '\n' || p[j] == ' ' ||
	       p[j] == '\t' || p[j] == '\r'))
		j++;
	k = j < n ? markat(p, n, j, &len) : M_NONE;
	if (j - o->pos <= MAXQ && repeats(o->kind, k)) {
		pr->skip = j;
		return EOL_REPEAT;
	}
	if (pr->cont != NONE && pr->contpos == o->pos && le < pr->cont)
		return EOL_GOESON;
	if (j < n && p[le + 1] != '\n' &&
	    (pr->cont = goeson(p, n, le, o)) != NONE) {
		pr->contpos = o->pos;
		return EOL_GOESON;
	}
	return WEAK(o->kind) ? EOL_DROP : EOL_UNCLOSED;
}

/* The end le of a line: single marks left open were apostrophes; a
 * double one goes on, or ends. */
static void
pairline(struct quotetag *qt, struct pairer *pr, const char *p, size_t n,
         size_t le)
{
	const struct open *o = &pr->st[0];

	while (pr->nst > 0 && !ISDOUBLE(pr->st[pr->nst - 1].kind))
		pr->nst--;
	if (pr->nst > 0 && !ISDOUBLE(o->kind))
		pr->nst = 0;
	pr->skip = NONE;
	if (pr->nst == 0)
		return;
	switch (eolfate(pr, p, n, le)) {
	case EOL_REPEAT:
	case EOL_GOESON:
		pr->nst = 1;
		break;
	case EOL_DROP:
		pr->nst = 0;
		break;
	case EOL_UNCLOSED:
		addquote(qt, o->pos, trimend(p, o->pos, le), pr->stls, o->kind,
		         0);
		pr->nst = 0;
		break;
	}
}

/* Pair the marks of the whole text p[0, n) line by line. */
static void
pairmarks(struct quotetag *qt, const char *p, size_t n)
{
	static const unsigned char hot[256] = {
		['"'] = 1, ['\''] = 1, [0xC2] = 1, [0xE2] = 1, [0xE3] = 1
	};
	struct pairer pr;
	struct mark m;
	size_t le, i;
	const char *nl;

	memset(&pr, 0, sizeof(pr));
	pr.skip = pr.cont = pr.contpos = NONE;
	while (pr.ls < n) {
		nl = memchr(p + pr.ls, '\n', n - pr.ls);
		le = nl ? (size_t)(nl - p) : n;
		for (i = pr.ls; (i = nexthot(p, i, le, hot)) < le; i++) {
			if ((m.k = markat(p, le, i, &m.len)) == M_NONE)
				continue;
			m.i = i;
			i += m.len - 1;
			if (m.i == pr.skip)
				continue;
			m.pc = cpbefore(p, m.i);
			m.nc = cpat(p, le, m.i + m.len);
			if ((m.k == M_SQA || m.k == M_SQR) && isalnumcp(m.pc) &&
			    isalnumcp(m.nc))
				continue;       /* don't, O’Brien */
			m.lf = isopenpunct(m.pc) && !isspacecp(m.nc) &&
			       m.nc != '\n';
			m.rf = isclosepunct(m.nc) && !isspacecp(m.pc) &&
			       m.pc != '\n';
			pairmark(qt, &pr, p, &m);
		}
		pairline(qt, &pr, p, n, le);
		pr.ls = le + 1;
	}
	if (pr.nst > 0 && !WEAK(pr.st[0].kind))
		addquote(qt, pr.st[0].pos, trimend(p, pr.st[0].pos, n), pr.stls,
		         pr.st[0].kind, 0);
}

static int
qcmp(const void *a, const void *b)
{
	const struct quote *x = a, *y = b;

	if (x->s != y->s)
		return x->s < y->s ? -1 : 1;
	if (x->e != y->e)
		return x->e > y->e ? -1 : 1;
	return 0;
}

/* --- words */

static size_t
hslot(uint64_t k0, uint64_t k1)
{
	uint64_t h = k0 * 0x9e3779b97f4a7c15ULL ^ k1 * 0xc2b2ae3d27d4eb4fULL;

	return (size_t)(h >> (64 - HBITS));
}

/* Build the hash of the generated word table. Its size and its words'
 * lengths are invariants of the generator: abort if they do not hold. */
static void
hinit(struct words *w)
{
	char key[HKEY];
	uint64_t k0, k1;
	size_t i, j, n;

	if (qt_nwords * 2 > LEN(w->key))
		abort();        /* word table too large for the hash */
	memset(w, 0, sizeof(*w));
	for (i = 0; i < qt_nwords; i++) {
		n = strlen(qt_words[i].w);
		if (n == 0 || n >= HKEY)
			abort();        /* not 1 to HKEY - 1 bytes */
		memset(key, 0, sizeof(key));
		memcpy(key, qt_words[i].w, n);
		memcpy(&k0, key, 8);
		memcpy(&k1, key + 8, 8);
		for (j = hslot(k0, k1); w->key[j][0];
		     j = (j + 1) & (LEN(w->key) - 1))
			;
		w->key[j][0] = k0;
		w->key[j][1] = k1;
		w->flags[j] = qt_words[i].flags;
	}
}

/* The flags of the word key, a token's key: NUL-padded to its end. */
static int
lookup(const struct words *w, const char key[KEYSZ])
{
	uint64_t k0, k1;
	size_t j;

	if (key[HKEY - 1])
		return 0;       /* longer than any word of the table */
	memcpy(&k0, key, 8);
	memcpy(&k1, key + 8, 8);
	for (j = hslot(k0, k1); w->key[j][0]; j = (j + 1) & (LEN(w->key) - 1))
		if (w->key[j][0] == k0 && w->key[j][1] == k1)
			return w->flags[j];
	return 0;
}

static char
punctclass(uint32_t c)
{
	switch (c) {
	case '.': case '!': case '?': case 0x2026:
		return '.';
	case ',': return ',';
	case ':': return ':';
	case ';': return ';';
	case '(': case '[': return '(';
	case ')': case ']': return ')';
	case '-': case 0x2013: case 0x2014: return '-';
	case '"': case '\'': case 0x201C: case 0x201D: case 0x2018:
	case 0x2019: case 0x201E: case 0xAB: case 0xBB: case 0x2039:
	case 0x203A: case 0x300C: case 0x300D:
		return 'q';
	}
	return 'o';
}

/* Split p[a, b) into tokens, at most max; return how many. */
static size_t
tokenize(const struct words *w, const char *p, size_t a, size_t b,
         struct tok *tv, size_t max)
{
	size_t i = a, k, nt = 0, kl, s, j;
	uint32_t c, c2;
	struct tok *t;
	int dots;

	while (i < b && nt < max) {
		k = utf8_decode_fast(p + i, b - i, &c);
		if (isspacecp(c)) {
			i += k;
			continue;
		}
		t = &tv[nt++];
		t->s = i;
		t->flags = 0;
		t->cap = 0;
		t->poss = 0;
		if (!isalnumcp(c)) {
			t->type = punctclass(c);
			t->e = i + k;
			t->key[0] = '\0';
			i += k;
			continue;
		}
		t->type = 'w';
		memset(t->key, 0, sizeof(t->key));
		t->cap = (unsigned char)isuppercp(c);
		s = i;
		kl = 0;
		dots = 0;
		for (;;) {
			if (isasciialnum(c)) {
				/* a run of ASCII letters and digits */
				do {
					c = (unsigned char)p[i++];
					if (kl < sizeof(t->key) - 2)
						t->key[kl++] = (char)(c | (c >= 'A' &&
						    c <= 'Z' ? 0x20 : 0));
				} while (i < b && isasciialnum((unsigned char)p[i]));
			} else if (isalnumcp(c)) {
				if (c >= 0x80 && kl + k < sizeof(t->key) - 2)
					for (j = 0; j < k; j++)
						t->key[kl++] = p[i + j];
				i += k;
			} else if ((c == '\'' || c == 0x2019 || c == '-' ||
			            c == '.' || c == '&') && i + k < b) {
				utf8_decode(p + i + k, b - i - k, &c2);
				if (!isalnumcp(c2) && (c == '\'' || c == 0x2019) &&
				    kl > 0 && t->key[kl - 1] == 's' && t->cap &&
				    isspacecp(c2)) {
					/* "Sanders' campaign": a possessive */
					if (kl < sizeof(t->key) - 2)
						t->key[kl++] = '\'';
					i += k;
					break;
				}
				if (!isalnumcp(c2))
					break;
				if (kl < sizeof(t->key) - 2)
					t->key[kl++] = c == 0x2019 ? '\'' : (char)c;
				dots += c == '.';
				i += k;
			} else {
				break;
			}
			if (i >= b)
				break;
			k = utf8_decode_fast(p + i, b - i, &c);
		}
		t->key[kl] = '\0';
		if (i < b && p[i] == '.') {
			t->key[kl] = '.';
			t->key[kl + 1] = '\0';
			/* what follows the full stop: "R-Ky., said" */
			for (j = i + 1; j < b && (p[j] == ' ' || p[j] == '\t'); j++)
				;
			if (dots > 0 || (i - s == 1 && t->cap) ||
			    (lookup(w, t->key) & QT_ABBR) || (j < b &&
			    (p[j] == ',' || p[j] == ')' || (p[j] >= 'a' &&
			    p[j] <= 'z'))))
				i++;
			else
				t->key[kl] = '\0';
		}
		t->e = i;
		if ((kl >= 2 && t->key[kl - 1] == 's' && t->key[kl - 2] == '\'') ||
		    (kl >= 2 && t->key[kl - 1] == '\'' && t->key[kl - 2] == 's'))
			t->poss = 1;
		t->flags = lookup(w, t->key);
	}
	return nt;
}

static int
isadv(const struct tok *t)
{
	size_t n = strlen(t->key);

	return t->type == 'w' && ((t->flags & QT_ADV) || (!t->cap &&
	       n > 4 && t->key[n - 2] == 'l' && t->key[n - 1] == 'y'));
}

static int
isnameword(const struct tok *t)
{
	return t->type == 'w' && t->cap && !t->poss &&
	       !(t->flags & (QT_TITLE | QT_DET | QT_STOP | QT_PRON | QT_CUE));
}

/* Does tv[j] go on a name that tv[i, j) began? "United States" (a cue
 * word in capitals), "Bill de Blasio" (a particle before a capital). */
static int
namegoes(const struct tok *tv, size_t i, size_t j, size_t b)
{
	const struct tok *t = &tv[j];

	if (isnameword(t))
		return 1;
	if (j == i || t->type != 'w')
		return 0;
	if (t->cap && !t->poss && (t->flags & QT_SAY) &&
	    !(t->flags & (QT_TITLE | QT_DET | QT_STOP | QT_PRON)))
		return 1;
	return !t->cap && (t->flags & QT_PART) && j + 1 < b &&
	       isnameword(&tv[j + 1]);
}

/* The longest run of name words in tv[a, b): its text span. */
static int
namein(const struct tok *tv, size_t a, size_t b, size_t *ns, size_t *ne)
{
	size_t i, j, k, best = 0, last = 0;

	for (i = a; i < b; i = j + 1) {
		for (j = i; j < b && namegoes(tv, i, j, b); j++)
			;
		/* the last run heads the phrase: "United States national
		 * security adviser Robert O'Brien" */
		if (j - i > best || (j == b && j - i >= 2 && j - i == best)) {
			best = j - i;
			last = j;
			*ns = tv[i].s;
			*ne = tv[j - 1].e;
		}
	}
	if (best == 0)
		return 0;
	/* a common noun heads it: "United States officials", "Huawei
	 * spokesman" */
	for (k = last; k < b && tv[k].type == 'w' && !tv[k].cap &&
	     !(tv[k].flags & (QT_DET | QT_STOP | QT_PRON | QT_CUE)); k++)
		;
	if (k > last && k == b)
		*ne = tv[b - 1].e;
	return 1;
}

/* Does tv[a, b) read as a description ("security chief", "Huawei's")? */
static int
descriptive(const struct tok *tv, size_t a, size_t b)
{
	size_t i;

	for (i = a; i < b; i++)
		if (tv[i].poss || (tv[i].flags & QT_TITLE) ||
		    (!tv[i].cap && !(tv[i].flags & QT_DET)))
			return 1;
	return 0;
}

static void
setnp(struct cand *c, const struct tok *tv, size_t a, size_t b)
{
	size_t i;

	c->gender = 0;
	for (i = a; i < b && !c->gender; i++)
		c->gender = tv[i].flags & (QT_MALE | QT_FEMALE);
	c->ok = 1;
	c->sp_s = tv[a].s;
	c->sp_e = tv[b - 1].e;
	c->pron = 0;
	if (b - a == 1 && (tv[a].flags & QT_PRON)) {
		c->pron = tv[a].flags & QT_PRON;
		c->nm_s = tv[a].s;
		c->nm_e = tv[a].e;
	} else if (!namein(tv, a, b, &c->nm_s, &c->nm_e)) {
		/* "this same The official": from the last determiner */
		for (i = b - 1; i-- > a;)
			if (tv[i].flags & QT_DET) {
				a = i + 1;
				break;
			}
		c->nm_s = tv[a].s;
		c->nm_e = tv[b - 1].e;
	}
}

/* Can tv[i] stand in a speaker noun phrase? */
static int
npword(const struct tok *t)
{
	if (t->type != 'w')
		return 0;
	if (t->flags & (QT_STOP | QT_PRON | QT_ADV))
		return 0;
	if ((t->flags & QT_CUE) && !t->cap)
		return 0;
	return 1;
}

static int np_back(const char *, size_t, const struct tok *, size_t, size_t,
                   struct cand *, int);

/* Start of the run of words (and brackets) that ends before tv[j]. */
static size_t
segstart(const struct tok *tv, size_t lo, size_t j)
{
	size_t k;

	for (k = j; k > lo && j - k < 20; k--)
		if (tv[k - 1].type != 'w' && tv[k - 1].type != '(' &&
		    tv[k - 1].type != ')')
			break;
	return k;
}

/* Does a comma-separated segment starting at t describe, not name? */
static int
appositive(const struct tok *t)
{
	return t->type == 'w' && (!t->cap ||
	       (t->flags & (QT_DET | QT_TITLE | QT_PRON_R)));
}

/* The noun phrase that starts at tv[i], up to hi. */
static int
np_fwd(const struct tok *tv, size_t i, size_t hi, struct cand *c)
{
	size_t j, k, m;

	if (i >= hi || tv[i].type != 'w')
		return 0;
	if ((tv[i].flags & QT_PRON) && !(tv[i].flags & QT_PRON_R)) {
		setnp(c, tv, i, i + 1);
		return 1;
	}
	for (j = i; j < hi && j - i < 8 && npword(&tv[j]); j++)
		;
	if (j == i)
		return 0;
	/* "Huawei's security chief, Andy Purdy," */
	if (j + 1 < hi && tv[j].type == ',' && descriptive(tv, i, j)) {
		for (k = j + 1; k < hi && k - j <= 4 && isnameword(&tv[k]); k++)
			;
		m = k;
		if (k > j + 1 && (k == hi || tv[k].type != 'w' ||
		    (tv[k].flags & QT_STOP))) {
			setnp(c, tv, i, m);
			namein(tv, j + 1, m, &c->nm_s, &c->nm_e);
			return 1;
		}
	}
	setnp(c, tv, i, j);
	return 1;
}

/* The noun phrase that ends just before tv[i] (a cue), down to lo; tv
 * holds the words of the text p[0, n). */
static int
np_back(const char *p, size_t n, const struct tok *tv, size_t lo, size_t i,
        struct cand *c, int depth)
{
	size_t j, end, start, k, m, w;

	j = i;
	while (j > lo && isadv(&tv[j - 1])) {
		j--;
		if (j > lo && !strcmp(tv[j - 1].key, "on"))
			j--;
	}
	if (j == lo)
		return 0;
	j--;
	/* "Rep. Gwen Moore (D-Wis.) said" */
	if (tv[j].type == ')') {
		for (k = j; k > lo && j - k < 8 && tv[k].type != '('; k--)
			;
		if (tv[k].type == '(' && k > lo && j - k < 8)
			j = k - 1;
	}
	if (tv[j].type == ',' && depth == 0) {
		/* "Smith, the mayor, said", "Smith, who leads it, said",
		 * "Pruitt, the attorney general, one of the critics, said" */
		k = segstart(tv, lo, j);
		while (k > lo && tv[k - 1].type == ',' && appositive(&tv[k])) {
			m = segstart(tv, lo, k - 1);
			if (m == lo || tv[m - 1].type != ',' || !appositive(&tv[m]))
				break;
			k = m;
		}
		if (k > lo && tv[k - 1].type == ',' &&
		    np_back(p, n, tv, lo, k - 1, c, 1)) {
			c->sp_e = tv[j - 1].e;
			/* "The budget director, Alan Park, said" */
			if (!c->pron && !isuppercp(cpat(p, n, c->nm_s)))
				namein(tv, k, j, &c->nm_s, &c->nm_e);
			return 1;
		}
		return 0;
	}
	if (tv[j].type != 'w')
		return 0;
	if (tv[j].flags & QT_PRON) {
		if ((tv[j].flags & QT_PRON_R) && j > lo && tv[j - 1].type == ',')
			if (np_back(p, n, tv, lo, j - 1, c, 1))
				return 1;
		setnp(c, tv, j, j + 1);
		return 1;
	}
	end = j + 1;
	for (w = 0; w < 10 && npword(&tv[j]); w++) {
		if (j == lo) {
			j = NONE;
			break;
		}
		j--;
	}
	start = j == NONE ? lo : j + 1;
	for (k = start; k < end && (tv[k].flags & QT_DET); k++)
		;
	if (k == end)
		return 0;       /* French "a déclaré": no noun phrase */
	if (j != NONE && !npword(&tv[j]) && start == end)
		return 0;
	if (start >= end)
		return 0;
	/* "Andy Purdy, Huawei's security chief, told" */
	if (start > lo + 1 && tv[start - 1].type == ',' &&
	    descriptive(tv, start, end)) {
		for (k = start - 1; k > lo && start - 1 - k < 4 &&
		     isnameword(&tv[k - 1]); k--)
			;
		if (k < start - 1 && (k == lo || tv[k - 1].type != 'w' ||
		    ((tv[k - 1].flags & (QT_STOP | QT_CUE)) && !(tv[k - 1].cap &&
		    (tv[k - 1].flags & QT_STOP))))) {
			setnp(c, tv, k, end);
			return 1;
		}
	}
	setnp(c, tv, start, end);
	return 1;
}

static void
setcue(struct cand *c, const struct tok *tv, size_t i, size_t j)
{
	c->cue_s = tv[i].s;
	c->cue_e = tv[j].e;
}

/* Speaker of a cue at tv[i] in tv[lo, hi), words of p[0, n). */
static int
fromcue(const char *p, size_t n, const struct tok *tv, size_t lo, size_t i,
        size_t hi, struct cand *c, int after)
{
	size_t j, k, e;

	memset(c, 0, sizeof(*c));
	if (tv[i].flags & QT_ACC) {
		/* "according to X"; "selon X", "laut X", "según X" */
		j = i + 1;
		if (!strcmp(tv[i].key, "according")) {
			if (j >= hi || strcmp(tv[j].key, "to"))
				return 0;
			j++;
		}
		setcue(c, tv, i, j - 1);
		return np_fwd(tv, j, hi, c);
	}
	setcue(c, tv, i, i);
	if ((tv[i].flags & QT_GER) || (!after && i > lo &&
	    (tv[i - 1].flags & QT_STOP) && !np_back(p, n, tv, lo, i, c, 0))) {
		if (after)
			return 0;
		/* the subject of the clause: its first pronoun or name */
		for (j = lo; j < i; j++) {
			if (tv[j].type == 'w' && (tv[j].flags & QT_PRON) &&
			    !(tv[j].flags & QT_PRON_R)) {
				setnp(c, tv, j, j + 1);
				return 1;
			}
			if (!isnameword(&tv[j]))
				continue;
			/* to its last name word: "Huawei security chief
			 * Andy Purdy also went out to deny"; to a cue verb
			 * right after it: "The Chinese producer denies" */
			for (k = j + 1, e = j + 1; k < i && k - j < 8 &&
			     npword(&tv[k]); k++)
				if (isnameword(&tv[k]))
					e = k + 1;
			if (k < i && tv[k].type == 'w' && !tv[k].cap &&
			    (tv[k].flags & QT_CUE))
				e = k;
			return np_back(p, n, tv, lo, e, c, 1) ||
			       (setnp(c, tv, j, e), 1);
		}
		return 0;
	}
	if (i > lo && np_back(p, n, tv, lo, i, c, 0))
		return 1;
	if ((tv[i].flags & QT_TELL) && !after)
		return 0;
	j = i + 1;
	if (j + 1 < hi && !strcmp(tv[j].key, "from"))
		j++;    /* "a comment from WSJ journalists:" */
	while (j < hi && isadv(&tv[j]))
		j++;
	return np_fwd(tv, j, hi, c);
}

/* --- attribution */

/* A cue word, unless a determiner makes it a plural noun: "the states",
 * "his comments" (but "a comment from X:" and French "a dit" are cues). */
static int
iscue(const struct tok *tv, size_t i)
{
	size_t n = strlen(tv[i].key);

	return (tv[i].flags & QT_CUE) && !(i > 0 && tv[i - 1].type == 'w' &&
	       (tv[i - 1].flags & QT_DET) && n > 1 && tv[i].key[n - 1] == 's');
}

static int
sentend(const struct tok *t)
{
	return t->type == '.' || t->type == 'q' || t->type == ';';
}

/* The runs of bytes other than space, tab and newline in p[s, e), eight
 * bytes at a time: a run starts where such a byte follows a blank. */
static size_t
nwords(const char *p, size_t s, size_t e)
{
	uint64_t x, m, prev = 0;
	size_t i, n = 0;

	for (i = s; i < e; i += 8) {
		x = swar_load(p + i, e - i);
		m = ~(swar_eq(x, ' ') | swar_eq(x, '\n') | swar_eq(x, '\t'));
		m = swar_bits(m) & (e - i >= 8 ? 0xff : (1u << (e - i)) - 1);
		n += (size_t)__builtin_popcountll(m & ~(m << 1 | prev));
		prev = m >> 7 & 1;
	}
	return n;
}

/* Are all words of p[s, e) longer than three letters capitalised? */
static int
titlecase(const char *p, size_t s, size_t e)
{
	size_t i, w, k;
	uint32_t c, first = 0;

	for (i = s; i < e;) {
		k = utf8_decode(p + i, e - i, &c);
		if (!isalnumcp(c)) {
			i += k;
			continue;
		}
		first = c;
		for (w = 0; i < e; w++) {
			k = utf8_decode(p + i, e - i, &c);
			if (!isalnumcp(c) && c != '\'' && c != 0x2019 && c != '-')
				break;
			i += k;
		}
		if (w > 3 && !isuppercp(first) && !(first >= '0' && first <= '9'))
			return 0;
		if (i < e && (c == '!' || c == '?'))
			return 0;
	}
	return first != 0;
}

/* Where the words after p[s] that may attribute quote qi end: at the end
 * of the line, at the next quote, or WIN bytes on. */
static size_t
afterend(const struct quotetag *qt, const char *p, size_t n, size_t s,
         size_t qi)
{
	size_t lim = MIN(n - s, (size_t)WIN), e, j;
	const char *nl = memchr(p + s, '\n', lim);

	e = nl ? (size_t)(nl - p) : s + lim;
	for (j = qi + 1; j < qt->nq; j++)
		if (qt->qv[j].top) {
			if (qt->qv[j].s < e)
				e = qt->qv[j].s;
			break;
		}
	return e;
}

/* Where the words before p[e] that may attribute quote qi start: at s,
 * or after the previous quote if it ends between s and e. */
static size_t
beforestart(const struct quotetag *qt, size_t s, size_t e, size_t qi)
{
	size_t j;

	for (j = qi; j-- > 0;)
		if (qt->qv[j].top) {
			if (qt->qv[j].e > s && qt->qv[j].e <= e)
				s = qt->qv[j].e;
			break;
		}
	return s;
}

/*
 * Attribution reads three things: the words after the quote (the rest of
 * its line, up to the next quote: ta[0, na)), the words before it (its
 * line from the previous quote: tb[0, nb)), and the quote itself. The
 * steps below each look at one of them and name a candidate speaker or
 * a fact; attribute() decides.
 */
struct around {
	struct tok *ta, *tb;
	size_t na, nb;
	size_t a1;              /* where the words after end */
};

/* What the quote looks like, inside and at its edges. */
struct shape {
	size_t cs, ce;          /* its words, without marks and spaces */
	size_t nw;              /* how many words */
	int termin;             /* it ends with . ! ? or … */
	int fullstop;           /* ... with . or … ("Why?" he asked.) */
	int comma;              /* with a comma, inside or right after */
	int capstart;           /* it starts like a sentence */
	int linestart;          /* nothing before it on its line */
	int bcolon, bcomma;     /* a colon or a comma right before it */
};

/* Thresholds of the steps, in words (tokens) or bytes. */
enum {
	CUE_AFTER_COMMA = 20,   /* how far a cue may follow "…," or "…?" */
	CUE_AFTER_STOP = 6,     /* ... and "….": "“We won.” Smith said." */
	NEXTLINE_TOKS = 6,      /* the short sentence on the next line */
	COLON_TOKS = 8,         /* a name before a colon: "Rep. Trey Gowdy
	                         * (R-S.C.): “…”" */
	DIRECT_WORDS = 3,       /* a quote opening its line or after a
	                         * colon, as long as "We will win", is said */
	SAID_WORDS = 2,         /* a direct quote says at least this much */
	LONG_WORDS = 6,         /* ... and this much needs no cue */
	CJK_WORD = 4,           /* bytes of a CJK word (1.5 characters) */
	CAPS_BYTES = 40,        /* a speaker in capitals: "PENCE: Well," */
	NAME_BYTES = 60,        /* bytes read for "Chris Matthews: …" */
	NAME_WORDS = 4,         /* ... and its name words, at most */
	TITLE_MIN = 2,          /* words of a title: on “Meet the Press” */
	TITLE_MAX = 8,
	ID_BYTES = 40           /* a quoted number or id: "773113752271" */
};

/* The words after and before quote qi of the text p[0, n). */
static void
around(struct quotetag *qt, const char *p, size_t n, size_t qi,
       struct around *w)
{
	const struct quote *q = &qt->qv[qi];
	size_t b0;

	w->ta = qt->ta;
	w->tb = qt->tb;
	/* after: to the end of the line, or the next quote */
	w->a1 = afterend(qt, p, n, q->e, qi);
	/* before: from the start of the line, or the previous quote */
	b0 = q->s - q->ls > WIN ? q->s - WIN : q->ls;
	b0 = beforestart(qt, b0, q->s, qi);
	w->na = tokenize(&qt->words, p, q->e, w->a1, w->ta, MAXTOK);
	w->nb = tokenize(&qt->words, p, b0, q->s, w->tb, MAXTOK);
}

/* The shape of quote q in p[0, n), with the words w around it. */
static void
shapeof(const char *p, size_t n, const struct quote *q,
        const struct around *w, struct shape *s)
{
	size_t i, j, cs, ce;
	uint32_t c;

	/* its words: without the marks at either end */
	for (i = q->s; i < q->e && markat(p, q->e, i, &j) != M_NONE; i += j)
		;
	cs = i;
	ce = q->e;
	while (ce > cs) {
		i = utf8_prev(p, ce);
		if (markat(p, ce, i, &j) == M_NONE || i + j != ce)
			break;
		ce = i;
	}
	ce = trimend(p, cs, ce);
	s->cs = cs;
	s->ce = ce;
	c = cpbefore(p, ce);
	s->termin = c == '.' || c == '!' || c == '?' || c == 0x2026;
	s->fullstop = c == '.' || c == 0x2026;
	s->comma = c == ',' || (w->na > 0 && w->ta[0].type == ',' &&
	           w->ta[0].s == q->e);
	c = cpat(p, n, cs);
	s->capstart = isuppercp(c) || (c >= '0' && c <= '9') || c == '[' ||
	              c == 0x2026 || c == '.';
	s->linestart = w->nb == 0 && trimend(p, q->ls, q->s) == q->ls;
	s->bcolon = w->nb > 0 && w->tb[w->nb - 1].type == ':';
	s->bcomma = w->nb > 0 && w->tb[w->nb - 1].type == ',';
	s->nw = nwords(p, cs, ce);
	if (q->mk == M_CJL && ce - cs > s->nw * CJK_WORD)
		s->nw = (ce - cs) / CJK_WORD;
}

/*
 * Does the quote read as something said (direct), not a fragment inside
 * reported speech (partial)?
 *   “We won.” / “We won,”      a sentence: a capital, then . ! ? …  or ,
 *   Smith: “We will win”       three words after a colon or opening a
 *                              line
 *   “We will win               unclosed (it ran to its line's end)
 */
static int
isdirect(const struct shape *s, int closed)
{
	int sentlike = s->capstart && (s->termin || s->comma);

	return sentlike || ((s->linestart || s->bcolon) &&
	       s->nw >= DIRECT_WORDS) || !closed;
}

/* “…?”\nClinton said. — one sentence a line (sentsplit): when nothing
 * follows the quote on its line, the short sentence on the next line is
 * the rest of its sentence. */
static void
nextline(struct quotetag *qt, const char *p, size_t n, size_t qi,
         const struct shape *s, struct around *w)
{
	const struct quote *q = &qt->qv[qi];
	size_t a1 = w->a1, le, i;

	if (w->na > 0 || a1 >= n || a1 - q->e >= WIN || p[a1] != '\n' ||
	    !s->termin || a1 + 1 >= n || p[a1 + 1] == '\n' ||
	    p[a1 + 1] == '\r')
		return;
	le = afterend(qt, p, n, a1 + 1, qi);
	w->na = tokenize(&qt->words, p, a1 + 1, le, w->ta, MAXTOK);
	for (i = 0; i < w->na && !sentend(&w->ta[i]); i++)
		;
	if (i == w->na || i > NEXTLINE_TOKS)
		w->na = 0;
}

/* After: the first cue of the rest of the sentence, near enough, and not
 * after a word of its own ("“Yes,” the man who said no"). */
static void
cueafter(const char *p, size_t n, const struct shape *s,
         const struct around *w, struct cand *ca)
{
	const struct tok *ta = w->ta;
	size_t lim, hi, i, lo;

	lim = (s->comma || !s->fullstop) ? CUE_AFTER_COMMA : CUE_AFTER_STOP;
	hi = w->na;
	for (i = 0; i < w->na; i++)
		if (sentend(&ta[i]) || ta[i].type == ':') {
			hi = i;
			break;
		}
	for (i = 0; i < hi && i < lim; i++) {
		if (ta[i].type != 'w' || !iscue(ta, i) || (ta[i].cap && i > 0))
			continue;
		lo = 0;
		while (lo < i && ta[lo].type != 'w')
			lo++;
		if (lo > 0 && ta[lo - 1].type != ',' &&
		    ta[lo - 1].type != '-' && ta[lo - 1].type != '(')
			break;
		fromcue(p, n, ta, lo, i, hi, ca, 1);
		break;
	}
}

/* Before: the last cue of the sentence so far ("Smith said: “…”"), not
 * a capitalised one inside it. Returns where the sentence starts. */
static size_t
cuebefore(const char *p, size_t n, const struct around *w,
          struct cand *cb)
{
	const struct tok *tb = w->tb;
	size_t lo = 0, i, nb = w->nb;

	for (i = nb; i-- > 0;)
		if (sentend(&tb[i])) {
			lo = i + 1;
			break;
		}
	for (i = nb; i-- > lo;)
		if (tb[i].type == 'w' && iscue(tb, i) && (!tb[i].cap ||
		    i == lo || (tb[i].flags & QT_ACC))) {
			fromcue(p, n, tb, lo, i, nb, cb, 0);
			break;
		}
	return lo;
}

/* "Bush: “The mission is…”", "Rep. Trey Gowdy (R-S.C.):", "… – Philip
 * Bump:": a name right before the colon, from the sentence start lo. */
static void
colonname(const struct around *w, size_t lo, struct cand *cb)
{
	const struct tok *tb = w->tb;
	size_t nb = w->nb, i, k, ns, ne;

	for (i = nb - 1; i > lo && nb - 1 - i < COLON_TOKS &&
	     ((tb[i - 1].type == 'w' &&
	       !(tb[i - 1].flags & (QT_STOP | QT_CUE))) ||
	      tb[i - 1].type == '(' || tb[i - 1].type == ')'); i--)
		;
	if ((i == lo || tb[i - 1].type == '-' || tb[i - 1].type == ',') &&
	    nb - 1 - i < COLON_TOKS && tb[i].type == 'w' &&
	    namein(tb, i, nb - 1, &ns, &ne)) {
		k = nb - 1;
		while (k > i && tb[k - 1].type != 'w')
			k--;
		setnp(cb, tb, i, k);
		cb->cue_s = cb->cue_e = NONE;
	}
}

static void
pushalt(struct quotetag *qt, size_t qi, const struct cand *c)
{
	if (qt->nalt == qt->altcap) {
		qt->altcap = qt->altcap ? qt->altcap * 2 : 16;
		qt->altv = erealloc(qt->altv, qt->altcap * sizeof(*qt->altv));
	}
	qt->altv[qt->nalt].qi = qi;
	qt->altv[qt->nalt++].c = *c;
}

/*
 * A quote that opens its paragraph, with no cue of its own line: the
 * cue that ends the paragraph before it.
 *   Lopez added:\n\n“…”      ends in a colon or a comma: it introduces
 *                            the quote (as a colon before it would)
 *   Purdy went on to deny it.\n\n“We deny…”   a cue in its last
 *                            sentence: kept aside (an alt), used only if
 *                            nothing nearer names a speaker
 * The words read replace the words before (w->tb).
 */
static void
introcue(struct quotetag *qt, const char *p, size_t n, size_t qi,
         struct shape *s, struct around *w, struct cand *cb)
{
	struct quote *q = &qt->qv[qi];
	const struct tok *tb = w->tb;
	size_t le, b0, lo, i, nb;
	const char *nl;
	int intro;

	le = trimend(p, 0, q->ls - 1);
	while (le > 0 && (p[le - 1] == '\n' || p[le - 1] == '\r' ||
	       p[le - 1] == ' ' || p[le - 1] == '\t'))
		le--;
	if (le == 0)
		return;
	intro = p[le - 1] == ':' || p[le - 1] == ',';
	b0 = beforestart(qt, le > WIN ? le - WIN : 0, le, qi);
	if ((nl = mem_rchr(p + b0, '\n', le - b0)))
		b0 = (size_t)(nl - p) + 1;
	nb = w->nb = tokenize(&qt->words, p, b0, le, w->tb, MAXTOK);
	lo = 0;
	for (i = nb > 0 ? nb - 1 : 0; i-- > 0;)
		if (sentend(&tb[i])) {
			lo = i + 1;
			break;
		}
	for (i = nb; i-- > lo;)
		if (tb[i].type == 'w' && iscue(tb, i)) {
			fromcue(p, n, tb, lo, i, nb, cb, 0);
			break;
		}
	if (cb->ok && intro) {
		s->bcolon = 1;
	} else if (cb->ok && cb->cue_s > (qi > 0 ? qt->qv[qi - 1].e : 0)) {
		pushalt(qt, qi, cb);
		q->hasalt = 1;
		memset(cb, 0, sizeof(*cb));
	} else {
		memset(cb, 0, sizeof(*cb));
	}
}

/*
 * Which candidate names the speaker: ca (a cue after the quote) or cb
 * (before it).
 *   Smith said: “…”            before, after a colon
 *   Smith told Jones, “…”      before, after a comma, if nothing after
 *   “…,” Smith said.           after, if there is one
 */
static const struct cand *
pick(const struct shape *s, const struct cand *ca, const struct cand *cb)
{
	if (cb->ok && (s->bcolon || (s->bcomma && !ca->ok)))
		return cb;
	return ca->ok ? ca : cb;
}

/* A transcript names its own speaker inside the quote: "PENCE: Well,
 * ...", "Chris Matthews: Seriously, ...". The end of the name, or 0. */
static size_t
transcript(const struct words *wd, const char *p, const struct shape *s,
           struct tok *tv)
{
	size_t cs = s->cs, ce = s->ce, i, nt;

	for (i = cs; i < ce && i - cs < CAPS_BYTES && ((p[i] >= 'A' &&
	     p[i] <= 'Z') || (p[i] == ' ' && i > cs && p[i - 1] != ' ') ||
	     p[i] == '.'); i++)
		;
	if (!(i - cs >= 2 && i < ce && p[i] == ':' && p[cs] != ' ') &&
	    s->capstart) {
		nt = tokenize(wd, p, cs, MIN(ce, cs + NAME_BYTES), tv,
		    NAME_WORDS + 1);
		for (i = 0; i < nt && i < NAME_WORDS && isnameword(&tv[i]);
		     i++)
			;
		i = i >= 2 && i < nt && tv[i].type == ':' ? tv[i].s : ce;
	}
	if (i - cs >= 2 && i < ce && p[i] == ':' && p[cs] != ' ')
		return i;
	return 0;
}

/*
 * Is the quote a name rather than something said?
 *   on “Meet the Press”        a title after "on", "of", a possessive,
 *   a spot titled “Arrogant”   "called", "titled" (2 to 8 words, in
 *                              title case), or a naming word
 *   <tweet author="x">         an attribute value
 *   "773113752271", "R"        numbers, ids, lone letters
 * last is the word right before the quote, or NULL.
 */
static int
notsaid(const char *p, const struct quote *q, const struct shape *s,
        const struct tok *last)
{
	size_t i, letters;

	if (last && last->type == 'w' && (last->poss ||
	    ((last->flags & QT_STOP) && !last->cap) ||
	    !strcmp(last->key, "called") || !strcmp(last->key, "titled")) &&
	    titlecase(p, s->cs, s->ce) && s->nw >= TITLE_MIN &&
	    s->nw <= TITLE_MAX)
		return 1;
	if ((last && last->type == 'w' && (last->flags & QT_NAMING)) ||
	    (q->s > 0 && p[q->s - 1] == '='))
		return 1;
	for (i = s->cs, letters = 0; i < s->ce && letters < 2; i++)
		letters += (((unsigned char)p[i] | 0x20) >= 'a' &&
		            ((unsigned char)p[i] | 0x20) <= 'z') ||
		           (unsigned char)p[i] >= 0xC0;
	return letters < 2 && s->ce - s->cs < ID_BYTES;
}

/*
 * Is the quote reported? Scare quotes and titles, short fragments nobody
 * is said to have said, are not:
 *   “We will win,” he said     direct and two words, or attributed
 *   the “experts” were wrong   no
 *   “a long fragment of six or more words”   yes
 * Single marks only with -s (British news; US news uses them for
 * headlines and nested quotes).
 */
static int
reported(const struct quote *q, int dl, size_t nw, int sflag)
{
	int said = (dl && nw >= SAID_WORDS) || q->own || nw >= LONG_WORDS;

	return q->dbl ? said : sflag && said;
}

/* Attribute quote qi of the text p[0, n) from the words around it. */
static void
attribute(struct quotetag *qt, const char *p, size_t n, size_t qi)
{
	struct quote *q = &qt->qv[qi];
	struct around w;
	struct shape s;
	struct cand ca, cb;
	const struct cand *c;
	size_t lo, colon;
	int dl;

	memset(&ca, 0, sizeof(ca));
	memset(&cb, 0, sizeof(cb));
	around(qt, p, n, qi, &w);
	shapeof(p, n, q, &w, &s);
	dl = isdirect(&s, q->closed);
	nextline(qt, p, n, qi, &s, &w);
	cueafter(p, n, &s, &w, &ca);
	lo = cuebefore(p, n, &w, &cb);
	if (!cb.ok && s.bcolon && w.nb - 1 > lo)
		colonname(&w, lo, &cb);
	if (!cb.ok && s.linestart && q->ls > 0)
		introcue(qt, p, n, qi, &s, &w, &cb);
	c = pick(&s, &ca, &cb);
	if ((colon = transcript(&qt->words, p, &s, qt->ta))) {
		memset(&ca, 0, sizeof(ca));
		ca.ok = 1;
		ca.sp_s = ca.nm_s = s.cs;
		ca.sp_e = ca.nm_e = trimend(p, s.cs, colon);
		ca.cue_s = ca.cue_e = NONE;
		c = &ca;
	}
	if (c->ok) {
		q->own = 1;
		q->sp_s = c->sp_s;
		q->sp_e = c->sp_e;
		q->nm_s = c->nm_s;
		q->nm_e = c->nm_e;
		q->cue_s = c->cue_s;
		q->cue_e = c->cue_e;
		q->pron = (unsigned char)(c->pron >> 5);
		q->gender = c->gender == QT_MALE ? 'm' : c->gender ? 'f' : 0;
	}
	q->kind = !q->closed ? K_UNCLOSED : dl ? K_DIRECT : K_PARTIAL;
	if (notsaid(p, q, &s, w.nb > 0 ? &w.tb[w.nb - 1] : NULL)) {
		dl = 0;
		q->own = 0;
		s.nw = 0;
	}
	if (!q->own)
		q->sp_s = q->sp_e = q->nm_s = q->nm_e = q->cue_s = q->cue_e =
		    NONE;
	q->emit = reported(q, dl, s.nw, qt->sflag);
	if (!q->emit && qt->aflag) {
		q->emit = 1;
		q->kind = K_OTHER;
	}
}

/* --- resolution */

/* The most recent attributed quotes, by kind of speaker (indices into
 * qv, or NONE). */
struct recent {
	size_t named;           /* a name in capitals */
	size_t any;             /* any speaker */
	size_t prev;            /* any quote with a speaker */
	size_t man, woman, unknown;     /* named, by what a title or first
	                                 * name tells */
};

/*
 * Who a pronoun speaker is:
 *   he     the last man, or the last named speaker of unknown sex if
 *          later
 *   she    likewise the last woman
 *   they   the last speaker (a name or not)
 *   I      the writer: left as it is
 */
static size_t
antecedent(const struct recent *r, int pron)
{
	if (pron & (QT_PRON_M >> 5))
		return r->man != NONE && (r->unknown == NONE ||
		       r->man > r->unknown) ? r->man : r->unknown;
	if (pron & (QT_PRON_F >> 5))
		return r->woman != NONE && (r->unknown == NONE ||
		       r->woman > r->unknown) ? r->woman : r->unknown;
	if (pron & (QT_PRON_P >> 5))
		return r->any != NONE ? r->any : r->named;
	return NONE;
}

/* Quote i (of text p[0, n)) names its own speaker: remember it. */
static void
remember(struct recent *r, const struct quote *q, size_t i, const char *p,
         size_t n)
{
	if (q->nm_e <= q->nm_s)
		return;
	r->any = i;
	if (!isuppercp(cpat(p, n, q->nm_s)))
		return;
	r->named = i;
	if (q->gender == 'm')
		r->man = i;
	else if (q->gender == 'f')
		r->woman = i;
	else
		r->unknown = i;
}

static void
takecand(struct quote *q, const struct cand *c)
{
	q->own = 1;
	q->sp_s = c->sp_s;
	q->sp_e = c->sp_e;
	q->nm_s = c->nm_s;
	q->nm_e = c->nm_e;
	q->cue_s = c->cue_s;
	q->cue_e = c->cue_e;
	q->pron = (unsigned char)(c->pron >> 5);
	q->gender = c->gender == QT_MALE ? 'm' : c->gender ? 'f' : 0;
}

/* Resolve pronouns and carry speakers over, in document order. */
static void
resolve(struct quotetag *qt)
{
	struct quote *qv = qt->qv, *q, *r;
	struct recent rc = { NONE, NONE, NONE, NONE, NONE, NONE };
	size_t i, j, nx, ka = 0;

	/* the next attributed quote of the same paragraph, in one pass */
	for (i = qt->nq, nx = NONE; i-- > 0;) {
		if (nx != NONE && qv[nx].ls != qv[i].ls)
			nx = NONE;
		qv[i].nx = nx;
		if (qv[i].top && qv[i].emit && qv[i].own)
			nx = i;
	}
	for (i = 0; i < qt->nq; i++) {
		q = &qv[i];
		if (!q->top || !q->emit || q->kind == K_OTHER)
			continue;
		if (q->own) {
			if (q->pron) {
				if ((j = antecedent(&rc, q->pron)) != NONE) {
					q->nm_s = qv[j].nm_s;
					q->nm_e = qv[j].nm_e;
				}
			} else {
				remember(&rc, q, i, qt->text, qt->tlen);
			}
			rc.prev = i;
			continue;
		}
		/* no cue: a quote of the same paragraph, else the last one */
		r = NULL;
		if (rc.prev != NONE && qv[rc.prev].ls == q->ls)
			r = &qv[rc.prev];
		if (!r && q->nx != NONE)
			r = &qv[q->nx];
		while (ka < qt->nalt && qt->altv[ka].qi < i)
			ka++;
		if (!r && q->hasalt && ka < qt->nalt && qt->altv[ka].qi == i) {
			takecand(q, &qt->altv[ka].c);
			i--;    /* once more, as an attributed quote */
			continue;
		}
		if (!r && rc.prev != NONE && q->kind != K_PARTIAL &&
		    q->kind != K_OTHER)
			r = &qv[rc.prev];
		if (r && r->sp_s != NONE) {
			q->sp_s = r->sp_s;
			q->sp_e = r->sp_e;
			q->nm_s = r->nm_s;
			q->nm_e = r->nm_e;
			q->cue_s = r->cue_s;
			q->cue_e = r->cue_e;
			q->cont = 1;
			rc.prev = i;
		}
	}
}

/* --- earlier markup */

/* Length of an opening tag <q who="…" cue="…"> at p, or 0. */
static size_t
opentag(const char *p, size_t n)
{
	static const char parts[][9] = { "<q who=\"", "\" cue=\"", "\">" };
	size_t i = 0, k, l;

	for (k = 0; k < LEN(parts); k++) {
		if (k > 0)
			while (i < n && p[i] != '"' && p[i] != '<' &&
			       p[i] != '>' && p[i] != '\n')
				i++;
		l = strlen(parts[k]);
		if (n - i < l || memcmp(p + i, parts[k], l))
			return 0;
		i += l;
	}
	return i;
}

/* The pieces of quotetag markup p[0, n) holds: MK_OPEN for "<q who=\"",
 * MK_CLOSE for "</q>". Looking for '<' with memchr is several times faster
 * than memmem, and news text seldom has one. */
#define MK_OPEN 1
#define MK_CLOSE 2
static int
markup(const char *p, size_t n)
{
	const char *c, *e = p + n;
	int m = 0;

	for (; (c = memchr(p, '<', (size_t)(e - p))); p = c + 1)
		if (e - c >= 4 && !memcmp(c, "</q>", 4))
			m |= MK_CLOSE;
		else if (e - c >= 8 && !memcmp(c, "<q who=\"", 8))
			m |= MK_OPEN;
	return m;
}

static void
rmadd(struct rmmap *rm, size_t pos, size_t len)
{
	if (rm->n == rm->cap) {
		rm->cap = rm->cap ? rm->cap * 2 : 16;
		rm->pos = erealloc(rm->pos, rm->cap * sizeof(*rm->pos));
		rm->cum = erealloc(rm->cum, rm->cap * sizeof(*rm->cum));
	}
	rm->pos[rm->n] = pos;
	rm->cum[rm->n] = (rm->n ? rm->cum[rm->n - 1] : 0) + len;
	rm->n++;
}

/*
 * Find balanced quotetag markup in p[0, n); write the text without it to
 * out and, if rm, remember where bytes were removed. Return 1 if there
 * was any; out is left alone when p holds no open tag.
 */
static int
strip(const char *p, size_t n, struct buf *out, struct rmmap *rm)
{
	struct tag { size_t pos, len; int mate; } *tv = NULL;
	size_t ntag = 0, tcap = 0, i, l, *stk, nstk = 0, last, k;
	const char *c;
	int any = 0;

	if (rm)
		rm->n = 0;
	if (!(markup(p, n) & MK_OPEN))
		return 0;
	for (i = 0; (c = memchr(p + i, '<', n - i)); i = (size_t)(c - p) + 1) {
		l = (size_t)(c - p);
		if (n - l >= 4 && !memcmp(c, "</q>", 4))
			k = 4;
		else if ((k = opentag(c, n - l)) == 0)
			continue;
		if (ntag == tcap) {
			tcap = tcap ? tcap * 2 : 16;
			tv = erealloc(tv, tcap * sizeof(*tv));
		}
		tv[ntag].pos = l;
		tv[ntag].len = k;
		tv[ntag].mate = -1;
		ntag++;
	}
	stk = emalloc((ntag + 1) * sizeof(*stk));
	for (i = 0; i < ntag; i++) {
		if (tv[i].len != 4 || memcmp(p + tv[i].pos, "</q>", 4)) {
			stk[nstk++] = i;
		} else if (nstk > 0) {
			nstk--;
			tv[i].mate = (int)stk[nstk];
			tv[stk[nstk]].mate = (int)i;
			any = 1;
		}
	}
	free(stk);
	out->len = 0;
	last = 0;
	for (i = 0; i < ntag; i++) {
		if (tv[i].mate < 0)
			continue;
		buf_put(out, p + last, tv[i].pos - last);
		last = tv[i].pos + tv[i].len;
		if (rm)
			rmadd(rm, out->len, tv[i].len);
	}
	buf_put(out, p + last, n - last);
	free(tv);
	return any;
}

/* Offset in the input of clean offset c (after markup at c if incl). */
static size_t
maporig(const struct rmmap *rm, size_t c, int incl)
{
	size_t lo = 0, hi = rm->n, m;

	while (lo < hi) {
		m = (lo + hi) / 2;
		if (rm->pos[m] < c || (incl && rm->pos[m] == c))
			lo = m + 1;
		else
			hi = m;
	}
	return c + (lo ? rm->cum[lo - 1] : 0);
}

/* --- output */

static void
xmlesc(struct buf *o, const char *p, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		switch (p[i]) {
		case '&': buf_puts(o, "&amp;"); break;
		case '<': buf_puts(o, "&lt;"); break;
		case '>': buf_puts(o, "&gt;"); break;
		case '"': buf_puts(o, "&quot;"); break;
		case '\n': buf_puts(o, "&#10;"); break;
		case '\r': buf_puts(o, "&#13;"); break;
		case '\t': buf_puts(o, "&#9;"); break;
		case '\0': buf_puts(o, "&#xFFFD;"); break;
		default: buf_putc(o, p[i]);
		}
	}
}

/* p[0, n) as a JSON string, invalid UTF-8 as U+FFFD (through scratch) */
static void
jstr(struct buf *o, struct buf *scratch, const char *p, size_t n)
{
	size_t i = 0, k;
	uint32_t c;

	if (utf8_valid(p, n) == n) {
		json_escape(o, p, n);
		return;
	}
	scratch->len = 0;
	while (i < n) {
		k = utf8_decode(p + i, n - i, &c);
		if (c == UTF8_INVALID)
			buf_put(scratch, "\xEF\xBF\xBD", 3);
		else
			buf_put(scratch, p + i, k);
		i += k;
	}
	json_escape(o, scratch->p, scratch->len);
}

static void
jnum(struct buf *o, size_t v)
{
	char d[24];
	size_t i = sizeof(d);

	do
		d[--i] = (char)('0' + v % 10);
	while ((v /= 10) > 0);
	buf_put(o, d + i, sizeof(d) - i);
}

static void
jspan(struct quotetag *qt, struct buf *o, size_t s, size_t e)
{
	if (s == NONE)
		buf_put(o, "null", 4);
	else
		jstr(o, &qt->jscratch, qt->text + s, e - s);
}

static void
joff(const struct quotetag *qt, struct buf *o, size_t s, int incl)
{
	if (s == NONE)
		buf_put(o, "null", 4);
	else
		jnum(o, qt->base + maporig(&qt->rm, s, incl));
}

/* ,"name":text[ts, te),"name_start":s,"name_end":e (null when absent) */
static void
jfield(struct quotetag *qt, struct buf *o, const char *name, size_t ts,
       size_t te, size_t s, size_t e)
{
	buf_puts(o, ",\"");
	buf_puts(o, name);
	buf_puts(o, "\":");
	jspan(qt, o, ts, te);
	buf_puts(o, ",\"");
	buf_puts(o, name);
	buf_puts(o, "_start\":");
	joff(qt, o, s, 1);
	buf_puts(o, ",\"");
	buf_puts(o, name);
	buf_puts(o, "_end\":");
	joff(qt, o, e, 0);
}

/* one quotation as a JSON object, written as jansson's compact dump
 * would write it */
static void
qjson(struct quotetag *qt, struct buf *o, const struct quote *q)
{
	size_t s = maporig(&qt->rm, q->s, 1), e = maporig(&qt->rm, q->e, 0);

	buf_puts(o, "{\"start\":");
	jnum(o, qt->base + s);
	buf_puts(o, ",\"end\":");
	jnum(o, qt->base + e);
	buf_puts(o, ",\"text\":");
	jstr(o, &qt->jscratch, qt->orig + s, e - s);
	jfield(qt, o, "speaker", q->nm_s, q->nm_e, q->sp_s, q->sp_e);
	jfield(qt, o, "cue", q->cue_s, q->cue_e, q->cue_s, q->cue_e);
	buf_puts(o, ",\"kind\":\"");
	buf_puts(o, kindname[q->kind]);
	buf_puts(o, q->cont ? "\",\"cont\":true}" : "\",\"cont\":false}");
}

static void
tsvesc(struct buf *o, const char *p, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		switch (p[i]) {
		case '\t': buf_puts(o, "\\t"); break;
		case '\n': buf_puts(o, "\\n"); break;
		case '\r': buf_puts(o, "\\r"); break;
		case '\\': buf_puts(o, "\\\\"); break;
		case '\0': buf_puts(o, "\\0"); break;
		default: buf_putc(o, p[i]);
		}
	}
}

static void
tsvoff(const struct quotetag *qt, struct buf *o, size_t s, int incl)
{
	if (s == NONE)
		buf_puts(o, "\t");
	else
		buf_printf(o, "\t%zu", qt->base + maporig(&qt->rm, s, incl));
}

static void
puttsv(const struct quotetag *qt, struct buf *o, const struct quote *q)
{
	size_t s = maporig(&qt->rm, q->s, 1), e = maporig(&qt->rm, q->e, 0);

	buf_printf(o, "%zu\t%zu\t", qt->base + s, qt->base + e);
	tsvesc(o, qt->orig + s, e - s);
	buf_putc(o, '\t');
	if (q->nm_s != NONE)
		tsvesc(o, qt->text + q->nm_s, q->nm_e - q->nm_s);
	tsvoff(qt, o, q->sp_s, 1);
	tsvoff(qt, o, q->sp_e, 0);
	buf_putc(o, '\t');
	if (q->cue_s != NONE)
		tsvesc(o, qt->text + q->cue_s, q->cue_e - q->cue_s);
	buf_printf(o, "\t%s\t%s\n", kindname[q->kind], q->cont ? "1" : "0");
}

static void
opentagout(const struct quotetag *qt, struct buf *o, const struct quote *q)
{
	buf_puts(o, "<q who=\"");
	if (q->nm_s != NONE)
		xmlesc(o, qt->text + q->nm_s, q->nm_e - q->nm_s);
	buf_puts(o, "\" cue=\"");
	if (q->cue_s != NONE)
		xmlesc(o, qt->text + q->cue_s, q->cue_e - q->cue_s);
	buf_puts(o, "\">");
}

/* Is quote q reported (a top-level one, or any with -a)? */
static int
listed(const struct quotetag *qt, const struct quote *q)
{
	return q->emit && (q->top || qt->aflag);
}

/* The text with tags around the quotes (properly nested ones only). */
static void
putinline(const struct quotetag *qt, struct buf *o)
{
	const struct quote *qv = qt->qv, *q;
	const char *text = qt->text;
	size_t st[MAXDEPTH + 1], nst = 0, pos = 0, i;

	for (i = 0; i < qt->nq; i++) {
		q = &qv[i];
		if (!listed(qt, q))
			continue;
		while (nst > 0 && qv[st[nst - 1]].e <= q->s) {
			buf_put(o, text + pos, qv[st[nst - 1]].e - pos);
			buf_puts(o, "</q>");
			pos = qv[st[--nst]].e;
		}
		if ((nst > 0 && q->e > qv[st[nst - 1]].e) || nst == MAXDEPTH)
			continue;
		if (markup(text + q->s, q->e - q->s))
			continue;
		buf_put(o, text + pos, q->s - pos);
		opentagout(qt, o, q);
		pos = q->s;
		st[nst++] = i;
	}
	while (nst > 0) {
		buf_put(o, text + pos, qv[st[nst - 1]].e - pos);
		buf_puts(o, "</q>");
		pos = qv[st[--nst]].e;
	}
	buf_put(o, text + pos, qt->tlen - pos);
}

/*
 * The text with its tags, or the input p[0, n) as it was when a second run
 * would not read the tags back as written: stray pieces of quotetag markup
 * in the input (a lone "</q>", a tag that removing earlier markup made)
 * pair with the new tags otherwise. So a second run changes nothing.
 */
static void
putchecked(struct quotetag *qt, struct buf *o, const char *p, size_t n)
{
	if (!markup(p, n)) {
		putinline(qt, o);
		return;
	}
	qt->tagged.len = 0;
	putinline(qt, &qt->tagged);
	if (markup(qt->tagged.p, qt->tagged.len) & MK_OPEN) {
		/* (the map of the input's markup is lost here, as it always
		 * was: --jsonl offsets then index the text without it) */
		qt->rm.n = 0;
		strip(qt->tagged.p, qt->tagged.len, &qt->chk, NULL);
		if (qt->chk.len != qt->tlen ||
		    memcmp(qt->chk.p, qt->text, qt->tlen)) {
			buf_put(o, p, n);
			return;
		}
	}
	buf_put(o, qt->tagged.p, qt->tagged.len);
}

/* --- the filter */

/* Find the quotes of the text and attribute them. */
static void
analyse(struct quotetag *qt)
{
	struct quote *qv;
	size_t i, depth_end[MAXDEPTH + 1], nd = 0;

	qt->nq = 0;
	qt->nalt = 0;
	pairmarks(qt, qt->text, qt->tlen);
	qv = qt->qv;
	if (qt->nq > 1)
		qsort(qv, qt->nq, sizeof(*qv), qcmp);
	/* top level: not inside an earlier quote */
	for (i = 0; i < qt->nq; i++) {
		while (nd > 0 && depth_end[nd - 1] <= qv[i].s)
			nd--;
		qv[i].top = nd == 0;
		if (nd <= MAXDEPTH - 1)
			depth_end[nd++] = qv[i].e;
	}
	for (i = 0; i < qt->nq; i++) {
		if (qv[i].top) {
			attribute(qt, qt->text, qt->tlen, i);
		} else {
			qv[i].kind = K_NESTED;
			qv[i].emit = (unsigned char)qt->aflag;
		}
	}
	resolve(qt);
	for (i = 0; i < qt->nq; i++) {
		if (!listed(qt, &qv[i]))
			continue;
		qt->counters[0].n++;
		qt->counters[1].n += qv[i].sp_s != NONE;
		qt->counters[2].n += qv[i].kind == K_UNCLOSED;
	}
}

/* The quotes of a window as -f jsonl or -f tsv lines. */
static void
putlines(struct quotetag *qt, struct buf *o)
{
	size_t i;

	for (i = 0; i < qt->nq; i++) {
		if (!listed(qt, &qt->qv[i]))
			continue;
		if (qt->fmt == F_TSV) {
			puttsv(qt, o, &qt->qv[i]);
		} else {
			qjson(qt, o, &qt->qv[i]);
			buf_putc(o, '\n');
		}
	}
}

static int
process(void *ctx, const char *p, size_t n, struct buf *o)
{
	struct quotetag *qt = ctx;
	size_t i, nl;

	if (qt->newdoc)
		qt->base = 0;
	else
		qt->base += qt->olen;
	qt->newdoc = 0;
	qt->orig = p;
	qt->olen = n;
	if (strip(p, n, &qt->clean, &qt->rm)) {
		qt->text = qt->clean.p;
		qt->tlen = qt->clean.len;
	} else {
		qt->text = p;
		qt->tlen = n;
	}
	if (qt->uflag) {
		buf_put(o, qt->text, qt->tlen);
		return 0;
	}
	analyse(qt);
	if (!qt->jmode) {
		if (qt->fmt == F_INLINE)
			putchecked(qt, o, p, n);
		else
			putlines(qt, o);
		return 0;
	}
	if (qt->fmt == F_INLINE)
		putchecked(qt, o, p, n);
	else
		buf_put(o, p, n);
	for (i = 0, nl = 0; i < qt->nq; i++)
		nl += listed(qt, &qt->qv[i]);
	if (nl > MAXJQ) {
		diag_warnx(qt->dg, "a record has %zu quotes; its \"quotes\" "
		    "array lists the first %d", nl, MAXJQ);
		return -1;
	}
	return 0;
}

static void
enddoc(void *ctx, struct buf *o)
{
	struct quotetag *qt = ctx;

	(void)o;
	qt->newdoc = 1;
}

/* --jsonl: the record gets the quotes of its text, the value of its
 * "quotes" member */
static void
addquotes(void *ctx, struct buf *o)
{
	struct quotetag *qt = ctx;
	size_t i, k = 0;

	buf_putc(o, '[');
	/* bounded, so that a record's memory is too */
	for (i = 0; i < qt->nq && !qt->uflag && k < MAXJQ; i++)
		if (listed(qt, &qt->qv[i])) {
			if (k++ > 0)
				buf_putc(o, ',');
			qjson(qt, o, &qt->qv[i]);
		}
	buf_putc(o, ']');
	qt->nq = 0;
}

/* ------------------------------------------------------------ engine */

static void *
create(struct diag *d)
{
	struct quotetag *qt = ecalloc(1, sizeof(*qt));

	qt->dg = d;
	qt->fmt = F_INLINE;
	qt->newdoc = 1;
	qt->counters[0].name = "quotes";
	qt->counters[1].name = "attributed";
	qt->counters[2].name = "unclosed";
	buf_init_mem(&qt->clean, 4096);
	buf_init_mem(&qt->tagged, 4096);
	buf_init_mem(&qt->chk, 4096);
	buf_init_mem(&qt->jscratch, 256);
	return qt;
}

static int
option(void *e, int c, const char *arg)
{
	struct quotetag *qt = e;

	switch (c) {
	case 'a':
		qt->aflag = 1;
		return 0;
	case 'f':
		if (!strcmp(arg, "inline"))
			qt->fmt = F_INLINE;
		else if (!strcmp(arg, "jsonl"))
			qt->fmt = F_JSONL;
		else if (!strcmp(arg, "tsv"))
			qt->fmt = F_TSV;
		else {
			diag_warnx(qt->dg, "-f: unknown format %s (inline, "
			    "jsonl, tsv)", arg);
			return 2;
		}
		return 0;
	case 's':
		qt->sflag = 1;
		return 0;
	case 'u':
		qt->uflag = 1;
		return 0;
	}
	return 2;
}

static int
start(void *e, const struct rec_opt *o, struct rec_filter *f)
{
	struct quotetag *qt = e;

	hinit(&qt->words);
	qt->jmode = o->mode == REC_JSONL;
	f->unit = REC_DOC;
	f->fn = process;
	f->enddoc = enddoc;
	if (qt->jmode && !qt->uflag) {
		f->jsonl = addquotes;
		f->jsonl_key = "quotes";
	}
	f->ctx = e;
	f->counters = qt->counters;
	return 0;
}

static void
destroy(void *e)
{
	struct quotetag *qt = e;

	if (!qt)
		return;
	free(qt->qv);
	free(qt->altv);
	free(qt->rm.pos);
	free(qt->rm.cum);
	free(qt->clean.p);
	free(qt->tagged.p);
	free(qt->chk.p);
	free(qt->jscratch.p);
	free(qt);
}

static const struct opt_long longopts[] = {
	{ "all", OPT_NONE, 'a' },
	{ "format", OPT_REQUIRED, 'f' },
	{ "single", OPT_NONE, 's' },
	{ "untag", OPT_NONE, 'u' },
	{ NULL, 0, 0 }
};

const struct engine quotetag_engine = {
	"quotetag",
	"quotetag [-ahsuz] [-f format] [--jsonl[=field]] [file ...]",
	"  -a, --all           also report nested quotes and unattributed "
	"fragments\n"
	"  -f, --format=FMT    inline (default), jsonl or tsv\n"
	"  -s, --single        also report quotes in single marks\n"
	"  -u, --untag         remove quotetag markup instead\n",
	"af:su",
	longopts,
	create,
	option,
	start,
	NULL,
	destroy,
};
