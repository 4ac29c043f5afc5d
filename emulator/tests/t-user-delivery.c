// SPDX-License-Identifier: GPL-2.0
// QEMU: -cpu max,cordon-views=on -smp 1
// EXPECT: pass
/*
 * A process that switches itself into a view where the CPU cannot deliver
 * its next event (here the #UD of a VMFUNC with EAX = 1, whose IST stack
 * is read-only there) must not stop the guest. An event that arose at CPL 3 and cannot be delivered in
 * a view other than 0 is injected again in view 0 (docs/views-abi.md,
 * "Events from user space"): the handler runs, in view 0. At CPL 0 the
 * same violation is still an exit (t-delivery).
 */
#include "test.h"

static struct ve_info ve PAGE_ALIGNED;
static u8 ist_stack[PAGE_SIZE] PAGE_ALIGNED;

struct user_fault {
	long view;
	struct trap_result r;
};

static long user_fault(void *arg)
{
	struct user_fault *u = arg;

	vmfunc(0, u->view);
	try_vmfunc(1, 0, &u->r);
	return 0;
}

void test_main(void)
{
	struct user_fault u = { 0 };
	long v;

	cpu_set_ist(this_cpu(), 2, ist_stack + PAGE_SIZE);
	idt_set_ist(6, 2);
	views_enable();
	ve_setup(&ve);
	v = view_create_checked(CORDON_ACCESS_RWX);
	view_restrict(v, gfn_of(ist_stack), CORDON_ACCESS_R);

	u.view = v;
	run_user(user_fault, &u);
	check_trap(&u.r, 6, "#UD at CPL 3 in view %ld: delivered", v);
	check_eq(u.r.cs, USER_CS, "taken at CPL 3");
	check(u.r.frame >= phys_of(ist_stack) &&
	      u.r.frame < phys_of(ist_stack) + PAGE_SIZE,
	      "on its IST stack, written in view 0");
	check_ret(view_current(), 0, "the process is back in view 0");
	check_eq(ve.busy, 0, "no #VE was raised for it");
}
