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

#include <linux/types.h>

struct av_decision;
struct selinux_load_state;
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
bool cordon_flask_initialized(void);

/* struct av_decision's fields, in order: five u32s. */
enum {
	CORDON_AVD_ALLOWED,
	CORDON_AVD_AUDITALLOW,
	CORDON_AVD_AUDITDENY,
	CORDON_AVD_SEQNO,
	CORDON_AVD_FLAGS,
	CORDON_AVD_WORDS,
};
/* struct selinux_load_state: two pointers, the first the new policy. */
#define CORDON_LOAD_STATE_WORDS	2

#endif /* _CORDON_FLASK_SERVER_API_H */
