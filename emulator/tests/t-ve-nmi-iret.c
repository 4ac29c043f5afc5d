// SPDX-License-Identifier: GPL-2.0
// QEMU: -cpu max,cordon-views=on -smp 1
// EXPECT: pass
/*
 * SDM: when an IRET out of an NMI handler is stopped by an EPT violation,
 * exit-qualification bit 12 ("NMI unblocking due to IRET") is set and NMI
 * blocking stays in force. The NMI handler here copies its frame to a page
 * the view hides, switches to that view and IRETs: the pops raise #VE.
 * The #VE handler sends a second NMI, which must wait until an IRET
 * completes, then goes back to view 0, where the NMI handler's IRET runs
 * again and succeeds.
 */
#include "test.h"

#define APIC_ICR_LO	0xfee00300ul
#define APIC_ICR_HI	0xfee00310ul
#define ICR_NMI		0x400u

static struct ve_info ve PAGE_ALIGNED;
static u8 ist_stack[PAGE_SIZE] PAGE_ALIGNED;
static u64 idt[2 * 256] __attribute__((aligned(16)));

/* Shared with the assembly below. */
u8 iret_page[PAGE_SIZE] PAGE_ALIGNED;	/* hidden in the view */
u64 nmi_view, saved_rax, saved_rcx, saved_rsi, saved_rdi, ve_qual;
u32 apic_id_self;
volatile int nmi_count, count_in_ve;

extern char nmi_stub[], ve_stub[], nmi_iret[];

asm(".text\n"
".globl nmi_stub\n"
"nmi_stub:\n"
"	incl nmi_count(%rip)\n"
"	cmpl $1, nmi_count(%rip)\n"
"	jne 1f\n"
/* The first NMI leaves through a frame the view cannot read. */
"	mov %rax, saved_rax(%rip); mov %rcx, saved_rcx(%rip)\n"
"	mov %rsi, saved_rsi(%rip); mov %rdi, saved_rdi(%rip)\n"
"	mov %rsp, %rsi\n"
"	lea iret_page+4096-40(%rip), %rdi\n"
"	mov $5, %ecx\n"
"	rep movsq\n"
"	lea iret_page+4096-40(%rip), %rsp\n"
"	mov saved_rsi(%rip), %rsi; mov saved_rdi(%rip), %rdi\n"
"	xor %eax, %eax\n"
"	mov nmi_view(%rip), %rcx\n"
"	.byte 0x0f, 0x01, 0xd4\n"
"	mov saved_rax(%rip), %rax; mov saved_rcx(%rip), %rcx\n"
".globl nmi_iret\n"
"nmi_iret:\n"
"1:	iretq\n"
/* #VE, on its IST stack, in the view. */
".globl ve_stub\n"
"ve_stub:\n"
"	push %rax; push %rcx; push %rdx\n"
"	mov ve+8(%rip), %rax\n"
"	mov %rax, ve_qual(%rip)\n"
"	movl $0, ve+4(%rip)\n"
"	mov apic_id_self(%rip), %eax\n"
"	shl $24, %eax\n"
"	movabs $" __stringify(APIC_ICR_HI) ", %rdx\n"
"	movl %eax, (%rdx)\n"
"	movabs $" __stringify(APIC_ICR_LO) ", %rdx\n"
"	movl $" __stringify(ICR_NMI) ", (%rdx)\n"
"	mov $200000, %ecx\n"
"2:	pause\n"
"	loop 2b\n"
"	mov nmi_count(%rip), %eax\n"
"	mov %eax, count_in_ve(%rip)\n"
"	xor %eax, %eax; xor %ecx, %ecx\n"
"	.byte 0x0f, 0x01, 0xd4\n"
"	pop %rdx; pop %rcx; pop %rax\n"
"	iretq\n");

static void set_gate(int vector, const void *handler, int ist)
{
	u64 a = (u64)handler;

	idt[2 * vector] = (a & 0xffff) | (u64)KERNEL_CS << 16 |
			  (u64)ist << 32 | 0x8eull << 40 |
			  ((a >> 16) & 0xffff) << 48;
	idt[2 * vector + 1] = a >> 32;
}

void test_main(void)
{
	struct idtr old, mine = { sizeof(idt) - 1, (u64)idt };
	static volatile int never;
	int i;

	views_enable();
	ve_setup(&ve);
	nmi_view = view_create_checked(CORDON_ACCESS_RWX);
	view_restrict(nmi_view, gfn_of(iret_page), 0);
	cpu_set_ist(this_cpu(), 2, ist_stack + PAGE_SIZE);
	apic_id_self = this_cpu()->apic_id;
	asm volatile("sidt %0" : "=m"(old));
	memcpy(idt, (void *)old.base, sizeof(idt));
	set_gate(2, nmi_stub, 0);
	set_gate(CORDON_VE_VECTOR, ve_stub, 2);
	asm volatile("lidt %0" : : "m"(mine));

	*(volatile u32 *)APIC_ICR_HI = apic_id_self << 24;
	*(volatile u32 *)APIC_ICR_LO = ICR_NMI;
	for (i = 0; i < 2000 && nmi_count < 2; i++)
		wait_for(&never, 1, 1);		/* 1 ms */
	asm volatile("lidt %0" : : "m"(old));

	check_eq(nmi_count, 2, "both NMIs were handled");
	check(ve_qual & CORDON_VE_QUAL_READ, "the IRET's pop was a read the view denies (qual %#llx)",
	      (unsigned long long)ve_qual);
	check(ve_qual & CORDON_VE_QUAL_NMI_UNBLOCK,
	      "exit-qualification bit 12: NMI unblocking due to IRET (qual %#llx)",
	      (unsigned long long)ve_qual);
	check_eq(count_in_ve, 1, "the second NMI waited while the #VE handler ran");
	check_ret(view_current(), 0, "back in view 0");
}
