/*
 * libFuzzer harness for the views extension's permission map and
 * hypercall decoding: cordon-views.c itself, built for the host against
 * fuzz-shim.h, driven by two vCPUs of a small machine.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * An input is a sequence of 10-byte records: a control byte (which vCPU,
 * CPL 0 or 3, and the action: a hypercall, a VMFUNC, a permission check
 * or a guest store), an operation byte and four 16-bit arguments, each
 * decoded into a small number, a frame, a guest-physical address or a
 * wild 64-bit value. The first two bytes pick the machine (RAM above
 * 4 GiB or not) and the number of view slots.
 *
 * After every record the harness checks what the hypervisor promises
 * (docs/views-abi.md), and aborts when one fails:
 *  - a sealed frame is accessible in no view but its sealer's, except
 *    that other views may read one sealed readable (SEAL's RSI = R);
 *  - after LOCK, the views, their visibility, the sealers, the seal and
 *    freeze map and each vCPU's registrations do not change;
 *  - a frozen frame keeps, in every view that existed when it was
 *    frozen, the access (and paging bits) it had then;
 *  - a hypercall from CPL 3, or a control call from a view other than 0,
 *    changes nothing;
 *  - the permission check agrees with the map: a frame's access in the
 *    current view is what cordon_views_check_final() allows.
 * AddressSanitizer and UBSan catch the rest (out-of-bounds leaves,
 * overflowing ranges, leaks of freed views).
 */

#include <setjmp.h>

#include "cordon-views.c"

#define LOW_MIB         4
#define HIGH_MIB        2
#define BACKED_BYTES    (1u << 20)  /* guest memory the harness keeps */
#define LOW_FRAMES      ((LOW_MIB << 20) >> FRAME_BITS)
#define HIGH_FIRST      ((4ull << 30) >> FRAME_BITS)
#define HIGH_FRAMES     ((HIGH_MIB << 20) >> FRAME_BITS)
#define MAX_FROZEN      4096

X86CPU fuzz_cpus[FUZZ_NR_CPUS];
X86MachineState fuzz_machine;

static uint8_t ram[BACKED_BYTES];
static jmp_buf unwind;
static bool trace;          /* HC_FUZZ_TRACE=1: print every record */
static char resume[] = "resume";

/* === The QEMU functions cordon-views.c calls === */

void *fuzz_calloc(size_t n, size_t size)
{
    void *p = calloc(n ? n : 1, size);

    if (!p) {
        abort();
    }
    return p;
}

void error_setg(Error **errp, const char *fmt, ...)
{
}

void error_report(const char *fmt, ...)
{
}

void warn_report(const char *fmt, ...)
{
}

static uint8_t *backed(hwaddr addr, unsigned int size)
{
    return addr < BACKED_BYTES && addr + size <= BACKED_BYTES ?
           &ram[addr] : NULL;
}

/* Guest memory the harness keeps; the rest reads as zeros. */
static void load(hwaddr addr, void *v, unsigned int size)
{
    uint8_t *p = backed(addr, size);

    if (p) {
        memcpy(v, p, size);
    }
}

uint32_t x86_ldl_phys(CPUState *cs, hwaddr addr)
{
    uint32_t v = 0;

    load(addr, &v, 4);
    return v;
}

uint64_t x86_ldq_phys(CPUState *cs, hwaddr addr)
{
    uint64_t v = 0;

    load(addr, &v, 8);
    return v;
}

/* ...and writes beyond it go nowhere. */
static void store(hwaddr addr, const void *v, unsigned int size)
{
    uint8_t *p = backed(addr, size);

    if (p) {
        memcpy(p, v, size);
    }
}

void x86_stb_phys(CPUState *cs, hwaddr addr, uint8_t val)
{
    store(addr, &val, 1);
}

void x86_stw_phys(CPUState *cs, hwaddr addr, uint32_t val)
{
    uint16_t v = val;

    store(addr, &v, 2);
}

void x86_stl_phys(CPUState *cs, hwaddr addr, uint32_t val)
{
    store(addr, &val, 4);
}

void x86_stq_phys(CPUState *cs, hwaddr addr, uint64_t val)
{
    store(addr, &val, 8);
}

void tlb_flush(CPUState *cs)
{
}

void raise_exception_ra(CPUX86State *env, int intno, uintptr_t retaddr)
{
    longjmp(unwind, 1);
}

void cpu_loop_exit(CPUState *cs)
{
    longjmp(unwind, 1);
}

bool cpu_restore_state(CPUState *cs, uintptr_t retaddr)
{
    return false;
}

void cpu_x86_update_cr3(CPUX86State *env, target_ulong cr3)
{
    env->cr[3] = cr3;
}

uint32_t cpu_compute_eflags(CPUX86State *env)
{
    return env->eflags;
}

void cpu_load_eflags(CPUX86State *env, int eflags, int update_mask)
{
    env->eflags = (env->eflags & ~update_mask) | (eflags & update_mask);
}

bool icount_enabled(void)
{
    return false;
}

int64_t icount_get_raw(void)
{
    return 0;
}

/* Safe work runs at once: the harness has no other thread. */
void async_safe_run_on_cpu(CPUState *cs,
                           void (*fn)(CPUState *, run_on_cpu_data),
                           run_on_cpu_data data)
{
    fn(cs, data);
}

/* === What the harness remembers to check against === */

static struct {
    bool locked;
    uint64_t digest;            /* of the locked configuration */
} lock_seen;

static struct {
    uint32_t view, gen;
    uint64_t gfn;
    uint8_t entry;
} frozen[MAX_FROZEN];
static unsigned int nr_frozen;
static uint32_t gen[CORDON_VIEWS_MAX];

static bool is_ram(uint64_t gfn)
{
    return gfn < LOW_FRAMES ||
           (fuzz_machine.above_4g_mem_size && gfn >= HIGH_FIRST &&
            gfn < HIGH_FIRST + HIGH_FRAMES);
}

/* Every RAM frame, low then high. */
#define FOR_EACH_FRAME(gfn) \
    for ((gfn) = 0; (gfn) < HIGH_FIRST + HIGH_FRAMES; \
         (gfn) = (gfn) + 1 == LOW_FRAMES ? HIGH_FIRST : (gfn) + 1) \
        if (is_ram(gfn))

static uint64_t mix(uint64_t h, uint64_t v)
{
    return (h ^ v) * 0x100000001b3ull + (h >> 29);
}

static uint64_t vcpu_digest(uint64_t h)
{
    unsigned int i;

    for (i = 0; i < FUZZ_NR_CPUS; i++) {
        const CPUX86State *e = &fuzz_cpus[i].env;

        h = mix(h, e->cordon_aex.frame);
        h = mix(h, e->cordon_aex.view_cr3);
        h = mix(h, e->cordon_aex.exit);
        h = mix(h, e->cordon_aex.ksp);
        h = mix(h, e->cordon_aex.cr3);
        h = mix(h, e->cordon_aex.idt_base);
        h = mix(h, e->cordon_aex.idt_limit | (uint64_t)e->cordon_aex.view << 32);
        h = mix(h, e->cordon_nmi_latch.idt_base);
        h = mix(h, e->cordon_nmi_latch.gpa);
    }
    return h;
}

/*
 * What LOCK fixes: the views and their visibility and sealers, the seal
 * and freeze map, the entries of sealed and frozen frames, the vCPUs'
 * asynchronous exits and NMI latches.
 */
static uint64_t locked_digest(void)
{
    uint64_t h = 0, gfn;
    uint32_t n;

    if (!cv->enabled) {
        return 0;
    }
    for (n = 0; n < cv->count; n++) {
        const CordonView *v = &cv->views[n];

        h = mix(h, v->exists | v->visible << 1 | v->sealer << 2 |
                   (uint64_t)v->dflt << 8);
    }
    FOR_EACH_FRAME(gfn) {
        uint16_t owner = seal_owner(gfn);

        h = mix(h, owner);
        for (n = 0; owner && n < cv->count; n++) {
            if (cv->views[n].exists) {
                h = mix(h, view_entry(&cv->views[n], gfn));
            }
        }
    }
    return vcpu_digest(h);
}

/* Everything a hypercall could change. */
static uint64_t full_digest(void)
{
    uint64_t h = cv->enabled | cv->locked << 1, gfn;
    uint32_t n;
    unsigned int i;

    for (i = 0; i < FUZZ_NR_CPUS; i++) {
        const CPUX86State *e = &fuzz_cpus[i].env;

        h = mix(h, e->cordon_view | (uint64_t)e->cordon_ve_enabled << 32);
        h = mix(h, e->cordon_ve_info);
    }
    h = vcpu_digest(h);
    if (!cv->enabled) {
        return h;
    }
    for (n = 0; n < cv->count; n++) {
        const CordonView *v = &cv->views[n];

        h = mix(h, v->exists | v->visible << 1 | v->sealer << 2 |
                   (uint64_t)v->dflt << 8);
        if (!v->exists) {
            continue;
        }
        FOR_EACH_FRAME(gfn) {
            h = mix(h, view_entry(v, gfn));
        }
    }
    FOR_EACH_FRAME(gfn) {
        h = mix(h, seal_owner(gfn));
    }
    return h;
}

static void broken(const char *what, uint64_t gfn, uint32_t view)
{
    fprintf(stderr, "hc-fuzz: invariant broken: %s (frame 0x%" PRIx64
            ", view %u)\n", what, gfn, view);
    abort();
}

static void check_invariants(void)
{
    uint64_t gfn;
    uint32_t n;
    unsigned int i;

    if (!cv->enabled) {
        return;
    }
    FOR_EACH_FRAME(gfn) {
        uint16_t owner = seal_owner(gfn);
        uint8_t others;

        if (!owner || owner == SEAL_FROZEN) {
            continue;
        }
        others = seal_readable(gfn) ? CORDON_ACCESS_R : 0;
        for (n = 0; n < cv->count; n++) {
            if (n + 1 != owner && cv->views[n].exists &&
                (view_entry(&cv->views[n], gfn) & E_ACCESS & ~others)) {
                broken(others ? "a readable sealed frame is writable or "
                       "executable in another view" :
                       "a sealed frame is accessible in another view", gfn, n);
            }
        }
    }
    for (i = 0; i < nr_frozen; i++) {
        if (gen[frozen[i].view] != frozen[i].gen ||
            !cv->views[frozen[i].view].exists) {
            continue;
        }
        /* Suppress-#VE may change before LOCK: it picks #VE or exit. */
        if ((view_entry(&cv->views[frozen[i].view], frozen[i].gfn) ^
             frozen[i].entry) & (E_ACCESS | E_GPV)) {
            broken("a frozen frame's entry changed", frozen[i].gfn,
                   frozen[i].view);
        }
    }
    if (lock_seen.locked && locked_digest() != lock_seen.digest) {
        broken("the locked configuration changed", 0, 0);
    }
}

/* === Decoding the input === */

static uint64_t frame_of(unsigned int x)
{
    if (x & 0x2000) {
        return HIGH_FIRST + (x & 0x1fff) % (HIGH_FRAMES + 8);
    }
    return (x & 0x1fff) % (LOW_FRAMES + 8);
}

static uint64_t value(const uint8_t *p)
{
    unsigned int v = p[0] | p[1] << 8, x = v & 0x3fff;

    switch (v >> 14) {
    case 0:
        return x & 0x1f;                                    /* small */
    case 1:
        return frame_of(x);                                 /* a frame */
    case 2:
        return frame_of(x) << FRAME_BITS | ((x * 8) & 0xfff); /* a GPA */
    default:
        return x & 1 ? ~0ull - (x >> 1) : x * 0x9e3779b97f4a7c15ull;
    }
}

static void reset(const uint8_t *data)
{
    uint32_t n;

    if (cv) {
        for (n = 0; n < cv->count; n++) {
            if (cv->views[n].exists) {
                view_free(&cv->views[n]);
            }
        }
        if (cv->seal) {
            for (n = 0; n < cv->nr_leaves; n++) {
                g_free(cv->seal[n]);
            }
        }
        g_free(cv->seal);
        g_free(cv->views);
        g_free(cv);
        cv = NULL;
    }
    memset(fuzz_cpus, 0, sizeof(fuzz_cpus));
    memset(ram, 0, sizeof(ram));
    memset(&lock_seen, 0, sizeof(lock_seen));
    memset(gen, 0, sizeof(gen));
    nr_frozen = 0;
    fuzz_machine.below_4g_mem_size = LOW_MIB << 20;
    fuzz_machine.above_4g_mem_size = data[0] & 1 ? HIGH_MIB << 20 : 0;
    for (n = 0; n < FUZZ_NR_CPUS; n++) {
        X86CPU *cpu = &fuzz_cpus[n];

        cpu->parent_obj.cpu_index = n;
        cpu->cordon_views = true;
        cpu->cordon_views_count = 1 + data[1] % 8;
        /* "stop" ends the process; "resume" reports and goes on. */
        cpu->cordon_violation = resume;
        cpu->env.cr[0] = CR0_PE_MASK;
        cpu->env.hflags = HF_LMA_MASK;
        if (!cordon_views_realize(cpu, NULL)) {
            abort();
        }
    }
}

static void record_freeze(uint64_t gfn, uint64_t count)
{
    uint64_t i;
    uint32_t n;

    for (i = 0; i < count; i++) {
        for (n = 0; n < cv->count && nr_frozen < MAX_FROZEN; n++) {
            if (cv->views[n].exists) {
                frozen[nr_frozen].view = n;
                frozen[nr_frozen].gen = gen[n];
                frozen[nr_frozen].gfn = gfn + i;
                frozen[nr_frozen].entry = view_entry(&cv->views[n], gfn + i);
                nr_frozen++;
            }
        }
    }
}

static void hypercall(CPUX86State *env, bool cpl3, const uint64_t a[5])
{
    const uint64_t op = a[0];
    bool watched = cpl3 || (env->cordon_view != 0 &&
                            !allowed_outside_view0(op));
    uint64_t before = watched ? full_digest() : 0;

    env->regs[R_EAX] = op;
    env->regs[R_EBX] = a[1];
    env->regs[R_ECX] = a[2];
    env->regs[R_EDX] = a[3];
    env->regs[R_ESI] = a[4];
    env->hflags = (env->hflags & ~HF_CPL_MASK) | (cpl3 ? 3 : 0);
    if (!setjmp(unwind)) {
        helper_cordon_vmcall(env, 3);
    }
    env->hflags &= ~HF_CPL_MASK;
    if (watched && full_digest() != before) {
        broken(cpl3 ? "a hypercall from CPL 3 changed the views" :
               "a control hypercall from a view other than 0 changed the "
               "views", 0, env->cordon_view);
    }
    if (trace) {
        fprintf(stderr, "vcpu %d cpl %d view %u: op %" PRIu64 " (0x%" PRIx64
                ", 0x%" PRIx64 ", 0x%" PRIx64 ", 0x%" PRIx64 ") = %" PRId64
                "\n", env_cpu(env)->cpu_index, cpl3 ? 3 : 0, env->cordon_view,
                op, a[1], a[2], a[3], a[4], (int64_t)env->regs[R_EAX]);
    }
    if ((int64_t)env->regs[R_EAX] < 0 || cpl3) {
        return;
    }
    if (op == CORDON_HC_LOCK && !lock_seen.locked) {
        lock_seen.locked = true;
        lock_seen.digest = locked_digest();
    } else if (op == CORDON_HC_FREEZE) {
        record_freeze(a[1], a[2]);
    } else if (op == CORDON_HC_DESTROY_VIEW && a[1] < CORDON_VIEWS_MAX) {
        gen[a[1]]++;
    }
}

static void vmfunc(CPUX86State *env, uint64_t leaf, uint64_t view)
{
    env->regs[R_EAX] = leaf;
    env->regs[R_ECX] = view;
    if (!setjmp(unwind)) {
        helper_cordon_vmfunc(env);
    }
}

/*
 * The probe agrees with the map, and opens a sealed frame to no other view,
 * but for reading one sealed readable.
 */
static void access_check(CPUX86State *env, uint64_t gpa, unsigned int type)
{
    uint64_t gfn = gpa >> FRAME_BITS;
    int prot = PAGE_READ | PAGE_WRITE | PAGE_EXEC;
    uint8_t e;
    bool ok;

    if (!cordon_views_active(env) || !is_ram(gfn)) {
        return;
    }
    e = view_entry(&cv->views[env->cordon_view], gfn);
    env->cordon_walk_unverified = type & 4;
    ok = cordon_views_check_final(env, gpa, gpa, type % 3, &prot, true, 0);
    env->cordon_walk_unverified = false;
    if (ok != (!((e & E_VGP) && (type & 4)) && (e & (1 << (type % 3))))) {
        broken("the permission check disagrees with the map", gfn,
               env->cordon_view);
    }
    if (ok && (prot & ~(e & E_ACCESS))) {
        broken("the permission check allows more than the map", gfn,
               env->cordon_view);
    }
    if (ok && seal_owner(gfn) && seal_owner(gfn) != SEAL_FROZEN &&
        seal_owner(gfn) != env->cordon_view + 1 &&
        !(seal_readable(gfn) && type % 3 == 0)) {
        broken("a sealed frame is reachable from another view", gfn,
               env->cordon_view);
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 2) {
        return 0;
    }
    trace = getenv("HC_FUZZ_TRACE");
    reset(data);
    for (data += 2, size -= 2; size >= 10; data += 10, size -= 10) {
        CPUX86State *env = &fuzz_cpus[data[0] & 1].env;
        bool cpl3 = data[0] & 2;
        uint64_t a[5];
        unsigned int i;

        /* Operations up to two past the last, to reach ENOSYS. */
        a[0] = data[1] % (CORDON_HC_LAST + 3);
        for (i = 1; i < 5; i++) {
            a[i] = value(data + i * 2);
        }
        switch ((data[0] >> 2) & 7) {
        case 0 ... 3:
            hypercall(env, cpl3, a);
            break;
        case 4:
        case 5:
            vmfunc(env, data[1] & 0x80 ? 1 : 0, a[1]);
            if (trace) {
                fprintf(stderr, "vcpu %d: vmfunc %u, 0x%" PRIx64 ": view %u\n",
                        env_cpu(env)->cpu_index, data[1] & 0x80 ? 1 : 0,
                        a[1], env->cordon_view);
            }
            break;
        case 6:
            access_check(env, a[1], data[1]);
            break;
        default:
            /* The guest writes its memory (an AEX registration, say). */
            x86_stq_phys(env_cpu(env), a[1] & ~7ull, a[2]);
            break;
        }
        check_invariants();
    }
    return 0;
}
