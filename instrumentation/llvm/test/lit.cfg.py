# SPDX-License-Identifier: GPL-2.0
# lit configuration for the Cordon compartment pass (see ../Makefile).
import os

import lit.formats

config.name = 'CordonCompartment'
config.test_format = lit.formats.ShTest(True)
config.suffixes = ['.ll', '.c']
config.test_source_root = os.path.dirname(__file__)

plugin = lit_config.params.get('plugin')
llvm_bin = lit_config.params.get('llvm_bin')
if not plugin or not llvm_bin:
    lit_config.fatal('run through the Makefile: make -C instrumentation/llvm check')
# Outputs next to the plugin, under build/, not in the source tree.
config.test_exec_root = os.path.join(os.path.dirname(plugin), 'lit')
config.environment['PATH'] = os.pathsep.join(
    [llvm_bin, config.environment.get('PATH', os.environ.get('PATH', ''))])
config.substitutions.append(
    ('%cordon_clang', 'clang -O2 -S -emit-llvm -o - -Xclang -load -Xclang '
     '%s -fpass-plugin=%s -mllvm -cordon-compartment=demo' % (plugin, plugin)))
config.substitutions.append(
    ('%cordon_opt', 'opt -load-pass-plugin=%s -passes=cordon-compartment -S'
     % plugin))
# The build-time verifier, scripts/cordon-verify, run on objects the tests
# compile themselves.
config.substitutions.append(
    ('%cordon_verify', os.path.normpath(os.path.join(
        config.test_source_root, '..', '..', '..', 'scripts',
        'cordon-verify'))))
# The compartment objects' assembler, scripts/cordon-as, as kbuild runs it.
config.substitutions.append(
    ('%cordon_as', '-fno-integrated-as -B' + os.path.normpath(os.path.join(
        config.test_source_root, '..', '..', '..', 'scripts', 'cordon-'))))
config.substitutions.append(('%plugin', plugin))
