// parsafe codec and ProcessPool framing: round trips of every supported kind
// of type, and every malformed input rejected with DecodeError.
#include <parsafe/codec.hpp>
#include <parsafe/detail/frame.hpp>

#include <gtest/gtest.h>

#include <array>
#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <tuple>
#include <unordered_map>
#include <variant>
#include <vector>

namespace {

enum class Color : std::uint8_t { Red, Green };
struct Point {
  int x;
  double y;
  char tag[4];
};
struct Order {
  std::string customer;
  std::vector<int> items;
  std::optional<Point> origin;
  template <class Archive>
  void serialize(Archive& ar) {
    ar(customer, items, origin);
  }
};

template <class T>
T round_trip(const T& value) {
  return parsafe::decode<T>(parsafe::encode(value));
}

TEST(Codec, Scalars) {
  EXPECT_EQ(round_trip(42), 42);
  EXPECT_EQ(round_trip(-7LL), -7LL);
  EXPECT_EQ(round_trip(2.5), 2.5);
  EXPECT_EQ(round_trip(true), true);
  EXPECT_EQ(round_trip('q'), 'q');
  EXPECT_EQ(round_trip(Color::Green), Color::Green);
  EXPECT_EQ(round_trip(std::byte{7}), std::byte{7});
  EXPECT_EQ(parsafe::encode(std::uint32_t(1)).size(), 4u);
}

TEST(Codec, StringsAndContainers) {
  EXPECT_EQ(round_trip(std::string()), "");
  std::string big(100000, 'x');
  EXPECT_EQ(round_trip(big), big);
  EXPECT_EQ(round_trip(std::vector<int>{1, 2, 3}), (std::vector<int>{1, 2, 3}));
  EXPECT_EQ(round_trip(std::vector<bool>{true, false, true}), (std::vector<bool>{true, false, true}));
  EXPECT_EQ(round_trip(std::vector<std::string>{"a", "", "ccc"}),
            (std::vector<std::string>{"a", "", "ccc"}));
  EXPECT_EQ(round_trip(std::array<int, 3>{4, 5, 6}), (std::array<int, 3>{4, 5, 6}));
  std::map<std::string, std::vector<double>> m{{"a", {1.0}}, {"b", {}}};
  EXPECT_EQ(round_trip(m), m);
  std::unordered_map<int, std::string> u{{1, "one"}, {2, "two"}};
  EXPECT_EQ(round_trip(u), u);
  EXPECT_EQ(round_trip(std::set<int>{3, 1, 2}), (std::set<int>{1, 2, 3}));
  EXPECT_EQ(round_trip(std::wstring(L"wide")), L"wide");
}

TEST(Codec, SumAndProductTypes) {
  EXPECT_EQ(round_trip(std::optional<int>()), std::nullopt);
  EXPECT_EQ(round_trip(std::optional<std::string>("x")), std::optional<std::string>("x"));
  using V = std::variant<int, std::string, std::vector<int>>;
  EXPECT_EQ(round_trip(V(std::string("s"))), V(std::string("s")));
  EXPECT_EQ(round_trip(V(std::vector<int>{9})), V(std::vector<int>{9}));
  EXPECT_EQ(round_trip(std::make_pair(1, std::string("p"))), std::make_pair(1, std::string("p")));
  auto t = std::make_tuple(1, 2.0, std::string("t"), std::optional<char>('c'));
  EXPECT_EQ(round_trip(t), t);
  EXPECT_EQ(round_trip(std::tuple<>()), std::tuple<>());
}

TEST(Codec, AggregatesAndHooks) {
  Point p{3, 4.5, {'a', 'b', 'c', 0}};
  Point q = round_trip(p);
  EXPECT_EQ(q.x, 3);
  EXPECT_EQ(q.y, 4.5);
  EXPECT_STREQ(q.tag, "abc");
  Order o{"ann", {1, 2}, Point{1, 2, {}}};
  Order back = round_trip(o);
  EXPECT_EQ(back.customer, "ann");
  EXPECT_EQ(back.items, (std::vector<int>{1, 2}));
  ASSERT_TRUE(back.origin);
  EXPECT_EQ(back.origin->x, 1);
  std::vector<Order> orders{o, Order{"bo", {}, std::nullopt}};
  EXPECT_EQ(round_trip(orders)[1].customer, "bo");
}

template <class T>
void expect_rejected(const std::string& bytes, const char* why) {
  EXPECT_THROW(parsafe::decode<T>(bytes), parsafe::DecodeError) << why;
}

TEST(Codec, MalformedInputIsRejected) {
  expect_rejected<int>("", "empty");
  expect_rejected<int>("abc", "truncated scalar");
  expect_rejected<int>("abcde", "trailing byte");
  expect_rejected<bool>(std::string(1, '\2'), "bool out of range");
  expect_rejected<std::string>(std::string("\x05" "abc"), "string shorter than its length");
  // A count of 2^62 elements must be refused before anything is allocated.
  std::string huge = "\xff\xff\xff\xff\xff\xff\xff\xff\x3f";
  expect_rejected<std::vector<int>>(huge, "huge count");
  expect_rejected<std::vector<std::string>>(huge, "huge count of strings");
  expect_rejected<std::map<int, int>>(huge, "huge map");
  expect_rejected<std::vector<std::tuple<>>>(huge, "huge count of empty elements");
  expect_rejected<std::vector<int>>(std::string(11, '\xff'), "varint too long");
  expect_rejected<std::variant<int, char>>(std::string("\x02"), "variant index out of range");
  expect_rejected<std::optional<int>>(std::string("\x07"), "optional flag out of range");
  std::string dup = parsafe::encode(std::vector<std::pair<int, int>>{{1, 2}, {1, 3}});
  expect_rejected<std::map<int, int>>(dup, "duplicate key");
  std::string dup_set = parsafe::encode(std::vector<int>{5, 5});
  expect_rejected<std::set<int>>(dup_set, "duplicate element");
}

using parsafe::detail::FrameBuffer;
using parsafe::detail::FrameKind;

std::string make_frame(FrameKind kind, const std::string& payload) {
  std::string out;
  std::size_t start = parsafe::detail::begin_frame(out);
  out += payload;
  parsafe::detail::finish_frame(out, start, kind, 1 << 20);
  return out;
}

TEST(Frames, ReassembledFromSingleBytes) {
  std::string stream = make_frame(FrameKind::Call, "hello") + make_frame(FrameKind::Result, "") +
                       make_frame(FrameKind::Failure, std::string(70000, 'z'));
  FrameBuffer buffer;
  std::vector<std::pair<FrameKind, std::string>> frames;
  for (char c : stream) {
    buffer.append(&c, 1);
    while (auto f = buffer.next())
      frames.emplace_back(f->kind, std::string(f->payload));
  }
  ASSERT_EQ(frames.size(), 3u);
  EXPECT_EQ(frames[0].second, "hello");
  EXPECT_EQ(frames[1].first, FrameKind::Result);
  EXPECT_EQ(frames[2].second.size(), 70000u);
  EXPECT_EQ(buffer.buffered(), 0u);
}

TEST(Frames, TruncatedFrameWaitsForMore) {
  std::string f = make_frame(FrameKind::Call, "payload");
  FrameBuffer buffer;
  buffer.append(f.data(), f.size() - 1);
  EXPECT_FALSE(buffer.next());
  buffer.append(f.data() + f.size() - 1, 1);
  EXPECT_TRUE(buffer.next());
}

TEST(Frames, CorruptHeadersAndPayloadsAreErrors) {
  std::string good = make_frame(FrameKind::Call, "payload");
  auto rejects = [](std::string bytes) {
    FrameBuffer buffer(1000);
    buffer.append(bytes.data(), bytes.size());
    EXPECT_THROW(buffer.next(), parsafe::DecodeError);
  };
  std::string bad_magic = good;
  bad_magic[0] = 'X';
  rejects(bad_magic);
  std::string bad_kind = good;
  bad_kind[4] = 99;
  rejects(bad_kind);
  std::string reserved = good;
  reserved[6] = 1;
  rejects(reserved);
  std::string flipped = good;
  flipped.back() ^= 0x10;
  rejects(flipped);
  // A header announcing 4 GiB is refused on its own: no payload is awaited.
  std::string oversized = good.substr(0, parsafe::detail::kFrameHeaderSize);
  oversized[8] = oversized[9] = oversized[10] = oversized[11] = '\xff';
  rejects(oversized);
}

TEST(Frames, SenderRefusesOversizedPayload) {
  std::string out;
  std::size_t start = parsafe::detail::begin_frame(out);
  out += std::string(2000, 'a');
  EXPECT_THROW(parsafe::detail::finish_frame(out, start, FrameKind::Call, 1000), parsafe::Error);
  EXPECT_EQ(out.size(), start);
}

}  // namespace
