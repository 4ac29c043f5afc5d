// SPDX-License-Identifier: GPL-2.0
/*
 * Views helpers shared by the tests.
 */
#include "test.h"

u32 views_require(void)
{
	struct cpuid_regs r = cpuid(CORDON_VIEWS_CPUID_BASE, 0);

	if (r.ebx != CORDON_VIEWS_CPUID_SIG_EBX ||
	    r.ecx != CORDON_VIEWS_CPUID_SIG_ECX ||
	    r.edx != CORDON_VIEWS_CPUID_SIG_EDX)
		tap_bail("CPUID %#x carries no \"%s\" signature: views not offered",
			 CORDON_VIEWS_CPUID_BASE, CORDON_VIEWS_CPUID_SIG);
	return cpuid(CORDON_VIEWS_CPUID_INFO, 0).ebx;
}

void views_enable(void)
{
	views_require();
	require(hc(CORDON_HC_SET_STATE, 1) == 0, "SET_STATE(1) enables views");
}

void ve_setup(struct ve_info *ve)
{
	long ret;

	memset(ve, 0, sizeof(*ve));
	ret = hc(CORDON_HC_VE_ENABLE, phys_of(ve));
	this_cpu()->ve_info = ve;
	require(ret == 0, "VE_ENABLE(%#lx) on cpu %d (got %ld)", phys_of(ve),
		this_cpu()->index, ret);
}

long view_create_checked(u32 access)
{
	long view = view_create(access);

	require(view > 0, "CREATE_VIEW(%u) returns a view (got %ld)", access,
		view);
	return view;
}

void view_restrict(long view, u64 gfn, u32 access)
{
	long a = view_set_access(view, gfn, access);
	long s = view_set_sve(view, gfn, 0);

	require(a == 0 && s == 0,
		"view %ld: frame %#lx access %u, suppress-#VE 0 (got %ld, %ld)",
		view, gfn, access, a, s);
}

void view_switch(long view)
{
	struct trap_result r;
	long now;

	try_vmfunc(0, view, &r);
	now = view_current();
	require(r.vector == NO_TRAP && now == view,
		"VMFUNC(0, %ld) switches view (exception %s, GET_VIEW %ld)",
		view, vector_name(r.vector), now);
}

void check_ve_trap(const struct trap_result *r, u64 rip, const char *what)
{
	check_trap(r, CORDON_VE_VECTOR, "%s raises #VE", what);
	if (r->vector != CORDON_VE_VECTOR)
		return;
	check(!r->has_error, "%s: #VE pushes no error code", what);
	check_eq(r->rip, rip, "%s: #VE is a fault at the access", what);
	check_eq(r->cs, KERNEL_CS, "%s: #VE frame holds the kernel CS", what);
}

void check_ve_info(const struct ve_info *ve, u64 qual, u64 gla, u64 gpa,
		   u16 view, const char *what)
{
	const volatile struct ve_info *v = ve;

	check_eq(v->reason, CORDON_VE_EXIT_REASON_EPT,
		 "%s: info exit reason is 48", what);
	check_eq(v->busy, CORDON_VE_BUSY, "%s: info busy word set", what);
	check_eq(v->qual, qual, "%s: info qualification", what);
	check_eq(v->gla, gla, "%s: info guest linear address", what);
	check_eq(v->gpa, gpa, "%s: info guest physical address", what);
	check_eq(v->view, view, "%s: info view index", what);
}

void ve_dump(const struct ve_info *ve)
{
	const volatile struct ve_info *v = ve;

	printf("# #VE info at %#lx: reason %u busy %#x qual %#lx gla %#lx "
	       "gpa %#lx view %u\n", phys_of(ve), v->reason, v->busy, v->qual,
	       v->gla, v->gpa, v->view);
}

void exit_expected(const char *why)
{
	note("expecting the EPT violation exit now: %s", why);
}

void exit_missed(const struct trap_result *r, const char *what)
{
	if (r->vector == NO_TRAP)
		tap_fail("%s: no violation exit (the access completed)", what);
	else
		tap_fail("%s: no violation exit (exception %d %s instead)",
			 what, r->vector, vector_name(r->vector));
	if (this_cpu()->ve_info)
		ve_dump(this_cpu()->ve_info);
	tap_done();
}

/* What the other processor of view_restrict_remote() does and reports. */
struct remote_restrict {
	long view;
	u64 gfn;
	u32 access;
	long set_access, set_sve;
	volatile int done;
};

static void remote_restrict_body(void *arg)
{
	struct remote_restrict *r = arg;

	r->set_access = view_set_access(r->view, r->gfn, r->access);
	r->set_sve = view_set_sve(r->view, r->gfn, 0);
	barrier();
	r->done = 1;
	for (;;)
		asm volatile("cli; hlt");
}

void view_restrict_remote(long view, u64 gfn, u32 access)
{
	static struct remote_restrict r;

	r = (struct remote_restrict){ .view = view, .gfn = gfn,
				      .access = access };
	require(start_ap(1, remote_restrict_body, &r),
		"the second processor started");
	require(wait_for(&r.done, 1, 20000) && r.set_access == 0 &&
		r.set_sve == 0,
		"view %ld: frame %#lx access %u, suppress-#VE 0, set from the "
		"other processor (got %ld, %ld)", view, gfn, access,
		r.set_access, r.set_sve);
}
