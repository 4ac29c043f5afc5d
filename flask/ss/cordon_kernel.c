// SPDX-License-Identifier: GPL-2.0
/*
 * Cordon - the kernel side of the sealed SELinux server's notifications
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
#include <linux/types.h>

#include "avc_ss.h"
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
 * kernel reads it from the server's state
 *
 * The server's state is in a page the kernel may read but not write
 * (cordon_server.c): this is the read the kernel's checks are to make.
 *
 * Return: true once a policy is loaded.
 */
bool cordon_flask_initialized(void)
{
	return selinux_initialized(&cordon_flask_state);
}

static_assert(sizeof(struct av_decision) == CORDON_AVD_WORDS * sizeof(u32));
static_assert(offsetof(struct av_decision, auditdeny) ==
	      CORDON_AVD_AUDITDENY * sizeof(u32));
static_assert(sizeof(struct selinux_load_state) ==
	      CORDON_LOAD_STATE_WORDS * sizeof(void *));
static_assert(offsetof(struct selinux_load_state, policy) == 0);
