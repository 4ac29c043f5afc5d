# SPDX-License-Identifier: GPL-2.0
"""scripts/check-config: the config check must catch what Kconfig dropped."""
import os
import re
import tempfile
import unittest

from common import ROOT, SCRIPTS, run, write

FRAGMENT = """# why: catch list corruption
CONFIG_DEBUG_LIST=y
# why: no /dev/mem
# CONFIG_DEVMEM is not set
# why: string option
CONFIG_LSM="selinux"
"""


class Tree(unittest.TestCase):
    """A fragment, an exceptions file and a .config in a temporary tree."""

    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()
        d = self.tmp.name
        self.frag = write(os.path.join(d, 'hardening.config'), FRAGMENT)
        self.exc = write(os.path.join(d, 'exceptions'), '# none\n')
        self.cfg = os.path.join(d, '.config')

    def tearDown(self):
        self.tmp.cleanup()

    def check(self, config_text, exceptions=None, baselines=()):
        """check-config on config_text (exceptions replace the file's)."""
        write(self.cfg, config_text)
        if exceptions is not None:
            write(self.exc, exceptions)
        return run([os.path.join(SCRIPTS, 'check-config'), '--config', self.cfg,
                    '--fragments', self.frag, '--exceptions', self.exc,
                    '--baselines', *baselines])


class CheckConfig(Tree):
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


BASELINE = """# a small baseline
source wiki https://example.org/settings an example page
source chk https://example.org/checker an example checker
CONFIG_DEBUG_LIST=y            wiki:general chk:kspp
CONFIG_DEVMEM=n                wiki:general
CONFIG_KALLSYMS=n              chk:clipos
CONFIG_IO_URING=n              chk:grsec
"""
# The fragment's options, all set, as a base for the baseline tests.
GOOD = 'CONFIG_DEBUG_LIST=y\nCONFIG_LSM="selinux"\n'


class Baselines(Tree):
    """The per-baseline report: met, excepted or missing, with its source."""

    def setUp(self):
        super().setUp()
        self.base = os.path.join(self.tmp.name, 'baselines', 'base')

    def check(self, config_text, baseline=BASELINE, exceptions=None, paths=None):
        write(self.base, baseline)
        return super().check(config_text, exceptions, paths or [self.base])

    def test_met_excepted_and_missing_are_reported_with_their_source(self):
        r = self.check(GOOD + 'CONFIG_KALLSYMS=y\nCONFIG_IO_URING=y\n',
                       exceptions='CONFIG_KALLSYMS reports need symbol names\n')
        self.assertEqual(r.returncode, 1)
        self.assertIn('base: 2 met, 1 excepted, 1 missing', r.stdout)
        self.assertRegex(r.stdout, r'met\s+CONFIG_DEBUG_LIST\s+y\s+y\s+wiki:general chk:kspp')
        self.assertRegex(r.stdout, r'EXCEPTION\s+CONFIG_KALLSYMS\s+n\s+y\s+chk:clipos\s+'
                                   r'\(reports need symbol names\)')
        self.assertRegex(r.stdout, r'MISSING\s+CONFIG_IO_URING\s+n\s+y\s+chk:grsec')
        self.assertIn('  wiki: https://example.org/settings', r.stdout)
        self.assertIn('baseline base recommends CONFIG_IO_URING=n', r.stderr)
        self.assertIn('base:7, chk:grsec', r.stderr)
        # A baseline miss is not a fragment miss: scripts/test-config counts those.
        self.assertNotIn(' asks ', r.stderr)

    def test_all_met_or_excepted_passes(self):
        r = self.check(GOOD + 'CONFIG_KALLSYMS=y\n',
                       exceptions='CONFIG_KALLSYMS reports need symbol names\n')
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertIn('base: 3 met, 1 excepted, 0 missing', r.stdout)

    def test_an_absent_option_counts_as_n(self):
        r = self.check(GOOD, 'source s https://example.org x\n'
                             'CONFIG_GONE=n s\nCONFIG_WANTED=y s\n')
        self.assertEqual(r.returncode, 1)
        self.assertRegex(r.stdout, r'met\s+CONFIG_GONE\s+n\s+n\s+s')
        self.assertRegex(r.stdout, r'MISSING\s+CONFIG_WANTED\s+y\s+n\s+s')
        self.assertIn('recommends CONFIG_WANTED=y', r.stderr)
        self.assertIn('but .config has n', r.stderr)

    def test_alternatives_meet_a_recommendation(self):
        base = ('source s https://example.org x\n'
                'CONFIG_MODULE_SIG=y|CONFIG_MODULES=n s:modules\n'
                'CONFIG_MODE=1|2 s\n'
                'CONFIG_STRICT=y|CONFIG_DEVMEM=n s\n')
        r = self.check(GOOD + 'CONFIG_MODE=2\nCONFIG_DEVMEM=y\n', base)
        self.assertEqual(r.returncode, 1)
        self.assertRegex(r.stdout, r'met\s+CONFIG_MODULE_SIG\s+y\s+n\s+s:modules\s+'
                                   r'\(by CONFIG_MODULES=n\)')
        self.assertRegex(r.stdout, r'met\s+CONFIG_MODE\s+1\|2\s+2')
        self.assertRegex(r.stdout, r'MISSING\s+CONFIG_STRICT\s+y\s+n\s+s\s+\(or CONFIG_DEVMEM=n\)')

    def test_numbers_compare_by_value(self):
        base = ('source s https://example.org x\n'
                'CONFIG_SYSRQ=0x0 s\nCONFIG_MASK=176 s\nCONFIG_MIN=65536 s\n')
        r = self.check(GOOD + 'CONFIG_SYSRQ=0\nCONFIG_MASK=0xb0\nCONFIG_MIN=4096\n', base)
        self.assertIn('base: 2 met, 0 excepted, 1 missing', r.stdout)
        self.assertIn('recommends CONFIG_MIN=65536', r.stderr)

    def test_strings_compare_exactly(self):
        base = 'source s https://example.org x\nCONFIG_HASH="sha512" s\n'
        self.assertEqual(self.check(GOOD + 'CONFIG_HASH="sha512"\n', base).returncode, 0)
        self.assertEqual(self.check(GOOD + 'CONFIG_HASH="sha256"\n', base).returncode, 1)

    def test_every_file_of_a_directory_is_a_baseline(self):
        d = os.path.dirname(self.base)
        write(os.path.join(d, 'another'), 'source s https://example.org x\nCONFIG_X=n s\n')
        r = self.check(GOOD + 'CONFIG_IO_URING=y\n', paths=[d])
        self.assertIn('another: 1 met, 0 excepted, 0 missing', r.stdout)
        self.assertIn('base: 3 met, 0 excepted, 1 missing', r.stdout)
        self.assertLess(r.stdout.index('another:'), r.stdout.index('base:'))

    def test_an_exception_nothing_needs_is_noted(self):
        r = self.check(GOOD, exceptions='CONFIG_IO_URING we once needed it\n')
        self.assertIn('lists CONFIG_IO_URING, but nothing misses it now', r.stdout)

    def test_a_missing_baseline_path_is_an_error(self):
        r = self.check(GOOD, paths=[os.path.join(self.tmp.name, 'nope')])
        self.assertEqual(r.returncode, 2)
        self.assertIn('does not exist', r.stderr)

    def malformed(self, baseline, message):
        r = self.check(GOOD, baseline)
        self.assertEqual(r.returncode, 2, r.stdout)
        self.assertRegex(r.stderr, r'^cordon: check-config: .*/base:\d+: ')
        self.assertIn(message, r.stderr)
        return r

    def test_a_line_without_a_source_is_an_error(self):
        r = self.malformed('source s https://example.org x\n# note\nCONFIG_A=y\n',
                           'CONFIG_A=y names no source')
        self.assertIn('/base:3:', r.stderr)

    def test_an_undeclared_source_is_an_error(self):
        self.malformed('source s https://example.org x\nCONFIG_A=y kspp:x86\n',
                       "source 'kspp' is not declared; add a \"source TAG URL")

    def test_is_not_set_spelling_is_an_error(self):
        self.malformed('source s https://example.org x\nCONFIG_A is not set s\n',
                       'write CONFIG_A=n for "is not set"')

    def test_a_bad_value_is_an_error(self):
        self.malformed('source s https://example.org x\nCONFIG_A=yes s\n',
                       "'yes' is not a value")

    def test_a_line_that_is_no_recommendation_is_an_error(self):
        self.malformed('source s https://example.org x\nDEBUG_LIST=y s\n',
                       'expected "CONFIG_NAME=VALUE')

    def test_a_source_without_url_is_an_error(self):
        self.malformed('source s example.org x\nCONFIG_A=y s\n',
                       'expected "source TAG URL DESCRIPTION"')

    def test_a_repeated_option_is_an_error(self):
        self.malformed('source s https://example.org x\nCONFIG_A=y s\nCONFIG_A=n s\n',
                       'CONFIG_A is already recommended on line 2')

    def test_an_empty_baseline_is_an_error(self):
        r = self.check(GOOD, '# nothing\n')
        self.assertEqual(r.returncode, 2)
        self.assertIn('no recommendations', r.stderr)


class RealBaselines(unittest.TestCase):
    """configs/baselines/: every file parses, names its sources, and checks
    only options Linux 6.1 has."""

    DIR = os.path.join(ROOT, 'configs', 'baselines')

    def options(self):
        out = {}
        for name in sorted(os.listdir(self.DIR)):
            with open(os.path.join(self.DIR, name)) as f:
                for n, line in enumerate(f, 1):
                    if line.startswith('CONFIG_'):
                        for opt in re.findall(r'CONFIG_[A-Z0-9_]+', line.split()[0]):
                            out.setdefault(opt, f'{name}:{n}')
        return out

    def test_every_baseline_parses_and_has_a_summary(self):
        with tempfile.TemporaryDirectory() as d:
            cfg = write(os.path.join(d, '.config'), 'CONFIG_X86_64=y\n')
            frag = write(os.path.join(d, 'hardening.config'), '')
            r = run([os.path.join(SCRIPTS, 'check-config'), '--config', cfg,
                     '--fragments', frag, '--exceptions', os.path.join(d, 'none')])
        self.assertIn(r.returncode, (0, 1), r.stderr)
        for name in os.listdir(self.DIR):
            self.assertRegex(r.stdout, rf'\n{re.escape(name)}: \d+ met, \d+ excepted, \d+ missing')

    def test_every_file_names_its_license_and_a_source_url(self):
        for name in os.listdir(self.DIR):
            with open(os.path.join(self.DIR, name)) as f:
                text = f.read()
            self.assertIn('SPDX-License-Identifier: GPL-2.0', text.split('\n')[0], name)
            self.assertRegex(text, r'\nsource [a-z0-9-]+ https://', name)

    def test_every_option_exists_in_linux_6_1(self):
        linux = os.environ.get('CORDON_BUILD', os.path.join(ROOT, 'build')) + '/linux-src'
        if not os.path.isdir(os.path.join(linux, 'arch', 'x86')):
            self.skipTest('no kernel tree yet; run scripts/fetch-linux')
        known = set()
        for top, _, files in os.walk(linux):
            for f in files:
                if f.startswith('Kconfig'):
                    with open(os.path.join(top, f), errors='replace') as fh:
                        known.update(re.findall(r'^\s*(?:menu)?config\s+([A-Z0-9_]+)\s*$',
                                                fh.read(), re.M))
        unknown = [f'{where} {opt}' for opt, where in self.options().items()
                   if opt[len('CONFIG_'):] not in known]
        self.assertEqual(unknown, [], 'options Linux 6.1 does not have: ' + ', '.join(unknown))


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
