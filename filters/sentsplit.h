/* See LICENSE file for copyright and license details. */
#ifndef SENTSPLIT_H
#define SENTSPLIT_H
/*
 * sentsplit.h: what tests call in the sentsplit engine besides its
 * struct engine (common/engine.h).
 */
#include <stddef.h>

struct sentsplit;

/*
 * Unicode's default sentence boundaries (UAX #29, the boundaries of
 * sentsplit -u) in s[0..len): call fn(b, arg) at every boundary strictly
 * inside the text, in order. ss is an object made by
 * sentsplit_engine.create(); it need not be started.
 */
void sentsplit_uax29(const struct sentsplit *ss, const char *s, size_t len,
                     void (*fn)(size_t b, void *arg), void *arg);

#endif
