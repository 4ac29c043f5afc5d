# SPDX-License-Identifier: GPL-2.0
"""The advice in the scripts' error messages must fix the error.

A message that says "run 'make X'" names a target the Makefile has; one
that says 'make deps' installs a package names a package scripts/deps
installs, or one every Debian system has (Essential) (issue 14: 'make
deps' once pointed at qemu-system-data, which it did not install, so the
advice looped).
"""
import glob
import os
import re
import unittest

from common import ROOT, SCRIPTS, run

# What build-essential, which scripts/deps installs, brings with it.
VIA_BUILD_ESSENTIAL = {'make', 'gcc', 'g++', 'binutils', 'libc6-dev',
                       'dpkg-dev'}


def script_lines():
    """(path, line number, text) of every line of every script."""
    paths = [p for p in glob.glob(os.path.join(SCRIPTS, '**', '*'),
                                  recursive=True)
             if os.path.isfile(p) and '/tests/' not in p and
             not p.endswith(('.c', '.o'))]
    for path in sorted(paths):
        try:
            with open(path, encoding='utf-8') as f:
                for n, line in enumerate(f, 1):
                    yield path, n, line
        except UnicodeDecodeError:
            continue


def make_targets():
    with open(os.path.join(ROOT, 'Makefile')) as f:
        return set(re.findall(r'^([a-z][a-z0-9-]*):', f.read(), re.M))


def essential(package):
    """Debian marks it Essential: every Debian system has it."""
    r = run(['dpkg-query', '-W', '-f=${Essential}', package])
    return r.returncode == 0 and r.stdout.strip() == 'yes'


def deps_packages():
    with open(os.path.join(SCRIPTS, 'deps')) as f:
        text = f.read()
    block = re.search(r'PACKAGES=\((.*?)\n\)', text, re.S).group(1)
    words = set()
    for line in block.splitlines():
        words.update(line.split('#')[0].split())
    return words


class Advice(unittest.TestCase):
    def test_every_named_make_target_exists(self):
        targets = make_targets()
        bad = []
        for path, n, line in script_lines():
            for t in re.findall(r"run '(?:sudo )?make ([a-z][a-z0-9-]*)", line):
                if t not in targets:
                    bad.append(f'{os.path.relpath(path, ROOT)}:{n}: make {t}')
        self.assertEqual(bad, [], 'advice names a missing target:\n' +
                         '\n'.join(bad))

    def test_every_package_make_deps_promises_is_installed(self):
        installed = deps_packages() | VIA_BUILD_ESSENTIAL
        bad = []
        for path, n, line in script_lines():
            if 'make deps' not in line and 'need_tool' not in line:
                continue
            named = re.findall(r"\(package ([a-z0-9][a-z0-9.+-]*)\)", line)
            named += re.findall(r"package ([a-z0-9][a-z0-9.+-]*) not installed", line)
            m = re.match(r"\s*need_tool\s+\S+\s+([a-z0-9][a-z0-9.+-]*)\s*$", line)
            if m:
                named.append(m.group(1))
            for p in named:
                if p not in installed and not essential(p):
                    bad.append(f'{os.path.relpath(path, ROOT)}:{n}: {p}')
        self.assertEqual(bad, [], "'make deps' does not install:\n" +
                         '\n'.join(bad))

    def test_the_check_finds_a_missing_package(self):
        # The shape the loop had: a firmware package the list lacked.
        line = ("die \"QEMU firmware missing; run 'make deps' "
                "(package not-a-cordon-package)\"")
        named = re.findall(r"\(package ([a-z0-9][a-z0-9.+-]*)\)", line)
        self.assertEqual(named, ['not-a-cordon-package'])
        self.assertNotIn(named[0], deps_packages() | VIA_BUILD_ESSENTIAL)


if __name__ == '__main__':
    unittest.main()
