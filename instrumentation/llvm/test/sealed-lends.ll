; SPDX-License-Identifier: GPL-2.0
; A sealed compartment's entry points take their arguments and lent
; buffers through the exchange area (flask/sealed_lend.h): the wrapper
; stores every argument in a block and calls cordon_gate_sealed() with the
; lends; the stub takes them into sealed memory with cordon_srt_enter(),
; calls the body with what it put in the block, and gives back what the
; body wrote with cordon_srt_leave(). A sealed entry point may not lend a
; bio.
; RUN: echo "lend get arg=2 access=w size=8" > %t.lends
; RUN: echo "lend get arg=3 access=r size=arg4" >> %t.lends
; RUN: %cordon_opt -cordon-compartment=flask -cordon-kind=sealed -cordon-entry=get -cordon-lends=%t.lends %s | FileCheck %s
; RUN: echo "lend get arg=2 access=rw size=bio" > %t.bad
; RUN: not %cordon_opt -cordon-compartment=flask -cordon-kind=sealed -cordon-entry=get -cordon-lends=%t.bad %s 2>&1 | FileCheck %s --check-prefix=BAD
; A string, as long as it is, and an allocation the body hands the caller:
; RUN: echo "lend get arg=3 access=r size=str" > %t.str
; RUN: echo "lend get arg=2 access=w size=8 alloc=arg5*4" >> %t.str
; RUN: echo "lend get arg=5 access=w size=4" >> %t.str
; RUN: %cordon_opt -cordon-compartment=flask -cordon-kind=sealed -cordon-entry=get -cordon-lends=%t.str %s | FileCheck %s --check-prefix=STR
; RUN: echo "lend get arg=3 access=rw size=str" > %t.badstr
; RUN: not %cordon_opt -cordon-compartment=flask -cordon-kind=sealed -cordon-entry=get -cordon-lends=%t.badstr %s 2>&1 | FileCheck %s --check-prefix=BADSTR
; A buffer of any size, pulled in a slot at a time:
; RUN: echo "lend get arg=3 access=r size=arg4 copy=pull" > %t.pull
; RUN: %cordon_opt -cordon-compartment=flask -cordon-kind=sealed -cordon-entry=get -cordon-lends=%t.pull %s | FileCheck %s --check-prefix=PULL
; RUN: echo "lend get arg=3 access=rw size=arg4 copy=pull" > %t.badpull
; RUN: not %cordon_opt -cordon-compartment=flask -cordon-kind=sealed -cordon-entry=get -cordon-lends=%t.badpull %s 2>&1 | FileCheck %s --check-prefix=BADPULL
; RUN: echo "lend get arg=2 access=w size=8 alloc=arg5" > %t.untrusted
; RUN: not %cordon_opt -cordon-compartment=brd -cordon-entry=get -cordon-lends=%t.untrusted %s 2>&1 | FileCheck %s --check-prefix=UNTRUSTED

; CHECK: @get.cordon_lends = internal constant [2 x { i32, i32, i64, i32, i32 }] [{ i32, i32, i64, i32, i32 } { i32 2, i32 2, i64 8, i32 0, i32 0 }, { i32, i32, i64, i32, i32 } { i32 3, i32 1, i64 0, i32 4, i32 0 }], section ".cordon.rodata.flask"

; CHECK-LABEL: define i64 @get(i32 %0, ptr %1, ptr %2, i64 %3, ptr %4)
; CHECK: cross:
; CHECK: call i64 @cordon_gate_sealed(ptr %{{.*}}, ptr %{{.*}}, i64 5, ptr %{{.*}}, i64 2)

; CHECK-LABEL: define internal i64 @get.cordon_stub(i64 %0, i64 %1, i64 %2)
; CHECK-SAME: section ".cordon.text.flask"
; CHECK: %[[E:.*]] = call i64 @cordon_srt_enter(ptr %{{.*}}, i32 5, ptr @get.cordon_lends, i32 2, ptr %{{.*}})
; CHECK: run:
; CHECK: call i64 @get.cordon_body(
; CHECK-NEXT: call void @cordon_srt_leave(ptr %{{.*}}, ptr @get.cordon_lends)
; CHECK: refuse:
; CHECK-NEXT: call void @cordon_srt_leave(ptr %{{.*}}, ptr @get.cordon_lends)
; CHECK-NEXT: ret i64 %[[E]]

; STR: @get.cordon_lends = internal constant [3 x { i32, i32, i64, i32, i32 }] [{ i32, i32, i64, i32, i32 } { i32 3, i32 1, i64 0, i32 0, i32 3 }, { i32, i32, i64, i32, i32 } { i32 2, i32 2, i64 8, i32 5, i32 262148 }, { i32, i32, i64, i32, i32 } { i32 5, i32 2, i64 4, i32 0, i32 0 }]
; The kernel side finds the string's length itself.
; STR-LABEL: define i64 @get(
; STR: store i64 0, ptr
; STR: store i32 3, ptr
; BADSTR: size=str is read only (access=r)
; UNTRUSTED: size=str, alloc=, object= and copy=pull are for sealed compartments, whose lends are copies
; PULL: @get.cordon_lends = internal constant [1 x { i32, i32, i64, i32, i32 }] [{ i32, i32, i64, i32, i32 } { i32 3, i32 1, i64 0, i32 4, i32 6 }]
; PULL-LABEL: define i64 @get(
; PULL: store i32 6, ptr
; BADPULL: copy=pull is read only (access=r)

; BAD: cordon: lend annotation of sealed entry point get names an argument it does not have, or one of the wrong type, or a bio or page

define i64 @get(i32 %which, ptr %out, ptr %in, i64 %len, ptr %n) {
  %v = load i64, ptr %in
  store i64 %v, ptr %out
  ret i64 %len
}
