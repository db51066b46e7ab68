/* See LICENSE file for copyright and license details. */
/* The engines the chain and the library know. */
#include <string.h>

#include "common/engine.h"

const struct engine *const engines[] = {
	&unmojibake_engine,
	&unboiler_engine,
	&sentsplit_engine,
	&quotetag_engine,
	&apply_engine,
	NULL
};

const struct engine *
engine_find(const char *name)
{
	size_t i;

	for (i = 0; engines[i]; i++)
		if (!strcmp(engines[i]->name, name))
			return engines[i];
	return NULL;
}
