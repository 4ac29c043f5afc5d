# SPDX-License-Identifier: GPL-2.0
# kunit.py --qemu_config for Cordon: x86_64 under the views-enabled QEMU.
# scripts/test-kunit puts build/qemu first on PATH and adds
# "-cpu max,cordon-views=on" when that QEMU offers views.
from ..qemu_config import QemuArchParams

QEMU_ARCH = QemuArchParams(linux_arch='x86_64',
			   kconfig='''
CONFIG_SERIAL_8250=y
CONFIG_SERIAL_8250_CONSOLE=y''',
			   qemu_arch='x86_64',
			   kernel_path='arch/x86/boot/bzImage',
			   kernel_command_line='console=ttyS0',
			   extra_qemu_params=['-L', '/usr/share/qemu',
					      '-L', '/usr/share/seabios',
					      '-bios', 'qboot.rom',
					      '-machine', 'q35',
					      '-smp', '2',
					      '-cpu', 'max'])
