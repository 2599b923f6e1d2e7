// Devices: where a tensor lives, moving it, and the CUDA queries torch.cuda has (is_available,
// device_count, synchronize). Written against APIs that exist in both libtorch 1.13 (Debian, CPU) and 2.x
// (the CUDA wheels): at::hasCUDA and c10's device-guard registry, which libtorch_cuda fills when it loads.
// On a CPU-only libtorch they answer false / 0 and every CUDA request is an error naming the device.
#include "common.h"

#include <ATen/autocast_mode.h>
#include <c10/core/impl/DeviceGuardImplInterface.h>

#include <sstream>

namespace {

int32_t cuda_count() {
  if (!at::hasCUDA() || !c10::impl::hasDeviceGuardImpl(c10::DeviceType::CUDA)) return 0;
  return static_cast<int32_t>(c10::impl::getDeviceGuardImpl(c10::DeviceType::CUDA)->deviceCount());
}

std::string build_text() {
  std::ostringstream os;
  os << "libvqdna_native is built against libtorch " << TORCH_VERSION;
  if (!c10::impl::hasDeviceGuardImpl(c10::DeviceType::CUDA)) os << " without CUDA (a CPU-only build)";
  return os.str();
}

}  // namespace

namespace vq {

at::Device device(int32_t type, int32_t index) {
  auto t = static_cast<c10::DeviceType>(type);
  TORCH_CHECK(t == c10::DeviceType::CPU || t == c10::DeviceType::CUDA || t == c10::DeviceType::Meta,
              "device type code ", type, " is not supported (expected cpu, cuda or meta)");
  TORCH_CHECK(index >= -1 && index < 128, "device index ", index, " is out of range");
  at::Device d(t, static_cast<c10::DeviceIndex>(index));
  if (t == c10::DeviceType::CUDA) {
    int32_t n = cuda_count();
    TORCH_CHECK(n > 0, "device '", d.str(), "' was asked for, but CUDA is not available here (", build_text(),
                ", or no GPU is visible)");
    TORCH_CHECK(index < n, "device '", d.str(), "' was asked for, but only ", n, " CUDA device",
                n == 1 ? " is" : "s are", " visible (cuda:0", n > 1 ? "..cuda:" + std::to_string(n - 1) : "", ")");
  }
  return d;
}

}  // namespace vq

VQ_API int32_t vq_cuda_is_available() {
  VQ_TRY
  return cuda_count() > 0 ? 1 : 0;
  VQ_CATCH(0)
}

VQ_API int32_t vq_cuda_device_count() {
  VQ_TRY
  return cuda_count();
  VQ_CATCH(0)
}

/// Waits for the work queued on the device's current stream (the only stream this binding uses), as
/// torch.cuda.synchronize does for timing. index -1 is the current device.
VQ_API int32_t vq_cuda_synchronize(int32_t index) {
  VQ_TRY
  auto d = vq::device(static_cast<int32_t>(c10::DeviceType::CUDA), index);
  auto impl = c10::impl::getDeviceGuardImpl(c10::DeviceType::CUDA);
  if (!d.has_index()) d = impl->getDevice();
  impl->getStream(d).synchronize();
  return 0;
  VQ_CATCH(-1)
}

/// libtorch's version, from torch/version.h of the headers this library was compiled with.
VQ_API void vq_torch_version(int32_t* major, int32_t* minor, int32_t* patch) {
  *major = TORCH_VERSION_MAJOR;
  *minor = TORCH_VERSION_MINOR;
  *patch = TORCH_VERSION_PATCH;
}

VQ_API void vq_device_of(Tensor t, int32_t* type, int32_t* index) {
  auto d = t->device();
  *type = static_cast<int32_t>(d.type());
  *index = d.has_index() ? d.index() : -1;
}

/// t.to(device[, dtype]); dtype -1 keeps the dtype. An alias of t when nothing changes, as in PyTorch.
VQ_API Tensor vq_to_device(Tensor t, int32_t type, int32_t index, int32_t dtype, int32_t non_blocking) {
  VQ_TRY
  auto d = vq::device(type, index);
  auto st = dtype < 0 ? t->scalar_type() : static_cast<at::ScalarType>(dtype);
  return vq::wrap(t->to(d, st, non_blocking != 0));
  VQ_CATCH(nullptr)
}

/// `t.data = source` (Tensor.set_data): t keeps its autograd identity (so an optimizer holding t still
/// updates the model) while its storage, device and dtype become source's. Module.to moves parameters so.
VQ_API int32_t vq_set_data(Tensor t, Tensor source) {
  VQ_TRY
  t->set_data(*source);
  return 0;
  VQ_CATCH(-1)
}

/// torch.set_float32_matmul_precision: "highest" (fp32), "high" (TF32 on Ampere and later) or "medium".
VQ_API int32_t vq_set_float32_matmul_precision(const char* precision) {
  VQ_TRY
  std::string p = precision ? precision : "";
  TORCH_CHECK(p == "highest" || p == "high" || p == "medium", "float32 matmul precision must be highest, high or ",
              "medium, got '", p, "'");
  at::globalContext().setFloat32MatmulPrecision(p);
  return 0;
  VQ_CATCH(-1)
}

/// 0 highest, 1 high, 2 medium.
VQ_API int32_t vq_get_float32_matmul_precision() {
  switch (at::globalContext().float32MatmulPrecision()) {
    case at::Float32MatmulPrecision::HIGHEST: return 0;
    case at::Float32MatmulPrecision::HIGH: return 1;
    default: return 2;
  }
}

/// Whether libtorch_cuda is loaded (torch.backends.cuda.is_built): true on a CUDA build even without a GPU.
VQ_API int32_t vq_cuda_is_built() { return c10::impl::hasDeviceGuardImpl(c10::DeviceType::CUDA) ? 1 : 0; }

// ---- autocast (torch.autocast): ops on the autocast lists run in a lower precision, parameters stay float32 ----
// libtorch 2.4 replaced the per-backend functions (set_enabled = CUDA, set_cpu_enabled) by ones taking a device type.
#if TORCH_VERSION_MAJOR > 2 || (TORCH_VERSION_MAJOR == 2 && TORCH_VERSION_MINOR >= 4)
#define VQ_AUTOCAST_BY_DEVICE 1
#endif

namespace {

c10::DeviceType autocast_device(int32_t type) {
  auto t = static_cast<c10::DeviceType>(type);
  TORCH_CHECK(t == c10::DeviceType::CPU || t == c10::DeviceType::CUDA, "autocast runs on cpu or cuda, not device type ",
              type);
  return t;
}

bool autocast_enabled(c10::DeviceType t) {
#ifdef VQ_AUTOCAST_BY_DEVICE
  return at::autocast::is_autocast_enabled(t);
#else
  return t == c10::DeviceType::CPU ? at::autocast::is_cpu_enabled() : at::autocast::is_enabled();
#endif
}

at::ScalarType autocast_dtype(c10::DeviceType t) {
#ifdef VQ_AUTOCAST_BY_DEVICE
  return at::autocast::get_autocast_dtype(t);
#else
  return t == c10::DeviceType::CPU ? at::autocast::get_autocast_cpu_dtype() : at::autocast::get_autocast_gpu_dtype();
#endif
}

void set_autocast(c10::DeviceType t, bool enabled, at::ScalarType dtype) {
#ifdef VQ_AUTOCAST_BY_DEVICE
  at::autocast::set_autocast_enabled(t, enabled);
  at::autocast::set_autocast_dtype(t, dtype);
#else
  if (t == c10::DeviceType::CPU) {
    at::autocast::set_cpu_enabled(enabled);
    at::autocast::set_autocast_cpu_dtype(dtype);
  } else {
    at::autocast::set_enabled(enabled);
    at::autocast::set_autocast_gpu_dtype(dtype);
  }
#endif
}

}  // namespace

/// Enters an autocast region on this thread (torch.autocast.__enter__); *previous receives the state to restore:
/// enabled flag in bit 8, dtype in the low byte.
VQ_API int32_t vq_autocast_enter(int32_t type, int32_t enabled, int32_t dtype, int32_t* previous) {
  VQ_TRY
  auto t = autocast_device(type);
  auto st = static_cast<at::ScalarType>(dtype);
  TORCH_CHECK(!enabled || st == at::kBFloat16 || st == at::kHalf, "autocast dtype must be bfloat16 or float16, got ",
              st);
  if (t == c10::DeviceType::CUDA && enabled) vq::device(type, -1);  // a clear error where there is no CUDA
  *previous = (autocast_enabled(t) ? 256 : 0) | static_cast<int32_t>(autocast_dtype(t));
  set_autocast(t, enabled != 0, st);
  at::autocast::increment_nesting();
  return 0;
  VQ_CATCH(-1)
}

/// Leaves the region (torch.autocast.__exit__): restores the state and, when the outermost region closes, drops the
/// cached low-precision copies of the weights (they would be stale after the next optimizer step).
VQ_API int32_t vq_autocast_exit(int32_t type, int32_t previous) {
  VQ_TRY
  auto t = autocast_device(type);
  if (at::autocast::decrement_nesting() == 0) at::autocast::clear_cache();
  set_autocast(t, (previous & 256) != 0, static_cast<at::ScalarType>(previous & 255));
  return 0;
  VQ_CATCH(-1)
}

VQ_API int32_t vq_autocast_is_enabled(int32_t type) {
  VQ_TRY
  return autocast_enabled(autocast_device(type)) ? 1 : 0;
  VQ_CATCH(-1)
}
