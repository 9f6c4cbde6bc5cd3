using System.Runtime.CompilerServices;

namespace Ml.Sdk.Monitoring.Streaming.Internal;

/// <summary>
/// <see cref="Kswin"/>'s sliding window: it keeps the last <c>windowSize</c> values and, once full, draws River's
/// reference sample from the older <c>windowSize - statSize</c> of them and measures the Kolmogorov–Smirnov distance
/// between that sample and the newest <c>statSize</c> values, as h = statSize · D.
/// </summary>
/// <remarks>
/// Three layouts give the same h for the same values and draws: <see cref="KswinAgeOrderWindow"/> for windows of up to
/// <see cref="KswinAgeOrderWindow.MaxWindowSize"/> values (River's default is 100) on processors with AVX-512 VBMI,
/// <see cref="KswinRankWindow"/> for windows of up to <see cref="KswinRankWindow.MaxWindowSize"/> values otherwise, and
/// <see cref="KswinSortedWindow"/> for longer ones.
/// </remarks>
internal abstract class KswinWindow
{
    /// <summary>Gets how many values the window holds.</summary>
    public abstract int Count { get; }

    /// <summary>Creates the layout that suits the window's size.</summary>
    /// <param name="windowSize">The length of the window, at least <c>2 · statSize</c>.</param>
    /// <param name="statSize">How many of the newest values are tested, at least 1.</param>
    public static KswinWindow Create(int windowSize, int statSize) =>
        windowSize <= KswinAgeOrderWindow.MaxWindowSize && KswinAgeOrderWindow.IsSupported
            ? new KswinAgeOrderWindow(windowSize, statSize)
            : windowSize <= KswinRankWindow.MaxWindowSize
                ? new KswinRankWindow(windowSize, statSize)
                : new KswinSortedWindow(windowSize, statSize);

    /// <summary>Empties the window.</summary>
    public abstract void Clear();

    /// <summary>Adds the newest value; once the window is full, the oldest value leaves.</summary>
    /// <param name="value">The value, finite.</param>
    public abstract void Append(float value);

    /// <summary>
    /// Draws statSize of the positions <c>range(windowSize - statSize)</c> with <paramref name="sampler"/> (River's
    /// <c>random.sample</c>): positions among the older values, oldest first, of the window as it will be after the next
    /// <see cref="Append"/>, which must fill it or keep it full. The draw depends on the generator alone, so drawing
    /// before appending lets the processor run the draw's chain of dependent steps alongside the append.
    /// </summary>
    /// <param name="sampler">The generator the detector draws with.</param>
    public abstract void Draw(KswinSampler sampler);

    /// <summary>
    /// One update of KSWIN's window: when <paramref name="full"/> (the window is full after this value), draws, then
    /// appends <paramref name="value"/> and returns h as <see cref="Measure"/> does; otherwise appends and returns -1.
    /// </summary>
    /// <param name="value">The value, finite.</param>
    /// <param name="sampler">The generator the detector draws with.</param>
    /// <param name="full">Whether the window holds windowSize values once <paramref name="value"/> is in.</param>
    public virtual int Update(float value, KswinSampler sampler, bool full) => Update(this, value, sampler, full);

    /// <summary>
    /// <see cref="Update(float, KswinSampler, bool)"/> for <paramref name="window"/>. A layout that overrides the update
    /// with a call to this, passing itself, has it inlined there with its own type known, so that the three steps are
    /// direct calls the JIT can inline too, with no reliance on profile-guided guesses.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    protected static int Update<TWindow>(TWindow window, float value, KswinSampler sampler, bool full)
        where TWindow : KswinWindow
    {
        if (full)
        {
            window.Draw(sampler);
        }

        window.Append(value);
        return full ? window.Measure() : -1;
    }

    /// <summary>
    /// h = statSize · D between the values at the drawn positions and the newest statSize values: the largest |i - j|
    /// over the distinct values of the window, where i and j count the drawn and the newest values at most that value.
    /// The window must be full, and <see cref="Draw"/> must have drawn since the last <see cref="Measure"/>.
    /// </summary>
    public abstract int Measure();
}
