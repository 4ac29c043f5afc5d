// SPDX-License-Identifier: GPL-2.0
/*
 * Cordon - what the sealed SELinux server needs that its sources lack
 *
 * Synced into security/selinux/ss/ by scripts/fetch-linux and compiled
 * with the server's unmodified sources into the sealed compartment flask
 * (compartments/kbuild.mk), so its data is sealed data and its functions
 * are the server's own: calls to them cross nothing.
 */

#include <linux/errno.h>
#include <linux/types.h>
#include <asm/page.h>

#include "avc.h"
#include "avc_ss.h"
#include "security.h"

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
