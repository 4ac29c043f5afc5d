// SPDX-License-Identifier: GPL-2.0
/*
 * Cordon - the exchange area: the kernel side of calls into sealed code
 *
 * One slot per CPU of kernel memory that the sealed page tables map too
 * (flask/sealed_lend.h has the layout). A call into an entry point of a
 * compiled compartment of kind sealed comes here from its wrapper: the
 * arguments and each buffer its lend annotations name are copied into
 * this CPU's slot, the gate crosses, and what the sealed code wrote back
 * is copied to the caller's buffers. The copies are the kernel view's own
 * accesses: a buffer in sealed memory (an out-parameter aimed at the
 * policy, say) is denied and reported by the #VE handler and the call
 * fails with -EFAULT before or after the crossing; the sealed side never
 * sees the kernel's pointers.
 */

#include "common.h"

#include <linux/audit.h>
#include <linux/cordon.h>
#include <linux/cordon-views-abi.h>
#include <linux/gfp.h>
#include <linux/mm.h>
#include <linux/percpu.h>
#include <linux/preempt.h>
#include <linux/printk.h>
#include <linux/slab.h>
#include <linux/uaccess.h>
#include <kunit/visibility.h>

#include "compiled.h"
#include "exchange.h"
#include "flask/sealed_lend.h"
#include "flask/sealed_string.h"
#include "gate.h"
#include "lend.h"
#include "pagetables.h"
#include "report.h"

static char *xchg __ro_after_init;

/**
 * cordon_exchange_prepare() - allocate the exchange area and tell the
 * sealed run time where it and the sealed stacks are
 * @stacks: the sealed per-CPU stacks
 *
 * Context: Boot, before the seal: the run time's copies are sealed data.
 * Return: 0 or -ENOMEM.
 */
int __init cordon_exchange_prepare(void *stacks)
{
	size_t size = (size_t)nr_cpu_ids << CORDON_XCHG_SHIFT;

	xchg = alloc_pages_exact(size, GFP_KERNEL | __GFP_ZERO);
	if (!xchg)
		return -ENOMEM;
	cordon_srt_xchg = (unsigned long)xchg;
	cordon_srt_stacks = (unsigned long)stacks;
	cordon_srt_nr_stacks = nr_cpu_ids;
	return 0;
}

/**
 * cordon_exchange_map() - map the exchange area in sealed page tables
 * @pt: the tables, not yet frozen
 *
 * Return: 0 or -errno.
 */
int __init cordon_exchange_map(struct cordon_pt *pt)
{
	return cordon_pt_map(pt, xchg, (size_t)nr_cpu_ids << CORDON_XCHG_SHIFT,
			     CORDON_ACCESS_W);
}

/**
 * cordon_exchange_slot() - a CPU's slot, for tests
 * @cpu: the CPU
 *
 * Return: its slot, NULL without an exchange area.
 */
void *cordon_exchange_slot(unsigned int cpu)
{
	return xchg ? xchg + ((size_t)cpu << CORDON_XCHG_SHIFT) : NULL;
}
EXPORT_SYMBOL_IF_KUNIT(cordon_exchange_slot);

/* Whether @text lies in a log area, or anywhere without views. */
static bool in_log_area(const char *text)
{
	unsigned long off = (unsigned long)text - (unsigned long)xchg;

	return cordon_compiled_direct ||
	       (xchg && off < ((size_t)nr_cpu_ids << CORDON_XCHG_SHIFT) &&
		(off & (CORDON_XCHG_SIZE - 1)) == CORDON_XCHG_LEND_SIZE);
}

/* At the level the sealed code asked for. */
static void print_sealed(char level, const char *text)
{
	const int n = CORDON_XCHG_LOG_SIZE - 2;

	switch (level) {
	case '0' ... '3':
		pr_err("sealed: %.*s", n, text);
		break;
	case '4':
		pr_warn("sealed: %.*s", n, text);
		break;
	case '5':
		pr_notice("sealed: %.*s", n, text);
		break;
	case '7':
		pr_debug("sealed: %.*s", n, text);
		break;
	default:
		pr_info("sealed: %.*s", n, text);
	}
}

/**
 * cordon_sealed_log() - print a message of the sealed code's
 * @msg: the message, formatted in the sealed view (cordon_srt_printk()),
 *	 in the log area of an exchange slot; anywhere without views
 *
 * Context: An exit of the sealed run time.
 */
void cordon_sealed_log(const char *msg)
{
	/* Without views the sealed code is kernel code, its stack readable. */
	if (!in_log_area(msg)) {
		pr_err("a message of the sealed code's is not in a log area; dropped\n");
		return;
	}
	print_sealed(printk_get_level(msg), printk_skip_level(msg));
}

/**
 * cordon_sealed_audit() - audit_log() for sealed code
 * @type: the record type
 * @text: the record, formatted in the sealed view, in a log area
 *
 * Context: An exit of the sealed run time, in the calling task.
 */
void cordon_sealed_audit(int type, const char *text)
{
	if (in_log_area(text))
		audit_log(audit_context(), GFP_ATOMIC, type, "%.*s",
			  (int)CORDON_XCHG_LOG_SIZE, text);
}

/**
 * cordon_sealed_audit_start() - audit_log_start() for sealed code
 * @gfp: allocation flags
 * @type: the record type
 *
 * Return: a record of the calling task's context, or NULL.
 */
struct audit_buffer *cordon_sealed_audit_start(gfp_t gfp, int type)
{
	return audit_log_start(audit_context(), gfp, type);
}

/**
 * cordon_sealed_audit_format() - audit_log_format() for sealed code
 * @ab: what cordon_sealed_audit_start() returned
 * @text: the text, formatted in the sealed view, in a log area
 */
void cordon_sealed_audit_format(struct audit_buffer *ab, const char *text)
{
	if (in_log_area(text))
		audit_log_format(ab, "%.*s", (int)CORDON_XCHG_LOG_SIZE, text);
}

/**
 * cordon_sealed_audit_untrusted() - audit_log_n_untrustedstring() for
 * sealed code
 * @ab: what cordon_sealed_audit_start() returned
 * @text: the string, in a log area
 * @n: its length
 */
void cordon_sealed_audit_untrusted(struct audit_buffer *ab, const char *text,
				   size_t n)
{
	if (in_log_area(text))
		audit_log_n_untrustedstring(ab, text,
					    min_t(size_t, n, CORDON_XCHG_LOG_SIZE));
}

/*
 * What calls out of sealed code asked to run once the crossing is over
 * (cordon_after_crossing()): this CPU's, while it is in one.
 */
#define MAX_AFTER	8

struct after_crossing {
	unsigned int n;
	struct {
		void (*fn)(u32 arg);
		u32 arg;
	} call[MAX_AFTER];
};

static DEFINE_PER_CPU(struct after_crossing, after_crossing);
static DEFINE_PER_CPU(bool, in_sealed_crossing);

/*
 * Where each lend of this CPU's crossing is in its slot: per CPU, not on
 * the stack, which CONFIG_INIT_STACK_ALL_ZERO would clear on every call.
 */
struct lend_layout {
	unsigned long off[CORDON_SRT_MAX_LENDS];
	unsigned long len[CORDON_SRT_MAX_LENDS];
};

static DEFINE_PER_CPU(struct lend_layout, lend_layout);

/**
 * cordon_after_crossing() - run a function once this CPU's crossing into
 * sealed code is over
 * @fn: the function, which may sleep
 * @arg: its argument
 *
 * A call out of sealed code runs inside the crossing, with preemption off
 * and the sealed code waiting: it must not sleep, nor cross into sealed
 * code again. What it has to do that may (the SELinux server's
 * notifications after a policy load: flushing the AVC and the network
 * caches, labelling superblocks) it leaves here, and the wrapper runs it,
 * in order, when the crossing has returned and preemption is on again,
 * before the caller goes on. Outside a crossing (no views) @fn runs now;
 * past MAX_AFTER in one crossing, a warning, and it runs now too.
 */
void cordon_after_crossing(void (*fn)(u32 arg), u32 arg)
{
	struct after_crossing *a;

	if (!this_cpu_read(in_sealed_crossing)) {
		fn(arg);
		return;
	}
	a = this_cpu_ptr(&after_crossing);
	if (WARN_ON_ONCE(a->n == MAX_AFTER)) {
		fn(arg);
		return;
	}
	a->call[a->n].fn = fn;
	a->call[a->n].arg = arg;
	a->n++;
}
EXPORT_SYMBOL_GPL(cordon_after_crossing);

/**
 * cordon_in_sealed_crossing() - whether this CPU is in a call into sealed
 * code (an interrupt's handler that finds it so cannot call in too)
 *
 * Return: true from the exchange slot's filling until its emptying.
 */
bool cordon_in_sealed_crossing(void)
{
	return this_cpu_read(in_sealed_crossing);
}
EXPORT_SYMBOL_IF_KUNIT(cordon_in_sealed_crossing);

/*
 * Takes this CPU's pending calls, preemption still off, enables
 * preemption and runs them. Apart, so that a crossing with none clears
 * and copies no struct after_crossing on its stack.
 */
static noinline void run_after(void)
{
	struct after_crossing *a = this_cpu_ptr(&after_crossing), after;
	unsigned int i;

	after = *a;
	a->n = 0;
	preempt_enable();
	for (i = 0; i < after.n; i++)
		after.call[i].fn(after.call[i].arg);
}

/*
 * Copies the call's arguments and read lends into @x, noting where each
 * lend is (@off, @len) and where the layout ends (@tail); -errno if it
 * cannot.
 */
static long copy_in(char *x, const u64 *args, unsigned long nargs,
		    const struct cordon_lend *l, unsigned long n,
		    unsigned long *off, unsigned long *len,
		    unsigned long *tail)
{
	unsigned long i, room, at = ALIGN(nargs * sizeof(u64), 16);
	long got;

	memcpy(x, args, nargs * sizeof(u64));
	for (i = 0; i < n; i++) {
		u32 kind = l[i].kind & CORDON_LEND_KIND_MASK;

		len[i] = l[i].start ? l[i].len : 0;
		off[i] = at;
		if (kind == CORDON_SRT_LEND_STR && !l[i].start) {
			/* NULL: nothing crosses; the body gets NULL. */
		} else if (kind == CORDON_SRT_LEND_STR) {
			room = CORDON_XCHG_LEND_SIZE - at;
			got = strncpy_from_kernel_nofault(x + at,
				(void *)l[i].start, room);
			if (got < 0)
				return -EFAULT;
			/* It terminates what it cut: the whole room is too long. */
			if (!got || got >= room)
				return -E2BIG;
			len[i] = got;
		} else if (kind == CORDON_SRT_LEND_OBJECT) {
			len[i] = 0;
		} else if (kind == CORDON_SRT_LEND_PULL) {
			/* The sealed side pulls it: where it is, how long. */
			if (at > CORDON_XCHG_LEND_SIZE - 2 * sizeof(u64))
				return -E2BIG;
			((u64 *)(x + at))[0] = l[i].start;
			((u64 *)(x + at))[1] = len[i];
			len[i] = l[i].start ? 2 * sizeof(u64) : 0;
		} else if (kind != CORDON_LEND_RANGE &&
			   kind != CORDON_SRT_LEND_ALLOC) {
			return -EINVAL;
		}
		if (len[i] > CORDON_XCHG_LEND_SIZE - at)
			return -E2BIG;
		if (kind == CORDON_LEND_RANGE &&
		    (l[i].access & CORDON_ACCESS_R) && len[i] &&
		    copy_from_kernel_nofault(x + at, (void *)l[i].start, len[i]))
			return -EFAULT;
		at += ALIGN(len[i], 16);
	}
	*tail = at;
	return 0;
}

/**
 * cordon_exchange_pull() - copy part of a pull lend into this CPU's slot
 * @src: where, in the caller's buffer
 * @len: how many bytes, at most a slot's lends area
 *
 * Called out of sealed code (cordon_srt_enter()) in the middle of its
 * crossing, so the slot is this CPU's. The copy is the kernel view's: a
 * source in sealed memory is denied and reported.
 *
 * Return: 0, -E2BIG for more than a slot, or -EFAULT.
 */
long cordon_exchange_pull(unsigned long src, unsigned long len)
{
	char *x;

	if (!xchg || len > CORDON_XCHG_LEND_SIZE)
		return -E2BIG;
	x = xchg + ((size_t)smp_processor_id() << CORDON_XCHG_SHIFT);
	return copy_from_kernel_nofault(x, (const void *)src, len) ? -EFAULT
								     : 0;
}

/*
 * An alloc lend: the caller gets a kernel copy of what the sealed code
 * allocated, which it frees as it freed the server's before.
 */
static long copy_allocation(const char *x, const struct cordon_lend *l,
			    unsigned long off, unsigned long *tail, void **made)
{
	u64 mark = *(const u64 *)(x + off), size;
	void *p = NULL;

	if (mark == 2)
		return -E2BIG;
	if (mark) {
		if (*tail > CORDON_XCHG_LEND_SIZE - sizeof(u64))
			return -E2BIG;
		size = *(const u64 *)(x + *tail);
		if (size > CORDON_XCHG_LEND_SIZE - sizeof(u64) - *tail)
			return -E2BIG;
		p = kmemdup(x + *tail + sizeof(u64), size, GFP_ATOMIC);
		if (!p)
			return -ENOMEM;
		*tail += ALIGN(sizeof(u64) + size, 16);
	}
	if (copy_to_kernel_nofault((void *)l->start, &p, sizeof(p))) {
		kfree(p);
		return -EFAULT;
	}
	*made = p;
	return 0;
}

static long copy_out(const char *x, const struct cordon_lend *l,
		     unsigned long n, const unsigned long *off,
		     const unsigned long *len, unsigned long tail,
		     unsigned long *bad)
{
	void *made[CORDON_SRT_MAX_LENDS] = {};
	unsigned long i;
	long err = 0;

	for (i = 0; i < n && !err; i++) {
		if (!(l[i].access & CORDON_ACCESS_W) || !l[i].start)
			continue;
		if ((l[i].kind & CORDON_LEND_KIND_MASK) ==
		    CORDON_SRT_LEND_ALLOC)
			err = copy_allocation(x, &l[i], off[i], &tail,
					      &made[i]);
		else if (len[i] &&
			 copy_to_kernel_nofault((void *)l[i].start,
						x + off[i], len[i]))
			err = -EFAULT;
	}
	/* The call fails: what it allocated for the caller goes too. */
	*bad = err ? i - 1 : n;
	for (i = 0; err && i < n; i++)
		kfree(made[i]);
	return err;
}

/*
 * What a call that failed hands back: every out-parameter it would have
 * written reads as nothing, zero or NULL, never as what the caller's
 * memory held before. A void entry point's caller cannot see the
 * failure: security_compute_av() refused must read as nothing allowed,
 * not as its caller's uninitialised stack. The writes are the kernel
 * view's, as copy_out()'s: one aimed at sealed memory is denied, and
 * @skip, the lend whose copy out was denied already, is left alone.
 */
static void clear_out(const struct cordon_lend *l, unsigned long n,
		      unsigned long skip)
{
	static const u64 zeros[32];
	unsigned long i, done, chunk;
	u32 kind;

	for (i = 0; i < n; i++) {
		kind = l[i].kind & CORDON_LEND_KIND_MASK;
		if (i == skip || l[i].access != CORDON_ACCESS_W || !l[i].start ||
		    (kind != CORDON_LEND_RANGE && kind != CORDON_SRT_LEND_ALLOC))
			continue;
		for (done = 0; done < l[i].len; done += chunk) {
			chunk = min_t(unsigned long, l[i].len - done,
				      sizeof(zeros));
			if (copy_to_kernel_nofault((void *)(l[i].start + done),
						   zeros, chunk))
				break;
		}
	}
}

/**
 * cordon_gate_sealed() - call an entry point of a compiled sealed
 * compartment, its arguments and lends through the exchange area
 * @g: its gate
 * @args: its arguments
 * @nargs: how many
 * @lends: what it lends (its annotations, with the call's pointers and
 *	   sizes), or NULL
 * @n: how many
 *
 * Return: what the entry point returned; -EFAULT if a lent buffer could
 * not be read before the call or written after it (the sealed code's
 * result is then dropped); -E2BIG if they, or what the sealed code
 * allocated for the caller, do not fit a slot; -ENOMEM if the caller's
 * copy of such an allocation could not be made; -EBUSY inside another
 * crossing into sealed code on this CPU; or what cordon_gate() returns.
 * On any of these, and when the entry point itself returns an error, the
 * caller's out-parameters (write-only lends) are zeroed.
 */
long cordon_gate_sealed(const struct cordon_gate *g, const u64 *args,
			unsigned long nargs, const struct cordon_lend *lends,
			unsigned long n)
{
	struct lend_layout *lay;
	unsigned long tail, bad = n;
	long ret, err;
	char *x;

	/* A compartment refused at boot, too, answers nothing. */
	if (IS_ERR_OR_NULL(g) || !xchg || nargs > CORDON_XCHG_MAX_ARGS ||
	    n > CORDON_SRT_MAX_LENDS) {
		clear_out(lends, n, n);
		if (IS_ERR_OR_NULL(g))
			return g ? PTR_ERR(g) : -ENODEV;
		return xchg ? -E2BIG : -ENODEV;
	}
	preempt_disable();
	/*
	 * One crossing into sealed code per CPU at a time: a nested one (an
	 * interrupt's, or a call out's) would find the sealed stack busy, and
	 * must not touch the slot the outer one is still using (a policy
	 * image it is pulling in, say).
	 */
	if (this_cpu_read(in_sealed_crossing)) {
		preempt_enable();
		cordon_count(CORDON_CTR_GATE_REFUSED);
		pr_warn_ratelimited("a call into sealed code on CPU %d, inside another, was refused (-EBUSY): its out-parameters read as nothing\n",
				    raw_smp_processor_id());
		clear_out(lends, n, n);
		return -EBUSY;
	}
	this_cpu_write(in_sealed_crossing, true);
	x = xchg + ((size_t)smp_processor_id() << CORDON_XCHG_SHIFT);
	lay = this_cpu_ptr(&lend_layout);
	ret = copy_in(x, args, nargs, lends, n, lay->off, lay->len, &tail);
	if (!ret)
		ret = cordon_gate(g, 0, 0, 0);
	if (ret >= 0) {
		err = copy_out(x, lends, n, lay->off, lay->len, tail, &bad);
		if (err)
			ret = err;
	}
	if (ret < 0)
		clear_out(lends, n, bad);
	this_cpu_write(in_sealed_crossing, false);
	if (unlikely(this_cpu_read(after_crossing.n)))
		run_after();
	else
		preempt_enable();
	return ret;
}
