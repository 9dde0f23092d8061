// A label with a typo would silently drop out of the score.
int counter;
int main(void) {
  counter++; // RACE
  return counter; // NORACE
}
