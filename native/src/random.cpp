// Parallel random masks. libtorch 1.13 fills bernoulli_ on CPU serially under the generator's lock
// (bench/train-step: ~15% of a training step goes to dropout masks). Here each element's bits come
// from a counter-based hash (SplitMix64 of seed + index), so threads fill disjoint ranges without a
// shared state and the result depends only on the seed, never on the thread count. The seed is drawn
// from libtorch's default generator, so torch.manual_seed still fixes every mask.
#include "common.h"

#include <ATen/CPUGeneratorImpl.h>
#include <ATen/Dispatch.h>
#include <ATen/Parallel.h>
#include <mutex>

namespace {

inline uint64_t splitmix64(uint64_t x) {
  x += 0x9E3779B97F4A7C15ull;
  x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ull;
  x = (x ^ (x >> 27)) * 0x94D049BB133111EBull;
  return x ^ (x >> 31);
}

uint64_t draw_seed() {
  auto gen = at::detail::getDefaultCPUGenerator();
  std::lock_guard<std::mutex> lock(gen.mutex());
  return at::check_generator<at::CPUGeneratorImpl>(gen)->random64();
}

}  // namespace

/// A tensor of the given shape and floating dtype whose elements are 0 with probability p and 1/(1-p) otherwise
/// (rounded to the dtype): the inverted-dropout mask (x * mask is dropout, and its gradient is grad * mask). The
/// dtype is the input's, so bf16 autocast activations keep this path (libtorch's bf16 bernoulli_ is as serial as its
/// float32 one) and stay bf16; float32, bfloat16, float16 and float64 draw the same keep/drop pattern for one seed.
/// Off the CPU the mask is libtorch's bernoulli_ from that device's generator (so CPU and CUDA masks differ for the
/// same seed, as in PyTorch).
VQ_API Tensor vq_dropout_mask(const int64_t* shape, int32_t ndim, double p, int32_t dtype, int32_t dev, int32_t index) {
  VQ_TRY
  TORCH_CHECK(p >= 0.0 && p < 1.0, "dropout mask probability must be in [0, 1), got ", p);
  const auto type = static_cast<at::ScalarType>(dtype);
  TORCH_CHECK(at::isFloatingType(type), "a dropout mask is a floating dtype, got ", type);
  auto target = vq::device(dev, index);
  auto options = at::TensorOptions().dtype(type).device(target);
  if (!target.is_cpu()) {
    auto mask = at::empty(vq::dims(shape, ndim), options);
    return vq::wrap(mask.bernoulli_(1.0 - p).div_(1.0 - p));
  }
  auto out = at::empty(vq::dims(shape, ndim), options);
  const int64_t n = out.numel();
  const uint64_t seed = draw_seed();
  // keep when the 32-bit uniform is >= p * 2^32; exact to 2^-32
  const uint64_t threshold = static_cast<uint64_t>(p * 4294967296.0);
  AT_DISPATCH_FLOATING_TYPES_AND2(at::kBFloat16, at::kHalf, type, "vq_dropout_mask", [&] {
    scalar_t* data = out.data_ptr<scalar_t>();
    const scalar_t scale = static_cast<scalar_t>(1.0 / (1.0 - p));
    const scalar_t zero = static_cast<scalar_t>(0);
    at::parallel_for(0, (n + 1) / 2, 16384, [&](int64_t begin, int64_t end) {
      for (int64_t i = begin; i < end; ++i) {
        uint64_t bits = splitmix64(seed + static_cast<uint64_t>(i) * 0xD1B54A32D192ED03ull);
        int64_t k = 2 * i;
        data[k] = (bits & 0xFFFFFFFFull) >= threshold ? scale : zero;
        if (k + 1 < n) data[k + 1] = (bits >> 32) >= threshold ? scale : zero;
      }
    });
  });
  return vq::wrap(std::move(out));
  VQ_CATCH(nullptr)
}
