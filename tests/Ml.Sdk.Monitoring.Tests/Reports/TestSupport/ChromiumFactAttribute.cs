namespace Ml.Sdk.Monitoring.Tests.Reports.TestSupport;

/// <summary>A fact that needs chromium: skipped at discovery, with the way to install it, on a machine without one.</summary>
public sealed class ChromiumFactAttribute : FactAttribute
{
    /// <summary>Sets <see cref="FactAttribute.Skip"/> when chromium cannot be found.</summary>
    public ChromiumFactAttribute()
    {
        if (Chromium.ExecutablePath is null)
        {
            Skip = Chromium.MissingReason;
        }
    }
}
