/* The call tree of a V8 CPU profile: nodes named by arbitrary integer
 * ids, linked by parent, turned into root-first frame stacks. Used by
 * the cpuprofile format for .cpuprofile files and trace chunks. */
#ifndef SCORCH_FORMATS_CPU_TREE_H
#define SCORCH_FORMATS_CPU_TREE_H

#include <stddef.h>
#include <stdint.h>

#include "sink.h"

#define CPU_NODE_NONE UINT32_MAX
#define CPU_MAX_NODES (1u << 28)

enum cpu_node_state { CPU_NODE_NEW, CPU_NODE_ON_PATH, CPU_NODE_OK,
	CPU_NODE_CYCLE };

struct cpu_node {
	int64_t id;
	uint32_t frame;     /* FRAME_NONE for a "(root)" node (dropped) */
	uint32_t parent;    /* index, CPU_NODE_NONE for a root */
	uint32_t depth;     /* frames from the top down to this node */
	uint8_t state;      /* enum cpu_node_state; CPU_NODE_OK after finish */
	double hits;        /* hitCount */
};

struct cpu_tree {
	struct cpu_node *v;
	size_t n, cap;
	uint32_t prefix;    /* synthetic root frame, FRAME_NONE if none */
	/* private */
	uint32_t *slots;    /* id hash: index + 1, 0 = empty */
	size_t nslots;
	uint32_t *buf;      /* the last stack built */
	size_t buf_cap;
	uint32_t buf_node;  /* node whose stack buf holds */
};

void cpu_tree_init(struct cpu_tree *t);
void cpu_tree_free(struct cpu_tree *t);
/* Index of the node with this id, or CPU_NODE_NONE. */
uint32_t cpu_tree_find(const struct cpu_tree *t, int64_t id);
/* Adds a node; CPU_NODE_NONE when the id is already taken. */
uint32_t cpu_tree_add(struct cpu_tree *t, int64_t id, uint32_t frame,
	double hits);
/* Links child below parent; a second, different parent is skipped and
 * counted. */
void cpu_tree_set_parent(struct cpu_tree *t, struct sink *s, uint32_t child,
	uint32_t parent);
/* After all links: computes depths, marks nodes on or below a parent
 * cycle (state CPU_NODE_CYCLE, counted). -1 on a sink error. */
int cpu_tree_finish(struct cpu_tree *t, struct sink *s);
/* Frames root first for node k (state CPU_NODE_OK) in *frames, borrowed
 * until the next call; returns the depth. */
size_t cpu_tree_stack(struct cpu_tree *t, uint32_t k, const uint32_t **frames);

#endif
