/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Cordon - #VE handling (private)
 */

#ifndef _CORDON_VE_H
#define _CORDON_VE_H

#include <linux/cordon.h>
#include <linux/percpu.h>
#include <linux/types.h>

struct pt_regs;
struct ve_area;

/* Each CPU's #VE information area; the #VE gate stub reads its view. */
DECLARE_PER_CPU(struct ve_area *, cordon_ve_area);

/**
 * struct cordon_ve_event - one #VE, as decoded from the information area
 * @reason: exit reason; 48 for an EPT violation
 * @qual: exit qualification (CORDON_VE_QUAL_* bits)
 * @gla: guest linear address accessed
 * @gpa: guest physical address accessed
 * @view: the view the CPU was in (EPTP index)
 * @rip: the faulting instruction
 */
struct cordon_ve_event {
	u32 reason;
	u64 qual;
	u64 gla;
	u64 gpa;
	u16 view;
	unsigned long rip;
};

/**
 * enum cordon_verdict - what the decision function rules
 * @CORDON_VERDICT_DENY: the access does not happen
 * @CORDON_VERDICT_GRANT: the access is granted by policy
 * @CORDON_VERDICT_PERMISSIVE: not allowed, but granted in permissive mode
 */
enum cordon_verdict {
	CORDON_VERDICT_DENY,
	CORDON_VERDICT_GRANT,
	CORDON_VERDICT_PERMISSIVE,
};

enum cordon_verdict cordon_ve_decide(const struct cordon_ve_event *const ev);
enum cordon_verdict cordon_ve_decide_in(const struct cordon_ve_event *const ev,
					enum cordon_mode mode);
void cordon_ve_revoke_grants(u16 view);
u32 cordon_ve_access(u64 qual);
int cordon_ve_init(void);
bool cordon_ve_last(unsigned int cpu, struct cordon_ve_event *const ev);
void cordon_ve_learn(const struct cordon_ve_event *const ev);
struct bio;
struct cordon_lends;
void cordon_ve_learn_bio(const struct cordon_lends *const l,
			 const struct bio *const bio);

#endif /* _CORDON_VE_H */
