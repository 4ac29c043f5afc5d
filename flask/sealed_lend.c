// SPDX-License-Identifier: GPL-2.0
/*
 * Cordon - the sealed side of a call's arguments (sealed_lend.h)
 *
 * Compiled into the sealed view with the allocator (compartment srt).
 * Every entry stub of a sealed compartment calls cordon_srt_enter() before
 * the body and cordon_srt_leave() after it. The kernel chose everything in
 * the exchange slot, and another CPU may change it meanwhile: each value is
 * read once, into sealed memory, and bounded before use. No pointer the
 * kernel gave reaches the body: a lent buffer becomes a pointer to its
 * sealed copy, so that the kernel cannot have the server read or write its
 * own memory through an argument (a confused deputy).
 */

#include <linux/build_bug.h>
#include <linux/compiler.h>
#include <linux/errno.h>
#include <linux/gfp.h>
#include <linux/minmax.h>
#include <linux/rcupdate.h>
#include <linux/string.h>

#include "sealed_alloc.h"
#include "sealed_lend.h"
#include "sealed_string.h"

#define ACCESS_R	1	/* CORDON_ACCESS_R */
#define ACCESS_W	2	/* CORDON_ACCESS_W */

static_assert(sizeof(struct cordon_srt_call) <= CORDON_SRT_CALL_SIZE);
static_assert(sizeof(struct cordon_srt_lend) == 24);

unsigned long cordon_srt_xchg;
unsigned long cordon_srt_stacks;
unsigned long cordon_srt_nr_stacks;

/*
 * Per sealed stack: odd while a call is inside the server on it, bumped on
 * the way in and out (cordon_srt_synchronize_rcu()).
 */
static unsigned long inside[CORDON_SRT_MAX_STACKS];

static unsigned long stack_index(void)
{
	unsigned long sp = (unsigned long)&sp;

	return (sp - cordon_srt_stacks) >> 14;	/* CORDON_GATE_STACK_SHIFT */
}

/*
 * This crossing's slot: the one of the sealed stack it runs on, which the
 * kernel chose but the gate bounded; the kernel-side wrapper fills this
 * CPU's, and per-CPU sealed stacks are the CPU's.
 */
static char *slot(void)
{
	unsigned long k = stack_index();

	if (!cordon_srt_xchg || k >= cordon_srt_nr_stacks)
		return NULL;
	return (char *)(cordon_srt_xchg + (k << CORDON_XCHG_SHIFT));
}

/**
 * cordon_srt_log_area() - where this crossing's messages go out
 *
 * Return: the log area of its exchange slot; NULL without views.
 */
char *cordon_srt_log_area(void)
{
	char *x = slot();

	return x ? x + CORDON_XCHG_LEND_SIZE : NULL;
}

/*
 * Each sealed stack's bounce buffer: a slot's worth, made on its first
 * call with lends and kept, since one call at a time runs on a stack; an
 * allocation and a free on every call cost more than the call's copies.
 * What a call leaves there is sealed, and the next call overwrites what
 * it uses (cordon_srt_enter() copies or clears each lend's part).
 */
static char *bounce[CORDON_SRT_MAX_STACKS];

static char *bounce_of(unsigned long k, unsigned long total)
{
	if (k >= CORDON_SRT_MAX_STACKS || total > CORDON_XCHG_LEND_SIZE)
		return NULL;
	if (!bounce[k])
		bounce[k] = cordon_srt_kmalloc(CORDON_XCHG_LEND_SIZE,
					       GFP_ATOMIC);
	return bounce[k];
}

/*
 * A pull lend: the buffer comes into a sealed allocation of the size the
 * stub computes (a constant, or the size argument the body will use), a
 * slot at a time; the kernel side's length is not trusted.
 */
static long pull(struct cordon_srt_call *call, const struct cordon_srt_lend *l,
		 u32 i, u64 *args)
{
	u64 src = *(u64 *)(call->slot + call->off[i]);
	u64 len = l->size ?: args[l->size_arg - 1], done, chunk;
	char *p;
	long err;

	if (!len || len > CORDON_SRT_MAX_RUN)
		return -E2BIG;
	p = cordon_srt_vmalloc(len);
	if (!p)
		return -ENOMEM;
	call->pulled[i] = p;
	for (done = 0; done < len; done += chunk) {
		chunk = min_t(u64, len - done, CORDON_XCHG_LEND_SIZE);
		err = cordon_exchange_pull(src + done, chunk);
		if (err)
			return err;
		memcpy(p + done, call->slot, chunk);
	}
	args[l->arg - 1] = (u64)p;
	return 0;
}

/**
 * cordon_srt_enter() - take a call's arguments and lends into sealed memory
 * @args: where the arguments go (the stub's, on the sealed stack)
 * @nargs: how many the entry point takes
 * @l: its lends, in annotation order (sealed data, from the pass)
 * @n: how many
 * @call: the call's state, for cordon_srt_leave()
 *
 * Return: 0, and @args holds the arguments with each lent pointer
 * replaced by its sealed copy's; -E2BIG if the slot cannot hold them;
 * -ENOMEM if the heap cannot; -EFAULT without an exchange slot.
 */
long cordon_srt_enter(u64 *args, u32 nargs, const struct cordon_srt_lend *l,
		      u32 n, struct cordon_srt_call *call)
{
	unsigned long off, total = 0, len;
	char *x = slot();
	u32 i;

	memset(call, 0, sizeof(*call));
	if (!x)
		return -EFAULT;
	/* Inside, until cordon_srt_leave(), which every stub calls. */
	__atomic_add_fetch(&inside[stack_index()], 1, __ATOMIC_SEQ_CST);
	call->inside = true;
	if (nargs > CORDON_XCHG_MAX_ARGS || n > CORDON_SRT_MAX_LENDS)
		return -E2BIG;
	memcpy(args, x, nargs * sizeof(u64));
	off = ALIGN(nargs * sizeof(u64), 16);
	for (i = 0; i < n; i++) {
		if (!l[i].arg || l[i].arg > nargs ||
		    l[i].size_arg > nargs)
			return -EINVAL;
		len = 0;
		if ((l[i].flags & CORDON_SRT_LEND_KIND) == CORDON_SRT_LEND_OBJECT)
			args[l[i].arg - 1] = l[i].size;
		else if (!args[l[i].arg - 1])
			;
		else if ((l[i].flags & CORDON_SRT_LEND_KIND) ==
			 CORDON_SRT_LEND_PULL)
			/* Its address and length, in the slot. */
			len = 2 * sizeof(u64);
		else if ((l[i].flags & CORDON_SRT_LEND_KIND) ==
			 CORDON_SRT_LEND_STR)
			/* As the kernel side wrote it: up to a NUL in the slot. */
			len = cordon_srt_strnlen(x + off,
						 CORDON_XCHG_LEND_SIZE - off) + 1;
		else if ((l[i].flags & CORDON_SRT_LEND_KIND) ==
			 CORDON_SRT_LEND_ALLOC)
			len = sizeof(u64);
		else
			len = l[i].size ?: args[l[i].size_arg - 1];
		if (len > CORDON_XCHG_LEND_SIZE - off)
			return -E2BIG;
		call->off[i] = off;
		call->len[i] = len;
		off += ALIGN(len, 16);
		total += ALIGN(len, 16);
	}
	call->n = n;
	call->nargs = nargs;
	call->tail = off;
	call->slot = x;
	if (total) {
		call->bounce = bounce_of(stack_index(), total);
		if (!call->bounce)
			return -ENOMEM;
	}
	for (i = 0, off = 0; i < n; i++) {
		if (!args[l[i].arg - 1] ||
		    (l[i].flags & CORDON_SRT_LEND_KIND) == CORDON_SRT_LEND_OBJECT)
			continue;
		if ((l[i].flags & CORDON_SRT_LEND_KIND) ==
		    CORDON_SRT_LEND_PULL) {
			off += ALIGN(call->len[i], 16);
			continue;
		}
		call->copy[i] = call->bounce + off;
		if (l[i].access & ACCESS_R)
			memcpy(call->copy[i], x + call->off[i], call->len[i]);
		else
			memset(call->copy[i], 0, call->len[i]);
		/* Another CPU may have moved the NUL since it was found. */
		if ((l[i].flags & CORDON_SRT_LEND_KIND) == CORDON_SRT_LEND_STR)
			call->copy[i][call->len[i] - 1] = '\0';
		args[l[i].arg - 1] = (u64)call->copy[i];
		off += ALIGN(call->len[i], 16);
	}
	/* Last: pulling overwrites the slot. */
	for (i = 0; i < n; i++) {
		long err;

		if ((l[i].flags & CORDON_SRT_LEND_KIND) != CORDON_SRT_LEND_PULL ||
		    !args[l[i].arg - 1])
			continue;
		err = pull(call, &l[i], i, args);
		if (err)
			return err;
	}
	return 0;
}

/* The u32 the body wrote through argument @arg, if a lend of it: or 0. */
static u32 size_written(const struct cordon_srt_call *call,
			const struct cordon_srt_lend *l, u32 arg)
{
	u32 i;

	for (i = 0; i < call->n; i++)
		if (l[i].arg == arg && call->copy[i] && call->len[i] >= 4 &&
		    (l[i].access & ACCESS_W))
			return *(u32 *)call->copy[i];
	return 0;
}

/*
 * An alloc lend: what the body allocated goes out in the slot's tail as
 * a u64 size and its bytes, and is freed here; the lend's place says
 * whether there is one. Too large for the slot, or larger than the
 * allocation (the rest would be other sealed data): none, and the kernel
 * side returns -E2BIG. Returns where the tail goes on.
 */
static unsigned long give_allocation(struct cordon_srt_call *call,
				     const struct cordon_srt_lend *l, u32 i,
				     unsigned long tail)
{
	void *p = *(void **)call->copy[i];
	u64 size, *mark = (u64 *)(call->slot + call->off[i]);

	*mark = 0;
	if (!p)
		return tail;
	size = (u64)size_written(call, l, l[i].size_arg) * (l[i].flags >> 16);
	/* No more than the allocation holds: the rest would be other data. */
	if (size <= cordon_srt_ksize(p) &&
	    size <= CORDON_XCHG_LEND_SIZE - sizeof(u64) - tail) {
		*(u64 *)(call->slot + tail) = size;
		memcpy(call->slot + tail + sizeof(u64), p, size);
		*mark = 1;
		tail += ALIGN(sizeof(u64) + size, 16);
	} else {
		*mark = 2;
	}
	cordon_srt_kfree(p);
	return tail;
}

/**
 * cordon_srt_leave() - give back what the body wrote, and free the copies
 * @call: what cordon_srt_enter() set up
 * @l: the entry point's lends
 */
void cordon_srt_leave(struct cordon_srt_call *call,
		      const struct cordon_srt_lend *l)
{
	unsigned long tail = call->tail;
	u32 i;

	for (i = 0; i < call->n; i++) {
		if (!call->copy[i] || !(l[i].access & ACCESS_W))
			continue;
		if ((l[i].flags & CORDON_SRT_LEND_KIND) == CORDON_SRT_LEND_ALLOC)
			tail = give_allocation(call, l, i, tail);
		else
			memcpy(call->slot + call->off[i], call->copy[i],
			       call->len[i]);
	}
	call->bounce = NULL;
	for (i = 0; i < call->n; i++) {
		cordon_srt_kfree(call->pulled[i]);
		call->pulled[i] = NULL;
	}
	if (call->inside)
		__atomic_add_fetch(&inside[stack_index()], 1, __ATOMIC_SEQ_CST);
	call->inside = false;
}

/**
 * cordon_srt_synchronize_rcu() - synchronize_rcu() in the sealed view
 *
 * The server's readers hold no RCU read lock of the kernel's: each is a
 * call into the server, with preemption off. The kernel's
 * synchronize_rcu() would sleep inside a crossing, which must not; so
 * this waits, spinning, until every call that was inside the server on
 * another stack when it began has left. A reader cannot block inside the
 * server (its locks are spin locks, its calls out do not sleep), so the
 * wait ends. Without views, the kernel's.
 */
void cordon_srt_synchronize_rcu(void)
{
	unsigned long seen[CORDON_SRT_MAX_STACKS], me = stack_index(), k, n;

	if (READ_ONCE(cordon_compiled_direct)) {
		synchronize_rcu();
		return;
	}
	n = min_t(unsigned long, cordon_srt_nr_stacks, CORDON_SRT_MAX_STACKS);
	for (k = 0; k < n; k++)
		seen[k] = __atomic_load_n(&inside[k], __ATOMIC_SEQ_CST);
	for (k = 0; k < n; k++)
		while (k != me && (seen[k] & 1) &&
		       __atomic_load_n(&inside[k], __ATOMIC_SEQ_CST) == seen[k])
			asm volatile("pause");
}
