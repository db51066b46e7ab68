/* See LICENSE file for copyright and license details. */
#ifndef COPYDESK_H
#define COPYDESK_H
/*
 * copydesk.h: the copydesk filters as a C library (libcopydesk, -lcopydesk,
 * pkg-config copydesk). copydesk(3) is the manual.
 *
 * A handle is a chain of one or more filters, written as the copydesk
 * command takes it: "unmojibake | unboiler | sentsplit -L de | quotetag",
 * each filter with the options of its program. A handle processes
 * documents one at a time and gives byte for byte what the programs give
 * on the same document. Handles are independent: distinct handles may be
 * used from distinct threads at once; one handle is not to be shared by
 * threads without a lock.
 *
 *	copydesk *h = copydesk_new("unmojibake | sentsplit", &err);
 *	char *out; size_t outlen;
 *	if (copydesk_process(h, text, len, &out, &outlen) == 0) {
 *		fwrite(out, 1, outlen, stdout);
 *		free(out);
 *	}
 *	copydesk_free(h);
 *
 * Errors: functions that can fail return NULL or -1; copydesk_error() says
 * why. Warnings about a document (a record that is not JSON, say) go to
 * the function given to copydesk_set_warn(), or nowhere. Running out of
 * memory aborts the process, as in the programs.
 */
#include <stddef.h>

#define COPYDESK_VERSION_MAJOR 0
#define COPYDESK_VERSION_MINOR 2
#define COPYDESK_VERSION_PATCH 0

#if defined(__GNUC__) && !defined(COPYDESK_STATIC_HIDDEN)
#define COPYDESK_API __attribute__((visibility("default")))
#else
#define COPYDESK_API
#endif

#ifdef __cplusplus
extern "C" {
#endif

typedef struct copydesk copydesk;

/* "0.2.0": the library's version. */
COPYDESK_API const char *copydesk_version(void);

/* A handle for chain; NULL if the chain or an option is wrong, and then,
 * if err is not NULL, *err is a message to free(). The chain may also
 * hold the record options of the programs: --jsonl[=PATH], -z,
 * --offsets=chars, ... */
COPYDESK_API copydesk *copydesk_new(const char *chain, char **err);

/* Run one document in[0..n) through the chain: *out (malloc'ed, to
 * free(); not NUL-terminated, though a NUL follows it) and *outlen.
 * 0, or -1 (copydesk_error) if a filter found the document bad; the
 * output is then still set, as the programs write it. */
COPYDESK_API int copydesk_process(copydesk *h, const char *in, size_t n,
                                  char **out, size_t *outlen);

/* Run one JSON Lines record (one JSON object, a line, its newline
 * optional) through the chain: the record back with its field processed
 * and every other byte kept, and the members filters add (quotetag's
 * "quotes", with character offsets unless the chain says
 * --offsets=bytes). The handle must have been made with --jsonl[=PATH]
 * in its chain. 0, or -1 if the line is not a JSON object (*out is then
 * the line as it came). */
COPYDESK_API int copydesk_record(copydesk *h, const char *line, size_t n,
                                 char **out, size_t *outlen);

/* Streaming, for input of any size in bounded memory: copydesk_write
 * the input in pieces of any size, then copydesk_close; the output goes
 * to sink as it is made (in pieces of any size). With -z in the chain the
 * input may hold many documents. 0 or -1. */
COPYDESK_API int copydesk_stream(copydesk *h,
                                 void (*sink)(void *arg, const char *p,
                                              size_t n),
                                 void *arg);
COPYDESK_API int copydesk_write(copydesk *h, const char *p, size_t n);
COPYDESK_API int copydesk_close(copydesk *h);

/* The last error or warning, or "" if there was none. */
COPYDESK_API const char *copydesk_error(const copydesk *h);

/* Where warnings go: fn(arg, "sentsplit: ...") for each. */
COPYDESK_API void copydesk_set_warn(copydesk *h,
                                    void (*fn)(void *arg, const char *msg),
                                    void *arg);

/* The counts so far, as the programs' --stats=json prints them (without
 * the final newline); valid until the next call on h. */
COPYDESK_API const char *copydesk_stats(copydesk *h);

/* End the chain (unboiler -l writes its counts here); 0, or -1. */
COPYDESK_API int copydesk_free(copydesk *h);

#ifdef __cplusplus
}
#endif

#endif
