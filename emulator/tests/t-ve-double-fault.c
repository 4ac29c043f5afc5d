// SPDX-License-Identifier: GPL-2.0
// QEMU: -cpu max,cordon-views=on -smp 1
// EXPECT: pass
/*
 * #VE belongs to the page-fault class when faults nest (SDM Vol. 3A,
 * tables 6-4 and 6-5): a page fault while the CPU delivers a #VE is a
 * double fault, not a page fault. Here the #VE's IST stack is a linear
 * address nothing maps, so pushing its frame faults.
 */
#include "test.h"

static struct ve_info ve PAGE_ALIGNED;
static u8 hidden[PAGE_SIZE] PAGE_ALIGNED;

/* Canonical, and far from anything the runtime maps. */
#define UNMAPPED_STACK	0x0000700000000000ul

void test_main(void)
{
	struct trap_result r;
	long v;
	u8 val;

	require(!pte_of(UNMAPPED_STACK - 8), "the IST address is unmapped");
	views_enable();
	ve_setup(&ve);
	v = view_create_checked(CORDON_ACCESS_RWX);
	view_restrict(v, gfn_of(hidden), 0);

	view_switch(v);
	try_read8(hidden, &val, &r);
	view_switch(0);
	check_ve_trap(&r, r.insn, "a read the view hides, with a good stack");
	ve_release(&ve);

	cpu_set_ist(this_cpu(), 3, (void *)UNMAPPED_STACK);
	idt_set_ist(CORDON_VE_VECTOR, 3);
	view_switch(v);
	try_read8(hidden, &val, &r);
	view_switch(0);
	idt_set_ist(CORDON_VE_VECTOR, 0);
	check_trap(&r, 8, "a page fault while delivering #VE is a double fault");
	check(r.has_error && r.error_code == 0, "#DF pushes error code 0");
	ve_release(&ve);
}
