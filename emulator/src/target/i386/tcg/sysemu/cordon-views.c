/*
 * Cordon views: EPT-style views, VMFUNC leaf 0 and #VE for TCG
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * What a view-capable hypervisor on VT-x gives a guest, emulated so that
 * the same guest binary behaves the same: per-view R/W/X permissions and a
 * suppress-#VE bit for every 4 KiB guest-physical frame, VMFUNC leaf 0 to
 * switch views without leaving the guest, and virtualization exceptions
 * (vector 20) for violations the SDM allows to be converted. The control
 * plane is a VMCALL interface modelled on Xen's HVMOP_altp2m.
 *
 * Concurrency: every change to the views happens in a hypercall, which
 * runs as safe work with all vCPUs stopped. The readers (TLB fill, VMFUNC)
 * run on vCPU threads and so never see a change half-done; after a change
 * every vCPU's TLB is flushed before it executes another instruction.
 */

#include "qemu/osdep.h"
#include "qemu/error-report.h"
#include "qapi/error.h"
#include "cpu.h"
#include "exec/exec-all.h"
#include "exec/helper-proto.h"
#include "hw/boards.h"
#include "hw/i386/x86.h"
#include "sysemu/cpu-timers.h"
#include "tcg/helper-tcg.h"
#include "trace/trace-target_i386.h"
#include "cordon-views.h"
#include "cordon-views-abi.h"

/* Leaves of the per-view frame map: 512 one-byte entries (2 MiB). */
#define LEAF_BITS       9
#define LEAF_SIZE       (1u << LEAF_BITS)
#define FRAME_BITS      12

/*
 * A frame entry: explicit marker, paging-write (PW) and verify-guest-paging
 * (VGP), suppress-#VE, then R/W/X as in EPT.
 */
#define E_EXPLICIT      0x80
#define E_PW            0x20
#define E_VGP           0x10
#define E_SVE           0x08
#define E_ACCESS        0x07
#define E_GPV           (E_VGP | E_PW)

/* Seal map value of a frozen frame: shared, but immutable in every view. */
#define SEAL_FROZEN     0xffff
/*
 * With a sealing view's number: every other view may read the frame
 * (SEAL's RSI = CORDON_ACCESS_R), still only the sealing view write it.
 */
#define SEAL_READABLE   0x4000

/* QEMU exits with this status when the stop policy halts the guest. */
#define CORDON_VIOLATION_EXIT_STATUS 64

QEMU_BUILD_BUG_ON(PAGE_READ != CORDON_ACCESS_R ||
                  PAGE_WRITE != CORDON_ACCESS_W ||
                  PAGE_EXEC != CORDON_ACCESS_X);
QEMU_BUILD_BUG_ON(ARRAY_SIZE(((CPUX86State *)0)->cordon_counters) !=
                  CORDON_CTR_NR);

typedef struct CordonView {
    bool exists;
    bool visible;
    bool sealer;            /* owns sealed frames: immutable from now on */
    uint8_t dflt;           /* entry for frames without an explicit one */
    uint8_t **leaves;       /* [nr_leaves], NULL until a frame differs */
} CordonView;

typedef struct CordonViews {
    uint32_t count;         /* view slots, from cordon-views-count */
    bool resume;            /* violation policy: report and resume */
    bool enabled;           /* CORDON_HC_SET_STATE */
    bool locked;            /* CORDON_HC_LOCK */
    uint64_t low_frames;    /* RAM below 4 GiB */
    uint64_t high_end;      /* first frame past RAM above 4 GiB */
    uint64_t nr_leaves;
    CordonView *views;
    uint16_t **seal;        /* per frame: sealing view + 1, SEAL_FROZEN, or 0 */
} CordonViews;

static CordonViews *cv;

/* === Frame map === */

static bool frame_is_ram(uint64_t gfn)
{
    return gfn < cv->low_frames ||
           (gfn >= (4ull << 30) >> FRAME_BITS && gfn < cv->high_end);
}

static uint8_t view_entry(const CordonView *v, uint64_t gfn)
{
    uint64_t leaf = gfn >> LEAF_BITS;

    if (leaf < cv->nr_leaves && v->leaves[leaf]) {
        uint8_t e = v->leaves[leaf][gfn & (LEAF_SIZE - 1)];

        if (e & E_EXPLICIT) {
            return e;
        }
    }
    return v->dflt;
}

static void view_set_entry(CordonView *v, uint64_t gfn, uint8_t e)
{
    uint64_t leaf = gfn >> LEAF_BITS;

    if (!v->leaves[leaf]) {
        v->leaves[leaf] = g_new0(uint8_t, LEAF_SIZE);
    }
    v->leaves[leaf][gfn & (LEAF_SIZE - 1)] = e | E_EXPLICIT;
}

/* CORDON_ACCESS_* to entry bits, and back (GET_ACCESS). */
static uint8_t entry_bits(uint64_t access)
{
    return (access & E_ACCESS) |
           (access & CORDON_ACCESS_VERIFY_PAGING ? E_VGP : 0) |
           (access & CORDON_ACCESS_PAGING ? E_PW : 0);
}

static int64_t entry_access(uint8_t e)
{
    return (e & E_ACCESS) |
           (e & E_VGP ? CORDON_ACCESS_VERIFY_PAGING : 0) |
           (e & E_PW ? CORDON_ACCESS_PAGING : 0);
}

static uint16_t seal_value(uint64_t gfn)
{
    uint16_t *leaf = cv->seal[gfn >> LEAF_BITS];

    return leaf ? leaf[gfn & (LEAF_SIZE - 1)] : 0;
}

/* The sealing view + 1, SEAL_FROZEN, or 0. */
static uint16_t seal_owner(uint64_t gfn)
{
    uint16_t v = seal_value(gfn);

    return v == SEAL_FROZEN ? v : v & ~SEAL_READABLE;
}

/* Whether other views than the sealing one may read a sealed frame. */
static bool seal_readable(uint64_t gfn)
{
    uint16_t v = seal_value(gfn);

    return v != SEAL_FROZEN && (v & SEAL_READABLE);
}

/* What a view that did not seal a sealed frame keeps of it. */
static uint8_t sealed_elsewhere(uint64_t gfn, uint8_t e)
{
    return (e & E_SVE) | (seal_readable(gfn) ? CORDON_ACCESS_R : 0);
}

/*
 * Is @gfn some vCPU's #VE information area, or holds it an NMI latch? The
 * hypervisor writes there on every #VE or held NMI, so such a frame must
 * never become sealed or frozen.
 */
static bool frame_is_ve_area(uint64_t gfn)
{
    CPUState *cs;

    CPU_FOREACH(cs) {
        CPUX86State *e = &X86_CPU(cs)->env;

        if (e->cordon_ve_enabled && (e->cordon_ve_info >> FRAME_BITS) == gfn) {
            return true;
        }
        if (e->cordon_nmi_latch.gpa &&
            (e->cordon_nmi_latch.gpa >> FRAME_BITS) == gfn) {
            return true;
        }
    }
    return false;
}

static void view_free(CordonView *v)
{
    uint64_t i;

    for (i = 0; i < cv->nr_leaves; i++) {
        g_free(v->leaves[i]);
    }
    g_free(v->leaves);
    memset(v, 0, sizeof(*v));
}

static void view_init(CordonView *v, uint8_t dflt)
{
    uint64_t gfn;

    v->exists = true;
    v->visible = true;
    v->dflt = dflt;
    v->leaves = g_new0(uint8_t *, cv->nr_leaves);
    /* Sealed frames stay inaccessible in every view created later. */
    for (gfn = 0; gfn < cv->nr_leaves * LEAF_SIZE; gfn++) {
        if (!cv->seal[gfn >> LEAF_BITS]) {
            gfn |= LEAF_SIZE - 1;
            continue;
        }
        if (seal_owner(gfn)) {
            view_set_entry(v, gfn, sealed_elsewhere(gfn, dflt));
        }
    }
}

/* Bytes of host memory the frame maps use, for the counters and docs. */
static uint64_t views_host_bytes(void)
{
    uint64_t bytes = 0, i;
    uint32_t n;

    for (n = 0; n < cv->count; n++) {
        if (!cv->views[n].exists) {
            continue;
        }
        bytes += cv->nr_leaves * sizeof(uint8_t *);
        for (i = 0; i < cv->nr_leaves; i++) {
            bytes += cv->views[n].leaves[i] ? LEAF_SIZE : 0;
        }
    }
    return bytes;
}

/* === Setup === */

bool cordon_views_realize(X86CPU *cpu, Error **errp)
{
    bool resume = false;

    if (!cpu->cordon_views) {
        return true;
    }
    if (cpu->cordon_views_count < 1 ||
        cpu->cordon_views_count > CORDON_VIEWS_MAX) {
        error_setg(errp, "cordon-views-count=%u is out of range; "
                   "use 1 to %u", cpu->cordon_views_count, CORDON_VIEWS_MAX);
        return false;
    }
    if (cpu->cordon_violation) {
        if (!strcmp(cpu->cordon_violation, "resume")) {
            resume = true;
        } else if (strcmp(cpu->cordon_violation, "stop")) {
            error_setg(errp, "cordon-violation=%s is not a policy; "
                       "use 'stop' or 'resume'", cpu->cordon_violation);
            return false;
        }
    }
    if (cv) {
        if (cv->count != cpu->cordon_views_count || cv->resume != resume) {
            error_setg(errp, "all CPUs must use the same cordon-views "
                       "settings");
            return false;
        }
        return true;
    }
    cv = g_new0(CordonViews, 1);
    cv->count = cpu->cordon_views_count;
    cv->resume = resume;
    cv->views = g_new0(CordonView, cv->count);
    return true;
}

/* Sizes come from the machine, which is complete only once the guest runs. */
static void views_enable(void)
{
    X86MachineState *x86ms = X86_MACHINE(qdev_get_machine());
    uint64_t end;

    cv->low_frames = x86ms->below_4g_mem_size >> FRAME_BITS;
    end = x86ms->above_4g_mem_size ?
          (4ull << 30) + x86ms->above_4g_mem_size :
          x86ms->below_4g_mem_size;
    cv->high_end = end >> FRAME_BITS;
    cv->nr_leaves = DIV_ROUND_UP(cv->high_end, LEAF_SIZE);
    cv->seal = g_new0(uint16_t *, cv->nr_leaves);
    view_init(&cv->views[0], CORDON_ACCESS_RWX | E_SVE);
    cv->enabled = true;
}

bool cordon_views_active(CPUX86State *env)
{
    return cv && cv->enabled;
}

/* === Violations and #VE === */

static const char *access_name(uint64_t qual)
{
    if (qual & CORDON_VE_QUAL_FETCH) {
        return "fetch";
    }
    return qual & CORDON_VE_QUAL_WRITE ? "write" : "read";
}

static G_NORETURN void violation_stop(CPUX86State *env, vaddr gla,
                                      hwaddr gpa, uint64_t rip,
                                      uint64_t qual, const char *why)
{
    error_report("cordon-views: EPT violation exit: vcpu=%d view=%u "
                 "gpa=0x%" PRIx64 " gla=0x%" PRIx64 " rip=0x%" PRIx64
                 " access=%s%s qual=0x%" PRIx64 " (not converted to #VE: %s)",
                 env_cpu(env)->cpu_index, env->cordon_view, (uint64_t)gpa,
                 (uint64_t)gla, rip, access_name(qual),
                 qual & CORDON_VE_QUAL_FINAL ? "" : " (paging structure)",
                 qual, why);
    error_report("cordon-views: stopping the guest (policy 'stop'; "
                 "-cpu ...,cordon-violation=resume reports and continues)");
    exit(CORDON_VIOLATION_EXIT_STATUS);
}

/* Why the SDM forbids converting this violation into #VE, or NULL. */
static const char *ve_blocker(CPUX86State *env, uint8_t entry)
{
    if (!env->cordon_ve_enabled) {
        return "#VE not enabled on this vCPU";
    }
    /* SDM Vol. 3C, "Convertible EPT Violations": protected mode only. */
    if (!(env->cr[0] & CR0_PE_MASK)) {
        return "CR0.PE is 0";
    }
    if (entry & E_SVE) {
        return "suppress-#VE set for the frame";
    }
    if (env->cordon_in_delivery) {
        return "violation during event delivery";
    }
    if (x86_ldl_phys(env_cpu(env), env->cordon_ve_info + CORDON_VE_OFF_BUSY)) {
        return "#VE information area busy";
    }
    return NULL;
}

static G_NORETURN void deliver_ve(CPUX86State *env, vaddr gla, hwaddr gpa,
                                  uint64_t qual, uintptr_t retaddr)
{
    CPUState *cs = env_cpu(env);
    hwaddr info = env->cordon_ve_info;

    x86_stl_phys(cs, info + CORDON_VE_OFF_REASON, CORDON_VE_EXIT_REASON_EPT);
    x86_stl_phys(cs, info + CORDON_VE_OFF_BUSY, CORDON_VE_BUSY);
    x86_stq_phys(cs, info + CORDON_VE_OFF_QUAL, qual);
    x86_stq_phys(cs, info + CORDON_VE_OFF_GLA, gla);
    x86_stq_phys(cs, info + CORDON_VE_OFF_GPA, gpa);
    x86_stw_phys(cs, info + CORDON_VE_OFF_VIEW, env->cordon_view);
    env->cordon_counters[CORDON_CTR_VE]++;
    trace_cordon_ve(cs->cpu_index, env->cordon_view, gla, gpa, qual);
    /* A fault without error code: RIP stays on the faulting instruction. */
    raise_exception_ra(env, CORDON_VE_VECTOR, retaddr);
}

/*
 * A violation while delivering an event that arose at CPL 3, in a view
 * other than 0. Only user space puts itself there (VMFUNC has no CPL
 * check); a view may not let the CPU push the frame or read the IDT, and
 * stopping the guest for it would let any process stop it. The hypervisor
 * does what it would on the EPT-violation exit with valid IDT-vectoring
 * information: it puts the vCPU back in view 0 (as the process could
 * itself) and injects the same event again. Nothing of the kernel's or a
 * compartment's is involved: the event came from ring 3.
 */
static G_NORETURN void redeliver_in_view0(CPUX86State *env, vaddr gla,
                                          hwaddr gpa, uint64_t qual)
{
    CPUState *cs = env_cpu(env);

    env->cordon_counters[CORDON_CTR_VIOLATION_EXIT]++;
    trace_cordon_violation_exit(cs->cpu_index, env->cordon_view, gla, gpa,
                                qual, "event from CPL 3: injected again in "
                                "view 0");
    env->cordon_view = 0;
    env->cordon_counters[CORDON_CTR_TLB_FLUSH]++;
    tlb_flush(cs);
    env->cordon_in_delivery = false;
    cs->exception_index = env->cordon_event_intno;
    env->exception_is_int = env->cordon_event_is_int;
    env->error_code = env->cordon_event_error;
    env->exception_next_eip = env->cordon_event_next_eip;
    cpu_loop_exit(cs);
}

void cordon_views_violation(CPUX86State *env, vaddr gla, hwaddr gpa,
                            uint64_t qual, uintptr_t retaddr)
{
    CPUState *cs = env_cpu(env);
    uint8_t e = view_entry(&cv->views[env->cordon_view], gpa >> FRAME_BITS);
    const char *why = ve_blocker(env, e);
    uint64_t rip = env->segs[R_CS].base + env->eip;

    /*
     * An IRET out of an NMI handler that the view stops: the SDM sets bit
     * 12, and NMI blocking stays, since QEMU lifts it only once the IRET
     * completes (helper_iret_protected).
     */
    if (env->cordon_in_iret && (env->hflags2 & HF2_NMI_MASK)) {
        qual |= CORDON_VE_QUAL_NMI_UNBLOCK;
    }
    env->cordon_in_iret = false;

    if (env->cordon_in_delivery && env->cordon_view != 0 &&
        (env->hflags & HF_CPL_MASK) == 3) {
        redeliver_in_view0(env, gla, gpa, qual);
    }
    if (!why) {
        env->cordon_in_delivery = false;
        deliver_ve(env, gla, gpa, qual, retaddr);
    }
    /* A VM exit: the emulated hypervisor applies its policy. */
    env->cordon_counters[CORDON_CTR_VIOLATION_EXIT]++;
    if (retaddr) {
        /*
         * Recover the guest RIP for the report. Under "resume" the TB goes
         * on running, so put back what the restore changed.
         */
        target_ulong eip = env->eip;
        CCOp cc_op = env->cc_op;

        cpu_restore_state(cs, retaddr);
        rip = env->segs[R_CS].base + env->eip;
        if (cv->resume) {
            env->eip = eip;
            env->cc_op = cc_op;
        }
    }
    trace_cordon_violation_exit(cs->cpu_index, env->cordon_view, gla, gpa,
                                qual, why);
    if (!cv->resume) {
        violation_stop(env, gla, gpa, rip, qual, why);
    }
    warn_report("cordon-views: EPT violation allowed (policy 'resume'): "
                "vcpu=%d view=%u gpa=0x%" PRIx64 " gla=0x%" PRIx64
                " rip=0x%" PRIx64 " access=%s qual=0x%" PRIx64 " (%s)",
                cs->cpu_index, env->cordon_view, (uint64_t)gpa,
                (uint64_t)gla, rip, access_name(qual), qual, why);
}

static uint64_t qual_for(unsigned int access_bit, uint8_t e, bool final)
{
    return access_bit | (uint64_t)(e & E_ACCESS) << 3 |
           CORDON_VE_QUAL_GLA_VALID | (final ? CORDON_VE_QUAL_FINAL : 0);
}

bool cordon_views_check_final(CPUX86State *env, vaddr gla, hwaddr gpa,
                              MMUAccessType access_type, int *prot,
                              bool probe, uintptr_t retaddr)
{
    uint8_t e = view_entry(&cv->views[env->cordon_view], gpa >> FRAME_BITS);
    int need = 1 << access_type;    /* PAGE_* == EPT R/W/X bits */

    /*
     * Guest-paging verification: a VGP frame reached through a paging
     * structure outside the view's PW frames is a violation, whatever the
     * access, so that nobody can alias it through tables of their own.
     */
    if ((e & E_VGP) && env->cordon_walk_unverified) {
        if (probe) {
            return false;
        }
        cordon_views_violation(env, gla, gpa,
                               qual_for(need, e, true) | CORDON_VE_QUAL_GPV,
                               retaddr);
        /* Resume policy: allowed, but not cached past this access. */
        *prot &= need;
        return true;
    }
    if (e & need) {
        *prot &= e & E_ACCESS;
        return true;
    }
    if (probe) {
        return false;
    }
    cordon_views_violation(env, gla, gpa, qual_for(need, e, true), retaddr);
    /* Resume policy: this access goes ahead until the next flush. */
    *prot &= (e & E_ACCESS) | need;
    return true;
}

uint64_t cordon_views_check_walk(CPUX86State *env, hwaddr gpa, bool write)
{
    uint8_t e = view_entry(&cv->views[env->cordon_view], gpa >> FRAME_BITS);
    unsigned int need = write ? CORDON_ACCESS_W : CORDON_ACCESS_R;

    if (!(e & E_PW)) {
        /* Remembered for the final frame's VGP (cordon_views_check_final). */
        env->cordon_walk_unverified = true;
    }
    if (env->cordon_walk_bypass || (e & need)) {
        return 0;
    }
    /*
     * The walker's A/D update reads the entry and writes it back: the SDM
     * reports it as both (KVM's EPT tests expect bits 0 and 1).
     */
    return qual_for(write ? CORDON_ACCESS_R | CORDON_ACCESS_W : need, e,
                    false);
}

/* === VMFUNC === */

void helper_cordon_vmfunc(CPUX86State *env)
{
    CPUState *cs = env_cpu(env);
    uint32_t leaf = env->regs[R_EAX];
    uint32_t idx = env->regs[R_ECX];

    /* Xen turns every VMFUNC failure into #UD; so do we. */
    if (!cordon_views_active(env) || leaf != 0 || idx >= cv->count ||
        !cv->views[idx].exists || !cv->views[idx].visible) {
        env->cordon_counters[CORDON_CTR_VMFUNC_UD]++;
        trace_cordon_vmfunc_ud(cs->cpu_index, leaf, idx);
        raise_exception_ra(env, EXCP06_ILLOP, GETPC());
    }
    trace_cordon_vmfunc(cs->cpu_index, env->cordon_view, idx);
    env->cordon_counters[CORDON_CTR_VMFUNC]++;
    if (idx != env->cordon_view) {
        /* QEMU's TLB is not tagged with the view: drop what the old one allowed. */
        env->cordon_view = idx;
        env->cordon_counters[CORDON_CTR_TLB_FLUSH]++;
        tlb_flush(cs);
    }
}

/* === Asynchronous exit === */

/*
 * No event is delivered in a view registered for asynchronous exit, the
 * way SGX never delivers one inside an enclave: the kernel chooses the
 * IDT, GDT, TSS and stack such a delivery would use, so it would run a
 * handler of its choosing on what it pushes. On VT-x the hypervisor takes
 * every event as an exit (external-interrupt and NMI exiting, all bits of
 * the exception bitmap), checks the EPTP index and does what this does.
 */
static bool aex_tables(CPUX86State *env)
{
    return (env->cr[3] & ~0xfffull & ((1ull << 52) - 1)) ==
           env->cordon_aex.view_cr3;
}

/*
 * An NMI while the IDT registered with SET_NMI_LATCH is loaded is not
 * delivered: the hypervisor sets the vCPU's latch byte and drops it, and
 * the guest runs it once it has its own IDT back. The guest loads that
 * IDT (its compartments') around VMFUNCs, where an NMI would otherwise be
 * delivered on a stack another vCPU in the compartment can write and
 * return through a frame read from it. On VT-x: NMI exiting, the guest
 * IDTR base from the VMCS, a write to guest memory, no injection.
 */
static bool nmi_latched(CPUX86State *env, int intno, int is_int, int is_hw)
{
    if (intno != EXCP02_NMI || is_int || !is_hw ||
        !env->cordon_nmi_latch.gpa ||
        env->idt.base != env->cordon_nmi_latch.idt_base) {
        return false;
    }
    x86_stb_phys(env_cpu(env), env->cordon_nmi_latch.gpa, 1);
    /* Nothing was delivered, so no IRET will unblock NMIs. */
    env->hflags2 &= ~HF2_NMI_MASK;
    return true;
}

bool cordon_views_aex(CPUX86State *env, int intno, int is_int, int is_hw)
{
    CPUState *cs = env_cpu(env);
    uint32_t update = TF_MASK | AC_MASK | ID_MASK | NT_MASK | IF_MASK |
                      IOPL_MASK | RF_MASK;
    bool deliver, save;
    int i;

    /* An IRET that raised another exception is over. */
    env->cordon_in_iret = false;
    if (!cordon_views_active(env)) {
        return false;
    }
    if (!env->cordon_aex.view || (env->hflags & HF_CPL_MASK) ||
        !(env->hflags & HF_LMA_MASK)) {
        return nmi_latched(env, intno, is_int, is_hw);
    }
    if (env->cordon_view != env->cordon_aex.view) {
        if (nmi_latched(env, intno, is_int, is_hw)) {
            return true;
        }
        /*
         * The view's tables in another view: only the gates' few
         * instructions around a VMFUNC run so, with interrupts off. An
         * NMI there, or an event the kernel arranged, is delivered on the
         * kernel's own tables, so that nothing it pushes or reads goes
         * through the view's.
         */
        if (aex_tables(env)) {
            cpu_x86_update_cr3(env, env->cordon_aex.cr3);
        }
        return false;
    }
    /* Interrupts, NMIs and #VE go to the kernel; other exceptions do not. */
    deliver = !is_int && (is_hw || intno == CORDON_VE_VECTOR);
    /* Only a context on the view's own tables is worth resuming. */
    save = deliver && aex_tables(env) &&
           x86_ldq_phys(cs, env->cordon_aex.frame + CORDON_AEX_FRAME_STATE) == 0;
    if (save) {
        hwaddr f = env->cordon_aex.frame;

        for (i = 0; i < CPU_NB_REGS; i++) {
            x86_stq_phys(cs, f + CORDON_AEX_FRAME_GPRS + i * 8, env->regs[i]);
        }
        x86_stq_phys(cs, f + CORDON_AEX_FRAME_RIP,
                     env->segs[R_CS].base + env->eip);
        x86_stq_phys(cs, f + CORDON_AEX_FRAME_RFLAGS, cpu_compute_eflags(env));
        x86_stq_phys(cs, f + CORDON_AEX_FRAME_STATE, 1);
    }
    trace_cordon_aex(cs->cpu_index, env->cordon_view, intno, deliver, save);
    for (i = 0; i < CPU_NB_REGS; i++) {
        env->regs[i] = 0;
    }
    env->cordon_view = 0;
    env->cordon_counters[CORDON_CTR_TLB_FLUSH]++;
    tlb_flush(cs);
    cpu_x86_update_cr3(env, env->cordon_aex.cr3);
    env->idt.base = env->cordon_aex.idt_base;
    env->idt.limit = env->cordon_aex.idt_limit;
    if (intno == EXCP0E_PAGE) {
        env->cr[2] = 0;     /* a sealed address is no business of the kernel's */
    }
    env->regs[R_ESP] = x86_ldq_phys(cs, env->cordon_aex.ksp);
    env->eip = env->cordon_aex.exit;
    /* The frame an interrupt pushes shows IF, as one taken there would. */
    cpu_load_eflags(env, deliver && is_hw ? IF_MASK : 0, update);
    if (!deliver) {
        env->regs[R_EAX] = intno | CORDON_AEX_EXCEPTION;
        return true;
    }
    return false;
}

/* === Hypercalls === */

typedef struct HcArgs {
    uint64_t op, a1, a2, a3, a4;
} HcArgs;

static int64_t check_view(uint64_t idx)
{
    if (idx >= cv->count || !cv->views[idx].exists) {
        return -CORDON_EINVAL;
    }
    return 0;
}

static int64_t check_access(uint64_t access)
{
    /* Write without read is an EPT misconfiguration, not a permission. */
    if (access > CORDON_ACCESS_ALL ||
        ((access & CORDON_ACCESS_W) && !(access & CORDON_ACCESS_R))) {
        return -CORDON_EINVAL;
    }
    return 0;
}

static int64_t check_range(uint64_t gfn, uint64_t count)
{
    uint64_t last;

    if (count == 0) {
        return -CORDON_EINVAL;
    }
    if (gfn + count < gfn) {
        return -CORDON_EOVERFLOW;
    }
    last = gfn + count - 1;
    /* Both ends in RAM, and no hole between them. */
    if (!frame_is_ram(gfn) || !frame_is_ram(last) ||
        (gfn < cv->low_frames) != (last < cv->low_frames)) {
        return -CORDON_ERANGE;
    }
    return 0;
}

static bool range_sealed(uint64_t gfn, uint64_t count)
{
    uint64_t i;

    for (i = 0; i < count; i++) {
        if (seal_owner(gfn + i)) {
            return true;
        }
    }
    return false;
}

/* Validation shared by the per-frame setters: all checks before any change. */
static int64_t check_frames(uint64_t view, uint64_t gfn, uint64_t count)
{
    int64_t r = check_view(view);

    if (!r) {
        r = check_range(gfn, count);
    }
    if (!r && cv->views[view].sealer) {
        r = -CORDON_EACCES;
    }
    return r;
}

static int64_t hc_set_access(const HcArgs *a, uint64_t count, uint64_t access,
                             bool *flush)
{
    CordonView *v;
    int64_t r = check_frames(a->a1, a->a2, count);
    uint64_t i;

    if (!r) {
        r = check_access(access);
    }
    if (!r && range_sealed(a->a2, count)) {
        r = -CORDON_EACCES;
    }
    if (r) {
        return r;
    }
    v = &cv->views[a->a1];
    for (i = 0; i < count; i++) {
        uint8_t e = view_entry(v, a->a2 + i);

        view_set_entry(v, a->a2 + i, (e & E_SVE) | entry_bits(access));
    }
    *flush = true;
    return 0;
}

static int64_t hc_set_sve(const HcArgs *a, uint64_t count, uint64_t sve)
{
    CordonView *v;
    int64_t r = check_frames(a->a1, a->a2, count);
    uint64_t i;

    if (!r && sve > 1) {
        r = -CORDON_EINVAL;
    }
    if (r) {
        return r;
    }
    /* Suppress-#VE only picks #VE or exit; no TLB entry depends on it. */
    v = &cv->views[a->a1];
    for (i = 0; i < count; i++) {
        uint8_t e = view_entry(v, a->a2 + i) & (E_ACCESS | E_GPV);

        view_set_entry(v, a->a2 + i, e | (sve ? E_SVE : 0));
    }
    return 0;
}

static int64_t hc_get_entry(const HcArgs *a, bool sve)
{
    int64_t r = check_view(a->a1);
    uint8_t e;

    if (!r) {
        r = check_range(a->a2, 1);
    }
    if (r) {
        return r;
    }
    e = view_entry(&cv->views[a->a1], a->a2);
    return sve ? !!(e & E_SVE) : entry_access(e);
}

static int64_t hc_create_view(uint64_t access)
{
    /* A default covers every frame: R/W/X only. */
    int64_t r = access > CORDON_ACCESS_RWX ? -CORDON_EINVAL :
                check_access(access);
    uint32_t n;

    if (r) {
        return r;
    }
    if (cv->locked) {
        return -CORDON_EROFS;
    }
    for (n = 1; n < cv->count; n++) {
        if (!cv->views[n].exists) {
            view_init(&cv->views[n], access | E_SVE);
            return n;
        }
    }
    return -CORDON_ENOSPC;
}

static int64_t hc_destroy_view(uint64_t idx, bool *flush)
{
    CPUState *cs;

    if (cv->locked) {
        return -CORDON_EROFS;
    }
    if (idx == 0 || check_view(idx)) {
        return -CORDON_EINVAL;
    }
    if (cv->views[idx].sealer) {
        return -CORDON_EACCES;
    }
    CPU_FOREACH(cs) {
        if (X86_CPU(cs)->env.cordon_view == idx) {
            return -CORDON_EBUSY;
        }
    }
    view_free(&cv->views[idx]);
    *flush = true;
    return 0;
}

static int64_t hc_set_visibility(uint64_t idx, uint64_t visible)
{
    if (cv->locked) {
        return -CORDON_EROFS;
    }
    if (check_view(idx) || visible > 1) {
        return -CORDON_EINVAL;
    }
    if (!visible && cv->views[idx].sealer) {
        return -CORDON_EACCES;
    }
    cv->views[idx].visible = visible;
    return 0;
}

static int64_t hc_seal(uint64_t idx, uint64_t gfn, uint64_t count,
                       uint64_t others, bool *flush)
{
    int64_t r = idx == 0 ? -CORDON_EINVAL : check_view(idx);
    uint16_t value = (idx + 1) | (others ? SEAL_READABLE : 0);
    uint64_t i;
    uint32_t n;

    if (!r && others && others != CORDON_ACCESS_R) {
        r = -CORDON_EINVAL;
    }
    if (!r) {
        r = check_range(gfn, count);
    }
    for (i = 0; !r && i < count; i++) {
        uint16_t owner = seal_owner(gfn + i);

        /* Sealed again by its view: as it was, readable or not. */
        if ((owner && seal_value(gfn + i) != value) ||
            frame_is_ve_area(gfn + i)) {
            r = -CORDON_EACCES;
        }
    }
    if (r) {
        return r;
    }
    for (i = 0; i < count; i++) {
        uint64_t f = gfn + i;
        uint16_t **leaf = &cv->seal[f >> LEAF_BITS];

        if (!*leaf) {
            *leaf = g_new0(uint16_t, LEAF_SIZE);
        }
        (*leaf)[f & (LEAF_SIZE - 1)] = value;
        for (n = 0; n < cv->count; n++) {
            if (n != idx && cv->views[n].exists) {
                view_set_entry(&cv->views[n], f,
                               sealed_elsewhere(f, view_entry(&cv->views[n],
                                                              f)));
            }
        }
    }
    cv->views[idx].sealer = true;
    *flush = true;
    return 0;
}

/*
 * Freeze frames: every view keeps the access it has now, for good. Shared
 * code (gates) stays executable where it is, and nobody can make it
 * writable again.
 */
static int64_t hc_freeze(uint64_t gfn, uint64_t count)
{
    int64_t r = check_range(gfn, count);
    uint64_t i;

    if (r) {
        return r;
    }
    for (i = 0; i < count; i++) {
        if ((seal_owner(gfn + i) && seal_owner(gfn + i) != SEAL_FROZEN) ||
            frame_is_ve_area(gfn + i)) {
            return -CORDON_EACCES;
        }
    }
    for (i = 0; i < count; i++) {
        uint64_t f = gfn + i;
        uint16_t **leaf = &cv->seal[f >> LEAF_BITS];

        if (!*leaf) {
            *leaf = g_new0(uint16_t, LEAF_SIZE);
        }
        (*leaf)[f & (LEAF_SIZE - 1)] = SEAL_FROZEN;
    }
    return 0;
}

static int64_t hc_set_state(CPUX86State *env, uint64_t on, bool *flush)
{
    CPUState *cs;
    uint32_t n;

    if (on > 1) {
        return -CORDON_EINVAL;
    }
    if (on) {
        if (!cv->enabled) {
            /* A locked configuration without views stays without. */
            if (cv->locked) {
                return -CORDON_EROFS;
            }
            views_enable();
        }
        return 0;
    }
    if (!cv->enabled) {
        return 0;
    }
    if (cv->locked) {
        return -CORDON_EROFS;
    }
    for (n = 0; n < cv->count; n++) {
        if (cv->views[n].sealer) {
            return -CORDON_EACCES;  /* would expose sealed memory */
        }
    }
    for (n = 0; n < cv->nr_leaves; n++) {
        if (cv->seal[n]) {
            return -CORDON_EACCES;  /* frozen frames stay frozen */
        }
    }
    CPU_FOREACH(cs) {
        X86_CPU(cs)->env.cordon_view = 0;
        X86_CPU(cs)->env.cordon_ve_enabled = false;
        X86_CPU(cs)->env.cordon_aex.view = 0;
        X86_CPU(cs)->env.cordon_nmi_latch.gpa = 0;
    }
    for (n = 0; n < cv->count; n++) {
        if (cv->views[n].exists) {
            view_free(&cv->views[n]);
        }
    }
    g_free(cv->seal);
    cv->seal = NULL;
    cv->enabled = false;
    *flush = true;
    return 0;
}

static int64_t hc_ve_enable(CPUX86State *env, uint64_t gpa)
{
    if (gpa & ((1u << FRAME_BITS) - 1)) {
        return -CORDON_EINVAL;
    }
    if (!frame_is_ram(gpa >> FRAME_BITS)) {
        return -CORDON_ERANGE;
    }
    /* The hypervisor never writes a sealed or frozen frame for the guest. */
    if (seal_owner(gpa >> FRAME_BITS)) {
        return -CORDON_EACCES;
    }
    /*
     * After LOCK a vCPU may register its area once (a CPU brought up
     * late), never move it: a moved area with the busy word set would turn
     * every #VE into an exit.
     */
    if (cv->locked && env->cordon_ve_enabled) {
        return -CORDON_EROFS;
    }
    env->cordon_ve_info = gpa;
    env->cordon_ve_enabled = true;
    return 0;
}

static int64_t hc_get_counters(CPUX86State *env, uint64_t gpa)
{
    CPUState *cs = env_cpu(env);
    uint64_t size = CORDON_CTR_NR * sizeof(uint64_t);
    int i;

    if ((gpa & 7) || (gpa >> FRAME_BITS) != ((gpa + size - 1) >> FRAME_BITS)) {
        return -CORDON_EINVAL;
    }
    if (!cv->enabled) {
        /* No RAM layout yet: accept only what is plainly low RAM. */
        X86MachineState *x86ms = X86_MACHINE(qdev_get_machine());

        if (gpa + size > x86ms->below_4g_mem_size) {
            return -CORDON_ERANGE;
        }
    } else if (!frame_is_ram(gpa >> FRAME_BITS)) {
        return -CORDON_ERANGE;
    } else if (seal_owner(gpa >> FRAME_BITS)) {
        return -CORDON_EACCES;  /* never a sealed or frozen frame */
    }
    env->cordon_counters[CORDON_CTR_INSNS] =
        icount_enabled() ? icount_get_raw() : 0;
    for (i = 0; i < CORDON_CTR_NR; i++) {
        x86_stq_phys(cs, gpa + i * sizeof(uint64_t), env->cordon_counters[i]);
    }
    return 0;
}

/*
 * Register (or with @gpa 0 remove) this vCPU's asynchronous exit from
 * view @idx. The frame must be sealed by the view: the hypervisor writes
 * there only what ran in it. The exit's RSP is read from a frame nobody
 * sealed, for the same reason the other way round. After LOCK a vCPU may
 * only repeat the registration it has (it survives INIT, so a CPU the
 * guest takes offline and brings back registers again, unchanged).
 */
static int64_t hc_set_aex(CPUX86State *env, uint64_t idx, uint64_t gpa)
{
    CPUState *cs = env_cpu(env);
    struct CordonAex r = { .view = idx };

    if (!gpa) {
        if (cv->locked) {
            return -CORDON_EROFS;
        }
        env->cordon_aex.view = 0;
        return 0;
    }
    if (idx == 0 || check_view(idx) ||
        (gpa & 7) || (gpa >> FRAME_BITS) !=
        ((gpa + CORDON_AEX_REG_SIZE - 1) >> FRAME_BITS)) {
        return -CORDON_EINVAL;
    }
    if (!frame_is_ram(gpa >> FRAME_BITS)) {
        return -CORDON_ERANGE;
    }
    r.frame = x86_ldq_phys(cs, gpa + CORDON_AEX_OFF_FRAME);
    r.view_cr3 = x86_ldq_phys(cs, gpa + CORDON_AEX_OFF_VIEW_CR3);
    r.exit = x86_ldq_phys(cs, gpa + CORDON_AEX_OFF_EXIT);
    r.ksp = x86_ldq_phys(cs, gpa + CORDON_AEX_OFF_KSP);
    r.cr3 = x86_ldq_phys(cs, gpa + CORDON_AEX_OFF_CR3);
    r.idt_base = x86_ldq_phys(cs, gpa + CORDON_AEX_OFF_IDT_BASE);
    r.idt_limit = x86_ldq_phys(cs, gpa + CORDON_AEX_OFF_IDT_LIMIT) & 0xffff;
    if ((r.frame & 7) || (r.frame >> FRAME_BITS) !=
        ((r.frame + CORDON_AEX_FRAME_SIZE - 1) >> FRAME_BITS) ||
        (r.ksp & 7) || (r.view_cr3 & 0xfff)) {
        return -CORDON_EINVAL;
    }
    if (!frame_is_ram(r.frame >> FRAME_BITS) ||
        !frame_is_ram(r.ksp >> FRAME_BITS)) {
        return -CORDON_ERANGE;
    }
    if (seal_owner(r.frame >> FRAME_BITS) != idx + 1 ||
        seal_readable(r.frame >> FRAME_BITS) ||
        seal_owner(r.ksp >> FRAME_BITS)) {
        return -CORDON_EACCES;
    }
    if (cv->locked) {
        return memcmp(&r, &env->cordon_aex, sizeof(r)) ? -CORDON_EROFS : 0;
    }
    env->cordon_aex = r;
    return 0;
}

/*
 * Register (or with @gpa 0 remove) the IDT whose NMIs this vCPU latches
 * in the byte at @gpa instead of taking them. Never a sealed or frozen
 * byte: the hypervisor writes there. After LOCK only the same again (a
 * CPU the guest brings back online).
 */
static int64_t hc_set_nmi_latch(CPUX86State *env, uint64_t idt_base,
                                uint64_t gpa)
{
    struct CordonNmiLatch r = { .idt_base = gpa ? idt_base : 0, .gpa = gpa };

    if (gpa) {
        if (!frame_is_ram(gpa >> FRAME_BITS)) {
            return -CORDON_ERANGE;
        }
        if (seal_owner(gpa >> FRAME_BITS)) {
            return -CORDON_EACCES;
        }
    }
    if (cv->locked) {
        return memcmp(&r, &env->cordon_nmi_latch, sizeof(r)) ?
               -CORDON_EROFS : 0;
    }
    env->cordon_nmi_latch = r;
    return 0;
}

/*
 * Back into the context the last asynchronous exit saved, once: from the
 * registered view, on its page tables, as ERESUME from an SSA. Only this
 * vCPU's frame, so no other vCPU can take the context while it is being
 * restored. On success every register is the frame's, RAX included.
 */
static int64_t hc_aex_resume(CPUX86State *env)
{
    CPUState *cs = env_cpu(env);
    hwaddr f = env->cordon_aex.frame;
    int i;

    if (!env->cordon_aex.view || env->cordon_view != env->cordon_aex.view ||
        !aex_tables(env)) {
        return -CORDON_EPERM;
    }
    if (x86_ldq_phys(cs, f + CORDON_AEX_FRAME_STATE) != 1) {
        return -CORDON_ENOENT;
    }
    for (i = 0; i < CPU_NB_REGS; i++) {
        env->regs[i] = x86_ldq_phys(cs, f + CORDON_AEX_FRAME_GPRS + i * 8);
    }
    env->eip = x86_ldq_phys(cs, f + CORDON_AEX_FRAME_RIP) -
               env->segs[R_CS].base;
    cpu_load_eflags(env, x86_ldq_phys(cs, f + CORDON_AEX_FRAME_RFLAGS),
                    AC_MASK | IF_MASK | DF_MASK | CC_O | CC_S | CC_Z |
                    CC_A | CC_P | CC_C);
    x86_stq_phys(cs, f + CORDON_AEX_FRAME_STATE, 0);
    return 0;
}

static bool needs_enabled(uint64_t op)
{
    switch (op) {
    case CORDON_HC_GET_STATE:
    case CORDON_HC_SET_STATE:
    case CORDON_HC_LOCK:
    case CORDON_HC_GET_COUNTERS:
    case CORDON_HC_RESET_COUNTERS:
        return false;
    default:
        return op <= CORDON_HC_LAST;
    }
}

/*
 * Calls a vCPU in any view may make: they only tell it what it can know
 * anyway. Everything else is control and belongs to view 0: compartment
 * code runs at CPL 0 too, and must not reconfigure the views that hold it.
 */
static bool allowed_outside_view0(uint64_t op)
{
    return op == CORDON_HC_GET_STATE || op == CORDON_HC_GET_VIEW ||
           op == CORDON_HC_AEX_RESUME;  /* checks its view itself */
}

/*
 * What a locked configuration refuses: anything that adds, removes, seals,
 * freezes or hides memory or views, moves a vCPU between views other than
 * by VMFUNC, or changes how violations are reported. Still allowed: access
 * changes outside sealed and frozen frames (grants and revocations), the
 * queries, the counters, and a first VE_ENABLE on a vCPU (hc_ve_enable).
 */
static bool refused_when_locked(uint64_t op)
{
    switch (op) {
    case CORDON_HC_CREATE_VIEW:
    case CORDON_HC_DESTROY_VIEW:
    case CORDON_HC_SWITCH_VIEW:
    case CORDON_HC_SET_VISIBILITY:
    case CORDON_HC_SET_SVE:
    case CORDON_HC_SET_SVE_RANGE:
    case CORDON_HC_VE_DISABLE:
    case CORDON_HC_SEAL:
    case CORDON_HC_FREEZE:
        return true;
    default:
        return false;
    }
}

static int64_t do_hypercall(CPUX86State *env, const HcArgs *a, bool *flush)
{
    if (env->cordon_view != 0 && !allowed_outside_view0(a->op)) {
        return -CORDON_EPERM;
    }
    if (needs_enabled(a->op) && !cv->enabled) {
        return -CORDON_ENODEV;
    }
    if (cv->locked && refused_when_locked(a->op)) {
        return -CORDON_EROFS;
    }
    switch (a->op) {
    case CORDON_HC_GET_STATE:
        return cv->enabled;
    case CORDON_HC_SET_STATE:
        return hc_set_state(env, a->a1, flush);
    case CORDON_HC_VE_ENABLE:
        return hc_ve_enable(env, a->a1);
    case CORDON_HC_VE_DISABLE:
        env->cordon_ve_enabled = false;
        return 0;
    case CORDON_HC_CREATE_VIEW:
        return hc_create_view(a->a1);
    case CORDON_HC_DESTROY_VIEW:
        return hc_destroy_view(a->a1, flush);
    case CORDON_HC_SWITCH_VIEW:
        if (check_view(a->a1)) {
            return -CORDON_EINVAL;
        }
        if (env->cordon_view != a->a1) {
            env->cordon_view = a->a1;
            env->cordon_counters[CORDON_CTR_TLB_FLUSH]++;
            tlb_flush(env_cpu(env));
        }
        return 0;
    case CORDON_HC_SET_ACCESS:
        return hc_set_access(a, 1, a->a3, flush);
    case CORDON_HC_SET_ACCESS_RANGE:
        return hc_set_access(a, a->a3, a->a4, flush);
    case CORDON_HC_SET_SVE:
        return hc_set_sve(a, 1, a->a3);
    case CORDON_HC_SET_SVE_RANGE:
        return hc_set_sve(a, a->a3, a->a4);
    case CORDON_HC_GET_SVE:
        return hc_get_entry(a, true);
    case CORDON_HC_GET_ACCESS:
        return hc_get_entry(a, false);
    case CORDON_HC_GET_VIEW:
        return env->cordon_view;
    case CORDON_HC_SET_VISIBILITY:
        return hc_set_visibility(a->a1, a->a2);
    case CORDON_HC_SEAL:
        return hc_seal(a->a1, a->a2, a->a3, a->a4, flush);
    case CORDON_HC_LOCK:
        cv->locked = true;
        return 0;
    case CORDON_HC_GET_COUNTERS:
        return hc_get_counters(env, a->a1);
    case CORDON_HC_RESET_COUNTERS:
        memset(env->cordon_counters, 0, sizeof(env->cordon_counters));
        return 0;
    case CORDON_HC_GET_HOST_MEMORY:
        return views_host_bytes();
    case CORDON_HC_FREEZE:
        return hc_freeze(a->a1, a->a2);
    case CORDON_HC_SET_AEX:
        return hc_set_aex(env, a->a1, a->a2);
    case CORDON_HC_AEX_RESUME:
        return hc_aex_resume(env);
    case CORDON_HC_SET_NMI_LATCH:
        return hc_set_nmi_latch(env, a->a1, a->a2);
    default:
        return -CORDON_ENOSYS;
    }
}

/* Runs with every vCPU stopped, so no reader sees a half-made change. */
static void hypercall_work(CPUState *cs, run_on_cpu_data data)
{
    CPUX86State *env = &X86_CPU(cs)->env;
    HcArgs a = {
        .op = env->regs[R_EAX], .a1 = env->regs[R_EBX],
        .a2 = env->regs[R_ECX], .a3 = env->regs[R_EDX],
        .a4 = env->regs[R_ESI],
    };
    bool flush = false;
    int64_t ret = do_hypercall(env, &a, &flush);
    CPUState *other;

    if (flush) {
        /* Others run their flush before their next instruction. */
        CPU_FOREACH(other) {
            X86_CPU(other)->env.cordon_counters[CORDON_CTR_TLB_FLUSH]++;
            tlb_flush(other);
        }
    }
    env->cordon_counters[CORDON_CTR_HYPERCALL]++;
    if (ret < 0) {
        env->cordon_counters[CORDON_CTR_HYPERCALL_ERR]++;
    }
    trace_cordon_hypercall(cs->cpu_index, a.op, a.a1, a.a2, a.a3, a.a4, ret);
    if (a.op == CORDON_HC_AEX_RESUME && ret == 0) {
        return;     /* RAX is the resumed context's */
    }
    env->regs[R_EAX] = ret;
}

void helper_cordon_vmcall(CPUX86State *env, uint32_t insn_len)
{
    CPUState *cs = env_cpu(env);

    if (env->hflags & HF_CPL_MASK) {
        trace_cordon_hypercall(cs->cpu_index, env->regs[R_EAX], 0, 0, 0, 0,
                               -CORDON_EPERM);
        env->regs[R_EAX] = -CORDON_EPERM;
        return;
    }
    env->eip += insn_len;
    async_safe_run_on_cpu(cs, hypercall_work, RUN_ON_CPU_NULL);
    cpu_loop_exit(cs);
}
