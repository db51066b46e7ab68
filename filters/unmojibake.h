/* See LICENSE file for copyright and license details. */
#ifndef UNMOJIBAKE_H
#define UNMOJIBAKE_H
/*
 * unmojibake.h: what the applier (filters/apply.c, copydesk apply
 * unmojibake) calls in the unmojibake engine besides its struct engine
 * (common/engine.h).
 */
#include <stddef.h>

struct apply_doc;
struct buf;
struct diag;
struct unmojibake;

/*
 * Repair the line s[0..n), its terminator taken off (or a piece of a long
 * line), as unmojibake repairs it in a document: with u's -e, and its
 * bytes that are not UTF-8 read in the encoding u chose for the document.
 * Append the repair, or s as it was, to o; 1 if it changed.
 */
int unmojibake_line(struct unmojibake *u, const char *s, size_t n,
                    struct buf *o);

/* An unmojibake object for render_unmojibake (its ctx), or NULL. */
void *unmojibake_applier_new(struct diag *dg);
void unmojibake_applier_free(void *u);

/*
 * Write what unmojibake writes for the document d, from the spans its
 * --attrs reported: the text with each repair span repaired again by
 * unmojibake_line. 0, or -1 if the spans do not fit the text.
 */
int render_unmojibake(const struct apply_doc *d, struct buf *o);

#endif
