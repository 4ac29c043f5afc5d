// SPDX-License-Identifier: GPL-2.0
// QEMU: -cpu max,cordon-views=on -smp 2
// EXPECT: pass
/*
 * No stale code: code translated and run in view A must not run from a
 * cached translation after VMFUNC to view B where its frame is not
 * executable, nor after SET_ACCESS removes execute permission in the
 * current view (by the other vCPU, from view 0). Both must raise a fetch
 * #VE at the entry.
 */
#include "test.h"

static struct ve_info ve PAGE_ALIGNED;
static u8 code[PAGE_SIZE] PAGE_ALIGNED;

#define OFF 0x80
#define QUAL_NX (CORDON_VE_QUAL_FETCH | CORDON_VE_QUAL_READABLE | \
		 CORDON_VE_QUAL_WRITABLE | CORDON_VE_QUAL_GLA_VALID | \
		 CORDON_VE_QUAL_FINAL)

/* mov $0x600d, %eax; ret */
static const u8 snippet[] = { 0xb8, 0x0d, 0x60, 0x00, 0x00, 0xc3 };

static void run_ok(const char *what)
{
	struct trap_result r;
	u64 ret;

	try_call(code + OFF, &ret, &r);
	check(r.vector == NO_TRAP && ret == 0x600d, "%s", what);
}

static void run_faults(long view, const char *what)
{
	struct trap_result r;
	u64 ret;

	try_call(code + OFF, &ret, &r);
	check_ve_trap(&r, phys_of(code) + OFF, what);
	check_ve_info(&ve, QUAL_NX, phys_of(code) + OFF, phys_of(code) + OFF,
		      view, what);
	ve_release(&ve);
}

void test_main(void)
{
	long a, b;

	memcpy(code + OFF, snippet, sizeof(snippet));
	views_enable();
	ve_setup(&ve);
	a = view_create_checked(CORDON_ACCESS_RWX);
	b = view_create_checked(CORDON_ACCESS_RWX);
	view_restrict(b, gfn_of(code), CORDON_ACCESS_R | CORDON_ACCESS_W);

	view_switch(a);
	run_ok("view A runs the code");
	run_ok("view A runs it again (translated block cached)");
	view_switch(b);
	run_faults(b, "call in view B after the code ran in view A");
	view_switch(a);
	run_ok("view A still runs the code");

	view_restrict_remote(a, gfn_of(code), CORDON_ACCESS_R | CORDON_ACCESS_W);
	run_faults(a, "call after SET_ACCESS (by the other vCPU) removed execute in the current view");
	view_switch(0);
	run_ok("view 0 runs the code");
}
