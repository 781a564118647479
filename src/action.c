#include "config.h"

#include <string.h>

#include "action.h"

static const struct {
	const char *name, *help;
} actions[ACTION_COUNT] = {
	[ACTION_NONE] = { "none", "Unbind the key" },
#define ACTION_ENTRY(id, name, help) [ACTION_##id] = { name, help },
	ACTIONS(ACTION_ENTRY)
#undef ACTION_ENTRY
};

const char *
action_name(enum action a)
{
	return (unsigned)a < ACTION_COUNT ? actions[a].name : "none";
}

const char *
action_help(enum action a)
{
	return (unsigned)a < ACTION_COUNT ? actions[a].help : "";
}

int
action_lookup(const char *name, size_t len)
{
	for (int a = 0; a < ACTION_COUNT; a++)
		if (strlen(actions[a].name) == len && memcmp(actions[a].name, name, len) == 0)
			return a;
	return -1;
}
