// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit tests for Cordon's compartment core: mode selection and the
 * clean-disable path.
 */

#include <kunit/test.h>
#include <linux/cordon.h>
#include <linux/cordon-views-abi.h>
#include <linux/module.h>
#include <asm/processor.h>

#include "mode.h"
#include "setup.h"

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

static struct kunit_case cordon_compartments_cases[] = {
	KUNIT_CASE(test_parse_valid_modes),
	KUNIT_CASE(test_parse_rejects_bad_values),
	KUNIT_CASE(test_bad_param_falls_back_to_enforcing),
	KUNIT_CASE(test_no_views_means_off),
	KUNIT_CASE(test_views_honour_request),
	KUNIT_CASE(test_boot_state_matches_hypervisor),
	KUNIT_CASE(test_mode_names),
	{}
};

static struct kunit_suite cordon_compartments_suite = {
	.name = "cordon_compartments",
	.test_cases = cordon_compartments_cases,
};
kunit_test_suite(cordon_compartments_suite);

MODULE_IMPORT_NS(EXPORTED_FOR_KUNIT_TESTING);
MODULE_LICENSE("GPL");
