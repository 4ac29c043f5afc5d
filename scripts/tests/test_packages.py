# SPDX-License-Identifier: GPL-2.0
"""Every system file and program the scripts use comes from scripts/deps.

The development machine has packages a user's machine lacks, so a script
that works here can fail on a fresh Debian 12 system (issue 14: QEMU's
firmware came from a package 'make deps' did not install). Here every
absolute system path the scripts name, every program they run, and every
library the initramfs stages for the guest's programs is resolved with
'dpkg -S' to the package that ships it; that package must be in the deps
list, in what those packages depend on, or in Debian's base set: Essential
or Priority: required (what debootstrap installs into the most minimal
root, apt and mawk included).
"""
import glob
import os
import re
import shutil
import unittest

from common import ROOT, SCRIPTS, run
from test_messages import VIA_BUILD_ESSENTIAL, deps_packages, essential

# Bash words that are not programs: keywords, builtins, our own functions.
SHELL_WORDS = {
    'if', 'then', 'else', 'elif', 'fi', 'for', 'while', 'until', 'do',
    'done', 'case', 'esac', 'in', 'function', 'select', 'time', 'coproc',
    'echo', 'printf', 'read', 'local', 'export', 'set', 'unset', 'shift',
    'return', 'exit', 'exec', 'eval', 'source', '.', 'cd', 'pwd', 'trap',
    'wait', 'true', 'false', 'test', '[', '[[', ']]', 'declare', 'readonly',
    'let', 'break', 'continue', 'command', 'type', 'hash', 'umask',
    'mapfile', 'readarray', 'ulimit', 'builtin', 'kill', 'jobs', 'disown',
    'getopts', 'shopt', 'pushd', 'popd', 'printf', '!', '{', '}', '((',
}
# Where Debian installs programs; anything else on PATH is not Debian's.
SYSTEM_BIN = '/usr/sbin:/usr/bin:/sbin:/bin'
# What a program name may look like.
PROGRAM = re.compile(r'^[a-z][a-z0-9_.+-]*$')
# Where a command starts in a line of bash.
COMMAND_START = re.compile(
    r'(?:^|[|;&]|&&|\|\||\$\(|`|\(|\bthen\b|\bdo\b|\belse\b|\bexec\b|'
    r'\btime\b|!)\s*((?:[A-Z_][A-Z0-9_]*=\S*\s+)*)([A-Za-z0-9_./+-]+)')
SYSTEM_PATH = re.compile(
    r'(?<![\w$}/.-])(/(?:usr/)?(?:bin|sbin|lib|lib64|share|libexec|include)'
    r'/[A-Za-z0-9_.+/-]*[A-Za-z0-9_+-])')


def host_scripts():
    """Our scripts that run on the host (scripts/guest/ runs in busybox)."""
    for path in sorted(glob.glob(os.path.join(SCRIPTS, '*'))):
        if os.path.isfile(path) and not path.endswith(('.c', '.o', '.py')):
            yield path


def bash_functions(text):
    return set(re.findall(r'^\s*([a-z_][a-z0-9_]*)\s*\(\)', text, re.M))


def code_lines(text):
    """Lines without comments and heredoc bodies, roughly."""
    heredoc = None
    for line in text.splitlines():
        if heredoc:
            if line.strip() == heredoc:
                heredoc = None
            continue
        m = re.search(r"<<-?\s*'?\"?([A-Z_]+)'?\"?", line)
        if m:
            heredoc = m.group(1)
        stripped = line.lstrip()
        if stripped.startswith('#'):
            continue
        yield re.sub(r'\s#\s.*$', '', line)


def programs_and_paths():
    """{name: [where]} of programs run, and {path: [where]} of paths named."""
    with open(os.path.join(SCRIPTS, 'lib.sh')) as f:
        functions = bash_functions(f.read())
    programs, paths = {}, {}
    for path in host_scripts():
        with open(path, encoding='utf-8') as f:
            text = f.read()
        where = os.path.relpath(path, ROOT)
        is_bash = text.startswith('#!/usr/bin/env bash') or path.endswith('.sh')
        local = functions | bash_functions(text)
        for n, line in enumerate(code_lines(text), 1):
            for p in SYSTEM_PATH.findall(line):
                paths.setdefault(p, []).append(f'{where}:{n}')
            if not is_bash:
                continue
            # Quoted text is messages, not commands.
            bare = re.sub(r'"(?:[^"\\]|\\.)*"|\'[^\']*\'', '""', line)
            for m in COMMAND_START.finditer(bare):
                word = m.group(2)
                after = bare[m.end():m.end() + 2]
                # name=value and name+=value are assignments.
                if (after.startswith('=') or after.startswith('+=') or
                        word.endswith('+') or '/' in word or
                        word in SHELL_WORDS or word in local or
                        not PROGRAM.match(word)):
                    continue
                programs.setdefault(word, []).append(f'{where}:{n}')
    return programs, paths


def package_of(path):
    """The package that ships path, trying the /usr-merged twin too."""
    candidates = [path]
    if path.startswith('/usr/'):
        candidates.append(path[4:])
    else:
        candidates.append('/usr' + path)
    for p in candidates:
        r = run(['dpkg', '-S', p])
        if r.returncode == 0:
            return r.stdout.split(':')[0].split(',')[0].strip()
    real = os.path.realpath(path)
    if real != path:
        return package_of(real)
    return None


def required(package):
    """Priority: required: in every Debian root, however minimal."""
    r = run(['dpkg-query', '-W', '-f=${Priority}', package])
    return r.returncode == 0 and r.stdout.strip() == 'required'


def installed_closure(roots):
    """roots and everything installed that they depend on, recursively."""
    seen, todo = set(), list(roots)
    while todo:
        p = todo.pop()
        if p in seen:
            continue
        seen.add(p)
        r = run(['dpkg-query', '-W', '-f=${Depends}, ${Pre-Depends}', p])
        if r.returncode:
            continue
        for alt in r.stdout.split(','):
            for dep in alt.split('|'):
                name = dep.strip().split(' ')[0].split(':')[0]
                if name and run(['dpkg-query', '-W', name]).returncode == 0:
                    todo.append(name)
                    break
    return seen


class Packages(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        if not shutil.which('dpkg'):
            raise unittest.SkipTest('no dpkg: not a Debian system')
        cls.allowed = installed_closure(deps_packages() | VIA_BUILD_ESSENTIAL)

    def allowed_package(self, package):
        return (package in self.allowed or essential(package) or
                required(package))

    def check(self, what, where, package):
        if package is None:
            return f'{what} ({where[0]}): no package ships it'
        if not self.allowed_package(package):
            return f'{what} ({where[0]}): from {package}, not in scripts/deps'
        return None

    def test_every_program_the_scripts_run(self):
        programs, _ = programs_and_paths()
        self.assertIn('dpkg-query', programs, 'the scan finds nothing')
        bad = []
        for name, where in sorted(programs.items()):
            found = shutil.which(name, path=SYSTEM_BIN)
            if not found:
                # Not a program here (a variable, a word of a message), or
                # one of our own builds; a program the scripts need that
                # only exists outside the system directories is an error.
                other = shutil.which(name)
                if other and not other.startswith(ROOT):
                    bad.append(f'{name} ({where[0]}): only {other}, '
                               'from no Debian package')
                continue
            problem = self.check(name, where, package_of(found))
            if problem:
                bad.append(problem)
        self.assertEqual(bad, [], '\n'.join(bad))

    def test_every_system_path_the_scripts_name(self):
        _, paths = programs_and_paths()
        self.assertIn('/usr/share/qemu/qboot.rom', paths, 'the scan finds nothing')
        bad = []
        for path, where in sorted(paths.items()):
            if not os.path.exists(path):
                # A directory prefix such as /usr/share/seabios is checked
                # through the files in it; a missing file is an error.
                bad.append(f'{path} ({where[0]}): missing on this machine')
                continue
            if os.path.isdir(path):
                continue
            problem = self.check(path, where, package_of(path))
            if problem:
                bad.append(problem)
        self.assertEqual(bad, [], '\n'.join(bad))

    def test_every_library_the_initramfs_stages(self):
        with open(os.path.join(SCRIPTS, 'initramfs')) as f:
            text = f.read()
        staged = re.findall(r'(/usr/bin/[a-z0-9-]+):', text)
        self.assertTrue(staged, 'the scan finds no staged program')
        bad = []
        for binary in staged:
            r = run(['ldd', binary])
            self.assertEqual(r.returncode, 0, r.stderr)
            libs = re.findall(r'(/[^\s]+) \(0x', r.stdout)
            for lib in libs:
                problem = self.check(lib, [binary], package_of(lib))
                if problem:
                    bad.append(problem)
        self.assertEqual(bad, [], '\n'.join(bad))

    def test_the_check_flags_a_package_outside_the_list(self):
        # A program every Debian 12 machine here has but no deps package
        # pulls in: the shape of the bug this test exists for.
        problem = self.check('/usr/bin/not-ours', ['x'], 'not-a-cordon-package')
        self.assertIsNotNone(problem)


if __name__ == '__main__':
    unittest.main()
