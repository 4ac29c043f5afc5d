// SPDX-License-Identifier: GPL-2.0
/*
 * Cordon - a sealed compartment compiled from C by the Cordon pass, for
 * KUnit (CONFIG_CORDON_TEST_COMPARTMENT)
 *
 * The same machinery as ctest_compartment.c (manifest, pass, verifier,
 * assembler), with -cordon-kind=sealed (security/cordon/kbuild.mk): its
 * code and data join the sealed compartment, its entry points are gates
 * into the sealed view, and its calls out leave through the sealed exit
 * gate. This is how the Flask security server is to be built.
 */

#include <linux/compiler.h>
#include <linux/printk.h>
#include <linux/rcupdate.h>
#include <linux/slab.h>
#include <linux/spinlock.h>
#include <linux/string.h>

#include "flask/sealed_alloc.h"
#include "stest.h"

long cordon_stest_secret;
static long *kept;
static long kept_len;

static long st_store(long v)
{
	WRITE_ONCE(cordon_stest_secret, v);
	return 0;
}

static long st_load(long unused)
{
	return READ_ONCE(cordon_stest_secret);
}

/* An exit with all six argument registers. */
static long st_exit6(long a, long b, long c)
{
	return cordon_stest_kernel_add6(a, b, c, 10 * a, 10 * b, 10 * c);
}

/*
 * The secret in every register the exit does not take, then the exit:
 * the kernel's function must find none of it, and the registers a C
 * caller expects kept must hold it again afterwards. Returns 1 if they do.
 */
static noinline __attribute__((naked)) long st_secret_in_registers(void)
{
	asm("	pushq	%rbx\n"
	    "	pushq	%rbp\n"
	    "	pushq	%r12\n"
	    "	pushq	%r13\n"
	    "	pushq	%r14\n"
	    "	pushq	%r15\n"
	    "	subq	$8, %rsp\n"
	    "	movq	cordon_stest_secret(%rip), %rax\n"
	    "	movq	%rax, %rbx\n"
	    "	movq	%rax, %rbp\n"
	    "	movq	%rax, %r10\n"
	    "	movq	%rax, %r11\n"
	    "	movq	%rax, %r12\n"
	    "	movq	%rax, %r13\n"
	    "	movq	%rax, %r14\n"
	    "	movq	%rax, %r15\n"
	    "	xorl	%edi, %edi\n"
	    "	xorl	%esi, %esi\n"
	    "	xorl	%edx, %edx\n"
	    "	xorl	%ecx, %ecx\n"
	    "	xorl	%r8d, %r8d\n"
	    "	xorl	%r9d, %r9d\n"
	    "	call	cordon_stest_kernel_add6.cordon_exit\n"
	    "	movq	cordon_stest_secret(%rip), %rcx\n"
	    "	xorl	%eax, %eax\n"
	    "	cmpq	%rcx, %rbx\n"
	    "	jne	1f\n"
	    "	cmpq	%rcx, %rbp\n"
	    "	jne	1f\n"
	    "	cmpq	%rcx, %r12\n"
	    "	jne	1f\n"
	    "	cmpq	%rcx, %r13\n"
	    "	jne	1f\n"
	    "	cmpq	%rcx, %r14\n"
	    "	jne	1f\n"
	    "	cmpq	%rcx, %r15\n"
	    "	jne	1f\n"
	    "	movl	$1, %eax\n"
	    "1:	addq	$8, %rsp\n"
	    "	popq	%r15\n"
	    "	popq	%r14\n"
	    "	popq	%r13\n"
	    "	popq	%r12\n"
	    "	popq	%rbp\n"
	    "	popq	%rbx\n"
	    "	ret\n");
}

static long st_regs(long unused)
{
	return st_secret_in_registers();
}

/*
 * @n allocations of @size bytes each, through kmalloc(), kzalloc() and a
 * slab cache in turn, each filled and checked, then all freed: the pass
 * sends every call to the sealed run time. Returns how many were whole,
 * or -ENOMEM.
 */
static long st_alloc_many(long n, long size)
{
	struct kmem_cache *cache;
	long i, j, whole = 0;
	long **p;

	p = kcalloc(n, sizeof(*p), GFP_KERNEL);
	cache = kmem_cache_create("stest", size, 8, 0, NULL);
	if (!p || !cache) {
		kfree(p);
		kmem_cache_destroy(cache);
		return -ENOMEM;
	}
	for (i = 0; i < n; i++) {
		if (i % 3 == 0)
			p[i] = kmalloc(size, GFP_KERNEL);
		else if (i % 3 == 1)
			p[i] = kzalloc(size, GFP_KERNEL);
		else
			p[i] = kmem_cache_alloc(cache, GFP_KERNEL);
		if (!p[i])
			break;
		for (j = 0; j < size / (long)sizeof(long); j++)
			p[i][j] = i ^ (j << 20);
	}
	n = i;
	for (i = 0; i < n; i++) {
		for (j = 0; j < size / (long)sizeof(long); j++)
			if (p[i][j] != (i ^ (j << 20)))
				break;
		whole += j == size / (long)sizeof(long);
		if (i % 3 == 2)
			kmem_cache_free(cache, p[i]);
		else
			kfree(p[i]);
	}
	kmem_cache_destroy(cache);
	kfree(p);
	return whole;
}

/* An allocation kept across calls, filled with the secret. */
static long st_keep(long len)
{
	long i;

	kfree(kept);
	kept = kmalloc_array(len, sizeof(*kept), GFP_KERNEL);
	kept_len = kept ? len : 0;
	for (i = 0; i < kept_len; i++)
		kept[i] = cordon_stest_secret + i;
	return (long)kept;
}

/* 1 if the kept allocation still holds what st_keep() wrote. */
static long st_kept_whole(long unused)
{
	long i;

	if (!kept)
		return 0;
	for (i = 0; i < kept_len; i++)
		if (kept[i] != cordon_stest_secret + i)
			return 0;
	return 1;
}

/* kfree() of a pointer the kernel chose: what the heap refused so far. */
static long st_free(long p)
{
	kfree((void *)p);
	return cordon_srt_stat(CORDON_SRT_REFUSED);
}

static long st_stat(long which)
{
	return cordon_srt_stat(which);
}

/* === Buffers, copied through the exchange area (stest.lends) === */

static long st_sum(const long *buf, long len)
{
	long i, sum = 0;

	for (i = 0; i < len / (long)sizeof(long); i++)
		sum += buf[i];
	return sum;
}

static long st_get(long *out)
{
	*out = READ_ONCE(cordon_stest_secret);
	return 0;
}

static long st_rot(char *buf, long len)
{
	long i;

	for (i = 0; i < len; i++)
		buf[i] = buf[i] + 1;
	return len;
}

/*
 * The string functions and the formatter, which the pass sends to the
 * sealed run time, on a string in sealed memory; and a message out.
 */
static long st_str(const char *in, long len, char *out)
{
	const char *a = strchr(in, 'a');
	long n;

	if (len < 1 || in[len - 1])
		return -EINVAL;
	n = snprintf(out, 128, "%s|%zu|%d|%d|%s|%5d|%-3x|%03u|%c%%",
		     in, strlen(in), strcmp(in, "flask") < 0,
		     strncmp(in, "fla", 3), a ? a : "-", -42, 0xbe, 7, 'z');
	pr_info("cordon-stest: %s is %zu bytes\n", in, strlen(in));
	return n;
}

static long st_strlen(const char *s)
{
	return s ? strlen(s) : -EINVAL;
}

/* A context string the caller frees, as security_sid_to_context() makes. */
static long st_ctx(long sid, char **out, u32 *len)
{
	char *s = kmalloc(64, GFP_ATOMIC);

	if (!s)
		return -ENOMEM;
	*len = snprintf(s, 64, "system_u:object_r:sid%ld_t:s0", sid) + 1;
	if (out)
		*out = s;
	else
		kfree(s);
	return 0;
}

/* The same, with a length larger than the allocation (a server bug). */
static long st_ctx_overlong(long sid, char **out, u32 *len)
{
	char *s = kmalloc(16, GFP_ATOMIC);

	if (!s)
		return -ENOMEM;
	snprintf(s, 16, "sid%ld", sid);
	*len = 4000;
	*out = s;
	return 0;
}

/*
 * Adds @n under a lock in sealed memory, with interrupts saved and off as
 * the sidtab's are taken, and a slow read-modify-write inside: without
 * the lock, two CPUs lose updates.
 */
static DEFINE_SPINLOCK(st_lock);
static long st_locked_total;

static long st_locked_add(long n)
{
	unsigned long flags;
	long v, i;

	spin_lock_irqsave(&st_lock, flags);
	v = READ_ONCE(st_locked_total);
	for (i = 0; i < 200; i++)
		barrier();
	WRITE_ONCE(st_locked_total, v + n);
	spin_unlock_irqrestore(&st_lock, flags);
	return v + n;
}

/*
 * An object replaced under RCU, as the server replaces its policy: a
 * reader holds the one it found for @rounds looks; the replacer
 * publishes a new one, waits for readers (synchronize_rcu(), the run
 * time's), and marks the old one dead. A reader that sees a dead one saw
 * the wait end too early. Dead objects are kept a while before their
 * memory is freed, so that a reuse cannot hide one.
 */
#define ST_LIVE	0x11fe
#define ST_DEAD	0xdead

struct st_obj {
	long magic;
};

static struct st_obj *st_cur, *st_retired[4];
static unsigned int st_next_retired;

static long st_read(long rounds)
{
	struct st_obj *o;
	long i, bad = 0;

	rcu_read_lock();
	o = rcu_dereference(st_cur);
	for (i = 0; i < rounds; i++)
		if (!o || READ_ONCE(o->magic) != ST_LIVE)
			bad++;
	rcu_read_unlock();
	return bad;
}

static long st_replace(long unused)
{
	struct st_obj *n = kmalloc(sizeof(*n), GFP_ATOMIC), *old;
	unsigned int i = st_next_retired++ % ARRAY_SIZE(st_retired);

	if (!n)
		return -ENOMEM;
	n->magic = ST_LIVE;
	old = xchg(&st_cur, n);
	synchronize_rcu();
	if (old)
		WRITE_ONCE(old->magic, ST_DEAD);
	kfree(st_retired[i]);
	st_retired[i] = old;
	return 0;
}

/* More arguments than the gate's registers. */
static long st_sum6(long a, long b, long c, long d, long e, long f)
{
	return a + 2 * b + 3 * c + 4 * d + 5 * e + 6 * f;
}

const struct cordon_stest_ops cordon_stest_ops = {
	.store = st_store,
	.load = st_load,
	.exit6 = st_exit6,
	.regs = st_regs,
	.alloc_many = st_alloc_many,
	.keep = st_keep,
	.kept_whole = st_kept_whole,
	.free = st_free,
	.stat = st_stat,
	.sum = st_sum,
	.get = st_get,
	.rot = st_rot,
	.sum6 = st_sum6,
	.str = st_str,
	.strlen = st_strlen,
	.ctx = st_ctx,
	.ctx_overlong = st_ctx_overlong,
	.locked_add = st_locked_add,
	.read = st_read,
	.replace = st_replace,
};
