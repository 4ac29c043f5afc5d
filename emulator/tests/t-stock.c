// SPDX-License-Identifier: GPL-2.0
// QEMU: -cpu max -smp 1
// EXPECT: pass
/*
 * With cordon-views off, QEMU must behave as stock QEMU: VMFUNC and VMCALL
 * raise #UD (the guest is not in VMX non-root), at CPL 0 and CPL 3, and no
 * hypervisor CPUID leaf carries the views signature.
 */
#include "test.h"

static bool leaf_has_signature(u32 leaf)
{
	struct cpuid_regs r = cpuid(leaf, 0);

	return r.ebx == CORDON_VIEWS_CPUID_SIG_EBX &&
	       r.ecx == CORDON_VIEWS_CPUID_SIG_ECX &&
	       r.edx == CORDON_VIEWS_CPUID_SIG_EDX;
}

static void check_no_signature(void)
{
	u32 leaf, found = 0;

	check(!leaf_has_signature(CORDON_VIEWS_CPUID_BASE),
	      "CPUID %#x does not carry \"%s\"", CORDON_VIEWS_CPUID_BASE,
	      CORDON_VIEWS_CPUID_SIG);
	for (leaf = 0x40000000; leaf < 0x40010000; leaf += 0x100)
		if (leaf_has_signature(leaf))
			found = leaf;
	check_eq(found, 0, "no hypervisor leaf carries the signature");
}

static void check_ud(const struct trap_result *r, const char *what)
{
	if (!check_trap(r, 6, "%s raises #UD", what))
		return;
	check_eq(r->rip, r->insn, "%s: #UD points at the instruction", what);
	check(!r->has_error, "%s: #UD has no error code", what);
}

static long user_vmfunc(void *arg)
{
	struct trap_result *r = arg;

	try_vmfunc(0, 1, r);
	return 0;
}

void test_main(void)
{
	struct trap_result r;
	long ret;

	check_no_signature();

	try_vmfunc(0, 0, &r);
	check_ud(&r, "VMFUNC(0, 0)");
	try_vmfunc(0, 1, &r);
	check_ud(&r, "VMFUNC(0, 1)");

	try_vmcall(CORDON_HC_GET_STATE, 0, 0, 0, 0, &ret, &r);
	check_ud(&r, "VMCALL GET_STATE");
	try_vmcall(CORDON_HC_SET_STATE, 1, 0, 0, 0, &ret, &r);
	check_ud(&r, "VMCALL SET_STATE(1)");

	run_user(user_vmfunc, &r);
	check_ud(&r, "VMFUNC(0, 1) at CPL 3");
	check_eq(r.cs, USER_CS, "VMFUNC at CPL 3: #UD taken from ring 3");
}
