// SPDX-License-Identifier: GPL-2.0
// QEMU: -cpu max,cordon-views=on -smp 1
// EXPECT: pass
/*
 * The walker's update of an accessed bit in a page table the view makes
 * read-only is an EPT violation on the paging-structure entry, reported
 * as a read and a write (qualification bits 0 and 1, as the SDM's
 * locked read-modify-write and KVM's EPT tests have it), bit 8 clear.
 */
#include "test.h"

static struct ve_info ve PAGE_ALIGNED;
static u8 data[PAGE_SIZE] PAGE_ALIGNED;

#define SLOT 9
#define QUAL (CORDON_VE_QUAL_READ | CORDON_VE_QUAL_WRITE | \
	      CORDON_VE_QUAL_READABLE | CORDON_VE_QUAL_GLA_VALID)

void test_main(void)
{
	u8 *alias = map_alias(SLOT, phys_of(data));
	u64 *pte = pte_of((u64)alias);
	struct trap_result r;
	long v;
	u8 val;

	*pte &= ~(u64)PTE_A;
	invlpg(alias);
	views_enable();
	ve_setup(&ve);
	v = view_create_checked(CORDON_ACCESS_RWX);
	view_restrict(v, phys_of(pte) >> 12, CORDON_ACCESS_R);

	view_switch(v);
	try_read8(alias + 0x30, &val, &r);
	view_switch(0);
	check_ve_trap(&r, r.insn, "setting A in a read-only page table");
	check_ve_info(&ve, QUAL, (u64)alias + 0x30, phys_of(pte), v,
		      "setting A in a read-only page table");
	ve_release(&ve);
	check(!(*pte & PTE_A), "and A stays clear");

	try_read8(alias + 0x30, &val, &r);
	check_trap(&r, NO_TRAP, "view 0 may set it");
	check(*pte & PTE_A, "and does");
}
