namespace Ml.Sdk.Core.Kernels.Internal;

/// <summary>
/// The vector passes of <see cref="CumulativeCompareCounter"/> at one vector width. Implemented by structs so that
/// the JIT compiles the block loop once per width with the passes inlined.
/// </summary>
internal interface IComparePasses
{
    /// <summary>Counts, over one block, the values below each of four edges.</summary>
    static abstract void Pass(
        ref float block, int length, float e0, float e1, float e2, float e3,
        out int c0, out int c1, out int c2, out int c3);

    /// <summary>Counts, over one block, the values below two edges, above the last edge, and not NaN.</summary>
    static abstract void FinalPass(
        ref float block, int length, float e0, float e1, float last,
        out int c0, out int c1, out int aboveLast, out int notNaN);
}
