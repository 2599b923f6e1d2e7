// Shared plumbing for every export: handle wrapping, error capture, scalar and shape marshalling.
// The ABI: a tensor is an owned `at::Tensor*` (one reference); functions returning a tensor return
// nullptr on failure and leave the message in a thread-local "last error" that C# turns into an
// exception. Functions returning int return 0 on success and -1 on failure.
#pragma once

#include <ATen/ATen.h>
#include <torch/version.h>  // TORCH_VERSION_MAJOR/MINOR: the guards for 1.13 (Debian) vs 2.x (the wheels)

#include <atomic>
#include <cstdint>
#include <string>

#define VQ_API extern "C" __attribute__((visibility("default")))

using Tensor = at::Tensor*;

/// A scalar crossing the ABI: kind 0 = double, 1 = int64, 2 = bool. Kept tagged so that
/// `int_tensor + 2` stays int64 (a double would promote it, as in PyTorch).
struct VqScalar {
  double d;
  int64_t i;
  int32_t kind;
  int32_t pad;
};

namespace vq {

void set_error(const char* message);
void clear_error();
extern std::atomic<int64_t> live_tensors;

inline Tensor wrap(at::Tensor t) {
  live_tensors.fetch_add(1, std::memory_order_relaxed);
  return new at::Tensor(std::move(t));
}

inline at::Scalar scalar(VqScalar s) {
  switch (s.kind) {
    case 1: return at::Scalar(static_cast<int64_t>(s.i));
    case 2: return at::Scalar(s.i != 0);
    default: return at::Scalar(s.d);
  }
}

inline at::IntArrayRef dims(const int64_t* p, int32_t n) { return at::IntArrayRef(p, static_cast<size_t>(n)); }

inline c10::optional<at::Tensor> opt(Tensor t) {
  return t ? c10::optional<at::Tensor>(*t) : c10::nullopt;
}

inline at::TensorOptions options(int32_t dtype) {
  return at::TensorOptions().dtype(static_cast<at::ScalarType>(dtype));
}

/// A device crossing the ABI as (c10::DeviceType code, index; -1 = none). Only cpu, cuda and meta are
/// accepted; asking for CUDA where none is usable is an error naming the device asked for (libtorch's own
/// message on a CPU build names a dispatch key, not the device).
at::Device device(int32_t type, int32_t index);

inline at::TensorOptions options(int32_t dtype, int32_t device_type, int32_t device_index) {
  return options(dtype).device(device(device_type, device_index));
}

std::vector<at::Tensor> list(const Tensor* ts, int32_t n);

/// Hands a vector of results to C# as a malloc'ed array of owned handles; C# frees it with vq_free_array.
int32_t wrap_list(const std::vector<at::Tensor>& ts, Tensor** out);

}  // namespace vq

// Every export body sits between VQ_TRY and VQ_CATCH(failure value): no C++ exception may cross
// into the CLR, where it would abort the process.
#define VQ_TRY \
  try {        \
    vq::clear_error();
#define VQ_CATCH(failure)                                 \
  }                                                       \
  catch (const c10::Error& e) {                           \
    vq::set_error(e.what_without_backtrace());            \
    return failure;                                       \
  }                                                       \
  catch (const std::exception& e) {                       \
    vq::set_error(e.what());                              \
    return failure;                                       \
  }                                                       \
  catch (...) {                                           \
    vq::set_error("unknown native exception");            \
    return failure;                                       \
  }
