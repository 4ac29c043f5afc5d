/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Cordon KUnit: attack gadgets and helpers (isolation_gadgets_64.S)
 */

#ifndef _CORDON_KUNIT_ISOLATION_H
#define _CORDON_KUNIT_ISOLATION_H

/* What the hypercall gadget writes into the uid it opened. */
#define CORDON_TEST_UID	4242

/* struct cordon_fuzz_regs, for cordon_gadget_fuzz and the kernel's jump. */
#define CORDON_FUZZ_FLAGS	(14 * 8)
#define CORDON_FUZZ_GSBASE	(15 * 8)
#define CORDON_FUZZ_CR3		(16 * 8)
#define CORDON_FUZZ_IDT		(17 * 8)
/* How cordon_fuzz_kernel_jump() came back. */
#define CORDON_FUZZ_STACK_SIZE	4096
#define CORDON_FUZZ_RETURNED	1
#define CORDON_FUZZ_EXCEPTION	2

#ifndef __ASSEMBLY__

#include <linux/types.h>

struct cordon_gate;
struct desc_ptr;

extern const u8 cordon_gadgets[], cordon_gadgets_end[];
extern const u8 cordon_gadget_vmcall_open[], cordon_gadget_wrgsbase[];
extern const u8 cordon_gadget_swapgs[], cordon_gadget_cr4[];
extern const u8 cordon_gadget_swapgs_spin[];
extern const u8 cordon_gadget_cr0[], cordon_gadget_flags[];
extern const u8 cordon_gadget_fuzz[], cordon_gadget_int_ve[];
extern const u8 cordon_gadget_step_out[], cordon_gadget_jump_on_stack[];

/**
 * struct cordon_fuzz_regs - what the fuzzer's compartment jumps with
 * @gpr: rax, rbx, rcx, rdx, rbp, rdi, r8-r10, r12-r15, rsi
 * @flags: RFLAGS
 * @gsbase: GS base
 * @cr3: CR3 (the kernel's jump only; 0: as it is)
 * @idt: IDTR, limit then base (the kernel's jump only; limit 0: as it is)
 */
struct cordon_fuzz_regs {
	u64 gpr[14];
	u64 flags;
	u64 gsbase;
	u64 cr3;
	u8 idt[10];
};

long cordon_fuzz_kernel_jump(struct cordon_fuzz_regs *regs, const void *target);
void cordon_fuzz_kernel_exception(void);

long cordon_test_call_with_flags(const struct cordon_gate *g,
				 unsigned long flags, long a0, long a1);
void cordon_test_gs_landing(void);
extern u64 cordon_test_saved_gsbase;
extern bool cordon_test_landed;

long cordon_test_enter_with_idt(const struct cordon_gate *g,
				const struct desc_ptr *idt, unsigned int cpu,
				long a0);
long cordon_test_enter_with_cr3(const struct cordon_gate *g, u64 cr3,
				unsigned int cpu, long a0);
long cordon_test_vmfunc_into(const struct cordon_gate *g, u32 view,
			     unsigned int cpu);
long cordon_test_step_into_sealed(const struct cordon_gate *g,
				  const struct desc_ptr *idt, unsigned int cpu,
				  long a0, void *stack);

#endif /* __ASSEMBLY__ */
#endif /* _CORDON_KUNIT_ISOLATION_H */
