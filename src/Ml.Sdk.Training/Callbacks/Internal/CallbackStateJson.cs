using System.Text.Json.Serialization;

namespace Ml.Sdk.Training.Callbacks.Internal;

/// <summary>Source-generated JSON for the built-in callbacks' checkpoint states; infinities are allowed (a best value may still be ±∞).</summary>
[JsonSourceGenerationOptions(NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals)]
[JsonSerializable(typeof(EarlyStoppingState))]
[JsonSerializable(typeof(ModelCheckpointState))]
[JsonSerializable(typeof(SchedulerState))]
internal sealed partial class CallbackStateJson : JsonSerializerContext;
