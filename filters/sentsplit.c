/* See LICENSE file for copyright and license details. */
#include <err.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <utf8proc.h>

#include "common/engine.h"
#include "common/io.h"
#include "common/rec.h"
#include "common/unitab.h"
#include "common/utf8.h"
#include "common/util.h"
#include "filters/sentsplit_data.h"

/*
 * sentsplit: one sentence per line, a blank line between paragraphs.
 *
 * The scanner copies text through in long runs and stops only at bytes
 * that may matter: '.', '!', '?', '\n', ')' and non-ASCII bytes. At a
 * terminator it reads the cluster (". . .", "?!", "。"), the closing
 * quotes and brackets after it, the whitespace and the next word, and
 * decides with the word before it (abbreviation tables from
 * filters/sentsplit_data.c). Every look-around is bounded, so the time is
 * linear. Only whitespace is ever changed: a break replaces the spaces
 * between two sentences by one newline (or inserts one where there were
 * none, as after "。"); a joined line break becomes one space.
 */

enum { MODE_BLOCK, MODE_WRAP, MODE_LINES };
enum { LIST_NONE, LIST_NUM, LIST_LOWER, LIST_UPPER };
enum { WORDMAX = 64 };

static const struct ss_lang *lang;
static size_t window;            /* the run's (rec.h) */
static int mode = MODE_BLOCK;
static int uflag;
static unsigned char cls[256];  /* 0: copy on; else look closer */
static int swar;                /* cls holds only . ! ? \n ) and >= 0x80 */

static struct rec_counter counters[] = {
	{ "sentences", 0 },
	{ "paragraphs", 0 },
	{ NULL, 0 }
};

/* Per document. */
static struct {
	int open;       /* sentence text written, its newline not yet */
	int started;    /* anything written in this document */
	int gap;        /* blank line seen since the last text */
	int pend_nl;    /* newlines that ended the previous unit */
	int held;       /* it was cut at a space inside a sentence */
	int lastterm;   /* and ended with a terminator or a closer */
} st;

/* Per unit. */
static const char *p;
static size_t n, from, blk;     /* text, length, copied up to, block start */
static size_t sstart;           /* where the open sentence starts */
static struct buf *o;
static int list_kind, list_next;
static int cjk_depth;
static size_t tok_s = 1, tok_e;  /* cached token around a candidate */
static int tok_link;            /* it is a URL, e-mail address or path */

static int
isws(unsigned char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' ||
	    c == '\v';
}

static size_t
dec(size_t i, uint32_t *cp)
{
	return utf8_decode_fast(p + i, n - i, cp);
}

static unsigned char ascii_sb[128];     /* unitab_sentence_prop, cached */

static int
sbp(uint32_t cp)
{
	if (cp < 0x80)
		return ascii_sb[cp];
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
	int c;

	if (cp == 0xAB || cp == 0x2039 || cp == 0x201E || cp == 0x201A ||
	    cp == 0xBF || cp == 0xA1)
		return 1;
	if (cp == UTF8_INVALID || cp < 0x80)
		return cp == '(' || cp == '[' || cp == '{';
	c = utf8proc_category((utf8proc_int32_t)cp);
	return c == UTF8PROC_CATEGORY_PS;
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

static void
emit_to(size_t x)
{
	if (x > from) {
		if (!st.open) {
			if (st.gap || !st.started)
				counters[1].n++;
			if (st.gap && st.started)
				buf_putc(o, '\n');
			st.gap = 0;
			st.started = 1;
			st.open = 1;
		}
		buf_put(o, p + from, x - from);
	}
	from = x;
}

static void
closesent(void)
{
	if (st.open) {
		buf_putc(o, '\n');
		st.open = 0;
		counters[0].n++;
	}
}

/* A sentence ends before the whitespace p[a..b) (a == b: none). */
static void
brk(size_t a, size_t b)
{
	emit_to(a);
	closesent();
	from = sstart = b;
	/* as on a new line, where a second run finds it */
	cjk_depth = 0;
	list_kind = LIST_NONE;
}

static void
newblock(size_t b)
{
	blk = sstart = b;
	list_kind = LIST_NONE;
	cjk_depth = 0;
}

/* ---------------------------------------------------------------- words */

static int
cmpword(const char *k, size_t kn, const char *w, size_t wn)
{
	int r = memcmp(k, w, MIN(kn, wn));

	return r ? r : (kn > wn) - (kn < wn);
}

static int
abbrclass(const char *k, size_t kn)
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
isstarter(const char *k, size_t kn)
{
	size_t lo = 0, hi = lang->nstart, mid;
	int r;

	if (kn > lang->maxstart)
		return 0;
	while (lo < hi) {
		mid = (lo + hi) / 2;
		r = cmpword(k, kn, lang->start[mid], strlen(lang->start[mid]));
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

static int joined(size_t, size_t, int);

/* Does the text before p[a] end in a letter and a hyphen ("well-")? */
static int
hyphenend(size_t a)
{
	uint32_t cp;

	if (a < 2 || p[a - 1] != '-')
		return 0;
	dec(utf8_prev(p, a - 1), &cp);
	return isletter(sbp(cp));
}

/* Is the whitespace that ends at p[b] one line break after "x-" that the
 * line goes on over without a space ("well-\nknown")? */
static int
hyphenjoin(size_t b)
{
	size_t a = b;
	int nl = 0;

	if (mode == MODE_WRAP)
		return 0;       /* -w joins "well-\nknown" with a space */
	while (a > sstart && isws((unsigned char)p[a - 1]))
		nl += p[--a] == '\n';
	return hyphenend(a) && joined(a, b, nl);
}

static void
prevword(size_t cs, struct word *w)
{
	size_t s = cs, j;
	uint32_t cp;
	int sb, segn = 0;

	memset(w, 0, sizeof(*w));
	/* not past the sentence's start: "N。7!" ends "N。" and then "7!"
	 * is a word of its own, as on the line a second run finds it on;
	 * but over a line break that joins a hyphen ("well-\nknown"), as
	 * the joined word a second run reads */
	while (s > sstart && (!isws((unsigned char)p[s - 1]) ||
	    hyphenjoin(s))) {
		if (isws((unsigned char)p[s - 1])) {
			while (isws((unsigned char)p[s - 1]))
				s--;
			continue;
		}
		j = utf8_prev(p, s);
		dec(j, &cp);
		if (isopener(cp) || cp == '"' || cp == 0x201C || cp == 0x2018)
			break;
		/* an apostrophe inside a word ("McDonald's") belongs to it */
		if ((cp == '\'' || cp == 0x2019) && (j == 0 ||
		    !isletter(sbp((unsigned char)p[j - 1] < 0x80 ?
		    (unsigned char)p[j - 1] : 'a'))))
			break;
		if (cs - j > WORDMAX) {
			w->longw = 1;
			break;
		}
		s = j;
	}
	w->ts = s;
	/* leading bullets: "•10." "⁃9." */
	while (s < cs) {
		j = dec(s, &cp);
		if (!isbullet(cp))
			break;
		w->bullet = 1;
		s += j;
	}
	w->s = s;
	for (j = s; j < cs; ) {
		j += dec(j, &cp);
		sb = sbp(cp);
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

static int
isroman(const struct word *w)
{
	size_t i;

	if (w->nup == 0 || w->nup != w->nch || w->nch > 7)
		return 0;
	for (i = 0; i < w->kn; i++)
		if (!strchr("ivxlcdm", w->key[i]))
			return 0;
	return 1;
}

/* The token (whitespace to whitespace) around position i: is it a URL, an
 * e-mail address or a path? Cached, so a long token is scanned once. */
static int
linktoken(size_t i)
{
	size_t s, e;

	if (i >= tok_s && i < tok_e && tok_s >= sstart)
		return tok_link;
	/* within the sentence, and not past a CJK full stop, which breaks
	 * with no space: a second run finds the token on a line of its own */
	for (s = i; s > sstart && !isws((unsigned char)p[s - 1]); s--)
		;
	for (e = i; e < n && !isws((unsigned char)p[e]); e++)
		if (e + 2 < n && !memcmp(p + e, "\xe3\x80\x82", 3))
			break;
	tok_s = s;
	tok_e = e;
	tok_link = memchr(p + s, '@', e - s) != NULL ||
	    (e - s > 3 && memmem(p + s, e - s, "://", 3) != NULL) ||
	    (e - s > 4 && !memcmp(p + s, "www.", 4));
	return tok_link;
}

/* "Newsfeed.Com": a domain name, not two sentences */
static int
tld(size_t k)
{
	static const char *const tlds[] = { "com", "net", "org", "edu", "gov" };
	size_t i, j;

	for (i = 0; i < LEN(tlds); i++) {
		for (j = 0; j < 3 && k + j < n; j++)
			if ((p[k + j] | 0x20) != tlds[i][j])
				break;
		if (j == 3 && (k + 3 == n || !isletter(sbp(
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
	if (w->ndig > 0 && w->ndig == w->nch && w->ndig <= 2) {
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
listitem(const struct word *w)
{
	size_t a, b, j;
	uint32_t cp;
	int kind, v = 0;

	if ((kind = marker(w, &v)) == LIST_NONE)
		return 0;
	/* the token before: a lone bullet "• 10." belongs to the item */
	b = w->ts;
	for (a = b; a > 0 && (p[a - 1] == ' ' || p[a - 1] == '\t'); a--)
		;
	if (a > 0 && a < b) {
		j = utf8_prev(p, a);
		dec(j, &cp);
		if (isbullet(cp) && (j == 0 || isws((unsigned char)p[j - 1])))
			b = j;
	}
	if (b == blk || (from == b && b > blk)) {
		/* a line or a sentence that starts with "2." starts a list
		 * (alike, so that a second run, which finds the sentence at
		 * a line start, agrees); a joined line (-w) only goes on
		 * with one */
		if (b == blk || !st.open ||
		    (list_kind == kind && v == list_next)) {
			list_kind = kind;
			list_next = v + 1;
			return 1;
		}
		return 0;
	}
	if (list_kind != kind || v != list_next || from > b)
		return 0;
	for (a = b; a > from && isws((unsigned char)p[a - 1]); a--)
		;
	if (a == b)
		return 0;
	brk(a, b);
	list_kind = kind;
	list_next = v + 1;
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
};

/* Is the line break at p[i] (a newline) joined, the line going on? A
 * look ahead past it must see what a second run sees on one line. */
static int
joinedat(size_t i)
{
	size_t a, b;
	int nl = 0;

	for (a = i; a > 0 && isws((unsigned char)p[a - 1]); a--)
		;
	for (b = i; b < n && isws((unsigned char)p[b]); b++)
		nl += p[b] == '\n';
	return joined(a, b, nl);
}

static void
nextword(size_t w, struct next *x)
{
	char k[WORDMAX + 8];
	size_t kn = 0, i = w, j;
	uint32_t cp = 0, prevcp;
	int sb = SB_OTHER, skipped;

	memset(x, 0, sizeof(*x));
	if (n - w >= 3 && (!memcmp(p + w, "...", 3) ||
	    !memcmp(p + w, ". .", 3)))
		x->ellipsis = 1;
	else if (n - w >= 3 && !memcmp(p + w, "\xe2\x80\xa6", 3))
		x->ellipsis = 1;
	if ((n - w >= 7 && !memcmp(p + w, "http://", 7)) ||
	    (n - w >= 8 && !memcmp(p + w, "https://", 8)) ||
	    (n - w >= 4 && !memcmp(p + w, "www.", 4)))
		x->link = 1;
	x->comma = p[w] == ',' || p[w] == ';';
	/* skip at most 8 marks ("...", "\"(", "— "); whitespace is free, so
	 * that the decision does not change with the spaces (idempotence) */
	for (skipped = 0, prevcp = 0; i < n && skipped < 8; prevcp = cp) {
		j = dec(i, &cp);
		sb = sbp(cp);
		if (isletter(sb) || sb == SB_NUMERIC ||
		    (cp == '\n' && mode != MODE_WRAP && !joinedat(i)))
			break;
		/* "! . . ? next": not past a ? or ! and its space, which may
		 * end a sentence of its own (a second run may find a line
		 * break there) */
		if (cp < 0x80 && isws((unsigned char)cp) && i > w &&
		    (prevcp == '?' || prevcp == '!'))
			break;
		if (!isws((unsigned char)cp) || cp >= 0x80)
			skipped++;
		if (cp == 0x2116 || cp == '#' || cp == '$' || cp == 0xA3 ||
		    cp == 0x20AC) {
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
		while (i < n && (p[i] == ' ' || p[i] == '\t' || p[i] == '\r'))
			i++;
		if (i >= n || (p[i] == '\n' && mode != MODE_WRAP &&
		    !joinedat(i)))
			x->eol = 1;
	}
	if (!isletter(sb))
		return;
	x->upper = sb == SB_UPPER || sb == SB_OLETTER;
	while (i < n && kn < WORDMAX) {
		j = dec(i, &cp);
		sb = sbp(cp);
		if (!isletter(sb) && cp != '\'' && cp != 0x2019)
			break;
		kn = putlower(k, kn, cp);
		i += j;
	}
	if (kn < WORDMAX) {
		x->starter = isstarter(k, kn);
		x->title = x->upper && i < n && p[i] == '.' &&
		    abbrclass(k, kn) == SS_PRE;
	}
}

/* Tokens that stay with the sentence before them: "[17]", "[...]", ":-)".
 * Return the length of the one at w, or 0. */
static size_t
attached(size_t w)
{
	static const char *const smileys[] = {
		":)", ":-)", ":(", ":-(", ":P", ":-P", ":p", ":D", ":-D",
		";)", ";-)", "=)", ":o)"
	};
	size_t e, i, k;

	if (p[w] != '[' && p[w] != ':' && p[w] != ';' && p[w] != '=')
		return 0;
	for (e = w; e < n && !isws((unsigned char)p[e]) && e - w < 12; e++)
		;
	if (e < n && !isws((unsigned char)p[e]))
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
	int ndots, nq, nbang, nell, nstop, ncolon, spaced, closers;
	uint32_t stop;          /* the last non-ASCII terminator */
};

/* Has the sentence before p[cs] more than three words? ("At 5 a.m. Mr.
 * Smith went" is one sentence; "He left at 6 p.m. Mr. Smith went" two.)
 * Looks at 256 bytes at most, from the sentence's start (not from where
 * output stopped: a joined line must count as on one line). */
static int
longsentence(size_t cs)
{
	size_t i, words = 0, e = MIN(cs, sstart + 256);

	for (i = sstart; i < e; i++)
		if (isws((unsigned char)p[i]) && i > sstart &&
		    !isws((unsigned char)p[i - 1]) && ++words > 3)
			return 1;
	return e < cs;
}

/* Does a sentence end after a single full stop? w: the word before it. */
static int
stopbreaks(const struct word *w, const struct next *x)
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
	if ((c = abbrclass(w->key, w->kn)) != 0) {
		if (c == SS_PRE)
			return 0;
		if (c == SS_NUM)        /* "No. 5", but "said no. Then" */
			return x->sb != SB_NUMERIC;
		return x->starter || (x->title && longsentence(w->ts));
	}
	num = w->ndig > 0 && w->nup + w->nlow + w->nolet == 0;
	if (w->nch == 1 && !num) {
		if (w->nup)             /* an initial, or "I." */
			return x->starter;
		if (w->nlow)            /* "p. 55", "z. B." */
			return 0;
	}
	if (w->ndot > 0 && w->seg <= 2 && !num && w->nother == 0)
		return x->starter ||    /* U.S., e.g., a.m. */
		    (x->title && longsentence(w->ts));
	if (lang->flags & SS_ORDINAL) {
		if (num && w->ndot == 0 && w->nch <= 3 && x->upper)
			return 0;       /* "12. Juni" */
		if (isroman(w) && x->upper)
			return 0;       /* "XII. Pluku" */
	}
	return 1;
}

/* Is w an ordinary lower-case word (not an abbreviation)? */
static int
plainlower(const struct word *w)
{
	return !w->longw && w->nch >= 2 && w->nlow == w->nch &&
	    abbrclass(w->key, w->kn) == 0;
}

static int
decide(const struct cluster *c, const struct word *w, const struct next *x)
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
	    w->nch > 1 && abbrclass(w->key, w->kn) == 0)
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
			return w->nch > 0 && sbp(w->first) != SB_UPPER;
		/* "at best. the waitress", "at 303-832-8160. they" */
		if (c->ndots == 1 && c->nq == 0)
			return plainlower(w) || (x->starter && !w->longw &&
			    w->ndig > 0 && w->nup + w->nlow + w->nolet == 0);
		return 0;
	}
	if (c->ndots == 0 && c->nell == 0)
		return 1;       /* ? ! 。 and their runs */
	if (c->ndots + 3 * c->nell >= 4)
		return x->upper || x->sb == SB_NUMERIC;
	/* ". . ." marks an omission inside a sentence; "..." in informal
	 * text ends one before a starter ("... I", "... The") */
	if (c->ndots + 3 * c->nell >= 2)
		return !c->spaced && x->upper && x->starter;
	return stopbreaks(w, x);
}

/* The cluster starts at p[i]; return where to go on. */
static size_t
candidate(size_t i)
{
	struct cluster c;
	struct word w;
	struct next x;
	size_t j, k, m, wsb;
	uint32_t cp, cp2;
	int sb, nl, r, internal = 0, haveword = 0;

	memset(&c, 0, sizeof(c));
	c.s = j = i;
	while (j < n) {
		unsigned char b = (unsigned char)p[j];

		if (b == '.') {
			c.ndots++;
			j++;
		} else if (b == '?') {
			c.nq++;
			j++;
		} else if (b == '!') {
			c.nbang++;
			c.nq++;
			j++;
		} else if ((b == ':' && (lang->flags & SS_COLON)) ||
		    (b == ';' && (lang->flags & SS_SEMICOLON))) {
			if (j != i)
				break;
			c.ncolon++;
			c.nq++;
			j++;
		} else if (b == ' ' && c.ndots > 0 && p[j - 1] == '.' &&
		    j + 1 < n && p[j + 1] == '.' &&
		    (j + 2 == n || isws((unsigned char)p[j + 2]) ||
		    strchr("\"')]", p[j + 2]) ||
		    (unsigned char)p[j + 2] >= 0x80)) {
			c.spaced = 1;   /* ". . ." */
			j++;
		} else if (b >= 0x80) {
			m = dec(j, &cp);
			sb = sbp(cp);
			if (cp == 0x2026)
				c.nell++;
			else if (sb == SB_STERM || sb == SB_ATERM) {
				c.nstop++;
				c.stop = cp;
			} else
				break;
			j += m;
		} else {
			break;
		}
	}
	c.e = j;
	if (c.ndots + c.nell == 0 && c.nq == 0 && c.nstop == 0)
		return i + 1;
	/* "Dial:?": a lost character, not a question */
	if (c.nq && (size_t)c.nq == c.e - c.s && i > 0 && p[i - 1] == ':')
		return c.e;
	/* "[...]": an omission, not an end */
	if (i > 0 && (p[i - 1] == '[' || p[i - 1] == '(') && c.ndots + c.nell)
		return c.e;
	/* closing quotes and brackets */
	for (k = c.e; k < n; ) {
		m = dec(k, &cp);
		sb = sbp(cp);
		if (cp == '\'' || cp == 0x2019) {
			if (k + m < n) {
				dec(k + m, &cp2);
				if (isletter(sbp(cp2))) {
					internal = 1;   /* "Jr.'s" */
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
		if (iscjkclose(cp) && cjk_depth > 0)
			cjk_depth--;
		c.closers++;
		k += m;
	}
	/* « ... » with a space before the closing guillemet */
	if (k + 3 < n && p[k] == ' ') {
		m = dec(k + 1, &cp);
		if ((cp == 0xBB || cp == 0x201D || cp == ')') &&
		    (k + 1 + m == n || isws((unsigned char)p[k + 1 + m]))) {
			k += 1 + m;
			c.closers++;
		}
	}
	if (cjk_depth > 0 || internal)
		return k;
	if (k >= n) {
		/* "1. One 2." at the very end: the item breaks as it would
		 * with the newline a second run finds after it */
		if (c.ndots == 1 && c.nq == 0 && c.nell == 0 && c.nstop == 0) {
			prevword(c.s, &w);
			listitem(&w);
		}
		return n;
	}
	if (!isws((unsigned char)p[k])) {
		m = dec(k, &cp);
		sb = sbp(cp);
		if (c.nstop && isstopnospace(c.stop)) {
			if (sb == SB_LOWER || sb == SB_SCONTINUE ||
			    sb == SB_CLOSE || sb == SB_STERM || sb == SB_ATERM)
				return k;
			nextword(k, &x);        /* as if a space followed */
			if (x.sb == SB_LOWER || x.comma ||
			    (!isletter(x.sb) && x.sb != SB_NUMERIC))
				return k;
			if (c.closers && (sb == SB_OLETTER))
				return k;       /* 「…。」と */
			brk(k, k);
			return k;
		}
		if (c.nstop && c.stop == 0xFF0E && sb != SB_NUMERIC &&
		    sb != SB_LOWER && !isws((unsigned char)p[k])) {
			brk(k, k);
			return k;
		}
		/* a missing space: "end.Next", "jağdайы.XVIII" */
		if (sb != SB_UPPER || c.nstop || c.nell || c.ndots > 1 ||
		    (c.ndots && c.nq) || c.ncolon)
			return k;
		if (k + m < n) {
			dec(k + m, &cp2);
			if (sbp(cp2) != SB_LOWER && sbp(cp2) != SB_UPPER)
				return k;
		}
		if (c.s < 2)
			return k;
		j = utf8_prev(p, c.s);
		dec(j, &cp);
		if (sbp(cp) != SB_LOWER || j == 0)
			return k;
		dec(utf8_prev(p, j), &cp);
		if (sbp(cp) != SB_LOWER || linktoken(c.s) || tld(k))
			return k;
		brk(k, k);
		return k;
	}
	/* whitespace after: look at what follows it */
	nl = 0;
	for (wsb = k; wsb < n && isws((unsigned char)p[wsb]); wsb++)
		nl += p[wsb] == '\n';
	if (c.ndots == 1 && c.nq == 0 && c.nell == 0 && c.nstop == 0) {
		prevword(c.s, &w);
		haveword = 1;
		if (listitem(&w))
			return k;
	}
	if (wsb == n || nl >= 2 || (nl == 1 && mode != MODE_WRAP))
		return k;       /* the line break decides */
	if ((m = attached(wsb)) > 0) {
		/* "[17]", ":-)": the sentence ends after them */
		k = wsb + m;
		nl = 0;
		for (wsb = k; wsb < n && isws((unsigned char)p[wsb]); wsb++)
			nl += p[wsb] == '\n';
		if (wsb == n || nl >= 2 || (nl == 1 && mode != MODE_WRAP))
			return k;
	}
	if (!haveword)
		prevword(c.s, &w);
	nextword(wsb, &x);
	/* "word. . . . Next": the first full stop ends the sentence */
	if (c.spaced && c.ndots >= 4 && c.s > 0 && p[c.s + 1] == ' ' &&
	    !isws((unsigned char)p[c.s - 1]) && x.upper) {
		if (listitem(&w))       /* "1. 2. . . . T": an item */
			return k;
		brk(c.s + 1, c.s + 2);
		return c.s + 2;         /* ". . . Next" is judged anew, as a
		                         * second run would on its own line */
	}
	r = decide(&c, &w, &x);
	if (r)
		brk(k, wsb);
	return r ? wsb : k;
}

/* ')' after a list number: "1) The first item 2) The second item" */
static size_t
paren(size_t i)
{
	struct word w;

	if (i + 1 < n && p[i + 1] == ' ' && i > 0 &&
	    !isws((unsigned char)p[i - 1])) {
		prevword(i, &w);
		listitem(&w);
	}
	return i + 1;
}

/* ---------------------------------------------------------------- lines */

/* Does a line ending in prev go on in a line starting with next? */
static int
joins(uint32_t prev, uint32_t next)
{
	int sb = sbp(prev);

	if (sbp(next) != SB_LOWER)
		return 0;
	return isletter(sb) || sb == SB_NUMERIC || prev == ',' ||
	    prev == '-' || prev == ';' || prev == 0x2010 || prev == 0x2013 ||
	    prev == 0x2014 || prev == '/' || prev == '&' || prev == '(' ||
	    prev == 0x060C;
}

/* Does the line at p[b] start a list, "1. ", or its next item, "2. "? As
 * listitem would find it after a break, so a second run agrees. */
static int
listnext(size_t b)
{
	size_t i = b;
	int v = 0, kind;

	if (i < n && p[i] >= 'a' && p[i] <= 'z') {
		kind = LIST_LOWER;
		v = p[i++] - 'a' + 1;
	} else {
		kind = LIST_NUM;
		for (; i < n && i - b < 3 && p[i] >= '0' && p[i] <= '9'; i++)
			v = v * 10 + p[i] - '0';
		if (i == b || i - b > 2)
			return 0;
	}
	if (list_kind == LIST_NONE ? v != 1 :
	    kind != list_kind || v != list_next)
		return 0;
	return i < n && (p[i] == '.' || p[i] == ')') &&
	       (i + 1 == n || isws((unsigned char)p[i + 1]));
}

/* Does the line go on over the single line break in p[a..b)? */
static int
goeson(size_t a, size_t b)
{
	uint32_t prev = ' ', next;
	size_t j;

	if (mode == MODE_WRAP)
		return 1;
	if (mode == MODE_LINES)
		return 0;
	if (a > 0)
		dec(utf8_prev(p, a), &prev);
	dec(b, &next);
	/* "great! :P" ends its line: the smiley is no clause */
	for (j = a; j > 0 && a - j < 12 && !isws((unsigned char)p[j - 1]); j--)
		;
	if (attached(j) == a - j)
		prev = '.';
	return joins(prev, next);
}

/* Is the whitespace p[a..b) with nl newlines one line break that the
 * line goes on over (what linebreak does with it)? */
static int
joined(size_t a, size_t b, int nl)
{
	return nl == 1 && b < n && goeson(a, b) && !listnext(b);
}

/* The line break in the whitespace p[a..b) with nl newlines. */
static void
linebreak(size_t a, size_t b, int nl)
{
	if (nl >= 2) {
		brk(a, b);
		if (st.started)
			st.gap = 1;
		newblock(b);
		return;
	}
	if (mode == MODE_LINES) {
		brk(a, b);
		newblock(b);
		return;
	}
	if (goeson(a, b)) {
		if (listnext(b)) {      /* "1. One\n2. Two", hard-wrapped */
			brk(a, b);
			return;
		}
		emit_to(a);
		from = b;
		/* "well-\nknown": the hyphen joins without a space */
		if (!(hyphenend(a) && mode != MODE_WRAP))
			buf_putc(o, ' ');
		return;
	}
	brk(a, b);
	newblock(b);
}

static size_t
newline(size_t i)
{
	size_t a = i, b = i;
	int nl = 0;

	while (a > from && isws((unsigned char)p[a - 1]))
		a--;
	while (b < n && isws((unsigned char)p[b]))
		nl += p[b++] == '\n';
	if (b == n)
		return n;
	if (a == from && st.open == 0 && from == blk) {
		/* whitespace at the start of a block */
		from = b;
		newblock(b);
		if (nl >= 2 && st.started)
			st.gap = 1;
		return b;
	}
	linebreak(a, b, nl);
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
u29next(const char *s, size_t len, size_t i, struct u29 *c)
{
	uint32_t cp;
	size_t k;
	int sb;

	c->s = i;
	i += utf8_decode(s + i, len - i, &cp);
	c->sb = sbp(cp);
	if (!isparasep(c->sb)) {
		while (i < len) {
			k = utf8_decode(s + i, len - i, &cp);
			sb = sbp(cp);
			if (sb != SB_EXTEND && sb != SB_FORMAT)
				break;
			i += k;
		}
	}
	c->e = i;
	return i;
}

static void
uax29(const char *s, size_t len, void (*fn)(size_t, void *), void *arg)
{
	struct u29 prev, cur, nx, la;
	size_t i, j, stop = 0;
	int seq = 0, aterm = 0, sp = 0, lower = 0, brk;

	if (len == 0)
		return;
	i = u29next(s, len, 0, &cur);
	prev.sb = SB_OTHER;
	/* seq: inside SATerm Close* Sp*; sp: the Sp* part has begun */
	if (cur.sb == SB_ATERM || cur.sb == SB_STERM) {
		seq = 1;
		aterm = cur.sb == SB_ATERM;
	}
	while (i < len) {
		i = u29next(s, len, i, &nx);
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
						u29next(s, len, j, &la);
						if (la.sb == SB_OLETTER ||
						    la.sb == SB_UPPER ||
						    la.sb == SB_LOWER ||
						    isparasep(la.sb) ||
						    la.sb == SB_ATERM ||
						    la.sb == SB_STERM)
							break;
					}
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
		if (brk)
			fn(nx.s, arg);
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
}

/* -u: write the text with a line break at each UAX #29 boundary. */
static size_t u29skip;
static void
u29cut(size_t b, void *arg)
{
	size_t a, w;
	int nl = 0;

	(void)arg;
	if (b < from || b < u29skip)
		return;         /* inside whitespace already seen */
	for (a = b; a > from && isws((unsigned char)p[a - 1]); a--)
		nl += p[a - 1] == '\n';
	for (w = b; w < n && isws((unsigned char)p[w]); w++)
		nl += p[w] == '\n';
	u29skip = w;
	if (w == n)
		return;
	brk(a, w);
	if (nl >= 2 && st.started)
		st.gap = 1;
}

/* Skip 8 bytes at a time while none of them is '.', '!', '?', '\n', ')'
 * or a non-ASCII byte (the usual "has a zero byte" test, per byte). */
static size_t
skipplain(size_t i)
{
	const uint64_t ones = 0x0101010101010101ull, high = ones * 0x80;
	uint64_t w;

#define HASBYTE(x, b) ((((x) ^ (ones * (b))) - ones) & ~((x) ^ (ones * (b))))
	while (i + 8 <= n) {
		memcpy(&w, p + i, 8);
		if ((w | HASBYTE(w, '.') | HASBYTE(w, '!') | HASBYTE(w, '?') |
		    HASBYTE(w, '\n') | HASBYTE(w, ')')) & high)
			break;
		i += 8;
	}
#undef HASBYTE
	return i;
}

/* ---------------------------------------------------------------- units */

static int
split(void *ctx, const char *text, size_t len, struct buf *out)
{
	size_t i, w, t, m;
	uint32_t cp;
	int nl = 0, sb;

	(void)ctx;
	p = text;
	n = len;
	o = out;
	tok_s = 1;
	tok_e = 0;
	for (w = 0; w < n && isws((unsigned char)p[w]); w++)
		nl += p[w] == '\n';
	if (w == n) {
		st.pend_nl += nl;
		return 0;
	}
	/* the seam with the previous unit: its sentence is closed (a unit
	 * is a paragraph, or a piece of one longer than the window) */
	nl += st.pend_nl;
	from = w;
	if (st.held) {
		/* a window cut at a space: go on with the sentence */
		dec(w, &cp);
		if (st.lastterm && sbp(cp) == SB_UPPER)
			closesent();
		else
			buf_putc(o, ' ');
		st.held = 0;
	}
	if (nl >= 2 && st.started)
		st.gap = 1;
	st.pend_nl = 0;
	newblock(w);
	i = w;
	if (uflag) {
		u29skip = 0;
		uax29(p, n, u29cut, NULL);
		i = n;
	}
	for (;;) {
		if (swar)
			i = skipplain(i);
		while (i < n && !cls[(unsigned char)p[i]])
			i++;
		if (i >= n)
			break;
		switch (cls[(unsigned char)p[i]]) {
		case 1:
			i = candidate(i);
			break;
		case 2:
			i = newline(i);
			break;
		case 3:
			i = paren(i);
			break;
		default:
			m = dec(i, &cp);
			sb = sbp(cp);
			if (sb == SB_STERM || sb == SB_ATERM || cp == 0x2026) {
				i = candidate(i);
			} else {
				if (iscjkopen(cp))
					cjk_depth++;
				else if (iscjkclose(cp) && cjk_depth > 0)
					cjk_depth--;
				i += m;
			}
		}
	}
	/* the end: close the sentence, count the newlines after it */
	for (t = n; t > from && isws((unsigned char)p[t - 1]); t--)
		;
	emit_to(t);
	for (i = t; i < n; i++)
		st.pend_nl += p[i] == '\n';
	/* Only a window cut after a space or tab (a unit of at least half
	 * the window, see rec.c cutpoint) goes on in the next unit; at a
	 * newline or at the end the sentence ends here (the driver writes
	 * the NUL of -z before it calls enddoc) */
	if (st.open && t < n && st.pend_nl == 0 && n >= window / 2) {
		st.held = 1;
		dec(utf8_prev(p, t), &cp);
		sb = sbp(cp);
		st.lastterm = sb == SB_ATERM || sb == SB_STERM ||
		    sb == SB_CLOSE;
	} else {
		closesent();
	}
	return 0;
}

static void
enddoc(void *ctx, struct buf *out)
{
	(void)ctx;
	o = out;
	closesent();
	memset(&st, 0, sizeof(st));
}

/* The byte classes of the scanner and the ASCII property cache. */
static void
init_tables(void)
{
	int c;

	cls['.'] = cls['!'] = cls['?'] = 1;
	if (lang->flags & SS_COLON)
		cls[':'] = 1;
	if (lang->flags & SS_SEMICOLON)
		cls[';'] = 1;
	cls['\n'] = 2;
	cls[')'] = 3;
	for (c = 0x80; c < 0x100; c++)
		cls[c] = 4;
	for (c = 0; c < 0x80; c++)
		ascii_sb[c] = (unsigned char)unitab_sentence_prop((uint32_t)c);
	swar = !(lang->flags & (SS_COLON | SS_SEMICOLON));
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

/* ------------------------------------------------------------ engine */

static struct diag *dg;

static void *
create(struct diag *d)
{
	static int one;

	dg = d;
	lang = findlang("en");
	return &one;
}

static int
option(void *e, int c, const char *arg)
{
	(void)e;
	switch (c) {
	case 'L':
		if (!(lang = findlang(arg))) {
			diag_warnx(dg, "-L: unknown language: %s", arg);
			return 2;
		}
		return 0;
	case 'l':
		mode = MODE_LINES;
		return 0;
	case 'u':
		uflag = 1;
		return 0;
	case 'w':
		mode = MODE_WRAP;
		return 0;
	}
	return 2;
}

static int
start(void *e, const struct rec_opt *o, struct rec_filter *f)
{
	window = o->window;
	if (uflag)
		mode = MODE_LINES;      /* every line feed is a boundary */
	init_tables();
	f->unit = REC_PARA;
	f->fn = split;
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
	{ "lang", OPT_REQUIRED, 'L' },
	{ "lines", OPT_NONE, 'l' },
	{ "uax29", OPT_NONE, 'u' },
	{ "wrapped", OPT_NONE, 'w' },
	{ NULL, 0, 0 }
};

const struct engine sentsplit_engine = {
	"sentsplit",
	"sentsplit [-luwz] [-L lang] [--jsonl[=field]] [file ...]",
	"  -L, --lang=LANG     language: abbreviations and rules (default en)\n"
	"  -l, --lines         every line break ends a sentence\n"
	"  -u, --uax29         Unicode's default sentence boundaries only\n"
	"  -w, --wrapped       join every single line break (hard-wrapped "
	"text)\n",
	"L:luw",
	longopts,
	create,
	option,
	start,
	NULL,
	destroy,
};
