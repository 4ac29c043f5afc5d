// SPDX-License-Identifier: GPL-2.0
/*
 * TAP-like reporting. The runner (scripts/test-emulator) requires the
 * "# result: pass" line, so a guest that never ran cannot pass.
 */
#include "test.h"

static int checks, failures;

static bool report(bool ok, const char *detail, const char *fmt, va_list ap)
{
	char what[256];

	vsnprintf(what, sizeof(what), fmt, ap);
	checks++;
	if (!ok)
		failures++;
	printf("%sok %d - %s%s\n", ok ? "" : "not ", checks, what,
	       ok ? "" : detail);
	return ok;
}

bool check(bool ok, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	report(ok, "", fmt, ap);
	va_end(ap);
	return ok;
}

bool check_eq(u64 got, u64 want, const char *fmt, ...)
{
	char detail[64];
	va_list ap;

	snprintf(detail, sizeof(detail), " (got %#lx, want %#lx)", got, want);
	va_start(ap, fmt);
	report(got == want, detail, fmt, ap);
	va_end(ap);
	return got == want;
}

bool check_ret(long got, long want, const char *fmt, ...)
{
	char detail[64];
	va_list ap;

	snprintf(detail, sizeof(detail), " (got %ld, want %ld)", got, want);
	va_start(ap, fmt);
	report(got == want, detail, fmt, ap);
	va_end(ap);
	return got == want;
}

bool check_trap(const struct trap_result *r, int vector, const char *fmt, ...)
{
	bool ok = r->vector == vector;
	char detail[96];
	va_list ap;

	if (r->vector == NO_TRAP)
		snprintf(detail, sizeof(detail), " (no exception, want %d %s)",
			 vector, vector_name(vector));
	else
		snprintf(detail, sizeof(detail),
			 " (got %d %s at rip %#lx, want %d %s)", r->vector,
			 vector_name(r->vector), r->rip, vector,
			 vector_name(vector));
	va_start(ap, fmt);
	report(ok, detail, fmt, ap);
	va_end(ap);
	return ok;
}

void require(bool ok, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	report(ok, "", fmt, ap);
	va_end(ap);
	if (!ok) {
		printf("# a required check failed; stopping\n");
		tap_done();
	}
}

void tap_fail(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	report(false, "", fmt, ap);
	va_end(ap);
}

void note(const char *fmt, ...)
{
	char buf[256];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	printf("# %s\n", buf);
}

void tap_bail(const char *fmt, ...)
{
	char buf[256];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	printf("Bail out! %s\n", buf);
	printf("# result: FAIL (bailed out after %d checks)\n", checks);
	qemu_exit(1);
}

void tap_done(void)
{
	printf("1..%d\n", checks);
	if (!checks) {
		printf("# result: FAIL (no checks ran)\n");
		qemu_exit(1);
	}
	if (failures) {
		printf("# result: FAIL (%d of %d checks failed)\n", failures,
		       checks);
		qemu_exit(1);
	}
	printf("# result: pass (%d checks)\n", checks);
	qemu_exit(0);
}
