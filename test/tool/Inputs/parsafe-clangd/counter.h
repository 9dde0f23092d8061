// On disk the counter is atomic; the unsaved-header test's editor buffer
// drops the _Atomic.
static _Atomic long hits;
