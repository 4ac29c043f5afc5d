/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What a test includes. A test defines test_main(); the runtime boots,
 * calls it on the bootstrap processor and then calls tap_done().
 *
 * Reporting is TAP-like: each check prints "ok N - what" or
 * "not ok N - what (details)"; tap_done() prints the plan and a result
 * line and exits QEMU with 0 (all passed) or 1 through isa-debug-exit.
 * Only the bootstrap processor reports; other processors hand results
 * back through memory.
 */
#ifndef _TESTS_TEST_H
#define _TESTS_TEST_H

#include "runtime.h"
#include "trap.h"
#include "views.h"

/* Record one check; returns ok. */
bool check(bool ok, const char *fmt, ...) __printf(2, 3);
/* Check got == want for unsigned values (shown in hex on failure). */
bool check_eq(u64 got, u64 want, const char *fmt, ...) __printf(3, 4);
/* Check got == want for signed values such as hypercall results. */
bool check_ret(long got, long want, const char *fmt, ...) __printf(3, 4);
/* Check that a guarded instruction raised vector (NO_TRAP: none). */
bool check_trap(const struct trap_result *r, int vector, const char *fmt,
		...) __printf(3, 4);
/* A check that must hold for the rest of the test to make sense. */
void require(bool ok, const char *fmt, ...) __printf(2, 3);
/* Record a failed check with a message (used for unexpected events). */
void tap_fail(const char *fmt, ...) __printf(1, 2);
/* A "# ..." comment line. */
void note(const char *fmt, ...) __printf(1, 2);
/* Give up: report, then exit as failed. */
void __noreturn tap_bail(const char *fmt, ...) __printf(1, 2);
/* Print the plan and the result, and exit QEMU. */
void __noreturn tap_done(void);

#ifdef TEST_NAME
const char test_name[] = TEST_NAME;
#endif

#endif /* _TESTS_TEST_H */
