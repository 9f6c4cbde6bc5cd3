using Ml.Sdk.Monitoring.Live;

namespace Ml.Sdk.Monitoring.DependencyInjection.Internal;

/// <summary>One <c>MonitorModel(name, configure)</c> call; several calls for one name configure the same model, in order.</summary>
internal sealed record MonitoredModelRegistration(string ModelName, Action<ModelMonitorBuilder> Configure);
