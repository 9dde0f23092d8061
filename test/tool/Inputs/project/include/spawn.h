// Included by both translation units: its finding must be reported once.
#pragma once
#include <thread>

inline void spawn_and_forget(void (*fn)()) {
  std::thread worker(fn);
}
