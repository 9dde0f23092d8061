// Calls an undeclared function: the corpus checker must reject it.
int main(void) { return undeclared_function(); }
