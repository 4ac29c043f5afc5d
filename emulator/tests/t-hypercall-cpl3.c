// SPDX-License-Identifier: GPL-2.0
// QEMU: -cpu max,cordon-views=on -smp 1
// EXPECT: pass
/*
 * The control plane belongs to CPL 0. From CPL 3 every hypercall returns
 * -EPERM (-1), raises no exception, and changes nothing.
 */
#include "test.h"

static struct ve_info ve PAGE_ALIGNED;
static struct ve_info user_ve PAGE_ALIGNED;
static u8 data[PAGE_SIZE] PAGE_ALIGNED;

struct user_call {
	const char *name;
	u64 op, a1, a2, a3;
	long ret;
	int vector;
};

static long user_calls(void *arg)
{
	struct user_call *c;
	struct trap_result r;

	for (c = arg; c->name; c++) {
		try_vmcall(c->op, c->a1, c->a2, c->a3, 0, &c->ret, &r);
		c->vector = r.vector;
	}
	return 0;
}

static long setup(void)
{
	views_enable();
	ve_setup(&ve);
	return view_create_checked(CORDON_ACCESS_RWX);
}

void test_main(void)
{
	u64 gfn = gfn_of(data);
	long v = setup();
	struct user_call *c;
	struct user_call calls[] = {
		{ "GET_STATE", CORDON_HC_GET_STATE },
		{ "SET_STATE(0)", CORDON_HC_SET_STATE, 0 },
		{ "VE_ENABLE", CORDON_HC_VE_ENABLE, phys_of(&user_ve) },
		{ "VE_DISABLE", CORDON_HC_VE_DISABLE },
		{ "CREATE_VIEW", CORDON_HC_CREATE_VIEW, CORDON_ACCESS_RWX },
		{ "DESTROY_VIEW", CORDON_HC_DESTROY_VIEW, v },
		{ "SWITCH_VIEW", CORDON_HC_SWITCH_VIEW, v },
		{ "SET_ACCESS", CORDON_HC_SET_ACCESS, v, gfn, CORDON_ACCESS_R },
		{ "SET_ACCESS_RANGE", CORDON_HC_SET_ACCESS_RANGE, v, gfn, 1 },
		{ "SET_SVE", CORDON_HC_SET_SVE, v, gfn, 0 },
		{ "GET_ACCESS", CORDON_HC_GET_ACCESS, v, gfn },
		{ "GET_VIEW", CORDON_HC_GET_VIEW },
		{ "SET_VISIBILITY", CORDON_HC_SET_VISIBILITY, v, 0 },
		{ "SEAL", CORDON_HC_SEAL, v, gfn, 1 },
		{ "LOCK", CORDON_HC_LOCK },
		{ "RESET_COUNTERS", CORDON_HC_RESET_COUNTERS },
		{ "unknown op 99", 99 },
		{ NULL },
	};

	run_user(user_calls, calls);
	for (c = calls; c->name; c++) {
		check_trap(&(struct trap_result){ .vector = c->vector }, NO_TRAP,
			   "%s at CPL 3 raises no exception", c->name);
		check_ret(c->ret, -CORDON_EPERM, "%s at CPL 3 returns -EPERM",
			  c->name);
	}

	check_ret(hc(CORDON_HC_GET_STATE), 1, "views are still enabled");
	check_ret(view_current(), 0, "still in view 0 (no SWITCH_VIEW)");
	check_ret(view_get_access(v, gfn), CORDON_ACCESS_RWX,
		  "frame access unchanged (no SET_ACCESS, no SEAL)");
	check_ret(view_get_sve(v, gfn), 1, "suppress-#VE unchanged");
	check_eq(user_ve.reason | user_ve.busy, 0,
		 "the CPL 3 VE_ENABLE area was not touched");
	view_switch(v);	/* neither destroyed nor hidden */
	view_switch(0);
	check_ret(view_create(CORDON_ACCESS_RWX), v + 1,
		  "CREATE_VIEW at CPL 0 gets the next index (no CPL 3 CREATE_VIEW, no LOCK)");
	check_ret(view_set_access(v, gfn, CORDON_ACCESS_R), 0,
		  "the frame is not sealed");
}
