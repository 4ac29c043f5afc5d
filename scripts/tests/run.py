#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Run the unittest files of one test group and record its counts.

usage: run.py GROUP RESULT_FILE PATTERN
Prints "GROUP: N passed, N failed" and writes "N M" to RESULT_FILE.
"""
import os
import sys
import unittest


def main():
    group, result_file, pattern = sys.argv[1:4]
    here = os.path.dirname(os.path.abspath(__file__))
    suite = unittest.defaultTestLoader.discover(here, pattern=pattern)
    res = unittest.TextTestRunner(verbosity=2, stream=sys.stdout).run(suite)
    failed = len(res.failures) + len(res.errors) + len(res.unexpectedSuccesses)
    passed = res.testsRun - failed - len(res.skipped)
    if res.testsRun == 0:
        print(f'{group}: no tests found for {pattern}', file=sys.stderr)
        failed += 1
    os.makedirs(os.path.dirname(result_file), exist_ok=True)
    with open(result_file, 'w') as f:
        f.write(f'{passed} {failed}\n')
    print(f'{group}: {passed} passed, {failed} failed')
    return 1 if failed else 0


if __name__ == '__main__':
    sys.exit(main())
