// SPDX-License-Identifier: GPL-2.0
/*
 * Cordon - the one report module
 *
 * Every Cordon error goes out through here with a stable header between
 * rulers, "BUG: CORDON: <kind> ...", then the facts and the stack, so that
 * KUnit and CI can grep for it. Reports are rate-limited; counters are not.
 */

#include "common.h"

#include <linux/cordon-views-abi.h>
#include <linux/bug.h>
#include <linux/kernel.h>
#include <linux/module.h>
#include <linux/percpu.h>
#include <linux/printk.h>
#include <linux/ratelimit.h>
#include <linux/sched/debug.h>
#include <asm/ptrace.h>
#include <asm/trapnr.h>
#include <kunit/visibility.h>

#include "compartment.h"
#include "gate.h"
#include "mode.h"
#include "report.h"
#include "ve/ve.h"

atomic_long_t cordon_counters[CORDON_CTR_NR_COUNTERS];
EXPORT_SYMBOL_IF_KUNIT(cordon_counters);

const char *const cordon_counter_names[CORDON_CTR_NR_COUNTERS] = {
	[CORDON_CTR_GATE_CROSSINGS] = "gate_crossings",
	[CORDON_CTR_VE_TOTAL] = "ve_total",
	[CORDON_CTR_VE_GRANTED] = "ve_granted",
	[CORDON_CTR_VE_DENIED] = "ve_denied",
	[CORDON_CTR_VE_PERMISSIVE] = "ve_permissive",
	[CORDON_CTR_VE_SPURIOUS] = "ve_spurious",
	[CORDON_CTR_RECONFIG_REFUSED] = "reconfig_refused",
	[CORDON_CTR_INTERNAL_ERRORS] = "internal_errors",
	[CORDON_CTR_IRQ_EXITS] = "irq_exits",
	[CORDON_CTR_NMI_DEFERRED] = "nmi_deferred",
	[CORDON_CTR_GATE_REFUSED] = "gate_refused",
	[CORDON_CTR_COMPARTMENT_FAULTS] = "compartment_faults",
	[CORDON_CTR_SOFT_INT_REFUSED] = "soft_int_refused",
	[CORDON_CTR_STATE_RESTORED] = "kernel_state_restored",
	[CORDON_CTR_PRIV_INSNS] = "privileged_instructions_found",
	[CORDON_CTR_EXIT_CALLS] = "exit_calls",
	[CORDON_CTR_NOT_OWN] = "not_own",
	[CORDON_CTR_STACK_SMASHED] = "stack_smashed",
	[CORDON_CTR_IRQ_RAISED_AGAIN] = "irq_raised_again",
	[CORDON_CTR_HANDLES_REFUSED] = "handles_refused",
};

static const char *const kind_names[] = {
	[CORDON_REPORT_SEALED_ACCESS] = "sealed memory",
	[CORDON_REPORT_DENIED_ACCESS] = "denied",
	[CORDON_REPORT_PERMISSIVE_ACCESS] = "permissive",
	[CORDON_REPORT_RECONFIG] = "reconfiguration after lock",
	[CORDON_REPORT_SPURIOUS_VE] = "spurious #VE",
	[CORDON_REPORT_INTERNAL] = "internal inconsistency",
	[CORDON_REPORT_COMPARTMENT_FAULT] = "compartment fault",
	[CORDON_REPORT_STATE_TAMPERED] = "kernel state changed by compartment",
	[CORDON_REPORT_PRIV_INSN] = "privileged instruction",
	[CORDON_REPORT_NOT_OWN] = "memory not its own",
	[CORDON_REPORT_UNBALANCED] = "unbalanced crossing",
	[CORDON_REPORT_STACK_SMASHED] = "stack protector",
	[CORDON_REPORT_BAD_HANDLE] = "handle refused",
};

static DEFINE_RATELIMIT_STATE(report_rs, 5 * HZ, 20);
/*
 * Set while this CPU prints an access report. Dumping registers reads the
 * code bytes around RIP, which may be sealed: the #VE that raises is told
 * in one line, or each report would dump the one before it, until the
 * stack overflows.
 */
static DEFINE_PER_CPU(bool, reporting);

static const char *access_name(u64 qual)
{
	if (qual & CORDON_VE_QUAL_FETCH)
		return "fetch";
	return qual & CORDON_VE_QUAL_WRITE ? "write" : "read";
}

static void ruler(void)
{
	pr_err("==================================================================\n");
}

/**
 * cordon_report_access() - report a #VE Cordon ruled on
 * @kind: what kind of access it was
 * @ev: the decoded event
 * @regs: the interrupted context
 */
void cordon_report_access(enum cordon_report_kind kind,
			  const struct cordon_ve_event *const ev,
			  struct pt_regs *const regs)
{
	const struct cordon_compartment *from, *owner;

	if (!__ratelimit(&report_rs))
		return;
	from = cordon_compartment_by_view(ev->view);
	owner = cordon_owner(PHYS_PFN(ev->gpa));
	if (this_cpu_read(reporting)) {
		pr_err("BUG: CORDON: %s %s of %s at gpa 0x%llx in %pS, while reporting\n",
		       kind_names[kind], access_name(ev->qual),
		       owner ? owner->name : "unowned memory", ev->gpa,
		       (void *)ev->rip);
		return;
	}
	this_cpu_write(reporting, true);
	ruler();
	pr_err("BUG: CORDON: %s %s in %pS\n\n", kind_names[kind],
	       access_name(ev->qual), (void *)ev->rip);
	pr_err("%s of %s at gla 0x%llx gpa 0x%llx%s%s\n", access_name(ev->qual),
	       owner ? owner->name : "unowned memory", ev->gla, ev->gpa,
	       ev->qual & CORDON_VE_QUAL_FINAL ? "" : " (paging structure)",
	       ev->qual & CORDON_VE_QUAL_GPV ?
	       " through page tables the view does not trust" : "");
	pr_err("from compartment %s (view %u), qualification 0x%llx, mode %s\n",
	       from ? from->name : "unknown", ev->view, ev->qual,
	       cordon_mode_name(cordon_mode()));
	pr_err("\n");
	if (regs)
		show_regs(regs);
	else
		dump_stack();
	ruler();
	this_cpu_write(reporting, false);
}
EXPORT_SYMBOL_IF_KUNIT(cordon_report_access);

/**
 * cordon_report_reconfig() - report a refused attempt to reconfigure views
 * @what: the operation that was attempted
 * @err: the error the hypervisor returned
 */
void cordon_report_reconfig(const char *const what, int err)
{
	cordon_count(CORDON_CTR_RECONFIG_REFUSED);
	if (!__ratelimit(&report_rs))
		return;
	ruler();
	pr_err("BUG: CORDON: %s: %s refused (%d)\n\n",
	       kind_names[CORDON_REPORT_RECONFIG], what, err);
	dump_stack();
	ruler();
}

/**
 * cordon_report_internal() - report a state that cannot happen
 * @what: a description of the inconsistency
 */
void cordon_report_internal(const char *const what)
{
	cordon_count(CORDON_CTR_INTERNAL_ERRORS);
	ruler();
	pr_err("BUG: CORDON: %s: %s\n\n", kind_names[CORDON_REPORT_INTERNAL],
	       what);
	dump_stack();
	ruler();
}

/* What a compiled compartment's UD2 was: BUG(), WARN() or a check. */
static void report_trap(unsigned long ip)
{
	struct bug_entry *bug = find_bug(ip);
	const char *file = NULL;
	unsigned int line = 0;

	if (bug)
		bug_get_file_line(bug, &file, &line);
	if (file)
		pr_err("%s at %s:%u\n",
		       bug->flags & BUGFLAG_WARNING ? "WARN" : "BUG", file, line);
	else if (bug)
		pr_err("BUG() or WARN()\n");
	else
		pr_err("an undefined instruction: a check the compiler added (UBSAN, kCFI) failed, or a jump went astray\n");
}

/**
 * cordon_report_fault() - report an exception that ended a crossing
 * @compartment: the compartment's name
 * @vector: the exception vector
 * @ip: where it happened; 0 when that is not to be told (sealed code)
 * @stack_lost: the compartment's stack on this CPU stays taken
 */
void cordon_report_fault(const char *const compartment, long vector,
			 unsigned long ip, bool stack_lost)
{
	cordon_count(CORDON_CTR_COMPARTMENT_FAULTS);
	if (!__ratelimit(&report_rs))
		return;
	ruler();
	pr_err("BUG: CORDON: %s: vector %ld in compartment %s\n\n",
	       kind_names[CORDON_REPORT_COMPARTMENT_FAULT], vector, compartment);
	if (ip && vector == X86_TRAP_UD)
		report_trap(ip);
	if (ip)
		pr_err("at %pS; the crossing returned -EFAULT\n", (void *)ip);
	else
		pr_err("at an address the sealed view keeps; the crossing returned -EFAULT\n");
	if (stack_lost)
		pr_err("its stack on this CPU stays locked: later crossings here get -EBUSY\n");
	dump_stack();
	ruler();
}

/**
 * cordon_report_tampered() - report control state a compartment changed
 * @compartment: the compartment's name
 * @what: CORDON_TAMPER_* bits: what the way back found changed and put back
 */
void cordon_report_tampered(const char *const compartment, u64 what)
{
	cordon_count(CORDON_CTR_STATE_RESTORED);
	if (!__ratelimit(&report_rs))
		return;
	ruler();
	pr_err("BUG: CORDON: %s %s\n\n",
	       kind_names[CORDON_REPORT_STATE_TAMPERED], compartment);
	pr_err("changed:%s%s%s%s%s; %s, the crossing returned -EPERM\n",
	       what & CORDON_TAMPER_CR0 ? " CR0" : "",
	       what & CORDON_TAMPER_CR4 ? " CR4" : "",
	       what & CORDON_TAMPER_GS ? " GS base" : "",
	       what & CORDON_TAMPER_FRAME ? " a forged #VE" : "",
	       what & CORDON_TAMPER_EXIT ? " an exit through a record that is not its own" : "",
	       what & CORDON_TAMPER_EXIT ? "no kernel function called" :
	       "restored from frozen values");
	dump_stack();
	ruler();
}

/**
 * cordon_report_priv_insn() - report a privileged or view-changing
 * encoding where a compartment view executes
 * @where: the memory scanned (a compartment's code, the gates)
 * @addr: the address of the encoding
 * @insn: what it encodes
 */
void cordon_report_priv_insn(const char *const where, unsigned long addr,
			     const char *const insn)
{
	cordon_count(CORDON_CTR_PRIV_INSNS);
	if (!__ratelimit(&report_rs))
		return;
	ruler();
	pr_err("BUG: CORDON: %s %s in %s at %pS (0x%lx)\n",
	       kind_names[CORDON_REPORT_PRIV_INSN], insn, where, (void *)addr,
	       addr);
	ruler();
}

/**
 * cordon_report_bad_handle() - report a handle a sealed compartment
 * refused: the kernel passed back an object it had not been handed
 * @compartment: the sealed compartment's name
 * @what: the call and the kind of object
 * @handle: what the kernel passed
 */
void cordon_report_bad_handle(const char *const compartment,
			      const char *const what, const void *const handle)
{
	cordon_count(CORDON_CTR_HANDLES_REFUSED);
	if (!__ratelimit(&report_rs))
		return;
	ruler();
	pr_err("BUG: CORDON: %s: %s: the kernel passed compartment %s %p, which it did not hand out\n\n",
	       kind_names[CORDON_REPORT_BAD_HANDLE], what, compartment,
	       handle);
	pr_err("refused\n");
	dump_stack();
	ruler();
}

/**
 * cordon_report_stack_smashed() - report a compiled compartment whose
 * stack protector found its guard overwritten
 * @compartment: its name
 * @at: where the check failed
 */
void cordon_report_stack_smashed(const char *const compartment,
				 const void *const at)
{
	cordon_count(CORDON_CTR_STACK_SMASHED);
	if (!__ratelimit(&report_rs))
		return;
	ruler();
	pr_err("BUG: CORDON: %s: compartment %s overwrote its stack guard, found at %pS\n\n",
	       kind_names[CORDON_REPORT_STACK_SMASHED], compartment, at);
	pr_err("its crossing ends with -EFAULT\n");
	dump_stack();
	ruler();
}

/**
 * cordon_report_not_own() - report a compartment asking for something done
 * to memory it does not own
 * @compartment: the compartment's name
 * @what: what it asked for (a kernel function, a struct page access)
 * @addr: the memory
 * @refused: whether it was refused (not in permissive mode's learning)
 */
void cordon_report_not_own(const char *const compartment,
			   const char *const what, const void *const addr,
			   bool refused)
{
	cordon_count(CORDON_CTR_NOT_OWN);
	if (!__ratelimit(&report_rs))
		return;
	ruler();
	pr_err("BUG: CORDON: %s: compartment %s asked for %s on %p\n\n",
	       kind_names[CORDON_REPORT_NOT_OWN], compartment, what, addr);
	pr_err("%s\n", refused ? "refused; the memory stays the kernel's" :
				"done: permissive mode");
	dump_stack();
	ruler();
}

/**
 * cordon_report_unbalanced() - report a crossing that ended with the
 * kernel's preemption or page fault count changed
 * @c: its compartment
 * @preempt: by how much the preemption count changed
 * @pagefault: by how much current->pagefault_disabled changed
 *
 * The gate sets both back; the locks it held were released before
 * (held.c).
 */
void cordon_report_unbalanced(const struct cordon_compartment *const c,
			      int preempt, int pagefault)
{
	cordon_count(CORDON_CTR_STATE_RESTORED);
	if (!__ratelimit(&report_rs))
		return;
	ruler();
	pr_err("BUG: CORDON: %s: compartment %s ended a crossing with the preemption count %+d and page faults disabled %+d\n\n",
	       kind_names[CORDON_REPORT_UNBALANCED], c ? c->name : "unknown",
	       preempt, pagefault);
	pr_err("set back\n");
	dump_stack();
	ruler();
}

/**
 * cordon_report_released() - report the locks an aborted crossing held
 * @c: its compartment
 * @n: how many locks and RCU read sections were released
 */
void cordon_report_released(const struct cordon_compartment *const c,
			    unsigned int n)
{
	cordon_count(CORDON_CTR_STATE_RESTORED);
	pr_warn_ratelimited("compartment %s: a crossing ended early holding %u lock(s) or RCU read section(s); released\n",
			    c ? c->name : "unknown", n);
}
