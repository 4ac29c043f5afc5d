; SPDX-License-Identifier: GPL-2.0
; -cordon-adapted, in a unit that only declares the adapted function (the
; server's glue, flask/ss/cordon_server.c, calls security_fs_use() of
; services.c): the call takes the hidden name and stays a direct call,
; not an exit to the kernel's adapter of the same name.
; RUN: %cordon_opt -cordon-compartment=flask -cordon-kind=sealed -cordon-entry=fs_use_entry -cordon-adapted=fs_use -cordon-exits=%t.exits %s | FileCheck %s
; RUN: FileCheck %s --check-prefix=EXITS --allow-empty < %t.exits
; RUN: %cordon_opt -cordon-compartment=flask -cordon-kind=sealed -cordon-entry=fs_use_entry %s | FileCheck %s --check-prefix=PLAIN

; CHECK-LABEL: define internal i32 @fs_use_entry.cordon_body(
; CHECK-NEXT: %r = call i32 @fs_use.cordon_adapted(ptr %name)
; EXITS-NOT: fs_use
; Without the option, the call would leave for the kernel's function.
; PLAIN: call i32 @fs_use.cordon_exit(ptr %name)

declare i32 @fs_use(ptr)

define i32 @fs_use_entry(ptr %name) {
  %r = call i32 @fs_use(ptr %name)
  ret i32 %r
}
