// SPDX-License-Identifier: GPL-2.0
/*
 * Cordon - the sealed pool and the sealed test compartment
 *
 * Memory reserved at boot for the sealed compartment (the Flask server, in
 * a later step), sealed into its view before any untrusted code runs. Until
 * that server moves in, a test compartment keeps a random secret there and
 * offers one gate: a checksum of the secret. The pool also holds the
 * compartment's per-CPU stacks and save frames, so that the kernel cannot
 * touch them, and, after them, the heap of the sealed run time, from which
 * sealed code compiled from C allocates.
 */

#include "common.h"

#include <linux/cordon-views-abi.h>
#include <linux/gfp.h>
#include <linux/init.h>
#include <linux/io.h>
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/module.h>
#include <linux/random.h>
#include <linux/sizes.h>
#include <kunit/visibility.h>

#include "aex.h"
#include "compartment.h"
#include "compiled.h"
#include "exchange.h"
#include "flask/sealed_alloc.h"
#include "gate.h"
#include "pagetables.h"
#include "sealed.h"

#ifdef CONFIG_CORDON_SEAL_SELINUX
/* Debian's selinux-policy-default takes 7 MiB of the heap, its image 2. */
#define DEFAULT_POOL	SZ_32M
#else
#define DEFAULT_POOL	SZ_128K
#endif
/*
 * A larger pool is a set of chunks of alloc_pages()'s largest order: the
 * first holds the secret page, the stacks and the save frames, and each
 * is a region of the sealed run time's heap.
 */
#define CHUNK_ORDER	(MAX_ORDER - 1)
#define CHUNK		(PAGE_SIZE << CHUNK_ORDER)
#define MAX_POOL	((size_t)CORDON_SRT_MAX_REGIONS * CHUNK)

/* Read by the sealed code: where the secret is. Sealed with it. */
u64 cordon_sealed_data[PAGE_SIZE / sizeof(u64)] __page_aligned_data;

/* Compiled compartments of kind sealed: their code and data ranges. */
#define MAX_CODE_RANGES	12
/*
 * Gates into the sealed view: the checksum's, and compiled entry points
 * (the security server's boundary alone is about 54).
 */
#define MAX_SEALED_GATES	160

struct code_range {
	const void *start;
	size_t size;
	u32 access;
};

static size_t pool_size __ro_after_init = DEFAULT_POOL;
static void *pool __ro_after_init;
static void *chunks[CORDON_SRT_MAX_REGIONS] __ro_after_init;
static unsigned int nr_chunks __ro_after_init;
static struct cordon_compartment *sealed __ro_after_init;
static const struct cordon_gate *checksum_gate __ro_after_init;
static const struct cordon_gate *gates[MAX_SEALED_GATES] __ro_after_init;
static unsigned int nr_gates __ro_after_init;
static struct code_range code[MAX_CODE_RANGES] __initdata;
static unsigned int nr_code __initdata;
static struct cordon_pt *page_tables __ro_after_init;
/* The checksums the sealed gate must return, taken before the seal. */
static u64 expected_one __ro_after_init, expected_long __ro_after_init;

static u64 checksum(const u64 *const secret, long rounds)
{
	u64 sum = 0;
	long r;
	int i;

	for (r = 0; r < rounds; r++)
		for (i = 0; i < CORDON_SECRET_SIZE / sizeof(u64); i++)
			sum = rol64(sum, 7) ^ secret[i];
	return sum;
}

static int __init sealed_size_param(char *str)
{
	unsigned long long size = memparse(str ?: "", &str);

	if (!size || *str || size > MAX_POOL) {
		pr_err("invalid cordon_sealed_size=%s (expected a size up to %zuM); using %zuK\n",
		       str ?: "", MAX_POOL >> 20, pool_size >> 10);
		return 0;
	}
	pool_size = size > CHUNK ? ALIGN(size, CHUNK) : PAGE_ALIGN(size);
	return 0;
}
early_param("cordon_sealed_size", sealed_size_param);

/* The pool's chunks, zeroed; -ENOMEM, with what to do, if one is missing. */
static int __init alloc_chunks(void)
{
	unsigned int n = pool_size > CHUNK ? pool_size / CHUNK : 1, i;
	struct page *pages;

	for (i = 0; i < n; i++) {
		pages = alloc_pages(GFP_KERNEL | __GFP_ZERO | __GFP_NOWARN,
				    n > 1 ? CHUNK_ORDER : get_order(pool_size));
		if (!pages)
			break;
		chunks[i] = page_address(pages);
	}
	if (i < n) {
		pr_err("cordon_sealed_size=%zuM: only %u of its %u chunks of %luM could be allocated; boot with a smaller cordon_sealed_size= or more memory\n",
		       pool_size >> 20, i, n, CHUNK >> 20);
		while (i--)
			__free_pages(virt_to_page(chunks[i]), CHUNK_ORDER);
		return -ENOMEM;
	}
	nr_chunks = n;
	pool = chunks[0];
	return 0;
}

/*
 * The run time's heap: the first chunk after the secret page, the stacks
 * and the save frames, and every other chunk whole. Written before the
 * seal, the only moment the kernel may.
 */
static void __init describe_heap(size_t reserved)
{
	unsigned int i;

	for (i = 0; i < nr_chunks; i++) {
		size_t size = nr_chunks > 1 ? CHUNK : pool_size;
		size_t skip = i ? 0 : reserved;

		cordon_srt_regions[i] = (struct cordon_srt_region){
			.start = (unsigned long)chunks[i] + skip,
			.pages = (size - skip) >> PAGE_SHIFT,
		};
	}
	cordon_srt_nr_regions = nr_chunks;
}

/**
 * cordon_sealed_prepare() - reserve the pool, place the secret and give
 * the sealed compartment its memory and gate, without sealing yet
 *
 * Return: 0 or -errno.
 */
int cordon_sealed_prepare(void)
{
	size_t stacks = (size_t)nr_cpu_ids * CORDON_GATE_STACK_SIZE;
	size_t frames = PAGE_ALIGN((size_t)nr_cpu_ids * CORDON_AEX_FRAME_STRIDE);
	size_t reserved = PAGE_SIZE + stacks + frames;
	unsigned int i;
	int err;

	if (min(pool_size, CHUNK) < reserved) {
		pr_err("cordon_sealed_size=%zuK is too small for %u CPUs; use at least %zuK\n",
		       pool_size >> 10, nr_cpu_ids, reserved >> 10);
		return -ENOSPC;
	}
	err = alloc_chunks();
	if (err)
		return err;
	/* Written before the seal: the only moment the kernel may. */
	get_random_bytes(pool, CORDON_SECRET_SIZE);
	expected_one = checksum(pool, 1);
	expected_long = checksum(pool, CORDON_SEALED_LONG_ROUNDS);
	cordon_sealed_data[0] = (u64)pool;

	sealed = cordon_compartment_create("sealed", CORDON_KIND_SEALED);
	if (IS_ERR(sealed))
		return PTR_ERR(sealed);
	for (i = 0; !err && i < nr_chunks; i++)
		err = cordon_compartment_add_memory(sealed, __pa(chunks[i]),
			nr_chunks > 1 ? CHUNK : pool_size,
			CORDON_ACCESS_R | CORDON_ACCESS_W);
	if (!err)
		err = cordon_compartment_add_memory(sealed,
						    __pa_symbol(cordon_sealed_data),
						    PAGE_SIZE, CORDON_ACCESS_R);
	if (!err)
		err = cordon_compartment_add_memory(sealed,
			__pa_symbol(__cordon_sealed_text_start),
			__cordon_sealed_text_end - __cordon_sealed_text_start,
			CORDON_ACCESS_R | CORDON_ACCESS_X);
	if (err)
		return err;
	cordon_frozen.sealed_stacks = (u64)pool + PAGE_SIZE;
	describe_heap(reserved);
	err = cordon_exchange_prepare(pool + PAGE_SIZE);
	if (err)
		return err;
	checksum_gate = cordon_sealed_add_gate(cordon_sealed_checksum);
	return checksum_gate ? 0 : -ENOSPC;
}

/**
 * cordon_sealed_compartment() - the sealed compartment
 *
 * Return: it, once cordon_sealed_prepare() made it; else NULL.
 */
struct cordon_compartment *cordon_sealed_compartment(void)
{
	return IS_ERR(sealed) ? NULL : sealed;
}

/**
 * cordon_sealed_add_gate() - a gate into the sealed view
 * @target: the entry point, in sealed code
 *
 * Every sealed gate runs on the pool's per-CPU stacks and is bound to the
 * sealed page tables by cordon_sealed_page_tables().
 *
 * Context: Boot, after cordon_sealed_prepare(), before the page tables.
 * Return: the gate, or NULL when no descriptor is left.
 */
const struct cordon_gate *__init cordon_sealed_add_gate(const void *target)
{
	const struct cordon_gate *g;

	if (nr_gates == MAX_SEALED_GATES)
		return NULL;
	g = cordon_gate_register(sealed, target, pool + PAGE_SIZE, 0);
	if (g)
		gates[nr_gates++] = g;
	return g;
}

/**
 * cordon_sealed_add_code() - put a compiled compartment's code or data
 * into the sealed compartment
 * @start: page-aligned start, in the kernel image
 * @size: bytes, a multiple of the page size
 * @access: CORDON_ACCESS_R with _X for code, with _W for data; and
 *	    CORDON_RANGE_KERNEL_READ for data the kernel may read
 *
 * The range is owned by the sealed compartment, sealed with it, and mapped
 * in its page tables: from then on the kernel can neither read nor write
 * it (only read it, with CORDON_RANGE_KERNEL_READ).
 *
 * Context: Boot, after cordon_sealed_prepare(), before the page tables.
 * Return: 0 or -errno.
 */
int __init cordon_sealed_add_code(const void *start, size_t size, u32 access)
{
	int err;

	if (nr_code == MAX_CODE_RANGES)
		return -ENOSPC;
	err = cordon_compartment_add_memory(sealed, __pa_symbol(start), size,
					    access);
	if (err)
		return err;
	code[nr_code++] = (struct code_range){ start, size, access };
	return 0;
}

/**
 * cordon_sealed_page_tables() - build and freeze the compartment's own
 * page tables, and bind its gate to them
 *
 * Context: Boot, before cordon_gates_prepare(), which makes the frozen
 * page read-only, and before the seal. The tables map the compartment's
 * memory where the kernel maps it, and what the gate paths touch
 * (cordon_gates_map_shared()); nothing else of the kernel's.
 * Return: 0 or -errno.
 */
int __init cordon_sealed_page_tables(void)
{
	struct cordon_pt *pt = cordon_pt_create();
	unsigned int i;
	int err;

	if (IS_ERR(pt))
		return PTR_ERR(pt);
	err = 0;
	for (i = 0; !err && i < nr_chunks; i++)
		err = cordon_pt_map(pt, chunks[i],
				    nr_chunks > 1 ? CHUNK : pool_size,
				    CORDON_ACCESS_W);
	if (!err)
		err = cordon_pt_map(pt, cordon_sealed_data, PAGE_SIZE, 0);
	if (!err)
		err = cordon_pt_map(pt, __cordon_sealed_text_start,
				    __cordon_sealed_text_end -
				    __cordon_sealed_text_start, CORDON_ACCESS_X);
	for (i = 0; !err && i < nr_code; i++)
		err = cordon_pt_map(pt, code[i].start, code[i].size,
				    code[i].access & CORDON_ACCESS_X ?
				    CORDON_ACCESS_X : CORDON_ACCESS_W);
	/*
	 * Compiled sealed code's exit stubs read the kernel's "no views" flag
	 * (read-only after boot; set again, it sends the stubs to kernel
	 * text, which the sealed view does not execute).
	 */
	if (!err && nr_code)
		err = cordon_pt_map(pt, &cordon_compiled_direct, 1, 0);
	if (!err)
		err = cordon_exchange_map(pt);
	if (!err)
		err = cordon_gates_map_shared(pt);
	if (!err)
		err = cordon_pt_freeze(pt, sealed);
	if (err)
		return err;
	/* The save frames follow the stacks; the pool came zeroed. */
	for (i = 0; i < nr_gates; i++)
		cordon_gate_bind_page_tables(gates[i], cordon_pt_root(pt),
					     pool + PAGE_SIZE +
					     (size_t)nr_cpu_ids *
					     CORDON_GATE_STACK_SIZE,
					     cordon_sealed_aex_resume);
	page_tables = pt;
	return 0;
}

/**
 * cordon_sealed_aex() - register every CPU's asynchronous exit from the
 * sealed view
 *
 * Context: Boot, after the seal, before the lock.
 * Return: 0 or -errno.
 */
int __init cordon_sealed_aex(void)
{
	return cordon_aex_init(checksum_gate);
}

/**
 * cordon_sealed_cr3() - the sealed compartment's page tables, for tests
 *
 * Return: the root's physical address; 0 before they exist.
 */
u64 cordon_sealed_cr3(void)
{
	return page_tables ? cordon_pt_root(page_tables) : 0;
}
EXPORT_SYMBOL_IF_KUNIT(cordon_sealed_cr3);

/**
 * cordon_sealed_seal() - seal the compartment's memory into its view
 *
 * Return: 0 or -errno.
 */
int cordon_sealed_seal(void)
{
	return cordon_compartment_seal(sealed);
}

/**
 * cordon_sealed_is_sealed() - has the seal taken place
 *
 * Return: true once the kernel view can no longer reach sealed memory.
 */
bool cordon_sealed_is_sealed(void)
{
	return !IS_ERR_OR_NULL(sealed) && sealed->sealed;
}

/**
 * cordon_sealed_secret() - where the sealed test secret lives
 *
 * Return: its kernel address; reading it outside the sealed view is
 * denied. NULL if there is no pool.
 */
void *cordon_sealed_secret(void)
{
	return pool;
}
EXPORT_SYMBOL_IF_KUNIT(cordon_sealed_secret);

/**
 * cordon_sealed_pool_size() - the size of the sealed pool
 *
 * Return: bytes.
 */
size_t cordon_sealed_pool_size(void)
{
	return pool_size;
}

/**
 * cordon_sealed_gate() - the gate into the sealed test compartment
 *
 * Return: the gate, NULL if there is none.
 */
const struct cordon_gate *cordon_sealed_gate(void)
{
	return checksum_gate;
}
EXPORT_SYMBOL_IF_KUNIT(cordon_sealed_gate);

/**
 * cordon_sealed_expected() - what the sealed checksum should return
 * @rounds: 1 or CORDON_SEALED_LONG_ROUNDS
 *
 * Taken before the seal; the secret itself is not kept outside.
 *
 * Return: the checksum, or 0 for another @rounds.
 */
u64 cordon_sealed_expected(long rounds)
{
	if (rounds == 1)
		return expected_one;
	return rounds == CORDON_SEALED_LONG_ROUNDS ? expected_long : 0;
}
EXPORT_SYMBOL_IF_KUNIT(cordon_sealed_expected);
