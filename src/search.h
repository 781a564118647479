/* Search: which frames match a pattern, and what that means for a tree.
 *
 * A struct search holds the pattern (a POSIX ERE, case-sensitive or not,
 * or an exact frame name for "highlight every instance of the selected
 * function") and a per-frame answer cache, so each distinct frame is
 * matched once. A struct search_result holds what the pattern means for
 * one calltree:
 *   - the matched value, flamegraph.pl style: a sample counts once if any
 *     frame on its path matches, so nested matches are not counted twice;
 *     available for the whole tree and for any node (the zoom root);
 *   - every matching node in one order for n/N: depth first, in the
 *     tree's sibling order (so left to right, outer before nested), with
 *     nodes too narrow to draw included; the next or previous one from
 *     any node, the index of one ("3/17"), or the whole list.
 * Rebuild the result after every tree rebuild or calltree_sort; after a
 * reload of the profile set the pattern again (that clears the cache).
 *
 * Ownership: both structs own their memory; a result borrows its tree
 * (only to answer search_result_matched) until rebuilt or freed. */
#ifndef SCORCH_SRC_SEARCH_H
#define SCORCH_SRC_SEARCH_H

#include <regex.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "error.h"

struct calltree;
struct profile;

struct search {
	char *text;          /* the pattern or name as given; NULL = no search */
	size_t text_len;
	bool icase;
	bool exact;          /* text is a frame name, compared as bytes */
	/* private */
	regex_t re;
	bool has_re;
	uint8_t *cache;      /* per frame id: 0 unknown, 1 no, 2 yes */
	size_t n_cache;
};

void search_init(struct search *s);
void search_free(struct search *s);
/* Sets a regex (POSIX ERE, unanchored; icase ignores case). Returns 0,
 * or -1 with err "bad regular expression 'P': REASON" (s unchanged). */
int search_set_regex(struct search *s, const char *pattern, bool icase,
	struct error *err);
/* Matches frames named exactly name[0..len) (any bytes). */
void search_set_name(struct search *s, const char *name, size_t len);
/* Forgets the pattern. */
void search_clear(struct search *s);
static inline bool
search_active(const struct search *s)
{
	return s->text != NULL;
}
/* Whether frame id of p matches (false without a pattern). */
bool search_frame_matches(struct search *s, const struct profile *p,
	uint32_t id);
/* Whether node id of t matches: what the views highlight. */
bool search_node_matches(struct search *s, const struct calltree *t,
	uint32_t id);

struct search_result {
	size_t n;            /* matching nodes */
	double matched[2];   /* series a, b under the root, nested counted once */
	/* private */
	const struct calltree *tree;
	double *under;       /* per node: matched series-a value in its subtree */
	uint8_t *inside;     /* per node: 2 it matches, 1 an ancestor does */
	uint32_t *count;     /* per node: matching nodes in its subtree */
	size_t n_nodes;
	uint32_t *list;      /* the matches in order, made on first request */
	bool have_list;
};

void search_result_init(struct search_result *r);
void search_result_free(struct search_result *r);
/* Computes r for tree t: two linear passes over the nodes (no walk of
 * the tree), so it can run after every rebuild. */
void search_result_build(struct search_result *r, struct search *s,
	const struct calltree *t);
/* The matched series-a value within node's subtree (a sample counts once;
 * if node or an ancestor matches, that is the node's whole total). For
 * the status line: matched / total of the zoom root. */
double search_result_matched(const struct search_result *r, uint32_t node);
/* The next match after node in the result's order (dir > 0) or the one
 * before (dir < 0), wrapping; node need not match itself. CT_NONE when
 * nothing matches. Cost: the node's depth times the siblings on the way. */
uint32_t search_result_next(const struct search_result *r, uint32_t node,
	int dir);
/* Index of node among the matches (0-based, for "3/17"), or SIZE_MAX
 * when it does not match. */
size_t search_result_index(const struct search_result *r, uint32_t node);
/* Every match in order (r->n of them); borrowed until the next build. The
 * walk visits only subtrees that hold matches. */
const uint32_t *search_result_list(struct search_result *r);

#endif
