// parsafe/detail/unique_function.hpp — a move-only callable with small-buffer
// storage.
//
// std::function requires copyable targets (a task owning a promise is not)
// and allocates for anything but tiny captures. Tasks in a pool queue are
// moved once in and once out, so a move-only wrapper with 48 bytes inline
// covers the common lambdas without a heap allocation.
#pragma once

#include <cstddef>
#include <new>
#include <type_traits>
#include <utility>

namespace parsafe::detail {

template <class Signature>
class UniqueFunction;

template <class R, class... Args>
class UniqueFunction<R(Args...)> {
  static constexpr std::size_t kInline = 48;

  struct Ops {
    R (*invoke)(void* self, Args&&... args);
    void (*move)(void* from, void* to) noexcept;  // move-construct into `to`, destroy `from`
    void (*destroy)(void* self) noexcept;
  };

  template <class F>
  static constexpr bool fits_inline = sizeof(F) <= kInline &&
                                      alignof(F) <= alignof(std::max_align_t) &&
                                      std::is_nothrow_move_constructible_v<F>;

  template <class F>
  static const Ops* inline_ops() {
    static const Ops ops{
        [](void* self, Args&&... args) -> R {
          return (*static_cast<F*>(self))(std::forward<Args>(args)...);
        },
        [](void* from, void* to) noexcept {
          ::new (to) F(std::move(*static_cast<F*>(from)));
          static_cast<F*>(from)->~F();
        },
        [](void* self) noexcept { static_cast<F*>(self)->~F(); }};
    return &ops;
  }

  template <class F>
  static const Ops* heap_ops() {
    static const Ops ops{
        [](void* self, Args&&... args) -> R {
          return (**static_cast<F**>(self))(std::forward<Args>(args)...);
        },
        [](void* from, void* to) noexcept {
          *static_cast<F**>(to) = *static_cast<F**>(from);
          *static_cast<F**>(from) = nullptr;
        },
        [](void* self) noexcept { delete *static_cast<F**>(self); }};
    return &ops;
  }

public:
  UniqueFunction() noexcept = default;

  template <class F, class D = std::decay_t<F>,
            class = std::enable_if_t<!std::is_same_v<D, UniqueFunction> &&
                                     std::is_invocable_r_v<R, D&, Args...>>>
  UniqueFunction(F&& f) {  // NOLINT(google-explicit-constructor): a callable converts
    if constexpr (fits_inline<D>) {
      ::new (static_cast<void*>(storage_)) D(std::forward<F>(f));
      ops_ = inline_ops<D>();
    } else {
      *reinterpret_cast<D**>(storage_) = new D(std::forward<F>(f));
      ops_ = heap_ops<D>();
    }
  }

  UniqueFunction(UniqueFunction&& other) noexcept : ops_(other.ops_) {
    if (ops_) {
      ops_->move(other.storage_, storage_);
      other.ops_ = nullptr;
    }
  }

  UniqueFunction& operator=(UniqueFunction&& other) noexcept {
    if (this != &other) {
      reset();
      ops_ = other.ops_;
      if (ops_) {
        ops_->move(other.storage_, storage_);
        other.ops_ = nullptr;
      }
    }
    return *this;
  }

  UniqueFunction(const UniqueFunction&) = delete;
  UniqueFunction& operator=(const UniqueFunction&) = delete;
  ~UniqueFunction() { reset(); }

  explicit operator bool() const noexcept { return ops_ != nullptr; }

  R operator()(Args... args) { return ops_->invoke(storage_, std::forward<Args>(args)...); }

private:
  void reset() noexcept {
    if (ops_) {
      ops_->destroy(storage_);
      ops_ = nullptr;
    }
  }

  alignas(std::max_align_t) unsigned char storage_[kInline];
  const Ops* ops_ = nullptr;
};

}  // namespace parsafe::detail
