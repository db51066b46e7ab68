/* See LICENSE file for copyright and license details. */
#ifndef COPYDESK_QUOTETAG_H
#define COPYDESK_QUOTETAG_H
/*
 * quotetag.h: what tests need of the quotetag engine besides its
 * interface (quotetag_engine, common/engine.h): the bounds that shape its
 * output and its memory, so that a test can build input around them; and
 * its renderer for copydesk apply.
 */

#define QT_MAXQ 20000   /* bytes an open mark waits for its close */
#define QT_QSPAN 40000  /* ... and an unclosed quote runs without any
			 * further mark or line end */
#define QT_WIN 400      /* bytes of context on each side of a quote */
#define QT_NXMAX 20000  /* a quote with no cue takes the speaker of the
			 * next attributed quote of its line this near */
#define QT_MAXJQ 16384  /* --jsonl: quotes listed per record */
#define QT_TAGMAX 8192  /* bytes of an opening tag read as markup */
#define QT_TAGSPAN 65536        /* text bytes between a tag pair */
#define QT_HOLDMAX (1024 * 1024) /* output held back, at most */

struct apply_doc;
struct buf;
/* copydesk apply quotetag (filters/apply.c): the text quotetag writes,
 * from a document and its --attrs spans quote, who, cue and markup */
int render_quotetag(const struct apply_doc *d, struct buf *o);

#endif
