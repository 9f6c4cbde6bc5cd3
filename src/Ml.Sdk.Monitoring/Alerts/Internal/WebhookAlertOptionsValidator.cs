using Microsoft.Extensions.Options;

namespace Ml.Sdk.Monitoring.Alerts.Internal;

/// <summary>Validates the data annotations of <see cref="WebhookAlertOptions"/> (source-generated, trimming-safe).</summary>
[OptionsValidator]
internal sealed partial class WebhookAlertOptionsValidator : IValidateOptions<WebhookAlertOptions>
{
}
