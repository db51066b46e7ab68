/* See LICENSE file for copyright and license details. */
#ifndef COPYDESK_DIAG_H
#define COPYDESK_DIAG_H
/*
 * diag.h: where an engine's warnings go.
 *
 * The programs print "prog: context: reason" on standard error, as
 * warnx(3) does; the library hands each message to the caller's function
 * instead, and keeps the last one for copydesk_error(). An engine never
 * prints or exits on its own: it reports through its struct diag and
 * returns an error.
 */
#include <stdarg.h>
#include <stddef.h>

struct diag {
	const char *prog;       /* "sentsplit": the prefix of a message */
	/* Called with each message (without the prefix); NULL: stderr. */
	void (*emit)(void *arg, const char *prog, const char *msg);
	void *arg;
	/* Called with explanations (unmojibake --explain): whole lines as
	 * the engine wrote them; NULL: stderr. */
	void (*note)(void *arg, const char *p, size_t n);
	char last[512];         /* the last message */
	unsigned long long count;
};

void diag_init(struct diag *d, const char *prog);
void diag_warnx(struct diag *d, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* diag_warnx, then ": " and strerror(errno) */
void diag_warn(struct diag *d, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
void diag_vwarnx(struct diag *d, const char *fmt, va_list ap);
/* Write an explanation: p[0..n), one or more whole lines. */
void diag_note(struct diag *d, const char *p, size_t n);

#endif
