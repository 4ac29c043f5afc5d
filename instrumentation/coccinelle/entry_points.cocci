// SPDX-License-Identifier: GPL-2.0
/// Find the entry points of a driver: the functions of a file that the rest
/// of the kernel can call. Cordon wraps each of them in a gate when the
/// driver runs in a compartment of its own (instrumentation/coccinelle/README.md).
///
/// An entry point is a function defined or declared in the file that is
///  - stored in a designated initialiser of a structure, an ops table
///    (kind=ops, with the structure type, the field and the variable), one
///    level of nested initialiser and arrays of structures included;
///  - named by module_init(), __initcall() or an *_initcall() (kind=init), by
///    module_exit() (kind=exit) or by EXPORT_SYMBOL*() (kind=export);
///  - passed to a registration call: IRQ handlers (kind=irq), NAPI poll
///    (napi), work items (work), timers (timer), tasklets (tasklet), kernel
///    threads (thread), RCU callbacks (rcu), block-device probe callbacks
///    (probe); named by a static definition such as DECLARE_WORK() (same
///    kinds) or by any other macro (macro);
///  - passed to any other function the file does not define (callback),
///    stored into a structure field at run time (assign), or otherwise used
///    as a value rather than called (addr).
/// Handlers of boot parameters (__setup, early_param) are not entry points:
/// they run while the kernel parses its command line, before any view exists.
///
/// Report mode prints one line per reference that exposes an entry point:
///   ENTRY <file>:<line> kind=<kind> fn=<function> [struct=<type> field=<field> var=<variable>] [call=<callee> arg=<n>] [field=<field>]
/// arg counts from 1. Org mode prints the same as Org links; context mode
/// marks the references (each rule is followed by its context rule).
///
// Confidence: Moderate (ops, init/exit, export and registrations: high; callback,
//  assign and addr over-approximate, see README.md)
// Copyright: (C) 2026 The Cordon authors.
// Comments: A function is one defined or declared in the file; one from
//  another file is reported only with -D manifest, as a MAYBE line next to
//  FUNC lines for every definition, which scripts/cordon-manifest resolves
//  across the files of a compartment. Code hidden by a macro Coccinelle
//  cannot parse, or in a function it fails to parse, is not seen.
// Options: --no-includes --include-headers
// Requires: 1.1.1

virtual report
virtual org
virtual context
virtual manifest

@initialize:python@
@@

# Registration calls: callee -> {0-based argument index: kind}. Any other
# argument of these callees that is a function of the file is a callback.
REGISTRATION = {
    'request_irq': {1: 'irq'},
    'request_threaded_irq': {1: 'irq', 2: 'irq'},
    'request_any_context_irq': {1: 'irq'},
    'request_percpu_irq': {1: 'irq'},
    'request_nmi': {1: 'irq'},
    'devm_request_irq': {2: 'irq'},
    'devm_request_threaded_irq': {2: 'irq', 3: 'irq'},
    'devm_request_any_context_irq': {2: 'irq'},
    'netif_napi_add': {2: 'napi'},
    'netif_napi_add_weight': {2: 'napi'},
    'netif_napi_add_tx': {2: 'napi'},
    'netif_napi_add_tx_weight': {2: 'napi'},
    'INIT_WORK': {1: 'work'},
    'INIT_WORK_ONSTACK': {1: 'work'},
    'INIT_DELAYED_WORK': {1: 'work'},
    'INIT_DEFERRABLE_WORK': {1: 'work'},
    'INIT_RCU_WORK': {1: 'work'},
    'timer_setup': {1: 'timer'},
    'timer_setup_on_stack': {1: 'timer'},
    'tasklet_init': {1: 'tasklet'},
    'tasklet_setup': {1: 'tasklet'},
    'kthread_create': {0: 'thread'},
    'kthread_run': {0: 'thread'},
    'kthread_create_on_node': {0: 'thread'},
    'kthread_create_on_cpu': {0: 'thread'},
    'call_rcu': {1: 'rcu'},
    '__register_blkdev': {2: 'probe'},
}

# Static definitions: macro -> {0-based argument index: kind}. Functions
# named by any other macro are kind=macro.
DECLARATION = {
    'DECLARE_WORK': {1: 'work'},
    'DECLARE_DELAYED_WORK': {1: 'work'},
    'DECLARE_DEFERRABLE_WORK': {1: 'work'},
    'DEFINE_TIMER': {1: 'timer'},
    'DECLARE_TASKLET': {1: 'tasklet'},
    'DECLARE_TASKLET_DISABLED': {1: 'tasklet'},
}

# Initcalls: macro -> kind. The declarer regex of rule initexit lists them.
INITCALL = {
    'module_init': 'init',
    'module_exit': 'exit',
    'early_initcall': 'init',
    'core_initcall': 'init',
    'postcore_initcall': 'init',
    'arch_initcall': 'init',
    'subsys_initcall': 'init',
    'fs_initcall': 'init',
    'rootfs_initcall': 'init',
    'device_initcall': 'init',
    'late_initcall': 'init',
    'late_initcall_sync': 'init',
    '__initcall': 'init',
    'pure_initcall': 'init',
    'core_initcall_sync': 'init',
    'postcore_initcall_sync': 'init',
    'arch_initcall_sync': 'init',
    'subsys_initcall_sync': 'init',
    'fs_initcall_sync': 'init',
    'device_initcall_sync': 'init',
}

# Boot-parameter handlers: not entry points (see the header).
BOOT_PARAM = {'__setup', 'early_param', '__setup_param'}

MODE = set()
FUNCS = {}      # file -> names of the functions defined or declared there
DONE = set()    # (file, line, column) of references already classified
STATIC = set()  # (file, line) of static function definitions


def cordon_known(file, name):
    return str(name) in FUNCS.get(file, ())


def cordon_clean_type(t):
    """'const struct foo_ops' -> 'foo_ops'; 'const foo_t' -> 'foo_t'."""
    words = [w for w in str(t).split()
             if w not in ('const', 'volatile', 'static', 'struct', 'union')]
    return '_'.join(words) if words else str(t).replace(' ', '_')


def cordon_skip(p):
    """Classify the reference at p as no entry point."""
    DONE.add((p[0].file, p[0].line, p[0].column))


def cordon_entry(kind, fn, p, extra=''):
    """Print one entry point; False if there is nothing to print."""
    fn = str(fn)
    pos = p[0]
    key = (pos.file, pos.line, pos.column)
    known = cordon_known(pos.file, fn)
    if key in DONE or (not known and 'manifest' not in MODE):
        return False
    DONE.add(key)
    text = 'kind=%s fn=%s%s' % (kind, fn, extra)
    if 'org' in MODE:
        cocci.print_main(text, p)
    elif MODE & {'report', 'manifest'}:
        print('%s %s:%s %s' % ('ENTRY' if known else 'MAYBE', pos.file,
                               pos.line, text))
    return known

@script:python depends on report@
@@
MODE.add('report')

@script:python depends on org@
@@
MODE.add('org')

@script:python depends on manifest@
@@
MODE.add('manifest')

// The functions of the file: definitions, then prototypes (an ops table
// often comes before the functions it names). Static ones are marked: no
// other file of the compartment can call them.

@fstatic@
identifier f;
type T;
position p;
@@

static T f@p(...) { ... }

@script:python@
p << fstatic.p;
@@
STATIC.add((p[0].file, p[0].line))

@fdef@
identifier f;
position p;
@@

f@p(...) { ... }

@script:python@
f << fdef.f;
p << fdef.p;
@@
FUNCS.setdefault(p[0].file, set()).add(str(f))
if 'manifest' in MODE:
    print('FUNC %s:%s fn=%s%s' % (p[0].file, p[0].line, f,
                                  ' static=1' if (p[0].file, p[0].line)
                                  in STATIC else ''))

@fproto@
identifier f;
type T;
position p;
@@

T f@p(...);

@script:python@
f << fproto.f;
p << fproto.p;
@@
FUNCS.setdefault(p[0].file, set()).add(str(f))

// (a) Ops tables: .field = fn and .field = &fn in a designated initialiser.

@ops@
type T;
identifier var, fld, fn;
position p;
@@

T var = { ..., .fld = \( fn@p \| &fn@p \), ... };

@script:python@
T << ops.T;
var << ops.var;
fld << ops.fld;
fn << ops.fn;
p << ops.p;
@@
if not cordon_entry('ops', fn, p, ' struct=%s field=%s var=%s' %
                    (cordon_clean_type(T), fld, var)):
    cocci.include_match(False)

@depends on context@
type ops.T;
identifier ops.var, ops.fld, ops.fn;
position ops.p;
@@

T var = { ...,
*	.fld = \( fn@p \| &fn@p \),
	... };

// One level of nesting: .outer = { .fld = fn }, reported as field=outer.fld.

@ops_nested@
type T;
identifier var, outer, fld, fn;
position p;
@@

T var = { ..., .outer = { ..., .fld = \( fn@p \| &fn@p \), ... }, ... };

@script:python@
T << ops_nested.T;
var << ops_nested.var;
outer << ops_nested.outer;
fld << ops_nested.fld;
fn << ops_nested.fn;
p << ops_nested.p;
@@
if not cordon_entry('ops', fn, p, ' struct=%s field=%s.%s var=%s' %
                    (cordon_clean_type(T), outer, fld, var)):
    cocci.include_match(False)

@depends on context@
type ops_nested.T;
identifier ops_nested.var, ops_nested.outer, ops_nested.fld, ops_nested.fn;
position ops_nested.p;
@@

T var = { ..., .outer = { ...,
*	.fld = \( fn@p \| &fn@p \),
	... }, ... };

// Arrays of ops structures: T var[] = { { .fld = fn }, ... }.

@ops_array@
type T;
identifier var, fld, fn;
position p;
@@

T var[...] = { ..., { ..., .fld = \( fn@p \| &fn@p \), ... }, ... };

@script:python@
T << ops_array.T;
var << ops_array.var;
fld << ops_array.fld;
fn << ops_array.fn;
p << ops_array.p;
@@
if not cordon_entry('ops', fn, p, ' struct=%s field=%s var=%s' %
                    (cordon_clean_type(T), fld, var)):
    cocci.include_match(False)

@depends on context@
type ops_array.T;
identifier ops_array.var, ops_array.fld, ops_array.fn;
position ops_array.p;
@@

T var[...] = { ..., { ...,
*	.fld = \( fn@p \| &fn@p \),
	... }, ... };

// (b) module_init, module_exit and the initcalls.

@initexit@
declarer d =~ "^(module_init|module_exit|early_initcall|core_initcall|postcore_initcall|arch_initcall|subsys_initcall|fs_initcall|rootfs_initcall|device_initcall|late_initcall|late_initcall_sync|__initcall|pure_initcall|core_initcall_sync|postcore_initcall_sync|arch_initcall_sync|subsys_initcall_sync|fs_initcall_sync|device_initcall_sync)$";
identifier fn;
position p;
@@

d(fn@p);

@script:python@
d << initexit.d;
fn << initexit.fn;
p << initexit.p;
@@
if not cordon_entry(INITCALL[str(d)], fn, p):
    cocci.include_match(False)

@depends on context@
identifier initexit.fn;
declarer initexit.d;
position initexit.p;
@@

* d(fn@p);

// Exported symbols: the rest of the kernel calls them directly.

@export@
declarer d =~ "^EXPORT_SYMBOL";
identifier fn;
position p;
@@

d(fn@p);

@script:python@
fn << export.fn;
p << export.p;
@@
if not cordon_entry('export', fn, p):
    cocci.include_match(False)

@depends on context@
identifier export.fn;
declarer export.d;
position export.p;
@@

* d(fn@p);

// (c) Static definitions that name a function: DECLARE_WORK(name, fn) and
// the like get their kind from DECLARATION, boot parameters are skipped,
// any other macro gives kind=macro (SIMPLE_DEV_PM_OPS(name, suspend,
// resume) builds an ops table, for example). before binds every prefix of
// the argument list, so n is the index of the argument fn stands for.

@decl@
declarer d;
expression list[n] before;
identifier fn;
position p;
@@

d(before, fn@p, ...);

@script:python@
d << decl.d;
n << decl.n;
fn << decl.fn;
p << decl.p;
@@
name = str(d)
if name in BOOT_PARAM:
    cordon_skip(p)
    cocci.include_match(False)
elif name in INITCALL or name.startswith('EXPORT_SYMBOL'):
    cocci.include_match(False)
else:
    kind = DECLARATION.get(name, {}).get(int(n), 'macro')
    if not cordon_entry(kind, fn, p, ' call=%s arg=%d' % (d, int(n) + 1)):
        cocci.include_match(False)

@depends on context@
declarer decl.d;
expression list decl.before;
identifier decl.fn;
position decl.p;
@@

* d(before, fn@p, ...);

// Functions passed to calls. A registration call gets its kind from
// REGISTRATION; a function of the file passed to any other function the
// file does not define is a callback (a compare function for sort(), an
// iterator's function, ...); passed to the file's own functions, it is
// left to rule addr.

@reg@
identifier call;
expression list[n] before;
identifier fn;
position p;
@@

call(before, fn@p, ...)

@script:python@
call << reg.call;
n << reg.n;
fn << reg.fn;
p << reg.p;
@@
name = str(call)
if name in REGISTRATION:
    kind = REGISTRATION[name].get(int(n), 'callback')
elif cordon_known(p[0].file, name):
    kind = None
else:
    kind = 'callback'
if kind is None or not cordon_entry(kind, fn, p, ' call=%s arg=%d' %
                                    (call, int(n) + 1)):
    cocci.include_match(False)

@depends on context@
identifier reg.fn;
position reg.p;
@@

* fn@p

// Function pointers stored at run time: x->fld = fn, x.fld = fn.

@assign@
expression E;
identifier fld, fn;
position p;
@@

(
E.fld = \( fn@p \| &fn@p \)
|
E->fld = \( fn@p \| &fn@p \)
)

@script:python@
fld << assign.fld;
fn << assign.fn;
p << assign.p;
@@
if not cordon_entry('assign', fn, p, ' field=%s' % fld):
    cocci.include_match(False)

@depends on context@
identifier assign.fn;
position assign.p;
@@

* fn@p

// Any other use of a function of the file that is not a direct call takes
// its address (a local variable, a return value, an argument of the file's
// own functions): it may reach the kernel by a path the file does not show.

@calls@
identifier f;
position p;
@@

f@p(...)

@script:python@
p << calls.p;
@@
cordon_skip(p)

@addr@
identifier fn;
position p;
@@

fn@p

@script:python@
fn << addr.fn;
p << addr.p;
@@
if not cordon_entry('addr', fn, p):
    cocci.include_match(False)

@depends on context@
identifier addr.fn;
position addr.p;
@@

* fn@p
