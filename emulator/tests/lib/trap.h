/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Guarded instructions: run one instruction (or call) and catch the
 * exception it raises, if any.
 *
 * Each helper arms the CPU's guard from inline assembly with the resume
 * address (the end of the asm block), the stack pointer, and the address
 * of the guarded instruction. If an exception arrives while armed,
 * trap_dispatch() records it and resumes at the end of the block with the
 * stack pointer restored; an exception while not armed fails the test.
 * They work at CPL 3 too (the per-CPU data is user-accessible).
 */
#ifndef _TESTS_TRAP_H
#define _TESTS_TRAP_H

#include "runtime.h"

#define NO_TRAP		(-1)

struct trap_result {
	int vector;		/* NO_TRAP if the instruction completed */
	bool has_error;		/* the CPU pushed an error code */
	u64 error_code;
	u64 rip;		/* RIP saved in the exception frame */
	u64 insn;		/* address of the guarded instruction */
	u64 cs;
	u64 cr2;
	u64 frame;		/* address of the exception frame */
};

/* Arm the guard; the guarded code follows, then GUARD_END. */
#define GUARD_ARM							\
	"leaq 8802f(%%rip), %%r11\n\t"					\
	"movq %%r11, %c[g_resume](%[g_cpu])\n\t"			\
	"movq %%rsp, %c[g_rsp](%[g_cpu])\n\t"				\
	"leaq 8801f(%%rip), %%r11\n\t"					\
	"movq %%r11, %c[g_insn](%[g_cpu])\n\t"				\
	"8801:\n\t"
#define GUARD_END	"8802:\n\t"
#define GUARD_OPERANDS(c)						\
	[g_cpu] "r"(c),							\
	[g_resume] "i"(offsetof(struct cpu, guard_resume)),		\
	[g_rsp] "i"(offsetof(struct cpu, guard_rsp)),			\
	[g_insn] "i"(offsetof(struct cpu, guard_insn))

static inline struct cpu *guard_begin(void)
{
	struct cpu *c = this_cpu();

	c->guard_hit = false;
	barrier();
	return c;
}

/* Disarm and report. Returns the vector, or NO_TRAP. */
static inline int guard_finish(struct cpu *c, struct trap_result *r)
{
	struct trap_result dummy;

	barrier();
	c->guard_resume = 0;
	if (!r)
		r = &dummy;
	*r = (struct trap_result){ .vector = NO_TRAP, .insn = c->guard_insn };
	if (!c->guard_hit)
		return NO_TRAP;
	r->vector = c->last.vector;
	r->has_error = c->last.has_error;
	r->error_code = c->last.error_code;
	r->rip = c->last.rip;
	r->cs = c->last.cs;
	r->cr2 = c->last.cr2;
	r->frame = c->last.frame;
	return r->vector;
}

static inline int try_vmfunc(u32 eax, u32 ecx, struct trap_result *r)
{
	struct cpu *c = guard_begin();

	asm volatile(GUARD_ARM ".byte 0x0f, 0x01, 0xd4\n\t" GUARD_END
		     : "+a"(eax), "+c"(ecx)
		     : GUARD_OPERANDS(c)
		     : "r11", "memory", "cc");
	return guard_finish(c, r);
}

/* VMCALL that may fault (stock QEMU: #UD). *ret gets RAX. */
static inline int try_vmcall(u64 op, u64 a1, u64 a2, u64 a3, u64 a4,
			     long *ret, struct trap_result *r)
{
	struct cpu *c = guard_begin();

	asm volatile(GUARD_ARM ".byte 0x0f, 0x01, 0xc1\n\t" GUARD_END
		     : "+a"(op), "+b"(a1), "+c"(a2), "+d"(a3), "+S"(a4)
		     : GUARD_OPERANDS(c)
		     : "r11", "memory", "cc");
	*ret = (long)op;
	return guard_finish(c, r);
}

static inline int try_read8(const volatile void *p, u8 *val,
			    struct trap_result *r)
{
	struct cpu *c = guard_begin();
	u64 v = 0;

	asm volatile(GUARD_ARM "movzbq (%[p]), %[v]\n\t" GUARD_END
		     : [v] "+r"(v)
		     : [p] "r"(p), GUARD_OPERANDS(c)
		     : "r11", "memory", "cc");
	*val = v;
	return guard_finish(c, r);
}

static inline int try_read64(const volatile void *p, u64 *val,
			     struct trap_result *r)
{
	struct cpu *c = guard_begin();
	u64 v = 0;

	asm volatile(GUARD_ARM "movq (%[p]), %[v]\n\t" GUARD_END
		     : [v] "+r"(v)
		     : [p] "r"(p), GUARD_OPERANDS(c)
		     : "r11", "memory", "cc");
	*val = v;
	return guard_finish(c, r);
}

static inline int try_write64(volatile void *p, u64 val,
			      struct trap_result *r)
{
	struct cpu *c = guard_begin();

	asm volatile(GUARD_ARM "movq %[v], (%[p])\n\t" GUARD_END
		     : : [p] "r"(p), [v] "r"(val), GUARD_OPERANDS(c)
		     : "r11", "memory", "cc");
	return guard_finish(c, r);
}

/* int3 is a trap: the saved RIP is the next instruction. */
static inline int try_int3(struct trap_result *r)
{
	struct cpu *c = guard_begin();

	asm volatile(GUARD_ARM "int3\n\t" GUARD_END
		     : : GUARD_OPERANDS(c) : "r11", "memory", "cc");
	return guard_finish(c, r);
}

/*
 * Call code at addr (a function returning a value in RAX, following the
 * C calling convention). On an exception the stack pointer is restored
 * and the remaining registers are those of the faulting code, so the
 * callee must not fault after touching callee-saved registers: use it for
 * small leaf snippets, typically to catch a fetch fault at their entry.
 * *ret is 0 if the call faulted.
 */
static inline int try_call(const volatile void *addr, u64 *ret,
			   struct trap_result *r)
{
	struct cpu *c = guard_begin();
	u64 rax = 0;

	/* Armed before aligning, so that a fault restores the real RSP. */
	asm volatile(GUARD_ARM
		     "movq %%rsp, %%rbx\n\t"
		     "andq $-16, %%rsp\n\t"
		     "callq *%[fn]\n\t"
		     "movq %%rbx, %%rsp\n\t"
		     GUARD_END
		     : "+a"(rax)
		     : [fn] "r"(addr), GUARD_OPERANDS(c)
		     : "rbx", "rcx", "rdx", "rsi", "rdi", "r8", "r9", "r10",
		       "r11", "memory", "cc");
	if (c->guard_hit)
		rax = 0;
	*ret = rax;
	return guard_finish(c, r);
}

#endif /* _TESTS_TRAP_H */
