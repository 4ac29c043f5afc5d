/*
 * The part of QEMU that cordon-views.c uses, for a host build of that file
 * under libFuzzer (hc-fuzz.c). Every QEMU header the file includes is made
 * (by the Makefile) to include this one instead.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#ifndef CORDON_FUZZ_SHIM_H
#define CORDON_FUZZ_SHIM_H

#include <inttypes.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define G_NORETURN __attribute__((noreturn))
#define QEMU_BUILD_BUG_ON(x) _Static_assert(!(x), #x)
#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))
#define DIV_ROUND_UP(n, d) (((n) + (d) - 1) / (d))
#define g_new0(type, n) ((type *)fuzz_calloc((n), sizeof(type)))
#define g_free free
#define GETPC() ((uintptr_t)0)

typedef uint64_t vaddr;
typedef uint64_t hwaddr;
typedef uint64_t target_ulong;
typedef int CCOp;
typedef struct Error Error;
typedef enum MMUAccessType {
    MMU_DATA_LOAD = 0,
    MMU_DATA_STORE = 1,
    MMU_INST_FETCH = 2,
} MMUAccessType;

#define PAGE_READ 1
#define PAGE_WRITE 2
#define PAGE_EXEC 4

#define CPU_NB_REGS 16
enum { R_EAX, R_ECX, R_EDX, R_EBX, R_ESP, R_EBP, R_ESI, R_EDI };
enum { R_ES, R_CS, R_SS, R_DS, R_FS, R_GS };

#define CR0_PE_MASK (1u << 0)
#define HF_CPL_MASK 3u
#define HF_LMA_MASK (1u << 14)
#define HF2_NMI_MASK (1u << 2)
#define EXCP02_NMI 2
#define EXCP06_ILLOP 6
#define EXCP0E_PAGE 14
#define CC_C 0x0001
#define CC_P 0x0004
#define CC_A 0x0010
#define CC_Z 0x0040
#define CC_S 0x0080
#define CC_O 0x0800
#define TF_MASK 0x00000100
#define IF_MASK 0x00000200
#define DF_MASK 0x00000400
#define IOPL_MASK 0x00003000
#define NT_MASK 0x00004000
#define RF_MASK 0x00010000
#define AC_MASK 0x00040000
#define ID_MASK 0x00200000

typedef struct SegmentCache {
    uint64_t base;
} SegmentCache;

typedef struct CPUX86State {
    uint64_t regs[CPU_NB_REGS];
    uint64_t eip;
    uint64_t eflags;
    uint64_t cr[5];
    uint32_t hflags, hflags2;
    SegmentCache segs[6];
    struct {
        uint64_t base;
        uint32_t limit;
    } idt;
    CCOp cc_op;
    int exception_is_int;
    int error_code;
    target_ulong exception_next_eip;
    /* As the Cordon patch adds them to QEMU's cpu.h. */
    struct CordonAex {
        uint64_t frame;
        uint64_t view_cr3;
        uint64_t exit;
        uint64_t ksp;
        uint64_t cr3;
        uint64_t idt_base;
        uint32_t idt_limit;
        uint32_t view;
    } cordon_aex;
    struct CordonNmiLatch {
        uint64_t idt_base;
        uint64_t gpa;
    } cordon_nmi_latch;
    uint32_t cordon_view;
    bool cordon_ve_enabled;
    bool cordon_in_delivery;
    bool cordon_walk_bypass;
    bool cordon_walk_unverified;
    bool cordon_in_iret;
    uint64_t cordon_ve_info;
    int cordon_event_intno;
    int cordon_event_is_int;
    int cordon_event_error;
    target_ulong cordon_event_next_eip;
    uint64_t cordon_counters[8];
} CPUX86State;

typedef struct CPUState {
    int cpu_index;
    int exception_index;
} CPUState;

typedef struct X86CPU {
    CPUState parent_obj;
    CPUX86State env;
    bool cordon_views;
    uint32_t cordon_views_count;
    char *cordon_violation;
} X86CPU;

typedef struct X86MachineState {
    uint64_t below_4g_mem_size;
    uint64_t above_4g_mem_size;
} X86MachineState;

/* The harness's two vCPUs and machine (hc-fuzz.c). */
#define FUZZ_NR_CPUS 2
extern X86CPU fuzz_cpus[FUZZ_NR_CPUS];
extern X86MachineState fuzz_machine;

#define X86_CPU(cs) ((X86CPU *)(cs))
#define X86_MACHINE(m) ((X86MachineState *)(m))
#define CPU_FOREACH(cs) \
    for (int fuzz_i_ = 0; fuzz_i_ < FUZZ_NR_CPUS && \
         ((cs) = &fuzz_cpus[fuzz_i_].parent_obj, 1); fuzz_i_++)

static inline CPUState *env_cpu(CPUX86State *env)
{
    return (CPUState *)((char *)env - offsetof(X86CPU, env));
}

static inline void *qdev_get_machine(void)
{
    return &fuzz_machine;
}

typedef struct run_on_cpu_data {
    void *host_ptr;
} run_on_cpu_data;
#define RUN_ON_CPU_NULL ((run_on_cpu_data){ 0 })

void *fuzz_calloc(size_t n, size_t size);
void error_setg(Error **errp, const char *fmt, ...);
void error_report(const char *fmt, ...);
void warn_report(const char *fmt, ...);
uint32_t x86_ldl_phys(CPUState *cs, hwaddr addr);
uint64_t x86_ldq_phys(CPUState *cs, hwaddr addr);
void x86_stb_phys(CPUState *cs, hwaddr addr, uint8_t val);
void x86_stw_phys(CPUState *cs, hwaddr addr, uint32_t val);
void x86_stl_phys(CPUState *cs, hwaddr addr, uint32_t val);
void x86_stq_phys(CPUState *cs, hwaddr addr, uint64_t val);
void tlb_flush(CPUState *cs);
G_NORETURN void raise_exception_ra(CPUX86State *env, int intno,
                                   uintptr_t retaddr);
G_NORETURN void cpu_loop_exit(CPUState *cs);
bool cpu_restore_state(CPUState *cs, uintptr_t retaddr);
void cpu_x86_update_cr3(CPUX86State *env, target_ulong cr3);
uint32_t cpu_compute_eflags(CPUX86State *env);
void cpu_load_eflags(CPUX86State *env, int eflags, int update_mask);
bool icount_enabled(void);
int64_t icount_get_raw(void);
void async_safe_run_on_cpu(CPUState *cs, void (*fn)(CPUState *,
                                                    run_on_cpu_data),
                           run_on_cpu_data data);

/* Trace points: nothing. */
#define trace_cordon_vmfunc(...) do { } while (0)
#define trace_cordon_vmfunc_ud(...) do { } while (0)
#define trace_cordon_ve(...) do { } while (0)
#define trace_cordon_violation_exit(...) do { } while (0)
#define trace_cordon_aex(...) do { } while (0)
#define trace_cordon_hypercall(...) do { } while (0)

/* The helpers' prototypes, as exec/helper-proto.h would give them. */
void helper_cordon_vmfunc(CPUX86State *env);
void helper_cordon_vmcall(CPUX86State *env, uint32_t insn_len);

#endif
