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
#include <linux/string.h>

#include "sealed_alloc.h"
#include "sealed_lend.h"

#define ACCESS_R	1	/* CORDON_ACCESS_R */
#define ACCESS_W	2	/* CORDON_ACCESS_W */

static_assert(sizeof(struct cordon_srt_call) <= CORDON_SRT_CALL_SIZE);
static_assert(sizeof(struct cordon_srt_lend) == 24);

unsigned long cordon_srt_xchg;
unsigned long cordon_srt_stacks;
unsigned long cordon_srt_nr_stacks;

/*
 * This crossing's slot: the one of the sealed stack it runs on, which the
 * kernel chose but the gate bounded; the kernel-side wrapper fills this
 * CPU's, and per-CPU sealed stacks are the CPU's.
 */
static char *slot(void)
{
	unsigned long sp = (unsigned long)&sp, k;

	k = (sp - cordon_srt_stacks) >> 14;	/* CORDON_GATE_STACK_SHIFT */
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
	if (nargs > CORDON_XCHG_MAX_ARGS || n > CORDON_SRT_MAX_LENDS)
		return -E2BIG;
	memcpy(args, x, nargs * sizeof(u64));
	off = ALIGN(nargs * sizeof(u64), 16);
	for (i = 0; i < n; i++) {
		if (!l[i].arg || l[i].arg > nargs ||
		    l[i].size_arg > nargs)
			return -EINVAL;
		len = 0;
		if (args[l[i].arg - 1])
			len = l[i].size ?: args[l[i].size_arg - 1];
		if (len > CORDON_XCHG_LEND_SIZE - off)
			return -E2BIG;
		call->off[i] = off;
		call->len[i] = len;
		off += ALIGN(len, 16);
		total += ALIGN(len, 16);
	}
	call->n = n;
	call->slot = x;
	if (total) {
		call->bounce = cordon_srt_kmalloc(total, GFP_ATOMIC);
		if (!call->bounce)
			return -ENOMEM;
	}
	for (i = 0, off = 0; i < n; i++) {
		if (!args[l[i].arg - 1])
			continue;
		call->copy[i] = call->bounce + off;
		if (l[i].access & ACCESS_R)
			memcpy(call->copy[i], x + call->off[i], call->len[i]);
		else
			memset(call->copy[i], 0, call->len[i]);
		args[l[i].arg - 1] = (u64)call->copy[i];
		off += ALIGN(call->len[i], 16);
	}
	return 0;
}

/**
 * cordon_srt_leave() - give back what the body wrote, and free the copies
 * @call: what cordon_srt_enter() set up
 * @l: the entry point's lends
 */
void cordon_srt_leave(struct cordon_srt_call *call,
		      const struct cordon_srt_lend *l)
{
	u32 i;

	for (i = 0; i < call->n; i++)
		if (call->copy[i] && (l[i].access & ACCESS_W))
			memcpy(call->slot + call->off[i], call->copy[i],
			       call->len[i]);
	cordon_srt_kfree(call->bounce);
	call->bounce = NULL;
}
