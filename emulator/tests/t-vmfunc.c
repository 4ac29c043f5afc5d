// SPDX-License-Identifier: GPL-2.0
// QEMU: -cpu max,cordon-views=on -smp 1
// EXPECT: pass
/*
 * VMFUNC leaf 0: switches to a valid, visible view at any CPL, and raises
 * #UD for everything else (views not enabled yet, EAX != 0, index out of
 * range, view never created or destroyed, view hidden) without changing
 * the current view.
 */
#include "test.h"

static u32 count;

/* VMFUNC(eax, ecx) must raise #UD at the instruction and leave the view. */
static void check_refused(u32 eax, u32 ecx, const char *why)
{
	struct trap_result r;
	long before = view_current();

	try_vmfunc(eax, ecx, &r);
	if (check_trap(&r, 6, "VMFUNC(%#x, %#x) %s: #UD", eax, ecx, why)) {
		check(r.rip == r.insn && !r.has_error,
		      "VMFUNC(%#x, %#x): #UD at the instruction, no error code",
		      eax, ecx);
	}
	check_ret(view_current(), before, "VMFUNC(%#x, %#x): view unchanged",
		  eax, ecx);
}

static void check_switch(long view)
{
	struct trap_result r;

	try_vmfunc(0, view, &r);
	check_trap(&r, NO_TRAP, "VMFUNC(0, %ld) completes", view);
	check_ret(view_current(), view, "GET_VIEW after VMFUNC(0, %ld)", view);
}

/* VMFUNC(0, ecx) behind one prefix byte: #UD, like every other failure. */
#define TRY_PREFIXED_VMFUNC(prefix, ecx, r) ({				\
	struct cpu *c = guard_begin();					\
	u32 eax_ = 0, ecx_ = (ecx);					\
									\
	asm volatile(GUARD_ARM ".byte " #prefix ", 0x0f, 0x01, 0xd4\n\t"	\
		     GUARD_END						\
		     : "+a"(eax_), "+c"(ecx_)				\
		     : GUARD_OPERANDS(c) : "r11", "memory", "cc");	\
	guard_finish(c, (r));						\
})

static void check_prefixes(long view)
{
	static const u8 prefixes[] = { 0x66, 0xf2, 0xf3, 0xf0 };
	struct trap_result r[ARRAY_SIZE(prefixes)];
	unsigned int i;

	TRY_PREFIXED_VMFUNC(0x66, view, &r[0]);
	TRY_PREFIXED_VMFUNC(0xf2, view, &r[1]);
	TRY_PREFIXED_VMFUNC(0xf3, view, &r[2]);
	TRY_PREFIXED_VMFUNC(0xf0, view, &r[3]);
	for (i = 0; i < ARRAY_SIZE(prefixes); i++)
		check_trap(&r[i], 6, "VMFUNC(0, %ld) with prefix %#x: #UD",
			   view, prefixes[i]);
	check_ret(view_current(), 0, "prefixed VMFUNCs left the view alone");
}

struct user_switch {
	long view;
	struct trap_result r;
};

static long user_switch(void *arg)
{
	struct user_switch *u = arg;

	try_vmfunc(0, u->view, &u->r);
	return 0;
}

static void check_user(long view)
{
	struct user_switch u = { .view = view };

	run_user(user_switch, &u);
	check_trap(&u.r, NO_TRAP, "VMFUNC(0, %ld) at CPL 3 completes", view);
	check_ret(view_current(), view, "CPL 3 switch to view %ld took effect",
		  view);

	u.view = count;
	run_user(user_switch, &u);
	check_trap(&u.r, 6, "VMFUNC(0, %u) at CPL 3: #UD", count);
	check_eq(u.r.cs, USER_CS, "the #UD is taken at CPL 3");
	check_ret(view_current(), view, "refused CPL 3 VMFUNC left view %ld",
		  view);
}

void test_main(void)
{
	long v, gone;

	count = views_require();
	check_eq(count, 16, "default view count is 16");

	check_ret(hc(CORDON_HC_GET_STATE), 0, "views start disabled");
	check_refused(0, 0, "before SET_STATE(1)");

	views_enable();
	check_ret(hc(CORDON_HC_GET_STATE), 1, "GET_STATE after SET_STATE(1)");
	check_switch(0);

	v = view_create_checked(CORDON_ACCESS_RWX);
	check_switch(v);
	check_switch(v);	/* to the current view: a no-op that succeeds */
	check_switch(0);

	check_refused(1, v, "EAX = 1");
	check_refused(63, v, "EAX = 63");
	check_refused(64, 0, "EAX = 64");
	check_refused(0xffffffff, 0, "EAX = ~0");
	check_refused(0, count, "ECX = count");
	check_refused(0, 511, "ECX = 511");
	check_refused(0, 512, "ECX = 512");
	check_refused(0, 0x10000 | v, "ECX above 15 bits");
	check_refused(0, 0xffffffff, "ECX = ~0");
	check_refused(0, v + 1, "view never created");
	check_prefixes(v);

	gone = view_create_checked(CORDON_ACCESS_RWX);
	check_ret(hc(CORDON_HC_DESTROY_VIEW, gone), 0, "DESTROY_VIEW(%ld)", gone);
	check_refused(0, gone, "view destroyed");

	check_ret(hc(CORDON_HC_SET_VISIBILITY, v, 0), 0, "hide view %ld", v);
	check_refused(0, v, "view hidden");
	check_ret(hc(CORDON_HC_SWITCH_VIEW, v), 0,
		  "SWITCH_VIEW still reaches the hidden view");
	check_ret(view_current(), v, "GET_VIEW after SWITCH_VIEW");
	/* Control hypercalls belong to view 0; VMFUNC leads back there. */
	check_ret(hc(CORDON_HC_SWITCH_VIEW, 0), -CORDON_EPERM,
		  "SWITCH_VIEW from view %ld is refused", v);
	check_switch(0);
	check_ret(hc(CORDON_HC_SET_VISIBILITY, v, 1), 0, "show view %ld", v);
	check_switch(v);
	check_switch(0);

	check_user(v);
}
