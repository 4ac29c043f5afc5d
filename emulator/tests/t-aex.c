// SPDX-License-Identifier: GPL-2.0
// QEMU: -cpu max,cordon-views=on -smp 1
// EXPECT: pass
/*
 * Asynchronous exit (CORDON_HC_SET_AEX, docs/views-abi.md): no event is
 * delivered at CPL 0 in a registered view. The hypervisor saves the
 * context in the view's sealed frame (interrupts and #VE, on the view's
 * page tables only), clears the registers and puts the vCPU in view 0 at
 * the exit point, on the registered stack, IDT and page tables; an
 * interrupt or #VE is then delivered there, any other exception is not.
 * AEX_RESUME, from the view, puts the saved context back once. On the
 * view's page tables in another view, an event first gets the registered
 * tables back.
 */
#include "test.h"

#define IPI_VECTOR	0x40
#define MARK(i)		(0xc0de000000000000ull | (i))
#define APIC_EOI	0xfee000b0ul
#define APIC_ICR_LO	0xfee00300ul
#define ICR_SELF	(1u << 18)

static struct ve_info ve PAGE_ALIGNED;
static u8 frame_page[PAGE_SIZE] PAGE_ALIGNED;	/* sealed by the view */
static u8 noaccess[PAGE_SIZE] PAGE_ALIGNED;	/* nothing allowed in the view */
static u8 exit_stack[PAGE_SIZE] PAGE_ALIGNED;
static u64 pml4_copy[512] PAGE_ALIGNED;
static u64 aex_idt[2 * 256] __attribute__((aligned(16)));
static u64 reg[CORDON_AEX_REG_SIZE / 8] __attribute__((aligned(64)));

/* Shared with the assembly below. */
u64 aex_view, aex_saved_rsp, aex_ksp;
u64 at_exit[20];	/* 16 GPRs, RFLAGS, CR3, then SIDT's 10 bytes */
u64 in_handler[6];	/* vector, RIP, CS, RFLAGS, RSP, OR of the GPRs */
u64 after[16];		/* the GPRs after the resume */
long resume_ret;
struct idtr aex_test_idtr;

long aex_enter_ud(void);
long aex_enter_ve(void);
long aex_enter_irq(void);
extern char aex_exit[], aex_handler_ve[], aex_handler_irq[];
extern char aex_ud_insn[], aex_ve_insn[], aex_irq_resumed[];

asm(".text\n"
/* Callee-saved registers, the stack to come back to, then the view. */
".macro ENTER\n"
"	push %rbx; push %rbp; push %r12; push %r13; push %r14; push %r15\n"
"	mov %rsp, aex_saved_rsp(%rip)\n"
"	mov aex_view(%rip), %rcx\n"
"	xor %eax, %eax\n"
"	.byte 0x0f, 0x01, 0xd4\n"
".endm\n"
/* Every register but RSP holds MARK(its SDM index). */
".macro MARKERS\n"
"	movabs $0xc0de000000000000, %rax\n"
"	movabs $0xc0de000000000001, %rcx\n"
"	movabs $0xc0de000000000002, %rdx\n"
"	movabs $0xc0de000000000003, %rbx\n"
"	movabs $0xc0de000000000005, %rbp\n"
"	movabs $0xc0de000000000006, %rsi\n"
"	movabs $0xc0de000000000007, %rdi\n"
"	movabs $0xc0de000000000008, %r8\n"
"	movabs $0xc0de000000000009, %r9\n"
"	movabs $0xc0de00000000000a, %r10\n"
"	movabs $0xc0de00000000000b, %r11\n"
"	movabs $0xc0de00000000000c, %r12\n"
"	movabs $0xc0de00000000000d, %r13\n"
"	movabs $0xc0de00000000000e, %r14\n"
"	movabs $0xc0de00000000000f, %r15\n"
".endm\n"
".macro STORE base\n"
"	mov %rax, \\base+0(%rip); mov %rcx, \\base+8(%rip)\n"
"	mov %rdx, \\base+16(%rip); mov %rbx, \\base+24(%rip)\n"
"	mov %rsp, \\base+32(%rip); mov %rbp, \\base+40(%rip)\n"
"	mov %rsi, \\base+48(%rip); mov %rdi, \\base+56(%rip)\n"
"	mov %r8, \\base+64(%rip); mov %r9, \\base+72(%rip)\n"
"	mov %r10, \\base+80(%rip); mov %r11, \\base+88(%rip)\n"
"	mov %r12, \\base+96(%rip); mov %r13, \\base+104(%rip)\n"
"	mov %r14, \\base+112(%rip); mov %r15, \\base+120(%rip)\n"
".endm\n"
/* Resumed: record, back to view 0, return 0. */
".macro RESUMED\n"
"	STORE after\n"
"	xor %eax, %eax; xor %ecx, %ecx\n"
"	.byte 0x0f, 0x01, 0xd4\n"
"	xor %eax, %eax\n"
"	jmp aex_leave\n"
".endm\n"
".globl aex_enter_ud\n"
"aex_enter_ud:\n"
"	ENTER\n"
"	MARKERS\n"
".globl aex_ud_insn\n"
"aex_ud_insn:\n"
"	ud2\n"
"	RESUMED\n"
".globl aex_enter_ve\n"
"aex_enter_ve:\n"
"	ENTER\n"
"	MARKERS\n"
".globl aex_ve_insn\n"
"aex_ve_insn:\n"
"	cmpb $0, noaccess(%rip)\n"
"	RESUMED\n"
/* The self-IPI is pending: taken after the instruction STI shadows. */
".globl aex_enter_irq\n"
"aex_enter_irq:\n"
"	ENTER\n"
"	MARKERS\n"
"	sti\n"
"	nop\n"
".globl aex_irq_resumed\n"
"aex_irq_resumed:\n"
"	cli\n"
"	RESUMED\n"
/* The exit point: record, then resume (RAX 0) or leave (an exception). */
".globl aex_exit\n"
"aex_exit:\n"
"	STORE at_exit\n"
"	pushfq; popq at_exit+128(%rip)\n"
"	mov %cr3, %rax; mov %rax, at_exit+136(%rip)\n"
"	sidt at_exit+144(%rip)\n"
"	mov at_exit(%rip), %rax\n"
"	test %rax, %rax\n"
"	jnz 1f\n"
"	mov aex_view(%rip), %rcx\n"
"	xor %eax, %eax\n"
"	.byte 0x0f, 0x01, 0xd4\n"
"	mov $" __stringify(CORDON_HC_AEX_RESUME) ", %eax\n"
"	.byte 0x0f, 0x01, 0xc1\n"
/* Still here: the resume failed. */
"	mov %rax, resume_ret(%rip)\n"
"	xor %eax, %eax; xor %ecx, %ecx\n"
"	.byte 0x0f, 0x01, 0xd4\n"
"	mov $2, %eax\n"
"	jmp aex_leave\n"
"1:	mov $1, %eax\n"
"aex_leave:\n"
"	mov aex_saved_rsp(%rip), %rsp\n"
"	lidt aex_test_idtr(%rip)\n"
"	pop %r15; pop %r14; pop %r13; pop %r12; pop %rbp; pop %rbx\n"
"	ret\n"
/* Handlers on the registered IDT, in view 0. */
".macro HANDLER_HEAD vec\n"
"	push %rax\n"
"	mov %rbx, %rax; or %rcx, %rax; or %rdx, %rax; or %rsi, %rax\n"
"	or %rdi, %rax; or %rbp, %rax; or %r8, %rax; or %r9, %rax\n"
"	or %r10, %rax; or %r11, %rax; or %r12, %rax; or %r13, %rax\n"
"	or %r14, %rax; or %r15, %rax; or (%rsp), %rax\n"
"	mov %rax, in_handler+40(%rip)\n"
"	movq $\\vec, in_handler(%rip)\n"
"	mov 8(%rsp), %rax; mov %rax, in_handler+8(%rip)\n"
"	mov 16(%rsp), %rax; mov %rax, in_handler+16(%rip)\n"
"	mov 24(%rsp), %rax; mov %rax, in_handler+24(%rip)\n"
"	mov 32(%rsp), %rax; mov %rax, in_handler+32(%rip)\n"
".endm\n"
/*
 * #VE: the view is sealed, so nothing can be granted in it; the handler
 * releases the area and ends the run instead, as the kernel's aborts a
 * crossing.
 */
".globl aex_handler_ve\n"
"aex_handler_ve:\n"
"	HANDLER_HEAD 20\n"
"	movl $0, ve+4(%rip)\n"
"	lea aex_ve_abort(%rip), %rax\n"
"	mov %rax, 8(%rsp)\n"
"	pop %rax\n"
"	iretq\n"
"aex_ve_abort:\n"
"	mov $3, %eax\n"
"	jmp aex_leave\n"
".globl aex_handler_irq\n"
"aex_handler_irq:\n"
"	HANDLER_HEAD " __stringify(IPI_VECTOR) "\n"
"	movabs $" __stringify(APIC_EOI) ", %rax\n"
"	movl $0, (%rax)\n"
"	pop %rax\n"
"	iretq\n");

static void set_gate(int vector, const void *handler)
{
	u64 a = (u64)handler;

	aex_idt[2 * vector] = (a & 0xffff) | (u64)KERNEL_CS << 16 |
			      0x8eull << 40 | ((a >> 16) & 0xffff) << 48;
	aex_idt[2 * vector + 1] = a >> 32;
}

static long set_aex(long view)
{
	return hypercall(CORDON_HC_SET_AEX, view, phys_of(reg), 0, 0);
}

static void fill_reg(u64 frame, u64 view_cr3, u64 cr3)
{
	reg[CORDON_AEX_OFF_FRAME / 8] = frame;
	reg[CORDON_AEX_OFF_VIEW_CR3 / 8] = view_cr3;
	reg[CORDON_AEX_OFF_EXIT / 8] = (u64)aex_exit;
	reg[CORDON_AEX_OFF_KSP / 8] = phys_of(&aex_ksp);
	reg[CORDON_AEX_OFF_CR3 / 8] = cr3;
	reg[CORDON_AEX_OFF_IDT_BASE / 8] = (u64)aex_idt;
	reg[CORDON_AEX_OFF_IDT_LIMIT / 8] = sizeof(aex_idt) - 1;
}

/* The save frame, read where it can be: in the view. */
static u64 frame_word(unsigned int off)
{
	u64 v;

	vmfunc(0, aex_view);
	v = *(volatile u64 *)(frame_page + off);
	vmfunc(0, 0);
	return v;
}

static void frame_clear(void)
{
	vmfunc(0, aex_view);
	*(volatile u64 *)(frame_page + CORDON_AEX_FRAME_STATE) = 0;
	vmfunc(0, 0);
}

static long resume_outside(long view)
{
	long r;

	vmfunc(0, view);
	r = hypercall(CORDON_HC_AEX_RESUME, 0, 0, 0, 0);
	vmfunc(0, 0);
	return r;
}

static void check_markers(const char *what)
{
	bool ok = true;
	int i;

	for (i = 0; i < 16; i++)
		if (i != 4 && after[i] != MARK(i))
			ok = false;
	check(ok, "%s: every register back as it was", what);
	check_eq(after[4], aex_saved_rsp, "%s: RSP back as it was", what);
}

static void check_exit_state(u64 rax, u64 cr3, const char *what)
{
	struct idtr idtr;
	u64 others = 0;
	int i;

	memcpy(&idtr, &at_exit[18], sizeof(idtr));
	for (i = 1; i < 16; i++)
		if (i != 4)
			others |= at_exit[i];
	check_eq(at_exit[0], rax, "%s: RAX at the exit point", what);
	check_eq(others, 0, "%s: every other register cleared", what);
	check_eq(at_exit[4], aex_ksp, "%s: RSP is the registered one", what);
	check_eq(at_exit[17] & ~0xfffull, cr3, "%s: CR3 is the registered one",
		 what);
	check(idtr.base == (u64)aex_idt && idtr.limit == sizeof(aex_idt) - 1,
	      "%s: IDTR is the registered one", what);
}

void test_main(void)
{
	u64 cr3 = read_cr3() & ~0xfffull;
	struct trap_result r;
	long v, ret;
	int i;

	views_enable();
	ve_setup(&ve);
	v = view_create_checked(CORDON_ACCESS_RWX);
	aex_view = v;
	aex_ksp = (u64)exit_stack + PAGE_SIZE;
	asm volatile("sidt %0" : "=m"(aex_test_idtr));
	set_gate(CORDON_VE_VECTOR, aex_handler_ve);
	set_gate(IPI_VECTOR, aex_handler_irq);
	view_restrict(v, gfn_of(noaccess), 0);
	check_ret(hypercall(CORDON_HC_SEAL, v, gfn_of(frame_page), 1, 0), 0,
		  "the frame page is sealed by view %ld", v);
	for (i = 0; i < 512; i++)
		pml4_copy[i] = ((u64 *)cr3)[i];

	/* === Registration === */
	fill_reg(phys_of(noaccess), cr3, cr3);
	check_ret(set_aex(v), -CORDON_EACCES, "a frame the view did not seal");
	fill_reg(phys_of(frame_page), cr3, cr3);
	reg[CORDON_AEX_OFF_KSP / 8] = phys_of(frame_page) + 8;
	check_ret(set_aex(v), -CORDON_EACCES, "an exit RSP read from a sealed frame");
	fill_reg(phys_of(frame_page) + PAGE_SIZE - 8, cr3, cr3);
	check_ret(set_aex(v), -CORDON_EINVAL, "a frame across a page boundary");
	fill_reg(phys_of(frame_page), cr3, cr3);
	check_ret(set_aex(0), -CORDON_EINVAL, "view 0");
	vmfunc(0, v);
	ret = set_aex(v);
	vmfunc(0, 0);
	check_ret(ret, -CORDON_EPERM, "SET_AEX from the view itself");
	check_ret(set_aex(v), 0, "SET_AEX from view 0");
	check_ret(hypercall(CORDON_HC_AEX_RESUME, 0, 0, 0, 0), -CORDON_EPERM,
		  "AEX_RESUME from view 0");
	check_ret(resume_outside(v), -CORDON_ENOENT,
		  "AEX_RESUME with nothing saved");

	/* === An exception: not delivered, nothing saved === */
	check_ret(aex_enter_ud(), 1, "#UD in the view ends at the exit point");
	check_exit_state(6 | CORDON_AEX_EXCEPTION, cr3, "#UD");
	check_eq(at_exit[16] & (0x100 | 0x200 | 0x400 | 0x40000), 0,
		 "#UD: TF, IF, DF and AC clear at the exit point");
	check_ret(view_current(), 0, "#UD: in view 0");
	check_eq(frame_word(CORDON_AEX_FRAME_STATE), 0, "#UD: nothing saved");

	/* === #VE: saved, delivered at the exit point's frame === */
	check_ret(aex_enter_ve(), 3, "#VE in the view: the handler ended it");
	check_eq(in_handler[0], CORDON_VE_VECTOR, "#VE: the handler ran");
	check_eq(in_handler[1], (u64)aex_exit, "#VE: its frame returns to the exit point");
	check_eq(in_handler[4], aex_ksp, "#VE: on the registered stack");
	check_eq(in_handler[5], 0, "#VE: the handler saw no register of the view's");
	check_eq(in_handler[3] & 0x200, 0, "#VE: its frame shows IF clear");
	check_eq(frame_word(CORDON_AEX_FRAME_STATE), 1, "#VE: a context saved");
	check_eq(frame_word(CORDON_AEX_FRAME_RIP), (u64)aex_ve_insn,
		 "#VE: the frame holds the faulting instruction");
	check_eq(frame_word(CORDON_AEX_FRAME_GPRS + 3 * 8), MARK(3),
		 "#VE: the frame holds the view's RBX");
	/* A second event saves nothing over it. */
	check_ret(aex_enter_ud(), 1, "#UD with a context saved");
	check_eq(frame_word(CORDON_AEX_FRAME_RIP), (u64)aex_ve_insn,
		 "the saved context is kept");
	/* The view drops it (the kernel's gate does so on entry). */
	frame_clear();
	check_ret(resume_outside(v), -CORDON_ENOENT, "a dropped context is gone");

	/* === An interrupt: saved, delivered, resumed === */
	memset(in_handler, 0, sizeof(in_handler));
	*(volatile u32 *)APIC_ICR_LO = ICR_SELF | IPI_VECTOR;
	check_ret(aex_enter_irq(), 0, "an interrupt in the view: resumed");
	check_eq(in_handler[0], IPI_VECTOR, "interrupt: the kernel's handler ran");
	check_eq(in_handler[1], (u64)aex_exit, "interrupt: it returns to the exit point");
	check(in_handler[3] & 0x200, "interrupt: its frame shows IF");
	check_eq(in_handler[5], 0, "interrupt: no register of the view's");
	check_markers("interrupt");
	check_eq(frame_word(CORDON_AEX_FRAME_RIP), (u64)aex_irq_resumed,
		 "interrupt: saved after the instruction STI shadows");

	check_ret(resume_outside(v), -CORDON_ENOENT, "interrupt: no second resume");

	/* === Not on the view's page tables: delivered, not saved === */
	fill_reg(phys_of(frame_page), phys_of(pml4_copy), cr3);
	check_ret(set_aex(v), 0, "registered for other page tables");
	memset(in_handler, 0, sizeof(in_handler));
	check_ret(aex_enter_ve(), 3, "#VE on other tables");
	check_eq(in_handler[0], CORDON_VE_VECTOR, "the handler still ran");
	check_eq(frame_word(CORDON_AEX_FRAME_STATE), 0, "nothing was saved");
	check_ret(resume_outside(v), -CORDON_EPERM,
		  "AEX_RESUME refused off the view's tables");

	/* === The view's tables in view 0: the kernel's back first === */
	fill_reg(phys_of(frame_page), cr3, phys_of(pml4_copy));
	check_ret(set_aex(v), 0, "registered with other kernel tables");
	try_int3(&r);
	check_trap(&r, 3, "#BP in view 0 on the view's tables: delivered");
	check_eq(read_cr3() & ~0xfffull, phys_of(pml4_copy),
		 "... on the registered kernel tables");
	asm volatile("mov %0, %%cr3" : : "r"(cr3) : "memory");

	/* === Locked === */
	check_ret(hypercall(CORDON_HC_LOCK, 0, 0, 0, 0), 0, "LOCK");
	check_ret(set_aex(v), 0, "after LOCK, the same registration again");
	reg[CORDON_AEX_OFF_EXIT / 8] = (u64)aex_handler_irq;
	check_ret(set_aex(v), -CORDON_EROFS, "after LOCK, another exit point");
	check_ret(hypercall(CORDON_HC_SET_AEX, v, 0, 0, 0), -CORDON_EROFS,
		  "removing it after LOCK");
}
