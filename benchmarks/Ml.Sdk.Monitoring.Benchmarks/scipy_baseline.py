# Reference figures for docs/benchmarks.md (Ml.Sdk.Monitoring): scipy/numpy on the same shapes as DriftBenchmarks.
# Run with Debian's python3-scipy: /usr/bin/python3 benchmarks/Ml.Sdk.Monitoring.Benchmarks/scipy_baseline.py
import time, numpy as np
from scipy import stats
rng = np.random.default_rng(20240601)
ref = rng.normal(0, 1, 1_000_000).astype(np.float32)
cur = rng.normal(0.01, 1, 1_000_000).astype(np.float32)
def best(f, n=5):
    t = []
    for _ in range(n):
        s = time.perf_counter(); f(); t.append(time.perf_counter() - s)
    return min(t)
ks = best(lambda: stats.ks_2samp(ref, cur), 3)
edges = np.quantile(ref, np.linspace(0, 1, 11))
hist = best(lambda: np.histogram(cur, edges))
sref = np.sort(ref)
def psi():
    c, _ = np.histogram(cur, edges); r, _ = np.histogram(ref, edges)
    p = np.where(r == 0, 1e-4, r / r.sum()); q = np.where(c == 0, 1e-4, c / c.sum())
    return np.sum((p - q) * np.log(p / q))
cb = best(lambda: np.histogram(cur, edges))
wd = best(lambda: stats.wasserstein_distance(ref, cur), 3)
print(f"scipy {__import__('scipy').__version__} numpy {np.__version__}")
print(f"ks_2samp 1M vs 1M: {ks*1000:.0f} ms -> {1e6/ks/1e6:.1f} M current rows/s ({2e6/ks/1e6:.1f} M rows/s counting both)")
print(f"np.histogram of 1M current into 10 precomputed quantile bins: {hist*1000:.1f} ms -> {1e6/hist/1e6:.0f} M rows/s")
print(f"wasserstein_distance 1M vs 1M: {wd*1000:.0f} ms -> {1e6/wd/1e6:.1f} M current rows/s")
