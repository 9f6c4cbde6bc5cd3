namespace Ml.Sdk.Serving.Internal;

/// <summary>A model added with <c>AddModel</c>: its name and how its options are configured.</summary>
internal sealed record ServedModelRegistration(string Name, Action<ServedModelOptions> Configure);
