// SPDX-License-Identifier: GPL-2.0
/*
 * Cordon - the sealed allocator
 *
 * What code in the sealed view allocates must be sealed memory, or the
 * kernel could read and rewrite it: the policydb, the SID table, their
 * hash tables and strings. The Cordon pass sends every kmalloc(),
 * kvmalloc(), kmem_cache_*(), vmalloc() and kfree() family call of a unit
 * of kind sealed here (instrumentation/llvm, the sealed helpers): this
 * file is itself compiled by the pass into the sealed view (compartment
 * "srt", the sealed run time), so its functions are direct calls there,
 * no crossing.
 *
 * The heap is the sealed pool after the stacks and save frames: one
 * region per chunk of the pool (sealed.c), whose bounds are written before
 * the seal and are immutable afterwards. Pages are either a run (one
 * allocation of one or more pages, within a region) or a slab of one size
 * class (16 to 2048 bytes), told apart by a word per page at the start of
 * each region. A pointer that is not an
 * allocation's start is refused, never freed: a kernel that hands the
 * server a pointer into its own memory cannot have it freed or reused.
 *
 * Without views (Cordon off or failed before the seal), the heap is empty
 * and the calls go to the kernel's allocators through exits, which then
 * are direct calls: the unsealed server allocates as upstream does.
 */

#include <linux/gfp.h>
#include <linux/minmax.h>
#include <linux/numa.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/vmalloc.h>

#include "sealed_alloc.h"

#define SRT_PAGE		4096UL
#define SRT_MIN_SHIFT		4	/* 16 bytes */
#define SRT_NR_CLASSES		8	/* 16 ... 2048 bytes */
#define SRT_MAX_SMALL		(1UL << (SRT_MIN_SHIFT + SRT_NR_CLASSES - 1))

/* The per-page word: what the page is. */
#define SRT_FREE		0u
#define SRT_RUN_HEAD		(1u << 28)	/* | number of pages */
#define SRT_RUN_TAIL		(2u << 28)
#define SRT_SLAB		(3u << 28)	/* | size class */
#define SRT_META		(4u << 28)	/* the page words themselves */
#define SRT_KIND		(0xfu << 28)

/* Written by the kernel before the seal (sealed.c); immutable after. */
struct cordon_srt_region cordon_srt_regions[CORDON_SRT_MAX_REGIONS];
unsigned long cordon_srt_nr_regions;

/* Each region's page words take its first pages. */
static u32 *page_word[CORDON_SRT_MAX_REGIONS];
static unsigned long rover[CORDON_SRT_MAX_REGIONS];
static void *free_list[SRT_NR_CLASSES];
static int heap_lock;
static long stats[CORDON_SRT_NR_STATS];
static bool heap_ready;

static bool sealed_heap(void)
{
	return READ_ONCE(cordon_srt_nr_regions) != 0;
}

static void lock(void)
{
	while (__atomic_exchange_n(&heap_lock, 1, __ATOMIC_ACQUIRE))
		asm volatile("pause");
}

static void unlock(void)
{
	__atomic_store_n(&heap_lock, 0, __ATOMIC_RELEASE);
}

static unsigned long nr_regions(void)
{
	return min_t(unsigned long, cordon_srt_nr_regions,
		     CORDON_SRT_MAX_REGIONS);
}

static void *page_addr(unsigned long r, unsigned long pg)
{
	return (void *)(cordon_srt_regions[r].start + pg * SRT_PAGE);
}

static void init_heap(void)
{
	unsigned long r, meta, i;

	if (heap_ready)
		return;
	for (r = 0; r < nr_regions(); r++) {
		const struct cordon_srt_region *g = &cordon_srt_regions[r];

		meta = (g->pages * sizeof(u32) + SRT_PAGE - 1) / SRT_PAGE;
		page_word[r] = (u32 *)g->start;
		for (i = 0; i < meta && i < g->pages; i++)
			page_word[r][i] = SRT_META;
		rover[r] = meta;
		stats[CORDON_SRT_PAGES] += g->pages - min(meta, g->pages);
	}
	heap_ready = true;
}

/* @n free pages in a row in region @r, first fit from its rover. */
static unsigned long find_run(unsigned long r, unsigned long n)
{
	unsigned long pages = cordon_srt_regions[r].pages, pass, pg, len = 0;
	u32 *const word = page_word[r];

	for (pass = 0, pg = rover[r]; pass < 2 * pages; pass++, pg++) {
		if (pg == pages) {
			pg = 0;
			len = 0;
		}
		if (word[pg] != SRT_FREE) {
			len = 0;
			continue;
		}
		if (++len == n) {
			rover[r] = pg + 1;
			return pg + 1 - n;
		}
	}
	return ULONG_MAX;
}

static void *alloc_run(unsigned long n, u32 what)
{
	unsigned long r, pg, i;

	for (r = 0; r < nr_regions(); r++) {
		if (cordon_srt_regions[r].pages < n)
			continue;
		pg = find_run(r, n);
		if (pg == ULONG_MAX)
			continue;
		page_word[r][pg] = what ?: SRT_RUN_HEAD | n;
		for (i = 1; i < n; i++)
			page_word[r][pg + i] = SRT_RUN_TAIL;
		stats[CORDON_SRT_PAGES_USED] += n;
		return page_addr(r, pg);
	}
	return NULL;
}

static void *alloc_small(unsigned int class)
{
	unsigned long size = 1UL << (class + SRT_MIN_SHIFT), off;
	void *p = free_list[class];
	char *page;

	if (!p) {
		page = alloc_run(1, SRT_SLAB | class);
		if (!page)
			return NULL;
		for (off = SRT_PAGE - size; off; off -= size) {
			*(void **)(page + off) = free_list[class];
			free_list[class] = page + off;
		}
		p = page;
	} else {
		free_list[class] = *(void **)p;
	}
	return p;
}

static unsigned int class_of(size_t size)
{
	unsigned int class = 0;

	while ((1UL << (class + SRT_MIN_SHIFT)) < size)
		class++;
	return class;
}

static void *heap_alloc(size_t size, gfp_t flags)
{
	void *p;

	if (!size)
		return ZERO_SIZE_PTR;
	lock();
	init_heap();
	if (size <= SRT_MAX_SMALL)
		p = alloc_small(class_of(size));
	else if (size <= CORDON_SRT_MAX_RUN)
		p = alloc_run((size + SRT_PAGE - 1) / SRT_PAGE, 0);
	else
		p = NULL;
	if (p)
		stats[CORDON_SRT_ALLOCATED]++;
	else
		stats[CORDON_SRT_FAILED]++;
	unlock();
	if (p && (flags & __GFP_ZERO))
		memset(p, 0, size);
	return p;
}

/*
 * The page word of an allocation that starts at @p, or 0 if @p starts
 * none: outside the heap, in the page words, inside a run or between a
 * slab's objects; with its region and page. Called with the lock held.
 */
static u32 allocation_at(const void *p, unsigned long *r, unsigned long *pg)
{
	unsigned long a = (unsigned long)p, off;
	u32 w;

	for (*r = 0; *r < nr_regions(); (*r)++) {
		off = a - cordon_srt_regions[*r].start;
		if (a >= cordon_srt_regions[*r].start &&
		    off < cordon_srt_regions[*r].pages * SRT_PAGE)
			break;
	}
	if (*r == nr_regions())
		return 0;
	*pg = off / SRT_PAGE;
	w = page_word[*r][*pg];
	switch (w & SRT_KIND) {
	case SRT_RUN_HEAD:
		return off % SRT_PAGE ? 0 : w;
	case SRT_SLAB:
		return off % (1UL << ((w & ~SRT_KIND) + SRT_MIN_SHIFT)) ? 0 : w;
	default:
		return 0;
	}
}

static void heap_free(const void *p)
{
	unsigned long r, pg, i, n;
	u32 w;

	lock();
	init_heap();
	w = allocation_at(p, &r, &pg);
	if (!w) {
		stats[CORDON_SRT_REFUSED]++;
	} else if ((w & SRT_KIND) == SRT_SLAB) {
		*(void **)p = free_list[w & ~SRT_KIND];
		free_list[w & ~SRT_KIND] = (void *)p;
		stats[CORDON_SRT_FREED]++;
	} else {
		n = w & ~SRT_KIND;
		for (i = 0; i < n; i++)
			page_word[r][pg + i] = SRT_FREE;
		stats[CORDON_SRT_PAGES_USED] -= n;
		stats[CORDON_SRT_FREED]++;
	}
	unlock();
}

/* The usable size of the allocation at @p, 0 if none starts there. */
static size_t heap_size(const void *p)
{
	unsigned long r, pg;
	size_t size = 0;
	u32 w;

	lock();
	init_heap();
	w = allocation_at(p, &r, &pg);
	if ((w & SRT_KIND) == SRT_SLAB)
		size = 1UL << ((w & ~SRT_KIND) + SRT_MIN_SHIFT);
	else if (w)
		size = (w & ~SRT_KIND) * SRT_PAGE;
	unlock();
	return size;
}

/* === What the pass sends the sealed units' calls to === */

/**
 * cordon_srt_kmalloc() - kmalloc() in the sealed view
 * @size: bytes
 * @flags: GFP flags; only __GFP_ZERO matters in the heap
 *
 * Return: sealed memory, or NULL.
 */
void *cordon_srt_kmalloc(size_t size, gfp_t flags)
{
	if (!sealed_heap())
		return __kmalloc(size, flags);
	return heap_alloc(size, flags);
}

/**
 * cordon_srt_kmalloc_node() - kmalloc_node() and kvmalloc_node() in the
 * sealed view
 * @size: bytes
 * @flags: GFP flags
 * @node: ignored in the heap
 *
 * Return: sealed memory, or NULL.
 */
void *cordon_srt_kmalloc_node(size_t size, gfp_t flags, int node)
{
	if (!sealed_heap())
		return kvmalloc_node(size, flags, node);
	return heap_alloc(size, flags);
}

/**
 * cordon_srt_kfree() - kfree(), kvfree() and vfree() in the sealed view
 * @p: what one of the allocators here returned, or NULL
 *
 * A pointer that starts no allocation of the heap is refused and counted.
 */
void cordon_srt_kfree(const void *p)
{
	if (ZERO_OR_NULL_PTR(p))
		return;
	if (!sealed_heap()) {
		kvfree(p);
		return;
	}
	heap_free(p);
}

/**
 * cordon_srt_krealloc() - krealloc() in the sealed view
 * @p: an allocation, or NULL
 * @size: the new size
 * @flags: GFP flags
 *
 * Return: the allocation, moved if it had to grow; NULL on failure, when
 * @p stays as it was.
 */
void *cordon_srt_krealloc(const void *p, size_t size, gfp_t flags)
{
	size_t old;
	void *n;

	if (!sealed_heap())
		return krealloc(p, size, flags);
	if (ZERO_OR_NULL_PTR(p))
		return heap_alloc(size, flags);
	old = heap_size(p);
	if (!old)
		return NULL;
	if (size <= old)
		return (void *)p;
	n = heap_alloc(size, flags);
	if (n) {
		memcpy(n, p, old);
		heap_free(p);
	}
	return n;
}

/**
 * cordon_srt_ksize() - how many bytes an allocation holds
 * @p: what one of the allocators here returned
 *
 * Return: its usable size; 0 if @p starts no allocation of the heap.
 */
size_t cordon_srt_ksize(const void *p)
{
	if (ZERO_OR_NULL_PTR(p))
		return 0;
	if (!sealed_heap())
		return ksize(p);
	return heap_size(p);
}

/**
 * cordon_srt_kmemdup() - kmemdup() in the sealed view
 * @src: bytes to copy
 * @len: how many
 * @flags: GFP flags
 *
 * Return: the copy, or NULL.
 */
void *cordon_srt_kmemdup(const void *src, size_t len, gfp_t flags)
{
	void *p = cordon_srt_kmalloc(len, flags);

	if (p)
		memcpy(p, src, len);
	return p;
}

/**
 * cordon_srt_kstrndup() - kstrndup() in the sealed view
 * @s: a string
 * @max: at most this many characters of it
 * @flags: GFP flags
 *
 * Return: the copy, NUL-terminated, or NULL.
 */
char *cordon_srt_kstrndup(const char *s, size_t max, gfp_t flags)
{
	size_t len;
	char *p;

	if (!s)
		return NULL;
	/* Not the kernel's strnlen(): an exit, which cannot read @s. */
	for (len = 0; len < max && s[len]; len++)
		;
	p = cordon_srt_kmalloc(len + 1, flags);
	if (p) {
		memcpy(p, s, len);
		p[len] = '\0';
	}
	return p;
}

/**
 * cordon_srt_kmemdup_nul() - kmemdup_nul() in the sealed view
 * @s: bytes
 * @len: how many
 * @flags: GFP flags
 *
 * Return: a copy of @len bytes and a NUL, or NULL.
 */
void *cordon_srt_kmemdup_nul(const char *s, size_t len, gfp_t flags)
{
	char *p;

	if (!s)
		return NULL;
	p = cordon_srt_kmalloc(len + 1, flags);
	if (p) {
		memcpy(p, s, len);
		p[len] = '\0';
	}
	return p;
}

/**
 * cordon_srt_kstrdup() - kstrdup() in the sealed view
 * @s: a string
 * @flags: GFP flags
 *
 * Return: the copy, or NULL.
 */
char *cordon_srt_kstrdup(const char *s, gfp_t flags)
{
	return cordon_srt_kstrndup(s, SIZE_MAX, flags);
}

/**
 * cordon_srt_vmalloc() - vmalloc() in the sealed view
 * @size: bytes
 *
 * Return: sealed memory, or NULL.
 */
void *cordon_srt_vmalloc(unsigned long size)
{
	return cordon_srt_kmalloc_node(size, GFP_KERNEL, NUMA_NO_NODE);
}

/**
 * cordon_srt_vzalloc() - vzalloc() in the sealed view
 * @size: bytes
 *
 * Return: zeroed sealed memory, or NULL.
 */
void *cordon_srt_vzalloc(unsigned long size)
{
	return cordon_srt_kmalloc_node(size, GFP_KERNEL | __GFP_ZERO,
				       NUMA_NO_NODE);
}

/* === Slab caches: a size and a constructor over the heap === */

/*
 * The descriptors are sealed data, not heap: the server makes its caches
 * at security_init(), before the pool exists, when a kernel cache serves
 * (@kernel) until the heap takes over.
 */
#define SRT_MAX_CACHES	16

struct srt_cache {
	bool used;
	unsigned int size;
	void (*ctor)(void *obj);
	struct kmem_cache *kernel;
};

static struct srt_cache caches[SRT_MAX_CACHES];

/* @s, if it is one of ours in use; else NULL. */
static struct srt_cache *cache_of(struct kmem_cache *s)
{
	struct srt_cache *c = (struct srt_cache *)s;

	if (c < caches || c >= caches + SRT_MAX_CACHES ||
	    (unsigned long)((char *)c - (char *)caches) % sizeof(*c) ||
	    !READ_ONCE(c->used))
		return NULL;
	return c;
}

/**
 * cordon_srt_cache_create() - kmem_cache_create() in the sealed view
 * @name: its name, for the kernel's cache before the heap is ready
 * @size: object size
 * @align: alignment; the heap's classes are aligned to their size
 * @flags: for the kernel's cache
 * @ctor: constructor, or NULL
 *
 * Return: the cache, or NULL.
 */
struct kmem_cache *cordon_srt_cache_create(const char *name,
					   unsigned int size,
					   unsigned int align,
					   slab_flags_t flags,
					   void (*ctor)(void *))
{
	struct srt_cache *c = NULL;
	unsigned int i;

	lock();
	for (i = 0; !c && i < SRT_MAX_CACHES; i++)
		if (!caches[i].used)
			c = &caches[i];
	if (c)
		c->used = true;
	unlock();
	if (!c)
		return NULL;
	c->size = max(size, align);
	c->ctor = ctor;
	c->kernel = NULL;
	if (!sealed_heap()) {
		/*
		 * The kernel keeps the name, and reads it later (sysfs): a copy
		 * in kernel memory, not the sealed caller's string.
		 */
		const char *kname = kstrdup_const(name, GFP_KERNEL);

		c->kernel = kname ? kmem_cache_create(kname, size, align, flags,
						      ctor) : NULL;
		if (!c->kernel) {
			kfree_const(kname);
			WRITE_ONCE(c->used, false);
			return NULL;
		}
	}
	return (struct kmem_cache *)c;
}

/**
 * cordon_srt_cache_alloc() - kmem_cache_alloc() in the sealed view
 * @s: the cache
 * @flags: GFP flags
 *
 * Return: an object, or NULL (also for a cache that is not one).
 */
void *cordon_srt_cache_alloc(struct kmem_cache *s, gfp_t flags)
{
	struct srt_cache *c = cache_of(s);
	void *p;

	if (!c)
		return NULL;
	if (!sealed_heap())
		return c->kernel ? kmem_cache_alloc(c->kernel, flags) : NULL;
	p = heap_alloc(c->size, flags);
	if (p && c->ctor)
		c->ctor(p);
	return p;
}

/**
 * cordon_srt_cache_free() - kmem_cache_free() in the sealed view
 * @s: the cache
 * @p: an object of it
 */
void cordon_srt_cache_free(struct kmem_cache *s, void *p)
{
	struct srt_cache *c = cache_of(s);

	if (!c || !p)
		return;
	if (!sealed_heap()) {
		if (c->kernel)
			kmem_cache_free(c->kernel, p);
		return;
	}
	cordon_srt_kfree(p);
}

/**
 * cordon_srt_cache_destroy() - kmem_cache_destroy() in the sealed view
 * @s: the cache, or NULL
 *
 * A kernel cache made before the heap outlives it once the heap is ready:
 * its objects may still be in use, and the sealed view cannot free them.
 */
void cordon_srt_cache_destroy(struct kmem_cache *s)
{
	struct srt_cache *c = cache_of(s);

	if (!c)
		return;
	if (c->kernel && !sealed_heap())
		kmem_cache_destroy(c->kernel);
	WRITE_ONCE(c->used, false);
}

/**
 * cordon_srt_stat() - one of the heap's counters
 * @which: enum cordon_srt_stat
 *
 * Return: its value; -1 for an unknown @which.
 */
long cordon_srt_stat(int which)
{
	if (which < 0 || which >= CORDON_SRT_NR_STATS)
		return -1;
	lock();
	init_heap();
	unlock();
	return READ_ONCE(stats[which]);
}
