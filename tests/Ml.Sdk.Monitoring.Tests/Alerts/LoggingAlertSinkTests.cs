using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Ml.Sdk.Monitoring.Alerts;

namespace Ml.Sdk.Monitoring.Tests.Alerts;

public sealed class LoggingAlertSinkTests
{
    [Fact]
    public async Task SendAsync_Alert_LogsOneWarningWithModelKindMessageAndFigures()
    {
        var logger = new FakeLogger<LoggingAlertSink>();
        var sink = new LoggingAlertSink(logger);
        var alert = new MonitoringAlert
        {
            ModelName = "churn",
            ModelVersion = "7",
            Kind = AlertKind.FairnessViolated,
            Message = "Equalized odds difference 0.31 is above 0.2",
            Figures = new Dictionary<string, double> { ["EqualizedOddsDifference"] = 0.31, ["DemographicParityDifference"] = 0.125 },
            Timestamp = new DateTimeOffset(2025, 1, 2, 3, 4, 5, TimeSpan.Zero),
        };

        await sink.SendAsync(alert, CancellationToken.None);

        FakeLogRecord record = Assert.Single(logger.Collector.GetSnapshot());
        Assert.Equal(LogLevel.Warning, record.Level);
        Assert.Equal(6401, record.Id.Id);
        Assert.Contains("churn", record.Message, StringComparison.Ordinal);
        Assert.Contains("FairnessViolated", record.Message, StringComparison.Ordinal);
        Assert.Contains("Equalized odds difference 0.31 is above 0.2", record.Message, StringComparison.Ordinal);
        Assert.Contains("EqualizedOddsDifference=0.31, DemographicParityDifference=0.125", record.Message, StringComparison.Ordinal);
        Assert.Equal("churn", record.GetStructuredStateValue("Model"));
        Assert.Equal("FairnessViolated", record.GetStructuredStateValue("Kind"));
    }

    [Fact]
    public async Task SendAsync_NoVersionAndNonFiniteFigure_LogsThemReadably()
    {
        var logger = new FakeLogger<LoggingAlertSink>();
        var alert = new MonitoringAlert
        {
            ModelName = "m",
            Kind = AlertKind.PerformanceDegraded,
            Message = "m",
            Figures = new Dictionary<string, double> { ["RocAuc"] = double.NaN },
            Timestamp = DateTimeOffset.UnixEpoch,
        };

        await new LoggingAlertSink(logger).SendAsync(alert, CancellationToken.None);

        string message = Assert.Single(logger.Collector.GetSnapshot()).Message;
        Assert.Contains("version unknown", message, StringComparison.Ordinal);
        Assert.Contains("RocAuc=NaN", message, StringComparison.Ordinal);
    }
}
