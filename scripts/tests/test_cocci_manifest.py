# SPDX-License-Identifier: GPL-2.0
"""The Coccinelle entry-point finder and the manifest it feeds.

instrumentation/coccinelle/entry_points.cocci and scripts/cordon-manifest,
run on the fixtures in instrumentation/coccinelle/tests/ (no kernel build
needed, only spatch) and on the pinned brd.c when build/linux-src exists.
A driver whose entry point the scripts miss is a bug with a test here.
"""
import os
import re
import shutil
import sys
import tempfile
import unittest

from common import ROOT, SCRIPTS, run

COCCI_DIR = os.path.join(ROOT, 'instrumentation', 'coccinelle')
COCCI = os.path.join(COCCI_DIR, 'entry_points.cocci')
FIXTURES = os.path.join(COCCI_DIR, 'tests')
MANIFEST = os.path.join(SCRIPTS, 'cordon-manifest')
LINUX = os.environ.get('CORDON_BUILD', os.path.join(ROOT, 'build')) + '/linux-src'
SPATCH = os.environ.get('SPATCH', 'spatch')

# fixture manifest -> (compartment, its files)
CASES = {
    'ops_driver': ['ops_driver.c'],
    'reg_driver': ['reg_driver.c'],
    'runtime_driver': ['runtime_driver.c'],
    'split': ['split_ops.c', 'split_impl.c'],
}
KINDS = {'ops', 'init', 'exit', 'export', 'irq', 'napi', 'work', 'timer',
         'tasklet', 'thread', 'rcu', 'probe', 'macro', 'callback', 'assign',
         'addr'}
REPORT_LINE = re.compile(
    r'^ENTRY \S+:\d+ kind=[a-z]+ fn=\w+'
    r'( struct=\w+ field=[\w.]+ var=\w+| call=\w+ arg=\d+| field=\w+)?$')


def need_spatch(test):
    if not shutil.which(SPATCH):
        test.skipTest("spatch not installed; run 'make deps'")


def manifest(name, files, tree=FIXTURES, extra=()):
    return run([MANIFEST, '--tree', tree, '--compartment', name,
                *extra, *files])


def expected(name):
    with open(os.path.join(FIXTURES, name + '.manifest')) as f:
        return ''.join(l for l in f if not l.startswith('# SPDX'))


def entries(text):
    """Entry lines of a manifest as dicts (fn plus the key=value words)."""
    out = []
    for line in text.splitlines():
        if line.startswith('entry '):
            words = line.split()
            e = dict(w.split('=', 1) for w in words[2:])
            e['fn'] = words[1]
            out.append(e)
    return out


def report(path, mode='report'):
    return run([SPATCH, '--very-quiet', '-D', mode, '--cocci-file', COCCI,
                '--no-includes', '--include-headers', path])


class Fixtures(unittest.TestCase):
    """Each fixture's manifest is exactly its expected manifest."""

    def setUp(self):
        need_spatch(self)

    def check(self, name):
        r = manifest(name, CASES[name])
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertEqual(r.stdout, expected(name))

    def test_ops_tables_init_exit_export(self):
        self.check('ops_driver')

    def test_registration_only_driver(self):
        self.check('reg_driver')

    def test_runtime_macro_callback_addr(self):
        self.check('runtime_driver')

    def test_two_file_compartment(self):
        self.check('split')

    def test_every_kind_has_a_fixture(self):
        seen = set()
        for name in CASES:
            seen |= {e['kind'] for e in entries(expected(name))}
        self.assertEqual(seen, KINDS)


class Rules(unittest.TestCase):
    """Single rules, named, so that a broken rule names itself."""

    def setUp(self):
        need_spatch(self)

    def found(self, name):
        r = manifest(name, CASES[name])
        self.assertEqual(r.returncode, 0, r.stderr)
        return {(e['fn'], e['kind']) for e in entries(r.stdout)}

    def test_entry_point_reachable_only_by_registration(self):
        got = self.found('reg_driver')
        for fn, kind in [('beacon_irq', 'irq'), ('beacon_irq_thread', 'irq'),
                         ('beacon_err_irq', 'irq'),
                         ('beacon_late_thread', 'irq'),
                         ('beacon_poll', 'napi'), ('beacon_tx_poll', 'napi'),
                         ('beacon_reset', 'work'), ('beacon_refresh', 'work'),
                         ('beacon_flush', 'work'),
                         ('beacon_watchdog', 'timer'),
                         ('beacon_probe', 'probe'), ('beacon_init', 'init')]:
            self.assertIn((fn, kind), got)

    def test_no_false_entries(self):
        # Macros, variables, kernel functions, directly called functions
        # and a boot-parameter handler are no entry points.
        names = set()
        for name in CASES:
            names |= {fn for fn, _ in self.found(name)}
        for fn in ['THIS_MODULE', 'noop_llseek', 'no_llseek', 'counter_limit',
                   'counter_helper', 'gauge_sum', 'gauge_apply', 'gauge_start',
                   'fn', 'handler', 'beacon_size_setup', 'beacon_flush_work',
                   'NULL']:
            self.assertNotIn(fn, names)

    def test_ops_entry_names_struct_and_field(self):
        es = entries(manifest('ops_driver', ['ops_driver.c']).stdout)
        self.assertIn({'fn': 'counter_suspend', 'kind': 'ops',
                       'struct': 'platform_driver', 'field': 'driver.shutdown',
                       'var': 'counter_driver', 'at': 'ops_driver.c:60',
                       'def': 'ops_driver.c:51'}, es)

    def test_cross_file_needs_the_other_file(self):
        r = manifest('split', ['split_ops.c'])
        self.assertEqual(r.returncode, 0, r.stderr)
        # split_release: declared in split_ops.c, so found; defined elsewhere.
        self.assertEqual({(e['fn'], e['def']) for e in entries(r.stdout)},
                         {('split_init', 'split_ops.c:23'),
                          ('split_release', '-')})

    def test_report_mode_lines_are_parseable(self):
        r = report(os.path.join(FIXTURES, 'reg_driver.c'))
        self.assertEqual(r.returncode, 0, r.stderr)
        lines = r.stdout.splitlines()
        self.assertEqual(len(lines), len(entries(expected('reg_driver'))))
        for line in lines:
            self.assertRegex(line, REPORT_LINE)

    def test_org_mode(self):
        r = report(os.path.join(FIXTURES, 'ops_driver.c'), 'org')
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertIn('kind=ops fn=counter_open', r.stdout)

    def test_context_mode_marks_every_entry_line(self):
        for name in ('ops_driver', 'reg_driver', 'runtime_driver'):
            r = report(os.path.join(FIXTURES, name + '.c'), 'context')
            self.assertEqual(r.returncode, 0, r.stderr)
            marked = [l for l in r.stdout.splitlines()
                      if l.startswith('-') and not l.startswith('---')]
            lines = {e['at'] for e in entries(expected(name))}
            self.assertEqual(len(marked), len(lines), r.stdout)


class Script(unittest.TestCase):
    """cordon-manifest's failures name the fix; its output is a file."""

    def test_missing_spatch(self):
        # No spatch on PATH: only python3 itself is run, by full path.
        r = run([sys.executable, MANIFEST, '--tree', FIXTURES,
                 '--compartment', 'x', 'reg_driver.c'],
                env={'PATH': '/nonexistent', 'SPATCH': 'spatch'})
        self.assertEqual(r.returncode, 1)
        self.assertEqual(r.stderr.strip(),
                         "cordon: cordon-manifest: 'spatch' not found; run "
                         "'make deps' (it installs Debian package "
                         "'coccinelle')")

    def test_spatch_without_libpython_names_the_package(self):
        # What spatch prints on a machine without libpython3.11-dev.
        with tempfile.TemporaryDirectory() as d:
            fake = os.path.join(d, 'spatch')
            with open(fake, 'w') as f:
                f.write('#!/bin/sh\necho "Py.find_library: unable to find '
                        'the Python library [libpython3.11.so ...]" >&2\n'
                        'exit 1\n')
            os.chmod(fake, 0o755)
            r = run([MANIFEST, '--tree', FIXTURES, '--compartment', 'x',
                     'reg_driver.c'], env={'SPATCH': fake})
        self.assertEqual(r.returncode, 1)
        self.assertIn("spatch cannot load Python for the rules of", r.stderr)
        self.assertIn("run 'make deps' (it installs Debian package "
                      "libpython3.11-dev", r.stderr)

    def test_missing_tree(self):
        r = manifest('brd', ['drivers/block/brd.c'], tree='/nonexistent/linux')
        self.assertEqual(r.returncode, 1)
        self.assertIn("no kernel tree at /nonexistent/linux; run "
                      "'scripts/fetch-linux'", r.stderr)

    def test_missing_source_file(self):
        r = manifest('x', ['no_such_driver.c'])
        self.assertEqual(r.returncode, 1)
        self.assertIn('no_such_driver.c not found in', r.stderr)

    def test_no_entry_point_is_an_error(self):
        need_spatch(self)
        r = manifest('none', ['none.c'])
        self.assertEqual(r.returncode, 1)
        self.assertIn('no entry points found in none.c', r.stderr)
        self.assertEqual(r.stdout, '')

    def test_no_entries_flag_allows_a_library(self):
        # The sealed run time: only other sealed code calls it.
        need_spatch(self)
        r = manifest('none', ['none.c'], extra=['--no-entries'])
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertIn('define none_quadruple at=none.c:', r.stdout)
        self.assertNotIn('\nentry ', r.stdout)

    def test_entries_file_adds_callers(self):
        # A subsystem's API, called by name: entries of kind caller.
        need_spatch(self)
        with tempfile.TemporaryDirectory() as d:
            api = os.path.join(d, 'api.entries')
            with open(api, 'w') as f:
                f.write('# the API\nnone_quadruple\n')
            r = manifest('none', ['none.c'], extra=['--entries', api])
            self.assertEqual(r.returncode, 0, r.stderr)
            self.assertRegex(r.stdout, r'\nentry none_quadruple kind=caller '
                                       r'at=none\.c:\d+ def=none\.c:\d+\n')
            # A static function, or one the files lack: named, refused.
            with open(api, 'w') as f:
                f.write('none_twice\nnone_missing\n')
            r = manifest('none', ['none.c'], extra=['--entries', api])
            self.assertEqual(r.returncode, 1)
            self.assertIn('names none_twice, none_missing, which the '
                          "compartment's files do not define (or define "
                          'static); fix the list', r.stderr)

    def test_data_defined_by_a_file_may_be_named(self):
        # An object= lend's object (the sealed server's state): named by
        # another unit, so the verifier must know the compartment has it.
        need_spatch(self)
        r = manifest('none', ['none.c'],
                     extra=['--no-entries', '--data', 'none_state',
                            '--data', 'none_table'])
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertRegex(r.stdout, r'\ndefine none_state at=none\.c:\d+\n')
        # Given its name by a #define before a header's definition.
        self.assertRegex(r.stdout, r'\ndefine none_table at=none\.c:\d+\n')
        # Static, or defined nowhere: refused, with what to do.
        for name in ('none_hidden', 'none_missing'):
            r = manifest('none', ['none.c'],
                         extra=['--no-entries', '--data', name])
            self.assertEqual(r.returncode, 1)
            self.assertIn(f"--data {name}: none of the compartment's files "
                          'defines it at file scope, not static; define it '
                          'there or drop the option', r.stderr)

    def test_output_file_has_generated_header(self):
        need_spatch(self)
        with tempfile.TemporaryDirectory() as d:
            out = os.path.join(d, 'sub', 'reg.manifest')
            r = manifest('reg_driver', ['reg_driver.c'], extra=['-o', out])
            self.assertEqual(r.returncode, 0, r.stderr)
            self.assertEqual(r.stdout, '')
            with open(out) as f:
                text = f.read()
            self.assertEqual(os.listdir(os.path.dirname(out)),
                             ['reg.manifest'])
        self.assertEqual(text, expected('reg_driver'))
        self.assertRegex(text.splitlines()[0],
                         r'^# Cordon compartment manifest, format 1\. '
                         r'Generated at build time .*never edit it by hand\.$')


class Style(unittest.TestCase):
    """The semantic patch follows scripts/coccinelle/ and runs in coccicheck."""

    def setUp(self):
        with open(COCCI) as f:
            self.text = f.read()

    def test_header(self):
        lines = self.text.splitlines()
        self.assertEqual(lines[0], '// SPDX-License-Identifier: GPL-2.0')
        self.assertTrue(lines[1].startswith('/// '))
        for key in ('Confidence', 'Comments', 'Options'):
            self.assertRegex(self.text, rf'(?m)^// {key}: ')

    def test_one_options_line(self):
        # coccicheck runs grep "Options:" over the whole file.
        self.assertEqual(self.text.count('Options:'), 1)

    def test_virtual_modes(self):
        for mode in ('report', 'org', 'context'):
            self.assertRegex(self.text, rf'(?m)^virtual {mode}$')

    def test_initcall_regex_matches_table(self):
        regex = re.search(r'declarer d =~ "\^\(([^)]*)\)\$";', self.text)
        table = re.search(r'INITCALL = \{(.*?)\}', self.text, re.S)
        self.assertEqual(set(regex.group(1).split('|')),
                         set(re.findall(r"'(\w+)':", table.group(1))))

    def test_fixtures_have_spdx(self):
        for name in sorted(os.listdir(FIXTURES)):
            with open(os.path.join(FIXTURES, name)) as f:
                self.assertIn('SPDX-License-Identifier: GPL-2.0', f.read(200),
                              name)


class Brd(unittest.TestCase):
    """The pinned, unmodified brd.c: exactly its five entry points."""

    def test_brd_entry_points(self):
        if not os.path.isfile(os.path.join(LINUX, 'drivers/block/brd.c')):
            self.skipTest(f'no kernel tree at {LINUX}; run '
                          "'scripts/fetch-linux' to test on brd.c")
        need_spatch(self)
        r = manifest('brd', ['drivers/block/brd.c'], tree=LINUX)
        self.assertEqual(r.returncode, 0, r.stderr)
        got = {(e['fn'], e['kind'], e.get('struct'), e.get('field'),
                e.get('call'), e.get('arg')) for e in entries(r.stdout)}
        self.assertEqual(got, {
            ('brd_submit_bio', 'ops', 'block_device_operations',
             'submit_bio', None, None),
            ('brd_rw_page', 'ops', 'block_device_operations', 'rw_page',
             None, None),
            ('brd_init', 'init', None, None, None, None),
            ('brd_exit', 'exit', None, None, None, None),
            ('brd_probe', 'probe', None, None, '__register_blkdev', '3'),
        })
        self.assertIn('compartment brd\nsource drivers/block/brd.c\n',
                      r.stdout)


if __name__ == '__main__':
    unittest.main()
