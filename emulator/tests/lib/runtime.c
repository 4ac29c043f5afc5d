// SPDX-License-Identifier: GPL-2.0
/*
 * Runtime of the bare-metal test images: descriptor tables, exception
 * dispatch, paging, ring 3 and processor start-up.
 */
#include "test.h"

struct cpu cpus[MAX_CPUS];

_Static_assert(offsetof(struct cpu, self) == CPU_OFF_SELF, "asm offset");
_Static_assert(offsetof(struct cpu, kernel_rsp) == CPU_OFF_KERNEL_RSP,
	       "asm offset");
_Static_assert(sizeof(struct trap_frame) == 22 * 8, "entry.S frame");
_Static_assert(sizeof(struct tss) == 104, "64-bit TSS");

extern u64 gdt[GDT_ENTRIES];
extern const u64 trap_stub_table[256];
extern u64 boot_pml4[512];
extern u32 boot_magic;
extern u64 ap_boot_rsp;
extern const u8 ap_tramp_start[], ap_tramp_end[];
long run_user_asm(long (*fn)(void *), void *arg, u64 user_rsp);
void run_user_return(void);

/* Stacks per CPU: interrupts from ring 3 (RSP0), IST1, and ring 3 itself. */
static u8 irq_stacks[MAX_CPUS][STACK_SIZE] PAGE_ALIGNED;
static u8 ist_stacks[MAX_CPUS][STACK_SIZE] PAGE_ALIGNED;
static u8 user_stacks[MAX_CPUS][STACK_SIZE] PAGE_ALIGNED;
static u8 ap_stacks[MAX_CPUS][STACK_SIZE] PAGE_ALIGNED;

/* === IDT === */

struct idt_entry {
	u16 offset0;
	u16 selector;
	u8 ist;
	u8 type_attr;
	u16 offset1;
	u32 offset2;
	u32 reserved;
} __packed;

static struct idt_entry idt[256] __aligned(16);

static void idt_set(int vector, u64 handler, int dpl, int ist)
{
	struct idt_entry *e = &idt[vector];

	e->offset0 = handler & 0xffff;
	e->selector = KERNEL_CS;
	e->ist = ist;
	e->type_attr = 0x8e | dpl << 5;	/* present, 64-bit interrupt gate */
	e->offset1 = (handler >> 16) & 0xffff;
	e->offset2 = handler >> 32;
	e->reserved = 0;
}

void idt_set_ist(int vector, int ist)
{
	idt[vector].ist = ist;
}

static void idt_init(void)
{
	int v;

	for (v = 0; v < 256; v++) {
		/* NMI, #DF and #MC get a known-good stack. */
		int ist = (v == 2 || v == 8 || v == 18) ? 1 : 0;

		idt_set(v, trap_stub_table[v],
			v == USER_RETURN_VECTOR ? 3 : 0, ist);
	}
}

static void idt_load(void)
{
	struct {
		u16 limit;
		u64 base;
	} __packed p = { sizeof(idt) - 1, (u64)idt };

	asm volatile("lidt %0" : : "m"(p));
}

/* === GDT, TSS, per-CPU data === */

static void tss_install(struct cpu *c)
{
	u64 base = (u64)&c->tss, limit = sizeof(c->tss) - 1;
	int slot = TSS_SEL(c->index) / 8;

	gdt[slot] = (limit & 0xffff) | (base & 0xffffff) << 16 |
		    0x89ull << 40 |	/* present, available 64-bit TSS */
		    ((limit >> 16) & 0xf) << 48 | ((base >> 24) & 0xff) << 56;
	gdt[slot + 1] = base >> 32;
	asm volatile("ltr %w0" : : "r"(TSS_SEL(c->index)));
}

void cpu_set_ist(struct cpu *c, int ist, void *stack_top)
{
	c->tss.ist[ist - 1] = (u64)stack_top;
}

static u32 apic_id_now(void)
{
	return cpuid(1, 0).ebx >> 24;
}

static void cpu_init(int index)
{
	struct cpu *c = &cpus[index];

	c->self = c;
	c->index = index;
	c->apic_id = apic_id_now();
	c->tss.rsp[0] = (u64)&irq_stacks[index][STACK_SIZE];
	c->tss.ist[0] = (u64)&ist_stacks[index][STACK_SIZE];
	c->tss.iomap_base = sizeof(c->tss);	/* no I/O bitmap */
	wrmsr(MSR_GS_BASE, (u64)c);
	tss_install(c);
	idt_load();
}

/* === Exceptions === */

static const char *const vector_names[32] = {
	"#DE", "#DB", "NMI", "#BP", "#OF", "#BR", "#UD", "#NM",
	"#DF", "CSO", "#TS", "#NP", "#SS", "#GP", "#PF", "15",
	"#MF", "#AC", "#MC", "#XM", "#VE", "#CP", "22", "23",
	"24", "25", "26", "27", "#HV", "#VC", "#SX", "31",
};

const char *vector_name(int vector)
{
	if (vector == NO_TRAP)
		return "none";
	if (vector >= 0 && vector < 32)
		return vector_names[vector];
	return "interrupt";
}

static void record_trap(struct cpu *c, const struct trap_frame *f)
{
	struct trap_record *t = &c->last;

	t->vector = f->vector & 0xff;
	t->has_error = f->vector & TRAP_HAS_ERROR;
	t->error_code = f->error_code;
	t->rip = f->rip;
	t->cs = f->cs;
	t->rsp = f->rsp;
	t->cr2 = read_cr2();
	t->frame = (u64)&f->rip;
	c->nr_traps++;
}

/* Rewrite the frame of int $USER_RETURN_VECTOR to land in run_user_asm(). */
static void return_from_user(struct cpu *c, struct trap_frame *f)
{
	f->rax = f->rdi;
	f->rip = (u64)run_user_return;
	f->cs = KERNEL_CS;
	f->ss = KERNEL_DS;
	f->rsp = c->kernel_rsp;
	f->rflags = 0x2;
}

static void __noreturn unexpected_trap(struct cpu *c)
{
	const struct trap_record *t = &c->last;

	tap_fail("unexpected exception %d (%s) on cpu %d: rip %#lx cs %#lx "
		 "error %s%#lx cr2 %#lx", t->vector, vector_name(t->vector),
		 c->index, t->rip, t->cs, t->has_error ? "" : "(none) ",
		 t->error_code, t->cr2);
	if (t->vector == CORDON_VE_VECTOR && c->ve_info)
		ve_dump(c->ve_info);
	tap_done();
}

void trap_dispatch(struct trap_frame *f)
{
	struct cpu *c = this_cpu();

	if ((f->vector & 0xff) == USER_RETURN_VECTOR && (f->cs & 3) == 3) {
		return_from_user(c, f);
		return;
	}
	record_trap(c, f);
	if (!c->guard_resume)
		unexpected_trap(c);
	f->rip = c->guard_resume;
	f->rsp = c->guard_rsp;
	c->guard_resume = 0;
	c->guard_hit = true;
}

/* === Paging === */

static u8 pt_pool[32][PAGE_SIZE] PAGE_ALIGNED;
static int pt_pool_used;

static u64 *pt_alloc(void)
{
	if (pt_pool_used == (int)ARRAY_SIZE(pt_pool))
		tap_bail("page-table pool exhausted");
	return (u64 *)pt_pool[pt_pool_used++];
}

/* Walk to the page-table entry for va, creating tables if asked. */
static u64 *pte_walk(u64 va, bool create)
{
	u64 *table = boot_pml4;
	int level;

	for (level = 3; level > 0; level--) {
		u64 *e = &table[(va >> (12 + 9 * level)) & 511];

		if (!(*e & PTE_P)) {
			if (!create)
				return NULL;
			*e = (u64)pt_alloc() | PTE_TABLE;
		}
		table = (u64 *)(*e & 0x000ffffffffff000ull);
	}
	return &table[(va >> 12) & 511];
}

u64 *pte_of(u64 va)
{
	return pte_walk(va, false);
}

void map_page(u64 va, u64 pa, u64 flags)
{
	*pte_walk(va, true) = pa | (flags ? flags : PTE_PAGE);
	invlpg((void *)va);
}

void *map_alias(int n, u64 pa)
{
	u64 va = ALIAS_BASE + (u64)n * PAGE_SIZE;

	if (n < 0 || n >= ALIAS_PAGES)
		tap_bail("alias slot %d out of range", n);
	map_page(va, pa, 0);
	return (void *)va;
}

/* === Ring 3 === */

long run_user(long (*fn)(void *), void *arg)
{
	struct cpu *c = this_cpu();

	return run_user_asm(fn, arg, (u64)&user_stacks[c->index][STACK_SIZE]);
}

/* === Local APIC and application processors === */

#define APIC_BASE	0xfee00000ul
#define APIC_SVR	0xf0
#define APIC_ICR_LO	0x300
#define APIC_ICR_HI	0x310
#define ICR_BUSY	(1u << 12)
#define ICR_INIT	0x00004500u	/* INIT, level assert */
#define ICR_SIPI	0x00004600u	/* start-up, vector in bits 0-7 */

static volatile u32 *apic_reg(u32 off)
{
	return (volatile u32 *)(APIC_BASE + off);
}

static void apic_init(void)
{
	map_page(APIC_BASE, APIC_BASE, PTE_P | PTE_W | PTE_PCD | PTE_PWT |
		 PTE_A | PTE_D);
	*apic_reg(APIC_SVR) |= 0x100 | 0xff;	/* software enable */
}

static void apic_ipi(u32 apic_id, u32 icr)
{
	*apic_reg(APIC_ICR_HI) = apic_id << 24;
	*apic_reg(APIC_ICR_LO) = icr;
	while (*apic_reg(APIC_ICR_LO) & ICR_BUSY)
		cpu_relax();
}

void apic_send_nmi(u32 apic_id)
{
	apic_ipi(apic_id, 0x400u);	/* delivery mode NMI */
}

/* Busy-wait roughly ms milliseconds (the TCG TSC follows the host's). */
static void delay_ms(u32 ms)
{
	u64 end = rdtsc() + (u64)ms * 3000000;

	while (rdtsc() < end)
		cpu_relax();
}

bool wait_for(volatile int *flag, int value, u32 timeout_ms)
{
	u64 end = rdtsc() + (u64)timeout_ms * 3000000;

	while (*flag != value) {
		if (rdtsc() > end)
			return false;
		cpu_relax();
	}
	return true;
}

static struct {
	void (*fn)(void *);
	void *arg;
	int index;
	volatile int started;
} ap_start;

bool start_ap(u32 apic_id, void (*fn)(void *), void *arg)
{
	static int next_index = 1;

	if (next_index >= MAX_CPUS)
		tap_bail("too many processors");
	memcpy((void *)AP_TRAMPOLINE, ap_tramp_start,
	       ap_tramp_end - ap_tramp_start);
	ap_start.fn = fn;
	ap_start.arg = arg;
	ap_start.index = next_index;
	ap_start.started = 0;
	ap_boot_rsp = (u64)&ap_stacks[next_index][STACK_SIZE];
	barrier();

	apic_ipi(apic_id, ICR_INIT);
	delay_ms(10);
	apic_ipi(apic_id, ICR_SIPI | AP_TRAMPOLINE >> 12);
	delay_ms(1);
	apic_ipi(apic_id, ICR_SIPI | AP_TRAMPOLINE >> 12);
	if (!wait_for(&ap_start.started, 1, 5000))
		return false;
	next_index++;
	return true;
}

void start_ap_real_mode(u32 apic_id, u32 page)
{
	apic_ipi(apic_id, ICR_INIT);
	delay_ms(10);
	apic_ipi(apic_id, ICR_SIPI | page >> 12);
	delay_ms(1);
	apic_ipi(apic_id, ICR_SIPI | page >> 12);
}

void __noreturn ap_main(void)
{
	void (*fn)(void *) = ap_start.fn;
	void *arg = ap_start.arg;

	cpu_init(ap_start.index);
	barrier();
	ap_start.started = 1;
	fn(arg);
	for (;;)
		asm volatile("cli; hlt");
}

/* === Bootstrap processor === */

void __noreturn bsp_main(void)
{
	serial_init();
	idt_init();
	cpu_init(0);
	apic_init();
	printf("# cordon emulator test %s (multiboot magic %#x)\n",
	       test_name, boot_magic);
	test_main();
	tap_done();
}
