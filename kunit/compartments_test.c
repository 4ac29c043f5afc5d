// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit tests for Cordon's compartment core: mode selection, the
 * clean-disable path, the views compartments live in and the ownership map.
 */

#include <kunit/test.h>
#include <linux/cordon.h>
#include <linux/cordon-views-abi.h>
#include <linux/cred.h>
#include <linux/init_task.h>
#include <linux/io.h>
#include <linux/ktime.h>
#include <linux/module.h>
#include <linux/sort.h>
#include <linux/uaccess.h>
#include <asm/processor.h>

#include "backend.h"
#include "compartment.h"
#include "demo.h"
#include "gate.h"
#include "mode.h"
#include "report.h"
#include "sealed.h"
#include "setup.h"
#include "ve/ve.h"

static void test_parse_valid_modes(struct kunit *test)
{
	enum cordon_mode m = CORDON_MODE_OFF;

	KUNIT_EXPECT_EQ(test, cordon_parse_mode("enforcing", &m), 0);
	KUNIT_EXPECT_EQ(test, m, CORDON_MODE_ENFORCING);
	KUNIT_EXPECT_EQ(test, cordon_parse_mode("permissive", &m), 0);
	KUNIT_EXPECT_EQ(test, m, CORDON_MODE_PERMISSIVE);
	KUNIT_EXPECT_EQ(test, cordon_parse_mode("off", &m), 0);
	KUNIT_EXPECT_EQ(test, m, CORDON_MODE_OFF);
}

static void test_parse_rejects_bad_values(struct kunit *test)
{
	static const char *const bad[] = { "", "on", "Enforcing", "enforce",
					   "off,permissive", "1" };
	enum cordon_mode m = CORDON_MODE_PERMISSIVE;
	int i;

	for (i = 0; i < ARRAY_SIZE(bad); i++) {
		KUNIT_EXPECT_EQ_MSG(test, cordon_parse_mode(bad[i], &m), -EINVAL,
				    "value '%s'", bad[i]);
		/* A rejected value must leave the previous choice alone. */
		KUNIT_EXPECT_EQ(test, m, CORDON_MODE_PERMISSIVE);
	}
	KUNIT_EXPECT_EQ(test, cordon_parse_mode(NULL, &m), -EINVAL);
}

static void test_bad_param_falls_back_to_enforcing(struct kunit *test)
{
	KUNIT_EXPECT_EQ(test, cordon_decide_mode(-EINVAL, CORDON_MODE_OFF, true),
			CORDON_MODE_ENFORCING);
	KUNIT_EXPECT_EQ(test,
			cordon_decide_mode(-EINVAL, CORDON_MODE_PERMISSIVE, true),
			CORDON_MODE_ENFORCING);
}

static void test_no_views_means_off(struct kunit *test)
{
	KUNIT_EXPECT_EQ(test,
			cordon_decide_mode(0, CORDON_MODE_ENFORCING, false),
			CORDON_MODE_OFF);
	KUNIT_EXPECT_EQ(test,
			cordon_decide_mode(-EINVAL, CORDON_MODE_ENFORCING, false),
			CORDON_MODE_OFF);
}

static void test_views_honour_request(struct kunit *test)
{
	KUNIT_EXPECT_EQ(test,
			cordon_decide_mode(0, CORDON_MODE_PERMISSIVE, true),
			CORDON_MODE_PERMISSIVE);
	KUNIT_EXPECT_EQ(test, cordon_decide_mode(0, CORDON_MODE_OFF, true),
			CORDON_MODE_OFF);
}

/*
 * This boot's state must agree with what the CPU advertises: on a
 * hypervisor without the views leaf Cordon is off with -ENODEV; with it,
 * the backend is in use and the reported ABI matches.
 */
static void test_boot_state_matches_hypervisor(struct kunit *test)
{
	const struct cordon_state *const s = &cordon_state;
	bool views = boot_cpu_has(X86_FEATURE_HYPERVISOR) &&
		     hypervisor_cpuid_base(CORDON_VIEWS_CPUID_SIG, 1);

	if (!views) {
		KUNIT_EXPECT_EQ(test, s->backend_err, -ENODEV);
		KUNIT_EXPECT_PTR_EQ(test, s->backend,
				    (const struct cordon_backend_ops *)NULL);
		KUNIT_EXPECT_EQ(test, cordon_mode(), CORDON_MODE_OFF);
		KUNIT_EXPECT_FALSE(test, cordon_active());
	} else {
		KUNIT_EXPECT_EQ(test, s->backend_err, 0);
		KUNIT_EXPECT_PTR_EQ(test, s->backend, &cordon_views_backend);
		KUNIT_EXPECT_EQ(test, s->info.abi_version,
				CORDON_VIEWS_ABI_VERSION);
		KUNIT_EXPECT_EQ(test, cordon_mode(),
				cordon_decide_mode(s->param_err, s->requested,
						   true));
	}
}

static void test_mode_names(struct kunit *test)
{
	KUNIT_EXPECT_STREQ(test, cordon_mode_name(CORDON_MODE_OFF), "off");
	KUNIT_EXPECT_STREQ(test, cordon_mode_name(CORDON_MODE_PERMISSIVE),
			   "permissive");
	KUNIT_EXPECT_STREQ(test, cordon_mode_name(CORDON_MODE_ENFORCING),
			   "enforcing");
}


/* === Views and the ownership map (need the views-enabled QEMU) === */

static void need_views(struct kunit *test)
{
	if (!cordon_active())
		kunit_skip(test, "Cordon is off: the hypervisor offers no views");
	KUNIT_ASSERT_NOT_NULL(test, cordon_sealed_secret());
}

static u64 pfn_of(const void *p)
{
	return PHYS_PFN(virt_to_phys((void *)p));
}

static void test_views_of_the_boot_compartments(struct kunit *test)
{
	const struct cordon_backend_ops *be = cordon_state.backend;
	const struct cordon_compartment *c, *other;
	unsigned int i, j;

	need_views(test);
	KUNIT_ASSERT_GE(test, cordon_nr_compartments(), 3U);
	c = cordon_compartment_by_id(0);
	KUNIT_EXPECT_EQ(test, c->kind, CORDON_KIND_KERNEL);
	KUNIT_EXPECT_EQ(test, c->view, 0);
	for (i = 0; i < cordon_nr_compartments(); i++) {
		c = cordon_compartment_by_id(i);
		KUNIT_EXPECT_EQ(test, c->id, i);
		/* Each its own view, which maps back to it... */
		KUNIT_EXPECT_PTR_EQ(test, cordon_compartment_by_view(c->view), c);
		for (j = 0; j < i; j++) {
			other = cordon_compartment_by_id(j);
			KUNIT_EXPECT_NE(test, c->view, other->view);
		}
		/* ... and which the hypervisor knows. */
		KUNIT_EXPECT_GE(test, be->get_access(c->view,
						     pfn_of(&init_cred)), 0);
		KUNIT_EXPECT_EQ(test, c->sealed, c->kind == CORDON_KIND_SEALED);
	}
	KUNIT_EXPECT_NULL(test, cordon_compartment_by_id(cordon_nr_compartments()));
	KUNIT_EXPECT_NULL(test, cordon_compartment_by_view(CORDON_VIEWS_MAX));
}

static void test_no_compartment_after_lock(struct kunit *test)
{
	unsigned int n;
	long refused;

	need_views(test);
	KUNIT_ASSERT_TRUE(test, cordon_state.locked);
	n = cordon_nr_compartments();
	refused = atomic_long_read(&cordon_counters[CORDON_CTR_RECONFIG_REFUSED]);
	KUNIT_EXPECT_EQ(test, PTR_ERR(cordon_compartment_create("late",
					CORDON_KIND_UNTRUSTED)), -EROFS);
	KUNIT_EXPECT_EQ(test, cordon_nr_compartments(), n);
	KUNIT_EXPECT_EQ(test,
		atomic_long_read(&cordon_counters[CORDON_CTR_RECONFIG_REFUSED]),
		refused + 1);
}

static void test_ownership_map(struct kunit *test)
{
	const struct cordon_compartment *sealed, *demo;

	need_views(test);
	sealed = cordon_compartment_by_view(cordon_sealed_gate()->view);
	demo = cordon_compartment_by_view(cordon_demo_gates.sum->view);
	KUNIT_ASSERT_NOT_NULL(test, sealed);
	KUNIT_ASSERT_NOT_NULL(test, demo);
	KUNIT_EXPECT_PTR_EQ(test, cordon_owner(pfn_of(cordon_sealed_secret())),
			    sealed);
	KUNIT_EXPECT_PTR_EQ(test, cordon_owner(PHYS_PFN(
			    __pa_symbol(__cordon_demo_text_start))), demo);
	KUNIT_EXPECT_PTR_EQ(test, cordon_owner(pfn_of(cordon_demo_stacks())),
			    demo);
	/* What nobody claimed is the kernel's; beyond RAM is nobody's. */
	KUNIT_EXPECT_PTR_EQ(test, cordon_owner(pfn_of(&init_cred)),
			    cordon_compartment_by_id(0));
	KUNIT_EXPECT_NULL(test, cordon_owner(max_pfn + 1));
	KUNIT_EXPECT_NULL(test, cordon_owner(U64_MAX));
}

static int cmp_u64(const void *a, const void *b)
{
	u64 x = *(const u64 *)a, y = *(const u64 *)b;

	return x < y ? -1 : x > y;
}

#define LOOKUP_BATCH	4096
#define BATCHES		15

static u64 grant_target[PAGE_SIZE / sizeof(u64)] __aligned(PAGE_SIZE);

/*
 * The lookup on the #VE path costs a tiny part of a #VE: medians of
 * batches, both measured here, in the same run. The #VE is a granted one
 * (denials print a report, which would dwarf everything): cordon_demo
 * writes a kernel page its grant list allows, after each revoke.
 */
static void test_owner_lookup_is_cheap_next_to_a_ve(struct kunit *test)
{
	u64 lookup[BATCHES], ve[BATCHES], t, sink = 0, pfn;
	struct cordon_compartment *demo, *kernel;
	long granted;
	int b, i;

	need_views(test);
	demo = cordon_compartment_by_view(cordon_demo_gates.write->view);
	kernel = cordon_compartment_by_id(0);
	pfn = pfn_of(grant_target);
	granted = atomic_long_read(&cordon_counters[CORDON_CTR_VE_GRANTED]);
	KUNIT_ASSERT_EQ(test, cordon_compartment_add_grant(demo, kernel,
							   CORDON_ACCESS_W), 0);
	for (b = 0; b < BATCHES; b++) {
		t = ktime_get_ns();
		for (i = 0; i < LOOKUP_BATCH; i++)
			sink += (unsigned long)cordon_owner(pfn + (i & 63));
		lookup[b] = ktime_get_ns() - t;
		cordon_ve_revoke_grants(demo->view);
		t = ktime_get_ns();
		KUNIT_EXPECT_EQ(test, cordon_gate(cordon_demo_gates.write,
						  (long)grant_target, b, 0), 0);
		ve[b] = ktime_get_ns() - t;
	}
	cordon_compartment_remove_grant(demo, kernel);
	cordon_ve_revoke_grants(demo->view);
	/* Every crossing took its #VE. */
	KUNIT_EXPECT_EQ(test,
		atomic_long_read(&cordon_counters[CORDON_CTR_VE_GRANTED]),
		granted + BATCHES);
	KUNIT_EXPECT_NE(test, sink, 0ULL);
	sort(lookup, BATCHES, sizeof(u64), cmp_u64, NULL);
	sort(ve, BATCHES, sizeof(u64), cmp_u64, NULL);
	kunit_info(test, "owner lookup %llu ps; crossing with a granted #VE %llu ns (medians of %d)\n",
		   lookup[BATCHES / 2] * 1000 / LOOKUP_BATCH, ve[BATCHES / 2],
		   BATCHES);
	/* Under 1% of the #VE it serves. */
	KUNIT_EXPECT_LT(test, lookup[BATCHES / 2] * 100 / LOOKUP_BATCH,
			ve[BATCHES / 2]);
}

static struct kunit_case cordon_compartments_cases[] = {
	KUNIT_CASE(test_parse_valid_modes),
	KUNIT_CASE(test_parse_rejects_bad_values),
	KUNIT_CASE(test_bad_param_falls_back_to_enforcing),
	KUNIT_CASE(test_no_views_means_off),
	KUNIT_CASE(test_views_honour_request),
	KUNIT_CASE(test_boot_state_matches_hypervisor),
	KUNIT_CASE(test_mode_names),
	KUNIT_CASE(test_views_of_the_boot_compartments),
	KUNIT_CASE(test_no_compartment_after_lock),
	KUNIT_CASE(test_ownership_map),
	KUNIT_CASE(test_owner_lookup_is_cheap_next_to_a_ve),
	{}
};

static struct kunit_suite cordon_compartments_suite = {
	.name = "cordon_compartments",
	.test_cases = cordon_compartments_cases,
};
kunit_test_suite(cordon_compartments_suite);

MODULE_IMPORT_NS(EXPORTED_FOR_KUNIT_TESTING);
MODULE_LICENSE("GPL");
