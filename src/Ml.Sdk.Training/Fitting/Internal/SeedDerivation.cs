namespace Ml.Sdk.Training.Fitting.Internal;

/// <summary>Seeds derived from the fit's seed, each a fixed function of its inputs so that resuming reproduces them.</summary>
internal static class SeedDerivation
{
    public static int ForEpoch(int seed, int epoch) => Mix(seed, epoch, 0x45504F43);

    public static int ForValidationSplit(int seed) => Mix(seed, 0, 0x53504C54);

    private static int Mix(int seed, int value, int purpose)
    {
        // SplitMix64's finaliser over the three inputs: nearby seeds and epochs give unrelated streams.
        ulong z = unchecked(((ulong)(uint)seed << 32) ^ (uint)value ^ ((ulong)(uint)purpose * 0x9E3779B97F4A7C15UL));
        z = unchecked((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL);
        z = unchecked((z ^ (z >> 27)) * 0x94D049BB133111EBUL);
        return unchecked((int)(z ^ (z >> 31)));
    }
}
