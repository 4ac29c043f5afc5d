/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Cordon KUnit: what a compromised compartment would run.
 *
 * Position-independent code kept as data: isolation_test.c copies it into
 * a page it makes executable in cordon_demo's view, and the compartment
 * jumps there (cordon_demo_jump, so %rdi is the gadget's own address and
 * the arguments are in %rsi and %rdx). Each gadget is one attack on the
 * isolation; the scanner must also find every one of these encodings.
 */

#include <linux/cordon-views-abi.h>
#include <linux/errno.h>
#include <linux/linkage.h>
#include <linux/objtool.h>
#include <asm/msr-index.h>
#include <asm/nospec-branch.h>
#include <asm/page_types.h>
#include <asm/percpu.h>
#include <asm/processor-flags.h>
#include <asm/segment.h>
#include <asm/unwind_hints.h>

#include "attacker.h"
#include "gate.h"
#include "isolation.h"

/*
 * The general registers of a struct cordon_fuzz_regs at \base (%rsi or
 * %rdi), that register last.
 */
.macro FUZZ_LOAD_GPRS base
	movq	0*8(\base), %rax
	movq	1*8(\base), %rbx
	movq	2*8(\base), %rcx
	movq	3*8(\base), %rdx
	movq	4*8(\base), %rbp
	movq	6*8(\base), %r8
	movq	7*8(\base), %r9
	movq	8*8(\base), %r10
	movq	9*8(\base), %r12
	movq	10*8(\base), %r13
	movq	11*8(\base), %r14
	movq	12*8(\base), %r15
.ifc \base,%rsi
	movq	5*8(%rsi), %rdi
	movq	13*8(%rsi), %rsi
.else
	movq	13*8(%rdi), %rsi
	movq	5*8(%rdi), %rdi
.endif
.endm

	.pushsection .rodata, "a"
	.balign	16
SYM_DATA_START(cordon_gadgets)

/*
 * Finding 1: open kernel memory in its own view by hypercall and write it.
 * %rsi = address of a u32, %rdx = its frame number.
 */
SYM_INNER_LABEL(cordon_gadget_vmcall_open, SYM_L_GLOBAL)
	endbr64
	movq	%rsi, %r8
	movq	%rdx, %rcx
	movl	$CORDON_HC_GET_VIEW, %eax
	vmcall
	movq	%rax, %rbx
	movl	$CORDON_HC_SET_ACCESS, %eax
	movl	$(CORDON_ACCESS_R | CORDON_ACCESS_W), %edx
	vmcall
	movl	$CORDON_TEST_UID, (%r8)
	xorl	%eax, %eax
	ret

/* Finding 4: move GS, then return through the gate. %rsi = new base. */
	.balign	16
SYM_INNER_LABEL(cordon_gadget_wrgsbase, SYM_L_GLOBAL)
	endbr64
	wrgsbase %rsi
	xorl	%eax, %eax
	ret

/* Finding 4: SWAPGS, then return through the gate. */
	.balign	16
SYM_INNER_LABEL(cordon_gadget_swapgs, SYM_L_GLOBAL)
	endbr64
	swapgs
	xorl	%eax, %eax
	ret

/*
 * SWAPGS, then interrupts on and a spin (%rsi rounds) for the timer to end
 * the crossing with its vector in service.
 */
	.balign	16
SYM_INNER_LABEL(cordon_gadget_swapgs_spin, SYM_L_GLOBAL)
	endbr64
	swapgs
	sti
1:	decq	%rsi
	jnz	1b
	cli
	xorl	%eax, %eax
	ret

/* Finding 9: clear the CR4 bits in %rsi (SMEP, SMAP). */
	.balign	16
SYM_INNER_LABEL(cordon_gadget_cr4, SYM_L_GLOBAL)
	endbr64
	movq	%cr4, %rax
	notq	%rsi
	andq	%rsi, %rax
	movq	%rax, %cr4
	xorl	%eax, %eax
	ret

/* Finding 9: clear the CR0 bits in %rsi (WP). */
	.balign	16
SYM_INNER_LABEL(cordon_gadget_cr0, SYM_L_GLOBAL)
	endbr64
	movq	%cr0, %rax
	notq	%rsi
	andq	%rsi, %rax
	movq	%rax, %cr0
	xorl	%eax, %eax
	ret

/* Finding 5: a #VE of its own making (INT 20), handled on whose stack? */
	.balign	16
SYM_INNER_LABEL(cordon_gadget_int_ve, SYM_L_GLOBAL)
	endbr64
	int	$20
	xorl	%eax, %eax
	ret

/* The flags the compartment was entered with. */
	.balign	16
SYM_INNER_LABEL(cordon_gadget_flags, SYM_L_GLOBAL)
	endbr64
	pushfq
	popq	%rax
	ret

/*
 * An event on a stack of its choosing, in the kernel view: IRET to the
 * VMFUNC at %rdx with %rsp = %rsi (kernel memory) and TF set, so that the
 * #DB after that VMFUNC is taken in view 0, through Cordon's IDT.
 */
	.balign	16
SYM_INNER_LABEL(cordon_gadget_step_out, SYM_L_GLOBAL)
	endbr64
	pushq	$__KERNEL_DS
	pushq	%rsi
	pushq	$(X86_EFLAGS_FIXED | X86_EFLAGS_TF)
	pushq	$__KERNEL_CS
	pushq	%rdx
	xorl	%eax, %eax
	xorl	%ecx, %ecx
	iretq

/*
 * A jump to the VMFUNC at %rdx with %rsp = %rsi (kernel memory), and
 * %rdx and %r10 set to what a write there would show.
 */
	.balign	16
SYM_INNER_LABEL(cordon_gadget_jump_on_stack, SYM_L_GLOBAL)
	endbr64
	movq	%rdx, %r11
	movq	%rsi, %rsp
	movabsq	$0x4141414141414141, %rdx
	movq	%rdx, %r10
	xorl	%eax, %eax
	xorl	%ecx, %ecx
	jmp	*%r11

/*
 * The gate fuzzer's compartment: every general register, RFLAGS and the
 * GS base from the block at %rsi (struct cordon_fuzz_regs), then a jump to
 * %rdx, an arbitrary byte of the gate pages.
 */
	.balign	16
SYM_INNER_LABEL(cordon_gadget_fuzz, SYM_L_GLOBAL)
	endbr64
	movq	%rdx, %r11
	movq	CORDON_FUZZ_GSBASE(%rsi), %rax
	wrgsbase %rax
	pushq	CORDON_FUZZ_FLAGS(%rsi)
	popfq
	FUZZ_LOAD_GPRS %rsi
	jmp	*%r11

	.balign	16
SYM_DATA_END_LABEL(cordon_gadgets, SYM_L_GLOBAL, cordon_gadgets_end)
	.popsection

	.text
/*
 * long cordon_fuzz_kernel_jump(struct cordon_fuzz_regs *regs,
 *				const void *target)
 *
 * The kernel as the attacker: jump to @target, a byte of the gate pages,
 * with the registers, flags, GS base, CR3 and IDTR of @regs, on a stack of
 * the harness whose top returns to cordon_fuzz_kernel_back. Whatever comes
 * back, by that return or through the fuzzer's IDT (isolation_test.c:
 * every vector to cordon_fuzz_kernel_exception, on the double-fault IST
 * stack), puts the kernel's CR3, IDT, GS base and stack back, stores the
 * registers it found in @regs->gpr and returns CORDON_FUZZ_RETURNED or
 * CORDON_FUZZ_EXCEPTION. With interrupts off, on one CPU at a time.
 */
SYM_FUNC_START(cordon_fuzz_kernel_jump)
	endbr64
	pushq	%rbp
	pushq	%rbx
	pushq	%r12
	pushq	%r13
	pushq	%r14
	pushq	%r15
	pushfq
	cli
	movq	%rsp, cordon_fuzz_saved(%rip)
	movq	%cr3, %rax
	movq	%rax, cordon_fuzz_saved+8(%rip)
	rdgsbase %rax
	movq	%rax, cordon_fuzz_saved+16(%rip)
	sidt	cordon_fuzz_saved+24(%rip)
	movq	%rdi, cordon_fuzz_saved+40(%rip)
	leaq	cordon_fuzz_stack+CORDON_FUZZ_STACK_SIZE(%rip), %rsp
	leaq	cordon_fuzz_kernel_back(%rip), %rax
	pushq	%rax
	movq	%rsi, %r11
	movq	CORDON_FUZZ_CR3(%rdi), %rax
	testq	%rax, %rax
	jz	1f
	movq	%rax, %cr3
1:	cmpw	$0, CORDON_FUZZ_IDT(%rdi)
	je	2f
	lidt	CORDON_FUZZ_IDT(%rdi)
2:	movq	CORDON_FUZZ_GSBASE(%rdi), %rax
	wrgsbase %rax
	pushq	CORDON_FUZZ_FLAGS(%rdi)
	popfq
	FUZZ_LOAD_GPRS %rdi
	ANNOTATE_RETPOLINE_SAFE
	jmp	*%r11
SYM_FUNC_END(cordon_fuzz_kernel_jump)

/* Back by a return: the registers as the gate left them. */
SYM_CODE_START_LOCAL(cordon_fuzz_kernel_back)
	UNWIND_HINT_EMPTY
	ANNOTATE_NOENDBR
	cli
	movl	$CORDON_FUZZ_RETURNED, cordon_fuzz_saved+48(%rip)
	jmp	cordon_fuzz_kernel_restore
SYM_CODE_END(cordon_fuzz_kernel_back)

/* Back through the fuzzer's IDT, any vector, on the IST stack. */
SYM_CODE_START(cordon_fuzz_kernel_exception)
	UNWIND_HINT_EMPTY
	endbr64
	movl	$CORDON_FUZZ_EXCEPTION, cordon_fuzz_saved+48(%rip)
	jmp	cordon_fuzz_kernel_restore
SYM_CODE_END(cordon_fuzz_kernel_exception)

SYM_CODE_START_LOCAL(cordon_fuzz_kernel_restore)
	UNWIND_HINT_EMPTY
	ANNOTATE_NOENDBR
	/* What the attacker's jump came back with, before anything changes. */
	movq	%r11, cordon_fuzz_saved+56(%rip)
	movq	cordon_fuzz_saved+40(%rip), %r11
	movq	%rax, 0*8(%r11)
	movq	%rbx, 1*8(%r11)
	movq	%rcx, 2*8(%r11)
	movq	%rdx, 3*8(%r11)
	movq	%rbp, 4*8(%r11)
	movq	%rdi, 5*8(%r11)
	movq	%r8, 6*8(%r11)
	movq	%r9, 7*8(%r11)
	movq	%r10, 8*8(%r11)
	movq	%r12, 9*8(%r11)
	movq	%r13, 10*8(%r11)
	movq	%r14, 11*8(%r11)
	movq	%r15, 12*8(%r11)
	movq	%rsi, 13*8(%r11)
	movq	cordon_fuzz_saved+8(%rip), %rax
	movq	%rax, %cr3
	lidt	cordon_fuzz_saved+24(%rip)
	movq	cordon_fuzz_saved+16(%rip), %rax
	wrgsbase %rax
	movq	cordon_fuzz_saved(%rip), %rsp
	popfq
	popq	%r15
	popq	%r14
	popq	%r13
	popq	%r12
	popq	%rbx
	popq	%rbp
	movl	cordon_fuzz_saved+48(%rip), %eax
	RET
SYM_CODE_END(cordon_fuzz_kernel_restore)

/*
 * long cordon_test_call_with_flags(const struct cordon_gate *g,
 *				    unsigned long flags, long a0, long a1)
 *
 * cordon_gate_call(g, a0, a1, 0) entered with RFLAGS = @flags (a kernel
 * that sets DF or AC, or TF, before it calls a gate). Preemption must be
 * off.
 */
SYM_FUNC_START(cordon_test_call_with_flags)
	endbr64
	pushfq
	pushq	%rsi
	movq	%rdx, %rsi
	movq	%rcx, %rdx
	xorl	%ecx, %ecx
	popfq
	call	cordon_gate_call
	popfq
	RET
SYM_FUNC_END(cordon_test_call_with_flags)

/*
 * What cordon_gate_call() sets up before its entry VMFUNC, for gate %rdi,
 * CPU %edx and first argument %rcx, set up by an attacker instead: the
 * per-CPU crossing state, %r12 = gate, %r14 = CPU, %r15 = argument,
 * %eax = the gate's view. After ATTACKER_GATE_FRAME.
 */
.macro CROSSING_STATE
	movq	%rsp, PER_CPU_VAR(cordon_gate_ksp)
	movq	%cr3, %rax
	movq	%rax, PER_CPU_VAR(cordon_gate_cr3)
	movq	%rdi, PER_CPU_VAR(cordon_gate_cur)
	movq	CORDON_GATE_TAG(%rdi), %rax
	movq	%rax, PER_CPU_VAR(cordon_gate_tag)
	movl	CORDON_GATE_VIEW(%rdi), %eax
	movl	%eax, PER_CPU_VAR(cordon_gate_view)
	movq	%rdi, %r12
	movl	%edx, %r14d
	movq	%rcx, %r15
	xorl	%ebx, %ebx
	xorl	%r11d, %r11d
	xorl	%r13d, %r13d
.endm

/*
 * long cordon_test_enter_with_idt(const struct cordon_gate *g,
 *				   const struct desc_ptr *idt,
 *				   unsigned int cpu, long a0)
 *
 * Finding 2: the kernel sets up the crossing state, loads an IDT of its
 * own and jumps past the gate's LIDT straight to its entry VMFUNC. The gate
 * must refuse after the VMFUNC and come back here through its epilogue
 * (the frame below is cordon_gate_call()'s, built on purpose).
 * Preemption must be off.
 */
SYM_FUNC_START(cordon_test_enter_with_idt)
	endbr64
	ATTACKER_GATE_FRAME
	CROSSING_STATE
	lidt	(%rsi)
	/*
	 * The gate's own page tables, loaded by the gate's own code (this
	 * text is not mapped in them): only the IDT differs.
	 */
	jmp	cordon_gate_page_tables
SYM_FUNC_END(cordon_test_enter_with_idt)

/*
 * long cordon_test_enter_with_cr3(const struct cordon_gate *g, u64 cr3,
 *				   unsigned int cpu, long a0)
 *
 * Finding 3: as above, with Cordon's IDT but page tables of the kernel's
 * choosing in CR3 instead of the gate's: the kernel's own, in which it
 * can point any address at any frame. The gate must not run on them.
 */
SYM_FUNC_START(cordon_test_enter_with_cr3)
	endbr64
	ATTACKER_GATE_FRAME
	CROSSING_STATE
	lidt	cordon_frozen+CORDON_FROZEN_CORDON_IDT(%rip)
	movq	%rsi, %cr3
	movl	%eax, %ecx
	xorl	%eax, %eax
	jmp	cordon_vmfunc_enter
SYM_FUNC_END(cordon_test_enter_with_cr3)

/*
 * long cordon_test_vmfunc_into(const struct cordon_gate *g, u32 view,
 *				unsigned int cpu)
 *
 * Kernel code, inside a crossing of @g it set up, switches to @view with
 * a VMFUNC of its own: the instructions after it are kernel text, which
 * must not run there. The gate's epilogue comes back here with the
 * crossing's error.
 */
SYM_FUNC_START(cordon_test_vmfunc_into)
	endbr64
	ATTACKER_GATE_FRAME
	movl	%esi, %r9d
	xorl	%ecx, %ecx
	CROSSING_STATE
	movl	%r9d, %ecx
	xorl	%eax, %eax
	.byte	0x0f, 0x01, 0xd4	/* VMFUNC */
	/* Had this run in that view: a result no gate path gives. */
	movq	$-EXDEV, PER_CPU_VAR(cordon_gate_err)
	movq	PER_CPU_VAR(cordon_gate_ksp), %rsp
	jmp	cordon_gate_abort
SYM_FUNC_END(cordon_test_vmfunc_into)

/*
 * long cordon_test_step_into_sealed(const struct cordon_gate *g,
 *				     const struct desc_ptr *idt,
 *				     unsigned int cpu, long a0, void *stack)
 *
 * Finding 3's event window: the kernel loads an IDT of its own, whose #DB
 * vector runs an IRET (which keeps TF set), takes @stack and single-steps
 * into the sealed gate. Each step pushes a frame on @stack; one pushed
 * after the entry VMFUNC would be an event delivered in the sealed view
 * through the kernel's IDT, onto the kernel's stack, with a handler the
 * kernel chose. The gate's epilogue comes back here.
 */
SYM_FUNC_START(cordon_test_step_into_sealed)
	endbr64
	ATTACKER_GATE_FRAME
	CROSSING_STATE
	lidt	(%rsi)
	movq	%r8, %rsp
	pushfq
	orq	$X86_EFLAGS_TF, (%rsp)
	popfq
	jmp	cordon_gate_page_tables
SYM_FUNC_END(cordon_test_step_into_sealed)

/*
 * Where the old exit path returned after a compartment moved GS: kernel
 * code the attacker chose, reached through a stack it forged. Finding it
 * here means the attack worked: put GS back, note it, and leave through
 * the gate's abort path on the real kernel stack with -EXDEV.
 */
SYM_CODE_START(cordon_test_gs_landing)
	UNWIND_HINT_EMPTY
	ANNOTATE_NOENDBR
	movl	$MSR_GS_BASE, %ecx
	movq	cordon_test_saved_gsbase(%rip), %rax
	movq	%rax, %rdx
	shrq	$32, %rdx
	wrmsr
	movb	$1, cordon_test_landed(%rip)
	movq	$-EXDEV, PER_CPU_VAR(cordon_gate_err)
	movq	PER_CPU_VAR(cordon_gate_ksp), %rsp
	jmp	cordon_gate_abort
SYM_CODE_END(cordon_test_gs_landing)

	.pushsection .bss, "aw"
	.balign	16
/* rsp, cr3, gs base, idtr (10 bytes, at 24), regs, how, r11 */
SYM_DATA_LOCAL(cordon_fuzz_saved, .skip 64)
	.balign	PAGE_SIZE
SYM_DATA_LOCAL(cordon_fuzz_stack, .skip CORDON_FUZZ_STACK_SIZE)
	.popsection
