namespace Ml.Sdk.Monitoring.Streaming.Internal;

/// <summary>
/// What <see cref="Kswin"/> draws its reference sample with: a sample without replacement of <c>count</c> values from
/// the first <c>population</c> of a pool, every update once the window is full.
/// </summary>
/// <remarks>
/// Two generators: <see cref="PythonRandom"/>, CPython's <c>random.Random(seed).sample</c> word for word, for a seeded
/// detector that must draw what River's seeded KSWIN draws; and <see cref="WyrandSampler"/>, Ml.Sdk's own uniform
/// sampler, for an unseeded one (River's default seed is <c>None</c>: a random sample that no seed reproduces).
/// </remarks>
internal abstract class KswinSampler
{
    // The fixed starting state of an unseeded detector's generator (the first 64 bits of the golden ratio's fraction).
    private const ulong UnseededState = 0x9e3779b97f4a7c15UL;

    /// <summary>The sampler of a detector with <paramref name="seed"/>: CPython's for a seed, Ml.Sdk's own without one.</summary>
    /// <param name="seed">River's <c>seed</c>, or <see langword="null"/> for River's default.</param>
    public static KswinSampler Create(int? seed) =>
        seed is int value ? new PythonRandom(value) : new WyrandSampler(UnseededState);

    /// <summary>Prepares the scratch buffers for <see cref="Sample(int, Span{int})"/> over <c>range(population)</c>.</summary>
    /// <param name="population">The largest population that will be sampled.</param>
    public abstract void EnsureSampleCapacity(int population);

    /// <summary>Draws <c>drawn.Length</c> distinct values from the first <paramref name="population"/> bytes of <paramref name="pool"/>.</summary>
    /// <param name="pool">
    /// On entry, the population in its first <paramref name="population"/> bytes; its length is at least
    /// <see cref="PythonRandom.PoolLength"/>. Overwritten: on exit it holds no meaning.
    /// </param>
    /// <param name="population">The size of the population, at least <c>drawn.Length</c>.</param>
    /// <param name="drawn">Receives the drawn bytes (each generator documents their order).</param>
    public abstract void Sample(Span<byte> pool, int population, Span<byte> drawn);

    /// <summary>
    /// Draws <paramref name="count"/> distinct values from the first <paramref name="population"/> bytes of
    /// <paramref name="pool"/>, as <see cref="Sample(Span{byte}, int, Span{byte})"/> does, and sets <c>marks[value]</c>
    /// to 1 for each instead of listing them.
    /// </summary>
    /// <param name="pool">As for <see cref="Sample(Span{byte}, int, Span{byte})"/>.</param>
    /// <param name="population">The size of the population, at least <paramref name="count"/>.</param>
    /// <param name="scratch">At least <paramref name="count"/> bytes the sampler may use.</param>
    /// <param name="marks">Indexed by the values; the drawn ones are set to 1, the others left as they are.</param>
    /// <param name="count">How many values to draw.</param>
    public virtual void SampleMarks(Span<byte> pool, int population, Span<byte> scratch, Span<byte> marks, int count)
    {
        Span<byte> drawn = scratch[..count];
        Sample(pool, population, drawn);
        foreach (byte value in drawn)
        {
            marks[value] = 1;
        }
    }

    /// <summary>Draws <c>result.Length</c> distinct indices from <c>range(population)</c>.</summary>
    /// <param name="population">The size of the population, at least <c>result.Length</c>; at most the capacity given to <see cref="EnsureSampleCapacity"/>.</param>
    /// <param name="result">Receives the drawn indices in selection order.</param>
    public abstract void Sample(int population, Span<int> result);

    /// <summary>
    /// What River's <c>_reset</c> does to the generator when KSWIN restarts after a detection: <c>random.Random(seed)</c>
    /// again, which for a seed starts its sequence over and for <c>None</c> draws fresh randomness.
    /// </summary>
    public abstract void RestartAfterDetection();

    /// <summary>Returns the generator to the state it was created in.</summary>
    public abstract void Reset();
}
