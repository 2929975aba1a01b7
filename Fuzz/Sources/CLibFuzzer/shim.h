// libFuzzer's driver, for programs with their own main (LLVM's FuzzerInterface.h). It is linked by
// `-sanitize=fuzzer`; this header only declares it, so the system-library target links nothing.
#include <stddef.h>
#include <stdint.h>

int LLVMFuzzerRunDriver(
    int *_Nonnull argc,
    char *_Nullable *_Nullable *_Nonnull argv,
    int (*_Nonnull UserCb)(const uint8_t *_Nonnull Data, size_t Size));
