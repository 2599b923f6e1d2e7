// torch.save-compatible files: a zip archive holding a pickled dict of tensors. Reading is done in C#
// (TorchZipReader): libtorch 1.13's unpickler reads OrderedDict as None (pytorch#100741), so it cannot
// load state_dict files. Only this file pulls in the (slow to compile) jit serialization header.
#include "common.h"

#include <torch/csrc/jit/serialization/pickle.h>

#include <fstream>

/// Writes {names[i]: tensors[i]} as torch.save would; Python's torch.load reads it.
VQ_API int32_t vq_save_dict(const char* path, const char** names, const Tensor* tensors, int32_t n) {
  VQ_TRY
  c10::Dict<std::string, at::Tensor> dict;
  // Saved from the CPU, so a file written on a GPU loads on a CPU-only machine without map_location.
  for (int32_t i = 0; i < n; ++i) dict.insert(names[i], tensors[i]->detach().to(at::kCPU));
  std::vector<char> bytes = torch::jit::pickle_save(c10::IValue(dict));
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  TORCH_CHECK(out, "cannot open '", path, "' for writing");
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  out.close();
  TORCH_CHECK(out, "writing '", path, "' failed");
  return 0;
  VQ_CATCH(-1)
}
