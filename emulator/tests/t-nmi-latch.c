// SPDX-License-Identifier: GPL-2.0
// QEMU: -cpu max,cordon-views=on -smp 1
// EXPECT: pass
/*
 * NMIs held while a registered IDT is loaded (CORDON_HC_SET_NMI_LATCH,
 * docs/views-abi.md): the hypervisor sets the registered byte instead of
 * delivering the NMI, in any view, and leaves NMIs unblocked. With another
 * IDT loaded the NMI is delivered as usual. The byte may not be sealed or
 * frozen; after LOCK only the same registration is accepted again.
 */
#include "test.h"

static u64 held_idt[2 * 256] __attribute__((aligned(16)));
static u64 own_idt[2 * 256] __attribute__((aligned(16)));
static u8 latch_page[PAGE_SIZE] PAGE_ALIGNED;
static u8 sealed_page[PAGE_SIZE] PAGE_ALIGNED;

/* Shared with the assembly below. */
volatile int nmi_count;

extern char nmi_stub[];

asm(".text\n"
".globl nmi_stub\n"
"nmi_stub:\n"
"	lock incl nmi_count(%rip)\n"
"	iretq\n");

static void set_gate(u64 *idt, int vector, const void *handler)
{
	u64 a = (u64)handler;

	idt[2 * vector] = (a & 0xffff) | (u64)KERNEL_CS << 16 |
			  0x8eull << 40 | ((a >> 16) & 0xffff) << 48;
	idt[2 * vector + 1] = a >> 32;
}

static void self_nmi(void)
{
	static volatile int never;
	int i;

	apic_send_nmi(this_cpu()->apic_id);
	for (i = 0; i < 20; i++)
		wait_for(&never, 1, 1);		/* 1 ms */
}

/* An NMI with @idt loaded, in view @view; back to view 0 and @old after. */
static void nmi_with(const u64 *idt, long view, const struct idtr *old)
{
	struct idtr t = { sizeof(held_idt) - 1, (u64)idt };

	asm volatile("lidt %0" : : "m"(t));
	if (view)
		view_switch(view);
	self_nmi();
	if (view)
		view_switch(0);
	asm volatile("lidt %0" : : "m"(*old));
}

static long set_latch(const void *idt, const void *byte)
{
	return hypercall(CORDON_HC_SET_NMI_LATCH, (u64)idt,
			 byte ? phys_of(byte) : 0, 0, 0);
}

void test_main(void)
{
	volatile u8 *latch = latch_page + 17;
	struct idtr old;
	long v;

	views_enable();
	v = view_create_checked(CORDON_ACCESS_RWX);
	asm volatile("sidt %0" : "=m"(old));
	memcpy(held_idt, (void *)old.base, sizeof(held_idt));
	memcpy(own_idt, (void *)old.base, sizeof(own_idt));
	set_gate(held_idt, 2, nmi_stub);
	set_gate(own_idt, 2, nmi_stub);

	/* Not registered: delivered. */
	nmi_with(held_idt, 0, &old);
	check_eq(nmi_count, 1, "without a registration the NMI is delivered");

	check_ret(set_latch(held_idt, (const void *)latch), 0, "SET_NMI_LATCH");
	nmi_with(held_idt, 0, &old);
	check_eq(nmi_count, 1, "with the registered IDT loaded: not delivered");
	check_eq(*latch, 1, "the hypervisor set the latch");
	*latch = 0;

	nmi_with(held_idt, v, &old);
	check_eq(nmi_count, 1, "in another view too: not delivered");
	check_eq(*latch, 1, "latched in the other view");
	*latch = 0;

	/* NMIs are not left blocked: the next one, on another IDT, arrives. */
	nmi_with(own_idt, 0, &old);
	check_eq(nmi_count, 2, "another IDT: delivered, and NMIs were unblocked");
	check_eq(*latch, 0, "nothing latched for another IDT");

	check_ret(hypercall(CORDON_HC_SEAL, v, gfn_of(sealed_page), 1, 0), 0,
		  "a page sealed by the view");
	check_ret(set_latch(held_idt, sealed_page), -CORDON_EACCES,
		  "a latch in a sealed frame");

	check_ret(hypercall(CORDON_HC_LOCK, 0, 0, 0, 0), 0, "LOCK");
	check_ret(set_latch(own_idt, (const void *)latch), -CORDON_EROFS,
		  "locked: another IDT");
	check_ret(set_latch(held_idt, NULL), -CORDON_EROFS,
		  "locked: no removal");
	check_ret(set_latch(held_idt, (const void *)latch), 0,
		  "locked: the same registration again");
	nmi_with(held_idt, 0, &old);
	check_eq(nmi_count, 2, "locked: still held");
	check_eq(*latch, 1, "locked: still latched");
}
