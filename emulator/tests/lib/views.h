/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The views ABI as the tests use it: hypercall wrappers, the #VE
 * information area and checks on it. Numbers come from the shared ABI
 * header only.
 */
#ifndef _TESTS_VIEWS_H
#define _TESTS_VIEWS_H

#include <linux/cordon-views-abi.h>

#include "runtime.h"
#include "trap.h"

/* hc(op, args...): a hypercall with missing arguments passed as 0. */
#define hc(...)			hc_(__VA_ARGS__, 0, 0, 0, 0)
#define hc_(op, a, b, c, d, ...) \
	hypercall((op), (u64)(a), (u64)(b), (u64)(c), (u64)(d))

static inline long view_create(u32 access)
{
	return hc(CORDON_HC_CREATE_VIEW, access);
}

static inline long view_set_access(long view, u64 gfn, u32 access)
{
	return hc(CORDON_HC_SET_ACCESS, view, gfn, access);
}

static inline long view_get_access(long view, u64 gfn)
{
	return hc(CORDON_HC_GET_ACCESS, view, gfn);
}

static inline long view_set_sve(long view, u64 gfn, int sve)
{
	return hc(CORDON_HC_SET_SVE, view, gfn, sve);
}

static inline long view_get_sve(long view, u64 gfn)
{
	return hc(CORDON_HC_GET_SVE, view, gfn);
}

static inline long view_current(void)
{
	return hc(CORDON_HC_GET_VIEW);
}

/* The #VE information area (Intel SDM; offsets in the ABI header). */
struct ve_info {
	u32 reason;
	u32 busy;
	u64 qual;
	u64 gla;
	u64 gpa;
	u16 view;
	u8 rest[PAGE_SIZE - 34];
};	/* naturally aligned: the asserts below hold without packing */

_Static_assert(offsetof(struct ve_info, reason) == CORDON_VE_OFF_REASON, "");
_Static_assert(offsetof(struct ve_info, busy) == CORDON_VE_OFF_BUSY, "");
_Static_assert(offsetof(struct ve_info, qual) == CORDON_VE_OFF_QUAL, "");
_Static_assert(offsetof(struct ve_info, gla) == CORDON_VE_OFF_GLA, "");
_Static_assert(offsetof(struct ve_info, gpa) == CORDON_VE_OFF_GPA, "");
_Static_assert(offsetof(struct ve_info, view) == CORDON_VE_OFF_VIEW, "");
_Static_assert(sizeof(struct ve_info) == PAGE_SIZE, "");

/* Bail unless CPUID advertises views; returns the number of views. */
u32 views_require(void);
/* SET_STATE(1), checked. */
void views_enable(void);
/* Clear *ve and VE_ENABLE it for the calling vCPU, checked. */
void ve_setup(struct ve_info *ve);
/* CREATE_VIEW(access), required to succeed; returns the index. */
long view_create_checked(u32 access);
/* Make frame gfn #VE-eligible in view (access, suppress-#VE = 0), checked. */
void view_restrict(long view, u64 gfn, u32 access);
/*
 * view_restrict() done by the second processor (APIC ID 1, started for
 * it; once per test), in view 0, while this one stays where it is: the
 * way to change the view this processor is in, since control hypercalls
 * come from view 0 only.
 */
void view_restrict_remote(long view, u64 gfn, u32 access);
/* Switch with VMFUNC and require that GET_VIEW agrees. */
void view_switch(long view);

/* Check a #VE trap: vector 20, no error code, RIP = the faulting insn. */
void check_ve_trap(const struct trap_result *r, u64 rip, const char *what);
/* Check every field the CPU writes to the information area. */
void check_ve_info(const struct ve_info *ve, u64 qual, u64 gla, u64 gpa,
		   u16 view, const char *what);
/* Let the next violation be converted again. */
static inline void ve_release(struct ve_info *ve)
{
	*(volatile u32 *)&ve->busy = 0;
}

void ve_dump(const struct ve_info *ve);

/*
 * Tests whose last access must end the VM through the violation exit
 * (status 64): announce it, and report a failure if control comes back.
 */
void exit_expected(const char *why);
void __noreturn exit_missed(const struct trap_result *r, const char *what);

#endif /* _TESTS_VIEWS_H */
