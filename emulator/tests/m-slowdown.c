// SPDX-License-Identifier: GPL-2.0
// QEMU: -smp 1
/*
 * Measurement (not a test): a CPU and memory workload that never uses
 * views, to compare TCG's speed with the feature off, on but unused, and
 * enabled with a second view that is never entered. scripts/measure-emulator
 * slowdown times whole QEMU runs; the fw_cfg file opt/cordon/views says
 * which case this boot is:
 *   off      -cpu max: no views (checked through CPUID)
 *   idle     -cpu max,cordon-views=on, views never enabled
 *   enabled  the same, plus SET_STATE(1) and one extra view (RWX)
 *
 * Views act when QEMU fills its TLB, so the workload has two phases:
 *   warm  sweeps over a 12 MiB buffer with every page in QEMU's TLB, so
 *         this is the cost of translated code alone;
 *   cold  the same sweeps, each after a CR3 reload (as on a context
 *         switch), so every sweep refills the TLB for 3072 pages.
 * QEMU sizes its TLB only when it is flushed, doubling it while more than
 * 70% is in use; so a few untimed flush-and-sweep rounds first grow it
 * from 256 entries to 8192, enough to hold the buffer during the warm
 * phase.
 * A sweep visits the pages in a scrambled order and, in each, reads,
 * mixes and writes back all 512 words.
 */
#include "m-measure.h"

#define BUF_BYTES	(12u << 20)
#define PAGES		(BUF_BYTES / PAGE_SIZE)
#define WORDS		(PAGE_SIZE / 8)
#define STRIDE		1031	/* prime, so i * STRIDE % PAGES visits all */
#define SWEEPS		400	/* per phase: about 1.5 s each */
#define PRIME		8	/* untimed rounds that grow QEMU's TLB */

static u64 buf[BUF_BYTES / 8] PAGE_ALIGNED;

/* === fw_cfg (I/O ports): which case this is === */

static bool same(const char *a, const char *b)
{
	while (*a && *a == *b)
		a++, b++;
	return *a == *b;
}

#define FW_CFG_SEL	0x510
#define FW_CFG_DATA	0x511
#define FW_CFG_DIR	0x19
#define FW_CFG_NAME	56

static void fw_cfg_select(u16 key)
{
	asm volatile("outw %0, %1" : : "a"(key), "Nd"((u16)FW_CFG_SEL));
}

static u32 fw_cfg_be(int bytes)
{
	u32 v = 0;

	while (bytes--)
		v = v << 8 | inb(FW_CFG_DATA);
	return v;
}

/* The contents of fw_cfg file name, NUL-terminated in out; "" if absent. */
static void fw_cfg_file(const char *name, char *out, u32 size)
{
	char fname[FW_CFG_NAME];
	u32 n, len, i;
	u16 key;

	out[0] = 0;
	fw_cfg_select(FW_CFG_DIR);
	for (n = fw_cfg_be(4); n; n--) {
		len = fw_cfg_be(4);
		key = fw_cfg_be(2);
		fw_cfg_be(2);
		for (i = 0; i < FW_CFG_NAME; i++)
			fname[i] = inb(FW_CFG_DATA);
		fname[FW_CFG_NAME - 1] = 0;
		if (!same(fname, name))
			continue;
		fw_cfg_select(key);
		for (i = 0; i < len && i + 1 < size; i++)
			out[i] = inb(FW_CFG_DATA);
		out[i] = 0;
		return;
	}
}

/* === The workload === */

static u64 sweep(u64 x)
{
	u32 i, j;

	for (i = 0; i < PAGES; i++) {
		u64 *p = &buf[(u64)(i * STRIDE % PAGES) * WORDS];

		for (j = 0; j < WORDS; j++) {
			x = x * 6364136223846793005ull + p[j];
			p[j] = x ^ (x >> 29);
		}
	}
	return x;
}

static void flush_tlb(void)
{
	asm volatile("mov %0, %%cr3" : : "r"(read_cr3()) : "memory");
}

void test_main(void)
{
	char mode[16];
	bool offered;
	u64 x = 1, t0, warm, cold;
	int s;

	fw_cfg_file("opt/cordon/views", mode, sizeof(mode));
	offered = cpuid(CORDON_VIEWS_CPUID_BASE, 0).ebx ==
		  CORDON_VIEWS_CPUID_SIG_EBX;
	if (same(mode, "off")) {
		require(!offered, "off: CPUID offers no views");
	} else if (same(mode, "idle")) {
		require(offered, "idle: CPUID offers views");
		require(hc(CORDON_HC_GET_STATE) == 0, "idle: views not enabled");
	} else if (same(mode, "enabled")) {
		views_enable();
		view_create_checked(CORDON_ACCESS_RWX);
	} else {
		tap_bail("fw_cfg opt/cordon/views is '%s', not off, idle or enabled",
			 mode);
	}

	for (s = 0; s < PRIME; s++) {
		flush_tlb();
		x = sweep(x);
	}
	t0 = rdtsc();
	for (s = 0; s < SWEEPS; s++)
		x = sweep(x);
	warm = rdtsc() - t0;
	t0 = rdtsc();
	for (s = 0; s < SWEEPS; s++) {
		flush_tlb();
		x = sweep(x);
	}
	cold = rdtsc() - t0;

	printf("measure views=%s tsc_hz=%lu warm=%lu cold=%lu sweeps=%d "
	       "checksum=%#lx\n", mode, tsc_hz(), warm, cold, SWEEPS, x);
	if (offered)
		check_eq(hc(CORDON_HC_GET_STATE), same(mode, "enabled"),
			 "views still %s", mode);
}
