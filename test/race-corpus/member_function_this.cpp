// Two threads run the same member function on one object; the member it
// updates has no lock.
#include <iostream>
#include <thread>

class Crawler {
public:
  void crawl(int pages) {
    for (int i = 0; i < pages; ++i)
      ++visited_; // RACE!
  }
  int visited() const { return visited_; } // NORACE

private:
  int visited_ = 0;
};

int main() {
  Crawler c;
  std::thread a(&Crawler::crawl, &c, 100);
  std::thread b(&Crawler::crawl, &c, 200);
  a.join();
  b.join();
  std::cout << c.visited() << '\n';
  return 0;
}
