// With ReexecutingFunctions naming workers::start_pool, main is flagged; without
// the option (RUN line 15) the call is an ordinary one and nothing is reported.
namespace workers {
void start_pool(int Count);
}
// CHECK-MESSAGES-OPTION: :[[@LINE+1]]:5: warning: 'main' does not dispatch worker processes first: 'workers::start_pool' re-executes this program
int main(int argc, char **argv) {
  workers::start_pool(4);
  return 0;
}
