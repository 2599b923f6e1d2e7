// Element-wise math, comparisons, matrix products and activations.
#include "common.h"

#define VQ_UNARY(name, expr)               \
  VQ_API Tensor vq_##name(Tensor a) {      \
    VQ_TRY                                 \
    return vq::wrap(expr);                 \
    VQ_CATCH(nullptr)                      \
  }

#define VQ_BINARY(name, expr)                  \
  VQ_API Tensor vq_##name(Tensor a, Tensor b) { \
    VQ_TRY                                     \
    return vq::wrap(expr);                     \
    VQ_CATCH(nullptr)                          \
  }

#define VQ_BINARY_SCALAR(name, expr)                 \
  VQ_API Tensor vq_##name(Tensor a, VqScalar sv) {   \
    VQ_TRY                                           \
    auto s = vq::scalar(sv);                         \
    return vq::wrap(expr);                           \
    VQ_CATCH(nullptr)                                \
  }

#define VQ_INPLACE(name, stmt)                      \
  VQ_API int32_t vq_##name(Tensor a, Tensor b) {    \
    VQ_TRY                                          \
    stmt;                                           \
    return 0;                                       \
    VQ_CATCH(-1)                                    \
  }

#define VQ_INPLACE_SCALAR(name, stmt)                 \
  VQ_API int32_t vq_##name(Tensor a, VqScalar sv) {   \
    VQ_TRY                                            \
    auto s = vq::scalar(sv);                          \
    stmt;                                             \
    return 0;                                         \
    VQ_CATCH(-1)                                      \
  }

// unary
VQ_UNARY(neg, a->neg())
VQ_UNARY(abs, a->abs())
VQ_UNARY(exp, a->exp())
VQ_UNARY(log, a->log())
VQ_UNARY(log1p, a->log1p())
VQ_UNARY(sqrt, a->sqrt())
VQ_UNARY(rsqrt, a->rsqrt())
VQ_UNARY(sin, a->sin())
VQ_UNARY(cos, a->cos())
VQ_UNARY(tanh, a->tanh())
VQ_UNARY(sigmoid, a->sigmoid())
VQ_UNARY(relu, a->relu())
VQ_UNARY(silu, at::silu(*a))
VQ_UNARY(floor, a->floor())
VQ_UNARY(ceil, a->ceil())
VQ_UNARY(round, a->round())
VQ_UNARY(sign, a->sign())
VQ_UNARY(reciprocal, a->reciprocal())
VQ_UNARY(logical_not, a->logical_not())
VQ_UNARY(isnan, a->isnan())
VQ_UNARY(isinf, a->isinf())
VQ_UNARY(isfinite, a->isfinite())
VQ_UNARY(square, a->square())

VQ_API Tensor vq_gelu(Tensor a, int32_t tanh_approximation) {
  VQ_TRY
  return vq::wrap(at::gelu(*a, tanh_approximation ? "tanh" : "none"));
  VQ_CATCH(nullptr)
}

VQ_API Tensor vq_softmax(Tensor a, int64_t dim) {
  VQ_TRY
  return vq::wrap(a->softmax(dim));
  VQ_CATCH(nullptr)
}

VQ_API Tensor vq_log_softmax(Tensor a, int64_t dim) {
  VQ_TRY
  return vq::wrap(a->log_softmax(dim));
  VQ_CATCH(nullptr)
}

// binary, tensor with tensor (broadcasting)
VQ_API Tensor vq_add(Tensor a, Tensor b, VqScalar alpha) {
  VQ_TRY
  return vq::wrap(at::add(*a, *b, vq::scalar(alpha)));
  VQ_CATCH(nullptr)
}

VQ_API Tensor vq_sub(Tensor a, Tensor b, VqScalar alpha) {
  VQ_TRY
  return vq::wrap(at::sub(*a, *b, vq::scalar(alpha)));
  VQ_CATCH(nullptr)
}

VQ_BINARY(mul, at::mul(*a, *b))
VQ_BINARY(div, at::div(*a, *b))
VQ_BINARY(pow, at::pow(*a, *b))
VQ_BINARY(remainder, at::remainder(*a, *b))
VQ_BINARY(maximum, at::maximum(*a, *b))
VQ_BINARY(minimum, at::minimum(*a, *b))
VQ_BINARY(eq, at::eq(*a, *b))
VQ_BINARY(ne, at::ne(*a, *b))
VQ_BINARY(lt, at::lt(*a, *b))
VQ_BINARY(le, at::le(*a, *b))
VQ_BINARY(gt, at::gt(*a, *b))
VQ_BINARY(ge, at::ge(*a, *b))
VQ_BINARY(logical_and, at::logical_and(*a, *b))
VQ_BINARY(logical_or, at::logical_or(*a, *b))
VQ_BINARY(logical_xor, at::logical_xor(*a, *b))
VQ_BINARY(matmul, at::matmul(*a, *b))
VQ_BINARY(mm, at::mm(*a, *b))
VQ_BINARY(bmm, at::bmm(*a, *b))

// binary, tensor with scalar
VQ_BINARY_SCALAR(add_scalar, at::add(*a, s))
VQ_BINARY_SCALAR(sub_scalar, at::sub(*a, s))
VQ_BINARY_SCALAR(rsub_scalar, at::rsub(*a, s))
VQ_BINARY_SCALAR(mul_scalar, at::mul(*a, s))
VQ_BINARY_SCALAR(div_scalar, at::div(*a, s))
VQ_BINARY_SCALAR(pow_scalar, at::pow(*a, s))
VQ_BINARY_SCALAR(rpow_scalar, at::pow(s, *a))
VQ_BINARY_SCALAR(remainder_scalar, at::remainder(*a, s))
VQ_BINARY_SCALAR(eq_scalar, at::eq(*a, s))
VQ_BINARY_SCALAR(ne_scalar, at::ne(*a, s))
VQ_BINARY_SCALAR(lt_scalar, at::lt(*a, s))
VQ_BINARY_SCALAR(le_scalar, at::le(*a, s))
VQ_BINARY_SCALAR(gt_scalar, at::gt(*a, s))
VQ_BINARY_SCALAR(ge_scalar, at::ge(*a, s))

VQ_API Tensor vq_rdiv_scalar(Tensor a, VqScalar sv) {
  VQ_TRY
  return vq::wrap(at::mul(a->reciprocal(), vq::scalar(sv)));
  VQ_CATCH(nullptr)
}

// in place
VQ_API int32_t vq_add_(Tensor a, Tensor b, VqScalar alpha) {
  VQ_TRY
  a->add_(*b, vq::scalar(alpha));
  return 0;
  VQ_CATCH(-1)
}

VQ_API int32_t vq_sub_(Tensor a, Tensor b, VqScalar alpha) {
  VQ_TRY
  a->sub_(*b, vq::scalar(alpha));
  return 0;
  VQ_CATCH(-1)
}

VQ_INPLACE(mul_, a->mul_(*b))
VQ_INPLACE(div_, a->div_(*b))
VQ_INPLACE_SCALAR(add_scalar_, a->add_(s))
VQ_INPLACE_SCALAR(sub_scalar_, a->sub_(s))
VQ_INPLACE_SCALAR(mul_scalar_, a->mul_(s))
VQ_INPLACE_SCALAR(div_scalar_, a->div_(s))
VQ_INPLACE_SCALAR(pow_scalar_, a->pow_(s))

VQ_API int32_t vq_sqrt_(Tensor a) {
  VQ_TRY
  a->sqrt_();
  return 0;
  VQ_CATCH(-1)
}

VQ_API int32_t vq_addcmul_(Tensor a, Tensor t1, Tensor t2, VqScalar value) {
  VQ_TRY
  a->addcmul_(*t1, *t2, vq::scalar(value));
  return 0;
  VQ_CATCH(-1)
}

VQ_API int32_t vq_addcdiv_(Tensor a, Tensor t1, Tensor t2, VqScalar value) {
  VQ_TRY
  a->addcdiv_(*t1, *t2, vq::scalar(value));
  return 0;
  VQ_CATCH(-1)
}

VQ_API int32_t vq_lerp_(Tensor a, Tensor end, VqScalar weight) {
  VQ_TRY
  a->lerp_(*end, vq::scalar(weight));
  return 0;
  VQ_CATCH(-1)
}

VQ_API int32_t vq_clamp_(Tensor a, int32_t has_min, double min, int32_t has_max, double max) {
  VQ_TRY
  a->clamp_(has_min ? c10::optional<at::Scalar>(min) : c10::nullopt,
            has_max ? c10::optional<at::Scalar>(max) : c10::nullopt);
  return 0;
  VQ_CATCH(-1)
}

VQ_API Tensor vq_clamp(Tensor a, int32_t has_min, double min, int32_t has_max, double max) {
  VQ_TRY
  return vq::wrap(a->clamp(has_min ? c10::optional<at::Scalar>(min) : c10::nullopt,
                           has_max ? c10::optional<at::Scalar>(max) : c10::nullopt));
  VQ_CATCH(nullptr)
}

// matrix products with accumulation: out = beta * input + alpha * (a @ b)
VQ_API Tensor vq_addmm(Tensor input, Tensor a, Tensor b, VqScalar beta, VqScalar alpha) {
  VQ_TRY
  return vq::wrap(at::addmm(*input, *a, *b, vq::scalar(beta), vq::scalar(alpha)));
  VQ_CATCH(nullptr)
}

VQ_API Tensor vq_baddbmm(Tensor input, Tensor a, Tensor b, VqScalar beta, VqScalar alpha) {
  VQ_TRY
  return vq::wrap(at::baddbmm(*input, *a, *b, vq::scalar(beta), vq::scalar(alpha)));
  VQ_CATCH(nullptr)
}

VQ_API Tensor vq_einsum(const char* equation, const Tensor* ts, int32_t n) {
  VQ_TRY
  return vq::wrap(at::einsum(equation, vq::list(ts, n)));
  VQ_CATCH(nullptr)
}

VQ_API Tensor vq_one_hot(Tensor a, int64_t num_classes) {
  VQ_TRY
  return vq::wrap(at::one_hot(*a, num_classes));
  VQ_CATCH(nullptr)
}

VQ_API Tensor vq_bernoulli(Tensor probs) {
  VQ_TRY
  return vq::wrap(at::bernoulli(*probs));
  VQ_CATCH(nullptr)
}

VQ_API Tensor vq_multinomial(Tensor probs, int64_t n, int32_t replacement) {
  VQ_TRY
  return vq::wrap(at::multinomial(*probs, n, replacement != 0));
  VQ_CATCH(nullptr)
}

VQ_API Tensor vq_cdist(Tensor a, Tensor b, double p) {
  VQ_TRY
  return vq::wrap(at::cdist(*a, *b, p));
  VQ_CATCH(nullptr)
}
