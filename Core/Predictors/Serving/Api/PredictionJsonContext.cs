using System.Text.Json;
using System.Text.Json.Serialization;

namespace MlOpsDashboard.Core.Predictors.Serving.Api;

/// <summary>
/// Source-generated (no reflection on the hot path) and strict: an unknown field is an error
/// rather than silently ignored, numbers must be numbers, and NaN / Infinity are read as values
/// so the validator can name the field that carries them.
/// </summary>
[JsonSourceGenerationOptions(
    JsonSerializerDefaults.Web,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    MaxDepth = 16)]
[JsonSerializable(typeof(BuildFeaturesInput))]
[JsonSerializable(typeof(BuildBatchInput))]
[JsonSerializable(typeof(TestSelectionInput))]
[JsonSerializable(typeof(TestSelectionBatchInput))]
[JsonSerializable(typeof(BuildTimeResponse))]
[JsonSerializable(typeof(BuildTimeBatchResponse))]
[JsonSerializable(typeof(FailureRiskResponse))]
[JsonSerializable(typeof(FailureRiskBatchResponse))]
[JsonSerializable(typeof(TestSelectionResponse))]
[JsonSerializable(typeof(TestSelectionBatchResponse))]
[JsonSerializable(typeof(ValidationOkResponse))]
[JsonSerializable(typeof(float[]))]
[JsonSerializable(typeof(float[][]))]
public sealed partial class PredictionJsonContext : JsonSerializerContext;
