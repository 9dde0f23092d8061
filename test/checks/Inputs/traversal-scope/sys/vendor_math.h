// Included with -isystem: a vendor library the user does not edit.
#pragma once

inline int vendor_scale(int value, int rounding) { return value * 2; }

inline long vendor_calls = 0;

inline int vendor_scale_counted(int value) {
  vendor_calls++;
  return vendor_scale(value, 0);
}
