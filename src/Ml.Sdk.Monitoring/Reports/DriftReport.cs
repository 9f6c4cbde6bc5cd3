using System.Text;
using Ml.Sdk.Monitoring.Drift;
using Ml.Sdk.Monitoring.Reports.Internal;

namespace Ml.Sdk.Monitoring.Reports;

/// <summary>
/// Renders a <see cref="DatasetDriftResult"/> as one self-contained HTML page: a summary, a table of every column and
/// an inline SVG chart of the reference and current shares per tested column.
/// </summary>
/// <remarks>
/// The page has inline CSS only, no JavaScript and no external resources, so it renders offline and can be mailed or
/// archived as one file. It embeds no raw values, only the shares per bin or category, so its size depends on the
/// number of columns and bins, never on the number of rows. Every text that comes from the data or the options is
/// HTML-escaped, and numbers are written in the invariant culture whatever the current culture is.
/// </remarks>
public static class DriftReport
{
    private static readonly UTF8Encoding s_utf8NoBom = new(encoderShouldEmitUTF8Identifier: false);

    /// <summary>Renders the report as an HTML string.</summary>
    /// <param name="result">The drift result to show.</param>
    /// <param name="options">The title, model and time; <see langword="null"/> for the defaults.</param>
    /// <returns>The complete HTML document.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="result"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><see cref="DriftReportOptions.MaxCategoriesPerChart"/> is less than 2.</exception>
    public static string ToHtml(DatasetDriftResult result, DriftReportOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(result);
        options ??= new DriftReportOptions();
        if (options.MaxCategoriesPerChart < 2)
        {
            throw new ArgumentOutOfRangeException(
                nameof(options),
                options.MaxCategoriesPerChart,
                "MaxCategoriesPerChart must be at least 2: one category and the \"other\" group.");
        }

        return DriftReportDocument.Render(result, options);
    }

    /// <summary>Renders the report and writes it to <paramref name="destination"/> as UTF-8 without a byte order mark.</summary>
    /// <param name="result">The drift result to show.</param>
    /// <param name="destination">The stream to write to; it is left open and not flushed beyond the write.</param>
    /// <param name="options">The title, model and time; <see langword="null"/> for the defaults.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>A task that completes when the page has been written.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="result"/> or <paramref name="destination"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><see cref="DriftReportOptions.MaxCategoriesPerChart"/> is less than 2.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was canceled.</exception>
    public static async Task WriteHtmlAsync(
        DatasetDriftResult result,
        Stream destination,
        DriftReportOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(destination);
        cancellationToken.ThrowIfCancellationRequested();

        // The page is bounded by columns × bins (tens to hundreds of kilobytes), so one buffer is simpler than a
        // streaming writer and lets a failed render leave the destination untouched.
        byte[] bytes = s_utf8NoBom.GetBytes(ToHtml(result, options));
        await destination.WriteAsync(bytes, cancellationToken).ConfigureAwait(false);
    }
}
