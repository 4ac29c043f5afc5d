// SPDX-License-Identifier: GPL-2.0
/*
 * Cordon - the kernel side of the sealed SELinux server: its
 * notifications, and adapters for the API functions that take kernel
 * structures
 *
 * Synced into security/selinux/ss/ by scripts/fetch-linux and compiled as
 * kernel code (it is not part of the compartment flask). The server's
 * notifications after a policy load or a boolean change (the AVC, the
 * netlink socket, the status page, the superblocks of the first load)
 * come here in place of the kernel's functions (the pass's sealed
 * helpers), for two reasons:
 * - they may sleep (synchronize_rcu() in the network caches' flush) or
 *   call the server again (labelling superblocks, the status page asks
 *   whether unknown classes are allowed), which a call out of a crossing
 *   must not: they run once the crossing is over, in their order, before
 *   the caller goes on (cordon_after_crossing());
 * - the state they take is the kernel's, not the server's, which is not
 *   the kernel's to pass on.
 */

#include <linux/cordon.h>
#include <linux/dcache.h>
#include <linux/fs.h>
#include <linux/minmax.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/types.h>
#include <linux/workqueue.h>

#include "avc.h"
#include "avc_ss.h"
#include "objsec.h"
#include "security.h"
/* The prototypes code outside security/selinux uses: they must be these. */
#include "../../cordon/flask/server_api.h"

static void avc_reset(u32 seqno)
{
	avc_ss_reset(selinux_state.avc, seqno);
}

/**
 * cordon_flask_avc_ss_reset() - avc_ss_reset() for the sealed server
 * @avc: the server's idea of the AVC: ignored
 * @seqno: the new policy's sequence number
 *
 * Return: 0; the kernel's AVC is reset once the crossing is over.
 */
int cordon_flask_avc_ss_reset(struct selinux_avc *avc, u32 seqno)
{
	cordon_after_crossing(avc_reset, seqno);
	return 0;
}

static void status_update(u32 seqno)
{
	selinux_status_update_policyload(&selinux_state, seqno);
}

/**
 * cordon_flask_status_update_policyload() -
 * selinux_status_update_policyload() for the sealed server
 * @state: the server's state: ignored
 * @seqno: the new policy's sequence number
 */
void cordon_flask_status_update_policyload(struct selinux_state *state,
					   int seqno)
{
	cordon_after_crossing(status_update, seqno);
}

static void notify_policyload(u32 seqno)
{
	selnl_notify_policyload(seqno);
}

/**
 * cordon_flask_notify_policyload() - selnl_notify_policyload() for the
 * sealed server
 * @seqno: the new policy's sequence number
 */
void cordon_flask_notify_policyload(u32 seqno)
{
	cordon_after_crossing(notify_policyload, seqno);
}

static void complete_init(u32 unused)
{
	selinux_complete_init();
}

/**
 * cordon_flask_complete_init() - selinux_complete_init() for the sealed
 * server: it labels the superblocks mounted so far, asking the server
 */
void cordon_flask_complete_init(void)
{
	cordon_after_crossing(complete_init, 0);
}

/**
 * cordon_flask_initialized() - whether the server has a policy, as the
 * kernel's hooks read it
 *
 * The server's state is in a page the kernel may read but not write
 * (cordon_server.c); selinux_initialized() reads it there, whatever state
 * it is given (patch 0004), so the hooks check once the server has a
 * policy.
 *
 * Return: true once a policy is loaded.
 */
bool cordon_flask_initialized(void)
{
	return selinux_initialized(&selinux_state);
}

/**
 * cordon_selinux_enforcing_set() - enforcing_set(), which the server does
 * @value: enforcing (true) or permissive
 *
 * With CONFIG_SECURITY_SELINUX_DEVELOP the hooks, the AVC and the server
 * read one enforcing switch, in the server's state, which only the sealed
 * view writes (patch 0004): a kernel write primitive cannot make the
 * system permissive. selinuxfs and boot set it through the server. A
 * crossing that fails (never expected) leaves the switch as it was, and
 * says so.
 */
void cordon_selinux_enforcing_set(bool value)
{
	int rc = cordon_flask_set_enforcing(&selinux_state, value);

	if (rc)
		pr_err("SELinux: the sealed server did not set enforcing=%d (%d); it stays %d\n",
		       value, rc, cordon_flask_enforcing());
}

/**
 * cordon_flask_enforcing() - the enforcing switch the kernel's hooks read
 *
 * Return: whether SELinux enforces, as enforcing_enabled() reads it: the
 * server's switch with CONFIG_SECURITY_SELINUX_DEVELOP, always true
 * without.
 */
bool cordon_flask_enforcing(void)
{
	return enforcing_enabled(&selinux_state);
}

/**
 * cordon_flask_enforcing_switch() - where the enforcing switch is
 *
 * Return: the switch enforcing_enabled() reads, in the server's state;
 * NULL without CONFIG_SECURITY_SELINUX_DEVELOP, where it is a constant.
 */
const bool *cordon_flask_enforcing_switch(void)
{
#ifdef CONFIG_SECURITY_SELINUX_DEVELOP
	return &cordon_flask_state.enforcing;
#else
	return NULL;
#endif
}

/*
 * Adapters: the API functions that take kernel structures no gate
 * carries. The server's functions of these names are hidden from the
 * kernel (the pass's -cordon-adapted); these pass what the server reads
 * of the structures into an entry point of its own (cordon_server.c) and
 * write back what it writes, nothing else. They decide nothing.
 */

/**
 * security_fs_use() - how a superblock is labelled, from the server
 * @state: the kernel's state: the server uses its own
 * @sb: the superblock; the server reads its type's name and writes the
 *      SID and behaviour of its SELinux blob
 *
 * Return: 0, or -errno from the server or from the crossing (the blob
 * then keeps the values it had).
 */
int security_fs_use(struct selinux_state *state, struct super_block *sb)
{
	struct superblock_security_struct *sbsec = selinux_superblock(sb);
	struct cordon_flask_sb_label label = {
		.sid = sbsec->sid,
		.behavior = sbsec->behavior,
	};
	int rc;

	rc = cordon_flask_fs_use(state, sb->s_type->name, &label);
	sbsec->sid = label.sid;
	sbsec->behavior = label.behavior;
	return rc;
}

/**
 * security_transition_sid() - a new object's SID, from the server
 * @state: the kernel's state: the server uses its own
 * @ssid: source SID
 * @tsid: target SID
 * @tclass: the new object's class
 * @qstr: the new object's name, whose string the server reads; or NULL
 * @out_sid: where the new SID goes
 *
 * Return: 0, or -errno from the server or from the crossing.
 */
int security_transition_sid(struct selinux_state *state, u32 ssid, u32 tsid,
			    u16 tclass, const struct qstr *qstr, u32 *out_sid)
{
	return cordon_flask_transition_sid(state, ssid, tsid, tclass,
					   qstr ? (const char *)qstr->name :
						  NULL,
					   out_sid);
}

/**
 * security_compute_xperms_decision() - an ioctl driver's extended
 * permissions, from the server
 * @state: the kernel's state: the server uses its own
 * @ssid: source SID
 * @tsid: target SID
 * @orig_tclass: target class
 * @driver: the ioctl driver
 * @xpermd: the decision; its three arrays are filled
 *
 * A crossing that fails leaves every array empty: nothing allowed.
 */
void security_compute_xperms_decision(struct selinux_state *state, u32 ssid,
				      u32 tsid, u16 orig_tclass, u8 driver,
				      struct extended_perms_decision *xpermd)
{
	struct cordon_flask_xperms out = {};

	cordon_flask_xperms_decision(state, ssid, tsid, orig_tclass, driver,
				     &out);
	xpermd->driver = driver;
	xpermd->used = out.used;
	memcpy(xpermd->allowed->p, out.allowed, sizeof(out.allowed));
	memcpy(xpermd->auditallow->p, out.auditallow, sizeof(out.auditallow));
	memcpy(xpermd->dontaudit->p, out.dontaudit, sizeof(out.dontaudit));
}

/* A handle the server refused is the kernel's doing: reported. */
static int refused(const char *what, const void *handle, int rc)
{
	if (rc == CORDON_FLASK_BAD_HANDLE)
		cordon_report_bad_handle("flask", what, handle);
	return rc;
}

/**
 * security_load_policy() - load a policy into the server
 * @state: the kernel's state: the server uses its own
 * @data: the policy image, which the server copies before it parses it
 * @len: its length
 * @load_state: where the new policy's handle goes
 *
 * Return: 0, or -errno from the server or from the crossing.
 */
int security_load_policy(struct selinux_state *state, void *data, size_t len,
			 struct selinux_load_state *load_state)
{
	int rc = cordon_flask_load_policy(state, data, len, load_state);

	if (rc == -ENOMEM)
		pr_err("SELinux: the sealed server has no memory left for a policy of %zu bytes; boot with a larger cordon_sealed_size= (Debian's policy needs 32M, the default)\n",
		       len);
	return rc;
}

/**
 * selinux_policy_commit() - make the loaded policy the server's
 * @state: the kernel's state: the server uses its own
 * @load_state: what security_load_policy() handed out
 */
void selinux_policy_commit(struct selinux_state *state,
			   struct selinux_load_state *load_state)
{
	int rc = cordon_flask_policy_commit(state, load_state);

	if (refused(__func__, load_state->policy, rc))
		pr_err("SELinux: the sealed server did not commit the policy: %d\n",
		       rc);
}

/**
 * selinux_policy_cancel() - drop the loaded policy
 * @state: the kernel's state: the server uses its own
 * @load_state: what security_load_policy() handed out
 */
void selinux_policy_cancel(struct selinux_state *state,
			   struct selinux_load_state *load_state)
{
	int rc = cordon_flask_policy_cancel(state, load_state);

	if (refused(__func__, load_state->policy, rc))
		pr_err("SELinux: the sealed server did not cancel the load: %d\n",
		       rc);
}

/* One block of names into @names and @values from @from; -errno if bad. */
static int names_block(const char *block, u32 len, u32 from, u32 n,
		       char **names, int *values)
{
	const struct cordon_flask_names_head *head = (const void *)block;
	u32 i, at = sizeof(*head);

	if (len < sizeof(*head) || len > CORDON_FLASK_NAMES_BLOCK ||
	    head->total != n || head->count > n - from ||
	    (!head->count && from < n))
		return -EINVAL;
	for (i = 0; i < head->count; i++) {
		struct cordon_flask_name e;

		if (len - at < sizeof(e))
			return -EINVAL;
		memcpy(&e, block + at, sizeof(e));
		at += sizeof(e);
		if (e.len > len - at || (e.len && block[at + e.len - 1]))
			return -EINVAL;
		if (e.len) {
			names[from + i] = kmemdup(block + at, e.len,
						  GFP_KERNEL);
			if (!names[from + i])
				return -ENOMEM;
		}
		values[from + i] = e.value;
		at += min(ALIGN(e.len, 4), len - at);
	}
	return head->count;
}

/*
 * The arrays of names security_get_bools(), _classes() and _permissions()
 * hand out, rebuilt in kernel memory a block at a time
 * (cordon_flask_policy_names()). On error every output is empty.
 */
static int names_from_server(struct selinux_policy *policy, u32 what,
			     const char *class, const char *fn, u32 *total,
			     char ***names, int **values)
{
	struct cordon_flask_names_head head = {};
	char **v = NULL;
	int *val = NULL;
	u32 n = 0, from = 0, i;
	int rc;

	do {
		char *block = NULL;
		u32 len = 0;

		rc = cordon_flask_policy_names(policy, what, from, class,
					       &block, &len);
		if (refused(fn, policy, rc))
			goto err;
		rc = -EINVAL;
		if (!block || len < sizeof(head)) {
			kfree(block);
			goto err;
		}
		if (!from) {
			memcpy(&head, block, sizeof(head));
			n = head.total;
			if (n) {
				v = kcalloc(n, sizeof(*v), GFP_KERNEL);
				val = kcalloc(n, sizeof(*val), GFP_KERNEL);
			}
			rc = -ENOMEM;
			if (n && (!v || !val)) {
				kfree(block);
				goto err;
			}
		}
		rc = n ? names_block(block, len, from, n, v, val) : 0;
		kfree(block);
		if (rc < 0)
			goto err;
		from += rc;
	} while (from < n);

	*total = n;
	*names = v;
	if (values)
		*values = val;
	else
		kfree(val);
	return 0;
err:
	for (i = 0; v && i < n; i++)
		kfree(v[i]);
	kfree(v);
	kfree(val);
	*total = 0;
	*names = NULL;
	if (values)
		*values = NULL;
	return rc;
}

/**
 * security_get_bools() - the loaded policy's booleans, from the server
 * @policy: the handle security_load_policy() handed out
 * @len: where their number goes
 * @names: where the array of their names goes, which the caller frees
 * @values: where the array of their values goes, which the caller frees
 *
 * Return: 0, or -errno.
 */
int security_get_bools(struct selinux_policy *policy, u32 *len,
		       char ***names, int **values)
{
	return names_from_server(policy, CORDON_FLASK_BOOLS, NULL,
				 __func__, len, names,
				 values);
}

/**
 * security_get_classes() - the loaded policy's classes, from the server
 * @policy: the handle security_load_policy() handed out
 * @classes: where the array of their names goes, which the caller frees
 * @nclasses: where their number goes
 *
 * Return: 0, or -errno.
 */
int security_get_classes(struct selinux_policy *policy, char ***classes,
			 u32 *nclasses)
{
	return names_from_server(policy, CORDON_FLASK_CLASSES, NULL,
				 __func__, nclasses,
				 classes, NULL);
}

/**
 * security_get_permissions() - a class's permissions in the loaded
 * policy, from the server
 * @policy: the handle security_load_policy() handed out
 * @class: the class's name
 * @perms: where the array of their names goes, which the caller frees
 * @nperms: where their number goes
 *
 * Return: 0, or -errno.
 */
int security_get_permissions(struct selinux_policy *policy, char *class,
			     char ***perms, u32 *nperms)
{
	return names_from_server(policy, CORDON_FLASK_PERMS, class,
				 __func__, nperms,
				 perms, NULL);
}

/**
 * selinux_policy_genfs_sid() - a genfs SID in the loaded policy, from the
 * server
 * @policy: the handle security_load_policy() handed out
 * @fstype: the file system type
 * @path: the path
 * @sclass: the class
 * @sid: where the SID goes
 *
 * Return: 0, or -errno.
 */
int selinux_policy_genfs_sid(struct selinux_policy *policy,
			     const char *fstype, const char *path, u16 sclass,
			     u32 *sid)
{
	return refused(__func__, policy,
		       cordon_flask_policy_genfs_sid(policy, fstype, path,
						     sclass, sid));
}

static_assert(sizeof(((struct extended_perms_data *)0)->p) ==
	      sizeof(((struct cordon_flask_xperms *)0)->allowed));
static_assert(sizeof(struct cordon_flask_sb_label) == 8);
static_assert(sizeof(struct cordon_flask_xperms) == 100);
static_assert(sizeof(struct av_decision) == CORDON_AVD_WORDS * sizeof(u32));
static_assert(offsetof(struct av_decision, auditdeny) ==
	      CORDON_AVD_AUDITDENY * sizeof(u32));
static_assert(sizeof(struct selinux_load_state) ==
	      CORDON_LOAD_STATE_WORDS * sizeof(void *));
static_assert(offsetof(struct selinux_load_state, policy) == 0);

/*
 * The AVC's cache is the server's (cordon_avc.c); avc.c calls these for
 * what it would write there (patch 0005). Nodes the server took out of
 * its slots are reused once the kernel, which owns RCU, has let a grace
 * period pass twice after they went: each reap frees the nodes of the
 * one before.
 */
static void avc_reap(struct work_struct *work);
static struct rcu_work avc_reap_work = {
	.work = __WORK_INITIALIZER(avc_reap_work.work, avc_reap),
};

static void avc_reap_later(int rc)
{
	if (rc == CORDON_AVC_RETIRED)
		queue_rcu_work(system_wq, &avc_reap_work);
}

static void avc_reap(struct work_struct *work)
{
	avc_reap_later(cordon_flask_avc_reap(&selinux_state));
}

/**
 * cordon_avc_compute() - avc_compute_av()'s decision, computed and cached
 * by the server
 * @ssid: source SID
 * @tsid: target SID
 * @tclass: target class
 * @avd: where the decision goes; all zeros (nothing allowed) if the
 *	crossing failed
 * @xperms: where the extended permissions go
 */
void cordon_avc_compute(u32 ssid, u32 tsid, u16 tclass,
			struct av_decision *avd, struct extended_perms *xperms)
{
	avc_reap_later(cordon_flask_avc_compute(&selinux_state, ssid, tsid,
						tclass, avd, xperms));
}

/**
 * cordon_avc_grant() - avc_update_node()'s grant, asked of the server
 * @ssid: source SID
 * @tsid: target SID
 * @tclass: target class
 * @seqno: the decision's policy sequence number
 * @perms: the permissions granted
 *
 * Return: 0; -ENOENT, -ENOMEM, -EPERM as cordon_flask_avc_grant().
 */
int cordon_avc_grant(u32 ssid, u32 tsid, u16 tclass, u32 seqno, u32 perms)
{
	int rc = cordon_flask_avc_grant(&selinux_state, ssid, tsid, tclass,
					seqno, perms);

	avc_reap_later(rc);
	return rc < 0 ? rc : 0;
}

/** cordon_avc_flush() - avc_flush(), asked of the server */
void cordon_avc_flush(void)
{
	avc_reap_later(cordon_flask_avc_flush(&selinux_state));
}

/**
 * cordon_avc_set_threshold() - avc_set_cache_threshold(), asked of the
 * server
 * @threshold: the new threshold
 */
void cordon_avc_set_threshold(unsigned int threshold)
{
	cordon_flask_avc_set_threshold(&selinux_state, threshold);
}

/**
 * cordon_avc_reap_wait() - wait until the nodes retired so far are free
 *
 * For tests: two grace periods and the reaps after them.
 */
void cordon_avc_reap_wait(void)
{
	avc_reap_later(CORDON_AVC_RETIRED);
	flush_rcu_work(&avc_reap_work);
	flush_rcu_work(&avc_reap_work);
}
