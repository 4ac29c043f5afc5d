/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Cordon - the sealed SELinux server's API, for kernel code outside
 * security/selinux
 *
 * security/selinux/include/security.h needs flask.h, which the build
 * generates in security/selinux; code in other directories (the KUnit
 * suite cordon_sealed_selinux) cannot wait for it. These are the same
 * prototypes: security/selinux/ss/cordon_kernel.c includes this header
 * after security.h, so the compiler refuses any that differ.
 */

#ifndef _CORDON_FLASK_SERVER_API_H
#define _CORDON_FLASK_SERVER_API_H

#include <linux/errno.h>
#include <linux/types.h>

struct av_decision;
struct extended_perms;
struct qstr;
struct selinux_load_state;
struct selinux_policy;
struct selinux_avc;
struct selinux_state;

extern struct selinux_state selinux_state;
/* The server's own state (security/selinux/ss/cordon_server.c). */
extern struct selinux_state cordon_flask_state;

int security_mls_enabled(struct selinux_state *state);
int security_load_policy(struct selinux_state *state, void *data, size_t len,
			 struct selinux_load_state *load_state);
void selinux_policy_commit(struct selinux_state *state,
			   struct selinux_load_state *load_state);
void selinux_policy_cancel(struct selinux_state *state,
			   struct selinux_load_state *load_state);
void security_compute_av_user(struct selinux_state *state, u32 ssid,
			      u32 tsid, u16 tclass, struct av_decision *avd);
int security_sid_to_context(struct selinux_state *state, u32 sid,
			    char **scontext, u32 *scontext_len);
int security_context_str_to_sid(struct selinux_state *state,
				const char *scontext, u32 *out_sid, gfp_t gfp);
int security_get_user_sids(struct selinux_state *state, u32 callsid,
			   char *username, u32 **sids, u32 *nel);
int security_transition_sid(struct selinux_state *state, u32 ssid, u32 tsid,
			    u16 tclass, const struct qstr *qstr, u32 *out_sid);
/* avc.c's, which the suite calls as the hooks do. */
int avc_has_perm_noaudit(struct selinux_state *state, u32 ssid, u32 tsid,
			 u16 tclass, u32 requested, unsigned int flags,
			 struct av_decision *avd);
bool cordon_flask_initialized(void);
bool cordon_flask_enforcing(void);
void cordon_selinux_enforcing_set(bool value);
const bool *cordon_flask_enforcing_switch(void);

/*
 * Entry points of the server behind the kernel's adapters of the same
 * names as the API functions they stand for (security/selinux/ss/
 * cordon_kernel.c): those take kernel structures that no gate carries
 * (a superblock, a qstr's name, a decision of three pointers), and the
 * server's own functions of those names are hidden from the kernel (the
 * pass's -cordon-adapted, compartments/kbuild.mk).
 */

/* A superblock's label: in with the blob's values, out with the server's. */
struct cordon_flask_sb_label {
	u32 sid;
	u16 behavior;
	u16 unused;
};

/* struct extended_perms_decision, with its three arrays in place. */
struct cordon_flask_xperms {
	u8 driver;
	u8 used;
	u16 unused;
	u32 allowed[8];
	u32 auditallow[8];
	u32 dontaudit[8];
};

/*
 * The policy the kernel holds between a load and its commit or cancel
 * (selinuxfs builds its files from it meanwhile) is a handle: the server
 * takes back only the one it handed out, and refuses any other with
 * CORDON_FLASK_BAD_HANDLE.
 */
#define CORDON_FLASK_BAD_HANDLE	(-EBADF)

/* What cordon_flask_policy_names() lists. */
enum cordon_flask_names {
	CORDON_FLASK_BOOLS,
	CORDON_FLASK_CLASSES,
	CORDON_FLASK_PERMS,
};

/*
 * cordon_flask_policy_names()'s block: this head, then @count entries
 * from the one asked for, each a struct cordon_flask_name and @len bytes
 * of name (NUL included; none for a NULL name), padded to 4 bytes.
 */
struct cordon_flask_names_head {
	u32 total;
	u32 count;
};

struct cordon_flask_name {
	s32 value;
	u32 len;
};

/* At most this much a crossing: the exchange slot carries it out. */
#define CORDON_FLASK_NAMES_BLOCK	4096

int cordon_flask_load_policy(struct selinux_state *state, void *data,
			     size_t len, struct selinux_load_state *load_state);
int cordon_flask_policy_commit(struct selinux_state *state,
			       const struct selinux_load_state *load_state);
int cordon_flask_policy_cancel(struct selinux_state *state,
			       const struct selinux_load_state *load_state);
int cordon_flask_set_enforcing(struct selinux_state *state, bool value);
int cordon_flask_policy_names(struct selinux_policy *policy, u32 what,
			      u32 from, const char *class, char **block,
			      u32 *len);
int cordon_flask_policy_genfs_sid(struct selinux_policy *policy,
				  const char *fstype, const char *path,
				  u16 sclass, u32 *sid);
int security_get_bools(struct selinux_policy *policy, u32 *len,
		       char ***names, int **values);
int security_get_classes(struct selinux_policy *policy, char ***classes,
			 u32 *nclasses);
int security_get_permissions(struct selinux_policy *policy, char *class,
			     char ***perms, u32 *nperms);
int selinux_policy_genfs_sid(struct selinux_policy *policy,
			     const char *fstype, const char *path, u16 sclass,
			     u32 *sid);
int cordon_flask_fs_use(struct selinux_state *state, const char *fstype,
			struct cordon_flask_sb_label *label);
int cordon_flask_transition_sid(struct selinux_state *state, u32 ssid,
				u32 tsid, u16 tclass, const char *name,
				u32 *out_sid);
void cordon_flask_xperms_decision(struct selinux_state *state, u32 ssid,
				  u32 tsid, u16 tclass, u8 driver,
				  struct cordon_flask_xperms *out);

/* struct av_decision's fields, in order: five u32s. */
enum {
	CORDON_AVD_ALLOWED,
	CORDON_AVD_AUDITALLOW,
	CORDON_AVD_AUDITDENY,
	CORDON_AVD_SEQNO,
	CORDON_AVD_FLAGS,
	CORDON_AVD_WORDS,
};
/*
 * The AVC's cache is the server's (security/selinux/ss/cordon_avc.c), in
 * its kernel-readable page: the kernel's lookups walk it and cross
 * nothing, only the sealed view writes it, and a miss makes one crossing
 * in which the server computes the decision and caches it itself. These
 * mirror avc.c's struct avc_node and struct selinux_avc, private to
 * avc.c, which checks that the layouts agree (patch 0005).
 */
#define CORDON_AVC_SLOTS	512

/* struct avc_node: its entry, its link in a slot, its RCU head. */
struct cordon_avc_node {
	u32 ssid;
	u32 tsid;
	u16 tclass;
	u32 avd[CORDON_AVD_WORDS];	/* struct av_decision */
	void *xp_node;		/* always NULL: see cordon_avc.c */
	struct hlist_node list;
	/* The RCU head's room: the server's free and retired lists. */
	struct cordon_avc_node *next;
	void *unused;
};

/* struct selinux_avc. */
struct cordon_avc {
	unsigned int threshold;
	struct hlist_head slots[CORDON_AVC_SLOTS];
	u32 slots_lock[CORDON_AVC_SLOTS];	/* unused: the server has one */
	int lru_hint;
	int active_nodes;
	u32 latest_notif;
};

extern struct cordon_avc cordon_flask_avc;

/* A crossing's non-negative return: nodes wait for a grace period. */
#define CORDON_AVC_RETIRED	1

int cordon_flask_avc_compute(struct selinux_state *state, u32 ssid, u32 tsid,
			     u16 tclass, struct av_decision *avd,
			     struct extended_perms *xperms);
int cordon_flask_avc_grant(struct selinux_state *state, u32 ssid, u32 tsid,
			   u16 tclass, u32 seqno, u32 perms);
int cordon_flask_avc_flush(struct selinux_state *state);
int cordon_flask_avc_reap(struct selinux_state *state);
int cordon_flask_avc_set_threshold(struct selinux_state *state,
				   unsigned int threshold);

/* The kernel's side of those calls (security/selinux/ss/cordon_kernel.c). */
void cordon_avc_compute(u32 ssid, u32 tsid, u16 tclass,
			struct av_decision *avd, struct extended_perms *xperms);
int cordon_avc_grant(u32 ssid, u32 tsid, u16 tclass, u32 seqno, u32 perms);
void cordon_avc_flush(void);
void cordon_avc_set_threshold(unsigned int threshold);
void cordon_avc_reap_wait(void);
/* The kernel's part of the reset the server makes (cordon_kernel.c). */
int cordon_flask_avc_ss_reset(struct selinux_avc *avc, u32 seqno);

/* struct selinux_load_state: two pointers, the first the new policy. */
#define CORDON_LOAD_STATE_WORDS	2

#endif /* _CORDON_FLASK_SERVER_API_H */
