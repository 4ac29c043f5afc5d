/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Cordon - how arguments cross into sealed code: the exchange area
 *
 * Sealed code never dereferences a pointer the kernel gave it. A call into
 * a compartment of kind sealed passes its arguments, and every buffer its
 * lend annotations name, through this CPU's slot of the exchange area:
 * kernel memory that the sealed page tables map too. The kernel-side
 * wrapper copies them in (compartments/exchange.c); the sealed entry stub
 * copies them from there into sealed memory and hands the body pointers
 * to those copies (flask/sealed_lend.c); buffers the body writes go back
 * the same way, and the wrapper copies them to the kernel's pointers.
 *
 * The slot's layout, which both sides compute: the arguments, eight bytes
 * each; then each lent buffer in annotation order, 16-byte aligned, of
 * its size (a constant, or another argument), or of none for a NULL
 * pointer; then, after the call, what alloc lends hand back; the last
 * CORDON_XCHG_LOG_SIZE bytes are the sealed code's messages
 * (sealed_string.c).
 */

#ifndef _CORDON_SEALED_LEND_H
#define _CORDON_SEALED_LEND_H

#include <linux/types.h>

#define CORDON_XCHG_SHIFT	14
#define CORDON_XCHG_SIZE	(1UL << CORDON_XCHG_SHIFT)	/* per CPU */
/* The end of each slot: a message of the sealed code's, on its way out. */
#define CORDON_XCHG_LOG_SIZE	1024
#define CORDON_XCHG_LEND_SIZE	(CORDON_XCHG_SIZE - CORDON_XCHG_LOG_SIZE)
#define CORDON_XCHG_MAX_ARGS	16
#define CORDON_SRT_MAX_LENDS	8
/* What an entry stub keeps on the sealed stack for a call. */
#define CORDON_SRT_CALL_SIZE	256

/**
 * struct cordon_srt_lend - what a sealed entry point's call lends it, as
 * the pass emits it (instrumentation/lends/<name>.lends)
 * @arg: the pointer argument, from 1
 * @access: CORDON_ACCESS_R (copied in), _W (copied out), or both
 * @size: bytes, or 0 if argument @size_arg gives them
 * @size_arg: the argument that gives the size, from 1; for
 *	      CORDON_SRT_LEND_ALLOC, the argument that points at the u32
 *	      size of the allocation
 * @flags: CORDON_SRT_LEND_* in bits 0-7; for CORDON_SRT_LEND_ALLOC, what
 *	   the u32 size is to be multiplied by in bits 16-31
 */
struct cordon_srt_lend {
	u32 arg;
	u32 access;
	u64 size;
	u32 size_arg;
	u32 flags;
};

/* Kinds of lend, beyond a range of @size bytes (struct cordon_lend too). */
#define CORDON_SRT_LEND_RANGE	0
/* A NUL-terminated string, read; as long as it is, NUL included. */
#define CORDON_SRT_LEND_STR	3
/*
 * A pointer the body sets to memory it allocated and the caller frees
 * (a context string): the allocation goes out in the slot's tail, as a
 * u64 size and the bytes, and the kernel side gives the caller a copy in
 * kernel memory. In the lend's own place: 0 for NULL, else 1.
 */
#define CORDON_SRT_LEND_ALLOC	4
/*
 * An object of the compartment's own in place of the argument, whatever
 * the kernel passed (the server's struct selinux_state): the descriptor's
 * size is its address. Nothing crosses.
 */
#define CORDON_SRT_LEND_OBJECT	5
/*
 * A buffer read in, of any size the heap can hold (a policy image, MiBs):
 * in the lend's place the kernel side puts its address and length, and
 * the entry stub pulls it into a sealed allocation of the size it
 * computes itself, a slot at a time, through calls out to
 * cordon_exchange_pull(), which copies from the caller's buffer in the
 * kernel view. Pulled last: it overwrites the slot.
 */
#define CORDON_SRT_LEND_PULL	6
#define CORDON_SRT_LEND_KIND	0xff

/**
 * struct cordon_srt_call - one call's state in sealed code
 * @bounce: the sealed copies of the lent buffers
 * @slot: this CPU's slot of the exchange area
 * @n: lends
 * @off: where each lend is in @slot
 * @len: its size
 * @copy: where its copy is in @bounce; NULL for a NULL pointer
 * @pulled: a pull lend's sealed allocation, freed on the way out
 * @nargs: the entry point's arguments
 * @tail: where the layout ends in @slot
 * @inside: the call counts as inside the server (for
 *	    cordon_srt_synchronize_rcu())
 */
struct cordon_srt_call {
	char *bounce;
	char *slot;
	u32 n;
	u32 nargs;
	u32 tail;
	bool inside;
	u32 off[CORDON_SRT_MAX_LENDS];
	u32 len[CORDON_SRT_MAX_LENDS];
	char *copy[CORDON_SRT_MAX_LENDS];
	char *pulled[CORDON_SRT_MAX_LENDS];
};

/* Set while no view is in use: sealed code is then kernel code (compiled.c). */
extern u8 cordon_compiled_direct;

/* Written by the kernel before the seal (compartments/exchange.c). */
extern unsigned long cordon_srt_xchg;
extern unsigned long cordon_srt_stacks;
extern unsigned long cordon_srt_nr_stacks;

/* The sealed stacks the run time keeps a word for (CORDON_MAX_CPUS). */
#define CORDON_SRT_MAX_STACKS	128

char *cordon_srt_log_area(void);
long cordon_exchange_pull(unsigned long src, unsigned long len);
void cordon_srt_synchronize_rcu(void);
long cordon_srt_enter(u64 *args, u32 nargs, const struct cordon_srt_lend *l,
		      u32 n, struct cordon_srt_call *call);
void cordon_srt_leave(struct cordon_srt_call *call,
		      const struct cordon_srt_lend *l);

#endif /* _CORDON_SEALED_LEND_H */
