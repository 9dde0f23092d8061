// The classic multiprocessing surprise, a shared result list:
//
//   results = []
//   def work(x): results.append(x * x)      # appends to the *worker's* copy
//   with Pool(4) as p: p.map(work, range(10))
//   print(results)                           # [] in the parent
//
// Worker processes share no memory with the parent (parsafe-fork-lost-write
// flags the C++ version of this with fork()). Done right, each task returns
// its part and the parent, the only owner of the list, puts it together.
// Failures come back too: an exception thrown in a worker arrives as
// parsafe::RemoteError with its type and message.
#include <parsafe/process_pool.hpp>

#include <cstdio>
#include <map>
#include <stdexcept>
#include <string>
#include <vector>

/// One worker's share of the work: the squares of its range, by value.
std::vector<int> squares_of_range(int first, int last) {
  if (first > last)
    throw std::invalid_argument("empty range " + std::to_string(first) + ".." + std::to_string(last));
  std::vector<int> part;
  for (int x = first; x < last; ++x)
    part.push_back(x * x);
  return part;
}
PARSAFE_TASK(squares_of_range);

/// Word counts of one line: a map travels like any other value.
std::map<std::string, int> count_words(const std::string& line) {
  std::map<std::string, int> counts;
  std::string word;
  for (char c : line + " ") {
    if (c == ' ') {
      if (!word.empty())
        ++counts[word];
      word.clear();
    } else {
      word += c;
    }
  }
  return counts;
}
PARSAFE_TASK(count_words);

int main(int argc, char** argv) {
  PARSAFE_MAIN_GUARD(argc, argv);
  parsafe::PoolOptions options;
  options.workers = 4;
  parsafe::ProcessPool pool(options);

  // Four ranges, four tasks; the parent appends the parts in order.
  std::vector<parsafe::Future<std::vector<int>>> parts;
  for (int first = 0; first < 40; first += 10)
    parts.push_back(pool.submit<squares_of_range>(first, first + 10));
  std::vector<int> results;
  for (auto& part : parts)
    for (int value : part.get())
      results.push_back(value);
  std::printf("results: %zu values, last %d\n", results.size(), results.back());

  // A shared dictionary of counts, merged by the parent.
  std::vector<std::string> lines = {"the cat", "the dog and the cat", "a bird"};
  std::map<std::string, int> totals;
  for (const auto& counts : pool.map<count_words>(lines))
    for (const auto& [word, n] : counts)
      totals[word] += n;
  std::printf("the: %d, cat: %d, bird: %d\n", totals["the"], totals["cat"], totals["bird"]);

  // A task that throws fails only its own future.
  try {
    pool.submit<squares_of_range>(5, 1).get();
  } catch (const parsafe::RemoteError& e) {
    std::printf("remote %s: %s\n", e.type_name().c_str(), e.message().c_str());
  }
}
