using Microsoft.Extensions.Diagnostics.HealthChecks;
using Ml.Sdk.Serving.Internal;

namespace Ml.Sdk.Serving;

/// <summary>
/// Ready only when every served model has a warmed-up version taking traffic. A model whose newer version failed to
/// load while an older one keeps serving makes the check <see cref="HealthStatus.Degraded"/>, with the error in the data.
/// Registered by <c>AddMlServing()</c> as <c>ml_sdk.serving</c> with the tag <c>ready</c>.
/// </summary>
public sealed class ServingHealthCheck : IHealthCheck
{
    /// <summary>The check's registered name.</summary>
    public const string Name = "ml_sdk.serving";

    private readonly IModelServer _server;

    /// <summary>Creates the check.</summary>
    /// <param name="server">The served models.</param>
    public ServingHealthCheck(IModelServer server)
    {
        ArgumentNullException.ThrowIfNull(server);
        _server = server;
    }

    /// <inheritdoc />
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var data = new Dictionary<string, object>(StringComparer.Ordinal);
        var notReady = new List<string>();
        var degraded = new List<string>();
        foreach (ServedModelStatus status in _server.GetStatuses())
        {
            data[status.Name] = status.IsReady
                ? $"serving version {status.DefaultVersion} (loaded: {string.Join(", ", status.Versions.Where(static v => v.State == VersionState.Ready).Select(static v => v.Version))})"
                : $"not ready: {status.LastError ?? "loading"}";
            if (!status.IsReady)
            {
                notReady.Add(status.Name);
            }
            else if (status.Versions.Any(static v => v.State == VersionState.Failed))
            {
                degraded.Add(status.Name);
                data[status.Name + ".error"] = string.Join("; ", status.Versions.Where(static v => v.State == VersionState.Failed).Select(static v => v.Error));
            }
        }

        HealthCheckResult result = notReady.Count > 0
            ? HealthCheckResult.Unhealthy($"Models without a ready version: {string.Join(", ", notReady)}.", data: data)
            : degraded.Count > 0
                ? HealthCheckResult.Degraded($"Models serving an older version after a failed load: {string.Join(", ", degraded)}.", data: data)
                : HealthCheckResult.Healthy($"{data.Count} model(s) ready.", data);
        return Task.FromResult(result);
    }
}
