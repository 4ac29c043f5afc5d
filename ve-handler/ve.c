// SPDX-License-Identifier: GPL-2.0
/*
 * Cordon - the #VE entry and its handling
 *
 * The hypervisor writes each CPU's information area and raises vector 20.
 * The raw entry copies the area and clears the busy word before anything
 * that could fault, so a violation inside the handler raises a nested #VE
 * instead of a VM exit; then the decision function rules.
 */

#include "common.h"

#include <linux/cordon-views-abi.h>
#include <linux/cpuhotplug.h>
#include <linux/gfp.h>
#include <linux/io.h>
#include <linux/module.h>
#include <linux/percpu.h>
#include <linux/sched/signal.h>
#include <asm/extable.h>
#include <asm/segment.h>
#include <asm/idtentry.h>
#include <asm/kdebug.h>
#include <asm/traps.h>
#include <kunit/visibility.h>

#include "backend.h"
#include "compartment.h"
#include "gate.h"
#include "irq.h"
#include "lend.h"
#include "report.h"
#include "setup.h"
#include "ve.h"

#include <trace/events/cordon.h>

/* The information area, laid out as the SDM says. */
struct ve_area {
	u32 reason;
	u32 busy;
	u64 qual;
	u64 gla;
	u64 gpa;
	u16 view;
} __packed;

/* Read by the #VE gate stub (gate_64.S) too, once it has checked %gs. */
DEFINE_PER_CPU(struct ve_area *, cordon_ve_area);
static DEFINE_PER_CPU(struct cordon_ve_event, ve_last);

static void __init build_check_abi(void)
{
	BUILD_BUG_ON(offsetof(struct ve_area, reason) != CORDON_VE_OFF_REASON);
	BUILD_BUG_ON(offsetof(struct ve_area, busy) != CORDON_VE_OFF_BUSY);
	BUILD_BUG_ON(offsetof(struct ve_area, qual) != CORDON_VE_OFF_QUAL);
	BUILD_BUG_ON(offsetof(struct ve_area, gla) != CORDON_VE_OFF_GLA);
	BUILD_BUG_ON(offsetof(struct ve_area, gpa) != CORDON_VE_OFF_GPA);
	BUILD_BUG_ON(offsetof(struct ve_area, view) != CORDON_VE_OFF_VIEW);
}

/* === Entry (noinstr) === */

static __always_inline bool ve_fetch(struct cordon_ve_event *const ev,
				     const struct pt_regs *const regs)
{
	struct ve_area *const a = raw_cpu_read(cordon_ve_area);

	if (!a || READ_ONCE(a->busy) != CORDON_VE_BUSY)
		return false;
	ev->reason = READ_ONCE(a->reason);
	ev->qual = READ_ONCE(a->qual);
	ev->gla = READ_ONCE(a->gla);
	ev->gpa = READ_ONCE(a->gpa);
	ev->view = READ_ONCE(a->view);
	ev->rip = regs->ip;
	/* Copied: from here on a violation may raise a nested #VE. */
	barrier();
	WRITE_ONCE(a->busy, 0);
	return true;
}

static void ve_handle(const struct cordon_ve_event *const ev,
		      struct pt_regs *const regs);
static void ve_spurious(struct pt_regs *const regs);

DEFINE_IDTENTRY_RAW(exc_cordon_ve)
{
	struct cordon_ve_event ev;
	irqentry_state_t state;
	bool valid = ve_fetch(&ev, regs);

	state = irqentry_enter(regs);
	instrumentation_begin();
	if (valid)
		ve_handle(&ev, regs);
	else
		ve_spurious(regs);
	instrumentation_end();
	irqentry_exit(regs, state);
}

/* === Verdicts === */

/* A bounded record of grants, so that they can be revoked. */
#define NR_GRANTS 64
struct grant_entry {
	u16 view;
	u64 pfn;
};
static struct grant_entry grants[NR_GRANTS];
static unsigned int grant_next;
static DEFINE_RAW_SPINLOCK(grants_lock);

/*
 * The frame's access in the view when it faulted: bits 5:3 of the exit
 * qualification, as the SDM reports them with every EPT violation, which
 * saves a hypercall. Only R/W/X are there: in the sealed view, whose
 * frames may also carry the paging bits, ask the hypervisor.
 */
static int access_now(const struct cordon_ve_event *const ev, u64 pfn)
{
	if (ev->view == cordon_frozen.sealed_view)
		return cordon_state.backend->get_access(ev->view, pfn);
	return (ev->qual >> 3) & CORDON_ACCESS_RWX;
}

static int grant(const struct cordon_ve_event *const ev)
{
	const struct cordon_backend_ops *const be = cordon_state.backend;
	u64 pfn = PHYS_PFN(ev->gpa);
	struct grant_entry old;
	unsigned long flags;
	int cur, err;

	cur = access_now(ev, pfn);
	if (cur < 0)
		return cur;
	err = be->set_access(ev->view, pfn, 1, cur | cordon_ve_access(ev->qual) |
			     CORDON_ACCESS_R);
	if (err)
		return err;
	/* Full: the oldest grant goes back to read-only. */
	raw_spin_lock_irqsave(&grants_lock, flags);
	old = grants[grant_next];
	grants[grant_next] = (struct grant_entry){ .view = ev->view, .pfn = pfn };
	grant_next = (grant_next + 1) % NR_GRANTS;
	raw_spin_unlock_irqrestore(&grants_lock, flags);
	if (old.view)
		be->set_access(old.view, old.pfn, 1, CORDON_ACCESS_R);
	return 0;
}

/* Unwind a gate crossing: the caller of cordon_gate() gets @err back. */
static void abort_gate(struct pt_regs *const regs, long err)
{
	this_cpu_write(cordon_gate_err, err);
	regs->ip = (unsigned long)cordon_gate_abort;
	regs->sp = this_cpu_read(cordon_gate_ksp);
	regs->cs = __KERNEL_CS;
	regs->ss = __KERNEL_DS;
	regs->flags &= ~X86_EFLAGS_IF;
}

/*
 * After a grant, go back into the compartment's view, not the kernel's.
 * cordon_gate_resume builds its IRET frame on this CPU's event stack: the
 * compartment's %rsp may point anywhere, and the frame is written in the
 * kernel view.
 */
static void resume_in_compartment(struct pt_regs *const regs)
{
	struct cordon_shared *const sh = this_cpu_ptr(&cordon_shared);

	this_cpu_write(cordon_resume_rip, regs->ip);
	this_cpu_write(cordon_resume_flags, regs->flags);
	this_cpu_write(cordon_resume_sp, regs->sp);
	/* Interrupts come back on in the compartment's view, not before. */
	regs->flags &= ~X86_EFLAGS_IF;
	regs->ip = (unsigned long)cordon_gate_resume;
	regs->sp = (unsigned long)sh->event_stack + sizeof(sh->event_stack);
}

/**
 * cordon_ve_revoke_grants() - take back every recorded grant in a view
 * @view: the view
 *
 * Granted frames go back to read-only, the compartment default.
 */
void cordon_ve_revoke_grants(u16 view)
{
	const struct cordon_backend_ops *const be = cordon_state.backend;
	unsigned long flags;
	int i;

	raw_spin_lock_irqsave(&grants_lock, flags);
	for (i = 0; i < NR_GRANTS; i++) {
		if (grants[i].view != view)
			continue;
		be->set_access(view, grants[i].pfn, 1, CORDON_ACCESS_R);
		grants[i] = (struct grant_entry){};
	}
	raw_spin_unlock_irqrestore(&grants_lock, flags);
}
EXPORT_SYMBOL_IF_KUNIT(cordon_ve_revoke_grants);

/* Permissive mode logs each (view, owner, access) once. */
#define NR_SEEN 64
static u32 seen[NR_SEEN];
static DEFINE_RAW_SPINLOCK(seen_lock);

static bool first_time(const struct cordon_ve_event *const ev)
{
	const struct cordon_compartment *owner = cordon_owner(PHYS_PFN(ev->gpa));
	u32 key = (u32)ev->view << 16 | (owner ? owner->id : 0xff) << 8 |
		  cordon_ve_access(ev->qual) | 0x80;
	unsigned long flags;
	bool first = true;
	int i;

	raw_spin_lock_irqsave(&seen_lock, flags);
	for (i = 0; i < NR_SEEN && seen[i]; i++) {
		if (seen[i] == key) {
			first = false;
			break;
		}
	}
	if (first && i < NR_SEEN)
		seen[i] = key;
	raw_spin_unlock_irqrestore(&seen_lock, flags);
	return first;
}

static void deny(const struct cordon_ve_event *const ev,
		 struct pt_regs *const regs, u32 gate_view)
{
	const struct cordon_compartment *const owner =
		cordon_owner(PHYS_PFN(ev->gpa));

	cordon_count(CORDON_CTR_VE_DENIED);
	cordon_count_view(ev->view, ve_denied);
	cordon_report_access(owner && owner->kind == CORDON_KIND_SEALED ?
			     CORDON_REPORT_SEALED_ACCESS :
			     CORDON_REPORT_DENIED_ACCESS, ev, regs);
	/*
	 * In the compartment's view, or at a gate's view check: the gate
	 * returns an error to its caller. The kernel view during a crossing
	 * is an interrupt handler the crossing let run: handled as below.
	 */
	if (gate_view && !user_mode(regs) &&
	    (ev->view == gate_view || cordon_gate_check_site(regs->ip))) {
		abort_gate(regs, cordon_gate_check_site(regs->ip) ? -EPERM :
				 -EFAULT);
		return;
	}
	/* A caller that expects faults (the *_nofault accessors) gets -EFAULT. */
	if (!user_mode(regs) && fixup_exception(regs, X86_TRAP_VE, 0, ev->gla))
		return;
	if (user_mode(regs)) {
		force_sig_fault(SIGSEGV, SEGV_ACCERR, (void __user *)ev->gla);
		return;
	}
	/*
	 * Kernel code that switched to the sealed view outside a gate: the
	 * hypervisor left the view at the exit point and kept nothing of it.
	 */
	if (regs->ip == (unsigned long)cordon_aex_exit && !gate_view)
		die("cordon: kernel code ran in the sealed view outside a gate; its context is gone",
		    regs, 0);
	die("cordon: access denied", regs, 0);
}

/*
 * What no policy may grant: a failed view check after a VMFUNC, a view
 * other than the kernel's outside a gate crossing (a stray VMFUNC), or a
 * crossing found in another view than the one it entered.
 */
static bool never_granted(const struct cordon_ve_event *const ev,
			  struct pt_regs *const regs, u32 gate_view)
{
	if (cordon_gate_check_site(regs->ip))
		return true;
	if (ev->view != 0 && ev->view != gate_view)
		return true;
	return user_mode(regs) && ev->view != 0;
}

static void ve_handle(const struct cordon_ve_event *const ev,
		      struct pt_regs *const regs)
{
	u32 gate_view = this_cpu_read(cordon_gate_view);
	enum cordon_verdict verdict;
	bool never;

	*this_cpu_ptr(&ve_last) = *ev;
	cordon_count(CORDON_CTR_VE_TOTAL);
	never = never_granted(ev, regs, gate_view);
	if (!never && ev->view == gate_view &&
	    cordon_lent(ev, cordon_ve_access(ev->qual))) {
		/* Lent to this crossing: granted until it ends. */
		trace_cordon_ve(ev->view, ev->gla, ev->gpa, ev->qual, ev->rip,
				CORDON_VERDICT_GRANT);
		if (!cordon_lend_grant(ev, cordon_ve_access(ev->qual))) {
			cordon_count(CORDON_CTR_VE_GRANTED);
			cordon_count_view(ev->view, ve_granted);
			resume_in_compartment(regs);
			return;
		}
		deny(ev, regs, gate_view);
		return;
	}
	verdict = never ? CORDON_VERDICT_DENY : cordon_ve_decide(ev);
	trace_cordon_ve(ev->view, ev->gla, ev->gpa, ev->qual, ev->rip, verdict);
	switch (verdict) {
	case CORDON_VERDICT_GRANT:
		if (!grant(ev)) {
			cordon_count(CORDON_CTR_VE_GRANTED);
			cordon_count_view(ev->view, ve_granted);
			break;
		}
		deny(ev, regs, gate_view);
		return;
	case CORDON_VERDICT_PERMISSIVE:
		if (!grant(ev)) {
			cordon_count(CORDON_CTR_VE_PERMISSIVE);
			cordon_count_view(ev->view, ve_granted);
			if (first_time(ev))
				cordon_report_access(CORDON_REPORT_PERMISSIVE_ACCESS,
						     ev, regs);
			/* What a crossing touched, for its lend annotations. */
			if (gate_view && ev->view == gate_view)
				cordon_ve_learn(ev);
			break;
		}
		deny(ev, regs, gate_view);
		return;
	case CORDON_VERDICT_DENY:
		deny(ev, regs, gate_view);
		return;
	}
	if (ev->view != 0)
		resume_in_compartment(regs);
}

static void ve_spurious(struct pt_regs *const regs)
{
	cordon_count(CORDON_CTR_VE_SPURIOUS);
	cordon_report_internal("#VE with no information area or busy word clear");
	/*
	 * Nobody but the CPU raises a genuine #VE; a jump into the gate stub
	 * with a forged frame looks like this. Never resume it.
	 */
	die("cordon: spurious #VE", regs, 0);
}

/* === Per-CPU information areas === */

static int ve_cpu_online(unsigned int cpu)
{
	struct page *p = alloc_pages_node(cpu_to_node(cpu),
					  GFP_KERNEL | __GFP_ZERO, 0);
	int err;

	if (!p)
		return -ENOMEM;
	/* The area must be findable before the first #VE can arrive. */
	per_cpu(cordon_ve_area, cpu) = page_address(p);
	err = cordon_state.backend->ve_enable(page_to_phys(p));
	if (err) {
		per_cpu(cordon_ve_area, cpu) = NULL;
		__free_page(p);
		pr_err("CPU %u: cannot register the #VE area (%d)\n", cpu, err);
	}
	return err;
}

/**
 * cordon_ve_init() - register a #VE information area on every CPU
 *
 * Return: 0 or -errno.
 */
int cordon_ve_init(void)
{
	int ret;

	build_check_abi();
	ret = cpuhp_setup_state(CPUHP_AP_ONLINE_DYN, "cordon/ve:online",
				ve_cpu_online, NULL);
	return ret < 0 ? ret : 0;
}

/**
 * cordon_ve_last() - the last #VE a CPU handled, for tests and diagnosis
 * @cpu: the CPU
 * @ev: where to copy it
 *
 * Return: true if @cpu has handled a #VE.
 */
bool cordon_ve_last(unsigned int cpu, struct cordon_ve_event *const ev)
{
	*ev = per_cpu(ve_last, cpu);
	return ev->reason != 0;
}
EXPORT_SYMBOL_IF_KUNIT(cordon_ve_last);
