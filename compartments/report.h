/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Cordon - reports and counters (private)
 */

#ifndef _CORDON_REPORT_H
#define _CORDON_REPORT_H

#include <linux/atomic.h>
#include <linux/types.h>

struct pt_regs;
struct cordon_ve_event;

/* Counters shown in securityfs; names in cordon_counter_names[]. */
enum cordon_counter {
	CORDON_CTR_GATE_CROSSINGS,
	CORDON_CTR_VE_TOTAL,
	CORDON_CTR_VE_GRANTED,
	CORDON_CTR_VE_DENIED,
	CORDON_CTR_VE_PERMISSIVE,
	CORDON_CTR_VE_SPURIOUS,
	CORDON_CTR_RECONFIG_REFUSED,
	CORDON_CTR_INTERNAL_ERRORS,
	/* These three are moved by gate_64.S (CORDON_ASM_CTR_*). */
	CORDON_CTR_IRQ_EXITS,
	CORDON_CTR_NMI_DEFERRED,
	CORDON_CTR_GATE_REFUSED,
	CORDON_CTR_COMPARTMENT_FAULTS,
	CORDON_CTR_SOFT_INT_REFUSED,
	CORDON_CTR_STATE_RESTORED,
	CORDON_CTR_PRIV_INSNS,
	/* Moved by gate_64.S too. */
	CORDON_CTR_EXIT_CALLS,
	CORDON_CTR_NOT_OWN,
	CORDON_CTR_STACK_SMASHED,
	CORDON_CTR_IRQ_RAISED_AGAIN,
	CORDON_CTR_HANDLES_REFUSED,
	CORDON_CTR_NR_COUNTERS,
};

extern atomic_long_t cordon_counters[CORDON_CTR_NR_COUNTERS];
extern const char *const cordon_counter_names[CORDON_CTR_NR_COUNTERS];

static inline void cordon_count(enum cordon_counter c)
{
	atomic_long_inc(&cordon_counters[c]);
}

/* Kinds of report; the header reads "BUG: CORDON: <kind>". */
enum cordon_report_kind {
	CORDON_REPORT_SEALED_ACCESS,
	CORDON_REPORT_DENIED_ACCESS,
	CORDON_REPORT_PERMISSIVE_ACCESS,
	CORDON_REPORT_RECONFIG,
	CORDON_REPORT_SPURIOUS_VE,
	CORDON_REPORT_INTERNAL,
	CORDON_REPORT_COMPARTMENT_FAULT,
	CORDON_REPORT_STATE_TAMPERED,
	CORDON_REPORT_PRIV_INSN,
	CORDON_REPORT_NOT_OWN,
	CORDON_REPORT_UNBALANCED,
	CORDON_REPORT_STACK_SMASHED,
	CORDON_REPORT_BAD_HANDLE,
};

void cordon_report_access(enum cordon_report_kind kind,
			  const struct cordon_ve_event *const ev,
			  struct pt_regs *const regs);
void cordon_report_reconfig(const char *const what, int err);
void cordon_report_internal(const char *const what);
void cordon_report_fault(const char *const compartment, long vector,
			 unsigned long ip, bool stack_lost);
void cordon_report_tampered(const char *const compartment, u64 what);
void cordon_report_priv_insn(const char *const where, unsigned long addr,
			     const char *const insn);
struct cordon_compartment;
void cordon_report_released(const struct cordon_compartment *const c,
			    unsigned int n);
void cordon_report_unbalanced(const struct cordon_compartment *const c,
			      int preempt, int pagefault);
void cordon_report_stack_smashed(const char *const compartment,
				 const void *const at);
void cordon_report_not_own(const char *const compartment,
			   const char *const what, const void *const addr,
			   bool refused);

#endif /* _CORDON_REPORT_H */
