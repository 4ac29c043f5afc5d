// SPDX-License-Identifier: GPL-2.0
// QEMU: -cpu max,cordon-views=on -smp 1
// EXPECT: pass
/*
 * GET_COUNTERS writes the calling vCPU's 8 counters; a known sequence of
 * events moves each by the expected amount (a VMFUNC to the current view
 * flushes nothing), RESET_COUNTERS zeroes them, and a buffer that is
 * misaligned, crosses a page or lies beyond RAM is refused.
 *
 * Between two GET_COUNTERS calls with k hypercalls in between, the
 * hypercall counter moves by k + 1 whether or not a GET_COUNTERS call
 * counts itself before taking the snapshot.
 */
#include "test.h"

static struct ve_info ve PAGE_ALIGNED;
static u8 data[PAGE_SIZE] PAGE_ALIGNED;
static u64 buf[2][CORDON_CTR_NR] __aligned(64);
static u8 edge[PAGE_SIZE] PAGE_ALIGNED;

static const char *const names[CORDON_CTR_NR] = {
	"VMFUNC", "VMFUNC_UD", "VE", "VIOLATION_EXIT", "HYPERCALL",
	"HYPERCALL_ERR", "TLB_FLUSH", "INSNS",
};

static void get_counters(u64 *ctr)
{
	require(hc(CORDON_HC_GET_COUNTERS, phys_of(ctr)) == 0,
		"GET_COUNTERS(%#lx)", phys_of(ctr));
}

/*
 * Exactly: 5 VMFUNCs of which 4 change view (and flush), 2 refused
 * VMFUNCs, 1 #VE, 2 hypercalls of which 1 fails.
 */
static void events(long v)
{
	struct trap_result r;

	try_vmfunc(0, 0, &r);		/* already there: no flush */
	try_vmfunc(0, v, &r);
	try_write64(data, 1, &r);
	check_trap(&r, CORDON_VE_VECTOR, "write to the read-only frame: #VE");
	ve_release(&ve);
	try_vmfunc(0, 0, &r);
	try_vmfunc(0, v, &r);
	try_vmfunc(0, 0, &r);
	try_vmfunc(0, 999, &r);
	try_vmfunc(1, 0, &r);
	hc(99);
	hc(CORDON_HC_GET_VIEW);
}

static void check_delta(int i, u64 want)
{
	check_eq(buf[1][i] - buf[0][i], want, "counter %s moved by %lu",
		 names[i], want);
}

void test_main(void)
{
	long v;

	views_enable();
	ve_setup(&ve);
	v = view_create_checked(CORDON_ACCESS_RWX);
	view_restrict(v, gfn_of(data), CORDON_ACCESS_R);

	get_counters(buf[0]);
	events(v);
	get_counters(buf[1]);
	check_delta(CORDON_CTR_VMFUNC, 5);
	check_delta(CORDON_CTR_VMFUNC_UD, 2);
	check_delta(CORDON_CTR_VE, 1);
	check_delta(CORDON_CTR_VIOLATION_EXIT, 0);
	check_delta(CORDON_CTR_HYPERCALL, 3);
	check_delta(CORDON_CTR_HYPERCALL_ERR, 1);
	check_delta(CORDON_CTR_TLB_FLUSH, 4);
	check_eq(buf[1][CORDON_CTR_INSNS], 0, "INSNS is 0 without -icount");

	check_ret(hc(CORDON_HC_RESET_COUNTERS), 0, "RESET_COUNTERS");
	get_counters(buf[0]);
	check_eq(buf[0][CORDON_CTR_VMFUNC], 0, "VMFUNC counter reset");
	check_eq(buf[0][CORDON_CTR_VMFUNC_UD], 0, "VMFUNC_UD counter reset");
	check_eq(buf[0][CORDON_CTR_VE], 0, "VE counter reset");
	check_eq(buf[0][CORDON_CTR_HYPERCALL_ERR], 0, "HYPERCALL_ERR counter reset");
	check(buf[0][CORDON_CTR_HYPERCALL] <= 2,
	      "HYPERCALL counter reset (at most the two calls since: %lu)",
	      buf[0][CORDON_CTR_HYPERCALL]);

	check_ret(hc(CORDON_HC_GET_COUNTERS, phys_of(edge) + PAGE_SIZE - 32),
		  -CORDON_EINVAL, "GET_COUNTERS buffer crossing a page");
	check_ret(hc(CORDON_HC_GET_COUNTERS, phys_of(buf[0]) + 4), -CORDON_EINVAL,
		  "GET_COUNTERS buffer not 8-byte aligned");
	check_ret(hc(CORDON_HC_GET_COUNTERS, 0x20000000ul), -CORDON_ERANGE,
		  "GET_COUNTERS buffer beyond RAM");
}
