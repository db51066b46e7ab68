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
 * A document streams through five stages, each a bounded distance behind
 * the one before, so that memory does not grow with the document and no
 * decision depends on where the record reader cut it into windows:
 *
 *   strip      earlier markup out (struct stripper): the clean text
 *   pair       quotation marks into quotes (struct pairer)
 *   attribute  each top-level quote from the words around it
 *   resolve    pronouns and carried speakers, in document order
 *   write      tags into the text, or JSON / TSV lines
 *
 * The clean text is held from a little before the first quote not yet
 * written (CTX) to where stripping has got; positions are offsets in the
 * document's clean text. Each stage waits only for what its bounded look
 * ahead needs (an open mark waits at most QSPAN bytes, attribution AFTER
 * bytes, a quote with no cue NXMAX bytes for one of its line that has
 * one). Tagged output is held back until a point where no tag, no piece of
 * earlier markup and no quote spans it; if the text between two such
 * points would not read back as written (see verify()), the input is
 * written there as it was.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <utf8proc.h>

#include "common/engine.h"
#include "common/io.h"
#include "common/json.h"
#include "common/rec.h"
#include "common/scan.h"
#include "common/swar.h"
#include "common/utf8.h"
#include "common/util.h"
#include "filters/apply.h"
#include "filters/quotetag.h"
#include "filters/quotetag_data.h"

#define MAXQ QT_MAXQ    /* bytes an open mark waits for its close */
#define QSPAN QT_QSPAN  /* ... without any further mark or line end */
#define WIN QT_WIN      /* bytes of context on each side of a quote */
#define NXMAX QT_NXMAX  /* the next attributed quote of a line, this near */
#define MAXTOK 200      /* tokens in one window */
#define MAXDEPTH 8      /* open marks kept on the stack */
#define MAXLINES 10     /* lines a quote open at a line end looks on */
#define CAPS_BYTES 40   /* a speaker in capitals: "PENCE: Well," */
#define MAXJQ QT_MAXJQ  /* --jsonl: quotes listed per record */
#define LEADMAX WIN     /* blanks before a quote on its line looked at */
#define BLANKMAX WIN    /* blank lines before a quote's paragraph, too */
#define AFTER (2 * WIN + 8)     /* bytes past a quote that attribute it */
#define CTX 4096        /* clean text kept before the first quote not yet
			 * written: its words before, and the paragraph
			 * before that */
#define TAGMAX QT_TAGMAX        /* bytes of an opening tag read as markup */
#define TAGDEPTH 16     /* open tags waiting for their close */
#define TAGSPAN QT_TAGSPAN      /* text bytes an open tag waits, at most */
#define SLICE 65536     /* input taken at a time */
#define HOLDMAX QT_HOLDMAX      /* output held back, at most */
#define JQMEM (256 * 1024)      /* --jsonl: quotes array kept in memory */
#define NONE ((size_t)-1)

/* the bounds fit together: the words before a quote, and the paragraph
 * before it, are in the CTX bytes kept; our own tags (who and cue of at
 * most WIN bytes, escaped) are markup; so are the pairs around our quotes */
typedef char ctx_holds_the_paragraph_before[
	CTX >= LEADMAX + 1 + BLANKMAX + 2 * WIN + 16 ? 1 : -1];
typedef char tagmax_holds_our_tags[TAGMAX >= 16 * WIN + 32 ? 1 : -1];
typedef char tagspan_holds_our_quotes[TAGSPAN >= QSPAN + 64 ? 1 : -1];
typedef char tagdepth_holds_our_nesting[TAGDEPTH > MAXDEPTH + 1 ? 1 : -1];

/* formats: -f, and in --jsonl the text left as it is (standoff) */
enum { F_INLINE, F_JSONL, F_TSV, F_STANDOFF };
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

/* a candidate speaker: positions in the text attributed */
struct cand {
	int ok, pron, gender;   /* gender: QT_MALE, QT_FEMALE or 0 */
	size_t sp_s, sp_e, nm_s, nm_e, cue_s, cue_e;
};

/* a quote, from pairing to writing; positions in the clean text */
struct quote {
	size_t s, e;            /* span, marks included */
	size_t lead;            /* bytes from its line's start (at most
	                         * LEADMAX + 1: "more") */
	size_t line;            /* its line, from 0 */
	size_t spk;             /* its speaker (struct spk), or NONE */
	unsigned char dbl, closed, kind, cont, emit, own, pron, top;
	unsigned char hasalt, mk;  /* mk: the opening mark */
	unsigned char gender;   /* 'm', 'f' or 0 */
};

/* a cue in the paragraph before quote number qn (rarely needed) */
struct alt {
	size_t qn;
	struct cand c;
};

/* --attrs: a span of the input, in bytes and code points */
struct aspan {
	size_t b[2], c[2];      /* start, end */
	int set;
};

/*
 * A speaker as written: its mention, name and cue. Quotes share one when
 * a speaker is carried over; it outlives the text it came from (its
 * strings are copies), and once its positions are mapped into the text
 * offsets refer to (off[]), it no longer needs that text either.
 */
struct spk {
	size_t refs;            /* 0: free (next free in pos[0]) */
	size_t pos[4];          /* sp_s, sp_e, cue_s, cue_e, or NONE */
	size_t off[4][2];       /* ... as offsets: bytes, characters */
	int mapped;
	/* --attrs: the mention, the cue and where the name is written (a
	 * pronoun's antecedent's), as spans of the input, mapped when made */
	struct aspan amen, acue, awho;
	char *name, *cue;
	size_t namelen, cuelen;
	unsigned char gender, upper;    /* upper: the name is capitalised */
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
#define HBITS 12        /* at most half full: 2048 words */
#define HKEY 16
struct words {
	uint64_t key[1 << HBITS][2];    /* 0: an empty slot */
	int flags[1 << HBITS];
};

/* What pairing knows between two marks: the open marks, innermost last,
 * and where it is. Between runs its positions are absolute; pairrun()
 * reads them relative to the text held (but ls and stls, which may be
 * before it, stay absolute). */
struct pairer {
	struct open st[MAXDEPTH];
	size_t nst;
	size_t stls;            /* start of the line st[0] opened on */
	size_t stline;          /* ... and its number */
	size_t ls;              /* start of the current line */
	size_t line;            /* its number */
	size_t i;               /* the next byte to look at */
	size_t skip;            /* a mark that repeats st[0], or NONE */
	size_t cont, contpos;   /* the close goeson found for st[0] at
	                         * contpos, or NONE */
	int done;               /* the document's end was paired */
};

/*
 * Offsets: a list of points where the text offsets refer to (the input,
 * or the output with its tags) has bytes the clean text has not: at
 * clean position pos, cumulative totals up to and including this point.
 * For markup removed from the input, str holds its bytes (at soff).
 */
struct ev {
	size_t pos, cumb, cumc;
	size_t soff;
};
struct evlist {
	struct ev *v;
	size_t n, cap;
	size_t cumb, cumc;      /* totals before v[0] */
	struct buf str;         /* the bytes, from soff str0 */
	size_t str0;
};

/* a piece of earlier markup waiting for its close */
struct piece {
	size_t g;               /* text bytes before it */
	size_t at;              /* where it is in the text held after the
	                         * bottom one (stripper); its clean
	                         * position (verifier) */
	size_t seq;             /* its number among the input's pieces */
	size_t len, chars, soff;        /* its bytes, in strs */
};

/*
 * Earlier markup: pieces (<q who="…" cue="…"> and </q>) pair as a stack.
 * A close pairs with the innermost open piece; an open piece that waited
 * for more than TAGSPAN bytes of text (g counts the bytes that are no
 * piece), or that TAGDEPTH later ones pushed out, is text.
 */
struct stack {
	struct piece st[TAGDEPTH];
	size_t nst;
	size_t g;
	size_t busy;            /* the clean position where it began to
	                         * hold pieces */
};

/* A busy span (a, b] of clean positions: no output boundary there. */
struct span {
	size_t a, b;
};
struct spans {
	struct span *v;
	size_t first, n, cap;
};

/*
 * The stripper: the input's pieces out of the clean text. While a piece
 * waits, the text after it is held in pend (with the pieces paired inside
 * it in prm), since it is not known yet whether the piece is text.
 */
struct stripper {
	struct stack sk;
	char carry[TAGMAX];     /* the input's end that may begin a piece */
	size_t ncarry;
	struct buf pend;
	struct buf strs;        /* the bytes of the waiting pieces */
	struct prm { size_t at, seq, len, chars, soff; } *prm;
	size_t nprm, prmcap;
	struct buf prmstr;
	size_t seq;
	struct spans busy;
};

/* The verifier reads the clean text as a second run would read the
 * output (verify()). */
struct verifier {
	struct stack sk;
	size_t pos;             /* clean position read up to */
	struct spans paired;    /* where pieces of the clean text pair
	                         * (a, with b == a) */
	struct spans busy;
	struct spans pieces;    /* the pieces of the clean text: [a, b) */
};

/* Characters before a clean position: per 64-byte block, how many
 * characters start before it and where the first one starting in it
 * does. */
struct chars {
	size_t *cum, *first;
	size_t base;            /* the block of cum[0] */
	size_t n, cap;
	size_t at, count;       /* where counting got: a character start */
};

/* --attrs: a quote whose tags are written, until they are given out */
struct aquote {
	size_t s;               /* its clean position */
	struct aspan q, men, cue, who;
};

/* The writer: tags into the text, held back from the last boundary. */
struct writer {
	int direct;             /* no markup yet: out at once, no boundaries */
	size_t pos;             /* clean text written up to */
	size_t stk[MAXDEPTH + 1];       /* ends of open tags */
	size_t nst;
	struct buf y;           /* written since the last boundary */
	size_t from;            /* ... which is here */
	struct evlist tags;     /* the tags in y */
	struct spans spans;     /* ... and the quotes they are around */
	struct evlist out;      /* --jsonl -f inline: all tags kept */
	struct aquote *aq;      /* --attrs: the quotes whose tags are in y */
	size_t naq, aqcap;
};

/*
 * --attrs: the input (the document as it came), to count its code points
 * as rec_chars does from the document's start: per 64-byte block, how
 * many start before the first one that starts in it, and where that one
 * does.
 */
struct incount {
	struct buf in;          /* the input from byte base (a multiple of
	                         * 64) */
	size_t base;
	size_t *cum, *first;    /* per block, from block b0 */
	size_t b0, n, cap;
	size_t at, count;       /* code points before byte at, where one
	                         * starts */
};

/* --attrs: a speaker's, cue's or name's span, for the end of the
 * document (they come in the order of their quotes, not of their
 * starts) */
struct alater {
	struct aspan a;
	size_t v;               /* the number of its quote */
	int name;               /* A_SPEAKER, A_CUE or A_WHO */
};

/* the recent speakers resolution reads (struct spk indices and the
 * quote numbers that set them, or NONE) */
struct recent {
	size_t named, any, prev, man, woman, unknown;
	size_t namedn, anyn, mann, womann, unknownn;
	size_t prevline;
};

struct quotetag {
	struct diag *dg;
	const struct rec_filter *f;
	int aflag, sflag, uflag, fmt, fmtset;
	int jmode;                      /* --jsonl records */
	int chars;                      /* offsets in characters */
	struct rec_counter counters[4];
	struct words words;
	struct buf *o;                  /* where output goes now */
	/* the clean text of the document, from xbase */
	struct buf x;
	size_t xbase;
	int docend;
	size_t mark;                    /* where the first piece of markup
	                                 * is, or NONE */
	struct stripper sp;
	struct verifier vf;
	struct evlist rm;               /* markup removed */
	struct chars ch;
	/* quotes, from number qbase */
	struct pairer pr;
	struct quote *grp;              /* paired, not yet in order */
	size_t ngrp, grpcap;
	struct quote *qv;
	size_t qbase, nq, qcap;
	size_t qa, qr, qw, qj;          /* next to attribute, resolve, write,
	                                 * list (numbers) */
	size_t prevtop, preve;          /* ends of the last top-level quote
	                                 * and quote attributed, or NONE */
	struct alt *altv;
	size_t altfirst, nalt, altcap;
	struct spk *spv;
	size_t nspk, spkcap, spkfree;
	struct recent rc;
	size_t listed;                  /* quotes listed in this document */
	struct writer w;
	struct buf jq;                  /* --jsonl: the quotes array */
	size_t njq;
	struct tok ta[MAXTOK], tb[MAXTOK];      /* words after, before */
	struct buf jscratch, scratch;
	FILE *spill;                    /* the quotes array, when large */
	size_t nspill;
	/* --attrs */
	int attrs;
	struct incount ic;
	struct spans kept;              /* where markup is written as it
	                                 * was: [a, b) */
	size_t nout;                    /* quotes given out */
	struct alater *alv;
	size_t nal, alcap;
};

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

/* A quote p[s, e) of the text held (from xbase) has been paired: it opened
 * with mark kind on the line that starts at lsabs (line number line). */
static void
addquote(struct quotetag *qt, size_t s, size_t e, size_t lsabs, size_t line,
         int kind, int closed)
{
	struct quote q;

	memset(&q, 0, sizeof(q));
	q.s = qt->xbase + s;
	q.e = qt->xbase + e;
	q.lead = MIN(q.s - lsabs, (size_t)LEADMAX + 1);
	q.line = line;
	q.spk = NONE;
	q.dbl = ISDOUBLE(kind);
	q.closed = closed;
	q.mk = (unsigned char)kind;
	if (qt->ngrp == qt->grpcap) {
		qt->grpcap = qt->grpcap ? qt->grpcap * 2 : 16;
		qt->grp = erealloc(qt->grp, qt->grpcap * sizeof(*qt->grp));
	}
	qt->grp[qt->ngrp++] = q;
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

/* A speaker's name in capitals and a colon at p[cs], before ce: "PENCE:",
 * "MR. TRUMP:" (at least two bytes, the first no space), as transcripts
 * open a turn. The colon's position, or 0. */
static size_t
capslabel(const char *p, size_t cs, size_t ce)
{
	size_t i;

	for (i = cs; i < ce && i - cs < CAPS_BYTES && ((p[i] >= 'A' &&
	     p[i] <= 'Z') || (p[i] == ' ' && i > cs && p[i - 1] != ' ') ||
	     p[i] == '.'); i++)
		;
	return i - cs >= 2 && i < ce && p[i] == ':' && p[cs] != ' ' ? i : 0;
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

/* The first byte of p[i, e) that hot allows, or e. The bytes up to a
 * straight quote mark or a non-ASCII byte are stepped over at once. */
static size_t
nexthot(const char *p, size_t i, size_t e, const unsigned char *hot)
{
	while (i < e) {
		i += scan_qmark(p + i, e - i);
		if (i >= e || hot[(unsigned char)p[i]])
			break;
		i++;
	}
	return i;
}

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
 *   “a     curly, low and angle double marks, digits too („911“,
 *          “2020 will be”)
 *   ‘a     single ones, but not before a digit (‘90s, an apostrophe)
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
		return 1;
	case M_SQL: case M_SQLOW: case M_SGL: case M_CJ2L:
		return !(m->nc >= '0' && m->nc <= '9');
	case M_DQR: case M_GR: case M_SGR:
		return m->lf && !m->rf;
	case M_SQA:
		return m->lf && !m->rf && !(m->nc >= '0' && m->nc <= '9');
	}
	return 0;
}

static void flushgroup(struct quotetag *);

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
		         pr->stline, o->kind, 0);
		pr->nst = 0;
		flushgroup(qt);
	}
	if ((idx = closer(pr, m)) >= 0) {
		o = &pr->st[idx];
		/* "": nothing quoted */
		if (m->i != o->pos + o->len)
			addquote(qt, o->pos, m->i + m->len,
			         idx == 0 ? pr->stls : pr->ls,
			         idx == 0 ? pr->stline : pr->line, o->kind, 1);
		pr->nst = (size_t)idx;
	} else if (canopen(m) && pr->nst < MAXDEPTH) {
		if (pr->nst == 0) {
			pr->stls = pr->ls;
			pr->stline = pr->line;
		}
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
		/* "WALLACE: …\n\n"PENCE: …": a transcript's next turn is a
		 * quote of its own, with its own speaker */
		if (!WEAK(o->kind) && capslabel(p, j + len, MIN(n, j + len +
		    CAPS_BYTES + 1)))
			return EOL_UNCLOSED;
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

/* At the end of a line: single marks left open were apostrophes. */
static void
dropsingles(struct pairer *pr)
{
	while (pr->nst > 0 && !ISDOUBLE(pr->st[pr->nst - 1].kind))
		pr->nst--;
	if (pr->nst > 0 && !ISDOUBLE(pr->st[0].kind))
		pr->nst = 0;
}

/* The end le of a line, with a double mark open: it goes on, or ends. */
static void
pairline(struct quotetag *qt, struct pairer *pr, const char *p, size_t n,
         size_t le)
{
	const struct open *o = &pr->st[0];

	pr->skip = NONE;
	switch (eolfate(pr, p, n, le)) {
	case EOL_REPEAT:
	case EOL_GOESON:
		pr->nst = 1;
		break;
	case EOL_DROP:
		pr->nst = 0;
		break;
	case EOL_UNCLOSED:
		addquote(qt, o->pos, trimend(p, o->pos, le), pr->stls,
		         pr->stline, o->kind, 0);
		pr->nst = 0;
		break;
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

static void
qpush(struct quotetag *qt, const struct quote *q)
{
	size_t k = qt->nq - qt->qbase;

	if (k == qt->qcap) {
		qt->qcap = qt->qcap ? qt->qcap * 2 : 64;
		qt->qv = erealloc(qt->qv, qt->qcap * sizeof(*qt->qv));
	}
	qt->qv[k] = *q;
	qt->nq++;
}

/* No mark is open: the quotes paired since the last time are complete.
 * In order, and top level (not inside an earlier one), into the queue;
 * the quotes of one such group never reach past the next one's. */
static void
flushgroup(struct quotetag *qt)
{
	size_t i, depth_end[MAXDEPTH + 1], nd = 0;
	struct quote *q;

	if (qt->ngrp > 1)
		qsort(qt->grp, qt->ngrp, sizeof(*qt->grp), qcmp);
	for (i = 0; i < qt->ngrp; i++) {
		q = &qt->grp[i];
		while (nd > 0 && depth_end[nd - 1] <= q->s)
			nd--;
		q->top = nd == 0;
		if (nd <= MAXDEPTH - 1)
			depth_end[nd++] = q->e;
		if (!q->top) {
			q->kind = K_NESTED;
			q->emit = (unsigned char)qt->aflag;
		}
		qpush(qt, q);
	}
	qt->ngrp = 0;
}

/* The pairer's positions relative to the text held, and back; a
 * remembered close that is no longer held is forgotten. */
static void
pairrel(struct pairer *r, const struct pairer *pr, size_t xb)
{
	size_t i;

	*r = *pr;
	for (i = 0; i < r->nst; i++)
		r->st[i].pos -= xb;
	r->i -= xb;
	if (r->skip != NONE)
		r->skip = r->skip < xb ? NONE : r->skip - xb;
	if (r->cont != NONE && (r->cont < xb || r->contpos < xb))
		r->cont = r->contpos = NONE;
	else if (r->cont != NONE) {
		r->cont -= xb;
		r->contpos -= xb;
	}
}

static void
pairabs(struct pairer *pr, const struct pairer *r, size_t xb)
{
	size_t i;

	*pr = *r;
	for (i = 0; i < pr->nst; i++)
		pr->st[i].pos += xb;
	pr->i += xb;
	if (pr->skip != NONE)
		pr->skip += xb;
	if (pr->cont != NONE) {
		pr->cont += xb;
		pr->contpos += xb;
	}
}

/* Give up the open mark st[0] at p[cut] (cut back to a character's
 * start): an unclosed quote that ran QSPAN bytes without a mark. */
static void
giveup(struct quotetag *qt, struct pairer *pr, const char *p, size_t cut)
{
	const struct open *o = &pr->st[0];
	size_t i;

	for (i = 0; i < 3 && cut > o->pos + o->len &&
	     ((unsigned char)p[cut] & 0xC0) == 0x80; i++)
		cut--;
	addquote(qt, o->pos, trimend(p, o->pos, cut), pr->stls, pr->stline,
	         o->kind, 0);
	pr->nst = 0;
	pr->i = cut;
}

/*
 * Pair the marks of the text held, p[0, n), from where pairing got to;
 * end: the document ends at n. It stops where reading on would need text
 * beyond n: a mark's neighbours, or what follows a line that ends with a
 * quote open (the next lines, up to MAXQ bytes from its mark).
 */
static void
pairrun(struct quotetag *qt, const char *p, size_t n, int end)
{
	static const unsigned char hot[256] = {
		['"'] = 1, ['\''] = 1, [0xC2] = 1, [0xE2] = 1, [0xE3] = 1
	};
	struct pairer r, *pr = &r;
	struct mark m;
	size_t le, lim, cut, need;
	const char *nl;

	pairrel(&r, &qt->pr, qt->xbase);
	while (pr->i < n) {
		nl = memchr(p + pr->i, '\n', n - pr->i);
		le = nl ? (size_t)(nl - p) : n;
		lim = nl || end ? le : n > 8 ? n - 8 : 0;
		while (pr->i < lim) {
			cut = pr->nst > 0 ? pr->st[0].pos + QSPAN : NONE;
			m.i = nexthot(p, pr->i, MIN(lim, cut), hot);
			if (cut < lim && m.i == cut) {
				giveup(qt, pr, p, cut);
				flushgroup(qt);
				continue;
			}
			if (m.i >= lim) {
				pr->i = lim;
				break;
			}
			pr->i = m.i + 1;
			if ((m.k = markat(p, le, m.i, &m.len)) == M_NONE)
				continue;
			pr->i = m.i + m.len;
			if (m.i == pr->skip)
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
			pairmark(qt, pr, p, &m);
			if (pr->nst == 0 && qt->ngrp > 0)
				flushgroup(qt);
		}
		if (pr->i < le || (!nl && !end))
			break;          /* more text is needed */
		/* the end of the line */
		dropsingles(pr);
		if (pr->nst > 0) {
			need = MAX(le + WIN + 8, pr->st[0].pos + MAXQ + 8);
			if (!end && n < need)
				break;
			pairline(qt, pr, p, n, le);
		} else {
			pr->skip = NONE;
		}
		if (pr->nst == 0 && qt->ngrp > 0)
			flushgroup(qt);
		pr->i = nl ? le + 1 : n;
		pr->ls = qt->xbase + le + 1;
		pr->line++;
	}
	if (end && pr->i >= n && !pr->done) {
		/* the end of the document */
		if (pr->nst > 0 && !WEAK(pr->st[0].kind))
			addquote(qt, pr->st[0].pos,
			         trimend(p, pr->st[0].pos, n), pr->stls,
			         pr->stline, pr->st[0].kind, 0);
		pr->nst = 0;
		flushgroup(qt);
		pr->done = 1;
	}
	pairabs(&qt->pr, &r, qt->xbase);
}

/* Where pairing has not decided yet: no quote that is not in the queue
 * starts before it. */
static size_t
undecided(const struct quotetag *qt)
{
	size_t u = qt->pr.nst > 0 ? qt->pr.st[0].pos : qt->pr.i, i;

	for (i = 0; i < qt->ngrp; i++)
		u = MIN(u, qt->grp[i].s);
	return u;
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
	case '-': case 0x2013: case 0x2014: case 0x2015: return '-';
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
				if (c >= 0x80 && kl + k < sizeof(t->key) - 2) {
					for (j = 0; j < k; j++)
						t->key[kl++] = p[i + j];
					/* Latin-1 capitals in lower case
					 * too: "Über", "Élysée" (U+00C0 to
					 * U+00DE but U+00D7, C3 80 to C3 9E) */
					if (c >= 0xC0 && c <= 0xDE && c != 0xD7)
						t->key[kl - 1] |= 0x20;
				}
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
	if (t->flags & (QT_STOP | QT_ADV))
		return 0;
	/* "one" is a pronoun alone ("one said"), else a determiner */
	if ((t->flags & QT_PRON) && !(t->flags & QT_DET))
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

static size_t framenp(const struct tok *, size_t, size_t);

/*
 * Verb-second order before a quote: a clause that opens with something
 * other than its subject (a phrase after a preposition, a sentence
 * adverb) puts the subject after the verb, and the speaker is the noun
 * phrase from the cue at tv[i] to the colon that ends tv[lo, hi):
 *   Vor dem Gericht sagte Weber am Montag: „…“
 *   Weiter sagte ein Sprecher der Polizei: „…“
 *   Am Montag sagte er: „…“        a pronoun after the verb, always
 *   Smith warned Democrats: "…"    no: Smith opens the clause
 */
static int
inverted(const char *p, size_t n, const struct tok *tv, size_t lo, size_t i,
         size_t hi, struct cand *c)
{
	struct cand b;
	size_t j, k;
	int colon, pron, fronted;

	if (hi == 0)
		return 0;
	/* a colon before the verb ends a clause: "…, scharf: So sagte" */
	for (k = i; k > lo && tv[k - 1].type != ':'; k--)
		;
	lo = k;
	if (i == lo)
		return 0;
	colon = tv[hi - 1].type == ':';
	for (j = i + 1; j < hi && isadv(&tv[j]); j++)
		;
	pron = j < hi && tv[j].type == 'w' && (tv[j].flags & QT_PRON) &&
	       !(tv[j].flags & QT_PRON_R);
	memset(&b, 0, sizeof(b));
	/* no noun phrase before the verb: only adverbs open the clause
	 * ("So sagte Weber:", not "the impact it said Clinton would
	 * have:") */
	for (k = lo; k < i && tv[k].type == 'w' &&
	     (tv[k].flags & (QT_ADV | QT_STOP)); k++)
		;
	fronted = k == i;
	if (np_back(p, n, tv, lo, i, &b, 0)) {
		/* the phrase before the verb follows a preposition or an
		 * adverb, or is a year ("2008 erklärte Weber:"); a pronoun
		 * there is the subject ("Later he said we …") */
		for (k = i; k > lo && tv[k - 1].s >= b.sp_s; k--)
			;
		fronted = !b.pron && ((tv[k].key[0] >= '0' &&
		          tv[k].key[0] <= '9') || (k > lo &&
		          tv[k - 1].type == 'w' && !(tv[k - 1].flags &
		          QT_PRON) && (tv[k - 1].flags & (QT_STOP | QT_ADV))));
	}
	/* before a colon: a fronted clause, or a subject pronoun after
	 * the verb ("sagte er:"); elsewhere only a pronoun after the verb
	 * of a fronted clause ("Die Lage bezeichnete er als „…“") */
	if (!(colon ? fronted || pron : fronted && pron))
		return 0;
	if (j >= hi || tv[j].type != 'w' || (tv[j].flags & QT_PRON_R) ||
	    !(tv[j].cap || (tv[j].flags & (QT_DET | QT_PRON))))
		return 0;
	/* a capitalised phrase ends at a word in lower case ("sich der
	 * Trainer zufrieden"); else as in English */
	if ((k = framenp(tv, j, hi)) > j)
		setnp(c, tv, j, k);
	else if (!np_fwd(tv, j, hi, c))
		return 0;
	for (k = j; k < hi && tv[k].s < c->sp_e; k++)
		;
	for (; k < hi; k++)
		if (tv[k].type == 'w' && (tv[k].flags & QT_CUE))
			return 0;
	setcue(c, tv, i, i);
	return 1;
}

/*
 * A text says it: the noun phrase after the first preposition after the
 * cue at tv[i], or else after the one that opens the clause tv[lo, hi).
 *   „…“, heißt es dazu in einer Mitteilung der Polizei.
 *   In dem Antrag heißt es wörtlich: „…“
 */
static int
doctext(const struct tok *tv, size_t lo, size_t i, size_t hi,
        struct cand *c)
{
	size_t j;

	for (j = i + 1; j < hi && isadv(&tv[j]); j++)
		;
	if (j + 1 < hi && tv[j].type == 'w' && (tv[j].flags & QT_STOP) &&
	    np_fwd(tv, j + 1, hi, c))
		return 1;
	if (lo + 1 < i && tv[lo].type == 'w' && (tv[lo].flags & QT_STOP) &&
	    np_fwd(tv, lo + 1, i, c))
		return 1;
	return 0;
}

/* The subject of the clause tv[lo, i): its first pronoun or name. */
static int
clausesubject(const char *p, size_t n, const struct tok *tv, size_t lo,
              size_t i, struct cand *c)
{
	size_t j, k, e;

	for (j = lo; j < i; j++) {
		if (tv[j].type == 'w' && (tv[j].flags & QT_PRON) &&
		    !(tv[j].flags & QT_PRON_R)) {
			setnp(c, tv, j, j + 1);
			return 1;
		}
		if (!isnameword(&tv[j]))
			continue;
		/* to its last name word: "Huawei security chief Andy
		 * Purdy also went out to deny"; to a cue verb right after
		 * it: "The Chinese producer denies" */
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

/* Speaker of a cue at tv[i] in tv[lo, hi), words of p[0, n). */
static int
fromcue(const char *p, size_t n, const struct tok *tv, size_t lo, size_t i,
        size_t hi, struct cand *c, int after)
{
	struct cand sub;
	size_t j, k;

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
	if (tv[i].flags & QT_DOC)
		return doctext(tv, lo, i, hi, c);
	if (!after && (tv[i].flags & QT_SAY) && !(tv[i].flags & QT_GER) &&
	    inverted(p, n, tv, lo, i, hi, c))
		return 1;
	if ((tv[i].flags & QT_GER) || (!after && i > lo &&
	    (tv[i - 1].flags & QT_STOP) && !np_back(p, n, tv, lo, i, c, 0))) {
		if (after)
			return 0;
		return clausesubject(p, n, tv, lo, i, c);
	}
	if (i > lo && np_back(p, n, tv, lo, i, c, 0)) {
		/* after the quote, a phrase after a preposition is none
		 * of its subject: "„…“, hatte Weber in einem Interview
		 * erklärt" */
		for (k = i; k > lo && tv[k - 1].s >= c->sp_s; k--)
			;
		if (after && k > lo + 1 && tv[k - 1].type == 'w' &&
		    (tv[k - 1].flags & QT_STOP) && !(tv[k - 1].flags & QT_PRON)) {
			memset(&sub, 0, sizeof(sub));
			if (clausesubject(p, n, tv, lo, k - 1, &sub)) {
				*c = sub;
				setcue(c, tv, i, i);
			}
		}
		return 1;
	}
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
	       (((tv[i - 1].flags & QT_DET) && n > 1 &&
	       tv[i].key[n - 1] == 's') || tv[i - 1].poss));
}

static int
sentend(const struct tok *t)
{
	return t->type == '.' || t->type == 'q' || t->type == ';';
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

/* What attribution needs of the quotes around a quote, as positions in
 * the text it reads. */
struct nearby {
	size_t prevtop;         /* end of the last top-level quote before
	                         * it, or NONE */
	size_t preve;           /* end of the quote before it (0: none, at
	                         * the document's start; NONE: before the
	                         * text) */
	size_t nexttop;         /* start of the next top-level quote, or
	                         * NONE */
};

/* Where the words after p[s] that may attribute a quote end: at the end
 * of the line, at the next quote, or WIN bytes on. */
static size_t
afterend(const char *p, size_t n, size_t s, const struct nearby *nb)
{
	size_t lim = MIN(n - s, (size_t)WIN), e;
	const char *nl = memchr(p + s, '\n', lim);

	e = nl ? (size_t)(nl - p) : s + lim;
	if (nb->nexttop != NONE && nb->nexttop < e)
		e = nb->nexttop;
	return e;
}

/* Where the words before p[e] that may attribute a quote start: at s, or
 * after the previous quote if it ends between s and e. */
static size_t
beforestart(const struct nearby *nb, size_t s, size_t e)
{
	if (nb->prevtop != NONE && nb->prevtop > s && nb->prevtop <= e)
		s = nb->prevtop;
	return s;
}

/* Is the quote the first thing on its line? Blanks before it count up to
 * LEADMAX bytes back; a quote after more of them opens its line. */
static int
blanklead(const char *p, const struct quote *q)
{
	size_t ls = q->s - MIN(q->lead, (size_t)LEADMAX);

	return trimend(p, ls, q->s) == ls;
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
	size_t cueat;           /* the cue after it: ta[cueat], or NONE */
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
	CUE_NEAR = 2,           /* ... right after it: "Smith said" */
	NEXTLINE_TOKS = 6,      /* the short sentence on the next line */
	COLON_TOKS = 8,         /* a name before a colon: "Rep. Trey Gowdy
	                         * (R-S.C.): “…”" */
	DIRECT_WORDS = 3,       /* a quote opening its line or after a
	                         * colon, as long as "We will win", is said */
	SAID_WORDS = 2,         /* a direct quote says at least this much */
	LONG_WORDS = 6,         /* ... and this much needs no cue */
	CJK_WORD = 4,           /* bytes of a CJK word (1.5 characters) */
	NAME_BYTES = 60,        /* bytes read for "Chris Matthews: …" */
	NAME_WORDS = 4,         /* ... and its name words, at most */
	TITLE_MIN = 2,          /* words of a title: on “Meet the Press” */
	TITLE_MAX = 8,
	FRONT_WORDS = 6,        /* a phrase before the verb: "In der ARD" */
	APPOS_WORDS = 8,        /* an appositive: ", Paulo Pinheiro," */
	FRAME_NP = 8,           /* words of a speaker after "so": "so der
	                         * Sprecher des Ministeriums" */
	ID_BYTES = 40,          /* a quoted number or id: "773113752271" */
	DET_CUE = 8,            /* words before an article a cue frames the
	                         * quote after it from: "nannte den Bericht
	                         * eine „…“" */
	DET_CUE_AFTER = 1       /* ... and after it: "„…“ sprach" */
};

/* The words after and before quote q of the text p[0, n). */
static void
around(struct quotetag *qt, const char *p, size_t n, const struct quote *q,
       const struct nearby *nb, struct around *w)
{
	size_t b0;

	w->ta = qt->ta;
	w->tb = qt->tb;
	/* after: to the end of the line, or the next quote */
	w->a1 = afterend(p, n, q->e, nb);
	/* before: from the start of the line, or the previous quote */
	b0 = q->s - MIN(q->lead, (size_t)WIN);
	b0 = beforestart(nb, b0, q->s);
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

	/* its words: without the marks at either end, nor the spaces
	 * inside them (French "« Oui »", with no-break spaces too) */
	for (i = q->s; i < q->e && markat(p, q->e, i, &j) != M_NONE; i += j)
		;
	while (i < q->e && (j = utf8_decode(p + i, q->e - i, &c)) > 0 &&
	       isspacecp(c) && c != '\n')
		i += j;
	cs = i;
	ce = q->e;
	while (ce > cs) {
		i = utf8_prev(p, ce);
		if (markat(p, ce, i, &j) == M_NONE || i + j != ce)
			break;
		ce = i;
	}
	while (ce > cs && isspacecp(c = cpbefore(p, ce)) && c != '\n')
		ce = utf8_prev(p, ce);
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
	s->linestart = w->nb == 0 && blanklead(p, q);
	s->bcolon = w->nb > 0 && w->tb[w->nb - 1].type == ':';
	s->bcomma = w->nb > 0 && w->tb[w->nb - 1].type == ',';
	s->nw = scan_words(p + cs, ce - cs);
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
nextline(struct quotetag *qt, const char *p, size_t n, const struct quote *q,
         const struct nearby *nb, const struct shape *s, struct around *w)
{
	size_t a1 = w->a1, le, i;

	if (w->na > 0 || a1 >= n || a1 - q->e >= WIN || p[a1] != '\n' ||
	    !s->termin || a1 + 1 >= n || p[a1 + 1] == '\n' ||
	    p[a1 + 1] == '\r')
		return;
	le = afterend(p, n, a1 + 1, nb);
	w->na = tokenize(&qt->words, p, a1 + 1, le, w->ta, MAXTOK);
	for (i = 0; i < w->na && !sentend(&w->ta[i]); i++)
		;
	if (i == w->na || i > NEXTLINE_TOKS)
		w->na = 0;
}

/* After: the first cue of the rest of the sentence, near enough, and not
 * after a word of its own ("“Yes,” the man who said no"). */
static void
cueafter(const char *p, size_t n, const struct shape *s, struct around *w,
         struct cand *ca)
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
		w->cueat = i;
		break;
	}
}

/*
 * The noun phrase of a frame, from ta[j]: a pronoun, or determiners and
 * adjectives (or a title) before capitalised words ("der bayerische
 * Innenminister", "minister Jan de Vries", "Weber"), with a genitive
 * ("der Sprecher des Ministeriums"). Returns its end, or j.
 */
static size_t
framenp(const struct tok *ta, size_t j, size_t hi)
{
	size_t k = j, caps = 0;
	int det = (ta[j].flags & QT_DET) != 0;

	if (ta[k].flags & QT_PRON) {
		k++;
	} else {
		for (; k < hi && k - j < FRAME_NP; k++) {
			if (ta[k].type != 'w' || (ta[k].flags &
			    (QT_STOP | QT_ADV | QT_PRON | QT_CUE)))
				break;
			if (ta[k].cap)
				caps++;
			else if ((ta[k].flags & QT_PART) && k + 1 < hi &&
			         ta[k + 1].cap)
				;       /* "Jan de Vries", "Sprecher des
				         * Ministeriums" */
			else if (caps > 0 || !(det || (ta[k].flags &
			         (QT_DET | QT_TITLE))))
				break;  /* a lower-case word after the noun
				         * ("Weber den Minister"), or one
				         * with no determiner before it */
		}
		if (caps == 0 || (ta[k - 1].flags & QT_DET))
			return j;
	}
	return k;
}

/* Does the phrase end at ta[k] (punctuation, a preposition, an adverb)? */
static int
phrasend(const struct tok *ta, size_t k, size_t hi)
{
	return k >= hi || ta[k].type != 'w' ||
	       (ta[k].flags & (QT_STOP | QT_ADV));
}

/*
 * After, with no cue verb: a frame word right after the quote and its
 * comma names the speaker after it, a noun phrase that must end its
 * phrase, else it is the subject of a clause:
 *   „Wir bleiben“, so Weber am Montag.     „…“, aldus de minister.
 *   "We won," so the team left.            no: a verb ends the phrase
 */
static void
frameafter(const struct shape *s, struct around *w, struct cand *ca)
{
	const struct tok *ta = w->ta;
	size_t i = 0, j, k, hi;

	if (!s->comma)
		return;
	if (i < w->na && ta[i].type == ',')
		i++;
	if (i + 1 >= w->na || ta[i].type != 'w' || ta[i].cap ||
	    !(ta[i].flags & QT_SO))
		return;
	j = i + 1;
	if (ta[j].type != 'w' || (ta[j].flags & QT_PRON_R))
		return;
	for (hi = j; hi < w->na && !sentend(&ta[hi]) && ta[hi].type != ':';
	     hi++)
		;
	if ((k = framenp(ta, j, hi)) == j || !phrasend(ta, k, hi))
		return;
	memset(ca, 0, sizeof(*ca));
	setnp(ca, ta, j, k);
	setcue(ca, ta, i, i);
	w->cueat = i;
}

/*
 * After, with no cue verb: a dash and a name, as testimonials and
 * epigraphs sign a quote; the name ends the line or its phrase:
 *   “We deserve better.” ― Karen Bobadilla
 *   "Be kind." — Ann Lee, a nurse from Ohio
 *   "Be kind" - and then she left            no: no name
 *   „engine cutoff“-Sensoren                 no: a compound
 */
static void
dashafter(const struct around *w, struct cand *ca)
{
	const struct tok *ta = w->ta;
	size_t k;

	/* a space after the dash: not „engine cutoff“-Sensoren */
	if (w->na < 2 || ta[0].type != '-' || ta[1].s == ta[0].e)
		return;
	for (k = 1; k < w->na && k <= NAME_WORDS && isnameword(&ta[k]); k++)
		;
	if (k == 1 || (k < w->na && ta[k].type != ',' && ta[k].type != '('))
		return;
	memset(ca, 0, sizeof(*ca));
	setnp(ca, ta, 1, k);
	ca->cue_s = ca->cue_e = NONE;
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
	if (!(i == lo || tb[i - 1].type == '-' || tb[i - 1].type == ',') ||
	    nb - 1 - i >= COLON_TOKS || tb[i].type != 'w')
		return;
	k = nb - 1;
	while (k > i && tb[k - 1].type != 'w')
		k--;
	/* "Huawei's spokesman:" names someone; "Editor's note:", "Trump's
	 * statement:" a thing of someone's */
	if (k - i >= 2 && tb[k - 2].poss && !tb[k - 1].cap) {
		if (!(tb[k - 1].flags & QT_TITLE))
			return;
	} else if (!namein(tb, i, nb - 1, &ns, &ne)) {
		return;
	}
	setnp(cb, tb, i, k);
	cb->cue_s = cb->cue_e = NONE;
}

/*
 * A colon ends a clause with no cue verb: its subject introduces the
 * quote, when it opens the clause as a pronoun or a noun phrase that
 * ends before a word in lower case (a verb), or stands after a sentence
 * adverb or a phrase after a preposition, and the verb (verb-second
 * order):
 *   Die Firma empfindet die Kritik als ungerecht: „…“
 *   Dabei griff sie den Präsidenten an: „…“
 *   In der ARD gab sich der Trainer zufrieden: „…“
 * A noun phrase needs a capitalised noun or name (framenp()), so English
 * "The report was blunt:" names nobody.
 */
static void
colonsubject(const struct around *w, size_t lo, struct cand *cb)
{
	const struct tok *tb = w->tb;
	size_t nb = w->nb - 1, j = lo, k, e, a, m;      /* tb[nb]: the colon */

	if (j + 1 < nb && tb[j].type == 'w' && (tb[j].flags & QT_STOP) &&
	    !(tb[j].flags & QT_PRON)) {
		/* a phrase after a preposition, of capitalised words and
		 * determiners, and the verb: "In der ARD gab sich" */
		for (k = j + 1; k < nb && k - j <= FRONT_WORDS &&
		     tb[k].type == 'w' && (tb[k].cap ||
		     (tb[k].flags & (QT_DET | QT_STOP))); k++)
			;
		if (k + 1 < nb && tb[k].type == 'w' && !tb[k].cap)
			j = k;
	}
	if (j + 1 < nb && tb[j].type == 'w' && !tb[j].cap && j > lo)
		j++;    /* the verb */
	else if (j + 1 < nb && tb[j].type == 'w' &&
	         (tb[j].flags & QT_ADV) && !tb[j + 1].cap &&
	         tb[j + 1].type == 'w')
		j += 2;
	while (j + 1 < nb && isadv(&tb[j]))
		j++;
	if (j + 1 >= nb || tb[j].type != 'w' || (tb[j].flags & QT_PRON_R))
		return;
	/* "Editor's note:": a possessive is no subject, the word after
	 * it no verb */
	if ((k = framenp(tb, j, nb)) == j || tb[k - 1].poss)
		return;
	e = a = k;
	if (k < nb && tb[k].type == ',') {
		/* an appositive between commas, which names the speaker
		 * if it is a name: "Der Leiter der Studie, Paulo Pinheiro,
		 * sieht" */
		for (m = k + 1; m < nb && m - k <= APPOS_WORDS &&
		     tb[m].type == 'w' && !(tb[m].flags & QT_CUE); m++)
			;
		if (m > k + 1 && m < nb && tb[m].type == ',') {
			e = m;
			k = m + 1;
		}
	}
	if (k >= nb || tb[k].type != 'w' || tb[k].cap)
		return;
	setnp(cb, tb, j, e);
	if (e > a && isnameword(&tb[a + 1]))
		namein(tb, a + 1, e, &cb->nm_s, &cb->nm_e);
	cb->cue_s = cb->cue_e = NONE;
}

/*
 * A quote that opens its paragraph, with no cue of its own line: the
 * cue that ends the paragraph before it (BLANKMAX blank bytes back, at
 * most).
 *   Lopez added:\n\n“…”      ends in a colon or a comma: it introduces
 *                            the quote (as a colon before it would)
 *   Purdy went on to deny it.\n\n“We deny…”   a cue in its last
 *                            sentence: kept aside (alt), used only if
 *                            nothing nearer names a speaker
 * The words read replace the words before (w->tb).
 */
static void
introcue(struct quotetag *qt, const char *p, size_t n, const struct quote *q,
         const struct nearby *nb, struct shape *s, struct around *w,
         struct cand *cb, struct cand *alt)
{
	const struct tok *tb = w->tb;
	size_t ls = q->s - q->lead, le, b0, lo, i, nbk;
	const char *nl;
	int intro;

	for (le = ls - 1; le > 0 && ls - 1 - le <= BLANKMAX &&
	     (p[le - 1] == '\n' || p[le - 1] == '\r' || p[le - 1] == ' ' ||
	      p[le - 1] == '\t'); le--)
		;
	if (le == 0 || ls - 1 - le > BLANKMAX)
		return;
	intro = p[le - 1] == ':' || p[le - 1] == ',';
	b0 = beforestart(nb, le > WIN ? le - WIN : 0, le);
	if ((nl = mem_rchr(p + b0, '\n', le - b0)))
		b0 = (size_t)(nl - p) + 1;
	nbk = w->nb = tokenize(&qt->words, p, b0, le, w->tb, MAXTOK);
	lo = 0;
	for (i = nbk > 0 ? nbk - 1 : 0; i-- > 0;)
		if (sentend(&tb[i])) {
			lo = i + 1;
			break;
		}
	for (i = nbk; i-- > lo;)
		if (tb[i].type == 'w' && iscue(tb, i)) {
			fromcue(p, n, tb, lo, i, nbk, cb, 0);
			break;
		}
	if (cb->ok && intro) {
		s->bcolon = 1;
	} else if (cb->ok && (nb->preve == NONE || cb->cue_s > nb->preve)) {
		*alt = *cb;
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
 *   Washington: “…,” Smith said.   after: a name before a colon with no
 *                              cue word (a dateline, a label: "Update:")
 *                              gives way to a cue that goes on the
 *                              quote's sentence, or follows it at once
 *                              (“….” Smith said.)
 */
static const struct cand *
pick(const struct shape *s, const struct around *w, const struct cand *ca,
     const struct cand *cb)
{
	int label = cb->cue_s == NONE && ca->ok && (s->comma ||
	            !s->fullstop || w->cueat <= CUE_NEAR);

	if (cb->ok && s->bcolon && !label)
		return cb;
	if (cb->ok && s->bcomma && !ca->ok)
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

	if ((i = capslabel(p, cs, ce)) != 0 || !s->capstart)
		return i;
	nt = tokenize(wd, p, cs, MIN(ce, cs + NAME_BYTES), tv, NAME_WORDS + 1);
	for (i = 0; i < nt && i < NAME_WORDS && isnameword(&tv[i]); i++)
		;
	i = i >= 2 && i < nt && tv[i].type == ':' ? tv[i].s : ce;
	if (i - cs >= 2 && i < ce && p[i] == ':' && p[cs] != ' ')
		return i;
	return 0;
}

/*
 * Does the quote read as a name wherever it stands: two to eight words,
 * each longer than three letters capitalised, with no punctuation of a
 * sentence at its end (a comma after it is the sentence's), and not
 * introduced as speech (a colon, its own line, a cue right after it)?
 * Newspapers, books, films, parties:
 *   sagte er der „Berliner Zeitung“, told “The New York Times”
 *   die „Nürnberg Ice Tigers“, die …
 *   nannte es „Kluft zwischen Arm und Reich“   said: a word in lower case
 *   „Gute Nacht“, sagte sie                    said: a cue right after
 */
static int
namelike(const char *p, const struct shape *s, size_t cueat)
{
	return !s->termin && cpbefore(p, s->ce) != ',' && !s->bcolon &&
	       !s->linestart && (cueat == NONE || cueat > CUE_NEAR) &&
	       s->nw >= TITLE_MIN && s->nw <= TITLE_MAX &&
	       titlecase(p, s->cs, s->ce);
}

/*
 * Is the quote a noun phrase of its sentence: an article right before it,
 * no cue word before that in its clause (DET_CUE words back) and none
 * right after it (DET_CUE_AFTER)? A name or a title, then; with a cue it
 * is the words of someone:
 *   wie die „Süddeutsche Zeitung“ berichtete     a name
 *   mit dem Radiosender „Deutschlandfunk“        a name
 *   nannte den Bericht eine „Zeitungsente“       said
 *   sprach von einer „vollständigen Zerstörung“  said
 *   Von einer „gezielten Indiskredition“ sprach  said: a cue right after
 *   Die „Computerwoche“ hatte gestern berichtet  a name
 */
static int
articled(const struct around *w)
{
	const struct tok *tb = w->tb;
	size_t i;

	if (w->nb == 0 || tb[w->nb - 1].type != 'w' ||
	    !(tb[w->nb - 1].flags & QT_DET) ||
	    (w->cueat != NONE && w->cueat <= DET_CUE_AFTER))
		return 0;
	for (i = w->nb - 1; i-- > 0 && w->nb - 1 - i <= DET_CUE;) {
		if (sentend(&tb[i]) || tb[i].type == ':')
			break;
		if (tb[i].type == 'w' && iscue(tb, i))
			return 0;
	}
	return 1;
}

/*
 * Is the quote a name rather than something said?
 *   on “Meet the Press”        a title after "on", "of", a possessive,
 *   a spot titled “Arrogant”   "called", "titled" (2 to 8 words, in
 *                              title case), or a naming word
 *   <tweet author="x">         an attribute value
 *   "773113752271", "R"        numbers, ids, lone letters
 * last is the word right before the quote, or NULL; cueat the cue after
 * it (ta[cueat]), or NONE.
 */
static int
notsaid(const char *p, const struct quote *q, const struct shape *s,
        const struct tok *last, size_t cueat)
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
	if (namelike(p, s, cueat))
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

/* Attribute quote q of the text p[0, n) from the words around it: its
 * speaker in *c (c->ok: it has one), an earlier cue in *alt. */
static void
attribute(struct quotetag *qt, const char *p, size_t n, struct quote *q,
          const struct nearby *nb, struct cand *c, struct cand *alt)
{
	struct around w;
	struct shape s;
	struct cand ca, cb;
	size_t lo, colon;
	int dl;

	memset(&ca, 0, sizeof(ca));
	memset(&cb, 0, sizeof(cb));
	memset(alt, 0, sizeof(*alt));
	around(qt, p, n, q, nb, &w);
	w.cueat = NONE;
	shapeof(p, n, q, &w, &s);
	dl = isdirect(&s, q->closed);
	nextline(qt, p, n, q, nb, &s, &w);
	cueafter(p, n, &s, &w, &ca);
	if (!ca.ok)
		frameafter(&s, &w, &ca);
	if (!ca.ok)
		dashafter(&w, &ca);
	lo = cuebefore(p, n, &w, &cb);
	if (!cb.ok && s.bcolon && (lo > 0 || q->lead <= WIN))
		colonsubject(&w, lo, &cb);
	if (!cb.ok && s.bcolon && w.nb - 1 > lo)
		colonname(&w, lo, &cb);
	if (!cb.ok && s.linestart && q->line > 0 && q->lead <= LEADMAX)
		introcue(qt, p, n, q, nb, &s, &w, &cb, alt);
	q->hasalt = alt->ok != 0;
	*c = *pick(&s, &w, &ca, &cb);
	if ((colon = transcript(&qt->words, p, &s, qt->ta))) {
		memset(c, 0, sizeof(*c));
		c->ok = 1;
		c->sp_s = c->nm_s = s.cs;
		c->sp_e = c->nm_e = trimend(p, s.cs, colon);
		c->cue_s = c->cue_e = NONE;
	}
	q->own = c->ok != 0;
	if (c->ok) {
		q->pron = (unsigned char)(c->pron >> 5);
		q->gender = c->gender == QT_MALE ? 'm' : c->gender ? 'f' : 0;
	}
	q->kind = !q->closed ? K_UNCLOSED : dl ? K_DIRECT : K_PARTIAL;
	if (notsaid(p, q, &s, w.nb > 0 ? &w.tb[w.nb - 1] : NULL, w.cueat) ||
	    articled(&w)) {
		dl = 0;
		q->own = 0;
		s.nw = 0;
	}
	if (!q->own)
		c->ok = 0;
	q->emit = reported(q, dl, s.nw, qt->sflag);
	if (!q->emit && qt->aflag) {
		q->emit = 1;
		q->kind = K_OTHER;
	}
}

/* --- speakers */

/* (--attrs, below) */
static struct rec_attrs *attrs_of(const struct quotetag *qt);
static void inspan(struct quotetag *qt, size_t s, size_t e, struct aspan *a);

/* A new speaker, one reference held. */
static size_t
spknew(struct quotetag *qt)
{
	struct spk *k;
	size_t i;

	if (qt->spkfree != NONE) {
		i = qt->spkfree;
		qt->spkfree = qt->spv[i].pos[0];
	} else {
		if (qt->nspk == qt->spkcap) {
			qt->spkcap = qt->spkcap ? qt->spkcap * 2 : 64;
			qt->spv = erealloc(qt->spv, qt->spkcap *
			    sizeof(*qt->spv));
		}
		i = qt->nspk++;
	}
	k = &qt->spv[i];
	memset(k, 0, sizeof(*k));
	k->refs = 1;
	return i;
}

static size_t
spkref(struct quotetag *qt, size_t i)
{
	if (i != NONE)
		qt->spv[i].refs++;
	return i;
}

static void
spkput(struct quotetag *qt, size_t i)
{
	struct spk *k;

	if (i == NONE || --qt->spv[i].refs > 0)
		return;
	k = &qt->spv[i];
	free(k->name);
	free(k->cue);
	k->name = k->cue = NULL;
	k->pos[0] = qt->spkfree;
	qt->spkfree = i;
}

static char *
memdup(const char *p, size_t n)
{
	char *s = emalloc(n + 1);

	memcpy(s, p, n);
	s[n] = '\0';
	return s;
}

/* Hold reference *r to speaker i instead. */
static void
spkset(struct quotetag *qt, size_t *r, size_t i)
{
	spkref(qt, i);
	spkput(qt, *r);
	*r = i;
}

/* The clean text at absolute position a (held). */
static const char *
at(const struct quotetag *qt, size_t a)
{
	return qt->x.p + (a - qt->xbase);
}

/* A speaker from candidate c, its positions absolute; the name from
 * speaker name if that is not NONE (a pronoun's antecedent). */
static size_t
spkcand(struct quotetag *qt, const struct cand *c, size_t name)
{
	size_t i = spknew(qt);
	struct spk *k = &qt->spv[i];
	const struct spk *a;

	k->pos[0] = c->sp_s;
	k->pos[1] = c->sp_e;
	k->pos[2] = c->cue_s;
	k->pos[3] = c->cue_e;
	k->gender = c->gender == QT_MALE ? 'm' : c->gender ? 'f' : 0;
	if (name != NONE) {
		a = &qt->spv[name];
		k->name = memdup(a->name, a->namelen);
		k->namelen = a->namelen;
		k->upper = a->upper;
	} else {
		k->namelen = c->nm_e - c->nm_s;
		k->name = memdup(at(qt, c->nm_s), k->namelen);
		k->upper = (unsigned char)isuppercp(cpat(k->name, k->namelen,
		    0));
	}
	if (c->cue_s != NONE) {
		k->cuelen = c->cue_e - c->cue_s;
		k->cue = memdup(at(qt, c->cue_s), k->cuelen);
	}
	if (attrs_of(qt)) {
		inspan(qt, c->sp_s, c->sp_e, &k->amen);
		inspan(qt, c->cue_s, c->cue_e, &k->acue);
		if (name != NONE)
			k->awho = qt->spv[name].awho;
		else
			inspan(qt, c->nm_s, c->nm_e, &k->awho);
	}
	return i;
}

/* --- resolution */

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
		       r->mann > r->unknownn) ? r->man : r->unknown;
	if (pron & (QT_PRON_F >> 5))
		return r->woman != NONE && (r->unknown == NONE ||
		       r->womann > r->unknownn) ? r->woman : r->unknown;
	if (pron & (QT_PRON_P >> 5))
		return r->any != NONE ? r->any : r->named;
	return NONE;
}

/* Quote number qn names its own speaker k: remember it. */
static void
remember(struct quotetag *qt, size_t k, size_t qn)
{
	struct recent *r = &qt->rc;
	const struct spk *s = &qt->spv[k];

	if (s->namelen == 0)
		return;
	spkset(qt, &r->any, k);
	r->anyn = qn;
	if (!s->upper)
		return;
	spkset(qt, &r->named, k);
	r->namedn = qn;
	if (s->gender == 'm') {
		spkset(qt, &r->man, k);
		r->mann = qn;
	} else if (s->gender == 'f') {
		spkset(qt, &r->woman, k);
		r->womann = qn;
	} else {
		spkset(qt, &r->unknown, k);
		r->unknownn = qn;
	}
}

static struct quote *
qat(const struct quotetag *qt, size_t qn)
{
	return &qt->qv[qn - qt->qbase];
}

/*
 * The speaker of the next attributed quote of q's line, if it starts
 * within NXMAX bytes of q's end: NONE if there is none; *wait set if that
 * is not known yet.
 */
static size_t
nextown(const struct quotetag *qt, size_t qn, int *wait)
{
	const struct quote *q = qat(qt, qn), *r;
	size_t j;

	*wait = 0;
	for (j = qn + 1; j < qt->nq; j++) {
		r = qat(qt, j);
		if (r->line != q->line || r->s > q->e + NXMAX)
			return NONE;
		if (!r->top)
			continue;
		if (j >= qt->qa) {
			*wait = 1;      /* not attributed yet */
			return NONE;
		}
		if (r->emit && r->own)
			return r->spk;
	}
	/* a quote of its line may still be paired */
	if (!qt->docend && (qt->pr.nst > 0 ? qt->pr.stline : qt->pr.line) ==
	    q->line && undecided(qt) <= q->e + NXMAX)
		*wait = 1;
	return NONE;
}

/* Resolve quote number qn: pronouns and carried speakers, in document
 * order. Returns 0 if it must wait for a later quote. */
static int
resolve(struct quotetag *qt, size_t qn, const struct cand *alt)
{
	struct recent *rc = &qt->rc;
	struct quote *q = qat(qt, qn);
	size_t r, j, k;
	int wait;

	if (!q->top || !q->emit || q->kind == K_OTHER)
		return 1;
	if (q->own) {
		if (q->pron) {
			if ((j = antecedent(rc, q->pron)) != NONE) {
				/* the antecedent's name, its own mention */
				k = spknew(qt);
				qt->spv[k] = qt->spv[q->spk];
				qt->spv[k].refs = 1;
				qt->spv[k].name = memdup(qt->spv[j].name,
				    qt->spv[j].namelen);
				qt->spv[k].namelen = qt->spv[j].namelen;
				qt->spv[k].awho = qt->spv[j].awho;
				if (qt->spv[k].cue)
					qt->spv[k].cue = memdup(qt->spv[k].cue,
					    qt->spv[k].cuelen);
				spkput(qt, q->spk);
				q->spk = k;
			}
		} else {
			remember(qt, q->spk, qn);
		}
		spkset(qt, &rc->prev, q->spk);
		rc->prevline = q->line;
		return 1;
	}
	/* no cue: a quote of the same line, else the last one */
	r = NONE;
	if (rc->prev != NONE && rc->prevline == q->line)
		r = rc->prev;
	if (r == NONE) {
		r = nextown(qt, qn, &wait);
		if (wait)
			return 0;
	}
	if (r == NONE && q->hasalt && alt) {
		q->own = 1;
		q->spk = spkcand(qt, alt, NONE);
		q->pron = (unsigned char)(alt->pron >> 5);
		q->gender = qt->spv[q->spk].gender;
		return resolve(qt, qn, NULL);
	}
	if (r == NONE && rc->prev != NONE && q->kind != K_PARTIAL &&
	    q->kind != K_OTHER)
		r = rc->prev;
	if (r != NONE && qt->spv[r].pos[0] != NONE) {
		spkset(qt, &q->spk, r);
		q->cont = 1;
		spkset(qt, &rc->prev, r);
		rc->prevline = q->line;
	}
	return 1;
}

/* --- earlier markup */

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

enum { PC_TEXT, PC_OPEN, PC_CLOSE, PC_MORE };

/*
 * What p[0, n) (p[0] is '<') begins with: a closing tag, an opening tag
 * <q who="…" cue="…"> of at most TAGMAX bytes (its length in *len), text,
 * or, if end is 0 and n is too short to tell, PC_MORE.
 */
static int
pieceat(const char *p, size_t n, int end, size_t *len)
{
	static const char parts[][9] = { "<q who=\"", "\" cue=\"", "\">" };
	size_t i = 0, k, l;

	*len = 4;
	if (n >= 4 && !memcmp(p, "</q>", 4))
		return PC_CLOSE;
	if (n < 4 && !end && !memcmp(p, "</q>", n))
		return PC_MORE;
	for (k = 0; k < LEN(parts); k++) {
		if (k > 0)
			while (i < n && i < TAGMAX && p[i] != '"' &&
			       p[i] != '<' && p[i] != '>' && p[i] != '\n')
				i++;
		l = strlen(parts[k]);
		if (i + l > TAGMAX)
			return PC_TEXT;
		if (n - i < l)
			return !end && !memcmp(p + i, parts[k], n - i) ?
			       PC_MORE : PC_TEXT;
		if (memcmp(p + i, parts[k], l))
			return PC_TEXT;
		i += l;
	}
	*len = i;
	return PC_OPEN;
}

/* Characters in p[0, n), as Python counts them: a code point, or a
 * maximal ill-formed subpart; in --jsonl text (surr), a lone surrogate
 * in its three-byte form is one too. */
static size_t
unitlen(const char *p, size_t n, int surr)
{
	const unsigned char *u = (const unsigned char *)p;
	uint32_t c;

	if (u[0] < 0x80)
		return 1;
	if (surr && u[0] == 0xED && n >= 3 && u[1] >= 0xA0 && u[1] <= 0xBF &&
	    u[2] >= 0x80 && u[2] <= 0xBF)
		return 3;
	return utf8_decode(p, n, &c);
}

static size_t
nchars(const char *p, size_t n, int surr)
{
	size_t i, k = 0;

	for (i = 0; i < n; k++)
		i += unitlen(p + i, n - i, surr);
	return k;
}

static void
spanopen(struct spans *s, size_t a)
{
	if (s->first > 0 && s->first == s->n)
		s->first = s->n = 0;
	if (s->n == s->cap) {
		if (s->first > 0) {
			memmove(s->v, s->v + s->first,
			    (s->n - s->first) * sizeof(*s->v));
			s->n -= s->first;
			s->first = 0;
		}
		if (s->n == s->cap) {
			s->cap = s->cap ? s->cap * 2 : 16;
			s->v = erealloc(s->v, s->cap * sizeof(*s->v));
		}
	}
	s->v[s->n].a = a;
	s->v[s->n++].b = NONE;
}

static void
spanclose(struct spans *s, size_t b)
{
	if (s->n > s->first && s->v[s->n - 1].b == NONE)
		s->v[s->n - 1].b = b;
}

/* Forget the spans that end before x. */
static void
spandrop(struct spans *s, size_t x)
{
	while (s->first < s->n && s->v[s->first].b != NONE &&
	       s->v[s->first].b < x)
		s->first++;
}


/* An event at clean position pos of len bytes (chars characters),
 * whose bytes, if str, are kept. */
static void
evadd(struct evlist *l, size_t pos, size_t len, size_t chars,
      const char *str)
{
	struct ev *e;

	if (l->n == l->cap) {
		l->cap = l->cap ? l->cap * 2 : 16;
		l->v = erealloc(l->v, l->cap * sizeof(*l->v));
	}
	e = &l->v[l->n];
	e->pos = pos;
	e->cumb = (l->n ? l->v[l->n - 1].cumb : l->cumb) + len;
	e->cumc = (l->n ? l->v[l->n - 1].cumc : l->cumc) + chars;
	e->soff = NONE;
	if (str) {
		e->soff = l->str0 + l->str.len;
		buf_put(&l->str, str, len);
	}
	l->n++;
}

/* Forget the events before clean position pos. */
static void
evdrop(struct evlist *l, size_t pos)
{
	size_t k, cut;

	for (k = 0; k < l->n && l->v[k].pos < pos; k++)
		;
	if (k == 0)
		return;
	l->cumb = l->v[k - 1].cumb;
	l->cumc = l->v[k - 1].cumc;
	if (l->str.cap) {
		cut = k < l->n && l->v[k].soff != NONE ?
		      l->v[k].soff - l->str0 : l->str.len;
		memmove(l->str.p, l->str.p + cut, l->str.len - cut);
		l->str.len -= cut;
		l->str0 += cut;
	}
	memmove(l->v, l->v + k, (l->n - k) * sizeof(*l->v));
	l->n -= k;
}

/* The totals of the events before clean position x (and at it, if incl):
 * the index of the first event after them. */
static size_t
evfind(const struct evlist *l, size_t x, int incl)
{
	size_t lo = 0, hi = l->n, m;

	while (lo < hi) {
		m = (lo + hi) / 2;
		if (l->v[m].pos < x || (incl && l->v[m].pos == x))
			lo = m + 1;
		else
			hi = m;
	}
	return lo;
}

static void
evtotals(const struct evlist *l, size_t k, size_t *b, size_t *c)
{
	*b = k ? l->v[k - 1].cumb : l->cumb;
	*c = k ? l->v[k - 1].cumc : l->cumc;
}

static void
evreset(struct evlist *l)
{
	l->n = 0;
	l->cumb = l->cumc = 0;
	l->str.len = 0;
	l->str0 = 0;
}

/*
 * The stack of pieces, shared by the stripper and the verifier. Text of
 * n bytes: returns how many of them may be taken before the bottom piece
 * has waited too long (n if none does).
 */
static size_t
stackroom(const struct stack *k, size_t n)
{
	size_t d;

	if (k->nst == 0)
		return n;
	d = k->g - k->st[0].g;
	return d >= TAGSPAN ? 0 : MIN(n, TAGSPAN - d);
}

static void
xput(struct quotetag *qt, const char *p, size_t n)
{
	buf_put(&qt->x, p, n);
}

static int
prmcmp(const void *a, const void *b)
{
	const struct prm *x = a, *y = b;

	if (x->at != y->at)
		return x->at < y->at ? -1 : 1;
	return x->seq < y->seq ? -1 : x->seq > y->seq;
}

/*
 * The text held after the bottom piece is final up to pend[upto] (and
 * the pairs removed at upto that came before piece number seq): to the
 * clean text, the pairs as events; keep the rest.
 */
static void
stripflush(struct quotetag *qt, size_t upto, size_t seq)
{
	struct stripper *sp = &qt->sp;
	size_t i, last = 0, j;

	if (sp->nprm > 1)
		qsort(sp->prm, sp->nprm, sizeof(*sp->prm), prmcmp);
	for (i = 0; i < sp->nprm && (sp->prm[i].at < upto ||
	     (sp->prm[i].at == upto && sp->prm[i].seq < seq)); i++) {
		xput(qt, sp->pend.p + last, sp->prm[i].at - last);
		last = sp->prm[i].at;
		evadd(&qt->rm, qt->xbase + qt->x.len, sp->prm[i].len,
		    sp->prm[i].chars, sp->prmstr.p + sp->prm[i].soff);
	}
	xput(qt, sp->pend.p + last, upto - last);
	memmove(sp->pend.p, sp->pend.p + upto, sp->pend.len - upto);
	sp->pend.len -= upto;
	if (i > 0) {
		memmove(sp->prm, sp->prm + i, (sp->nprm - i) *
		    sizeof(*sp->prm));
		sp->nprm -= i;
	}
	for (j = 0; j < sp->nprm; j++)
		sp->prm[j].at -= upto;
	if (sp->nprm == 0)
		sp->prmstr.len = 0;
	for (j = 0; j < sp->sk.nst; j++)
		sp->sk.st[j].at -= upto;
}

/* The stripper's bottom piece is text after all: its bytes, and the text
 * held after it up to the next piece, are final. */
static void
stripgiveup(struct quotetag *qt)
{
	struct stripper *sp = &qt->sp;
	struct stack *sk = &sp->sk;
	struct piece b = sk->st[0];
	size_t cut, j;

	memmove(sk->st, sk->st + 1, (sk->nst - 1) * sizeof(*sk->st));
	sk->nst--;
	xput(qt, sp->strs.p + b.soff, b.len);
	if (sk->nst > 0) {
		stripflush(qt, sk->st[0].at, sk->st[0].seq);
		cut = sk->st[0].soff;
		memmove(sp->strs.p, sp->strs.p + cut, sp->strs.len - cut);
		sp->strs.len -= cut;
		for (j = 0; j < sk->nst; j++)
			sk->st[j].soff -= cut;
	} else {
		stripflush(qt, sp->pend.len, NONE);
		sp->strs.len = 0;
		spanclose(&sp->busy, qt->xbase + qt->x.len - 1);
	}
}

/* Text of the input, p[0, n); piece: the bytes of a piece that is text,
 * which the bottom piece's wait does not count. */
static void
striptext(struct quotetag *qt, const char *p, size_t n, int piece)
{
	struct stripper *sp = &qt->sp;
	size_t k;

	while (n > 0) {
		k = piece ? n : stackroom(&sp->sk, n);
		if (k == 0)
			k = 1;  /* one byte more than the bottom may wait */
		if (sp->sk.nst > 0)
			buf_put(&sp->pend, p, k);
		else
			xput(qt, p, k);
		if (!piece)
			sp->sk.g += k;
		p += k;
		n -= k;
		if (!piece && sp->sk.nst > 0 &&
		    sp->sk.g - sp->sk.st[0].g > TAGSPAN)
			stripgiveup(qt);
	}
}

static void
prmadd(struct stripper *sp, size_t at, size_t seq, const char *s, size_t len,
       size_t chars)
{
	struct prm *r;

	if (sp->nprm == sp->prmcap) {
		sp->prmcap = sp->prmcap ? sp->prmcap * 2 : 16;
		sp->prm = erealloc(sp->prm, sp->prmcap * sizeof(*sp->prm));
	}
	r = &sp->prm[sp->nprm++];
	r->at = at;
	r->seq = seq;
	r->len = len;
	r->chars = chars;
	r->soff = sp->prmstr.len;
	buf_put(&sp->prmstr, s, len);
}

/* A closing piece: the innermost open one and it are removed; with none
 * open it is text. */
static void
stripclose(struct quotetag *qt)
{
	struct stripper *sp = &qt->sp;
	struct stack *sk = &sp->sk;
	struct piece *o;

	if (sk->nst == 0) {
		striptext(qt, "</q>", 4, 1);
		return;
	}
	o = &sk->st[--sk->nst];
	if (sk->nst > 0) {
		/* inside the text held: pending removals */
		prmadd(sp, o->at, o->seq, sp->strs.p + o->soff, o->len,
		    o->chars);
		prmadd(sp, sp->pend.len, sp->seq, "</q>", 4, 4);
		sp->strs.len = o->soff;
		/* what the pairs inside it hold is bounded too */
		if (sp->prmstr.len > TAGSPAN)
			stripgiveup(qt);
		return;
	}
	evadd(&qt->rm, qt->xbase + qt->x.len, o->len, o->chars,
	    sp->strs.p + o->soff);
	stripflush(qt, sp->pend.len, NONE);
	evadd(&qt->rm, qt->xbase + qt->x.len, 4, 4, "</q>");
	sp->strs.len = 0;
	spanclose(&sp->busy, qt->xbase + qt->x.len);
}

/* An opening piece p[0, len). */
static void
stripopen(struct quotetag *qt, const char *p, size_t len)
{
	struct stripper *sp = &qt->sp;
	struct stack *sk = &sp->sk;
	struct piece *o;

	if (sk->nst == TAGDEPTH)
		stripgiveup(qt);
	if (sk->nst == 0)
		spanopen(&sp->busy, qt->xbase + qt->x.len);
	o = &sk->st[sk->nst++];
	o->g = sk->g;
	o->at = sk->nst > 1 ? sp->pend.len : 0;
	o->seq = sp->seq;
	o->len = len;
	o->chars = nchars(p, len, qt->jmode);
	o->soff = sp->strs.len;
	buf_put(&sp->strs, p, len);
}

/* Strip what of p[0, n) can be: return how much was taken (the rest
 * begins a piece that needs more input; more: more input follows). */
static size_t
stripbytes(struct quotetag *qt, const char *p, size_t n, int more)
{
	const char *c;
	size_t i = 0, len;

	while (i < n) {
		if (!(c = memchr(p + i, '<', n - i))) {
			striptext(qt, p + i, n - i, 0);
			return n;
		}
		striptext(qt, p + i, (size_t)(c - p) - i, 0);
		i = (size_t)(c - p);
		switch (pieceat(p + i, n - i, !more, &len)) {
		case PC_MORE:
			return i;
		case PC_TEXT:
			striptext(qt, p + i, 1, 0);
			i++;
			break;
		case PC_CLOSE:
			if (qt->mark == NONE)
				qt->mark = qt->xbase + qt->x.len;
			qt->sp.seq++;
			stripclose(qt);
			i += 4;
			break;
		case PC_OPEN:
			if (qt->mark == NONE)
				qt->mark = qt->xbase + qt->x.len;
			qt->sp.seq++;
			stripopen(qt, p + i, len);
			i += len;
			break;
		}
	}
	return n;
}

/* Strip the input p[0, n); end: the document ends after it. */
static void
strip(struct quotetag *qt, const char *p, size_t n, int end)
{
	struct stripper *sp = &qt->sp;
	char cb[2 * TAGMAX];
	size_t k, used, nc = sp->ncarry;

	if (nc > 0) {
		k = MIN(n, (size_t)TAGMAX);
		memcpy(cb, sp->carry, nc);
		memcpy(cb + nc, p, k);
		used = stripbytes(qt, cb, nc + k, !(end && k == n));
		if (used < nc) {
			/* (only when all of p is in cb) */
			sp->ncarry = nc + k - used;
			memcpy(sp->carry, cb + used, sp->ncarry);
			return;
		}
		p += used - nc;
		n -= used - nc;
		sp->ncarry = 0;
	}
	used = stripbytes(qt, p, n, !end);
	sp->ncarry = n - used;
	memcpy(sp->carry, p + used, sp->ncarry);
	while (end && sp->sk.nst > 0)
		stripgiveup(qt);
}

/*
 * The verifier reads the clean text as the stripper of a second run
 * would read this run's output (the clean text and its new tags; the new
 * tags pair among themselves, and stand where no piece of the clean text
 * is). If it pairs pieces of the clean text, the second run would remove
 * them: the output between the boundaries around them must be the input
 * as it was, which reads back the same. It also tells where boundaries
 * may not be (busy).
 */
static void
vdrop(struct quotetag *qt, size_t b)
{
	struct stack *sk = &qt->vf.sk;

	memmove(sk->st, sk->st + 1, (sk->nst - 1) * sizeof(*sk->st));
	if (--sk->nst == 0)
		spanclose(&qt->vf.busy, b);
}

static void
verify(struct quotetag *qt, int end)
{
	struct verifier *vf = &qt->vf;
	struct stack *sk = &vf->sk;
	const char *p = qt->x.p, *c;
	size_t n = qt->x.len, i = vf->pos - qt->xbase, len, k, xb = qt->xbase;

	while (i < n) {
		if (!(c = memchr(p + i, '<', n - i)))
			c = p + n;
		/* text: the bottom piece may wait too long */
		while (i < (size_t)(c - p)) {
			k = stackroom(sk, (size_t)(c - p) - i);
			if (k == 0)
				k = 1;
			sk->g += k;
			i += k;
			if (sk->nst > 0 && sk->g - sk->st[0].g > TAGSPAN)
				vdrop(qt, xb + i - 1);
		}
		if (i >= n)
			break;
		switch (pieceat(p + i, n - i, end, &len)) {
		case PC_MORE:
			vf->pos = xb + i;
			return;
		case PC_TEXT:
			sk->g++;
			i++;
			if (sk->nst > 0 && sk->g - sk->st[0].g > TAGSPAN)
				vdrop(qt, xb + i - 1);
			break;
		case PC_CLOSE:
			spanopen(&vf->pieces, xb + i);
			spanclose(&vf->pieces, xb + i + 4);
			if (sk->nst == 0) {
				/* text, which no boundary cuts */
				spanopen(&vf->busy, xb + i);
				spanclose(&vf->busy, xb + i + 3);
			} else {
				/* a pair the second run would remove */
				spanopen(&vf->paired, sk->st[sk->nst - 1].at);
				spanclose(&vf->paired, sk->st[sk->nst - 1].at);
				if (--sk->nst == 0)
					spanclose(&vf->busy, xb + i + 3);
			}
			i += 4;
			break;
		case PC_OPEN:
			spanopen(&vf->pieces, xb + i);
			spanclose(&vf->pieces, xb + i + len);
			if (sk->nst == TAGDEPTH)
				vdrop(qt, NONE);
			if (sk->nst == 0)
				spanopen(&vf->busy, xb + i);
			sk->st[sk->nst].g = sk->g;
			sk->st[sk->nst++].at = xb + i;
			i += len;
			break;
		}
	}
	vf->pos = xb + i;
}

/* --- offsets */

/* Characters of the clean text before absolute position x (held). */
static size_t
charsto(struct quotetag *qt, size_t x)
{
	struct chars *ch = &qt->ch;
	size_t b = x / 64, i, k, lim;
	uint64_t w;

	/* the blocks up to x's, in order */
	while (ch->base + ch->n <= b) {
		lim = (ch->base + ch->n) * 64;
		while (ch->at < lim) {
			if (ch->at + 8 <= lim) {
				/* eight bytes at a time: ASCII; or, in --jsonl
				 * text (UTF-8, or WTF-8 for a lone surrogate),
				 * the bytes that start a character */
				w = swar_load(at(qt, ch->at), 8);
				if (!(w & SWAR_HIGH)) {
					ch->at += 8;
					ch->count += 8;
					continue;
				}
				if (qt->jmode && ch->at + 8 < qt->xbase +
				    qt->x.len && (at(qt, ch->at + 8)[0] &
				    0xC0) != 0x80) {
					ch->count += 8 - (size_t)
					    swar_popcount(w & ~(w << 1) &
					    SWAR_HIGH);
					ch->at += 8;
					continue;
				}
			}
			ch->at += unitlen(at(qt, ch->at), qt->xbase +
			    qt->x.len - ch->at, qt->jmode);
			ch->count++;
		}
		if (ch->n == ch->cap) {
			ch->cap = ch->cap ? ch->cap * 2 : 64;
			ch->cum = erealloc(ch->cum, ch->cap * sizeof(*ch->cum));
			ch->first = erealloc(ch->first, ch->cap *
			    sizeof(*ch->first));
		}
		ch->cum[ch->n] = ch->count;
		ch->first[ch->n++] = ch->at;
	}
	k = ch->cum[b - ch->base];
	i = ch->first[b - ch->base];
	if (qt->jmode) {
		/* (the bytes that start a character, x being one) */
		for (; i + 8 <= x; i += 8) {
			w = swar_load(at(qt, i), 8);
			k += 8 - (size_t)swar_popcount(w & ~(w << 1) &
			    SWAR_HIGH);
		}
		if (i < x) {
			w = swar_load(at(qt, i), x - i);
			k += x - i - (size_t)swar_popcount(w &
			    ~(w << 1) & SWAR_HIGH);
		}
		return k;
	}
	for (; i < x; k++)
		i += unitlen(at(qt, i), qt->xbase + qt->x.len - i, qt->jmode);
	return k;
}

/* Forget the blocks before absolute position x: the text before it is
 * let go of. */
static void
charsdrop(struct quotetag *qt, size_t x)
{
	struct chars *ch = &qt->ch;
	size_t k;

	if (!qt->chars)
		return;
	charsto(qt, x);
	k = x / 64 - ch->base;
	memmove(ch->cum, ch->cum + k, (ch->n - k) * sizeof(*ch->cum));
	memmove(ch->first, ch->first + k, (ch->n - k) * sizeof(*ch->first));
	ch->n -= k;
	ch->base += k;
}

/* The offset of clean position x in the text offsets refer to (after
 * its markup at x if incl): bytes, characters. */
static void
mapoff(struct quotetag *qt, size_t x, int incl, size_t off[2])
{
	const struct evlist *l = qt->fmt == F_INLINE ? &qt->w.out : &qt->rm;
	size_t b, c;

	evtotals(l, evfind(l, x, incl), &b, &c);
	off[0] = x + b;
	off[1] = qt->chars ? charsto(qt, x) + c : 0;
}

static void
spkmap(struct quotetag *qt, size_t k)
{
	struct spk *s = &qt->spv[k];
	size_t j;

	if (s->mapped)
		return;
	for (j = 0; j < 4; j++)
		if (s->pos[j] != NONE)
			mapoff(qt, s->pos[j], j % 2 == 0, s->off[j]);
	s->mapped = 1;
}

/*
 * The bytes of the text offsets refer to between clean positions s and e:
 * the clean text with the extra bytes of l inside it (those at s too if
 * incl, never those at e), to o.
 */
static void
spanbytes(struct quotetag *qt, const struct evlist *l, size_t s, size_t e,
          int incl, struct buf *o)
{
	size_t k = evfind(l, s, !incl), pos = s, len;

	for (; k < l->n && l->v[k].pos < e; k++) {
		buf_put(o, at(qt, pos), l->v[k].pos - pos);
		pos = l->v[k].pos;
		len = l->v[k].cumb - (k ? l->v[k - 1].cumb : l->cumb);
		buf_put(o, l->str.p + (l->v[k].soff - l->str0), len);
	}
	buf_put(o, at(qt, pos), e - pos);
}

/* Add the events of l in [a, b) to the output's (--jsonl -f inline). */
static void
evcopy(struct evlist *to, const struct evlist *l, size_t a, size_t b)
{
	size_t k = evfind(l, a, 0), pb, pc;

	for (; k < l->n && l->v[k].pos < b; k++) {
		pb = k ? l->v[k - 1].cumb : l->cumb;
		pc = k ? l->v[k - 1].cumc : l->cumc;
		evadd(to, l->v[k].pos, l->v[k].cumb - pb, l->v[k].cumc - pc,
		    l->str.p + (l->v[k].soff - l->str0));
	}
}

/* --- --attrs: the decisions as spans of the input */

/* the attributes, in the order the run writes them */
enum { A_QUOTE, A_SPEAKER, A_CUE, A_WHO, A_MARKUP };
static const char *const span_names[] = { "quote", "speaker", "cue", "who",
	"markup", NULL };

/* The run's attributes, or NULL without --attrs. */
static struct rec_attrs *
attrs_of(const struct quotetag *qt)
{
	return qt->attrs && qt->f ? qt->f->attrs : NULL;
}

/* The length of the code point (as rec_chars counts) at p[0, n), n > 0. */
static size_t
cplen(const char *p, size_t n)
{
	uint32_t c;

	return (unsigned char)p[0] < 0x80 ? 1 : utf8_decode(p, n, &c);
}

/* The input at byte x (held). */
static const char *
inat(const struct incount *ic, size_t x)
{
	return ic->in.p + (x - ic->base);
}

/* The code points of the input before byte x (held). */
static size_t
incp(struct quotetag *qt, size_t x)
{
	struct incount *ic = &qt->ic;
	size_t b = x / 64, end = ic->base + ic->in.len, lim, i, k;

	while (ic->b0 + ic->n <= b) {
		lim = (ic->b0 + ic->n) * 64;
		while (ic->at < lim) {
			if (ic->at + 8 <= lim &&
			    !(swar_load(inat(ic, ic->at), 8) & SWAR_HIGH)) {
				ic->at += 8;
				ic->count += 8;
				continue;
			}
			ic->at += cplen(inat(ic, ic->at), end - ic->at);
			ic->count++;
		}
		if (ic->n == ic->cap) {
			ic->cap = ic->cap ? ic->cap * 2 : 64;
			ic->cum = erealloc(ic->cum, ic->cap * sizeof(*ic->cum));
			ic->first = erealloc(ic->first, ic->cap *
			    sizeof(*ic->first));
		}
		ic->cum[ic->n] = ic->count;
		ic->first[ic->n++] = ic->at;
	}
	k = ic->cum[b - ic->b0];
	for (i = ic->first[b - ic->b0]; i < x; k++)
		i += cplen(inat(ic, i), end - i);
	return k;
}

/* Let go of the input before byte x, but for its last four bytes, where
 * a code point may go on in the input to come. */
static void
indrop(struct quotetag *qt, size_t x)
{
	struct incount *ic = &qt->ic;
	size_t end = ic->base + ic->in.len, k;

	if (end < 4)
		return;
	x = MIN(x, end - 4) / 64 * 64;
	if (x <= ic->base)
		return;
	(void)incp(qt, x);      /* (the blocks up to x's) */
	k = x / 64 - ic->b0;
	memmove(ic->cum, ic->cum + k, (ic->n - k) * sizeof(*ic->cum));
	memmove(ic->first, ic->first + k, (ic->n - k) * sizeof(*ic->first));
	ic->n -= k;
	ic->b0 += k;
	k = x - ic->base;
	memmove(ic->in.p, ic->in.p + k, ic->in.len - k);
	ic->in.len -= k;
	ic->base = x;
}

/* The clean text [s, e) as a span of the input: from after the markup
 * removed at s (the text's first byte), to before that at e; not set if
 * s is NONE. */
static void
inspan(struct quotetag *qt, size_t s, size_t e, struct aspan *a)
{
	size_t b, c, k;

	a->set = s != NONE;
	if (!a->set)
		return;
	for (k = 0; k < 2; k++) {
		evtotals(&qt->rm, evfind(&qt->rm, k ? e : s, !k), &b, &c);
		a->b[k] = (k ? e : s) + b;
	}
	if (e == s)
		a->b[1] = a->b[0];
	a->c[0] = incp(qt, a->b[0]);
	a->c[1] = incp(qt, a->b[1]);
}

static void
putspan(struct quotetag *qt, int name, const struct aspan *a, size_t v)
{
	rec_span(attrs_of(qt), span_names[name], a->b[0], a->b[1], a->c[0],
	    a->c[1], (double)v);
}

/* The speaker's, cue's or name's span a of quote number v, for the end
 * of the document. */
static void
putlater(struct quotetag *qt, int name, const struct aspan *a, size_t v)
{
	struct alater *l;

	if (!a->set)
		return;
	if (qt->nal == qt->alcap) {
		qt->alcap = qt->alcap ? qt->alcap * 2 : 64;
		qt->alv = erealloc(qt->alv, qt->alcap * sizeof(*qt->alv));
	}
	l = &qt->alv[qt->nal++];
	l->a = *a;
	l->v = v;
	l->name = name;
}

/* The tags of quote a are given out: it is the document's next quote. */
static void
giveout(struct quotetag *qt, const struct aquote *a)
{
	size_t v = qt->nout++;

	putspan(qt, A_QUOTE, &a->q, 1);
	putlater(qt, A_SPEAKER, &a->men, v);
	putlater(qt, A_CUE, &a->cue, v);
	putlater(qt, A_WHO, &a->who, v);
}

static int
alcmp(const void *x, const void *y)
{
	const struct alater *a = x, *b = y;

	if (a->name != b->name)
		return a->name < b->name ? -1 : 1;
	if (a->a.b[0] != b->a.b[0])
		return a->a.b[0] < b->a.b[0] ? -1 : 1;
	if (a->a.b[1] != b->a.b[1])
		return a->a.b[1] < b->a.b[1] ? -1 : 1;
	return a->v < b->v ? -1 : a->v > b->v;
}

/* The end of the document: the speakers', cues' and names' spans, each
 * attribute's in the order of their starts. */
static void
putrest(struct quotetag *qt)
{
	size_t i;

	if (qt->nal > 1)
		qsort(qt->alv, qt->nal, sizeof(*qt->alv), alcmp);
	for (i = 0; i < qt->nal; i++)
		putspan(qt, qt->alv[i].name, &qt->alv[i].a, qt->alv[i].v);
	qt->nal = 0;
}

/*
 * Let go of the markup removed before clean position x (all of it if x is
 * NONE); with --attrs it goes out first, as spans of value 1 where it is
 * removed and 0 where the input is written as it was (qt->kept).
 */
static void
rmdrop(struct quotetag *qt, size_t x)
{
	const struct evlist *l = &qt->rm;
	struct spans *kp = &qt->kept;
	struct aspan a;
	size_t k, b, c, pos;
	int keep;

	for (k = 0; attrs_of(qt) && k < l->n && (x == NONE ||
	     l->v[k].pos < x); k++) {
		pos = l->v[k].pos;
		evtotals(l, k, &b, &c);
		a.b[0] = pos + b;
		a.b[1] = pos + l->v[k].cumb;
		a.c[0] = incp(qt, a.b[0]);
		a.c[1] = incp(qt, a.b[1]);
		while (kp->first < kp->n && kp->v[kp->first].b <= pos)
			kp->first++;
		keep = kp->first < kp->n && kp->v[kp->first].a <= pos;
		putspan(qt, A_MARKUP, &a, !keep);
	}
	if (x != NONE)
		evdrop(&qt->rm, x);
	indrop(qt, x == NONE ? 0 : x + qt->rm.cumb);
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

/* The tags quotetag writes: around a quote whose speaker's name is
 * who[0, whon) and whose cue is cue[0, cuen), opentag and CLOSETAG. */
#define CLOSETAG "</q>"
static void
opentag(struct buf *o, const char *who, size_t whon, const char *cue,
        size_t cuen)
{
	buf_puts(o, "<q who=\"");
	xmlesc(o, who, whon);
	buf_puts(o, "\" cue=\"");
	xmlesc(o, cue, cuen);
	buf_puts(o, "\">");
}

/* p[0, n) as a JSON string, invalid UTF-8 as U+FFFD (through scratch); a
 * lone surrogate of --jsonl text is written back as it was read */
static void
jstr(struct buf *o, struct buf *scratch, const char *p, size_t n)
{
	size_t i = 0, k;
	uint32_t c;

	if (json_encodable(p, n)) {
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

/* ,"name":"text","name_start":s,"name_end":e of speaker k's mention (j
 * 0) or cue (j 2); null when absent */
static void
jfield(struct quotetag *qt, struct buf *o, const char *name,
       const struct spk *k, int j)
{
	const char *t = !k ? NULL : j == 0 ? k->name : k->cue;
	size_t tn = !k ? 0 : j == 0 ? k->namelen : k->cuelen;
	int u = qt->chars, i;

	buf_puts(o, ",\"");
	buf_puts(o, name);
	buf_puts(o, "\":");
	if (t)
		jstr(o, &qt->jscratch, t, tn);
	else
		buf_put(o, "null", 4);
	for (i = 0; i < 2; i++) {
		buf_puts(o, ",\"");
		buf_puts(o, name);
		buf_puts(o, i == 0 ? "_start\":" : "_end\":");
		if (k && k->pos[j + i] != NONE)
			jnum(o, k->off[j + i][u]);
		else
			buf_put(o, "null", 4);
	}
}

/* one quotation as a JSON object, written as jansson's compact dump
 * would write it; offsets into the text offsets refer to */
static void
qjson(struct quotetag *qt, struct buf *o, const struct quote *q)
{
	const struct evlist *l = qt->fmt == F_INLINE ? &qt->w.out : &qt->rm;
	const struct spk *k = q->spk != NONE ? &qt->spv[q->spk] : NULL;
	size_t s[2], e[2];

	mapoff(qt, q->s, 1, s);
	mapoff(qt, q->e, 0, e);
	buf_puts(o, "{\"start\":");
	jnum(o, s[qt->chars]);
	buf_puts(o, ",\"end\":");
	jnum(o, e[qt->chars]);
	buf_puts(o, ",\"text\":");
	qt->scratch.len = 0;
	spanbytes(qt, l, q->s, q->e, 0, &qt->scratch);
	jstr(o, &qt->jscratch, qt->scratch.p, qt->scratch.len);
	jfield(qt, o, "speaker", k, 0);
	jfield(qt, o, "cue", k, 2);
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
tsvoff(struct buf *o, size_t pos, const size_t off[2], int u)
{
	buf_putc(o, '\t');
	if (pos != NONE)
		jnum(o, off[u]);
}

static void
puttsv(struct quotetag *qt, struct buf *o, const struct quote *q)
{
	const struct spk *k = q->spk != NONE ? &qt->spv[q->spk] : NULL;
	size_t s[2], e[2];
	int u = qt->chars;

	mapoff(qt, q->s, 1, s);
	mapoff(qt, q->e, 0, e);
	jnum(o, s[u]);
	buf_putc(o, '\t');
	jnum(o, e[u]);
	buf_putc(o, '\t');
	qt->scratch.len = 0;
	spanbytes(qt, &qt->rm, q->s, q->e, 0, &qt->scratch);
	tsvesc(o, qt->scratch.p, qt->scratch.len);
	buf_putc(o, '\t');
	if (k) {
		tsvesc(o, k->name, k->namelen);
		tsvoff(o, k->pos[0], k->off[0], u);
		tsvoff(o, k->pos[1], k->off[1], u);
	} else {
		buf_puts(o, "\t\t");
	}
	buf_putc(o, '\t');
	if (k && k->cue)
		tsvesc(o, k->cue, k->cuelen);
	buf_putc(o, '\t');
	buf_puts(o, kindname[q->kind]);
	buf_puts(o, q->cont ? "\t1\n" : "\t0\n");
}

/* Is quote q reported (a top-level one, or any with -a)? */
static int
listed(const struct quotetag *qt, const struct quote *q)
{
	return q->emit && (q->top || qt->aflag);
}

/* --- writing the text with its tags */

/* A tag s[0, n) at clean position pos of the output being held. */
/* Where the writer writes: out, or the output held. */
static struct buf *
wout(struct quotetag *qt)
{
	return qt->w.direct ? qt->o : &qt->w.y;
}

static void
tagout(struct quotetag *qt, size_t pos, const char *s, size_t n)
{
	buf_put(wout(qt), s, n);
	if (!qt->w.direct)
		evadd(&qt->w.tags, pos, n, qt->jmode ? nchars(s, n, 1) : 0, s);
}

/* The text up to clean position x, with the closing tags of the quotes
 * that end before it. */
static void
renderto(struct quotetag *qt, size_t x)
{
	struct writer *w = &qt->w;

	while (w->nst > 0 && w->stk[w->nst - 1] <= x) {
		buf_put(wout(qt), at(qt, w->pos), w->stk[w->nst - 1] - w->pos);
		w->pos = w->stk[--w->nst];
		tagout(qt, w->pos, CLOSETAG, strlen(CLOSETAG));
	}
	buf_put(wout(qt), at(qt, w->pos), x - w->pos);
	w->pos = x;
}

/* --attrs: quote q is tagged, its speaker k (or NULL): its spans, given
 * out at once if the writer writes straight out, else with the output
 * held. */
static void
tagged(struct quotetag *qt, const struct quote *q, const struct spk *k)
{
	struct writer *w = &qt->w;
	struct aquote a;

	memset(&a, 0, sizeof(a));
	a.s = q->s;
	inspan(qt, q->s, q->e, &a.q);
	if (k) {
		a.men = k->amen;
		a.cue = k->acue;
		a.who = k->awho;
	}
	if (w->direct) {
		giveout(qt, &a);
		return;
	}
	if (w->naq == w->aqcap) {
		w->aqcap = w->aqcap ? w->aqcap * 2 : 16;
		w->aq = erealloc(w->aq, w->aqcap * sizeof(*w->aq));
	}
	w->aq[w->naq++] = a;
}

/* Does a piece of markup in the clean text have clean position x inside
 * it (so that a tag there would cut it)? */
static int
cutspiece(struct quotetag *qt, size_t x)
{
	const struct spans *s = &qt->vf.pieces;
	size_t i;

	for (i = s->first; i < s->n && s->v[i].a < x; i++)
		if (x < s->v[i].b)
			return 1;
	return 0;
}

/* Write quote q with its tags (properly nested ones only, and none
 * around markup: the tags would not read back as written). */
static void
renderquote(struct quotetag *qt, const struct quote *q)
{
	struct writer *w = &qt->w;
	struct spans *pc = &qt->vf.pieces;
	const struct spk *k = q->spk != NONE ? &qt->spv[q->spk] : NULL;
	struct buf *y;
	size_t n0;

	while (w->nst > 0 && w->stk[w->nst - 1] <= q->s)
		renderto(qt, w->stk[w->nst - 1]);
	if ((w->nst > 0 && q->e > w->stk[w->nst - 1]) || w->nst == MAXDEPTH)
		return;
	while (pc->first < pc->n && pc->v[pc->first].b <= q->s)
		pc->first++;
	if (markup(at(qt, q->s), q->e - q->s) || cutspiece(qt, q->s) ||
	    cutspiece(qt, q->e))
		return;
	renderto(qt, q->s);
	y = wout(qt);
	n0 = y->len;
	opentag(y, k ? k->name : NULL, k ? k->namelen : 0,
	    k && k->cue ? k->cue : NULL, k && k->cue ? k->cuelen : 0);
	if (attrs_of(qt))
		tagged(qt, q, k);
	if (!w->direct) {
		evadd(&w->tags, q->s, y->len - n0, qt->jmode ?
		    nchars(y->p + n0, y->len - n0, 1) : 0, y->p + n0);
		spanopen(&w->spans, q->s);
		spanclose(&w->spans, q->e);
	}
	w->stk[w->nst++] = q->e;
}

/* Does span list s have x inside a span (a, b], or, tags, (a, b)? */
static size_t
spanat(const struct spans *s, size_t x, int tags)
{
	size_t i;

	for (i = s->first; i < s->n && s->v[i].a < x; i++)
		if (s->v[i].b == NONE || x < s->v[i].b ||
		    (!tags && x == s->v[i].b))
			return i;
	return NONE;
}

/*
 * Is clean position x a boundary: no tag, no piece of markup (paired by
 * the stripper, or in the clean text, which the verifier reads) and no
 * quote spans it? Of what is held, from w->from on.
 */
static int
boundary(struct quotetag *qt, size_t x, size_t *to, int left)
{
	struct spans *l[3] = { &qt->sp.busy, &qt->vf.busy, &qt->w.spans };
	size_t i, k;
	int moved;

	do {
		moved = 0;
		for (i = 0; i < 3; i++) {
			if ((k = spanat(l[i], x, i == 2)) == NONE)
				continue;
			x = left ? l[i]->v[k].a : l[i]->v[k].b == NONE ? NONE :
			    l[i]->v[k].b + (i != 2);
			moved = 1;
			if (x == NONE)
				break;
		}
	} while (moved && x != NONE);
	*to = x;
	return !moved;
}

/* The bytes of the output held for clean position x (a boundary): its
 * text, and the tags before x (the closing ones at x too). */
static size_t
youtat(const struct quotetag *qt, size_t x)
{
	const struct evlist *l = &qt->w.tags;
	size_t k = evfind(l, x, 0), b, c;

	while (k < l->n && l->v[k].pos == x && !memcmp(l->str.p +
	    (l->v[k].soff - l->str0), "</", 2))
		k++;
	evtotals(l, k, &b, &c);
	return x - qt->w.from + b - l->cumb;
}

/*
 * Output up to clean position x, a boundary: no tag, no piece of markup
 * and no quote spans it. What was held goes out; but where a second run
 * would read it otherwise (the verifier paired pieces of the clean text),
 * the input as it was goes out instead, from the boundary before those
 * pieces to the one after them (the markup at the first included). These
 * boundaries depend on the text only, not on when output is given out.
 * force: x is no boundary, only the end of what is held.
 */
static void
commit(struct quotetag *qt, size_t x, int force)
{
	struct writer *w = &qt->w;
	struct spans *pc = &qt->vf.pieces, *pr = &qt->vf.paired;
	size_t pos = w->from, a, b, ya, yb, i = 0;

	while (!force && pr->first < pr->n && pr->v[pr->first].a < x) {
		boundary(qt, pr->v[pr->first].a, &a, 1);
		boundary(qt, pr->v[pr->first].a + 1, &b, 0);
		a = MAX(a, pos);
		b = b == NONE ? x : MIN(b, x);
		while (pr->first < pr->n && pr->v[pr->first].a < b)
			pr->first++;
		if (attrs_of(qt)) {
			/* the quotes before a are tagged, those from a to b
			 * not; the markup from a to b stays */
			for (; i < w->naq && w->aq[i].s < a; i++)
				giveout(qt, &w->aq[i]);
			for (; i < w->naq && w->aq[i].s < b; i++)
				;
			spanopen(&qt->kept, a);
			spanclose(&qt->kept, b);
		}
		/* the output held up to a, then the input from a to b */
		ya = youtat(qt, pos);
		yb = youtat(qt, a);
		buf_put(qt->o, w->y.p + ya, yb - ya);
		if (qt->jmode)
			evcopy(&w->out, &w->tags, pos, a + 1);
		qt->scratch.len = 0;
		spanbytes(qt, &qt->rm, a, b, 1, &qt->scratch);
		buf_put(qt->o, qt->scratch.p, qt->scratch.len);
		if (qt->jmode)
			evcopy(&w->out, &qt->rm, a, b);
		pos = b;
	}
	ya = youtat(qt, pos);
	buf_put(qt->o, w->y.p + ya, w->y.len - ya);
	if (qt->jmode)
		evcopy(&w->out, &w->tags, pos, x + 1);
	for (; i < w->naq; i++)
		giveout(qt, &w->aq[i]);
	w->naq = 0;
	evreset(&w->tags);
	w->spans.first = w->spans.n = 0;
	spandrop(&qt->sp.busy, x);
	spandrop(&qt->vf.busy, x);
	w->y.len = 0;
	w->from = x;
	while (pc->first < pc->n && pc->v[pc->first].b <= x)
		pc->first++;
}

/* --- the stages */

/* Attribute the quotes whose words around them are all held and paired. */
static void
attribution(struct quotetag *qt)
{
	struct quote *q, r;
	struct nearby nb;
	struct cand c, alt;
	size_t xb = qt->xbase, f = xb + qt->x.len, u = undecided(qt), j;

	for (; qt->qa < qt->nq; qt->qa++) {
		q = qat(qt, qt->qa);
		if (!q->top) {
			qt->preve = q->e;
			continue;
		}
		if (!qt->docend && (f < q->e + AFTER + 8 ||
		    u < q->e + AFTER + 8))
			return;
		nb.prevtop = qt->prevtop == NONE || qt->prevtop < xb ? NONE :
		             qt->prevtop - xb;
		nb.preve = qt->preve == NONE ? (xb == 0 ? 0 : NONE) :
		           qt->preve < xb ? NONE : qt->preve - xb;
		nb.nexttop = NONE;
		for (j = qt->qa + 1; j < qt->nq; j++)
			if (qat(qt, j)->top) {
				nb.nexttop = qat(qt, j)->s - xb;
				break;
			}
		r = *q;
		r.s -= xb;
		r.e -= xb;
		attribute(qt, qt->x.p, qt->x.len, &r, &nb, &c, &alt);
		r.s += xb;
		r.e += xb;
		*q = r;
		if (c.ok) {
			c.sp_s += xb;
			c.sp_e += xb;
			c.nm_s += xb;
			c.nm_e += xb;
			if (c.cue_s != NONE) {
				c.cue_s += xb;
				c.cue_e += xb;
			}
			q->spk = spkcand(qt, &c, NONE);
		}
		if (alt.ok) {
			alt.sp_s += xb;
			alt.sp_e += xb;
			alt.nm_s += xb;
			alt.nm_e += xb;
			if (alt.cue_s != NONE) {
				alt.cue_s += xb;
				alt.cue_e += xb;
			}
			if (qt->nalt == qt->altcap) {
				qt->altcap = qt->altcap ? qt->altcap * 2 : 16;
				qt->altv = erealloc(qt->altv, qt->altcap *
				    sizeof(*qt->altv));
			}
			qt->altv[qt->nalt].qn = qt->qa;
			qt->altv[qt->nalt++].c = alt;
		}
		qt->prevtop = qt->preve = q->e;
	}
}

/* Resolve the quotes attributed, in order, as far as they can be. */
static void
resolution(struct quotetag *qt)
{
	const struct cand *alt;
	struct quote *q;

	for (; qt->qr < qt->qa; qt->qr++) {
		q = qat(qt, qt->qr);
		while (qt->altfirst < qt->nalt &&
		       qt->altv[qt->altfirst].qn < qt->qr)
			qt->altfirst++;
		alt = qt->altfirst < qt->nalt &&
		      qt->altv[qt->altfirst].qn == qt->qr ?
		      &qt->altv[qt->altfirst].c : NULL;
		if (!resolve(qt, qt->qr, alt))
			return;
		if (qt->altfirst == qt->nalt) {
			qt->altfirst = qt->nalt = 0;
		} else if (qt->altfirst > qt->altcap / 2) {
			memmove(qt->altv, qt->altv + qt->altfirst,
			    (qt->nalt - qt->altfirst) * sizeof(*qt->altv));
			qt->nalt -= qt->altfirst;
			qt->altfirst = 0;
		}
		q = qat(qt, qt->qr);
		if (!listed(qt, q))
			continue;
		qt->counters[0].n++;
		qt->counters[1].n += q->spk != NONE &&
		    qt->spv[q->spk].pos[0] != NONE;
		qt->counters[2].n += q->kind == K_UNCLOSED;
	}
}

/* Where nothing more is put: the next quote not yet written starts
 * there, or none has been paired before it. */
static size_t
frontier(const struct quotetag *qt)
{
	size_t f = MIN(undecided(qt), qt->xbase + qt->x.len);

	if (qt->qw < qt->nq)
		f = MIN(f, qat(qt, qt->qw)->s);
	return f;
}

/*
 * Write the text with its tags, and give it out at the boundaries. Up to
 * the first piece of markup no boundary is needed (nothing can read back
 * otherwise): the writer writes straight out until then.
 */
static void
writing(struct quotetag *qt)
{
	struct writer *w = &qt->w;
	struct quote *q;
	size_t x;

	for (; qt->qw < qt->qr; qt->qw++) {
		q = qat(qt, qt->qw);
		if (!listed(qt, q))
			continue;
		if (!qt->docend && qt->vf.pos < q->e)
			break;  /* its pieces are not known yet */
		if (w->direct && q->e > qt->mark) {
			while (w->nst > 0 && w->stk[w->nst - 1] <= q->s)
				renderto(qt, w->stk[w->nst - 1]);
			if (w->nst == 0) {
				w->direct = 0;
				w->from = w->pos;
			}
		}
		renderquote(qt, q);
	}
	x = MIN(frontier(qt), qt->vf.pos);
	if (w->direct) {
		x = MIN(x, qt->mark);
		renderto(qt, x);
		if (w->nst == 0 && x == qt->mark) {
			w->direct = 0;
			w->from = w->pos;
		}
		return;
	}
	while (w->nst > 0 && w->stk[w->nst - 1] <= x)
		renderto(qt, w->stk[w->nst - 1]);
	if (w->nst > 0) {
		renderto(qt, x);
		if (w->y.len > HOLDMAX)
			goto forced;
		return;
	}
	renderto(qt, x);
	if (spanat(&qt->sp.busy, x, 0) != NONE ||
	    spanat(&qt->vf.busy, x, 0) != NONE) {
		if (w->y.len > HOLDMAX)
			goto forced;
		return;
	}
	commit(qt, x, 0);
	return;
forced:
	/* no boundary for too long: give out what is held (a second run
	 * may read it otherwise, if a piece of markup spans this point) */
	commit(qt, w->pos, 1);
}

/* The quotes array so far to a temporary file, so that a record's
 * quotes need not all be in memory (the reader holds them once more,
 * when it writes the record). Without one, they stay in memory. */
static void
spill(struct quotetag *qt)
{
	if (!qt->spill && !(qt->spill = tmpfile()))
		return;
	if (fwrite(qt->jq.p, 1, qt->jq.len, qt->spill) != qt->jq.len) {
		/* a full disk: whatever was not written stays here */
		fclose(qt->spill);
		qt->spill = NULL;
		qt->nspill = 0;
		return;
	}
	qt->nspill += qt->jq.len;
	qt->jq.len = 0;
}

/* List the quotes resolved: -f jsonl or -f tsv lines, or --jsonl's
 * quotes array. */
static void
listing(struct quotetag *qt)
{
	const struct spk *k;
	struct quote *q;
	struct buf *o;
	size_t lim = NONE;

	if ((!qt->jmode || qt->attrs) && qt->fmt == F_INLINE) {
		qt->qj = qt->qw;        /* the text is all there is */
		return;
	}
	if (qt->fmt == F_INLINE)
		lim = qt->w.from;       /* offsets into the output given out */
	for (; qt->qj < (qt->fmt == F_INLINE ? qt->qw : qt->qr); qt->qj++) {
		q = qat(qt, qt->qj);
		if (!listed(qt, q))
			continue;
		/* its offsets are known once the output is given out past
		 * them: a start after the markup there, an end before */
		k = q->spk != NONE ? &qt->spv[q->spk] : NULL;
		if (lim != NONE && (q->s >= lim || q->e > lim || (k &&
		    !k->mapped && ((k->pos[0] != NONE && k->pos[0] >= lim) ||
		    (k->pos[1] != NONE && k->pos[1] > lim) ||
		    (k->pos[2] != NONE && k->pos[2] >= lim) ||
		    (k->pos[3] != NONE && k->pos[3] > lim)))))
			return;
		if (q->spk != NONE)
			spkmap(qt, q->spk);
		qt->listed++;
		if (qt->jmode) {
			if (qt->listed > MAXJQ)
				continue;       /* bounded, and warned */
			o = &qt->jq;
			if (qt->listed > 1)
				buf_putc(o, ',');
			qjson(qt, o, q);
			if (o->len > JQMEM)
				spill(qt);
		} else if (qt->fmt == F_TSV) {
			puttsv(qt, qt->o, q);
		} else {
			qjson(qt, qt->o, q);
			buf_putc(qt->o, '\n');
		}
	}
}

/* Let go of the text, quotes and markup no stage needs any more. */
static void
release(struct quotetag *qt)
{
	size_t keep, done, k, j;
	struct quote *q;

	/* quotes written and listed */
	done = MIN(qt->qw, qt->qj);
	if (qt->fmt != F_INLINE)
		done = qt->qj;
	for (j = qt->qbase; j < done; j++)
		spkput(qt, qat(qt, j)->spk);
	if (done > qt->qbase) {
		k = done - qt->qbase;
		memmove(qt->qv, qt->qv + k, (qt->nq - done) * sizeof(*qt->qv));
		qt->qbase = done;
	}
	/* text: from the first quote not done (and its context) */
	keep = MIN(undecided(qt), qt->xbase + qt->x.len);
	if (qt->qbase < qt->nq) {
		q = qat(qt, qt->qbase);
		keep = MIN(keep, q->s);
	}
	keep = keep > CTX ? keep - CTX : 0;
	if (qt->fmt == F_INLINE)
		keep = MIN(keep, MIN(qt->w.direct ? qt->w.pos : qt->w.from,
		    qt->vf.pos));
	keep = keep / 64 * 64;  /* whole blocks of charsto's */
	if (keep <= qt->xbase || keep - qt->xbase < qt->x.len / 2 ||
	    keep - qt->xbase < SLICE / 4)
		return;
	charsdrop(qt, keep);
	spandrop(&qt->sp.busy, keep);
	spandrop(&qt->vf.busy, keep);
	spandrop(&qt->vf.paired, keep);
	spandrop(&qt->vf.pieces, keep);
	rmdrop(qt, keep);
	evdrop(&qt->w.out, keep);
	k = keep - qt->xbase;
	memmove(qt->x.p, qt->x.p + k, qt->x.len - k);
	qt->x.len -= k;
	qt->xbase = keep;
}

/* Run every stage as far as the text held lets it. */
static void
advance(struct quotetag *qt)
{
	if (qt->uflag) {
		buf_put(qt->o, qt->x.p, qt->x.len);
		qt->xbase += qt->x.len;
		qt->x.len = 0;
		rmdrop(qt, qt->xbase);
		spandrop(&qt->sp.busy, qt->xbase);
		return;
	}
	if (qt->fmt == F_INLINE)
		verify(qt, qt->docend);
	else
		qt->vf.pos = qt->xbase + qt->x.len;
	pairrun(qt, qt->x.p, qt->x.len, qt->docend);
	attribution(qt);
	resolution(qt);
	if (qt->fmt == F_INLINE)
		writing(qt);
	listing(qt);
	release(qt);
}

/* Forget the document: the next one starts afresh. */
static void
newdoc(struct quotetag *qt)
{
	size_t j;

	for (j = qt->qbase; j < qt->nq; j++)
		spkput(qt, qat(qt, j)->spk);
	spkput(qt, qt->rc.named);
	spkput(qt, qt->rc.any);
	spkput(qt, qt->rc.prev);
	spkput(qt, qt->rc.man);
	spkput(qt, qt->rc.woman);
	spkput(qt, qt->rc.unknown);
	memset(&qt->rc, 0xff, sizeof(qt->rc));
	qt->x.len = 0;
	qt->xbase = 0;
	qt->docend = 0;
	memset(&qt->sp.sk, 0, sizeof(qt->sp.sk));
	qt->sp.ncarry = 0;
	qt->sp.pend.len = qt->sp.strs.len = qt->sp.prmstr.len = 0;
	qt->sp.nprm = 0;
	qt->sp.seq = 0;
	qt->sp.busy.first = qt->sp.busy.n = 0;
	memset(&qt->vf.sk, 0, sizeof(qt->vf.sk));
	qt->vf.pos = 0;
	qt->vf.busy.first = qt->vf.busy.n = 0;
	qt->vf.paired.first = qt->vf.paired.n = 0;
	qt->vf.pieces.first = qt->vf.pieces.n = 0;
	evreset(&qt->rm);
	qt->ch.n = qt->ch.base = qt->ch.at = qt->ch.count = 0;
	memset(&qt->pr, 0, sizeof(qt->pr));
	qt->pr.skip = qt->pr.cont = qt->pr.contpos = NONE;
	qt->ngrp = 0;
	qt->qbase = qt->nq = qt->qa = qt->qr = qt->qw = qt->qj = 0;
	qt->prevtop = qt->preve = NONE;
	qt->altfirst = qt->nalt = 0;
	qt->listed = 0;
	qt->w.pos = qt->w.nst = qt->w.from = 0;
	qt->w.direct = !qt->jmode;
	qt->mark = NONE;
	qt->w.y.len = 0;
	qt->w.spans.first = qt->w.spans.n = 0;
	evreset(&qt->w.tags);
	evreset(&qt->w.out);
	qt->jq.len = 0;
	qt->w.naq = 0;
	qt->ic.in.len = qt->ic.base = 0;
	qt->ic.b0 = qt->ic.n = qt->ic.at = qt->ic.count = 0;
	qt->kept.first = qt->kept.n = 0;
	qt->nout = qt->nal = 0;
}

/* Take the input p[0, n) of the document, SLICE bytes at a time. */
static void
take(struct quotetag *qt, const char *p, size_t n)
{
	size_t k;

	do {
		k = MIN(n, (size_t)SLICE);
		if (attrs_of(qt))
			buf_put(&qt->ic.in, p, k);
		strip(qt, p, k, 0);
		advance(qt);
		p += k;
		n -= k;
	} while (n > 0);
}

/* The end of the document: every stage to its end. */
static void
finish(struct quotetag *qt)
{
	strip(qt, "", 0, 1);
	qt->docend = 1;
	advance(qt);
	if (qt->fmt == F_INLINE && !qt->uflag) {
		renderto(qt, qt->xbase + qt->x.len);
		if (!qt->w.direct)
			commit(qt, qt->xbase + qt->x.len, 0);
		listing(qt);
	}
	if (attrs_of(qt)) {
		rmdrop(qt, NONE);
		putrest(qt);
	}
}

static int
process(void *ctx, const char *p, size_t n, struct buf *o)
{
	struct quotetag *qt = ctx;
	char where[256];

	qt->o = o;
	if (!qt->jmode) {
		take(qt, p, n);
		return 0;
	}
	/* --jsonl: the whole text at once (rec_feed) */
	if (qt->fmt != F_INLINE && !qt->uflag)
		buf_put(o, p, n);       /* left as it is */
	take(qt, p, n);
	finish(qt);
	if (qt->listed > MAXJQ) {
		rec_where(qt->f->pos, where, sizeof(where));
		diag_warnx(qt->dg, "%s: a record has %zu quotes; its "
		    "\"quotes\" array lists the first %d", where, qt->listed,
		    MAXJQ);
		return -1;
	}
	return 0;
}

static void
enddoc(void *ctx, struct buf *o)
{
	struct quotetag *qt = ctx;

	qt->o = o;
	if (!qt->jmode)
		finish(qt);
	if (!qt->jmode || qt->uflag || qt->attrs)
		newdoc(qt);     /* (else after its quotes array) */
}

/* --jsonl: the record gets the quotes of its text, the value of its
 * "quotes" member */
static void
addquotes(void *ctx, struct buf *o)
{
	struct quotetag *qt = ctx;

	char b[4096];
	size_t k, left = qt->nspill;

	buf_putc(o, '[');
	if (left > 0) {
		rewind(qt->spill);
		while (left > 0 && (k = fread(b, 1, MIN(left, sizeof(b)),
		    qt->spill)) > 0) {
			buf_put(o, b, k);
			left -= k;
		}
		rewind(qt->spill);
		qt->nspill = 0;
	}
	buf_put(o, qt->jq.p, qt->jq.len);
	buf_putc(o, ']');
	newdoc(qt);
}

/* ------------------------------------------------- copydesk apply */

/* The bytes p[a, b) of the input, but for the markup in it that goes
 * (value 1, or any if all), to o: 0, or -1 if a piece of markup is cut
 * at a or b. m[*k] is the first piece that may be in it (all: any at
 * all; *k is left after those that end by b). */
static int
putinput(struct buf *o, const char *p, size_t a, size_t b,
         const struct apply_span *m, size_t nm, size_t *k, int all)
{
	for (; *k < nm && m[*k].s < b; ++*k) {
		if (m[*k].s < a || m[*k].e > b)
			return -1;
		if (all || m[*k].v >= 0.5) {
			buf_put(o, p + a, m[*k].s - a);
			a = m[*k].e;
		}
	}
	buf_put(o, p + a, b - a);
	return 0;
}

/* The text of span x (NONE: none) to o: the input there without its
 * markup, as quotetag copied a name or a cue from the text it read. */
static int
puttext(struct buf *o, const char *p, const struct apply_span *x,
        const struct apply_span *m, size_t nm)
{
	size_t lo = 0, hi = nm, mid;

	o->len = 0;
	if (!x)
		return 0;
	while (lo < hi) {       /* the first piece of markup at or after it */
		mid = (lo + hi) / 2;
		if (m[mid].s < x->s)
			lo = mid + 1;
		else
			hi = mid;
	}
	return putinput(o, p, x->s, x->e, m, nm, &lo, 1);
}

struct offref {
	unsigned long long x;
	unsigned long long *to;
};

static int
offcmp(const void *a, const void *b)
{
	const struct offref *x = a, *y = b;

	return x->x < y->x ? -1 : x->x > y->x;
}

/*
 * copydesk apply quotetag (filters/apply.c): quotetag's output from its
 * --attrs spans. d->sp[] holds quote, who, cue and markup. The text is
 * written as it came, but for the markup of value 1; each quote [s, e)
 * between opentag at s and CLOSETAG at e (the closing tags at a place
 * before the opening one, innermost first), its speaker's name and cue
 * the text of the who and cue spans whose value is its number (none:
 * empty), without the markup in them.
 */
int
render_quotetag(const struct apply_doc *d, struct buf *o)
{
	const struct apply_spans *in = d->sp;
	struct apply_walk w = { d->p, d->n, 0, 0, d->bytes };
	struct apply_span *sp[4], *q, *m;
	struct offref *ref = NULL;
	struct buf who, cue;
	size_t i, j, nref = 0, nq = in[0].n, nm = in[3].n, *of[2] = { NULL },
	    *stk = NULL, nst = 0, pos = 0, k = 0, start = o->len, x;
	int ret = -1;

	memset(sp, 0, sizeof(sp));
	buf_init_mem(&who, 64);
	buf_init_mem(&cue, 64);
	/* every offset in bytes: those in code points in order, in one walk */
	for (i = 0; i < 4; i++) {
		sp[i] = emalloc((in[i].n + 1) * sizeof(*sp[i]));
		if (in[i].n > 0)        /* in[i].a is NULL before any span */
			memcpy(sp[i], in[i].a, in[i].n * sizeof(*sp[i]));
		nref += 2 * in[i].n;
	}
	ref = emalloc((nref + 1) * sizeof(*ref));
	for (i = 0, nref = 0; i < 4; i++)
		for (j = 0; j < in[i].n; j++) {
			ref[nref].x = sp[i][j].s;
			ref[nref++].to = &sp[i][j].s;
			ref[nref].x = sp[i][j].e;
			ref[nref++].to = &sp[i][j].e;
		}
	qsort(ref, nref, sizeof(*ref), offcmp);
	for (i = 0; i < nref; i++) {
		if ((x = apply_walk(&w, ref[i].x)) == (size_t)-1)
			goto out;
		*ref[i].to = x;
	}
	q = sp[0];
	m = sp[3];
	for (i = 1; i < nm; i++)
		if (m[i].s < m[i - 1].e)
			goto out;
	/* each quote's who and cue, by their values */
	for (j = 0; j < 2; j++) {
		of[j] = emalloc((nq + 1) * sizeof(*of[j]));
		for (i = 0; i < nq; i++)
			of[j][i] = NONE;
		for (i = 0; i < in[1 + j].n; i++) {
			x = (size_t)sp[1 + j][i].v;
			if (sp[1 + j][i].v < 0 || (double)x != sp[1 + j][i].v ||
			    x >= nq || of[j][x] != NONE)
				goto out;
			of[j][x] = i;
		}
	}
	stk = emalloc((nq + 1) * sizeof(*stk));
	for (i = 0; i < nq; i++) {
		while (nst > 0 && stk[nst - 1] <= q[i].s) {
			if (putinput(o, d->p, pos, stk[nst - 1], m, nm, &k, 0))
				goto out;
			buf_puts(o, CLOSETAG);
			pos = stk[--nst];
		}
		if (q[i].s < pos || (nst > 0 && q[i].e > stk[nst - 1]) ||
		    putinput(o, d->p, pos, q[i].s, m, nm, &k, 0) ||
		    puttext(&who, d->p, of[0][i] == NONE ? NULL :
		    &sp[1][of[0][i]], m, nm) ||
		    puttext(&cue, d->p, of[1][i] == NONE ? NULL :
		    &sp[2][of[1][i]], m, nm))
			goto out;
		opentag(o, who.p, who.len, cue.p, cue.len);
		pos = q[i].s;
		stk[nst++] = q[i].e;
	}
	for (; nst > 0; pos = stk[--nst]) {
		if (putinput(o, d->p, pos, stk[nst - 1], m, nm, &k, 0))
			goto out;
		buf_puts(o, CLOSETAG);
	}
	if (putinput(o, d->p, pos, d->n, m, nm, &k, 0) == 0 && k == nm)
		ret = 0;
out:
	if (ret < 0)
		o->len = start;
	for (i = 0; i < 4; i++)
		free(sp[i]);
	free(ref);
	free(of[0]);
	free(of[1]);
	free(stk);
	free(who.p);
	free(cue.p);
	return ret;
}

/* ------------------------------------------------------------ engine */

static void *
create(struct diag *d)
{
	struct quotetag *qt = ecalloc(1, sizeof(*qt));

	qt->dg = d;
	qt->fmt = F_INLINE;
	qt->counters[0].name = "quotes";
	qt->counters[1].name = "attributed";
	qt->counters[2].name = "unclosed";
	qt->spkfree = NONE;
	buf_init_mem(&qt->x, 4096);
	buf_init_mem(&qt->sp.pend, 256);
	buf_init_mem(&qt->sp.strs, 256);
	buf_init_mem(&qt->sp.prmstr, 256);
	buf_init_mem(&qt->rm.str, 256);
	buf_init_mem(&qt->w.y, 4096);
	buf_init_mem(&qt->w.tags.str, 256);
	buf_init_mem(&qt->w.out.str, 256);
	buf_init_mem(&qt->jq, 256);
	buf_init_mem(&qt->jscratch, 256);
	buf_init_mem(&qt->scratch, 256);
	buf_init_mem(&qt->ic.in, 256);
	memset(&qt->rc, 0xff, sizeof(qt->rc));
	newdoc(qt);
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
		qt->fmtset = 1;
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
	qt->w.direct = !qt->jmode;
	/* --attrs: spans of what the text with its tags would be, which the
	 * attributes carry instead of a quotes array */
	qt->attrs = o->attrs;
	if (qt->attrs && qt->fmtset && qt->fmt != F_INLINE) {
		diag_warnx(qt->dg, "--attrs: the spans are those of the tagged "
		    "text; -f %s lists the quotes instead",
		    qt->fmt == F_TSV ? "tsv" : "jsonl");
		return 2;
	}
	if (qt->attrs)
		qt->fmt = F_INLINE;
	/* --jsonl: the text stays as it is, and the quotes array indexes
	 * it, unless -f inline asks for tags in it */
	if (qt->jmode && !qt->attrs && !(qt->fmtset && qt->fmt == F_INLINE))
		qt->fmt = F_STANDOFF;
	qt->chars = o->offsets_set ? o->offsets == REC_OFF_CHARS : qt->jmode;
	f->unit = REC_DOC;
	f->fn = process;
	f->enddoc = enddoc;
	f->spans = 1;
	f->span_names = span_names;
	if (qt->jmode && !qt->uflag && !qt->attrs) {
		f->jsonl = addquotes;
		f->jsonl_key = "quotes";
	}
	f->ctx = e;
	f->counters = qt->counters;
	qt->f = f;
	return 0;
}

static void
destroy(void *e)
{
	struct quotetag *qt = e;
	size_t i;

	if (!qt)
		return;
	newdoc(qt);
	for (i = 0; i < qt->nspk; i++)
		if (qt->spv[i].refs > 0) {
			free(qt->spv[i].name);
			free(qt->spv[i].cue);
		}
	free(qt->spv);
	free(qt->qv);
	free(qt->grp);
	free(qt->altv);
	free(qt->x.p);
	free(qt->sp.pend.p);
	free(qt->sp.strs.p);
	free(qt->sp.prm);
	free(qt->sp.prmstr.p);
	free(qt->sp.busy.v);
	free(qt->vf.busy.v);
	free(qt->vf.paired.v);
	free(qt->vf.pieces.v);
	free(qt->rm.v);
	free(qt->rm.str.p);
	free(qt->ch.cum);
	free(qt->ch.first);
	free(qt->w.y.p);
	free(qt->w.tags.v);
	free(qt->w.spans.v);
	free(qt->w.tags.str.p);
	free(qt->w.out.v);
	free(qt->w.out.str.p);
	free(qt->jq.p);
	free(qt->jscratch.p);
	free(qt->scratch.p);
	free(qt->w.aq);
	free(qt->ic.in.p);
	free(qt->ic.cum);
	free(qt->ic.first);
	free(qt->kept.v);
	free(qt->alv);
	if (qt->spill)
		fclose(qt->spill);
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
	"  -f, --format=FMT    inline (default; with --jsonl the text is left "
	"as it is),\n"
	"                      jsonl or tsv\n"
	"  -s, --single        also report quotes in single marks\n"
	"  -u, --untag         remove quotetag markup instead\n",
	"af:su",
	longopts,
	create,
	option,
	start,
	NULL,
	destroy,
	NULL,
};
