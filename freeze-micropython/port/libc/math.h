// See string.h: the single-precision functions MicroPython's float support calls. Rust's
// compiler_builtins defines them (from the `libm` port) for targets without a C library; the
// few it lacks are defined by freeze-micropython (src/libm.rs).
#ifndef FREEZE_LIBC_MATH_H
#define FREEZE_LIBC_MATH_H
#define NAN (__builtin_nanf(""))
#define INFINITY (__builtin_inff())
#define HUGE_VALF (__builtin_huge_valf())
#define isnan(x) __builtin_isnan(x)
#define isinf(x) __builtin_isinf(x)
#define isfinite(x) __builtin_isfinite(x)
#define signbit(x) __builtin_signbit(x)
#define fpclassify(x) __builtin_fpclassify(FP_NAN, FP_INFINITE, FP_NORMAL, FP_SUBNORMAL, FP_ZERO, x)
#define FP_NAN 0
#define FP_INFINITE 1
#define FP_ZERO 2
#define FP_SUBNORMAL 3
#define FP_NORMAL 4
#define M_PI 3.14159265358979323846
#define M_E 2.7182818284590452354
float sqrtf(float); float powf(float, float); float expf(float); float expm1f(float);
float logf(float); float log2f(float); float log10f(float); float log1pf(float);
float coshf(float); float sinhf(float); float tanhf(float);
float acoshf(float); float asinhf(float); float atanhf(float);
float cosf(float); float sinf(float); float tanf(float);
float acosf(float); float asinf(float); float atanf(float); float atan2f(float, float);
float ceilf(float); float floorf(float); float truncf(float); float roundf(float); float rintf(float);
float nearbyintf(float); float fabsf(float); float fmodf(float, float); float copysignf(float, float);
float frexpf(float, int *); float ldexpf(float, int); float modff(float, float *);
float erff(float); float erfcf(float); float tgammaf(float); float lgammaf(float);
float fmaxf(float, float); float fminf(float, float); float hypotf(float, float);
double sqrt(double); double pow(double, double); double floor(double); double fmod(double, double);
double log(double); double exp(double); double ldexp(double, int); double frexp(double, int *);
double nearbyint(double); double fabs(double); double ceil(double); double trunc(double);
#endif
