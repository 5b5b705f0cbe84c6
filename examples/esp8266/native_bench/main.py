# Runs one kernel of kernels.py, chosen when the firmware is built (freeze!'s `consts`:
# KERNEL = env!("FREEZE_BENCH_KERNEL")); "none" runs none, the baseline the benchmark subtracts.
import kernels

kernels.run(KERNEL, 512, 4)
