# SPDX-License-Identifier: GPL-2.0
"""Helpers shared by the tools tests."""
import os
import subprocess

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
SCRIPTS = os.path.join(ROOT, 'scripts')


def run(args, env=None, **kw):
    """Run a command, capturing text output; never raises on failure."""
    full_env = dict(os.environ)
    if env:
        full_env.update(env)
    return subprocess.run(args, capture_output=True, text=True, env=full_env,
                          timeout=kw.pop('timeout', 300), **kw)


def write(path, text):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, 'w') as f:
        f.write(text)
    return path
