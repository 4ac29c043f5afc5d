// SPDX-License-Identifier: GPL-2.0
// QEMU: -cpu max -smp 2
// EXPECT: pass
/*
 * The harness on a second processor, so that t-smp can trust it: the AP
 * starts through INIT-SIPI-SIPI, gets per-CPU state of its own, catches
 * its own exceptions, and runs code at CPL 3.
 */
#include "test.h"

static struct {
	volatile int done;
	int index;
	u32 apic_id;
	struct trap_result ud;
	long user_ret;
	u64 user_cs;
} ap;

static long user_fn(void *arg)
{
	u16 cs;

	asm volatile("mov %%cs, %0" : "=r"(cs));
	*(u64 *)arg = cs;
	return 0x5150;
}

static void ap_body(void *arg)
{
	ap.index = this_cpu()->index;
	ap.apic_id = this_cpu()->apic_id;
	try_vmfunc(0, 0, &ap.ud);
	ap.user_ret = run_user(user_fn, &ap.user_cs);
	barrier();	/* the results above before the flag */
	ap.done = 1;
}

void test_main(void)
{
	require(start_ap(1, ap_body, NULL), "AP with APIC ID 1 started");
	require(wait_for(&ap.done, 1, 20000), "AP ran its function");
	check_eq(ap.index, 1, "AP has per-CPU index 1");
	check_eq(ap.apic_id, 1, "AP reports APIC ID 1");
	check_eq(this_cpu()->index, 0, "BSP still has index 0");
	check_trap(&ap.ud, 6, "AP catches its own #UD");
	check_eq(ap.ud.rip, ap.ud.insn, "AP's #UD points at the instruction");
	check_eq(ap.user_ret, 0x5150, "AP runs a function at CPL 3");
	check_eq(ap.user_cs, USER_CS, "with the user code segment");
	check_eq(this_cpu()->nr_traps, 0,
		 "the AP's exception was not seen by the BSP");
}
