namespace Ml.Sdk.FeatureStore.Online;

/// <summary>Whether an online read found a usable value for one feature of one entity.</summary>
public enum FeatureValueStatus
{
    /// <summary>A value is stored and within the view's time-to-live.</summary>
    Present,

    /// <summary>No value is stored for the entity key and view, or the stored value is null.</summary>
    Missing,

    /// <summary>
    /// A value is stored, but its event timestamp is older than the read time minus the view's time-to-live; the read
    /// reports no value, as Feast does for values outside their maximum age.
    /// </summary>
    Expired,
}
