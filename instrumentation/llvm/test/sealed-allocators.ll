; SPDX-License-Identifier: GPL-2.0
; In a unit of kind sealed, the allocators go to the sealed run time
; (flask/sealed_alloc.c), called directly: no exit stub, no record. In an
; untrusted unit they go to the kernel's versions through exits. In the
; unit that defines the run time, its own calls of the kernel's allocator
; (the fallback without views) stay, and become exits.
; RUN: opt -load-pass-plugin=%plugin -passes=cordon-inline-helpers,cordon-compartment -cordon-compartment=flask -cordon-kind=sealed -cordon-entry=load -S %s | FileCheck %s --check-prefix=SEALED
; RUN: opt -load-pass-plugin=%plugin -passes=cordon-inline-helpers,cordon-compartment -cordon-compartment=brd -cordon-entry=load -S %s | FileCheck %s --check-prefix=UNTRUSTED
; RUN: sed 's/^;RT //' %s | opt -load-pass-plugin=%plugin -passes=cordon-inline-helpers,cordon-compartment -cordon-compartment=srt -cordon-kind=sealed -S | FileCheck %s --check-prefix=RT

; SEALED-NOT: module asm "cordon_srt_kmalloc.cordon_exit:"
; SEALED-NOT: cordon_srt_kmalloc.cordon_exit_rec
; SEALED-LABEL: define internal ptr @load.cordon_body(i64 %n)
; SEALED-NEXT: %p = call ptr @cordon_srt_kmalloc(i64 %n, i32 3264)
; SEALED-NEXT: %q = call ptr @cordon_srt_kmalloc(i64 16, i32 2592)
; SEALED-NEXT: %c = call ptr @cordon_srt_cache_alloc(ptr %p, i32 0)
; SEALED-NEXT: %v = call ptr @cordon_srt_kmalloc_node(i64 %n, i32 3264, i32 -1)
; SEALED-NEXT: %s = call ptr @cordon_srt_kstrdup(ptr %q, i32 3264)
; SEALED-NEXT: call void @cordon_srt_kfree(ptr %q)
; SEALED-NEXT: call void @cordon_srt_kfree(ptr %v)

; UNTRUSTED-LABEL: define internal ptr @load.cordon_body(i64 %n)
; UNTRUSTED-NEXT: %p = call ptr @cordon_kmalloc.cordon_exit(i64 %n, i32 3264)
; UNTRUSTED: call void @cordon_kfree.cordon_exit(ptr %q)
; UNTRUSTED: call void @kvfree.cordon_exit(ptr %v)

; RT: module asm "__kmalloc.cordon_exit:"
; RT-LABEL: define ptr @cordon_srt_kmalloc(i64 %size, i32 %gfp)
; RT-NEXT: %p = call ptr @__kmalloc.cordon_exit(i64 %size, i32 %gfp)

declare ptr @kmalloc(i64, i32)
declare ptr @__kmalloc(i64, i32)
declare ptr @kmem_cache_alloc(ptr, i32)
declare ptr @kvmalloc_node(i64, i32, i32)
declare ptr @kstrdup(ptr, i32)
declare void @kfree(ptr)
declare void @kvfree(ptr)

define ptr @load(i64 %n) {
  %p = call ptr @kmalloc(i64 %n, i32 3264)
  %q = call ptr @__kmalloc(i64 16, i32 2592)
  %c = call ptr @kmem_cache_alloc(ptr %p, i32 0)
  %v = call ptr @kvmalloc_node(i64 %n, i32 3264, i32 -1)
  %s = call ptr @kstrdup(ptr %q, i32 3264)
  call void @kfree(ptr %q)
  call void @kvfree(ptr %v)
  ret ptr %s
}

;RT define ptr @cordon_srt_kmalloc(i64 %size, i32 %gfp) {
;RT   %p = call ptr @__kmalloc(i64 %size, i32 %gfp)
;RT   ret ptr %p
;RT }
