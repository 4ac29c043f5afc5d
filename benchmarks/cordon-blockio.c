// SPDX-License-Identifier: GPL-2.0
/*
 * cordon-blockio: block I/O through brd, the RAM disk driver, which the
 * hardened guest runs in a Cordon compartment and the baseline guest as an
 * ordinary driver. Every request reaches the driver: the device is opened
 * with O_DIRECT, and the file copy drops the page cache of what it wrote.
 *
 * Tests (each --iterations passes, default 3, --quick 1; the median pass
 * is the result; each also prints <test>_ops, the requests or copies of
 * all its passes, so that counters can be given per operation):
 *
 *   seq_write   4 MiB (--quick 1 MiB) written in 64 KiB requests, MiB/s
 *   seq_read    the same read back, MiB/s
 *   rand_read   1024 (--quick 256) 4 KiB reads at random 4 KiB offsets
 *               of those 4 MiB, requests/s
 *   rand_write  as rand_read, writing, requests/s
 *   file_copy   copies of a 256 KiB file on a vfat filesystem on the
 *               second RAM disk (mkdosfs, mounted by the test), each read
 *               from the disk and written and fsync()ed to it, copies/s
 *
 * Options: the common ones (bench.h), and --disk DEV (default /dev/ram0),
 * --fs-disk DEV (default /dev/ram1).
 */
#include "bench.h"

#include <sys/mount.h>

#define BIO_SEQ_BLOCK	(64 * 1024)
#define BIO_RAND_BLOCK	4096
#define BIO_COPY_SIZE	(256 * 1024)

static const char *bio_disk = "/dev/ram0";
static const char *bio_fs_disk = "/dev/ram1";
static size_t bio_span;		/* bytes the device tests cover */
static int bio_rand_ops;	/* requests per random pass */
static char *bio_buf;		/* BIO_COPY_SIZE bytes, page aligned */

static const char bio_usage[] =
	"usage: cordon-blockio [--quick] [--only T[,T...]] [--list] [--iterations N]\n"
	"                      [--disk DEV] [--fs-disk DEV] [--timeout S] [--verbose]\n";

static int bio_extra(int argc, char **argv, int i)
{
	if (i + 1 < argc && !strcmp(argv[i], "--disk")) {
		bio_disk = argv[i + 1];
		return 2;
	}
	if (i + 1 < argc && !strcmp(argv[i], "--fs-disk")) {
		bio_fs_disk = argv[i + 1];
		return 2;
	}
	return 0;
}

/* Deterministic, so that both kernels do the same requests. */
static uint64_t bio_rng = 0x2545f4914f6cdd1dull;

static uint64_t bio_random(void)
{
	bio_rng ^= bio_rng << 13;
	bio_rng ^= bio_rng >> 7;
	bio_rng ^= bio_rng << 17;
	return bio_rng;
}

/*
 * One pass of the device tests: @write or read, sequential in 64 KiB
 * requests or random in 4 KiB ones. Returns the pass's seconds, or -1.
 */
static double bio_pass(int write, int random, int *ops)
{
	size_t block = random ? BIO_RAND_BLOCK : BIO_SEQ_BLOCK;
	int n = random ? bio_rand_ops : (int)(bio_span / block);
	uint64_t t0;
	ssize_t r;
	off_t off;
	int fd, i;

	fd = open(bio_disk, (write ? O_WRONLY : O_RDONLY) | O_DIRECT);
	if (fd < 0)
		return bench_sysfail("open %s with O_DIRECT", bio_disk);
	t0 = bench_now_ns();
	for (i = 0; i < n; i++) {
		off = random ? (off_t)(bio_random() % (bio_span / block)) * block :
			       (off_t)i * block;
		r = write ? pwrite(fd, bio_buf, block, off) :
			    pread(fd, bio_buf, block, off);
		if (r != (ssize_t)block) {
			close(fd);
			return bench_fail(r < 0 ? errno : 0, "%s of %zu bytes at %lld on %s: %zd",
					  write ? "pwrite" : "pread", block,
					  (long long)off, bio_disk, r);
		}
	}
	close(fd);
	*ops += n;
	return (double)(bench_now_ns() - t0) / 1e9;
}

/* The median of --iterations passes, as a rate of @per_pass units. */
static int bio_device_test(const char *name, int write, int random,
			   double per_pass, const char *unit)
{
	double rate[64];
	char ops_name[64];
	int i, n = bcfg.iterations < 64 ? bcfg.iterations : 64, ops = 0;

	for (i = 0; i < n; i++) {
		double s = bio_pass(write, random, &ops);

		if (s < 0)
			return -1;
		rate[i] = per_pass / (s > 0 ? s : 1e-9);
	}
	bench_emit(name, bench_median(rate, n), unit);
	snprintf(ops_name, sizeof(ops_name), "%s_ops", name);
	bench_emit(ops_name, ops, "ops");
	return 0;
}

static int t_seq_write(void)
{
	return bio_device_test("seq_write", 1, 0, bio_span / 1048576.0, "MiB/s");
}

static int t_seq_read(void)
{
	return bio_device_test("seq_read", 0, 0, bio_span / 1048576.0, "MiB/s");
}

static int t_rand_read(void)
{
	return bio_device_test("rand_read", 0, 1, bio_rand_ops, "ops/s");
}

static int t_rand_write(void)
{
	return bio_device_test("rand_write", 1, 1, bio_rand_ops, "ops/s");
}

/* Write @len bytes of bio_buf to @path, fsync and drop its page cache. */
static int bio_write_file(const char *path, size_t len)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);

	if (fd < 0)
		return bench_sysfail("create %s", path);
	if (bench_writen(fd, bio_buf, len) || fsync(fd) ||
	    posix_fadvise(fd, 0, 0, POSIX_FADV_DONTNEED)) {
		close(fd);
		return bench_sysfail("write and fsync %s", path);
	}
	return close(fd);
}

static int bio_copy(const char *from, const char *to)
{
	int fd = open(from, O_RDONLY);

	if (fd < 0)
		return bench_sysfail("open %s", from);
	if (bench_readn(fd, bio_buf, BIO_COPY_SIZE) ||
	    posix_fadvise(fd, 0, 0, POSIX_FADV_DONTNEED)) {
		close(fd);
		return bench_sysfail("read %s", from);
	}
	close(fd);
	return bio_write_file(to, BIO_COPY_SIZE);
}

static int t_file_copy(void)
{
	const char *mnt = "/tmp/cordon-blockio";
	int copies = bcfg.quick ? 8 : 32, i, p, n, ops = 0, rc = -1;
	char cmd[128], a[64], b[64];
	double rate[64];
	uint64_t t0;

	n = bcfg.iterations < 64 ? bcfg.iterations : 64;
	snprintf(cmd, sizeof(cmd), "mkdosfs %s >/dev/null", bio_fs_disk);
	if (system(cmd))
		return bench_fail(0, "'%s' failed", cmd);
	if (mkdir(mnt, 0755) && errno != EEXIST)
		return bench_sysfail("mkdir %s", mnt);
	if (mount(bio_fs_disk, mnt, "vfat", 0, NULL))
		return bench_sysfail("mount %s on %s (vfat)", bio_fs_disk, mnt);
	snprintf(a, sizeof(a), "%s/a", mnt);
	snprintf(b, sizeof(b), "%s/b", mnt);
	memset(bio_buf, 0x5a, BIO_COPY_SIZE);
	if (bio_write_file(a, BIO_COPY_SIZE))
		goto out;
	/* a to b, b to a, ... */
	for (p = 0; p < n; p++) {
		t0 = bench_now_ns();
		for (i = 0; i < copies; i++)
			if (bio_copy(i & 1 ? b : a, i & 1 ? a : b))
				goto out;
		rate[p] = copies / ((double)(bench_now_ns() - t0) / 1e9);
		ops += copies;
	}
	bench_emit("file_copy", bench_median(rate, n), "ops/s");
	bench_emit("file_copy_ops", ops, "ops");
	rc = 0;
out:
	if (umount(mnt) && !rc)
		rc = bench_sysfail("umount %s", mnt);
	return rc;
}

static const struct bench_test bio_tests[] = {
	{ "seq_write", "sequential O_DIRECT writes, 64 KiB, MiB/s", t_seq_write },
	{ "seq_read", "sequential O_DIRECT reads, 64 KiB, MiB/s", t_seq_read },
	{ "rand_read", "random O_DIRECT reads, 4 KiB, ops/s", t_rand_read },
	{ "rand_write", "random O_DIRECT writes, 4 KiB, ops/s", t_rand_write },
	{ "file_copy", "256 KiB file copies on vfat, uncached, ops/s", t_file_copy },
};

#define BIO_NTESTS ((int)(sizeof(bio_tests) / sizeof(bio_tests[0])))

int main(int argc, char **argv)
{
	bench_init("cordon-blockio", argv[0]);
	if (bench_parse(argc, argv, bio_usage, bio_extra))
		return 2;
	if (bcfg.list) {
		bench_list(bio_tests, BIO_NTESTS);
		return 0;
	}
	if (bench_check_only(bio_tests, BIO_NTESTS))
		return 2;
	if (!bcfg.iterations)
		bcfg.iterations = bcfg.quick ? 1 : 3;
	bio_span = bcfg.quick ? 1 << 20 : 4 << 20;
	bio_rand_ops = bcfg.quick ? 256 : 1024;
	if (posix_memalign((void **)&bio_buf, 4096, BIO_COPY_SIZE)) {
		fprintf(stderr, "cordon-blockio: out of memory\n");
		return 1;
	}
	memset(bio_buf, 0xa5, BIO_COPY_SIZE);
	return bench_run(bio_tests, BIO_NTESTS);
}
