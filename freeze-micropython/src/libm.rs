//! C math functions MicroPython's float support calls (`round`, `math.frexp`, `math.modf`,
//! `math.lgamma`, `math.atanh`, float parsing) that Rust's compiler_builtins does not export on
//! bare-metal targets, which have no C library to provide them. Defined from the `libm` crate
//! (the same code compiler_builtins uses for the functions it does export).

use core::ffi::c_char;

#[no_mangle]
extern "C" fn nanf(_tag: *const c_char) -> f32 {
    f32::NAN
}

/// Rounds to the nearest integer, ties to even, in the default rounding mode (there is only
/// one on a soft-float target), which is what `rintf` computes.
#[no_mangle]
extern "C" fn nearbyintf(x: f32) -> f32 {
    libm::rintf(x)
}

#[no_mangle]
extern "C" fn lgammaf(x: f32) -> f32 {
    libm::lgammaf(x)
}

#[no_mangle]
extern "C" fn atanhf(x: f32) -> f32 {
    libm::atanhf(x)
}

#[no_mangle]
extern "C" fn modff(x: f32, int_part: *mut f32) -> f32 {
    let (frac, int) = libm::modff(x);
    // SAFETY: MicroPython passes a valid pointer to a float.
    unsafe { *int_part = int };
    frac
}

#[no_mangle]
extern "C" fn frexpf(x: f32, exp: *mut i32) -> f32 {
    let (mantissa, e) = libm::frexpf(x);
    // SAFETY: MicroPython passes a valid pointer to an int.
    unsafe { *exp = e };
    mantissa
}
