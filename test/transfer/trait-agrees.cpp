// The runtime's trait gives every verdict of the shared table.
// RUN: %clangxx -std=c++17 -fsyntax-only %runtime_flags %s
// RUN: %clangxx -std=c++20 -fsyntax-only %runtime_flags %s
#include <parsafe/transfer.hpp>

#define PARSAFE_TRANSFER_CASE(Name, Expected, ...)                                                \
  static_assert(parsafe::transferable_v<__VA_ARGS__> == (Expected),                               \
                "parsafe::transferable disagrees with the table on " #Name);
#include "transfer_table.hpp"

#if defined(__cpp_concepts) && __cpp_concepts >= 201907L
static_assert(parsafe::Transferable<std::string>);
static_assert(!parsafe::Transferable<int*>);
#endif
