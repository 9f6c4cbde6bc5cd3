using System.Text.Json.Serialization;

namespace Ml.Sdk.Training.Checkpoints.Internal;

/// <summary>Source-generated JSON for checkpoint headers; NaN and infinite metrics are kept.</summary>
[JsonSourceGenerationOptions(NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals)]
[JsonSerializable(typeof(CheckpointHeader))]
internal sealed partial class CheckpointJson : JsonSerializerContext;
