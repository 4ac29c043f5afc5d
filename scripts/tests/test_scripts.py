# SPDX-License-Identifier: GPL-2.0
"""Build scripts: failures are one clear line, and nothing is left half-done."""
import os
import subprocess
import tempfile
import unittest

from common import ROOT, SCRIPTS, run, write


def lib(snippet, env=None):
    """Run a bash snippet with scripts/lib.sh sourced."""
    return run(['bash', '-c', f'STEP=t; . {SCRIPTS}/lib.sh; {snippet}'], env=env)


class Lib(unittest.TestCase):
    def test_need_tool_names_tool_and_package(self):
        r = lib('need_tool no-such-tool-xyz some-pkg')
        self.assertEqual(r.returncode, 1)
        self.assertEqual(r.stderr.strip(),
                         "cordon: t: 'no-such-tool-xyz' not found; run 'make deps' "
                         "(it installs Debian package 'some-pkg')")

    def test_need_space_refuses_impossible_amount(self):
        r = lib('need_space /tmp 999999999')
        self.assertEqual(r.returncode, 1)
        self.assertIn('this step needs 999999999 MiB', r.stderr)

    def test_hash_changes_with_patch_content(self):
        with tempfile.TemporaryDirectory() as d:
            p = write(os.path.join(d, 'a.patch'), 'one\n')
            h1 = lib(f'hash_inputs {p}').stdout
            write(p, 'two\n')
            h2 = lib(f'hash_inputs {p}').stdout
            self.assertNotEqual(h1, h2)
            self.assertEqual(len(h1.strip()), 64)

    def test_stale_patch_is_named(self):
        with tempfile.TemporaryDirectory() as d:
            tree = os.path.join(d, 'tree')
            write(os.path.join(tree, 'f.txt'), 'hello\n')
            p = write(os.path.join(d, '0001-x.patch'),
                      '--- a/f.txt\n+++ b/f.txt\n@@ -1 +1 @@\n-goodbye\n+hi\n')
            r = lib(f'apply_series {tree} {p}')
            self.assertEqual(r.returncode, 1)
            self.assertIn('0001-x.patch no longer applies to tree', r.stderr)
            with open(os.path.join(tree, 'f.txt')) as f:
                self.assertEqual(f.read(), 'hello\n')

    def test_good_patch_applies(self):
        with tempfile.TemporaryDirectory() as d:
            tree = os.path.join(d, 'tree')
            write(os.path.join(tree, 'f.txt'), 'hello\n')
            p = write(os.path.join(d, '0001-x.patch'),
                      '--- a/f.txt\n+++ b/f.txt\n@@ -1 +1 @@\n-hello\n+hi\n')
            r = lib(f'apply_series {tree} {p}')
            self.assertEqual(r.returncode, 0, r.stderr)
            with open(os.path.join(tree, 'f.txt')) as f:
                self.assertEqual(f.read(), 'hi\n')

    def test_failed_command_shows_log_path(self):
        with tempfile.TemporaryDirectory() as d:
            r = lib(f'run_logged {d}/x.log sh -c "echo boom; exit 3"')
            self.assertEqual(r.returncode, 1)
            self.assertIn('boom', r.stderr)
            self.assertIn('full log in', r.stderr)


class RunGuest(unittest.TestCase):
    def test_missing_kernel(self):
        r = run([os.path.join(SCRIPTS, 'run-guest'), '-k', '/nonexistent/bzImage',
                 '-q', '/bin/true'])
        self.assertEqual(r.returncode, 1)
        self.assertIn("no kernel at /nonexistent/bzImage; run 'make kernel'", r.stderr)

    def test_missing_qemu(self):
        r = run([os.path.join(SCRIPTS, 'run-guest'), '-q', '/nonexistent/qemu'])
        self.assertEqual(r.returncode, 1)
        self.assertIn("no QEMU at /nonexistent/qemu; run 'make qemu'", r.stderr)

    def test_bad_views_value(self):
        with tempfile.TemporaryDirectory() as d:
            k = write(os.path.join(d, 'k'), 'x')
            # the initramfs path comes from CORDON_BUILD
            write(os.path.join(d, 'initramfs.cpio.gz'), 'x')
            r = run([os.path.join(SCRIPTS, 'run-guest'), '-k', k, '-q', '/bin/true',
                     '-v', 'maybe'], env={'CORDON_BUILD': d})
            self.assertEqual(r.returncode, 1)
            self.assertIn("-v takes auto, on or off, not 'maybe'", r.stderr)


class Config(unittest.TestCase):
    def test_unknown_variant(self):
        r = run([os.path.join(SCRIPTS, 'config'), 'fancy'])
        self.assertEqual(r.returncode, 1)
        self.assertIn("unknown config variant 'fancy'", r.stderr)

    def test_unknown_kernel_variant(self):
        r = run([os.path.join(SCRIPTS, 'build-kernel'), 'fancy'])
        self.assertEqual(r.returncode, 1)
        self.assertIn("unknown kernel variant 'fancy'", r.stderr)


class Guest(unittest.TestCase):
    def test_initramfs_holds_init_busybox_and_programs(self):
        with tempfile.TemporaryDirectory() as d:
            r = run([os.path.join(SCRIPTS, 'initramfs')], env={'CORDON_BUILD': d})
            self.assertEqual(r.returncode, 0, r.stderr)
            ls = subprocess.run(f'zcat {d}/initramfs.cpio.gz | cpio -t --quiet',
                                shell=True, capture_output=True, text=True).stdout.split()
            for f in ('init', 'bin/busybox', 'bin/cordon-show', 'bin/cordon-cpuid'):
                self.assertIn(f, ls)

    def test_cpuid_probe_reports_absent_views_on_this_host(self):
        with tempfile.TemporaryDirectory() as d:
            exe = os.path.join(d, 'cpuid')
            r = run(['gcc', '-O2', '-Wall', '-Werror', '-o', exe,
                     os.path.join(SCRIPTS, 'guest', 'cordon-cpuid.c')])
            self.assertEqual(r.returncode, 0, r.stderr)
            r = run([exe])
            # This host is no Cordon hypervisor: the probe must say so.
            self.assertEqual(r.returncode, 1)
            self.assertRegex(r.stdout, r'no hypervisor bit|hypervisor offers no views')


if __name__ == '__main__':
    unittest.main()


SEALED_ASM = '''
	.text
	.globl __cordon_gate_start, __cordon_gate_end
	.globl __cordon_sealed_text_start, __cordon_sealed_text_end
	.globl __cordon_stest_text_start, __cordon_stest_text_end
__cordon_gate_start:
	xorl %eax, %eax
	{gate}
__cordon_gate_end:
__cordon_sealed_text_start:
	addq %rax, %rbx
	{sealed}
	ret
__cordon_sealed_text_end:
	movaps %xmm0, %xmm1
__cordon_stest_text_start:
	{stest}
__cordon_stest_text_end:
	movaps %xmm0, %xmm1
'''


class CheckSealed(unittest.TestCase):
    """scripts/check-sealed: nothing the sealed view runs uses x87/SIMD state."""

    def check(self, sealed='', gate='', stest=''):
        with tempfile.TemporaryDirectory() as d:
            src = write(os.path.join(d, 's.S'),
                        SEALED_ASM.format(sealed=sealed, gate=gate,
                                          stest=stest))
            obj = os.path.join(d, 's.o')
            r = run(['clang-16', '-c', src, '-o', obj])
            self.assertEqual(r.returncode, 0, r.stderr)
            return run([os.path.join(SCRIPTS, 'check-sealed'), obj])

    def test_general_registers_only_pass(self):
        r = self.check()
        self.assertEqual(r.returncode, 0, r.stdout + r.stderr)
        self.assertEqual(r.stdout, '')

    def test_each_kind_of_state_is_found(self):
        for insn in ('addps %xmm1, %xmm0', 'vmovdqu %ymm2, (%rdi)',
                     'fldz', 'paddb %mm0, %mm1', 'ldmxcsr (%rdi)',
                     'vzeroupper', 'fxsave64 (%rdi)', 'kmovw %k1, %eax'):
            with self.subTest(insn=insn):
                r = self.check(sealed=insn)
                self.assertEqual(r.returncode, 1, r.stdout + r.stderr)
                self.assertIn('sealed text +0x', r.stdout)
                self.assertIn('which the gate does not scrub', r.stdout)

    def test_compiled_sealed_compartments_are_checked_too(self):
        # stest is of kind sealed in compartments/kbuild.mk; an empty
        # range (a kernel that does not build it) is skipped.
        r = self.check(stest='ret')
        self.assertEqual(r.returncode, 0, r.stdout + r.stderr)
        r = self.check(stest='cvtsi2sd %rax, %xmm0')
        self.assertEqual(r.returncode, 1, r.stdout + r.stderr)
        self.assertIn('(stest text +0x', r.stdout)

    def test_gate_pages_are_checked_too(self):
        r = self.check(gate='pxor %xmm0, %xmm0')
        self.assertEqual(r.returncode, 1, r.stdout + r.stderr)
        self.assertIn('(gate +0x', r.stdout)
