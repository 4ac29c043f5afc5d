; SPDX-License-Identifier: GPL-2.0
; What the gate cannot carry is refused with an error that names it, and
; so are a missing compartment name and a missing manifest.
; RUN: not %cordon_opt -cordon-compartment=brd -cordon-entry=takes_double %s 2>&1 | FileCheck %s --check-prefix=ARG
; RUN: not %cordon_opt -cordon-compartment=brd -cordon-entry=variadic %s 2>&1 | FileCheck %s --check-prefix=VA
; RUN: not %cordon_opt -cordon-compartment=brd -cordon-entry=returns_struct %s 2>&1 | FileCheck %s --check-prefix=RET
; RUN: not %cordon_opt %s 2>&1 | FileCheck %s --check-prefix=NAME
; RUN: not %cordon_opt -cordon-compartment=brd -cordon-manifest=%t.missing %s 2>&1 | FileCheck %s --check-prefix=MANIFEST

; ARG: cordon: entry point takes_double takes an argument that is not an integer or a pointer; a gate cannot carry it
; VA: cordon: entry point variadic is variadic; a gate cannot carry it
; RET: cordon: entry point returns_struct returns neither an integer nor a pointer; a gate cannot carry it
; NAME: cordon: -cordon-compartment=<name> is required with the Cordon pass plugin
; MANIFEST: cordon: cannot read manifest '{{.*}}.missing': {{.*}} (generate it with scripts/cordon-manifest)

define void @takes_double(double %x) {
  ret void
}

define void @variadic(i32 %n, ...) {
  ret void
}

define { i64, i64 } @returns_struct() {
  ret { i64, i64 } zeroinitializer
}
