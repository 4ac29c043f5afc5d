# SPDX-License-Identifier: GPL-2.0
"""Benchmarks: the report reads the guests' logs right, names what is missing
or unparsable, and applies the cost model; scripts/bench refuses bad
settings; the bench initramfs carries the third-party programs."""
import os
import subprocess
import sys
import tempfile
import unittest

from common import ROOT, SCRIPTS, run, write

REPORT = os.path.join(ROOT, 'benchmarks', 'report.py')
sys.path.insert(0, os.path.join(ROOT, 'benchmarks'))
import report  # noqa: E402

CTR = ('vmfunc={vmfunc} vmfunc_ud=0 ve={ve} violation_exits=0 hypercalls={hc} '
       'hypercall_errors=0 tlb_flushes=0 instructions=0')


def ctr(hc, ve=0, vmfunc=0):
    return ' ' + CTR.format(hc=hc, ve=ve, vmfunc=vmfunc)


def guest_log(hardened, null_us, pipe_lps, ve_in_null=0, stop_after=None,
              bad_value=False, gates=False):
    """A serial log as scripts/guest/cordon-bench prints it. Each counter
    read costs 2 hypercalls (one per vCPU), as in the real guest."""
    on = hardened
    lines = ['[    0.000000] Linux version 6.1.192',
             'BENCH-CONFIG quick=1 suites=lmbench,unixbench kernel=6.1.192 '
             f'cordon={"enforcing" if on else "absent"} cpus=2',
             'BENCH-PLAN cordon-lmbench null',
             'BENCH-PLAN cordon-lmbench pf_file',
             'BENCH-PLAN cordon-lmbench pf_file_wr',
             'BENCH-PLAN cordon-unixbench pipe']
    if on:
        lines += ['COUNTERS-BEFORE cpu0' + ctr(5), 'COUNTERS-BEFORE cpu1' + ctr(1),
                  'COUNTERS-PROBE cpu0' + ctr(6), 'COUNTERS-PROBE cpu1' + ctr(2)]
    else:
        lines += ['COUNTERS-BEFORE n.a. (no file: Cordon is not in this kernel)'] * 1
    hc = [10]

    def span(prog, sel, body, ve=0, secs=1.0):
        c0 = ctr(hc[0]) if on else ''
        t0 = 1_000_000_000 * (len(lines) + 1)
        lines.append(f'SPAN-BEGIN {prog} {sel} t={t0}{c0}')
        lines.extend(body)
        hc[0] += 2
        c1 = ctr(hc[0], ve=ve) if on else ''
        lines.append(f'SPAN-END {prog} {sel} t={t0 + int(secs * 1e9)} status=0{c1}')
        hc[0] += 2

    value = 'x0.5' if bad_value else f'{null_us}'
    span('cordon-lmbench', 'null', [f'BENCH cordon-lmbench null {value} us',
                                    f'BENCH cordon-lmbench null_tsc {null_us * 2600} tsc-ticks'],
         ve=ve_in_null)
    if stop_after == 'null':
        lines.append('[   12.000000] Kernel panic - not syncing: Fatal exception')
        return '\r\n'.join(lines) + '\r\n'
    span('cordon-lmbench', 'pf_file', ['BENCH cordon-lmbench pf_file 0.9 us',
                                       'BENCH cordon-lmbench pf_file_wr 99.0 us'])
    span('cordon-lmbench', 'pf_file_wr', ['BENCH cordon-lmbench pf_file_wr 3.5 us'])
    span('cordon-unixbench', 'pipe', [f'BENCH cordon-unixbench pipe {pipe_lps} lps',
                                      'BENCH cordon-unixbench pipe_index 15.0 index',
                                      'BENCH cordon-unixbench index_partial 15.0 index'])
    if on:
        lines += ['COUNTERS-AFTER cpu0' + ctr(hc[0] // 2), 'COUNTERS-AFTER cpu1' + ctr(hc[0] // 2)]
        lines += ['MICRO ve_sealed_read n=10 failed=0 loop_ns=10000000 ref_ns=4000000',
                  'MICRO-CTR ve_sealed_read before' + ctr(100),
                  'MICRO-CTR ve_sealed_read after' + ctr(102, ve=10)]
        if gates:
            lines += ['MICRO gate_call n=10 failed=0 loop_ns=5000000 ref_ns=4000000',
                      'MICRO-CTR gate_call before' + ctr(104),
                      'MICRO-CTR gate_call after' + ctr(106, vmfunc=20)]
        else:
            lines += ["MICRO gate_call n.a. (this kernel's demo trigger has no working "
                      "'gate-call' scenario)"]
    lines += ['BENCH-DONE t=99000000000 status=0', 'CORDON-RESULT: status=0']
    return '\r\n'.join(lines) + '\r\n'


def with_selinux(text, cordon, misses, crossings, selinux='enforcing'):
    """TEXT (guest_log) as a run with SELinux on: BENCH-CONFIG says so, two
    SEL-PROBE lines (one read adds 3 lookups and 1 miss), and each span's
    ends carry the AVC's statistics and the server's crossings: per span 100
    lookups and MISSES misses, CROSSINGS crossings, plus one read's cost."""
    out, at = [], {'l': 1000, 'm': 10, 'c': 50}

    def sel():
        return (f' avc_lookups={at["l"]} avc_hits={at["l"] - at["m"]} '
                f'avc_misses={at["m"]} server_crossings={at["c"]}')
    for line in text.split('\r\n'):
        if line.startswith('BENCH-CONFIG'):
            line = line.replace('cordon=enforcing', f'cordon={cordon}').replace(
                'cordon=absent', f'cordon={cordon}') + f' selinux={selinux}'
            out.append(line)
            out.append('SEL-PROBE before' + sel())
            at['l'] += 3
            at['m'] += 1
            out.append('SEL-PROBE after' + sel())
            continue
        if line.startswith('SPAN-BEGIN'):
            line += sel()
        elif line.startswith('SPAN-END'):
            at['l'] += 103
            at['m'] += misses + 1
            at['c'] += crossings
            line += sel()
        out.append(line)
    return '\r\n'.join(out)


def make_dir(d, runs):
    """runs: [(variant, n, log text, host rc, reason)]"""
    with open(os.path.join(d, 'runs.tsv'), 'w') as f:
        for v, n, text, rc, reason in runs:
            write(os.path.join(d, f'run-{v}-{n}.log'), text)
            f.write(f'{v}\t{n}\t{rc}\t20\t{reason}\n')


def checks(d):
    with open(os.path.join(d, 'checks.txt')) as f:
        return [line.rstrip('\n') for line in f]


class Report(unittest.TestCase):
    def report(self, d, *extra):
        return run([sys.executable, REPORT, '--dir', d, '--no-plots', *extra])

    def test_medians_ratio_and_direction(self):
        with tempfile.TemporaryDirectory() as d:
            make_dir(d, [('baseline', 1, guest_log(False, 1.0, 1000), 0, ''),
                         ('hardened', 1, guest_log(True, 1.2, 900), 0, ''),
                         ('baseline', 2, guest_log(False, 3.0, 1100), 0, ''),
                         ('hardened', 2, guest_log(True, 1.4, 700), 0, '')])
            r = self.report(d)
            self.assertEqual(r.returncode, 0, r.stdout + r.stderr)
            with open(os.path.join(d, 'report.md')) as f:
                md = f.read()
            # null: baseline median 2.0 (1-3), hardened 1.3: lower is better
            self.assertIn('| lmbench | null | us (lower) | 2.000 (1.000–3.000) | '
                          '1.300 (1.200–1.400) | 0.6500 | 35.0% faster (within spread) |', md)
            # pipe: a rate; hardened 800 against 1050 is slower
            self.assertIn('| unixbench | pipe | lps (higher) | 1,050 (1,000–1,100) | '
                          '800.0 (700.0–900.0) | 0.7619 | 31.2% slower |', md)
            # auxiliary values stay out of the main table, index_partial everywhere
            main = md.split('## Main table')[1].split('## Emulator')[0]
            self.assertNotIn('null_tsc', main)
            self.assertNotIn('index_partial', md)
            self.assertTrue(all(c.startswith('PASS') for c in checks(d)))
            # 5 tests (null, null_tsc, pf_file, pf_file_wr, pipe, pipe_index) x 2
            self.assertEqual(len(checks(d)), 12)

    def test_host_load_is_shown_and_warned_about(self):
        with tempfile.TemporaryDirectory() as d:
            make_dir(d, [('baseline', 1, guest_log(False, 1.0, 1000), 0, ''),
                         ('hardened', 1, guest_log(True, 1.0, 1000), 0, '')])
            # scripts/bench's runs.tsv: other load and steal in cores.
            with open(os.path.join(d, 'runs.tsv'), 'w') as f:
                f.write('baseline\t1\t0\t20\t\t0.05\t0.00\n'
                        'hardened\t1\t0\t20\t\t1.30\t0.10\n')
            r = self.report(d)
            self.assertEqual(r.returncode, 0, r.stdout + r.stderr)
            with open(os.path.join(d, 'report.md')) as f:
                md = f.read()
            self.assertIn('**Host load:** 1 of 2 run(s) shared the host with '
                          'other work (up to 1.40 cores', md)
            self.assertIn('| hardened-1 | ok | 20 s | 1.30 (0.10) |', md)
            self.assertIn('| baseline-1 | ok | 20 s | 0.05 (0.00) |', md)
            # Quiet runs: no warning.
            with open(os.path.join(d, 'runs.tsv'), 'w') as f:
                f.write('baseline\t1\t0\t20\t\t0.05\t0.00\n'
                        'hardened\t1\t0\t20\t\t0.10\t0.00\n')
            self.report(d)
            with open(os.path.join(d, 'report.md')) as f:
                self.assertNotIn('**Host load:**', f.read())

    def crossings_report(self, d, table):
        """report.md of a quick baseline and hardened run with TABLE as
        scripts/measure-crossings' output."""
        if not os.path.exists(os.path.join(d, 'runs.tsv')):
            make_dir(d, [('baseline', 1, guest_log(False, 1.0, 1000), 0, ''),
                         ('hardened', 1, guest_log(True, 1.0, 1000), 0, '')])
        tsv = os.path.join(d, 'crossings.tsv')
        write(tsv, table)
        r = self.report(d, '--crossings', tsv)
        self.assertEqual(r.returncode, 0, r.stdout + r.stderr)
        with open(os.path.join(d, 'report.md')) as f:
            return f.read()

    def test_crossings_get_the_modelled_cost(self):
        # scripts/measure-crossings' table: the other instructions at cpi,
        # each VMFUNC, #VE and hypercall at its modelled cost.
        with tempfile.TemporaryDirectory() as d:
            md = self.crossings_report(d, 'round trip\t1264\t2\t0\t0\n'
                                          'grant\t591\t2\t1\t2\n')
            # 1262 x 1 + 2 x 169
            self.assertIn('| round trip | 1264 | 2 | 0 | 0 | 1,600 cycles (640.0 ns) |', md)
            # 587 x 1 + 2 x 169 + 500 + 2 x 1200
            self.assertIn('| grant | 591 | 2 | 1 | 2 | 3,825 cycles (1,530 ns) |', md)
            r = self.report(d, '--crossings', os.path.join(d, 'missing.tsv'))
            with open(os.path.join(d, 'report.md')) as f:
                self.assertIn('n.a.: no measurement', f.read())

    def test_avc_sealed_against_unsealed(self):
        # The AVC's miss and hit with the server sealed and unsealed: the
        # ratio, held to its target; a missing half says so.
        with tempfile.TemporaryDirectory() as d:
            md = self.crossings_report(
                d, 'AVC miss, server sealed\t3000\t2\t0\t0\n'
                   'AVC hit, server sealed\t120\t0\t0\t0\n'
                   'AVC miss, server unsealed (cordon=off)\t2000\t0\t0\t0\n'
                   'AVC hit, server unsealed (cordon=off)\t120\t0\t0\t0\n')
            self.assertIn('| miss | 3000 | 2000 | 1.50× | at most 1.2× | no |', md)
            self.assertIn('| hit | 120 | 120 | 1.00× | no extra instruction | yes |', md)
            md = self.crossings_report(
                d, 'AVC miss, server sealed\t2200\t2\t0\t0\n'
                   'AVC miss, server unsealed (cordon=off)\t2000\t0\t0\t0\n'
                   'AVC hit, server sealed\t121\t0\t0\t0\n')
            self.assertIn('| miss | 2200 | 2000 | 1.10× | at most 1.2× | yes |', md)
            self.assertIn('| hit | 121 | n.a. | n.a. | n.a. | n.a.: not measured |', md)

    def test_own_span_wins_for_prefix_selected_tests(self):
        # "--only pf_file" also prints pf_file_wr; its own span's value counts.
        with tempfile.TemporaryDirectory() as d:
            make_dir(d, [('baseline', 1, guest_log(False, 1.0, 1000), 0, ''),
                         ('hardened', 1, guest_log(True, 1.0, 1000), 0, '')])
            runs = report.load_runs(d)
            self.assertEqual(runs[0].results[('cordon-lmbench', 'pf_file_wr')].value, 3.5)

    def test_unparsable_value_names_test_and_line(self):
        with tempfile.TemporaryDirectory() as d:
            make_dir(d, [('baseline', 1, guest_log(False, 1.0, 1000), 0, ''),
                         ('hardened', 1, guest_log(True, 1.0, 1000, bad_value=True), 0, '')])
            r = self.report(d)
            self.assertEqual(r.returncode, 1)
            fails = [c for c in checks(d) if c.startswith('FAIL')]
            self.assertEqual(len(fails), 1, fails)
            self.assertIn('FAIL hardened cordon-lmbench/null hardened-1: unparsable, ', fails[0])
            self.assertIn('run-hardened-1.log:12: value "x0.5" is not a number', fails[0])

    def test_guest_that_died_names_run_and_log(self):
        with tempfile.TemporaryDirectory() as d:
            reason = 'the guest kernel panicked: Kernel panic; see build/bench/run-hardened-1.log'
            make_dir(d, [('baseline', 1, guest_log(False, 1.0, 1000), 0, ''),
                         ('hardened', 1, guest_log(True, 1.0, 1000, stop_after='null'), 1, reason)])
            r = self.report(d)
            self.assertEqual(r.returncode, 1)
            fails = [c for c in checks(d) if c.startswith('FAIL')]
            # pf_file, pf_file_wr, pipe, pipe_index missing in the hardened run
            self.assertEqual(len(fails), 4, fails)
            self.assertIn('FAIL hardened cordon-unixbench/pipe hardened-1: the test never '
                          'started (the guest kernel panicked', '\n'.join(fails))
            self.assertIn('FAILED hardened cordon-unixbench/pipe', r.stderr)

    def test_model_adds_counted_events_at_hardware_cost(self):
        with tempfile.TemporaryDirectory() as d:
            # 2,500,000 #VEs during the 1 s 'null' span: at 500 cycles and
            # 2.5 GHz that is 0.5 s of a 1 s span, with equal emulated times.
            make_dir(d, [('baseline', 1, guest_log(False, 1.0, 1000), 0, ''),
                         ('hardened', 1, guest_log(True, 1.0, 1000, ve_in_null=2_500_000), 0, '')])
            model = report.CostModel(os.path.join(ROOT, 'benchmarks', 'cost-model.conf'))
            self.assertEqual(model.events['ve']['cycles'], 500)
            rows = report.build_rows(report.load_runs(d), model, icount=False)
            null = next(r for r in rows if r.key == ('cordon-lmbench', 'null'))
            self.assertAlmostEqual(null.model['cycles'], 1.5)
            self.assertEqual(null.deltas['ve'], 2_500_000)
            # the counter reads' own hypercalls are not events of the test
            self.assertEqual(null.deltas['hypercalls'], 0)
            pipe = next(r for r in rows if r.key == ('cordon-unixbench', 'pipe'))
            self.assertAlmostEqual(pipe.model['cycles'], 1.0)

    def test_counters_and_micro_costs(self):
        with tempfile.TemporaryDirectory() as d:
            make_dir(d, [('baseline', 1, guest_log(False, 1.0, 1000), 0, ''),
                         ('hardened', 1, guest_log(True, 1.0, 1000), 0, '')])
            self.assertEqual(self.report(d).returncode, 0)
            with open(os.path.join(d, 'report.md')) as f:
                md = f.read()
            self.assertIn('| baseline-1 | n.a. (no Cordon) |', md)
            self.assertIn('| hardened-1 | 0 | 0 | 0 | 0 | 20 / 20 / 0 |', md)
            # (10 ms - 4 ms) / 10 writes
            self.assertIn('1,000 µs per write, 600.0 µs above', md)
            self.assertIn('counted per write: ve 1.00 |', md)
            self.assertIn('| not yet: gates not implemented (', md)

    def test_gate_round_trip_where_gates_exist(self):
        with tempfile.TemporaryDirectory() as d:
            make_dir(d, [('baseline', 1, guest_log(False, 1.0, 1000), 0, ''),
                         ('hardened', 1, guest_log(True, 1.0, 1000, gates=True), 0, '')])
            self.assertEqual(self.report(d).returncode, 0)
            with open(os.path.join(d, 'report.md')) as f:
                md = f.read()
            self.assertIn('| 500.0 µs per call, 100.0 µs above the same loop writing to '
                          '/dev/null (median of 1 run(s), 10 each); counted per call: '
                          'vmfunc 2.00 |', md)

    def test_baseline_with_cordon_is_refused(self):
        with tempfile.TemporaryDirectory() as d:
            make_dir(d, [('baseline', 1, guest_log(True, 1.0, 1000), 0, ''),
                         ('hardened', 1, guest_log(True, 1.0, 1000), 0, '')])
            self.assertEqual(self.report(d).returncode, 1)
            self.assertIn('the baseline kernel has Cordon', '\n'.join(checks(d)))

    def test_plots_need_gnuplot(self):
        with tempfile.TemporaryDirectory() as d:
            make_dir(d, [('baseline', 1, guest_log(False, 1.0, 1000), 0, ''),
                         ('hardened', 1, guest_log(True, 1.0, 1000), 0, '')])
            r = run([sys.executable, REPORT, '--dir', d], env={'PATH': '/nonexistent'})
            self.assertEqual(r.returncode, 1)
            self.assertIn("gnuplot not found, so no plots; run 'make deps'", r.stderr)

    def test_sealed_against_unsealed(self):
        with tempfile.TemporaryDirectory() as d:
            make_dir(d, [('baseline', 1, guest_log(False, 1.0, 1000), 0, ''),
                         ('hardened', 1, with_selinux(guest_log(True, 2.0, 1000),
                                                      'enforcing', 4, 8), 0, ''),
                         ('unsealed', 1, with_selinux(guest_log(False, 1.6, 1000),
                                                      'off', 4, 0), 0, '')])
            r = self.report(d, '--variants', 'baseline,hardened,unsealed')
            self.assertEqual(r.returncode, 0, r.stdout + r.stderr)
            with open(os.path.join(d, 'report.md')) as f:
                md = f.read()
            self.assertIn('## The security server: sealed against unsealed', md)
            # null: 1.6 unsealed, 2.0 sealed; net of the reads: 100 lookups,
            # 4 misses, 8 crossings.
            self.assertIn('| lmbench | null | us (lower) | 1.600 | 2.000 | 1.250 | 100 | 4 | 4 | '
                          '8 |', md)
            self.assertIn('hardened: enforcing, unsealed: enforcing', md)

    def test_unsealed_needs_cordon_off_and_selinux_on(self):
        with tempfile.TemporaryDirectory() as d:
            make_dir(d, [('baseline', 1, guest_log(False, 1.0, 1000), 0, ''),
                         ('hardened', 1, with_selinux(guest_log(True, 2.0, 1000),
                                                      'enforcing', 4, 8, 'off'), 0, ''),
                         ('unsealed', 1, with_selinux(guest_log(True, 1.6, 1000),
                                                      'enforcing', 4, 0), 0, '')])
            r = self.report(d, '--variants', 'baseline,hardened,unsealed')
            self.assertEqual(r.returncode, 1)
            c = '\n'.join(checks(d))
            self.assertIn('FAIL unsealed - run unsealed-1: Cordon is enforcing, not off', c)
            self.assertIn('FAIL hardened - run hardened-1: SELinux is off, so sealed '
                          'against unsealed means nothing', c)

    def test_a_missing_unsealed_run_fails_only_when_asked_for(self):
        with tempfile.TemporaryDirectory() as d:
            make_dir(d, [('baseline', 1, guest_log(False, 1.0, 1000), 0, ''),
                         ('hardened', 1, guest_log(True, 1.0, 1000), 0, '')])
            self.assertEqual(self.report(d).returncode, 0)
            r = self.report(d, '--variants', 'baseline,hardened,unsealed')
            self.assertEqual(r.returncode, 1)
            self.assertIn('FAIL unsealed - no unsealed run at all', '\n'.join(checks(d)))
            self.assertEqual(self.report(d, '--variants', 'hardened,unsealed').returncode, 2)


class BenchScript(unittest.TestCase):
    def test_bad_runs(self):
        r = run([os.path.join(SCRIPTS, 'bench')], env={'RUNS': '0'})
        self.assertEqual(r.returncode, 1)
        self.assertIn("cordon: bench: RUNS must be a positive number, not '0'", r.stderr)

    def test_unknown_suite(self):
        r = run([os.path.join(SCRIPTS, 'bench')], env={'ONLY': 'lmbench:null whetstone'})
        self.assertEqual(r.returncode, 1)
        self.assertIn("ONLY: no suite 'whetstone'", r.stderr)


class BenchInitramfs(unittest.TestCase):
    def test_bench_image_has_third_party_programs_and_loader(self):
        with tempfile.TemporaryDirectory() as d:
            r = run([os.path.join(SCRIPTS, 'initramfs'), 'bench'], env={'CORDON_BUILD': d})
            self.assertEqual(r.returncode, 0, r.stderr)
            ls = subprocess.run(f'zcat {d}/initramfs-bench.cpio.gz | cpio -t --quiet',
                                shell=True, capture_output=True, text=True).stdout.split()
            for f in ('init', 'bin/cordon-bench', 'bin/cordon-nsec', 'bin/stress-ng',
                      'bin/sysbench', 'lib64/ld-linux-x86-64.so.2',
                      'lib/x86_64-linux-gnu/libc.so.6'):
                self.assertIn(f, ls)
            # every library the programs need resolves inside the image
            for prog in ('stress-ng', 'sysbench') if os.geteuid() == 0 else ():
                r = run(['chroot', os.path.join(d, 'initramfs-bench'), f'/bin/{prog}', '--version'])
                self.assertEqual(r.returncode, 0, r.stderr)
            self.assertFalse(os.path.exists(os.path.join(d, 'initramfs.cpio.gz')))


if __name__ == '__main__':
    unittest.main()
