// SPDX-License-Identifier: GPL-2.0
/*
 * Cordon - what the sealed SELinux server needs that its sources lack
 *
 * Synced into security/selinux/ss/ by scripts/fetch-linux and compiled
 * with the server's unmodified sources into the sealed compartment flask
 * (compartments/kbuild.mk), so its data is sealed data and its functions
 * are the server's own: calls to them cross nothing.
 */

#include <linux/dcache.h>
#include <linux/errno.h>
#include <linux/fs.h>
#include <linux/lsm_hooks.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/types.h>
#include <asm/page.h>

#include "avc.h"
#include "avc_ss.h"
#include "objsec.h"
#include "security.h"
#include "../../cordon/flask/server_api.h"

/*
 * The server's state. Every entry point gets it in place of the struct
 * selinux_state * the kernel passes (object= in
 * instrumentation/lends/flask.lends), with views and without, so the
 * policy root pointer, the initialized flag and the policy capabilities
 * the server reads and writes are its own. It has a page of its own,
 * which the kernel may read but only the sealed view write
 * (.cordon.readable.<compartment>, compartments/compiled.c): the flags
 * are for the kernel's checks to read, the pointers only lead into
 * sealed memory.
 */
struct selinux_state cordon_flask_state
	__section(".cordon.readable.flask") __aligned(PAGE_SIZE);

/**
 * cordon_flask_avc_has_perm_noaudit() - avc_has_perm_noaudit() for the
 * server's own question
 * @state: the server's state
 * @ssid: source SID
 * @tsid: target SID
 * @tclass: target class, the kernel's value
 * @requested: the permissions asked for
 * @flags: AVC_STRICT, which security_get_user_sids() passes
 * @avd: where the decision goes
 *
 * security_get_user_sids() asks the AVC whether a user's SID may be
 * transitioned to. From the sealed view that would be a call out to the
 * kernel, which on a miss calls back into the server: a crossing inside a
 * crossing. Under AVC_STRICT the AVC's answer is the policy's, so the
 * server computes it; the cache is left as it is.
 *
 * Return: 0 if every requested permission is allowed; -EACCES if one is
 * not, or if @flags asks for more than AVC_STRICT (the permissive answer
 * needs the kernel's enforcing switch; it is refused, not guessed).
 */
int cordon_flask_avc_has_perm_noaudit(struct selinux_state *state, u32 ssid,
				      u32 tsid, u16 tclass, u32 requested,
				      unsigned int flags,
				      struct av_decision *avd)
{
	struct extended_perms xperms;

	if (!requested || flags != AVC_STRICT)
		return -EACCES;
	security_compute_av(state, ssid, tsid, tclass, avd, &xperms);
	return requested & ~avd->allowed ? -EACCES : 0;
}

/*
 * The server's own copy of the kernel's class and permission names
 * (classmap.h), which selinux_set_mapping() reads while it loads a policy:
 * avc.c defines the kernel's, which the sealed view does not map and the
 * server must not trust. The pass sends the server's secclass_map to it.
 */
#define secclass_map cordon_flask_secclass_map
#include "classmap.h"
#undef secclass_map

/*
 * The LSM blob offsets as the server sees them (the pass sends its
 * references to the kernel's selinux_blob_sizes here): the superblock's
 * blob security_fs_use() writes is one of the server's own, at offset 0
 * (cordon_flask_fs_use()).
 */
struct lsm_blob_sizes cordon_flask_blob_sizes;

/**
 * cordon_flask_fs_use() - security_fs_use() on a file system type's name
 * @state: the server's state
 * @fstype: the file system type's name, copied in
 * @label: in, the superblock blob's SID and behaviour; out, the server's
 *
 * The kernel's security_fs_use() (cordon_kernel.c) passes the one thing
 * the server's reads of the superblock, its type's name, and writes back
 * the two fields it writes. The server's function gets a superblock of
 * its own with that name and a blob holding those fields.
 *
 * Return: what security_fs_use() returns; -ENOMEM without a superblock.
 */
int cordon_flask_fs_use(struct selinux_state *state, const char *fstype,
			struct cordon_flask_sb_label *label)
{
	struct file_system_type type = { .name = fstype };
	struct superblock_security_struct sbsec = {
		.sid = label->sid,
		.behavior = label->behavior,
	};
	struct super_block *sb;
	int rc;

	/* Too large for the sealed stack; never read beyond two fields. */
	sb = kzalloc(sizeof(*sb), GFP_ATOMIC);
	if (!sb)
		return -ENOMEM;
	sb->s_type = &type;
	sb->s_security = &sbsec;
	rc = security_fs_use(state, sb);
	kfree(sb);
	label->sid = sbsec.sid;
	label->behavior = sbsec.behavior;
	return rc;
}

/**
 * cordon_flask_transition_sid() - security_transition_sid() on a name
 * @state: the server's state
 * @ssid: source SID
 * @tsid: target SID
 * @tclass: the new object's class, the kernel's value
 * @name: the new object's name, copied in; NULL for none
 * @out_sid: where the new SID goes
 *
 * The server reads only the name of the struct qstr the kernel passes,
 * as a NUL-terminated string (name-based type transitions).
 *
 * Return: what security_transition_sid() returns.
 */
int cordon_flask_transition_sid(struct selinux_state *state, u32 ssid,
				u32 tsid, u16 tclass, const char *name,
				u32 *out_sid)
{
	struct qstr q = QSTR_INIT(name, name ? strlen(name) : 0);

	return security_transition_sid(state, ssid, tsid, tclass,
				       name ? &q : NULL, out_sid);
}

/**
 * cordon_flask_xperms_decision() - security_compute_xperms_decision()
 * into one block
 * @state: the server's state
 * @ssid: source SID
 * @tsid: target SID
 * @tclass: target class, the kernel's value
 * @driver: the ioctl driver (high byte of the command)
 * @out: the decision, with its three arrays in place
 */
void cordon_flask_xperms_decision(struct selinux_state *state, u32 ssid,
				  u32 tsid, u16 tclass, u8 driver,
				  struct cordon_flask_xperms *out)
{
	struct extended_perms_data allowed, auditallow, dontaudit;
	struct extended_perms_decision xpermd = {
		.allowed = &allowed,
		.auditallow = &auditallow,
		.dontaudit = &dontaudit,
	};

	security_compute_xperms_decision(state, ssid, tsid, tclass, driver,
					 &xpermd);
	out->driver = xpermd.driver;
	out->used = xpermd.used;
	memcpy(out->allowed, allowed.p, sizeof(out->allowed));
	memcpy(out->auditallow, auditallow.p, sizeof(out->auditallow));
	memcpy(out->dontaudit, dontaudit.p, sizeof(out->dontaudit));
}

/*
 * The policy a load handed the kernel, neither committed nor cancelled
 * yet: the only policy the kernel may name (selinuxfs builds its files
 * from it before the commit). A call that uses it takes the slot for its
 * duration (CLAIMED), so that the kernel can neither free it under that
 * call (a cancel on another CPU) nor commit it twice.
 */
#define CLAIMED ((struct selinux_policy *)1)
static struct selinux_policy *pending;
static struct selinux_policy_convert_data *pending_convert;

/*
 * The compiler's atomics, not the kernel's: those record their LOCK
 * prefixes for the kernel to patch, which it cannot in sealed code
 * (cordon-verify refuses them).
 */
static bool swap_pending(struct selinux_policy *from, struct selinux_policy *to)
{
	return __atomic_compare_exchange_n(&pending, &from, to, false,
					   __ATOMIC_ACQUIRE, __ATOMIC_RELAXED);
}

/* Return: 0 with the slot taken; -EBUSY; CORDON_FLASK_BAD_HANDLE. */
static int claim(struct selinux_policy *policy)
{
	if (!policy || policy == CLAIMED)
		return CORDON_FLASK_BAD_HANDLE;
	if (swap_pending(policy, CLAIMED))
		return 0;
	return __atomic_load_n(&pending, __ATOMIC_RELAXED) == CLAIMED ?
	       -EBUSY : CORDON_FLASK_BAD_HANDLE;
}

static void release(struct selinux_policy *policy)
{
	__atomic_store_n(&pending, policy, __ATOMIC_RELEASE);
}

/**
 * cordon_flask_load_policy() - security_load_policy(), which keeps what
 * it hands out
 * @state: the server's state
 * @data: the policy image, pulled into sealed memory
 * @len: its length
 * @load_state: where the new policy's handle goes
 *
 * Return: what security_load_policy() returns; -EBUSY while another load
 * is neither committed nor cancelled.
 */
int cordon_flask_load_policy(struct selinux_state *state, void *data,
			     size_t len, struct selinux_load_state *load_state)
{
	struct selinux_load_state ls;
	int rc;

	if (!swap_pending(NULL, CLAIMED))
		return -EBUSY;
	rc = security_load_policy(state, data, len, &ls);
	if (rc) {
		release(NULL);
		return rc;
	}
	pending_convert = ls.convert_data;
	*load_state = ls;
	release(ls.policy);
	return 0;
}

/* Commits or cancels the load the server handed out: the handle checked. */
static int finish_load(struct selinux_state *state,
		       const struct selinux_load_state *load_state, bool commit)
{
	struct selinux_load_state ls = { .policy = load_state->policy };
	int rc = claim(ls.policy);

	if (rc)
		return rc;
	/* The server's own, read once the slot is taken. */
	ls.convert_data = pending_convert;
	if (commit)
		selinux_policy_commit(state, &ls);
	else
		selinux_policy_cancel(state, &ls);
	release(NULL);
	return 0;
}

/**
 * cordon_flask_policy_commit() - selinux_policy_commit() of the load the
 * server handed out
 * @state: the server's state
 * @load_state: the kernel's copy; only its policy is read, as a handle
 *
 * Return: 0; -EBUSY; CORDON_FLASK_BAD_HANDLE for a policy the server did
 * not hand out, or one committed or cancelled already.
 */
int cordon_flask_policy_commit(struct selinux_state *state,
			       const struct selinux_load_state *load_state)
{
	return finish_load(state, load_state, true);
}

/**
 * cordon_flask_policy_cancel() - selinux_policy_cancel() of the load the
 * server handed out
 * @state: the server's state
 * @load_state: the kernel's copy; only its policy is read, as a handle
 *
 * Return: as cordon_flask_policy_commit().
 */
int cordon_flask_policy_cancel(struct selinux_state *state,
			       const struct selinux_load_state *load_state)
{
	return finish_load(state, load_state, false);
}

/**
 * cordon_flask_set_enforcing() - set the enforcing switch
 * @state: the server's state
 * @value: enforcing (true) or permissive
 *
 * The switch is the server's, in its kernel-readable page, and this the
 * only writer (enforcing_set(), patch 0004): the kernel decides when, as
 * selinuxfs checks setenforce before it calls, but cannot flip the switch
 * with a write. Without CONFIG_SECURITY_SELINUX_DEVELOP SELinux always
 * enforces.
 *
 * Return: 0; -EPERM for permissive without CONFIG_SECURITY_SELINUX_DEVELOP.
 */
int cordon_flask_set_enforcing(struct selinux_state *state, bool value)
{
#ifdef CONFIG_SECURITY_SELINUX_DEVELOP
	WRITE_ONCE(state->enforcing, value);
	return 0;
#else
	return value ? 0 : -EPERM;
#endif
}

/**
 * cordon_flask_policy_names() - the names of a loaded policy's booleans
 * (with their values), classes or a class's permissions, a block at a time
 * @policy: the handle of the load not yet committed
 * @what: enum cordon_flask_names
 * @from: the first name wanted
 * @class: for CORDON_FLASK_PERMS, the class's name
 * @block: where the block goes (flask/server_api.h)
 * @len: its length
 *
 * The server's security_get_bools(), _classes() and _permissions() hand
 * out arrays of strings the caller frees, which no gate carries: the
 * kernel's functions of those names (cordon_kernel.c) rebuild them from
 * these blocks.
 *
 * Return: 0; -EINVAL, -ENOMEM or -E2BIG (a name longer than a block);
 * -EBUSY or CORDON_FLASK_BAD_HANDLE as cordon_flask_policy_commit().
 */
int cordon_flask_policy_names(struct selinux_policy *policy, u32 what,
			      u32 from, const char *class, char **block,
			      u32 *len)
{
	struct cordon_flask_names_head *head;
	char **names = NULL, *b;
	int *values = NULL;
	u32 n = 0, i, at;
	int rc;

	*block = NULL;
	*len = 0;
	rc = claim(policy);
	if (rc)
		return rc;
	if (what == CORDON_FLASK_BOOLS)
		rc = security_get_bools(policy, &n, &names, &values);
	else if (what == CORDON_FLASK_CLASSES)
		rc = security_get_classes(policy, &names, &n);
	else if (what == CORDON_FLASK_PERMS && class)
		rc = security_get_permissions(policy, (char *)class, &names,
					      &n);
	else
		rc = -EINVAL;
	if (rc)
		goto out;

	/* Zeroed: its padding must not carry sealed memory out. */
	b = kzalloc(CORDON_FLASK_NAMES_BLOCK, GFP_ATOMIC);
	rc = -ENOMEM;
	if (!b)
		goto free;
	at = sizeof(*head);
	for (i = from; i < n; i++) {
		struct cordon_flask_name e = {
			.value = values ? values[i] : 0,
			.len = names[i] ? strlen(names[i]) + 1 : 0,
		};

		if (at + sizeof(e) + ALIGN(e.len, 4) > CORDON_FLASK_NAMES_BLOCK)
			break;
		memcpy(b + at, &e, sizeof(e));
		memcpy(b + at + sizeof(e), names[i], e.len);
		at += sizeof(e) + ALIGN(e.len, 4);
	}
	head = (struct cordon_flask_names_head *)b;
	head->total = n;
	head->count = i > from ? i - from : 0;
	if (from < n && !head->count) {
		kfree(b);
		rc = -E2BIG;
		goto free;
	}
	*block = b;
	*len = at;
	rc = 0;
free:
	for (i = 0; names && i < n; i++)
		kfree(names[i]);
	kfree(names);
	kfree(values);
out:
	release(policy);
	return rc;
}

/**
 * cordon_flask_policy_genfs_sid() - selinux_policy_genfs_sid() in the load
 * the server handed out
 * @policy: its handle
 * @fstype: the file system type, copied in
 * @path: the path, copied in
 * @sclass: the kernel's class
 * @sid: where the SID goes
 *
 * Return: what selinux_policy_genfs_sid() returns; -EBUSY or
 * CORDON_FLASK_BAD_HANDLE as cordon_flask_policy_commit().
 */
int cordon_flask_policy_genfs_sid(struct selinux_policy *policy,
				  const char *fstype, const char *path,
				  u16 sclass, u32 *sid)
{
	int rc = claim(policy);

	if (rc)
		return rc;
	rc = selinux_policy_genfs_sid(policy, fstype, path, sclass, sid);
	release(policy);
	return rc;
}
