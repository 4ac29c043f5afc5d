// SPDX-License-Identifier: GPL-2.0
// QEMU: -cpu max,cordon-views=on -smp 1
// EXPECT: pass
/*
 * The page walker's reads of guest paging structures are checked against
 * the view too. Here the page-table page that maps an alias address is
 * not readable in the view: translating the alias raises #VE with bit 8
 * clear (a paging-structure access, not the final translation), GPA = the
 * page-table entry the walker read, and GLA = the address being
 * translated. The runtime presets accessed and dirty bits, so the walk
 * only reads: the access type is a data read.
 */
#include "test.h"

static struct ve_info ve PAGE_ALIGNED;
static u8 data[PAGE_SIZE] PAGE_ALIGNED;

#define SLOT 5
#define QUAL (CORDON_VE_QUAL_READ | CORDON_VE_QUAL_GLA_VALID)

void test_main(void)
{
	u8 *alias = map_alias(SLOT, phys_of(data));
	u64 pte = phys_of(pte_of((u64)alias));
	struct trap_result r;
	long v;
	u8 val;

	check(gfn_of(pte_of((u64)alias)) != gfn_of(pte_of((u64)data)),
	      "the alias is mapped by a page table of its own");
	data[0x10] = 0x42;

	views_enable();
	ve_setup(&ve);
	v = view_create_checked(CORDON_ACCESS_RWX);
	view_restrict(v, pte >> 12, 0);
	invlpg(alias);	/* make sure the next access walks */

	view_switch(v);
	try_read8(alias + 0x10, &val, &r);
	check_ve_trap(&r, r.insn, "walk through an unreadable page table");
	check_ve_info(&ve, QUAL, (u64)alias + 0x10, pte, v,
		      "walk through an unreadable page table");

	try_read8(data + 0x10, &val, &r);
	check_trap(&r, NO_TRAP, "the data frame itself is readable in the view");
	check_eq(val, 0x42, "through its identity mapping");

	ve_release(&ve);
	view_switch(0);
	try_read8(alias + 0x10, &val, &r);
	check_trap(&r, NO_TRAP, "view 0 walks the page table");
	check_eq(val, 0x42, "and reads the data through the alias");
}
