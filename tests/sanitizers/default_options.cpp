// Sanitizer options compiled into every executable of the sanitizer build (scripts/sanitize
// compiles this file on its own and links it through CMAKE_EXE_LINKER_FLAGS; no normal
// build sees it).
//
// Why compiled in: the integration tests reach podbay-helper through sshd (as the user) and
// through sudo (as root). Neither passes ASAN_OPTIONS on: sshd starts the user's shell with
// a fresh environment and sudo's env_reset (sudoers(5)) drops it. A report from such a
// helper would go to a stderr that nobody reads, and a leak report at exit to a closed pipe.
// So every process logs its reports to PODBAY_SANITIZER_LOG_DIR (a sticky, world-writable
// directory the script creates, checks after the run and fails on when it is not empty).
// The environment's *SAN_OPTIONS are parsed after these defaults and win where they say
// something (the sanitizer runtimes' documented order: __asan_default_options, then
// ASAN_OPTIONS; the same for UBSan and LSan).
#include <dlfcn.h>

#ifndef PODBAY_SANITIZER_LOG_DIR
#error "scripts/sanitize defines PODBAY_SANITIZER_LOG_DIR"
#endif
#ifndef PODBAY_LSAN_SUPPRESSIONS
#error "scripts/sanitize defines PODBAY_LSAN_SUPPRESSIONS"
#endif

extern "C" {

// Visible and used: the runtimes look these weak symbols up in the executable.
__attribute__((visibility("default"), used)) const char *__asan_default_options()
{
    return "halt_on_error=1:abort_on_error=0:detect_leaks=1:strict_string_checks=1"
           ":detect_stack_use_after_return=0:check_initialization_order=1"
           // tests/faults preloads its shim (LD_PRELOAD) into the helper, so ASan comes second
           // in the library list, which it refuses by default (exit 1); the shim only wraps
           // file-system calls, and ASan still intercepts every allocation.
           ":verify_asan_link_order=0"
           ":log_path=" PODBAY_SANITIZER_LOG_DIR "/asan";
}

__attribute__((visibility("default"), used)) const char *__ubsan_default_options()
{
    return "halt_on_error=1:print_stacktrace=1";
}

__attribute__((visibility("default"), used)) const char *__lsan_default_options()
{
    return "suppressions=" PODBAY_LSAN_SUPPRESSIONS ":print_suppressions=0";
}

} // extern "C"

// GCC links ASan and UBSan as two shared runtimes (libasan.so, libubsan.so), each with its
// own copy of sanitizer_common. With ASan present UBSan initialises as a plug-in and never
// applies log_path (neither from __ubsan_default_options nor from UBSAN_OPTIONS: checked
// with GCC 12), so its reports would go to stderr. Set its report path through its own
// copy of __sanitizer_set_report_path (sanitizer/common_interface_defs.h), found in
// libubsan.so itself: the plain symbol would resolve to libasan's copy.
__attribute__((constructor)) static void podbayUbsanLogPath()
{
    void *ubsan = dlopen("libubsan.so.1", RTLD_NOW | RTLD_NOLOAD);
    if (!ubsan)
        return;
    using SetReportPath = void (*)(const char *);
    if (auto set = reinterpret_cast<SetReportPath>(dlsym(ubsan, "__sanitizer_set_report_path")))
        set(PODBAY_SANITIZER_LOG_DIR "/ubsan");
    dlclose(ubsan);
}
