// SPDX-License-Identifier: GPL-2.0
// QEMU: -cpu max,cordon-views=on -smp 1
// EXPECT: pass
/*
 * The control plane belongs to view 0. Code in any other view runs at
 * CPL 0 too (a compartment), and must not reconfigure the views that hold
 * it: every hypercall but GET_STATE and GET_VIEW returns -EPERM there,
 * raises no exception and changes nothing. The attack this stops: a
 * compartment asks GET_VIEW which view it is in, opens a kernel frame in
 * that view with SET_ACCESS, and writes it.
 */
#include "test.h"

static struct ve_info ve PAGE_ALIGNED;
static struct ve_info other_ve PAGE_ALIGNED;
static struct { u64 ctr[CORDON_CTR_NR]; } counters PAGE_ALIGNED;
static u8 kernel_data[PAGE_SIZE] PAGE_ALIGNED;

struct call {
	const char *name;
	u64 op, a1, a2, a3, a4;
	long ret;
	int vector;
};

/* Run every call from view @v, then come back with VMFUNC. */
static void calls_from_view(long v, struct call *calls)
{
	struct trap_result r;
	struct call *c;

	vmfunc(0, v);
	for (c = calls; c->name; c++) {
		try_vmcall(c->op, c->a1, c->a2, c->a3, c->a4, &c->ret, &r);
		c->vector = r.vector;
	}
	vmfunc(0, 0);
}

void test_main(void)
{
	u64 gfn = gfn_of(kernel_data);
	long v, spare;
	struct call *c;
	struct call calls[] = {
		{ "SET_ACCESS on its own view", CORDON_HC_SET_ACCESS, 0, gfn,
		  CORDON_ACCESS_RWX },
		{ "SET_ACCESS_RANGE", CORDON_HC_SET_ACCESS_RANGE, 0, gfn, 1,
		  CORDON_ACCESS_RWX },
		{ "SET_SVE", CORDON_HC_SET_SVE, 0, gfn, 1 },
		{ "SET_SVE_RANGE", CORDON_HC_SET_SVE_RANGE, 0, gfn, 1, 1 },
		{ "GET_ACCESS", CORDON_HC_GET_ACCESS, 0, gfn },
		{ "GET_SVE", CORDON_HC_GET_SVE, 0, gfn },
		{ "SET_STATE(0)", CORDON_HC_SET_STATE, 0 },
		{ "VE_ENABLE", CORDON_HC_VE_ENABLE, phys_of(&other_ve) },
		{ "VE_DISABLE", CORDON_HC_VE_DISABLE },
		{ "CREATE_VIEW", CORDON_HC_CREATE_VIEW, CORDON_ACCESS_RWX },
		{ "DESTROY_VIEW", CORDON_HC_DESTROY_VIEW, 0 },
		{ "SWITCH_VIEW", CORDON_HC_SWITCH_VIEW, 0 },
		{ "SET_VISIBILITY", CORDON_HC_SET_VISIBILITY, 0, 0 },
		{ "SEAL", CORDON_HC_SEAL, 0, gfn, 1 },
		{ "FREEZE", CORDON_HC_FREEZE, gfn, 1 },
		{ "LOCK", CORDON_HC_LOCK },
		{ "GET_COUNTERS", CORDON_HC_GET_COUNTERS, phys_of(&counters) },
		{ "RESET_COUNTERS", CORDON_HC_RESET_COUNTERS },
		{ "GET_HOST_MEMORY", CORDON_HC_GET_HOST_MEMORY },
		{ "SET_NMI_LATCH", CORDON_HC_SET_NMI_LATCH, 0,
		  phys_of(kernel_data) },
		{ NULL },
	};
	struct call queries[] = {
		{ "GET_VIEW", CORDON_HC_GET_VIEW },
		{ "GET_STATE", CORDON_HC_GET_STATE },
		{ NULL },
	};

	views_enable();
	ve_setup(&ve);
	/* A compartment: the kernel's data is read-only to it. */
	v = view_create_checked(CORDON_ACCESS_RWX);
	check_ret(view_set_access(v, gfn, CORDON_ACCESS_R), 0,
		  "kernel data read-only in view %ld", v);
	spare = view_create_checked(CORDON_ACCESS_RWX);
	for (c = calls; c->name; c++) {
		if (c->op == CORDON_HC_SET_ACCESS ||
		    c->op == CORDON_HC_SET_ACCESS_RANGE ||
		    c->op == CORDON_HC_SET_SVE ||
		    c->op == CORDON_HC_SET_SVE_RANGE ||
		    c->op == CORDON_HC_GET_ACCESS ||
		    c->op == CORDON_HC_GET_SVE ||
		    c->op == CORDON_HC_SET_VISIBILITY)
			c->a1 = v;
		if (c->op == CORDON_HC_DESTROY_VIEW)
			c->a1 = spare;
	}
	memset(&counters, 0x5a, sizeof(counters));

	calls_from_view(v, calls);
	calls_from_view(v, queries);

	for (c = calls; c->name; c++) {
		check_trap(&(struct trap_result){ .vector = c->vector }, NO_TRAP,
			   "%s from view %ld raises no exception", c->name, v);
		check_ret(c->ret, -CORDON_EPERM, "%s from view %ld returns -EPERM",
			  c->name, v);
	}
	check_ret(queries[0].ret, v, "GET_VIEW from view %ld answers", v);
	check_ret(queries[1].ret, 1, "GET_STATE from view %ld answers", v);

	check_ret(view_get_access(v, gfn), CORDON_ACCESS_R,
		  "kernel data is still read-only in view %ld", v);
	check_ret(view_get_sve(v, gfn), 1, "suppress-#VE unchanged");
	check_eq(counters.ctr[0], 0x5a5a5a5a5a5a5a5aull,
		 "GET_COUNTERS from view %ld wrote nothing", v);
	check_eq(other_ve.reason | other_ve.busy, 0,
		 "VE_ENABLE from view %ld moved nothing", v);
	check_ret(view_create(CORDON_ACCESS_RWX), spare + 1,
		  "no view was created or destroyed from view %ld", v);
	view_switch(spare);	/* neither destroyed nor hidden */
	view_switch(v);
	view_switch(0);
	check_ret(view_set_access(v, gfn, CORDON_ACCESS_RWX), 0,
		  "view 0 still controls: not sealed, not frozen, not locked");
}
