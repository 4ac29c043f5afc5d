# SPDX-License-Identifier: GPL-2.0
"""Kernel C must be checkpatch-clean and its kernel-doc complete.

Uses the scripts of the fetched kernel tree (build/linux-src), which
'make test' prepares in the config group before this one runs.
"""
import glob
import os
import unittest

from common import ROOT, run

LINUX = os.environ.get('CORDON_BUILD', os.path.join(ROOT, 'build')) + '/linux-src'
KERNEL_C = sorted(
    glob.glob(os.path.join(ROOT, 'compartments', '*.[ch]')) +
    glob.glob(os.path.join(ROOT, 'compartments', 'include', 'linux', '*.h')) +
    glob.glob(os.path.join(ROOT, 've-handler', '*.[ch]')) +
    glob.glob(os.path.join(ROOT, 'flask', '*.[ch]')) +
    glob.glob(os.path.join(ROOT, 'kunit', '*.c')))
LINKER_H = sorted(glob.glob(os.path.join(ROOT, 'compartments', 'include',
                                         'asm-generic', '*.lds.h')))


def need_tree(test):
    if not os.path.exists(os.path.join(LINUX, 'scripts', 'checkpatch.pl')):
        test.skipTest('no kernel tree yet; run scripts/fetch-linux')


class KernelStyle(unittest.TestCase):
    def test_checkpatch_clean(self):
        need_tree(self)
        bad = []
        for f in KERNEL_C:
            r = run(['perl', os.path.join(LINUX, 'scripts', 'checkpatch.pl'),
                     '--no-tree', '--terse', '-q', '-f', f])
            if r.returncode:
                bad.append(r.stdout.strip())
        # Linker-script macros are lists of statements, as checkpatch
        # allows in vmlinux.lds.h; everything else is checked.
        for f in LINKER_H:
            r = run(['perl', os.path.join(LINUX, 'scripts', 'checkpatch.pl'),
                     '--no-tree', '--terse', '-q', '--ignore',
                     'MULTISTATEMENT_MACRO_USE_DO_WHILE,TRAILING_SEMICOLON,'
                     'COMPLEX_MACRO',
                     '-f', f])
            if r.returncode:
                bad.append(r.stdout.strip())
        self.assertEqual(bad, [], '\n'.join(bad))

    def test_kernel_doc_complete(self):
        need_tree(self)
        r = run(['perl', os.path.join(LINUX, 'scripts', 'kernel-doc'),
                 '-none', '-v'] + KERNEL_C)
        problems = [l for l in r.stderr.splitlines() if 'info:' not in l]
        self.assertEqual(problems, [], '\n'.join(problems))

    def test_every_file_has_spdx(self):
        missing = []
        for f in KERNEL_C + LINKER_H:
            with open(f) as fh:
                head = fh.read(200)
            if 'SPDX-License-Identifier: GPL-2.0' not in head:
                missing.append(f)
        self.assertEqual(missing, [])
