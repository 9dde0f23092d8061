// Stress sizes for the runtime tests: full size in plain builds, smaller
// under ThreadSanitizer (5-15x slower) and AddressSanitizer.
#pragma once
#include <cstddef>

#if defined(__has_feature)
#if __has_feature(thread_sanitizer) || __has_feature(address_sanitizer)
#define PARSAFE_TEST_SANITIZED 1
#endif
#endif
#if defined(__SANITIZE_THREAD__) || defined(__SANITIZE_ADDRESS__)
#define PARSAFE_TEST_SANITIZED 1
#endif

namespace parsafe::test {
#ifdef PARSAFE_TEST_SANITIZED
constexpr std::size_t kScale = 20;
#else
constexpr std::size_t kScale = 1;
#endif
/// `n` in a plain build, n / kScale under sanitizers.
constexpr std::size_t scaled(std::size_t n) { return n / kScale; }
}  // namespace parsafe::test
