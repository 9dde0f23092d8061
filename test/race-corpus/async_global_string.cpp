// Two std::async tasks record their error in the same global string.
#include <future>
#include <string>

std::string last_error;

bool parse(const std::string &input) {
  if (input.empty()) {
    last_error = "empty input"; // RACE!
    return false;
  }
  last_error.clear(); // RACE!
  return true;
}

int main() {
  auto a = std::async(std::launch::async, parse, std::string());
  auto b = std::async(std::launch::async, parse, std::string("x=1"));
  bool ok_a = a.get();
  bool ok_b = b.get();
  return ok_a && ok_b ? 0 : static_cast<int>(last_error.size()); // NORACE
}
