# SPDX-License-Identifier: GPL-2.0
"""scripts/check-config: the config check must catch what Kconfig dropped."""
import os
import tempfile
import unittest

from common import SCRIPTS, run, write

FRAGMENT = """# why: catch list corruption
CONFIG_DEBUG_LIST=y
# why: no /dev/mem
# CONFIG_DEVMEM is not set
# why: string option
CONFIG_LSM="selinux"
"""


class CheckConfig(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()
        d = self.tmp.name
        self.frag = write(os.path.join(d, 'hardening.config'), FRAGMENT)
        self.exc = write(os.path.join(d, 'exceptions'), '# none\n')
        self.cfg = os.path.join(d, '.config')

    def tearDown(self):
        self.tmp.cleanup()

    def check(self, config_text, exceptions=None):
        write(self.cfg, config_text)
        if exceptions is not None:
            write(self.exc, exceptions)
        return run([os.path.join(SCRIPTS, 'check-config'), '--config', self.cfg,
                    '--fragments', self.frag, '--exceptions', self.exc])

    def test_all_present_passes(self):
        r = self.check('CONFIG_DEBUG_LIST=y\nCONFIG_LSM="selinux"\n'
                       '# CONFIG_DEVMEM is not set\n')
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertIn('hardening: 3 set, 0 known exceptions, 0 missing', r.stdout)
        self.assertRegex(r.stdout, r'set\s+CONFIG_DEBUG_LIST\s+y\s+catch list corruption')

    def test_dropped_option_fails_and_is_named(self):
        r = self.check('CONFIG_LSM="selinux"\n')
        self.assertEqual(r.returncode, 1)
        self.assertRegex(r.stdout, r'MISSING\s+CONFIG_DEBUG_LIST')
        self.assertIn('asks CONFIG_DEBUG_LIST=y but .config has it unset', r.stderr)

    def test_unwanted_option_set_fails(self):
        r = self.check('CONFIG_DEBUG_LIST=y\nCONFIG_LSM="selinux"\nCONFIG_DEVMEM=y\n')
        self.assertEqual(r.returncode, 1)
        self.assertIn('asks CONFIG_DEVMEM=n but .config has y', r.stderr)

    def test_wrong_string_value_fails(self):
        r = self.check('CONFIG_DEBUG_LIST=y\nCONFIG_LSM="apparmor"\n')
        self.assertEqual(r.returncode, 1)
        self.assertIn('CONFIG_LSM', r.stderr)

    def test_listed_exception_passes_with_its_reason(self):
        r = self.check('CONFIG_LSM="selinux"\n',
                       'CONFIG_DEBUG_LIST not available on this arch\n')
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertRegex(r.stdout, r'EXCEPTION\s+CONFIG_DEBUG_LIST\s+y\s+not available on this arch')

    def test_exception_without_reason_is_an_error(self):
        r = self.check('CONFIG_LSM="selinux"\n', 'CONFIG_DEBUG_LIST\n')
        self.assertEqual(r.returncode, 2)
        self.assertIn('expected "CONFIG_NAME reason"', r.stderr)

    def test_malformed_fragment_names_file_and_line(self):
        write(self.frag, 'CONFIG_A=y\nthis is not kconfig\n')
        r = self.check('CONFIG_A=y\n')
        self.assertEqual(r.returncode, 2)
        self.assertIn('hardening.config:2: not a Kconfig line', r.stderr)

    def test_missing_config_says_run_make_config(self):
        r = run([os.path.join(SCRIPTS, 'check-config'), '--config',
                 os.path.join(self.tmp.name, 'nope'), '--fragments', self.frag])
        self.assertEqual(r.returncode, 2)
        self.assertIn('run "make config" first', r.stderr)


class RealFragments(unittest.TestCase):
    """Every hardening option in configs/ carries a one-line reason."""

    def test_every_hardening_option_has_a_reason(self):
        path = os.path.join(SCRIPTS, '..', 'configs', 'hardening.config')
        prev = ''
        with open(path) as f:
            for n, line in enumerate(f, 1):
                line = line.rstrip('\n')
                if line.startswith('CONFIG_') or (line.startswith('# CONFIG_')
                                                  and line.endswith('is not set')):
                    self.assertTrue(prev.startswith('# why: '),
                                    f'hardening.config:{n} {line} has no "# why:" line')
                prev = line


if __name__ == '__main__':
    unittest.main()
