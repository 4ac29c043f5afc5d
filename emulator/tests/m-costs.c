// SPDX-License-Identifier: GPL-2.0
// QEMU: -cpu max,cordon-views=on -smp 1
/*
 * Measurement (not a test): what one view switch costs, against an empty
 * loop iteration and a plain hypercall. scripts/measure-emulator costs
 * boots this twice: without -icount for TSC cycles (TCG's TSC is the
 * host's), and with -icount shift=0 for guest instructions (counter 7).
 *
 * Each operation runs in BATCHES batches of n iterations; every batch is
 * timed with RDTSC and bracketed by GET_COUNTERS. One line per operation:
 *   measure op=NAME n=N tsc=MEDIAN tsc_min=MIN tsc_max=MAX insns=MEDIAN
 * gives the batch totals; op=counters is an empty batch (n=0), the cost of
 * the counter reads that bracket every batch.
 */
#include "m-measure.h"

#define BATCHES		15

static u64 ctr[2][CORDON_CTR_NR] __aligned(64);

/* The loops are assembly so that their instruction counts are known. */
static void loop_empty(u64 n)
{
	/* 2 instructions per iteration */
	asm volatile("1: dec %0\n\tjnz 1b" : "+r"(n) : : "cc");
}

static void loop_vmfunc(u64 n)
{
	/* 6 instructions: VMFUNC to view 1 and back to view 0 */
	asm volatile("1: movl $1, %%ecx\n\t"
		     ".byte 0x0f, 0x01, 0xd4\n\t"
		     "xorl %%ecx, %%ecx\n\t"
		     ".byte 0x0f, 0x01, 0xd4\n\t"
		     "dec %0\n\tjnz 1b"
		     : "+r"(n) : "a"(0) : "rcx", "cc", "memory");
}

static void loop_hypercall(u64 n)
{
	/* 4 instructions: GET_VIEW */
	asm volatile("1: movl %[op], %%eax\n\t"
		     ".byte 0x0f, 0x01, 0xc1\n\t"
		     "dec %0\n\tjnz 1b"
		     : "+r"(n) : [op] "i"(CORDON_HC_GET_VIEW)
		     : "rax", "rbx", "rcx", "rdx", "rsi", "cc", "memory");
}

static void loop_switch(u64 n)
{
	/*
	 * 8 instructions: SWITCH_VIEW(1), then VMFUNC back to view 0 (control
	 * hypercalls are refused outside view 0)
	 */
	asm volatile("1: movl %[op], %%eax\n\t"
		     "movl $1, %%ebx\n\t"
		     ".byte 0x0f, 0x01, 0xc1\n\t"
		     "xorl %%eax, %%eax\n\t"
		     "xorl %%ecx, %%ecx\n\t"
		     ".byte 0x0f, 0x01, 0xd4\n\t"
		     "dec %0\n\tjnz 1b"
		     : "+r"(n) : [op] "i"(CORDON_HC_SWITCH_VIEW)
		     : "rax", "rbx", "rcx", "rdx", "rsi", "cc", "memory");
}

struct op {
	const char *name;
	u64 n;
	void (*loop)(u64 n);
	/* expected counter moves per iteration, to confirm what ran */
	u64 vmfuncs, flushes;
};

static const struct op ops[] = {
	{ "counters", 0, NULL, 0, 0 },
	{ "empty", 4000000, loop_empty, 0, 0 },
	{ "vmfunc", 20000, loop_vmfunc, 2, 2 },
	{ "hypercall", 20000, loop_hypercall, 0, 0 },
	{ "switch", 10000, loop_switch, 0, 2 },
};

/* One batch: the loop timed by RDTSC, inside two counter snapshots. */
static void batch(const struct op *op, u64 *tsc)
{
	u64 t0, t1;

	read_counters(ctr[0]);
	t0 = rdtsc();
	if (op->n)
		op->loop(op->n);
	t1 = rdtsc();
	read_counters(ctr[1]);
	*tsc = t1 - t0;
}

static u64 delta(int i)
{
	return ctr[1][i] - ctr[0][i];
}

static void measure(const struct op *op)
{
	u64 tsc[BATCHES], insns[BATCHES];
	int b;

	batch(op, &tsc[0]);	/* warm up: translate the loop once */
	check_eq(delta(CORDON_CTR_VMFUNC), op->vmfuncs * op->n,
		 "%s: %lu successful VMFUNCs per batch", op->name,
		 op->vmfuncs * op->n);
	check_eq(delta(CORDON_CTR_TLB_FLUSH), op->flushes * op->n,
		 "%s: %lu view TLB flushes per batch", op->name,
		 op->flushes * op->n);
	for (b = 0; b < BATCHES; b++) {
		batch(op, &tsc[b]);
		insns[b] = delta(CORDON_CTR_INSNS);
	}
	/* median() sorts, so the extremes are at the ends afterwards */
	printf("measure op=%s n=%lu tsc=%lu", op->name, op->n,
	       median(tsc, BATCHES));
	printf(" tsc_min=%lu tsc_max=%lu insns=%lu\n", tsc[0],
	       tsc[BATCHES - 1], median(insns, BATCHES));
}

void test_main(void)
{
	unsigned int i;

	views_enable();
	view_create_checked(CORDON_ACCESS_RWX);	/* view 1: everything RWX */
	printf("measure tsc_hz=%lu\n", tsc_hz());
	for (i = 0; i < ARRAY_SIZE(ops); i++)
		measure(&ops[i]);
	check_eq(view_current(), 0, "back in view 0");
}
