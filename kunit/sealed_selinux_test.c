// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit: the SELinux security server, security/selinux/ss/ compiled from
 * its unmodified sources into the sealed view (CONFIG_CORDON_SEAL_SELINUX)
 *
 * The suite loads a policy of its own (sealed_selinux_policy.conf) through
 * the server's API, as selinuxfs would, and checks that the server's
 * memory is sealed, that its decisions are the policy's, and that the
 * kernel can neither read the loaded policy nor aim the server at it. The
 * cases run in order and share the loaded policy. With cordon=off the
 * server is kernel code with the kernel's state, and the decisions must
 * be the same.
 */

#include <kunit/test.h>
#include <linux/cordon.h>
#include <linux/dcache.h>
#include <linux/hrtimer.h>
#include <linux/io.h>
#include <linux/mm.h>
#include <linux/rculist.h>
#include <linux/ktime.h>
#include <linux/sizes.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/vmalloc.h>

#include "compartment.h"
#include "compiled.h"
#include "exchange.h"
#include "flask/sealed_alloc.h"
#include "flask/server_api.h"
#include "gate.h"
#include "report.h"
#include "sealed.h"
#include "sealed_selinux_policy.h"
#include "stest.h"

/* The policy's values (sealed_selinux_policy.conf), not the kernel's. */
#define POL_PROCESS		2
#define POL_FILE		3
#define POL_DIR			4
#define POL_TRANSITION		(1U << 0)
#define POL_READ		(1U << 0)
#define POL_WRITE		(1U << 1)
#define POL_GETATTR		(1U << 2)
#define POL_OPEN		(1U << 3)
#define POL_IOCTL		(1U << 4)
/* security/selinux/include/security.h */
#define FS_USE_XATTR		1
#define FS_USE_GENFS		4
#define FS_USE_NONE		5
/* security/selinux/include/avc.h: struct extended_perms_decision.used */
#define XPERMS_ALLOWED		1
#define POL_SEARCH		(1U << 0)

#define CTX_A		"system_u:system_r:ctest_a_t"
#define CTX_B		"system_u:system_r:ctest_b_t"
#define CTX_FILE	"system_u:object_r:file_t"
#define CTX_SECRET	"system_u:object_r:ctest_secret_t"

/* What the load handed back: the new policy is the server's. */
static void *load_state[CORDON_LOAD_STATE_WORDS];
static bool loaded;

static long counter(enum cordon_counter c)
{
	return atomic_long_read(&cordon_counters[c]);
}

static bool views(void)
{
	return cordon_active() && cordon_sealed_compartment();
}

static void need_policy(struct kunit *test)
{
	if (!loaded)
		kunit_skip(test, "the suite's policy did not load");
}

/* The kernel's value of a class (secclass_map), from 1. */
static u16 kernel_class(struct kunit *test, const char *name)
{
	u16 i;

	for (i = 0; secclass_map[i].name; i++)
		if (!strcmp(secclass_map[i].name, name))
			return i + 1;
	KUNIT_FAIL(test, "no class %s in the kernel's map", name);
	return 0;
}

static u32 sid_of(struct kunit *test, const char *ctx)
{
	u32 sid = 0;

	KUNIT_EXPECT_EQ(test, security_context_str_to_sid(&selinux_state, ctx,
							  &sid, GFP_KERNEL), 0);
	KUNIT_EXPECT_NE(test, sid, 0U);
	return sid;
}

static void av(u32 ssid, u32 tsid, u16 tclass, u32 *avd)
{
	memset(avd, 0, CORDON_AVD_WORDS * sizeof(u32));
	security_compute_av_user(&selinux_state, ssid, tsid, tclass,
				 (struct av_decision *)avd);
}

/*
 * The server's code and data are the sealed compartment's, each API
 * function a gate into the sealed view, and the kernel reads and writes
 * none of it.
 */
static void test_server_is_sealed(struct kunit *test)
{
	const struct cordon_compartment *sealed = cordon_sealed_compartment();
	const struct cordon_entry_record *e;
	long denied, got = 0, forged = 1;

	if (!views())
		kunit_skip(test, "Cordon is off: the server is kernel code");
	KUNIT_EXPECT_PTR_EQ(test, cordon_owner(PHYS_PFN(
			    __pa_symbol(__cordon_flask_text_start))), sealed);
	KUNIT_EXPECT_PTR_EQ(test, cordon_owner(PHYS_PFN(
			    __pa_symbol(&cordon_flask_state))), sealed);
	/* instrumentation/entries/flask.entries, and the audit callback. */
	KUNIT_EXPECT_GE(test, __cordon_flask_entries_end -
			__cordon_flask_entries_start, 49);
	for (e = __cordon_flask_entries_start; e < __cordon_flask_entries_end;
	     e++) {
		KUNIT_ASSERT_FALSE(test, IS_ERR_OR_NULL(*e->slot));
		KUNIT_EXPECT_EQ(test, (*e->slot)->view, sealed->view);
	}
	/* Its state is for the kernel to read, not to write. */
	KUNIT_EXPECT_PTR_EQ(test, cordon_owner(PHYS_PFN(
			    __pa_symbol(__cordon_flask_readable_end) - 1)),
			    sealed);
	KUNIT_EXPECT_GE(test, (unsigned long)&cordon_flask_state,
			(unsigned long)__cordon_flask_data_start);
	KUNIT_EXPECT_LT(test, (unsigned long)&cordon_flask_state,
			(unsigned long)__cordon_flask_readable_end);
	denied = counter(CORDON_CTR_VE_DENIED);
	KUNIT_EXPECT_EQ(test, copy_from_kernel_nofault(&got,
			&cordon_flask_state, sizeof(got)), 0);
	KUNIT_EXPECT_EQ(test, copy_to_kernel_nofault(&cordon_flask_state,
			&forged, sizeof(forged)), -EFAULT);
	/* Its code and the rest of its data are not even for reading. */
	got = 0;
	KUNIT_EXPECT_EQ(test, copy_from_kernel_nofault(&got,
			__cordon_flask_text_start, sizeof(got)), -EFAULT);
	KUNIT_EXPECT_EQ(test, copy_from_kernel_nofault(&got,
			__cordon_flask_readable_end, sizeof(got)), -EFAULT);
	KUNIT_EXPECT_EQ(test, got, 0L);
	KUNIT_EXPECT_EQ(test, counter(CORDON_CTR_VE_DENIED), denied + 3);
}

/* No policy yet: the server allows everything, as upstream's does. */
static void test_server_answers_before_a_policy(struct kunit *test)
{
	u32 avd[CORDON_AVD_WORDS];

	if (loaded)
		kunit_skip(test, "a policy is loaded already");
	av(1, 1, POL_FILE, avd);
	KUNIT_EXPECT_EQ(test, avd[CORDON_AVD_ALLOWED], 0xffffffffU);
	KUNIT_EXPECT_EQ(test, security_mls_enabled(&selinux_state), 0);
	KUNIT_EXPECT_FALSE(test, cordon_flask_initialized());
}

/*
 * Loads and commits the policy image at @image (the kernel's, as
 * selinuxfs would copy it from user space) into the server, checking that
 * what the server built is sealed memory: the kernel holds a pointer to
 * the new policy and cannot read a byte of it. @ls gets the load state.
 */
static void load(struct kunit *test, const char *image, size_t len,
		 void **ls)
{
	long denied = counter(CORDON_CTR_VE_DENIED), got = 0;
	void *copy = vmalloc(len);
	int rc;

	KUNIT_ASSERT_NOT_NULL(test, copy);
	memcpy(copy, image, len);
	rc = security_load_policy(&selinux_state, copy, len,
				  (struct selinux_load_state *)ls);
	vfree(copy);
	KUNIT_ASSERT_EQ(test, rc, 0);
	KUNIT_ASSERT_NOT_NULL(test, ls[0]);
	if (views()) {
		KUNIT_EXPECT_PTR_EQ(test, cordon_owner(PHYS_PFN(__pa(ls[0]))),
				    cordon_sealed_compartment());
		KUNIT_EXPECT_EQ(test, copy_from_kernel_nofault(&got, ls[0],
				sizeof(got)), -EFAULT);
		KUNIT_EXPECT_EQ(test, got, 0L);
		KUNIT_EXPECT_EQ(test, counter(CORDON_CTR_VE_DENIED),
				denied + 1);
	}
	selinux_policy_commit(&selinux_state, (struct selinux_load_state *)ls);
}

/* The suite's policy is copied into the server before it parses it. */
static void test_policy_loads_into_sealed_memory(struct kunit *test)
{
	long restored = counter(CORDON_CTR_STATE_RESTORED);
	long faults = counter(CORDON_CTR_COMPARTMENT_FAULTS);

	KUNIT_ASSERT_FALSE(test, loaded);
	load(test, cordon_test_policy,
	     cordon_test_policy_end - cordon_test_policy, load_state);
	loaded = true;
	/* The kernel reads that the server has a policy, from its state. */
	KUNIT_EXPECT_TRUE(test, cordon_flask_initialized());
	/*
	 * The notifications that may sleep (the AVC's reset flushes the
	 * network caches with synchronize_rcu()) ran after the crossing: none
	 * slept inside it, which would have unbalanced its preemption count.
	 */
	KUNIT_EXPECT_EQ(test, counter(CORDON_CTR_STATE_RESTORED), restored);
	KUNIT_EXPECT_EQ(test, counter(CORDON_CTR_COMPARTMENT_FAULTS), faults);
}

/* The server's decisions are the policy's rules. */
static void test_decisions_are_the_policys(struct kunit *test)
{
	u32 a, b, file, secret, avd[CORDON_AVD_WORDS];

	need_policy(test);
	a = sid_of(test, CTX_A);
	b = sid_of(test, CTX_B);
	file = sid_of(test, CTX_FILE);
	secret = sid_of(test, CTX_SECRET);
	KUNIT_EXPECT_NE(test, a, b);

	av(a, file, POL_FILE, avd);
	KUNIT_EXPECT_EQ(test, avd[CORDON_AVD_ALLOWED],
			POL_READ | POL_GETATTR | POL_OPEN | POL_IOCTL);
	KUNIT_EXPECT_EQ(test, avd[CORDON_AVD_AUDITALLOW], POL_GETATTR);
	KUNIT_EXPECT_EQ(test, avd[CORDON_AVD_AUDITDENY], 0xffffffffU);

	av(b, secret, POL_FILE, avd);
	KUNIT_EXPECT_EQ(test, avd[CORDON_AVD_ALLOWED], 0U);
	KUNIT_EXPECT_EQ(test, avd[CORDON_AVD_AUDITDENY], ~POL_READ);

	av(b, file, POL_DIR, avd);
	KUNIT_EXPECT_EQ(test, avd[CORDON_AVD_ALLOWED], POL_SEARCH);
	av(a, b, POL_PROCESS, avd);
	KUNIT_EXPECT_EQ(test, avd[CORDON_AVD_ALLOWED], POL_TRANSITION);
	av(b, a, POL_PROCESS, avd);
	KUNIT_EXPECT_EQ(test, avd[CORDON_AVD_ALLOWED], 0U);
}

/* An interrupt's AVC miss while this CPU is inside the server. */
#define NEST_PERIOD_NS	50000
#define NEST_MAX	8
#define NEST_LOADS	20

struct nest {
	struct hrtimer timer;
	u32 ssid, tsid;
	unsigned int nested, outside;
	bool stop;
	u32 avd[NEST_MAX][CORDON_AVD_WORDS];
};

static enum hrtimer_restart nest_fire(struct hrtimer *t)
{
	struct nest *n = container_of(t, struct nest, timer);
	u32 *avd;

	if (!cordon_in_sealed_crossing()) {
		n->outside++;
	} else if (n->nested < NEST_MAX) {
		/* What the caller's stack held: avc_has_perm()'s avd is not set. */
		avd = n->avd[n->nested++];
		memset(avd, 0xa5, CORDON_AVD_WORDS * sizeof(u32));
		security_compute_av_user(&selinux_state, n->ssid, n->tsid,
					 POL_FILE, (struct av_decision *)avd);
	}
	if (READ_ONCE(n->stop) || n->nested == NEST_MAX)
		return HRTIMER_NORESTART;
	hrtimer_forward_now(t, ns_to_ktime(NEST_PERIOD_NS));
	return HRTIMER_RESTART;
}

/*
 * A timer interrupt on this CPU while it is inside the server (loading a
 * policy, the longest crossing there is) asks the server for a decision,
 * as an AVC miss in an interrupt or softirq would. The server's stack and
 * this CPU's exchange slot are the outer call's, so the inner one is
 * refused; what it must not do is leave its decision as the caller's
 * memory held it, which the AVC would cache: it reads as nothing allowed,
 * and is counted. (Answering it correctly instead, by nesting, is the
 * open part of the re-entry work: docs/design.md.)
 */
static void test_nested_miss_fails_closed(struct kunit *test)
{
	size_t len = cordon_test_policy_end - cordon_test_policy;
	long refused = counter(CORDON_CTR_GATE_REFUSED);
	struct nest *n;
	unsigned int i, w, loads;
	void *copy;

	need_policy(test);
	if (!views())
		kunit_skip(test, "without views the server is kernel code: nothing to nest in");
	n = kunit_kzalloc(test, sizeof(*n), GFP_KERNEL);
	copy = vmalloc(len);
	KUNIT_ASSERT_NOT_NULL(test, n);
	KUNIT_ASSERT_NOT_NULL(test, copy);
	memcpy(copy, cordon_test_policy, len);
	n->ssid = sid_of(test, CTX_A);
	n->tsid = sid_of(test, CTX_FILE);
	for (loads = 0; loads < NEST_LOADS && !n->nested; loads++) {
		void *ls[CORDON_LOAD_STATE_WORDS] = {};
		int rc;

		/* The timer is pinned: the load must run where it fires. */
		migrate_disable();
		WRITE_ONCE(n->stop, false);
		hrtimer_init(&n->timer, CLOCK_MONOTONIC,
			     HRTIMER_MODE_REL_PINNED_HARD);
		n->timer.function = nest_fire;
		hrtimer_start(&n->timer, ns_to_ktime(NEST_PERIOD_NS),
			      HRTIMER_MODE_REL_PINNED_HARD);
		rc = security_load_policy(&selinux_state, copy, len,
					  (struct selinux_load_state *)ls);
		WRITE_ONCE(n->stop, true);
		hrtimer_cancel(&n->timer);
		migrate_enable();
		KUNIT_ASSERT_EQ(test, rc, 0);
		selinux_policy_cancel(&selinux_state,
				      (struct selinux_load_state *)ls);
	}
	vfree(copy);
	kunit_info(test, "%u load(s): %u interrupt(s) inside the server, %u outside\n",
		   loads, n->nested, n->outside);
	KUNIT_ASSERT_GT_MSG(test, n->nested, 0U,
			    "no timer interrupt came while the server loaded a policy");
	for (i = 0; i < n->nested; i++)
		for (w = 0; w < CORDON_AVD_WORDS; w++)
			KUNIT_EXPECT_EQ_MSG(test, n->avd[i][w], 0U,
					    "inner call %u, word %u", i, w);
	KUNIT_EXPECT_GE(test, counter(CORDON_CTR_GATE_REFUSED),
			refused + n->nested);
	/* The outer calls were not disturbed: decisions as before. */
	av(n->ssid, n->tsid, POL_FILE, n->avd[0]);
	KUNIT_EXPECT_EQ(test, n->avd[0][CORDON_AVD_ALLOWED],
			POL_READ | POL_GETATTR | POL_OPEN | POL_IOCTL);
}

/* A SID's context comes back as the caller's own copy of the string. */
static void test_contexts_come_back_as_copies(struct kunit *test)
{
	char *ctx = NULL;
	u32 len = 0;

	need_policy(test);
	KUNIT_ASSERT_EQ(test, security_sid_to_context(&selinux_state,
			sid_of(test, CTX_B), &ctx, &len), 0);
	KUNIT_ASSERT_NOT_NULL(test, ctx);
	KUNIT_EXPECT_EQ(test, len, (u32)sizeof(CTX_B));
	KUNIT_EXPECT_STREQ(test, ctx, CTX_B);
	/* Kernel memory, which the caller frees. */
	if (views())
		KUNIT_EXPECT_PTR_NE(test, cordon_owner(PHYS_PFN(__pa(ctx))),
				    cordon_sealed_compartment());
	kfree(ctx);
}

/*
 * security_get_user_sids() asks, inside the server, which of a user's
 * contexts the caller may transition to (flask/ss/cordon_server.c): one,
 * by the policy.
 */
static void test_user_sids_are_the_reachable_ones(struct kunit *test)
{
	char user[] = "system_u";
	u32 *sids = NULL, n = 0;

	need_policy(test);
	KUNIT_ASSERT_EQ(test, security_get_user_sids(&selinux_state,
			sid_of(test, CTX_A), user, &sids, &n), 0);
	KUNIT_ASSERT_EQ(test, n, 1U);
	KUNIT_ASSERT_NOT_NULL(test, sids);
	KUNIT_EXPECT_EQ(test, sids[0], sid_of(test, CTX_B));
	kfree(sids);
}

/*
 * The API functions that take kernel structures go through the kernel's
 * adapters (flask/ss/cordon_kernel.c), which pass what the server reads
 * of them: a superblock's type name, a qstr's name, an ioctl decision's
 * arrays in one block.
 */
static void test_adapters_pass_what_the_server_reads(struct kunit *test)
{
	struct cordon_flask_sb_label label = { .sid = 0, .behavior = 0 };
	struct cordon_flask_xperms xp;
	struct qstr secret_name = QSTR_INIT("secret", 6);
	struct qstr other_name = QSTR_INIT("other", 5);
	u32 a, file, sid = 0;
	u16 fclass;

	need_policy(test);
	a = sid_of(test, CTX_A);
	file = sid_of(test, CTX_FILE);
	KUNIT_ASSERT_EQ(test, kernel_class(test, "security"), 1);
	fclass = kernel_class(test, "file");

	/* fs_use_xattr ext2; genfscon proc; nothing for the third. */
	KUNIT_EXPECT_EQ(test, cordon_flask_fs_use(&selinux_state, "ext2",
						  &label), 0);
	KUNIT_EXPECT_EQ(test, label.behavior, FS_USE_XATTR);
	KUNIT_EXPECT_EQ(test, label.sid, file);
	label.sid = 0;
	KUNIT_EXPECT_EQ(test, cordon_flask_fs_use(&selinux_state, "proc",
						  &label), 0);
	KUNIT_EXPECT_EQ(test, label.behavior, FS_USE_GENFS);
	KUNIT_EXPECT_EQ(test, label.sid, file);
	KUNIT_EXPECT_EQ(test, cordon_flask_fs_use(&selinux_state, "cordonfs",
						  &label), 0);
	KUNIT_EXPECT_EQ(test, label.behavior, FS_USE_NONE);

	/* The name picks the transition; without one, the parent's type. */
	KUNIT_EXPECT_EQ(test, security_transition_sid(&selinux_state, a, file,
			fclass, &secret_name, &sid), 0);
	KUNIT_EXPECT_EQ(test, sid, sid_of(test, CTX_SECRET));
	KUNIT_EXPECT_EQ(test, security_transition_sid(&selinux_state, a, file,
			fclass, &other_name, &sid), 0);
	KUNIT_EXPECT_EQ(test, sid, file);
	KUNIT_EXPECT_EQ(test, security_transition_sid(&selinux_state, a, file,
			fclass, NULL, &sid), 0);
	KUNIT_EXPECT_EQ(test, sid, file);

	/* allowxperm ctest_a_t file_t:file ioctl 0x1234 */
	memset(&xp, 0xa5, sizeof(xp));
	cordon_flask_xperms_decision(&selinux_state, a, file, fclass, 0x12,
				     &xp);
	KUNIT_EXPECT_EQ(test, xp.driver, 0x12);
	KUNIT_EXPECT_EQ(test, xp.used & XPERMS_ALLOWED, XPERMS_ALLOWED);
	KUNIT_EXPECT_EQ(test, xp.allowed[0x34 / 32], 1U << (0x34 % 32));
	KUNIT_EXPECT_EQ(test, xp.allowed[0], 0U);
	cordon_flask_xperms_decision(&selinux_state, a, file, fclass, 0x13,
				     &xp);
	KUNIT_EXPECT_EQ(test, xp.allowed[0x34 / 32], 0U);
}

/*
 * Attacks by the kernel: it reads the live policy, overwrites the server's
 * root pointer, and aims the server's out-parameters at sealed memory (a
 * confused deputy). Each is denied and reported, and the server answers
 * as before.
 */
static void test_kernel_cannot_reach_the_policy(struct kunit *test)
{
	long denied, got = 0, forged = 0;
	u32 a, file, avd[CORDON_AVD_WORDS];
	char *ctx = NULL;
	u32 len = 0;

	need_policy(test);
	if (!views())
		kunit_skip(test, "Cordon is off: the server is kernel code");
	a = sid_of(test, CTX_A);
	file = sid_of(test, CTX_FILE);
	denied = counter(CORDON_CTR_VE_DENIED);
	/* The policydb, inside the live policy. */
	KUNIT_EXPECT_EQ(test, copy_from_kernel_nofault(&got,
			(char *)load_state[0] + 64, sizeof(got)), -EFAULT);
	KUNIT_EXPECT_EQ(test, got, 0L);
	/* The root pointer and the initialized flag, in the server's state. */
	KUNIT_EXPECT_EQ(test, copy_to_kernel_nofault(&cordon_flask_state,
			&forged, sizeof(forged)), -EFAULT);
	/* A SID written into the policy, a context pointer into the state. */
	KUNIT_EXPECT_EQ(test, security_context_str_to_sid(&selinux_state,
			CTX_A, (u32 *)load_state[0], GFP_KERNEL), -EFAULT);
	KUNIT_EXPECT_EQ(test, security_sid_to_context(&selinux_state, a,
			(char **)&cordon_flask_state, &len), -EFAULT);
	/* The adapters' blocks, aimed at the state and at the policy. */
	KUNIT_EXPECT_EQ(test, cordon_flask_fs_use(&selinux_state, "ext2",
			(struct cordon_flask_sb_label *)load_state[0]),
			-EFAULT);
	KUNIT_EXPECT_EQ(test, cordon_flask_transition_sid(&selinux_state, a,
			file, POL_FILE, "secret", (u32 *)&cordon_flask_state),
			-EFAULT);
	KUNIT_EXPECT_EQ(test, counter(CORDON_CTR_VE_DENIED), denied + 6);

	av(a, file, POL_FILE, avd);
	KUNIT_EXPECT_EQ(test, avd[CORDON_AVD_ALLOWED],
			POL_READ | POL_GETATTR | POL_OPEN | POL_IOCTL);
	KUNIT_EXPECT_EQ(test, security_sid_to_context(&selinux_state, a,
			&ctx, &len), 0);
	KUNIT_EXPECT_STREQ(test, ctx, CTX_A);
	kfree(ctx);
}

/*
 * The enforcing switch (CONFIG_SECURITY_SELINUX_DEVELOP) is the server's:
 * the hooks read it in the server's page, enforcing_set() asks the
 * server, and a write from the kernel view is denied and reported.
 */
static void test_enforcing_is_the_servers(struct kunit *test)
{
	const bool *sw = cordon_flask_enforcing_switch();
	bool was = cordon_flask_enforcing(), forged = !was;
	long denied;

	if (!sw)
		kunit_skip(test, "no enforcing switch: SELinux always enforces");
	KUNIT_EXPECT_EQ(test, READ_ONCE(*sw), was);
	if (views()) {
		denied = counter(CORDON_CTR_VE_DENIED);
		KUNIT_EXPECT_EQ(test, copy_to_kernel_nofault((void *)sw,
				&forged, sizeof(forged)), -EFAULT);
		KUNIT_EXPECT_EQ(test, counter(CORDON_CTR_VE_DENIED),
				denied + 1);
		KUNIT_EXPECT_EQ(test, cordon_flask_enforcing(), was);
	}
	/* enforcing_set() and the entry point, and back as it was. */
	cordon_selinux_enforcing_set(!was);
	KUNIT_EXPECT_EQ(test, cordon_flask_enforcing(), !was);
	KUNIT_EXPECT_EQ(test, cordon_flask_set_enforcing(&selinux_state,
							 was), 0);
	KUNIT_EXPECT_EQ(test, cordon_flask_enforcing(), was);
}

/* The kernel's bit of a permission of a class (secclass_map). */
static u32 kernel_perm(struct kunit *test, const char *class,
		       const char *perm)
{
	u16 c = kernel_class(test, class);
	unsigned int i;

	for (i = 0; c && secclass_map[c - 1].perms[i]; i++)
		if (!strcmp(secclass_map[c - 1].perms[i], perm))
			return 1U << i;
	KUNIT_FAIL(test, "no permission %s in the kernel's class %s", perm,
		   class);
	return 0;
}

/* The server's node for a triple, as the kernel's lookups find it. */
static struct cordon_avc_node *cached(u32 ssid, u32 tsid, u16 tclass)
{
	struct cordon_avc_node *node, *found = NULL;
	unsigned int i;

	rcu_read_lock();
	for (i = 0; i < CORDON_AVC_SLOTS && !found; i++)
		hlist_for_each_entry_rcu(node, &cordon_flask_avc.slots[i],
					 list)
			if (node->ssid == ssid && node->tsid == tsid &&
			    node->tclass == tclass) {
				found = node;
				break;
			}
	rcu_read_unlock();
	return found;
}

static long server_crossings(void)
{
	const struct cordon_compartment *sealed = cordon_sealed_compartment();

	return sealed ? atomic_long_read(&sealed->crossings) : 0;
}

/*
 * The AVC's cache is the server's: a miss crosses once, and the server
 * computes the decision and caches it in its kernel-readable page; the
 * next check finds it there and crosses nothing. A decision with
 * extended permissions is answered and not cached.
 */
static void test_avc_cache_is_the_servers(struct kunit *test)
{
	u16 dir = kernel_class(test, "dir"), file = kernel_class(test, "file");
	u32 search = kernel_perm(test, "dir", "search");
	u32 ioctl = kernel_perm(test, "file", "ioctl");
	u32 a, b, f, avd[CORDON_AVD_WORDS], hit[CORDON_AVD_WORDS];
	struct cordon_avc_node *node;
	long crossings;

	need_policy(test);
	a = sid_of(test, CTX_A);
	b = sid_of(test, CTX_B);
	f = sid_of(test, CTX_FILE);
	cordon_avc_flush();
	KUNIT_EXPECT_NULL(test, cached(b, f, dir));

	crossings = server_crossings();
	KUNIT_EXPECT_EQ(test, avc_has_perm_noaudit(&selinux_state, b, f, dir,
			search, 0, (struct av_decision *)avd), 0);
	if (views())
		KUNIT_EXPECT_EQ(test, server_crossings(), crossings + 1);
	node = cached(b, f, dir);
	KUNIT_ASSERT_NOT_NULL(test, node);
	KUNIT_EXPECT_EQ(test, memcmp(node->avd, avd, sizeof(avd)), 0);
	KUNIT_EXPECT_TRUE(test, node->avd[CORDON_AVD_ALLOWED] & search);
	/* The load's reset, in the server's crossing, set the seqno. */
	KUNIT_EXPECT_EQ(test, node->avd[CORDON_AVD_SEQNO],
			READ_ONCE(cordon_flask_avc.latest_notif));
	KUNIT_EXPECT_GE(test, (unsigned long)node,
			(unsigned long)__cordon_flask_data_start);
	KUNIT_EXPECT_LT(test, (unsigned long)node,
			(unsigned long)__cordon_flask_readable_end);

	crossings = server_crossings();
	KUNIT_EXPECT_EQ(test, avc_has_perm_noaudit(&selinux_state, b, f, dir,
			search, 0, (struct av_decision *)hit), 0);
	KUNIT_EXPECT_EQ(test, server_crossings(), crossings);
	KUNIT_EXPECT_EQ(test, memcmp(hit, avd, sizeof(avd)), 0);

	/* ctest_a_t's ioctl on file_t has an allowxperm rule. */
	KUNIT_EXPECT_EQ(test, avc_has_perm_noaudit(&selinux_state, a, f, file,
			ioctl, 0, (struct av_decision *)avd), 0);
	KUNIT_EXPECT_NULL(test, cached(a, f, file));

	/* A flush empties it; its nodes come back after grace periods. */
	cordon_avc_flush();
	KUNIT_EXPECT_NULL(test, cached(b, f, dir));
	cordon_avc_reap_wait();
	KUNIT_EXPECT_EQ(test, avc_has_perm_noaudit(&selinux_state, b, f, dir,
			search, 0, (struct av_decision *)avd), 0);
	KUNIT_EXPECT_NOT_NULL(test, cached(b, f, dir));
}

/*
 * A kernel write primitive cannot forge a cached decision: the node, its
 * slot and the cache's sequence number are the server's, and the kernel
 * view's writes to them are denied and reported. Nor can the kernel have
 * the server grant what the policy enforces.
 */
static void test_kernel_cannot_forge_a_cached_decision(struct kunit *test)
{
	u16 file = kernel_class(test, "file");
	u32 read = kernel_perm(test, "file", "read");
	u32 b, secret, avd[CORDON_AVD_WORDS], all = ~0U;
	struct cordon_avc_node *node, forged = {};
	bool was = cordon_flask_enforcing();
	void *head = &forged.list;
	long denied;

	need_policy(test);
	b = sid_of(test, CTX_B);
	secret = sid_of(test, CTX_SECRET);
	/* Enforcing, so that the denial is neither granted nor cached so. */
	KUNIT_ASSERT_EQ(test, cordon_flask_set_enforcing(&selinux_state, true),
			0);
	cordon_avc_flush();
	KUNIT_EXPECT_EQ(test, avc_has_perm_noaudit(&selinux_state, b, secret,
			file, read, 0, (struct av_decision *)avd), -EACCES);
	node = cached(b, secret, file);
	KUNIT_ASSERT_NOT_NULL(test, node);
	KUNIT_EXPECT_EQ(test, node->avd[CORDON_AVD_ALLOWED] & read, 0U);

	/* The server refuses to grant where its policy enforces. */
	KUNIT_EXPECT_EQ(test, cordon_flask_avc_grant(&selinux_state, b, secret,
			file, node->avd[CORDON_AVD_SEQNO], read), -EPERM);
	KUNIT_EXPECT_EQ(test, node->avd[CORDON_AVD_ALLOWED] & read, 0U);

	if (views()) {
		denied = counter(CORDON_CTR_VE_DENIED);
		/* The decision, a forged node in its slot, the seqno. */
		KUNIT_EXPECT_EQ(test, copy_to_kernel_nofault(
				&node->avd[CORDON_AVD_ALLOWED], &all,
				sizeof(all)), -EFAULT);
		forged.ssid = b;
		forged.tsid = secret;
		forged.tclass = file;
		forged.avd[CORDON_AVD_ALLOWED] = ~0U;
		forged.avd[CORDON_AVD_SEQNO] = node->avd[CORDON_AVD_SEQNO];
		KUNIT_EXPECT_EQ(test, copy_to_kernel_nofault(node->list.pprev,
				&head, sizeof(head)), -EFAULT);
		KUNIT_EXPECT_EQ(test, copy_to_kernel_nofault(
				&cordon_flask_avc.latest_notif, &all,
				sizeof(all)), -EFAULT);
		KUNIT_EXPECT_EQ(test, counter(CORDON_CTR_VE_DENIED),
				denied + 3);
	}
	KUNIT_EXPECT_EQ(test, avc_has_perm_noaudit(&selinux_state, b, secret,
			file, read, 0, (struct av_decision *)avd), -EACCES);
	KUNIT_EXPECT_PTR_EQ(test, cached(b, secret, file), node);
	KUNIT_EXPECT_EQ(test, avd[CORDON_AVD_ALLOWED] & read, 0U);
	cordon_flask_set_enforcing(&selinux_state, was);
}

static void free_names(char **names, u32 n)
{
	u32 i;

	for (i = 0; names && i < n; i++)
		kfree(names[i]);
	kfree(names);
}

/*
 * Between a load and its commit the kernel holds the new policy, which
 * selinuxfs asks for its names (copies, in kernel memory) and commits or
 * cancels. It is a handle: the server takes back the one it handed out,
 * once, and refuses anything else, reported.
 */
static void test_a_load_is_a_handle(struct kunit *test)
{
	struct selinux_load_state *ls;
	long refused = counter(CORDON_CTR_HANDLES_REFUSED);
	void *state[CORDON_LOAD_STATE_WORDS] = {};
	void *forged[CORDON_LOAD_STATE_WORDS] = {};
	void *copy, *policy;
	char **names = NULL, *ctx = NULL;
	int *values = NULL;
	u32 n = 0, sid = 0;
	size_t len = cordon_test_policy_end - cordon_test_policy;

	need_policy(test);
	ls = (struct selinux_load_state *)state;
	copy = vmalloc(len);
	KUNIT_ASSERT_NOT_NULL(test, copy);
	memcpy(copy, cordon_test_policy, len);
	KUNIT_ASSERT_EQ(test, security_load_policy(&selinux_state, copy, len,
						   ls), 0);
	vfree(copy);
	policy = state[0];
	/* One load at a time. */
	KUNIT_EXPECT_EQ(test, security_load_policy(&selinux_state,
			(void *)cordon_test_policy, len,
			(struct selinux_load_state *)forged), -EBUSY);

	KUNIT_ASSERT_EQ(test, security_get_classes(policy, &names, &n), 0);
	KUNIT_ASSERT_EQ(test, n, 4U);
	KUNIT_EXPECT_STREQ(test, names[POL_FILE - 1], "file");
	KUNIT_EXPECT_STREQ(test, names[POL_DIR - 1], "dir");
	if (views())
		KUNIT_EXPECT_PTR_NE(test, cordon_owner(PHYS_PFN(__pa(names))),
				    cordon_sealed_compartment());
	free_names(names, n);
	KUNIT_ASSERT_EQ(test, security_get_permissions(policy, "file", &names,
						       &n), 0);
	KUNIT_ASSERT_EQ(test, n, 5U);
	KUNIT_EXPECT_STREQ(test, names[0], "read");
	KUNIT_EXPECT_STREQ(test, names[4], "ioctl");
	free_names(names, n);
	KUNIT_EXPECT_EQ(test, security_get_permissions(policy, "nosuchclass",
						       &names, &n), -EINVAL);
	KUNIT_ASSERT_EQ(test, security_get_bools(policy, &n, &names, &values),
			0);
	KUNIT_ASSERT_EQ(test, n, 1U);
	KUNIT_EXPECT_STREQ(test, names[0], "ctest_flag");
	KUNIT_EXPECT_EQ(test, values[0], 1);
	free_names(names, n);
	kfree(values);
	KUNIT_EXPECT_EQ(test, selinux_policy_genfs_sid(policy, "proc", "/", 0,
						       &sid), 0);
	KUNIT_EXPECT_EQ(test, sid, sid_of(test, CTX_FILE));
	KUNIT_EXPECT_EQ(test, counter(CORDON_CTR_HANDLES_REFUSED), refused);

	/* Anything else named as the policy: the live one, the state. */
	KUNIT_EXPECT_EQ(test, security_get_classes(load_state[0], &names, &n),
			CORDON_FLASK_BAD_HANDLE);
	KUNIT_EXPECT_NULL(test, names);
	KUNIT_EXPECT_EQ(test, selinux_policy_genfs_sid(
			(struct selinux_policy *)&cordon_flask_state, "proc",
			"/", 0, &sid), CORDON_FLASK_BAD_HANDLE);
	forged[0] = load_state[0];
	selinux_policy_commit(&selinux_state,
			      (struct selinux_load_state *)forged);
	KUNIT_EXPECT_EQ(test, counter(CORDON_CTR_HANDLES_REFUSED),
			refused + 3);

	/* Cancelled once; then it is no handle at all. */
	selinux_policy_cancel(&selinux_state, ls);
	KUNIT_EXPECT_EQ(test, counter(CORDON_CTR_HANDLES_REFUSED),
			refused + 3);
	selinux_policy_commit(&selinux_state, ls);
	KUNIT_EXPECT_EQ(test, security_get_bools(policy, &n, &names, &values),
			CORDON_FLASK_BAD_HANDLE);
	KUNIT_EXPECT_EQ(test, counter(CORDON_CTR_HANDLES_REFUSED),
			refused + 5);
	/* The committed policy still answers. */
	KUNIT_EXPECT_EQ(test, security_sid_to_context(&selinux_state,
			sid_of(test, CTX_A), &ctx, &n), 0);
	KUNIT_EXPECT_STREQ(test, ctx, CTX_A);
	kfree(ctx);
}

/* === Debian's selinux-policy-default (scripts/fetch-policy) === */

/* Debian's policy takes about 7 MiB of the sealed heap, and its image 2. */
#define DEBIAN_POOL	SZ_32M

static bool debian_loaded;

static void need_debian_pool(struct kunit *test)
{
	if (views() && cordon_sealed_pool_size() < DEBIAN_POOL)
		kunit_skip(test, "Debian's policy needs cordon_sealed_size=%luM",
			   (unsigned long)DEBIAN_POOL >> 20);
}

/*
 * Debian's policy, 2 MiB and more, replaces the suite's: the image comes
 * in a slot at a time (copy=pull), the server converts the SIDs it has to
 * the new policy, and what it builds is sealed.
 */
static void test_debian_policy_loads_sealed(struct kunit *test)
{
	size_t len = cordon_debian_policy_end - cordon_debian_policy;
	long restored = counter(CORDON_CTR_STATE_RESTORED);
	void *ls[CORDON_LOAD_STATE_WORDS] = {};
	u64 start;

	need_debian_pool(test);
	KUNIT_ASSERT_GT(test, len, (size_t)SZ_1M);
	start = ktime_get_ns();
	load(test, cordon_debian_policy, len, ls);
	kunit_info(test, "Debian's policy: %zu bytes, loaded in %llu ms%s\n",
		   len, (ktime_get_ns() - start) / NSEC_PER_MSEC,
		   views() ? ", sealed" : "");
	if (views())
		kunit_info(test, "the sealed heap: %ld of %ld pages in use\n",
			   cordon_stest_ops.stat(CORDON_SRT_PAGES_USED),
			   cordon_stest_ops.stat(CORDON_SRT_PAGES));
	KUNIT_EXPECT_EQ(test, counter(CORDON_CTR_STATE_RESTORED), restored);
	KUNIT_EXPECT_TRUE(test, cordon_flask_initialized());
	/* Debian's is an MCS policy. */
	KUNIT_EXPECT_EQ(test, security_mls_enabled(&selinux_state), 1);
	debian_loaded = true;
}

/* Contexts of Debian's policy go in and come back out; others do not. */
static void test_debian_contexts(struct kunit *test)
{
	static const char *const ctx[] = {
		"system_u:system_r:init_t:s0",
		"system_u:system_r:kernel_t:s0",
		"system_u:object_r:shadow_t:s0",
		"unconfined_u:unconfined_r:unconfined_t:s0-s0:c0.c1023",
	};
	char *out = NULL;
	unsigned int i;
	u32 sid, len;

	if (!debian_loaded)
		kunit_skip(test, "Debian's policy did not load");
	for (i = 0; i < ARRAY_SIZE(ctx); i++) {
		sid = sid_of(test, ctx[i]);
		KUNIT_ASSERT_EQ(test, security_sid_to_context(&selinux_state,
				sid, &out, &len), 0);
		KUNIT_EXPECT_STREQ(test, out, ctx[i]);
		kfree(out);
	}
	/* The suite's own types are gone with its policy. */
	sid = 0;
	KUNIT_EXPECT_EQ(test, security_context_str_to_sid(&selinux_state,
			"system_u:system_r:ctest_a_t:s0", &sid, GFP_KERNEL),
			-EINVAL);
}

/*
 * The differential test: libsepol's answers for sampled valid triples of
 * Debian's policy (flask/difftest/sepol-av, run by scripts/test-kunit),
 * and the server's, sealed or not (the boot with cordon=off runs this
 * too), must be the same: allowed, auditallow and auditdeny. Each
 * mismatch is printed with both answers.
 */
static void test_debian_decisions_match_libsepol(struct kunit *test)
{
	size_t len = cordon_debian_triples_end - cordon_debian_triples;
	unsigned long n = 0, mismatches = 0;
	char *text, *line, *next;
	u64 start;

	if (!debian_loaded)
		kunit_skip(test, "Debian's policy did not load");
	text = vmalloc(len + 1);
	KUNIT_ASSERT_NOT_NULL(test, text);
	memcpy(text, cordon_debian_triples, len);
	text[len] = '\0';
	start = ktime_get_ns();
	for (next = text; (line = strsep(&next, "\n"));) {
		char *scon, *tcon, *rest = line;
		u32 want[3], got[CORDON_AVD_WORDS], ssid = 0, tsid = 0;
		unsigned int tclass;

		if (!*line)
			continue;
		scon = strsep(&rest, " ");
		tcon = strsep(&rest, " ");
		if (!rest || sscanf(rest, "%u %x %x %x", &tclass, &want[0],
				    &want[1], &want[2]) != 4) {
			KUNIT_FAIL(test, "unreadable triple %lu: %s", n, line);
			break;
		}
		n++;
		if (security_context_str_to_sid(&selinux_state, scon, &ssid,
						GFP_KERNEL) ||
		    security_context_str_to_sid(&selinux_state, tcon, &tsid,
						GFP_KERNEL)) {
			if (mismatches++ < 10)
				KUNIT_FAIL(test, "%s %s: a context libsepol takes is refused",
					   scon, tcon);
			continue;
		}
		av(ssid, tsid, tclass, got);
		if (got[CORDON_AVD_ALLOWED] == want[0] &&
		    got[CORDON_AVD_AUDITALLOW] == want[1] &&
		    got[CORDON_AVD_AUDITDENY] == want[2])
			continue;
		if (mismatches++ < 10)
			KUNIT_FAIL(test, "%s %s class %u: libsepol %x %x %x, the server %x %x %x",
				   scon, tcon, tclass, want[0], want[1], want[2],
				   got[CORDON_AVD_ALLOWED],
				   got[CORDON_AVD_AUDITALLOW],
				   got[CORDON_AVD_AUDITDENY]);
	}
	vfree(text);
	kunit_info(test, "%lu triples, %lu mismatches, %llu ms%s\n", n,
		   mismatches, (ktime_get_ns() - start) / NSEC_PER_MSEC,
		   views() ? ", sealed" : ", unsealed");
	KUNIT_EXPECT_GT(test, n, 0UL);
	KUNIT_EXPECT_EQ(test, mismatches, 0UL);
}

static struct kunit_case sealed_selinux_debian_cases[] = {
	KUNIT_CASE(test_debian_policy_loads_sealed),
	KUNIT_CASE(test_debian_contexts),
	KUNIT_CASE(test_debian_decisions_match_libsepol),
	{}
};

static struct kunit_suite sealed_selinux_debian_suite = {
	.name = "cordon_sealed_selinux_debian",
	.test_cases = sealed_selinux_debian_cases,
};

static struct kunit_case sealed_selinux_cases[] = {
	KUNIT_CASE(test_server_is_sealed),
	KUNIT_CASE(test_server_answers_before_a_policy),
	KUNIT_CASE(test_policy_loads_into_sealed_memory),
	KUNIT_CASE(test_decisions_are_the_policys),
	KUNIT_CASE(test_nested_miss_fails_closed),
	KUNIT_CASE(test_contexts_come_back_as_copies),
	KUNIT_CASE(test_user_sids_are_the_reachable_ones),
	KUNIT_CASE(test_adapters_pass_what_the_server_reads),
	KUNIT_CASE(test_kernel_cannot_reach_the_policy),
	KUNIT_CASE(test_enforcing_is_the_servers),
	KUNIT_CASE(test_avc_cache_is_the_servers),
	KUNIT_CASE(test_kernel_cannot_forge_a_cached_decision),
	KUNIT_CASE(test_a_load_is_a_handle),
	{}
};

static struct kunit_suite sealed_selinux_suite = {
	.name = "cordon_sealed_selinux",
	.test_cases = sealed_selinux_cases,
};
kunit_test_suites(&sealed_selinux_suite, &sealed_selinux_debian_suite);

MODULE_LICENSE("GPL");
