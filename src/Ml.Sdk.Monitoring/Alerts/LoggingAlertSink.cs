using System.Globalization;
using System.Text;
using Microsoft.Extensions.Logging;
using Ml.Sdk.Monitoring.Alerts.Internal;

namespace Ml.Sdk.Monitoring.Alerts;

/// <summary>
/// Writes each alert to the log at <see cref="LogLevel.Warning"/> (event id 6401) with the model, kind, version, message and
/// figures, so that an app without a pager still sees its alerts wherever its logs go.
/// </summary>
public sealed class LoggingAlertSink : IAlertSink
{
    private readonly ILogger _logger;

    /// <summary>Initializes a new instance of the <see cref="LoggingAlertSink"/> class.</summary>
    /// <param name="logger">The logger the alerts are written to.</param>
    /// <exception cref="ArgumentNullException"><paramref name="logger"/> is <see langword="null"/>.</exception>
    public LoggingAlertSink(ILogger<LoggingAlertSink> logger)
    {
        ArgumentNullException.ThrowIfNull(logger);
        _logger = logger;
    }

    /// <inheritdoc />
    /// <exception cref="ArgumentNullException"><paramref name="alert"/> is <see langword="null"/>.</exception>
    public ValueTask SendAsync(MonitoringAlert alert, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(alert);
        if (_logger.IsEnabled(LogLevel.Warning))
        {
            AlertLog.AlertRaised(_logger, alert.ModelName, alert.Kind, alert.ModelVersion ?? "unknown", alert.Message, FormatFigures(alert.Figures), alert.Timestamp);
        }

        return ValueTask.CompletedTask;
    }

    internal static string FormatFigures(IReadOnlyDictionary<string, double> figures)
    {
        var text = new StringBuilder();
        foreach (KeyValuePair<string, double> figure in figures)
        {
            if (text.Length > 0)
            {
                text.Append(", ");
            }

            text.Append(figure.Key).Append('=').Append(figure.Value.ToString("G6", CultureInfo.InvariantCulture));
        }

        return text.ToString();
    }
}
