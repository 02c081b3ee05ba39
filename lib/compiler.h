/* compiler.h: attribute and builtin wrappers used across the tree.
 *
 * Everything here is a macro that expands to a GCC/clang attribute or
 * builtin, so that code says what it means ("this never returns", "this is
 * printf-like") without repeating compiler syntax. */
#ifndef COMPILER_H
#define COMPILER_H 1

#define OVS_NO_RETURN __attribute__((__noreturn__))
#define OVS_UNUSED __attribute__((__unused__))
#define OVS_PRINTF_FORMAT(FMT, ARG1) \
    __attribute__((__format__(printf, FMT, ARG1)))
#define OVS_SCANF_FORMAT(FMT, ARG1) \
    __attribute__((__format__(scanf, FMT, ARG1)))
#define OVS_WARN_UNUSED_RESULT __attribute__((__warn_unused_result__))
#define OVS_LIKELY(COND) __builtin_expect(!!(COND), 1)
#define OVS_UNLIKELY(COND) __builtin_expect(!!(COND), 0)
#define OVS_CONSTRUCTOR(NAME) \
    static void NAME(void) __attribute__((__constructor__)); \
    static void NAME(void)
#define OVS_PACKED(DECL) DECL __attribute__((__packed__))
#define OVS_ALIGNED(N) __attribute__((__aligned__(N)))
#define OVS_FALLTHROUGH __attribute__((__fallthrough__))

/* Statically asserts EXPR at file scope. */
#define BUILD_ASSERT_DECL(EXPR) _Static_assert(EXPR, #EXPR)

#endif /* compiler.h */
