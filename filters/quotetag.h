/* See LICENSE file for copyright and license details. */
#ifndef COPYDESK_QUOTETAG_H
#define COPYDESK_QUOTETAG_H
/*
 * quotetag.h: what tests need of the quotetag engine besides its
 * interface (quotetag_engine, common/engine.h): the bounds that shape its
 * output, so that a test can build input around them.
 */

#define QT_MAXQ 20000   /* bytes an open mark waits for its close */
#define QT_WIN 400      /* bytes of context on each side of a quote */
#define QT_MAXJQ 16384  /* --jsonl: quotes listed per record */

#endif
