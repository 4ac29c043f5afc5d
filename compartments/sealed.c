// SPDX-License-Identifier: GPL-2.0
/*
 * Cordon - the sealed pool
 *
 * Memory reserved at boot for the sealed compartment (the Flask server, in
 * a later step) and sealed into its view before any untrusted code runs.
 * Until that server moves in, a test compartment holds a random secret
 * there, which nothing outside the sealed view may read.
 */

#include "common.h"

#include <linux/cordon-views-abi.h>
#include <linux/gfp.h>
#include <linux/io.h>
#include <linux/init.h>
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/module.h>
#include <linux/random.h>
#include <linux/sizes.h>
#include <kunit/visibility.h>

#include "compartment.h"
#include "sealed.h"

#define DEFAULT_POOL	SZ_64K
/* alloc_pages() limit; a larger pool needs CMA or memblock. */
#define MAX_POOL	(PAGE_SIZE << (MAX_ORDER - 1))

static size_t pool_size __ro_after_init = DEFAULT_POOL;
static void *pool __ro_after_init;

static int __init sealed_size_param(char *str)
{
	unsigned long long size = memparse(str ?: "", &str);

	if (!size || *str || size > MAX_POOL) {
		pr_err("invalid cordon_sealed_size=%s (expected a size from 4K to %luK); using %zuK\n",
		       str ?: "", MAX_POOL >> 10, pool_size >> 10);
		return 0;
	}
	pool_size = PAGE_ALIGN(size);
	return 0;
}
early_param("cordon_sealed_size", sealed_size_param);

/**
 * cordon_sealed_init() - reserve, fill and seal the pool
 *
 * Return: 0 or -errno; on error nothing is left half sealed, but the
 * pool's memory stays reserved.
 */
int cordon_sealed_init(void)
{
	struct cordon_compartment *c;
	struct page *pages;
	int err;

	pages = alloc_pages(GFP_KERNEL | __GFP_ZERO, get_order(pool_size));
	if (!pages)
		return -ENOMEM;
	pool = page_address(pages);
	/* Written before the seal: the only moment the kernel may. */
	get_random_bytes(pool, CORDON_SECRET_SIZE);
	c = cordon_compartment_create("sealed-test", CORDON_KIND_SEALED);
	if (IS_ERR(c))
		return PTR_ERR(c);
	err = cordon_compartment_add_memory(c, page_to_phys(pages), pool_size,
					    CORDON_ACCESS_R | CORDON_ACCESS_W);
	if (err)
		return err;
	return cordon_compartment_seal(c);
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
