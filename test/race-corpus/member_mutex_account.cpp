// A bank account guards its balance with a member mutex; deposits and
// withdrawals run as member functions in several threads.
#include <mutex>
#include <thread>

class Account {
public:
  void deposit(long amount) {
    std::lock_guard<std::mutex> lock(mutex_);
    balance_ += amount; // NORACE
  }
  bool withdraw(long amount) {
    std::lock_guard<std::mutex> lock(mutex_);
    if (balance_ < amount) // NORACE
      return false;
    balance_ -= amount; // NORACE
    return true;
  }
  long balance() {
    std::lock_guard<std::mutex> lock(mutex_);
    return balance_; // NORACE
  }

private:
  std::mutex mutex_;
  long balance_ = 0;
};

int main() {
  Account acct;
  std::thread d1(&Account::deposit, &acct, 100);
  std::thread d2(&Account::deposit, &acct, 50);
  std::thread w([&acct] { acct.withdraw(30); });
  d1.join();
  d2.join();
  w.join();
  return static_cast<int>(acct.balance());
}
