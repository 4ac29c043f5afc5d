// SPDX-License-Identifier: GPL-2.0
// QEMU: -cpu max,cordon-views=on -smp 1
// EXPECT: pass
/*
 * A data write to a frame that is readable and executable but not
 * writable in the current view becomes #VE: the store does not happen,
 * reads still work, and the qualification says write, with R and X set
 * in bits 3-5.
 */
#include "test.h"

static struct ve_info ve PAGE_ALIGNED;
static u8 data[PAGE_SIZE] PAGE_ALIGNED;

#define OFF 0x238
#define QUAL (CORDON_VE_QUAL_WRITE | CORDON_VE_QUAL_READABLE | \
	      CORDON_VE_QUAL_EXECUTABLE | CORDON_VE_QUAL_GLA_VALID | \
	      CORDON_VE_QUAL_FINAL)

void test_main(void)
{
	u8 *alias = map_alias(1, phys_of(data));
	struct trap_result r;
	long v;
	u64 val;

	views_enable();
	ve_setup(&ve);
	v = view_create_checked(CORDON_ACCESS_RWX);
	view_restrict(v, gfn_of(data), CORDON_ACCESS_R | CORDON_ACCESS_X);
	*(volatile u64 *)(data + OFF) = 0x1111;

	view_switch(v);
	try_write64(alias + OFF, 0x2222, &r);
	check_ve_trap(&r, r.insn, "write to an R-X frame");
	check_ve_info(&ve, QUAL, (u64)alias + OFF, phys_of(data) + OFF, v,
		      "write to an R-X frame");

	try_read64(alias + OFF, &val, &r);
	check_trap(&r, NO_TRAP, "the view still reads the frame");
	check_eq(val, 0x1111, "the faulting store did not reach memory");

	ve_release(&ve);
	view_switch(0);
	try_write64(alias + OFF, 0x3333, &r);
	check_trap(&r, NO_TRAP, "view 0 writes the frame");
	check_eq(*(volatile u64 *)(data + OFF), 0x3333, "view 0's store landed");
}
