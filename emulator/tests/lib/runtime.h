/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Runtime of the bare-metal test images: types, x86 helpers, per-CPU
 * state, paging, serial output, ring 3 and processor start-up.
 */
#ifndef _TESTS_RUNTIME_H
#define _TESTS_RUNTIME_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "layout.h"

typedef uint8_t u8;
typedef uint16_t u16;
typedef uint32_t u32;
typedef uint64_t u64;
typedef int64_t s64;

#define __aligned(n)	__attribute__((aligned(n)))
#define __packed	__attribute__((packed))
#define __noreturn	__attribute__((noreturn))
#define __printf(a, b)	__attribute__((format(printf, a, b)))
#define ARRAY_SIZE(a)	(sizeof(a) / sizeof((a)[0]))

/* A page-aligned, page-sized buffer: one 4 KiB frame of its own. */
#define PAGE_ALIGNED	__aligned(PAGE_SIZE)
#define __stringify_1(x)	#x
#define __stringify(x)		__stringify_1(x)

/* === Instructions === */

static inline void outb(u16 port, u8 v)
{
	asm volatile("outb %0, %1" : : "a"(v), "Nd"(port));
}

static inline u8 inb(u16 port)
{
	u8 v;

	asm volatile("inb %1, %0" : "=a"(v) : "Nd"(port));
	return v;
}

static inline void outl(u16 port, u32 v)
{
	asm volatile("outl %0, %1" : : "a"(v), "Nd"(port));
}

static inline u64 rdmsr(u32 msr)
{
	u32 lo, hi;

	asm volatile("rdmsr" : "=a"(lo), "=d"(hi) : "c"(msr));
	return lo | (u64)hi << 32;
}

static inline void wrmsr(u32 msr, u64 v)
{
	asm volatile("wrmsr" : : "c"(msr), "a"((u32)v), "d"((u32)(v >> 32)));
}

struct cpuid_regs {
	u32 eax, ebx, ecx, edx;
};

static inline struct cpuid_regs cpuid(u32 leaf, u32 subleaf)
{
	struct cpuid_regs r;

	asm volatile("cpuid"
		     : "=a"(r.eax), "=b"(r.ebx), "=c"(r.ecx), "=d"(r.edx)
		     : "a"(leaf), "c"(subleaf));
	return r;
}

static inline u64 rdtsc(void)
{
	u32 lo, hi;

	asm volatile("rdtsc" : "=a"(lo), "=d"(hi));
	return lo | (u64)hi << 32;
}

static inline u64 read_cr2(void)
{
	u64 v;

	asm volatile("mov %%cr2, %0" : "=r"(v));
	return v;
}

static inline u64 read_cr3(void)
{
	u64 v;

	asm volatile("mov %%cr3, %0" : "=r"(v));
	return v;
}

static inline void invlpg(const volatile void *p)
{
	asm volatile("invlpg (%0)" : : "r"(p) : "memory");
}

static inline void cpu_relax(void)
{
	asm volatile("pause" : : : "memory");
}

static inline void barrier(void)
{
	asm volatile("" : : : "memory");
}

/* VMFUNC (0f 01 d4). Faults are not caught: see try_vmfunc() for that. */
static inline void vmfunc(u32 eax, u32 ecx)
{
	asm volatile(".byte 0x0f, 0x01, 0xd4" : : "a"(eax), "c"(ecx) : "memory");
}

/*
 * VMCALL (0f 01 c1): RAX = op, RBX, RCX, RDX, RSI = arguments; the result
 * comes back in RAX. The argument registers are treated as clobbered.
 */
static inline long hypercall(u64 op, u64 a1, u64 a2, u64 a3, u64 a4)
{
	asm volatile(".byte 0x0f, 0x01, 0xc1"
		     : "+a"(op), "+b"(a1), "+c"(a2), "+d"(a3), "+S"(a4)
		     : : "memory");
	return (long)op;
}

/* === Per-CPU state === */

struct trap_frame {
	u64 r15, r14, r13, r12, r11, r10, r9, r8;
	u64 rbp, rdi, rsi, rdx, rcx, rbx, rax;
	u64 vector;		/* | TRAP_HAS_ERROR if the CPU pushed one */
	u64 error_code;
	u64 rip, cs, rflags, rsp, ss;
};

/* What the last exception on a CPU looked like. */
struct trap_record {
	int vector;
	bool has_error;
	u64 error_code;
	u64 rip;
	u64 cs;
	u64 rsp;		/* RSP at the time of the exception */
	u64 cr2;
	u64 frame;		/* where the CPU pushed the frame */
};

struct tss {
	u32 reserved0;
	u64 rsp[3];
	u64 reserved1;
	u64 ist[7];
	u64 reserved2;
	u16 reserved3;
	u16 iomap_base;
} __packed;

struct cpu {
	struct cpu *self;		/* CPU_OFF_SELF */
	u64 kernel_rsp;			/* CPU_OFF_KERNEL_RSP: run_user_asm() */
	/* An armed guard (see trap.h): resume here on the next exception. */
	u64 guard_resume;
	u64 guard_rsp;
	u64 guard_insn;
	bool guard_hit;
	struct trap_record last;	/* most recent exception */
	u64 nr_traps;
	int index;			/* 0 = bootstrap processor */
	u32 apic_id;
	void *ve_info;			/* #VE information area, for reports */
	struct tss tss;
};

extern struct cpu cpus[MAX_CPUS];

static inline struct cpu *this_cpu(void)
{
	struct cpu *c;

	asm volatile("movq %%gs:%c1, %0" : "=r"(c) : "i"(CPU_OFF_SELF));
	return c;
}

/* Name of the running test, from the build. */
extern const char test_name[];

/* The test's body, called on the bootstrap processor. */
void test_main(void);

/* === Output and exit === */

void serial_init(void);
int printf(const char *fmt, ...) __printf(1, 2);
int vsnprintf(char *buf, size_t size, const char *fmt, va_list ap);
int snprintf(char *buf, size_t size, const char *fmt, ...) __printf(3, 4);
void *memset(void *d, int c, size_t n);
void *memcpy(void *d, const void *s, size_t n);
int memcmp(const void *a, const void *b, size_t n);

/* isa-debug-exit: QEMU exits with status (code << 1) | 1. */
void __noreturn qemu_exit(u32 code);

/* === Exceptions === */

const char *vector_name(int vector);
/* Deliver vector on IST slot ist (1-7, 0 = none); cpu_set_ist() sets it. */
void idt_set_ist(int vector, int ist);
void cpu_set_ist(struct cpu *c, int ist, void *stack_top);

/* === Paging (identity map below IDENTITY_MAP_SIZE) === */

/* Map one 4 KiB page; flags default to PTE_PAGE when 0. */
void map_page(u64 va, u64 pa, u64 flags);
/* The page-table entry mapping va (NULL if no page table covers it). */
u64 *pte_of(u64 va);

/* The operand of SIDT and LIDT. */
struct idtr {
	u16 limit;
	u64 base;
} __attribute__((packed));

static inline u64 phys_of(const volatile void *p)
{
	return (u64)(uintptr_t)p;	/* identity mapped */
}

static inline u64 gfn_of(const volatile void *p)
{
	return phys_of(p) >> 12;
}

/*
 * Alias window: a region with page tables of its own, so that a test can
 * reach a frame through a linear address different from its physical one
 * and can restrict those page tables without affecting anything else.
 */
#define ALIAS_BASE	0x40000000ul
#define ALIAS_PAGES	512

/* Map frame pa at alias slot n and return the linear address. */
void *map_alias(int n, u64 pa);

/* === Ring 3 === */

/*
 * Run fn(arg) at CPL 3 and return what it returns. All low memory is
 * user-accessible (no SMEP/SMAP), but I/O and printf() are not: fn
 * reports through its return value or memory.
 */
long run_user(long (*fn)(void *), void *arg);

/* === Application processors === */

/*
 * Start the processor with local APIC ID apic_id (INIT-SIPI-SIPI) and run
 * fn(arg) on it. Returns false if it did not come up.
 */
bool start_ap(u32 apic_id, void (*fn)(void *), void *arg);
/*
 * INIT-SIPI-SIPI the processor with local APIC ID apic_id into real mode at
 * page (below 1 MiB, 4 KiB aligned), CS = page >> 4, IP = 0: code the test
 * put there. Nothing of the runtime's is set up for it.
 */
void start_ap_real_mode(u32 apic_id, u32 page);
/* An NMI to the processor with local APIC ID apic_id (itself too). */
void apic_send_nmi(u32 apic_id);
/* Spin until *flag == value, up to about timeout_ms; false on timeout. */
bool wait_for(volatile int *flag, int value, u32 timeout_ms);

#endif /* _TESTS_RUNTIME_H */
