// SPDX-License-Identifier: GPL-2.0
/*
 * Cordon - the AVC's cache, owned by the sealed SELinux server
 *
 * Synced into security/selinux/ss/ by scripts/fetch-linux and compiled
 * into the sealed compartment flask with the server. The cache's slots
 * and nodes are in the server's kernel-readable page
 * (.cordon.readable.flask): avc.c's lookups walk them under RCU and cross
 * nothing (patch 0005 points them here), and only the sealed view writes
 * them, so a kernel write primitive cannot forge a cached decision.
 *
 * The kernel never hands the server a decision to cache: on a miss it
 * asks for one (cordon_flask_avc_compute()), and the server computes it
 * and inserts the node itself. The other writes the kernel's AVC makes
 * are requests the server checks: a grant, allowed only where the policy
 * does not enforce (permissive mode or a permissive domain), a flush and
 * a new threshold.
 *
 * Nodes come from a fixed pool in the same page; a node taken out of a
 * slot waits on a list until the kernel, which owns RCU, says twice that
 * a grace period has passed (cordon_flask_avc_reap()). A kernel that
 * lies about that can only make its own lookups read a node being
 * reused, which is no more than it can do to itself anyway.
 *
 * A decision with extended permissions (ioctl) is not cached: avc.c
 * would keep its per-driver decisions in kernel memory, which the server
 * cannot write. Every check of such a pair crosses; the answer is the
 * policy's all the same.
 */

#include <linux/compiler.h>
#include <linux/errno.h>
#include <linux/list.h>
#include <linux/rculist.h>
#include <linux/spinlock.h>
#include <linux/types.h>

#include "avc.h"
#include "avc_ss.h"
#include "security.h"
#include "../../cordon/flask/server_api.h"

/* avc.c's defaults. */
#define DEF_THRESHOLD	512
#define RECLAIM		16
/* Room for the default threshold four times over, retired nodes aside. */
#define POOL_NODES	2048

struct cordon_avc cordon_flask_avc __section(".cordon.readable.flask") = {
	.threshold = DEF_THRESHOLD,
};

static struct cordon_avc_node pool[POOL_NODES]
	__section(".cordon.readable.flask");

/* Sealed, not readable: what the kernel need not see. */
static DEFINE_SPINLOCK(cache_lock);
static unsigned int pool_used;
static struct cordon_avc_node *free_nodes;
/* Out of the slots since the last reap, and since the one before. */
static struct cordon_avc_node *retiring, *waiting;

static unsigned int hash(u32 ssid, u32 tsid, u16 tclass)
{
	/* avc.c's avc_hash(): the kernel looks in the slot it computes. */
	return (ssid ^ (tsid << 2) ^ (tclass << 4)) & (CORDON_AVC_SLOTS - 1);
}

static int retired(void)
{
	return retiring ? CORDON_AVC_RETIRED : 0;
}

/* A node for a triple and its decision (struct av_decision), or NULL. */
static struct cordon_avc_node *node_new(u32 ssid, u32 tsid, u16 tclass,
					const void *avd)
{
	struct cordon_avc_node *node = free_nodes;

	if (node)
		free_nodes = node->next;
	else if (pool_used < POOL_NODES)
		node = &pool[pool_used++];
	else
		return NULL;
	*node = (struct cordon_avc_node){
		.ssid = ssid,
		.tsid = tsid,
		.tclass = tclass,
	};
	memcpy(node->avd, avd, sizeof(node->avd));
	WRITE_ONCE(cordon_flask_avc.active_nodes,
		   cordon_flask_avc.active_nodes + 1);
	return node;
}

/* Out of its slot; kernel lookups may still be reading it. */
static void node_retire(struct cordon_avc_node *node)
{
	hlist_del_rcu(&node->list);
	node->next = retiring;
	retiring = node;
	WRITE_ONCE(cordon_flask_avc.active_nodes,
		   cordon_flask_avc.active_nodes - 1);
}

static struct cordon_avc_node *find(u32 ssid, u32 tsid, u16 tclass)
{
	struct cordon_avc_node *node;

	hlist_for_each_entry(node,
			     &cordon_flask_avc.slots[hash(ssid, tsid, tclass)],
			     list)
		if (node->ssid == ssid && node->tsid == tsid &&
		    node->tclass == tclass)
			return node;
	return NULL;
}

/* In place of @old, or at the head of its slot. */
static void node_insert(struct cordon_avc_node *node,
			struct cordon_avc_node *old)
{
	if (old) {
		hlist_replace_rcu(&old->list, &node->list);
		old->next = retiring;
		retiring = old;
		WRITE_ONCE(cordon_flask_avc.active_nodes,
			   cordon_flask_avc.active_nodes - 1);
	} else {
		hlist_add_head_rcu(&node->list, &cordon_flask_avc.slots[
			hash(node->ssid, node->tsid, node->tclass)]);
	}
}

/* Over the threshold: out with up to RECLAIM nodes, slot after slot. */
static void reclaim(void)
{
	struct cordon_avc_node *node;
	struct hlist_node *tmp;
	unsigned int tries, done = 0;
	int slot;

	/* Unsigned, as avc.c compares: a threshold above INT_MAX is none. */
	if ((unsigned int)cordon_flask_avc.active_nodes <=
	    cordon_flask_avc.threshold)
		return;
	for (tries = 0; tries < CORDON_AVC_SLOTS && done < RECLAIM; tries++) {
		slot = ++cordon_flask_avc.lru_hint & (CORDON_AVC_SLOTS - 1);
		hlist_for_each_entry_safe(node, tmp,
					  &cordon_flask_avc.slots[slot], list) {
			node_retire(node);
			if (++done >= RECLAIM)
				break;
		}
	}
}

/**
 * cordon_flask_avc_compute() - a decision on an AVC miss, cached by the
 * server
 * @state: the server's state
 * @ssid: source SID
 * @tsid: target SID
 * @tclass: target class, the kernel's value
 * @avd: where the decision goes
 * @xperms: where the extended permissions go
 *
 * security_compute_av(), then the decision into the cache, in place of a
 * node for the same triple, unless it has extended permissions, the pool
 * is used up, or a newer policy's reset came in meanwhile (as avc.c's
 * avc_insert()).
 *
 * Return: CORDON_AVC_RETIRED when nodes wait for a grace period, else 0.
 */
int cordon_flask_avc_compute(struct selinux_state *state, u32 ssid, u32 tsid,
			     u16 tclass, struct av_decision *avd,
			     struct extended_perms *xperms)
{
	struct cordon_avc_node *node;
	unsigned long flags;
	int rc;

	security_compute_av(state, ssid, tsid, tclass, avd, xperms);
	spin_lock_irqsave(&cache_lock, flags);
	if (xperms->len || avd->seqno < cordon_flask_avc.latest_notif)
		goto out;
	node = node_new(ssid, tsid, tclass, avd);
	if (!node)
		goto out;
	node_insert(node, find(ssid, tsid, tclass));
	reclaim();
out:
	rc = retired();
	spin_unlock_irqrestore(&cache_lock, flags);
	return rc;
}

/**
 * cordon_flask_avc_grant() - add permissions to a cached decision where
 * the policy does not enforce them
 * @state: the server's state
 * @ssid: source SID
 * @tsid: target SID
 * @tclass: target class, the kernel's value
 * @seqno: the policy's sequence number the kernel's decision had
 * @perms: the permissions a denial granted
 *
 * avc.c's avc_denied(): in permissive mode, or for a permissive domain,
 * a denied permission is granted and cached, so that it is audited once.
 * The server grants only where its own decision and switch say so.
 *
 * Return: CORDON_AVC_RETIRED or 0 as cordon_flask_avc_compute(); -ENOENT
 * without such a node; -ENOMEM; -EPERM where the policy enforces.
 */
int cordon_flask_avc_grant(struct selinux_state *state, u32 ssid, u32 tsid,
			   u16 tclass, u32 seqno, u32 perms)
{
	struct cordon_avc_node *node, *old;
	unsigned long flags;
	int rc = -ENOENT;

	spin_lock_irqsave(&cache_lock, flags);
	old = find(ssid, tsid, tclass);
	if (!old || old->avd[CORDON_AVD_SEQNO] != seqno)
		goto out;
	rc = -EPERM;
	if (enforcing_enabled(state) &&
	    !(old->avd[CORDON_AVD_FLAGS] & AVD_FLAGS_PERMISSIVE))
		goto out;
	rc = -ENOMEM;
	node = node_new(ssid, tsid, tclass, old->avd);
	if (!node)
		goto out;
	node->avd[CORDON_AVD_ALLOWED] |= perms;
	node_insert(node, old);
	rc = retired();
out:
	spin_unlock_irqrestore(&cache_lock, flags);
	return rc;
}

static void flush(void)
{
	struct cordon_avc_node *node;
	struct hlist_node *tmp;
	unsigned int i;

	for (i = 0; i < CORDON_AVC_SLOTS; i++)
		hlist_for_each_entry_safe(node, tmp, &cordon_flask_avc.slots[i],
					  list)
			node_retire(node);
}

/**
 * cordon_flask_avc_flush() - empty the cache
 * @state: the server's state
 *
 * Return: CORDON_AVC_RETIRED or 0 as cordon_flask_avc_compute().
 */
int cordon_flask_avc_flush(struct selinux_state *state)
{
	unsigned long flags;
	int rc;

	spin_lock_irqsave(&cache_lock, flags);
	flush();
	rc = retired();
	spin_unlock_irqrestore(&cache_lock, flags);
	return rc;
}

/**
 * cordon_flask_avc_reset() - avc_ss_reset() for the server: the cache
 * emptied before the load's crossing ends
 * @avc: the server's idea of the AVC: ignored
 * @seqno: the new policy's sequence number
 *
 * The pass calls this in place of avc_ss_reset() in the server's code. No
 * decision of an older policy is cached from here on, nor found: the
 * cache is emptied and the new sequence number recorded in the server's
 * crossing, before the kernel runs its reset callbacks
 * (cordon_flask_avc_ss_reset()).
 *
 * Return: what cordon_flask_avc_ss_reset() returns.
 */
int cordon_flask_avc_reset(struct selinux_avc *avc, u32 seqno)
{
	unsigned long flags;

	spin_lock_irqsave(&cache_lock, flags);
	flush();
	if (seqno > cordon_flask_avc.latest_notif)
		WRITE_ONCE(cordon_flask_avc.latest_notif, seqno);
	spin_unlock_irqrestore(&cache_lock, flags);
	return cordon_flask_avc_ss_reset(avc, seqno);
}

/**
 * cordon_flask_avc_reap() - a grace period has passed: free the nodes
 * retired before the last call
 * @state: the server's state
 *
 * The kernel calls this after a grace period, and again after another
 * while nodes wait (cordon_kernel.c), so that a node is reused only once
 * every lookup that could have found it in its slot is over.
 *
 * Return: CORDON_AVC_RETIRED while nodes wait, else 0.
 */
int cordon_flask_avc_reap(struct selinux_state *state)
{
	struct cordon_avc_node *node;
	unsigned long flags;
	int rc;

	spin_lock_irqsave(&cache_lock, flags);
	while (waiting) {
		node = waiting;
		waiting = node->next;
		node->next = free_nodes;
		free_nodes = node;
	}
	waiting = retiring;
	retiring = NULL;
	rc = waiting ? CORDON_AVC_RETIRED : 0;
	spin_unlock_irqrestore(&cache_lock, flags);
	return rc;
}

/**
 * cordon_flask_avc_set_threshold() - the number of nodes above which the
 * cache reclaims
 * @state: the server's state
 * @threshold: selinuxfs's avc/cache_threshold
 *
 * Above the pool's size the pool decides: a miss it has no node for is
 * answered and not cached.
 *
 * Return: 0.
 */
int cordon_flask_avc_set_threshold(struct selinux_state *state,
				   unsigned int threshold)
{
	WRITE_ONCE(cordon_flask_avc.threshold, threshold);
	return 0;
}
