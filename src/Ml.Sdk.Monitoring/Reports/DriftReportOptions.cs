namespace Ml.Sdk.Monitoring.Reports;

/// <summary>What an HTML drift report shows besides the drift result itself: its title, the model and the time.</summary>
/// <remarks>
/// The report never reads the clock: pass the time from the host's <see cref="TimeProvider"/> as
/// <see cref="GeneratedAt"/>, so that the same result and options always give the same page.
/// </remarks>
public sealed class DriftReportOptions
{
    /// <summary>Gets or sets the page's title and main heading.</summary>
    /// <value>Default "Data drift report".</value>
    public string Title { get; set; } = "Data drift report";

    /// <summary>Gets or sets the monitored model's name, shown in the summary when set.</summary>
    /// <value>Default <see langword="null"/> (not shown).</value>
    public string? ModelName { get; set; }

    /// <summary>Gets or sets the monitored model's version, shown in the summary when set.</summary>
    /// <value>Default <see langword="null"/> (not shown).</value>
    public string? ModelVersion { get; set; }

    /// <summary>Gets or sets when the report was generated, shown in the summary when set (typically the host's <see cref="TimeProvider.GetUtcNow"/>).</summary>
    /// <value>Default <see langword="null"/> (not shown).</value>
    public DateTimeOffset? GeneratedAt { get; set; }

    /// <summary>
    /// Gets or sets how many bar groups a categorical chart draws at most: when a column has more categories, the
    /// largest ones keep their own bars and the rest are folded into one "other" group, so that the group count equals
    /// this value. Must be at least 2.
    /// </summary>
    /// <value>Default 20.</value>
    public int MaxCategoriesPerChart { get; set; } = 20;
}
