// The compiler traps on this pragma: a crash in the middle of a unit.
#pragma clang __debug crash
int main() {}
