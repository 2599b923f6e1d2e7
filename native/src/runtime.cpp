// Process-wide runtime settings: RNG seed, threads, grad mode, build information.
#include "common.h"

#include <ATen/Parallel.h>
#include <ATen/Version.h>

namespace {
thread_local std::string text_buffer;
}

VQ_API int32_t vq_manual_seed(uint64_t seed) {
  VQ_TRY
  at::manual_seed(seed);
  return 0;
  VQ_CATCH(-1)
}

VQ_API int32_t vq_set_num_threads(int32_t n) {
  VQ_TRY
  at::set_num_threads(n);
  return 0;
  VQ_CATCH(-1)
}

VQ_API int32_t vq_get_num_threads() { return at::get_num_threads(); }

VQ_API int32_t vq_set_num_interop_threads(int32_t n) {
  VQ_TRY
  at::set_num_interop_threads(n);
  return 0;
  VQ_CATCH(-1)
}

/// Sets autograd's thread-local grad mode and returns the previous value (for C#'s no-grad scope).
VQ_API int32_t vq_set_grad_enabled(int32_t enabled) {
  bool previous = c10::GradMode::is_enabled();
  c10::GradMode::set_enabled(enabled != 0);
  return previous ? 1 : 0;
}

VQ_API int32_t vq_is_grad_enabled() { return c10::GradMode::is_enabled() ? 1 : 0; }

/// Build configuration as printed by torch.__config__.show(); valid until the next call on this thread.
VQ_API const char* vq_config_show() {
  VQ_TRY
  text_buffer = at::show_config();
  return text_buffer.c_str();
  VQ_CATCH(nullptr)
}

VQ_API const char* vq_parallel_info() {
  VQ_TRY
  text_buffer = at::get_parallel_info();
  return text_buffer.c_str();
  VQ_CATCH(nullptr)
}
