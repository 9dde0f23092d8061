// A header whose global starts a thread: reported where it is declared.
#pragma once
#include <thread>
void work();

std::thread g_header_thread(work);
