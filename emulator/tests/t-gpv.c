// SPDX-License-Identifier: GPL-2.0
// QEMU: -cpu max,cordon-views=on -smp 1
// EXPECT: pass
/*
 * Guest-paging verification: a frame marked VERIFY_PAGING in a view may be
 * reached only through paging structures that lie in the view's PAGING
 * frames. Through any other tables (here, the alias window's own page
 * tables) every access is an EPT violation with qualification bit 15, even
 * an access the view's R/W/X bits allow. This is what keeps a sealed
 * compartment's linear addresses bound to its own page tables: whoever
 * can write page tables can alias a frame, but not through tables the
 * view trusts.
 */
#include "test.h"

static struct ve_info ve PAGE_ALIGNED;
static u8 data[PAGE_SIZE] PAGE_ALIGNED;

#define SLOT 7
#define QUAL (CORDON_VE_QUAL_READ | CORDON_VE_QUAL_READABLE | \
	      CORDON_VE_QUAL_WRITABLE | CORDON_VE_QUAL_EXECUTABLE | \
	      CORDON_VE_QUAL_GLA_VALID | CORDON_VE_QUAL_FINAL | \
	      CORDON_VE_QUAL_GPV)

/* The frames of the four paging structures that translate @va. */
static void tables_of(u64 va, u64 frames[4])
{
	u64 table = read_cr3() & ~0xfffull;
	int level;

	for (level = 3; level >= 0; level--) {
		u64 e = ((u64 *)table)[(va >> (12 + 9 * level)) & 511];

		frames[3 - level] = table >> 12;
		table = e & 0x000ffffffffff000ull;
	}
}

static void mark_paging(long v, const u64 frames[4])
{
	int i;

	for (i = 0; i < 4; i++)
		check_ret(view_set_access(v, frames[i], CORDON_ACCESS_RWX |
					  CORDON_ACCESS_PAGING), 0,
			  "view %ld: page-table frame %#lx is PAGING", v,
			  frames[i]);
}

void test_main(void)
{
	u8 *alias = map_alias(SLOT, phys_of(data));
	u64 own[4], other[4];
	struct trap_result r;
	long v;
	u8 val;

	tables_of((u64)data, own);
	tables_of((u64)alias, other);
	check(own[3] != other[3], "the alias has a page table of its own");
	data[0x20] = 0x5a;

	views_enable();
	ve_setup(&ve);
	v = view_create_checked(CORDON_ACCESS_RWX);
	check_ret(view_set_access(v, gfn_of(data), CORDON_ACCESS_RWX |
				  CORDON_ACCESS_VERIFY_PAGING), 0,
		  "VERIFY_PAGING on the data frame");
	check_ret(view_set_sve(v, gfn_of(data), 0), 0, "#VE for it");
	check_ret(view_get_access(v, gfn_of(data)), CORDON_ACCESS_RWX |
		  CORDON_ACCESS_VERIFY_PAGING, "GET_ACCESS reports it");
	mark_paging(v, own);
	check_ret(view_set_access(v, gfn_of(data), 1u << 5), -CORDON_EINVAL,
		  "an unknown access bit is refused");
	check_ret(hc(CORDON_HC_CREATE_VIEW, CORDON_ACCESS_RWX |
		     CORDON_ACCESS_PAGING), -CORDON_EINVAL,
		  "a view's default takes R/W/X only");

	view_switch(v);
	try_read8(data + 0x20, &val, &r);
	check_trap(&r, NO_TRAP, "read through the PAGING tables");
	check_eq(val, 0x5a, "and the value is the frame's");

	try_read8(alias + 0x20, &val, &r);
	check_ve_trap(&r, r.insn, "read through tables outside PAGING");
	check_ve_info(&ve, QUAL, (u64)alias + 0x20, phys_of(data) + 0x20, v,
		      "read through tables outside PAGING");
	ve_release(&ve);

	try_write64(alias + 0x40, 1, &r);
	check_ve_trap(&r, r.insn, "write through tables outside PAGING");
	check_eq(ve.qual & (CORDON_VE_QUAL_WRITE | CORDON_VE_QUAL_GPV),
		 CORDON_VE_QUAL_WRITE | CORDON_VE_QUAL_GPV,
		 "the write is reported as one, with bit 15");
	ve_release(&ve);
	check_eq(data[0x40], 0, "and did not happen");

	/* Every level must be PAGING: the shared PML4 is, the rest not yet. */
	view_switch(0);
	mark_paging(v, other);
	check_ret(view_set_access(v, other[3], CORDON_ACCESS_RWX), 0,
		  "all but the alias's page table");
	invlpg(alias);
	view_switch(v);
	try_read8(alias + 0x20, &val, &r);
	check_ve_trap(&r, r.insn, "one level outside PAGING");
	ve_release(&ve);

	view_switch(0);
	mark_paging(v, other);
	invlpg(alias);
	view_switch(v);
	try_read8(alias + 0x20, &val, &r);
	check_trap(&r, NO_TRAP, "read once every level is PAGING");
	check_eq(val, 0x5a, "through the alias");

	view_switch(0);
	try_read8(alias + 0x20, &val, &r);
	check_trap(&r, NO_TRAP,
		   "view 0 verifies nothing: the bits are per view");

	check_ret(view_set_access(v, gfn_of(data), CORDON_ACCESS_RWX), 0,
		  "without VERIFY_PAGING");
	check_ret(view_set_access(v, other[3], CORDON_ACCESS_RWX), 0,
		  "and the alias table outside PAGING again");
	invlpg(alias);
	view_switch(v);
	try_read8(alias + 0x20, &val, &r);
	check_trap(&r, NO_TRAP, "an unverified frame is reachable any way");
	view_switch(0);
}
