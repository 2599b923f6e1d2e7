// Multi-tensor optimizer kernels. These are generic tensor ops (PyTorch 2.x ships the same idea as
// torch._fused_adamw_): one pass over memory per parameter instead of the ~8 passes of the
// op-by-op update. bench/train-step measures what it saves.
#include "common.h"

#include <ATen/Parallel.h>
#include <cmath>

namespace {

// The element-wise update of torch.optim.AdamW's single-tensor path (PyTorch 1.13), with the same
// operation order so results agree to float rounding.
void adamw_float(float* p, const float* g, float* m, float* v, int64_t n, float decay, float beta1,
                 float one_minus_beta1, float beta2, float one_minus_beta2, float bc2_sqrt, float eps,
                 float neg_step_size) {
  at::parallel_for(0, n, 16384, [&](int64_t begin, int64_t end) {
    for (int64_t i = begin; i < end; ++i) {
      float gi = g[i];
      float pi = p[i] * decay;
      float mi = m[i] * beta1 + one_minus_beta1 * gi;
      float vi = v[i] * beta2 + one_minus_beta2 * gi * gi;
      float denom = std::sqrt(vi) / bc2_sqrt + eps;
      m[i] = mi;
      v[i] = vi;
      p[i] = pi + neg_step_size * mi / denom;
    }
  });
}

}  // namespace

/// AdamW step over n parameters; `step` is the step count after increment (1 on the first step).
/// Parameters without gradient are skipped (grads[i] == nullptr).
VQ_API int32_t vq_adamw_step(const Tensor* params, const Tensor* grads, const Tensor* exp_avgs,
                             const Tensor* exp_avg_sqs, int32_t n, double lr, double beta1, double beta2,
                             double eps, double weight_decay, int64_t step) {
  VQ_TRY
  at::NoGradGuard no_grad;
  double bc1 = 1.0 - std::pow(beta1, static_cast<double>(step));
  double bc2 = 1.0 - std::pow(beta2, static_cast<double>(step));
  double step_size = lr / bc1;
  double bc2_sqrt = std::sqrt(bc2);
  std::vector<at::Tensor> sp, sg, sm, sv;
  for (int32_t i = 0; i < n; ++i) {
    if (!grads[i]) continue;
    at::Tensor& p = *params[i];
    const at::Tensor& g = *grads[i];
    at::Tensor& m = *exp_avgs[i];
    at::Tensor& v = *exp_avg_sqs[i];
    TORCH_CHECK(p.sizes() == g.sizes() && p.sizes() == m.sizes() && p.sizes() == v.sizes(),
                "adamw_step: parameter ", i, " has shape ", p.sizes(), " but its gradient or state has ", g.sizes(),
                ", ", m.sizes(), ", ", v.sizes());
    TORCH_CHECK(p.device() == g.device() && p.device() == m.device() && p.device() == v.device(),
                "adamw_step: parameter ", i, " is on ", p.device().str(), " but its gradient, exp_avg and exp_avg_sq ",
                "are on ", g.device().str(), ", ", m.device().str(), ", ", v.device().str(),
                " (move the module before creating the optimizer)");
    // The fused loop reads host memory: CPU only; other devices take libtorch's op-by-op path.
    bool fast = p.is_cpu() && p.scalar_type() == at::kFloat && g.scalar_type() == at::kFloat && m.scalar_type() == at::kFloat &&
                v.scalar_type() == at::kFloat && p.is_contiguous() && g.is_contiguous() && m.is_contiguous() &&
                v.is_contiguous();
    if (fast) {
      adamw_float(p.data_ptr<float>(), g.data_ptr<float>(), m.data_ptr<float>(), v.data_ptr<float>(), p.numel(),
                  static_cast<float>(1.0 - lr * weight_decay), static_cast<float>(beta1),
                  static_cast<float>(1.0 - beta1), static_cast<float>(beta2), static_cast<float>(1.0 - beta2),
                  static_cast<float>(bc2_sqrt), static_cast<float>(eps), static_cast<float>(-step_size));
    } else {
      sp.push_back(p);
      sg.push_back(g);
      sm.push_back(m);
      sv.push_back(v);
    }
  }
  // The rest (GPU tensors, other dtypes) in libtorch's multi-tensor ops: a few kernel launches for all of them
  // instead of several per parameter; the same operations in the same order as the single-tensor code.
  if (!sp.empty()) {
    at::_foreach_mul_(sp, at::Scalar(1.0 - lr * weight_decay));
    at::_foreach_mul_(sm, at::Scalar(beta1));
    at::_foreach_add_(sm, sg, at::Scalar(1.0 - beta1));
    at::_foreach_mul_(sv, at::Scalar(beta2));
    at::_foreach_addcmul_(sv, sg, sg, at::Scalar(1.0 - beta2));
    auto denom = at::_foreach_sqrt(sv);
    at::_foreach_div_(denom, at::Scalar(bc2_sqrt));
    at::_foreach_add_(denom, at::Scalar(eps));
    at::_foreach_addcdiv_(sp, sm, denom, at::Scalar(-step_size));
  }
  return 0;
  VQ_CATCH(-1)
}
