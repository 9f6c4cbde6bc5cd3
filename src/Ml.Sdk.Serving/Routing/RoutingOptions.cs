namespace Ml.Sdk.Serving;

/// <summary>
/// How a model's traffic is spread over its loaded versions. With nothing set, every request goes to the policy's
/// default version. Order of decisions: an explicit <see cref="InferenceOptions.Version"/> wins; then the canary takes
/// <see cref="CanaryPercent"/> of the traffic; the rest follows <see cref="Split"/> (or the default version). A request
/// with a <see cref="InferenceOptions.RoutingKey"/> is assigned by a stable hash of the key, so it sticks to one arm.
/// </summary>
public sealed class RoutingOptions
{
    /// <summary>Gets the weighted A/B arms.</summary>
    public IList<TrafficSplit> Split { get; } = new List<TrafficSplit>();

    /// <summary>Gets or sets the canary version.</summary>
    /// <value>The default is <see langword="null"/> (no canary).</value>
    public VersionTarget? Canary { get; set; }

    /// <summary>Gets or sets the share of traffic, in percent, that goes to the canary.</summary>
    /// <value>The default is 0.</value>
    public double CanaryPercent { get; set; }

    /// <summary>
    /// Gets or sets the shadow version: it receives a copy of the traffic, its outputs go to the inference observers and
    /// metrics, and it never answers a caller.
    /// </summary>
    /// <value>The default is <see langword="null"/> (no shadow).</value>
    public VersionTarget? Shadow { get; set; }

    /// <summary>Gets or sets the share of traffic, in percent, that is mirrored to the shadow.</summary>
    /// <value>The default is 100.</value>
    public double ShadowPercent { get; set; } = 100;

    /// <summary>Gets or sets the seed for assigning requests without a routing key (tests make it deterministic).</summary>
    /// <value>The default is <see langword="null"/> (a random seed).</value>
    public int? Seed { get; set; }
}
