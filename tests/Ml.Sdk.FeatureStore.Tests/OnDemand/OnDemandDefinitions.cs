using Ml.Sdk.FeatureStore.Definitions;

namespace Ml.Sdk.FeatureStore.Tests.OnDemand;

/// <summary>On-demand views the tests register: a ratio of a stored spend to a request amount, and broken transforms.</summary>
internal static class OnDemandDefinitions
{
    public static readonly Field Amount = new("amount", FeatureValueType.Float64);

    /// <summary><c>ratio = spend / amount</c> (null when spend or amount is missing) and <c>spend_known</c>, from <paramref name="view"/>:spend and the request's amount.</summary>
    public static OnDemandFeatureView SpendRatio(string view = "customer_stats", OnDemandTransform? transform = null, string name = "spend_ratio") => new(
        name,
        [new FeatureProjection(view, "spend")],
        [Amount],
        [new Field("ratio", FeatureValueType.Float64), new Field("spend_known", FeatureValueType.Bool)],
        transform ?? Ratio);

    public static void Ratio(OnDemandFeatureInput input, OnDemandFeatureOutput output)
    {
        bool known = !input.IsMissing("spend");
        output.Set("ratio", known && !input.IsMissing("amount") ? input.GetDouble("spend") / input.GetDouble("amount") : null);
        output.Set("spend_known", known);
    }

    public static void RatioAsFloat(OnDemandFeatureInput input, OnDemandFeatureOutput output)
    {
        output.Set("ratio", 1f);
        output.Set("spend_known", true);
    }

    public static void RatioUnset(OnDemandFeatureInput input, OnDemandFeatureOutput output) => output.Set("ratio", 1.0);

    public static void Throws(OnDemandFeatureInput input, OnDemandFeatureOutput output) =>
        throw new InvalidOperationException("boom");
}
