// SPDX-License-Identifier: GPL-2.0
// QEMU: -cpu max,cordon-views=on -smp 1
// EXPECT: exit 64 /cordon-views: EPT violation exit: vcpu=0 view=1 .*access=write .*not converted to #VE: violation during event delivery/
/*
 * A violation while the CPU delivers another event is not converted to
 * #VE. #BP is given an IST stack on a frame that is read-only in the view
 * with suppress-#VE = 0; a plain write to that frame shows it would be
 * #VE-eligible, but int3, whose delivery pushes the frame there, must take
 * the violation exit.
 */
#include "test.h"

static struct ve_info ve PAGE_ALIGNED;
static u8 ist_stack[PAGE_SIZE] PAGE_ALIGNED;

void test_main(void)
{
	struct trap_result r;
	long v;

	cpu_set_ist(this_cpu(), 2, ist_stack + PAGE_SIZE);
	idt_set_ist(3, 2);
	try_int3(&r);
	check_trap(&r, 3, "int3 raises #BP");
	check(r.frame >= phys_of(ist_stack) &&
	      r.frame < phys_of(ist_stack) + PAGE_SIZE,
	      "#BP is delivered on its IST stack");

	views_enable();
	ve_setup(&ve);
	v = view_create_checked(CORDON_ACCESS_RWX);
	view_restrict(v, gfn_of(ist_stack), CORDON_ACCESS_R);

	view_switch(v);
	try_write64(ist_stack + 0x100, 1, &r);
	check_ve_trap(&r, r.insn, "plain write to the IST frame");
	ve_release(&ve);

	exit_expected("#BP delivery writes its frame to a read-only IST stack");
	try_int3(&r);
	exit_missed(&r, "violation during #BP delivery");
}
