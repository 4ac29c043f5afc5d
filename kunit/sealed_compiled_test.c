// SPDX-License-Identifier: GPL-2.0
/*
 * Cordon KUnit: a sealed compartment compiled from C (stest_compartment.c)
 *
 * The build mechanism of untrusted drivers, with -cordon-kind=sealed: the
 * code and data join the sealed view, the entry points cross through
 * sealed gates, and calls out leave through the sealed exit gate, which
 * must leave the kernel nothing of the sealed context and take nothing
 * back from it but the result.
 */

#include <kunit/test.h>
#include <linux/cred.h>
#include <linux/completion.h>
#include <linux/delay.h>
#include <linux/init_task.h>
#include <linux/kthread.h>
#include <linux/io.h>
#include <linux/mm.h>
#include <linux/random.h>
#include <linux/sizes.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/tracepoint.h>
#include <linux/uaccess.h>
#include <trace/events/printk.h>

#include "compartment.h"
#include "compiled.h"
#include "compiled_test.h"
#include "exchange.h"
#include "flask/sealed_alloc.h"
#include "flask/sealed_lend.h"
#include "gate.h"
#include "report.h"
#include "sealed.h"
#include "setup.h"
#include "stest.h"

u64 cordon_stest_seen[ST_NR_SEEN];

static long counter(enum cordon_counter c)
{
	return atomic_long_read(&cordon_counters[c]);
}

static void need_views(struct kunit *test)
{
	if (!cordon_active())
		kunit_skip(test, "Cordon is off: the hypervisor offers no views");
	KUNIT_ASSERT_NOT_NULL(test, cordon_sealed_compartment());
	KUNIT_ASSERT_GT(test, (long)(__cordon_stest_text_end -
				     __cordon_stest_text_start), 0L);
}

static const struct cordon_exit_record *stest_exit(const char *name)
{
	struct cordon_exit_record *x;

	for (x = __cordon_stest_exits_start; x < __cordon_stest_exits_end; x++)
		if (!strcmp(x->name, name))
			return x;
	return NULL;
}

static void test_sealed_compiled_compartment_is_set_up(struct kunit *test)
{
	const struct cordon_compartment *sealed;
	const struct cordon_entry_record *e;
	const struct cordon_exit_record *x;

	need_views(test);
	sealed = cordon_sealed_compartment();
	KUNIT_EXPECT_EQ(test, sealed->kind, CORDON_KIND_SEALED);
	KUNIT_EXPECT_TRUE(test, sealed->sealed);
	/* Its code and data are the sealed compartment's memory. */
	KUNIT_EXPECT_PTR_EQ(test, cordon_owner(PHYS_PFN(
			    __pa_symbol(__cordon_stest_text_start))), sealed);
	KUNIT_EXPECT_PTR_EQ(test, cordon_owner(PHYS_PFN(
			    __pa_symbol(&cordon_stest_secret))), sealed);
	/* Each entry point is a gate into the sealed view, on its tables. */
	KUNIT_EXPECT_EQ(test, __cordon_stest_entries_end -
			__cordon_stest_entries_start, 20);
	for (e = __cordon_stest_entries_start; e < __cordon_stest_entries_end;
	     e++) {
		const struct cordon_gate *g = *e->slot;

		KUNIT_ASSERT_FALSE(test, IS_ERR_OR_NULL(g));
		KUNIT_EXPECT_EQ(test, g->view, sealed->view);
		KUNIT_EXPECT_EQ(test, g->cr3, cordon_sealed_cr3());
		KUNIT_EXPECT_NE(test, g->aex, 0ULL);
	}
	/* Its exit, the sealed compartment's own. */
	x = stest_exit("cordon_stest_kernel_add6");
	KUNIT_ASSERT_NOT_NULL(test, x);
	KUNIT_EXPECT_EQ(test, x->compartment, (u64)sealed->id);
}

static void test_sealed_c_code_keeps_its_data(struct kunit *test)
{
	long crossings, v = (long)get_random_u64();

	need_views(test);
	crossings = counter(CORDON_CTR_GATE_CROSSINGS);
	KUNIT_EXPECT_EQ(test, cordon_stest_ops.store(v), 0L);
	KUNIT_EXPECT_EQ(test, cordon_stest_ops.load(0), v);
	KUNIT_EXPECT_EQ(test, counter(CORDON_CTR_GATE_CROSSINGS), crossings + 2);
}

/* The kernel view reads and writes none of the compartment's memory. */
static void test_kernel_cannot_touch_sealed_c_data_or_code(struct kunit *test)
{
	long v = (long)get_random_u64() | 1, got = 0, forged = ~v;
	long denied;

	need_views(test);
	KUNIT_ASSERT_EQ(test, cordon_stest_ops.store(v), 0L);
	denied = counter(CORDON_CTR_VE_DENIED);
	KUNIT_EXPECT_EQ(test, copy_from_kernel_nofault(&got,
			&cordon_stest_secret, sizeof(got)), -EFAULT);
	KUNIT_EXPECT_EQ(test, got, 0L);
	KUNIT_EXPECT_EQ(test, copy_to_kernel_nofault(&cordon_stest_secret,
			&forged, sizeof(forged)), -EFAULT);
	KUNIT_EXPECT_EQ(test, copy_from_kernel_nofault(&got,
			__cordon_stest_text_start, sizeof(got)), -EFAULT);
	KUNIT_EXPECT_EQ(test, got, 0L);
	KUNIT_EXPECT_EQ(test, counter(CORDON_CTR_VE_DENIED), denied + 3);
	/* The write was denied: the sealed code still has its own value. */
	KUNIT_EXPECT_EQ(test, cordon_stest_ops.load(0), v);
}

static void test_sealed_exit_carries_six_arguments(struct kunit *test)
{
	long exits;

	need_views(test);
	exits = counter(CORDON_CTR_EXIT_CALLS);
	KUNIT_EXPECT_EQ(test, cordon_stest_ops.exit6(1, 2, 3), 66L);
	KUNIT_EXPECT_EQ(test, cordon_stest_ops.exit6(-4, 5, 100), 1111L);
	KUNIT_EXPECT_EQ(test, counter(CORDON_CTR_EXIT_CALLS), exits + 2);
}

/*
 * The sealed code holds a secret in every register the exit does not take
 * and calls out: the kernel's function finds it in none, and the sealed
 * code finds it again in every register it expects kept.
 */
static void test_sealed_exit_leaves_no_sealed_register(struct kunit *test)
{
	long v = (long)(get_random_u64() | BIT_ULL(62) | 1);
	unsigned int i;

	need_views(test);
	KUNIT_ASSERT_EQ(test, cordon_stest_ops.store(v), 0L);
	memset(cordon_stest_seen, 0, sizeof(cordon_stest_seen));
	KUNIT_EXPECT_EQ(test, cordon_stest_ops.regs(0), 1L);
	for (i = 0; i < ST_NR_SEEN; i++)
		KUNIT_EXPECT_NE_MSG(test, cordon_stest_seen[i], (u64)v,
				    "register %u of the exit holds the secret",
				    i);
	/*
	 * The ones the gate clears (%rax holds the function's own address);
	 * %rbx carries the interrupt flag only.
	 */
	KUNIT_EXPECT_EQ(test, cordon_stest_seen[ST_RAX],
			(u64)cordon_stest_kernel_add6);
	KUNIT_EXPECT_EQ(test, cordon_stest_seen[ST_RBP], 0ULL);
	KUNIT_EXPECT_EQ(test, cordon_stest_seen[ST_R10], 0ULL);
	KUNIT_EXPECT_EQ(test, cordon_stest_seen[ST_R11], 0ULL);
	KUNIT_EXPECT_EQ(test, cordon_stest_seen[ST_RBX] & ~(u64)X86_EFLAGS_IF,
			0ULL);
}

/*
 * An untrusted compartment that jumps to the sealed exit gate, with a
 * record of its own, is refused and reported: its stack is no sealed one
 * and its crossing not the sealed view's.
 */
static void test_untrusted_code_cannot_use_the_sealed_exit_gate(struct kunit *test)
{
	const struct cordon_exit_record *real = NULL, *x;
	long refused, restored;

	need_views(test);
	for (x = __cordon_ctest_exits_start; x < __cordon_ctest_exits_end; x++)
		if (!strcmp(x->name, "cordon_ctest_kernel_count"))
			real = x;
	KUNIT_ASSERT_NOT_NULL(test, real);
	refused = counter(CORDON_CTR_GATE_REFUSED);
	restored = counter(CORDON_CTR_STATE_RESTORED);
	KUNIT_EXPECT_EQ(test, cordon_ctest_ops.raw_exit(real, 9, 1), -EPERM);
	KUNIT_EXPECT_EQ(test, counter(CORDON_CTR_GATE_REFUSED), refused + 1);
	KUNIT_EXPECT_EQ(test, counter(CORDON_CTR_STATE_RESTORED), restored + 1);
	/* Through its own exit gate, the same record works. */
	KUNIT_EXPECT_EQ(test, cordon_ctest_ops.raw_exit(real, 9, 0), 9L);
}

/* === The sealed allocator (flask/sealed_alloc.c) === */

/* What sealed C code allocates is sealed memory, out of the kernel's reach. */
static void test_sealed_allocations_are_sealed(struct kunit *test)
{
	long got = 0;
	void *p;

	need_views(test);
	KUNIT_ASSERT_EQ(test, cordon_stest_ops.store(0x5eed), 0L);
	p = (void *)cordon_stest_ops.keep(32);
	KUNIT_ASSERT_NOT_NULL(test, p);
	KUNIT_EXPECT_PTR_EQ(test, cordon_owner(PHYS_PFN(virt_to_phys(p))),
			    cordon_sealed_compartment());
	KUNIT_EXPECT_EQ(test, copy_from_kernel_nofault(&got, p, sizeof(got)),
			-EFAULT);
	KUNIT_EXPECT_EQ(test, got, 0L);
	KUNIT_EXPECT_EQ(test, cordon_stest_ops.kept_whole(0), 1L);
	KUNIT_EXPECT_GT(test, cordon_stest_ops.stat(CORDON_SRT_PAGES), 0L);
}

static void test_sealed_allocator_serves_and_takes_back(struct kunit *test)
{
	long used, freed, failed;

	need_views(test);
	used = cordon_stest_ops.stat(CORDON_SRT_PAGES_USED);
	freed = cordon_stest_ops.stat(CORDON_SRT_FREED);
	/* Slab classes, and runs of pages. */
	KUNIT_EXPECT_EQ(test, cordon_stest_ops.alloc_many(300, 24), 300L);
	KUNIT_EXPECT_EQ(test, cordon_stest_ops.alloc_many(6, 5000), 6L);
	/* Each run went back; slab pages stay with their class. */
	KUNIT_EXPECT_LE(test, cordon_stest_ops.stat(CORDON_SRT_PAGES_USED),
			used + 8);
	/* Each allocation and its array (a cache is sealed data, not heap). */
	KUNIT_EXPECT_EQ(test, cordon_stest_ops.stat(CORDON_SRT_FREED),
			freed + 300 + 6 + 2);
	/* More than the heap holds: NULL, counted, and nothing lost. */
	failed = cordon_stest_ops.stat(CORDON_SRT_FAILED);
	KUNIT_EXPECT_EQ(test, cordon_stest_ops.alloc_many(1, 64 << 20), 0L);
	KUNIT_EXPECT_EQ(test, cordon_stest_ops.stat(CORDON_SRT_FAILED),
			failed + 1);
	KUNIT_EXPECT_EQ(test, cordon_stest_ops.alloc_many(300, 24), 300L);
}

/*
 * A pool larger than one chunk (KUnit boots with cordon_sealed_size=12M):
 * the heap is a region per chunk, and a run never straddles two.
 */
static void test_sealed_heap_spans_the_pools_chunks(struct kunit *test)
{
	need_views(test);
	if (cordon_sealed_pool_size() < SZ_8M)
		kunit_skip(test, "a sealed pool of one chunk");
	KUNIT_EXPECT_GT(test, cordon_stest_ops.stat(CORDON_SRT_PAGES),
			(long)(SZ_8M >> PAGE_SHIFT));
	/* 2 MiB runs: one fits in each 4 MiB chunk, not two. */
	KUNIT_EXPECT_EQ(test, cordon_stest_ops.alloc_many(
			cordon_sealed_pool_size() / SZ_4M, SZ_2M),
			(long)(cordon_sealed_pool_size() / SZ_4M));
	KUNIT_EXPECT_EQ(test, cordon_stest_ops.alloc_many(
			cordon_sealed_pool_size() / SZ_4M + 1, SZ_2M),
			(long)(cordon_sealed_pool_size() / SZ_4M));
	/* Larger than a run may be: refused. */
	KUNIT_EXPECT_EQ(test, cordon_stest_ops.alloc_many(1, SZ_4M + 1), 0L);
}

/*
 * A kernel that has the sealed code free a pointer of its choosing: its
 * own memory, the inside of a sealed allocation, other sealed memory (the
 * test secret, and below the allocation: stacks, save frames, the heap's
 * page words). Each is refused, and what the sealed code keeps stays
 * whole.
 */
static void test_sealed_free_of_a_forged_pointer_is_refused(struct kunit *test)
{
	long refused;
	u8 *p;

	need_views(test);
	KUNIT_ASSERT_EQ(test, cordon_stest_ops.store(0xfeed), 0L);
	p = (u8 *)cordon_stest_ops.keep(64);
	KUNIT_ASSERT_NOT_NULL(test, p);
	refused = cordon_stest_ops.stat(CORDON_SRT_REFUSED);
	KUNIT_EXPECT_EQ(test, cordon_stest_ops.free((long)&init_cred),
			refused + 1);
	KUNIT_EXPECT_EQ(test, cordon_stest_ops.free((long)(p + 8)),
			refused + 2);
	KUNIT_EXPECT_EQ(test, cordon_stest_ops.free(
			(long)cordon_sealed_secret()), refused + 3);
	KUNIT_EXPECT_EQ(test, cordon_stest_ops.free(((unsigned long)p &
			PAGE_MASK) - PAGE_SIZE * 64), refused + 4);
	KUNIT_EXPECT_EQ(test, cordon_stest_ops.kept_whole(0), 1L);
	/* A freed slot handed out again would overwrite the kept data. */
	KUNIT_EXPECT_EQ(test, cordon_stest_ops.alloc_many(40, 512), 40L);
	KUNIT_EXPECT_EQ(test, cordon_stest_ops.kept_whole(0), 1L);
}

/* === Arguments and buffers through the exchange area === */

static const struct cordon_gate *stest_gate(const char *name)
{
	const struct cordon_entry_record *e;

	for (e = __cordon_stest_entries_start; e < __cordon_stest_entries_end;
	     e++)
		if (!strcmp(e->name, name))
			return *e->slot;
	return NULL;
}

static void test_sealed_entry_takes_and_gives_buffers(struct kunit *test)
{
	long buf[8] = { 1, 2, 3, 4, 5, 6, 7, 8 }, out = 0;
	char text[] = "HAL";

	need_views(test);
	KUNIT_EXPECT_EQ(test, cordon_stest_ops.sum(buf, sizeof(buf)), 36L);
	KUNIT_EXPECT_EQ(test, cordon_stest_ops.sum(buf, 3 * sizeof(long)), 6L);
	KUNIT_EXPECT_EQ(test, cordon_stest_ops.sum(NULL, 0), 0L);
	KUNIT_ASSERT_EQ(test, cordon_stest_ops.store(0x7e57), 0L);
	KUNIT_EXPECT_EQ(test, cordon_stest_ops.get(&out), 0L);
	KUNIT_EXPECT_EQ(test, out, 0x7e57L);
	KUNIT_EXPECT_EQ(test, cordon_stest_ops.rot(text, 3), 3L);
	KUNIT_EXPECT_STREQ(test, text, "IBM");
	/* Six arguments, a block in the exchange area. */
	KUNIT_EXPECT_EQ(test, cordon_stest_ops.sum6(1, 2, 3, 4, 5, 6), 91L);
	/* More than a slot holds: refused before the crossing. */
	KUNIT_EXPECT_EQ(test, cordon_stest_ops.sum(buf, CORDON_XCHG_LEND_SIZE),
			-E2BIG);
}

/*
 * A confused deputy, through the wrapper: buffers aimed at sealed memory.
 * The kernel view's own copies are denied and reported, the call fails,
 * and the sealed memory is as it was.
 */
static void test_sealed_buffers_aimed_at_sealed_memory_are_refused(struct kunit *test)
{
	const struct cordon_gate *sealed = cordon_sealed_gate();
	long crossings, denied, v = 0x5ea1;

	need_views(test);
	KUNIT_ASSERT_EQ(test, cordon_stest_ops.store(v), 0L);
	crossings = counter(CORDON_CTR_GATE_CROSSINGS);
	denied = counter(CORDON_CTR_VE_DENIED);
	/* An input buffer in sealed memory: never read, no crossing. */
	KUNIT_EXPECT_EQ(test, cordon_stest_ops.sum(cordon_sealed_secret(), 32),
			-EFAULT);
	KUNIT_EXPECT_EQ(test, counter(CORDON_CTR_GATE_CROSSINGS), crossings);
	/* An out-parameter in sealed memory: the copy out is denied. */
	KUNIT_EXPECT_EQ(test, cordon_stest_ops.get(cordon_sealed_secret()),
			-EFAULT);
	KUNIT_EXPECT_EQ(test, cordon_stest_ops.get(&cordon_stest_secret),
			-EFAULT);
	KUNIT_EXPECT_EQ(test, counter(CORDON_CTR_VE_DENIED), denied + 3);
	/* Nothing sealed changed. */
	KUNIT_EXPECT_EQ(test, cordon_gate(sealed, 1, 0, 0),
			(long)cordon_sealed_expected(1));
	KUNIT_EXPECT_EQ(test, cordon_stest_ops.load(0), v);
}

/*
 * The same deputy, past the wrapper: the kernel writes the exchange slot
 * itself, with an out-pointer at sealed memory, and crosses through the
 * gate. The sealed side writes only its own copy, never through the
 * kernel's pointer; and lengths the slot cannot hold are refused there.
 */
static void test_forged_exchange_slot_cannot_aim_the_server(struct kunit *test)
{
	const struct cordon_gate *sealed = cordon_sealed_gate(), *g;
	long v = 0xbadc0de, ret;
	u64 *x;

	need_views(test);
	g = stest_gate("st_get");
	KUNIT_ASSERT_FALSE(test, IS_ERR_OR_NULL(g));
	KUNIT_ASSERT_EQ(test, cordon_stest_ops.store(v), 0L);
	preempt_disable();
	x = cordon_exchange_slot(smp_processor_id());
	x[0] = (u64)&cordon_stest_secret;
	ret = cordon_gate(g, 0, 0, 0);
	/* What the sealed code wrote is in the slot, for the kernel to copy. */
	KUNIT_EXPECT_EQ(test, x[2], (u64)v);
	x[0] = (u64)cordon_sealed_secret();
	KUNIT_EXPECT_EQ(test, cordon_gate(g, 0, 0, 0), 0L);
	preempt_enable();
	KUNIT_EXPECT_EQ(test, ret, 0L);
	KUNIT_EXPECT_EQ(test, cordon_stest_ops.load(0), v);
	KUNIT_EXPECT_EQ(test, cordon_gate(sealed, 1, 0, 0),
			(long)cordon_sealed_expected(1));
	/* A length past the slot, written straight into it. */
	g = stest_gate("st_sum");
	KUNIT_ASSERT_FALSE(test, IS_ERR_OR_NULL(g));
	preempt_disable();
	x = cordon_exchange_slot(smp_processor_id());
	x[0] = (u64)&v;
	x[1] = CORDON_XCHG_SIZE;
	ret = cordon_gate(g, 0, 0, 0);
	preempt_enable();
	KUNIT_EXPECT_EQ(test, ret, -E2BIG);
}

/* === The run time's strings, formatter and messages === */

static char seen_line[128];

static void probe_console(void *ignore, const char *buf, size_t len)
{
	const char *h = strnstr(buf, "cordon-stest: ", len);

	if (h)
		strscpy(seen_line, h, min(sizeof(seen_line),
					  (size_t)(buf + len - h) + 1));
}

static void console_probe(struct tracepoint *tp, void *on)
{
	if (strcmp(tp->name, "console"))
		return;
	if (on)
		WARN_ON(tracepoint_probe_register(tp, probe_console, NULL));
	else
		tracepoint_probe_unregister(tp, probe_console, NULL);
}

/*
 * The sealed code's strlen(), strcmp(), strchr(), snprintf() and printk()
 * are the run time's, on its own copy of the string: the same results as
 * the kernel's, and the message reaches the console as text.
 */
static void test_sealed_strings_and_messages(struct kunit *test)
{
	static const char in[] = "selinux";
	char out[128] = "", want[128];

	snprintf(want, sizeof(want), "%s|%zu|%d|%d|%s|%5d|%-3x|%03u|%c%%",
		 in, strlen(in), strcmp(in, "flask") < 0, strncmp(in, "fla", 3),
		 strchr(in, 'a') ?: "-", -42, 0xbe, 7, 'z');
	seen_line[0] = '\0';
	for_each_kernel_tracepoint(console_probe, (void *)1);
	KUNIT_EXPECT_EQ(test, cordon_stest_ops.str(in, sizeof(in), out),
			(long)strlen(want));
	for_each_kernel_tracepoint(console_probe, NULL);
	tracepoint_synchronize_unregister();
	KUNIT_EXPECT_STREQ(test, out, want);
	KUNIT_EXPECT_TRUE(test, !strncmp(seen_line,
			  "cordon-stest: selinux is 7 bytes", 32));
	/* Not NUL-terminated where the caller says: refused in the server. */
	KUNIT_EXPECT_EQ(test, cordon_stest_ops.str(in, 3, out), -EINVAL);
}

/* A NUL-terminated string, as long as it is; and one too long. */
static void test_sealed_entry_takes_a_string(struct kunit *test)
{
	char *big;

	need_views(test);
	KUNIT_EXPECT_EQ(test, cordon_stest_ops.strlen("hello"), 5L);
	KUNIT_EXPECT_EQ(test, cordon_stest_ops.strlen(""), 0L);
	KUNIT_EXPECT_EQ(test, cordon_stest_ops.strlen(NULL), (long)-EINVAL);
	big = kunit_kmalloc(test, CORDON_XCHG_SIZE, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, big);
	memset(big, 'x', CORDON_XCHG_SIZE - 1);
	big[CORDON_XCHG_SIZE - 1] = '\0';
	KUNIT_EXPECT_EQ(test, cordon_stest_ops.strlen(big), (long)-E2BIG);
	big[CORDON_XCHG_LEND_SIZE - 64] = '\0';
	KUNIT_EXPECT_EQ(test, cordon_stest_ops.strlen(big),
			(long)CORDON_XCHG_LEND_SIZE - 64);
	/* One in sealed memory: the kernel view's read is denied. */
	KUNIT_EXPECT_EQ(test, cordon_stest_ops.strlen(cordon_sealed_secret()),
			(long)-EFAULT);
}

/*
 * What the server allocates for the caller to free (a context string)
 * reaches the caller as a copy in kernel memory: never a pointer into
 * sealed memory, which the caller could neither read nor kfree().
 */
static void test_sealed_allocation_reaches_the_caller_as_a_copy(struct kunit *test)
{
	static const char want[] = "system_u:object_r:sid42_t:s0";
	char *ctx = NULL;
	u32 len = 0;

	need_views(test);
	KUNIT_ASSERT_EQ(test, cordon_stest_ops.ctx(42, &ctx, &len), 0L);
	KUNIT_ASSERT_NOT_NULL(test, ctx);
	KUNIT_EXPECT_EQ(test, len, (u32)sizeof(want));
	KUNIT_EXPECT_STREQ(test, ctx, want);
	KUNIT_EXPECT_PTR_EQ(test, cordon_owner(PHYS_PFN(virt_to_phys(ctx))),
			    cordon_compartment_by_id(0));
	kfree(ctx);
	/*
	 * A length past the allocation would carry other sealed data out
	 * with it: the copy is refused, and the caller gets no pointer.
	 */
	ctx = NULL;
	KUNIT_EXPECT_EQ(test, cordon_stest_ops.ctx_overlong(1, &ctx, &len),
			(long)-E2BIG);
	KUNIT_EXPECT_NULL(test, ctx);
	/* No pointer wanted: only the length. */
	len = 0;
	KUNIT_EXPECT_EQ(test, cordon_stest_ops.ctx(7, NULL, &len), 0L);
	KUNIT_EXPECT_EQ(test, len, (u32)sizeof("system_u:object_r:sid7_t:s0"));
}

/* === Locks in sealed memory (flask/sealed_sync.c) === */

#define LOCK_ROUNDS	1000

static int lock_thread(void *done)
{
	long i;

	for (i = 0; i < LOCK_ROUNDS; i++)
		cordon_stest_ops.locked_add(1);
	complete(done);
	return 0;
}

/*
 * Both CPUs add under the sealed code's spin lock, each in its own
 * crossing: no update is lost (without the lock, most are).
 */
static void test_sealed_lock_serializes_two_cpus(struct kunit *test)
{
	struct completion done[2];
	struct task_struct *t;
	long start;
	int cpu;

	need_views(test);
	if (num_online_cpus() < 2)
		kunit_skip(test, "one CPU");
	start = cordon_stest_ops.locked_add(0);
	for (cpu = 0; cpu < 2; cpu++) {
		init_completion(&done[cpu]);
		t = kthread_create(lock_thread, &done[cpu], "stest-lock/%d", cpu);
		KUNIT_ASSERT_FALSE(test, IS_ERR(t));
		kthread_bind(t, cpu);
		wake_up_process(t);
	}
	for (cpu = 0; cpu < 2; cpu++)
		wait_for_completion(&done[cpu]);
	KUNIT_EXPECT_EQ(test, cordon_stest_ops.locked_add(0),
			start + 2 * LOCK_ROUNDS);
}

/* === RCU in the sealed view: a replacement waits for the readers === */

struct rcu_run {
	struct completion done;
	atomic_t stop;
	long reads, bad;
};

static int reader_thread(void *arg)
{
	struct rcu_run *r = arg;

	while (!atomic_read(&r->stop)) {
		r->bad += cordon_stest_ops.read(2000);
		r->reads++;
		/*
		 * Without views the reads are the kernel's RCU readers, and
		 * back to back they would stall its grace period: a quiescent
		 * state between them. With views each is a crossing.
		 */
		if (!cordon_active())
			usleep_range(20, 50);
	}
	complete(&r->done);
	return 0;
}

/*
 * One CPU reads the sealed object in crossing after crossing while the
 * other replaces it: no reader sees one its replacer has marked dead. The
 * kernel's synchronize_rcu() would sleep inside the crossing; without the
 * run time's wait, readers see dead objects.
 */
static int replacer_thread(void *arg)
{
	struct rcu_run *r = arg;
	long i;

	for (i = 0; i < 300; i++)
		if (cordon_stest_ops.replace(0))
			r->bad++;
	complete(&r->done);
	return 0;
}

static void test_sealed_rcu_replacement_waits_for_readers(struct kunit *test)
{
	struct rcu_run reader = { .stop = ATOMIC_INIT(0) }, replacer = {};
	struct task_struct *t;
	int i;

	if (num_online_cpus() < 2)
		kunit_skip(test, "one CPU");
	KUNIT_ASSERT_EQ(test, cordon_stest_ops.replace(0), 0L);
	init_completion(&reader.done);
	init_completion(&replacer.done);
	t = kthread_create(reader_thread, &reader, "stest-rcu-read");
	KUNIT_ASSERT_FALSE(test, IS_ERR(t));
	kthread_bind(t, 1);
	wake_up_process(t);
	/* The reader runs before the replacements start. */
	for (i = 0; i < 50 && !READ_ONCE(reader.reads); i++)
		msleep(20);
	t = kthread_create(replacer_thread, &replacer, "stest-rcu-replace");
	KUNIT_ASSERT_FALSE(test, IS_ERR(t));
	kthread_bind(t, 0);
	wake_up_process(t);
	wait_for_completion(&replacer.done);
	atomic_set(&reader.stop, 1);
	wait_for_completion(&reader.done);
	KUNIT_EXPECT_EQ(test, replacer.bad, 0L);
	KUNIT_EXPECT_GT(test, reader.reads, 0L);
	KUNIT_EXPECT_EQ(test, reader.bad, 0L);
}

/*
 * Without views (cordon=off, or a hypervisor without them) the compartment
 * is ordinary kernel code, with the same results: the unsealed baseline.
 */
static void test_without_views_it_runs_as_kernel_code(struct kunit *test)
{
	long v = (long)get_random_u64() | 1;

	if (cordon_active())
		kunit_skip(test, "views are in use");
	KUNIT_EXPECT_EQ(test, cordon_stest_ops.store(v), 0L);
	KUNIT_EXPECT_EQ(test, cordon_stest_ops.load(0), v);
	KUNIT_EXPECT_EQ(test, READ_ONCE(cordon_stest_secret), v);
	KUNIT_EXPECT_EQ(test, cordon_stest_ops.exit6(1, 2, 3), 66L);
	KUNIT_EXPECT_EQ(test, cordon_stest_ops.regs(0), 1L);
	/* The kernel's allocators, then. */
	KUNIT_EXPECT_EQ(test, cordon_stest_ops.stat(CORDON_SRT_PAGES), 0L);
	KUNIT_EXPECT_EQ(test, cordon_stest_ops.alloc_many(30, 24), 30L);
	KUNIT_EXPECT_NOT_NULL(test, (void *)cordon_stest_ops.keep(8));
	KUNIT_EXPECT_EQ(test, cordon_stest_ops.kept_whole(0), 1L);
	/* Buffers are the kernel's own, passed as they are. */
	{
		long buf[4] = { 1, 2, 3, 4 }, out = 0;
		char text[] = "HAL";

		KUNIT_EXPECT_EQ(test, cordon_stest_ops.sum(buf, sizeof(buf)),
				10L);
		KUNIT_EXPECT_EQ(test, cordon_stest_ops.get(&out), 0L);
		KUNIT_EXPECT_EQ(test, out, v);
		KUNIT_EXPECT_EQ(test, cordon_stest_ops.rot(text, 3), 3L);
		KUNIT_EXPECT_STREQ(test, text, "IBM");
		KUNIT_EXPECT_EQ(test, cordon_stest_ops.sum6(1, 2, 3, 4, 5, 6),
				91L);
		KUNIT_EXPECT_EQ(test, cordon_stest_ops.strlen("hello"), 5L);
	}
	{
		char *ctx = NULL;
		u32 len = 0;

		KUNIT_EXPECT_EQ(test, cordon_stest_ops.ctx(42, &ctx, &len), 0L);
		KUNIT_EXPECT_STREQ(test, ctx, "system_u:object_r:sid42_t:s0");
		kfree(ctx);
	}
}

static struct kunit_case cordon_sealed_compiled_cases[] = {
	KUNIT_CASE(test_without_views_it_runs_as_kernel_code),
	KUNIT_CASE(test_sealed_compiled_compartment_is_set_up),
	KUNIT_CASE(test_sealed_c_code_keeps_its_data),
	KUNIT_CASE(test_kernel_cannot_touch_sealed_c_data_or_code),
	KUNIT_CASE(test_sealed_exit_carries_six_arguments),
	KUNIT_CASE(test_sealed_exit_leaves_no_sealed_register),
	KUNIT_CASE(test_untrusted_code_cannot_use_the_sealed_exit_gate),
	KUNIT_CASE(test_sealed_allocations_are_sealed),
	KUNIT_CASE(test_sealed_allocator_serves_and_takes_back),
	KUNIT_CASE(test_sealed_free_of_a_forged_pointer_is_refused),
	KUNIT_CASE(test_sealed_heap_spans_the_pools_chunks),
	KUNIT_CASE(test_sealed_entry_takes_and_gives_buffers),
	KUNIT_CASE(test_sealed_buffers_aimed_at_sealed_memory_are_refused),
	KUNIT_CASE(test_forged_exchange_slot_cannot_aim_the_server),
	KUNIT_CASE(test_sealed_strings_and_messages),
	KUNIT_CASE(test_sealed_entry_takes_a_string),
	KUNIT_CASE(test_sealed_allocation_reaches_the_caller_as_a_copy),
	KUNIT_CASE(test_sealed_lock_serializes_two_cpus),
	KUNIT_CASE(test_sealed_rcu_replacement_waits_for_readers),
	{}
};

static struct kunit_suite cordon_sealed_compiled_suite = {
	.name = "cordon_sealed_compiled",
	.test_cases = cordon_sealed_compiled_cases,
};
kunit_test_suite(cordon_sealed_compiled_suite);

MODULE_LICENSE("GPL");
