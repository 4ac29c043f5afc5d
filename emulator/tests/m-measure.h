/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Helpers shared by the measurement programs (m-*.c). These are not
 * tests: scripts/measure-emulator runs them and reads their "measure ..."
 * lines. Their checks only confirm that the thing measured happened.
 */
#ifndef _TESTS_M_MEASURE_H
#define _TESTS_M_MEASURE_H

#include "test.h"

#define PIT_HZ		1193182u
#define PIT_CH2		0x42
#define PIT_MODE	0x43
#define PORT_61		0x61	/* bit 0: channel 2 gate, bit 5: its output */

/* Sort a few values in place (insertion sort) and return the median. */
static inline u64 median(u64 *v, int n)
{
	int i, j;

	for (i = 1; i < n; i++)
		for (j = i; j > 0 && v[j - 1] > v[j]; j--) {
			u64 x = v[j];

			v[j] = v[j - 1];
			v[j - 1] = x;
		}
	return v[n / 2];
}

/*
 * Guest TSC ticks per second, timed against PIT channel 2 (one-shot,
 * 65535 ticks = 55 ms, median of 5). Without -icount both the TSC and the
 * PIT follow host time under TCG, so this is the rate that turns guest
 * cycles into host nanoseconds. With -icount both follow the instruction
 * count instead.
 */
static inline u64 tsc_hz(void)
{
	u64 hz[5], t;
	int i;

	for (i = 0; i < 5; i++) {
		outb(PORT_61, (inb(PORT_61) & ~0x02) | 0x01);	/* gate on, no sound */
		outb(PIT_MODE, 0xb0);	/* channel 2, lo/hi byte, mode 0 */
		outb(PIT_CH2, 0xff);
		outb(PIT_CH2, 0xff);	/* counting starts here */
		t = rdtsc();
		while (!(inb(PORT_61) & 0x20))
			;
		t = rdtsc() - t;
		hz[i] = t * PIT_HZ / 0xffff;
	}
	return median(hz, 5);
}

/*
 * GET_COUNTERS into ctr, which must not cross a page. Silent on success:
 * printing would add thousands of instructions to every batch.
 */
static inline void read_counters(u64 *ctr)
{
	long ret = hc(CORDON_HC_GET_COUNTERS, phys_of(ctr));

	if (ret)
		tap_bail("GET_COUNTERS(%#lx) returned %ld", phys_of(ctr), ret);
}

#endif /* _TESTS_M_MEASURE_H */
