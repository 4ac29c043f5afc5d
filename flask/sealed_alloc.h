/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Cordon - the sealed allocator (sealed_alloc.c): what the kernel and the
 * tests see of it
 */

#ifndef _CORDON_SEALED_ALLOC_H
#define _CORDON_SEALED_ALLOC_H

#include <linux/slab.h>
#include <linux/types.h>

/* The heap's counters, for cordon_srt_stat(). */
enum cordon_srt_stat {
	CORDON_SRT_PAGES,	/* the heap's size, in pages (page words aside) */
	CORDON_SRT_PAGES_USED,	/* in runs and slabs */
	CORDON_SRT_ALLOCATED,	/* allocations made */
	CORDON_SRT_FREED,	/* allocations freed */
	CORDON_SRT_FAILED,	/* allocations that found no room */
	CORDON_SRT_REFUSED,	/* frees of a pointer that starts none */
	CORDON_SRT_NR_STATS
};

/* One per chunk of the sealed pool: 256 MiB in 4 MiB chunks. */
#define CORDON_SRT_MAX_REGIONS	64
/*
 * The largest allocation: a run within one chunk (less its page words,
 * and what the first chunk holds besides: such a run fails there).
 */
#define CORDON_SRT_MAX_RUN	(4UL << 20)

/**
 * struct cordon_srt_region - a piece of the sealed heap
 * @start: its first byte, page aligned
 * @pages: its size
 */
struct cordon_srt_region {
	unsigned long start;
	unsigned long pages;
};

/*
 * The heap, written by the kernel before the seal (sealed.c); no region:
 * no heap, and the calls go to the kernel's allocators.
 */
extern struct cordon_srt_region cordon_srt_regions[CORDON_SRT_MAX_REGIONS];
extern unsigned long cordon_srt_nr_regions;

/* Sealed code's allocators, which the pass calls instead of the kernel's. */
void *cordon_srt_kmalloc(size_t size, gfp_t flags);
void *cordon_srt_kmalloc_node(size_t size, gfp_t flags, int node);
void cordon_srt_kfree(const void *p);
void *cordon_srt_krealloc(const void *p, size_t size, gfp_t flags);
size_t cordon_srt_ksize(const void *p);
void *cordon_srt_kmemdup(const void *src, size_t len, gfp_t flags);
void *cordon_srt_kmemdup_nul(const char *s, size_t len, gfp_t flags);
char *cordon_srt_kstrdup(const char *s, gfp_t flags);
char *cordon_srt_kstrndup(const char *s, size_t max, gfp_t flags);
void *cordon_srt_vmalloc(unsigned long size);
void *cordon_srt_vzalloc(unsigned long size);
struct kmem_cache *cordon_srt_cache_create(const char *name,
					   unsigned int size,
					   unsigned int align,
					   slab_flags_t flags,
					   void (*ctor)(void *));
void *cordon_srt_cache_alloc(struct kmem_cache *s, gfp_t flags);
void cordon_srt_cache_free(struct kmem_cache *s, void *p);
void cordon_srt_cache_destroy(struct kmem_cache *s);
long cordon_srt_stat(int which);

#endif /* _CORDON_SEALED_ALLOC_H */
