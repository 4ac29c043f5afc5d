// SPDX-License-Identifier: GPL-2.0
//
// Cordon compartment pass: puts one translation unit of a driver into a
// Cordon compartment.
//
// Loaded with -fpass-plugin for the compartment's objects only, it
//  - moves every function and global the unit defines into sections of the
//    compartment (.cordon.text.<name>, .cordon.rodata.<name>,
//    .cordon.data.<name>, .cordon.bss.<name>), which the kernel's linker
//    script puts in whole pages of their own and Cordon maps into the
//    compartment's view;
//  - splits each entry point the manifest names into three functions: the
//    body (the driver's own code, renamed <fn>.cordon_body), an entry stub
//    in the compartment that takes the gate's three register arguments and
//    calls the body, and a kernel-side wrapper that takes over the
//    original name, C type and kCFI type hash and crosses through the gate.
//    Every reference by name or address (ops tables, registration calls,
//    initcall entries in module asm, exports) reaches the wrapper; direct
//    calls inside the compartment still reach the body;
//  - records each entry point in .cordon.entries.<name> for the run time,
//    which registers a gate per entry and stores it in the wrapper's slot;
//  - turns every call from compartment code to a function the unit does
//    not define (the kernel's) into a call to an exit stub in the
//    compartment, which jumps to the exit gate with the address of the
//    call's exit record (.cordon.exits.<name>) in %r11: the gate calls the
//    function in the kernel view and comes back. The run time writes the
//    compartment's id into each record, and the gate refuses a record of
//    another compartment or one outside the records;
//  - gives compartment code private copies of memcpy, memmove and memset,
//    which the intrinsics would otherwise call in the kernel;
//  - before the inliner, sends calls of inline kernel helpers that write
//    per-CPU or task state (kmap_atomic, __kunmap_atomic,
//    radix_tree_preload_end), and of the page and kmalloc allocators, to
//    out-of-line kernel versions, which then become exits; and turns its
//    loads and stores of a struct page into calls of cordon_page_load()
//    and cordon_page_store(), exits that allow them on the compartment's
//    own pages only; and turns each static branch (jump label) into a test
//    of its key, so that the kernel never patches compartment code;
//  - gives the compartment its own stack protector guard
//    (.cordon.guard.<name>, filled at boot) and __stack_chk_fail, which
//    reports through an exit and ends the crossing.
//
// Options (opt, or clang -mllvm):
//   -cordon-compartment=<name>   required: the compartment
//   -cordon-kind=untrusted|sealed
//                                the compartment's kind: a sealed one's exit
//                                stubs jump to cordon_sealed_exit_gate,
//                                which keeps its context in sealed memory;
//                                its allocators are the sealed run time's
//                                (cordon_srt_*, direct calls), and an ops
//                                table of its entry points stays kernel data
//   -cordon-manifest=<file>      the entry points (instrumentation/coccinelle)
//   -cordon-entry=<fn>[,<fn>...] entry points given by hand, for tests
//   -cordon-lends=<file>         what each entry point's call lends the
//                                compartment (lend.c): lines
//                                "lend <fn> arg=<n> access=r|rw|w
//                                size=<bytes>|arg<m>|bio|page
//                                [abort=end]" or "lend <fn> arg=<n>
//                                object=<symbol>"; for a sealed compartment
//                                the buffers are copied in (r) and out
//                                (w) through the exchange area
//                                (flask/sealed_lend.h), and every
//                                entry's arguments go that way too
//   -cordon-adapted=<fn>[,<fn>...]
//                                functions of the compartment's API whose
//                                kernel name belongs to an adapter in
//                                kernel code: renamed <fn>.cordon_adapted
//                                in every unit, called directly inside
//   -cordon-exits=<file>         list the calls out of the compartment:
//                                "exit <fn>" per kernel function called,
//                                "indirect <n>" for calls through pointers;
//                                what exit gates will have to carry
//
// The gate carries three 64-bit arguments and a 64-bit result. An entry
// point with more arguments is crossed with a pointer to an argument block
// on the kernel stack, which the compartment's view may read. Arguments and
// results that are not integers or pointers are refused with an error.
// An exit carries the six argument registers of the x86-64 calling
// convention and %rax back: a call out with more arguments, or with any
// that is not an integer or a pointer, is refused with an error that names
// the callee and the caller.

#include <set>

#include "llvm/ADT/SmallPtrSet.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/IR/Constants.h"
#include "llvm/IR/DerivedTypes.h"
#include "llvm/IR/Function.h"
#include "llvm/IR/GlobalVariable.h"
#include "llvm/IR/IRBuilder.h"
#include "llvm/IR/InlineAsm.h"
#include "llvm/IR/Instructions.h"
#include "llvm/IR/IntrinsicInst.h"
#include "llvm/IR/Module.h"
#include "llvm/IR/Operator.h"
#include "llvm/IR/PassManager.h"
#include "llvm/Passes/PassBuilder.h"
#include "llvm/Passes/PassPlugin.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/raw_ostream.h"
#include "llvm/Transforms/Utils/BasicBlockUtils.h"

using namespace llvm;

static cl::opt<std::string>
    CompartmentName("cordon-compartment",
                    cl::desc("Cordon compartment this unit belongs to"),
                    cl::init(""));
static cl::opt<std::string> CompartmentKind(
    "cordon-kind",
    cl::desc("untrusted (the default) or sealed: which exit gate the unit's "
             "calls out go through"),
    cl::init("untrusted"));
static cl::opt<std::string>
    ManifestPath("cordon-manifest",
                 cl::desc("Cordon manifest listing the entry points"),
                 cl::init(""));
static cl::list<std::string>
    ExtraEntries("cordon-entry", cl::CommaSeparated,
                 cl::desc("Entry points, in addition to the manifest's"));
static cl::opt<std::string>
    LendsPath("cordon-lends",
              cl::desc("Lend annotations of the compartment's entry points"),
              cl::init(""));
static cl::opt<std::string> InputsHash(
    "cordon-inputs",
    cl::desc("A hash of the plugin, manifest and lend inputs; unused by the "
             "pass, but part of the command line compiler caches key on"),
    cl::init(""));
static cl::list<std::string> Readable(
    "cordon-readable", cl::CommaSeparated,
    cl::desc("Constant globals of a sealed compartment the kernel reads (a "
             "table of names it hands out), and the constants they point "
             "at: kept in .cordon.readable.<name>, which the kernel may read "
             "but not write"));
static cl::list<std::string> Adapted(
    "cordon-adapted", cl::CommaSeparated,
    cl::desc("Functions of the compartment's API that the kernel reaches "
             "through an adapter of the same name in kernel code (which "
             "turns kernel structures into what a gate can carry): the "
             "compartment's function and every call of it in its units are "
             "renamed <fn>.cordon_adapted, so that the kernel's name is the "
             "adapter's and the compartment's own adapter still calls it"));
static cl::opt<std::string>
    ExitsPath("cordon-exits",
              cl::desc("Write the kernel functions the unit calls here"),
              cl::init(""));

namespace {

constexpr unsigned GateArgs = 3;

// The manifest: "entry <function> ..." lines; '#' starts a comment. Other
// line kinds belong to other consumers and are skipped.
// Entries: every entry line's function. Siblings: what other units of the
// compartment define, so that calls of them stay inside: an entry point
// defined in one of its files (def= not "-"), and each define line's
// function.
bool readManifest(StringRef Path, StringSet<> &Entries,
                  StringSet<> &SiblingEntries, StringSet<> &Defines,
                  std::string &Err) {
  auto Buf = MemoryBuffer::getFile(Path);
  if (!Buf) {
    Err = "cannot read manifest '" + Path.str() +
          "': " + Buf.getError().message() +
          " (generate it with scripts/cordon-manifest)";
    return false;
  }
  SmallVector<StringRef, 0> Lines;
  (*Buf)->getBuffer().split(Lines, '\n');
  for (StringRef Line : Lines) {
    Line = Line.split('#').first.trim();
    if (Line.empty())
      continue;
    SmallVector<StringRef, 4> Words;
    Line.split(Words, ' ', -1, false);
    if (Words[0] != "entry" && Words[0] != "define")
      continue;
    if (Words.size() < 2) {
      Err = "manifest '" + Path.str() + "': '" + Words[0].str() +
            "' without a function";
      return false;
    }
    if (Words[0] == "define") {
      Defines.insert(Words[1]);
      continue;
    }
    Entries.insert(Words[1]);
    if (llvm::is_contained(Words, "def=-"))
      continue;
    SiblingEntries.insert(Words[1]);
  }
  return true;
}

// One lend annotation: argument Arg (from 1) of the entry point lends
// Access of Size bytes (SizeArg: the size is that argument), or, by Kind,
// the pages of a struct bio or the page of a struct page.
// lend.h; the last two for sealed compartments only (sealed_lend.h)
enum LendKind {
  LendRange = 0,
  LendBio = 1,
  LendPage = 2,
  LendStr = 3,   // size=str: a NUL-terminated string, read
  LendAlloc = 4, // alloc=arg<m>[*<k>]: a pointer the body sets
  LendObject = 5, // object=<symbol>: the body gets the compartment's own
  LendPull = 6,   // copy=pull: read in a slot at a time, any size
};
struct Lend {
  unsigned Arg = 0;
  unsigned Access = 0; // CORDON_ACCESS_R = 1, W = 2
  uint64_t Size = 0;
  unsigned SizeArg = 0;
  LendKind Kind = LendRange;
  bool EndOnAbort = false; // abort=end: a crossing ended early ends the bio
  // LendAlloc: the allocation's size is the u32 argument AllocArg points
  // at, times AllocScale.
  unsigned AllocArg = 0;
  unsigned AllocScale = 1;
  // LendObject: the sealed object the body gets instead of the argument.
  std::string Object;
};

// "lend-return <fn> access=r|rw size=<bytes>|ksize": what the kernel
// function <fn> returns is lent to the crossing that called it, until that
// crossing ends; ksize: the slab object's size. Encoded in the exit
// record's flags: bit 1, the access in bits 8-15, the size in bits 32-63
// (0 for ksize).
struct LendReturn {
  unsigned Access = 0;
  uint64_t Size = 0;
};

bool readLends(StringRef Path, StringMap<SmallVector<Lend, 2>> &Lends,
               StringMap<LendReturn> &Returns, std::string &Err) {
  auto Buf = MemoryBuffer::getFile(Path);
  if (!Buf) {
    Err = "cannot read lend annotations '" + Path.str() +
          "': " + Buf.getError().message();
    return false;
  }
  SmallVector<StringRef, 0> Lines;
  (*Buf)->getBuffer().split(Lines, '\n');
  unsigned No = 0;
  for (StringRef Line : Lines) {
    No++;
    Line = Line.split('#').first.trim();
    if (Line.empty())
      continue;
    SmallVector<StringRef, 6> W;
    Line.split(W, ' ', -1, false);
    auto Bad = [&](const Twine &Why) {
      Err = (Path + ":" + Twine(No) + ": " + Why +
             " (expected: lend <fn> arg=<n> access=r|rw|w "
             "size=<bytes>|arg<m>|bio|page|str [abort=end] "
             "[alloc=arg<m>[*<k>]] [copy=pull], lend <fn> arg=<n> "
             "object=<symbol>, or lend-return <fn> "
             "access=r|rw "
             "size=<bytes>|ksize)")
                .str();
      return false;
    };
    if (W[0] == "lend-return" && W.size() == 4) {
      LendReturn R;
      for (unsigned I = 2; I < 4; I++) {
        auto [K, V] = W[I].split('=');
        if (K == "access" && (V == "r" || V == "rw"))
          R.Access = V == "r" ? 1 : 3;
        else if (K == "size" && V == "ksize")
          R.Size = 0;
        else if (K == "size" && !V.getAsInteger(10, R.Size) && R.Size &&
                 R.Size <= UINT32_MAX)
          ;
        else
          return Bad("bad '" + W[I] + "'");
      }
      if (!R.Access)
        return Bad("missing access");
      Returns[W[1]] = R;
      continue;
    }
    if (W[0] != "lend" || W.size() < 4 || W.size() > 6)
      return Bad("not a lend line");
    Lend L;
    for (unsigned I = 2; I < W.size(); I++) {
      auto [K, V] = W[I].split('=');
      if (K == "abort" && V == "end") {
        L.EndOnAbort = true;
      } else if (K == "arg") {
        if (V.getAsInteger(10, L.Arg) || !L.Arg)
          return Bad("bad argument number '" + V + "'");
      } else if (K == "access") {
        if (V == "r")
          L.Access = 1;
        else if (V == "rw")
          L.Access = 3;
        else if (V == "w")
          L.Access = 2;
        else
          return Bad("bad access '" + V + "'");
      } else if (K == "copy" && V == "pull") {
        L.Kind = LendPull;
      } else if (K == "object") {
        if (V.empty())
          return Bad("bad object '" + V + "'");
        L.Kind = LendObject;
        L.Object = V.str();
      } else if (K == "alloc") {
        auto [A, Scale] = V.split('*');
        if (!A.consume_front("arg") || A.getAsInteger(10, L.AllocArg) ||
            !L.AllocArg ||
            (!Scale.empty() &&
             (Scale.getAsInteger(10, L.AllocScale) || !L.AllocScale)))
          return Bad("bad alloc '" + V + "'");
        L.Kind = LendAlloc;
      } else if (K == "size") {
        if (V == "bio")
          L.Kind = LendBio;
        else if (V == "page")
          L.Kind = LendPage;
        else if (V == "str")
          L.Kind = LendStr;
        else if (V.consume_front("arg")) {
          if (V.getAsInteger(10, L.SizeArg) || !L.SizeArg)
            return Bad("bad size argument");
        } else if (V.getAsInteger(10, L.Size) || !L.Size)
          return Bad("bad size '" + V + "'");
      } else
        return Bad("unknown key '" + K + "'");
    }
    if (L.Kind == LendObject) {
      if (!L.Arg || L.Access || L.Size || L.SizeArg || W.size() != 4)
        return Bad("object= takes arg= and nothing else");
      Lends[W[1]].push_back(L);
      continue;
    }
    if (W.size() < 5 || !L.Arg || !L.Access ||
        ((L.Kind == LendRange || L.Kind == LendAlloc ||
          L.Kind == LendPull) &&
         !L.SizeArg &&
         !L.Size))
      return Bad("missing key");
    if (L.Kind == LendStr && L.Access != 1)
      return Bad("size=str is read only (access=r)");
    if (L.Kind == LendPull && L.Access != 1)
      return Bad("copy=pull is read only (access=r)");
    if (L.Kind == LendAlloc && (L.Access != 2 || L.Size != 8))
      return Bad("alloc= lends a pointer the body sets (access=w size=8)");
    if (L.EndOnAbort && L.Kind != LendBio)
      return Bad("abort=end is for size=bio only");
    Lends[W[1]].push_back(L);
  }
  return true;
}

bool isScalar(Type *T) { return T->isIntegerTy() || T->isPointerTy(); }

// A scalar to the gate's i64, and back.
Value *toI64(IRBuilder<> &B, Value *V) {
  Type *I64 = B.getInt64Ty();
  if (V->getType()->isPointerTy())
    return B.CreatePtrToInt(V, I64);
  return B.CreateZExtOrTrunc(V, I64);
}

Value *fromI64(IRBuilder<> &B, Value *V, Type *To) {
  if (To->isPointerTy())
    return B.CreateIntToPtr(V, To);
  return B.CreateZExtOrTrunc(V, To);
}

// Inline kernel helpers that compartment code cannot run as they are:
// they write per-CPU or task state (the preempt count, the task's
// pagefault_disabled), which the compartment's view keeps read-only. Their
// calls go to out-of-line kernel versions (compartments/compiled.c), which
// become exits like any other kernel function. Done before the inliner.
//
// The allocators go to versions that make what the compartment allocates
// its own (compartments/own.c); they must know the calling compartment, so
// their exits keep the crossing's preemption count (record flag 1).
struct KernelHelper {
  const char *From, *To;
  bool KeepPreempt;
};
constexpr KernelHelper KernelHelpers[] = {
    {"kmap_atomic", "cordon_kmap_atomic", false},
    {"__kunmap_atomic", "cordon_kunmap_atomic", false},
    {"radix_tree_preload_end", "cordon_radix_tree_preload_end", false},
    {"alloc_pages", "cordon_alloc_pages", true},
    {"__free_pages", "cordon_free_pages", true},
    {"kmalloc", "cordon_kmalloc", true},
    {"__kmalloc", "cordon_kmalloc", true},
    {"kfree", "cordon_kfree", true},
    // Ends a bio once, and only one lent to the crossing (lend.c).
    {"bio_endio", "cordon_bio_endio", true},
    // Recorded with the crossing, released if it ends early (held.c).
    {"_raw_spin_lock", "cordon_spin_lock", true},
    {"_raw_spin_unlock", "cordon_spin_unlock", true},
    {"mutex_lock", "cordon_mutex_lock", true},
    {"mutex_unlock", "cordon_mutex_unlock", true},
    {"_raw_read_lock", "cordon_read_lock", true},
    {"_raw_read_unlock", "cordon_read_unlock", true},
    {"_raw_write_lock", "cordon_write_lock", true},
    {"_raw_write_unlock", "cordon_write_unlock", true},
    {"__rcu_read_lock", "cordon_rcu_read_lock", true},
    {"__rcu_read_unlock", "cordon_rcu_read_unlock", true},
};

// In a compartment of kind sealed, what it allocates must be sealed
// memory: the allocators go to the sealed run time (flask/sealed_alloc.c),
// itself sealed code, called directly, not through exits. Skipped in a
// unit that defines the target (the run time itself, whose fallback
// without views is the kernel's allocator).
constexpr const char *SealedRuntimePrefix = "cordon_srt_";
struct SealedHelper {
  const char *From, *To;
};
constexpr SealedHelper SealedHelpers[] = {
    {"kmalloc", "cordon_srt_kmalloc"},
    {"__kmalloc", "cordon_srt_kmalloc"},
    {"kmalloc_node", "cordon_srt_kmalloc_node"},
    {"__kmalloc_node", "cordon_srt_kmalloc_node"},
    {"kvmalloc_node", "cordon_srt_kmalloc_node"},
    {"kfree", "cordon_srt_kfree"},
    {"kvfree", "cordon_srt_kfree"},
    {"vfree", "cordon_srt_kfree"},
    {"kfree_sensitive", "cordon_srt_kfree"},
    {"krealloc", "cordon_srt_krealloc"},
    {"kmemdup", "cordon_srt_kmemdup"},
    {"kstrdup", "cordon_srt_kstrdup"},
    {"kstrndup", "cordon_srt_kstrndup"},
    {"vmalloc", "cordon_srt_vmalloc"},
    {"vzalloc", "cordon_srt_vzalloc"},
    {"kmem_cache_create", "cordon_srt_cache_create"},
    {"kmem_cache_alloc", "cordon_srt_cache_alloc"},
    {"kmem_cache_free", "cordon_srt_cache_free"},
    {"kmem_cache_destroy", "cordon_srt_cache_destroy"},
    {"kmemdup_nul", "cordon_srt_kmemdup_nul"},
    // The kernel's would read sealed memory in the kernel view.
    {"strlen", "cordon_srt_strlen"},
    {"strnlen", "cordon_srt_strnlen"},
    {"strcmp", "cordon_srt_strcmp"},
    {"strncmp", "cordon_srt_strncmp"},
    {"strchr", "cordon_srt_strchr"},
    {"strrchr", "cordon_srt_strrchr"},
    {"strcpy", "cordon_srt_strcpy"},
    {"strcat", "cordon_srt_strcat"},
    {"strscpy", "cordon_srt_strscpy"},
    {"memcmp", "cordon_srt_memcmp"},
    {"bcmp", "cordon_srt_memcmp"},
    {"memchr", "cordon_srt_memchr"},
    {"full_name_hash", "cordon_srt_full_name_hash"},
    {"_find_first_bit", "cordon_srt_find_first_bit"},
    {"_find_next_bit", "cordon_srt_find_next_bit"},
    {"__list_add_valid", "cordon_srt_list_add_valid"},
    {"__list_del_entry_valid", "cordon_srt_list_del_entry_valid"},
    {"vsnprintf", "cordon_srt_vsnprintf"},
    {"snprintf", "cordon_srt_snprintf"},
    {"scnprintf", "cordon_srt_scnprintf"},
    {"sprintf", "cordon_srt_sprintf"},
    // Messages go out as text (sealed_string.c).
    {"_printk", "cordon_srt_printk"},
    {"__warn_printk", "cordon_srt_printk"},
    {"__printk_ratelimit", "cordon_srt_printk_ratelimit"},
    {"___ratelimit", "cordon_srt_ratelimit"},
    // Audit records: formatted in the sealed view, out as text, in the
    // calling task's context (sealed_audit.c).
    {"audit_context", "cordon_srt_audit_context"},
    {"audit_log", "cordon_srt_audit_log"},
    {"audit_log_start", "cordon_srt_audit_log_start"},
    {"audit_log_format", "cordon_srt_audit_log_format"},
    {"audit_log_n_untrustedstring", "cordon_srt_audit_log_n_untrustedstring"},
    // Locks in sealed memory, which only sealed code may write
    // (sealed_sync.c); a crossing is an RCU read section already.
    {"_raw_spin_lock", "cordon_srt_spin_lock"},
    {"_raw_spin_unlock", "cordon_srt_spin_unlock"},
    {"_raw_spin_lock_irqsave", "cordon_srt_spin_lock_irqsave"},
    {"_raw_spin_unlock_irqrestore", "cordon_srt_spin_unlock_irqrestore"},
    {"_raw_spin_lock_irq", "cordon_srt_spin_lock_irq"},
    {"_raw_spin_unlock_irq", "cordon_srt_spin_unlock_irq"},
    {"__raw_spin_lock_init", "cordon_srt_spin_lock_init"},
    {"__rcu_read_lock", "cordon_srt_rcu_read_lock"},
    {"__rcu_read_unlock", "cordon_srt_rcu_read_unlock"},
    // It would sleep inside a crossing (sealed_lend.c).
    {"synchronize_rcu", "cordon_srt_synchronize_rcu"},
    // The SELinux server (compartment flask): a question it answers
    // itself rather than cross out and back in (flask/ss/cordon_server.c),
    // the AVC's reset, whose cache is the server's (flask/ss/cordon_avc.c,
    // which then calls the kernel's part), and its notifications, which
    // run once the crossing is over, with the kernel's state
    // (flask/ss/cordon_kernel.c).
    {"avc_has_perm_noaudit", "cordon_flask_avc_has_perm_noaudit"},
    {"avc_ss_reset", "cordon_flask_avc_reset"},
    {"selinux_status_update_policyload",
     "cordon_flask_status_update_policyload"},
    {"selnl_notify_policyload", "cordon_flask_notify_policyload"},
    {"selinux_complete_init", "cordon_flask_complete_init"},
};

// Kernel data a sealed unit names, and the sealed object it gets instead:
// the sealed view maps no kernel data, and the server must not trust it.
constexpr SealedHelper SealedData[] = {
    // The SELinux server (flask/ss/cordon_server.c): its own state, which
    // the audit hooks name, and its own copy of the kernel's table of
    // class and permission names (avc.c defines the kernel's).
    {"selinux_state", "cordon_flask_state"},
    {"secclass_map", "cordon_flask_secclass_map"},
    // The LSM blob offsets: the server's superblock blob is its own.
    {"selinux_blob_sizes", "cordon_flask_blob_sizes"},
};

static bool redirectSealedData(Module &M) {
  bool Changed = false;
  for (const SealedHelper &H : SealedData) {
    GlobalVariable *G = M.getGlobalVariable(H.From);
    if (!G || !G->isDeclaration() || G->use_empty())
      continue;
    GlobalVariable *To = M.getGlobalVariable(H.To);
    if (!To)
      To = new GlobalVariable(M, G->getValueType(), G->isConstant(),
                              GlobalValue::ExternalLinkage, nullptr, H.To);
    // Addressed directly, as the kernel's code model wants: not through a
    // GOT the kernel's relocation tools do not know.
    To->setDSOLocal(true);
    G->replaceAllUsesWith(To);
    Changed = true;
  }
  return Changed;
}

constexpr const char *AdaptedSuffix = ".cordon_adapted";

// -cordon-adapted: the function (defined here or in another unit of the
// compartment) takes its hidden name, in every unit alike, so that both
// the definition and the calls of it agree. It is the compartment's own:
// calls of it cross nothing. Idempotent, since both passes run it.
static bool renameAdapted(Module &M) {
  bool Changed = false;
  for (const std::string &Name : Adapted) {
    Function *F = M.getFunction(Name);
    if (!F)
      continue;
    if (M.getFunction(Name + AdaptedSuffix))
      report_fatal_error(Twine("cordon: -cordon-adapted names ") + Name +
                             ", but " + Name + AdaptedSuffix +
                             " exists already",
                         false);
    F->setName(Name + AdaptedSuffix);
    Changed = true;
  }
  return Changed;
}

// Calls of @F (not other uses) become calls of @To, of the same type.
static bool redirectCalls(Module &M, Function &F, StringRef To) {
  FunctionCallee K = M.getOrInsertFunction(To, F.getFunctionType());
  SmallVector<CallBase *, 8> Calls;
  for (User *U : F.users())
    if (auto *CB = dyn_cast<CallBase>(U))
      if (CB->getCalledOperand() == &F)
        Calls.push_back(CB);
  for (CallBase *CB : Calls)
    CB->setCalledFunction(K);
  return !Calls.empty();
}

// The sealed helpers, in a unit of kind sealed; before the inliner, and
// again before the calls out become exits, for the library calls the
// optimiser made meanwhile (memcmp() into bcmp(), say).
static bool redirectSealedHelpers(Module &M) {
  bool Changed = false;
  for (const SealedHelper &H : SealedHelpers) {
    Function *F = M.getFunction(H.From);
    Function *To = M.getFunction(H.To);
    if (!F || (To && !To->isDeclaration()))
      continue;
    Changed |= redirectCalls(M, *F, H.To);
  }
  return Changed;
}

// A compartment's loads and stores of a struct page (page->index): the
// array of them is the kernel's, 64 to a page, which no view can give a
// compartment one of. They go to exits that check the page is the
// compartment's own (compartments/own.c) and so keep the crossing's
// preemption count too.
constexpr const char *PageLoad = "cordon_page_load";
constexpr const char *PageStore = "cordon_page_store";
// Where the compartment's own __stack_chk_fail goes (compiled.c).
constexpr const char *StackChkFail = "cordon_stack_chk_fail";

bool keepsPreempt(StringRef Callee) {
  if (Callee == PageLoad || Callee == PageStore || Callee == StackChkFail)
    return true;
  for (const KernelHelper &H : KernelHelpers)
    if (H.KeepPreempt && Callee == H.To)
      return true;
  return false;
}

// Whether P points into a struct page: a chain of field and element
// addresses that starts at one.
bool intoStructPage(const Value *P) {
  for (unsigned Depth = 0; Depth < 16; ++Depth) {
    const auto *GEP = dyn_cast<GEPOperator>(P);
    if (!GEP)
      return false;
    if (const auto *ST = dyn_cast<StructType>(GEP->getSourceElementType()))
      if (ST->hasName()) {
        StringRef N = ST->getName();
        // Clang names a second struct page of a module struct.page.0.
        if (N == "struct.page" ||
            (N.consume_front("struct.page.") && !N.empty() &&
             N.find_first_not_of("0123456789") == StringRef::npos))
          return true;
      }
    P = GEP->getPointerOperand();
  }
  return false;
}

// Locks that also disable interrupts. The exit gate gives the compartment
// back the interrupt flag it had, whatever the kernel function left, so
// the compartment saves and changes its own flag around the lock's exit:
// _raw_spin_lock_irqsave(l) becomes "pushf; pop; cli" and
// cordon_spin_lock(l); _raw_spin_unlock_irqrestore(l, f) becomes
// cordon_spin_unlock(l) and "sti" if f had IF; the _irq forms "cli" and
// "sti"; the same for reader-writer locks. CLI, STI and PUSHF are not
// privileged in the sense of the scan: the flag is the compartment's own.
struct IrqLock {
  const char *From, *To;
  enum { Save, Disable, Restore, Enable } How;
};
constexpr IrqLock IrqLocks[] = {
    {"_raw_spin_lock_irqsave", "cordon_spin_lock", IrqLock::Save},
    {"_raw_spin_lock_irq", "cordon_spin_lock", IrqLock::Disable},
    {"_raw_spin_unlock_irqrestore", "cordon_spin_unlock", IrqLock::Restore},
    {"_raw_spin_unlock_irq", "cordon_spin_unlock", IrqLock::Enable},
    {"_raw_read_lock_irqsave", "cordon_read_lock", IrqLock::Save},
    {"_raw_read_lock_irq", "cordon_read_lock", IrqLock::Disable},
    {"_raw_read_unlock_irqrestore", "cordon_read_unlock", IrqLock::Restore},
    {"_raw_read_unlock_irq", "cordon_read_unlock", IrqLock::Enable},
    {"_raw_write_lock_irqsave", "cordon_write_lock", IrqLock::Save},
    {"_raw_write_lock_irq", "cordon_write_lock", IrqLock::Disable},
    {"_raw_write_unlock_irqrestore", "cordon_write_unlock", IrqLock::Restore},
    {"_raw_write_unlock_irq", "cordon_write_unlock", IrqLock::Enable},
};

bool rewriteIrqLocks(Module &M) {
  LLVMContext &C = M.getContext();
  Type *Void = Type::getVoidTy(C), *I64 = Type::getInt64Ty(C);
  Type *Ptr = PointerType::getUnqual(C);
  bool Changed = false;
  for (const IrqLock &L : IrqLocks) {
    Function *F = M.getFunction(L.From);
    if (!F)
      continue;
    FunctionCallee To =
        M.getOrInsertFunction(L.To, FunctionType::get(Void, {Ptr}, false));
    SmallVector<CallInst *, 4> Calls;
    for (User *U : F->users())
      if (auto *CI = dyn_cast<CallInst>(U))
        if (CI->getCalledOperand() == F && CI->arg_size() >= 1)
          Calls.push_back(CI);
    for (CallInst *CI : Calls) {
      IRBuilder<> B(CI);
      Value *Lock = CI->getArgOperand(0);
      auto Asm = [&](const char *Text, Type *Ret, const char *Cons) {
        return B.CreateCall(
            InlineAsm::get(FunctionType::get(Ret, false), Text, Cons, true));
      };
      const char *Clobbers = "~{memory},~{dirflag},~{fpsr},~{flags}";
      switch (L.How) {
      case IrqLock::Save: {
        Value *Flags = Asm("pushfq\n\tpopq $0\n\tcli", I64,
                           "=r,~{memory},~{dirflag},~{fpsr},~{flags}");
        B.CreateCall(To, {Lock});
        CI->replaceAllUsesWith(B.CreateZExtOrTrunc(Flags, CI->getType()));
        break;
      }
      case IrqLock::Disable:
        Asm("cli", Void, Clobbers);
        B.CreateCall(To, {Lock});
        break;
      case IrqLock::Restore: {
        B.CreateCall(To, {Lock});
        Value *Flags = B.CreateZExtOrTrunc(CI->getArgOperand(1), I64);
        Value *On = B.CreateICmpNE(B.CreateAnd(Flags, 0x200), B.getInt64(0));
        Instruction *Then = SplitBlockAndInsertIfThen(On, CI, false);
        IRBuilder<> T(Then);
        T.CreateCall(InlineAsm::get(FunctionType::get(Void, false), "sti",
                                    Clobbers, true));
        break;
      }
      case IrqLock::Enable:
        B.CreateCall(To, {Lock});
        Asm("sti", Void, Clobbers);
        break;
      }
      CI->eraseFromParent();
      Changed = true;
    }
  }
  return Changed;
}

// Jump labels. The kernel patches a static branch (an asm goto that adds
// an entry to __jump_table) in place when its key changes; compartment code
// is not writable in the kernel's view, and text patched after the boot
// scan escapes it. Each one becomes a test of the key instead, which the
// compartment's view may read: the branch is taken when the key is
// enabled, exclusive-or the entry's branch bit (jump_label_type() in
// kernel/jump_label.c), and a key counts as enabled when key->enabled,
// its first field, is not 0 (-1 while it is being enabled:
// static_key_count()). Both asm forms of x86's arch_static_branch() (a
// NOP, or a JMP with bit 1 of the operand set, which objtool turns into a
// NOP) give the same test.
bool rewriteStaticBranches(Module &M) {
  SmallVector<CallBrInst *, 8> Sites;
  for (Function &F : M)
    for (BasicBlock &BB : F)
      if (auto *CB = dyn_cast_or_null<CallBrInst>(BB.getTerminator()))
        if (auto *IA = dyn_cast<InlineAsm>(CB->getCalledOperand()))
          if (IA->getAsmString().find("__jump_table") != std::string::npos)
            Sites.push_back(CB);
  for (CallBrInst *CB : Sites) {
    if (!CB->getType()->isVoidTy() || CB->arg_size() != 2 ||
        CB->getNumIndirectDests() != 1 ||
        !CB->getArgOperand(0)->getType()->isPointerTy() ||
        !CB->getArgOperand(1)->getType()->isIntegerTy())
      report_fatal_error(Twine("cordon: ") + CB->getFunction()->getName() +
                             " has an asm goto that adds to __jump_table "
                             "but is not the kernel's arch_static_branch() "
                             "(a key, a branch bit, one label); the kernel "
                             "would patch compartment code",
                         false);
    IRBuilder<> B(CB);
    LoadInst *Enabled = B.CreateAlignedLoad(B.getInt32Ty(),
                                            CB->getArgOperand(0), Align(4));
    Enabled->setVolatile(true);
    Value *Bits = CB->getArgOperand(1);
    Value *Taken = B.CreateXor(
        B.CreateICmpNE(Enabled, B.getInt32(0)),
        B.CreateICmpNE(B.CreateAnd(Bits, ConstantInt::get(Bits->getType(), 1)),
                       ConstantInt::get(Bits->getType(), 0)));
    B.CreateCondBr(Taken, CB->getIndirectDest(0), CB->getDefaultDest());
    CB->eraseFromParent();
  }
  return !Sites.empty();
}

class CordonInlineHelpersPass : public PassInfoMixin<CordonInlineHelpersPass> {
public:
  PreservedAnalyses run(Module &M, ModuleAnalysisManager &) {
    if (CompartmentName.empty())
      return PreservedAnalyses::all();
    bool Changed = renameAdapted(M);
    if (CompartmentKind == "sealed") {
      Changed |= redirectSealedHelpers(M);
      Changed |= redirectSealedData(M);
    }
    for (const KernelHelper &H : KernelHelpers) {
      Function *F = M.getFunction(H.From);
      // The helpers that keep the crossing's preemption count make kernel
      // memory and locks an untrusted compartment's own (own.c, held.c);
      // sealed code has its own run time instead.
      if (!F || (H.KeepPreempt && CompartmentKind == "sealed"))
        continue;
      FunctionCallee K = M.getOrInsertFunction(H.To, F->getFunctionType());
      SmallVector<CallBase *, 8> Calls;
      for (User *U : F->users())
        if (auto *CB = dyn_cast<CallBase>(U))
          if (CB->getCalledOperand() == F)
            Calls.push_back(CB);
      for (CallBase *CB : Calls) {
        CB->setCalledFunction(K);
        Changed = true;
      }
    }
    // The irq lock forms go to the sealed run time in a sealed unit.
    if (CompartmentKind != "sealed")
      Changed |= rewriteIrqLocks(M);
    Changed |= rewriteStructPageAccesses(M);
    Changed |= rewriteStaticBranches(M);
    return Changed ? PreservedAnalyses::none() : PreservedAnalyses::all();
  }

  // Every load and store of a struct page becomes a call of
  // cordon_page_load(addr, size) or cordon_page_store(addr, value, size),
  // the value carried in a u64. Atomic read-modify-writes of one are
  // refused: no exit does them.
  static bool rewriteStructPageAccesses(Module &M) {
    LLVMContext &C = M.getContext();
    const DataLayout &DL = M.getDataLayout();
    Type *I64 = Type::getInt64Ty(C), *I32 = Type::getInt32Ty(C);
    Type *Ptr = PointerType::getUnqual(C);
    SmallVector<Instruction *, 16> Accesses;
    for (Function &F : M)
      for (BasicBlock &BB : F)
        for (Instruction &I : BB) {
          const Value *P = nullptr;
          if (auto *LI = dyn_cast<LoadInst>(&I))
            P = LI->getPointerOperand();
          else if (auto *SI = dyn_cast<StoreInst>(&I))
            P = SI->getPointerOperand();
          else if (auto *RMW = dyn_cast<AtomicRMWInst>(&I))
            P = RMW->getPointerOperand();
          else if (auto *CX = dyn_cast<AtomicCmpXchgInst>(&I))
            P = CX->getPointerOperand();
          if (!P || !intoStructPage(P))
            continue;
          if (isa<AtomicRMWInst>(I) || isa<AtomicCmpXchgInst>(I))
            report_fatal_error(Twine("cordon: ") + F.getName() +
                                   " changes a struct page atomically; no "
                                   "exit of a compartment can do that",
                               false);
          Accesses.push_back(&I);
        }
    if (Accesses.empty())
      return false;
    FunctionCallee Load =
        M.getOrInsertFunction(PageLoad, FunctionType::get(I64, {Ptr, I32},
                                                          false));
    FunctionCallee Store = M.getOrInsertFunction(
        PageStore,
        FunctionType::get(Type::getVoidTy(C), {Ptr, I64, I32}, false));
    for (Instruction *I : Accesses) {
      IRBuilder<> B(I);
      bool IsLoad = isa<LoadInst>(I);
      Type *T = IsLoad ? I->getType()
                       : cast<StoreInst>(I)->getValueOperand()->getType();
      uint64_t Size = DL.getTypeStoreSize(T);
      if (!(T->isIntegerTy() || T->isPointerTy()) || Size > 8 ||
          !isPowerOf2_64(Size))
        report_fatal_error(Twine("cordon: ") + I->getFunction()->getName() +
                               " accesses a struct page with a value no "
                               "exit carries (not an integer or pointer "
                               "of 1, 2, 4 or 8 bytes)",
                           false);
      Value *Addr = IsLoad ? cast<LoadInst>(I)->getPointerOperand()
                           : cast<StoreInst>(I)->getPointerOperand();
      Constant *Bytes = ConstantInt::get(I32, Size);
      if (IsLoad) {
        Value *V = B.CreateCall(Load, {Addr, Bytes});
        V = T->isPointerTy() ? B.CreateIntToPtr(V, T)
                             : B.CreateZExtOrTrunc(V, T);
        I->replaceAllUsesWith(V);
      } else {
        Value *V = cast<StoreInst>(I)->getValueOperand();
        V = T->isPointerTy() ? B.CreatePtrToInt(V, I64)
                             : B.CreateZExtOrTrunc(V, I64);
        B.CreateCall(Store, {Addr, V, Bytes});
      }
      I->eraseFromParent();
    }
    return true;
  }

  static bool isRequired() { return true; }
};

class CordonCompartmentPass : public PassInfoMixin<CordonCompartmentPass> {
public:
  PreservedAnalyses run(Module &M, ModuleAnalysisManager &) {
    if (CompartmentName.empty())
      report_fatal_error("cordon: -cordon-compartment=<name> is required "
                         "with the Cordon pass plugin",
                         false);
    Name = CompartmentName;
    if (CompartmentKind != "untrusted" && CompartmentKind != "sealed")
      report_fatal_error(Twine("cordon: -cordon-kind=") + CompartmentKind +
                             " is not a compartment kind; use untrusted or "
                             "sealed",
                         false);
    StringSet<> Entries, SiblingEntries;
    std::string Err;
    if (!ManifestPath.empty() &&
        !readManifest(ManifestPath, Entries, SiblingEntries, Defines, Err))
      report_fatal_error(Twine("cordon: ") + Err, false);
    for (const std::string &E : ExtraEntries)
      Entries.insert(E);
    if (!LendsPath.empty() && !readLends(LendsPath, Lends, Returns, Err))
      report_fatal_error(Twine("cordon: ") + Err, false);

    renameAdapted(M);
    for (const std::string &A : Adapted) {
      if (Entries.contains(A))
        report_fatal_error(Twine("cordon: ") + A +
                               " is both an entry point and adapted; the "
                               "kernel's name is either the gate's wrapper "
                               "or the adapter's",
                           false);
      Defines.insert(A + AdaptedSuffix);
    }
    placeDefinitions(M);
    if (!ExitsPath.empty())
      writeExits(M);
    for (const auto &E : Entries) {
      Function *F = M.getFunction(E.getKey());
      // An entry point of another unit of the same compartment.
      if (!F || F->isDeclaration())
        continue;
      splitEntry(M, *F);
    }
    if (CompartmentKind == "sealed")
      interfaceTablesToKernel(M);
    callSiblings(M, SiblingEntries);
    privateMemIntrinsics(M);
    ownStackProtector(M);
    // Static branches the inline-helpers pass did not see (opt alone).
    rewriteStaticBranches(M);
    if (CompartmentKind == "sealed") {
      redirectSealedHelpers(M);
      redirectSealedData(M);
    }
    rewriteExits(M);
    return PreservedAnalyses::none();
  }

  static bool isRequired() { return true; }

private:
  std::string Name;
  // Functions other units of the compartment define (the manifest's
  // define lines): called directly, not through exits.
  StringSet<> Defines;
  StringMap<SmallVector<Lend, 2>> Lends;
  StringMap<LendReturn> Returns;
  // The kernel-side wrappers splitEntry() made.
  SmallPtrSet<Function *, 16> Wrappers;

  static bool refersTo(const Constant *C, const SmallPtrSetImpl<Function *> &S,
                       SmallPtrSetImpl<const Constant *> &Seen) {
    if (auto *F = dyn_cast<Function>(C))
      return S.contains(F);
    if (isa<GlobalValue>(C) || !Seen.insert(C).second)
      return false;
    for (const Use &U : C->operands())
      if (refersTo(cast<Constant>(U.get()), S, Seen))
        return true;
    return false;
  }

  // A sealed compartment's memory is unreadable in the kernel view: an ops
  // table of its entry points (now of their wrappers) is the kernel's
  // interface to it, and stays in the kernel's data, where the kernel can
  // read it. The sealed code does not reach it (its page tables do not map
  // it); it calls its own functions directly.
  void interfaceTablesToKernel(Module &M) {
    for (GlobalVariable &G : M.globals()) {
      if (G.isDeclaration() || !G.hasInitializer() ||
          !G.getSection().startswith(".cordon."))
        continue;
      SmallPtrSet<const Constant *, 16> Seen;
      if (refersTo(G.getInitializer(), Wrappers, Seen))
        G.setSection("");
    }
  }

  // A sealed compartment's calls out leave through a gate of their own,
  // which keeps the sealed context in sealed memory (gate_64.S).
  static std::string exitGate() {
    return CompartmentKind == "sealed" ? "cordon_sealed_exit_gate"
                                       : "cordon_exit_gate";
  }

  std::string section(StringRef Kind) const {
    return (Twine(".cordon.") + Kind + "." + Name).str();
  }

  // The calls in the definitions Keep accepts of functions the unit does
  // not define (the kernel's, which the compartment's view cannot
  // execute), intrinsics aside; returns the number of calls through
  // pointers among them.
  template <typename Pred>
  static unsigned callsOut(Module &M, Pred Keep,
                           SmallVectorImpl<CallBase *> &Out) {
    unsigned Indirect = 0;
    for (Function &F : M) {
      if (F.isDeclaration() || !Keep(F))
        continue;
      for (BasicBlock &BB : F)
        for (Instruction &I : BB) {
          auto *CB = dyn_cast<CallBase>(&I);
          if (!CB || CB->isInlineAsm())
            continue;
          Function *Callee = CB->getCalledFunction();
          if (!Callee)
            Indirect++;
          else if (Callee->isDeclaration() && !Callee->isIntrinsic())
            Out.push_back(CB);
        }
    }
    return Indirect;
  }

  void writeExits(Module &M) {
    std::set<std::string> Exits;
    SmallVector<CallBase *, 32> Calls;
    unsigned Indirect = callsOut(M, [](Function &) { return true; }, Calls);
    for (CallBase *CB : Calls)
      if (!Defines.contains(CB->getCalledFunction()->getName()))
        Exits.insert(CB->getCalledFunction()->getName().str());
    std::error_code EC;
    raw_fd_ostream OS(ExitsPath, EC, sys::fs::OF_Text);
    if (EC)
      report_fatal_error(Twine("cordon: cannot write '") + ExitsPath +
                             "': " + EC.message(),
                         false);
    OS << "# Cordon compartment " << Name << ": calls out of "
       << M.getSourceFileName() << ", written by the pass\n";
    for (const std::string &E : Exits)
      OS << "exit " << E << "\n";
    OS << "indirect " << Indirect << "\n";
  }

  // The -cordon-readable globals of a sealed unit, and the constants
  // their initializers point at (the strings of a table of names).
  SmallPtrSet<const GlobalVariable *, 16> ReadableSet;

  void addPointees(const Constant *C) {
    if (const auto *GV = dyn_cast<GlobalVariable>(C)) {
      if (GV->isConstant() && !GV->isDeclaration() &&
          ReadableSet.insert(GV).second)
        addPointees(GV->getInitializer());
      return;
    }
    for (const Use &U : C->operands())
      if (const auto *CC = dyn_cast<Constant>(U.get()))
        addPointees(CC);
  }

  void collectReadable(Module &M) {
    if (CompartmentKind != "sealed")
      return;
    for (const std::string &N : Readable) {
      GlobalVariable *G = M.getGlobalVariable(N, /*AllowInternal=*/true);
      if (!G || G->isDeclaration())
        continue;
      if (!G->isConstant())
        report_fatal_error("cordon: -cordon-readable names " + Twine(N) +
                               ", which is not constant: the kernel may "
                               "read only constants of a sealed "
                               "compartment's",
                           false);
      addPointees(G);
    }
  }

  bool readableHere(const GlobalVariable &G) const {
    return ReadableSet.contains(&G);
  }

  void placeDefinitions(Module &M) {
    collectReadable(M);
    for (Function &F : M) {
      if (F.isDeclaration())
        continue;
      F.setSection(section("text"));
    }
    for (GlobalVariable &G : M.globals()) {
      if (G.isDeclaration())
        continue;
      // Sections the kernel gives a meaning to stay where they are; but
      // sealed data is sealed data whatever the kernel would do with it
      // (__ro_after_init, .data.once): the sealed tables map nothing else.
      if (G.hasSection() &&
          !(CompartmentKind == "sealed" &&
            (G.getSection().startswith(".data") ||
             G.getSection().startswith(".bss") ||
             G.getSection().startswith(".rodata"))))
        continue;
      if (G.isConstant())
        G.setSection(section(readableHere(G) ? "readable" : "rodata"));
      else if (G.getInitializer()->isNullValue())
        G.setSection(section("bss"));
      else
        G.setSection(section("data"));
    }
  }

  void splitEntry(Module &M, Function &F) {
    FunctionType *FT = F.getFunctionType();
    LLVMContext &C = M.getContext();
    Type *Ptr = PointerType::getUnqual(C);

    if (FT->isVarArg())
      report_fatal_error("cordon: entry point " + F.getName() +
                             " is variadic; a gate cannot carry it",
                         false);
    for (Type *T : FT->params())
      if (!isScalar(T))
        report_fatal_error("cordon: entry point " + F.getName() +
                               " takes an argument that is not an integer "
                               "or a pointer; a gate cannot carry it",
                           false);
    Type *Ret = FT->getReturnType();
    if (!Ret->isVoidTy() && !isScalar(Ret))
      report_fatal_error("cordon: entry point " + F.getName() +
                             " returns neither an integer nor a pointer; a "
                             "gate cannot carry it",
                         false);

    std::string Orig = F.getName().str();
    F.setName(Orig + ".cordon_body");

    // The wrapper takes the name, linkage, visibility and C type.
    Function *W = Function::Create(FT, F.getLinkage(), F.getAddressSpace(),
                                   Orig, &M);
    W->copyAttributesFrom(&F);
    // Kernel code: not the compartment's guard (ownStackProtector()), which
    // the compartment writes, nor its __stack_chk_fail, which the kernel's
    // view does not execute. Its only locals are the gate's arguments.
    W->removeFnAttr(Attribute::StackProtect);
    W->removeFnAttr(Attribute::StackProtectStrong);
    W->removeFnAttr(Attribute::StackProtectReq);
    W->setSection("");
    Wrappers.insert(W);
    W->setComdat(F.getComdat());
    if (MDNode *K = F.getMetadata("kcfi_type"))
      W->setMetadata("kcfi_type", K);
    F.replaceUsesWithIf(W, [&](Use &U) {
      // Direct calls from compartment code stay in the compartment.
      auto *CB = dyn_cast<CallBase>(U.getUser());
      return !(CB && CB->isCallee(&U) && CB->getFunction() != W);
    });
    // Other units of the compartment call the body (callSiblings()).
    bool Shared = !F.hasLocalLinkage() && Defines.contains(Orig);
    F.setLinkage(Shared ? GlobalValue::ExternalLinkage
                        : GlobalValue::InternalLinkage);
    F.setVisibility(Shared ? GlobalValue::HiddenVisibility
                           : GlobalValue::DefaultVisibility);
    F.setComdat(nullptr);

    // The gate slot, filled by the run time with the entry's gate.
    auto *Slot = new GlobalVariable(M, Ptr, false, GlobalValue::InternalLinkage,
                                    ConstantPointerNull::get(
                                        cast<PointerType>(Ptr)),
                                    Orig + ".cordon_gate");
    Slot->setSection(".data..ro_after_init");

    bool Packed = FT->getNumParams() > GateArgs;
    Function *Stub;
    if (CompartmentKind == "sealed") {
      Stub = makeSealedStub(M, F, Lends.lookup(Orig));
      makeWrapper(M, *W, F, *Slot, true, Lends.lookup(Orig), true);
    } else {
      Stub = makeStub(M, F, Packed);
      makeWrapper(M, *W, F, *Slot, Packed, Lends.lookup(Orig));
    }

    // { name, entry stub, slot } for the run time.
    Constant *Str = ConstantDataArray::getString(C, Orig);
    auto *NameVar = new GlobalVariable(M, Str->getType(), true,
                                       GlobalValue::PrivateLinkage, Str,
                                       Orig + ".cordon_name");
    StructType *RecT = StructType::get(C, {Ptr, Ptr, Ptr});
    auto *Rec = new GlobalVariable(
        M, RecT, true, GlobalValue::InternalLinkage,
        ConstantStruct::get(RecT, {NameVar, Stub, Slot}),
        Orig + ".cordon_entry_record");
    Rec->setSection(".cordon.entries." + Name);
    Rec->setAlignment(Align(8));
    appendToUsed(M, Rec);
  }

  // In the compartment: (i64, i64, i64) -> i64, or (argv) -> i64 when
  // packed, calling the body.
  Function *makeStub(Module &M, Function &Body, bool Packed) {
    LLVMContext &C = M.getContext();
    Type *I64 = Type::getInt64Ty(C);
    FunctionType *ST = FunctionType::get(I64, {I64, I64, I64}, false);
    std::string StubName =
        Body.getName().drop_back(strlen(".cordon_body")).str() +
        ".cordon_stub";
    Function *S = Function::Create(ST, GlobalValue::InternalLinkage, StubName,
                                   &M);
    S->setSection(section("text"));
    S->addFnAttr(Attribute::NoUnwind);
    IRBuilder<> B(BasicBlock::Create(C, "", S));
    FunctionType *FT = Body.getFunctionType();
    SmallVector<Value *, 8> Args;
    if (Packed) {
      Value *Argv = B.CreateIntToPtr(S->getArg(0), PointerType::getUnqual(C));
      for (unsigned I = 0; I < FT->getNumParams(); I++) {
        Value *P = B.CreateConstInBoundsGEP1_64(I64, Argv, I);
        Args.push_back(fromI64(B, B.CreateLoad(I64, P), FT->getParamType(I)));
      }
    } else {
      for (unsigned I = 0; I < FT->getNumParams(); I++)
        Args.push_back(fromI64(B, S->getArg(I), FT->getParamType(I)));
    }
    CallInst *R = B.CreateCall(&Body, Args);
    if (FT->getReturnType()->isVoidTy())
      B.CreateRet(B.getInt64(0));
    else
      B.CreateRet(toI64(B, R));
    return S;
  }

  // The entry stub of a sealed compartment (flask/sealed_lend.h): the
  // arguments and lent buffers come from the exchange area, into sealed
  // memory, through cordon_srt_enter(); the body gets pointers to the
  // sealed copies, and cordon_srt_leave() gives back what it wrote.
  Function *makeSealedStub(Module &M, Function &Body,
                           const SmallVector<Lend, 2> &EntryLends) {
    LLVMContext &C = M.getContext();
    Type *I64 = Type::getInt64Ty(C), *I32 = Type::getInt32Ty(C);
    Type *Ptr = PointerType::getUnqual(C);
    FunctionType *FT = Body.getFunctionType();
    std::string Base =
        Body.getName().drop_back(strlen(".cordon_body")).str();
    if (FT->getNumParams() > 16 || EntryLends.size() > 8)
      report_fatal_error(Twine("cordon: sealed entry point ") + Base +
                             " takes more than 16 arguments or 8 lends; "
                             "the exchange area carries no more",
                         false);
    // struct cordon_srt_lend { u32 arg, access; u64 size; u32 size_arg,
    // pad; }
    StructType *LendT = StructType::get(C, {I32, I32, I64, I32, I32});
    SmallVector<Constant *, 4> Descs;
    for (const Lend &L : EntryLends) {
      if (L.Kind == LendBio || L.Kind == LendPage ||
          L.Arg > FT->getNumParams() || L.SizeArg > FT->getNumParams() ||
          L.AllocArg > FT->getNumParams() ||
          !FT->getParamType(L.Arg - 1)->isPointerTy())
        report_fatal_error(Twine("cordon: lend annotation of sealed entry point ") +
                               Base +
                               " names an argument it does not have, or "
                               "one of the wrong type, or a bio or page",
                           false);
      // For object=: the object's address in size; sealed data of the
      // compartment's, so the verifier checks the reference.
      Constant *Size = ConstantInt::get(I64, L.Size);
      if (L.Kind == LendObject) {
        GlobalVariable *O = M.getGlobalVariable(L.Object);
        if (!O)
          O = new GlobalVariable(M, Type::getInt8Ty(C), false,
                                 GlobalValue::ExternalLinkage, nullptr,
                                 L.Object);
        O->setDSOLocal(true);
        Size = ConstantExpr::getPtrToInt(O, I64);
      }
      // For alloc=: the size's argument in size_arg, the scale in flags.
      Descs.push_back(ConstantStruct::get(
          LendT, {ConstantInt::get(I32, L.Arg), ConstantInt::get(I32, L.Access),
                  Size,
                  ConstantInt::get(I32, L.Kind == LendAlloc ? L.AllocArg
                                                            : L.SizeArg),
                  ConstantInt::get(I32, L.Kind | (L.Kind == LendAlloc
                                                      ? L.AllocScale << 16
                                                      : 0))}));
    }
    ArrayType *DescsT = ArrayType::get(LendT, Descs.size());
    auto *DescsG = new GlobalVariable(M, DescsT, true,
                                      GlobalValue::InternalLinkage,
                                      ConstantArray::get(DescsT, Descs),
                                      Base + ".cordon_lends");
    DescsG->setSection(section("rodata"));

    FunctionType *ST = FunctionType::get(I64, {I64, I64, I64}, false);
    Function *S = Function::Create(ST, GlobalValue::InternalLinkage,
                                   Base + ".cordon_stub", &M);
    S->setSection(section("text"));
    S->addFnAttr(Attribute::NoUnwind);
    BasicBlock *Entry = BasicBlock::Create(C, "", S);
    BasicBlock *Run = BasicBlock::Create(C, "run", S);
    BasicBlock *Refuse = BasicBlock::Create(C, "refuse", S);
    IRBuilder<> B(Entry);
    unsigned N = FT->getNumParams();
    Value *Argv = B.CreateAlloca(I64, B.getInt32(N ? N : 1));
    Value *Call = B.CreateAlloca(B.getInt8Ty(), B.getInt32(256));
    FunctionCallee Enter = M.getOrInsertFunction(
        "cordon_srt_enter",
        FunctionType::get(I64, {Ptr, I32, Ptr, I32, Ptr}, false));
    FunctionCallee Leave = M.getOrInsertFunction(
        "cordon_srt_leave", FunctionType::get(B.getVoidTy(), {Ptr, Ptr},
                                              false));
    Value *Err = B.CreateCall(Enter, {Argv, B.getInt32(N), DescsG,
                                      B.getInt32(Descs.size()), Call});
    B.CreateCondBr(B.CreateICmpEQ(Err, B.getInt64(0)), Run, Refuse);
    B.SetInsertPoint(Refuse);
    B.CreateCall(Leave, {Call, DescsG});
    B.CreateRet(Err);
    B.SetInsertPoint(Run);
    SmallVector<Value *, 8> Args;
    for (unsigned I = 0; I < N; I++)
      Args.push_back(fromI64(
          B, B.CreateLoad(I64, B.CreateConstInBoundsGEP1_64(I64, Argv, I)),
          FT->getParamType(I)));
    CallInst *R = B.CreateCall(&Body, Args);
    B.CreateCall(Leave, {Call, DescsG});
    if (FT->getReturnType()->isVoidTy())
      B.CreateRet(B.getInt64(0));
    else
      B.CreateRet(toI64(B, R));
    return S;
  }

  // In the kernel: the original C type, through cordon_gate() (through
  // cordon_gate_sealed() and the exchange area, with Sealed).
  void makeWrapper(Module &M, Function &W, Function &Body,
                   GlobalVariable &Slot, bool Packed,
                   const SmallVector<Lend, 2> &EntryLends,
                   bool Sealed = false) {
    LLVMContext &C = M.getContext();
    Type *I64 = Type::getInt64Ty(C);
    Type *Ptr = PointerType::getUnqual(C);
    FunctionCallee Gate = M.getOrInsertFunction(
        "cordon_gate", FunctionType::get(I64, {Ptr, I64, I64, I64}, false));
    FunctionType *FT = W.getFunctionType();
    // Without views (cordon_compiled_direct), the driver's own function;
    // but never that of a compartment refused at boot, whose slot the run
    // time fills even then.
    BasicBlock *Entry = BasicBlock::Create(C, "", &W);
    BasicBlock *Direct = BasicBlock::Create(C, "direct", &W);
    BasicBlock *Cross = BasicBlock::Create(C, "cross", &W);
    IRBuilder<> B(Entry);
    GlobalVariable *Off = M.getGlobalVariable("cordon_compiled_direct");
    if (!Off)
      Off = new GlobalVariable(M, B.getInt8Ty(), false,
                               GlobalValue::ExternalLinkage, nullptr,
                               "cordon_compiled_direct");
    // Kernel data: addressed directly, not through a GOT the kernel's
    // relocation tools do not know.
    Off->setDSOLocal(true);
    Value *G = B.CreateLoad(Ptr, &Slot);
    B.CreateCondBr(B.CreateAnd(B.CreateICmpNE(B.CreateLoad(B.getInt8Ty(), Off),
                                              B.getInt8(0)),
                               B.CreateIsNull(G)),
                   Direct, Cross);
    B.SetInsertPoint(Direct);
    SmallVector<Value *, 8> Args;
    for (Argument &A : W.args())
      Args.push_back(&A);
    // An object= lend holds without views too: the body always works on
    // the compartment's own object, so both ways give the same answers.
    for (const Lend &L : EntryLends)
      if (L.Kind == LendObject && L.Arg <= Args.size()) {
        GlobalVariable *O = M.getGlobalVariable(L.Object);
        if (!O)
          O = new GlobalVariable(M, B.getInt8Ty(), false,
                                 GlobalValue::ExternalLinkage, nullptr,
                                 L.Object);
        O->setDSOLocal(true);
        Args[L.Arg - 1] = O;
      }
    CallInst *D = B.CreateCall(&Body, Args);
    if (FT->getReturnType()->isVoidTy())
      B.CreateRetVoid();
    else
      B.CreateRet(D);
    B.SetInsertPoint(Cross);
    Value *A[GateArgs] = {B.getInt64(0), B.getInt64(0), B.getInt64(0)};
    if (Packed) {
      Value *Block = B.CreateAlloca(I64, B.getInt32(FT->getNumParams()));
      for (unsigned I = 0; I < FT->getNumParams(); I++)
        B.CreateStore(toI64(B, W.getArg(I)),
                      B.CreateConstInBoundsGEP1_64(I64, Block, I));
      A[0] = B.CreatePtrToInt(Block, I64);
    } else {
      for (unsigned I = 0; I < FT->getNumParams(); I++)
        A[I] = toI64(B, W.getArg(I));
    }
    CallInst *R;
    // The lends, as the kernel side sees them: { u64 start, len; u32
    // access, kind; }[]
    auto BuildLends = [&]() -> Value * {
      Type *I32 = B.getInt32Ty();
      StructType *LendT = StructType::get(C, {I64, I64, I32, I32});
      Value *Arr = B.CreateAlloca(LendT, B.getInt32(EntryLends.size()));
      for (unsigned I = 0; I < EntryLends.size(); I++) {
        const Lend &L = EntryLends[I];
        if (L.Arg > FT->getNumParams() || L.SizeArg > FT->getNumParams() ||
            !FT->getParamType(L.Arg - 1)->isPointerTy() ||
            (L.SizeArg && !FT->getParamType(L.SizeArg - 1)->isIntegerTy()))
          report_fatal_error("cordon: lend annotation of " + W.getName() +
                                 " names an argument it does not have, or "
                                 "one of the wrong type",
                             false);
        if (!Sealed && (L.Kind == LendStr || L.Kind == LendAlloc ||
                        L.Kind == LendObject || L.Kind == LendPull))
          report_fatal_error("cordon: lend annotation of " + W.getName() +
                                 ": size=str, alloc=, object= and copy=pull "
                                 "are for sealed compartments, whose lends "
                                 "are copies",
                             false);
        // A string's length is the kernel side's to find.
        Value *Len = L.Kind == LendStr ? B.getInt64(0)
                     : L.SizeArg       ? toI64(B, W.getArg(L.SizeArg - 1))
                                       : B.getInt64(L.Size);
        // An object= lend carries nothing: the sealed side has the object.
        if (L.Kind == LendObject)
          Len = B.getInt64(0);
        Value *E = B.CreateConstInBoundsGEP1_32(LendT, Arr, I);
        B.CreateStore(L.Kind == LendObject ? B.getInt64(0)
                                           : toI64(B, W.getArg(L.Arg - 1)),
                      B.CreateStructGEP(LendT, E, 0));
        B.CreateStore(Len, B.CreateStructGEP(LendT, E, 1));
        B.CreateStore(B.getInt32(L.Access), B.CreateStructGEP(LendT, E, 2));
        B.CreateStore(B.getInt32(L.Kind | (L.EndOnAbort ? 0x100 : 0)),
                      B.CreateStructGEP(LendT, E, 3));
      }
      return Arr;
    };
    if (Sealed) {
      FunctionCallee GS = M.getOrInsertFunction(
          "cordon_gate_sealed",
          FunctionType::get(I64, {Ptr, Ptr, I64, Ptr, I64}, false));
      Value *Lends = EntryLends.empty()
                         ? ConstantPointerNull::get(cast<PointerType>(Ptr))
                         : BuildLends();
      R = B.CreateCall(GS, {G, B.CreateIntToPtr(A[0], Ptr),
                            B.getInt64(FT->getNumParams()), Lends,
                            B.getInt64(EntryLends.size())});
    } else if (EntryLends.empty()) {
      R = B.CreateCall(Gate, {G, A[0], A[1], A[2]});
    } else {
      Value *Arr = BuildLends();
      FunctionCallee Lent = M.getOrInsertFunction(
          "cordon_gate_lent",
          FunctionType::get(I64, {Ptr, I64, I64, I64, Ptr, I64}, false));
      R = B.CreateCall(Lent, {G, A[0], A[1], A[2], Arr,
                              B.getInt64(EntryLends.size())});
    }
    if (FT->getReturnType()->isVoidTy())
      B.CreateRetVoid();
    else
      B.CreateRet(fromI64(B, R, FT->getReturnType()));
  }

  bool inCompartment(const Function &F) const {
    return !F.isDeclaration() && F.getSection() == section("text");
  }

  // The stack protector's guard and failure call, the compartment's own.
  // Codegen looks both up by name, after this pass: __stack_chk_guard
  // (with -mstack-protector-guard=global, which kbuild passes) and
  // __stack_chk_fail, and so takes these local definitions. The run time
  // fills each guard (.cordon.guard.<name>) with a random value at boot;
  // the failure call reports through an exit, which ends the crossing.
  void ownStackProtector(Module &M) {
    bool Protected = false;
    for (Function &F : M)
      Protected |= inCompartment(F) &&
                   (F.hasFnAttribute(Attribute::StackProtect) ||
                    F.hasFnAttribute(Attribute::StackProtectStrong) ||
                    F.hasFnAttribute(Attribute::StackProtectReq));
    if (!Protected)
      return;
    LLVMContext &C = M.getContext();
    Type *I64 = Type::getInt64Ty(C);
    Type *Ptr = PointerType::getUnqual(C);
    GlobalValue *OldGuard = M.getNamedValue("__stack_chk_guard");
    GlobalValue *OldFail = M.getNamedValue("__stack_chk_fail");
    if ((OldGuard && !OldGuard->isDeclaration()) ||
        (OldFail && !OldFail->isDeclaration()))
      report_fatal_error("cordon: the unit defines __stack_chk_guard or "
                         "__stack_chk_fail, which the pass defines for the "
                         "compartment",
                         false);
    auto *Guard = new GlobalVariable(M, I64, false,
                                     GlobalValue::InternalLinkage,
                                     ConstantInt::get(I64, 0),
                                     "__stack_chk_guard");
    Guard->setSection(section("guard"));
    Guard->setAlignment(Align(8));
    appendToUsed(M, Guard);
    auto *Fail = Function::Create(FunctionType::get(Type::getVoidTy(C), false),
                                  GlobalValue::InternalLinkage,
                                  "__stack_chk_fail", M);
    if (OldGuard) {
      OldGuard->replaceAllUsesWith(Guard);
      OldGuard->eraseFromParent();
      Guard->setName("__stack_chk_guard");
    }
    if (OldFail) {
      OldFail->replaceAllUsesWith(Fail);
      OldFail->eraseFromParent();
      Fail->setName("__stack_chk_fail");
    }
    Fail->setSection(section("text"));
    Fail->addFnAttr(Attribute::NoReturn);
    Fail->addFnAttr(Attribute::NoUnwind);
    Fail->addFnAttr(Attribute::NoInline);
    appendToUsed(M, Fail);
    IRBuilder<> B(BasicBlock::Create(C, "", Fail));
    // Where the check failed: the caller's return address.
    Value *At = B.CreateCall(
        Intrinsic::getDeclaration(&M, Intrinsic::returnaddress), B.getInt32(0));
    B.CreateCall(M.getOrInsertFunction(StackChkFail,
                                       FunctionType::get(Type::getVoidTy(C),
                                                         {Ptr}, false)),
                 {At});
    // The exit ends the crossing; never back here.
    B.CreateCall(Intrinsic::getDeclaration(&M, Intrinsic::trap));
    B.CreateUnreachable();
  }

  // Multi-file compartments. A call of an entry point another unit defines
  // would reach its wrapper, kernel code: it goes to that unit's body,
  // <fn>.cordon_body, instead, which keeps the linkage the function had.
  // Taking its address still names the wrapper, which is what a table
  // handed to the kernel must hold.
  void callSiblings(Module &M, const StringSet<> &SiblingEntries) {
    for (const auto &E : SiblingEntries) {
      Function *F = M.getFunction(E.getKey());
      if (!F || !F->isDeclaration())
        continue;
      std::string Body = (E.getKey() + ".cordon_body").str();
      FunctionCallee B = M.getOrInsertFunction(Body, F->getFunctionType());
      SmallVector<CallBase *, 4> Calls;
      for (User *U : F->users())
        if (auto *CB = dyn_cast<CallBase>(U))
          if (CB->getCalledOperand() == F && inCompartment(*CB->getFunction()))
            Calls.push_back(CB);
      for (CallBase *CB : Calls)
        CB->setCalledFunction(B);
      Defines.insert(Body);
    }
  }

  // Calls that codegen would turn into calls of the kernel's memcpy,
  // memmove and memset go to byte loops of the compartment's own.
  void privateMemIntrinsics(Module &M) {
    SmallVector<CallInst *, 16> Calls;
    for (Function &F : M) {
      if (!inCompartment(F))
        continue;
      for (BasicBlock &BB : F)
        for (Instruction &I : BB)
          if (auto *CI = dyn_cast<CallInst>(&I))
            if (Function *Callee = CI->getCalledFunction())
              switch (Callee->getIntrinsicID()) {
              case Intrinsic::memcpy:
              case Intrinsic::memmove:
              case Intrinsic::memset:
                Calls.push_back(CI);
                break;
              default:
                break;
              }
    }
    for (CallInst *CI : Calls) {
      Intrinsic::ID ID = CI->getCalledFunction()->getIntrinsicID();
      IRBuilder<> B(CI);
      Value *Len = B.CreateZExtOrTrunc(CI->getArgOperand(2), B.getInt64Ty());
      Function *Copy = memFunction(M, ID);
      Value *Src = CI->getArgOperand(1);
      if (ID == Intrinsic::memset)
        Src = B.CreateZExt(Src, B.getInt64Ty());
      B.CreateCall(Copy, {CI->getArgOperand(0), Src, Len});
      CI->eraseFromParent();
    }
  }

  // void cordon.memcpy(ptr dst, ptr src, i64 n) and its siblings, in the
  // compartment's text, with volatile accesses so that no later pass turns
  // a loop back into a call. memcpy and memset go eight bytes at a time
  // (x86 allows unaligned words), then a byte at a time for the rest: a
  // byte loop costs some five instructions a byte, and sealed entry points
  // clear and copy hundreds of bytes on every call. memmove, which may
  // have to copy backwards, goes a byte at a time.
  Function *memFunction(Module &M, Intrinsic::ID ID) {
    LLVMContext &C = M.getContext();
    const char *FnName = ID == Intrinsic::memcpy    ? "cordon.memcpy"
                         : ID == Intrinsic::memmove ? "cordon.memmove"
                                                    : "cordon.memset";
    if (Function *F = M.getFunction(FnName))
      return F;
    Type *Ptr = PointerType::getUnqual(C);
    Type *I64 = Type::getInt64Ty(C);
    Type *I8 = Type::getInt8Ty(C);
    Type *SrcT = ID == Intrinsic::memset ? I64 : Ptr;
    Function *F = Function::Create(
        FunctionType::get(Type::getVoidTy(C), {Ptr, SrcT, I64}, false),
        GlobalValue::InternalLinkage, FnName, &M);
    F->setSection(section("text"));
    F->addFnAttr(Attribute::NoUnwind);
    F->addFnAttr(Attribute::NoInline);
    F->addFnAttr("no-builtins");
    BasicBlock *Entry = BasicBlock::Create(C, "entry", F);
    bool WordWise = ID != Intrinsic::memmove;
    BasicBlock *Words = WordWise ? BasicBlock::Create(C, "words", F) : nullptr;
    BasicBlock *Rest = BasicBlock::Create(C, "rest", F);
    BasicBlock *Loop = BasicBlock::Create(C, "loop", F);
    BasicBlock *Done = BasicBlock::Create(C, "done", F);
    Value *Dst = F->getArg(0), *Src = F->getArg(1), *N = F->getArg(2);
    IRBuilder<> B(Entry);
    // memmove copies backwards when the destination is above the source.
    Value *Back = B.getFalse();
    if (!WordWise)
      Back = B.CreateICmpUGT(B.CreatePtrToInt(Dst, I64),
                             B.CreatePtrToInt(Src, I64));
    Value *Fill = nullptr;
    if (ID == Intrinsic::memset)
      Fill = B.CreateMul(B.CreateAnd(Src, B.getInt64(0xff)),
                         B.getInt64(0x0101010101010101ULL));
    Value *WNext = nullptr;
    if (WordWise) {
      B.CreateCondBr(B.CreateICmpUGE(N, B.getInt64(8)), Words, Rest);
      B.SetInsertPoint(Words);
      PHINode *W = B.CreatePHI(I64, 2);
      W->addIncoming(B.getInt64(0), Entry);
      Value *Word = ID == Intrinsic::memset
                        ? Fill
                        : static_cast<Value *>(B.CreateAlignedLoad(
                              I64, B.CreateGEP(I8, Src, W), Align(1), true));
      B.CreateAlignedStore(Word, B.CreateGEP(I8, Dst, W), Align(1), true);
      WNext = B.CreateAdd(W, B.getInt64(8));
      W->addIncoming(WNext, Words);
      B.CreateCondBr(B.CreateICmpULE(B.CreateAdd(WNext, B.getInt64(8)), N),
                     Words, Rest);
    } else {
      B.CreateBr(Rest);
    }

    B.SetInsertPoint(Rest);
    PHINode *Start = B.CreatePHI(I64, 2);
    Start->addIncoming(B.getInt64(0), Entry);
    if (WordWise)
      Start->addIncoming(WNext, Words);
    B.CreateCondBr(B.CreateICmpEQ(Start, N), Done, Loop);

    B.SetInsertPoint(Loop);
    PHINode *I = B.CreatePHI(I64, 2);
    I->addIncoming(Start, Rest);
    Value *Idx = B.CreateSelect(Back, B.CreateSub(B.CreateSub(N, I),
                                                  B.getInt64(1)),
                                I);
    Value *Byte = ID == Intrinsic::memset
                      ? B.CreateTrunc(Src, I8)
                      : B.CreateLoad(I8, B.CreateGEP(I8, Src, Idx), true);
    B.CreateStore(Byte, B.CreateGEP(I8, Dst, Idx), true);
    Value *Next = B.CreateAdd(I, B.getInt64(1));
    I->addIncoming(Next, Loop);
    B.CreateCondBr(B.CreateICmpEQ(Next, N), Done, Loop);
    B.SetInsertPoint(Done);
    B.CreateRetVoid();
    return F;
  }

  static std::string where(const CallBase &CB) {
    // The driver's name for the function, not the pass's.
    StringRef Caller = CB.getFunction()->getName();
    Caller.consume_back(".cordon_body");
    std::string S = Caller.str();
    if (const DebugLoc &DL = CB.getDebugLoc())
      S += " (line " + std::to_string(DL.getLine()) + ")";
    return S;
  }

  // Calls from compartment code to functions the unit does not define go
  // through exit stubs; see the header comment.
  void rewriteExits(Module &M) {
    StringMap<Function *> Stubs;
    SmallVector<CallBase *, 32> Calls;
    callsOut(M, [this](Function &F) { return inCompartment(F); }, Calls);
    for (CallBase *CB : Calls) {
      Function *Callee = CB->getCalledFunction();
      // Another unit of the compartment defines it.
      if (Defines.contains(Callee->getName()))
        continue;
      // The sealed run time: sealed code too, in the same view.
      if (CompartmentKind == "sealed" &&
          Callee->getName().startswith(SealedRuntimePrefix))
        continue;
      checkExitCall(*CB, *Callee);
      Function *&Stub = Stubs[Callee->getName()];
      if (!Stub)
        Stub = makeExit(M, *Callee);
      CB->setCalledOperand(Stub);
    }
  }

  void checkExitCall(const CallBase &CB, const Function &Callee) {
    if (isa<InvokeInst>(CB) || isa<CallBrInst>(CB))
      report_fatal_error("cordon: call of " + Callee.getName() + " in " +
                             where(CB) +
                             " is not a plain call; an exit gate cannot "
                             "carry it",
                         false);
    if (CB.arg_size() > 6)
      report_fatal_error("cordon: call of " + Callee.getName() + " in " +
                             where(CB) + " passes " +
                             Twine(CB.arg_size()) +
                             " arguments; an exit gate carries six",
                         false);
    for (unsigned I = 0; I < CB.arg_size(); I++)
      if (!isScalar(CB.getArgOperand(I)->getType()) ||
          CB.getArgOperand(I)->getType()->getScalarSizeInBits() > 64 ||
          CB.paramHasAttr(I, Attribute::ByVal))
        report_fatal_error("cordon: call of " + Callee.getName() + " in " +
                               where(CB) + " passes argument " +
                               Twine(I + 1) +
                               " that is not an integer or a pointer; an "
                               "exit gate cannot carry it",
                           false);
    Type *Ret = CB.getType();
    if (!Ret->isVoidTy() &&
        (!isScalar(Ret) || Ret->getScalarSizeInBits() > 64))
      report_fatal_error("cordon: call of " + Callee.getName() + " in " +
                             where(CB) +
                             " returns neither an integer nor a pointer; "
                             "an exit gate cannot carry it",
                         false);
  }

  uint64_t exitFlags(StringRef Callee) const {
    uint64_t F = keepsPreempt(Callee) ? 1 : 0;
    auto R = Returns.find(Callee);
    if (R != Returns.end())
      F |= 2 | uint64_t(R->second.Access) << 8 | R->second.Size << 32;
    return F;
  }

  // <fn>.cordon_exit, in the compartment's text (module asm, declared
  // here), and its record { fn, compartment id, name, 0 }.
  Function *makeExit(Module &M, Function &Callee) {
    LLVMContext &C = M.getContext();
    Type *Ptr = PointerType::getUnqual(C);
    Type *I64 = Type::getInt64Ty(C);
    std::string Base = Callee.getName().str();
    Constant *Str = ConstantDataArray::getString(C, Base);
    auto *NameVar = new GlobalVariable(M, Str->getType(), true,
                                       GlobalValue::PrivateLinkage, Str,
                                       Base + ".cordon_exit_name");
    StructType *RecT = StructType::get(C, {Ptr, I64, Ptr, I64});
    auto *Rec = new GlobalVariable(
        M, RecT, false, GlobalValue::InternalLinkage,
        ConstantStruct::get(RecT, {&Callee, ConstantInt::get(I64, 0), NameVar,
                                   ConstantInt::get(I64, exitFlags(Base))}),
        Base + ".cordon_exit_rec");
    Rec->setSection(".cordon.exits." + Name);
    Rec->setAlignment(Align(32));
    appendToUsed(M, Rec);
    Function *Stub =
        Function::Create(Callee.getFunctionType(), GlobalValue::ExternalLinkage,
                         Base + ".cordon_exit", &M);
    M.appendModuleInlineAsm(
        "\t.pushsection " + section("text") + ",\"ax\",@progbits\n"
        "\t.p2align 4, 0xcc\n"
        "\t.type " + Stub->getName().str() + ",@function\n" +
        Stub->getName().str() + ":\n"
        // Without views: the kernel's function, directly. In a view this
        // would fetch kernel text, which no compartment view executes.
        "\tcmpb $0, cordon_compiled_direct(%rip)\n"
        "\tjne 1f\n"
        "\tleaq " + Rec->getName().str() + "(%rip), %r11\n"
        "\tjmp " + exitGate() + "\n"
        "1:\tjmpq *" + Rec->getName().str() + "(%rip)\n"
        "\t.size " + Stub->getName().str() + ", . - " +
        Stub->getName().str() + "\n"
        "\t.popsection");
    return Stub;
  }

  static void appendToUsed(Module &M, GlobalValue *GV) {
    LLVMContext &C = M.getContext();
    Type *Ptr = PointerType::getUnqual(C);
    SmallVector<Constant *, 8> Used;
    if (GlobalVariable *Old = M.getGlobalVariable("llvm.compiler.used")) {
      if (auto *Init = dyn_cast<ConstantArray>(Old->getInitializer()))
        for (Value *Op : Init->operands())
          Used.push_back(cast<Constant>(Op));
      Old->eraseFromParent();
    }
    Used.push_back(GV);
    ArrayType *AT = ArrayType::get(Ptr, Used.size());
    auto *U = new GlobalVariable(M, AT, false, GlobalValue::AppendingLinkage,
                                 ConstantArray::get(AT, Used),
                                 "llvm.compiler.used");
    U->setSection("llvm.metadata");
  }
};

} // namespace

extern "C" LLVM_ATTRIBUTE_WEAK PassPluginLibraryInfo llvmGetPassPluginInfo() {
  return {LLVM_PLUGIN_API_VERSION, "CordonCompartment", "0.1",
          [](PassBuilder &PB) {
            // clang -fpass-plugin: kernel helpers before the inliner...
            PB.registerPipelineStartEPCallback(
                [](ModulePassManager &MPM, OptimizationLevel) {
                  MPM.addPass(CordonInlineHelpersPass());
                });
            // ...the rest after optimisation, before codegen.
            PB.registerOptimizerLastEPCallback(
                [](ModulePassManager &MPM, OptimizationLevel) {
                  MPM.addPass(CordonCompartmentPass());
                });
            // opt -passes=cordon-compartment
            PB.registerPipelineParsingCallback(
                [](StringRef N, ModulePassManager &MPM,
                   ArrayRef<PassBuilder::PipelineElement>) {
                  if (N == "cordon-inline-helpers") {
                    MPM.addPass(CordonInlineHelpersPass());
                    return true;
                  }
                  if (N != "cordon-compartment")
                    return false;
                  MPM.addPass(CordonCompartmentPass());
                  return true;
                });
          }};
}
