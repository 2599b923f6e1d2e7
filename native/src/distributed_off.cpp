// Built instead of distributed.cpp when VQDNA_WITH_DISTRIBUTED is OFF (a libtorch whose c10d Gloo headers were
// not found). Same exports, so the C# binding loads unchanged; creating a group says why it cannot.
#include "common.h"

VQ_API int32_t vq_dist_init(const char* master_addr, int32_t port, int32_t rank, int32_t world_size,
                            int64_t timeout_ms, const char* store_prefix, void** out) {
  *out = nullptr;
  vq::set_error(
      "data-parallel training is not available: this libvqdna_native was built with VQDNA_WITH_DISTRIBUTED=OFF "
      "(the c10d Gloo headers were not found next to this libtorch)");
  return -1;
}

VQ_API void vq_dist_free(void* handle) {}

#define VQ_NO_GROUP "no process group exists in a build with VQDNA_WITH_DISTRIBUTED=OFF"

VQ_API int32_t vq_dist_allreduce(void* handle, const Tensor* tensors, int32_t n) {
  vq::set_error(VQ_NO_GROUP);
  return -1;
}

VQ_API int32_t vq_dist_broadcast(void* handle, const Tensor* tensors, int32_t n, int32_t root) {
  vq::set_error(VQ_NO_GROUP);
  return -1;
}

VQ_API int32_t vq_dist_barrier(void* handle) {
  vq::set_error(VQ_NO_GROUP);
  return -1;
}

VQ_API Tensor vq_dist_allgather(void* handle, Tensor input) {
  vq::set_error(VQ_NO_GROUP);
  return nullptr;
}
