; SPDX-License-Identifier: GPL-2.0
; -cordon-adapted: a function of the compartment's API that the kernel
; reaches through an adapter of its own in kernel code (the SELinux
; server's security_fs_use(), which takes a struct super_block). The
; compartment's definition and its own calls take the hidden name, so the
; kernel's name is free for the adapter; the entry point the adapter
; crosses into is an ordinary one and calls the hidden function directly.
; RUN: %cordon_opt -cordon-compartment=flask -cordon-kind=sealed -cordon-entry=fs_use_entry -cordon-adapted=fs_use %s | FileCheck %s
; RUN: not %cordon_opt -cordon-compartment=flask -cordon-kind=sealed -cordon-entry=fs_use -cordon-adapted=fs_use %s 2>&1 | FileCheck %s --check-prefix=BOTH

; CHECK-NOT: define {{.*}} @fs_use(
; CHECK: define i32 @fs_use.cordon_adapted(ptr %sb) {{.*}}section ".cordon.text.flask"
; CHECK-LABEL: define internal i32 @fs_use_entry.cordon_body(
; CHECK: call i32 @fs_use.cordon_adapted(ptr %name)
; CHECK-NOT: cordon_exit{{.*}}fs_use
; CHECK-NOT: define {{.*}} @fs_use(

; BOTH: cordon: fs_use is both an entry point and adapted

define i32 @fs_use(ptr %sb) {
  %v = load i32, ptr %sb
  ret i32 %v
}

define i32 @fs_use_entry(ptr %name) {
  %r = call i32 @fs_use(ptr %name)
  ret i32 %r
}
