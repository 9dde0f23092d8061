// parsafe/detail/task_registry.hpp — tasks known by name in every process
// that runs the same executable (PARSAFE_TASK), and the typed glue between a
// function's signature and the codec.
#pragma once

#include <parsafe/codec.hpp>
#include <parsafe/errors.hpp>
#include <parsafe/transfer.hpp>

#include <string>
#include <string_view>
#include <tuple>
#include <type_traits>
#include <utility>

namespace parsafe::detail {

/// Decodes a task's arguments from `args`, runs it, and appends its encoded
/// result to `result`. Exceptions of the task propagate.
using TaskHandler = void (*)(Reader& args, std::string& result);

/// Adds a task to this process's registry (at static initialization).
bool register_task(const char* name, TaskHandler handler) noexcept;
/// The handler registered under `name`, or null.
TaskHandler find_task(std::string_view name) noexcept;

/// Specialized by PARSAFE_TASK(fn) for &fn: the name the task is sent under.
template <auto Fn>
struct task_name {
  static constexpr const char* value = nullptr;
};

template <class F>
struct signature;
template <class R, class... P>
struct signature<R (*)(P...)> {
  using result = R;
  using params = std::tuple<P...>;
};
template <class R, class... P>
struct signature<R (*)(P...) noexcept> : signature<R (*)(P...)> {};

/// A parameter as it travels: by value, const and reference removed.
template <class P>
using wire_type = std::remove_cv_t<std::remove_reference_t<P>>;

template <class P>
constexpr bool task_parameter_ok() {
  static_assert(!(std::is_lvalue_reference_v<P> && !std::is_const_v<std::remove_reference_t<P>>),
                "parsafe::ProcessPool: a task cannot take a non-const reference parameter: the "
                "task runs in another process and its writes would never come back. Return the "
                "value instead");
  static_assert(transferable_v<wire_type<P>>,
                "parsafe::ProcessPool: this task parameter type cannot cross a process boundary "
                "(see the type in 'transferable_v<...>'). Take values instead: std::string "
                "instead of char*, containers or std::optional instead of pointers, or give the "
                "type a serialize(Archive&) member (docs/runtime/transferable.md)");
  return transferable_v<wire_type<P>> &&
         !(std::is_lvalue_reference_v<P> && !std::is_const_v<std::remove_reference_t<P>>);
}

template <class R>
constexpr bool task_result_ok() {
  if constexpr (std::is_void_v<R>) {
    return true;
  } else {
    static_assert(transferable_v<R>,
                  "parsafe::ProcessPool: this task result type cannot cross a process boundary "
                  "(see the type in 'transferable_v<...>'). Return values instead: "
                  "std::string instead of char*, containers instead of pointers, or give the "
                  "type a serialize(Archive&) member (docs/runtime/transferable.md)");
    return transferable_v<R>;
  }
}

template <class Params>
struct params_ok;
template <class... P>
struct params_ok<std::tuple<P...>> {
  static constexpr bool value = (task_parameter_ok<P>() && ... && true);
};

/// Everything submit<Fn> needs to know, checked once.
template <auto Fn>
struct task_traits {
  static_assert(std::is_pointer_v<decltype(Fn)> &&
                    std::is_function_v<std::remove_pointer_t<decltype(Fn)>>,
                "parsafe::ProcessPool: submit<fn> takes a function registered with "
                "PARSAFE_TASK(fn)");
  using sig = signature<decltype(Fn)>;
  using result = typename sig::result;
  using params = typename sig::params;
  static constexpr bool registered = task_name<Fn>::value != nullptr;
  static constexpr bool valid = params_ok<params>::value && task_result_ok<result>();
};

template <class P, class A>
void write_argument(Writer& out, A&& arg) {
  using W = wire_type<P>;
  if constexpr (std::is_same_v<std::decay_t<A>, W>)
    out.write(static_cast<const W&>(arg));
  else
    out.write(static_cast<const W&>(W(std::forward<A>(arg))));
}

template <class Params, std::size_t... I, class... Args>
void write_arguments(Writer& out, std::index_sequence<I...>, Args&&... args) {
  (write_argument<std::tuple_element_t<I, Params>>(out, std::forward<Args>(args)), ...);
}

template <auto Fn, class... P>
void run_task_with(Reader& in, std::string& result, std::tuple<P...>*) {
  // A braced list evaluates in order: arguments are read left to right.
  std::tuple<wire_type<P>...> args{in.template read<wire_type<P>>()...};
  if (!in.done())
    Reader::fail(std::to_string(in.remaining()) + " trailing bytes after the arguments");
  if constexpr (std::is_void_v<typename task_traits<Fn>::result>) {
    std::apply(Fn, std::move(args));
  } else {
    Writer out(result);
    out.write(std::apply(Fn, std::move(args)));
  }
}

/// The worker side of a task: decode the arguments, call, encode the result.
template <auto Fn>
void run_task(Reader& in, std::string& result) {
  if constexpr (task_traits<Fn>::valid)
    run_task_with<Fn>(in, result, static_cast<typename task_traits<Fn>::params*>(nullptr));
}

/// ProcessPool::map sends items in chunks: one call of this handler runs
/// `Fn` on a vector of arguments and answers with the vector of results.
/// Registered as "<name>#map" for tasks of one parameter and a result.
template <auto Fn>
void run_chunk(Reader& in, std::string& result) {
  using traits = task_traits<Fn>;
  if constexpr (traits::valid && std::tuple_size_v<typename traits::params> == 1 &&
                !std::is_void_v<typename traits::result>) {
    using Item = wire_type<std::tuple_element_t<0, typename traits::params>>;
    std::size_t n = in.count<Item>();
    Writer out(result);
    out.varint(n);
    for (std::size_t i = 0; i < n; ++i)
      out.write(Fn(in.template read<Item>()));
    if (!in.done())
      Reader::fail(std::to_string(in.remaining()) + " trailing bytes after a chunk");
  }
}

template <auto Fn>
constexpr bool has_chunk_form() {
  using traits = task_traits<Fn>;
  if constexpr (traits::valid)
    return std::tuple_size_v<typename traits::params> == 1 &&
           !std::is_void_v<typename traits::result>;
  else
    return false;
}

template <auto Fn>
bool register_task_forms(const char* name) noexcept {
  bool ok = register_task(name, &run_task<Fn>);
  if constexpr (has_chunk_form<Fn>()) {
    static const std::string chunk_name = std::string(name) + "#map";
    ok = ok && register_task(chunk_name.c_str(), &run_chunk<Fn>);
  }
  return ok;
}

}  // namespace parsafe::detail

#define PARSAFE_DETAIL_CONCAT2(a, b) a##b
#define PARSAFE_DETAIL_CONCAT(a, b) PARSAFE_DETAIL_CONCAT2(a, b)

/// Registers a function as a ProcessPool task under its name. Use it once, at
/// global scope, in the program that creates the pool (workers run the same
/// executable, so they register the same names):
///
///   int square(int x) { return x * x; }
///   PARSAFE_TASK(square);
///   ... pool.submit<square>(7) ...
///
/// Parameter and result types must be transferable (compile-time checked).
#define PARSAFE_TASK(fn)                                                                           \
  template <>                                                                                      \
  struct parsafe::detail::task_name<&fn> {                                                         \
    static constexpr const char* value = #fn;                                                      \
  };                                                                                               \
  static const bool PARSAFE_DETAIL_CONCAT(parsafe_task_registered_, __COUNTER__) =                 \
      ::parsafe::detail::register_task_forms<&fn>(#fn)
