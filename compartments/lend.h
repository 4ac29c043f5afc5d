/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Cordon - what a crossing lends its compartment (private)
 */

#ifndef _CORDON_LEND_H
#define _CORDON_LEND_H

#include <linux/percpu.h>
#include <linux/types.h>

struct cordon_gate;
struct cordon_ve_event;

/* Kinds of struct cordon_lend, which the pass emits. */
#define CORDON_LEND_RANGE	0	/* @start, @len bytes */
#define CORDON_LEND_BIO		1	/* the pages of struct bio @start */
#define CORDON_LEND_PAGE	2	/* the page of struct page @start */
#define CORDON_LEND_KIND_MASK	0xff
/* With CORDON_LEND_BIO: a crossing that ends early ends the bio (EIO). */
#define CORDON_LEND_END_ON_ABORT	0x100

/*
 * Frames one crossing holds granted through its lends at a time; a bio may
 * lend more, and the oldest grant is then taken back.
 */
#define CORDON_LEND_MAX_GRANTS	32
/* Locks and RCU read sections one crossing may hold (held.c). */
#define CORDON_LEND_MAX_HELD	8
/* Objects exits may lend one crossing (lend-return annotations). */
#define CORDON_LEND_MAX_RETURNS	16

/**
 * struct cordon_lend - one thing an entry point's call lends
 * @start: the first byte, or the object (by @kind)
 * @len: bytes, for CORDON_LEND_RANGE
 * @access: CORDON_ACCESS_* lent
 * @kind: CORDON_LEND_*
 */
struct cordon_lend {
	u64 start;
	u64 len;
	u32 access;
	u32 kind;
};

/**
 * struct cordon_held - a lock or RCU read section a crossing took
 * @what: the lock; 0 for RCU
 * @kind: what it is (held.c)
 */
struct cordon_held {
	u64 what;
	u8 kind;
};

/**
 * struct cordon_lends - the lends of one crossing, and what they granted
 * @lend: the lends, on the caller's stack
 * @nr: entries in @lend
 * @view: the compartment's view
 * @nr_granted: entries used in @granted
 * @next_evicted: the entry of @granted taken back when it is full
 * @granted: frames granted through @lend, revoked when the crossing ends
 * @nr_returned: entries used in @returned
 * @returned: what exits with lend-return annotations returned
 * @args: the gate's arguments, for learning mode (ve/learn.c)
 * @aborted: the crossing ended through cordon_gate_abort
 * @ended: bit n: the bio of @lend[n] was ended by the compartment
 * @nr_held: entries used in @held
 * @held: what the crossing holds through its exits, oldest first
 */
struct cordon_lends {
	const struct cordon_lend *lend;
	unsigned int nr;
	u16 view;
	unsigned int nr_granted;
	unsigned int next_evicted;
	u64 granted[CORDON_LEND_MAX_GRANTS];
	unsigned int nr_returned;
	struct cordon_lend returned[CORDON_LEND_MAX_RETURNS];
	u64 args[3];
	bool aborted;
	u32 ended;
	unsigned int nr_held;
	struct cordon_held held[CORDON_LEND_MAX_HELD];
};

DECLARE_PER_CPU(struct cordon_lends *, cordon_gate_lends);

void cordon_lends_init(struct cordon_lends *const l, u16 view,
		       const struct cordon_lend *const lend, unsigned int nr);
bool cordon_lent(const struct cordon_ve_event *const ev, u32 access);
int cordon_lend_grant(const struct cordon_ve_event *const ev, u32 access);
void cordon_lends_revoke(struct cordon_lends *const l);
struct cordon_exit_record;
struct bio;
void cordon_bio_endio(struct bio *bio);
unsigned int cordon_lends_release(struct cordon_lends *const l);
struct cordon_lends *cordon_exit_sleep_begin(void);
void cordon_exit_sleep_end(struct cordon_lends *const l);
void cordon_exit_lend_return(const struct cordon_exit_record *const x,
			     unsigned long ret);
long cordon_gate_lent(const struct cordon_gate *const g, long a0, long a1,
		      long a2, const struct cordon_lend *const lend, long nr);

#endif /* _CORDON_LEND_H */
