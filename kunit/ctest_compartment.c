// SPDX-License-Identifier: GPL-2.0
/*
 * Cordon - a compartment compiled from C by the Cordon pass, for KUnit
 * (CONFIG_CORDON_TEST_COMPARTMENT)
 *
 * Built like any driver put in a compartment (security/cordon/kbuild.mk):
 * the manifest comes from the Coccinelle scripts, the pass wraps the entry
 * points in cordon_ctest_ops and sends every call of a kernel function
 * through an exit gate, and the verifier checks the object. Some entry
 * points do what a compromised driver would; compiled_test.c checks that
 * each attempt fails.
 */

#include <linux/bio.h>
#include <linux/mutex.h>
#include <linux/radix-tree.h>
#include <linux/rcupdate.h>
#include <linux/spinlock.h>
#include <linux/slab.h>
#include <linux/kernel.h>
#include <linux/mm.h>

#include "compiled_test.h"

static char buf[64];
static long calls;

/* An entry point, which the other unit calls directly too. */
long ct_sum(long a, long b, long c)
{
	calls++;
	return a + b + c;
}

/* More arguments than the gate's registers: an argument block. */
static long ct_sum6(long a, long b, long c, long d, long e, long f)
{
	return a + 2 * b + 3 * c + 4 * d + 5 * e + 6 * f;
}

/* An exit with all six argument registers. */
static long ct_exit6(long a, long b, long c)
{
	return cordon_ctest_kernel_add6(a, b, c, 10 * a, 10 * b, 10 * c);
}

/* A variadic exit, writing the compartment's own buffer. */
static char *ct_format(long v)
{
	scnprintf(buf, sizeof(buf), "ctest %ld:%s", v, "formatted");
	return buf;
}

static long ct_exits(long n)
{
	long i, sum = 0;

	for (i = 0; i < n; i++)
		sum += cordon_ctest_kernel_count(i);
	return sum;
}

/* The kernel function crosses into another compartment meanwhile. */
static long ct_nested(long a)
{
	return cordon_ctest_kernel_nested(a) + 1;
}

/* The kernel function tries to cross back into this one. */
static long ct_reenter(long a)
{
	return cordon_ctest_kernel_reenter(a);
}

/* The kernel function sleeps and moves the task to CPU @cpu. */
static long ct_migrate(long cpu)
{
	calls++;
	return cordon_ctest_kernel_migrate(cpu) * 1000 + calls % 1000;
}

/* The kernel function sleeps until another task has crossed in too. */
static long ct_wait(long a)
{
	return cordon_ctest_kernel_wait(a) + a;
}

/*
 * Writes to memory a call lends (instrumentation/lends/ctest.lends): @len
 * bytes at @buf + @off, of which the call lends @len bytes at @buf.
 */
static long ct_fill(char *buf, long len, long off)
{
	memset(buf + off, 0x5a, len);
	return 0;
}

/* The pages of a bio, as a driver's read fills them. */
static long ct_fill_bio(struct bio *bio)
{
	struct bvec_iter iter;
	struct bio_vec bv;
	long n = 0;

	bio_for_each_segment(bv, bio, iter) {
		memset(page_address(bv.bv_page) + bv.bv_offset, 0x5a,
		       bv.bv_len);
		n += bv.bv_len;
	}
	return n;
}

/*
 * A driver's submit_bio: fill the bio's pages; @how 0 then touch @kobj (not
 * lent: the crossing ends early), 1 end the bio and then touch @kobj, 2
 * end it twice, 3 end it and then write its page again.
 */
static long ct_end_bio(struct bio *bio, long how, long *kobj)
{
	char *p = page_address(bio->bi_io_vec[0].bv_page);

	ct_fill_bio(bio);
	if (how == 0) {
		WRITE_ONCE(*kobj, 1);
		return 0;
	}
	bio_endio(bio);
	if (how == 1)
		WRITE_ONCE(*kobj, 1);
	else if (how == 2)
		bio_endio(bio);
	else
		WRITE_ONCE(*p, 0x33);
	return 0;
}

/*
 * As brd_insert_page(): radix_tree_preload_end() is an inline helper that
 * enables preemption, which the pass sends to the kernel.
 */
static long ct_preload(long gfp)
{
	if (radix_tree_maybe_preload(gfp))
		return -ENOMEM;
	radix_tree_preload_end();
	return 0;
}

/*
 * Memory it allocates is its own (compartments/own.c): written here, in
 * the compartment's view, which writes no kernel memory.
 */
static void *ct_own_alloc(long size)
{
	char *p = kzalloc(size, GFP_KERNEL);

	if (p)
		memset(p, 0x77, size);
	return p;
}

/* Also the attack: kfree() of what it does not own. */
static long ct_own_free(void *p)
{
	kfree(p);
	return 0;
}

static long ct_own_page(long value)
{
	struct page *page = alloc_page(GFP_KERNEL);
	long *p, ret;

	if (!page)
		return -ENOMEM;
	p = page_address(page);
	p[0] = value;
	p[PAGE_SIZE / sizeof(long) - 1] = value + 1;
	ret = p[0] + p[PAGE_SIZE / sizeof(long) - 1];
	__free_page(page);
	return ret;
}

/*
 * The struct page of a page (its own if @kpage is NULL): index and private
 * are a page owner's (field 0 and 1), flags are not (2). The pass sends
 * these loads and stores to exits (compartments/own.c).
 */
static long ct_page_field(struct page *kpage, long field, long value)
{
	struct page *page = kpage ?: alloc_page(GFP_KERNEL);
	long ret = 0;

	if (!page)
		return -ENOMEM;
	if (field == 0) {
		page->index = value;
		ret = page->index;
	} else if (field == 1) {
		set_page_private(page, value);
		ret = page_private(page);
		set_page_private(page, 0);
	} else {
		page->flags = value;
	}
	if (!kpage)
		__free_page(page);
	return ret;
}

/*
 * Fills a kernel object a kernel function returns: lent by its lend-return
 * annotation, or not (the other function).
 */
static long *ct_fill_object(long v, long lent)
{
	long *o = lent ? cordon_ctest_kernel_object() :
			 cordon_ctest_kernel_object_unlent();

	if (!o)
		return NULL;
	WRITE_ONCE(o[0], v);
	WRITE_ONCE(o[7], v + 1);
	return o;
}

/* Attacks. */

static long ct_write(long *p, long v)
{
	WRITE_ONCE(*p, v);
	return 0;
}

static long ct_read(const long *p)
{
	return READ_ONCE(*p);
}

/*
 * A crossing that ends between radix_tree_maybe_preload(), which returns
 * with preemption off, and radix_tree_preload_end(), as brd_insert_page()
 * would if a store of it were denied there.
 */
static long ct_abort_in_preload(long *p)
{
	if (radix_tree_maybe_preload(GFP_KERNEL))
		return -ENOMEM;
	WRITE_ONCE(*p, 1);
	radix_tree_preload_end();
	return 0;
}

/*
 * What a crossing holds through exits (compartments/held.c): take @lock
 * (CT_HELD_SPIN, _MUTEX, or an RCU read section for _RCU) and end early
 * at the write to @kobj, which is not lent; or (CT_HELD_UNLOCK_*, the
 * attack) release a lock the kernel holds; or take CT_HELD_MANY spin locks
 * of the array @lock, more than a crossing may hold.
 */
/* 1 if interrupts were off while it held @lock, plus 2 if on after. */
static long ct_held_irq(long what, void *lock, long *kobj)
{
	unsigned long flags;
	long off;

	if (what == CT_HELD_SPIN_IRQSAVE) {
		spin_lock_irqsave(lock, flags);
		off = irqs_disabled();
		if (kobj)
			WRITE_ONCE(*kobj, 1);
		spin_unlock_irqrestore(lock, flags);
	} else if (what == CT_HELD_READ_IRQ) {
		read_lock_irq(lock);
		off = irqs_disabled();
		if (kobj)
			WRITE_ONCE(*kobj, 1);
		read_unlock_irq(lock);
	} else {
		write_lock(lock);
		off = 1;
		if (kobj)
			WRITE_ONCE(*kobj, 1);
		write_unlock(lock);
	}
	return off + 2 * !irqs_disabled();
}

static long ct_held(long what, void *lock, long *kobj)
{
	int i;

	if (what >= CT_HELD_SPIN_IRQSAVE)
		return ct_held_irq(what, lock, kobj);
	switch (what) {
	case CT_HELD_SPIN:
		spin_lock(lock);
		WRITE_ONCE(*kobj, 1);
		spin_unlock(lock);
		break;
	case CT_HELD_MUTEX:
		mutex_lock(lock);
		WRITE_ONCE(*kobj, 1);
		mutex_unlock(lock);
		break;
	case CT_HELD_RCU:
		rcu_read_lock();
		WRITE_ONCE(*kobj, 1);
		rcu_read_unlock();
		break;
	case CT_HELD_UNLOCK_SPIN:
		spin_unlock(lock);
		break;
	case CT_HELD_UNLOCK_MUTEX:
		mutex_unlock(lock);
		break;
	case CT_HELD_SPIN_MANY:
		for (i = 0; i < CT_HELD_MANY; i++)
			spin_lock(&((spinlock_t *)lock)[i]);
		for (i = CT_HELD_MANY; i-- > 0;)
			spin_unlock(&((spinlock_t *)lock)[i]);
		break;
	}
	return 0;
}

/* Called by the compartment's other unit, ctest_units.c. */
long ct_twice(long a)
{
	return 2 * a + READ_ONCE(ct_units_calls);
}

/* A kernel function reached through a pointer, not an exit. */
static long ct_call(long (*fn)(long), long arg)
{
	return fn(arg);
}

/*
 * The exit gate with a record of the compartment's choosing; with @sealed,
 * the sealed compartment's exit gate instead.
 */
static long ct_raw_exit(const void *record, long arg, long sealed)
{
	register const void *r11 asm("r11") = record;
	long ret;

	if (sealed)
		asm volatile("call cordon_sealed_exit_gate"
			     : "=a"(ret), "+r"(r11), "+D"(arg)
			     :
			     : "rcx", "rdx", "rsi", "r8", "r9", "r10", "memory",
			       "cc");
	else
		asm volatile("call cordon_exit_gate"
			     : "=a"(ret), "+r"(r11), "+D"(arg)
			     :
			     : "rcx", "rdx", "rsi", "r8", "r9", "r10", "memory",
			       "cc");
	return ret;
}

/* A copy of a genuine record, pointing elsewhere, in its own memory. */
static long ct_forge_exit(const void *record, long (*fn)(long), long arg)
{
	static struct {
		void *target;
		u64 compartment;
		const char *name;
		u64 pad;
	} __aligned(32) fake;

	fake = *(typeof(fake) *)record;
	fake.target = fn;
	return ct_raw_exit(&fake, arg, 0);
}

const struct cordon_ctest_ops cordon_ctest_ops = {
	.sum = ct_sum,
	.sum6 = ct_sum6,
	.exit6 = ct_exit6,
	.format = ct_format,
	.exits = ct_exits,
	.nested = ct_nested,
	.reenter = ct_reenter,
	.migrate = ct_migrate,
	.wait = ct_wait,
	.fill = ct_fill,
	.fill_bio = ct_fill_bio,
	.end_bio = ct_end_bio,
	.preload = ct_preload,
	.own_alloc = ct_own_alloc,
	.own_free = ct_own_free,
	.own_page = ct_own_page,
	.page_field = ct_page_field,
	.fill_object = ct_fill_object,
	.write = ct_write,
	.read = ct_read,
	.abort_in_preload = ct_abort_in_preload,
	.held = ct_held,
	.call = ct_call,
	.forge_exit = ct_forge_exit,
	.raw_exit = ct_raw_exit,
	.compiler = ct_compiler,
};
