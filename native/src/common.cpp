#include "common.h"

#include <cstdlib>

namespace vq {

namespace {
thread_local std::string last_error;
}

std::atomic<int64_t> live_tensors{0};

void set_error(const char* message) { last_error = message ? message : "(null message)"; }
void clear_error() { last_error.clear(); }

std::vector<at::Tensor> list(const Tensor* ts, int32_t n) {
  std::vector<at::Tensor> v;
  v.reserve(static_cast<size_t>(n));
  for (int32_t i = 0; i < n; ++i) {
    if (!ts[i]) throw std::invalid_argument("tensor list element " + std::to_string(i) + " is null");
    v.push_back(*ts[i]);
  }
  return v;
}

int32_t wrap_list(const std::vector<at::Tensor>& ts, Tensor** out) {
  auto* arr = static_cast<Tensor*>(std::malloc(sizeof(Tensor) * (ts.empty() ? 1 : ts.size())));
  if (!arr) throw std::bad_alloc();
  for (size_t i = 0; i < ts.size(); ++i) arr[i] = wrap(ts[i]);
  *out = arr;
  return static_cast<int32_t>(ts.size());
}

}  // namespace vq

VQ_API const char* vq_last_error() { return vq::last_error.c_str(); }

VQ_API int64_t vq_live_tensors() { return vq::live_tensors.load(); }

VQ_API void vq_free(Tensor t) {
  if (!t) return;
  delete t;
  vq::live_tensors.fetch_sub(1, std::memory_order_relaxed);
}

VQ_API void vq_free_array(Tensor* arr) { std::free(arr); }
