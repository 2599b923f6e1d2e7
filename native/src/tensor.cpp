// Tensor metadata, element access, conversion and in-place fills.
#include "common.h"

#include <cstring>

namespace {
thread_local std::string text_buffer;
}

VQ_API int32_t vq_dim(Tensor t) { return static_cast<int32_t>(t->dim()); }

VQ_API void vq_shape(Tensor t, int64_t* out) {
  auto s = t->sizes();
  for (size_t i = 0; i < s.size(); ++i) out[i] = s[i];
}

VQ_API void vq_strides(Tensor t, int64_t* out) {
  auto s = t->strides();
  for (size_t i = 0; i < s.size(); ++i) out[i] = s[i];
}

VQ_API int32_t vq_dtype(Tensor t) { return static_cast<int32_t>(t->scalar_type()); }
VQ_API int64_t vq_numel(Tensor t) { return t->numel(); }
VQ_API int32_t vq_is_contiguous(Tensor t) { return t->is_contiguous() ? 1 : 0; }
VQ_API int32_t vq_requires_grad(Tensor t) { return t->requires_grad() ? 1 : 0; }
VQ_API int32_t vq_is_leaf(Tensor t) { return t->is_leaf() ? 1 : 0; }

VQ_API Tensor vq_alias(Tensor t) {
  VQ_TRY
  return vq::wrap(*t);
  VQ_CATCH(nullptr)
}

VQ_API int32_t vq_set_requires_grad(Tensor t, int32_t value) {
  VQ_TRY
  t->requires_grad_(value != 0);
  return 0;
  VQ_CATCH(-1)
}

VQ_API int32_t vq_item_double(Tensor t, double* out) {
  VQ_TRY
  *out = t->item<double>();
  return 0;
  VQ_CATCH(-1)
}

VQ_API int32_t vq_item_long(Tensor t, int64_t* out) {
  VQ_TRY
  *out = t->item<int64_t>();
  return 0;
  VQ_CATCH(-1)
}

/// Copies the tensor's elements (row-major, its own dtype) into dst, which must hold exactly nbytes. A tensor
/// on another device is copied to the CPU first: every writer (safetensors, ONNX, arrays) reads through here.
VQ_API int32_t vq_copy_to_buffer(Tensor t, void* dst, int64_t nbytes) {
  VQ_TRY
  TORCH_CHECK(t->device().type() != c10::DeviceType::Meta, "a meta tensor has no data to read");
  auto c = t->detach().to(at::kCPU).contiguous();
  int64_t have = c.numel() * static_cast<int64_t>(c.element_size());
  TORCH_CHECK(have == nbytes, "buffer holds ", nbytes, " bytes but the tensor has ", have);
  if (have > 0) std::memcpy(dst, c.data_ptr(), static_cast<size_t>(have));
  return 0;
  VQ_CATCH(-1)
}

/// Raw pointer to the first element, for zero-copy reads of contiguous tensors.
VQ_API void* vq_data_ptr(Tensor t) {
  VQ_TRY
  TORCH_CHECK(t->is_contiguous(), "data_ptr needs a contiguous tensor");
  TORCH_CHECK(t->is_cpu(), "data_ptr needs a CPU tensor, this one is on ", t->device().str());
  return t->data_ptr();
  VQ_CATCH(nullptr)
}

VQ_API int64_t vq_element_size(Tensor t) { return static_cast<int64_t>(t->element_size()); }

VQ_API const char* vq_to_string(Tensor t) {
  VQ_TRY
  std::ostringstream os;
  os << *t;
  text_buffer = os.str();
  return text_buffer.c_str();
  VQ_CATCH(nullptr)
}

VQ_API Tensor vq_to_dtype(Tensor t, int32_t dtype) {
  VQ_TRY
  return vq::wrap(t->to(static_cast<at::ScalarType>(dtype)));
  VQ_CATCH(nullptr)
}

VQ_API Tensor vq_clone(Tensor t) {
  VQ_TRY
  return vq::wrap(t->clone());
  VQ_CATCH(nullptr)
}

VQ_API Tensor vq_detach(Tensor t) {
  VQ_TRY
  return vq::wrap(t->detach());
  VQ_CATCH(nullptr)
}

VQ_API int32_t vq_copy_(Tensor dst, Tensor src) {
  VQ_TRY
  dst->copy_(*src);
  return 0;
  VQ_CATCH(-1)
}

VQ_API int32_t vq_zero_(Tensor t) {
  VQ_TRY
  t->zero_();
  return 0;
  VQ_CATCH(-1)
}

VQ_API int32_t vq_fill_(Tensor t, VqScalar v) {
  VQ_TRY
  t->fill_(vq::scalar(v));
  return 0;
  VQ_CATCH(-1)
}

VQ_API int32_t vq_uniform_(Tensor t, double from, double to) {
  VQ_TRY
  t->uniform_(from, to);
  return 0;
  VQ_CATCH(-1)
}

VQ_API int32_t vq_normal_(Tensor t, double mean, double std) {
  VQ_TRY
  t->normal_(mean, std);
  return 0;
  VQ_CATCH(-1)
}

VQ_API int32_t vq_bernoulli_(Tensor t, double p) {
  VQ_TRY
  t->bernoulli_(p);
  return 0;
  VQ_CATCH(-1)
}

// ---- autograd ----

VQ_API int32_t vq_backward(Tensor t, Tensor grad, int32_t retain_graph) {
  VQ_TRY
  t->backward(grad ? *grad : at::Tensor(), retain_graph != 0 ? c10::optional<bool>(true) : c10::nullopt);
  return 0;
  VQ_CATCH(-1)
}

/// *out = the accumulated gradient, or nullptr when none has been computed.
VQ_API int32_t vq_grad(Tensor t, Tensor* out) {
  VQ_TRY
  const auto& g = t->grad();
  *out = g.defined() ? vq::wrap(g) : nullptr;
  return 0;
  VQ_CATCH(-1)
}

/// Sets (grad != nullptr) or clears (grad == nullptr) the accumulated gradient.
VQ_API int32_t vq_set_grad(Tensor t, Tensor grad) {
  VQ_TRY
  t->mutable_grad() = grad ? *grad : at::Tensor();
  return 0;
  VQ_CATCH(-1)
}
