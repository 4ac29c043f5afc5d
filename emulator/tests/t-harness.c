// SPDX-License-Identifier: GPL-2.0
// QEMU: -cpu max -smp 1
// EXPECT: pass
/*
 * The harness itself, so that the view tests can trust it: exceptions
 * are caught with the right vector, error code, RIP and CR2; ring 3 runs
 * and comes back; the alias window maps a frame at a second address; an
 * IST stack is used when asked for; frames are distinct.
 */
#include "test.h"

static u8 page_a[PAGE_SIZE] PAGE_ALIGNED;
static u8 page_b[PAGE_SIZE] PAGE_ALIGNED;
static u8 ist_page[PAGE_SIZE] PAGE_ALIGNED;
static u8 code_page[PAGE_SIZE] PAGE_ALIGNED;

static long user_fn(void *arg)
{
	u64 *p = arg;
	u16 cs;

	asm volatile("mov %%cs, %0" : "=r"(cs));
	*p = cs;
	return 0x1234;
}

static long user_ud(void *arg)
{
	struct trap_result *r = arg;

	try_vmfunc(0, 0, r);
	return 7;
}

static void check_exceptions(void)
{
	struct trap_result r;
	u64 v;

	try_int3(&r);
	check_trap(&r, 3, "int3 raises #BP");
	check(r.rip > r.insn && r.rip <= r.insn + 2,
	      "#BP is a trap (RIP after int3)");
	check(!r.has_error, "#BP: no error code recorded");

	try_read64((void *)8, &v, &r);
	check_trap(&r, 14, "read of unmapped page 0 raises #PF");
	check_eq(r.cr2, 8, "#PF records CR2");
	check(r.has_error, "#PF: the CPU pushed an error code");
	check_eq(r.error_code, 0, "#PF error code: not present, read, CPL 0");
	check_eq(r.rip, r.insn, "#PF is a fault at the access");

	try_write64((void *)16, 1, &r);
	check_eq(r.error_code, 2, "#PF error code for a write");

	try_read64(page_a, &v, &r);
	check_trap(&r, NO_TRAP, "read of a mapped page completes");
}

static void check_user(void)
{
	struct trap_result r;
	u64 cs = 0;
	long ret;

	ret = run_user(user_fn, &cs);
	check_eq(ret, 0x1234, "ring-3 function returns its value");
	check_eq(cs, USER_CS, "ring-3 function ran at CPL 3");
	ret = run_user(user_ud, &r);
	check_eq(ret, 7, "ring-3 function resumes after a caught fault");
	check_trap(&r, 6, "fault at CPL 3 is caught");
	check_eq(r.cs, USER_CS, "fault at CPL 3 records the user CS");
}

static void check_paging(void)
{
	u8 *alias = map_alias(3, phys_of(page_b));
	u64 *pte = pte_of((u64)alias);

	check(phys_of(page_a) % PAGE_SIZE == 0 &&
	      phys_of(page_a) != phys_of(page_b),
	      "test pages are distinct frames");
	page_b[0x10] = 0x5a;
	check_eq(alias[0x10], 0x5a, "alias slot reads the aliased frame");
	check(pte && (*pte & ~0xfffull) == phys_of(page_b),
	      "pte_of() finds the alias PTE");
	check(pte && gfn_of(pte) != gfn_of(pte_of((u64)page_a)),
	      "alias window has page tables of its own");
}

static void check_ist(void)
{
	struct trap_result r;

	cpu_set_ist(this_cpu(), 2, ist_page + PAGE_SIZE);
	idt_set_ist(3, 2);
	try_int3(&r);
	idt_set_ist(3, 0);
	check(r.frame >= phys_of(ist_page) && r.frame < phys_of(ist_page) + PAGE_SIZE,
	      "#BP frame lands on the IST stack when asked (frame %#lx)", r.frame);
}

static void check_call(void)
{
	/* mov $0x12345678, %eax; ret */
	static const u8 code[] = { 0xb8, 0x78, 0x56, 0x34, 0x12, 0xc3 };
	struct trap_result r;
	u64 ret;

	memcpy(code_page + 0x40, code, sizeof(code));
	try_call(code_page + 0x40, &ret, &r);
	check_trap(&r, NO_TRAP, "call into a code page completes");
	check_eq(ret, 0x12345678, "call into a code page returns its value");
	try_call((void *)0x20, &ret, &r);
	check_trap(&r, 14, "call to an unmapped page raises #PF");
	check_eq(r.rip, 0x20, "fetch #PF points at the target");
	check_eq(r.error_code, 0x10, "fetch #PF error code has I/D set");
}

void test_main(void)
{
	check_exceptions();
	check_user();
	check_paging();
	check_ist();
	check_call();
	check_eq(this_cpu()->index, 0, "running on the bootstrap processor");
}
