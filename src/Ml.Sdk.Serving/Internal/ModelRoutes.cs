namespace Ml.Sdk.Serving.Internal;

/// <summary>
/// An immutable snapshot of a model's loaded versions and how traffic is spread over them. A swap publishes a new
/// snapshot in one write; requests pick a version from whichever snapshot they read.
/// </summary>
internal sealed class ModelRoutes
{
    private const ulong CanarySalt = 0x9E3779B97F4A7C15UL;
    private const ulong SplitSalt = 0xC2B2AE3D27D4EB4FUL;
    private const ulong ShadowSalt = 0x165667B19E3779F9UL;

    private readonly LoadedVersion[] _splitVersions;
    private readonly double[] _splitCumulative;
    private readonly Func<double> _random;

    public ModelRoutes(
        IReadOnlyDictionary<int, LoadedVersion> versions,
        LoadedVersion defaultVersion,
        IReadOnlyList<(LoadedVersion Version, double Weight)> split,
        LoadedVersion? canary,
        double canaryPercent,
        LoadedVersion? shadow,
        double shadowPercent,
        Func<double> random)
    {
        Versions = versions;
        Default = defaultVersion;
        Canary = canary;
        CanaryFraction = canaryPercent / 100.0;
        Shadow = shadow;
        ShadowFraction = shadowPercent / 100.0;
        _random = random;
        double total = split.Sum(static arm => arm.Weight);
        _splitVersions = [.. split.Select(static arm => arm.Version)];
        _splitCumulative = new double[split.Count];
        double running = 0;
        for (int i = 0; i < split.Count; i++)
        {
            running += split[i].Weight / total;
            _splitCumulative[i] = running;
        }
    }

    public IReadOnlyDictionary<int, LoadedVersion> Versions { get; }

    public LoadedVersion Default { get; }

    public LoadedVersion? Canary { get; }

    public double CanaryFraction { get; }

    public LoadedVersion? Shadow { get; }

    public double ShadowFraction { get; }

    public bool IsSimple => Canary is null && _splitVersions.Length == 0;

    /// <summary>Picks the version for a request (explicit versions are handled by the caller).</summary>
    public LoadedVersion Choose(string? routingKey)
    {
        if (IsSimple)
        {
            return Default;
        }

        if (Canary is not null && Unit(routingKey, CanarySalt) < CanaryFraction)
        {
            return Canary;
        }

        if (_splitVersions.Length == 0)
        {
            return Default;
        }

        double u = Unit(routingKey, SplitSalt);
        for (int i = 0; i < _splitCumulative.Length - 1; i++)
        {
            if (u < _splitCumulative[i])
            {
                return _splitVersions[i];
            }
        }

        return _splitVersions[^1];
    }

    /// <summary>Whether this request is mirrored to the shadow.</summary>
    public bool ShouldMirror(string? routingKey) =>
        Shadow is not null && (ShadowFraction >= 1 || Unit(routingKey, ShadowSalt) < ShadowFraction);

    private double Unit(string? routingKey, ulong salt) => routingKey is null ? _random() : StickyHash.Unit(routingKey, salt);
}
