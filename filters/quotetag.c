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
 */
#include <err.h>
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
#include "filters/quotetag_data.h"

#define MAXQ 20000      /* bytes an open mark waits for its close */
#define WIN 400         /* bytes of context on each side of a quote */
#define MAXTOK 200      /* tokens in one window */
#define MAXDEPTH 8      /* open marks kept on the stack */
#define MAXLINES 10     /* lines a quote open at a line end looks on */
#define MAXJQ 16384     /* --jsonl: quotes listed per record (a record
			 * whose field is already there is built in
			 * memory by jansson, about 2 KiB a quote) */
#define NONE ((size_t)-1)

enum { F_INLINE, F_JSONL, F_TSV };
enum { K_DIRECT, K_PARTIAL, K_UNCLOSED, K_OTHER, K_NESTED };
static const char *kindname[] = { "direct", "partial", "unclosed", "other",
	"nested" };

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


static int aflag, sflag, uflag, fmt = F_INLINE;
static struct rec_counter counters[] = {
	{ "quotes", 0 }, { "attributed", 0 }, { "unclosed", 0 }, { NULL, 0 }
};

/* per-document state */
static struct quote *qv;
static size_t nq, qcap;
static struct alt *altv;
static size_t nalt, altcap;
static const char *text;        /* the document being analysed */
static size_t tlen;
static struct buf clean;        /* the document without earlier markup */
static size_t *rmpos, *rmcum, nrm, rmcap;
static const char *orig;        /* the input as given */
static size_t olen;
static size_t base;             /* offset of this window in the document */
static int newdoc = 1;
static int jmode;               /* --jsonl records */

static void
qpush(const struct quote *q)
{
	if (nq == qcap) {
		qcap = qcap ? qcap * 2 : 64;
		qv = erealloc(qv, qcap * sizeof(*qv));
	}
	qv[nq++] = *q;
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
addquote(size_t s, size_t e, size_t ls, int kind, int closed)
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
	qpush(&q);
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

/*
 * Pair the marks of the whole text line by line. st/nst is the stack of
 * open marks; stls the line start of its bottom entry.
 */
static void
pairmarks(const char *p, size_t n)
{
	static const unsigned char hot[256] = {
		['"'] = 1, ['\''] = 1, [0xC2] = 1, [0xE2] = 1, [0xE3] = 1
	};
	struct open st[MAXDEPTH];
	size_t nst = 0, stls = 0, ls = 0, le, i, len, skip = NONE, j;
	size_t cont = NONE, contpos = NONE;
	uint32_t pc, nc;
	int k, lf, rf, idx, d;
	const char *nl;

	while (ls < n) {
		nl = memchr(p + ls, '\n', n - ls);
		le = nl ? (size_t)(nl - p) : n;
		for (i = ls; (i = nexthot(p, i, le, hot)) < le; i++) {
			if ((k = markat(p, le, i, &len)) == M_NONE)
				continue;
			if (i == skip) {
				i += len - 1;
				continue;
			}
			pc = cpbefore(p, i);
			nc = cpat(p, le, i + len);
			if ((k == M_SQA || k == M_SQR) && isalnumcp(pc) &&
			    isalnumcp(nc)) {
				i += len - 1;       /* don't, O’Brien */
				continue;
			}
			lf = isopenpunct(pc) && !isspacecp(nc) && nc != '\n';
			rf = isclosepunct(nc) && !isspacecp(pc) && pc != '\n';
			/* an open mark that waited too long is given up */
			if (nst > 0 && i - st[0].pos > MAXQ) {
				addquote(st[0].pos, trimend(p, st[0].pos, i), stls,
				         st[0].kind, 0);
				nst = 0;
			}
			/* innermost open mark this one can close */
			for (idx = (int)nst - 1; idx >= 0; idx--)
				if (closes(st[idx].kind, k))
					break;
			if (idx >= 0 && (k == M_SQL || k == M_DQL) &&
			    st[idx].kind == k && !(rf && !lf))
				idx = -1;       /* “ “: a new open, not a close */
			if (idx >= 0 && (k == M_SQA || k == M_SQR) && lf && !rf)
				idx = -1;
			if (idx >= 0 && k == M_DQA && st[idx].kind != M_DQA &&
			    !(rf && !lf))
				idx = -1;       /* “…"…"…”: nested, not a close */
			if (idx >= 0 && (k == M_GR || k == M_SGR || k == M_DQR) &&
			    st[idx].kind == k && !(rf && !lf))
				idx = -1;
			if (idx >= 0 && i == st[idx].pos + st[idx].len) {
				nst = (size_t)idx;      /* "": nothing quoted */
			} else if (idx >= 0) {
				d = idx;
				addquote(st[d].pos, i + len, d == 0 ? stls : ls,
				         st[d].kind, 1);
				qv[nq - 1].top = d == 0;
				nst = (size_t)d;
			} else {
				/* can it open? */
				int can = 0;

				switch (k) {
				case M_DQA:
					can = !isspacecp(nc) && nc != '\n' &&
					      !(rf && !lf);
					break;
				case M_DQL: case M_DQLOW: case M_GL: case M_CJL:
				case M_SQL: case M_SQLOW: case M_SGL: case M_CJ2L:
					can = !(nc >= '0' && nc <= '9');
					break;
				case M_DQR: case M_GR: case M_SGR:
					can = lf && !rf;
					break;
				case M_SQA:
					can = lf && !rf && !(nc >= '0' && nc <= '9');
					break;
				}
				if (can && nst < MAXDEPTH) {
					if (nst == 0)
						stls = ls;
					st[nst].pos = i;
					st[nst].len = (unsigned char)len;
					st[nst].kind = (unsigned char)k;
					nst++;
				}
			}
			i += len - 1;
		}
		/* end of line: single marks left open were apostrophes */
		while (nst > 0 && !ISDOUBLE(st[nst - 1].kind))
			nst--;
		if (nst > 0 && !ISDOUBLE(st[0].kind))
			nst = 0;
		skip = NONE;
		if (nst > 0) {
			/* next non-blank line opens with a mark: it goes on */
			j = le;
			while (j < n && j - le < WIN && (p[j] == '\n' ||
			       p[j] == ' ' || p[j] == '\t' || p[j] == '\r'))
				j++;
			k = j < n ? markat(p, n, j, &len) : M_NONE;
			if (j - st[0].pos <= MAXQ && repeats(st[0].kind, k)) {
				skip = j;
				nst = 1;
			} else if ((cont != NONE && contpos == st[0].pos &&
			    le < cont) || (j < n && p[le + 1] != '\n' &&
			    (cont = goeson(p, n, le, &st[0])) != NONE)) {
				/* its close is on a following line */
				contpos = st[0].pos;
				nst = 1;
			} else if (WEAK(st[0].kind)) {
				nst = 0;        /* ”he said. opens nothing */
			} else {
				addquote(st[0].pos, trimend(p, st[0].pos, le), stls,
				         st[0].kind, 0);
				qv[nq - 1].top = 1;
				nst = 0;
			}
		}
		ls = le + 1;
	}
	if (nst > 0 && !WEAK(st[0].kind)) {
		addquote(st[0].pos, trimend(p, st[0].pos, n), stls, st[0].kind,
		         0);
		qv[nq - 1].top = 1;
	}
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

/*
 * Word lookups run for every word near a quote: an open-addressing hash
 * of the generated table, built once (bsearch was a third of the time).
 * A key is a token's key, NUL-padded to 16 bytes and read as two words,
 * so that hashing and comparing it takes no loop over its bytes.
 */
#define HBITS 11
#define HKEY 16
static uint64_t hkeys[1 << HBITS][2];   /* 0: an empty slot */
static int hflags[1 << HBITS];

static size_t
hslot(uint64_t k0, uint64_t k1)
{
	uint64_t h = k0 * 0x9e3779b97f4a7c15ULL ^ k1 * 0xc2b2ae3d27d4eb4fULL;

	return (size_t)(h >> (64 - HBITS));
}

static void
hinit(void)
{
	char key[HKEY];
	uint64_t k0, k1;
	size_t i, j, n;

	if (qt_nwords * 2 > LEN(hkeys))
		errx(1, "word table too large for the hash");
	for (i = 0; i < qt_nwords; i++) {
		n = strlen(qt_words[i].w);
		if (n == 0 || n >= HKEY)
			errx(1, "word %s: not 1 to %d bytes", qt_words[i].w,
			    HKEY - 1);
		memset(key, 0, sizeof(key));
		memcpy(key, qt_words[i].w, n);
		memcpy(&k0, key, 8);
		memcpy(&k1, key + 8, 8);
		for (j = hslot(k0, k1); hkeys[j][0]; j = (j + 1) & (LEN(hkeys) - 1))
			;
		hkeys[j][0] = k0;
		hkeys[j][1] = k1;
		hflags[j] = qt_words[i].flags;
	}
}

/* The flags of the word key, a token's key: NUL-padded to its end. */
static int
lookup(const char key[KEYSZ])
{
	uint64_t k0, k1;
	size_t j;

	if (key[HKEY - 1])
		return 0;       /* longer than any word of the table */
	memcpy(&k0, key, 8);
	memcpy(&k1, key + 8, 8);
	for (j = hslot(k0, k1); hkeys[j][0]; j = (j + 1) & (LEN(hkeys) - 1))
		if (hkeys[j][0] == k0 && hkeys[j][1] == k1)
			return hflags[j];
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
tokenize(const char *p, size_t a, size_t b, struct tok *tv, size_t max)
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
			    (lookup(t->key) & QT_ABBR) || (j < b &&
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
		t->flags = lookup(t->key);
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

static int np_back(const struct tok *, size_t, size_t, struct cand *, int);

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

/* The noun phrase that ends just before tv[i] (a cue), down to lo. */
static int
np_back(const struct tok *tv, size_t lo, size_t i, struct cand *c, int depth)
{
	size_t j, end, start, k, m, n;

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
		    np_back(tv, lo, k - 1, c, 1)) {
			c->sp_e = tv[j - 1].e;
			/* "The budget director, Alan Park, said" */
			if (!c->pron && !isuppercp(cpat(text, tlen, c->nm_s)))
				namein(tv, k, j, &c->nm_s, &c->nm_e);
			return 1;
		}
		return 0;
	}
	if (tv[j].type != 'w')
		return 0;
	if (tv[j].flags & QT_PRON) {
		if ((tv[j].flags & QT_PRON_R) && j > lo && tv[j - 1].type == ',')
			if (np_back(tv, lo, j - 1, c, 1))
				return 1;
		setnp(c, tv, j, j + 1);
		return 1;
	}
	end = j + 1;
	for (n = 0; n < 10 && npword(&tv[j]); n++) {
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

/* Speaker of a cue at tv[i] in tv[lo, hi). */
static int
fromcue(const struct tok *tv, size_t lo, size_t i, size_t hi, struct cand *c,
        int after)
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
	    (tv[i - 1].flags & QT_STOP) && !np_back(tv, lo, i, c, 0))) {
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
			return np_back(tv, lo, e, c, 1) ||
			       (setnp(c, tv, j, e), 1);
		}
		return 0;
	}
	if (i > lo && np_back(tv, lo, i, c, 0))
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
afterend(const char *p, size_t n, size_t s, size_t qi)
{
	size_t lim = MIN(n - s, (size_t)WIN), e, j;
	const char *nl = memchr(p + s, '\n', lim);

	e = nl ? (size_t)(nl - p) : s + lim;
	for (j = qi + 1; j < nq; j++)
		if (qv[j].top) {
			if (qv[j].s < e)
				e = qv[j].s;
			break;
		}
	return e;
}

/* Attribute quote q (index qi) from the words around it. */
static void
attribute(const char *p, size_t n, size_t qi)
{
	static struct tok ta[MAXTOK], tb[MAXTOK];
	struct quote *q = &qv[qi];
	struct cand ca, cb;
	size_t a1, b0, na, nb, i, lo, hi, lim, j, k, cs, ce, le, nw;
	const char *nl;
	int bcolon, bcomma, termin, fullstop, comma, linestart, sentlike, dl, capstart;
	uint32_t c;

	memset(&ca, 0, sizeof(ca));
	memset(&cb, 0, sizeof(cb));
	/* after: to the end of the line, or the next quote */
	a1 = afterend(p, n, q->e, qi);
	/* before: from the start of the line, or the previous quote */
	b0 = q->s - q->ls > WIN ? q->s - WIN : q->ls;
	for (j = qi; j-- > 0;)
		if (qv[j].top) {
			if (qv[j].e > b0 && qv[j].e <= q->s)
				b0 = qv[j].e;
			break;
		}
	na = tokenize(p, q->e, a1, ta, MAXTOK);
	nb = tokenize(p, b0, q->s, tb, MAXTOK);

	/* the quote itself */
	i = q->s;
	while (i < q->e && markat(p, q->e, i, &j) != M_NONE)
		i += j;
	cs = i;
	ce = q->e;
	while (ce > cs) {
		i = utf8_prev(p, ce);
		if (markat(p, ce, i, &j) == M_NONE || i + j != ce)
			break;
		ce = i;
	}
	ce = trimend(p, cs, ce);
	c = cpbefore(p, ce);
	termin = c == '.' || c == '!' || c == '?' || c == 0x2026;
	fullstop = c == '.' || c == 0x2026;     /* "Why?" he asked. */
	comma = c == ',' || (na > 0 && ta[0].type == ',' &&
	        ta[0].s == q->e);
	c = cpat(p, n, cs);
	capstart = isuppercp(c) || (c >= '0' && c <= '9') || c == '[' ||
	           c == 0x2026 || c == '.';
	linestart = nb == 0 && trimend(p, q->ls, q->s) == q->ls;
	bcolon = nb > 0 && tb[nb - 1].type == ':';
	bcomma = nb > 0 && tb[nb - 1].type == ',';
	nw = nwords(p, cs, ce);
	if (q->mk == M_CJL && ce - cs > nw * 4)
		nw = (ce - cs) / 4;     /* CJK: a word is about 1.5 characters */
	sentlike = capstart && (termin || comma);
	dl = sentlike || ((linestart || bcolon) && nw >= 3) || !q->closed;

	/* “…?”\nClinton said. — one sentence a line (sentsplit): the short
	 * sentence on the next line */
	if (na == 0 && a1 < n && a1 - q->e < WIN && p[a1] == '\n' && termin &&
	    a1 + 1 < n && p[a1 + 1] != '\n' && p[a1 + 1] != '\r') {
		le = afterend(p, n, a1 + 1, qi);
		na = tokenize(p, a1 + 1, le, ta, MAXTOK);
		for (i = 0; i < na && !sentend(&ta[i]); i++)
			;
		if (i == na || i > 6)
			na = 0;
	}
	/* after: the first cue of the rest of the sentence */
	lim = (comma || !fullstop) ? 20 : 6;
	hi = na;
	for (i = 0; i < na; i++)
		if (sentend(&ta[i]) || ta[i].type == ':') {
			hi = i;
			break;
		}
	for (i = 0; i < hi && i < lim; i++)
		if (ta[i].type == 'w' && iscue(ta, i) &&
		    !(ta[i].cap && i > 0)) {
			lo = 0;
			while (lo < i && ta[lo].type != 'w')
				lo++;
			if (lo > 0 && ta[lo - 1].type != ',' &&
			    ta[lo - 1].type != '-' && ta[lo - 1].type != '(')
				break;
			fromcue(ta, lo, i, hi, &ca, 1);
			break;
		}
	/* before: the last cue of the sentence so far */
	lo = 0;
	for (i = nb; i-- > 0;)
		if (sentend(&tb[i])) {
			lo = i + 1;
			break;
		}
	for (i = nb; i-- > lo;)
		if (tb[i].type == 'w' && iscue(tb, i) &&
		    (!tb[i].cap || i == lo || (tb[i].flags & QT_ACC))) {
			fromcue(tb, lo, i, nb, &cb, 0);
			break;
		}
	/* "Bush: “The mission is…”" */
	if (!cb.ok && bcolon && nb - 1 > lo) {
		/* "Rep. Trey Gowdy (R-S.C.):", "… – Philip Bump:" */
		for (i = nb - 1; i > lo && nb - 1 - i < 8 &&
		     ((tb[i - 1].type == 'w' &&
		       !(tb[i - 1].flags & (QT_STOP | QT_CUE))) ||
		      tb[i - 1].type == '(' || tb[i - 1].type == ')'); i--)
			;
		if ((i == lo || tb[i - 1].type == '-' || tb[i - 1].type == ',') &&
		    nb - 1 - i <= 7 && tb[i].type == 'w' &&
		    namein(tb, i, nb - 1, &j, &le)) {
			k = nb - 1;
			while (k > i && tb[k - 1].type != 'w')
				k--;
			setnp(&cb, tb, i, k);
			cb.cue_s = cb.cue_e = NONE;
		}
	}
	/* "X told WSJ that," or "Caddell continued:" ending the paragraph
	 * before a quote that opens its own */
	if (!cb.ok && linestart && q->ls > 0) {
		le = trimend(p, 0, q->ls - 1);
		while (le > 0 && (p[le - 1] == '\n' || p[le - 1] == '\r' ||
		       p[le - 1] == ' ' || p[le - 1] == '\t'))
			le--;
		if (le > 0) {
			int intro = p[le - 1] == ':' || p[le - 1] == ',';

			b0 = le > WIN ? le - WIN : 0;
			for (j = qi; j-- > 0;)
				if (qv[j].top) {
					if (qv[j].e > b0 && qv[j].e <= le)
						b0 = qv[j].e;
					break;
				}
			nl = memrchr(p + b0, '\n', le - b0);
			if (nl)
				b0 = (size_t)(nl - p) + 1;
			nb = tokenize(p, b0, le, tb, MAXTOK);
			lo = 0;
			for (i = nb > 0 ? nb - 1 : 0; i-- > 0;)
				if (sentend(&tb[i])) {
					lo = i + 1;
					break;
				}
			for (i = nb; i-- > lo;)
				if (tb[i].type == 'w' && iscue(tb, i)) {
					fromcue(tb, lo, i, nb, &cb, 0);
					break;
				}
			if (cb.ok && intro)
				bcolon = 1;
			else if (cb.ok && cb.cue_s > (qi > 0 ? qv[qi - 1].e : 0)) {
				/* "Purdy went out to deny it.\n\n“We deny…”":
				 * used only if nothing nearer names a speaker */
				if (nalt == altcap) {
					altcap = altcap ? altcap * 2 : 16;
					altv = erealloc(altv, altcap * sizeof(*altv));
				}
				altv[nalt].qi = qi;
				altv[nalt++].c = cb;
				q->hasalt = 1;
				memset(&cb, 0, sizeof(cb));
			} else {
				memset(&cb, 0, sizeof(cb));
			}
		}
	}
	if (cb.ok && (bcolon || (bcomma && !ca.ok)))
		ca = cb;
	else if (!ca.ok)
		ca = cb;
	/* a transcript: "PENCE: Well, ..." names its own speaker */
	for (i = cs; i < ce && i - cs < 40 && ((p[i] >= 'A' && p[i] <= 'Z') ||
	     (p[i] == ' ' && i > cs && p[i - 1] != ' ') || p[i] == '.'); i++)
		;
	if (!(i - cs >= 2 && i < ce && p[i] == ':' && p[cs] != ' ') &&
	    capstart) {
		/* "Chris Matthews: Seriously, ..." */
		na = tokenize(p, cs, MIN(ce, cs + 60), ta, 5);
		for (i = 0; i < na && i < 4 && isnameword(&ta[i]); i++)
			;
		i = i >= 2 && i < na && ta[i].type == ':' ? ta[i].s : ce;
	}
	if (i - cs >= 2 && i < ce && p[i] == ':' && p[cs] != ' ') {
		memset(&ca, 0, sizeof(ca));
		ca.ok = 1;
		ca.sp_s = ca.nm_s = cs;
		ca.sp_e = ca.nm_e = trimend(p, cs, i);
		ca.cue_s = ca.cue_e = NONE;
	}
	if (ca.ok) {
		q->own = 1;
		q->sp_s = ca.sp_s;
		q->sp_e = ca.sp_e;
		q->nm_s = ca.nm_s;
		q->nm_e = ca.nm_e;
		q->cue_s = ca.cue_s;
		q->cue_e = ca.cue_e;
		q->pron = (unsigned char)(ca.pron >> 5);
		q->gender = ca.gender == QT_MALE ? 'm' : ca.gender ? 'f' : 0;
	}
	if (!q->closed)
		q->kind = K_UNCLOSED;
	else if (dl)
		q->kind = K_DIRECT;
	else
		q->kind = K_PARTIAL;
	/* a title after "on", "of", "called", a possessive: "on “Meet the
	 * Press,”" */
	if (nb > 0 && tb[nb - 1].type == 'w' && (tb[nb - 1].poss ||
	    ((tb[nb - 1].flags & QT_STOP) && !tb[nb - 1].cap) ||
	    !strcmp(tb[nb - 1].key, "called") ||
	    !strcmp(tb[nb - 1].key, "titled")) &&
	    titlecase(p, cs, ce) && nw >= 2 && nw <= 8) {
		dl = 0;
		q->own = 0;
		q->sp_s = q->nm_s = q->cue_s = NONE;
		nw = 0;
	}
	/* a name or title: "a spot titled “Arrogant”"; an attribute value:
	 * <tweet author="x"> */
	if ((nb > 0 && tb[nb - 1].type == 'w' &&
	    (tb[nb - 1].flags & QT_NAMING)) || (q->s > 0 && p[q->s - 1] == '='))
		dl = q->own = nw = 0;
	/* numbers, ids, lone letters: "773113752271", "R" */
	for (i = cs, j = 0; i < ce && j < 2; i++)
		j += (((unsigned char)p[i] | 0x20) >= 'a' &&
		      ((unsigned char)p[i] | 0x20) <= 'z') ||
		     (unsigned char)p[i] >= 0xC0;
	if (j < 2 && ce - cs < 40)
		dl = q->own = nw = 0;
	if (!q->own)
		q->sp_s = q->sp_e = q->nm_s = q->nm_e = q->cue_s = q->cue_e =
		    NONE;
	/* scare quotes and titles: a short fragment nobody said */
	if (q->dbl)
		q->emit = (dl && nw >= 2) || q->own || nw >= 6;
	else
		q->emit = sflag && ((dl && nw >= 2) || q->own || nw >= 6);
	if (!q->emit && aflag) {
		q->emit = 1;
		q->kind = K_OTHER;
	}
}

/* Resolve pronouns and carry speakers over, in document order. */
static void
resolve(void)
{
	size_t i, j, named = NONE, any = NONE, prev = NONE, nx, ka = 0;
	size_t lm = NONE, lf = NONE, lu = NONE;

	/* the next attributed quote of the same paragraph, in one pass */
	for (i = nq, nx = NONE; i-- > 0;) {
		if (nx != NONE && qv[nx].ls != qv[i].ls)
			nx = NONE;
		qv[i].nx = nx;
		if (qv[i].top && qv[i].emit && qv[i].own)
			nx = i;
	}
	struct quote *q, *r;

	for (i = 0; i < nq; i++) {
		q = &qv[i];
		if (!q->top || !q->emit || q->kind == K_OTHER)
			continue;
		if (q->own) {
			if (q->pron) {
				/* he: the last man or person of unknown sex */
				if (q->pron & (QT_PRON_M >> 5))
					j = lm != NONE && (lu == NONE || lm > lu) ?
					    lm : lu;
				else if (q->pron & (QT_PRON_F >> 5))
					j = lf != NONE && (lu == NONE || lf > lu) ?
					    lf : lu;
				else if (q->pron & (QT_PRON_P >> 5))
					j = any != NONE ? any : named;
				else
					j = NONE;       /* "I": the writer */
				if (j != NONE) {
					q->nm_s = qv[j].nm_s;
					q->nm_e = qv[j].nm_e;
				}
			} else if (q->nm_e > q->nm_s) {
				any = i;
				if (isuppercp(cpat(text, tlen, q->nm_s))) {
					named = i;
					if (q->gender == 'm')
						lm = i;
					else if (q->gender == 'f')
						lf = i;
					else
						lu = i;
				}
			}
			prev = i;
			continue;
		}
		/* no cue: a quote of the same paragraph, else the last one */
		r = NULL;
		if (prev != NONE && qv[prev].ls == q->ls)
			r = &qv[prev];
		if (!r && q->nx != NONE)
			r = &qv[q->nx];
		while (ka < nalt && altv[ka].qi < i)
			ka++;
		if (!r && q->hasalt && ka < nalt && altv[ka].qi == i) {
			q->own = 1;
			q->sp_s = altv[ka].c.sp_s;
			q->sp_e = altv[ka].c.sp_e;
			q->nm_s = altv[ka].c.nm_s;
			q->nm_e = altv[ka].c.nm_e;
			q->cue_s = altv[ka].c.cue_s;
			q->cue_e = altv[ka].c.cue_e;
			q->pron = (unsigned char)(altv[ka].c.pron >> 5);
			q->gender = altv[ka].c.gender == QT_MALE ? 'm' :
			            altv[ka].c.gender ? 'f' : 0;
			i--;    /* once more, as an attributed quote */
			continue;
		}
		if (!r && prev != NONE && q->kind != K_PARTIAL &&
		    q->kind != K_OTHER)
			r = &qv[prev];
		if (r && r->sp_s != NONE) {
			q->sp_s = r->sp_s;
			q->sp_e = r->sp_e;
			q->nm_s = r->nm_s;
			q->nm_e = r->nm_e;
			q->cue_s = r->cue_s;
			q->cue_e = r->cue_e;
			q->cont = 1;
			prev = i;
		}
	}
}

/* --- earlier markup */

/* Length of an opening tag <q who="…" cue="…"> at p, or 0. */
static size_t
opentag(const char *p, size_t n)
{
	static const char *parts[] = { "<q who=\"", "\" cue=\"", "\">" };
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

/*
 * Find balanced quotetag markup in p[0, n); write the text without it to
 * out and, if map, remember where bytes were removed (rmpos, rmcum).
 * Return 1 if there was any; out is left alone when p holds no open tag.
 */
static int
strip(const char *p, size_t n, struct buf *out, int map)
{
	struct tag { size_t pos, len; int mate; } *tv = NULL;
	size_t ntag = 0, tcap = 0, i, l, *stk, nstk = 0, last, k;
	const char *c;
	int any = 0;

	nrm = 0;
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
		if (!map)
			continue;
		if (nrm == rmcap) {
			rmcap = rmcap ? rmcap * 2 : 16;
			rmpos = erealloc(rmpos, rmcap * sizeof(*rmpos));
			rmcum = erealloc(rmcum, rmcap * sizeof(*rmcum));
		}
		rmpos[nrm] = out->len;
		rmcum[nrm] = (nrm ? rmcum[nrm - 1] : 0) + tv[i].len;
		nrm++;
	}
	buf_put(out, p + last, n - last);
	free(tv);
	return any;
}

/* Offset in the input of clean offset c (after markup at c if incl). */
static size_t
maporig(size_t c, int incl)
{
	size_t lo = 0, hi = nrm, m;

	while (lo < hi) {
		m = (lo + hi) / 2;
		if (rmpos[m] < c || (incl && rmpos[m] == c))
			lo = m + 1;
		else
			hi = m;
	}
	return c + (lo ? rmcum[lo - 1] : 0);
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

/* p[0, n) as a JSON string, invalid UTF-8 as U+FFFD */
static void
jstr(struct buf *o, const char *p, size_t n)
{
	static struct buf b;
	size_t i = 0, k;
	uint32_t c;

	if (utf8_valid(p, n) == n) {
		json_escape(o, p, n);
		return;
	}
	if (!b.cap)
		buf_init_mem(&b, 256);
	b.len = 0;
	while (i < n) {
		k = utf8_decode(p + i, n - i, &c);
		if (c == UTF8_INVALID)
			buf_put(&b, "\xEF\xBF\xBD", 3);
		else
			buf_put(&b, p + i, k);
		i += k;
	}
	json_escape(o, b.p, b.len);
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
jspan(struct buf *o, size_t s, size_t e)
{
	if (s == NONE)
		buf_put(o, "null", 4);
	else
		jstr(o, text + s, e - s);
}

static void
joff(struct buf *o, size_t s, int incl)
{
	if (s == NONE)
		buf_put(o, "null", 4);
	else
		jnum(o, base + maporig(s, incl));
}

/* ,"name":text[ts, te),"name_start":s,"name_end":e (null when absent) */
static void
jfield(struct buf *o, const char *name, size_t ts, size_t te, size_t s,
       size_t e)
{
	buf_puts(o, ",\"");
	buf_puts(o, name);
	buf_puts(o, "\":");
	jspan(o, ts, te);
	buf_puts(o, ",\"");
	buf_puts(o, name);
	buf_puts(o, "_start\":");
	joff(o, s, 1);
	buf_puts(o, ",\"");
	buf_puts(o, name);
	buf_puts(o, "_end\":");
	joff(o, e, 0);
}

/* one quotation as a JSON object, written as jansson's compact dump
 * would write it */
static void
qjson(struct buf *o, const struct quote *q)
{
	size_t s = maporig(q->s, 1), e = maporig(q->e, 0);

	buf_puts(o, "{\"start\":");
	jnum(o, base + s);
	buf_puts(o, ",\"end\":");
	jnum(o, base + e);
	buf_puts(o, ",\"text\":");
	jstr(o, orig + s, e - s);
	jfield(o, "speaker", q->nm_s, q->nm_e, q->sp_s, q->sp_e);
	jfield(o, "cue", q->cue_s, q->cue_e, q->cue_s, q->cue_e);
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
tsvoff(struct buf *o, size_t s, int incl)
{
	if (s == NONE)
		buf_puts(o, "\t");
	else
		buf_printf(o, "\t%zu", base + maporig(s, incl));
}

static void
puttsv(struct buf *o, const struct quote *q)
{
	size_t s = maporig(q->s, 1), e = maporig(q->e, 0);

	buf_printf(o, "%zu\t%zu\t", base + s, base + e);
	tsvesc(o, orig + s, e - s);
	buf_putc(o, '\t');
	if (q->nm_s != NONE)
		tsvesc(o, text + q->nm_s, q->nm_e - q->nm_s);
	tsvoff(o, q->sp_s, 1);
	tsvoff(o, q->sp_e, 0);
	buf_putc(o, '\t');
	if (q->cue_s != NONE)
		tsvesc(o, text + q->cue_s, q->cue_e - q->cue_s);
	buf_printf(o, "\t%s\t%s\n", kindname[q->kind], q->cont ? "1" : "0");
}

static void
opentagout(struct buf *o, const struct quote *q)
{
	buf_puts(o, "<q who=\"");
	if (q->nm_s != NONE)
		xmlesc(o, text + q->nm_s, q->nm_e - q->nm_s);
	buf_puts(o, "\" cue=\"");
	if (q->cue_s != NONE)
		xmlesc(o, text + q->cue_s, q->cue_e - q->cue_s);
	buf_puts(o, "\">");
}

/* The text with tags around the quotes (properly nested ones only). */
static void
putinline(struct buf *o)
{
	size_t st[MAXDEPTH + 1], nst = 0, pos = 0, i;
	const struct quote *q;

	for (i = 0; i < nq; i++) {
		q = &qv[i];
		if (!q->emit || (!q->top && !aflag))
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
		opentagout(o, q);
		pos = q->s;
		st[nst++] = i;
	}
	while (nst > 0) {
		buf_put(o, text + pos, qv[st[nst - 1]].e - pos);
		buf_puts(o, "</q>");
		pos = qv[st[--nst]].e;
	}
	buf_put(o, text + pos, tlen - pos);
}

/* --- the filter */

/*
 * The text with its tags, or the input p[0, n) as it was when a second run
 * would not read the tags back as written: stray pieces of quotetag markup
 * in the input (a lone "</q>", a tag that removing earlier markup made)
 * pair with the new tags otherwise. So a second run changes nothing.
 */
static void
putchecked(struct buf *o, const char *p, size_t n)
{
	static struct buf tagged, chk;

	if (!markup(p, n)) {
		putinline(o);
		return;
	}
	if (!tagged.cap) {
		buf_init_mem(&tagged, 4096);
		buf_init_mem(&chk, 4096);
	}
	tagged.len = 0;
	putinline(&tagged);
	if (markup(tagged.p, tagged.len) & MK_OPEN) {
		strip(tagged.p, tagged.len, &chk, 0);
		if (chk.len != tlen || memcmp(chk.p, text, tlen)) {
			buf_put(o, p, n);
			return;
		}
	}
	buf_put(o, tagged.p, tagged.len);
}

static int
process(void *ctx, const char *p, size_t n, struct buf *o)
{
	size_t i, depth_end[MAXDEPTH + 1], nd = 0;

	(void)ctx;
	if (newdoc)
		base = 0;
	else
		base += olen;
	newdoc = 0;
	orig = p;
	olen = n;
	if (!clean.cap)
		buf_init_mem(&clean, 4096);
	if (strip(p, n, &clean, 1)) {
		text = clean.p;
		tlen = clean.len;
	} else {
		text = p;
		tlen = n;
	}
	if (uflag) {
		buf_put(o, text, tlen);
		return 0;
	}
	nq = 0;
	nalt = 0;
	pairmarks(text, tlen);
	if (nq > 1)
		qsort(qv, nq, sizeof(*qv), qcmp);
	/* top level: not inside an earlier quote */
	for (i = 0; i < nq; i++) {
		while (nd > 0 && depth_end[nd - 1] <= qv[i].s)
			nd--;
		qv[i].top = nd == 0;
		if (nd <= MAXDEPTH - 1)
			depth_end[nd++] = qv[i].e;
	}
	for (i = 0; i < nq; i++) {
		if (qv[i].top) {
			attribute(text, tlen, i);
		} else {
			qv[i].kind = K_NESTED;
			qv[i].emit = aflag;
		}
	}
	resolve();
	for (i = 0; i < nq; i++) {
		if (!qv[i].emit || (!qv[i].top && !aflag))
			continue;
		counters[0].n++;
		counters[1].n += qv[i].sp_s != NONE;
		counters[2].n += qv[i].kind == K_UNCLOSED;
	}
	if (jmode) {
		if (fmt == F_INLINE)
			putchecked(o, p, n);
		else
			buf_put(o, p, n);
		for (i = 0, nd = 0; i < nq; i++)
			nd += qv[i].emit && (qv[i].top || aflag);
		if (nd > MAXJQ) {
			warnx("a record has %zu quotes; its \"quotes\" array "
			    "lists the first %d", nd, MAXJQ);
			return -1;
		}
		return 0;
	}
	switch (fmt) {
	case F_INLINE:
		putchecked(o, p, n);
		break;
	case F_JSONL:
		for (i = 0; i < nq; i++) {
			if (!qv[i].emit || (!qv[i].top && !aflag))
				continue;
			qjson(o, &qv[i]);
			buf_putc(o, '\n');
		}
		break;
	case F_TSV:
		for (i = 0; i < nq; i++)
			if (qv[i].emit && (qv[i].top || aflag))
				puttsv(o, &qv[i]);
		break;
	}
	return 0;
}

static void
enddoc(void *ctx, struct buf *o)
{
	(void)ctx;
	(void)o;
	newdoc = 1;
}

/* --jsonl: the record gets the quotes of its text, the value of its
 * "quotes" member */
static void
addquotes(void *ctx, struct buf *o)
{
	size_t i, k = 0;

	(void)ctx;
	buf_putc(o, '[');
	/* bounded, so that a record's memory is too */
	for (i = 0; i < nq && !uflag && k < MAXJQ; i++)
		if (qv[i].emit && (qv[i].top || aflag)) {
			if (k++ > 0)
				buf_putc(o, ',');
			qjson(o, &qv[i]);
		}
	buf_putc(o, ']');
	nq = 0;
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
	case 'a':
		aflag = 1;
		return 0;
	case 'f':
		if (!strcmp(arg, "inline"))
			fmt = F_INLINE;
		else if (!strcmp(arg, "jsonl"))
			fmt = F_JSONL;
		else if (!strcmp(arg, "tsv"))
			fmt = F_TSV;
		else {
			diag_warnx(dg, "-f: unknown format %s (inline, jsonl, "
			    "tsv)", arg);
			return 2;
		}
		return 0;
	case 's':
		sflag = 1;
		return 0;
	case 'u':
		uflag = 1;
		return 0;
	}
	return 2;
}

static int
start(void *e, const struct rec_opt *o, struct rec_filter *f)
{
	hinit();
	jmode = o->mode == REC_JSONL;
	f->unit = REC_DOC;
	f->fn = process;
	f->enddoc = enddoc;
	if (jmode && !uflag) {
		f->jsonl = addquotes;
		f->jsonl_key = "quotes";
	}
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
