using System.Text.Json;
using System.Text.Json.Serialization;

namespace Ml.Sdk.Monitoring.Alerts.Internal;

/// <summary>
/// Source-generated JSON for the webhook payload: camelCase properties, the kind as its name, the timestamp in ISO 8601.
/// Figures keep their names as given; a NaN or infinite figure is written as the string "NaN", "Infinity" or "-Infinity"
/// because JSON has no number for it and dropping the alert would be worse.
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    UseStringEnumConverter = true,
    NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
[JsonSerializable(typeof(MonitoringAlert))]
internal sealed partial class AlertJsonContext : JsonSerializerContext
{
    public static byte[] Serialize(MonitoringAlert alert) => JsonSerializer.SerializeToUtf8Bytes(alert, Default.MonitoringAlert);
}
