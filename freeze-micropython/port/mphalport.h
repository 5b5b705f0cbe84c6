// The HAL of freeze-micropython: console output goes to the function the firmware registers
// (freeze_micropython::Config::console), defined in port.c; nothing else of mphal is needed by
// the core this crate builds.
static inline void mp_hal_set_interrupt_char(int c) {
    (void)c;
}

// No pins in the core: define the pin type so mphal.h does not pull in extmod's virtual pins.
#define mp_hal_pin_obj_t void *
