// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit tests for a compartment compiled from C (ctest_compartment.c): its
 * entry points reached through an ops table of the right C types, calls
 * out through exit gates, and what a compromised driver would try, each
 * of which must fail, be counted and be reported.
 */

#include <kunit/test.h>
#include <linux/cordon-views-abi.h>
#include <linux/bio.h>
#include <linux/cred.h>
#include <linux/delay.h>
#include <linux/init_task.h>
#include <linux/kthread.h>
#include <linux/sched.h>
#include <linux/string.h>
#include <linux/tracepoint.h>
#include <trace/events/printk.h>

#include "backend.h"
#include "compartment.h"
#include "compiled.h"
#include "compiled_test.h"
#include "demo.h"
#include "gate.h"
#include "lend.h"
#include "report.h"
#include "sealed.h"
#include "setup.h"

static long counter(enum cordon_counter c)
{
	return atomic_long_read(&cordon_counters[c]);
}

static void need_views(struct kunit *test)
{
	if (!cordon_active())
		kunit_skip(test, "Cordon is off: the hypervisor offers no views");
}

static int current_view(void)
{
	return cordon_state.backend->current_view();
}

static const struct cordon_compartment *ctest(void)
{
	return cordon_compartment_by_name("ctest");
}

static const struct cordon_exit_record *exit_record(const char *name)
{
	const struct cordon_exit_record *x;

	for (x = __cordon_ctest_exits_start; x < __cordon_ctest_exits_end; x++)
		if (!strcmp(x->name, name))
			return x;
	return NULL;
}

/* === The kernel's side: the compartment's exits === */

static long last_view = -1;
static long kernel_calls;

long cordon_ctest_kernel_add6(long a, long b, long c, long d, long e, long f)
{
	/* A write to kernel data: possible in the kernel view only. */
	WRITE_ONCE(last_view, current_view());
	return a + b + c + d + e + f;
}

long cordon_ctest_kernel_count(long n)
{
	WRITE_ONCE(kernel_calls, kernel_calls + 1);
	return n;
}

long cordon_ctest_kernel_nested(long a)
{
	return cordon_gate(cordon_demo_gates.sum, a, 2, 3);
}

long cordon_ctest_kernel_reenter(long a)
{
	return cordon_ctest_ops.sum(a, 0, 0);
}

long cordon_ctest_kernel_migrate(long cpu)
{
	if (set_cpus_allowed_ptr(current, cpumask_of(cpu)))
		return -1;
	msleep(20);
	return raw_smp_processor_id();
}

static DECLARE_COMPLETION(other_done);
static long other_result;

static int other_task(void *arg)
{
	WRITE_ONCE(other_result, cordon_ctest_ops.sum((long)arg, 1, 1));
	complete(&other_done);
	return 0;
}

long cordon_ctest_kernel_wait(long a)
{
	struct task_struct *t;

	reinit_completion(&other_done);
	/* On this CPU, which this task is about to leave to it. */
	t = kthread_create(other_task, (void *)a, "cordon-ctest");
	if (IS_ERR(t))
		return PTR_ERR(t);
	kthread_bind(t, raw_smp_processor_id());
	wake_up_process(t);
	if (!wait_for_completion_timeout(&other_done, 10 * HZ))
		return -ETIMEDOUT;
	return READ_ONCE(other_result);
}

static long *kernel_object;

long *cordon_ctest_kernel_object(void)
{
	return kernel_object;
}

long *cordon_ctest_kernel_object_unlent(void)
{
	return kernel_object;
}

/* Never an exit of the compartment: reaching it is the attack. */
DEFINE_STATIC_KEY_FALSE(cordon_ctest_key);

static long secret_runs;

static long kernel_secret(long arg)
{
	WRITE_ONCE(secret_runs, secret_runs + 1);
	return 0x5ec7e7;
}

/* === A VMFUNC gadget compiled from C, refused at boot === */

static void test_compiled_vmfunc_gadget_is_refused_at_boot(struct kunit *test)
{
	u64 text = PHYS_PFN(__pa_symbol(__cordon_cgadget_text_start));
	const struct cordon_compartment *c;
	long view;

	need_views(test);
	KUNIT_ASSERT_PTR_NE(test, (void *)__cordon_cgadget_text_start,
			    (void *)__cordon_cgadget_text_end);
	/* The scan found it in the linked code, reported it... */
	KUNIT_EXPECT_GE(test, cordon_scan_privileged(__cordon_cgadget_text_start,
			__cordon_cgadget_text_end - __cordon_cgadget_text_start,
			NULL, 0), 1UL);
	KUNIT_EXPECT_GE(test, counter(CORDON_CTR_PRIV_INSNS), 1L);
	/* ... and gave the compartment no view; the kernel's runs none of it. */
	c = cordon_compartment_by_name("cgadget");
	KUNIT_EXPECT_NULL(test, c);
	KUNIT_EXPECT_EQ(test, cordon_state.backend->get_access(0, text),
			CORDON_ACCESS_R);
	/*
	 * Its entry point refuses and its code does not run. Had it been set
	 * up, its VMFUNC to its own view would have changed nothing and the
	 * call would return CG_RAN.
	 */
	view = c ? c->view : 0;
	KUNIT_EXPECT_EQ(test, cordon_cgadget_ops.run(view), (long)-EPERM);
	KUNIT_EXPECT_EQ(test, current_view(), 0);
	/* The other compartments were set up all the same. */
	KUNIT_EXPECT_NOT_NULL(test, ctest());
}

/* === Crossings that work === */

/* Whether the kernel's jump table has an entry in compartment code. */
static bool jump_entry_in(const char *start, const char *end)
{
	const struct jump_entry *e;

	for (e = __start___jump_table; e < __stop___jump_table; e++)
		if (jump_entry_code(e) >= (unsigned long)start &&
		    jump_entry_code(e) < (unsigned long)end)
			return true;
	return false;
}

static void test_stack_overrun_is_caught_by_the_compartments_guard(struct kunit *test)
{
	long smashed = counter(CORDON_CTR_STACK_SMASHED);
	u64 *g;

	need_views(test);
	/* Its guards, one per unit, were filled at boot. */
	KUNIT_ASSERT_PTR_NE(test, (void *)__cordon_ctest_guards_start,
			    (void *)__cordon_ctest_guards_end);
	for (g = __cordon_ctest_guards_start; g < __cordon_ctest_guards_end; g++)
		KUNIT_EXPECT_NE(test, *g, 0ULL);
	/* Within the buffer: nothing. */
	KUNIT_EXPECT_EQ(test, cordon_ctest_ops.compiler(CT_SMASH, 16),
			0x5aL + 16);
	KUNIT_EXPECT_EQ(test, counter(CORDON_CTR_STACK_SMASHED), smashed);
	/*
	 * Over the guard (clang puts it right above the 16-byte buffer and
	 * its padding, below the saved registers): reported, and the
	 * crossing ends, in every mode.
	 */
	KUNIT_EXPECT_EQ(test, cordon_ctest_ops.compiler(CT_SMASH, 32),
			(long)-EFAULT);
	KUNIT_EXPECT_EQ(test, counter(CORDON_CTR_STACK_SMASHED), smashed + 1);
	/* The compartment goes on. */
	KUNIT_EXPECT_EQ(test, cordon_ctest_ops.sum(1, 2, 3), 6L);
}

/* A compartment of two units: calls between them stay inside it. */
static void test_units_of_a_compartment_call_each_other(struct kunit *test)
{
	long exits = counter(CORDON_CTR_EXIT_CALLS);
	long before = READ_ONCE(ct_units_calls);

	need_views(test);
	KUNIT_EXPECT_EQ(test, cordon_ctest_ops.compiler(CT_UNITS, 5),
			5 + 10 + before + 1);
	KUNIT_EXPECT_EQ(test, READ_ONCE(ct_units_calls), before + 1);
	KUNIT_EXPECT_EQ(test, counter(CORDON_CTR_EXIT_CALLS), exits);
	/* Both units' code and data are the compartment's. */
	KUNIT_EXPECT_PTR_EQ(test, cordon_owner(PHYS_PFN(__pa_symbol(ct_twice))),
			    (struct cordon_compartment *)ctest());
	KUNIT_EXPECT_PTR_EQ(test,
			    cordon_owner(PHYS_PFN(__pa_symbol(&ct_units_calls))),
			    (struct cordon_compartment *)ctest());
}

static void test_static_branch_follows_its_key(struct kunit *test)
{
	need_views(test);
	KUNIT_EXPECT_EQ(test, cordon_ctest_ops.compiler(CT_STATIC_BRANCH, 3), 3L);
	static_branch_enable(&cordon_ctest_key);
	KUNIT_EXPECT_EQ(test, cordon_ctest_ops.compiler(CT_STATIC_BRANCH, 3), 21L);
	static_branch_disable(&cordon_ctest_key);
	KUNIT_EXPECT_EQ(test, cordon_ctest_ops.compiler(CT_STATIC_BRANCH, 3), 3L);
	/* A test of the key, not a jump the kernel patches. */
	KUNIT_EXPECT_FALSE(test, jump_entry_in(__cordon_ctest_text_start,
					       __cordon_ctest_text_end));
	KUNIT_EXPECT_FALSE(test, jump_entry_in(__cordon_brd_text_start,
					       __cordon_brd_text_end));
}

static void test_compiled_compartment_is_set_up(struct kunit *test)
{
	const struct cordon_compartment *c;
	const struct cordon_backend_ops *be;
	u64 text = PHYS_PFN(__pa_symbol(__cordon_ctest_text_start));
	u64 data = PHYS_PFN(__pa_symbol(__cordon_ctest_data_start));

	need_views(test);
	c = ctest();
	KUNIT_ASSERT_NOT_NULL(test, c);
	be = cordon_state.backend;
	KUNIT_EXPECT_EQ(test, c->kind, CORDON_KIND_UNTRUSTED);
	/* Its code: executable in its view only; its data writable there. */
	KUNIT_EXPECT_EQ(test, be->get_access(c->view, text),
			CORDON_ACCESS_R | CORDON_ACCESS_X);
	KUNIT_EXPECT_EQ(test, be->get_access(0, text), CORDON_ACCESS_R);
	KUNIT_EXPECT_EQ(test, be->get_access(c->view, data),
			CORDON_ACCESS_R | CORDON_ACCESS_W);
	KUNIT_EXPECT_PTR_EQ(test, cordon_owner(text), c);
	/* Every exit record is the compartment's. */
	KUNIT_ASSERT_NOT_NULL(test, exit_record("cordon_ctest_kernel_add6"));
	KUNIT_EXPECT_EQ(test, exit_record("cordon_ctest_kernel_add6")->compartment,
			(u64)c->id);
}

static void test_entry_through_ops_table(struct kunit *test)
{
	long crossings = counter(CORDON_CTR_GATE_CROSSINGS), own;

	need_views(test);
	own = atomic_long_read(&ctest()->crossings);
	/* The ops table points at the wrapper, which crosses. */
	KUNIT_EXPECT_EQ(test, cordon_ctest_ops.sum(1, 2, 39), 42);
	KUNIT_EXPECT_EQ(test, counter(CORDON_CTR_GATE_CROSSINGS), crossings + 1);
	/* Counted for the compartment too (securityfs compartments). */
	KUNIT_EXPECT_EQ(test, atomic_long_read(&ctest()->crossings), own + 1);
	KUNIT_EXPECT_EQ(test, cordon_ctest_ops.sum6(1, 2, 3, 4, 5, 6),
			1 + 4 + 9 + 16 + 25 + 36);
	KUNIT_EXPECT_EQ(test, current_view(), 0);
}

static void test_exit_carries_six_arguments(struct kunit *test)
{
	long exits = counter(CORDON_CTR_EXIT_CALLS);

	need_views(test);
	WRITE_ONCE(last_view, -1);
	KUNIT_EXPECT_EQ(test, cordon_ctest_ops.exit6(1, 2, 3), 66);
	/* The kernel function ran, in the kernel view. */
	KUNIT_EXPECT_EQ(test, READ_ONCE(last_view), 0);
	KUNIT_EXPECT_EQ(test, counter(CORDON_CTR_EXIT_CALLS), exits + 1);
	KUNIT_EXPECT_EQ(test, current_view(), 0);
}

static void test_variadic_exit(struct kunit *test)
{
	char *s;

	need_views(test);
	s = cordon_ctest_ops.format(-7);
	KUNIT_ASSERT_FALSE(test, IS_ERR_OR_NULL(s));
	KUNIT_EXPECT_STREQ(test, s, "ctest -7:formatted");
}

static void test_many_exits_with_interrupts(struct kunit *test)
{
	long exits = counter(CORDON_CTR_EXIT_CALLS);
	long n = 2000;

	need_views(test);
	WRITE_ONCE(kernel_calls, 0);
	KUNIT_EXPECT_EQ(test, cordon_ctest_ops.exits(n), n * (n - 1) / 2);
	KUNIT_EXPECT_EQ(test, READ_ONCE(kernel_calls), n);
	KUNIT_EXPECT_EQ(test, counter(CORDON_CTR_EXIT_CALLS), exits + n);
	KUNIT_EXPECT_EQ(test, current_view(), 0);
}

static void test_exit_crosses_into_another_compartment(struct kunit *test)
{
	need_views(test);
	KUNIT_ASSERT_NOT_NULL(test, cordon_demo_gates.sum);
	KUNIT_EXPECT_EQ(test, cordon_ctest_ops.nested(37), 37 + 2 + 3 + 1);
	KUNIT_EXPECT_EQ(test, current_view(), 0);
	/* The outer crossing is intact: the next one works. */
	KUNIT_EXPECT_EQ(test, cordon_ctest_ops.sum(1, 1, 1), 3);
}

static void test_exit_reenters_the_compartment(struct kunit *test)
{
	long crossings = counter(CORDON_CTR_GATE_CROSSINGS);

	need_views(test);
	/* The inner crossing takes another stack of the pool. */
	KUNIT_EXPECT_EQ(test, cordon_ctest_ops.reenter(5), 5);
	KUNIT_EXPECT_EQ(test, counter(CORDON_CTR_GATE_CROSSINGS), crossings + 2);
	KUNIT_EXPECT_EQ(test, cordon_ctest_ops.sum(2, 2, 2), 6);
}

static void test_exit_sleeps_and_moves_to_another_cpu(struct kunit *test)
{
	long ret;
	int cpu, other;

	need_views(test);
	if (num_online_cpus() < 2)
		kunit_skip(test, "one CPU");
	cpu = raw_smp_processor_id();
	other = cpumask_any_but(cpu_online_mask, cpu);
	/* The crossing leaves on one CPU and comes back on the other. */
	ret = cordon_ctest_ops.migrate(other);
	set_cpus_allowed_ptr(current, cpu_possible_mask);
	KUNIT_EXPECT_EQ(test, ret / 1000, (long)other);
	KUNIT_EXPECT_EQ(test, current_view(), 0);
	KUNIT_EXPECT_EQ(test, cordon_ctest_ops.sum(3, 3, 3), 9);
}

static void test_another_task_crosses_in_while_an_exit_sleeps(struct kunit *test)
{
	need_views(test);
	KUNIT_EXPECT_EQ(test, cordon_ctest_ops.wait(40), 40 + 1 + 1 + 40);
	KUNIT_EXPECT_EQ(test, current_view(), 0);
}

/* === Lending === */

static void test_lent_buffer_is_writable_for_the_call(struct kunit *test)
{
	struct page *p = alloc_pages(GFP_KERNEL | __GFP_ZERO, 1);
	char *buf;
	long granted = counter(CORDON_CTR_VE_GRANTED);

	need_views(test);
	KUNIT_ASSERT_NOT_NULL(test, p);
	buf = page_address(p);
	KUNIT_EXPECT_EQ(test, cordon_ctest_ops.fill(buf, 64, 0), 0);
	KUNIT_EXPECT_EQ(test, buf[0], 0x5a);
	KUNIT_EXPECT_EQ(test, buf[63], 0x5a);
	KUNIT_EXPECT_EQ(test, buf[64], 0);
	KUNIT_EXPECT_EQ(test, counter(CORDON_CTR_VE_GRANTED), granted + 1);
	KUNIT_EXPECT_EQ(test, current_view(), 0);
	__free_pages(p, 1);
}

static void test_lent_bio_pages_are_writable_for_the_call(struct kunit *test)
{
	struct page *p = alloc_page(GFP_KERNEL | __GFP_ZERO);
	struct bio *bio = bio_kmalloc(1, GFP_KERNEL);
	char *buf;

	need_views(test);
	KUNIT_ASSERT_NOT_NULL(test, p);
	KUNIT_ASSERT_NOT_NULL(test, bio);
	bio_init(bio, NULL, bio->bi_inline_vecs, 1, REQ_OP_READ);
	__bio_add_page(bio, p, 512, 1024);
	buf = page_address(p);
	KUNIT_EXPECT_EQ(test, cordon_ctest_ops.fill_bio(bio), 512);
	KUNIT_EXPECT_EQ(test, buf[1024], 0x5a);
	KUNIT_EXPECT_EQ(test, buf[1024 + 511], 0x5a);
	KUNIT_EXPECT_EQ(test, buf[1023], 0);
	/* Lent for that call only. */
	if (cordon_mode() == CORDON_MODE_ENFORCING) {
		KUNIT_EXPECT_EQ(test, cordon_ctest_ops.write((long *)buf, 1),
				-EFAULT);
		KUNIT_EXPECT_EQ(test, *(long *)buf, 0);
	}
	bio_uninit(bio);
	kfree(bio);
	__free_page(p);
}

/*
 * The lends are on the crossing's caller's stack: once it has returned, a
 * #VE in the kernel view (a sealed read) must find none, not a stale one.
 */
static void test_no_lends_left_after_a_crossing(struct kunit *test)
{
	char buf[8];

	need_views(test);
	KUNIT_EXPECT_EQ(test, cordon_ctest_ops.fill(buf, 8, 0), 0);
	preempt_disable();
	KUNIT_EXPECT_PTR_EQ(test, this_cpu_read(cordon_gate_lends), NULL);
	preempt_enable();
}

/* More pages than a crossing holds granted: the oldest are taken back. */
static void test_bio_of_more_pages_than_grants(struct kunit *test)
{
	const unsigned int n = CORDON_LEND_MAX_GRANTS + 8;
	struct bio *bio = bio_kmalloc(n, GFP_KERNEL);
	struct page *pages[CORDON_LEND_MAX_GRANTS + 8] = {};
	unsigned int i;

	need_views(test);
	KUNIT_ASSERT_NOT_NULL(test, bio);
	bio_init(bio, NULL, bio->bi_inline_vecs, n, REQ_OP_READ);
	for (i = 0; i < n; i++) {
		pages[i] = alloc_page(GFP_KERNEL | __GFP_ZERO);
		KUNIT_ASSERT_NOT_NULL(test, pages[i]);
		__bio_add_page(bio, pages[i], PAGE_SIZE, 0);
	}
	KUNIT_EXPECT_EQ(test, cordon_ctest_ops.fill_bio(bio), n * PAGE_SIZE);
	for (i = 0; i < n; i++)
		KUNIT_EXPECT_PTR_EQ(test, memchr_inv(page_address(pages[i]),
						     0x5a, PAGE_SIZE), NULL);
	/* None stays writable, the evicted ones included. */
	if (cordon_mode() == CORDON_MODE_ENFORCING) {
		KUNIT_EXPECT_EQ(test, cordon_ctest_ops.write(page_address(pages[0]),
							     1), -EFAULT);
		KUNIT_EXPECT_EQ(test, cordon_ctest_ops.write(page_address(pages[n - 1]),
							     1), -EFAULT);
	}
	bio_uninit(bio);
	kfree(bio);
	for (i = 0; i < n; i++)
		__free_page(pages[i]);
}

/*
 * Enforcing mode with views, or the test is skipped; and a kernel object
 * nothing lends the compartment, freed with the test: writing it ends a
 * crossing early.
 */
static long *enforcing_with_unlent_object(struct kunit *test)
{
	long *obj;

	need_views(test);
	if (cordon_mode() != CORDON_MODE_ENFORCING)
		kunit_skip(test, "not enforcing");
	obj = kunit_kzalloc(test, 64, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, obj);
	return obj;
}

/* === A bio's end === */

static atomic_t bio_ends;
static blk_status_t bio_end_status;

static void count_end(struct bio *bio)
{
	bio_end_status = bio->bi_status;
	atomic_inc(&bio_ends);
}

/* A one-page read bio ending in count_end(); its page in *@page. */
static struct bio *end_bio_setup(struct kunit *test, struct page **page)
{
	struct bio *bio = bio_kmalloc(1, GFP_KERNEL);

	*page = alloc_page(GFP_KERNEL | __GFP_ZERO);
	KUNIT_ASSERT_NOT_NULL(test, bio);
	KUNIT_ASSERT_NOT_NULL(test, *page);
	bio_init(bio, NULL, bio->bi_inline_vecs, 1, REQ_OP_READ);
	__bio_add_page(bio, *page, PAGE_SIZE, 0);
	bio->bi_end_io = count_end;
	atomic_set(&bio_ends, 0);
	bio_end_status = BLK_STS_OK;
	return bio;
}

static void end_bio_done(struct bio *bio, struct page *page)
{
	kfree(bio);
	__free_page(page);
}

/*
 * ct_end_bio(@how) in a crossing that then ends early: the bio it was lent
 * ends once, with @status.
 */
static void end_bio_then_abort(struct kunit *test, long how,
			       blk_status_t status)
{
	long *kobj;
	struct page *page;
	struct bio *bio;

	kobj = enforcing_with_unlent_object(test);
	bio = end_bio_setup(test, &page);
	KUNIT_EXPECT_EQ(test, cordon_ctest_ops.end_bio(bio, how, kobj), -EFAULT);
	KUNIT_EXPECT_EQ(test, atomic_read(&bio_ends), 1);
	KUNIT_EXPECT_EQ(test, bio_end_status, status);
	KUNIT_EXPECT_EQ(test, kobj[0], 0);
	end_bio_done(bio, page);
}

/* A crossing ended early ends the bio it was lent, with an I/O error. */
static void test_aborted_crossing_ends_its_bio(struct kunit *test)
{
	end_bio_then_abort(test, 0, BLK_STS_IOERR);
}

/* One it ended itself is not ended again when the crossing then aborts. */
static void test_bio_ended_before_the_abort_ends_once(struct kunit *test)
{
	end_bio_then_abort(test, 1, BLK_STS_OK);
}

/* Attack: ending a bio twice (a double completion) is refused. */
static void test_bio_ended_twice_is_refused(struct kunit *test)
{
	long refused = counter(CORDON_CTR_NOT_OWN);
	struct page *page;
	struct bio *bio;

	need_views(test);
	bio = end_bio_setup(test, &page);
	KUNIT_EXPECT_EQ(test, cordon_ctest_ops.end_bio(bio, 2, NULL),
			cordon_mode() == CORDON_MODE_ENFORCING ? -EFAULT : 0);
	KUNIT_EXPECT_EQ(test, atomic_read(&bio_ends), 1);
	KUNIT_EXPECT_EQ(test, counter(CORDON_CTR_NOT_OWN), refused + 1);
	end_bio_done(bio, page);
}

/* Attack: its pages are the submitter's again once it ended the bio. */
static void test_page_of_an_ended_bio_is_not_lent(struct kunit *test)
{
	struct page *page;
	struct bio *bio;
	char *p;

	need_views(test);
	if (cordon_mode() != CORDON_MODE_ENFORCING)
		kunit_skip(test, "not enforcing");
	bio = end_bio_setup(test, &page);
	p = page_address(page);
	KUNIT_EXPECT_EQ(test, cordon_ctest_ops.end_bio(bio, 3, NULL), -EFAULT);
	KUNIT_EXPECT_EQ(test, atomic_read(&bio_ends), 1);
	KUNIT_EXPECT_EQ(test, p[0], 0x5a);
	end_bio_done(bio, page);
}

static void test_inline_helper_runs_in_the_kernel(struct kunit *test)
{
	long exits = counter(CORDON_CTR_EXIT_CALLS);

	need_views(test);
	/* radix_tree_maybe_preload() and its out-of-line end: two exits. */
	KUNIT_EXPECT_EQ(test, cordon_ctest_ops.preload(GFP_KERNEL), 0);
	KUNIT_EXPECT_EQ(test, counter(CORDON_CTR_EXIT_CALLS), exits + 2);
	KUNIT_EXPECT_EQ(test, current_view(), 0);
}

/* === Its own memory === */

static void test_allocations_become_the_compartments(struct kunit *test)
{
	const struct cordon_backend_ops *be;
	const struct cordon_compartment *c;
	u8 *p;
	u64 pfn;
	int i;

	need_views(test);
	c = ctest();
	KUNIT_ASSERT_NOT_NULL(test, c);
	be = cordon_state.backend;
	p = cordon_ctest_ops.own_alloc(100);
	KUNIT_ASSERT_FALSE(test, IS_ERR_OR_NULL(p));
	pfn = PHYS_PFN(virt_to_phys(p));
	KUNIT_EXPECT_PTR_EQ(test, cordon_owner(pfn), c);
	KUNIT_EXPECT_EQ(test, be->get_access(c->view, pfn),
			CORDON_ACCESS_R | CORDON_ACCESS_W);
	for (i = 0; i < 100; i++)
		KUNIT_EXPECT_EQ(test, p[i], 0x77);
	/* Freed: the kernel's again, read-only in the view. */
	KUNIT_EXPECT_EQ(test, cordon_ctest_ops.own_free(p), 0);
	KUNIT_EXPECT_EQ(test, cordon_owner(pfn)->kind, CORDON_KIND_KERNEL);
	KUNIT_EXPECT_EQ(test, be->get_access(c->view, pfn), CORDON_ACCESS_R);
	KUNIT_EXPECT_EQ(test, current_view(), 0);
}

static void test_page_allocation_is_writable(struct kunit *test)
{
	need_views(test);
	KUNIT_EXPECT_EQ(test, cordon_ctest_ops.own_page(20), 41);
	KUNIT_EXPECT_EQ(test, current_view(), 0);
}

static void test_struct_page_of_its_own_page(struct kunit *test)
{
	long refused = counter(CORDON_CTR_NOT_OWN);

	/* Without views too: then plain loads and stores. */
	KUNIT_EXPECT_EQ(test, cordon_ctest_ops.page_field(NULL, 0, 1234), 1234);
	KUNIT_EXPECT_EQ(test, cordon_ctest_ops.page_field(NULL, 1, 77), 77);
	KUNIT_EXPECT_EQ(test, counter(CORDON_CTR_NOT_OWN), refused);
	if (cordon_active())
		KUNIT_EXPECT_EQ(test, current_view(), 0);
}

static void test_exit_lends_what_it_returns(struct kunit *test)
{
	long *o;

	need_views(test);
	kernel_object = kzalloc(64, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, kernel_object);
	o = cordon_ctest_ops.fill_object(5, 1);
	KUNIT_EXPECT_PTR_EQ(test, o, kernel_object);
	KUNIT_EXPECT_EQ(test, kernel_object[0], 5);
	KUNIT_EXPECT_EQ(test, kernel_object[7], 6);
	KUNIT_EXPECT_EQ(test, current_view(), 0);
	if (cordon_mode() == CORDON_MODE_ENFORCING) {
		/* Without the annotation, or after the call: denied. */
		KUNIT_EXPECT_EQ(test, (long)cordon_ctest_ops.fill_object(9, 0),
				-EFAULT);
		KUNIT_EXPECT_EQ(test, cordon_ctest_ops.write(kernel_object, 9),
				-EFAULT);
		KUNIT_EXPECT_EQ(test, kernel_object[0], 5);
	}
	kfree(kernel_object);
	kernel_object = NULL;
}

/* === Learning mode === */

/*
 * The last console line with the text a test waits for (by default
 * ctest's learning-mode lines), and how many.
 */
static struct {
	spinlock_t lock;
	const char *needle;
	char line[256];
	int n;
} learned = { .lock = __SPIN_LOCK_UNLOCKED(learned.lock) };

static void probe_console(void *ignore, const char *buf, size_t len)
{
	const char *h = strnstr(buf, learned.needle ?: "learn: compartment=ctest ",
				len);
	unsigned long flags;

	if (!h)
		return;
	spin_lock_irqsave(&learned.lock, flags);
	strscpy(learned.line, h,
		min(sizeof(learned.line), (size_t)(buf + len - h) + 1));
	learned.n++;
	spin_unlock_irqrestore(&learned.lock, flags);
}

static void console_probe(struct tracepoint *tp, void *on)
{
	check_trace_callback_type_console(probe_console);
	if (strcmp(tp->name, "console"))
		return;
	if (on)
		WARN_ON(tracepoint_probe_register(tp, probe_console, NULL));
	else
		tracepoint_probe_unregister(tp, probe_console, NULL);
}

/*
 * Permissive mode grants what nothing lent, and logs it once per entry
 * point, object and access, naming the gate argument it lies past.
 */
static void test_permissive_mode_learns_an_unlent_write(struct kunit *test)
{
	long *obj;
	int n;

	need_views(test);
	if (cordon_mode() != CORDON_MODE_PERMISSIVE)
		kunit_skip(test, "not permissive");
	obj = kzalloc(64, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, obj);
	for_each_kernel_tracepoint(console_probe, (void *)1);
	KUNIT_EXPECT_EQ(test, cordon_ctest_ops.write(obj + 1, 9), 0);
	KUNIT_EXPECT_EQ(test, obj[1], 9);
	n = learned.n;
	KUNIT_EXPECT_EQ(test, cordon_ctest_ops.write(obj + 2, 9), 0);
	for_each_kernel_tracepoint(console_probe, NULL);
	tracepoint_synchronize_unregister();
	KUNIT_EXPECT_EQ(test, n, 1);
	KUNIT_EXPECT_EQ(test, learned.n, 1);
	KUNIT_EXPECT_NOT_NULL(test, strstr(learned.line,
		"entry=ct_write.cordon_stub access=w object=slab size=64 arg=1 offset=0x0 site=ct_write"));
	kfree(obj);
}

/* BUG(), WARN() and UBSAN's traps: a report that names them. */
static void test_warn_in_the_compartment_is_reported(struct kunit *test)
{
	long faults = counter(CORDON_CTR_COMPARTMENT_FAULTS);

	need_views(test);
	KUNIT_EXPECT_EQ(test, cordon_ctest_ops.compiler(CT_WARN, 0), 0L);
	learned.needle = "WARN at ";
	learned.n = 0;
	for_each_kernel_tracepoint(console_probe, (void *)1);
	KUNIT_EXPECT_EQ(test, cordon_ctest_ops.compiler(CT_WARN, 1),
			(long)-EFAULT);
	for_each_kernel_tracepoint(console_probe, NULL);
	tracepoint_synchronize_unregister();
	learned.needle = NULL;
	KUNIT_EXPECT_EQ(test, counter(CORDON_CTR_COMPARTMENT_FAULTS), faults + 1);
	KUNIT_EXPECT_EQ(test, learned.n, 1);
	KUNIT_EXPECT_NOT_NULL(test, strstr(learned.line, "ctest_units.c:"));
}

/* === Attacks === */

static void test_kfree_of_kernel_memory_is_refused(struct kunit *test)
{
	long refused = counter(CORDON_CTR_NOT_OWN);
	struct page *page = alloc_page(GFP_KERNEL | __GFP_ZERO);
	u64 *obj = kmalloc(64, GFP_KERNEL);

	need_views(test);
	KUNIT_ASSERT_NOT_NULL(test, obj);
	KUNIT_ASSERT_NOT_NULL(test, page);
	obj[0] = 0xfeed;
	/* A slab object of the kernel's, and a page of the kernel's. */
	KUNIT_EXPECT_EQ(test, cordon_ctest_ops.own_free(obj), 0);
	KUNIT_EXPECT_EQ(test, cordon_ctest_ops.own_free(page_address(page)), 0);
	KUNIT_EXPECT_EQ(test, counter(CORDON_CTR_NOT_OWN), refused + 2);
	/* Neither was freed: both are still the kernel's to free. */
	KUNIT_EXPECT_EQ(test, obj[0], 0xfeed);
	KUNIT_EXPECT_EQ(test, page_ref_count(page), 1);
	kfree(obj);
	__free_page(page);
}

static void test_struct_page_of_a_kernel_page_is_refused(struct kunit *test)
{
	long refused = counter(CORDON_CTR_NOT_OWN);
	struct page *page = alloc_page(GFP_KERNEL);
	long ret;

	need_views(test);
	KUNIT_ASSERT_NOT_NULL(test, page);
	page->index = 5;
	ret = cordon_ctest_ops.page_field(page, 0, 666);
	KUNIT_EXPECT_EQ(test, counter(CORDON_CTR_NOT_OWN), refused + 1);
	if (cordon_mode() == CORDON_MODE_ENFORCING) {
		/* The crossing ends there, as after a denied #VE. */
		KUNIT_EXPECT_EQ(test, ret, -EFAULT);
		KUNIT_EXPECT_EQ(test, page->index, 5);
	} else {
		/* Learning: reported, and done. */
		KUNIT_EXPECT_EQ(test, ret, 666);
	}
	KUNIT_EXPECT_EQ(test, current_view(), 0);
	__free_page(page);
}

static void test_struct_page_flags_of_its_own_page_are_refused(struct kunit *test)
{
	long refused = counter(CORDON_CTR_NOT_OWN);

	need_views(test);
	if (cordon_mode() != CORDON_MODE_ENFORCING)
		kunit_skip(test, "not enforcing");
	/* Its page stays its own, unfreed: the crossing ended at the store. */
	KUNIT_EXPECT_EQ(test, cordon_ctest_ops.page_field(NULL, 2, 0), -EFAULT);
	KUNIT_EXPECT_EQ(test, counter(CORDON_CTR_NOT_OWN), refused + 1);
	KUNIT_EXPECT_EQ(test, current_view(), 0);
}

/* The kernel's preemption count, after a crossing ended with it raised. */
static void test_crossing_ended_with_preemption_off_is_set_back(struct kunit *test)
{
	long *obj;
	long restored = counter(CORDON_CTR_STATE_RESTORED);
	int count = preempt_count();

	obj = enforcing_with_unlent_object(test);
	KUNIT_EXPECT_EQ(test, cordon_ctest_ops.abort_in_preload(obj), -EFAULT);
	KUNIT_EXPECT_EQ(test, obj[0], 0);
	KUNIT_EXPECT_EQ(test, preempt_count(), count);
	KUNIT_EXPECT_EQ(test, current->pagefault_disabled, 0);
	KUNIT_EXPECT_EQ(test, counter(CORDON_CTR_STATE_RESTORED), restored + 1);
}

static DEFINE_SPINLOCK(test_lock);

/* A crossing ended holding a spin lock: released, newest first. */
static void test_crossing_ended_holding_a_lock_releases_it(struct kunit *test)
{
	long *kobj;
	long restored = counter(CORDON_CTR_STATE_RESTORED);
	int count = preempt_count();

	kobj = enforcing_with_unlent_object(test);
	KUNIT_EXPECT_EQ(test, cordon_ctest_ops.held(CT_HELD_SPIN, &test_lock, kobj),
			-EFAULT);
	KUNIT_EXPECT_EQ(test, preempt_count(), count);
	/* Free again: the kernel can take it. */
	if (spin_trylock(&test_lock))
		spin_unlock(&test_lock);
	else
		KUNIT_FAIL(test, "the crossing's lock is still held");
	/* Released, so nothing left unbalanced to set back. */
	KUNIT_EXPECT_EQ(test, counter(CORDON_CTR_STATE_RESTORED), restored + 1);
}

static DEFINE_MUTEX(test_mutex);
static DEFINE_RWLOCK(test_rwlock);

/*
 * spin_lock_irqsave() and read_lock_irq() in the compartment: its
 * interrupts are off while it holds the lock and on again after, although
 * the exit gate gives it back its own interrupt flag; and a crossing ended
 * holding one releases it.
 */
static void test_irq_disabling_locks_in_the_compartment(struct kunit *test)
{
	long *kobj;

	need_views(test);
	KUNIT_ASSERT_FALSE(test, irqs_disabled());
	KUNIT_EXPECT_EQ(test, cordon_ctest_ops.held(CT_HELD_SPIN_IRQSAVE,
						    &test_lock, NULL), 3L);
	KUNIT_EXPECT_EQ(test, cordon_ctest_ops.held(CT_HELD_READ_IRQ,
						    &test_rwlock, NULL), 3L);
	KUNIT_EXPECT_EQ(test, cordon_ctest_ops.held(CT_HELD_WRITE,
						    &test_rwlock, NULL), 3L);
	kobj = enforcing_with_unlent_object(test);
	KUNIT_EXPECT_EQ(test, cordon_ctest_ops.held(CT_HELD_SPIN_IRQSAVE,
						    &test_lock, kobj), -EFAULT);
	KUNIT_EXPECT_FALSE(test, irqs_disabled());
	if (spin_trylock(&test_lock))
		spin_unlock(&test_lock);
	else
		KUNIT_FAIL(test, "the crossing's irqsave lock is still held");
	KUNIT_EXPECT_EQ(test, cordon_ctest_ops.held(CT_HELD_WRITE,
						    &test_rwlock, kobj), -EFAULT);
	if (write_trylock(&test_rwlock))
		write_unlock(&test_rwlock);
	else
		KUNIT_FAIL(test, "the crossing's write lock is still held");
}

/* A crossing ended holding a mutex it took through a sleeping exit. */
static void test_crossing_ended_holding_a_mutex_releases_it(struct kunit *test)
{
	long *kobj;

	kobj = enforcing_with_unlent_object(test);
	KUNIT_EXPECT_EQ(test, cordon_ctest_ops.held(CT_HELD_MUTEX, &test_mutex, kobj),
			-EFAULT);
	if (mutex_trylock(&test_mutex))
		mutex_unlock(&test_mutex);
	else
		KUNIT_FAIL(test, "the crossing's mutex is still held");
}

static void test_crossing_ended_in_an_rcu_read_section_ends_it(struct kunit *test)
{
	long *kobj;
	int depth = rcu_preempt_depth();

	kobj = enforcing_with_unlent_object(test);
	KUNIT_EXPECT_EQ(test, cordon_ctest_ops.held(CT_HELD_RCU, NULL, kobj), -EFAULT);
	KUNIT_EXPECT_EQ(test, rcu_preempt_depth(), depth);
}

/* Attack: releasing a lock the kernel holds is refused. */
static void test_unlock_of_a_kernel_lock_is_refused(struct kunit *test)
{
	long refused = counter(CORDON_CTR_NOT_OWN);

	need_views(test);
	if (cordon_mode() != CORDON_MODE_ENFORCING)
		kunit_skip(test, "not enforcing");
	spin_lock(&test_lock);
	KUNIT_EXPECT_EQ(test, cordon_ctest_ops.held(CT_HELD_UNLOCK_SPIN, &test_lock, NULL), -EFAULT);
	/* Still held (by this test), so not free to take. */
	KUNIT_EXPECT_FALSE(test, spin_trylock(&test_lock));
	KUNIT_EXPECT_EQ(test, counter(CORDON_CTR_NOT_OWN), refused + 1);
	spin_unlock(&test_lock);
}

/* One lock more than a crossing may hold: refused, the others released. */
static void test_more_locks_than_a_crossing_may_hold(struct kunit *test)
{
	static spinlock_t locks[CT_HELD_MANY];
	long refused = counter(CORDON_CTR_NOT_OWN);
	int count = preempt_count(), i;

	need_views(test);
	if (cordon_mode() != CORDON_MODE_ENFORCING)
		kunit_skip(test, "not enforcing");
	BUILD_BUG_ON(CT_HELD_MANY <= CORDON_LEND_MAX_HELD);
	for (i = 0; i < CT_HELD_MANY; i++)
		spin_lock_init(&locks[i]);
	KUNIT_EXPECT_EQ(test, cordon_ctest_ops.held(CT_HELD_SPIN_MANY, locks,
						    NULL), -EFAULT);
	KUNIT_EXPECT_EQ(test, counter(CORDON_CTR_NOT_OWN), refused + 1);
	KUNIT_EXPECT_EQ(test, preempt_count(), count);
	for (i = 0; i < CT_HELD_MANY; i++) {
		if (spin_trylock(&locks[i]))
			spin_unlock(&locks[i]);
		else
			KUNIT_FAIL(test, "lock %d is still held", i);
	}
}

/* Attack: releasing a mutex the kernel holds is refused. */
static void test_unlock_of_a_kernel_mutex_is_refused(struct kunit *test)
{
	long refused = counter(CORDON_CTR_NOT_OWN);

	need_views(test);
	if (cordon_mode() != CORDON_MODE_ENFORCING)
		kunit_skip(test, "not enforcing");
	mutex_lock(&test_mutex);
	KUNIT_EXPECT_EQ(test, cordon_ctest_ops.held(CT_HELD_UNLOCK_MUTEX, &test_mutex,
					       NULL),
			-EFAULT);
	KUNIT_EXPECT_TRUE(test, mutex_is_locked(&test_mutex));
	KUNIT_EXPECT_EQ(test, counter(CORDON_CTR_NOT_OWN), refused + 1);
	mutex_unlock(&test_mutex);
}

static void test_write_to_a_page_lent_to_an_earlier_call_is_blocked(struct kunit *test)
{
	struct page *p = alloc_page(GFP_KERNEL | __GFP_ZERO);
	long *buf;

	need_views(test);
	if (cordon_mode() != CORDON_MODE_ENFORCING)
		kunit_skip(test, "not enforcing");
	KUNIT_ASSERT_NOT_NULL(test, p);
	buf = page_address(p);
	KUNIT_EXPECT_EQ(test, cordon_ctest_ops.fill((char *)buf, 8, 0), 0);
	KUNIT_EXPECT_EQ(test, buf[0], 0x5a5a5a5a5a5a5a5aL);
	/* The call that lent it has ended: the page is read-only again. */
	KUNIT_EXPECT_EQ(test, cordon_ctest_ops.write(buf, 7), -EFAULT);
	KUNIT_EXPECT_EQ(test, buf[0], 0x5a5a5a5a5a5a5a5aL);
	KUNIT_EXPECT_EQ(test, current_view(), 0);
	__free_page(p);
}

static void test_write_beyond_the_lent_range_is_blocked(struct kunit *test)
{
	struct page *p = alloc_pages(GFP_KERNEL | __GFP_ZERO, 1);
	char *buf;

	need_views(test);
	if (cordon_mode() != CORDON_MODE_ENFORCING)
		kunit_skip(test, "not enforcing");
	KUNIT_ASSERT_NOT_NULL(test, p);
	buf = page_address(p);
	/* 64 bytes lent at buf, written at buf + PAGE_SIZE: another page. */
	KUNIT_EXPECT_EQ(test, cordon_ctest_ops.fill(buf, 64, PAGE_SIZE), -EFAULT);
	KUNIT_EXPECT_EQ(test, buf[PAGE_SIZE], 0);
	KUNIT_EXPECT_EQ(test, current_view(), 0);
	__free_pages(p, 1);
}

static void test_compiled_write_to_init_cred_is_blocked(struct kunit *test)
{
	kuid_t before = init_cred.uid;
	long denied = counter(CORDON_CTR_VE_DENIED), own;

	need_views(test);
	if (cordon_mode() != CORDON_MODE_ENFORCING)
		kunit_skip(test, "not enforcing");
	own = atomic_long_read(&ctest()->ve_denied);
	KUNIT_EXPECT_EQ(test, cordon_ctest_ops.write((long *)&init_cred.uid,
						     0), -EFAULT);
	KUNIT_EXPECT_TRUE(test, uid_eq(init_cred.uid, before));
	KUNIT_EXPECT_EQ(test, counter(CORDON_CTR_VE_DENIED), denied + 1);
	KUNIT_EXPECT_EQ(test, atomic_long_read(&ctest()->ve_denied), own + 1);
	KUNIT_EXPECT_EQ(test, current_view(), 0);
}

static void test_compiled_read_of_sealed_memory_is_blocked(struct kunit *test)
{
	need_views(test);
	KUNIT_ASSERT_NOT_NULL(test, cordon_sealed_secret());
	KUNIT_EXPECT_EQ(test, cordon_ctest_ops.read(cordon_sealed_secret()),
			-EFAULT);
	KUNIT_EXPECT_EQ(test, current_view(), 0);
}

static void test_forged_function_pointer_is_blocked(struct kunit *test)
{
	long faults = counter(CORDON_CTR_COMPARTMENT_FAULTS) +
		      counter(CORDON_CTR_VE_DENIED);

	need_views(test);
	if (cordon_mode() != CORDON_MODE_ENFORCING)
		kunit_skip(test, "not enforcing");
	WRITE_ONCE(secret_runs, 0);
	/* Kernel text is not executable in the compartment's view. */
	KUNIT_EXPECT_EQ(test, cordon_ctest_ops.call(kernel_secret, 1), -EFAULT);
	KUNIT_EXPECT_EQ(test, READ_ONCE(secret_runs), 0);
	KUNIT_EXPECT_GT(test, counter(CORDON_CTR_COMPARTMENT_FAULTS) +
			counter(CORDON_CTR_VE_DENIED), faults);
	KUNIT_EXPECT_EQ(test, current_view(), 0);
}

static void test_forged_exit_record_is_refused(struct kunit *test)
{
	const struct cordon_exit_record *real;
	long refused = counter(CORDON_CTR_GATE_REFUSED);
	long restored = counter(CORDON_CTR_STATE_RESTORED);

	need_views(test);
	real = exit_record("cordon_ctest_kernel_count");
	KUNIT_ASSERT_NOT_NULL(test, real);
	WRITE_ONCE(secret_runs, 0);
	/* A copy in the compartment's memory, pointing at another function. */
	KUNIT_EXPECT_EQ(test, cordon_ctest_ops.forge_exit(real, kernel_secret,
							  1), -EPERM);
	/* The inside of a genuine record. */
	KUNIT_EXPECT_EQ(test, cordon_ctest_ops.raw_exit((const u8 *)real + 8, 1, 0),
			-EPERM);
	/* Just past the last record. */
	KUNIT_EXPECT_EQ(test, cordon_ctest_ops.raw_exit(__cordon_ctest_exits_end,
							1, 0), -EPERM);
	KUNIT_EXPECT_EQ(test, READ_ONCE(secret_runs), 0);
	KUNIT_EXPECT_EQ(test, counter(CORDON_CTR_GATE_REFUSED), refused + 3);
	/* Each is reported as tampering. */
	KUNIT_EXPECT_EQ(test, counter(CORDON_CTR_STATE_RESTORED), restored + 3);
	/* A genuine record through the same path still works. */
	KUNIT_EXPECT_EQ(test, cordon_ctest_ops.raw_exit(real, 9, 0), 9);
	KUNIT_EXPECT_EQ(test, current_view(), 0);
}

static struct kunit_case cordon_compiled_cases[] = {
	KUNIT_CASE(test_compiled_compartment_is_set_up),
	KUNIT_CASE(test_compiled_vmfunc_gadget_is_refused_at_boot),
	KUNIT_CASE(test_entry_through_ops_table),
	KUNIT_CASE(test_static_branch_follows_its_key),
	KUNIT_CASE(test_units_of_a_compartment_call_each_other),
	KUNIT_CASE(test_stack_overrun_is_caught_by_the_compartments_guard),
	KUNIT_CASE(test_warn_in_the_compartment_is_reported),
	KUNIT_CASE(test_exit_carries_six_arguments),
	KUNIT_CASE(test_variadic_exit),
	KUNIT_CASE(test_many_exits_with_interrupts),
	KUNIT_CASE(test_exit_crosses_into_another_compartment),
	KUNIT_CASE(test_exit_reenters_the_compartment),
	KUNIT_CASE(test_exit_sleeps_and_moves_to_another_cpu),
	KUNIT_CASE(test_another_task_crosses_in_while_an_exit_sleeps),
	KUNIT_CASE(test_lent_buffer_is_writable_for_the_call),
	KUNIT_CASE(test_lent_bio_pages_are_writable_for_the_call),
	KUNIT_CASE(test_bio_of_more_pages_than_grants),
	KUNIT_CASE(test_no_lends_left_after_a_crossing),
	KUNIT_CASE(test_aborted_crossing_ends_its_bio),
	KUNIT_CASE(test_bio_ended_before_the_abort_ends_once),
	KUNIT_CASE(test_bio_ended_twice_is_refused),
	KUNIT_CASE(test_page_of_an_ended_bio_is_not_lent),
	KUNIT_CASE(test_inline_helper_runs_in_the_kernel),
	KUNIT_CASE(test_allocations_become_the_compartments),
	KUNIT_CASE(test_page_allocation_is_writable),
	KUNIT_CASE(test_struct_page_of_its_own_page),
	KUNIT_CASE(test_exit_lends_what_it_returns),
	KUNIT_CASE(test_kfree_of_kernel_memory_is_refused),
	KUNIT_CASE(test_struct_page_of_a_kernel_page_is_refused),
	KUNIT_CASE(test_struct_page_flags_of_its_own_page_are_refused),
	KUNIT_CASE(test_crossing_ended_with_preemption_off_is_set_back),
	KUNIT_CASE(test_crossing_ended_holding_a_lock_releases_it),
	KUNIT_CASE(test_crossing_ended_holding_a_mutex_releases_it),
	KUNIT_CASE(test_irq_disabling_locks_in_the_compartment),
	KUNIT_CASE(test_crossing_ended_in_an_rcu_read_section_ends_it),
	KUNIT_CASE(test_unlock_of_a_kernel_lock_is_refused),
	KUNIT_CASE(test_unlock_of_a_kernel_mutex_is_refused),
	KUNIT_CASE(test_more_locks_than_a_crossing_may_hold),
	KUNIT_CASE(test_write_to_a_page_lent_to_an_earlier_call_is_blocked),
	KUNIT_CASE(test_write_beyond_the_lent_range_is_blocked),
	KUNIT_CASE(test_compiled_write_to_init_cred_is_blocked),
	KUNIT_CASE(test_compiled_read_of_sealed_memory_is_blocked),
	KUNIT_CASE(test_forged_function_pointer_is_blocked),
	KUNIT_CASE(test_forged_exit_record_is_refused),
	{}
};

static struct kunit_suite cordon_compiled_suite = {
	.name = "cordon_compiled",
	.test_cases = cordon_compiled_cases,
};
kunit_test_suite(cordon_compiled_suite);

/* Run again with cordon=permissive by scripts/test-kunit. */
static struct kunit_case cordon_permissive_compiled_cases[] = {
	KUNIT_CASE(test_permissive_mode_learns_an_unlent_write),
	/* Permissive mode learns accesses; it runs no refused code. */
	KUNIT_CASE(test_compiled_vmfunc_gadget_is_refused_at_boot),
	KUNIT_CASE(test_stack_overrun_is_caught_by_the_compartments_guard),
	{}
};

static struct kunit_suite cordon_permissive_compiled_suite = {
	.name = "cordon_permissive_compiled",
	.test_cases = cordon_permissive_compiled_cases,
};
kunit_test_suite(cordon_permissive_compiled_suite);
