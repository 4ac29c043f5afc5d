/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Cordon - gates: the only code executable in more than one view
 *
 * Everything here sits in whole pages of its own (.text.unlikely.cordon_gate),
 * executable and read-only in every view and frozen so by the hypervisor.
 *
 * Rules every path keeps:
 * - After each VMFUNC comes a check that faults unless the CPU is in the
 *   view the path meant: a read of that view's tag page, readable there
 *   only. Anyone may jump to a VMFUNC with registers of their choosing, so
 *   whatever a path trusts after it (the descriptor, the CPU number) is
 *   validated again after it.
 * - While an untrusted compartment runs, the IDT is Cordon's (irq.c): its
 *   stubs save the interrupted context on the compartment's own stack,
 *   switch to the kernel view and the kernel's IDT, and let the kernel's
 *   handler run on the kernel stack; the way back goes through a VMFUNC
 *   and a check again, the way KPTI's entry code switches CR3. NMIs are
 *   latched and delivered in the kernel view at the next exit; exceptions
 *   end the crossing.
 * - In the sealed view no event is delivered at all: the hypervisor saves
 *   the context and leaves through cordon_aex_exit (aex.c), and resumes it
 *   when the sealed code asks, after the same way in.
 */

#include <linux/cordon-sections.h>
#include <linux/cordon-views-abi.h>
#include <linux/errno.h>
#include <linux/linkage.h>
#include <linux/objtool.h>
#include <asm/ibt.h>
#include <asm/msr-index.h>
#include <asm/nospec-branch.h>
#include <asm/page_types.h>
#include <asm/percpu.h>
#include <asm/processor-flags.h>
#include <asm/segment.h>
#include <asm/trapnr.h>
#include <asm/unwind_hints.h>

#include "gate.h"

#define VMFUNC .byte 0x0f, 0x01, 0xd4

/* Vectors for which the CPU pushes an error code. */
#define ERROR_CODE_VECTORS ((1 << X86_TRAP_DF) | (1 << X86_TRAP_TS) | \
			    (1 << X86_TRAP_NP) | (1 << X86_TRAP_SS) | \
			    (1 << X86_TRAP_GP) | (1 << X86_TRAP_PF) | \
			    (1 << X86_TRAP_AC) | (1 << X86_TRAP_CP) | \
			    (1 << X86_TRAP_VC) | (1 << 30))

/* Clear what neither side may see of the other; %r13 is cleared apart. */
.macro CLEAR_SHARED_REGS
	xorl	%ecx, %ecx
	xorl	%ebx, %ebx
	xorl	%ebp, %ebp
	xorl	%r8d, %r8d
	xorl	%r9d, %r9d
	xorl	%r10d, %r10d
	xorl	%r11d, %r11d
	xorl	%r12d, %r12d
	xorl	%r14d, %r14d
	xorl	%r15d, %r15d
.endm

/* The registers a C caller does not expect kept, bar %rax. */
.macro CLEAR_CALLER_REGS
	xorl	%ecx, %ecx
	xorl	%edx, %edx
	xorl	%esi, %esi
	xorl	%edi, %edi
	xorl	%r8d, %r8d
	xorl	%r9d, %r9d
	xorl	%r10d, %r10d
	xorl	%r11d, %r11d
.endm

/* Every general register but %rsp. */
.macro CLEAR_ALL_REGS
	xorl	%eax, %eax
	xorl	%edx, %edx
	xorl	%esi, %esi
	xorl	%edi, %edi
	xorl	%r13d, %r13d
	CLEAR_SHARED_REGS
.endm

.macro PUSH_GPRS
	pushq	%rdi
	pushq	%rsi
	pushq	%rdx
	pushq	%rcx
	pushq	%rax
	pushq	%r8
	pushq	%r9
	pushq	%r10
	pushq	%r11
	pushq	%rbx
	pushq	%rbp
	pushq	%r12
	pushq	%r13
	pushq	%r14
	pushq	%r15
.endm

.macro POP_GPRS
	popq	%r15
	popq	%r14
	popq	%r13
	popq	%r12
	popq	%rbp
	popq	%rbx
	popq	%r11
	popq	%r10
	popq	%r9
	popq	%r8
	popq	%rax
	popq	%rcx
	popq	%rdx
	popq	%rsi
	popq	%rdi
.endm

/* \reg must point at one of the frozen descriptors, and a used one. */
.macro VALIDATE_GATE reg:req, tmp:req, fail:req
	leaq	cordon_frozen(%rip), \tmp
	negq	\tmp
	addq	\reg, \tmp
	cmpq	$CORDON_GATES_BYTES, \tmp
	jae	\fail
	testq	$(CORDON_GATE_SIZE - 1), \tmp
	jnz	\fail
	cmpl	$0, CORDON_GATE_VIEW(\reg)
	je	\fail
.endm

/* This CPU's number, zero-extended, in \out (a 64-bit register). */
.macro LOAD_CPU out:req, fail:req
#ifdef CONFIG_SMP
	movl	PER_CPU_VAR(cpu_number), %eax
	movq	%rax, \out
#else
	xorl	%eax, %eax
	movq	%rax, \out
#endif
	cmpl	cordon_frozen+CORDON_FROZEN_NR_CPUS(%rip), %eax
	jae	\fail
.endm

/*
 * \out = the stack of the crossing on gate %r12 (validated): this CPU's
 * for per-CPU stacks, else the pool stack cordon_gate() took for it,
 * which the crossing keeps when an exit moves it to another CPU.
 */
.macro LOAD_STACK out:req, fail:req
	cmpl	$0, CORDON_GATE_NR_STACKS(%r12)
	jne	.Lpool_\@
	LOAD_CPU \out, \fail
	jmp	.Lstack_done_\@
.Lpool_\@:
	movl	PER_CPU_VAR(cordon_gate_stack), %eax
	movq	%rax, \out
	cmpl	CORDON_GATE_NR_STACKS(%r12), %eax
	jae	\fail
.Lstack_done_\@:
.endm

/* \fail unless %r14d names one of gate %r12's stacks. Clobbers %rax. */
.macro CHECK_STACK fail:req
	movl	CORDON_GATE_NR_STACKS(%r12), %eax
	testl	%eax, %eax
	jnz	.Lbound_\@
	movl	cordon_frozen+CORDON_FROZEN_NR_CPUS(%rip), %eax
.Lbound_\@:
	cmpl	%eax, %r14d
	jae	\fail
.endm

/* \out = the slot of stack \cpu (bounded) on gate \g's stacks. */
.macro SLOT g:req, cpu:req, out:req
	leaq	1(\cpu), \out
	shlq	$CORDON_GATE_STACK_SHIFT, \out
	addq	CORDON_GATE_STACKS(\g), \out
	subq	$CORDON_SLOT_SIZE, \out
.endm

/*
 * CR3 = \reg, in the kernel view only. No MOV to CR3 may sit in the gate
 * pages, which every view executes: an untrusted compartment would load
 * tables of its own and have the kernel view run on them. Each use jumps
 * to a stub of its own after the gate pages (subsection 1: kernel text,
 * executable in the kernel view alone) and straight back. The sealed page
 * tables map those stubs too (cordon_gates_map_shared()).
 */
.macro LOAD_CR3 reg:req
	jmp	.Lcr3_out_\@
.Lcr3_back_\@:
	.subsection 1
.Lcr3_out_\@:
	movq	\reg, %cr3
	jmp	.Lcr3_back_\@
	.subsection 0
.endm

/*
 * Before a VMFUNC into gate \g's view: the compartment's own page tables,
 * if it has any (pagetables.c). Clobbers \tmp.
 */
.macro COMPARTMENT_PAGE_TABLES g:req, tmp:req
	movq	CORDON_GATE_CR3(\g), \tmp
	testq	\tmp, \tmp
	jz	.Lno_cr3_\@
	LOAD_CR3 \tmp
.Lno_cr3_\@:
.endm

/*
 * After that VMFUNC: CR3 must name those tables (any PCID). In the sealed
 * view, guest-paging verification already faults on any other tables the
 * moment a gate reads a frozen descriptor; this says so plainly. Clobbers
 * %rax, %rcx.
 */
.macro CHECK_PAGE_TABLES g:req, fail:req
	movq	CORDON_GATE_CR3(\g), %rax
	testq	%rax, %rax
	jz	.Lcr3_ok_\@
	movq	%cr3, %rcx
	andq	$PAGE_MASK, %rcx
	cmpq	%rax, %rcx
	jne	\fail
.Lcr3_ok_\@:
.endm

/*
 * After a VMFUNC into the view of gate %r12 for CPU %r14: both are checked
 * again, since a jump to the VMFUNC brings its own, then \site reads the
 * gate's tag page (readable in its view only) and %r8 = the CPU's slot.
 */
.macro RECHECK_AFTER_VMFUNC site:req, fail:req
	VALIDATE_GATE %r12, %rax, \fail
	CHECK_PAGE_TABLES %r12, \fail
	movl	%r14d, %r14d
	CHECK_STACK \fail
	movq	CORDON_GATE_TAG(%r12), %rax
SYM_INNER_LABEL(\site, SYM_L_GLOBAL)
	ANNOTATE_NOENDBR
	movq	(%rax), %rax
	SLOT	%r12, %r14, %r8
.endm

/*
 * \out = this CPU's kernel GS base, from the frozen table by the CPU
 * number in TSC_AUX; \fail if that names no CPU. Clobbers %rax, %rcx,
 * %rdx.
 */
.macro FROZEN_GSBASE out:req, fail:req
	rdtscp
	andl	$CORDON_TSC_AUX_CPU_MASK, %ecx
	cmpl	cordon_frozen+CORDON_FROZEN_NR_CPUS(%rip), %ecx
	jae	\fail
	leaq	cordon_frozen+CORDON_FROZEN_GSBASE(%rip), \out
	movq	(\out, %rcx, 8), \out
.endm

/*
 * %rcx = this CPU's per-CPU base from the frozen table, by the CPU number
 * in the limit of its GDT's CPUNODE segment (LSL: unlike RDTSCP, it needs
 * no third register); \fail if that names no CPU. For paths that have
 * only %rax and %rcx free and must not touch %gs or the stack yet.
 * Clobbers %rax.
 */
.macro FROZEN_PERCPU_RCX fail:req
	movl	$__CPUNODE_SEG, %ecx
	lsl	%ecx, %ecx
	jnz	\fail
	andl	$CORDON_TSC_AUX_CPU_MASK, %ecx
	cmpl	cordon_frozen+CORDON_FROZEN_NR_CPUS(%rip), %ecx
	jae	\fail
	leaq	cordon_frozen+CORDON_FROZEN_GSBASE(%rip), %rax
	movq	(%rax, %rcx, 8), %rcx
.endm

/* \yes if %rsp is on this CPU's event stack (%gs checked). Clobbers %rax. */
.macro ON_EVENT_STACK yes:req
	movq	%rsp, %rax
	subq	PER_CPU_VAR(this_cpu_off), %rax
	subq	$(cordon_shared + CORDON_SHARED_EVENT_STACK), %rax
	cmpq	$(CORDON_SHARED_NMI_STACK - CORDON_SHARED_EVENT_STACK), %rax
	jb	\yes
.endm

/* %rax = MSR \msr. Clobbers %rcx, %rdx. */
.macro RDMSR64 msr:req
	movl	$\msr, %ecx
	rdmsr
	shlq	$32, %rdx
	orq	%rdx, %rax
.endm

/* MSR \msr = \val. Clobbers %rax, %rcx, %rdx. */
.macro WRMSR64 msr:req, val:req
	movq	\val, %rax
	movq	\val, %rdx
	shrq	$32, %rdx
	movl	$\msr, %ecx
	wrmsr
.endm

/*
 * In the kernel view, before anything is read through %gs: the control
 * state a compartment at CPL 0 could have changed is the kernel's. CR0 and
 * CR4 bits against frozen values, and the GS base against this CPU's entry
 * in a frozen table, found by the CPU number in TSC_AUX (RDTSCP; writing
 * TSC_AUX takes WRMSR, which no compartment code contains). Anything else
 * goes to cordon_kernel_state_bad, which puts it back and ends the
 * crossing. Clobbers %rax, %rcx, %rdx and %r10 (left zero).
 */
.macro CHECK_KERNEL_STATE
	movq	%cr0, %rax
	andq	cordon_frozen+CORDON_FROZEN_CR0_MASK(%rip), %rax
	cmpq	cordon_frozen+CORDON_FROZEN_CR0_WANT(%rip), %rax
	jne	cordon_kernel_state_bad
	movq	%cr4, %rax
	andq	cordon_frozen+CORDON_FROZEN_CR4_MASK(%rip), %rax
	cmpq	cordon_frozen+CORDON_FROZEN_CR4_WANT(%rip), %rax
	jne	cordon_kernel_state_bad
	FROZEN_GSBASE %r10, cordon_kernel_state_bad
	RDMSR64 MSR_GS_BASE
	cmpq	%r10, %rax
	jne	cordon_kernel_state_bad
	xorl	%eax, %eax
	xorl	%ecx, %ecx
	xorl	%edx, %edx
	xorl	%r10d, %r10d
.endm

/*
 * Just after a VMFUNC into the kernel view: out of the sealed page tables,
 * which map little of the kernel, into the kernel's own, from frozen
 * values only. Clobbers %rax.
 */
.macro KERNEL_PAGE_TABLES
	movq	%cr3, %rax
	andq	$PAGE_MASK, %rax
	cmpq	cordon_frozen+CORDON_FROZEN_SEALED_CR3(%rip), %rax
	jne	.Lkernel_pt_\@
	movq	cordon_frozen+CORDON_FROZEN_KERNEL_CR3(%rip), %rax
	LOAD_CR3 %rax
.Lkernel_pt_\@:
.endm

/*
 * Once %gs is checked: the page tables the crossing's caller had, if
 * KERNEL_PAGE_TABLES replaced them. Clobbers %rax (left zero).
 */
.macro CALLER_PAGE_TABLES
	movq	%cr3, %rax
	cmpq	cordon_frozen+CORDON_FROZEN_KERNEL_CR3(%rip), %rax
	jne	.Lcaller_pt_\@
	movq	PER_CPU_VAR(cordon_gate_cr3), %rax
	LOAD_CR3 %rax
.Lcaller_pt_\@:
	xorl	%eax, %eax
.endm

/*
 * From any view to the kernel's, on every way out of a compartment: VMFUNC
 * (EAX = ECX = 0 already), interrupts off, the check at \site, the
 * kernel's page tables and IDT, the kernel's control state and GS base,
 * the kernel stack of this CPU's crossing, taken only now from memory no
 * compartment writes, and the caller's page tables.
 */
.macro TO_KERNEL_VIEW vmfunc:req, site:req
SYM_INNER_LABEL(\vmfunc, SYM_L_GLOBAL)
	ANNOTATE_NOENDBR
	VMFUNC
	/*
	 * A jump to the VMFUNC brings the compartment's IF: an interrupt at
	 * the boundary after it comes through Cordon's IDT, on the event
	 * stack, and none later, when the kernel's IDT is loaded and neither
	 * %gs nor %rsp is the kernel's yet.
	 */
	cli
SYM_INNER_LABEL(\site, SYM_L_GLOBAL)
	ANNOTATE_NOENDBR
	movq	cordon_tags(%rip), %rax
	KERNEL_PAGE_TABLES
	lidt	cordon_frozen+CORDON_FROZEN_KERNEL_IDT(%rip)
	cld
	CHECK_KERNEL_STATE
	movq	PER_CPU_VAR(cordon_gate_ksp), %rsp
	CALLER_PAGE_TABLES
.endm

/*
 * After the entry into a compartment has its stack (\top is its slot):
 * the IDT must be Cordon's, or an interrupt would run a handler of the
 * caller's choosing on what the compartment pushes. Stores it just below
 * \top, which only this crossing uses; clobbers %rcx.
 */
.macro CHECK_CORDON_IDT top:req, fail:req
	sidt	-16(\top)
	movzwl	-16(\top), %ecx
	cmpw	cordon_frozen+CORDON_FROZEN_CORDON_IDT(%rip), %cx
	jne	\fail
	movq	-14(\top), %rcx
	cmpq	cordon_frozen+CORDON_FROZEN_CORDON_IDT+2(%rip), %rcx
	jne	\fail
.endm

/*
 * Just before a VMFUNC into a compartment's view, from a kernel stack: the
 * top of this CPU's shared page (irq.h) instead, which every view may
 * write. An NMI right after the VMFUNC pushes its frame there (the kernel
 * stack is not writable in an untrusted view, and an undeliverable event
 * would stop the guest); the NMI stub needs nothing else. The path takes
 * its real stack after its checks. Another CPU in the compartment can
 * write the page, so nothing of the kernel's may be in a register then.
 */
.macro LANDING_STACK
	movq	PER_CPU_VAR(this_cpu_off), %rsp
	addq	$(cordon_shared + PAGE_SIZE), %rsp
.endm

/*
 * From the kernel view, interrupts off, back into the view of this CPU's
 * crossing (cordon_gate_cur): Cordon's IDT, the landing stack, the
 * compartment's page tables, the VMFUNC at \vmfunc and the checks after it
 * at \site. Leaves %r12 = the gate, %r14 = the crossing's stack, %r8 = its
 * slot; any check that fails before the VMFUNC goes to \fail, after it to
 * .Lirq_lost. Nothing of the kernel's is left in %rax, %rcx, %rdx, %rsi,
 * %rdi, %r9-%r11.
 */
.macro TO_COMPARTMENT_VIEW vmfunc:req, site:req, fail:req
	movq	PER_CPU_VAR(cordon_gate_cur), %r12
	VALIDATE_GATE %r12, %rax, \fail
	LOAD_STACK %r14, \fail
	movl	CORDON_GATE_VIEW(%r12), %ecx
	lidt	cordon_frozen+CORDON_FROZEN_CORDON_IDT(%rip)
	LANDING_STACK
	COMPARTMENT_PAGE_TABLES %r12, %rdx
	xorl	%eax, %eax
	xorl	%edx, %edx
	xorl	%esi, %esi
	xorl	%edi, %edi
	xorl	%r9d, %r9d
	xorl	%r10d, %r10d
	xorl	%r11d, %r11d
SYM_INNER_LABEL(\vmfunc, SYM_L_GLOBAL)
	ANNOTATE_NOENDBR
	VMFUNC
	RECHECK_AFTER_VMFUNC \site, .Lirq_lost
.endm

/*
 * Both exit gates, on the compartment's stack: what the way back pops
 * (%rbx, %rbp, %r12-%r15, RFLAGS), interrupts off, %rbx = the RFLAGS,
 * and %r12, %r13, %r14 = the third and fourth arguments and the record,
 * whose registers the way to the kernel view clobbers.
 */
.macro EXIT_PROLOGUE
	pushq	%rbx
	pushq	%rbp
	pushq	%r12
	pushq	%r13
	pushq	%r14
	pushq	%r15
	pushfq
	cli
	movq	(%rsp), %rbx
	movq	%rdx, %r12
	movq	%rcx, %r13
	movq	%r11, %r14
.endm

/* In the kernel view with the kernel's IDT: run an NMI latched meanwhile. */
.macro DELIVER_NMI
	cmpb	$0, PER_CPU_VAR(cordon_shared)
	je	.Lno_nmi_\@
	movb	$0, PER_CPU_VAR(cordon_shared)
	lock incq cordon_counters + 8 * CORDON_ASM_CTR_NMI_DEFERRED(%rip)
	int	$X86_TRAP_NMI
.Lno_nmi_\@:
.endm

/* cordon_gate_call()'s frame, interrupts off (kunit/attacker.h too). */
.macro GATE_FRAME
	pushq	%rbp
	movq	%rsp, %rbp
	pushq	%rbx
	pushq	%r12
	pushq	%r13
	pushq	%r14
	pushq	%r15
	pushfq
	cli
.endm

/*
 * Back to cordon_gate_call()'s caller from its frame: a latched NMI first
 * if \nmi (the kernel's IDT is loaded by then), then no crossing on this
 * CPU.
 */
.macro GATE_EPILOGUE nmi:req
	.if \nmi
	DELIVER_NMI
	.endif
	movl	$0, PER_CPU_VAR(cordon_gate_view)
	popfq
	popq	%r15
	popq	%r14
	popq	%r13
	popq	%r12
	popq	%rbx
	popq	%rbp
	ANNOTATE_UNRET_SAFE
	ret
	int3
.endm

	/* A .text.unlikely.* name lands inside .text (TEXT_MAIN is .text only). */
	.pushsection .text.unlikely.cordon_gate, "ax"
/*
 * Everything the gate pages reach outside themselves is here, just before
 * them, in kernel text the kernel view alone executes: their jumps and
 * calls out are then short and backwards, so that the displacements in
 * the gate pages (which a compartment can jump into the middle of) spell
 * no privileged instruction; scripts/check-gates and the boot-time scan
 * check what is left, and CONFIG_CORDON_GATE_PAD moves the gate code.
 */
SYM_CODE_START_LOCAL(cordon_out_ve_entry)
	UNWIND_HINT_EMPTY
	ANNOTATE_NOENDBR
	jmp	asm_exc_cordon_ve
SYM_CODE_END(cordon_out_ve_entry)

SYM_FUNC_START_LOCAL(cordon_out_irq_forwardable)
	jmp	cordon_irq_forwardable
SYM_FUNC_END(cordon_out_irq_forwardable)

SYM_FUNC_START_LOCAL(cordon_out_exit_lend_return)
	jmp	cordon_exit_lend_return
SYM_FUNC_END(cordon_out_exit_lend_return)

/*
 * %\cr's bits in frozen \mask back to frozen \want, and \bit in %r11 if
 * that changed anything. Clobbers %rax, %rcx.
 */
.macro RESTORE_CR cr:req, mask:req, want:req, bit:req
	movq	%\cr, %rax
	movq	%rax, %rcx
	andq	cordon_frozen+\mask(%rip), %rcx
	cmpq	cordon_frozen+\want(%rip), %rcx
	je	.Lcr_ok_\@
	orl	$\bit, %r11d
	movq	cordon_frozen+\mask(%rip), %rcx
	notq	%rcx
	andq	%rcx, %rax
	orq	cordon_frozen+\want(%rip), %rax
	movq	%rax, %\cr
.Lcr_ok_\@:
.endm

/*
 * A way back to the kernel view found its control state changed
 * (CHECK_KERNEL_STATE). Kernel text before the gate pages, not in them:
 * executable in the kernel view only, so its writes to CR0, CR4 and the GS
 * MSRs are nobody's gadget. Everything comes from frozen constants; the CPU number
 * from TSC_AUX. Puts the state back, notes what it found for the report,
 * and ends the crossing with -EPERM on the kernel stack.
 */
SYM_CODE_START(cordon_kernel_state_bad)
	UNWIND_HINT_EMPTY
	ANNOTATE_NOENDBR
	xorl	%r11d, %r11d
	jmp	.Lstate_check
/*
 * The #VE gate stub was entered with a frame that lies about user mode, or
 * without a #VE, during a crossing.
 */
SYM_INNER_LABEL(cordon_kernel_state_forged, SYM_L_GLOBAL)
	ANNOTATE_NOENDBR
	movl	$CORDON_TAMPER_FRAME, %r11d
.Lstate_check:
	RESTORE_CR cr0, CORDON_FROZEN_CR0_MASK, CORDON_FROZEN_CR0_WANT, CORDON_TAMPER_CR0
	RESTORE_CR cr4, CORDON_FROZEN_CR4_MASK, CORDON_FROZEN_CR4_WANT, CORDON_TAMPER_CR4
	FROZEN_GSBASE %r10, .Lno_cpu
	RDMSR64 MSR_GS_BASE
	cmpq	%r10, %rax
	je	3f
	orl	$CORDON_TAMPER_GS, %r11d
	/* After a SWAPGS the kernel's base is in KERNEL_GS_BASE: swap back. */
	movq	%rax, %r8
	RDMSR64 MSR_KERNEL_GS_BASE
	cmpq	%r10, %rax
	jne	4f
	WRMSR64 MSR_KERNEL_GS_BASE, %r8
4:	WRMSR64 MSR_GS_BASE, %r10
3:	/* %gs is the kernel's again: its stack, and the end of the crossing. */
	cmpl	$0, PER_CPU_VAR(cordon_gate_view)
	je	.Lno_crossing
	movq	PER_CPU_VAR(cordon_gate_ksp), %rsp
	movq	%r11, PER_CPU_VAR(cordon_gate_tamper)
	/* An interrupt's entry noted its vector in %r13 (cordon_irq_entry). */
	movq	%r13, PER_CPU_VAR(cordon_irq_lost)
	lock incq cordon_counters + 8 * CORDON_ASM_CTR_GATE_REFUSED(%rip)
	movq	$-EPERM, PER_CPU_VAR(cordon_gate_err)
	xorl	%eax, %eax
	xorl	%ecx, %ecx
	xorl	%edx, %edx
	xorl	%r8d, %r8d
	xorl	%r10d, %r10d
	xorl	%r11d, %r11d
	jmp	cordon_gate_abort
.Lno_crossing:
	/* The kernel changed its own state: oops, with its GS back at least. */
.Lno_cpu:
	/* TSC_AUX names no CPU: nothing left to trust. */
	ud2
SYM_CODE_END(cordon_kernel_state_bad)

	.balign PAGE_SIZE, 0xcc
SYM_INNER_LABEL(__cordon_gate_start, SYM_L_GLOBAL)
	/* Moves the code, and its displacements (CONFIG_CORDON_GATE_PAD). */
	.skip	CONFIG_CORDON_GATE_PAD, 0xcc

/*
 * long cordon_gate_call(const struct cordon_gate *g, long a0, long a1,
 *			 long a2)
 *
 * Runs g->target(a0, a1, a2) in g->view on this CPU's compartment stack,
 * with the caller's interrupt flag. Returns its result, -EINVAL for a
 * descriptor that is not one of the frozen ones, -EBUSY if this CPU's
 * stack in the compartment is taken, -EPERM if a check refused the
 * crossing, or the error the #VE handler or an exception set when the
 * crossing was aborted.
 */
SYM_FUNC_START(cordon_gate_call)
	ENDBR
	/* Every way out of a gate returns to the caller through this frame. */
	GATE_FRAME

	movq	%rdi, %r12
	VALIDATE_GATE %r12, %r8, .Lbad_gate
	LOAD_STACK %r14, .Lbad_gate
	movq	%rsp, PER_CPU_VAR(cordon_gate_ksp)
	movq	%r12, PER_CPU_VAR(cordon_gate_cur)
	movq	%cr3, %r8
	movq	%r8, PER_CPU_VAR(cordon_gate_cr3)
	movq	CORDON_GATE_TAG(%r12), %r8
	movq	%r8, PER_CPU_VAR(cordon_gate_tag)
	movl	CORDON_GATE_VIEW(%r12), %eax
	movl	%eax, PER_CPU_VAR(cordon_gate_view)
	movq	(%rsp), %r13
	andl	$X86_EFLAGS_IF, %r13d
	movq	%rsi, %r15
	movq	%rdx, %rbx
	movq	%rcx, %r11
	lidt	cordon_frozen+CORDON_FROZEN_CORDON_IDT(%rip)
	/* The frame pointer and the caller's scratch: the kernel's. */
	xorl	%ebp, %ebp
	xorl	%r9d, %r9d
	xorl	%r10d, %r10d
	LANDING_STACK
	/* From here on, in the view's page tables: nothing but gate pages. */
SYM_INNER_LABEL(cordon_gate_page_tables, SYM_L_GLOBAL)
	ANNOTATE_NOENDBR
	COMPARTMENT_PAGE_TABLES %r12, %rdx
	movl	%eax, %ecx
	xorl	%eax, %eax
SYM_INNER_LABEL(cordon_vmfunc_enter, SYM_L_GLOBAL)
	ANNOTATE_NOENDBR
	VMFUNC
	RECHECK_AFTER_VMFUNC cordon_gate_check_enter, .Lrefused

	/* This CPU's stack in the compartment, unless something holds it. */
	movl	$1, %ecx
	xorl	%eax, %eax
	lock cmpxchgq %rcx, CORDON_SLOT_BUSY(%r8)
	jnz	.Lbusy
	movq	$0, CORDON_SLOT_SAVED_SP(%r8)
	/*
	 * A context an asynchronous exit saved for this CPU belongs to a
	 * crossing that ended without it: drop it, or the next exit could
	 * save nothing and the resume bring back the old one.
	 */
	movq	CORDON_GATE_AEX(%r12), %rax
	testq	%rax, %rax
	jz	1f
	movq	%r14, %rcx
	shlq	$CORDON_AEX_FRAME_SHIFT, %rcx
	movq	$0, CORDON_AEX_FRAME_STATE(%rax, %rcx)
1:	CHECK_CORDON_IDT %r8, .Lbad_idt

	/*
	 * Compartment stack, arguments, and nothing else of the kernel's:
	 * not its flags either (DF, AC, TF), whatever the way in.
	 */
	movq	%r8, %rsp
	pushq	$X86_EFLAGS_FIXED
	popfq
	movq	CORDON_GATE_TARGET(%r12), %rax
	movq	%r15, %rdi
	movq	%rbx, %rsi
	movq	%r11, %rdx
	CLEAR_SHARED_REGS
	testl	%r13d, %r13d
	movl	$0, %r13d
	jz	1f
	sti
1:	ANNOTATE_RETPOLINE_SAFE
	call	*%rax
SYM_INNER_LABEL(cordon_gate_return_site, SYM_L_GLOBAL)
	ANNOTATE_NOENDBR
	cli
	/* Code that keeps the ABI returns with %rsp at its slot: release it. */
	movq	$0, CORDON_SLOT_BUSY(%rsp)
	/* Nothing of the compartment's but its result goes back. */
	movq	%rax, %rsi
	xorl	%edx, %edx
	xorl	%edi, %edi
	CLEAR_SHARED_REGS
	xorl	%r13d, %r13d
	xorl	%eax, %eax
	/*
	 * The kernel's stack is taken only after the VMFUNC: a jump to it
	 * brings a stack of its own, whose return address would run in the
	 * kernel view.
	 */
	TO_KERNEL_VIEW cordon_vmfunc_exit, cordon_gate_check_exit
	movq	%rsi, %rax
	xorl	%esi, %esi
.Lout_kernel:
	GATE_EPILOGUE nmi=1
.Lout:
	GATE_EPILOGUE nmi=0

.Lbad_gate:
	movq	$-EINVAL, %rax
	jmp	.Lout

/*
 * Labels C code compares against, or sends a frame to through IRET, carry
 * ANNOTATE_NOENDBR: they are not indirect-branch targets.
 *
 * Refused after the VMFUNC: back to the kernel view, and out through the
 * epilogue with an error, on the kernel stack of this CPU's crossing (the
 * one the path came in with when it was a genuine call, which has not
 * moved %rsp yet).
 */
.Lbad_idt:
	movq	$0, CORDON_SLOT_BUSY(%r8)
	jmp	.Lrefused
.Lbusy:
	movq	$-EBUSY, %r9
	jmp	.Lleave
.Lrefused:
	movq	$-EPERM, %r9
.Lleave:
	xorl	%eax, %eax
	xorl	%ecx, %ecx
	TO_KERNEL_VIEW cordon_vmfunc_refused, cordon_gate_check_refused
	lock incq cordon_counters + 8 * CORDON_ASM_CTR_GATE_REFUSED(%rip)
	movq	%r9, %rax
	CLEAR_CALLER_REGS
	jmp	.Lout_kernel

SYM_FUNC_END(cordon_gate_call)

/*
 * The #VE handler, an exception or a lost context aborts a crossing by
 * returning here, in the kernel view, with RSP back at cordon_gate_ksp
 * (cordon_gate_call()'s frame) and the error in cordon_gate_err.
 */
SYM_CODE_START(cordon_gate_abort)
	UNWIND_HINT_EMPTY
	ANNOTATE_NOENDBR
	CALLER_PAGE_TABLES
	movq	$1, PER_CPU_VAR(cordon_gate_aborted)
	movq	PER_CPU_VAR(cordon_gate_err), %rax
	CLEAR_CALLER_REGS
	GATE_EPILOGUE nmi=1
SYM_CODE_END(cordon_gate_abort)

/*
 * After a grant, the #VE handler returns here in the kernel view, with
 * interrupts off and %rsp at the top of this CPU's event stack, to go
 * back into the compartment at cordon_resume_rip with cordon_resume_flags
 * and cordon_resume_sp. Never into the sealed view: nobody but a gate may
 * enter it.
 */
SYM_CODE_START(cordon_gate_resume)
	ANNOTATE_NOENDBR
	UNWIND_HINT_EMPTY
	/*
	 * An IRET frame back to the access, on the event stack, not on the
	 * compartment's %rsp, which may point anywhere: an indirect jump to
	 * an arbitrary RIP would need an ENDBR there under IBT, IRET does
	 * not. Another CPU in the compartment may rewrite the frame: the
	 * IRET is in the compartment's view.
	 */
	pushq	$__KERNEL_DS
	pushq	PER_CPU_VAR(cordon_resume_sp)
	pushq	PER_CPU_VAR(cordon_resume_flags)
	pushq	$__KERNEL_CS
	pushq	PER_CPU_VAR(cordon_resume_rip)
	pushq	%rax
	pushq	%rcx
	movl	PER_CPU_VAR(cordon_gate_view), %ecx
	testl	%ecx, %ecx
	jz	.Lresume_refused
	cmpl	cordon_frozen+CORDON_FROZEN_SEALED_VIEW(%rip), %ecx
	je	.Lresume_refused
	lidt	cordon_frozen+CORDON_FROZEN_CORDON_IDT(%rip)
	xorl	%eax, %eax
SYM_INNER_LABEL(cordon_vmfunc_resume, SYM_L_GLOBAL)
	ANNOTATE_NOENDBR
	VMFUNC
	movq	PER_CPU_VAR(cordon_gate_tag), %rax
	movq	(%rax), %rax
	popq	%rcx
	popq	%rax
	iretq
.Lresume_refused:
	ud2
SYM_CODE_END(cordon_gate_resume)

/*
 * An exception while a compartment runs ends the crossing with -EFAULT.
 * Nothing of the compartment's context is kept; the vector and, outside
 * the sealed view, the faulting RIP go to cordon_gate() for the report.
 * Stack: vector, error code, hardware frame.
 */
SYM_CODE_START_LOCAL(cordon_exc_entry)
	UNWIND_HINT_EMPTY
	movq	(%rsp), %rsi
	xorl	%eax, %eax
	xorl	%edx, %edx
	xorl	%r13d, %r13d
	CLEAR_SHARED_REGS
	movq	16(%rsp), %r15
	movq	%rsp, %rdi
	TO_KERNEL_VIEW cordon_vmfunc_exc, cordon_gate_check_exc
	movq	%r15, %rdx
	xorl	%r15d, %r15d
	movl	PER_CPU_VAR(cordon_gate_view), %ecx
	testl	%ecx, %ecx
	jz	.Lexc_outside
	cmpl	cordon_frozen+CORDON_FROZEN_SEALED_VIEW(%rip), %ecx
	jne	1f
	xorl	%edx, %edx
1:	movq	%rsi, PER_CPU_VAR(cordon_gate_fault_vec)
	movq	%rdx, PER_CPU_VAR(cordon_gate_fault_ip)
	movq	$-EFAULT, PER_CPU_VAR(cordon_gate_err)
	xorl	%edi, %edi
	jmp	cordon_gate_abort
.Lexc_outside:
	/*
	 * Cordon's IDT outside a crossing: cannot happen; oops loudly, on
	 * the stack the exception came on (no crossing means no kernel stack
	 * of one).
	 */
	movq	%rdi, %rsp
	ud2
SYM_CODE_END(cordon_exc_entry)

/*
 * An interrupt while a compartment runs (event stack: vector, 0, hardware
 * frame). The context is saved on the crossing's stack, just below the
 * interrupted %rsp, and its address in this CPU's slot; the CPU goes to
 * the kernel view and the kernel's IDT, and the kernel's own handler runs
 * on the kernel stack through INT: it sees an interrupt taken in
 * cordon_irq_thunks with every register zero. Preemption is off for the
 * whole crossing (cordon_gate()), so the way back finds the same CPU; a
 * saved context found missing ends the crossing.
 *
 * This may be view 0 (a compartment that jumped to a VMFUNC of the gate
 * pages with interrupts on), with any %gs and %rsp: %gs is checked before
 * it is used, and the context is written only into the crossing's stack.
 * A nested crossing on this CPU reuses the event stack, so it cannot stay
 * there.
 */
SYM_CODE_START_LOCAL(cordon_irq_entry)
	UNWIND_HINT_EMPTY
	PUSH_GPRS
	cld
	FROZEN_GSBASE %r10, .Lirq_lost_entry
	RDMSR64 MSR_GS_BASE
	cmpq	%r10, %rax
	jne	.Lirq_lost_entry
	movq	PER_CPU_VAR(cordon_gate_cur), %r12
	VALIDATE_GATE %r12, %rax, .Lirq_lost_entry
	LOAD_STACK %r14, .Lirq_lost_entry
	SLOT	%r12, %r14, %r8
	/*
	 * The interrupted %rsp, aligned as the CPU would have, must lie in
	 * that stack, with room below it for the context and for
	 * CHECK_CORDON_IDT's scratch below that.
	 */
	movq	20*8(%rsp), %rax
	andq	$~15, %rax
	movq	%r8, %rcx
	subq	%rax, %rcx
	jb	.Lirq_lost_entry
	cmpq	$(CORDON_GATE_STACK_SIZE - CORDON_SLOT_SIZE - CORDON_IRQ_CONTEXT_SIZE - 16), %rcx
	ja	.Lirq_lost_entry
	subq	$CORDON_IRQ_CONTEXT_SIZE, %rax
	movq	%rax, %rdi
	movq	%rsp, %rsi
	movl	$(CORDON_IRQ_CONTEXT_SIZE / 8), %ecx
	rep movsq
	movq	%rax, CORDON_SLOT_SAVED_SP(%r8)
	movq	15*8(%rsp), %rsi
	xorl	%eax, %eax
	xorl	%edx, %edx
	xorl	%edi, %edi
	xorl	%r13d, %r13d
	CLEAR_SHARED_REGS
	TO_KERNEL_VIEW cordon_vmfunc_irq, cordon_gate_check_irq
	lock incq cordon_counters + 8 * CORDON_ASM_CTR_IRQ_EXITS(%rip)
	DELIVER_NMI
	/*
	 * Only an interrupt the local APIC has in service: a compartment's
	 * own INT n reaches no kernel handler (irq.c).
	 */
	movq	%rsi, %rbx
	movq	%rsi, %rdi
	call	cordon_out_irq_forwardable
	movq	%rbx, %rsi
	movzbl	%al, %ebx
	/* The handler is to see zeros, not what the C call left. */
	xorl	%eax, %eax
	xorl	%ecx, %ecx
	xorl	%edx, %edx
	xorl	%edi, %edi
	xorl	%r8d, %r8d
	xorl	%r9d, %r9d
	xorl	%r10d, %r10d
	xorl	%r11d, %r11d
	testl	%ebx, %ebx
	movl	$0, %ebx
	jz	.Lirq_back
	cmpq	$0xff, %rsi
	ja	.Lirq_back
	shlq	$4, %rsi
	leaq	cordon_irq_thunks(%rip), %rax
	addq	%rsi, %rax
	xorl	%esi, %esi
	ANNOTATE_RETPOLINE_SAFE
	jmp	*%rax

.Lirq_back:
	cli
	DELIVER_NMI
	/* Back into the same compartment, to the context saved on this CPU. */
	TO_COMPARTMENT_VIEW cordon_vmfunc_irq_resume, cordon_gate_check_irq_resume, .Lirq_lost
	/*
	 * The hypervisor saved the context of a view with asynchronous
	 * exits; only it can put it back, on the CPU that saved it. Its stub
	 * in the compartment's code does not return.
	 */
	movq	CORDON_GATE_AEX_RESUME(%r12), %rax
	testq	%rax, %rax
	jz	.Lsaved_sp
	cmpq	$0, CORDON_GATE_AEX(%r12)
	je	.Lirq_lost
	ANNOTATE_RETPOLINE_SAFE
	jmp	*%rax
.Lsaved_sp:
	/* Each saved context is resumed once. */
	xorl	%eax, %eax
	xchgq	%rax, CORDON_SLOT_SAVED_SP(%r8)
	testq	%rax, %rax
	jz	.Lirq_lost
	/* Below the saved context: free stack of this crossing. */
	CHECK_CORDON_IDT %rax, .Lirq_lost
	movq	%rax, %rsp
	POP_GPRS
	addq	$16, %rsp
	iretq

.Lirq_lost_entry:
	/*
	 * The interrupt this entry took is still in the local APIC's
	 * service: note its vector, for the kernel to handle once the
	 * crossing has ended (cordon_irq_recover()). %r13 survives up to
	 * the note, here or in cordon_kernel_state_bad.
	 */
	movzbl	15*8(%rsp), %r13d
	orl	$CORDON_IRQ_LOST_TAG, %r13d
	jmp	.Lirq_end
.Lirq_lost:
SYM_INNER_LABEL(cordon_aex_resume_failed, SYM_L_GLOBAL)
	ANNOTATE_NOENDBR
	xorl	%r13d, %r13d
.Lirq_end:
	/* No context to go back to: end the crossing with -EPERM. */
	xorl	%eax, %eax
	xorl	%edx, %edx
	xorl	%esi, %esi
	xorl	%edi, %edi
	CLEAR_SHARED_REGS
	TO_KERNEL_VIEW cordon_vmfunc_lost, cordon_gate_check_lost
	movq	%r13, PER_CPU_VAR(cordon_irq_lost)
	lock incq cordon_counters + 8 * CORDON_ASM_CTR_GATE_REFUSED(%rip)
	movq	$-EPERM, PER_CPU_VAR(cordon_gate_err)
	jmp	cordon_gate_abort
SYM_CODE_END(cordon_irq_entry)

/*
 * The exit point of an asynchronous exit (aex.c): the hypervisor leaves
 * the sealed view here, in the kernel view on the kernel's page tables,
 * IDT and crossing stack, every register zero but %rax. %rax 0: an
 * interrupt, NMI or #VE went to the kernel's handler, whose IRET came
 * here; go back in and let the hypervisor resume what it saved. Else the
 * vector of an exception, with CORDON_AEX_EXCEPTION: the crossing ends
 * with -EFAULT. Anyone may jump here: the way back checks the state as
 * every other does, and a resume needs what only the hypervisor saved.
 */
SYM_CODE_START(cordon_aex_exit)
	UNWIND_HINT_EMPTY
	ANNOTATE_NOENDBR
	cli
	movq	%rax, %rsi
	xorl	%eax, %eax
	xorl	%ecx, %ecx
	TO_KERNEL_VIEW cordon_vmfunc_aex, cordon_gate_check_aex
	testq	%rsi, %rsi
	jnz	.Laex_exception
	lock incq cordon_counters + 8 * CORDON_ASM_CTR_IRQ_EXITS(%rip)
	jmp	.Lirq_back
.Laex_exception:
	andl	$0xff, %esi
	movq	%rsi, PER_CPU_VAR(cordon_gate_fault_vec)
	movq	$0, PER_CPU_VAR(cordon_gate_fault_ip)
	movq	$-EFAULT, PER_CPU_VAR(cordon_gate_err)
	xorl	%esi, %esi
	jmp	cordon_gate_abort
SYM_CODE_END(cordon_aex_exit)

/*
 * cordon_exit_gate: compartment code calls a kernel function (an *exit*).
 * The Cordon pass turns each call out of a compiled compartment into a
 * call of a stub in the compartment that jumps here with %r11 = the
 * call's exit record (struct cordon_exit_record, .cordon.exits.<name>)
 * and the arguments in the six argument registers. The record is trusted
 * only once the CPU is back in the kernel view: it must be one of the
 * records (kernel data, read-only in every compartment's view), and the
 * compartment's own. The function runs on the crossing's kernel stack,
 * with the kernel's IDT and the interrupt flag the compartment had, as
 * outside any crossing: what this CPU's crossing keeps per CPU is saved
 * on that stack and put back afterwards, so that an interrupt handler or
 * the function itself may cross into another compartment meanwhile. The
 * way back is the way in: Cordon's IDT, a VMFUNC and the view check, and
 * the compartment's stack pointer only if it lies in the crossing's stack
 * of the compartment. For a compartment with a pool of stacks (compiled
 * ones), preemption is as cordon_gate()'s caller had it while the function
 * runs: it may sleep, and the crossing may come back on another CPU; with
 * per-CPU stacks it stays off and an exit must not sleep.
 *
 * Compartment stack, from the top: %rbx, %rbp, %r12-%r15, RFLAGS, which
 * the way back pops before it returns to the stub's caller.
 */
SYM_CODE_START(cordon_exit_gate)
	UNWIND_HINT_EMPTY
	ANNOTATE_NOENDBR
	EXIT_PROLOGUE
	movq	%rsp, %r15
	xorl	%eax, %eax
	xorl	%ecx, %ecx
	xorl	%edx, %edx
	xorl	%r10d, %r10d
	xorl	%r11d, %r11d
	xorl	%ebp, %ebp
	TO_KERNEL_VIEW cordon_vmfunc_exit_call, cordon_gate_check_exit_call
	pushq	$X86_EFLAGS_FIXED
	popfq
	/*
	 * Only an untrusted compartment's crossing: the sealed one leaves
	 * through cordon_sealed_exit_gate.
	 */
	movl	PER_CPU_VAR(cordon_gate_view), %eax
	testl	%eax, %eax
	jz	.Lexit_outside
	cmpl	cordon_frozen+CORDON_FROZEN_SEALED_VIEW(%rip), %eax
	je	.Lexit_forged
.Lexit_record:
	/* One of the records, whole, and the compartment's own. */
	leaq	__cordon_exits_start(%rip), %rax
	cmpq	%rax, %r14
	jb	.Lexit_forged
	leaq	__cordon_exits_end(%rip), %rax
	cmpq	%rax, %r14
	jae	.Lexit_forged
	testq	$(CORDON_EXIT_RECORD_SIZE - 1), %r14
	jnz	.Lexit_forged
	movq	PER_CPU_VAR(cordon_gate_cur), %rax
	movl	CORDON_GATE_COMPARTMENT(%rax), %eax
	cmpq	%rax, CORDON_EXIT_COMPARTMENT(%r14)
	jne	.Lexit_forged
	lock incq cordon_counters + 8 * CORDON_ASM_CTR_EXIT_CALLS(%rip)
	DELIVER_NMI
	/* The crossing, as cordon_gate() keeps an outer one. */
	pushq	PER_CPU_VAR(cordon_gate_ksp)
	pushq	PER_CPU_VAR(cordon_gate_cur)
	pushq	PER_CPU_VAR(cordon_gate_tag)
	pushq	PER_CPU_VAR(cordon_gate_cr3)
	movl	PER_CPU_VAR(cordon_gate_view), %eax
	pushq	%rax
	movl	PER_CPU_VAR(cordon_gate_stack), %eax
	pushq	%rax
	pushq	PER_CPU_VAR(cordon_gate_lends)
	movl	$0, PER_CPU_VAR(cordon_gate_view)
	movq	PER_CPU_VAR(cordon_aex_idle_sp), %rax
	movq	%rax, PER_CPU_VAR(cordon_gate_ksp)
	/*
	 * A pool stack belongs to the crossing, not to this CPU: the function
	 * runs with preemption as cordon_gate()'s caller had it, and may
	 * sleep; the crossing may come back on another CPU.
	 */
	movq	PER_CPU_VAR(cordon_gate_cur), %rax
	cmpl	$0, CORDON_GATE_NR_STACKS(%rax)
	je	2f
	testq	$CORDON_EXIT_KEEP_PREEMPT, CORDON_EXIT_FLAGS(%r14)
	jnz	2f
	/* Bit 63 of %rbx (the compartment's RFLAGS): given back. */
	btsq	$63, %rbx
	/*
	 * It may sleep and come back on another CPU: this one keeps no
	 * pointer to the crossing's lends meanwhile. An exit that keeps the
	 * count keeps them (lend.c reads them).
	 */
	movq	$0, PER_CPU_VAR(cordon_gate_lends)
#ifdef CONFIG_PREEMPT_COUNT
	decl	PER_CPU_VAR(__preempt_count)
#endif
2:	movq	CORDON_EXIT_TARGET(%r14), %rax
	movq	%r12, %rdx
	movq	%r13, %rcx
	movq	%rsp, %r12
	andq	$~15, %rsp
	testl	$X86_EFLAGS_IF, %ebx
	jz	1f
	sti
1:	ANNOTATE_RETPOLINE_SAFE
	call	*%rax
	cli
	movq	%rax, %r13
	movq	%r12, %rsp
	btrq	$63, %rbx
	jnc	2f
#ifdef CONFIG_PREEMPT_COUNT
	incl	PER_CPU_VAR(__preempt_count)
#endif
2:	popq	PER_CPU_VAR(cordon_gate_lends)
	popq	%rax
	movl	%eax, PER_CPU_VAR(cordon_gate_stack)
	popq	%rax
	movl	%eax, PER_CPU_VAR(cordon_gate_view)
	popq	PER_CPU_VAR(cordon_gate_cr3)
	popq	PER_CPU_VAR(cordon_gate_tag)
	popq	PER_CPU_VAR(cordon_gate_cur)
	popq	PER_CPU_VAR(cordon_gate_ksp)
	/* With the crossing's lends back: what the function returned. */
	testq	$CORDON_EXIT_LEND_RETURN, CORDON_EXIT_FLAGS(%r14)
	jz	3f
	movq	%r14, %rdi
	movq	%r13, %rsi
	movq	%rsp, %r12
	andq	$~15, %rsp
	call	cordon_out_exit_lend_return
	movq	%r12, %rsp
	/* An exit that refused what the compartment asked ends the crossing. */
3:	movq	PER_CPU_VAR(cordon_exit_err), %rax
	testq	%rax, %rax
	jnz	.Lexit_aborted
	DELIVER_NMI

	/* Back into the crossing's compartment, as after an interrupt. */
SYM_INNER_LABEL(cordon_exit_back, SYM_L_GLOBAL)
	ANNOTATE_NOENDBR
	TO_COMPARTMENT_VIEW cordon_vmfunc_exit_back, cordon_gate_check_exit_back, .Lexit_lost
	/*
	 * The compartment's stack pointer. Never %r15 for the sealed view: a
	 * kernel that jumps to the VMFUNC above would have the sealed code
	 * return through a stack of its choice. The sealed exit gate left it
	 * in the slot, in sealed memory; each is taken once, so that a way
	 * back without a call out pending finds none.
	 */
	movq	%r15, %rax
	movl	CORDON_GATE_VIEW(%r12), %ecx
	cmpl	cordon_frozen+CORDON_FROZEN_SEALED_VIEW(%rip), %ecx
	jne	1f
	xorl	%eax, %eax
	xchgq	%rax, CORDON_SLOT_SAVED_SP(%r8)
	testq	%rax, %rax
	jz	.Lirq_lost
	/* Within this CPU's stack and below the slot. */
1:	movq	%r8, %rcx
	subq	%rax, %rcx
	jbe	.Lirq_lost
	cmpq	$(CORDON_GATE_STACK_SIZE - CORDON_SLOT_SIZE), %rcx
	jae	.Lirq_lost
	CHECK_CORDON_IDT %rax, .Lirq_lost
	movq	%rax, %rsp
	movq	%r13, %rax
	xorl	%ecx, %ecx
	xorl	%r8d, %r8d
	popfq
	popq	%r15
	popq	%r14
	popq	%r13
	popq	%r12
	popq	%rbp
	popq	%rbx
	ANNOTATE_UNRET_SAFE
	ret
	int3

.Lexit_forged:
	orq	$CORDON_TAMPER_EXIT, PER_CPU_VAR(cordon_gate_tamper)
.Lexit_refused:
	/* No such exit for this crossing: it ends with -EPERM. */
	lock incq cordon_counters + 8 * CORDON_ASM_CTR_GATE_REFUSED(%rip)
	movq	$-EPERM, PER_CPU_VAR(cordon_gate_err)
	xorl	%eax, %eax
	jmp	cordon_gate_abort
.Lexit_aborted:
	movq	$0, PER_CPU_VAR(cordon_exit_err)
	movq	%rax, PER_CPU_VAR(cordon_gate_err)
	movq	PER_CPU_VAR(cordon_gate_ksp), %rsp
	xorl	%eax, %eax
	jmp	cordon_gate_abort
.Lexit_lost:
	movq	PER_CPU_VAR(cordon_gate_ksp), %rsp
	lock incq cordon_counters + 8 * CORDON_ASM_CTR_GATE_REFUSED(%rip)
	movq	$-EPERM, PER_CPU_VAR(cordon_gate_err)
	jmp	cordon_gate_abort
.Lexit_outside:
	/* Kernel code jumped here outside a crossing: oops loudly. */
	ud2
SYM_CODE_END(cordon_exit_gate)

/*
 * cordon_sealed_exit_gate: the sealed compartment calls a kernel function,
 * as cordon_exit_gate does for an untrusted one (same stub, record and
 * arguments; the pass's -cordon-kind=sealed). Nothing of the sealed
 * context may stay where the kernel can read or choose it: the callee-saved
 * registers and the flags are saved on the sealed stack, every register
 * the function does not take is cleared, the interrupt flag alone goes
 * out, and the stack pointer goes into the slot of the sealed stack it
 * points into, found from frozen values only, in sealed memory. The way
 * back (cordon_exit_back) takes it from there, once: a kernel that jumps
 * to the way back without a call out pending finds nothing and the
 * crossing ends; one that jumps there while a call out is pending brings
 * the sealed code back early with a result of its choosing, which it
 * could give as the function called anyway. A stack pointer outside the
 * sealed stacks (another compartment jumped here) saves nothing, and the
 * kernel view refuses the call as a forged exit.
 */
SYM_CODE_START(cordon_sealed_exit_gate)
	UNWIND_HINT_EMPTY
	ANNOTATE_NOENDBR
	EXIT_PROLOGUE
	andl	$X86_EFLAGS_IF, %ebx
	movq	%rsp, %rax
	subq	cordon_frozen+CORDON_FROZEN_SEALED_STACKS(%rip), %rax
	shrq	$CORDON_GATE_STACK_SHIFT, %rax
	movl	cordon_frozen+CORDON_FROZEN_NR_CPUS(%rip), %ecx
	xorl	%r15d, %r15d
	cmpq	%rcx, %rax
	jae	1f
	incq	%rax
	shlq	$CORDON_GATE_STACK_SHIFT, %rax
	addq	cordon_frozen+CORDON_FROZEN_SEALED_STACKS(%rip), %rax
	movq	%rsp, CORDON_SLOT_SAVED_SP - CORDON_SLOT_SIZE(%rax)
	movl	$1, %r15d
1:	xorl	%eax, %eax
	xorl	%ecx, %ecx
	xorl	%edx, %edx
	xorl	%r10d, %r10d
	xorl	%r11d, %r11d
	xorl	%ebp, %ebp
	TO_KERNEL_VIEW cordon_vmfunc_sealed_exit, cordon_gate_check_sealed_exit
	pushq	$X86_EFLAGS_FIXED
	popfq
	/* Only the sealed compartment's crossing, from a sealed stack. */
	movl	PER_CPU_VAR(cordon_gate_view), %eax
	testl	%eax, %eax
	jz	.Lexit_outside
	cmpl	cordon_frozen+CORDON_FROZEN_SEALED_VIEW(%rip), %eax
	jne	.Lexit_forged
	testl	%r15d, %r15d
	jz	.Lexit_forged
	jmp	.Lexit_record
SYM_CODE_END(cordon_sealed_exit_gate)

/*
 * An NMI while Cordon's IDT is loaded: the hypervisor sets this CPU's latch
 * in its shared page instead of delivering it (irq.c), and DELIVER_NMI
 * runs it in the kernel view at the next exit. This stub does the same on
 * a CPU the hypervisor does not hold NMIs for; its IRET reads a frame
 * another CPU in the compartment could rewrite. Touches no register and
 * nothing of the interrupted context.
 */
SYM_CODE_START_LOCAL(cordon_nmi_entry)
	UNWIND_HINT_EMPTY
	movb	$1, PER_CPU_VAR(cordon_shared)
	iretq
SYM_CODE_END(cordon_nmi_entry)

/*
 * Vector 20 lands here in whatever view the CPU was in, through either
 * IDT: back to the kernel view and the kernel's IDT first, then the normal
 * raw #VE entry. A compartment can also jump to the VMFUNC below with any
 * %rsp and RFLAGS: after it nothing is written through %rsp until %rsp is
 * known to be the kernel's, and interrupts stay off.
 */
SYM_CODE_START(asm_cordon_ve_gate)
	UNWIND_HINT_EMPTY
	ENDBR
	pushq	%rax
	pushq	%rcx
	xorl	%eax, %eax
	xorl	%ecx, %ecx
SYM_INNER_LABEL(cordon_vmfunc_ve, SYM_L_GLOBAL)
	ANNOTATE_NOENDBR
	VMFUNC
	cli
	KERNEL_PAGE_TABLES
	lidt	cordon_frozen+CORDON_FROZEN_KERNEL_IDT(%rip)
	/* %rdx and %r10, for the checks: kept per CPU, found without %gs. */
	FROZEN_PERCPU_RCX cordon_kernel_state_forged
	movq	%rdx, cordon_ve_scratch(%rcx)
	movq	%r10, cordon_ve_scratch+8(%rcx)
	testb	$3, 3*8(%rsp)
	jnz	.Lve_from_user
	/*
	 * At CPL 0, from the kernel or from a compartment. Nothing is read
	 * through %gs before the kernel's state is checked; a compartment
	 * that changed it loses its crossing (cordon_kernel_state_bad).
	 */
	CHECK_KERNEL_STATE
	movq	PER_CPU_VAR(cordon_ve_scratch), %rdx
	movq	PER_CPU_VAR(cordon_ve_scratch + 8), %r10
	cmpl	$0, PER_CPU_VAR(cordon_gate_view)
	je	.Lve_outside
	/*
	 * During a crossing, the frame is on the compartment's stack (the
	 * kernel's IDT loaded in its view), on Cordon's event stack, or on
	 * any %rsp a jump brought: all of them another CPU in the
	 * compartment may write. The handler runs on the crossing's kernel
	 * stack instead, below the gate's frame, with a copy of the frame;
	 * only an interrupt handler the crossing let run (view 0, kernel
	 * stack) keeps its own.
	 */
	movq	PER_CPU_VAR(cordon_ve_area), %rax
	testq	%rax, %rax
	jz	cordon_kernel_state_forged
	/*
	 * Only the hypervisor sets the busy word (on a CPU it converts
	 * violations for at all): a #VE without it during a crossing is the
	 * compartment's own INT 20, or a jump here. It ends the crossing; no
	 * handler runs for it.
	 */
	cmpl	$-1, CORDON_VE_OFF_BUSY(%rax)	/* CORDON_VE_BUSY */
	jne	cordon_kernel_state_forged
	cmpw	$0, CORDON_VE_OFF_VIEW(%rax)
	jne	.Lve_copy
	ON_EVENT_STACK .Lve_copy
	jmp	.Lve_entry
.Lve_copy:
	movq	%rsp, %rax
	movq	PER_CPU_VAR(cordon_gate_ksp), %rsp
	andq	$~15, %rsp
	/* SS, RSP, RFLAGS, CS, RIP, then %rax and %rcx as pushed above. */
	pushq	6*8(%rax)
	pushq	5*8(%rax)
	pushq	4*8(%rax)
	pushq	3*8(%rax)
	pushq	2*8(%rax)
	pushq	1*8(%rax)
	pushq	(%rax)
.Lve_entry:
	popq	%rcx
	popq	%rax
	jmp	cordon_out_ve_entry

	/* Cordon's event stack, and no crossing: nothing to hand it to. */
.Lve_outside:
	ON_EVENT_STACK cordon_kernel_state_forged
	jmp	.Lve_entry

	/*
	 * From user mode, the normal entry switches stacks and GS itself. The
	 * frame says so, but a compartment can jump here with a frame of its
	 * own: user mode is believed only with the user's GS base loaded and
	 * the kernel's in KERNEL_GS_BASE, which no compartment can arrange.
	 */
.Lve_from_user:
	FROZEN_GSBASE %r10, cordon_kernel_state_forged
	RDMSR64 MSR_GS_BASE
	cmpq	%r10, %rax
	je	cordon_kernel_state_forged
	RDMSR64 MSR_KERNEL_GS_BASE
	cmpq	%r10, %rax
	jne	cordon_kernel_state_forged
	/* %gs is the user's: the scratch through the frozen base. */
	movq	cordon_ve_scratch(%r10), %rdx
	movq	cordon_ve_scratch+8(%r10), %r10
	jmp	.Lve_entry
SYM_CODE_END(asm_cordon_ve_gate)

/* The kernel handler of vector N runs from thunk N. */
	.balign	16, 0xcc
SYM_CODE_START_NOALIGN(cordon_irq_thunks)
	vector = 0
	.rept	256
	.balign	16, 0xcc
	UNWIND_HINT_EMPTY
	ENDBR
	xorl	%eax, %eax
	sti			/* its shadow covers INT: the frame shows IF */
	int	$vector
	jmp	.Lirq_back
	vector = vector + 1
	.endr
SYM_CODE_END(cordon_irq_thunks)

/* Cordon's IDT points at stub N for vector N (irq.c). */
	.balign	CORDON_IDT_STUB_SIZE, 0xcc
SYM_CODE_START_NOALIGN(cordon_idt_stubs)
	vector = 0
	.rept	256
	/* Moving backwards is an error: a stub outgrew its slot. */
	.org	cordon_idt_stubs + vector * CORDON_IDT_STUB_SIZE, 0xcc
	UNWIND_HINT_EMPTY
	ENDBR
	.if vector == X86_TRAP_NMI
	jmp	cordon_nmi_entry
	.elseif vector == X86_TRAP_VE
	jmp	asm_cordon_ve_gate
	.else
	.if vector >= 32 || ((ERROR_CODE_VECTORS >> (vector & 31)) & 1) == 0
	pushq	$0
	.endif
	pushq	$vector
	.if vector < 32
	jmp	cordon_exc_entry
	.else
	jmp	cordon_irq_entry
	.endif
	.endif
	vector = vector + 1
	.endr
	.org	cordon_idt_stubs + 256 * CORDON_IDT_STUB_SIZE, 0xcc
SYM_CODE_END(cordon_idt_stubs)

	.balign PAGE_SIZE, 0xcc
SYM_INNER_LABEL(__cordon_gate_end, SYM_L_GLOBAL)
	/* The LOAD_CR3 stubs follow, in subsection 1. */
	.subsection 1
SYM_INNER_LABEL(__cordon_gate_cr3_end, SYM_L_GLOBAL)
	.subsection 0
	.popsection

