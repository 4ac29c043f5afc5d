# SPDX-License-Identifier: GPL-2.0
"""The upstream code Cordon compartmentalises stays as Debian ships it:
no patch of ours touches it, and the extracted tree's copy is byte for
byte the one in linux-source-6.1's tarball."""
import glob
import os
import subprocess
import unittest

from common import ROOT

LINUX = os.environ.get('CORDON_BUILD', os.path.join(ROOT, 'build')) + '/linux-src'
TARBALL = '/usr/src/linux-source-6.1.tar.xz'
# Compiled into compartments, unmodified (issue 10).
UNMODIFIED = ('drivers/block/brd.c',)


class Upstream(unittest.TestCase):
    def test_no_patch_touches_compartmentalised_code(self):
        for p in glob.glob(os.path.join(ROOT, '*', 'patches', '*.patch')):
            with open(p, errors='replace') as f:
                text = f.read()
            for path in UNMODIFIED:
                self.assertNotIn(f'+++ b/{path}', text, f'{p} patches {path}')

    def test_extracted_tree_has_debians_copy(self):
        if not os.path.isfile(TARBALL) or not os.path.isdir(LINUX):
            self.skipTest('no linux-source-6.1 or no extracted tree; run '
                          "'make deps' and 'scripts/fetch-linux'")
        for path in UNMODIFIED:
            r = subprocess.run(['tar', '-xJOf', TARBALL,
                                f'linux-source-6.1/{path}'],
                               capture_output=True, timeout=600)
            self.assertEqual(r.returncode, 0, r.stderr.decode(errors='replace'))
            with open(os.path.join(LINUX, path), 'rb') as f:
                self.assertEqual(f.read(), r.stdout, f'{path} differs from Debian\'s')


if __name__ == '__main__':
    unittest.main()
