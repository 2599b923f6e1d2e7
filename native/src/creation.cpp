// Tensor factories. Shapes arrive as (pointer, rank); dtypes as c10::ScalarType codes; devices as
// (c10::DeviceType code, index), see vq::device.
#include "common.h"

#include <cstring>

#define VQ_FACTORY(name, expr)                                                                        \
  VQ_API Tensor vq_##name(const int64_t* shape, int32_t ndim, int32_t dtype, int32_t dev, int32_t index) { \
    VQ_TRY                                                              \
    return vq::wrap(expr);                                              \
    VQ_CATCH(nullptr)                                                   \
  }

VQ_FACTORY(empty, at::empty(vq::dims(shape, ndim), vq::options(dtype, dev, index)))
VQ_FACTORY(zeros, at::zeros(vq::dims(shape, ndim), vq::options(dtype, dev, index)))
VQ_FACTORY(ones, at::ones(vq::dims(shape, ndim), vq::options(dtype, dev, index)))
VQ_FACTORY(rand, at::rand(vq::dims(shape, ndim), vq::options(dtype, dev, index)))
VQ_FACTORY(randn, at::randn(vq::dims(shape, ndim), vq::options(dtype, dev, index)))

VQ_API Tensor vq_full(const int64_t* shape, int32_t ndim, VqScalar value, int32_t dtype, int32_t dev, int32_t index) {
  VQ_TRY
  return vq::wrap(at::full(vq::dims(shape, ndim), vq::scalar(value), vq::options(dtype, dev, index)));
  VQ_CATCH(nullptr)
}

VQ_API Tensor vq_arange(VqScalar start, VqScalar end, VqScalar step, int32_t dtype, int32_t dev, int32_t index) {
  VQ_TRY
  return vq::wrap(at::arange(vq::scalar(start), vq::scalar(end), vq::scalar(step), vq::options(dtype, dev, index)));
  VQ_CATCH(nullptr)
}

VQ_API Tensor vq_linspace(double start, double end, int64_t steps, int32_t dtype, int32_t dev, int32_t index) {
  VQ_TRY
  return vq::wrap(at::linspace(start, end, steps, vq::options(dtype, dev, index)));
  VQ_CATCH(nullptr)
}

VQ_API Tensor vq_randint(int64_t low, int64_t high, const int64_t* shape, int32_t ndim, int32_t dtype, int32_t dev, int32_t index) {
  VQ_TRY
  return vq::wrap(at::randint(low, high, vq::dims(shape, ndim), vq::options(dtype, dev, index)));
  VQ_CATCH(nullptr)
}

VQ_API Tensor vq_randperm(int64_t n, int32_t dtype, int32_t dev, int32_t index) {
  VQ_TRY
  return vq::wrap(at::randperm(n, vq::options(dtype, dev, index)));
  VQ_CATCH(nullptr)
}

VQ_API Tensor vq_eye(int64_t n, int32_t dtype, int32_t dev, int32_t index) {
  VQ_TRY
  return vq::wrap(at::eye(n, vq::options(dtype, dev, index)));
  VQ_CATCH(nullptr)
}

/// Copies nbytes from data into a new tensor of the given shape and dtype.
VQ_API Tensor vq_from_buffer(const void* data, int64_t nbytes, const int64_t* shape, int32_t ndim, int32_t dtype,
                             int32_t dev, int32_t index) {
  VQ_TRY
  auto target = vq::device(dev, index);
  auto t = at::empty(vq::dims(shape, ndim), vq::options(dtype));
  int64_t need = t.numel() * static_cast<int64_t>(t.element_size());
  TORCH_CHECK(need == nbytes, "shape ", t.sizes(), " needs ", need, " bytes but ", nbytes, " were given");
  if (need > 0) std::memcpy(t.data_ptr(), data, static_cast<size_t>(need));
  // Bytes arrive in host memory: fill on the CPU, then one copy to the device.
  return vq::wrap(target.is_cpu() ? std::move(t) : t.to(target));
  VQ_CATCH(nullptr)
}

VQ_API Tensor vq_zeros_like(Tensor t) {
  VQ_TRY
  return vq::wrap(at::zeros_like(*t));
  VQ_CATCH(nullptr)
}

VQ_API Tensor vq_ones_like(Tensor t) {
  VQ_TRY
  return vq::wrap(at::ones_like(*t));
  VQ_CATCH(nullptr)
}

VQ_API Tensor vq_empty_like(Tensor t) {
  VQ_TRY
  return vq::wrap(at::empty_like(*t));
  VQ_CATCH(nullptr)
}

VQ_API Tensor vq_full_like(Tensor t, VqScalar value) {
  VQ_TRY
  return vq::wrap(at::full_like(*t, vq::scalar(value)));
  VQ_CATCH(nullptr)
}

VQ_API Tensor vq_randn_like(Tensor t) {
  VQ_TRY
  return vq::wrap(at::randn_like(*t));
  VQ_CATCH(nullptr)
}

VQ_API Tensor vq_rand_like(Tensor t) {
  VQ_TRY
  return vq::wrap(at::rand_like(*t));
  VQ_CATCH(nullptr)
}
